/* test-import-ui.c — the import window on a real display: preview, import, photos fetched from a loopback server, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-image-fetch.h"
#include "cc-import-window.h"
#include "cc-photos.h"
#include "cc-ui-test-util.h"

#define FETCH_TIMEOUT_S 30
#define IMAGE_DELAY_MS 400

typedef CcUiFixture Fixture;

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

static gboolean
chooser_shown (gpointer data)
{
  return cc_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
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

  cc_ui_wait_for (page_is, &wait, timeout_s, what);
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
  CcStore *store = cc_ui_app_store (fixture);
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

  g_assert_cmpuint (cc_catalogue_page_get_n_results (cc_ui_catalogue (fixture)), ==, 0);

  /* The menu item opens the window and asks for a file; the person
   * first changes their mind. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-products", NULL);
  window = cc_ui_find_toplevel (CC_TYPE_IMPORT_WINDOW);
  g_assert_nonnull (window);
  cc_ui_wait_for (chooser_shown, NULL, CC_UI_WINDOW_TIMEOUT_S, "the file chooser");
  chooser = cc_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (chooser, GTK_RESPONSE_CANCEL);
  cc_ui_iterate_pending ();
  g_assert_cmpstr (cc_import_window_get_page (window), ==, "start");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 0);

  /* The preview: what will be created, and the bad line with its reason. */
  cc_import_window_open_path (window, csv);
  wait_for_page (window, "preview", CC_UI_WINDOW_TIMEOUT_S);
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

  cc_ui_wait_for_draw (GTK_WIDGET (window));
  screenshot = cc_ui_save_screenshot (GTK_WIDGET (window), "import-preview", fixture->dir);
  cc_ui_assert_screenshot_has_content (screenshot, 360, 360);
  g_clear_pointer (&screenshot, g_free);

  /* Import: the pieces are written, then the photos come in with progress. */
  gtk_widget_activate_action (GTK_WIDGET (window), "import.start", NULL);
  cc_ui_wait_for (fetch_under_way, window, FETCH_TIMEOUT_S, "the photos to be fetched with progress");
  g_assert_cmpint (cc_catalogue_count_products (store), ==, 2);
  cc_ui_wait_for_draw (GTK_WIDGET (window));
  screenshot = cc_ui_save_screenshot (GTK_WIDGET (window), "import-fetching", fixture->dir);
  g_clear_pointer (&screenshot, g_free);

  wait_for_page (window, "done", FETCH_TIMEOUT_S);
  g_assert_cmpuint (count_rows (cc_import_window_get_failures_list (window)), ==, 1);
  row = nth_row (cc_import_window_get_failures_list (window), 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "/spoon.jpg"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "404"));
  cc_ui_wait_for_draw (GTK_WIDGET (window));
  screenshot = cc_ui_save_screenshot (GTK_WIDGET (window), "import-done", fixture->dir);
  cc_ui_assert_screenshot_has_content (screenshot, 360, 360);
  g_clear_pointer (&screenshot, g_free);

  /* The catalogue shows the new pieces without a restart. */
  cc_ui_wait_for (catalogue_shows_two, cc_ui_catalogue (fixture), CC_UI_WINDOW_TIMEOUT_S, "the catalogue to show the imported pieces");

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
  cc_ui_wait_for (file_exists, export_path, CC_UI_WINDOW_TIMEOUT_S, "the products export");
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exported, "Handle,Title,"));
  g_assert_nonnull (strstr (exported, "Indigo Scarf"));
  g_assert_nonnull (strstr (exported, "Teak Spoon"));
  cc_export_to_path (GTK_WINDOW (fixture->window), store, CC_EXPORT_ORDERS, orders_path);
  cc_ui_wait_for (file_exists, orders_path, CC_UI_WINDOW_TIMEOUT_S, "the orders export");
  cc_ui_iterate_pending ();
}

static void
test_import_preview_fetch_export (Fixture       *fixture,
                                  gconstpointer  data)
{
  cc_ui_run_app (fixture, import_body);
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);

  /* Only loopback: no proxy may stand between the test and its server. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("no_proxy", "*", TRUE);
  start_server ();

  cc_ui_test_add ("/ui/import/preview-import-fetch-export", CC_UI_SHOP_EMPTY,
                  test_import_preview_fetch_export);

  return g_test_run ();
}
