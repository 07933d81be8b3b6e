/* cc-cli-photos.c — craftchain-cli photos command: add image files to a piece.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-photos.h"

static int
cmd_photos_add (CcCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) added_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) added_files = g_ptr_array_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  g_autoptr(GPtrArray) failed_files = g_ptr_array_new ();
  guint n_files;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, G_MAXUINT, "photos add ID|SKU FILE…"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);

  /* Each file on its own: one bad file does not stop the others. */
  n_files = args.positional->len - 1;
  for (guint i = 1; i < args.positional->len; i++)
    {
      const char *file = g_ptr_array_index (args.positional, i);
      g_autoptr(GError) file_error = NULL;
      char *id = cc_photos_add_file (store, product->id, file, &file_error);

      if (id != NULL)
        {
          g_ptr_array_add (added_ids, id);
          g_ptr_array_add (added_files, (gpointer)file);
          if (!cli->json)
            {
              g_print (_("Added “%s”."), file);
              g_print ("\n");
            }
        }
      else
        {
          if (!cli->json)
            g_printerr ("%s: %s: %s\n", cli->prgname, file, file_error->message);
          g_ptr_array_add (failed_files, (gpointer)file);
          g_ptr_array_add (failures, g_steal_pointer (&file_error));
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      photos = cc_photos_list (store, product->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, product->id);
      json_builder_set_member_name (builder, "added");
      json_builder_begin_array (builder);
      for (guint i = 0; i < added_ids->len; i++)
        {
          const char *id = g_ptr_array_index (added_ids, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, g_ptr_array_index (added_files, i));
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          for (guint j = 0; j < photos->len; j++)
            {
              CcPhoto *photo = g_ptr_array_index (photos, j);

              if (g_strcmp0 (photo->id, id) == 0)
                {
                  json_builder_set_member_name (builder, "sha256");
                  json_builder_add_string_value (builder, photo->sha256);
                  json_builder_set_member_name (builder, "position");
                  json_builder_add_int_value (builder, photo->position);
                }
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "failed");
      json_builder_begin_array (builder);
      for (guint i = 0; i < failures->len; i++)
        {
          GError *file_error = g_ptr_array_index (failures, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, g_ptr_array_index (failed_files, i));
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, cc_cli_error_code (file_error));
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, file_error->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }

  if (failures->len > 0)
    {
      GError *first = g_ptr_array_index (failures, 0);
      g_autoptr(GError) summary = NULL;

      summary = g_error_new (first->domain, first->code,
                             ngettext ("%u of %u photo could not be added",
                                       "%u of %u photos could not be added", n_files),
                             failures->len, n_files);
      return cc_cli_fail (cli, summary);
    }
  return CC_CLI_OK;
}

int
cc_cli_cmd_photos (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  if (argc < 1)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                               "photos add ID|SKU FILE…");
  if (strcmp (argv[0], "add") == 0)
    return cmd_photos_add (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "photos", argv[0]);
}
