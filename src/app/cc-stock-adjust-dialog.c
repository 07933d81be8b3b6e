/* cc-stock-adjust-dialog.c — a person's stock correction, with its reason.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cc-error.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-stock-form.h"

#define PIECES_MAX G_GINT64_CONSTANT (1000000000)

struct _CcStockAdjustDialog
{
  AdwWindow     parent_instance;

  /* form widgets */
  CcStockForm   form;
  AdwEntryRow  *change_row;
  AdwComboRow  *reason_row;
  AdwEntryRow  *note_row;

  /* owned */
  CcStore      *store;
  char         *product_id;
  char         *variant_id;
  char         *material_id;
  char         *unit;          /* the material's unit; NULL for pieces */
  gboolean      saved;
};

G_DEFINE_FINAL_TYPE (CcStockAdjustDialog, cc_stock_adjust_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const item_reasons[] = { "count", "damaged", "gift", "returned", NULL };
static const char * const material_reasons[] = { "count", "damaged", "used", NULL };

static const char * const *
reasons (CcStockAdjustDialog *self)
{
  return self->material_id != NULL ? material_reasons : item_reasons;
}

/* "+3", "-2", "−2" (a typographic minus), " 4 ": the sign and the rest. */
static const char *
split_sign (const char *text,
            int        *sign)
{
  while (g_ascii_isspace (*text))
    text++;
  *sign = 1;
  if (*text == '+')
    text++;
  else if (*text == '-')
    {
      *sign = -1;
      text++;
    }
  else if (g_str_has_prefix (text, "\xe2\x88\x92"))
    {
      *sign = -1;
      text += strlen ("\xe2\x88\x92");
    }
  return text;
}

static gboolean
parse_change (CcStockAdjustDialog  *self,
              const char           *text,
              gint64               *out,
              GError              **error)
{
  int sign;
  const char *rest = split_sign (text, &sign);
  g_autofree char *digits = g_strstrip (g_strdup (rest));
  guint64 value;

  if (self->unit != NULL)
    {
      gint64 base;

      if (!cc_material_unit_parse_quantity (digits, self->unit, &base, error))
        return FALSE;
      *out = sign * base;
      return TRUE;
    }

  if (*digits == '\0' ||
      !g_ascii_string_to_unsigned (digits, 10, 1, PIECES_MAX, &value, NULL))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("Type a whole number of pieces: “3” adds three, “-2” takes two away."));
      return FALSE;
    }
  *out = sign * (gint64) value;
  return TRUE;
}

static void
on_primary_clicked (CcStockAdjustDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->change_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  guint selected = adw_combo_row_get_selected (self->reason_row);
  const char *reason;
  g_autoptr(GError) error = NULL;
  gint64 delta;
  gboolean ok;

  cc_stock_form_clear_error (&self->form);
  if (!parse_change (self, text, &delta, &error))
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->change_row), error->message);
      return;
    }
  if (selected >= g_strv_length ((char **) reasons (self)))
    selected = 0;
  reason = reasons (self)[selected];

  if (self->material_id != NULL)
    ok = cc_materials_adjust (self->store, self->material_id, delta, reason,
                              *note != '\0' ? note : NULL, &error);
  else
    ok = cc_inventory_adjust (self->store, self->product_id, self->variant_id, delta, reason,
                              *note != '\0' ? note : NULL, &error);
  if (!ok)
    {
      cc_stock_form_show_error (&self->form, GTK_WIDGET (self->change_row), error->message);
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cc_stock_adjust_dialog_finalize (GObject *object)
{
  CcStockAdjustDialog *self = (CcStockAdjustDialog *)object;

  g_clear_object (&self->store);
  g_free (self->product_id);
  g_free (self->variant_id);
  g_free (self->material_id);
  g_free (self->unit);
  G_OBJECT_CLASS (cc_stock_adjust_dialog_parent_class)->finalize (object);
}

static void
cc_stock_adjust_dialog_class_init (CcStockAdjustDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_stock_adjust_dialog_finalize;

  /**
   * CcStockAdjustDialog::saved:
   *
   * The correction was written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_stock_adjust_dialog_init (CcStockAdjustDialog *self)
{
}

static void
build (CcStockAdjustDialog *self,
       GtkWindow           *parent,
       const char          *name,
       const char          *on_hand_text)
{
  const char *item_labels[] = { _("Count correction"), _("Damaged"), _("Gift"), _("Returned"), NULL };
  const char *material_labels[] = { _("Count correction"), _("Damaged"), _("Used"), NULL };
  g_autofree char *change_title = NULL;

  cc_stock_form_build (ADW_WINDOW (self), parent, _("Adjust Stock"), _("_Adjust"), &self->form);
  adw_preferences_group_set_title (self->form.group, name);
  adw_preferences_group_set_description (self->form.group, on_hand_text);

  if (self->unit != NULL)
    /* Translators: %s is a unit symbol such as "kg". */
    change_title = g_strdup_printf (_("Change in %s (+ adds, − takes away)"), self->unit);
  else
    change_title = g_strdup (_("Change in pieces (+ adds, − takes away)"));
  self->change_row = cc_stock_form_add_entry (&self->form, change_title);
  self->reason_row = cc_stock_form_add_combo (&self->form, _("Reason"),
                                              self->unit != NULL ? material_labels : item_labels);
  self->note_row = cc_stock_form_add_entry (&self->form, _("Note"));
  g_signal_connect_object (self->form.primary, "clicked", G_CALLBACK (on_primary_clicked),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (GTK_WIDGET (self->change_row));
}

CcStockAdjustDialog *
cc_stock_adjust_dialog_new_for_item (GtkWindow  *parent,
                                     CcStore    *store,
                                     const char *product_id,
                                     const char *variant_id,
                                     const char *title)
{
  CcStockAdjustDialog *self;
  CcStockLevel level = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *on_hand = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CC_TYPE_STOCK_ADJUST_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->product_id = g_strdup (product_id);
  self->variant_id = g_strdup (variant_id);
  cc_inventory_get_level (store, product_id, variant_id, &level, NULL);
  count = g_strdup_printf ("%" G_GINT64_FORMAT, level.on_hand);
  /* Translators: %s is a number of pieces. */
  on_hand = g_strdup_printf (ngettext ("%s piece on hand now", "%s pieces on hand now",
                                       (gulong) CLAMP (level.on_hand, 0, G_MAXLONG)),
                             count);
  build (self, parent, title, on_hand);
  return self;
}

CcStockAdjustDialog *
cc_stock_adjust_dialog_new_for_material (GtkWindow  *parent,
                                         CcStore    *store,
                                         const char *material_id)
{
  CcStockAdjustDialog *self;
  g_autoptr(CcMaterial) material = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *on_hand = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (material_id != NULL, NULL);

  material = cc_materials_get_material (store, material_id, NULL);
  g_return_val_if_fail (material != NULL, NULL);

  self = g_object_new (CC_TYPE_STOCK_ADJUST_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->material_id = g_strdup (material->id);
  self->unit = g_strdup (material->unit);
  quantity = cc_material_unit_format_quantity (material->on_hand, material->unit);
  /* Translators: %s is a quantity with its unit, "2.5 kg". */
  on_hand = g_strdup_printf (_("%s on hand now"), quantity);
  build (self, parent, material->name, on_hand);
  return self;
}

void
cc_stock_adjust_dialog_fill (CcStockAdjustDialog *self,
                             const char          *change,
                             const char          *reason,
                             const char          *note)
{
  const char * const *names;

  g_return_if_fail (CC_IS_STOCK_ADJUST_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->change_row), change != NULL ? change : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note != NULL ? note : "");
  names = reasons (self);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], reason) == 0)
      adw_combo_row_set_selected (self->reason_row, i);
}

gboolean
cc_stock_adjust_dialog_save (CcStockAdjustDialog *self)
{
  g_return_val_if_fail (CC_IS_STOCK_ADJUST_DIALOG (self), FALSE);

  g_autoptr(CcStockAdjustDialog) hold = g_object_ref (self);

  /* What a click does (activate would wait for the button to animate). */
  g_signal_emit_by_name (self->form.primary, "clicked");
  return hold->saved;
}

const char *
cc_stock_adjust_dialog_get_error (CcStockAdjustDialog *self)
{
  g_return_val_if_fail (CC_IS_STOCK_ADJUST_DIALOG (self), NULL);
  return cc_stock_form_get_error (&self->form);
}
