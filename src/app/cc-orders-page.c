/* cc-orders-page.c — the Orders section: the order list, quick sale and documents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-orders-page.h"

struct _CcOrdersPage
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcOrdersPage, cc_orders_page, ADW_TYPE_BIN)

static void
cc_orders_page_dispose (GObject *object)
{
  CcOrdersPage *self = (CcOrdersPage *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_orders_page_parent_class)->dispose (object);
}

static void
cc_orders_page_class_init (CcOrdersPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_orders_page_dispose;
}

static void
cc_orders_page_init (CcOrdersPage *self)
{
}

void
cc_orders_page_set_store (CcOrdersPage *self,
                         CcStore *store)
{
  g_return_if_fail (CC_IS_ORDERS_PAGE (self));
  g_set_object (&self->store, store);
}

void
cc_orders_page_reload (CcOrdersPage *self)
{
  g_return_if_fail (CC_IS_ORDERS_PAGE (self));
}
