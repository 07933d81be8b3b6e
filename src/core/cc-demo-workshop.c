/* cc-demo-workshop.c — the demo shop's workshop: materials, recipes, batches, customers, orders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shop with only a catalogue would leave the Materials, Inventory,
 * Orders and Customers sections empty; this gives them a few weeks of a
 * small workshop's life, made through the same core calls a person's
 * actions make, so every row is in the ledgers and the outbox.
 */
#include "config.h"

#include "cc-catalogue.h"
#include "cc-demo.h"
#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-orders.h"

#define RUPEES(n) ((gint64) (n) * 100)

typedef struct
{
  const char *name;
  const char *contact;
} DemoSupplier;

static const DemoSupplier demo_suppliers[] = {
  { "Sanganer Clay Works", "Sanganer, Jaipur · +91 141 273 0000" },
  { "Jaipur Colour House", "Johari Bazaar, Jaipur" },
  { "Bagru Textile Mill", "Bagru, Rajasthan · orders@example.in" },
  { "Channapatna Timber Depot", "Channapatna, Karnataka" },
};

typedef struct
{
  const char *name;
  const char *unit;
  const char *threshold;   /* in unit; NULL: none */
  const char *supplier;
  const char *quantity;    /* in unit */
  gint64      cost;
  gint64      shipping;
  const char *date;
} DemoMaterial;

static const DemoMaterial demo_materials[] = {
  { "Quartz paste", "kg", "5", "Sanganer Clay Works", "25", RUPEES (3000), RUPEES (250), "2026-10-02" },
  { "Stoneware clay", "kg", "5", "Sanganer Clay Works", "20", RUPEES (1600), RUPEES (200), "2026-10-02" },
  { "Cobalt oxide", "g", "50", "Jaipur Colour House", "100", RUPEES (380), RUPEES (20), "2026-10-05" },
  { "Clear glaze", "kg", "1", "Jaipur Colour House", "5", RUPEES (1500), 0, "2026-10-05" },
  { "Cotton fabric", "m", "20", "Bagru Textile Mill", "100", RUPEES (9000), RUPEES (500), "2026-10-09" },
  { "Indigo dye", "g", "200", "Bagru Textile Mill", "1000", RUPEES (2400), 0, "2026-10-09" },
  { "Natural dyes", "g", "100", "Jaipur Colour House", "500", RUPEES (1200), 0, "2026-10-11" },
  { "Sheesham wood", "kg", "5", "Channapatna Timber Depot", "30", RUPEES (4500), RUPEES (600), "2026-10-14" },
  { "Hale wood", "kg", "4", "Channapatna Timber Depot", "20", RUPEES (2400), RUPEES (400), "2026-10-14" },
  { "Lac colour sticks", "g", "100", "Channapatna Timber Depot", "500", RUPEES (900), 0, "2026-10-14" },
  { "Food-safe oil", "ml", NULL, NULL, "1000", RUPEES (600), 0, "2026-10-20" },
};

typedef struct
{
  const char *material;
  const char *quantity;    /* in the material's unit, per piece */
} DemoLine;

typedef struct
{
  const char     *sku;
  DemoLine        lines[3];
  gint64          labour_minutes;
  CcOverheadKind  overhead_kind;
  gint64          overhead_value;
  gint64          batch;          /* pieces made */
  gint64          threshold;      /* low-stock threshold, pieces */
} DemoRecipe;

static const DemoRecipe demo_recipes[] = {
  { "POT-VASE-001", { { "Quartz paste", "1.2" }, { "Cobalt oxide", "15" }, { "Clear glaze", "0.2" } },
    240, CC_OVERHEAD_PERCENT, 1000, 4, 2 },
  { "POT-MUG-002", { { "Stoneware clay", "0.5" }, { "Clear glaze", "0.1" } },
    45, CC_OVERHEAD_PER_UNIT, RUPEES (20), 10, 3 },
  { "TEX-CUSH-002", { { "Cotton fabric", "0.5" }, { "Indigo dye", "20" } },
    90, CC_OVERHEAD_PERCENT, 1000, 6, 2 },
  { "TEX-LINN-001", { { "Cotton fabric", "1.5" }, { "Natural dyes", "40" } },
    150, CC_OVERHEAD_PERCENT, 1000, 5, 2 },
  { "WOD-KIT-001", { { "Sheesham wood", "0.3" }, { "Food-safe oil", "10" } },
    75, CC_OVERHEAD_PERCENT, 500, 12, 5 },
  { "WOD-TOY-001", { { "Hale wood", "0.4" }, { "Lac colour sticks", "25" } },
    60, CC_OVERHEAD_PERCENT, 1000, 8, 3 },
};

typedef struct
{
  const char *name;
  const char *email;
  const char *phone;
  const char *address;
} DemoCustomer;

static const DemoCustomer demo_customers[] = {
  { "Ananya Sharma", "ananya.sharma@example.com", "+91 98290 00001", "12 Civil Lines\nJaipur 302006" },
  { "Gallery Tara", "buying@gallerytara.example", "+91 22 2200 0000", "4 Kala Ghoda\nMumbai 400001" },
  { "Rohan Mehta", "rohan.m@example.net", "", "" },
  { "मीना कुमारी", "", "+91 94140 00002", "गली 3, बापू बाज़ार\nउदयपुर 313001" },
};

typedef struct
{
  int            customer;     /* index into demo_customers */
  const char    *skus[2];
  gint64         quantities[2];
  CcOrderStatus  status;
  const char    *method;
  gint64         paid;         /* -1: the total */
} DemoOrder;

static const DemoOrder demo_orders[] = {
  { 0, { "POT-VASE-001", "TEX-CUSH-002" }, { 1, 2 }, CC_ORDER_DELIVERED, "upi", -1 },
  { 1, { "TEX-LINN-001", NULL }, { 3, 0 }, CC_ORDER_CONFIRMED, "bank", RUPEES (1000) },
  { 2, { "WOD-KIT-001", NULL }, { 2, 0 }, CC_ORDER_PENDING, NULL, 0 },
  { 3, { "WOD-TOY-001", NULL }, { 1, 0 }, CC_ORDER_CANCELLED, NULL, 0 },
};

static char *
product_id_for (CcStore     *store,
                const char  *sku,
                GError     **error)
{
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, sku, error);

  return product != NULL ? g_strdup (product->id) : NULL;
}

static gboolean
add_materials (CcStore     *store,
               GHashTable  *materials,
               GError     **error)
{
  g_autoptr(GHashTable) suppliers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (demo_suppliers); i++)
    {
      char *id = cc_materials_add_supplier (store, demo_suppliers[i].name, demo_suppliers[i].contact, error);

      if (id == NULL)
        return FALSE;
      g_hash_table_insert (suppliers, (gpointer) demo_suppliers[i].name, id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_materials); i++)
    {
      const DemoMaterial *dm = &demo_materials[i];
      g_autoptr(CcMaterial) material = cc_material_new ();
      g_autoptr(CcPurchase) purchase = cc_purchase_new ();
      g_autofree char *purchase_id = NULL;
      char *id;

      material->name = g_strdup (dm->name);
      material->unit = g_strdup (dm->unit);
      if (dm->threshold != NULL &&
          !cc_material_unit_parse_quantity (dm->threshold, dm->unit, &material->low_threshold, error))
        return FALSE;
      id = cc_materials_add_material (store, material, error);
      if (id == NULL)
        return FALSE;
      g_hash_table_insert (materials, (gpointer) dm->name, id);

      purchase->material_id = g_strdup (id);
      purchase->supplier_id = g_strdup (dm->supplier != NULL ? g_hash_table_lookup (suppliers, dm->supplier) : NULL);
      if (!cc_material_unit_parse_quantity (dm->quantity, dm->unit, &purchase->quantity, error))
        return FALSE;
      purchase->cost = dm->cost;
      purchase->shipping = dm->shipping;
      g_free (purchase->currency);
      purchase->currency = g_strdup ("INR");
      g_free (purchase->date);
      purchase->date = g_strdup (dm->date);
      purchase_id = cc_materials_add_purchase (store, purchase, error);
      if (purchase_id == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_recipes_and_batches (CcStore     *store,
                         GHashTable  *materials,
                         GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_recipes); i++)
    {
      const DemoRecipe *dr = &demo_recipes[i];
      g_autoptr(CcRecipe) recipe = cc_recipe_new ();
      g_autofree char *batch_id = NULL;

      recipe->product_id = product_id_for (store, dr->sku, error);
      if (recipe->product_id == NULL)
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (dr->lines) && dr->lines[k].material != NULL; k++)
        {
          const char *material_id = g_hash_table_lookup (materials, dr->lines[k].material);
          g_autoptr(CcMaterial) material = cc_materials_get_material (store, material_id, error);
          gint64 quantity;

          if (material == NULL ||
              !cc_material_unit_parse_quantity (dr->lines[k].quantity, material->unit, &quantity, error))
            return FALSE;
          cc_recipe_add_line (recipe, material_id, quantity);
        }
      recipe->labour_minutes = dr->labour_minutes;
      recipe->overhead_kind = dr->overhead_kind;
      recipe->overhead_value = dr->overhead_value;
      if (!cc_materials_set_recipe (store, recipe, error) ||
          !cc_materials_make_batch (store, recipe->product_id, NULL, dr->batch, NULL, &batch_id, error) ||
          !cc_inventory_set_threshold (store, recipe->product_id, NULL, dr->threshold, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_orders (CcStore  *store,
            GError  **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sale = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_order_line_free);
  g_autofree char *sale_id = NULL;
  const char *sale_skus[] = { "POT-MUG-002", "WOD-KIT-001" };

  for (guint i = 0; i < G_N_ELEMENTS (demo_customers); i++)
    {
      g_autoptr(CcCustomer) customer = cc_customer_new ();
      char *id;

      customer->name = g_strdup (demo_customers[i].name);
      customer->email = g_strdup (demo_customers[i].email);
      customer->phone = g_strdup (demo_customers[i].phone);
      customer->address = g_strdup (demo_customers[i].address);
      id = cc_orders_create_customer (store, customer, error);
      if (id == NULL)
        return FALSE;
      g_ptr_array_add (customers, id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_orders); i++)
    {
      const DemoOrder *d = &demo_orders[i];
      static const CcOrderStatus path[] = {
        CC_ORDER_CONFIRMED, CC_ORDER_SHIPPED, CC_ORDER_DELIVERED,
      };
      g_autoptr(CcOrder) order = cc_order_new ();
      g_autoptr(CcOrder) created = NULL;
      g_autofree char *order_id = NULL;

      order->customer_id = g_strdup (g_ptr_array_index (customers, d->customer));
      order->tax_rate_bp = 1200;
      order->tax_inclusive = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (d->skus) && d->skus[k] != NULL; k++)
        {
          g_autofree char *product_id = product_id_for (store, d->skus[k], error);

          if (product_id == NULL)
            return FALSE;
          g_ptr_array_add (order->lines, cc_order_line_new (product_id, NULL, d->quantities[k]));
        }
      order_id = cc_orders_create_order (store, order, error);
      if (order_id == NULL)
        return FALSE;

      /* Along the status machine as the shop would have moved it. */
      if (d->status == CC_ORDER_CANCELLED)
        {
          if (!cc_orders_set_status (store, order_id, CC_ORDER_CONFIRMED, FALSE, error) ||
              !cc_orders_set_status (store, order_id, CC_ORDER_CANCELLED, FALSE, error))
            return FALSE;
        }
      else
        for (guint k = 0; k < G_N_ELEMENTS (path) && d->status != CC_ORDER_PENDING; k++)
          {
            if (!cc_orders_set_status (store, order_id, path[k], FALSE, error))
              return FALSE;
            if (path[k] == d->status)
              break;
          }

      if (d->method != NULL)
        {
          gint64 amount = d->paid;
          g_autofree char *payment_id = NULL;

          if (amount < 0)
            {
              CcOrderTotals totals;

              created = cc_orders_get_order (store, order_id, error);
              if (created == NULL)
                return FALSE;
              cc_order_compute_totals (created, &totals);
              amount = totals.total;
            }
          payment_id = cc_orders_add_payment (store, order_id, d->method, amount, NULL, error);
          if (payment_id == NULL)
            return FALSE;
        }
    }

  /* And one sale at the market stall. */
  for (guint k = 0; k < G_N_ELEMENTS (sale_skus); k++)
    {
      g_autofree char *product_id = product_id_for (store, sale_skus[k], error);

      if (product_id == NULL)
        return FALSE;
      g_ptr_array_add (sale, cc_order_line_new (product_id, NULL, 1));
    }
  return cc_orders_quick_sale (store, sale, "cash", -1, &sale_id, error);
}

gboolean
cc_demo_load_workshop (CcStore  *store,
                       GError  **error)
{
  g_autoptr(GHashTable) materials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);

  return add_materials (store, materials, error) &&
         add_recipes_and_batches (store, materials, error) &&
         add_orders (store, error);
}
