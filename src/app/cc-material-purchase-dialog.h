/* cc-material-purchase-dialog.h — records a purchase of a material from a supplier.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_MATERIAL_PURCHASE_DIALOG (cc_material_purchase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcMaterialPurchaseDialog, cc_material_purchase_dialog, CC, MATERIAL_PURCHASE_DIALOG, AdwWindow)

/* material_id: the material chosen first (NULL: the first by name). The
 * supplier may be one already known or a new one typed in the form; a new
 * supplier and the purchase are written in one transaction. Emits "saved"
 * (the purchase id). */
CcMaterialPurchaseDialog *cc_material_purchase_dialog_new (GtkWindow  *parent,
                                                           CcStore    *store,
                                                           const char *material_id);

/* For tests: fills the form as a person would. supplier: a known
 * supplier's name, or a new name (chooses "New supplier…" and types it),
 * or NULL for an unknown supplier. quantity is in the material's unit,
 * cost and shipping in the shop's currency; NULL date keeps today. */
void        cc_material_purchase_dialog_fill      (CcMaterialPurchaseDialog *self,
                                                   const char               *supplier,
                                                   const char               *quantity,
                                                   const char               *cost,
                                                   const char               *shipping,
                                                   const char               *date);
/* Presses the primary button; TRUE when it wrote and closed. */
gboolean    cc_material_purchase_dialog_save      (CcMaterialPurchaseDialog *self);
const char *cc_material_purchase_dialog_get_error (CcMaterialPurchaseDialog *self);

G_END_DECLS
