/* test-two-servers.c — two craftchain-sync processes on one PostgreSQL database serve one shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs $CC_SYNC_TEST_DB naming PostgreSQL (tools/with-postgres.sh sets
 * it; tests/sync/meson.build runs this suite only that way). Each device
 * talks to "its" server over loopback HTTP; what one server stored must be
 * what the other serves, and pushes through both at once must still get
 * dense, unique sequence numbers that become visible in order.
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cc-change.h"
#include "cc-hlc.h"
#include "cc-sync-test-server.h"
#include "cc-uuid.h"

static char *db_uri;

typedef struct
{
  CcSyncTestServer *servers[2];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* Generous limits: the test pushes fast, on purpose. */
  static const char * const args[] = { "--rate", "100000", "--enrol-rate", "100000", NULL };

  fixture->servers[0] = cc_sync_test_server_start (db_uri, args);
  fixture->servers[1] = cc_sync_test_server_start (db_uri, args);
  g_assert_cmpuint (fixture->servers[0]->port, !=, fixture->servers[1]->port);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->servers[0], cc_sync_test_server_free);
  g_clear_pointer (&fixture->servers[1], cc_sync_test_server_free);
}

/* One request; the JSON answer (NULL for an empty or non-JSON body). */
static JsonNode *
call (SoupSession *session,
      const char  *method,
      const char  *url,
      const char  *token,
      const char  *content_type,
      GBytes      *body,
      guint       *out_status,
      GBytes     **out_body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *type;
  gsize size;
  const char *data;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  if (out_body != NULL)
    *out_body = g_bytes_ref (answer);

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  data = g_bytes_get_data (answer, &size);
  if (g_strcmp0 (type, "application/json") != 0 || size == 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, data, size, &error));
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static JsonNode *
call_json (SoupSession *session,
           const char  *method,
           const char  *url,
           const char  *token,
           const char  *json,
           guint       *out_status)
{
  g_autoptr(GBytes) body = json != NULL ? g_bytes_new (json, strlen (json)) : NULL;

  return call (session, method, url, token, "application/json", body, out_status, NULL);
}

typedef struct
{
  char *token;
  char *device_code;
  char *shop_id;
} Device;

static void
device_clear (Device *device)
{
  g_free (device->token);
  g_free (device->device_code);
  g_free (device->shop_id);
}

static void
enrol (SoupSession      *session,
       CcSyncTestServer *server,
       const char       *code,
       const char       *device_id,
       Device           *out)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/enrol", server->base_url);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"device_id\":\"%s\",\"device_name\":\"%s\"}",
                                           code, device_id, device_id);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  guint status = 0;

  answer = call_json (session, "POST", url, NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);
  object = json_node_get_object (answer);
  out->token = g_strdup (json_object_get_string_member (object, "token"));
  out->device_code = g_strdup (json_object_get_string_member (object, "device_code"));
  out->shop_id = g_strdup (json_object_get_string_member (object, "shop_id"));
}

static GPtrArray *
make_batch (CcHlc *hlc,
            guint  n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);

  for (guint i = 0; i < n; i++)
    {
      CcChange *change = cc_change_new ();
      CcHlcStamp stamp;

      cc_hlc_now (hlc, &stamp);
      change->change_id = cc_uuid_v7_new ();
      change->entity = g_strdup ("product");
      change->row_id = cc_uuid_v7_new ();
      change->reg = g_strdup ("price");
      change->value = g_strdup_printf ("%u", 100 + i);
      change->hlc = cc_hlc_stamp_to_string (&stamp);
      change->device = g_strdup (cc_hlc_get_node (hlc));
      g_ptr_array_add (batch, change);
    }
  return batch;
}

/* Pushes a batch; the answer's accepted and duplicates, and its cursor. */
static void
push (SoupSession      *session,
      CcSyncTestServer *server,
      const char       *token,
      GPtrArray        *batch,
      gint64           *out_accepted,
      gint64           *out_duplicates,
      gint64           *out_cursor)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/push", server->base_url);
  g_autofree char *json = cc_change_list_to_json (batch);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  guint status = 0;

  answer = call_json (session, "POST", url, token, json, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);
  object = json_node_get_object (answer);
  *out_accepted = json_object_get_int_member (object, "accepted");
  *out_duplicates = json_object_get_int_member (object, "duplicates");
  if (out_cursor != NULL)
    *out_cursor = json_object_get_int_member (object, "cursor");
}

/* One page after the cursor: each change's id, in seq order, checking
 * that every page continues exactly where the cursor stood. */
static gboolean
pull_page (SoupSession      *session,
           CcSyncTestServer *server,
           const char       *token,
           gint64           *cursor,
           guint             limit,
           GPtrArray        *out_ids)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/pull?after=%" G_GINT64_FORMAT "&limit=%u",
                                          server->base_url, *cursor, limit);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  JsonArray *changes;
  guint status = 0;

  answer = call_json (session, "GET", url, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);
  object = json_node_get_object (answer);
  changes = json_object_get_array_member (object, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, *cursor + 1);
      *cursor += 1;
      g_ptr_array_add (out_ids, g_strdup (json_object_get_string_member (change, "id")));
    }
  if (json_array_get_length (changes) > 0)
    g_assert_cmpint (json_object_get_int_member (object, "cursor"), ==, *cursor);
  return json_object_get_boolean_member (object, "more");
}

static GPtrArray *
pull_all (SoupSession      *session,
          CcSyncTestServer *server,
          const char       *token)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gint64 cursor = 0;

  while (pull_page (session, server, token, &cursor, 5000, ids))
    ;
  return ids;
}

static char *
make_shop (char **out_shop_id)
{
  g_autofree char *uuid = cc_uuid_v7_new ();
  g_autofree char *name = g_strdup_printf ("Two servers %s", uuid);

  return cc_sync_test_create_shop (db_uri, name, out_shop_id);
}

static void
test_push_one_pull_other (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *shop_id = NULL;
  g_autofree char *code = make_shop (&shop_id);
  g_autofree char *code_b = cc_sync_test_new_code (db_uri, shop_id);
  g_autoptr(CcHlc) hlc = cc_hlc_new ("laptop");
  g_autoptr(GPtrArray) batch = make_batch (hlc, 3);
  g_autoptr(GPtrArray) pulled = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG not really", 15);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
  g_autofree char *blob_url_a = g_strdup_printf ("%s/v1/blobs/%s", fixture->servers[0]->base_url, sha);
  g_autofree char *blob_url_b = g_strdup_printf ("%s/v1/blobs/%s", fixture->servers[1]->base_url, sha);
  g_autofree char *admin_out = NULL;
  g_autoptr(GPtrArray) photo_batch = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(JsonNode) answer = NULL;
  Device a = { 0 }, b = { 0 };
  gint64 accepted = 0, duplicates = 0, cursor = 0;
  guint status = 0;

  /* One device on each server: one shop, one run of device codes. */
  enrol (session, fixture->servers[0], code, "laptop", &a);
  enrol (session, fixture->servers[1], code_b, "stall", &b);
  g_assert_cmpstr (a.shop_id, ==, shop_id);
  g_assert_cmpstr (b.shop_id, ==, shop_id);
  g_assert_cmpstr (a.device_code, ==, "A");
  g_assert_cmpstr (b.device_code, ==, "B");

  /* A's code was used at server 1: server 2 knows it is spent. */
  {
    g_autofree char *url = g_strdup_printf ("%s/v1/enrol", fixture->servers[1]->base_url);
    g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"device_id\":\"thief\"}", code);
    g_autoptr(JsonNode) refused = call_json (session, "POST", url, NULL, body, &status);

    g_assert_cmpuint (status, ==, 410);
  }

  push (session, fixture->servers[0], a.token, batch, &accepted, &duplicates, &cursor);
  g_assert_cmpint (accepted, ==, 3);
  g_assert_cmpint (cursor, ==, 3);

  /* What server 1 stored, server 2 serves, in order. */
  pulled = pull_all (session, fixture->servers[1], b.token);
  g_assert_cmpuint (pulled->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_ptr_array_index (pulled, i), ==, ((CcChange *) g_ptr_array_index (batch, i))->change_id);

  /* A retried push through the other server is recognised. */
  push (session, fixture->servers[1], a.token, batch, &accepted, &duplicates, &cursor);
  g_assert_cmpint (accepted, ==, 0);
  g_assert_cmpint (duplicates, ==, 3);
  g_assert_cmpint (cursor, ==, 3);

  /* A blob uploaded to one server is there on the other. */
  answer = call (session, "PUT", blob_url_a, a.token, "application/octet-stream", photo, &status, NULL);
  g_assert_cmpuint (status, ==, 201);
  g_clear_pointer (&answer, json_node_unref);
  answer = call (session, "GET", blob_url_b, b.token, NULL, NULL, &status, &got);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, photo));
  g_clear_pointer (&answer, json_node_unref);
  {
    g_autofree char *value = g_strdup_printf ("\"%s\"", sha);
    CcChange *change;

    photo_batch = make_batch (hlc, 1);
    change = g_ptr_array_index (photo_batch, 0);
    g_free (change->reg);
    change->reg = g_strdup ("sha256");
    g_free (change->value);
    change->value = g_steal_pointer (&value);
  }
  push (session, fixture->servers[1], b.token, photo_batch, &accepted, &duplicates, &cursor);
  g_assert_cmpint (accepted, ==, 1);
  g_assert_cmpint (cursor, ==, 4);

  /* Revoked through the database: both servers refuse the token at once. */
  g_assert_cmpint (cc_sync_test_run_admin (db_uri, &admin_out, "device", "revoke", shop_id, "A", NULL), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/pull?after=0", fixture->servers[i]->base_url);
      g_autoptr(JsonNode) refused = call_json (session, "GET", url, a.token, NULL, &status);

      g_assert_cmpuint (status, ==, 401);
    }

  device_clear (&a);
  device_clear (&b);
}

/* Concurrency through both servers. */

#define N_PUSHERS 4
#define N_BATCHES 15
#define BATCH_SIZE 20

typedef struct
{
  Fixture    *fixture;
  Device     *devices;      /* one per server */
  GPtrArray  *shared;       /* pushed by every pusher at the start */
  gint        accepted;
  gint        pushers_left;
  GHashTable *seen;
  gint64      reader_cursor;
  guint       reader_pulls;
} Race;

typedef struct
{
  Race  *race;
  guint  index;
} Pusher;

static gpointer
pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  Race *race = pusher->race;
  guint which = pusher->index % 2;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *node = g_strdup_printf ("pusher-%u", pusher->index);
  g_autoptr(CcHlc) hlc = cc_hlc_new (node);
  gint64 accepted = 0, duplicates = 0;

  push (session, race->fixture->servers[which], race->devices[which].token, race->shared,
        &accepted, &duplicates, NULL);
  g_assert_cmpint (accepted + duplicates, ==, race->shared->len);
  g_atomic_int_add (&race->accepted, (gint) accepted);

  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_autoptr(GPtrArray) batch = make_batch (hlc, BATCH_SIZE);

      push (session, race->fixture->servers[which], race->devices[which].token, batch,
            &accepted, &duplicates, NULL);
      g_assert_cmpint (accepted, ==, BATCH_SIZE);
      g_atomic_int_add (&race->accepted, (gint) accepted);
    }
  g_atomic_int_dec_and_test (&race->pushers_left);
  return NULL;
}

/* Pulls small pages from both servers in turn while the pushes commit. */
static gpointer
reader_thread (gpointer data)
{
  Race *race = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  gboolean last_pass = FALSE;

  while (!last_pass)
    {
      gboolean more = TRUE;

      last_pass = g_atomic_int_get (&race->pushers_left) == 0;
      while (more)
        {
          guint which = race->reader_pulls++ % 2;
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

          more = pull_page (session, race->fixture->servers[which], race->devices[which].token,
                            &race->reader_cursor, 13, ids);
          for (guint i = 0; i < ids->len; i++)
            g_assert_true (g_hash_table_add (race->seen, g_strdup (g_ptr_array_index (ids, i))));
        }
    }
  return NULL;
}

static void
test_concurrent_push (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *shop_id = NULL;
  g_autofree char *code = make_shop (&shop_id);
  g_autofree char *code_b = cc_sync_test_new_code (db_uri, shop_id);
  g_autoptr(CcHlc) hlc = cc_hlc_new ("shared");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) unique = g_hash_table_new (g_str_hash, g_str_equal);
  Device devices[2] = { { 0 } };
  Pusher pushers[N_PUSHERS];
  GThread *threads[N_PUSHERS];
  GThread *reader;
  Race race = { 0 };
  guint expected;

  enrol (session, fixture->servers[0], code, "one", &devices[0]);
  enrol (session, fixture->servers[1], code_b, "two", &devices[1]);

  race.fixture = fixture;
  race.devices = devices;
  race.shared = make_batch (hlc, 10);
  race.pushers_left = N_PUSHERS;
  race.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  expected = N_PUSHERS * N_BATCHES * BATCH_SIZE + race.shared->len;

  reader = g_thread_new ("reader", reader_thread, &race);
  for (guint i = 0; i < N_PUSHERS; i++)
    {
      pushers[i] = (Pusher) { .race = &race, .index = i };
      threads[i] = g_thread_new ("pusher", pusher_thread, &pushers[i]);
    }
  for (guint i = 0; i < N_PUSHERS; i++)
    g_thread_join (threads[i]);
  g_thread_join (reader);

  /* The shared batch was stored once, whichever server got it first. */
  g_assert_cmpint (race.accepted, ==, expected);

  /* 1…n, dense and unique, the same through either server; the reader,
   * which never stepped back, saw every change. */
  for (guint which = 0; which < 2; which++)
    {
      all = pull_all (session, fixture->servers[which], devices[which].token);
      g_assert_cmpuint (all->len, ==, expected);
      for (guint i = 0; i < all->len; i++)
        {
          g_assert_true (g_hash_table_contains (race.seen, g_ptr_array_index (all, i)));
          g_hash_table_add (unique, g_ptr_array_index (all, i));
        }
      g_assert_cmpuint (g_hash_table_size (unique), ==, expected);
      g_hash_table_remove_all (unique);
      g_clear_pointer (&all, g_ptr_array_unref);
    }
  g_assert_cmpint (race.reader_cursor, ==, expected);
  g_assert_cmpuint (g_hash_table_size (race.seen), ==, expected);

  g_hash_table_unref (race.seen);
  g_ptr_array_unref (race.shared);
  device_clear (&devices[0]);
  device_clear (&devices[1]);
}

/* Only PostgreSQL is for several processes; `meson test` runs this suite
 * through tools/with-postgres.sh. */
static void
test_needs_postgresql (void)
{
  g_test_skip ("needs CC_SYNC_TEST_DB=postgresql://… (tools/with-postgres.sh)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  db_uri = cc_sync_test_db_uri ();
  if (g_str_has_prefix (db_uri, "sqlite:"))
    {
      g_test_add_func ("/sync/two-servers/needs-postgresql", test_needs_postgresql);
      return g_test_run ();
    }

  g_test_add ("/sync/two-servers/push-to-one-pull-from-other", Fixture, NULL,
              fixture_set_up, test_push_one_pull_other, fixture_tear_down);
  g_test_add ("/sync/two-servers/concurrent-pushes-dense-unique-seqs", Fixture, NULL,
              fixture_set_up, test_concurrent_push, fixture_tear_down);

  return g_test_run ();
}
