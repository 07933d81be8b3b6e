/* cc-order-documents.h — an order's invoice, receipt or packing slip saved as PDF or printed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-invoice.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* "Invoice", "Receipt", "Packing Slip": translated. */
const char *cc_order_documents_kind_label     (CcDocumentKind kind);
/* "Invoice HY-3.pdf", translated. */
char       *cc_order_documents_suggest_name   (CcDocumentKind  kind,
                                               const char     *number);

/* Writes the document to path on a worker thread with its own connection
 * to the shop (the main thread's CcStore stays on the main thread); the
 * finish refreshes store. */
void        cc_order_documents_save_async     (CcStore             *store,
                                               const char          *order_id,
                                               CcDocumentKind       kind,
                                               const char          *path,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Asks where with a GtkFileChooserNative (suggesting "Invoice <number>.pdf"),
 * then saves as above. Declining the chooser is G_IO_ERROR_CANCELLED. */
void        cc_order_documents_choose_and_save (GtkWindow           *parent,
                                                CcStore             *store,
                                                const char          *order_id,
                                                const char          *number,
                                                CcDocumentKind       kind,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* For both: out_path (optional) receives where the file was written. */
gboolean    cc_order_documents_save_finish    (CcStore       *store,
                                               GAsyncResult  *result,
                                               char         **out_path,
                                               GError       **error);

/* Prints through GtkPrintOperation, drawing CcInvoiceDocument pages laid
 * out for the printer's page. A person cancelling is G_IO_ERROR_CANCELLED. */
void        cc_order_documents_print_async    (GtkWindow           *parent,
                                               CcStore             *store,
                                               const char          *order_id,
                                               const char          *number,
                                               CcDocumentKind       kind,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    cc_order_documents_print_finish   (CcStore       *store,
                                               GAsyncResult  *result,
                                               GError       **error);

/* Finish a save (or a print) and tell the person with a toast in overlay:
 * the file's name, or what went wrong; nothing when they cancelled. */
void        cc_order_documents_report_saved   (CcStore          *store,
                                               GAsyncResult     *result,
                                               AdwToastOverlay  *overlay);
void        cc_order_documents_report_printed (CcStore          *store,
                                               GAsyncResult     *result,
                                               AdwToastOverlay  *overlay);

G_END_DECLS
