/* cc-image-fetch.c — imported image addresses fetched into the photo store, in the background.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cc-image-fetch.h"
#include "cc-import.h"
#include "cc-photos.h"

/* How the work is split: the store belongs to the calling thread, so the
 * worker only downloads and checks bytes (cc_photos_store_file is
 * thread-safe and touches no database). Every result is sent back to the
 * caller's main context as an idle of default priority; idles of one
 * priority run in the order they were added, so photos are attached in
 * address order and the final report comes after the last result. */

#define DEFAULT_CONNECT_TIMEOUT_MS (20 * 1000)
#define DEFAULT_TIMEOUT_MS (5 * 60 * 1000)

void
cc_image_fetch_entry_free (CcImageFetchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->product_id);
  g_free (entry->url);
  g_free (entry->reason);
  g_free (entry);
}

void
cc_image_fetch_report_free (CcImageFetchReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->failures, g_ptr_array_unref);
  g_free (report);
}

static CcImageFetchEntry *
entry_new (const char *product_id,
           const char *url,
           const char *reason,
           guint       tries,
           guint       max_tries)
{
  CcImageFetchEntry *entry = g_new0 (CcImageFetchEntry, 1);

  entry->product_id = g_strdup (product_id);
  entry->url = g_strdup (url);
  entry->reason = g_strdup (reason ? reason : "");
  entry->tries = tries;
  entry->given_up = reason != NULL && *reason != '\0' && tries >= max_tries;
  return entry;
}

/* Pending and failed addresses */

typedef struct
{
  char  *state;
  char  *reason;
  guint  tries;
} FetchRow;

static void
fetch_row_free (FetchRow *row)
{
  g_free (row->state);
  g_free (row->reason);
  g_free (row);
}

/* url → FetchRow of one product. */
static GHashTable *
load_fetch_rows (CcStore    *store,
                 const char *product_id)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)fetch_row_free);
  sqlite3_stmt *stmt;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT url, state, reason, tries FROM image_fetches WHERE product_id = ?",
                                  NULL);
  if (stmt == NULL)
    return rows;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      FetchRow *row = g_new0 (FetchRow, 1);

      row->state = cc_sqlite_column_dup (stmt, 1);
      row->reason = cc_sqlite_column_dup (stmt, 2);
      row->tries = (guint)sqlite3_column_int (stmt, 3);
      g_hash_table_insert (rows, cc_sqlite_column_dup (stmt, 0), row);
    }
  sqlite3_reset (stmt);
  return rows;
}

/* Live products with imported addresses, oldest first (ids are UUIDv7). */
static GPtrArray *
list_products_with_urls (CcStore    *store,
                         const char *product_id)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT u.id FROM product_image_urls u "
                                  "JOIN products p ON p.id = u.id AND p.deleted = 0 "
                                  "WHERE u.urls != '' AND (?1 IS NULL OR u.id = ?1) ORDER BY u.id",
                                  NULL);
  if (stmt == NULL)
    return ids;
  if (product_id != NULL)
    sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  return ids;
}

GPtrArray *
cc_image_fetch_list_pending (CcStore    *store,
                             const char *product_id,
                             guint       max_tries)
{
  g_autoptr(GPtrArray) ids = NULL;
  GPtrArray *pending;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  if (max_tries == 0)
    max_tries = CC_IMAGE_FETCH_MAX_TRIES;
  pending = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_image_fetch_entry_free);
  ids = list_products_with_urls (store, product_id);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_auto(GStrv) urls = cc_import_dup_image_urls (store, id);
      g_autoptr(GHashTable) rows = load_fetch_rows (store, id);

      for (guint u = 0; urls[u] != NULL; u++)
        {
          FetchRow *row = g_hash_table_lookup (rows, urls[u]);

          if (row == NULL)
            g_ptr_array_add (pending, entry_new (id, urls[u], NULL, 0, max_tries));
          else if (g_strcmp0 (row->state, "done") != 0 && row->tries < max_tries)
            g_ptr_array_add (pending, entry_new (id, urls[u], row->reason, row->tries, max_tries));
        }
    }
  return pending;
}

GPtrArray *
cc_image_fetch_list_failed (CcStore    *store,
                            const char *product_id)
{
  g_autoptr(GPtrArray) ids = NULL;
  GPtrArray *failed;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  failed = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_image_fetch_entry_free);
  ids = list_products_with_urls (store, product_id);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_auto(GStrv) urls = cc_import_dup_image_urls (store, id);
      g_autoptr(GHashTable) rows = load_fetch_rows (store, id);

      for (guint u = 0; urls[u] != NULL; u++)
        {
          FetchRow *row = g_hash_table_lookup (rows, urls[u]);

          if (row != NULL && g_strcmp0 (row->state, "failed") == 0)
            g_ptr_array_add (failed, entry_new (id, urls[u], row->reason, row->tries,
                                                CC_IMAGE_FETCH_MAX_TRIES));
        }
    }
  return failed;
}

/* A run */

typedef struct
{
  /* Set on the calling thread before the worker starts; read-only after. */
  GPtrArray                 *jobs;         /* CcImageFetchEntry* */
  char                      *data_dir;
  gsize                      max_bytes;
  guint                      connect_timeout_ms;
  guint                      timeout_ms;
  guint                      max_tries;
  GMainContext              *context;
  GCancellable              *cancellable;  /* the caller's, may be NULL */
  CcImageFetchProgressFunc   progress;
  gpointer                   progress_data;
  GDestroyNotify             progress_destroy;

  /* Set by the calling thread when recording failed: the worker stops. */
  gint                       stop;

  /* Calling thread only. */
  GTask                     *task;         /* until returned */
  CcStore                   *store;
  CcImageFetchReport        *report;
  GError                    *error;        /* a failed database write */
} FetchRun;

static void
fetch_run_clear (FetchRun *run)
{
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->data_dir, g_free);
  g_clear_pointer (&run->context, g_main_context_unref);
  g_clear_object (&run->cancellable);
  if (run->progress_destroy != NULL)
    run->progress_destroy (run->progress_data);
  g_clear_object (&run->task);
  g_clear_object (&run->store);
  g_clear_pointer (&run->report, cc_image_fetch_report_free);
  g_clear_error (&run->error);
}

static FetchRun *
fetch_run_ref (FetchRun *run)
{
  return g_atomic_rc_box_acquire (run);
}

static void
fetch_run_unref (FetchRun *run)
{
  g_atomic_rc_box_release_full (run, (GDestroyNotify)fetch_run_clear);
}

static gboolean
fetch_run_should_stop (FetchRun *run)
{
  return g_cancellable_is_cancelled (run->cancellable) || g_atomic_int_get (&run->stop);
}

/* Messages from the worker, handled on the calling thread. */

typedef enum
{
  MESSAGE_PROGRESS,
  MESSAGE_RESULT,
  MESSAGE_FINISHED,
} MessageKind;

typedef struct
{
  MessageKind  kind;
  FetchRun    *run;
  guint        index;      /* the job */
  /* MESSAGE_RESULT: a stored blob, or a reason */
  char        *sha256;
  int          width;
  int          height;
  char        *reason;
  /* MESSAGE_FINISHED */
  gboolean     cancelled;
} Message;

static void
message_free (Message *message)
{
  fetch_run_unref (message->run);
  g_free (message->sha256);
  g_free (message->reason);
  g_free (message);
}

static gboolean record_fetch (CcStore     *store,
                              const char  *product_id,
                              const char  *url,
                              const char  *reason,
                              GError     **error);

static void
handle_result (FetchRun *run,
               Message  *message)
{
  CcImageFetchEntry *job = g_ptr_array_index (run->jobs, message->index);
  g_autofree char *reason = g_strdup (message->reason);
  g_autoptr(GError) error = NULL;

  if (run->error != NULL)
    return;

  if (message->sha256 != NULL)
    {
      g_autofree char *photo_id = cc_photos_attach (run->store, job->product_id, message->sha256,
                                                    message->width, message->height, &error);

      /* Already on the piece (fetched before the result was recorded, or
       * the same picture under two addresses): done, not duplicated. */
      if (photo_id == NULL && !g_error_matches (error, CC_ERROR, CC_ERROR_CONFLICT))
        reason = g_strdup (error->message);
      g_clear_error (&error);
    }

  if (!record_fetch (run->store, job->product_id, job->url, reason, &error))
    {
      run->error = g_steal_pointer (&error);
      g_atomic_int_set (&run->stop, TRUE);
      return;
    }

  if (reason == NULL)
    run->report->n_attached++;
  else
    {
      run->report->n_failed++;
      g_ptr_array_add (run->report->failures,
                       entry_new (job->product_id, job->url, reason, job->tries + 1, run->max_tries));
    }
}

static gboolean
dispatch_message (gpointer data)
{
  Message *message = data;
  FetchRun *run = message->run;

  switch (message->kind)
    {
    case MESSAGE_PROGRESS:
      if (run->progress != NULL && run->error == NULL)
        {
          const char *url = NULL;

          if (message->index < run->jobs->len)
            url = ((CcImageFetchEntry *)g_ptr_array_index (run->jobs, message->index))->url;
          run->progress (message->index, run->jobs->len, url, run->progress_data);
        }
      break;

    case MESSAGE_RESULT:
      handle_result (run, message);
      break;

    case MESSAGE_FINISHED:
      {
        g_autoptr(GTask) task = g_steal_pointer (&run->task);

        if (run->error != NULL)
          {
            g_task_return_error (task, g_steal_pointer (&run->error));
            break;
          }
        run->report->n_left = run->report->n_total - run->report->n_attached - run->report->n_failed;
        if (message->cancelled && run->report->n_left > 0)
          run->report->outcome = CC_IMAGE_FETCH_CANCELLED;
        g_task_return_pointer (task, g_steal_pointer (&run->report),
                               (GDestroyNotify)cc_image_fetch_report_free);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static void
post (FetchRun *run,
      Message  *message)
{
  message->run = fetch_run_ref (run);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, dispatch_message, message,
                              (GDestroyNotify)message_free);
}

/* Downloading (worker thread) */

typedef struct
{
  FetchRun  *run;
  FILE      *file;
  gsize      received;
  gboolean   too_large;
  gboolean   write_failed;
} Download;

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  Download *download = user_data;
  gsize len = size * n;

  /* Servers may send no length, or lie about it: count what arrives. */
  if (download->received + len > download->run->max_bytes)
    {
      download->too_large = TRUE;
      return 0;
    }
  if (fwrite (data, 1, len, download->file) != len)
    {
      download->write_failed = TRUE;
      return 0;
    }
  download->received += len;
  return len;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Download *download = user_data;

  return fetch_run_should_stop (download->run) ? 1 : 0;
}

static char *
dup_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_strdup (g_uri_get_host (uri));
}

static gboolean
is_loopback_url (const char *url)
{
  g_autofree char *host = dup_host (url);
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A file name for the temporary copy, from the address, so a message
 * about the bytes names something the person recognises. */
static char *
dup_file_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *base = NULL;
  GString *name;

  if (uri != NULL)
    base = g_path_get_basename (g_uri_get_path (uri));
  if (base == NULL || *base == '\0' || strcmp (base, "/") == 0 || strcmp (base, ".") == 0)
    return g_strdup ("image");

  name = g_string_new (NULL);
  for (const char *p = base; *p != '\0' && name->len < 80; p++)
    g_string_append_c (name, (g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_') ? *p : '_');
  if (name->str[0] == '.')
    g_string_prepend_c (name, '_');
  return g_string_free (name, FALSE);
}

/* The reason a transfer failed, for people. */
static char *
describe_curl_failure (CURLcode    code,
                       CURL       *curl,
                       const char *url,
                       Download   *download,
                       const char *detail)
{
  long status = 0;

  if (download->too_large || code == CURLE_FILESIZE_EXCEEDED)
    {
      g_autofree char *limit = g_format_size (download->run->max_bytes);

      return g_strdup_printf (_("The image is larger than %s, the most CraftChain fetches"), limit);
    }
  if (download->write_failed)
    return g_strdup_printf (_("Could not save the download: %s"), g_strerror (errno));

  switch (code)
    {
    case CURLE_HTTP_RETURNED_ERROR:
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
      if (status == 404 || status == 410)
        return g_strdup_printf (_("The server has no image at this address (HTTP %ld)"), status);
      if (status == 401 || status == 403)
        return g_strdup_printf (_("The server refused to give the image (HTTP %ld)"), status);
      return g_strdup_printf (_("The server answered with an error (HTTP %ld)"), status);

    case CURLE_OPERATION_TIMEDOUT:
      return g_strdup (_("The server took too long to send the image"));

    case CURLE_COULDNT_RESOLVE_HOST:
      {
        g_autofree char *host = dup_host (url);

        return g_strdup_printf (_("Could not find the server “%s”: check the address and the network"),
                                host ? host : url);
      }

    case CURLE_COULDNT_CONNECT:
      return g_strdup (_("Could not connect to the server"));

    case CURLE_UNSUPPORTED_PROTOCOL:
      return g_strdup (_("Only http and https addresses are fetched"));

    case CURLE_TOO_MANY_REDIRECTS:
      return g_strdup (_("The server sent the download round too many redirections"));

    default:
      return g_strdup_printf (_("The download failed: %s"),
                              detail != NULL && *detail != '\0' ? detail : curl_easy_strerror (code));
    }
}

static gboolean
is_web_url (const char *url)
{
  return g_ascii_strncasecmp (url, "http://", 7) == 0 || g_ascii_strncasecmp (url, "https://", 8) == 0;
}

/* Downloads one address and stores its bytes. Returns FALSE when
 * cancelled; otherwise fills the message with a blob or a reason. */
static gboolean
fetch_one (FetchRun   *run,
           CURL       *curl,
           const char *url,
           Message    *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  char detail[CURL_ERROR_SIZE] = "";
  Download download = { run, NULL, 0, FALSE, FALSE };
  CURLcode code;
  gboolean cancelled = FALSE;

  if (!is_web_url (url))
    {
      message->reason = g_strdup (_("Only http and https addresses are fetched"));
      return TRUE;
    }

  dir = g_dir_make_tmp ("craftchain-fetch-XXXXXX", &error);
  if (dir == NULL)
    {
      message->reason = g_strdup_printf (_("Could not save the download: %s"), error->message);
      return TRUE;
    }
  name = dup_file_name (url);
  path = g_build_filename (dir, name, NULL);
  download.file = g_fopen (path, "wb");
  if (download.file == NULL)
    {
      message->reason = g_strdup_printf (_("Could not save the download: %s"), g_strerror (errno));
      g_rmdir (dir);
      return TRUE;
    }

  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, (long)run->connect_timeout_ms);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long)run->timeout_ms);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)run->max_bytes);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "CraftChain/" PACKAGE_VERSION);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &download);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &download);

  code = curl_easy_perform (curl);
  if (fclose (download.file) != 0 && code == CURLE_OK)
    download.write_failed = TRUE;

  if (code == CURLE_ABORTED_BY_CALLBACK && fetch_run_should_stop (run))
    cancelled = TRUE;
  else if (code != CURLE_OK || download.write_failed)
    message->reason = describe_curl_failure (code, curl, url, &download, detail);
  else
    {
      message->sha256 = cc_photos_store_file (run->data_dir, path, &message->width, &message->height, &error);
      if (message->sha256 == NULL)
        message->reason = g_strdup (error->message);
    }

  g_unlink (path);
  g_rmdir (dir);
  return !cancelled;
}

static gpointer
fetch_thread (gpointer data)
{
  FetchRun *run = data;
  CURL *curl = curl_easy_init ();
  gboolean cancelled = FALSE;
  Message *finished;

  for (guint i = 0; i < run->jobs->len; i++)
    {
      CcImageFetchEntry *job = g_ptr_array_index (run->jobs, i);
      Message *progress, *result;

      if (fetch_run_should_stop (run))
        {
          cancelled = TRUE;
          break;
        }

      progress = g_new0 (Message, 1);
      progress->kind = MESSAGE_PROGRESS;
      progress->index = i;
      post (run, progress);

      result = g_new0 (Message, 1);
      result->kind = MESSAGE_RESULT;
      result->index = i;
      if (curl == NULL)
        result->reason = g_strdup (_("Could not start a download"));
      else if (!fetch_one (run, curl, job->url, result))
        {
          /* Not a try: the address stays as it was. */
          g_free (result->sha256);
          g_free (result->reason);
          g_free (result);
          cancelled = TRUE;
          break;
        }
      post (run, result);
    }

  if (!cancelled)
    {
      Message *progress = g_new0 (Message, 1);

      progress->kind = MESSAGE_PROGRESS;
      progress->index = run->jobs->len;
      post (run, progress);
    }

  g_clear_pointer (&curl, curl_easy_cleanup);

  /* The worker's reference goes with the last message, so the run (its
   * store, the progress data) is always released on the calling thread. */
  finished = g_new0 (Message, 1);
  finished->kind = MESSAGE_FINISHED;
  finished->cancelled = cancelled;
  finished->run = run;
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, dispatch_message, finished,
                              (GDestroyNotify)message_free);
  return NULL;
}

/* Recording (calling thread) */

static gboolean
record_fetch (CcStore     *store,
              const char  *product_id,
              const char  *url,
              const char  *reason,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!cc_store_exec (store,
                      "INSERT INTO image_fetches (url, product_id, state, reason, tries, last_try) "
                      "VALUES (?1, ?2, ?3, ?4, 1, ?5) "
                      "ON CONFLICT (product_id, url) DO UPDATE SET state = excluded.state, "
                      "reason = excluded.reason, tries = tries + 1, last_try = excluded.last_try",
                      error, 5, url, product_id, reason == NULL ? "done" : "failed",
                      reason == NULL ? "" : reason, when))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

/* Starting */

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

void
cc_image_fetch_async (CcStore                   *store,
                      const char                *product_id,
                      const CcImageFetchOptions *options,
                      CcImageFetchProgressFunc   progress,
                      gpointer                   progress_data,
                      GDestroyNotify             progress_destroy,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  static GOnce curl_once = G_ONCE_INIT;
  static const CcImageFetchOptions defaults = { 0 };
  g_autoptr(GPtrArray) pending = NULL;
  GNetworkMonitor *monitor;
  gboolean online;
  FetchRun *run;
  GThread *thread;

  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (options == NULL)
    options = &defaults;

  g_once (&curl_once, init_curl, NULL);

  run = g_atomic_rc_box_new0 (FetchRun);
  run->data_dir = g_strdup (cc_store_get_data_dir (store));
  run->max_bytes = options->max_bytes ? options->max_bytes : CC_IMAGE_FETCH_MAX_BYTES;
  run->connect_timeout_ms = options->connect_timeout_ms ? options->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS;
  run->timeout_ms = options->timeout_ms ? options->timeout_ms : DEFAULT_TIMEOUT_MS;
  run->max_tries = options->max_tries ? options->max_tries : CC_IMAGE_FETCH_MAX_TRIES;
  run->context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_destroy = progress_destroy;
  run->store = g_object_ref (store);
  run->report = g_new0 (CcImageFetchReport, 1);
  run->report->outcome = CC_IMAGE_FETCH_FINISHED;
  run->report->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_image_fetch_entry_free);
  run->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_image_fetch_entry_free);

  run->task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, cc_image_fetch_async);
  /* A cancelled run still reports what it attached. */
  g_task_set_check_cancellable (run->task, FALSE);

  /* Offline, only loopback addresses are tried; the others wait for a
   * later run and lose nothing (no try is counted). */
  monitor = options->network_monitor ? options->network_monitor : g_network_monitor_get_default ();
  online = g_network_monitor_get_network_available (monitor);
  pending = cc_image_fetch_list_pending (store, product_id, run->max_tries);
  for (guint i = 0; i < pending->len; i++)
    {
      CcImageFetchEntry *entry = g_ptr_array_index (pending, i);

      if (online || is_loopback_url (entry->url))
        g_ptr_array_add (run->jobs, g_steal_pointer (&pending->pdata[i]));
    }
  run->report->n_total = run->jobs->len;
  if (run->jobs->len < pending->len)
    run->report->outcome = CC_IMAGE_FETCH_OFFLINE;

  thread = g_thread_try_new ("cc-image-fetch", fetch_thread, fetch_run_ref (run), NULL);
  if (thread == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&run->task);

      fetch_run_unref (run);   /* the worker's */
      g_task_return_new_error (task, CC_ERROR, CC_ERROR_FAILED, _("Could not start fetching images"));
    }
  else
    g_thread_unref (thread);
  fetch_run_unref (run);
}

CcImageFetchReport *
cc_image_fetch_finish (CcStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_image_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
