/* cc-sync-server.h — the sync server's HTTP API over libsoup.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-sync-storage.h"

G_BEGIN_DECLS

typedef struct _CcSyncServer CcSyncServer;

typedef struct
{
  /* Requests per second a token may make, and the burst above it. */
  double  token_rate;
  double  token_burst;
  /* Enrolment attempts per minute from one address. */
  double  enrol_per_minute;
  /* Largest request body (blobs have their own, larger, limit). */
  gsize   max_body;
  /* How far ahead of this server's clock a stamp may be, in ms. */
  gint64  max_clock_ahead_ms;
  /* Structured logs (one JSON object per request) to stderr. */
  gboolean log_requests;
} CcSyncServerOptions;

void           cc_sync_server_options_init (CcSyncServerOptions *options);

/* The server answers on the thread-default main context of the caller;
 * storage work runs on its own worker threads. It borrows storage. */
CcSyncServer  *cc_sync_server_new     (CcSyncStorage              *storage,
                                       const CcSyncServerOptions  *options);
/* address: "HOST:PORT" ("127.0.0.1:0" picks a port). Off loopback a TLS
 * certificate and key are required (CC_ERROR_INVALID_INPUT otherwise). */
gboolean       cc_sync_server_listen  (CcSyncServer  *self,
                                       const char    *address,
                                       const char    *tls_cert_file,
                                       const char    *tls_key_file,
                                       GError       **error);
guint          cc_sync_server_get_port (CcSyncServer *self);
void           cc_sync_server_free    (CcSyncServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncServer, cc_sync_server_free)

G_END_DECLS
