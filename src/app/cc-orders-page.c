/* cc-orders-page.c — the Orders section: the order list, quick sale and documents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cc-orders.h"
#include "cc-orders-page.h"
#include "cc-ui-util.h"

struct _CcOrdersPage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown    *status_dropdown;
  GtkStack       *stack;
  GtkLabel       *count_label;
  GtkListBox     *list_box;

  /* owned */
  CcStore        *store;
  GPtrArray      *shown;          /* CcOrder*, as listed */
  guint           reload_source;
  guint           updating;
};

G_DEFINE_FINAL_TYPE (CcOrdersPage, cc_orders_page, ADW_TYPE_BIN)

static GtkWindow *
parent_window (CcOrdersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Every word of the search in the number or the customer's name. */
static gboolean
order_matches (const CcOrder *order,
               const char    *customer,
               char         **words)
{
  g_autofree char *haystack = NULL;

  if (words == NULL || words[0] == NULL)
    return TRUE;
  haystack = g_utf8_casefold (g_strconcat (order->number ? order->number : "", " ",
                                           customer ? customer : "", NULL), -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

void
cc_orders_page_reload (CcOrdersPage *self)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *count = NULL;
  guint selected;
  int status_filter;
  GtkWidget *child;

  g_return_if_fail (CC_IS_ORDERS_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->shown, 0);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  selected = gtk_drop_down_get_selected (self->status_dropdown);
  status_filter = (selected == 0 || selected == GTK_INVALID_LIST_POSITION) ? -1 : (int)selected - 1;
  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  words = g_strsplit (g_strstrip (folded), " ", -1);

  customers = cc_orders_list_customers (self->store);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < customers->len; i++)
    {
      CcCustomer *customer = g_ptr_array_index (customers, i);

      g_hash_table_insert (names, customer->id, customer->name);
    }

  orders = cc_orders_list_orders (self->store);
  for (guint i = 0; i < orders->len; i++)
    {
      CcOrder *order = g_ptr_array_index (orders, i);
      const char *name = order->customer_id ? g_hash_table_lookup (names, order->customer_id) : NULL;

      if (status_filter >= 0 && (int)order->status != status_filter)
        continue;
      if (!order_matches (order, name, words))
        continue;
      gtk_list_box_append (self->list_box, cc_order_row_new (order, name));
      g_ptr_array_add (self->shown, g_steal_pointer (&orders->pdata[i]));
    }

  count = g_strdup_printf (ngettext ("%u order", "%u orders", self->shown->len), self->shown->len);
  gtk_label_set_text (self->count_label, count);
  if (self->shown->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, orders->len > 0 ? "no-results" : "empty");
}

/* Many commits in a row (a sale writes several) make one reload. */
static void
on_store_committed (CcOrdersPage *self)
{
  cc_ui_reload_soon (&self->reload_source, (CcUiReloadFunc) cc_orders_page_reload, self);
}

static void
on_filter_changed (CcOrdersPage *self)
{
  if (self->updating == 0 && self->shown != NULL)
    cc_orders_page_reload (self);
}

static void
on_row_activated (CcOrdersPage  *self,
                  GtkListBoxRow *row)
{
  CcOrderEditor *editor = cc_orders_page_open_order (self, gtk_list_box_row_get_index (row));

  if (editor != NULL)
    gtk_window_present (GTK_WINDOW (editor));
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CcOrderEditor *editor = cc_orders_page_new_order (CC_ORDERS_PAGE (widget));

  if (editor != NULL)
    gtk_window_present (GTK_WINDOW (editor));
}

static void
quick_sale_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CcQuickSaleWindow *window = cc_orders_page_quick_sale (CC_ORDERS_PAGE (widget));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
cc_orders_page_dispose (GObject *object)
{
  CcOrdersPage *self = (CcOrdersPage *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_ORDERS_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_orders_page_parent_class)->dispose (object);
}

static void
cc_orders_page_class_init (CcOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_orders_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcOrdersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CcOrdersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CcOrdersPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "orders.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "orders.quick-sale", NULL, quick_sale_action);
}

static void
cc_orders_page_init (CcOrdersPage *self)
{
  GtkStringList *statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating++;
  gtk_string_list_append (statuses, _("All Orders"));
  for (guint i = 0; i < CC_ORDER_N_STATUSES; i++)
    gtk_string_list_append (statuses, cc_order_status_get_label (i));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  g_object_unref (statuses);
  self->updating--;

  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.new-order", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.quick-sale", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
cc_orders_page_set_store (CcOrdersPage *self,
                          CcStore      *store)
{
  g_return_if_fail (CC_IS_ORDERS_PAGE (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "committed", G_CALLBACK (on_store_committed), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.new-order", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.quick-sale", store != NULL);
  cc_orders_page_reload (self);
}

void
cc_orders_page_set_search_text (CcOrdersPage *self,
                                const char   *text)
{
  g_return_if_fail (CC_IS_ORDERS_PAGE (self));

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->updating--;
  cc_orders_page_reload (self);
}

void
cc_orders_page_set_status_filter (CcOrdersPage *self,
                                  int           status)
{
  g_return_if_fail (CC_IS_ORDERS_PAGE (self));
  g_return_if_fail (status >= -1 && status < CC_ORDER_N_STATUSES);

  self->updating++;
  gtk_drop_down_set_selected (self->status_dropdown, status + 1);
  self->updating--;
  cc_orders_page_reload (self);
}

guint
cc_orders_page_get_n_orders (CcOrdersPage *self)
{
  g_return_val_if_fail (CC_IS_ORDERS_PAGE (self), 0);

  if (self->reload_source != 0)
    cc_orders_page_reload (self);
  return self->shown->len;
}

const char *
cc_orders_page_get_order_number (CcOrdersPage *self,
                                 guint         index)
{
  g_return_val_if_fail (CC_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return ((CcOrder *)g_ptr_array_index (self->shown, index))->number;
}

CcOrderEditor *
cc_orders_page_open_order (CcOrdersPage *self,
                           guint         index)
{
  CcOrder *order;

  g_return_val_if_fail (CC_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);

  order = g_ptr_array_index (self->shown, index);
  return cc_order_editor_new (parent_window (self), self->store, order->id);
}

CcOrderEditor *
cc_orders_page_new_order (CcOrdersPage *self)
{
  g_return_val_if_fail (CC_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  return cc_order_editor_new (parent_window (self), self->store, NULL);
}

CcQuickSaleWindow *
cc_orders_page_quick_sale (CcOrdersPage *self)
{
  g_return_val_if_fail (CC_IS_ORDERS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  return cc_quick_sale_window_new (parent_window (self), self->store);
}
