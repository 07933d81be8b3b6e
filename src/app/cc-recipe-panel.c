/* cc-recipe-panel.c — the product editor's Recipe tab: bill of materials, cost of goods, batches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-recipe-panel.h"
#include "cc-text.h"
#include "cc-ui-util.h"

/* The most minutes one piece may take (as core accepts). */
#define LABOUR_MAX G_GINT64_CONSTANT (1000000)

/* One row of the bill of materials; its widgets belong to lines_list. */
typedef struct
{
  CcRecipePanel *panel;
  GtkWidget     *row;
  GtkDropDown   *material;
  GtkEntry      *quantity;
  GtkLabel      *unit;
  GtkLabel      *cost;
  GtkWidget     *remove;
  char          *material_id;  /* NULL: none chosen */
} Line;

/* What a material's purchases say it costs, per base unit. */
typedef struct
{
  gint64  cost_sum;
  gint64  quantity_sum;    /* 0: no purchases, the cost is unknown */
  char   *currency;
  char   *problem;         /* non-NULL: the cost cannot be known */
} AverageCost;

struct _CcRecipePanel
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkStack         *stack;
  GtkWidget        *variant_group;
  AdwComboRow      *variant_row;
  GtkListBox       *lines_list;
  GtkLabel         *lines_placeholder;
  AdwEntryRow      *labour_row;
  AdwComboRow      *overhead_kind_row;
  AdwEntryRow      *overhead_value_row;
  GtkLabel         *overhead_unit_label;
  GtkLabel         *save_error_label;
  GtkWidget        *cost_group;
  GtkWidget        *cost_problem_row;
  GtkLabel         *cost_problem_label;
  AdwActionRow     *labour_cost_row;
  GtkLabel         *materials_cost_label;
  GtkLabel         *labour_cost_label;
  GtkLabel         *overhead_cost_label;
  GtkLabel         *total_cost_label;
  GtkLabel         *price_label;
  AdwActionRow     *margin_row;
  GtkLabel         *margin_label;
  GtkMenuButton    *batch_button;
  GtkPopover       *batch_popover;
  AdwComboRow      *batch_variant_row;
  AdwEntryRow      *batch_quantity_row;
  AdwEntryRow      *batch_note_row;
  GtkWidget        *batch_hint_label;
  GtkLabel         *batch_error_label;
  GtkWidget        *batch_make_button;

  /* owned */
  CcStore          *store;
  char             *product_id;
  CcProduct        *product;
  char             *main_language;
  char             *currency;       /* the shop's: recipes are costed in it */
  GPtrArray        *variants;       /* CcVariant* */
  GPtrArray        *variant_ids;    /* parallel to variant_row; [0] NULL */
  GPtrArray        *materials;      /* CcMaterial*, by name */
  GtkStringList    *material_names; /* parallel to materials */
  GHashTable       *average_costs;  /* material id → AverageCost */
  GPtrArray        *lines;          /* Line* */
  char             *last_toast;

  guint             reload_idle;
  guint             loading : 1;
  guint             dirty : 1;
};

G_DEFINE_FINAL_TYPE (CcRecipePanel, cc_recipe_panel, ADW_TYPE_BIN)

static void update_costs (CcRecipePanel *self);

static void
average_cost_free (AverageCost *average)
{
  g_free (average->currency);
  g_free (average->problem);
  g_free (average);
}

static void
line_free (Line *line)
{
  g_free (line->material_id);
  g_free (line);
}

/* Helpers */

static void
show_toast (CcRecipePanel *self,
            const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
show_label (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static const char *
shown_text (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

static const CcVariant *
find_variant (CcRecipePanel *self,
              const char    *variant_id)
{
  for (guint i = 0; variant_id != NULL && i < self->variants->len; i++)
    {
      const CcVariant *variant = g_ptr_array_index (self->variants, i);

      if (g_strcmp0 (variant->id, variant_id) == 0)
        return variant;
    }
  return NULL;
}

static const char *
selected_variant_id (CcRecipePanel *self)
{
  guint selected = adw_combo_row_get_selected (self->variant_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->variant_ids->len)
    return NULL;
  return g_ptr_array_index (self->variant_ids, selected);
}

static const CcMaterial *
find_material (CcRecipePanel *self,
               const char    *id_or_name,
               guint         *out_index)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; id_or_name != NULL && i < self->materials->len; i++)
      {
        const CcMaterial *material = g_ptr_array_index (self->materials, i);

        if ((pass == 0 && g_strcmp0 (material->id, id_or_name) == 0) ||
            (pass == 1 && g_utf8_collate (material->name, id_or_name) == 0))
          {
            if (out_index != NULL)
              *out_index = i;
            return material;
          }
      }
  return NULL;
}

/* Digits of any script ("१२०" is 120); FALSE for anything else or too large. */
static gboolean
parse_whole (const char *text,
             gint64      max,
             gint64     *out)
{
  gint64 value = 0;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit < 0)
        return FALSE;
      value = value * 10 + digit;
      if (value > max)
        return FALSE;
    }
  *out = value;
  return TRUE;
}

/* "90" minutes, or "1:30"; empty is none. */
static gboolean
parse_minutes (const char *raw,
               gint64     *out)
{
  g_autofree char *text = cc_text_normalize (raw);
  const char *colon;
  g_autofree char *hours_text = NULL;
  gint64 hours, minutes;

  if (text == NULL)
    return FALSE;
  g_strstrip (text);
  if (*text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  colon = strchr (text, ':');
  if (colon == NULL)
    return parse_whole (text, LABOUR_MAX, out);
  hours_text = g_strndup (text, colon - text);
  if (!parse_whole (hours_text, LABOUR_MAX / 60, &hours) ||
      g_utf8_strlen (colon + 1, -1) != 2 ||
      !parse_whole (colon + 1, 59, &minutes))
    return FALSE;
  *out = hours * 60 + minutes;
  return *out <= LABOUR_MAX;
}

static char *
format_minutes (gint64 minutes)
{
  if (minutes <= 0)
    return g_strdup ("");
  if (minutes < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minutes);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", minutes / 60, (int) (minutes % 60));
}

/* A percentage with at most two decimals, "12.5", into basis points. */
static gboolean
parse_percent (const char *raw,
               gint64     *out)
{
  g_autofree char *text = cc_text_normalize (raw);
  char *point;
  gint64 whole = 0, fraction = 0;

  if (text == NULL)
    return FALSE;
  g_strstrip (text);
  if (g_str_has_suffix (text, "%"))
    {
      text[strlen (text) - 1] = '\0';
      g_strchomp (text);
    }
  point = strpbrk (text, ".,");
  if (point != NULL)
    {
      const char *digits = point + 1;
      gsize n = strlen (digits);

      *point = '\0';
      if (n == 0 || n > 2 || !parse_whole (digits, 99, &fraction))
        return FALSE;
      if (n == 1)
        fraction *= 10;
    }
  if (*text == '\0' && point == NULL)
    return FALSE;
  if (*text != '\0' && !parse_whole (text, 10000, &whole))
    return FALSE;
  *out = whole * 100 + fraction;
  return *out <= 1000000;
}

static char *
format_percent (gint64 basis_points)
{
  if (basis_points % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, basis_points / 100);
  if (basis_points % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%d", basis_points / 100, (int) (basis_points % 100) / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", basis_points / 100, (int) (basis_points % 100));
}

/* A quantity in base units as a person types it in unit: "2.5". */
static char *
format_quantity_plain (gint64      base,
                       const char *unit)
{
  const CcMaterialUnit *u = cc_material_unit_lookup (unit);
  gint64 whole, fraction;
  char digits[32];
  int len;

  if (u == NULL || base <= 0)
    return g_strdup ("");
  whole = base / u->factor;
  fraction = base % u->factor;
  if (fraction == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  g_snprintf (digits, sizeof digits, "%0*" G_GINT64_FORMAT, u->decimals, fraction);
  len = (int) strlen (digits);
  while (len > 0 && digits[len - 1] == '0')
    digits[--len] = '\0';
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%s", whole, digits);
}

static const char *
unit_label (const char *unit)
{
  const CcMaterialUnit *u = cc_material_unit_lookup (unit);

  if (u != NULL && u->dimension == CC_DIMENSION_COUNT)
    /* TRANSLATORS: the unit shown after a number of pieces of a material */
    return _("pieces");
  return u != NULL ? u->symbol : "";
}

static const AverageCost *
average_cost (CcRecipePanel *self,
              const char    *material_id)
{
  AverageCost *average = g_hash_table_lookup (self->average_costs, material_id);
  g_autoptr(GError) error = NULL;

  if (average != NULL)
    return average;

  average = g_new0 (AverageCost, 1);
  if (!cc_materials_get_average_cost (self->store, material_id, &average->cost_sum,
                                      &average->quantity_sum, &average->currency, &error))
    average->problem = g_strdup (error->message);
  else if (average->quantity_sum == 0)
    average->problem = g_strdup (_("No purchases yet, so its cost is unknown"));
  else if (g_strcmp0 (average->currency, self->currency) != 0)
    /* TRANSLATORS: %s is a currency code, "USD" */
    average->problem = g_strdup_printf (_("Bought in %s, not in the shop’s currency"), average->currency);
  g_hash_table_insert (self->average_costs, g_strdup (material_id), average);
  return average;
}

/* Lines */

static void
mark_dirty (CcRecipePanel *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  show_label (self->save_error_label, NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->cost_group),
                                         _("From the saved recipe: save to include your changes."));
}

static void
line_update (Line *line)
{
  CcRecipePanel *self = line->panel;
  const CcMaterial *material = find_material (self, line->material_id, NULL);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (line->quantity));
  const AverageCost *average;
  gint64 quantity = 0;
  gboolean valid;

  gtk_label_set_text (line->unit, material != NULL ? unit_label (material->unit) : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->cost), NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (line->cost), "warning");

  valid = material != NULL && cc_material_unit_parse_quantity (text, material->unit, &quantity, NULL);
  if (*text != '\0' && material != NULL && !valid)
    gtk_widget_add_css_class (GTK_WIDGET (line->quantity), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (line->quantity), "error");

  if (material == NULL)
    {
      gtk_label_set_text (line->cost, "—");
      return;
    }
  average = average_cost (self, material->id);
  if (average->problem != NULL)
    {
      /* Never zero: a cost nobody knows is shown as unknown. */
      gtk_label_set_text (line->cost, _("Cost unknown"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (line->cost), average->problem);
      gtk_widget_add_css_class (GTK_WIDGET (line->cost), "warning");
    }
  else if (!valid)
    gtk_label_set_text (line->cost, "—");
  else
    {
      g_autofree char *cost = cc_money_format (cc_materials_cost_of (average->cost_sum, average->quantity_sum, quantity),
                                               self->currency);

      gtk_label_set_text (line->cost, cost);
    }
}

static void
on_line_material_changed (Line *line)
{
  guint selected = gtk_drop_down_get_selected (line->material);
  CcRecipePanel *self = line->panel;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->materials->len)
    {
      const CcMaterial *material = g_ptr_array_index (self->materials, selected);

      if (g_strcmp0 (material->id, line->material_id) == 0)
        return;
      g_free (line->material_id);
      line->material_id = g_strdup (material->id);
    }
  line_update (line);
  mark_dirty (self);
}

static void
on_line_quantity_changed (Line *line)
{
  line_update (line);
  mark_dirty (line->panel);
}

/* Before a line's widgets go: nothing of theirs may call back into it. */
static void
line_disconnect (Line *line)
{
  g_signal_handlers_disconnect_by_data (line->material, line);
  g_signal_handlers_disconnect_by_data (line->quantity, line);
  g_signal_handlers_disconnect_by_data (line->remove, line);
}

static void
on_line_remove_clicked (Line *line)
{
  CcRecipePanel *self = line->panel;

  line_disconnect (line);
  gtk_list_box_remove (self->lines_list, line->row);
  g_ptr_array_remove (self->lines, line);
  mark_dirty (self);
}

static void
line_select_material (Line       *line,
                      const char *material_id)
{
  CcRecipePanel *self = line->panel;
  guint index = GTK_INVALID_LIST_POSITION;

  g_free (line->material_id);
  line->material_id = g_strdup (material_id);
  find_material (self, material_id, &index);
  g_signal_handlers_block_by_func (line->material, on_line_material_changed, line);
  gtk_drop_down_set_selected (line->material, index);
  g_signal_handlers_unblock_by_func (line->material, on_line_material_changed, line);
  line_update (line);
}

static Line *
add_line (CcRecipePanel *self,
          const char    *material_id,
          gint64         quantity)
{
  Line *line = g_new0 (Line, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  const CcMaterial *material;

  line->panel = self;
  line->row = gtk_list_box_row_new ();
  line->material = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->material_names)), NULL));
  line->quantity = GTK_ENTRY (gtk_entry_new ());
  line->unit = GTK_LABEL (gtk_label_new (NULL));
  line->cost = GTK_LABEL (gtk_label_new (NULL));
  line->remove = remove;

  gtk_drop_down_set_expression (line->material, expression);
  gtk_drop_down_set_enable_search (line->material, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (line->material), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (line->material), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (line->material), _("Material"));

  gtk_editable_set_width_chars (GTK_EDITABLE (line->quantity), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (line->quantity), 7);
  gtk_editable_set_alignment (GTK_EDITABLE (line->quantity), 1.0);
  gtk_entry_set_input_purpose (line->quantity, GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_valign (GTK_WIDGET (line->quantity), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->quantity),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quantity per piece"),
                                  -1);

  gtk_label_set_xalign (line->unit, 0);
  gtk_label_set_width_chars (line->unit, 5);
  gtk_widget_add_css_class (GTK_WIDGET (line->unit), "dim-label");

  gtk_label_set_xalign (line->cost, 1);
  gtk_label_set_width_chars (line->cost, 11);
  gtk_widget_add_css_class (GTK_WIDGET (line->cost), "numeric");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove from the Recipe"));
  gtk_widget_add_css_class (remove, "flat");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->material));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->quantity));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->unit));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (line->cost));
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (line->row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line->row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (line->row), FALSE);
  gtk_list_box_append (self->lines_list, line->row);
  g_ptr_array_add (self->lines, line);

  line_select_material (line, material_id);
  material = find_material (self, material_id, NULL);
  if (material != NULL && quantity > 0)
    {
      g_autofree char *text = format_quantity_plain (quantity, material->unit);

      gtk_editable_set_text (GTK_EDITABLE (line->quantity), text);
    }
  line_update (line);

  g_signal_connect_swapped (line->material, "notify::selected", G_CALLBACK (on_line_material_changed), line);
  g_signal_connect_swapped (line->quantity, "changed", G_CALLBACK (on_line_quantity_changed), line);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_line_remove_clicked), line);
  return line;
}

static void
clear_lines (CcRecipePanel *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);

      line_disconnect (line);
      gtk_list_box_remove (self->lines_list, line->row);
    }
  g_ptr_array_set_size (self->lines, 0);
}

/* A material not yet in the recipe, for a new line. */
static const char *
next_free_material (CcRecipePanel *self)
{
  for (guint i = 0; i < self->materials->len; i++)
    {
      const CcMaterial *material = g_ptr_array_index (self->materials, i);
      gboolean used = FALSE;

      for (guint j = 0; j < self->lines->len && !used; j++)
        used = g_strcmp0 (((Line *) g_ptr_array_index (self->lines, j))->material_id, material->id) == 0;
      if (!used)
        return material->id;
    }
  return self->materials->len > 0 ? ((CcMaterial *) g_ptr_array_index (self->materials, 0))->id : NULL;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CcRecipePanel *self = CC_RECIPE_PANEL (widget);
  Line *line;

  if (self->materials->len == 0)
    return;
  line = add_line (self, next_free_material (self), 0);
  mark_dirty (self);
  gtk_widget_grab_focus (GTK_WIDGET (line->quantity));
}

/* The form */

static void
update_overhead_row (CcRecipePanel *self)
{
  CcOverheadKind kind = adw_combo_row_get_selected (self->overhead_kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->overhead_value_row), kind != CC_OVERHEAD_NONE);
  if (kind == CC_OVERHEAD_PERCENT)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->overhead_value_row), _("Overhead Percentage"));
      gtk_label_set_text (self->overhead_unit_label, "%");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->overhead_value_row), _("Overhead per Piece"));
      gtk_label_set_text (self->overhead_unit_label, self->currency != NULL ? self->currency : "");
    }
}

static void
fill_form (CcRecipePanel *self)
{
  const char *variant_id = selected_variant_id (self);
  g_autoptr(CcRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *labour = NULL;
  g_autofree char *overhead = NULL;
  const char *description = NULL;

  self->loading = TRUE;
  recipe = cc_materials_get_recipe (self->store, self->product_id, variant_id, &error);
  clear_lines (self);
  if (recipe != NULL)
    for (guint i = 0; i < recipe->lines->len; i++)
      {
        const CcRecipeLine *line = g_ptr_array_index (recipe->lines, i);

        add_line (self, line->material_id, line->quantity);
      }
  labour = format_minutes (recipe != NULL ? recipe->labour_minutes : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->labour_row), labour);
  adw_combo_row_set_selected (self->overhead_kind_row, recipe != NULL ? recipe->overhead_kind : CC_OVERHEAD_NONE);
  if (recipe != NULL && recipe->overhead_kind == CC_OVERHEAD_PERCENT)
    overhead = format_percent (recipe->overhead_value);
  else if (recipe != NULL && recipe->overhead_kind == CC_OVERHEAD_PER_UNIT)
    overhead = cc_money_format_plain (recipe->overhead_value, self->currency);
  gtk_editable_set_text (GTK_EDITABLE (self->overhead_value_row), overhead != NULL ? overhead : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->labour_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->overhead_value_row), "error");
  update_overhead_row (self);

  if (variant_id != NULL && (recipe == NULL || recipe->variant_id == NULL))
    description = _("This variant uses the recipe for all variants until you save one of its own.");
  else if (variant_id != NULL)
    description = _("This variant has its own recipe.");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->variant_group), description);

  gtk_label_set_text (self->lines_placeholder,
                      self->materials->len == 0
                      ? _("No materials yet: add what you buy in the Materials section first")
                      : _("No materials in this recipe yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipe.add-line", self->materials->len > 0);

  show_label (self->save_error_label, NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->cost_group), NULL);
  self->dirty = FALSE;
  self->loading = FALSE;
}

/* Cost of goods */

static void
set_cost_labels (CcRecipePanel *self,
                 const char    *text)
{
  gtk_label_set_text (self->materials_cost_label, text);
  gtk_label_set_text (self->labour_cost_label, text);
  gtk_label_set_text (self->overhead_cost_label, text);
  gtk_label_set_text (self->total_cost_label, text);
  gtk_label_set_text (self->margin_label, text);
  adw_action_row_set_subtitle (self->labour_cost_row, NULL);
  adw_action_row_set_subtitle (self->margin_row, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->margin_label), "error");
}

static gint64
selected_price (CcRecipePanel *self)
{
  const CcVariant *variant = find_variant (self, selected_variant_id (self));

  if (variant != NULL && variant->price > 0)
    return variant->price;
  return self->product != NULL ? self->product->price : 0;
}

static void
update_costs (CcRecipePanel *self)
{
  g_auto(CcCostBreakdown) cost = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *price_text = NULL;
  const char *product_currency = self->product != NULL ? self->product->currency : self->currency;
  gint64 price = selected_price (self);

  price_text = cc_money_format (price, product_currency);
  gtk_label_set_text (self->price_label, price_text);

  if (!cc_materials_recipe_cost (self->store, self->product_id, selected_variant_id (self), &cost, &error))
    {
      gboolean no_recipe = g_error_matches (error, CC_ERROR, CC_ERROR_NOT_FOUND);

      /* Unknown is said as unknown, never as zero. */
      set_cost_labels (self, no_recipe ? "—" : _("Unknown"));
      gtk_label_set_text (self->cost_problem_label, error->message);
      gtk_widget_set_visible (self->cost_problem_row, TRUE);
      return;
    }
  gtk_widget_set_visible (self->cost_problem_row, FALSE);
  set_cost_labels (self, "");

  {
    g_autofree char *materials = cc_money_format (cost.materials, cost.currency);
    g_autofree char *labour = cc_money_format (cost.labour, cost.currency);
    g_autofree char *overhead = cc_money_format (cost.overhead, cost.currency);
    g_autofree char *total = cc_money_format (cost.total, cost.currency);

    gtk_label_set_text (self->materials_cost_label, materials);
    gtk_label_set_text (self->labour_cost_label, labour);
    gtk_label_set_text (self->overhead_cost_label, overhead);
    gtk_label_set_text (self->total_cost_label, total);
  }
  if (cost.wage_per_hour > 0)
    {
      g_autofree char *wage = cc_money_format (cost.wage_per_hour, cost.currency);
      /* TRANSLATORS: the maker's fair wage, "at ₹250.00 an hour" */
      g_autofree char *subtitle = g_strdup_printf (_("At your fair wage of %s an hour"), wage);

      adw_action_row_set_subtitle (self->labour_cost_row, subtitle);
    }

  if (g_strcmp0 (product_currency, cost.currency) != 0)
    {
      gtk_label_set_text (self->margin_label, _("Unknown"));
      adw_action_row_set_subtitle (self->margin_row, _("The price is in another currency than the costs"));
    }
  else if (price <= 0)
    {
      gtk_label_set_text (self->margin_label, "—");
      adw_action_row_set_subtitle (self->margin_row, _("The piece has no price yet"));
    }
  else
    {
      gint64 margin = price - cost.total;
      g_autofree char *amount = cc_money_format (margin, cost.currency);
      /* Whole per cent, rounded towards zero: a display, not money. */
      g_autofree char *percent = g_strdup_printf ("%" G_GINT64_FORMAT, margin * 100 / price);
      g_autofree char *text = NULL;

      /* TRANSLATORS: a margin and its share of the price in per cent, "₹390.00 (60%)" */
      text = g_strdup_printf (_("%s (%s%%)"), amount, percent);
      gtk_label_set_text (self->margin_label, text);
      if (margin < 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->margin_label), "error");
          adw_action_row_set_subtitle (self->margin_row, _("Priced below its cost: you lose money on each sale"));
        }
    }
}

/* Loading */

static void
fill_variant_rows (CcRecipePanel *self)
{
  const char *previous = selected_variant_id (self);
  g_autofree char *keep = g_strdup (previous);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) batch_names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->variant_ids, 0);
  gtk_string_list_append (names, _("All variants"));
  g_ptr_array_add (self->variant_ids, NULL);
  for (guint i = 0; i < self->variants->len; i++)
    {
      const CcVariant *variant = g_ptr_array_index (self->variants, i);
      g_autofree char *name = cc_ui_variant_name (variant);

      gtk_string_list_append (names, name);
      gtk_string_list_append (batch_names, name);
      g_ptr_array_add (self->variant_ids, g_strdup (variant->id));
      if (keep != NULL && g_strcmp0 (keep, variant->id) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->variant_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->variant_row, selected);
  adw_combo_row_set_model (self->batch_variant_row, G_LIST_MODEL (batch_names));
  gtk_widget_set_visible (self->variant_group, self->variants->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->batch_variant_row), self->variants->len > 0);
}

static void
reload (CcRecipePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) materials = NULL;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store == NULL || self->product_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "unsaved");
      return;
    }

  cc_ui_load_piece (self->store, self->product_id, &self->product, &self->variants, &self->main_language);
  g_free (self->currency);
  self->currency = cc_store_dup_setting (self->store, "currency", "INR");

  materials = cc_materials_list_materials (self->store, &error);
  if (materials == NULL)
    {
      g_warning ("Could not list the materials: %s", error->message);
      materials = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_material_free);
    }
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  self->materials = g_steal_pointer (&materials);
  g_hash_table_remove_all (self->average_costs);
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->material_names));
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < self->materials->len; i++)
      g_ptr_array_add (names, ((CcMaterial *) g_ptr_array_index (self->materials, i))->name);
    g_ptr_array_add (names, NULL);
    self->loading = TRUE;
    gtk_string_list_splice (self->material_names, 0, n, (const char * const *) names->pdata);
    /* The list changed under the drop-downs: point each at its material again. */
    for (guint i = 0; i < self->lines->len; i++)
      {
        Line *line = g_ptr_array_index (self->lines, i);
        g_autofree char *id = g_strdup (line->material_id);

        line_select_material (line, id);
      }
    self->loading = FALSE;
  }

  self->loading = TRUE;
  fill_variant_rows (self);
  self->loading = FALSE;

  /* Someone else's change must not throw away what is being typed. */
  if (!self->dirty)
    fill_form (self);
  update_costs (self);
  gtk_stack_set_visible_child_name (self->stack, "recipe");
}

static void
on_store_committed (CcRecipePanel *self)
{
  cc_ui_reload_soon (&self->reload_idle, (CcUiReloadFunc) reload, self);
}

static void
on_variant_selected (CcRecipePanel *self)
{
  if (self->loading || self->store == NULL || self->product_id == NULL)
    return;
  fill_form (self);
  update_costs (self);
}

static void
on_form_changed (CcRecipePanel *self)
{
  update_overhead_row (self);
  mark_dirty (self);
}

/* Saving */

static gboolean
save_recipe (CcRecipePanel *self)
{
  g_autoptr(CcRecipe) recipe = cc_recipe_new ();
  g_autoptr(GError) error = NULL;
  CcOverheadKind kind = adw_combo_row_get_selected (self->overhead_kind_row);
  const char *overhead_text = gtk_editable_get_text (GTK_EDITABLE (self->overhead_value_row));

  g_return_val_if_fail (self->store != NULL && self->product_id != NULL, FALSE);

  recipe->product_id = g_strdup (self->product_id);
  recipe->variant_id = g_strdup (selected_variant_id (self));
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      const CcMaterial *material = find_material (self, line->material_id, NULL);
      gint64 quantity;

      if (material == NULL)
        {
          show_label (self->save_error_label, _("Choose a material for each line, or remove the line"));
          return FALSE;
        }
      if (!cc_material_unit_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (line->quantity)),
                                            material->unit, &quantity, &error) ||
          quantity == 0)
        {
          /* TRANSLATORS: a material's name, then what is wrong with its quantity */
          g_autofree char *message = g_strdup_printf (_("%s: %s"), material->name,
                                                      error != NULL ? error->message
                                                                    : _("enter how much one piece uses"));

          show_label (self->save_error_label, message);
          gtk_widget_add_css_class (GTK_WIDGET (line->quantity), "error");
          gtk_widget_grab_focus (GTK_WIDGET (line->quantity));
          return FALSE;
        }
      cc_recipe_add_line (recipe, material->id, quantity);
    }

  if (!parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->labour_row)), &recipe->labour_minutes))
    {
      show_label (self->save_error_label, _("Enter the labour in minutes, like 90, or hours and minutes, like 1:30"));
      gtk_widget_add_css_class (GTK_WIDGET (self->labour_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->labour_row), "error");

  recipe->overhead_kind = kind;
  if (kind == CC_OVERHEAD_PERCENT && !parse_percent (overhead_text, &recipe->overhead_value))
    {
      show_label (self->save_error_label, _("Enter the overhead as a percentage, like 10 or 12.5"));
      gtk_widget_add_css_class (GTK_WIDGET (self->overhead_value_row), "error");
      return FALSE;
    }
  if (kind == CC_OVERHEAD_PER_UNIT &&
      !cc_money_parse (overhead_text, self->currency, &recipe->overhead_value, &error))
    {
      /* TRANSLATORS: %s says what is wrong with the amount */
      g_autofree char *message = g_strdup_printf (_("Overhead per piece: %s"), error->message);

      show_label (self->save_error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->overhead_value_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->overhead_value_row), "error");

  if (!cc_materials_set_recipe (self->store, recipe, &error))
    {
      show_label (self->save_error_label, error->message);
      return FALSE;
    }

  self->dirty = FALSE;
  show_label (self->save_error_label, NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->cost_group), NULL);
  /* Read back what was stored, so the form shows it as core keeps it. */
  fill_form (self);
  update_costs (self);
  show_toast (self, _("Recipe saved"));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_recipe (CC_RECIPE_PANEL (widget));
}

/* Batches */

static void
on_batch_popover_show (CcRecipePanel *self)
{
  const char *variant_id = selected_variant_id (self);

  show_label (self->batch_error_label, NULL);
  gtk_widget_set_visible (self->batch_hint_label, self->dirty);
  /* The batch is of the variant whose recipe is shown, if one is. */
  for (guint i = 0; variant_id != NULL && i < self->variants->len; i++)
    if (g_strcmp0 (((CcVariant *) g_ptr_array_index (self->variants, i))->id, variant_id) == 0)
      adw_combo_row_set_selected (self->batch_variant_row, i);
  gtk_widget_grab_focus (GTK_WIDGET (self->batch_quantity_row));
}

static const char *
batch_variant_id (CcRecipePanel *self)
{
  guint selected = adw_combo_row_get_selected (self->batch_variant_row);

  if (self->variants->len == 0 || selected >= self->variants->len)
    return NULL;
  return ((CcVariant *) g_ptr_array_index (self->variants, selected))->id;
}

static gboolean
make_batch (CcRecipePanel *self)
{
  g_autofree char *text = cc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->batch_quantity_row)));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->batch_note_row));
  const char *variant_id = batch_variant_id (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  g_autoptr(CcBatch) batch = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gint64 quantity = 0;

  if (text != NULL)
    g_strstrip (text);
  if (text == NULL || !parse_whole (text, CC_BATCH_QUANTITY_MAX, &quantity) || quantity == 0)
    {
      g_autofree char *hint = g_strdup_printf (_("Enter how many pieces to make, from 1 to %d"),
                                               (int) CC_BATCH_QUANTITY_MAX);

      show_label (self->batch_error_label, hint);
      gtk_widget_add_css_class (GTK_WIDGET (self->batch_quantity_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->batch_quantity_row), "error");

  if (!cc_materials_make_batch (self->store, self->product_id, variant_id, quantity, note, &batch_id, &error))
    {
      /* The core says which material and how much is missing. */
      show_label (self->batch_error_label, error->message);
      return FALSE;
    }

  show_label (self->batch_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->batch_quantity_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->batch_note_row), "");
  gtk_popover_popdown (self->batch_popover);

  batch = cc_materials_get_batch (self->store, batch_id, NULL);
  if (variant_id != NULL)
    {
      g_autofree char *options = cc_ui_variant_name (find_variant (self, variant_id));

      /* TRANSLATORS: a piece's title and one of its variants, "Scarf — Colour: Indigo" */
      name = g_strdup_printf (_("%s — %s"), cc_product_get_title (self->product, self->main_language), options);
    }
  else
    name = g_strdup (self->product != NULL ? cc_product_get_title (self->product, self->main_language) : "");
  if (batch != NULL && batch->lot_code != NULL)
    /* TRANSLATORS: pieces made, the piece's title, and the batch's lot code */
    message = g_strdup_printf (ngettext ("Made %d “%s”, lot %s", "Made %d “%s”, lot %s", (gulong) quantity),
                               (int) quantity, name, batch->lot_code);
  else
    message = g_strdup_printf (ngettext ("Made %d “%s”", "Made %d “%s”", (gulong) quantity), (int) quantity, name);
  show_toast (self, message);
  return TRUE;
}

static void
on_batch_make_clicked (CcRecipePanel *self)
{
  make_batch (self);
}

/* GObject */

static void
cc_recipe_panel_dispose (GObject *object)
{
  CcRecipePanel *self = (CcRecipePanel *)object;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_committed, self);
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    line_disconnect (g_ptr_array_index (self->lines, i));
  /* The stack is AdwBin's child and a template child: gtk_widget_dispose_template()
   * frees it while AdwBin still points at it, so AdwBin lets go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_RECIPE_PANEL);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->product, cc_product_free);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->variant_ids, g_ptr_array_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_object (&self->material_names);
  g_clear_pointer (&self->average_costs, g_hash_table_unref);

  G_OBJECT_CLASS (cc_recipe_panel_parent_class)->dispose (object);
}

static void
cc_recipe_panel_finalize (GObject *object)
{
  CcRecipePanel *self = (CcRecipePanel *)object;

  g_free (self->product_id);
  g_free (self->main_language);
  g_free (self->currency);
  g_free (self->last_toast);

  G_OBJECT_CLASS (cc_recipe_panel_parent_class)->finalize (object);
}

static void
cc_recipe_panel_class_init (CcRecipePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_recipe_panel_dispose;
  object_class->finalize = cc_recipe_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-recipe-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, variant_group);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, variant_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, lines_list);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, lines_placeholder);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, labour_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, overhead_kind_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, overhead_value_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, overhead_unit_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, cost_group);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, cost_problem_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, cost_problem_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, labour_cost_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, materials_cost_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, labour_cost_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, overhead_cost_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, total_cost_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, price_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, margin_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, margin_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_button);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_popover);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_variant_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_quantity_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_note_row);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcRecipePanel, batch_make_button);
  gtk_widget_class_bind_template_callback (widget_class, on_batch_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_batch_make_clicked);

  gtk_widget_class_install_action (widget_class, "recipe.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "recipe.save", NULL, save_action);
}

static void
cc_recipe_panel_init (CcRecipePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_variant_free);
  self->variant_ids = g_ptr_array_new_with_free_func (g_free);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_material_free);
  self->material_names = gtk_string_list_new (NULL);
  self->average_costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) average_cost_free);
  g_ptr_array_add (self->variant_ids, NULL);

  gtk_popover_set_default_widget (self->batch_popover, self->batch_make_button);
  g_signal_connect_object (self->variant_row, "notify::selected",
                           G_CALLBACK (on_variant_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->labour_row, "changed", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overhead_kind_row, "notify::selected",
                           G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overhead_value_row, "changed", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
  update_overhead_row (self);
  gtk_stack_set_visible_child_name (self->stack, "unsaved");
}

/* Public */

void
cc_recipe_panel_set_product (CcRecipePanel *self,
                             CcStore       *store,
                             const char    *product_id)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  cc_ui_watch_store (&self->store, store, G_CALLBACK (on_store_committed), self);
  if (g_strcmp0 (self->product_id, product_id) != 0)
    {
      g_free (self->product_id);
      self->product_id = g_strdup (product_id);
      self->dirty = FALSE;
      clear_lines (self);
      self->loading = TRUE;
      adw_combo_row_set_selected (self->variant_row, 0);
      self->loading = FALSE;
    }
  reload (self);
}

const char *
cc_recipe_panel_get_page_name (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
cc_recipe_panel_select_variant (CcRecipePanel *self,
                                const char    *variant_id)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));

  for (guint i = 0; i < self->variant_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->variant_ids, i), variant_id) == 0)
      {
        adw_combo_row_set_selected (self->variant_row, i);
        return;
      }
  g_critical ("The piece has no variant “%s”", variant_id);
}

guint
cc_recipe_panel_get_n_lines (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), 0);
  return self->lines->len;
}

void
cc_recipe_panel_set_line (CcRecipePanel *self,
                          guint          index,
                          const char    *material,
                          const char    *quantity)
{
  const CcMaterial *found;
  Line *line;
  guint position = 0;

  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  g_return_if_fail (index <= self->lines->len);

  found = find_material (self, material, &position);
  g_return_if_fail (found != NULL);

  if (index == self->lines->len)
    gtk_widget_activate_action (GTK_WIDGET (self), "recipe.add-line", NULL);
  line = g_ptr_array_index (self->lines, index);
  gtk_drop_down_set_selected (line->material, position);
  gtk_editable_set_text (GTK_EDITABLE (line->quantity), quantity != NULL ? quantity : "");
}

void
cc_recipe_panel_remove_line (CcRecipePanel *self,
                             guint          index)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  g_return_if_fail (index < self->lines->len);

  on_line_remove_clicked (g_ptr_array_index (self->lines, index));
}

const char *
cc_recipe_panel_get_line_cost (CcRecipePanel *self,
                               guint          index)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return gtk_label_get_text (((Line *) g_ptr_array_index (self->lines, index))->cost);
}

void
cc_recipe_panel_set_labour (CcRecipePanel *self,
                            const char    *minutes)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->labour_row), minutes != NULL ? minutes : "");
}

void
cc_recipe_panel_set_overhead (CcRecipePanel  *self,
                              CcOverheadKind  kind,
                              const char     *value)
{
  g_return_if_fail (CC_IS_RECIPE_PANEL (self));
  g_return_if_fail (kind <= CC_OVERHEAD_PER_UNIT);

  adw_combo_row_set_selected (self->overhead_kind_row, kind);
  gtk_editable_set_text (GTK_EDITABLE (self->overhead_value_row), value != NULL ? value : "");
}

gboolean
cc_recipe_panel_save (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), FALSE);
  g_return_val_if_fail (self->product_id != NULL, FALSE);

  return save_recipe (self);
}

const char *
cc_recipe_panel_get_error (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  return shown_text (self->save_error_label);
}

const char *
cc_recipe_panel_get_cost_text (CcRecipePanel *self,
                               const char    *which)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  g_return_val_if_fail (which != NULL, NULL);

  if (g_str_equal (which, "materials"))
    return gtk_label_get_text (self->materials_cost_label);
  if (g_str_equal (which, "labour"))
    return gtk_label_get_text (self->labour_cost_label);
  if (g_str_equal (which, "overhead"))
    return gtk_label_get_text (self->overhead_cost_label);
  if (g_str_equal (which, "total"))
    return gtk_label_get_text (self->total_cost_label);
  if (g_str_equal (which, "price"))
    return gtk_label_get_text (self->price_label);
  if (g_str_equal (which, "margin"))
    return gtk_label_get_text (self->margin_label);
  if (g_str_equal (which, "problem"))
    return gtk_widget_get_visible (self->cost_problem_row) ? gtk_label_get_text (self->cost_problem_label) : NULL;
  g_critical ("The recipe panel shows no cost “%s”", which);
  return NULL;
}

gboolean
cc_recipe_panel_make_batch (CcRecipePanel *self,
                            const char    *variant_id,
                            const char    *quantity,
                            const char    *note)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), FALSE);
  g_return_val_if_fail (self->product_id != NULL, FALSE);

  on_batch_popover_show (self);
  for (guint i = 0; variant_id != NULL && i < self->variants->len; i++)
    if (g_strcmp0 (((CcVariant *) g_ptr_array_index (self->variants, i))->id, variant_id) == 0)
      adw_combo_row_set_selected (self->batch_variant_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->batch_quantity_row), quantity != NULL ? quantity : "");
  gtk_editable_set_text (GTK_EDITABLE (self->batch_note_row), note != NULL ? note : "");
  return make_batch (self);
}

const char *
cc_recipe_panel_get_batch_error (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  return shown_text (self->batch_error_label);
}

const char *
cc_recipe_panel_get_last_toast (CcRecipePanel *self)
{
  g_return_val_if_fail (CC_IS_RECIPE_PANEL (self), NULL);
  return self->last_toast;
}
