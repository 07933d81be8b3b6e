/* cc-catalogue-page.h — the catalogue: search, filters, sort, grid and list.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CATALOGUE_PAGE (cc_catalogue_page_get_type ())
G_DECLARE_FINAL_TYPE (CcCataloguePage, cc_catalogue_page, CC, CATALOGUE_PAGE, AdwBin)

/* Signals:
 *   "product-activated" (const char *product_id): the person opened a piece.
 * Page actions (installed on the class):
 *   catalogue.view ('s' state: "grid" | "list"), catalogue.sort ('s' state:
 *   "relevance" | "name" | "price-low" | "price-high" | "newest"),
 *   catalogue.clear-filters. */
void  cc_catalogue_page_set_store      (CcCataloguePage *self,
                                        CcStore         *store);
/* Runs the query again (after an edit, a sync, a restore), keeping the
 * search text and filters. */
void  cc_catalogue_page_reload         (CcCataloguePage *self);
void  cc_catalogue_page_focus_search   (CcCataloguePage *self);
/* For tests: how many pieces the current query shows. */
guint cc_catalogue_page_get_n_results  (CcCataloguePage *self);
/* For tests: types into the search entry as a person would. */
void  cc_catalogue_page_set_search_text (CcCataloguePage *self,
                                         const char      *text);

G_END_DECLS
