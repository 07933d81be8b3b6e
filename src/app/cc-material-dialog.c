/* cc-material-dialog.c — a new material, or an existing one's name, unit, level and notes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cc-material-dialog.h"
#include "cc-materials.h"
#include "cc-stock-form.h"

struct _CcMaterialDialog
{
  AdwWindow     parent_instance;

  /* form widgets */
  CcStockForm   form;
  AdwEntryRow  *name_row;
  AdwComboRow  *unit_row;
  AdwEntryRow  *threshold_row;
  AdwEntryRow  *notes_row;

  /* owned */
  CcStore      *store;
  CcMaterial   *material;     /* the stored one when editing, else NULL */
  gboolean      saved;
};

G_DEFINE_FINAL_TYPE (CcMaterialDialog, cc_material_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_unit (CcMaterialDialog *self)
{
  const char * const *units = cc_material_unit_list ();
  guint selected = adw_combo_row_get_selected (self->unit_row);

  if (selected >= g_strv_length ((char **) units))
    return units[0];
  return units[selected];
}

static void
select_unit (CcMaterialDialog *self,
             const char       *unit)
{
  const char * const *units = cc_material_unit_list ();

  for (guint i = 0; units[i] != NULL; i++)
    if (g_strcmp0 (units[i], unit) == 0)
      adw_combo_row_set_selected (self->unit_row, i);
}

static void
update_threshold_title (CcMaterialDialog *self)
{
  /* Translators: %s is a unit symbol such as "kg". */
  g_autofree char *title = g_strdup_printf (_("Low-stock level in %s (empty: none)"), selected_unit (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->threshold_row), title);
}

static void
on_primary_clicked (CcMaterialDialog *self)
{
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autofree char *threshold_text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));

  cc_stock_form_clear_error (&self->form);

  material->name = g_strstrip (g_strdup (name));
  material->unit = g_strdup (selected_unit (self));
  material->notes = g_strdup (notes);
  threshold_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->threshold_row))));
  if (*threshold_text != '\0' &&
      !cc_material_unit_parse_quantity (threshold_text, material->unit, &material->low_threshold, &error))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->threshold_row), error->message);
      return;
    }

  if (self->material != NULL)
    {
      material->id = g_strdup (self->material->id);
      if (cc_materials_update_material (self->store, material, &error))
        id = g_strdup (material->id);
    }
  else
    id = cc_materials_add_material (self->store, material, &error);

  if (id == NULL)
    {
      cc_stock_form_show_error (&self->form,
                                *material->name == '\0' ? GTK_WIDGET (self->name_row) : NULL,
                                error->message);
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cc_material_dialog_finalize (GObject *object)
{
  CcMaterialDialog *self = (CcMaterialDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->material, cc_material_free);
  G_OBJECT_CLASS (cc_material_dialog_parent_class)->finalize (object);
}

static void
cc_material_dialog_class_init (CcMaterialDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_material_dialog_finalize;

  /**
   * CcMaterialDialog::saved:
   * @material_id: the material written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cc_material_dialog_init (CcMaterialDialog *self)
{
}

CcMaterialDialog *
cc_material_dialog_new (GtkWindow  *parent,
                        CcStore    *store,
                        const char *material_id)
{
  CcMaterialDialog *self;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_MATERIAL_DIALOG, NULL);
  self->store = g_object_ref (store);
  if (material_id != NULL)
    self->material = cc_materials_get_material (store, material_id, NULL);

  cc_stock_form_build (ADW_WINDOW (self), parent,
                       self->material != NULL ? _("Edit Material") : _("New Material"),
                       self->material != NULL ? _("_Save") : _("_Add"),
                       &self->form);
  adw_preferences_group_set_description (self->form.group,
                                         _("Quantities are kept in the unit’s smallest part (mg, mm, ml), so they add up exactly."));
  self->name_row = cc_stock_form_add_entry (&self->form, _("Name"));
  self->unit_row = cc_stock_form_add_combo (&self->form, _("Unit"), cc_material_unit_list ());
  self->threshold_row = cc_stock_form_add_entry (&self->form, "");
  self->notes_row = cc_stock_form_add_entry (&self->form, _("Notes"));
  g_signal_connect_object (self->unit_row, "notify::selected", G_CALLBACK (update_threshold_title),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form.primary, "clicked", G_CALLBACK (on_primary_clicked),
                           self, G_CONNECT_SWAPPED);

  if (self->material != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->material->name);
      select_unit (self, self->material->unit);
      if (self->material->low_threshold > 0)
        {
          g_autofree char *text = cc_material_unit_format_quantity (self->material->low_threshold,
                                                                    self->material->unit);
          /* The entry takes the number; the unit is in its title. */
          char *space = strchr (text, ' ');

          if (space != NULL)
            *space = '\0';
          gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), text);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                             self->material->notes != NULL ? self->material->notes : "");
    }
  update_threshold_title (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

void
cc_material_dialog_fill (CcMaterialDialog *self,
                         const char       *name,
                         const char       *unit,
                         const char       *threshold,
                         const char       *notes)
{
  g_return_if_fail (CC_IS_MATERIAL_DIALOG (self));

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (unit != NULL)
    select_unit (self, unit);
  if (threshold != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), threshold);
  if (notes != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes);
}

gboolean
cc_material_dialog_save (CcMaterialDialog *self)
{
  g_autoptr(CcMaterialDialog) hold = NULL;

  g_return_val_if_fail (CC_IS_MATERIAL_DIALOG (self), FALSE);

  hold = g_object_ref (self);
  /* What a click does (activate would wait for the button to animate). */
  g_signal_emit_by_name (self->form.primary, "clicked");
  return hold->saved;
}

const char *
cc_material_dialog_get_error (CcMaterialDialog *self)
{
  g_return_val_if_fail (CC_IS_MATERIAL_DIALOG (self), NULL);
  return cc_stock_form_get_error (&self->form);
}
