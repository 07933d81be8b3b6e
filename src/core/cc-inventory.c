/* cc-inventory.c — stock as a ledger: on hand, reserved, available.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stock move is one row of the "stock_move" entity whose registers are
 * written once, in one transaction, and never changed; a level is the sum
 * of the rows. Who recorded a move and when is the stamp of its "delta"
 * register, so it needs no column of its own.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-text.h"
#include "cc-uuid.h"

/* Largest single move or threshold accepted from a person (pieces). */
#define STOCK_MAX G_GINT64_CONSTANT (1000000000)

CcStockMove *
cc_stock_move_new (void)
{
  return g_new0 (CcStockMove, 1);
}

void
cc_stock_move_free (CcStockMove *move)
{
  if (move == NULL)
    return;
  g_free (move->id);
  g_free (move->product_id);
  g_free (move->variant_id);
  g_free (move->reason);
  g_free (move->ref_id);
  g_free (move->batch_id);
  g_free (move->note);
  g_free (move->device);
  g_free (move->hlc);
  g_free (move);
}

/* Applying registers */


static const CcColumn stock_move_columns[] = {
  { "product_id", CC_COLUMN_TEXT },
  { "variant_id", CC_COLUMN_TEXT_OR_NULL },
  { "delta", CC_COLUMN_INT },
  { "bucket", CC_COLUMN_INT },
  { "reason", CC_COLUMN_TEXT },
  { "ref_id", CC_COLUMN_TEXT_OR_NULL },
  { "batch_id", CC_COLUMN_TEXT_OR_NULL },
  { "note", CC_COLUMN_TEXT },
};

static const CcColumn stock_setting_columns[] = {
  { "low_threshold", CC_COLUMN_INT },
};

/* A move that follows from an order (its "delta" is written last) lets
 * the order check its stock against its merged status: a cancellation's
 * release arriving after the order was shipped elsewhere is reversed
 * there (cc-orders.c). */
static gboolean
stock_move_apply (CcStore     *store,
                  const char  *row_id,
                  const char  *reg,
                  JsonNode    *value,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cc_store_apply_column (store, "stock_moves", stock_move_columns, G_N_ELEMENTS (stock_move_columns),
                              row_id, reg, value, error))
    return FALSE;
  if (strcmp (reg, "delta") != 0)
    return TRUE;

  stmt = cc_store_prepare_cached (store, "SELECT ref_id FROM stock_moves WHERE id = ? AND ref_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cc_store_mark_dirty (store, "order", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static const CcEntityClass stock_move_entity = { "stock_move", stock_move_apply, NULL };
static const CcEntityClass stock_setting_entity = {
  .name = "stock_setting",
  .table = "stock_settings",
  .columns = stock_setting_columns,
  .n_columns = G_N_ELEMENTS (stock_setting_columns),
};

void
cc_inventory_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));

  cc_store_add_entity (store, &stock_move_entity);
  cc_store_add_entity (store, &stock_setting_entity);
}

/* Checks */

static gboolean
query_exists (CcStore     *store,
              const char  *sql,
              const char  *a,
              const char  *b,
              gboolean    *out,
              GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  *out = rc == SQLITE_ROW;
  return TRUE;
}

/* A person's correction needs a live product; an effect of an order or a
 * batch (include_deleted) must still close out after the product was
 * deleted, or a cancelled order could never release its reservation. */
static gboolean
check_product (CcStore     *store,
               const char  *product_id,
               const char  *variant_id,
               gboolean     include_deleted,
               GError     **error)
{
  gboolean found = FALSE;

  if (!query_exists (store,
                     include_deleted ? "SELECT 1 FROM products WHERE id = ?"
                                     : "SELECT 1 FROM products WHERE id = ? AND deleted = 0",
                     product_id, NULL, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("There is no product “%s”"), product_id);
      return FALSE;
    }
  if (variant_id == NULL)
    return TRUE;
  if (!query_exists (store,
                     include_deleted ? "SELECT 1 FROM variants WHERE id = ? AND product_id = ?"
                                     : "SELECT 1 FROM variants WHERE id = ? AND product_id = ? AND deleted = 0",
                     variant_id, product_id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("The product has no variant “%s”"), variant_id);
      return FALSE;
    }
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Recording */

gboolean
cc_inventory_record (CcStore            *store,
                     const CcStockMove  *move,
                     GError            **error)
{
  g_autofree char *id = NULL;
  g_autofree char *note = NULL;
  const char *variant_id;
  gboolean exists = FALSE;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);

  if (move->id != NULL)
    {
      if (!cc_uuid_is_valid (move->id))
        {
          g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                       _("“%s” is not a valid id for a stock movement"), move->id);
          return FALSE;
        }
      if (!query_exists (store, "SELECT 1 FROM stock_moves WHERE id = ?", move->id, NULL, &exists, error))
        return FALSE;
      /* The same effect recorded twice (two devices confirming one order,
       * a retried batch) is one row. */
      if (exists)
        return TRUE;
    }

  if (move->product_id == NULL || *move->product_id == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A stock movement needs a product"));
      return FALSE;
    }
  variant_id = nonempty (move->variant_id);
  if (!check_product (store, move->product_id, variant_id, TRUE, error))
    return FALSE;
  if (move->reason == NULL || *move->reason == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A stock movement needs a reason"));
      return FALSE;
    }
  if (move->bucket != CC_STOCK_ON_HAND && move->bucket != CC_STOCK_RESERVED)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A stock movement is either on hand or reserved"));
      return FALSE;
    }
  note = cc_text_normalize (move->note != NULL ? move->note : "");
  if (note == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The note is not valid UTF-8"));
      return FALSE;
    }

  id = move->id != NULL ? g_strdup (move->id) : cc_uuid_v7_new ();

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!cc_store_write (store, "stock_move", id, "product_id", cc_value_string (move->product_id), error) ||
      (variant_id != NULL &&
       !cc_store_write (store, "stock_move", id, "variant_id", cc_value_string (variant_id), error)) ||
      /* On hand is the column's default on every device. */
      (move->bucket != CC_STOCK_ON_HAND &&
       !cc_store_write (store, "stock_move", id, "bucket", cc_value_int (move->bucket), error)) ||
      !cc_store_write (store, "stock_move", id, "reason", cc_value_string (move->reason), error) ||
      (nonempty (move->ref_id) != NULL &&
       !cc_store_write (store, "stock_move", id, "ref_id", cc_value_string (move->ref_id), error)) ||
      (nonempty (move->batch_id) != NULL &&
       !cc_store_write (store, "stock_move", id, "batch_id", cc_value_string (move->batch_id), error)) ||
      (*note != '\0' &&
       !cc_store_write (store, "stock_move", id, "note", cc_value_string (note), error)) ||
      /* Last: its stamp is when the move happened. */
      !cc_store_write (store, "stock_move", id, "delta", cc_value_int (move->delta), error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

/* Reading */

static char *
setting_key (const char *product_id,
             const char *variant_id)
{
  return variant_id != NULL ? g_strconcat (product_id, "/", variant_id, NULL) : g_strdup (product_id);
}

gboolean
cc_inventory_get_level (CcStore       *store,
                        const char    *product_id,
                        const char    *variant_id,
                        CcStockLevel  *out,
                        GError       **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  variant_id = nonempty (variant_id);
  memset (out, 0, sizeof *out);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT coalesce(sum(CASE bucket WHEN 0 THEN delta END), 0), "
                                  "       coalesce(sum(CASE bucket WHEN 1 THEN delta END), 0) "
                                  "FROM stock_moves WHERE product_id = ? AND variant_id IS ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  if (variant_id != NULL)
    sqlite3_bind_text (stmt, 2, variant_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->on_hand = sqlite3_column_int64 (stmt, 0);
      out->reserved = sqlite3_column_int64 (stmt, 1);
      out->available = out->on_hand - out->reserved;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }

  key = setting_key (product_id, variant_id);
  stmt = cc_store_prepare_cached (store, "SELECT low_threshold FROM stock_settings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    out->low_threshold = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
cc_inventory_list_moves (CcStore     *store,
                         const char  *product_id,
                         const char  *variant_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) moves = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  variant_id = nonempty (variant_id);
  stmt = cc_store_prepare_cached (store,
                                  "SELECT m.id, m.product_id, m.variant_id, m.delta, m.bucket, m.reason, "
                                  "       m.ref_id, m.batch_id, m.note, r.hlc "
                                  "FROM stock_moves m "
                                  "LEFT JOIN registers r ON r.entity = 'stock_move' AND r.row_id = m.id AND r.reg = 'delta' "
                                  "WHERE m.product_id = ? AND m.variant_id IS ? "
                                  "ORDER BY r.hlc, m.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  if (variant_id != NULL)
    sqlite3_bind_text (stmt, 2, variant_id, -1, SQLITE_TRANSIENT);

  moves = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_stock_move_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcStockMove *move = cc_stock_move_new ();
      CcHlcStamp stamp;

      move->id = cc_sqlite_column_dup (stmt, 0);
      move->product_id = cc_sqlite_column_dup (stmt, 1);
      move->variant_id = cc_sqlite_column_dup (stmt, 2);
      move->delta = sqlite3_column_int64 (stmt, 3);
      move->bucket = sqlite3_column_int (stmt, 4) == 1 ? CC_STOCK_RESERVED : CC_STOCK_ON_HAND;
      move->reason = cc_sqlite_column_dup (stmt, 5);
      move->ref_id = cc_sqlite_column_dup (stmt, 6);
      move->batch_id = cc_sqlite_column_dup (stmt, 7);
      move->note = cc_sqlite_column_dup (stmt, 8);
      move->hlc = cc_sqlite_column_dup (stmt, 9);
      if (move->hlc != NULL && cc_hlc_stamp_parse (move->hlc, &stamp, NULL))
        move->device = g_strdup (stamp.node);
      g_ptr_array_add (moves, move);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&moves);
}

/* A person's corrections */

static const char * const adjust_reasons[] = { "count", "damaged", "gift", "returned" };

gboolean
cc_inventory_adjust (CcStore     *store,
                     const char  *product_id,
                     const char  *variant_id,
                     gint64       delta,
                     const char  *reason,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(CcStockMove) move = NULL;
  CcStockLevel level;
  gboolean known = FALSE;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  variant_id = nonempty (variant_id);
  if (delta == 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A stock correction must change the quantity"));
      return FALSE;
    }
  if (delta > STOCK_MAX || delta < -STOCK_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("That quantity is too large"));
      return FALSE;
    }
  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (adjust_reasons); i++)
    known |= strcmp (reason, adjust_reasons[i]) == 0;
  if (!known)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a reason for a stock correction; use count, damaged, gift or returned"),
                   reason != NULL ? reason : "");
      return FALSE;
    }
  if (!check_product (store, product_id, variant_id, FALSE, error))
    return FALSE;

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!cc_inventory_get_level (store, product_id, variant_id, &level, error))
    goto failed;
  if (level.on_hand + delta < 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   ngettext ("Only %lld piece is on hand; a correction cannot take stock below zero",
                             "Only %lld pieces are on hand; a correction cannot take stock below zero",
                             level.on_hand == 1 ? 1 : 2),
                   (long long)level.on_hand);
      goto failed;
    }

  move = cc_stock_move_new ();
  move->product_id = g_strdup (product_id);
  move->variant_id = g_strdup (variant_id);
  move->delta = delta;
  move->bucket = CC_STOCK_ON_HAND;
  move->reason = g_strdup (reason);
  move->note = g_strdup (note);
  if (!cc_inventory_record (store, move, error))
    goto failed;
  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}

gboolean
cc_inventory_set_threshold (CcStore     *store,
                            const char  *product_id,
                            const char  *variant_id,
                            gint64       threshold,
                            GError     **error)
{
  g_autofree char *key = NULL;
  CcStockLevel level;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  variant_id = nonempty (variant_id);
  if (threshold < 0 || threshold > STOCK_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A low-stock threshold is zero (none) or a positive number of pieces"));
      return FALSE;
    }
  if (!check_product (store, product_id, variant_id, FALSE, error) ||
      !cc_inventory_get_level (store, product_id, variant_id, &level, error))
    return FALSE;
  if (level.low_threshold == threshold)
    return TRUE;

  key = setting_key (product_id, variant_id);
  return cc_store_write (store, "stock_setting", key, "low_threshold", cc_value_int (threshold), error);
}

/* Stock-keeping items */

void
cc_stock_item_free (CcStockItem *item)
{
  if (item == NULL)
    return;
  g_free (item->product_id);
  g_free (item->variant_id);
  g_free (item->title);
  g_free (item->sku);
  g_free (item->currency);
  g_free (item);
}

/* Whether every word of the folded search is in the folded haystack. */
static gboolean
matches_words (const char * const *words,
               const char         *title,
               const char         *sku)
{
  g_autofree char *joined = NULL;
  g_autofree char *folded = NULL;

  if (words == NULL)
    return TRUE;
  joined = g_strconcat (title ? title : "", "\n", sku ? sku : "", NULL);
  folded = g_utf8_casefold (joined, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The recipe's cost of one piece, or -1 when there is no recipe or a
 * part of it has no known cost: an unknown cost is never zero. */
static gint64
item_unit_cost (CcStore     *store,
                const char  *product_id,
                const char  *variant_id,
                char       **out_currency)
{
  g_auto(CcCostBreakdown) cost = { 0 };

  if (!cc_materials_recipe_cost (store, product_id, variant_id, &cost, NULL))
    return -1;
  *out_currency = g_strdup (cost.currency);
  return cost.total;
}

/* One row per product without variants, or per live variant; levels and
 * thresholds summed in the same query. */
#define ITEMS_SQL \
  "SELECT p.id, v.id, p.title, coalesce(nullif(v.sku, ''), p.sku), p.currency, " \
  "  (SELECT group_concat(json_extract(o.value, '$.name') || ': ' || json_extract(o.value, '$.value'), ', ') " \
  "     FROM json_each(CASE WHEN json_valid(v.options) THEN v.options ELSE '[]' END) o), " \
  "  (SELECT coalesce(sum(CASE m.bucket WHEN 0 THEN m.delta END), 0) FROM stock_moves m " \
  "     WHERE m.product_id = p.id AND m.variant_id IS v.id), " \
  "  (SELECT coalesce(sum(CASE m.bucket WHEN 1 THEN m.delta END), 0) FROM stock_moves m " \
  "     WHERE m.product_id = p.id AND m.variant_id IS v.id), " \
  "  coalesce((SELECT s.low_threshold FROM stock_settings s " \
  "     WHERE s.id = CASE WHEN v.id IS NULL THEN p.id ELSE p.id || '/' || v.id END), 0), " \
  "  EXISTS (SELECT 1 FROM recipes r WHERE r.product_id = p.id) " \
  "FROM products p LEFT JOIN variants v ON v.product_id = p.id AND v.deleted = 0 " \
  "WHERE p.deleted = 0 AND p.status != 'archived' "

static GPtrArray *
list_items (CcStore    *store,
            const char *search,
            gboolean    low_only)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_stock_item_free);
  g_auto(GStrv) words = NULL;
  sqlite3_stmt *stmt;

  if (search != NULL)
    {
      g_autofree char *normalized = cc_text_normalize (search);
      g_autofree char *folded = normalized ? g_utf8_casefold (normalized, -1) : NULL;

      if (folded != NULL)
        {
          g_strstrip (folded);
          if (*folded != '\0')
            words = g_strsplit_set (folded, " \t\n", -1);
        }
    }

  stmt = cc_store_prepare_cached (store,
                                  ITEMS_SQL "ORDER BY p.title COLLATE NOCASE, p.id, v.position, v.id",
                                  NULL);
  if (stmt == NULL)
    return items;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = (const char *)sqlite3_column_text (stmt, 2);
      const char *sku = (const char *)sqlite3_column_text (stmt, 3);
      const char *options = (const char *)sqlite3_column_text (stmt, 5);
      g_autoptr(CcStockItem) item = NULL;
      g_autofree char *cost_currency = NULL;

      item = g_new0 (CcStockItem, 1);
      item->level.on_hand = sqlite3_column_int64 (stmt, 6);
      item->level.reserved = sqlite3_column_int64 (stmt, 7);
      item->level.available = item->level.on_hand - item->level.reserved;
      item->level.low_threshold = sqlite3_column_int64 (stmt, 8);
      if (low_only && (item->level.low_threshold <= 0 ||
                       item->level.available > item->level.low_threshold))
        continue;

      if (options != NULL && *options != '\0')
        item->title = g_strconcat (title ? title : "", " — ", options, NULL);
      else
        item->title = g_strdup (title ? title : "");
      item->sku = g_strdup (sku ? sku : "");
      if (!matches_words ((const char * const *)words, item->title, item->sku))
        continue;

      item->product_id = cc_sqlite_column_dup (stmt, 0);
      item->variant_id = cc_sqlite_column_dup (stmt, 1);
      item->currency = cc_sqlite_column_dup (stmt, 4);
      item->unit_cost = -1;
      if (sqlite3_column_int (stmt, 9) != 0)
        item->unit_cost = item_unit_cost (store, item->product_id, item->variant_id, &cost_currency);
      /* The value is in the currency the cost was figured in. */
      if (cost_currency != NULL)
        {
          g_free (item->currency);
          item->currency = g_steal_pointer (&cost_currency);
        }
      if (item->unit_cost >= 0 && item->level.on_hand > 0)
        item->stock_value = item->unit_cost > 0 && item->level.on_hand > CC_MONEY_MAX / item->unit_cost
                            ? CC_MONEY_MAX
                            : item->level.on_hand * item->unit_cost;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  sqlite3_reset (stmt);
  return items;
}

GPtrArray *
cc_inventory_list_items (CcStore    *store,
                         const char *search)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return list_items (store, search, FALSE);
}

GPtrArray *
cc_inventory_list_low_stock (CcStore *store)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return list_items (store, NULL, TRUE);
}
