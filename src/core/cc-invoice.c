/* cc-invoice.c — an order's invoice, receipt or packing slip as a PDF file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out once with pangocairo in the "Noto Sans" family (so Indic
 * scripts are shaped by HarfBuzz and a PDF carries their text) into a list
 * of pages, each a list of placed layouts and rules; the PDF writer and a
 * GtkPrintOperation both draw those pages onto their own cairo context.
 * An invoice carries the order's invoice number, issued from this device's
 * gapless series the first time the order is invoiced
 * (cc_orders_issue_invoice_number); receipts and packing slips name the
 * order number. The file is written beside its destination and renamed over
 * it only once cairo has finished it without error.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "cc-catalogue.h"
#include "cc-invoice.h"
#include "cc-money.h"
#include "cc-orders.h"

/* A4 in points, margins of 20 mm. */
#define PAGE_WIDTH 595.276
#define PAGE_HEIGHT 841.890
#define MARGIN (20.0 * 72.0 / 25.4)
#define CELL_PAD 4.0
#define FONT_FAMILY "Noto Sans"
/* The smallest page laid out: the margins and a column of text. */
#define MIN_PAGE_SIDE (2 * MARGIN + 72.0)

typedef struct
{
  double         x;       /* from the left margin, a fraction of the content width */
  double         width;   /* a fraction of the content width */
  PangoAlignment align;
} Column;

/* One thing placed on a page: a layout at (x, y), or (layout NULL) a
 * horizontal rule at y of line width. */
typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
  double       width;
} Item;

static void
item_clear (Item *item)
{
  g_clear_object (&item->layout);
}

struct _CcInvoiceDocument
{
  double                width;
  double                height;
  GPtrArray            *pages;    /* GArray of Item, one per page */
};

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *big;
  double                width;
  double                height;
  double                content_width;
  double                y;
  GArray               *page;     /* borrowed from pages */
  GPtrArray            *pages;
  /* The table being drawn, to repeat its heading on a new page. */
  const Column         *columns;
  const char * const   *headings;
  guint                 n_columns;
} Doc;

typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Drawing */

static PangoLayout *
make_layout (Doc                        *doc,
             const char                 *text,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              align)
{
  PangoLayout *layout = pango_layout_new (doc->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_layout (Doc         *doc,
             PangoLayout *layout,
             double       x,
             double       y)
{
  Item item = { g_object_ref (layout), MARGIN + x, y, 0 };

  g_array_append_val (doc->page, item);
}

static void draw_table_heading (Doc *doc);

static void
start_page (Doc *doc)
{
  doc->page = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (doc->page, (GDestroyNotify)item_clear);
  g_ptr_array_add (doc->pages, doc->page);
  doc->y = MARGIN;
}

static void
new_page (Doc *doc)
{
  start_page (doc);
  if (doc->headings != NULL)
    draw_table_heading (doc);
}

/* Makes room for height, starting a page if needed. */
static void
need (Doc    *doc,
      double  height)
{
  if (doc->y + height > doc->height - MARGIN && doc->y > MARGIN)
    new_page (doc);
}

/* A paragraph across the content width. */
static void
draw_paragraph (Doc                        *doc,
                const char                 *text,
                const PangoFontDescription *font,
                PangoAlignment              align)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, font, doc->content_width, align);
  double height = layout_height (layout);

  need (doc, height);
  show_layout (doc, layout, 0, doc->y);
  doc->y += height;
}

static void
draw_rule (Doc    *doc,
           double  width)
{
  Item item = { NULL, MARGIN, doc->y + 2, width };

  g_array_append_val (doc->page, item);
  doc->y += 5;
}

static void
draw_row (Doc                        *doc,
          const char * const         *cells,
          const PangoFontDescription *font)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;

  for (guint i = 0; i < doc->n_columns; i++)
    {
      const Column *column = &doc->columns[i];
      PangoLayout *layout = make_layout (doc, cells[i], font,
                                         column->width * doc->content_width - 2 * CELL_PAD,
                                         column->align);

      height = MAX (height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD;

  need (doc, height);
  for (guint i = 0; i < doc->n_columns; i++)
    show_layout (doc, g_ptr_array_index (layouts, i),
                 doc->columns[i].x * doc->content_width + CELL_PAD, doc->y + CELL_PAD);
  doc->y += height;
}

static void
draw_table_heading (Doc *doc)
{
  draw_row (doc, doc->headings, doc->bold);
  draw_rule (doc, 0.8);
}

static void
begin_table (Doc                *doc,
             const Column       *columns,
             const char * const *headings,
             guint               n_columns)
{
  doc->columns = columns;
  doc->headings = headings;
  doc->n_columns = n_columns;
  /* Keep the heading with at least one row. */
  need (doc, 60);
  draw_table_heading (doc);
}

static void
end_table (Doc *doc)
{
  draw_rule (doc, 0.4);
  doc->columns = NULL;
  doc->headings = NULL;
  doc->n_columns = 0;
  doc->y += 6;
}

/* A label and an amount, right aligned under the table. */
static void
draw_total (Doc        *doc,
            const char *label,
            gint64      amount,
            const char *currency,
            gboolean    strong)
{
  static const Column columns[] = {
    { 0.35, 0.40, PANGO_ALIGN_RIGHT },
    { 0.75, 0.25, PANGO_ALIGN_RIGHT },
  };
  g_autofree char *money = cc_money_format (amount, currency);
  const char *cells[] = { label, money };
  const Column *saved = doc->columns;
  guint saved_n = doc->n_columns;

  doc->columns = columns;
  doc->n_columns = G_N_ELEMENTS (columns);
  draw_row (doc, cells, strong ? doc->bold : doc->body);
  doc->columns = saved;
  doc->n_columns = saved_n;
}

/* Text */

static const char *
document_title (CcDocumentKind kind)
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
      g_assert_not_reached ();
    }
  return NULL;
}

static const char *
payment_method_label (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (method, "card") == 0)
    return _("Card");
  if (g_strcmp0 (method, "upi") == 0)
    return _("UPI");
  if (g_strcmp0 (method, "bank") == 0)
    return _("Bank transfer");
  return _("Other");
}

/* 1800 → "18", 1250 → "12.5", 725 → "7.25". */
static char *
format_rate (gint64 basis_points)
{
  gint64 whole = basis_points / 100;
  gint64 part = basis_points % 100;

  if (part == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  if (part % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, whole, part / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, whole, part);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The piece's title in lang with its variant's options, and its SKU. */
static void
describe_line (CcStore           *store,
               const CcOrderLine *line,
               const char        *lang,
               char             **out_title,
               char             **out_sku)
{
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, line->product_id, NULL);
  g_autoptr(GString) title = NULL;
  const char *sku;

  if (product == NULL)
    {
      *out_title = g_strdup (_("Removed product"));
      *out_sku = g_strdup ("");
      return;
    }

  title = g_string_new (cc_product_get_title (product, lang));
  sku = product->sku;

  if (line->variant_id != NULL)
    {
      g_autoptr(GPtrArray) variants = cc_catalogue_list_variants (store, product->id);

      for (guint i = 0; variants != NULL && i < variants->len; i++)
        {
          CcVariant *variant = g_ptr_array_index (variants, i);

          if (g_strcmp0 (variant->id, line->variant_id) != 0)
            continue;
          for (guint j = 0; variant->options != NULL && j < variant->options->len; j++)
            {
              CcVariantOption *option = g_ptr_array_index (variant->options, j);

              g_string_append_printf (title, j == 0 ? " — %s: %s" : ", %s: %s",
                                      option->name, option->value);
            }
          if (variant->sku != NULL && variant->sku[0] != '\0')
            sku = variant->sku;
          /* sku borrows from variants, so copy it now. */
          *out_sku = g_strdup (sku ? sku : "");
          *out_title = g_string_free (g_steal_pointer (&title), FALSE);
          return;
        }
    }

  *out_sku = g_strdup (sku ? sku : "");
  *out_title = g_string_free (g_steal_pointer (&title), FALSE);
}

/* The document */

static void
draw_document (Doc            *doc,
               CcStore        *store,
               const CcOrder  *order,
               CcDocumentKind  kind,
               const char     *lang)
{
  g_autofree char *shop_name = cc_store_dup_setting (store, "shop-name", "");
  g_autofree char *date = format_date (order->created);
  g_autofree char *number_line = NULL;
  g_autofree char *date_line = NULL;
  g_autoptr(CcCustomer) customer = NULL;
  g_autoptr(GString) address = g_string_new (NULL);
  gboolean priced = kind != CC_DOCUMENT_PACKING_SLIP;
  CcOrderTotals totals;

  /* Heading */
  if (shop_name[0] != '\0')
    draw_paragraph (doc, shop_name, doc->big, PANGO_ALIGN_LEFT);
  draw_paragraph (doc, document_title (kind), doc->big, PANGO_ALIGN_RIGHT);
  /* A receipt names the invoice too once there is one (a quick sale's). */
  if (kind == CC_DOCUMENT_INVOICE ||
      (kind == CC_DOCUMENT_RECEIPT && order->invoice_number != NULL && order->invoice_number[0] != '\0'))
    {
      g_autofree char *invoice_line = NULL;

      /* Translators: %s is the invoice number, like A3F9-12 */
      invoice_line = g_strdup_printf (_("Invoice %s"), order->invoice_number);
      draw_paragraph (doc, invoice_line, doc->bold, PANGO_ALIGN_RIGHT);
    }
  /* Translators: %s is the order number, like A3F9-40 */
  number_line = g_strdup_printf (_("Order %s"), order->number);
  draw_paragraph (doc, number_line, doc->body, PANGO_ALIGN_RIGHT);
  date_line = g_strdup_printf (_("Date: %s"), date);
  draw_paragraph (doc, date_line, doc->body, PANGO_ALIGN_RIGHT);
  doc->y += 12;

  /* Customer */
  draw_paragraph (doc, kind == CC_DOCUMENT_PACKING_SLIP ? _("Ship to") : _("Bill to"),
                  doc->bold, PANGO_ALIGN_LEFT);
  if (order->customer_id != NULL)
    customer = cc_orders_get_customer (store, order->customer_id, NULL);
  if (customer != NULL)
    {
      g_string_append (address, customer->name);
      if (customer->address != NULL && customer->address[0] != '\0')
        g_string_append_printf (address, "\n%s", customer->address);
      if (customer->phone != NULL && customer->phone[0] != '\0')
        g_string_append_printf (address, "\n%s", customer->phone);
      if (kind != CC_DOCUMENT_PACKING_SLIP &&
          customer->email != NULL && customer->email[0] != '\0')
        g_string_append_printf (address, "\n%s", customer->email);
    }
  else
    g_string_append (address, _("Walk-in customer"));
  draw_paragraph (doc, address->str, doc->body, PANGO_ALIGN_LEFT);
  doc->y += 14;

  /* Lines */
  {
    static const Column priced_columns[] = {
      { 0,    0.40, PANGO_ALIGN_LEFT },
      { 0.40, 0.17, PANGO_ALIGN_LEFT },
      { 0.57, 0.09, PANGO_ALIGN_RIGHT },
      { 0.66, 0.17, PANGO_ALIGN_RIGHT },
      { 0.83, 0.17, PANGO_ALIGN_RIGHT },
    };
    static const Column slip_columns[] = {
      { 0,    0.60, PANGO_ALIGN_LEFT },
      { 0.60, 0.25, PANGO_ALIGN_LEFT },
      { 0.85, 0.15, PANGO_ALIGN_RIGHT },
    };
    const char *headings[] = {
      _("Item"), _("SKU"), _("Qty"), _("Unit price"), _("Amount"),
    };

    if (priced)
      begin_table (doc, priced_columns, headings, G_N_ELEMENTS (priced_columns));
    else
      begin_table (doc, slip_columns, headings, G_N_ELEMENTS (slip_columns));

    for (guint i = 0; i < order->lines->len; i++)
      {
        const CcOrderLine *line = g_ptr_array_index (order->lines, i);
        g_autofree char *title = NULL;
        g_autofree char *sku = NULL;
        g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, line->quantity);
        g_autofree char *unit = cc_money_format (line->unit_price, order->currency);
        g_autofree char *amount = cc_money_format (line->unit_price * line->quantity,
                                                   order->currency);
        const char *cells[5];

        describe_line (store, line, lang, &title, &sku);
        cells[0] = title;
        cells[1] = sku;
        cells[2] = quantity;
        cells[3] = unit;
        cells[4] = amount;
        draw_row (doc, cells, doc->body);
      }
    end_table (doc);
  }

  if (!priced)
    {
      gint64 pieces = 0;
      g_autofree char *number = NULL;
      g_autofree char *count = NULL;

      for (guint i = 0; i < order->lines->len; i++)
        pieces += ((CcOrderLine *) g_ptr_array_index (order->lines, i))->quantity;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, pieces);
      /* Translators: %s is a number of pieces in the parcel */
      count = g_strdup_printf (ngettext ("%s piece", "%s pieces", (unsigned long) pieces),
                               number);
      draw_paragraph (doc, count, doc->bold, PANGO_ALIGN_RIGHT);
    }
  else
    {
      /* Totals */
      cc_order_compute_totals (order, &totals);
      draw_total (doc, _("Subtotal"), totals.subtotal, order->currency, FALSE);
      if (totals.discount != 0)
        draw_total (doc, _("Discount"), -totals.discount, order->currency, FALSE);
      draw_total (doc, _("Shipping"), totals.shipping, order->currency, FALSE);
      if (order->tax_rate_bp > 0)
        {
          g_autofree char *rate = format_rate (order->tax_rate_bp);
          g_autofree char *label = NULL;

          if (order->tax_inclusive)
            /* Translators: %s is a rate such as 18 or 12.5; the tax is in the prices */
            label = g_strdup_printf (_("Tax %s%% (included)"), rate);
          else
            /* Translators: %s is a rate such as 18 or 12.5; the tax is added */
            label = g_strdup_printf (_("Tax %s%% (added)"), rate);
          draw_total (doc, label, totals.tax, order->currency, FALSE);
        }
      draw_total (doc, _("Total"), totals.total, order->currency, TRUE);
      draw_total (doc, _("Paid"), totals.paid, order->currency, FALSE);
      draw_total (doc, _("Balance due"), totals.balance, order->currency, TRUE);
      doc->y += 10;
    }

  /* Payments */
  if (kind == CC_DOCUMENT_RECEIPT)
    {
      static const Column columns[] = {
        { 0,    0.30, PANGO_ALIGN_LEFT },
        { 0.30, 0.40, PANGO_ALIGN_LEFT },
        { 0.70, 0.30, PANGO_ALIGN_RIGHT },
      };
      const char *headings[] = { _("Payment date"), _("Method"), _("Amount") };

      draw_paragraph (doc, _("Payments"), doc->bold, PANGO_ALIGN_LEFT);
      if (order->payments == NULL || order->payments->len == 0)
        draw_paragraph (doc, _("No payments yet."), doc->body, PANGO_ALIGN_LEFT);
      else
        {
          begin_table (doc, columns, headings, G_N_ELEMENTS (columns));
          for (guint i = 0; i < order->payments->len; i++)
            {
              const CcPayment *payment = g_ptr_array_index (order->payments, i);
              g_autofree char *amount = cc_money_format (payment->amount, order->currency);
              const char *cells[] = {
                payment->date, payment_method_label (payment->method), amount,
              };

              draw_row (doc, cells, doc->body);
            }
          end_table (doc);
        }
    }

  if (order->notes != NULL && order->notes[0] != '\0')
    {
      doc->y += 6;
      draw_paragraph (doc, _("Notes"), doc->bold, PANGO_ALIGN_LEFT);
      draw_paragraph (doc, order->notes, doc->body, PANGO_ALIGN_LEFT);
    }

  if (kind == CC_DOCUMENT_RECEIPT)
    {
      doc->y += 12;
      draw_paragraph (doc, _("Thank you for your purchase."), doc->body, PANGO_ALIGN_CENTER);
    }
}

/* Laying out and drawing */

static CcInvoiceDocument *
lay_out (CcStore        *store,
         const CcOrder  *order,
         CcDocumentKind  kind,
         const char     *lang,
         double          width,
         double          height)
{
  CcInvoiceDocument *self = g_new0 (CcInvoiceDocument, 1);
  PangoContext *context;
  cairo_font_options_t *options;
  Doc doc = { 0 };

  self->width = width;
  self->height = height;
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  /* Metrics that do not depend on the device drawn on, so a page laid out
   * once looks the same in a PDF and on a printer. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  doc.context = context;
  doc.body = pango_font_description_from_string (FONT_FAMILY " 9.5");
  doc.bold = pango_font_description_from_string (FONT_FAMILY " Bold 9.5");
  doc.big = pango_font_description_from_string (FONT_FAMILY " Bold 16");
  doc.width = width;
  doc.height = height;
  doc.content_width = width - 2 * MARGIN;
  doc.pages = self->pages;
  start_page (&doc);

  draw_document (&doc, store, order, kind, lang);

  pango_font_description_free (doc.body);
  pango_font_description_free (doc.bold);
  pango_font_description_free (doc.big);
  /* Each layout keeps the context it needs. */
  g_object_unref (context);
  return self;
}

/* The order, with its invoice number issued first for an invoice. */
static CcOrder *
load_order_for (CcStore         *store,
                const char      *order_id_or_number,
                CcDocumentKind   kind,
                GError         **error)
{
  g_autoptr(CcOrder) order = cc_orders_get_order (store, order_id_or_number, error);
  g_autofree char *invoice_number = NULL;

  if (order == NULL)
    return NULL;
  if (kind != CC_DOCUMENT_INVOICE)
    return g_steal_pointer (&order);

  invoice_number = cc_orders_issue_invoice_number (store, order->id, error);
  if (invoice_number == NULL)
    return NULL;
  g_free (order->invoice_number);
  order->invoice_number = g_steal_pointer (&invoice_number);
  return g_steal_pointer (&order);
}

CcInvoiceDocument *
cc_invoice_document_new (CcStore         *store,
                         const char      *order_id_or_number,
                         CcDocumentKind   kind,
                         const char      *lang,
                         double           width,
                         double           height,
                         GError         **error)
{
  g_autoptr(CcOrder) order = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id_or_number != NULL, NULL);
  g_return_val_if_fail (kind >= CC_DOCUMENT_INVOICE && kind <= CC_DOCUMENT_PACKING_SLIP, NULL);
  g_return_val_if_fail (width >= MIN_PAGE_SIDE && height >= MIN_PAGE_SIDE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  order = load_order_for (store, order_id_or_number, kind, error);
  if (order == NULL)
    return NULL;
  if (lang == NULL)
    {
      languages = cc_store_dup_languages (store);
      lang = languages[0];
    }
  return lay_out (store, order, kind, lang, width, height);
}

int
cc_invoice_document_get_n_pages (CcInvoiceDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);

  return (int)doc->pages->len;
}

void
cc_invoice_document_draw_page (CcInvoiceDocument *doc,
                               cairo_t           *cr,
                               int                page)
{
  GArray *items;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && (guint)page < doc->pages->len);

  items = g_ptr_array_index (doc->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (item->layout != NULL)
        {
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
        }
      else
        {
          cairo_new_path (cr);
          cairo_set_line_width (cr, item->width);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, doc->width - item->x, item->y);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

void
cc_invoice_document_free (CcInvoiceDocument *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->pages);
  g_free (doc);
}

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, CC_ERROR, CC_ERROR_IO,
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
}

gboolean
cc_invoice_write_pdf (CcStore         *store,
                      const char      *order_id_or_number,
                      CcDocumentKind   kind,
                      const char      *lang,
                      const char      *path,
                      GError         **error)
{
  g_autoptr(CcInvoiceDocument) doc = NULL;
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Sink sink = { -1, 0 };

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id_or_number != NULL, FALSE);
  g_return_val_if_fail (kind >= CC_DOCUMENT_INVOICE && kind <= CC_DOCUMENT_PACKING_SLIP, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = cc_invoice_document_new (store, order_id_or_number, kind, lang, PAGE_WIDTH, PAGE_HEIGHT, error);
  if (doc == NULL)
    return FALSE;

  tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  sink.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      set_io_error (error, path, errno);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document_title (kind));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CraftChain");

  cr = cairo_create (surface);
  for (int i = 0; i < cc_invoice_document_get_n_pages (doc); i++)
    {
      cc_invoice_document_draw_page (doc, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0)
    {
      sink.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  if (close (sink.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    {
      sink.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      if (sink.saved_errno != 0)
        set_io_error (error, path, sink.saved_errno);
      else
        {
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not write “%s”: %s"),
                       name, cairo_status_to_string (status));
        }
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      set_io_error (error, path, saved_errno);
      return FALSE;
    }
  return TRUE;
}
