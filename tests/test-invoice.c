/* test-invoice.c — invoices, receipts and packing slips as PDF, read back with pdftotext.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "cc-catalogue.h"
#include "cc-invoice.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-test-util.h"

#define HINDI_TITLE "नीला दुपट्टा"
#define HINDI_NAME "मीरा शर्मा"

typedef struct
{
  CcStore *store;
  char    *dir;
  char    *order_id;
  char    *number;
  char    *total;       /* as cc_money_format prints it */
  char    *unit_price;  /* of the dupatta */
} Fixture;

static char *
make_product (CcStore    *store,
              const char *sku,
              const char *title_en,
              const char *title_hi,
              gint64      price)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title_en);
  if (title_hi != NULL)
    cc_product_set_title (product, "hi", title_hi);
  product->sku = g_strdup (sku);
  product->price = price;
  product->currency = g_strdup ("INR");
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(CcOrder) stored = NULL;
  g_autofree char *dupatta = NULL;
  g_autofree char *scarf = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *payment_id = NULL;
  CcOrderTotals totals;

  fixture->store = cc_test_open_store ();
  fixture->dir = cc_test_make_tmpdir ();
  g_assert_true (cc_store_set_setting (fixture->store, "shop-name", "Meera Handlooms", &error));
  g_assert_no_error (error);
  g_assert_true (cc_store_set_setting (fixture->store, "currency", "INR", &error));
  g_assert_no_error (error);
  g_assert_true (cc_store_set_setting (fixture->store, "languages", "en,hi", &error));
  g_assert_no_error (error);

  dupatta = make_product (fixture->store, "DUP-BLUE", "Blue dupatta", HINDI_TITLE, 145000);
  scarf = make_product (fixture->store, "SCF-SILK", "Silk scarf", NULL, 52050);

  customer->name = g_strdup (HINDI_NAME);
  customer->address = g_strdup ("12 Gandhi Marg\nJaipur 302001");
  customer->phone = g_strdup ("+91 98765 43210");
  customer_id = cc_orders_create_customer (fixture->store, customer, &error);
  g_assert_no_error (error);

  order->customer_id = g_strdup (customer_id);
  order->tax_rate_bp = 1200;
  order->tax_inclusive = FALSE;
  order->shipping = 15000;
  order->discount = 5000;
  order->currency = g_strdup ("INR");
  g_ptr_array_add (order->lines, cc_order_line_new (dupatta, NULL, 2));
  g_ptr_array_add (order->lines, cc_order_line_new (scarf, NULL, 1));
  fixture->order_id = cc_orders_create_order (fixture->store, order, &error);
  g_assert_no_error (error);
  /* Only a confirmed order is invoiced; nothing is in stock, so made to order. */
  g_assert_true (cc_orders_set_status (fixture->store, fixture->order_id, CC_ORDER_CONFIRMED, TRUE, &error));
  g_assert_no_error (error);

  payment_id = cc_orders_add_payment (fixture->store, fixture->order_id, "upi", 100000,
                                      "2026-12-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (payment_id);

  stored = cc_orders_get_order (fixture->store, fixture->order_id, &error);
  g_assert_no_error (error);
  fixture->number = g_strdup (stored->number);
  cc_order_compute_totals (stored, &totals);
  /* 2 × 1450 + 520.50 = 3420.50; +12% 410.46; −50; +150 = 3930.96 */
  g_assert_cmpint (totals.total, ==, 393096);
  fixture->total = cc_money_format (totals.total, "INR");
  fixture->unit_price = cc_money_format (145000, "INR");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
  g_free (fixture->order_id);
  g_free (fixture->number);
  g_free (fixture->total);
  g_free (fixture->unit_price);
}

static char *
pdf_to_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  return out;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static char *
write_document (Fixture        *fixture,
                const char     *order,
                CcDocumentKind  kind,
                const char     *lang,
                const char     *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (cc_invoice_write_pdf (fixture->store, order, kind, lang, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Tests */

static void
test_invoice_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_document (fixture, fixture->order_id,
                                          CC_DOCUMENT_INVOICE, "hi", "invoice.pdf");
  g_autofree char *text = pdf_to_text (path);
  g_autofree char *paid = cc_money_format (100000, "INR");
  g_autofree char *balance = cc_money_format (393096 - 100000, "INR");
  g_autoptr(CcOrder) order = cc_orders_get_order (fixture->store, fixture->order_id, NULL);
  g_autofree char *invoice_line = g_strdup_printf ("Invoice %s", order->invoice_number);
  g_autofree char *order_line = g_strdup_printf ("Order %s", fixture->number);

  /* The first invoice of this device's series. */
  g_assert_true (g_str_has_suffix (order->invoice_number, "-1"));
  g_assert_nonnull (strstr (text, "Meera Handlooms"));
  g_assert_nonnull (strstr (text, invoice_line));
  g_assert_nonnull (strstr (text, order_line));
  g_assert_nonnull (strstr (text, fixture->total));
  g_assert_nonnull (strstr (text, fixture->unit_price));
  g_assert_nonnull (strstr (text, paid));
  g_assert_nonnull (strstr (text, balance));
  g_assert_nonnull (strstr (text, HINDI_NAME));
  g_assert_nonnull (strstr (text, HINDI_TITLE));
  g_assert_nonnull (strstr (text, "DUP-BLUE"));
  g_assert_nonnull (strstr (text, "Jaipur 302001"));
  g_assert_nonnull (strstr (text, "Tax 12% (added)"));
  /* The scarf has no Hindi title: it falls back to English. */
  g_assert_nonnull (strstr (text, "Silk scarf"));
  g_assert_null (strstr (text, "Blue dupatta"));
  /* Only the invoice and nothing else is in the directory. */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_invoice_by_number_main_language (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = write_document (fixture, fixture->number,
                                          CC_DOCUMENT_INVOICE, NULL, "invoice.pdf");
  g_autofree char *text = pdf_to_text (path);

  /* The shop's main language is English. */
  g_assert_nonnull (strstr (text, "Blue dupatta"));
  g_assert_null (strstr (text, HINDI_TITLE));
  g_assert_nonnull (strstr (text, fixture->total));
}

static void
test_packing_slip_has_no_prices (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = write_document (fixture, fixture->order_id,
                                          CC_DOCUMENT_PACKING_SLIP, "hi", "slip.pdf");
  g_autofree char *text = pdf_to_text (path);

  g_autofree char *order_line = g_strdup_printf ("Order %s", fixture->number);
  g_autoptr(CcOrder) order = cc_orders_get_order (fixture->store, fixture->order_id, NULL);

  g_assert_nonnull (strstr (text, "Packing Slip"));
  g_assert_nonnull (strstr (text, order_line));
  /* A packing slip issues no invoice number. */
  g_assert_cmpstr (order->invoice_number, ==, "");
  g_assert_null (strstr (text, "Invoice"));
  g_assert_nonnull (strstr (text, HINDI_TITLE));
  g_assert_nonnull (strstr (text, HINDI_NAME));
  g_assert_nonnull (strstr (text, "SCF-SILK"));
  g_assert_nonnull (strstr (text, "3 pieces"));
  g_assert_null (strstr (text, fixture->total));
  g_assert_null (strstr (text, fixture->unit_price));
  g_assert_null (strstr (text, cc_currency_symbol ("INR")));
  g_assert_null (strstr (text, "Total"));
}

static void
test_receipt_shows_payments (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_document (fixture, fixture->order_id,
                                          CC_DOCUMENT_RECEIPT, "hi", "receipt.pdf");
  g_autofree char *text = pdf_to_text (path);
  g_autofree char *paid = cc_money_format (100000, "INR");

  g_assert_nonnull (strstr (text, "Receipt"));
  g_assert_nonnull (strstr (text, "UPI"));
  g_assert_nonnull (strstr (text, "2026-12-01"));
  g_assert_nonnull (strstr (text, paid));
  g_assert_nonnull (strstr (text, fixture->total));
}

static void
test_overwrite_is_whole (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "doc.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_no_error (error);
  g_assert_true (cc_invoice_write_pdf (fixture->store, fixture->order_id,
                                       CC_DOCUMENT_RECEIPT, "en", path, &error));
  g_assert_no_error (error);
  text = pdf_to_text (path);
  g_assert_nonnull (strstr (text, "Receipt"));
  /* No temporary file is left beside it. */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_unknown_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (cc_invoice_write_pdf (fixture->store, "NOPE-999",
                                        CC_DOCUMENT_INVOICE, NULL, path, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

static void
test_unwritable_path (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-dir", "invoice.pdf", NULL);
  g_autofree char *dir_path = g_build_filename (fixture->dir, "a-directory", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (cc_invoice_write_pdf (fixture->store, fixture->order_id,
                                        CC_DOCUMENT_INVOICE, NULL, path, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  /* A directory in the way: the temporary file is removed again. */
  g_assert_cmpint (g_mkdir (dir_path, 0700), ==, 0);
  g_assert_false (cc_invoice_write_pdf (fixture->store, fixture->order_id,
                                        CC_DOCUMENT_INVOICE, NULL, dir_path, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  g_assert_true (g_file_test (dir_path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (dir_path), ==, 0);
}

static void
test_long_order_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  guint pages = 0;

  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *title = g_strdup_printf ("Piece number %u", i + 1);
      g_autofree char *sku = g_strdup_printf ("LONG-%02u", i + 1);
      g_autofree char *id = make_product (fixture->store, sku, title, NULL, 1000 + i);

      g_ptr_array_add (order->lines, cc_order_line_new (id, NULL, 1));
    }
  order_id = cc_orders_create_order (fixture->store, order, &error);
  g_assert_no_error (error);
  g_assert_true (cc_orders_set_status (fixture->store, order_id, CC_ORDER_CONFIRMED, TRUE, &error));
  g_assert_no_error (error);

  path = write_document (fixture, order_id, CC_DOCUMENT_INVOICE, "en", "long.pdf");
  text = pdf_to_text (path);
  for (const char *p = text; *p; p++)
    pages += *p == '\f';
  g_assert_cmpuint (pages, >=, 2);
  /* Every line is there, and the totals after the last. */
  g_assert_nonnull (strstr (text, "LONG-01"));
  last = g_strdup_printf ("Piece number %u", 70);
  g_assert_nonnull (strstr (text, last));
  g_assert_true (strstr (text, "Balance due") > strstr (text, last));
}

static void
test_renders_to_png (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_document (fixture, fixture->order_id,
                                          CC_DOCUMENT_INVOICE, "hi", "invoice.pdf");
  g_autofree char *prefix = g_build_filename (fixture->dir, "page", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "page-1.png", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                         path, prefix, NULL };
  const char *keep = g_getenv ("CC_TEST_KEEP_PNG");

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* For looking at the shaping by eye. */
  if (keep != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (png, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (keep, contents, length, &error));
      g_assert_no_error (error);
    }
}

static void
test_pending_not_invoiced (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(CcOrder) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pending.pdf", NULL);
  g_autoptr(CcProduct) any = cc_catalogue_get_product (fixture->store, "DUP-BLUE", NULL);
  gint64 outbox;

  g_ptr_array_add (order->lines, cc_order_line_new (any->id, NULL, 1));
  order_id = cc_orders_create_order (fixture->store, order, &error);
  g_assert_no_error (error);
  outbox = cc_store_outbox_count (fixture->store);

  g_assert_false (cc_invoice_write_pdf (fixture->store, order_id, CC_DOCUMENT_INVOICE, NULL, path, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (fixture->store), ==, outbox);
  stored = cc_orders_get_order (fixture->store, order_id, NULL);
  g_assert_cmpstr (stored->invoice_number, ==, "");
  /* A packing slip of a pending order is fine. */
  g_clear_error (&error);
  g_assert_true (cc_invoice_write_pdf (fixture->store, order_id, CC_DOCUMENT_PACKING_SLIP, NULL, path, &error));
  g_assert_no_error (error);
}

/* The document laid out once draws onto any cairo context: a recording
 * surface as a print preview would, at US Letter, and a PDF of its pages
 * reads back with the same text as cc_invoice_write_pdf's. */
static void
test_document_draws_anywhere (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcInvoiceDocument) letter = NULL;
  g_autoptr(CcInvoiceDocument) a4 = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "drawn.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CcOrder) order = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, width, height;
  int n;

  letter = cc_invoice_document_new (fixture->store, fixture->order_id, CC_DOCUMENT_RECEIPT, "hi",
                                    612, 792, &error);
  g_assert_no_error (error);
  n = cc_invoice_document_get_n_pages (letter);
  g_assert_cmpint (n, ==, 1);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  cc_invoice_document_draw_page (letter, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
  /* Something was drawn, inside the page and its margins. */
  g_assert_cmpfloat (width, >, 300);
  g_assert_cmpfloat (height, >, 200);
  g_assert_cmpfloat (x, >=, 50);
  g_assert_cmpfloat (x + width, <=, 612 - 50);
  g_assert_cmpfloat (y + height, <=, 792);
  cairo_surface_destroy (surface);

  /* An invoice document issues the number as the PDF writer does. */
  a4 = cc_invoice_document_new (fixture->store, fixture->number, CC_DOCUMENT_INVOICE, NULL,
                                595.276, 841.890, &error);
  g_assert_no_error (error);
  order = cc_orders_get_order (fixture->store, fixture->order_id, NULL);
  g_assert_cmpstr (order->invoice_number, !=, "");

  surface = cairo_pdf_surface_create (path, 595.276, 841.890);
  cr = cairo_create (surface);
  for (int i = 0; i < cc_invoice_document_get_n_pages (a4); i++)
    {
      cc_invoice_document_draw_page (a4, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_to_text (path);
  g_assert_nonnull (strstr (text, order->invoice_number));
  g_assert_nonnull (strstr (text, fixture->total));
  g_assert_nonnull (strstr (text, "Blue dupatta"));
}

/* A tiny page still lays out, over more pages. */
static void
test_document_small_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcInvoiceDocument) big = NULL;
  g_autoptr(CcInvoiceDocument) small = NULL;

  big = cc_invoice_document_new (fixture->store, fixture->order_id, CC_DOCUMENT_RECEIPT, NULL,
                                 595.276, 841.890, &error);
  g_assert_no_error (error);
  small = cc_invoice_document_new (fixture->store, fixture->order_id, CC_DOCUMENT_RECEIPT, NULL,
                                   300, 300, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_invoice_document_get_n_pages (big), ==, 1);
  g_assert_cmpint (cc_invoice_document_get_n_pages (small), >, 1);

  g_assert_null (cc_invoice_document_new (fixture->store, "NOPE-1", CC_DOCUMENT_RECEIPT, NULL,
                                          300, 300, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
}

/* A quick sale's receipt is also its invoice: it names both numbers. */
static void
test_quick_sale_receipt (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);
  g_autoptr(CcProduct) scarf = cc_catalogue_get_product (fixture->store, "SCF-SILK", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *sale = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *invoice_line = NULL;
  g_autofree char *order_line = NULL;

  g_ptr_array_add (lines, cc_order_line_new (scarf->id, NULL, 1));
  g_assert_true (cc_orders_quick_sale (fixture->store, lines, "cash", -1, &sale, &error));
  g_assert_no_error (error);
  order = cc_orders_get_order (fixture->store, sale, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (order->invoice_number, !=, "");

  path = write_document (fixture, sale, CC_DOCUMENT_RECEIPT, NULL, "sale.pdf");
  text = pdf_to_text (path);
  invoice_line = g_strdup_printf ("Invoice %s", order->invoice_number);
  order_line = g_strdup_printf ("Order %s", order->number);
  g_assert_nonnull (strstr (text, invoice_line));
  g_assert_nonnull (strstr (text, order_line));
  g_assert_nonnull (strstr (text, "Cash"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/invoice/invoice-text", test_invoice_text);
  ADD ("/core/invoice/by-number-main-language", test_invoice_by_number_main_language);
  ADD ("/core/invoice/packing-slip-no-prices", test_packing_slip_has_no_prices);
  ADD ("/core/invoice/receipt-payments", test_receipt_shows_payments);
  ADD ("/core/invoice/overwrite-whole", test_overwrite_is_whole);
  ADD ("/core/invoice/unknown-order", test_unknown_order);
  ADD ("/core/invoice/unwritable-path", test_unwritable_path);
  ADD ("/core/invoice/long-order-pages", test_long_order_pages);
  ADD ("/core/invoice/renders-to-png", test_renders_to_png);
  ADD ("/core/invoice/pending-not-invoiced", test_pending_not_invoiced);
  ADD ("/core/invoice/quick-sale-receipt", test_quick_sale_receipt);
  ADD ("/core/invoice/document-draws-anywhere", test_document_draws_anywhere);
  ADD ("/core/invoice/document-small-pages", test_document_small_pages);

#undef ADD

  return g_test_run ();
}
