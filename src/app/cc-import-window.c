/* cc-import-window.c — products in from a CSV with a preview, their photos fetched after; products and orders out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-image-fetch.h"
#include "cc-import.h"
#include "cc-import-window.h"
#include "cc-ui-util.h"
#include "cc-window.h"

/* Reading and writing a file of 10,000 rows takes seconds, so both run on
 * a worker with its own connection to the shop (the window's store
 * belongs to the main thread); afterwards the main thread catches up with
 * cc_store_refresh. Photos are fetched by cc_image_fetch_async, whose
 * worker touches no database. */

#define MAX_ROWS_SHOWN 500

struct _CcImportWindow
{
  AdwWindow             parent_instance;

  /* template widgets */
  GtkStack             *stack;
  GtkButton            *import_button;
  AdwStatusPage        *busy_page;
  GtkSpinner           *busy_spinner;
  AdwPreferencesGroup  *summary_group;
  AdwActionRow         *format_row;
  GtkLabel             *create_label;
  GtkLabel             *update_label;
  AdwActionRow         *images_row;
  GtkLabel             *images_label;
  AdwActionRow         *quantities_row;
  GtkLabel             *quantities_label;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  AdwStatusPage        *fetch_page;
  GtkProgressBar       *fetch_progress;
  GtkLabel             *fetch_url_label;
  AdwStatusPage        *done_page;
  AdwPreferencesGroup  *failures_group;
  GtkListBox           *failures_list;
  GtkButton            *fetch_again_button;
  AdwStatusPage        *error_page;

  /* borrowed */
  GtkWindow            *parent;   /* weak */

  /* owned */
  CcStore              *store;
  GCancellable         *cancellable;        /* reading and importing */
  GCancellable         *fetch_cancellable;  /* fetching photos */
  GtkFileChooserNative *chooser;
  CcImportPreview      *preview;
  char                 *path;
  char                 *summary;            /* what the import did, for the end */
  guint                 n_create;
  guint                 n_update;
  guint                 n_problems;
  guint                 n_images;
};

G_DEFINE_FINAL_TYPE (CcImportWindow, cc_import_window, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast_parent (CcImportWindow *self,
              const char     *text)
{
  if (self->parent != NULL && CC_IS_WINDOW (self->parent))
    cc_window_add_toast (CC_WINDOW (self->parent), adw_toast_new (text));
}

static void
show_page (CcImportWindow *self,
           const char     *name)
{
  gboolean previewing = g_strcmp0 (name, "preview") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 previewing && self->preview != NULL && self->preview->items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose",
                                 g_strcmp0 (name, "busy") != 0 && g_strcmp0 (name, "fetching") != 0);
  if (g_strcmp0 (name, "busy") == 0)
    gtk_spinner_start (self->busy_spinner);
  else
    gtk_spinner_stop (self->busy_spinner);
}

static void
show_error (CcImportWindow *self,
            const char     *message)
{
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  gtk_list_box_append (list, row);
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
}

static const char *
format_label (CcImportFormat format)
{
  switch (format)
    {
    case CC_IMPORT_FORMAT_SHOPIFY:
      return _("Shopify product CSV");
    case CC_IMPORT_FORMAT_SHOPIFY_2024:
      return _("Shopify product CSV (2024 columns)");
    case CC_IMPORT_FORMAT_ETSY:
      return _("Etsy listings CSV");
    default:
      g_assert_not_reached ();
    }
}

/* Preview */

static void
show_preview (CcImportWindow *self)
{
  CcImportPreview *preview = self->preview;
  g_autofree char *name = g_path_get_basename (self->path);

  self->n_create = preview->n_create;
  self->n_update = preview->n_update;
  self->n_problems = preview->problems->len;
  self->n_images = 0;
  for (guint i = 0; i < preview->items->len; i++)
    self->n_images += ((CcImportItem *)g_ptr_array_index (preview->items, i))->image_urls->len;

  adw_preferences_group_set_title (self->summary_group, name);
  adw_action_row_set_subtitle (self->format_row, format_label (preview->format));
  set_count (self->create_label, preview->n_create);
  set_count (self->update_label, preview->n_update);
  set_count (self->images_label, self->n_images);
  set_count (self->quantities_label, preview->n_quantities);
  gtk_widget_set_visible (GTK_WIDGET (self->images_row), self->n_images > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->quantities_row), preview->n_quantities > 0);

  cc_ui_clear_list_box (self->problems_list);
  for (guint i = 0; i < preview->problems->len && i < MAX_ROWS_SHOWN; i++)
    {
      CcImportProblem *problem = g_ptr_array_index (preview->problems, i);
      /* TRANSLATORS: a line of the imported file, "Line 14" */
      g_autofree char *title = g_strdup_printf (_("Line %u"), problem->line);

      add_row (self->problems_list, title, problem->reason);
    }
  if (preview->problems->len > MAX_ROWS_SHOWN)
    {
      guint more = preview->problems->len - MAX_ROWS_SHOWN;
      g_autofree char *title = g_strdup_printf (ngettext ("And %u more line", "And %u more lines", more), more);

      add_row (self->problems_list, title, _("Preview the file with “craftchain-cli import --dry-run” to see them all"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), preview->problems->len > 0);

  show_page (self, "preview");
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **paths = task_data;   /* database, file */
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (paths[0], &error);
  CcImportPreview *preview;

  if (store == NULL || (preview = cc_import_preview_file (store, paths[1], &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, (GDestroyNotify)cc_import_preview_free);
}

static void
preview_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CcImportWindow *self = CC_IMPORT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  CcImportPreview *preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (preview == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->preview, cc_import_preview_free);
  self->preview = preview;
  show_preview (self);
}

void
cc_import_window_open_path (CcImportWindow *self,
                            const char     *path)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (CC_IS_IMPORT_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->preview, cc_import_preview_free);
  adw_status_page_set_title (self->busy_page, _("Reading the File…"));
  show_page (self, "busy");

  self->cancellable = g_cancellable_new ();
  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (cc_store_get_path (self->store));
  paths[1] = g_strdup (path);
  task = g_task_new (self, self->cancellable, preview_done, NULL);
  g_task_set_source_tag (task, cc_import_window_open_path);
  g_task_set_task_data (task, paths, (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, preview_thread);
}

static void
on_chooser_response (CcImportWindow       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("This file is not on this computer: save it to a folder first."));
      return;
    }
  cc_import_window_open_path (self, path);
}

void
cc_import_window_choose_file (CcImportWindow *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (CC_IS_IMPORT_WINDOW (self));

  if (self->chooser != NULL || self->cancellable != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Products"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Fetching photos */

static void
show_done (CcImportWindow     *self,
           CcImageFetchReport *report)
{
  g_autoptr(GString) text = g_string_new (self->summary);
  guint waiting = 0;

  cc_ui_clear_list_box (self->failures_list);
  if (report != NULL)
    {
      if (report->n_total > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, ngettext ("%u of %u photo fetched.", "%u of %u photos fetched.",
                                                  report->n_total),
                                  report->n_attached, report->n_total);
        }
      if (report->outcome == CC_IMAGE_FETCH_OFFLINE)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("There is no network: the photos wait until you fetch them again, nothing is lost."));
        }
      else if (report->outcome == CC_IMAGE_FETCH_CANCELLED)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Stopped: the other photos wait until you fetch them again."));
        }
      for (guint i = 0; i < report->failures->len && i < MAX_ROWS_SHOWN; i++)
        {
          CcImageFetchEntry *entry = g_ptr_array_index (report->failures, i);

          add_row (self->failures_list, entry->reason, entry->url);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->failures_group), report->failures->len > 0);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->failures_group), FALSE);

  {
    g_autoptr(GPtrArray) pending = cc_image_fetch_list_pending (self->store, NULL, 0);

    waiting = pending->len;
  }
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_again_button), waiting > 0);
  adw_status_page_set_description (self->done_page, text->str);
  show_page (self, "done");
}

static void
on_fetch_progress (guint       done,
                   guint       total,
                   const char *url,
                   gpointer    user_data)
{
  CcImportWindow *self = CC_IMPORT_WINDOW (user_data);
  g_autofree char *text = NULL;

  if (self->fetch_cancellable == NULL || g_cancellable_is_cancelled (self->fetch_cancellable))
    return;
  gtk_progress_bar_set_fraction (self->fetch_progress, total > 0 ? (double)done / total : 1.0);
  /* TRANSLATORS: photos fetched so far, "3 of 12" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->fetch_progress, text);
  gtk_label_set_text (self->fetch_url_label, url ? url : "");
}

static void
fetch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CcImportWindow) self = CC_IMPORT_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcImageFetchReport) report = cc_image_fetch_finish (CC_STORE (object), result, &error);
  g_autofree char *toast = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->fetch_cancellable == NULL)
    return;
  g_clear_object (&self->fetch_cancellable);
  g_signal_emit (self, signals[IMPORTED], 0);

  if (report == NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (report->n_failed > 0)
    toast = g_strdup_printf (ngettext ("%u photo fetched, %u could not be", "%u photos fetched, %u could not be",
                                       report->n_attached),
                             report->n_attached, report->n_failed);
  else if (report->outcome == CC_IMAGE_FETCH_OFFLINE)
    toast = g_strdup (_("No network: the photos will be fetched later"));
  else if (report->n_attached > 0)
    toast = g_strdup_printf (ngettext ("%u photo fetched", "%u photos fetched", report->n_attached),
                             report->n_attached);
  if (toast != NULL)
    toast_parent (self, toast);
  show_done (self, report);
}

static void
start_fetch (CcImportWindow *self)
{
  if (self->fetch_cancellable != NULL)
    return;

  self->fetch_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->fetch_progress, 0.0);
  gtk_progress_bar_set_text (self->fetch_progress, NULL);
  gtk_label_set_text (self->fetch_url_label, "");
  show_page (self, "fetching");
  cc_image_fetch_async (self->store, NULL, NULL,
                        on_fetch_progress, g_object_ref (self), g_object_unref,
                        self->fetch_cancellable, fetch_done, g_object_ref (self));
}

/* Importing */

typedef struct
{
  char            *db_path;
  CcImportPreview *preview;
  guint            created;
  guint            updated;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_free (data->db_path);
  cc_import_preview_free (data->preview);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (data->db_path, &error);

  if (store == NULL || !cc_import_apply (store, data->preview, &data->created, &data->updated, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
apply_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CcImportWindow *self = CC_IMPORT_WINDOW (object);
  ApplyData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  /* Written or not, cancelled or not: catch up with the worker's connection. */
  cc_store_refresh (self->store);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      show_error (self, error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[IMPORTED], 0);

  g_free (self->summary);
  self->summary = g_strdup_printf (ngettext ("%u piece created, %u updated.", "%u pieces created, %u updated.",
                                             data->created),
                                   data->created, data->updated);
  toast = g_strdup_printf (ngettext ("Imported %u piece", "Imported %u pieces", data->created + data->updated),
                           data->created + data->updated);
  toast_parent (self, toast);

  pending = cc_image_fetch_list_pending (self->store, NULL, 0);
  if (self->n_images > 0 && pending->len > 0)
    start_fetch (self);
  else
    show_done (self, NULL);
}

static void
start_import_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcImportWindow *self = CC_IMPORT_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  if (self->preview == NULL || self->cancellable != NULL)
    return;

  data = g_new0 (ApplyData, 1);
  data->db_path = g_strdup (cc_store_get_path (self->store));
  data->preview = g_steal_pointer (&self->preview);

  adw_status_page_set_title (self->busy_page, _("Importing…"));
  show_page (self, "busy");
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, apply_done, NULL);
  g_task_set_source_tag (task, start_import_action);
  g_task_set_task_data (task, data, (GDestroyNotify)apply_data_free);
  g_task_run_in_thread (task, apply_thread);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cc_import_window_choose_file (CC_IMPORT_WINDOW (widget));
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_fetch (CC_IMPORT_WINDOW (widget));
}

static void
cancel_fetch_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcImportWindow *self = CC_IMPORT_WINDOW (widget);

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
}

/* Test hooks */

const char *
cc_import_window_get_page (CcImportWindow *self)
{
  g_return_val_if_fail (CC_IS_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
cc_import_window_get_counts (CcImportWindow *self,
                             guint          *n_create,
                             guint          *n_update,
                             guint          *n_problems,
                             guint          *n_images)
{
  g_return_if_fail (CC_IS_IMPORT_WINDOW (self));

  if (n_create != NULL)
    *n_create = self->n_create;
  if (n_update != NULL)
    *n_update = self->n_update;
  if (n_problems != NULL)
    *n_problems = self->n_problems;
  if (n_images != NULL)
    *n_images = self->n_images;
}

GtkListBox *
cc_import_window_get_problems_list (CcImportWindow *self)
{
  g_return_val_if_fail (CC_IS_IMPORT_WINDOW (self), NULL);
  return self->problems_list;
}

GtkListBox *
cc_import_window_get_failures_list (CcImportWindow *self)
{
  g_return_val_if_fail (CC_IS_IMPORT_WINDOW (self), NULL);
  return self->failures_list;
}

double
cc_import_window_get_fetch_fraction (CcImportWindow *self)
{
  g_return_val_if_fail (CC_IS_IMPORT_WINDOW (self), 0.0);
  return gtk_progress_bar_get_fraction (self->fetch_progress);
}

/* GObject */

static void
cc_import_window_dispose (GObject *object)
{
  CcImportWindow *self = (CcImportWindow *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->fetch_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->parent);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_IMPORT_WINDOW);

  G_OBJECT_CLASS (cc_import_window_parent_class)->dispose (object);
}

static void
cc_import_window_finalize (GObject *object)
{
  CcImportWindow *self = (CcImportWindow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, cc_import_preview_free);
  g_free (self->path);
  g_free (self->summary);

  G_OBJECT_CLASS (cc_import_window_parent_class)->finalize (object);
}

static void
cc_import_window_class_init (CcImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_import_window_dispose;
  object_class->finalize = cc_import_window_finalize;

  /**
   * CcImportWindow::imported:
   *
   * Pieces or photos were written: the shop's screens should reload.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, busy_page);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, summary_group);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, create_label);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, update_label);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, images_row);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, images_label);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, quantities_row);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, quantities_label);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, fetch_page);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, fetch_progress);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, fetch_url_label);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, done_page);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, failures_group);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, failures_list);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, fetch_again_button);
  gtk_widget_class_bind_template_child (widget_class, CcImportWindow, error_page);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_import_action);
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.fetch", NULL, fetch_action);
  gtk_widget_class_install_action (widget_class, "import.cancel-fetch", NULL, cancel_fetch_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_import_window_init (CcImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_page (self, "start");
}

CcImportWindow *
cc_import_window_new (GtkWindow *parent,
                      CcStore   *store)
{
  CcImportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_IMPORT_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->parent, parent);
  return self;
}

/* Export */

typedef struct
{
  char         *db_path;
  char         *path;
  CcExportKind  kind;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (data->db_path, &error);
  gboolean ok = store != NULL;

  if (ok && data->kind == CC_EXPORT_PRODUCTS)
    ok = cc_export_shopify_csv (store, data->path, &error);
  else if (ok)
    ok = cc_export_orders_csv (store, data->path, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (data->path);
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (error->message);
  else if (data->kind == CC_EXPORT_PRODUCTS)
    text = g_strdup_printf (_("Products saved to “%s”"), name);
  else
    text = g_strdup_printf (_("Orders saved to “%s”"), name);
  if (CC_IS_WINDOW (object))
    cc_window_add_toast (CC_WINDOW (object), adw_toast_new (text));
}

void
cc_export_to_path (GtkWindow    *parent,
                   CcStore      *store,
                   CcExportKind  kind,
                   const char   *path)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (cc_store_get_path (store));
  data->path = g_strdup (path);
  data->kind = kind;
  task = g_task_new (parent, NULL, export_done, NULL);
  g_task_set_source_tag (task, cc_export_to_path);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkFileChooserNative *chooser,
                    int                   response,
                    CcStore              *store)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser));
  CcExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "export-kind"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && parent != NULL)
    cc_export_to_path (parent, store, kind, path);
  g_object_unref (chooser);
}

void
cc_export_run (GtkWindow    *parent,
               CcStore      *store,
               CcExportKind  kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CC_IS_STORE (store));

  /* Untranslated: a file name other programs and marketplaces see. */
  name = g_date_time_format (now, kind == CC_EXPORT_PRODUCTS ? "products-%Y-%m-%d.csv" : "orders-%Y-%m-%d.csv");
  chooser = gtk_file_chooser_native_new (kind == CC_EXPORT_PRODUCTS ? _("Export Products") : _("Export Orders"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_object_set_data (G_OBJECT (chooser), "export-kind", GINT_TO_POINTER (kind));
  /* The chooser holds itself and the store until it answers. */
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_export_response),
                         g_object_ref (store), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
