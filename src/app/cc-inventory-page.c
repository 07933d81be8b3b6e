/* cc-inventory-page.c — the Inventory section: stock levels, low stock, adjustments and the ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-inventory-page.h"

struct _CcInventoryPage
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcInventoryPage, cc_inventory_page, ADW_TYPE_BIN)

static void
cc_inventory_page_dispose (GObject *object)
{
  CcInventoryPage *self = (CcInventoryPage *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_inventory_page_parent_class)->dispose (object);
}

static void
cc_inventory_page_class_init (CcInventoryPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_inventory_page_dispose;
}

static void
cc_inventory_page_init (CcInventoryPage *self)
{
}

void
cc_inventory_page_set_store (CcInventoryPage *self,
                            CcStore *store)
{
  g_return_if_fail (CC_IS_INVENTORY_PAGE (self));
  g_set_object (&self->store, store);
}

void
cc_inventory_page_reload (CcInventoryPage *self)
{
  g_return_if_fail (CC_IS_INVENTORY_PAGE (self));
}
