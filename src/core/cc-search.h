/* cc-search.h — search-as-you-type over the catalogue, with filters and sorts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-catalogue.h"

G_BEGIN_DECLS

typedef enum
{
  CC_SORT_RELEVANCE,   /* falls back to name without search text */
  CC_SORT_NAME,
  CC_SORT_PRICE_LOW,
  CC_SORT_PRICE_HIGH,
  CC_SORT_NEWEST,
} CcSort;

typedef struct
{
  const char *text;          /* NULL or "": everything; each word a prefix */
  const char *category_id;   /* includes subcategories */
  int         status;        /* a CcProductStatus, or -1 for any */
  gint64      min_price;     /* -1: no bound */
  gint64      max_price;     /* -1: no bound */
  const char *tag;
  CcSort      sort;
  guint       offset;
  guint       limit;         /* 0: 50 */
} CcSearchQuery;

#define CC_SEARCH_QUERY_INIT { NULL, NULL, -1, -1, -1, NULL, CC_SORT_RELEVANCE, 0, 0 }

typedef struct
{
  char            *id;
  char            *title;       /* in the shop's main language */
  char            *sku;
  gint64           price;
  char            *currency;
  CcProductStatus  status;
  char            *cover_sha256; /* NULL without photos */
} CcSearchHit;

void        cc_search_hit_free  (CcSearchHit *hit);

/* CcSearchHit*, one page. */
GPtrArray  *cc_search_run       (CcStore              *store,
                                 const CcSearchQuery  *query,
                                 GError              **error);
/* How many products match (ignores offset and limit). */
gint64      cc_search_count     (CcStore              *store,
                                 const CcSearchQuery  *query,
                                 GError              **error);

/* Rebuilds one product's index entries (the catalogue's flush calls it). */
gboolean    cc_search_index_product (CcStore     *store,
                                     const char  *product_id,
                                     GError     **error);
/* Rebuilds every entry (used by the migration that adds the index). */
gboolean    cc_search_reindex_all   (CcStore  *store,
                                     GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSearchHit, cc_search_hit_free)

G_END_DECLS
