/* cc-materials-page.c — the Materials section: materials, suppliers, purchases and their ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cc-error.h"
#include "cc-material-dialog.h"
#include "cc-material-purchase-dialog.h"
#include "cc-material-suppliers-dialog.h"
#include "cc-materials.h"
#include "cc-materials-page.h"
#include "cc-money.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-stock-form.h"
#include "cc-ui-util.h"

struct _CcMaterialsPage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkStack       *main_stack;     /* the bin's child */
  GtkSearchEntry *search_entry;
  GtkStack       *list_stack;
  GtkListBox     *material_list;
  GtkStack       *detail_stack;
  GtkLabel       *name_label;
  GtkLabel       *notes_label;
  GtkLabel       *on_hand_label;
  GtkLabel       *cost_label;
  GtkLabel       *threshold_label;
  GtkListBox     *purchase_list;
  GtkListBox     *ledger_list;

  /* owned */
  CcStore        *store;
  GPtrArray      *materials;      /* CcMaterial*, the rows of material_list */
  char           *selected_id;    /* kept across reloads */
  guint           n_purchases;
  guint           n_ledger_rows;
  guint           reload_id;
  guint           loading;
};

G_DEFINE_FINAL_TYPE (CcMaterialsPage, cc_materials_page, ADW_TYPE_BIN)

static GQuark material_index_quark;

static gboolean
material_is_low (const CcMaterial *material)
{
  return material->low_threshold > 0 && material->on_hand <= material->low_threshold;
}

static CcMaterial *
selected_material (CcMaterialsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->material_list);
  guint index;

  if (row == NULL || self->materials == NULL)
    return NULL;
  index = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (row), material_index_quark));
  if (index >= self->materials->len)
    return NULL;
  return g_ptr_array_index (self->materials, index);
}

/* "₹450.00 / kg": the average landed cost of one unit, or why there is none. */
static char *
format_average_cost (CcMaterialsPage  *self,
                     const CcMaterial *material)
{
  const CcMaterialUnit *unit = cc_material_unit_lookup (material->unit);
  g_autofree char *currency = NULL;
  g_autofree char *money = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cost_sum = 0, quantity_sum = 0;

  if (!cc_materials_get_average_cost (self->store, material->id, &cost_sum, &quantity_sum,
                                      &currency, &error))
    {
      if (g_error_matches (error, CC_ERROR, CC_ERROR_CONFLICT))
        return g_strdup (_("Bought in several currencies"));
      return g_strdup (error->message);
    }
  if (quantity_sum == 0 || unit == NULL || currency == NULL)
    return g_strdup (_("No purchases yet"));
  money = cc_money_format (cc_materials_cost_of (cost_sum, quantity_sum, unit->factor), currency);
  if (unit->dimension == CC_DIMENSION_COUNT)
    /* Translators: %s is an amount of money: the cost of one piece of a material. */
    return g_strdup_printf (_("%s a piece"), money);
  /* Translators: money per unit, "₹450.00 / kg". */
  return g_strdup_printf (_("%s / %s"), money, unit->symbol);
}

/* The list */

static GtkWidget *
material_row_new (CcMaterialsPage  *self,
                  const CcMaterial *material,
                  guint             index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (material->name);
  GtkWidget *line;
  g_autofree char *on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
  g_autofree char *cost = format_average_cost (self, material);
  g_autofree char *text = g_strdup_printf ("%s · %s", on_hand, cost);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  line = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (line, "caption");
  gtk_widget_add_css_class (line, "dim-label");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), line);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  if (material_is_low (material))
    {
      GtkWidget *badge = gtk_label_new (_("Low"));

      gtk_widget_add_css_class (badge, "low-stock-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), badge);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_qdata (G_OBJECT (row), material_index_quark, GUINT_TO_POINTER (index));
  return row;
}

static void
add_placeholder_row (GtkListBox *list,
                     const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

/* The detail */

static GtkWidget *
purchase_row_new (CcMaterialsPage   *self,
                  const CcMaterial  *material,
                  const CcPurchase  *purchase,
                  GHashTable        *supplier_names)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *cost_label;
  const char *supplier = purchase->supplier_id != NULL
                           ? g_hash_table_lookup (supplier_names, purchase->supplier_id) : NULL;
  g_autofree char *quantity = cc_material_unit_format_quantity (purchase->quantity, material->unit);
  g_autofree char *cost = cc_money_format (purchase->cost, purchase->currency);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a purchase: the quantity, then who sold it. */
  title = g_strdup_printf (_("%s from %s"), quantity, supplier != NULL ? supplier : _("an unknown supplier"));
  if (purchase->shipping > 0)
    {
      g_autofree char *shipping = cc_money_format (purchase->shipping, purchase->currency);

      /* Translators: a purchase's date, then its shipping cost. */
      subtitle = g_strdup_printf (_("%s · shipping %s"), purchase->date, shipping);
    }
  else
    subtitle = g_strdup (purchase->date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  cost_label = gtk_label_new (cost);
  gtk_widget_add_css_class (cost_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cost_label);
  return row;
}

static GtkWidget *
move_row_new (CcMaterialsPage      *self,
              const CcMaterial     *material,
              const CcMaterialMove *move)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delta_label;
  g_autofree char *quantity = cc_material_unit_format_quantity (move->delta, material->unit);
  g_autofree char *delta = cc_stock_format_delta (quantity, move->delta);
  g_autofree char *when = cc_stock_format_when (move->hlc);
  g_autofree char *who = cc_stock_format_who (self->store, NULL, move->hlc);
  g_autoptr(GString) subtitle = g_string_new (when);

  g_string_append_printf (subtitle, " · %s", who);
  if (move->ref_id != NULL && g_strcmp0 (move->reason, "batch") == 0)
    {
      g_autoptr(CcBatch) batch = cc_materials_get_batch (self->store, move->ref_id, NULL);

      if (batch != NULL && batch->lot_code != NULL)
        {
          /* Translators: %s is a lot code such as "B-20260314-3F9A". */
          g_autofree char *lot = g_strdup_printf (_("Lot %s"), batch->lot_code);

          g_string_append_printf (subtitle, " · %s", lot);
        }
    }
  if (move->note != NULL && *move->note != '\0')
    g_string_append_printf (subtitle, "\n%s", move->note);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_stock_reason_label (move->reason));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  delta_label = gtk_label_new (delta);
  gtk_widget_add_css_class (delta_label, "numeric");
  gtk_widget_add_css_class (delta_label, move->delta < 0 ? "stock-out" : "stock-in");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delta_label);
  return row;
}

static void
show_detail (CcMaterialsPage *self)
{
  CcMaterial *material = selected_material (self);
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(GHashTable) supplier_names = NULL;
  g_autofree char *on_hand = NULL;
  g_autofree char *cost = NULL;
  g_autoptr(GError) error = NULL;

  cc_ui_clear_list_box (self->purchase_list);
  cc_ui_clear_list_box (self->ledger_list);
  self->n_purchases = 0;
  self->n_ledger_rows = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "materials.adjust", material != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "materials.edit", material != NULL);

  if (material == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "material");

  gtk_label_set_text (self->name_label, material->name);
  gtk_label_set_text (self->notes_label, material->notes != NULL ? material->notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), material->notes != NULL && *material->notes != '\0');
  on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
  gtk_label_set_text (self->on_hand_label, on_hand);
  if (material_is_low (material))
    gtk_widget_add_css_class (GTK_WIDGET (self->on_hand_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->on_hand_label), "warning");
  cost = format_average_cost (self, material);
  gtk_label_set_text (self->cost_label, cost);
  if (material->low_threshold > 0)
    {
      g_autofree char *threshold = cc_material_unit_format_quantity (material->low_threshold, material->unit);

      gtk_label_set_text (self->threshold_label, threshold);
    }
  else
    gtk_label_set_text (self->threshold_label, _("None"));

  supplier_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  suppliers = cc_materials_list_suppliers (self->store, NULL);
  for (guint i = 0; suppliers != NULL && i < suppliers->len; i++)
    {
      CcSupplier *supplier = g_ptr_array_index (suppliers, i);

      g_hash_table_insert (supplier_names, g_strdup (supplier->id), g_strdup (supplier->name));
    }

  purchases = cc_materials_list_purchases (self->store, material->id, &error);
  if (purchases == NULL)
    {
      g_warning ("Purchases of %s: %s", material->name, error->message);
      g_clear_error (&error);
    }
  /* Newest first, as in the history. */
  for (guint i = purchases != NULL ? purchases->len : 0; i > 0; i--)
    {
      gtk_list_box_append (self->purchase_list,
                           purchase_row_new (self, material, g_ptr_array_index (purchases, i - 1), supplier_names));
      self->n_purchases++;
    }
  if (self->n_purchases == 0)
    add_placeholder_row (self->purchase_list, _("No purchases recorded yet"));

  moves = cc_materials_list_moves (self->store, material->id, &error);
  if (moves == NULL)
    g_warning ("History of %s: %s", material->name, error->message);
  for (guint i = moves != NULL ? moves->len : 0; i > 0; i--)
    {
      gtk_list_box_append (self->ledger_list, move_row_new (self, material, g_ptr_array_index (moves, i - 1)));
      self->n_ledger_rows++;
    }
  if (self->n_ledger_rows == 0)
    add_placeholder_row (self->ledger_list, _("No movements yet"));
}

static void
on_row_selected (CcMaterialsPage *self,
                 GtkListBoxRow   *row)
{
  CcMaterial *material;

  /* The list box says its rows went away while the page is disposed. */
  if (self->material_list == NULL)
    return;
  material = selected_material (self);
  if (self->loading == 0)
    {
      g_free (self->selected_id);
      self->selected_id = material != NULL ? g_strdup (material->id) : NULL;
    }
  show_detail (self);
}

static gboolean
matches_search (const CcMaterial *material,
                const char       *folded_search)
{
  g_autofree char *folded = NULL;

  if (folded_search == NULL || *folded_search == '\0')
    return TRUE;
  folded = g_utf8_casefold (material->name, -1);
  return strstr (folded, folded_search) != NULL;
}

void
cc_materials_page_reload (CcMaterialsPage *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  GtkListBoxRow *select = NULL;

  g_return_if_fail (CC_IS_MATERIALS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store == NULL)
    return;

  all = cc_materials_list_materials (self->store, &error);
  if (all == NULL)
    {
      g_warning ("Materials: %s", error->message);
      return;
    }
  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (folded);

  self->loading++;
  cc_ui_clear_list_box (self->material_list);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_material_free);
  for (guint i = 0; i < all->len; i++)
    {
      CcMaterial *material = g_ptr_array_index (all, i);
      GtkWidget *row;

      if (!matches_search (material, folded))
        continue;
      row = material_row_new (self, material, self->materials->len);
      gtk_list_box_append (self->material_list, row);
      if (g_strcmp0 (material->id, self->selected_id) == 0)
        select = GTK_LIST_BOX_ROW (row);
      /* The page's array takes the material. */
      g_ptr_array_add (self->materials, material);
      all->pdata[i] = NULL;
    }
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    g_clear_pointer (&all->pdata[i], cc_material_free);

  if (select == NULL && self->materials->len > 0)
    select = gtk_list_box_get_row_at_index (self->material_list, 0);
  gtk_list_box_select_row (self->material_list, select);
  self->loading--;
  on_row_selected (self, select);

  gtk_stack_set_visible_child_name (self->main_stack, all->len == 0 ? "empty" : "materials");
  gtk_stack_set_visible_child_name (self->list_stack, self->materials->len == 0 ? "none" : "list");
}

static void
on_committed (CcMaterialsPage *self)
{
  /* An unmapped page looks again when it is mapped. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cc_ui_reload_soon (&self->reload_id, (CcUiReloadFunc) cc_materials_page_reload, self);
}

static void
on_map (CcMaterialsPage *self)
{
  if (self->store != NULL)
    cc_materials_page_reload (self);
}

static void
on_search_changed (CcMaterialsPage *self)
{
  cc_materials_page_reload (self);
}

/* Actions */

static GtkWindow *
parent_window (CcMaterialsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_material_saved (CcMaterialsPage *self,
                   const char      *material_id)
{
  g_free (self->selected_id);
  self->selected_id = g_strdup (material_id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cc_materials_page_reload (self);
}

static void
on_written (CcMaterialsPage *self)
{
  cc_materials_page_reload (self);
}

CcMaterialDialog *
cc_materials_page_new_material (CcMaterialsPage *self)
{
  CcMaterialDialog *dialog;

  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);
  if (self->store == NULL)
    return NULL;

  dialog = cc_material_dialog_new (parent_window (self), self->store, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_material_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

CcMaterialPurchaseDialog *
cc_materials_page_record_purchase (CcMaterialsPage *self)
{
  CcMaterial *material;
  CcMaterialPurchaseDialog *dialog;

  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);
  if (self->store == NULL)
    return NULL;

  material = selected_material (self);
  dialog = cc_material_purchase_dialog_new (parent_window (self), self->store,
                                            material != NULL ? material->id : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_written), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

CcStockAdjustDialog *
cc_materials_page_adjust_selected (CcMaterialsPage *self)
{
  CcMaterial *material;
  CcStockAdjustDialog *dialog;

  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);

  material = selected_material (self);
  if (material == NULL || self->store == NULL)
    return NULL;
  dialog = cc_stock_adjust_dialog_new_for_material (parent_window (self), self->store, material->id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_written), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_material_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cc_materials_page_new_material (CC_MATERIALS_PAGE (widget));
}

static void
record_purchase_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cc_materials_page_record_purchase (CC_MATERIALS_PAGE (widget));
}

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cc_materials_page_adjust_selected (CC_MATERIALS_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CcMaterialsPage *self = CC_MATERIALS_PAGE (widget);
  CcMaterial *material = selected_material (self);
  CcMaterialDialog *dialog;

  if (material == NULL || self->store == NULL)
    return;
  dialog = cc_material_dialog_new (parent_window (self), self->store, material->id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_material_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
suppliers_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CcMaterialsPage *self = CC_MATERIALS_PAGE (widget);
  CcMaterialSuppliersDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = cc_material_suppliers_dialog_new (parent_window (self), self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
cc_materials_page_dispose (GObject *object)
{
  CcMaterialsPage *self = (CcMaterialsPage *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_MATERIALS_PAGE);
  self->main_stack = NULL;
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cc_materials_page_parent_class)->dispose (object);
}

static void
cc_materials_page_class_init (CcMaterialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_materials_page_dispose;
  material_index_quark = g_quark_from_static_string ("cc-material-index");

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-materials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, material_list);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, on_hand_label);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, cost_label);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, purchase_list);
  gtk_widget_class_bind_template_child (widget_class, CcMaterialsPage, ledger_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_install_action (widget_class, "materials.new-material", NULL, new_material_action);
  gtk_widget_class_install_action (widget_class, "materials.record-purchase", NULL, record_purchase_action);
  gtk_widget_class_install_action (widget_class, "materials.adjust", NULL, adjust_action);
  gtk_widget_class_install_action (widget_class, "materials.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "materials.suppliers", NULL, suppliers_action);
}

static void
cc_materials_page_init (CcMaterialsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child, not a bound one: AdwBin unparents it itself,
   * and gtk_widget_dispose_template() would unparent it a second time. */
  self->main_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  show_detail (self);
}

void
cc_materials_page_set_store (CcMaterialsPage *self,
                             CcStore         *store)
{
  g_return_if_fail (CC_IS_MATERIALS_PAGE (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  if (!cc_ui_watch_store (&self->store, store, G_CALLBACK (on_committed), self))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cc_materials_page_reload (self);
}

guint
cc_materials_page_get_n_materials (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), 0);
  return self->materials != NULL ? self->materials->len : 0;
}

gboolean
cc_materials_page_select (CcMaterialsPage *self,
                          const char      *material_id)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), FALSE);
  g_return_val_if_fail (material_id != NULL, FALSE);

  for (guint i = 0; self->materials != NULL && i < self->materials->len; i++)
    if (g_strcmp0 (((CcMaterial *) g_ptr_array_index (self->materials, i))->id, material_id) == 0)
      {
        gtk_list_box_select_row (self->material_list, gtk_list_box_get_row_at_index (self->material_list, i));
        return TRUE;
      }
  return FALSE;
}

const char *
cc_materials_page_get_selected_id (CcMaterialsPage *self)
{
  CcMaterial *material;

  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);
  material = selected_material (self);
  return material != NULL ? material->id : NULL;
}

const char *
cc_materials_page_get_on_hand_text (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);
  return selected_material (self) != NULL ? gtk_label_get_text (self->on_hand_label) : NULL;
}

const char *
cc_materials_page_get_average_cost_text (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), NULL);
  return selected_material (self) != NULL ? gtk_label_get_text (self->cost_label) : NULL;
}

guint
cc_materials_page_get_n_purchases (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), 0);
  return self->n_purchases;
}

guint
cc_materials_page_get_n_ledger_rows (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), 0);
  return self->n_ledger_rows;
}

gboolean
cc_materials_page_is_empty (CcMaterialsPage *self)
{
  g_return_val_if_fail (CC_IS_MATERIALS_PAGE (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0;
}
