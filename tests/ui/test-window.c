/* test-window.c — the real CraftChain window on a real display, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-ui-test-util.h"

#define DEMO_TIMEOUT_S 60

typedef CcUiFixture Fixture;

static char *
add_piece (Fixture         *fixture,
           const char      *title,
           const char      *sku,
           gint64           price,
           CcProductStatus  status)
{
  g_autoptr(CcStore) store = cc_ui_open_second_store (fixture);
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->sku = g_strdup (sku);
  product->price = price;
  product->status = status;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Tests */

static gboolean
page_shows_demo (gpointer data)
{
  return cc_catalogue_page_get_n_results (data) == CC_UI_DEMO_PIECES;
}

static void
opens_on_demo_shop_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  g_autofree char *path = NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, CC_UI_DEMO_PIECES);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->window));
  /* No demo offer over a shop that has pieces (it would come from an idle). */
  cc_ui_iterate_pending ();
  g_assert_null (cc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
  path = cc_ui_save_screenshot (GTK_WIDGET (fixture->window), fixture->name, fixture->dir);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  cc_ui_assert_screenshot_has_content (path, 360, 400);
  g_clear_pointer (&path, g_free);

  /* A piece from the shop opens in the editor with its photos. */
  {
    g_autoptr(CcProduct) vase = cc_catalogue_get_product (fixture->store, "POT-VASE-001", NULL);
    GtkWindow *editor;

    g_assert_nonnull (vase);
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-product", "s", vase->id);
    editor = cc_window_get_editor (fixture->window);
    g_assert_true (CC_IS_PRODUCT_EDITOR (editor));
    g_assert_cmpstr (cc_product_editor_get_product_id (CC_PRODUCT_EDITOR (editor)), ==, vase->id);
    cc_ui_wait_for_draw (GTK_WIDGET (editor));
    path = cc_ui_save_screenshot (GTK_WIDGET (editor), "editor", fixture->dir);
    cc_ui_assert_screenshot_has_content (path, 360, 400);
    gtk_window_destroy (editor);
  }

  /* The sections, as a low-stock notification's click opens them
   * (app.show-page); a name that is no section changes nothing. */
  {
    static const char * const pages[] = { "materials", "inventory", "orders", "customers" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "show-page", g_variant_new_string (pages[i]));
        g_assert_cmpstr (cc_window_get_page (fixture->window), ==, pages[i]);
        cc_ui_wait_for_draw (GTK_WIDGET (fixture->window));
        g_clear_pointer (&path, g_free);
        path = cc_ui_save_screenshot (GTK_WIDGET (fixture->window), pages[i], fixture->dir);
        cc_ui_assert_screenshot_has_content (path, 360, 400);
      }
    g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "show-page", g_variant_new_string ("nonsense"));
    g_assert_cmpstr (cc_window_get_page (fixture->window), ==, "customers");
    cc_window_show_page (fixture->window, "catalogue");
  }
}

static void
test_opens_on_demo_shop (Fixture       *fixture,
                         gconstpointer  data)
{
  cc_ui_run_app (fixture, opens_on_demo_shop_body);
}

static void
empty_shop_offers_demo_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  AdwMessageDialog *dialog;
  g_autoptr(CcStore) store = NULL;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);

  dialog = cc_ui_wait_for_message_dialog ("the demo shop to be offered");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (adw_message_dialog_has_response (dialog, "demo"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "demo"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "demo");

  /* Clicked as a person would: the response, then the dialog closes. */
  cc_ui_answer_dialog ("demo");
  cc_ui_wait_for (page_shows_demo, page, DEMO_TIMEOUT_S, "the demo shop to load");

  /* Loaded into the shop's own file, seen by the app's connection. */
  g_assert_cmpint (cc_catalogue_count_products (cc_ui_app_store (fixture)), ==, CC_UI_DEMO_PIECES);
  store = cc_ui_open_second_store (fixture);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, CC_UI_DEMO_PIECES);
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_empty_shop_offers_demo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  cc_ui_run_app (fixture, empty_shop_offers_demo_body);
  /* Offered once: answered for good. */
  g_assert_true (g_settings_get_boolean (settings, "demo-offered"));
}

static void
search_narrows_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  guint n;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, CC_UI_DEMO_PIECES);

  cc_catalogue_page_set_search_text (page, "indigo");
  n = cc_catalogue_page_get_n_results (page);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, CC_UI_DEMO_PIECES);
  cc_ui_wait_for_draw (GTK_WIDGET (page));

  /* Each word narrows further. */
  cc_catalogue_page_set_search_text (page, "indigo mug");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), >, 0);
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), <, n);

  cc_catalogue_page_set_search_text (page, "zzzqqq");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);
  cc_ui_wait_for_draw (GTK_WIDGET (page));

  cc_catalogue_page_set_search_text (page, "");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, CC_UI_DEMO_PIECES);

  /* Hindi titles, a prefix of नीला/नील. */
  cc_catalogue_page_set_search_text (page, "नी");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), >, 0);
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), <, CC_UI_DEMO_PIECES);
  cc_ui_wait_for_draw (GTK_WIDGET (page));

  cc_catalogue_page_set_search_text (page, "");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, CC_UI_DEMO_PIECES);
}

static void
test_search_narrows (Fixture       *fixture,
                     gconstpointer  data)
{
  cc_ui_run_app (fixture, search_narrows_body);
}

/* The editor */

/* After a save the editor goes away by itself. */
static void
wait_editor_closed (Fixture         *fixture,
                    CcProductEditor *editor)
{
  GtkWindow *weak = GTK_WINDOW (editor);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *)&weak);
  cc_ui_wait_for (cc_ui_pointer_is_null, &weak, CC_UI_WINDOW_TIMEOUT_S, "the editor to close");
  g_assert_null (cc_window_get_editor (fixture->window));
}

static void
create_piece_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  CcProductEditor *editor;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);

  editor = cc_ui_open_editor (fixture, NULL);
  g_assert_null (cc_product_editor_get_product_id (editor));
  cc_product_editor_set_field (editor, "title", "Test Teapot");
  cc_product_editor_set_field (editor, "price", "1250.50");
  cc_product_editor_set_field (editor, "sku", "TEA-TEST-1");
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  g_assert_null (cc_product_editor_get_field_error (editor, "price"));
  g_assert_null (cc_product_editor_get_field_error (editor, "title"));

  g_assert_true (cc_product_editor_save (editor));
  g_assert_nonnull (cc_product_editor_get_product_id (editor));
  wait_editor_closed (fixture, editor);

  /* The catalogue shows it at once. */
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
}

static void
find_saved_piece_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  cc_catalogue_page_set_search_text (page, "Test Teapot");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  cc_catalogue_page_set_search_text (page, "teap");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  cc_catalogue_page_set_search_text (page, "coffee");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);
}

static void
test_create_persists_after_restart (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  cc_ui_run_app (fixture, create_piece_body);
  cc_ui_run_app (fixture, find_saved_piece_body);

  /* And in the database, as core reads it. */
  store = cc_ui_open_second_store (fixture);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 1);
  product = cc_catalogue_get_product (store, "TEA-TEST-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (product);
  g_assert_cmpstr (product->sku, ==, "TEA-TEST-1");
  g_assert_cmpint (product->price, ==, 125050);
  g_assert_cmpstr (cc_product_get_title (product, "en"), ==, "Test Teapot");
  /* Written through the outbox, so sync can see it. */
  g_assert_cmpint (cc_store_outbox_count (store), >, 0);
}

static void
invalid_price_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  g_autoptr(CcStore) store = cc_ui_open_second_store (fixture);
  gint64 n_products = cc_catalogue_count_products (store);
  gint64 n_outbox = cc_store_outbox_count (store);
  CcProductEditor *editor;
  const char *message;
  g_autofree char *id = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (n_products, ==, 0);

  editor = cc_ui_open_editor (fixture, NULL);
  cc_product_editor_set_field (editor, "title", "Bad price piece");
  cc_product_editor_set_field (editor, "price", "12,5x");
  g_assert_false (cc_product_editor_save (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));

  message = cc_product_editor_get_field_error (editor, "price");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_test_message ("Price error: %s", message);
  /* Inline, where the person looks: a label on screen says it. */
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (editor), cc_ui_is_mapped_label, (gpointer) message));
  g_assert_null (cc_product_editor_get_field_error (editor, "title"));

  /* Nothing written, nothing queued, the editor still open. */
  g_assert_null (cc_product_editor_get_product_id (editor));
  g_assert_cmpint (cc_catalogue_count_products (store), ==, n_products);
  g_assert_cmpint (cc_store_outbox_count (store), ==, n_outbox);
  g_assert_cmpint (cc_catalogue_count_products (cc_ui_app_store (fixture)), ==, n_products);
  g_assert_true (cc_window_get_editor (fixture->window) == GTK_WINDOW (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);

  /* Corrected, it saves, and the error goes. */
  cc_product_editor_set_field (editor, "price", "12.50");
  g_assert_true (cc_product_editor_save (editor));
  g_assert_null (cc_product_editor_get_field_error (editor, "price"));
  id = g_strdup (cc_product_editor_get_product_id (editor));
  g_assert_nonnull (id);
  wait_editor_closed (fixture, editor);

  g_assert_cmpint (cc_catalogue_count_products (store), ==, n_products + 1);
  g_assert_cmpint (cc_store_outbox_count (store), >, n_outbox);
  product = cc_catalogue_get_product (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (product->price, ==, 1250);
  g_assert_cmpstr (cc_product_get_title (product, "en"), ==, "Bad price piece");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
}

static void
test_invalid_price_inline_error (Fixture       *fixture,
                                 gconstpointer  data)
{
  cc_ui_run_app (fixture, invalid_price_body);
}

typedef struct
{
  Fixture    *fixture;
  const char *product_id;
  int         status;
} StatusWait;

static gboolean
product_has_status (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (cc_ui_app_store (wait->fixture),
                                                           wait->product_id, NULL);

  return product != NULL && (int)product->status == wait->status;
}

static gboolean
undo_button_shown (gpointer data)
{
  Fixture *fixture = data;

  return cc_ui_find_widget (GTK_WIDGET (fixture->window), cc_ui_is_button_with_label,
                            (gpointer) g_dgettext (GETTEXT_PACKAGE, "_Undo")) != NULL;
}

static gboolean
card_says_archived (gpointer data)
{
  Fixture *fixture = data;

  return cc_ui_find_widget (GTK_WIDGET (cc_ui_catalogue (fixture)), cc_ui_is_mapped_label,
                            (gpointer) cc_product_status_get_label (CC_PRODUCT_ARCHIVED)) != NULL;
}

static gboolean
card_not_archived (gpointer data)
{
  return !card_says_archived (data);
}

static const char *archive_id;

static void
archive_undo_body (Fixture *fixture)
{
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  CcProductEditor *editor;
  StatusWait archived = { fixture, archive_id, CC_PRODUCT_ARCHIVED };
  StatusWait active = { fixture, archive_id, CC_PRODUCT_ACTIVE };
  GtkWidget *button;

  cc_catalogue_page_set_search_text (page, "archive me");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  cc_ui_wait_for_draw (GTK_WIDGET (page));
  g_assert_false (card_says_archived (fixture));

  editor = cc_ui_open_editor (fixture, archive_id);
  g_assert_cmpstr (cc_product_editor_get_product_id (editor), ==, archive_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL));
  g_assert_true (product_has_status (&archived));
  wait_editor_closed (fixture, editor);

  /* Still in the catalogue (any status), now marked archived. */
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  cc_ui_wait_for (card_says_archived, fixture, CC_UI_WINDOW_TIMEOUT_S, "the card to say archived");

  /* The window offers Undo; taking it brings the piece back as it was. */
  cc_ui_wait_for (undo_button_shown, fixture, CC_UI_WINDOW_TIMEOUT_S, "the Undo toast");
  button = cc_ui_find_widget (GTK_WIDGET (fixture->window), cc_ui_is_button_with_label,
                              (gpointer) g_dgettext (GETTEXT_PACKAGE, "_Undo"));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  cc_ui_wait_for (product_has_status, &active, CC_UI_WINDOW_TIMEOUT_S, "the piece to be active again");
  cc_ui_wait_for (card_not_archived, fixture, CC_UI_WINDOW_TIMEOUT_S, "the card to lose its archived mark");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
}

static void
test_archive_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = add_piece (fixture, "Archive Me Bowl", "ARC-1", 45000, CC_PRODUCT_ACTIVE);

  archive_id = id;
  cc_ui_run_app (fixture, archive_undo_body);
  archive_id = NULL;
}

/* Hindi */

static void
hindi_labels_body (Fixture *fixture)
{
  g_autoptr(GPtrArray) texts = NULL;
  const char *new_piece = g_dgettext (GETTEXT_PACKAGE, "New Piece");
  const char *catalogue_title = g_dgettext (GETTEXT_PACKAGE, "Catalogue");
  CcCataloguePage *page = cc_ui_catalogue (fixture);
  GtkWidget *stack;
  AdwViewStackPage *stack_page;
  guint n_devanagari = 0;
  gboolean found_new_piece = FALSE;
  g_autofree char *path = NULL;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, CC_UI_DEMO_PIECES);
  cc_ui_wait_for_draw (GTK_WIDGET (fixture->window));
  path = cc_ui_save_screenshot (GTK_WIDGET (fixture->window), "hindi-labels", fixture->dir);
  cc_ui_assert_screenshot_has_content (path, 360, 400);

  texts = cc_ui_visible_texts (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (cc_ui_has_devanagari (text))
        {
          n_devanagari++;
          g_test_message ("Hindi on screen: %s", text);
        }
      if (g_strcmp0 (text, new_piece) == 0)
        found_new_piece = TRUE;
    }

  /* Something a person reads is in Hindi… */
  g_assert_cmpuint (n_devanagari, >, 0);

  /* …including the window's own words, not only the shop's data. */
  g_test_message ("“New Piece” → “%s”, “Catalogue” → “%s”", new_piece, catalogue_title);
  g_assert_true (cc_ui_has_devanagari (new_piece));
  g_assert_true (found_new_piece);

  stack = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (page));
  g_assert_nonnull (stack_page);
  g_assert_true (cc_ui_has_devanagari (catalogue_title));
  g_assert_cmpstr (adw_view_stack_page_get_title (stack_page), ==, catalogue_title);
}

static void
test_hindi_labels (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || !g_str_has_prefix (language, "hi"))
    {
      g_test_skip ("Runs as test-window-hindi, with LANGUAGE=hi");
      return;
    }
  cc_ui_run_app (fixture, hindi_labels_body);
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);

  cc_ui_test_add ("/ui/window/opens-on-demo-shop", CC_UI_SHOP_DEMO, test_opens_on_demo_shop);
  cc_ui_test_add ("/ui/window/empty-shop-offers-demo", CC_UI_SHOP_EMPTY_NEW, test_empty_shop_offers_demo);
  cc_ui_test_add ("/ui/window/search-narrows", CC_UI_SHOP_DEMO, test_search_narrows);
  cc_ui_test_add ("/ui/window/create-persists-after-restart", CC_UI_SHOP_EMPTY, test_create_persists_after_restart);
  cc_ui_test_add ("/ui/window/invalid-price-inline-error", CC_UI_SHOP_EMPTY, test_invalid_price_inline_error);
  cc_ui_test_add ("/ui/window/archive-undo", CC_UI_SHOP_EMPTY, test_archive_undo);
  cc_ui_test_add ("/ui/hindi/labels", CC_UI_SHOP_DEMO, test_hindi_labels);

  return g_test_run ();
}
