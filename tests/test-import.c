/* test-import.c — Shopify and Etsy CSV import (preview, bad rows, re-import) and Shopify export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-import.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-schema.h"
#include "cc-uuid.h"
#include "cc-test-util.h"

/* Helpers */

static char *
write_csv (const char *name,
           const char *data,
           gssize      len)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static CcImportPreview *
preview_ok (CcStore    *store,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  CcImportPreview *preview = cc_import_preview_file (store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static void
apply_ok (CcStore         *store,
          CcImportPreview *preview,
          guint            created,
          guint            updated)
{
  g_autoptr(GError) error = NULL;
  guint c = 99, u = 99;

  g_assert_true (cc_import_apply (store, preview, &c, &u, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c, ==, created);
  g_assert_cmpuint (u, ==, updated);
}

static gint64
live_products (CcStore *store)
{
  return cc_test_count_rows (store, "products", "deleted = 0");
}

static CcProduct *
get_ok (CcStore    *store,
        const char *sku)
{
  g_autoptr(GError) error = NULL;
  CcProduct *product = cc_catalogue_get_product (store, sku, &error);

  g_assert_no_error (error);
  g_assert_nonnull (product);
  return product;
}

static gboolean
has_string (GPtrArray  *array,
            const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* Shopify */

#define SHOPIFY_OLD \
  "Handle,Title,Body (HTML),Vendor,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Grams," \
  "Variant Inventory Qty,Variant Price,Image Src,Image Position,Status\n" \
  "indigo-scarf,Indigo Scarf,<p>Hand block-printed <b>indigo</b> &amp; natural dyes.</p>,Meera,\"scarf, indigo\",TRUE," \
  "Size,Small,SCARF-S,150,4,1450.00,https://cdn.example.com/scarf-1.jpg,1,active\n" \
  "indigo-scarf,,,,,,,Large,SCARF-L,200,2,1850.00,https://cdn.example.com/scarf-2.jpg,2,\n" \
  "indigo-scarf,,,,,,,,,,,,https://cdn.example.com/scarf-3.jpg,3,\n" \
  "brass-lamp,Brass Lamp,Cast brass,Meera,lamp,TRUE,Title,Default Title,LAMP-1,900,1,\"3,200.00\"," \
  "https://cdn.example.com/lamp.jpg,1,draft\n"

#define SCARF_TEXT "Hand block-printed indigo & natural dyes."

static void
check_shopify_import (CcStore    *store,
                      const char *description)
{
  g_autoptr(CcProduct) scarf = get_ok (store, "SCARF-S");
  g_autoptr(CcProduct) lamp = get_ok (store, "LAMP-1");
  g_autoptr(GPtrArray) variants = cc_catalogue_list_variants (store, scarf->id);
  g_autoptr(GPtrArray) lamp_variants = cc_catalogue_list_variants (store, lamp->id);
  g_auto(GStrv) images = cc_import_dup_image_urls (store, scarf->id);
  CcVariant *large;
  CcVariantOption *option;

  g_assert_cmpint (live_products (store), ==, 2);
  g_assert_cmpstr (cc_product_get_title (scarf, "en"), ==, "Indigo Scarf");
  g_assert_cmpstr (cc_product_get_description (scarf, "en"), ==, description);
  g_assert_cmpstr (scarf->slug, ==, "indigo-scarf");
  g_assert_cmpint (scarf->price, ==, 145000);
  g_assert_cmpint (scarf->status, ==, CC_PRODUCT_ACTIVE);
  g_assert_true (has_string (scarf->tags, "scarf"));
  g_assert_true (has_string (scarf->tags, "indigo"));

  g_assert_cmpuint (variants->len, ==, 2);
  large = g_ptr_array_index (variants, 1);
  g_assert_cmpstr (large->sku, ==, "SCARF-L");
  g_assert_cmpint (large->price, ==, 185000);
  option = g_ptr_array_index (large->options, 0);
  g_assert_cmpstr (option->name, ==, "Size");
  g_assert_cmpstr (option->value, ==, "Large");

  /* The image-only row's image is kept too. */
  g_assert_cmpuint (g_strv_length (images), ==, 3);
  g_assert_cmpstr (images[2], ==, "https://cdn.example.com/scarf-3.jpg");

  /* "Default Title" is Shopify's way of saying "no variants". */
  g_assert_cmpuint (lamp_variants->len, ==, 0);
  g_assert_cmpint (lamp->price, ==, 320000);
  g_assert_cmpint (lamp->status, ==, CC_PRODUCT_DRAFT);
}

static void
test_shopify_old_headers (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("products.csv", SHOPIFY_OLD, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);

  g_assert_cmpint (preview->format, ==, CC_IMPORT_FORMAT_SHOPIFY);
  g_assert_cmpuint (preview->items->len, ==, 2);
  g_assert_cmpuint (preview->n_create, ==, 2);
  g_assert_cmpuint (preview->n_update, ==, 0);
  g_assert_cmpuint (preview->problems->len, ==, 0);
  /* Quantities are counted, not imported. */
  g_assert_cmpuint (preview->n_quantities, ==, 3);
  g_assert_cmpint (preview->total_quantity, ==, 7);
  /* A preview writes nothing. */
  g_assert_cmpint (live_products (store), ==, 0);

  apply_ok (store, preview, 2, 0);
  check_shopify_import (store, SCARF_TEXT);
  g_assert_cmpint (cc_test_count_rows (store, "stock_moves", NULL), ==, 0);
}

static void
test_shopify_new_headers (void)
{
  const char *csv =
    "Title,URL handle,Description,Vendor,Product category,Tags,Status,SKU,Option1 name,Option1 value,"
    "Price,Inventory quantity,Product image URL,Image position\n"
    "Indigo Scarf,indigo-scarf,<p>Hand block-printed <b>indigo</b> &amp; natural dyes.</p>,Meera,Apparel,"
    "\"scarf, indigo\",active,SCARF-S,Size,Small,1450.00,4,https://cdn.example.com/scarf-1.jpg,1\n"
    ",indigo-scarf,,,,,,SCARF-L,,Large,1850.00,2,https://cdn.example.com/scarf-2.jpg,2\n"
    ",indigo-scarf,,,,,,,,,,,https://cdn.example.com/scarf-3.jpg,3\n"
    "Brass Lamp,brass-lamp,Cast brass,Meera,,lamp,draft,LAMP-1,Title,Default Title,\"3,200.00\",1,"
    "https://cdn.example.com/lamp.jpg,1\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("products.csv", csv, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);

  g_assert_cmpint (preview->format, ==, CC_IMPORT_FORMAT_SHOPIFY_2024);
  g_assert_cmpuint (preview->n_create, ==, 2);
  g_assert_cmpuint (preview->problems->len, ==, 0);
  apply_ok (store, preview, 2, 0);
  check_shopify_import (store, SCARF_TEXT);
}

/* Etsy */

static void
test_etsy (void)
{
  const char *csv =
    "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,IMAGE2,IMAGE3,"
    "VARIATION 1 TYPE,VARIATION 1 NAME,VARIATION 1 VALUES,VARIATION 2 TYPE,VARIATION 2 NAME,VARIATION 2 VALUES,SKU\n"
    "Kantha Quilt,\"Hand-stitched, layered saris.\n\nEach one is \"\"unique\"\".\",85.50,USD,3,"
    "\"quilt,kantha,Bedding\",\"cotton,silk\",https://i.etsystatic.com/q1.jpg,https://i.etsystatic.com/q2.jpg,,"
    "Size,Size,\"Single,Double\",Colour,Colour,\"Red,Blue\",QUILT\n"
    "Clay Diya,Terracotta lamp,250,INR,10,diya,clay,,,,,,,,,,\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("etsy.csv", csv, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);
  g_autoptr(CcProduct) quilt = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_auto(GStrv) images = NULL;
  CcVariant *last;
  CcVariantOption *option;
  CcImportItem *diya;

  g_assert_cmpint (preview->format, ==, CC_IMPORT_FORMAT_ETSY);
  g_assert_cmpuint (preview->n_create, ==, 2);
  g_assert_cmpuint (preview->problems->len, ==, 0);
  g_assert_cmpint (preview->total_quantity, ==, 13);
  /* The diya starts on physical line 5: the quilt's description spans lines 2–4. */
  diya = g_ptr_array_index (preview->items, 1);
  g_assert_cmpuint (diya->line, ==, 5);
  apply_ok (store, preview, 2, 0);

  quilt = get_ok (store, "QUILT");
  g_assert_cmpstr (cc_product_get_title (quilt, "en"), ==, "Kantha Quilt");
  g_assert_cmpstr (cc_product_get_description (quilt, "en"), ==,
                   "Hand-stitched, layered saris.\n\nEach one is \"unique\".");
  g_assert_cmpstr (quilt->currency, ==, "USD");
  g_assert_cmpint (quilt->price, ==, 8550);
  g_assert_cmpuint (quilt->tags->len, ==, 3);
  g_assert_true (has_string (quilt->tags, "bedding"));
  g_assert_true (has_string (quilt->materials, "cotton"));
  g_assert_true (has_string (quilt->materials, "silk"));
  images = cc_import_dup_image_urls (store, quilt->id);
  g_assert_cmpuint (g_strv_length (images), ==, 2);

  /* Two variations multiply: 2 sizes × 2 colours. */
  variants = cc_catalogue_list_variants (store, quilt->id);
  g_assert_cmpuint (variants->len, ==, 4);
  last = g_ptr_array_index (variants, 3);
  g_assert_cmpstr (last->sku, ==, "QUILT-double-blue");
  option = g_ptr_array_index (last->options, 1);
  g_assert_cmpstr (option->name, ==, "Colour");
  g_assert_cmpstr (option->value, ==, "Blue");
}

/* CSV reading */

static void
test_bom_crlf (void)
{
  const char *csv =
    "\xEF\xBB\xBFHandle,Title,Body (HTML),Variant SKU,Variant Price\r\n"
    "tea-cup,Tea Cup,\"Line one\r\nLine two\",CUP-1,300\r\n"
    "tea-pot,Tea Pot,,POT-1,900\r\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("bom.csv", csv, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);
  g_autoptr(CcProduct) cup = NULL;
  CcImportItem *pot;

  /* The BOM does not hide the "Handle" column. */
  g_assert_cmpint (preview->format, ==, CC_IMPORT_FORMAT_SHOPIFY);
  g_assert_cmpuint (preview->n_create, ==, 2);
  pot = g_ptr_array_index (preview->items, 1);
  g_assert_cmpuint (pot->line, ==, 4);
  apply_ok (store, preview, 2, 0);
  cup = get_ok (store, "CUP-1");
  g_assert_cmpstr (cc_product_get_description (cup, "en"), ==, "Line one\nLine two");
  g_assert_cmpint (cup->price, ==, 30000);
}

static void
test_embedded_newlines (void)
{
  /* LF line ends, a quoted title with a comma and a description with three lines. */
  const char *csv =
    "Handle,Title,Body (HTML),Variant SKU,Variant Price\n"
    "shawl,\"Shawl, wool\",\"First\nSecond\nThird\",SHAWL,2000\n"
    "bad,Bad,,BAD-1,abc\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("nl.csv", csv, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);
  g_autoptr(CcProduct) shawl = NULL;
  CcImportProblem *problem;

  g_assert_cmpuint (preview->n_create, ==, 1);
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  /* The shawl row spans lines 2–4, so the bad row is on line 5. */
  g_assert_cmpuint (problem->line, ==, 5);
  apply_ok (store, preview, 1, 0);
  shawl = get_ok (store, "SHAWL");
  g_assert_cmpstr (cc_product_get_title (shawl, "en"), ==, "Shawl, wool");
  g_assert_cmpstr (cc_product_get_description (shawl, "en"), ==, "First\nSecond\nThird");
}

static void
test_missing_column (void)
{
  const char *csv =
    "Handle,Title,Variant SKU\n"
    "tea-cup,Tea Cup,CUP-1\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("missing.csv", csv, -1);
  g_autofree char *other = write_csv ("other.csv", "name,colour\nA,red\n", -1);
  g_autoptr(GError) error = NULL;
  CcImportPreview *preview;
  gint64 outbox = cc_store_outbox_count (store);

  preview = cc_import_preview_file (store, path, &error);
  g_assert_null (preview);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Variant Price"));
  g_clear_error (&error);

  preview = cc_import_preview_file (store, other, &error);
  g_assert_null (preview);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);

  g_assert_cmpint (live_products (store), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_unknown_columns (void)
{
  const char *csv =
    "Gift Card,Handle,SEO Title,Title,Variant SKU,Mystery,Variant Price,Google Shopping / MPN\n"
    "FALSE,tea-cup,Cups,Tea Cup,CUP-1,\"x,y\",300,123\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("unknown.csv", csv, -1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);
  g_autoptr(CcProduct) cup = NULL;

  g_assert_cmpuint (preview->problems->len, ==, 0);
  apply_ok (store, preview, 1, 0);
  cup = get_ok (store, "CUP-1");
  g_assert_cmpstr (cc_product_get_title (cup, "en"), ==, "Tea Cup");
  g_assert_cmpint (cup->price, ==, 30000);
}

/* Meera's file: 12 new pieces, 1 row with a broken price on line 14. */
static void
test_bad_price_line_14 (void)
{
  g_autoptr(GString) csv = g_string_new ("Handle,Title,Variant SKU,Variant Price\n");
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = NULL;
  g_autoptr(CcImportPreview) preview = NULL;
  CcImportProblem *problem;

  for (guint i = 1; i <= 13; i++)
    g_string_append_printf (csv, "piece-%u,Piece %u,P-%u,%s\n", i, i, i, i == 13 ? "\"12,50.0.0\"" : "499.00");
  path = write_csv ("meera.csv", csv->str, -1);
  preview = preview_ok (store, path);

  g_assert_cmpuint (preview->n_create, ==, 12);
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpuint (problem->line, ==, 14);
  g_assert_nonnull (strstr (problem->reason, "12,50.0.0"));

  apply_ok (store, preview, 12, 0);
  g_assert_cmpint (live_products (store), ==, 12);
  g_assert_cmpint (cc_test_count_rows (store, "products", "sku = 'P-13'"), ==, 0);
}

static void
test_non_utf8 (void)
{
  /* Line 3 is Windows-1252 ("Café" with 0xE9): reported, the rest imports. */
  const char csv[] =
    "Handle,Title,Variant SKU,Variant Price\n"
    "tea-cup,Tea Cup,CUP-1,300\n"
    "cafe,Caf\xE9 Mug,MUG-1,400\n"
    "tea-pot,Tea Pot,POT-1,900\n";
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("latin1.csv", csv, sizeof csv - 1);
  g_autoptr(CcImportPreview) preview = preview_ok (store, path);
  CcImportProblem *problem;

  g_assert_cmpuint (preview->n_create, ==, 2);
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpuint (problem->line, ==, 3);
  apply_ok (store, preview, 2, 0);
  g_assert_cmpint (cc_test_count_rows (store, "products", "sku = 'MUG-1'"), ==, 0);
}

static void
test_reimport_updates (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = write_csv ("products.csv", SHOPIFY_OLD, -1);
  g_autoptr(CcImportPreview) first = preview_ok (store, path);
  g_autoptr(CcImportPreview) second = NULL;
  g_autoptr(CcImportPreview) third = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(CcProduct) lamp = NULL;
  gint64 variants;

  apply_ok (store, first, 2, 0);
  variants = cc_test_count_rows (store, "variants", "deleted = 0");

  second = preview_ok (store, path);
  g_assert_cmpuint (second->n_create, ==, 0);
  g_assert_cmpuint (second->n_update, ==, 2);
  apply_ok (store, second, 0, 2);
  g_assert_cmpint (live_products (store), ==, 2);
  g_assert_cmpint (cc_test_count_rows (store, "variants", "deleted = 0"), ==, variants);
  check_shopify_import (store, SCARF_TEXT);

  /* A changed price in the file updates the product. */
  changed = g_strdup (SHOPIFY_OLD);
  memcpy (strstr (changed, "3,200.00"), "4,100.00", 8);
  g_free (path);
  path = write_csv ("products.csv", changed, -1);
  third = preview_ok (store, path);
  apply_ok (store, third, 0, 2);
  lamp = get_ok (store, "LAMP-1");
  g_assert_cmpint (lamp->price, ==, 410000);
  g_assert_cmpint (live_products (store), ==, 2);
}

static void
test_ten_thousand_rows (void)
{
  g_autoptr(GString) csv = g_string_new ("Handle,Title,Body (HTML),Tags,Variant SKU,Variant Price,Image Src\n");
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *path = NULL;
  g_autoptr(CcImportPreview) preview = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "item-%u,Item %u,\"<p>Piece, number %u</p>\",\"a,b\",SKU-%u,%u.50,"
                            "https://cdn.example.com/%u.jpg\n", i, i, i, i, 100 + i % 900, i);
  path = write_csv ("big.csv", csv->str, -1);
  preview = preview_ok (store, path);
  g_assert_cmpuint (preview->n_create, ==, 10000);
  g_assert_cmpuint (preview->problems->len, ==, 0);
  apply_ok (store, preview, 10000, 0);
  g_assert_cmpint (live_products (store), ==, 10000);
  g_assert_cmpint (cc_test_count_rows (store, "product_image_urls", NULL), ==, 10000);
}

static void
test_export_round_trip (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcStore) copy = cc_test_open_store ();
  g_autofree char *path = write_csv ("products.csv", SHOPIFY_OLD, -1);
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(CcImportPreview) first = preview_ok (store, path);
  g_autoptr(CcImportPreview) again = NULL;
  g_autoptr(CcImportPreview) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) scarf = NULL;

  apply_ok (store, first, 2, 0);
  /* A description with a line break, a quote and markup characters. */
  scarf = get_ok (store, "SCARF-S");
  cc_product_set_description (scarf, "en", "Soft \"indigo\" <cotton>\n& silk, 2 m");
  g_assert_true (cc_catalogue_update_product (store, scarf, &error));
  g_assert_no_error (error);

  g_assert_true (cc_export_shopify_csv (store, out, &error));
  g_assert_no_error (error);

  /* Into a fresh shop: the same products come back. */
  back = preview_ok (copy, out);
  g_assert_cmpuint (back->n_create, ==, 2);
  g_assert_cmpuint (back->problems->len, ==, 0);
  apply_ok (copy, back, 2, 0);
  check_shopify_import (copy, "Soft \"indigo\" <cotton>\n& silk, 2 m");

  /* Into the same shop: only updates. */
  again = preview_ok (store, out);
  g_assert_cmpuint (again->n_create, ==, 0);
  g_assert_cmpuint (again->n_update, ==, 2);
  apply_ok (store, again, 0, 2);
  g_assert_cmpint (live_products (store), ==, 2);
}

/* A version-4 shop opens at the current version with its pieces, and image
 * addresses from another device apply to it. */
static void
test_migrate_from_v4 (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(CcHlc) other = cc_hlc_new ("0190b000-0000-7000-8000-0000000000bb");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  g_auto(GStrv) urls = NULL;
  CcChange *change;
  CcHlcStamp stamp;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (sqlite3_exec (db, cc_schema_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 4;"
                                 "INSERT INTO meta VALUES ('device_id', '0190a000-0000-7000-8000-000000000001');"
                                 "INSERT INTO products (id, sku, price, currency, title) "
                                 "  VALUES ('0190a000-0000-7000-8000-0000000000aa', 'SCARF-1', 95000, 'INR', 'Indigo scarf');"
                                 "INSERT INTO product_texts VALUES ('0190a000-0000-7000-8000-0000000000aa', 'en', 'Indigo scarf', '');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_get_schema_version (store), ==, CC_STORE_SCHEMA_VERSION);
  product = get_ok (store, "SCARF-1");
  g_assert_cmpint (product->price, ==, 95000);

  cc_hlc_now (other, &stamp);
  change = cc_change_new ();
  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup ("product_images");
  change->row_id = g_strdup (product->id);
  change->reg = g_strdup ("urls");
  change->value = g_strdup ("\"https://example.com/scarf.jpg\"");
  change->hlc = cc_hlc_stamp_to_string (&stamp);
  change->device = g_strdup (cc_hlc_get_node (other));
  g_ptr_array_add (batch, change);
  g_assert_true (cc_store_apply_changes (store, batch, &error));
  g_assert_no_error (error);

  urls = cc_import_dup_image_urls (store, product->id);
  g_assert_cmpuint (g_strv_length (urls), ==, 1);
  g_assert_cmpstr (urls[0], ==, "https://example.com/scarf.jpg");
}

/* Orders export */

/* A small RFC 4180 reader for checking what the export wrote. */
static GPtrArray *
parse_csv_rows (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p = data;

  while (*p)
    {
      gboolean end_row = FALSE;

      g_string_truncate (cell, 0);
      if (*p == '"')
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (cell, *p++);
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p);
            }
        }
      while (*p && *p != ',' && *p != '\r' && *p != '\n')
        g_string_append_c (cell, *p++);
      g_ptr_array_add (row, g_strdup (cell->str));
      if (*p == ',')
        p++;
      else
        {
          end_row = TRUE;
          if (*p == '\r')
            p++;
          if (*p == '\n')
            p++;
        }
      if (end_row)
        {
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_ptr_array_unref (row);
  return rows;
}

static char *
make_priced_product (CcStore    *store,
                     const char *sku,
                     const char *title,
                     gint64      price)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->sku = g_strdup (sku);
  product->price = price;
  product->currency = g_strdup ("INR");
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  return id;
}

static const char *
row_cell (GPtrArray *rows,
          guint      r,
          guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (row->len, ==, 17);
  return g_ptr_array_index (row, c);
}

static void
test_export_orders_csv (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *blocked = g_build_filename (dir, "blocked.csv", NULL);
  g_autofree char *scarf = make_priced_product (store, "SCARF-1", "Scarf, \"indigo\"", 125000);
  g_autofree char *mug = make_priced_product (store, "MUG-1", "Clay mug", 30000);
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(CcOrder) first = cc_order_new ();
  g_autoptr(CcOrder) second = cc_order_new ();
  g_autoptr(CcOrder) stored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *payment_id = NULL;
  g_autofree char *data = NULL;
  g_autofree char *before = NULL;
  g_autofree char *subtotal = NULL, *tax = NULL, *total = NULL;
  gsize len = 0;
  CcOrderTotals totals;
  GDir *listing;
  const char *name;
  guint n_entries = 0;

  customer->name = g_strdup ("अनन्या शर्मा");
  customer->email = g_strdup ("ananya@example.com");
  customer_id = cc_orders_create_customer (store, customer, &error);
  g_assert_no_error (error);

  /* First: 2 scarves, no tax, a discount, shipping and a part payment. */
  first->customer_id = g_strdup (customer_id);
  first->tax_rate_bp = 0;
  first->discount = 5000;
  first->shipping = 10000;
  g_ptr_array_add (first->lines, cc_order_line_new (scarf, NULL, 2));
  first_id = cc_orders_create_order (store, first, &error);
  g_assert_no_error (error);
  payment_id = cc_orders_add_payment (store, first_id, "upi", 100000, "2026-01-05", &error);
  g_assert_no_error (error);

  /* Second: a walk-in, two lines, 18 % tax on top. */
  second->tax_rate_bp = 1800;
  second->tax_inclusive = FALSE;
  g_ptr_array_add (second->lines, cc_order_line_new (mug, NULL, 3));
  g_ptr_array_add (second->lines, cc_order_line_new (scarf, NULL, 1));
  second_id = cc_orders_create_order (store, second, &error);
  g_assert_no_error (error);

  /* A customer deleted later still names their orders. */
  g_assert_true (cc_orders_delete_customer (store, customer_id, &error));
  g_assert_no_error (error);

  g_assert_true (cc_export_orders_csv (store, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (data, len, NULL));
  g_assert_false (g_str_has_prefix (data, "\xEF\xBB\xBF"));
  /* The title's comma and quote are quoted the RFC 4180 way. */
  g_assert_nonnull (strstr (data, ",\"Scarf, \"\"indigo\"\"\","));

  rows = parse_csv_rows (data);
  g_assert_cmpuint (rows->len, ==, 1 + 3);
  g_assert_cmpstr (row_cell (rows, 0, 0), ==, "Order");
  g_assert_cmpstr (row_cell (rows, 0, 5), ==, "SKU");
  g_assert_cmpstr (row_cell (rows, 0, 9), ==, "Line total");
  g_assert_cmpstr (row_cell (rows, 0, 14), ==, "Total");
  g_assert_cmpstr (row_cell (rows, 0, 16), ==, "Currency");

  /* Oldest order first. */
  stored = cc_orders_get_order (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row_cell (rows, 1, 0), ==, stored->number);
  g_assert_cmpuint (strlen (row_cell (rows, 1, 1)), ==, 10);
  g_assert_true (g_str_has_prefix (stored->created, row_cell (rows, 1, 1)));
  g_assert_cmpstr (row_cell (rows, 1, 2), ==, "pending");
  g_assert_cmpstr (row_cell (rows, 1, 3), ==, "अनन्या शर्मा");
  g_assert_cmpstr (row_cell (rows, 1, 4), ==, "ananya@example.com");
  g_assert_cmpstr (row_cell (rows, 1, 5), ==, "SCARF-1");
  g_assert_cmpstr (row_cell (rows, 1, 6), ==, "Scarf, \"indigo\"");
  g_assert_cmpstr (row_cell (rows, 1, 7), ==, "2");
  g_assert_cmpstr (row_cell (rows, 1, 8), ==, "1250.00");
  g_assert_cmpstr (row_cell (rows, 1, 9), ==, "2500.00");
  g_assert_cmpstr (row_cell (rows, 1, 10), ==, "2500.00");
  g_assert_cmpstr (row_cell (rows, 1, 11), ==, "50.00");
  g_assert_cmpstr (row_cell (rows, 1, 12), ==, "100.00");
  g_assert_cmpstr (row_cell (rows, 1, 13), ==, "0.00");
  g_assert_cmpstr (row_cell (rows, 1, 14), ==, "2550.00");
  g_assert_cmpstr (row_cell (rows, 1, 15), ==, "1000.00");
  g_assert_cmpstr (row_cell (rows, 1, 16), ==, "INR");

  /* The walk-in order: no customer, its totals on both of its lines. */
  g_clear_pointer (&stored, cc_order_free);
  stored = cc_orders_get_order (store, second_id, &error);
  g_assert_no_error (error);
  cc_order_compute_totals (stored, &totals);
  g_assert_cmpint (totals.subtotal, ==, 3 * 30000 + 125000);
  g_assert_cmpint (totals.tax, ==, 16200 + 22500);
  subtotal = cc_money_format_plain (totals.subtotal, "INR");
  tax = cc_money_format_plain (totals.tax, "INR");
  total = cc_money_format_plain (totals.total, "INR");
  for (guint r = 2; r <= 3; r++)
    {
      g_assert_cmpstr (row_cell (rows, r, 0), ==, stored->number);
      g_assert_cmpstr (row_cell (rows, r, 3), ==, "");
      g_assert_cmpstr (row_cell (rows, r, 4), ==, "");
      g_assert_cmpstr (row_cell (rows, r, 10), ==, subtotal);
      g_assert_cmpstr (row_cell (rows, r, 13), ==, tax);
      g_assert_cmpstr (row_cell (rows, r, 14), ==, total);
      g_assert_cmpstr (row_cell (rows, r, 15), ==, "0.00");
    }
  g_assert_cmpstr (row_cell (rows, 2, 5), ==, "MUG-1");
  g_assert_cmpstr (row_cell (rows, 2, 7), ==, "3");
  g_assert_cmpstr (row_cell (rows, 2, 9), ==, "900.00");
  g_assert_cmpstr (row_cell (rows, 3, 5), ==, "SCARF-1");
  g_assert_cmpstr (total, ==, "2537.00");

  /* A path that cannot be written: CC_ERROR_IO, the old file is kept and
   * no temporary file is left beside it. */
  g_assert_true (g_mkdir (blocked, 0700) == 0);
  before = g_strdup (data);
  g_assert_false (cc_export_orders_csv (store, blocked, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  g_assert_true (g_file_test (blocked, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (out, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, before);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_equal (name, "orders.csv") || g_str_equal (name, "blocked.csv"));
      n_entries++;
    }
  g_dir_close (listing);
  g_assert_cmpuint (n_entries, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/shopify/old-headers", test_shopify_old_headers);
  g_test_add_func ("/core/import/shopify/new-headers", test_shopify_new_headers);
  g_test_add_func ("/core/import/etsy/variations-multiline", test_etsy);
  g_test_add_func ("/core/import/csv/bom-crlf", test_bom_crlf);
  g_test_add_func ("/core/import/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/core/import/csv/missing-column", test_missing_column);
  g_test_add_func ("/core/import/csv/unknown-columns", test_unknown_columns);
  g_test_add_func ("/core/import/csv/bad-price-line-14", test_bad_price_line_14);
  g_test_add_func ("/core/import/csv/non-utf8", test_non_utf8);
  g_test_add_func ("/core/import/reimport-updates", test_reimport_updates);
  g_test_add_func ("/core/import/ten-thousand-rows", test_ten_thousand_rows);
  g_test_add_func ("/core/import/export-round-trip", test_export_round_trip);
  g_test_add_func ("/core/import/migrate-from-v4", test_migrate_from_v4);
  g_test_add_func ("/core/export/orders-csv", test_export_orders_csv);

  return g_test_run ();
}
