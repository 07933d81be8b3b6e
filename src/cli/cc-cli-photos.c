/* cc-cli-photos.c — craftchain-cli photos, photo, moodboard and video commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-media.h"
#include "cc-photo-analysis.h"
#include "cc-photo-export.h"
#include "cc-photos.h"

/* The stored analysis of a blob, made now (and kept) if there is none. */
static CcPhotoAnalysis *
ensure_analysis (CcStore     *store,
                 const char  *sha256,
                 GError     **error)
{
  g_autoptr(CcPhotoAnalysis) analysis = cc_photo_analysis_lookup (store, sha256);
  g_autofree char *path = NULL;

  if (analysis != NULL)
    return g_steal_pointer (&analysis);
  path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), sha256);
  analysis = cc_photo_analyse_file (path, NULL, error);
  if (analysis == NULL || !cc_photo_analysis_save (store, sha256, analysis, error))
    return NULL;
  return g_steal_pointer (&analysis);
}

/* A piece as people know it: “Title” (SKU). */
static char *
describe_product (CcStore    *store,
                  const char *product_id)
{
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, product_id, NULL);
  g_auto(GStrv) languages = NULL;

  if (product == NULL)
    return g_strdup (product_id);
  languages = cc_store_dup_languages (store);
  if (product->sku != NULL && *product->sku != '\0')
    /* TRANSLATORS: a piece's title and, in brackets, its SKU */
    return g_strdup_printf (_("“%s” (%s)"), cc_product_get_title (product, languages[0]), product->sku);
  return g_strdup_printf (_("“%s”"), cc_product_get_title (product, languages[0]));
}

/* Near duplicates of a just-added blob elsewhere in the shop, as
 * CcPhotoMatch*. */
static GPtrArray *
near_duplicates (CcStore               *store,
                 const char            *sha256,
                 const CcPhotoAnalysis *analysis)
{
  return cc_photo_analysis_find_similar_photos (store, analysis->phash, CC_PHASH_DUPLICATE, sha256);
}

/* The photo was added: analyse it now (so the shop's filters and similar
 * pieces know it) and say if the shop already has one like it. A photo
 * that cannot be analysed stays added: the analysis is only advice. */
static CcPhotoAnalysis *
analyse_added (CcCli       *cli,
               CcStore     *store,
               const char  *product_id,
               const char  *photo_id,
               const char  *file,
               GPtrArray  **out_matches)
{
  g_autoptr(GPtrArray) photos = cc_photos_list (store, product_id);
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  const char *sha256 = NULL;

  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      if (g_strcmp0 (photo->id, photo_id) == 0)
        sha256 = photo->sha256;
    }
  if (sha256 == NULL)
    return NULL;

  analysis = ensure_analysis (store, sha256, &error);
  if (analysis == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” was added but could not be analysed: %s"),
                                                  file, error->message);

      if (!cli->json)
        cc_cli_warn (cli, message);
      return NULL;
    }

  matches = near_duplicates (store, sha256, analysis);
  for (guint i = 0; i < matches->len && !cli->json; i++)
    {
      CcPhotoMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *piece = describe_product (store, match->product_id);
      g_autofree char *message = NULL;

      if (g_strcmp0 (match->product_id, product_id) == 0)
        message = g_strdup_printf (_("“%s” looks like a photo this piece already has"), file);
      else
        message = g_strdup_printf (_("“%s” looks like a photo of %s"), file, piece);
      cc_cli_warn (cli, message);
    }
  if (!cli->json)
    {
      g_print (_("Photo score: %d/100."), analysis->score);
      if (analysis->suggestions->len > 0)
        g_print (" %s", (const char *) g_ptr_array_index (analysis->suggestions, 0));
      g_print ("\n");
    }
  if (out_matches != NULL)
    *out_matches = g_steal_pointer (&matches);
  return g_steal_pointer (&analysis);
}

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
  g_autoptr(GPtrArray) analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_photo_analysis_free);
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
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
          GPtrArray *matches = NULL;

          g_ptr_array_add (added_ids, id);
          g_ptr_array_add (added_files, (gpointer)file);
          if (!cli->json)
            {
              g_print (_("Added “%s”."), file);
              g_print ("\n");
            }
          g_ptr_array_add (analyses, analyse_added (cli, store, product->id, id, file, &matches));
          g_ptr_array_add (duplicates, matches ? matches : g_ptr_array_new ());
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
          CcPhotoAnalysis *analysis = g_ptr_array_index (analyses, i);
          GPtrArray *matches = g_ptr_array_index (duplicates, i);

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
          json_builder_set_member_name (builder, "score");
          if (analysis != NULL)
            json_builder_add_int_value (builder, analysis->score);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "near_duplicates");
          json_builder_begin_array (builder);
          for (guint j = 0; j < matches->len; j++)
            {
              CcPhotoMatch *match = g_ptr_array_index (matches, j);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "product_id");
              json_builder_add_string_value (builder, match->product_id);
              json_builder_set_member_name (builder, "photo_id");
              json_builder_add_string_value (builder, match->photo_id);
              json_builder_set_member_name (builder, "distance");
              json_builder_add_int_value (builder, match->distance);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
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

/* photo analyze */

static void
print_analysis (const char            *file,
                const CcPhotoAnalysis *analysis)
{
  /* TRANSLATORS: a photo file, its score out of 100 and its size */
  g_print (_("%s: %d/100 (%d × %d px)"), file, analysis->score, analysis->width, analysis->height);
  g_print ("\n");
  for (guint i = 0; i < analysis->parts->len; i++)
    {
      CcQualityPart *part = g_ptr_array_index (analysis->parts, i);
      g_autofree char *label = cc_cli_fit (cc_quality_aspect_get_label (part->aspect), 16);

      g_print ("  %s %3d  %s\n", label, part->score, part->reason);
    }
  g_print ("%s\n", _("Palette:"));
  for (guint i = 0; i < analysis->palette->len; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);

      g_print ("  #%02x%02x%02x %3d%%  %s\n", colour->r, colour->g, colour->b,
               (int) (colour->share * 100.0 + 0.5), colour->name);
    }
  if (analysis->suggestions->len > 0)
    {
      g_print ("%s\n", _("Suggestions:"));
      for (guint i = 0; i < analysis->suggestions->len; i++)
        g_print ("  %u. %s\n", i + 1, (const char *) g_ptr_array_index (analysis->suggestions, i));
    }
  else
    g_print ("%s\n", _("Nothing to improve."));
  if (analysis->style_tags->len > 0)
    {
      g_autoptr(GString) tags = g_string_new (NULL);

      for (guint i = 0; i < analysis->style_tags->len; i++)
        {
          if (i > 0)
            /* TRANSLATORS: between style tags in a list */
            g_string_append (tags, _(", "));
          g_string_append (tags, g_ptr_array_index (analysis->style_tags, i));
        }
      g_print (_("Style: %s"), tags->str);
      g_print ("\n");
    }
}

static JsonNode *
analysis_node (const CcPhotoAnalysis *analysis)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = cc_photo_analysis_to_json (analysis);
  JsonNode *node;

  json_parser_load_from_data (parser, json, -1, NULL);
  node = json_node_copy (json_parser_get_root (parser));
  /* What the words were made from is for the store, not for scripts. */
  json_object_remove_member (json_node_get_object (node), "measures");
  return node;
}

static int
cmd_photo_analyze (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_files;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, G_MAXUINT, "photo analyze FILE…"))
    return CC_CLI_USAGE;

  n_files = args.positional->len;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "photos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_files; i++)
    {
      const char *file = g_ptr_array_index (args.positional, i);
      g_autoptr(GError) file_error = NULL;
      g_autoptr(CcPhotoAnalysis) analysis = cc_photo_analyse_file (file, NULL, &file_error);

      if (analysis == NULL)
        {
          if (cli->json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "file");
              json_builder_add_string_value (builder, file);
              json_builder_set_member_name (builder, "error");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "code");
              json_builder_add_string_value (builder, cc_cli_error_code (file_error));
              json_builder_set_member_name (builder, "message");
              json_builder_add_string_value (builder, file_error->message);
              json_builder_end_object (builder);
              json_builder_end_object (builder);
            }
          else
            g_printerr ("%s: %s\n", cli->prgname, file_error->message);
          g_ptr_array_add (failures, g_steal_pointer (&file_error));
          continue;
        }

      if (cli->json)
        {
          JsonNode *node = analysis_node (analysis);

          json_object_set_string_member (json_node_get_object (node), "file", file);
          json_builder_add_value (builder, node);
        }
      else
        {
          if (i > 0)
            g_print ("\n");
          print_analysis (file, analysis);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    cc_cli_print_json (builder);

  if (failures->len > 0)
    {
      GError *first = g_ptr_array_index (failures, 0);
      g_autoptr(GError) summary = NULL;

      if (n_files == 1)
        summary = g_error_copy (first);
      else
        summary = g_error_new (first->domain, first->code,
                               ngettext ("%u of %u photo could not be analysed",
                                         "%u of %u photos could not be analysed", n_files),
                               failures->len, n_files);
      /* Each file's reason was given above; JSON scripts get the summary. */
      if (cli->json || n_files > 1)
        return cc_cli_fail (cli, summary);
      return CC_CLI_FAILED;
    }
  return CC_CLI_OK;
}

/* photo similar */

/* Analyses every photo that lacks a current analysis, here and now: the
 * command line has no worker to leave it to. */
static void
analyse_missing (CcCli   *cli,
                 CcStore *store)
{
  g_auto(GStrv) missing = cc_photo_analysis_dup_missing (store);

  for (guint i = 0; missing[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcPhotoAnalysis) analysis = NULL;
      g_autofree char *path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), missing[i]);

      /* Photos that have not arrived yet are analysed once they have. */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      analysis = ensure_analysis (store, missing[i], &error);
      if (analysis == NULL && !cli->json)
        {
          g_autofree char *message = g_strdup_printf (_("A stored photo could not be analysed: %s"),
                                                      error->message);

          cc_cli_warn (cli, message);
        }
    }
}

static int
cmd_photo_similar (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption options[] = {
    { "limit", CC_CLI_VALUE },
    { NULL },
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  g_auto(GStrv) languages = NULL;
  gint64 limit = 10;
  CcStore *store;

  if (!cc_cli_parse_args (cli, options, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "photo similar ID|SKU [--limit N]"))
    return CC_CLI_USAGE;
  if (cc_cli_args_has (&args, "limit") &&
      !cc_cli_parse_int (cc_cli_args_get (&args, "limit"), "limit", 1, 1000, &limit, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);

  analyse_missing (cli, store);
  similar = cc_photo_analysis_similar_products (store, product->id, (guint) limit);
  languages = cc_store_dup_languages (store);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, product->id);
      json_builder_set_member_name (builder, "similar");
      json_builder_begin_array (builder);
      for (guint i = 0; i < similar->len; i++)
        {
          g_autoptr(CcProduct) other = cc_catalogue_get_product (store, g_ptr_array_index (similar, i), NULL);

          if (other == NULL)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, other->id);
          cc_cli_add_string_or_null (builder, "sku", other->sku);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, cc_product_get_title (other, languages[0]));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  if (similar->len == 0)
    {
      g_print ("%s\n", _("No similar pieces found."));
      return CC_CLI_OK;
    }
  for (guint i = 0; i < similar->len; i++)
    {
      g_autoptr(CcProduct) other = cc_catalogue_get_product (store, g_ptr_array_index (similar, i), NULL);
      g_autofree char *sku = NULL;

      if (other == NULL)
        continue;
      sku = cc_cli_fit (other->sku ? other->sku : "", 16);
      g_print ("%s  %s\n", sku, cc_product_get_title (other, languages[0]));
    }
  return CC_CLI_OK;
}

/* photo export, moodboard */

static int
cmd_photo_export (CcCli  *cli,
                  int     argc,
                  char  **argv)
{
  static const CcCliOption options[] = {
    { "preset", CC_CLI_VALUE },
    { "out", CC_CLI_VALUE },
    { "quality", CC_CLI_VALUE },
    { NULL },
  };
  static const char usage[] = "photo export ID|SKU --preset NAME --out DIR [--quality N]";
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  gint64 quality = 0;
  CcStore *store;

  if (!cc_cli_parse_args (cli, options, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, usage))
    return CC_CLI_USAGE;
  if (cc_cli_args_get (&args, "preset") == NULL || cc_cli_args_get (&args, "out") == NULL)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname, usage);
  if (cc_cli_args_has (&args, "quality") &&
      !cc_cli_parse_int (cc_cli_args_get (&args, "quality"), "quality", 1, 100, &quality, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  files = cc_photo_export_product (store, g_ptr_array_index (args.positional, 0),
                                   cc_cli_args_get (&args, "preset"), (int) quality,
                                   cc_cli_args_get (&args, "out"), NULL, &error);
  if (files == NULL)
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (guint i = 0; i < files->len; i++)
        {
          CcExportedFile *file = g_ptr_array_index (files, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, file->path);
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, file->width);
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, file->height);
          json_builder_set_member_name (builder, "not_upscaled");
          json_builder_add_boolean_value (builder, file->not_upscaled);
          cc_cli_add_string_or_null (builder, "note", file->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  for (guint i = 0; i < files->len; i++)
    {
      CcExportedFile *file = g_ptr_array_index (files, i);

      /* TRANSLATORS: a written file and its size in pixels */
      g_print (_("Wrote %s (%d × %d)"), file->path, file->width, file->height);
      g_print ("\n");
      if (file->note != NULL)
        cc_cli_warn (cli, file->note);
    }
  return CC_CLI_OK;
}

static int
cmd_moodboard (CcCli  *cli,
               int     argc,
               char  **argv)
{
  static const CcCliOption options[] = {
    { "out", CC_CLI_VALUE },
    { NULL },
  };
  static const char usage[] = "moodboard ID|SKU --out FILE.png";
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  const char *out;
  CcStore *store;

  if (!cc_cli_parse_args (cli, options, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, usage))
    return CC_CLI_USAGE;
  out = cc_cli_args_get (&args, "out");
  if (out == NULL)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname, usage);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_photo_export_moodboard (store, g_ptr_array_index (args.positional, 0), out, NULL, &error))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, out);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_print (_("Wrote %s."), out);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

/* video add */

static int
cmd_video_add (CcCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(CcPhotoAnalysis) poster = NULL;
  g_autofree char *video_id = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "video add ID|SKU FILE"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)) ||
      !(video_id = cc_media_add_video (store, product->id, g_ptr_array_index (args.positional, 1), &error)) ||
      !(video = cc_media_get_video (store, product->id, &error)))
    {
      if (error == NULL)
        g_set_error (&error, CC_ERROR, CC_ERROR_FAILED, _("The clip was not kept"));
      return cc_cli_fail (cli, error);
    }

  /* The poster frame is judged like a photo. */
  if (video->poster_sha256 != NULL && *video->poster_sha256 != '\0')
    {
      g_autoptr(GError) poster_error = NULL;

      poster = ensure_analysis (store, video->poster_sha256, &poster_error);
      if (poster == NULL && !cli->json)
        {
          g_autofree char *message = g_strdup_printf (_("The clip’s poster frame could not be analysed: %s"),
                                                      poster_error->message);

          cc_cli_warn (cli, message);
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, video_id);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, product->id);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, video->sha256);
      cc_cli_add_string_or_null (builder, "poster_sha256", video->poster_sha256);
      json_builder_set_member_name (builder, "duration_ms");
      json_builder_add_int_value (builder, video->duration_ms);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, video->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, video->height);
      cc_cli_add_string_or_null (builder, "mime", video->mime);
      json_builder_set_member_name (builder, "poster_score");
      if (poster != NULL)
        json_builder_add_int_value (builder, poster->score);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  /* TRANSLATORS: a clip's length in seconds and its size in pixels */
  g_print (_("Added the clip (%.1f s, %d × %d)."), video->duration_ms / 1000.0, video->width, video->height);
  g_print ("\n");
  if (poster != NULL)
    {
      g_print (_("Poster frame score: %d/100."), poster->score);
      g_print ("\n");
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

int
cc_cli_cmd_media (CcCli       *cli,
                  const char  *command,
                  int          argc,
                  char       **argv)
{
  if (strcmp (command, "photo") == 0)
    {
      if (argc < 1)
        return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                                   "photo analyze|similar|export …");
      if (strcmp (argv[0], "analyze") == 0 || strcmp (argv[0], "analyse") == 0)
        return cmd_photo_analyze (cli, argc - 1, argv + 1);
      if (strcmp (argv[0], "similar") == 0)
        return cmd_photo_similar (cli, argc - 1, argv + 1);
      if (strcmp (argv[0], "export") == 0)
        return cmd_photo_export (cli, argc - 1, argv + 1);
      return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "photo", argv[0]);
    }
  if (strcmp (command, "moodboard") == 0)
    return cmd_moodboard (cli, argc, argv);
  if (strcmp (command, "video") == 0)
    {
      if (argc < 1)
        return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                                   "video add ID|SKU FILE");
      if (strcmp (argv[0], "add") == 0)
        return cmd_video_add (cli, argc - 1, argv + 1);
      return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "video", argv[0]);
    }
  return -1;
}
