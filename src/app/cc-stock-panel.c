/* cc-stock-panel.c — the product editor's Stock tab: levels, thresholds, adjustments, ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-stock-panel.h"

struct _CcStockPanel
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcStockPanel, cc_stock_panel, ADW_TYPE_BIN)

static void
cc_stock_panel_dispose (GObject *object)
{
  CcStockPanel *self = (CcStockPanel *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_stock_panel_parent_class)->dispose (object);
}

static void
cc_stock_panel_class_init (CcStockPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_stock_panel_dispose;
}

static void
cc_stock_panel_init (CcStockPanel *self)
{
}

void
cc_stock_panel_set_product (CcStockPanel *self,
                           CcStore *store,
                           const char *product_id)
{
  g_return_if_fail (CC_IS_STOCK_PANEL (self));
  g_set_object (&self->store, store);
}
