/* test-import-ui.c — the import window on a real display: preview, import, photos fetched from a loopback server, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <adwaita.h>

#include "cc-application.h"
#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-image-fetch.h"
#include "cc-import-window.h"
#include "cc-photos.h"
#include "cc-test-util.h"
#include "cc-window.h"

#define WINDOW_TIMEOUT_S 20
#define FETCH_TIMEOUT_S 30
#define IMAGE_DELAY_MS 400

typedef struct _Fixture Fixture;
typedef void (*AppBody) (Fixture *fixture);

struct _Fixture
{
  char           *dir;        /* this test's data directory */
  char           *db_path;

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

/* Fixture */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: start from the
   * defaults, with the demo offer already answered. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "demo-offered", TRUE);

  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);
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

/* The image server: a minimal HTTP/1.1 responder on 127.0.0.1, slow
 * enough that the progress can be seen. */

static guint16 server_port;
static GBytes *jpeg_wide;   /* 64×48 */
static GBytes *jpeg_tall;   /* 48×64 */

static GBytes *
make_jpeg (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  char *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = 40 + x * 3;
        p[1] = 60 + y * 2;
        p[2] = 160;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

static gboolean
on_http_request (GThreadedSocketService *service,
                 GSocketConnection      *connection,
                 GObject                *source,
                 gpointer                user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_autofree char *request = NULL;
  g_autofree char *head = NULL;
  GBytes *body = NULL;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  request = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

      if (line == NULL || *line == '\0')
        break;
    }
  if (request != NULL && g_str_has_prefix (request, "GET /scarf-1.jpg "))
    body = jpeg_wide;
  else if (request != NULL && g_str_has_prefix (request, "GET /scarf-2.jpg "))
    body = jpeg_tall;

  g_usleep (IMAGE_DELAY_MS * 1000);
  if (body != NULL)
    head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                            "Connection: close\r\n\r\n", g_bytes_get_size (body));
  else
    head = g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL) && body != NULL)
    g_output_stream_write_all (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocketService *service = g_threaded_socket_service_new (8);

  jpeg_wide = make_jpeg (64, 48);
  jpeg_tall = make_jpeg (48, 64);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "run", G_CALLBACK (on_http_request), NULL);
  g_socket_service_start (service);
  /* Lives as long as the test program. */
}

/* Helpers */

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

typedef struct
{
  CcImportWindow *window;
  const char     *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (cc_import_window_get_page (wait->window), wait->page) == 0;
}

static void
wait_for_page (CcImportWindow *window,
               const char     *page,
               guint           timeout_s)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the import window to show “%s”", page);

  wait_for (page_is, &wait, timeout_s, what);
}

static gboolean
fetch_under_way (gpointer data)
{
  CcImportWindow *window = data;
  double fraction = cc_import_window_get_fetch_fraction (window);

  return g_strcmp0 (cc_import_window_get_page (window), "fetching") == 0 && fraction > 0.0 && fraction < 1.0;
}

static gboolean
catalogue_shows_two (gpointer data)
{
  return cc_catalogue_page_get_n_results (CC_CATALOGUE_PAGE (data)) == 2;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static GtkWidget *
nth_row (GtkListBox *list,
         guint       n)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, n);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static char *
write_products_csv (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "shopify-products.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  guint port = server_port;

  /* Line 4 has a price nobody can read. */
  csv = g_strdup_printf ("Handle,Title,Body (HTML),Variant SKU,Variant Price,Variant Inventory Qty,Image Src\r\n"
                         "indigo-scarf,Indigo Scarf,<p>Hand block printed in Jaipur</p>,SCARF-1,950.00,4,"
                         "http://127.0.0.1:%u/scarf-1.jpg\r\n"
                         "indigo-scarf,,,,,,http://127.0.0.1:%u/scarf-2.jpg\r\n"
                         "clay-bowl,Clay Bowl,,BOWL-1,twelve,2,\r\n"
                         "teak-spoon,Teak Spoon,,SPOON-1,250.00,3,http://127.0.0.1:%u/spoon.jpg\r\n",
                         port, port, port);
  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Tests */

static void
import_body (Fixture *fixture)
{
  CcStore *store = app_store (fixture);
  g_autofree char *csv = write_products_csv (fixture);
  g_autofree char *screenshot = NULL;
  g_autofree char *export_path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *orders_path = g_build_filename (fixture->dir, "orders.csv", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(CcProduct) scarf = NULL;
  g_autoptr(CcProduct) spoon = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  CcImportWindow *window;
  GtkDialog *chooser;
  guint n_create = 0, n_update = 9, n_problems = 0, n_images = 0;
  GtkWidget *row;

  g_assert_cmpuint (cc_catalogue_page_get_n_results (catalogue (fixture)), ==, 0);

  /* The menu item opens the window and asks for a file; the person
   * first changes their mind. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-products", NULL);
  window = find_toplevel (CC_TYPE_IMPORT_WINDOW);
  g_assert_nonnull (window);
  wait_for (chooser_shown, NULL, WINDOW_TIMEOUT_S, "the file chooser");
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (chooser, GTK_RESPONSE_CANCEL);
  iterate_pending ();
  g_assert_cmpstr (cc_import_window_get_page (window), ==, "start");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 0);

  /* The preview: what will be created, and the bad line with its reason. */
  cc_import_window_open_path (window, csv);
  wait_for_page (window, "preview", WINDOW_TIMEOUT_S);
  cc_import_window_get_counts (window, &n_create, &n_update, &n_problems, &n_images);
  g_assert_cmpuint (n_create, ==, 2);
  g_assert_cmpuint (n_update, ==, 0);
  g_assert_cmpuint (n_problems, ==, 1);
  g_assert_cmpuint (n_images, ==, 3);
  g_assert_cmpuint (count_rows (cc_import_window_get_problems_list (window)), ==, 1);
  row = nth_row (cc_import_window_get_problems_list (window), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Line 4");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
  g_assert_true (gtk_widget_get_mapped (row));
  /* Nothing written yet. */
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 0);

  wait_for_draw (GTK_WIDGET (window));
  screenshot = save_screenshot (fixture, GTK_WIDGET (window), "import-preview");
  assert_screenshot_has_content (screenshot, 360, 360);
  g_clear_pointer (&screenshot, g_free);

  /* Import: the pieces are written, then the photos come in with progress. */
  gtk_widget_activate_action (GTK_WIDGET (window), "import.start", NULL);
  wait_for (fetch_under_way, window, FETCH_TIMEOUT_S, "the photos to be fetched with progress");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);
  wait_for_draw (GTK_WIDGET (window));
  screenshot = save_screenshot (fixture, GTK_WIDGET (window), "import-fetching");
  g_clear_pointer (&screenshot, g_free);

  wait_for_page (window, "done", FETCH_TIMEOUT_S);
  g_assert_cmpuint (count_rows (cc_import_window_get_failures_list (window)), ==, 1);
  row = nth_row (cc_import_window_get_failures_list (window), 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "/spoon.jpg"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "404"));
  wait_for_draw (GTK_WIDGET (window));
  screenshot = save_screenshot (fixture, GTK_WIDGET (window), "import-done");
  assert_screenshot_has_content (screenshot, 360, 360);
  g_clear_pointer (&screenshot, g_free);

  /* The catalogue shows the new pieces without a restart. */
  wait_for (catalogue_shows_two, catalogue (fixture), WINDOW_TIMEOUT_S, "the catalogue to show the imported pieces");

  /* What the shop holds: the scarf's two photos in the file's order, the
   * spoon's failure kept for a later try. */
  scarf = cc_catalogue_get_product (store, "SCARF-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_product_get_title (scarf, "en"), ==, "Indigo Scarf");
  photos = cc_photos_list (store, scarf->id);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (((CcPhoto *)g_ptr_array_index (photos, 0))->width, ==, 64);
  g_assert_cmpint (((CcPhoto *)g_ptr_array_index (photos, 1))->width, ==, 48);
  spoon = cc_catalogue_get_product (store, "SPOON-1", &error);
  g_assert_no_error (error);
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = cc_photos_list (store, spoon->id);
  g_assert_cmpuint (photos->len, ==, 0);
  failed = cc_image_fetch_list_failed (store, NULL);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpstr (((CcImageFetchEntry *)g_ptr_array_index (failed, 0))->product_id, ==, spoon->id);

  gtk_window_destroy (GTK_WINDOW (window));

  /* Export writes on a worker; the file appears when done. */
  cc_export_to_path (GTK_WINDOW (fixture->window), store, CC_EXPORT_PRODUCTS, export_path);
  wait_for (file_exists, export_path, WINDOW_TIMEOUT_S, "the products export");
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exported, "Handle,Title,"));
  g_assert_nonnull (strstr (exported, "Indigo Scarf"));
  g_assert_nonnull (strstr (exported, "Teak Spoon"));
  cc_export_to_path (GTK_WINDOW (fixture->window), store, CC_EXPORT_ORDERS, orders_path);
  wait_for (file_exists, orders_path, WINDOW_TIMEOUT_S, "the orders export");
  iterate_pending ();
}

static void
test_import_preview_fetch_export (Fixture       *fixture,
                                  gconstpointer  data)
{
  run_app (fixture, import_body);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Only loopback: no proxy may stand between the test and its server. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("no_proxy", "*", TRUE);
  start_server ();

  g_test_add ("/ui/import/preview-import-fetch-export", Fixture, NULL,
              fixture_setup, test_import_preview_fetch_export, fixture_teardown);

  return g_test_run ();
}
