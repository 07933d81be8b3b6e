/* cc-sync-client.c — one sync round with craftchain-sync, blocking, on one store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order matters for "nothing lost, nothing twice": blobs go up before
 * the changes naming them; outbox rows are removed only after the server's
 * 200 for the push that carried them (a lost answer means the same changes
 * are pushed again, and the server counts them as duplicates); each pulled
 * page is applied together with its cursor in one transaction, so a crash
 * between pages resumes after the last page applied; blobs named by pulled
 * changes are remembered in meta in that same transaction and fetched
 * afterwards, so a crash before the download does not forget them.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cc-photos.h"
#include "cc-sync-client.h"

/* Deeper than any valid pull answer: object → array → change → value. */
#define ANSWER_MAX_DEPTH 40
/* The server takes at most 4 MiB per push; leave room for the framing. */
#define PUSH_MAX_BYTES (3 * 1024 * 1024 + 512 * 1024)
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

typedef struct
{
  CcStore       *store;
  SoupSession   *session;
  char          *base_url;
  char          *token;
  GCancellable  *cancellable;
  gint64         retry_after_s;
} Round;

static void
round_clear (Round *round)
{
  g_clear_object (&round->session);
  g_clear_pointer (&round->base_url, g_free);
  g_clear_pointer (&round->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Round, round_clear)

static SoupSession *
make_session (void)
{
  return soup_session_new_with_options ("timeout", 60,
                                        "idle-timeout", 60,
                                        "user-agent", "craftchain/" PACKAGE_VERSION " ",
                                        NULL);
}

gboolean
cc_sync_is_enrolled (CcStore *store)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);

  url = cc_store_dup_meta (store, CC_SYNC_META_URL);
  token = cc_store_dup_meta (store, CC_SYNC_META_TOKEN);
  return url != NULL && *url != '\0' && token != NULL && *token != '\0';
}

/* Requests */

static SoupMessage *
new_message (Round      *round,
             const char *method,
             const char *path)
{
  g_autofree char *url = g_strconcat (round->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  if (msg != NULL && round->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", round->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  return msg;
}

/* The server's words from an error body, if it sent any. */
static char *
dup_server_message (GBytes *body)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (data == NULL || size == 0)
    return NULL;
  text = g_strndup (data, size);
  root = cc_json_parse (text, 8, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  node = json_object_get_member (json_node_get_object (root), "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  node = json_object_get_member (object, "message");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* Turns an answer that is not a success into a CC_ERROR a person can act
 * on. */
static void
set_http_error (Round        *round,
                SoupMessage  *msg,
                GBytes       *body,
                GError      **error)
{
  guint status = soup_message_get_status (msg);
  g_autofree char *said = dup_server_message (body);
  const char *reason = said != NULL ? said : soup_message_get_reason_phrase (msg);

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED,
                           _("This device was revoked or the shop was reset: enrol again"));
      return;
    case STATUS_TOO_MANY_REQUESTS:
      {
        const char *after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                          "Retry-After");
        guint64 seconds = 0;

        if (after == NULL || !g_ascii_string_to_unsigned (after, 10, 0, 24 * 3600, &seconds, NULL))
          seconds = 1;
        round->retry_after_s = (gint64)seconds;
        g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                     ngettext ("The sync server is busy: trying again in %d second",
                               "The sync server is busy: trying again in %d seconds",
                               (gulong)seconds),
                     (int)seconds);
        return;
      }
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      g_set_error (error, CC_ERROR, CC_ERROR_OFFLINE,
                   _("The sync server is not answering (%s)"), reason);
      return;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("The sync server does not know this (%s): is the address right?"), reason);
      return;
    case SOUP_STATUS_CONFLICT:
    case SOUP_STATUS_GONE:
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT, _("The sync server refused: %s"), reason);
      return;
    default:
      if (status >= 400 && status < 500)
        g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("The sync server refused: %s"), reason);
      else
        g_set_error (error, CC_ERROR, CC_ERROR_FAILED, _("The sync server failed (%u %s)"), status, reason);
    }
}

/* Sends and reads the whole answer. A transport failure is
 * CC_ERROR_OFFLINE (cancellation stays G_IO_ERROR_CANCELLED); the status
 * is left to the caller. */
static GBytes *
send_message (Round        *round,
              SoupMessage  *msg,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *body;

  body = soup_session_send_and_read (round->session, msg, round->cancellable, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CC_ERROR, CC_ERROR_OFFLINE,
                     _("The sync server at %s cannot be reached: %s"),
                     round->base_url, local_error->message);
    }
  return body;
}

static JsonNode *
parse_answer (GBytes  *body,
              GError **error)
{
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  text = g_strndup (data != NULL ? data : "", size);
  root = text[0] != '\0' && strlen (text) == size ? cc_json_parse (text, ANSWER_MAX_DEPTH, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                           _("The sync server sent an answer that makes no sense: is the address right?"));
      return NULL;
    }
  return root;
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
object_int (JsonObject *object,
            const char *name,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* Enrolment */

static char *
normalize_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = g_strstrip (g_strdup (url));
  gsize len;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a sync server address: give one like https://sync.example.org"), url);
      return NULL;
    }
  len = strlen (text);
  while (len > 0 && text[len - 1] == '/')
    text[--len] = '\0';
  return g_steal_pointer (&text);
}

gboolean
cc_sync_enrol (CcStore       *store,
               const char    *url,
               const char    *code,
               const char    *device_name,
               GCancellable  *cancellable,
               GError       **error)
{
  g_auto(Round) round = { 0 };
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request_bytes = NULL;
  g_autofree char *request_text = NULL;
  g_autofree char *trimmed_code = NULL;
  g_auto(GStrv) sent = NULL;
  g_autofree char *previous_shop = NULL;
  const char *shop_id, *shop_name, *device_code, *token;
  JsonObject *object;
  gsize request_len;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL && code != NULL, FALSE);

  round.store = store;
  round.cancellable = cancellable;
  round.base_url = normalize_url (url, error);
  if (round.base_url == NULL)
    return FALSE;
  trimmed_code = g_strstrip (g_strdup (code));
  if (*trimmed_code == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The enrolment code is empty: ask the server’s keeper for one"));
      return FALSE;
    }
  if (device_name == NULL || *device_name == '\0')
    device_name = g_get_host_name ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, trimmed_code);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, cc_store_get_device_id (store));
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  request_text = json_to_string (request, FALSE);
  request_len = strlen (request_text);
  request_bytes = g_bytes_new_take (g_steal_pointer (&request_text), request_len);

  round.session = make_session ();
  msg = new_message (&round, "POST", "/v1/enrol");
  if (msg == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a sync server address: give one like https://sync.example.org"), url);
      return FALSE;
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", request_bytes);
  body = send_message (&round, msg, error);
  if (body == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_autofree char *said = dup_server_message (body);

      if (soup_message_get_status (msg) == SOUP_STATUS_GONE)
        g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                             said != NULL ? said
                                          : _("This enrolment code was used already or has expired: ask for a new one"));
      else if (said != NULL && soup_message_get_status (msg) != STATUS_TOO_MANY_REQUESTS)
        g_set_error (error, CC_ERROR,
                     soup_message_get_status (msg) < 500 ? CC_ERROR_INVALID_INPUT : CC_ERROR_FAILED,
                     _("The sync server refused the enrolment: %s"), said);
      else
        set_http_error (&round, msg, body, error);
      return FALSE;
    }

  answer = parse_answer (body, error);
  if (answer == NULL)
    return FALSE;
  object = json_node_get_object (answer);
  shop_id = object_string (object, "shop_id");
  shop_name = object_string (object, "shop_name");
  device_code = object_string (object, "device_code");
  token = object_string (object, "token");
  if (shop_id == NULL || *shop_id == '\0' || device_code == NULL || *device_code == '\0' ||
      token == NULL || *token == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                           _("The sync server sent an answer that makes no sense: is the address right?"));
      return FALSE;
    }

  /* A new shop, or the same one again: either way pull from the start
   * (changes already here are skipped as seen). A device moving to
   * another shop (the server was reset) brings the whole shop along. */
  previous_shop = cc_store_dup_meta (store, CC_SYNC_META_SHOP_ID);
  if (!cc_store_begin (store, error))
    return FALSE;
  if (previous_shop != NULL && g_strcmp0 (previous_shop, shop_id) != 0 &&
      !cc_store_outbox_requeue_all (store, error))
    goto failed;
  if (!cc_store_set_meta (store, CC_SYNC_META_URL, round.base_url, error) ||
      !cc_store_set_meta (store, CC_SYNC_META_TOKEN, token, error) ||
      !cc_store_set_meta (store, CC_SYNC_META_SHOP_ID, shop_id, error) ||
      !cc_store_set_meta (store, CC_SYNC_META_SHOP_NAME, shop_name != NULL ? shop_name : "", error) ||
      !cc_store_set_meta (store, CC_SYNC_META_DEVICE_CODE, device_code, error) ||
      !cc_store_set_meta (store, CC_SYNC_META_CURSOR, "0", error) ||
      !cc_store_set_meta (store, CC_SYNC_META_LAST_ERROR, NULL, error))
    goto failed;
  /* What an earlier server had says nothing about this one. */
  sent = cc_store_dup_meta_keys (store, CC_SYNC_META_SENT_BLOB);
  for (guint i = 0; sent[i] != NULL; i++)
    if (!cc_store_set_meta (store, sent[i], NULL, error))
      goto failed;
  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}

/* Blobs */

static gboolean
blob_on_server (Round       *round,
                const char  *sha256,
                gboolean    *out_present,
                GError     **error)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha256, NULL);
  g_autoptr(SoupMessage) msg = new_message (round, "HEAD", path);
  g_autoptr(GBytes) body = send_message (round, msg, error);

  if (body == NULL)
    return FALSE;
  if (soup_message_get_status (msg) == SOUP_STATUS_OK)
    *out_present = TRUE;
  else if (soup_message_get_status (msg) == SOUP_STATUS_NOT_FOUND)
    *out_present = FALSE;
  else
    {
      set_http_error (round, msg, body, error);
      return FALSE;
    }
  return TRUE;
}

/* Makes sure the server has the blob before a change naming it is pushed. */
static gboolean
upload_blob (Round       *round,
             const char  *sha256,
             gboolean    *out_uploaded,
             GError     **error)
{
  g_autofree char *blob_path = NULL;
  g_autofree char *url_path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sent_key = NULL;
  g_autofree char *known = NULL;
  gboolean present = FALSE;
  guint status;

  *out_uploaded = FALSE;
  sent_key = g_strconcat (CC_SYNC_META_SENT_BLOB, sha256, NULL);
  known = cc_store_dup_meta (round->store, sent_key);
  if (known != NULL)
    return TRUE;
  if (!blob_on_server (round, sha256, &present, error))
    return FALSE;
  if (present)
    return cc_store_set_meta (round->store, sent_key, "1", error);

  blob_path = cc_photos_dup_blob_path (cc_store_get_data_dir (round->store), sha256);
  mapped = g_mapped_file_new (blob_path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("A photo or clip to send (%s) is missing from this device’s photo folder: %s"),
                   sha256, local_error->message);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (mapped);

  url_path = g_strconcat ("/v1/blobs/", sha256, NULL);
  msg = new_message (round, "PUT", url_path);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", bytes);
  body = send_message (round, msg, error);
  if (body == NULL)
    return FALSE;
  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_CREATED)
    {
      set_http_error (round, msg, body, error);
      g_prefix_error (error, _("Sending a photo failed: "));
      return FALSE;
    }
  *out_uploaded = TRUE;
  return cc_store_set_meta (round->store, sent_key, "1", error);
}

/* GET, check the bytes against the name, write beside and rename: a
 * reader never sees half a photo. */
static gboolean
download_blob (Round       *round,
               const char  *sha256,
               gboolean    *out_found,
               GError     **error)
{
  g_autofree char *blob_path = cc_photos_dup_blob_path (cc_store_get_data_dir (round->store), sha256);
  g_autofree char *dir = g_path_get_dirname (blob_path);
  g_autofree char *tmp_path = NULL;
  g_autofree char *url_path = g_strconcat ("/v1/blobs/", sha256, NULL);
  g_autofree char *actual = NULL;
  g_autoptr(SoupMessage) msg = new_message (round, "GET", url_path);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  const guchar *data;
  gsize size = 0;
  int fd;

  *out_found = FALSE;
  body = send_message (round, msg, error);
  if (body == NULL)
    return FALSE;
  if (soup_message_get_status (msg) == SOUP_STATUS_NOT_FOUND)
    return TRUE;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      set_http_error (round, msg, body, error);
      g_prefix_error (error, _("Fetching a photo failed: "));
      return FALSE;
    }

  data = g_bytes_get_data (body, &size);
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guchar *)"", size);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                   _("The photo %s arrived damaged (its bytes do not match its name); it will be fetched again"),
                   sha256);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  tmp_path = g_build_filename (dir, "tmp-sync-XXXXXX", NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot write in “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  if (!g_file_set_contents_full (tmp_path, (const char *)data, size,
                                 G_FILE_SET_CONTENTS_DURABLE, 0644, &local_error) ||
      g_rename (tmp_path, blob_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Cannot save a photo in “%s”: %s"),
                   dir, local_error != NULL ? local_error->message : g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  *out_found = TRUE;
  return TRUE;
}

/* Push */

static void
forget_sent_blobs (Round     *round,
                   GPtrArray *batch)
{
  for (guint i = 0; i < batch->len; i++)
    {
      g_autofree char *ref = cc_change_dup_blob_ref (g_ptr_array_index (batch, i));
      g_autofree char *key = NULL;

      if (ref == NULL)
        continue;
      key = g_strconcat (CC_SYNC_META_SENT_BLOB, ref, NULL);
      cc_store_set_meta (round->store, key, NULL, NULL);
    }
}

static gboolean
push_outbox (Round               *round,
             CcSyncProgressFunc   progress,
             gpointer             user_data,
             CcSyncReport        *report,
             GError             **error)
{
  gint64 total = cc_store_outbox_count (round->store);
  gint64 done = 0;

  if (progress != NULL)
    progress (CC_SYNC_PHASE_PUSH, 0, total, user_data);

  for (;;)
    {
      g_autoptr(GPtrArray) batch = cc_store_outbox_list (round->store, CC_SYNC_PUSH_BATCH, error);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *text = NULL;
      gsize text_len;

      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        break;

      /* Blobs first: the server refuses a change naming a blob it lacks. */
      for (guint i = 0; i < batch->len; i++)
        {
          g_autofree char *ref = cc_change_dup_blob_ref (g_ptr_array_index (batch, i));
          gboolean uploaded = FALSE;

          if (ref == NULL)
            continue;
          if (progress != NULL)
            progress (CC_SYNC_PHASE_UPLOAD_BLOBS, report->blobs_up, -1, user_data);
          if (!upload_blob (round, ref, &uploaded, error))
            return FALSE;
          if (uploaded)
            report->blobs_up++;
        }

      /* Long texts can make 1,000 changes more than the server takes. */
      text = cc_change_list_to_json (batch);
      text_len = strlen (text);
      while (text_len > PUSH_MAX_BYTES && batch->len > 1)
        {
          g_ptr_array_set_size (batch, batch->len / 2);
          g_free (text);
          text = cc_change_list_to_json (batch);
          text_len = strlen (text);
        }

      request = g_bytes_new_take (g_steal_pointer (&text), text_len);
      msg = new_message (round, "POST", "/v1/push");
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      body = send_message (round, msg, error);
      if (body == NULL)
        return FALSE;
      /* Answered, either way: the server took the batch, or says which
       * blobs it lacks (then ask again next time). */
      if (soup_message_get_status (msg) == SOUP_STATUS_OK ||
          soup_message_get_status (msg) == SOUP_STATUS_CONFLICT)
        forget_sent_blobs (round, batch);
      if (soup_message_get_status (msg) != SOUP_STATUS_OK)
        {
          set_http_error (round, msg, body, error);
          return FALSE;
        }

      ids = g_ptr_array_sized_new (batch->len);
      for (guint i = 0; i < batch->len; i++)
        g_ptr_array_add (ids, ((CcChange *)g_ptr_array_index (batch, i))->change_id);
      if (!cc_store_outbox_remove (round->store, (const char **)ids->pdata, ids->len, error))
        return FALSE;

      done += batch->len;
      report->pushed += batch->len;
      if (progress != NULL)
        progress (CC_SYNC_PHASE_PUSH, done, MAX (total, done), user_data);
    }
  return TRUE;
}

/* Pull */

static gint64
read_cursor (CcStore *store)
{
  g_autofree char *text = cc_store_dup_meta (store, CC_SYNC_META_CURSOR);
  gint64 cursor = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &cursor, NULL))
    return 0;
  return cursor;
}

static gboolean
apply_page (Round      *round,
            GPtrArray  *changes,
            gint64      cursor,
            GError    **error)
{
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  const char *data_dir = cc_store_get_data_dir (round->store);

  if (!cc_store_begin (round->store, error))
    return FALSE;
  if (!cc_store_apply_changes (round->store, changes, error) ||
      !cc_store_set_meta (round->store, CC_SYNC_META_CURSOR, cursor_text, error))
    goto failed;

  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *ref = cc_change_dup_blob_ref (g_ptr_array_index (changes, i));
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;

      if (ref == NULL)
        continue;
      path = cc_photos_dup_blob_path (data_dir, ref);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      key = g_strconcat (CC_SYNC_META_WANTED_BLOB, ref, NULL);
      if (!cc_store_set_meta (round->store, key, "1", error))
        goto failed;
    }
  return cc_store_commit (round->store, error);

failed:
  cc_store_rollback (round->store);
  return FALSE;
}

static gboolean
pull_pages (Round               *round,
            CcSyncProgressFunc   progress,
            gpointer             user_data,
            CcSyncReport        *report,
            GError             **error)
{
  const char *device_id = cc_store_get_device_id (round->store);
  gint64 cursor = read_cursor (round->store);
  gboolean more = TRUE;

  if (progress != NULL)
    progress (CC_SYNC_PHASE_PULL, 0, -1, user_data);

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT "&limit=%d",
                                               cursor, CC_SYNC_PULL_PAGE);
      g_autoptr(SoupMessage) msg = new_message (round, "GET", path);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) change_error = NULL;
      JsonObject *object;
      JsonNode *node;
      JsonArray *array;
      gint64 next = cursor;

      body = send_message (round, msg, error);
      if (body == NULL)
        return FALSE;
      if (soup_message_get_status (msg) != SOUP_STATUS_OK)
        {
          set_http_error (round, msg, body, error);
          return FALSE;
        }
      answer = parse_answer (body, error);
      if (answer == NULL)
        return FALSE;
      object = json_node_get_object (answer);
      node = json_object_get_member (object, "changes");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || !object_int (object, "cursor", &next))
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                               _("The sync server sent an answer that makes no sense: is the address right?"));
          return FALSE;
        }
      node = json_object_get_member (object, "more");
      more = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);

      array = json_node_get_array (json_object_get_member (object, "changes"));
      changes = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          CcChange *change = cc_change_from_json (json_array_get_element (array, i), &change_error);

          if (change == NULL)
            {
              g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                           _("The sync server sent a damaged change: %s"), change_error->message);
              return FALSE;
            }
          if (g_strcmp0 (change->device, device_id) != 0)
            report->pulled_foreign++;
          g_ptr_array_add (changes, change);
        }

      /* A cursor that does not move with changes in hand would loop. */
      if (changes->len > 0 && next <= cursor)
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                               _("The sync server sent an answer that makes no sense: is the address right?"));
          return FALSE;
        }
      if (changes->len == 0 && next == cursor)
        break;

      if (!apply_page (round, changes, next, error))
        {
          g_prefix_error (error, _("Changes from the other devices could not be applied: "));
          return FALSE;
        }
      cursor = next;
      report->pulled += changes->len;
      if (progress != NULL)
        progress (CC_SYNC_PHASE_PULL, report->pulled, -1, user_data);
    }
  return TRUE;
}

static gboolean
download_wanted (Round               *round,
                 CcSyncProgressFunc   progress,
                 gpointer             user_data,
                 CcSyncReport        *report,
                 GError             **error)
{
  g_auto(GStrv) keys = cc_store_dup_meta_keys (round->store, CC_SYNC_META_WANTED_BLOB);
  const char *data_dir = cc_store_get_data_dir (round->store);
  gint64 total = g_strv_length (keys);

  if (total > 0 && progress != NULL)
    progress (CC_SYNC_PHASE_DOWNLOAD_BLOBS, 0, total, user_data);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *sha256 = keys[i] + strlen (CC_SYNC_META_WANTED_BLOB);
      g_autofree char *path = NULL;
      gboolean found = TRUE;

      if (strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
        {
          if (!cc_store_set_meta (round->store, keys[i], NULL, error))
            return FALSE;
          continue;
        }
      path = cc_photos_dup_blob_path (data_dir, sha256);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          if (!download_blob (round, sha256, &found, error))
            return FALSE;
          if (found)
            report->blobs_down++;
        }
      /* The server refuses changes naming blobs it lacks, so a 404 means
       * it lost the blob: asking again each round costs little. */
      if (found && !cc_store_set_meta (round->store, keys[i], NULL, error))
        return FALSE;
      if (progress != NULL)
        progress (CC_SYNC_PHASE_DOWNLOAD_BLOBS, i + 1, total, user_data);
    }
  return TRUE;
}

gboolean
cc_sync_run (CcStore             *store,
             CcSyncProgressFunc   progress,
             gpointer             user_data,
             CcSyncReport        *report,
             GCancellable        *cancellable,
             GError             **error)
{
  g_auto(Round) round = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *url = NULL;
  CcSyncReport local_report = { 0 };
  gboolean ok;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);

  if (report == NULL)
    report = &local_report;
  memset (report, 0, sizeof *report);

  url = cc_store_dup_meta (store, CC_SYNC_META_URL);
  round.store = store;
  round.cancellable = cancellable;
  round.token = cc_store_dup_meta (store, CC_SYNC_META_TOKEN);
  if (url == NULL || round.token == NULL || *round.token == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                           _("This shop is not connected to a sync server yet: enrol it first "
                             "(craftchain-cli sync enrol URL CODE)"));
      return FALSE;
    }
  round.base_url = normalize_url (url, error);
  if (round.base_url == NULL)
    return FALSE;
  round.session = make_session ();

  /* Another connection (the window) may have moved the clock on. */
  cc_store_refresh (store);

  ok = push_outbox (&round, progress, user_data, report, &local_error) &&
       pull_pages (&round, progress, user_data, report, &local_error) &&
       download_wanted (&round, progress, user_data, report, &local_error);
  report->retry_after_s = round.retry_after_s;

  if (!ok)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cc_store_set_meta (store, CC_SYNC_META_LAST_ERROR, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  now_text = g_date_time_format_iso8601 (now);
  if (!cc_store_begin (store, error))
    return FALSE;
  if (!cc_store_set_meta (store, CC_SYNC_META_LAST_SUCCESS, now_text, error) ||
      !cc_store_set_meta (store, CC_SYNC_META_LAST_ERROR, NULL, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}
