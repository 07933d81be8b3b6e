/* test-editor-tabs.c — the product editor's Recipe and Stock tabs and its below-cost warning, on a real display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-product-editor.h"
#include "cc-recipe-panel.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-stock-panel.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"

/* A small shop: cotton at ₹100 a metre, indigo at ₹5 a gram, thread
 * never bought, a fair wage of ₹250 an hour, and a scarf at ₹1,650. */
typedef struct
{
  CcStore         *store;
  char            *cotton_id;
  char            *indigo_id;
  char            *thread_id;
  char            *scarf_id;
  CcProductEditor *editor;
} Fixture;

static void
show_tab (Fixture    *fixture,
          const char *name)
{
  GtkWidget *stack = cc_ui_find_by_type (GTK_WIDGET (fixture->editor), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
}

static CcRecipePanel *
recipe_panel (Fixture *fixture)
{
  GtkWidget *panel = cc_ui_find_by_type (GTK_WIDGET (fixture->editor), CC_TYPE_RECIPE_PANEL);

  g_assert_nonnull (panel);
  return CC_RECIPE_PANEL (panel);
}

static CcStockPanel *
stock_panel (Fixture *fixture)
{
  GtkWidget *panel = cc_ui_find_by_type (GTK_WIDGET (fixture->editor), CC_TYPE_STOCK_PANEL);

  g_assert_nonnull (panel);
  return CC_STOCK_PANEL (panel);
}

/* The shop */

static char *
add_material (CcStore    *store,
              const char *name,
              const char *unit)
{
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  material->name = g_strdup (name);
  material->unit = g_strdup (unit);
  id = cc_materials_add_material (store, material, &error);
  g_assert_no_error (error);
  return id;
}

static void
add_purchase (CcStore    *store,
              const char *material_id,
              gint64      quantity,
              gint64      cost,
              const char *date)
{
  g_autoptr(CcPurchase) purchase = cc_purchase_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  purchase->material_id = g_strdup (material_id);
  purchase->quantity = quantity;
  purchase->cost = cost;
  purchase->currency = g_strdup ("INR");
  purchase->date = g_strdup (date);
  id = cc_materials_add_purchase (store, purchase, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CcProduct) scarf = cc_product_new ();
  g_autoptr(GError) error = NULL;

  fixture->store = cc_test_open_store ();
  g_assert_true (cc_store_set_setting (fixture->store, "currency", "INR", &error));
  g_assert_true (cc_store_set_setting (fixture->store, "fair-wage", "25000", &error));
  g_assert_no_error (error);

  fixture->cotton_id = add_material (fixture->store, "Cotton", "m");
  fixture->indigo_id = add_material (fixture->store, "Indigo", "g");
  fixture->thread_id = add_material (fixture->store, "Thread", "m");
  /* 10 m for ₹1,000; 200 g for ₹1,000. */
  add_purchase (fixture->store, fixture->cotton_id, 10000, 100000, "2026-01-10");
  add_purchase (fixture->store, fixture->indigo_id, 200000, 100000, "2026-01-12");

  cc_product_set_title (scarf, "en", "Indigo Scarf");
  scarf->price = 165000;
  scarf->currency = g_strdup ("INR");
  scarf->status = CC_PRODUCT_ACTIVE;
  fixture->scarf_id = cc_catalogue_create_product (fixture->store, scarf, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->editor));
  g_clear_weak_pointer (&fixture->editor);
  cc_ui_iterate_pending ();
  g_clear_object (&fixture->store);
  g_free (fixture->cotton_id);
  g_free (fixture->indigo_id);
  g_free (fixture->thread_id);
  g_free (fixture->scarf_id);
}

static void
open_editor (Fixture    *fixture,
             const char *product_id)
{
  CcProductEditor *editor = cc_product_editor_new (NULL, fixture->store, product_id);

  g_set_weak_pointer (&fixture->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
}

/* 2 m cotton (₹200) and 40 g indigo (₹200), 3 hours at ₹250 (₹750),
 * overhead 10 % of ₹1,150 (₹115): ₹1,265 a piece. */
static void
set_scarf_recipe (Fixture *fixture)
{
  g_autoptr(CcRecipe) recipe = cc_recipe_new ();
  g_autoptr(GError) error = NULL;

  recipe->product_id = g_strdup (fixture->scarf_id);
  cc_recipe_add_line (recipe, fixture->cotton_id, 2000);
  cc_recipe_add_line (recipe, fixture->indigo_id, 40000);
  recipe->labour_minutes = 180;
  recipe->overhead_kind = CC_OVERHEAD_PERCENT;
  recipe->overhead_value = 1000;
  g_assert_true (cc_materials_set_recipe (fixture->store, recipe, &error));
  g_assert_no_error (error);
}

static void
assert_money (const char *shown,
              gint64      amount)
{
  g_autofree char *expected = cc_money_format (amount, "INR");

  g_assert_cmpstr (shown, ==, expected);
}

static gint64
on_hand (CcStore    *store,
         const char *material_id)
{
  gint64 base = -1;

  g_assert_true (cc_materials_get_on_hand (store, material_id, &base, NULL));
  return base;
}

static gint64
pieces (Fixture *fixture)
{
  CcStockLevel level;

  g_assert_true (cc_inventory_get_level (fixture->store, fixture->scarf_id, NULL, &level, NULL));
  return level.on_hand;
}

/* Tests */

static void
test_unsaved_piece (Fixture       *fixture,
                    gconstpointer  data)
{
  open_editor (fixture, NULL);
  g_assert_cmpstr (cc_recipe_panel_get_page_name (recipe_panel (fixture)), ==, "unsaved");
  g_assert_cmpstr (cc_stock_panel_get_page_name (stock_panel (fixture)), ==, "unsaved");
  show_tab (fixture, "recipe");
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-recipe-unsaved", NULL));
}

static void
test_recipe_cost (Fixture       *fixture,
                  gconstpointer  data)
{
  CcRecipePanel *panel;
  g_autoptr(CcRecipe) stored = NULL;
  g_autoptr(GError) error = NULL;
  const CcRecipeLine *line;
  g_autofree char *margin = NULL;

  open_editor (fixture, fixture->scarf_id);
  show_tab (fixture, "recipe");
  panel = recipe_panel (fixture);
  g_assert_cmpstr (cc_recipe_panel_get_page_name (panel), ==, "recipe");
  g_assert_cmpuint (cc_recipe_panel_get_n_lines (panel), ==, 0);
  g_assert_nonnull (cc_recipe_panel_get_cost_text (panel, "problem"));

  /* Each line shows its cost as it is typed. */
  cc_recipe_panel_set_line (panel, 0, "Cotton", "2");
  assert_money (cc_recipe_panel_get_line_cost (panel, 0), 20000);
  cc_recipe_panel_set_line (panel, 1, "Indigo", "40");
  assert_money (cc_recipe_panel_get_line_cost (panel, 1), 20000);
  cc_recipe_panel_set_labour (panel, "3:00");
  cc_recipe_panel_set_overhead (panel, CC_OVERHEAD_PERCENT, "10");

  /* A bad quantity is refused and nothing is written. */
  cc_recipe_panel_set_line (panel, 1, "Indigo", "forty");
  g_assert_false (cc_recipe_panel_save (panel));
  g_assert_nonnull (cc_recipe_panel_get_error (panel));
  g_assert_cmpint (cc_test_count_rows (fixture->store, "recipes", NULL), ==, 0);
  cc_recipe_panel_set_line (panel, 1, "Indigo", "40");

  g_assert_true (cc_recipe_panel_save (panel));
  g_assert_null (cc_recipe_panel_get_error (panel));

  stored = cc_materials_get_recipe (fixture->store, fixture->scarf_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  line = g_ptr_array_index (stored->lines, 0);
  g_assert_cmpstr (line->material_id, ==, fixture->cotton_id);
  g_assert_cmpint (line->quantity, ==, 2000);
  line = g_ptr_array_index (stored->lines, 1);
  g_assert_cmpstr (line->material_id, ==, fixture->indigo_id);
  g_assert_cmpint (line->quantity, ==, 40000);
  g_assert_cmpint (stored->labour_minutes, ==, 180);
  g_assert_cmpint (stored->overhead_kind, ==, CC_OVERHEAD_PERCENT);
  g_assert_cmpint (stored->overhead_value, ==, 1000);

  /* The cost of goods, and the margin against the price. */
  g_assert_null (cc_recipe_panel_get_cost_text (panel, "problem"));
  assert_money (cc_recipe_panel_get_cost_text (panel, "materials"), 40000);
  assert_money (cc_recipe_panel_get_cost_text (panel, "labour"), 75000);
  assert_money (cc_recipe_panel_get_cost_text (panel, "overhead"), 11500);
  assert_money (cc_recipe_panel_get_cost_text (panel, "total"), 126500);
  assert_money (cc_recipe_panel_get_cost_text (panel, "price"), 165000);
  {
    g_autofree char *amount = cc_money_format (38500, "INR");

    margin = g_strdup_printf ("%s (23%%)", amount);
  }
  g_assert_cmpstr (cc_recipe_panel_get_cost_text (panel, "margin"), ==, margin);
  cc_ui_iterate_pending ();
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-recipe", NULL));

  /* Thread was never bought: its cost is unknown, never zero. */
  cc_recipe_panel_set_line (panel, 2, "Thread", "1");
  g_assert_cmpstr (cc_recipe_panel_get_line_cost (panel, 2), ==, "Cost unknown");
  g_assert_true (cc_recipe_panel_save (panel));
  cc_ui_iterate_pending ();
  g_assert_cmpstr (cc_recipe_panel_get_cost_text (panel, "total"), ==, "Unknown");
  g_assert_nonnull (strstr (cc_recipe_panel_get_cost_text (panel, "problem"), "Thread"));
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-recipe-unknown", NULL));
}

static void
test_make_batch (Fixture       *fixture,
                 gconstpointer  data)
{
  CcRecipePanel *panel;
  CcStockPanel *stock;
  const char *toast;
  const char *error;
  const char *batch;

  set_scarf_recipe (fixture);
  open_editor (fixture, fixture->scarf_id);
  show_tab (fixture, "recipe");
  panel = recipe_panel (fixture);
  stock = stock_panel (fixture);
  assert_money (cc_recipe_panel_get_cost_text (panel, "total"), 126500);

  g_assert_true (cc_recipe_panel_make_batch (panel, NULL, "3", "first dye lot"));
  toast = cc_recipe_panel_get_last_toast (panel);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (toast, "Made 3 “Indigo Scarf”"));
  g_assert_null (cc_recipe_panel_get_batch_error (panel));

  /* Stock +3, materials consumed: 6 m of cotton, 120 g of indigo. */
  g_assert_cmpint (pieces (fixture), ==, 3);
  g_assert_cmpint (on_hand (fixture->store, fixture->cotton_id), ==, 4000);
  g_assert_cmpint (on_hand (fixture->store, fixture->indigo_id), ==, 80000);

  /* The Stock tab follows the store. */
  cc_ui_iterate_pending ();
  g_assert_cmpstr (cc_stock_panel_get_level_text (stock, "on-hand"), ==, "3");
  g_assert_cmpuint (cc_stock_panel_get_n_ledger_rows (stock), ==, 1);
  g_assert_nonnull (strstr (cc_stock_panel_get_ledger_row (stock, 0), "Made"));
  g_assert_nonnull (strstr (cc_stock_panel_get_ledger_row (stock, 0), "+3"));
  g_assert_cmpuint (cc_stock_panel_get_n_batches (stock), ==, 1);
  batch = cc_stock_panel_get_batch (stock, 0);
  g_assert_nonnull (strstr (batch, "Cotton"));
  g_assert_nonnull (strstr (batch, "Bought on 2026-01-10"));
  g_assert_nonnull (strstr (batch, "first dye lot"));
  assert_money (cc_stock_panel_get_level_text (stock, "value"), 3 * 126500);

  /* The cost and the batch area, scrolled into view. */
  {
    GtkWidget *scroller = cc_ui_find_by_type (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
    g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-recipe-cost", NULL));
    show_tab (fixture, "stock");
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (cc_ui_find_by_type (GTK_WIDGET (stock), ADW_TYPE_EXPANDER_ROW)), TRUE);
    cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
    g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-stock-batch", NULL));
  }

  /* Five more need 10 m of cotton; 4 m are left: nothing is made. */
  g_assert_false (cc_recipe_panel_make_batch (panel, NULL, "5", NULL));
  error = cc_recipe_panel_get_batch_error (panel);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "cotton"));
  g_assert_nonnull (strstr (error, "6 m short"));
  g_assert_cmpint (pieces (fixture), ==, 3);
  g_assert_cmpint (on_hand (fixture->store, fixture->cotton_id), ==, 4000);
  g_assert_cmpint (on_hand (fixture->store, fixture->indigo_id), ==, 80000);
  g_assert_cmpint (cc_test_count_rows (fixture->store, "batches", NULL), ==, 1);

  /* Not a number of pieces: said so, nothing written. */
  g_assert_false (cc_recipe_panel_make_batch (panel, NULL, "0", NULL));
  g_assert_nonnull (cc_recipe_panel_get_batch_error (panel));
  g_assert_cmpint (cc_test_count_rows (fixture->store, "batches", NULL), ==, 1);
}

static void
test_stock_adjust (Fixture       *fixture,
                   gconstpointer  data)
{
  CcStockPanel *panel;
  CcStockAdjustDialog *dialog;
  CcStockLevel level;
  g_autoptr(GError) error = NULL;
  const char *row;

  set_scarf_recipe (fixture);
  g_assert_true (cc_inventory_adjust (fixture->store, fixture->scarf_id, NULL, 5, "count", NULL, &error));
  g_assert_no_error (error);

  open_editor (fixture, fixture->scarf_id);
  show_tab (fixture, "stock");
  panel = stock_panel (fixture);
  g_assert_cmpstr (cc_stock_panel_get_page_name (panel), ==, "stock");
  g_assert_cmpstr (cc_stock_panel_get_level_text (panel, "on-hand"), ==, "5");
  g_assert_cmpstr (cc_stock_panel_get_level_text (panel, "available"), ==, "5");
  g_assert_null (cc_stock_panel_get_level_text (panel, "low"));

  /* One damaged. */
  dialog = cc_stock_panel_open_adjust (panel);
  g_assert_true (CC_IS_STOCK_ADJUST_DIALOG (dialog));
  cc_stock_adjust_dialog_fill (dialog, "-1", "damaged", "dropped at the stall");
  g_assert_true (cc_stock_adjust_dialog_save (dialog));
  cc_ui_iterate_pending ();
  g_assert_cmpint (pieces (fixture), ==, 4);
  g_assert_cmpstr (cc_stock_panel_get_level_text (panel, "on-hand"), ==, "4");
  g_assert_cmpuint (cc_stock_panel_get_n_ledger_rows (panel), ==, 2);
  row = cc_stock_panel_get_ledger_row (panel, 0);
  g_assert_nonnull (strstr (row, "Damaged"));
  g_assert_nonnull (strstr (row, "dropped at the stall"));
  g_assert_nonnull (strstr (row, "\xe2\x88\x92" "1"));
  g_assert_nonnull (strstr (row, "This device"));

  /* Taking more than is there is refused inline, nothing changes. */
  dialog = cc_stock_panel_open_adjust (panel);
  cc_stock_adjust_dialog_fill (dialog, "-10", "damaged", NULL);
  g_assert_false (cc_stock_adjust_dialog_save (dialog));
  g_assert_nonnull (cc_stock_adjust_dialog_get_error (dialog));
  g_assert_cmpint (pieces (fixture), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cc_ui_iterate_pending ();

  /* A threshold: 4 available is at or below 5, so it is low. */
  g_assert_true (cc_stock_panel_set_threshold (panel, "5"));
  g_assert_null (cc_stock_panel_get_threshold_error (panel));
  g_assert_true (cc_inventory_get_level (fixture->store, fixture->scarf_id, NULL, &level, NULL));
  g_assert_cmpint (level.low_threshold, ==, 5);
  cc_ui_iterate_pending ();
  g_assert_nonnull (cc_stock_panel_get_level_text (panel, "low"));

  g_assert_false (cc_stock_panel_set_threshold (panel, "five"));
  g_assert_nonnull (cc_stock_panel_get_threshold_error (panel));
  g_assert_true (cc_inventory_get_level (fixture->store, fixture->scarf_id, NULL, &level, NULL));
  g_assert_cmpint (level.low_threshold, ==, 5);

  cc_stock_panel_set_threshold (panel, "5");
  cc_ui_iterate_pending ();
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-stock", NULL));
}

static void
test_below_cost_warning (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CcProduct) saved = NULL;
  g_autofree char *cost = cc_money_format (126500, "INR");
  const char *warning;

  set_scarf_recipe (fixture);
  open_editor (fixture, fixture->scarf_id);
  /* ₹1,650 is above the cost of ₹1,265: no warning. */
  g_assert_null (cc_product_editor_get_field_error (fixture->editor, "price"));

  cc_product_editor_set_field (fixture->editor, "price", "1000");
  warning = cc_product_editor_get_field_error (fixture->editor, "price");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, cost));
  g_assert_nonnull (strstr (warning, "lose money"));
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->editor));
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->editor), "editor-below-cost", NULL));

  /* Back above cost, the warning goes. */
  cc_product_editor_set_field (fixture->editor, "price", "1300");
  g_assert_null (cc_product_editor_get_field_error (fixture->editor, "price"));

  /* A warning, not a refusal: saving below cost is allowed. */
  cc_product_editor_set_field (fixture->editor, "price", "1000");
  g_assert_true (cc_product_editor_save (fixture->editor));
  saved = cc_catalogue_get_product (fixture->store, fixture->scarf_id, NULL);
  g_assert_cmpint (saved->price, ==, 100000);
}

static void
test_variant_recipe (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(CcRecipe) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *variant_id = NULL;
  CcRecipePanel *panel;
  CcStockPanel *stock;
  CcStockLevel level;

  set_scarf_recipe (fixture);
  variant->product_id = g_strdup (fixture->scarf_id);
  variant->sku = g_strdup ("SCARF-L");
  variant->price = 195000;
  cc_variant_add_option (variant, "Size", "Long");
  variant_id = cc_catalogue_add_variant (fixture->store, variant, &error);
  g_assert_no_error (error);

  open_editor (fixture, fixture->scarf_id);
  show_tab (fixture, "recipe");
  panel = recipe_panel (fixture);
  stock = stock_panel (fixture);

  /* The long scarf starts from the recipe for all variants… */
  cc_recipe_panel_select_variant (panel, variant_id);
  g_assert_cmpuint (cc_recipe_panel_get_n_lines (panel), ==, 2);
  assert_money (cc_recipe_panel_get_cost_text (panel, "price"), 195000);
  /* …and gets its own: 3 m of cotton. */
  cc_recipe_panel_set_line (panel, 0, "Cotton", "3");
  assert_money (cc_recipe_panel_get_line_cost (panel, 0), 30000);
  g_assert_true (cc_recipe_panel_save (panel));
  own = cc_materials_get_recipe (fixture->store, fixture->scarf_id, variant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (own->variant_id, ==, variant_id);
  g_assert_cmpint (((CcRecipeLine *) g_ptr_array_index (own->lines, 0))->quantity, ==, 3000);
  g_clear_pointer (&own, cc_recipe_free);
  own = cc_materials_get_recipe (fixture->store, fixture->scarf_id, NULL, &error);
  g_assert_cmpint (((CcRecipeLine *) g_ptr_array_index (own->lines, 0))->quantity, ==, 2000);

  /* A batch of the variant uses its recipe and adds to its stock. */
  g_assert_true (cc_recipe_panel_make_batch (panel, variant_id, "2", NULL));
  g_assert_true (cc_inventory_get_level (fixture->store, fixture->scarf_id, variant_id, &level, NULL));
  g_assert_cmpint (level.on_hand, ==, 2);
  g_assert_cmpint (pieces (fixture), ==, 0);
  g_assert_cmpint (on_hand (fixture->store, fixture->cotton_id), ==, 4000);
  cc_ui_iterate_pending ();
  cc_stock_panel_select_item (stock, variant_id);
  g_assert_cmpstr (cc_stock_panel_get_level_text (stock, "on-hand"), ==, "2");
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/editor-tabs/unsaved-piece", test_unsaved_piece);
  ADD ("/ui/editor-tabs/recipe-cost", test_recipe_cost);
  ADD ("/ui/editor-tabs/make-batch", test_make_batch);
  ADD ("/ui/editor-tabs/stock-adjust", test_stock_adjust);
  ADD ("/ui/editor-tabs/below-cost-warning", test_below_cost_warning);
  ADD ("/ui/editor-tabs/variant-recipe", test_variant_recipe);

#undef ADD

  return g_test_run ();
}
