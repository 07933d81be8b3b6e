/* test-orders.c — customers, orders, status machine, stock effects, totals, payments.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-orders.h"
#include "cc-schema.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

/* Helpers */

static char *
make_product (CcStore    *store,
              const char *title,
              gint64      price,
              gint64      stock)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->price = price;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);

  if (stock > 0)
    {
      g_autoptr(CcStockMove) move = cc_stock_move_new ();

      move->product_id = g_strdup (id);
      move->delta = stock;
      move->bucket = CC_STOCK_ON_HAND;
      move->reason = g_strdup ("made");
      g_assert_true (cc_inventory_record (store, move, &error));
      g_assert_no_error (error);
    }
  return id;
}

static char *
make_order (CcStore    *store,
            const char *product_id,
            gint64      quantity)
{
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  g_ptr_array_add (order->lines, cc_order_line_new (product_id, NULL, quantity));
  id = cc_orders_create_order (store, order, &error);
  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (id));
  return id;
}

static CcOrder *
get_order (CcStore    *store,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  CcOrder *order = cc_orders_get_order (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

static CcOrderStatus
order_status (CcStore    *store,
              const char *id)
{
  g_autoptr(CcOrder) order = get_order (store, id);

  return order->status;
}

static CcStockLevel
level_of (CcStore    *store,
          const char *product_id)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level = { 0 };

  g_assert_true (cc_inventory_get_level (store, product_id, NULL, &level, &error));
  g_assert_no_error (error);
  return level;
}

static void
set_status_ok (CcStore       *store,
               const char    *id,
               CcOrderStatus  status)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cc_orders_set_status (store, id, status, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (order_status (store, id), ==, status);
}

/* Hands every change in from's outbox to to (as a sync would). */
static void
sync_to (CcStore *from,
         CcStore *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = cc_store_outbox_list (from, 0, &error);

  g_assert_no_error (error);
  g_assert_true (cc_store_apply_changes (to, changes, &error));
  g_assert_no_error (error);
}

/* Status machine */

/* The expected machine, written out independently of the code. */
static const gboolean legal[CC_ORDER_N_STATUSES][CC_ORDER_N_STATUSES] = {
  /* from \ to:          PEND   CONF   SHIP   DELI   CANC   RETU */
  [CC_ORDER_PENDING]   = { 0,     1,     0,     0,     1,     0 },
  [CC_ORDER_CONFIRMED] = { 0,     0,     1,     0,     1,     0 },
  [CC_ORDER_SHIPPED]   = { 0,     0,     0,     1,     0,     1 },
  [CC_ORDER_DELIVERED] = { 0,     0,     0,     0,     0,     1 },
  [CC_ORDER_CANCELLED] = { 0,     0,     0,     0,     0,     0 },
  [CC_ORDER_RETURNED]  = { 0,     0,     0,     0,     0,     0 },
};

/* A legal path from PENDING to each status. */
static void
bring_to (CcStore       *store,
          const char    *id,
          CcOrderStatus  target)
{
  static const CcOrderStatus paths[CC_ORDER_N_STATUSES][4] = {
    [CC_ORDER_PENDING] = { CC_ORDER_PENDING },
    [CC_ORDER_CONFIRMED] = { CC_ORDER_CONFIRMED, CC_ORDER_PENDING },
    [CC_ORDER_SHIPPED] = { CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED, CC_ORDER_PENDING },
    [CC_ORDER_DELIVERED] = { CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED, CC_ORDER_DELIVERED, CC_ORDER_PENDING },
    [CC_ORDER_CANCELLED] = { CC_ORDER_CANCELLED, CC_ORDER_PENDING },
    [CC_ORDER_RETURNED] = { CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED, CC_ORDER_RETURNED, CC_ORDER_PENDING },
  };

  for (guint i = 0; i < 4 && paths[target][i] != CC_ORDER_PENDING; i++)
    set_status_ok (store, id, paths[target][i]);
  g_assert_cmpint (order_status (store, id), ==, target);
}

static void
test_transitions_from (gconstpointer data)
{
  CcOrderStatus from = GPOINTER_TO_UINT (data);

  for (CcOrderStatus to = 0; to < CC_ORDER_N_STATUSES; to++)
    {
      g_autoptr(CcStore) store = cc_test_open_store ();
      g_autoptr(GError) error = NULL;
      g_autofree char *product = make_product (store, "Blue vase", 45000, 10);
      g_autofree char *order = make_order (store, product, 2);
      gint64 outbox, moves;
      gboolean ok;

      bring_to (store, order, from);
      g_assert_cmpint (cc_order_status_can_change (from, to), ==, legal[from][to]);

      outbox = cc_store_outbox_count (store);
      moves = cc_test_count_rows (store, "stock_moves", NULL);
      ok = cc_orders_set_status (store, order, to, FALSE, &error);

      if (legal[from][to])
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (order_status (store, order), ==, to);
          g_assert_cmpint (cc_store_outbox_count (store), >, outbox);
        }
      else if (from == to)
        {
          /* Asking for the status it has is no change at all. */
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
        }
      else
        {
          g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
          g_assert_false (ok);
          g_assert_cmpint (order_status (store, order), ==, from);
          g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
          g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, moves);
        }
    }
}

static void
test_shipped_cannot_cancel_message (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Blue vase", 45000, 10);
  g_autofree char *order = make_order (store, product, 1);

  bring_to (store, order, CC_ORDER_SHIPPED);
  g_assert_false (cc_orders_set_status (store, order, CC_ORDER_CANCELLED, FALSE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "A shipped order cannot be cancelled; record a return instead");
}

/* Stock effects */

static void
test_effects_confirm_ship_return (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Blue vase", 45000, 5);
  g_autofree char *order = make_order (store, product, 2);
  CcStockLevel level;

  level = level_of (store, product);
  g_assert_cmpint (level.available, ==, 5);

  set_status_ok (store, order, CC_ORDER_CONFIRMED);
  level = level_of (store, product);
  g_assert_cmpint (level.on_hand, ==, 5);
  g_assert_cmpint (level.reserved, ==, 2);
  g_assert_cmpint (level.available, ==, 3);

  set_status_ok (store, order, CC_ORDER_SHIPPED);
  level = level_of (store, product);
  g_assert_cmpint (level.on_hand, ==, 3);
  g_assert_cmpint (level.reserved, ==, 0);
  g_assert_cmpint (level.available, ==, 3);

  set_status_ok (store, order, CC_ORDER_DELIVERED);
  level = level_of (store, product);
  g_assert_cmpint (level.on_hand, ==, 3);
  g_assert_cmpint (level.reserved, ==, 0);

  set_status_ok (store, order, CC_ORDER_RETURNED);
  level = level_of (store, product);
  g_assert_cmpint (level.on_hand, ==, 5);
  g_assert_cmpint (level.available, ==, 5);

  /* Every ledger row of the order points back at it. */
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 1 + 4);
}

static void
test_effects_cancel_releases (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Blue vase", 45000, 5);
  g_autofree char *confirmed = make_order (store, product, 2);
  g_autofree char *pending = make_order (store, product, 1);
  gint64 moves;
  CcStockLevel level;

  set_status_ok (store, confirmed, CC_ORDER_CONFIRMED);
  g_assert_cmpint (level_of (store, product).available, ==, 3);
  set_status_ok (store, confirmed, CC_ORDER_CANCELLED);
  level = level_of (store, product);
  g_assert_cmpint (level.reserved, ==, 0);
  g_assert_cmpint (level.available, ==, 5);
  g_assert_cmpint (level.on_hand, ==, 5);

  /* A pending order reserved nothing, so cancelling it moves nothing. */
  moves = cc_test_count_rows (store, "stock_moves", NULL);
  set_status_ok (store, pending, CC_ORDER_CANCELLED);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, moves);
}

static void
test_confirm_more_than_available (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Blue vase", 45000, 2);
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autofree char *order = NULL;
  gint64 outbox;

  /* Two lines of the same piece count together: 2 + 1 > 2. */
  g_ptr_array_add (draft->lines, cc_order_line_new (product, NULL, 2));
  g_ptr_array_add (draft->lines, cc_order_line_new (product, NULL, 1));
  order = cc_orders_create_order (store, draft, &error);
  g_assert_no_error (error);

  outbox = cc_store_outbox_count (store);
  g_assert_false (cc_orders_set_status (store, order, CC_ORDER_CONFIRMED, FALSE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Blue vase"));
  g_assert_nonnull (strstr (error->message, "Only 2 "));
  g_assert_nonnull (strstr (error->message, "needs 3"));
  g_clear_error (&error);
  g_assert_cmpint (order_status (store, order), ==, CC_ORDER_PENDING);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (level_of (store, product).reserved, ==, 0);

  /* Made to order: confirmed all the same, availability goes below zero. */
  g_assert_true (cc_orders_set_status (store, order, CC_ORDER_CONFIRMED, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (level_of (store, product).reserved, ==, 3);
  g_assert_cmpint (level_of (store, product).available, ==, -1);
}

/* Two devices confirm the same order offline: one reservation. */
static void
test_two_devices_one_reservation (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autofree char *product = make_product (a, "Blue vase", 45000, 5);
  g_autofree char *order = make_order (a, product, 2);
  g_autofree char *where = g_strdup_printf ("ref_id = '%s'", order);
  g_autoptr(CcOrder) on_b = NULL;

  sync_to (a, b);
  on_b = get_order (b, order);
  g_assert_cmpint (on_b->lines->len, ==, 1);
  g_assert_cmpint (level_of (b, product).available, ==, 5);

  set_status_ok (a, order, CC_ORDER_CONFIRMED);
  set_status_ok (b, order, CC_ORDER_CONFIRMED);
  sync_to (a, b);
  sync_to (b, a);
  /* Applying the same changes again is no change either. */
  sync_to (a, b);

  g_assert_cmpint (level_of (a, product).reserved, ==, 2);
  g_assert_cmpint (level_of (b, product).reserved, ==, 2);
  g_assert_cmpint (cc_test_count_rows (a, "stock_moves", where), ==, 1);
  g_assert_cmpint (cc_test_count_rows (b, "stock_moves", where), ==, 1);
  g_assert_cmpint (order_status (a, order), ==, CC_ORDER_CONFIRMED);
  g_assert_cmpint (order_status (b, order), ==, CC_ORDER_CONFIRMED);

  /* A device that already has the other's reservation records none. */
  set_status_ok (a, order, CC_ORDER_SHIPPED);
  sync_to (a, b);
  g_assert_cmpint (level_of (b, product).on_hand, ==, 3);
  g_assert_cmpint (level_of (b, product).reserved, ==, 0);
  g_assert_cmpint (order_status (b, order), ==, CC_ORDER_SHIPPED);
}

/* Order numbers */

static void
test_numbers_unique (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *code_a = cc_orders_dup_device_code (a);
  g_autofree char *code_b = cc_orders_dup_device_code (b);
  g_autofree char *last = NULL;
  g_autoptr(CcOrder) after = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 60;

  g_assert_cmpuint (strlen (code_a), ==, 4);
  g_assert_cmpstr (code_a, !=, code_b);

  for (guint i = 0; i < n; i++)
    {
      CcStore *store = i % 2 ? a : b;
      g_autoptr(CcOrder) draft = cc_order_new ();
      g_autofree char *id = cc_orders_create_order (store, draft, &error);
      g_autoptr(CcOrder) order = NULL;

      g_assert_no_error (error);
      order = get_order (store, id);
      g_assert_true (g_str_has_prefix (order->number, i % 2 ? code_a : code_b));
      g_assert_false (g_hash_table_contains (seen, order->number));
      g_hash_table_add (seen, g_strdup (order->number));
      if (i == n - 1)
        last = g_strdup (order->number);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  {
    g_autofree char *expected = g_strdup_printf ("%s-%u", code_b, n / 2);
    g_assert_true (g_hash_table_contains (seen, expected));
  }

  /* After both sync, each keeps its own series; a lost counter (a backup
   * restored) does not hand out a number again. */
  sync_to (a, b);
  sync_to (b, a);
  g_assert_cmpint (cc_test_count_rows (a, "orders", NULL), ==, n);
  g_assert_true (sqlite3_exec (cc_store_get_db (a), "DELETE FROM order_counters", NULL, NULL, NULL) == SQLITE_OK);
  {
    g_autoptr(CcOrder) draft = cc_order_new ();
    g_autofree char *id = cc_orders_create_order (a, draft, &error);
    g_autofree char *expected = g_strdup_printf ("%s-%u", code_a, n / 2 + 1);

    g_assert_no_error (error);
    after = get_order (a, id);
    g_assert_cmpstr (after->number, ==, expected);
  }

  /* Found by number too. */
  {
    g_autoptr(CcOrder) by_number = get_order (a, after->number);
    g_assert_cmpstr (by_number->id, ==, after->id);
  }
}

/* Totals */

static CcOrder *
order_with (gint64 rate_bp,
            gboolean inclusive,
            const gint64 (*lines)[2],
            guint n_lines)
{
  CcOrder *order = cc_order_new ();

  order->tax_rate_bp = rate_bp;
  order->tax_inclusive = inclusive;
  for (guint i = 0; i < n_lines; i++)
    {
      CcOrderLine *line = cc_order_line_new ("p", NULL, lines[i][0]);

      line->unit_price = lines[i][1];
      g_ptr_array_add (order->lines, line);
    }
  return order;
}

static void
test_totals_exclusive (void)
{
  /* 18%: 2 × 333 = 666 → 119.88 → 120; 1 × 25 → 4.5 → 5 (half up).
   * Per line: 125; the whole subtotal at once would give 124. */
  const gint64 lines[][2] = { { 2, 333 }, { 1, 25 } };
  g_autoptr(CcOrder) order = order_with (1800, FALSE, lines, G_N_ELEMENTS (lines));
  CcOrderTotals totals;

  order->discount = 100;
  order->shipping = 50;
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.subtotal, ==, 691);
  g_assert_cmpint (totals.tax, ==, 125);
  g_assert_cmpint (totals.total, ==, 691 + 125 - 100 + 50);
  g_assert_cmpint (totals.balance, ==, totals.total);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_UNPAID);
}

static void
test_totals_inclusive (void)
{
  /* 18% inside: 118 holds 18; 100 holds 100 − 84.75… → 100 − 85 = 15. */
  const gint64 lines[][2] = { { 1, 118 }, { 1, 100 } };
  g_autoptr(CcOrder) order = order_with (1800, TRUE, lines, G_N_ELEMENTS (lines));
  /* 100% inside: 5 holds 5 − 2.5 → 5 − 3 = 2 (the net rounds half up). */
  const gint64 half[][2] = { { 1, 5 } };
  g_autoptr(CcOrder) half_order = order_with (10000, TRUE, half, 1);
  CcOrderTotals totals;

  order->shipping = 40;
  order->discount = 18;
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.subtotal, ==, 218);
  g_assert_cmpint (totals.tax, ==, 18 + 15);
  /* The tax is inside the prices: not added again. */
  g_assert_cmpint (totals.total, ==, 218 - 18 + 40);

  cc_order_compute_totals (half_order, &totals);
  g_assert_cmpint (totals.tax, ==, 2);
  g_assert_cmpint (totals.total, ==, 5);
}

static void
test_tax_captured_from_settings (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Blue vase", 11800, 0);
  g_autofree char *id = NULL;
  g_autoptr(CcOrder) order = NULL;
  CcOrderTotals totals;

  g_assert_true (cc_store_set_setting (store, "tax-rate-bp", "1800", &error));
  g_assert_true (cc_store_set_setting (store, "tax-inclusive", "true", &error));
  g_assert_no_error (error);
  id = make_order (store, product, 1);

  /* Later changes to the shop's tax leave the order as it was made. */
  g_assert_true (cc_store_set_setting (store, "tax-rate-bp", "500", &error));
  g_assert_no_error (error);
  order = get_order (store, id);
  g_assert_cmpint (order->tax_rate_bp, ==, 1800);
  g_assert_true (order->tax_inclusive);
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.tax, ==, 1800);
  g_assert_cmpint (totals.total, ==, 11800);
}

/* Lines */

static void
test_lines_price_captured (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Scarf", 120000, 3);
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autofree char *variant_id = NULL;
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(CcProduct) changed = NULL;
  g_autoptr(CcOrderLine) extra = cc_order_line_new (product, NULL, 1);
  g_autoptr(CcOrderLine) missing = cc_order_line_new ("no-such-piece", NULL, 1);
  g_autoptr(CcOrderLine) zero = cc_order_line_new (product, NULL, 0);
  g_autofree char *id = NULL;
  g_autofree char *line_id = NULL;
  gint64 outbox;

  variant->product_id = g_strdup (product);
  variant->sku = g_strdup ("SCARF-L");
  variant->price = 150000;
  cc_variant_add_option (variant, "Size", "Large");
  variant_id = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);

  g_ptr_array_add (draft->lines, cc_order_line_new (product, NULL, 1));
  g_ptr_array_add (draft->lines, cc_order_line_new (product, variant_id, 2));
  id = cc_orders_create_order (store, draft, &error);
  g_assert_no_error (error);

  /* The catalogue price changes after the order: the order keeps its own. */
  changed = cc_catalogue_get_product (store, product, &error);
  changed->price = 99;
  g_assert_true (cc_catalogue_update_product (store, changed, &error));
  g_assert_no_error (error);

  order = get_order (store, id);
  g_assert_cmpint (order->lines->len, ==, 2);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->unit_price, ==, 120000);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[1])->unit_price, ==, 150000);

  /* Bad lines change nothing. */
  outbox = cc_store_outbox_count (store);
  g_assert_null (cc_orders_add_line (store, id, missing, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cc_orders_add_line (store, id, zero, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  line_id = cc_orders_add_line (store, id, extra, &error);
  g_assert_no_error (error);
  g_assert_true (cc_orders_remove_line (store, line_id, &error));
  g_assert_no_error (error);

  /* Once confirmed, lines are fixed. The variant has no stock: made to order. */
  g_assert_true (cc_orders_set_status (store, id, CC_ORDER_CONFIRMED, TRUE, &error));
  g_assert_no_error (error);
  outbox = cc_store_outbox_count (store);
  g_assert_null (cc_orders_add_line (store, id, extra, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (cc_orders_remove_line (store, ((CcOrderLine *)order->lines->pdata[0])->id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (store, id);
  g_assert_cmpint (order->lines->len, ==, 2);
}

/* Payments */

static void
test_payments_state (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Bowl", 1000, 0);
  g_autofree char *id = make_order (store, product, 1);
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  CcOrderTotals totals;
  gint64 outbox;
  const struct { const char *method; gint64 amount; const char *date; } bad[] = {
    { "cheque", 100, NULL },
    { NULL, 100, NULL },
    { "cash", 0, NULL },
    { "cash", -5, NULL },
    { "cash", 100, "2024-02-30" },
    { "cash", 100, "31/03/2024" },
  };

  {
    g_autoptr(CcOrder) order = get_order (store, id);
    cc_order_compute_totals (order, &totals);
    g_assert_cmpint (totals.total, ==, 1000);
    g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_UNPAID);
  }

  outbox = cc_store_outbox_count (store);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (cc_orders_add_payment (store, id, bad[i].method, bad[i].amount, bad[i].date, &error));
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "payments", NULL), ==, 0);

  p1 = cc_orders_add_payment (store, id, "upi", 400, "2024-03-01", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CcOrder) order = get_order (store, id);
    cc_order_compute_totals (order, &totals);
    g_assert_cmpint (totals.paid, ==, 400);
    g_assert_cmpint (totals.balance, ==, 600);
    g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PARTLY_PAID);
  }

  p2 = cc_orders_add_payment (store, id, "cash", 600, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CcOrder) order = get_order (store, id);
    cc_order_compute_totals (order, &totals);
    g_assert_cmpint (order->payments->len, ==, 2);
    g_assert_cmpint (totals.paid, ==, 1000);
    g_assert_cmpint (totals.balance, ==, 0);
    g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);
  }
}

/* Quick sale */

static void
test_quick_sale (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Earrings", 35000, 5);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  g_autofree char *id = NULL;
  g_autofree char *where = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  CcOrderTotals totals;
  CcStockLevel level;
  guint status_writes = 0;

  g_ptr_array_add (lines, cc_order_line_new (product, NULL, 2));
  g_assert_true (cc_orders_quick_sale (store, lines, "cash", -1, &id, &error));
  g_assert_no_error (error);

  order = get_order (store, id);
  g_assert_cmpint (order->status, ==, CC_ORDER_DELIVERED);
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.total, ==, 70000);
  g_assert_cmpint (totals.paid, ==, 70000);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);
  g_assert_cmpstr (((CcPayment *)order->payments->pdata[0])->method, ==, "cash");

  level = level_of (store, product);
  g_assert_cmpint (level.on_hand, ==, 3);
  g_assert_cmpint (level.reserved, ==, 0);
  where = g_strdup_printf ("ref_id = '%s' AND reason = 'sold'", id);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", where), ==, 1);

  /* Its status register was written once, straight to delivered. */
  outbox = cc_store_outbox_list (store, 0, &error);
  for (guint i = 0; i < outbox->len; i++)
    {
      CcChange *change = g_ptr_array_index (outbox, i);

      if (g_strcmp0 (change->entity, "order") == 0 && g_strcmp0 (change->row_id, id) == 0 &&
          g_strcmp0 (change->reg, "status") == 0)
        {
          g_assert_cmpstr (change->value, ==, "\"delivered\"");
          status_writes++;
        }
    }
  g_assert_cmpuint (status_writes, ==, 1);

  /* Paid more than the total: the rest was change. Paid nothing: unpaid. */
  {
    g_autofree char *over = NULL;
    g_autofree char *credit = NULL;
    g_autoptr(CcOrder) o = NULL;
    g_autoptr(CcOrder) c = NULL;

    g_assert_true (cc_orders_quick_sale (store, lines, "upi", 100000, &over, &error));
    g_assert_true (cc_orders_quick_sale (store, lines, "cash", 0, &credit, &error));
    g_assert_no_error (error);
    o = get_order (store, over);
    cc_order_compute_totals (o, &totals);
    g_assert_cmpint (totals.paid, ==, 70000);
    c = get_order (store, credit);
    cc_order_compute_totals (c, &totals);
    g_assert_cmpint (c->payments->len, ==, 0);
    g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_UNPAID);
  }

  /* A bad sale writes nothing: no order, no stock taken. */
  {
    gint64 n = cc_store_outbox_count (store);
    g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);

    g_ptr_array_add (bad, cc_order_line_new (product, NULL, 1));
    g_ptr_array_add (bad, cc_order_line_new ("no-such-piece", NULL, 1));
    g_assert_false (cc_orders_quick_sale (store, bad, "cash", -1, NULL, &error));
    g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (cc_orders_quick_sale (store, lines, "barter", -1, NULL, &error));
    g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
    g_assert_cmpint (cc_store_outbox_count (store), ==, n);
    g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 3);
    g_assert_cmpint (level_of (store, product).on_hand, ==, -1);
  }
}

/* Customers */

static void
test_customer_validation (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  const struct { const char *name; const char *email; } bad[] = {
    { NULL, NULL },
    { "   ", "" },
    { "Asha", "not-an-email" },
    { "Asha", "asha@example" },
    { "Asha", "asha rao@example.com" },
    { "Asha", "@example.com" },
    { "Asha", "asha@@example.com" },
    { "Asha", "98450 12345" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CcCustomer) customer = cc_customer_new ();

      customer->name = g_strdup (bad[i].name);
      customer->email = g_strdup (bad[i].email);
      g_assert_null (cc_orders_create_customer (store, customer, &error));
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_cmpint (cc_store_outbox_count (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "customers", NULL), ==, 0);
}

static void
test_customer_crud (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCustomer) asha = cc_customer_new ();
  g_autoptr(CcCustomer) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  gint64 outbox;

  asha->name = g_strdup ("  Asha Rao ");
  asha->email = g_strdup ("asha@example.in");
  asha->address = g_strdup ("12 MG Road\nBengaluru 560001");
  id = cc_orders_create_customer (store, asha, &error);
  g_assert_no_error (error);

  got = cc_orders_get_customer (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Asha Rao");
  g_assert_cmpstr (got->address, ==, "12 MG Road\nBengaluru 560001");

  /* A bad update changes nothing; a good one writes only what changed. */
  outbox = cc_store_outbox_count (store);
  g_free (got->email);
  got->email = g_strdup ("asha at example");
  g_assert_false (cc_orders_update_customer (store, got, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  g_free (got->email);
  got->email = g_strdup ("asha@example.in");
  g_free (got->phone);
  got->phone = g_strdup ("+91 98450 12345");
  g_assert_true (cc_orders_update_customer (store, got, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 1);

  list = cc_orders_list_customers (store);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CcCustomer *)list->pdata[0])->phone, ==, "+91 98450 12345");

  /* An order for an unknown customer is refused. */
  {
    g_autoptr(CcOrder) draft = cc_order_new ();

    draft->customer_id = g_strdup ("nobody");
    g_assert_null (cc_orders_create_order (store, draft, &error));
    g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_true (cc_orders_delete_customer (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (cc_orders_get_customer (store, id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cc_orders_list_customers (store);
  g_assert_cmpuint (list->len, ==, 0);
}

/* Migration */

static void
test_migrate_from_v3 (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autofree char *order = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 3;"
                                 "INSERT INTO meta VALUES ('device_id', '0190a000-0000-7000-8000-00000000beef');"
                                 "INSERT INTO products (id, sku, price, currency, title) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000aa', 'VASE-1', 45000, 'INR', 'Blue vase');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'en', 'Blue vase', '');"
                                 "INSERT INTO stock_moves (id, product_id, delta, bucket, reason) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000bb', '0190a000-0000-7000-8000-0000000000aa', 4, 0, 'made');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  product = cc_catalogue_get_product (store, "VASE-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (level_of (store, product->id).on_hand, ==, 4);

  /* The new tables work on the migrated shop; its code is from its id. */
  order = make_order (store, "VASE-1", 1);
  {
    g_autoptr(CcOrder) got = get_order (store, order);
    g_assert_cmpstr (got->number, ==, "BEEF-1");
    g_assert_cmpstr (((CcOrderLine *)got->lines->pdata[0])->product_id, ==, product->id);
  }
  set_status_ok (store, order, CC_ORDER_CONFIRMED);
  g_assert_cmpint (level_of (store, product->id).available, ==, 3);
}

/* A status no machine knows, arriving from elsewhere, is refused whole. */
static void
test_apply_refuses_unknown_status (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);

  {
    g_autoptr(CcOrder) draft = cc_order_new ();
    id = cc_orders_create_order (a, draft, &error);
    g_assert_no_error (error);
  }
  changes = cc_store_outbox_list (a, 0, &error);
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = cc_change_copy (g_ptr_array_index (changes, i));

      if (g_strcmp0 (change->reg, "status") == 0)
        {
          g_free (change->value);
          change->value = g_strdup ("\"lost\"");
        }
      g_ptr_array_add (batch, change);
    }
  g_assert_false (cc_store_apply_changes (b, batch, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpint (cc_test_count_rows (b, "orders", NULL), ==, 0);
}

static void
test_update_and_delete_order (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *product = make_product (store, "Bowl", 1000, 5);
  g_autofree char *pending = make_order (store, product, 1);
  g_autofree char *confirmed = make_order (store, product, 1);
  g_autoptr(CcOrder) order = get_order (store, pending);
  g_autoptr(CcOrder) again = NULL;
  gint64 outbox;

  outbox = cc_store_outbox_count (store);
  order->discount = 150;
  g_free (order->notes);
  order->notes = g_strdup ("Gift wrap");
  g_assert_true (cc_orders_update_order (store, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 2);
  again = get_order (store, pending);
  g_assert_cmpint (again->discount, ==, 150);
  g_assert_cmpstr (again->notes, ==, "Gift wrap");

  outbox = cc_store_outbox_count (store);
  order->discount = -1;
  g_assert_false (cc_orders_update_order (store, order, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  /* A confirmed order holds stock: cancel it first. */
  set_status_ok (store, confirmed, CC_ORDER_CONFIRMED);
  outbox = cc_store_outbox_count (store);
  g_assert_false (cc_orders_delete_order (store, confirmed, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  g_assert_true (cc_orders_delete_order (store, pending, &error));
  g_assert_no_error (error);
  g_assert_null (cc_orders_get_order (store, pending, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) all = cc_orders_list_orders (store);
    g_assert_cmpuint (all->len, ==, 1);
    g_assert_cmpstr (((CcOrder *)all->pdata[0])->id, ==, confirmed);
  }
}

/* Below cost */

static char *
buy_material (CcStore    *store,
              const char *name,
              gint64      quantity_mg,
              gint64      cost)
{
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  material->name = g_strdup (name);
  g_free (material->unit);
  material->unit = g_strdup ("g");
  id = cc_materials_add_material (store, material, &error);
  g_assert_no_error (error);
  if (quantity_mg > 0)
    {
      g_autoptr(CcPurchase) purchase = cc_purchase_new ();
      g_autofree char *purchase_id = NULL;

      purchase->material_id = g_strdup (id);
      purchase->quantity = quantity_mg;
      purchase->cost = cost;
      purchase->currency = g_strdup ("INR");
      purchase->date = g_strdup ("2024-02-01");
      purchase_id = cc_materials_add_purchase (store, purchase, &error);
      g_assert_no_error (error);
    }
  return id;
}

static void
set_recipe (CcStore    *store,
            const char *product_id,
            const char *variant_id,
            const char *material_id,
            gint64      quantity_mg,
            gint64      labour_minutes)
{
  g_autoptr(CcRecipe) recipe = cc_recipe_new ();
  g_autoptr(GError) error = NULL;

  recipe->product_id = g_strdup (product_id);
  recipe->variant_id = g_strdup (variant_id);
  recipe->labour_minutes = labour_minutes;
  cc_recipe_add_line (recipe, material_id, quantity_mg);
  g_assert_true (cc_materials_set_recipe (store, recipe, &error));
  g_assert_no_error (error);
}

static void
test_price_below_cost (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *mug = make_product (store, "Clay Mug", 10000, 0);
  g_autofree char *plain = make_product (store, "Plain Cup", 100, 0);
  g_autofree char *clay = buy_material (store, "Clay", 3000, 100);
  g_autoptr(GError) error = NULL;
  gint64 cost = 0;

  /* 1 g of clay at ₹1.00 for 3 g: 33.33 paise, rounded half up to 33;
   * 2 g: 66.67, rounded to 67. */
  set_recipe (store, mug, NULL, clay, 1000, 0);
  g_assert_true (cc_orders_price_below_cost (store, mug, NULL, 32, &cost));
  g_assert_cmpint (cost, ==, 33);
  g_assert_false (cc_orders_price_below_cost (store, mug, NULL, 33, &cost));
  g_assert_cmpint (cost, ==, 33);
  set_recipe (store, mug, NULL, clay, 2000, 0);
  g_assert_true (cc_orders_price_below_cost (store, mug, NULL, 66, &cost));
  g_assert_cmpint (cost, ==, 67);

  /* No recipe: no cost, so nothing is below it — even a price of 0. */
  g_assert_false (cc_orders_price_below_cost (store, plain, NULL, 0, &cost));
  g_assert_cmpint (cost, ==, -1);

  /* Labour without a fair wage set is an unknown cost, never zero: a price
   * above the materials alone is not called fine or below. */
  set_recipe (store, mug, NULL, clay, 1000, 60);
  g_assert_false (cc_orders_price_below_cost (store, mug, NULL, 0, &cost));
  g_assert_cmpint (cost, ==, -1);
  g_assert_true (cc_store_set_setting (store, "fair-wage", "6000", &error));
  g_assert_no_error (error);
  g_assert_true (cc_orders_price_below_cost (store, mug, NULL, 6032, &cost));
  g_assert_cmpint (cost, ==, 6033);
}

static void
test_check_below_cost (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *kurta = make_product (store, "Kurta", 50000, 10);
  g_autofree char *cup = make_product (store, "Cup", 100, 10);
  g_autofree char *cotton = buy_material (store, "Cotton", 1000, 100000);
  g_autofree char *silk = buy_material (store, "Silk", 0, 0);
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autofree char *large = NULL;
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cost;

  variant->product_id = g_strdup (kurta);
  variant->sku = g_strdup ("KURTA-L");
  variant->price = 30000;
  cc_variant_add_option (variant, "Size", "Large");
  large = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);

  /* The product's recipe costs ₹200.00; the large size has its own of
   * ₹400.00, above its own price of ₹300.00. */
  set_recipe (store, kurta, NULL, cotton, 200, 0);
  set_recipe (store, kurta, large, cotton, 400, 0);
  /* The cup's material was never bought: its cost is unknown. */
  set_recipe (store, cup, NULL, silk, 1000, 0);

  g_assert_true (cc_orders_price_below_cost (store, kurta, large, 30000, &cost));
  g_assert_cmpint (cost, ==, 40000);
  g_assert_false (cc_orders_price_below_cost (store, kurta, NULL, 50000, &cost));
  g_assert_cmpint (cost, ==, 20000);
  g_assert_false (cc_orders_price_below_cost (store, cup, NULL, 0, &cost));
  g_assert_cmpint (cost, ==, -1);

  /* Lines: the large kurta at the catalogue's price (-1), the plain kurta
   * priced down to ₹150.00, and the cup given away. */
  g_ptr_array_add (order->lines, cc_order_line_new (kurta, large, 1));
  g_ptr_array_add (order->lines, cc_order_line_new (kurta, NULL, 2));
  ((CcOrderLine *)g_ptr_array_index (order->lines, 1))->unit_price = 15000;
  g_ptr_array_add (order->lines, cc_order_line_new (cup, NULL, 1));
  ((CcOrderLine *)g_ptr_array_index (order->lines, 2))->unit_price = 0;

  warnings = cc_orders_check_below_cost (store, order);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "Kurta — Size: Large is priced ₹300.00, below its cost of ₹400.00");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==,
                   "Kurta is priced ₹150.00, below its cost of ₹200.00");
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A stored order is checked at the prices it captured. */
  {
    g_autofree char *id = NULL;
    g_autoptr(CcOrder) stored = NULL;

    ((CcOrderLine *)g_ptr_array_index (order->lines, 1))->unit_price = 25000;
    id = cc_orders_create_order (store, order, &error);
    g_assert_no_error (error);
    stored = get_order (store, id);
    warnings = cc_orders_check_below_cost (store, stored);
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "Size: Large"));
  }
}

/* Invoice numbers */

static char *
invoice_ok (CcStore    *store,
            const char *order_id)
{
  g_autoptr(GError) error = NULL;
  char *number = cc_orders_issue_invoice_number (store, order_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (number);
  return number;
}

static char *
confirmed_order (CcStore    *store,
                 const char *product_id)
{
  char *id = make_order (store, product_id, 1);

  set_status_ok (store, id, CC_ORDER_CONFIRMED);
  return id;
}

/* Orders deleted or cancelled between invoices, orders never invoiced and
 * an order invoiced twice leave no hole in the series. */
static void
test_invoice_series_gapless (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *code = cc_orders_dup_device_code (store);
  g_autofree char *mug = make_product (store, "Mug", 50000, 100);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *pending = make_order (store, mug, 1);
      g_autofree char *invoiced = confirmed_order (store, mug);
      g_autofree char *cancelled = confirmed_order (store, mug);
      g_autofree char *number = invoice_ok (store, invoiced);
      g_autofree char *again = invoice_ok (store, invoiced);

      /* The same order keeps its number. */
      g_assert_cmpstr (again, ==, number);
      g_ptr_array_add (numbers, g_steal_pointer (&number));

      g_assert_true (cc_orders_delete_order (store, pending, &error));
      set_status_ok (store, cancelled, CC_ORDER_CANCELLED);
      g_assert_true (cc_orders_delete_order (store, cancelled, &error));
      g_assert_no_error (error);
    }

  /* A cancelled invoice keeps its number; the next order gets the next. */
  {
    g_autofree char *third_id = NULL;
    g_autofree char *next_id = confirmed_order (store, mug);
    g_autofree char *next = NULL;
    g_autoptr(GPtrArray) orders = cc_orders_list_orders (store);

    for (guint i = 0; i < orders->len; i++)
      {
        CcOrder *order = g_ptr_array_index (orders, i);

        if (g_strcmp0 (order->invoice_number, g_ptr_array_index (numbers, 2)) == 0)
          third_id = g_strdup (order->id);
      }
    g_assert_nonnull (third_id);
    set_status_ok (store, third_id, CC_ORDER_CANCELLED);
    next = invoice_ok (store, next_id);
    g_ptr_array_add (numbers, g_steal_pointer (&next));
    {
      g_autofree char *still = invoice_ok (store, third_id);
      g_assert_cmpstr (still, ==, g_ptr_array_index (numbers, 2));
    }
  }

  for (guint i = 0; i < numbers->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s-%u", code, i + 1);

      g_assert_cmpstr (g_ptr_array_index (numbers, i), ==, expected);
    }
  /* Invoice numbers are their own series, apart from order numbers. */
  g_assert_cmpint (cc_test_count_rows (store, "orders", "invoice_number != ''"), ==, 7);
}

static void
test_invoice_refused_when_pending (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *mug = make_product (store, "Mug", 50000, 10);
  g_autofree char *pending = make_order (store, mug, 1);
  g_autofree char *cancelled = make_order (store, mug, 1);
  g_autofree char *confirmed = NULL;
  g_autofree char *number = NULL;
  g_autofree char *code = cc_orders_dup_device_code (store);
  g_autofree char *first = g_strdup_printf ("%s-1", code);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  gint64 outbox, registers;

  set_status_ok (store, cancelled, CC_ORDER_CANCELLED);
  outbox = cc_store_outbox_count (store);
  registers = cc_test_count_rows (store, "registers", NULL);

  g_assert_null (cc_orders_issue_invoice_number (store, pending, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (cc_orders_issue_invoice_number (store, cancelled, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (cc_orders_issue_invoice_number (store, "NOPE-1", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing written: no register, no outbox row, no counter. */
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "registers", NULL), ==, registers);
  g_assert_cmpint (cc_test_count_rows (store, "invoice_counters", NULL), ==, 0);
  order = get_order (store, pending);
  g_assert_cmpstr (order->invoice_number, ==, "");

  /* So the first invoice is still number 1. */
  confirmed = confirmed_order (store, mug);
  number = invoice_ok (store, confirmed);
  g_assert_cmpstr (number, ==, first);
}

/* Two devices invoicing offline never hand out the same number, each
 * series stays gapless, and the numbers travel with the orders. */
static void
test_invoice_two_devices (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autofree char *mug = make_product (a, "Mug", 50000, 100);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) from_a = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *code_a = cc_orders_dup_device_code (a);
  g_autofree char *code_b = cc_orders_dup_device_code (b);

  sync_to (a, b);
  for (guint i = 0; i < 10; i++)
    {
      CcStore *store = i % 2 ? b : a;
      g_autofree char *id = confirmed_order (store, mug);
      g_autofree char *number = invoice_ok (store, id);
      g_autofree char *expected = g_strdup_printf ("%s-%u", i % 2 ? code_b : code_a, i / 2 + 1);

      g_assert_cmpstr (number, ==, expected);
      g_assert_false (g_hash_table_contains (seen, number));
      g_hash_table_add (seen, g_strdup (number));
      if (store == a)
        g_ptr_array_add (from_a, g_steal_pointer (&id));
    }

  sync_to (a, b);
  sync_to (b, a);
  g_assert_cmpint (cc_test_count_rows (a, "orders", "invoice_number != ''"), ==, 10);
  g_assert_cmpint (cc_test_count_rows (b, "orders", "invoice_number != ''"), ==, 10);

  /* B knows A's invoices by their numbers; invoicing one again on B keeps
   * it, and B's own series goes on without a gap. */
  {
    g_autoptr(CcOrder) on_b = get_order (b, g_ptr_array_index (from_a, 0));
    g_autofree char *kept = invoice_ok (b, on_b->id);
    g_autofree char *id = confirmed_order (b, mug);
    g_autofree char *next = invoice_ok (b, id);
    g_autofree char *expected_kept = g_strdup_printf ("%s-1", code_a);
    g_autofree char *expected_next = g_strdup_printf ("%s-6", code_b);

    g_assert_cmpstr (on_b->invoice_number, ==, expected_kept);
    g_assert_cmpstr (kept, ==, expected_kept);
    g_assert_cmpstr (next, ==, expected_next);
  }

  /* A lost counter (a shop file from elsewhere) resumes after the highest. */
  g_assert_true (sqlite3_exec (cc_store_get_db (a), "DELETE FROM invoice_counters", NULL, NULL, NULL) == SQLITE_OK);
  {
    g_autofree char *id = confirmed_order (a, mug);
    g_autofree char *number = invoice_ok (a, id);
    g_autofree char *expected = g_strdup_printf ("%s-6", code_a);

    g_assert_cmpstr (number, ==, expected);
  }
}

static void
test_quick_sale_invoiced (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *mug = make_product (store, "Mug", 50000, 10);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  g_autofree char *code = cc_orders_dup_device_code (store);
  g_autofree char *expected = g_strdup_printf ("%s-1", code);
  g_autofree char *sale = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (lines, cc_order_line_new (mug, NULL, 2));
  g_assert_true (cc_orders_quick_sale (store, lines, "cash", -1, &sale, &error));
  g_assert_no_error (error);
  order = get_order (store, sale);
  g_assert_cmpstr (order->invoice_number, ==, expected);
  again = invoice_ok (store, sale);
  g_assert_cmpstr (again, ==, expected);
}

/* A version-5 shop with orders in it opens at the current version with the
 * orders intact, ready to invoice. */
static void
test_migrate_from_v5 (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *number = NULL;
  g_autofree char *created = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 5;"
                                 "INSERT INTO meta VALUES ('device_id', '0190a000-0000-7000-8000-00000000cafe');"
                                 "INSERT INTO products (id, sku, price, currency, title, status) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000aa', 'BOWL-1', 30000, 'INR', 'Bowl', 'active');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'en', 'Bowl', '');"
                                 "INSERT INTO stock_moves (id, product_id, delta, bucket, reason) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000bb', '0190a000-0000-7000-8000-0000000000aa', 5, 0, 'made');"
                                 "INSERT INTO orders (id, number, status, currency, shipping, created) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000c1', 'CAFE-1', 'confirmed', 'INR', 5000, '2025-01-02T10:00:00Z'),"
                                 "         ('0190a000-0000-7000-8000-0000000000c2', 'CAFE-2', 'pending', 'INR', 0, '2025-01-03T10:00:00Z');"
                                 "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price, position) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000d1', '0190a000-0000-7000-8000-0000000000c1', "
                                 "          '0190a000-0000-7000-8000-0000000000aa', 2, 30000, 0);"
                                 "INSERT INTO payments (id, order_id, method, amount, date) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000e1', '0190a000-0000-7000-8000-0000000000c1', 'upi', 65000, '2025-01-02');"
                                 "INSERT INTO order_counters VALUES ('0190a000-0000-7000-8000-00000000cafe', 3);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (CC_STORE_SCHEMA_VERSION, >=, 7);

  order = get_order (store, "CAFE-1");
  g_assert_cmpstr (order->id, ==, "0190a000-0000-7000-8000-0000000000c1");
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  g_assert_cmpint (order->shipping, ==, 5000);
  g_assert_cmpstr (order->created, ==, "2025-01-02T10:00:00Z");
  g_assert_cmpstr (order->invoice_number, ==, "");
  g_assert_cmpuint (order->lines->len, ==, 1);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->quantity, ==, 2);
  g_assert_cmpuint (order->payments->len, ==, 1);
  g_assert_cmpint (((CcPayment *)order->payments->pdata[0])->amount, ==, 65000);
  g_assert_cmpint (order_status (store, "CAFE-2"), ==, CC_ORDER_PENDING);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 2);

  /* The migrated shop invoices from 1 and numbers orders after its counter. */
  number = invoice_ok (store, order->id);
  g_assert_cmpstr (number, ==, "CAFE-1");
  created = make_order (store, "BOWL-1", 1);
  {
    g_autoptr(CcOrder) got = get_order (store, created);
    g_assert_cmpstr (got->number, ==, "CAFE-3");
  }
}

/* Create and Confirm */

static void
test_create_confirmed (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *vase = make_product (store, "Blue vase", 45000, 3);
  g_autofree char *bowl = make_product (store, "Bowl", 20000, 5);
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *short_id = NULL;
  g_autofree char *code = cc_orders_dup_device_code (store);
  g_autofree char *second = g_strdup_printf ("%s-2", code);
  gint64 outbox;

  g_ptr_array_add (draft->lines, cc_order_line_new (vase, NULL, 2));
  g_ptr_array_add (draft->lines, cc_order_line_new (bowl, NULL, 1));
  id = cc_orders_create_confirmed_order (store, draft, FALSE, &error);
  g_assert_no_error (error);
  order = get_order (store, id);
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  g_assert_cmpint (level_of (store, vase).reserved, ==, 2);
  g_assert_cmpint (level_of (store, bowl).reserved, ==, 1);

  /* The reservations carry the ids cc_orders_set_status would give, so a
   * device confirming the same order again adds nothing. */
  for (guint i = 0; i < order->lines->len; i++)
    {
      CcOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *name = g_strdup_printf ("%s/%s/reserve", order->id, line->id);
      g_autofree char *move_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);
      g_autofree char *where = g_strdup_printf ("id = '%s' AND bucket = 1", move_id);

      g_assert_cmpint (cc_test_count_rows (store, "stock_moves", where), ==, 1);
    }

  /* More than is available: refused whole, the number not used up. */
  outbox = cc_store_outbox_count (store);
  g_ptr_array_set_size (draft->lines, 0);
  g_ptr_array_add (draft->lines, cc_order_line_new (bowl, NULL, 1));
  g_ptr_array_add (draft->lines, cc_order_line_new (vase, NULL, 2));
  g_assert_null (cc_orders_create_confirmed_order (store, draft, FALSE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Blue vase"));
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 1);
  g_assert_cmpint (level_of (store, bowl).reserved, ==, 1);

  /* Made to order, it goes through, numbered next. */
  short_id = cc_orders_create_confirmed_order (store, draft, TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CcOrder) made = get_order (store, short_id);
    g_assert_cmpstr (made->number, ==, second);
  }
  g_assert_cmpint (level_of (store, vase).available, ==, -1);
}

/* A new order sends only registers that differ from a new row's defaults;
 * the other device still sees every field as the sender does. */
static void
test_new_order_fields_travel (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autofree char *product = make_product (a, "Mug", 50000, 10);
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(CcOrder) plain = cc_order_new ();
  g_autoptr(CcOrder) full = cc_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *plain_id = NULL;
  g_autofree char *full_id = NULL;
  const char *ids[2];

  customer->name = g_strdup ("Asha");
  customer_id = cc_orders_create_customer (a, customer, &error);
  g_assert_no_error (error);

  g_ptr_array_add (plain->lines, cc_order_line_new (product, NULL, 1));
  ((CcOrderLine *)g_ptr_array_index (plain->lines, 0))->unit_price = 0;
  plain->tax_rate_bp = 0;
  plain_id = cc_orders_create_order (a, plain, &error);
  g_assert_no_error (error);

  full->customer_id = g_strdup (customer_id);
  full->discount = 500;
  full->shipping = 7000;
  full->tax_rate_bp = 1200;
  full->tax_inclusive = TRUE;
  full->notes = g_strdup ("Gift wrap\tplease \"now\"\x01");
  g_ptr_array_add (full->lines, cc_order_line_new (product, NULL, 3));
  g_ptr_array_add (full->lines, cc_order_line_new (product, NULL, 1));
  full_id = cc_orders_create_confirmed_order (a, full, FALSE, &error);
  g_assert_no_error (error);

  sync_to (a, b);
  ids[0] = plain_id;
  ids[1] = full_id;
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autoptr(CcOrder) on_a = get_order (a, ids[k]);
      g_autoptr(CcOrder) on_b = get_order (b, ids[k]);
      CcOrderTotals ta, tb;

      g_assert_cmpstr (on_b->number, ==, on_a->number);
      g_assert_cmpstr (on_b->customer_id, ==, on_a->customer_id);
      g_assert_cmpint (on_b->status, ==, on_a->status);
      g_assert_cmpstr (on_b->currency, ==, on_a->currency);
      g_assert_cmpint (on_b->discount, ==, on_a->discount);
      g_assert_cmpint (on_b->shipping, ==, on_a->shipping);
      g_assert_cmpint (on_b->tax_rate_bp, ==, on_a->tax_rate_bp);
      g_assert_cmpint (on_b->tax_inclusive, ==, on_a->tax_inclusive);
      g_assert_cmpstr (on_b->notes, ==, on_a->notes);
      g_assert_cmpstr (on_b->created, ==, on_a->created);
      g_assert_cmpuint (on_b->lines->len, ==, on_a->lines->len);
      for (guint i = 0; i < on_a->lines->len; i++)
        {
          CcOrderLine *la = g_ptr_array_index (on_a->lines, i);
          CcOrderLine *lb = g_ptr_array_index (on_b->lines, i);

          g_assert_cmpstr (lb->id, ==, la->id);
          g_assert_cmpstr (lb->product_id, ==, la->product_id);
          g_assert_cmpint (lb->quantity, ==, la->quantity);
          g_assert_cmpint (lb->unit_price, ==, la->unit_price);
          g_assert_cmpint (lb->position, ==, la->position);
        }
      cc_order_compute_totals (on_a, &ta);
      cc_order_compute_totals (on_b, &tb);
      g_assert_cmpint (tb.total, ==, ta.total);
    }
  g_assert_cmpint (level_of (b, product).reserved, ==, 4);
}

/* Values reach the outbox as json-glib writes them, escapes and all, so
 * two devices' texts of the same value compare equal in a merge. */
static void
test_values_written_as_json_glib (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GString) text = g_string_new ("quote \" back \\ é ह ");
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *id = NULL;
  guint checked = 0;

  for (int c = 1; c < 128; c++)
    g_string_append_c (text, (char)c);
  customer->name = g_strdup ("Ravi");
  customer->notes = g_strdup (text->str);
  customer->phone = g_strdup ("");
  id = cc_orders_create_customer (store, customer, &error);
  g_assert_no_error (error);

  outbox = cc_store_outbox_list (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      CcChange *change = g_ptr_array_index (outbox, i);
      g_autoptr(JsonNode) node = json_from_string (change->value, &error);
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      expected = json_to_string (node, FALSE);
      g_assert_cmpstr (change->value, ==, expected);
      if (g_strcmp0 (change->reg, "notes") == 0)
        {
          g_autofree char *normalized = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);
          g_assert_cmpstr (json_node_get_string (node), ==, normalized);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 1);

  /* Integers and booleans too. */
  g_assert_true (cc_orders_delete_customer (store, id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) all = cc_store_outbox_list (store, 0, &error);
    CcChange *last = g_ptr_array_index (all, all->len - 1);

    g_assert_cmpstr (last->reg, ==, "deleted");
    g_assert_cmpstr (last->value, ==, "true");
  }
}

/* A register write that fails after changing a row, inside a caller's
 * transaction, can only be rolled back: committing it is refused and
 * nothing is kept. One that fails before changing anything is harmless. */
static void
test_half_done_write_never_commits (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cc_store_get_db (store);
  gint64 outbox = cc_store_outbox_count (store);
  const char *first = "0190a000-0000-7000-8000-000000000001";
  const char *second = "0190a000-0000-7000-8000-000000000002";

  /* Refused before anything is written: the rest still commits. */
  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_write (store, "order", first, "notes", cc_value_string ("kept"), &error));
  g_assert_false (cc_store_write (store, "order", first, "status", cc_value_string ("lost"), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (cc_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_test_count_rows (store, "orders", "notes = 'kept'"), ==, 1);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 1);

  /* The row changes, then recording its register fails. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.registers "
                                 "WHEN new.row_id = '0190a000-0000-7000-8000-000000000002' "
                                 "BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_write (store, "order", first, "notes", cc_value_string ("changed"), &error));
  g_assert_false (cc_store_write (store, "order", second, "notes", cc_value_string ("torn"), &error));
  g_clear_error (&error);
  g_assert_false (cc_store_commit (store, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (store, "orders", "notes = 'kept'"), ==, 1);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 1);

  /* Rolled back in its own savepoint, the rest of the transaction stands. */
  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_write (store, "order", first, "notes", cc_value_string ("changed"), &error));
  g_assert_true (cc_store_begin (store, &error));
  g_assert_false (cc_store_write (store, "order", second, "notes", cc_value_string ("torn"), &error));
  g_clear_error (&error);
  cc_store_rollback (store);
  g_assert_true (cc_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (store, "orders", "notes = 'changed'"), ==, 1);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 2);

  /* And the next transaction is unaffected. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER temp.refuse;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (cc_store_write (store, "order", second, "notes", cc_value_string ("fine"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (CcOrderStatus from = 0; from < CC_ORDER_N_STATUSES; from++)
    {
      g_autofree char *path = g_strdup_printf ("/core/orders/status/from-%s", cc_order_status_to_string (from));
      g_test_add_data_func (path, GUINT_TO_POINTER (from), test_transitions_from);
    }
  g_test_add_func ("/core/orders/status/shipped-cannot-cancel", test_shipped_cannot_cancel_message);
  g_test_add_func ("/core/orders/effects/confirm-ship-return", test_effects_confirm_ship_return);
  g_test_add_func ("/core/orders/effects/cancel-releases", test_effects_cancel_releases);
  g_test_add_func ("/core/orders/effects/confirm-more-than-available", test_confirm_more_than_available);
  g_test_add_func ("/core/orders/effects/two-devices-one-reservation", test_two_devices_one_reservation);
  g_test_add_func ("/core/orders/numbers/unique", test_numbers_unique);
  g_test_add_func ("/core/orders/totals/exclusive", test_totals_exclusive);
  g_test_add_func ("/core/orders/totals/inclusive", test_totals_inclusive);
  g_test_add_func ("/core/orders/totals/tax-captured-from-settings", test_tax_captured_from_settings);
  g_test_add_func ("/core/orders/lines/price-captured", test_lines_price_captured);
  g_test_add_func ("/core/orders/payments/state", test_payments_state);
  g_test_add_func ("/core/orders/quick-sale", test_quick_sale);
  g_test_add_func ("/core/orders/customers/validation", test_customer_validation);
  g_test_add_func ("/core/orders/customers/crud", test_customer_crud);
  g_test_add_func ("/core/orders/migrate-from-v3", test_migrate_from_v3);
  g_test_add_func ("/core/orders/apply-refuses-unknown-status", test_apply_refuses_unknown_status);
  g_test_add_func ("/core/orders/update-and-delete", test_update_and_delete_order);
  g_test_add_func ("/core/orders/below-cost/price", test_price_below_cost);
  g_test_add_func ("/core/orders/below-cost/order", test_check_below_cost);
  g_test_add_func ("/core/orders/invoice/series-gapless", test_invoice_series_gapless);
  g_test_add_func ("/core/orders/invoice/refused-when-pending", test_invoice_refused_when_pending);
  g_test_add_func ("/core/orders/invoice/two-devices", test_invoice_two_devices);
  g_test_add_func ("/core/orders/invoice/quick-sale", test_quick_sale_invoiced);
  g_test_add_func ("/core/orders/migrate-from-v5", test_migrate_from_v5);
  g_test_add_func ("/core/orders/create-confirmed", test_create_confirmed);
  g_test_add_func ("/core/orders/new-order-fields-travel", test_new_order_fields_travel);
  g_test_add_func ("/core/orders/values-written-as-json-glib", test_values_written_as_json_glib);
  g_test_add_func ("/core/orders/half-done-write-never-commits", test_half_done_write_never_commits);

  return g_test_run ();
}
