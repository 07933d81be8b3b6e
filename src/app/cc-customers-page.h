/* cc-customers-page.h — the Customers section: the people a shop sells to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-customer-editor.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CUSTOMERS_PAGE (cc_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (CcCustomersPage, cc_customers_page, CC, CUSTOMERS_PAGE, AdwBin)

void cc_customers_page_set_store (CcCustomersPage *self,
                                 CcStore *store);
/* Reads the shop again (after a write elsewhere, a sync, a restore). */
void cc_customers_page_reload    (CcCustomersPage *self);

/* For tests: the search, what the list shows, and the dialogs the page opens. */
void              cc_customers_page_set_search_text  (CcCustomersPage *self,
                                                      const char      *text);
guint             cc_customers_page_get_n_customers  (CcCustomersPage *self);
const char       *cc_customers_page_get_customer_id  (CcCustomersPage *self,
                                                      guint            index);
/* The "N orders" the row shows. */
guint             cc_customers_page_get_n_orders     (CcCustomersPage *self,
                                                      guint            index);
/* As New Customer and as activating a row. */
CcCustomerEditor *cc_customers_page_new_customer     (CcCustomersPage *self);
CcCustomerEditor *cc_customers_page_open_customer    (CcCustomersPage *self,
                                                      guint            index);

G_END_DECLS
