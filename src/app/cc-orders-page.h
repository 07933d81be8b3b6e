/* cc-orders-page.h — the Orders section: the order list, quick sale and documents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_ORDERS_PAGE (cc_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (CcOrdersPage, cc_orders_page, CC, ORDERS_PAGE, AdwBin)

void cc_orders_page_set_store (CcOrdersPage *self,
                              CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_orders_page_reload    (CcOrdersPage *self);

G_END_DECLS
