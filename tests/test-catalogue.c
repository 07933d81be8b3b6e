/* test-catalogue.c — products, variants and categories: registers, outbox, merge and validation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cc-catalogue.h"
#include "cc-money.h"
#include "cc-test-util.h"
#include "cc-text.h"
#include "cc-uuid.h"

/* Helpers */

static CcProduct *
make_product (const char *title)
{
  CcProduct *product = cc_product_new ();

  cc_product_set_title (product, "en", title);
  product->price = 120000;
  return product;
}

static char *
create_ok (CcStore         *store,
           const CcProduct *product)
{
  g_autoptr(GError) error = NULL;
  char *id = cc_catalogue_create_product (store, product, &error);

  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (id));
  return id;
}

static CcProduct *
get_ok (CcStore    *store,
        const char *id_or_sku)
{
  g_autoptr(GError) error = NULL;
  CcProduct *product = cc_catalogue_get_product (store, id_or_sku, &error);

  g_assert_no_error (error);
  g_assert_nonnull (product);
  return product;
}

static char *
add_category_ok (CcStore    *store,
                 const char *name,
                 const char *parent_id)
{
  g_autoptr(GError) error = NULL;
  char *id = cc_catalogue_add_category (store, name, parent_id, &error);

  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (id));
  return id;
}

static CcCategory *
get_category_ok (CcStore    *store,
                 const char *key)
{
  g_autoptr(GError) error = NULL;
  CcCategory *category = cc_catalogue_get_category (store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (category);
  return category;
}

/* The changes appended to the outbox after its first `before` rows. */
static GPtrArray *
outbox_since (CcStore *store,
              gint64   before)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = cc_store_outbox_list (store, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_assert_cmpint (changes->len, ==, cc_store_outbox_count (store));
  g_assert_cmpint (before, <=, changes->len);
  g_ptr_array_remove_range (changes, 0, before);
  return changes;
}

/* Every change is a local write of this device to entity/row_id. */
static void
assert_changes_of (CcStore    *store,
                   GPtrArray  *changes,
                   const char *entity,
                   const char *row_id)
{
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpstr (change->entity, ==, entity);
      if (row_id != NULL)
        g_assert_cmpstr (change->row_id, ==, row_id);
      g_assert_cmpstr (change->device, ==, cc_store_get_device_id (store));
      g_assert_true (cc_uuid_is_valid (change->change_id));
      g_assert_nonnull (change->hlc);
    }
}

/* The only change since `before`: entity/row_id, reg, JSON value. */
static void
assert_one_change (CcStore    *store,
                   gint64      before,
                   const char *entity,
                   const char *row_id,
                   const char *reg,
                   const char *value)
{
  g_autoptr(GPtrArray) changes = outbox_since (store, before);
  CcChange *change;

  g_assert_cmpuint (changes->len, ==, 1);
  assert_changes_of (store, changes, entity, row_id);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->reg, ==, reg);
  g_assert_cmpstr (change->value, ==, value);
}

/* One text value from SQL with one text parameter; NULL when no row. */
static char *
query_text (CcStore    *store,
            const char *sql,
            const char *param)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Rows of table whose id_column is id, and matching extra (may be NULL). */
static gint64
count_where (CcStore    *store,
             const char *table,
             const char *id_column,
             const char *id,
             const char *extra)
{
  g_autofree char *where = NULL;

  /* Ids here are UUIDs the catalogue made: no quote to escape. */
  g_assert_true (cc_uuid_is_valid (id));
  where = g_strdup_printf ("%s = '%s'%s%s", id_column, id,
                           extra != NULL ? " AND " : "", extra != NULL ? extra : "");
  return cc_test_count_rows (store, table, where);
}

static int
compare_str_ptrs (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
assert_text_tables_equal (GHashTable *a,
                          GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

static void
assert_strings_equal (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* Optional text: the store keeps none as "". */
#define NZ(s) ((s) != NULL ? (s) : "")

/* Every field but id and slug. */
static void
assert_products_equal (const CcProduct *expected,
                       const CcProduct *actual)
{
  g_assert_cmpstr (NZ (actual->sku), ==, NZ (expected->sku));
  g_assert_cmpstr (actual->category_id, ==, expected->category_id);
  g_assert_cmpint (actual->status, ==, expected->status);
  g_assert_cmpint (actual->price, ==, expected->price);
  g_assert_cmpint (actual->compare_at_price, ==, expected->compare_at_price);
  g_assert_cmpstr (NZ (actual->currency), ==, NZ (expected->currency));
  g_assert_cmpint (actual->width_mm, ==, expected->width_mm);
  g_assert_cmpint (actual->height_mm, ==, expected->height_mm);
  g_assert_cmpint (actual->depth_mm, ==, expected->depth_mm);
  g_assert_cmpint (actual->weight_g, ==, expected->weight_g);
  g_assert_cmpint (actual->production_minutes, ==, expected->production_minutes);
  g_assert_cmpstr (NZ (actual->cultural_origin), ==, NZ (expected->cultural_origin));
  g_assert_cmpstr (NZ (actual->technique), ==, NZ (expected->technique));
  g_assert_cmpstr (NZ (actual->maker), ==, NZ (expected->maker));
  assert_text_tables_equal (expected->titles, actual->titles);
  assert_text_tables_equal (expected->descriptions, actual->descriptions);
  assert_strings_equal (expected->tags, actual->tags);
  assert_strings_equal (expected->materials, actual->materials);
  g_assert_false (actual->deleted);
}

static void
assert_message_mentions (const GError *error,
                         const char   *word)
{
  g_autofree char *lower = NULL;
  g_autofree char *lower_word = g_ascii_strdown (word, -1);

  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  lower = g_ascii_strdown (error->message, -1);
  if (strstr (lower, lower_word) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, word);
}

static CcChange *
make_remote_change (CcHlc      *clock,
                    const char *entity,
                    const char *row_id,
                    const char *reg,
                    const char *value,
                    const char *base_hlc)
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
  change->base_hlc = g_strdup (base_hlc);
  change->device = g_strdup (cc_hlc_get_node (clock));
  return change;
}

static GPtrArray *
change_batch (CcChange *first,
              ...)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  va_list args;

  va_start (args, first);
  for (CcChange *c = first; c != NULL; c = va_arg (args, CcChange *))
    g_ptr_array_add (batch, cc_change_copy (c));
  va_end (args);
  return batch;
}

static void
apply_ok (CcStore   *store,
          GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_apply_changes (store, batch, &error));
  g_assert_no_error (error);
}

/* The conflicts table as text, for comparing two replicas. */
static char *
dump_conflicts (CcStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store),
                                       "SELECT entity, row_id, reg, change_id, value, hlc, device, "
                                       "winner_change_id, winner_value, settled FROM conflicts "
                                       "ORDER BY entity, row_id, reg, change_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", (const char *)sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

typedef struct
{
  gint64 now_ms;
} FakeTime;

static gint64
fake_time (gpointer user_data)
{
  return ((FakeTime *)user_data)->now_ms;
}

/* Products */

static void
test_product_every_field (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(CcProduct) by_id = NULL;
  g_autoptr(CcProduct) by_sku = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) regs = g_ptr_array_new ();
  g_autofree char *category = add_category_ok (store, "Textiles", NULL);
  g_autofree char *id = NULL;
  g_autofree char *display = NULL;
  gint64 before;
  static const char * const expected_regs[] = {
    "category_id", "compare_at_price", "cultural_origin", "currency",
    "depth_mm", "description@en", "description@hi", "height_mm", "maker",
    "material/Cotton", "material/Natural indigo", "price",
    "production_minutes", "sku", "slug", "status", "tag/block print",
    "tag/indigo", "technique", "title@en", "title@hi", "weight_g",
    "width_mm",
  };

  cc_product_set_title (product, "en", "Indigo block-print scarf");
  cc_product_set_title (product, "hi", "नील ब्लॉक-प्रिंट दुपट्टा");
  cc_product_set_description (product, "en", "Hand-printed with wooden blocks in Bagru.");
  cc_product_set_description (product, "hi", "बगरू में हाथ से छपा।");
  product->sku = g_strdup ("SCF-IND-01");
  product->category_id = g_strdup (category);
  product->status = CC_PRODUCT_ACTIVE;
  product->price = 129900;
  product->compare_at_price = 159900;
  g_free (product->currency);
  product->currency = g_strdup ("USD");
  product->width_mm = 500;
  product->height_mm = 1800;
  product->depth_mm = 2;
  product->weight_g = 120;
  product->production_minutes = 240;
  product->cultural_origin = g_strdup ("Bagru, Rajasthan");
  product->technique = g_strdup ("Dabu block printing");
  product->maker = g_strdup ("Meena Chhipa");
  g_ptr_array_add (product->tags, g_strdup ("block print"));
  g_ptr_array_add (product->tags, g_strdup ("indigo"));
  g_ptr_array_add (product->materials, g_strdup ("Cotton"));
  g_ptr_array_add (product->materials, g_strdup ("Natural indigo"));

  before = cc_store_outbox_count (store);
  id = create_ok (store, product);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);

  by_id = get_ok (store, id);
  g_assert_cmpstr (by_id->id, ==, id);
  assert_products_equal (product, by_id);
  g_assert_cmpstr (by_id->slug, ==, "indigo-block-print-scarf");
  g_assert_cmpstr (cc_product_get_title (by_id, "hi"), ==, "नील ब्लॉक-प्रिंट दुपट्टा");
  g_assert_cmpstr (cc_product_get_description (by_id, "en"), ==, "Hand-printed with wooden blocks in Bagru.");

  by_sku = get_ok (store, "SCF-IND-01");
  g_assert_cmpstr (by_sku->id, ==, id);
  g_assert_cmpstr (by_sku->slug, ==, by_id->slug);
  assert_products_equal (product, by_sku);

  /* The display title follows the shop's main language (en by default). */
  display = query_text (store, "SELECT title FROM products WHERE id = ?", id);
  g_assert_cmpstr (display, ==, "Indigo block-print scarf");

  /* Each field is one register, written once, all by this device. */
  changes = outbox_since (store, before);
  assert_changes_of (store, changes, "product", id);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (regs, ((CcChange *)g_ptr_array_index (changes, i))->reg);
  g_ptr_array_sort (regs, compare_str_ptrs);
  g_assert_cmpuint (regs->len, ==, G_N_ELEMENTS (expected_regs));
  for (guint i = 0; i < regs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (regs, i), ==, expected_regs[i]);
}

static void
test_product_slug (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Brass Diya, Large!");
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(CcProduct) given = make_product ("Brass lamp");
  g_autoptr(CcProduct) hindi_first = make_product ("Brass lamp");
  g_autofree char *id = NULL;
  g_autofree char *given_id = NULL;
  g_autofree char *hindi_id = NULL;
  g_autofree char *expected = NULL;

  id = create_ok (store, product);
  stored = get_ok (store, id);
  g_assert_cmpstr (stored->slug, ==, "brass-diya-large");

  /* A slug that is given is used, made into a slug. */
  given->slug = g_strdup ("My Own Slug");
  given_id = create_ok (store, given);
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, given_id);
  g_assert_cmpstr (stored->slug, ==, "my-own-slug");

  /* With Hindi as the shop's main language, the Hindi title gives it. */
  g_assert_true (cc_store_set_setting (store, "languages", "hi,en", &error));
  g_assert_no_error (error);
  cc_product_set_title (hindi_first, "hi", "पीतल का दीया");
  hindi_id = create_ok (store, hindi_first);
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, hindi_id);
  expected = cc_text_slugify ("पीतल का दीया");
  g_assert_cmpstr (stored->slug, ==, expected);
  g_assert_cmpstr (stored->slug, !=, "brass-lamp");
}

static void
test_product_nfc (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  /* "Cafe" + COMBINING ACUTE ACCENT, with spaces around it. */
  g_autoptr(CcProduct) product = make_product ("  Cafe\xcc\x81 mug ");
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *raw = NULL;
  gint64 before = cc_store_outbox_count (store);

  cc_product_set_description (product, "en", "Glaze\xcc\x81");
  id = create_ok (store, product);
  stored = get_ok (store, id);
  g_assert_cmpstr (cc_product_get_title (stored, "en"), ==, "Caf\xc3\xa9 mug");
  g_assert_cmpstr (cc_product_get_description (stored, "en"), ==, "Glaz\xc3\xa9");

  raw = query_text (store, "SELECT title FROM product_texts WHERE product_id = ? AND lang = 'en'", id);
  g_assert_cmpstr (raw, ==, "Caf\xc3\xa9 mug");
  g_clear_pointer (&raw, g_free);
  raw = query_text (store, "SELECT title FROM products WHERE id = ?", id);
  g_assert_cmpstr (raw, ==, "Caf\xc3\xa9 mug");

  /* What travels is composed too. */
  changes = outbox_since (store, before);
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->reg, "title@en") == 0)
        g_assert_cmpstr (change->value, ==, "\"Caf\xc3\xa9 mug\"");
    }
}

static void
test_product_update_only_changes (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Blue mug");
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(CcProduct) reread = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *old_stamp = NULL;
  g_autofree char *new_stamp = NULL;
  CcChange *change;
  gint64 before;

  product->sku = g_strdup ("MUG-B");
  g_ptr_array_add (product->tags, g_strdup ("blue"));
  g_ptr_array_add (product->materials, g_strdup ("Stoneware"));
  cc_product_set_title (product, "hi", "नीला मग");
  id = create_ok (store, product);
  stored = get_ok (store, id);
  old_stamp = cc_store_dup_register_stamp (store, "product", id, "price");
  g_assert_nonnull (old_stamp);

  /* Only the price: one change, written on top of the price it replaced. */
  stored->price = 150000;
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before + 1);
  changes = outbox_since (store, before);
  assert_changes_of (store, changes, "product", id);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->reg, ==, "price");
  g_assert_cmpstr (change->value, ==, "150000");
  g_assert_cmpstr (change->base_hlc, ==, old_stamp);
  new_stamp = cc_store_dup_register_stamp (store, "product", id, "price");
  g_assert_cmpstr (new_stamp, ==, change->hlc);
  reread = get_ok (store, id);
  g_assert_cmpint (reread->price, ==, 150000);

  /* Writing back what is stored writes nothing. */
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, reread, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  /* Nor does text that only differs by normalisation or trimming. */
  cc_product_set_title (reread, "en", "  Blue mug  ");
  g_assert_true (cc_catalogue_update_product (store, reread, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, "MUG-B");
  g_assert_cmpstr (stored->id, ==, id);

  /* One language's title: one register. */
  cc_product_set_title (stored, "hi", "गहरा नीला मग");
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "title@hi", "\"गहरा नीला मग\"");
  g_clear_pointer (&reread, cc_product_free);
  reread = get_ok (store, id);
  g_assert_cmpstr (cc_product_get_title (reread, "hi"), ==, "गहरा नीला मग");
  g_assert_cmpstr (cc_product_get_title (reread, "en"), ==, "Blue mug");
}

static void
test_product_tag_sets (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Scarf");
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  gint64 before;
  guint n_tags = 0;

  g_ptr_array_add (product->tags, g_strdup ("Indigo"));
  g_ptr_array_add (product->tags, g_strdup ("indigo"));
  g_ptr_array_add (product->tags, g_strdup (" INDIGO "));
  g_ptr_array_add (product->tags, g_strdup ("Block Print"));
  before = cc_store_outbox_count (store);
  id = create_ok (store, product);

  stored = get_ok (store, id);
  g_assert_cmpuint (stored->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 0), ==, "block print");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 1), ==, "indigo");
  changes = outbox_since (store, before);
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      if (g_str_has_prefix (change->reg, "tag/"))
        {
          n_tags++;
          g_assert_cmpstr (change->value, ==, "true");
        }
    }
  g_assert_cmpuint (n_tags, ==, 2);

  /* Adding one tag writes that element only. */
  g_ptr_array_add (stored->tags, g_strdup ("Cotton"));
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "tag/cotton", "true");

  /* Removing one writes false for that element; the others keep their stamps. */
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, id);
  g_assert_cmpuint (stored->tags->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 0), ==, "block print");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 1), ==, "cotton");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 2), ==, "indigo");
  g_ptr_array_remove_index (stored->tags, 2);
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "tag/indigo", "false");
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, id);
  g_assert_cmpuint (stored->tags->len, ==, 2);
  g_assert_false (g_ptr_array_find_with_equal_func (stored->tags, "indigo", g_str_equal, NULL));
  g_assert_cmpint (count_where (store, "product_tags", "product_id", id, "tag = 'indigo' AND present = 0"), ==, 1);

  /* The same set in another case and order is no change. */
  g_ptr_array_set_size (stored->tags, 0);
  g_ptr_array_add (stored->tags, g_strdup ("COTTON"));
  g_ptr_array_add (stored->tags, g_strdup ("Block print"));
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  /* Materials are a set too (kept in their case). */
  g_ptr_array_add (stored->materials, g_strdup ("Natural indigo"));
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "material/Natural indigo", "true");
  g_ptr_array_set_size (stored->materials, 0);
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_product (store, stored, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "material/Natural indigo", "false");
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, id);
  g_assert_cmpuint (stored->materials->len, ==, 0);
}

static void
test_product_status (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Clay horse");
  g_autoptr(CcProduct) stored = NULL;
  g_autofree char *id = NULL;
  CcProductStatus status;
  gint64 before;

  id = create_ok (store, product);
  stored = get_ok (store, id);
  g_assert_cmpint (stored->status, ==, CC_PRODUCT_DRAFT);

  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_set_status (store, id, CC_PRODUCT_ACTIVE, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "status", "\"active\"");

  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_set_status (store, id, CC_PRODUCT_ARCHIVED, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "status", "\"archived\"");
  g_clear_pointer (&stored, cc_product_free);
  stored = get_ok (store, id);
  g_assert_cmpint (stored->status, ==, CC_PRODUCT_ARCHIVED);
  /* Archived is not deleted. */
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);

  /* The same status again writes nothing. */
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_set_status (store, id, CC_PRODUCT_ARCHIVED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  g_assert_false (cc_catalogue_set_status (store, "no-such-piece", CC_PRODUCT_ACTIVE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  g_assert_cmpstr (cc_product_status_to_string (CC_PRODUCT_ACTIVE), ==, "active");
  g_assert_true (cc_product_status_from_string ("archived", &status));
  g_assert_cmpint (status, ==, CC_PRODUCT_ARCHIVED);
  g_assert_false (cc_product_status_from_string ("sold", &status));
  g_assert_cmpstr (cc_product_status_get_label (CC_PRODUCT_DRAFT), ==, "Draft");
}

static void
test_product_delete (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Clay horse");
  g_autoptr(CcProduct) keep = make_product ("Clay elephant");
  g_autoptr(CcProduct) gone = NULL;
  g_autofree char *id = NULL;
  g_autofree char *keep_id = NULL;
  gint64 before;

  product->sku = g_strdup ("HORSE-1");
  id = create_ok (store, product);
  keep_id = create_ok (store, keep);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);

  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_delete_product (store, id, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "product", id, "deleted", "true");

  gone = cc_catalogue_get_product (store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gone = cc_catalogue_get_product (store, "HORSE-1", &error);
  g_assert_null (gone);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A tombstone: the row stays, marked, so the delete can sync. */
  g_assert_cmpint (count_where (store, "products", "id", id, "deleted = 1"), ==, 1);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);

  before = cc_store_outbox_count (store);
  g_assert_false (cc_catalogue_delete_product (store, id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
}

static void
test_product_duplicate_sku (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) first = make_product ("Mug");
  g_autoptr(CcProduct) second = make_product ("Another mug");
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *variant_id = NULL;

  first->sku = g_strdup ("MUG-01");
  second->sku = g_strdup ("MUG-01");
  first_id = create_ok (store, first);
  /* Two devices can do this offline; the schema must not refuse it. */
  second_id = create_ok (store, second);
  g_assert_cmpstr (first_id, !=, second_id);

  others = cc_catalogue_find_sku (store, "MUG-01", second_id);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (others, 0), ==, first_id);
  g_clear_pointer (&others, g_ptr_array_unref);
  others = cc_catalogue_find_sku (store, "MUG-01", first_id);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (others, 0), ==, second_id);
  g_clear_pointer (&others, g_ptr_array_unref);
  others = cc_catalogue_find_sku (store, "MUG-01", NULL);
  g_assert_cmpuint (others->len, ==, 2);
  g_clear_pointer (&others, g_ptr_array_unref);
  others = cc_catalogue_find_sku (store, "MUG-02", NULL);
  g_assert_cmpuint (others->len, ==, 0);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* A variant's SKU counts, reported as its product. */
  variant->product_id = g_strdup (first_id);
  variant->sku = g_strdup ("MUG-01-L");
  variant->price = 1000;
  cc_variant_add_option (variant, "Size", "Large");
  variant_id = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);
  others = cc_catalogue_find_sku (store, "MUG-01-L", second_id);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (others, 0), ==, first_id);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* Deleted pieces no longer hold the SKU. */
  g_assert_true (cc_catalogue_delete_product (store, first_id, &error));
  g_assert_no_error (error);
  others = cc_catalogue_find_sku (store, "MUG-01", second_id);
  g_assert_cmpuint (others->len, ==, 0);
  g_clear_pointer (&others, g_ptr_array_unref);
  others = cc_catalogue_find_sku (store, "MUG-01-L", second_id);
  g_assert_cmpuint (others->len, ==, 0);
}

/* Variants */

static void
test_variant_lifecycle (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Kurta");
  g_autoptr(CcVariant) small = cc_variant_new ();
  g_autoptr(CcVariant) large = cc_variant_new ();
  g_autoptr(CcVariant) orphan = cc_variant_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *small_id = NULL;
  g_autofree char *large_id = NULL;
  g_autofree char *orphan_id = NULL;
  CcVariant *v;
  CcVariantOption *option;
  gint64 before;

  id = create_ok (store, product);

  small->product_id = g_strdup (id);
  small->sku = g_strdup ("KUR-S");
  small->price = 99900;
  cc_variant_add_option (small, "Size", "Small");
  before = cc_store_outbox_count (store);
  small_id = cc_catalogue_add_variant (store, small, &error);
  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (small_id));
  changes = outbox_since (store, before);
  g_assert_cmpuint (changes->len, >, 0);
  assert_changes_of (store, changes, "variant", small_id);

  large->product_id = g_strdup (id);
  large->sku = g_strdup ("KUR-L");
  large->price = 109900;
  cc_variant_add_option (large, "Size", "Large");
  cc_variant_add_option (large, "Colour", "Blue");
  large_id = cc_catalogue_add_variant (store, large, &error);
  g_assert_no_error (error);

  list = cc_catalogue_list_variants (store, id);
  g_assert_cmpuint (list->len, ==, 2);
  v = g_ptr_array_index (list, 0);
  g_assert_cmpstr (v->id, ==, small_id);
  g_assert_cmpstr (v->product_id, ==, id);
  g_assert_cmpstr (v->sku, ==, "KUR-S");
  g_assert_cmpint (v->price, ==, 99900);
  g_assert_cmpint (v->position, ==, 0);
  g_assert_cmpuint (v->options->len, ==, 1);
  v = g_ptr_array_index (list, 1);
  g_assert_cmpstr (v->id, ==, large_id);
  g_assert_cmpint (v->position, ==, 1);
  g_assert_cmpuint (v->options->len, ==, 2);
  option = g_ptr_array_index (v->options, 0);
  g_assert_cmpstr (option->name, ==, "Size");
  g_assert_cmpstr (option->value, ==, "Large");
  option = g_ptr_array_index (v->options, 1);
  g_assert_cmpstr (option->name, ==, "Colour");
  g_assert_cmpstr (option->value, ==, "Blue");

  /* Price and options change; the SKU does not, so it is not written. */
  v->price = 119900;
  option = g_ptr_array_index (v->options, 1);
  g_free (option->value);
  option->value = g_strdup ("Green");
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_variant (store, v, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = outbox_since (store, before);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_changes_of (store, changes, "variant", large_id);
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (changes, 0))->reg, ==, "price");
  g_assert_cmpstr (((CcChange *)g_ptr_array_index (changes, 1))->reg, ==, "options");

  /* Unchanged: nothing written. */
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_update_variant (store, v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = cc_catalogue_list_variants (store, id);
  v = g_ptr_array_index (list, 1);
  g_assert_cmpint (v->price, ==, 119900);
  option = g_ptr_array_index (v->options, 1);
  g_assert_cmpstr (option->value, ==, "Green");

  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_remove_variant (store, small_id, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "variant", small_id, "deleted", "true");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cc_catalogue_list_variants (store, id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CcVariant *)g_ptr_array_index (list, 0))->id, ==, large_id);

  before = cc_store_outbox_count (store);
  g_assert_false (cc_catalogue_remove_variant (store, small_id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  /* A variant of a piece that does not exist. */
  orphan->product_id = cc_uuid_v7_new ();
  cc_variant_add_option (orphan, "Size", "Small");
  orphan_id = cc_catalogue_add_variant (store, orphan, &error);
  g_assert_null (orphan_id);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
}

static void
test_variant_refused (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Kurta");
  g_autoptr(CcVariant) bare = cc_variant_new ();
  g_autoptr(CcVariant) empty_value = cc_variant_new ();
  g_autoptr(CcVariant) negative = cc_variant_new ();
  g_autofree char *id = NULL;
  g_autofree char *vid = NULL;
  gint64 before, variants;

  id = create_ok (store, product);
  before = cc_store_outbox_count (store);
  variants = cc_test_count_rows (store, "variants", NULL);

  bare->product_id = g_strdup (id);
  bare->price = 1000;
  vid = cc_catalogue_add_variant (store, bare, &error);
  g_assert_null (vid);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  assert_message_mentions (error, "option");
  g_clear_error (&error);

  empty_value->product_id = g_strdup (id);
  cc_variant_add_option (empty_value, "Size", "  ");
  vid = cc_catalogue_add_variant (store, empty_value, &error);
  g_assert_null (vid);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  negative->product_id = g_strdup (id);
  negative->price = -1;
  cc_variant_add_option (negative, "Size", "Large");
  vid = cc_catalogue_add_variant (store, negative, &error);
  g_assert_null (vid);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  assert_message_mentions (error, "negative");
  g_clear_error (&error);

  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  g_assert_cmpint (cc_test_count_rows (store, "variants", NULL), ==, variants);

  /* An update may not strip a variant of its options either. */
  negative->price = 1000;
  vid = cc_catalogue_add_variant (store, negative, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) list = cc_catalogue_list_variants (store, id);
    CcVariant *v = g_ptr_array_index (list, 0);

    g_ptr_array_set_size (v->options, 0);
    before = cc_store_outbox_count (store);
    g_assert_false (cc_catalogue_update_variant (store, v, &error));
    g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
    g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  }
  {
    g_autoptr(GPtrArray) list = cc_catalogue_list_variants (store, id);

    g_assert_cmpuint (((CcVariant *)g_ptr_array_index (list, 0))->options->len, ==, 1);
  }
}

/* Categories */

static void
test_category_tree (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) subtree = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CcCategory) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *textiles = NULL;
  g_autofree char *pottery = NULL;
  g_autofree char *scarves = NULL;
  g_autofree char *saris = NULL;
  g_autofree char *silk = NULL;
  g_autofree char *orphan = NULL;
  static const char * const names[] = { "Pottery", "Textiles", "Saris", "Silk", "Scarves" };
  static const int depths[] = { 0, 0, 1, 2, 1 };
  gint64 before = cc_store_outbox_count (store);

  textiles = add_category_ok (store, "Textiles", NULL);
  changes = outbox_since (store, before);
  g_assert_cmpuint (changes->len, >, 0);
  assert_changes_of (store, changes, "category", textiles);

  pottery = add_category_ok (store, "Pottery", NULL);
  scarves = add_category_ok (store, "Scarves", textiles);
  saris = add_category_ok (store, "Saris", textiles);
  silk = add_category_ok (store, "Silk", saris);

  /* Depth first; siblings by sort order, then name. */
  list = cc_catalogue_list_categories (store);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < list->len; i++)
    {
      CcCategory *category = g_ptr_array_index (list, i);

      g_assert_cmpstr (category->name, ==, names[i]);
      g_assert_cmpint (category->depth, ==, depths[i]);
    }
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 3))->parent_id, ==, saris);
  g_assert_null (((CcCategory *)g_ptr_array_index (list, 0))->parent_id);

  found = get_category_ok (store, silk);
  g_assert_cmpstr (found->name, ==, "Silk");
  g_assert_cmpstr (found->slug, ==, "silk");
  g_assert_cmpstr (found->parent_id, ==, saris);
  g_clear_pointer (&found, cc_category_free);
  found = get_category_ok (store, "scarves");
  g_assert_cmpstr (found->id, ==, scarves);
  g_clear_pointer (&found, cc_category_free);
  found = get_category_ok (store, "POTTERY");
  g_assert_cmpstr (found->id, ==, pottery);
  g_clear_pointer (&found, cc_category_free);
  found = cc_catalogue_get_category (store, "Glass", &error);
  g_assert_null (found);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  subtree = cc_catalogue_category_subtree (store, textiles);
  g_assert_cmpuint (subtree->len, ==, 4);
  g_assert_true (g_ptr_array_find_with_equal_func (subtree, textiles, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (subtree, scarves, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (subtree, saris, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (subtree, silk, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (subtree, pottery, g_str_equal, NULL));
  g_clear_pointer (&subtree, g_ptr_array_unref);
  subtree = cc_catalogue_category_subtree (store, silk);
  g_assert_cmpuint (subtree->len, ==, 1);

  /* Refused: no name, or a parent that is not there. Nothing written. */
  before = cc_store_outbox_count (store);
  orphan = cc_catalogue_add_category (store, "   ", NULL, &error);
  g_assert_null (orphan);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  assert_message_mentions (error, "name");
  g_clear_error (&error);
  orphan = cc_catalogue_add_category (store, "Glass", "no-such-category", &error);
  g_assert_null (orphan);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  g_assert_cmpint (cc_test_count_rows (store, "categories", NULL), ==, 5);
}

static void
test_category_rename (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = add_category_ok (store, "Textiles", NULL);
  gint64 before = cc_store_outbox_count (store);

  g_assert_true (cc_catalogue_rename_category (store, id, "Handloom Textiles", &error));
  g_assert_no_error (error);
  changes = outbox_since (store, before);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_changes_of (store, changes, "category", id);
  category = get_category_ok (store, id);
  g_assert_cmpstr (category->name, ==, "Handloom Textiles");
  g_assert_cmpstr (category->slug, ==, "handloom-textiles");
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, "handloom-textiles");
  g_assert_cmpstr (category->id, ==, id);

  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_rename_category (store, id, "Handloom Textiles", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);

  g_assert_false (cc_catalogue_rename_category (store, id, "", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_catalogue_rename_category (store, "no-such-category", "Glass", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, id);
  g_assert_cmpstr (category->name, ==, "Handloom Textiles");
}

static void
test_category_move (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *textiles = add_category_ok (store, "Textiles", NULL);
  g_autofree char *pottery = add_category_ok (store, "Pottery", NULL);
  g_autofree char *saris = add_category_ok (store, "Saris", textiles);
  g_autofree char *silk = add_category_ok (store, "Silk", saris);
  g_autofree char *expected = NULL;
  gint64 before = cc_store_outbox_count (store);

  /* Saris (with Silk) under Pottery. */
  g_assert_true (cc_catalogue_move_category (store, saris, pottery, 0, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("\"%s\"", pottery);
  assert_one_change (store, before, "category", saris, "parent_id", expected);
  category = get_category_ok (store, saris);
  g_assert_cmpstr (category->parent_id, ==, pottery);
  list = cc_catalogue_list_categories (store);
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 0))->name, ==, "Pottery");
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 1))->name, ==, "Saris");
  g_assert_cmpint (((CcCategory *)g_ptr_array_index (list, 1))->depth, ==, 1);
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 2))->name, ==, "Silk");
  g_assert_cmpint (((CcCategory *)g_ptr_array_index (list, 2))->depth, ==, 2);
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 3))->name, ==, "Textiles");

  /* Under itself, or under its own descendant: refused, nothing changed. */
  before = cc_store_outbox_count (store);
  g_assert_false (cc_catalogue_move_category (store, saris, saris, 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_false (cc_catalogue_move_category (store, pottery, silk, 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, saris);
  g_assert_cmpstr (category->parent_id, ==, pottery);
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, pottery);
  g_assert_null (category->parent_id);

  /* Back to the top, and first among siblings. */
  g_assert_true (cc_catalogue_move_category (store, saris, NULL, -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, saris);
  g_assert_null (category->parent_id);
  g_assert_cmpint (category->sort_order, ==, -1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cc_catalogue_list_categories (store);
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 0))->name, ==, "Saris");
  g_assert_cmpint (((CcCategory *)g_ptr_array_index (list, 0))->depth, ==, 0);

  /* Unknown parent. */
  before = cc_store_outbox_count (store);
  g_assert_false (cc_catalogue_move_category (store, saris, "no-such-category", 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
}

static void
test_category_remove (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCategory) category = NULL;
  g_autoptr(CcProduct) product = make_product ("Scarf");
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *pottery = add_category_ok (store, "Pottery", NULL);
  g_autofree char *textiles = add_category_ok (store, "Textiles", NULL);
  g_autofree char *scarves = add_category_ok (store, "Scarves", textiles);
  g_autofree char *home = add_category_ok (store, "Home", NULL);
  g_autofree char *id = NULL;
  gint64 before;
  guint n_product = 0, n_category = 0;

  product->category_id = g_strdup (textiles);
  id = create_ok (store, product);

  /* Empty: removed, as a tombstone. */
  before = cc_store_outbox_count (store);
  g_assert_true (cc_catalogue_remove_category (store, pottery, NULL, &error));
  g_assert_no_error (error);
  assert_one_change (store, before, "category", pottery, "deleted", "true");
  category = cc_catalogue_get_category (store, pottery, &error);
  g_assert_null (category);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_where (store, "categories", "id", pottery, "deleted = 1"), ==, 1);

  /* Holding a piece and a subcategory: refused without a target. */
  before = cc_store_outbox_count (store);
  g_assert_false (cc_catalogue_remove_category (store, textiles, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  /* A target inside what is removed: refused. */
  g_assert_false (cc_catalogue_remove_category (store, textiles, scarves, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (cc_catalogue_remove_category (store, textiles, textiles, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (cc_catalogue_remove_category (store, textiles, "no-such-category", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before);
  category = get_category_ok (store, textiles);
  g_clear_pointer (&category, cc_category_free);
  category = get_category_ok (store, scarves);
  g_assert_cmpstr (category->parent_id, ==, textiles);
  g_clear_pointer (&category, cc_category_free);
  stored = get_ok (store, id);
  g_assert_cmpstr (stored->category_id, ==, textiles);
  g_clear_pointer (&stored, cc_product_free);

  /* With a target: the piece and the subcategory move there. */
  g_assert_true (cc_catalogue_remove_category (store, textiles, home, &error));
  g_assert_no_error (error);
  changes = outbox_since (store, before);
  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->entity, "product") == 0)
        {
          n_product++;
          g_assert_cmpstr (change->row_id, ==, id);
          g_assert_cmpstr (change->reg, ==, "category_id");
        }
      else
        {
          n_category++;
          g_assert_cmpstr (change->entity, ==, "category");
        }
    }
  g_assert_cmpuint (n_product, ==, 1);
  g_assert_cmpuint (n_category, ==, 2);
  stored = get_ok (store, id);
  g_assert_cmpstr (stored->category_id, ==, home);
  category = get_category_ok (store, scarves);
  g_assert_cmpstr (category->parent_id, ==, home);
  g_clear_pointer (&category, cc_category_free);
  category = cc_catalogue_get_category (store, textiles, &error);
  g_assert_null (category);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = cc_catalogue_list_categories (store);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 0))->name, ==, "Home");
  g_assert_cmpstr (((CcCategory *)g_ptr_array_index (list, 1))->name, ==, "Scarves");
  g_assert_cmpint (((CcCategory *)g_ptr_array_index (list, 1))->depth, ==, 1);
}

/* Validation: one case per way a piece can be refused. */

typedef struct
{
  const char *name;
  void      (*spoil) (CcProduct *product, const char *category_id);
  int         code;
  const char *mention;
} BadProduct;

static void
spoil_no_title (CcProduct  *product,
                const char *category_id)
{
  g_hash_table_remove_all (product->titles);
}

static void
spoil_blank_title (CcProduct  *product,
                   const char *category_id)
{
  g_hash_table_remove_all (product->titles);
  cc_product_set_title (product, "en", " \t\n ");
  cc_product_set_title (product, "hi", "");
}

static void
spoil_negative_price (CcProduct  *product,
                      const char *category_id)
{
  product->price = -100;
}

static void
spoil_negative_compare_at (CcProduct  *product,
                           const char *category_id)
{
  product->compare_at_price = -1;
}

static void
spoil_absurd_price (CcProduct  *product,
                    const char *category_id)
{
  product->price = CC_MONEY_MAX + 1;
}

static void
spoil_currency (CcProduct  *product,
                const char *category_id)
{
  g_free (product->currency);
  product->currency = g_strdup ("XYZ");
}

static void
spoil_dimension (CcProduct  *product,
                 const char *category_id)
{
  product->width_mm = -3;
}

static void
spoil_weight (CcProduct  *product,
              const char *category_id)
{
  product->weight_g = -1;
}

static void
spoil_category (CcProduct  *product,
                const char *category_id)
{
  g_free (product->category_id);
  product->category_id = cc_uuid_v7_new ();
}

static void
spoil_deleted_category (CcProduct  *product,
                        const char *category_id)
{
  g_free (product->category_id);
  product->category_id = g_strdup (category_id);
}

static void
spoil_utf8_title (CcProduct  *product,
                  const char *category_id)
{
  cc_product_set_title (product, "en", "Blue \xff\xfe mug");
}

static void
spoil_long_title (CcProduct  *product,
                  const char *category_id)
{
  g_autofree char *title = g_strnfill (501, 'a');

  cc_product_set_title (product, "en", title);
}

static const BadProduct bad_products[] = {
  { "no-title", spoil_no_title, CC_ERROR_INVALID_INPUT, "title" },
  { "blank-title", spoil_blank_title, CC_ERROR_INVALID_INPUT, "title" },
  { "negative-price", spoil_negative_price, CC_ERROR_INVALID_INPUT, "negative" },
  { "negative-compare-at-price", spoil_negative_compare_at, CC_ERROR_INVALID_INPUT, "negative" },
  { "absurd-price", spoil_absurd_price, CC_ERROR_INVALID_INPUT, "price" },
  { "unknown-currency", spoil_currency, CC_ERROR_INVALID_INPUT, "XYZ" },
  { "negative-dimension", spoil_dimension, CC_ERROR_INVALID_INPUT, "negative" },
  { "negative-weight", spoil_weight, CC_ERROR_INVALID_INPUT, "weight" },
  { "unknown-category", spoil_category, CC_ERROR_NOT_FOUND, "category" },
  { "removed-category", spoil_deleted_category, CC_ERROR_NOT_FOUND, "category" },
  { "invalid-utf8-title", spoil_utf8_title, CC_ERROR_INVALID_INPUT, "title" },
  { "over-long-title", spoil_long_title, CC_ERROR_INVALID_INPUT, "title" },
};

static void
test_validate_refused (gconstpointer data)
{
  const BadProduct *bad = data;
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) good = make_product ("Blue mug");
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(CcProduct) stored = NULL;
  g_autoptr(CcProduct) after = NULL;
  g_autofree char *removed = add_category_ok (store, "Old shelf", NULL);
  g_autofree char *good_id = NULL;
  g_autofree char *id = NULL;
  gint64 outbox, rows, texts, registers;

  g_assert_true (cc_catalogue_remove_category (store, removed, NULL, &error));
  g_assert_no_error (error);
  cc_product_set_title (good, "hi", "नीला मग");
  good_id = create_ok (store, good);

  outbox = cc_store_outbox_count (store);
  rows = cc_test_count_rows (store, "products", NULL);
  texts = cc_test_count_rows (store, "product_texts", NULL);
  registers = cc_test_count_rows (store, "registers", NULL);

  /* Creating it: refused, with a message a person can act on. */
  product = make_product ("Blue mug");
  bad->spoil (product, removed);
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_null (id);
  g_assert_error (error, CC_ERROR, bad->code);
  assert_message_mentions (error, bad->mention);
  g_clear_error (&error);

  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, rows);
  g_assert_cmpint (cc_test_count_rows (store, "product_texts", NULL), ==, texts);
  g_assert_cmpint (cc_test_count_rows (store, "registers", NULL), ==, registers);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);

  /* Updating a stored piece with it: refused the same way, piece unchanged. */
  stored = get_ok (store, good_id);
  bad->spoil (stored, removed);
  g_assert_false (cc_catalogue_update_product (store, stored, &error));
  g_assert_error (error, CC_ERROR, bad->code);
  assert_message_mentions (error, bad->mention);

  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, rows);
  g_assert_cmpint (cc_test_count_rows (store, "registers", NULL), ==, registers);
  after = get_ok (store, good_id);
  assert_products_equal (good, after);
}

static void
test_validate_unknown_id (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Blue mug");
  g_autofree char *id = create_ok (store, product);
  gint64 outbox = cc_store_outbox_count (store);
  gint64 rows = cc_test_count_rows (store, "products", NULL);

  product->id = cc_uuid_v7_new ();
  product->price = 99;
  g_assert_false (cc_catalogue_update_product (store, product, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  assert_message_mentions (error, product->id);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, rows);
  g_clear_error (&error);

  /* A deleted piece cannot be updated back to life. */
  g_assert_true (cc_catalogue_delete_product (store, id, &error));
  g_assert_no_error (error);
  outbox = cc_store_outbox_count (store);
  g_free (product->id);
  product->id = g_strdup (id);
  g_assert_false (cc_catalogue_update_product (store, product, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

/* The title limit is in characters, as the message says: a Hindi title
 * takes three bytes a letter and must not hit it three times sooner. */
static void
test_validate_title_limit_in_characters (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Blue mug");
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(CcProduct) stored = NULL;
  g_autofree char *id = NULL;

  /* 300 characters, 900 bytes. */
  for (guint i = 0; i < 100; i++)
    g_string_append (title, "कमल");
  g_assert_cmpint (g_utf8_strlen (title->str, -1), ==, 300);
  cc_product_set_title (product, "hi", title->str);

  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  stored = get_ok (store, id);
  g_assert_cmpstr (cc_product_get_title (stored, "hi"), ==, title->str);
}

/* Sync */

static void
test_sync_remote_create (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(CcHlc) other = cc_hlc_new ("other-device");
  g_autoptr(CcChange) change = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autofree char *row_id = cc_uuid_v7_new ();
  g_autofree char *stamp = NULL;
  gint64 outbox, registers, seen;

  change = make_remote_change (other, "product", row_id, "title@en", "\"Remote mug\"", NULL);
  batch = change_batch (change, NULL);

  outbox = cc_store_outbox_count (store);
  apply_ok (store, batch);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  product = get_ok (store, row_id);
  g_assert_cmpstr (product->id, ==, row_id);
  g_assert_cmpstr (cc_product_get_title (product, "en"), ==, "Remote mug");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);
  /* The register keeps the remote stamp. */
  stamp = cc_store_dup_register_stamp (store, "product", row_id, "title@en");
  g_assert_cmpstr (stamp, ==, change->hlc);

  /* The same batch again: a no-op. */
  registers = cc_test_count_rows (store, "registers", NULL);
  seen = cc_test_count_rows (store, "seen_changes", NULL);
  apply_ok (store, batch);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpint (cc_test_count_rows (store, "registers", NULL), ==, registers);
  g_assert_cmpint (cc_test_count_rows (store, "seen_changes", NULL), ==, seen);
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (store, "conflicts", NULL), ==, 0);
  g_clear_pointer (&product, cc_product_free);
  product = get_ok (store, row_id);
  g_assert_cmpstr (cc_product_get_title (product, "en"), ==, "Remote mug");
}

/* The local device retitles a piece while another device, from the same
 * starting point, retitles it too. Replica A made the local edit and then
 * receives the remote one; replica B received the original, then gets the
 * remote edit and the local one in the other order. Both must agree on the
 * winner (the higher stamp) and record the same loser. */
typedef struct
{
  gint64      remote_offset_ms;   /* remote edit time minus local edit time */
  const char *winner;
  const char *loser;
} ConcurrentCase;

static const ConcurrentCase remote_wins = { 20000, "Remote mug", "Local mug" };
static const ConcurrentCase remote_loses = { -5000, "Local mug", "Remote mug" };

static void
test_sync_concurrent_title (gconstpointer data)
{
  const ConcurrentCase *test_case = data;
  g_autoptr(CcStore) a = cc_test_open_store ();
  g_autoptr(CcStore) b = cc_test_open_store ();
  g_autoptr(CcHlc) other = cc_hlc_new ("other-device");
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = make_product ("Mug");
  g_autoptr(CcProduct) edited = NULL;
  g_autoptr(CcProduct) final_a = NULL;
  g_autoptr(CcProduct) final_b = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) remote = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(CcChange) remote_change = NULL;
  g_autofree char *id = NULL;
  g_autofree char *base = NULL;
  g_autofree char *local_stamp = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *loser_json = g_strdup_printf ("\"%s\"", test_case->loser);
  g_autofree char *winner_json = g_strdup_printf ("\"%s\"", test_case->winner);
  FakeTime local_time, remote_time;
  gint64 outbox_b;
  CcChange *lost;

  /* Clocks a little ahead of the real one, so every stamp is the test's. */
  local_time.now_ms = g_get_real_time () / 1000 + 60000;
  remote_time.now_ms = local_time.now_ms + 10000 + test_case->remote_offset_ms;
  cc_hlc_set_time_func (cc_store_get_clock (a), fake_time, &local_time);
  cc_hlc_set_time_func (other, fake_time, &remote_time);

  id = create_ok (a, product);
  base = cc_store_dup_register_stamp (a, "product", id, "title@en");
  g_assert_nonnull (base);

  /* B has the original. */
  history = outbox_since (a, 0);
  apply_ok (b, history);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A's edit, ten seconds later. */
  local_time.now_ms += 10000;
  edited = get_ok (a, id);
  cc_product_set_title (edited, "en", "Local mug");
  g_assert_true (cc_catalogue_update_product (a, edited, &error));
  g_assert_no_error (error);
  local_stamp = cc_store_dup_register_stamp (a, "product", id, "title@en");
  g_assert_cmpstr (local_stamp, !=, base);

  /* The other device's edit, on top of the same original. */
  remote_change = make_remote_change (other, "product", id, "title@en", "\"Remote mug\"", base);
  g_assert_cmpstr (remote_change->hlc, >, base);
  if (test_case->remote_offset_ms > 0)
    g_assert_cmpstr (remote_change->hlc, >, local_stamp);
  else
    g_assert_cmpstr (remote_change->hlc, <, local_stamp);
  remote = change_batch (remote_change, NULL);

  /* A: local edit first, remote second. */
  apply_ok (a, remote);
  /* B: remote first, then A's edit (with everything else A wrote). */
  outbox_b = cc_store_outbox_count (b);
  apply_ok (b, remote);
  history = outbox_since (a, 0);
  apply_ok (b, history);
  g_assert_cmpint (cc_store_outbox_count (b), ==, outbox_b);

  final_a = get_ok (a, id);
  final_b = get_ok (b, id);
  g_assert_cmpstr (cc_product_get_title (final_a, "en"), ==, test_case->winner);
  g_assert_cmpstr (cc_product_get_title (final_b, "en"), ==, test_case->winner);

  g_assert_cmpint (cc_test_count_rows (a, "conflicts", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (b, "conflicts", NULL), ==, 1);
  conflicts = cc_store_conflicts_list (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  lost = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (lost->entity, ==, "product");
  g_assert_cmpstr (lost->row_id, ==, id);
  g_assert_cmpstr (lost->reg, ==, "title@en");
  g_assert_cmpstr (lost->value, ==, loser_json);
  g_assert_cmpstr (lost->hlc, ==, test_case->remote_offset_ms > 0 ? local_stamp : remote_change->hlc);
  {
    g_autofree char *stored_winner = query_text (a, "SELECT winner_value FROM conflicts", NULL);

    g_assert_cmpstr (stored_winner, ==, winner_json);
  }

  /* The same row, field for field, on both replicas. */
  dump_a = dump_conflicts (a);
  dump_b = dump_conflicts (b);
  g_assert_cmpstr (dump_a, ==, dump_b);
}

/* Two remote edits with no common base, applied in both orders. */
static void
test_sync_concurrent_remote_order (void)
{
  g_autoptr(CcStore) first = cc_test_open_store ();
  g_autoptr(CcStore) second = cc_test_open_store ();
  g_autoptr(CcHlc) clock_x = cc_hlc_new ("device-x");
  g_autoptr(CcHlc) clock_y = cc_hlc_new ("device-y");
  g_autoptr(CcChange) x = NULL;
  g_autoptr(CcChange) y = NULL;
  g_autoptr(GPtrArray) batch_x = NULL;
  g_autoptr(GPtrArray) batch_y = NULL;
  g_autoptr(CcProduct) p1 = NULL;
  g_autoptr(CcProduct) p2 = NULL;
  g_autofree char *row_id = cc_uuid_v7_new ();
  g_autofree char *dump_1 = NULL;
  g_autofree char *dump_2 = NULL;
  g_autofree char *loser = NULL;
  FakeTime time_x = { g_get_real_time () / 1000 + 1000 };
  FakeTime time_y = { g_get_real_time () / 1000 + 2000 };
  gint64 outbox_1, outbox_2;

  cc_hlc_set_time_func (clock_x, fake_time, &time_x);
  cc_hlc_set_time_func (clock_y, fake_time, &time_y);
  x = make_remote_change (clock_x, "product", row_id, "title@en", "\"Mug from X\"", NULL);
  y = make_remote_change (clock_y, "product", row_id, "title@en", "\"Mug from Y\"", NULL);
  g_assert_cmpstr (x->hlc, <, y->hlc);
  batch_x = change_batch (x, NULL);
  batch_y = change_batch (y, NULL);

  outbox_1 = cc_store_outbox_count (first);
  outbox_2 = cc_store_outbox_count (second);
  apply_ok (first, batch_x);
  apply_ok (first, batch_y);
  apply_ok (second, batch_y);
  apply_ok (second, batch_x);

  p1 = get_ok (first, row_id);
  p2 = get_ok (second, row_id);
  g_assert_cmpstr (cc_product_get_title (p1, "en"), ==, "Mug from Y");
  g_assert_cmpstr (cc_product_get_title (p2, "en"), ==, "Mug from Y");
  g_assert_cmpint (cc_test_count_rows (first, "conflicts", NULL), ==, 1);
  loser = query_text (first, "SELECT value FROM conflicts WHERE change_id = ?", x->change_id);
  g_assert_cmpstr (loser, ==, "\"Mug from X\"");
  dump_1 = dump_conflicts (first);
  dump_2 = dump_conflicts (second);
  g_assert_cmpstr (dump_1, ==, dump_2);
  g_assert_cmpint (cc_store_outbox_count (first), ==, outbox_1);
  g_assert_cmpint (cc_store_outbox_count (second), ==, outbox_2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/catalogue/product/every-field", test_product_every_field);
  g_test_add_func ("/core/catalogue/product/slug", test_product_slug);
  g_test_add_func ("/core/catalogue/product/nfc", test_product_nfc);
  g_test_add_func ("/core/catalogue/product/update-writes-only-changes", test_product_update_only_changes);
  g_test_add_func ("/core/catalogue/product/tags-and-materials-are-sets", test_product_tag_sets);
  g_test_add_func ("/core/catalogue/product/status", test_product_status);
  g_test_add_func ("/core/catalogue/product/delete-is-tombstone", test_product_delete);
  g_test_add_func ("/core/catalogue/product/duplicate-sku", test_product_duplicate_sku);
  g_test_add_func ("/core/catalogue/variant/lifecycle", test_variant_lifecycle);
  g_test_add_func ("/core/catalogue/variant/refused", test_variant_refused);
  g_test_add_func ("/core/catalogue/category/tree", test_category_tree);
  g_test_add_func ("/core/catalogue/category/rename", test_category_rename);
  g_test_add_func ("/core/catalogue/category/move", test_category_move);
  g_test_add_func ("/core/catalogue/category/remove", test_category_remove);

  for (guint i = 0; i < G_N_ELEMENTS (bad_products); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/catalogue/validate/%s", bad_products[i].name);

      g_test_add_data_func (path, &bad_products[i], test_validate_refused);
    }
  g_test_add_func ("/core/catalogue/validate/update-unknown-id", test_validate_unknown_id);
  g_test_add_func ("/core/catalogue/validate/title-limit-in-characters", test_validate_title_limit_in_characters);

  g_test_add_func ("/core/catalogue/sync/remote-create", test_sync_remote_create);
  g_test_add_data_func ("/core/catalogue/sync/concurrent-title-remote-wins", &remote_wins, test_sync_concurrent_title);
  g_test_add_data_func ("/core/catalogue/sync/concurrent-title-remote-loses", &remote_loses, test_sync_concurrent_title);
  g_test_add_func ("/core/catalogue/sync/concurrent-remote-order", test_sync_concurrent_remote_order);

  return g_test_run ();
}
