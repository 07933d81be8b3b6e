/* cc-inventory-page.c — the Inventory section: stock levels, low stock, adjustments and the ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cc-error.h"
#include "cc-inventory.h"
#include "cc-inventory-page.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-stock-form.h"
#include "cc-ui-util.h"

/* One stock item in the list model. */

#define CC_TYPE_STOCK_ROW (cc_stock_row_get_type ())
G_DECLARE_FINAL_TYPE (CcStockRow, cc_stock_row, CC, STOCK_ROW, GObject)

struct _CcStockRow
{
  GObject      parent_instance;
  CcStockItem *item;
};

G_DEFINE_FINAL_TYPE (CcStockRow, cc_stock_row, G_TYPE_OBJECT)

static void
cc_stock_row_finalize (GObject *object)
{
  g_clear_pointer (&CC_STOCK_ROW (object)->item, cc_stock_item_free);
  G_OBJECT_CLASS (cc_stock_row_parent_class)->finalize (object);
}

static void
cc_stock_row_class_init (CcStockRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_stock_row_finalize;
}

static void
cc_stock_row_init (CcStockRow *self)
{
}

static CcStockRow *
cc_stock_row_new (CcStockItem *item)
{
  CcStockRow *self = g_object_new (CC_TYPE_STOCK_ROW, NULL);

  self->item = item;
  return self;
}

static gboolean
item_is_low (const CcStockItem *item)
{
  return item->level.low_threshold > 0 && item->level.available <= item->level.low_threshold;
}

/* The page */

struct _CcInventoryPage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkStack           *main_stack;     /* the bin's child */
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *low_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *none_page;
  GtkBox             *low_materials_box;
  GtkListBox         *low_materials_list;
  GtkLabel           *count_label;
  GtkLabel           *total_label;
  GtkStack           *detail_stack;
  GtkLabel           *title_label;
  GtkLabel           *sku_label;
  GtkLabel           *on_hand_label;
  GtkLabel           *reserved_label;
  GtkLabel           *available_label;
  GtkLabel           *value_label;
  AdwEntryRow        *threshold_row;
  GtkLabel           *threshold_error_label;
  GtkListBox         *ledger_list;

  /* owned */
  CcStore            *store;
  GListStore         *items;          /* CcStockRow */
  GtkSingleSelection *selection;
  char               *selected_key;   /* "product/variant" kept across reloads */
  guint               n_ledger_rows;
  guint               reload_id;
  gboolean            dirty;          /* a commit came while unmapped */
  guint               loading;        /* selection changes from a reload */
};

G_DEFINE_FINAL_TYPE (CcInventoryPage, cc_inventory_page, ADW_TYPE_BIN)

static char *
item_key (const char *product_id,
          const char *variant_id)
{
  return g_strconcat (product_id, "/", variant_id != NULL ? variant_id : "", NULL);
}

static CcStockItem *
selected_item (CcInventoryPage *self)
{
  CcStockRow *row;

  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? row->item : NULL;
}

static char *
format_pieces (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

static char *
dup_currency (CcInventoryPage *self)
{
  return cc_store_dup_setting (self->store, "currency", "INR");
}

/* Cells */

static void
setup_title_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sku = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (_("Low"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (sku), 0);
  gtk_widget_add_css_class (sku, "caption");
  gtk_widget_add_css_class (sku, "dim-label");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), sku);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (badge, "low-stock-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_title_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  CcStockRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *sku = gtk_widget_get_next_sibling (title);
  GtkWidget *badge = gtk_widget_get_next_sibling (texts);

  gtk_label_set_text (GTK_LABEL (title), row->item->title);
  gtk_label_set_text (GTK_LABEL (sku), row->item->sku != NULL ? row->item->sku : "");
  gtk_widget_set_visible (sku, row->item->sku != NULL && *row->item->sku != '\0');
  gtk_widget_set_visible (badge, item_is_low (row->item));
}

typedef enum
{
  COLUMN_ON_HAND,
  COLUMN_RESERVED,
  COLUMN_AVAILABLE,
  COLUMN_THRESHOLD,
  COLUMN_VALUE,
} NumberColumn;

static void
setup_number_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_number_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  NumberColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  CcStockRow *row = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const CcStockItem *item = row->item;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_ON_HAND:
      text = format_pieces (item->level.on_hand);
      break;
    case COLUMN_RESERVED:
      text = format_pieces (item->level.reserved);
      break;
    case COLUMN_AVAILABLE:
      text = format_pieces (item->level.available);
      break;
    case COLUMN_THRESHOLD:
      text = item->level.low_threshold > 0 ? format_pieces (item->level.low_threshold)
                                           : g_strdup ("—");
      break;
    case COLUMN_VALUE:
    default:
      text = item->unit_cost >= 0 && item->currency != NULL
               ? cc_money_format (item->stock_value, item->currency)
               : g_strdup ("—");
      break;
    }
  gtk_label_set_text (label, text);
  if (column == COLUMN_AVAILABLE && item_is_low (item))
    gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
}

static void
add_column (CcInventoryPage *self,
            const char      *title,
            int              column,
            gboolean         expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  if (column < 0)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_title_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_title_cell), NULL);
    }
  else
    {
      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_number_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_number_cell), NULL);
    }
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* The detail of the selected item */

static char *
describe_reference (CcInventoryPage   *self,
                    const CcStockMove *move)
{
  if (move->batch_id != NULL)
    {
      g_autoptr(CcBatch) batch = cc_materials_get_batch (self->store, move->batch_id, NULL);

      if (batch != NULL && batch->lot_code != NULL)
        /* Translators: %s is a lot code such as "B-20260314-3F9A". */
        return g_strdup_printf (_("Lot %s"), batch->lot_code);
    }
  if (move->ref_id != NULL)
    {
      g_autoptr(CcOrder) order = cc_orders_get_order (self->store, move->ref_id, NULL);

      if (order != NULL && order->number != NULL)
        /* Translators: %s is an order number such as "K3-17". */
        return g_strdup_printf (_("Order %s"), order->number);
    }
  return NULL;
}

static GtkWidget *
ledger_row_new (CcInventoryPage   *self,
                const CcStockMove *move)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delta_label;
  g_autofree char *delta = cc_stock_format_delta (NULL, move->delta);
  g_autofree char *when = cc_stock_format_when (move->hlc);
  g_autofree char *who = cc_stock_format_who (self->store, move->device, move->hlc);
  g_autofree char *reference = describe_reference (self, move);
  g_autoptr(GString) subtitle = g_string_new (when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_stock_reason_label (move->reason));
  g_string_append_printf (subtitle, " · %s", who);
  if (reference != NULL)
    g_string_append_printf (subtitle, " · %s", reference);
  if (move->note != NULL && *move->note != '\0')
    g_string_append_printf (subtitle, "\n%s", move->note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (move->bucket == CC_STOCK_RESERVED)
    {
      g_autofree char *text = g_strdup_printf (_("%s reserved"), delta);

      delta_label = gtk_label_new (text);
    }
  else
    delta_label = gtk_label_new (delta);
  gtk_widget_add_css_class (delta_label, "numeric");
  /* A reservation moves nothing in or out of the workshop. */
  if (move->bucket != CC_STOCK_RESERVED)
    gtk_widget_add_css_class (delta_label, move->delta < 0 ? "stock-out" : "stock-in");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delta_label);
  return row;
}

static void
show_detail (CcInventoryPage *self)
{
  CcStockItem *item = selected_item (self);
  g_autoptr(GPtrArray) moves = NULL;
  g_autofree char *on_hand = NULL;
  g_autofree char *reserved = NULL;
  g_autofree char *available = NULL;
  g_autofree char *threshold = NULL;
  g_autoptr(GError) error = NULL;

  cc_ui_clear_list_box (self->ledger_list);
  self->n_ledger_rows = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->threshold_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.adjust", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inventory.open-product", item != NULL);

  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "item");
  gtk_label_set_text (self->title_label, item->title);
  gtk_label_set_text (self->sku_label, item->sku != NULL ? item->sku : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sku_label), item->sku != NULL && *item->sku != '\0');
  on_hand = format_pieces (item->level.on_hand);
  reserved = format_pieces (item->level.reserved);
  available = format_pieces (item->level.available);
  gtk_label_set_text (self->on_hand_label, on_hand);
  gtk_label_set_text (self->reserved_label, reserved);
  gtk_label_set_text (self->available_label, available);
  if (item_is_low (item))
    gtk_widget_add_css_class (GTK_WIDGET (self->available_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->available_label), "warning");

  if (item->unit_cost >= 0 && item->currency != NULL)
    {
      g_autofree char *unit_cost = cc_money_format (item->unit_cost, item->currency);
      g_autofree char *value = cc_money_format (item->stock_value, item->currency);
      /* Translators: stock value, then the cost of one piece. */
      g_autofree char *text = g_strdup_printf (_("Stock value %s at %s a piece (cost of goods from its recipe)"),
                                               value, unit_cost);

      gtk_label_set_text (self->value_label, text);
    }
  else
    gtk_label_set_text (self->value_label,
                        _("No stock value: this piece has no recipe with known material costs."));

  threshold = format_pieces (item->level.low_threshold);
  gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), threshold);

  moves = cc_inventory_list_moves (self->store, item->product_id, item->variant_id, &error);
  if (moves == NULL)
    {
      g_warning ("Stock history: %s", error->message);
      return;
    }
  /* Newest first: what a person checks is what just happened. */
  for (guint i = moves->len; i > 0; i--)
    {
      gtk_list_box_append (self->ledger_list, ledger_row_new (self, g_ptr_array_index (moves, i - 1)));
      self->n_ledger_rows++;
    }
  if (moves->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No stock movements yet"));
      gtk_list_box_append (self->ledger_list, row);
    }
}

static void
on_selection_changed (CcInventoryPage *self)
{
  CcStockItem *item = selected_item (self);

  if (self->loading == 0)
    {
      g_clear_pointer (&self->selected_key, g_free);
      if (item != NULL)
        self->selected_key = item_key (item->product_id, item->variant_id);
    }
  show_detail (self);
}

/* Loading */

static gboolean
matches_search (const CcStockItem *item,
                char             **words)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;

  if (words == NULL)
    return TRUE;
  text = g_strconcat (item->title, " ", item->sku != NULL ? item->sku : "", NULL);
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
load_low_materials (CcInventoryPage *self,
                    gboolean         low_only)
{
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(GError) error = NULL;

  cc_ui_clear_list_box (self->low_materials_list);
  if (!low_only)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->low_materials_box), FALSE);
      return;
    }
  materials = cc_materials_list_low_stock (self->store, &error);
  if (materials == NULL)
    {
      g_warning ("Low materials: %s", error->message);
      materials = g_ptr_array_new ();
    }
  for (guint i = 0; i < materials->len; i++)
    {
      CcMaterial *material = g_ptr_array_index (materials, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
      g_autofree char *threshold = cc_material_unit_format_quantity (material->low_threshold, material->unit);
      /* Translators: quantities with their unit, "2.5 kg left, low at 5 kg". */
      g_autofree char *subtitle = g_strdup_printf (_("%s left, low at %s"), on_hand, threshold);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), material->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->low_materials_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->low_materials_box), materials->len > 0);
}

static void
update_total (CcInventoryPage *self,
              GPtrArray       *all)
{
  g_autofree char *currency = dup_currency (self);
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  gint64 total = 0;
  guint unknown = 0;

  for (guint i = 0; i < all->len; i++)
    {
      CcStockItem *item = g_ptr_array_index (all, i);

      if (item->unit_cost < 0)
        {
          if (item->level.on_hand > 0)
            unknown++;
          continue;
        }
      if (item->currency == NULL || g_strcmp0 (item->currency, currency) == 0)
        total += item->stock_value;
    }
  total_text = cc_money_format (total, currency);
  if (unknown == 0)
    /* Translators: %s is an amount of money. */
    text = g_strdup_printf (_("Stock value at cost: %s"), total_text);
  else
    text = g_strdup_printf (ngettext ("Stock value at cost: %s (%u piece in stock has no known cost)",
                                      "Stock value at cost: %s (%u pieces in stock have no known cost)",
                                      unknown),
                            total_text, unknown);
  gtk_label_set_text (self->total_label, text);
}

void
cc_inventory_page_reload (CcInventoryPage *self)
{
  const char *search;
  gboolean low_only;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;
  guint select = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CC_IS_INVENTORY_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  low_only = gtk_toggle_button_get_active (self->low_button);
  if (search != NULL && *search != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (search, -1);

      words = g_strsplit_set (g_strstrip (folded), " \t", -1);
    }

  all = cc_inventory_list_items (self->store, NULL);
  if (all == NULL)
    all = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_stock_item_free);
  update_total (self, all);
  shown = low_only ? cc_inventory_list_low_stock (self->store) : g_ptr_array_ref (all);
  if (shown == NULL)
    shown = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_stock_item_free);

  for (guint i = 0; i < shown->len; i++)
    {
      CcStockItem *item = g_ptr_array_index (shown, i);
      g_autofree char *key = NULL;

      if (!matches_search (item, words))
        continue;
      key = item_key (item->product_id, item->variant_id);
      if (g_strcmp0 (key, self->selected_key) == 0)
        select = rows->len;
      /* The row takes the item: steal it from the array. */
      g_ptr_array_add (rows, cc_stock_row_new (item));
      shown->pdata[i] = NULL;
    }
  /* The rows own what they took; free the rest here (shown may be all). */
  g_ptr_array_set_free_func (shown, NULL);
  for (guint i = 0; i < shown->len; i++)
    g_clear_pointer (&shown->pdata[i], cc_stock_item_free);

  self->loading++;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       rows->pdata, rows->len);
  gtk_single_selection_set_selected (self->selection, select);
  self->loading--;
  if (select == GTK_INVALID_LIST_POSITION)
    g_clear_pointer (&self->selected_key, g_free);
  show_detail (self);

  load_low_materials (self, low_only);

  count = g_strdup_printf (ngettext ("%u item", "%u items", rows->len), rows->len);
  gtk_label_set_text (self->count_label, count);

  gtk_stack_set_visible_child_name (self->main_stack, all->len == 0 ? "empty" : "items");
  if (rows->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      if (low_only && words == NULL)
        {
          adw_status_page_set_title (self->none_page, _("Nothing Is Running Low"));
          adw_status_page_set_description (self->none_page,
                                           _("Every piece with a low-stock level has more available than that."));
        }
      else
        {
          adw_status_page_set_title (self->none_page, _("No Matches"));
          adw_status_page_set_description (self->none_page, _("Try other words or the SKU."));
        }
      gtk_stack_set_visible_child_name (self->list_stack, "none");
    }
}

static void
on_committed (CcInventoryPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  cc_ui_reload_soon (&self->reload_id, (CcUiReloadFunc) cc_inventory_page_reload, self);
}

static void
on_map (CcInventoryPage *self)
{
  /* A worker (the demo shop, a restore) may have written without a
   * commit on this connection: mapping is the moment to look again. */
  if (self->store != NULL)
    cc_inventory_page_reload (self);
}

/* Callbacks and actions */

static void
on_search_changed (CcInventoryPage *self)
{
  cc_inventory_page_reload (self);
}

static void
on_low_toggled (CcInventoryPage *self)
{
  cc_inventory_page_reload (self);
}

static void
on_item_activated (CcInventoryPage *self,
                   guint            position)
{
  g_autoptr(CcStockRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-product", "s", row->item->product_id);
}

static void
on_threshold_apply (CcInventoryPage *self)
{
  CcStockItem *item = selected_item (self);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint64 threshold = 0;

  if (item == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->threshold_row))));
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->threshold_row), "error");

  if (*text != '\0' &&
      !g_ascii_string_to_unsigned (text, 10, 0, 1000000000, &threshold, NULL))
    g_set_error_literal (&error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                         _("The low-stock level is a whole number of pieces, 0 or more."));
  else
    cc_inventory_set_threshold (self->store, item->product_id, item->variant_id,
                                (gint64) threshold, &error);
  if (error != NULL)
    {
      gtk_label_set_text (self->threshold_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->threshold_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->threshold_row), "error");
      return;
    }
  cc_inventory_page_reload (self);
}

static void
on_adjust_saved (CcInventoryPage *self)
{
  cc_inventory_page_reload (self);
}

CcStockAdjustDialog *
cc_inventory_page_adjust_selected (CcInventoryPage *self)
{
  CcStockItem *item;
  CcStockAdjustDialog *dialog;

  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), NULL);

  item = selected_item (self);
  if (item == NULL || self->store == NULL)
    return NULL;
  dialog = cc_stock_adjust_dialog_new_for_item (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                self->store, item->product_id, item->variant_id,
                                                item->title);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_adjust_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cc_inventory_page_adjust_selected (CC_INVENTORY_PAGE (widget));
}

static void
open_product_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcInventoryPage *self = CC_INVENTORY_PAGE (widget);
  CcStockItem *item = selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (widget, "win.open-product", "s", item->product_id);
}

/* GObject */

static void
cc_inventory_page_dispose (GObject *object)
{
  CcInventoryPage *self = (CcInventoryPage *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_INVENTORY_PAGE);
  self->main_stack = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->selected_key, g_free);

  G_OBJECT_CLASS (cc_inventory_page_parent_class)->dispose (object);
}

static void
cc_inventory_page_class_init (CcInventoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_inventory_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-inventory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, low_button);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, low_materials_box);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, low_materials_list);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, sku_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, on_hand_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, reserved_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, available_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, value_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, threshold_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcInventoryPage, ledger_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_low_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_apply);

  gtk_widget_class_install_action (widget_class, "inventory.adjust", NULL, adjust_action);
  gtk_widget_class_install_action (widget_class, "inventory.open-product", NULL, open_product_action);
}

static void
cc_inventory_page_init (CcInventoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child, not a bound one: AdwBin unparents it itself,
   * and gtk_widget_dispose_template() would unparent it a second time. */
  self->main_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->items = g_list_store_new (CC_TYPE_STOCK_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  add_column (self, _("Piece"), -1, TRUE);
  add_column (self, _("On Hand"), COLUMN_ON_HAND, FALSE);
  add_column (self, _("Reserved"), COLUMN_RESERVED, FALSE);
  add_column (self, _("Available"), COLUMN_AVAILABLE, FALSE);
  add_column (self, _("Low At"), COLUMN_THRESHOLD, FALSE);
  add_column (self, _("Value"), COLUMN_VALUE, FALSE);

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  show_detail (self);
}

void
cc_inventory_page_set_store (CcInventoryPage *self,
                             CcStore         *store)
{
  g_return_if_fail (CC_IS_INVENTORY_PAGE (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  if (!cc_ui_watch_store (&self->store, store, G_CALLBACK (on_committed), self))
    return;
  /* A page nobody looks at waits for its "map" (a large shop opens fast). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cc_inventory_page_reload (self);
}

guint
cc_inventory_page_get_n_items (CcInventoryPage *self)
{
  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

gboolean
cc_inventory_page_select (CcInventoryPage *self,
                          const char      *product_id,
                          const char      *variant_id)
{
  guint n;

  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcStockRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (row->item->product_id, product_id) == 0 &&
          g_strcmp0 (row->item->variant_id, variant_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
cc_inventory_page_get_on_hand_text (CcInventoryPage *self)
{
  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), NULL);
  if (selected_item (self) == NULL)
    return NULL;
  return gtk_label_get_text (self->on_hand_label);
}

guint
cc_inventory_page_get_n_ledger_rows (CcInventoryPage *self)
{
  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), 0);
  return self->n_ledger_rows;
}

const char *
cc_inventory_page_get_total_text (CcInventoryPage *self)
{
  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), NULL);
  return gtk_label_get_text (self->total_label);
}

void
cc_inventory_page_set_low_only (CcInventoryPage *self,
                                gboolean         low_only)
{
  g_return_if_fail (CC_IS_INVENTORY_PAGE (self));
  gtk_toggle_button_set_active (self->low_button, low_only);
}

gboolean
cc_inventory_page_set_threshold_text (CcInventoryPage *self,
                                      const char      *text)
{
  g_return_val_if_fail (CC_IS_INVENTORY_PAGE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (selected_item (self) == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), text);
  g_signal_emit_by_name (self->threshold_row, "apply");
  return !gtk_widget_get_visible (GTK_WIDGET (self->threshold_error_label));
}
