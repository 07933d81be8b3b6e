/* cc-sync-storage-pg.c — the sync server's storage in a PostgreSQL database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small pool of libpq connections, each used by one worker thread at a
 * time, so several requests run at once. Several server processes may
 * share the database: a push locks its shop's counter row (SELECT … FOR
 * UPDATE) before it allocates sequence numbers, so the pushes of one shop
 * commit one after another, in the order of their numbers, and a reader
 * never sees a number appear below one it has already seen.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-sync-storage-private.h"
#include "cc-uuid.h"

/* The server runs at most eight storage workers. */
#define POOL_SIZE 8

/* Any number: taken while the schema is created, so that two processes
 * starting on an empty database do not race each other. */
#define SCHEMA_LOCK_KEY 7346520191

typedef struct _Pg Pg;

typedef struct
{
  Pg       *pool;
  PGconn   *conn;
  gboolean  in_transaction;
  char      sqlstate[6];   /* of the last failure */
} Conn;

struct _Pg
{
  char      *conninfo;
  GMutex     lock;
  GCond      cond;
  GPtrArray *idle;        /* Conn* ready for use */
  guint      n_open;      /* idle ones and those lent out */
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS shops ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  created TEXT NOT NULL,"
  "  next_seq BIGINT NOT NULL DEFAULT 1,"
  "  next_device BIGINT NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE IF NOT EXISTS codes ("
  "  hash TEXT PRIMARY KEY,"
  "  shop_id TEXT NOT NULL REFERENCES shops (id),"
  "  expires BIGINT NOT NULL,"
  "  used BOOLEAN NOT NULL DEFAULT FALSE"
  ");"
  "CREATE TABLE IF NOT EXISTS devices ("
  "  shop_id TEXT NOT NULL REFERENCES shops (id),"
  "  device_id TEXT NOT NULL,"
  "  device_code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  enrolled TEXT NOT NULL,"
  "  last_seen TEXT,"
  "  last_seen_unix BIGINT NOT NULL DEFAULT 0,"
  "  revoked BOOLEAN NOT NULL DEFAULT FALSE,"
  "  PRIMARY KEY (shop_id, device_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS changes ("
  "  shop_id TEXT NOT NULL REFERENCES shops (id),"
  "  seq BIGINT NOT NULL,"
  "  change_id TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  PRIMARY KEY (shop_id, seq),"
  "  UNIQUE (shop_id, change_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS blobs ("
  "  shop_id TEXT NOT NULL REFERENCES shops (id),"
  "  sha256 TEXT NOT NULL,"
  "  size BIGINT NOT NULL,"
  "  data BYTEA NOT NULL,"
  "  PRIMARY KEY (shop_id, sha256)"
  ");";

#define DEVICE_COLUMNS "shop_id, device_id, device_code, name, enrolled, last_seen, revoked"

/* Connections */

static void
set_pg_error (GError     **error,
              const char  *message)
{
  g_autofree char *text = g_strchomp (g_strdup (message != NULL && *message != '\0' ? message : "?"));

  g_set_error (error, CC_ERROR, CC_ERROR_IO, _("The server’s database failed: %s"), text);
}

static void
conn_free (Conn *c)
{
  if (c == NULL)
    return;
  PQfinish (c->conn);
  g_free (c);
}

/* Keeps libpq's notices (such as "relation already exists, skipping") out
 * of the server's log. */
static void
ignore_notice (void       *arg,
               const char *message)
{
}

static Conn *
conn_open (Pg      *pg,
           GError **error)
{
  /* Later keywords win over what the URI says: the encoding must be ours. */
  const char * const keywords[] = { "connect_timeout", "application_name", "dbname", "client_encoding", NULL };
  const char * const values[] = { "10", "craftchain-sync", pg->conninfo, "UTF8", NULL };
  Conn *c = g_new0 (Conn, 1);

  c->pool = pg;
  c->conn = PQconnectdbParams (keywords, values, 1);
  if (c->conn == NULL || PQstatus (c->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (c->conn != NULL ? PQerrorMessage (c->conn) : "?"));

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Could not connect to the server’s PostgreSQL database: %s"), message);
      conn_free (c);
      return NULL;
    }
  PQsetNoticeProcessor (c->conn, ignore_notice, NULL);
  return c;
}

/* A connection for this thread alone, until release(). */
static Conn *
acquire (Pg      *pg,
         GError **error)
{
  Conn *c = NULL;

  g_mutex_lock (&pg->lock);
  while (pg->idle->len == 0 && pg->n_open >= POOL_SIZE)
    g_cond_wait (&pg->cond, &pg->lock);
  if (pg->idle->len > 0)
    c = g_ptr_array_steal_index (pg->idle, pg->idle->len - 1);
  else
    pg->n_open++;
  g_mutex_unlock (&pg->lock);

  if (c != NULL)
    {
      /* The database restarted since: try once to reconnect. */
      if (PQstatus (c->conn) != CONNECTION_OK)
        PQreset (c->conn);
      if (PQstatus (c->conn) == CONNECTION_OK)
        return c;
      set_pg_error (error, PQerrorMessage (c->conn));
      conn_free (c);
    }
  else
    {
      c = conn_open (pg, error);
      if (c != NULL)
        return c;
    }

  g_mutex_lock (&pg->lock);
  pg->n_open--;
  g_cond_signal (&pg->cond);
  g_mutex_unlock (&pg->lock);
  return NULL;
}

static void
release (Conn *c)
{
  Pg *pg = c->pool;

  if (c->in_transaction)
    {
      PQclear (PQexec (c->conn, "ROLLBACK"));
      c->in_transaction = FALSE;
    }
  g_mutex_lock (&pg->lock);
  g_ptr_array_add (pg->idle, c);
  g_cond_signal (&pg->cond);
  g_mutex_unlock (&pg->lock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Conn, release)

/* Runs one statement with text parameters; NULL with error unless its
 * result is of the kind expected. A statement outside a transaction on a
 * connection that broke (the database restarted) is tried once more on a
 * new connection. */
static PGresult *
run (Conn               *c,
     const char         *sql,
     int                 n_params,
     const char * const *params,
     ExecStatusType      expected,
     GError            **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      /* Without parameters, a script of several statements may run. */
      PGresult *result = n_params == 0 ? PQexec (c->conn, sql)
                                       : PQexecParams (c->conn, sql, n_params, NULL, params, NULL, NULL, 0);
      const char *sqlstate;

      if (result != NULL && PQresultStatus (result) == expected)
        return result;

      sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
      g_strlcpy (c->sqlstate, sqlstate != NULL ? sqlstate : "", sizeof c->sqlstate);

      if (attempt == 0 && !c->in_transaction && PQstatus (c->conn) == CONNECTION_BAD)
        {
          PQclear (result);
          PQreset (c->conn);
          if (PQstatus (c->conn) == CONNECTION_OK)
            continue;
          set_pg_error (error, PQerrorMessage (c->conn));
          return NULL;
        }

      set_pg_error (error, result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (c->conn));
      PQclear (result);
      return NULL;
    }
}

static gboolean
run_command (Conn               *c,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             GError            **error)
{
  PGresult *result = run (c, sql, n_params, params, PGRES_COMMAND_OK, error);

  if (result == NULL)
    return FALSE;
  PQclear (result);
  return TRUE;
}

static gboolean
begin (Conn    *c,
       GError **error)
{
  if (!run_command (c, "BEGIN", 0, NULL, error))
    return FALSE;
  c->in_transaction = TRUE;
  return TRUE;
}

static gboolean
commit (Conn    *c,
        GError **error)
{
  gboolean ok = run_command (c, "COMMIT", 0, NULL, error);

  /* A failed COMMIT has ended the transaction too. */
  c->in_transaction = FALSE;
  return ok;
}

static gboolean
is_unique_violation (Conn *c)
{
  return g_str_equal (c->sqlstate, "23505");
}

static guint64
affected_rows (PGresult *result)
{
  return g_ascii_strtoull (PQcmdTuples (result), NULL, 10);
}

static char *
value_dup (PGresult *result,
           int       row,
           int       column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return g_strdup (PQgetvalue (result, row, column));
}

static gint64
value_int (PGresult *result,
           int       row,
           int       column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static gboolean
value_bool (PGresult *result,
            int       row,
            int       column)
{
  return g_str_equal (PQgetvalue (result, row, column), "t");
}

typedef PGresult *PGresult_autoptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (PGresult_autoptr, PQclear, NULL)

/* Opening */

static void
pg_free (gpointer impl)
{
  Pg *pg = impl;

  g_ptr_array_unref (pg->idle);
  g_mutex_clear (&pg->lock);
  g_cond_clear (&pg->cond);
  g_free (pg->conninfo);
  g_free (pg);
}

gpointer
cc_sync_pg_open (const char  *conninfo,
                 GError     **error)
{
  g_autofree char *lock_key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) SCHEMA_LOCK_KEY);
  const char *params[] = { lock_key };
  PGresult *result;
  Conn *c;
  Pg *pg;

  if (!PQisthreadsafe ())
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                           _("The PostgreSQL client library was built without thread support."));
      return NULL;
    }

  pg = g_new0 (Pg, 1);
  pg->conninfo = g_strdup (conninfo);
  g_mutex_init (&pg->lock);
  g_cond_init (&pg->cond);
  pg->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);

  c = acquire (pg, error);
  if (c == NULL)
    {
      pg_free (pg);
      return NULL;
    }

  if (!begin (c, error))
    goto fail;
  result = run (c, "SELECT pg_advisory_xact_lock ($1::bigint)", 1, params, PGRES_TUPLES_OK, error);
  if (result == NULL)
    goto fail;
  PQclear (result);
  if (!run_command (c, schema, 0, NULL, error) || !commit (c, error))
    goto fail;
  release (c);
  return pg;

fail:
  g_prefix_error (error, _("Could not prepare the server’s PostgreSQL database: "));
  release (c);
  pg_free (pg);
  return NULL;
}

static gboolean
pg_ping (gpointer   impl,
         GError   **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_auto(PGresult_autoptr) result = NULL;

  if (c == NULL)
    return FALSE;
  result = run (c, "SELECT 1", 0, NULL, PGRES_TUPLES_OK, error);
  return result != NULL;
}

/* Shops */

/* Finds a shop by id or name (an id wins). */
static char *
find_shop (Conn        *c,
           const char  *shop,
           GError     **error)
{
  const char *params[] = { shop };
  g_auto(PGresult_autoptr) result =
    run (c, "SELECT id FROM shops WHERE id = $1 OR name = $1 ORDER BY id = $1 DESC LIMIT 1",
         1, params, PGRES_TUPLES_OK, error);

  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no shop “%s”."), shop);
      return NULL;
    }
  return value_dup (result, 0, 0);
}

static char *
insert_code (Conn        *c,
             const char  *shop_id,
             gint64       lifetime_s,
             GError     **error)
{
  g_autofree char *code = cc_sync_make_code ();
  g_autofree char *normal = cc_sync_normalise_code (code);
  g_autofree char *hash = cc_sync_hash_secret (normal);
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_get_real_time () / G_USEC_PER_SEC + lifetime_s);
  const char *params[] = { hash, shop_id, expires };

  if (!run_command (c, "INSERT INTO codes (hash, shop_id, expires) VALUES ($1, $2, $3::bigint)", 3, params, error))
    return NULL;
  return g_steal_pointer (&code);
}

static char *
pg_create_shop (gpointer     impl,
                const char  *name,
                char       **out_code,
                GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autofree char *id = cc_uuid_v7_new ();
  g_autofree char *now = cc_sync_now_iso ();
  g_autofree char *code = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *params[] = { id, name, now };

  if (c == NULL || !begin (c, error))
    return NULL;
  if (!run_command (c, "INSERT INTO shops (id, name, created) VALUES ($1, $2, $3)", 3, params, &local_error))
    {
      if (is_unique_violation (c))
        g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT, _("There is already a shop called “%s”."), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  code = insert_code (c, id, CC_SYNC_CODE_LIFETIME_S, error);
  if (code == NULL || !commit (c, error))
    return NULL;
  *out_code = g_steal_pointer (&code);
  return g_steal_pointer (&id);
}

static GPtrArray *
pg_list_shops (gpointer   impl,
               GError   **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_shop_free);
  g_auto(PGresult_autoptr) result = NULL;

  if (c == NULL)
    return NULL;
  result = run (c,
                "SELECT id, name, created,"
                " (SELECT count(*) FROM devices d WHERE d.shop_id = shops.id AND NOT d.revoked),"
                " next_seq - 1 FROM shops ORDER BY name COLLATE \"C\"",
                0, NULL, PGRES_TUPLES_OK, error);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    {
      CcSyncShop *shop = g_new0 (CcSyncShop, 1);

      shop->id = value_dup (result, i, 0);
      shop->name = value_dup (result, i, 1);
      shop->created = value_dup (result, i, 2);
      shop->n_devices = value_int (result, i, 3);
      shop->n_changes = value_int (result, i, 4);
      g_ptr_array_add (shops, shop);
    }
  return g_steal_pointer (&shops);
}

static char *
pg_new_code_lasting (gpointer     impl,
                     const char  *shop,
                     gint64       lifetime_s,
                     GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autofree char *shop_id = NULL;

  if (c == NULL)
    return NULL;
  shop_id = find_shop (c, shop, error);
  if (shop_id == NULL)
    return NULL;
  return insert_code (c, shop_id, lifetime_s, error);
}

static char *
pg_new_code (gpointer     impl,
             const char  *shop,
             GError     **error)
{
  return pg_new_code_lasting (impl, shop, CC_SYNC_CODE_LIFETIME_S, error);
}

/* Devices */

static CcSyncDevice *
read_device (PGresult *result,
             int       row)
{
  CcSyncDevice *device = g_new0 (CcSyncDevice, 1);

  device->shop_id = value_dup (result, row, 0);
  device->device_id = value_dup (result, row, 1);
  device->device_code = value_dup (result, row, 2);
  device->name = value_dup (result, row, 3);
  device->enrolled = value_dup (result, row, 4);
  device->last_seen = value_dup (result, row, 5);
  device->revoked = value_bool (result, row, 6);
  return device;
}

static CcSyncDevice *
pg_enrol (gpointer     impl,
          const char  *code_hash,
          const char  *device_id,
          const char  *device_name,
          const char  *token_hash,
          GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autofree char *shop_id = NULL;
  g_autofree char *now = cc_sync_now_iso ();
  g_auto(PGresult_autoptr) result = NULL;
  CcSyncDevice *device;
  gint64 expires;
  gboolean used;

  if (c == NULL || !begin (c, error))
    return NULL;

  /* Locks the code: of two enrolments with it, the second sees it used. */
  {
    const char *params[] = { code_hash };

    result = run (c, "SELECT shop_id, expires, used FROM codes WHERE hash = $1 FOR UPDATE",
                  1, params, PGRES_TUPLES_OK, error);
    if (result == NULL)
      return NULL;
    if (PQntuples (result) == 0)
      {
        g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED, _("This enrolment code is not known."));
        return NULL;
      }
    shop_id = value_dup (result, 0, 0);
    expires = value_int (result, 0, 1);
    used = value_bool (result, 0, 2);
    g_clear_pointer (&result, PQclear);
  }
  if (used)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("This enrolment code has been used already: ask for a new one."));
      return NULL;
    }
  if (expires < g_get_real_time () / G_USEC_PER_SEC)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("This enrolment code has expired: codes last 24 hours. Ask for a new one."));
      return NULL;
    }

  {
    const char *params[] = { code_hash };

    if (!run_command (c, "UPDATE codes SET used = TRUE WHERE hash = $1", 1, params, error))
      return NULL;
  }

  /* Locks the shop's counter row: enrolments in one shop take turns. */
  {
    const char *params[] = { shop_id };

    result = run (c, "SELECT next_device FROM shops WHERE id = $1 FOR UPDATE", 1, params, PGRES_TUPLES_OK, error);
    if (result == NULL)
      return NULL;
    if (PQntuples (result) == 0)
      {
        g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop no longer exists."));
        return NULL;
      }
    g_clear_pointer (&result, PQclear);
  }

  /* A device enrolled before (a reinstall) keeps its code. */
  {
    const char *params[] = { token_hash, device_name, shop_id, device_id };

    result = run (c, "UPDATE devices SET token_hash = $1, name = $2, revoked = FALSE"
                     " WHERE shop_id = $3 AND device_id = $4",
                  4, params, PGRES_COMMAND_OK, error);
    if (result == NULL)
      return NULL;
  }
  if (affected_rows (result) == 0)
    {
      const char *shop_params[] = { shop_id };
      g_autofree char *device_code = NULL;

      g_clear_pointer (&result, PQclear);
      result = run (c, "UPDATE shops SET next_device = next_device + 1 WHERE id = $1 RETURNING next_device - 1",
                    1, shop_params, PGRES_TUPLES_OK, error);
      if (result == NULL)
        return NULL;
      device_code = cc_sync_device_code_for (value_int (result, 0, 0));

      {
        const char *params[] = { shop_id, device_id, device_code, device_name, token_hash, now };

        if (!run_command (c, "INSERT INTO devices (shop_id, device_id, device_code, name, token_hash, enrolled)"
                             " VALUES ($1, $2, $3, $4, $5, $6)", 6, params, error))
          return NULL;
      }
    }
  g_clear_pointer (&result, PQclear);

  {
    const char *params[] = { shop_id, device_id };

    result = run (c, "SELECT " DEVICE_COLUMNS " FROM devices WHERE shop_id = $1 AND device_id = $2",
                  2, params, PGRES_TUPLES_OK, error);
    if (result == NULL)
      return NULL;
    if (PQntuples (result) != 1)
      {
        set_pg_error (error, "enrolled device not found");
        return NULL;
      }
  }
  device = read_device (result, 0);
  if (!commit (c, error))
    {
      cc_sync_device_free (device);
      return NULL;
    }
  return device;
}

static CcSyncDevice *
pg_authenticate (gpointer     impl,
                 const char  *token_hash,
                 GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_auto(PGresult_autoptr) result = NULL;
  const char *params[] = { token_hash };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CcSyncDevice *device;

  if (c == NULL)
    return NULL;
  result = run (c, "SELECT " DEVICE_COLUMNS ", last_seen_unix FROM devices WHERE token_hash = $1 AND NOT revoked",
                1, params, PGRES_TUPLES_OK, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED,
                           _("This device is not enrolled in a shop, or it was revoked."));
      return NULL;
    }
  device = read_device (result, 0);

  if (now - value_int (result, 0, 7) >= 60)
    {
      g_autofree char *iso = cc_sync_now_iso ();
      g_autofree char *unix_time = g_strdup_printf ("%" G_GINT64_FORMAT, now);
      const char *update_params[] = { iso, unix_time, token_hash };

      /* Only a convenience for `device list`: a failure here is no error. */
      run_command (c, "UPDATE devices SET last_seen = $1, last_seen_unix = $2::bigint WHERE token_hash = $3",
                   3, update_params, NULL);
    }
  return device;
}

static GPtrArray *
pg_list_devices (gpointer     impl,
                 const char  *shop,
                 GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_device_free);
  g_auto(PGresult_autoptr) result = NULL;
  g_autofree char *shop_id = NULL;

  if (c == NULL)
    return NULL;
  shop_id = find_shop (c, shop, error);
  if (shop_id == NULL)
    return NULL;
  {
    const char *params[] = { shop_id };

    result = run (c, "SELECT " DEVICE_COLUMNS " FROM devices WHERE shop_id = $1"
                     " ORDER BY length(device_code), device_code COLLATE \"C\"",
                  1, params, PGRES_TUPLES_OK, error);
  }
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (devices, read_device (result, i));
  return g_steal_pointer (&devices);
}

static gboolean
pg_revoke_device (gpointer     impl,
                  const char  *shop,
                  const char  *device,
                  GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_auto(PGresult_autoptr) result = NULL;
  g_autofree char *shop_id = NULL;

  if (c == NULL)
    return FALSE;
  shop_id = find_shop (c, shop, error);
  if (shop_id == NULL)
    return FALSE;
  {
    const char *params[] = { shop_id, device };

    result = run (c, "UPDATE devices SET revoked = TRUE WHERE shop_id = $1 AND (device_code = $2 OR device_id = $2)",
                  2, params, PGRES_COMMAND_OK, error);
  }
  if (result == NULL)
    return FALSE;
  if (affected_rows (result) == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop has no device “%s”."), device);
      return FALSE;
    }
  return TRUE;
}

/* Changes */

static gboolean
has_blob_on (Conn        *c,
             const char  *shop_id,
             const char  *sha256,
             gboolean    *out_found,
             GError     **error)
{
  const char *params[] = { shop_id, sha256 };
  g_auto(PGresult_autoptr) result = run (c, "SELECT 1 FROM blobs WHERE shop_id = $1 AND sha256 = $2",
                                         2, params, PGRES_TUPLES_OK, error);

  if (result == NULL)
    return FALSE;
  *out_found = PQntuples (result) > 0;
  return TRUE;
}

/* A text[] literal: each element quoted, with its quotes and backslashes
 * escaped. */
static void
append_array_element (GString    *array,
                      const char *text)
{
  if (array->len > 1)
    g_string_append_c (array, ',');
  g_string_append_c (array, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

static gboolean
pg_push (gpointer     impl,
         const char  *shop_id,
         GPtrArray   *changes,
         guint       *out_accepted,
         guint       *out_duplicates,
         gint64      *out_cursor,
         GPtrArray  **out_missing,
         GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_auto(PGresult_autoptr) result = NULL;
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(GString) texts = g_string_new ("{");
  g_autofree char *first_text = NULL;
  gint64 first_seq;
  guint64 accepted;

  if (c == NULL)
    return FALSE;

  /* Blobs first: a change naming one the shop lacks refuses the batch.
   * Blobs are never removed, so this needs no lock. */
  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *ref = cc_change_dup_blob_ref (g_ptr_array_index (changes, i));
      gboolean found = FALSE;

      if (ref == NULL || g_ptr_array_find_with_equal_func (missing, ref, g_str_equal, NULL))
        continue;
      if (!has_blob_on (c, shop_id, ref, &found, error))
        return FALSE;
      if (!found)
        g_ptr_array_add (missing, g_steal_pointer (&ref));
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

  for (guint i = 0; i < changes->len; i++)
    {
      const CcChange *change = g_ptr_array_index (changes, i);
      g_autoptr(JsonNode) node = cc_change_to_json (change);
      g_autofree char *json = json_to_string (node, FALSE);

      append_array_element (ids, change->change_id);
      append_array_element (texts, json);
    }
  g_string_append_c (ids, '}');
  g_string_append_c (texts, '}');

  if (!begin (c, error))
    return FALSE;

  /* The shop's counter row, locked until COMMIT: pushes to one shop, from
   * any process, commit one after another in the order of their numbers. */
  {
    const char *params[] = { shop_id };

    result = run (c, "SELECT next_seq FROM shops WHERE id = $1 FOR UPDATE", 1, params, PGRES_TUPLES_OK, error);
    if (result == NULL)
      return FALSE;
    if (PQntuples (result) == 0)
      {
        g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop no longer exists."));
        return FALSE;
      }
    first_seq = value_int (result, 0, 0);
    first_text = value_dup (result, 0, 0);
    g_clear_pointer (&result, PQclear);
  }

  /* New change ids (the first of any repeated in the batch) numbered from
   * next_seq in batch order; the ones already stored are duplicates. */
  {
    const char *params[] = { shop_id, ids->str, texts->str, first_text };

    result = run (c,
                  "WITH batch AS ("
                  "  SELECT id, json, ord FROM unnest ($2::text[], $3::text[]) WITH ORDINALITY AS b (id, json, ord)),"
                  " fresh AS ("
                  "  SELECT DISTINCT ON (id) id, json, ord FROM batch"
                  "  WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.shop_id = $1 AND c.change_id = batch.id)"
                  "  ORDER BY id, ord),"
                  " numbered AS ("
                  "  SELECT id, json, row_number () OVER (ORDER BY ord) AS n FROM fresh)"
                  " INSERT INTO changes (shop_id, seq, change_id, json)"
                  " SELECT $1, $4::bigint + n - 1, id, json FROM numbered",
                  4, params, PGRES_COMMAND_OK, error);
    if (result == NULL)
      return FALSE;
    accepted = affected_rows (result);
    g_clear_pointer (&result, PQclear);
  }

  if (accepted > 0)
    {
      g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT, first_seq + (gint64) accepted);
      const char *params[] = { next, shop_id };

      if (!run_command (c, "UPDATE shops SET next_seq = $1::bigint WHERE id = $2", 2, params, error))
        return FALSE;
    }
  if (!commit (c, error))
    return FALSE;

  *out_accepted = accepted;
  *out_duplicates = changes->len - accepted;
  *out_cursor = first_seq + (gint64) accepted - 1;
  return TRUE;
}

static GPtrArray *
pg_pull (gpointer     impl,
         const char  *shop_id,
         gint64       after,
         guint        limit,
         gboolean    *out_more,
         GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_sync_stored_change_free);
  g_auto(PGresult_autoptr) result = NULL;
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit + 1);
  const char *params[] = { shop_id, after_text, limit_text };
  int n;

  if (c == NULL)
    return NULL;
  result = run (c, "SELECT seq, json FROM changes WHERE shop_id = $1 AND seq > $2::bigint"
                   " ORDER BY seq LIMIT $3::bigint",
                3, params, PGRES_TUPLES_OK, error);
  if (result == NULL)
    return NULL;
  n = PQntuples (result);
  for (int i = 0; i < n && (guint) i < limit; i++)
    {
      CcSyncStoredChange *change = g_new0 (CcSyncStoredChange, 1);

      change->seq = value_int (result, i, 0);
      change->json = value_dup (result, i, 1);
      g_ptr_array_add (changes, change);
    }
  *out_more = (guint) n > limit;
  return g_steal_pointer (&changes);
}

/* Blobs */

static gboolean
pg_put_blob (gpointer     impl,
             const char  *shop_id,
             const char  *sha256,
             GBytes      *bytes,
             gboolean    *out_created,
             GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_auto(PGresult_autoptr) result = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  const char *params[] = { shop_id, sha256, size_text, size > 0 ? data : "" };
  const int lengths[] = { 0, 0, 0, (int) size };
  const int formats[] = { 0, 0, 0, 1 };

  if (c == NULL)
    return FALSE;
  /* The bytes travel as binary, not escaped. */
  result = PQexecParams (c->conn, "INSERT INTO blobs (shop_id, sha256, size, data) VALUES ($1, $2, $3::bigint, $4::bytea)"
                                  " ON CONFLICT (shop_id, sha256) DO NOTHING",
                         4, NULL, params, lengths, formats, 0);
  if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_pg_error (error, result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (c->conn));
      return FALSE;
    }
  *out_created = affected_rows (result) == 1;
  return TRUE;
}

static GBytes *
pg_get_blob (gpointer     impl,
             const char  *shop_id,
             const char  *sha256,
             GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  g_auto(PGresult_autoptr) result = NULL;
  const char *params[] = { shop_id, sha256 };

  if (c == NULL)
    return NULL;
  /* The answer in binary: the bytes as they are. */
  result = PQexecParams (c->conn, "SELECT data FROM blobs WHERE shop_id = $1 AND sha256 = $2",
                         2, NULL, params, NULL, NULL, 1);
  if (result == NULL || PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      set_pg_error (error, result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (c->conn));
      return NULL;
    }
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The shop has no such blob."));
      return NULL;
    }
  return g_bytes_new (PQgetvalue (result, 0, 0), PQgetlength (result, 0, 0));
}

static gboolean
pg_has_blob (gpointer     impl,
             const char  *shop_id,
             const char  *sha256,
             GError     **error)
{
  Pg *pg = impl;
  g_autoptr(Conn) c = acquire (pg, error);
  gboolean found = FALSE;

  if (c == NULL)
    return FALSE;
  if (!has_blob_on (c, shop_id, sha256, &found, error))
    return FALSE;
  return found;
}

const CcSyncBackend cc_sync_pg_backend = {
  .name = "postgresql",
  .free = pg_free,
  .ping = pg_ping,
  .create_shop = pg_create_shop,
  .list_shops = pg_list_shops,
  .new_code = pg_new_code,
  .enrol = pg_enrol,
  .authenticate = pg_authenticate,
  .list_devices = pg_list_devices,
  .revoke_device = pg_revoke_device,
  .push = pg_push,
  .pull = pg_pull,
  .put_blob = pg_put_blob,
  .get_blob = pg_get_blob,
  .has_blob = pg_has_blob,
  .new_code_lasting = pg_new_code_lasting,
};
