/* cc-invoice.h — an order's invoice, receipt or packing slip as a PDF file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cc-store.h"

G_BEGIN_DECLS

typedef enum
{
  CC_DOCUMENT_INVOICE,
  CC_DOCUMENT_RECEIPT,
  CC_DOCUMENT_PACKING_SLIP,
} CcDocumentKind;

/* Writes one A4 document for the order (by id or number) to path,
 * atomically: a temporary file beside it, renamed over path once complete.
 * Piece titles are in lang (NULL: the shop's main language, falling back
 * as cc_product_get_title does); labels follow the current locale, money is
 * cc_money_format's. The invoice number is the order number for now.
 * Invoices and receipts show prices, totals, tax, paid and balance (a
 * receipt also lists the payments and their methods); a packing slip shows
 * pieces and quantities only. Errors: CC_ERROR_NOT_FOUND (no such order),
 * CC_ERROR_IO (path cannot be written); on error no file is left behind. */
gboolean cc_invoice_write_pdf (CcStore         *store,
                               const char      *order_id_or_number,
                               CcDocumentKind   kind,
                               const char      *lang,
                               const char      *path,
                               GError         **error);

/* The same document drawn onto any cairo context (GtkPrintOperation's, say):
 * laid out once for a page of width × height points, then drawn page by
 * page. */
typedef struct _CcInvoiceDocument CcInvoiceDocument;

CcInvoiceDocument *cc_invoice_document_new       (CcStore         *store,
                                                  const char      *order_id_or_number,
                                                  CcDocumentKind   kind,
                                                  const char      *lang,
                                                  double           width,
                                                  double           height,
                                                  GError         **error);
int                cc_invoice_document_get_n_pages (CcInvoiceDocument *doc);
void               cc_invoice_document_draw_page (CcInvoiceDocument *doc,
                                                  cairo_t           *cr,
                                                  int                page);
void               cc_invoice_document_free      (CcInvoiceDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcInvoiceDocument, cc_invoice_document_free)

G_END_DECLS
