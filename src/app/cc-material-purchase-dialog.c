/* cc-material-purchase-dialog.c — records a purchase of a material from a supplier.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cc-material-purchase-dialog.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-stock-form.h"

struct _CcMaterialPurchaseDialog
{
  AdwWindow     parent_instance;

  /* form widgets */
  CcStockForm   form;
  AdwComboRow  *material_row;
  AdwComboRow  *supplier_row;
  AdwEntryRow  *supplier_name_row;
  AdwEntryRow  *supplier_contact_row;
  AdwEntryRow  *quantity_row;
  AdwEntryRow  *cost_row;
  AdwEntryRow  *shipping_row;
  AdwEntryRow  *date_row;

  /* owned */
  CcStore      *store;
  GPtrArray    *materials;    /* CcMaterial*, as in material_row */
  GPtrArray    *suppliers;    /* CcSupplier*, rows 1… of supplier_row */
  char         *currency;
  gboolean      saved;
};

G_DEFINE_FINAL_TYPE (CcMaterialPurchaseDialog, cc_material_purchase_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* supplier_row: 0 "Unknown supplier", then suppliers, then "New supplier…". */

static gboolean
new_supplier_chosen (CcMaterialPurchaseDialog *self)
{
  return adw_combo_row_get_selected (self->supplier_row) == self->suppliers->len + 1;
}

static CcMaterial *
selected_material (CcMaterialPurchaseDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->material_row);

  if (selected >= self->materials->len)
    return NULL;
  return g_ptr_array_index (self->materials, selected);
}

static void
update_rows (CcMaterialPurchaseDialog *self)
{
  CcMaterial *material = selected_material (self);
  gboolean new_supplier = new_supplier_chosen (self);
  g_autofree char *quantity_title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->supplier_name_row), new_supplier);
  gtk_widget_set_visible (GTK_WIDGET (self->supplier_contact_row), new_supplier);
  /* Translators: %s is a unit symbol such as "kg". */
  quantity_title = g_strdup_printf (_("Quantity in %s"), material != NULL ? material->unit : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), quantity_title);
}

static gboolean
parse_money (CcMaterialPurchaseDialog  *self,
             AdwEntryRow               *row,
             gboolean                   optional,
             gint64                    *out,
             GError                   **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  *out = 0;
  if (optional && *text == '\0')
    return TRUE;
  return cc_money_parse (text, self->currency, out, error);
}

static gboolean
date_is_valid (const char *text)
{
  unsigned year, month, day;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static char *
write_purchase (CcMaterialPurchaseDialog  *self,
                CcPurchase                *purchase,
                GError                   **error)
{
  g_autofree char *supplier_id = NULL;
  char *id;

  if (!cc_store_begin (self->store, error))
    return NULL;
  if (new_supplier_chosen (self))
    {
      const char *contact = gtk_editable_get_text (GTK_EDITABLE (self->supplier_contact_row));

      supplier_id = cc_materials_add_supplier (self->store,
                                               gtk_editable_get_text (GTK_EDITABLE (self->supplier_name_row)),
                                               *contact != '\0' ? contact : NULL, error);
      if (supplier_id == NULL)
        {
          cc_store_rollback (self->store);
          return NULL;
        }
      purchase->supplier_id = g_strdup (supplier_id);
    }
  id = cc_materials_add_purchase (self->store, purchase, error);
  if (id == NULL)
    {
      cc_store_rollback (self->store);
      return NULL;
    }
  if (!cc_store_commit (self->store, error))
    {
      g_free (id);
      return NULL;
    }
  return id;
}

static void
on_primary_clicked (CcMaterialPurchaseDialog *self)
{
  CcMaterial *material = selected_material (self);
  g_autoptr(CcPurchase) purchase = cc_purchase_new ();
  g_autofree char *quantity = NULL;
  g_autofree char *supplier_name = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  guint supplier = adw_combo_row_get_selected (self->supplier_row);

  cc_stock_form_clear_error (&self->form);
  if (material == NULL)
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->material_row),
                                _("Add the material first, then record what you bought."));
      return;
    }
  supplier_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supplier_name_row))));
  if (new_supplier_chosen (self) && *supplier_name == '\0')
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->supplier_name_row),
                                _("Type the new supplier’s name, or choose a supplier you know."));
      return;
    }

  purchase->material_id = g_strdup (material->id);
  if (supplier >= 1 && supplier <= self->suppliers->len)
    purchase->supplier_id = g_strdup (((CcSupplier *) g_ptr_array_index (self->suppliers, supplier - 1))->id);
  purchase->currency = g_strdup (self->currency);
  purchase->date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

  quantity = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row))));
  if (!cc_material_unit_parse_quantity (quantity, material->unit, &purchase->quantity, &error))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->quantity_row), error->message);
      return;
    }
  if (!parse_money (self, self->cost_row, FALSE, &purchase->cost, &error))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->cost_row), error->message);
      return;
    }
  if (!parse_money (self, self->shipping_row, TRUE, &purchase->shipping, &error))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->shipping_row), error->message);
      return;
    }

  if (!date_is_valid (purchase->date))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->date_row),
                                _("Type the date as year-month-day, like 2026-03-14."));
      return;
    }

  id = write_purchase (self, purchase, &error);
  if (id == NULL)
    {
      cc_stock_form_show_error (&self->form, NULL, error->message);
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cc_material_purchase_dialog_finalize (GObject *object)
{
  CcMaterialPurchaseDialog *self = (CcMaterialPurchaseDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->suppliers, g_ptr_array_unref);
  g_free (self->currency);
  G_OBJECT_CLASS (cc_material_purchase_dialog_parent_class)->finalize (object);
}

static void
cc_material_purchase_dialog_class_init (CcMaterialPurchaseDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_material_purchase_dialog_finalize;

  /**
   * CcMaterialPurchaseDialog::saved:
   * @purchase_id: the purchase written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cc_material_purchase_dialog_init (CcMaterialPurchaseDialog *self)
{
}

CcMaterialPurchaseDialog *
cc_material_purchase_dialog_new (GtkWindow  *parent,
                                 CcStore    *store,
                                 const char *material_id)
{
  CcMaterialPurchaseDialog *self;
  g_autoptr(GPtrArray) material_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) supplier_names = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *cost_title = NULL;
  g_autofree char *shipping_title = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_MATERIAL_PURCHASE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->currency = cc_store_dup_setting (store, "currency", "INR");
  self->materials = cc_materials_list_materials (store, NULL);
  if (self->materials == NULL)
    self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_material_free);
  self->suppliers = cc_materials_list_suppliers (store, NULL);
  if (self->suppliers == NULL)
    self->suppliers = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_supplier_free);

  for (guint i = 0; i < self->materials->len; i++)
    g_ptr_array_add (material_names, ((CcMaterial *) g_ptr_array_index (self->materials, i))->name);
  g_ptr_array_add (material_names, NULL);
  g_ptr_array_add (supplier_names, _("Unknown supplier"));
  for (guint i = 0; i < self->suppliers->len; i++)
    g_ptr_array_add (supplier_names, ((CcSupplier *) g_ptr_array_index (self->suppliers, i))->name);
  g_ptr_array_add (supplier_names, _("New supplier…"));
  g_ptr_array_add (supplier_names, NULL);

  cc_stock_form_build (ADW_WINDOW (self), parent, _("Record Purchase"), _("_Record"), &self->form);
  adw_preferences_group_set_description (self->form.group,
                                         _("What you paid, with shipping, gives the material’s average cost."));
  self->material_row = cc_stock_form_add_combo (&self->form, _("Material"),
                                                (const char * const *) material_names->pdata);
  self->supplier_row = cc_stock_form_add_combo (&self->form, _("Supplier"),
                                                (const char * const *) supplier_names->pdata);
  self->supplier_name_row = cc_stock_form_add_entry (&self->form, _("New supplier’s name"));
  self->supplier_contact_row = cc_stock_form_add_entry (&self->form, _("Contact (phone, email or address)"));
  self->quantity_row = cc_stock_form_add_entry (&self->form, "");
  /* Translators: %s is a currency symbol such as "₹". */
  cost_title = g_strdup_printf (_("Cost for the whole quantity (%s)"), cc_currency_symbol (self->currency));
  self->cost_row = cc_stock_form_add_entry (&self->form, cost_title);
  /* Translators: %s is a currency symbol such as "₹". */
  shipping_title = g_strdup_printf (_("Shipping (%s, optional)"), cc_currency_symbol (self->currency));
  self->shipping_row = cc_stock_form_add_entry (&self->form, shipping_title);
  self->date_row = cc_stock_form_add_entry (&self->form, _("Date (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  for (guint i = 0; material_id != NULL && i < self->materials->len; i++)
    if (g_strcmp0 (((CcMaterial *) g_ptr_array_index (self->materials, i))->id, material_id) == 0)
      adw_combo_row_set_selected (self->material_row, i);

  g_signal_connect_object (self->material_row, "notify::selected", G_CALLBACK (update_rows),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->supplier_row, "notify::selected", G_CALLBACK (update_rows),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form.primary, "clicked", G_CALLBACK (on_primary_clicked),
                           self, G_CONNECT_SWAPPED);
  update_rows (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_row));
  return self;
}

void
cc_material_purchase_dialog_fill (CcMaterialPurchaseDialog *self,
                                  const char               *supplier,
                                  const char               *quantity,
                                  const char               *cost,
                                  const char               *shipping,
                                  const char               *date)
{
  guint choice = 0;

  g_return_if_fail (CC_IS_MATERIAL_PURCHASE_DIALOG (self));

  if (supplier != NULL)
    {
      choice = self->suppliers->len + 1;
      for (guint i = 0; i < self->suppliers->len; i++)
        if (g_strcmp0 (((CcSupplier *) g_ptr_array_index (self->suppliers, i))->name, supplier) == 0)
          choice = i + 1;
    }
  adw_combo_row_set_selected (self->supplier_row, choice);
  if (choice == self->suppliers->len + 1)
    gtk_editable_set_text (GTK_EDITABLE (self->supplier_name_row), supplier);
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), quantity != NULL ? quantity : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost != NULL ? cost : "");
  gtk_editable_set_text (GTK_EDITABLE (self->shipping_row), shipping != NULL ? shipping : "");
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
}

gboolean
cc_material_purchase_dialog_save (CcMaterialPurchaseDialog *self)
{
  g_autoptr(CcMaterialPurchaseDialog) hold = NULL;

  g_return_val_if_fail (CC_IS_MATERIAL_PURCHASE_DIALOG (self), FALSE);

  hold = g_object_ref (self);
  /* What a click does (activate would wait for the button to animate). */
  g_signal_emit_by_name (self->form.primary, "clicked");
  return hold->saved;
}

const char *
cc_material_purchase_dialog_get_error (CcMaterialPurchaseDialog *self)
{
  g_return_val_if_fail (CC_IS_MATERIAL_PURCHASE_DIALOG (self), NULL);
  return cc_stock_form_get_error (&self->form);
}
