/* test-stock-ui.c — the Inventory and Materials screens and the low-stock notification, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "cc-application.h"
#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-inventory-page.h"
#include "cc-materials.h"
#include "cc-materials-page.h"
#include "cc-stock-watch.h"
#include "cc-test-util.h"
#include "cc-window.h"

#define WINDOW_TIMEOUT_S 20
#define NOTIFY_TIMEOUT_S 10

typedef struct _Fixture Fixture;
typedef void (*AppBody) (Fixture *fixture);

struct _Fixture
{
  char           *dir;
  char           *db_path;

  CcApplication  *app;
  CcWindow       *window;     /* weak */
  CcStore        *store;      /* weak: the app's */
  AppBody         body;
  gboolean        body_ran;

  /* The tiny shop */
  char           *mug_id;
  char           *plate_id;
};

/* Waiting, bounded */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

#define wait_for(cond, data, timeout_s, what) \
  wait_for_impl (cond, data, timeout_s, what, __FILE__, __LINE__, G_STRFUNC)

static void
wait_for_impl (Condition   cond,
               gpointer    data,
               guint       timeout_s,
               const char *what,
               const char *file,
               int         line,
               const char *func)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_s * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message = g_strdup_printf ("gave up after %u s waiting for %s",
                                                      timeout_s, what);

          g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static void
iterate_pending (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Lets the main loop run for ms: idles, D-Bus replies. */
static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *)data;
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64)ms * 1000;

  wait_for (time_passed, &until, ms / 1000 + 5, "time to pass");
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *n_frames)
{
  if (++(*n_frames) < 2)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
frames_drawn (gpointer data)
{
  return *(guint *)data >= 2;
}

static void
wait_for_draw (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock;
  guint n_frames = 0;
  gulong handler;

  wait_for (widget_is_mapped, root, WINDOW_TIMEOUT_S, "the window to be mapped");
  clock = gtk_widget_get_frame_clock (root);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &n_frames);
  gtk_widget_queue_draw (root);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  wait_for (frames_drawn, &n_frames, WINDOW_TIMEOUT_S, "the window to draw");
  g_signal_handler_disconnect (clock, handler);
}

/* Widgets */

typedef gboolean (*WidgetFunc) (GtkWidget *widget,
                                gpointer   data);

static GtkWidget *
find_widget (GtkWidget  *root,
             WidgetFunc  func,
             gpointer    data)
{
  if (func (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, func, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_mapped_label_with (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Shows one section of the window's view stack, as its switcher would. */
static GtkWidget *
show_section (Fixture    *fixture,
              GType       page_type,
              const char *name)
{
  GtkWidget *page = find_widget (GTK_WIDGET (fixture->window), is_of_type, GSIZE_TO_POINTER (page_type));
  GtkWidget *stack;

  g_assert_nonnull (page);
  stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  wait_for (widget_is_mapped, page, WINDOW_TIMEOUT_S, "the section to show");
  wait_for_draw (page);
  return page;
}

static char *
save_screenshot (Fixture    *fixture,
                 GtkWidget  *widget,
                 const char *name)
{
  const char *env_dir = g_getenv ("CC_UI_SCREENSHOT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  if (env_dir != NULL && *env_dir != '\0')
    {
      g_assert_cmpint (g_mkdir_with_parents (env_dir, 0755), ==, 0);
      path = g_build_filename (env_dir, file_name, NULL);
    }
  else
    path = g_build_filename (fixture->dir, file_name, NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gsk_render_node_unref (node);
  g_test_message ("Screenshot: %s", path);
  return path;
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
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  gboolean with_pieces = GPOINTER_TO_INT (data);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "demo-offered", TRUE);

  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);
  if (with_pieces)
    {
      g_autoptr(GError) error = NULL;
      CcStore *store = cc_store_open (fixture->db_path, &error);

      g_assert_no_error (error);
      fixture->mug_id = add_piece (store, "Blue Pottery Mug", "MUG-01", 5, 3);
      fixture->plate_id = add_piece (store, "Terracotta Plate", "PLT-02", 2, 0);
      g_assert_finalize_object (store);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_null (fixture->app);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->mug_id);
  g_free (fixture->plate_id);
}

static void
close_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free_full (toplevels, g_object_unref);
}

static void
on_startup (GApplication *app,
            Fixture      *fixture)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
on_activate (GApplication *app,
             Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CC_IS_WINDOW (window));
  /* Registered on the session bus: GNotification needs it. */
  g_assert_true (g_application_get_is_registered (app));
  g_assert_nonnull (g_application_get_dbus_connection (app));
  g_set_weak_pointer (&fixture->window, CC_WINDOW (window));
  g_set_weak_pointer (&fixture->store, cc_application_get_store (CC_APPLICATION (app)));
  g_assert_nonnull (fixture->store);
  wait_for_draw (GTK_WIDGET (window));

  fixture->body (fixture);
  fixture->body_ran = TRUE;

  close_all_windows ();
  wait_for (pointer_is_null, &fixture->window, WINDOW_TIMEOUT_S, "the window to be finalized");
  iterate_pending ();
  g_application_quit (app);
}

static void
run_app (Fixture *fixture,
         AppBody  body)
{
  int status;

  g_setenv ("CRAFTCHAIN_DB", fixture->db_path, TRUE);
  fixture->app = cc_application_new ();
  fixture->body = body;
  fixture->body_ran = FALSE;
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture->app, "startup", G_CALLBACK (on_startup), fixture);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate), fixture);

  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->body_ran);
  g_assert_null (fixture->window);
  g_assert_finalize_object (fixture->app);
  fixture->app = NULL;
  g_assert_null (fixture->store);
  g_unsetenv ("CRAFTCHAIN_DB");
}

static gint64
on_hand_in_db (Fixture    *fixture,
               const char *product_id)
{
  CcStockLevel level = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_inventory_get_level (fixture->store, product_id, NULL, &level, &error));
  g_assert_no_error (error);
  return level.on_hand;
}

/* Inventory */

static CcStockAdjustDialog *
open_adjust (CcInventoryPage *page)
{
  CcStockAdjustDialog *dialog = cc_inventory_page_adjust_selected (page);

  g_assert_nonnull (dialog);
  wait_for (widget_is_mapped, dialog, WINDOW_TIMEOUT_S, "the adjust dialog");
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
  iterate_pending ();
}

static void
inventory_body (Fixture *fixture)
{
  CcInventoryPage *page = CC_INVENTORY_PAGE (show_section (fixture, CC_TYPE_INVENTORY_PAGE, "inventory"));
  const char *title = "Running low: Blue Pottery Mug";
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  CcStockAdjustDialog *dialog;
  gint64 n_moves;
  guint dunst_before = have_dunst () ? dunst_count_summary (title) : 0;

  /* Every piece is listed, with its level. */
  g_assert_cmpuint (cc_inventory_page_get_n_items (page), ==, 2);
  g_assert_true (cc_inventory_page_select (page, fixture->mug_id, NULL));
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "5");
  g_assert_cmpuint (cc_inventory_page_get_n_ledger_rows (page), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "opening count"));

  /* A breakage: on hand and the ledger follow, in the window and the shop. */
  adjust (page, "-1", "damaged", "chipped in the kiln");
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "4");
  g_assert_cmpuint (cc_inventory_page_get_n_ledger_rows (page), ==, 2);
  g_assert_cmpint (on_hand_in_db (fixture, fixture->mug_id), ==, 4);
  moves = cc_inventory_list_moves (fixture->store, fixture->mug_id, NULL, NULL);
  g_assert_cmpuint (moves->len, ==, 2);
  g_assert_cmpstr (((CcStockMove *) g_ptr_array_index (moves, 1))->reason, ==, "damaged");
  g_assert_cmpint (((CcStockMove *) g_ptr_array_index (moves, 1))->delta, ==, -1);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "Damaged"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "chipped in the kiln"));

  /* Taking more than is there: the error shows, nothing is written. */
  n_moves = cc_test_count_rows (fixture->store, "stock_moves", NULL);
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
  iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->store, "stock_moves", NULL), ==, n_moves);
  g_assert_cmpint (on_hand_in_db (fixture, fixture->mug_id), ==, 4);
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "4");

  /* Crossing the threshold (4 > 3, then 3 ≤ 3): one notification. */
  adjust (page, "-1", "gift", "for the potter's daughter");
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "3");
  if (have_dunst ())
    {
      DunstWait wait = { title, dunst_before + 1 };

      wait_for (dunst_has, &wait, NOTIFY_TIMEOUT_S, "dunst to receive the low-stock notification");
    }
  else
    g_test_message ("No dunst in this session: the notification's arrival is not checked");

  /* Still low, lower: not news again. */
  adjust (page, "-1", "damaged", NULL);
  run_for (500);
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
  g_assert_cmpint (cc_test_count_rows (fixture->store, "stock_settings", NULL), ==, 1);
  g_assert_true (cc_inventory_page_set_threshold_text (page, "1"));
  {
    CcStockLevel level = { 0 };

    g_assert_true (cc_inventory_get_level (fixture->store, fixture->plate_id, NULL, &level, NULL));
    g_assert_cmpint (level.low_threshold, ==, 1);
  }

  /* A sale elsewhere (another part of the app) shows up on its own. */
  g_assert_true (cc_inventory_page_select (page, fixture->plate_id, NULL));
  g_assert_true (cc_inventory_adjust (fixture->store, fixture->plate_id, NULL, 3, "returned", NULL, NULL));
  run_for (200);
  g_assert_cmpstr (cc_inventory_page_get_on_hand_text (page), ==, "5");

  g_assert_true (cc_inventory_page_select (page, fixture->mug_id, NULL));
  wait_for_draw (GTK_WIDGET (page));
  shot = save_screenshot (fixture, GTK_WIDGET (fixture->window), "stock-inventory");
}

static void
test_inventory (Fixture       *fixture,
                gconstpointer  data)
{
  run_app (fixture, inventory_body);
}

/* Materials */

static void
materials_body (Fixture *fixture)
{
  CcMaterialsPage *page = CC_MATERIALS_PAGE (show_section (fixture, CC_TYPE_MATERIALS_PAGE, "materials"));
  CcMaterialDialog *material_dialog;
  CcMaterialPurchaseDialog *purchase_dialog;
  CcStockAdjustDialog *adjust_dialog;
  g_autoptr(CcMaterial) clay = NULL;
  g_autofree char *shot = NULL;
  const char *title = "Running low: Terracotta clay";
  guint dunst_before = have_dunst () ? dunst_count_summary (title) : 0;

  /* No materials yet: the empty page offers to add one. */
  g_assert_true (cc_materials_page_is_empty (page));
  shot = save_screenshot (fixture, GTK_WIDGET (fixture->window), "stock-materials-empty");
  g_clear_pointer (&shot, g_free);

  /* A material needs a name: refused, nothing written. */
  material_dialog = cc_materials_page_new_material (page);
  wait_for (widget_is_mapped, material_dialog, WINDOW_TIMEOUT_S, "the material dialog");
  cc_material_dialog_fill (material_dialog, "  ", "kg", "2", NULL);
  g_assert_false (cc_material_dialog_save (material_dialog));
  g_assert_nonnull (cc_material_dialog_get_error (material_dialog));
  cc_material_dialog_fill (material_dialog, "Terracotta clay", "kg", "2.0000001", NULL);
  g_assert_false (cc_material_dialog_save (material_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->store, "materials", NULL), ==, 0);
  cc_material_dialog_fill (material_dialog, "Terracotta clay", "kg", "2", "red, from Jaipur");
  g_assert_true (cc_material_dialog_save (material_dialog));
  iterate_pending ();
  g_assert_false (cc_materials_page_is_empty (page));
  g_assert_cmpuint (cc_materials_page_get_n_materials (page), ==, 1);
  clay = cc_materials_get_material (fixture->store, "Terracotta clay", NULL);
  g_assert_nonnull (clay);
  g_assert_cmpstr (clay->unit, ==, "kg");
  g_assert_cmpint (clay->low_threshold, ==, 2000000);
  g_assert_cmpstr (cc_materials_page_get_selected_id (page), ==, clay->id);
  g_assert_cmpstr (cc_materials_page_get_average_cost_text (page), ==, "No purchases yet");

  /* A purchase with a bad quantity: the error shows, no supplier nor purchase. */
  purchase_dialog = cc_materials_page_record_purchase (page);
  wait_for (widget_is_mapped, purchase_dialog, WINDOW_TIMEOUT_S, "the purchase dialog");
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "ten", "1,200", "100", "2026-03-01");
  g_assert_false (cc_material_purchase_dialog_save (purchase_dialog));
  g_assert_nonnull (cc_material_purchase_dialog_get_error (purchase_dialog));
  wait_for_draw (GTK_WIDGET (purchase_dialog));
  shot = save_screenshot (fixture, GTK_WIDGET (purchase_dialog), "stock-purchase-error");
  g_clear_pointer (&shot, g_free);
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "10", "1,200", "100", "2026-02-30");
  g_assert_false (cc_material_purchase_dialog_save (purchase_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->store, "purchases", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (fixture->store, "suppliers", NULL), ==, 0);

  /* Right: a new supplier and the purchase, the cost per kg with shipping. */
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "10", "1,200", "100", "2026-03-01");
  g_assert_true (cc_material_purchase_dialog_save (purchase_dialog));
  iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->store, "suppliers", NULL), ==, 1);
  g_assert_cmpuint (cc_materials_page_get_n_purchases (page), ==, 1);
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "10 kg");
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "130.00"));
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "/ kg"));

  /* From the same supplier again: (1,300 + 500) / 15 kg = 120.00 a kg. */
  purchase_dialog = cc_materials_page_record_purchase (page);
  wait_for (widget_is_mapped, purchase_dialog, WINDOW_TIMEOUT_S, "the purchase dialog");
  cc_material_purchase_dialog_fill (purchase_dialog, "Jaipur Clay Co.", "5", "500", NULL, "2026-03-08");
  g_assert_true (cc_material_purchase_dialog_save (purchase_dialog));
  iterate_pending ();
  g_assert_cmpint (cc_test_count_rows (fixture->store, "suppliers", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (fixture->store, "purchases", NULL), ==, 2);
  g_assert_cmpuint (cc_materials_page_get_n_purchases (page), ==, 2);
  g_assert_cmpuint (cc_materials_page_get_n_ledger_rows (page), ==, 2);
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "15 kg");
  g_assert_nonnull (strstr (cc_materials_page_get_average_cost_text (page), "120.00"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_mapped_label_with, (gpointer) "Jaipur Clay Co."));

  /* Using most of it takes the clay below its level: one notification. */
  adjust_dialog = cc_materials_page_adjust_selected (page);
  g_assert_nonnull (adjust_dialog);
  cc_stock_adjust_dialog_fill (adjust_dialog, "-20", "used", NULL);
  g_assert_false (cc_stock_adjust_dialog_save (adjust_dialog));
  g_assert_cmpint (cc_test_count_rows (fixture->store, "material_moves", NULL), ==, 2);
  cc_stock_adjust_dialog_fill (adjust_dialog, "-13.5", "used", "twelve cups");
  g_assert_true (cc_stock_adjust_dialog_save (adjust_dialog));
  iterate_pending ();
  g_assert_cmpstr (cc_materials_page_get_on_hand_text (page), ==, "1.5 kg");
  g_assert_cmpuint (cc_materials_page_get_n_ledger_rows (page), ==, 3);
  if (have_dunst ())
    {
      DunstWait wait = { title, dunst_before + 1 };

      wait_for (dunst_has, &wait, NOTIFY_TIMEOUT_S, "dunst to receive the material notification");
      run_for (300);
      g_assert_cmpuint (dunst_count_summary (title), ==, dunst_before + 1);
    }

  wait_for_draw (GTK_WIDGET (page));
  shot = save_screenshot (fixture, GTK_WIDGET (fixture->window), "stock-materials");
}

static void
test_materials (Fixture       *fixture,
                gconstpointer  data)
{
  run_app (fixture, materials_body);
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
  iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);

  /* Lower still: nothing new. */
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -1, "damaged", NULL, NULL));
  iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);

  /* Recovers, then falls again: news again. */
  g_assert_true (cc_inventory_adjust (store, vase, NULL, 5, "returned", NULL, NULL));
  iterate_pending ();
  g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 1);
  g_assert_true (cc_inventory_adjust (store, vase, NULL, -5, "count", NULL, NULL));
  iterate_pending ();
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
    iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 2);
    purchase->material_id = g_strdup (material_id);
    purchase->quantity = 20000;
    purchase->cost = 80000;
    purchase->currency = g_strdup ("INR");
    purchase->date = g_strdup ("2026-03-01");
    purchase_id = cc_materials_add_purchase (store, purchase, &error);
    g_assert_no_error (error);
    iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 2);
    g_assert_true (cc_materials_adjust (store, material_id, -16000, "used", NULL, &error));
    g_assert_no_error (error);
    iterate_pending ();
    g_assert_cmpuint (cc_stock_watch_get_n_sent (watch), ==, 3);
  }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");

  /* As main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/stock/watch", test_watch);
  g_test_add ("/ui/stock/inventory", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_inventory, fixture_teardown);
  g_test_add ("/ui/stock/materials", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_materials, fixture_teardown);

  return g_test_run ();
}
