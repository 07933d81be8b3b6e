/* cc-orders-page.h — the Orders section: the order list, quick sale and documents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-order-editor.h"
#include "cc-quick-sale-window.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_ORDERS_PAGE (cc_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (CcOrdersPage, cc_orders_page, CC, ORDERS_PAGE, AdwBin)

void cc_orders_page_set_store (CcOrdersPage *self,
                              CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_orders_page_reload    (CcOrdersPage *self);

/* For tests: what a person types and sees, and what the buttons open. */
void               cc_orders_page_set_search_text   (CcOrdersPage *self,
                                                     const char   *text);
/* status: a CcOrderStatus, or -1 for every order. */
void               cc_orders_page_set_status_filter (CcOrdersPage *self,
                                                     int           status);
guint              cc_orders_page_get_n_orders      (CcOrdersPage *self);
/* The order number shown on row index. */
const char        *cc_orders_page_get_order_number  (CcOrdersPage *self,
                                                     guint         index);
/* As activating a row, New Order and Quick Sale: the window opened. */
CcOrderEditor     *cc_orders_page_open_order        (CcOrdersPage *self,
                                                     guint         index);
CcOrderEditor     *cc_orders_page_new_order         (CcOrdersPage *self);
CcQuickSaleWindow *cc_orders_page_quick_sale        (CcOrdersPage *self);

G_END_DECLS
