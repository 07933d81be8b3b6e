/* cc-store.c — the shop database: open, migrate, write through the outbox, apply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every local write is one register written through cc_store_write(): the
 * entity's apply function puts the value in its table, the register's stamp
 * is recorded, and the change is appended to the outbox — all inside one
 * transaction. Changes from other devices go through the same apply
 * functions, but are merged by stamp and never queued again.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cc-catalogue.h"
#include "cc-import.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-media.h"
#include "cc-orders.h"
#include "cc-photos.h"
#include "cc-schema.h"
#include "cc-search.h"
#include "cc-store.h"
#include "cc-uuid.h"

struct _CcStore
{
  GObject     parent_instance;

  /* owned */
  char       *path;
  char       *data_dir;
  char       *device_id;
  sqlite3    *db;
  CcHlc      *clock;
  GHashTable *entities;     /* name → const CcEntityClass* */
  GHashTable *dirty;        /* "entity\nrow_id" → NULL, flushed at commit */
  GHashTable *statements;   /* sql → sqlite3_stmt* */
  GHashTable *column_sql;   /* const CcColumn* → its upsert's SQL */

  guint       depth;        /* nesting of cc_store_begin() */
  guint       torn_depth;   /* the level holding a half-done write, or 0 */
  gboolean    clock_moved;  /* a stamp was made or seen in this transaction */
};

G_DEFINE_FINAL_TYPE (CcStore, cc_store, G_TYPE_OBJECT)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char sqlite_magic[16] = "SQLite format 3";

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
cc_store_close_db (CcStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static void
cc_store_finalize (GObject *object)
{
  CcStore *self = (CcStore *)object;

  cc_store_close_db (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->column_sql, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->clock, cc_hlc_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (cc_store_parent_class)->finalize (object);
}

static void
cc_store_class_init (CcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_store_finalize;

  /**
   * CcStore::committed:
   *
   * Emitted after an outermost transaction commits, on the thread that
   * committed it: screens showing derived figures (stock, low-stock
   * notices) recompute them.
   */
  signals[COMMITTED] =
    g_signal_new ("committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cc_store_init (CcStore *self)
{
  self->entities = g_hash_table_new (g_str_hash, g_str_equal);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->column_sql = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/* Errors */

static void
set_sqlite_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  int code = rc & 0xff;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                 _("The shop database is damaged or is not a CraftChain database (%s)"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (code == SQLITE_FULL)
    g_set_error_literal (error, CC_ERROR, CC_ERROR_IO,
                         _("The disk is full: nothing was saved. Free some space and try again."));
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_PERM)
    g_set_error (error, CC_ERROR, CC_ERROR_IO,
                 _("The shop database cannot be written (%s)"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error_literal (error, CC_ERROR, CC_ERROR_IO,
                         _("The shop database is in use by another program; try again in a moment"));
  else
    g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                 _("Database error: %s"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

void
cc_store_set_sqlite_error (CcStore  *self,
                           GError  **error)
{
  g_return_if_fail (CC_IS_STORE (self));

  set_sqlite_error (self->db, sqlite3_extended_errcode (self->db), error);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
cc_store_prepare_cached (CcStore     *self,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      cc_store_set_sqlite_error (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
cc_store_exec (CcStore     *self,
               const char  *sql,
               GError     **error,
               guint        n_params,
               ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);

  stmt = cc_store_prepare_cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  va_start (args, n_params);
  for (guint i = 0; i < n_params; i++)
    sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* A statement without parameters or rows (BEGIN, SAVEPOINT, COMMIT…),
 * prepared once: a write makes several of these, and parsing them each
 * time was a good part of a small transaction's cost. */
static gboolean
run_cached (CcStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self->db, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_column_accepts (JsonNode     *value,
                   CcColumnKind  kind)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return kind == CC_COLUMN_TEXT_OR_NULL;
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  switch (kind)
    {
    case CC_COLUMN_TEXT:
    case CC_COLUMN_TEXT_OR_NULL:
      return json_node_get_value_type (value) == G_TYPE_STRING;
    case CC_COLUMN_INT:
      return json_node_get_value_type (value) == G_TYPE_INT64;
    case CC_COLUMN_BOOL:
      return json_node_get_value_type (value) == G_TYPE_BOOLEAN;
    default:
      return FALSE;
    }
}

/* Whether an upsert made below is for table (a column table shared by two
 * tables would otherwise find the other's statement). */
static gboolean
sql_names_table (const char *sql,
                 const char *table)
{
  static const char head[] = "INSERT INTO ";
  gsize len = strlen (table);

  return strncmp (sql + sizeof head - 1, table, len) == 0 && sql[sizeof head - 1 + len] == ' ';
}

gboolean
cc_store_apply_column (CcStore         *store,
                           const char      *table,
                           const CcColumn  *columns,
                           guint            n_columns,
                           const char      *row_id,
                           const char      *reg,
                           JsonNode        *value,
                           GError         **error)
{
  const char *sql;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL && columns != NULL, FALSE);
  g_return_val_if_fail (row_id != NULL && reg != NULL && value != NULL, FALSE);

  for (guint i = 0; i < n_columns; i++)
    {
      if (strcmp (columns[i].reg, reg) != 0)
        continue;
      if (!cc_column_accepts (value, columns[i].kind))
        break;

      /* The row is created on first sight, with this column set. The SQL
       * is made once per column: columns are static tables. */
      sql = g_hash_table_lookup (store->column_sql, &columns[i]);
      if (sql != NULL && !sql_names_table (sql, table))
        sql = NULL;
      if (sql == NULL)
        {
          char *text = g_strdup_printf ("INSERT INTO %s (%s, id) VALUES (?, ?) "
                                        "ON CONFLICT (id) DO UPDATE SET %s = excluded.%s",
                                        table, columns[i].reg, columns[i].reg, columns[i].reg);

          g_hash_table_insert (store->column_sql, (gpointer)&columns[i], text);
          sql = text;
        }
      stmt = cc_store_prepare_cached (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (value))
        sqlite3_bind_null (stmt, 1);
      else if (columns[i].kind == CC_COLUMN_INT)
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
      else if (columns[i].kind == CC_COLUMN_BOOL)
        sqlite3_bind_int (stmt, 1, json_node_get_boolean (value));
      else
        sqlite3_bind_text (stmt, 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          cc_store_set_sqlite_error (store, error);
          return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("A change to %s has an unknown field or a value of the wrong type (%s)"),
               table, reg);
  return FALSE;
}

char *
cc_sqlite_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

/* Small helpers over cached statements. */

static char *
meta_get (CcStore    *self,
          const char *key)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = cc_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
meta_set (CcStore     *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  return cc_store_exec (self,
                        "INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        error, 2, key, value);
}

/* Settings: an entity of its own, so shop settings sync like the rest. */

static char *
main_language (CcStore *self)
{
  g_auto(GStrv) languages = cc_store_dup_languages (self);

  return g_strdup (languages[0]);
}

static gboolean
setting_apply (CcStore     *self,
               const char  *row_id,
               const char  *reg,
               JsonNode    *value,
               GError     **error)
{
  g_autofree char *main_before = NULL;

  if (g_strcmp0 (reg, "value") != 0 || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A shop setting was sent in an unknown form (%s)"), reg);
      return FALSE;
    }

  if (g_strcmp0 (row_id, "languages") == 0)
    main_before = main_language (self);

  if (!cc_store_exec (self,
                      "INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      error, 2, row_id, json_node_get_string (value)))
    return FALSE;

  if (main_before != NULL)
    {
      g_autofree char *main_after = main_language (self);

      if (g_strcmp0 (main_before, main_after) != 0)
        cc_store_mark_dirty (self, "setting", row_id);
    }
  return TRUE;
}

/* A new main language changes every piece's display title, and with it
 * the name order the search index keeps. */
static gboolean
setting_flush (CcStore     *self,
               const char  *row_id,
               GError     **error)
{
  g_autofree char *lang = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (g_strcmp0 (row_id, "languages") != 0)
    return TRUE;

  lang = main_language (self);
  stmt = cc_store_prepare_cached (self,
                                  "UPDATE products SET title = coalesce(("
                                  "  SELECT title FROM product_texts t WHERE t.product_id = products.id AND t.title != '' "
                                  "  ORDER BY t.lang = ?1 DESC, t.lang LIMIT 1), '')",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return cc_search_reindex_all (self, error);
}

static const CcEntityClass setting_entity = { "setting", setting_apply, setting_flush };

/* Settling a conflict: a synced register of its own, so a conflict settled
 * on one device is settled on all. A settle may arrive before the conflict
 * is recorded here; conflict_record() then reads this register. */
static gboolean
conflict_settle_apply (CcStore     *self,
                       const char  *row_id,
                       const char  *reg,
                       JsonNode    *value,
                       GError     **error)
{
  if (g_strcmp0 (reg, "settled") != 0 || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A settled conflict was sent in an unknown form (%s)"), reg);
      return FALSE;
    }
  /* Unsettled, a value equal to the winner's stays out of sight (2). */
  return cc_store_exec (self,
                        "UPDATE conflicts SET settled = CASE WHEN ?1 = '1' THEN 1 "
                        "WHEN value = winner_value THEN 2 ELSE 0 END WHERE change_id = ?2",
                        error, 2, json_node_get_boolean (value) ? "1" : "0", row_id);
}

static const CcEntityClass conflict_entity = { "conflict", conflict_settle_apply, NULL };

/* Opening and migrating */

static gboolean
check_file_header (const char  *path,
                   GError     **error)
{
  char header[16] = { 0 };
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  /* An empty file is what a crash between create and first write leaves. */
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                   _("“%s” is not a CraftChain shop database"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (db, rc == SQLITE_DONE ? SQLITE_CORRUPT : sqlite3_extended_errcode (db), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
configure_connection (sqlite3     *db,
                      GError     **error)
{
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  /* Nothing acknowledged to the user may be lost: WAL with full sync.
   * Statement journals (which undo one statement inside a transaction, and
   * play no part in crash recovery) stay in memory instead of a new
   * temporary file for nearly every write; and the WAL is copied back
   * into the database every 4,000 pages rather than 1,000, so a page
   * written by many transactions in a row is copied once. */
  return exec_sql (db,
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA trusted_schema = OFF;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA wal_autocheckpoint = 4000;",
                   error);
}

/* Checks a database is one of ours that this program can open. */
static gboolean
check_identity (sqlite3     *db,
                int         *out_version,
                GError     **error)
{
  int version = 0;
  int n_tables = 0;
  int has_meta = 0;

  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
                  &has_meta, error))
    return FALSE;

  if (version > CC_STORE_SCHEMA_VERSION)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CORRUPT,
                           _("This shop was saved by a newer version of CraftChain; update CraftChain to open it"));
      return FALSE;
    }
  if ((version == 0 && n_tables > 0) || (version > 0 && !has_meta))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CORRUPT,
                           _("This file is an SQLite database, but not a CraftChain shop"));
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

static gboolean
migrate (CcStore     *self,
         int          from,
         GError     **error)
{
  for (int v = from; v < (int)cc_schema_n_migrations; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!cc_store_begin (self, error))
        return FALSE;
      if (!exec_sql (self->db, cc_schema_migrations[v], error) ||
          !exec_sql (self->db, pragma, error))
        {
          cc_store_rollback (self);
          return FALSE;
        }
      /* Version 2 adds the search index: fill it from the rows already there. */
      if (v + 1 == 2 && !cc_search_reindex_all (self, error))
        {
          cc_store_rollback (self);
          return FALSE;
        }
      if (!cc_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_identity (CcStore  *self,
               GError  **error)
{
  g_autofree char *device_id = meta_get (self, "device_id");
  g_autofree char *hlc_text = NULL;
  CcHlcStamp last;

  if (device_id == NULL)
    {
      device_id = cc_uuid_v7_new ();
      if (!meta_set (self, "device_id", device_id, error))
        return FALSE;
    }

  g_clear_pointer (&self->device_id, g_free);
  self->device_id = g_steal_pointer (&device_id);

  if (self->clock == NULL)
    self->clock = cc_hlc_new (self->device_id);

  /* Never stamp below what this database has already seen, even if the
   * wall clock went back. */
  hlc_text = meta_get (self, "hlc");
  if (hlc_text != NULL && cc_hlc_stamp_parse (hlc_text, &last, NULL))
    cc_hlc_restore (self->clock, &last);

  return TRUE;
}

static gboolean
open_db (CcStore     *self,
         GError     **error)
{
  int version = 0;
  int rc;

  if (!check_file_header (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, rc, error);
      cc_store_close_db (self);
      return FALSE;
    }

  if (!configure_connection (self->db, error) ||
      !check_identity (self->db, &version, error) ||
      !migrate (self, version, error) ||
      !load_identity (self, error))
    {
      cc_store_close_db (self);
      return FALSE;
    }
  return TRUE;
}

char *
cc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "craftchain", "shop.db", NULL);
}

CcStore *
cc_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CcStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (CC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->data_dir = g_steal_pointer (&dir);

  cc_store_add_entity (self, &setting_entity);
  cc_store_add_entity (self, &conflict_entity);
  cc_catalogue_register (self);
  cc_photos_register (self);
  cc_inventory_register (self);
  cc_materials_register (self);
  cc_orders_register (self);
  cc_import_register (self);
  cc_media_register (self);

  if (!open_db (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
cc_store_get_path (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->path;
}

const char *
cc_store_get_data_dir (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->data_dir;
}

const char *
cc_store_get_device_id (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->device_id;
}

CcHlc *
cc_store_get_clock (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->clock;
}

sqlite3 *
cc_store_get_db (CcStore *self)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  return self->db;
}

int
cc_store_get_schema_version (CcStore *self)
{
  int version = -1;

  g_return_val_if_fail (CC_IS_STORE (self), -1);
  query_int (self->db, "PRAGMA user_version", &version, NULL);
  return version;
}

void
cc_store_refresh (CcStore *self)
{
  g_autofree char *hlc_text = NULL;
  CcHlcStamp last;

  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (self->depth == 0);

  hlc_text = meta_get (self, "hlc");
  if (hlc_text != NULL && cc_hlc_stamp_parse (hlc_text, &last, NULL))
    cc_hlc_restore (self->clock, &last);
}

/* Transactions: BEGIN IMMEDIATE outside, savepoints inside, so an inner
 * failure undoes only its own part and the caller decides about the rest. */

gboolean
cc_store_begin (CcStore  *self,
                GError  **error)
{
  char sql[32];

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);

  if (self->depth == 0)
    g_strlcpy (sql, "BEGIN IMMEDIATE", sizeof sql);
  else
    g_snprintf (sql, sizeof sql, "SAVEPOINT cc_%u", self->depth);

  if (!run_cached (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

static gboolean
flush_dirty (CcStore  *self,
             GError  **error)
{
  /* A flush may dirty more rows; loop until nothing is left. */
  while (g_hash_table_size (self->dirty) > 0)
    {
      g_autoptr(GHashTable) batch = g_steal_pointer (&self->dirty);
      GHashTableIter iter;
      const char *key;

      self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, batch);
      while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
        {
          const char *nl = strchr (key, '\n');
          g_autofree char *entity = g_strndup (key, nl - key);
          const CcEntityClass *klass = g_hash_table_lookup (self->entities, entity);

          if (klass != NULL && klass->flush != NULL && !klass->flush (self, nl + 1, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cc_store_commit (CcStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      char sql[32];

      g_snprintf (sql, sizeof sql, "RELEASE cc_%u", self->depth - 1);
      if (!run_cached (self, sql, error))
        {
          cc_store_rollback (self);
          return FALSE;
        }
      /* A half-done write released into the level around it. */
      if (self->torn_depth == self->depth)
        self->torn_depth--;
      self->depth--;
      return TRUE;
    }

  if (self->torn_depth != 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                           _("A change failed part-way through, so nothing of this one was saved"));
      cc_store_rollback (self);
      return FALSE;
    }

  if (!flush_dirty (self, error))
    {
      cc_store_rollback (self);
      return FALSE;
    }

  if (self->clock_moved)
    {
      CcHlcStamp now;
      g_autofree char *text = NULL;

      cc_hlc_now (self->clock, &now);
      text = cc_hlc_stamp_to_string (&now);
      if (!meta_set (self, "hlc", text, error))
        {
          cc_store_rollback (self);
          return FALSE;
        }
    }

  if (!run_cached (self, "COMMIT", error))
    {
      cc_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  self->clock_moved = FALSE;
  g_signal_emit (self, signals[COMMITTED], 0);
  return TRUE;
}

void
cc_store_rollback (CcStore *self)
{
  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth > 1)
    {
      char sql[32];

      g_snprintf (sql, sizeof sql, "ROLLBACK TO cc_%u", self->depth - 1);
      run_cached (self, sql, NULL);
      g_snprintf (sql, sizeof sql, "RELEASE cc_%u", self->depth - 1);
      run_cached (self, sql, NULL);
      if (self->torn_depth >= self->depth)
        self->torn_depth = 0;
      self->depth--;
      return;
    }

  run_cached (self, "ROLLBACK", NULL);
  self->torn_depth = 0;
  g_hash_table_remove_all (self->dirty);
  self->depth = 0;
  self->clock_moved = FALSE;
}

void
cc_store_add_entity (CcStore             *self,
                     const CcEntityClass *klass)
{
  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (klass != NULL && klass->name != NULL);
  g_return_if_fail (klass->apply != NULL || (klass->table != NULL && klass->columns != NULL));

  g_hash_table_insert (self->entities, (gpointer)klass->name, (gpointer)klass);
}

void
cc_store_mark_dirty (CcStore    *self,
                     const char *entity,
                     const char *row_id)
{
  g_return_if_fail (CC_IS_STORE (self));
  g_return_if_fail (entity != NULL && row_id != NULL);

  g_hash_table_add (self->dirty, g_strconcat (entity, "\n", row_id, NULL));
}

/* Registers */

typedef struct
{
  char *hlc;
  char *change_id;
  char *base_hlc;
  char *value;
} RegisterState;

static void
register_state_clear (RegisterState *state)
{
  g_clear_pointer (&state->hlc, g_free);
  g_clear_pointer (&state->change_id, g_free);
  g_clear_pointer (&state->base_hlc, g_free);
  g_clear_pointer (&state->value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RegisterState, register_state_clear)

static gboolean
register_lookup (CcStore       *self,
                 const char    *entity,
                 const char    *row_id,
                 const char    *reg,
                 RegisterState *out,
                 GError       **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (self,
                                                "SELECT hlc, change_id, base_hlc, value FROM registers "
                                                "WHERE entity = ? AND row_id = ? AND reg = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reg, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->hlc = cc_sqlite_column_dup (stmt, 0);
      out->change_id = cc_sqlite_column_dup (stmt, 1);
      out->base_hlc = cc_sqlite_column_dup (stmt, 2);
      out->value = cc_sqlite_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
register_record (CcStore         *self,
                 const CcChange  *change,
                 GError         **error)
{
  return cc_store_exec (self,
                        "INSERT INTO registers (entity, row_id, reg, hlc, change_id, base_hlc, value) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (entity, row_id, reg) DO UPDATE SET "
                        "hlc = excluded.hlc, change_id = excluded.change_id, "
                        "base_hlc = excluded.base_hlc, value = excluded.value",
                        error, 7, change->entity, change->row_id, change->reg, change->hlc,
                        change->change_id, change->base_hlc, change->value);
}

static gboolean
apply_node (CcStore     *self,
            const char  *entity,
            const char  *row_id,
            const char  *reg,
            JsonNode    *node,
            GError     **error)
{
  const CcEntityClass *klass = g_hash_table_lookup (self->entities, entity);

  if (klass == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Unknown kind of record “%s”"), entity);
      return FALSE;
    }
  if (klass->apply != NULL)
    return klass->apply (self, row_id, reg, node, error);
  return cc_store_apply_column (self, klass->table, klass->columns, klass->n_columns,
                                row_id, reg, node, error);
}

static gboolean
apply_value (CcStore         *self,
             const CcChange  *change,
             GError         **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (g_hash_table_lookup (self->entities, change->entity) == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Unknown kind of record “%s”"), change->entity);
      return FALSE;
    }
  node = json_from_string (change->value, error);
  if (node == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("A change carries no value"));
      return FALSE;
    }
  return apply_node (self, change->entity, change->row_id, change->reg, node, error);
}

/* A value as JSON text, exactly as json-glib 1.6's generator writes it
 * (the text is compared with other devices' in merges), without making a
 * generator for each register: strings, integers, booleans and null here,
 * anything else through json-glib. */
static char *
value_to_json (JsonNode *node)
{
  GString *text;
  const char *p;

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_STRING:
      break;
    default:
      return json_to_string (node, FALSE);
    }

  p = json_node_get_string (node);
  text = g_string_sized_new (strlen (p) + 2);
  g_string_append_c (text, '"');
  for (; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (text, "\\\"");
          break;
        case '\\':
          g_string_append (text, "\\\\");
          break;
        case '\b':
          g_string_append (text, "\\b");
          break;
        case '\f':
          g_string_append (text, "\\f");
          break;
        case '\n':
          g_string_append (text, "\\n");
          break;
        case '\r':
          g_string_append (text, "\\r");
          break;
        case '\t':
          g_string_append (text, "\\t");
          break;
        default:
          /* json-glib 1.6 escapes below 0x1f (not 0x1f itself) and DEL. */
          if (c < 0x1f || c == 0x7f)
            g_string_append_printf (text, "\\u%04x", c);
          else
            g_string_append_c (text, (char)c);
        }
    }
  g_string_append_c (text, '"');
  return g_string_free (text, FALSE);
}

static gboolean is_conflict_worthy  (const char      *reg);
static gboolean conflict_new_winner (CcStore         *self,
                                     const CcChange  *change,
                                     GError         **error);

static gboolean
outbox_append (CcStore         *self,
               const CcChange  *change,
               GError         **error)
{
  return cc_store_exec (self,
                        "INSERT INTO outbox (change_id, entity, row_id, reg, value, hlc, base_hlc, device) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error, 8, change->change_id, change->entity, change->row_id, change->reg,
                        change->value, change->hlc, change->base_hlc, change->device);
}

gboolean
cc_store_write (CcStore     *self,
                const char  *entity,
                const char  *row_id,
                const char  *reg,
                JsonNode    *value,
                GError     **error)
{
  g_autoptr(JsonNode) owned_value = value;
  g_auto(RegisterState) current = { 0 };
  g_autoptr(CcChange) change = NULL;
  CcHlcStamp stamp;
  gboolean nested;
  sqlite3_int64 changes_before;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && row_id != NULL && reg != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* Inside a transaction a write takes no savepoint of its own: a
   * savepoint per register cost two statements and a copy of every page
   * it touched. A write that fails after changing a row marks its level
   * instead, and that level can then only be rolled back (see
   * cc_store_commit): a half-done write is never committed. */
  nested = self->depth > 0;
  if (!nested && !cc_store_begin (self, error))
    return FALSE;
  changes_before = sqlite3_total_changes64 (self->db);

  if (!register_lookup (self, entity, row_id, reg, &current, error))
    goto failed;

  cc_hlc_now (self->clock, &stamp);
  self->clock_moved = TRUE;

  change = cc_change_new ();
  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup (entity);
  change->row_id = g_strdup (row_id);
  change->reg = g_strdup (reg);
  change->value = value_to_json (owned_value);
  change->hlc = cc_hlc_stamp_to_string (&stamp);
  change->base_hlc = g_steal_pointer (&current.hlc);
  change->device = g_strdup (self->device_id);

  /* The value is applied as given: parsing back what was just printed
   * would give the same node, at a cost. */
  if (!apply_node (self, entity, row_id, reg, owned_value, error) ||
      !register_record (self, change, error) ||
      (is_conflict_worthy (reg) && !conflict_new_winner (self, change, error)) ||
      !outbox_append (self, change, error))
    goto failed;

  return nested ? TRUE : cc_store_commit (self, error);

failed:
  if (!nested)
    cc_store_rollback (self);
  else if (sqlite3_total_changes64 (self->db) != changes_before &&
           (self->torn_depth == 0 || self->torn_depth > self->depth))
    self->torn_depth = self->depth;
  return FALSE;
}

/* Applying changes from elsewhere */

static gboolean
seen_check_and_add (CcStore     *self,
                    const char  *change_id,
                    gboolean    *out_seen,
                    GError     **error)
{
  if (!cc_store_exec (self, "INSERT INTO seen_changes (change_id) VALUES (?) ON CONFLICT DO NOTHING",
                      error, 1, change_id))
    return FALSE;
  *out_seen = sqlite3_changes (self->db) == 0;
  return TRUE;
}

static gboolean
conflict_record (CcStore         *self,
                 const char      *entity,
                 const char      *row_id,
                 const char      *reg,
                 const char      *loser_change_id,
                 const char      *loser_value,
                 const char      *loser_hlc,
                 const char      *winner_change_id,
                 const char      *winner_value,
                 GError         **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (self,
                                                "INSERT INTO conflicts (entity, row_id, reg, change_id, value, hlc, device, "
                                                "winner_change_id, winner_value, settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                                "CASE WHEN EXISTS (SELECT 1 FROM registers WHERE entity = 'conflict' "
                                                "AND row_id = ?4 AND reg = 'settled' AND value = 'true') THEN 1 "
                                                "WHEN ?5 = ?9 THEN 2 ELSE 0 END) "
                                                "ON CONFLICT DO NOTHING",
                                                error);
  CcHlcStamp stamp;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (!cc_hlc_stamp_parse (loser_hlc, &stamp, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reg, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, loser_change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, loser_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, loser_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, stamp.node, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, winner_change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, winner_value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Set elements ("tag/indigo") merge as add/remove sets: concurrent writes
 * to one element are not a question for the person.
 *
 * The conflicts of a register are the values still standing beside the
 * winner: every change no later change was written on top of, other than
 * the winner. That set is the same whatever order the changes arrived in
 * (each one arrives after those it was written on), so every replica
 * keeps a row for each such change; a value equal to the winner's is no
 * question for the person either and is kept hidden (settled = 2) until
 * another value wins. A settled conflict (1) stays settled. */
static gboolean
is_conflict_worthy (const char *reg)
{
  return strchr (reg, '/') == NULL;
}

/* A change written on top of a value that is standing as a conflict here
 * supersedes it: its writer saw that value. */
static gboolean
conflict_forget_superseded (CcStore         *self,
                            const CcChange  *change,
                            GError         **error)
{
  if (change->base_hlc == NULL)
    return TRUE;
  return cc_store_exec (self,
                        "DELETE FROM conflicts WHERE entity = ? AND row_id = ? AND reg = ? AND hlc = ?",
                        error, 4, change->entity, change->row_id, change->reg, change->base_hlc);
}

/* A new winner: the conflicts standing beside it now stand beside it. */
static gboolean
conflict_new_winner (CcStore         *self,
                     const CcChange  *change,
                     GError         **error)
{
  return cc_store_exec (self,
                        "UPDATE conflicts SET winner_change_id = ?1, winner_value = ?2, "
                        "settled = CASE WHEN settled = 1 THEN 1 WHEN value = ?2 THEN 2 ELSE 0 END "
                        "WHERE entity = ?3 AND row_id = ?4 AND reg = ?5",
                        error, 5, change->change_id, change->value,
                        change->entity, change->row_id, change->reg);
}

static gboolean
apply_one (CcStore         *self,
           const CcChange  *change,
           GError         **error)
{
  g_auto(RegisterState) current = { 0 };
  CcHlcStamp stamp;
  gboolean seen = FALSE;
  int order;

  if (!cc_change_validate (change, error) ||
      !cc_hlc_stamp_parse (change->hlc, &stamp, error))
    return FALSE;
  if (g_hash_table_lookup (self->entities, change->entity) == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Unknown kind of record “%s”"), change->entity);
      return FALSE;
    }

  if (!seen_check_and_add (self, change->change_id, &seen, error))
    return FALSE;
  if (seen)
    return TRUE;

  /* The server refuses stamps far ahead of its clock; here only merge. */
  if (!cc_hlc_observe (self->clock, &stamp, 0, error))
    return FALSE;
  self->clock_moved = TRUE;

  if (!register_lookup (self, change->entity, change->row_id, change->reg, &current, error))
    return FALSE;

  if (current.hlc == NULL)
    return apply_value (self, change, error) && register_record (self, change, error);

  order = strcmp (change->hlc, current.hlc);
  if (order == 0)
    return TRUE;  /* our own change coming back */

  if (is_conflict_worthy (change->reg) && !conflict_forget_superseded (self, change, error))
    return FALSE;

  if (order > 0)
    {
      /* Newer: it wins. It is concurrent with the current value unless it
       * was written on top of it. */
      if (is_conflict_worthy (change->reg) &&
          ((g_strcmp0 (change->base_hlc, current.hlc) != 0 &&
            !conflict_record (self, change->entity, change->row_id, change->reg,
                              current.change_id, current.value, current.hlc,
                              change->change_id, change->value, error)) ||
           !conflict_new_winner (self, change, error)))
        return FALSE;
      return apply_value (self, change, error) && register_record (self, change, error);
    }

  /* Older: it loses. A conflict unless the current value replaced it. */
  if (g_strcmp0 (current.base_hlc, change->hlc) != 0 &&
      is_conflict_worthy (change->reg))
    return conflict_record (self, change->entity, change->row_id, change->reg,
                            change->change_id, change->value, change->hlc,
                            current.change_id, current.value, error);
  return TRUE;
}

gboolean
cc_store_apply_changes (CcStore    *self,
                        GPtrArray  *changes,
                        GError    **error)
{
  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (!cc_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      if (!apply_one (self, g_ptr_array_index (changes, i), error))
        {
          cc_store_rollback (self);
          return FALSE;
        }
    }

  return cc_store_commit (self, error);
}

/* The outbox */

static CcChange *
change_from_row (sqlite3_stmt *stmt)
{
  CcChange *change = cc_change_new ();

  change->change_id = cc_sqlite_column_dup (stmt, 0);
  change->entity = cc_sqlite_column_dup (stmt, 1);
  change->row_id = cc_sqlite_column_dup (stmt, 2);
  change->reg = cc_sqlite_column_dup (stmt, 3);
  change->value = cc_sqlite_column_dup (stmt, 4);
  change->hlc = cc_sqlite_column_dup (stmt, 5);
  change->base_hlc = cc_sqlite_column_dup (stmt, 6);
  change->device = cc_sqlite_column_dup (stmt, 7);
  return change;
}

GPtrArray *
cc_store_outbox_list (CcStore  *self,
                      guint     limit,
                      GError  **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);

  stmt = cc_store_prepare_cached (self,
                                  "SELECT change_id, entity, row_id, reg, value, hlc, base_hlc, device "
                                  "FROM outbox ORDER BY seq LIMIT ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64)limit : G_MAXINT64);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

gint64
cc_store_outbox_count (CcStore *self)
{
  int n = 0;

  g_return_val_if_fail (CC_IS_STORE (self), -1);
  query_int (self->db, "SELECT count(*) FROM outbox", &n, NULL);
  return n;
}

gboolean
cc_store_outbox_remove (CcStore     *self,
                        const char **change_ids,
                        guint        n_ids,
                        GError     **error)
{
  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_ids != NULL || n_ids == 0, FALSE);

  if (!cc_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      gboolean seen;

      if (!cc_store_exec (self, "DELETE FROM outbox WHERE change_id = ?", error, 1, change_ids[i]))
        goto failed;
      /* Once the server has it, it will come back in a pull: skip it then. */
      if (!seen_check_and_add (self, change_ids[i], &seen, error))
        goto failed;
    }
  return cc_store_commit (self, error);

failed:
  cc_store_rollback (self);
  return FALSE;
}

gboolean
cc_store_outbox_requeue_all (CcStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (CC_IS_STORE (self), FALSE);

  /* A stamp is "wall-counter-node" (cc_hlc_stamp_to_string), 25
   * characters before the node, which is the device that wrote it. */
  return cc_store_exec (self,
                        "INSERT INTO outbox (change_id, entity, row_id, reg, value, hlc, base_hlc, device) "
                        "SELECT r.change_id, r.entity, r.row_id, r.reg, r.value, r.hlc, r.base_hlc, substr(r.hlc, 26) "
                        "FROM registers r WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.change_id = r.change_id) "
                        "ORDER BY r.hlc",
                        error, 0);
}

GPtrArray *
cc_store_conflicts_list (CcStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);

  stmt = cc_store_prepare_cached (self,
                                  "SELECT change_id, entity, row_id, reg, value, hlc, NULL, device "
                                  "FROM conflicts WHERE settled = 0 ORDER BY hlc DESC",
                                  error);
  if (stmt == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

void
cc_conflict_free (CcConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->change_id);
  g_free (conflict->entity);
  g_free (conflict->row_id);
  g_free (conflict->reg);
  g_free (conflict->value);
  g_free (conflict->hlc);
  g_free (conflict->device);
  g_free (conflict->winner_change_id);
  g_free (conflict->winner_value);
  g_free (conflict);
}

#define CONFLICT_FIELDS "change_id, entity, row_id, reg, value, hlc, device, winner_change_id, winner_value, settled"

static CcConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  CcConflict *conflict = g_new0 (CcConflict, 1);

  conflict->change_id = cc_sqlite_column_dup (stmt, 0);
  conflict->entity = cc_sqlite_column_dup (stmt, 1);
  conflict->row_id = cc_sqlite_column_dup (stmt, 2);
  conflict->reg = cc_sqlite_column_dup (stmt, 3);
  conflict->value = cc_sqlite_column_dup (stmt, 4);
  conflict->hlc = cc_sqlite_column_dup (stmt, 5);
  conflict->device = cc_sqlite_column_dup (stmt, 6);
  conflict->winner_change_id = cc_sqlite_column_dup (stmt, 7);
  conflict->winner_value = cc_sqlite_column_dup (stmt, 8);
  conflict->settled = sqlite3_column_int (stmt, 9) != 0;
  return conflict;
}

GPtrArray *
cc_store_conflicts_list_full (CcStore  *self,
                              GError  **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);

  stmt = cc_store_prepare_cached (self,
                                  "SELECT " CONFLICT_FIELDS " FROM conflicts WHERE settled = 0 "
                                  "ORDER BY hlc DESC, change_id",
                                  error);
  if (stmt == NULL)
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

CcConflict *
cc_store_conflict_find (CcStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(CcConflict) found = NULL;
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (strlen (id) < 8)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is too short to name a conflict: give at least 8 characters of its id"), id);
      return NULL;
    }

  /* Ids are UUIDs: a prefix match is a range on the key. */
  upper = g_strconcat (id, "\xff", NULL);
  stmt = cc_store_prepare_cached (self,
                                  "SELECT " CONFLICT_FIELDS " FROM conflicts "
                                  "WHERE change_id >= ? AND change_id < ? LIMIT 2",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CcConflict) conflict = conflict_from_row (stmt);

      /* One change may lose on several registers of one row only in
       * theory; its id still names one conflict. */
      if (found == NULL || g_strcmp0 (found->change_id, conflict->change_id) != 0)
        n++;
      if (found == NULL)
        found = g_steal_pointer (&conflict);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (self, error);
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no conflict “%s”"), id);
      return NULL;
    }
  if (n > 1)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” fits more than one conflict: give more of its id"), id);
      return NULL;
    }
  return g_steal_pointer (&found);
}

gboolean
cc_store_conflict_settle (CcStore     *self,
                          const char  *change_id,
                          JsonNode    *value,
                          GError     **error)
{
  g_autoptr(JsonNode) owned_value = value;
  g_autoptr(CcConflict) conflict = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  conflict = cc_store_conflict_find (self, change_id, error);
  if (conflict == NULL)
    return FALSE;

  if (!cc_store_begin (self, error))
    return FALSE;
  if (!cc_store_write (self, conflict->entity, conflict->row_id, conflict->reg,
                       g_steal_pointer (&owned_value), error) ||
      !cc_store_write (self, "conflict", conflict->change_id, "settled", cc_value_bool (TRUE), error))
    {
      cc_store_rollback (self);
      return FALSE;
    }
  return cc_store_commit (self, error);
}

/* This device's own state */

char *
cc_store_dup_meta (CcStore    *self,
                   const char *key)
{
  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return meta_get (self, key);
}

gboolean
cc_store_set_meta (CcStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    return cc_store_exec (self, "DELETE FROM meta WHERE key = ?", error, 1, key);
  return meta_set (self, key, value, error);
}

GStrv
cc_store_dup_meta_keys (CcStore    *self,
                        const char *prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  upper = g_strconcat (prefix, "\xff", NULL);
  stmt = cc_store_prepare_cached (self, "SELECT key FROM meta WHERE key >= ? AND key < ? ORDER BY key", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

char *
cc_store_dup_register_stamp (CcStore    *self,
                             const char *entity,
                             const char *row_id,
                             const char *reg)
{
  g_auto(RegisterState) current = { 0 };

  g_return_val_if_fail (CC_IS_STORE (self), NULL);

  if (!register_lookup (self, entity, row_id, reg, &current, NULL))
    return NULL;
  return g_steal_pointer (&current.hlc);
}

/* Settings */

char *
cc_store_dup_setting (CcStore    *self,
                      const char *key,
                      const char *fallback)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = cc_store_prepare_cached (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = cc_sqlite_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  return value != NULL ? value : g_strdup (fallback);
}

gboolean
cc_store_set_setting (CcStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  normalized = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The text is not valid UTF-8"));
      return FALSE;
    }
  current = cc_store_dup_setting (self, key, NULL);
  if (g_strcmp0 (current, normalized) == 0)
    return TRUE;
  return cc_store_write (self, "setting", key, "value", cc_value_string (normalized), error);
}

GStrv
cc_store_dup_languages (CcStore *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  guint n = 0;

  g_return_val_if_fail (CC_IS_STORE (self), NULL);

  text = cc_store_dup_setting (self, "languages", "en");
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        {
          g_strv_builder_add (builder, parts[i]);
          n++;
        }
    }
  if (n == 0)
    g_strv_builder_add (builder, "en");
  return g_strv_builder_end (builder);
}

/* Backup and restore */

gboolean
cc_store_backup (CcStore     *self,
                 const char  *dest_path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   _("“%s” already exists; choose a new file for the backup"), dest_path);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dest_path, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("The backup could not be written to “%s”: %s"), dest_path, sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_backup (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  gboolean ok = FALSE;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("There is no backup file at “%s”"), path);
      return FALSE;
    }
  if (!check_file_header (path, &local_error))
    goto refused;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK || !check_identity (db, &version, &local_error))
    goto refused;
  if (version < 1)
    goto refused;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0)
    ok = TRUE;
  sqlite3_finalize (stmt);

refused:
  sqlite3_close_v2 (db);
  if (!ok)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                   _("“%s” is not a usable CraftChain backup: it is damaged or not a shop database. Your current shop was not changed."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static void
remove_sidecars (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot copy “%s”: %s"), from, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_store_restore (CcStore     *self,
                  const char  *backup_path,
                  GError     **error)
{
  g_autofree char *incoming = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *device_id = NULL;
  g_autoptr(GError) open_error = NULL;
  CcHlcStamp now;
  g_autofree char *now_text = NULL;

  g_return_val_if_fail (CC_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!check_backup (backup_path, error))
    return FALSE;

  incoming = g_strconcat (self->path, ".restoring", NULL);
  previous = g_strconcat (self->path, ".before-restore", NULL);
  if (!copy_file (backup_path, incoming, error))
    {
      g_unlink (incoming);
      return FALSE;
    }

  /* Closing the last connection checkpoints the WAL into the main file. */
  device_id = g_strdup (self->device_id);
  cc_store_close_db (self);
  g_unlink (previous);
  if (g_rename (self->path, previous) != 0)
    {
      int saved_errno = errno;

      g_unlink (incoming);
      open_db (self, NULL);
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot set the current shop aside: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  remove_sidecars (self->path);

  if (g_rename (incoming, self->path) != 0 || !open_db (self, &open_error))
    {
      /* Put the shop we had back exactly as it was. */
      cc_store_close_db (self);
      g_unlink (self->path);
      remove_sidecars (self->path);
      g_rename (previous, self->path);
      g_unlink (incoming);
      open_db (self, NULL);
      g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                   _("The backup could not be opened (%s); your current shop was kept"),
                   open_error ? open_error->message : g_strerror (errno));
      return FALSE;
    }

  /* The backup belongs to this device: keep this device's identity and a
   * clock that never goes below what it already stamped. */
  cc_hlc_now (self->clock, &now);
  now_text = cc_hlc_stamp_to_string (&now);
  if (!meta_set (self, "device_id", device_id, error) ||
      !meta_set (self, "hlc", now_text, error))
    return FALSE;
  g_free (self->device_id);
  self->device_id = g_steal_pointer (&device_id);

  return TRUE;
}

/* Values */

JsonNode *
cc_value_string (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text ? text : "");
  return node;
}

JsonNode *
cc_value_int (gint64 number)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, number);
  return node;
}

JsonNode *
cc_value_bool (gboolean flag)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, flag);
  return node;
}

JsonNode *
cc_value_null (void)
{
  return json_node_new (JSON_NODE_NULL);
}
