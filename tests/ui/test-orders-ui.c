/* test-orders-ui.c — Orders, Customers, the order editor and quick sale, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-customer-editor.h"
#include "cc-customers-page.h"
#include "cc-inventory.h"
#include "cc-money.h"
#include "cc-order-editor.h"
#include "cc-orders.h"
#include "cc-orders-page.h"
#include "cc-quick-sale-window.h"
#include "cc-ui-test-util.h"

#define WORKER_TIMEOUT_S 30

typedef CcUiFixture Fixture;

static CcProduct *
demo_piece (Fixture    *fixture,
            const char *sku,
            gint64      stock)
{
  g_autoptr(GError) error = NULL;
  CcProduct *product = cc_catalogue_get_product (cc_ui_app_store (fixture), sku, &error);
  g_autoptr(GPtrArray) variants = NULL;

  g_assert_no_error (error);
  variants = cc_catalogue_list_variants (cc_ui_app_store (fixture), product->id);
  g_assert_cmpuint (variants->len, ==, 0);
  if (stock > 0)
    {
      cc_inventory_adjust (cc_ui_app_store (fixture), product->id, NULL, stock, "count", NULL, &error);
      g_assert_no_error (error);
    }
  return product;
}

static CcStockLevel
level_of (Fixture         *fixture,
          const CcProduct *product)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level = { 0 };

  g_assert_true (cc_inventory_get_level (cc_ui_app_store (fixture), product->id, NULL, &level, &error));
  g_assert_no_error (error);
  return level;
}

/* Searches the picker as a person types and taps the piece. */
static void
pick_piece (CcPiecePicker   *picker,
            const char      *text,
            const CcProduct *product)
{
  guint n;

  cc_piece_picker_set_search_text (picker, text);
  n = cc_piece_picker_get_n_results (picker);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cc_piece_picker_get_result (picker, i)->product_id, product->id) == 0)
      {
        cc_piece_picker_pick (picker, i);
        return;
      }
  g_assert_not_reached ();
}

static char *
money (gint64 minor)
{
  return cc_money_format (minor, "INR");
}

static CcOrder *
get_order (Fixture    *fixture,
           const char *order_id)
{
  g_autoptr(GError) error = NULL;
  CcOrder *order;

  g_assert_nonnull (order_id);
  order = cc_orders_get_order (cc_ui_app_store (fixture), order_id, &error);
  g_assert_no_error (error);
  return order;
}

static guint
count_orders (Fixture *fixture)
{
  g_autoptr(GPtrArray) orders = cc_orders_list_orders (cc_ui_app_store (fixture));

  return orders->len;
}

static guint
count_customers (Fixture *fixture)
{
  g_autoptr(GPtrArray) customers = cc_orders_list_customers (cc_ui_app_store (fixture));

  return customers->len;
}

static gboolean
editor_idle (gpointer data)
{
  return !cc_order_editor_is_busy (data);
}

static gboolean
sale_idle (gpointer data)
{
  return !cc_quick_sale_window_is_busy (data);
}

/* Tests */

static char *
create_customer_body (Fixture *fixture)
{
  CcCustomersPage *page = CC_CUSTOMERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_CUSTOMERS_PAGE, "customers"));
  g_autoptr(CcCustomerEditor) editor = NULL;
  g_autoptr(CcCustomer) customer = NULL;
  guint n_customers = count_customers (fixture);
  char *customer_id;

  /* The demo shop's customers. */
  g_assert_cmpuint (n_customers, >, 0);
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, n_customers);
  editor = g_object_ref (cc_customers_page_new_customer (page));
  gtk_window_present (GTK_WINDOW (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));

  /* No name, then an address that is not one: shown inline, nothing written. */
  cc_customer_editor_set_fields (editor, "", "asha@example.in", NULL, NULL, NULL);
  g_assert_false (cc_customer_editor_save (editor));
  g_assert_nonnull (cc_customer_editor_get_error_text (editor));
  cc_customer_editor_set_fields (editor, "Asha Verma", "not an email", NULL, NULL, NULL);
  g_assert_false (cc_customer_editor_save (editor));
  g_assert_nonnull (cc_customer_editor_get_error_text (editor));
  g_assert_cmpuint (count_customers (fixture), ==, n_customers);

  cc_customer_editor_set_fields (editor, NULL, "asha@example.in", "+91 98290 12345",
                                 "12 Hawa Mahal Road\nJaipur 302002", "Prefers indigo");
  g_assert_true (cc_customer_editor_save (editor));
  g_assert_null (cc_customer_editor_get_error_text (editor));
  customer_id = g_strdup (cc_customer_editor_get_customer_id (editor));
  g_assert_nonnull (customer_id);

  g_assert_cmpuint (count_customers (fixture), ==, n_customers + 1);
  customer = cc_orders_get_customer (cc_ui_app_store (fixture), customer_id, NULL);
  g_assert_nonnull (customer);
  g_assert_cmpstr (customer->name, ==, "Asha Verma");
  g_assert_cmpstr (customer->email, ==, "asha@example.in");
  g_assert_cmpstr (customer->address, ==, "12 Hawa Mahal Road\nJaipur 302002");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, n_customers + 1);
  cc_customers_page_set_search_text (page, "zzz");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, 0);
  cc_customers_page_set_search_text (page, "asha verma");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, 1);
  g_assert_cmpstr (cc_customers_page_get_customer_id (page, 0), ==, customer_id);
  g_assert_cmpuint (cc_customers_page_get_n_orders (page, 0), ==, 0);
  return customer_id;
}

static void
order_flow_body (Fixture *fixture)
{
  g_autofree char *customer_id = create_customer_body (fixture);
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 5);
  CcStockLevel before = level_of (fixture, vase);
  CcOrdersPage *page = CC_ORDERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_ORDERS_PAGE, "orders"));
  guint n_orders = count_orders (fixture);
  CcOrderEditor *editor;
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *subtotal = NULL;
  g_autofree char *total = NULL;
  g_autofree char *zero = money (0);
  g_autofree char *plain_total = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  CcOrderTotals totals;
  CcStockLevel level;

  g_assert_cmpint (before.available, >=, 5);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders);

  editor = cc_orders_page_new_order (page);
  gtk_window_present (GTK_WINDOW (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  g_assert_null (cc_order_editor_get_order_id (editor));
  cc_order_editor_set_customer (editor, customer_id);
  pick_piece (cc_order_editor_get_picker (editor), "surahi", vase);
  g_assert_cmpuint (cc_order_editor_get_n_lines (editor), ==, 1);
  cc_order_editor_set_line_quantity (editor, 0, 2);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available);
  subtotal = money (2 * vase->price);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_SUBTOTAL), ==, subtotal);

  /* A discount that is not an amount: inline, and nothing written. */
  cc_order_editor_set_discount_text (editor, "ten");
  g_assert_false (cc_order_editor_save (editor));
  g_assert_nonnull (cc_order_editor_get_error_text (editor));
  g_assert_null (cc_order_editor_get_order_id (editor));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders);
  cc_order_editor_set_discount_text (editor, "100");
  g_assert_true (cc_order_editor_save (editor));
  g_assert_null (cc_order_editor_get_error_text (editor));
  order_id = g_strdup (cc_order_editor_get_order_id (editor));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders + 1);

  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_PENDING);
  g_assert_cmpstr (order->customer_id, ==, customer_id);
  g_assert_cmpuint (order->lines->len, ==, 1);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->quantity, ==, 2);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->unit_price, ==, vase->price);
  g_assert_cmpint (order->discount, ==, 10000);
  cc_order_compute_totals (order, &totals);
  total = money (totals.total);
  plain_total = cc_money_format_plain (totals.total, "INR");
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_TOTAL), ==, total);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_BALANCE), ==, total);
  /* Newest first. */
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders + 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);

  /* Confirming reserves: the Inventory figures and the editor both drop. */
  g_assert_true (cc_order_editor_get_status_enabled (editor, CC_ORDER_CONFIRMED));
  g_assert_false (cc_order_editor_get_status_enabled (editor, CC_ORDER_SHIPPED));
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  g_assert_null (cc_order_editor_get_error_text (editor));
  g_assert_null (cc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_CONFIRMED);
  level = level_of (fixture, vase);
  g_assert_cmpint (level.on_hand, ==, before.on_hand);
  g_assert_cmpint (level.reserved, ==, before.reserved + 2);
  g_assert_cmpint (level.available, ==, before.available - 2);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available - 2);

  /* Delivering what was never shipped: refused, with core's message. */
  g_assert_false (cc_order_editor_get_status_enabled (editor, CC_ORDER_DELIVERED));
  g_assert_true (cc_order_editor_get_status_enabled (editor, CC_ORDER_SHIPPED));
  cc_order_editor_change_status (editor, CC_ORDER_DELIVERED);
  g_assert_false (cc_orders_set_status (cc_ui_app_store (fixture), order_id, CC_ORDER_DELIVERED, FALSE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (cc_order_editor_get_error_text (editor), ==, error->message);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  g_assert_cmpint (level_of (fixture, vase).reserved, ==, before.reserved + 2);

  /* Paid in full by UPI. */
  g_assert_false (cc_order_editor_record_payment (editor, "upi", "0", NULL));
  g_assert_nonnull (cc_order_editor_get_error_text (editor));
  g_assert_true (cc_order_editor_record_payment (editor, "upi", plain_total, NULL));
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_PAID), ==, total);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_BALANCE), ==, zero);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpuint (order->payments->len, ==, 1);
  g_assert_cmpstr (((CcPayment *)order->payments->pdata[0])->method, ==, "upi");
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);

  /* The invoice, written by a worker, reads back with the total. */
  pdf_path = g_build_filename (fixture->dir, "invoice.pdf", NULL);
  cc_order_editor_save_document (editor, CC_DOCUMENT_INVOICE, pdf_path);
  g_assert_true (cc_order_editor_is_busy (editor));
  cc_ui_wait_for (editor_idle, editor, WORKER_TIMEOUT_S, "the invoice to be written");
  text = cc_ui_pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, total));
  g_assert_nonnull (strstr (text, "Asha Verma"));

  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  shot = cc_ui_save_screenshot (GTK_WIDGET (editor), "order-editor", fixture->dir);
  cc_ui_assert_screenshot_has_content (shot, 500, 500);
  g_clear_pointer (&shot, g_free);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The list finds it by customer and by status. */
  cc_orders_page_set_search_text (page, "asha");
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);
  cc_orders_page_set_search_text (page, order->number);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  cc_orders_page_set_search_text (page, "nobody-at-all");
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 0);
  cc_orders_page_set_search_text (page, "asha");
  cc_orders_page_set_status_filter (page, CC_ORDER_PENDING);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 0);
  cc_orders_page_set_status_filter (page, CC_ORDER_CONFIRMED);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  cc_orders_page_set_status_filter (page, -1);
  cc_orders_page_set_search_text (page, "");
  cc_ui_wait_for_draw (GTK_WIDGET (page));
  shot = cc_ui_save_screenshot (GTK_WIDGET (fixture->window), "orders-page", fixture->dir);
  cc_ui_assert_screenshot_has_content (shot, 360, 400);
  g_clear_pointer (&shot, g_free);

  /* The customer's row counts it; opening the customer lists it. */
  {
    CcCustomersPage *customers = CC_CUSTOMERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_CUSTOMERS_PAGE, "customers"));
    CcCustomerEditor *customer;

    cc_customers_page_set_search_text (customers, "asha verma");
    g_assert_cmpuint (cc_customers_page_get_n_customers (customers), ==, 1);
    g_assert_cmpuint (cc_customers_page_get_n_orders (customers, 0), ==, 1);
    customer = cc_customers_page_open_customer (customers, 0);
    g_assert_cmpuint (cc_customer_editor_get_n_orders (customer), ==, 1);
    gtk_window_present (GTK_WINDOW (customer));
    cc_ui_wait_for_draw (GTK_WIDGET (customer));
    shot = cc_ui_save_screenshot (GTK_WIDGET (customer), "customer-editor", fixture->dir);
    g_clear_pointer (&shot, g_free);
    gtk_window_destroy (GTK_WINDOW (customer));
  }
}

static void
test_order_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  cc_ui_run_app (fixture, order_flow_body);
}

static void
backorder_body (Fixture *fixture)
{
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 0);
  CcStockLevel before = level_of (fixture, vase);
  gint64 wanted = MAX (before.available, 0) + 2;
  CcOrdersPage *page = CC_ORDERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_ORDERS_PAGE, "orders"));
  CcOrderEditor *editor = cc_orders_page_new_order (page);
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *order_id = NULL;
  CcStockLevel level;
  guint line;

  gtk_window_present (GTK_WINDOW (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  line = cc_order_editor_add_line (editor, vase->id, NULL, wanted);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available);

  /* More than is available: asked; declined, nothing reserved. */
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  cc_ui_answer_dialog ("cancel");
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_PENDING);
  order_id = g_strdup (cc_order_editor_get_order_id (editor));
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_PENDING);
  g_assert_cmpint (level_of (fixture, vase).reserved, ==, before.reserved);

  /* Asked again and accepted: made to order. */
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  cc_ui_answer_dialog ("backorder");
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_CONFIRMED);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  level = level_of (fixture, vase);
  g_assert_cmpint (level.reserved, ==, before.reserved + wanted);
  g_assert_cmpint (level.available, ==, before.available - wanted);
  g_assert_cmpint (level.available, <, 0);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, level.available);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_backorder (Fixture       *fixture,
                gconstpointer  data)
{
  cc_ui_run_app (fixture, backorder_body);
}

static void
quick_sale_body (Fixture *fixture)
{
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 4);
  CcStockLevel before = level_of (fixture, vase);
  CcOrdersPage *page = CC_ORDERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_ORDERS_PAGE, "orders"));
  guint n_orders = count_orders (fixture);
  CcQuickSaleWindow *sale = cc_orders_page_quick_sale (page);
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *change = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  CcOrderTotals totals;
  CcStockLevel level;

  gtk_window_present (GTK_WINDOW (sale));
  cc_ui_wait_for_draw (GTK_WIDGET (sale));

  /* Two taps on the piece make two of it. */
  pick_piece (cc_quick_sale_window_get_picker (sale), "surahi", vase);
  pick_piece (cc_quick_sale_window_get_picker (sale), "surahi", vase);
  g_assert_cmpuint (cc_quick_sale_window_get_n_lines (sale), ==, 1);
  total_text = g_strdup (cc_quick_sale_window_get_total_text (sale));

  /* Less cash than the total: refused, nothing written. */
  cc_quick_sale_window_set_method (sale, "cash");
  cc_quick_sale_window_set_received_text (sale, "100");
  g_assert_false (cc_quick_sale_window_complete (sale));
  g_assert_nonnull (cc_quick_sale_window_get_error_text (sale));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders);

  cc_quick_sale_window_set_received_text (sale, "10000");
  cc_ui_wait_for_draw (GTK_WIDGET (sale));
  shot = cc_ui_save_screenshot (GTK_WIDGET (sale), "quick-sale", fixture->dir);
  cc_ui_assert_screenshot_has_content (shot, 500, 400);
  g_clear_pointer (&shot, g_free);

  g_assert_true (cc_quick_sale_window_complete (sale));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders + 1);
  order = get_order (fixture, cc_quick_sale_window_get_order_id (sale));
  g_assert_cmpint (order->status, ==, CC_ORDER_DELIVERED);
  g_assert_null (order->customer_id);
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.subtotal, ==, 2 * vase->price);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);
  g_assert_cmpuint (order->payments->len, ==, 1);
  g_assert_cmpstr (((CcPayment *)order->payments->pdata[0])->method, ==, "cash");
  {
    g_autofree char *expected = money (totals.total);

    g_assert_cmpstr (total_text, ==, expected);
    change = money (1000000 - totals.total);
  }
  level = level_of (fixture, vase);
  g_assert_cmpint (level.on_hand, ==, before.on_hand - 2);
  g_assert_cmpint (level.reserved, ==, before.reserved);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders + 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);

  /* The receipt. */
  path = g_build_filename (fixture->dir, "receipt.pdf", NULL);
  cc_quick_sale_window_save_receipt (sale, path);
  cc_ui_wait_for (sale_idle, sale, WORKER_TIMEOUT_S, "the receipt to be written");
  text = cc_ui_pdf_text (path);
  g_assert_nonnull (strstr (text, total_text));
  cc_ui_wait_for_draw (GTK_WIDGET (sale));
  shot = cc_ui_save_screenshot (GTK_WIDGET (sale), "quick-sale-done", fixture->dir);
  g_clear_pointer (&shot, g_free);
  {
    g_autoptr(GPtrArray) texts = cc_ui_visible_texts (GTK_WIDGET (sale));
    gboolean change_shown = FALSE;

    for (guint i = 0; i < texts->len; i++)
      change_shown = change_shown || strstr (texts->pdata[i], change) != NULL;
    g_assert_true (change_shown);
  }

  cc_quick_sale_window_new_sale (sale);
  g_assert_cmpuint (cc_quick_sale_window_get_n_lines (sale), ==, 0);
  gtk_window_destroy (GTK_WINDOW (sale));
}

static void
test_quick_sale (Fixture       *fixture,
                 gconstpointer  data)
{
  cc_ui_run_app (fixture, quick_sale_body);
}

static void
hindi_body (Fixture *fixture)
{
  CcStore *store = cc_ui_app_store (fixture);
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 3);
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  CcOrdersPage *page;
  CcOrderEditor *editor;
  gboolean hindi = FALSE;

  customer->name = g_strdup ("मीरा शर्मा");
  customer_id = cc_orders_create_customer (store, customer, &error);
  g_assert_no_error (error);
  draft->customer_id = g_strdup (customer_id);
  g_ptr_array_add (draft->lines, cc_order_line_new (vase->id, NULL, 1));
  order_id = cc_orders_create_order (store, draft, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CcOrder) order = cc_orders_get_order (store, order_id, NULL);

    number = g_strdup (order->number);
  }

  page = CC_ORDERS_PAGE (cc_ui_show_section (fixture, CC_TYPE_ORDERS_PAGE, "orders"));
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), >, 0);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, number);
  cc_ui_wait_for_draw (GTK_WIDGET (page));
  texts = cc_ui_visible_texts (GTK_WIDGET (page));
  for (guint i = 0; i < texts->len; i++)
    hindi = hindi || cc_ui_has_devanagari (texts->pdata[i]);
  g_assert_true (hindi);
  shot = cc_ui_save_screenshot (GTK_WIDGET (fixture->window), "orders-page-hindi", fixture->dir);
  g_clear_pointer (&shot, g_free);

  editor = cc_orders_page_open_order (page, 0);
  gtk_window_present (GTK_WINDOW (editor));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  shot = cc_ui_save_screenshot (GTK_WIDGET (editor), "order-editor-hindi", fixture->dir);
  g_clear_pointer (&shot, g_free);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_hindi (Fixture       *fixture,
            gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || !g_str_has_prefix (language, "hi"))
    {
      g_test_skip ("Runs as test-orders-ui-hindi, with LANGUAGE=hi");
      return;
    }
  cc_ui_run_app (fixture, hindi_body);
}

int
main (int   argc,
      char *argv[])
{
  cc_ui_test_init (&argc, &argv);

  cc_ui_test_add ("/ui/orders/order-flow", CC_UI_SHOP_DEMO, test_order_flow);
  cc_ui_test_add ("/ui/orders/backorder", CC_UI_SHOP_DEMO, test_backorder);
  cc_ui_test_add ("/ui/orders/quick-sale", CC_UI_SHOP_DEMO, test_quick_sale);
  cc_ui_test_add ("/ui/orders/hindi", CC_UI_SHOP_DEMO, test_hindi);

  return g_test_run ();
}
