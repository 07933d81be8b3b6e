/* test-stock-ui.c — the Inventory and Materials screens and the low-stock notification, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-inventory-page.h"
#include "cc-materials.h"
#include "cc-materials-page.h"
#include "cc-stock-watch.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"

#define NOTIFY_TIMEOUT_S 10

typedef struct
{
  CcUiFixture     ui;

  /* The tiny shop */
  char           *mug_id;
  char           *plate_id;
} Fixture;

static gboolean
is_mapped_label_with (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* The notification daemon (dunst, started by tools/with-display.sh) */

static gboolean
have_dunst (void)
{
  return g_strcmp0 (g_getenv ("CC_TEST_NOTIFICATION_DAEMON"), "dunst") == 0;
}

/* How many notifications in dunst's history have this summary. */
static guint
dunst_count_summary (const char *summary)
{
  const char *argv[] = { "dunstctl", "history", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *groups;
  int status = 0;
  guint count = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  groups = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonArray *list = json_array_get_array_element (groups, i);

      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *notification = json_array_get_object_element (list, j);
          JsonObject *field = json_object_get_object_member (notification, "summary");

          if (g_strcmp0 (json_object_get_string_member (field, "data"), summary) == 0)
            count++;
        }
    }
  return count;
}

typedef struct
{
  const char *summary;
  guint       count;
} DunstWait;

static gboolean
dunst_has (gpointer data)
{
  DunstWait *wait = data;

  return dunst_count_summary (wait->summary) >= wait->count;
}

/* The shop */

static char *
add_piece (CcStore    *store,
           const char *title,
           const char *sku,
           gint64      on_hand,
           gint64      threshold)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->sku = g_strdup (sku);
  product->price = 45000;
  product->status = CC_PRODUCT_ACTIVE;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  if (on_hand > 0)
    {
      g_assert_true (cc_inventory_adjust (store, id, NULL, on_hand, "count", "opening count", &error));
      g_assert_no_error (error);
    }
  if (threshold > 0)
    {
      g_assert_true (cc_inventory_set_threshold (store, id, NULL, threshold, &error));
      g_assert_no_error (error);
    }
  return id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  gboolean with_pieces = GPOINTER_TO_INT (data);

  cc_ui_fixture_setup (&fixture->ui, GINT_TO_POINTER (CC_UI_SHOP_EMPTY));
  if (with_pieces)
    {
      CcStore *store = cc_ui_open_second_store (&fixture->ui);

      fixture->mug_id = add_piece (store, "Blue Pottery Mug", "MUG-01", 5, 3);
      fixture->plate_id = add_piece (store, "Terracotta Plate", "PLT-02", 2, 0);
      g_assert_finalize_object (store);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cc_ui_fixture_teardown (&fixture->ui, data);
  g_free (fixture->mug_id);
  g_free (fixture->plate_id);
}

/* Registered on the session bus: GNotification needs it. */
static void
assert_registered (Fixture *fixture)
{
  GApplication *app = G_APPLICATION (fixture->ui.app);

  g_assert_true (g_application_get_is_registered (app));
  g_assert_nonnull (g_application_get_dbus_connection (app));
}

static gint64
on_hand_in_db (Fixture    *fixture,
               const char *product_id)
{
  CcStockLevel level = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_inventory_get_level (fixture->ui.store, product_id, NULL, &level, &error));
  g_assert_no_error (error);
  return level.on_hand;
}

/* Inventory */

static CcStockAdjustDialog *
open_adjust (CcInventoryPage *page)
{
  CcStockAdjustDialog *dialog = cc_inventory_page_adjust_selected (page);

  g_assert_nonnull (dialog);
  cc_ui_wait_for (cc_ui_widget_is_mapped, dialog, CC_UI_WINDOW_TIMEOUT_S, "the adjust dialog");
  return dialog;
}

static void
adjust (CcInventoryPage *page,
        const char      *change,
        const char      *reason,
        const char      *note)
{
  CcStockAdjustDialog *dialog = open_adjust (page);

  cc_stock_adjust_dialog_fill (dialog, change, reason, note);
  g_assert_true (cc_stock_adjust_dialog_save (dialog));
  cc_ui_iterate_pending ();
}

static void
inventory_body (CcUiFixture *ui)
{
  Fixture *fixture = (Fixture *) ui;
  CcInventoryPage *page = CC_INVENTORY_PAGE (cc_ui_show_section (&fixture->ui, CC_TYPE_INVENTORY_PAGE, "inventory"));
  const char *title = "Running low: Blue Pottery Mug";
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  CcStockAdjustDialog *dialog;
  gint64 n_moves;
  guint dunst_before = have_dunst () ? dunst_count_summary (title) : 0;

  assert_registered (fixture);

  /* Every piece is listed, with its level. */
  g_assert_cmpuint (cc_inventory_page_get_n_items (page), ==, 2);
  g_assert_true (cc_inventory_page_select (page, fixture->mug_id, NULL));
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "5");
  g_assert_cmpuint (cc_inventory_page_get_n_ledger_rows (page), ==, 1);
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "opening count"));

  /* A breakage: on hand and the ledger follow, in the window and the shop. */
  adjust (page, "-1", "damaged", "chipped in the kiln");
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "4");
  g_assert_cmpuint (cc_inventory_page_get_n_ledger_rows (page), ==, 2);
  g_assert_cmpint (on_hand_in_db (fixture, fixture->mug_id), ==, 4);
  moves = cc_inventory_list_moves (fixture->ui.store, fixture->mug_id, NULL, NULL);
  g_assert_cmpuint (moves->len, ==, 2);
  g_assert_cmpstr (((CcStockMove *) g_ptr_array_index (moves, 1))->reason, ==, "damaged");
  g_assert_cmpint (((CcStockMove *) g_ptr_array_index (moves, 1))->delta, ==, -1);
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "Damaged"));
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "chipped in the kiln"));

  /* Taking more than is there: the error shows, nothing is written. */
  n_moves = cc_test_count_rows (fixture->ui.store, "stock_moves", NULL);
  dialog = open_adjust (page);
  cc_stock_adjust_dialog_fill (dialog, "-10", "count", NULL);
  g_assert_false (cc_stock_adjust_dialog_save (dialog));
  g_assert_nonnull (cc_stock_adjust_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_test_message ("Refused: %s", cc_stock_adjust_dialog_get_error (dialog));
  cc_stock_adjust_dialog_fill (dialog, "three", "count", NULL);
  g_assert_false (cc_stock_adjust_dialog_save (dialog));
  g_assert_nonnull (strstr (cc_stock_adjust_dialog_get_error (dialog), "whole number"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cc_ui_iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "stock_moves", NULL), ==, n_moves);
  g_assert_cmpint (on_hand_in_db (fixture, fixture->mug_id), ==, 4);
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "4");

  /* Crossing the threshold (4 > 3, then 3 ≤ 3): one notification. */
  adjust (page, "-1", "gift", "for the potter's daughter");
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "3");
  if (have_dunst ())
    {
      DunstWait wait = { title, dunst_before + 1 };

      cc_ui_wait_for (dunst_has, &wait, NOTIFY_TIMEOUT_S, "dunst to receive the low-stock notification");
    }
  else
    g_test_message ("No dunst in this session: the notification's arrival is not checked");

  /* Still low, lower: not news again. */
  adjust (page, "-1", "damaged", NULL);
  cc_ui_run_for (500);
  if (have_dunst ())
    g_assert_cmpuint (dunst_count_summary (title), ==, dunst_before + 1);

  /* The low-stock filter shows only what is low. */
  cc_inventory_page_set_low_only (page, TRUE);
  g_assert_cmpuint (cc_inventory_page_get_n_items (page), ==, 1);
  g_assert_true (cc_inventory_page_select (page, fixture->mug_id, NULL));
  cc_inventory_page_set_low_only (page, FALSE);
  g_assert_cmpuint (cc_inventory_page_get_n_items (page), ==, 2);

  /* The threshold: nonsense refused, a number kept. */
  g_assert_true (cc_inventory_page_select (page, fixture->plate_id, NULL));
  g_assert_false (cc_inventory_page_set_threshold_text (page, "a few"));
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "stock_settings", NULL), ==, 1);
  g_assert_true (cc_inventory_page_set_threshold_text (page, "1"));
  {
    CcStockLevel level = { 0 };

    g_assert_true (cc_inventory_get_level (fixture->ui.store, fixture->plate_id, NULL, &level, NULL));
    g_assert_cmpint (level.low_threshold, ==, 1);
  }

  /* A sale elsewhere (another part of the app) shows up on its own. */
  g_assert_true (cc_inventory_page_select (page, fixture->plate_id, NULL));
  g_assert_true (cc_inventory_adjust (fixture->ui.store, fixture->plate_id, NULL, 3, "returned", NULL, NULL));
  cc_ui_run_for (200);
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "5");

  g_assert_true (cc_inventory_page_select (page, fixture->mug_id, NULL));
  cc_ui_wait_for_draw (GTK_WIDGET (page));
  shot = cc_ui_save_screenshot (GTK_WIDGET (fixture->ui.window), "stock-inventory", fixture->ui.dir);
}

static void
test_inventory (Fixture       *fixture,
                gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, inventory_body);
}

/* Materials */

static void
materials_body (CcUiFixture *ui)
{
  Fixture *fixture = (Fixture *) ui;
  CcMaterialsPage *page = CC_MATERIALS_PAGE (cc_ui_show_section (&fixture->ui, CC_TYPE_MATERIALS_PAGE, "materials"));
  CcMaterialDialog *material_dialog;
  CcMaterialPurchaseDialog *purchase_dialog;
  CcStockAdjustDialog *adjust_dialog;
  g_autoptr(CcMaterial) clay = NULL;
  g_autofree char *shot = NULL;
  const char *title = "Running low: Terracotta clay";
  guint dunst_before = have_dunst () ? dunst_count_summary (title) : 0;

  assert_registered (fixture);

  /* No materials yet: the empty page offers to add one. */
  g_assert_true (cc_materials_page_is_empty (page));
  shot = cc_ui_save_screenshot (GTK_WIDGET (fixture->ui.window), "stock-materials-empty", fixture->ui.dir);
  g_clear_pointer (&shot, g_free);

  /* A material needs a name: refused, nothing written. */
  material_dialog = cc_materials_page_new_material (page);
  cc_ui_wait_for (cc_ui_widget_is_mapped, material_dialog, CC_UI_WINDOW_TIMEOUT_S, "the material dialog");
  cc_material_dialog_fill (material_dialog, "  ", "kg", "2", NULL);
  g_assert_false (cc_material_dialog_save (material_dialog));
  g_assert_nonnull (cc_material_dialog_get_error (material_dialog));
  cc_material_dialog_fill (material_dialog, "Terracotta clay", "kg", "2.0000001", NULL);
  g_assert_false (cc_material_dialog_save (material_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "materials", NULL), ==, 0);
  cc_material_dialog_fill (material_dialog, "Terracotta clay", "kg", "2", "red, from Jaipur");
  g_assert_true (cc_material_dialog_save (material_dialog));
  cc_ui_iterate_pending ();
  g_assert_false (cc_materials_page_is_empty (page));
  g_assert_cmpuint (cc_materials_page_get_n_materials (page), ==, 1);
  clay = cc_materials_get_material (fixture->ui.store, "Terracotta clay", NULL);
  g_assert_nonnull (clay);
  g_assert_cmpstr (clay->unit, ==, "kg");
  g_assert_cmpint (clay->low_threshold, ==, 2000000);
  g_assert_cmpstr (cc_materials_page_get_selected_id (page), ==, clay->id);
  g_assert_cmpstr (cc_materials_page_get_average_cost_text (page), ==, "No purchases yet");

  /* A purchase with a bad quantity: the error shows, no supplier nor purchase. */
  purchase_dialog = cc_materials_page_record_purchase (page);
  cc_ui_wait_for (cc_ui_widget_is_mapped, purchase_dialog, CC_UI_WINDOW_TIMEOUT_S, "the purchase dialog");
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "ten", "1,200", "100", "2026-03-01");
  g_assert_false (cc_material_purchase_dialog_save (purchase_dialog));
  g_assert_nonnull (cc_material_purchase_dialog_get_error (purchase_dialog));
  cc_ui_wait_for_draw (GTK_WIDGET (purchase_dialog));
  shot = cc_ui_save_screenshot (GTK_WIDGET (purchase_dialog), "stock-purchase-error", fixture->ui.dir);
  g_clear_pointer (&shot, g_free);
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "10", "1,200", "100", "2026-02-30");
  g_assert_false (cc_material_purchase_dialog_save (purchase_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "purchases", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "suppliers", NULL), ==, 0);

  /* Right: a new supplier and the purchase, the cost per kg with shipping. */
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "10", "1,200", "100", "2026-03-01");
  g_assert_true (cc_material_purchase_dialog_save (purchase_dialog));
  cc_ui_iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "suppliers", NULL), ==, 1);
  g_assert_cmpuint (cc_materials_page_get_n_purchases (page), ==, 1);
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "10 kg");
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "130.00"));
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "/ kg"));

  /* From the same supplier again: (1,300 + 500) / 15 kg = 120.00 a kg. */
  purchase_dialog = cc_materials_page_record_purchase (page);
  cc_ui_wait_for (cc_ui_widget_is_mapped, purchase_dialog, CC_UI_WINDOW_TIMEOUT_S, "the purchase dialog");
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "5", "500", NULL, "2026-03-08");
  g_assert_true (cc_material_purchase_dialog_save (purchase_dialog));
  cc_ui_iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "suppliers", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "purchases", NULL), ==, 2);
  g_assert_cmpuint (cc_materials_page_get_n_purchases (page), ==, 2);
  g_assert_cmpuint (cc_materials_page_get_n_ledger_rows (page), ==, 2);
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "15 kg");
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "120.00"));
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "Jaipur Clay Co."));

  /* Using most of it takes the clay below its level: one notification. */
  adjust_dialog = cc_materials_page_adjust_selected (page);
  g_assert_nonnull (adjust_dialog);
  cc_stock_adjust_dialog_fill (adjust_dialog, "-20", "used", NULL);
  g_assert_false (cc_stock_adjust_dialog_save (adjust_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->ui.store, "material_moves", NULL), ==, 2);
  cc_stock_adjust_dialog_fill (adjust_dialog, "-13.5", "used", "twelve cups");
  g_assert_true (cc_stock_adjust_dialog_save (adjust_dialog));
  cc_ui_iterate_pending ();
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "1.5 kg");
  g_assert_cmpuint (cc_materials_page_get_n_ledger_rows (page), ==, 3);
  if (have_dunst ())
    {
      DunstWait wait = { title, dunst_before + 1 };

      cc_ui_wait_for (dunst_has, &wait, NOTIFY_TIMEOUT_S, "dunst to receive the material notification");
      cc_ui_run_for (300);
      g_assert_cmpuint (dunst_count_summary (title), ==, dunst_before + 1);
    }

  cc_ui_wait_for_draw (GTK_WIDGET (page));
  shot = cc_ui_save_screenshot (GTK_WIDGET (fixture->ui.window), "stock-materials", fixture->ui.dir);
}

static void
test_materials (Fixture       *fixture,
                gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, materials_body);
}

/* The watch alone: what is announced, and when. */

static void
test_watch (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GApplication) app = g_application_new ("org.craftchain.Workstation.StockWatchTest",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(CcStockWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *early = add_piece (store, "Already Low Bowl", "BWL-01", 1, 2);
  g_autofree char *vase = add_piece (store, "Tall Vase", "VAS-01", 4, 2);

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  watch = cc_stock_watch_new (app, store);

  /* What was low before the watch began is not news. */
  cc_stock_watch_check (watch);
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 0);

  /* A commit is looked at on an idle, once, however many came. */
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -1, "damaged", NULL, NULL));
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -1, "damaged", NULL, NULL));
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 0);
  cc_ui_iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);

  /* Lower still: nothing new. */
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -1, "damaged", NULL, NULL));
  cc_ui_iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);

  /* Recovers, then falls again: news again. */
  g_assert_true (cc_inventory_adjust (store, vase, NULL, 5, "returned", NULL, NULL));
  cc_ui_iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -5, "count", NULL, NULL));
  cc_ui_iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 2);

  /* A material with a level counts too, once it was above it. */
  {
    g_autoptr(CcMaterial) material = cc_material_new ();
    g_autoptr(CcPurchase) purchase = cc_purchase_new ();
    g_autofree char *material_id = NULL;
    g_autofree char *purchase_id = NULL;

    material->name = g_strdup ("Brass wire");
    material->unit = g_strdup ("m");
    material->low_threshold = 5000;
    material_id = cc_materials_add_material (store, material, &error);
    g_assert_no_error (error);
    /* New, with nothing on hand yet: at its level from the start, no news. */
    cc_ui_iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 2);
    purchase->material_id = g_strdup (material_id);
    purchase->quantity = 20000;
    purchase->cost = 80000;
    purchase->currency = g_strdup ("INR");
    purchase->date = g_strdup ("2026-03-01");
    purchase_id = cc_materials_add_purchase (store, purchase, &error);
    g_assert_no_error (error);
    cc_ui_iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 2);
    g_assert_true (cc_materials_adjust (store, material_id, -16000, "used", NULL, &error));
    g_assert_no_error (error);
    cc_ui_iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 3);
  }
}

int
main (int    argc,
      char **argv)
{
  cc_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/stock/watch", test_watch);
  g_test_add ("/ui/stock/inventory", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_inventory, fixture_teardown);
  g_test_add ("/ui/stock/materials", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_materials, fixture_teardown);

  return g_test_run ();
}
