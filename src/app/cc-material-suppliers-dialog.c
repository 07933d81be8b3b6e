/* cc-material-suppliers-dialog.c — the shop's suppliers, and adding one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-material-suppliers-dialog.h"
#include "cc-materials.h"
#include "cc-stock-form.h"

struct _CcMaterialSuppliersDialog
{
  AdwWindow            parent_instance;

  /* form widgets */
  CcStockForm          form;
  AdwEntryRow         *name_row;
  AdwEntryRow         *contact_row;
  AdwPreferencesGroup *list_group;
  GtkListBox          *list;

  /* owned */
  CcStore             *store;
  guint                n_suppliers;
};

G_DEFINE_FINAL_TYPE (CcMaterialSuppliersDialog, cc_material_suppliers_dialog, ADW_TYPE_WINDOW)

static void
load (CcMaterialSuppliersDialog *self)
{
  g_autoptr(GPtrArray) suppliers = cc_materials_list_suppliers (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_suppliers = suppliers != NULL ? suppliers->len : 0;

  for (guint i = 0; i < self->n_suppliers; i++)
    {
      CcSupplier *supplier = g_ptr_array_index (suppliers, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), supplier->name);
      if (supplier->contact != NULL && *supplier->contact != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), supplier->contact);
      gtk_list_box_append (self->list, row);
    }
  if (self->n_suppliers == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No suppliers yet"));
      gtk_list_box_append (self->list, row);
    }
}

static void
on_primary_clicked (CcMaterialSuppliersDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *contact = gtk_editable_get_text (GTK_EDITABLE (self->contact_row));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  cc_stock_form_clear_error (&self->form);
  id = cc_materials_add_supplier (self->store, name, *contact != '\0' ? contact : NULL, &error);
  if (id == NULL)
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->name_row), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), "");
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
cc_material_suppliers_dialog_finalize (GObject *object)
{
  CcMaterialSuppliersDialog *self = (CcMaterialSuppliersDialog *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_material_suppliers_dialog_parent_class)->finalize (object);
}

static void
cc_material_suppliers_dialog_class_init (CcMaterialSuppliersDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_material_suppliers_dialog_finalize;
}

static void
cc_material_suppliers_dialog_init (CcMaterialSuppliersDialog *self)
{
}

CcMaterialSuppliersDialog *
cc_material_suppliers_dialog_new (GtkWindow *parent,
                                  CcStore   *store)
{
  CcMaterialSuppliersDialog *self;
  GtkWidget *group;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_MATERIAL_SUPPLIERS_DIALOG, NULL);
  self->store = g_object_ref (store);
  cc_stock_form_build (ADW_WINDOW (self), parent, _("Suppliers"), _("_Add Supplier"), &self->form);
  gtk_button_set_label (self->form.cancel, _("_Close"));
  adw_preferences_group_set_title (self->form.group, _("New Supplier"));
  self->name_row = cc_stock_form_add_entry (&self->form, _("Name"));
  self->contact_row = cc_stock_form_add_entry (&self->form, _("Contact (phone, email or address)"));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Your Suppliers"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));
  gtk_box_append (self->form.extra, group);

  g_signal_connect_object (self->form.primary, "clicked", G_CALLBACK (on_primary_clicked),
                           self, G_CONNECT_SWAPPED);
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

gboolean
cc_material_suppliers_dialog_add (CcMaterialSuppliersDialog *self,
                                  const char                *name,
                                  const char                *contact)
{
  guint before;

  g_return_val_if_fail (CC_IS_MATERIAL_SUPPLIERS_DIALOG (self), FALSE);

  before = self->n_suppliers;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), contact != NULL ? contact : "");
  /* What a click does (activate would wait for the button to animate). */
  g_signal_emit_by_name (self->form.primary, "clicked");
  return self->n_suppliers > before;
}

guint
cc_material_suppliers_dialog_get_n_suppliers (CcMaterialSuppliersDialog *self)
{
  g_return_val_if_fail (CC_IS_MATERIAL_SUPPLIERS_DIALOG (self), 0);
  return self->n_suppliers;
}

const char *
cc_material_suppliers_dialog_get_error (CcMaterialSuppliersDialog *self)
{
  g_return_val_if_fail (CC_IS_MATERIAL_SUPPLIERS_DIALOG (self), NULL);
  return cc_stock_form_get_error (&self->form);
}
