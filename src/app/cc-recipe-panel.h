/* cc-recipe-panel.h — the product editor's Recipe tab: bill of materials, cost of goods, batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-materials.h"
#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_RECIPE_PANEL (cc_recipe_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcRecipePanel, cc_recipe_panel, CC, RECIPE_PANEL, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_recipe_panel_set_product (CcRecipePanel *self,
                                 CcStore *store,
                                 const char *product_id);

/* For tests, driving the real widgets as a person would. */

/* "unsaved" (the status page) or "recipe". */
const char *cc_recipe_panel_get_page_name      (CcRecipePanel *self);
/* Chooses whose recipe is edited: NULL for "All variants" (the piece's). */
void        cc_recipe_panel_select_variant     (CcRecipePanel *self,
                                                const char    *variant_id);
guint       cc_recipe_panel_get_n_lines        (CcRecipePanel *self);
/* Sets line index's material (id or name) and quantity text (in the
 * material's unit); index == n_lines adds a line, as Add Material does. */
void        cc_recipe_panel_set_line           (CcRecipePanel *self,
                                                guint          index,
                                                const char    *material,
                                                const char    *quantity);
void        cc_recipe_panel_remove_line        (CcRecipePanel *self,
                                                guint          index);
/* The cost shown with a line ("₹120.00", "Cost unknown", "—"). */
const char *cc_recipe_panel_get_line_cost      (CcRecipePanel *self,
                                                guint          index);
void        cc_recipe_panel_set_labour         (CcRecipePanel *self,
                                                const char    *minutes);
void        cc_recipe_panel_set_overhead       (CcRecipePanel  *self,
                                                CcOverheadKind  kind,
                                                const char     *value);
/* Same as clicking Save Recipe: TRUE if written; else the problem is
 * shown (cc_recipe_panel_get_error) and nothing is written. */
gboolean    cc_recipe_panel_save               (CcRecipePanel *self);
const char *cc_recipe_panel_get_error          (CcRecipePanel *self);
/* The cost of goods as shown: "materials", "labour", "overhead", "total",
 * "price", "margin", or "problem" (NULL when no problem is shown). */
const char *cc_recipe_panel_get_cost_text      (CcRecipePanel *self,
                                                const char    *which);
/* Fills the Make a Batch popover and clicks Make: TRUE if made (a toast
 * says so); else the problem shows in the popover
 * (cc_recipe_panel_get_batch_error). variant_id: for a piece with
 * variants, which one is made (NULL: the one chosen in the popover). */
gboolean    cc_recipe_panel_make_batch         (CcRecipePanel *self,
                                                const char    *variant_id,
                                                const char    *quantity,
                                                const char    *note);
const char *cc_recipe_panel_get_batch_error    (CcRecipePanel *self);
/* The text of the last toast the panel showed, or NULL. */
const char *cc_recipe_panel_get_last_toast     (CcRecipePanel *self);

G_END_DECLS
