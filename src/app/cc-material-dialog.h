/* cc-material-dialog.h — a new material, or an existing one's name, unit, level and notes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_MATERIAL_DIALOG (cc_material_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcMaterialDialog, cc_material_dialog, CC, MATERIAL_DIALOG, AdwWindow)

/* material_id NULL: a new material. Emits "saved" (the material id). */
CcMaterialDialog *cc_material_dialog_new       (GtkWindow  *parent,
                                                CcStore    *store,
                                                const char *material_id);

/* For tests: fills the form as a person would; NULL leaves a field as it is.
 * threshold is typed in the unit ("0.5" kg). */
void        cc_material_dialog_fill      (CcMaterialDialog *self,
                                          const char       *name,
                                          const char       *unit,
                                          const char       *threshold,
                                          const char       *notes);
/* Presses the primary button; TRUE when it wrote and closed. */
gboolean    cc_material_dialog_save      (CcMaterialDialog *self);
const char *cc_material_dialog_get_error (CcMaterialDialog *self);

G_END_DECLS
