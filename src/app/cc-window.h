/* cc-window.h — the main window: the shop's sections.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-application.h"

G_BEGIN_DECLS

#define CC_TYPE_WINDOW (cc_window_get_type ())
G_DECLARE_FINAL_TYPE (CcWindow, cc_window, CC, WINDOW, AdwApplicationWindow)

/* store NULL: open_error says why, and the window shows it. */
CcWindow        *cc_window_new                (CcApplication *app,
                                               CcStore       *store,
                                               const GError  *open_error);
void             cc_window_show_preferences   (CcWindow *self);
void             cc_window_add_toast          (CcWindow *self,
                                               AdwToast *toast);
/* Loads the demo shop in a worker, showing progress. */
void             cc_window_load_demo          (CcWindow *self);
/* For tests. */
GtkWidget       *cc_window_get_catalogue_page (CcWindow *self);
/* The editor window last opened from this window, or NULL. */
GtkWindow       *cc_window_get_editor         (CcWindow *self);
/* Sync: the Conflicts view (one at a time) and Preferences at its Sync
 * page; both return the window shown. */
GtkWindow       *cc_window_show_conflicts     (CcWindow *self);
GtkWindow       *cc_window_show_sync_preferences (CcWindow *self);
/* Other devices' changes arrived: re-read what the window shows. */
void             cc_window_reload_shop        (CcWindow *self);
/* For tests: the header's CcSyncIndicator, the unsettled conflicts
 * counted for the menu and the banner, and whether the banner shows. */
GtkWidget       *cc_window_get_sync_indicator (CcWindow *self);
guint            cc_window_get_n_conflicts    (CcWindow *self);
gboolean         cc_window_get_conflicts_banner_shown (CcWindow *self);

/* Shows a section: "catalogue", "materials", "inventory", "orders" or
 * "customers" (app.show-page does this from a notification). */
void        cc_window_show_page (CcWindow   *self,
                                 const char *name);
const char *cc_window_get_page  (CcWindow *self);

G_END_DECLS
