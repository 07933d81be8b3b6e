/* cc-import.c — products in and out as Shopify and Etsy CSV files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-import.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-text.h"

/* CSV reading (RFC 4180): quoted cells may hold commas, doubled quotes and
 * line breaks; CRLF, LF or CR end a record; a leading UTF-8 BOM is skipped.
 * Cells stay raw bytes here: a record that is not UTF-8 is reported bad
 * rather than guessed at (a Windows-1252 guess would silently mangle
 * Indic text saved in another legacy encoding). */

typedef struct
{
  guint      line;    /* physical line where the record starts */
  GPtrArray *cells;   /* char* */
} CsvRecord;

static void
csv_record_free (CsvRecord *record)
{
  g_ptr_array_unref (record->cells);
  g_free (record);
}

static GPtrArray *
csv_parse (const char *data,
           gsize       len)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)csv_record_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  CsvRecord *record = NULL;
  guint line = 1;
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < len)
    {
      if (record == NULL)
        {
          record = g_new0 (CsvRecord, 1);
          record->line = line;
          record->cells = g_ptr_array_new_with_free_func (g_free);
        }

      g_string_truncate (cell, 0);
      if (data[i] == '"')
        {
          i++;
          while (i < len)
            {
              if (data[i] == '"')
                {
                  if (i + 1 < len && data[i + 1] == '"')
                    {
                      g_string_append_c (cell, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
                {
                  /* A line break inside a cell is kept as LF. */
                  g_string_append_c (cell, '\n');
                  line++;
                  i += 2;
                  continue;
                }
              if (data[i] == '\n' || data[i] == '\r')
                line++;
              g_string_append_c (cell, data[i] == '\r' ? '\n' : data[i]);
              i++;
            }
        }
      /* Unquoted text (or stray text after a closing quote) up to the separator. */
      while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
        g_string_append_c (cell, data[i++]);

      g_ptr_array_add (record->cells, g_strndup (cell->str, cell->len));

      if (i >= len)
        break;
      if (data[i] == ',')
        {
          i++;
          if (i >= len)
            g_ptr_array_add (record->cells, g_strdup (""));
          continue;
        }
      /* End of record. */
      if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
        i++;
      i++;
      line++;
      g_ptr_array_add (records, g_steal_pointer (&record));
    }

  if (record != NULL)
    g_ptr_array_add (records, record);

  return records;
}

static gboolean
record_is_blank (CsvRecord *record)
{
  for (guint i = 0; i < record->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (record->cells, i);

      for (; *cell; cell++)
        if (!g_ascii_isspace (*cell))
          return FALSE;
    }
  return TRUE;
}

/* Columns */

typedef enum
{
  COL_HANDLE,
  COL_TITLE,
  COL_BODY,
  COL_SKU,
  COL_PRICE,
  COL_COMPARE,
  COL_QUANTITY,
  COL_IMAGE,
  COL_VARIANT_IMAGE,
  COL_TAGS,
  COL_MATERIALS,
  COL_STATUS,
  COL_CURRENCY,
  COL_GRAMS,
  COL_OPTION1_NAME,
  COL_OPTION1_VALUE,
  COL_OPTION2_NAME,
  COL_OPTION2_VALUE,
  COL_OPTION3_NAME,
  COL_OPTION3_VALUE,
  COL_IMAGE1,
  COL_IMAGE10 = COL_IMAGE1 + 9,
  COL_VARIATION1_TYPE,
  COL_VARIATION1_NAME,
  COL_VARIATION1_VALUES,
  COL_VARIATION2_TYPE,
  COL_VARIATION2_NAME,
  COL_VARIATION2_VALUES,
  N_COLS
} Column;

typedef struct
{
  Column      column;
  const char *name;   /* lower case */
} ColumnName;

static const ColumnName shopify_names[] = {
  { COL_HANDLE, "handle" }, { COL_HANDLE, "url handle" },
  { COL_TITLE, "title" },
  { COL_BODY, "body (html)" }, { COL_BODY, "description" },
  { COL_SKU, "variant sku" }, { COL_SKU, "sku" },
  { COL_PRICE, "variant price" }, { COL_PRICE, "price" },
  { COL_COMPARE, "variant compare at price" }, { COL_COMPARE, "compare-at price" },
  { COL_QUANTITY, "variant inventory qty" }, { COL_QUANTITY, "inventory quantity" },
  { COL_IMAGE, "image src" }, { COL_IMAGE, "product image url" },
  { COL_VARIANT_IMAGE, "variant image" }, { COL_VARIANT_IMAGE, "variant image url" },
  { COL_TAGS, "tags" },
  { COL_STATUS, "status" },
  { COL_GRAMS, "variant grams" }, { COL_GRAMS, "weight value (grams)" },
  { COL_OPTION1_NAME, "option1 name" }, { COL_OPTION1_VALUE, "option1 value" },
  { COL_OPTION2_NAME, "option2 name" }, { COL_OPTION2_VALUE, "option2 value" },
  { COL_OPTION3_NAME, "option3 name" }, { COL_OPTION3_VALUE, "option3 value" },
};

static const ColumnName etsy_names[] = {
  { COL_TITLE, "title" },
  { COL_BODY, "description" },
  { COL_PRICE, "price" },
  { COL_CURRENCY, "currency_code" },
  { COL_QUANTITY, "quantity" },
  { COL_TAGS, "tags" },
  { COL_MATERIALS, "materials" },
  { COL_SKU, "sku" },
  { COL_VARIATION1_TYPE, "variation 1 type" },
  { COL_VARIATION1_NAME, "variation 1 name" },
  { COL_VARIATION1_VALUES, "variation 1 values" },
  { COL_VARIATION2_TYPE, "variation 2 type" },
  { COL_VARIATION2_NAME, "variation 2 name" },
  { COL_VARIATION2_VALUES, "variation 2 values" },
};

typedef struct
{
  int index[N_COLS];   /* cell index, -1: absent */
} Header;

static const char *
cell (const Header    *header,
      const CsvRecord *record,
      Column           column)
{
  int i = header->index[column];

  if (i < 0 || (guint)i >= record->cells->len)
    return "";
  return g_ptr_array_index (record->cells, i);
}

/* A trimmed copy; "" for a missing cell. */
static char *
cell_dup (const Header    *header,
          const CsvRecord *record,
          Column           column)
{
  return g_strstrip (g_strdup (cell (header, record, column)));
}

static gboolean
read_header (CsvRecord       *record,
             CcImportFormat  *format,
             Header          *header,
             GError         **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const ColumnName *table;
  guint n_table;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < record->cells->len; i++)
    {
      const char *raw = g_ptr_array_index (record->cells, i);
      g_autofree char *stripped = NULL;

      if (!g_utf8_validate (raw, -1, NULL))
        continue;
      stripped = g_strstrip (g_utf8_strdown (raw, -1));
      if (!g_hash_table_contains (names, stripped))
        g_hash_table_insert (names, g_steal_pointer (&stripped), GINT_TO_POINTER (i));
    }

  for (guint i = 0; i < N_COLS; i++)
    header->index[i] = -1;

  if (g_hash_table_contains (names, "handle"))
    *format = CC_IMPORT_FORMAT_SHOPIFY;
  else if (g_hash_table_contains (names, "url handle"))
    *format = CC_IMPORT_FORMAT_SHOPIFY_2024;
  else if (g_hash_table_contains (names, "currency_code") || g_hash_table_contains (names, "image1") ||
           g_hash_table_contains (names, "materials"))
    *format = CC_IMPORT_FORMAT_ETSY;
  else
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("This is not a Shopify or Etsy products CSV file: its first line names no “Handle”, "
                     "“URL handle” or “CURRENCY_CODE” column"));
      return FALSE;
    }

  table = *format == CC_IMPORT_FORMAT_ETSY ? etsy_names : shopify_names;
  n_table = *format == CC_IMPORT_FORMAT_ETSY ? G_N_ELEMENTS (etsy_names) : G_N_ELEMENTS (shopify_names);
  for (guint i = 0; i < n_table; i++)
    {
      gpointer value;

      if (header->index[table[i].column] < 0 &&
          g_hash_table_lookup_extended (names, table[i].name, NULL, &value))
        header->index[table[i].column] = GPOINTER_TO_INT (value);
    }
  if (*format == CC_IMPORT_FORMAT_ETSY)
    for (guint n = 0; n < 10; n++)
      {
        g_autofree char *name = g_strdup_printf ("image%u", n + 1);
        gpointer value;

        if (g_hash_table_lookup_extended (names, name, NULL, &value))
          header->index[COL_IMAGE1 + n] = GPOINTER_TO_INT (value);
      }

  /* Column names stay untranslated: they are what the file must contain. */
  if (header->index[COL_TITLE] < 0)
    g_ptr_array_add (missing, *format == CC_IMPORT_FORMAT_ETSY ? "TITLE" : "Title");
  if (header->index[COL_PRICE] < 0)
    g_ptr_array_add (missing, *format == CC_IMPORT_FORMAT_SHOPIFY ? "Variant Price"
                              : *format == CC_IMPORT_FORMAT_ETSY ? "PRICE" : "Price");
  if (missing->len == 0)
    return TRUE;

  g_ptr_array_add (missing, NULL);
  list = g_strjoinv ("”, “", (char **)missing->pdata);
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               ngettext ("The file has no “%s” column, which an import needs",
                         "The file lacks columns an import needs: “%s”", missing->len - 1),
               list);
  return FALSE;
}

/* Preview */

static void
import_item_free (CcImportItem *item)
{
  g_free (item->product_id);
  g_clear_pointer (&item->product, cc_product_free);
  g_clear_pointer (&item->variants, g_ptr_array_unref);
  g_clear_pointer (&item->image_urls, g_ptr_array_unref);
  g_free (item);
}

static void
import_problem_free (CcImportProblem *problem)
{
  g_free (problem->reason);
  g_free (problem);
}

void
cc_import_preview_free (CcImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_ptr_array_unref (preview->items);
  g_ptr_array_unref (preview->problems);
  g_free (preview);
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (CcImportPreview *preview,
             guint            line,
             const char      *format,
             ...)
{
  CcImportProblem *problem = g_new0 (CcImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (preview->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const CcImportProblem *pa = *(CcImportProblem * const *)a;
  const CcImportProblem *pb = *(CcImportProblem * const *)b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

/* Shopify's Body (HTML) as plain text: block ends become line breaks, other
 * tags go, the common entities are decoded. */
static char *
html_to_text (const char *html)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *p = html;

  while (*p)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          g_autofree char *tag = NULL;

          if (end == NULL)
            break;
          tag = g_ascii_strdown (p + 1, end - p - 1);
          if (g_str_has_prefix (tag, "br") || g_str_has_prefix (tag, "/p") || g_str_has_prefix (tag, "/div") ||
              g_str_has_prefix (tag, "/li") || (tag[0] == '/' && tag[1] == 'h' && g_ascii_isdigit (tag[2])))
            g_string_append_c (out, '\n');
          p = end + 1;
        }
      else if (*p == '&')
        {
          static const struct { const char *name; const char *text; } entities[] = {
            { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
            { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
          };
          gboolean done = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            if (g_str_has_prefix (p, entities[i].name))
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].name);
                done = TRUE;
              }
          if (!done && p[1] == '#')
            {
              char *end = NULL;
              gunichar c = (p[2] == 'x' || p[2] == 'X') ? g_ascii_strtoull (p + 3, &end, 16)
                                                        : g_ascii_strtoull (p + 2, &end, 10);

              if (end != NULL && *end == ';' && g_unichar_validate (c) && c != 0)
                {
                  g_string_append_unichar (out, c);
                  p = end + 1;
                  done = TRUE;
                }
            }
          if (!done)
            g_string_append_c (out, *p++);
        }
      else
        g_string_append_c (out, *p++);
    }

  /* No more than one empty line in a row. */
  while (strstr (out->str, "\n\n\n") != NULL)
    {
      char *at = strstr (out->str, "\n\n\n");
      g_string_erase (out, at - out->str, 1);
    }
  text = g_string_free (g_steal_pointer (&out), FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static void
split_list (const char *text,
            GPtrArray  *into)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (into, g_strdup (parts[i]));
    }
}

static gboolean
is_web_address (const char *url)
{
  return g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
}

static void
add_url (GPtrArray  *urls,
         const char *url)
{
  for (guint i = 0; i < urls->len; i++)
    if (g_strcmp0 (g_ptr_array_index (urls, i), url) == 0)
      return;
  g_ptr_array_add (urls, g_strdup (url));
}

/* Finds the live product a row means: by SKU, else by slug. */
static char *
match_product (CcStore    *store,
               const char *sku,
               const char *slug)
{
  sqlite3_stmt *stmt;
  char *id = NULL;

  if (sku != NULL && *sku != '\0')
    {
      stmt = cc_store_prepare_cached (store,
                                      "SELECT id FROM products WHERE sku = ?1 AND deleted = 0 "
                                      "UNION ALL SELECT product_id FROM variants WHERE sku = ?1 AND deleted = 0 "
                                      "LIMIT 1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
          if (id != NULL)
            return id;
        }
    }
  if (slug != NULL && *slug != '\0')
    {
      stmt = cc_store_prepare_cached (store,
                                      "SELECT id FROM products WHERE slug = ? AND deleted = 0 ORDER BY id LIMIT 1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  return id;
}

typedef struct
{
  CcStore         *store;
  CcImportPreview *preview;
  Header           header;
  char            *currency;   /* the shop's */
  char            *lang;       /* the shop's main language */
  GHashTable      *keys;       /* SKU or slug → line first using it */
} Reader;

/* Checks a key (SKU or slug) is not used twice in the file. */
static gboolean
claim_key (Reader     *reader,
           const char *kind,
           const char *key,
           guint       line)
{
  g_autofree char *k = NULL;
  gpointer first;

  if (key == NULL || *key == '\0')
    return TRUE;
  k = g_strconcat (kind, key, NULL);
  if (g_hash_table_lookup_extended (reader->keys, k, NULL, &first))
    {
      add_problem (reader->preview, line, _("“%s” is already used on line %u"), key, GPOINTER_TO_UINT (first));
      return FALSE;
    }
  g_hash_table_insert (reader->keys, g_steal_pointer (&k), GUINT_TO_POINTER (line));
  return TRUE;
}

static gboolean
parse_price (Reader      *reader,
             const char  *text,
             const char  *currency,
             guint        line,
             gint64      *out)
{
  g_autoptr(GError) error = NULL;

  if (cc_money_parse (text, currency, out, &error))
    return TRUE;
  add_problem (reader->preview, line, _("The price “%s” is not valid: %s"), text, error->message);
  return FALSE;
}

static void
count_quantity (Reader     *reader,
                const char *text)
{
  gint64 quantity;

  if (*text != '\0' && g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, &quantity, NULL))
    {
      reader->preview->n_quantities++;
      reader->preview->total_quantity += quantity;
    }
}

static void
finish_item (Reader       *reader,
             CcImportItem *item)
{
  item->product_id = match_product (reader->store, item->product->sku, item->product->slug);
  if (item->product_id != NULL)
    reader->preview->n_update++;
  else
    reader->preview->n_create++;
  g_ptr_array_add (reader->preview->items, item);
}

static CcImportItem *
item_new (Reader *reader,
          guint   line)
{
  CcImportItem *item = g_new0 (CcImportItem, 1);

  item->line = line;
  item->product = cc_product_new ();
  item->product->currency = g_strdup (reader->currency);
  item->product->status = CC_PRODUCT_ACTIVE;
  item->variants = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_variant_free);
  item->image_urls = g_ptr_array_new_with_free_func (g_free);
  return item;
}

/* Shopify: rows sharing a handle are one product; the first carries the
 * title; a row without SKU or price but with an image only adds the image. */
static void
read_shopify_rows (Reader    *reader,
                   GPtrArray *rows)
{
  const Header *h = &reader->header;
  CcImportItem *item = NULL;
  g_autofree char *handle = NULL;
  gboolean group_bad = FALSE;
  guint group_line = 0;
  guint group_problems = 0;

  for (guint r = 0; r <= rows->len; r++)
    {
      CsvRecord *row = r < rows->len ? g_ptr_array_index (rows, r) : NULL;
      g_autofree char *row_handle = row ? cell_dup (h, row, COL_HANDLE) : NULL;
      g_autofree char *title = NULL, *sku = NULL, *price_text = NULL, *image = NULL, *variant_image = NULL;
      g_autofree char *status = NULL, *grams = NULL, *compare = NULL;
      CcVariant *variant;
      gint64 price = 0;
      gboolean row_ok = TRUE;

      if (row == NULL || g_strcmp0 (row_handle, handle) != 0)
        {
          if (item != NULL)
            {
              /* A product whose only priced row is bad is not imported at all. */
              if (item->variants->len == 0)
                {
                  /* Said once: a bad price row already explains it. */
                  if (!group_bad && reader->preview->problems->len == group_problems)
                    add_problem (reader->preview, item->line, _("Product “%s” has no row with a price"), handle);
                  import_item_free (item);
                }
              else
                {
                  CcVariant *first = g_ptr_array_index (item->variants, 0);

                  item->product->sku = g_strdup (first->sku);
                  item->product->price = first->price;
                  /* A single variant without options is the product itself. */
                  if (item->variants->len == 1 && first->options->len == 0)
                    g_ptr_array_set_size (item->variants, 0);
                  finish_item (reader, item);
                }
              item = NULL;
            }
          if (row == NULL)
            break;
          g_free (handle);
          handle = g_strdup (row_handle);
          group_bad = FALSE;
          group_line = row->line;
          group_problems = reader->preview->problems->len;

          if (*handle == '\0')
            {
              add_problem (reader->preview, row->line, _("The row has no handle"));
              group_bad = TRUE;
              continue;
            }
          title = cell_dup (h, row, COL_TITLE);
          if (*title == '\0')
            {
              add_problem (reader->preview, row->line, _("The first row of “%s” has no title"), handle);
              group_bad = TRUE;
              continue;
            }
          if (!claim_key (reader, "slug:", handle, row->line))
            {
              group_bad = TRUE;
              continue;
            }
          item = item_new (reader, row->line);
          cc_product_set_title (item->product, reader->lang, title);
          {
            g_autofree char *body = html_to_text (cell (h, row, COL_BODY));
            if (*body != '\0')
              cc_product_set_description (item->product, reader->lang, body);
          }
          item->product->slug = g_strdup (handle);
          split_list (cell (h, row, COL_TAGS), item->product->tags);
          status = g_ascii_strdown (cell (h, row, COL_STATUS), -1);
          g_strstrip (status);
          /* An unknown status leaves the product active. */
          if (*status != '\0' && !cc_product_status_from_string (status, &item->product->status))
            item->product->status = CC_PRODUCT_ACTIVE;
          grams = cell_dup (h, row, COL_GRAMS);
          if (*grams != '\0')
            {
              gint64 g;
              if (g_ascii_string_to_signed (grams, 10, 0, 1000000, &g, NULL))
                item->product->weight_g = g;
            }
        }
      else if (group_bad)
        {
          add_problem (reader->preview, row->line, _("Skipped: the first row of “%s” (line %u) is not valid"),
                       handle, group_line);
          continue;
        }

      image = cell_dup (h, row, COL_IMAGE);
      variant_image = cell_dup (h, row, COL_VARIANT_IMAGE);
      sku = cell_dup (h, row, COL_SKU);
      price_text = cell_dup (h, row, COL_PRICE);

      for (guint i = 0; i < 2; i++)
        {
          const char *url = i == 0 ? image : variant_image;

          if (*url != '\0' && !is_web_address (url))
            {
              add_problem (reader->preview, row->line, _("The image address “%s” is not a web address"), url);
              row_ok = FALSE;
            }
        }
      if (!row_ok)
        continue;
      if (*image != '\0')
        add_url (item->image_urls, image);
      if (*variant_image != '\0')
        add_url (item->image_urls, variant_image);

      /* An image-only row. */
      if (*sku == '\0' && *price_text == '\0')
        continue;

      if (!parse_price (reader, price_text, item->product->currency, row->line, &price))
        continue;
      compare = cell_dup (h, row, COL_COMPARE);
      if (*compare != '\0' && item->variants->len == 0)
        {
          gint64 compare_price;
          if (!parse_price (reader, compare, item->product->currency, row->line, &compare_price))
            continue;
          item->product->compare_at_price = compare_price;
        }
      if (!claim_key (reader, "sku:", sku, row->line))
        continue;

      count_quantity (reader, cell (h, row, COL_QUANTITY));
      variant = cc_variant_new ();
      variant->sku = g_strdup (sku);
      variant->price = price;
      for (guint o = 0; o < 3; o++)
        {
          g_autofree char *name = cell_dup (h, row, COL_OPTION1_NAME + 2 * o);
          g_autofree char *value = cell_dup (h, row, COL_OPTION1_VALUE + 2 * o);

          /* Later rows leave the option names empty: take the first row's. */
          if (*name == '\0' && item->variants->len > 0)
            {
              CcVariant *first = g_ptr_array_index (item->variants, 0);
              if (o < first->options->len)
                {
                  CcVariantOption *option = g_ptr_array_index (first->options, o);
                  g_free (name);
                  name = g_strdup (option->name);
                }
            }
          /* Shopify writes "Title" / "Default Title" for products without options. */
          if (*value != '\0' && *name != '\0' &&
              !(g_ascii_strcasecmp (name, "Title") == 0 && g_ascii_strcasecmp (value, "Default Title") == 0))
            cc_variant_add_option (variant, name, value);
        }
      g_ptr_array_add (item->variants, variant);
    }
}

/* Etsy: one row per listing; VARIATION n VALUES multiply into variants. */
static void
read_etsy_rows (Reader    *reader,
                GPtrArray *rows)
{
  const Header *h = &reader->header;

  for (guint r = 0; r < rows->len; r++)
    {
      CsvRecord *row = g_ptr_array_index (rows, r);
      g_autofree char *title = cell_dup (h, row, COL_TITLE);
      g_autofree char *description = NULL, *sku = NULL, *price_text = NULL, *currency = NULL, *slug = NULL;
      g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      CcImportItem *item;
      gint64 price;
      gboolean ok = TRUE;

      if (*title == '\0')
        {
          add_problem (reader->preview, row->line, _("The row has no title"));
          continue;
        }
      currency = g_ascii_strup (cell (h, row, COL_CURRENCY), -1);
      g_strstrip (currency);
      if (*currency == '\0')
        {
          g_free (currency);
          currency = g_strdup (reader->currency);
        }
      else if (!cc_currency_is_valid (currency))
        {
          add_problem (reader->preview, row->line, _("“%s” is not a currency code CraftChain knows"), currency);
          continue;
        }
      price_text = cell_dup (h, row, COL_PRICE);
      if (!parse_price (reader, price_text, currency, row->line, &price))
        continue;
      for (guint n = 0; n < 10; n++)
        {
          g_autofree char *url = cell_dup (h, row, COL_IMAGE1 + n);

          if (*url == '\0')
            continue;
          if (!is_web_address (url))
            {
              add_problem (reader->preview, row->line, _("The image address “%s” is not a web address"), url);
              ok = FALSE;
              break;
            }
          add_url (images, url);
        }
      if (!ok)
        continue;
      sku = cell_dup (h, row, COL_SKU);
      slug = cc_text_slugify (title);
      if (!claim_key (reader, "sku:", sku, row->line) ||
          (*sku == '\0' && !claim_key (reader, "slug:", slug, row->line)))
        continue;

      count_quantity (reader, cell (h, row, COL_QUANTITY));
      item = item_new (reader, row->line);
      g_free (item->product->currency);
      item->product->currency = g_strdup (currency);
      item->product->price = price;
      item->product->sku = g_strdup (sku);
      /* Without a SKU the title's slug is how a re-import finds the piece. */
      if (*sku == '\0')
        item->product->slug = g_strdup (slug);
      cc_product_set_title (item->product, reader->lang, title);
      description = cell_dup (h, row, COL_BODY);
      if (*description != '\0')
        cc_product_set_description (item->product, reader->lang, description);
      split_list (cell (h, row, COL_TAGS), item->product->tags);
      split_list (cell (h, row, COL_MATERIALS), item->product->materials);
      g_ptr_array_extend_and_steal (item->image_urls, g_steal_pointer (&images));

      for (guint v = 0; v < 2; v++)
        {
          g_autofree char *name = cell_dup (h, row, COL_VARIATION1_NAME + 3 * v);
          GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

          if (*name == '\0')
            {
              g_free (name);
              name = cell_dup (h, row, COL_VARIATION1_TYPE + 3 * v);
            }
          split_list (cell (h, row, COL_VARIATION1_VALUES + 3 * v), list);
          if (*name == '\0' || list->len == 0)
            {
              g_ptr_array_unref (list);
              continue;
            }
          g_ptr_array_add (names, g_steal_pointer (&name));
          g_ptr_array_add (values, list);
        }
      if (values->len > 0)
        {
          GPtrArray *first = g_ptr_array_index (values, 0);
          GPtrArray *second = values->len > 1 ? g_ptr_array_index (values, 1) : NULL;

          for (guint a = 0; a < first->len; a++)
            for (guint b = 0; b < (second ? second->len : 1); b++)
              {
                CcVariant *variant = cc_variant_new ();
                g_autofree char *suffix = NULL;

                cc_variant_add_option (variant, g_ptr_array_index (names, 0), g_ptr_array_index (first, a));
                if (second)
                  cc_variant_add_option (variant, g_ptr_array_index (names, 1), g_ptr_array_index (second, b));
                /* Etsy has one SKU per listing: variants get derived ones. */
                if (*sku != '\0')
                  {
                    g_autofree char *joined = second
                      ? g_strdup_printf ("%s %s", (char *)g_ptr_array_index (first, a), (char *)g_ptr_array_index (second, b))
                      : g_strdup (g_ptr_array_index (first, a));
                    suffix = cc_text_slugify (joined);
                    variant->sku = g_strdup_printf ("%s-%s", sku, suffix);
                  }
                else
                  variant->sku = g_strdup ("");
                variant->price = price;
                g_ptr_array_add (item->variants, variant);
              }
        }
      finish_item (reader, item);
    }
}

CcImportPreview *
cc_import_preview_file (CcStore     *store,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(CcImportPreview) preview = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) languages = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader reader = { 0 };
  gsize len;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }

  preview = g_new0 (CcImportPreview, 1);
  preview->items = g_ptr_array_new_with_free_func ((GDestroyNotify)import_item_free);
  preview->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)import_problem_free);

  records = csv_parse (data, len);
  if (records->len == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("The file “%s” is empty"), path);
      return NULL;
    }
  if (!read_header (g_ptr_array_index (records, 0), &preview->format, &reader.header, error))
    return NULL;

  rows = g_ptr_array_new ();
  for (guint i = 1; i < records->len; i++)
    {
      CsvRecord *record = g_ptr_array_index (records, i);
      gboolean valid = TRUE;

      if (record_is_blank (record))
        continue;
      for (guint c = 0; c < record->cells->len && valid; c++)
        valid = g_utf8_validate (g_ptr_array_index (record->cells, c), -1, NULL);
      if (!valid)
        {
          add_problem (preview, record->line,
                       _("The row is not UTF-8 text; save the file as “CSV UTF-8” and import it again"));
          continue;
        }
      g_ptr_array_add (rows, record);
    }

  languages = cc_store_dup_languages (store);
  reader.store = store;
  reader.preview = preview;
  reader.currency = cc_store_dup_setting (store, "currency", "INR");
  reader.lang = g_strdup (languages[0]);
  reader.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (preview->format == CC_IMPORT_FORMAT_ETSY)
    read_etsy_rows (&reader, rows);
  else
    read_shopify_rows (&reader, rows);

  g_ptr_array_sort (preview->problems, compare_problems);
  g_free (reader.currency);
  g_free (reader.lang);
  g_hash_table_unref (reader.keys);

  return g_steal_pointer (&preview);
}

/* Image addresses: an entity of their own, one register per product holding
 * the addresses one per line, so they sync like everything else. */

static gboolean
images_apply (CcStore     *store,
              const char  *row_id,
              const char  *reg,
              JsonNode    *value,
              GError     **error)
{
  static const CcColumn columns[] = { { "urls", CC_COLUMN_TEXT } };

  return cc_store_apply_column (store, "product_image_urls", columns, G_N_ELEMENTS (columns),
                                row_id, reg, value, error);
}

static const CcEntityClass images_entity = { "product_images", images_apply, NULL };

void
cc_import_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));
  cc_store_add_entity (store, &images_entity);
}

static char *
dup_urls_text (CcStore    *store,
               const char *product_id)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, "SELECT urls FROM product_image_urls WHERE id = ?", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text ? text : g_strdup ("");
}

GStrv
cc_import_dup_image_urls (CcStore    *store,
                          const char *product_id)
{
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  text = dup_urls_text (store, product_id);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

/* Apply */

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
same_options (const CcVariant *a,
              const CcVariant *b)
{
  if (a->options->len != b->options->len)
    return FALSE;
  for (guint i = 0; i < a->options->len; i++)
    {
      const CcVariantOption *x = g_ptr_array_index (a->options, i);
      const CcVariantOption *y = g_ptr_array_index (b->options, i);

      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_variants (CcStore       *store,
                const char    *product_id,
                CcImportItem  *item,
                GError       **error)
{
  g_autoptr(GPtrArray) existing = cc_catalogue_list_variants (store, product_id);

  for (guint i = 0; i < item->variants->len; i++)
    {
      CcVariant *variant = g_ptr_array_index (item->variants, i);
      CcVariant *match = NULL;

      for (guint j = 0; j < existing->len && match == NULL; j++)
        {
          CcVariant *old = g_ptr_array_index (existing, j);

          if ((*variant->sku != '\0' && g_strcmp0 (old->sku, variant->sku) == 0) ||
              (*variant->sku == '\0' && same_options (old, variant)))
            match = old;
        }

      if (match == NULL)
        {
          g_autofree char *id = NULL;

          g_free (variant->product_id);
          variant->product_id = g_strdup (product_id);
          if ((id = cc_catalogue_add_variant (store, variant, error)) == NULL)
            return FALSE;
        }
      else if (match->price != variant->price || !same_options (match, variant))
        {
          g_autoptr(CcVariant) updated = cc_variant_new ();

          updated->id = g_strdup (match->id);
          updated->product_id = g_strdup (product_id);
          updated->sku = g_strdup (variant->sku);
          updated->price = variant->price;
          updated->position = match->position;
          for (guint o = 0; o < variant->options->len; o++)
            {
              CcVariantOption *option = g_ptr_array_index (variant->options, o);
              cc_variant_add_option (updated, option->name, option->value);
            }
          if (!cc_catalogue_update_variant (store, updated, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_images (CcStore       *store,
              const char    *product_id,
              CcImportItem  *item,
              GError       **error)
{
  g_auto(GStrv) old = cc_import_dup_image_urls (store, product_id);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  /* Addresses already known stay; the file's new ones are added after them. */
  for (guint i = 0; old[i] != NULL; i++)
    add_url (all, old[i]);
  for (guint i = 0; i < item->image_urls->len; i++)
    add_url (all, g_ptr_array_index (item->image_urls, i));
  if (all->len == g_strv_length (old))
    return TRUE;

  g_ptr_array_add (all, NULL);
  text = g_strjoinv ("\n", (char **)all->pdata);
  return cc_store_write (store, "product_images", product_id, "urls", cc_value_string (text), error);
}

static gboolean
apply_item (CcStore       *store,
            CcImportItem  *item,
            gboolean      *created,
            GError       **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcProduct) old = NULL;

  if (item->product_id != NULL)
    old = cc_catalogue_get_product (store, item->product_id, NULL);

  if (old == NULL)
    {
      id = cc_catalogue_create_product (store, item->product, &local_error);
      *created = TRUE;
    }
  else
    {
      g_autoptr(CcProduct) merged = cc_product_copy (old);
      GHashTableIter iter;
      gpointer key, value;

      /* The file sets what it holds; the rest of the product stays as it is. */
      g_hash_table_iter_init (&iter, item->product->titles);
      while (g_hash_table_iter_next (&iter, &key, &value))
        cc_product_set_title (merged, key, value);
      g_hash_table_iter_init (&iter, item->product->descriptions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        cc_product_set_description (merged, key, value);
      if (item->product->sku != NULL && *item->product->sku != '\0')
        replace_str (&merged->sku, item->product->sku);
      if (item->product->slug != NULL && *item->product->slug != '\0')
        replace_str (&merged->slug, item->product->slug);
      replace_str (&merged->currency, item->product->currency);
      merged->price = item->product->price;
      if (item->product->compare_at_price > 0)
        merged->compare_at_price = item->product->compare_at_price;
      if (item->product->weight_g > 0)
        merged->weight_g = item->product->weight_g;
      merged->status = item->product->status;
      if (item->product->tags->len > 0)
        {
          g_ptr_array_set_size (merged->tags, 0);
          for (guint i = 0; i < item->product->tags->len; i++)
            g_ptr_array_add (merged->tags, g_strdup (g_ptr_array_index (item->product->tags, i)));
        }
      if (item->product->materials->len > 0)
        {
          g_ptr_array_set_size (merged->materials, 0);
          for (guint i = 0; i < item->product->materials->len; i++)
            g_ptr_array_add (merged->materials, g_strdup (g_ptr_array_index (item->product->materials, i)));
        }
      if (cc_catalogue_update_product (store, merged, &local_error))
        id = g_strdup (old->id);
      *created = FALSE;
    }

  if (id == NULL)
    {
      g_set_error (error, CC_ERROR, g_error_matches (local_error, CC_ERROR, CC_ERROR_INVALID_INPUT)
                                     ? CC_ERROR_INVALID_INPUT : CC_ERROR_FAILED,
                   _("Line %u: %s"), item->line, local_error->message);
      return FALSE;
    }

  return apply_variants (store, id, item, error) && apply_images (store, id, item, error);
}

gboolean
cc_import_apply (CcStore          *store,
                 CcImportPreview  *preview,
                 guint            *out_created,
                 guint            *out_updated,
                 GError          **error)
{
  guint created = 0, updated = 0;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (!cc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < preview->items->len; i++)
    {
      gboolean was_created = FALSE;

      if (!apply_item (store, g_ptr_array_index (preview->items, i), &was_created, error))
        {
          cc_store_rollback (store);
          return FALSE;
        }
      if (was_created)
        created++;
      else
        updated++;
    }
  if (!cc_store_commit (store, error))
    return FALSE;

  if (out_created != NULL)
    *out_created = created;
  if (out_updated != NULL)
    *out_updated = updated;
  return TRUE;
}

/* Export */

static void
csv_append (GString    *out,
            const char *text,
            gboolean    last)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
text_to_html (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);

  return g_strjoinv ("<br>", lines);
}

#define EXPORT_COLUMNS 12

gboolean
cc_export_shopify_csv (CcStore     *store,
                       const char  *path,
                       GError     **error)
{
  static const char *header[EXPORT_COLUMNS] = {
    "Handle", "Title", "Body (HTML)", "Tags", "Status", "Option1 Name", "Option1 Value",
    "Option2 Name", "Option2 Value", "Variant SKU", "Variant Price", "Image Src",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) languages = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  languages = cc_store_dup_languages (store);

  stmt = cc_store_prepare_cached (store, "SELECT id FROM products WHERE deleted = 0 ORDER BY slug, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < EXPORT_COLUMNS; i++)
    csv_append (out, header[i], i + 1 == EXPORT_COLUMNS);

  for (guint p = 0; p < ids->len; p++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, g_ptr_array_index (ids, p), NULL);
      g_autoptr(GPtrArray) variants = NULL;
      g_auto(GStrv) images = NULL;
      g_autofree char *body = NULL, *tags = NULL;
      guint n_rows;

      if (product == NULL)
        continue;
      variants = cc_catalogue_list_variants (store, product->id);
      images = cc_import_dup_image_urls (store, product->id);
      body = text_to_html (cc_product_get_description (product, languages[0]));
      g_ptr_array_add (product->tags, NULL);
      tags = g_strjoinv (", ", (char **)product->tags->pdata);
      g_ptr_array_remove_index (product->tags, product->tags->len - 1);

      n_rows = MAX (MAX (variants->len, 1), g_strv_length (images));
      for (guint r = 0; r < n_rows; r++)
        {
          CcVariant *variant = r < variants->len ? g_ptr_array_index (variants, r) : NULL;
          gboolean has_price = variant != NULL || (r == 0 && variants->len == 0);
          g_autofree char *price = NULL;
          const char *cells[EXPORT_COLUMNS] = { NULL };

          cells[0] = product->slug;
          if (r == 0)
            {
              cells[1] = cc_product_get_title (product, languages[0]);
              cells[2] = body;
              cells[3] = tags;
              cells[4] = cc_product_status_to_string (product->status);
            }
          if (variant != NULL)
            for (guint o = 0; o < MIN (variant->options->len, 2); o++)
              {
                CcVariantOption *option = g_ptr_array_index (variant->options, o);
                cells[5 + 2 * o] = option->name;
                cells[6 + 2 * o] = option->value;
              }
          if (has_price)
            {
              price = cc_money_format_plain (variant ? variant->price : product->price, product->currency);
              cells[9] = variant ? variant->sku : product->sku;
              cells[10] = price;
            }
          if (r < g_strv_length (images))
            cells[11] = images[r];
          for (guint c = 0; c < EXPORT_COLUMNS; c++)
            csv_append (out, cells[c], c + 1 == EXPORT_COLUMNS);
        }
    }

  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Orders: one row per order line, the order's totals repeated on each. */

#define ORDER_COLUMNS 17

static void
append_money (GString    *out,
              gint64      amount,
              const char *currency,
              gboolean    last)
{
  g_autofree char *text = cc_money_format_plain (amount, currency);

  csv_append (out, text, last);
}

/* Looks up to n_columns text columns of the first row of sql, with ?1 and
 * ?2 bound to arg1 and arg2; the cells are "" when there is no row.
 * Orders keep naming deleted customers, pieces and variants, so these
 * read the tables directly rather than through the live-only getters. */
static gboolean
lookup_texts (CcStore     *store,
              const char  *sql,
              const char  *arg1,
              const char  *arg2,
              char       **cells,
              guint        n_columns,
              GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_TRANSIENT);
  if (arg2 != NULL)
    sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint i = 0; i < n_columns; i++)
      cells[i] = g_strdup ((const char *)sqlite3_column_text (stmt, i));
  else
    for (guint i = 0; i < n_columns; i++)
      cells[i] = g_strdup ("");
  sqlite3_reset (stmt);
  return TRUE;
}

/* Cached "a\x1fb" pairs: name and email, or SKU and title. */
static const char *
lookup_pair (GHashTable  *cache,
             CcStore     *store,
             const char  *sql,
             const char  *id,
             const char  *lang,
             GError     **error)
{
  char *cells[2] = { NULL, NULL };
  char *joined;

  if ((joined = g_hash_table_lookup (cache, id)) != NULL)
    return joined;
  if (!lookup_texts (store, sql, id, lang, cells, 2, error))
    return NULL;
  joined = g_strconcat (cells[0] ? cells[0] : "", "\x1f", cells[1] ? cells[1] : "", NULL);
  g_free (cells[0]);
  g_free (cells[1]);
  g_hash_table_insert (cache, g_strdup (id), joined);
  return joined;
}

gboolean
cc_export_orders_csv (CcStore     *store,
                      const char  *path,
                      GError     **error)
{
  static const char *header[ORDER_COLUMNS] = {
    "Order", "Date", "Status", "Customer", "Email", "SKU", "Title", "Quantity",
    "Unit price", "Line total", "Subtotal", "Discount", "Shipping", "Tax",
    "Total", "Paid", "Currency",
  };
  static const char customer_sql[] = "SELECT name, email FROM customers WHERE id = ?1";
  /* The title in the shop's main language, else the first one there is. */
  static const char product_sql[] =
    "SELECT p.sku, coalesce ((SELECT t.title FROM product_texts t "
    "                         WHERE t.product_id = p.id AND t.title != '' "
    "                         ORDER BY t.lang = ?2 DESC, t.lang LIMIT 1), '') "
    "FROM products p WHERE p.id = ?1";
  static const char variant_sql[] = "SELECT sku FROM variants WHERE id = ?1";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) customers = NULL;
  g_autoptr(GHashTable) products = NULL;
  g_autoptr(GHashTable) variant_skus = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  languages = cc_store_dup_languages (store);
  orders = cc_orders_list_orders (store);
  customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  variant_skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < ORDER_COLUMNS; i++)
    csv_append (out, header[i], i + 1 == ORDER_COLUMNS);

  /* Oldest first, as a ledger reads. */
  for (guint o = orders->len; o-- > 0;)
    {
      CcOrder *order = g_ptr_array_index (orders, o);
      g_auto(GStrv) customer = NULL;
      g_autofree char *date = NULL;
      CcOrderTotals totals;

      cc_order_compute_totals (order, &totals);
      date = g_strndup (order->created ? order->created : "", 10);
      if (order->customer_id != NULL)
        {
          const char *pair = lookup_pair (customers, store, customer_sql, order->customer_id, NULL, error);

          if (pair == NULL)
            return FALSE;
          customer = g_strsplit (pair, "\x1f", 2);
        }

      for (guint l = 0; l < order->lines->len; l++)
        {
          CcOrderLine *line = g_ptr_array_index (order->lines, l);
          g_auto(GStrv) product = NULL;
          const char *pair;
          const char *sku;

          pair = lookup_pair (products, store, product_sql, line->product_id, languages[0], error);
          if (pair == NULL)
            return FALSE;
          product = g_strsplit (pair, "\x1f", 2);
          sku = product[0];
          if (line->variant_id != NULL)
            {
              const char *variant_sku = g_hash_table_lookup (variant_skus, line->variant_id);

              if (variant_sku == NULL)
                {
                  char *cells[1] = { NULL };

                  if (!lookup_texts (store, variant_sql, line->variant_id, NULL, cells, 1, error))
                    return FALSE;
                  variant_sku = cells[0];
                  g_hash_table_insert (variant_skus, g_strdup (line->variant_id), cells[0]);
                }
              if (*variant_sku != '\0')
                sku = variant_sku;
            }

          csv_append (out, order->number, FALSE);
          csv_append (out, date, FALSE);
          csv_append (out, cc_order_status_to_string (order->status), FALSE);
          csv_append (out, customer ? customer[0] : NULL, FALSE);
          csv_append (out, customer ? customer[1] : NULL, FALSE);
          csv_append (out, sku, FALSE);
          csv_append (out, product[1], FALSE);
          g_string_append_printf (out, "%" G_GINT64_FORMAT ",", line->quantity);
          append_money (out, line->unit_price, order->currency, FALSE);
          append_money (out, line->quantity * line->unit_price, order->currency, FALSE);
          append_money (out, totals.subtotal, order->currency, FALSE);
          append_money (out, totals.discount, order->currency, FALSE);
          append_money (out, totals.shipping, order->currency, FALSE);
          append_money (out, totals.tax, order->currency, FALSE);
          append_money (out, totals.total, order->currency, FALSE);
          append_money (out, totals.paid, order->currency, FALSE);
          csv_append (out, order->currency, TRUE);
        }
    }

  /* g_file_set_contents writes a temporary file beside path and renames it. */
  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
