/* cc-customers-page.c — the Customers section: the people a shop sells to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-customers-page.h"

struct _CcCustomersPage
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcCustomersPage, cc_customers_page, ADW_TYPE_BIN)

static void
cc_customers_page_dispose (GObject *object)
{
  CcCustomersPage *self = (CcCustomersPage *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_customers_page_parent_class)->dispose (object);
}

static void
cc_customers_page_class_init (CcCustomersPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_customers_page_dispose;
}

static void
cc_customers_page_init (CcCustomersPage *self)
{
}

void
cc_customers_page_set_store (CcCustomersPage *self,
                            CcStore *store)
{
  g_return_if_fail (CC_IS_CUSTOMERS_PAGE (self));
  g_set_object (&self->store, store);
}

void
cc_customers_page_reload (CcCustomersPage *self)
{
  g_return_if_fail (CC_IS_CUSTOMERS_PAGE (self));
}
