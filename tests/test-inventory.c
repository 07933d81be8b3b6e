/* test-inventory.c — stock as a ledger: levels, moves, corrections, sync.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-schema.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

static char *
make_product (CcStore    *store,
              const char *title)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->price = 120000;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Later changes first: rows must not depend on arrival order. */
static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len - 1; array->len > 0 && i < j; i++, j--)
    {
      gpointer tmp = array->pdata[i];

      array->pdata[i] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static CcStockLevel
level_of (CcStore    *store,
          const char *product_id,
          const char *variant_id)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level;

  g_assert_true (cc_inventory_get_level (store, product_id, variant_id, &level, &error));
  g_assert_no_error (error);
  return level;
}

static void
record_move (CcStore       *store,
             const char    *id,
             const char    *product_id,
             gint64         delta,
             CcStockBucket  bucket,
             const char    *reason)
{
  g_autoptr(CcStockMove) move = cc_stock_move_new ();
  g_autoptr(GError) error = NULL;

  move->id = g_strdup (id);
  move->product_id = g_strdup (product_id);
  move->delta = delta;
  move->bucket = bucket;
  move->reason = g_strdup (reason);
  g_assert_true (cc_inventory_record (store, move, &error));
  g_assert_no_error (error);
}

/* Whatever sequence of corrections and reservations, the level is the sum
 * of the moves listed, and refused corrections leave no trace. */
static void
test_ledger_invariant (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Indigo scarf");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260314);
  const char *reasons[] = { "count", "damaged", "gift", "returned" };
  gint64 model_on_hand = 0;
  gint64 model_reserved = 0;
  guint refused = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) moves = NULL;
      gint64 delta = g_rand_int_range (rand, -6, 9);
      gint64 outbox_before = cc_store_outbox_count (store);
      CcStockLevel level;
      gint64 sum_on_hand = 0, sum_reserved = 0;

      if (delta == 0)
        delta = 1;

      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          /* A reservation or its release, as orders make them. */
          gint64 r = delta > 0 || model_reserved + delta >= 0 ? delta : -model_reserved;

          if (r == 0)
            continue;
          record_move (store, NULL, product, r, CC_STOCK_RESERVED, r > 0 ? "reserved" : "released");
          model_reserved += r;
        }
      else if (cc_inventory_adjust (store, product, NULL, delta,
                                    reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))],
                                    "shelf count", &error))
        {
          g_assert_no_error (error);
          g_assert_cmpint (model_on_hand + delta, >=, 0);
          g_assert_cmpint (cc_store_outbox_count (store), >, outbox_before);
          model_on_hand += delta;
        }
      else
        {
          g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
          g_assert_cmpint (model_on_hand + delta, <, 0);
          g_assert_cmpint (cc_store_outbox_count (store), ==, outbox_before);
          refused++;
          g_clear_error (&error);
        }

      level = level_of (store, product, NULL);
      moves = cc_inventory_list_moves (store, product, NULL, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < moves->len; j++)
        {
          CcStockMove *move = g_ptr_array_index (moves, j);

          if (move->bucket == CC_STOCK_ON_HAND)
            sum_on_hand += move->delta;
          else
            sum_reserved += move->delta;
        }
      g_assert_cmpint (level.on_hand, ==, sum_on_hand);
      g_assert_cmpint (level.reserved, ==, sum_reserved);
      g_assert_cmpint (level.on_hand, ==, model_on_hand);
      g_assert_cmpint (level.reserved, ==, model_reserved);
      g_assert_cmpint (level.available, ==, model_on_hand - model_reserved);
      g_assert_cmpint (level.on_hand, >=, 0);
    }
  /* The sequence did try to go below zero, so the refusal was exercised. */
  g_assert_cmpuint (refused, >, 0);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), >, 100);
}

/* The same effect (a deterministic id) recorded twice is one row and one
 * set of outbox entries. */
static void
test_record_idempotent (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Clay mug");
  g_autofree char *id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, "order-1/line-1/reserve");
  g_autofree char *where = g_strdup_printf ("row_id = '%s'", id);
  gint64 outbox_after_first;

  record_move (store, NULL, product, 5, CC_STOCK_ON_HAND, "made");
  record_move (store, id, product, 2, CC_STOCK_RESERVED, "reserved");
  outbox_after_first = cc_store_outbox_count (store);
  g_assert_cmpint (cc_test_count_rows (store, "outbox", where), ==, 4); /* product_id, bucket, reason, delta */

  record_move (store, id, product, 2, CC_STOCK_RESERVED, "reserved");
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox_after_first);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 2);
  g_assert_cmpint (level_of (store, product, NULL).reserved, ==, 2);
  g_assert_cmpint (level_of (store, product, NULL).available, ==, 3);
}

/* Every register of a move reaches the outbox, with the move's fields. */
static void
test_every_write_in_outbox (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Brass bell");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *where = NULL;
  g_autofree char *setting_where = NULL;
  CcStockMove *move;
  gboolean saw_delta = FALSE;

  g_assert_true (cc_inventory_adjust (store, product, NULL, 4, "count", "first count", &error));
  g_assert_no_error (error);
  moves = cc_inventory_list_moves (store, product, NULL, &error);
  g_assert_cmpuint (moves->len, ==, 1);
  move = g_ptr_array_index (moves, 0);

  where = g_strdup_printf ("entity = 'stock_move' AND row_id = '%s'", move->id);
  /* product_id, reason, note, delta: each once, each in registers. On hand
   * is the bucket column's default everywhere, so it is not sent. */
  g_assert_cmpint (cc_test_count_rows (store, "outbox", where), ==, 4);
  g_assert_cmpint (cc_test_count_rows (store, "registers", where), ==, 4);

  outbox = cc_store_outbox_list (store, 0, &error);
  for (guint i = 0; i < outbox->len; i++)
    {
      CcChange *change = g_ptr_array_index (outbox, i);

      if (g_strcmp0 (change->row_id, move->id) == 0 && g_strcmp0 (change->reg, "delta") == 0)
        {
          g_assert_cmpstr (change->value, ==, "4");
          g_assert_cmpstr (change->hlc, ==, move->hlc);
          saw_delta = TRUE;
        }
    }
  g_assert_true (saw_delta);
  g_assert_cmpstr (move->reason, ==, "count");
  g_assert_cmpstr (move->note, ==, "first count");
  g_assert_cmpstr (move->device, ==, cc_store_get_device_id (store));

  g_assert_true (cc_inventory_set_threshold (store, product, NULL, 3, &error));
  g_assert_no_error (error);
  setting_where = g_strdup_printf ("entity = 'stock_setting' AND row_id = '%s'", product);
  g_assert_cmpint (cc_test_count_rows (store, "outbox", setting_where), ==, 1);
  g_assert_cmpint (level_of (store, product, NULL).low_threshold, ==, 3);
  /* The same threshold again is no write. */
  g_assert_true (cc_inventory_set_threshold (store, product, NULL, 3, &error));
  g_assert_cmpint (cc_test_count_rows (store, "outbox", setting_where), ==, 1);
}

static void
assert_refused (CcStore    *store,
                const char *product,
                gint64      delta,
                const char *reason,
                int         code)
{
  g_autoptr(GError) error = NULL;
  gint64 outbox_before = cc_store_outbox_count (store);
  gint64 rows_before = cc_test_count_rows (store, "stock_moves", NULL);
  CcStockLevel before = level_of (store, product, NULL);
  CcStockLevel after;

  g_assert_false (cc_inventory_adjust (store, product, NULL, delta, reason, NULL, &error));
  g_assert_error (error, CC_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  after = level_of (store, product, NULL);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox_before);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, rows_before);
  g_assert_cmpint (after.on_hand, ==, before.on_hand);
}

static void
test_adjust_refusals (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Jute bag");
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_inventory_adjust (store, product, NULL, 2, "count", NULL, &error));
  g_assert_no_error (error);

  assert_refused (store, product, 0, "count", CC_ERROR_INVALID_INPUT);
  assert_refused (store, product, 1, "stolen", CC_ERROR_INVALID_INPUT);
  assert_refused (store, product, 1, NULL, CC_ERROR_INVALID_INPUT);
  assert_refused (store, product, 1, "sold", CC_ERROR_INVALID_INPUT);  /* orders' reason, not a person's */
  assert_refused (store, product, -3, "damaged", CC_ERROR_INVALID_INPUT);
  assert_refused (store, "0190a000-0000-7000-8000-00000000dead", 1, "count", CC_ERROR_NOT_FOUND);
  g_assert_cmpint (level_of (store, product, NULL).on_hand, ==, 2);

  /* Exactly to zero is allowed. */
  g_assert_true (cc_inventory_adjust (store, product, NULL, -2, "damaged", NULL, &error));
  g_assert_cmpint (level_of (store, product, NULL).on_hand, ==, 0);
}

static void
test_record_refusals (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Teak spoon");
  g_autoptr(CcStockMove) move = cc_stock_move_new ();
  gint64 outbox_before = cc_store_outbox_count (store);
  g_autoptr(GError) error = NULL;

  move->product_id = g_strdup ("0190a000-0000-7000-8000-00000000beef");
  move->delta = 1;
  move->reason = g_strdup ("made");
  g_assert_false (cc_inventory_record (store, move, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_free (move->product_id);
  move->product_id = g_strdup (product);
  g_free (move->reason);
  move->reason = g_strdup ("");
  g_assert_false (cc_inventory_record (store, move, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_free (move->reason);
  move->reason = g_strdup ("made");
  move->variant_id = g_strdup ("0190a000-0000-7000-8000-00000000cafe");
  g_assert_false (cc_inventory_record (store, move, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);

  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox_before);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "registers", "entity = 'stock_move'"), ==, 0);
}

/* An order's effects still close out once its product is deleted; a
 * person's correction to a deleted product is refused. */
static void
test_deleted_product (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Old vase");
  g_autoptr(GError) error = NULL;

  record_move (store, NULL, product, 1, CC_STOCK_RESERVED, "reserved");
  g_assert_true (cc_catalogue_delete_product (store, product, &error));
  g_assert_no_error (error);
  record_move (store, NULL, product, -1, CC_STOCK_RESERVED, "released");
  g_assert_cmpint (level_of (store, product, NULL).reserved, ==, 0);

  g_assert_false (cc_inventory_adjust (store, product, NULL, 1, "count", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 2);
}

/* A variant's stock is its own ledger, apart from the product's. */
static void
test_variant_levels (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Kurta");
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *variant_id = NULL;
  g_autoptr(GPtrArray) moves = NULL;

  variant->product_id = g_strdup (product);
  variant->sku = g_strdup ("KURTA-L");
  variant->price = 150000;
  cc_variant_add_option (variant, "Size", "Large");
  variant_id = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);

  g_assert_true (cc_inventory_adjust (store, product, variant_id, 7, "count", NULL, &error));
  g_assert_true (cc_inventory_adjust (store, product, NULL, 2, "count", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (level_of (store, product, variant_id).on_hand, ==, 7);
  g_assert_cmpint (level_of (store, product, NULL).on_hand, ==, 2);
  /* The variant's stock does not let the product's go below zero. */
  g_assert_false (cc_inventory_adjust (store, product, NULL, -3, "damaged", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  moves = cc_inventory_list_moves (store, product, variant_id, &error);
  g_assert_cmpuint (moves->len, ==, 1);
  g_assert_cmpstr (((CcStockMove *)g_ptr_array_index (moves, 0))->variant_id, ==, variant_id);

  g_assert_true (cc_inventory_set_threshold (store, product, variant_id, 5, &error));
  g_assert_cmpint (level_of (store, product, variant_id).low_threshold, ==, 5);
  g_assert_cmpint (level_of (store, product, NULL).low_threshold, ==, 0);
  g_assert_false (cc_inventory_set_threshold (store, product, NULL, -1, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
}

/* Moves listed oldest first, each with its device and stamp. */
static void
test_list_oldest_first (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product = make_product (store, "Lamp");
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;
  /* Deterministic ids do not sort by time: the listing must not rely on ids. */
  g_autofree char *late_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, "a");
  g_autofree char *early_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, "b");

  g_assert_cmpstr (early_id, >, late_id);
  record_move (store, early_id, product, 3, CC_STOCK_ON_HAND, "made");
  record_move (store, NULL, product, -1, CC_STOCK_ON_HAND, "sold");
  record_move (store, late_id, product, 1, CC_STOCK_ON_HAND, "returned");

  moves = cc_inventory_list_moves (store, product, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moves->len, ==, 3);
  g_assert_cmpstr (((CcStockMove *)g_ptr_array_index (moves, 0))->id, ==, early_id);
  g_assert_cmpstr (((CcStockMove *)g_ptr_array_index (moves, 1))->reason, ==, "sold");
  g_assert_cmpstr (((CcStockMove *)g_ptr_array_index (moves, 2))->id, ==, late_id);
  for (guint i = 0; i < moves->len; i++)
    {
      CcStockMove *move = g_ptr_array_index (moves, i);

      g_assert_cmpstr (move->device, ==, cc_store_get_device_id (store));
      if (i > 0)
        g_assert_cmpstr (((CcStockMove *)g_ptr_array_index (moves, i - 1))->hlc, <, move->hlc);
    }
}

/* Another device's moves arrive in any order, make rows, queue nothing,
 * and count on both devices. */
static void
test_remote_moves (void)
{
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autofree char *product = make_product (a, "Woven basket");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 b_outbox;

  g_assert_true (cc_inventory_adjust (a, product, NULL, 6, "count", NULL, &error));
  record_move (a, NULL, product, -2, CC_STOCK_ON_HAND, "sold");
  changes = cc_store_outbox_list (a, 0, &error);
  g_assert_no_error (error);
  reverse (changes);

  b_outbox = cc_store_outbox_count (b);
  g_assert_true (cc_store_apply_changes (b, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (b), ==, b_outbox);
  g_assert_cmpint (cc_test_count_rows (b, "stock_moves", NULL), ==, 2);
  g_assert_cmpint (level_of (b, product, NULL).on_hand, ==, 4);

  /* Both devices sell one offline: both count. */
  record_move (b, NULL, product, -1, CC_STOCK_ON_HAND, "sold");
  record_move (a, NULL, product, -1, CC_STOCK_ON_HAND, "sold");
  {
    g_autoptr(GPtrArray) from_a = cc_store_outbox_list (a, 0, &error);
    g_autoptr(GPtrArray) from_b = cc_store_outbox_list (b, 0, &error);

    g_assert_true (cc_store_apply_changes (b, from_a, &error));
    g_assert_true (cc_store_apply_changes (a, from_b, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (level_of (a, product, NULL).on_hand, ==, 2);
  g_assert_cmpint (level_of (b, product, NULL).on_hand, ==, 2);
}

static char *
new_db_path (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();

  return g_build_filename (dir, "shop.db", NULL);
}

/* A version-2 database with a product opens at version 3 (or later) with
 * the product intact and its stock ready to keep. */
static void
test_migrate_from_v2 (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  const char *id = "0190a000-0000-7000-8000-0000000000aa";
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 2;"
                                 "INSERT INTO meta VALUES ('device_id', '0190a000-0000-7000-8000-000000000001');"
                                 "INSERT INTO products (id, sku, price, currency, title, status) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000aa', 'VASE-1', 45000, 'INR', 'Blue vase', 'active');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'en', 'Blue vase', 'Tall');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_get_schema_version (store), >=, 3);
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (cc_store_get_device_id (store), ==, "0190a000-0000-7000-8000-000000000001");

  product = cc_catalogue_get_product (store, "VASE-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (product->id, ==, id);
  g_assert_cmpint (product->price, ==, 45000);
  g_assert_cmpstr (cc_product_get_title (product, "en"), ==, "Blue vase");

  g_assert_cmpint (level_of (store, id, NULL).on_hand, ==, 0);
  g_assert_true (cc_inventory_adjust (store, id, NULL, 3, "count", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (level_of (store, id, NULL).on_hand, ==, 3);
  g_assert_cmpint (cc_test_count_rows (store, "materials", NULL), ==, 0);
}

/* Stock-keeping items */

static CcStockItem *
find_item (GPtrArray  *items,
           const char *product_id,
           const char *variant_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      CcStockItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->product_id, product_id) == 0 && g_strcmp0 (item->variant_id, variant_id) == 0)
        return item;
    }
  return NULL;
}

static char *
add_size (CcStore    *store,
          const char *product_id,
          const char *sku,
          const char *size)
{
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  variant->product_id = g_strdup (product_id);
  variant->sku = g_strdup (sku);
  cc_variant_add_option (variant, "Size", size);
  id = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);
  return id;
}

/* A recipe of 1 g of clay bought at 3 g for ₹1.00 (33.33… paise a gram)
 * and no labour: a piece costs 33 paise. */
static void
give_recipe (CcStore    *store,
             const char *product_id,
             gboolean    bought)
{
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autoptr(CcRecipe) recipe = cc_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *material_id = NULL;

  material->name = g_strdup (bought ? "Clay" : "Glaze");
  g_free (material->unit);
  material->unit = g_strdup ("g");
  material_id = cc_materials_add_material (store, material, &error);
  g_assert_no_error (error);
  if (bought)
    {
      g_autoptr(CcPurchase) purchase = cc_purchase_new ();
      g_autofree char *purchase_id = NULL;

      purchase->material_id = g_strdup (material_id);
      purchase->quantity = 3000;
      purchase->cost = 100;
      purchase->currency = g_strdup ("INR");
      purchase->date = g_strdup ("2024-01-10");
      purchase_id = cc_materials_add_purchase (store, purchase, &error);
      g_assert_no_error (error);
    }
  recipe->product_id = g_strdup (product_id);
  cc_recipe_add_line (recipe, material_id, 1000);
  g_assert_true (cc_materials_set_recipe (store, recipe, &error));
  g_assert_no_error (error);
}

static void
test_list_items (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *mug = make_product (store, "Mug");
  g_autofree char *kurta = make_product (store, "Kurta");
  g_autofree char *bowl = make_product (store, "Bowl");
  g_autofree char *old = make_product (store, "Archived Vase");
  g_autofree char *small = add_size (store, kurta, "KURTA-S", "Small");
  g_autofree char *large = add_size (store, kurta, "KURTA-L", "Large");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  CcStockItem *item;

  g_assert_true (cc_catalogue_set_status (store, old, CC_PRODUCT_ARCHIVED, &error));
  g_assert_true (cc_inventory_adjust (store, mug, NULL, 4, "count", NULL, &error));
  g_assert_true (cc_inventory_adjust (store, kurta, large, 3, "count", NULL, &error));
  g_assert_true (cc_inventory_adjust (store, kurta, small, 1, "count", NULL, &error));
  {
    g_autoptr(CcStockMove) move = cc_stock_move_new ();

    move->product_id = g_strdup (kurta);
    move->variant_id = g_strdup (large);
    move->delta = 1;
    move->bucket = CC_STOCK_RESERVED;
    move->reason = g_strdup ("reserved");
    g_assert_true (cc_inventory_record (store, move, &error));
  }
  g_assert_no_error (error);
  give_recipe (store, mug, TRUE);
  give_recipe (store, bowl, FALSE);

  items = cc_inventory_list_items (store, NULL);
  /* Bowl, Kurta's two sizes in their order, Mug; not the archived vase,
   * not the kurta itself. */
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (items, 1))->variant_id, ==, small);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (items, 2))->variant_id, ==, large);
  g_assert_null (find_item (items, kurta, NULL));
  g_assert_null (find_item (items, old, NULL));
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (items, 0))->product_id, ==, bowl);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (items, 3))->product_id, ==, mug);

  item = find_item (items, kurta, large);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Kurta — Size: Large");
  g_assert_cmpstr (item->sku, ==, "KURTA-L");
  g_assert_cmpint (item->level.on_hand, ==, 3);
  g_assert_cmpint (item->level.reserved, ==, 1);
  g_assert_cmpint (item->level.available, ==, 2);
  g_assert_cmpint (item->unit_cost, ==, -1);
  g_assert_cmpint (item->stock_value, ==, 0);

  /* 1 g at 100/3000 paise per mg… 1000 mg × 100 / 3000 = 33.33, half up 33. */
  item = find_item (items, mug, NULL);
  g_assert_cmpint (item->level.on_hand, ==, 4);
  g_assert_cmpint (item->unit_cost, ==, 33);
  g_assert_cmpint (item->stock_value, ==, 4 * 33);
  g_assert_cmpstr (item->currency, ==, "INR");

  /* A recipe whose material was never bought has no cost, not a zero one. */
  item = find_item (items, bowl, NULL);
  g_assert_cmpint (item->unit_cost, ==, -1);
  g_assert_cmpint (item->stock_value, ==, 0);

  found = cc_inventory_list_items (store, "  kurta-L ");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (found, 0))->variant_id, ==, large);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cc_inventory_list_items (store, "KURTA small");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (found, 0))->variant_id, ==, small);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cc_inventory_list_items (store, "vase");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_list_low_stock (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *mug = make_product (store, "Mug");
  g_autofree char *cup = make_product (store, "Cup");
  g_autofree char *plate = make_product (store, "Plate");
  g_autofree char *kurta = make_product (store, "Kurta");
  g_autofree char *large = add_size (store, kurta, "KURTA-L", "Large");
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_inventory_adjust (store, mug, NULL, 5, "count", NULL, &error));
  g_assert_true (cc_inventory_set_threshold (store, mug, NULL, 3, &error));
  g_assert_true (cc_inventory_adjust (store, cup, NULL, 3, "count", NULL, &error));
  g_assert_true (cc_inventory_set_threshold (store, cup, NULL, 3, &error));
  /* No threshold: never low, even at zero. */
  g_assert_true (cc_inventory_set_threshold (store, kurta, large, 2, &error));
  g_assert_true (cc_inventory_adjust (store, kurta, large, 4, "count", NULL, &error));
  g_assert_no_error (error);

  low = cc_inventory_list_low_stock (store);
  g_assert_cmpuint (low->len, ==, 1);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (low, 0))->product_id, ==, cup);
  g_clear_pointer (&low, g_ptr_array_unref);

  /* Available, not on hand, counts: reserving 2 of the mug's 5 leaves 3. */
  record_move (store, NULL, mug, 2, CC_STOCK_RESERVED, "reserved");
  low = cc_inventory_list_low_stock (store);
  g_assert_cmpuint (low->len, ==, 2);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (low, 0))->product_id, ==, cup);
  g_assert_cmpstr (((CcStockItem *)g_ptr_array_index (low, 1))->product_id, ==, mug);
  g_assert_null (find_item (low, plate, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/inventory/ledger-invariant", test_ledger_invariant);
  g_test_add_func ("/core/inventory/record-idempotent", test_record_idempotent);
  g_test_add_func ("/core/inventory/every-write-in-outbox", test_every_write_in_outbox);
  g_test_add_func ("/core/inventory/adjust-refusals", test_adjust_refusals);
  g_test_add_func ("/core/inventory/record-refusals", test_record_refusals);
  g_test_add_func ("/core/inventory/deleted-product", test_deleted_product);
  g_test_add_func ("/core/inventory/variant-levels", test_variant_levels);
  g_test_add_func ("/core/inventory/list-oldest-first", test_list_oldest_first);
  g_test_add_func ("/core/inventory/remote-moves", test_remote_moves);
  g_test_add_func ("/core/inventory/migrate-from-v2", test_migrate_from_v2);
  g_test_add_func ("/core/inventory/list-items", test_list_items);
  g_test_add_func ("/core/inventory/list-low-stock", test_list_low_stock);

  return g_test_run ();
}
