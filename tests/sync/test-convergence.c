/* test-convergence.c — seeded randomized convergence through a real craftchain-sync.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per seed: 2–5 enrolled stores do random work while apart (products,
 * tags, stock, categories, and the same orders confirmed, shipped and
 * cancelled), then sync in random partial orders with faults — a push
 * whose answer is dropped and pushed again, pulled pages applied twice,
 * the server restarted mid-way — and finally until quiet. Then every
 * store must hold the same state, the same conflicts and the same ledger
 * sums, and the server every change once.
 *
 * CC_CONVERGENCE_SEED=N runs one seed; CC_CONVERGENCE_SEEDS=N runs seeds
 * 1…N (default 20). A failing seed is in the test's name.
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-orders.h"
#include "cc-sync-client.h"
#include "cc-sync-test-server.h"
#include "cc-test-util.h"

#define MAX_DEVICES 5
#define ROUNDS 4
#define OPS_PER_ROUND 8

static const char * const extra_args[] = { "--rate", "100000", "--enrol-rate", "100000", NULL };

typedef struct
{
  guint             seed;
  GRand            *rand;
  char             *db_uri;
  CcSyncTestServer *server;
  char             *shop;
  CcStore          *stores[MAX_DEVICES];
  guint             n;
  GPtrArray        *products;    /* ids, made by anyone */
  GPtrArray        *orders;
  GPtrArray        *categories;
  guint             counter;
  SoupSession      *session;
} World;

static void
world_free (World *w)
{
  for (guint i = 0; i < w->n; i++)
    g_clear_object (&w->stores[i]);
  g_clear_pointer (&w->server, cc_sync_test_server_free);
  g_clear_pointer (&w->rand, g_rand_free);
  g_clear_pointer (&w->products, g_ptr_array_unref);
  g_clear_pointer (&w->orders, g_ptr_array_unref);
  g_clear_pointer (&w->categories, g_ptr_array_unref);
  g_clear_object (&w->session);
  g_free (w->db_uri);
  g_free (w->shop);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static guint
pick (World *w,
      guint  n)
{
  return (guint)g_rand_int_range (w->rand, 0, (gint32)n);
}

static gboolean
chance (World  *w,
        double  p)
{
  return g_rand_double (w->rand) < p;
}

/* Talking to the server directly, for the faults */

static GBytes *
http (World       *w,
      CcStore     *store,
      const char  *method,
      const char  *path,
      GBytes      *body,
      guint       *out_status)
{
  g_autofree char *url = g_strconcat (w->server->base_url, path, NULL);
  g_autofree char *token = cc_store_dup_meta (store, CC_SYNC_META_TOKEN);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (w->session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  return answer;
}

/* A push whose answer never came back: the server stored the batch, the
 * device still has it in its outbox and pushes it again next time. */
static void
push_and_drop_answer (World   *w,
                      CcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = cc_store_outbox_list (store, CC_SYNC_PUSH_BATCH, &error);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  guint status = 0;

  g_assert_no_error (error);
  if (batch->len == 0)
    return;
  text = cc_change_list_to_json (batch);
  body = g_bytes_new (text, strlen (text));
  answer = http (w, store, "POST", "/v1/push", body, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* Every change the server holds, in order, as JSON objects. */
static GPtrArray *
server_changes (World   *w,
                CcStore *store)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  gint64 cursor = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT "&limit=5000", cursor);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonArray *changes;
      guint status = 0;

      answer = http (w, store, "GET", path, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
      root = json_from_string (text, &error);
      g_assert_no_error (error);
      object = json_node_get_object (root);
      changes = json_object_get_array_member (object, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_ptr_array_add (all, json_node_copy (json_array_get_element (changes, i)));
      cursor = json_object_get_int_member (object, "cursor");
      more = json_object_get_boolean_member (object, "more");
    }
  return all;
}

/* Pages pulled again, out of turn, and applied twice: nothing changes. */
static void
apply_server_log_twice (World   *w,
                        CcStore *store)
{
  g_autoptr(GPtrArray) nodes = server_changes (w, store);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (nodes, i)));
  json_node_set_array (root, array);
  text = json_to_string (root, FALSE);
  changes = cc_change_list_from_json (text, &error);
  g_assert_no_error (error);
  for (guint twice = 0; twice < 2; twice++)
    {
      g_assert_true (cc_store_apply_changes (store, changes, &error));
      g_assert_no_error (error);
    }
}

static CcSyncReport
sync_ok (World   *w,
         CcStore *store)
{
  g_autoptr(GError) error = NULL;
  CcSyncReport report = { 0 };

  if (!cc_sync_run (store, NULL, NULL, &report, NULL, &error))
    g_error ("seed %u: sync failed: %s (CC_CONVERGENCE_SEED=%u reproduces it)",
             w->seed, error->message, w->seed);
  return report;
}

/* Random work */

static void
ignore_refusal (GError **error)
{
  /* A move the machine or the stock refuses is a person's mistake, not a
   * failure: the device just did not do it. */
  if (*error != NULL)
    g_assert_true ((*error)->domain == CC_ERROR &&
                   ((*error)->code == CC_ERROR_CONFLICT || (*error)->code == CC_ERROR_INVALID_INPUT ||
                    (*error)->code == CC_ERROR_NOT_FOUND));
  g_clear_error (error);
}

static void
random_op (World   *w,
           CcStore *store)
{
  g_autoptr(GError) error = NULL;
  guint what = pick (w, 100);
  const char *product_id = w->products->len > 0 ? g_ptr_array_index (w->products, pick (w, w->products->len)) : NULL;
  g_autoptr(CcProduct) product = product_id ? cc_catalogue_get_product (store, product_id, NULL) : NULL;

  w->counter++;
  if (what < 12)
    {
      g_autoptr(CcProduct) fresh = cc_product_new ();
      g_autofree char *title = g_strdup_printf ("Piece %u-%u", w->seed, w->counter);
      char *id;

      cc_product_set_title (fresh, "en", title);
      /* A small pool of SKUs: two devices taking one is a conflict. */
      fresh->sku = g_strdup_printf ("SKU-%u", pick (w, 6));
      fresh->price = 1000 + w->counter;
      id = cc_catalogue_create_product (store, fresh, &error);
      g_assert_no_error (error);
      g_ptr_array_add (w->products, id);
    }
  else if (what < 30 && product != NULL)
    {
      g_autofree char *title = g_strdup_printf ("Edited %u-%u", w->seed, w->counter);

      if (chance (w, 0.5))
        product->price = 100000 + w->counter;
      else
        cc_product_set_title (product, "en", title);
      if (chance (w, 0.15))
        {
          g_free (product->sku);
          product->sku = g_strdup_printf ("SKU-%u", pick (w, 6));
        }
      if (!cc_catalogue_update_product (store, product, &error))
        ignore_refusal (&error);
    }
  else if (what < 34 && product != NULL)
    {
      if (!cc_catalogue_delete_product (store, product->id, &error))
        ignore_refusal (&error);
    }
  else if (what < 46 && product != NULL)
    {
      static const char * const tags[] = { "blue", "gift", "clay" };
      const char *tag = tags[pick (w, G_N_ELEMENTS (tags))];
      gboolean has = FALSE;

      for (guint i = 0; i < product->tags->len; i++)
        if (g_strcmp0 (g_ptr_array_index (product->tags, i), tag) == 0)
          {
            g_ptr_array_remove_index (product->tags, i);
            has = TRUE;
            break;
          }
      if (!has)
        g_ptr_array_add (product->tags, g_strdup (tag));
      if (!cc_catalogue_update_product (store, product, &error))
        ignore_refusal (&error);
    }
  else if (what < 58 && product != NULL)
    {
      gint64 delta = (gint64)pick (w, 7) - 2;

      if (delta == 0)
        delta = 3;
      if (!cc_inventory_adjust (store, product->id, NULL, delta, "count", NULL, &error))
        ignore_refusal (&error);
    }
  else if (what < 64 && w->categories->len > 1)
    {
      const char *category = g_ptr_array_index (w->categories, pick (w, w->categories->len));
      const char *parent = chance (w, 0.2) ? NULL : g_ptr_array_index (w->categories, pick (w, w->categories->len));

      if (g_strcmp0 (category, parent) == 0 ||
          !cc_catalogue_move_category (store, category, parent, 0, &error))
        ignore_refusal (&error);
    }
  else if (what < 70 && product != NULL)
    {
      g_autoptr(CcOrder) order = cc_order_new ();
      char *id;

      g_ptr_array_add (order->lines, cc_order_line_new (product->id, NULL, 1 + pick (w, 2)));
      id = cc_orders_create_order (store, order, &error);
      if (id != NULL)
        g_ptr_array_add (w->orders, id);
      else
        ignore_refusal (&error);
    }
  else if (w->orders->len > 0)
    {
      static const CcOrderStatus targets[] = {
        CC_ORDER_CONFIRMED, CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED, CC_ORDER_SHIPPED,
        CC_ORDER_CANCELLED, CC_ORDER_CANCELLED, CC_ORDER_DELIVERED, CC_ORDER_RETURNED,
      };
      const char *order = g_ptr_array_index (w->orders, pick (w, w->orders->len));

      if (!cc_orders_set_status (store, order, targets[pick (w, G_N_ELEMENTS (targets))], TRUE, &error))
        ignore_refusal (&error);
    }
}

/* Comparing */

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

static const struct
{
  const char *what;
  const char *sql;
} comparisons[] = {
  { "registers", "SELECT entity, row_id, reg, hlc, value FROM registers ORDER BY entity, row_id, reg" },
  { "products", "SELECT id, sku, price, title, deleted FROM products ORDER BY id" },
  { "tags", "SELECT product_id, tag, present FROM product_tags ORDER BY product_id, tag" },
  { "categories", "SELECT id, name, parent_id, deleted FROM categories ORDER BY id" },
  { "orders", "SELECT id, number, status, deleted FROM orders ORDER BY id" },
  { "order lines", "SELECT id, order_id, product_id, quantity, deleted FROM order_lines ORDER BY id" },
  { "stock ledger", "SELECT id, product_id, variant_id, delta, bucket, reason, ref_id FROM stock_moves ORDER BY id" },
  { "stock sums", "SELECT product_id, bucket, sum(delta) FROM stock_moves GROUP BY product_id, bucket ORDER BY 1, 2" },
  { "material sums", "SELECT material_id, sum(delta) FROM material_moves GROUP BY material_id ORDER BY 1" },
  { "conflicts", "SELECT entity, row_id, reg, change_id, value, hlc, device, winner_change_id, winner_value, settled "
                 "FROM conflicts ORDER BY entity, row_id, reg, change_id" },
};

static void
assert_converged (World *w)
{
  g_autoptr(GHashTable) on_server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) log = server_changes (w, w->stores[0]);

  for (guint c = 0; c < G_N_ELEMENTS (comparisons); c++)
    {
      g_autofree char *first = dump_query (w->stores[0], comparisons[c].sql);

      for (guint i = 1; i < w->n; i++)
        {
          g_autofree char *other = dump_query (w->stores[i], comparisons[c].sql);

          if (g_strcmp0 (first, other) != 0)
            g_error ("seed %u: devices 0 and %u differ in %s (CC_CONVERGENCE_SEED=%u reproduces it)\n"
                     "device 0:\n%s\ndevice %u:\n%s",
                     w->seed, i, comparisons[c].what, w->seed, first, i, other);
        }
    }

  /* Each change once on the server, and every value a device holds is one
   * the server has. */
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *change = json_node_get_object (g_ptr_array_index (log, i));
      const char *id = json_object_get_string_member (change, "id");

      if (!g_hash_table_add (on_server, g_strdup (id)))
        g_error ("seed %u: the server holds change %s twice (CC_CONVERGENCE_SEED=%u reproduces it)",
                 w->seed, id, w->seed);
    }
  for (guint i = 0; i < w->n; i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (cc_store_outbox_count (w->stores[i]), ==, 0);
      g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (w->stores[i]),
                                           "SELECT change_id FROM registers", -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (!g_hash_table_contains (on_server, (const char *)sqlite3_column_text (stmt, 0)))
          g_error ("seed %u: device %u holds change %s the server never got (CC_CONVERGENCE_SEED=%u reproduces it)",
                   w->seed, i, (const char *)sqlite3_column_text (stmt, 0), w->seed);
      sqlite3_finalize (stmt);
    }
}

/* One seed */

static void
follow_server (World *w)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < w->n; i++)
    {
      g_assert_true (cc_store_set_meta (w->stores[i], CC_SYNC_META_URL, w->server->base_url, &error));
      g_assert_no_error (error);
    }
}

static void
sync_until_quiet (World *w)
{
  for (guint pass = 0; pass < 12; pass++)
    {
      gint64 moved = 0;

      for (guint i = 0; i < w->n; i++)
        {
          CcSyncReport report = sync_ok (w, w->stores[i]);

          moved += report.pushed;
        }
      for (guint i = 0; i < w->n; i++)
        moved += cc_store_outbox_count (w->stores[i]);
      if (moved == 0)
        return;
    }
  g_error ("seed %u: the devices never went quiet (CC_CONVERGENCE_SEED=%u reproduces it)", w->seed, w->seed);
}

static void
test_seed (gconstpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);
  g_autoptr(World) w = g_new0 (World, 1);
  g_autoptr(GError) error = NULL;
  CcStore *first;

  g_test_message ("seed %u (CC_CONVERGENCE_SEED=%u reproduces it)", seed, seed);
  w->seed = seed;
  w->rand = g_rand_new_with_seed (seed);
  w->products = g_ptr_array_new_with_free_func (g_free);
  w->orders = g_ptr_array_new_with_free_func (g_free);
  w->categories = g_ptr_array_new_with_free_func (g_free);
  w->session = soup_session_new ();
  w->db_uri = cc_sync_test_db_uri ();
  w->shop = g_strdup_printf ("Convergence %u", seed);
  g_free (cc_sync_test_create_shop (w->db_uri, w->shop, NULL));
  w->server = cc_sync_test_server_start (w->db_uri, extra_args);
  w->n = 2 + pick (w, MAX_DEVICES - 1);

  for (guint i = 0; i < w->n; i++)
    {
      g_autofree char *dir = cc_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
      g_autofree char *code = cc_sync_test_new_code (w->db_uri, w->shop);
      g_autofree char *name = g_strdup_printf ("device %u", i);

      w->stores[i] = cc_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (cc_sync_enrol (w->stores[i], w->server->base_url, code, name, NULL, &error));
      g_assert_no_error (error);
    }

  /* What everyone starts from: pieces in stock, categories, orders. */
  first = w->stores[0];
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Category %u", i);
      char *id = cc_catalogue_add_category (first, name, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (w->categories, id);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CcProduct) product = cc_product_new ();
      g_autoptr(CcOrder) order = cc_order_new ();
      g_autofree char *title = g_strdup_printf ("Start %u", i);
      char *id;

      cc_product_set_title (product, "en", title);
      product->sku = g_strdup_printf ("START-%u", i);
      product->price = 2000;
      id = cc_catalogue_create_product (first, product, &error);
      g_assert_no_error (error);
      g_ptr_array_add (w->products, id);
      g_assert_true (cc_inventory_adjust (first, id, NULL, 10, "count", NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (order->lines, cc_order_line_new (id, NULL, 1 + i % 2));
      g_ptr_array_add (w->orders, cc_orders_create_order (first, order, &error));
      g_assert_no_error (error);
    }
  sync_until_quiet (w);

  for (guint round = 0; round < ROUNDS; round++)
    {
      /* Apart. */
      for (guint i = 0; i < w->n; i++)
        for (guint k = 0; k < OPS_PER_ROUND; k++)
          random_op (w, w->stores[i]);

      /* Some of them meet the server, in some order, with faults. */
      for (guint k = 0; k < w->n; k++)
        {
          CcStore *store = w->stores[pick (w, w->n)];

          if (chance (w, 0.25))
            push_and_drop_answer (w, store);
          sync_ok (w, store);
          if (chance (w, 0.2))
            apply_server_log_twice (w, store);
          if (chance (w, 0.3))
            random_op (w, store);
        }
      if (round == 1)
        {
          cc_sync_test_server_restart (w->server);
          follow_server (w);
        }
    }

  sync_until_quiet (w);
  assert_converged (w);
  g_test_message ("seed %u: %u devices, %" G_GINT64_FORMAT " changes, %" G_GINT64_FORMAT " conflicts, "
                  "%" G_GINT64_FORMAT " releases reversed after a ship",
                  seed, w->n, cc_test_count_rows (first, "registers", NULL),
                  cc_test_count_rows (first, "conflicts", "settled = 0"),
                  cc_test_count_rows (first, "stock_moves", "reason = 'released' AND ref_id IN "
                                      "(SELECT id FROM orders WHERE status IN ('shipped', 'delivered', 'returned'))"));
}

int
main (int   argc,
      char *argv[])
{
  const char *one = g_getenv ("CC_CONVERGENCE_SEED");
  const char *many = g_getenv ("CC_CONVERGENCE_SEEDS");
  guint64 n_seeds = 20;

  g_test_init (&argc, &argv, NULL);

  if (one != NULL && *one != '\0')
    {
      guint64 seed = g_ascii_strtoull (one, NULL, 10);
      g_autofree char *path = g_strdup_printf ("/sync/convergence/seed-%" G_GUINT64_FORMAT, seed);

      g_test_add_data_func (path, GUINT_TO_POINTER ((guint)seed), test_seed);
      return g_test_run ();
    }
  if (many != NULL && *many != '\0')
    n_seeds = MAX (g_ascii_strtoull (many, NULL, 10), 1);
  for (guint64 seed = 1; seed <= n_seeds; seed++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/convergence/seed-%" G_GUINT64_FORMAT, seed);

      g_test_add_data_func (path, GUINT_TO_POINTER ((guint)seed), test_seed);
    }
  return g_test_run ();
}
