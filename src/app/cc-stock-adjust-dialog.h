/* cc-stock-adjust-dialog.h — a person's stock correction, with its reason.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_STOCK_ADJUST_DIALOG (cc_stock_adjust_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcStockAdjustDialog, cc_stock_adjust_dialog, CC, STOCK_ADJUST_DIALOG, AdwWindow)

/* For a piece (variant_id NULL: the product itself): reasons count
 * correction, damaged, gift, returned. Emits "saved" after a write. */
CcStockAdjustDialog *cc_stock_adjust_dialog_new_for_item     (GtkWindow  *parent,
                                                              CcStore    *store,
                                                              const char *product_id,
                                                              const char *variant_id,
                                                              const char *title);
/* For a material, the change typed in its unit: reasons count correction,
 * damaged, used. */
CcStockAdjustDialog *cc_stock_adjust_dialog_new_for_material (GtkWindow  *parent,
                                                              CcStore    *store,
                                                              const char *material_id);

/* For tests: fills the form as a person would. reason is the stored name
 * ("count", "damaged", "gift", "returned", "used"). */
void        cc_stock_adjust_dialog_fill      (CcStockAdjustDialog *self,
                                              const char          *change,
                                              const char          *reason,
                                              const char          *note);
/* Presses the primary button; TRUE when it wrote and closed. */
gboolean    cc_stock_adjust_dialog_save      (CcStockAdjustDialog *self);
/* The error shown under the form, or NULL. */
const char *cc_stock_adjust_dialog_get_error (CcStockAdjustDialog *self);

G_END_DECLS
