/* test-sync-ui.c — sync in the app: enrolment, the indicator, conflicts, against a real server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "cc-application.h"
#include "cc-catalogue.h"
#include "cc-conflicts-window.h"
#include "cc-money.h"
#include "cc-sync-client.h"
#include "cc-sync-engine.h"
#include "cc-sync-indicator.h"
#include "cc-sync-page.h"
#include "cc-sync-test-server.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"
#include "cc-window.h"

#define SYNC_TIMEOUT_S 30
#define SHOP_NAME "Test Pottery"
#define MUG_TITLE "Blue Pottery Mug"

typedef struct
{
  CcUiFixture       ui;            /* first: the harness's fixture */
  char             *mug_id;
  CcSyncTestServer *server;
  char             *code_laptop;   /* for the app */
  char             *code_stall;    /* for the second device */
} Fixture;

/* Waits until widget's own surface (a popover's too) is on screen and has
 * drawn, then saves it into $CC_UI_SCREENSHOT_DIR or the test's directory. */
static void
screenshot (Fixture    *fixture,
            GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  cc_ui_wait_for (cc_ui_widget_is_mapped, gtk_widget_get_native (widget), CC_UI_WINDOW_TIMEOUT_S,
                  "the surface to be mapped");
  cc_ui_wait_for_draw (widget);
  path = cc_ui_save_screenshot (widget, name, fixture->ui.dir);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Conditions */

typedef struct
{
  CcSyncEngine *engine;
  CcSyncState   state;
} StateWait;

static gboolean
engine_in_state (gpointer data)
{
  StateWait *wait = data;

  return cc_sync_engine_get_state (wait->engine) == wait->state;
}

static void
wait_for_state (CcSyncEngine *engine,
                CcSyncState   state,
                const char   *what)
{
  StateWait wait = { engine, state };

  cc_ui_wait_for (engine_in_state, &wait, SYNC_TIMEOUT_S, what);
}

static gboolean
engine_offline_or_failed (gpointer data)
{
  CcSyncState state = cc_sync_engine_get_state (data);

  return state == CC_SYNC_STATE_OFFLINE || state == CC_SYNC_STATE_ERROR;
}

static gboolean
page_idle (gpointer data)
{
  return !cc_sync_page_is_busy (data);
}

static gboolean
outbox_empty (gpointer data)
{
  return cc_store_outbox_count (data) == 0;
}

static gboolean
store_has_conflict (gpointer data)
{
  g_autoptr(GPtrArray) conflicts = cc_store_conflicts_list_full (data, NULL);

  return conflicts != NULL && conflicts->len > 0;
}

static gboolean
store_has_no_conflict (gpointer data)
{
  return !store_has_conflict (data);
}

static gboolean
window_counts_one_conflict (gpointer data)
{
  return cc_window_get_n_conflicts (data) == 1 && cc_window_get_conflicts_banner_shown (data);
}

static gboolean
window_counts_no_conflict (gpointer data)
{
  return cc_window_get_n_conflicts (data) == 0 && !cc_window_get_conflicts_banner_shown (data);
}

static gboolean
page_lists_this_device (gpointer data)
{
  g_autoptr(GPtrArray) rows = cc_sync_page_dup_device_rows (data);

  for (guint i = 0; i < rows->len; i++)
    if (strstr (g_ptr_array_index (rows, i), "Workshop laptop (A)") != NULL &&
        strstr (g_ptr_array_index (rows, i), "This device") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

typedef struct
{
  CcStore    *store;
  const char *id;
  gint64      price;
} PriceWait;

static gboolean
product_has_price (gpointer data)
{
  PriceWait *wait = data;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (wait->store, wait->id, NULL);

  return product != NULL && product->price == wait->price;
}

/* The second device: its own database and engine, as another laptop. */

static void
on_enrolled (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_sync_engine_enrol_finish (CC_SYNC_ENGINE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
set_price (CcStore    *store,
           const char *id,
           gint64      price)
{
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (product);
  product->price = price;
  g_assert_true (cc_catalogue_update_product (store, product, &error));
  g_assert_no_error (error);
}

/* The test */

static void
sync_journey (Fixture *fixture)
{
  CcStore *store = fixture->ui.store;
  CcWindow *window = fixture->ui.window;
  CcSyncEngine *engine = cc_application_get_sync_engine (fixture->ui.app);
  CcSyncIndicator *indicator = CC_SYNC_INDICATOR (cc_window_get_sync_indicator (window));
  g_autofree char *dir2 = cc_test_make_tmpdir ();
  g_autofree char *path2 = g_build_filename (dir2, "shop.db", NULL);
  g_autoptr(CcStore) store2 = NULL;
  g_autoptr(CcSyncEngine) engine2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) mug = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *in_use = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GtkWindow *prefs;
  CcSyncPage *page;
  CcConflictsWindow *conflicts_window;
  gboolean enrolled = FALSE;
  PriceWait price_wait;

  g_assert_nonnull (engine);
  /* Not enrolled: nothing about sync in the header. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));

  /* Preferences → Sync. A wrong code is refused inline, nothing stored. */
  prefs = cc_window_show_sync_preferences (window);
  page = CC_SYNC_PAGE (cc_ui_find_by_type (GTK_WIDGET (prefs), CC_TYPE_SYNC_PAGE));
  g_assert_nonnull (page);
  cc_ui_wait_for_draw (GTK_WIDGET (prefs));
  cc_sync_page_enrol (page, fixture->server->base_url, "2222-3333-4444", "Workshop laptop");
  g_assert_true (cc_sync_page_is_busy (page));
  cc_ui_wait_for (page_idle, page, SYNC_TIMEOUT_S, "the refused enrolment");
  g_assert_nonnull (cc_sync_page_get_enrol_error (page));
  g_test_message ("Refused: %s", cc_sync_page_get_enrol_error (page));
  screenshot (fixture, GTK_WIDGET (prefs), "sync-page-refused");
  g_assert_false (cc_sync_is_enrolled (store));
  meta = cc_store_dup_meta (store, CC_SYNC_META_TOKEN);
  g_assert_null (meta);

  /* The right code: enrolled, the engine runs and the shop is up to date. */
  cc_sync_page_enrol (page, fixture->server->base_url, fixture->code_laptop, "Workshop laptop");
  cc_ui_wait_for (page_idle, page, SYNC_TIMEOUT_S, "the enrolment");
  g_assert_null (cc_sync_page_get_enrol_error (page));
  g_assert_true (cc_sync_is_enrolled (store));
  wait_for_state (engine, CC_SYNC_STATE_UP_TO_DATE, "the first sync");
  cc_ui_wait_for (outbox_empty, store, SYNC_TIMEOUT_S, "the shop to be pushed");
  g_assert_cmpstr (cc_sync_page_get_shop_text (page), ==, SHOP_NAME);
  g_assert_cmpstr (cc_sync_page_get_device_code_text (page), ==, "A");
  cc_ui_wait_for (page_lists_this_device, page, SYNC_TIMEOUT_S, "this device in the devices list");
  cc_ui_wait_for (page_idle, page, SYNC_TIMEOUT_S, "the devices list");
  screenshot (fixture, GTK_WIDGET (prefs), "sync-page");
  gtk_window_destroy (prefs);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_cmpstr (cc_sync_indicator_get_icon_name (indicator), ==, "emblem-ok-symbolic");
  g_assert_cmpstr (cc_sync_indicator_get_tooltip (indicator), ==, "Up to date");
  g_assert_cmpint (cc_sync_engine_get_last_success (engine), >, 0);

  /* A second device joins the shop and gets the mug. */
  store2 = cc_store_open (path2, &error);
  g_assert_no_error (error);
  engine2 = cc_sync_engine_new (path2);
  cc_sync_engine_enrol_async (engine2, fixture->server->base_url, fixture->code_stall, "Market stall",
                              NULL, on_enrolled, &enrolled);
  cc_ui_wait_for (flag_is_set, &enrolled, SYNC_TIMEOUT_S, "the second device's enrolment");
  cc_sync_engine_start (engine2);
  price_wait = (PriceWait) { store2, fixture->mug_id, 45000 };
  cc_ui_wait_for (product_has_price, &price_wait, SYNC_TIMEOUT_S, "the mug on the second device");
  wait_for_state (engine2, CC_SYNC_STATE_UP_TO_DATE, "the second device's sync");
  cc_sync_engine_stop (engine2);

  /* Both change the mug's price while apart: the stall first, then the
   * workshop, whose later change wins everywhere. */
  cc_store_refresh (store2);
  set_price (store2, fixture->mug_id, 52000);
  g_usleep (20 * 1000);
  set_price (store, fixture->mug_id, 50000);
  cc_ui_wait_for (outbox_empty, store, SYNC_TIMEOUT_S, "the workshop's price to be pushed");
  cc_sync_engine_start (engine2);
  cc_sync_engine_sync_now (engine2);
  cc_ui_wait_for (store_has_conflict, store2, SYNC_TIMEOUT_S, "the conflict on the second device");
  cc_ui_wait_for (outbox_empty, store2, SYNC_TIMEOUT_S, "the stall's price to be pushed");

  /* The workshop syncs from the header's popover and learns of it. */
  cc_sync_indicator_popup (indicator);
  cc_sync_indicator_sync_now (indicator);
  cc_ui_wait_for (window_counts_one_conflict, window, SYNC_TIMEOUT_S, "the conflicts banner");
  cc_sync_indicator_popdown (indicator);
  screenshot (fixture, GTK_WIDGET (window), "sync-window-conflict");

  /* The Conflicts view shows both prices side by side. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL);
  conflicts_window = cc_ui_find_toplevel (CC_TYPE_CONFLICTS_WINDOW);
  g_assert_nonnull (conflicts_window);
  g_assert_cmpuint (cc_conflicts_window_get_n_conflicts (conflicts_window), ==, 1);
  mug = cc_catalogue_get_product (store, fixture->mug_id, NULL);
  g_assert_cmpint (mug->price, ==, 50000);
  in_use = cc_money_format (50000, mug->currency);
  other = cc_money_format (52000, mug->currency);
  g_assert_cmpstr (cc_conflicts_window_get_title (conflicts_window, 0), ==, "Price of " MUG_TITLE);
  g_assert_cmpstr (cc_conflicts_window_get_value (conflicts_window, 0, CC_CONFLICT_SIDE_IN_USE), ==, in_use);
  g_assert_cmpstr (cc_conflicts_window_get_value (conflicts_window, 0, CC_CONFLICT_SIDE_OTHER), ==, other);
  g_assert_cmpstr (cc_conflicts_window_get_device (conflicts_window, 0, CC_CONFLICT_SIDE_IN_USE), ==,
                   "Written on this device");
  g_assert_cmpstr (cc_conflicts_window_get_device (conflicts_window, 0, CC_CONFLICT_SIDE_OTHER), ==,
                   "Written on another device");
  g_assert_false (cc_conflicts_window_is_empty (conflicts_window));
  screenshot (fixture, GTK_WIDGET (conflicts_window), "sync-conflicts");

  /* Keep the stall's price: it is the mug's price, the conflict is gone. */
  cc_conflicts_window_keep (conflicts_window, 0, CC_CONFLICT_SIDE_OTHER);
  g_assert_true (cc_conflicts_window_is_empty (conflicts_window));
  g_assert_cmpuint (cc_conflicts_window_get_n_conflicts (conflicts_window), ==, 0);
  g_clear_pointer (&mug, cc_product_free);
  mug = cc_catalogue_get_product (store, fixture->mug_id, NULL);
  g_assert_cmpint (mug->price, ==, 52000);
  conflicts = cc_store_conflicts_list_full (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  cc_ui_wait_for (window_counts_no_conflict, window, CC_UI_WINDOW_TIMEOUT_S, "the banner to go");
  screenshot (fixture, GTK_WIDGET (conflicts_window), "sync-conflicts-empty");
  gtk_window_destroy (GTK_WINDOW (conflicts_window));

  /* The settlement is an ordinary write: it reaches the other device too. */
  cc_ui_wait_for (outbox_empty, store, SYNC_TIMEOUT_S, "the settlement to be pushed");
  cc_sync_engine_sync_now (engine2);
  price_wait = (PriceWait) { store2, fixture->mug_id, 52000 };
  cc_ui_wait_for (product_has_price, &price_wait, SYNC_TIMEOUT_S, "the kept price on the second device");
  cc_ui_wait_for (store_has_no_conflict, store2, SYNC_TIMEOUT_S, "the conflict settled on the second device");
  cc_sync_engine_stop (engine2);

  /* The server goes away: the indicator says so. */
  cc_sync_test_server_stop (fixture->server);
  cc_sync_indicator_sync_now (indicator);
  cc_ui_wait_for (engine_offline_or_failed, engine, SYNC_TIMEOUT_S, "the engine to notice the server is gone");
  g_test_message ("Indicator: %s (%s)", cc_sync_indicator_get_tooltip (indicator),
                  cc_sync_indicator_get_icon_name (indicator));
  g_assert_true (g_str_equal (cc_sync_indicator_get_icon_name (indicator), "network-offline-symbolic") ||
                 g_str_equal (cc_sync_indicator_get_icon_name (indicator), "dialog-warning-symbolic"));
  g_assert_nonnull (strstr (cc_sync_indicator_get_tooltip (indicator), "—"));
  cc_sync_indicator_popup (indicator);
  screenshot (fixture, cc_sync_indicator_get_popover (indicator), "sync-indicator-popover");
  screenshot (fixture, GTK_WIDGET (window), "sync-window-offline");
  cc_sync_indicator_popdown (indicator);
}

/* The server, a shop on it and two enrolment codes, through its CLI; the
 * workshop's shop, with one mug, before it syncs. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CcStore) setup_store = NULL;
  g_autoptr(CcProduct) mug = cc_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db_uri = cc_sync_test_db_uri ();

  cc_ui_fixture_setup (&fixture->ui, GINT_TO_POINTER (CC_UI_SHOP_EMPTY));

  fixture->server = cc_sync_test_server_start (db_uri, NULL);
  fixture->code_laptop = cc_sync_test_create_shop (db_uri, SHOP_NAME, NULL);
  fixture->code_stall = cc_sync_test_new_code (db_uri, SHOP_NAME);

  setup_store = cc_ui_open_second_store (&fixture->ui);
  cc_product_set_title (mug, "en", MUG_TITLE);
  mug->sku = g_strdup ("MUG-BLUE-1");
  mug->price = 45000;
  mug->status = CC_PRODUCT_ACTIVE;
  fixture->mug_id = cc_catalogue_create_product (setup_store, mug, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->server, cc_sync_test_server_free);
  g_clear_pointer (&fixture->code_laptop, g_free);
  g_clear_pointer (&fixture->code_stall, g_free);
  g_clear_pointer (&fixture->mug_id, g_free);
  cc_ui_fixture_teardown (&fixture->ui, data);
}

static void
sync_journey_body (CcUiFixture *ui)
{
  sync_journey ((Fixture *) ui);
}

/* The engine and every window let go of the shop: cc_ui_run_app checks. */
static void
test_sync_journey (Fixture       *fixture,
                   gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, sync_journey_body);
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);

  g_test_add ("/ui/sync/enrol-conflict-offline", Fixture, NULL,
              fixture_setup, test_sync_journey, fixture_teardown);

  return g_test_run ();
}
