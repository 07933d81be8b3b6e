/* cc-sync-server.c — the sync server's HTTP API over libsoup.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup runs every handler on one thread. A handler checks what it can
 * without storage (route, limits, rate), pauses the message, and hands the
 * storage work to a worker; the worker's answer is set and the message
 * unpaused back on the server's main context.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-hlc.h"
#include "cc-sync-server.h"

#define BLOB_PREFIX "/v1/blobs/"
#define MAX_REQUEST_DEPTH 16
#define LISTEN_BACKLOG 1024
#define BUCKETS_PRUNE_AT 4096
/* A batch is an array of change objects, each value JSON itself
 * (cc-change.c allows values 30 deep). */
#define PUSH_MAX_DEPTH 32

typedef enum
{
  ROUTE_ENROL,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_BLOB_PUT,
  ROUTE_BLOB_GET,
  ROUTE_BLOB_HEAD,
  ROUTE_DEVICES,
  ROUTE_READY,
  N_ROUTES
} Route;

static const char * const route_names[N_ROUTES] = {
  "enrol", "push", "pull", "blob_put", "blob_get", "blob_head", "devices", "ready",
};

typedef struct
{
  double tokens;
  gint64 updated;   /* monotonic µs */
} Bucket;

struct _CcSyncServer
{
  SoupServer          *soup;
  CcSyncStorage       *storage;      /* borrowed */
  CcSyncServerOptions  options;
  GMainContext        *context;
  GThreadPool         *pool;
  GHashTable          *token_buckets;  /* token hash → Bucket */
  GHashTable          *enrol_buckets;  /* address → Bucket */

  /* Metrics, touched on the main context only. */
  GHashTable          *requests;       /* "route status" → count */
  guint64              changes_ingested;
  guint64              changes_pulled;
  guint64              blob_bytes_in;
  guint64              blob_bytes_out;
  guint64              rate_limited;
};

typedef struct
{
  CcSyncServer      *server;
  SoupServerMessage *msg;
  Route              route;
  gint64             started;
  char              *token;
  char              *remote;
  GBytes            *body;
  char              *sha256;
  gint64             after;
  guint              limit;

  /* The answer. */
  guint              status;
  const char        *content_type;
  GBytes            *response;
  char              *shop_id;
  guint64            n_changes;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  g_free (job->token);
  g_free (job->remote);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job->sha256);
  g_clear_pointer (&job->response, g_bytes_unref);
  g_free (job->shop_id);
  g_free (job);
}

void
cc_sync_server_options_init (CcSyncServerOptions *options)
{
  options->token_rate = 50;
  options->token_burst = 200;
  options->enrol_per_minute = 10;
  options->max_body = 4 * 1024 * 1024;
  options->max_clock_ahead_ms = 10 * 60 * 1000;
  options->log_requests = TRUE;
}

/* Answers */

static const char *
error_code_for (guint status)
{
  switch (status)
    {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 410: return "gone";
    case 411: return "length_required";
    case 413: return "too_large";
    case 422: return "unprocessable";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    default: return "internal";
    }
}

static GBytes *
json_error_body (guint        status,
                 const char  *code,
                 const char  *message,
                 GPtrArray   *missing)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code != NULL ? code : error_code_for (status));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (missing != NULL)
    {
      json_builder_set_member_name (builder, "missing_blobs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < missing->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (missing, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static void
job_fail (Job         *job,
          guint        status,
          const char  *code,
          const char  *message)
{
  job->status = status;
  job->content_type = "application/json";
  g_clear_pointer (&job->response, g_bytes_unref);
  job->response = json_error_body (status, code, message, NULL);
}

static void
job_fail_error (Job          *job,
                const GError *error)
{
  guint status = 500;

  if (error->domain == CC_ERROR)
    switch (error->code)
      {
      case CC_ERROR_NOT_FOUND: status = 404; break;
      case CC_ERROR_INVALID_INPUT: status = 422; break;
      case CC_ERROR_CONFLICT: status = 409; break;
      case CC_ERROR_UNAUTHORIZED: status = 401; break;
      default: status = 500; break;
      }
  job_fail (job, status, NULL, status == 500 ? _("The server could not do that just now.") : error->message);
  if (status == 500)
    g_warning ("%s", error->message);
}

static void
job_json (Job        *job,
          guint       status,
          JsonNode   *root)
{
  char *text = json_to_string (root, FALSE);

  job->status = status;
  job->content_type = "application/json";
  job->response = g_bytes_new_take (text, strlen (text));
}

static void
respond_now (CcSyncServer      *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             GBytes            *body)
{
  gsize size = 0;
  gconstpointer data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  soup_server_message_set_status (msg, status, NULL);
  if (content_type != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, size);
}

static void
count_request (CcSyncServer *self,
               const char   *route,
               guint         status)
{
  g_autofree char *key = g_strdup_printf ("%s %u", route, status);
  gpointer count = g_hash_table_lookup (self->requests, key);

  g_hash_table_replace (self->requests, g_steal_pointer (&key), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + 1));
}

static void
log_request (CcSyncServer      *self,
             SoupServerMessage *msg,
             const char        *route,
             guint              status,
             gint64             started,
             const char        *shop_id)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *line = NULL;

  count_request (self, route, status);
  if (!self->options.log_requests)
    return;

  now = g_date_time_new_now_utc ();
  ts = g_date_time_format_iso8601 (now);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ts");
  json_builder_add_string_value (builder, ts);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "route");
  json_builder_add_string_value (builder, route);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "ms");
  json_builder_add_double_value (builder, (g_get_monotonic_time () - started) / 1000.0);
  if (shop_id != NULL)
    {
      json_builder_set_member_name (builder, "shop");
      json_builder_add_string_value (builder, shop_id);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  g_printerr ("%s\n", line);
}

static void
refuse (CcSyncServer      *self,
        SoupServerMessage *msg,
        const char        *route,
        guint              status,
        const char        *message,
        gint64             started)
{
  g_autoptr(GBytes) body = json_error_body (status, NULL, message, NULL);

  respond_now (self, msg, status, "application/json", body);
  log_request (self, msg, route, status, started, NULL);
}

/* A refusal sent before the body is read. libsoup would read the whole
 * announced body before answering, so the connection is taken from it: the
 * answer is written, whatever the client still sends is read and dropped
 * for a moment (closing with unread bytes would reset the connection and
 * could lose the answer), and the connection is closed. */

#define DRAIN_MAX_BYTES (1024 * 1024)
#define DRAIN_MAX_MS 2000

typedef struct
{
  GIOStream    *stream;
  GBytes       *answer;
  GCancellable *cancellable;
  GMainContext *context;
  guint         timeout;
  gsize         drained;
  char          buffer[16 * 1024];
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  if (refusal->timeout != 0)
    {
      GSource *source = g_main_context_find_source_by_id (refusal->context, refusal->timeout);

      if (source != NULL)
        g_source_destroy (source);
    }
  g_main_context_unref (refusal->context);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_object_unref (refusal->stream);
  g_bytes_unref (refusal->answer);
  g_object_unref (refusal->cancellable);
  g_free (refusal);
}

static gboolean
refusal_timeout (gpointer data)
{
  Refusal *refusal = data;

  refusal->timeout = 0;
  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void
refusal_drained (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Refusal *refusal = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (refusal->drained += n) > DRAIN_MAX_BYTES)
    return refusal_free (refusal);
  g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable, refusal_drained, refusal);
}

static void
refusal_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Refusal *refusal = data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    return refusal_free (refusal);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_DEFAULT, refusal->cancellable,
                             refusal_drained, refusal);
}

static void
refuse_unread (CcSyncServer      *self,
               SoupServerMessage *msg,
               const char        *route,
               guint              status,
               const char        *message)
{
  g_autoptr(GBytes) body = json_error_body (status, NULL, message, NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  Refusal *refusal;

  g_string_append_printf (answer, "HTTP/1.1 %u %s\r\n"
                                  "Content-Type: application/json\r\n"
                                  "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                  "Connection: close\r\n\r\n",
                          status, soup_status_get_phrase (status), g_bytes_get_size (body));
  g_string_append_len (answer, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  log_request (self, msg, route, status, g_get_monotonic_time (), NULL);

  refusal = g_new0 (Refusal, 1);
  refusal->stream = soup_server_message_steal_connection (msg);
  refusal->answer = g_string_free_to_bytes (g_steal_pointer (&answer));
  refusal->cancellable = g_cancellable_new ();
  refusal->context = g_main_context_ref (self->context);
  {
    g_autoptr(GSource) source = g_timeout_source_new (DRAIN_MAX_MS);

    g_source_set_callback (source, refusal_timeout, refusal, NULL);
    refusal->timeout = g_source_attach (source, self->context);
  }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   g_bytes_get_data (refusal->answer, NULL), g_bytes_get_size (refusal->answer),
                                   G_PRIORITY_DEFAULT, refusal->cancellable, refusal_written, refusal);
}

/* Rate limits: token buckets, refilled by elapsed time. */

static gboolean
bucket_take (GHashTable  *buckets,
             const char  *key,
             double       rate_per_second,
             double       burst,
             guint       *out_retry_after)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket = g_hash_table_lookup (buckets, key);

  if (bucket == NULL)
    {
      /* Forget buckets that have filled up again, so addresses seen once
       * do not pile up. */
      if (g_hash_table_size (buckets) >= BUCKETS_PRUNE_AT)
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, buckets);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              Bucket *old = value;

              if (old->tokens + (now - old->updated) / (double) G_USEC_PER_SEC * rate_per_second >= burst)
                g_hash_table_iter_remove (&iter);
            }
        }
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = burst;
      bucket->updated = now;
      g_hash_table_insert (buckets, g_strdup (key), bucket);
    }
  bucket->tokens = MIN (burst, bucket->tokens + (now - bucket->updated) / (double) G_USEC_PER_SEC * rate_per_second);
  bucket->updated = now;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  *out_retry_after = (guint) MAX (1.0, (1.0 - bucket->tokens) / rate_per_second + 0.999);
  return FALSE;
}

/* Workers */

static JsonNode *
parse_body (Job     *job,
            guint    max_depth,
            GError **error)
{
  gsize size = 0;
  const char *data = job->body != NULL ? g_bytes_get_data (job->body, &size) : NULL;
  g_autofree char *text = NULL;

  if (data == NULL || size == 0)
    {
      cc_invalid_input (error, _("The request has no body."));
      return NULL;
    }
  text = g_strndup (data, size);
  if (strlen (text) != size)
    {
      cc_invalid_input (error, _("The request body holds a NUL byte."));
      return NULL;
    }
  return cc_json_parse (text, max_depth, error);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
run_enrol (Job *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_body (job, MAX_REQUEST_DEPTH, &error);
  g_autoptr(CcSyncDevice) device = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autofree char *token = NULL;
  const char *code, *device_id, *device_name, *shop_name = "";
  JsonObject *object;

  if (root == NULL)
    return job_fail (job, 400, NULL, error->message);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return job_fail (job, 400, NULL, _("An enrolment is a JSON object."));
  object = json_node_get_object (root);
  code = member_string (object, "code");
  device_id = member_string (object, "device_id");
  device_name = member_string (object, "device_name");
  if (code == NULL || device_id == NULL)
    return job_fail (job, 400, NULL, _("An enrolment needs “code” and “device_id” strings."));

  device = cc_sync_storage_enrol (job->server->storage, code, device_id, device_name, &token, &error);
  if (device == NULL)
    {
      if (g_error_matches (error, CC_ERROR, CC_ERROR_CONFLICT))
        return job_fail (job, 410, NULL, error->message);
      return job_fail_error (job, error);
    }

  shops = cc_sync_storage_list_shops (job->server->storage, NULL);
  for (guint i = 0; shops != NULL && i < shops->len; i++)
    {
      CcSyncShop *shop = g_ptr_array_index (shops, i);

      if (g_strcmp0 (shop->id, device->shop_id) == 0)
        shop_name = shop->name;
    }

  job->shop_id = g_strdup (device->shop_id);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "shop_id");
  json_builder_add_string_value (builder, device->shop_id);
  json_builder_set_member_name (builder, "shop_name");
  json_builder_add_string_value (builder, shop_name);
  json_builder_set_member_name (builder, "device_code");
  json_builder_add_string_value (builder, device->device_code);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  job_json (job, 200, answer);
}

static void
run_push (Job          *job,
          CcSyncDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 now_ms = g_get_real_time () / 1000;
  guint accepted = 0, duplicates = 0;
  gint64 cursor = 0;
  JsonArray *array;
  guint n;

  /* Text that is not JSON (or nests too deep) is a bad request; JSON that
   * is not a batch of valid changes is unprocessable. */
  root = parse_body (job, PUSH_MAX_DEPTH, &error);
  if (root == NULL)
    return job_fail (job, 400, NULL, error->message);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return job_fail (job, 422, NULL, _("A push needs a JSON array of changes."));
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  if (n > CC_SYNC_PUSH_MAX_CHANGES)
    return job_fail (job, 413, NULL, _("A batch may hold at most 1000 changes."));
  changes = g_ptr_array_new_full (n, (GDestroyNotify) cc_change_free);
  for (guint i = 0; i < n; i++)
    {
      CcChange *change = cc_change_from_json (json_array_get_element (array, i), &error);

      if (change == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Change %u of the batch is refused: %s"), i + 1,
                                                      error->message);

          return job_fail (job, 422, NULL, message);
        }
      g_ptr_array_add (changes, change);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      CcChange *change = g_ptr_array_index (changes, i);
      CcHlcStamp stamp;

      if (!cc_change_validate (change, &error))
        return job_fail (job, 422, NULL, error->message);
      if (!cc_hlc_stamp_parse (change->hlc, &stamp, &error))
        return job_fail (job, 422, NULL, error->message);
      if (stamp.wall_ms > now_ms + job->server->options.max_clock_ahead_ms)
        {
          g_autofree char *message =
            g_strdup_printf (_("Change %s is stamped more than ten minutes ahead of the server’s clock: "
                               "set the device’s clock right and sync again."), change->change_id);

          return job_fail (job, 422, "clock_ahead", message);
        }
    }

  if (!cc_sync_storage_push (job->server->storage, device->shop_id, changes,
                             &accepted, &duplicates, &cursor, &missing, &error))
    {
      if (missing != NULL)
        {
          job->status = 409;
          job->content_type = "application/json";
          job->response = json_error_body (409, "missing_blobs", error->message, missing);
          return;
        }
      return job_fail_error (job, error);
    }

  job->n_changes = accepted;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accepted");
  json_builder_add_int_value (builder, accepted);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, duplicates);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, cursor);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  job_json (job, 200, answer);
}

static void
run_pull (Job          *job,
          CcSyncDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GString *out;
  gboolean more = FALSE;
  gint64 cursor = job->after;

  changes = cc_sync_storage_pull (job->server->storage, device->shop_id, job->after, job->limit, &more, &error);
  if (changes == NULL)
    return job_fail_error (job, error);

  /* Stored texts are objects: the sequence number goes in front of their
   * first member, with no parsing. */
  out = g_string_sized_new (256 + changes->len * 256);
  g_string_append (out, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      CcSyncStoredChange *change = g_ptr_array_index (changes, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",", change->seq);
      g_string_append (out, change->json + 1);
      cursor = change->seq;
    }
  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT ",\"more\":%s}", cursor, more ? "true" : "false");

  job->n_changes = changes->len;
  job->status = 200;
  job->content_type = "application/json";
  job->response = g_string_free_to_bytes (out);
}

static void
run_blob_put (Job          *job,
              CcSyncDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actual = NULL;
  gsize size = 0;
  const guchar *data = g_bytes_get_data (job->body, &size);
  gboolean created = FALSE;

  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guchar *) "", size);
  if (g_strcmp0 (actual, job->sha256) != 0)
    return job_fail (job, 422, "hash_mismatch",
                     _("The bytes sent do not match the blob’s name: the upload was damaged or mislabelled."));
  if (!cc_sync_storage_put_blob (job->server->storage, device->shop_id, job->sha256, job->body, &created, &error))
    return job_fail_error (job, error);
  job->n_changes = size;
  job->status = created ? 201 : 200;
  job->content_type = "application/json";
  job->response = g_bytes_new_static ("{}", 2);
}

static void
run_blob_get (Job          *job,
              CcSyncDevice *device,
              gboolean      head)
{
  g_autoptr(GError) error = NULL;

  if (head)
    {
      if (cc_sync_storage_has_blob (job->server->storage, device->shop_id, job->sha256, &error))
        job->status = 200;
      else if (error != NULL)
        job_fail_error (job, error);
      else
        job->status = 404;
      return;
    }

  job->response = cc_sync_storage_get_blob (job->server->storage, device->shop_id, job->sha256, &error);
  if (job->response == NULL)
    return job_fail_error (job, error);
  job->n_changes = g_bytes_get_size (job->response);
  job->status = 200;
  job->content_type = "application/octet-stream";
}

static void
run_devices (Job          *job,
             CcSyncDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = cc_sync_storage_list_devices (job->server->storage, device->shop_id, &error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;

  if (devices == NULL)
    return job_fail_error (job, error);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < devices->len; i++)
    {
      CcSyncDevice *d = g_ptr_array_index (devices, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "device_code");
      json_builder_add_string_value (builder, d->device_code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, d->name);
      json_builder_set_member_name (builder, "enrolled");
      json_builder_add_string_value (builder, d->enrolled);
      json_builder_set_member_name (builder, "last_seen");
      if (d->last_seen != NULL)
        json_builder_add_string_value (builder, d->last_seen);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "revoked");
      json_builder_add_boolean_value (builder, d->revoked);
      json_builder_set_member_name (builder, "you");
      json_builder_add_boolean_value (builder, g_strcmp0 (d->device_id, device->device_id) == 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  job_json (job, 200, answer);
}

static gboolean
job_finish (gpointer data)
{
  Job *job = data;
  CcSyncServer *self = job->server;
  gsize size = 0;
  gconstpointer body = job->response != NULL ? g_bytes_get_data (job->response, &size) : NULL;

  soup_server_message_set_status (job->msg, job->status, NULL);
  if (job->content_type != NULL)
    soup_server_message_set_response (job->msg, job->content_type, SOUP_MEMORY_COPY, body, size);
  if (job->status < 300)
    switch (job->route)
      {
      case ROUTE_PUSH: self->changes_ingested += job->n_changes; break;
      case ROUTE_PULL: self->changes_pulled += job->n_changes; break;
      case ROUTE_BLOB_PUT: self->blob_bytes_in += job->n_changes; break;
      case ROUTE_BLOB_GET: self->blob_bytes_out += job->n_changes; break;
      default: break;
      }
  log_request (self, job->msg, route_names[job->route], job->status, job->started, job->shop_id);
  soup_server_message_unpause (job->msg);
  return G_SOURCE_REMOVE;
}

static void
job_run (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  g_autoptr(CcSyncDevice) device = NULL;
  g_autoptr(GError) error = NULL;

  switch (job->route)
    {
    case ROUTE_READY:
      if (cc_sync_storage_ping (job->server->storage, &error))
        {
          job->status = 200;
          job->content_type = "text/plain";
          job->response = g_bytes_new_static ("ready\n", 6);
        }
      else
        job_fail (job, 503, NULL, _("The server’s database does not answer."));
      break;

    case ROUTE_ENROL:
      run_enrol (job);
      break;

    default:
      device = cc_sync_storage_authenticate (job->server->storage, job->token, &error);
      if (device == NULL)
        {
          job_fail_error (job, error);
          break;
        }
      job->shop_id = g_strdup (device->shop_id);
      switch (job->route)
        {
        case ROUTE_PUSH: run_push (job, device); break;
        case ROUTE_PULL: run_pull (job, device); break;
        case ROUTE_BLOB_PUT: run_blob_put (job, device); break;
        case ROUTE_BLOB_GET: run_blob_get (job, device, FALSE); break;
        case ROUTE_BLOB_HEAD: run_blob_get (job, device, TRUE); break;
        case ROUTE_DEVICES: run_devices (job, device); break;
        default: g_assert_not_reached ();
        }
      break;
    }

  g_main_context_invoke_full (job->server->context, G_PRIORITY_DEFAULT, job_finish, job,
                              (GDestroyNotify) job_free);
}

/* Routing, on libsoup's thread */

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  return g_strstrip (g_strdup (header + 7));
}

/* The client's address for the enrolment limit. Behind a reverse proxy on
 * the same machine every request comes from loopback: then the last
 * address the proxy appended to X-Forwarded-For is the client. */
static char *
client_address (SoupServerMessage *msg)
{
  const char *remote = soup_server_message_get_remote_host (msg);
  GSocketAddress *address = soup_server_message_get_remote_address (msg);
  const char *forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                         "X-Forwarded-For");

  if (forwarded != NULL && G_IS_INET_SOCKET_ADDRESS (address) &&
      g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))))
    {
      const char *last = strrchr (forwarded, ',');
      g_autofree char *client = g_strstrip (g_strdup (last != NULL ? last + 1 : forwarded));

      if (*client != '\0' && strlen (client) <= 64)
        return g_steal_pointer (&client);
    }
  return g_strdup (remote != NULL ? remote : "unknown");
}

static gboolean
route_for (SoupServerMessage *msg,
           const char        *path,
           Route             *out)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/v1/enrol") && g_str_equal (method, "POST"))
    *out = ROUTE_ENROL;
  else if (g_str_equal (path, "/v1/push") && g_str_equal (method, "POST"))
    *out = ROUTE_PUSH;
  else if (g_str_equal (path, "/v1/pull") && g_str_equal (method, "GET"))
    *out = ROUTE_PULL;
  else if (g_str_equal (path, "/v1/devices") && g_str_equal (method, "GET"))
    *out = ROUTE_DEVICES;
  else if (g_str_has_prefix (path, BLOB_PREFIX) && g_str_equal (method, "PUT"))
    *out = ROUTE_BLOB_PUT;
  else if (g_str_has_prefix (path, BLOB_PREFIX) && g_str_equal (method, "GET"))
    *out = ROUTE_BLOB_GET;
  else if (g_str_has_prefix (path, BLOB_PREFIX) && g_str_equal (method, "HEAD"))
    *out = ROUTE_BLOB_HEAD;
  else
    return FALSE;
  return TRUE;
}

/* Runs once the headers are in, before the body is read: an oversized or
 * unannounced body is refused without reading it. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CcSyncServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  goffset length;
  gsize limit;
  Route route;

  if (!g_str_equal (method, "POST") && !g_str_equal (method, "PUT"))
    return;
  if (!route_for (msg, path, &route))
    return;

  limit = route == ROUTE_BLOB_PUT ? CC_SYNC_BLOB_MAX_BYTES : self->options.max_body;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return refuse_unread (self, msg, route_names[route], 411,
                          _("The request must say how long its body is (Content-Length)."));
  length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (guint64) length > limit)
    {
      g_autofree char *message = g_strdup_printf (_("The request body is larger than the limit of %lu bytes."),
                                                  (gulong) limit);

      refuse_unread (self, msg, route_names[route], 413, message);
    }
}

static void
metrics_answer (CcSyncServer      *self,
                SoupServerMessage *msg)
{
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GBytes) body = NULL;

  g_string_append (out, "# HELP craftchain_sync_requests_total Requests answered, by route and status.\n"
                        "# TYPE craftchain_sync_requests_total counter\n");
  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, " ", 2);

      g_string_append_printf (out, "craftchain_sync_requests_total{route=\"%s\",status=\"%s\"} %" G_GSIZE_FORMAT "\n",
                              parts[0], parts[1], GPOINTER_TO_SIZE (value));
    }
  g_string_append_printf (out,
                          "# HELP craftchain_sync_changes_ingested_total Changes stored from pushes.\n"
                          "# TYPE craftchain_sync_changes_ingested_total counter\n"
                          "craftchain_sync_changes_ingested_total %" G_GUINT64_FORMAT "\n"
                          "# HELP craftchain_sync_changes_pulled_total Changes sent in pulls.\n"
                          "# TYPE craftchain_sync_changes_pulled_total counter\n"
                          "craftchain_sync_changes_pulled_total %" G_GUINT64_FORMAT "\n"
                          "# HELP craftchain_sync_blob_bytes_total Blob bytes received and sent.\n"
                          "# TYPE craftchain_sync_blob_bytes_total counter\n"
                          "craftchain_sync_blob_bytes_total{direction=\"in\"} %" G_GUINT64_FORMAT "\n"
                          "craftchain_sync_blob_bytes_total{direction=\"out\"} %" G_GUINT64_FORMAT "\n"
                          "# HELP craftchain_sync_rate_limited_total Requests refused with 429.\n"
                          "# TYPE craftchain_sync_rate_limited_total counter\n"
                          "craftchain_sync_rate_limited_total %" G_GUINT64_FORMAT "\n",
                          self->changes_ingested, self->changes_pulled,
                          self->blob_bytes_in, self->blob_bytes_out, self->rate_limited);
  body = g_string_free_to_bytes (out);
  respond_now (self, msg, 200, "text/plain; version=0.0.4", body);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  CcSyncServer *self = user_data;
  gint64 started = g_get_monotonic_time ();
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *token = NULL;
  guint retry_after = 0;
  Route route;
  Job *job;

  if (g_str_equal (path, "/health"))
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("ok\n", 3);

      respond_now (self, msg, 200, "text/plain", body);
      return;
    }
  if (g_str_equal (path, "/metrics"))
    return metrics_answer (self, msg);

  if (g_str_equal (path, "/ready"))
    route = ROUTE_READY;
  else if (!route_for (msg, path, &route))
    {
      gboolean known = g_str_equal (path, "/v1/enrol") || g_str_equal (path, "/v1/push") ||
                       g_str_equal (path, "/v1/pull") || g_str_equal (path, "/v1/devices") ||
                       g_str_has_prefix (path, BLOB_PREFIX);

      return refuse (self, msg, "unknown", known ? 405 : 404,
                     known ? _("That method is not allowed here.") : _("There is nothing at this address."),
                     started);
    }

  job = g_new0 (Job, 1);
  job->server = self;
  job->msg = g_object_ref (msg);
  job->route = route;
  job->started = started;

  if (route == ROUTE_ENROL)
    {
      job->remote = client_address (msg);
      if (!bucket_take (self->enrol_buckets, job->remote, self->options.enrol_per_minute / 60.0,
                        self->options.enrol_per_minute, &retry_after))
        goto rate_limited;
    }
  else if (route != ROUTE_READY)
    {
      g_autofree char *hash = NULL;

      token = bearer_token (msg);
      if (token == NULL)
        {
          job_free (job);
          return refuse (self, msg, route_names[route], 401,
                         _("This request needs the device’s token (Authorization: Bearer …)."), started);
        }
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
      if (!bucket_take (self->token_buckets, hash, self->options.token_rate, self->options.token_burst,
                        &retry_after))
        goto rate_limited;
      job->token = g_steal_pointer (&token);
    }

  if (route == ROUTE_BLOB_PUT || route == ROUTE_BLOB_GET || route == ROUTE_BLOB_HEAD)
    {
      const char *name = path + strlen (BLOB_PREFIX);

      if (!is_sha256 (name))
        {
          job_free (job);
          return refuse (self, msg, route_names[route], 400,
                         _("A blob is named by its SHA-256 in 64 lower-case hex digits."), started);
        }
      job->sha256 = g_strdup (name);
    }

  if (route == ROUTE_PULL)
    {
      const char *after = query != NULL ? g_hash_table_lookup (query, "after") : NULL;
      const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
      guint64 value = 0;

      if (after != NULL && !g_ascii_string_to_unsigned (after, 10, 0, G_MAXINT64, &value, NULL))
        {
          job_free (job);
          return refuse (self, msg, "pull", 400, _("“after” must be a sequence number."), started);
        }
      job->after = (gint64) value;
      value = 1000;
      if (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, CC_SYNC_PULL_MAX_CHANGES, &value, NULL))
        {
          job_free (job);
          return refuse (self, msg, "pull", 400, _("“limit” must be a number from 1 to 5000."), started);
        }
      job->limit = (guint) value;
    }

  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT"))
    job->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  soup_server_message_pause (msg);
  g_thread_pool_push (self->pool, job, NULL);
  return;

rate_limited:
  {
    g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

    self->rate_limited++;
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
    job_free (job);
    refuse (self, msg, route_names[route], 429, _("Too many requests: wait a moment and try again."), started);
  }
}

CcSyncServer *
cc_sync_server_new (CcSyncStorage             *storage,
                    const CcSyncServerOptions *options)
{
  CcSyncServer *self;

  g_return_val_if_fail (storage != NULL, NULL);

  self = g_new0 (CcSyncServer, 1);
  self->storage = storage;
  if (options != NULL)
    self->options = *options;
  else
    cc_sync_server_options_init (&self->options);
  self->context = g_main_context_ref_thread_default ();
  self->pool = g_thread_pool_new (job_run, self, 8, FALSE, NULL);
  self->token_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->enrol_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->soup = soup_server_new ("server-header", "craftchain-sync ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  return self;
}

static gboolean
is_loopback (GInetAddress *address)
{
  return g_inet_address_get_is_loopback (address);
}

gboolean
cc_sync_server_listen (CcSyncServer  *self,
                       const char    *address,
                       const char    *tls_cert_file,
                       const char    *tls_key_file,
                       GError       **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GSocket) listener = NULL;
  SoupServerListenOptions listen_options = 0;
  GInetAddress *inet;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  connectable = g_network_address_parse (address, 0, &local_error);
  if (connectable == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("“%s” is not an address to listen on (HOST:PORT): %s"),
                   address, local_error->message);
      return FALSE;
    }
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, &local_error);
  if (socket_address == NULL || !G_IS_INET_SOCKET_ADDRESS (socket_address))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("“%s” is not an address to listen on (HOST:PORT)."),
                   address);
      return FALSE;
    }
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address));

  if (tls_cert_file != NULL || tls_key_file != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      if (tls_cert_file == NULL || tls_key_file == NULL)
        return cc_invalid_input (error, _("TLS needs both a certificate and its key."));
      certificate = g_tls_certificate_new_from_files (tls_cert_file, tls_key_file, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("Could not read the TLS certificate: %s"),
                       local_error->message);
          return FALSE;
        }
      soup_server_set_tls_certificate (self->soup, certificate);
      listen_options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  else if (!is_loopback (inet))
    return cc_invalid_input (error, _("Off loopback the server speaks only TLS: give --tls-cert and --tls-key, "
                                      "or listen on 127.0.0.1 behind a reverse proxy."));

  /* Our own socket: GSocket's default backlog (10) resets connections
   * when a shop's devices all reconnect at once. */
  listener = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &local_error);
  if (listener != NULL)
    {
      g_socket_set_listen_backlog (listener, LISTEN_BACKLOG);
      if (!g_socket_bind (listener, socket_address, TRUE, &local_error) ||
          !g_socket_listen (listener, &local_error))
        g_clear_object (&listener);
    }
  if (listener == NULL || !soup_server_listen_socket (self->soup, listener, listen_options, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not listen on %s: %s"), address, local_error->message);
      return FALSE;
    }
  return TRUE;
}

guint
cc_sync_server_get_port (CcSyncServer *self)
{
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (self != NULL, 0);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

void
cc_sync_server_free (CcSyncServer *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->soup);
  /* Let running jobs finish; their answers go nowhere. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_object_unref (self->soup);
  g_hash_table_unref (self->token_buckets);
  g_hash_table_unref (self->enrol_buckets);
  g_hash_table_unref (self->requests);
  g_main_context_unref (self->context);
  g_free (self);
}
