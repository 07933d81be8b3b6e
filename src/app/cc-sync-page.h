/* cc-sync-page.h — Preferences → Sync: enrolment, this device, the shop's devices.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"
#include "cc-sync-engine.h"

G_BEGIN_DECLS

#define CC_TYPE_SYNC_PAGE (cc_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (CcSyncPage, cc_sync_page, CC, SYNC_PAGE, AdwPreferencesPage)

/* engine: the application's engine for store (may be NULL: the page then
 * makes its own for enrolment). After a successful enrolment the page
 * starts the engine. Signal: "enrolled" (no arguments). */
CcSyncPage *cc_sync_page_new               (CcStore      *store,
                                            CcSyncEngine *engine);

/* For tests: fills the enrolment rows and presses Enrol, as a person would. */
void        cc_sync_page_enrol             (CcSyncPage   *self,
                                            const char   *url,
                                            const char   *code,
                                            const char   *device_name);
/* For tests: whether an enrolment or a device list request is running. */
gboolean    cc_sync_page_is_busy           (CcSyncPage   *self);
/* For tests: the enrolment error shown under the form, or NULL. */
const char *cc_sync_page_get_enrol_error   (CcSyncPage   *self);
/* For tests: the subtitles shown for the shop and this device's code. */
const char *cc_sync_page_get_shop_text     (CcSyncPage   *self);
const char *cc_sync_page_get_device_code_text (CcSyncPage *self);
/* For tests: the devices list as shown, one "title\nsubtitle" per row. */
GPtrArray  *cc_sync_page_dup_device_rows   (CcSyncPage   *self);
/* For tests: asks the server for the devices again. */
void        cc_sync_page_refresh_devices   (CcSyncPage   *self);

G_END_DECLS
