/* cc-customers-page.c — the Customers section: the people a shop sells to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cc-customers-page.h"
#include "cc-orders.h"
#include "cc-ui-util.h"

typedef struct
{
  char  *id;
  guint  n_orders;
} Shown;

struct _CcCustomersPage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list_box;

  /* owned */
  CcStore        *store;
  GArray         *shown;          /* Shown, as listed */
  guint           reload_source;
  guint           updating;
};

G_DEFINE_FINAL_TYPE (CcCustomersPage, cc_customers_page, ADW_TYPE_BIN)

static void
shown_clear (Shown *shown)
{
  g_free (shown->id);
}

static GtkWindow *
parent_window (CcCustomersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
customer_matches (const CcCustomer *customer,
                  char            **words)
{
  g_autofree char *joined = NULL;
  g_autofree char *haystack = NULL;

  if (words == NULL || words[0] == NULL)
    return TRUE;
  joined = g_strjoin (" ", customer->name ? customer->name : "", customer->email ? customer->email : "",
                      customer->phone ? customer->phone : "", NULL);
  haystack = g_utf8_casefold (joined, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static GtkWidget *
create_row (const CcCustomer *customer,
            guint             n_orders)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *count = g_strdup_printf (ngettext ("%u order", "%u orders", n_orders), n_orders);
  GtkWidget *count_label = gtk_label_new (count);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (customer->email != NULL && *customer->email != '\0')
    g_string_append (subtitle, customer->email);
  if (customer->phone != NULL && *customer->phone != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", customer->phone);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), customer->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (count_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

void
cc_customers_page_reload (CcCustomersPage *self)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GtkWidget *child;

  g_return_if_fail (CC_IS_CUSTOMERS_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_array_set_size (self->shown, 0);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  words = g_strsplit (g_strstrip (folded), " ", -1);

  orders = cc_orders_list_orders (self->store);
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < orders->len; i++)
    {
      CcOrder *order = g_ptr_array_index (orders, i);

      if (order->customer_id != NULL)
        g_hash_table_insert (counts, order->customer_id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, order->customer_id)) + 1));
    }

  customers = cc_orders_list_customers (self->store);
  for (guint i = 0; i < customers->len; i++)
    {
      CcCustomer *customer = g_ptr_array_index (customers, i);
      Shown shown;

      if (!customer_matches (customer, words))
        continue;
      shown.id = g_strdup (customer->id);
      shown.n_orders = GPOINTER_TO_UINT (g_hash_table_lookup (counts, customer->id));
      g_array_append_val (self->shown, shown);
      gtk_list_box_append (self->list_box, create_row (customer, shown.n_orders));
    }

  if (self->shown->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, customers->len > 0 ? "no-results" : "empty");
}

static void
on_store_committed (CcCustomersPage *self)
{
  cc_ui_reload_soon (&self->reload_source, (CcUiReloadFunc) cc_customers_page_reload, self);
}

static void
on_search_changed (CcCustomersPage *self)
{
  if (self->updating == 0 && self->shown != NULL)
    cc_customers_page_reload (self);
}

static void
on_row_activated (CcCustomersPage *self,
                  GtkListBoxRow   *row)
{
  CcCustomerEditor *editor = cc_customers_page_open_customer (self, gtk_list_box_row_get_index (row));

  if (editor != NULL)
    gtk_window_present (GTK_WINDOW (editor));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcCustomerEditor *editor = cc_customers_page_new_customer (CC_CUSTOMERS_PAGE (widget));

  if (editor != NULL)
    gtk_window_present (GTK_WINDOW (editor));
}

static void
cc_customers_page_dispose (GObject *object)
{
  CcCustomersPage *self = (CcCustomersPage *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_array_unref);
  G_OBJECT_CLASS (cc_customers_page_parent_class)->dispose (object);
}

static void
cc_customers_page_class_init (CcCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_customers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CcCustomersPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_customer_action);
}

static void
cc_customers_page_init (CcCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_array_set_clear_func (self->shown, (GDestroyNotify)shown_clear);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.new", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
cc_customers_page_set_store (CcCustomersPage *self,
                             CcStore         *store)
{
  g_return_if_fail (CC_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "committed", G_CALLBACK (on_store_committed), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.new", store != NULL);
  cc_customers_page_reload (self);
}

void
cc_customers_page_set_search_text (CcCustomersPage *self,
                                   const char      *text)
{
  g_return_if_fail (CC_IS_CUSTOMERS_PAGE (self));

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->updating--;
  cc_customers_page_reload (self);
}

guint
cc_customers_page_get_n_customers (CcCustomersPage *self)
{
  g_return_val_if_fail (CC_IS_CUSTOMERS_PAGE (self), 0);

  if (self->reload_source != 0)
    cc_customers_page_reload (self);
  return self->shown->len;
}

const char *
cc_customers_page_get_customer_id (CcCustomersPage *self,
                                   guint            index)
{
  g_return_val_if_fail (CC_IS_CUSTOMERS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return g_array_index (self->shown, Shown, index).id;
}

guint
cc_customers_page_get_n_orders (CcCustomersPage *self,
                                guint            index)
{
  g_return_val_if_fail (CC_IS_CUSTOMERS_PAGE (self), 0);
  g_return_val_if_fail (index < self->shown->len, 0);
  return g_array_index (self->shown, Shown, index).n_orders;
}

CcCustomerEditor *
cc_customers_page_new_customer (CcCustomersPage *self)
{
  g_return_val_if_fail (CC_IS_CUSTOMERS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  return cc_customer_editor_new (parent_window (self), self->store, NULL);
}

CcCustomerEditor *
cc_customers_page_open_customer (CcCustomersPage *self,
                                 guint            index)
{
  g_return_val_if_fail (CC_IS_CUSTOMERS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return cc_customer_editor_new (parent_window (self), self->store,
                                 g_array_index (self->shown, Shown, index).id);
}
