/* cc-conflicts.c — a conflict in words: which field of what, and its values as people read them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cc-catalogue.h"
#include "cc-change.h"
#include "cc-conflicts.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"

#define VALUE_MAX_DEPTH 16

static char *
dup_shop_currency (CcStore *store)
{
  return cc_store_dup_setting (store, "currency", "INR");
}

/* The thing the register belongs to, in words, and its currency. */
static char *
dup_entity_name (CcStore     *store,
                 const char  *entity,
                 const char  *row_id,
                 char       **out_currency)
{
  if (g_str_equal (entity, "product"))
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, row_id, NULL);
      g_auto(GStrv) languages = NULL;
      const char *title;

      if (product == NULL)
        return g_strdup (_("a removed piece"));
      if (out_currency != NULL && product->currency != NULL && *product->currency != '\0')
        *out_currency = g_strdup (product->currency);
      languages = cc_store_dup_languages (store);
      title = cc_product_get_title (product, languages[0]);
      return g_strdup (title != NULL && *title != '\0' ? title : _("an untitled piece"));
    }
  if (g_str_equal (entity, "variant"))
    return g_strdup (_("a variant of a piece"));
  if (g_str_equal (entity, "category"))
    {
      g_autoptr(CcCategory) category = cc_catalogue_get_category (store, row_id, NULL);

      return category != NULL ? g_strdup_printf (_("category “%s”"), category->name)
                              : g_strdup (_("a removed category"));
    }
  if (g_str_equal (entity, "material"))
    {
      g_autoptr(CcMaterial) material = cc_materials_get_material (store, row_id, NULL);

      return material != NULL ? g_strdup (material->name) : g_strdup (_("a removed material"));
    }
  if (g_str_equal (entity, "customer"))
    {
      g_autoptr(CcCustomer) customer = cc_orders_get_customer (store, row_id, NULL);

      return customer != NULL ? g_strdup (customer->name) : g_strdup (_("a removed customer"));
    }
  if (g_str_equal (entity, "order"))
    {
      g_autoptr(CcOrder) order = cc_orders_get_order (store, row_id, NULL);

      if (order == NULL)
        return g_strdup (_("a removed order"));
      if (out_currency != NULL && order->currency != NULL && *order->currency != '\0')
        *out_currency = g_strdup (order->currency);
      return g_strdup_printf (_("order %s"), order->number);
    }
  if (g_str_equal (entity, "supplier"))
    return g_strdup (_("a supplier"));
  if (g_str_equal (entity, "setting"))
    return g_strdup (_("the shop"));
  return g_strdup (entity);
}

static gboolean
is_money_register (const char *entity,
                   const char *reg)
{
  static const char *money[] = {
    "price", "compare_at_price", "unit_price", "discount", "shipping", "cost", "amount",
  };

  if (g_str_equal (entity, "setting"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    if (g_str_equal (reg, money[i]))
      return TRUE;
  return FALSE;
}

char *
cc_conflict_dup_field_name (CcStore          *store,
                            const CcConflict *conflict)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  if (g_str_equal (conflict->entity, "setting"))
    {
      if (g_str_equal (conflict->row_id, "shop-name"))
        return g_strdup (_("The shop’s name"));
      if (g_str_equal (conflict->row_id, "currency"))
        return g_strdup (_("The shop’s currency"));
      if (g_str_equal (conflict->row_id, "languages"))
        return g_strdup (_("The shop’s languages"));
      return g_strdup_printf (_("The shop setting “%s”"), conflict->row_id);
    }

  name = dup_entity_name (store, conflict->entity, conflict->row_id, NULL);
  if (g_str_has_prefix (conflict->reg, "title@"))
    return g_strdup_printf (_("Title (%s) of %s"), conflict->reg + 6, name);
  if (g_str_has_prefix (conflict->reg, "description@"))
    return g_strdup_printf (_("Description (%s) of %s"), conflict->reg + 12, name);
#define FIELD(field, format) \
  if (g_str_equal (conflict->reg, field)) \
    return g_strdup_printf (format, name)
  /* Translators: each names a field of something ("%s"): "Price of Blue Pottery Mug". */
  FIELD ("price", _("Price of %s"));
  FIELD ("compare_at_price", _("Compare-at price of %s"));
  FIELD ("unit_price", _("Unit price in %s"));
  FIELD ("sku", _("SKU of %s"));
  FIELD ("status", _("Status of %s"));
  FIELD ("category_id", _("Category of %s"));
  FIELD ("currency", _("Currency of %s"));
  FIELD ("width_mm", _("Width of %s"));
  FIELD ("height_mm", _("Height of %s"));
  FIELD ("depth_mm", _("Depth of %s"));
  FIELD ("weight_g", _("Weight of %s"));
  FIELD ("production_minutes", _("Making time of %s"));
  FIELD ("cultural_origin", _("Cultural origin of %s"));
  FIELD ("technique", _("Technique of %s"));
  FIELD ("maker", _("Maker of %s"));
  FIELD ("deleted", _("Whether %s is removed"));
  FIELD ("name", _("Name of %s"));
  FIELD ("email", _("Email of %s"));
  FIELD ("phone", _("Phone number of %s"));
  FIELD ("address", _("Address of %s"));
  FIELD ("notes", _("Notes on %s"));
  FIELD ("unit", _("Unit of %s"));
  FIELD ("low_threshold", _("Low-stock level of %s"));
  FIELD ("contact", _("Contact of %s"));
  FIELD ("discount", _("Discount on %s"));
  FIELD ("shipping", _("Shipping of %s"));
  FIELD ("tax_rate_bp", _("Tax rate of %s"));
  FIELD ("tax_inclusive", _("Whether prices in %s include tax"));
  FIELD ("customer_id", _("Customer of %s"));
  FIELD ("invoice_number", _("Invoice number of %s"));
  FIELD ("parent_id", _("Parent of %s"));
  FIELD ("options", _("Options of %s"));
#undef FIELD
  /* Translators: a field without a name of its own: “field” of thing. */
  return g_strdup_printf (_("“%s” of %s"), conflict->reg, name);
}

char *
cc_conflict_format_value (CcStore          *store,
                          const CcConflict *conflict,
                          const char       *json_value)
{
  g_autoptr(JsonNode) node = NULL;
  GType type;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  if (json_value == NULL)
    return g_strdup (_("(nothing)"));
  node = cc_json_parse (json_value, VALUE_MAX_DEPTH, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    {
      if (node != NULL && JSON_NODE_HOLDS_NULL (node))
        return g_strdup (_("(nothing)"));
      return g_strdup (json_value);
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      gboolean flag = json_node_get_boolean (node);

      if (g_str_equal (conflict->reg, "deleted"))
        return g_strdup (flag ? _("Removed") : _("Not removed"));
      return g_strdup (flag ? _("Yes") : _("No"));
    }
  if (type == G_TYPE_INT64)
    {
      gint64 number = json_node_get_int (node);

      if (is_money_register (conflict->entity, conflict->reg))
        {
          g_autofree char *currency = NULL;
          g_autofree char *name = dup_entity_name (store, conflict->entity, conflict->row_id, &currency);

          if (currency == NULL)
            currency = dup_shop_currency (store);
          return cc_money_format (number, currency);
        }
      if (g_str_equal (conflict->reg, "tax_rate_bp"))
        return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d %%", number / 100, (int)ABS (number % 100));
      if (g_str_has_suffix (conflict->reg, "_mm"))
        return g_strdup_printf (_("%lld mm"), (long long) number);
      if (g_str_equal (conflict->reg, "weight_g"))
        return g_strdup_printf (_("%lld g"), (long long) number);
      if (g_str_equal (conflict->reg, "production_minutes"))
        return g_strdup_printf (_("%lld min"), (long long) number);
      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    }
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (*text == '\0')
        return g_strdup (_("(empty)"));
      if (g_str_equal (conflict->reg, "status"))
        {
          CcProductStatus product_status;
          CcOrderStatus order_status;

          if (g_str_equal (conflict->entity, "product") && cc_product_status_from_string (text, &product_status))
            return g_strdup (cc_product_status_get_label (product_status));
          if (g_str_equal (conflict->entity, "order") && cc_order_status_from_string (text, &order_status))
            return g_strdup (cc_order_status_get_label (order_status));
        }
      if (g_str_equal (conflict->reg, "category_id") || g_str_equal (conflict->reg, "parent_id"))
        {
          g_autoptr(CcCategory) category = cc_catalogue_get_category (store, text, NULL);

          if (category != NULL)
            return g_strdup (category->name);
        }
      return g_strdup (text);
    }
  return g_strdup (json_value);
}
