/* cc-catalogue.c — products, variants and the category tree.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each field is a register written through cc_store_write(); the apply
 * functions here turn a register into columns, and are also what applies
 * the same registers when they arrive from another device.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cc-catalogue.h"
#include "cc-money.h"
#include "cc-search.h"
#include "cc-text.h"
#include "cc-uuid.h"

/* Text fields longer than this are refused: nobody types a 64 KiB title. */
#define MAX_SHORT_TEXT 500
#define MAX_LONG_TEXT (64 * 1024)
#define MAX_DIMENSION G_GINT64_CONSTANT (100000000)  /* 100 km in mm, 100 t in g */

/* Statuses */

static const char * const status_names[] = { "draft", "active", "archived" };

const char *
cc_product_status_to_string (CcProductStatus status)
{
  g_return_val_if_fail (status <= CC_PRODUCT_ARCHIVED, NULL);
  return status_names[status];
}

gboolean
cc_product_status_from_string (const char      *text,
                               CcProductStatus *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
cc_product_status_get_label (CcProductStatus status)
{
  switch (status)
    {
    case CC_PRODUCT_DRAFT:
      return _("Draft");
    case CC_PRODUCT_ACTIVE:
      return _("Active");
    case CC_PRODUCT_ARCHIVED:
      return _("Archived");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Structs */

CcProduct *
cc_product_new (void)
{
  CcProduct *product = g_new0 (CcProduct, 1);

  product->currency = g_strdup ("INR");
  product->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  product->descriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  product->tags = g_ptr_array_new_with_free_func (g_free);
  product->materials = g_ptr_array_new_with_free_func (g_free);
  return product;
}

static GHashTable *
copy_text_table (GHashTable *table)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static GPtrArray *
copy_strings (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));
  return copy;
}

CcProduct *
cc_product_copy (const CcProduct *product)
{
  CcProduct *copy;

  g_return_val_if_fail (product != NULL, NULL);

  copy = g_memdup2 (product, sizeof *product);
  copy->id = g_strdup (product->id);
  copy->sku = g_strdup (product->sku);
  copy->slug = g_strdup (product->slug);
  copy->category_id = g_strdup (product->category_id);
  copy->currency = g_strdup (product->currency);
  copy->cultural_origin = g_strdup (product->cultural_origin);
  copy->technique = g_strdup (product->technique);
  copy->maker = g_strdup (product->maker);
  copy->titles = copy_text_table (product->titles);
  copy->descriptions = copy_text_table (product->descriptions);
  copy->tags = copy_strings (product->tags);
  copy->materials = copy_strings (product->materials);
  return copy;
}

void
cc_product_free (CcProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->id);
  g_free (product->sku);
  g_free (product->slug);
  g_free (product->category_id);
  g_free (product->currency);
  g_free (product->cultural_origin);
  g_free (product->technique);
  g_free (product->maker);
  g_hash_table_unref (product->titles);
  g_hash_table_unref (product->descriptions);
  g_ptr_array_unref (product->tags);
  g_ptr_array_unref (product->materials);
  g_free (product);
}

static const char *
lookup_text (GHashTable *table,
             const char *lang)
{
  const char *text = lang ? g_hash_table_lookup (table, lang) : NULL;
  g_autoptr(GList) keys = NULL;

  if (text != NULL && *text != '\0')
    return text;
  /* Some language that has it, chosen the same way every time. */
  keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc)strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      text = g_hash_table_lookup (table, l->data);
      if (text != NULL && *text != '\0')
        return text;
    }
  return "";
}

const char *
cc_product_get_title (const CcProduct *product,
                      const char      *lang)
{
  g_return_val_if_fail (product != NULL, NULL);
  return lookup_text (product->titles, lang);
}

const char *
cc_product_get_description (const CcProduct *product,
                            const char      *lang)
{
  g_return_val_if_fail (product != NULL, NULL);
  return lookup_text (product->descriptions, lang);
}

void
cc_product_set_title (CcProduct  *product,
                      const char *lang,
                      const char *title)
{
  g_return_if_fail (product != NULL && lang != NULL);
  g_hash_table_insert (product->titles, g_strdup (lang), g_strdup (title ? title : ""));
}

void
cc_product_set_description (CcProduct  *product,
                            const char *lang,
                            const char *description)
{
  g_return_if_fail (product != NULL && lang != NULL);
  g_hash_table_insert (product->descriptions, g_strdup (lang), g_strdup (description ? description : ""));
}

static void
variant_option_free (CcVariantOption *option)
{
  g_free (option->name);
  g_free (option->value);
  g_free (option);
}

CcVariant *
cc_variant_new (void)
{
  CcVariant *variant = g_new0 (CcVariant, 1);

  variant->options = g_ptr_array_new_with_free_func ((GDestroyNotify)variant_option_free);
  return variant;
}

void
cc_variant_free (CcVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->id);
  g_free (variant->product_id);
  g_free (variant->sku);
  g_ptr_array_unref (variant->options);
  g_free (variant);
}

void
cc_variant_add_option (CcVariant  *variant,
                       const char *name,
                       const char *value)
{
  CcVariantOption *option;

  g_return_if_fail (variant != NULL && name != NULL && value != NULL);

  option = g_new0 (CcVariantOption, 1);
  option->name = g_strdup (name);
  option->value = g_strdup (value);
  g_ptr_array_add (variant->options, option);
}

void
cc_category_free (CcCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->name);
  g_free (category->slug);
  g_free (category->parent_id);
  g_free (category);
}

/* SQL helpers */

static gboolean
step_done (CcStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}


static gboolean
bad_register (const char  *entity,
              const char  *reg,
              GError     **error)
{
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("A change to a %s has an unknown field or a value of the wrong type (%s)"),
               entity, reg);
  return FALSE;
}

/* Product entity */

static const CcColumn product_columns[] = {
  { "sku", CC_COLUMN_TEXT },
  { "slug", CC_COLUMN_TEXT },
  { "category_id", CC_COLUMN_TEXT_OR_NULL },
  { "status", CC_COLUMN_TEXT },
  { "price", CC_COLUMN_INT },
  { "compare_at_price", CC_COLUMN_INT },
  { "currency", CC_COLUMN_TEXT },
  { "width_mm", CC_COLUMN_INT },
  { "height_mm", CC_COLUMN_INT },
  { "depth_mm", CC_COLUMN_INT },
  { "weight_g", CC_COLUMN_INT },
  { "production_minutes", CC_COLUMN_INT },
  { "cultural_origin", CC_COLUMN_TEXT },
  { "technique", CC_COLUMN_TEXT },
  { "maker", CC_COLUMN_TEXT },
  { "deleted", CC_COLUMN_BOOL },
};

static gboolean
product_apply (CcStore     *store,
               const char  *row_id,
               const char  *reg,
               JsonNode    *value,
               GError     **error)
{
  const char *suffix;

  cc_store_mark_dirty (store, "product", row_id);

  if (g_str_has_prefix (reg, "title@") || g_str_has_prefix (reg, "description@"))
    {
      gboolean is_title = reg[0] == 't';
      const char *lang = strchr (reg, '@') + 1;

      if (*lang == '\0' || !cc_column_accepts (value, CC_COLUMN_TEXT))
        return bad_register ("product", reg, error);
      if (!cc_store_exec (store, "INSERT INTO products (id) VALUES (?) ON CONFLICT DO NOTHING", error, 1, row_id) ||
          !cc_store_exec (store, "INSERT INTO product_texts (product_id, lang) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      error, 2, row_id, lang))
        return FALSE;
      return cc_store_exec (store,
                        is_title ? "UPDATE product_texts SET title = ? WHERE product_id = ? AND lang = ?"
                                 : "UPDATE product_texts SET description = ? WHERE product_id = ? AND lang = ?",
                        error, 3, json_node_get_string (value), row_id, lang);
    }

  if ((suffix = g_str_has_prefix (reg, "tag/") ? reg + 4 : NULL) != NULL ||
      (g_str_has_prefix (reg, "material/") && (suffix = reg + 9)))
    {
      gboolean is_tag = reg[0] == 't';
      sqlite3_stmt *stmt;

      if (*suffix == '\0' || !cc_column_accepts (value, CC_COLUMN_BOOL))
        return bad_register ("product", reg, error);
      if (!cc_store_exec (store, "INSERT INTO products (id) VALUES (?) ON CONFLICT DO NOTHING", error, 1, row_id))
        return FALSE;
      stmt = cc_store_prepare_cached (store,
                                      is_tag ? "INSERT INTO product_tags (product_id, tag, present) VALUES (?, ?, ?) "
                                               "ON CONFLICT DO UPDATE SET present = excluded.present"
                                             : "INSERT INTO product_materials (product_id, material, present) VALUES (?, ?, ?) "
                                               "ON CONFLICT DO UPDATE SET present = excluded.present",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, suffix, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, json_node_get_boolean (value));
      return step_done (store, stmt, error);
    }

  /* A SKU given up or taken, or a piece deleted: the pieces sharing that
   * SKU are checked again when the transaction commits. */
  if (strcmp (reg, "sku") == 0 || strcmp (reg, "deleted") == 0)
    {
      g_autofree char *old_sku = NULL;
      sqlite3_stmt *stmt = cc_store_prepare_cached (store, "SELECT sku FROM products WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        old_sku = cc_sqlite_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      if (old_sku != NULL && *old_sku != '\0')
        cc_store_mark_dirty (store, "sku_group", old_sku);
      if (strcmp (reg, "sku") == 0 && cc_column_accepts (value, CC_COLUMN_TEXT) &&
          *json_node_get_string (value) != '\0')
        cc_store_mark_dirty (store, "sku_group", json_node_get_string (value));
    }

  return cc_store_apply_column (store, "products", product_columns, G_N_ELEMENTS (product_columns),
                                row_id, reg, value, error);
}

/* Keeps the display title (main language first) and the search entry. */
static gboolean
product_flush (CcStore     *store,
               const char  *row_id,
               GError     **error)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  sqlite3_stmt *stmt;

  stmt = cc_store_prepare_cached (store,
                                  "UPDATE products SET title = coalesce(("
                                  "  SELECT title FROM product_texts WHERE product_id = ?1 AND title != '' "
                                  "  ORDER BY lang = ?2 DESC, lang LIMIT 1), '') "
                                  "WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, languages[0], -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, error))
    return FALSE;

  return cc_search_index_product (store, row_id, error);
}

/* Variant entity */

static const CcColumn variant_columns[] = {
  { "product_id", CC_COLUMN_TEXT },
  { "sku", CC_COLUMN_TEXT },
  { "price", CC_COLUMN_INT },
  { "position", CC_COLUMN_INT },
  { "deleted", CC_COLUMN_BOOL },
};

static gboolean
variant_apply (CcStore     *store,
               const char  *row_id,
               const char  *reg,
               JsonNode    *value,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (strcmp (reg, "options") == 0)
    {
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return bad_register ("variant", reg, error);
      text = json_to_string (value, FALSE);
      if (!cc_store_exec (store, "INSERT INTO variants (id) VALUES (?) ON CONFLICT DO NOTHING", error, 1, row_id) ||
          !cc_store_exec (store, "UPDATE variants SET options = ? WHERE id = ?", error, 2, text, row_id))
        return FALSE;
    }
  else if (!cc_store_apply_column (store, "variants", variant_columns, G_N_ELEMENTS (variant_columns),
                                  row_id, reg, value, error))
    return FALSE;

  /* A variant's SKU is searchable through its product. */
  stmt = cc_store_prepare_cached (store, "SELECT product_id FROM variants WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok && sqlite3_column_bytes (stmt, 0) > 0)
    cc_store_mark_dirty (store, "product", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

/* Category entity */

static const CcColumn category_columns[] = {
  { "name", CC_COLUMN_TEXT },
  { "slug", CC_COLUMN_TEXT },
  { "parent_id", CC_COLUMN_TEXT_OR_NULL },
  { "sort_order", CC_COLUMN_INT },
  { "deleted", CC_COLUMN_BOOL },
};

static gboolean
category_apply (CcStore     *store,
                const char  *row_id,
                const char  *reg,
                JsonNode    *value,
                GError     **error)
{
  if (!cc_store_apply_column (store, "categories", category_columns, G_N_ELEMENTS (category_columns),
                              row_id, reg, value, error))
    return FALSE;
  /* The whole tree is checked for cycles once, at commit. */
  if (strcmp (reg, "parent_id") == 0)
    cc_store_mark_dirty (store, "category_tree", "");
  return TRUE;
}

/* Conflicts that follow from the shop's state rather than from two
 * writes to one register: a SKU two pieces use, a category move that made
 * a cycle. Every replica derives the same rows from the same registers;
 * their ids are UUIDv5 (a change's id is a UUIDv7), which is how they are
 * told from the store's own when they no longer hold. */
#define DERIVED_CONFLICT_NAMESPACE "9c1d5e7a-3f2b-4a86-b0d4-5e8f1a2c7b93"

static gboolean
is_derived_conflict_id (const char *id)
{
  return id != NULL && strlen (id) == 36 && id[14] == '5';
}

static gboolean
derived_conflict_upsert (CcStore     *store,
                         const char  *entity,
                         const char  *row_id,
                         const char  *reg,
                         const char  *conflict_id,
                         const char  *value,
                         const char  *hlc,
                         const char  *winner_change_id,
                         const char  *winner_value,
                         GError     **error)
{
  CcHlcStamp stamp;
  sqlite3_stmt *stmt;

  if (!cc_hlc_stamp_parse (hlc, &stamp, error))
    return FALSE;
  stmt = cc_store_prepare_cached (store,
                                  "INSERT INTO conflicts (entity, row_id, reg, change_id, value, hlc, device, "
                                  "winner_change_id, winner_value, settled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                  "EXISTS (SELECT 1 FROM registers WHERE entity = 'conflict' AND row_id = ?4 "
                                  "AND reg = 'settled' AND value = 'true')) "
                                  "ON CONFLICT DO UPDATE SET value = excluded.value, hlc = excluded.hlc, "
                                  "device = excluded.device, winner_change_id = excluded.winner_change_id, "
                                  "winner_value = excluded.winner_value, "
                                  "settled = CASE WHEN settled = 1 THEN 1 ELSE excluded.settled END",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reg, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, conflict_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, stamp.node, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, winner_change_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, winner_value, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, error);
}

/* Removes the derived conflicts of entity/reg (with that value, if not
 * NULL) whose ids are not in keep. */
static gboolean
derived_conflicts_prune (CcStore     *store,
                         const char  *entity,
                         const char  *reg,
                         const char  *value,
                         GHashTable  *keep,
                         GError     **error)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT change_id FROM conflicts WHERE entity = ?1 AND reg = ?2 "
                                  "AND (?3 IS NULL OR value = ?3)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reg, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);

      if (is_derived_conflict_id (id) && !g_hash_table_contains (keep, id))
        g_ptr_array_add (stale, g_strdup (id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  for (guint i = 0; i < stale->len; i++)
    if (!cc_store_exec (store, "DELETE FROM conflicts WHERE entity = ? AND reg = ? AND change_id = ?",
                        error, 3, entity, reg, g_ptr_array_index (stale, i)))
      return FALSE;
  return TRUE;
}

static char *
json_string_text (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

typedef struct
{
  char *row_id;
  char *change_id;
  char *hlc;
  char *value;
} RegisterRow;

static void
register_row_free (RegisterRow *row)
{
  g_free (row->row_id);
  g_free (row->change_id);
  g_free (row->hlc);
  g_free (row->value);
  g_free (row);
}

/* Two live pieces with one SKU (two devices made them offline): the
 * piece whose SKU was written later, by clock, is a conflict for the
 * person, beside the earlier one; settling it is giving it another SKU.
 * Nothing is refused, so a sync never stops on it. */
static gboolean
sku_group_flush (CcStore     *store,
                 const char  *sku,
                 GError     **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify)register_row_free);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sku_json = json_string_text (sku);
  sqlite3_stmt *stmt;
  int rc;

  /* CROSS JOIN keeps products (found through its SKU index) outermost:
   * a shop's database is never ANALYZEd, and left to guess SQLite may walk
   * every product register instead, which made each check cost as much as
   * the whole shop. */
  stmt = cc_store_prepare_cached (store,
                                  "SELECT p.id, r.change_id, r.hlc, r.value FROM products p "
                                  "CROSS JOIN registers r ON r.entity = 'product' AND r.row_id = p.id AND r.reg = 'sku' "
                                  "WHERE p.sku = ? AND p.deleted = 0 ORDER BY r.hlc, p.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegisterRow *row = g_new0 (RegisterRow, 1);

      row->row_id = cc_sqlite_column_dup (stmt, 0);
      row->change_id = cc_sqlite_column_dup (stmt, 1);
      row->hlc = cc_sqlite_column_dup (stmt, 2);
      row->value = cc_sqlite_column_dup (stmt, 3);
      g_ptr_array_add (members, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }

  for (guint i = 1; i < members->len; i++)
    {
      RegisterRow *first = g_ptr_array_index (members, 0);
      RegisterRow *row = g_ptr_array_index (members, i);
      g_autofree char *name = g_strdup_printf ("sku/%s/%s", row->row_id, row->change_id);
      g_autofree char *id = cc_uuid_v5_new (DERIVED_CONFLICT_NAMESPACE, name);

      if (!derived_conflict_upsert (store, "product", row->row_id, "sku", id, row->value, row->hlc,
                                    first->change_id, first->value, error))
        return FALSE;
      g_hash_table_add (keep, g_steal_pointer (&id));
    }
  return derived_conflicts_prune (store, "product", "sku", sku_json, keep, error);
}

static gboolean
refuse_derived_register (CcStore     *store,
                         const char  *row_id,
                         const char  *reg,
                         JsonNode    *value,
                         GError     **error)
{
  return bad_register ("catalogue check", reg, error);
}

/* Concurrent moves can make a cycle (A into B on one device, B into A on
 * another). On every replica alike, each cycle is cut at the member whose
 * move is latest by clock: it goes to the top level, its move stays in its
 * register, and it is a conflict for the person. The registers keep what
 * each device wrote; the parent_id column holds the tree. */
static gboolean
category_tree_flush (CcStore     *store,
                     const char  *unused,
                     GError     **error)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)register_row_free);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) cut = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT c.id, r.change_id, r.hlc, r.value, c.parent_id FROM categories c "
                                  "LEFT JOIN registers r ON r.entity = 'category' AND r.row_id = c.id AND r.reg = 'parent_id' "
                                  "ORDER BY c.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegisterRow *row = g_new0 (RegisterRow, 1);
      g_autoptr(JsonNode) parsed = NULL;

      row->row_id = cc_sqlite_column_dup (stmt, 0);
      row->change_id = cc_sqlite_column_dup (stmt, 1);
      row->hlc = cc_sqlite_column_dup (stmt, 2);
      row->value = cc_sqlite_column_dup (stmt, 3);
      /* The column says where it is now; the register what was written. */
      if (row->value != NULL)
        parsed = json_from_string (row->value, NULL);
      if (parsed != NULL && cc_column_accepts (parsed, CC_COLUMN_TEXT))
        g_hash_table_insert (parents, row->row_id, g_strdup (json_node_get_string (parsed)));
      g_hash_table_insert (nodes, row->row_id, row);
      g_ptr_array_add (order, row->row_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }

  /* The parent links form a functional graph: each walk ends at the top,
   * at a node already done, or back on its own path — a cycle. */
  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      const char *node = g_ptr_array_index (order, i);

      while (node != NULL && g_hash_table_contains (nodes, node) && !g_hash_table_contains (state, node))
        {
          g_hash_table_insert (state, (gpointer)node, GINT_TO_POINTER (1));
          g_ptr_array_add (path, (gpointer)node);
          node = g_hash_table_lookup (parents, node);
        }
      if (node != NULL && GPOINTER_TO_INT (g_hash_table_lookup (state, node)) == 1)
        {
          RegisterRow *latest = NULL;
          guint start = 0;

          g_ptr_array_find_with_equal_func (path, node, g_str_equal, &start);
          for (guint j = start; j < path->len; j++)
            {
              RegisterRow *row = g_hash_table_lookup (nodes, g_ptr_array_index (path, j));

              if (latest == NULL || g_strcmp0 (row->hlc, latest->hlc) > 0 ||
                  (g_strcmp0 (row->hlc, latest->hlc) == 0 && strcmp (row->row_id, latest->row_id) > 0))
                latest = row;
            }
          if (latest != NULL)
            g_hash_table_add (cut, latest->row_id);
        }
      for (guint j = 0; j < path->len; j++)
        g_hash_table_insert (state, g_ptr_array_index (path, j), GINT_TO_POINTER (2));
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      RegisterRow *row = g_hash_table_lookup (nodes, id);
      const char *parent = g_hash_table_contains (cut, id) ? NULL : g_hash_table_lookup (parents, id);

      if (!cc_store_exec (store, "UPDATE categories SET parent_id = ?1 WHERE id = ?2 AND parent_id IS NOT ?1",
                          error, 2, parent, id))
        return FALSE;

      if (g_hash_table_contains (cut, id) && row->change_id != NULL && row->hlc != NULL)
        {
          const char *child_change = row->change_id;
          g_autofree char *name = g_strdup_printf ("cycle/%s/%s", id, row->change_id);
          g_autofree char *conflict_id = cc_uuid_v5_new (DERIVED_CONFLICT_NAMESPACE, name);

          /* The winner: the move that put the cycle's next member under
           * this one, which stays. */
          for (guint j = 0; j < order->len; j++)
            {
              const char *other = g_ptr_array_index (order, j);
              RegisterRow *other_row = g_hash_table_lookup (nodes, other);

              if (g_strcmp0 (g_hash_table_lookup (parents, other), id) == 0 && other_row->change_id != NULL)
                {
                  child_change = other_row->change_id;
                  break;
                }
            }
          if (!derived_conflict_upsert (store, "category", id, "parent_id", conflict_id, row->value, row->hlc,
                                        child_change, "null", error))
            return FALSE;
          g_hash_table_add (keep, g_steal_pointer (&conflict_id));
        }
    }
  return derived_conflicts_prune (store, "category", "parent_id", NULL, keep, error);
}

static const CcEntityClass product_entity = { "product", product_apply, product_flush };
static const CcEntityClass variant_entity = { "variant", variant_apply, NULL };
static const CcEntityClass category_entity = { "category", category_apply, NULL };
static const CcEntityClass sku_group_entity = { "sku_group", refuse_derived_register, sku_group_flush };
static const CcEntityClass category_tree_entity = { "category_tree", refuse_derived_register, category_tree_flush };

void
cc_catalogue_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));

  cc_store_add_entity (store, &product_entity);
  cc_store_add_entity (store, &variant_entity);
  cc_store_add_entity (store, &category_entity);
  cc_store_add_entity (store, &sku_group_entity);
  cc_store_add_entity (store, &category_tree_entity);
}

/* Validation */

static gboolean
category_is_live (CcStore    *store,
                  const char *category_id)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                "SELECT 1 FROM categories WHERE id = ? AND deleted = 0", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
validate_product (CcStore          *store,
                  const CcProduct  *product,
                  GError          **error)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_title = FALSE;
  struct { gint64 value; const char *name; } amounts[] = {
    { product->width_mm, _("Width") },
    { product->height_mm, _("Height") },
    { product->depth_mm, _("Depth") },
    { product->weight_g, _("Weight") },
    { product->production_minutes, _("Production time") },
  };

  g_hash_table_iter_init (&iter, product->titles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *title = cc_text_normalize (value);

      if (!cc_text_check (value, MAX_SHORT_TEXT, _("The title"), error))
        return FALSE;
      if (title != NULL && *title != '\0')
        has_title = TRUE;
    }
  if (!has_title)
    return cc_invalid_input (error, _("Every piece needs a title"));

  g_hash_table_iter_init (&iter, product->descriptions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!cc_text_check (value, MAX_LONG_TEXT, _("The description"), error))
      return FALSE;

  if (!cc_text_check (product->sku, 100, _("The SKU"), error) ||
      !cc_text_check (product->slug, 200, _("The slug"), error) ||
      !cc_text_check (product->cultural_origin, MAX_SHORT_TEXT, _("The cultural origin"), error) ||
      !cc_text_check (product->technique, MAX_SHORT_TEXT, _("The technique"), error) ||
      !cc_text_check (product->maker, MAX_SHORT_TEXT, _("The maker"), error))
    return FALSE;

  if (product->status > CC_PRODUCT_ARCHIVED)
    return cc_invalid_input (error, _("Unknown status"));
  if (product->currency == NULL || !cc_currency_is_valid (product->currency))
    return cc_invalid_input (error, _("“%s” is not a currency code CraftChain knows (use one like INR, USD or EUR)"),
                             product->currency ? product->currency : "");
  if (product->price < 0 || product->compare_at_price < 0)
    return cc_invalid_input (error, _("Prices cannot be negative"));
  if (product->price > CC_MONEY_MAX || product->compare_at_price > CC_MONEY_MAX)
    return cc_invalid_input (error, _("That price is too large"));

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      if (amounts[i].value < 0)
        return cc_invalid_input (error, _("%s cannot be negative"), amounts[i].name);
      if (amounts[i].value > MAX_DIMENSION)
        return cc_invalid_input (error, _("%s is too large"), amounts[i].name);
    }

  for (guint i = 0; i < product->tags->len; i++)
    if (!cc_text_check (g_ptr_array_index (product->tags, i), 100, _("A tag"), error))
      return FALSE;
  for (guint i = 0; i < product->materials->len; i++)
    if (!cc_text_check (g_ptr_array_index (product->materials, i), 200, _("A material"), error))
      return FALSE;

  if (product->category_id != NULL && *product->category_id != '\0' &&
      !category_is_live (store, product->category_id))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("There is no category “%s”"), product->category_id);
      return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Tags are matched case-insensitively: stored lower-case and NFC. */
static char *
normalize_tag (const char *tag)
{
  g_autofree char *nfc = cc_text_normalize (tag);

  return nfc ? g_utf8_strdown (nfc, -1) : NULL;
}

static GPtrArray *
normalized_set (GPtrArray *items,
                gboolean   lower)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      char *item = lower ? normalize_tag (g_ptr_array_index (items, i))
                         : cc_text_normalize (g_ptr_array_index (items, i));

      if (item == NULL || *item == '\0' || strchr (item, '\n') != NULL ||
          g_hash_table_contains (seen, item))
        {
          g_free (item);
          continue;
        }
      g_hash_table_add (seen, item);
      g_ptr_array_add (result, item);
    }
  g_ptr_array_sort (result, compare_strings);
  return result;
}

/* Writing */

static gboolean
write_text (CcStore     *store,
            const char  *entity,
            const char  *id,
            const char  *reg,
            const char  *old_value,
            const char  *new_value,
            GError     **error)
{
  g_autofree char *normalized = cc_text_normalize (new_value ? new_value : "");

  if (g_strcmp0 (old_value ? old_value : "", normalized ? normalized : "") == 0)
    return TRUE;
  return cc_store_write (store, entity, id, reg, cc_value_string (normalized), error);
}

static gboolean
write_int (CcStore     *store,
           const char  *entity,
           const char  *id,
           const char  *reg,
           gint64       old_value,
           gint64       new_value,
           GError     **error)
{
  if (old_value == new_value)
    return TRUE;
  return cc_store_write (store, entity, id, reg, cc_value_int (new_value), error);
}

static gboolean
write_text_table (CcStore     *store,
                  const char  *id,
                  const char  *prefix,
                  GHashTable  *old_table,
                  GHashTable  *new_table,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, new_table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *reg = g_strconcat (prefix, "@", key, NULL);
      const char *old_value = old_table ? g_hash_table_lookup (old_table, key) : NULL;

      if (!write_text (store, "product", id, reg, old_value, value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_set (CcStore     *store,
           const char  *id,
           const char  *prefix,
           GPtrArray   *old_items,
           GPtrArray   *new_items,
           GError     **error)
{
  /* Add what is new, remove what is gone; untouched elements keep their
   * stamps, so another device's additions survive the merge. */
  for (guint i = 0; i < new_items->len; i++)
    {
      const char *item = g_ptr_array_index (new_items, i);

      if (old_items == NULL || !g_ptr_array_find_with_equal_func (old_items, item, g_str_equal, NULL))
        {
          g_autofree char *reg = g_strconcat (prefix, "/", item, NULL);

          if (!cc_store_write (store, "product", id, reg, cc_value_bool (TRUE), error))
            return FALSE;
        }
    }
  for (guint i = 0; old_items != NULL && i < old_items->len; i++)
    {
      const char *item = g_ptr_array_index (old_items, i);

      if (!g_ptr_array_find_with_equal_func (new_items, item, g_str_equal, NULL))
        {
          g_autofree char *reg = g_strconcat (prefix, "/", item, NULL);

          if (!cc_store_write (store, "product", id, reg, cc_value_bool (FALSE), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Writes every register of product that differs from old (NULL: a new
 * product, where every field is written). */
static gboolean
write_product (CcStore          *store,
               const char       *id,
               const CcProduct  *old,
               const CcProduct  *product,
               GError          **error)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autoptr(GPtrArray) tags = normalized_set (product->tags, TRUE);
  g_autoptr(GPtrArray) materials = normalized_set (product->materials, FALSE);
  g_autofree char *slug = NULL;
  const char *old_category = old ? old->category_id : NULL;
  const char *new_category = product->category_id && *product->category_id ? product->category_id : NULL;

  if (product->slug != NULL && *product->slug != '\0')
    slug = cc_text_slugify (product->slug);
  else if (old != NULL && old->slug != NULL && *old->slug != '\0')
    slug = g_strdup (old->slug);
  else
    slug = cc_text_slugify (cc_product_get_title (product, languages[0]));

  if (!write_text_table (store, id, "title", old ? old->titles : NULL, product->titles, error) ||
      !write_text_table (store, id, "description", old ? old->descriptions : NULL, product->descriptions, error) ||
      !write_text (store, "product", id, "sku", old ? old->sku : NULL, product->sku, error) ||
      !write_text (store, "product", id, "slug", old ? old->slug : NULL, slug, error) ||
      !write_text (store, "product", id, "cultural_origin", old ? old->cultural_origin : NULL, product->cultural_origin, error) ||
      !write_text (store, "product", id, "technique", old ? old->technique : NULL, product->technique, error) ||
      !write_text (store, "product", id, "maker", old ? old->maker : NULL, product->maker, error) ||
      !write_int (store, "product", id, "price", old ? old->price : -1, product->price, error) ||
      !write_int (store, "product", id, "compare_at_price", old ? old->compare_at_price : 0, product->compare_at_price, error) ||
      !write_int (store, "product", id, "width_mm", old ? old->width_mm : 0, product->width_mm, error) ||
      !write_int (store, "product", id, "height_mm", old ? old->height_mm : 0, product->height_mm, error) ||
      !write_int (store, "product", id, "depth_mm", old ? old->depth_mm : 0, product->depth_mm, error) ||
      !write_int (store, "product", id, "weight_g", old ? old->weight_g : 0, product->weight_g, error) ||
      !write_int (store, "product", id, "production_minutes", old ? old->production_minutes : 0, product->production_minutes, error) ||
      !write_set (store, id, "tag", old ? old->tags : NULL, tags, error) ||
      !write_set (store, id, "material", old ? old->materials : NULL, materials, error))
    return FALSE;

  if ((old == NULL || g_strcmp0 (old->currency, product->currency) != 0) &&
      !cc_store_write (store, "product", id, "currency", cc_value_string (product->currency), error))
    return FALSE;
  if ((old == NULL || old->status != product->status) &&
      !cc_store_write (store, "product", id, "status",
                       cc_value_string (cc_product_status_to_string (product->status)), error))
    return FALSE;
  if (g_strcmp0 (old_category, new_category) != 0 &&
      !cc_store_write (store, "product", id, "category_id",
                       new_category ? cc_value_string (new_category) : cc_value_null (), error))
    return FALSE;

  return TRUE;
}

char *
cc_catalogue_create_product (CcStore          *store,
                             const CcProduct  *product,
                             GError          **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product != NULL, NULL);

  if (!validate_product (store, product, error))
    return NULL;

  id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!write_product (store, id, NULL, product, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cc_catalogue_update_product (CcStore          *store,
                             const CcProduct  *product,
                             GError          **error)
{
  g_autoptr(CcProduct) old = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product != NULL && product->id != NULL, FALSE);

  old = cc_catalogue_get_product (store, product->id, error);
  if (old == NULL || g_strcmp0 (old->id, product->id) != 0)
    {
      g_clear_error (error);
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no piece “%s”"), product->id);
      return FALSE;
    }
  if (!validate_product (store, product, error))
    return FALSE;

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!write_product (store, product->id, old, product, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

static gboolean
load_set (CcStore    *store,
          const char *sql,
          const char *id,
          GPtrArray  *out)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  g_ptr_array_sort (out, compare_strings);
  return TRUE;
}

static CcProduct *
load_product (CcStore    *store,
              const char *sql,
              const char *key)
{
  g_autoptr(CcProduct) product = NULL;
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, NULL);
  const char *status;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  product = cc_product_new ();
  product->id = cc_sqlite_column_dup (stmt, 0);
  product->sku = cc_sqlite_column_dup (stmt, 1);
  product->slug = cc_sqlite_column_dup (stmt, 2);
  product->category_id = cc_sqlite_column_dup (stmt, 3);
  status = (const char *)sqlite3_column_text (stmt, 4);
  if (!cc_product_status_from_string (status, &product->status))
    product->status = CC_PRODUCT_DRAFT;
  product->price = sqlite3_column_int64 (stmt, 5);
  product->compare_at_price = sqlite3_column_int64 (stmt, 6);
  g_free (product->currency);
  product->currency = cc_sqlite_column_dup (stmt, 7);
  product->width_mm = sqlite3_column_int64 (stmt, 8);
  product->height_mm = sqlite3_column_int64 (stmt, 9);
  product->depth_mm = sqlite3_column_int64 (stmt, 10);
  product->weight_g = sqlite3_column_int64 (stmt, 11);
  product->production_minutes = sqlite3_column_int64 (stmt, 12);
  product->cultural_origin = cc_sqlite_column_dup (stmt, 13);
  product->technique = cc_sqlite_column_dup (stmt, 14);
  product->maker = cc_sqlite_column_dup (stmt, 15);
  sqlite3_reset (stmt);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT lang, title, description FROM product_texts WHERE product_id = ?",
                                  NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *lang = (const char *)sqlite3_column_text (stmt, 0);

      if (sqlite3_column_bytes (stmt, 1) > 0)
        cc_product_set_title (product, lang, (const char *)sqlite3_column_text (stmt, 1));
      if (sqlite3_column_bytes (stmt, 2) > 0)
        cc_product_set_description (product, lang, (const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  load_set (store, "SELECT tag FROM product_tags WHERE product_id = ? AND present = 1",
            product->id, product->tags);
  load_set (store, "SELECT material FROM product_materials WHERE product_id = ? AND present = 1",
            product->id, product->materials);
  return g_steal_pointer (&product);
}

#define PRODUCT_COLUMNS \
  "SELECT id, sku, slug, category_id, status, price, compare_at_price, currency, " \
  "width_mm, height_mm, depth_mm, weight_g, production_minutes, cultural_origin, " \
  "technique, maker FROM products "

CcProduct *
cc_catalogue_get_product (CcStore     *store,
                          const char  *id_or_sku,
                          GError     **error)
{
  CcProduct *product;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_sku != NULL, NULL);

  product = load_product (store, PRODUCT_COLUMNS "WHERE id = ? AND deleted = 0", id_or_sku);
  if (product == NULL && *id_or_sku != '\0')
    product = load_product (store, PRODUCT_COLUMNS "WHERE sku = ? AND deleted = 0 ORDER BY id LIMIT 1",
                            id_or_sku);
  if (product == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no piece “%s”"), id_or_sku);
  return product;
}

gboolean
cc_catalogue_set_status (CcStore          *store,
                         const char       *product_id,
                         CcProductStatus   status,
                         GError          **error)
{
  g_autoptr(CcProduct) product = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  if (status > CC_PRODUCT_ARCHIVED)
    return cc_invalid_input (error, _("Unknown status"));
  product = cc_catalogue_get_product (store, product_id, error);
  if (product == NULL)
    return FALSE;
  if (product->status == status)
    return TRUE;
  return cc_store_write (store, "product", product->id, "status",
                         cc_value_string (cc_product_status_to_string (status)), error);
}

gboolean
cc_catalogue_delete_product (CcStore     *store,
                             const char  *product_id,
                             GError     **error)
{
  g_autoptr(CcProduct) product = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  product = cc_catalogue_get_product (store, product_id, error);
  if (product == NULL)
    return FALSE;
  return cc_store_write (store, "product", product->id, "deleted", cc_value_bool (TRUE), error);
}

GPtrArray *
cc_catalogue_find_sku (CcStore    *store,
                       const char *sku,
                       const char *except_product_id)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), ids);

  if (sku == NULL || *sku == '\0')
    return ids;
  stmt = cc_store_prepare_cached (store,
                                  "SELECT id FROM products WHERE sku = ?1 AND deleted = 0 AND id IS NOT ?2 "
                                  "UNION SELECT v.product_id FROM variants v JOIN products p ON p.id = v.product_id "
                                  "WHERE v.sku = ?1 AND v.deleted = 0 AND p.deleted = 0 AND v.product_id IS NOT ?2",
                                  NULL);
  if (stmt == NULL)
    return ids;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, except_product_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  return ids;
}

gint64
cc_catalogue_count_products (CcStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (CC_IS_STORE (store), 0);

  stmt = cc_store_prepare_cached (store, "SELECT count(*) FROM products WHERE deleted = 0", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* Variants */

static JsonNode *
options_to_json (GPtrArray *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < options->len; i++)
    {
      CcVariantOption *option = g_ptr_array_index (options, i);
      g_autofree char *name = cc_text_normalize (option->name);
      g_autofree char *value = cc_text_normalize (option->value);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name ? name : "");
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value ? value : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
options_from_json (const char *text,
                   CcVariant  *variant)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      cc_variant_add_option (variant,
                             json_object_get_string_member_with_default (object, "name", ""),
                             json_object_get_string_member_with_default (object, "value", ""));
    }
}

static gboolean
validate_variant (const CcVariant  *variant,
                  GError          **error)
{
  if (variant->price < 0)
    return cc_invalid_input (error, _("Prices cannot be negative"));
  if (variant->price > CC_MONEY_MAX)
    return cc_invalid_input (error, _("That price is too large"));
  if (!cc_text_check (variant->sku, 100, _("The SKU"), error))
    return FALSE;
  if (variant->options->len == 0)
    return cc_invalid_input (error, _("A variant needs at least one option, like Size: Large"));
  for (guint i = 0; i < variant->options->len; i++)
    {
      CcVariantOption *option = g_ptr_array_index (variant->options, i);
      g_autofree char *name = cc_text_normalize (option->name);
      g_autofree char *value = cc_text_normalize (option->value);

      if (name == NULL || value == NULL || *name == '\0' || *value == '\0')
        return cc_invalid_input (error, _("Each option needs a name and a value, like Size: Large"));
      if (!cc_text_check (name, 100, _("An option name"), error) ||
          !cc_text_check (value, 200, _("An option value"), error))
        return FALSE;
    }
  return TRUE;
}

static CcVariant *
load_variant (CcStore    *store,
              const char *variant_id)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                "SELECT id, product_id, sku, price, options, position FROM variants "
                                                "WHERE id = ? AND deleted = 0",
                                                NULL);
  CcVariant *variant = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, variant_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      variant = cc_variant_new ();
      variant->id = cc_sqlite_column_dup (stmt, 0);
      variant->product_id = cc_sqlite_column_dup (stmt, 1);
      variant->sku = cc_sqlite_column_dup (stmt, 2);
      variant->price = sqlite3_column_int64 (stmt, 3);
      options_from_json ((const char *)sqlite3_column_text (stmt, 4), variant);
      variant->position = sqlite3_column_int (stmt, 5);
    }
  sqlite3_reset (stmt);
  return variant;
}

char *
cc_catalogue_add_variant (CcStore          *store,
                          const CcVariant  *variant,
                          GError          **error)
{
  g_autoptr(CcProduct) product = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  int position = 0;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (variant != NULL && variant->product_id != NULL, NULL);

  product = cc_catalogue_get_product (store, variant->product_id, error);
  if (product == NULL || !validate_variant (variant, error))
    return NULL;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT coalesce(max(position) + 1, 0) FROM variants WHERE product_id = ? AND deleted = 0",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!cc_store_write (store, "variant", id, "product_id", cc_value_string (product->id), error) ||
      !write_text (store, "variant", id, "sku", NULL, variant->sku, error) ||
      !cc_store_write (store, "variant", id, "price", cc_value_int (variant->price), error) ||
      !cc_store_write (store, "variant", id, "options", options_to_json (variant->options), error) ||
      !cc_store_write (store, "variant", id, "position", cc_value_int (position), error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cc_catalogue_update_variant (CcStore          *store,
                             const CcVariant  *variant,
                             GError          **error)
{
  g_autoptr(CcVariant) old = NULL;
  g_autoptr(JsonNode) old_options = NULL;
  g_autoptr(JsonNode) new_options = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (variant != NULL && variant->id != NULL, FALSE);

  old = load_variant (store, variant->id);
  if (old == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no variant “%s”"), variant->id);
      return FALSE;
    }
  if (!validate_variant (variant, error))
    return FALSE;

  old_options = options_to_json (old->options);
  new_options = options_to_json (variant->options);

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!write_text (store, "variant", old->id, "sku", old->sku, variant->sku, error) ||
      !write_int (store, "variant", old->id, "price", old->price, variant->price, error) ||
      (!json_node_equal (old_options, new_options) &&
       !cc_store_write (store, "variant", old->id, "options", g_steal_pointer (&new_options), error)))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

gboolean
cc_catalogue_remove_variant (CcStore     *store,
                             const char  *variant_id,
                             GError     **error)
{
  g_autoptr(CcVariant) old = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);

  old = load_variant (store, variant_id);
  if (old == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no variant “%s”"), variant_id);
      return FALSE;
    }
  return cc_store_write (store, "variant", old->id, "deleted", cc_value_bool (TRUE), error);
}

GPtrArray *
cc_catalogue_list_variants (CcStore    *store,
                            const char *product_id)
{
  GPtrArray *variants = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_variant_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), variants);
  g_return_val_if_fail (product_id != NULL, variants);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id FROM variants WHERE product_id = ? AND deleted = 0 ORDER BY position, id",
                                  NULL);
  if (stmt == NULL)
    return variants;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      CcVariant *variant = load_variant (store, g_ptr_array_index (ids, i));

      if (variant != NULL)
        g_ptr_array_add (variants, variant);
    }
  return variants;
}

/* Categories */

static CcCategory *
category_from_row (sqlite3_stmt *stmt)
{
  CcCategory *category = g_new0 (CcCategory, 1);

  category->id = cc_sqlite_column_dup (stmt, 0);
  category->name = cc_sqlite_column_dup (stmt, 1);
  category->slug = cc_sqlite_column_dup (stmt, 2);
  category->parent_id = cc_sqlite_column_dup (stmt, 3);
  category->sort_order = sqlite3_column_int (stmt, 4);
  return category;
}

#define CATEGORY_COLUMNS "SELECT id, name, slug, parent_id, sort_order FROM categories "

CcCategory *
cc_catalogue_get_category (CcStore     *store,
                           const char  *id_slug_or_name,
                           GError     **error)
{
  static const char * const queries[] = {
    CATEGORY_COLUMNS "WHERE deleted = 0 AND id = ?",
    CATEGORY_COLUMNS "WHERE deleted = 0 AND slug = ? ORDER BY id LIMIT 1",
    CATEGORY_COLUMNS "WHERE deleted = 0 AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
  };
  g_autofree char *key = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_slug_or_name != NULL, NULL);

  key = cc_text_normalize (id_slug_or_name);
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = cc_store_prepare_cached (store, queries[i], error);
      CcCategory *category = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        category = category_from_row (stmt);
      sqlite3_reset (stmt);
      if (category != NULL)
        return category;
    }

  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no category “%s”"), id_slug_or_name);
  return NULL;
}

static gboolean
validate_category_name (const char  *name,
                        char       **out_normalized,
                        GError     **error)
{
  g_autofree char *normalized = cc_text_normalize (name);

  if (normalized == NULL || *normalized == '\0')
    return cc_invalid_input (error, _("A category needs a name"));
  if (!cc_text_check (normalized, 200, _("The category name"), error))
    return FALSE;
  *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

char *
cc_catalogue_add_category (CcStore     *store,
                           const char  *name,
                           const char  *parent_id,
                           GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *id = NULL;
  g_autoptr(CcCategory) parent = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  if (!validate_category_name (name, &normalized, error))
    return NULL;
  if (parent_id != NULL && *parent_id != '\0')
    {
      parent = cc_catalogue_get_category (store, parent_id, error);
      if (parent == NULL)
        return NULL;
    }

  id = cc_uuid_v7_new ();
  slug = cc_text_slugify (normalized);
  if (!cc_store_begin (store, error))
    return NULL;
  if (!cc_store_write (store, "category", id, "name", cc_value_string (normalized), error) ||
      !cc_store_write (store, "category", id, "slug", cc_value_string (slug), error) ||
      (parent != NULL &&
       !cc_store_write (store, "category", id, "parent_id", cc_value_string (parent->id), error)))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cc_catalogue_rename_category (CcStore     *store,
                              const char  *category_id,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(CcCategory) category = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *slug = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (category_id != NULL, FALSE);

  category = cc_catalogue_get_category (store, category_id, error);
  if (category == NULL || !validate_category_name (name, &normalized, error))
    return FALSE;

  slug = cc_text_slugify (normalized);
  if (!cc_store_begin (store, error))
    return FALSE;
  if (!write_text (store, "category", category->id, "name", category->name, normalized, error) ||
      !write_text (store, "category", category->id, "slug", category->slug, slug, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

static GPtrArray *
load_live_categories (CcStore *store)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_category_free);
  sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                CATEGORY_COLUMNS "WHERE deleted = 0 ORDER BY sort_order, name, id",
                                                NULL);

  if (stmt == NULL)
    return all;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (all, category_from_row (stmt));
  sqlite3_reset (stmt);
  return all;
}

static void
collect_subtree (GPtrArray  *all,
                 const char *root_id,
                 GHashTable *seen,
                 GPtrArray  *out)
{
  /* `seen` guards against a cycle that arrived by sync. */
  if (!g_hash_table_add (seen, (gpointer)root_id))
    return;
  g_ptr_array_add (out, g_strdup (root_id));
  for (guint i = 0; i < all->len; i++)
    {
      CcCategory *category = g_ptr_array_index (all, i);

      if (g_strcmp0 (category->parent_id, root_id) == 0)
        collect_subtree (all, category->id, seen, out);
    }
}

GPtrArray *
cc_catalogue_category_subtree (CcStore    *store,
                               const char *category_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CC_IS_STORE (store), ids);
  g_return_val_if_fail (category_id != NULL, ids);

  all = load_live_categories (store);
  collect_subtree (all, category_id, seen, ids);
  return ids;
}

static void
append_children (GPtrArray  *all,
                 const char *parent_id,
                 int         depth,
                 GHashTable *placed,
                 GPtrArray  *out)
{
  for (guint i = 0; i < all->len; i++)
    {
      CcCategory *category = g_ptr_array_index (all, i);

      if (g_strcmp0 (category->parent_id, parent_id) != 0 || g_hash_table_contains (placed, category->id))
        continue;
      g_hash_table_add (placed, category->id);
      category->depth = depth;
      g_ptr_array_add (out, category);
      append_children (all, category->id, depth + 1, placed, out);
    }
}

GPtrArray *
cc_catalogue_list_categories (CcStore *store)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ordered;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  all = load_live_categories (store);
  ordered = g_ptr_array_new_full (all->len, (GDestroyNotify)cc_category_free);

  for (guint i = 0; i < all->len; i++)
    g_hash_table_add (live, ((CcCategory *)g_ptr_array_index (all, i))->id);

  /* A category whose parent is gone (or not yet synced) shows at the top. */
  for (guint i = 0; i < all->len; i++)
    {
      CcCategory *category = g_ptr_array_index (all, i);

      if (category->parent_id != NULL && !g_hash_table_contains (live, category->parent_id))
        g_clear_pointer (&category->parent_id, g_free);
    }
  append_children (all, NULL, 0, placed, ordered);

  /* Whatever is left sits in a cycle that arrived by sync: show it rather
   * than lose it. */
  for (guint i = 0; i < all->len; i++)
    {
      CcCategory *category = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (placed, category->id))
        {
          g_hash_table_add (placed, category->id);
          category->depth = 0;
          g_ptr_array_add (ordered, category);
          append_children (all, category->id, 1, placed, ordered);
        }
    }

  /* `ordered` now owns every element. */
  g_ptr_array_set_free_func (all, NULL);
  return ordered;
}

static gboolean
in_subtree (CcStore    *store,
            const char *root_id,
            const char *candidate_id)
{
  g_autoptr(GPtrArray) subtree = cc_catalogue_category_subtree (store, root_id);

  return g_ptr_array_find_with_equal_func (subtree, candidate_id, g_str_equal, NULL);
}

gboolean
cc_catalogue_move_category (CcStore     *store,
                            const char  *category_id,
                            const char  *new_parent_id,
                            int          sort_order,
                            GError     **error)
{
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcCategory) parent = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (category_id != NULL, FALSE);

  category = cc_catalogue_get_category (store, category_id, error);
  if (category == NULL)
    return FALSE;
  if (new_parent_id != NULL && *new_parent_id != '\0')
    {
      parent = cc_catalogue_get_category (store, new_parent_id, error);
      if (parent == NULL)
        return FALSE;
      if (in_subtree (store, category->id, parent->id))
        {
          g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                       _("“%s” cannot go inside “%s”: a category cannot be inside itself"),
                       category->name, parent->name);
          return FALSE;
        }
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  if ((g_strcmp0 (category->parent_id, parent ? parent->id : NULL) != 0 &&
       !cc_store_write (store, "category", category->id, "parent_id",
                        parent ? cc_value_string (parent->id) : cc_value_null (), error)) ||
      !write_int (store, "category", category->id, "sort_order", category->sort_order, sort_order, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

static GPtrArray *
select_ids (CcStore    *store,
            const char *sql,
            const char *key)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, NULL);

  if (stmt == NULL)
    return ids;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  return ids;
}

gboolean
cc_catalogue_remove_category (CcStore     *store,
                              const char  *category_id,
                              const char  *target_id,
                              GError     **error)
{
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcCategory) target = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) children = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (category_id != NULL, FALSE);

  category = cc_catalogue_get_category (store, category_id, error);
  if (category == NULL)
    return FALSE;

  products = select_ids (store, "SELECT id FROM products WHERE category_id = ? AND deleted = 0", category->id);
  children = select_ids (store, "SELECT id FROM categories WHERE parent_id = ? AND deleted = 0", category->id);

  if (target_id != NULL && *target_id != '\0')
    {
      target = cc_catalogue_get_category (store, target_id, error);
      if (target == NULL)
        return FALSE;
      if (in_subtree (store, category->id, target->id))
        {
          g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                       _("“%s” cannot receive the contents of “%s”: it is inside it"),
                       target->name, category->name);
          return FALSE;
        }
    }
  else if (products->len > 0 || children->len > 0)
    {
      g_autofree char *pieces = g_strdup_printf (ngettext ("%u piece", "%u pieces", products->len),
                                                 products->len);
      g_autofree char *subcategories = g_strdup_printf (ngettext ("%u subcategory", "%u subcategories",
                                                                  children->len),
                                                        children->len);

      /* TRANSLATORS: the second and third %s are "3 pieces" and "1 subcategory". */
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   _("“%s” still holds %s and %s: choose a category to move them to"),
                   category->name, pieces, subcategories);
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    if (!cc_store_write (store, "product", g_ptr_array_index (products, i), "category_id",
                         cc_value_string (target->id), error))
      goto failed;
  for (guint i = 0; i < children->len; i++)
    if (!cc_store_write (store, "category", g_ptr_array_index (children, i), "parent_id",
                         cc_value_string (target->id), error))
      goto failed;
  if (!cc_store_write (store, "category", category->id, "deleted", cc_value_bool (TRUE), error))
    goto failed;
  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}
