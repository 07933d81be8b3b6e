/* test-photo-ui.c — the Photo Advice tab, its exports, and the catalogue's "needs better photos" filter.
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
#include "cc-photo-analysis.h"
#include "cc-photo-insights.h"
#include "cc-photos.h"
#include "cc-product-editor.h"
#include "cc-test-util.h"
#include "cc-window.h"

#define TIMEOUT_S 30

typedef struct _Fixture Fixture;
typedef void (*AppBody) (Fixture *fixture);

struct _Fixture
{
  char           *dir;
  char           *db_path;
  gboolean        demo;

  /* Pieces made before the app starts */
  char           *good_id;
  char           *dark_id;
  char           *dark_sha256;

  CcApplication  *app;
  CcWindow       *window;     /* weak */
  AppBody         body;
  gboolean        body_ran;
};

/* Waiting, bounded */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

#define wait_for(cond, data, what) \
  wait_for_impl (cond, data, what, __FILE__, __LINE__, G_STRFUNC)

static void
wait_for_impl (Condition   cond,
               gpointer    data,
               const char *what,
               const char *file,
               int         line,
               const char *func)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) TIMEOUT_S * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message = g_strdup_printf ("gave up after %u s waiting for %s", TIMEOUT_S, what);

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

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
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
  return *(guint *) data >= 2;
}

static void
wait_for_draw (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock;
  guint n_frames = 0;
  gulong handler;

  wait_for (widget_is_mapped, root, "the window to be mapped");
  clock = gtk_widget_get_frame_clock (root);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &n_frames);
  gtk_widget_queue_draw (root);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  wait_for (frames_drawn, &n_frames, "the window to draw");
  g_signal_handler_disconnect (clock, handler);
}

/* Widget tree */

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
is_photo_insights (GtkWidget *widget,
                   gpointer   data)
{
  return CC_IS_PHOTO_INSIGHTS (widget);
}

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_toggle_with_tooltip (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* Shows the editor's Photo Advice tab, as clicking it would. */
static CcPhotoInsights *
show_photo_advice (GtkWidget *editor)
{
  GtkWidget *insights = find_widget (editor, is_photo_insights, NULL);
  GtkWidget *stack;

  g_assert_nonnull (insights);
  stack = gtk_widget_get_ancestor (insights, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "photos");
  wait_for_draw (editor);
  g_assert_true (gtk_widget_get_mapped (insights));
  return CC_PHOTO_INSIGHTS (insights);
}

/* Screenshots into $CC_UI_SCREENSHOT_DIR or the test's directory. */
static char *
save_screenshot (Fixture    *fixture,
                 GtkWidget  *widget,
                 const char *name)
{
  const char *env_dir = g_getenv ("CC_UI_SCREENSHOT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  g_autoptr(GdkTexture) texture = NULL;
  char *path;

  if (env_dir != NULL && *env_dir != '\0')
    {
      g_assert_cmpint (g_mkdir_with_parents (env_dir, 0755), ==, 0);
      path = g_build_filename (env_dir, file_name, NULL);
    }
  else
    path = g_build_filename (fixture->dir, file_name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gsk_render_node_unref (node);
  g_test_message ("Screenshot: %s", path);
  return path;
}

/* Photos made by the test */

/* good: large, lit, a patterned piece on a plain backdrop.
 * dark: tiny and nearly black. */
static char *
make_photo (const char *dir,
            const char *name,
            gboolean    dark)
{
  int width = dark ? 200 : 2400;
  int height = dark ? 150 : 2400;
  g_autoptr(GRand) rand = g_rand_new_with_seed (width);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        double dx = x - width / 2.0, dy = y - height / 2.0, r = MIN (width, height) * 0.33;
        gboolean inside = dx * dx + dy * dy < r * r;
        int n = g_rand_int_range (rand, -3, 4);

        if (dark)
          {
            p[0] = CLAMP (12 + n + (inside ? 10 : 0), 0, 255);
            p[1] = CLAMP (10 + n, 0, 255);
            p[2] = CLAMP (14 + n, 0, 255);
          }
        else if (inside)
          {
            gboolean stripe = ((x / 12) + (y / 12)) % 2;

            p[0] = stripe ? 200 : 60;
            p[1] = stripe ? 90 : 40;
            p[2] = stripe ? 40 : 120;
          }
        else
          {
            double g = 235 - 30.0 * y / height;

            p[0] = CLAMP (g + n, 0, 255);
            p[1] = CLAMP (g - 4 + n, 0, 255);
            p[2] = CLAMP (g - 12 + n, 0, 255);
          }
      }
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
  return path;
}

static char *
add_piece_with_photo (CcStore    *store,
                      const char *dir,
                      const char *title,
                      const char *sku,
                      gboolean    dark,
                      char      **out_sha256)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = make_photo (dir, dark ? "dark.jpg" : "good.jpg", dark);
  g_autofree char *photo_id = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  product->sku = g_strdup (sku);
  product->price = 150000;
  product->status = CC_PRODUCT_ACTIVE;
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  photo_id = cc_photos_add_file (store, id, photo, &error);
  g_assert_no_error (error);
  if (out_sha256 != NULL)
    {
      g_autoptr(GPtrArray) photos = cc_photos_list (store, id);

      *out_sha256 = g_strdup (((CcPhoto *) g_ptr_array_index (photos, 0))->sha256);
    }
  return id;
}

/* Fixture */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (settings, "demo-offered", TRUE);
  fixture->demo = GPOINTER_TO_INT (data);
  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);

  store = cc_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  if (fixture->demo)
    {
      g_assert_true (cc_demo_load (store, NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      fixture->good_id = add_piece_with_photo (store, fixture->dir, "Bright bowl", "BOWL-GOOD", FALSE, NULL);
      fixture->dark_id = add_piece_with_photo (store, fixture->dir, "Dark bowl", "BOWL-DARK", TRUE,
                                               &fixture->dark_sha256);
    }
  /* No analysis yet: the app's runner makes them. */
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_null (fixture->app);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->good_id);
  g_free (fixture->dark_id);
  g_free (fixture->dark_sha256);
}

/* The application */

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
  g_set_weak_pointer (&fixture->window, CC_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));

  fixture->body (fixture);
  fixture->body_ran = TRUE;

  close_all_windows ();
  wait_for (pointer_is_null, &fixture->window, "the window to be finalized");
  iterate_pending ();
  g_application_quit (app);
}

static void
run_app (Fixture *fixture,
         AppBody  body)
{
  g_setenv ("CRAFTCHAIN_DB", fixture->db_path, TRUE);
  fixture->app = cc_application_new ();
  fixture->body = body;
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture->app, "startup", G_CALLBACK (on_startup), fixture);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate), fixture);

  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 0, NULL), ==, 0);
  g_assert_true (fixture->body_ran);
  g_assert_null (fixture->window);
  g_assert_finalize_object (fixture->app);
  fixture->app = NULL;
  g_unsetenv ("CRAFTCHAIN_DB");
}

static CcStore *
app_store (Fixture *fixture)
{
  return cc_application_get_store (fixture->app);
}

static GtkWidget *
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
  wait_for_draw (GTK_WIDGET (editor));
  return GTK_WIDGET (editor);
}

static gboolean
analysis_shown (gpointer data)
{
  CcPhotoInsights *insights = data;

  return cc_photo_insights_get_n_photos (insights) > 0 && !cc_photo_insights_is_analysing (insights);
}

static gboolean
not_busy (gpointer data)
{
  return !cc_photo_insights_is_busy (data);
}

/* Tests */

static void
advice_fills_in_body (Fixture *fixture)
{
  GtkWidget *editor;
  CcPhotoInsights *insights;
  g_autofree char *export_dir = g_build_filename (fixture->dir, "export", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *moodboard = g_build_filename (fixture->dir, "board.png", NULL);
  const char *status;
  int width = 0, height = 0;

  /* An unsaved piece has nothing to advise on yet. */
  editor = open_editor (fixture, NULL);
  insights = show_photo_advice (editor);
  g_assert_nonnull (find_widget (GTK_WIDGET (insights), is_mapped_label, (gpointer) "Save the Piece First"));
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate_pending ();

  /* The dark piece: its photo is analysed in the background and the tab
   * fills in by itself. */
  editor = open_editor (fixture, fixture->dark_id);
  insights = show_photo_advice (editor);
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 1);
  wait_for (analysis_shown, insights, "the photo's analysis to appear");
  wait_for_draw (editor);

  g_assert_cmpint (cc_photo_insights_get_score (insights, 0), >=, 0);
  g_assert_cmpint (cc_photo_insights_get_score (insights, 0), <, CC_PHOTO_GOOD_SCORE);
  g_assert_cmpuint (cc_photo_insights_get_n_parts (insights, 0), ==, CC_QUALITY_N_ASPECTS);
  g_assert_cmpuint (cc_photo_insights_get_n_swatches (insights, 0), >=, 2);
  g_assert_cmpuint (cc_photo_insights_get_n_suggestions (insights, 0), >=, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (insights), is_mapped_label,
                                 (gpointer) cc_quality_aspect_get_label (CC_QUALITY_EXPOSURE)));
  g_assert_null (cc_photo_insights_get_duplicate_warning (insights, 0));
  /* What it shows is what the store holds. */
  {
    g_autoptr(CcPhotoAnalysis) stored = cc_photo_analysis_lookup (app_store (fixture), fixture->dark_sha256);

    g_assert_nonnull (stored);
    g_assert_cmpint (stored->score, ==, cc_photo_insights_get_score (insights, 0));
  }
  g_free (save_screenshot (fixture, editor, "photo-advice-dark"));

  /* Export for a marketplace: the tiny photo is not enlarged, and says so. */
  cc_photo_insights_export_to_folder (insights, "thumbnail", 80, export_dir);
  g_assert_true (cc_photo_insights_is_busy (insights));
  wait_for (not_busy, insights, "the export to finish");
  status = cc_photo_insights_get_status_text (insights);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (status, "Saved 1 photo"));
  g_assert_nonnull (strstr (status, "enlarging"));
  exported = g_build_filename (export_dir, "BOWL-DARK-1-thumbnail.jpg", NULL);
  g_assert_nonnull (gdk_pixbuf_get_file_info (exported, &width, &height));
  g_assert_cmpint (width, ==, 150);
  g_assert_cmpint (height, ==, 150);

  /* An unknown preset: the reason shown, nothing written. */
  cc_photo_insights_export_to_folder (insights, "no-such-size", 80, export_dir);
  g_assert_false (cc_photo_insights_is_busy (insights));
  g_assert_nonnull (strstr (cc_photo_insights_get_status_text (insights), "no-such-size"));

  cc_photo_insights_make_moodboard_at (insights, moodboard);
  wait_for (not_busy, insights, "the moodboard to be drawn");
  g_assert_nonnull (strstr (cc_photo_insights_get_status_text (insights), "board.png"));
  g_assert_nonnull (gdk_pixbuf_get_file_info (moodboard, &width, &height));
  g_assert_cmpint (width, ==, 1080);
  g_assert_cmpint (height, ==, 1350);

  gtk_window_destroy (GTK_WINDOW (editor));
  iterate_pending ();
}

static void
test_advice_fills_in (Fixture       *fixture,
                      gconstpointer  data)
{
  run_app (fixture, advice_fills_in_body);
}

static gboolean
both_analysed (gpointer data)
{
  Fixture *fixture = data;

  return cc_test_count_rows (app_store (fixture), "photo_analysis", NULL) == 2;
}

static gboolean
catalogue_shows (gpointer data)
{
  gpointer *args = data;

  return cc_catalogue_page_get_n_results (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
needs_better_photos_body (Fixture *fixture)
{
  CcCataloguePage *page = CC_CATALOGUE_PAGE (cc_window_get_catalogue_page (fixture->window));
  GtkWidget *toggle;
  gpointer args[2] = { page, GUINT_TO_POINTER (1) };

  /* The runner analyses both photos soon after start. */
  wait_for (both_analysed, fixture, "both photos to be analysed");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 2);

  toggle = find_widget (GTK_WIDGET (page), is_toggle_with_tooltip,
                        (gpointer) "Only pieces without a photo, or whose cover photo scores poorly");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  wait_for (catalogue_shows, args, "the filter to leave one piece");
  wait_for_draw (GTK_WIDGET (page));

  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_mapped_label, (gpointer) "Dark bowl"));
  g_assert_null (find_widget (GTK_WIDGET (page), is_mapped_label, (gpointer) "Bright bowl"));
  g_free (save_screenshot (fixture, GTK_WIDGET (fixture->window), "catalogue-needs-better-photos"));

  /* Clearing the filters brings the good piece back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "catalogue.clear-filters", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  args[1] = GUINT_TO_POINTER (2);
  wait_for (catalogue_shows, args, "both pieces again");
}

static void
test_needs_better_photos (Fixture       *fixture,
                          gconstpointer  data)
{
  run_app (fixture, needs_better_photos_body);
}

static void
demo_surahi_body (Fixture *fixture)
{
  g_autoptr(CcProduct) vase = NULL;
  GtkWidget *editor;
  CcPhotoInsights *insights;
  g_autoptr(GError) error = NULL;

  vase = cc_catalogue_get_product (app_store (fixture), "POT-VASE-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (vase, "en"), ==, "Blue Pottery Surahi Vase");

  editor = open_editor (fixture, vase->id);
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 1000);
  insights = show_photo_advice (editor);
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 3);
  wait_for (analysis_shown, insights, "the vase's photos to be analysed");
  wait_for_draw (editor);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (cc_photo_insights_get_score (insights, i), >=, 0);
      g_assert_cmpuint (cc_photo_insights_get_n_swatches (insights, i), >=, 2);
    }
  g_free (save_screenshot (fixture, editor, "photo-advice-surahi"));
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate_pending ();
}

static void
test_demo_surahi (Fixture       *fixture,
                  gconstpointer  data)
{
  run_app (fixture, demo_surahi_body);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, demo, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("/ui/photos/advice-fills-in", FALSE, test_advice_fills_in);
  ADD ("/ui/photos/catalogue-needs-better-photos", FALSE, test_needs_better_photos);
  ADD ("/ui/photos/demo-surahi-advice", TRUE, test_demo_surahi);

#undef ADD

  return g_test_run ();
}
