/* test-engine.c — the client sync engine against a real craftchain-sync on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-orders.h"
#include "cc-photos.h"
#include "cc-sync-engine.h"
#include "cc-sync-test-server.h"
#include "cc-test-util.h"

#define SHOP "Arjun Woodcraft"

typedef struct
{
  char             *db_uri;
  CcSyncTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *code = NULL;

  f->db_uri = cc_sync_test_db_uri ();
  code = cc_sync_test_create_shop (f->db_uri, SHOP, NULL);
  g_assert_nonnull (code);
  f->server = cc_sync_test_server_start (f->db_uri, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, cc_sync_test_server_free);
  g_clear_pointer (&f->db_uri, g_free);
}

static char *
new_db_path (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();

  return g_build_filename (dir, "shop.db", NULL);
}

/* A new device, enrolled in the shop with a fresh code. */
static CcStore *
enrolled_store (Fixture    *f,
                const char *name)
{
  g_autofree char *path = new_db_path ();
  g_autofree char *code = cc_sync_test_new_code (f->db_uri, SHOP);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cc_sync_enrol (store, f->server->base_url, code, name, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cc_sync_is_enrolled (store));
  return g_steal_pointer (&store);
}

static CcSyncReport
sync_ok (CcStore *store)
{
  g_autoptr(GError) error = NULL;
  CcSyncReport report = { 0 };

  g_assert_true (cc_sync_run (store, NULL, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

/* The server may come back on another port. */
static void
follow_server (Fixture *f,
               CcStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_set_meta (store, CC_SYNC_META_URL, f->server->base_url, &error));
  g_assert_no_error (error);
}

static char *
make_product (CcStore    *store,
              const char *title,
              gint64      price)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->price = price;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
product_price (CcStore    *store,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (product);
  return product != NULL ? product->price : -1;
}

static void
set_price (CcStore    *store,
           const char *id,
           gint64      price)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, id, &error);

  g_assert_no_error (error);
  product->price = price;
  g_assert_true (cc_catalogue_update_product (store, product, &error));
  g_assert_no_error (error);
}

static gint64
on_hand (CcStore    *store,
         const char *product_id)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level = { 0 };

  g_assert_true (cc_inventory_get_level (store, product_id, NULL, &level, &error));
  g_assert_no_error (error);
  return level.on_hand;
}

/* The changes the server holds for the shop, from `shop list`. */
static gint64
server_change_count (Fixture *f)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 n = -1;

  g_assert_cmpint (cc_sync_test_run_admin (f->db_uri, &out, "shop", "list", NULL), ==, 0);
  fields = g_strsplit (out, "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 4);
  n = g_ascii_strtoll (fields[3], NULL, 10);
  g_assert_cmpint (n, >=, 0);
  return n;
}

/* Edits on one device arrive on another; device codes come from the
 * server and name orders. */
static void
test_edits_arrive (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(GError) error = NULL;
  g_autofree char *code_a = cc_orders_dup_device_code (a);
  g_autofree char *code_b = cc_orders_dup_device_code (b);
  g_autofree char *id = NULL;
  g_autoptr(CcProduct) there = NULL;
  CcSyncReport report;

  g_assert_cmpstr (code_a, ==, "A");
  g_assert_cmpstr (code_b, ==, "B");

  id = make_product (a, "Neem wood spoon", 45000);
  g_assert_cmpint (cc_store_outbox_count (a), >, 0);
  report = sync_ok (a);
  g_assert_cmpint (report.pushed, >, 0);
  g_assert_cmpint (cc_store_outbox_count (a), ==, 0);

  report = sync_ok (b);
  g_assert_cmpint (report.pulled_foreign, ==, report.pulled);
  g_assert_cmpint (report.pulled, >, 0);
  there = cc_catalogue_get_product (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (there, "en"), ==, "Neem wood spoon");
  g_assert_cmpint (there->price, ==, 45000);

  /* An edit on B comes back to A; nothing new is left to send or fetch. */
  set_price (b, id, 47500);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (product_price (a, id), ==, 47500);
  report = sync_ok (a);
  g_assert_cmpint (report.pushed, ==, 0);
  g_assert_cmpint (report.pulled, ==, 0);
}

/* Both offline, both change the price: after syncing both ways both hold
 * the same winner and the same conflict; settling on one settles it on
 * both. */
static void
test_concurrent_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  g_autofree char *id = make_product (a, "Teak bowl", 120000);
  CcConflict *ca, *cb;

  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (product_price (b, id), ==, 120000);

  set_price (a, id, 110000);
  set_price (b, id, 130000);
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  g_assert_cmpint (product_price (a, id), ==, product_price (b, id));
  conflicts_a = cc_store_conflicts_list_full (a, &error);
  g_assert_no_error (error);
  conflicts_b = cc_store_conflicts_list_full (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts_a->len, ==, 1);
  g_assert_cmpuint (conflicts_b->len, ==, 1);
  ca = g_ptr_array_index (conflicts_a, 0);
  cb = g_ptr_array_index (conflicts_b, 0);
  g_assert_cmpstr (ca->change_id, ==, cb->change_id);
  g_assert_cmpstr (ca->winner_change_id, ==, cb->winner_change_id);
  g_assert_cmpstr (ca->value, ==, cb->value);
  g_assert_cmpstr (ca->winner_value, ==, cb->winner_value);
  g_assert_cmpstr (ca->entity, ==, "product");
  g_assert_cmpstr (ca->reg, ==, "price");
  {
    g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, product_price (a, id));

    g_assert_cmpstr (ca->winner_value, ==, shown);
  }

  /* Settle on A with the value that lost: an ordinary write, and the
   * conflict is settled on B too once it syncs. */
  {
    g_autofree char *lost = g_strdup (ca->value);
    gint64 lost_price = g_ascii_strtoll (lost, NULL, 10);

    g_assert_true (cc_store_conflict_settle (a, ca->change_id, json_from_string (lost, NULL), &error));
    g_assert_no_error (error);
    sync_ok (a);
    sync_ok (b);
    g_assert_cmpint (product_price (a, id), ==, lost_price);
    g_assert_cmpint (product_price (b, id), ==, lost_price);
  }
  g_clear_pointer (&conflicts_a, g_ptr_array_unref);
  g_clear_pointer (&conflicts_b, g_ptr_array_unref);
  conflicts_a = cc_store_conflicts_list_full (a, &error);
  conflicts_b = cc_store_conflicts_list_full (b, &error);
  g_assert_cmpuint (conflicts_a->len, ==, 0);
  g_assert_cmpuint (conflicts_b->len, ==, 0);
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", "settled = 1"), ==, 1);
}

/* A device that pulls a concurrent write and its settling in one page
 * records the conflict and the settling together. */
static void
test_settle_with_conflict (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *id = make_product (a, "Sheesham tray", 90000);
  CcConflict *conflict;

  sync_ok (a);
  sync_ok (b);
  set_price (a, id, 91000);
  set_price (b, id, 92000);
  sync_ok (a);
  sync_ok (b);
  conflicts = cc_store_conflicts_list_full (b, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_true (cc_store_conflict_settle (b, conflict->change_id, cc_value_int (93000), &error));
  g_assert_no_error (error);
  sync_ok (b);

  /* A now pulls B's write, the conflict and its settling in one go. */
  sync_ok (a);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = cc_store_conflicts_list_full (a, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (cc_test_count_rows (a, "conflicts", "settled = 1"), ==, 1);
  g_assert_cmpint (product_price (a, id), ==, 93000);
}

static char *
write_png (const char *dir,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("piece-%08x.png", rgba);
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

/* A photo added on A arrives on B with its bytes. */
static void
test_photo_travels (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *png = write_png (dir, 0x8a5a2bff);
  g_autofree char *id = make_product (a, "Carved box", 250000);
  g_autofree char *photo_id = cc_photos_add_file (a, id, png, &error);
  g_autoptr(GPtrArray) photos_a = cc_photos_list (a, id);
  const char *sha256 = ((CcPhoto *)g_ptr_array_index (photos_a, 0))->sha256;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *bytes_b = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  gsize len_a = 0, len_b = 0;
  CcSyncReport report;

  g_assert_no_error (error);
  g_assert_nonnull (photo_id);
  g_assert_cmpuint (photos_a->len, ==, 1);

  report = sync_ok (a);
  g_assert_cmpint (report.blobs_up, ==, 1);
  report = sync_ok (b);
  g_assert_cmpint (report.blobs_down, ==, 1);

  photos = cc_photos_list (b, id);
  g_assert_cmpuint (photos->len, ==, 1);
  g_assert_cmpstr (((CcPhoto *)g_ptr_array_index (photos, 0))->sha256, ==, sha256);
  path_a = cc_photos_dup_blob_path (cc_store_get_data_dir (a), sha256);
  path_b = cc_photos_dup_blob_path (cc_store_get_data_dir (b), sha256);
  g_assert_cmpstr (path_a, !=, path_b);
  g_assert_true (g_file_get_contents (path_a, &bytes_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (path_b, &bytes_b, &len_b, NULL));
  g_assert_cmpmem (bytes_a, len_a, bytes_b, len_b);
  /* Nothing is left wanted, and the next round fetches nothing. */
  {
    g_auto(GStrv) wanted = cc_store_dup_meta_keys (b, CC_SYNC_META_WANTED_BLOB);

    g_assert_cmpuint (g_strv_length (wanted), ==, 0);
  }
  report = sync_ok (b);
  g_assert_cmpint (report.blobs_down, ==, 0);
}

/* The shop was reset on the server: a device enrolling in the new shop
 * brings everything it holds, also what it had from other devices, and a
 * new device gets all of it. */
static void
test_new_shop_gets_everything (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(CcStore) c = NULL;
  g_autoptr(CcProduct) from_a = NULL;
  g_autoptr(CcProduct) from_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *code = cc_sync_test_create_shop (f->db_uri, "Arjun again", NULL);
  g_autofree char *code_c = cc_sync_test_new_code (f->db_uri, "Arjun again");
  g_autofree char *path_c = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *id_a = make_product (a, "Kadam comb", 12000);
  g_autofree char *id_b = NULL;

  sync_ok (a);
  sync_ok (b);
  id_b = make_product (b, "Bamboo whisk", 8000);
  set_price (b, id_a, 12500);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (cc_store_outbox_count (a), ==, 0);

  g_assert_true (cc_sync_enrol (a, f->server->base_url, code, "workshop", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (a), >, 0);
  sync_ok (a);

  c = cc_store_open (path_c, &error);
  g_assert_no_error (error);
  g_assert_true (cc_sync_enrol (c, f->server->base_url, code_c, "new laptop", NULL, &error));
  g_assert_no_error (error);
  sync_ok (c);
  from_a = cc_catalogue_get_product (c, id_a, &error);
  g_assert_no_error (error);
  from_b = cc_catalogue_get_product (c, id_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (from_a, "en"), ==, "Kadam comb");
  g_assert_cmpint (from_a->price, ==, 12500);
  g_assert_cmpstr (cc_product_get_title (from_b, "en"), ==, "Bamboo whisk");
  /* The same registers, the same stamps: no conflicts from the move. */
  g_assert_cmpint (cc_test_count_rows (c, "conflicts", NULL), ==, 0);
  {
    g_autofree char *stamp_a = cc_store_dup_register_stamp (a, "product", id_a, "price");
    g_autofree char *stamp_c = cc_store_dup_register_stamp (c, "product", id_a, "price");

    g_assert_cmpstr (stamp_a, ==, stamp_c);
  }
}

/* A server that rate limits: the round stops with the wait it asked for,
 * keeps what it did, and later rounds finish the job. */
static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const slow[] = { "--rate", "2", NULL };
  g_autoptr(CcStore) a = NULL;
  g_autoptr(CcStore) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *id = NULL;
  CcSyncReport report = { 0 };
  gint64 outbox;
  guint rounds = 0;
  gboolean limited = FALSE;

  cc_sync_test_server_free (f->server);
  f->server = cc_sync_test_server_start (f->db_uri, slow);
  a = enrolled_store (f, "workshop");
  b = enrolled_store (f, "stall");
  id = make_product (a, "Painted box", 80000);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *png = write_png (dir, 0x10203000 + i * 0x1f1f0000 + 0xff);
      g_autofree char *photo_id = cc_photos_add_file (a, id, png, &error);

      g_assert_no_error (error);
    }
  outbox = cc_store_outbox_count (a);

  for (;;)
    {
      g_clear_error (&error);
      if (cc_sync_run (a, NULL, NULL, &report, NULL, &error))
        break;
      g_assert_error (error, CC_ERROR, CC_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "busy"));
      g_assert_cmpint (report.retry_after_s, >=, 1);
      if (!limited)
        g_assert_cmpint (cc_store_outbox_count (a), ==, outbox);
      limited = TRUE;
      g_assert_cmpuint (++rounds, <, 30);
      g_usleep (report.retry_after_s * G_USEC_PER_SEC);
    }
  g_assert_true (limited);
  g_assert_cmpint (cc_store_outbox_count (a), ==, 0);

  for (rounds = 0; !cc_sync_run (b, NULL, NULL, &report, NULL, NULL); rounds++)
    {
      g_assert_cmpuint (rounds, <, 30);
      g_usleep (MAX (report.retry_after_s, 1) * G_USEC_PER_SEC);
    }
  photos = cc_photos_list (b, id);
  g_assert_cmpuint (photos->len, ==, 6);
  for (guint i = 0; i < photos->len; i++)
    {
      g_autofree char *path = cc_photos_dup_blob_path (cc_store_get_data_dir (b),
                                                       ((CcPhoto *)g_ptr_array_index (photos, i))->sha256);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

/* Arjun's journey: 12 spoons; the stall sells 3 at once, the workshop
 * ships an order of 2; after syncing both count 7. */
static void
test_stock_journey (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "stall");
  g_autoptr(CcStore) b = enrolled_store (f, "workshop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(CcOrder) shipped = NULL;
  g_autofree char *spoons = make_product (a, "Spoon", 30000);
  g_autofree char *sale_id = NULL;
  g_autofree char *order_id = NULL;
  g_autoptr(CcOrder) sale = NULL;

  g_assert_true (cc_inventory_adjust (a, spoons, NULL, 12, "count", NULL, &error));
  g_assert_no_error (error);
  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (on_hand (b, spoons), ==, 12);

  g_ptr_array_add (lines, cc_order_line_new (spoons, NULL, 3));
  g_assert_true (cc_orders_quick_sale (a, lines, "cash", -1, &sale_id, &error));
  g_assert_no_error (error);

  g_ptr_array_add (order->lines, cc_order_line_new (spoons, NULL, 2));
  order_id = cc_orders_create_confirmed_order (b, order, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cc_orders_set_status (b, order_id, CC_ORDER_SHIPPED, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (on_hand (a, spoons), ==, 9);
  g_assert_cmpint (on_hand (b, spoons), ==, 10);

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (on_hand (a, spoons), ==, 7);
  g_assert_cmpint (on_hand (b, spoons), ==, 7);

  /* Order numbers carry the enrolment's device codes. */
  sale = cc_orders_get_order (b, sale_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sale->number, "A-"));
  shipped = cc_orders_get_order (a, order_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (shipped->number, "B-"));
  g_assert_cmpint (shipped->status, ==, CC_ORDER_SHIPPED);
}

/* The server stored a push but its answer never arrived: the device still
 * has the rows and pushes them again after the server restarts. They are
 * stored once and applied once elsewhere. */
static void
test_dropped_response (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(CcStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spoons = make_product (a, "Spoon", 30000);
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *before_path = g_build_filename (dir, "shop.db", NULL);
  gint64 n_outbox, n_server;
  CcSyncReport report;

  g_assert_true (cc_inventory_adjust (a, spoons, NULL, 5, "count", NULL, &error));
  g_assert_no_error (error);
  n_outbox = cc_store_outbox_count (a);

  /* The device as it was before the answer came: same id, same outbox. */
  g_assert_true (cc_store_backup (a, before_path, &error));
  g_assert_no_error (error);
  report = sync_ok (a);
  g_assert_cmpint (report.pushed, ==, n_outbox);
  n_server = server_change_count (f);
  g_assert_cmpint (n_server, ==, n_outbox);

  cc_sync_test_server_restart (f->server);
  again = cc_store_open (before_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_store_get_device_id (again), ==, cc_store_get_device_id (a));
  g_assert_cmpint (cc_store_outbox_count (again), ==, n_outbox);
  follow_server (f, again);
  follow_server (f, b);
  report = sync_ok (again);
  g_assert_cmpint (report.pushed, ==, n_outbox);
  g_assert_cmpint (cc_store_outbox_count (again), ==, 0);
  g_assert_cmpint (server_change_count (f), ==, n_server);

  report = sync_ok (b);
  g_assert_cmpint (report.pulled, ==, n_outbox);
  g_assert_cmpint (on_hand (b, spoons), ==, 5);
  g_assert_cmpint (on_hand (again, spoons), ==, 5);
}

/* kill -9 of `craftchain-cli sync` in the middle of a large pull: the
 * next sync completes it, nothing lost, nothing applied twice. */
static void
test_killed_mid_pull (Fixture       *f,
                      gconstpointer  data)
{
  const guint n = 20000;
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  gint64 server_total, cursor_at_kill = 0, deadline;
  CcSyncReport report;

  g_assert_true (cc_store_begin (a, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("bulk-%05u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i);

      g_assert_true (cc_store_write (a, "setting", key, "value", cc_value_string (value), &error));
    }
  g_assert_true (cc_store_commit (a, &error));
  g_assert_no_error (error);
  sync_ok (a);
  server_total = server_change_count (f);
  g_assert_cmpint (server_total, >=, n);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            CLI_PATH, "--db", cc_store_get_path (b), "sync", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *cursor = cc_store_dup_meta (b, CC_SYNC_META_CURSOR);

      cursor_at_kill = cursor != NULL ? g_ascii_strtoll (cursor, NULL, 10) : 0;
      if (cursor_at_kill > 0)
        break;
      g_usleep (2000);
    }
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (cursor_at_kill, >, 0);
  g_assert_cmpint (cursor_at_kill, <, server_total);

  report = sync_ok (b);
  g_assert_cmpint (report.pulled, >, 0);
  g_assert_cmpint (cc_test_count_rows (b, "settings", "key LIKE 'bulk-%'"), ==, n);
  {
    g_autofree char *last = cc_store_dup_setting (b, "bulk-19999", NULL);

    g_assert_cmpstr (last, ==, "value 19999");
  }
  /* Every change seen exactly once: the server's count of them, no more. */
  g_assert_cmpint (cc_test_count_rows (b, "registers", "entity = 'setting' AND row_id LIKE 'bulk-%'"), ==, n);
  report = sync_ok (b);
  g_assert_cmpint (report.pulled, ==, 0);
}

/* The engine */

static gboolean
wait_for (CcSyncEngine *engine,
          CcSyncState   state,
          guint         seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (cc_sync_engine_get_state (engine) != state)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static void
count_syncing (CcSyncEngine *engine,
               GParamSpec   *pspec,
               guint        *n)
{
  if (cc_sync_engine_get_state (engine) == CC_SYNC_STATE_SYNCING)
    (*n)++;
}

static void
count_changed (CcSyncEngine *engine,
               guint        *n)
{
  (*n)++;
}

/* The engine syncs in the background, reports "changed" when others'
 * changes arrived, and wakes on a poke. */
static void
test_engine_background (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(CcSyncEngine) engine_a = cc_sync_engine_new (cc_store_get_path (a));
  g_autoptr(CcSyncEngine) engine_b = cc_sync_engine_new (cc_store_get_path (b));
  g_autoptr(CcProduct) there = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint changed_b = 0;
  gint64 deadline;

  g_signal_connect (engine_b, "changed", G_CALLBACK (count_changed), &changed_b);
  cc_sync_engine_start (engine_a);
  cc_sync_engine_start (engine_b);
  g_assert_true (wait_for (engine_a, CC_SYNC_STATE_UP_TO_DATE, 20));
  g_assert_true (wait_for (engine_b, CC_SYNC_STATE_UP_TO_DATE, 20));
  g_assert_cmpint (cc_sync_engine_get_last_success (engine_a), >, 0);

  id = make_product (a, "Mango wood ladle", 35000);
  cc_sync_engine_poke (engine_a);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cc_store_outbox_count (a) > 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpint (cc_store_outbox_count (a), ==, 0);

  cc_sync_engine_sync_now (engine_b);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (changed_b == 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_cmpuint (changed_b, >=, 1);
  cc_store_refresh (b);
  there = cc_catalogue_get_product (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (there, "en"), ==, "Mango wood ladle");
  g_assert_cmpint (cc_sync_engine_get_pending (engine_a), ==, 0);

  cc_sync_engine_stop (engine_a);
  cc_sync_engine_stop (engine_b);
  g_assert_finalize_object (g_steal_pointer (&engine_a));
  g_assert_finalize_object (g_steal_pointer (&engine_b));
}

/* A store without enrolment: the engine says so and does nothing. */
static void
test_engine_not_enrolled (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);
  g_autoptr(CcSyncEngine) engine = cc_sync_engine_new (path);
  guint n_syncing = 0;

  g_assert_no_error (error);
  g_signal_connect (engine, "notify::state", G_CALLBACK (count_syncing), &n_syncing);
  cc_sync_engine_start (engine);
  cc_sync_engine_poke (engine);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_NOT_ENROLLED, 5));
  g_assert_false (cc_sync_run (store, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_syncing, ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "meta", "key LIKE 'sync_%'"), ==, 0);
  cc_sync_engine_stop (engine);
}

/* A revoked device: error state with the reason, and no more retries. */
static void
test_engine_revoked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcStore) b = enrolled_store (f, "stall");
  g_autoptr(CcSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_error = NULL;
  g_autofree char *id = NULL;
  guint n_syncing = 0;
  gint64 outbox;

  sync_ok (b);
  g_assert_cmpint (cc_sync_test_run_admin (f->db_uri, NULL, "device", "revoke", SHOP, "B", NULL), ==, 0);

  id = make_product (b, "Walnut comb", 15000);
  outbox = cc_store_outbox_count (b);
  g_assert_false (cc_sync_run (b, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "This device was revoked or the shop was reset: enrol again");
  g_assert_cmpint (cc_store_outbox_count (b), ==, outbox);
  last_error = cc_store_dup_meta (b, CC_SYNC_META_LAST_ERROR);
  g_assert_cmpstr (last_error, ==, error->message);

  engine = cc_sync_engine_new (cc_store_get_path (b));
  g_signal_connect (engine, "notify::state", G_CALLBACK (count_syncing), &n_syncing);
  cc_sync_engine_start (engine);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_ERROR, 20));
  g_assert_cmpstr (cc_sync_engine_get_reason (engine), ==,
                   "This device was revoked or the shop was reset: enrol again");
  g_assert_cmpint (cc_sync_engine_get_pending (engine), ==, outbox);

  /* Pokes from local writes do not start rounds again. */
  cc_sync_engine_poke (engine);
  cc_sync_engine_poke (engine);
  {
    gint64 until = g_get_monotonic_time () + 1500 * 1000;

    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
  }
  g_assert_cmpuint (n_syncing, ==, 1);
  g_assert_cmpint (cc_sync_engine_get_state (engine), ==, CC_SYNC_STATE_ERROR);

  /* A still syncs: only B was revoked, and B's edit never reached it. */
  sync_ok (a);
  g_assert_null (cc_catalogue_get_product (a, id, NULL));
  cc_sync_engine_stop (engine);
}

/* Server down: offline with the reason, retries that back off, and it
 * recovers on its own when the server returns. */
static void
test_engine_server_down (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CcStore) a = enrolled_store (f, "workshop");
  g_autoptr(CcSyncEngine) engine = cc_sync_engine_new (cc_store_get_path (a));
  g_autofree char *id = make_product (a, "Rosewood pen", 60000);
  g_autofree char *last_error = NULL;
  guint n_syncing = 0;
  gint64 until;

  cc_sync_test_server_stop (f->server);
  g_signal_connect (engine, "notify::state", G_CALLBACK (count_syncing), &n_syncing);
  cc_sync_engine_start (engine);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_OFFLINE, 20));
  g_assert_nonnull (cc_sync_engine_get_reason (engine));
  g_assert_nonnull (strstr (cc_sync_engine_get_reason (engine), "cannot be reached"));
  g_assert_cmpint (cc_sync_engine_get_pending (engine), ==, cc_store_outbox_count (a));
  last_error = cc_store_dup_meta (a, CC_SYNC_META_LAST_ERROR);
  g_assert_nonnull (last_error);

  /* Backoff: 0.5–1 s, then 1–2 s, then 2–4 s: a handful of tries in four
   * seconds, not a busy loop. */
  until = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_assert_cmpuint (n_syncing, >=, 2);
  g_assert_cmpuint (n_syncing, <=, 5);
  g_assert_cmpint (cc_sync_engine_get_state (engine), ==, CC_SYNC_STATE_OFFLINE);

  cc_sync_test_server_restart (f->server);
  follow_server (f, a);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_UP_TO_DATE, 30));
  g_assert_null (cc_sync_engine_get_reason (engine));
  g_assert_cmpint (cc_store_outbox_count (a), ==, 0);
  g_clear_pointer (&last_error, g_free);
  last_error = cc_store_dup_meta (a, CC_SYNC_META_LAST_ERROR);
  g_assert_null (last_error);
  cc_sync_engine_stop (engine);
}

/* Enrolment through the engine, and refusals that change nothing. */
static void
on_enrolled (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!cc_sync_engine_enrol_finish (CC_SYNC_ENGINE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static void
test_engine_enrol (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);
  g_autoptr(CcSyncEngine) engine = cc_sync_engine_new (path);
  g_autofree char *code = cc_sync_test_new_code (f->db_uri, SHOP);
  g_autofree char *device_code = NULL;
  GError *result = NULL;

  g_assert_no_error (error);

  /* A wrong code and a bad address are refused; nothing is stored. */
  g_assert_false (cc_sync_enrol (store, f->server->base_url, "ZZZZ-ZZZZ-ZZZZ", NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (cc_sync_enrol (store, "ftp://example.org", code, NULL, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_sync_is_enrolled (store));
  g_assert_cmpint (cc_test_count_rows (store, "meta", "key LIKE 'sync_%'"), ==, 0);

  cc_sync_engine_start (engine);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_NOT_ENROLLED, 5));
  cc_sync_engine_enrol_async (engine, f->server->base_url, code, "market laptop", NULL, on_enrolled, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&result);
  g_assert_true (wait_for (engine, CC_SYNC_STATE_UP_TO_DATE, 20));
  g_assert_true (cc_sync_is_enrolled (store));
  device_code = cc_orders_dup_device_code (store);
  g_assert_cmpstr (device_code, ==, "A");

  /* The code was single use. */
  cc_sync_engine_enrol_async (engine, f->server->base_url, code, NULL, NULL, on_enrolled, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&result);
  cc_sync_engine_stop (engine);
}

/* The CLI */

static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (char *)CLI_PATH);
  g_ptr_array_add (argv, (char *)"--db");
  g_ptr_array_add (argv, (char *)db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL,
                               (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                               (err == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                               NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db_a = new_db_path ();
  g_autofree char *db_b = new_db_path ();
  g_autofree char *code_a = cc_sync_test_new_code (f->db_uri, SHOP);
  g_autofree char *code_b = cc_sync_test_new_code (f->db_uri, SHOP);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *conflict_id = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  JsonArray *items;

  /* Not enrolled: status says so; sync fails with the reason. */
  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "not connected"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "sync enrol"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", "enrol", f->server->base_url, code_a, "--name", "workshop", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "device A"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* A used code: exit 1 with the reason. */
  g_assert_cmpint (run_cli (db_b, &out, &err, "sync", "enrol", f->server->base_url, code_a, NULL), ==, 1);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_b, &out, &err, "--json", "sync", "enrol", f->server->base_url, code_b, NULL), ==, 0);
  object = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "device_code"), ==, "B");
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db_a, &out, &err, "products", "add", "--title", "Jali lamp", "--price", "2400", NULL), ==, 0);
  id = g_strstrip (g_strdup (out));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db_a, &out, &err, "--json", "sync", "status", NULL), ==, 0);
  object = parse_object (out);
  g_assert_true (json_object_get_boolean_member (object, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (object, "server"), ==, f->server->base_url);
  g_assert_cmpstr (json_object_get_string_member (object, "shop_name"), ==, SHOP);
  g_assert_cmpstr (json_object_get_string_member (object, "device_code"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (object, "pending"), >, 0);
  g_assert_true (json_object_get_null_member (object, "last_success"));
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Up to date"));
  g_assert_nonnull (strstr (err, "Sending changes"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_b, &out, &err, "--json", "sync", NULL), ==, 0);
  object = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "pulled_from_others"), >, 0);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Both change the price offline; the conflict shows on both. */
  g_assert_cmpint (run_cli (db_a, &out, &err, "products", "edit", id, "--price", "2500", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_b, &out, &err, "products", "edit", id, "--price", "2600", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, NULL, NULL, "sync", NULL), ==, 0);
  g_assert_cmpint (run_cli (db_b, NULL, NULL, "sync", NULL), ==, 0);
  g_assert_cmpint (run_cli (db_a, NULL, NULL, "sync", NULL), ==, 0);

  g_assert_cmpint (run_cli (db_a, &out, &err, "--json", "conflicts", "list", NULL), ==, 0);
  object = parse_object (out);
  items = json_object_get_array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  conflict_id = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "field"), ==, "price");
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_b, &out, &err, "conflicts", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, conflict_id));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad settles change nothing. */
  g_assert_cmpint (run_cli (db_a, &out, &err, "conflicts", "settle", conflict_id, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, &out, &err, "conflicts", "settle", "0000", "--keep", "mine", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, &out, &err, "conflicts", "settle", conflict_id, "--keep", "{oops", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, &out, &err, "--json", "sync", "status", NULL), ==, 0);
  object = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "pending"), ==, 0);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Settle with a value of our own (in minor units, as stored). */
  g_assert_cmpint (run_cli (db_a, &out, &err, "conflicts", "settle", conflict_id, "--keep", "255000", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, NULL, NULL, "sync", NULL), ==, 0);
  g_assert_cmpint (run_cli (db_b, NULL, NULL, "sync", NULL), ==, 0);
  g_assert_cmpint (run_cli (db_b, &out, &err, "--json", "conflicts", "list", NULL), ==, 0);
  object = parse_object (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 0);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_b, &out, &err, "--json", "products", "show", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "255000"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Settled already. */
  g_assert_cmpint (run_cli (db_b, &out, &err, "conflicts", "settle", conflict_id, "--keep", "mine", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The server gone: exit 1 with the reason. */
  cc_sync_test_server_stop (f->server);
  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db_a, &out, &err, "sync", "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Last error"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/engine/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("edits-arrive", test_edits_arrive);
  ADD ("concurrent-edit-conflict", test_concurrent_edit);
  ADD ("settle-arrives-with-conflict", test_settle_with_conflict);
  ADD ("photo-travels-with-blob", test_photo_travels);
  ADD ("stock-journey", test_stock_journey);
  ADD ("rate-limited", test_rate_limited);
  ADD ("new-shop-gets-everything", test_new_shop_gets_everything);
  ADD ("dropped-response-applied-once", test_dropped_response);
  ADD ("killed-mid-pull", test_killed_mid_pull);
  ADD ("background", test_engine_background);
  ADD ("revoked", test_engine_revoked);
  ADD ("server-down-backoff", test_engine_server_down);
  ADD ("enrol", test_engine_enrol);
  ADD ("cli", test_cli);
  g_test_add_func ("/sync/engine/not-enrolled", test_engine_not_enrolled);

  return g_test_run ();
}
