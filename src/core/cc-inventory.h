/* cc-inventory.h — stock as a ledger: on hand, reserved, available.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* The namespace of deterministic (UUIDv5) ids for rows that follow from
 * another row (an order's reservation, a batch's consumption): two devices
 * making the same effect make the same row. */
#define CC_EFFECT_NAMESPACE "5b3f0e1c-8a7d-4c3e-9f21-63c2d1a4e7b0"

typedef enum
{
  CC_STOCK_ON_HAND,
  CC_STOCK_RESERVED,
} CcStockBucket;

typedef struct
{
  char          *id;          /* NULL on input: a new UUIDv7 */
  char          *product_id;
  char          *variant_id;  /* NULL: the product itself */
  gint64         delta;       /* pieces, + or - */
  CcStockBucket  bucket;
  char          *reason;      /* "made", "sold", "reserved", "released",
                                 "shipped", "returned", "count", "damaged",
                                 "gift" */
  char          *ref_id;      /* the order or batch it follows from, or NULL */
  char          *batch_id;    /* the lot the pieces came from, or NULL */
  char          *note;
  char          *device;      /* filled when read: who recorded it */
  char          *hlc;         /* filled when read: when */
} CcStockMove;

CcStockMove *cc_stock_move_new  (void);
void         cc_stock_move_free (CcStockMove *move);

typedef struct
{
  gint64 on_hand;
  gint64 reserved;
  gint64 available;      /* on_hand - reserved */
  gint64 low_threshold;  /* 0: none */
} CcStockLevel;

/* Appends one move (its fields as registers, in the current transaction).
 * A move whose id is already recorded is not written again and is no
 * error: the same effect applied twice makes one row. */
gboolean   cc_inventory_record        (CcStore            *store,
                                       const CcStockMove  *move,
                                       GError            **error);
/* Quantities are sums of the ledger, never stored. */
gboolean   cc_inventory_get_level     (CcStore       *store,
                                       const char    *product_id,
                                       const char    *variant_id,
                                       CcStockLevel  *out,
                                       GError       **error);
/* CcStockMove*, oldest first. */
GPtrArray *cc_inventory_list_moves    (CcStore     *store,
                                       const char  *product_id,
                                       const char  *variant_id,
                                       GError     **error);
/* A person's correction: reason one of "count", "damaged", "gift",
 * "returned"; refuses (CC_ERROR_INVALID_INPUT) a zero delta, an unknown
 * reason, or taking on-hand stock below zero. */
gboolean   cc_inventory_adjust        (CcStore     *store,
                                       const char  *product_id,
                                       const char  *variant_id,
                                       gint64       delta,
                                       const char  *reason,
                                       const char  *note,
                                       GError     **error);
gboolean   cc_inventory_set_threshold (CcStore     *store,
                                       const char  *product_id,
                                       const char  *variant_id,
                                       gint64       threshold,
                                       GError     **error);

/* One stock-keeping item (a product without variants, or one variant) with
 * its level, for the Inventory screen. */
typedef struct
{
  char         *product_id;
  char         *variant_id;     /* NULL: the product itself */
  char         *title;          /* the product's title in the main language,
                                   " — " and the variant's options if any */
  char         *sku;            /* the variant's SKU, else the product's */
  CcStockLevel  level;
  gint64        unit_cost;      /* cost of goods per piece from the recipe,
                                   -1 when it has none or it is unknown */
  gint64        stock_value;    /* on_hand × unit_cost (0 if unknown or
                                   on_hand ≤ 0), minor units */
  char         *currency;
} CcStockItem;

void       cc_stock_item_free          (CcStockItem *item);
/* CcStockItem*, live products (not archived) by title; a product with
 * variants lists each variant, not itself. search: NULL, or words matched
 * against title and SKU (case-insensitively). */
GPtrArray *cc_inventory_list_items     (CcStore     *store,
                                        const char  *search);
/* Items with a threshold whose available count is at or below it. */
GPtrArray *cc_inventory_list_low_stock (CcStore *store);

void       cc_inventory_register      (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcStockMove, cc_stock_move_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcStockItem, cc_stock_item_free)

G_END_DECLS
