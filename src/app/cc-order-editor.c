/* cc-order-editor.c — the window where a maker writes up an order, moves it along and prints its papers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cc-customer-editor.h"
#include "cc-money.h"
#include "cc-order-documents.h"
#include "cc-order-editor.h"

#define MAX_QUANTITY 100000
#define MAX_TAX_BP   10000

static const char * const payment_methods[] = { "cash", "card", "upi", "bank", "other" };

/* One line as the editor holds it: written at Save. */
typedef struct
{
  char          *line_id;      /* NULL: new, or changed since it was stored */
  CcPiece       *piece;
  gint64         quantity;
  gint64         unit_price;
  gboolean       price_valid;

  /* widgets, owned by the list */
  GtkWidget     *row;
  GtkSpinButton *spin;
  GtkEntry      *price_entry;
  GtkLabel      *amount_label;
} LineItem;

struct _CcOrderEditor
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *documents_button;
  GtkButton            *save_button;
  GtkLabel             *status_label;
  GtkLabel             *payment_label;
  GtkButton            *confirm_button;
  GtkButton            *ship_button;
  GtkButton            *deliver_button;
  GtkButton            *return_button;
  GtkButton            *cancel_order_button;
  GtkLabel             *error_label;
  GtkBox               *warnings_box;
  GtkLabel             *warnings_label;
  AdwComboRow          *customer_row;
  GtkMenuButton        *add_button;
  GtkPopover           *add_popover;
  CcPiecePicker        *picker;
  GtkListBox           *lines_list;
  AdwEntryRow          *discount_row;
  AdwEntryRow          *shipping_row;
  AdwEntryRow          *tax_row;
  AdwActionRow         *tax_inclusive_row;
  GtkSwitch            *tax_inclusive_switch;
  GtkLabel             *charges_error_label;
  AdwPreferencesGroup  *totals_group;
  GtkListBox           *payments_list;
  AdwComboRow          *method_row;
  AdwEntryRow          *amount_row;
  AdwEntryRow          *date_row;
  GtkLabel             *payment_error_label;
  GtkTextView          *notes_view;

  /* made in init */
  GtkLabel             *figure_labels[CC_ORDER_N_FIGURES];
  AdwActionRow         *figure_rows[CC_ORDER_N_FIGURES];

  /* owned */
  CcStore              *store;
  CcOrder              *order;         /* as stored; id NULL while new */
  GPtrArray            *items;         /* LineItem* */
  GPtrArray            *customer_ids;  /* char*, [0] NULL: walk-in */
  char                 *currency;
  GCancellable         *cancellable;
  guint                 refresh_source;
  guint                 busy;
  gboolean              dirty;
  guint                 loading;       /* filling widgets: no edits */
};

G_DEFINE_FINAL_TYPE (CcOrderEditor, cc_order_editor, ADW_TYPE_WINDOW)

static void line_item_free (LineItem *item);
static void rebuild_lines (CcOrderEditor *self);
static void update_totals (CcOrderEditor *self);

/* Small helpers */

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_error (CcOrderEditor *self,
            const char    *text)
{
  show_label (self->error_label, text);
}

static char *
dup_entry_text (gpointer editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));

  return g_strstrip (g_steal_pointer (&text));
}

static void
set_field_error (gpointer widget,
                 gboolean  error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

/* Money typed into a field; empty is zero. */
static gboolean
parse_amount (const char  *text,
              const char  *currency,
              gint64      *out,
              GError     **error)
{
  if (text == NULL || *text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  return cc_money_parse (text, currency, out, error);
}

/* "18", "18.5", "12.25" percent to basis points. */
static gboolean
parse_tax_rate (const char *text,
                gint64     *out_bp)
{
  const char *p = text;
  gint64 whole = 0, frac = 0;
  int frac_digits = 0;

  if (text == NULL || *text == '\0')
    {
      *out_bp = 0;
      return TRUE;
    }
  if (g_str_has_suffix (text, "%"))
    {
      g_autofree char *copy = g_strndup (text, strlen (text) - 1);

      return parse_tax_rate (g_strstrip (copy), out_bp);
    }
  for (; g_ascii_isdigit (*p) && whole <= MAX_TAX_BP; p++)
    whole = whole * 10 + (*p - '0');
  if (p == text)
    return FALSE;
  if (*p == '.' || *p == ',')
    for (p++; g_ascii_isdigit (*p) && frac_digits < 2; p++, frac_digits++)
      frac = frac * 10 + (*p - '0');
  if (*p != '\0')
    return FALSE;
  if (frac_digits == 1)
    frac *= 10;
  *out_bp = whole * 100 + frac;
  return *out_bp <= MAX_TAX_BP;
}

static char *
format_tax_rate (gint64 bp)
{
  if (bp % 100 == 0)
    return g_strdup_printf ("%lld", (long long)(bp / 100));
  return g_strdup_printf ("%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100));
}

static const char *
payment_method_label (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (method, "card") == 0)
    return _("Card");
  if (g_strcmp0 (method, "upi") == 0)
    return _("UPI");
  if (g_strcmp0 (method, "bank") == 0)
    return _("Bank Transfer");
  return _("Other");
}

static const char *
payment_state_label (CcPaymentState state)
{
  switch (state)
    {
    case CC_PAYMENT_PAID:
      return _("Paid");
    case CC_PAYMENT_PARTLY_PAID:
      return _("Partly paid");
    case CC_PAYMENT_UNPAID:
    default:
      return _("Unpaid");
    }
}

static const char *
status_css_class (CcOrderStatus status)
{
  switch (status)
    {
    case CC_ORDER_PENDING:
      return "draft";
    case CC_ORDER_CANCELLED:
    case CC_ORDER_RETURNED:
      return "archived";
    case CC_ORDER_CONFIRMED:
    case CC_ORDER_SHIPPED:
    case CC_ORDER_DELIVERED:
    default:
      return NULL;
    }
}

static void
style_status_label (GtkLabel      *label,
                    CcOrderStatus  status)
{
  const char *css = status_css_class (status);

  gtk_label_set_text (label, cc_order_status_get_label (status));
  gtk_widget_remove_css_class (GTK_WIDGET (label), "draft");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "archived");
  gtk_widget_add_css_class (GTK_WIDGET (label), "status-pill");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css);
}

static char *
dup_date_text (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x");
}

GtkWidget *
cc_order_row_new (const CcOrder *order,
                  const char    *customer_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *total_label;
  CcOrderTotals totals;
  g_autofree char *date = dup_date_text (order->created);
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint pieces = 0;

  g_return_val_if_fail (order != NULL, NULL);

  cc_order_compute_totals (order, &totals);
  for (guint i = 0; i < order->lines->len; i++)
    pieces += ((CcOrderLine *)g_ptr_array_index (order->lines, i))->quantity;

  title = g_strdup_printf ("%s · %s", order->number ? order->number : "",
                           customer_name != NULL ? customer_name : _("Walk-in"));
  subtitle = g_strdup_printf (ngettext ("%s · %u piece · %s", "%s · %u pieces · %s", pieces),
                              date, pieces, payment_state_label (totals.payment_state));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  style_status_label (GTK_LABEL (status), order->status);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  total = cc_money_format (totals.total, order->currency);
  total_label = gtk_label_new (total);
  gtk_widget_add_css_class (total_label, "numeric");
  gtk_widget_add_css_class (total_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (total_label), 1);
  gtk_widget_set_size_request (total_label, 110, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), total_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

/* The order as it would be written now: the stored one with the edits. */

static gboolean
editable_lines (CcOrderEditor *self)
{
  return self->order->status == CC_ORDER_PENDING;
}

static CcOrder *
build_draft (CcOrderEditor *self)
{
  CcOrder *draft = cc_order_new ();
  guint selected = adw_combo_row_get_selected (self->customer_row);
  g_autofree char *discount = dup_entry_text (self->discount_row);
  g_autofree char *shipping = dup_entry_text (self->shipping_row);
  g_autofree char *tax = dup_entry_text (self->tax_row);
  GtkTextIter start, end;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);

  draft->id = g_strdup (self->order->id);
  draft->number = g_strdup (self->order->number);
  draft->status = self->order->status;
  draft->created = g_strdup (self->order->created);
  draft->currency = g_strdup (self->currency);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->customer_ids->len)
    draft->customer_id = g_strdup (g_ptr_array_index (self->customer_ids, selected));
  if (!parse_amount (discount, self->currency, &draft->discount, NULL))
    draft->discount = 0;
  if (!parse_amount (shipping, self->currency, &draft->shipping, NULL))
    draft->shipping = 0;
  if (self->order->id == NULL)
    {
      if (!parse_tax_rate (tax, &draft->tax_rate_bp))
        draft->tax_rate_bp = 0;
      draft->tax_inclusive = gtk_switch_get_active (self->tax_inclusive_switch);
    }
  else
    {
      draft->tax_rate_bp = self->order->tax_rate_bp;
      draft->tax_inclusive = self->order->tax_inclusive;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  draft->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      LineItem *item = g_ptr_array_index (self->items, i);
      CcOrderLine *line = cc_order_line_new (item->piece->product_id, item->piece->variant_id, item->quantity);

      line->id = g_strdup (item->line_id);
      line->unit_price = item->price_valid ? item->unit_price : 0;
      line->position = i;
      g_ptr_array_add (draft->lines, line);
    }
  for (guint i = 0; i < self->order->payments->len; i++)
    {
      CcPayment *stored = g_ptr_array_index (self->order->payments, i);
      CcPayment *payment = g_new0 (CcPayment, 1);

      payment->id = g_strdup (stored->id);
      payment->method = g_strdup (stored->method);
      payment->amount = stored->amount;
      payment->date = g_strdup (stored->date);
      g_ptr_array_add (draft->payments, payment);
    }
  return draft;
}

/* Status and buttons */

static void
update_state (CcOrderEditor *self)
{
  CcOrderStatus status = self->order->status;
  gboolean saved = self->order->id != NULL;
  gboolean lines = editable_lines (self);
  g_autofree char *title = NULL;

  if (saved)
    title = g_strdup_printf (_("Order %s"), self->order->number);
  else
    title = g_strdup (_("New Order"));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_subtitle (self->window_title, saved ? cc_order_status_get_label (status) : NULL);
  style_status_label (self->status_label, status);

  /* Only the moves the order can make are offered. */
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), cc_order_status_can_change (status, CC_ORDER_CONFIRMED));
  gtk_widget_set_visible (GTK_WIDGET (self->ship_button), cc_order_status_can_change (status, CC_ORDER_SHIPPED));
  gtk_widget_set_visible (GTK_WIDGET (self->deliver_button), cc_order_status_can_change (status, CC_ORDER_DELIVERED));
  gtk_widget_set_visible (GTK_WIDGET (self->return_button), cc_order_status_can_change (status, CC_ORDER_RETURNED));
  /* An order never saved is simply not saved: nothing to cancel. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_order_button),
                          saved && cc_order_status_can_change (status, CC_ORDER_CANCELLED));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), lines && self->busy == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tax_row), !saved);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tax_inclusive_row), !saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.save", (self->dirty || !saved) && self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.save-document", saved && self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.print", saved && self->busy == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents_button), saved && self->busy == 0);
}

static void
mark_dirty (CcOrderEditor *self)
{
  if (self->loading > 0)
    return;
  self->dirty = TRUE;
  update_state (self);
}

/* Below cost: warned about, never refused. */
static void
update_warnings (CcOrderEditor *self)
{
  g_autoptr(CcOrder) draft = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->items->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), FALSE);
      gtk_label_set_text (self->warnings_label, "");
      return;
    }
  draft = build_draft (self);
  warnings = cc_orders_check_below_cost (self->store, draft);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *)g_ptr_array_index (warnings, i));
  gtk_label_set_text (self->warnings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), text->len > 0);
}

/* Totals */

static void
update_totals (CcOrderEditor *self)
{
  g_autoptr(CcOrder) draft = build_draft (self);
  CcOrderTotals totals;
  gint64 values[CC_ORDER_N_FIGURES];

  cc_order_compute_totals (draft, &totals);
  values[CC_ORDER_FIGURE_SUBTOTAL] = totals.subtotal;
  values[CC_ORDER_FIGURE_TAX] = totals.tax;
  values[CC_ORDER_FIGURE_DISCOUNT] = totals.discount;
  values[CC_ORDER_FIGURE_SHIPPING] = totals.shipping;
  values[CC_ORDER_FIGURE_TOTAL] = totals.total;
  values[CC_ORDER_FIGURE_PAID] = totals.paid;
  values[CC_ORDER_FIGURE_BALANCE] = totals.balance;

  for (guint i = 0; i < CC_ORDER_N_FIGURES; i++)
    {
      g_autofree char *text = NULL;

      if (i == CC_ORDER_FIGURE_DISCOUNT && values[i] > 0)
        {
          g_autofree char *amount = cc_money_format (values[i], self->currency);

          text = g_strdup_printf ("−%s", amount);
        }
      else
        text = cc_money_format (values[i], self->currency);
      gtk_label_set_text (self->figure_labels[i], text);
    }
  adw_action_row_set_subtitle (self->figure_rows[CC_ORDER_FIGURE_TAX],
                               draft->tax_rate_bp <= 0 ? "" :
                               draft->tax_inclusive ? _("Included in the prices") : _("Added to the prices"));
  gtk_label_set_text (self->payment_label, payment_state_label (totals.payment_state));

  for (guint i = 0; i < self->items->len; i++)
    {
      LineItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *amount = cc_money_format (item->price_valid ? item->quantity * item->unit_price : 0,
                                                 self->currency);

      gtk_label_set_text (item->amount_label, amount);
    }
}

/* Lines */

static void
line_item_free (LineItem *item)
{
  g_free (item->line_id);
  cc_piece_free (item->piece);
  g_free (item);
}

static char *
dup_available_text (const LineItem *item)
{
  g_autofree char *available = g_strdup_printf (_("%lld available"), (long long)item->piece->level.available);

  if (item->piece->sku != NULL && *item->piece->sku != '\0')
    return g_strdup_printf ("%s · %s", item->piece->sku, available);
  return g_steal_pointer (&available);
}

static void
on_quantity_changed (GtkSpinButton *spin,
                     CcOrderEditor *self)
{
  LineItem *item = g_object_get_data (G_OBJECT (spin), "cc-line-item");

  if (self->loading > 0 || item == NULL)
    return;
  item->quantity = gtk_spin_button_get_value_as_int (spin);
  g_clear_pointer (&item->line_id, g_free);
  mark_dirty (self);
  update_totals (self);
  update_warnings (self);
}

static void
on_price_changed (GtkEditable   *entry,
                  CcOrderEditor *self)
{
  LineItem *item = g_object_get_data (G_OBJECT (entry), "cc-line-item");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading > 0 || item == NULL)
    return;
  text = dup_entry_text (entry);
  item->price_valid = cc_money_parse (text, self->currency, &item->unit_price, &error);
  set_field_error (entry, !item->price_valid);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error ? error->message : NULL);
  g_clear_pointer (&item->line_id, g_free);
  mark_dirty (self);
  update_totals (self);
  update_warnings (self);
}

static void
on_remove_line_clicked (GtkButton     *button,
                        CcOrderEditor *self)
{
  LineItem *item = g_object_get_data (G_OBJECT (button), "cc-line-item");

  g_ptr_array_remove (self->items, item);
  mark_dirty (self);
  rebuild_lines (self);
}

static GtkWidget *
create_line_row (CcOrderEditor *self,
                 LineItem      *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX_QUANTITY, 1);
  GtkWidget *price = gtk_entry_new ();
  GtkWidget *amount = gtk_label_new (NULL);
  GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = dup_available_text (item);
  g_autofree char *price_text = cc_money_format_plain (item->unit_price, self->currency);
  gboolean editable = editable_lines (self);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->piece->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (item->piece->level.available < item->quantity && self->order->status == CC_ORDER_PENDING)
    gtk_widget_add_css_class (row, "warning");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), item->quantity);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, editable);
  gtk_widget_set_tooltip_text (spin, _("Quantity"));
  g_object_set_data (G_OBJECT (spin), "cc-line-item", item);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_quantity_changed), self, 0);

  gtk_editable_set_text (GTK_EDITABLE (price), price_text);
  gtk_editable_set_width_chars (GTK_EDITABLE (price), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (price), 9);
  gtk_entry_set_alignment (GTK_ENTRY (price), 1);
  gtk_entry_set_input_purpose (GTK_ENTRY (price), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_valign (price, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (price, editable);
  gtk_widget_set_tooltip_text (price, _("Unit price"));
  g_object_set_data (G_OBJECT (price), "cc-line-item", item);
  g_signal_connect_object (price, "changed", G_CALLBACK (on_price_changed), self, 0);

  gtk_label_set_xalign (GTK_LABEL (amount), 1);
  gtk_widget_set_size_request (amount, 96, -1);
  gtk_widget_add_css_class (amount, "numeric");

  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove from the order"));
  gtk_widget_set_visible (remove_button, editable);
  g_object_set_data (G_OBJECT (remove_button), "cc-line-item", item);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (on_remove_line_clicked), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("×"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), price);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);

  item->row = row;
  item->spin = GTK_SPIN_BUTTON (spin);
  item->price_entry = GTK_ENTRY (price);
  item->amount_label = GTK_LABEL (amount);
  return row;
}

static void
rebuild_lines (CcOrderEditor *self)
{
  GtkWidget *child;

  self->loading++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  for (guint i = 0; i < self->items->len; i++)
    gtk_list_box_append (self->lines_list, create_line_row (self, g_ptr_array_index (self->items, i)));
  self->loading--;
  update_totals (self);
  update_warnings (self);
}

static LineItem *
line_item_new (CcStore           *store,
               const CcOrderLine *line)
{
  LineItem *item = g_new0 (LineItem, 1);

  item->piece = cc_piece_lookup (store, line->product_id, line->variant_id, NULL);
  if (item->piece == NULL)
    {
      /* A piece deleted since: the line stays as it was sold. */
      item->piece = g_new0 (CcPiece, 1);
      item->piece->product_id = g_strdup (line->product_id);
      item->piece->variant_id = g_strdup (line->variant_id);
      item->piece->title = g_strdup (_("A piece no longer in the catalogue"));
    }
  item->line_id = g_strdup (line->id);
  item->quantity = line->quantity;
  item->unit_price = line->unit_price;
  item->price_valid = TRUE;
  return item;
}

/* Loading */

static void
load_customers (CcOrderEditor *self,
                const char    *selected_id)
{
  g_autoptr(GPtrArray) customers = cc_orders_list_customers (self->store);
  GtkStringList *names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->customer_ids, 0);
  g_ptr_array_add (self->customer_ids, NULL);
  gtk_string_list_append (names, _("Walk-in customer"));
  for (guint i = 0; i < customers->len; i++)
    {
      CcCustomer *customer = g_ptr_array_index (customers, i);

      if (g_strcmp0 (customer->id, selected_id) == 0)
        selected = self->customer_ids->len;
      g_ptr_array_add (self->customer_ids, g_strdup (customer->id));
      gtk_string_list_append (names, customer->name);
    }
  self->loading++;
  adw_combo_row_set_model (self->customer_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->customer_row, selected);
  self->loading--;
  g_object_unref (names);
}

static void
load_payments (CcOrderEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->payments_list))) != NULL)
    gtk_list_box_remove (self->payments_list, child);
  for (guint i = 0; i < self->order->payments->len; i++)
    {
      CcPayment *payment = g_ptr_array_index (self->order->payments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = cc_money_format (payment->amount, self->currency);
      GtkWidget *label = gtk_label_new (amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), payment_method_label (payment->method));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), payment->date);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->payments_list, row);
    }
}

static void
fill_payment_form (CcOrderEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(CcOrder) draft = build_draft (self);
  CcOrderTotals totals;
  g_autofree char *balance = NULL;

  cc_order_compute_totals (draft, &totals);
  balance = totals.balance > 0 ? cc_money_format_plain (totals.balance, self->currency) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), balance);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  show_label (self->payment_error_label, NULL);
}

/* Fills every widget from self->order. */
static void
load_widgets (CcOrderEditor *self)
{
  g_autofree char *discount = NULL;
  g_autofree char *shipping = NULL;
  g_autofree char *tax = NULL;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < self->order->lines->len; i++)
    g_ptr_array_add (self->items, line_item_new (self->store, g_ptr_array_index (self->order->lines, i)));

  self->loading++;
  load_customers (self, self->order->customer_id);
  discount = self->order->discount > 0 ? cc_money_format_plain (self->order->discount, self->currency) : g_strdup ("");
  shipping = self->order->shipping > 0 ? cc_money_format_plain (self->order->shipping, self->currency) : g_strdup ("");
  tax = format_tax_rate (self->order->tax_rate_bp);
  gtk_editable_set_text (GTK_EDITABLE (self->discount_row), discount);
  gtk_editable_set_text (GTK_EDITABLE (self->shipping_row), shipping);
  gtk_editable_set_text (GTK_EDITABLE (self->tax_row), tax);
  gtk_switch_set_active (self->tax_inclusive_switch, self->order->tax_inclusive);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            self->order->notes ? self->order->notes : "", -1);
  set_field_error (self->discount_row, FALSE);
  set_field_error (self->shipping_row, FALSE);
  set_field_error (self->tax_row, FALSE);
  show_label (self->charges_error_label, NULL);
  self->loading--;

  self->dirty = FALSE;
  rebuild_lines (self);
  load_payments (self);
  fill_payment_form (self);
  update_state (self);
}

static gboolean
reload_order (CcOrderEditor  *self,
              const char     *order_id,
              GError        **error)
{
  CcOrder *order = cc_orders_get_order (self->store, order_id, error);

  if (order == NULL)
    return FALSE;
  g_clear_pointer (&self->order, cc_order_free);
  self->order = order;
  g_free (self->currency);
  self->currency = g_strdup (order->currency);
  load_widgets (self);
  return TRUE;
}

/* Levels change under us (a sale elsewhere, a batch made): the lines show
 * them again, without touching what is being typed. */
static gboolean
refresh_levels_cb (gpointer data)
{
  CcOrderEditor *self = data;

  self->refresh_source = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      LineItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *subtitle = NULL;

      if (item->piece->currency == NULL)
        continue;
      cc_inventory_get_level (self->store, item->piece->product_id, item->piece->variant_id,
                              &item->piece->level, NULL);
      subtitle = dup_available_text (item);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row), subtitle);
    }
  return G_SOURCE_REMOVE;
}

static void
on_store_committed (CcOrderEditor *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_levels_cb, self);
}

/* Saving */

static gboolean
validate (CcOrderEditor *self)
{
  g_autofree char *discount = dup_entry_text (self->discount_row);
  g_autofree char *shipping = dup_entry_text (self->shipping_row);
  g_autofree char *tax = dup_entry_text (self->tax_row);
  g_autoptr(GError) error = NULL;
  gint64 value;
  const char *message = NULL;
  g_autofree char *owned = NULL;

  set_field_error (self->discount_row, FALSE);
  set_field_error (self->shipping_row, FALSE);
  set_field_error (self->tax_row, FALSE);

  if (!parse_amount (discount, self->currency, &value, &error))
    {
      set_field_error (self->discount_row, TRUE);
      message = owned = g_strdup_printf (_("Discount: %s"), error->message);
    }
  else if (!parse_amount (shipping, self->currency, &value, &error))
    {
      set_field_error (self->shipping_row, TRUE);
      message = owned = g_strdup_printf (_("Shipping: %s"), error->message);
    }
  else if (self->order->id == NULL && !parse_tax_rate (tax, &value))
    {
      set_field_error (self->tax_row, TRUE);
      message = _("A tax rate is a percentage between 0 and 100, like 18 or 12.5");
    }
  show_label (self->charges_error_label, message);
  if (message != NULL)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      LineItem *item = g_ptr_array_index (self->items, i);

      if (!item->price_valid)
        {
          g_autofree char *text = g_strdup_printf (_("The price of “%s” is not an amount"), item->piece->title);

          show_error (self, text);
          gtk_widget_grab_focus (GTK_WIDGET (item->price_entry));
          return FALSE;
        }
    }
  if (self->items->len == 0)
    {
      show_error (self, _("Add at least one piece to the order"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_order (CcOrderEditor  *self,
             CcOrder        *draft,
             char          **out_id,
             GError        **error)
{
  g_autofree char *id = NULL;

  if (draft->id == NULL)
    {
      id = cc_orders_create_order (self->store, draft, error);
      if (id == NULL)
        return FALSE;
      *out_id = g_steal_pointer (&id);
      return TRUE;
    }

  if (!cc_orders_update_order (self->store, draft, error))
    return FALSE;

  if (draft->status == CC_ORDER_PENDING)
    {
      /* A changed line is removed and added again with its new figures. */
      for (guint i = 0; i < self->order->lines->len; i++)
        {
          CcOrderLine *stored = g_ptr_array_index (self->order->lines, i);
          gboolean kept = FALSE;

          for (guint j = 0; j < draft->lines->len && !kept; j++)
            kept = g_strcmp0 (((CcOrderLine *)g_ptr_array_index (draft->lines, j))->id, stored->id) == 0;
          if (!kept && !cc_orders_remove_line (self->store, stored->id, error))
            return FALSE;
        }
      for (guint j = 0; j < draft->lines->len; j++)
        {
          CcOrderLine *line = g_ptr_array_index (draft->lines, j);
          g_autofree char *line_id = NULL;

          if (line->id != NULL)
            continue;
          line_id = cc_orders_add_line (self->store, draft->id, line, error);
          if (line_id == NULL)
            return FALSE;
        }
    }
  *out_id = g_strdup (draft->id);
  return TRUE;
}

/* Writes the edits in one transaction; FALSE with the problem shown. */
static gboolean
save_edits (CcOrderEditor *self)
{
  g_autoptr(CcOrder) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  show_error (self, NULL);
  if (self->order->id != NULL && !self->dirty)
    return TRUE;
  if (!validate (self))
    return FALSE;

  draft = build_draft (self);
  if (!cc_store_begin (self->store, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (!write_order (self, draft, &id, &error))
    {
      cc_store_rollback (self->store);
      show_error (self, error->message);
      return FALSE;
    }
  if (!cc_store_commit (self->store, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (!reload_order (self, id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_order_editor_save (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), FALSE);

  if (!save_edits (self))
    return FALSE;
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Order saved")));
  return TRUE;
}

/* Status */

static const char *
status_done_message (CcOrderStatus status)
{
  switch (status)
    {
    case CC_ORDER_CONFIRMED:
      return _("Order confirmed: its pieces are reserved");
    case CC_ORDER_SHIPPED:
      return _("Order shipped");
    case CC_ORDER_DELIVERED:
      return _("Order delivered");
    case CC_ORDER_CANCELLED:
      return _("Order cancelled");
    case CC_ORDER_RETURNED:
      return _("Order returned: its pieces are back in stock");
    case CC_ORDER_PENDING:
    default:
      return _("Order saved");
    }
}

static gboolean
apply_status (CcOrderEditor  *self,
              CcOrderStatus   status,
              gboolean        allow_backorder,
              GError        **error)
{
  g_autoptr(GError) reload_error = NULL;

  if (!cc_orders_set_status (self->store, self->order->id, status, allow_backorder, error))
    return FALSE;
  if (!reload_order (self, self->order->id, &reload_error))
    show_error (self, reload_error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (status_done_message (status)));
  return TRUE;
}

static void
on_backorder_response (AdwMessageDialog *dialog,
                       const char       *response,
                       CcOrderEditor    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "backorder") != 0 || self->order->id == NULL)
    return;
  if (!apply_status (self, CC_ORDER_CONFIRMED, TRUE, &error))
    show_error (self, error->message);
}

static void
ask_backorder (CcOrderEditor *self,
               const char    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Make to Order?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "backorder", _("_Make to Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "backorder",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "backorder");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_backorder_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cc_order_editor_change_status (CcOrderEditor *self,
                               CcOrderStatus  status)
{
  g_autoptr(GError) error = NULL;
  CcOrderStatus before;

  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  g_return_if_fail (status < CC_ORDER_N_STATUSES);

  if (!save_edits (self))
    return;
  before = self->order->status;
  if (apply_status (self, status, FALSE, &error))
    return;

  /* Legal, but more than is in stock: the maker decides. */
  if (status == CC_ORDER_CONFIRMED && cc_order_status_can_change (before, status) &&
      g_error_matches (error, CC_ERROR, CC_ERROR_CONFLICT))
    ask_backorder (self, error->message);
  else
    show_error (self, error->message);
}

static void
on_status_clicked (CcOrderEditor *self,
                   GtkButton     *button)
{
  CcOrderStatus status;

  if (button == self->confirm_button)
    status = CC_ORDER_CONFIRMED;
  else if (button == self->ship_button)
    status = CC_ORDER_SHIPPED;
  else if (button == self->deliver_button)
    status = CC_ORDER_DELIVERED;
  else if (button == self->return_button)
    status = CC_ORDER_RETURNED;
  else
    status = CC_ORDER_CANCELLED;
  cc_order_editor_change_status (self, status);
}

/* Payments */

gboolean
cc_order_editor_record_payment (CcOrderEditor *self,
                                const char    *method,
                                const char    *amount_text,
                                const char    *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payment_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date_text = NULL;
  gint64 amount;

  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), FALSE);

  for (guint i = 0; method != NULL && i < G_N_ELEMENTS (payment_methods); i++)
    if (g_strcmp0 (method, payment_methods[i]) == 0)
      adw_combo_row_set_selected (self->method_row, i);
  if (amount_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount_text);
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);

  show_label (self->payment_error_label, NULL);
  set_field_error (self->amount_row, FALSE);
  set_field_error (self->date_row, FALSE);
  text = dup_entry_text (self->amount_row);
  date_text = dup_entry_text (self->date_row);
  if (!cc_money_parse (text, self->currency, &amount, &error))
    {
      set_field_error (self->amount_row, TRUE);
      show_label (self->payment_error_label, error->message);
      return FALSE;
    }
  if (amount == 0)
    {
      set_field_error (self->amount_row, TRUE);
      show_label (self->payment_error_label, _("A payment must be more than zero"));
      return FALSE;
    }
  if (!save_edits (self))
    return FALSE;

  method = payment_methods[MIN (adw_combo_row_get_selected (self->method_row), G_N_ELEMENTS (payment_methods) - 1)];
  payment_id = cc_orders_add_payment (self->store, self->order->id, method, amount,
                                      *date_text != '\0' ? date_text : NULL, &error);
  if (payment_id == NULL)
    {
      if (g_error_matches (error, CC_ERROR, CC_ERROR_INVALID_INPUT) && *date_text != '\0')
        set_field_error (self->date_row, TRUE);
      show_label (self->payment_error_label, error->message);
      return FALSE;
    }
  g_clear_error (&error);
  if (!reload_order (self, self->order->id, &error))
    show_error (self, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Payment recorded")));
  return TRUE;
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  cc_order_editor_record_payment (CC_ORDER_EDITOR (widget), NULL, NULL, NULL);
}

/* Documents */

static gboolean
kind_from_string (const char     *text,
                  CcDocumentKind *out)
{
  if (g_strcmp0 (text, "invoice") == 0)
    *out = CC_DOCUMENT_INVOICE;
  else if (g_strcmp0 (text, "receipt") == 0)
    *out = CC_DOCUMENT_RECEIPT;
  else if (g_strcmp0 (text, "packing-slip") == 0)
    *out = CC_DOCUMENT_PACKING_SLIP;
  else
    return FALSE;
  return TRUE;
}

static void
set_busy (CcOrderEditor *self,
          gboolean       busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  update_state (self);
}

static void
on_document_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(CcOrderEditor) self = data;

  set_busy (self, FALSE);
  cc_order_documents_report_saved (CC_STORE (source), result, self->toast_overlay);
}

void
cc_order_editor_save_document (CcOrderEditor  *self,
                               CcDocumentKind  kind,
                               const char     *path)
{
  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->order->id != NULL);

  set_busy (self, TRUE);
  cc_order_documents_save_async (self->store, self->order->id, kind, path, self->cancellable,
                                 on_document_saved, g_object_ref (self));
}

gboolean
cc_order_editor_is_busy (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), FALSE);
  return self->busy > 0;
}

static void
save_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (widget);
  CcDocumentKind kind;

  if (!kind_from_string (g_variant_get_string (parameter, NULL), &kind) || !save_edits (self))
    return;
  set_busy (self, TRUE);
  cc_order_documents_choose_and_save (GTK_WINDOW (self), self->store, self->order->id,
                                      self->order->number, kind, self->cancellable,
                                      on_document_saved, g_object_ref (self));
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CcOrderEditor) self = data;

  set_busy (self, FALSE);
  cc_order_documents_report_printed (CC_STORE (source), result, self->toast_overlay);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (widget);
  CcDocumentKind kind;

  if (!kind_from_string (g_variant_get_string (parameter, NULL), &kind) || !save_edits (self))
    return;
  set_busy (self, TRUE);
  cc_order_documents_print_async (GTK_WINDOW (self), self->store, self->order->id,
                                  self->order->number, kind, self->cancellable,
                                  on_printed, g_object_ref (self));
}

/* Customers */

static void
on_customer_saved (CcCustomerEditor *editor,
                   const char       *customer_id,
                   CcOrderEditor    *self)
{
  load_customers (self, customer_id);
  mark_dirty (self);
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (widget);
  CcCustomerEditor *editor = cc_customer_editor_new (GTK_WINDOW (self), self->store, NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_customer_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_customer_selected (CcOrderEditor *self)
{
  if (self->customer_ids == NULL)
    return;
  mark_dirty (self);
}

static void
on_charges_changed (CcOrderEditor *self)
{
  if (self->loading > 0 || self->items == NULL)
    return;
  mark_dirty (self);
  update_totals (self);
}

static void
on_notes_changed (CcOrderEditor *self)
{
  mark_dirty (self);
}

/* Adding pieces */

static void
on_add_popover_show (CcOrderEditor *self)
{
  cc_piece_picker_reload (self->picker);
  cc_piece_picker_focus_search (self->picker);
}

static void
on_piece_picked (CcOrderEditor *self,
                 const char    *product_id,
                 const char    *variant_id)
{
  gtk_popover_popdown (self->add_popover);
  cc_order_editor_add_line (self, product_id, variant_id, 1);
}

guint
cc_order_editor_add_line (CcOrderEditor *self,
                          const char    *product_id,
                          const char    *variant_id,
                          gint64         quantity)
{
  g_autoptr(GError) error = NULL;
  LineItem *item;
  CcPiece *piece;

  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), G_MAXUINT);
  g_return_val_if_fail (product_id != NULL, G_MAXUINT);
  g_return_val_if_fail (quantity > 0, G_MAXUINT);

  show_error (self, NULL);
  if (!editable_lines (self))
    {
      show_error (self, _("Pieces can be added only while the order is pending"));
      return G_MAXUINT;
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      item = g_ptr_array_index (self->items, i);
      if (g_strcmp0 (item->piece->product_id, product_id) == 0 &&
          g_strcmp0 (item->piece->variant_id, variant_id) == 0)
        {
          gtk_spin_button_set_value (item->spin, MIN (item->quantity + quantity, MAX_QUANTITY));
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
      g_autofree char *text = g_strdup_printf (_("“%s” is priced in %s and this order is in %s"),
                                               piece->title, piece->currency, self->currency);

      show_error (self, text);
      cc_piece_free (piece);
      return G_MAXUINT;
    }
  item = g_new0 (LineItem, 1);
  item->piece = piece;
  item->quantity = MIN (quantity, MAX_QUANTITY);
  item->unit_price = piece->price;
  item->price_valid = TRUE;
  g_ptr_array_add (self->items, item);
  mark_dirty (self);
  rebuild_lines (self);
  return self->items->len - 1;
}

/* Closing with edits not yet saved asks first. */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CcOrderEditor    *self)
{
  if (g_strcmp0 (response, "save") == 0 && !save_edits (self))
    return;
  if (g_strcmp0 (response, "save") == 0 || g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
cc_order_editor_close_request (GtkWindow *window)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (window);
  GtkWidget *dialog;

  if (!self->dirty || (self->order->id == NULL && self->items->len == 0))
    return FALSE;

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("This order has changes that are not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Actions and life cycle */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cc_order_editor_save (CC_ORDER_EDITOR (widget));
}

static void
cc_order_editor_dispose (GObject *object)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_ORDER_EDITOR);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->customer_ids, g_ptr_array_unref);
  g_clear_pointer (&self->order, cc_order_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cc_order_editor_parent_class)->dispose (object);
}

static void
cc_order_editor_finalize (GObject *object)
{
  CcOrderEditor *self = CC_ORDER_EDITOR (object);

  g_free (self->currency);
  G_OBJECT_CLASS (cc_order_editor_parent_class)->finalize (object);
}

static void
cc_order_editor_class_init (CcOrderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_order_editor_dispose;
  object_class->finalize = cc_order_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = cc_order_editor_close_request;

  g_type_ensure (CC_TYPE_PIECE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-order-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, documents_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, payment_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, ship_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, deliver_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, return_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, cancel_order_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, add_popover);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, picker);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, lines_list);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, discount_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, tax_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, tax_inclusive_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, tax_inclusive_switch);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, charges_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, totals_group);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, payments_list);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, payment_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrderEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_status_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_charges_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_piece_picked);

  gtk_widget_class_install_action (widget_class, "order.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "order.record-payment", NULL, record_payment_action);
  gtk_widget_class_install_action (widget_class, "order.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "order.save-document", "s", save_document_action);
  gtk_widget_class_install_action (widget_class, "order.print", "s", print_action);
}

static void
cc_order_editor_init (CcOrderEditor *self)
{
  static const char *figure_titles[CC_ORDER_N_FIGURES] = {
    N_("Subtotal"), N_("Tax"), N_("Discount"), N_("Shipping"),
    N_("Total"), N_("Paid"), N_("Balance Due"),
  };
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)line_item_free);
  self->customer_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < CC_ORDER_N_FIGURES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(figure_titles[i]));
      gtk_widget_add_css_class (label, "numeric");
      if (i == CC_ORDER_FIGURE_TOTAL || i == CC_ORDER_FIGURE_BALANCE)
        {
          gtk_widget_add_css_class (label, "title-4");
          gtk_widget_add_css_class (row, "heading");
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->totals_group, row);
      self->figure_rows[i] = ADW_ACTION_ROW (row);
      self->figure_labels[i] = GTK_LABEL (label);
    }

  placeholder = gtk_label_new (_("No pieces yet: add them from the catalogue with Add Piece"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->lines_list, placeholder);

  placeholder = gtk_label_new (_("No payments yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->payments_list, placeholder);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
}

CcOrderEditor *
cc_order_editor_new (GtkWindow   *parent,
                     CcStore     *store,
                     const char  *order_id)
{
  CcOrderEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_ORDER_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  cc_piece_picker_set_store (self->picker, store);
  g_signal_connect_object (store, "committed", G_CALLBACK (on_store_committed), self, G_CONNECT_SWAPPED);

  if (order_id == NULL || !reload_order (self, order_id, &error))
    {
      g_autofree char *rate = cc_store_dup_setting (store, "tax-rate-bp", "0");
      g_autofree char *inclusive = cc_store_dup_setting (store, "tax-inclusive", "false");
      gint64 bp = g_ascii_strtoll (rate, NULL, 10);

      /* A new order, with the shop's tax as it is today. */
      self->order = cc_order_new ();
      self->order->tax_rate_bp = CLAMP (bp, 0, MAX_TAX_BP);
      self->order->tax_inclusive = g_strcmp0 (inclusive, "true") == 0 || g_strcmp0 (inclusive, "1") == 0;
      self->currency = cc_store_dup_setting (store, "currency", "INR");
      load_widgets (self);
      if (error != NULL)
        show_error (self, error->message);
    }
  return self;
}

const char *
cc_order_editor_get_order_id (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), NULL);
  return self->order->id;
}

CcOrderStatus
cc_order_editor_get_status (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), CC_ORDER_PENDING);
  return self->order->status;
}

CcPiecePicker *
cc_order_editor_get_picker (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), NULL);
  return self->picker;
}

void
cc_order_editor_set_customer (CcOrderEditor *self,
                              const char    *customer_id)
{
  g_return_if_fail (CC_IS_ORDER_EDITOR (self));

  for (guint i = 0; i < self->customer_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->customer_ids, i), customer_id) == 0)
      {
        adw_combo_row_set_selected (self->customer_row, i);
        return;
      }
  /* Made since the list was read. */
  load_customers (self, customer_id);
  mark_dirty (self);
}

guint
cc_order_editor_get_n_lines (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), 0);
  return self->items->len;
}

void
cc_order_editor_set_line_quantity (CcOrderEditor *self,
                                   guint          index,
                                   gint64         quantity)
{
  LineItem *item;

  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  g_return_if_fail (index < self->items->len);

  item = g_ptr_array_index (self->items, index);
  gtk_spin_button_set_value (item->spin, quantity);
}

void
cc_order_editor_set_line_price_text (CcOrderEditor *self,
                                     guint          index,
                                     const char    *text)
{
  LineItem *item;

  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  g_return_if_fail (index < self->items->len);

  item = g_ptr_array_index (self->items, index);
  gtk_editable_set_text (GTK_EDITABLE (item->price_entry), text);
}

gint64
cc_order_editor_get_line_available (CcOrderEditor *self,
                                    guint          index)
{
  LineItem *item;

  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), 0);
  g_return_val_if_fail (index < self->items->len, 0);

  /* What the row shows, after any pending refresh. */
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      refresh_levels_cb (self);
    }
  item = g_ptr_array_index (self->items, index);
  return item->piece->level.available;
}

void
cc_order_editor_set_discount_text (CcOrderEditor *self,
                                   const char    *text)
{
  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->discount_row), text);
}

void
cc_order_editor_set_shipping_text (CcOrderEditor *self,
                                   const char    *text)
{
  g_return_if_fail (CC_IS_ORDER_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->shipping_row), text);
}

gboolean
cc_order_editor_get_status_enabled (CcOrderEditor *self,
                                    CcOrderStatus  status)
{
  GtkButton *buttons[CC_ORDER_N_STATUSES] = {
    NULL, self->confirm_button, self->ship_button, self->deliver_button,
    self->cancel_order_button, self->return_button,
  };

  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), FALSE);
  g_return_val_if_fail (status < CC_ORDER_N_STATUSES, FALSE);

  return buttons[status] != NULL &&
         gtk_widget_get_visible (GTK_WIDGET (buttons[status])) &&
         gtk_widget_is_sensitive (GTK_WIDGET (buttons[status]));
}

const char *
cc_order_editor_get_figure_text (CcOrderEditor *self,
                                 CcOrderFigure  figure)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), NULL);
  g_return_val_if_fail (figure < CC_ORDER_N_FIGURES, NULL);
  return gtk_label_get_text (self->figure_labels[figure]);
}

const char *
cc_order_editor_get_error_text (CcOrderEditor *self)
{
  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return gtk_label_get_text (self->error_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->charges_error_label)))
    return gtk_label_get_text (self->charges_error_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->payment_error_label)))
    return gtk_label_get_text (self->payment_error_label);
  return NULL;
}

guint
cc_order_editor_get_n_warnings (CcOrderEditor *self)
{
  const char *text;
  guint n = 1;

  g_return_val_if_fail (CC_IS_ORDER_EDITOR (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->warnings_box)))
    return 0;
  text = gtk_label_get_text (self->warnings_label);
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}
