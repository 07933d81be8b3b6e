/* cc-cli-shop.c — craftchain-cli commands for materials, recipes, batches, stock, customers and orders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-cli-private.h"
#include "cc-error.h"
#include "cc-hlc.h"
#include "cc-inventory.h"
#include "cc-invoice.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-search.h"
#include "cc-store.h"

/* Helpers */

static const char *
positional (CcCliArgs *args,
            guint      i)
{
  return g_ptr_array_index (args->positional, i);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_money (JsonBuilder *builder,
           const char  *name,
           gint64       amount,
           const char  *currency)
{
  json_builder_set_member_name (builder, name);
  cc_cli_add_money (builder, amount, currency);
}

static void
print_line (const char *label,
            const char *value)
{
  g_autofree char *padded = cc_cli_fit (label, MAX (16, cc_cli_text_width (label)));

  g_print ("%s  %s\n", padded, value);
}

static void
print_money_line (const char *label,
                  gint64      amount,
                  const char *currency)
{
  g_autofree char *text = cc_cli_format_money (amount, currency);

  print_line (label, text);
}

/* When a ledger row was written: local time for people, or UTC ISO 8601
 * (iso); "" for a stamp that does not parse. */
static char *
format_when (const char *hlc,
             gboolean    iso)
{
  CcHlcStamp stamp;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (hlc == NULL || !cc_hlc_stamp_parse (hlc, &stamp, NULL) ||
      !(utc = g_date_time_new_from_unix_utc (stamp.wall_ms / 1000)))
    return g_strdup ("");
  if (iso)
    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
add_when (JsonBuilder *builder,
          const char  *hlc)
{
  g_autofree char *when = format_when (hlc, TRUE);

  cc_cli_add_string_or_null (builder, "when", when);
  cc_cli_add_string_or_null (builder, "hlc", hlc);
}

/* Prints {"id": id} in JSON mode, else message. */
static int
print_done (CcCli      *cli,
            const char *id,
            const char *message)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    g_print ("%s\n", message);
  return CC_CLI_OK;
}

static char *
shop_currency (CcStore *store)
{
  return cc_store_dup_setting (store, "currency", "INR");
}

static gboolean
parse_money_option (CcCliArgs   *args,
                    const char  *option,
                    const char  *currency,
                    gint64      *out,
                    GError     **error)
{
  const char *value = cc_cli_args_get (args, option);

  if (value == NULL)
    return TRUE;
  return cc_money_parse (value, currency, out, error);
}

/* A piece by id or SKU, or a variant by its SKU. */
static gboolean
resolve_item (CcStore     *store,
              const char  *id_or_sku,
              char       **out_product_id,
              char       **out_variant_id,
              char       **out_title,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, id_or_sku, &local_error);
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autoptr(GPtrArray) owners = NULL;

  if (product != NULL)
    {
      *out_product_id = g_strdup (product->id);
      *out_variant_id = NULL;
      if (out_title)
        *out_title = g_strdup (cc_product_get_title (product, languages[0]));
      return TRUE;
    }
  if (!g_error_matches (local_error, CC_ERROR, CC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  owners = cc_catalogue_find_sku (store, id_or_sku, NULL);
  for (guint i = 0; i < owners->len; i++)
    {
      const char *product_id = g_ptr_array_index (owners, i);
      g_autoptr(GPtrArray) variants = cc_catalogue_list_variants (store, product_id);

      for (guint j = 0; variants != NULL && j < variants->len; j++)
        {
          CcVariant *variant = g_ptr_array_index (variants, j);

          if (g_strcmp0 (variant->sku, id_or_sku) == 0)
            {
              g_autoptr(CcProduct) owner = cc_catalogue_get_product (store, product_id, NULL);

              *out_product_id = g_strdup (product_id);
              *out_variant_id = g_strdup (variant->id);
              if (out_title)
                *out_title = g_strdup (owner ? cc_product_get_title (owner, languages[0]) : id_or_sku);
              return TRUE;
            }
        }
    }
  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
               _("There is no piece or variant with the id or SKU “%s”"), id_or_sku);
  return FALSE;
}

static int
unknown_subcommand (CcCli      *cli,
                    const char *command,
                    int         argc,
                    char      **argv,
                    const char *usage)
{
  if (argc < 1)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname, usage);
  return cc_cli_usage_error (cli, _("Unknown command “%s %s”"), command, argv[0]);
}

typedef struct
{
  const char *word;
  int       (*run) (CcCli  *cli,
                    int     argc,
                    char  **argv);
} Subcommand;

/* Runs the subcommand argv[0] names, with the words after it. */
static int
dispatch (CcCli            *cli,
          const char       *command,
          const Subcommand *subcommands,
          guint             n_subcommands,
          int               argc,
          char            **argv,
          const char       *usage)
{
  for (guint i = 0; argc >= 1 && i < n_subcommands; i++)
    if (strcmp (argv[0], subcommands[i].word) == 0)
      return subcommands[i].run (cli, argc - 1, argv + 1);
  return unknown_subcommand (cli, command, argc, argv, usage);
}

/* Materials */

static gboolean
same_dimension (const char *unit_a,
                const char *unit_b)
{
  const CcMaterialUnit *a = cc_material_unit_lookup (unit_a);
  const CcMaterialUnit *b = cc_material_unit_lookup (unit_b);

  return a != NULL && b != NULL && a->dimension == b->dimension;
}

static gboolean
check_unit (const char  *unit,
            const char  *material_unit,
            GError     **error)
{
  if (cc_material_unit_lookup (unit) == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **)cc_material_unit_list ());

      return cc_invalid_input (error, _("“%s” is not a unit CraftChain knows (use one of %s)"), unit, known);
    }
  if (material_unit != NULL && !same_dimension (unit, material_unit))
    return cc_invalid_input (error, _("This material is measured in %s: “%s” cannot be turned into it"),
                             material_unit, unit);
  return TRUE;
}

static int
cmd_materials_list (CcCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "materials list"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(materials = cc_materials_list_materials (store, &error)))
    return cc_cli_fail (cli, error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  if (!cli->json && materials->len == 0)
    g_print ("%s\n", _("No materials yet. Add one with: craftchain-cli materials add NAME --unit UNIT"));
  for (guint i = 0; i < materials->len; i++)
    {
      CcMaterial *material = g_ptr_array_index (materials, i);
      const CcMaterialUnit *unit = cc_material_unit_lookup (material->unit);
      g_autofree char *currency = NULL;
      g_autofree char *on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
      gint64 cost_sum = 0, quantity_sum = 0, per_unit = 0;
      gboolean low = material->low_threshold > 0 && material->on_hand <= material->low_threshold;

      if (!cc_materials_get_average_cost (store, material->id, &cost_sum, &quantity_sum, &currency, &error))
        return cc_cli_fail (cli, error);
      if (quantity_sum > 0 && unit != NULL)
        per_unit = cc_materials_cost_of (cost_sum, quantity_sum, unit->factor);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", material->id);
          add_string (builder, "name", material->name);
          add_string (builder, "unit", material->unit);
          add_int (builder, "on_hand", material->on_hand);
          add_string (builder, "on_hand_formatted", on_hand);
          add_int (builder, "low_threshold", material->low_threshold);
          json_builder_set_member_name (builder, "low");
          json_builder_add_boolean_value (builder, low);
          json_builder_set_member_name (builder, "average_cost_per_unit");
          if (quantity_sum > 0)
            cc_cli_add_money (builder, per_unit, currency);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *name = cc_cli_fit (material->name, 24);
          g_autofree char *quantity = cc_cli_fit (on_hand, 14);
          g_autofree char *cost = NULL;

          if (quantity_sum > 0)
            {
              g_autofree char *money = cc_cli_format_money (per_unit, currency);

              /* TRANSLATORS: a cost per unit, like "₹100.00 / m" */
              cost = g_strdup_printf (_("%s / %s"), money, material->unit);
            }
          else
            cost = g_strdup (_("no purchases"));
          g_print ("%s  %s  %s%s%s\n", name, quantity, cost, low ? "  " : "",
                   /* TRANSLATORS: a mark next to a material running out */
                   low ? _("LOW") : "");
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    cc_cli_print_json (builder);
  return CC_CLI_OK;
}

static int
cmd_materials_add (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption specs[] = {
    { "unit", CC_CLI_VALUE },
    { "low", CC_CLI_VALUE },
    { "notes", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcMaterial) material = cc_material_new ();
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  const char *unit;
  const char *low;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "materials add NAME --unit UNIT [--low N]"))
    return CC_CLI_USAGE;
  if (!(unit = cc_cli_args_get (&args, "unit")))
    return cc_cli_usage_error (cli, _("A material needs a unit: --unit m|cm|mm|kg|g|mg|l|ml|piece"));
  if (!check_unit (unit, NULL, &error))
    return cc_cli_fail (cli, error);
  material->name = g_strdup (positional (&args, 0));
  material->unit = g_strdup (unit);
  material->notes = g_strdup (cc_cli_args_get (&args, "notes"));
  if ((low = cc_cli_args_get (&args, "low")) &&
      !cc_material_unit_parse_quantity (low, unit, &material->low_threshold, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(id = cc_materials_add_material (store, material, &error)))
    return cc_cli_fail (cli, error);

  message = g_strdup_printf (_("Added the material “%s”."), material->name);
  return print_done (cli, id, message);
}

static gboolean
valid_date (const char *text)
{
  int y, m, d;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* The supplier called name, made if there is none (in the caller's
 * transaction). */
static char *
ensure_supplier (CcStore     *store,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GPtrArray) suppliers = cc_materials_list_suppliers (store, error);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (suppliers == NULL)
    return NULL;
  for (guint i = 0; i < suppliers->len; i++)
    {
      CcSupplier *supplier = g_ptr_array_index (suppliers, i);
      g_autofree char *other = g_utf8_casefold (supplier->name, -1);

      if (strcmp (folded, other) == 0)
        return g_strdup (supplier->id);
    }
  return cc_materials_add_supplier (store, name, NULL, error);
}

static int
cmd_materials_buy (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption specs[] = {
    { "quantity", CC_CLI_VALUE },
    { "unit", CC_CLI_VALUE },
    { "cost", CC_CLI_VALUE },
    { "shipping", CC_CLI_VALUE },
    { "supplier", CC_CLI_VALUE },
    { "date", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcMaterial) material = NULL;
  g_autoptr(CcPurchase) purchase = cc_purchase_new ();
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *cost = NULL;
  const char *unit;
  const char *date;
  const char *supplier;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "materials buy MATERIAL --quantity Q --cost C"))
    return CC_CLI_USAGE;
  if (!cc_cli_args_has (&args, "quantity") || !cc_cli_args_has (&args, "cost"))
    return cc_cli_usage_error (cli, _("A purchase needs --quantity Q and --cost C"));
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(material = cc_materials_get_material (store, positional (&args, 0), &error)))
    return cc_cli_fail (cli, error);

  unit = cc_cli_args_get (&args, "unit");
  if (unit == NULL)
    unit = material->unit;
  purchase->currency = shop_currency (store);
  if (!check_unit (unit, material->unit, &error) ||
      !cc_material_unit_parse_quantity (cc_cli_args_get (&args, "quantity"), unit,
                                        &purchase->quantity, &error) ||
      !parse_money_option (&args, "cost", purchase->currency, &purchase->cost, &error) ||
      !parse_money_option (&args, "shipping", purchase->currency, &purchase->shipping, &error))
    return cc_cli_fail (cli, error);
  if ((date = cc_cli_args_get (&args, "date")) && !valid_date (date))
    {
      cc_invalid_input (&error, _("“%s” is not a date like 2026-03-14"), date);
      return cc_cli_fail (cli, error);
    }
  if (date != NULL)
    purchase->date = g_strdup (date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      purchase->date = g_date_time_format (now, "%Y-%m-%d");
    }
  purchase->material_id = g_strdup (material->id);

  /* A new supplier and the purchase land together, or not at all. */
  if (!cc_store_begin (store, &error))
    return cc_cli_fail (cli, error);
  if (((supplier = cc_cli_args_get (&args, "supplier")) &&
       !(purchase->supplier_id = ensure_supplier (store, supplier, &error))) ||
      !(id = cc_materials_add_purchase (store, purchase, &error)))
    {
      cc_store_rollback (store);
      return cc_cli_fail (cli, error);
    }
  if (!cc_store_commit (store, &error))
    {
      cc_store_rollback (store);
      return cc_cli_fail (cli, error);
    }

  amount = cc_material_unit_format_quantity (purchase->quantity, material->unit);
  cost = cc_cli_format_money (purchase->cost + purchase->shipping, purchase->currency);
  /* TRANSLATORS: "Bought 20 m of Cotton for ₹2,000.00." */
  message = g_strdup_printf (_("Bought %s of %s for %s."), amount, material->name, cost);
  return print_done (cli, id, message);
}

static int
cmd_materials_show (CcCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcMaterial) material = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *on_hand = NULL;
  gint64 cost_sum = 0, quantity_sum = 0, per_unit = 0;
  const CcMaterialUnit *unit;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "materials show MATERIAL"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(material = cc_materials_get_material (store, positional (&args, 0), &error)) ||
      !(moves = cc_materials_list_moves (store, material->id, &error)) ||
      !(purchases = cc_materials_list_purchases (store, material->id, &error)) ||
      !cc_materials_get_average_cost (store, material->id, &cost_sum, &quantity_sum, &currency, &error))
    return cc_cli_fail (cli, error);

  unit = cc_material_unit_lookup (material->unit);
  if (quantity_sum > 0 && unit != NULL)
    per_unit = cc_materials_cost_of (cost_sum, quantity_sum, unit->factor);
  on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "id", material->id);
      add_string (builder, "name", material->name);
      add_string (builder, "unit", material->unit);
      add_int (builder, "on_hand", material->on_hand);
      add_string (builder, "on_hand_formatted", on_hand);
      add_int (builder, "low_threshold", material->low_threshold);
      json_builder_set_member_name (builder, "average_cost_per_unit");
      if (quantity_sum > 0)
        cc_cli_add_money (builder, per_unit, currency);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "purchases");
      json_builder_begin_array (builder);
      for (guint i = 0; i < purchases->len; i++)
        {
          CcPurchase *purchase = g_ptr_array_index (purchases, i);

          json_builder_begin_object (builder);
          add_string (builder, "id", purchase->id);
          add_string (builder, "date", purchase->date);
          add_int (builder, "quantity", purchase->quantity);
          add_money (builder, "cost", purchase->cost, purchase->currency);
          add_money (builder, "shipping", purchase->shipping, purchase->currency);
          cc_cli_add_string_or_null (builder, "supplier_id", purchase->supplier_id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "moves");
      json_builder_begin_array (builder);
      for (guint i = 0; i < moves->len; i++)
        {
          CcMaterialMove *move = g_ptr_array_index (moves, i);

          json_builder_begin_object (builder);
          add_string (builder, "id", move->id);
          add_int (builder, "delta", move->delta);
          add_string (builder, "reason", move->reason);
          cc_cli_add_string_or_null (builder, "ref_id", move->ref_id);
          cc_cli_add_string_or_null (builder, "note", move->note);
          add_when (builder, move->hlc);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  g_print ("%s\n", material->name);
  print_line (_("On hand"), on_hand);
  if (material->low_threshold > 0)
    {
      g_autofree char *low = cc_material_unit_format_quantity (material->low_threshold, material->unit);

      print_line (_("Low below"), low);
    }
  if (quantity_sum > 0)
    {
      g_autofree char *money = cc_cli_format_money (per_unit, currency);
      g_autofree char *text = g_strdup_printf (_("%s / %s"), money, material->unit);

      print_line (_("Average cost"), text);
    }
  g_print ("\n%s\n", _("Ledger:"));
  if (moves->len == 0)
    g_print ("  %s\n", _("No moves yet."));
  for (guint i = 0; i < moves->len; i++)
    {
      CcMaterialMove *move = g_ptr_array_index (moves, i);
      g_autofree char *delta = cc_material_unit_format_quantity (move->delta, material->unit);
      g_autofree char *signed_delta = g_strconcat (move->delta > 0 ? "+" : "", delta, NULL);
      g_autofree char *time = format_when (move->hlc, FALSE);
      g_autofree char *when = cc_cli_fit (time, 16);
      g_autofree char *amount = cc_cli_fit (signed_delta, 12);
      g_autofree char *reason = cc_cli_fit (move->reason, 10);

      g_print ("  %s  %s  %s  %s\n", when, amount, reason, move->note ? move->note : "");
    }
  return CC_CLI_OK;
}

static int
cmd_materials (CcCli  *cli,
               int     argc,
               char  **argv)
{
  static const Subcommand subcommands[] = {
    { "list", cmd_materials_list },
    { "add", cmd_materials_add },
    { "buy", cmd_materials_buy },
    { "show", cmd_materials_show },
  };

  return dispatch (cli, "materials", subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                   "materials list|add|buy|show …");
}

/* Recipes and settings */

/* "10%", "12.5%" in basis points. */
static gboolean
parse_percent (const char  *text,
               gint64      *out_bp,
               GError     **error)
{
  g_autofree char *number = g_strndup (text, strlen (text) - 1);
  const char *dot = strchr (number, '.');
  gint64 whole = 0, fraction = 0;
  gsize n_fraction = dot ? strlen (dot + 1) : 0;
  g_autofree char *integer = dot ? g_strndup (number, dot - number) : g_strdup (number);

  if (*integer == '\0' || n_fraction > 2 || (dot && n_fraction == 0) ||
      !g_ascii_string_to_unsigned (integer, 10, 0, 1000, (guint64 *)&whole, NULL) ||
      (n_fraction > 0 && !g_ascii_string_to_unsigned (dot + 1, 10, 0, 99, (guint64 *)&fraction, NULL)))
    return cc_invalid_input (error, _("“%s” is not a percentage like 10%% or 12.5%%"), text);
  if (n_fraction == 1)
    fraction *= 10;
  *out_bp = whole * 100 + fraction;
  return TRUE;
}

/* "Cotton=2 m", "Indigo=40g", "Buttons=6" */
static gboolean
parse_recipe_line (CcStore     *store,
                   const char  *text,
                   CcRecipe    *recipe,
                   GError     **error)
{
  const char *equals = strrchr (text, '=');
  g_autofree char *name = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *unit_text = NULL;
  g_autoptr(CcMaterial) material = NULL;
  const char *start;
  const char *end;
  const char *unit;
  gint64 quantity;

  if (equals == NULL)
    return cc_invalid_input (error, _("Write a recipe material as NAME=QUANTITY [UNIT], like Cotton=2 m (not “%s”)"), text);
  name = g_strstrip (g_strndup (text, equals - text));
  if (!(material = cc_materials_get_material (store, name, error)))
    return FALSE;

  for (start = equals + 1; g_ascii_isspace (*start); start++)
    ;
  for (end = start; g_ascii_isdigit (*end) || *end == '.' || *end == ','; end++)
    ;
  digits = g_strndup (start, end - start);
  unit_text = g_strstrip (g_strdup (end));
  unit = *unit_text != '\0' ? unit_text : material->unit;
  if (!check_unit (unit, material->unit, error) ||
      !cc_material_unit_parse_quantity (digits, unit, &quantity, error))
    return FALSE;
  cc_recipe_add_line (recipe, material->id, quantity);
  return TRUE;
}

static int
cmd_recipe_set (CcCli  *cli,
                int     argc,
                char  **argv)
{
  static const CcCliOption specs[] = {
    { "material", CC_CLI_LIST },
    { "labour-minutes", CC_CLI_VALUE },
    { "overhead", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRecipe) recipe = NULL;
  g_autoptr(CcRecipe) old = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  GPtrArray *lines;
  const char *value;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "recipe set PRODUCT --material NAME=QUANTITY… [--labour-minutes N] [--overhead P%|AMOUNT]"))
    return CC_CLI_USAGE;
  if (g_hash_table_size (args.values) == 0)
    return cc_cli_usage_error (cli, _("Nothing to set: give --material, --labour-minutes or --overhead"));
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error))
    return cc_cli_fail (cli, error);

  /* What is not given stays as it was. */
  old = cc_materials_get_recipe (store, product_id, variant_id, NULL);
  if (old != NULL && g_strcmp0 (old->variant_id, variant_id) != 0)
    g_clear_pointer (&old, cc_recipe_free);
  recipe = cc_recipe_new ();
  recipe->product_id = g_strdup (product_id);
  recipe->variant_id = g_strdup (variant_id);
  if (old != NULL)
    {
      recipe->labour_minutes = old->labour_minutes;
      recipe->overhead_kind = old->overhead_kind;
      recipe->overhead_value = old->overhead_value;
    }

  lines = cc_cli_args_get_all (&args, "material");
  for (guint i = 0; i < lines->len; i++)
    if (!parse_recipe_line (store, g_ptr_array_index (lines, i), recipe, &error))
      return cc_cli_fail (cli, error);
  if (lines->len == 0 && old != NULL)
    for (guint i = 0; i < old->lines->len; i++)
      {
        CcRecipeLine *line = g_ptr_array_index (old->lines, i);

        cc_recipe_add_line (recipe, line->material_id, line->quantity);
      }

  if ((value = cc_cli_args_get (&args, "labour-minutes")) &&
      !cc_cli_parse_int (value, "--labour-minutes", 0, 100000, &recipe->labour_minutes, &error))
    return cc_cli_fail (cli, error);
  if ((value = cc_cli_args_get (&args, "overhead")))
    {
      if (g_str_has_suffix (value, "%"))
        {
          recipe->overhead_kind = CC_OVERHEAD_PERCENT;
          if (!parse_percent (value, &recipe->overhead_value, &error))
            return cc_cli_fail (cli, error);
        }
      else
        {
          g_autofree char *currency = shop_currency (store);

          recipe->overhead_kind = CC_OVERHEAD_PER_UNIT;
          if (!cc_money_parse (value, currency, &recipe->overhead_value, &error))
            return cc_cli_fail (cli, error);
        }
      if (recipe->overhead_value == 0)
        recipe->overhead_kind = CC_OVERHEAD_NONE;
    }

  if (!cc_materials_set_recipe (store, recipe, &error))
    return cc_cli_fail (cli, error);
  message = g_strdup_printf (_("Saved the recipe of “%s”."), title);
  return print_done (cli, product_id, message);
}

static int
cmd_recipe_show (CcCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRecipe) recipe = NULL;
  g_auto(CcCostBreakdown) cost = { 0 };
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  const char *overhead_kind;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "recipe show PRODUCT"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error) ||
      !(recipe = cc_materials_get_recipe (store, product_id, variant_id, &error)) ||
      !cc_materials_recipe_cost (store, product_id, variant_id, &cost, &error))
    return cc_cli_fail (cli, error);

  overhead_kind = recipe->overhead_kind == CC_OVERHEAD_PERCENT ? "percent"
                  : recipe->overhead_kind == CC_OVERHEAD_PER_UNIT ? "per-unit" : "none";
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "product_id", product_id);
      cc_cli_add_string_or_null (builder, "variant_id", variant_id);
      json_builder_set_member_name (builder, "lines");
      json_builder_begin_array (builder);
      for (guint i = 0; i < cost.lines->len; i++)
        {
          CcCostLine *line = g_ptr_array_index (cost.lines, i);
          g_autofree char *quantity = cc_material_unit_format_quantity (line->quantity, line->unit);

          json_builder_begin_object (builder);
          add_string (builder, "material_id", line->material_id);
          add_string (builder, "name", line->name);
          add_string (builder, "unit", line->unit);
          add_int (builder, "quantity", line->quantity);
          add_string (builder, "quantity_formatted", quantity);
          add_money (builder, "cost", line->cost, cost.currency);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_int (builder, "labour_minutes", recipe->labour_minutes);
      add_money (builder, "wage_per_hour", cost.wage_per_hour, cost.currency);
      add_string (builder, "overhead_kind", overhead_kind);
      add_int (builder, "overhead_value", recipe->overhead_value);
      add_money (builder, "materials", cost.materials, cost.currency);
      add_money (builder, "labour", cost.labour, cost.currency);
      add_money (builder, "overhead", cost.overhead, cost.currency);
      add_money (builder, "total", cost.total, cost.currency);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  /* TRANSLATORS: a heading, %s is a piece's title */
  g_print (_("Cost of goods for one “%s”:"), title);
  g_print ("\n");
  for (guint i = 0; i < cost.lines->len; i++)
    {
      CcCostLine *line = g_ptr_array_index (cost.lines, i);
      g_autofree char *quantity = cc_material_unit_format_quantity (line->quantity, line->unit);
      g_autofree char *label = g_strdup_printf ("%s, %s", line->name, quantity);

      print_money_line (label, line->cost, cost.currency);
    }
  {
    g_autofree char *wage = cc_cli_format_money (cost.wage_per_hour, cost.currency);
    /* TRANSLATORS: labour: "180 min at ₹250.00/h" */
    g_autofree char *label = g_strdup_printf (_("Labour, %lld min at %s/h"),
                                              (long long)recipe->labour_minutes, wage);

    print_money_line (label, cost.labour, cost.currency);
  }
  print_money_line (_("Overhead"), cost.overhead, cost.currency);
  print_money_line (_("Total"), cost.total, cost.currency);
  return CC_CLI_OK;
}

static int
cmd_recipe (CcCli  *cli,
            int     argc,
            char  **argv)
{
  static const Subcommand subcommands[] = {
    { "set", cmd_recipe_set },
    { "show", cmd_recipe_show },
  };

  return dispatch (cli, "recipe", subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                   "recipe set|show PRODUCT …");
}

static int
cmd_settings (CcCli  *cli,
              int     argc,
              char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *formatted = NULL;
  gint64 wage = 0;
  CcStore *store;

  if (argc < 1 || strcmp (argv[0], "fair-wage") != 0)
    return unknown_subcommand (cli, "settings", argc, argv, "settings fair-wage [AMOUNT]");
  if (!cc_cli_parse_args (cli, NULL, argc - 1, argv + 1, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 1, "settings fair-wage [AMOUNT]"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  currency = shop_currency (store);

  if (args.positional->len == 1)
    {
      g_autofree char *text = NULL;

      if (!cc_money_parse (positional (&args, 0), currency, &wage, &error))
        return cc_cli_fail (cli, error);
      text = g_strdup_printf ("%" G_GINT64_FORMAT, wage);
      if (!cc_store_set_setting (store, "fair-wage", text, &error))
        return cc_cli_fail (cli, error);
    }
  else
    {
      stored = cc_store_dup_setting (store, "fair-wage", "0");
      if (!g_ascii_string_to_signed (stored, 10, 0, G_MAXINT64, &wage, NULL))
        wage = 0;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_money (builder, "fair_wage_per_hour", wage, currency);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }
  formatted = cc_cli_format_money (wage, currency);
  if (wage == 0)
    g_print ("%s\n", _("No fair wage set yet."));
  else
    {
      /* TRANSLATORS: %s is an amount, like ₹250.00 */
      g_print (_("Fair wage: %s an hour."), formatted);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

/* Batches */

static int
cmd_batch (CcCli  *cli,
           int     argc,
           char  **argv)
{
  static const CcCliOption specs[] = { { "note", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcBatch) batch = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *batch_id = NULL;
  gint64 quantity;
  CcStore *store;

  if (argc < 1 || strcmp (argv[0], "make") != 0)
    return unknown_subcommand (cli, "batch", argc, argv, "batch make PRODUCT QUANTITY [--note N]");
  if (!cc_cli_parse_args (cli, specs, argc - 1, argv + 1, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "batch make PRODUCT QUANTITY [--note N]"))
    return CC_CLI_USAGE;
  if (!cc_cli_parse_int (positional (&args, 1), "QUANTITY", 1, CC_BATCH_QUANTITY_MAX, &quantity, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error) ||
      !cc_materials_make_batch (store, product_id, variant_id, quantity,
                                cc_cli_args_get (&args, "note"), &batch_id, &error) ||
      !(batch = cc_materials_get_batch (store, batch_id, &error)))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "id", batch->id);
      add_string (builder, "lot_code", batch->lot_code);
      add_string (builder, "product_id", batch->product_id);
      cc_cli_add_string_or_null (builder, "variant_id", batch->variant_id);
      add_int (builder, "quantity", batch->quantity);
      add_string (builder, "date", batch->date);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      /* TRANSLATORS: "Made 5 of “Indigo scarf”: lot B-20260314-3F9A." */
      g_print (ngettext ("Made %u of “%s”: lot %s.", "Made %u of “%s”: lot %s.", (gulong)quantity),
               (guint)quantity, title, batch->lot_code);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

/* Stock */

static const char *
bucket_name (CcStockBucket bucket)
{
  return bucket == CC_STOCK_RESERVED ? "reserved" : "on-hand";
}

static int
cmd_stock_show (CcCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  CcStockLevel level = { 0 };
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "stock show PRODUCT"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error) ||
      !cc_inventory_get_level (store, product_id, variant_id, &level, &error) ||
      !(moves = cc_inventory_list_moves (store, product_id, variant_id, &error)))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "product_id", product_id);
      cc_cli_add_string_or_null (builder, "variant_id", variant_id);
      add_int (builder, "on_hand", level.on_hand);
      add_int (builder, "reserved", level.reserved);
      add_int (builder, "available", level.available);
      add_int (builder, "low_threshold", level.low_threshold);
      json_builder_set_member_name (builder, "moves");
      json_builder_begin_array (builder);
      for (guint i = 0; i < moves->len; i++)
        {
          CcStockMove *move = g_ptr_array_index (moves, i);

          json_builder_begin_object (builder);
          add_string (builder, "id", move->id);
          add_int (builder, "delta", move->delta);
          add_string (builder, "bucket", bucket_name (move->bucket));
          add_string (builder, "reason", move->reason);
          cc_cli_add_string_or_null (builder, "ref_id", move->ref_id);
          cc_cli_add_string_or_null (builder, "batch_id", move->batch_id);
          cc_cli_add_string_or_null (builder, "note", move->note);
          cc_cli_add_string_or_null (builder, "device", move->device);
          add_when (builder, move->hlc);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  g_print ("%s\n", title);
  {
    g_autofree char *on_hand = g_strdup_printf ("%" G_GINT64_FORMAT, level.on_hand);
    g_autofree char *reserved = g_strdup_printf ("%" G_GINT64_FORMAT, level.reserved);
    g_autofree char *available = g_strdup_printf ("%" G_GINT64_FORMAT, level.available);

    print_line (_("On hand"), on_hand);
    print_line (_("Reserved"), reserved);
    print_line (_("Available"), available);
    if (level.low_threshold > 0)
      {
        g_autofree char *threshold = g_strdup_printf ("%" G_GINT64_FORMAT, level.low_threshold);

        print_line (_("Low at"), threshold);
      }
  }
  g_print ("\n%s\n", _("Ledger:"));
  if (moves->len == 0)
    g_print ("  %s\n", _("No moves yet."));
  for (guint i = 0; i < moves->len; i++)
    {
      CcStockMove *move = g_ptr_array_index (moves, i);
      g_autofree char *time = format_when (move->hlc, FALSE);
      g_autofree char *when = cc_cli_fit (time, 16);
      g_autofree char *who = cc_cli_fit (move->device ? move->device : "", 12);
      g_autofree char *reason = cc_cli_fit (move->reason, 10);
      const char *bucket = move->bucket == CC_STOCK_RESERVED ? _("reserved") : _("on hand");

      g_print ("  %s  %s  %+6" G_GINT64_FORMAT " %-9s  %s  %s\n", when, who, move->delta,
               bucket, reason, move->note ? move->note : "");
    }
  return CC_CLI_OK;
}

static int
cmd_stock_adjust (CcCli  *cli,
                  int     argc,
                  char  **argv)
{
  static const CcCliOption specs[] = {
    { "reason", CC_CLI_VALUE },
    { "note", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  const char *delta_text = NULL;
  const char *reason;
  gint64 delta;
  CcStore *store;

  /* "-2" is a delta, not an option. */
  for (int i = 0; i < argc; i++)
    {
      gint64 number;

      if (argv[i][0] == '-' && delta_text == NULL &&
          g_ascii_string_to_signed (argv[i], 10, G_MININT64, G_MAXINT64, &number, NULL))
        delta_text = argv[i];
      else
        g_ptr_array_add (words, argv[i]);
    }
  if (!cc_cli_parse_args (cli, specs, words->len, (char **)words->pdata, &args))
    return CC_CLI_USAGE;
  if (delta_text == NULL && args.positional->len == 2)
    delta_text = positional (&args, 1);
  else if (!cc_cli_args_expect (cli, &args, 1, 1, "stock adjust PRODUCT DELTA --reason count|damaged|gift|returned"))
    return CC_CLI_USAGE;
  if (delta_text == NULL)
    return cc_cli_usage_error (cli, _("Missing arguments. Usage: %s %s"), cli->prgname,
                               "stock adjust PRODUCT DELTA --reason count|damaged|gift|returned");
  if (!(reason = cc_cli_args_get (&args, "reason")))
    return cc_cli_usage_error (cli, _("A stock change needs a reason: --reason count|damaged|gift|returned"));
  if (!cc_cli_parse_int (delta_text, "DELTA", -CC_BATCH_QUANTITY_MAX, CC_BATCH_QUANTITY_MAX, &delta, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error) ||
      !cc_inventory_adjust (store, product_id, variant_id, delta, reason,
                            cc_cli_args_get (&args, "note"), &error))
    return cc_cli_fail (cli, error);

  /* TRANSLATORS: "Changed the stock of “Scarf” by -2." */
  message = g_strdup_printf (_("Changed the stock of “%s” by %+lld."), title, (long long)delta);
  return print_done (cli, product_id, message);
}

static int
cmd_stock_threshold (CcCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  gint64 threshold;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "stock threshold PRODUCT N"))
    return CC_CLI_USAGE;
  if (!cc_cli_parse_int (positional (&args, 1), "N", 0, CC_BATCH_QUANTITY_MAX, &threshold, &error))
    return cc_cli_fail (cli, error);
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !resolve_item (store, positional (&args, 0), &product_id, &variant_id, &title, &error) ||
      !cc_inventory_set_threshold (store, product_id, variant_id, threshold, &error))
    return cc_cli_fail (cli, error);

  message = g_strdup_printf (_("“%s” is low at %lld or fewer."), title, (long long)threshold);
  return print_done (cli, product_id, message);
}

static int
cmd_stock_low (CcCli  *cli,
               int     argc,
               char  **argv)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_low = 0;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "stock low"))
    return CC_CLI_USAGE;
  query.sort = CC_SORT_NAME;
  query.limit = G_MAXINT;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(hits = cc_search_run (store, &query, &error)) ||
      !(materials = cc_materials_list_low_stock (store, &error)))
    return cc_cli_fail (cli, error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (hits, i);
      CcStockLevel level = { 0 };

      if (!cc_inventory_get_level (store, hit->id, NULL, &level, &error))
        return cc_cli_fail (cli, error);
      if (level.low_threshold <= 0 || level.available > level.low_threshold)
        continue;
      n_low++;
      if (cli->json)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", hit->id);
          add_string (builder, "title", hit->title);
          add_int (builder, "available", level.available);
          add_int (builder, "low_threshold", level.low_threshold);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *title = cc_cli_fit (hit->title, 30);

          /* TRANSLATORS: "2 available, low at 3" */
          g_print (_("%s  %lld available, low at %lld\n"),
                   title, (long long)level.available, (long long)level.low_threshold);
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "materials");
  json_builder_begin_array (builder);
  for (guint i = 0; i < materials->len; i++)
    {
      CcMaterial *material = g_ptr_array_index (materials, i);
      g_autofree char *on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
      g_autofree char *low = cc_material_unit_format_quantity (material->low_threshold, material->unit);

      n_low++;
      if (cli->json)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", material->id);
          add_string (builder, "name", material->name);
          add_int (builder, "on_hand", material->on_hand);
          add_int (builder, "low_threshold", material->low_threshold);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *name = cc_cli_fit (material->name, 30);

          /* TRANSLATORS: a material: "10 m on hand, low at 12 m" */
          g_print (_("%s  %s on hand, low at %s\n"), name, on_hand, low);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    cc_cli_print_json (builder);
  else if (n_low == 0)
    g_print ("%s\n", _("Nothing is running low."));
  return CC_CLI_OK;
}

static int
cmd_stock (CcCli  *cli,
           int     argc,
           char  **argv)
{
  static const Subcommand subcommands[] = {
    { "show", cmd_stock_show },
    { "adjust", cmd_stock_adjust },
    { "threshold", cmd_stock_threshold },
    { "low", cmd_stock_low },
  };

  return dispatch (cli, "stock", subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                   "stock show|adjust|threshold|low …");
}

/* Customers */

static CcCustomer *
find_customer (CcStore     *store,
               const char  *id_or_name,
               GError     **error)
{
  g_autoptr(GPtrArray) customers = cc_orders_list_customers (store);
  g_autofree char *folded = g_utf8_casefold (id_or_name, -1);

  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      CcCustomer *customer = g_ptr_array_index (customers, i);
      g_autofree char *name = g_utf8_casefold (customer->name, -1);

      if (strcmp (customer->id, id_or_name) == 0 || strcmp (name, folded) == 0)
        return cc_orders_get_customer (store, customer->id, error);
    }
  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("There is no customer “%s”"), id_or_name);
  return NULL;
}

static int
cmd_customers (CcCli  *cli,
               int     argc,
               char  **argv)
{
  static const CcCliOption specs[] = {
    { "email", CC_CLI_VALUE },
    { "phone", CC_CLI_VALUE },
    { "address", CC_CLI_VALUE },
    { "notes", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  CcStore *store;

  if (argc >= 1 && strcmp (argv[0], "add") == 0)
    {
      g_autoptr(CcCustomer) customer = cc_customer_new ();
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;

      if (!cc_cli_parse_args (cli, specs, argc - 1, argv + 1, &args) ||
          !cc_cli_args_expect (cli, &args, 1, 1, "customers add NAME [--email E] [--phone P] [--address A] [--notes N]"))
        return CC_CLI_USAGE;
      customer->name = g_strdup (positional (&args, 0));
      customer->email = g_strdup (cc_cli_args_get (&args, "email"));
      customer->phone = g_strdup (cc_cli_args_get (&args, "phone"));
      customer->address = g_strdup (cc_cli_args_get (&args, "address"));
      customer->notes = g_strdup (cc_cli_args_get (&args, "notes"));
      if (!(store = cc_cli_get_store (cli, &error)) ||
          !(id = cc_orders_create_customer (store, customer, &error)))
        return cc_cli_fail (cli, error);
      message = g_strdup_printf (_("Added the customer “%s”."), customer->name);
      return print_done (cli, id, message);
    }
  if (argc >= 1 && strcmp (argv[0], "list") == 0)
    {
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (!cc_cli_parse_args (cli, NULL, argc - 1, argv + 1, &args) ||
          !cc_cli_args_expect (cli, &args, 0, 0, "customers list"))
        return CC_CLI_USAGE;
      if (!(store = cc_cli_get_store (cli, &error)))
        return cc_cli_fail (cli, error);
      customers = cc_orders_list_customers (store);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      if (!cli->json && customers->len == 0)
        g_print ("%s\n", _("No customers yet."));
      for (guint i = 0; i < customers->len; i++)
        {
          CcCustomer *customer = g_ptr_array_index (customers, i);

          if (cli->json)
            {
              json_builder_begin_object (builder);
              add_string (builder, "id", customer->id);
              add_string (builder, "name", customer->name);
              cc_cli_add_string_or_null (builder, "email", customer->email);
              cc_cli_add_string_or_null (builder, "phone", customer->phone);
              cc_cli_add_string_or_null (builder, "address", customer->address);
              cc_cli_add_string_or_null (builder, "notes", customer->notes);
              json_builder_end_object (builder);
            }
          else
            {
              g_autofree char *name = cc_cli_fit (customer->name, 24);
              g_autofree char *email = cc_cli_fit (customer->email ? customer->email : "", 28);
              g_autofree char *phone = cc_cli_fit (customer->phone ? customer->phone : "", 16);

              g_print ("%s  %s  %s  %s\n", name, email, phone, customer->id);
            }
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      if (cli->json)
        cc_cli_print_json (builder);
      return CC_CLI_OK;
    }
  return unknown_subcommand (cli, "customers", argc, argv, "customers list|add …");
}

/* Orders */

/* --line SKU=QTY, each a CcOrderLine*. */
static GPtrArray *
parse_order_lines (CcStore     *store,
                   GPtrArray   *values,
                   GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_order_line_free);

  for (guint i = 0; i < values->len; i++)
    {
      const char *text = g_ptr_array_index (values, i);
      const char *equals = strrchr (text, '=');
      g_autofree char *sku = NULL;
      g_autofree char *product_id = NULL;
      g_autofree char *variant_id = NULL;
      gint64 quantity;

      if (equals == NULL || equals == text)
        {
          cc_invalid_input (error, _("Write a line as SKU=QUANTITY, like SCARF-1=2 (not “%s”)"), text);
          return NULL;
        }
      sku = g_strndup (text, equals - text);
      if (!cc_cli_parse_int (equals + 1, "--line", 1, CC_BATCH_QUANTITY_MAX, &quantity, error) ||
          !resolve_item (store, sku, &product_id, &variant_id, NULL, error))
        return NULL;
      g_ptr_array_add (lines, cc_order_line_new (product_id, variant_id, quantity));
    }
  return g_steal_pointer (&lines);
}

static const char *
payment_state_label (CcPaymentState state)
{
  switch (state)
    {
    case CC_PAYMENT_PAID:
      return _("paid");
    case CC_PAYMENT_PARTLY_PAID:
      return _("partly paid");
    case CC_PAYMENT_UNPAID:
    default:
      return _("unpaid");
    }
}

static const char *
payment_state_string (CcPaymentState state)
{
  return state == CC_PAYMENT_PAID ? "paid" : state == CC_PAYMENT_PARTLY_PAID ? "partly-paid" : "unpaid";
}

static void
add_order_summary (JsonBuilder   *builder,
                   const CcOrder *order)
{
  CcOrderTotals totals;

  cc_order_compute_totals (order, &totals);
  add_string (builder, "id", order->id);
  add_string (builder, "number", order->number);
  cc_cli_add_string_or_null (builder, "invoice_number",
                             order->invoice_number && *order->invoice_number ? order->invoice_number : NULL);
  add_string (builder, "status", cc_order_status_to_string (order->status));
  cc_cli_add_string_or_null (builder, "customer_id", order->customer_id);
  cc_cli_add_string_or_null (builder, "created", order->created);
  add_money (builder, "total", totals.total, order->currency);
  add_money (builder, "paid", totals.paid, order->currency);
  add_money (builder, "balance", totals.balance, order->currency);
  add_string (builder, "payment_state", payment_state_string (totals.payment_state));
}

static char *
customer_name (CcStore    *store,
               const char *customer_id)
{
  g_autoptr(CcCustomer) customer = NULL;

  if (customer_id == NULL || *customer_id == '\0')
    return g_strdup (_("walk-in"));
  customer = cc_orders_get_customer (store, customer_id, NULL);
  return g_strdup (customer ? customer->name : customer_id);
}

static int
cmd_orders_list (CcCli  *cli,
                 int     argc,
                 char  **argv)
{
  static const CcCliOption specs[] = { { "status", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CcOrderStatus status = CC_ORDER_PENDING;
  const char *status_text;
  guint shown = 0;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "orders list [--status S]"))
    return CC_CLI_USAGE;
  if ((status_text = cc_cli_args_get (&args, "status")) &&
      !cc_order_status_from_string (status_text, &status))
    {
      cc_invalid_input (&error, _("“%s” is not an order status (use pending, confirmed, shipped, delivered, cancelled or returned)"),
                        status_text);
      return cc_cli_fail (cli, error);
    }
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  orders = cc_orders_list_orders (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < orders->len; i++)
    {
      CcOrder *order = g_ptr_array_index (orders, i);
      CcOrderTotals totals;

      if (status_text != NULL && order->status != status)
        continue;
      shown++;
      if (cli->json)
        {
          json_builder_begin_object (builder);
          add_order_summary (builder, order);
          json_builder_end_object (builder);
          continue;
        }
      cc_order_compute_totals (order, &totals);
      {
        g_autofree char *name = customer_name (store, order->customer_id);
        g_autofree char *number = cc_cli_fit (order->number, 12);
        g_autofree char *label = cc_cli_fit (cc_order_status_get_label (order->status), 12);
        g_autofree char *who = cc_cli_fit (name, 20);
        g_autofree char *total = cc_cli_format_money (totals.total, order->currency);

        g_print ("%s  %s  %s  %s  %s\n", number, label, who, total,
                 payment_state_label (totals.payment_state));
      }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    cc_cli_print_json (builder);
  else if (shown == 0)
    g_print ("%s\n", _("No orders."));
  return CC_CLI_OK;
}

static int
cmd_orders_create (CcCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const CcCliOption specs[] = {
    { "customer", CC_CLI_VALUE },
    { "line", CC_CLI_LIST },
    { "discount", CC_CLI_VALUE },
    { "shipping", CC_CLI_VALUE },
    { "notes", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = cc_order_new ();
  g_autoptr(CcOrder) saved = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *id = NULL;
  const char *value;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "orders create [--customer C] --line SKU=QTY…"))
    return CC_CLI_USAGE;
  if (cc_cli_args_get_all (&args, "line")->len == 0)
    return cc_cli_usage_error (cli, _("An order needs at least one --line SKU=QUANTITY"));
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  order->currency = shop_currency (store);
  if (!parse_money_option (&args, "discount", order->currency, &order->discount, &error) ||
      !parse_money_option (&args, "shipping", order->currency, &order->shipping, &error) ||
      !(lines = parse_order_lines (store, cc_cli_args_get_all (&args, "line"), &error)))
    return cc_cli_fail (cli, error);
  if ((value = cc_cli_args_get (&args, "customer")))
    {
      g_autoptr(CcCustomer) customer = find_customer (store, value, &error);

      if (customer == NULL)
        return cc_cli_fail (cli, error);
      order->customer_id = g_strdup (customer->id);
    }
  order->notes = g_strdup (cc_cli_args_get (&args, "notes"));
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (order->lines, g_ptr_array_steal_index (lines, i--));

  if (!(id = cc_orders_create_order (store, order, &error)) ||
      !(saved = cc_orders_get_order (store, id, &error)))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_order_summary (builder, saved);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    /* Just the number, so scripts can write n=$(craftchain-cli orders create …). */
    g_print ("%s\n", saved->number);
  return CC_CLI_OK;
}

static void
print_order (CcStore       *store,
             const CcOrder *order)
{
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autofree char *name = customer_name (store, order->customer_id);
  CcOrderTotals totals;

  cc_order_compute_totals (order, &totals);
  /* TRANSLATORS: "Order A1B2-3" */
  g_print (_("Order %s"), order->number);
  g_print ("\n");
  if (order->invoice_number != NULL && *order->invoice_number != '\0')
    print_line (_("Invoice"), order->invoice_number);
  print_line (_("Status"), cc_order_status_get_label (order->status));
  print_line (_("Customer"), name);
  print_line (_("Created"), order->created ? order->created : "");
  g_print ("\n");
  for (guint i = 0; i < order->lines->len; i++)
    {
      CcOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autoptr(CcProduct) product = cc_catalogue_get_product (store, line->product_id, NULL);
      g_autofree char *price = cc_cli_format_money (line->unit_price, order->currency);
      g_autofree char *amount = cc_cli_format_money (line->unit_price * line->quantity, order->currency);
      g_autofree char *title = cc_cli_fit (product ? cc_product_get_title (product, languages[0])
                                                   : line->product_id, 30);

      g_print ("  %s  %" G_GINT64_FORMAT " × %s  %s\n", title, line->quantity, price, amount);
    }
  g_print ("\n");
  print_money_line (_("Subtotal"), totals.subtotal, order->currency);
  print_money_line (order->tax_inclusive ? _("Tax (included)") : _("Tax"), totals.tax, order->currency);
  if (totals.discount != 0)
    print_money_line (_("Discount"), -totals.discount, order->currency);
  if (totals.shipping != 0)
    print_money_line (_("Shipping"), totals.shipping, order->currency);
  print_money_line (_("Total"), totals.total, order->currency);
  for (guint i = 0; i < order->payments->len; i++)
    {
      CcPayment *payment = g_ptr_array_index (order->payments, i);
      /* TRANSLATORS: "Paid 2026-03-14 (upi)" */
      g_autofree char *label = g_strdup_printf (_("Paid %s (%s)"), payment->date, payment->method);

      print_money_line (label, payment->amount, order->currency);
    }
  print_money_line (_("Balance"), totals.balance, order->currency);
  print_line (_("Payment"), payment_state_label (totals.payment_state));
}

static int
cmd_orders_show (CcCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  CcOrderTotals totals;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "orders show NUMBER|ID"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(order = cc_orders_get_order (store, positional (&args, 0), &error)))
    return cc_cli_fail (cli, error);

  if (!cli->json)
    {
      print_order (store, order);
      return CC_CLI_OK;
    }

  cc_order_compute_totals (order, &totals);
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    json_builder_begin_object (builder);
    add_order_summary (builder, order);
    add_money (builder, "subtotal", totals.subtotal, order->currency);
    add_money (builder, "tax", totals.tax, order->currency);
    add_int (builder, "tax_rate_bp", order->tax_rate_bp);
    json_builder_set_member_name (builder, "tax_inclusive");
    json_builder_add_boolean_value (builder, order->tax_inclusive);
    add_money (builder, "discount", totals.discount, order->currency);
    add_money (builder, "shipping", totals.shipping, order->currency);
    cc_cli_add_string_or_null (builder, "notes", order->notes);
    json_builder_set_member_name (builder, "lines");
    json_builder_begin_array (builder);
    for (guint i = 0; i < order->lines->len; i++)
      {
        CcOrderLine *line = g_ptr_array_index (order->lines, i);

        json_builder_begin_object (builder);
        add_string (builder, "id", line->id);
        add_string (builder, "product_id", line->product_id);
        cc_cli_add_string_or_null (builder, "variant_id", line->variant_id);
        add_int (builder, "quantity", line->quantity);
        add_money (builder, "unit_price", line->unit_price, order->currency);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_set_member_name (builder, "payments");
    json_builder_begin_array (builder);
    for (guint i = 0; i < order->payments->len; i++)
      {
        CcPayment *payment = g_ptr_array_index (order->payments, i);

        json_builder_begin_object (builder);
        add_string (builder, "id", payment->id);
        add_string (builder, "method", payment->method);
        add_money (builder, "amount", payment->amount, order->currency);
        add_string (builder, "date", payment->date);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    cc_cli_print_json (builder);
  }
  return CC_CLI_OK;
}

static int
cmd_orders_status (CcCli         *cli,
                   CcOrderStatus  status,
                   int            argc,
                   char         **argv)
{
  static const CcCliOption specs[] = { { "backorder", CC_CLI_FLAG }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *message = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "orders confirm|ship|deliver|cancel|return NUMBER [--backorder]"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(order = cc_orders_get_order (store, positional (&args, 0), &error)) ||
      !cc_orders_set_status (store, order->id, status, cc_cli_args_has (&args, "backorder"), &error))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "id", order->id);
      add_string (builder, "number", order->number);
      add_string (builder, "status", cc_order_status_to_string (status));
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      /* TRANSLATORS: "Order A1B2-3 is now shipped." */
      g_print (_("Order %s is now %s."), order->number, cc_order_status_get_label (status));
      g_print ("\n");
    }
  return CC_CLI_OK;
}

static const char * const payment_methods[] = { "cash", "card", "upi", "bank", "other", NULL };

static gboolean
check_method (const char  *method,
              GError     **error)
{
  if (!g_strv_contains (payment_methods, method))
    return cc_invalid_input (error, _("“%s” is not a payment method (use cash, card, upi, bank or other)"), method);
  return TRUE;
}

static int
cmd_orders_pay (CcCli  *cli,
                int     argc,
                char  **argv)
{
  static const CcCliOption specs[] = {
    { "method", CC_CLI_VALUE },
    { "amount", CC_CLI_VALUE },
    { "date", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(CcOrder) paid = NULL;
  g_autofree char *id = NULL;
  const char *method;
  const char *date;
  gint64 amount = 0;
  CcOrderTotals totals;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "orders pay NUMBER --method M --amount X"))
    return CC_CLI_USAGE;
  if (!(method = cc_cli_args_get (&args, "method")) || !cc_cli_args_has (&args, "amount"))
    return cc_cli_usage_error (cli, _("A payment needs --method cash|card|upi|bank|other and --amount X"));
  if ((date = cc_cli_args_get (&args, "date")) && !valid_date (date))
    {
      cc_invalid_input (&error, _("“%s” is not a date like 2026-03-14"), date);
      return cc_cli_fail (cli, error);
    }
  if (!check_method (method, &error) ||
      !(store = cc_cli_get_store (cli, &error)) ||
      !(order = cc_orders_get_order (store, positional (&args, 0), &error)) ||
      !parse_money_option (&args, "amount", order->currency, &amount, &error) ||
      !(id = cc_orders_add_payment (store, order->id, method, amount, date, &error)) ||
      !(paid = cc_orders_get_order (store, order->id, &error)))
    return cc_cli_fail (cli, error);

  cc_order_compute_totals (paid, &totals);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_order_summary (builder, paid);
      add_string (builder, "payment_id", id);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_autofree char *balance = cc_cli_format_money (totals.balance, paid->currency);

      /* TRANSLATORS: "Recorded the payment. Balance: ₹0.00 (paid)." */
      g_print (_("Recorded the payment. Balance: %s (%s)."), balance,
               payment_state_label (totals.payment_state));
      g_print ("\n");
    }
  return CC_CLI_OK;
}

static int
cmd_orders_document (CcCli  *cli,
                     int     argc,
                     char  **argv)
{
  static const CcCliOption specs[] = {
    { "receipt", CC_CLI_FLAG },
    { "packing-slip", CC_CLI_FLAG },
    { "lang", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcOrder) order = NULL;
  CcDocumentKind kind = CC_DOCUMENT_INVOICE;
  const char *invoice_number;
  const char *path;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "orders invoice NUMBER FILE.pdf [--receipt|--packing-slip] [--lang L]"))
    return CC_CLI_USAGE;
  if (cc_cli_args_has (&args, "receipt") && cc_cli_args_has (&args, "packing-slip"))
    return cc_cli_usage_error (cli, _("Choose either --receipt or --packing-slip"));
  if (cc_cli_args_has (&args, "receipt"))
    kind = CC_DOCUMENT_RECEIPT;
  else if (cc_cli_args_has (&args, "packing-slip"))
    kind = CC_DOCUMENT_PACKING_SLIP;

  path = positional (&args, 1);
  /* Writing an invoice issues the order's invoice number the first time. */
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_invoice_write_pdf (store, positional (&args, 0), kind, cc_cli_args_get (&args, "lang"), path, &error) ||
      !(order = cc_orders_get_order (store, positional (&args, 0), &error)))
    return cc_cli_fail (cli, error);
  invoice_number = order->invoice_number && *order->invoice_number ? order->invoice_number : NULL;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "path", path);
      add_string (builder, "number", order->number);
      cc_cli_add_string_or_null (builder, "invoice_number", invoice_number);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else if (kind == CC_DOCUMENT_INVOICE)
    {
      /* TRANSLATORS: "Saved invoice.pdf (invoice A1B2-7)." */
      g_print (_("Saved %s (invoice %s)."), path, invoice_number);
      g_print ("\n");
    }
  else
    {
      g_print (_("Saved %s."), path);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

static int
cmd_orders (CcCli  *cli,
            int     argc,
            char  **argv)
{
  static const struct { const char *word; CcOrderStatus status; } moves[] = {
    { "confirm", CC_ORDER_CONFIRMED },
    { "ship", CC_ORDER_SHIPPED },
    { "deliver", CC_ORDER_DELIVERED },
    { "cancel", CC_ORDER_CANCELLED },
    { "return", CC_ORDER_RETURNED },
  };
  static const Subcommand subcommands[] = {
    { "list", cmd_orders_list },
    { "create", cmd_orders_create },
    { "show", cmd_orders_show },
    { "pay", cmd_orders_pay },
    { "invoice", cmd_orders_document },
  };

  for (guint i = 0; argc >= 1 && i < G_N_ELEMENTS (moves); i++)
    if (strcmp (argv[0], moves[i].word) == 0)
      return cmd_orders_status (cli, moves[i].status, argc - 1, argv + 1);
  return dispatch (cli, "orders", subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                   "orders list|create|show|confirm|ship|deliver|cancel|return|pay|invoice …");
}

static int
cmd_sell (CcCli  *cli,
          int     argc,
          char  **argv)
{
  static const CcCliOption specs[] = {
    { "line", CC_CLI_LIST },
    { "method", CC_CLI_VALUE },
    { "amount", CC_CLI_VALUE },
    { NULL }
  };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *currency = NULL;
  const char *method;
  gint64 amount = -1;
  gint64 change = 0;
  CcOrderTotals totals;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "sell --line SKU=QTY… --method M [--amount X]"))
    return CC_CLI_USAGE;
  if (cc_cli_args_get_all (&args, "line")->len == 0)
    return cc_cli_usage_error (cli, _("A sale needs at least one --line SKU=QUANTITY. Usage: %s %s"),
                               cli->prgname, "sell --line SKU=QTY… --method M [--amount X]");
  if (!(method = cc_cli_args_get (&args, "method")))
    return cc_cli_usage_error (cli, _("A sale needs a payment method: --method cash|card|upi|bank|other"));
  if (!check_method (method, &error) ||
      !(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);
  currency = shop_currency (store);
  if (!parse_money_option (&args, "amount", currency, &amount, &error) ||
      !(lines = parse_order_lines (store, cc_cli_args_get_all (&args, "line"), &error)) ||
      !cc_orders_quick_sale (store, lines, method, amount, &order_id, &error) ||
      !(order = cc_orders_get_order (store, order_id, &error)))
    return cc_cli_fail (cli, error);

  cc_order_compute_totals (order, &totals);
  if (amount > totals.total)
    change = amount - totals.total;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_order_summary (builder, order);
      add_money (builder, "change", change, order->currency);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_autofree char *total = cc_cli_format_money (totals.total, order->currency);
      g_autofree char *back = cc_cli_format_money (change, order->currency);

      g_print ("%s\n", order->number);
      print_line (_("Invoice"), order->invoice_number);
      print_line (_("Total"), total);
      if (totals.balance > 0)
        {
          g_autofree char *due = cc_cli_format_money (totals.balance, order->currency);

          print_line (_("Still due"), due);
        }
      print_line (_("Change"), back);
    }
  return CC_CLI_OK;
}

/* Entry points */

int
cc_cli_cmd_shop (CcCli       *cli,
                 const char  *command,
                 int          argc,
                 char       **argv)
{
  g_return_val_if_fail (cli != NULL, CC_CLI_USAGE);
  g_return_val_if_fail (command != NULL, CC_CLI_USAGE);

  if (strcmp (command, "materials") == 0)
    return cmd_materials (cli, argc, argv);
  if (strcmp (command, "recipe") == 0)
    return cmd_recipe (cli, argc, argv);
  if (strcmp (command, "settings") == 0)
    return cmd_settings (cli, argc, argv);
  if (strcmp (command, "batch") == 0)
    return cmd_batch (cli, argc, argv);
  if (strcmp (command, "stock") == 0)
    return cmd_stock (cli, argc, argv);
  if (strcmp (command, "customers") == 0)
    return cmd_customers (cli, argc, argv);
  if (strcmp (command, "orders") == 0)
    return cmd_orders (cli, argc, argv);
  if (strcmp (command, "sell") == 0)
    return cmd_sell (cli, argc, argv);
  return -1;
}
