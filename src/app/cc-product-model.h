/* cc-product-model.h — a list model that windows over a catalogue search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cc-search.h"

G_BEGIN_DECLS

/* One piece as the catalogue shows it: read-only properties "id", "title",
 * "sku", "price-text" (formatted for the locale), "status" (a
 * CcProductStatus), "status-label" (translated) and "cover-sha256" (NULL
 * without photos). */
#define CC_TYPE_PRODUCT_ITEM (cc_product_item_get_type ())
G_DECLARE_FINAL_TYPE (CcProductItem, cc_product_item, CC, PRODUCT_ITEM, GObject)

const char      *cc_product_item_get_id           (CcProductItem *self);
const char      *cc_product_item_get_title        (CcProductItem *self);
const char      *cc_product_item_get_sku          (CcProductItem *self);
const char      *cc_product_item_get_price_text   (CcProductItem *self);
CcProductStatus  cc_product_item_get_status       (CcProductItem *self);
const char      *cc_product_item_get_status_label (CcProductItem *self);
const char      *cc_product_item_get_cover_sha256 (CcProductItem *self);

/* A GListModel of CcProductItem over cc_search_run: its length is
 * cc_search_count and items are loaded a page at a time when asked for
 * (with the next pages that are not loaded, in one query), keeping only
 * the few pages used last, so a shop of any size costs the same. While a
 * page stays loaded, a position returns the same item. A row the shop no
 * longer has (it changed since the count, before a reload) comes back as
 * a blank item whose id is NULL. Property "n-items" (guint) follows the
 * length. Main thread only. */
#define CC_TYPE_PRODUCT_MODEL (cc_product_model_get_type ())
G_DECLARE_FINAL_TYPE (CcProductModel, cc_product_model, CC, PRODUCT_MODEL, GObject)

#define CC_PRODUCT_MODEL_PAGE_SIZE 100

CcProductModel      *cc_product_model_new        (CcStore              *store);
CcStore             *cc_product_model_get_store  (CcProductModel       *self);
/* Copies the query (its offset and limit are ignored), counts the
 * matches, forgets the loaded pages and emits items-changed (0, old, new)
 * once. Exception, for GTK 4.8 (see SINGLE_CHANGE_MAX in the .c): when
 * both counts are non-zero and the new one is over 1,000, it emits
 * (0, old, 0) then (0, 0, new), so that a view does not load every row.
 * A query the search refuses leaves the model empty, with the reason in
 * cc_product_model_get_error(). "n-items" is notified after, if changed. */
void                 cc_product_model_set_query  (CcProductModel       *self,
                                                  const CcSearchQuery  *query);
/* The query in use (never NULL; CC_SEARCH_QUERY_INIT at first). */
const CcSearchQuery *cc_product_model_get_query  (CcProductModel       *self);
/* Runs the same query again (the shop changed) and keeps positions, so a
 * view keeps its place: with 1,000 items or fewer, as set_query; above,
 * items-changed for each run of pages that was loaded, and one for the
 * end that grew or shrank. */
void                 cc_product_model_reload     (CcProductModel       *self);
/* Why the last count or page load failed, or NULL. */
const GError        *cc_product_model_get_error  (CcProductModel       *self);
/* How many pages are loaded now (for tests and benchmarks). */
guint                cc_product_model_get_n_loaded_pages (CcProductModel *self);

G_END_DECLS
