/* cc-material-suppliers-dialog.h — the shop's suppliers, and adding one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_MATERIAL_SUPPLIERS_DIALOG (cc_material_suppliers_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcMaterialSuppliersDialog, cc_material_suppliers_dialog, CC, MATERIAL_SUPPLIERS_DIALOG, AdwWindow)

CcMaterialSuppliersDialog *cc_material_suppliers_dialog_new (GtkWindow *parent,
                                                             CcStore   *store);

/* For tests: types a new supplier and presses Add; TRUE when written. */
gboolean    cc_material_suppliers_dialog_add       (CcMaterialSuppliersDialog *self,
                                                    const char                *name,
                                                    const char                *contact);
guint       cc_material_suppliers_dialog_get_n_suppliers (CcMaterialSuppliersDialog *self);
const char *cc_material_suppliers_dialog_get_error (CcMaterialSuppliersDialog *self);

G_END_DECLS
