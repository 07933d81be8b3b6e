/* cc-sync-indicator.h — the header bar's sync button: state, last success, Sync Now.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-sync-engine.h"

G_BEGIN_DECLS

#define CC_TYPE_SYNC_INDICATOR (cc_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CcSyncIndicator, cc_sync_indicator, CC, SYNC_INDICATOR, AdwBin)

/* Hidden while there is no engine or the shop is not enrolled.
 * Property: "engine" (CcSyncEngine, may be NULL). */
GtkWidget    *cc_sync_indicator_new             (void);
void          cc_sync_indicator_set_engine      (CcSyncIndicator *self,
                                                 CcSyncEngine    *engine);
CcSyncEngine *cc_sync_indicator_get_engine      (CcSyncIndicator *self);

/* "Today at 14:05", "Never" (0), and so on, for people. */
char         *cc_sync_format_time               (gint64           unix_seconds);
/* One line saying what the engine is doing, for people. */
const char   *cc_sync_state_get_label           (CcSyncState      state);

/* For tests: what the button shows, and the popover. */
const char   *cc_sync_indicator_get_icon_name   (CcSyncIndicator *self);
const char   *cc_sync_indicator_get_tooltip     (CcSyncIndicator *self);
void          cc_sync_indicator_popup           (CcSyncIndicator *self);
void          cc_sync_indicator_popdown         (CcSyncIndicator *self);
GtkWidget    *cc_sync_indicator_get_popover     (CcSyncIndicator *self);
/* Presses the popover's "Sync Now". */
void          cc_sync_indicator_sync_now        (CcSyncIndicator *self);

G_END_DECLS
