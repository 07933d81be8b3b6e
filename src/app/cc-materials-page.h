/* cc-materials-page.h — the Materials section: materials, suppliers, purchases and their ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_MATERIALS_PAGE (cc_materials_page_get_type ())
G_DECLARE_FINAL_TYPE (CcMaterialsPage, cc_materials_page, CC, MATERIALS_PAGE, AdwBin)

void cc_materials_page_set_store (CcMaterialsPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_materials_page_reload    (CcMaterialsPage *self);

G_END_DECLS
