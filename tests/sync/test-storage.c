/* test-storage.c — the sync server's storage contract, on SQLite or PostgreSQL.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the database $CC_SYNC_TEST_DB names (tools/with-postgres.sh
 * sets it to a throwaway PostgreSQL), or a fresh SQLite file without it.
 * Every test makes its own shops, so they share one database safely.
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-sync-storage.h"
#include "cc-sync-test-server.h"
#include "cc-uuid.h"

#define STAMP "001700000000000-0000001f-dev-1"

static char *db_uri;

static CcSyncStorage *
open_storage (void)
{
  g_autoptr(GError) error = NULL;
  CcSyncStorage *storage = cc_sync_storage_open (db_uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (storage);
  return storage;
}

static char *
unique_name (const char *prefix)
{
  g_autofree char *uuid = cc_uuid_v7_new ();

  return g_strdup_printf ("%s %s", prefix, uuid);
}

/* A new shop; its id, and its first code in out_code (may be NULL). */
static char *
make_shop (CcSyncStorage  *storage,
           const char     *prefix,
           char          **out_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unique_name (prefix);
  g_autofree char *code = NULL;
  char *id = cc_sync_storage_create_shop (storage, name, &code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  if (out_code != NULL)
    *out_code = g_steal_pointer (&code);
  return id;
}

static CcSyncShop *
find_shop (CcSyncStorage *storage,
           const char    *shop_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shops = cc_sync_storage_list_shops (storage, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < shops->len; i++)
    {
      CcSyncShop *shop = g_ptr_array_index (shops, i);

      if (g_str_equal (shop->id, shop_id))
        return g_ptr_array_steal_index (shops, i);
    }
  g_assert_not_reached ();
}

static CcChange *
make_change (const char *reg,
             const char *value)
{
  CcChange *change = cc_change_new ();

  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup ("product");
  change->row_id = cc_uuid_v7_new ();
  change->reg = g_strdup (reg);
  change->value = g_strdup (value);
  change->hlc = g_strdup (STAMP);
  change->device = g_strdup ("dev-1");
  return change;
}

static GPtrArray *
make_batch (guint n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = g_strdup_printf ("\"Mug %u\"", i);

      g_ptr_array_add (batch, make_change ("title", value));
    }
  return batch;
}

static GPtrArray *
pull_all (CcSyncStorage *storage,
          const char    *shop_id,
          gint64         after)
{
  g_autoptr(GError) error = NULL;
  gboolean more = TRUE;
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_stored_change_free);

  while (more)
    {
      g_autoptr(GPtrArray) page = cc_sync_storage_pull (storage, shop_id, after, CC_SYNC_PULL_MAX_CHANGES,
                                                        &more, &error);

      g_assert_no_error (error);
      if (page->len > 0)
        after = ((CcSyncStoredChange *) g_ptr_array_index (page, page->len - 1))->seq;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
    }
  return all;
}

/* The change a stored record holds. */
static CcChange *
stored_change (const CcSyncStoredChange *stored)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = g_strdup_printf ("[%s]", stored->json);
  g_autoptr(GPtrArray) changes = cc_change_list_from_json (list, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  return g_ptr_array_steal_index (changes, 0);
}

/* Runs one statement with one text parameter directly on the test's
 * database, behind the storage's back; returns the first column of the
 * first row as a number (0 without rows). */
static gint64
raw_query (const char *sql,
           const char *param)
{
  gint64 answer = 0;

  if (g_str_has_prefix (db_uri, "sqlite:"))
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_open (db_uri + strlen ("sqlite:"), &db), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 5000);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
      if (rc == SQLITE_ROW)
        answer = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  else
    {
      PGconn *conn = PQconnectdb (db_uri);
      const char *params[] = { param };
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
      g_assert_true (PQresultStatus (result) == PGRES_TUPLES_OK || PQresultStatus (result) == PGRES_COMMAND_OK);
      if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0)
        answer = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
    }
  return answer;
}

static char *
code_hash (const char *code)
{
  g_autofree char *normal = cc_sync_normalise_code (code);

  return cc_sync_hash_secret (normal);
}

static void
test_shops (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unique_name ("Indigo Pottery");
  g_autofree char *code = NULL;
  g_autofree char *again_code = NULL;
  g_autofree char *id = cc_sync_storage_create_shop (storage, name, &code, &error);
  g_autofree char *again = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *by_id = NULL;
  g_autofree char *unknown = NULL;
  g_autoptr(CcSyncShop) shop = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  guint n_shops;

  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (id));
  g_assert_true (g_regex_match_simple ("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code, 0, 0));

  shop = find_shop (storage, id);
  g_assert_cmpstr (shop->name, ==, name);
  g_assert_true (g_str_has_suffix (shop->created, "Z"));
  g_assert_cmpint (shop->n_devices, ==, 0);
  g_assert_cmpint (shop->n_changes, ==, 0);

  /* Only the code's hash is stored. */
  g_assert_cmpint (raw_query ("SELECT count(*) FROM codes WHERE hash = $1", code), ==, 0);
  {
    g_autofree char *hash = code_hash (code);

    g_assert_cmpint (raw_query ("SELECT count(*) FROM codes WHERE hash = $1", hash), ==, 1);
  }

  /* A name is taken once; nothing is added. */
  shops = cc_sync_storage_list_shops (storage, &error);
  g_assert_no_error (error);
  n_shops = shops->len;
  g_clear_pointer (&shops, g_ptr_array_unref);
  again = cc_sync_storage_create_shop (storage, name, &again_code, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_null (again);
  g_assert_null (again_code);
  g_clear_error (&error);
  again = cc_sync_storage_create_shop (storage, "", &again_code, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (again);
  g_clear_error (&error);
  shops = cc_sync_storage_list_shops (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shops->len, ==, n_shops);

  /* New codes, by name and by id, each different. */
  by_name = cc_sync_storage_new_code (storage, name, &error);
  g_assert_no_error (error);
  by_id = cc_sync_storage_new_code (storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_name, !=, code);
  g_assert_cmpstr (by_name, !=, by_id);
  unknown = cc_sync_storage_new_code (storage, "no such shop", &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (unknown);
  g_clear_error (&error);

  g_assert_true (cc_sync_storage_ping (storage, &error));
  g_assert_no_error (error);
}

static void
test_codes (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shop_id = make_shop (storage, "Codes", &code);
  g_autofree char *token = NULL;
  g_autofree char *second_token = NULL;
  g_autofree char *sloppy = NULL;
  g_autofree char *expiring = NULL;
  g_autofree char *expiring_hash = NULL;
  g_autoptr(CcSyncDevice) device = NULL;
  g_autoptr(CcSyncDevice) second = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  /* An unknown code. */
  device = cc_sync_storage_enrol (storage, "2222-3333-4444", "laptop", "Laptop", &token, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
  g_assert_null (device);
  g_assert_null (token);
  g_clear_error (&error);

  /* Typed in lower case, without its dashes: still the code. */
  sloppy = g_ascii_strdown (code, -1);
  g_strdelimit (sloppy, "-", ' ');
  device = cc_sync_storage_enrol (storage, sloppy, "laptop", "Laptop", &token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (device->shop_id, ==, shop_id);
  g_assert_cmpstr (device->device_code, ==, "A");
  g_assert_nonnull (token);

  /* Used once, it is spent; nothing is enrolled. */
  second = cc_sync_storage_enrol (storage, code, "stall", "Stall", &second_token, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_null (second);
  g_assert_null (second_token);
  g_clear_error (&error);

  /* An expired code is refused; nothing is enrolled. */
  expiring = cc_sync_storage_new_code (storage, shop_id, &error);
  g_assert_no_error (error);
  expiring_hash = code_hash (expiring);
  raw_query ("UPDATE codes SET expires = 1000 WHERE hash = $1", expiring_hash);
  second = cc_sync_storage_enrol (storage, expiring, "stall", "Stall", &second_token, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_null (second);
  g_clear_error (&error);

  devices = cc_sync_storage_list_devices (storage, shop_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 1);
}

static void
test_enrol_auth_revoke (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shop_id = make_shop (storage, "Devices", &code);
  g_autofree char *code_b = cc_sync_storage_new_code (storage, shop_id, NULL);
  g_autofree char *code_again = cc_sync_storage_new_code (storage, shop_id, NULL);
  g_autofree char *token_a = NULL;
  g_autofree char *token_b = NULL;
  g_autofree char *token_a2 = NULL;
  g_autofree char *hash_a = NULL;
  g_autoptr(CcSyncDevice) a = NULL;
  g_autoptr(CcSyncDevice) b = NULL;
  g_autoptr(CcSyncDevice) a2 = NULL;
  g_autoptr(CcSyncDevice) found = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(CcSyncShop) shop = NULL;
  CcSyncDevice *listed;

  a = cc_sync_storage_enrol (storage, code, "laptop-id", "Workshop laptop", &token_a, &error);
  g_assert_no_error (error);
  b = cc_sync_storage_enrol (storage, code_b, "stall-id", "Market stall", &token_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->device_code, ==, "A");
  g_assert_cmpstr (b->device_code, ==, "B");
  g_assert_cmpstr (b->name, ==, "Market stall");
  g_assert_false (b->revoked);
  g_assert_cmpstr (token_a, !=, token_b);

  /* Only the token's hash is stored. */
  hash_a = cc_sync_hash_secret (token_a);
  g_assert_cmpint (raw_query ("SELECT count(*) FROM devices WHERE token_hash = $1", token_a), ==, 0);
  g_assert_cmpint (raw_query ("SELECT count(*) FROM devices WHERE token_hash = $1", hash_a), ==, 1);

  found = cc_sync_storage_authenticate (storage, token_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->shop_id, ==, shop_id);
  g_assert_cmpstr (found->device_id, ==, "stall-id");
  g_assert_cmpstr (found->device_code, ==, "B");
  g_clear_pointer (&found, cc_sync_device_free);

  found = cc_sync_storage_authenticate (storage, "not-a-token", &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
  g_assert_null (found);
  g_clear_error (&error);

  /* A reinstalled device keeps its code; its old token stops working. */
  a2 = cc_sync_storage_enrol (storage, code_again, "laptop-id", "Laptop again", &token_a2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a2->device_code, ==, "A");
  g_assert_cmpstr (a2->name, ==, "Laptop again");
  found = cc_sync_storage_authenticate (storage, token_a, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  found = cc_sync_storage_authenticate (storage, token_a2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->device_code, ==, "A");
  g_clear_pointer (&found, cc_sync_device_free);

  /* Revoking B by its code: its token stops, A's goes on. */
  g_assert_true (cc_sync_storage_revoke_device (storage, shop_id, "B", &error));
  g_assert_no_error (error);
  found = cc_sync_storage_authenticate (storage, token_b, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
  g_assert_null (found);
  g_clear_error (&error);
  found = cc_sync_storage_authenticate (storage, token_a2, &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, cc_sync_device_free);

  /* Unknown devices and shops: nothing changes. */
  g_assert_false (cc_sync_storage_revoke_device (storage, shop_id, "Q", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cc_sync_storage_revoke_device (storage, "no such shop", "A", &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  devices = cc_sync_storage_list_devices (storage, shop_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);
  listed = g_ptr_array_index (devices, 0);
  g_assert_cmpstr (listed->device_code, ==, "A");
  g_assert_false (listed->revoked);
  /* Authenticating noted when the device was last seen. */
  g_assert_nonnull (listed->last_seen);
  listed = g_ptr_array_index (devices, 1);
  g_assert_cmpstr (listed->device_code, ==, "B");
  g_assert_cmpstr (listed->device_id, ==, "stall-id");
  g_assert_true (listed->revoked);
  g_assert_true (g_str_has_suffix (listed->enrolled, "Z"));

  shop = find_shop (storage, shop_id);
  g_assert_cmpint (shop->n_devices, ==, 1);
}

static void
test_push_idempotent (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_id = make_shop (storage, "Push", NULL);
  g_autoptr(GPtrArray) batch = make_batch (3);
  g_autoptr(GPtrArray) mixed = g_ptr_array_new ();
  g_autoptr(GPtrArray) twice = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(CcChange) fresh = make_change ("price", "1250");
  g_autoptr(CcSyncShop) shop = NULL;
  guint accepted = 99, duplicates = 99;
  gint64 cursor = -1;

  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, &duplicates, &cursor, &missing, &error));
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_cmpuint (accepted, ==, 3);
  g_assert_cmpuint (duplicates, ==, 0);
  g_assert_cmpint (cursor, ==, 3);

  /* The same batch again: all duplicates, nothing stored. */
  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, &duplicates, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, 0);
  g_assert_cmpuint (duplicates, ==, 3);
  g_assert_cmpint (cursor, ==, 3);

  /* Old and new together: only the new one gets a number. */
  g_ptr_array_add (mixed, g_ptr_array_index (batch, 1));
  g_ptr_array_add (mixed, fresh);
  g_ptr_array_add (mixed, g_ptr_array_index (batch, 0));
  g_assert_true (cc_sync_storage_push (storage, shop_id, mixed, &accepted, &duplicates, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, 1);
  g_assert_cmpuint (duplicates, ==, 2);
  g_assert_cmpint (cursor, ==, 4);

  /* One change id twice in one batch is stored once. */
  g_ptr_array_add (twice, make_change ("stock", "7"));
  g_ptr_array_add (twice, cc_change_copy (g_ptr_array_index (twice, 0)));
  g_ptr_array_add (twice, make_change ("stock", "8"));
  g_assert_true (cc_sync_storage_push (storage, shop_id, twice, &accepted, &duplicates, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, 2);
  g_assert_cmpuint (duplicates, ==, 1);
  g_assert_cmpint (cursor, ==, 6);

  /* Dense numbers from 1, in push order, each change as it was sent. */
  stored = pull_all (storage, shop_id, 0);
  g_assert_cmpuint (stored->len, ==, 6);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpint (((CcSyncStoredChange *) g_ptr_array_index (stored, i))->seq, ==, i + 1);
  {
    const CcChange *expected[] = {
      g_ptr_array_index (batch, 0), g_ptr_array_index (batch, 1), g_ptr_array_index (batch, 2),
      fresh, g_ptr_array_index (twice, 0), g_ptr_array_index (twice, 2),
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(CcChange) got = stored_change (g_ptr_array_index (stored, i));

        g_assert_cmpstr (got->change_id, ==, expected[i]->change_id);
        g_assert_cmpstr (got->row_id, ==, expected[i]->row_id);
        g_assert_cmpstr (got->reg, ==, expected[i]->reg);
        g_assert_cmpstr (got->value, ==, expected[i]->value);
        g_assert_cmpstr (got->hlc, ==, expected[i]->hlc);
        g_assert_null (got->base_hlc);
        g_assert_cmpstr (got->device, ==, expected[i]->device);
      }
  }

  shop = find_shop (storage, shop_id);
  g_assert_cmpint (shop->n_changes, ==, 6);
}

/* A value as json-glib writes it back. */
static char *
normalised_value (const char *value)
{
  g_autoptr(JsonNode) node = cc_json_parse (value, 30, NULL);

  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

/* Values that are awkward to store: quotes, backslashes, braces, commas,
 * non-ASCII text, escaped control characters. */
static void
test_push_awkward_values (void)
{
  static const char * const values[] = {
    "\"a \\\"quoted\\\" word, {braced}\"",
    "\"back\\\\slash\"",
    "\"चाय की प्याली\"",
    "\"tab\\tand newline\\n\"",
    "{\"a\":[1,2,{\"b\":null}],\"c\":\"}\"}",
    "-9223372036854775808",
  };
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_id = make_shop (storage, "Awkward", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) stored = NULL;
  guint accepted = 0, duplicates = 0;
  gint64 cursor = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      CcChange *change = make_change ("note", values[i]);

      g_assert_true (cc_change_validate (change, NULL));
      g_ptr_array_add (batch, change);
    }
  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, &duplicates, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, G_N_ELEMENTS (values));

  stored = pull_all (storage, shop_id, 0);
  g_assert_cmpuint (stored->len, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < stored->len; i++)
    {
      g_autoptr(CcChange) got = stored_change (g_ptr_array_index (stored, i));
      g_autoptr(JsonNode) node = cc_change_to_json (g_ptr_array_index (batch, i));
      g_autofree char *sent = json_to_string (node, FALSE);
      const CcChange *original = g_ptr_array_index (batch, i);
      g_autofree char *want = normalised_value (original->value);

      /* The record is kept byte for byte as it was written. */
      g_assert_cmpstr (((CcSyncStoredChange *) g_ptr_array_index (stored, i))->json, ==, sent);
      g_assert_cmpstr (got->change_id, ==, original->change_id);
      g_assert_cmpstr (got->value, ==, want);
    }
}

static void
test_missing_blob (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_id = make_shop (storage, "Blobs", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a photo", 7);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *value = g_strdup_printf ("\"%s\"", sha);
  g_autoptr(GPtrArray) batch = make_batch (2);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  guint accepted = 0, duplicates = 0;
  gint64 cursor = 0;
  gboolean created = FALSE;

  g_ptr_array_add (batch, make_change ("sha256", value));
  g_ptr_array_add (batch, make_change ("cover_sha256", value));

  g_assert_false (cc_sync_storage_push (storage, shop_id, batch, &accepted, &duplicates, &cursor, &missing, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_nonnull (missing);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, sha);
  g_clear_pointer (&missing, g_ptr_array_unref);

  /* Nothing of the batch was stored, not even the changes without blobs. */
  stored = pull_all (storage, shop_id, 0);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* Blob first, then the batch goes through. */
  g_assert_true (cc_sync_storage_put_blob (storage, shop_id, sha, bytes, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, &duplicates, &cursor, &missing, &error));
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_cmpuint (accepted, ==, 4);
  g_assert_cmpint (cursor, ==, 4);
}

static void
test_pull_paging (void)
{
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_id = make_shop (storage, "Paging", NULL);
  g_autofree char *other_id = make_shop (storage, "Paging other", NULL);
  g_autoptr(GPtrArray) batch = make_batch (25);
  g_autoptr(GPtrArray) other_batch = make_batch (4);
  gint64 after = 0;
  guint pages[] = { 10, 10, 5 };
  guint accepted = 0;
  gint64 cursor = 0;

  g_assert_true (cc_sync_storage_push (storage, other_id, other_batch, &accepted, NULL, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, NULL, &cursor, NULL, &error));
  g_assert_no_error (error);
  /* Each shop numbers its own changes. */
  g_assert_cmpint (cursor, ==, 25);

  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      gboolean more = FALSE;
      g_autoptr(GPtrArray) page = cc_sync_storage_pull (storage, shop_id, after, 10, &more, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, pages[p]);
      g_assert_true (more == (p + 1 < G_N_ELEMENTS (pages)));
      for (guint i = 0; i < page->len; i++)
        {
          CcSyncStoredChange *stored = g_ptr_array_index (page, i);
          g_autoptr(CcChange) got = stored_change (stored);
          const CcChange *sent = g_ptr_array_index (batch, after);

          g_assert_cmpint (stored->seq, ==, after + 1);
          g_assert_cmpstr (got->change_id, ==, sent->change_id);
          after = stored->seq;
        }
    }

  /* After the end: empty, no more. A limit of 0 still returns one. */
  {
    gboolean more = TRUE;
    g_autoptr(GPtrArray) page = cc_sync_storage_pull (storage, shop_id, 25, 10, &more, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 0);
    g_assert_false (more);
  }
  {
    gboolean more = FALSE;
    g_autoptr(GPtrArray) page = cc_sync_storage_pull (storage, shop_id, 0, 0, &more, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 1);
    g_assert_true (more);
  }
  {
    g_autoptr(GPtrArray) page = cc_sync_storage_pull (storage, shop_id, -5, 100, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 25);
  }
}

static void
test_blob_scoping (void)
{
  static const guint8 data[] = { 0x00, 0xff, 0x5c, 0x27, 0x22, 0x00, 0x80, 0x0a, 'x' };
  g_autoptr(CcSyncStorage) storage = open_storage ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_a = make_shop (storage, "Blob A", NULL);
  g_autofree char *shop_b = make_shop (storage, "Blob B", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *empty_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, empty);
  g_autofree char *value = g_strdup_printf ("\"%s\"", sha);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) pulled = NULL;
  g_autofree char *upper = g_ascii_strup (sha, -1);
  gboolean created = FALSE;
  guint accepted = 0;
  gint64 cursor = 0;

  g_assert_true (cc_sync_storage_put_blob (storage, shop_a, sha, bytes, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (cc_sync_storage_put_blob (storage, shop_a, sha, bytes, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_true (cc_sync_storage_put_blob (storage, shop_a, empty_sha, empty, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);

  /* The bytes come back exactly, to their shop only. */
  got = cc_sync_storage_get_blob (storage, shop_a, sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, bytes));
  g_clear_pointer (&got, g_bytes_unref);
  got = cc_sync_storage_get_blob (storage, shop_a, empty_sha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_true (cc_sync_storage_has_blob (storage, shop_a, sha, &error));
  g_assert_no_error (error);

  got = cc_sync_storage_get_blob (storage, shop_b, sha, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);
  g_assert_false (cc_sync_storage_has_blob (storage, shop_b, sha, &error));
  g_assert_no_error (error);

  /* Shop B may not name shop A's blob. */
  g_ptr_array_add (batch, make_change ("sha256", value));
  g_assert_false (cc_sync_storage_push (storage, shop_b, batch, &accepted, NULL, &cursor, &missing, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_true (cc_sync_storage_push (storage, shop_a, batch, &accepted, NULL, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, 1);

  /* Shop B sees none of shop A's changes. */
  pulled = pull_all (storage, shop_b, 0);
  g_assert_cmpuint (pulled->len, ==, 0);

  /* A malformed name is refused before the database. */
  g_assert_false (cc_sync_storage_put_blob (storage, shop_a, upper, bytes, &created, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  got = cc_sync_storage_get_blob (storage, shop_a, "../etc/passwd", &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (got);
  g_clear_error (&error);
}

/* Concurrency: two handles (two connections, as two server processes have)
 * and several threads on each. */

#define N_WRITERS 6
#define N_ROUNDS 12
#define OWN_BATCH 15
#define SHARED_BATCH 5

typedef struct
{
  CcSyncStorage *storage[2];
  const char    *shop_id;
  GPtrArray     *shared[N_ROUNDS];   /* pushed by every writer in its round */
  gint           accepted;
  gint           duplicates;
  gint           writers_left;
  GHashTable    *seen;               /* change ids the reader saw */
  gint64         reader_cursor;
  guint          reader_pulls;
} Race;

typedef struct
{
  Race  *race;
  guint  index;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  Race *race = writer->race;
  CcSyncStorage *storage = race->storage[writer->index % 2];

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GPtrArray) own = make_batch (OWN_BATCH);
      g_autoptr(GError) error = NULL;
      guint accepted = 0, duplicates = 0;
      gint64 cursor = 0;

      g_assert_true (cc_sync_storage_push (storage, race->shop_id, own, &accepted, &duplicates, &cursor, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (accepted, ==, OWN_BATCH);
      g_assert_cmpint (cursor, >=, OWN_BATCH);
      g_atomic_int_add (&race->accepted, accepted);
      g_atomic_int_add (&race->duplicates, duplicates);

      if (race->shared[r] != NULL)
        {
          g_assert_true (cc_sync_storage_push (storage, race->shop_id, race->shared[r], &accepted, &duplicates,
                                               &cursor, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (accepted + duplicates, ==, SHARED_BATCH);
          g_atomic_int_add (&race->accepted, accepted);
          g_atomic_int_add (&race->duplicates, duplicates);
        }
    }
  g_atomic_int_dec_and_test (&race->writers_left);
  return NULL;
}

/* Pulls small pages while the writers commit: every page must continue
 * exactly where the last ended. A number that became visible below the
 * cursor after the reader had passed it would be missed for ever. */
static gpointer
reader_thread (gpointer data)
{
  Race *race = data;
  gboolean last_pass = FALSE;

  while (!last_pass)
    {
      gboolean more = TRUE;

      last_pass = g_atomic_int_get (&race->writers_left) == 0;
      while (more)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) page = cc_sync_storage_pull (race->storage[race->reader_pulls % 2], race->shop_id,
                                                            race->reader_cursor, 7, &more, &error);

          g_assert_no_error (error);
          race->reader_pulls++;
          for (guint i = 0; i < page->len; i++)
            {
              CcSyncStoredChange *stored = g_ptr_array_index (page, i);
              g_autoptr(CcChange) change = stored_change (stored);

              g_assert_cmpint (stored->seq, ==, race->reader_cursor + 1);
              race->reader_cursor = stored->seq;
              g_assert_true (g_hash_table_add (race->seen, g_strdup (change->change_id)));
            }
        }
    }
  return NULL;
}

static void
test_concurrent_push (void)
{
  Race race = { 0 };
  Writer writers[N_WRITERS];
  GThread *threads[N_WRITERS];
  GThread *reader;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(CcSyncShop) shop = NULL;
  g_autofree char *shop_id = NULL;
  gint n_shared = 0;
  gint expected;

  race.storage[0] = open_storage ();
  race.storage[1] = open_storage ();
  shop_id = make_shop (race.storage[0], "Race", NULL);
  race.shop_id = shop_id;
  race.writers_left = N_WRITERS;
  race.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < N_ROUNDS; r += 3)
    {
      race.shared[r] = make_batch (SHARED_BATCH);
      n_shared += SHARED_BATCH;
    }
  expected = N_WRITERS * N_ROUNDS * OWN_BATCH + n_shared;

  reader = g_thread_new ("reader", reader_thread, &race);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      writers[i].race = &race;
      writers[i].index = i;
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    g_thread_join (threads[i]);
  g_thread_join (reader);

  /* Every change stored once: the shared ones by one writer only. */
  g_assert_cmpint (race.accepted, ==, expected);
  g_assert_cmpint (race.duplicates, ==, (N_WRITERS - 1) * n_shared);

  /* Numbers 1…n, each once, and the reader saw every one of them. */
  all = pull_all (race.storage[1], shop_id, 0);
  g_assert_cmpuint (all->len, ==, expected);
  for (guint i = 0; i < all->len; i++)
    {
      CcSyncStoredChange *stored = g_ptr_array_index (all, i);
      g_autoptr(CcChange) change = stored_change (stored);

      g_assert_cmpint (stored->seq, ==, i + 1);
      g_assert_true (g_hash_table_contains (race.seen, change->change_id));
    }
  g_assert_cmpuint (g_hash_table_size (race.seen), ==, expected);
  g_assert_cmpint (race.reader_cursor, ==, expected);
  g_assert_cmpuint (race.reader_pulls, >, 1);

  shop = find_shop (race.storage[0], shop_id);
  g_assert_cmpint (shop->n_changes, ==, expected);

  for (guint r = 0; r < N_ROUNDS; r++)
    g_clear_pointer (&race.shared[r], g_ptr_array_unref);
  g_hash_table_unref (race.seen);
  cc_sync_storage_free (race.storage[0]);
  cc_sync_storage_free (race.storage[1]);
}

#define N_ENROLLERS 8

typedef struct
{
  CcSyncStorage *storage;
  const char    *code;
  char          *device_id;
  CcSyncDevice  *device;
  GError        *error;
} Enroller;

static gpointer
enroller_thread (gpointer data)
{
  Enroller *enroller = data;
  g_autofree char *token = NULL;

  enroller->device = cc_sync_storage_enrol (enroller->storage, enroller->code, enroller->device_id, "Racer",
                                            &token, &enroller->error);
  return NULL;
}

/* Several devices enrolling at once: one code serves one of them; separate
 * codes give separate device codes. */
static void
test_concurrent_enrol (void)
{
  CcSyncStorage *storage[2] = { open_storage (), open_storage () };
  g_autofree char *code = NULL;
  g_autofree char *shop_id = make_shop (storage[0], "Enrol race", &code);
  g_autoptr(GHashTable) device_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *codes[N_ENROLLERS];
  Enroller enrollers[N_ENROLLERS];
  GThread *threads[N_ENROLLERS];
  guint succeeded = 0;

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < N_ENROLLERS; i++)
        {
          codes[i] = round == 0 ? g_strdup (code) : cc_sync_storage_new_code (storage[0], shop_id, NULL);
          enrollers[i] = (Enroller) {
            .storage = storage[i % 2],
            .code = codes[i],
            .device_id = g_strdup_printf ("device-%u-%u", round, i),
          };
        }
      for (guint i = 0; i < N_ENROLLERS; i++)
        threads[i] = g_thread_new ("enroller", enroller_thread, &enrollers[i]);
      succeeded = 0;
      for (guint i = 0; i < N_ENROLLERS; i++)
        {
          g_thread_join (threads[i]);
          if (enrollers[i].device != NULL)
            {
              g_assert_no_error (enrollers[i].error);
              succeeded++;
              g_assert_true (g_hash_table_add (device_codes, g_strdup (enrollers[i].device->device_code)));
            }
          else
            g_assert_error (enrollers[i].error, CC_ERROR, CC_ERROR_CONFLICT);
          g_clear_error (&enrollers[i].error);
          g_clear_pointer (&enrollers[i].device, cc_sync_device_free);
          g_free (enrollers[i].device_id);
          g_free (codes[i]);
        }
      g_assert_cmpuint (succeeded, ==, round == 0 ? 1 : N_ENROLLERS);
    }

  /* A…I, each once. */
  g_assert_cmpuint (g_hash_table_size (device_codes), ==, N_ENROLLERS + 1);
  for (guint i = 0; i <= N_ENROLLERS; i++)
    {
      g_autofree char *expected = cc_sync_device_code_for (i);

      g_assert_true (g_hash_table_contains (device_codes, expected));
    }

  cc_sync_storage_free (storage[0]);
  cc_sync_storage_free (storage[1]);
}

/* PostgreSQL only: a connection the database dropped (a restart, an
 * administrator) is replaced, not reported as a failure. */
static void
test_reconnects (void)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_id = NULL;
  g_autoptr(GPtrArray) batch = make_batch (2);
  g_autoptr(GPtrArray) stored = NULL;
  guint accepted = 0;
  gint64 cursor = 0;

  if (g_str_has_prefix (db_uri, "sqlite:"))
    {
      g_test_skip ("SQLite has no connections to lose");
      return;
    }

  storage = open_storage ();
  shop_id = make_shop (storage, "Reconnect", NULL);
  g_assert_cmpint (raw_query ("SELECT count(pg_terminate_backend (pid)) FROM pg_stat_activity"
                              " WHERE application_name = $1 AND pid <> pg_backend_pid ()", "craftchain-sync"),
                   >=, 1);

  g_assert_true (cc_sync_storage_ping (storage, &error));
  g_assert_no_error (error);
  g_assert_true (cc_sync_storage_push (storage, shop_id, batch, &accepted, NULL, &cursor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accepted, ==, 2);
  stored = pull_all (storage, shop_id, 0);
  g_assert_cmpuint (stored->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  db_uri = cc_sync_test_db_uri ();
  g_test_message ("database: %s", g_str_has_prefix (db_uri, "sqlite:") ? "SQLite" : "PostgreSQL");

  g_test_add_func ("/sync/storage/shops", test_shops);
  g_test_add_func ("/sync/storage/codes-single-use-and-expiry", test_codes);
  g_test_add_func ("/sync/storage/enrol-authenticate-revoke", test_enrol_auth_revoke);
  g_test_add_func ("/sync/storage/push-idempotent-by-change-id", test_push_idempotent);
  g_test_add_func ("/sync/storage/push-awkward-values", test_push_awkward_values);
  g_test_add_func ("/sync/storage/missing-blob-refuses-batch", test_missing_blob);
  g_test_add_func ("/sync/storage/pull-paging", test_pull_paging);
  g_test_add_func ("/sync/storage/blobs-scoped-to-shop", test_blob_scoping);
  g_test_add_func ("/sync/storage/concurrent-push-visible-in-order", test_concurrent_push);
  g_test_add_func ("/sync/storage/concurrent-enrol", test_concurrent_enrol);
  g_test_add_func ("/sync/storage/reconnects", test_reconnects);

  return g_test_run ();
}
