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

G_END_DECLS
