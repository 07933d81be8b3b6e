/* cc-sync-storage-sqlite.c — the sync server's storage in one SQLite file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection in WAL mode with synchronous=FULL, shared by the worker
 * threads under a mutex: a push is acknowledged only once its batch is on
 * disk, and one batch is one transaction (one fsync), which is what makes
 * ingest fast. Several processes must not share the file: use PostgreSQL.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-sync-storage-private.h"
#include "cc-uuid.h"

typedef struct
{
  GMutex      lock;
  sqlite3    *db;
  GHashTable *statements;   /* SQL → sqlite3_stmt* */
} Sqlite;

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS shops ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  created TEXT NOT NULL,"
  "  next_seq INTEGER NOT NULL DEFAULT 1,"
  "  next_device INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE IF NOT EXISTS codes ("
  "  hash TEXT PRIMARY KEY,"
  "  shop_id TEXT NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  used INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE IF NOT EXISTS devices ("
  "  shop_id TEXT NOT NULL,"
  "  device_id TEXT NOT NULL,"
  "  device_code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  enrolled TEXT NOT NULL,"
  "  last_seen TEXT,"
  "  last_seen_unix INTEGER NOT NULL DEFAULT 0,"
  "  revoked INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (shop_id, device_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS changes ("
  "  shop_id TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  change_id TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  PRIMARY KEY (shop_id, seq)"
  ") WITHOUT ROWID;"
  "CREATE UNIQUE INDEX IF NOT EXISTS changes_id ON changes (shop_id, change_id);"
  "CREATE TABLE IF NOT EXISTS blobs ("
  "  shop_id TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (shop_id, sha256)"
  ");";

static gboolean
sqlite_error (Sqlite  *s,
              GError **error)
{
  g_set_error (error, CC_ERROR, CC_ERROR_IO, _("The server’s database failed: %s"), sqlite3_errmsg (s->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (Sqlite      *s,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (s->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_error (s, error);
      return NULL;
    }
  g_hash_table_insert (s->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (Sqlite      *s,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_error (s, error);
  return TRUE;
}

static void
text (sqlite3_stmt *stmt,
      int           index,
      const char   *value)
{
  sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  return value != NULL ? g_strdup (value) : NULL;
}

static void
sqlite_free (gpointer impl)
{
  Sqlite *s = impl;

  g_hash_table_unref (s->statements);
  sqlite3_close_v2 (s->db);
  g_mutex_clear (&s->lock);
  g_free (s);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

gpointer
cc_sync_sqlite_open (const char  *path,
                     GError     **error)
{
  Sqlite *s;

  if (*path == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("sqlite: needs the path of a database file."));
      return NULL;
    }

  s = g_new0 (Sqlite, 1);
  g_mutex_init (&s->lock);
  s->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not open the server’s database “%s”: %s"),
                   path, sqlite3_errmsg (s->db));
      sqlite_free (s);
      return NULL;
    }
  sqlite3_busy_timeout (s->db, 5000);
  if (!exec (s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", error) ||
      !exec (s, schema, error))
    {
      sqlite_free (s);
      return NULL;
    }
  return s;
}

static gboolean
sqlite_ping (gpointer   impl,
             GError   **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);

  return exec (s, "SELECT 1", error);
}

/* Finds a shop by id or name. */
static char *
find_shop (Sqlite      *s,
           const char  *shop,
           GError     **error)
{
  sqlite3_stmt *stmt = prepare (s, "SELECT id FROM shops WHERE id = ?1 OR name = ?1", error);

  if (stmt == NULL)
    return NULL;
  text (stmt, 1, shop);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *id = column_dup (stmt, 0);

      sqlite3_reset (stmt);
      return id;
    }
  sqlite3_reset (stmt);
  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no shop “%s”."), shop);
  return NULL;
}

static char *
insert_code (Sqlite      *s,
             const char  *shop_id,
             gint64       lifetime_s,
             GError     **error)
{
  g_autofree char *code = cc_sync_make_code ();
  g_autofree char *normal = cc_sync_normalise_code (code);
  g_autofree char *hash = cc_sync_hash_secret (normal);
  sqlite3_stmt *stmt = prepare (s, "INSERT INTO codes (hash, shop_id, expires) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return NULL;
  text (stmt, 1, hash);
  text (stmt, 2, shop_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC + lifetime_s);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite_error (s, error);
      return NULL;
    }
  return g_steal_pointer (&code);
}

static char *
sqlite_create_shop (gpointer   impl,
                    const char *name,
                    char      **out_code,
                    GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autofree char *id = cc_uuid_v7_new ();
  g_autofree char *now = cc_sync_now_iso ();
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;

  if (!exec (s, "BEGIN IMMEDIATE", error))
    return NULL;
  stmt = prepare (s, "INSERT INTO shops (id, name, created) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, id);
  text (stmt, 2, name);
  text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (s->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT, _("There is already a shop called “%s”."), name);
      else
        sqlite_error (s, error);
      goto fail;
    }
  code = insert_code (s, id, CC_SYNC_CODE_LIFETIME_S, error);
  if (code == NULL || !exec (s, "COMMIT", error))
    goto fail;
  *out_code = g_steal_pointer (&code);
  return g_steal_pointer (&id);

fail:
  exec (s, "ROLLBACK", NULL);
  return NULL;
}

static GPtrArray *
sqlite_list_shops (gpointer   impl,
                   GError   **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_shop_free);
  sqlite3_stmt *stmt = prepare (s,
                                "SELECT id, name, created,"
                                " (SELECT count(*) FROM devices d WHERE d.shop_id = shops.id AND revoked = 0),"
                                " next_seq - 1 FROM shops ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcSyncShop *shop = g_new0 (CcSyncShop, 1);

      shop->id = column_dup (stmt, 0);
      shop->name = column_dup (stmt, 1);
      shop->created = column_dup (stmt, 2);
      shop->n_devices = sqlite3_column_int64 (stmt, 3);
      shop->n_changes = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (shops, shop);
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_error (s, error);
      return NULL;
    }
  return g_steal_pointer (&shops);
}

static char *
sqlite_new_code_lasting (gpointer    impl,
                         const char *shop,
                         gint64      lifetime_s,
                         GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autofree char *shop_id = find_shop (s, shop, error);

  if (shop_id == NULL)
    return NULL;
  return insert_code (s, shop_id, lifetime_s, error);
}

static char *
sqlite_new_code (gpointer    impl,
                 const char *shop,
                 GError    **error)
{
  return sqlite_new_code_lasting (impl, shop, CC_SYNC_CODE_LIFETIME_S, error);
}

static CcSyncDevice *
read_device (sqlite3_stmt *stmt)
{
  CcSyncDevice *device = g_new0 (CcSyncDevice, 1);

  device->shop_id = column_dup (stmt, 0);
  device->device_id = column_dup (stmt, 1);
  device->device_code = column_dup (stmt, 2);
  device->name = column_dup (stmt, 3);
  device->enrolled = column_dup (stmt, 4);
  device->last_seen = column_dup (stmt, 5);
  device->revoked = sqlite3_column_int (stmt, 6) != 0;
  return device;
}

#define DEVICE_COLUMNS "shop_id, device_id, device_code, name, enrolled, last_seen, revoked"

static CcSyncDevice *
sqlite_enrol (gpointer    impl,
              const char *code_hash,
              const char *device_id,
              const char *device_name,
              const char *token_hash,
              GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autofree char *shop_id = NULL;
  g_autofree char *now = cc_sync_now_iso ();
  gint64 expires;
  gboolean used;
  sqlite3_stmt *stmt;

  if (!exec (s, "BEGIN IMMEDIATE", error))
    return NULL;

  stmt = prepare (s, "SELECT shop_id, expires, used FROM codes WHERE hash = ?", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, code_hash);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED, _("This enrolment code is not known."));
      goto fail;
    }
  shop_id = column_dup (stmt, 0);
  expires = sqlite3_column_int64 (stmt, 1);
  used = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);
  if (used)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("This enrolment code has been used already: ask for a new one."));
      goto fail;
    }
  if (expires < g_get_real_time () / G_USEC_PER_SEC)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("This enrolment code has expired: codes last 24 hours. Ask for a new one."));
      goto fail;
    }

  stmt = prepare (s, "UPDATE codes SET used = 1 WHERE hash = ?", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, code_hash);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sqlite;

  /* A device enrolled before (a reinstall) keeps its code. */
  stmt = prepare (s, "UPDATE devices SET token_hash = ?, name = ?, revoked = 0"
                     " WHERE shop_id = ? AND device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, token_hash);
  text (stmt, 2, device_name);
  text (stmt, 3, shop_id);
  text (stmt, 4, device_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sqlite;
  if (sqlite3_changes (s->db) == 0)
    {
      g_autofree char *device_code = NULL;
      gint64 n;

      stmt = prepare (s, "UPDATE shops SET next_device = next_device + 1 WHERE id = ? RETURNING next_device - 1",
                      error);
      if (stmt == NULL)
        goto fail;
      text (stmt, 1, shop_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        goto fail_sqlite;
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      device_code = cc_sync_device_code_for (n);

      stmt = prepare (s, "INSERT INTO devices (shop_id, device_id, device_code, name, token_hash, enrolled)"
                         " VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      text (stmt, 1, shop_id);
      text (stmt, 2, device_id);
      text (stmt, 3, device_code);
      text (stmt, 4, device_name);
      text (stmt, 5, token_hash);
      text (stmt, 6, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail_sqlite;
    }

  stmt = prepare (s, "SELECT " DEVICE_COLUMNS " FROM devices WHERE shop_id = ? AND device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, shop_id);
  text (stmt, 2, device_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    goto fail_sqlite;
  {
    CcSyncDevice *device = read_device (stmt);

    sqlite3_reset (stmt);
    if (!exec (s, "COMMIT", error))
      {
        cc_sync_device_free (device);
        goto fail;
      }
    return device;
  }

fail_sqlite:
  sqlite_error (s, error);
fail:
  exec (s, "ROLLBACK", NULL);
  return NULL;
}

static CcSyncDevice *
sqlite_authenticate (gpointer    impl,
                     const char *token_hash,
                     GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  sqlite3_stmt *stmt = prepare (s, "SELECT " DEVICE_COLUMNS ", last_seen_unix FROM devices"
                                   " WHERE token_hash = ? AND revoked = 0", error);
  CcSyncDevice *device;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 last_seen;

  if (stmt == NULL)
    return NULL;
  text (stmt, 1, token_hash);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED,
                           _("This device is not enrolled in a shop, or it was revoked."));
      return NULL;
    }
  device = read_device (stmt);
  last_seen = sqlite3_column_int64 (stmt, 7);
  sqlite3_reset (stmt);

  if (now - last_seen >= 60)
    {
      g_autofree char *iso = cc_sync_now_iso ();

      stmt = prepare (s, "UPDATE devices SET last_seen = ?, last_seen_unix = ? WHERE token_hash = ?", NULL);
      if (stmt != NULL)
        {
          text (stmt, 1, iso);
          sqlite3_bind_int64 (stmt, 2, now);
          text (stmt, 3, token_hash);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
    }
  return device;
}

static GPtrArray *
sqlite_list_devices (gpointer    impl,
                     const char *shop,
                     GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autofree char *shop_id = find_shop (s, shop, error);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_device_free);
  sqlite3_stmt *stmt;
  int rc;

  if (shop_id == NULL)
    return NULL;
  stmt = prepare (s, "SELECT " DEVICE_COLUMNS " FROM devices WHERE shop_id = ?"
                     " ORDER BY length(device_code), device_code", error);
  if (stmt == NULL)
    return NULL;
  text (stmt, 1, shop_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (devices, read_device (stmt));
  if (rc != SQLITE_DONE)
    {
      sqlite_error (s, error);
      return NULL;
    }
  return g_steal_pointer (&devices);
}

static gboolean
sqlite_revoke_device (gpointer    impl,
                      const char *shop,
                      const char *device,
                      GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autofree char *shop_id = find_shop (s, shop, error);
  sqlite3_stmt *stmt;

  if (shop_id == NULL)
    return FALSE;
  stmt = prepare (s, "UPDATE devices SET revoked = 1 WHERE shop_id = ? AND (device_code = ?2 OR device_id = ?2)",
                  error);
  if (stmt == NULL)
    return FALSE;
  text (stmt, 1, shop_id);
  text (stmt, 2, device);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sqlite_error (s, error);
  if (sqlite3_changes (s->db) == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop has no device “%s”."), device);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_blob_locked (Sqlite      *s,
                 const char  *shop_id,
                 const char  *sha256,
                 GError     **error)
{
  sqlite3_stmt *stmt = prepare (s, "SELECT 1 FROM blobs WHERE shop_id = ? AND sha256 = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  text (stmt, 1, shop_id);
  text (stmt, 2, sha256);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
sqlite_push (gpointer    impl,
             const char *shop_id,
             GPtrArray  *changes,
             guint      *out_accepted,
             guint      *out_duplicates,
             gint64     *out_cursor,
             GPtrArray **out_missing,
             GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_full (changes->len, g_free);
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 next_seq;
  guint accepted = 0, duplicates = 0;

  /* The texts and blob names outside the lock: pushes from many devices
   * then serialize only on the inserts. */
  for (guint i = 0; i < changes->len; i++)
    {
      const CcChange *change = g_ptr_array_index (changes, i);
      g_autoptr(JsonNode) node = cc_change_to_json (change);
      char *ref = cc_change_dup_blob_ref (change);

      g_ptr_array_add (texts, json_to_string (node, FALSE));
      if (ref != NULL)
        g_ptr_array_add (refs, ref);
    }
  locker = g_mutex_locker_new (&s->lock);

  /* Blobs first: a change naming one the shop lacks refuses the batch. */
  for (guint i = 0; i < refs->len; i++)
    {
      g_autofree char *ref = g_strdup (g_ptr_array_index (refs, i));
      g_autoptr(GError) local_error = NULL;

      if (!has_blob_locked (s, shop_id, ref, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!g_ptr_array_find_with_equal_func (missing, ref, g_str_equal, NULL))
            g_ptr_array_add (missing, g_steal_pointer (&ref));
        }
    }
  if (missing->len > 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE, "The batch names %u photo or clip the server does not have yet.",
                                "The batch names %u photos or clips the server does not have yet.", missing->len),
                   missing->len);
      if (out_missing != NULL)
        *out_missing = g_steal_pointer (&missing);
      return FALSE;
    }

  if (!exec (s, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (s, "SELECT next_seq FROM shops WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  text (stmt, 1, shop_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop no longer exists."));
      goto fail;
    }
  next_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < changes->len; i++)
    {
      const CcChange *change = g_ptr_array_index (changes, i);
      const char *json = g_ptr_array_index (texts, i);

      stmt = prepare (s, "INSERT INTO changes (shop_id, seq, change_id, json) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (shop_id, change_id) DO NOTHING", error);
      if (stmt == NULL)
        goto fail;
      text (stmt, 1, shop_id);
      sqlite3_bind_int64 (stmt, 2, next_seq);
      text (stmt, 3, change->change_id);
      sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail_sqlite;
      if (sqlite3_changes (s->db) == 1)
        {
          accepted++;
          next_seq++;
        }
      else
        duplicates++;
      sqlite3_reset (stmt);
    }

  stmt = prepare (s, "UPDATE shops SET next_seq = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, next_seq);
  text (stmt, 2, shop_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sqlite;
  if (!exec (s, "COMMIT", error))
    goto fail;

  *out_accepted = accepted;
  *out_duplicates = duplicates;
  *out_cursor = next_seq - 1;
  return TRUE;

fail_sqlite:
  sqlite_error (s, error);
fail:
  exec (s, "ROLLBACK", NULL);
  return FALSE;
}

static GPtrArray *
sqlite_pull (gpointer    impl,
             const char *shop_id,
             gint64      after,
             guint       limit,
             gboolean   *out_more,
             GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_stored_change_free);
  sqlite3_stmt *stmt = prepare (s, "SELECT seq, json FROM changes WHERE shop_id = ? AND seq > ?"
                                   " ORDER BY seq LIMIT ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  text (stmt, 1, shop_id);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcSyncStoredChange *change;

      if (changes->len == limit)
        {
          *out_more = TRUE;
          break;
        }
      change = g_new0 (CcSyncStoredChange, 1);
      change->seq = sqlite3_column_int64 (stmt, 0);
      change->json = column_dup (stmt, 1);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sqlite_error (s, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&changes);
}

static gboolean
sqlite_put_blob (gpointer    impl,
                 const char *shop_id,
                 const char *sha256,
                 GBytes     *bytes,
                 gboolean   *out_created,
                 GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  sqlite3_stmt *stmt = prepare (s, "INSERT INTO blobs (shop_id, sha256, size, data) VALUES (?, ?, ?, ?)"
                                   " ON CONFLICT (shop_id, sha256) DO NOTHING", error);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (stmt == NULL)
    return FALSE;
  text (stmt, 1, shop_id);
  text (stmt, 2, sha256);
  sqlite3_bind_int64 (stmt, 3, size);
  sqlite3_bind_blob64 (stmt, 4, size > 0 ? data : "", size, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return sqlite_error (s, error);
    }
  *out_created = sqlite3_changes (s->db) == 1;
  sqlite3_reset (stmt);
  return TRUE;
}

static GBytes *
sqlite_get_blob (gpointer    impl,
                 const char *shop_id,
                 const char *sha256,
                 GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);
  sqlite3_stmt *stmt = prepare (s, "SELECT data FROM blobs WHERE shop_id = ? AND sha256 = ?", error);
  GBytes *bytes;

  if (stmt == NULL)
    return NULL;
  text (stmt, 1, shop_id);
  text (stmt, 2, sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop has no such blob."));
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

static gboolean
sqlite_has_blob (gpointer    impl,
                 const char *shop_id,
                 const char *sha256,
                 GError    **error)
{
  Sqlite *s = impl;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->lock);

  return has_blob_locked (s, shop_id, sha256, error);
}

const CcSyncBackend cc_sync_sqlite_backend = {
  .name = "sqlite",
  .free = sqlite_free,
  .ping = sqlite_ping,
  .create_shop = sqlite_create_shop,
  .list_shops = sqlite_list_shops,
  .new_code = sqlite_new_code,
  .enrol = sqlite_enrol,
  .authenticate = sqlite_authenticate,
  .list_devices = sqlite_list_devices,
  .revoke_device = sqlite_revoke_device,
  .push = sqlite_push,
  .pull = sqlite_pull,
  .put_blob = sqlite_put_blob,
  .get_blob = sqlite_get_blob,
  .has_blob = sqlite_has_blob,
  .new_code_lasting = sqlite_new_code_lasting,
};
