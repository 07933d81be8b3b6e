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
  gboolean    needs_photos;  /* only pieces without a photo, or whose cover
                                scores below CC_PHOTO_GOOD_SCORE (covers not
                                analysed yet are not counted) */
} CcSearchQuery;

#define CC_SEARCH_QUERY_INIT { NULL, NULL, -1, -1, -1, NULL, CC_SORT_RELEVANCE, 0, 0, FALSE }

typedef struct
{
  char            *id;
  char            *title;       /* in the shop's main language */
  char            *sku;
  gint64           price;
  char            *currency;
  CcProductStatus  status;
  char            *cover_sha256; /* NULL without photos */
  int              cover_score;  /* the cover's photo score 0..100; -1 without
                                    photos or before it is analysed */
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

/* The stored score (0..100, current analysis version) of a photo blob, or
 * -1 when it has not been analysed: one indexed lookup, cheap enough for
 * every row a list binds. */
int         cc_search_get_photo_score (CcStore    *store,
                                       const char *sha256);

/* Rebuilds one product's index entries (the catalogue's flush calls it). */
gboolean    cc_search_index_product (CcStore     *store,
                                     const char  *product_id,
                                     GError     **error);
/* Rebuilds every entry (used by the migration that adds the index). */
gboolean    cc_search_reindex_all   (CcStore  *store,
                                     GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSearchHit, cc_search_hit_free)

G_END_DECLS
