/* cc-order-documents.c — an order's invoice, receipt or packing slip saved as PDF or printed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-order-documents.h"

const char *
cc_order_documents_kind_label (CcDocumentKind kind)
{
  switch (kind)
    {
    case CC_DOCUMENT_INVOICE:
      return _("Invoice");
    case CC_DOCUMENT_RECEIPT:
      return _("Receipt");
    case CC_DOCUMENT_PACKING_SLIP:
      return _("Packing Slip");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
cc_order_documents_suggest_name (CcDocumentKind  kind,
                                 const char     *number)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (number != NULL, NULL);

  /* TRANSLATORS: a file name: "Invoice HY-3.pdf"; the first %s is the
   * document ("Invoice", "Receipt", "Packing Slip"), the second the order number. */
  name = g_strdup_printf (_("%s %s.pdf"), cc_order_documents_kind_label (kind), number);
  /* A file name cannot hold a slash. */
  g_strdelimit (name, "/\\", '-');
  return g_steal_pointer (&name);
}

/* Saving */

typedef struct
{
  char           *db_path;
  char           *order_id;
  char           *number;
  char           *path;
  CcDocumentKind  kind;
  GtkWindow      *parent;     /* for the chooser */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->db_path);
  g_free (data->order_id);
  g_free (data->number);
  g_free (data->path);
  g_clear_object (&data->parent);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(CcStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The main thread's store is not ours to use: a connection of our own. */
  store = cc_store_open (data->db_path, &error);
  if (store == NULL || !cc_invoice_write_pdf (store, data->order_id, data->kind, NULL, data->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static SaveData *
save_data_new (CcStore        *store,
               const char     *order_id,
               CcDocumentKind  kind)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->db_path = g_strdup (cc_store_get_path (store));
  data->order_id = g_strdup (order_id);
  data->kind = kind;
  return data;
}

void
cc_order_documents_save_async (CcStore             *store,
                               const char          *order_id,
                               CcDocumentKind       kind,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (order_id != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_order_documents_save_async);
  data = save_data_new (store, order_id, kind);
  data->path = g_strdup (path);
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     GTask           *task)
{
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || g_file_get_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Not saved"));
      g_object_unref (task);
      return;
    }
  data->path = g_file_get_path (file);
  g_task_run_in_thread (task, save_thread);
  g_object_unref (task);
}

void
cc_order_documents_choose_and_save (GtkWindow           *parent,
                                    CcStore             *store,
                                    const char          *order_id,
                                    const char          *number,
                                    CcDocumentKind       kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SaveData *data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (order_id != NULL && number != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_order_documents_save_async);
  data = save_data_new (store, order_id, kind);
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  /* TRANSLATORS: a dialog title: "Save Invoice", "Save Receipt"… */
  title = g_strdup_printf (_("Save %s"), cc_order_documents_kind_label (kind));
  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = cc_order_documents_suggest_name (kind, number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
cc_order_documents_save_finish (CcStore       *store,
                                GAsyncResult  *result,
                                char         **out_path,
                                GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  /* The worker's connection may have written (an invoice number): the
   * main connection catches up with its clock. */
  cc_store_refresh (store);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_path != NULL)
    *out_path = g_strdup (data->path);
  return TRUE;
}

/* Printing */

typedef struct
{
  CcStore           *store;
  char              *order_id;
  CcDocumentKind     kind;
  CcInvoiceDocument *doc;
  GtkPrintOperation *operation;  /* until done: it and its handlers hold the task */
  GError            *error;
  gboolean           finished;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->store);
  g_free (data->order_id);
  g_clear_pointer (&data->doc, cc_invoice_document_free);
  g_clear_object (&data->operation);
  g_clear_error (&data->error);
  g_free (data);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                GTask             *task)
{
  PrintData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->doc, cc_invoice_document_free);
  data->doc = cc_invoice_document_new (data->store, data->order_id, data->kind, NULL,
                                       gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context),
                                       &data->error);
  if (data->doc == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, cc_invoice_document_get_n_pages (data->doc));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              GTask             *task)
{
  PrintData *data = g_task_get_task_data (task);

  if (data->doc != NULL)
    cc_invoice_document_draw_page (data->doc, gtk_print_context_get_cairo_context (context), page);
}

static void
finish_print (GTask                   *task,
              GtkPrintOperation       *operation,
              GtkPrintOperationResult  result)
{
  PrintData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (data->finished)
    return;
  data->finished = TRUE;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Printing failed"));
      g_task_return_error (task, error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_CANCEL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Printing was cancelled"));
  else
    g_task_return_boolean (task, TRUE);

  /* Ends the cycle operation → handler → task → operation. */
  g_clear_object (&data->operation);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GTask                   *task)
{
  finish_print (task, operation, result);
}

void
cc_order_documents_print_async (GtkWindow           *parent,
                                CcStore             *store,
                                const char          *order_id,
                                const char          *number,
                                CcDocumentKind       kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkPrintOperation *operation;
  g_autofree char *job = NULL;
  PrintData *data;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (order_id != NULL && number != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_order_documents_print_async);
  data = g_new0 (PrintData, 1);
  data->store = g_object_ref (store);
  data->order_id = g_strdup (order_id);
  data->kind = kind;
  g_task_set_task_data (task, data, (GDestroyNotify)print_data_free);

  operation = gtk_print_operation_new ();
  data->operation = operation;
  /* TRANSLATORS: a print job's name: "Invoice HY-3". */
  job = g_strdup_printf (_("%s %s"), cc_order_documents_kind_label (kind), number);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The handlers hold the task until the operation is done with it. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print),
                         g_object_ref (task), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), task);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), task);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && data->operation != NULL)
    {
      g_object_ref (operation);
      finish_print (task, operation, result);
      g_object_unref (operation);
    }
}

gboolean
cc_order_documents_print_finish (CcStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reports */

void
cc_order_documents_report_saved (CcStore         *store,
                                 GAsyncResult    *result,
                                 AdwToastOverlay *overlay)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (!cc_order_documents_save_finish (store, result, &path, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
      return;
    }
  name = g_path_get_basename (path);
  text = g_strdup_printf (_("Saved “%s”"), name);
  adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
}

void
cc_order_documents_report_printed (CcStore         *store,
                                   GAsyncResult    *result,
                                   AdwToastOverlay *overlay)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (!cc_order_documents_print_finish (store, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (overlay, adw_toast_new (error->message));
}
