/* cc-sync-storage-private.h — what a storage backend implements.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-sync-storage.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  void          (*free)           (gpointer impl);
  gboolean      (*ping)           (gpointer impl, GError **error);
  char         *(*create_shop)    (gpointer impl, const char *name, char **out_code, GError **error);
  GPtrArray    *(*list_shops)     (gpointer impl, GError **error);
  char         *(*new_code)       (gpointer impl, const char *shop, GError **error);
  CcSyncDevice *(*enrol)          (gpointer impl, const char *code_hash, const char *device_id,
                                   const char *device_name, const char *token_hash, GError **error);
  CcSyncDevice *(*authenticate)   (gpointer impl, const char *token_hash, GError **error);
  GPtrArray    *(*list_devices)   (gpointer impl, const char *shop, GError **error);
  gboolean      (*revoke_device)  (gpointer impl, const char *shop, const char *device, GError **error);
  gboolean      (*push)           (gpointer impl, const char *shop_id, GPtrArray *changes,
                                   guint *out_accepted, guint *out_duplicates, gint64 *out_cursor,
                                   GPtrArray **out_missing, GError **error);
  GPtrArray    *(*pull)           (gpointer impl, const char *shop_id, gint64 after, guint limit,
                                   gboolean *out_more, GError **error);
  gboolean      (*put_blob)       (gpointer impl, const char *shop_id, const char *sha256,
                                   GBytes *bytes, gboolean *out_created, GError **error);
  GBytes       *(*get_blob)       (gpointer impl, const char *shop_id, const char *sha256, GError **error);
  gboolean      (*has_blob)       (gpointer impl, const char *shop_id, const char *sha256, GError **error);
  /* A code lasting lifetime_s seconds from now (may be <= 0: expired).
   * new_code is this with CC_SYNC_CODE_LIFETIME_S. */
  char         *(*new_code_lasting) (gpointer impl, const char *shop, gint64 lifetime_s, GError **error);
} CcSyncBackend;

/* Each returns its state, or NULL with error. */
gpointer cc_sync_sqlite_open   (const char *path, GError **error);
extern const CcSyncBackend cc_sync_sqlite_backend;

#ifdef HAVE_LIBPQ
gpointer cc_sync_pg_open       (const char *conninfo, GError **error);
extern const CcSyncBackend cc_sync_pg_backend;
#endif

G_END_DECLS
