/* cc-search.c — search-as-you-type over the catalogue, with filters and sorts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two indexes, both written here (see migration 2 in cc-schema.c):
 *
 * - products_fts, rowid = products.rowid, holds each field as its folded
 *   words (cc_text_words), so the index and the query fold alike whatever
 *   the tokenizer's own folding does, and a facets column with one token
 *   for the status, the category and each tag, so those filters are FTS
 *   terms too. Its 1- to 4-character prefix indexes make a prefix match,
 *   an AND of them and their count one doclist read each.
 * - product_prefixes holds the first one and two characters of each word
 *   of the titles, tags, materials and SKUs, ordered by a title sort key,
 *   so the first page of a 1–2 letter search in name order is the start of
 *   one index range.
 *
 * Words of one or two characters match titles, tags, materials and SKUs;
 * longer words match descriptions too. Relevance is bm25 when every word
 * has three characters or more, name order otherwise.
 *
 * What costs time (bench/bench-search, 100,000 products): bm25 and sorting
 * cost about 1.5 µs per matching product. So a query ranks or sorts its
 * matches only when there are at most RANK_MAX of them; a broader one
 * walks an ordered index and stops at the page: product_prefixes for name
 * order, the products index of the sort for the others. A broad query
 * whose words all have three characters or more has no meaningful bm25
 * order, and lists the products most recently added to this device first
 * (the FTS rowid order, which costs nothing). A price bound is not a facet:
 * it costs a products lookup per match.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "cc-error.h"
#include "cc-photo-analysis.h"
#include "cc-search.h"
#include "cc-text.h"

/* Words shorter than this are served by product_prefixes. */
#define SHORT_WORD_CHARS 3
/* Bytes of the display title kept as product_prefixes' sort key. */
#define TITLE_KEY_BYTES 16
/* Above this many matches a query walks an ordered index instead of
 * ranking or sorting them all (≈1.5 µs each). */
#define RANK_MAX 3000
#define DEFAULT_LIMIT 50
/* The columns a short word matches: those product_prefixes covers. */
#define SHORT_COLUMNS "{title tags materials sku}"
#define LONG_COLUMNS "{title description tags materials sku}"
/* Title first, then SKU, tags, materials, description; facets not at all. */
#define BM25_ORDER "bm25(products_fts, 10.0, 1.0, 4.0, 3.0, 6.0, 0.0), products_fts.rowid"

/* SQL with its arguments, appended together. */

typedef struct
{
  char   *text;     /* NULL: number */
  gint64  number;
} Arg;

typedef struct
{
  GString *sql;
  GArray  *args;
} Sql;

static void
arg_clear (gpointer data)
{
  Arg *arg = data;

  g_free (arg->text);
}

static void
sql_init (Sql        *s,
          const char *start)
{
  s->sql = g_string_new (start);
  s->args = g_array_new (FALSE, TRUE, sizeof (Arg));
  g_array_set_clear_func (s->args, arg_clear);
}

static void
sql_clear (Sql *s)
{
  g_string_free (s->sql, TRUE);
  g_array_unref (s->args);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sql, sql_clear)

static void
sql_add (Sql        *s,
         const char *text)
{
  g_string_append (s->sql, text);
}

static void
sql_text (Sql        *s,
          const char *text)
{
  Arg arg = { g_strdup (text), 0 };

  g_string_append_c (s->sql, '?');
  g_array_append_val (s->args, arg);
}

static void
sql_int (Sql    *s,
         gint64  number)
{
  Arg arg = { NULL, number };

  g_string_append_c (s->sql, '?');
  g_array_append_val (s->args, arg);
}

/* A cached statement for s, its arguments bound. */
static sqlite3_stmt *
sql_prepare (CcStore  *store,
             Sql      *s,
             GError  **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, s->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < s->args->len; i++)
    {
      const Arg *arg = &g_array_index (s->args, Arg, i);

      if (arg->text != NULL)
        sqlite3_bind_text (stmt, i + 1, arg->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, arg->number);
    }
  return stmt;
}

/* Steps a statement that returns one integer. */
static gboolean
sql_get_int (CcStore  *store,
             Sql      *s,
             gint64   *out,
             GError  **error)
{
  sqlite3_stmt *stmt = sql_prepare (store, s, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Steps a statement that returns rowids into @rowids. */
static gboolean
sql_get_rowids (CcStore  *store,
                Sql      *s,
                GArray   *rowids,
                GError  **error)
{
  sqlite3_stmt *stmt = sql_prepare (store, s, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Runs one statement that returns no rows. */
static gboolean
exec_cached (CcStore     *store,
             const char  *sql,
             gint64       rowid,
             GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Indexing */

/* Everything a product's index entries are made of. */
#define SOURCE_SQL \
  "SELECT p.rowid, p.deleted, p.title, p.sku, p.status, p.category_id," \
  " (SELECT group_concat (title, char(10)) FROM product_texts WHERE product_id = p.id)," \
  " (SELECT group_concat (description, char(10)) FROM product_texts WHERE product_id = p.id)," \
  " (SELECT group_concat (tag, char(10)) FROM product_tags WHERE product_id = p.id AND present = 1)," \
  " (SELECT group_concat (material, char(10)) FROM product_materials WHERE product_id = p.id AND present = 1)," \
  " (SELECT group_concat (sku, char(10)) FROM variants WHERE product_id = p.id AND deleted = 0)" \
  " FROM products p"

enum {
  SOURCE_ROWID,
  SOURCE_DELETED,
  SOURCE_TITLE,
  SOURCE_SKU,
  SOURCE_STATUS,
  SOURCE_CATEGORY,
  SOURCE_TITLES,
  SOURCE_DESCRIPTIONS,
  SOURCE_TAGS,
  SOURCE_MATERIALS,
  SOURCE_VARIANT_SKUS,
};

static void
add_prefixes (GHashTable *prefixes,
              const char *word)
{
  const char *one = g_utf8_next_char (word);

  g_hash_table_add (prefixes, g_strndup (word, one - word));
  if (*one != '\0')
    g_hash_table_add (prefixes, g_strndup (word, g_utf8_next_char (one) - word));
}

/* Appends the folded words of @text, space separated; collects their
 * prefixes when @prefixes is not NULL. */
static void
append_words (GString    *out,
              const char *text,
              GHashTable *prefixes)
{
  g_autoptr(GPtrArray) words = NULL;

  if (text == NULL || (words = cc_text_words (text)) == NULL)
    return;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
      if (prefixes != NULL)
        add_prefixes (prefixes, word);
    }
}

/* Facet tokens: a letter, then the value's bytes in hex, so that any
 * value is one token of the FTS tokenizer. */
static void
append_facet (GString    *out,
              char        kind,
              const char *value)
{
  static const char digits[] = "0123456789abcdef";

  g_string_append_c (out, kind);
  for (const guchar *p = (const guchar *)value; p != NULL && *p != '\0'; p++)
    {
      g_string_append_c (out, digits[*p >> 4]);
      g_string_append_c (out, digits[*p & 0xf]);
    }
}

/* The first bytes of the title, ASCII lower-cased: in byte order these sort
 * as COLLATE NOCASE sorts whole titles, up to ties. */
static gsize
make_title_key (const char *title,
                char        key[TITLE_KEY_BYTES])
{
  gsize length = title ? MIN (strlen (title), TITLE_KEY_BYTES) : 0;

  for (gsize i = 0; i < length; i++)
    key[i] = g_ascii_tolower (title[i]);
  return length;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

/* Writes the entries of the product in @source's current row (the old
 * ones must be gone). */
static gboolean
insert_entry (CcStore       *store,
              sqlite3_stmt  *source,
              GError       **error)
{
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(GString) descriptions = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autoptr(GString) materials = g_string_new (NULL);
  g_autoptr(GString) skus = g_string_new (NULL);
  g_autoptr(GString) facets = g_string_new (NULL);
  const char *category = column_text (source, SOURCE_CATEGORY);
  const char *tag_lines = column_text (source, SOURCE_TAGS);
  gint64 rowid = sqlite3_column_int64 (source, SOURCE_ROWID);
  char key[TITLE_KEY_BYTES];
  gsize key_length;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  const char *prefix;

  append_words (titles, column_text (source, SOURCE_TITLES), prefixes);
  append_words (descriptions, column_text (source, SOURCE_DESCRIPTIONS), NULL);
  append_words (tags, column_text (source, SOURCE_TAGS), prefixes);
  append_words (materials, column_text (source, SOURCE_MATERIALS), prefixes);
  append_words (skus, column_text (source, SOURCE_SKU), prefixes);
  append_words (skus, column_text (source, SOURCE_VARIANT_SKUS), prefixes);
  key_length = make_title_key (column_text (source, SOURCE_TITLE), key);

  append_facet (facets, 's', column_text (source, SOURCE_STATUS));
  if (category != NULL && *category != '\0')
    {
      g_string_append_c (facets, ' ');
      append_facet (facets, 'c', category);
    }
  if (tag_lines != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (tag_lines, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append_c (facets, ' ');
          append_facet (facets, 't', lines[i]);
        }
    }

  stmt = cc_store_prepare_cached (store,
                                  "INSERT INTO products_fts (rowid, title, description, tags, materials, sku, facets) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, titles->str, titles->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, descriptions->str, descriptions->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tags->str, tags->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, materials->str, materials->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, skus->str, skus->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, facets->str, facets->len, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  stmt = cc_store_prepare_cached (store,
                                  "INSERT OR IGNORE INTO product_prefixes (prefix, title_key, product_rowid) "
                                  "VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 2, key, key_length, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rowid);
  g_hash_table_iter_init (&iter, prefixes);
  while (g_hash_table_iter_next (&iter, (gpointer *)&prefix, NULL))
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          cc_store_set_sqlite_error (store, error);
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

gboolean
cc_search_index_product (CcStore     *store,
                         const char  *product_id,
                         GError     **error)
{
  sqlite3_stmt *source;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  source = cc_store_prepare_cached (store, SOURCE_SQL " WHERE p.id = ?", error);
  if (source == NULL)
    return FALSE;
  sqlite3_bind_text (source, 1, product_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (source);
  if (rc == SQLITE_DONE)
    {
      /* A product that is not there has no entries to rebuild. */
      sqlite3_reset (source);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (source);
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    {
      sqlite3_reset (source);
      return FALSE;
    }
  if (!exec_cached (store, "DELETE FROM products_fts WHERE rowid = ?",
                    sqlite3_column_int64 (source, SOURCE_ROWID), error) ||
      !exec_cached (store, "DELETE FROM product_prefixes WHERE product_rowid = ?",
                    sqlite3_column_int64 (source, SOURCE_ROWID), error) ||
      (!sqlite3_column_int (source, SOURCE_DELETED) && !insert_entry (store, source, error)))
    {
      sqlite3_reset (source);
      cc_store_rollback (store);
      return FALSE;
    }
  sqlite3_reset (source);
  return cc_store_commit (store, error);
}

gboolean
cc_search_reindex_all (CcStore  *store,
                       GError  **error)
{
  sqlite3_stmt *source;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!exec_cached (store, "DELETE FROM products_fts", 0, error) ||
      !exec_cached (store, "DELETE FROM product_prefixes", 0, error) ||
      (source = cc_store_prepare_cached (store, SOURCE_SQL " WHERE p.deleted = 0", error)) == NULL)
    {
      cc_store_rollback (store);
      return FALSE;
    }

  while ((rc = sqlite3_step (source)) == SQLITE_ROW)
    if (!insert_entry (store, source, error))
      {
        sqlite3_reset (source);
        cc_store_rollback (store);
        return FALSE;
      }
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (source);
      cc_store_rollback (store);
      return FALSE;
    }
  sqlite3_reset (source);

  /* One b-tree per prefix length instead of one per batch of inserts. */
  if (!exec_cached (store, "INSERT INTO products_fts (products_fts) VALUES ('optimize')", 0, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

/* Queries */

typedef enum
{
  ORDER_NAME,
  ORDER_PRICE_LOW,
  ORDER_PRICE_HIGH,
  ORDER_NEWEST,
  ORDER_RANK,
} Order;

typedef struct
{
  const CcSearchQuery *query;
  GPtrArray           *short_words;  /* folded, fewer than SHORT_WORD_CHARS */
  GPtrArray           *long_words;
  char                *long_match;   /* FTS expression of the long words, or NULL */
  char                *match;        /* of every word and the facet filters, or NULL */
  const char          *category_id;  /* NULL: any */
  const char          *status;       /* NULL: any */
  char                *tag;          /* as product_tags stores it, NULL: any */
  Order                order;
  guint                limit;
} Search;

static void
search_clear (Search *search)
{
  g_clear_pointer (&search->short_words, g_ptr_array_unref);
  g_clear_pointer (&search->long_words, g_ptr_array_unref);
  g_clear_pointer (&search->long_match, g_free);
  g_clear_pointer (&search->match, g_free);
  g_clear_pointer (&search->tag, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

/* Filters that are conditions on each product row rather than facets of
 * the FTS index: the price bounds and the photo quality (which changes
 * with an analysis, not with the product). */
static gboolean
search_has_row_filters (const Search *search)
{
  return search->query->min_price >= 0 || search->query->max_price >= 0 ||
         search->query->needs_photos;
}

static gboolean
search_has_filters (const Search *search)
{
  return search->category_id != NULL || search->status != NULL ||
         search->tag != NULL || search_has_row_filters (search);
}

static void
append_phrase (GString    *out,
               const char *word)
{
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\"*");
}

/* " AND " unless @out is empty. */
static void
append_and (GString *out)
{
  if (out->len > 0)
    g_string_append (out, " AND ");
}

static void
append_words_match (GString    *out,
                    GPtrArray  *words,
                    const char *columns)
{
  for (guint i = 0; i < words->len; i++)
    {
      append_and (out);
      g_string_append_printf (out, "%s : ", columns);
      append_phrase (out, g_ptr_array_index (words, i));
    }
}

static char *
string_free_or_null (GString *out)
{
  return g_string_free (out, out->len == 0);
}

/* The categories under @category_id, itself included. */
static GPtrArray *
dup_subtree (CcStore     *store,
             const char  *category_id,
             GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* UNION, not UNION ALL: a cycle that arrived by sync still ends. */
  stmt = cc_store_prepare_cached (store,
                                  "WITH RECURSIVE subtree (id) AS (SELECT ?"
                                  " UNION SELECT c.id FROM categories c JOIN subtree ON c.parent_id = subtree.id)"
                                  " SELECT id FROM subtree",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, category_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/* {facets} : ("token" OR …) */
static void
append_facets_match (GString     *out,
                     char         kind,
                     const char **values,
                     guint        n_values)
{
  g_string_append (out, "{facets} : (");
  for (guint i = 0; i < n_values; i++)
    {
      g_string_append (out, i > 0 ? " OR \"" : "\"");
      append_facet (out, kind, values[i]);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ')');
}

/* The FTS expression of the words and of the filters that are facets. */
static gboolean
search_build_match (CcStore  *store,
                    Search   *search,
                    GError  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_words_match (out, search->long_words, LONG_COLUMNS);
  if (out->len > 0)
    search->long_match = g_strndup (out->str, out->len);
  append_words_match (out, search->short_words, SHORT_COLUMNS);

  if (search->status != NULL)
    {
      append_and (out);
      append_facets_match (out, 's', &search->status, 1);
    }
  if (search->tag != NULL)
    {
      const char *tag = search->tag;

      append_and (out);
      append_facets_match (out, 't', &tag, 1);
    }
  if (search->category_id != NULL)
    {
      g_autoptr(GPtrArray) subtree = dup_subtree (store, search->category_id, error);

      if (subtree == NULL)
        return FALSE;
      append_and (out);
      append_facets_match (out, 'c', (const char **)subtree->pdata, subtree->len);
    }

  search->match = string_free_or_null (g_steal_pointer (&out));
  return TRUE;
}

/* A word that starts another word of the query adds nothing: the longer
 * one's match implies it. Of two equal words the first is kept. */
static gboolean
is_implied (GPtrArray *words,
            guint      index)
{
  const char *word = g_ptr_array_index (words, index);

  for (guint i = 0; i < words->len; i++)
    {
      const char *other = g_ptr_array_index (words, i);

      if (i != index && g_str_has_prefix (other, word) &&
          (strcmp (other, word) != 0 || i < index))
        return TRUE;
    }
  return FALSE;
}

static gboolean
search_init (Search               *search,
             CcStore              *store,
             const CcSearchQuery  *query,
             GError              **error)
{
  const CcSearchQuery *q = query;

  memset (search, 0, sizeof *search);
  search->query = query;
  search->short_words = g_ptr_array_new_with_free_func (g_free);
  search->long_words = g_ptr_array_new_with_free_func (g_free);
  search->limit = q->limit > 0 ? q->limit : DEFAULT_LIMIT;

  if (q->status != -1 &&
      (q->status < CC_PRODUCT_DRAFT || q->status > CC_PRODUCT_ARCHIVED))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("There is no product status number %d"), q->status);
      return FALSE;
    }
  if (q->status != -1)
    search->status = cc_product_status_to_string (q->status);

  if (q->min_price < -1 || q->max_price < -1)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A price to search for cannot be negative"));
      return FALSE;
    }
  if (q->min_price >= 0 && q->max_price >= 0 && q->min_price > q->max_price)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The lowest price is above the highest price"));
      return FALSE;
    }

  if ((guint)q->sort > CC_SORT_NEWEST)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("There is no sort order number %d"), (int)q->sort);
      return FALSE;
    }

  if (q->category_id != NULL && *q->category_id != '\0')
    search->category_id = q->category_id;

  if (q->tag != NULL && *q->tag != '\0')
    {
      /* Tags are stored NFC and lower-cased (see the catalogue). */
      g_autofree char *nfc = cc_text_normalize (q->tag);

      if (nfc == NULL)
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                               _("The tag to search for is not valid text"));
          return FALSE;
        }
      if (*nfc != '\0')
        search->tag = g_utf8_strdown (nfc, -1);
    }

  if (q->text != NULL && *q->text != '\0')
    {
      g_autoptr(GPtrArray) words = cc_text_words (q->text);

      if (words == NULL)
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                               _("The search text is not valid text"));
          return FALSE;
        }
      for (guint i = 0; i < words->len; i++)
        {
          const char *word = g_ptr_array_index (words, i);

          if (is_implied (words, i))
            continue;
          if (g_utf8_strlen (word, -1) < SHORT_WORD_CHARS)
            g_ptr_array_add (search->short_words, g_strdup (word));
          else
            g_ptr_array_add (search->long_words, g_strdup (word));
        }
    }

  switch (q->sort)
    {
    case CC_SORT_RELEVANCE:
      search->order = search->long_words->len > 0 && search->short_words->len == 0
                      ? ORDER_RANK : ORDER_NAME;
      break;
    case CC_SORT_NAME:
      search->order = ORDER_NAME;
      break;
    case CC_SORT_PRICE_LOW:
      search->order = ORDER_PRICE_LOW;
      break;
    case CC_SORT_PRICE_HIGH:
      search->order = ORDER_PRICE_HIGH;
      break;
    case CC_SORT_NEWEST:
    default:
      search->order = ORDER_NEWEST;
      break;
    }

  return search_build_match (store, search, error);
}

static const char *
order_sql (Order order)
{
  switch (order)
    {
    case ORDER_PRICE_LOW:
      return " ORDER BY p.price, p.title COLLATE NOCASE, p.id";
    case ORDER_PRICE_HIGH:
      return " ORDER BY p.price DESC, p.title COLLATE NOCASE, p.id";
    case ORDER_NEWEST:
      return " ORDER BY p.id DESC";
    case ORDER_RANK:
      return " ORDER BY " BM25_ORDER;
    case ORDER_NAME:
    default:
      return " ORDER BY p.title COLLATE NOCASE, p.id";
    }
}

/* " AND …" for the filters, on products p. @walk: the plan walks an index
 * in sort order, so no other index may be chosen for a filter.
 * @price_only: the others are facets in the FTS expression. */
static void
append_filters (Sql          *s,
                const Search *search,
                gboolean      walk,
                gboolean      price_only)
{
  const CcSearchQuery *q = search->query;
  const char *plus = walk ? "+" : "";
  const char *price_plus = walk && search->order != ORDER_PRICE_LOW &&
                           search->order != ORDER_PRICE_HIGH ? "+" : "";

  g_string_append_printf (s->sql, " AND %sp.deleted = 0", plus);
  if (q->min_price >= 0)
    {
      g_string_append_printf (s->sql, " AND %sp.price >= ", price_plus);
      sql_int (s, q->min_price);
    }
  if (q->max_price >= 0)
    {
      g_string_append_printf (s->sql, " AND %sp.price <= ", price_plus);
      sql_int (s, q->max_price);
    }
  if (q->needs_photos)
    {
      /* No live photo, or a current analysis of the cover below good. */
      g_string_append_printf (s->sql,
                              " AND (NOT EXISTS (SELECT 1 FROM photos ph"
                              "  WHERE ph.product_id = p.id AND ph.deleted = 0)"
                              " OR (SELECT a.score FROM photo_analysis a WHERE a.sha256 ="
                              "  (SELECT ph.sha256 FROM photos ph WHERE ph.product_id = p.id AND ph.deleted = 0"
                              "   ORDER BY ph.position, ph.id LIMIT 1)"
                              "  AND a.version = %d) < %d)",
                              CC_PHOTO_ANALYSIS_VERSION, CC_PHOTO_GOOD_SCORE);
    }
  if (price_only)
    return;

  if (search->category_id != NULL)
    {
      g_string_append_printf (s->sql, " AND %sp.category_id IN ("
                              "WITH RECURSIVE subtree (id) AS (SELECT ", plus);
      sql_text (s, search->category_id);
      sql_add (s, " UNION SELECT c.id FROM categories c JOIN subtree ON c.parent_id = subtree.id)"
                  " SELECT id FROM subtree)");
    }
  if (search->status != NULL)
    {
      g_string_append_printf (s->sql, " AND %sp.status = ", plus);
      sql_text (s, search->status);
    }
  if (search->tag != NULL)
    {
      sql_add (s, " AND EXISTS (SELECT 1 FROM product_tags t"
                  " WHERE t.product_id = p.id AND t.tag = ");
      sql_text (s, search->tag);
      sql_add (s, " AND t.present = 1)");
    }
}

/* " FROM … WHERE …" of the products matching search->match, FTS first;
 * products joined only when @join (a price bound always joins). */
static void
append_fts_source (Sql          *s,
                   const Search *search,
                   gboolean      join)
{
  join = join || search_has_row_filters (search);
  sql_add (s, " FROM products_fts");
  if (join)
    sql_add (s, " CROSS JOIN products p ON p.rowid = products_fts.rowid");
  sql_add (s, " WHERE products_fts MATCH ");
  sql_text (s, search->match);
  if (join)
    append_filters (s, search, FALSE, TRUE);
}

static void
append_page (Sql          *s,
             const Search *search)
{
  sql_add (s, " LIMIT ");
  sql_int (s, search->limit);
  sql_add (s, " OFFSET ");
  sql_int (s, search->query->offset);
}

/* How many products match, counting no further than @cap (-1: all). */
static gboolean
count_matches (CcStore       *store,
               const Search  *search,
               gint64         cap,
               gint64        *out,
               GError       **error)
{
  g_auto(Sql) s = { 0 };

  if (search->match == NULL && !search_has_row_filters (search))
    {
      /* Every product: each live one has one status facet, and three
       * doclists are quicker to read than the products table. */
      const char *statuses[] = {
        cc_product_status_to_string (CC_PRODUCT_DRAFT),
        cc_product_status_to_string (CC_PRODUCT_ACTIVE),
        cc_product_status_to_string (CC_PRODUCT_ARCHIVED),
      };
      g_autoptr(GString) every = g_string_new (NULL);

      append_facets_match (every, 's', statuses, G_N_ELEMENTS (statuses));
      sql_init (&s, "SELECT count(*) FROM products_fts WHERE products_fts MATCH ");
      sql_text (&s, every->str);
    }
  else if (search->match == NULL)
    {
      /* No words, no filter but price: the price index. */
      sql_init (&s, "SELECT count(*) FROM products p WHERE 1");
      append_filters (&s, search, FALSE, TRUE);
    }
  else if (!search_has_filters (search) &&
           search->long_words->len == 0 && search->short_words->len == 1)
    {
      /* One range of one index; no product has a prefix twice. */
      sql_init (&s, "SELECT count(*) FROM product_prefixes WHERE prefix = ");
      sql_text (&s, g_ptr_array_index (search->short_words, 0));
    }
  else
    {
      sql_init (&s, cap >= 0 ? "SELECT count(*) FROM (SELECT 1" : "SELECT count(*)");
      append_fts_source (&s, search, FALSE);
      if (cap >= 0)
        {
          sql_add (&s, " LIMIT ");
          sql_int (&s, cap);
          sql_add (&s, ")");
        }
    }
  return sql_get_int (store, &s, out, error);
}

/* No text, no filter but price: products in sort order; SQLite picks
 * the index. */
static gboolean
page_all (CcStore       *store,
          const Search  *search,
          GArray        *rowids,
          GError       **error)
{
  g_auto(Sql) s = { 0 };

  sql_init (&s, "SELECT p.rowid FROM products p WHERE 1");
  append_filters (&s, search, FALSE, TRUE);
  sql_add (&s, order_sql (search->order));
  append_page (&s, search);
  return sql_get_rowids (store, &s, rowids, error);
}

/* Few matches: all of them from the FTS index, ranked or sorted. */
static gboolean
page_sorted_matches (CcStore       *store,
                     const Search  *search,
                     GArray        *rowids,
                     GError       **error)
{
  g_auto(Sql) s = { 0 };

  sql_init (&s, "SELECT products_fts.rowid");
  append_fts_source (&s, search, search->order != ORDER_RANK);
  sql_add (&s, order_sql (search->order));
  append_page (&s, search);
  return sql_get_rowids (store, &s, rowids, error);
}

/* Many matches, relevance: most recently added first, in FTS rowid order. */
static gboolean
page_recent_matches (CcStore       *store,
                     const Search  *search,
                     GArray        *rowids,
                     GError       **error)
{
  g_auto(Sql) s = { 0 };

  sql_init (&s, "SELECT products_fts.rowid");
  append_fts_source (&s, search, FALSE);
  sql_add (&s, " ORDER BY products_fts.rowid DESC");
  append_page (&s, search);
  return sql_get_rowids (store, &s, rowids, error);
}

/* The first page of one short word in name order, nothing else asked:
 * the start of the word's range of product_prefixes, which is in title
 * order up to ties of the title key. */
static gboolean
page_by_prefix (CcStore       *store,
                const Search  *search,
                GArray        *rowids,
                GError       **error)
{
  g_auto(Sql) s = { 0 };

  sql_init (&s, "SELECT pp.product_rowid FROM product_prefixes pp"
                " CROSS JOIN products p ON p.rowid = pp.product_rowid"
                " WHERE pp.prefix = ");
  sql_text (&s, g_ptr_array_index (search->short_words, 0));
  sql_add (&s, " AND p.deleted = 0 ORDER BY pp.title_key, p.title COLLATE NOCASE, p.id");
  append_page (&s, search);
  return sql_get_rowids (store, &s, rowids, error);
}

/* " AND EXISTS …" for each short word but @skip, of product @rowid_sql. */
static void
append_short_checks (Sql          *s,
                     const Search *search,
                     const char   *rowid_sql,
                     const char   *skip)
{
  for (guint i = 0; i < search->short_words->len; i++)
    {
      const char *word = g_ptr_array_index (search->short_words, i);

      if (word == skip)
        continue;
      g_string_append_printf (s->sql, " AND EXISTS (SELECT 1 FROM product_prefixes x"
                              " WHERE x.product_rowid = %s AND x.prefix = ", rowid_sql);
      sql_text (s, word);
      sql_add (s, ")");
    }
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* Checks many products against FTS words: one FTS query for all of them
 * into a sorted array. Asked product by product, an FTS prefix longer than
 * its prefix indexes merges the whole doclist each time. */
static GArray *
collect_long_matches (CcStore       *store,
                      const Search  *search,
                      GError       **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Sql) s = { 0 };

  sql_init (&s, "SELECT rowid FROM products_fts WHERE products_fts MATCH ");
  sql_text (&s, search->long_match);
  sql_add (&s, " ORDER BY rowid");
  if (!sql_get_rowids (store, &s, rowids, error))
    return NULL;
  return g_steal_pointer (&rowids);
}

/* Many matches in an order no index of matches has: walks an ordered
 * index (a short word's range of product_prefixes for name order, else
 * the products index of the sort), checks each product and stops at the
 * page. Gives up (*gave_up, no error) when the matches are too sparse
 * along that index. */
static gboolean
page_by_walk (CcStore       *store,
              const Search  *search,
              GArray        *rowids,
              gboolean      *gave_up,
              GError       **error)
{
  g_auto(Sql) s = { 0 };
  g_autoptr(GArray) long_matches = NULL;
  sqlite3_stmt *stmt;
  guint64 wanted = (guint64)search->query->offset + search->limit;
  guint64 budget = 2000 + 40 * wanted;
  guint64 scanned = 0;
  guint64 hits = 0;
  int rc = SQLITE_DONE;

  if (search->long_match != NULL &&
      (long_matches = collect_long_matches (store, search, error)) == NULL)
    return FALSE;

  /* The short words' check is a column, not a condition, so every row
   * walked comes back and counts against the budget. */
  if (search->order == ORDER_NAME && search->short_words->len > 0)
    {
      /* A two-letter prefix has the shorter range. */
      const char *driver = g_ptr_array_index (search->short_words, 0);

      for (guint i = 0; i < search->short_words->len; i++)
        if (g_utf8_strlen (g_ptr_array_index (search->short_words, i), -1) == 2)
          driver = g_ptr_array_index (search->short_words, i);

      sql_init (&s, "SELECT pp.product_rowid, CASE WHEN 1");
      append_short_checks (&s, search, "pp.product_rowid", driver);
      sql_add (&s, " THEN 1 ELSE 0 END FROM product_prefixes pp"
                   " CROSS JOIN products p ON p.rowid = pp.product_rowid"
                   " WHERE pp.prefix = ");
      sql_text (&s, driver);
      append_filters (&s, search, TRUE, FALSE);
      sql_add (&s, " ORDER BY pp.title_key, p.title COLLATE NOCASE, p.id");
    }
  else
    {
      sql_init (&s, "SELECT p.rowid, CASE WHEN 1");
      append_short_checks (&s, search, "p.rowid", NULL);
      sql_add (&s, " THEN 1 ELSE 0 END FROM products p WHERE 1");
      append_filters (&s, search, TRUE, FALSE);
      sql_add (&s, order_sql (search->order));
    }

  stmt = sql_prepare (store, &s, error);
  if (stmt == NULL)
    return FALSE;

  *gave_up = FALSE;
  while (hits < wanted && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (++scanned > budget)
        {
          *gave_up = TRUE;
          g_array_set_size (rowids, 0);
          break;
        }
      if (sqlite3_column_int (stmt, 1) == 0)
        continue;
      if (long_matches != NULL &&
          bsearch (&rowid, long_matches->data, long_matches->len, sizeof (gint64), compare_rowids) == NULL)
        continue;
      if (hits++ >= search->query->offset)
        g_array_append_val (rowids, rowid);
    }
  if (hits < wanted && !*gave_up && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
page_rowids (CcStore       *store,
             const Search  *search,
             GArray        *rowids,
             GError       **error)
{
  gint64 matches;
  gboolean gave_up;

  /* No text and no filter but price. */
  if (search->match == NULL)
    return page_all (store, search, rowids, error);

  /* The commonest case, typing the first letters: no count needed, every
   * row of the range is a match. */
  if (search->order == ORDER_NAME && search->long_words->len == 0 &&
      search->short_words->len == 1 && !search_has_filters (search))
    return page_by_prefix (store, search, rowids, error);

  if (!count_matches (store, search, RANK_MAX + 1, &matches, error))
    return FALSE;
  if (matches == 0)
    return TRUE;
  if (matches <= RANK_MAX)
    return page_sorted_matches (store, search, rowids, error);

  if (search->order == ORDER_RANK)
    return page_recent_matches (store, search, rowids, error);

  if (!page_by_walk (store, search, rowids, &gave_up, error))
    return FALSE;
  if (gave_up)
    return page_sorted_matches (store, search, rowids, error);
  return TRUE;
}

void
cc_search_hit_free (CcSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->sku);
  g_free (hit->currency);
  g_free (hit->cover_sha256);
  g_free (hit);
}

GPtrArray *
cc_search_run (CcStore              *store,
               const CcSearchQuery  *query,
               GError              **error)
{
  g_auto(Search) search = { 0 };
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!search_init (&search, store, query, error) ||
      !page_rowids (store, &search, rowids, error))
    return NULL;

  hits = g_ptr_array_new_full (rowids->len, (GDestroyNotify)cc_search_hit_free);
  stmt = cc_store_prepare_cached (store,
                                  "SELECT p.id, p.title, p.sku, p.price, p.currency, p.status, c.sha256,"
                                  " (SELECT a.score FROM photo_analysis a"
                                  "  WHERE a.sha256 = c.sha256 AND a.version = " G_STRINGIFY (CC_PHOTO_ANALYSIS_VERSION) ")"
                                  " FROM products p LEFT JOIN photos c ON c.id ="
                                  " (SELECT ph.id FROM photos ph"
                                  "  WHERE ph.product_id = p.id AND ph.deleted = 0"
                                  "  ORDER BY ph.position, ph.id LIMIT 1)"
                                  " WHERE p.rowid = ? AND p.deleted = 0",
                                  error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < rowids->len; i++)
    {
      CcSearchHit *hit;
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (rowids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          cc_store_set_sqlite_error (store, error);
          sqlite3_reset (stmt);
          return NULL;
        }

      hit = g_new0 (CcSearchHit, 1);
      hit->id = cc_sqlite_column_dup (stmt, 0);
      hit->title = cc_sqlite_column_dup (stmt, 1);
      hit->sku = cc_sqlite_column_dup (stmt, 2);
      hit->price = sqlite3_column_int64 (stmt, 3);
      hit->currency = cc_sqlite_column_dup (stmt, 4);
      if (!cc_product_status_from_string (column_text (stmt, 5), &hit->status))
        hit->status = CC_PRODUCT_DRAFT;
      hit->cover_sha256 = cc_sqlite_column_dup (stmt, 6);
      if (hit->cover_sha256 != NULL && *hit->cover_sha256 == '\0')
        g_clear_pointer (&hit->cover_sha256, g_free);
      hit->cover_score = hit->cover_sha256 != NULL && sqlite3_column_type (stmt, 7) != SQLITE_NULL
                         ? sqlite3_column_int (stmt, 7) : -1;
      g_ptr_array_add (hits, hit);
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&hits);
}

int
cc_search_get_photo_score (CcStore    *store,
                           const char *sha256)
{
  sqlite3_stmt *stmt;
  int score = -1;

  g_return_val_if_fail (CC_IS_STORE (store), -1);

  if (sha256 == NULL || *sha256 == '\0')
    return -1;
  stmt = cc_store_prepare_cached (store,
                                  "SELECT score FROM photo_analysis WHERE sha256 = ? AND version = "
                                  G_STRINGIFY (CC_PHOTO_ANALYSIS_VERSION),
                                  NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    score = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return score;
}

gint64
cc_search_count (CcStore              *store,
                 const CcSearchQuery  *query,
                 GError              **error)
{
  g_auto(Search) search = { 0 };
  gint64 count;

  g_return_val_if_fail (CC_IS_STORE (store), -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!search_init (&search, store, query, error) ||
      !count_matches (store, &search, -1, &count, error))
    return -1;
  return count;
}
