/* cc-sync-storage.h — where the sync server keeps shops, devices, changes and blobs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One interface, two backends: SQLite (one process) and PostgreSQL (several
 * processes on one database). Every function is blocking and thread-safe:
 * the HTTP layer calls them from worker threads, never from libsoup's.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits the HTTP layer enforces and the storage relies on. */
#define CC_SYNC_PUSH_MAX_CHANGES 1000
#define CC_SYNC_PULL_MAX_CHANGES 5000
#define CC_SYNC_BLOB_MAX_BYTES   (64 * 1024 * 1024)
#define CC_SYNC_CODE_LIFETIME_S  (24 * 60 * 60)

typedef struct _CcSyncStorage CcSyncStorage;

typedef struct
{
  char   *id;
  char   *name;
  char   *created;      /* ISO 8601, UTC */
  gint64  n_devices;
  gint64  n_changes;
} CcSyncShop;

typedef struct
{
  char     *shop_id;
  char     *device_id;
  char     *device_code;
  char     *name;
  char     *enrolled;    /* ISO 8601, UTC */
  char     *last_seen;   /* ISO 8601, UTC, or NULL */
  gboolean  revoked;
} CcSyncDevice;

/* A stored change: the record as it arrived, and its place in the shop. */
typedef struct
{
  gint64  seq;
  char   *json;         /* the change's JSON object text */
} CcSyncStoredChange;

void cc_sync_shop_free          (CcSyncShop         *shop);
void cc_sync_device_free        (CcSyncDevice       *device);
void cc_sync_stored_change_free (CcSyncStoredChange *change);

/* "sqlite:PATH" (created if missing) or "postgresql://…"/"postgres://…". */
CcSyncStorage *cc_sync_storage_open   (const char  *uri,
                                       GError     **error);
void           cc_sync_storage_free   (CcSyncStorage *self);
/* TRUE when the database answers (for /ready). */
gboolean       cc_sync_storage_ping   (CcSyncStorage  *self,
                                       GError        **error);

/* Shops. A name is unique (CC_ERROR_CONFLICT). Creating one also makes its
 * first enrolment code, returned in out_code ("XXXX-XXXX-XXXX"). */
char          *cc_sync_storage_create_shop (CcSyncStorage  *self,
                                            const char     *name,
                                            char          **out_code,
                                            GError        **error);
GPtrArray     *cc_sync_storage_list_shops  (CcSyncStorage  *self,
                                            GError        **error);
/* A new single-use code for the shop named (or with that id). */
char          *cc_sync_storage_new_code    (CcSyncStorage  *self,
                                            const char     *shop,
                                            GError        **error);
/* The same with its lifetime in seconds (CC_SYNC_CODE_LIFETIME_S for a
 * normal code; zero or negative makes one that has already expired, which
 * is what the tests need). */
char          *cc_sync_storage_new_code_lasting (CcSyncStorage  *self,
                                                 const char     *shop,
                                                 gint64          lifetime_s,
                                                 GError        **error);

/* Uses up a code (case and dashes ignored): a new device with the next
 * device code of its shop, and its token (returned once, stored hashed).
 * Unknown code: CC_ERROR_UNAUTHORIZED; used or expired: CC_ERROR_CONFLICT.
 * A device id already enrolled in the shop gets a new token and keeps its
 * code. */
CcSyncDevice  *cc_sync_storage_enrol       (CcSyncStorage  *self,
                                            const char     *code,
                                            const char     *device_id,
                                            const char     *device_name,
                                            char          **out_token,
                                            GError        **error);
/* The device a bearer token belongs to; CC_ERROR_UNAUTHORIZED if unknown
 * or revoked. Updates last_seen at most once a minute. */
CcSyncDevice  *cc_sync_storage_authenticate (CcSyncStorage  *self,
                                             const char     *token,
                                             GError        **error);
GPtrArray     *cc_sync_storage_list_devices (CcSyncStorage  *self,
                                             const char     *shop,
                                             GError        **error);
/* By device code or id within the shop (named, or by id). */
gboolean       cc_sync_storage_revoke_device (CcSyncStorage  *self,
                                              const char     *shop,
                                              const char     *device,
                                              GError        **error);

/* Stores the changes (CcChange*, already validated) of one batch in one
 * transaction, each new change id with the shop's next sequence number
 * (allocated from the shop's counter row inside the transaction);
 * change ids already stored count as duplicates. Changes naming a blob the
 * shop lacks refuse the batch (CC_ERROR_CONFLICT; out_missing lists the
 * sha256s). out_cursor: the shop's highest sequence number after the push. */
gboolean       cc_sync_storage_push        (CcSyncStorage  *self,
                                            const char     *shop_id,
                                            GPtrArray      *changes,
                                            guint          *out_accepted,
                                            guint          *out_duplicates,
                                            gint64         *out_cursor,
                                            GPtrArray     **out_missing,
                                            GError        **error);
/* CcSyncStoredChange* with seq > after, oldest first, at most limit. */
GPtrArray     *cc_sync_storage_pull        (CcSyncStorage  *self,
                                            const char     *shop_id,
                                            gint64          after,
                                            guint           limit,
                                            gboolean       *out_more,
                                            GError        **error);

/* Blobs belong to a shop. The caller has checked the bytes' hash. */
gboolean       cc_sync_storage_put_blob    (CcSyncStorage  *self,
                                            const char     *shop_id,
                                            const char     *sha256,
                                            GBytes         *bytes,
                                            gboolean       *out_created,
                                            GError        **error);
/* NULL with CC_ERROR_NOT_FOUND when the shop has no such blob. */
GBytes        *cc_sync_storage_get_blob    (CcSyncStorage  *self,
                                            const char     *shop_id,
                                            const char     *sha256,
                                            GError        **error);
gboolean       cc_sync_storage_has_blob    (CcSyncStorage  *self,
                                            const char     *shop_id,
                                            const char     *sha256,
                                            GError        **error);

/* Helpers shared by the backends. */
char          *cc_sync_make_code           (void);
/* Upper-cases and drops dashes and spaces: what is hashed and stored. */
char          *cc_sync_normalise_code      (const char *code);
char          *cc_sync_make_token          (void);
char          *cc_sync_hash_secret         (const char *secret);
/* "A", "B", … "Z", "AA", "AB", …: the n-th device (from 0). */
char          *cc_sync_device_code_for     (gint64 n);
char          *cc_sync_now_iso             (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncShop, cc_sync_shop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncDevice, cc_sync_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncStoredChange, cc_sync_stored_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncStorage, cc_sync_storage_free)

G_END_DECLS
