/* cc-cli-import.c — craftchain-cli commands that bring pieces in from CSV files and write products and orders out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-import.h"

/* Import */

static const char *
format_to_string (CcImportFormat format)
{
  switch (format)
    {
    case CC_IMPORT_FORMAT_SHOPIFY:
      return "shopify";
    case CC_IMPORT_FORMAT_SHOPIFY_2024:
      return "shopify-2024";
    case CC_IMPORT_FORMAT_ETSY:
      return "etsy";
    default:
      g_assert_not_reached ();
    }
}

static const char *
format_get_label (CcImportFormat format)
{
  switch (format)
    {
    case CC_IMPORT_FORMAT_SHOPIFY:
      return _("Shopify product CSV");
    case CC_IMPORT_FORMAT_SHOPIFY_2024:
      return _("Shopify product CSV (2024 columns)");
    case CC_IMPORT_FORMAT_ETSY:
      return _("Etsy listings CSV");
    default:
      g_assert_not_reached ();
    }
}

static void
print_preview_json (CcImportPreview *preview,
                    gboolean         dry_run,
                    guint            created,
                    guint            updated)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format_to_string (preview->format));
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "to_create");
  json_builder_add_int_value (builder, preview->n_create);
  json_builder_set_member_name (builder, "to_update");
  json_builder_add_int_value (builder, preview->n_update);
  json_builder_set_member_name (builder, "quantities_not_imported");
  json_builder_add_int_value (builder, preview->n_quantities);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      CcImportProblem *problem = g_ptr_array_index (preview->problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, problem->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (!dry_run)
    {
      json_builder_set_member_name (builder, "created");
      json_builder_add_int_value (builder, created);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, updated);
    }
  json_builder_end_object (builder);
  cc_cli_print_json (builder);
}

static void
print_preview_text (CcImportPreview *preview)
{
  /* TRANSLATORS: the kind of file being imported, like "Etsy listings CSV" */
  g_print (_("Format: %s"), format_get_label (preview->format));
  g_print ("\n");
  g_print (ngettext ("%u piece to create", "%u pieces to create", preview->n_create), preview->n_create);
  g_print ("\n");
  g_print (ngettext ("%u piece to update", "%u pieces to update", preview->n_update), preview->n_update);
  g_print ("\n");
  if (preview->n_quantities > 0)
    {
      g_print (ngettext ("%u stock quantity in the file is not imported: record stock with “stock adjust”.",
                         "%u stock quantities in the file are not imported: record stock with “stock adjust”.",
                         preview->n_quantities),
               preview->n_quantities);
      g_print ("\n");
    }
  for (guint i = 0; i < preview->problems->len; i++)
    {
      CcImportProblem *problem = g_ptr_array_index (preview->problems, i);

      /* TRANSLATORS: a row of an imported file that will not import */
      g_print (_("line %u: %s"), problem->line, problem->reason);
      g_print ("\n");
    }
}

/* Exit status: 1 when the file cannot be read, is not a products CSV, or
 * has no row that can be imported; otherwise 0, even with bad lines
 * (they are listed and skipped). */
int
cc_cli_cmd_import (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption specs[] = {
    { "dry-run", CC_CLI_FLAG },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(CcImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gboolean dry_run;
  guint created = 0, updated = 0;
  CcStore *store;

  g_return_val_if_fail (cli != NULL, CC_CLI_USAGE);

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "import FILE [--dry-run]"))
    return CC_CLI_USAGE;
  path = g_ptr_array_index (args.positional, 0);
  dry_run = cc_cli_args_has (&args, "dry-run");

  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(preview = cc_import_preview_file (store, path, &error)))
    return cc_cli_fail (cli, error);

  if (preview->items->len == 0)
    {
      if (cli->json)
        print_preview_json (preview, TRUE, 0, 0);
      else
        print_preview_text (preview);
      g_set_error (&error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Nothing to import: “%s” has no row that can be imported"), path);
      return cc_cli_fail (cli, error);
    }

  if (!dry_run && !cc_import_apply (store, preview, &created, &updated, &error))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      print_preview_json (preview, dry_run, created, updated);
      return CC_CLI_OK;
    }

  print_preview_text (preview);
  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was changed."));
  else
    {
      g_print (ngettext ("Created %u piece", "Created %u pieces", created), created);
      g_print ("\n");
      g_print (ngettext ("Updated %u piece", "Updated %u pieces", updated), updated);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

/* Export */

int
cc_cli_cmd_export (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const char usage[] = "export products|orders FILE";
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *what;
  const char *path;
  gboolean ok;
  CcStore *store;

  g_return_val_if_fail (cli != NULL, CC_CLI_USAGE);

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, usage))
    return CC_CLI_USAGE;
  what = g_ptr_array_index (args.positional, 0);
  path = g_ptr_array_index (args.positional, 1);
  if (strcmp (what, "products") != 0 && strcmp (what, "orders") != 0)
    return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "export", what);

  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  if (strcmp (what, "products") == 0)
    {
      ok = cc_export_shopify_csv (store, path, &error);
      message = g_strdup_printf (_("Wrote the pieces as a Shopify product CSV to “%s”."), path);
    }
  else
    {
      ok = cc_export_orders_csv (store, path, &error);
      message = g_strdup_printf (_("Wrote the orders, one row per line, to “%s”."), path);
    }
  if (!ok)
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    g_print ("%s\n", message);
  return CC_CLI_OK;
}
