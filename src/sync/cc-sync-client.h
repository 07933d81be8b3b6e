/* cc-sync-client.h — one sync round with craftchain-sync, blocking, on one store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These calls block the calling thread on the network: the engine
 * (cc-sync-engine.h) runs them on its worker, the CLI runs them directly.
 * They use the store they are given and nothing else.
 */
#pragma once

#include <gio/gio.h>

#include "cc-store.h"

G_BEGIN_DECLS

/* Keys of the store's meta table (docs/sync.md "The client's state"). */
#define CC_SYNC_META_URL           "sync_url"
#define CC_SYNC_META_TOKEN         "sync_token"
#define CC_SYNC_META_SHOP_ID       "sync_shop_id"
#define CC_SYNC_META_SHOP_NAME     "sync_shop_name"
#define CC_SYNC_META_DEVICE_CODE   "device_code"
#define CC_SYNC_META_CURSOR        "sync_cursor"
#define CC_SYNC_META_LAST_SUCCESS  "sync_last_success"
#define CC_SYNC_META_LAST_ERROR    "sync_last_error"
/* One key per blob a pulled change named that is not here yet. */
#define CC_SYNC_META_WANTED_BLOB   "sync_wanted_blob:"
/* One key per blob the server is known to have, while a change naming it
 * waits in the outbox: a round stopped half way (rate limits, a lost
 * connection) does not ask about them again. */
#define CC_SYNC_META_SENT_BLOB     "sync_sent_blob:"

/* Largest push batch and pull page (both the server's limits). */
#define CC_SYNC_PUSH_BATCH  1000
#define CC_SYNC_PULL_PAGE   5000

typedef enum
{
  CC_SYNC_PHASE_UPLOAD_BLOBS,
  CC_SYNC_PHASE_PUSH,
  CC_SYNC_PHASE_PULL,
  CC_SYNC_PHASE_DOWNLOAD_BLOBS,
} CcSyncPhase;

/* done of total (total -1 when not known ahead). */
typedef void (*CcSyncProgressFunc) (CcSyncPhase  phase,
                                    gint64       done,
                                    gint64       total,
                                    gpointer     user_data);

typedef struct
{
  gint64 pushed;          /* changes the server acknowledged */
  gint64 pulled;          /* changes received */
  gint64 pulled_foreign;  /* of those, made by other devices */
  gint64 blobs_up;
  gint64 blobs_down;
  gint64 retry_after_s;   /* the server asked to wait (429), else 0 */
} CcSyncReport;

/* Whether the store is enrolled in a shop (has a URL and a token). */
gboolean  cc_sync_is_enrolled     (CcStore  *store);

/* POST /v1/enrol with the code; on success stores the URL, token, shop
 * and device code in meta, and resets the cursor. url is the server's
 * base address ("https://sync.example.org"). device_name may be NULL (the
 * host name is used). */
gboolean  cc_sync_enrol           (CcStore       *store,
                                   const char    *url,
                                   const char    *code,
                                   const char    *device_name,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* One full round: upload the blobs the outbox names, push the outbox in
 * batches, pull every page after the cursor (each page applied with the
 * new cursor in one transaction), download missing blobs. Records
 * sync_last_success or sync_last_error in meta. Errors: CC_ERROR_OFFLINE
 * (no answer), CC_ERROR_UNAUTHORIZED (revoked or unknown device: enrol
 * again), CC_ERROR_NOT_FOUND (not enrolled), others with the server's
 * reason. report may be NULL. */
gboolean  cc_sync_run             (CcStore             *store,
                                   CcSyncProgressFunc   progress,
                                   gpointer             user_data,
                                   CcSyncReport        *report,
                                   GCancellable        *cancellable,
                                   GError             **error);

G_END_DECLS
