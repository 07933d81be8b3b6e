/* cc-stock-panel.h — the product editor's Stock tab: levels, thresholds, adjustments, ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_STOCK_PANEL (cc_stock_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcStockPanel, cc_stock_panel, CC, STOCK_PANEL, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_stock_panel_set_product (CcStockPanel *self,
                                CcStore *store,
                                const char *product_id);

G_END_DECLS
