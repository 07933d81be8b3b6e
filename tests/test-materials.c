/* test-materials.c — units, purchases, average cost, recipes, batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

/* Units */

typedef struct
{
  const char *text;
  const char *unit;
  gint64      base;     /* -1: refused */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "2.5", "kg", 2500000 },
  { "1.5", "m", 1500 },
  { "40", "g", 40000 },
  { "0.04", "kg", 40000 },
  { " 7 ", "cm", 70 },
  { "1.25", "l", 1250 },
  { "12", "piece", 12 },
  { ".5", "m", 500 },
  { "3.000", "mm", 3 },          /* trailing zeros are no extra precision */
  { "0", "g", 0 },
  { "1000000", "kg", 1000000000000 },
  { "-1", "g", -1 },
  { "abc", "m", -1 },
  { "", "kg", -1 },
  { "1.0001", "m", -1 },          /* below a millimetre */
  { "2.0000001", "kg", -1 },      /* below a milligram */
  { "1.5", "piece", -1 },
  { "1.5", "mm", -1 },
  { "1e3", "g", -1 },
  { "1.2.3", "m", -1 },
  { "1,5", "m", -1 },
  { ".", "m", -1 },
  { "1000001", "kg", -1 },        /* more than CC_MATERIAL_QUANTITY_MAX */
  { "99999999999999999999", "mg", -1 },
  { "2", "furlong", -1 },
};

static void
test_unit_parse (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  gint64 base = 77;
  gboolean ok;

  ok = cc_material_unit_parse_quantity (c->text, c->unit, &base, &error);
  if (c->base >= 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (base, ==, c->base);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_cmpint (base, ==, 77);
    }
}

static void
test_unit_format (void)
{
  const struct { gint64 base; const char *unit; const char *text; } cases[] = {
    { 2500000, "kg", "2.5 kg" },
    { 10000, "m", "10 m" },
    { 40000, "kg", "0.04 kg" },
    { 40000, "g", "40 g" },
    { 1, "g", "0.001 g" },
    { 1250, "l", "1.25 l" },
    { 75, "cm", "7.5 cm" },
    { -4000, "m", "-4 m" },
    { 0, "m", "0 m" },
    { 1, "piece", "1 piece" },
    { 3, "piece", "3 pieces" },
    { G_MAXINT64, "mg", "9223372036854775807 mg" },
    { G_MININT64, "mg", "-9223372036854775808 mg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cc_material_unit_format_quantity (cases[i].base, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* What is formatted parses back to the same quantity. */
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) parts = NULL;
      gint64 back = -1;

      if (parse_cases[i].base < 0 || g_str_equal (parse_cases[i].unit, "piece"))
        continue;
      text = cc_material_unit_format_quantity (parse_cases[i].base, parse_cases[i].unit);
      parts = g_strsplit (text, " ", 2);
      g_assert_cmpstr (parts[1], ==, parse_cases[i].unit);
      g_assert_true (cc_material_unit_parse_quantity (parts[0], parts[1], &back, NULL));
      g_assert_cmpint (back, ==, parse_cases[i].base);
    }

  g_assert_nonnull (cc_material_unit_lookup ("kg"));
  g_assert_cmpint (cc_material_unit_lookup ("kg")->factor, ==, 1000000);
  g_assert_cmpint (cc_material_unit_lookup ("kg")->dimension, ==, CC_DIMENSION_MASS);
  g_assert_null (cc_material_unit_lookup ("oz"));
  for (const char * const *u = cc_material_unit_list (); *u != NULL; u++)
    g_assert_nonnull (cc_material_unit_lookup (*u));
}

/* Helpers */

static char *
make_product (CcStore    *store,
              const char *title)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->price = 250000;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  return id;
}

static char *
make_material (CcStore    *store,
               const char *name,
               const char *unit,
               gint64      threshold)
{
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  material->name = g_strdup (name);
  g_free (material->unit);
  material->unit = g_strdup (unit);
  material->low_threshold = threshold;
  id = cc_materials_add_material (store, material, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
buy (CcStore    *store,
     const char *material_id,
     gint64      quantity,
     gint64      cost,
     gint64      shipping,
     const char *date)
{
  g_autoptr(CcPurchase) purchase = cc_purchase_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  purchase->material_id = g_strdup (material_id);
  purchase->quantity = quantity;
  purchase->cost = cost;
  purchase->shipping = shipping;
  purchase->currency = g_strdup ("INR");
  purchase->date = g_strdup (date);
  id = cc_materials_add_purchase (store, purchase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static gint64
on_hand (CcStore    *store,
         const char *material_id)
{
  g_autoptr(GError) error = NULL;
  gint64 quantity = -1;

  g_assert_true (cc_materials_get_on_hand (store, material_id, &quantity, &error));
  g_assert_no_error (error);
  return quantity;
}

static gint64
stock_of (CcStore    *store,
          const char *product_id)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level;

  g_assert_true (cc_inventory_get_level (store, product_id, NULL, &level, &error));
  g_assert_no_error (error);
  return level.on_hand;
}

/* Everything a refused write could have touched. */
typedef struct
{
  gint64 outbox;
  gint64 registers;
  gint64 rows;
} Snapshot;

static Snapshot
snapshot (CcStore *store)
{
  const char *tables[] = { "purchases", "material_moves", "batches", "batch_inputs", "stock_moves",
                           "recipes", "recipe_lines", "materials", "suppliers" };
  Snapshot s = { cc_store_outbox_count (store), cc_test_count_rows (store, "registers", NULL), 0 };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    s.rows += cc_test_count_rows (store, tables[i], NULL);
  return s;
}

static void
assert_unchanged (CcStore  *store,
                  Snapshot  before)
{
  Snapshot after = snapshot (store);

  g_assert_cmpint (after.outbox, ==, before.outbox);
  g_assert_cmpint (after.registers, ==, before.registers);
  g_assert_cmpint (after.rows, ==, before.rows);
}

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

/* Average cost */

static void
test_cost_of_arithmetic (void)
{
  /* 1 m at ₹100 and 3 m at ₹500: 2 m cost 2000 × 60000 / 4000 = ₹300.00. */
  g_assert_cmpint (cc_materials_cost_of (60000, 4000, 2000), ==, 30000);
  /* 5 paise for 2 pieces: one costs 2.5 paise, rounded half up to 3. */
  g_assert_cmpint (cc_materials_cost_of (5, 2, 1), ==, 3);
  /* ₹10 for 3 m: 1 m is 333.33… paise → 333; 2 m is 666.67 → 667. */
  g_assert_cmpint (cc_materials_cost_of (1000, 3000, 1000), ==, 333);
  g_assert_cmpint (cc_materials_cost_of (1000, 3000, 2000), ==, 667);
  g_assert_cmpint (cc_materials_cost_of (1000, 0, 2000), ==, 0);
  g_assert_cmpint (cc_materials_cost_of (0, 3000, 2000), ==, 0);
  /* No overflow where the product exceeds 64 bits: 10^14 × 10^12 / 10^12. */
  g_assert_cmpint (cc_materials_cost_of (G_GINT64_CONSTANT (100000000000000),
                                         CC_MATERIAL_QUANTITY_MAX, CC_MATERIAL_QUANTITY_MAX),
                   ==, G_GINT64_CONSTANT (100000000000000));
  /* A negative quantity (a return) costs the negative amount. */
  g_assert_cmpint (cc_materials_cost_of (5, 2, -1), ==, -3);
}

static void
test_average_cost (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *cotton = make_material (store, "Cotton", "m", 0);
  g_autofree char *p1 = buy (store, cotton, 1000, 10000, 0, "2026-01-05");
  g_autofree char *p2 = buy (store, cotton, 3000, 45000, 5000, "2026-01-02");
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  gint64 cost_sum = 0, quantity_sum = 0;

  g_assert_true (cc_materials_get_average_cost (store, cotton, &cost_sum, &quantity_sum, &currency, &error));
  g_assert_no_error (error);
  /* Shipping is part of what the material cost. */
  g_assert_cmpint (cost_sum, ==, 60000);
  g_assert_cmpint (quantity_sum, ==, 4000);
  g_assert_cmpstr (currency, ==, "INR");
  g_assert_cmpint (cc_materials_cost_of (cost_sum, quantity_sum, 2000), ==, 30000);

  /* Each purchase is also a ledger row: on hand is their sum. */
  g_assert_cmpint (on_hand (store, cotton), ==, 4000);
  moves = cc_materials_list_moves (store, cotton, &error);
  g_assert_cmpuint (moves->len, ==, 2);
  g_assert_cmpstr (((CcMaterialMove *)g_ptr_array_index (moves, 0))->purchase_id, ==, p1);
  g_assert_cmpstr (((CcMaterialMove *)g_ptr_array_index (moves, 0))->reason, ==, "purchase");
  g_assert_cmpint (((CcMaterialMove *)g_ptr_array_index (moves, 1))->delta, ==, 3000);

  purchases = cc_materials_list_purchases (store, cotton, &error);
  g_assert_cmpuint (purchases->len, ==, 2);
  g_assert_cmpstr (((CcPurchase *)g_ptr_array_index (purchases, 0))->id, ==, p2);  /* older date first */
  g_assert_cmpint (((CcPurchase *)g_ptr_array_index (purchases, 0))->shipping, ==, 5000);
}

static void
test_purchase_refusals (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *cotton = make_material (store, "Cotton", "m", 0);
  Snapshot before = snapshot (store);
  const struct { const char *material; const char *supplier; gint64 quantity, cost; const char *currency, *date; int code; } cases[] = {
    { "0190a000-0000-7000-8000-00000000dead", NULL, 1000, 100, "INR", "2026-01-01", CC_ERROR_NOT_FOUND },
    { NULL, "0190a000-0000-7000-8000-00000000beef", 1000, 100, "INR", "2026-01-01", CC_ERROR_NOT_FOUND },
    { NULL, NULL, 0, 100, "INR", "2026-01-01", CC_ERROR_INVALID_INPUT },
    { NULL, NULL, -5, 100, "INR", "2026-01-01", CC_ERROR_INVALID_INPUT },
    { NULL, NULL, 1000, -1, "INR", "2026-01-01", CC_ERROR_INVALID_INPUT },
    { NULL, NULL, 1000, 100, "XYZ", "2026-01-01", CC_ERROR_INVALID_INPUT },
    { NULL, NULL, 1000, 100, "INR", "2026-02-30", CC_ERROR_INVALID_INPUT },
    { NULL, NULL, 1000, 100, "INR", "1/2/2026", CC_ERROR_INVALID_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CcPurchase) purchase = cc_purchase_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;

      purchase->material_id = g_strdup (cases[i].material ? cases[i].material : cotton);
      purchase->supplier_id = g_strdup (cases[i].supplier);
      purchase->quantity = cases[i].quantity;
      purchase->cost = cases[i].cost;
      purchase->currency = g_strdup (cases[i].currency);
      purchase->date = g_strdup (cases[i].date);
      id = cc_materials_add_purchase (store, purchase, &error);
      g_assert_null (id);
      g_assert_error (error, CC_ERROR, cases[i].code);
      assert_unchanged (store, before);
    }
  g_assert_cmpint (on_hand (store, cotton), ==, 0);
}

/* Materials and suppliers */

static void
test_material_edit_and_low_stock (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *cotton = make_material (store, "Cotton", "m", 5000);
  g_autofree char *indigo = make_material (store, "Indigo", "g", 100000);
  g_autofree char *beads = make_material (store, "Beads", "piece", 0);
  g_autofree char *p1 = buy (store, cotton, 8000, 80000, 0, "2026-01-01");
  g_autofree char *p2 = buy (store, indigo, 100000, 50000, 0, "2026-01-01");
  g_autofree char *supplier = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(CcMaterial) material = NULL;
  g_autoptr(CcMaterial) bad = cc_material_new ();
  g_autoptr(GError) error = NULL;
  Snapshot before;
  gint64 outbox_before;

  /* Indigo is at its threshold (low), cotton above, beads has none. */
  low = cc_materials_list_low_stock (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (low->len, ==, 1);
  g_assert_cmpstr (((CcMaterial *)g_ptr_array_index (low, 0))->id, ==, indigo);
  g_clear_pointer (&low, g_ptr_array_unref);

  g_assert_true (cc_materials_adjust (store, cotton, -3500, "damaged", "moth holes", &error));
  g_assert_no_error (error);
  low = cc_materials_list_low_stock (store, &error);
  g_assert_cmpuint (low->len, ==, 2);
  g_assert_cmpstr (((CcMaterial *)g_ptr_array_index (low, 0))->name, ==, "Cotton");
  g_assert_cmpint (((CcMaterial *)g_ptr_array_index (low, 0))->on_hand, ==, 4500);

  /* Updates write only what changed. */
  material = cc_materials_get_material (store, "cotton", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (material->id, ==, cotton);
  outbox_before = cc_store_outbox_count (store);
  g_free (material->notes);
  material->notes = g_strdup ("Handloom, 44 inch");
  g_assert_true (cc_materials_update_material (store, material, &error));
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox_before + 1);

  /* Refusals change nothing. */
  before = snapshot (store);
  bad->name = g_strdup ("Silk");
  g_free (bad->unit);
  bad->unit = g_strdup ("yard");
  g_assert_null (cc_materials_add_material (store, bad, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_materials_adjust (store, cotton, 0, "count", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_materials_adjust (store, cotton, 10, "found", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_materials_adjust (store, cotton, -4501, "used", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "4.5 m"));
  g_clear_error (&error);
  g_assert_false (cc_materials_adjust (store, beads, -1, "used", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  assert_unchanged (store, before);

  supplier = cc_materials_add_supplier (store, "Bagru Dyers", "+91 98290 00000", &error);
  g_assert_no_error (error);
  suppliers = cc_materials_list_suppliers (store, &error);
  g_assert_cmpuint (suppliers->len, ==, 1);
  g_assert_cmpstr (((CcSupplier *)g_ptr_array_index (suppliers, 0))->contact, ==, "+91 98290 00000");
  g_assert_null (cc_materials_add_supplier (store, "  ", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A tombstone hides the material; its ledger stays. */
  g_assert_true (cc_materials_delete_material (store, beads, &error));
  g_assert_null (cc_materials_get_material (store, beads, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&low, g_ptr_array_unref);
  low = cc_materials_list_materials (store, &error);
  g_assert_cmpuint (low->len, ==, 2);
}

/* Recipes and cost of goods */

typedef struct
{
  CcStore *store;
  char    *scarf;
  char    *cotton;
  char    *indigo;
} Shop;

static void
shop_clear (Shop *shop)
{
  g_clear_object (&shop->store);
  g_clear_pointer (&shop->scarf, g_free);
  g_clear_pointer (&shop->cotton, g_free);
  g_clear_pointer (&shop->indigo, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shop, shop_clear)

/* Meera's scarf: 2 m of cotton, 40 g of indigo and 3 hours at ₹250/h. */
static void
shop_init (Shop *shop)
{
  g_autoptr(CcRecipe) recipe = cc_recipe_new ();
  g_autoptr(GError) error = NULL;

  shop->store = cc_test_open_store ();
  shop->scarf = make_product (shop->store, "Indigo scarf");
  shop->cotton = make_material (shop->store, "Cotton", "m", 0);
  shop->indigo = make_material (shop->store, "Indigo", "g", 0);
  g_assert_true (cc_store_set_setting (shop->store, "fair-wage", "25000", &error));

  recipe->product_id = g_strdup (shop->scarf);
  cc_recipe_add_line (recipe, shop->cotton, 2000);
  cc_recipe_add_line (recipe, shop->indigo, 40000);
  recipe->labour_minutes = 180;
  recipe->overhead_kind = CC_OVERHEAD_PERCENT;
  recipe->overhead_value = 1000;  /* 10% */
  g_assert_true (cc_materials_set_recipe (shop->store, recipe, &error));
  g_assert_no_error (error);
}

static void
test_recipe_cost (void)
{
  g_auto(Shop) shop = { 0 };
  g_auto(CcCostBreakdown) cost = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  CcCostLine *line;

  shop_init (&shop);

  /* Indigo has never been bought: its cost is unknown, and said so. */
  p1 = buy (shop.store, shop.cotton, 10000, 90000, 10000, "2026-01-10");  /* ₹1,000 landed for 10 m */
  g_assert_false (cc_materials_recipe_cost (shop.store, shop.scarf, NULL, &cost, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Indigo has no purchases yet, so its cost is unknown");
  g_clear_error (&error);

  p2 = buy (shop.store, shop.indigo, 250000, 50000, 0, "2026-01-10");    /* 250 g for ₹500 */
  p3 = buy (shop.store, shop.indigo, 250000, 75000, 0, "2026-02-10");    /* 250 g for ₹750 */
  g_assert_true (cc_materials_recipe_cost (shop.store, shop.scarf, NULL, &cost, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (cost.lines->len, ==, 2);
  line = g_ptr_array_index (cost.lines, 0);
  g_assert_cmpstr (line->name, ==, "Cotton");
  g_assert_cmpint (line->cost, ==, 20000);    /* 2000 mm × 100000 / 10000 */
  line = g_ptr_array_index (cost.lines, 1);
  g_assert_cmpstr (line->name, ==, "Indigo");
  g_assert_cmpint (line->cost, ==, 10000);    /* 40000 mg × 125000 / 500000 */
  g_assert_cmpint (cost.materials, ==, 30000);
  g_assert_cmpint (cost.labour, ==, 75000);   /* 3 h × ₹250 */
  g_assert_cmpint (cost.overhead, ==, 10500); /* 10% of ₹1,050 */
  g_assert_cmpint (cost.total, ==, 115500);
  g_assert_cmpint (cost.wage_per_hour, ==, 25000);
  g_assert_cmpstr (cost.currency, ==, "INR");
  cc_cost_breakdown_clear (&cost);

  /* Labour rounds half up: 1 minute at ₹250/h is 416.67 paise. */
  {
    g_autoptr(CcRecipe) recipe = cc_materials_get_recipe (shop.store, shop.scarf, NULL, &error);

    recipe->labour_minutes = 1;
    recipe->overhead_kind = CC_OVERHEAD_PER_UNIT;
    recipe->overhead_value = 2500;
    g_assert_true (cc_materials_set_recipe (shop.store, recipe, &error));
    g_assert_true (cc_materials_recipe_cost (shop.store, shop.scarf, NULL, &cost, &error));
    g_assert_cmpint (cost.labour, ==, 417);
    g_assert_cmpint (cost.overhead, ==, 2500);
    g_assert_cmpint (cost.total, ==, 30000 + 417 + 2500);
    cc_cost_breakdown_clear (&cost);
  }

  /* Without a fair wage, the time cannot be costed. */
  g_assert_true (cc_store_set_setting (shop.store, "fair-wage", "", &error));
  g_assert_false (cc_materials_recipe_cost (shop.store, shop.scarf, NULL, &cost, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A product without a recipe. */
  {
    g_autofree char *mug = make_product (shop.store, "Mug");

    g_assert_false (cc_materials_recipe_cost (shop.store, mug, NULL, &cost, &error));
    g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  }
}

static void
test_recipe_edit (void)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(CcRecipe) recipe = NULL;
  g_autoptr(CcRecipe) again = NULL;
  g_autoptr(CcRecipe) bad = cc_recipe_new ();
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autofree char *variant_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line_where = NULL;
  Snapshot before;
  gint64 outbox_before;

  shop_init (&shop);
  recipe = cc_materials_get_recipe (shop.store, shop.scarf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipe->lines->len, ==, 2);
  g_assert_cmpint (recipe->labour_minutes, ==, 180);
  g_assert_cmpint (recipe->overhead_kind, ==, CC_OVERHEAD_PERCENT);

  /* The same recipe again writes nothing; one changed line writes one register. */
  outbox_before = cc_store_outbox_count (shop.store);
  g_assert_true (cc_materials_set_recipe (shop.store, recipe, &error));
  g_assert_cmpint (cc_store_outbox_count (shop.store), ==, outbox_before);
  ((CcRecipeLine *)g_ptr_array_index (recipe->lines, 0))->quantity = 2500;
  g_assert_true (cc_materials_set_recipe (shop.store, recipe, &error));
  g_assert_cmpint (cc_store_outbox_count (shop.store), ==, outbox_before + 1);

  /* A removed line is a zero register, not a deleted row. */
  g_ptr_array_remove_index (recipe->lines, 1);
  g_assert_true (cc_materials_set_recipe (shop.store, recipe, &error));
  again = cc_materials_get_recipe (shop.store, shop.scarf, NULL, &error);
  g_assert_cmpuint (again->lines->len, ==, 1);
  g_assert_cmpint (((CcRecipeLine *)g_ptr_array_index (again->lines, 0))->quantity, ==, 2500);
  line_where = g_strdup_printf ("entity = 'recipe' AND reg = 'line/%s' AND value = '0'", shop.indigo);
  g_assert_cmpint (cc_test_count_rows (shop.store, "outbox", line_where), ==, 1);

  /* A variant without its own recipe uses the product's. */
  variant->product_id = g_strdup (shop.scarf);
  variant->sku = g_strdup ("SCARF-WIDE");
  variant->price = 300000;
  cc_variant_add_option (variant, "Width", "Wide");
  variant_id = cc_catalogue_add_variant (shop.store, variant, &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, cc_recipe_free);
  again = cc_materials_get_recipe (shop.store, shop.scarf, variant_id, &error);
  g_assert_no_error (error);
  g_assert_null (again->variant_id);

  /* Refusals: unknown material, zero quantity, unknown product. */
  before = snapshot (shop.store);
  bad->product_id = g_strdup (shop.scarf);
  cc_recipe_add_line (bad, "0190a000-0000-7000-8000-00000000dead", 10);
  g_assert_false (cc_materials_set_recipe (shop.store, bad, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ((CcRecipeLine *)g_ptr_array_index (bad->lines, 0))->quantity = 0;
  g_free (((CcRecipeLine *)g_ptr_array_index (bad->lines, 0))->material_id);
  ((CcRecipeLine *)g_ptr_array_index (bad->lines, 0))->material_id = g_strdup (shop.cotton);
  g_assert_false (cc_materials_set_recipe (shop.store, bad, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_free (bad->product_id);
  bad->product_id = g_strdup ("0190a000-0000-7000-8000-00000000beef");
  g_assert_false (cc_materials_set_recipe (shop.store, bad, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  assert_unchanged (shop.store, before);
}

/* Batches */

static void
test_batch_refused (void)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL;
  Snapshot before;

  shop_init (&shop);
  p1 = buy (shop.store, shop.cotton, 6000, 60000, 0, "2026-01-10");
  p2 = buy (shop.store, shop.indigo, 500000, 100000, 0, "2026-01-10");
  before = snapshot (shop.store);

  /* 5 scarves need 10 m of cotton; there are 6 m. Indigo is enough. */
  g_assert_false (cc_materials_make_batch (shop.store, shop.scarf, NULL, 5, NULL, &batch_id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Not enough cotton: need 10 m, have 6 m (4 m short)");
  g_assert_null (batch_id);
  assert_unchanged (shop.store, before);
  g_assert_cmpint (on_hand (shop.store, shop.cotton), ==, 6000);
  g_assert_cmpint (stock_of (shop.store, shop.scarf), ==, 0);
  g_clear_error (&error);

  /* Both short: both named. */
  g_assert_false (cc_materials_make_batch (shop.store, shop.scarf, NULL, 20, NULL, &batch_id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "Not enough cotton: need 40 m, have 6 m (34 m short); "
                   "Not enough indigo: need 800 g, have 500 g (300 g short)");
  g_clear_error (&error);

  g_assert_false (cc_materials_make_batch (shop.store, shop.scarf, NULL, 0, NULL, &batch_id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  assert_unchanged (shop.store, before);
}

static void
assert_input (GPtrArray  *inputs,
              guint       index,
              const char *material_id,
              const char *purchase_id,
              gint64      quantity)
{
  CcBatchInput *input = g_ptr_array_index (inputs, index);

  g_assert_cmpstr (input->material_id, ==, material_id);
  g_assert_cmpstr (input->purchase_id, ==, purchase_id);
  g_assert_cmpint (input->quantity, ==, quantity);
}

static GPtrArray *
inputs_of (CcStore    *store,
           const char *batch_id,
           const char *material_id)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *mine = g_ptr_array_new ();

  all = cc_materials_list_batch_inputs (store, batch_id, NULL);
  g_assert_nonnull (all);
  g_ptr_array_set_free_func (mine, (GDestroyNotify)cc_batch_input_free);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((CcBatchInput *)g_ptr_array_index (all, i))->material_id, material_id))
      {
        CcBatchInput *input = g_ptr_array_index (all, i);
        CcBatchInput *copy = g_new0 (CcBatchInput, 1);

        copy->material_id = g_strdup (input->material_id);
        copy->purchase_id = g_strdup (input->purchase_id);
        copy->quantity = input->quantity;
        g_ptr_array_add (mine, copy);
      }
  return mine;
}

static void
test_batch_success (void)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *later = NULL, *earlier = NULL, *dye = NULL;
  g_autofree char *made_name = NULL, *made_id = NULL;
  g_autofree char *consume_name = NULL, *consume_id = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) cotton_inputs = NULL;
  g_autoptr(GPtrArray) indigo_inputs = NULL;
  g_autoptr(GPtrArray) second_inputs = NULL;
  g_autoptr(GPtrArray) stock = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(CcBatch) batch = NULL;
  CcStockMove *made;
  CcMaterialMove *consume;

  shop_init (&shop);
  /* Bought later but dated earlier: FIFO follows the date. */
  later = buy (shop.store, shop.cotton, 6000, 60000, 0, "2026-02-10");
  earlier = buy (shop.store, shop.cotton, 4000, 36000, 0, "2026-01-05");
  dye = buy (shop.store, shop.indigo, 500000, 100000, 0, "2026-01-10");

  g_assert_true (cc_materials_make_batch (shop.store, shop.scarf, NULL, 3, "spring dye lot", &batch_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (batch_id);

  /* Materials drop by quantity × line; stock rises by the batch. */
  g_assert_cmpint (on_hand (shop.store, shop.cotton), ==, 10000 - 6000);
  g_assert_cmpint (on_hand (shop.store, shop.indigo), ==, 500000 - 120000);
  g_assert_cmpint (stock_of (shop.store, shop.scarf), ==, 3);

  batch = cc_materials_get_batch (shop.store, batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch->quantity, ==, 3);
  g_assert_cmpstr (batch->note, ==, "spring dye lot");
  g_assert_true (g_str_has_prefix (batch->lot_code, "B-"));
  g_assert_cmpuint (strlen (batch->lot_code), ==, strlen ("B-20260314-3F9A"));
  g_assert_true (g_regex_match_simple ("^B-[0-9]{8}-[0-9A-F]{4}$", batch->lot_code, 0, 0));

  /* The trace: 4 m from the earlier purchase, 2 m from the later one. */
  cotton_inputs = inputs_of (shop.store, batch_id, shop.cotton);
  g_assert_cmpuint (cotton_inputs->len, ==, 2);
  assert_input (cotton_inputs, 0, shop.cotton, earlier, 4000);
  assert_input (cotton_inputs, 1, shop.cotton, later, 2000);
  indigo_inputs = inputs_of (shop.store, batch_id, shop.indigo);
  g_assert_cmpuint (indigo_inputs->len, ==, 1);
  assert_input (indigo_inputs, 0, shop.indigo, dye, 120000);

  /* Deterministic ids for what follows from the batch. */
  made_name = g_strconcat (batch_id, "/made", NULL);
  made_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, made_name);
  stock = cc_inventory_list_moves (shop.store, shop.scarf, NULL, &error);
  g_assert_cmpuint (stock->len, ==, 1);
  made = g_ptr_array_index (stock, 0);
  g_assert_cmpstr (made->id, ==, made_id);
  g_assert_cmpstr (made->reason, ==, "made");
  g_assert_cmpstr (made->batch_id, ==, batch_id);
  g_assert_cmpint (made->delta, ==, 3);

  consume_name = g_strconcat (batch_id, "/consume/", shop.cotton, NULL);
  consume_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, consume_name);
  moves = cc_materials_list_moves (shop.store, shop.cotton, &error);
  g_assert_cmpuint (moves->len, ==, 3);
  consume = g_ptr_array_index (moves, 2);
  g_assert_cmpstr (consume->id, ==, consume_id);
  g_assert_cmpstr (consume->reason, ==, "batch");
  g_assert_cmpstr (consume->ref_id, ==, batch_id);
  g_assert_cmpint (consume->delta, ==, -6000);

  /* Every row the batch made went through the outbox. */
  where = g_strdup_printf ("entity IN ('batch', 'batch_input', 'material_move', 'stock_move') "
                           "AND row_id NOT IN (SELECT id FROM material_moves WHERE reason = 'purchase')");
  g_assert_cmpint (cc_test_count_rows (shop.store, "outbox", where), ==,
                   cc_test_count_rows (shop.store, "registers", where));
  g_assert_cmpint (cc_test_count_rows (shop.store, "outbox", "entity = 'batch_input'"), >=, 3 * 3);

  /* The next batch takes what the earlier purchase no longer has from the later. */
  g_assert_true (cc_materials_make_batch (shop.store, shop.scarf, NULL, 1, NULL, &second_id, &error));
  second_inputs = inputs_of (shop.store, second_id, shop.cotton);
  g_assert_cmpuint (second_inputs->len, ==, 1);
  assert_input (second_inputs, 0, shop.cotton, later, 2000);
  g_assert_cmpint (stock_of (shop.store, shop.scarf), ==, 4);
  g_assert_cmpint (on_hand (shop.store, shop.cotton), ==, 2000);
}

/* A batch made on another device arrives change by change, in any order:
 * rows appear, nothing is queued again, quantities agree. */
static void
test_remote_batch (void)
{
  g_auto(Shop) shop = { 0 };
  g_autoptr(CcStore) other = cc_test_open_store ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) there = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  gint64 other_outbox;

  shop_init (&shop);
  p1 = buy (shop.store, shop.cotton, 4000, 36000, 0, "2026-01-05");
  p2 = buy (shop.store, shop.cotton, 6000, 60000, 0, "2026-02-10");
  p3 = buy (shop.store, shop.indigo, 500000, 100000, 0, "2026-01-10");
  g_assert_true (cc_materials_make_batch (shop.store, shop.scarf, NULL, 3, NULL, &batch_id, &error));
  g_assert_no_error (error);

  changes = cc_store_outbox_list (shop.store, 0, &error);
  g_assert_no_error (error);
  reverse (changes);
  other_outbox = cc_store_outbox_count (other);
  g_assert_true (cc_store_apply_changes (other, changes, &error));
  g_assert_no_error (error);

  g_assert_cmpint (cc_store_outbox_count (other), ==, other_outbox);
  g_assert_cmpint (cc_test_count_rows (other, "batches", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (other, "batch_inputs", NULL), ==, 3);
  g_assert_cmpint (cc_test_count_rows (other, "material_moves", NULL), ==, 5);
  g_assert_cmpint (on_hand (other, shop.cotton), ==, 4000);
  g_assert_cmpint (on_hand (other, shop.indigo), ==, 380000);
  g_assert_cmpint (stock_of (other, shop.scarf), ==, 3);

  here = cc_materials_list_batch_inputs (shop.store, batch_id, &error);
  there = cc_materials_list_batch_inputs (other, batch_id, &error);
  g_assert_cmpuint (here->len, ==, there->len);
  for (guint i = 0; i < here->len; i++)
    {
      CcBatchInput *a = g_ptr_array_index (here, i);
      CcBatchInput *b = g_ptr_array_index (there, i);

      g_assert_cmpstr (a->purchase_id, ==, b->purchase_id);
      g_assert_cmpint (a->quantity, ==, b->quantity);
    }

  /* The same cost of goods on both devices. */
  {
    g_auto(CcCostBreakdown) a = { 0 };
    g_auto(CcCostBreakdown) b = { 0 };

    g_assert_true (cc_materials_recipe_cost (shop.store, shop.scarf, NULL, &a, &error));
    g_assert_true (cc_materials_recipe_cost (other, shop.scarf, NULL, &b, &error));
    g_assert_no_error (error);
    g_assert_cmpint (a.total, ==, b.total);
    g_assert_cmpint (a.materials, ==, 19200 + 8000);  /* 2000 × 96000 / 10000 + 40000 × 100000 / 500000 */
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/materials/unit-parse/%u", i);

      g_test_add_data_func (path, &parse_cases[i], test_unit_parse);
    }
  g_test_add_func ("/core/materials/unit-format", test_unit_format);
  g_test_add_func ("/core/materials/cost-of-arithmetic", test_cost_of_arithmetic);
  g_test_add_func ("/core/materials/average-cost", test_average_cost);
  g_test_add_func ("/core/materials/purchase-refusals", test_purchase_refusals);
  g_test_add_func ("/core/materials/material-edit-and-low-stock", test_material_edit_and_low_stock);
  g_test_add_func ("/core/materials/recipe-cost", test_recipe_cost);
  g_test_add_func ("/core/materials/recipe-edit", test_recipe_edit);
  g_test_add_func ("/core/materials/batch-refused", test_batch_refused);
  g_test_add_func ("/core/materials/batch-success", test_batch_success);
  g_test_add_func ("/core/materials/remote-batch", test_remote_batch);

  return g_test_run ();
}
