/* cc-quick-sale-window.c — a sale at a market stall in a few taps: pieces, payment, receipt.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-money.h"
#include "cc-order-documents.h"
#include "cc-orders.h"
#include "cc-quick-sale-window.h"

#define MAX_QUANTITY 100000

typedef struct
{
  CcPiece *piece;
  gint64   quantity;
} CartLine;

struct _CcQuickSaleWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  CcPiecePicker   *picker;
  GtkListBox      *cart_list;
  GtkLabel        *total_label;
  GtkLabel        *tax_label;
  GtkToggleButton *cash_button;
  GtkToggleButton *card_button;
  GtkToggleButton *upi_button;
  GtkBox          *cash_box;
  GtkEntry        *received_entry;
  GtkLabel        *change_label;
  GtkLabel        *error_label;
  AdwStatusPage   *done_page;

  /* owned */
  CcStore         *store;
  GPtrArray       *cart;        /* CartLine* */
  char            *currency;
  gint64           tax_rate_bp;
  gboolean         tax_inclusive;
  char            *order_id;    /* the sale just completed */
  char            *order_number;
  GCancellable    *cancellable;
  guint            busy;
};

G_DEFINE_FINAL_TYPE (CcQuickSaleWindow, cc_quick_sale_window, ADW_TYPE_WINDOW)

static void
cart_line_free (CartLine *line)
{
  cc_piece_free (line->piece);
  g_free (line);
}

static void
show_error (CcQuickSaleWindow *self,
            const char        *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static const char *
selected_method (CcQuickSaleWindow *self)
{
  if (gtk_toggle_button_get_active (self->card_button))
    return "card";
  if (gtk_toggle_button_get_active (self->upi_button))
    return "upi";
  return "cash";
}

/* The sale as core will write it: the shop's tax, catalogue prices. */
static CcOrder *
build_draft (CcQuickSaleWindow *self)
{
  CcOrder *draft = cc_order_new ();

  draft->currency = g_strdup (self->currency);
  draft->tax_rate_bp = self->tax_rate_bp;
  draft->tax_inclusive = self->tax_inclusive;
  for (guint i = 0; i < self->cart->len; i++)
    {
      CartLine *cart_line = g_ptr_array_index (self->cart, i);
      CcOrderLine *line = cc_order_line_new (cart_line->piece->product_id,
                                             cart_line->piece->variant_id,
                                             cart_line->quantity);

      line->unit_price = cart_line->piece->price;
      line->position = i;
      g_ptr_array_add (draft->lines, line);
    }
  return draft;
}

static gint64
current_total (CcQuickSaleWindow *self,
               CcOrderTotals     *out)
{
  g_autoptr(CcOrder) draft = build_draft (self);

  cc_order_compute_totals (draft, out);
  return out->total;
}

static void
update_figures (CcQuickSaleWindow *self)
{
  CcOrderTotals totals;
  gint64 total = current_total (self, &totals);
  g_autofree char *total_text = cc_money_format (total, self->currency);
  g_autofree char *tax_text = NULL;
  g_autofree char *received_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->received_entry))));
  gboolean cash = g_str_equal (selected_method (self), "cash");
  gint64 received;

  gtk_label_set_text (self->total_label, total_text);
  if (totals.tax > 0)
    {
      g_autofree char *tax = cc_money_format (totals.tax, self->currency);

      tax_text = g_strdup_printf (self->tax_inclusive ? _("Includes %s tax") : _("With %s tax"), tax);
    }
  gtk_label_set_text (self->tax_label, tax_text ? tax_text : "");

  gtk_widget_set_visible (GTK_WIDGET (self->cash_box), cash);
  gtk_label_set_text (self->change_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->received_entry), "error");
  if (cash && *received_text != '\0')
    {
      if (!cc_money_parse (received_text, self->currency, &received, NULL))
        gtk_widget_add_css_class (GTK_WIDGET (self->received_entry), "error");
      else if (received >= total && self->cart->len > 0)
        {
          g_autofree char *change = cc_money_format (received - total, self->currency);
          g_autofree char *text = g_strdup_printf (_("Change %s"), change);

          gtk_label_set_text (self->change_label, text);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.complete", self->cart->len > 0);
}

static void
on_minus_clicked (GtkButton         *button,
                  CcQuickSaleWindow *self)
{
  CartLine *line = g_object_get_data (G_OBJECT (button), "cc-cart-line");
  guint index;

  if (g_ptr_array_find (self->cart, line, &index))
    cc_quick_sale_window_set_quantity (self, index, line->quantity - 1);
}

static void
on_plus_clicked (GtkButton         *button,
                 CcQuickSaleWindow *self)
{
  CartLine *line = g_object_get_data (G_OBJECT (button), "cc-cart-line");
  guint index;

  if (g_ptr_array_find (self->cart, line, &index))
    cc_quick_sale_window_set_quantity (self, index, line->quantity + 1);
}

static GtkWidget *
create_cart_row (CcQuickSaleWindow *self,
                 CartLine          *line)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *minus = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GtkWidget *plus = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *quantity_text = g_strdup_printf ("%lld", (long long)line->quantity);
  GtkWidget *quantity = gtk_label_new (quantity_text);
  g_autofree char *unit = cc_money_format (line->piece->price, self->currency);
  g_autofree char *amount_text = cc_money_format (line->piece->price * line->quantity, self->currency);
  GtkWidget *amount = gtk_label_new (amount_text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->piece->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), unit);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (minus, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (plus, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (minus, "circular");
  gtk_widget_add_css_class (plus, "circular");
  gtk_widget_set_tooltip_text (minus, _("One fewer"));
  gtk_widget_set_tooltip_text (plus, _("One more"));
  g_object_set_data (G_OBJECT (minus), "cc-cart-line", line);
  g_object_set_data (G_OBJECT (plus), "cc-cart-line", line);
  g_signal_connect_object (minus, "clicked", G_CALLBACK (on_minus_clicked), self, 0);
  g_signal_connect_object (plus, "clicked", G_CALLBACK (on_plus_clicked), self, 0);
  gtk_widget_set_size_request (quantity, 28, -1);
  gtk_widget_add_css_class (quantity, "numeric");
  gtk_widget_add_css_class (amount, "numeric");
  gtk_label_set_xalign (GTK_LABEL (amount), 1);
  gtk_widget_set_size_request (amount, 90, -1);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), minus);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), quantity);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), plus);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  return row;
}

static void
rebuild_cart (CcQuickSaleWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cart_list))) != NULL)
    gtk_list_box_remove (self->cart_list, child);
  for (guint i = 0; i < self->cart->len; i++)
    gtk_list_box_append (self->cart_list, create_cart_row (self, g_ptr_array_index (self->cart, i)));
  update_figures (self);
}

static void
on_piece_picked (CcQuickSaleWindow *self,
                 const char        *product_id,
                 const char        *variant_id)
{
  cc_quick_sale_window_add_piece (self, product_id, variant_id);
}

static void
on_method_toggled (CcQuickSaleWindow *self)
{
  show_error (self, NULL);
  update_figures (self);
}

static void
on_received_changed (CcQuickSaleWindow *self)
{
  show_error (self, NULL);
  update_figures (self);
}

static void
on_received_activate (CcQuickSaleWindow *self)
{
  cc_quick_sale_window_complete (self);
}

/* Completing */

gboolean
cc_quick_sale_window_complete (CcQuickSaleWindow *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *received_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *description = NULL;
  const char *method = selected_method (self);
  gint64 amount = -1;
  gint64 change = 0;
  CcOrderTotals totals;
  gint64 total;

  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), FALSE);

  show_error (self, NULL);
  if (self->cart->len == 0)
    {
      show_error (self, _("Tap a piece to add it to the sale"));
      return FALSE;
    }
  total = current_total (self, &totals);
  received_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->received_entry))));
  if (g_str_equal (method, "cash") && *received_text != '\0')
    {
      gint64 received;

      if (!cc_money_parse (received_text, self->currency, &received, &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->received_entry), "error");
          show_error (self, error->message);
          return FALSE;
        }
      if (received < total)
        {
          g_autofree char *due = cc_money_format (total, self->currency);
          g_autofree char *text = g_strdup_printf (_("The cash received is less than the total of %s"), due);

          gtk_widget_add_css_class (GTK_WIDGET (self->received_entry), "error");
          show_error (self, text);
          return FALSE;
        }
      change = received - total;
      amount = received;
    }

  for (guint i = 0; i < self->cart->len; i++)
    {
      CartLine *cart_line = g_ptr_array_index (self->cart, i);
      CcOrderLine *line = cc_order_line_new (cart_line->piece->product_id,
                                             cart_line->piece->variant_id,
                                             cart_line->quantity);

      line->unit_price = cart_line->piece->price;
      g_ptr_array_add (lines, line);
    }
  if (!cc_orders_quick_sale (self->store, lines, method, amount, &order_id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  order = cc_orders_get_order (self->store, order_id, NULL);
  g_free (self->order_id);
  self->order_id = g_steal_pointer (&order_id);
  g_free (self->order_number);
  self->order_number = g_strdup (order ? order->number : self->order_id);

  if (order != NULL)
    cc_order_compute_totals (order, &totals);
  total_text = cc_money_format (totals.total, self->currency);
  if (change > 0)
    {
      g_autofree char *change_text = cc_money_format (change, self->currency);

      /* TRANSLATORS: order number, total, change to give back. */
      description = g_strdup_printf (_("Order %s · %s paid · give %s change"),
                                     self->order_number, total_text, change_text);
    }
  else
    /* TRANSLATORS: order number, total. */
    description = g_strdup_printf (_("Order %s · %s paid"), self->order_number, total_text);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "done");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.save-receipt", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.print-receipt", TRUE);
  return TRUE;
}

void
cc_quick_sale_window_new_sale (CcQuickSaleWindow *self)
{
  g_return_if_fail (CC_IS_QUICK_SALE_WINDOW (self));

  g_ptr_array_set_size (self->cart, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->received_entry), "");
  gtk_toggle_button_set_active (self->cash_button, TRUE);
  show_error (self, NULL);
  rebuild_cart (self);
  cc_piece_picker_set_search_text (self->picker, "");
  gtk_stack_set_visible_child_name (self->main_stack, "sale");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.save-receipt", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.print-receipt", FALSE);
  cc_piece_picker_focus_search (self->picker);
}

/* Receipt */

static void
set_busy (CcQuickSaleWindow *self,
          gboolean           busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
}

static void
on_receipt_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(CcQuickSaleWindow) self = data;

  set_busy (self, FALSE);
  cc_order_documents_report_saved (CC_STORE (source), result, self->toast_overlay);
}

void
cc_quick_sale_window_save_receipt (CcQuickSaleWindow *self,
                                   const char        *path)
{
  g_return_if_fail (CC_IS_QUICK_SALE_WINDOW (self));
  g_return_if_fail (self->order_id != NULL);
  g_return_if_fail (path != NULL);

  set_busy (self, TRUE);
  cc_order_documents_save_async (self->store, self->order_id, CC_DOCUMENT_RECEIPT, path,
                                 self->cancellable, on_receipt_saved, g_object_ref (self));
}

gboolean
cc_quick_sale_window_is_busy (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), FALSE);
  return self->busy > 0;
}

static void
save_receipt_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcQuickSaleWindow *self = CC_QUICK_SALE_WINDOW (widget);

  if (self->order_id == NULL)
    return;
  set_busy (self, TRUE);
  cc_order_documents_choose_and_save (GTK_WINDOW (self), self->store, self->order_id,
                                      self->order_number, CC_DOCUMENT_RECEIPT, self->cancellable,
                                      on_receipt_saved, g_object_ref (self));
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CcQuickSaleWindow) self = data;

  set_busy (self, FALSE);
  cc_order_documents_report_printed (CC_STORE (source), result, self->toast_overlay);
}

static void
print_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CcQuickSaleWindow *self = CC_QUICK_SALE_WINDOW (widget);

  if (self->order_id == NULL)
    return;
  set_busy (self, TRUE);
  cc_order_documents_print_async (GTK_WINDOW (self), self->store, self->order_id,
                                  self->order_number, CC_DOCUMENT_RECEIPT, self->cancellable,
                                  on_printed, g_object_ref (self));
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cc_quick_sale_window_complete (CC_QUICK_SALE_WINDOW (widget));
}

static void
new_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cc_quick_sale_window_new_sale (CC_QUICK_SALE_WINDOW (widget));
}

/* Life cycle */

static void
cc_quick_sale_window_dispose (GObject *object)
{
  CcQuickSaleWindow *self = CC_QUICK_SALE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_QUICK_SALE_WINDOW);
  g_clear_pointer (&self->cart, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cc_quick_sale_window_parent_class)->dispose (object);
}

static void
cc_quick_sale_window_finalize (GObject *object)
{
  CcQuickSaleWindow *self = CC_QUICK_SALE_WINDOW (object);

  g_free (self->currency);
  g_free (self->order_id);
  g_free (self->order_number);
  G_OBJECT_CLASS (cc_quick_sale_window_parent_class)->finalize (object);
}

static void
cc_quick_sale_window_class_init (CcQuickSaleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_quick_sale_window_dispose;
  object_class->finalize = cc_quick_sale_window_finalize;

  g_type_ensure (CC_TYPE_PIECE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-quick-sale-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, picker);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, cart_list);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, tax_label);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, cash_button);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, card_button);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, upi_button);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, cash_box);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, received_entry);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, change_label);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CcQuickSaleWindow, done_page);
  gtk_widget_class_bind_template_callback (widget_class, on_piece_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_method_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_received_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_received_activate);

  gtk_widget_class_install_action (widget_class, "sale.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "sale.new", NULL, new_sale_action);
  gtk_widget_class_install_action (widget_class, "sale.save-receipt", NULL, save_receipt_action);
  gtk_widget_class_install_action (widget_class, "sale.print-receipt", NULL, print_receipt_action);
}

static void
cc_quick_sale_window_init (CcQuickSaleWindow *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cart = g_ptr_array_new_with_free_func ((GDestroyNotify)cart_line_free);
  self->cancellable = g_cancellable_new ();

  placeholder = gtk_label_new (_("Tap a piece on the left to add it"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->cart_list, placeholder);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.save-receipt", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sale.print-receipt", FALSE);
}

CcQuickSaleWindow *
cc_quick_sale_window_new (GtkWindow *parent,
                          CcStore   *store)
{
  CcQuickSaleWindow *self;
  g_autofree char *rate = NULL;
  g_autofree char *inclusive = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_QUICK_SALE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->currency = cc_store_dup_setting (store, "currency", "INR");
  rate = cc_store_dup_setting (store, "tax-rate-bp", "0");
  inclusive = cc_store_dup_setting (store, "tax-inclusive", "false");
  self->tax_rate_bp = CLAMP (g_ascii_strtoll (rate, NULL, 10), 0, 10000);
  self->tax_inclusive = g_strcmp0 (inclusive, "true") == 0 || g_strcmp0 (inclusive, "1") == 0;
  cc_piece_picker_set_store (self->picker, store);
  update_figures (self);
  cc_piece_picker_focus_search (self->picker);
  return self;
}

CcPiecePicker *
cc_quick_sale_window_get_picker (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), NULL);
  return self->picker;
}

guint
cc_quick_sale_window_add_piece (CcQuickSaleWindow *self,
                                const char        *product_id,
                                const char        *variant_id)
{
  g_autoptr(GError) error = NULL;
  CartLine *line;
  CcPiece *piece;

  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), G_MAXUINT);
  g_return_val_if_fail (product_id != NULL, G_MAXUINT);

  show_error (self, NULL);
  for (guint i = 0; i < self->cart->len; i++)
    {
      line = g_ptr_array_index (self->cart, i);
      if (g_strcmp0 (line->piece->product_id, product_id) == 0 &&
          g_strcmp0 (line->piece->variant_id, variant_id) == 0)
        {
          cc_quick_sale_window_set_quantity (self, i, line->quantity + 1);
          return i;
        }
    }
  piece = cc_piece_lookup (self->store, product_id, variant_id, &error);
  if (piece == NULL)
    {
      show_error (self, error->message);
      return G_MAXUINT;
    }
  if (g_strcmp0 (piece->currency, self->currency) != 0)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is priced in %s and the shop sells in %s"),
                                               piece->title, piece->currency, self->currency);

      show_error (self, text);
      cc_piece_free (piece);
      return G_MAXUINT;
    }
  line = g_new0 (CartLine, 1);
  line->piece = piece;
  line->quantity = 1;
  g_ptr_array_add (self->cart, line);
  rebuild_cart (self);
  return self->cart->len - 1;
}

guint
cc_quick_sale_window_get_n_lines (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), 0);
  return self->cart->len;
}

void
cc_quick_sale_window_set_quantity (CcQuickSaleWindow *self,
                                   guint              index,
                                   gint64             quantity)
{
  CartLine *line;

  g_return_if_fail (CC_IS_QUICK_SALE_WINDOW (self));
  g_return_if_fail (index < self->cart->len);

  line = g_ptr_array_index (self->cart, index);
  if (quantity <= 0)
    g_ptr_array_remove_index (self->cart, index);
  else
    line->quantity = MIN (quantity, MAX_QUANTITY);
  rebuild_cart (self);
}

void
cc_quick_sale_window_set_method (CcQuickSaleWindow *self,
                                 const char        *method)
{
  g_return_if_fail (CC_IS_QUICK_SALE_WINDOW (self));

  if (g_strcmp0 (method, "card") == 0)
    gtk_toggle_button_set_active (self->card_button, TRUE);
  else if (g_strcmp0 (method, "upi") == 0)
    gtk_toggle_button_set_active (self->upi_button, TRUE);
  else
    gtk_toggle_button_set_active (self->cash_button, TRUE);
}

void
cc_quick_sale_window_set_received_text (CcQuickSaleWindow *self,
                                        const char        *text)
{
  g_return_if_fail (CC_IS_QUICK_SALE_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->received_entry), text ? text : "");
}

const char *
cc_quick_sale_window_get_total_text (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), NULL);
  return gtk_label_get_text (self->total_label);
}

const char *
cc_quick_sale_window_get_change_text (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), NULL);
  return gtk_label_get_text (self->change_label);
}

const char *
cc_quick_sale_window_get_order_id (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), NULL);
  return self->order_id;
}

const char *
cc_quick_sale_window_get_error_text (CcQuickSaleWindow *self)
{
  g_return_val_if_fail (CC_IS_QUICK_SALE_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
