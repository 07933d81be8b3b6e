/* cc-inventory-page.h — the Inventory section: stock levels, low stock, adjustments and the ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_INVENTORY_PAGE (cc_inventory_page_get_type ())
G_DECLARE_FINAL_TYPE (CcInventoryPage, cc_inventory_page, CC, INVENTORY_PAGE, AdwBin)

void cc_inventory_page_set_store (CcInventoryPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_inventory_page_reload    (CcInventoryPage *self);

G_END_DECLS
