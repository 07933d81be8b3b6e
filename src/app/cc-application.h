/* cc-application.h — the CraftChain desktop application.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"
#include "cc-sync-engine.h"

G_BEGIN_DECLS

#define CC_TYPE_APPLICATION (cc_application_get_type ())
G_DECLARE_FINAL_TYPE (CcApplication, cc_application, CC, APPLICATION, AdwApplication)

CcApplication *cc_application_new           (void);
/* The open shop, or NULL if it could not be opened. */
CcStore       *cc_application_get_store     (CcApplication *self);
GSettings     *cc_application_get_settings  (CcApplication *self);
/* The sync engine of the open shop (NULL without one); it runs while the
 * shop is enrolled. */
CcSyncEngine  *cc_application_get_sync_engine (CcApplication *self);

G_END_DECLS
