/* cc-orders.h — customers, orders, their lines, payments and status.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* Customers */

typedef struct
{
  char *id;
  char *name;
  char *email;     /* "" or NULL: none */
  char *phone;
  char *address;   /* several lines */
  char *notes;
} CcCustomer;

CcCustomer *cc_customer_new  (void);
void        cc_customer_free (CcCustomer *customer);

/* Validation errors are CC_ERROR_INVALID_INPUT (no name, an email that
 * does not look like one, text too long); on error nothing is written. */
char       *cc_orders_create_customer (CcStore           *store,
                                       const CcCustomer  *customer,
                                       GError           **error);
/* Writes only the registers that differ from the stored customer. */
gboolean    cc_orders_update_customer (CcStore           *store,
                                       const CcCustomer  *customer,
                                       GError           **error);
/* Deleted customers are not found. */
CcCustomer *cc_orders_get_customer    (CcStore     *store,
                                       const char  *customer_id,
                                       GError     **error);
/* CcCustomer*, live ones, by name. */
GPtrArray  *cc_orders_list_customers  (CcStore *store);
/* A tombstone; their orders keep pointing at them. */
gboolean    cc_orders_delete_customer (CcStore     *store,
                                       const char  *customer_id,
                                       GError     **error);

/* Orders */

typedef enum
{
  CC_ORDER_PENDING,
  CC_ORDER_CONFIRMED,
  CC_ORDER_SHIPPED,
  CC_ORDER_DELIVERED,
  CC_ORDER_CANCELLED,
  CC_ORDER_RETURNED,
} CcOrderStatus;

#define CC_ORDER_N_STATUSES (CC_ORDER_RETURNED + 1)

const char *cc_order_status_to_string   (CcOrderStatus status);
/* Accepts "pending", "confirmed", "shipped", "delivered", "cancelled",
 * "returned". */
gboolean    cc_order_status_from_string (const char    *text,
                                         CcOrderStatus *out);
/* Translated, for people. */
const char *cc_order_status_get_label   (CcOrderStatus status);
/* PENDING → CONFIRMED → SHIPPED → DELIVERED; CANCELLED from PENDING or
 * CONFIRMED; RETURNED from SHIPPED or DELIVERED. */
gboolean    cc_order_status_can_change  (CcOrderStatus from,
                                         CcOrderStatus to);

typedef enum
{
  CC_PAYMENT_UNPAID,
  CC_PAYMENT_PARTLY_PAID,
  CC_PAYMENT_PAID,
} CcPaymentState;

typedef struct
{
  char   *id;
  char   *order_id;
  char   *product_id;
  char   *variant_id;   /* NULL: the product itself */
  gint64  quantity;     /* pieces, > 0 */
  gint64  unit_price;   /* minor units; -1 on input: the catalogue's price */
  int     position;
} CcOrderLine;

CcOrderLine *cc_order_line_new  (const char *product_id,
                                 const char *variant_id,
                                 gint64      quantity);
void         cc_order_line_free (CcOrderLine *line);

/* Payments are immutable rows: a mistake is put right with another. */
typedef struct
{
  char   *id;
  char   *order_id;
  char   *method;   /* "cash", "card", "upi", "bank", "other" */
  gint64  amount;   /* minor units, > 0 */
  char   *date;     /* YYYY-MM-DD */
} CcPayment;

void         cc_payment_free    (CcPayment *payment);

typedef struct
{
  char          *id;
  char          *number;         /* "<device code>-<n>", read only */
  char          *customer_id;    /* NULL: a walk-in */
  CcOrderStatus  status;         /* read only: see cc_orders_set_status */
  char          *currency;       /* NULL on input: the shop's currency */
  gint64         discount;       /* minor units, off the total */
  gint64         shipping;       /* minor units */
  gint64         tax_rate_bp;    /* basis points; -1 on input: the shop's */
  gboolean       tax_inclusive;  /* prices contain the tax (ignored on
                                    input when tax_rate_bp is -1) */
  char          *notes;
  char          *created;        /* UTC, ISO 8601; read only */
  GPtrArray     *lines;          /* CcOrderLine*, in position order */
  GPtrArray     *payments;       /* CcPayment*, oldest first; read only */
  char          *invoice_number; /* "" until invoiced; read only: see
                                    cc_orders_issue_invoice_number() */
} CcOrder;

CcOrder    *cc_order_new   (void);
void        cc_order_free  (CcOrder *order);

/* Computed from the lines and payments, never stored.
 * Tax is figured per line (quantity × unit price) and rounded half up:
 * exclusive, tax = amount × rate and is added; inclusive, the amount
 * already holds it and tax = amount − amount × 10000 / (10000 + rate).
 * The discount is taken off the amount due after tax (it does not lower
 * the taxable value). total = subtotal (+ tax if exclusive) − discount +
 * shipping, never below zero; balance = total − paid. */
typedef struct
{
  gint64          subtotal;
  gint64          discount;
  gint64          tax;
  gint64          shipping;
  gint64          total;
  gint64          paid;
  gint64          balance;
  CcPaymentState  payment_state;
} CcOrderTotals;

void        cc_order_compute_totals (const CcOrder *order,
                                     CcOrderTotals *out);

/* A short code naming this device in order numbers: the enrolment's
 * (meta "device_code") once there is one, until then the last four hex
 * digits of the device id (the random part of its UUIDv7), upper-cased. */
char       *cc_orders_dup_device_code (CcStore *store);

/* A new PENDING order from order's customer, currency, discount,
 * shipping, tax, notes and lines; a line's unit price of -1 takes the
 * variant's price (the product's when the variant has none). The number
 * comes from a per-device counter kept on this device only. Errors:
 * CC_ERROR_INVALID_INPUT (quantities, amounts, a product in another
 * currency), CC_ERROR_NOT_FOUND (customer, product, variant). */
char       *cc_orders_create_order   (CcStore        *store,
                                      const CcOrder  *order,
                                      GError        **error);
/* The same, confirmed at once in the same transaction — one step for
 * "Create and Confirm": the stock is reserved with the ledger ids
 * cc_orders_set_status() would use. More than is available without
 * allow_backorder is CC_ERROR_CONFLICT, and then nothing is written. */
char       *cc_orders_create_confirmed_order (CcStore        *store,
                                              const CcOrder  *order,
                                              gboolean        allow_backorder,
                                              GError        **error);
/* Customer, discount, shipping and notes; only the registers that differ. */
gboolean    cc_orders_update_order   (CcStore        *store,
                                      const CcOrder  *order,
                                      GError        **error);
/* Lines change only while the order is PENDING (else CC_ERROR_CONFLICT). */
char       *cc_orders_add_line       (CcStore            *store,
                                      const char         *order_id,
                                      const CcOrderLine  *line,
                                      GError            **error);
gboolean    cc_orders_remove_line    (CcStore     *store,
                                      const char  *line_id,
                                      GError     **error);
/* By id or number. Deleted orders are not found. */
CcOrder    *cc_orders_get_order      (CcStore     *store,
                                      const char  *id_or_number,
                                      GError     **error);
/* CcOrder* (with lines and payments), newest first. */
GPtrArray  *cc_orders_list_orders    (CcStore *store);
/* A tombstone, for PENDING and CANCELLED orders only (CC_ERROR_CONFLICT). */
gboolean    cc_orders_delete_order   (CcStore     *store,
                                      const char  *order_id,
                                      GError     **error);

/* Moves an order along its status machine and records the stock effects
 * with deterministic ids (the same effect made on two devices is one
 * ledger row): confirm reserves, ship consumes and unreserves, cancelling
 * a confirmed order releases, a return restocks. An illegal move, or a
 * confirmation of more than is available without allow_backorder, is
 * CC_ERROR_CONFLICT, and nothing is written. */
gboolean    cc_orders_set_status     (CcStore        *store,
                                      const char     *order_id,
                                      CcOrderStatus   status,
                                      gboolean        allow_backorder,
                                      GError        **error);

/* Lines of the order priced below their recipe's cost of goods, as
 * translated sentences ("Clay Mug is priced ₹200.00, below its cost of
 * ₹260.00"); empty when none (or no recipe is known). For warnings before
 * confirming, never a refusal. */
GPtrArray  *cc_orders_check_below_cost (CcStore       *store,
                                        const CcOrder *order);
/* The same for one price of a product or variant (the editor's price
 * field): TRUE with the cost in out_cost when price is below it. */
gboolean    cc_orders_price_below_cost (CcStore     *store,
                                        const char  *product_id,
                                        const char  *variant_id,
                                        gint64       price,
                                        gint64      *out_cost);

/* The order's invoice number, issued on first call from this device's
 * gapless series "<device code>-<n>" (its own counter, apart from order
 * numbers) and kept in the order's synced "invoice_number" register; later
 * calls return the same number. Only CONFIRMED, SHIPPED, DELIVERED or
 * RETURNED orders are invoiced (CC_ERROR_CONFLICT otherwise). */
char       *cc_orders_issue_invoice_number (CcStore     *store,
                                            const char  *order_id,
                                            GError     **error);

/* date NULL: today. Returns the payment's id. */
char       *cc_orders_add_payment    (CcStore     *store,
                                      const char  *order_id,
                                      const char  *method,
                                      gint64       amount,
                                      const char  *date,
                                      GError     **error);

/* A sale at a market stall, in one transaction: an order created DELIVERED,
 * stock taken off hand ("sold") — even below zero: the pieces are in the
 * buyer's hands, and a negative count shows the ledger needs a count —
 * and a payment of amount_paid (-1: the exact total; 0: none yet; more
 * than the total: the total, the rest was change). lines: CcOrderLine*. */
gboolean    cc_orders_quick_sale     (CcStore     *store,
                                      GPtrArray   *lines,
                                      const char  *method,
                                      gint64       amount_paid,
                                      char       **out_order_id,
                                      GError     **error);

/* Registers the entities with the store (done by cc_store_open). */
void        cc_orders_register       (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcCustomer, cc_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcOrderLine, cc_order_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPayment, cc_payment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcOrder, cc_order_free)

G_END_DECLS
