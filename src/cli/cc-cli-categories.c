/* cc-cli-categories.c — craftchain-cli categories commands: the tree, add, move, rename, remove.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli-private.h"
#include "cc-error.h"

static void
print_id_result (CcCli      *cli,
                 const char *id,
                 const char *message)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    g_print ("%s\n", message);
}

static int
cmd_list (CcCli  *cli,
          int     argc,
          char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "categories list"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  categories = cc_catalogue_list_categories (store);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < categories->len; i++)
        {
          CcCategory *category = g_ptr_array_index (categories, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, category->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, category->name);
          cc_cli_add_string_or_null (builder, "slug", category->slug);
          cc_cli_add_string_or_null (builder, "parent_id", category->parent_id);
          json_builder_set_member_name (builder, "sort_order");
          json_builder_add_int_value (builder, category->sort_order);
          json_builder_set_member_name (builder, "depth");
          json_builder_add_int_value (builder, category->depth);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  if (categories->len == 0)
    {
      g_print ("%s\n", _("No categories yet. Add one with: craftchain-cli categories add NAME"));
      return CC_CLI_OK;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (categories, i);

      g_print ("%*s%s\n", 2 * MAX (category->depth, 0), "", category->name);
    }
  return CC_CLI_OK;
}

static int
cmd_add (CcCli  *cli,
         int     argc,
         char  **argv)
{
  static const CcCliOption specs[] = { { "parent", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) parent = NULL;
  g_autofree char *id = NULL;
  const char *parent_name;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "categories add NAME [--parent C]"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  if ((parent_name = cc_cli_args_get (&args, "parent")) &&
      !(parent = cc_catalogue_get_category (store, parent_name, &error)))
    return cc_cli_fail (cli, error);
  if (!(id = cc_catalogue_add_category (store, g_ptr_array_index (args.positional, 0),
                                        parent ? parent->id : NULL, &error)))
    return cc_cli_fail (cli, error);

  /* Just the id, as products add does. */
  print_id_result (cli, id, id);
  return CC_CLI_OK;
}

static int
cmd_move (CcCli  *cli,
          int     argc,
          char  **argv)
{
  static const CcCliOption specs[] = {
    { "parent", CC_CLI_VALUE },
    { "top", CC_CLI_FLAG },
    { "order", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcCategory) parent = NULL;
  g_autofree char *message = NULL;
  const char *parent_name = NULL;
  const char *order;
  gint64 sort_order;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "categories move C --parent P|--top [--order N]"))
    return CC_CLI_USAGE;
  parent_name = cc_cli_args_get (&args, "parent");
  if ((parent_name != NULL) == cc_cli_args_has (&args, "top"))
    return cc_cli_usage_error (cli, _("Say where the category goes: --parent CATEGORY or --top"));

  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(category = cc_catalogue_get_category (store, g_ptr_array_index (args.positional, 0), &error)) ||
      (parent_name != NULL && !(parent = cc_catalogue_get_category (store, parent_name, &error))))
    return cc_cli_fail (cli, error);

  sort_order = category->sort_order;
  if ((order = cc_cli_args_get (&args, "order")) &&
      !cc_cli_parse_int (order, "--order", G_MININT, G_MAXINT, &sort_order, &error))
    return cc_cli_fail (cli, error);

  if (!cc_catalogue_move_category (store, category->id, parent ? parent->id : NULL,
                                   (int)sort_order, &error))
    return cc_cli_fail (cli, error);

  if (parent != NULL)
    message = g_strdup_printf (_("Moved “%s” into “%s”."), category->name, parent->name);
  else
    message = g_strdup_printf (_("Moved “%s” to the top level."), category->name);
  print_id_result (cli, category->id, message);
  return CC_CLI_OK;
}

static int
cmd_rename (CcCli  *cli,
            int     argc,
            char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcCategory) renamed = NULL;
  g_autofree char *message = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "categories rename C NAME"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(category = cc_catalogue_get_category (store, g_ptr_array_index (args.positional, 0), &error)) ||
      !cc_catalogue_rename_category (store, category->id, g_ptr_array_index (args.positional, 1), &error) ||
      !(renamed = cc_catalogue_get_category (store, category->id, &error)))
    return cc_cli_fail (cli, error);

  message = g_strdup_printf (_("Renamed “%s” to “%s”."), category->name, renamed->name);
  print_id_result (cli, category->id, message);
  return CC_CLI_OK;
}

static int
cmd_remove (CcCli  *cli,
            int     argc,
            char  **argv)
{
  static const CcCliOption specs[] = { { "into", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcCategory) target = NULL;
  g_autofree char *message = NULL;
  const char *target_name;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "categories remove C [--into TARGET]"))
    return CC_CLI_USAGE;
  target_name = cc_cli_args_get (&args, "into");
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(category = cc_catalogue_get_category (store, g_ptr_array_index (args.positional, 0), &error)) ||
      (target_name != NULL && !(target = cc_catalogue_get_category (store, target_name, &error))))
    return cc_cli_fail (cli, error);

  if (target != NULL && g_strcmp0 (target->id, category->id) == 0)
    {
      g_set_error (&error, CC_ERROR, CC_ERROR_CONFLICT,
                   _("“%s” cannot receive its own contents: choose another category"), category->name);
      return cc_cli_fail (cli, error);
    }
  if (!cc_catalogue_remove_category (store, category->id, target ? target->id : NULL, &error))
    return cc_cli_fail (cli, error);

  if (target != NULL)
    message = g_strdup_printf (_("Removed “%s”; its contents are now in “%s”."), category->name, target->name);
  else
    message = g_strdup_printf (_("Removed “%s”."), category->name);
  print_id_result (cli, category->id, message);
  return CC_CLI_OK;
}

int
cc_cli_cmd_categories (CcCli  *cli,
                       int     argc,
                       char  **argv)
{
  if (argc < 1)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                               "categories list|add|move|rename|remove …");
  if (strcmp (argv[0], "list") == 0)
    return cmd_list (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "add") == 0)
    return cmd_add (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "move") == 0)
    return cmd_move (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "rename") == 0)
    return cmd_rename (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "remove") == 0)
    return cmd_remove (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "categories", argv[0]);
}
