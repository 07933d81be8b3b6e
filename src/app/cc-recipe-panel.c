/* cc-recipe-panel.c — the product editor's Recipe tab: bill of materials, cost of goods, batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-recipe-panel.h"

struct _CcRecipePanel
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcRecipePanel, cc_recipe_panel, ADW_TYPE_BIN)

static void
cc_recipe_panel_dispose (GObject *object)
{
  CcRecipePanel *self = (CcRecipePanel *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_recipe_panel_parent_class)->dispose (object);
}

static void
cc_recipe_panel_class_init (CcRecipePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_recipe_panel_dispose;
}

static void
cc_recipe_panel_init (CcRecipePanel *self)
{
}

void
cc_recipe_panel_set_product (CcRecipePanel *self,
                            CcStore *store,
                            const char *product_id)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  g_set_object (&self->store, store);
}
