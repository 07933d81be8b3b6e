/* test-media-ui.c — the camera window and the product clip panel on a real display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-camera-window.h"
#include "cc-catalogue.h"
#include "cc-media.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"
#include "cc-video-panel.h"

static gboolean
camera_has_frame (gpointer data)
{
  return cc_camera_window_has_frame (CC_CAMERA_WINDOW (data));
}

static gboolean
camera_has_status (gpointer data)
{
  return cc_camera_window_get_status (CC_CAMERA_WINDOW (data)) != NULL;
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
panel_is_idle (gpointer data)
{
  return !cc_video_panel_is_busy (CC_VIDEO_PANEL (data));
}

/* Whether a label with this text is on screen under widget. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return cc_ui_find_widget (widget, cc_ui_is_mapped_label, (gpointer) text) != NULL;
}

/* Screenshots into $CC_UI_SCREENSHOT_DIR (or the temporary directory),
 * once the window has drawn. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  cc_ui_wait_for_draw (widget);
  g_free (cc_ui_save_screenshot (widget, name, g_get_tmp_dir ()));
}

static void
destroy_window (GtkWindow *window)
{
  GtkWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (window);
  cc_ui_iterate_pending ();
  g_assert_null (weak);
}

/* Camera */

static char *
camera_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "craftchain", "camera", NULL);
}

static char *
make_snapshot_file (const char *name,
                    gint64      age_s)
{
  g_autofree char *dir = camera_dir ();
  char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "old", 3, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  g_assert_cmpint (utime (path, &times), ==, 0);
  return path;
}

static void
on_captured (CcCameraWindow *window,
             const char     *path,
             char          **out_path)
{
  g_free (*out_path);
  *out_path = g_strdup (path);
}

static void
test_camera_test_pattern (void)
{
  g_autofree char *old = make_snapshot_file ("old.jpg", 2 * 24 * 60 * 60);
  g_autofree char *recent = make_snapshot_file ("recent.jpg", 60);
  g_autofree char *captured = NULL;
  g_autofree char *dir = camera_dir ();
  g_autofree char *captured_dir = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GError) error = NULL;
  CcCameraWindow *window;
  GdkPaintable *paintable;

  g_setenv ("CRAFTCHAIN_CAMERA_SOURCE", "videotestsrc pattern=ball", TRUE);
  window = cc_camera_window_new (NULL);
  g_signal_connect (window, "captured", G_CALLBACK (on_captured), &captured);
  gtk_window_present (GTK_WINDOW (window));

  /* Opening cleared the day-old snapshot and kept the recent one. */
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));

  cc_ui_wait_for (cc_ui_widget_is_mapped, window, CC_UI_WINDOW_TIMEOUT_S, "the camera window to show");
  cc_ui_wait_for (camera_has_frame, window, CC_UI_WINDOW_TIMEOUT_S, "a camera frame");
  paintable = gtk_picture_get_paintable (cc_camera_window_get_picture (window));
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 320);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 240);
  g_assert_null (cc_camera_window_get_status (window));
  g_assert_true (shows_text (GTK_WIDGET (window), "Take Photo"));

  /* Frames keep coming: the picture changes. */
  {
    GdkPaintable *first = paintable;

    while (gtk_picture_get_paintable (cc_camera_window_get_picture (window)) == first)
      g_main_context_iteration (NULL, TRUE);
  }
  save_screenshot (GTK_WIDGET (window), "camera-test-pattern");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "camera.capture", NULL));
  cc_ui_wait_for (pointer_is_set, &captured, CC_UI_WINDOW_TIMEOUT_S, "the snapshot");

  captured_dir = g_path_get_dirname (captured);
  g_assert_cmpstr (captured_dir, ==, dir);
  g_assert_true (g_str_has_suffix (captured, ".jpg"));
  photo = gdk_pixbuf_new_from_file (captured, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (photo), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (photo), ==, 240);
  {
    GdkPixbufFormat *format = gdk_pixbuf_get_file_info (captured, NULL, NULL);
    g_autofree char *format_name = gdk_pixbuf_format_get_name (format);

    g_assert_cmpstr (format_name, ==, "jpeg");
  }

  destroy_window (GTK_WINDOW (window));
  g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");
}

static void
assert_camera_status (const char *source,
                      const char *title)
{
  CcCameraWindow *window;

  if (source != NULL)
    g_setenv ("CRAFTCHAIN_CAMERA_SOURCE", source, TRUE);
  else
    g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");

  window = cc_camera_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_wait_for (cc_ui_widget_is_mapped, window, CC_UI_WINDOW_TIMEOUT_S, "the camera window to show");
  cc_ui_wait_for (camera_has_status, window, CC_UI_WINDOW_TIMEOUT_S, "the status page");
  g_assert_cmpstr (cc_camera_window_get_status (window), ==, title);
  g_assert_true (shows_text (GTK_WIDGET (window), title));
  g_assert_false (cc_camera_window_has_frame (window));
  /* Nothing to take a photo of. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "camera.capture", NULL) &&
                  cc_camera_window_has_frame (window));
  if (source == NULL)
    save_screenshot (GTK_WIDGET (window), "camera-none");
  destroy_window (GTK_WINDOW (window));
  g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");
}

static void
test_camera_bogus_source (void)
{
  assert_camera_status ("nosuchcamerasrc", "The Camera Could Not Be Started");
}

static void
test_camera_stops (void)
{
  assert_camera_status ("videotestsrc num-buffers=2", "The Camera Stopped");
}

static void
test_camera_none (void)
{
  g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");
  if (cc_media_has_camera ())
    {
      g_test_skip ("this computer has a camera");
      return;
    }
  assert_camera_status (NULL, "No Camera Found");
}

/* Video panel */

static void
test_video_panel (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *clip = cc_test_record_clip (dir, "clip.webm", "ball", 320, 240, 25, 50);
  g_autofree char *text = g_build_filename (dir, "notes.mp4", NULL);
  g_autofree char *product_id = NULL;
  g_autofree char *where = NULL;
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  CcVideoPanel *panel;

  cc_product_set_title (product, "en", "Blue Pottery Vase");
  product_id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 560, 620);
  panel = g_object_new (CC_TYPE_VIDEO_PANEL, NULL);
  gtk_window_set_child (window, GTK_WIDGET (panel));
  gtk_window_present (window);
  cc_ui_wait_for (cc_ui_widget_is_mapped, panel, CC_UI_WINDOW_TIMEOUT_S, "the panel to show");

  /* An unsaved piece. */
  cc_video_panel_set_product (panel, store, NULL);
  cc_ui_iterate_pending ();
  g_assert_true (shows_text (GTK_WIDGET (panel), "Save the Piece First"));

  /* A saved piece without a clip. */
  cc_video_panel_set_product (panel, store, product_id);
  cc_ui_iterate_pending ();
  g_assert_true (shows_text (GTK_WIDGET (panel), "This piece has no clip yet."));
  g_assert_null (cc_video_panel_get_summary (panel));

  /* Add a clip, as Add Clip… would. */
  cc_video_panel_add_file (panel, clip);
  g_assert_true (cc_video_panel_is_busy (panel));
  cc_ui_wait_for (panel_is_idle, panel, CC_UI_WINDOW_TIMEOUT_S, "the clip to be added");
  g_assert_null (cc_video_panel_get_error (panel));
  g_assert_cmpstr (cc_video_panel_get_summary (panel), ==, "0:02 · 320 × 240");
  cc_ui_iterate_pending ();
  g_assert_true (shows_text (GTK_WIDGET (panel), "0:02 · 320 × 240"));
  video = cc_media_get_video (store, product_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (video);
  g_assert_cmpint (video->width, ==, 320);
  where = g_strdup_printf ("product_id = '%s' AND deleted = 0", product_id);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", where), ==, 1);

  /* Let the poster thumbnail arrive before the screenshot. */
  cc_ui_run_for (500);
  save_screenshot (GTK_WIDGET (window), "video-panel");

  /* Not a video: the reason shows inline, the clip stays. */
  g_assert_true (g_file_set_contents (text, "Glaze: cobalt blue, fired at 900 °C.\n", -1, NULL));
  cc_video_panel_add_file (panel, text);
  cc_ui_wait_for (panel_is_idle, panel, CC_UI_WINDOW_TIMEOUT_S, "the text file to be refused");
  g_assert_nonnull (cc_video_panel_get_error (panel));
  g_assert_nonnull (strstr (cc_video_panel_get_error (panel), "notes.mp4"));
  g_assert_nonnull (strstr (cc_video_panel_get_error (panel), "is not a video"));
  g_assert_cmpstr (cc_video_panel_get_summary (panel), ==, "0:02 · 320 × 240");
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", NULL), ==, 1);
  save_screenshot (GTK_WIDGET (window), "video-panel-error");

  /* Remove: gone from the screen, a tombstone in the database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "video.remove", NULL));
  cc_ui_iterate_pending ();
  g_assert_null (cc_video_panel_get_summary (panel));
  g_assert_true (shows_text (GTK_WIDGET (panel), "This piece has no clip yet."));
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", where), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", "deleted = 1"), ==, 1);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;

  cc_ui_test_init (&argc, &argv);
  /* Snapshots land in a cache of the test's own, before GLib reads it. */
  cache = cc_test_make_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  adw_init ();
  cc_media_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/media/camera-test-pattern", test_camera_test_pattern);
  g_test_add_func ("/ui/media/camera-bogus-source", test_camera_bogus_source);
  g_test_add_func ("/ui/media/camera-stops", test_camera_stops);
  g_test_add_func ("/ui/media/camera-none", test_camera_none);
  g_test_add_func ("/ui/media/video-panel", test_video_panel);

  return g_test_run ();
}
