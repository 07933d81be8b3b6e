/* test-photo-ui.c — the Photo Advice tab, its exports, and the catalogue's "needs better photos" filter.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-photo-analysis.h"
#include "cc-photo-insights.h"
#include "cc-photos.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"

#define TIMEOUT_S 30

typedef struct
{
  CcUiFixture     ui;
  gboolean        demo;

  /* Pieces made before the app starts */
  char           *good_id;
  char           *dark_id;
  char           *dark_sha256;
} Fixture;

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
  return CC_PHOTO_INSIGHTS (cc_ui_show_page (editor, CC_TYPE_PHOTO_INSIGHTS, "photos"));
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
  g_autoptr(CcStore) store = NULL;

  fixture->demo = GPOINTER_TO_INT (data);
  cc_ui_fixture_setup (&fixture->ui, GINT_TO_POINTER (fixture->demo ? CC_UI_SHOP_DEMO : CC_UI_SHOP_EMPTY));
  store = cc_ui_open_second_store (&fixture->ui);
  if (!fixture->demo)
    {
      fixture->good_id = add_piece_with_photo (store, fixture->ui.dir, "Bright bowl", "BOWL-GOOD", FALSE, NULL);
      fixture->dark_id = add_piece_with_photo (store, fixture->ui.dir, "Dark bowl", "BOWL-DARK", TRUE,
                                               &fixture->dark_sha256);
    }
  /* No analysis yet: the app's runner makes them. */
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cc_ui_fixture_teardown (&fixture->ui, data);
  g_free (fixture->good_id);
  g_free (fixture->dark_id);
  g_free (fixture->dark_sha256);
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
advice_fills_in_body (CcUiFixture *ui)
{
  Fixture *fixture = (Fixture *) ui;
  GtkWidget *editor;
  CcPhotoInsights *insights;
  g_autofree char *export_dir = g_build_filename (fixture->ui.dir, "export", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *moodboard = g_build_filename (fixture->ui.dir, "board.png", NULL);
  const char *status;
  int width = 0, height = 0;

  /* An unsaved piece has nothing to advise on yet. */
  editor = GTK_WIDGET (cc_ui_open_editor (&fixture->ui, NULL));
  insights = show_photo_advice (editor);
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (insights), cc_ui_is_mapped_label, (gpointer) "Save the Piece First"));
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
  cc_ui_iterate_pending ();

  /* The dark piece: its photo is analysed in the background and the tab
   * fills in by itself. */
  editor = GTK_WIDGET (cc_ui_open_editor (&fixture->ui, fixture->dark_id));
  insights = show_photo_advice (editor);
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 1);
  cc_ui_wait_for (analysis_shown, insights, TIMEOUT_S, "the photo's analysis to appear");
  cc_ui_wait_for_draw (editor);

  g_assert_cmpint (cc_photo_insights_get_score (insights, 0), >=, 0);
  g_assert_cmpint (cc_photo_insights_get_score (insights, 0), <, CC_PHOTO_GOOD_SCORE);
  g_assert_cmpuint (cc_photo_insights_get_n_parts (insights, 0), ==, CC_QUALITY_N_ASPECTS);
  g_assert_cmpuint (cc_photo_insights_get_n_swatches (insights, 0), >=, 2);
  g_assert_cmpuint (cc_photo_insights_get_n_suggestions (insights, 0), >=, 1);
  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (insights), cc_ui_is_mapped_label,
                                 (gpointer) cc_quality_aspect_get_label (CC_QUALITY_EXPOSURE)));
  g_assert_null (cc_photo_insights_get_duplicate_warning (insights, 0));
  /* What it shows is what the store holds. */
  {
    g_autoptr(CcPhotoAnalysis) stored = cc_photo_analysis_lookup (cc_ui_app_store (&fixture->ui), fixture->dark_sha256);

    g_assert_nonnull (stored);
    g_assert_cmpint (stored->score, ==, cc_photo_insights_get_score (insights, 0));
  }
  g_free (cc_ui_save_screenshot (editor, "photo-advice-dark", fixture->ui.dir));

  /* Export for a marketplace: the tiny photo is not enlarged, and says so. */
  cc_photo_insights_export_to_folder (insights, "thumbnail", 80, export_dir);
  g_assert_true (cc_photo_insights_is_busy (insights));
  cc_ui_wait_for (not_busy, insights, TIMEOUT_S, "the export to finish");
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
  cc_ui_wait_for (not_busy, insights, TIMEOUT_S, "the moodboard to be drawn");
  g_assert_nonnull (strstr (cc_photo_insights_get_status_text (insights), "board.png"));
  g_assert_nonnull (gdk_pixbuf_get_file_info (moodboard, &width, &height));
  g_assert_cmpint (width, ==, 1080);
  g_assert_cmpint (height, ==, 1350);

  gtk_window_destroy (GTK_WINDOW (editor));
  cc_ui_iterate_pending ();
}

static void
test_advice_fills_in (Fixture       *fixture,
                      gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, advice_fills_in_body);
}

static gboolean
both_analysed (gpointer data)
{
  Fixture *fixture = data;

  return cc_test_count_rows (cc_ui_app_store (&fixture->ui), "photo_analysis", NULL) == 2;
}

static gboolean
catalogue_shows (gpointer data)
{
  gpointer *args = data;

  return cc_catalogue_page_get_n_results (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
needs_better_photos_body (CcUiFixture *ui)
{
  Fixture *fixture = (Fixture *) ui;
  CcCataloguePage *page = cc_ui_catalogue (&fixture->ui);
  GtkWidget *toggle;
  gpointer args[2] = { page, GUINT_TO_POINTER (1) };

  /* The runner analyses both photos soon after start. */
  cc_ui_wait_for (both_analysed, fixture, TIMEOUT_S, "both photos to be analysed");
  g_assert_cmpuint (cc_catalogue_page_get_n_results (page), ==, 2);

  toggle = cc_ui_find_widget (GTK_WIDGET (page), is_toggle_with_tooltip,
                        (gpointer) "Only pieces without a photo, or whose cover photo scores poorly");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  cc_ui_wait_for (catalogue_shows, args, TIMEOUT_S, "the filter to leave one piece");
  cc_ui_wait_for_draw (GTK_WIDGET (page));

  g_assert_nonnull (cc_ui_find_widget (GTK_WIDGET (page), cc_ui_is_mapped_label, (gpointer) "Dark bowl"));
  g_assert_null (cc_ui_find_widget (GTK_WIDGET (page), cc_ui_is_mapped_label, (gpointer) "Bright bowl"));
  g_free (cc_ui_save_screenshot (GTK_WIDGET (fixture->ui.window), "catalogue-needs-better-photos", fixture->ui.dir));

  /* Clearing the filters brings the good piece back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "catalogue.clear-filters", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  args[1] = GUINT_TO_POINTER (2);
  cc_ui_wait_for (catalogue_shows, args, TIMEOUT_S, "both pieces again");
}

static void
test_needs_better_photos (Fixture       *fixture,
                          gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, needs_better_photos_body);
}

static void
demo_surahi_body (CcUiFixture *ui)
{
  Fixture *fixture = (Fixture *) ui;
  g_autoptr(CcProduct) vase = NULL;
  GtkWidget *editor;
  CcPhotoInsights *insights;
  g_autoptr(GError) error = NULL;

  vase = cc_catalogue_get_product (cc_ui_app_store (&fixture->ui), "POT-VASE-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (vase, "en"), ==, "Blue Pottery Surahi Vase");

  editor = GTK_WIDGET (cc_ui_open_editor (&fixture->ui, vase->id));
  gtk_window_set_default_size (GTK_WINDOW (editor), 760, 1000);
  insights = show_photo_advice (editor);
  g_assert_cmpuint (cc_photo_insights_get_n_photos (insights), ==, 3);
  cc_ui_wait_for (analysis_shown, insights, TIMEOUT_S, "the vase's photos to be analysed");
  cc_ui_wait_for_draw (editor);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (cc_photo_insights_get_score (insights, i), >=, 0);
      g_assert_cmpuint (cc_photo_insights_get_n_swatches (insights, i), >=, 2);
    }
  g_free (cc_ui_save_screenshot (editor, "photo-advice-surahi", fixture->ui.dir));
  gtk_window_destroy (GTK_WINDOW (editor));
  cc_ui_iterate_pending ();
}

static void
test_demo_surahi (Fixture       *fixture,
                  gconstpointer  data)
{
  cc_ui_run_app (&fixture->ui, demo_surahi_body);
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);

#define ADD(path, demo, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("/ui/photos/advice-fills-in", FALSE, test_advice_fills_in);
  ADD ("/ui/photos/catalogue-needs-better-photos", FALSE, test_needs_better_photos);
  ADD ("/ui/photos/demo-surahi-advice", TRUE, test_demo_surahi);

#undef ADD

  return g_test_run ();
}
