/* cc-cli.c — craftchain-cli: global options, dispatch, output helpers and the shop-wide commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli.h"
#include "cc-cli-private.h"
#include "cc-demo.h"
#include "cc-error.h"
#include "cc-money.h"
#include "cc-search.h"
#include "cc-store.h"

/* Options */

static void
values_free (gpointer data)
{
  g_ptr_array_unref (data);
}

gboolean
cc_cli_parse_args (CcCli              *cli,
                   const CcCliOption  *specs,
                   int                 argc,
                   char              **argv,
                   CcCliArgs          *out)
{
  gboolean options_done = FALSE;

  out->positional = g_ptr_array_new_with_free_func (g_free);
  out->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, values_free);

  for (int i = 0; i < argc; i++)
    {
      const char *word = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const CcCliOption *spec = NULL;
      GPtrArray *values;

      if (options_done || word[0] != '-' || word[1] == '\0')
        {
          g_ptr_array_add (out->positional, g_strdup (word));
          continue;
        }
      if (strcmp (word, "--") == 0)
        {
          options_done = TRUE;
          continue;
        }
      if (word[1] != '-')
        {
          cc_cli_usage_error (cli, _("Unknown option “%s”"), word);
          return FALSE;
        }

      value = strchr (word, '=');
      name = value ? g_strndup (word + 2, value - word - 2) : g_strdup (word + 2);
      if (value != NULL)
        value++;
      for (guint j = 0; specs != NULL && specs[j].name != NULL; j++)
        if (strcmp (specs[j].name, name) == 0)
          spec = &specs[j];
      if (spec == NULL)
        {
          cc_cli_usage_error (cli, _("Unknown option “--%s”"), name);
          return FALSE;
        }

      if (spec->kind == CC_CLI_FLAG)
        {
          if (value != NULL)
            {
              cc_cli_usage_error (cli, _("The option “--%s” takes no value"), name);
              return FALSE;
            }
          value = "";
        }
      else if (value == NULL)
        {
          if (i + 1 >= argc)
            {
              cc_cli_usage_error (cli, _("The option “--%s” needs a value"), name);
              return FALSE;
            }
          value = argv[++i];
        }

      values = g_hash_table_lookup (out->values, name);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (out->values, g_strdup (name), values);
        }
      g_ptr_array_add (values, g_strdup (value));
    }
  return TRUE;
}

void
cc_cli_args_clear (CcCliArgs *args)
{
  g_clear_pointer (&args->positional, g_ptr_array_unref);
  g_clear_pointer (&args->values, g_hash_table_unref);
  g_clear_pointer (&args->empty, g_ptr_array_unref);
}

gboolean
cc_cli_args_has (CcCliArgs  *args,
                 const char *name)
{
  return g_hash_table_contains (args->values, name);
}

const char *
cc_cli_args_get (CcCliArgs  *args,
                 const char *name)
{
  GPtrArray *values = g_hash_table_lookup (args->values, name);

  if (values == NULL || values->len == 0)
    return NULL;
  return g_ptr_array_index (values, values->len - 1);
}

GPtrArray *
cc_cli_args_get_all (CcCliArgs  *args,
                     const char *name)
{
  GPtrArray *values = g_hash_table_lookup (args->values, name);

  if (values != NULL)
    return values;
  if (args->empty == NULL)
    args->empty = g_ptr_array_new ();
  return args->empty;
}

gboolean
cc_cli_args_expect (CcCli      *cli,
                    CcCliArgs  *args,
                    guint       min,
                    guint       max,
                    const char *usage)
{
  if (args->positional->len < min)
    {
      cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname, usage);
      return FALSE;
    }
  if (args->positional->len > max)
    {
      cc_cli_usage_error (cli, _("Unexpected argument “%s”. Usage: %s %s"),
                          (const char *)g_ptr_array_index (args->positional, max),
                          cli->prgname, usage);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_cli_parse_int (const char  *text,
                  const char  *option,
                  gint64       min,
                  gint64       max,
                  gint64      *out,
                  GError     **error)
{
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   /* TRANSLATORS: the second %s is an option, like --limit */
                   _("“%s” is not a whole number (for %s)"), text, option);
      return FALSE;
    }
  if (number < min || number > max)
    {
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   /* TRANSLATORS: "--limit must be from 1 to 10000" */
                   _("%s must be from %s to %s"), option, low, high);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

/* Errors and warnings */

const char *
cc_cli_error_code (const GError *error)
{
  if (error->domain == CC_ERROR)
    {
      switch (error->code)
        {
        case CC_ERROR_NOT_FOUND:
          return "not-found";
        case CC_ERROR_INVALID_INPUT:
          return "invalid-input";
        case CC_ERROR_CONFLICT:
          return "conflict";
        case CC_ERROR_CORRUPT:
          return "corrupt";
        case CC_ERROR_IO:
          return "io";
        default:
          return "failed";
        }
    }
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return "io";
  return "failed";
}

static void
print_json_error (const char *code,
                  const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stderr);
  fputc ('\n', stderr);
  fflush (stderr);
}

int
cc_cli_fail (CcCli        *cli,
             const GError *error)
{
  if (cli->json)
    print_json_error (cc_cli_error_code (error), error->message);
  else
    g_printerr ("%s: %s\n", cli->prgname, error->message);
  return CC_CLI_FAILED;
}

int
cc_cli_usage_error (CcCli      *cli,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (cli->json)
    print_json_error ("invalid-input", message);
  else
    {
      g_printerr ("%s: %s\n", cli->prgname, message);
      /* TRANSLATORS: %s is the program name, craftchain-cli */
      g_printerr (_("Try “%s --help” for more information."), cli->prgname);
      g_printerr ("\n");
    }
  return CC_CLI_USAGE;
}

void
cc_cli_warn (CcCli      *cli,
             const char *message)
{
  /* TRANSLATORS: the first %s is the program name, the second a warning */
  g_printerr (_("%s: warning: %s\n"), cli->prgname, message);
}

/* Output */

char *
cc_cli_format_money (gint64      amount,
                     const char *currency)
{
  if (currency == NULL || !cc_currency_is_valid (currency))
    return g_strdup_printf ("%" G_GINT64_FORMAT " %s", amount, currency ? currency : "");
  return cc_money_format (amount, currency);
}

void
cc_cli_add_money (JsonBuilder *builder,
                  gint64       amount,
                  const char  *currency)
{
  g_autofree char *formatted = cc_cli_format_money (amount, currency);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, currency ? currency : "");
  json_builder_set_member_name (builder, "formatted");
  json_builder_add_string_value (builder, formatted);
  json_builder_end_object (builder);
}

void
cc_cli_add_string_or_null (JsonBuilder *builder,
                           const char  *name,
                           const char  *text)
{
  json_builder_set_member_name (builder, name);
  if (text != NULL && *text != '\0')
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

void
cc_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  /* Raw UTF-8 whatever the locale: g_print would transliterate. */
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

int
cc_cli_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

char *
cc_cli_fit (const char *text,
            int         width)
{
  GString *out = g_string_new (NULL);
  int used = 0;

  if (text == NULL)
    text = "";
  if (cc_cli_text_width (text) > width)
    {
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          int w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

          if (used + w > width - 1)
            break;
          g_string_append_unichar (out, c);
          used += w;
        }
      g_string_append (out, "…");
      used++;
    }
  else
    {
      g_string_append (out, text);
      used = cc_cli_text_width (text);
    }
  for (; used < width; used++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

void
cc_cli_add_hits (JsonBuilder *builder,
                 GPtrArray   *hits,
                 gint64       total)
{
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hit->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hit->title ? hit->title : "");
      cc_cli_add_string_or_null (builder, "sku", hit->sku);
      json_builder_set_member_name (builder, "price");
      cc_cli_add_money (builder, hit->price, hit->currency);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, cc_product_status_to_string (hit->status));
      cc_cli_add_string_or_null (builder, "cover", hit->cover_sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

#define TITLE_MAX_WIDTH 40
#define SKU_MAX_WIDTH 16

static int
column_width (const char *header,
              int         width,
              int         max)
{
  return MIN (MAX (width, cc_cli_text_width (header)), max);
}

static void
print_hits_table (GPtrArray *hits)
{
  g_autoptr(GPtrArray) prices = g_ptr_array_new_with_free_func (g_free);
  int sku_w = 0, title_w = 0, price_w = 0, status_w = 0;
  const char *h_sku = _("SKU");
  const char *h_title = _("Title");
  const char *h_price = _("Price");
  const char *h_status = _("Status");
  const char *h_id = _("ID");

  for (guint i = 0; i < hits->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (hits, i);
      char *price = cc_cli_format_money (hit->price, hit->currency);

      g_ptr_array_add (prices, price);
      sku_w = MAX (sku_w, cc_cli_text_width (hit->sku ? hit->sku : ""));
      title_w = MAX (title_w, cc_cli_text_width (hit->title ? hit->title : ""));
      price_w = MAX (price_w, cc_cli_text_width (price));
      status_w = MAX (status_w, cc_cli_text_width (cc_product_status_get_label (hit->status)));
    }
  sku_w = column_width (h_sku, sku_w, SKU_MAX_WIDTH);
  title_w = column_width (h_title, title_w, TITLE_MAX_WIDTH);
  price_w = column_width (h_price, price_w, G_MAXINT);
  status_w = column_width (h_status, status_w, G_MAXINT);

  {
    g_autofree char *c1 = cc_cli_fit (h_sku, sku_w);
    g_autofree char *c2 = cc_cli_fit (h_title, title_w);
    g_autofree char *c3 = cc_cli_fit (h_price, price_w);
    g_autofree char *c4 = cc_cli_fit (h_status, status_w);

    g_print ("%s  %s  %s  %s  %s\n", c1, c2, c3, c4, h_id);
  }

  for (guint i = 0; i < hits->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (hits, i);
      const char *price = g_ptr_array_index (prices, i);
      g_autofree char *c1 = cc_cli_fit (hit->sku, sku_w);
      g_autofree char *c2 = cc_cli_fit (hit->title, title_w);
      g_autofree char *c4 = cc_cli_fit (cc_product_status_get_label (hit->status), status_w);
      int pad = price_w - cc_cli_text_width (price);

      /* Prices line up on the right. */
      g_print ("%s  %s  %*s%s  %s  %s\n", c1, c2, MAX (pad, 0), "", price, c4, hit->id);
    }
}

void
cc_cli_print_hits (CcCli     *cli,
                   GPtrArray *hits,
                   gint64     total,
                   guint      offset)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      cc_cli_add_hits (builder, hits, total);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return;
    }

  if (hits->len == 0)
    {
      if (total == 0)
        g_print ("%s\n", _("No pieces found."));
      else
        {
          /* TRANSLATORS: an offset past the last page of a listing */
          g_print (ngettext ("No pieces here: %u piece matches in all.",
                             "No pieces here: %u pieces match in all.",
                             (gulong)total),
                   (guint)total);
          g_print ("\n");
        }
      return;
    }

  print_hits_table (hits);
  g_print ("\n");
  if (offset == 0)
    /* TRANSLATORS: "3 of 40 pieces", how many are shown of how many match */
    g_print (ngettext ("%u of %u piece", "%u of %u pieces", (gulong)total),
             hits->len, (guint)total);
  else if (hits->len == 1)
    /* TRANSLATORS: "piece 41 of 41", the one piece on the last page */
    g_print (ngettext ("piece %u of %u", "piece %u of %u", (gulong)total),
             offset + 1, (guint)total);
  else
    /* TRANSLATORS: "pieces 11–20 of 40" */
    g_print (ngettext ("pieces %u–%u of %u", "pieces %u–%u of %u", (gulong)total),
             offset + 1, offset + hits->len, (guint)total);
  g_print ("\n");
}

/* The store */

CcStore *
cc_cli_get_store (CcCli   *cli,
                  GError **error)
{
  if (cli->store == NULL)
    cli->store = cc_store_open (cli->db_path, error);
  return cli->store;
}

/* Commands for the whole shop */

static int
cmd_overview (CcCli *cli)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *name = NULL;
  CcStore *store;
  gint64 n_products;

  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  name = cc_store_dup_setting (store, "shop-name", _("My craft shop"));
  n_products = cc_catalogue_count_products (store);
  categories = cc_catalogue_list_categories (store);

  query.sort = CC_SORT_NAME;
  query.limit = 10;
  if (!(hits = cc_search_run (store, &query, &error)))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "shop_name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, cc_store_get_path (store));
      json_builder_set_member_name (builder, "categories");
      json_builder_add_int_value (builder, categories->len);
      cc_cli_add_hits (builder, hits, n_products);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  g_print ("%s\n", name);
  /* TRANSLATORS: %s is the path of the database file */
  g_print (_("Database: %s"), cc_store_get_path (store));
  g_print ("\n");
  g_print (ngettext ("%u piece", "%u pieces", (gulong)n_products), (guint)n_products);
  g_print (" · ");
  g_print (ngettext ("%u category", "%u categories", categories->len), categories->len);
  g_print ("\n\n");

  if (n_products == 0)
    {
      g_print ("%s\n", _("Your shop is empty. Load the demo shop with: craftchain-cli demo"));
      return CC_CLI_OK;
    }
  cc_cli_print_hits (cli, hits, n_products, 0);
  return CC_CLI_OK;
}

static int
cmd_demo (CcCli  *cli,
          int     argc,
          char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  CcStore *store;
  gint64 n;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "demo"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_demo_load (store, NULL, &error))
    return cc_cli_fail (cli, error);

  n = cc_catalogue_count_products (store);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "products");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_print (ngettext ("Loaded the demo shop: %u piece.",
                         "Loaded the demo shop: %u pieces.", (gulong)n),
               (guint)n);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

static int
print_path_result (CcCli      *cli,
                   const char *path,
                   const char *message)
{
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

static int
cmd_backup (CcCli  *cli,
            int     argc,
            char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "backup FILE"))
    return CC_CLI_USAGE;
  path = g_ptr_array_index (args.positional, 0);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_store_backup (store, path, &error))
    return cc_cli_fail (cli, error);

  message = g_strdup_printf (_("Saved a backup of the shop to “%s”."), path);
  return print_path_result (cli, path, message);
}

static int
cmd_restore (CcCli  *cli,
             int     argc,
             char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "restore FILE"))
    return CC_CLI_USAGE;
  path = g_ptr_array_index (args.positional, 0);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (&error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no backup file “%s”"), path);
      return cc_cli_fail (cli, error);
    }
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_store_restore (store, path, &error))
    return cc_cli_fail (cli, error);

  message = g_strdup_printf (_("Restored the shop from “%s”."), path);
  return print_path_result (cli, path, message);
}

/* Help */

typedef struct
{
  const char *syntax;
  const char *help;
} HelpLine;

static void
print_help_lines (const HelpLine *lines,
                  guint           n_lines)
{
  for (guint i = 0; i < n_lines; i++)
    {
      /* TRANSLATORS: in the help, running the program without a command */
      const char *syntax = lines[i].syntax ? lines[i].syntax : _("(no command)");

      if (cc_cli_text_width (syntax) > 30)
        g_print ("  %s\n  %-30s  %s\n", syntax, "", _(lines[i].help));
      else
        {
          g_autofree char *padded = cc_cli_fit (syntax, 30);

          g_print ("  %s  %s\n", padded, _(lines[i].help));
        }
    }
}

static void
print_help (CcCli *cli)
{
  static const HelpLine commands[] = {
    { NULL, N_("An overview of the shop and its first pieces") },
    { "products list [OPTIONS]", N_("List pieces (options below)") },
    { "products show ID|SKU", N_("Every detail of a piece, its variants and photos") },
    { "products add --title TITLE [OPTIONS]", N_("Add a piece and print its id") },
    { "products edit ID|SKU [OPTIONS]", N_("Change a piece (also --untag T, --unmaterial M)") },
    { "products archive ID|SKU", N_("Archive a piece: kept in the records, no longer offered") },
    { "products variant add ID|SKU --option NAME=VALUE… [--sku S] [--price P]", N_("Add a variant, such as Size=Large, and print its id") },
    { "products variant remove VARIANT-ID", N_("Remove a variant") },
    { "search QUERY [OPTIONS]", N_("Pieces with words that start with the query’s words") },
    { "categories list", N_("The category tree") },
    { "categories add NAME [--parent C]", N_("Add a category and print its id") },
    { "categories move C --parent P|--top [--order N]", N_("Move a category under another, or to the top level") },
    { "categories rename C NAME", N_("Rename a category") },
    { "categories remove C [--into TARGET]", N_("Remove a category; its pieces and subcategories go to TARGET") },
    { "photos add ID|SKU FILE…", N_("Add photos to a piece, after its last one") },
    { "photo analyze FILE…", N_("Judge photos: score with reasons, palette, suggestions, style") },
    { "photo similar ID|SKU [--limit N]", N_("Pieces that look like this one, by photo and colours") },
    { "photo export ID|SKU --preset NAME --out DIR [--quality N]", N_("Save the piece’s photos cropped and sized for a marketplace") },
    { "moodboard ID|SKU --out FILE.png", N_("A picture of the piece’s photos, palette and style for social posts") },
    { "video add ID|SKU FILE", N_("Give the piece a short clip; its poster frame is analysed") },
    { "materials list", N_("Materials: on hand, average cost per unit, low-stock mark") },
    { "materials add NAME --unit U [--low N]", N_("Add a material measured in m, cm, mm, kg, g, mg, l, ml or piece") },
    { "materials buy MATERIAL --quantity Q [--unit U] --cost C [--shipping S] [--supplier NAME] [--date YYYY-MM-DD]", N_("Record a purchase: the quantity is in the material’s unit unless --unit") },
    { "materials show MATERIAL", N_("A material, its purchases and its ledger") },
    { "recipe set ID|SKU --material NAME=QTY [UNIT]… [--labour-minutes N] [--overhead P%|AMOUNT]", N_("What one piece takes: materials, minutes of work and overhead") },
    { "recipe show ID|SKU", N_("The cost of goods of one piece, line by line") },
    { "settings fair-wage [AMOUNT]", N_("Show or set your fair hourly wage, in the shop’s currency") },
    { "batch make ID|SKU QUANTITY [--note N]", N_("Make pieces from the recipe: takes the materials, adds the stock, prints the lot") },
    { "stock show ID|SKU", N_("On hand, reserved, available and the stock ledger") },
    { "stock adjust ID|SKU DELTA --reason R [--note N]", N_("Correct the stock; R is count, damaged, gift or returned") },
    { "stock threshold ID|SKU N", N_("Call the piece low at N or fewer available (0: never)") },
    { "stock low", N_("Pieces and materials running low") },
    { "customers list", N_("Your customers") },
    { "customers add NAME [--email E] [--phone P] [--address A] [--notes N]", N_("Add a customer and print the id") },
    { "orders list [--status S]", N_("Orders, newest first") },
    { "orders create [--customer C] --line SKU=QTY… [--discount X] [--shipping X]", N_("A new pending order; prints its number") },
    { "orders show NUMBER|ID", N_("Lines, totals with tax, payments, balance and status") },
    { "orders confirm|ship|deliver|cancel|return NUMBER [--backorder]", N_("Move an order on; confirming reserves stock") },
    { "orders pay NUMBER --method M --amount X [--date D]", N_("Record a payment: cash, card, upi, bank or other") },
    { "orders invoice NUMBER FILE.pdf [--receipt|--packing-slip] [--lang L]", N_("Save the invoice, receipt or packing slip as a PDF") },
    { "sell --line SKU=QTY… --method M [--amount X]", N_("A quick sale at the stall: prints the order number, total and change") },
    { "import FILE [--dry-run]", N_("Add or update pieces from a Shopify or Etsy CSV; lists bad lines and skips them") },
    { "export products FILE", N_("Write every piece as a Shopify product CSV") },
    { "export orders FILE", N_("Write every order as a CSV, one row per order line, with its totals") },
    { "demo", N_("Load the demo shop (only into a shop without pieces)") },
    { "sync enrol URL CODE [--name NAME]", N_("Join the shop on a sync server with an enrolment code") },
    { "sync", N_("Send this device’s changes and receive the others’, now") },
    { "sync status", N_("Server, shop, device code, last success, changes waiting, last error") },
    { "conflicts list", N_("Values two devices changed at once, and which one was kept") },
    { "conflicts settle ID --keep mine|theirs|VALUE", N_("Settle a conflict on every device with the value chosen") },
    { "backup FILE", N_("Save a copy of the whole shop to a new file") },
    { "restore FILE", N_("Replace the shop with a backup, after checking it") },
    { "help", N_("This help") },
  };
  static const HelpLine list_options[] = {
    { "--status S", N_("draft, active or archived") },
    { "--category C", N_("Category by id, slug or name, with its subcategories") },
    { "--tag T", N_("Only pieces with this tag") },
    { "--min-price P, --max-price P", N_("Price bounds, in the shop’s currency (search only)") },
    { "--sort ORDER", N_("name, price-low, price-high or newest; search also relevance (its default)") },
    { "--limit N, --offset N", N_("How many to show (default 50), and how many to skip") },
  };
  static const HelpLine product_options[] = {
    { "--title [LANG=]TEXT", N_("The title, in the shop’s main language or in LANG (repeatable)") },
    { "--description [LANG=]TEXT", N_("The description, likewise") },
    { "--lang LANG", N_("The language of --title and --description without LANG=") },
    { "--sku SKU", N_("Stock-keeping unit; a duplicate is allowed with a warning") },
    { "--price PRICE", N_("Like 1250.50 or 1,250.50, in the piece’s currency") },
    { "--compare-at-price PRICE", N_("The earlier price shown crossed out (0: none)") },
    { "--currency CODE", N_("ISO 4217 code, like INR or USD (default: the shop’s)") },
    { "--category C", N_("Category by id, slug or name (\"\" for none)") },
    { "--status S", N_("draft, active or archived") },
    { "--tag T, --material M", N_("Add a tag or a material (repeatable)") },
    { "--width-mm N, --height-mm N", N_("Size in millimetres") },
    { "--depth-mm N, --weight-g N", N_("Depth in millimetres, weight in grams") },
    { "--minutes N", N_("Production time in minutes") },
    { "--origin O, --technique T", N_("Cultural origin and technique") },
    { "--maker M", N_("Who made it") },
    { "--slug SLUG", N_("The piece’s web address name (default: from the title)") },
  };
  static const HelpLine global_options[] = {
    { "--db PATH", N_("The shop database (default: $CRAFTCHAIN_DB, else the one in your data folder)") },
    { "--json", N_("Machine-readable output; errors as JSON on stderr") },
    { "--help", N_("This help") },
    { "--version", N_("The program’s version") },
  };

  /* TRANSLATORS: the usage line; keep the option and command names */
  g_print (_("Usage: %s [--db PATH] [--json] [COMMAND …]"), cli->prgname);
  g_print ("\n\n%s\n\n", _("Keep your craft shop from the command line."));
  g_print ("%s\n", _("Commands:"));
  print_help_lines (commands, G_N_ELEMENTS (commands));
  g_print ("\n%s\n", _("Options of products list and search:"));
  print_help_lines (list_options, G_N_ELEMENTS (list_options));
  g_print ("\n%s\n", _("Options of products add and products edit:"));
  print_help_lines (product_options, G_N_ELEMENTS (product_options));
  g_print ("\n%s\n", _("Global options (before or after the command):"));
  print_help_lines (global_options, G_N_ELEMENTS (global_options));
}

/* Dispatch */

static void
cli_clear (CcCli *cli)
{
  g_clear_pointer (&cli->prgname, g_free);
  g_clear_pointer (&cli->db_path, g_free);
  g_clear_object (&cli->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CcCli, cli_clear)

int
cc_cli_main (int    argc,
             char **argv)
{
  g_auto(CcCli) cli = { 0 };
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  gboolean want_help = FALSE;
  gboolean want_version = FALSE;
  gboolean options_done = FALSE;
  const char *db = NULL;
  const char *command;
  int n_rest;
  int status;
  char **rest;

  g_return_val_if_fail (argc >= 1 && argv != NULL, CC_CLI_USAGE);

  cli.prgname = g_path_get_basename (argv[0] ? argv[0] : "craftchain-cli");
  g_set_prgname (cli.prgname);

  /* Global options may come before or after the command: take them out
   * first, so each command sees only its own. */
  for (int i = 1; i < argc; i++)
    {
      const char *word = argv[i];

      if (options_done)
        g_ptr_array_add (words, argv[i]);
      else if (strcmp (word, "--") == 0)
        {
          options_done = TRUE;
          g_ptr_array_add (words, argv[i]);
        }
      else if (strcmp (word, "--json") == 0)
        cli.json = TRUE;
      else if (strcmp (word, "--help") == 0 || strcmp (word, "-h") == 0)
        want_help = TRUE;
      else if (strcmp (word, "--version") == 0)
        want_version = TRUE;
      else if (strcmp (word, "--db") == 0)
        {
          if (i + 1 >= argc)
            return cc_cli_usage_error (&cli, _("The option “--%s” needs a value"), "db");
          db = argv[++i];
        }
      else if (g_str_has_prefix (word, "--db="))
        db = word + strlen ("--db=");
      else
        g_ptr_array_add (words, argv[i]);
    }

  if (want_version)
    {
      g_print ("%s %s\n", cli.prgname, PACKAGE_VERSION);
      return CC_CLI_OK;
    }
  command = words->len > 0 ? g_ptr_array_index (words, 0) : NULL;
  if (want_help || g_strcmp0 (command, "help") == 0)
    {
      print_help (&cli);
      return CC_CLI_OK;
    }

  if (db != NULL && *db == '\0')
    return cc_cli_usage_error (&cli, _("The option “--%s” needs a value"), "db");
  if (db == NULL)
    db = g_getenv ("CRAFTCHAIN_DB");
  cli.db_path = db != NULL && *db != '\0' ? g_strdup (db) : cc_store_default_path ();

  if (command == NULL)
    return cmd_overview (&cli);

  n_rest = (int)words->len - 1;
  rest = (char **)words->pdata + 1;
  if (strcmp (command, "products") == 0)
    return cc_cli_cmd_products (&cli, n_rest, rest);
  if (strcmp (command, "search") == 0)
    return cc_cli_cmd_search (&cli, n_rest, rest);
  if (strcmp (command, "categories") == 0)
    return cc_cli_cmd_categories (&cli, n_rest, rest);
  if (strcmp (command, "photos") == 0)
    return cc_cli_cmd_photos (&cli, n_rest, rest);
  if ((status = cc_cli_cmd_media (&cli, command, n_rest, rest)) >= 0)
    return status;
  if (strcmp (command, "import") == 0)
    return cc_cli_cmd_import (&cli, n_rest, rest);
  if (strcmp (command, "export") == 0)
    return cc_cli_cmd_export (&cli, n_rest, rest);
  if (strcmp (command, "demo") == 0)
    return cmd_demo (&cli, n_rest, rest);
  if ((status = cc_cli_cmd_shop (&cli, command, n_rest, rest)) >= 0)
    return status;
  if (strcmp (command, "sync") == 0)
    return cc_cli_cmd_sync (&cli, n_rest, rest);
  if (strcmp (command, "conflicts") == 0)
    return cc_cli_cmd_conflicts (&cli, n_rest, rest);
  if (strcmp (command, "backup") == 0)
    return cmd_backup (&cli, n_rest, rest);
  if (strcmp (command, "restore") == 0)
    return cmd_restore (&cli, n_rest, rest);

  return cc_cli_usage_error (&cli, _("Unknown command “%s”"), command);
}
