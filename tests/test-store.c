/* test-store.c — the shop database: open, migrate, outbox, apply, backup.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cc-catalogue.h"
#include "cc-schema.h"
#include "cc-search.h"
#include "cc-store.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

static char *
new_db_path (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();

  return g_build_filename (dir, "shop.db", NULL);
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
  g_assert_nonnull (id);
  return id;
}

static int
pragma_int (CcStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_open_creates (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nested", "deeper", "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (cc_schema_n_migrations, ==, CC_STORE_SCHEMA_VERSION);
  g_assert_true (cc_uuid_is_valid (cc_store_get_device_id (store)));

  /* WAL, synchronous=FULL (2), foreign keys on. */
  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
}

static void
test_identity_persists (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *stamp_before = NULL;
  g_autofree char *id = NULL;
  CcHlcStamp later;
  CcHlcStamp before;
  CcStore *store;

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  device = g_strdup (cc_store_get_device_id (store));
  id = make_product (store, "Mug", 100);
  stamp_before = cc_store_dup_register_stamp (store, "product", id, "title@en");
  g_assert_nonnull (stamp_before);
  g_assert_finalize_object (store);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_store_get_device_id (store), ==, device);

  /* The clock resumes above everything it stamped before the restart. */
  g_assert_true (cc_hlc_stamp_parse (stamp_before, &before, NULL));
  cc_hlc_now (cc_store_get_clock (store), &later);
  g_assert_cmpint (cc_hlc_stamp_compare (&later, &before), >, 0);
  g_assert_finalize_object (store);
}

static void
test_refuses_not_a_database (void)
{
  g_autofree char *path = new_db_path ();
  const char text[] = "name,price\nmug,12\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize length;
  CcStore *store;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  store = cc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a CraftChain"));

  /* Left exactly as it was. */
  g_assert_true (g_file_get_contents (path, &after, &length, NULL));
  g_assert_cmpmem (after, length, text, strlen (text));
}

static void
test_refuses_foreign_sqlite (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  CcStore *store;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
}

static void
test_refuses_newer_version (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", CC_STORE_SCHEMA_VERSION + 1);
  CcStore *store;
  sqlite3 *db = NULL;

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_refuses_damaged (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  CcStore *store;

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_free (make_product (store, "Vase", 500));
  g_assert_finalize_object (store);

  /* Keep the SQLite header, overwrite the schema page with garbage. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  for (gsize i = 100; i < 4096; i++)
    contents[i] = (char)(i * 7);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = cc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
}

/* A version-1 database with data in it opens at the current version,
 * data intact, and the search index (added in version 2) filled. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  const char *queries[] = { "indigo", "vas", "v", "नी", "नीला", "VASE-1" };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO meta VALUES ('device_id', '0190a000-0000-7000-8000-000000000001');"
                                 "INSERT INTO products (id, sku, price, currency, title) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000aa', 'VASE-1', 45000, 'INR', 'Blue vase');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'en', 'Blue vase', 'Tall');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'hi', 'नीला फूलदान', '');"
                                 "INSERT INTO product_tags VALUES ('0190a000-0000-7000-8000-0000000000aa', 'indigo', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (cc_store_get_device_id (store), ==, "0190a000-0000-7000-8000-000000000001");

  product = cc_catalogue_get_product (store, "VASE-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (product->price, ==, 45000);
  g_assert_cmpstr (cc_product_get_title (product, "hi"), ==, "नीला फूलदान");

  /* The index added by version 2 holds the rows that were already there. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      CcSearchQuery query = CC_SEARCH_QUERY_INIT;

      query.text = queries[i];
      g_assert_cmpint (cc_search_count (store, &query, &error), ==, 1);
      g_assert_no_error (error);
    }
}

static void
test_outbox_per_write (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  gint64 before;

  g_assert_cmpint (cc_store_outbox_count (store), ==, 0);

  g_assert_true (cc_store_set_setting (store, "shop-name", "Clay & Thread", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);

  /* Writing the same value again is no change at all. */
  g_assert_true (cc_store_set_setting (store, "shop-name", "Clay & Thread", &error));
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);

  before = cc_store_outbox_count (store);
  id = make_product (store, "Teapot", 120000);
  g_assert_cmpint (cc_store_outbox_count (store), >, before);

  changes = cc_store_outbox_list (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, cc_store_outbox_count (store));
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      g_assert_true (cc_change_validate (change, NULL));
      g_assert_cmpstr (change->device, ==, cc_store_get_device_id (store));
      /* Stamps rise in outbox order. */
      if (i > 0)
        g_assert_cmpstr (((CcChange *)g_ptr_array_index (changes, i - 1))->hlc, <, change->hlc);
    }
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (changes, 0))->entity, ==, "setting");
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (changes, 0))->value, ==, "\"Clay & Thread\"");
}

static void
test_outbox_remove (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const char *ids[1];

  g_assert_true (cc_store_set_setting (store, "currency", "INR", &error));
  g_assert_true (cc_store_set_setting (store, "languages", "en,hi", &error));
  changes = cc_store_outbox_list (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);

  ids[0] = ((CcChange *)g_ptr_array_index (changes, 0))->change_id;
  g_assert_true (cc_store_outbox_remove (store, ids, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);

  /* The server sends it back in a pull: it is skipped, nothing queued. */
  g_assert_true (cc_store_apply_changes (store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);
  again = cc_store_outbox_list (store, 0, &error);
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (again, 0))->entity, ==, "setting");
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (again, 0))->row_id, ==, "languages");
}

static CcChange *
remote_change (CcHlc      *clock,
               const char *entity,
               const char *row_id,
               const char *reg,
               const char *value,
               const char *base)
{
  CcChange *change = cc_change_new ();
  CcHlcStamp stamp;

  cc_hlc_now (clock, &stamp);
  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup (entity);
  change->row_id = g_strdup (row_id);
  change->reg = g_strdup (reg);
  change->value = g_strdup (value);
  change->hlc = cc_hlc_stamp_to_string (&stamp);
  change->base_hlc = g_strdup (base);
  change->device = g_strdup (cc_hlc_get_node (clock));
  return change;
}

static void
test_apply_not_queued (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcHlc) other = cc_hlc_new ("0190b000-0000-7000-8000-0000000000bb");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_ptr_array_add (batch, remote_change (other, "setting", "shop-name", "value", "\"Remote shop\"", NULL));
  g_assert_true (cc_store_apply_changes (store, batch, &error));
  g_assert_no_error (error);

  name = cc_store_dup_setting (store, "shop-name", NULL);
  g_assert_cmpstr (name, ==, "Remote shop");
  g_assert_cmpint (cc_store_outbox_count (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "seen_changes", NULL), ==, 1);

  /* A retried batch is applied once. */
  g_assert_true (cc_store_apply_changes (store, batch, &error));
  g_assert_cmpint (cc_store_outbox_count (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "seen_changes", NULL), ==, 1);
}

static void
test_apply_bad_batch_changes_nothing (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcHlc) other = cc_hlc_new ("0190b000-0000-7000-8000-0000000000bb");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *product_id = cc_uuid_v7_new ();
  CcChange *bad;

  g_ptr_array_add (batch, remote_change (other, "product", product_id, "title@en", "\"Good\"", NULL));
  bad = remote_change (other, "product", product_id, "price", "\"not a number\"", NULL);
  g_ptr_array_add (batch, bad);

  g_assert_false (cc_store_apply_changes (store, batch, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "seen_changes", NULL), ==, 0);

  /* Unknown entity. */
  g_free (bad->value);
  bad->value = g_strdup ("100");
  g_free (bad->entity);
  bad->entity = g_strdup ("spaceship");
  g_assert_false (cc_store_apply_changes (store, batch, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 0);
}

/* Two devices edit one register without seeing each other's edit: the
 * higher stamp wins on both, and both record the same loser. */
static void
test_concurrent_conflict (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  CcChange *last_a, *last_b;
  const char *winner;

  g_assert_true (cc_store_set_setting (a, "shop-name", "Workshop", &error));
  g_assert_true (cc_store_set_setting (b, "shop-name", "Market stall", &error));
  from_a = cc_store_outbox_list (a, 0, &error);
  from_b = cc_store_outbox_list (b, 0, &error);

  g_assert_true (cc_store_apply_changes (a, from_b, &error));
  g_assert_no_error (error);
  g_assert_true (cc_store_apply_changes (b, from_a, &error));
  g_assert_no_error (error);

  last_a = g_ptr_array_index (from_a, 0);
  last_b = g_ptr_array_index (from_b, 0);
  winner = strcmp (last_a->hlc, last_b->hlc) > 0 ? "Workshop" : "Market stall";

  name_a = cc_store_dup_setting (a, "shop-name", NULL);
  name_b = cc_store_dup_setting (b, "shop-name", NULL);
  g_assert_cmpstr (name_a, ==, winner);
  g_assert_cmpstr (name_b, ==, winner);
  g_assert_cmpint (cc_test_count_rows (a, "conflicts", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (a, "conflicts", strcmp (winner, "Workshop") == 0
                                       ? "value = '\"Market stall\"'" : "value = '\"Workshop\"'"), ==, 1);
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", strcmp (winner, "Workshop") == 0
                                       ? "value = '\"Market stall\"'" : "value = '\"Workshop\"'"), ==, 1);
}

/* An edit made on top of a value that came from elsewhere is no conflict. */
static void
test_sequential_no_conflict (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *ids[1];

  g_assert_true (cc_store_set_setting (a, "shop-name", "First", &error));
  first = cc_store_outbox_list (a, 0, &error);
  g_assert_true (cc_store_apply_changes (b, first, &error));
  g_assert_true (cc_store_set_setting (b, "shop-name", "Second", &error));
  second = cc_store_outbox_list (b, 0, &error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (second, 0))->base_hlc, ==,
                   ((CcChange *)g_ptr_array_index (first, 0))->hlc);

  ids[0] = ((CcChange *)g_ptr_array_index (first, 0))->change_id;
  g_assert_true (cc_store_outbox_remove (a, ids, 1, &error));
  g_assert_true (cc_store_apply_changes (a, second, &error));
  g_assert_no_error (error);

  name = cc_store_dup_setting (a, "shop-name", NULL);
  g_assert_cmpstr (name, ==, "Second");
  g_assert_cmpint (cc_test_count_rows (a, "conflicts", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", NULL), ==, 0);

  /* The older one arriving late on b changes nothing and is no conflict. */
  g_assert_true (cc_store_apply_changes (b, first, &error));
  g_clear_pointer (&name, g_free);
  name = cc_store_dup_setting (b, "shop-name", NULL);
  g_assert_cmpstr (name, ==, "Second");
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", NULL), ==, 0);
}

static void
test_transaction_rollback (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_set_setting (store, "shop-name", "Never", &error));
  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_set_setting (store, "currency", "USD", &error));
  cc_store_rollback (store);
  g_assert_true (cc_store_commit (store, &error));
  g_assert_no_error (error);

  /* The inner part is undone, the outer part kept. */
  name = cc_store_dup_setting (store, "currency", "none");
  g_assert_cmpstr (name, ==, "none");
  g_clear_pointer (&name, g_free);
  name = cc_store_dup_setting (store, "shop-name", NULL);
  g_assert_cmpstr (name, ==, "Never");
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);

  g_assert_true (cc_store_begin (store, &error));
  g_assert_true (cc_store_set_setting (store, "currency", "EUR", &error));
  cc_store_rollback (store);
  g_assert_cmpint (cc_store_outbox_count (store), ==, 1);
}

static void
test_languages (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_auto(GStrv) defaults = cc_store_dup_languages (store);
  g_auto(GStrv) set = NULL;

  g_assert_cmpuint (g_strv_length (defaults), ==, 1);
  g_assert_cmpstr (defaults[0], ==, "en");

  g_assert_true (cc_store_set_setting (store, "languages", " hi , en ,", NULL));
  set = cc_store_dup_languages (store);
  g_assert_cmpuint (g_strv_length (set), ==, 2);
  g_assert_cmpstr (set[0], ==, "hi");
  g_assert_cmpstr (set[1], ==, "en");
}

/* Changing the main language changes every display title, and search's
 * name order follows. */
static void
test_main_language_change (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *id = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  g_assert_true (cc_store_set_setting (store, "languages", "en,hi", &error));
  cc_product_set_title (product, "en", "Zebra mug");
  cc_product_set_title (product, "hi", "ज़ेबरा मग");
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_free (make_product (store, "Apple bowl", 10));

  query.sort = CC_SORT_NAME;
  hits = cc_search_run (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CcSearchHit *)g_ptr_array_index (hits, 1))->title, ==, "Zebra mug");
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (cc_store_set_setting (store, "languages", "hi,en", &error));
  g_assert_no_error (error);
  hits = cc_search_run (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  /* Latin sorts before Devanagari: the Hindi title now comes last. */
  g_assert_cmpstr (((CcSearchHit *)g_ptr_array_index (hits, 0))->title, ==, "Apple bowl");
  g_assert_cmpstr (((CcSearchHit *)g_ptr_array_index (hits, 1))->title, ==, "ज़ेबरा मग");
  g_clear_pointer (&hits, g_ptr_array_unref);

  query.text = "ज़े";
  hits = cc_search_run (store, &query, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *)g_ptr_array_index (hits, 0))->id, ==, id);
}

static void
test_backup_restore (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "shop-backup.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *device = g_strdup (cc_store_get_device_id (store));
  g_autoptr(CcProduct) found = NULL;

  kept = make_product (store, "Kept bowl", 900);
  g_assert_true (cc_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* Refuses to overwrite an existing file. */
  g_assert_false (cc_store_backup (store, backup, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);

  lost = make_product (store, "Made after the backup", 100);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);

  g_assert_true (cc_store_restore (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);
  found = cc_catalogue_get_product (store, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (found, "en"), ==, "Kept bowl");
  g_assert_null (cc_catalogue_get_product (store, lost, NULL));
  g_assert_cmpstr (cc_store_get_device_id (store), ==, device);

  /* The store keeps working after the swap. */
  g_free (make_product (store, "After restore", 50));
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);
}

static void
test_restore_refuses_corrupt (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_free (make_product (store, "Precious", 700));
  g_assert_true (cc_store_backup (store, backup, &error));

  /* Damage the backup past its header. */
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  for (gsize i = length / 2; i < length; i++)
    contents[i] = (char)0xA5;
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));

  g_assert_false (cc_store_restore (store, backup, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_clear_error (&error);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);

  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_assert_false (cc_store_restore (store, text, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_false (cc_store_restore (store, missing, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);
  g_free (make_product (store, "Still writable", 10));
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/open-creates", test_open_creates);
  g_test_add_func ("/core/store/identity-persists", test_identity_persists);
  g_test_add_func ("/core/store/refuses-not-a-database", test_refuses_not_a_database);
  g_test_add_func ("/core/store/refuses-foreign-sqlite", test_refuses_foreign_sqlite);
  g_test_add_func ("/core/store/refuses-newer-version", test_refuses_newer_version);
  g_test_add_func ("/core/store/refuses-damaged", test_refuses_damaged);
  g_test_add_func ("/core/store/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/core/store/outbox-per-write", test_outbox_per_write);
  g_test_add_func ("/core/store/outbox-remove", test_outbox_remove);
  g_test_add_func ("/core/store/apply-not-queued", test_apply_not_queued);
  g_test_add_func ("/core/store/apply-bad-batch-changes-nothing", test_apply_bad_batch_changes_nothing);
  g_test_add_func ("/core/store/concurrent-conflict", test_concurrent_conflict);
  g_test_add_func ("/core/store/sequential-no-conflict", test_sequential_no_conflict);
  g_test_add_func ("/core/store/transaction-rollback", test_transaction_rollback);
  g_test_add_func ("/core/store/languages", test_languages);
  g_test_add_func ("/core/store/main-language-change", test_main_language_change);
  g_test_add_func ("/core/store/backup-restore", test_backup_restore);
  g_test_add_func ("/core/store/restore-refuses-corrupt", test_restore_refuses_corrupt);

  return g_test_run ();
}
