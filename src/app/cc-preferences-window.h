/* cc-preferences-window.h — shop name, currency, languages, data, backups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_PREFERENCES_WINDOW (cc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CcPreferencesWindow, cc_preferences_window, CC, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Signals: "shop-changed": settings changed or a backup was restored, so
 * what the window shows must be reloaded. */
CcPreferencesWindow *cc_preferences_window_new (GtkWindow *parent,
                                                CcStore   *store);

G_END_DECLS
