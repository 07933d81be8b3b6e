/* cc-stock-panel.h — the product editor's Stock tab: levels, thresholds, adjustments, ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-stock-adjust-dialog.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_STOCK_PANEL (cc_stock_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcStockPanel, cc_stock_panel, CC, STOCK_PANEL, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_stock_panel_set_product (CcStockPanel *self,
                                CcStore *store,
                                const char *product_id);

/* For tests, driving the real widgets as a person would. */

/* "unsaved" (the status page) or "stock". */
const char          *cc_stock_panel_get_page_name       (CcStockPanel *self);
/* Chooses whose stock is shown: a variant, or NULL for the piece itself. */
void                 cc_stock_panel_select_item         (CcStockPanel *self,
                                                         const char   *variant_id);
/* What a level row shows: "on-hand", "reserved", "available", "value";
 * "low" is the low-stock note under Available, NULL when not low. */
const char          *cc_stock_panel_get_level_text      (CcStockPanel *self,
                                                         const char   *which);
/* Types text into Low-Stock Threshold and applies it: TRUE if written;
 * else the problem shows under it (cc_stock_panel_get_threshold_error). */
gboolean             cc_stock_panel_set_threshold       (CcStockPanel *self,
                                                         const char   *text);
const char          *cc_stock_panel_get_threshold_error (CcStockPanel *self);
/* Same as clicking Adjust…: the dialog it opened (owned by GTK). */
CcStockAdjustDialog *cc_stock_panel_open_adjust         (CcStockPanel *self);
/* Ledger rows as shown, newest first: "title — subtitle — change". */
guint                cc_stock_panel_get_n_ledger_rows   (CcStockPanel *self);
const char          *cc_stock_panel_get_ledger_row      (CcStockPanel *self,
                                                         guint         index);
/* Batches as shown, newest first: "title — subtitle" and then one line
 * per input: "material — where from — quantity". */
guint                cc_stock_panel_get_n_batches       (CcStockPanel *self);
const char          *cc_stock_panel_get_batch           (CcStockPanel *self,
                                                         guint         index);

G_END_DECLS
