/* cc-image-fetch.h — imported image addresses fetched into the photo store, in the background.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* The largest image fetched (40 MB); bigger downloads stop as they pass it. */
#define CC_IMAGE_FETCH_MAX_BYTES (40 * 1024 * 1024)
/* After this many failed tries an address is no longer retried. */
#define CC_IMAGE_FETCH_MAX_TRIES 5

/* Zero fields take the defaults. */
typedef struct
{
  gsize             max_bytes;           /* 0: CC_IMAGE_FETCH_MAX_BYTES */
  guint             connect_timeout_ms;  /* 0: 20 s */
  guint             timeout_ms;          /* 0: 5 min for the whole download */
  guint             max_tries;           /* 0: CC_IMAGE_FETCH_MAX_TRIES */
  GNetworkMonitor  *network_monitor;     /* NULL: g_network_monitor_get_default () */
} CcImageFetchOptions;

typedef enum
{
  CC_IMAGE_FETCH_FINISHED,    /* every pending address was tried */
  CC_IMAGE_FETCH_OFFLINE,     /* no network: some addresses were not tried and stay pending */
  CC_IMAGE_FETCH_CANCELLED,   /* stopped: what was attached stays, the rest stays pending */
} CcImageFetchOutcome;

/* One address of one product and how fetching it went. */
typedef struct
{
  char     *product_id;
  char     *url;
  char     *reason;    /* translated; "" when it has not failed */
  guint     tries;     /* failed or successful attempts so far */
  gboolean  given_up;  /* failed CC_IMAGE_FETCH_MAX_TRIES times: no longer retried */
} CcImageFetchEntry;

typedef struct
{
  CcImageFetchOutcome  outcome;
  guint                n_total;      /* addresses this run set out to fetch */
  guint                n_attached;   /* photos now on their piece (one already there counts) */
  guint                n_failed;
  guint                n_left;       /* not tried: offline or cancelled; still pending */
  GPtrArray           *failures;     /* CcImageFetchEntry*: this run's failures, in order */
} CcImageFetchReport;

/* done of total addresses are finished; url is the one now being fetched
 * (NULL once all are done). Called on the caller's main context. */
typedef void (*CcImageFetchProgressFunc) (guint       done,
                                          guint       total,
                                          const char *url,
                                          gpointer    user_data);

void                 cc_image_fetch_entry_free   (CcImageFetchEntry *entry);
void                 cc_image_fetch_report_free  (CcImageFetchReport *report);

/* Addresses still to fetch, in order (products oldest first, each
 * product's addresses in file order): not fetched yet, and failed fewer
 * than max_tries times (0: CC_IMAGE_FETCH_MAX_TRIES). product_id NULL: every
 * live product. CcImageFetchEntry*. */
GPtrArray           *cc_image_fetch_list_pending (CcStore     *store,
                                                  const char  *product_id,
                                                  guint        max_tries);
/* Addresses whose last try failed, with the reason, including those given
 * up on. CcImageFetchEntry*. */
GPtrArray           *cc_image_fetch_list_failed  (CcStore     *store,
                                                  const char  *product_id);

/* Fetches the pending addresses of product_id (NULL: of every product),
 * one at a time, in a worker thread that touches no database: it
 * downloads (http and https only, size limit, timeouts) into a temporary
 * file and checks and stores it with cc_photos_store_file. Each result
 * comes back to the caller's thread-default main context, which attaches
 * the photo (cc_photos_attach, in address order) and records the outcome
 * in the local image_fetches table — so store is only used on the
 * calling thread. A failure keeps its reason and is retried by a later
 * run, up to options->max_tries tries. With no network nothing is tried
 * and the outcome is CC_IMAGE_FETCH_OFFLINE (loopback addresses are still
 * fetched). Cancelling stops the download under way; it is not counted as
 * a try. */
void                 cc_image_fetch_async        (CcStore                   *store,
                                                  const char                *product_id,
                                                  const CcImageFetchOptions *options,
                                                  CcImageFetchProgressFunc   progress,
                                                  gpointer                   progress_data,
                                                  GDestroyNotify             progress_destroy,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
/* Never NULL unless a database write failed (error set). */
CcImageFetchReport  *cc_image_fetch_finish       (CcStore       *store,
                                                  GAsyncResult  *result,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcImageFetchEntry, cc_image_fetch_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcImageFetchReport, cc_image_fetch_report_free)

G_END_DECLS
