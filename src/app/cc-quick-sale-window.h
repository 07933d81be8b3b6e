/* cc-quick-sale-window.h — a sale at a market stall in a few taps: pieces, payment, receipt.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-invoice.h"
#include "cc-piece-picker.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_QUICK_SALE_WINDOW (cc_quick_sale_window_get_type ())
G_DECLARE_FINAL_TYPE (CcQuickSaleWindow, cc_quick_sale_window, CC, QUICK_SALE_WINDOW, AdwWindow)

CcQuickSaleWindow *cc_quick_sale_window_new (GtkWindow *parent,
                                             CcStore   *store);

/* For tests: what a person taps and sees. */
CcPiecePicker *cc_quick_sale_window_get_picker        (CcQuickSaleWindow *self);
/* As tapping a piece: one more of it. Returns its line's index. */
guint          cc_quick_sale_window_add_piece         (CcQuickSaleWindow *self,
                                                       const char        *product_id,
                                                       const char        *variant_id);
guint          cc_quick_sale_window_get_n_lines       (CcQuickSaleWindow *self);
/* As the − and + buttons; 0 takes the line off. */
void           cc_quick_sale_window_set_quantity      (CcQuickSaleWindow *self,
                                                       guint              index,
                                                       gint64             quantity);
/* "cash", "card" or "upi". */
void           cc_quick_sale_window_set_method        (CcQuickSaleWindow *self,
                                                       const char        *method);
void           cc_quick_sale_window_set_received_text (CcQuickSaleWindow *self,
                                                       const char        *text);
const char    *cc_quick_sale_window_get_total_text    (CcQuickSaleWindow *self);
/* "" when no change is due or the method is not cash. */
const char    *cc_quick_sale_window_get_change_text   (CcQuickSaleWindow *self);
/* As Complete Sale: FALSE with the problem shown, nothing written. */
gboolean       cc_quick_sale_window_complete          (CcQuickSaleWindow *self);
/* The last completed sale's order, or NULL. */
const char    *cc_quick_sale_window_get_order_id      (CcQuickSaleWindow *self);
const char    *cc_quick_sale_window_get_error_text    (CcQuickSaleWindow *self);
/* Saves the receipt of the completed sale to path, on a worker. */
void           cc_quick_sale_window_save_receipt      (CcQuickSaleWindow *self,
                                                       const char        *path);
gboolean       cc_quick_sale_window_is_busy           (CcQuickSaleWindow *self);
/* As New Sale: an empty cart. */
void           cc_quick_sale_window_new_sale          (CcQuickSaleWindow *self);

G_END_DECLS
