/* cc-stock-panel.c — the product editor's Stock tab: levels, thresholds, adjustments, ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-stock-adjust-dialog.h"
#include "cc-stock-form.h"
#include "cc-stock-panel.h"
#include "cc-text.h"
#include "cc-ui-util.h"

/* A piece's ledger is short; past this many rows only a count is shown. */
#define LEDGER_ROWS_MAX 200
#define THRESHOLD_MAX G_GINT64_CONSTANT (1000000000)

struct _CcStockPanel
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkWidget           *item_group;
  AdwComboRow         *item_row;
  GtkLabel            *on_hand_label;
  GtkLabel            *reserved_label;
  AdwActionRow        *available_row;
  GtkLabel            *available_label;
  AdwEntryRow         *threshold_row;
  GtkWidget           *threshold_error_row;
  GtkLabel            *threshold_error_label;
  AdwActionRow        *value_row;
  GtkLabel            *value_label;
  GtkListBox          *ledger_list;
  GtkListBox          *batches_list;

  /* borrowed */
  CcStockAdjustDialog *adjust_dialog;   /* weak */

  /* owned */
  CcStore             *store;
  char                *product_id;
  CcProduct           *product;
  char                *main_language;
  GPtrArray           *variants;        /* CcVariant* */
  GPtrArray           *item_ids;        /* parallel to item_row: variant id, NULL the piece */
  GPtrArray           *ledger_texts;    /* as shown, for tests */
  GPtrArray           *batch_texts;
  char                *low_text;        /* the low-stock note, or NULL */

  guint                reload_idle;
  guint                loading : 1;
};

G_DEFINE_FINAL_TYPE (CcStockPanel, cc_stock_panel, ADW_TYPE_BIN)

/* Helpers */

static const char *
selected_item_id (CcStockPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->item_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->item_ids->len)
    return NULL;
  return g_ptr_array_index (self->item_ids, selected);
}

static char *
item_title (CcStockPanel *self)
{
  const char *variant_id = selected_item_id (self);
  const char *title = self->product != NULL ? cc_product_get_title (self->product, self->main_language) : "";

  for (guint i = 0; variant_id != NULL && i < self->variants->len; i++)
    {
      const CcVariant *variant = g_ptr_array_index (self->variants, i);

      if (g_strcmp0 (variant->id, variant_id) == 0)
        {
          g_autofree char *name = cc_ui_variant_name (variant);

          /* TRANSLATORS: a piece's title and one of its variants, "Scarf — Colour: Indigo" */
          return g_strdup_printf (_("%s — %s"), title, name);
        }
    }
  return g_strdup (title);
}

static char *
format_count (gint64 count)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count < 0 ? -count : count);

  /* A typographic minus, as in the ledger. */
  return count < 0 ? g_strconcat ("\xe2\x88\x92", number, NULL) : g_steal_pointer (&number);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
text_row_new (const char *title,
              const char *subtitle,
              const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* Levels */

static void
show_levels (CcStockPanel *self)
{
  const char *variant_id = selected_item_id (self);
  CcStockLevel level;
  g_auto(CcCostBreakdown) cost = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *on_hand = NULL;
  g_autofree char *reserved = NULL;
  g_autofree char *available = NULL;
  g_autofree char *threshold = NULL;

  if (!cc_inventory_get_level (self->store, self->product_id, variant_id, &level, &error))
    {
      g_warning ("Could not read the stock level: %s", error->message);
      memset (&level, 0, sizeof level);
      g_clear_error (&error);
    }
  on_hand = format_count (level.on_hand);
  reserved = format_count (level.reserved);
  available = format_count (level.available);
  gtk_label_set_text (self->on_hand_label, on_hand);
  gtk_label_set_text (self->reserved_label, reserved);
  gtk_label_set_text (self->available_label, available);

  g_clear_pointer (&self->low_text, g_free);
  if (level.low_threshold > 0 && level.available <= level.low_threshold)
    self->low_text = g_strdup_printf (ngettext ("Low: at or below the threshold of %d piece",
                                                "Low: at or below the threshold of %d pieces",
                                                (gulong) level.low_threshold),
                                      (int) level.low_threshold);
  adw_action_row_set_subtitle (self->available_row, self->low_text);
  if (self->low_text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->available_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->available_label), "warning");

  threshold = level.low_threshold > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, level.low_threshold) : g_strdup ("");
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), threshold);
  self->loading = FALSE;

  /* Stock value at cost of goods: unknown stays unknown. */
  if (!cc_materials_recipe_cost (self->store, self->product_id, variant_id, &cost, &error))
    {
      gboolean no_recipe = g_error_matches (error, CC_ERROR, CC_ERROR_NOT_FOUND);

      gtk_label_set_text (self->value_label, no_recipe ? "—" : _("Unknown"));
      adw_action_row_set_subtitle (self->value_row,
                                   no_recipe ? _("No recipe yet: give it one in the Recipe tab")
                                             : error->message);
    }
  else if (cost.total > 0 && level.on_hand > 0 && level.on_hand > CC_MONEY_MAX / cost.total)
    {
      gtk_label_set_text (self->value_label, _("Unknown"));
      adw_action_row_set_subtitle (self->value_row, _("Too large to show"));
    }
  else
    {
      g_autofree char *value = cc_money_format (level.on_hand > 0 ? level.on_hand * cost.total : 0, cost.currency);
      g_autofree char *each = cc_money_format (cost.total, cost.currency);
      /* TRANSLATORS: %s is the cost of goods of one piece */
      g_autofree char *subtitle = g_strdup_printf (_("Pieces on hand at their cost of goods, %s each"), each);

      gtk_label_set_text (self->value_label, value);
      adw_action_row_set_subtitle (self->value_row, subtitle);
    }
}

/* Ledger */

static const char *
lot_code (CcStockPanel *self,
          GHashTable   *batches,
          const char   *batch_id)
{
  CcBatch *batch;

  if (batch_id == NULL)
    return NULL;
  if (!g_hash_table_lookup_extended (batches, batch_id, NULL, (gpointer *) &batch))
    {
      batch = cc_materials_get_batch (self->store, batch_id, NULL);
      g_hash_table_insert (batches, g_strdup (batch_id), batch);
    }
  return batch != NULL ? batch->lot_code : NULL;
}

static gboolean
reason_follows_order (const char *reason)
{
  return g_strcmp0 (reason, "sold") == 0 || g_strcmp0 (reason, "reserved") == 0 ||
         g_strcmp0 (reason, "released") == 0 || g_strcmp0 (reason, "shipped") == 0 ||
         g_strcmp0 (reason, "returned") == 0;
}

static char *
order_number (CcStockPanel *self,
              GHashTable   *orders,
              const char   *order_id)
{
  char *number;

  if (!g_hash_table_lookup_extended (orders, order_id, NULL, (gpointer *) &number))
    {
      g_autoptr(CcOrder) order = cc_orders_get_order (self->store, order_id, NULL);

      number = order != NULL ? g_strdup (order->number) : NULL;
      g_hash_table_insert (orders, g_strdup (order_id), number);
    }
  return g_strdup (number);
}

static void
show_ledger (CcStockPanel *self,
             GPtrArray    *moves,
             GHashTable   *batches)
{
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint shown = 0;

  clear_list (self->ledger_list);
  g_ptr_array_set_size (self->ledger_texts, 0);

  for (guint i = moves->len; i > 0 && shown < LEDGER_ROWS_MAX; i--, shown++)
    {
      const CcStockMove *move = g_ptr_array_index (moves, i - 1);
      g_autofree char *when = cc_stock_format_when (move->hlc);
      g_autofree char *who = cc_stock_format_who (self->store, move->device, move->hlc);
      g_autofree char *delta = cc_stock_format_delta (NULL, move->delta);
      g_autofree char *change = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *title = cc_stock_reason_label (move->reason);
      const char *lot = lot_code (self, batches, move->batch_id);
      GtkWidget *row;

      /* TRANSLATORS: when and on which device a stock change was made */
      g_string_append_printf (subtitle, _("%s, %s"), when, who);
      if (move->ref_id != NULL && reason_follows_order (move->reason))
        {
          g_autofree char *number = order_number (self, orders, move->ref_id);

          if (number != NULL)
            {
              g_string_append (subtitle, " · ");
              /* TRANSLATORS: %s is an order's number, "A1F3-12" */
              g_string_append_printf (subtitle, _("Order %s"), number);
            }
        }
      if (lot != NULL)
        {
          g_string_append (subtitle, " · ");
          /* TRANSLATORS: %s is a batch's lot code, "B-20260314-3F9A" */
          g_string_append_printf (subtitle, _("Lot %s"), lot);
        }
      if (move->note != NULL && *move->note != '\0' && g_strcmp0 (move->note, lot) != 0)
        g_string_append_printf (subtitle, " · %s", move->note);

      /* A reservation is still on hand: its change is to what is available. */
      if (move->bucket == CC_STOCK_RESERVED)
        /* TRANSLATORS: a change to the reserved count, "+1 reserved" */
        change = g_strdup_printf (_("%s reserved"), delta);
      else
        change = g_strdup (delta);

      row = text_row_new (title, subtitle->str, change);
      gtk_list_box_append (self->ledger_list, row);
      g_ptr_array_add (self->ledger_texts, g_strdup_printf ("%s — %s — %s", title, subtitle->str, change));
    }
  if (moves->len > shown)
    {
      guint older = moves->len - shown;
      g_autofree char *text = g_strdup_printf (ngettext ("And %u older change", "And %u older changes", older), older);
      GtkWidget *row = text_row_new (text, NULL, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->ledger_list, row);
    }
}

/* Batches: each lot, and the purchases it used. */

static const CcMaterial *
cached_material (CcStockPanel *self,
                 GHashTable   *materials,
                 const char   *material_id)
{
  CcMaterial *material;

  if (!g_hash_table_lookup_extended (materials, material_id, NULL, (gpointer *) &material))
    {
      material = cc_materials_get_material (self->store, material_id, NULL);
      g_hash_table_insert (materials, g_strdup (material_id), material);
    }
  return material;
}

static const CcPurchase *
cached_purchase (CcStockPanel *self,
                 GHashTable   *purchases,
                 const char   *material_id,
                 const char   *purchase_id)
{
  GPtrArray *list;

  if (!g_hash_table_lookup_extended (purchases, material_id, NULL, (gpointer *) &list))
    {
      list = cc_materials_list_purchases (self->store, material_id, NULL);
      g_hash_table_insert (purchases, g_strdup (material_id), list);
    }
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const CcPurchase *purchase = g_ptr_array_index (list, i);

      if (g_strcmp0 (purchase->id, purchase_id) == 0)
        return purchase;
    }
  return NULL;
}

static char *
describe_source (CcStockPanel     *self,
                 GHashTable       *purchases,
                 GPtrArray        *suppliers,
                 const CcBatchInput *input)
{
  const CcPurchase *purchase;

  if (input->purchase_id == NULL)
    return g_strdup (_("Not covered by any recorded purchase"));
  purchase = cached_purchase (self, purchases, input->material_id, input->purchase_id);
  if (purchase == NULL)
    return g_strdup (_("From a purchase no longer here"));
  for (guint i = 0; suppliers != NULL && purchase->supplier_id != NULL && i < suppliers->len; i++)
    {
      const CcSupplier *supplier = g_ptr_array_index (suppliers, i);

      if (g_strcmp0 (supplier->id, purchase->supplier_id) == 0)
        /* TRANSLATORS: a purchase's date and its supplier's name */
        return g_strdup_printf (_("Bought on %s from %s"), purchase->date, supplier->name);
    }
  /* TRANSLATORS: %s is a purchase's date */
  return g_strdup_printf (_("Bought on %s"), purchase->date);
}

static void
show_batches (CcStockPanel *self,
              GPtrArray    *moves,
              GHashTable   *batches)
{
  g_autoptr(GHashTable) materials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) cc_material_free);
  g_autoptr(GHashTable) purchases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) suppliers = cc_materials_list_suppliers (self->store, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  clear_list (self->batches_list);
  g_ptr_array_set_size (self->batch_texts, 0);

  for (guint i = moves->len; i > 0; i--)
    {
      const CcStockMove *move = g_ptr_array_index (moves, i - 1);
      const CcBatch *batch;
      g_autoptr(GPtrArray) inputs = NULL;
      g_autoptr(GString) text = NULL;
      g_autoptr(GString) subtitle = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (g_strcmp0 (move->reason, "made") != 0 || move->batch_id == NULL ||
          g_hash_table_contains (seen, move->batch_id))
        continue;
      lot_code (self, batches, move->batch_id);
      batch = g_hash_table_lookup (batches, move->batch_id);
      if (batch == NULL)
        continue;
      g_hash_table_add (seen, batch->id);

      /* TRANSLATORS: %s is a batch's lot code */
      title = g_strdup_printf (_("Lot %s"), batch->lot_code);
      subtitle = g_string_new (NULL);
      g_string_append_printf (subtitle, ngettext ("%d made on %s", "%d made on %s", (gulong) batch->quantity),
                              (int) batch->quantity, batch->date);
      if (batch->note != NULL && *batch->note != '\0')
        g_string_append_printf (subtitle, " · %s", batch->note);
      text = g_string_new (NULL);
      g_string_append_printf (text, "%s — %s", title, subtitle->str);

      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);

      inputs = cc_materials_list_batch_inputs (self->store, batch->id, NULL);
      for (guint j = 0; inputs != NULL && j < inputs->len; j++)
        {
          const CcBatchInput *input = g_ptr_array_index (inputs, j);
          const CcMaterial *material = cached_material (self, materials, input->material_id);
          g_autofree char *source = describe_source (self, purchases, suppliers, input);
          g_autofree char *quantity = cc_material_unit_format_quantity (input->quantity,
                                                                        material != NULL ? material->unit : "piece");
          const char *name = material != NULL ? material->name : _("A material no longer here");

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (name, source, quantity));
          g_string_append_printf (text, "\n%s — %s — %s", name, source, quantity);
        }
      if (inputs == NULL || inputs->len == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (_("It used no materials"), NULL, NULL));

      gtk_list_box_append (self->batches_list, row);
      g_ptr_array_add (self->batch_texts, g_string_free (g_steal_pointer (&text), FALSE));
    }
}

/* Loading */

static void
fill_items (CcStockPanel *self)
{
  g_autofree char *keep = g_strdup (selected_item_id (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) own_moves = NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->item_ids, 0);
  for (guint i = 0; i < self->variants->len; i++)
    {
      const CcVariant *variant = g_ptr_array_index (self->variants, i);
      g_autofree char *name = cc_ui_variant_name (variant);

      gtk_string_list_append (names, name);
      g_ptr_array_add (self->item_ids, g_strdup (variant->id));
    }
  /* A piece with variants keeps stock per variant; the piece itself is
   * listed only when something was recorded against it. */
  if (self->variants->len > 0)
    own_moves = cc_inventory_list_moves (self->store, self->product_id, NULL, NULL);
  if (self->variants->len == 0 || (own_moves != NULL && own_moves->len > 0))
    {
      gtk_string_list_append (names, _("The piece itself"));
      g_ptr_array_add (self->item_ids, NULL);
    }
  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->item_ids, i), keep) == 0)
      selected = i;

  self->loading = TRUE;
  adw_combo_row_set_model (self->item_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->item_row, selected);
  self->loading = FALSE;
  gtk_widget_set_visible (self->item_group, self->item_ids->len > 1);
}

static void
show_item (CcStockPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GHashTable) batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) cc_batch_free);

  show_levels (self);
  moves = cc_inventory_list_moves (self->store, self->product_id, selected_item_id (self), &error);
  if (moves == NULL)
    {
      g_warning ("Could not read the stock ledger: %s", error->message);
      moves = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_stock_move_free);
    }
  show_ledger (self, moves, batches);
  show_batches (self, moves, batches);
}

static void
reload (CcStockPanel *self)
{

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store == NULL || self->product_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "unsaved");
      return;
    }

  cc_ui_load_piece (self->store, self->product_id, &self->product, &self->variants, &self->main_language);

  fill_items (self);
  show_item (self);
  gtk_stack_set_visible_child_name (self->stack, "stock");
}

static void
on_store_committed (CcStockPanel *self)
{
  cc_ui_reload_soon (&self->reload_idle, (CcUiReloadFunc) reload, self);
}

static void
on_item_selected (CcStockPanel *self)
{
  if (self->loading || self->store == NULL || self->product_id == NULL)
    return;
  gtk_widget_set_visible (self->threshold_error_row, FALSE);
  show_item (self);
}

/* Threshold */

static void
show_threshold_error (CcStockPanel *self,
                      const char   *message)
{
  gtk_label_set_text (self->threshold_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->threshold_error_row, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->threshold_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->threshold_row), "error");
}

static gboolean
apply_threshold (CcStockPanel *self)
{
  g_autofree char *text = cc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->threshold_row)));
  g_autoptr(GError) error = NULL;
  gint64 threshold = 0;

  if (text == NULL)
    {
      show_threshold_error (self, _("Enter a whole number of pieces, like 3, or leave it empty for none"));
      return FALSE;
    }
  g_strstrip (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit < 0 || threshold > THRESHOLD_MAX)
        {
          show_threshold_error (self, digit < 0
                                ? _("Enter a whole number of pieces, like 3, or leave it empty for none")
                                : _("That is more than CraftChain can store"));
          return FALSE;
        }
      threshold = threshold * 10 + digit;
    }
  if (threshold > THRESHOLD_MAX)
    {
      show_threshold_error (self, _("That is more than CraftChain can store"));
      return FALSE;
    }
  if (!cc_inventory_set_threshold (self->store, self->product_id, selected_item_id (self), threshold, &error))
    {
      show_threshold_error (self, error->message);
      return FALSE;
    }
  show_threshold_error (self, NULL);
  show_levels (self);
  return TRUE;
}

static void
on_threshold_apply (CcStockPanel *self)
{
  apply_threshold (self);
}

static void
on_threshold_changed (CcStockPanel *self)
{
  if (!self->loading)
    show_threshold_error (self, NULL);
}

/* Adjust */

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcStockPanel *self = CC_STOCK_PANEL (widget);
  g_autofree char *title = NULL;
  GtkRoot *root;

  if (self->store == NULL || self->product_id == NULL)
    return;
  if (self->adjust_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->adjust_dialog));
      return;
    }
  title = item_title (self);
  root = gtk_widget_get_root (widget);
  g_set_weak_pointer (&self->adjust_dialog,
                      cc_stock_adjust_dialog_new_for_item (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           self->store, self->product_id,
                                                           selected_item_id (self), title));
  /* The ledger follows through the store's "committed". */
  gtk_window_present (GTK_WINDOW (self->adjust_dialog));
}

/* GObject */

static void
cc_stock_panel_dispose (GObject *object)
{
  CcStockPanel *self = (CcStockPanel *)object;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_committed, self);
  if (self->adjust_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->adjust_dialog));
  g_clear_weak_pointer (&self->adjust_dialog);
  /* The stack is AdwBin's child and a template child: gtk_widget_dispose_template()
   * frees it while AdwBin still points at it, so AdwBin lets go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_STOCK_PANEL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->product, cc_product_free);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  g_clear_pointer (&self->ledger_texts, g_ptr_array_unref);
  g_clear_pointer (&self->batch_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_stock_panel_parent_class)->dispose (object);
}

static void
cc_stock_panel_finalize (GObject *object)
{
  CcStockPanel *self = (CcStockPanel *)object;

  g_free (self->product_id);
  g_free (self->main_language);
  g_free (self->low_text);

  G_OBJECT_CLASS (cc_stock_panel_parent_class)->finalize (object);
}

static void
cc_stock_panel_class_init (CcStockPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_stock_panel_dispose;
  object_class->finalize = cc_stock_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-stock-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, item_group);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, item_row);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, on_hand_label);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, reserved_label);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, available_row);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, available_label);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, threshold_error_row);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, threshold_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, value_row);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, value_label);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, CcStockPanel, batches_list);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_apply);

  gtk_widget_class_install_action (widget_class, "stock.adjust", NULL, adjust_action);
}

static void
cc_stock_panel_init (CcStockPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_variant_free);
  self->item_ids = g_ptr_array_new_with_free_func (g_free);
  self->ledger_texts = g_ptr_array_new_with_free_func (g_free);
  self->batch_texts = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (self->item_row, "notify::selected", G_CALLBACK (on_item_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->threshold_row, "changed", G_CALLBACK (on_threshold_changed), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "unsaved");
}

/* Public */

void
cc_stock_panel_set_product (CcStockPanel *self,
                            CcStore      *store,
                            const char   *product_id)
{
  g_return_if_fail (CC_IS_STOCK_PANEL (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  cc_ui_watch_store (&self->store, store, G_CALLBACK (on_store_committed), self);
  if (g_strcmp0 (self->product_id, product_id) != 0)
    {
      g_free (self->product_id);
      self->product_id = g_strdup (product_id);
      g_ptr_array_set_size (self->item_ids, 0);
    }
  reload (self);
}

const char *
cc_stock_panel_get_page_name (CcStockPanel *self)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
cc_stock_panel_select_item (CcStockPanel *self,
                            const char   *variant_id)
{
  g_return_if_fail (CC_IS_STOCK_PANEL (self));

  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->item_ids, i), variant_id) == 0)
      {
        adw_combo_row_set_selected (self->item_row, i);
        return;
      }
  g_critical ("The stock tab lists no item “%s”", variant_id);
}

const char *
cc_stock_panel_get_level_text (CcStockPanel *self,
                               const char   *which)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);
  g_return_val_if_fail (which != NULL, NULL);

  if (g_str_equal (which, "on-hand"))
    return gtk_label_get_text (self->on_hand_label);
  if (g_str_equal (which, "reserved"))
    return gtk_label_get_text (self->reserved_label);
  if (g_str_equal (which, "available"))
    return gtk_label_get_text (self->available_label);
  if (g_str_equal (which, "value"))
    return gtk_label_get_text (self->value_label);
  if (g_str_equal (which, "low"))
    return self->low_text;
  g_critical ("The stock tab shows no level “%s”", which);
  return NULL;
}

gboolean
cc_stock_panel_set_threshold (CcStockPanel *self,
                              const char   *text)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), FALSE);
  g_return_val_if_fail (self->product_id != NULL, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), text != NULL ? text : "");
  return apply_threshold (self);
}

const char *
cc_stock_panel_get_threshold_error (CcStockPanel *self)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);
  return gtk_widget_get_visible (self->threshold_error_row) ? gtk_label_get_text (self->threshold_error_label) : NULL;
}

CcStockAdjustDialog *
cc_stock_panel_open_adjust (CcStockPanel *self)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "stock.adjust", NULL);
  return self->adjust_dialog;
}

guint
cc_stock_panel_get_n_ledger_rows (CcStockPanel *self)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), 0);
  return self->ledger_texts->len;
}

const char *
cc_stock_panel_get_ledger_row (CcStockPanel *self,
                               guint         index)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);
  g_return_val_if_fail (index < self->ledger_texts->len, NULL);
  return g_ptr_array_index (self->ledger_texts, index);
}

guint
cc_stock_panel_get_n_batches (CcStockPanel *self)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), 0);
  return self->batch_texts->len;
}

const char *
cc_stock_panel_get_batch (CcStockPanel *self,
                          guint         index)
{
  g_return_val_if_fail (CC_IS_STOCK_PANEL (self), NULL);
  g_return_val_if_fail (index < self->batch_texts->len, NULL);
  return g_ptr_array_index (self->batch_texts, index);
}
