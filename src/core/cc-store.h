/* cc-store.h — the shop database: open, migrate, write through the outbox, apply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-hlc.h"

G_BEGIN_DECLS

#define CC_TYPE_STORE (cc_store_get_type ())
G_DECLARE_FINAL_TYPE (CcStore, cc_store, CC, STORE, GObject)

#define CC_STORE_SCHEMA_VERSION 7

/* How an entity (product, category, …) turns one register's value into its
 * tables. The same function serves local writes and applied remote changes,
 * so there is no write path the sync engine cannot see. */
typedef gboolean (*CcEntityApplyFunc) (CcStore     *store,
                                       const char  *row_id,
                                       const char  *reg,
                                       JsonNode    *value,
                                       GError     **error);
/* Called before COMMIT for each row marked dirty in the transaction
 * (rebuilding a search index entry, say). */
typedef gboolean (*CcEntityFlushFunc) (CcStore     *store,
                                       const char  *row_id,
                                       GError     **error);

/* The kinds of value a plain column register holds. */
typedef enum
{
  CC_COLUMN_TEXT,
  CC_COLUMN_TEXT_OR_NULL,
  CC_COLUMN_INT,
  CC_COLUMN_BOOL,
} CcColumnKind;

typedef struct
{
  const char   *reg;
  CcColumnKind  kind;
} CcColumn;

/* An entity whose registers are all plain columns of one table needs no
 * apply function: name the table and its columns instead. */
typedef struct
{
  const char        *name;
  CcEntityApplyFunc  apply;      /* NULL: apply the columns below */
  CcEntityFlushFunc  flush;      /* may be NULL */
  const char        *table;
  const CcColumn    *columns;
  guint              n_columns;
} CcEntityClass;

/* The default database: $XDG_DATA_HOME/craftchain/shop.db. */
char        *cc_store_default_path      (void);

/* Opens or creates; runs migrations. A file that is not a CraftChain
 * database, or is damaged, gives CC_ERROR_CORRUPT and is left untouched. */
CcStore     *cc_store_open              (const char  *path,
                                         GError     **error);
const char  *cc_store_get_path          (CcStore *self);
/* Directory holding the database and the photo store. */
const char  *cc_store_get_data_dir      (CcStore *self);
const char  *cc_store_get_device_id     (CcStore *self);
CcHlc       *cc_store_get_clock         (CcStore *self);
/* For core modules only: the app and CLI never run SQL. */
sqlite3     *cc_store_get_db            (CcStore *self);
int          cc_store_get_schema_version (CcStore *self);
/* A prepared statement kept for the life of the connection, reset and with
 * its bindings cleared, ready to bind. Core modules use it for statements
 * on hot paths; the store finalizes them when it closes or restores. */
sqlite3_stmt *cc_store_prepare_cached   (CcStore     *self,
                                         const char  *sql,
                                         GError     **error);
/* Runs one cached statement that returns no rows, binding n_params text
 * parameters in order (NULL binds NULL). */
gboolean     cc_store_exec              (CcStore     *self,
                                         const char  *sql,
                                         GError     **error,
                                         guint        n_params,
                                         ...);
/* Whether value fits a column of that kind. */
gboolean     cc_column_accepts          (JsonNode        *value,
                                         CcColumnKind     kind);
/* A plain column register applied to table, the row created on first sight
 * whatever order registers arrive in. Column names come only from columns,
 * never from the change; a register not listed, or of the wrong kind, is
 * CC_ERROR_INVALID_INPUT. */
gboolean     cc_store_apply_column      (CcStore         *store,
                                         const char      *table,
                                         const CcColumn  *columns,
                                         guint            n_columns,
                                         const char      *row_id,
                                         const char      *reg,
                                         JsonNode        *value,
                                         GError         **error);

/* A copy of a text column of the current row, or NULL for NULL. */
char        *cc_sqlite_column_dup       (sqlite3_stmt *stmt,
                                         int           column);
/* Sets a CC_ERROR from the connection's last SQLite error. */
void         cc_store_set_sqlite_error  (CcStore  *self,
                                         GError  **error);

/* Catches up with writes another connection made to the same file (a
 * worker that loaded the demo shop, say): the clock resumes above them. */
void         cc_store_refresh           (CcStore *self);

/* Transactions nest: only the outermost begin/commit touch SQLite. */
gboolean     cc_store_begin             (CcStore  *self,
                                         GError  **error);
gboolean     cc_store_commit            (CcStore  *self,
                                         GError  **error);
void         cc_store_rollback          (CcStore  *self);

void         cc_store_add_entity        (CcStore             *self,
                                         const CcEntityClass *klass);
void         cc_store_mark_dirty        (CcStore    *self,
                                         const char *entity,
                                         const char *row_id);

/* A local write of one register: stamps it, applies it through the
 * entity, records its stamp and appends the change to the outbox — all in
 * the current transaction (one is opened if none is). Takes ownership of
 * value (a floating-free JsonNode; use the cc_value_* helpers). */
gboolean     cc_store_write             (CcStore     *self,
                                         const char  *entity,
                                         const char  *row_id,
                                         const char  *reg,
                                         JsonNode    *value,
                                         GError     **error);
/* Applies changes pulled from elsewhere: last writer (by stamp) wins per
 * register, a concurrent loser is recorded in the conflicts table, a change
 * already seen is skipped; nothing is queued in the outbox. One transaction. */
gboolean     cc_store_apply_changes     (CcStore    *self,
                                         GPtrArray  *changes,
                                         GError    **error);

/* The outbox, oldest first. */
GPtrArray   *cc_store_outbox_list       (CcStore  *self,
                                         guint     limit,
                                         GError  **error);
gint64       cc_store_outbox_count      (CcStore *self);
gboolean     cc_store_outbox_remove     (CcStore     *self,
                                         const char **change_ids,
                                         guint        n_ids,
                                         GError     **error);
/* Queues again the change behind every register's current value, unless
 * it is queued already: a device joining another shop (a server that was
 * reset) hands it the whole shop as it stands, not only what changes
 * next. In the current transaction. */
gboolean     cc_store_outbox_requeue_all (CcStore  *self,
                                          GError  **error);
/* Unsettled conflicts as changes that lost (most recent first). */
GPtrArray   *cc_store_conflicts_list    (CcStore  *self,
                                         GError  **error);

/* A conflict in full: the change that lost (its change_id is the
 * conflict's id) and the value that won. Values are JSON text. */
typedef struct
{
  char     *change_id;
  char     *entity;
  char     *row_id;
  char     *reg;
  char     *value;
  char     *hlc;
  char     *device;            /* the device that wrote the losing value */
  char     *winner_change_id;
  char     *winner_value;
  gboolean  settled;
} CcConflict;

void         cc_conflict_free           (CcConflict *conflict);
/* Unsettled conflicts as CcConflict*, most recent first. */
GPtrArray   *cc_store_conflicts_list_full (CcStore  *self,
                                           GError  **error);
/* A conflict, settled or not, by its id or a unique beginning of it (at
 * least 8 characters): CC_ERROR_NOT_FOUND, or CC_ERROR_INVALID_INPUT when
 * the beginning fits several. */
CcConflict  *cc_store_conflict_find     (CcStore     *self,
                                         const char  *id,
                                         GError     **error);
/* Settles a conflict in one transaction: value (owned) becomes the
 * register's value through an ordinary new write, and the conflict is
 * marked settled through a synced register ("conflict", id, "settled"), so
 * it is settled on every device. */
gboolean     cc_store_conflict_settle   (CcStore     *self,
                                         const char  *change_id,
                                         JsonNode    *value,
                                         GError     **error);

/* This device's own state (never synced), read and written inside the
 * current transaction if one is open. A NULL value removes the key. */
char        *cc_store_dup_meta          (CcStore    *self,
                                         const char *key);
gboolean     cc_store_set_meta          (CcStore     *self,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);
/* The keys that begin with prefix, sorted; never NULL. */
GStrv        cc_store_dup_meta_keys     (CcStore    *self,
                                         const char *prefix);

/* Stamp text of a register's current value, or NULL if never written. */
char        *cc_store_dup_register_stamp (CcStore    *self,
                                          const char *entity,
                                          const char *row_id,
                                          const char *reg);

/* Shop settings ("shop-name", "currency", "languages" — comma separated,
 * the first is the shop's main language); synced like everything else. */
char        *cc_store_dup_setting       (CcStore    *self,
                                         const char *key,
                                         const char *fallback);
gboolean     cc_store_set_setting       (CcStore     *self,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);
/* The shop's languages, main first; never empty. */
GStrv        cc_store_dup_languages     (CcStore *self);

/* VACUUM INTO a new file the user chose (refuses to overwrite). */
gboolean     cc_store_backup            (CcStore     *self,
                                         const char  *dest_path,
                                         GError     **error);
/* Checks the backup (a CraftChain database that passes integrity_check and
 * is not newer than this program), then replaces the open database with it,
 * keeping the current one until the restored copy has opened. */
gboolean     cc_store_restore           (CcStore     *self,
                                         const char  *backup_path,
                                         GError     **error);

/* JSON values for cc_store_write. */
JsonNode    *cc_value_string            (const char *text);
JsonNode    *cc_value_int               (gint64 number);
JsonNode    *cc_value_bool              (gboolean flag);
JsonNode    *cc_value_null              (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcConflict, cc_conflict_free)

G_END_DECLS
