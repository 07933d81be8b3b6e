/* test-image-fetch.c — imported image addresses fetched from a loopback HTTP server the test runs itself.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-image-fetch.h"
#include "cc-import.h"
#include "cc-photos.h"
#include "cc-test-util.h"

#define LIMIT_BYTES (64 * 1024)
#define TIMEOUT_MS 1000
#define WAIT_S 30

/* The server: a minimal HTTP/1.1 responder on 127.0.0.1, one thread per
 * connection, every response closing its connection. */

typedef struct
{
  GSocketService *service;
  guint16         port;
  GMutex          lock;
  GHashTable     *hits;      /* path → count */
  GBytes         *jpeg_wide; /* 64×48 */
  GBytes         *jpeg_tall; /* 48×64 */
} Server;

static Server server;

static GBytes *
make_jpeg (int width,
           int height,
           int seed)
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

        p[0] = (x * 4 + seed) & 0xff;
        p[1] = (y * 4) & 0xff;
        p[2] = (x * y + seed * 3) & 0xff;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

static guint
server_hits (const char *path)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (server.hits, path));
  g_mutex_unlock (&server.lock);
  return n;
}

static gboolean
send_all (GOutputStream *out,
          const void    *data,
          gsize          len)
{
  return g_output_stream_write_all (out, data, len, NULL, NULL, NULL);
}

static void
respond (GOutputStream *out,
         const char    *status,
         const char    *type,
         const void    *body,
         gsize          len,
         gboolean       with_length)
{
  g_autofree char *head = NULL;

  if (with_length)
    head = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                            "Connection: close\r\n\r\n", status, type, len);
  else
    head = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: %s\r\nConnection: close\r\n\r\n", status, type);
  if (send_all (out, head, strlen (head)) && len > 0)
    send_all (out, body, len);
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_autofree char *request = NULL;
  g_auto(GStrv) parts = NULL;
  const char *path;
  guint hits;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  request = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  if (request == NULL)
    return TRUE;
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

      if (line == NULL || *line == '\0')
        break;
    }
  parts = g_strsplit (request, " ", 3);
  if (g_strv_length (parts) < 2)
    return TRUE;
  path = parts[1];

  g_mutex_lock (&server.lock);
  hits = GPOINTER_TO_UINT (g_hash_table_lookup (server.hits, path)) + 1;
  g_hash_table_insert (server.hits, g_strdup (path), GUINT_TO_POINTER (hits));
  g_mutex_unlock (&server.lock);

  if (g_str_equal (path, "/wide.jpg") || g_str_equal (path, "/wide-again.jpg"))
    respond (out, "200 OK", "image/jpeg", g_bytes_get_data (server.jpeg_wide, NULL),
             g_bytes_get_size (server.jpeg_wide), TRUE);
  else if (g_str_equal (path, "/tall.jpg"))
    respond (out, "200 OK", "image/jpeg", g_bytes_get_data (server.jpeg_tall, NULL),
             g_bytes_get_size (server.jpeg_tall), TRUE);
  else if (g_str_equal (path, "/text.jpg"))
    {
      static const char text[] = "This is a letter, not a photograph.\n";

      respond (out, "200 OK", "image/jpeg", text, sizeof text - 1, TRUE);
    }
  else if (g_str_equal (path, "/huge.jpg") || g_str_equal (path, "/huge-stream.jpg"))
    {
      g_autofree char *body = g_malloc0 (LIMIT_BYTES * 3);

      /* With a length curl refuses before reading; without one the limit
       * must hold while the bytes arrive. */
      respond (out, "200 OK", "image/jpeg", body, LIMIT_BYTES * 3, g_str_equal (path, "/huge.jpg"));
    }
  else if (g_str_equal (path, "/slow.jpg"))
    {
      g_usleep (3 * TIMEOUT_MS * 1000);
      respond (out, "200 OK", "image/jpeg", g_bytes_get_data (server.jpeg_wide, NULL),
               g_bytes_get_size (server.jpeg_wide), TRUE);
    }
  else if (g_str_equal (path, "/trickle.jpg"))
    {
      static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 1000000\r\n"
                                 "Connection: close\r\n\r\n";
      char chunk[256] = { 0 };

      /* Ends when the client hangs up, or after 20 s. */
      if (send_all (out, head, sizeof head - 1))
        for (guint i = 0; i < 400 && send_all (out, chunk, sizeof chunk); i++)
          g_usleep (50 * 1000);
    }
  else if (g_str_equal (path, "/flaky.jpg") && hits > 1)
    respond (out, "200 OK", "image/jpeg", g_bytes_get_data (server.jpeg_tall, NULL),
             g_bytes_get_size (server.jpeg_tall), TRUE);
  else if (g_str_equal (path, "/flaky.jpg"))
    respond (out, "500 Internal Server Error", "text/plain", "busy", 4, TRUE);
  else if (g_str_equal (path, "/to-file.jpg"))
    {
      static const char head[] = "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n"
                                 "Connection: close\r\n\r\n";

      send_all (out, head, sizeof head - 1);
    }
  else
    respond (out, "404 Not Found", "text/plain", "not here", 8, TRUE);

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_mutex_init (&server.lock);
  server.hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server.jpeg_wide = make_jpeg (64, 48, 10);
  server.jpeg_tall = make_jpeg (48, 64, 90);
  server.service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server.service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server.service, "run", G_CALLBACK (on_run), NULL);
  g_socket_service_start (server.service);
}

static char *
url (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server.port, path);
}

/* Shop helpers */

/* Imports one piece whose rows carry the given paths as image addresses,
 * as a Shopify CSV would (the first row the piece, the others image-only). */
static char *
import_piece (CcStore    *store,
              const char *sku,
              ...)
{
  g_autoptr(GString) csv = g_string_new ("Handle,Title,Variant SKU,Variant Price,Image Src\r\n");
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "products.csv", NULL);
  g_autoptr(CcImportPreview) preview = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  const char *image;
  gboolean first = TRUE;
  va_list args;

  va_start (args, sku);
  while ((image = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *address = url (image);

      if (first)
        g_string_append_printf (csv, "%s,Piece %s,%s,12.50,%s\r\n", sku, sku, sku, address);
      else
        g_string_append_printf (csv, "%s,,,,%s\r\n", sku, address);
      first = FALSE;
    }
  va_end (args);

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  preview = cc_import_preview_file (store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->problems->len, ==, 0);
  g_assert_true (cc_import_apply (store, preview, NULL, NULL, &error));
  g_assert_no_error (error);
  product = cc_catalogue_get_product (store, sku, &error);
  g_assert_no_error (error);
  return g_strdup (product->id);
}

typedef struct
{
  GPtrArray          *urls;        /* each progress call's url ("" for NULL) */
  guint               last_done;
  guint               last_total;
  gboolean            monotonic;
  GCancellable       *cancel_on_trickle;
  CcImageFetchReport *report;
  GError             *error;
  gboolean            finished;
} Run;

static void
on_progress (guint       done,
             guint       total,
             const char *address,
             gpointer    user_data)
{
  Run *run = user_data;

  if (done < run->last_done)
    run->monotonic = FALSE;
  run->last_done = done;
  run->last_total = total;
  g_ptr_array_add (run->urls, g_strdup (address ? address : ""));
  if (run->cancel_on_trickle != NULL && address != NULL && g_str_has_suffix (address, "/trickle.jpg"))
    g_timeout_add_once (300, (GSourceOnceFunc)g_cancellable_cancel, run->cancel_on_trickle);
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->report = cc_image_fetch_finish (CC_STORE (source), result, &run->error);
  run->finished = TRUE;
}

static CcImageFetchReport *
fetch (CcStore                   *store,
       const char                *product_id,
       const CcImageFetchOptions *options,
       GCancellable              *cancel_on_trickle,
       GPtrArray                **out_urls)
{
  Run run = { g_ptr_array_new_with_free_func (g_free), 0, 0, TRUE, cancel_on_trickle, NULL, NULL, FALSE };
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  cc_image_fetch_async (store, product_id, options, on_progress, &run, NULL,
                        cancel_on_trickle, on_finished, &run);
  while (!run.finished)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_no_error (run.error);
  g_assert_nonnull (run.report);
  g_assert_true (run.monotonic);
  if (run.report->outcome == CC_IMAGE_FETCH_FINISHED && run.report->n_total > 0)
    {
      /* The last call says all are done, with no address under way. */
      g_assert_cmpuint (run.last_done, ==, run.report->n_total);
      g_assert_cmpuint (run.last_total, ==, run.report->n_total);
      g_assert_cmpstr (g_ptr_array_index (run.urls, run.urls->len - 1), ==, "");
    }
  if (out_urls != NULL)
    *out_urls = g_steal_pointer (&run.urls);
  else
    g_ptr_array_unref (run.urls);
  return run.report;
}

static const CcImageFetchOptions test_options = {
  .max_bytes = LIMIT_BYTES,
  .connect_timeout_ms = TIMEOUT_MS,
  .timeout_ms = TIMEOUT_MS,
};

static const CcImageFetchEntry *
find_failure (CcImageFetchReport *report,
              const char         *path)
{
  for (guint i = 0; i < report->failures->len; i++)
    {
      CcImageFetchEntry *entry = g_ptr_array_index (report->failures, i);

      if (g_str_has_suffix (entry->url, path))
        return entry;
    }
  g_assert_not_reached ();
}

static gint64
count_fetches (CcStore    *store,
               const char *where)
{
  return cc_test_count_rows (store, "image_fetches", where);
}

/* Tests */

static void
test_attaches_in_order (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = import_piece (store, "VASE-1", "/wide.jpg", "/missing.jpg", "/text.jpg", "/tall.jpg",
                                      "/huge.jpg", "/huge-stream.jpg", "/slow.jpg", "/to-file.jpg", NULL);
  g_autoptr(GPtrArray) progress_urls = NULL;
  g_autoptr(CcImageFetchReport) report = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autofree char *first = url ("/wide.jpg");
  CcPhoto *photo;

  pending = cc_image_fetch_list_pending (store, NULL, 0);
  g_assert_cmpuint (pending->len, ==, 8);
  g_assert_cmpstr (((CcImageFetchEntry *)g_ptr_array_index (pending, 0))->url, ==, first);
  g_clear_pointer (&pending, g_ptr_array_unref);

  report = fetch (store, NULL, &test_options, NULL, &progress_urls);

  g_assert_cmpint (report->outcome, ==, CC_IMAGE_FETCH_FINISHED);
  g_assert_cmpuint (report->n_total, ==, 8);
  g_assert_cmpuint (report->n_attached, ==, 2);
  g_assert_cmpuint (report->n_failed, ==, 6);
  g_assert_cmpuint (report->n_left, ==, 0);

  /* Progress named each address in turn, then the end. */
  g_assert_cmpuint (progress_urls->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (progress_urls, 0), ==, first);

  /* The two photos, in address order, and nothing for the bad ones. */
  photos = cc_photos_list (store, id);
  g_assert_cmpuint (photos->len, ==, 2);
  photo = g_ptr_array_index (photos, 0);
  g_assert_cmpint (photo->width, ==, 64);
  g_assert_cmpint (photo->height, ==, 48);
  photo = g_ptr_array_index (photos, 1);
  g_assert_cmpint (photo->width, ==, 48);
  g_assert_cmpint (photo->height, ==, 64);

  /* Each failure with its reason. */
  g_assert_nonnull (strstr (find_failure (report, "/missing.jpg")->reason, "HTTP 404"));
  g_assert_nonnull (strstr (find_failure (report, "/text.jpg")->reason, "text.jpg"));
  g_assert_nonnull (strstr (find_failure (report, "/text.jpg")->reason, "not a photo"));
  g_assert_nonnull (strstr (find_failure (report, "/huge.jpg")->reason, "larger than"));
  g_assert_nonnull (strstr (find_failure (report, "/huge-stream.jpg")->reason, "larger than"));
  g_assert_nonnull (strstr (find_failure (report, "/slow.jpg")->reason, "too long"));
  g_assert_nonnull (strstr (find_failure (report, "/to-file.jpg")->reason, "http and https"));
  g_assert_cmpuint (find_failure (report, "/missing.jpg")->tries, ==, 1);

  /* Kept in the shop: two done, six failed once, with reasons. */
  g_assert_cmpint (count_fetches (store, "state = 'done' AND tries = 1 AND reason = ''"), ==, 2);
  g_assert_cmpint (count_fetches (store, "state = 'failed' AND tries = 1 AND reason != ''"), ==, 6);
  failed = cc_image_fetch_list_failed (store, id);
  g_assert_cmpuint (failed->len, ==, 6);
  g_assert_false (((CcImageFetchEntry *)g_ptr_array_index (failed, 0))->given_up);

  /* The successes are no longer pending; the failures are. */
  pending = cc_image_fetch_list_pending (store, id, 0);
  g_assert_cmpuint (pending->len, ==, 6);
  for (guint i = 0; i < pending->len; i++)
    {
      CcImageFetchEntry *entry = g_ptr_array_index (pending, i);

      g_assert_false (g_str_has_suffix (entry->url, "/wide.jpg"));
      g_assert_false (g_str_has_suffix (entry->url, "/tall.jpg"));
      g_assert_cmpstr (entry->reason, !=, "");
    }
}

static void
test_second_run_retries (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = import_piece (store, "JUG-1", "/wide-again.jpg", "/flaky.jpg", NULL);
  g_autoptr(CcImageFetchReport) first = NULL;
  g_autoptr(CcImageFetchReport) second = NULL;
  g_autoptr(CcImageFetchReport) third = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  guint wide_hits = server_hits ("/wide-again.jpg");

  first = fetch (store, id, &test_options, NULL, NULL);
  g_assert_cmpuint (first->n_attached, ==, 1);
  g_assert_cmpuint (first->n_failed, ==, 1);
  g_assert_nonnull (strstr (find_failure (first, "/flaky.jpg")->reason, "HTTP 500"));
  g_assert_cmpuint (server_hits ("/wide-again.jpg"), ==, wide_hits + 1);

  /* The failure is tried again; the success is not fetched again. */
  second = fetch (store, id, &test_options, NULL, NULL);
  g_assert_cmpint (second->outcome, ==, CC_IMAGE_FETCH_FINISHED);
  g_assert_cmpuint (second->n_total, ==, 1);
  g_assert_cmpuint (second->n_attached, ==, 1);
  g_assert_cmpuint (second->n_failed, ==, 0);
  g_assert_cmpuint (server_hits ("/wide-again.jpg"), ==, wide_hits + 1);
  g_assert_cmpint (count_fetches (store, "url LIKE '%/flaky.jpg' AND state = 'done' AND tries = 2 AND reason = ''"), ==, 1);

  photos = cc_photos_list (store, id);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (((CcPhoto *)g_ptr_array_index (photos, 0))->width, ==, 64);
  g_assert_cmpint (((CcPhoto *)g_ptr_array_index (photos, 1))->width, ==, 48);

  /* Nothing left: a third run asks the server for nothing. */
  third = fetch (store, id, &test_options, NULL, NULL);
  g_assert_cmpuint (third->n_total, ==, 0);
  g_assert_cmpuint (server_hits ("/wide-again.jpg"), ==, wide_hits + 1);
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = cc_photos_list (store, id);
  g_assert_cmpuint (photos->len, ==, 2);
}

static void
test_tries_capped (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = import_piece (store, "BOWL-1", "/gone.jpg", NULL);
  CcImageFetchOptions options = test_options;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  options.max_tries = 2;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CcImageFetchReport) report = fetch (store, id, &options, NULL, NULL);

      g_assert_cmpuint (report->n_failed, ==, 1);
    }
  g_assert_cmpuint (server_hits ("/gone.jpg"), ==, 2);

  /* Given up: not pending, still listed as failed with its reason. */
  pending = cc_image_fetch_list_pending (store, id, 2);
  g_assert_cmpuint (pending->len, ==, 0);
  {
    g_autoptr(CcImageFetchReport) report = fetch (store, id, &options, NULL, NULL);

    g_assert_cmpuint (report->n_total, ==, 0);
  }
  g_assert_cmpuint (server_hits ("/gone.jpg"), ==, 2);
  failed = cc_image_fetch_list_failed (store, id);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpuint (((CcImageFetchEntry *)g_ptr_array_index (failed, 0))->tries, ==, 2);
  g_assert_nonnull (strstr (((CcImageFetchEntry *)g_ptr_array_index (failed, 0))->reason, "HTTP 404"));
}

static void
test_cancel_stops (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = import_piece (store, "MAT-1", "/trickle.jpg", "/tall.jpg", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CcImageFetchReport) report = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  CcImageFetchOptions options = test_options;
  guint tall_hits = server_hits ("/tall.jpg");
  gint64 start;

  /* The trickle would take 20 s; the cancel comes 300 ms into it. */
  options.timeout_ms = 60 * 1000;
  options.max_bytes = 0;
  start = g_get_monotonic_time ();
  report = fetch (store, id, &options, cancellable, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_assert_cmpint (report->outcome, ==, CC_IMAGE_FETCH_CANCELLED);
  g_assert_cmpuint (report->n_total, ==, 2);
  g_assert_cmpuint (report->n_attached, ==, 0);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (report->n_left, ==, 2);
  g_assert_cmpuint (server_hits ("/tall.jpg"), ==, tall_hits);

  /* Nothing attached, nothing counted as a try, both still pending. */
  photos = cc_photos_list (store, id);
  g_assert_cmpuint (photos->len, ==, 0);
  g_assert_cmpint (count_fetches (store, NULL), ==, 0);
  pending = cc_image_fetch_list_pending (store, id, 0);
  g_assert_cmpuint (pending->len, ==, 2);
}

/* A network monitor that sees no network, as a laptop with Wi-Fi off. */

typedef struct
{
  GObject parent_instance;
} OfflineMonitor;

typedef struct
{
  GObjectClass parent_class;
} OfflineMonitorClass;

enum
{
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static GType offline_monitor_get_type (void);
static void offline_monitor_iface_init (GNetworkMonitorInterface *iface);
static void offline_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (OfflineMonitor, offline_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, offline_monitor_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, offline_monitor_iface_init))

static void
offline_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
offline_monitor_can_reach (GNetworkMonitor     *monitor,
                           GSocketConnectable  *connectable,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "offline");
  return FALSE;
}

static gboolean
offline_monitor_init_sync (GInitable     *initable,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return TRUE;
}

static void
offline_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = offline_monitor_can_reach;
}

static void
offline_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = offline_monitor_init_sync;
}

static void
offline_monitor_class_init (OfflineMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = offline_monitor_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
offline_monitor_init (OfflineMonitor *self)
{
}

static void
test_offline (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = NULL;
  g_autoptr(GNetworkMonitor) monitor = NULL;
  g_autoptr(CcImageFetchReport) report = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(CcImageFetchReport) offline = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GString) csv = NULL;
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "p.csv", NULL);
  g_autofree char *local = url ("/wide.jpg");
  g_autoptr(CcImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  CcImageFetchOptions options = test_options;

  /* A monitor with no network at all. */
  monitor = g_object_new (offline_monitor_get_type (), NULL);
  g_assert_false (g_network_monitor_get_network_available (monitor));
  options.network_monitor = monitor;

  csv = g_string_new ("Handle,Title,Variant SKU,Variant Price,Image Src\r\n");
  g_string_append (csv, "cup,Cup,CUP-1,5.00,https://shop.example/cup.jpg\r\n");
  g_string_append_printf (csv, "cup,,,,%s\r\n", local);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  preview = cc_import_preview_file (store, path, &error);
  g_assert_no_error (error);
  g_assert_true (cc_import_apply (store, preview, NULL, NULL, &error));
  g_assert_no_error (error);
  product = cc_catalogue_get_product (store, "CUP-1", &error);
  g_assert_no_error (error);
  id = g_strdup (product->id);

  /* Loopback still works; the rest waits, untouched. */
  report = fetch (store, id, &options, NULL, NULL);
  g_assert_cmpint (report->outcome, ==, CC_IMAGE_FETCH_OFFLINE);
  g_assert_cmpuint (report->n_total, ==, 1);
  g_assert_cmpuint (report->n_attached, ==, 1);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpint (count_fetches (store, "url = 'https://shop.example/cup.jpg'"), ==, 0);
  pending = cc_image_fetch_list_pending (store, id, 0);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((CcImageFetchEntry *)g_ptr_array_index (pending, 0))->url, ==, "https://shop.example/cup.jpg");
  g_assert_cmpuint (((CcImageFetchEntry *)g_ptr_array_index (pending, 0))->tries, ==, 0);

  /* A second offline run tries nothing and keeps it pending. */
  offline = fetch (store, id, &options, NULL, NULL);
  g_assert_cmpint (offline->outcome, ==, CC_IMAGE_FETCH_OFFLINE);
  g_assert_cmpuint (offline->n_total, ==, 0);
  photos = cc_photos_list (store, id);
  g_assert_cmpuint (photos->len, ==, 1);
}

static void
test_deleted_piece_skipped (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *keep = import_piece (store, "KEEP-1", "/wide.jpg", NULL);
  g_autofree char *gone = import_piece (store, "GONE-1", "/tall.jpg", NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_catalogue_delete_product (store, gone, &error));
  g_assert_no_error (error);
  pending = cc_image_fetch_list_pending (store, NULL, 0);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((CcImageFetchEntry *)g_ptr_array_index (pending, 0))->product_id, ==, keep);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Only loopback: no proxy may stand between the test and its server. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("no_proxy", "*", TRUE);
  server_start ();

  g_test_add_func ("/core/image-fetch/attaches-in-order-records-failures", test_attaches_in_order);
  g_test_add_func ("/core/image-fetch/second-run-retries-not-duplicates", test_second_run_retries);
  g_test_add_func ("/core/image-fetch/tries-capped", test_tries_capped);
  g_test_add_func ("/core/image-fetch/cancel-stops", test_cancel_stops);
  g_test_add_func ("/core/image-fetch/offline-keeps-pending", test_offline);
  g_test_add_func ("/core/image-fetch/deleted-piece-skipped", test_deleted_piece_skipped);

  return g_test_run ();
}
