/* cc-cli-products.c — craftchain-cli products, search and photos commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-money.h"
#include "cc-photos.h"
#include "cc-search.h"
#include "cc-text.h"

#define LIST_OPTIONS \
  { "status", CC_CLI_VALUE }, \
  { "category", CC_CLI_VALUE }, \
  { "tag", CC_CLI_VALUE }, \
  { "sort", CC_CLI_VALUE }, \
  { "limit", CC_CLI_VALUE }, \
  { "offset", CC_CLI_VALUE }

#define PRODUCT_OPTIONS \
  { "title", CC_CLI_LIST }, \
  { "description", CC_CLI_LIST }, \
  { "lang", CC_CLI_VALUE }, \
  { "sku", CC_CLI_VALUE }, \
  { "slug", CC_CLI_VALUE }, \
  { "price", CC_CLI_VALUE }, \
  { "compare-at-price", CC_CLI_VALUE }, \
  { "currency", CC_CLI_VALUE }, \
  { "category", CC_CLI_VALUE }, \
  { "status", CC_CLI_VALUE }, \
  { "tag", CC_CLI_LIST }, \
  { "material", CC_CLI_LIST }, \
  { "width-mm", CC_CLI_VALUE }, \
  { "height-mm", CC_CLI_VALUE }, \
  { "depth-mm", CC_CLI_VALUE }, \
  { "weight-g", CC_CLI_VALUE }, \
  { "minutes", CC_CLI_VALUE }, \
  { "origin", CC_CLI_VALUE }, \
  { "technique", CC_CLI_VALUE }, \
  { "maker", CC_CLI_VALUE }

/* Queries */

static gboolean
parse_status (const char       *text,
              CcProductStatus  *out,
              GError          **error)
{
  if (!cc_product_status_from_string (text, out))
    return cc_invalid_input (error, _("Unknown status “%s” (use draft, active or archived)"), text);
  return TRUE;
}

static gboolean
parse_sort (const char  *text,
            gboolean     allow_relevance,
            CcSort      *out,
            GError     **error)
{
  static const struct { const char *name; CcSort sort; } sorts[] = {
    { "relevance", CC_SORT_RELEVANCE },
    { "name", CC_SORT_NAME },
    { "price-low", CC_SORT_PRICE_LOW },
    { "price-high", CC_SORT_PRICE_HIGH },
    { "newest", CC_SORT_NEWEST },
  };

  for (guint i = allow_relevance ? 0 : 1; i < G_N_ELEMENTS (sorts); i++)
    if (g_strcmp0 (text, sorts[i].name) == 0)
      {
        *out = sorts[i].sort;
        return TRUE;
      }
  if (allow_relevance)
    return cc_invalid_input (error, _("Unknown sort “%s” (use relevance, name, price-low, price-high or newest)"), text);
  return cc_invalid_input (error, _("Unknown sort “%s” (use name, price-low, price-high or newest)"), text);
}

/* Fills query from the list and search options; *category_id keeps the
 * category's id alive as long as the query. */
static gboolean
build_query (CcStore        *store,
             CcCliArgs      *args,
             gboolean        searching,
             CcSearchQuery  *query,
             char          **category_id,
             GError        **error)
{
  const char *value;
  gint64 number;

  query->sort = searching ? CC_SORT_RELEVANCE : CC_SORT_NAME;

  if ((value = cc_cli_args_get (args, "status")))
    {
      CcProductStatus status;

      if (!parse_status (value, &status, error))
        return FALSE;
      query->status = status;
    }
  if ((value = cc_cli_args_get (args, "category")))
    {
      g_autoptr(CcCategory) category = cc_catalogue_get_category (store, value, error);

      if (category == NULL)
        return FALSE;
      *category_id = g_strdup (category->id);
      query->category_id = *category_id;
    }
  if ((value = cc_cli_args_get (args, "tag")))
    query->tag = value;
  if ((value = cc_cli_args_get (args, "sort")) &&
      !parse_sort (value, searching, &query->sort, error))
    return FALSE;
  if ((value = cc_cli_args_get (args, "limit")))
    {
      if (!cc_cli_parse_int (value, "--limit", 1, 10000, &number, error))
        return FALSE;
      query->limit = (guint)number;
    }
  if ((value = cc_cli_args_get (args, "offset")))
    {
      if (!cc_cli_parse_int (value, "--offset", 0, G_MAXINT, &number, error))
        return FALSE;
      query->offset = (guint)number;
    }

  if (searching)
    {
      g_autofree char *currency = cc_store_dup_setting (store, "currency", "INR");

      if ((value = cc_cli_args_get (args, "min-price")) &&
          !cc_money_parse (value, currency, &query->min_price, error))
        return FALSE;
      if ((value = cc_cli_args_get (args, "max-price")) &&
          !cc_money_parse (value, currency, &query->max_price, error))
        return FALSE;
    }
  return TRUE;
}

static int
run_query (CcCli     *cli,
           CcCliArgs *args,
           gboolean   searching,
           const char *text)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *category_id = NULL;
  CcStore *store;
  gint64 total;

  if (!(store = cc_cli_get_store (cli, &error)) ||
      !build_query (store, args, searching, &query, &category_id, &error))
    return cc_cli_fail (cli, error);
  query.text = text;

  if (!(hits = cc_search_run (store, &query, &error)))
    return cc_cli_fail (cli, error);
  total = cc_search_count (store, &query, &error);
  if (total < 0 || error != NULL)
    return cc_cli_fail (cli, error);

  cc_cli_print_hits (cli, hits, total, query.offset);
  return CC_CLI_OK;
}

static int
cmd_list (CcCli  *cli,
          int     argc,
          char  **argv)
{
  static const CcCliOption specs[] = { LIST_OPTIONS, { NULL } };
  g_auto(CcCliArgs) args = { 0 };

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "products list [OPTIONS]"))
    return CC_CLI_USAGE;
  return run_query (cli, &args, FALSE, NULL);
}

int
cc_cli_cmd_search (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption specs[] = {
    LIST_OPTIONS,
    { "min-price", CC_CLI_VALUE },
    { "max-price", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autofree char *text = NULL;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, G_MAXUINT, "search QUERY [OPTIONS]"))
    return CC_CLI_USAGE;

  /* `search blue mug` and `search "blue mug"` are the same search. */
  g_ptr_array_add (args.positional, NULL);
  text = g_strjoinv (" ", (char **)args.positional->pdata);
  g_ptr_array_remove_index (args.positional, args.positional->len - 1);
  return run_query (cli, &args, TRUE, text);
}

/* products show */

/* "Pottery › Mugs" */
static char *
category_path (CcStore    *store,
               const char *category_id)
{
  g_autoptr(GPtrArray) all = cc_catalogue_list_categories (store);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *id = category_id;

  /* Bounded by the number of categories, so a damaged tree cannot loop. */
  for (guint step = 0; id != NULL && step <= all->len; step++)
    {
      CcCategory *found = NULL;

      for (guint i = 0; i < all->len && found == NULL; i++)
        if (g_strcmp0 (((CcCategory *)g_ptr_array_index (all, i))->id, id) == 0)
          found = g_ptr_array_index (all, i);
      if (found == NULL)
        break;
      g_ptr_array_insert (names, 0, found->name);
      id = found->parent_id;
    }
  if (names->len == 0)
    return g_strdup (category_id);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" › ", (char **)names->pdata);
}

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc)strcmp);
}

static char *
variant_options_text (CcVariant *variant)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < variant->options->len; i++)
    {
      CcVariantOption *option = g_ptr_array_index (variant->options, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s: %s", option->name, option->value);
    }
  return g_string_free (text, FALSE);
}

static void
add_text_table (JsonBuilder *builder,
                const char  *name,
                GHashTable  *table)
{
  g_autoptr(GList) keys = sorted_keys (table);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (table, l->data));
    }
  json_builder_end_object (builder);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *items)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
show_json (CcStore    *store,
           CcProduct  *product,
           const char *category_name,
           GPtrArray  *variants,
           GPtrArray  *photos)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *data_dir = cc_store_get_data_dir (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, product->id);
  cc_cli_add_string_or_null (builder, "sku", product->sku);
  cc_cli_add_string_or_null (builder, "slug", product->slug);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cc_product_status_to_string (product->status));
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, product->currency);
  json_builder_set_member_name (builder, "price");
  cc_cli_add_money (builder, product->price, product->currency);
  json_builder_set_member_name (builder, "compare_at_price");
  if (product->compare_at_price > 0)
    cc_cli_add_money (builder, product->compare_at_price, product->currency);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "category");
  if (product->category_id != NULL && *product->category_id != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, product->category_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, category_name ? category_name : "");
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_text_table (builder, "titles", product->titles);
  add_text_table (builder, "descriptions", product->descriptions);
  add_string_array (builder, "tags", product->tags);
  add_string_array (builder, "materials", product->materials);
  add_int_member (builder, "width_mm", product->width_mm);
  add_int_member (builder, "height_mm", product->height_mm);
  add_int_member (builder, "depth_mm", product->depth_mm);
  add_int_member (builder, "weight_g", product->weight_g);
  add_int_member (builder, "production_minutes", product->production_minutes);
  cc_cli_add_string_or_null (builder, "cultural_origin", product->cultural_origin);
  cc_cli_add_string_or_null (builder, "technique", product->technique);
  cc_cli_add_string_or_null (builder, "maker", product->maker);

  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < variants->len; i++)
    {
      CcVariant *variant = g_ptr_array_index (variants, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, variant->id);
      cc_cli_add_string_or_null (builder, "sku", variant->sku);
      json_builder_set_member_name (builder, "price");
      cc_cli_add_money (builder, variant->price, product->currency);
      add_int_member (builder, "position", variant->position);
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint j = 0; j < variant->options->len; j++)
        {
          CcVariantOption *option = g_ptr_array_index (variant->options, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, option->name);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, option->value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "photos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);
      g_autofree char *path = cc_photos_dup_blob_path (data_dir, photo->sha256);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, photo->id);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, photo->sha256);
      add_int_member (builder, "position", photo->position);
      add_int_member (builder, "width", photo->width);
      add_int_member (builder, "height", photo->height);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  cc_cli_print_json (builder);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *padded = NULL;

  if (value == NULL || *value == '\0')
    return;
  padded = cc_cli_fit (label, MAX (20, cc_cli_text_width (label)));
  g_print ("%s  %s\n", padded, value);
}

static void
print_text_table (const char *label,
                  GHashTable *table)
{
  g_autoptr(GList) keys = sorted_keys (table);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      /* TRANSLATORS: a field in one language, like "Title (hi)" */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), label, (const char *)l->data);

      print_field (name, g_hash_table_lookup (table, l->data));
    }
}

static char *
join_items (GPtrArray *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < items->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (items, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (", ", strv);
}

static void
show_text (CcStore    *store,
           CcProduct  *product,
           const char *category_name,
           GPtrArray  *variants,
           GPtrArray  *photos)
{
  const char *data_dir = cc_store_get_data_dir (store);
  g_autofree char *price = cc_cli_format_money (product->price, product->currency);
  g_autofree char *compare_at = NULL;
  g_autofree char *tags = join_items (product->tags);
  g_autofree char *materials = join_items (product->materials);
  g_autofree char *size = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *minutes = NULL;

  if (product->compare_at_price > 0)
    compare_at = cc_cli_format_money (product->compare_at_price, product->currency);
  if (product->width_mm > 0 || product->height_mm > 0 || product->depth_mm > 0)
    /* TRANSLATORS: width × height × depth in millimetres */
    size = g_strdup_printf (_("%u × %u × %u mm"), (guint)product->width_mm,
                            (guint)product->height_mm, (guint)product->depth_mm);
  if (product->weight_g > 0)
    weight = g_strdup_printf (ngettext ("%u gram", "%u grams", (gulong)product->weight_g),
                              (guint)product->weight_g);
  if (product->production_minutes > 0)
    minutes = g_strdup_printf (ngettext ("%u minute", "%u minutes", (gulong)product->production_minutes),
                               (guint)product->production_minutes);

  print_text_table (_("Title"), product->titles);
  print_field (_("ID"), product->id);
  print_field (_("SKU"), product->sku);
  print_field (_("Slug"), product->slug);
  print_field (_("Status"), cc_product_status_get_label (product->status));
  print_field (_("Price"), price);
  print_field (_("Compare-at price"), compare_at);
  print_field (_("Category"), category_name);
  print_field (_("Tags"), tags);
  print_field (_("Materials"), materials);
  print_field (_("Size"), size);
  print_field (_("Weight"), weight);
  print_field (_("Production time"), minutes);
  print_field (_("Cultural origin"), product->cultural_origin);
  print_field (_("Technique"), product->technique);
  print_field (_("Maker"), product->maker);
  print_text_table (_("Description"), product->descriptions);

  if (variants->len > 0)
    {
      g_print ("\n%s\n", _("Variants:"));
      for (guint i = 0; i < variants->len; i++)
        {
          CcVariant *variant = g_ptr_array_index (variants, i);
          g_autofree char *options = variant_options_text (variant);
          g_autofree char *variant_price = cc_cli_format_money (variant->price, product->currency);

          g_print ("  %s  %s  %s  %s\n", options, variant_price,
                   variant->sku && *variant->sku ? variant->sku : "-", variant->id);
        }
    }

  if (photos->len > 0)
    {
      g_print ("\n%s\n", _("Photos:"));
      for (guint i = 0; i < photos->len; i++)
        {
          CcPhoto *photo = g_ptr_array_index (photos, i);
          g_autofree char *path = cc_photos_dup_blob_path (data_dir, photo->sha256);

          g_print ("  %u. %d×%d  %s%s%s\n", i + 1, photo->width, photo->height, path,
                   photo->position == 0 ? "  " : "", photo->position == 0 ? _("(cover)") : "");
        }
    }
}

static int
cmd_show (CcCli  *cli,
          int     argc,
          char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *category_name = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "products show ID|SKU"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);

  variants = cc_catalogue_list_variants (store, product->id);
  photos = cc_photos_list (store, product->id);
  if (product->category_id != NULL && *product->category_id != '\0')
    category_name = category_path (store, product->category_id);

  if (cli->json)
    show_json (store, product, category_name, variants, photos);
  else
    show_text (store, product, category_name, variants, photos);
  return CC_CLI_OK;
}

/* products add / edit */

/* "en", "hi", "pt-BR", "en_IN" */
static gboolean
looks_like_language (const char *text,
                     gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_islower (text[i]))
    i++;
  if (i < 2 || i > 3)
    return FALSE;
  if (i == length)
    return TRUE;
  if (text[i] != '-' && text[i] != '_')
    return FALSE;
  i++;
  if (length - i < 2 || length - i > 8)
    return FALSE;
  for (; i < length; i++)
    if (!g_ascii_isalnum (text[i]))
      return FALSE;
  return TRUE;
}

/* "hi=मिट्टी का दीया" → ("hi", "मिट्टी का दीया"); anything else is text in
 * the default language. */
static void
split_language (const char  *value,
                const char  *default_lang,
                char       **out_lang,
                const char **out_text)
{
  const char *equals = strchr (value, '=');

  if (equals != NULL && looks_like_language (value, equals - value))
    {
      *out_lang = g_strndup (value, equals - value);
      *out_text = equals + 1;
    }
  else
    {
      *out_lang = g_strdup (default_lang);
      *out_text = value;
    }
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
fold_tag (const char *tag)
{
  g_autofree char *nfc = cc_text_normalize (tag);

  return nfc ? g_utf8_strdown (nfc, -1) : g_strdup ("");
}

static void
set_add (GPtrArray  *items,
         GPtrArray  *additions,
         gboolean    fold)
{
  for (guint i = 0; i < additions->len; i++)
    {
      g_autofree char *item = fold ? fold_tag (g_ptr_array_index (additions, i))
                                   : cc_text_normalize (g_ptr_array_index (additions, i));

      if (item != NULL && *item != '\0' &&
          !g_ptr_array_find_with_equal_func (items, item, g_str_equal, NULL))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
}

static void
set_remove (GPtrArray  *items,
            GPtrArray  *removals,
            gboolean    fold)
{
  for (guint i = 0; i < removals->len; i++)
    {
      g_autofree char *item = fold ? fold_tag (g_ptr_array_index (removals, i))
                                   : cc_text_normalize (g_ptr_array_index (removals, i));
      for (guint j = 0; j < items->len; j++)
        {
          g_autofree char *have = fold ? fold_tag (g_ptr_array_index (items, j))
                                       : cc_text_normalize (g_ptr_array_index (items, j));

          if (g_strcmp0 (have, item) == 0)
            {
              g_ptr_array_remove_index (items, j);
              break;
            }
        }
    }
}

static gboolean
parse_amount_option (CcCliArgs   *args,
                     const char  *option,
                     gint64      *field,
                     GError     **error)
{
  const char *value = cc_cli_args_get (args, option);
  g_autofree char *dashed = NULL;

  if (value == NULL)
    return TRUE;
  dashed = g_strconcat ("--", option, NULL);
  /* The range is the catalogue's to check, with its own messages. */
  return cc_cli_parse_int (value, dashed, G_MININT64, G_MAXINT64, field, error);
}

/* Applies the add/edit options to product, checking what only the command
 * line can get wrong; the catalogue validates the rest. */
static gboolean
apply_product_options (CcStore    *store,
                       CcCliArgs  *args,
                       CcProduct  *product,
                       GError    **error)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  const char *lang = cc_cli_args_get (args, "lang");
  const char *value;
  GPtrArray *values;
  static const struct { const char *option; gsize offset; } amounts[] = {
    { "width-mm", G_STRUCT_OFFSET (CcProduct, width_mm) },
    { "height-mm", G_STRUCT_OFFSET (CcProduct, height_mm) },
    { "depth-mm", G_STRUCT_OFFSET (CcProduct, depth_mm) },
    { "weight-g", G_STRUCT_OFFSET (CcProduct, weight_g) },
    { "minutes", G_STRUCT_OFFSET (CcProduct, production_minutes) },
  };

  if (lang == NULL)
    lang = languages[0];
  else if (!looks_like_language (lang, strlen (lang)))
    return cc_invalid_input (error, _("“%s” is not a language code (use one like en or hi)"), lang);

  values = cc_cli_args_get_all (args, "title");
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *title_lang = NULL;
      const char *text;

      split_language (g_ptr_array_index (values, i), lang, &title_lang, &text);
      cc_product_set_title (product, title_lang, text);
    }
  values = cc_cli_args_get_all (args, "description");
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *description_lang = NULL;
      const char *text;

      split_language (g_ptr_array_index (values, i), lang, &description_lang, &text);
      cc_product_set_description (product, description_lang, text);
    }

  if ((value = cc_cli_args_get (args, "sku")))
    replace_string (&product->sku, value);
  if ((value = cc_cli_args_get (args, "slug")))
    replace_string (&product->slug, value);
  if ((value = cc_cli_args_get (args, "origin")))
    replace_string (&product->cultural_origin, value);
  if ((value = cc_cli_args_get (args, "technique")))
    replace_string (&product->technique, value);
  if ((value = cc_cli_args_get (args, "maker")))
    replace_string (&product->maker, value);

  if ((value = cc_cli_args_get (args, "currency")))
    {
      g_autofree char *code = g_ascii_strup (value, -1);

      if (!cc_currency_is_valid (code))
        return cc_invalid_input (error, _("“%s” is not a currency code CraftChain knows (use one like INR, USD or EUR)"), value);
      /* Amounts are minor units: they mean something else in a currency
       * with other decimals. */
      if (product->id != NULL && cc_cli_args_get (args, "price") == NULL &&
          product->price != 0 &&
          cc_currency_exponent (code) != cc_currency_exponent (product->currency))
        return cc_invalid_input (error, _("Give the price again with --price when changing the currency to %s"), code);
      replace_string (&product->currency, code);
    }
  if ((value = cc_cli_args_get (args, "price")) &&
      !cc_money_parse (value, product->currency, &product->price, error))
    return FALSE;
  if ((value = cc_cli_args_get (args, "compare-at-price")) &&
      !cc_money_parse (value, product->currency, &product->compare_at_price, error))
    return FALSE;

  if ((value = cc_cli_args_get (args, "category")))
    {
      if (*value == '\0')
        g_clear_pointer (&product->category_id, g_free);
      else
        {
          g_autoptr(CcCategory) category = cc_catalogue_get_category (store, value, error);

          if (category == NULL)
            return FALSE;
          replace_string (&product->category_id, category->id);
        }
    }
  if ((value = cc_cli_args_get (args, "status")) &&
      !parse_status (value, &product->status, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    if (!parse_amount_option (args, amounts[i].option,
                              G_STRUCT_MEMBER_P (product, amounts[i].offset), error))
      return FALSE;

  set_add (product->tags, cc_cli_args_get_all (args, "tag"), TRUE);
  set_remove (product->tags, cc_cli_args_get_all (args, "untag"), TRUE);
  set_add (product->materials, cc_cli_args_get_all (args, "material"), FALSE);
  set_remove (product->materials, cc_cli_args_get_all (args, "unmaterial"), FALSE);
  return TRUE;
}

/* Other pieces with this SKU: allowed (two devices may both have made it
 * offline), but worth a word. */
static char *
sku_warning (CcStore    *store,
             const char *sku,
             const char *product_id)
{
  g_autoptr(GPtrArray) others = NULL;

  if (sku == NULL || *sku == '\0')
    return NULL;
  others = cc_catalogue_find_sku (store, sku, product_id);
  if (others->len == 0)
    return NULL;
  return g_strdup_printf (ngettext ("The SKU “%s” is already used by %u other piece",
                                    "The SKU “%s” is already used by %u other pieces",
                                    others->len),
                          sku, others->len);
}

static void
print_saved (CcCli      *cli,
             const char *id,
             const char *message,
             GPtrArray  *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    cc_cli_warn (cli, g_ptr_array_index (warnings, i));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      add_string_array (builder, "warnings", warnings);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    g_print ("%s\n", message);
}

static int
cmd_add (CcCli  *cli,
         int     argc,
         char  **argv)
{
  static const CcCliOption specs[] = { PRODUCT_OPTIONS, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *warning = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "products add --title TITLE [OPTIONS]"))
    return CC_CLI_USAGE;
  if (!cc_cli_args_has (&args, "title"))
    return cc_cli_usage_error (cli, _("A new piece needs a title: --title TITLE"));
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  g_free (product->currency);
  product->currency = cc_store_dup_setting (store, "currency", "INR");
  if (!apply_product_options (store, &args, product, &error))
    return cc_cli_fail (cli, error);

  warning = sku_warning (store, product->sku, NULL);
  if (!(id = cc_catalogue_create_product (store, product, &error)))
    return cc_cli_fail (cli, error);
  if (warning != NULL)
    g_ptr_array_add (warnings, g_steal_pointer (&warning));

  /* Just the id, so scripts can write id=$(craftchain-cli products add …). */
  print_saved (cli, id, id, warnings);
  return CC_CLI_OK;
}

static int
cmd_edit (CcCli  *cli,
          int     argc,
          char  **argv)
{
  static const CcCliOption specs[] = {
    PRODUCT_OPTIONS,
    { "untag", CC_CLI_LIST },
    { "unmaterial", CC_CLI_LIST },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *warning = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) languages = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "products edit ID|SKU [OPTIONS]"))
    return CC_CLI_USAGE;
  if (g_hash_table_size (args.values) == 0)
    return cc_cli_usage_error (cli, _("Nothing to change: give options such as --price or --title"));
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);

  if (!apply_product_options (store, &args, product, &error))
    return cc_cli_fail (cli, error);
  if (cc_cli_args_has (&args, "sku"))
    warning = sku_warning (store, product->sku, product->id);
  if (!cc_catalogue_update_product (store, product, &error))
    return cc_cli_fail (cli, error);
  if (warning != NULL)
    g_ptr_array_add (warnings, g_steal_pointer (&warning));

  languages = cc_store_dup_languages (store);
  message = g_strdup_printf (_("Saved “%s”."), cc_product_get_title (product, languages[0]));
  print_saved (cli, product->id, message, warnings);
  return CC_CLI_OK;
}

static int
cmd_archive (CcCli  *cli,
             int     argc,
             char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_auto(GStrv) languages = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "products archive ID|SKU"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)) ||
      !cc_catalogue_set_status (store, product->id, CC_PRODUCT_ARCHIVED, &error))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, product->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, cc_product_status_to_string (CC_PRODUCT_ARCHIVED));
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      languages = cc_store_dup_languages (store);
      g_print (_("Archived “%s”."), cc_product_get_title (product, languages[0]));
      g_print ("\n");
    }
  return CC_CLI_OK;
}

/* products variant */

static int
cmd_variant_add (CcCli  *cli,
                 int     argc,
                 char  **argv)
{
  static const CcCliOption specs[] = {
    { "option", CC_CLI_LIST },
    { "sku", CC_CLI_VALUE },
    { "price", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *warning = NULL;
  GPtrArray *options;
  const char *value;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "products variant add ID|SKU --option NAME=VALUE…"))
    return CC_CLI_USAGE;
  options = cc_cli_args_get_all (&args, "option");
  if (options->len == 0)
    return cc_cli_usage_error (cli, _("A variant needs at least one --option NAME=VALUE, like --option Size=Large"));
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(product = cc_catalogue_get_product (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);

  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);
      const char *equals = strchr (option, '=');
      g_autofree char *name = NULL;

      if (equals == NULL)
        {
          cc_invalid_input (&error, _("Write an option as NAME=VALUE, like Size=Large (not “%s”)"), option);
          return cc_cli_fail (cli, error);
        }
      name = g_strndup (option, equals - option);
      cc_variant_add_option (variant, name, equals + 1);
    }

  variant->product_id = g_strdup (product->id);
  variant->price = product->price;
  if ((value = cc_cli_args_get (&args, "price")) &&
      !cc_money_parse (value, product->currency, &variant->price, &error))
    return cc_cli_fail (cli, error);
  if ((value = cc_cli_args_get (&args, "sku")))
    {
      variant->sku = g_strdup (value);
      warning = sku_warning (store, value, NULL);
    }

  if (!(id = cc_catalogue_add_variant (store, variant, &error)))
    return cc_cli_fail (cli, error);
  if (warning != NULL)
    g_ptr_array_add (warnings, g_steal_pointer (&warning));
  print_saved (cli, id, id, warnings);
  return CC_CLI_OK;
}

static int
cmd_variant_remove (CcCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  const char *id;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "products variant remove VARIANT-ID"))
    return CC_CLI_USAGE;
  id = g_ptr_array_index (args.positional, 0);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_catalogue_remove_variant (store, id, &error))
    return cc_cli_fail (cli, error);

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
    g_print ("%s\n", _("Removed the variant."));
  return CC_CLI_OK;
}

static int
cmd_variant (CcCli  *cli,
             int     argc,
             char  **argv)
{
  if (argc < 1)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                               "products variant add|remove …");
  if (strcmp (argv[0], "add") == 0)
    return cmd_variant_add (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "remove") == 0)
    return cmd_variant_remove (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "products variant", argv[0]);
}

int
cc_cli_cmd_products (CcCli  *cli,
                     int     argc,
                     char  **argv)
{
  if (argc < 1)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                               "products list|show|add|edit|archive|variant …");
  if (strcmp (argv[0], "list") == 0)
    return cmd_list (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "show") == 0)
    return cmd_show (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "add") == 0)
    return cmd_add (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "edit") == 0)
    return cmd_edit (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "archive") == 0)
    return cmd_archive (cli, argc - 1, argv + 1);
  if (strcmp (argv[0], "variant") == 0)
    return cmd_variant (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), "products", argv[0]);
}
