/* cc-orders.c — customers, orders, their lines, payments and status.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field is a register written through cc_store_write(); the apply
 * functions below turn a register into columns and also apply the same
 * registers arriving from other devices, in any order. Totals are computed
 * from lines and payments, never stored. Stock effects of a status change
 * are ledger rows with deterministic ids, so the same effect made on two
 * devices is one row.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-text.h"
#include "cc-uuid.h"

#define MAX_SHORT_TEXT 200
#define MAX_ADDRESS 1000
#define MAX_NOTES (64 * 1024)
#define MAX_QUANTITY G_GINT64_CONSTANT (1000000)
#define MAX_TAX_RATE_BP 10000

/* Structs */

CcCustomer *
cc_customer_new (void)
{
  return g_new0 (CcCustomer, 1);
}

void
cc_customer_free (CcCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->id);
  g_free (customer->name);
  g_free (customer->email);
  g_free (customer->phone);
  g_free (customer->address);
  g_free (customer->notes);
  g_free (customer);
}

CcOrderLine *
cc_order_line_new (const char *product_id,
                   const char *variant_id,
                   gint64      quantity)
{
  CcOrderLine *line = g_new0 (CcOrderLine, 1);

  line->product_id = g_strdup (product_id);
  line->variant_id = g_strdup (variant_id);
  line->quantity = quantity;
  line->unit_price = -1;
  return line;
}

void
cc_order_line_free (CcOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->id);
  g_free (line->order_id);
  g_free (line->product_id);
  g_free (line->variant_id);
  g_free (line);
}

void
cc_payment_free (CcPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->id);
  g_free (payment->order_id);
  g_free (payment->method);
  g_free (payment->date);
  g_free (payment);
}

CcOrder *
cc_order_new (void)
{
  CcOrder *order = g_new0 (CcOrder, 1);

  order->tax_rate_bp = -1;
  order->invoice_number = g_strdup ("");
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  order->payments = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_payment_free);
  return order;
}

void
cc_order_free (CcOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->id);
  g_free (order->number);
  g_free (order->customer_id);
  g_free (order->currency);
  g_free (order->notes);
  g_free (order->created);
  g_free (order->invoice_number);
  g_ptr_array_unref (order->lines);
  g_ptr_array_unref (order->payments);
  g_free (order);
}

/* Statuses and the machine */

static const char * const status_names[] = {
  "pending", "confirmed", "shipped", "delivered", "cancelled", "returned",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == CC_ORDER_N_STATUSES);

const char *
cc_order_status_to_string (CcOrderStatus status)
{
  g_return_val_if_fail (status < CC_ORDER_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
cc_order_status_from_string (const char    *text,
                             CcOrderStatus *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
cc_order_status_get_label (CcOrderStatus status)
{
  switch (status)
    {
    case CC_ORDER_PENDING:
      return _("Pending");
    case CC_ORDER_CONFIRMED:
      return _("Confirmed");
    case CC_ORDER_SHIPPED:
      return _("Shipped");
    case CC_ORDER_DELIVERED:
      return _("Delivered");
    case CC_ORDER_CANCELLED:
      return _("Cancelled");
    case CC_ORDER_RETURNED:
      return _("Returned");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* One stock effect of a status change: a ledger row per order line, with
 * the id UUIDv5 (CC_EFFECT_NAMESPACE, "<order id>/<line id>/<name>"). */
typedef struct
{
  const char    *name;
  CcStockBucket  bucket;
  int            sign;
  const char    *reason;
} StockEffect;

typedef struct
{
  CcOrderStatus from;
  CcOrderStatus to;
  StockEffect   effects[2];
} Transition;

static const Transition transitions[] = {
  { CC_ORDER_PENDING, CC_ORDER_CONFIRMED,
    { { "reserve", CC_STOCK_RESERVED, +1, "reserved" } } },
  { CC_ORDER_PENDING, CC_ORDER_CANCELLED, { { NULL } } },
  { CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED,
    { { "unreserve", CC_STOCK_RESERVED, -1, "shipped" },
      { "ship", CC_STOCK_ON_HAND, -1, "shipped" } } },
  { CC_ORDER_CONFIRMED, CC_ORDER_CANCELLED,
    { { "release", CC_STOCK_RESERVED, -1, "released" } } },
  { CC_ORDER_SHIPPED, CC_ORDER_DELIVERED, { { NULL } } },
  { CC_ORDER_SHIPPED, CC_ORDER_RETURNED,
    { { "return", CC_STOCK_ON_HAND, +1, "returned" } } },
  { CC_ORDER_DELIVERED, CC_ORDER_RETURNED,
    { { "return", CC_STOCK_ON_HAND, +1, "returned" } } },
};

/* A quick sale goes straight to DELIVERED and takes the pieces off hand. */
static const StockEffect sold_effect = { "sold", CC_STOCK_ON_HAND, -1, "sold" };

static const Transition *
find_transition (CcOrderStatus from,
                 CcOrderStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from && transitions[i].to == to)
      return &transitions[i];
  return NULL;
}

gboolean
cc_order_status_can_change (CcOrderStatus from,
                            CcOrderStatus to)
{
  return find_transition (from, to) != NULL;
}

static void
set_illegal_transition (GError        **error,
                        CcOrderStatus   from,
                        CcOrderStatus   to)
{
  const char *message;

  if ((from == CC_ORDER_SHIPPED || from == CC_ORDER_DELIVERED) && to == CC_ORDER_CANCELLED)
    message = from == CC_ORDER_SHIPPED
      ? _("A shipped order cannot be cancelled; record a return instead")
      : _("A delivered order cannot be cancelled; record a return instead");
  else if (from == CC_ORDER_CANCELLED)
    message = _("A cancelled order cannot change any more; make a new order instead");
  else if (from == CC_ORDER_RETURNED)
    message = _("A returned order cannot change any more; make a new order instead");
  else if (to == CC_ORDER_RETURNED)
    message = _("Only an order that was shipped or delivered can be returned");
  else if (to == CC_ORDER_PENDING)
    message = _("An order cannot go back to pending");
  else if (to == CC_ORDER_SHIPPED)
    message = _("Only a confirmed order can be shipped; confirm it first");
  else if (to == CC_ORDER_DELIVERED)
    message = _("Only a shipped order can be delivered; ship it first");
  else
    message = _("Only a pending order can be confirmed");

  g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT, message);
}

/* SQL helpers */

/* The first column of the first row of a query with text parameters, or
 * fallback when there is no row or it is NULL. */
static gint64
query_int64 (CcStore    *store,
             const char *sql,
             gint64      fallback,
             const char *param1,
             const char *param2)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, NULL);
  gint64 result = fallback;

  if (stmt == NULL)
    return fallback;
  if (param1 != NULL)
    sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2 != NULL)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return result;
}

/* Applying registers */

static const CcColumn customer_columns[] = {
  { "name", CC_COLUMN_TEXT },
  { "email", CC_COLUMN_TEXT },
  { "phone", CC_COLUMN_TEXT },
  { "address", CC_COLUMN_TEXT },
  { "notes", CC_COLUMN_TEXT },
  { "deleted", CC_COLUMN_BOOL },
};

static const CcColumn order_columns[] = {
  { "number", CC_COLUMN_TEXT },
  { "customer_id", CC_COLUMN_TEXT_OR_NULL },
  { "status", CC_COLUMN_TEXT },
  { "currency", CC_COLUMN_TEXT },
  { "discount", CC_COLUMN_INT },
  { "shipping", CC_COLUMN_INT },
  { "tax_rate_bp", CC_COLUMN_INT },
  { "tax_inclusive", CC_COLUMN_BOOL },
  { "notes", CC_COLUMN_TEXT },
  { "created", CC_COLUMN_TEXT },
  { "deleted", CC_COLUMN_BOOL },
  { "invoice_number", CC_COLUMN_TEXT },
};

static const CcColumn line_columns[] = {
  { "order_id", CC_COLUMN_TEXT },
  { "product_id", CC_COLUMN_TEXT },
  { "variant_id", CC_COLUMN_TEXT_OR_NULL },
  { "quantity", CC_COLUMN_INT },
  { "unit_price", CC_COLUMN_INT },
  { "position", CC_COLUMN_INT },
  { "deleted", CC_COLUMN_BOOL },
};

static const CcColumn payment_columns[] = {
  { "order_id", CC_COLUMN_TEXT },
  { "method", CC_COLUMN_TEXT },
  { "amount", CC_COLUMN_INT },
  { "date", CC_COLUMN_TEXT },
};

/* The set element recording that an order reached a status on some
 * device: "reached/<status>" = true. */
#define REACHED_PREFIX "reached/"

static gboolean
order_apply (CcStore     *store,
             const char  *row_id,
             const char  *reg,
             JsonNode    *value,
             GError     **error)
{
  gboolean is_status = strcmp (reg, "status") == 0;

  /* A status this program does not know is refused, not stored. */
  if ((is_status &&
       (!cc_column_accepts (value, CC_COLUMN_TEXT) ||
        !cc_order_status_from_string (json_node_get_string (value), NULL))) ||
      (g_str_has_prefix (reg, REACHED_PREFIX) &&
       (!cc_column_accepts (value, CC_COLUMN_BOOL) ||
        !cc_order_status_from_string (reg + strlen (REACHED_PREFIX), NULL))))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A change to a %s has an unknown field or a value of the wrong type (%s)"),
                   "order", reg);
      return FALSE;
    }

  /* The status column is the merge of every status reached (see
   * order_flush); the registers only feed it. */
  if (g_str_has_prefix (reg, REACHED_PREFIX))
    {
      cc_store_mark_dirty (store, "order", row_id);
      return cc_store_exec (store, "INSERT INTO orders (id) VALUES (?) ON CONFLICT DO NOTHING",
                            error, 1, row_id);
    }
  if (is_status)
    cc_store_mark_dirty (store, "order", row_id);
  return cc_store_apply_column (store, "orders", order_columns, G_N_ELEMENTS (order_columns),
                                row_id, reg, value, error);
}

/* A line deleted while another device confirmed: its order settles its
 * stock again. */
static gboolean
order_line_apply (CcStore     *store,
                  const char  *row_id,
                  const char  *reg,
                  JsonNode    *value,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cc_store_apply_column (store, "order_lines", line_columns, G_N_ELEMENTS (line_columns),
                              row_id, reg, value, error))
    return FALSE;
  if (strcmp (reg, "deleted") != 0 && strcmp (reg, "order_id") != 0)
    return TRUE;

  stmt = cc_store_prepare_cached (store, "SELECT order_id FROM order_lines WHERE id = ? AND order_id != ''", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cc_store_mark_dirty (store, "order", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean order_flush (CcStore     *store,
                             const char  *row_id,
                             GError     **error);

static const CcEntityClass customer_entity = {
  .name = "customer",
  .table = "customers",
  .columns = customer_columns,
  .n_columns = G_N_ELEMENTS (customer_columns),
};
static const CcEntityClass order_entity = { "order", order_apply, order_flush };
static const CcEntityClass order_line_entity = { "order_line", order_line_apply, NULL };
static const CcEntityClass payment_entity = {
  .name = "payment",
  .table = "payments",
  .columns = payment_columns,
  .n_columns = G_N_ELEMENTS (payment_columns),
};

void
cc_orders_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));

  cc_store_add_entity (store, &customer_entity);
  cc_store_add_entity (store, &order_entity);
  cc_store_add_entity (store, &order_line_entity);
  cc_store_add_entity (store, &payment_entity);
}

/* Validation */

/* name@domain.tld: one @, something before it, a dot inside the domain,
 * no spaces. Enough to catch a phone number typed into the email field. */
static gboolean
looks_like_email (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && strstr (at + 1, "..") == NULL;
}

static gboolean
validate_customer (const CcCustomer  *customer,
                   GError           **error)
{
  g_autofree char *name = cc_text_normalize (customer->name);
  g_autofree char *email = cc_text_normalize (customer->email);

  if (!cc_text_check (customer->name, MAX_SHORT_TEXT, _("The name"), error) ||
      !cc_text_check (customer->email, 254, _("The email address"), error) ||
      !cc_text_check (customer->phone, 50, _("The phone number"), error) ||
      !cc_text_check (customer->address, MAX_ADDRESS, _("The address"), error) ||
      !cc_text_check (customer->notes, MAX_NOTES, _("The notes"), error))
    return FALSE;
  if (name == NULL || *name == '\0')
    return cc_invalid_input (error, _("Every customer needs a name"));
  if (email != NULL && *email != '\0' && !looks_like_email (email))
    return cc_invalid_input (error, _("“%s” does not look like an email address (like name@example.com)"), email);
  return TRUE;
}

/* Writing */

static gboolean
write_text (CcStore     *store,
            const char  *entity,
            const char  *id,
            const char  *reg,
            const char  *old_value,
            const char  *new_value,
            GError     **error)
{
  g_autofree char *normalized = cc_text_normalize (new_value ? new_value : "");

  if (old_value != NULL && g_strcmp0 (old_value, normalized ? normalized : "") == 0)
    return TRUE;
  return cc_store_write (store, entity, id, reg, cc_value_string (normalized ? normalized : ""), error);
}

static gboolean
write_customer (CcStore           *store,
                const char        *id,
                const CcCustomer  *old,
                const CcCustomer  *customer,
                GError           **error)
{
  return write_text (store, "customer", id, "name", old ? old->name : NULL, customer->name, error) &&
         write_text (store, "customer", id, "email", old ? old->email : NULL, customer->email, error) &&
         write_text (store, "customer", id, "phone", old ? old->phone : NULL, customer->phone, error) &&
         write_text (store, "customer", id, "address", old ? old->address : NULL, customer->address, error) &&
         write_text (store, "customer", id, "notes", old ? old->notes : NULL, customer->notes, error);
}

/* Customers */

char *
cc_orders_create_customer (CcStore           *store,
                           const CcCustomer  *customer,
                           GError           **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (customer != NULL, NULL);

  if (!validate_customer (customer, error))
    return NULL;

  id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!write_customer (store, id, NULL, customer, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

static CcCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  CcCustomer *customer = cc_customer_new ();

  customer->id = cc_sqlite_column_dup (stmt, 0);
  customer->name = cc_sqlite_column_dup (stmt, 1);
  customer->email = cc_sqlite_column_dup (stmt, 2);
  customer->phone = cc_sqlite_column_dup (stmt, 3);
  customer->address = cc_sqlite_column_dup (stmt, 4);
  customer->notes = cc_sqlite_column_dup (stmt, 5);
  return customer;
}

CcCustomer *
cc_orders_get_customer (CcStore     *store,
                        const char  *customer_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  CcCustomer *customer = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, name, email, phone, address, notes FROM customers "
                                  "WHERE id = ? AND deleted = 0",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    customer = customer_from_row (stmt);
  sqlite3_reset (stmt);

  if (customer == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no customer “%s”"), customer_id);
  return customer;
}

GPtrArray *
cc_orders_list_customers (CcStore *store)
{
  GPtrArray *customers = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_customer_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), customers);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, name, email, phone, address, notes FROM customers "
                                  "WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id",
                                  NULL);
  if (stmt == NULL)
    return customers;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (customers, customer_from_row (stmt));
  sqlite3_reset (stmt);
  return customers;
}

gboolean
cc_orders_update_customer (CcStore           *store,
                           const CcCustomer  *customer,
                           GError           **error)
{
  g_autoptr(CcCustomer) old = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id != NULL, FALSE);

  old = cc_orders_get_customer (store, customer->id, error);
  if (old == NULL || !validate_customer (customer, error))
    return FALSE;

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!write_customer (store, old->id, old, customer, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

gboolean
cc_orders_delete_customer (CcStore     *store,
                           const char  *customer_id,
                           GError     **error)
{
  g_autoptr(CcCustomer) customer = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  customer = cc_orders_get_customer (store, customer_id, error);
  if (customer == NULL)
    return FALSE;
  return cc_store_write (store, "customer", customer->id, "deleted", cc_value_bool (TRUE), error);
}

/* Totals */

/* The tax an amount already holds: amount − amount × 10000 / (10000 +
 * rate), the net part rounded half up. */
static gint64
inclusive_tax (gint64 amount,
               gint64 rate_bp)
{
  gint64 divisor = 10000 + rate_bp;
  gint64 magnitude = amount < 0 ? -amount : amount;
  gint64 net = (magnitude * 10000 + divisor / 2) / divisor;

  return amount < 0 ? -(magnitude - net) : magnitude - net;
}

void
cc_order_compute_totals (const CcOrder *order,
                         CcOrderTotals *out)
{
  g_return_if_fail (order != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < order->lines->len; i++)
    {
      const CcOrderLine *line = g_ptr_array_index (order->lines, i);
      gint64 amount = line->quantity * line->unit_price;

      out->subtotal += amount;
      if (order->tax_rate_bp > 0)
        out->tax += order->tax_inclusive ? inclusive_tax (amount, order->tax_rate_bp)
                                         : cc_money_apply_rate (amount, order->tax_rate_bp);
    }
  out->discount = order->discount;
  out->shipping = order->shipping;
  out->total = out->subtotal + (order->tax_inclusive ? 0 : out->tax) - out->discount + out->shipping;
  if (out->total < 0)
    out->total = 0;

  for (guint i = 0; i < order->payments->len; i++)
    out->paid += ((const CcPayment *)g_ptr_array_index (order->payments, i))->amount;
  out->balance = out->total - out->paid;

  if (out->paid >= out->total)
    out->payment_state = CC_PAYMENT_PAID;
  else if (out->paid > 0)
    out->payment_state = CC_PAYMENT_PARTLY_PAID;
  else
    out->payment_state = CC_PAYMENT_UNPAID;
}

/* Loading orders */

static CcOrder *
load_order (CcStore    *store,
            const char *id_or_number)
{
  g_autoptr(CcOrder) order = NULL;
  sqlite3_stmt *stmt;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, number, customer_id, status, currency, discount, shipping, "
                                  "tax_rate_bp, tax_inclusive, notes, created, invoice_number FROM orders "
                                  "WHERE deleted = 0 AND (id = ?1 OR (number = ?1 AND number != '')) "
                                  "ORDER BY id = ?1 DESC, id LIMIT 1",
                                  NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  order = cc_order_new ();
  order->id = cc_sqlite_column_dup (stmt, 0);
  order->number = cc_sqlite_column_dup (stmt, 1);
  order->customer_id = cc_sqlite_column_dup (stmt, 2);
  if (!cc_order_status_from_string ((const char *)sqlite3_column_text (stmt, 3), &order->status))
    order->status = CC_ORDER_PENDING;
  order->currency = cc_sqlite_column_dup (stmt, 4);
  order->discount = sqlite3_column_int64 (stmt, 5);
  order->shipping = sqlite3_column_int64 (stmt, 6);
  order->tax_rate_bp = sqlite3_column_int64 (stmt, 7);
  order->tax_inclusive = sqlite3_column_int (stmt, 8) != 0;
  order->notes = cc_sqlite_column_dup (stmt, 9);
  order->created = cc_sqlite_column_dup (stmt, 10);
  order->invoice_number = cc_sqlite_column_dup (stmt, 11);
  sqlite3_reset (stmt);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, product_id, variant_id, quantity, unit_price, position "
                                  "FROM order_lines WHERE order_id = ? AND deleted = 0 ORDER BY position, id",
                                  NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, order->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CcOrderLine *line = g_new0 (CcOrderLine, 1);

      line->id = cc_sqlite_column_dup (stmt, 0);
      line->order_id = g_strdup (order->id);
      line->product_id = cc_sqlite_column_dup (stmt, 1);
      line->variant_id = cc_sqlite_column_dup (stmt, 2);
      line->quantity = sqlite3_column_int64 (stmt, 3);
      line->unit_price = sqlite3_column_int64 (stmt, 4);
      line->position = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (order->lines, line);
    }
  sqlite3_reset (stmt);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, method, amount, date FROM payments WHERE order_id = ? "
                                  "ORDER BY date, id",
                                  NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, order->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CcPayment *payment = g_new0 (CcPayment, 1);

      payment->id = cc_sqlite_column_dup (stmt, 0);
      payment->order_id = g_strdup (order->id);
      payment->method = cc_sqlite_column_dup (stmt, 1);
      payment->amount = sqlite3_column_int64 (stmt, 2);
      payment->date = cc_sqlite_column_dup (stmt, 3);
      g_ptr_array_add (order->payments, payment);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&order);
}

CcOrder *
cc_orders_get_order (CcStore     *store,
                     const char  *id_or_number,
                     GError     **error)
{
  CcOrder *order;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_number != NULL, NULL);

  order = load_order (store, id_or_number);
  if (order == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no order “%s”"), id_or_number);
  return order;
}

GPtrArray *
cc_orders_list_orders (CcStore *store)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CC_IS_STORE (store), orders);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id FROM orders WHERE deleted = 0 ORDER BY created DESC, id DESC",
                                  NULL);
  if (stmt == NULL)
    return orders;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      CcOrder *order = load_order (store, g_ptr_array_index (ids, i));

      if (order != NULL)
        g_ptr_array_add (orders, order);
    }
  return orders;
}

/* Creating orders */

char *
cc_orders_dup_device_code (CcStore *store)
{
  const char *device_id;
  gsize len;
  g_autofree char *code = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  {
    sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                  "SELECT value FROM meta WHERE key = 'device_code'", NULL);

    if (stmt != NULL)
      {
        if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
          code = cc_sqlite_column_dup (stmt, 0);
        sqlite3_reset (stmt);
      }
    if (code != NULL)
      return g_steal_pointer (&code);
  }

  /* The head of a UUIDv7 is its time, the same for devices set up in the
   * same weeks; its tail is random. */
  device_id = cc_store_get_device_id (store);
  len = strlen (device_id);
  return g_ascii_strup (device_id + (len >= 4 ? len - 4 : 0), -1);
}

/* The next number of one of this device's series, in the current
 * transaction: counter_sql reads the counter, scan_sql finds the highest
 * number already given (prefix as ?1), update_sql stores the next.
 * The counter lives in the same database as the orders, so a restored
 * backup brings back a counter that matches its orders. Only without a
 * counter (a shop file carried over from elsewhere) is the series scanned,
 * so that no number is handed out twice; otherwise this is one lookup. */
static char *
next_number (CcStore     *store,
             const char  *counter_sql,
             const char  *scan_sql,
             const char  *update_sql,
             GError     **error)
{
  g_autofree char *code = cc_orders_dup_device_code (store);
  g_autofree char *prefix = g_strconcat (code, "-", NULL);
  const char *device_id = cc_store_get_device_id (store);
  g_autofree char *next_text = NULL;
  gint64 next;
  gint64 highest;

  next = query_int64 (store, counter_sql, 0, device_id, NULL);
  if (next <= 0)
    {
      highest = query_int64 (store, scan_sql, 0, prefix, NULL);
      next = MAX (highest + 1, 1);
    }

  next_text = g_strdup_printf ("%" G_GINT64_FORMAT, next + 1);
  if (!cc_store_exec (store, update_sql, error, 2, device_id, next_text))
    return NULL;
  return g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, next);
}

static char *
next_order_number (CcStore  *store,
                   GError  **error)
{
  return next_number (store,
                      "SELECT next FROM order_counters WHERE device = ?",
                      "SELECT max(CAST(substr(number, length(?1) + 1) AS INTEGER)) FROM orders "
                      "WHERE substr(number, 1, length(?1)) = ?1",
                      "INSERT INTO order_counters (device, next) VALUES (?, CAST(? AS INTEGER)) "
                      "ON CONFLICT DO UPDATE SET next = excluded.next",
                      error);
}

/* Invoices have a series of their own, advanced only when a number is
 * issued, in the transaction that gives it to the order: no gaps. */
static char *
next_invoice_number (CcStore  *store,
                     GError  **error)
{
  return next_number (store,
                      "SELECT next FROM invoice_counters WHERE device = ?",
                      "SELECT max(CAST(substr(invoice_number, length(?1) + 1) AS INTEGER)) FROM orders "
                      "WHERE substr(invoice_number, 1, length(?1)) = ?1",
                      "INSERT INTO invoice_counters (device, next) VALUES (?, CAST(? AS INTEGER)) "
                      "ON CONFLICT DO UPDATE SET next = excluded.next",
                      error);
}

static char *
dup_product_label (CcStore         *store,
                   const CcProduct *product,
                   const char      *variant_id)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  const char *title = cc_product_get_title (product, languages[0]);
  g_autoptr(GPtrArray) variants = NULL;

  if (variant_id == NULL)
    return g_strdup (title);
  variants = cc_catalogue_list_variants (store, product->id);
  for (guint i = 0; i < variants->len; i++)
    {
      CcVariant *variant = g_ptr_array_index (variants, i);

      if (g_strcmp0 (variant->id, variant_id) == 0 && variant->sku != NULL && *variant->sku != '\0')
        return g_strdup_printf ("%s (%s)", title, variant->sku);
    }
  return g_strdup (title);
}

/* The product a line names (by id, or by SKU when no id matches), live,
 * with its currency and price: one indexed lookup, not a whole product. */
static gboolean
find_piece (CcStore     *store,
            const char  *id_or_sku,
            char       **out_id,
            char       **out_currency,
            gint64      *out_price)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                "SELECT id, currency, price FROM products "
                                                "WHERE deleted = 0 AND (id = ?1 OR sku = ?1) "
                                                "ORDER BY id = ?1 DESC, id LIMIT 1",
                                                NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_or_sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_id = cc_sqlite_column_dup (stmt, 0);
      *out_currency = cc_sqlite_column_dup (stmt, 1);
      *out_price = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static char *
dup_title_of (CcStore    *store,
              const char *product_id)
{
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, product_id, NULL);

  return g_strdup (product ? cc_product_get_title (product, NULL) : product_id);
}

/* Checks a line and fills in what it refers to: the product's real id
 * (the caller may have given a SKU) and the catalogue price when asked. */
static gboolean
resolve_line (CcStore            *store,
              const char         *currency,
              const CcOrderLine  *line,
              char              **out_product_id,
              gint64             *out_unit_price,
              GError            **error)
{
  g_autofree char *product_id = NULL;
  g_autofree char *product_currency = NULL;
  gint64 price = 0;

  if (line->product_id == NULL || *line->product_id == '\0')
    return cc_invalid_input (error, _("Each line of an order needs a piece"));
  if (line->quantity <= 0)
    return cc_invalid_input (error, _("A quantity must be at least 1"));
  if (line->quantity > MAX_QUANTITY)
    return cc_invalid_input (error, _("That quantity is too large"));
  if (line->unit_price < -1)
    return cc_invalid_input (error, _("Prices cannot be negative"));
  if (line->unit_price > CC_MONEY_MAX)
    return cc_invalid_input (error, _("That price is too large"));

  if (!find_piece (store, line->product_id, &product_id, &product_currency, &price))
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, line->product_id, error);

      /* Only a database error finds it now; keep that error. */
      if (product != NULL)
        g_set_error (error, CC_ERROR, CC_ERROR_FAILED, _("Database error: %s"), line->product_id);
      return FALSE;
    }
  if (g_strcmp0 (product_currency, currency) != 0)
    {
      g_autofree char *title = dup_title_of (store, product_id);

      return cc_invalid_input (error, _("“%s” is priced in %s, but this order is in %s"),
                               title, product_currency, currency);
    }

  if (line->variant_id != NULL)
    {
      sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                    "SELECT price FROM variants "
                                                    "WHERE id = ? AND product_id = ? AND deleted = 0",
                                                    error);
      gboolean found = FALSE;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, line->variant_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 variant_price = sqlite3_column_int64 (stmt, 0);

          found = TRUE;
          if (variant_price > 0)
            price = variant_price;
        }
      sqlite3_reset (stmt);
      if (!found)
        {
          g_autofree char *title = dup_title_of (store, product_id);

          g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                       _("“%s” has no variant “%s”"), title, line->variant_id);
          return FALSE;
        }
    }
  if (line->unit_price >= 0)
    price = line->unit_price;
  if (price > 0 && line->quantity > CC_MONEY_MAX / price)
    return cc_invalid_input (error, _("That line comes to more than CraftChain can count"));

  *out_product_id = g_steal_pointer (&product_id);
  *out_unit_price = price;
  return TRUE;
}

/* Writes a line in the current transaction and returns it as stored.
 * A new row starts with its columns' defaults on every device, so
 * registers that would only repeat a default (no variant, position 0, a
 * free piece) are not written. */
static CcOrderLine *
write_line (CcStore            *store,
            const char         *order_id,
            const char         *currency,
            const CcOrderLine  *line,
            int                 position,
            GError            **error)
{
  g_autoptr(CcOrderLine) written = g_new0 (CcOrderLine, 1);
  const char *variant_id = line->variant_id && *line->variant_id ? line->variant_id : NULL;

  if (!resolve_line (store, currency, line, &written->product_id, &written->unit_price, error))
    return NULL;

  written->id = cc_uuid_v7_new ();
  written->order_id = g_strdup (order_id);
  written->variant_id = g_strdup (variant_id);
  written->quantity = line->quantity;
  written->position = position;
  if (!cc_store_write (store, "order_line", written->id, "order_id", cc_value_string (order_id), error) ||
      !cc_store_write (store, "order_line", written->id, "product_id", cc_value_string (written->product_id), error) ||
      (variant_id != NULL &&
       !cc_store_write (store, "order_line", written->id, "variant_id", cc_value_string (variant_id), error)) ||
      !cc_store_write (store, "order_line", written->id, "quantity", cc_value_int (line->quantity), error) ||
      (written->unit_price != 0 &&
       !cc_store_write (store, "order_line", written->id, "unit_price", cc_value_int (written->unit_price), error)) ||
      (position != 0 &&
       !cc_store_write (store, "order_line", written->id, "position", cc_value_int (position), error)))
    return NULL;
  return g_steal_pointer (&written);
}

static gboolean
customer_is_live (CcStore    *store,
                  const char *customer_id)
{
  return query_int64 (store, "SELECT 1 FROM customers WHERE id = ? AND deleted = 0", 0, customer_id, NULL) == 1;
}

static gboolean
validate_order_fields (CcStore        *store,
                       const CcOrder  *order,
                       GError        **error)
{
  if (order->discount < 0 || order->shipping < 0)
    return cc_invalid_input (error, _("Discount and shipping cannot be negative"));
  if (order->discount > CC_MONEY_MAX || order->shipping > CC_MONEY_MAX)
    return cc_invalid_input (error, _("That amount is too large"));
  if (order->tax_rate_bp < -1 || order->tax_rate_bp > MAX_TAX_RATE_BP)
    return cc_invalid_input (error, _("A tax rate must be between 0%% and 100%%"));
  if (!cc_text_check (order->notes, MAX_NOTES, _("The notes"), error))
    return FALSE;
  if (order->customer_id != NULL && *order->customer_id != '\0' &&
      !customer_is_live (store, order->customer_id))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no customer “%s”"), order->customer_id);
      return FALSE;
    }
  return TRUE;
}

/* The status register (the latest, by clock) and the set element saying
 * the order reached it, which the merge reads (order_flush). */
static gboolean
write_status (CcStore        *store,
              const char     *order_id,
              CcOrderStatus   status,
              GError        **error)
{
  g_autofree char *reached = g_strconcat (REACHED_PREFIX, cc_order_status_to_string (status), NULL);

  return cc_store_write (store, "order", order_id, "status",
                         cc_value_string (cc_order_status_to_string (status)), error) &&
         cc_store_write (store, "order", order_id, reached, cc_value_bool (TRUE), error);
}

/* Writes a new order with its lines, in the current transaction, and
 * returns it as stored (without reading it back). As for lines, registers
 * that would only repeat a column's default are left out. */
static CcOrder *
write_new_order (CcStore        *store,
                 const CcOrder  *order,
                 CcOrderStatus   status,
                 GError        **error)
{
  g_autoptr(CcOrder) written = cc_order_new ();
  g_autofree char *notes = cc_text_normalize (order->notes ? order->notes : "");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 tax_rate_bp = order->tax_rate_bp;
  gboolean tax_inclusive = order->tax_inclusive;
  const char *customer_id = order->customer_id && *order->customer_id ? order->customer_id : NULL;
  const char *id;

  if (!validate_order_fields (store, order, error))
    return NULL;

  if (order->currency != NULL && *order->currency != '\0')
    written->currency = g_strdup (order->currency);
  else
    written->currency = cc_store_dup_setting (store, "currency", "INR");
  if (!cc_currency_is_valid (written->currency))
    {
      cc_invalid_input (error, _("“%s” is not a currency code CraftChain knows (use one like INR, USD or EUR)"),
                        written->currency);
      return NULL;
    }

  /* The shop's tax as it is today is captured on the order. */
  if (tax_rate_bp < 0)
    {
      g_autofree char *rate = cc_store_dup_setting (store, "tax-rate-bp", "0");
      g_autofree char *inclusive = cc_store_dup_setting (store, "tax-inclusive", "false");
      gint64 parsed = g_ascii_strtoll (rate, NULL, 10);

      tax_rate_bp = CLAMP (parsed, 0, MAX_TAX_RATE_BP);
      tax_inclusive = g_strcmp0 (inclusive, "true") == 0 || g_strcmp0 (inclusive, "1") == 0;
    }

  written->number = next_order_number (store, error);
  if (written->number == NULL)
    return NULL;
  written->id = cc_uuid_v7_new ();
  written->customer_id = g_strdup (customer_id);
  written->status = status;
  written->discount = order->discount;
  written->shipping = order->shipping;
  written->tax_rate_bp = tax_rate_bp;
  written->tax_inclusive = tax_inclusive;
  written->notes = g_strdup (notes ? notes : "");
  written->created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  id = written->id;

  if (!cc_store_write (store, "order", id, "number", cc_value_string (written->number), error) ||
      !write_status (store, id, status, error) ||
      (customer_id != NULL &&
       !cc_store_write (store, "order", id, "customer_id", cc_value_string (customer_id), error)) ||
      !cc_store_write (store, "order", id, "currency", cc_value_string (written->currency), error) ||
      (order->discount != 0 &&
       !cc_store_write (store, "order", id, "discount", cc_value_int (order->discount), error)) ||
      (order->shipping != 0 &&
       !cc_store_write (store, "order", id, "shipping", cc_value_int (order->shipping), error)) ||
      (tax_rate_bp != 0 &&
       !cc_store_write (store, "order", id, "tax_rate_bp", cc_value_int (tax_rate_bp), error)) ||
      (tax_inclusive &&
       !cc_store_write (store, "order", id, "tax_inclusive", cc_value_bool (TRUE), error)) ||
      (written->notes[0] != '\0' &&
       !cc_store_write (store, "order", id, "notes", cc_value_string (written->notes), error)) ||
      !cc_store_write (store, "order", id, "created", cc_value_string (written->created), error))
    return NULL;

  for (guint i = 0; order->lines != NULL && i < order->lines->len; i++)
    {
      CcOrderLine *line = write_line (store, id, written->currency, g_ptr_array_index (order->lines, i), i, error);

      if (line == NULL)
        return NULL;
      g_ptr_array_add (written->lines, line);
    }

  return g_steal_pointer (&written);
}

static gboolean record_effect (CcStore            *store,
                               const CcOrder      *order,
                               const CcOrderLine  *line,
                               const StockEffect  *effect,
                               GError            **error);
static gboolean check_available (CcStore        *store,
                                 const CcOrder  *order,
                                 GError        **error);

/* Records the stock effects of moving order from → to, in the current
 * transaction. */
static gboolean
record_transition (CcStore           *store,
                   const CcOrder     *order,
                   const Transition  *transition,
                   GError           **error)
{
  for (guint e = 0; e < G_N_ELEMENTS (transition->effects) && transition->effects[e].name != NULL; e++)
    for (guint i = 0; i < order->lines->len; i++)
      if (!record_effect (store, order, g_ptr_array_index (order->lines, i), &transition->effects[e], error))
        return FALSE;
  return TRUE;
}

static char *
create_order (CcStore        *store,
              const CcOrder  *order,
              gboolean        confirm,
              gboolean        allow_backorder,
              GError        **error)
{
  g_autoptr(CcOrder) written = NULL;

  if (!cc_store_begin (store, error))
    return NULL;
  written = write_new_order (store, order, confirm ? CC_ORDER_CONFIRMED : CC_ORDER_PENDING, error);
  if (written == NULL)
    goto failed;
  /* As cc_orders_set_status would, with the same ledger ids. */
  if (confirm &&
      ((!allow_backorder && !check_available (store, written, error)) ||
       !record_transition (store, written, find_transition (CC_ORDER_PENDING, CC_ORDER_CONFIRMED), error)))
    goto failed;
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&written->id);

failed:
  cc_store_rollback (store);
  return NULL;
}

char *
cc_orders_create_order (CcStore        *store,
                        const CcOrder  *order,
                        GError        **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  return create_order (store, order, FALSE, FALSE, error);
}

char *
cc_orders_create_confirmed_order (CcStore        *store,
                                  const CcOrder  *order,
                                  gboolean        allow_backorder,
                                  GError        **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  return create_order (store, order, TRUE, allow_backorder, error);
}

gboolean
cc_orders_update_order (CcStore        *store,
                        const CcOrder  *order,
                        GError        **error)
{
  g_autoptr(CcOrder) old = NULL;
  g_autofree char *notes = NULL;
  const char *customer_id;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (order != NULL && order->id != NULL, FALSE);

  old = cc_orders_get_order (store, order->id, error);
  if (old == NULL || !validate_order_fields (store, order, error))
    return FALSE;

  customer_id = order->customer_id && *order->customer_id ? order->customer_id : NULL;
  notes = cc_text_normalize (order->notes ? order->notes : "");

  if (!cc_store_begin (store, error))
    return FALSE;
  if ((g_strcmp0 (old->customer_id, customer_id) != 0 &&
       !cc_store_write (store, "order", old->id, "customer_id",
                        customer_id ? cc_value_string (customer_id) : cc_value_null (), error)) ||
      (old->discount != order->discount &&
       !cc_store_write (store, "order", old->id, "discount", cc_value_int (order->discount), error)) ||
      (old->shipping != order->shipping &&
       !cc_store_write (store, "order", old->id, "shipping", cc_value_int (order->shipping), error)) ||
      (g_strcmp0 (old->notes, notes ? notes : "") != 0 &&
       !cc_store_write (store, "order", old->id, "notes", cc_value_string (notes ? notes : ""), error)))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

static gboolean
require_pending (const CcOrder  *order,
                 GError        **error)
{
  if (order->status == CC_ORDER_PENDING)
    return TRUE;
  g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
               _("Order %s is %s: its lines can change only while it is pending"),
               order->number, cc_order_status_get_label (order->status));
  return FALSE;
}

char *
cc_orders_add_line (CcStore            *store,
                    const char         *order_id,
                    const CcOrderLine  *line,
                    GError            **error)
{
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(CcOrderLine) written = NULL;
  gint64 position;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id != NULL && line != NULL, NULL);

  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL || !require_pending (order, error))
    return NULL;

  position = query_int64 (store,
                          "SELECT max(position) + 1 FROM order_lines WHERE order_id = ? AND deleted = 0",
                          0, order->id, NULL);
  if (!cc_store_begin (store, error))
    return NULL;
  written = write_line (store, order->id, order->currency, line, (int)position, error);
  if (written == NULL)
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&written->id);
}

gboolean
cc_orders_remove_line (CcStore     *store,
                       const char  *line_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *order_id = NULL;
  g_autoptr(CcOrder) order = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (line_id != NULL, FALSE);

  stmt = cc_store_prepare_cached (store, "SELECT order_id FROM order_lines WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, line_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    order_id = cc_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (order_id == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no order line “%s”"), line_id);
      return FALSE;
    }

  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL || !require_pending (order, error))
    return FALSE;
  return cc_store_write (store, "order_line", line_id, "deleted", cc_value_bool (TRUE), error);
}

gboolean
cc_orders_delete_order (CcStore     *store,
                        const char  *order_id,
                        GError     **error)
{
  g_autoptr(CcOrder) order = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL)
    return FALSE;
  if (order->status != CC_ORDER_PENDING && order->status != CC_ORDER_CANCELLED)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   _("Order %s is %s; only pending or cancelled orders can be deleted"),
                   order->number, cc_order_status_get_label (order->status));
      return FALSE;
    }
  return cc_store_write (store, "order", order->id, "deleted", cc_value_bool (TRUE), error);
}

/* Status and stock */

static gboolean
record_effect (CcStore            *store,
               const CcOrder      *order,
               const CcOrderLine  *line,
               const StockEffect  *effect,
               GError            **error)
{
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", order->id, line->id, effect->name);
  g_autoptr(CcStockMove) move = cc_stock_move_new ();

  move->id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);
  move->product_id = g_strdup (line->product_id);
  move->variant_id = g_strdup (line->variant_id);
  move->delta = effect->sign * line->quantity;
  move->bucket = effect->bucket;
  move->reason = g_strdup (effect->reason);
  move->ref_id = g_strdup (order->id);
  return cc_inventory_record (store, move, error);
}

/* Refuses to reserve more pieces than are available, naming the first
 * piece that is short. Lines of the same piece count together. */
static gboolean
check_available (CcStore        *store,
                 const CcOrder  *order,
                 GError        **error)
{
  g_autoptr(GHashTable) needed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < order->lines->len; i++)
    {
      const CcOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *key = g_strconcat (line->product_id, "/", line->variant_id ? line->variant_id : "", NULL);
      gint64 sum = GPOINTER_TO_SIZE (g_hash_table_lookup (needed, key)) + line->quantity;

      g_hash_table_insert (needed, g_steal_pointer (&key), GSIZE_TO_POINTER (sum));
    }

  for (guint i = 0; i < order->lines->len; i++)
    {
      const CcOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autofree char *key = g_strconcat (line->product_id, "/", line->variant_id ? line->variant_id : "", NULL);
      gint64 want = GPOINTER_TO_SIZE (g_hash_table_lookup (needed, key));
      g_autoptr(CcProduct) product = NULL;
      g_autofree char *label = NULL;
      CcStockLevel level = { 0 };

      if (!cc_inventory_get_level (store, line->product_id, line->variant_id, &level, error))
        return FALSE;
      if (level.available >= want)
        continue;

      product = cc_catalogue_get_product (store, line->product_id, NULL);
      label = product ? dup_product_label (store, product, line->variant_id) : g_strdup (line->product_id);
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   /* Plain long long: xgettext cannot see through G_GINT64_FORMAT. */
                   ngettext ("Only %lld of “%s” is available and this order needs %lld; "
                             "confirm it as made to order, or make more first",
                             "Only %lld of “%s” are available and this order needs %lld; "
                             "confirm it as made to order, or make more first",
                             (gulong)MAX (level.available, 0)),
                   (long long)MAX (level.available, 0), label, (long long)want);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_orders_set_status (CcStore        *store,
                      const char     *order_id,
                      CcOrderStatus   status,
                      gboolean        allow_backorder,
                      GError        **error)
{
  g_autoptr(CcOrder) order = NULL;
  const Transition *transition;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);
  g_return_val_if_fail (status < CC_ORDER_N_STATUSES, FALSE);

  if (!cc_store_begin (store, error))
    return FALSE;

  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL)
    goto failed;
  if (order->status == status)
    return cc_store_commit (store, error);

  transition = find_transition (order->status, status);
  if (transition == NULL)
    {
      set_illegal_transition (error, order->status, status);
      goto failed;
    }
  if (status == CC_ORDER_CONFIRMED && !allow_backorder && !check_available (store, order, error))
    goto failed;

  if (!write_status (store, order->id, status, error))
    goto failed;

  if (!record_transition (store, order, transition, error))
    goto failed;

  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}

/* Merging the status

   Statuses merge along the machine, not by clock. Every status an order
   reached on some device is a set element ("reached/<status>"); the merged
   status is the one furthest along a path through all of them: shipped,
   delivered and returned beat cancelled (the parcel left), cancelled beats
   pending and confirmed (confirming, then cancelling is a path), returned
   beats delivered. Then the stock follows what the merged history implies:
   the release of a cancellation that lost is reversed, a cancellation that
   won releases what another device reserved, and the rows of a line
   deleted while another device confirmed are reversed. Every row made here
   has a deterministic id, so two devices doing it make one row. */

static const CcOrderStatus status_precedence[] = {
  CC_ORDER_RETURNED,
  CC_ORDER_DELIVERED,
  CC_ORDER_SHIPPED,
  CC_ORDER_CANCELLED,
  CC_ORDER_CONFIRMED,
};

static CcOrderStatus
merge_statuses (guint reached)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_precedence); i++)
    if (reached & (1u << status_precedence[i]))
      return status_precedence[i];
  return CC_ORDER_PENDING;
}

/* The statuses the order reached on any device, as bits: its reached/…
 * elements and the value of its status register (orders written before
 * the elements existed have only that). */
static gboolean
load_reached (CcStore     *store,
              const char  *order_id,
              guint       *out,
              GError     **error)
{
  sqlite3_stmt *stmt;
  guint reached = 0;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT reg, value FROM registers WHERE entity = 'order' AND row_id = ? "
                                  "AND (reg = 'status' OR (reg >= '" REACHED_PREFIX "' AND reg < 'reached0'))",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, order_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reg = (const char *)sqlite3_column_text (stmt, 0);
      const char *value = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *name = NULL;
      CcOrderStatus status;

      if (strcmp (reg, "status") == 0)
        {
          gsize len = strlen (value);

          /* Status names are plain ASCII: the JSON text is the name quoted. */
          if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
            name = g_strndup (value + 1, len - 2);
        }
      else if (strcmp (value, "true") == 0)
        name = g_strdup (reg + strlen (REACHED_PREFIX));
      if (name != NULL && cc_order_status_from_string (name, &status))
        reached |= 1u << status;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  *out = reached;
  return TRUE;
}

/* The effects a line can have, and the reason of the row reversing each. */
static const struct
{
  const char *name;
  const char *reversal_reason;
} line_effects[] = {
  { "reserve", "released" },
  { "unreserve", "reserved" },
  { "ship", "returned" },
  { "release", "reserved" },
  { "return", "shipped" },
  { "sold", "returned" },
};

typedef struct
{
  CcOrderLine line;
  gboolean    deleted;
} LineState;

static void
line_state_free (LineState *state)
{
  g_free (state->line.id);
  g_free (state->line.order_id);
  g_free (state->line.product_id);
  g_free (state->line.variant_id);
  g_free (state);
}

/* A recorded effect row (delta 0: its registers have not all arrived). */
static gboolean
lookup_move (CcStore      *store,
             const char   *move_id,
             CcStockMove **out,
             GError      **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store,
                                                "SELECT product_id, variant_id, delta, bucket FROM stock_moves "
                                                "WHERE id = ? AND delta != 0",
                                                error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, move_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      CcStockMove *move = cc_stock_move_new ();

      move->product_id = cc_sqlite_column_dup (stmt, 0);
      move->variant_id = cc_sqlite_column_dup (stmt, 1);
      move->delta = sqlite3_column_int64 (stmt, 2);
      move->bucket = sqlite3_column_int (stmt, 3);
      *out = move;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
product_row_exists (CcStore    *store,
                    const char *product_id)
{
  return query_int64 (store, "SELECT 1 FROM products WHERE id = ?", 0, product_id, NULL) == 1;
}

/* Reverses the effect row `name` of a line once: a row with the opposite
 * delta, id UUIDv5 of "<order>/<line>/<name>/reversed". */
static gboolean
reverse_effect (CcStore            *store,
                const char         *order_id,
                const CcOrderLine  *line,
                guint               effect,
                GError            **error)
{
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", order_id, line->id, line_effects[effect].name);
  g_autofree char *move_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);
  g_autofree char *reversal_name = g_strconcat (name, "/reversed", NULL);
  g_autoptr(CcStockMove) reversal = cc_stock_move_new ();
  g_autoptr(CcStockMove) original = NULL;

  if (!lookup_move (store, move_id, &original, error))
    return FALSE;
  /* Its product arrives before it from the server; if not, the next
   * change to the order settles it. */
  if (original == NULL || !product_row_exists (store, original->product_id))
    return TRUE;

  reversal->id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, reversal_name);
  reversal->product_id = g_steal_pointer (&original->product_id);
  reversal->variant_id = g_steal_pointer (&original->variant_id);
  reversal->delta = -original->delta;
  reversal->bucket = original->bucket;
  reversal->reason = g_strdup (line_effects[effect].reversal_reason);
  reversal->ref_id = g_strdup (order_id);
  return cc_inventory_record (store, reversal, error);
}

static gboolean
effect_recorded (CcStore            *store,
                 const char         *order_id,
                 const CcOrderLine  *line,
                 const char         *effect,
                 gboolean           *out,
                 GError            **error)
{
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", order_id, line->id, effect);
  g_autofree char *move_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);
  g_autoptr(CcStockMove) move = NULL;

  if (!lookup_move (store, move_id, &move, error))
    return FALSE;
  *out = move != NULL;
  return TRUE;
}

static gboolean
order_flush (CcStore     *store,
             const char  *row_id,
             GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(CcOrder) stub = NULL;
  g_autofree char *column = NULL;
  sqlite3_stmt *stmt;
  CcOrderStatus merged, stored;
  guint reached = 0;
  int rc;

  /* Stock moves mark the order they follow from, which may be a batch. */
  stmt = cc_store_prepare_cached (store, "SELECT status FROM orders WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    column = cc_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (column == NULL)
    return TRUE;

  if (!load_reached (store, row_id, &reached, error))
    return FALSE;
  merged = merge_statuses (reached);
  if (!cc_order_status_from_string (column, &stored) || stored != merged)
    {
      /* Every replica computes the same: this is no new write. */
      if (!cc_store_exec (store, "UPDATE orders SET status = ? WHERE id = ?",
                          error, 2, cc_order_status_to_string (merged), row_id))
        return FALSE;
    }

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)line_state_free);
  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, product_id, variant_id, quantity, deleted FROM order_lines "
                                  "WHERE order_id = ? ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LineState *state = g_new0 (LineState, 1);

      state->line.id = cc_sqlite_column_dup (stmt, 0);
      state->line.product_id = cc_sqlite_column_dup (stmt, 1);
      state->line.variant_id = cc_sqlite_column_dup (stmt, 2);
      state->line.quantity = sqlite3_column_int64 (stmt, 3);
      state->deleted = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (lines, state);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }

  stub = cc_order_new ();
  stub->id = g_strdup (row_id);
  for (guint i = 0; i < lines->len; i++)
    {
      LineState *state = g_ptr_array_index (lines, i);
      gboolean parcel_left = merged == CC_ORDER_SHIPPED || merged == CC_ORDER_DELIVERED ||
                             merged == CC_ORDER_RETURNED;

      for (guint e = 0; e < G_N_ELEMENTS (line_effects); e++)
        {
          gboolean is_release = strcmp (line_effects[e].name, "release") == 0;

          if ((state->deleted || (is_release && parcel_left)) &&
              !reverse_effect (store, row_id, &state->line, e, error))
            return FALSE;
        }

      /* Cancelled while another device confirmed: release what it held. */
      if (!state->deleted && merged == CC_ORDER_CANCELLED && state->line.product_id != NULL &&
          product_row_exists (store, state->line.product_id))
        {
          gboolean reserved = FALSE, released = FALSE;
          const Transition *cancel = find_transition (CC_ORDER_CONFIRMED, CC_ORDER_CANCELLED);

          if (!effect_recorded (store, row_id, &state->line, "reserve", &reserved, error) ||
              !effect_recorded (store, row_id, &state->line, "release", &released, error))
            return FALSE;
          if (reserved && !released &&
              !record_effect (store, stub, &state->line, &cancel->effects[0], error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Invoice numbers */

static gboolean
can_invoice (CcOrderStatus status)
{
  return status == CC_ORDER_CONFIRMED || status == CC_ORDER_SHIPPED ||
         status == CC_ORDER_DELIVERED || status == CC_ORDER_RETURNED;
}

/* In the current transaction. */
static char *
issue_invoice_number (CcStore        *store,
                      const CcOrder  *order,
                      GError        **error)
{
  g_autofree char *number = NULL;

  if (order->invoice_number != NULL && order->invoice_number[0] != '\0')
    return g_strdup (order->invoice_number);
  if (!can_invoice (order->status))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                   _("Order %s is %s: only a confirmed, shipped, delivered or returned order gets an invoice"),
                   order->number, cc_order_status_get_label (order->status));
      return NULL;
    }
  number = next_invoice_number (store, error);
  if (number == NULL ||
      !cc_store_write (store, "order", order->id, "invoice_number", cc_value_string (number), error))
    return NULL;
  return g_steal_pointer (&number);
}

char *
cc_orders_issue_invoice_number (CcStore     *store,
                                const char  *order_id,
                                GError     **error)
{
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  if (!cc_store_begin (store, error))
    return NULL;
  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL || (number = issue_invoice_number (store, order, error)) == NULL)
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&number);
}

/* Below cost */

/* The price a line takes from the catalogue (the variant's, else the
 * product's) and the piece's title with its variant's options. */
static gboolean
describe_piece (CcStore          *store,
                const CcProduct  *product,
                const char       *variant_id,
                gint64           *out_price,
                char            **out_label)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autoptr(GString) label = g_string_new (cc_product_get_title (product, languages[0]));
  g_autoptr(GPtrArray) variants = NULL;

  *out_price = product->price;
  if (variant_id == NULL)
    {
      *out_label = g_string_free (g_steal_pointer (&label), FALSE);
      return TRUE;
    }
  variants = cc_catalogue_list_variants (store, product->id);
  for (guint i = 0; i < variants->len; i++)
    {
      CcVariant *variant = g_ptr_array_index (variants, i);

      if (g_strcmp0 (variant->id, variant_id) != 0)
        continue;
      if (variant->price > 0)
        *out_price = variant->price;
      for (guint j = 0; j < variant->options->len; j++)
        {
          CcVariantOption *option = g_ptr_array_index (variant->options, j);

          g_string_append_printf (label, j == 0 ? " — %s: %s" : ", %s: %s", option->name, option->value);
        }
      *out_label = g_string_free (g_steal_pointer (&label), FALSE);
      return TRUE;
    }
  return FALSE;
}

/* The recipe's cost of one piece in currency, or -1 when it is unknown
 * (no recipe, a material never bought, no wage set, another currency). */
static gint64
piece_cost (CcStore    *store,
            const char *product_id,
            const char *variant_id,
            const char *currency)
{
  g_auto(CcCostBreakdown) cost = { 0 };

  if (!cc_materials_recipe_cost (store, product_id, variant_id, &cost, NULL) ||
      g_strcmp0 (cost.currency, currency) != 0)
    return -1;
  return cost.total;
}

gboolean
cc_orders_price_below_cost (CcStore     *store,
                            const char  *product_id,
                            const char  *variant_id,
                            gint64       price,
                            gint64      *out_cost)
{
  g_autoptr(CcProduct) product = NULL;
  gint64 cost;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  if (out_cost != NULL)
    *out_cost = -1;
  product = cc_catalogue_get_product (store, product_id, NULL);
  if (product == NULL)
    return FALSE;
  cost = piece_cost (store, product->id, variant_id && *variant_id ? variant_id : NULL, product->currency);
  if (out_cost != NULL)
    *out_cost = cost;
  return cost >= 0 && price < cost;
}

GPtrArray *
cc_orders_check_below_cost (CcStore       *store,
                            const CcOrder *order)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CC_IS_STORE (store), warnings);
  g_return_val_if_fail (order != NULL, warnings);

  for (guint i = 0; order->lines != NULL && i < order->lines->len; i++)
    {
      const CcOrderLine *line = g_ptr_array_index (order->lines, i);
      const char *variant_id = line->variant_id && *line->variant_id ? line->variant_id : NULL;
      g_autoptr(CcProduct) product = NULL;
      g_autofree char *label = NULL;
      g_autofree char *price_text = NULL;
      g_autofree char *cost_text = NULL;
      gint64 price, cost;

      if (line->product_id == NULL)
        continue;
      product = cc_catalogue_get_product (store, line->product_id, NULL);
      if (product == NULL || !describe_piece (store, product, variant_id, &price, &label))
        continue;
      if (line->unit_price >= 0)
        price = line->unit_price;
      cost = piece_cost (store, product->id, variant_id, product->currency);
      if (cost < 0 || price >= cost)
        continue;

      price_text = cc_money_format (price, product->currency);
      cost_text = cc_money_format (cost, product->currency);
      /* Translators: a piece, its price and its cost of goods */
      g_ptr_array_add (warnings, g_strdup_printf (_("%s is priced %s, below its cost of %s"),
                                                  label, price_text, cost_text));
    }
  return warnings;
}

/* Payments */

static const char * const payment_methods[] = { "cash", "card", "upi", "bank", "other" };

static gboolean
validate_payment (const char  *method,
                  gint64       amount,
                  const char  *date,
                  GError     **error)
{
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (payment_methods); i++)
    known = known || g_strcmp0 (method, payment_methods[i]) == 0;
  if (!known)
    return cc_invalid_input (error, _("“%s” is not a way to pay CraftChain knows (cash, card, upi, bank or other)"),
                             method ? method : "");
  if (amount <= 0)
    return cc_invalid_input (error, _("A payment must be more than zero"));
  if (amount > CC_MONEY_MAX)
    return cc_invalid_input (error, _("That amount is too large"));
  if (date != NULL)
    {
      guint year, month, day;
      char end;

      if (strlen (date) != 10 ||
          sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
          !g_date_valid_dmy (day, month, year))
        return cc_invalid_input (error, _("“%s” is not a date like 2024-03-31"), date);
    }
  return TRUE;
}

static char *
write_payment (CcStore     *store,
               const char  *order_id,
               const char  *method,
               gint64       amount,
               const char  *date,
               GError     **error)
{
  g_autofree char *id = cc_uuid_v7_new ();
  g_autofree char *today = NULL;

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_time_format (now, "%Y-%m-%d");
      date = today;
    }
  if (!cc_store_write (store, "payment", id, "order_id", cc_value_string (order_id), error) ||
      !cc_store_write (store, "payment", id, "method", cc_value_string (method), error) ||
      !cc_store_write (store, "payment", id, "amount", cc_value_int (amount), error) ||
      !cc_store_write (store, "payment", id, "date", cc_value_string (date), error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
cc_orders_add_payment (CcStore     *store,
                       const char  *order_id,
                       const char  *method,
                       gint64       amount,
                       const char  *date,
                       GError     **error)
{
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  if (!validate_payment (method, amount, date, error))
    return NULL;
  order = cc_orders_get_order (store, order_id, error);
  if (order == NULL)
    return NULL;

  if (!cc_store_begin (store, error))
    return NULL;
  id = write_payment (store, order->id, method, amount, date, error);
  if (id == NULL)
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Quick sale */

gboolean
cc_orders_quick_sale (CcStore     *store,
                      GPtrArray   *lines,
                      const char  *method,
                      gint64       amount_paid,
                      char       **out_order_id,
                      GError     **error)
{
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *id = NULL;
  g_autofree char *payment_id = NULL;
  g_autofree char *invoice_number = NULL;
  CcOrderTotals totals;
  gint64 amount;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  if (lines->len == 0)
    return cc_invalid_input (error, _("A sale needs at least one piece"));
  if (amount_paid < -1)
    return cc_invalid_input (error, _("A payment cannot be negative"));
  /* The method is checked even when nothing is paid now. */
  if (!validate_payment (method, 1, NULL, error))
    return FALSE;

  g_ptr_array_set_free_func (draft->lines, NULL);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (draft->lines, g_ptr_array_index (lines, i));

  if (!cc_store_begin (store, error))
    return FALSE;

  order = write_new_order (store, draft, CC_ORDER_DELIVERED, error);
  if (order == NULL)
    goto failed;
  id = g_strdup (order->id);

  for (guint i = 0; i < order->lines->len; i++)
    if (!record_effect (store, order, g_ptr_array_index (order->lines, i), &sold_effect, error))
      goto failed;
  /* The buyer leaves with a receipt that is also the invoice. */
  invoice_number = issue_invoice_number (store, order, error);
  if (invoice_number == NULL)
    goto failed;

  cc_order_compute_totals (order, &totals);
  amount = amount_paid < 0 ? totals.total : MIN (amount_paid, totals.total);
  if (amount > 0)
    {
      payment_id = write_payment (store, id, method, amount, NULL, error);
      if (payment_id == NULL)
        goto failed;
    }

  if (!cc_store_commit (store, error))
    return FALSE;
  if (out_order_id != NULL)
    *out_order_id = g_steal_pointer (&id);
  return TRUE;

failed:
  cc_store_rollback (store);
  return FALSE;
}
