/* cc-materials-page.h — the Materials section: materials, suppliers, purchases and their ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-material-dialog.h"
#include "cc-material-purchase-dialog.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_MATERIALS_PAGE (cc_materials_page_get_type ())
G_DECLARE_FINAL_TYPE (CcMaterialsPage, cc_materials_page, CC, MATERIALS_PAGE, AdwBin)

void cc_materials_page_set_store (CcMaterialsPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_materials_page_reload    (CcMaterialsPage *self);

/* The page's buttons: each opens its dialog and returns it (NULL when
 * there is nothing to act on). */
CcMaterialDialog         *cc_materials_page_new_material    (CcMaterialsPage *self);
CcMaterialPurchaseDialog *cc_materials_page_record_purchase (CcMaterialsPage *self);
CcStockAdjustDialog      *cc_materials_page_adjust_selected (CcMaterialsPage *self);

/* For tests: what a person sees. */
guint       cc_materials_page_get_n_materials       (CcMaterialsPage *self);
gboolean    cc_materials_page_select                (CcMaterialsPage *self,
                                                     const char      *material_id);
const char *cc_materials_page_get_selected_id       (CcMaterialsPage *self);
/* The selected material's figures as shown, or NULL. */
const char *cc_materials_page_get_on_hand_text      (CcMaterialsPage *self);
const char *cc_materials_page_get_average_cost_text (CcMaterialsPage *self);
guint       cc_materials_page_get_n_purchases       (CcMaterialsPage *self);
guint       cc_materials_page_get_n_ledger_rows     (CcMaterialsPage *self);
/* TRUE while the "no materials yet" page shows. */
gboolean    cc_materials_page_is_empty              (CcMaterialsPage *self);

G_END_DECLS
