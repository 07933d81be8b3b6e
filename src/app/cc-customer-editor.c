/* cc-customer-editor.c — the dialog where a maker adds or edits a customer and sees their orders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cc-customer-editor.h"
#include "cc-order-editor.h"
#include "cc-orders.h"

struct _CcCustomerEditor
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  GtkLabel            *error_label;
  GtkTextView         *address_view;
  GtkTextView         *notes_view;
  AdwPreferencesGroup *orders_group;
  GtkListBox          *orders_list;
  GtkButton           *delete_button;

  /* owned */
  CcStore             *store;
  char                *customer_id;   /* NULL: new */
  GPtrArray           *order_ids;     /* char*, in the list's order */
};

G_DEFINE_FINAL_TYPE (CcCustomerEditor, cc_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strstrip (g_steal_pointer (&text));
}

static void
show_error (CcCustomerEditor *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_field_changed (CcCustomerEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
}

gboolean
cc_customer_editor_save (CcCustomerEditor *self)
{
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CC_IS_CUSTOMER_EDITOR (self), FALSE);

  show_error (self, NULL);
  customer->id = g_strdup (self->customer_id);
  customer->name = dup_entry (self->name_row);
  customer->email = dup_entry (self->email_row);
  customer->phone = dup_entry (self->phone_row);
  customer->address = dup_text_view (self->address_view);
  customer->notes = dup_text_view (self->notes_view);

  if (*customer->name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      show_error (self, _("A customer needs a name"));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }

  if (self->customer_id == NULL)
    {
      char *id = cc_orders_create_customer (self->store, customer, &error);

      if (id != NULL)
        self->customer_id = id;
    }
  else
    cc_orders_update_customer (self->store, customer, &error);

  if (error != NULL)
    {
      /* Core names the field in its message; an address that is not one
       * is the only other thing a person can get wrong here. */
      if (*customer->email != '\0' && strchr (customer->email, '@') == NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");
      show_error (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->customer_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cc_customer_editor_save (CC_CUSTOMER_EDITOR (widget));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CcCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cc_orders_delete_customer (self->store, self->customer_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcCustomerEditor *self = CC_CUSTOMER_EDITOR (widget);
  GtkWidget *dialog;
  g_autofree char *name = dup_entry (self->name_row);

  if (self->customer_id == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Customer?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will no longer be listed. Their orders stay as they are."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_order_activated (CcCustomerEditor *self,
                    GtkListBoxRow    *row)
{
  const char *order_id = g_ptr_array_index (self->order_ids, gtk_list_box_row_get_index (row));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  CcOrderEditor *editor = cc_order_editor_new (parent ? parent : GTK_WINDOW (self), self->store, order_id);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
load_orders (CcCustomerEditor *self,
             const char       *name)
{
  g_autoptr(GPtrArray) orders = NULL;

  g_ptr_array_set_size (self->order_ids, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->orders_group), self->customer_id != NULL);
  if (self->customer_id == NULL)
    return;

  orders = cc_orders_list_orders (self->store);
  for (guint i = 0; i < orders->len; i++)
    {
      CcOrder *order = g_ptr_array_index (orders, i);

      if (g_strcmp0 (order->customer_id, self->customer_id) != 0)
        continue;
      g_ptr_array_add (self->order_ids, g_strdup (order->id));
      gtk_list_box_append (self->orders_list, cc_order_row_new (order, name));
    }
}

static void
cc_customer_editor_dispose (GObject *object)
{
  CcCustomerEditor *self = CC_CUSTOMER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->order_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_customer_editor_parent_class)->dispose (object);
}

static void
cc_customer_editor_finalize (GObject *object)
{
  CcCustomerEditor *self = CC_CUSTOMER_EDITOR (object);

  g_free (self->customer_id);
  G_OBJECT_CLASS (cc_customer_editor_parent_class)->finalize (object);
}

static void
cc_customer_editor_class_init (CcCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_customer_editor_dispose;
  object_class->finalize = cc_customer_editor_finalize;

  /**
   * CcCustomerEditor::saved:
   * @customer_id: the customer written
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, address_view);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, orders_group);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, orders_list);
  gtk_widget_class_bind_template_child (widget_class, CcCustomerEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_order_activated);

  gtk_widget_class_install_action (widget_class, "customer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "customer.delete", NULL, delete_action);
}

static void
cc_customer_editor_init (CcCustomerEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->order_ids = g_ptr_array_new_with_free_func (g_free);

  placeholder = gtk_label_new (_("No orders yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->orders_list, placeholder);
}

CcCustomerEditor *
cc_customer_editor_new (GtkWindow   *parent,
                        CcStore     *store,
                        const char  *customer_id)
{
  CcCustomerEditor *self;
  g_autoptr(CcCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  if (customer_id != NULL)
    {
      customer = cc_orders_get_customer (store, customer_id, &error);
      if (customer == NULL)
        show_error (self, error->message);
    }
  if (customer != NULL)
    {
      self->customer_id = g_strdup (customer->id);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), customer->name ? customer->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->email_row), customer->email ? customer->email : "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), customer->phone ? customer->phone : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view),
                                customer->address ? customer->address : "", -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                customer->notes ? customer->notes : "", -1);
      adw_window_title_set_title (self->window_title, customer->name);
      gtk_window_set_title (GTK_WINDOW (self), customer->name);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Customer"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Customer"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->customer_id != NULL);
  load_orders (self, customer ? customer->name : NULL);
  return self;
}

const char *
cc_customer_editor_get_customer_id (CcCustomerEditor *self)
{
  g_return_val_if_fail (CC_IS_CUSTOMER_EDITOR (self), NULL);
  return self->customer_id;
}

void
cc_customer_editor_set_fields (CcCustomerEditor *self,
                               const char       *name,
                               const char       *email,
                               const char       *phone,
                               const char       *address,
                               const char       *notes)
{
  g_return_if_fail (CC_IS_CUSTOMER_EDITOR (self));

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (email != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  if (phone != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone);
  if (address != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view), address, -1);
  if (notes != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
}

const char *
cc_customer_editor_get_error_text (CcCustomerEditor *self)
{
  g_return_val_if_fail (CC_IS_CUSTOMER_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

guint
cc_customer_editor_get_n_orders (CcCustomerEditor *self)
{
  g_return_val_if_fail (CC_IS_CUSTOMER_EDITOR (self), 0);
  return self->order_ids->len;
}
