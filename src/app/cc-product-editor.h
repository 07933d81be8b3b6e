/* cc-product-editor.h — the window where a maker edits one piece.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_PRODUCT_EDITOR (cc_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (CcProductEditor, cc_product_editor, CC, PRODUCT_EDITOR, AdwWindow)

/* product_id NULL: a new piece. Signals:
 *   "saved" (const char *product_id): written to the store;
 *   "archived" (const char *product_id, int previous_status): the piece was
 *   archived from the editor (the window offers Undo). */
CcProductEditor *cc_product_editor_new  (GtkWindow  *parent,
                                         CcStore    *store,
                                         const char *product_id);
/* For tests: the id being edited (NULL until a new piece is saved). */
const char      *cc_product_editor_get_product_id (CcProductEditor *self);

/* For tests, driving the real widgets as a person would. Fields: "title"
 * and "description" (main language), "title:<lang>", "description:<lang>",
 * "sku", "price", "compare-at-price", "width", "height", "depth" (mm),
 * "weight" (g), "production-time" (minutes or h:mm), "cultural-origin",
 * "technique", "maker", "tags" and "materials" (comma lists, replacing the
 * chips), "currency" (ISO code), "status" ("draft", "active", "archived"),
 * "category" (id or name; "" for none). */
void             cc_product_editor_set_field       (CcProductEditor *self,
                                                    const char      *field,
                                                    const char      *text);
/* Same as clicking Save: TRUE if written (then "saved" is emitted and the
 * window closes when the main loop next runs); FALSE if something is
 * invalid (nothing is written; the errors are shown). */
gboolean         cc_product_editor_save            (CcProductEditor *self);
/* The problem shown under a field, or NULL. Also "category", "variants",
 * "photos"; for "sku", a duplicate-SKU warning when there is no error. */
const char      *cc_product_editor_get_field_error (CcProductEditor *self,
                                                    const char      *field);

G_END_DECLS
