/* cc-materials.h — raw materials, purchases, recipes, cost of goods and batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* Largest quantity of one material accepted anywhere, in base units
 * (10^12 mg is a thousand tonnes). */
#define CC_MATERIAL_QUANTITY_MAX G_GINT64_CONSTANT (1000000000000)
/* Largest batch, in pieces. */
#define CC_BATCH_QUANTITY_MAX G_GINT64_CONSTANT (1000000)

/* Units. Quantities are stored as integers of a base unit: mass in mg,
 * length in mm, volume in ml, count in pieces. A material's unit is only
 * how a person sees its quantities. */
typedef enum
{
  CC_DIMENSION_MASS,
  CC_DIMENSION_LENGTH,
  CC_DIMENSION_VOLUME,
  CC_DIMENSION_COUNT,
} CcDimension;

typedef struct
{
  const char  *symbol;     /* "kg": never translated */
  CcDimension  dimension;
  gint64       factor;     /* base units in one of this unit */
  int          decimals;   /* digits after the point a quantity may have */
} CcMaterialUnit;

/* "mg", "g", "kg", "mm", "cm", "m", "ml", "l", "piece"; NULL if unknown. */
const CcMaterialUnit *cc_material_unit_lookup (const char *symbol);
/* The units a material may use, NULL-terminated, in display order. */
const char * const   *cc_material_unit_list   (void);
/* Parses what a person types ("2.5", " 10 ") in unit into base units:
 * "2.5" kg gives 2500000 mg. Refuses (CC_ERROR_INVALID_INPUT, translated)
 * empty text, signs, letters, more decimals than the unit has (below one
 * base unit) and quantities over CC_MATERIAL_QUANTITY_MAX. */
gboolean cc_material_unit_parse_quantity  (const char  *text,
                                           const char  *unit,
                                           gint64      *out_base,
                                           GError     **error);
/* "2.5 kg", "10 m", "0.04 kg", "3 pieces": base units shown in unit,
 * without trailing zeros. Negative quantities keep their sign. */
char    *cc_material_unit_format_quantity (gint64      base,
                                           const char *unit);

typedef struct
{
  char *id;
  char *name;
  char *contact;
} CcSupplier;

typedef struct
{
  char   *id;
  char   *name;
  char   *unit;           /* a symbol from cc_material_unit_list() */
  gint64  low_threshold;  /* base units; 0: none */
  char   *notes;
  gint64  on_hand;        /* filled when read: the sum of its ledger */
} CcMaterial;

typedef struct
{
  char   *id;             /* filled when read */
  char   *material_id;
  char   *supplier_id;    /* NULL: unknown */
  gint64  quantity;       /* base units, > 0 */
  gint64  cost;           /* minor units, for the whole quantity */
  gint64  shipping;       /* minor units; part of the landed cost */
  char   *currency;       /* ISO 4217 */
  char   *date;           /* "YYYY-MM-DD" */
} CcPurchase;

typedef struct
{
  char   *id;
  char   *material_id;
  gint64  delta;          /* base units, + or - */
  char   *reason;         /* "purchase", "batch", "count", "damaged", "used" */
  char   *ref_id;         /* the purchase or batch it follows from */
  char   *purchase_id;    /* the lot, when known */
  char   *note;
  char   *hlc;            /* filled when read: when */
} CcMaterialMove;

typedef enum
{
  CC_OVERHEAD_NONE,
  CC_OVERHEAD_PERCENT,    /* basis points of materials + labour */
  CC_OVERHEAD_PER_UNIT,   /* minor units per piece */
} CcOverheadKind;

typedef struct
{
  char   *material_id;
  gint64  quantity;       /* base units per piece */
} CcRecipeLine;

typedef struct
{
  char           *product_id;
  char           *variant_id;     /* NULL: the product (and variants without their own) */
  GPtrArray      *lines;          /* CcRecipeLine*, by material name when read */
  gint64          labour_minutes; /* per piece */
  CcOverheadKind  overhead_kind;
  gint64          overhead_value; /* basis points or minor units, per kind */
} CcRecipe;

typedef struct
{
  char   *material_id;
  char   *name;
  char   *unit;
  gint64  quantity;       /* base units per piece */
  gint64  cost;           /* minor units, rounded half up */
} CcCostLine;

typedef struct
{
  GPtrArray *lines;          /* CcCostLine*, as in the recipe */
  gint64     materials;      /* Σ line costs */
  gint64     labour;         /* minutes × wage / 60, rounded half up */
  gint64     overhead;
  gint64     total;          /* materials + labour + overhead, per piece */
  gint64     wage_per_hour;  /* the "fair-wage" setting used */
  char      *currency;       /* the shop's currency */
} CcCostBreakdown;

typedef struct
{
  char   *id;
  char   *product_id;
  char   *variant_id;
  gint64  quantity;       /* pieces made */
  char   *date;           /* "YYYY-MM-DD" */
  char   *lot_code;       /* "B-20260314-3F9A" */
  char   *note;
} CcBatch;

typedef struct
{
  char   *material_id;
  char   *purchase_id;    /* NULL: material no purchase accounts for */
  gint64  quantity;       /* base units taken from that purchase */
} CcBatchInput;

CcSupplier     *cc_supplier_new         (void);
void            cc_supplier_free        (CcSupplier *supplier);
CcMaterial     *cc_material_new         (void);
void            cc_material_free        (CcMaterial *material);
CcPurchase     *cc_purchase_new         (void);
void            cc_purchase_free        (CcPurchase *purchase);
void            cc_material_move_free   (CcMaterialMove *move);
CcRecipe       *cc_recipe_new           (void);
void            cc_recipe_free          (CcRecipe *recipe);
void            cc_recipe_add_line      (CcRecipe   *recipe,
                                         const char *material_id,
                                         gint64      quantity);
void            cc_cost_breakdown_clear (CcCostBreakdown *breakdown);
void            cc_batch_free           (CcBatch *batch);
void            cc_batch_input_free     (CcBatchInput *input);

/* Suppliers. A name is required (CC_ERROR_INVALID_INPUT). */
char       *cc_materials_add_supplier    (CcStore     *store,
                                          const char  *name,
                                          const char  *contact,
                                          GError     **error);
/* CcSupplier*, by name. */
GPtrArray  *cc_materials_list_suppliers  (CcStore  *store,
                                          GError  **error);

/* Materials. A name and a known unit are required, a threshold is >= 0
 * (CC_ERROR_INVALID_INPUT); on error nothing is written. */
char       *cc_materials_add_material    (CcStore           *store,
                                          const CcMaterial  *material,
                                          GError           **error);
/* Writes only the registers that differ from the stored material. */
gboolean    cc_materials_update_material (CcStore           *store,
                                          const CcMaterial  *material,
                                          GError           **error);
/* A tombstone: its ledger, purchases and batches stay. */
gboolean    cc_materials_delete_material (CcStore     *store,
                                          const char  *material_id,
                                          GError     **error);
/* By id, or by name (case-insensitive) when no id matches. */
CcMaterial *cc_materials_get_material    (CcStore     *store,
                                          const char  *id_or_name,
                                          GError     **error);
/* CcMaterial*, by name, on_hand filled. */
GPtrArray  *cc_materials_list_materials  (CcStore  *store,
                                          GError  **error);
/* Materials with a threshold whose on-hand is at or below it. */
GPtrArray  *cc_materials_list_low_stock  (CcStore  *store,
                                          GError  **error);

/* Purchases. Each also appends a material move (+quantity, "purchase",
 * its lot the purchase, id the UUIDv5 of "<purchase id>/purchase"), both
 * in one transaction. Refuses an unknown
 * material or supplier (CC_ERROR_NOT_FOUND), a quantity <= 0, a negative
 * cost or shipping, an unknown currency or a date not "YYYY-MM-DD"
 * (CC_ERROR_INVALID_INPUT). Returns the purchase id. */
char       *cc_materials_add_purchase    (CcStore           *store,
                                          const CcPurchase  *purchase,
                                          GError           **error);
/* CcPurchase*, oldest date first. */
GPtrArray  *cc_materials_list_purchases  (CcStore     *store,
                                          const char  *material_id,
                                          GError     **error);

/* The material ledger. On hand is the sum of its moves. */
gboolean    cc_materials_get_on_hand     (CcStore     *store,
                                          const char  *material_id,
                                          gint64      *out_base,
                                          GError     **error);
/* CcMaterialMove*, oldest first. */
GPtrArray  *cc_materials_list_moves      (CcStore     *store,
                                          const char  *material_id,
                                          GError     **error);
/* A person's correction: reason "count", "damaged" or "used"; refuses
 * (CC_ERROR_INVALID_INPUT) a zero delta, another reason, or taking the
 * material below zero. */
gboolean    cc_materials_adjust          (CcStore     *store,
                                          const char  *material_id,
                                          gint64       delta,
                                          const char  *reason,
                                          const char  *note,
                                          GError     **error);

/* The average landed cost per base unit as an exact fraction: Σ(cost +
 * shipping) over Σquantity of the material's purchases (both 0 when there
 * are none). Purchases in more than one currency are CC_ERROR_CONFLICT. */
gboolean    cc_materials_get_average_cost (CcStore     *store,
                                           const char  *material_id,
                                           gint64      *out_cost_sum,
                                           gint64      *out_quantity_sum,
                                           char       **out_currency,
                                           GError     **error);
/* quantity × cost_sum / quantity_sum, rounded half up, without overflow;
 * 0 when quantity_sum is 0. */
gint64      cc_materials_cost_of         (gint64 cost_sum,
                                          gint64 quantity_sum,
                                          gint64 quantity);

/* Recipes: one per product, and optionally one per variant. Writes only
 * what changed; a line no longer listed is removed. Refuses an unknown
 * product, variant or material (CC_ERROR_NOT_FOUND), a line quantity <= 0,
 * negative minutes or overhead (CC_ERROR_INVALID_INPUT). */
gboolean    cc_materials_set_recipe      (CcStore         *store,
                                          const CcRecipe  *recipe,
                                          GError         **error);
/* The variant's recipe, else the product's; CC_ERROR_NOT_FOUND if none. */
CcRecipe   *cc_materials_get_recipe      (CcStore     *store,
                                          const char  *product_id,
                                          const char  *variant_id,
                                          GError     **error);
/* Cost of goods for one piece, from current average costs and the shop's
 * "fair-wage" setting (minor units per hour, in the shop's "currency").
 * A recipe material with no purchases, purchases in another currency, or
 * labour without a fair wage set is CC_ERROR_CONFLICT naming what is
 * missing: an unknown cost is never silently zero. out is cleared with
 * cc_cost_breakdown_clear(). */
gboolean    cc_materials_recipe_cost     (CcStore          *store,
                                          const char       *product_id,
                                          const char       *variant_id,
                                          CcCostBreakdown  *out,
                                          GError          **error);

/* Makes quantity pieces from the recipe in one transaction: a batch row
 * with a lot code, one material move per material (-quantity × line,
 * "batch"), batch inputs allocating each to purchases oldest first, and a
 * stock move (+quantity, "made"). Row ids that follow from the batch are
 * UUIDv5 of CC_EFFECT_NAMESPACE and "<batch id>/consume/<material id>",
 * "<batch id>/input/<material id>/<purchase id or 'unknown'>" and
 * "<batch id>/made". Not enough of a material is CC_ERROR_CONFLICT saying
 * which and how much is missing; then nothing is written. */
gboolean    cc_materials_make_batch      (CcStore     *store,
                                          const char  *product_id,
                                          const char  *variant_id,
                                          gint64       quantity,
                                          const char  *note,
                                          char       **out_batch_id,
                                          GError     **error);
CcBatch    *cc_materials_get_batch       (CcStore     *store,
                                          const char  *batch_id,
                                          GError     **error);
/* CcBatchInput*, by material then purchase date. */
GPtrArray  *cc_materials_list_batch_inputs (CcStore     *store,
                                            const char  *batch_id,
                                            GError     **error);

/* Registers the entities (done by cc_store_open). */
void        cc_materials_register        (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSupplier, cc_supplier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcMaterial, cc_material_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPurchase, cc_purchase_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcMaterialMove, cc_material_move_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcRecipe, cc_recipe_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcBatch, cc_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcBatchInput, cc_batch_input_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CcCostBreakdown, cc_cost_breakdown_clear)

G_END_DECLS
