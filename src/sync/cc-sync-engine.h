/* cc-sync-engine.h — the background sync engine: a worker that keeps the shop in step.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cc-sync-client.h"

G_BEGIN_DECLS

typedef enum
{
  CC_SYNC_STATE_NOT_ENROLLED,  /* no sync server set up */
  CC_SYNC_STATE_OFFLINE,       /* no network, or the server cannot be reached */
  CC_SYNC_STATE_SYNCING,
  CC_SYNC_STATE_UP_TO_DATE,
  CC_SYNC_STATE_ERROR,         /* see the reason */
} CcSyncState;

#define CC_TYPE_SYNC_STATE (cc_sync_state_get_type ())
GType cc_sync_state_get_type (void);

#define CC_TYPE_SYNC_ENGINE (cc_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (CcSyncEngine, cc_sync_engine, CC, SYNC_ENGINE, GObject)

/* The engine opens its own connection to the database at store_path on
 * its worker thread; the caller's CcStore is never touched from there.
 * Properties and signals are delivered on the thread-default main context
 * of the thread that created the engine.
 *
 * Signals: "changed" (no arguments) after a round that applied changes
 * from other devices: call cc_store_refresh() on your store and reload.
 * Properties: "state" (CcSyncState), "reason" (translated text, or NULL),
 * "last-success" (unix seconds, 0 for never), "pending" (outbox rows not
 * yet acknowledged). */
CcSyncEngine *cc_sync_engine_new              (const char    *store_path);

CcSyncState   cc_sync_engine_get_state        (CcSyncEngine  *self);
const char   *cc_sync_engine_get_reason       (CcSyncEngine  *self);
gint64        cc_sync_engine_get_last_success (CcSyncEngine  *self);
gint64        cc_sync_engine_get_pending      (CcSyncEngine  *self);

/* Starts the worker: it syncs now, then whenever poked, when the network
 * comes back, and every interval; errors back off exponentially with
 * jitter (1 s doubling to 5 min, or what the server's Retry-After asks).
 * A revoked device stops retrying until enrolled again or sync_now. */
void          cc_sync_engine_start            (CcSyncEngine  *self);
/* Cancels what is in flight and joins the worker. */
void          cc_sync_engine_stop             (CcSyncEngine  *self);
/* Something was written locally (connect the store's "committed"). */
void          cc_sync_engine_poke             (CcSyncEngine  *self);
/* A person asked: sync at once, forgetting any backoff. */
void          cc_sync_engine_sync_now         (CcSyncEngine  *self);
/* Seconds between rounds when nothing happens (default 120). */
void          cc_sync_engine_set_interval     (CcSyncEngine  *self,
                                               guint          seconds);

/* Enrols the shop (cc_sync_enrol on a worker, with its own connection),
 * then pokes the worker if it runs. */
void          cc_sync_engine_enrol_async      (CcSyncEngine         *self,
                                               const char           *url,
                                               const char           *code,
                                               const char           *device_name,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      cc_sync_engine_enrol_finish     (CcSyncEngine         *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
