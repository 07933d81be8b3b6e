/* test-window.c — the real CraftChain window on a real display, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <adwaita.h>

#include "cc-application.h"
#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-demo.h"
#include "cc-product-editor.h"
#include "cc-test-util.h"
#include "cc-window.h"

#define DEMO_PIECES 40
#define WINDOW_TIMEOUT_S 20
#define DEMO_TIMEOUT_S 60

typedef struct _Fixture Fixture;
typedef void (*AppBody) (Fixture *fixture);

struct _Fixture
{
  char           *dir;        /* this test's data directory */
  char           *db_path;
  const char     *name;       /* for screenshots */

  /* While an app runs */
  CcApplication  *app;
  CcWindow       *window;     /* weak */
  CcStore        *store;      /* weak */
  AppBody         body;
  gboolean        body_ran;
};

/* Waiting, bounded: a test that waits too long fails, it never hangs. */

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

/* Runs what is ready now, without blocking. */
static void
iterate_pending (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
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
  /* A window with nothing changing paints once: ask for the second. */
  if (++(*n_frames) < 2)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
frames_drawn (gpointer data)
{
  return *(guint *)data >= 2;
}

/* Waits until widget's window is on screen and has drawn what it shows now. */
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
  /* Two frames: the first may have been under way already. */
  gtk_widget_queue_draw (root);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  wait_for (frames_drawn, &n_frames, WINDOW_TIMEOUT_S, "the window to draw");
  g_signal_handler_disconnect (clock, handler);
}

/* Widget tree */

typedef gboolean (*WidgetFunc) (GtkWidget *widget,
                                gpointer   data);

/* Depth first; stops at the first widget func accepts. */
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

/* Every label text and tooltip a person can see now. */
static gboolean
collect_visible_text (GtkWidget *widget,
                      gpointer   data)
{
  GPtrArray *texts = data;
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL && *tooltip != '\0')
    g_ptr_array_add (texts, g_strdup (tooltip));
  return FALSE;
}

static GPtrArray *
visible_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  find_widget (root, collect_visible_text, texts);
  return texts;
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

typedef struct
{
  const char *label;
} LabelMatch;

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  LabelMatch *match = data;

  return GTK_IS_LABEL (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), match->label) == 0;
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  LabelMatch *match = data;

  return GTK_IS_BUTTON (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), match->label) == 0;
}

/* Files */

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  dir = g_dir_open (from, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dest = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dest);
      else
        {
          g_autoptr(GFile) src_file = g_file_new_for_path (src);
          g_autoptr(GFile) dest_file = g_file_new_for_path (dest);

          g_file_copy (src_file, dest_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
}

/* The demo shop takes seconds to draw: load it once, copy it per test. */
static const char *
demo_template_dir (void)
{
  static char *template_dir;

  if (template_dir == NULL)
    {
      g_autofree char *dir = cc_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
      g_autoptr(GError) error = NULL;
      CcStore *store = cc_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_true (cc_demo_load (store, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cc_catalogue_count_products (store), ==, DEMO_PIECES);
      /* Closed, so the copies start from a checkpointed file. */
      g_assert_finalize_object (store);
      template_dir = g_steal_pointer (&dir);
    }
  return template_dir;
}

static CcStore *
open_second_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CcStore *store = cc_store_open (fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
add_piece (Fixture         *fixture,
           const char      *title,
           const char      *sku,
           gint64           price,
           CcProductStatus  status)
{
  g_autoptr(CcStore) store = open_second_store (fixture);
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

/* Fixture */

typedef enum
{
  SHOP_EMPTY,          /* and the demo offer already answered */
  SHOP_EMPTY_NEW,      /* first start: the demo is offered */
  SHOP_DEMO,
} Shop;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  Shop shop = GPOINTER_TO_INT (data);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: start each test
   * from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "demo-offered", shop != SHOP_EMPTY_NEW);

  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);
  fixture->name = strrchr (g_test_get_path (), '/') + 1;
  if (shop == SHOP_DEMO)
    copy_tree (demo_template_dir (), fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_null (fixture->app);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* The application, run as main.c runs it */

static void
close_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* The list does not hold references; destroying one window can end
   * another (a dialog with its parent). */
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free_full (toplevels, g_object_unref);
}

/* Animations make what is on screen depend on timing: a screenshot could
 * catch a crossfade half way. */
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

  /* The app's own activate handler ran first and presented the window. */
  g_assert_true (CC_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, CC_WINDOW (window));
  g_set_weak_pointer (&fixture->store, cc_application_get_store (CC_APPLICATION (app)));
  g_assert_nonnull (fixture->store);
  wait_for_draw (GTK_WIDGET (window));

  fixture->body (fixture);
  fixture->body_ran = TRUE;

  /* Quit as a person closing every window would, and check the window
   * does not outlive it. */
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

  g_assert_null (fixture->app);

  /* The app reads CRAFTCHAIN_DB; non-unique, so runs never meet on the bus. */
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

  /* The shop closes with the app: no page, model or editor kept a
   * reference to it. */
  g_assert_null (cc_application_get_store (fixture->app));
  g_assert_finalize_object (fixture->app);
  fixture->app = NULL;
  g_assert_null (fixture->store);
  g_unsetenv ("CRAFTCHAIN_DB");
}

static CcCataloguePage *
catalogue (Fixture *fixture)
{
  g_assert_nonnull (fixture->window);
  return CC_CATALOGUE_PAGE (cc_window_get_catalogue_page (fixture->window));
}

static CcStore *
app_store (Fixture *fixture)
{
  CcStore *store = cc_application_get_store (fixture->app);

  g_assert_true (CC_IS_STORE (store));
  return store;
}

/* Screenshots: what a person would see, into $CC_UI_SCREENSHOT_DIR or the
 * test's own directory. */

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
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GdkTexture *texture;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (renderer);

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
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);

  g_test_message ("Screenshot: %s", path);
  return path;
}

/* A picture of a window, not a blank or one-colour image: many distinct
 * colours and a real spread of brightness. */
static void
assert_screenshot_has_content (const char *path,
                               int         min_width,
                               int         min_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width, height, stride, channels;
  const guchar *pixels;
  int min_luma = 255, max_luma = 0;

  g_assert_no_error (error);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  g_assert_cmpint (width, >=, min_width);
  g_assert_cmpint (height, >=, min_height);

  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        const guchar *p = pixels + y * stride + x * channels;
        int luma = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;

        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] << 16) | (p[1] << 8) | p[2]));
        min_luma = MIN (min_luma, luma);
        max_luma = MAX (max_luma, luma);
      }
  g_test_message ("%s: %d×%d, %u colours, brightness %d–%d", path, width, height,
                  g_hash_table_size (colours), min_luma, max_luma);
  g_assert_cmpuint (g_hash_table_size (colours), >, 64);
  g_assert_cmpint (max_luma - min_luma, >, 100);
}

/* Tests */

static AdwMessageDialog *
visible_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = visible_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
message_dialog_gone (gpointer data)
{
  return visible_message_dialog () == NULL;
}


static gboolean
page_shows_demo (gpointer data)
{
  return cc_catalogue_page_get_n_results (data) == DEMO_PIECES;
}

static void
opens_on_demo_shop_body (Fixture *fixture)
{
  CcCataloguePage *page = catalogue (fixture);
  g_autofree char *path = NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, DEMO_PIECES);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  wait_for_draw (GTK_WIDGET (fixture->window));
  /* No demo offer over a shop that has pieces (it would come from an idle). */
  iterate_pending ();
  g_assert_null (visible_message_dialog ());
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
  path = save_screenshot (fixture, GTK_WIDGET (fixture->window), fixture->name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_screenshot_has_content (path, 360, 400);
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
    wait_for_draw (GTK_WIDGET (editor));
    path = save_screenshot (fixture, GTK_WIDGET (editor), "editor");
    assert_screenshot_has_content (path, 360, 400);
    gtk_window_destroy (editor);
  }
}

static void
test_opens_on_demo_shop (Fixture       *fixture,
                         gconstpointer  data)
{
  run_app (fixture, opens_on_demo_shop_body);
}

static void
empty_shop_offers_demo_body (Fixture *fixture)
{
  CcCataloguePage *page = catalogue (fixture);
  AdwMessageDialog *dialog;
  g_autoptr(CcStore) store = NULL;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);

  wait_for (message_dialog_shown, NULL, WINDOW_TIMEOUT_S, "the demo shop to be offered");
  dialog = visible_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (adw_message_dialog_has_response (dialog, "demo"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "demo"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "demo");

  /* Clicked as a person would: the response, then the dialog closes. */
  {
    LabelMatch match = { adw_message_dialog_get_response_label (dialog, "demo") };
    GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_with_label, &match);

    g_assert_nonnull (button);
    gtk_widget_activate (button);
  }
  wait_for (message_dialog_gone, NULL, WINDOW_TIMEOUT_S, "the offer to close");
  wait_for (page_shows_demo, page, DEMO_TIMEOUT_S, "the demo shop to load");

  /* Loaded into the shop's own file, seen by the app's connection. */
  g_assert_cmpint (cc_catalogue_count_products (app_store (fixture)), ==, DEMO_PIECES);
  store = open_second_store (fixture);
  g_assert_cmpint (cc_catalogue_count_products (store), ==, DEMO_PIECES);
  wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_empty_shop_offers_demo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  run_app (fixture, empty_shop_offers_demo_body);
  /* Offered once: answered for good. */
  g_assert_true (g_settings_get_boolean (settings, "demo-offered"));
}

static void
search_narrows_body (Fixture *fixture)
{
  CcCataloguePage *page = catalogue (fixture);
  guint n;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, DEMO_PIECES);

  cc_catalogue_page_set_search_text (page, "indigo");
  n = cc_catalogue_page_get_n_results (page);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, DEMO_PIECES);
  wait_for_draw (GTK_WIDGET (page));

  /* Each word narrows further. */
  cc_catalogue_page_set_search_text (page, "indigo mug");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), >, 0);
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), <, n);

  cc_catalogue_page_set_search_text (page, "zzzqqq");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);
  wait_for_draw (GTK_WIDGET (page));

  cc_catalogue_page_set_search_text (page, "");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, DEMO_PIECES);

  /* Hindi titles, a prefix of नीला/नील. */
  cc_catalogue_page_set_search_text (page, "नी");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), >, 0);
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), <, DEMO_PIECES);
  wait_for_draw (GTK_WIDGET (page));

  cc_catalogue_page_set_search_text (page, "");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, DEMO_PIECES);
}

static void
test_search_narrows (Fixture       *fixture,
                     gconstpointer  data)
{
  run_app (fixture, search_narrows_body);
}

/* The editor */

static CcProductEditor *
open_editor (Fixture    *fixture,
             const char *product_id)
{
  GtkWindow *editor;

  if (product_id == NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-product", NULL));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-product", "s", product_id));

  editor = cc_window_get_editor (fixture->window);
  g_assert_true (CC_IS_PRODUCT_EDITOR (editor));
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (fixture->window));
  wait_for_draw (GTK_WIDGET (editor));
  return CC_PRODUCT_EDITOR (editor);
}

/* After a save the editor goes away by itself. */
static void
wait_editor_closed (Fixture         *fixture,
                    CcProductEditor *editor)
{
  GtkWindow *weak = GTK_WINDOW (editor);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *)&weak);
  wait_for (pointer_is_null, &weak, WINDOW_TIMEOUT_S, "the editor to close");
  g_assert_null (cc_window_get_editor (fixture->window));
}

static void
create_piece_body (Fixture *fixture)
{
  CcCataloguePage *page = catalogue (fixture);
  CcProductEditor *editor;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 0);

  editor = open_editor (fixture, NULL);
  g_assert_null (cc_product_editor_get_product_id (editor));
  cc_product_editor_set_field (editor, "title", "Test Teapot");
  cc_product_editor_set_field (editor, "price", "1250.50");
  cc_product_editor_set_field (editor, "sku", "TEA-TEST-1");
  wait_for_draw (GTK_WIDGET (editor));
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
  CcCataloguePage *page = catalogue (fixture);

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

  run_app (fixture, create_piece_body);
  run_app (fixture, find_saved_piece_body);

  /* And in the database, as core reads it. */
  store = open_second_store (fixture);
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
  CcCataloguePage *page = catalogue (fixture);
  g_autoptr(CcStore) store = open_second_store (fixture);
  gint64 n_products = cc_catalogue_count_products (store);
  gint64 n_outbox = cc_store_outbox_count (store);
  CcProductEditor *editor;
  const char *message;
  g_autofree char *id = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (n_products, ==, 0);

  editor = open_editor (fixture, NULL);
  cc_product_editor_set_field (editor, "title", "Bad price piece");
  cc_product_editor_set_field (editor, "price", "12,5x");
  g_assert_false (cc_product_editor_save (editor));
  wait_for_draw (GTK_WIDGET (editor));

  message = cc_product_editor_get_field_error (editor, "price");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_test_message ("Price error: %s", message);
  {
    LabelMatch match = { message };

    /* Inline, where the person looks: a label on screen says it. */
    g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_mapped_label, &match));
  }
  g_assert_null (cc_product_editor_get_field_error (editor, "title"));

  /* Nothing written, nothing queued, the editor still open. */
  g_assert_null (cc_product_editor_get_product_id (editor));
  g_assert_cmpint (cc_catalogue_count_products (store), ==, n_products);
  g_assert_cmpint (cc_store_outbox_count (store), ==, n_outbox);
  g_assert_cmpint (cc_catalogue_count_products (app_store (fixture)), ==, n_products);
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
  run_app (fixture, invalid_price_body);
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
  g_autoptr(CcProduct) product = cc_catalogue_get_product (app_store (wait->fixture),
                                                           wait->product_id, NULL);

  return product != NULL && (int)product->status == wait->status;
}

static gboolean
undo_button_shown (gpointer data)
{
  Fixture *fixture = data;
  LabelMatch match = { g_dgettext (GETTEXT_PACKAGE, "_Undo") };

  return find_widget (GTK_WIDGET (fixture->window), is_button_with_label, &match) != NULL;
}

static gboolean
card_says_archived (gpointer data)
{
  Fixture *fixture = data;
  LabelMatch match = { cc_product_status_get_label (CC_PRODUCT_ARCHIVED) };

  return find_widget (GTK_WIDGET (catalogue (fixture)), is_mapped_label, &match) != NULL;
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
  CcCataloguePage *page = catalogue (fixture);
  CcProductEditor *editor;
  StatusWait archived = { fixture, archive_id, CC_PRODUCT_ARCHIVED };
  StatusWait active = { fixture, archive_id, CC_PRODUCT_ACTIVE };
  LabelMatch undo = { g_dgettext (GETTEXT_PACKAGE, "_Undo") };
  GtkWidget *button;

  cc_catalogue_page_set_search_text (page, "archive me");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  wait_for_draw (GTK_WIDGET (page));
  g_assert_false (card_says_archived (fixture));

  editor = open_editor (fixture, archive_id);
  g_assert_cmpstr (cc_product_editor_get_product_id (editor), ==, archive_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL));
  g_assert_true (product_has_status (&archived));
  wait_editor_closed (fixture, editor);

  /* Still in the catalogue (any status), now marked archived. */
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
  wait_for (card_says_archived, fixture, WINDOW_TIMEOUT_S, "the card to say archived");

  /* The window offers Undo; taking it brings the piece back as it was. */
  wait_for (undo_button_shown, fixture, WINDOW_TIMEOUT_S, "the Undo toast");
  button = find_widget (GTK_WIDGET (fixture->window), is_button_with_label, &undo);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  wait_for (product_has_status, &active, WINDOW_TIMEOUT_S, "the piece to be active again");
  wait_for (card_not_archived, fixture, WINDOW_TIMEOUT_S, "the card to lose its archived mark");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 1);
}

static void
test_archive_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = add_piece (fixture, "Archive Me Bowl", "ARC-1", 45000, CC_PRODUCT_ACTIVE);

  archive_id = id;
  run_app (fixture, archive_undo_body);
  archive_id = NULL;
}

/* Hindi */

static void
hindi_labels_body (Fixture *fixture)
{
  g_autoptr(GPtrArray) texts = NULL;
  const char *new_piece = g_dgettext (GETTEXT_PACKAGE, "New Piece");
  const char *catalogue_title = g_dgettext (GETTEXT_PACKAGE, "Catalogue");
  CcCataloguePage *page = catalogue (fixture);
  GtkWidget *stack;
  AdwViewStackPage *stack_page;
  guint n_devanagari = 0;
  gboolean found_new_piece = FALSE;
  g_autofree char *path = NULL;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, DEMO_PIECES);
  wait_for_draw (GTK_WIDGET (fixture->window));
  path = save_screenshot (fixture, GTK_WIDGET (fixture->window), "hindi-labels");
  assert_screenshot_has_content (path, 360, 400);

  texts = visible_texts (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (has_devanagari (text))
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
  g_assert_true (has_devanagari (new_piece));
  g_assert_true (found_new_piece);

  stack = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (page));
  g_assert_nonnull (stack_page);
  g_assert_true (has_devanagari (catalogue_title));
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
  run_app (fixture, hindi_labels_body);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* As main.c does. */
  if (setlocale (LC_ALL, "") == NULL && language != NULL && g_str_has_prefix (language, "hi"))
    g_printerr ("The Hindi locale is missing (Debian: locales, hi_IN.UTF-8 UTF-8 in /etc/locale.gen)\n");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, shop, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (shop), fixture_setup, func, fixture_teardown)

  ADD ("/ui/window/opens-on-demo-shop", SHOP_DEMO, test_opens_on_demo_shop);
  ADD ("/ui/window/empty-shop-offers-demo", SHOP_EMPTY_NEW, test_empty_shop_offers_demo);
  ADD ("/ui/window/search-narrows", SHOP_DEMO, test_search_narrows);
  ADD ("/ui/window/create-persists-after-restart", SHOP_EMPTY, test_create_persists_after_restart);
  ADD ("/ui/window/invalid-price-inline-error", SHOP_EMPTY, test_invalid_price_inline_error);
  ADD ("/ui/window/archive-undo", SHOP_EMPTY, test_archive_undo);
  ADD ("/ui/hindi/labels", SHOP_DEMO, test_hindi_labels);

#undef ADD

  return g_test_run ();
}
