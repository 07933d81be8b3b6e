/* cc-customers-page.h — the Customers section: the people a shop sells to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CUSTOMERS_PAGE (cc_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (CcCustomersPage, cc_customers_page, CC, CUSTOMERS_PAGE, AdwBin)

void cc_customers_page_set_store (CcCustomersPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_customers_page_reload    (CcCustomersPage *self);

G_END_DECLS
