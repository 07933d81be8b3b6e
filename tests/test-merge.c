/* test-merge.c — merges that are not plain last-writer-wins, between stores exchanging changes directly.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two or three stores, no server: a store's outbox rows are read as
 * CcChange and applied to the others with cc_store_apply_changes(), in
 * every order that matters and twice over.
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-orders.h"
#include "cc-store.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

/* Exchanging changes */

/* The changes a store made that are still in its outbox. */
static GPtrArray *
outbox_of (CcStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = cc_store_outbox_list (store, 0, &error);

  g_assert_no_error (error);
  return changes;
}

static void
apply_ok (CcStore   *store,
          GPtrArray *changes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_apply_changes (store, changes, &error));
  g_assert_no_error (error);
}

/* A stand-in for the server: a log every store pushes its outbox to and
 * pulls everything from, in log order (each change after those it was
 * written on). */
typedef struct
{
  GPtrArray *log;   /* CcChange* */
} Relay;

static void
relay_clear (Relay *relay)
{
  g_clear_pointer (&relay->log, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Relay, relay_clear)

static void
relay_push (Relay   *relay,
            CcStore *store)
{
  g_autoptr(GPtrArray) changes = outbox_of (store);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (relay->log == NULL)
    relay->log = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      g_ptr_array_add (relay->log, cc_change_copy (change));
      g_ptr_array_add (ids, change->change_id);
    }
  g_assert_true (cc_store_outbox_remove (store, (const char **)ids->pdata, ids->len, &error));
  g_assert_no_error (error);
}

static void
relay_pull (Relay   *relay,
            CcStore *store)
{
  if (relay->log != NULL)
    apply_ok (store, relay->log);
}

/* Push and pull everyone until no outbox holds anything (pulls can make
 * rows — a reversed release, say — that travel on the next round). */
static void
relay_settle (Relay    *relay,
              CcStore **stores,
              guint     n)
{
  for (guint round = 0; round < 10; round++)
    {
      gint64 pending = 0;

      for (guint i = 0; i < n; i++)
        relay_push (relay, stores[i]);
      for (guint i = 0; i < n; i++)
        relay_pull (relay, stores[i]);
      for (guint i = 0; i < n; i++)
        pending += cc_store_outbox_count (stores[i]);
      if (pending == 0)
        return;
    }
  g_assert_not_reached ();
}

/* Comparing replicas */

static char *
dump_query (CcStore    *store,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s|", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
dump_conflicts (CcStore *store)
{
  return dump_query (store,
                     "SELECT entity, row_id, reg, change_id, value, hlc, device, winner_change_id, "
                     "winner_value, settled FROM conflicts ORDER BY entity, row_id, reg, change_id");
}

static char *
dump_state (CcStore *store)
{
  g_autofree char *rows = dump_query (store,
                                      "SELECT entity, row_id, reg, value FROM registers "
                                      "ORDER BY entity, row_id, reg");
  g_autofree char *orders = dump_query (store, "SELECT id, status, deleted FROM orders ORDER BY id");
  g_autofree char *categories = dump_query (store, "SELECT id, parent_id FROM categories ORDER BY id");
  g_autofree char *moves = dump_query (store,
                                       "SELECT id, product_id, delta, bucket, reason FROM stock_moves ORDER BY id");
  g_autofree char *products = dump_query (store, "SELECT id, sku, deleted FROM products ORDER BY id");
  g_autofree char *conflicts = dump_conflicts (store);

  return g_strconcat (rows, "--\n", orders, "--\n", categories, "--\n", moves, "--\n",
                      products, "--\n", conflicts, NULL);
}

static void
assert_same (CcStore **stores,
             guint     n)
{
  g_autofree char *first = dump_state (stores[0]);

  for (guint i = 1; i < n; i++)
    {
      g_autofree char *other = dump_state (stores[i]);

      g_assert_cmpstr (first, ==, other);
    }
}

/* Making things */

static char *
make_product (CcStore    *store,
              const char *title,
              const char *sku,
              gint64      stock)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->sku = g_strdup (sku);
  product->price = 1500;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  if (stock > 0)
    {
      g_assert_true (cc_inventory_adjust (store, id, NULL, stock, "count", NULL, &error));
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
  return id;
}

static void
set_status_ok (CcStore       *store,
               const char    *order_id,
               CcOrderStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_orders_set_status (store, order_id, status, TRUE, &error));
  g_assert_no_error (error);
}

static CcOrderStatus
status_of (CcStore    *store,
           const char *order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = cc_orders_get_order (store, order_id, &error);

  g_assert_no_error (error);
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

static guint
count_conflicts (CcStore    *store,
                 const char *entity,
                 const char *reg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = cc_store_conflicts_list_full (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      CcConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (conflict->entity, entity) == 0 && g_strcmp0 (conflict->reg, reg) == 0)
        n++;
    }
  return n;
}

/* Order status */

typedef struct
{
  const char *name;
  gboolean    ship_first;    /* which device acts first, by clock */
  gboolean    shipped_first; /* which batch arrives first */
} ShipCancelCase;

static const ShipCancelCase ship_cancel_cases[] = {
  { "ship-then-cancel/shipped-arrives-first", TRUE, TRUE },
  { "ship-then-cancel/cancel-arrives-first", TRUE, FALSE },
  { "cancel-then-ship/shipped-arrives-first", FALSE, TRUE },
  { "cancel-then-ship/cancel-arrives-first", FALSE, FALSE },
};

/* One device ships, the other cancels the same confirmed order while they
 * are apart: shipped wins everywhere, the release is reversed once, a
 * conflict is shown, and the stock is what shipping implies. */
static void
test_ship_beats_cancel (gconstpointer data)
{
  const ShipCancelCase *test_case = data;
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  CcStore *stores[] = { a, b };
  g_auto(Relay) relay = { 0 };
  g_autofree char *product = make_product (a, "Clay mug", "MUG-01", 5);
  g_autofree char *order = make_order (a, product, 2);
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;
  g_autofree char *where = NULL;
  CcStockLevel level;

  set_status_ok (a, order, CC_ORDER_CONFIRMED);
  relay_settle (&relay, stores, 2);
  g_assert_cmpint (level_of (b, product).reserved, ==, 2);

  if (test_case->ship_first)
    {
      set_status_ok (a, order, CC_ORDER_SHIPPED);
      set_status_ok (b, order, CC_ORDER_CANCELLED);
    }
  else
    {
      set_status_ok (b, order, CC_ORDER_CANCELLED);
      set_status_ok (a, order, CC_ORDER_SHIPPED);
    }
  from_a = outbox_of (a);
  from_b = outbox_of (b);

  if (test_case->shipped_first)
    {
      apply_ok (b, from_a);
      apply_ok (a, from_b);
    }
  else
    {
      apply_ok (a, from_b);
      apply_ok (b, from_a);
    }
  /* The same batches again change nothing. */
  apply_ok (a, from_b);
  apply_ok (b, from_a);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_assert_cmpint (status_of (stores[i], order), ==, CC_ORDER_SHIPPED);
      level = level_of (stores[i], product);
      g_assert_cmpint (level.on_hand, ==, 3);
      g_assert_cmpint (level.reserved, ==, 0);
      g_assert_cmpuint (count_conflicts (stores[i], "order", "status"), ==, 1);
    }

  /* Both devices reversed the release: one row once they have talked. */
  relay_settle (&relay, stores, 2);
  where = g_strdup_printf ("ref_id = '%s' AND reason = 'reserved' AND delta > 0 AND bucket = 1", order);
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_assert_cmpint (cc_test_count_rows (stores[i], "stock_moves", where), ==, 2);  /* reserve + reversal */
      level = level_of (stores[i], product);
      g_assert_cmpint (level.on_hand, ==, 3);
      g_assert_cmpint (level.reserved, ==, 0);
      g_assert_cmpint (status_of (stores[i], order), ==, CC_ORDER_SHIPPED);
    }
  assert_same (stores, 2);

  /* The order goes on from shipped as usual. */
  set_status_ok (b, order, CC_ORDER_DELIVERED);
  relay_settle (&relay, stores, 2);
  g_assert_cmpint (status_of (a, order), ==, CC_ORDER_DELIVERED);
  assert_same (stores, 2);
}

/* Three devices: one ships, two cancel; every order the three batches can
 * arrive in gives the same shop. */
static void
test_ship_beats_cancel_three_devices (void)
{
  static const guint orders[][3] = {
    { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
  };
  g_autofree char *reference = NULL;

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(CcStore) a = cc_test_open_store ();
      g_autoptr(CcStore) b = cc_test_open_store ();
      g_autoptr(CcStore) c = cc_test_open_store ();
      CcStore *stores[] = { a, b, c };
      g_auto(Relay) relay = { 0 };
      g_autofree char *product = make_product (a, "Indigo scarf", "SC-1", 4);
      g_autofree char *order = make_order (a, product, 3);
      g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      g_autofree char *where = NULL;

      set_status_ok (a, order, CC_ORDER_CONFIRMED);
      relay_settle (&relay, stores, 3);

      set_status_ok (a, order, CC_ORDER_SHIPPED);
      set_status_ok (b, order, CC_ORDER_CANCELLED);
      set_status_ok (c, order, CC_ORDER_CANCELLED);
      for (guint i = 0; i < 3; i++)
        g_ptr_array_add (batches, outbox_of (stores[i]));

      /* Each store gets the others' batches in this order. */
      for (guint s = 0; s < 3; s++)
        for (guint k = 0; k < 3; k++)
          if (orders[o][k] != s)
            apply_ok (stores[s], g_ptr_array_index (batches, orders[o][k]));

      for (guint s = 0; s < 3; s++)
        {
          CcStockLevel level = level_of (stores[s], product);

          g_assert_cmpint (status_of (stores[s], order), ==, CC_ORDER_SHIPPED);
          g_assert_cmpint (level.on_hand, ==, 1);
          g_assert_cmpint (level.reserved, ==, 0);
        }

      relay_settle (&relay, stores, 3);
      where = g_strdup_printf ("ref_id = '%s' AND reason = 'reserved' AND delta > 0", order);
      for (guint s = 0; s < 3; s++)
        {
          CcStockLevel level = level_of (stores[s], product);

          /* The reservation and one reversal of the (one) release. */
          g_assert_cmpint (cc_test_count_rows (stores[s], "stock_moves", where), ==, 2);
          g_assert_cmpint (level.on_hand, ==, 1);
          g_assert_cmpint (level.reserved, ==, 0);
          g_assert_cmpuint (count_conflicts (stores[s], "order", "status"), >=, 1);
        }
      assert_same (stores, 3);
    }
}

/* A pending order confirmed on one device and cancelled on the other:
 * cancelled (confirming, then cancelling is a path), and the reservation
 * the other device made is released. */
static void
test_cancel_beats_confirm (void)
{
  for (guint arrival = 0; arrival < 2; arrival++)
    {
      g_autoptr(CcStore) a = cc_test_open_store ();
      g_autoptr(CcStore) b = cc_test_open_store ();
      CcStore *stores[] = { a, b };
      g_auto(Relay) relay = { 0 };
      g_autofree char *product = make_product (a, "Brass bell", "BELL", 6);
      g_autofree char *order = make_order (a, product, 2);
      g_autoptr(GPtrArray) from_a = NULL;
      g_autoptr(GPtrArray) from_b = NULL;

      relay_settle (&relay, stores, 2);
      set_status_ok (a, order, CC_ORDER_CONFIRMED);
      set_status_ok (b, order, CC_ORDER_CANCELLED);
      from_a = outbox_of (a);
      from_b = outbox_of (b);
      apply_ok (arrival == 0 ? a : b, arrival == 0 ? from_b : from_a);
      apply_ok (arrival == 0 ? b : a, arrival == 0 ? from_a : from_b);

      relay_settle (&relay, stores, 2);
      for (guint i = 0; i < 2; i++)
        {
          CcStockLevel level = level_of (stores[i], product);

          g_assert_cmpint (status_of (stores[i], order), ==, CC_ORDER_CANCELLED);
          g_assert_cmpint (level.on_hand, ==, 6);
          g_assert_cmpint (level.reserved, ==, 0);
        }
      assert_same (stores, 2);
    }
}

/* Delivered on one device, returned from shipped on another: returned. */
static void
test_return_beats_deliver (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  CcStore *stores[] = { a, b };
  g_auto(Relay) relay = { 0 };
  g_autofree char *product = make_product (a, "Kantha quilt", "Q-7", 2);
  g_autofree char *order = make_order (a, product, 1);

  set_status_ok (a, order, CC_ORDER_CONFIRMED);
  set_status_ok (a, order, CC_ORDER_SHIPPED);
  relay_settle (&relay, stores, 2);
  set_status_ok (b, order, CC_ORDER_RETURNED);
  set_status_ok (a, order, CC_ORDER_DELIVERED);
  relay_settle (&relay, stores, 2);
  for (guint i = 0; i < 2; i++)
    {
      CcStockLevel level = level_of (stores[i], product);

      g_assert_cmpint (status_of (stores[i], order), ==, CC_ORDER_RETURNED);
      g_assert_cmpint (level.on_hand, ==, 2);
      g_assert_cmpint (level.reserved, ==, 0);
    }
  assert_same (stores, 2);
}

/* A line removed on one device while the other confirmed the order: the
 * removal stands and what was reserved for that line is given back. */
static void
test_line_removed_while_confirmed (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  CcStore *stores[] = { a, b };
  g_auto(Relay) relay = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *mug = make_product (a, "Mug", "M-1", 5);
  g_autofree char *bowl = make_product (a, "Bowl", "B-1", 5);
  g_autofree char *order = make_order (a, mug, 1);
  g_autofree char *line = NULL;

  {
    g_autoptr(CcOrderLine) extra = cc_order_line_new (bowl, NULL, 2);

    line = cc_orders_add_line (a, order, extra, &error);
    g_assert_no_error (error);
  }
  relay_settle (&relay, stores, 2);
  g_assert_true (cc_orders_remove_line (a, line, &error));
  g_assert_no_error (error);
  set_status_ok (b, order, CC_ORDER_CONFIRMED);
  relay_settle (&relay, stores, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CcOrder) got = cc_orders_get_order (stores[i], order, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (got->lines->len, ==, 1);
      g_assert_cmpint (got->status, ==, CC_ORDER_CONFIRMED);
      g_assert_cmpint (level_of (stores[i], mug).reserved, ==, 1);
      g_assert_cmpint (level_of (stores[i], bowl).reserved, ==, 0);
    }
  assert_same (stores, 2);
}

/* Duplicate SKUs */

static void
test_duplicate_sku (void)
{
  for (guint arrival = 0; arrival < 2; arrival++)
    {
      g_autoptr(CcStore) a = cc_test_open_store ();
      g_autoptr(CcStore) b = cc_test_open_store ();
      CcStore *stores[] = { a, b };
      g_auto(Relay) relay = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *first = make_product (a, "Blue mug", "MUG-01", 0);
      g_autofree char *second = make_product (b, "Green mug", "MUG-01", 0);
      g_autoptr(GPtrArray) from_a = outbox_of (a);
      g_autoptr(GPtrArray) from_b = outbox_of (b);
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(CcProduct) edited = NULL;
      CcConflict *conflict;

      /* The second to arrive does not fail the sync, twice over. */
      for (guint twice = 0; twice < 2; twice++)
        {
          apply_ok (arrival == 0 ? a : b, arrival == 0 ? from_b : from_a);
          apply_ok (arrival == 0 ? b : a, arrival == 0 ? from_a : from_b);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GPtrArray) both = cc_catalogue_find_sku (stores[i], "MUG-01", NULL);

          g_assert_cmpuint (both->len, ==, 2);
          g_assert_cmpuint (count_conflicts (stores[i], "product", "sku"), ==, 1);
        }
      assert_same (stores, 2);

      /* The piece whose SKU came later by clock is the one to change. */
      conflicts = cc_store_conflicts_list_full (a, &error);
      g_assert_no_error (error);
      conflict = g_ptr_array_index (conflicts, 0);
      g_assert_cmpstr (conflict->row_id, ==, second);
      g_assert_cmpstr (conflict->value, ==, "\"MUG-01\"");
      g_assert_cmpstr (conflict->winner_value, ==, "\"MUG-01\"");

      /* Settling is giving one piece another SKU: an ordinary write. */
      edited = cc_catalogue_get_product (b, second, &error);
      g_assert_no_error (error);
      g_free (edited->sku);
      edited->sku = g_strdup ("MUG-02");
      g_assert_true (cc_catalogue_update_product (b, edited, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_conflicts (b, "product", "sku"), ==, 0);
      relay_settle (&relay, stores, 2);
      for (guint i = 0; i < 2; i++)
        g_assert_cmpuint (count_conflicts (stores[i], "product", "sku"), ==, 0);
      assert_same (stores, 2);
    }
}

/* Category cycles */

static gboolean
tree_is_a_tree (CcStore *store)
{
  g_autoptr(GPtrArray) categories = cc_catalogue_list_categories (store);
  g_autoptr(GHashTable) parent_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_insert (parent_of, category->id, category->parent_id);
    }
  for (guint i = 0; i < categories->len; i++)
    {
      const char *node = ((CcCategory *)g_ptr_array_index (categories, i))->id;
      guint steps = 0;

      while (node != NULL && steps++ <= categories->len)
        node = g_hash_table_lookup (parent_of, node);
      if (node != NULL)
        return FALSE;
    }
  return TRUE;
}

static void
test_category_cycle (void)
{
  for (guint arrival = 0; arrival < 2; arrival++)
    {
      g_autoptr(CcStore) a = cc_test_open_store ();
      g_autoptr(CcStore) b = cc_test_open_store ();
      CcStore *stores[] = { a, b };
      g_auto(Relay) relay = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *pottery = cc_catalogue_add_category (a, "Pottery", NULL, &error);
      g_autofree char *mugs = cc_catalogue_add_category (a, "Mugs", NULL, &error);
      g_autoptr(GPtrArray) from_a = NULL;
      g_autoptr(GPtrArray) from_b = NULL;
      g_autoptr(CcCategory) mugs_after = NULL;
      g_autoptr(CcCategory) pottery_after = NULL;

      g_assert_no_error (error);
      relay_settle (&relay, stores, 2);

      /* Mugs into Pottery here, Pottery into Mugs there (the later move). */
      g_assert_true (cc_catalogue_move_category (a, mugs, pottery, 0, &error));
      g_assert_true (cc_catalogue_move_category (b, pottery, mugs, 0, &error));
      g_assert_no_error (error);
      from_a = outbox_of (a);
      from_b = outbox_of (b);
      for (guint twice = 0; twice < 2; twice++)
        {
          apply_ok (arrival == 0 ? a : b, arrival == 0 ? from_b : from_a);
          apply_ok (arrival == 0 ? b : a, arrival == 0 ? from_a : from_b);
        }

      for (guint i = 0; i < 2; i++)
        {
          g_assert_true (tree_is_a_tree (stores[i]));
          g_assert_cmpuint (count_conflicts (stores[i], "category", "parent_id"), ==, 1);
        }
      /* The later move is the one left out: Mugs stays in Pottery. */
      mugs_after = cc_catalogue_get_category (b, mugs, &error);
      pottery_after = cc_catalogue_get_category (b, pottery, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mugs_after->parent_id, ==, pottery);
      g_assert_null (pottery_after->parent_id);
      assert_same (stores, 2);

      /* Moving Mugs to the top undoes the cycle: Pottery goes in Mugs. */
      g_assert_true (cc_catalogue_move_category (a, mugs, NULL, 0, &error));
      g_assert_no_error (error);
      relay_settle (&relay, stores, 2);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(CcCategory) now = cc_catalogue_get_category (stores[i], pottery, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (now->parent_id, ==, mugs);
          g_assert_cmpuint (count_conflicts (stores[i], "category", "parent_id"), ==, 0);
          g_assert_true (tree_is_a_tree (stores[i]));
        }
      assert_same (stores, 2);
    }
}

/* Tombstones */

static void
test_tombstone_beats_edit (void)
{
  for (guint arrival = 0; arrival < 2; arrival++)
    {
      g_autoptr(CcStore) a = cc_test_open_store ();
      g_autoptr(CcStore) b = cc_test_open_store ();
      CcStore *stores[] = { a, b };
      g_auto(Relay) relay = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *id = make_product (a, "Old lamp", "L-1", 0);
      g_autoptr(CcProduct) edited = NULL;
      g_autoptr(GPtrArray) from_a = NULL;
      g_autoptr(GPtrArray) from_b = NULL;

      relay_settle (&relay, stores, 2);
      g_assert_true (cc_catalogue_delete_product (a, id, &error));
      /* The edit is later by clock than the delete. */
      edited = cc_catalogue_get_product (b, id, &error);
      g_assert_no_error (error);
      cc_product_set_title (edited, "en", "New lamp");
      edited->price = 9900;
      g_assert_true (cc_catalogue_update_product (b, edited, &error));
      g_assert_no_error (error);
      from_a = outbox_of (a);
      from_b = outbox_of (b);
      apply_ok (arrival == 0 ? a : b, arrival == 0 ? from_b : from_a);
      apply_ok (arrival == 0 ? b : a, arrival == 0 ? from_a : from_b);

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(CcProduct) gone = cc_catalogue_get_product (stores[i], id, &error);

          g_assert_null (gone);
          g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
          g_clear_error (&error);
          g_assert_cmpint (cc_catalogue_count_products (stores[i]), ==, 0);
        }
      relay_settle (&relay, stores, 2);
      assert_same (stores, 2);
    }
}

/* Plain registers */

/* Three devices write one price offline, two of them the same value:
 * every arrival order leaves the same conflicts (the odd value stands
 * beside the winner; an equal one is no question). */
static void
test_three_writers_same_conflicts (void)
{
  static const guint orders[][3] = {
    { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
  };
  g_autoptr(CcStore) source = cc_test_open_store ();
  g_autofree char *id = make_product (source, "Tile", "T-1", 0);
  g_autoptr(GPtrArray) base = outbox_of (source);
  g_autofree char *reference = NULL;
  g_autofree char *reference_prices = NULL;
  static const gint64 prices[] = { 500, 600, 500 };
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  /* Each writer's batch, once, made from the same start. */
  for (guint w = 0; w < 3; w++)
    {
      g_autoptr(CcStore) writer = cc_test_open_store ();
      g_autoptr(CcProduct) product = NULL;
      g_autoptr(GError) error = NULL;

      apply_ok (writer, base);
      product = cc_catalogue_get_product (writer, id, &error);
      g_assert_no_error (error);
      product->price = prices[w];
      g_assert_true (cc_catalogue_update_product (writer, product, &error));
      g_assert_no_error (error);
      g_ptr_array_add (batches, outbox_of (writer));
      g_usleep (2000);
    }

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(CcStore) replica = cc_test_open_store ();
      g_autofree char *conflicts = NULL;
      g_autofree char *price = NULL;
      g_autoptr(GPtrArray) visible = NULL;
      g_autoptr(GError) error = NULL;

      apply_ok (replica, base);
      for (guint k = 0; k < 3; k++)
        apply_ok (replica, g_ptr_array_index (batches, orders[o][k]));
      conflicts = dump_conflicts (replica);
      price = dump_query (replica, "SELECT price FROM products");
      visible = cc_store_conflicts_list_full (replica, &error);
      g_assert_no_error (error);
      /* The last writer (500) wins; the 600 stands beside it. */
      g_assert_cmpstr (price, ==, "500|\n");
      g_assert_cmpuint (visible->len, ==, 1);
      g_assert_cmpstr (((CcConflict *)g_ptr_array_index (visible, 0))->value, ==, "600");
      if (reference == NULL)
        {
          reference = g_steal_pointer (&conflicts);
          reference_prices = g_steal_pointer (&price);
        }
      else
        g_assert_cmpstr (conflicts, ==, reference);
    }
}

/* A value written on top of one that lost is no longer a conflict: its
 * writer saw it. The same whichever device's edits arrive first. */
static void
test_edit_on_top_supersedes (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(CcStore) c = cc_test_open_store ();
  CcStore *stores[] = { a, b, c };
  g_auto(Relay) relay = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_product (a, "Basket", "BK", 0);
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;

  relay_settle (&relay, stores, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (a, id, &error);

      product->price = 100 + i;
      g_assert_true (cc_catalogue_update_product (a, product, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(CcProduct) product = cc_catalogue_get_product (b, id, &error);

    product->price = 300;
    g_assert_true (cc_catalogue_update_product (b, product, &error));
    g_assert_no_error (error);
  }
  from_a = outbox_of (a);
  from_b = outbox_of (b);
  apply_ok (c, from_b);
  apply_ok (c, from_a);
  apply_ok (a, from_b);
  apply_ok (b, from_a);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) visible = cc_store_conflicts_list_full (stores[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (visible->len, ==, 1);
    }
  relay_settle (&relay, stores, 3);
  assert_same (stores, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ship_cancel_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/merge/order/ship-beats-cancel/%s", ship_cancel_cases[i].name);

      g_test_add_data_func (path, &ship_cancel_cases[i], test_ship_beats_cancel);
    }
  g_test_add_func ("/core/merge/order/ship-beats-cancel/three-devices", test_ship_beats_cancel_three_devices);
  g_test_add_func ("/core/merge/order/cancel-beats-confirm", test_cancel_beats_confirm);
  g_test_add_func ("/core/merge/order/return-beats-deliver", test_return_beats_deliver);
  g_test_add_func ("/core/merge/order/line-removed-while-confirmed", test_line_removed_while_confirmed);
  g_test_add_func ("/core/merge/catalogue/duplicate-sku", test_duplicate_sku);
  g_test_add_func ("/core/merge/catalogue/category-cycle", test_category_cycle);
  g_test_add_func ("/core/merge/tombstone-beats-edit", test_tombstone_beats_edit);
  g_test_add_func ("/core/merge/register/three-writers-same-conflicts", test_three_writers_same_conflicts);
  g_test_add_func ("/core/merge/register/edit-on-top-supersedes", test_edit_on_top_supersedes);

  return g_test_run ();
}
