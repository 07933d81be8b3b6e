/* cc-cli-import.c — craftchain-cli commands that bring pieces in from CSV files and write products and orders out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <glib-unix.h>
#include <signal.h>

#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-image-fetch.h"
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

/* import fetch-images: the addresses kept by earlier imports, fetched now. */

typedef struct
{
  CcCli               *cli;
  GMainLoop           *loop;
  CcImageFetchReport  *report;
  GError              *error;
} FetchImages;

static void
on_fetch_progress (guint       done,
                   guint       total,
                   const char *url,
                   gpointer    user_data)
{
  FetchImages *fetch = user_data;

  if (fetch->cli->json || url == NULL)
    return;
  /* TRANSLATORS: progress of fetching images: "[3/12] https://…/vase.jpg" */
  g_print (_("[%u/%u] %s"), done + 1, total, url);
  g_print ("\n");
}

static void
on_fetch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FetchImages *fetch = user_data;

  fetch->report = cc_image_fetch_finish (CC_STORE (source), result, &fetch->error);
  g_main_loop_quit (fetch->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

static const char *
outcome_to_string (CcImageFetchOutcome outcome)
{
  switch (outcome)
    {
    case CC_IMAGE_FETCH_FINISHED:
      return "finished";
    case CC_IMAGE_FETCH_OFFLINE:
      return "offline";
    case CC_IMAGE_FETCH_CANCELLED:
      return "cancelled";
    default:
      g_assert_not_reached ();
    }
}

static void
print_fetch_json (CcImageFetchReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, outcome_to_string (report->outcome));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, report->n_total);
  json_builder_set_member_name (builder, "attached");
  json_builder_add_int_value (builder, report->n_attached);
  json_builder_set_member_name (builder, "left");
  json_builder_add_int_value (builder, report->n_left);
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->failures->len; i++)
    {
      CcImageFetchEntry *entry = g_ptr_array_index (report->failures, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, entry->product_id);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, entry->url);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, entry->reason);
      json_builder_set_member_name (builder, "tries");
      json_builder_add_int_value (builder, entry->tries);
      json_builder_set_member_name (builder, "given_up");
      json_builder_add_boolean_value (builder, entry->given_up);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cc_cli_print_json (builder);
}

/* Exit status: 0 when every pending address was fetched (or none was
 * pending); 1 when any failed, the network is off, or it was interrupted. */
static int
fetch_images (CcCli  *cli,
              int     argc,
              char  **argv)
{
  static const CcCliOption specs[] = {
    { "product", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CcImageFetchReport) report = NULL;
  g_autofree char *product_id = NULL;
  const char *product;
  FetchImages fetch = { cli, NULL, NULL, NULL };
  CcStore *store;
  guint interrupt;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "import fetch-images [--product ID|SKU]"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  if ((product = cc_cli_args_get (&args, "product")) != NULL)
    {
      g_autoptr(CcProduct) found = cc_catalogue_get_product (store, product, NULL);
      g_autoptr(GPtrArray) owners = NULL;

      if (found == NULL)
        {
          owners = cc_catalogue_find_sku (store, product, NULL);
          if (owners->len > 0)
            found = cc_catalogue_get_product (store, g_ptr_array_index (owners, 0), NULL);
        }
      if (found == NULL)
        {
          g_set_error (&error, CC_ERROR, CC_ERROR_NOT_FOUND,
                       _("There is no piece with the id or SKU “%s”"), product);
          return cc_cli_fail (cli, error);
        }
      product_id = g_strdup (found->id);
    }

  fetch.loop = g_main_loop_new (NULL, FALSE);
  interrupt = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  cc_image_fetch_async (store, product_id, NULL, on_fetch_progress, &fetch, NULL,
                        cancellable, on_fetch_done, &fetch);
  g_main_loop_run (fetch.loop);
  g_source_remove (interrupt);
  g_main_loop_unref (fetch.loop);

  if (fetch.error != NULL)
    {
      g_propagate_error (&error, fetch.error);
      return cc_cli_fail (cli, error);
    }
  report = fetch.report;

  if (cli->json)
    print_fetch_json (report);
  else if (report->n_total == 0 && report->outcome == CC_IMAGE_FETCH_FINISHED)
    g_print ("%s\n", _("No images are waiting to be fetched."));
  else
    {
      g_print (ngettext ("Attached %u of %u image", "Attached %u of %u images", report->n_total),
               report->n_attached, report->n_total);
      g_print ("\n");
      for (guint i = 0; i < report->failures->len; i++)
        {
          CcImageFetchEntry *entry = g_ptr_array_index (report->failures, i);

          /* TRANSLATORS: an image address that could not be fetched, and why */
          g_printerr (_("%s: failed: %s — %s"), cli->prgname, entry->url, entry->reason);
          g_printerr ("\n");
        }
    }

  if (report->n_failed > 0)
    g_set_error (&error, CC_ERROR, CC_ERROR_FAILED,
                 ngettext ("%u image could not be fetched; it is tried again on the next run "
                           "unless it failed %u times.",
                           "%u images could not be fetched; they are tried again on the next run "
                           "unless they failed %u times.", report->n_failed),
                 report->n_failed, CC_IMAGE_FETCH_MAX_TRIES);
  else if (report->outcome == CC_IMAGE_FETCH_OFFLINE)
    {
      g_autoptr(GPtrArray) pending = cc_image_fetch_list_pending (store, product_id, 0);

      g_set_error (&error, CC_ERROR, CC_ERROR_OFFLINE,
                   ngettext ("There is no network: %u image waits for the next run, nothing was lost.",
                             "There is no network: %u images wait for the next run, nothing was lost.",
                             pending->len),
                   pending->len);
    }
  else if (report->outcome == CC_IMAGE_FETCH_CANCELLED)
    g_set_error (&error, CC_ERROR, CC_ERROR_FAILED,
                 ngettext ("Interrupted: %u image waits for the next run.",
                           "Interrupted: %u images wait for the next run.", report->n_left),
                 report->n_left);
  if (error != NULL)
    return cc_cli_fail (cli, error);
  return CC_CLI_OK;
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

  /* A file really named so is reached as ./fetch-images. */
  if (argc > 0 && strcmp (argv[0], "fetch-images") == 0)
    return fetch_images (cli, argc - 1, argv + 1);

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
