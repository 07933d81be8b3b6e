/* cc-stock-watch.h — a desktop notification when a piece or material runs low.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_STOCK_WATCH (cc_stock_watch_get_type ())
G_DECLARE_FINAL_TYPE (CcStockWatch, cc_stock_watch, CC, STOCK_WATCH, GObject)

/* Watches the store's commits; when a product, variant or material crosses
 * its low-stock threshold (was above, now at or below) the application
 * sends a GNotification naming it. Items already low when the watch starts
 * are not announced again; one that recovers and falls again is. */
CcStockWatch *cc_stock_watch_new    (GApplication *application,
                                     CcStore      *store);
/* Checks now instead of after the next commit. */
void          cc_stock_watch_check  (CcStockWatch *self);
/* How many notifications were sent (for tests). */
guint         cc_stock_watch_get_n_sent (CcStockWatch *self);

G_END_DECLS
