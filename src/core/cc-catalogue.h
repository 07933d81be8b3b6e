/* cc-catalogue.h — products, variants and the category tree.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

typedef enum
{
  CC_PRODUCT_DRAFT,
  CC_PRODUCT_ACTIVE,
  CC_PRODUCT_ARCHIVED,
} CcProductStatus;

const char *cc_product_status_to_string   (CcProductStatus status);
/* Accepts "draft", "active", "archived". */
gboolean    cc_product_status_from_string (const char      *text,
                                           CcProductStatus *out);
/* Translated, for people. */
const char *cc_product_status_get_label   (CcProductStatus status);

typedef struct
{
  char            *id;
  char            *sku;
  char            *slug;
  char            *category_id;       /* NULL: uncategorised */
  CcProductStatus  status;
  gint64           price;             /* minor units */
  gint64           compare_at_price;  /* minor units, 0: none */
  char            *currency;          /* ISO 4217 */
  gint64           width_mm;
  gint64           height_mm;
  gint64           depth_mm;
  gint64           weight_g;
  gint64           production_minutes;
  char            *cultural_origin;
  char            *technique;
  char            *maker;
  GHashTable      *titles;            /* language → title */
  GHashTable      *descriptions;      /* language → description */
  GPtrArray       *tags;              /* sorted, folded */
  GPtrArray       *materials;         /* sorted */
  gboolean         deleted;
} CcProduct;

CcProduct  *cc_product_new        (void);
CcProduct  *cc_product_copy       (const CcProduct *product);
void        cc_product_free       (CcProduct *product);
/* The title in lang, else in the first language that has one, else "". */
const char *cc_product_get_title  (const CcProduct *product,
                                   const char      *lang);
const char *cc_product_get_description (const CcProduct *product,
                                        const char      *lang);
void        cc_product_set_title  (CcProduct  *product,
                                   const char *lang,
                                   const char *title);
void        cc_product_set_description (CcProduct  *product,
                                        const char *lang,
                                        const char *description);

typedef struct
{
  char   *name;   /* "Size" */
  char   *value;  /* "Large" */
} CcVariantOption;

typedef struct
{
  char      *id;
  char      *product_id;
  char      *sku;
  gint64     price;      /* minor units, in the product's currency */
  GPtrArray *options;    /* CcVariantOption*, in order */
  int        position;
} CcVariant;

CcVariant  *cc_variant_new        (void);
void        cc_variant_free       (CcVariant *variant);
void        cc_variant_add_option (CcVariant  *variant,
                                   const char *name,
                                   const char *value);

typedef struct
{
  char *id;
  char *name;
  char *slug;
  char *parent_id;   /* NULL: top level */
  int   sort_order;
  int   depth;       /* filled by cc_catalogue_list_categories */
} CcCategory;

void        cc_category_free      (CcCategory *category);

/* Products. Validation errors are CC_ERROR_INVALID_INPUT (empty title,
 * negative or absurd price, unknown currency) or CC_ERROR_NOT_FOUND
 * (unknown category); on error nothing is written. */
char       *cc_catalogue_create_product  (CcStore          *store,
                                          const CcProduct  *product,
                                          GError          **error);
/* Writes only the registers that differ from the stored product. */
gboolean    cc_catalogue_update_product  (CcStore          *store,
                                          const CcProduct  *product,
                                          GError          **error);
/* By id, or by SKU when no id matches. Deleted products are not found. */
CcProduct  *cc_catalogue_get_product     (CcStore     *store,
                                          const char  *id_or_sku,
                                          GError     **error);
gboolean    cc_catalogue_set_status      (CcStore          *store,
                                          const char       *product_id,
                                          CcProductStatus   status,
                                          GError          **error);
/* A tombstone: the product disappears everywhere once synced. */
gboolean    cc_catalogue_delete_product  (CcStore     *store,
                                          const char  *product_id,
                                          GError     **error);
/* Ids of other live products (and variants' products) using this SKU. */
GPtrArray  *cc_catalogue_find_sku        (CcStore    *store,
                                          const char *sku,
                                          const char *except_product_id);
gint64      cc_catalogue_count_products  (CcStore *store);

/* Variants. */
char       *cc_catalogue_add_variant     (CcStore          *store,
                                          const CcVariant  *variant,
                                          GError          **error);
gboolean    cc_catalogue_update_variant  (CcStore          *store,
                                          const CcVariant  *variant,
                                          GError          **error);
gboolean    cc_catalogue_remove_variant  (CcStore     *store,
                                          const char  *variant_id,
                                          GError     **error);
/* CcVariant*, in position order. */
GPtrArray  *cc_catalogue_list_variants   (CcStore    *store,
                                          const char *product_id);

/* Categories. */
char       *cc_catalogue_add_category    (CcStore     *store,
                                          const char  *name,
                                          const char  *parent_id,
                                          GError     **error);
gboolean    cc_catalogue_rename_category (CcStore     *store,
                                          const char  *category_id,
                                          const char  *name,
                                          GError     **error);
/* Refuses (CC_ERROR_CONFLICT) a move under itself or a descendant. */
gboolean    cc_catalogue_move_category   (CcStore     *store,
                                          const char  *category_id,
                                          const char  *new_parent_id,
                                          int          sort_order,
                                          GError     **error);
/* An empty category is removed; a non-empty one only with a target that
 * receives its products and subcategories (else CC_ERROR_CONFLICT). */
gboolean    cc_catalogue_remove_category (CcStore     *store,
                                          const char  *category_id,
                                          const char  *target_id,
                                          GError     **error);
/* By id, slug or name. */
CcCategory *cc_catalogue_get_category    (CcStore     *store,
                                          const char  *id_slug_or_name,
                                          GError     **error);
/* CcCategory*, depth first, siblings by sort order then name. */
GPtrArray  *cc_catalogue_list_categories (CcStore *store);
/* The category and all below it (ids). */
GPtrArray  *cc_catalogue_category_subtree (CcStore    *store,
                                           const char *category_id);

/* Registers the catalogue's entities with the store (done by cc_store_open). */
void        cc_catalogue_register        (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcProduct, cc_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcVariant, cc_variant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcCategory, cc_category_free)

G_END_DECLS
