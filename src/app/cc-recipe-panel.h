/* cc-recipe-panel.h — the product editor's Recipe tab: bill of materials, cost of goods, batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_RECIPE_PANEL (cc_recipe_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcRecipePanel, cc_recipe_panel, CC, RECIPE_PANEL, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_recipe_panel_set_product (CcRecipePanel *self,
                                 CcStore *store,
                                 const char *product_id);

G_END_DECLS
