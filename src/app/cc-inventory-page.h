/* cc-inventory-page.h — the Inventory section: stock levels, low stock, adjustments and the ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-stock-adjust-dialog.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_INVENTORY_PAGE (cc_inventory_page_get_type ())
G_DECLARE_FINAL_TYPE (CcInventoryPage, cc_inventory_page, CC, INVENTORY_PAGE, AdwBin)

void cc_inventory_page_set_store (CcInventoryPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_inventory_page_reload    (CcInventoryPage *self);

/* Opens the "Adjust…" dialog for the selected item (NULL: none selected). */
CcStockAdjustDialog *cc_inventory_page_adjust_selected (CcInventoryPage *self);

/* For tests: what a person sees and does. */
guint        cc_inventory_page_get_n_items        (CcInventoryPage *self);
/* Selects the row of a product (variant_id NULL) or variant; FALSE if not listed. */
gboolean     cc_inventory_page_select             (CcInventoryPage *self,
                                                   const char      *product_id,
                                                   const char      *variant_id);
/* The selected item's on-hand figure as shown, or NULL. */
const char  *cc_inventory_page_get_on_hand_text   (CcInventoryPage *self);
guint        cc_inventory_page_get_n_ledger_rows  (CcInventoryPage *self);
const char  *cc_inventory_page_get_total_text     (CcInventoryPage *self);
void         cc_inventory_page_set_low_only       (CcInventoryPage *self,
                                                   gboolean         low_only);
/* Types text into the low-stock level and applies it; FALSE if refused. */
gboolean     cc_inventory_page_set_threshold_text (CcInventoryPage *self,
                                                   const char      *text);

G_END_DECLS
