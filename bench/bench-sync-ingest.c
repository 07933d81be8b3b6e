/* bench-sync-ingest.c — changes per second the sync server stores with 200 devices pushing at once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real craftchain-sync on loopback (SQLite in a temporary
 * directory, or CC_SYNC_BENCH_DB, for example postgresql://…), enrols 200
 * devices, builds every batch beforehand, then lets 200 threads push at
 * once, each with its own HTTP session. DESIGN's target: over 25,000
 * changes per second.
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "cc-change.h"
#include "cc-hlc.h"
#include "cc-sync-test-server.h"
#include "cc-uuid.h"

#define N_DEVICES 200
#define BATCHES_PER_DEVICE 2
#define CHANGES_PER_BATCH 500
#define TARGET_PER_SECOND 25000

typedef struct
{
  char       *token;
  char       *device_id;
  GPtrArray  *bodies;      /* GBytes*, one per batch */
  const char *base_url;
  guint       accepted;
  guint       failures;
  GMutex     *start_lock;
  GCond      *start_cond;
  gboolean   *started;
} Device;

static char *
enrol (SoupSession *session,
       const char  *base_url,
       const char  *code,
       const char  *device_id)
{
  g_autofree char *url = g_strconcat (base_url, "/v1/enrol", NULL);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"device_id\":\"%s\",\"device_name\":\"bench\"}",
                                           code, device_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  if (answer == NULL || soup_message_get_status (msg) != 200)
    g_error ("enrolment failed: %s", error != NULL ? error->message : soup_message_get_reason_phrase (msg));
  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error))
    g_error ("enrolment answer: %s", error->message);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token"));
}

static GBytes *
make_body (const char *device_id,
           guint       batch)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  gint64 now = g_get_real_time () / 1000;
  char *text;

  for (guint i = 0; i < CHANGES_PER_BATCH; i++)
    {
      CcChange *change = cc_change_new ();
      CcHlcStamp stamp = { 0 };

      stamp.wall_ms = now;
      stamp.counter = batch * CHANGES_PER_BATCH + i;
      g_strlcpy (stamp.node, device_id, sizeof stamp.node);
      change->change_id = cc_uuid_v7_new ();
      change->entity = g_strdup ("product");
      change->row_id = cc_uuid_v7_new ();
      change->reg = g_strdup (i % 2 == 0 ? "price" : "title@en");
      change->value = i % 2 == 0 ? g_strdup_printf ("%u", 1000 + i) : g_strdup_printf ("\"Blue mug %u\"", i);
      change->hlc = cc_hlc_stamp_to_string (&stamp);
      change->device = g_strdup (device_id);
      g_ptr_array_add (changes, change);
    }
  text = cc_change_list_to_json (changes);
  return g_bytes_new_take (text, strlen (text));
}

static gpointer
push_thread (gpointer data)
{
  Device *device = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  g_autofree char *url = g_strconcat (device->base_url, "/v1/push", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", device->token, NULL);

  g_mutex_lock (device->start_lock);
  while (!*device->started)
    g_cond_wait (device->start_cond, device->start_lock);
  g_mutex_unlock (device->start_lock);

  for (guint b = 0; b < device->bodies->len; b++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      soup_message_set_request_body_from_bytes (msg, "application/json", g_ptr_array_index (device->bodies, b));
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      if (answer != NULL && soup_message_get_status (msg) == 200)
        device->accepted += CHANGES_PER_BATCH;
      else
        {
          if (device->failures++ == 0)
            g_printerr ("push failed: %u %s\n", soup_message_get_status (msg),
                        error != NULL ? error->message : "");
        }
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const char * const args[] = { "--rate", "100000", "--enrol-rate", "100000", NULL };
  const char *env = g_getenv ("CC_SYNC_BENCH_DB");
  g_autofree char *db_uri = NULL;
  g_autoptr(CcSyncTestServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *shop_name = NULL;
  Device devices[N_DEVICES];
  GThread *threads[N_DEVICES];
  GMutex start_lock;
  GCond start_cond;
  gboolean started = FALSE;
  guint total = 0, failures = 0;
  gint64 t0, t1;
  double seconds, rate;

  /* g_print writes UTF-8 (the ×) in the locale’s charset. */
  setlocale (LC_ALL, "");

  if (env != NULL && *env != '\0')
    db_uri = g_strdup (env);
  else
    db_uri = cc_sync_test_db_uri ();
  g_print ("bench-sync-ingest: %d devices × %d batches × %d changes on %s\n",
           N_DEVICES, BATCHES_PER_DEVICE, CHANGES_PER_BATCH, g_str_has_prefix (db_uri, "sqlite:") ? "SQLite" : "PostgreSQL");

  server = cc_sync_test_server_start (db_uri, args);
  session = soup_session_new ();
  shop_name = g_strdup_printf ("bench %" G_GINT64_FORMAT, g_get_real_time ());
  g_free (cc_sync_test_create_shop (db_uri, shop_name, NULL));

  g_mutex_init (&start_lock);
  g_cond_init (&start_cond);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autofree char *code = cc_sync_test_new_code (db_uri, shop_name);
      Device *device = &devices[i];

      memset (device, 0, sizeof *device);
      device->device_id = cc_uuid_v7_new ();
      device->token = enrol (session, server->base_url, code, device->device_id);
      device->base_url = server->base_url;
      device->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (guint b = 0; b < BATCHES_PER_DEVICE; b++)
        g_ptr_array_add (device->bodies, make_body (device->device_id, b));
      device->start_lock = &start_lock;
      device->start_cond = &start_cond;
      device->started = &started;
      threads[i] = g_thread_new ("push", push_thread, device);
    }

  g_mutex_lock (&start_lock);
  started = TRUE;
  t0 = g_get_monotonic_time ();
  g_cond_broadcast (&start_cond);
  g_mutex_unlock (&start_lock);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_thread_join (threads[i]);
      total += devices[i].accepted;
      failures += devices[i].failures;
    }
  t1 = g_get_monotonic_time ();

  seconds = (t1 - t0) / (double) G_USEC_PER_SEC;
  rate = total / seconds;
  g_print ("  stored %u changes in %.2f s: %.0f changes/s (target > %d/s: %s)%s\n",
           total, seconds, rate, TARGET_PER_SECOND, rate > TARGET_PER_SECOND ? "met" : "NOT met",
           failures > 0 ? ", SOME PUSHES FAILED" : "");

  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_free (devices[i].token);
      g_free (devices[i].device_id);
      g_ptr_array_unref (devices[i].bodies);
    }
  g_mutex_clear (&start_lock);
  g_cond_clear (&start_cond);
  return failures > 0 ? 1 : 0;
}
