/* cc-window.c — the main window: the shop's sections, the demo offer, toasts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-bench-probe.h"
#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-categories-window.h"
#include "cc-conflicts-window.h"
#include "cc-customers-page.h"
#include "cc-demo.h"
#include "cc-import-window.h"
#include "cc-inventory-page.h"
#include "cc-materials-page.h"
#include "cc-orders-page.h"
#include "cc-photo-analysis.h"
#include "cc-preferences-window.h"
#include "cc-product-editor.h"
#include "cc-stock-watch.h"
#include "cc-sync-indicator.h"
#include "cc-window.h"

struct _CcWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  CcCataloguePage      *catalogue_page;
  CcMaterialsPage      *materials_page;
  CcInventoryPage      *inventory_page;
  CcOrdersPage         *orders_page;
  CcCustomersPage      *customers_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *busy_spinner;
  GtkButton            *new_button;
  CcSyncIndicator      *sync_indicator;
  GtkInfoBar           *conflicts_bar;
  GtkLabel             *conflicts_label;
  GMenu                *sync_section;

  /* owned */
  CcStore              *store;
  GSettings            *settings;
  GCancellable         *busy_cancellable;
  GtkWindow            *editor;   /* weak */
  CcStockWatch         *stock_watch;
  GCancellable         *analysis_cancellable;  /* while the runner runs */
  guint                 analysis_source;
  gboolean              analysis_again;        /* a commit came meanwhile */
  GtkWindow            *conflicts_window;      /* weak */
  guint                 conflicts_source;
  guint                 n_conflicts;
};

G_DEFINE_FINAL_TYPE (CcWindow, cc_window, ADW_TYPE_APPLICATION_WINDOW)

static void schedule_analysis (CcWindow *self);

void
cc_window_add_toast (CcWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CC_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cc_window_show_page (CcWindow   *self,
                     const char *name)
{
  g_return_if_fail (CC_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
cc_window_get_page (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
cc_window_get_catalogue_page (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->catalogue_page);
}

GtkWindow *
cc_window_get_editor (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return self->editor;
}

static void
set_shop_actions_enabled (CcWindow *self,
                          gboolean  enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-product", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.categories", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-products", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-products", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-orders", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-busy", !enabled);
}

/* Editing */

static void
on_editor_saved (CcWindow   *self,
                 const char *product_id)
{
  cc_catalogue_page_reload (self->catalogue_page);
}

static void
undo_archive (AdwToast *toast,
              CcWindow *self)
{
  const char *product_id = g_object_get_data (G_OBJECT (toast), "product-id");
  int previous = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "previous-status"));
  g_autoptr(GError) error = NULL;

  if (!cc_catalogue_set_status (self->store, product_id, previous, &error))
    {
      cc_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  cc_catalogue_page_reload (self->catalogue_page);
}

static void
on_editor_archived (CcWindow   *self,
                    const char *product_id,
                    int         previous_status)
{
  AdwToast *toast = adw_toast_new (_("Piece archived"));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "product-id", g_strdup (product_id), g_free);
  g_object_set_data (G_OBJECT (toast), "previous-status", GINT_TO_POINTER (previous_status));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_archive), self, 0);
  cc_window_add_toast (self, toast);
  cc_catalogue_page_reload (self->catalogue_page);
}

static void
open_editor (CcWindow   *self,
             const char *product_id)
{
  CcProductEditor *editor;

  if (self->store == NULL)
    return;

  editor = cc_product_editor_new (GTK_WINDOW (self), self->store, product_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "archived", G_CALLBACK (on_editor_archived), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_product_activated (CcWindow   *self,
                      const char *product_id)
{
  open_editor (self, product_id);
}

static void
new_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_editor (CC_WINDOW (widget), NULL);
}

static void
open_product_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (CC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cc_catalogue_page_focus_search (CC_WINDOW (widget)->catalogue_page);
}

static void
on_shop_changed (CcWindow *self)
{
  cc_catalogue_page_reload (self->catalogue_page);
}

static void
categories_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  CcCategoriesWindow *window;

  if (self->store == NULL)
    return;
  window = cc_categories_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (window, "changed", G_CALLBACK (on_shop_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* Import and export */

static void
import_products_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);
  CcImportWindow *window;

  if (self->store == NULL)
    return;
  window = cc_import_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (window, "imported", G_CALLBACK (on_shop_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  cc_import_window_choose_file (window);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->store == NULL)
    return;
  cc_export_run (GTK_WINDOW (self), self->store,
                 g_str_equal (action_name, "win.export-orders") ? CC_EXPORT_ORDERS : CC_EXPORT_PRODUCTS);
}

void
cc_window_show_preferences (CcWindow *self)
{
  CcPreferencesWindow *window;

  g_return_if_fail (CC_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  window = cc_preferences_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (window, "shop-changed", G_CALLBACK (on_shop_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* Sync: the header's indicator, the Conflicts view and its count. */

static void
update_conflicts (CcWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *label = NULL;
  guint n = 0;

  if (self->store != NULL && (conflicts = cc_store_conflicts_list_full (self->store, NULL)) != NULL)
    n = conflicts->len;

  if (n == self->n_conflicts && g_menu_model_get_n_items (G_MENU_MODEL (self->sync_section)) > 0)
    return;
  self->n_conflicts = n;

  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u change made on two devices needs your decision",
                                                         "%u changes made on two devices need your decision",
                                                         n),
                                               n);

      gtk_label_set_text (self->conflicts_label, text);
      /* Translators: the menu item with the number of unsettled conflicts. */
      label = g_strdup_printf (_("C_onflicts (%u)"), n);
    }
  else
    label = g_strdup (_("C_onflicts"));
  gtk_info_bar_set_revealed (self->conflicts_bar, n > 0);

  g_menu_remove_all (self->sync_section);
  item = g_menu_item_new (label, "win.conflicts");
  g_menu_append_item (self->sync_section, item);
}

static gboolean
update_conflicts_idle (gpointer user_data)
{
  CcWindow *self = CC_WINDOW (user_data);

  self->conflicts_source = 0;
  update_conflicts (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_conflicts_update (CcWindow *self)
{
  if (self->conflicts_source == 0)
    self->conflicts_source = g_idle_add (update_conflicts_idle, self);
}

GtkWindow *
cc_window_show_conflicts (CcWindow *self)
{
  CcConflictsWindow *window;

  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  if (self->conflicts_window != NULL)
    {
      gtk_window_present (self->conflicts_window);
      return self->conflicts_window;
    }
  window = cc_conflicts_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (window, "settled", G_CALLBACK (on_shop_changed), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->conflicts_window, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cc_window_show_conflicts (CC_WINDOW (widget));
}

GtkWindow *
cc_window_show_sync_preferences (CcWindow *self)
{
  CcPreferencesWindow *window;

  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  window = cc_preferences_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (window, "shop-changed", G_CALLBACK (on_shop_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "sync");
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
sync_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cc_window_show_sync_preferences (CC_WINDOW (widget));
}

void
cc_window_reload_shop (CcWindow *self)
{
  g_return_if_fail (CC_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  cc_catalogue_page_reload (self->catalogue_page);
  update_conflicts (self);
}

GtkWidget *
cc_window_get_sync_indicator (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sync_indicator);
}

guint
cc_window_get_n_conflicts (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), 0);
  return self->n_conflicts;
}

gboolean
cc_window_get_conflicts_banner_shown (CcWindow *self)
{
  g_return_val_if_fail (CC_IS_WINDOW (self), FALSE);
  return gtk_info_bar_get_revealed (self->conflicts_bar);
}

/* The demo shop, loaded by a worker on its own connection: the main
 * thread keeps drawing, and its connection sees the rows once committed. */

static void
load_demo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);

  if (store == NULL || !cc_demo_load (store, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_demo_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CcWindow *self = CC_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gtk_spinner_stop (self->busy_spinner);
  g_clear_object (&self->busy_cancellable);
  gtk_stack_set_visible_child_name (self->main_stack, "shop");
  set_shop_actions_enabled (self, TRUE);

  cc_store_refresh (self->store);
  cc_catalogue_page_reload (self->catalogue_page);
  schedule_analysis (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cc_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  cc_window_add_toast (self, adw_toast_new (_("The demo shop is ready")));
}

void
cc_window_load_demo (CcWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CC_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  if (self->busy_cancellable != NULL)
    return;

  self->busy_cancellable = g_cancellable_new ();
  set_shop_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "busy");
  gtk_spinner_start (self->busy_spinner);

  task = g_task_new (self, self->busy_cancellable, load_demo_done, NULL);
  g_task_set_source_tag (task, cc_window_load_demo);
  g_task_set_task_data (task, g_strdup (cc_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, load_demo_thread);
}

static void
cancel_busy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->busy_cancellable != NULL)
    g_cancellable_cancel (self->busy_cancellable);
}

static void
on_demo_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CcWindow         *self)
{
  g_settings_set_boolean (self->settings, "demo-offered", TRUE);
  if (g_strcmp0 (response, "demo") == 0)
    cc_window_load_demo (self);
}

static gboolean
offer_demo (gpointer user_data)
{
  CcWindow *self = CC_WINDOW (user_data);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Welcome to CraftChain"),
                                   _("Your shop is empty. Would you like to explore a demo shop with forty pieces of pottery, textiles, jewellery and woodwork first?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "empty", _("Start _Empty"),
                                    "demo", _("Load _Demo Shop"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "demo", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "demo");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "empty");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_demo_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

/* Photo analysis runs in the background: shortly after start and after
 * each commit (new photos), coalesced, never two runs at once. */

static void
analysis_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CcStore *store = CC_STORE (object);
  g_autoptr(CcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint analysed = 0;

  if (!cc_photo_analysis_run_finish (store, result, &analysed, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Photo analysis stopped: %s", error->message);
    }
  g_clear_object (&self->analysis_cancellable);
  if (analysed > 0)
    cc_catalogue_page_reload (self->catalogue_page);
  if (self->analysis_again)
    schedule_analysis (self);
}

static gboolean
run_analysis (gpointer user_data)
{
  CcWindow *self = CC_WINDOW (user_data);

  self->analysis_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->analysis_cancellable != NULL)
    {
      self->analysis_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->analysis_again = FALSE;
  self->analysis_cancellable = g_cancellable_new ();
  cc_photo_analysis_run_async (self->store, NULL, NULL, self->analysis_cancellable,
                               analysis_done, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_analysis (CcWindow *self)
{
  if (self->analysis_cancellable != NULL)
    self->analysis_again = TRUE;
  else if (self->analysis_source == 0)
    self->analysis_source = g_timeout_add (1000, run_analysis, self);
}

/* GObject */

static void
cc_window_dispose (GObject *object)
{
  CcWindow *self = (CcWindow *)object;

  if (self->busy_cancellable != NULL)
    g_cancellable_cancel (self->busy_cancellable);
  g_clear_object (&self->busy_cancellable);
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->conflicts_window);
  g_clear_handle_id (&self->conflicts_source, g_source_remove);
  g_clear_handle_id (&self->analysis_source, g_source_remove);
  g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_WINDOW);

  G_OBJECT_CLASS (cc_window_parent_class)->dispose (object);
}

static void
cc_window_finalize (GObject *object)
{
  CcWindow *self = (CcWindow *)object;

  g_clear_object (&self->stock_watch);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cc_window_parent_class)->finalize (object);
}

static void
cc_window_class_init (CcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_window_dispose;
  object_class->finalize = cc_window_finalize;

  g_type_ensure (CC_TYPE_CATALOGUE_PAGE);
  g_type_ensure (CC_TYPE_MATERIALS_PAGE);
  g_type_ensure (CC_TYPE_INVENTORY_PAGE);
  g_type_ensure (CC_TYPE_ORDERS_PAGE);
  g_type_ensure (CC_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (CC_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, catalogue_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, materials_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, inventory_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, conflicts_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sync_section);
  gtk_widget_class_bind_template_callback (widget_class, on_product_activated);

  gtk_widget_class_install_action (widget_class, "win.new-product", NULL, new_product_action);
  gtk_widget_class_install_action (widget_class, "win.open-product", "s", open_product_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.categories", NULL, categories_action);
  gtk_widget_class_install_action (widget_class, "win.import-products", NULL, import_products_action);
  gtk_widget_class_install_action (widget_class, "win.export-products", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-orders", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-busy", NULL, cancel_busy_action);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.sync-preferences", NULL, sync_preferences_action);
}

static void
cc_window_init (CcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

CcWindow *
cc_window_new (CcApplication *app,
               CcStore       *store,
               const GError  *open_error)
{
  CcWindow *self;

  g_return_val_if_fail (CC_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (store != NULL || open_error != NULL, NULL);

  self = g_object_new (CC_TYPE_WINDOW, "application", app, NULL);

  if (store == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s\n\nNothing was changed. Move the file aside to start a new shop, or restore a backup with “craftchain-cli restore”."),
                                               open_error->message);

      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      set_shop_actions_enabled (self, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-busy", FALSE);
      return self;
    }

  self->store = g_object_ref (store);
  set_shop_actions_enabled (self, TRUE);
  cc_catalogue_page_set_store (self->catalogue_page, store);
  cc_materials_page_set_store (self->materials_page, store);
  cc_inventory_page_set_store (self->inventory_page, store);
  cc_orders_page_set_store (self->orders_page, store);
  cc_customers_page_set_store (self->customers_page, store);
  self->stock_watch = cc_stock_watch_new (G_APPLICATION (app), store);
  cc_bench_probe_attach (GTK_WINDOW (self));
  g_signal_connect_object (store, "committed", G_CALLBACK (schedule_analysis), self, G_CONNECT_SWAPPED);
  schedule_analysis (self);
  cc_sync_indicator_set_engine (self->sync_indicator, cc_application_get_sync_engine (app));
  g_signal_connect_object (store, "committed", G_CALLBACK (schedule_conflicts_update), self, G_CONNECT_SWAPPED);
  update_conflicts (self);

  if (cc_catalogue_count_products (store) == 0 &&
      !g_settings_get_boolean (self->settings, "demo-offered"))
    g_idle_add_full (G_PRIORITY_LOW, offer_demo, g_object_ref (self), g_object_unref);

  return self;
}
