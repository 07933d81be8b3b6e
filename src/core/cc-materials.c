/* cc-materials.c — raw materials, purchases, recipes, cost of goods and batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Material quantities are ledgers like stock: purchases, batches and
 * corrections append material moves, and on hand is their sum. The
 * average cost of a material is computed from its purchases each time it
 * is needed, so every device agrees whatever order the rows arrived in.
 * Purchases, moves, batches and batch inputs are written once and never
 * changed; materials, suppliers and recipes are edited register by
 * register.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-text.h"
#include "cc-uuid.h"

/* Units */

static const CcMaterialUnit units[] = {
  { "mg", CC_DIMENSION_MASS, 1, 0 },
  { "g", CC_DIMENSION_MASS, 1000, 3 },
  { "kg", CC_DIMENSION_MASS, 1000000, 6 },
  { "mm", CC_DIMENSION_LENGTH, 1, 0 },
  { "cm", CC_DIMENSION_LENGTH, 10, 1 },
  { "m", CC_DIMENSION_LENGTH, 1000, 3 },
  { "ml", CC_DIMENSION_VOLUME, 1, 0 },
  { "l", CC_DIMENSION_VOLUME, 1000, 3 },
  { "piece", CC_DIMENSION_COUNT, 1, 0 },
};

static const char * const unit_symbols[] = {
  "g", "kg", "mg", "m", "cm", "mm", "l", "ml", "piece", NULL
};

const CcMaterialUnit *
cc_material_unit_lookup (const char *symbol)
{
  for (guint i = 0; symbol != NULL && i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].symbol, symbol) == 0)
      return &units[i];
  return NULL;
}

const char * const *
cc_material_unit_list (void)
{
  return unit_symbols;
}

static gboolean
bad_quantity (const char  *text,
              GError     **error)
{
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("“%s” is not a quantity: use digits, with a point for decimals, such as 2.5"),
               text);
  return FALSE;
}

gboolean
cc_material_unit_parse_quantity (const char  *text,
                                 const char  *unit,
                                 gint64      *out_base,
                                 GError     **error)
{
  const CcMaterialUnit *u;
  g_autofree char *copy = NULL;
  const char *p;
  guint64 whole = 0;
  guint64 frac = 0;
  int n_frac = 0;
  int n_digits = 0;
  guint64 scale = 1;
  guint64 total;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_base != NULL, FALSE);

  u = cc_material_unit_lookup (unit);
  if (u == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a unit CraftChain knows"), unit != NULL ? unit : "");
      return FALSE;
    }

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("Enter a quantity"));
      return FALSE;
    }
  if (*copy == '-')
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is negative; a quantity is zero or more"), copy);
      return FALSE;
    }

  for (p = copy; g_ascii_isdigit (*p); p++, n_digits++)
    {
      whole = whole * 10 + (guint64)(*p - '0');
      if (whole > (guint64)CC_MATERIAL_QUANTITY_MAX)
        goto too_large;
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, n_digits++)
        {
          if (n_frac < u->decimals)
            {
              frac = frac * 10 + (guint64)(*p - '0');
              n_frac++;
            }
          else if (*p != '0')
            {
              if (u->decimals == 0)
                g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                             _("Quantities in %s are whole numbers"), u->symbol);
              else
                g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                             ngettext ("“%s” is more precise than %s allows: at most %d decimal",
                                       "“%s” is more precise than %s allows: at most %d decimals",
                                       u->decimals),
                             copy, u->symbol, u->decimals);
              return FALSE;
            }
        }
    }
  if (*p != '\0' || n_digits == 0)
    return bad_quantity (copy, error);

  for (int i = n_frac; i < u->decimals; i++)
    frac *= 10;
  for (int i = 0; i < u->decimals; i++)
    scale *= 10;
  g_assert (scale == (guint64)u->factor);

  total = whole * scale + frac;
  if (total > (guint64)CC_MATERIAL_QUANTITY_MAX)
    goto too_large;

  *out_base = (gint64)total;
  return TRUE;

too_large:
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("“%s” is more than CraftChain can keep of one material"), copy);
  return FALSE;
}

char *
cc_material_unit_format_quantity (gint64      base,
                                  const char *unit)
{
  const CcMaterialUnit *u = cc_material_unit_lookup (unit);
  g_autofree char *number = NULL;
  guint64 magnitude;
  guint64 whole;
  guint64 frac;

  if (u == NULL)
    u = cc_material_unit_lookup ("piece");

  magnitude = base < 0 ? (guint64)(-(base + 1)) + 1 : (guint64)base;
  whole = magnitude / (guint64)u->factor;
  frac = magnitude % (guint64)u->factor;

  if (frac == 0)
    number = g_strdup_printf ("%s%" G_GUINT64_FORMAT, base < 0 ? "-" : "", whole);
  else
    {
      char digits[32];
      int len;

      g_snprintf (digits, sizeof digits, "%0*" G_GUINT64_FORMAT, u->decimals, frac);
      len = (int)strlen (digits);
      while (len > 0 && digits[len - 1] == '0')
        digits[--len] = '\0';
      number = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", base < 0 ? "-" : "", whole, digits);
    }

  if (u->dimension == CC_DIMENSION_COUNT)
    /* TRANSLATORS: a number of pieces of a material, "3 pieces" */
    return g_strdup_printf (ngettext ("%s piece", "%s pieces", whole == 1 && frac == 0 ? 1 : 2), number);
  /* TRANSLATORS: a quantity and its unit symbol, "2.5 kg" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, u->symbol);
}

/* Structs */

CcSupplier *
cc_supplier_new (void)
{
  return g_new0 (CcSupplier, 1);
}

void
cc_supplier_free (CcSupplier *supplier)
{
  if (supplier == NULL)
    return;
  g_free (supplier->id);
  g_free (supplier->name);
  g_free (supplier->contact);
  g_free (supplier);
}

CcMaterial *
cc_material_new (void)
{
  CcMaterial *material = g_new0 (CcMaterial, 1);

  material->unit = g_strdup ("piece");
  return material;
}

void
cc_material_free (CcMaterial *material)
{
  if (material == NULL)
    return;
  g_free (material->id);
  g_free (material->name);
  g_free (material->unit);
  g_free (material->notes);
  g_free (material);
}

CcPurchase *
cc_purchase_new (void)
{
  return g_new0 (CcPurchase, 1);
}

void
cc_purchase_free (CcPurchase *purchase)
{
  if (purchase == NULL)
    return;
  g_free (purchase->id);
  g_free (purchase->material_id);
  g_free (purchase->supplier_id);
  g_free (purchase->currency);
  g_free (purchase->date);
  g_free (purchase);
}

void
cc_material_move_free (CcMaterialMove *move)
{
  if (move == NULL)
    return;
  g_free (move->id);
  g_free (move->material_id);
  g_free (move->reason);
  g_free (move->ref_id);
  g_free (move->purchase_id);
  g_free (move->note);
  g_free (move->hlc);
  g_free (move);
}

static void
recipe_line_free (CcRecipeLine *line)
{
  g_free (line->material_id);
  g_free (line);
}

CcRecipe *
cc_recipe_new (void)
{
  CcRecipe *recipe = g_new0 (CcRecipe, 1);

  recipe->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)recipe_line_free);
  return recipe;
}

void
cc_recipe_free (CcRecipe *recipe)
{
  if (recipe == NULL)
    return;
  g_free (recipe->product_id);
  g_free (recipe->variant_id);
  g_clear_pointer (&recipe->lines, g_ptr_array_unref);
  g_free (recipe);
}

void
cc_recipe_add_line (CcRecipe   *recipe,
                    const char *material_id,
                    gint64      quantity)
{
  CcRecipeLine *line;

  g_return_if_fail (recipe != NULL);
  g_return_if_fail (material_id != NULL);

  line = g_new0 (CcRecipeLine, 1);
  line->material_id = g_strdup (material_id);
  line->quantity = quantity;
  g_ptr_array_add (recipe->lines, line);
}

static void
cost_line_free (CcCostLine *line)
{
  g_free (line->material_id);
  g_free (line->name);
  g_free (line->unit);
  g_free (line);
}

void
cc_cost_breakdown_clear (CcCostBreakdown *breakdown)
{
  if (breakdown == NULL)
    return;
  g_clear_pointer (&breakdown->lines, g_ptr_array_unref);
  g_clear_pointer (&breakdown->currency, g_free);
  memset (breakdown, 0, sizeof *breakdown);
}

void
cc_batch_free (CcBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->id);
  g_free (batch->product_id);
  g_free (batch->variant_id);
  g_free (batch->date);
  g_free (batch->lot_code);
  g_free (batch->note);
  g_free (batch);
}

void
cc_batch_input_free (CcBatchInput *input)
{
  if (input == NULL)
    return;
  g_free (input->material_id);
  g_free (input->purchase_id);
  g_free (input);
}

/* Entities */

static const CcColumn supplier_columns[] = {
  { "name", CC_COLUMN_TEXT },
  { "contact", CC_COLUMN_TEXT },
  { "deleted", CC_COLUMN_BOOL },
};

static const CcColumn material_columns[] = {
  { "name", CC_COLUMN_TEXT },
  { "unit", CC_COLUMN_TEXT },
  { "low_threshold", CC_COLUMN_INT },
  { "notes", CC_COLUMN_TEXT },
  { "deleted", CC_COLUMN_BOOL },
};

static const CcColumn purchase_columns[] = {
  { "material_id", CC_COLUMN_TEXT },
  { "supplier_id", CC_COLUMN_TEXT_OR_NULL },
  { "quantity", CC_COLUMN_INT },
  { "cost", CC_COLUMN_INT },
  { "shipping", CC_COLUMN_INT },
  { "currency", CC_COLUMN_TEXT },
  { "date", CC_COLUMN_TEXT },
};

static const CcColumn material_move_columns[] = {
  { "material_id", CC_COLUMN_TEXT },
  { "delta", CC_COLUMN_INT },
  { "reason", CC_COLUMN_TEXT },
  { "ref_id", CC_COLUMN_TEXT_OR_NULL },
  { "purchase_id", CC_COLUMN_TEXT_OR_NULL },
  { "note", CC_COLUMN_TEXT },
};

static const CcColumn recipe_columns[] = {
  { "product_id", CC_COLUMN_TEXT },
  { "variant_id", CC_COLUMN_TEXT_OR_NULL },
  { "labour_minutes", CC_COLUMN_INT },
  { "overhead_kind", CC_COLUMN_TEXT },
  { "overhead_value", CC_COLUMN_INT },
};

static const CcColumn batch_columns[] = {
  { "product_id", CC_COLUMN_TEXT },
  { "variant_id", CC_COLUMN_TEXT_OR_NULL },
  { "quantity", CC_COLUMN_INT },
  { "date", CC_COLUMN_TEXT },
  { "lot_code", CC_COLUMN_TEXT },
  { "note", CC_COLUMN_TEXT },
};

static const CcColumn batch_input_columns[] = {
  { "batch_id", CC_COLUMN_TEXT },
  { "material_id", CC_COLUMN_TEXT },
  { "purchase_id", CC_COLUMN_TEXT_OR_NULL },
  { "quantity", CC_COLUMN_INT },
};

/* A recipe's lines are one register each ("line/<material id>", the
 * quantity per piece; 0 removes it), so edits to different lines on two
 * devices both count. */
static gboolean
recipe_apply (CcStore     *store,
              const char  *row_id,
              const char  *reg,
              JsonNode    *value,
              GError     **error)
{
  const char *material_id;
  sqlite3_stmt *stmt;
  int rc;

  if (!g_str_has_prefix (reg, "line/"))
    return cc_store_apply_column (store, "recipes", recipe_columns, G_N_ELEMENTS (recipe_columns),
                                  row_id, reg, value, error);

  material_id = reg + strlen ("line/");
  if (*material_id == '\0' || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_INT64)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A change to recipes has an unknown field or a value of the wrong type (%s)"), reg);
      return FALSE;
    }
  if (!cc_store_exec (store, "INSERT INTO recipes (id) VALUES (?) ON CONFLICT DO NOTHING", error, 1, row_id))
    return FALSE;

  stmt = cc_store_prepare_cached (store,
                                  "INSERT INTO recipe_lines (recipe_id, material_id, quantity) VALUES (?, ?, ?) "
                                  "ON CONFLICT DO UPDATE SET quantity = excluded.quantity",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, material_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, json_node_get_int (value));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static const CcEntityClass supplier_entity = {
  .name = "supplier",
  .table = "suppliers",
  .columns = supplier_columns,
  .n_columns = G_N_ELEMENTS (supplier_columns),
};
static const CcEntityClass material_entity = {
  .name = "material",
  .table = "materials",
  .columns = material_columns,
  .n_columns = G_N_ELEMENTS (material_columns),
};
static const CcEntityClass purchase_entity = {
  .name = "purchase",
  .table = "purchases",
  .columns = purchase_columns,
  .n_columns = G_N_ELEMENTS (purchase_columns),
};
static const CcEntityClass material_move_entity = {
  .name = "material_move",
  .table = "material_moves",
  .columns = material_move_columns,
  .n_columns = G_N_ELEMENTS (material_move_columns),
};
static const CcEntityClass recipe_entity = { "recipe", recipe_apply, NULL };
static const CcEntityClass batch_entity = {
  .name = "batch",
  .table = "batches",
  .columns = batch_columns,
  .n_columns = G_N_ELEMENTS (batch_columns),
};
static const CcEntityClass batch_input_entity = {
  .name = "batch_input",
  .table = "batch_inputs",
  .columns = batch_input_columns,
  .n_columns = G_N_ELEMENTS (batch_input_columns),
};

void
cc_materials_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));

  cc_store_add_entity (store, &supplier_entity);
  cc_store_add_entity (store, &material_entity);
  cc_store_add_entity (store, &purchase_entity);
  cc_store_add_entity (store, &material_move_entity);
  cc_store_add_entity (store, &recipe_entity);
  cc_store_add_entity (store, &batch_entity);
  cc_store_add_entity (store, &batch_input_entity);
}

/* Helpers */

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
write_text (CcStore     *store,
            const char  *entity,
            const char  *id,
            const char  *reg,
            const char  *text,
            GError     **error)
{
  return cc_store_write (store, entity, id, reg, cc_value_string (text), error);
}

static gboolean
write_int (CcStore     *store,
           const char  *entity,
           const char  *id,
           const char  *reg,
           gint64       number,
           GError     **error)
{
  return cc_store_write (store, entity, id, reg, cc_value_int (number), error);
}

/* Runs stmt (already bound) expecting at most one row; *out_found says
 * whether there was one. The statement is left on the row for the caller
 * to read, who must reset it. */
static gboolean
step_row (CcStore       *store,
          sqlite3_stmt  *stmt,
          gboolean      *out_found,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  *out_found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
row_exists (CcStore     *store,
            const char  *sql,
            const char  *a,
            const char  *b,
            gboolean    *out,
            GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, out, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
row_key (const char *product_id,
         const char *variant_id)
{
  return variant_id != NULL ? g_strconcat (product_id, "/", variant_id, NULL) : g_strdup (product_id);
}

static gboolean
check_product (CcStore     *store,
               const char  *product_id,
               const char  *variant_id,
               GError     **error)
{
  gboolean found = FALSE;

  if (!row_exists (store, "SELECT 1 FROM products WHERE id = ? AND deleted = 0",
                   product_id, NULL, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no product “%s”"), product_id);
      return FALSE;
    }
  if (variant_id == NULL)
    return TRUE;
  if (!row_exists (store, "SELECT 1 FROM variants WHERE id = ? AND product_id = ? AND deleted = 0",
                   variant_id, product_id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("The product has no variant “%s”"), variant_id);
      return FALSE;
    }
  return TRUE;
}

/* a × b / c for non-negative a, b and positive c, rounded half up. */
static gint64
mul_div_half_up (guint64 a,
                 guint64 b,
                 guint64 c)
{
  unsigned __int128 n = (unsigned __int128)a * b;
  unsigned __int128 q = (n * 2 + c) / ((unsigned __int128)c * 2);

  return q > (unsigned __int128)G_MAXINT64 ? G_MAXINT64 : (gint64)q;
}

gint64
cc_materials_cost_of (gint64 cost_sum,
                      gint64 quantity_sum,
                      gint64 quantity)
{
  gboolean negative;
  gint64 result;

  if (quantity_sum == 0 || cost_sum == 0 || quantity == 0)
    return 0;
  negative = (cost_sum < 0) != (quantity_sum < 0) ? quantity > 0 : quantity < 0;
  result = mul_div_half_up (cost_sum < 0 ? -(guint64)cost_sum : (guint64)cost_sum,
                            quantity < 0 ? -(guint64)quantity : (guint64)quantity,
                            quantity_sum < 0 ? -(guint64)quantity_sum : (guint64)quantity_sum);
  return negative ? -result : result;
}

/* Suppliers */

char *
cc_materials_add_supplier (CcStore     *store,
                           const char  *name,
                           const char  *contact,
                           GError     **error)
{
  g_autofree char *clean_name = cc_text_normalize (name);
  g_autofree char *clean_contact = cc_text_normalize (contact != NULL ? contact : "");
  g_autofree char *id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  if (clean_name == NULL || *clean_name == '\0' || clean_contact == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A supplier needs a name"));
      return NULL;
    }

  id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!write_text (store, "supplier", id, "name", clean_name, error) ||
      (*clean_contact != '\0' && !write_text (store, "supplier", id, "contact", clean_contact, error)))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

GPtrArray *
cc_materials_list_suppliers (CcStore  *store,
                             GError  **error)
{
  g_autoptr(GPtrArray) suppliers = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, name, contact FROM suppliers WHERE deleted = 0 "
                                  "ORDER BY name COLLATE NOCASE, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  suppliers = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_supplier_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcSupplier *supplier = cc_supplier_new ();

      supplier->id = cc_sqlite_column_dup (stmt, 0);
      supplier->name = cc_sqlite_column_dup (stmt, 1);
      supplier->contact = cc_sqlite_column_dup (stmt, 2);
      g_ptr_array_add (suppliers, supplier);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&suppliers);
}

/* Materials */

#define MATERIAL_SELECT \
  "SELECT m.id, m.name, m.unit, m.low_threshold, m.notes, " \
  "       coalesce((SELECT sum(delta) FROM material_moves mm WHERE mm.material_id = m.id), 0) AS on_hand " \
  "FROM materials m "

static CcMaterial *
material_from_row (sqlite3_stmt *stmt)
{
  CcMaterial *material = cc_material_new ();

  material->id = cc_sqlite_column_dup (stmt, 0);
  material->name = cc_sqlite_column_dup (stmt, 1);
  g_free (material->unit);
  material->unit = cc_sqlite_column_dup (stmt, 2);
  material->low_threshold = sqlite3_column_int64 (stmt, 3);
  material->notes = cc_sqlite_column_dup (stmt, 4);
  material->on_hand = sqlite3_column_int64 (stmt, 5);
  return material;
}

static CcMaterial *
load_material (CcStore     *store,
               const char  *sql,
               const char  *key,
               GError     **error)
{
  sqlite3_stmt *stmt = cc_store_prepare_cached (store, sql, error);
  CcMaterial *material = NULL;
  gboolean found;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, error))
    return NULL;
  if (found)
    material = material_from_row (stmt);
  sqlite3_reset (stmt);
  return material;
}

CcMaterial *
cc_materials_get_material (CcStore     *store,
                           const char  *id_or_name,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CcMaterial *material;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  material = load_material (store, MATERIAL_SELECT "WHERE m.id = ? AND m.deleted = 0", id_or_name, &local_error);
  if (material == NULL && local_error == NULL)
    material = load_material (store,
                              MATERIAL_SELECT "WHERE m.name = ? COLLATE NOCASE AND m.deleted = 0 ORDER BY m.id LIMIT 1",
                              id_or_name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (material == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), id_or_name);
  return material;
}

static GPtrArray *
list_materials (CcStore     *store,
                const char  *sql,
                GError     **error)
{
  g_autoptr(GPtrArray) materials = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store, sql, error);
  if (stmt == NULL)
    return NULL;
  materials = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_material_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (materials, material_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&materials);
}

GPtrArray *
cc_materials_list_materials (CcStore  *store,
                             GError  **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return list_materials (store,
                         MATERIAL_SELECT "WHERE m.deleted = 0 ORDER BY m.name COLLATE NOCASE, m.id",
                         error);
}

GPtrArray *
cc_materials_list_low_stock (CcStore  *store,
                             GError  **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return list_materials (store,
                         "SELECT * FROM (" MATERIAL_SELECT "WHERE m.deleted = 0 AND m.low_threshold > 0) "
                         "WHERE on_hand <= low_threshold ORDER BY name COLLATE NOCASE, id",
                         error);
}

static gboolean
validate_material (const CcMaterial  *material,
                   char             **out_name,
                   char             **out_notes,
                   GError           **error)
{
  g_autofree char *name = cc_text_normalize (material->name);
  g_autofree char *notes = cc_text_normalize (material->notes != NULL ? material->notes : "");

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("A material needs a name"));
      return FALSE;
    }
  if (notes == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("The notes are not valid UTF-8"));
      return FALSE;
    }
  if (cc_material_unit_lookup (material->unit) == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a unit CraftChain knows"), material->unit != NULL ? material->unit : "");
      return FALSE;
    }
  if (material->low_threshold < 0 || material->low_threshold > CC_MATERIAL_QUANTITY_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A low-stock threshold is zero (none) or a positive quantity"));
      return FALSE;
    }
  *out_name = g_steal_pointer (&name);
  *out_notes = g_steal_pointer (&notes);
  return TRUE;
}

static gboolean
write_material (CcStore           *store,
                const char        *id,
                const CcMaterial  *old,
                const CcMaterial  *material,
                const char        *name,
                const char        *notes,
                GError           **error)
{
  if ((old == NULL || g_strcmp0 (old->name, name) != 0) &&
      !write_text (store, "material", id, "name", name, error))
    return FALSE;
  if ((old == NULL || g_strcmp0 (old->unit, material->unit) != 0) &&
      !write_text (store, "material", id, "unit", material->unit, error))
    return FALSE;
  if ((old != NULL ? old->low_threshold : 0) != material->low_threshold &&
      !write_int (store, "material", id, "low_threshold", material->low_threshold, error))
    return FALSE;
  if (g_strcmp0 (old != NULL ? old->notes : "", notes) != 0 &&
      !write_text (store, "material", id, "notes", notes, error))
    return FALSE;
  return TRUE;
}

char *
cc_materials_add_material (CcStore           *store,
                           const CcMaterial  *material,
                           GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (material != NULL, NULL);

  if (!validate_material (material, &name, &notes, error))
    return NULL;

  id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!write_material (store, id, NULL, material, name, notes, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cc_materials_update_material (CcStore           *store,
                              const CcMaterial  *material,
                              GError           **error)
{
  g_autoptr(CcMaterial) old = NULL;
  g_autofree char *name = NULL;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (material != NULL && material->id != NULL, FALSE);

  if (!validate_material (material, &name, &notes, error))
    return FALSE;
  old = load_material (store, MATERIAL_SELECT "WHERE m.id = ? AND m.deleted = 0", material->id, error);
  if (old == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), material->id);
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!write_material (store, material->id, old, material, name, notes, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

gboolean
cc_materials_delete_material (CcStore     *store,
                              const char  *material_id,
                              GError     **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (material_id != NULL, FALSE);

  if (!row_exists (store, "SELECT 1 FROM materials WHERE id = ? AND deleted = 0", material_id, NULL, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), material_id);
      return FALSE;
    }
  return cc_store_write (store, "material", material_id, "deleted", cc_value_bool (TRUE), error);
}

/* The material ledger */

static gboolean
append_material_move (CcStore     *store,
                      const char  *id,
                      const char  *material_id,
                      gint64       delta,
                      const char  *reason,
                      const char  *ref_id,
                      const char  *purchase_id,
                      const char  *note,
                      GError     **error)
{
  return write_text (store, "material_move", id, "material_id", material_id, error) &&
         write_text (store, "material_move", id, "reason", reason, error) &&
         (ref_id == NULL || write_text (store, "material_move", id, "ref_id", ref_id, error)) &&
         (purchase_id == NULL || write_text (store, "material_move", id, "purchase_id", purchase_id, error)) &&
         (nonempty (note) == NULL || write_text (store, "material_move", id, "note", note, error)) &&
         /* Last: its stamp is when the move happened. */
         write_int (store, "material_move", id, "delta", delta, error);
}

gboolean
cc_materials_get_on_hand (CcStore     *store,
                          const char  *material_id,
                          gint64      *out_base,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (material_id != NULL, FALSE);
  g_return_val_if_fail (out_base != NULL, FALSE);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT coalesce(sum(delta), 0) FROM material_moves WHERE material_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, error))
    return FALSE;
  *out_base = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
cc_materials_list_moves (CcStore     *store,
                         const char  *material_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) moves = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (material_id != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT m.id, m.material_id, m.delta, m.reason, m.ref_id, m.purchase_id, m.note, r.hlc "
                                  "FROM material_moves m "
                                  "LEFT JOIN registers r ON r.entity = 'material_move' AND r.row_id = m.id AND r.reg = 'delta' "
                                  "WHERE m.material_id = ? ORDER BY r.hlc, m.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_TRANSIENT);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_material_move_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcMaterialMove *move = g_new0 (CcMaterialMove, 1);

      move->id = cc_sqlite_column_dup (stmt, 0);
      move->material_id = cc_sqlite_column_dup (stmt, 1);
      move->delta = sqlite3_column_int64 (stmt, 2);
      move->reason = cc_sqlite_column_dup (stmt, 3);
      move->ref_id = cc_sqlite_column_dup (stmt, 4);
      move->purchase_id = cc_sqlite_column_dup (stmt, 5);
      move->note = cc_sqlite_column_dup (stmt, 6);
      move->hlc = cc_sqlite_column_dup (stmt, 7);
      g_ptr_array_add (moves, move);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&moves);
}

static const char * const material_adjust_reasons[] = { "count", "damaged", "used" };

gboolean
cc_materials_adjust (CcStore     *store,
                     const char  *material_id,
                     gint64       delta,
                     const char  *reason,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(CcMaterial) material = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *id = NULL;
  gboolean known = FALSE;
  gint64 on_hand;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (material_id != NULL, FALSE);

  if (delta == 0 || delta > CC_MATERIAL_QUANTITY_MAX || delta < -CC_MATERIAL_QUANTITY_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A correction must change the quantity, by no more than CraftChain can keep"));
      return FALSE;
    }
  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (material_adjust_reasons); i++)
    known |= strcmp (reason, material_adjust_reasons[i]) == 0;
  if (!known)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a reason for a material correction; use count, damaged or used"),
                   reason != NULL ? reason : "");
      return FALSE;
    }
  clean_note = cc_text_normalize (note != NULL ? note : "");
  if (clean_note == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("The note is not valid UTF-8"));
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  material = load_material (store, MATERIAL_SELECT "WHERE m.id = ? AND m.deleted = 0", material_id, error);
  if (material == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), material_id);
      goto failed;
    }
  on_hand = material->on_hand;
  if (on_hand + delta < 0)
    {
      g_autofree char *have = cc_material_unit_format_quantity (on_hand, material->unit);

      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Only %s of %s is on hand; a correction cannot take it below zero"),
                   have, material->name);
      goto failed;
    }
  id = cc_uuid_v7_new ();
  if (!append_material_move (store, id, material_id, delta, reason, NULL, NULL, clean_note, error))
    goto failed;
  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}

/* Purchases */

static gboolean
date_is_valid (const char *date)
{
  guint year = 0, month = 0, day = 0;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (date[i]))
        return FALSE;
      if (i < 4)
        year = year * 10 + (guint)(date[i] - '0');
      else if (i < 7)
        month = month * 10 + (guint)(date[i] - '0');
      else
        day = day * 10 + (guint)(date[i] - '0');
    }
  return year >= 1 && g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
cc_materials_add_purchase (CcStore           *store,
                           const CcPurchase  *purchase,
                           GError           **error)
{
  g_autofree char *id = NULL;
  g_autofree char *move_id = NULL;
  g_autofree char *move_name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *date = NULL;
  const char *supplier_id;
  gboolean found = FALSE;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (purchase != NULL, NULL);

  if (purchase->material_id == NULL ||
      !row_exists (store, "SELECT 1 FROM materials WHERE id = ? AND deleted = 0",
                   purchase->material_id, NULL, &found, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("A purchase needs a material"));
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), purchase->material_id);
      return NULL;
    }
  supplier_id = nonempty (purchase->supplier_id);
  if (supplier_id != NULL)
    {
      if (!row_exists (store, "SELECT 1 FROM suppliers WHERE id = ? AND deleted = 0",
                       supplier_id, NULL, &found, error))
        return NULL;
      if (!found)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no supplier “%s”"), supplier_id);
          return NULL;
        }
    }
  if (purchase->quantity <= 0 || purchase->quantity > CC_MATERIAL_QUANTITY_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A purchase needs a quantity above zero"));
      return NULL;
    }
  if (purchase->cost < 0 || purchase->cost > CC_MONEY_MAX ||
      purchase->shipping < 0 || purchase->shipping > CC_MONEY_MAX)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A purchase’s cost and shipping are zero or more, and not absurdly large"));
      return NULL;
    }
  currency = nonempty (purchase->currency) != NULL ? g_strdup (purchase->currency)
                                                   : cc_store_dup_setting (store, "currency", "INR");
  if (!cc_currency_is_valid (currency))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("“%s” is not a currency CraftChain knows"), currency);
      return NULL;
    }
  date = nonempty (purchase->date) != NULL ? g_strdup (purchase->date) : today ();
  if (!date_is_valid (date))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a date; write it as YYYY-MM-DD"), date);
      return NULL;
    }


  id = cc_uuid_v7_new ();
  move_name = g_strconcat (id, "/purchase", NULL);
  move_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, move_name);

  if (!cc_store_begin (store, error))
    return NULL;
  if (!write_text (store, "purchase", id, "material_id", purchase->material_id, error) ||
      (supplier_id != NULL && !write_text (store, "purchase", id, "supplier_id", supplier_id, error)) ||
      !write_int (store, "purchase", id, "quantity", purchase->quantity, error) ||
      !write_int (store, "purchase", id, "cost", purchase->cost, error) ||
      (purchase->shipping != 0 && !write_int (store, "purchase", id, "shipping", purchase->shipping, error)) ||
      !write_text (store, "purchase", id, "currency", currency, error) ||
      !write_text (store, "purchase", id, "date", date, error) ||
      !append_material_move (store, move_id, purchase->material_id, purchase->quantity,
                             "purchase", id, id, NULL, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

GPtrArray *
cc_materials_list_purchases (CcStore     *store,
                             const char  *material_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) purchases = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (material_id != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, material_id, supplier_id, quantity, cost, shipping, currency, date "
                                  "FROM purchases WHERE material_id = ? ORDER BY date, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_TRANSIENT);
  purchases = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_purchase_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcPurchase *purchase = cc_purchase_new ();

      purchase->id = cc_sqlite_column_dup (stmt, 0);
      purchase->material_id = cc_sqlite_column_dup (stmt, 1);
      purchase->supplier_id = cc_sqlite_column_dup (stmt, 2);
      purchase->quantity = sqlite3_column_int64 (stmt, 3);
      purchase->cost = sqlite3_column_int64 (stmt, 4);
      purchase->shipping = sqlite3_column_int64 (stmt, 5);
      purchase->currency = cc_sqlite_column_dup (stmt, 6);
      purchase->date = cc_sqlite_column_dup (stmt, 7);
      g_ptr_array_add (purchases, purchase);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&purchases);
}

/* Average cost */

gboolean
cc_materials_get_average_cost (CcStore     *store,
                               const char  *material_id,
                               gint64      *out_cost_sum,
                               gint64      *out_quantity_sum,
                               char       **out_currency,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 n_currencies;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (material_id != NULL, FALSE);
  g_return_val_if_fail (out_cost_sum != NULL && out_quantity_sum != NULL, FALSE);

  /* A purchase whose quantity has not arrived yet counts for nothing. */
  stmt = cc_store_prepare_cached (store,
                                  "SELECT coalesce(sum(cost + shipping), 0), coalesce(sum(quantity), 0), "
                                  "       count(DISTINCT currency), min(currency) "
                                  "FROM purchases WHERE material_id = ? AND quantity > 0",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, error))
    return FALSE;
  *out_cost_sum = sqlite3_column_int64 (stmt, 0);
  *out_quantity_sum = sqlite3_column_int64 (stmt, 1);
  n_currencies = sqlite3_column_int64 (stmt, 2);
  if (out_currency != NULL)
    *out_currency = cc_sqlite_column_dup (stmt, 3);
  sqlite3_reset (stmt);

  if (n_currencies > 1)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("This material was bought in more than one currency, so its average cost is unknown"));
      if (out_currency != NULL)
        g_clear_pointer (out_currency, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Recipes */

static const char *
overhead_kind_to_string (CcOverheadKind kind)
{
  switch (kind)
    {
    case CC_OVERHEAD_PERCENT:
      return "percent";
    case CC_OVERHEAD_PER_UNIT:
      return "per-unit";
    case CC_OVERHEAD_NONE:
    default:
      return "none";
    }
}

static CcOverheadKind
overhead_kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "percent") == 0)
    return CC_OVERHEAD_PERCENT;
  if (g_strcmp0 (text, "per-unit") == 0)
    return CC_OVERHEAD_PER_UNIT;
  return CC_OVERHEAD_NONE;
}

/* The recipe stored under exactly this key, or NULL (no error) if none. */
static CcRecipe *
load_recipe (CcStore     *store,
             const char  *key,
             GError     **error)
{
  g_autoptr(CcRecipe) recipe = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT product_id, variant_id, labour_minutes, overhead_kind, overhead_value "
                                  "FROM recipes WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, error))
    return NULL;
  if (!found)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  recipe = cc_recipe_new ();
  recipe->product_id = cc_sqlite_column_dup (stmt, 0);
  recipe->variant_id = cc_sqlite_column_dup (stmt, 1);
  recipe->labour_minutes = sqlite3_column_int64 (stmt, 2);
  recipe->overhead_kind = overhead_kind_from_string ((const char *)sqlite3_column_text (stmt, 3));
  recipe->overhead_value = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT l.material_id, l.quantity FROM recipe_lines l "
                                  "LEFT JOIN materials m ON m.id = l.material_id "
                                  "WHERE l.recipe_id = ? AND l.quantity > 0 "
                                  "ORDER BY m.name COLLATE NOCASE, l.material_id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    cc_recipe_add_line (recipe, (const char *)sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&recipe);
}

static gint64
recipe_line_quantity (const CcRecipe *recipe,
                      const char     *material_id)
{
  for (guint i = 0; recipe != NULL && i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);

      if (strcmp (line->material_id, material_id) == 0)
        return line->quantity;
    }
  return 0;
}

static gboolean
validate_recipe (CcStore         *store,
                 const CcRecipe  *recipe,
                 GError         **error)
{
  if (recipe->labour_minutes < 0 || recipe->labour_minutes > 1000000 ||
      recipe->overhead_value < 0 || recipe->overhead_value > CC_MONEY_MAX ||
      (recipe->overhead_kind != CC_OVERHEAD_NONE && recipe->overhead_kind != CC_OVERHEAD_PERCENT &&
       recipe->overhead_kind != CC_OVERHEAD_PER_UNIT))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("Labour minutes and overhead are zero or more"));
      return FALSE;
    }
  for (guint i = 0; i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);
      gboolean found = FALSE;

      if (line->quantity <= 0 || line->quantity > CC_MATERIAL_QUANTITY_MAX)
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                               _("Each material in a recipe needs a quantity above zero"));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (((CcRecipeLine *)g_ptr_array_index (recipe->lines, j))->material_id, line->material_id) == 0)
          {
            g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                                 _("A material appears twice in the recipe"));
            return FALSE;
          }
      if (!row_exists (store, "SELECT 1 FROM materials WHERE id = ? AND deleted = 0",
                       line->material_id, NULL, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no material “%s”"), line->material_id);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cc_materials_set_recipe (CcStore         *store,
                         const CcRecipe  *recipe,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcRecipe) old = NULL;
  g_autofree char *key = NULL;
  const char *variant_id;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (recipe != NULL && recipe->product_id != NULL && recipe->lines != NULL, FALSE);

  variant_id = nonempty (recipe->variant_id);
  if (!check_product (store, recipe->product_id, variant_id, error) ||
      !validate_recipe (store, recipe, error))
    return FALSE;

  key = row_key (recipe->product_id, variant_id);
  old = load_recipe (store, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  if ((old == NULL && !write_text (store, "recipe", key, "product_id", recipe->product_id, error)) ||
      (old == NULL && variant_id != NULL && !write_text (store, "recipe", key, "variant_id", variant_id, error)) ||
      ((old != NULL ? old->labour_minutes : 0) != recipe->labour_minutes &&
       !write_int (store, "recipe", key, "labour_minutes", recipe->labour_minutes, error)) ||
      ((old != NULL ? old->overhead_kind : CC_OVERHEAD_NONE) != recipe->overhead_kind &&
       !write_text (store, "recipe", key, "overhead_kind", overhead_kind_to_string (recipe->overhead_kind), error)) ||
      ((old != NULL ? old->overhead_value : 0) != recipe->overhead_value &&
       !write_int (store, "recipe", key, "overhead_value", recipe->overhead_value, error)))
    goto failed;

  for (guint i = 0; i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);
      g_autofree char *reg = NULL;

      if (recipe_line_quantity (old, line->material_id) == line->quantity)
        continue;
      reg = g_strconcat ("line/", line->material_id, NULL);
      if (!write_int (store, "recipe", key, reg, line->quantity, error))
        goto failed;
    }
  for (guint i = 0; old != NULL && i < old->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (old->lines, i);
      g_autofree char *reg = NULL;

      if (recipe_line_quantity (recipe, line->material_id) != 0)
        continue;
      reg = g_strconcat ("line/", line->material_id, NULL);
      if (!write_int (store, "recipe", key, reg, 0, error))
        goto failed;
    }
  return cc_store_commit (store, error);

failed:
  cc_store_rollback (store);
  return FALSE;
}

CcRecipe *
cc_materials_get_recipe (CcStore     *store,
                         const char  *product_id,
                         const char  *variant_id,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CcRecipe *recipe = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  variant_id = nonempty (variant_id);
  if (variant_id != NULL)
    {
      g_autofree char *key = row_key (product_id, variant_id);

      recipe = load_recipe (store, key, &local_error);
    }
  if (recipe == NULL && local_error == NULL)
    recipe = load_recipe (store, product_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (recipe == NULL)
    g_set_error_literal (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                         _("This piece has no recipe yet: add the materials and time it takes"));
  return recipe;
}

gboolean
cc_materials_recipe_cost (CcStore          *store,
                          const char       *product_id,
                          const char       *variant_id,
                          CcCostBreakdown  *out,
                          GError          **error)
{
  g_autoptr(CcRecipe) recipe = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *wage_text = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 materials = 0;
  gint64 wage = 0;
  gint64 labour;
  gint64 overhead = 0;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  recipe = cc_materials_get_recipe (store, product_id, variant_id, error);
  if (recipe == NULL)
    return FALSE;

  currency = cc_store_dup_setting (store, "currency", "INR");
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cost_line_free);
  for (guint i = 0; i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);
      g_autoptr(CcMaterial) material = NULL;
      g_autofree char *bought_in = NULL;
      gint64 cost_sum, quantity_sum;
      CcCostLine *cost_line;

      material = load_material (store, MATERIAL_SELECT "WHERE m.id = ?", line->material_id, error);
      if (material == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                         _("The recipe uses a material that is not here yet (%s)"), line->material_id);
          return FALSE;
        }
      if (!cc_materials_get_average_cost (store, line->material_id, &cost_sum, &quantity_sum, &bought_in, error))
        {
          g_prefix_error (error, "%s: ", material->name);
          return FALSE;
        }
      if (quantity_sum == 0)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                       _("%s has no purchases yet, so its cost is unknown"), material->name);
          return FALSE;
        }
      if (g_strcmp0 (bought_in, currency) != 0)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                       _("%s was bought in %s, not in the shop’s currency %s"),
                       material->name, bought_in, currency);
          return FALSE;
        }

      cost_line = g_new0 (CcCostLine, 1);
      cost_line->material_id = g_strdup (line->material_id);
      cost_line->name = g_strdup (material->name);
      cost_line->unit = g_strdup (material->unit);
      cost_line->quantity = line->quantity;
      cost_line->cost = cc_materials_cost_of (cost_sum, quantity_sum, line->quantity);
      materials += cost_line->cost;
      g_ptr_array_add (lines, cost_line);
    }

  wage_text = cc_store_dup_setting (store, "fair-wage", NULL);
  if (wage_text != NULL &&
      (!g_ascii_string_to_signed (wage_text, 10, 0, CC_MONEY_MAX, &wage, NULL)))
    wage = 0;
  if (recipe->labour_minutes > 0 && wage <= 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("Set your fair hourly wage first: the time this piece takes cannot be costed without it"));
      return FALSE;
    }
  labour = cc_materials_cost_of (wage, 60, recipe->labour_minutes);

  if (recipe->overhead_kind == CC_OVERHEAD_PERCENT)
    overhead = cc_money_apply_rate (materials + labour, recipe->overhead_value);
  else if (recipe->overhead_kind == CC_OVERHEAD_PER_UNIT)
    overhead = recipe->overhead_value;

  out->lines = g_steal_pointer (&lines);
  out->materials = materials;
  out->labour = labour;
  out->overhead = overhead;
  out->total = materials + labour + overhead;
  out->wage_per_hour = wage;
  out->currency = g_steal_pointer (&currency);
  return TRUE;
}

/* Batches */

typedef struct
{
  char   *purchase_id;
  gint64  remaining;
} Lot;

static void
lot_free (Lot *lot)
{
  g_free (lot->purchase_id);
  g_free (lot);
}

/* The material's purchases, oldest first, with what batches have not yet
 * taken from each. */
static GPtrArray *
list_lots (CcStore     *store,
           const char  *material_id,
           GError     **error)
{
  g_autoptr(GPtrArray) lots = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT p.id, p.quantity - coalesce(("
                                  "  SELECT sum(i.quantity) FROM batch_inputs i WHERE i.purchase_id = p.id), 0) "
                                  "FROM purchases p WHERE p.material_id = ? AND p.quantity > 0 "
                                  "ORDER BY p.date, p.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, material_id, -1, SQLITE_TRANSIENT);
  lots = g_ptr_array_new_with_free_func ((GDestroyNotify)lot_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Lot *lot = g_new0 (Lot, 1);

      lot->purchase_id = cc_sqlite_column_dup (stmt, 0);
      lot->remaining = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (lots, lot);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&lots);
}

static gboolean
write_batch_input (CcStore     *store,
                   const char  *batch_id,
                   const char  *material_id,
                   const char  *purchase_id,
                   gint64       quantity,
                   GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s/input/%s/%s", batch_id, material_id,
                                           purchase_id != NULL ? purchase_id : "unknown");
  g_autofree char *id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);

  return write_text (store, "batch_input", id, "batch_id", batch_id, error) &&
         write_text (store, "batch_input", id, "material_id", material_id, error) &&
         (purchase_id == NULL || write_text (store, "batch_input", id, "purchase_id", purchase_id, error)) &&
         write_int (store, "batch_input", id, "quantity", quantity, error);
}

/* Takes need from the material's purchases, oldest first; what no
 * purchase accounts for is recorded without one. */
static gboolean
allocate_fifo (CcStore     *store,
               const char  *batch_id,
               const char  *material_id,
               gint64       need,
               GError     **error)
{
  g_autoptr(GPtrArray) lots = list_lots (store, material_id, error);

  if (lots == NULL)
    return FALSE;
  for (guint i = 0; i < lots->len && need > 0; i++)
    {
      Lot *lot = g_ptr_array_index (lots, i);
      gint64 take = MIN (need, lot->remaining);

      if (take <= 0)
        continue;
      if (!write_batch_input (store, batch_id, material_id, lot->purchase_id, take, error))
        return FALSE;
      need -= take;
    }
  if (need > 0 && !write_batch_input (store, batch_id, material_id, NULL, need, error))
    return FALSE;
  return TRUE;
}

static char *
describe_shortages (CcStore         *store,
                    const CcRecipe  *recipe,
                    gint64           quantity,
                    GError         **error)
{
  g_autoptr(GString) message = NULL;

  for (guint i = 0; i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);
      g_autoptr(CcMaterial) material = NULL;
      g_autofree char *need_text = NULL;
      g_autofree char *have_text = NULL;
      g_autofree char *short_text = NULL;
      g_autofree char *lower = NULL;
      gint64 need = line->quantity * quantity;

      material = load_material (store, MATERIAL_SELECT "WHERE m.id = ?", line->material_id, error);
      if (material == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                         _("The recipe uses a material that is not here yet (%s)"), line->material_id);
          return NULL;
        }
      if (material->on_hand >= need)
        continue;

      need_text = cc_material_unit_format_quantity (need, material->unit);
      have_text = cc_material_unit_format_quantity (MAX (material->on_hand, 0), material->unit);
      short_text = cc_material_unit_format_quantity (need - MAX (material->on_hand, 0), material->unit);
      lower = g_utf8_strdown (material->name, -1);
      if (message == NULL)
        message = g_string_new (NULL);
      else
        g_string_append (message, "; ");
      /* TRANSLATORS: a material's name, then quantities with their units:
       * "Not enough cotton: need 10 m, have 6 m (4 m short)" */
      g_string_append_printf (message, _("Not enough %s: need %s, have %s (%s short)"),
                              lower, need_text, have_text, short_text);
    }
  return message != NULL ? g_string_free (g_steal_pointer (&message), FALSE) : g_strdup ("");
}

gboolean
cc_materials_make_batch (CcStore     *store,
                         const char  *product_id,
                         const char  *variant_id,
                         gint64       quantity,
                         const char  *note,
                         char       **out_batch_id,
                         GError     **error)
{
  g_autoptr(CcRecipe) recipe = NULL;
  g_autoptr(CcStockMove) made = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *shortages = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *compact_date = NULL;
  g_autofree char *lot_code = NULL;
  g_autofree char *short_id = NULL;
  g_autofree char *made_name = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);

  variant_id = nonempty (variant_id);
  if (quantity <= 0 || quantity > CC_BATCH_QUANTITY_MAX)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A batch makes between 1 and %lld pieces"), (long long)CC_BATCH_QUANTITY_MAX);
      return FALSE;
    }
  clean_note = cc_text_normalize (note != NULL ? note : "");
  if (clean_note == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("The note is not valid UTF-8"));
      return FALSE;
    }
  if (!check_product (store, product_id, variant_id, error))
    return FALSE;

  if (!cc_store_begin (store, error))
    return FALSE;

  recipe = cc_materials_get_recipe (store, product_id, variant_id, error);
  if (recipe == NULL)
    goto failed;
  shortages = describe_shortages (store, recipe, quantity, error);
  if (shortages == NULL)
    goto failed;
  if (*shortages != '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT, shortages);
      goto failed;
    }

  batch_id = cc_uuid_v7_new ();
  date = today ();
  {
    g_auto(GStrv) parts = g_strsplit (date, "-", -1);

    compact_date = g_strjoinv ("", parts);
  }
  short_id = g_ascii_strup (batch_id + strlen (batch_id) - 4, -1);
  lot_code = g_strdup_printf ("B-%s-%s", compact_date, short_id);

  if (!write_text (store, "batch", batch_id, "product_id", product_id, error) ||
      (variant_id != NULL && !write_text (store, "batch", batch_id, "variant_id", variant_id, error)) ||
      !write_int (store, "batch", batch_id, "quantity", quantity, error) ||
      !write_text (store, "batch", batch_id, "date", date, error) ||
      !write_text (store, "batch", batch_id, "lot_code", lot_code, error) ||
      (*clean_note != '\0' && !write_text (store, "batch", batch_id, "note", clean_note, error)))
    goto failed;

  for (guint i = 0; i < recipe->lines->len; i++)
    {
      const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);
      g_autofree char *name = g_strconcat (batch_id, "/consume/", line->material_id, NULL);
      g_autofree char *move_id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, name);
      gint64 need = line->quantity * quantity;

      if (!allocate_fifo (store, batch_id, line->material_id, need, error) ||
          !append_material_move (store, move_id, line->material_id, -need, "batch", batch_id, NULL, NULL, error))
        goto failed;
    }

  made_name = g_strconcat (batch_id, "/made", NULL);
  made = cc_stock_move_new ();
  made->id = cc_uuid_v5_new (CC_EFFECT_NAMESPACE, made_name);
  made->product_id = g_strdup (product_id);
  made->variant_id = g_strdup (variant_id);
  made->delta = quantity;
  made->bucket = CC_STOCK_ON_HAND;
  made->reason = g_strdup ("made");
  made->ref_id = g_strdup (batch_id);
  made->batch_id = g_strdup (batch_id);
  made->note = g_strdup (lot_code);
  if (!cc_inventory_record (store, made, error))
    goto failed;

  if (!cc_store_commit (store, error))
    return FALSE;
  if (out_batch_id != NULL)
    *out_batch_id = g_steal_pointer (&batch_id);
  return TRUE;

failed:
  cc_store_rollback (store);
  return FALSE;
}

CcBatch *
cc_materials_get_batch (CcStore     *store,
                        const char  *batch_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  CcBatch *batch = NULL;
  gboolean found;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, product_id, variant_id, quantity, date, lot_code, note "
                                  "FROM batches WHERE id = ? OR lot_code = ? ORDER BY id = ? DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, batch_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, batch_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, error))
    return NULL;
  if (found)
    {
      batch = g_new0 (CcBatch, 1);
      batch->id = cc_sqlite_column_dup (stmt, 0);
      batch->product_id = cc_sqlite_column_dup (stmt, 1);
      batch->variant_id = cc_sqlite_column_dup (stmt, 2);
      batch->quantity = sqlite3_column_int64 (stmt, 3);
      batch->date = cc_sqlite_column_dup (stmt, 4);
      batch->lot_code = cc_sqlite_column_dup (stmt, 5);
      batch->note = cc_sqlite_column_dup (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (batch == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no batch “%s”"), batch_id);
  return batch;
}

GPtrArray *
cc_materials_list_batch_inputs (CcStore     *store,
                                const char  *batch_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) inputs = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT i.material_id, i.purchase_id, i.quantity FROM batch_inputs i "
                                  "LEFT JOIN purchases p ON p.id = i.purchase_id "
                                  "WHERE i.batch_id = ? "
                                  "ORDER BY i.material_id, p.date IS NULL, p.date, p.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  inputs = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_batch_input_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CcBatchInput *input = g_new0 (CcBatchInput, 1);

      input->material_id = cc_sqlite_column_dup (stmt, 0);
      input->purchase_id = cc_sqlite_column_dup (stmt, 1);
      input->quantity = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (inputs, input);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&inputs);
}
