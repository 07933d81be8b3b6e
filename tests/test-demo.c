/* test-demo.c — the demo shop loads whole, in both languages, or not at all.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-demo.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-orders.h"
#include "cc-photos.h"
#include "cc-test-util.h"

/* Loading draws some eighty photos: the read-only checks share one load. */
static CcStore *shared_store;
/* Our own TMPDIR, so the tests can see what the load leaves behind. */
static char *tmp_root;

static CcStore *
loaded_store (void)
{
  if (shared_store == NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 start;

      shared_store = cc_test_open_store ();
      start = g_get_monotonic_time ();
      g_assert_true (cc_demo_load (shared_store, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("demo shop loaded in %.2f s", (g_get_monotonic_time () - start) / 1e6);
    }
  return shared_store;
}

static GPtrArray *
product_ids (CcStore *store)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store),
                                       "SELECT id FROM products WHERE deleted = 0 ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

static gboolean
has_devanagari (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0900 && c <= 0x097F)
        return TRUE;
    }
  return FALSE;
}

/* Counts regular files under a directory, except one path. */
static guint
count_files (const char *path,
             const char *except)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_files (child, except);
      else if (g_strcmp0 (child, except) != 0)
        n++;
    }
  return n;
}

/* Temporary directories the demo made for its photos and left behind. */
static guint
count_leftover_tmpdirs (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_root, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "craftchain-demo-"))
      n++;
  return n;
}

static void
assert_shop_empty (CcStore *store)
{
  g_autofree char *shop_name = cc_store_dup_setting (store, "shop-name", NULL);

  g_assert_cmpint (cc_catalogue_count_products (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "categories", "deleted = 0"), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "variants", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "materials", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "orders", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, 0);
  g_assert_null (shop_name);
}

static void
test_load_counts_and_settings (void)
{
  CcStore *store = loaded_store ();
  g_autofree char *shop_name = cc_store_dup_setting (store, "shop-name", NULL);
  g_autofree char *currency = cc_store_dup_setting (store, "currency", NULL);
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  gint64 n = cc_catalogue_count_products (store);
  gint64 drafts = cc_test_count_rows (store, "products", "status = 'draft'");
  gint64 active = cc_test_count_rows (store, "products", "status = 'active'");

  g_assert_cmpint (n, >=, 36);
  g_assert_cmpint (n, <=, 48);
  g_assert_cmpint (drafts, >=, 1);
  g_assert_cmpint (active, >, drafts * 4);
  g_assert_cmpint (active + drafts, ==, n);

  g_assert_nonnull (shop_name);
  g_assert_cmpstr (shop_name, !=, "");
  g_assert_cmpstr (currency, ==, "INR");
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_true (g_strv_contains ((const char * const *) languages, "hi"));
}

static void
test_load_categories (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GPtrArray) categories = cc_catalogue_list_categories (store);
  g_autoptr(GPtrArray) ids = product_ids (store);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);
  const char *tops[] = { "Pottery", "Textiles", "Jewellery", "Woodwork" };
  guint n_top = 0;

  for (guint i = 0; i < categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_insert (by_id, category->id, category);
      if (category->parent_id == NULL)
        n_top++;
      else
        g_hash_table_insert (children, category->parent_id,
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (children, category->parent_id)) + 1));
    }
  g_assert_cmpuint (n_top, ==, G_N_ELEMENTS (tops));

  for (guint t = 0; t < G_N_ELEMENTS (tops); t++)
    {
      g_autoptr(CcCategory) top = cc_catalogue_get_category (store, tops[t], NULL);
      int n_children;

      g_assert_nonnull (top);
      g_assert_null (top->parent_id);
      n_children = GPOINTER_TO_INT (g_hash_table_lookup (children, top->id));
      g_assert_cmpint (n_children, >=, 1);
      g_assert_cmpint (n_children, <=, 3);
    }

  /* Every piece sits in a subcategory, and every subcategory has pieces. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, g_ptr_array_index (ids, i), NULL);
      CcCategory *category;

      g_assert_nonnull (product);
      g_assert_nonnull (product->category_id);
      category = g_hash_table_lookup (by_id, product->category_id);
      g_assert_nonnull (category);
      g_assert_nonnull (category->parent_id);
      g_assert_null (((CcCategory *) g_hash_table_lookup (by_id, category->parent_id))->parent_id);
    }
  for (guint i = 0; i < categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *where = NULL;

      if (category->parent_id == NULL)
        continue;
      where = g_strdup_printf ("deleted = 0 AND category_id = '%s'", category->id);
      g_assert_cmpint (cc_test_count_rows (store, "products", where), >=, 1);
    }
}

static void
test_load_texts (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GPtrArray) ids = product_ids (store);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, g_ptr_array_index (ids, i), NULL);
      const char *title_en = g_hash_table_lookup (product->titles, "en");
      const char *title_hi = g_hash_table_lookup (product->titles, "hi");
      const char *description_en = g_hash_table_lookup (product->descriptions, "en");
      const char *description_hi = g_hash_table_lookup (product->descriptions, "hi");

      g_assert_nonnull (title_en);
      g_assert_nonnull (title_hi);
      g_assert_nonnull (description_en);
      g_assert_nonnull (description_hi);
      g_assert_cmpuint (strlen (title_en), >, 3);
      g_assert_cmpstr (title_en, !=, title_hi);
      g_assert_false (has_devanagari (title_en));
      g_assert_true (has_devanagari (title_hi));
      g_assert_false (has_devanagari (description_en));
      g_assert_true (has_devanagari (description_hi));
      /* Two or three sentences, not a phrase. */
      g_assert_cmpuint (g_utf8_strlen (description_en, -1), >, 100);
      g_assert_cmpuint (g_utf8_strlen (description_hi, -1), >, 80);
      g_assert_nonnull (strchr (description_en, '.'));
      g_assert_nonnull (strstr (description_hi, "।"));
      /* The shop's main language is English: that is the display title. */
      {
        char *where = sqlite3_mprintf ("id = '%q' AND title = '%q'", product->id, title_en);

        g_assert_cmpint (cc_test_count_rows (store, "products", where), ==, 1);
        sqlite3_free (where);
      }
    }
}

static void
test_load_fields (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GPtrArray) ids = product_ids (store);
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) sku_format = g_regex_new ("^[A-Z]{3}-[A-Z]{3,4}-[0-9]{3}$", 0, 0, NULL);
  guint with_compare = 0;
  guint with_variants = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, g_ptr_array_index (ids, i), NULL);
      g_autoptr(GPtrArray) variants = cc_catalogue_list_variants (store, product->id);

      g_assert_true (g_regex_match (sku_format, product->sku, 0, NULL));
      g_assert_false (g_hash_table_contains (skus, product->sku));
      g_hash_table_add (skus, g_strdup (product->sku));

      g_assert_cmpstr (product->currency, ==, "INR");
      g_assert_cmpint (product->price, >=, 350 * 100);
      g_assert_cmpint (product->price, <=, 12000 * 100);
      if (product->compare_at_price != 0)
        {
          g_assert_cmpint (product->compare_at_price, >, product->price);
          with_compare++;
        }

      g_assert_cmpuint (product->tags->len, >=, 3);
      g_assert_cmpuint (product->tags->len, <=, 6);
      for (guint t = 0; t < product->tags->len; t++)
        {
          const char *tag = g_ptr_array_index (product->tags, t);
          g_autofree char *lower = g_utf8_strdown (tag, -1);

          g_assert_cmpstr (tag, ==, lower);
          g_assert_false (has_devanagari (tag));
        }
      g_assert_cmpuint (product->materials->len, >=, 1);
      g_assert_cmpstr (product->cultural_origin, !=, "");
      g_assert_cmpstr (product->technique, !=, "");
      g_assert_cmpstr (product->maker, !=, "");
      g_assert_cmpint (product->width_mm, >, 0);
      g_assert_cmpint (product->height_mm, >, 0);
      g_assert_cmpint (product->weight_g, >, 0);
      g_assert_cmpint (product->production_minutes, >, 0);

      if (variants->len > 0)
        {
          with_variants++;
          g_assert_cmpuint (variants->len, >=, 2);
          for (guint v = 0; v < variants->len; v++)
            {
              CcVariant *variant = g_ptr_array_index (variants, v);

              g_assert_cmpuint (variant->options->len, ==, 1);
              g_assert_true (g_str_has_prefix (variant->sku, product->sku));
              g_assert_cmpint (variant->price, >=, product->price);
            }
        }
    }
  g_assert_cmpuint (with_compare, >=, 5);
  g_assert_cmpuint (with_variants, >=, 3);
}

/* Decodes a photo small and measures its luminance: the spread, and the
 * mean step between neighbouring pixels. The demo's backdrop alone (a
 * smooth sweep) measures under 0.8 on the second; a drawn piece, with its
 * edges, bands and prints, well over. */
static void
measure_photo (const char *path,
               double     *deviation,
               double     *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 96, 96, TRUE, &error);
  const guchar *pixels;
  int width, height, rowstride, channels;
  double sum = 0, sum2 = 0, steps = 0, n;

  g_assert_no_error (error);
  g_assert_nonnull (pixbuf);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < height; y++)
    {
      double previous = 0;

      for (int x = 0; x < width; x++)
        {
          const guchar *p = pixels + y * rowstride + x * channels;
          double l = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

          sum += l;
          sum2 += l * l;
          if (x > 0)
            steps += fabs (l - previous);
          previous = l;
        }
    }
  n = (double) width * height;
  *deviation = sqrt (MAX (sum2 / n - (sum / n) * (sum / n), 0));
  *detail = steps / n;
}

static void
test_load_photos (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GPtrArray) ids = product_ids (store);
  g_autoptr(GHashTable) blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double lowest = G_MAXDOUBLE;
  guint n_photos = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) photos = cc_photos_list (store, g_ptr_array_index (ids, i));

      g_assert_cmpuint (photos->len, >=, 1);
      g_assert_cmpuint (photos->len, <=, 3);
      for (guint k = 0; k < photos->len; k++)
        {
          CcPhoto *photo = g_ptr_array_index (photos, k);
          g_autofree char *path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), photo->sha256);
          GdkPixbufFormat *format;
          g_autofree char *format_name = NULL;
          int width = 0, height = 0;
          double deviation, detail;

          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          format = gdk_pixbuf_get_file_info (path, &width, &height);
          g_assert_nonnull (format);
          format_name = gdk_pixbuf_format_get_name (format);
          g_assert_cmpstr (format_name, ==, "jpeg");
          g_assert_cmpint (width, >=, 800);
          g_assert_cmpint (width, ==, photo->width);
          g_assert_cmpint (height, ==, photo->height);

          measure_photo (path, &deviation, &detail);
          lowest = MIN (lowest, detail);
          g_assert_cmpfloat (deviation, >, 8.0);
          g_assert_cmpfloat (detail, >, 1.4);

          /* Every photo is its own picture, across the whole shop. */
          g_assert_false (g_hash_table_contains (blobs, photo->sha256));
          g_hash_table_add (blobs, g_strdup (photo->sha256));
          n_photos++;
        }
    }
  g_test_message ("%u photos, least detail %.2f", n_photos, lowest);
  g_assert_cmpuint (n_photos, >, ids->len);
  /* Each temporary JPEG went into the photo store and was removed. */
  g_assert_cmpuint (count_leftover_tmpdirs (), ==, 0);
}

static void
test_load_through_outbox (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GPtrArray) ids = product_ids (store);
  gint64 photo_changes = cc_test_count_rows (store, "outbox", "entity = 'photo'");

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *where = g_strdup_printf ("entity = 'product' AND row_id = '%s'",
                                                (const char *) g_ptr_array_index (ids, i));
      g_autofree char *title_hi = g_strdup_printf ("entity = 'product' AND row_id = '%s' AND reg = 'title@hi'",
                                                   (const char *) g_ptr_array_index (ids, i));

      g_assert_cmpint (cc_test_count_rows (store, "outbox", where), >=, 10);
      g_assert_cmpint (cc_test_count_rows (store, "outbox", title_hi), ==, 1);
    }
  g_assert_cmpint (photo_changes, >=, cc_test_count_rows (store, "photos", "deleted = 0"));
  g_assert_cmpint (cc_test_count_rows (store, "outbox", "entity = 'category'"), >=,
                   cc_test_count_rows (store, "categories", "deleted = 0"));
  g_assert_cmpint (cc_test_count_rows (store, "outbox", "entity = 'variant'"), >=,
                   cc_test_count_rows (store, "variants", "deleted = 0"));
}

static void
test_second_load_refused (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GError) error = NULL;
  gint64 products = cc_catalogue_count_products (store);
  gint64 categories = cc_test_count_rows (store, "categories", NULL);
  gint64 photos = cc_test_count_rows (store, "photos", NULL);
  gint64 outbox = cc_store_outbox_count (store);

  g_assert_false (cc_demo_load (store, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, products);
  g_assert_cmpint (cc_test_count_rows (store, "categories", NULL), ==, categories);
  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, photos);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_refused_when_shop_has_a_piece (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 outbox;

  cc_product_set_title (product, "en", "My own mug");
  product->price = 40000;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  outbox = cc_store_outbox_count (store);

  g_assert_false (cc_demo_load (store, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);
  g_assert_cmpint (cc_test_count_rows (store, "categories", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
assert_level (CcStore    *store,
              const char *sku,
              gint64      on_hand,
              gint64      reserved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, sku, &error);
  CcStockLevel level;

  g_assert_no_error (error);
  g_assert_true (cc_inventory_get_level (store, product->id, NULL, &level, &error));
  g_assert_no_error (error);
  g_assert_cmpint (level.on_hand, ==, on_hand);
  g_assert_cmpint (level.reserved, ==, reserved);
}

/* The workshop part: made through the ledgers, so its counts follow from
 * the batches and orders: pieces made, less those shipped or sold, with
 * the confirmed order's pieces reserved and the cancelled one's released. */
static void
test_load_workshop (void)
{
  CcStore *store = loaded_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) materials = cc_materials_list_materials (store, &error);
  g_autoptr(GPtrArray) low = cc_materials_list_low_stock (store, &error);
  g_autoptr(GPtrArray) orders = cc_orders_list_orders (store);
  g_autoptr(GPtrArray) customers = cc_orders_list_customers (store);
  g_autoptr(CcProduct) vase = cc_catalogue_get_product (store, "POT-VASE-001", &error);
  CcCostBreakdown breakdown = { 0 };
  guint by_status[CC_ORDER_N_STATUSES] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (materials->len, >=, 10);
  g_assert_cmpuint (low->len, ==, 1);
  g_assert_cmpstr (((CcMaterial *) g_ptr_array_index (low, 0))->name, ==, "Cobalt oxide");
  g_assert_cmpuint (customers->len, ==, 4);
  g_assert_cmpuint (orders->len, ==, 5);
  for (guint i = 0; i < orders->len; i++)
    by_status[((CcOrder *) g_ptr_array_index (orders, i))->status]++;
  g_assert_cmpuint (by_status[CC_ORDER_DELIVERED], ==, 2);
  g_assert_cmpuint (by_status[CC_ORDER_CONFIRMED], ==, 1);
  g_assert_cmpuint (by_status[CC_ORDER_PENDING], ==, 1);
  g_assert_cmpuint (by_status[CC_ORDER_CANCELLED], ==, 1);

  assert_level (store, "POT-VASE-001", 4 - 1, 0);
  assert_level (store, "TEX-CUSH-002", 6 - 2, 0);
  assert_level (store, "TEX-LINN-001", 5, 3);
  assert_level (store, "WOD-KIT-001", 12 - 1, 0);
  assert_level (store, "WOD-TOY-001", 8, 0);
  assert_level (store, "POT-MUG-002", 10 - 1, 0);

  /* The vase's cost of goods from its recipe, at the demo's ₹250/hour:
   * 1.2 kg paste at ₹130/kg, 15 g cobalt at ₹4/g, 0.2 kg glaze at
   * ₹300/kg, 4 hours, 10% overhead. */
  g_assert_true (cc_materials_recipe_cost (store, vase->id, NULL, &breakdown, &error));
  g_assert_no_error (error);
  g_assert_cmpint (breakdown.materials, ==, 15600 + 6000 + 6000);
  g_assert_cmpint (breakdown.labour, ==, 100000);
  g_assert_cmpint (breakdown.overhead, ==, (15600 + 6000 + 6000 + 100000) / 10);
  g_assert_cmpint (breakdown.total, <, vase->price);
  cc_cost_breakdown_clear (&breakdown);
}

static void
test_cancelled_leaves_nothing (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *photos_dir = g_build_filename (cc_store_get_data_dir (store), "photos", NULL);

  g_cancellable_cancel (cancellable);
  g_assert_false (cc_demo_load (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_shop_empty (store);
  g_assert_cmpuint (count_files (photos_dir, NULL), ==, 0);
  g_assert_cmpuint (count_leftover_tmpdirs (), ==, 0);
}

/* The load fails part-way, after some pieces and their photos are in:
 * the transaction rolls back and the photos it stored are taken away. */
static void
test_failure_midway_leaves_nothing (void)
{
  CcStore *reference = loaded_store ();
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *photos_dir = g_build_filename (cc_store_get_data_dir (store), "photos", NULL);
  g_autofree char *blocker = NULL;
  sqlite3_stmt *stmt = NULL;
  guint index = 0;

  /* Photos are drawn the same on every load: the reference shop says which
   * blob directory the tenth or a later photo is the first to need. */
  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (reference),
                                       "SELECT sha256 FROM photos ORDER BY rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (blocker == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *prefix = g_strndup ((const char *) sqlite3_column_text (stmt, 0), 2);

      if (index++ >= 10 && !g_hash_table_contains (seen, prefix))
        blocker = g_build_filename (photos_dir, prefix, NULL);
      g_hash_table_add (seen, g_steal_pointer (&prefix));
    }
  sqlite3_finalize (stmt);
  g_assert_nonnull (blocker);

  /* A file where that directory should go: storing that photo fails. */
  g_assert_cmpint (g_mkdir_with_parents (photos_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "not a directory", -1, NULL));

  g_assert_false (cc_demo_load (store, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  assert_shop_empty (store);
  g_assert_cmpuint (count_files (photos_dir, blocker), ==, 0);
  g_assert_cmpuint (count_leftover_tmpdirs (), ==, 0);

  /* Once the obstacle is gone, the same shop loads. */
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_true (cc_demo_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, cc_catalogue_count_products (reference));
}

static void
remove_tmp_root (void)
{
  cc_test_rm_rf (tmp_root);
  g_free (tmp_root);
}

int
main (int    argc,
      char **argv)
{
  int result;

  /* Before anything asks GLib for the temporary directory, which it
   * reads once. */
  tmp_root = g_build_filename (g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp",
                               "craftchain-test-demo-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp_root));
  atexit (remove_tmp_root);
  g_setenv ("TMPDIR", tmp_root, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/load/counts-and-settings", test_load_counts_and_settings);
  g_test_add_func ("/core/demo/load/categories", test_load_categories);
  g_test_add_func ("/core/demo/load/english-and-hindi", test_load_texts);
  g_test_add_func ("/core/demo/load/fields", test_load_fields);
  g_test_add_func ("/core/demo/load/photos", test_load_photos);
  g_test_add_func ("/core/demo/load/through-outbox", test_load_through_outbox);
  g_test_add_func ("/core/demo/load/workshop", test_load_workshop);
  g_test_add_func ("/core/demo/refuses-second-load", test_second_load_refused);
  g_test_add_func ("/core/demo/refuses-shop-with-pieces", test_refused_when_shop_has_a_piece);
  g_test_add_func ("/core/demo/cancelled-leaves-nothing", test_cancelled_leaves_nothing);
  g_test_add_func ("/core/demo/failure-midway-leaves-nothing", test_failure_midway_leaves_nothing);

  result = g_test_run ();
  g_clear_object (&shared_store);
  return result;
}
