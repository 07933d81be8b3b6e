/* cc-import.h — products in and out as Shopify and Etsy CSV files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-catalogue.h"

G_BEGIN_DECLS

typedef enum
{
  CC_IMPORT_FORMAT_SHOPIFY,         /* Handle, Title, Body (HTML), Variant SKU… */
  CC_IMPORT_FORMAT_SHOPIFY_2024,    /* Title, URL handle, Description, SKU… */
  CC_IMPORT_FORMAT_ETSY,            /* TITLE, DESCRIPTION, PRICE, CURRENCY_CODE… */
} CcImportFormat;

/* One product the file creates or updates. */
typedef struct
{
  guint       line;         /* physical line where its first row starts */
  char       *product_id;   /* NULL: a new product */
  CcProduct  *product;      /* the fields the file sets */
  GPtrArray  *variants;     /* CcVariant* (product_id unset) */
  GPtrArray  *image_urls;   /* char*, in file order */
} CcImportItem;

typedef struct
{
  guint  line;              /* physical line (the header is line 1) */
  char  *reason;            /* translated */
} CcImportProblem;

typedef struct
{
  CcImportFormat  format;
  GPtrArray      *items;        /* CcImportItem* */
  GPtrArray      *problems;     /* CcImportProblem*: rows that will not import */
  guint           n_create;
  guint           n_update;
  /* Stock is the inventory ledger's business: quantities are reported, not imported. */
  guint           n_quantities;
  gint64          total_quantity;
} CcImportPreview;

void             cc_import_preview_free (CcImportPreview *preview);

/* Reads and checks a CSV file without writing anything. A file that is not
 * a Shopify or Etsy products CSV, or lacks a required column, is a
 * CC_ERROR_INVALID_INPUT; bad rows are listed in the preview's problems.
 * Bytes that are not UTF-8 make their row bad. */
CcImportPreview *cc_import_preview_file (CcStore      *store,
                                         const char   *path,
                                         GError      **error);
/* Writes the preview's items in one transaction (all or nothing). */
gboolean         cc_import_apply        (CcStore          *store,
                                         CcImportPreview  *preview,
                                         guint            *out_created,
                                         guint            *out_updated,
                                         GError          **error);
/* Every live product in Shopify's product CSV (Handle, Title, Body (HTML)…). */
gboolean         cc_export_shopify_csv  (CcStore     *store,
                                         const char  *path,
                                         GError     **error);
/* Every order, oldest first, one row per line: order, date, status,
 * customer, email, SKU, title, quantity, unit price, line total, then the
 * order's subtotal, discount, shipping, tax, total, paid and currency.
 * Money is plain decimal; UTF-8 without a BOM, RFC 4180 quoting; the file
 * is written to a temporary file and renamed (CC_ERROR_IO). */
gboolean         cc_export_orders_csv   (CcStore     *store,
                                         const char  *path,
                                         GError     **error);

/* Image addresses kept from imports, waiting to be fetched; NULL-terminated,
 * empty when there are none. */
GStrv            cc_import_dup_image_urls (CcStore    *store,
                                           const char *product_id);
/* Registers the "product_images" entity with the store. */
void             cc_import_register     (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcImportPreview, cc_import_preview_free)

G_END_DECLS
