/* cc-order-editor.h — the window where a maker writes up an order, moves it along and prints its papers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-invoice.h"
#include "cc-orders.h"
#include "cc-piece-picker.h"

G_BEGIN_DECLS

#define CC_TYPE_ORDER_EDITOR (cc_order_editor_get_type ())
G_DECLARE_FINAL_TYPE (CcOrderEditor, cc_order_editor, CC, ORDER_EDITOR, AdwWindow)

typedef enum
{
  CC_ORDER_FIGURE_SUBTOTAL,
  CC_ORDER_FIGURE_TAX,
  CC_ORDER_FIGURE_DISCOUNT,
  CC_ORDER_FIGURE_SHIPPING,
  CC_ORDER_FIGURE_TOTAL,
  CC_ORDER_FIGURE_PAID,
  CC_ORDER_FIGURE_BALANCE,
} CcOrderFigure;

#define CC_ORDER_N_FIGURES (CC_ORDER_FIGURE_BALANCE + 1)

/* order_id NULL: a new order, written at the first Save (or status move). */
CcOrderEditor *cc_order_editor_new            (GtkWindow   *parent,
                                               CcStore     *store,
                                               const char  *order_id);
/* NULL while the order is new and unsaved. */
const char    *cc_order_editor_get_order_id   (CcOrderEditor *self);
CcOrderStatus  cc_order_editor_get_status     (CcOrderEditor *self);
CcPiecePicker *cc_order_editor_get_picker     (CcOrderEditor *self);

/* A row for lists of orders (the Orders page, a customer's orders): number,
 * date, customer (or walk-in), status, payment and total. */
GtkWidget     *cc_order_row_new               (const CcOrder *order,
                                               const char    *customer_name);

/* For tests: what a person does and sees in the editor. */
void           cc_order_editor_set_customer   (CcOrderEditor *self,
                                               const char    *customer_id);
/* Returns the line's index; a piece already on the order gets more. */
guint          cc_order_editor_add_line       (CcOrderEditor *self,
                                               const char    *product_id,
                                               const char    *variant_id,
                                               gint64         quantity);
guint          cc_order_editor_get_n_lines    (CcOrderEditor *self);
void           cc_order_editor_set_line_quantity (CcOrderEditor *self,
                                                  guint          index,
                                                  gint64         quantity);
void           cc_order_editor_set_line_price_text (CcOrderEditor *self,
                                                    guint          index,
                                                    const char    *text);
/* The available count the line shows. */
gint64         cc_order_editor_get_line_available (CcOrderEditor *self,
                                                   guint          index);
void           cc_order_editor_set_discount_text (CcOrderEditor *self,
                                                  const char    *text);
void           cc_order_editor_set_shipping_text (CcOrderEditor *self,
                                                  const char    *text);
/* As the Save button: FALSE with the problem shown inline, nothing written. */
gboolean       cc_order_editor_save           (CcOrderEditor *self);
/* As a status button (saving first). Confirming more than is available
 * asks "Make to order?" in an AdwMessageDialog (response "backorder");
 * a move core refuses shows its message (cc_order_editor_get_error_text). */
void           cc_order_editor_change_status  (CcOrderEditor *self,
                                               CcOrderStatus  status);
gboolean       cc_order_editor_get_status_enabled (CcOrderEditor *self,
                                                   CcOrderStatus  status);
/* As the Record Payment form: method "cash", "card", "upi", "bank" or
 * "other"; date NULL: the form's (today). */
gboolean       cc_order_editor_record_payment (CcOrderEditor *self,
                                               const char    *method,
                                               const char    *amount_text,
                                               const char    *date);
/* The figure as shown, formatted. */
const char    *cc_order_editor_get_figure_text (CcOrderEditor *self,
                                                CcOrderFigure  figure);
/* The error shown at the top of the editor, or NULL. */
const char    *cc_order_editor_get_error_text (CcOrderEditor *self);
/* Below-cost warnings shown. */
guint          cc_order_editor_get_n_warnings (CcOrderEditor *self);
/* Saves a document as the Documents menu does, without the chooser, on a
 * worker; cc_order_editor_is_busy() is TRUE until it is written. */
void           cc_order_editor_save_document  (CcOrderEditor  *self,
                                               CcDocumentKind  kind,
                                               const char     *path);
gboolean       cc_order_editor_is_busy        (CcOrderEditor *self);

G_END_DECLS
