/* test-server.c — the real craftchain-sync process, over HTTP on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "cc-change.h"
#include "cc-hlc.h"
#include "cc-sync-test-server.h"
#include "cc-uuid.h"

/* Most tests share one server (its limits high enough not to interfere),
 * each with its own shop; rate limits and restarts get their own. */
static char *db_uri;
static CcSyncTestServer *shared;
static SoupSession *session;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
} Answer;

static void
answer_free (Answer *answer)
{
  g_bytes_unref (answer->body);
  soup_message_headers_unref (answer->headers);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

typedef struct
{
  char *shop_id;
  char *shop_name;
  char *code;
} Shop;

static void
shop_free (Shop *shop)
{
  g_free (shop->shop_id);
  g_free (shop->shop_name);
  g_free (shop->code);
  g_free (shop);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shop, shop_free)

typedef struct
{
  char *device_id;
  char *device_code;
  char *token;
} Device;

static void
device_free (Device *device)
{
  g_free (device->device_id);
  g_free (device->device_code);
  g_free (device->token);
  g_free (device);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)

/* HTTP */

static Answer *
request (CcSyncTestServer *server,
         const char       *method,
         const char       *path,
         const char       *token,
         const char       *content_type,
         gconstpointer     data,
         gsize             size)
{
  g_autofree char *url = g_strconcat (server->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  Answer *answer = g_new0 (Answer, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (data != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  answer->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return answer;
}

static Answer *
post_json (CcSyncTestServer *server,
           const char       *path,
           const char       *token,
           const char       *json)
{
  return request (server, "POST", path, token, "application/json", json, strlen (json));
}

static JsonObject *
answer_object (Answer *answer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (answer->body, NULL), g_bytes_get_size (answer->body));
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* Asserts the status and the error shape; returns the error's code. */
static char *
assert_error (Answer     *answer,
              guint       status,
              const char *code)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObject *error;

  if (answer->status != status)
    g_test_message ("answer %u: %.*s", answer->status, (int) g_bytes_get_size (answer->body),
                    (const char *) g_bytes_get_data (answer->body, NULL));
  g_assert_cmpuint (answer->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==, "application/json");
  object = answer_object (answer);
  g_assert_true (json_object_has_member (object, "error"));
  error = json_object_get_object_member (object, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  return g_strdup (json_object_get_string_member (error, "code"));
}

static void
assert_error_only (Answer     *answer,
                   guint       status,
                   const char *code)
{
  g_autofree char *got = assert_error (answer, status, code);
}

/* Shops, devices, changes */

static Shop *
make_shop (const char *uri)
{
  Shop *shop = g_new0 (Shop, 1);
  static guint n;

  /* Unique also when the suite shares a database (PostgreSQL) with an
   * earlier run. */
  shop->shop_name = g_strdup_printf ("Shop %u-%" G_GINT64_FORMAT "-%u", getpid (), g_get_real_time (), ++n);
  shop->code = cc_sync_test_create_shop (uri, shop->shop_name, &shop->shop_id);
  return shop;
}

static Answer *
enrol_raw (CcSyncTestServer *server,
           const char       *code,
           const char       *device_id)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"device_id\":\"%s\",\"device_name\":\"Workshop laptop\"}",
                                           code, device_id);

  return post_json (server, "/v1/enrol", NULL, body);
}

static Device *
enrol (CcSyncTestServer *server,
       Shop             *shop,
       const char       *code)
{
  Device *device = g_new0 (Device, 1);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(JsonObject) object = NULL;

  device->device_id = cc_uuid_v7_new ();
  answer = enrol_raw (server, code, device->device_id);
  g_assert_cmpuint (answer->status, ==, 200);
  object = answer_object (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "shop_id"), ==, shop->shop_id);
  g_assert_cmpstr (json_object_get_string_member (object, "shop_name"), ==, shop->shop_name);
  device->device_code = g_strdup (json_object_get_string_member (object, "device_code"));
  device->token = g_strdup (json_object_get_string_member (object, "token"));
  g_assert_cmpuint (strlen (device->token), >=, 40);
  return device;
}

/* A shop with one device enrolled on the server. */
static Device *
new_device (CcSyncTestServer *server,
            Shop            **out_shop)
{
  g_autoptr(Shop) shop = make_shop (server->db_uri);
  Device *device = enrol (server, shop, shop->code);

  if (out_shop != NULL)
    *out_shop = g_steal_pointer (&shop);
  return device;
}

static CcChange *
make_change (const Device *device,
             const char   *row_id,
             const char   *reg,
             const char   *value,
             gint64        ahead_ms)
{
  static guint32 counter;
  CcChange *change = cc_change_new ();
  CcHlcStamp stamp = { 0 };

  stamp.wall_ms = g_get_real_time () / 1000 + ahead_ms;
  stamp.counter = ++counter;
  g_strlcpy (stamp.node, device->device_id, sizeof stamp.node);
  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup ("product");
  change->row_id = g_strdup (row_id);
  change->reg = g_strdup (reg);
  change->value = g_strdup (value);
  change->hlc = cc_hlc_stamp_to_string (&stamp);
  change->device = g_strdup (device->device_id);
  return change;
}

static GPtrArray *
make_batch (const Device *device,
            guint         n)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autofree char *row = cc_uuid_v7_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", 1000 + i);

      g_ptr_array_add (changes, make_change (device, row, "price", value, 0));
    }
  return changes;
}

static Answer *
push (CcSyncTestServer *server,
      const Device     *device,
      GPtrArray        *changes)
{
  g_autofree char *json = cc_change_list_to_json (changes);

  return post_json (server, "/v1/push", device->token, json);
}

static void
push_ok (CcSyncTestServer *server,
         const Device     *device,
         GPtrArray        *changes,
         gint64            accepted,
         gint64            duplicates)
{
  g_autoptr(Answer) answer = push (server, device, changes);
  g_autoptr(JsonObject) object = NULL;

  if (answer->status != 200)
    g_test_message ("push answered %u: %.*s", answer->status, (int) g_bytes_get_size (answer->body),
                    (const char *) g_bytes_get_data (answer->body, NULL));
  g_assert_cmpuint (answer->status, ==, 200);
  object = answer_object (answer);
  g_assert_cmpint (json_object_get_int_member (object, "accepted"), ==, accepted);
  g_assert_cmpint (json_object_get_int_member (object, "duplicates"), ==, duplicates);
}

static JsonObject *
pull (CcSyncTestServer *server,
      const Device     *device,
      gint64            after,
      guint             limit)
{
  g_autofree char *path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT "&limit=%u", after, limit);
  g_autoptr(Answer) answer = request (server, "GET", path, device->token, NULL, NULL, 0);

  g_assert_cmpuint (answer->status, ==, 200);
  return answer_object (answer);
}

/* Every change id the device's shop holds, in sequence order. */
static GPtrArray *
pull_all_ids (CcSyncTestServer *server,
              const Device     *device)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gint64 cursor = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(JsonObject) page = pull (server, device, cursor, 5000);
      JsonArray *changes = json_object_get_array_member (page, "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (changes, i),
                                                                       "id")));
      cursor = json_object_get_int_member (page, "cursor");
      more = json_object_get_boolean_member (page, "more");
    }
  return ids;
}

static guint
count_stored (CcSyncTestServer *server,
              const Device     *device)
{
  g_autoptr(GPtrArray) ids = pull_all_ids (server, device);

  return ids->len;
}

/* A raw request over a socket, for what a polite client never sends.
 * Returns the status, and the body after the headers in out_body. */
static guint
raw_request (CcSyncTestServer *server,
             const char       *text,
             gsize             size,
             char            **out_body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) got = g_byte_array_new ();
  GInputStream *in;
  char buffer[4096];
  const char *end;
  guint64 status = 0;
  gssize n;

  g_socket_client_set_timeout (client, 10);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  /* The server may answer and close before it has read everything. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), text, size, NULL, NULL, NULL);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_byte_array_append (got, (const guint8 *) buffer, n);
      /* Stop at the end of the answer when the connection stays open. */
      if ((end = g_strstr_len ((const char *) got->data, got->len, "\r\n\r\n")) != NULL)
        {
          const char *length = g_strstr_len ((const char *) got->data, end - (const char *) got->data,
                                             "Content-Length: ");
          guint64 body_len = 0;

          if (length != NULL)
            body_len = g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);
          if (length != NULL && got->len >= (end + 4 - (const char *) got->data) + body_len)
            break;
        }
    }
  g_byte_array_append (got, (const guint8 *) "", 1);
  g_assert_true (g_str_has_prefix ((const char *) got->data, "HTTP/1.1 "));
  status = g_ascii_strtoull ((const char *) got->data + 9, NULL, 10);
  end = strstr ((const char *) got->data, "\r\n\r\n");
  if (out_body != NULL)
    *out_body = g_strdup (end != NULL ? end + 4 : "");
  return (guint) status;
}

static void
assert_raw_error (const char *body,
                  const char *code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *error;

  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  error = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
}

static void
assert_still_serving (CcSyncTestServer *server)
{
  g_autoptr(Answer) answer = request (server, "GET", "/health", NULL, NULL, NULL, 0);

  g_assert_cmpuint (answer->status, ==, 200);
}

/* Tests */

static void
test_health_ready_metrics (void)
{
  g_autoptr(Answer) health = request (shared, "GET", "/health", NULL, NULL, NULL, 0);
  g_autoptr(Answer) ready = request (shared, "GET", "/ready", NULL, NULL, NULL, 0);
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 3);
  g_autoptr(Answer) metrics = NULL;
  const char *text;

  g_assert_cmpuint (health->status, ==, 200);
  g_assert_cmpuint (ready->status, ==, 200);
  push_ok (shared, device, batch, 3, 0);

  metrics = request (shared, "GET", "/metrics", NULL, NULL, NULL, 0);
  g_assert_cmpuint (metrics->status, ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (metrics->headers, NULL), "text/plain"));
  text = g_bytes_get_data (metrics->body, NULL);
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (metrics->body), "# TYPE craftchain_sync_requests_total counter"));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (metrics->body),
                                  "craftchain_sync_requests_total{route=\"push\",status=\"200\"}"));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (metrics->body), "craftchain_sync_changes_ingested_total "));
  g_assert_null (g_strstr_len (text, g_bytes_get_size (metrics->body), "craftchain_sync_changes_ingested_total 0\n"));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (metrics->body), "craftchain_sync_rate_limited_total "));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (metrics->body), "craftchain_sync_blob_bytes_total{direction=\"in\"} "));
}

static void
test_enrol_two_devices (void)
{
  g_autoptr(Shop) shop = make_shop (db_uri);
  g_autoptr(Device) a = enrol (shared, shop, shop->code);
  g_autofree char *code_b = cc_sync_test_new_code (db_uri, shop->shop_name);
  g_autofree char *lower = g_ascii_strdown (code_b, -1);
  g_autoptr(Device) b = enrol (shared, shop, lower);
  g_autoptr(Answer) devices = request (shared, "GET", "/v1/devices", a->token, NULL, NULL, 0);
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *listed = NULL;
  JsonArray *array;

  g_assert_cmpstr (a->device_code, ==, "A");
  g_assert_cmpstr (b->device_code, ==, "B");
  g_assert_cmpstr (a->token, !=, b->token);

  g_assert_cmpuint (devices->status, ==, 200);
  object = answer_object (devices);
  array = json_object_get_array_member (object, "devices");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "device_code"), ==, "A");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "you"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1), "you"));

  /* The token is not stored: the admin listing has no trace of it. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &listed, "device", "list", shop->shop_name, NULL), ==, 0);
  g_assert_nonnull (strstr (listed, a->device_id));
  g_assert_nonnull (strstr (listed, b->device_id));
  g_assert_null (strstr (listed, a->token));
}

static void
test_enrol_reused_code (void)
{
  g_autoptr(Shop) shop = make_shop (db_uri);
  g_autoptr(Device) a = enrol (shared, shop, shop->code);
  g_autofree char *other = cc_uuid_v7_new ();
  g_autoptr(Answer) again = enrol_raw (shared, shop->code, other);
  g_autofree char *listed = NULL;

  assert_error_only (again, 410, "gone");
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &listed, "device", "list", shop->shop_name, NULL), ==, 0);
  g_assert_null (strstr (listed, other));
}

static void
test_enrol_expired_code (void)
{
  g_autoptr(Shop) shop = make_shop (db_uri);
  g_autoptr(GRegex) re = g_regex_new (CC_SYNC_TEST_CODE_PATTERN, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *out = NULL;
  g_autofree char *code = NULL;
  g_autofree char *device_id = cc_uuid_v7_new ();
  g_autoptr(Answer) answer = NULL;
  g_autofree char *listed = NULL;

  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &out, "shop", "code", shop->shop_name,
                                           "--code-lifetime", "-60", NULL), ==, 0);
  g_assert_true (g_regex_match (re, out, 0, &match));
  code = g_match_info_fetch (match, 0);
  answer = enrol_raw (shared, code, device_id);
  assert_error_only (answer, 410, "gone");
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &listed, "device", "list", shop->shop_name, NULL), ==, 0);
  g_assert_null (strstr (listed, device_id));
}

static void
test_enrol_unknown_code (void)
{
  g_autofree char *device_id = cc_uuid_v7_new ();
  g_autoptr(Answer) answer = enrol_raw (shared, "ZZZZ-ZZZZ-ZZZZ", device_id);
  g_autoptr(Answer) no_code = post_json (shared, "/v1/enrol", NULL, "{\"device_id\":\"x\"}");

  assert_error_only (answer, 401, "unauthorized");
  assert_error_only (no_code, 400, "bad_request");
}

static void
test_enrol_rate_limit (void)
{
  const char * const args[] = { "--enrol-rate", "3", NULL };
  g_autoptr(CcSyncTestServer) server = cc_sync_test_server_start (db_uri, args);
  g_autofree char *device_id = cc_uuid_v7_new ();
  g_autoptr(Answer) limited = NULL;
  const char *retry;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Answer) answer = enrol_raw (server, "ZZZZ-ZZZZ-ZZZZ", device_id);

      assert_error_only (answer, 401, "unauthorized");
    }
  limited = enrol_raw (server, "ZZZZ-ZZZZ-ZZZZ", device_id);
  assert_error_only (limited, 429, "rate_limited");
  retry = soup_message_headers_get_one (limited->headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpuint (g_ascii_strtoull (retry, NULL, 10), >=, 1);

  /* Behind a proxy on loopback, each forwarded client has its own budget. */
  {
    g_autofree char *url = g_strconcat (server->base_url, "/v1/enrol", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autofree char *body = g_strdup_printf ("{\"code\":\"ZZZZ-ZZZZ-ZZZZ\",\"device_id\":\"%s\"}", device_id);
    g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
    g_autoptr(GBytes) answer = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For",
                                  "198.51.100.1, 203.0.113.9");
    soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    answer = soup_session_send_and_read (session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }
}

static void
test_push_pull_in_order (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 20);
  g_autoptr(JsonObject) page = NULL;
  JsonArray *changes;
  gint64 last_seq = 0;

  push_ok (shared, device, batch, 20, 0);
  page = pull (shared, device, 0, 100);
  changes = json_object_get_array_member (page, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 20);
  g_assert_false (json_object_get_boolean_member (page, "more"));
  for (guint i = 0; i < 20; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const CcChange *sent = g_ptr_array_index (batch, i);

      g_autofree char *value = json_to_string (json_object_get_member (change, "value"), FALSE);

      g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, sent->change_id);
      g_assert_cmpstr (json_object_get_string_member (change, "hlc"), ==, sent->hlc);
      g_assert_cmpstr (json_object_get_string_member (change, "row"), ==, sent->row_id);
      g_assert_cmpstr (value, ==, sent->value);
      g_assert_cmpint (json_object_get_int_member (change, "seq"), >, last_seq);
      last_seq = json_object_get_int_member (change, "seq");
    }
  g_assert_cmpint (json_object_get_int_member (page, "cursor"), ==, last_seq);
}

static void
test_push_repeat_is_duplicate (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 10);
  g_autoptr(GPtrArray) mixed = make_batch (device, 5);

  push_ok (shared, device, batch, 10, 0);
  push_ok (shared, device, batch, 0, 10);
  /* Half old, half new. */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (mixed, cc_change_copy (g_ptr_array_index (batch, i)));
  push_ok (shared, device, mixed, 5, 5);
  g_assert_cmpuint (count_stored (shared, device), ==, 15);
}

static void
test_pull_paging (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 25);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Answer) bad_limit = NULL;
  g_autoptr(Answer) bad_after = NULL;
  gint64 cursor = 0;
  guint pages = 0;
  gboolean more = TRUE;

  push_ok (shared, device, batch, 25, 0);
  while (more)
    {
      g_autoptr(JsonObject) page = pull (shared, device, cursor, 10);
      JsonArray *changes = json_object_get_array_member (page, "changes");

      pages++;
      g_assert_cmpuint (json_array_get_length (changes), ==, pages < 3 ? 10 : 5);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_ptr_array_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (changes, i),
                                                                        "id")));
      g_assert_cmpint (json_object_get_int_member (page, "cursor"), >, cursor);
      cursor = json_object_get_int_member (page, "cursor");
      more = json_object_get_boolean_member (page, "more");
      g_assert_true (more == (pages < 3));
    }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (seen->len, ==, 25);
  for (guint i = 0; i < 25; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, ((CcChange *) g_ptr_array_index (batch, i))->change_id);

  /* After the end: nothing, the same cursor. */
  {
    g_autoptr(JsonObject) page = pull (shared, device, cursor, 10);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "changes")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (page, "cursor"), ==, cursor);
    g_assert_false (json_object_get_boolean_member (page, "more"));
  }

  bad_limit = request (shared, "GET", "/v1/pull?after=0&limit=5001", device->token, NULL, NULL, 0);
  assert_error_only (bad_limit, 400, "bad_request");
  bad_after = request (shared, "GET", "/v1/pull?after=-1", device->token, NULL, NULL, 0);
  assert_error_only (bad_after, 400, "bad_request");
}

static void
test_push_clock_ahead (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 3);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(GPtrArray) near = make_batch (device, 1);

  g_ptr_array_add (batch, make_change (device, "row-1", "title", "\"Late\"", 11 * 60 * 1000));
  answer = push (shared, device, batch);
  assert_error_only (answer, 422, "clock_ahead");
  g_assert_cmpuint (count_stored (shared, device), ==, 0);

  /* Nine minutes ahead is within the allowance. */
  g_ptr_array_add (near, make_change (device, "row-1", "title", "\"Soon\"", 9 * 60 * 1000));
  push_ok (shared, device, near, 2, 0);
}

static void
test_push_missing_blob (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  const char photo[] = "pretend JPEG bytes";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, photo, -1);
  g_autofree char *value = g_strdup_printf ("\"%s\"", sha);
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 2);
  g_autoptr(Answer) refused = NULL;
  g_autoptr(Answer) put = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *missing;

  g_ptr_array_add (batch, make_change (device, "photo-1", "sha256", value, 0));
  refused = push (shared, device, batch);
  assert_error_only (refused, 409, "missing_blobs");
  object = answer_object (refused);
  missing = json_object_get_array_member (json_object_get_object_member (object, "error"), "missing_blobs");
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, sha);
  g_assert_cmpuint (count_stored (shared, device), ==, 0);

  put = request (shared, "PUT", path, device->token, "application/octet-stream", photo, strlen (photo));
  g_assert_cmpuint (put->status, ==, 201);
  push_ok (shared, device, batch, 3, 0);
}

static void
test_blob_wrong_hash (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "the real bytes", -1);
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha, NULL);
  g_autoptr(Answer) put = request (shared, "PUT", path, device->token, "application/octet-stream", "other bytes", 11);
  g_autoptr(Answer) head = request (shared, "HEAD", path, device->token, NULL, NULL, 0);
  g_autoptr(Answer) upper = NULL;
  g_autofree char *upper_path = g_ascii_strup (path, -1);

  assert_error_only (put, 422, "hash_mismatch");
  g_assert_cmpuint (head->status, ==, 404);
  upper = request (shared, "PUT", upper_path + 0, device->token, "application/octet-stream", "x", 1);
  g_assert_cmpuint (upper->status, ==, 404);   /* "/V1/BLOBS/…" is no route */
}

static void
test_blob_get_head (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Answer) first = NULL;
  g_autoptr(Answer) second = NULL;
  g_autoptr(Answer) head = NULL;
  g_autoptr(Answer) get = NULL;
  g_autoptr(Answer) bad_name = NULL;

  for (guint i = 0; i < 300000; i++)
    {
      guint8 b = (guint8) (i * 7 + i / 256);

      g_byte_array_append (data, &b, 1);
    }
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data->data, data->len);
  path = g_strconcat ("/v1/blobs/", sha, NULL);

  first = request (shared, "PUT", path, device->token, "application/octet-stream", data->data, data->len);
  g_assert_cmpuint (first->status, ==, 201);
  second = request (shared, "PUT", path, device->token, "application/octet-stream", data->data, data->len);
  g_assert_cmpuint (second->status, ==, 200);
  head = request (shared, "HEAD", path, device->token, NULL, NULL, 0);
  g_assert_cmpuint (head->status, ==, 200);
  get = request (shared, "GET", path, device->token, NULL, NULL, 0);
  g_assert_cmpuint (get->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (get->body, NULL), g_bytes_get_size (get->body), data->data, data->len);
  bad_name = request (shared, "GET", "/v1/blobs/not-a-hash", device->token, NULL, NULL, 0);
  assert_error_only (bad_name, 400, "bad_request");
}

static void
test_isolation (void)
{
  g_autoptr(Device) a = new_device (shared, NULL);
  g_autoptr(Device) b = new_device (shared, NULL);
  const char photo[] = "shop A's photo";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, photo, -1);
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha, NULL);
  g_autofree char *value = g_strdup_printf ("\"%s\"", sha);
  g_autoptr(GPtrArray) batch_a = make_batch (a, 4);
  g_autoptr(GPtrArray) batch_b = make_batch (b, 2);
  g_autoptr(GPtrArray) naming = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(Answer) put = NULL;
  g_autoptr(Answer) get = NULL;
  g_autoptr(Answer) head = NULL;
  g_autoptr(Answer) refused = NULL;
  g_autoptr(Answer) devices = NULL;
  g_autoptr(JsonObject) listed = NULL;

  put = request (shared, "PUT", path, a->token, "application/octet-stream", photo, strlen (photo));
  g_assert_cmpuint (put->status, ==, 201);
  push_ok (shared, a, batch_a, 4, 0);
  push_ok (shared, b, batch_b, 2, 0);

  get = request (shared, "GET", path, b->token, NULL, NULL, 0);
  assert_error_only (get, 404, "not_found");
  g_assert_null (g_strstr_len (g_bytes_get_data (get->body, NULL), g_bytes_get_size (get->body), photo));
  head = request (shared, "HEAD", path, b->token, NULL, NULL, 0);
  g_assert_cmpuint (head->status, ==, 404);

  /* B cannot name A's blob either. */
  g_ptr_array_add (naming, make_change (b, "photo-1", "sha256", value, 0));
  refused = push (shared, b, naming);
  assert_error_only (refused, 409, "missing_blobs");

  ids = pull_all_ids (shared, b);
  g_assert_cmpuint (ids->len, ==, 2);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, ((CcChange *) g_ptr_array_index (batch_b, i))->change_id);
  g_assert_cmpuint (count_stored (shared, a), ==, 4);

  devices = request (shared, "GET", "/v1/devices", b->token, NULL, NULL, 0);
  listed = answer_object (devices);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "devices")), ==, 1);
}

static void
test_revoked_device (void)
{
  g_autoptr(Shop) shop = NULL;
  g_autoptr(Device) a = new_device (shared, &shop);
  g_autofree char *code_b = cc_sync_test_new_code (db_uri, shop->shop_id);
  g_autoptr(Device) b = enrol (shared, shop, code_b);
  g_autoptr(GPtrArray) batch = make_batch (b, 2);
  g_autoptr(Answer) refused = NULL;
  g_autoptr(Answer) pulled = NULL;
  g_autofree char *listed = NULL;

  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "device", "revoke", shop->shop_name, "B", NULL), ==, 0);
  refused = push (shared, b, batch);
  assert_error_only (refused, 401, "unauthorized");
  pulled = request (shared, "GET", "/v1/pull", b->token, NULL, NULL, 0);
  assert_error_only (pulled, 401, "unauthorized");
  g_assert_cmpuint (count_stored (shared, a), ==, 0);

  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &listed, "device", "list", shop->shop_name, NULL), ==, 0);
  g_assert_nonnull (strstr (listed, "revoked"));
  /* An unknown device or shop: exit 1. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "device", "revoke", shop->shop_name, "Q", NULL), ==, 1);
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "device", "list", "no such shop", NULL), ==, 1);
}

static void
test_missing_token (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 1);
  g_autofree char *json = cc_change_list_to_json (batch);
  g_autoptr(Answer) none = post_json (shared, "/v1/push", NULL, json);
  g_autoptr(Answer) unknown = post_json (shared, "/v1/push", "not-a-token", json);
  g_autoptr(Answer) pulled = request (shared, "GET", "/v1/pull?after=0", NULL, NULL, NULL, 0);

  assert_error_only (none, 401, "unauthorized");
  assert_error_only (unknown, 401, "unauthorized");
  assert_error_only (pulled, 401, "unauthorized");
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_malformed_json (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  const char *bodies[] = {
    "[{\"change_id\": ",
    "not json at all",
    "[1, 2,]",
    "{\"change_id\": \"x\"}",
    "\xff\xfe[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(Answer) answer = post_json (shared, "/v1/push", device->token, bodies[i]);
      g_autofree char *code = assert_error (answer, answer->status, NULL);

      g_assert_cmpuint (answer->status, >=, 400);
      g_assert_cmpuint (answer->status, <, 500);
    }
  {
    g_autoptr(Answer) enrol_bad = post_json (shared, "/v1/enrol", NULL, "{\"code\": ");
    g_autoptr(Answer) enrol_nul = request (shared, "POST", "/v1/enrol", NULL, "application/json", "{\"a\":1}\0x", 9);

    assert_error_only (enrol_bad, 400, "bad_request");
    assert_error_only (enrol_nul, 400, "bad_request");
  }
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_deep_nesting (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  GString *deep = g_string_new (NULL);
  g_autoptr(Answer) push_answer = NULL;
  g_autoptr(Answer) enrol_answer = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) batch = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  text = g_string_free (deep, FALSE);

  push_answer = post_json (shared, "/v1/push", device->token, text);
  assert_error_only (push_answer, 400, "bad_request");
  text[0] = '{';
  enrol_answer = post_json (shared, "/v1/enrol", NULL, text);
  assert_error_only (enrol_answer, 400, "bad_request");

  /* A change whose value nests deeply is refused too. */
  batch = make_batch (device, 1);
  {
    g_autofree char *json = cc_change_list_to_json (batch);
    GString *value = g_string_new (NULL);
    g_auto(GStrv) parts = g_strsplit (json, "\"value\":1000", 2);
    g_autofree char *body = NULL;
    g_autoptr(Answer) answer = NULL;

    g_assert_nonnull (parts[1]);
    for (guint i = 0; i < 40; i++)
      g_string_append_c (value, '[');
    for (guint i = 0; i < 40; i++)
      g_string_append_c (value, ']');
    body = g_strconcat (parts[0], "\"value\":", value->str, parts[1], NULL);
    g_string_free (value, TRUE);
    answer = post_json (shared, "/v1/push", device->token, body);
    assert_error_only (answer, 400, "bad_request");
  }

  assert_still_serving (shared);
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_wrong_types (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 1);
  const CcChange *good = g_ptr_array_index (batch, 0);
  g_autofree char *numeric_id = g_strdup_printf ("[{\"id\":5,\"entity\":\"product\",\"row\":\"r\",\"reg\":\"price\","
                                                 "\"value\":1,\"base\":null,\"hlc\":\"%s\",\"device\":\"%s\"}]",
                                                 good->hlc, device->device_id);
  g_autofree char *bad_entity = g_strdup_printf ("[{\"id\":\"%s\",\"entity\":[],\"row\":\"r\",\"reg\":\"price\","
                                                 "\"value\":1,\"base\":null,\"hlc\":\"%s\",\"device\":\"%s\"}]",
                                                 good->change_id, good->hlc, device->device_id);
  g_autofree char *bad_hlc = g_strdup_printf ("[{\"id\":\"%s\",\"entity\":\"product\",\"row\":\"r\",\"reg\":\"price\","
                                              "\"value\":1,\"base\":null,\"hlc\":\"yesterday\",\"device\":\"%s\"}]",
                                              good->change_id, device->device_id);
  const char *bodies[] = { numeric_id, bad_entity, bad_hlc, "[5]", "{}", "\"a string\"" };
  g_autoptr(Answer) enrol_numbers = post_json (shared, "/v1/enrol", NULL, "{\"code\": 5, \"device_id\": true}");
  g_autoptr(Answer) enrol_array = post_json (shared, "/v1/enrol", NULL, "[]");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(Answer) answer = post_json (shared, "/v1/push", device->token, bodies[i]);

      assert_error_only (answer, 422, "unprocessable");
    }
  assert_error_only (enrol_numbers, 400, "bad_request");
  assert_error_only (enrol_array, 400, "bad_request");
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_oversized (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autofree char *head = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 500000000\r\nConnection: close\r\n\r\n[",
                                           device->token);
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) batch = make_batch (device, 1001);
  g_autoptr(Answer) too_many = NULL;
  gint64 started = g_get_monotonic_time ();

  /* Announced 500 MB, sent one byte: the answer comes without reading. */
  g_assert_cmpuint (raw_request (shared, head, strlen (head), &body), ==, 413);
  assert_raw_error (body, "too_large");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  too_many = push (shared, device, batch);
  assert_error_only (too_many, 413, "too_large");
  assert_still_serving (shared);
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_chunked (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 1);
  g_autofree char *json = cc_change_list_to_json (batch);
  g_autofree char *text = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                           "%zx\r\n%s\r\n0\r\n\r\n",
                                           device->token, strlen (json), json);
  g_autofree char *body = NULL;

  g_assert_cmpuint (raw_request (shared, text, strlen (text), &body), ==, 411);
  assert_raw_error (body, "length_required");
  assert_still_serving (shared);
  g_assert_cmpuint (count_stored (shared, device), ==, 0);
}

static void
test_restart_keeps_data (void)
{
  g_autoptr(CcSyncTestServer) server = cc_sync_test_server_start (db_uri, NULL);
  g_autoptr(Shop) shop = NULL;
  g_autoptr(Device) device = new_device (server, &shop);
  g_autoptr(GPtrArray) batch = make_batch (device, 30);
  g_autoptr(GPtrArray) later = make_batch (device, 5);
  g_autoptr(GPtrArray) ids = NULL;
  const char photo[] = "kept across restarts";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, photo, -1);
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha, NULL);
  g_autoptr(Answer) put = NULL;
  g_autoptr(Answer) get = NULL;

  push_ok (server, device, batch, 30, 0);
  put = request (server, "PUT", path, device->token, "application/octet-stream", photo, strlen (photo));
  g_assert_cmpuint (put->status, ==, 201);

  cc_sync_test_server_restart (server);

  ids = pull_all_ids (server, device);
  g_assert_cmpuint (ids->len, ==, 30);
  for (guint i = 0; i < 30; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, ((CcChange *) g_ptr_array_index (batch, i))->change_id);
  get = request (server, "GET", path, device->token, NULL, NULL, 0);
  g_assert_cmpuint (get->status, ==, 200);
  /* The same batch again after the restart: applied once. */
  push_ok (server, device, batch, 0, 30);
  push_ok (server, device, later, 5, 0);
  g_assert_cmpuint (count_stored (server, device), ==, 35);
}

static void
test_dropped_response (void)
{
  g_autoptr(Device) device = new_device (shared, NULL);
  g_autoptr(GPtrArray) batch = make_batch (device, 50);
  g_autofree char *json = cc_change_list_to_json (batch);
  g_autofree char *text = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %zu\r\n\r\n%s",
                                           device->token, strlen (json), json);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Answer) retried = NULL;
  g_autoptr(JsonObject) object = NULL;

  /* The client sends its batch and goes away before the answer. */
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", shared->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), text, strlen (text),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  /* It sends the batch again: whatever the first push did, each change is
   * stored exactly once. */
  retried = push (shared, device, batch);
  g_assert_cmpuint (retried->status, ==, 200);
  object = answer_object (retried);
  g_assert_cmpint (json_object_get_int_member (object, "accepted") + json_object_get_int_member (object, "duplicates"),
                   ==, 50);
  push_ok (shared, device, batch, 0, 50);
  g_assert_cmpuint (count_stored (shared, device), ==, 50);
}

static void
test_token_rate_limit (void)
{
  const char * const args[] = { "--rate", "2", NULL };
  g_autoptr(CcSyncTestServer) server = cc_sync_test_server_start (db_uri, args);
  g_autoptr(Device) device = new_device (server, NULL);
  g_autoptr(Device) other = new_device (server, NULL);
  g_autoptr(Answer) limited = NULL;
  g_autoptr(Answer) fine = NULL;
  guint ok = 0;

  /* A burst of four times the rate, then 429. */
  for (guint i = 0; i < 30 && limited == NULL; i++)
    {
      Answer *answer = request (server, "GET", "/v1/pull?after=0", device->token, NULL, NULL, 0);

      if (answer->status == 429)
        limited = answer;
      else
        {
          g_assert_cmpuint (answer->status, ==, 200);
          ok++;
          answer_free (answer);
        }
    }
  g_assert_nonnull (limited);
  g_assert_cmpuint (ok, >=, 8);
  g_assert_cmpuint (ok, <, 30);
  assert_error_only (limited, 429, "rate_limited");
  g_assert_cmpuint (g_ascii_strtoull (soup_message_headers_get_one (limited->headers, "Retry-After"), NULL, 10), >=, 1);
  /* Another device's budget is its own. */
  fine = request (server, "GET", "/v1/pull?after=0", other->token, NULL, NULL, 0);
  g_assert_cmpuint (fine->status, ==, 200);
}

static void
test_admin_commands (void)
{
  g_autoptr(Shop) shop = make_shop (db_uri);
  g_autofree char *listed = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &listed, "shop", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (listed, shop->shop_name));
  g_assert_nonnull (strstr (listed, shop->shop_id));
  /* The same name twice: refused, exit 1. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &out, "shop", "create", shop->shop_name, NULL), ==, 1);
  /* Usage errors: exit 2. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "shop", "create", NULL), ==, 2);
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "shop", "frobnicate", NULL), ==, 2);
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "shop", "list", "--bogus", NULL), ==, 2);
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "shop", "list", "--code-lifetime", "5", NULL), ==, 2);
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "serve", NULL), ==, 2);
  /* Off loopback without TLS: refused. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, NULL, "serve", "--listen", "0.0.0.0:0", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  const char * const shared_args[] = { "--rate", "1000", "--enrol-rate", "100000", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);

  db_uri = cc_sync_test_db_uri ();
  shared = cc_sync_test_server_start (db_uri, shared_args);
  session = soup_session_new_with_options ("timeout", 20, NULL);

  g_test_add_func ("/sync/server/health-ready-metrics", test_health_ready_metrics);
  g_test_add_func ("/sync/server/enrol/two-devices", test_enrol_two_devices);
  g_test_add_func ("/sync/server/enrol/reused-code", test_enrol_reused_code);
  g_test_add_func ("/sync/server/enrol/expired-code", test_enrol_expired_code);
  g_test_add_func ("/sync/server/enrol/unknown-code", test_enrol_unknown_code);
  g_test_add_func ("/sync/server/enrol/rate-limit", test_enrol_rate_limit);
  g_test_add_func ("/sync/server/push/pull-in-order", test_push_pull_in_order);
  g_test_add_func ("/sync/server/push/repeat-is-duplicate", test_push_repeat_is_duplicate);
  g_test_add_func ("/sync/server/pull/paging", test_pull_paging);
  g_test_add_func ("/sync/server/push/clock-ahead", test_push_clock_ahead);
  g_test_add_func ("/sync/server/push/missing-blob", test_push_missing_blob);
  g_test_add_func ("/sync/server/blob/wrong-hash", test_blob_wrong_hash);
  g_test_add_func ("/sync/server/blob/get-head", test_blob_get_head);
  g_test_add_func ("/sync/server/isolation", test_isolation);
  g_test_add_func ("/sync/server/auth/revoked", test_revoked_device);
  g_test_add_func ("/sync/server/auth/missing-token", test_missing_token);
  g_test_add_func ("/sync/server/bad-input/malformed-json", test_malformed_json);
  g_test_add_func ("/sync/server/bad-input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/sync/server/bad-input/wrong-types", test_wrong_types);
  g_test_add_func ("/sync/server/bad-input/oversized", test_oversized);
  g_test_add_func ("/sync/server/bad-input/chunked", test_chunked);
  g_test_add_func ("/sync/server/restart/data-intact", test_restart_keeps_data);
  g_test_add_func ("/sync/server/push/dropped-response", test_dropped_response);
  g_test_add_func ("/sync/server/rate-limit/token", test_token_rate_limit);
  g_test_add_func ("/sync/server/admin", test_admin_commands);

  status = g_test_run ();

  g_object_unref (session);
  cc_sync_test_server_free (shared);
  g_free (db_uri);
  return status;
}
