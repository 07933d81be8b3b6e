/* cc-stock-form.c — the common frame of the small stock and material forms.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-hlc.h"
#include "cc-stock-form.h"

void
cc_stock_form_build (AdwWindow   *window,
                     GtkWindow   *parent,
                     const char  *title,
                     const char  *primary_label,
                     CcStockForm *form)
{
  GtkWidget *box, *header, *cancel, *scrolled, *clamp, *content;

  g_return_if_fail (ADW_IS_WINDOW (window));
  g_return_if_fail (form != NULL);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 560);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  form->cancel = GTK_BUTTON (cancel);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  form->primary = GTK_BUTTON (gtk_button_new_with_mnemonic (primary_label));
  gtk_widget_add_css_class (GTK_WIDGET (form->primary), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (form->primary));
  gtk_window_set_default_widget (GTK_WINDOW (window), GTK_WIDGET (form->primary));

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  /* The error goes first: a long form may scroll, the message must not. */
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "field-error");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->error_label));
  form->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->group));
  form->extra = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->extra));
  form->error_row = NULL;

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (window, box);
}

void
cc_stock_form_clear_error (CcStockForm *form)
{
  g_return_if_fail (form != NULL);

  if (form->error_row != NULL)
    gtk_widget_remove_css_class (form->error_row, "error");
  form->error_row = NULL;
  gtk_label_set_text (form->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
}

void
cc_stock_form_show_error (CcStockForm *form,
                          GtkWidget   *row,
                          const char  *message)
{
  g_return_if_fail (form != NULL);
  g_return_if_fail (message != NULL);

  cc_stock_form_clear_error (form);
  gtk_label_set_text (form->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      form->error_row = row;
      gtk_widget_grab_focus (row);
    }
}

const char *
cc_stock_form_get_error (CcStockForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (form->error_label)))
    return NULL;
  return gtk_label_get_text (form->error_label);
}

AdwEntryRow *
cc_stock_form_add_entry (CcStockForm *form,
                         const char  *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (form->group, row);
  return ADW_ENTRY_ROW (row);
}

AdwComboRow *
cc_stock_form_add_combo (CcStockForm        *form,
                         const char         *title,
                         const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (form->group, row);
  return ADW_COMBO_ROW (row);
}

AdwActionRow *
cc_stock_form_add_info (CcStockForm *form,
                        const char  *title,
                        const char  *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (form->group, row);
  return ADW_ACTION_ROW (row);
}

const char *
cc_stock_reason_label (const char *reason)
{
  static const struct {
    const char *name;
    const char *label;
  } labels[] = {
    { "made", N_("Made") },
    { "sold", N_("Sold") },
    { "reserved", N_("Reserved for an order") },
    { "released", N_("Released from an order") },
    { "shipped", N_("Shipped") },
    { "returned", N_("Returned") },
    { "count", N_("Count correction") },
    { "damaged", N_("Damaged") },
    { "gift", N_("Gift") },
    { "used", N_("Used") },
    { "purchase", N_("Purchase") },
    { "batch", N_("Used in a batch") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].name, reason) == 0)
      return _(labels[i].label);
  /* A reason from a newer version: its stored name beats nothing. */
  return reason != NULL ? reason : "";
}

char *
cc_stock_format_when (const char *hlc)
{
  CcHlcStamp stamp;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (hlc == NULL || !cc_hlc_stamp_parse (hlc, &stamp, NULL))
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (stamp.wall_ms / 1000);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time in a ledger, see g_date_time_format(). */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

char *
cc_stock_format_who (CcStore    *store,
                     const char *device,
                     const char *hlc)
{
  CcHlcStamp stamp;

  if (device == NULL && hlc != NULL && cc_hlc_stamp_parse (hlc, &stamp, NULL))
    device = stamp.node;
  if (device == NULL || *device == '\0')
    return g_strdup (_("Unknown device"));
  if (store != NULL && g_strcmp0 (device, cc_store_get_device_id (store)) == 0)
    return g_strdup (_("This device"));
  /* Translators: %s is the first characters of another device's id. */
  return g_strdup_printf (_("Device %.8s"), device);
}

char *
cc_stock_format_delta (const char *quantity_text,
                       gint64      delta)
{
  g_autofree char *number = NULL;

  if (quantity_text == NULL)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, delta < 0 ? -delta : delta);
  else
    number = g_strdup (quantity_text[0] == '-' ? quantity_text + 1 : quantity_text);
  return g_strconcat (delta < 0 ? "\xe2\x88\x92" : "+", number, NULL);
}
