/* cc-customer-editor.h — the dialog where a maker adds or edits a customer and sees their orders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CUSTOMER_EDITOR (cc_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CcCustomerEditor, cc_customer_editor, CC, CUSTOMER_EDITOR, AdwWindow)

/* customer_id NULL: a new customer. Emits "saved" (the customer's id)
 * after a successful save, then closes. */
CcCustomerEditor *cc_customer_editor_new             (GtkWindow   *parent,
                                                      CcStore     *store,
                                                      const char  *customer_id);
/* NULL until a new customer is saved. */
const char       *cc_customer_editor_get_customer_id (CcCustomerEditor *self);

/* For tests: fill the fields as a person would type them (NULL leaves a
 * field as it is), press Save, read the inline error, count the orders. */
void              cc_customer_editor_set_fields      (CcCustomerEditor *self,
                                                      const char       *name,
                                                      const char       *email,
                                                      const char       *phone,
                                                      const char       *address,
                                                      const char       *notes);
gboolean          cc_customer_editor_save            (CcCustomerEditor *self);
/* The error shown under the form, or NULL. */
const char       *cc_customer_editor_get_error_text  (CcCustomerEditor *self);
guint             cc_customer_editor_get_n_orders    (CcCustomerEditor *self);

G_END_DECLS
