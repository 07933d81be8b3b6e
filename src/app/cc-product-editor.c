/* cc-product-editor.c — the window where a maker edits one piece: texts, prices, details, variants, photos.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-camera-window.h"
#include "cc-catalogue.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-photo-insights.h"
#include "cc-photos.h"
#include "cc-product-editor.h"
#include "cc-recipe-panel.h"
#include "cc-stock-panel.h"
#include "cc-text.h"
#include "cc-thumbnail-loader.h"
#include "cc-video-panel.h"

#define PHOTO_SIZE      120
#define THUMBNAIL_SIZE  256
/* The catalogue's own limits: longer text or larger amounts are refused. */
#define MAX_SHORT_TEXT  500
#define MAX_SKU         100
#define MAX_AMOUNT      G_GINT64_CONSTANT (100000000)

typedef enum
{
  FIELD_TEXT,            /* short free text */
  FIELD_TITLE_MAIN,      /* short text that must not be empty */
  FIELD_DESCRIPTION,     /* a GtkTextView */
  FIELD_SKU,
  FIELD_PRICE,           /* money, required */
  FIELD_PRICE_OPTIONAL,  /* money, empty is none */
  FIELD_MILLIMETRES,
  FIELD_GRAMS,
  FIELD_MINUTES,
} FieldKind;

/* One input and the label that shows what is wrong with it. The widgets
 * belong to the window. */
typedef struct
{
  FieldKind  kind;
  GtkWidget *widget;       /* an AdwEntryRow, or a GtkTextView */
  GtkWidget *error_row;    /* NULL: problems are shown as toasts */
  GtkLabel  *error_label;
  gboolean   touched;      /* typed in: its problems show at once */
} Field;

typedef struct
{
  char *id;                /* NULL: pending, attached after the first save */
  char *sha256;
  int   width;
  int   height;
} PhotoItem;

typedef struct
{
  CcVariant *variant;      /* id NULL: new, written at Save */
  char      *price_text;   /* parsed at Save, in the product's currency */
  gboolean   changed;
} VariantItem;

typedef enum
{
  CONFIRM_DISCARD,
  CONFIRM_ARCHIVE,
} ConfirmKind;

struct _CcProductEditor
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  CcRecipePanel        *recipe_panel;
  CcStockPanel         *stock_panel;
  CcPhotoInsights      *photo_insights;
  CcVideoPanel         *video_panel;
  GtkWidget            *menu_button;
  GtkWidget            *language_switcher;
  GtkStack             *language_stack;
  GtkWidget            *photos_area;
  GtkWidget            *photo_scroller;
  GtkWidget            *photo_strip;
  GtkWidget            *photos_empty;
  GtkWidget            *photo_progress;
  GtkSpinner           *photo_spinner;
  GtkLabel             *photo_progress_label;
  GtkLabel             *photo_error_label;
  AdwEntryRow          *sku_row;
  AdwEntryRow          *price_row;
  GtkLabel             *price_currency_label;
  AdwEntryRow          *compare_row;
  GtkLabel             *compare_currency_label;
  AdwComboRow          *currency_row;
  AdwComboRow          *status_row;
  AdwComboRow          *category_row;
  AdwEntryRow          *width_row;
  AdwEntryRow          *height_row;
  AdwEntryRow          *depth_row;
  AdwEntryRow          *weight_row;
  AdwEntryRow          *time_row;
  AdwEntryRow          *origin_row;
  AdwEntryRow          *technique_row;
  AdwEntryRow          *maker_row;
  AdwEntryRow          *tag_row;
  GtkFlowBox           *tags_flowbox;
  AdwEntryRow          *material_row;
  GtkFlowBox           *materials_flowbox;
  GtkMenuButton        *add_variant_button;
  GtkListBox           *variants_list;
  GtkLabel             *variant_error_label;

  /* widgets made in code */
  GtkWidget            *sku_warning_row;
  GtkLabel             *sku_warning_label;
  GtkWidget            *cost_warning_row;   /* a price below the recipe's cost */
  GtkLabel             *cost_warning_label;
  GtkWidget            *category_error_row;
  GtkLabel             *category_error_label;

  /* owned */
  CcStore              *store;
  char                 *product_id;
  CcProduct            *original;           /* NULL: a new piece */
  GStrv                 languages;          /* main first */
  GHashTable           *fields;             /* name → Field */
  GPtrArray            *category_ids;       /* parallel to category_row; [0] is "" */
  GArray               *category_depths;    /* int, parallel too */
  GPtrArray            *photos;             /* PhotoItem, cover first */
  GPtrArray            *variants;           /* VariantItem */
  GPtrArray            *removed_variant_ids;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  guint                 adding_photos;      /* files being copied in a worker */
  guint                 loading : 1;
  guint                 load_failed : 1;
  guint                 dirty : 1;
  guint                 save_attempted : 1;
  guint                 closing : 1;
  guint                 category_touched : 1;
  guint                 splitting_chips : 1;
};

G_DEFINE_FINAL_TYPE (CcProductEditor, cc_product_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PRODUCT_ID,
  N_PROPS
};

enum {
  SAVED,
  ARCHIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const common_currencies[] = {
  "INR", "USD", "EUR", "GBP", "AUD", "CAD", "SGD", "AED", "JPY", "CHF", "NPR", "BDT", "LKR",
};

/* Languages are named in themselves, so a maker finds their own. */
static const struct
{
  const char *code;
  const char *name;
} language_names[] = {
  { "en", "English" },
  { "hi", "हिन्दी" },
  { "bn", "বাংলা" },
  { "ta", "தமிழ்" },
  { "te", "తెలుగు" },
  { "mr", "मराठी" },
  { "gu", "ગુજરાતી" },
  { "kn", "ಕನ್ನಡ" },
  { "ml", "മലയാളം" },
  { "pa", "ਪੰਜਾਬੀ" },
  { "or", "ଓଡ଼ିଆ" },
  { "ur", "اردو" },
  { "ne", "नेपाली" },
  { "fr", "Français" },
  { "es", "Español" },
  { "de", "Deutsch" },
};

static void rebuild_photo_strip (CcProductEditor *self);
static void rebuild_variants    (CcProductEditor *self);
static char *variant_options_text (const CcVariant *variant);

static const char *
language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_strcmp0 (language_names[i].code, code) == 0)
      return language_names[i].name;
  return code;
}

static void
photo_item_free (PhotoItem *item)
{
  g_free (item->id);
  g_free (item->sha256);
  g_free (item);
}

static void
variant_item_free (VariantItem *item)
{
  cc_variant_free (item->variant);
  g_free (item->price_text);
  g_free (item);
}

static void
add_toast (CcProductEditor *self,
           const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
mark_dirty (CcProductEditor *self)
{
  if (!self->loading)
    self->dirty = TRUE;
}

static const char *
current_currency (CcProductEditor *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->currency_row);

  return item != NULL ? gtk_string_object_get_string (item) : "INR";
}

static gboolean
close_later_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* After a save or an archive: the window goes away, but stays readable
 * (cc_product_editor_get_product_id) until the main loop runs again. */
static void
close_now (CcProductEditor *self)
{
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb,
                   g_object_ref (self), g_object_unref);
}

/* Fields and their inline errors */

static GtkWidget *
message_row_new (GtkLabel   **out_label,
                 const char  *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, css_class);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  *out_label = GTK_LABEL (label);
  return row;
}

/* Puts a message row right under row, in row's list. */
static GtkWidget *
insert_message_row (GtkWidget   *row,
                    GtkLabel   **out_label,
                    const char  *css_class)
{
  GtkWidget *message_row = message_row_new (out_label, css_class);
  GtkWidget *list = gtk_widget_get_parent (row);

  g_assert (GTK_IS_LIST_BOX (list));
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  return message_row;
}

static void
show_message (GtkWidget  *row,
              GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (row, message != NULL);
}

static const char *
shown_message (GtkWidget *row,
               GtkLabel  *label)
{
  return row != NULL && gtk_widget_get_visible (row) ? gtk_label_get_text (label) : NULL;
}

static char *
field_dup_text (Field *field)
{
  if (GTK_IS_TEXT_VIEW (field->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
}

static void
field_set_text (Field      *field,
                const char *text)
{
  if (GTK_IS_TEXT_VIEW (field->widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), text ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field->widget), text ? text : "");
}

typedef enum
{
  WHOLE_OK,
  WHOLE_NOT_A_NUMBER,
  WHOLE_TOO_LARGE,
} WholeResult;

/* Digits of any script ("१२०" is 120); empty is 0. */
static WholeResult
parse_whole (const char *text,
             gint64     *out)
{
  gint64 value = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit < 0)
        return WHOLE_NOT_A_NUMBER;
      if (value > MAX_AMOUNT)
        continue;
      value = value * 10 + digit;
    }
  *out = value;
  return value > MAX_AMOUNT ? WHOLE_TOO_LARGE : WHOLE_OK;
}

/* "90" minutes, or "1:30". */
static WholeResult
parse_minutes (const char *text,
               gint64     *out)
{
  const char *colon = strchr (text, ':');
  g_autofree char *hours_text = NULL;
  gint64 hours = 0, minutes = 0;
  WholeResult result;

  if (colon == NULL)
    return parse_whole (text, out);

  hours_text = g_strndup (text, colon - text);
  if (*hours_text == '\0' || g_utf8_strlen (colon + 1, -1) != 2)
    return WHOLE_NOT_A_NUMBER;
  if ((result = parse_whole (hours_text, &hours)) != WHOLE_OK)
    return result;
  if ((result = parse_whole (colon + 1, &minutes)) != WHOLE_OK || minutes >= 60)
    return WHOLE_NOT_A_NUMBER;
  if (hours > MAX_AMOUNT / 60)
    return WHOLE_TOO_LARGE;
  *out = hours * 60 + minutes;
  return *out > MAX_AMOUNT ? WHOLE_TOO_LARGE : WHOLE_OK;
}

/* What is wrong with a field's text, or NULL; *out gets the amount of a
 * number or money field. */
static char *
check_field (CcProductEditor *self,
             Field           *field,
             gint64          *out)
{
  g_autofree char *raw = field_dup_text (field);
  g_autofree char *text = cc_text_normalize (raw);
  g_autoptr(GError) error = NULL;
  gint64 amount = 0;
  WholeResult result = WHOLE_OK;

  if (text == NULL)
    return g_strdup (_("This is not valid text"));

  switch (field->kind)
    {
    case FIELD_TITLE_MAIN:
      if (*text == '\0')
        return g_strdup_printf (_("Every piece needs a title in %s"), language_name (self->languages[0]));
      G_GNUC_FALLTHROUGH;
    case FIELD_TEXT:
      if (g_utf8_strlen (text, -1) > MAX_SHORT_TEXT)
        return g_strdup_printf (_("Keep this under %d characters"), MAX_SHORT_TEXT);
      break;

    case FIELD_SKU:
      if (g_utf8_strlen (text, -1) > MAX_SKU)
        return g_strdup_printf (_("Keep this under %d characters"), MAX_SKU);
      break;

    case FIELD_DESCRIPTION:
      break;

    case FIELD_PRICE_OPTIONAL:
      if (*text == '\0')
        break;
      G_GNUC_FALLTHROUGH;
    case FIELD_PRICE:
      if (!cc_money_parse (text, current_currency (self), &amount, &error))
        return g_strdup (error->message);
      break;

    case FIELD_MILLIMETRES:
    case FIELD_GRAMS:
      result = parse_whole (text, &amount);
      if (result == WHOLE_NOT_A_NUMBER)
        return g_strdup (field->kind == FIELD_GRAMS
                         ? _("Enter a whole number of grams, like 450")
                         : _("Enter a whole number of millimetres, like 120"));
      break;

    case FIELD_MINUTES:
      result = parse_minutes (text, &amount);
      if (result == WHOLE_NOT_A_NUMBER)
        return g_strdup (_("Enter minutes, like 90, or hours and minutes, like 1:30"));
      break;

    default:
      g_assert_not_reached ();
    }

  if (result == WHOLE_TOO_LARGE)
    return g_strdup (_("That is more than CraftChain can store"));
  if (out != NULL)
    *out = amount;
  return NULL;
}

static void
set_field_error (Field      *field,
                 const char *message)
{
  if (field->error_row != NULL)
    show_message (field->error_row, field->error_label, message);
  if (message != NULL)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");
}

/* Shows a problem once the person has typed in the field or tried to
 * save; a fixed problem disappears at once. Returns whether it is valid. */
static gboolean
validate_field (CcProductEditor *self,
                Field           *field,
                gint64          *out)
{
  g_autofree char *message = check_field (self, field, out);

  set_field_error (field, (field->touched || self->save_attempted) ? message : NULL);
  return message == NULL;
}

static Field *
lookup_field (CcProductEditor *self,
              const char      *name)
{
  g_autofree char *full = NULL;

  if (g_strcmp0 (name, "title") == 0 || g_strcmp0 (name, "description") == 0)
    name = full = g_strconcat (name, ":", self->languages[0], NULL);
  return g_hash_table_lookup (self->fields, name);
}

static void
update_sku_warning (CcProductEditor *self)
{
  g_autofree char *sku = cc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->sku_row)));
  g_autoptr(GPtrArray) others = NULL;

  if (sku != NULL && *sku != '\0')
    others = cc_catalogue_find_sku (self->store, sku, self->product_id);
  show_message (self->sku_warning_row, self->sku_warning_label,
                others != NULL && others->len > 0 ? _("Another piece already uses this SKU") : NULL);
}

/* A warning, never a refusal: a maker may sell below cost on purpose. */
static void
update_cost_warning (CcProductEditor *self)
{
  g_autoptr(GString) message = NULL;
  g_autofree char *shop_currency = NULL;
  g_autofree char *price_text = NULL;
  gint64 price, cost;

  if (self->cost_warning_row == NULL)
    return;
  if (self->product_id == NULL || self->load_failed)
    {
      show_message (self->cost_warning_row, self->cost_warning_label, NULL);
      return;
    }
  shop_currency = cc_store_dup_setting (self->store, "currency", "INR");
  price_text = cc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->price_row)));
  if (price_text != NULL &&
      cc_money_parse (price_text, current_currency (self), &price, NULL) &&
      cc_orders_price_below_cost (self->store, self->product_id, NULL, price, &cost))
    {
      g_autofree char *amount = cc_money_format (cost, shop_currency);

      message = g_string_new (NULL);
      /* TRANSLATORS: %s is the cost of goods of one piece, "₹260.00" */
      g_string_append_printf (message, _("Below its cost of goods: %s — you would lose money on each sale"), amount);
    }
  for (guint i = 0; self->variants != NULL && i < self->variants->len; i++)
    {
      VariantItem *item = g_ptr_array_index (self->variants, i);
      g_autofree char *amount = NULL;
      g_autofree char *options = NULL;

      if (!cc_money_parse (item->price_text ? item->price_text : "", current_currency (self), &price, NULL) ||
          !cc_orders_price_below_cost (self->store, self->product_id, item->variant->id, price, &cost))
        continue;
      amount = cc_money_format (cost, shop_currency);
      options = variant_options_text (item->variant);
      if (message == NULL)
        message = g_string_new (NULL);
      else
        g_string_append_c (message, '\n');
      /* TRANSLATORS: first %s is a variant ("Size: Large"), second its cost of goods */
      g_string_append_printf (message, _("“%s” is below its cost of goods: %s — you would lose money on each sale"),
                              options, amount);
    }
  show_message (self->cost_warning_row, self->cost_warning_label, message != NULL ? message->str : NULL);
}

static void
on_field_changed (CcProductEditor *self,
                  GtkEditable     *editable)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "cc-field");

  if (!self->loading)
    field->touched = TRUE;
  mark_dirty (self);
  validate_field (self, field, NULL);
  if (field->kind == FIELD_SKU)
    update_sku_warning (self);
  if (field == lookup_field (self, "price"))
    update_cost_warning (self);
}

static void
add_field (CcProductEditor *self,
           const char      *name,
           FieldKind        kind,
           GtkWidget       *widget)
{
  Field *field = g_new0 (Field, 1);

  field->kind = kind;
  field->widget = widget;
  g_object_set_data (G_OBJECT (widget), "cc-field", field);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                               G_CALLBACK (mark_dirty), self, G_CONNECT_SWAPPED);
    }
  else
    {
      field->error_row = insert_message_row (widget, &field->error_label, "field-error");
      g_signal_connect_object (widget, "changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
    }
  g_hash_table_insert (self->fields, g_strdup (name), field);
}

static void
add_language_page (CcProductEditor *self,
                   const char      *lang,
                   gboolean         main_language)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *heading = gtk_label_new (_("Description"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *title_name = g_strconcat ("title:", lang, NULL);
  g_autofree char *description_name = g_strconcat ("description:", lang, NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  gtk_box_append (GTK_BOX (page), list);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (page), heading);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 140);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"),
                                  -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (page), frame);

  gtk_stack_add_titled (self->language_stack, page, lang, language_name (lang));

  add_field (self, title_name, main_language ? FIELD_TITLE_MAIN : FIELD_TEXT, title_row);
  add_field (self, description_name, FIELD_DESCRIPTION, view);
}

/* Tags and materials as chips */

static GPtrArray *
chips_collect (GtkFlowBox *flowbox)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (flowbox));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_ptr_array_add (items, g_strdup (g_object_get_data (G_OBJECT (chip), "chip-text")));
    }
  return items;
}

static void
chips_update_visibility (GtkFlowBox *flowbox)
{
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (flowbox)),
                          gtk_widget_get_first_child (GTK_WIDGET (flowbox)) != NULL);
}

static void
on_chip_clicked (CcProductEditor *self,
                 GtkWidget       *chip)
{
  GtkWidget *child = gtk_widget_get_parent (chip);
  GtkFlowBox *flowbox = GTK_FLOW_BOX (gtk_widget_get_parent (child));
  AdwEntryRow *entry = flowbox == self->tags_flowbox ? self->tag_row : self->material_row;

  gtk_flow_box_remove (flowbox, child);
  chips_update_visibility (flowbox);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  mark_dirty (self);
}

static void
chips_add (CcProductEditor *self,
           GtkFlowBox      *flowbox,
           const char      *text)
{
  g_autofree char *item = cc_text_normalize (text);
  g_autofree char *folded = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  GtkWidget *chip, *box, *label, *icon;

  if (item == NULL || *item == '\0')
    return;

  /* Tags are matched without case by the catalogue; do the same here. */
  folded = g_utf8_casefold (item, -1);
  existing = chips_collect (flowbox);
  for (guint i = 0; i < existing->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (existing, i), -1);

      if (g_strcmp0 (folded, other) == 0)
        return;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (item);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);

  chip = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (chip), box);
  /* TRANSLATORS: tooltip of a tag or material chip; %s is its text */
  tooltip = g_strdup_printf (_("Remove “%s”"), item);
  gtk_widget_set_tooltip_text (chip, tooltip);
  g_object_set_data_full (G_OBJECT (chip), "chip-text", g_steal_pointer (&item), g_free);
  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked), self, G_CONNECT_SWAPPED);

  gtk_flow_box_append (flowbox, chip);
  gtk_widget_set_halign (gtk_widget_get_parent (chip), GTK_ALIGN_START);
  chips_update_visibility (flowbox);
  mark_dirty (self);
}

static void
chips_clear (GtkFlowBox *flowbox)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (flowbox))) != NULL)
    gtk_flow_box_remove (flowbox, child);
  chips_update_visibility (flowbox);
}

/* Whatever is typed in the entry becomes chips (split at commas). */
static void
chips_take_entry (CcProductEditor *self,
                  AdwEntryRow     *entry)
{
  GtkFlowBox *flowbox = g_object_get_data (G_OBJECT (entry), "cc-flowbox");
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (entry)), ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    chips_add (self, flowbox, parts[i]);
  self->splitting_chips = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  self->splitting_chips = FALSE;
}

static void
on_chip_entry_changed (CcProductEditor *self,
                       GtkEditable     *entry)
{
  GtkFlowBox *flowbox = g_object_get_data (G_OBJECT (entry), "cc-flowbox");
  const char *text = gtk_editable_get_text (entry);
  const char *last_comma = strrchr (text, ',');
  g_auto(GStrv) parts = NULL;
  g_autofree char *rest = NULL;

  if (self->splitting_chips || last_comma == NULL)
    return;

  /* Everything before the last comma is finished; the rest is still being
   * typed. */
  rest = g_strdup (last_comma + 1);
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i + 1] != NULL; i++)
    chips_add (self, flowbox, parts[i]);

  self->splitting_chips = TRUE;
  gtk_editable_set_text (entry, rest);
  gtk_editable_set_position (entry, -1);
  self->splitting_chips = FALSE;
}

static void
on_chip_entry_activated (CcProductEditor *self,
                         AdwEntryRow     *entry)
{
  chips_take_entry (self, entry);
}

static void
chips_set (CcProductEditor *self,
           AdwEntryRow     *entry,
           const char      *comma_list)
{
  chips_clear (g_object_get_data (G_OBJECT (entry), "cc-flowbox"));
  gtk_editable_set_text (GTK_EDITABLE (entry), comma_list ? comma_list : "");
  chips_take_entry (self, entry);
  mark_dirty (self);
}

static void
setup_chip_entry (CcProductEditor *self,
                  AdwEntryRow     *entry,
                  GtkFlowBox      *flowbox)
{
  g_object_set_data (G_OBJECT (entry), "cc-flowbox", flowbox);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_chip_entry_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "entry-activated", G_CALLBACK (on_chip_entry_activated), self, G_CONNECT_SWAPPED);
}

/* Choices: currency, status, category */

static void
select_currency (CcProductEditor *self,
                 const char      *code)
{
  GtkStringList *model = GTK_STRING_LIST (adw_combo_row_get_model (self->currency_row));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (model, i), code) == 0)
      {
        adw_combo_row_set_selected (self->currency_row, i);
        return;
      }
  gtk_string_list_append (model, code);
  adw_combo_row_set_selected (self->currency_row, n);
}

static void
on_currency_changed (CcProductEditor *self)
{
  const char *code = current_currency (self);
  Field *price = lookup_field (self, "price");
  Field *compare = lookup_field (self, "compare-at-price");

  gtk_label_set_text (self->price_currency_label, code);
  gtk_label_set_text (self->compare_currency_label, code);
  if (price == NULL || compare == NULL)
    return;
  /* "12.50" is fine in rupees but not in yen. */
  validate_field (self, price, NULL);
  validate_field (self, compare, NULL);
  rebuild_variants (self);
  mark_dirty (self);
}

static void
on_category_changed (CcProductEditor *self)
{
  if (self->loading)
    return;
  self->category_touched = TRUE;
  show_message (self->category_error_row, self->category_error_label, NULL);
  mark_dirty (self);
}

static void
category_item_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CcProductEditor          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
category_item_update_check (GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "cc-combo-row");

  gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
category_item_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CcProductEditor          *self)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint position = gtk_list_item_get_position (item);
  int depth = position < self->category_depths->len ? g_array_index (self->category_depths, int, position) : 0;
  gulong handler;

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_widget_set_margin_start (label, 18 * depth);

  g_object_set_data (G_OBJECT (item), "cc-combo-row", self->category_row);
  handler = g_signal_connect_object (self->category_row, "notify::selected",
                                     G_CALLBACK (category_item_update_check), item, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (item), "cc-handler", GSIZE_TO_POINTER (handler));
  category_item_update_check (item);
}

static void
category_item_unbind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CcProductEditor          *self)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "cc-handler"));
  /* Not self->category_row: this also runs while the template is torn down. */
  gpointer row = g_object_get_data (G_OBJECT (item), "cc-combo-row");

  if (handler != 0 && row != NULL && g_signal_handler_is_connected (row, handler))
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "cc-handler", NULL);
}

static void
setup_choices (CcProductEditor *self)
{
  g_autoptr(GtkStringList) currencies = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) tree = cc_catalogue_list_categories (self->store);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  int top = 0;

  for (guint i = 0; i < G_N_ELEMENTS (common_currencies); i++)
    if (cc_currency_is_valid (common_currencies[i]))
      gtk_string_list_append (currencies, common_currencies[i]);
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currencies));

  for (CcProductStatus status = CC_PRODUCT_DRAFT; status <= CC_PRODUCT_ARCHIVED; status++)
    gtk_string_list_append (statuses, cc_product_status_get_label (status));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  gtk_string_list_append (categories, _("No category"));
  g_ptr_array_add (self->category_ids, g_strdup (""));
  g_array_append_val (self->category_depths, top);
  for (guint i = 0; i < tree->len; i++)
    {
      CcCategory *category = g_ptr_array_index (tree, i);

      gtk_string_list_append (categories, category->name);
      g_ptr_array_add (self->category_ids, g_strdup (category->id));
      g_array_append_val (self->category_depths, category->depth);
    }
  g_signal_connect_object (factory, "setup", G_CALLBACK (category_item_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (category_item_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (category_item_unbind), self, 0);
  adw_combo_row_set_list_factory (self->category_row, factory);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  self->category_error_row = insert_message_row (GTK_WIDGET (self->category_row),
                                                 &self->category_error_label, "field-error");
}

static gboolean
select_category (CcProductEditor *self,
                 const char      *id_or_name)
{
  GListModel *model = adw_combo_row_get_model (self->category_row);

  for (guint i = 0; i < self->category_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->category_ids, i), id_or_name ? id_or_name : "") == 0 ||
        (i > 0 && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), id_or_name) == 0))
      {
        adw_combo_row_set_selected (self->category_row, i);
        return TRUE;
      }
  return FALSE;
}

/* Variants */

static char *
variant_options_text (const CcVariant *variant)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < variant->options->len; i++)
    {
      const CcVariantOption *option = g_ptr_array_index (variant->options, i);

      if (i > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a variant's option, like "Size: Large" */
      g_string_append_printf (text, _("%s: %s"), option->name, option->value);
    }
  return g_string_free (text, FALSE);
}

/* "Size=Large, Colour=Blue" (or "Size: Large"). A piece without a
 * separator continues the value before it: "Size=Stole, 70 × 200 cm". */
static gboolean
parse_variant_options (const char *text,
                       CcVariant  *variant)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char separator = strchr (text, '=') != NULL ? '=' : ':';

  g_ptr_array_set_size (variant->options, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = cc_text_normalize (parts[i]);
      g_autofree char *name_part = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      const char *split;

      if (part == NULL)
        return FALSE;
      if (*part == '\0')
        continue;
      split = strchr (part, separator);
      if (split == NULL)
        {
          CcVariantOption *last;
          char *joined;

          if (variant->options->len == 0)
            return FALSE;
          last = g_ptr_array_index (variant->options, variant->options->len - 1);
          joined = g_strconcat (last->value, ", ", part, NULL);
          g_free (last->value);
          last->value = joined;
          continue;
        }
      name_part = g_strndup (part, split - part);
      name = cc_text_normalize (name_part);
      value = cc_text_normalize (split + 1);
      if (name == NULL || value == NULL || *name == '\0' || *value == '\0')
        return FALSE;
      cc_variant_add_option (variant, name, value);
    }
  return variant->options->len > 0;
}

typedef struct
{
  CcProductEditor *self;
  int              index;        /* -1: a new variant */
  GtkEditable     *options;
  GtkEditable     *sku;
  GtkEditable     *price;
  GtkLabel        *error;
  GtkPopover      *popover;
} VariantForm;

static void
on_variant_form_apply (GtkButton   *button,
                       VariantForm *form)
{
  CcProductEditor *self = form->self;
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *price_text = cc_text_normalize (gtk_editable_get_text (form->price));
  g_autofree char *sku = cc_text_normalize (gtk_editable_get_text (form->sku));
  gint64 price;
  VariantItem *item;

  if (!parse_variant_options (gtk_editable_get_text (form->options), variant))
    {
      gtk_label_set_text (form->error, _("Write the options as name=value pairs, like Size=Large, Colour=Blue"));
      gtk_widget_set_visible (GTK_WIDGET (form->error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (form->options));
      return;
    }
  if (!cc_money_parse (price_text ? price_text : "", current_currency (self), &price, &error))
    {
      gtk_label_set_text (form->error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (form->price));
      return;
    }
  if (sku != NULL && g_utf8_strlen (sku, -1) > MAX_SKU)
    {
      g_autofree char *message = g_strdup_printf (_("Keep the SKU under %d characters"), MAX_SKU);

      gtk_label_set_text (form->error, message);
      gtk_widget_set_visible (GTK_WIDGET (form->error), TRUE);
      return;
    }

  if (form->index < 0 || (guint) form->index >= self->variants->len)
    {
      item = g_new0 (VariantItem, 1);
      item->variant = cc_variant_new ();
      g_ptr_array_add (self->variants, item);
    }
  else
    item = g_ptr_array_index (self->variants, form->index);

  g_ptr_array_unref (item->variant->options);
  item->variant->options = g_ptr_array_ref (variant->options);
  g_free (item->variant->sku);
  item->variant->sku = g_strdup (sku ? sku : "");
  item->variant->price = price;
  g_free (item->price_text);
  item->price_text = g_steal_pointer (&price_text);
  item->changed = TRUE;
  mark_dirty (self);

  gtk_popover_popdown (form->popover);
  gtk_widget_set_visible (GTK_WIDGET (self->variant_error_label), FALSE);
  rebuild_variants (self);
}

static GtkWidget *
form_entry_new (GtkWidget  *list,
                const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
variant_popover_new (CcProductEditor *self,
                     int              index)
{
  VariantForm *form = g_new0 (VariantForm, 1);
  VariantItem *item = index >= 0 ? g_ptr_array_index (self->variants, index) : NULL;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (item ? _("Edit Variant") : _("New Variant"));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *hint = gtk_label_new (_("Options as name=value pairs, like Size=Large, Colour=Blue"));
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *apply = gtk_button_new_with_mnemonic (item ? _("_Apply") : _("_Add"));
  GtkWidget *price_row, *currency;

  form->self = self;
  form->index = index;
  form->popover = GTK_POPOVER (popover);
  g_object_set_data_full (G_OBJECT (popover), "cc-form", form, g_free);

  gtk_widget_set_size_request (box, 320, -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  form->options = GTK_EDITABLE (form_entry_new (list, _("Options")));
  form->sku = GTK_EDITABLE (form_entry_new (list, _("SKU")));
  price_row = form_entry_new (list, _("Price"));
  currency = gtk_label_new (current_currency (self));
  gtk_widget_add_css_class (currency, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (price_row), currency);
  form->price = GTK_EDITABLE (price_row);
  gtk_box_append (GTK_BOX (box), list);

  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "field-error");
  gtk_widget_set_visible (error, FALSE);
  form->error = GTK_LABEL (error);
  gtk_box_append (GTK_BOX (box), error);

  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  g_signal_connect (apply, "clicked", G_CALLBACK (on_variant_form_apply), form);
  gtk_box_append (GTK_BOX (box), apply);

  if (item != NULL)
    {
      g_autofree char *options = NULL;
      GString *pairs = g_string_new (NULL);

      for (guint i = 0; i < item->variant->options->len; i++)
        {
          const CcVariantOption *option = g_ptr_array_index (item->variant->options, i);

          g_string_append_printf (pairs, "%s%s=%s", i > 0 ? ", " : "", option->name, option->value);
        }
      options = g_string_free (pairs, FALSE);
      gtk_editable_set_text (form->options, options);
      gtk_editable_set_text (form->sku, item->variant->sku ? item->variant->sku : "");
      gtk_editable_set_text (form->price, item->price_text ? item->price_text : "");
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), apply);
  return popover;
}

static void
create_variant_popover_cb (GtkMenuButton *button,
                           gpointer       user_data)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (user_data);
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cc-variant-index")) - 1;

  gtk_menu_button_set_popover (button, variant_popover_new (self, index));
}

static void
rebuild_variants (CcProductEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variants_list))) != NULL)
    gtk_list_box_remove (self->variants_list, child);

  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantItem *item = g_ptr_array_index (self->variants, i);
      g_autofree char *options = variant_options_text (item->variant);
      g_autofree char *price = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *remove_action = g_strdup_printf ("editor.variant-remove(%u)", i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = gtk_menu_button_new ();
      GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gint64 amount;

      if (cc_money_parse (item->price_text ? item->price_text : "", current_currency (self), &amount, NULL))
        price = cc_money_format (amount, current_currency (self));
      else
        price = g_strdup (item->price_text ? item->price_text : "");

      if (item->variant->sku != NULL && *item->variant->sku != '\0')
        /* TRANSLATORS: a variant's SKU and price, like "MUG-01-L · ₹1,450.00" */
        subtitle = g_strdup_printf (_("%s · %s"), item->variant->sku, price);
      else
        subtitle = g_strdup (price);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), options);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit), "document-edit-symbolic");
      gtk_widget_set_tooltip_text (edit, _("Edit Variant"));
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      g_object_set_data (G_OBJECT (edit), "cc-variant-index", GINT_TO_POINTER (i + 1));
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (edit), create_variant_popover_cb, self, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

      gtk_widget_set_tooltip_text (remove_button, _("Remove Variant"));
      gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove_button, "flat");
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (remove_button), remove_action);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);

      gtk_list_box_append (self->variants_list, row);
    }
  update_cost_warning (self);
}

static void
variant_remove_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);
  VariantItem *item;

  if (index < 0 || (guint) index >= self->variants->len)
    return;
  item = g_ptr_array_index (self->variants, index);
  if (item->variant->id != NULL)
    g_ptr_array_add (self->removed_variant_ids, g_strdup (item->variant->id));
  g_ptr_array_remove_index (self->variants, index);
  mark_dirty (self);
  rebuild_variants (self);
}

/* Photos */

static void
reload_photos (CcProductEditor *self)
{
  g_autoptr(GPtrArray) photos = cc_photos_list (self->store, self->product_id);

  g_ptr_array_set_size (self->photos, 0);
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);
      PhotoItem *item = g_new0 (PhotoItem, 1);

      item->id = g_strdup (photo->id);
      item->sha256 = g_strdup (photo->sha256);
      item->width = photo->width;
      item->height = photo->height;
      g_ptr_array_add (self->photos, item);
    }
  rebuild_photo_strip (self);
}

static void
append_photo_action (GMenu      *menu,
                     const char *label,
                     const char *action,
                     guint       index)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int32 (index));
  g_menu_append_item (menu, item);
}

static GtkWidget *
photo_card_new (CcProductEditor *self,
                PhotoItem       *item,
                guint            index)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autofree char *alternative = NULL;

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, PHOTO_SIZE, PHOTO_SIZE);
  alternative = index == 0 ? g_strdup (_("Cover photo")) : g_strdup_printf (_("Photo %u"), index + 1);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), alternative);
  cc_thumbnail_loader_bind (GTK_PICTURE (picture), cc_store_get_data_dir (self->store),
                            item->sha256, THUMBNAIL_SIZE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

  if (index == 0)
    {
      GtkWidget *badge = gtk_label_new (_("Cover"));

      gtk_widget_add_css_class (badge, "cover-badge");
      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_widget_set_margin_start (badge, 6);
      gtk_widget_set_margin_top (badge, 6);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
    }

  if (index > 0)
    {
      append_photo_action (order, _("Set as _Cover"), "editor.photo-cover", index);
      append_photo_action (order, _("Move _Left"), "editor.photo-left", index);
    }
  if (index + 1 < self->photos->len)
    append_photo_action (order, _("Move _Right"), "editor.photo-right", index);
  append_photo_action (removal, _("_Remove"), "editor.photo-remove", index);
  if (g_menu_model_get_n_items (G_MENU_MODEL (order)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Photo Options"));
  gtk_widget_add_css_class (menu_button, "osd");
  gtk_widget_add_css_class (menu_button, "circular");
  gtk_widget_set_halign (menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_END);
  gtk_widget_set_margin_end (menu_button, 6);
  gtk_widget_set_margin_bottom (menu_button, 6);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), menu_button);

  return overlay;
}

static void
rebuild_photo_strip (CcProductEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->photo_strip)) != NULL)
    gtk_box_remove (GTK_BOX (self->photo_strip), child);
  for (guint i = 0; i < self->photos->len; i++)
    gtk_box_append (GTK_BOX (self->photo_strip), photo_card_new (self, g_ptr_array_index (self->photos, i), i));
  gtk_widget_set_visible (self->photo_scroller, self->photos->len > 0);
  gtk_widget_set_visible (self->photos_empty, self->photos->len == 0);
}

static gboolean
photos_contain (CcProductEditor *self,
                const char      *sha256)
{
  for (guint i = 0; i < self->photos->len; i++)
    if (g_strcmp0 (((PhotoItem *) g_ptr_array_index (self->photos, i))->sha256, sha256) == 0)
      return TRUE;
  return FALSE;
}

/* Saved pieces change at once (a photo is not a field to save later); the
 * catalogue hears of it through "saved". */
static void
photos_written (CcProductEditor *self)
{
  reload_photos (self);
  cc_photo_insights_set_product (self->photo_insights, self->store, self->product_id);
  g_signal_emit (self, signals[SAVED], 0, self->product_id);
}

static void
photo_move (CcProductEditor *self,
            guint            index,
            guint            position)
{
  g_autoptr(GError) error = NULL;
  PhotoItem *item;

  if (index >= self->photos->len || position >= self->photos->len || index == position)
    return;
  item = g_ptr_array_index (self->photos, index);
  if (item->id != NULL)
    {
      if (!cc_photos_move (self->store, item->id, position, &error))
        add_toast (self, error->message);
      photos_written (self);
      return;
    }
  g_ptr_array_insert (self->photos, position, g_ptr_array_steal_index (self->photos, index));
  rebuild_photo_strip (self);
}

static void
photo_move_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0)
    return;
  if (g_str_equal (action_name, "editor.photo-cover"))
    photo_move (self, index, 0);
  else if (g_str_equal (action_name, "editor.photo-left"))
    photo_move (self, index, MAX (index, 1) - 1);
  else
    photo_move (self, index, index + 1);
}

static void
on_undo_photo_removal (CcProductEditor *self,
                       AdwToast        *toast)
{
  PhotoItem *removed = g_object_get_data (G_OBJECT (toast), "cc-photo");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "cc-position"));
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_id = NULL;

  if (self->closing || photos_contain (self, removed->sha256))
    return;
  if (self->product_id == NULL)
    {
      PhotoItem *item = g_new0 (PhotoItem, 1);

      item->sha256 = g_strdup (removed->sha256);
      item->width = removed->width;
      item->height = removed->height;
      g_ptr_array_insert (self->photos, MIN (position, self->photos->len), item);
      rebuild_photo_strip (self);
      return;
    }
  photo_id = cc_photos_attach (self->store, self->product_id, removed->sha256,
                               removed->width, removed->height, &error);
  if (photo_id == NULL || !cc_photos_move (self->store, photo_id, position, &error))
    add_toast (self, error->message);
  photos_written (self);
}

static void
photo_remove_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GError) error = NULL;
  PhotoItem *item;
  AdwToast *toast;

  if (index < 0 || (guint) index >= self->photos->len)
    return;
  item = g_ptr_array_steal_index (self->photos, index);
  if (item->id != NULL)
    {
      if (!cc_photos_remove (self->store, item->id, &error))
        {
          add_toast (self, error->message);
          photo_item_free (item);
          photos_written (self);
          return;
        }
      photos_written (self);
    }
  else
    rebuild_photo_strip (self);

  toast = adw_toast_new (_("Photo removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "cc-photo", item, (GDestroyNotify) photo_item_free);
  g_object_set_data (G_OBJECT (toast), "cc-position", GUINT_TO_POINTER (index));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_photo_removal), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef struct
{
  char      *data_dir;
  GPtrArray *paths;     /* char* */
  GPtrArray *stored;    /* PhotoItem, without ids */
  GPtrArray *errors;    /* char*, for people */
} AddPhotosJob;

static void
add_photos_job_free (AddPhotosJob *job)
{
  g_free (job->data_dir);
  g_ptr_array_unref (job->paths);
  g_ptr_array_unref (job->stored);
  g_ptr_array_unref (job->errors);
  g_free (job);
}

static void
update_photo_progress (CcProductEditor *self)
{
  gboolean busy = self->adding_photos > 0;

  gtk_widget_set_visible (self->photo_progress, busy);
  gtk_spinner_set_spinning (self->photo_spinner, busy);
  if (busy)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Adding %u photo…", "Adding %u photos…",
                                                         self->adding_photos),
                                               self->adding_photos);

      gtk_label_set_text (self->photo_progress_label, text);
    }
  /* A piece must not close while its photos are still on their way. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy && !self->load_failed);
}

/* One line per file that could not be added, until the next attempt. */
static void
add_photo_error (CcProductEditor *self,
                 const char      *message)
{
  GtkWidget *label = GTK_WIDGET (self->photo_error_label);
  const char *shown = shown_message (label, self->photo_error_label);
  g_autofree char *text = shown ? g_strconcat (shown, "\n", message, NULL) : g_strdup (message);

  show_message (label, self->photo_error_label, text);
}

static void
show_photo_errors (CcProductEditor *self,
                   GPtrArray       *errors)
{
  for (guint i = 0; i < errors->len; i++)
    add_photo_error (self, g_ptr_array_index (errors, i));
}

static void
add_photos_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AddPhotosJob *job = task_data;

  for (guint i = 0; i < job->paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PhotoItem *item;
      char *sha256;
      int width = 0, height = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      sha256 = cc_photos_store_file (job->data_dir, g_ptr_array_index (job->paths, i),
                                     &width, &height, &error);
      if (sha256 == NULL)
        {
          g_ptr_array_add (job->errors, g_strdup (error->message));
          continue;
        }
      item = g_new0 (PhotoItem, 1);
      item->sha256 = sha256;
      item->width = width;
      item->height = height;
      g_ptr_array_add (job->stored, item);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_photos_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (source);
  AddPhotosJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean attached = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: the window is going away */

  self->adding_photos -= MIN (self->adding_photos, job->paths->len);
  for (guint i = 0; i < job->stored->len; i++)
    {
      PhotoItem *stored = g_ptr_array_index (job->stored, i);

      if (photos_contain (self, stored->sha256))
        {
          g_ptr_array_add (job->errors, g_strdup (_("This photo is already on this piece")));
          continue;
        }
      if (self->product_id != NULL)
        {
          g_autoptr(GError) attach_error = NULL;
          g_autofree char *photo_id = cc_photos_attach (self->store, self->product_id, stored->sha256,
                                                        stored->width, stored->height, &attach_error);

          if (photo_id == NULL)
            g_ptr_array_add (job->errors, g_strdup (attach_error->message));
          else
            attached = TRUE;
        }
      else
        {
          PhotoItem *item = g_new0 (PhotoItem, 1);

          item->sha256 = g_strdup (stored->sha256);
          item->width = stored->width;
          item->height = stored->height;
          g_ptr_array_add (self->photos, item);
          mark_dirty (self);
        }
    }

  if (attached)
    photos_written (self);
  else
    rebuild_photo_strip (self);
  show_photo_errors (self, job->errors);
  update_photo_progress (self);
}

/* Copying and hashing a phone photo takes a while: a worker does it, then
 * the main thread attaches what it stored. */
static void
add_photo_paths (CcProductEditor *self,
                 GPtrArray       *paths,
                 GPtrArray       *errors)
{
  g_autoptr(GTask) task = NULL;
  AddPhotosJob *job;

  gtk_widget_set_visible (GTK_WIDGET (self->photo_error_label), FALSE);
  show_photo_errors (self, errors);
  if (paths->len == 0)
    return;

  job = g_new0 (AddPhotosJob, 1);
  job->data_dir = g_strdup (cc_store_get_data_dir (self->store));
  job->paths = g_ptr_array_ref (paths);
  job->stored = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_item_free);
  job->errors = g_ptr_array_new_with_free_func (g_free);

  self->adding_photos += paths->len;
  update_photo_progress (self);

  task = g_task_new (self, self->cancellable, on_photos_stored, NULL);
  g_task_set_source_tag (task, add_photo_paths);
  g_task_set_task_data (task, job, (GDestroyNotify) add_photos_job_free);
  g_task_run_in_thread (task, add_photos_thread);
}

static void
add_photo_files (CcProductEditor *self,
                 GListModel      *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
      else
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_ptr_array_add (errors, g_strdup_printf (_("“%s” is not on this computer: copy it here first"), name));
        }
    }
  add_photo_paths (self, paths, errors);
}

static void
on_chooser_response (CcProductEditor      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_photo_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
add_photos_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_photo_captured (CcProductEditor *self,
                   const char      *path)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, g_strdup (path));
  add_photo_paths (self, paths, errors);
}

static void
take_photo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);
  CcCameraWindow *camera = cc_camera_window_new (GTK_WINDOW (self));

  g_signal_connect_object (camera, "captured", G_CALLBACK (on_photo_captured), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (camera));
}

static gboolean
on_photos_dropped (CcProductEditor *self,
                   const GValue    *value,
                   double           x,
                   double           y,
                   GtkDropTarget   *target)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GSList) list = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  add_photo_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* Loading */

static char *
format_whole (gint64 value)
{
  return value > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup ("");
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

/* The Recipe, Stock and Photo Advice tabs follow the saved piece. */
static void
set_panels_product (CcProductEditor *self)
{
  const char *id = self->load_failed ? NULL : self->product_id;

  cc_recipe_panel_set_product (self->recipe_panel, self->store, id);
  cc_stock_panel_set_product (self->stock_panel, self->store, id);
  cc_photo_insights_set_product (self->photo_insights, self->store, id);
  cc_video_panel_set_product (self->video_panel, self->store, id);
}

static void
set_text (CcProductEditor *self,
          const char      *name,
          const char      *text)
{
  field_set_text (lookup_field (self, name), text);
}

static void
set_title (CcProductEditor *self,
           const char      *title)
{
  adw_view_switcher_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
fill_from_product (CcProductEditor *self,
                   const CcProduct *product)
{
  g_autofree char *price = cc_money_format_plain (product->price, product->currency);
  g_autofree char *compare = product->compare_at_price > 0
                             ? cc_money_format_plain (product->compare_at_price, product->currency)
                             : g_strdup ("");
  g_autofree char *width = format_whole (product->width_mm);
  g_autofree char *height = format_whole (product->height_mm);
  g_autofree char *depth = format_whole (product->depth_mm);
  g_autofree char *weight = format_whole (product->weight_g);
  g_autofree char *minutes = format_minutes (product->production_minutes);
  g_autoptr(GPtrArray) variants = cc_catalogue_list_variants (self->store, product->id);

  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      g_autofree char *title_name = g_strconcat ("title:", self->languages[i], NULL);
      g_autofree char *description_name = g_strconcat ("description:", self->languages[i], NULL);

      set_text (self, title_name, g_hash_table_lookup (product->titles, self->languages[i]));
      set_text (self, description_name, g_hash_table_lookup (product->descriptions, self->languages[i]));
    }
  select_currency (self, product->currency);
  set_text (self, "sku", product->sku);
  set_text (self, "price", price);
  set_text (self, "compare-at-price", compare);
  adw_combo_row_set_selected (self->status_row, product->status);
  select_category (self, product->category_id);
  set_text (self, "width", width);
  set_text (self, "height", height);
  set_text (self, "depth", depth);
  set_text (self, "weight", weight);
  set_text (self, "production-time", minutes);
  set_text (self, "cultural-origin", product->cultural_origin);
  set_text (self, "technique", product->technique);
  set_text (self, "maker", product->maker);
  for (guint i = 0; i < product->tags->len; i++)
    chips_add (self, self->tags_flowbox, g_ptr_array_index (product->tags, i));
  for (guint i = 0; i < product->materials->len; i++)
    chips_add (self, self->materials_flowbox, g_ptr_array_index (product->materials, i));

  for (guint i = 0; i < variants->len; i++)
    {
      VariantItem *item = g_new0 (VariantItem, 1);

      item->variant = g_ptr_array_steal_index (variants, i--);
      item->price_text = cc_money_format_plain (item->variant->price, product->currency);
      g_ptr_array_add (self->variants, item);
    }
  rebuild_variants (self);
  reload_photos (self);

  set_title (self, cc_product_get_title (product, self->languages[0]));
}

static void
load (CcProductEditor *self)
{
  g_autoptr(GError) error = NULL;

  self->loading = TRUE;
  self->languages = cc_store_dup_languages (self->store);
  for (guint i = 0; self->languages[i] != NULL; i++)
    add_language_page (self, self->languages[i], i == 0);
  gtk_widget_set_visible (self->language_switcher, self->languages[1] != NULL);

  add_field (self, "sku", FIELD_SKU, GTK_WIDGET (self->sku_row));
  self->sku_warning_row = insert_message_row (lookup_field (self, "sku")->error_row,
                                              &self->sku_warning_label, "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->sku_warning_label), "caption");
  add_field (self, "price", FIELD_PRICE, GTK_WIDGET (self->price_row));
  self->cost_warning_row = insert_message_row (lookup_field (self, "price")->error_row,
                                               &self->cost_warning_label, "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->cost_warning_label), "caption");
  /* A recipe saved in the Recipe tab changes the cost under the price. */
  g_signal_connect_object (self->store, "committed", G_CALLBACK (update_cost_warning), self, G_CONNECT_SWAPPED);
  add_field (self, "compare-at-price", FIELD_PRICE_OPTIONAL, GTK_WIDGET (self->compare_row));
  add_field (self, "width", FIELD_MILLIMETRES, GTK_WIDGET (self->width_row));
  add_field (self, "height", FIELD_MILLIMETRES, GTK_WIDGET (self->height_row));
  add_field (self, "depth", FIELD_MILLIMETRES, GTK_WIDGET (self->depth_row));
  add_field (self, "weight", FIELD_GRAMS, GTK_WIDGET (self->weight_row));
  add_field (self, "production-time", FIELD_MINUTES, GTK_WIDGET (self->time_row));
  add_field (self, "cultural-origin", FIELD_TEXT, GTK_WIDGET (self->origin_row));
  add_field (self, "technique", FIELD_TEXT, GTK_WIDGET (self->technique_row));
  add_field (self, "maker", FIELD_TEXT, GTK_WIDGET (self->maker_row));
  setup_chip_entry (self, self->tag_row, self->tags_flowbox);
  setup_chip_entry (self, self->material_row, self->materials_flowbox);
  setup_choices (self);

  g_signal_connect_object (self->currency_row, "notify::selected", G_CALLBACK (on_currency_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (mark_dirty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_row, "notify::selected", G_CALLBACK (on_category_changed), self, G_CONNECT_SWAPPED);

  if (self->product_id != NULL)
    {
      self->original = cc_catalogue_get_product (self->store, self->product_id, &error);
      if (self->original == NULL)
        {
          self->load_failed = TRUE;
          set_title (self, _("Piece Not Found"));
          add_toast (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-photos", FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.take-photo", FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", FALSE);
        }
      else
        {
          fill_from_product (self, self->original);
          gtk_widget_set_visible (self->menu_button, TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive",
                                         self->original->status != CC_PRODUCT_ARCHIVED);
        }
    }
  else
    {
      g_autofree char *currency = cc_store_dup_setting (self->store, "currency", "INR");

      select_currency (self, cc_currency_is_valid (currency) ? currency : "INR");
      adw_combo_row_set_selected (self->status_row, CC_PRODUCT_DRAFT);
      adw_combo_row_set_selected (self->category_row, 0);
      set_title (self, _("New Piece"));
      rebuild_photo_strip (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", FALSE);
    }
  on_currency_changed (self);
  update_sku_warning (self);
  update_cost_warning (self);
  set_panels_product (self);
  self->loading = FALSE;
  self->dirty = FALSE;

  if (self->product_id == NULL)
    gtk_window_set_focus (GTK_WINDOW (self), lookup_field (self, "title")->widget);
}

/* Saving */

static gboolean
take_field (CcProductEditor  *self,
            const char       *name,
            gint64           *out,
            GtkWidget       **first_invalid)
{
  Field *field = lookup_field (self, name);

  if (validate_field (self, field, out))
    return TRUE;
  if (*first_invalid == NULL)
    *first_invalid = field->widget;
  return FALSE;
}

static char *
dup_field_text (CcProductEditor *self,
                const char      *name)
{
  g_autofree char *text = field_dup_text (lookup_field (self, name));

  return cc_text_normalize (text);
}

/* The piece as the fields describe it, or NULL with every problem shown. */
static CcProduct *
build_product (CcProductEditor  *self,
               GtkWidget       **first_invalid)
{
  g_autoptr(CcProduct) product = self->original ? cc_product_copy (self->original) : cc_product_new ();
  const char *currency = current_currency (self);
  guint status = adw_combo_row_get_selected (self->status_row);
  guint category = adw_combo_row_get_selected (self->category_row);
  gboolean valid = TRUE;

  *first_invalid = NULL;
  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      g_autofree char *title_name = g_strconcat ("title:", self->languages[i], NULL);
      g_autofree char *description_name = g_strconcat ("description:", self->languages[i], NULL);
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;

      if (!take_field (self, title_name, NULL, first_invalid))
        {
          /* Show the language whose title is wrong. */
          if (valid)
            gtk_stack_set_visible_child_name (self->language_stack, self->languages[i]);
          valid = FALSE;
          continue;
        }
      title = dup_field_text (self, title_name);
      description = dup_field_text (self, description_name);
      cc_product_set_title (product, self->languages[i], title);
      cc_product_set_description (product, self->languages[i], description);
    }

  valid &= take_field (self, "sku", NULL, first_invalid);
  valid &= take_field (self, "price", &product->price, first_invalid);
  valid &= take_field (self, "compare-at-price", &product->compare_at_price, first_invalid);
  valid &= take_field (self, "width", &product->width_mm, first_invalid);
  valid &= take_field (self, "height", &product->height_mm, first_invalid);
  valid &= take_field (self, "depth", &product->depth_mm, first_invalid);
  valid &= take_field (self, "weight", &product->weight_g, first_invalid);
  valid &= take_field (self, "production-time", &product->production_minutes, first_invalid);
  valid &= take_field (self, "cultural-origin", NULL, first_invalid);
  valid &= take_field (self, "technique", NULL, first_invalid);
  valid &= take_field (self, "maker", NULL, first_invalid);

  /* Variant prices are in the product's currency, which may have changed. */
  gtk_widget_set_visible (GTK_WIDGET (self->variant_error_label), FALSE);
  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantItem *item = g_ptr_array_index (self->variants, i);
      g_autoptr(GError) error = NULL;
      gint64 price;

      if (!cc_money_parse (item->price_text ? item->price_text : "", currency, &price, &error))
        {
          g_autofree char *options = variant_options_text (item->variant);
          /* TRANSLATORS: first %s is a variant ("Size: Large"), second the problem */
          g_autofree char *message = g_strdup_printf (_("The price of “%s”: %s"), options, error->message);

          gtk_label_set_text (self->variant_error_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->variant_error_label), TRUE);
          if (*first_invalid == NULL)
            *first_invalid = GTK_WIDGET (self->variants_list);
          valid = FALSE;
          break;
        }
      if (price != item->variant->price)
        {
          item->variant->price = price;
          item->changed = TRUE;
        }
    }

  if (!valid)
    return NULL;

  g_free (product->sku);
  product->sku = dup_field_text (self, "sku");
  g_free (product->cultural_origin);
  product->cultural_origin = dup_field_text (self, "cultural-origin");
  g_free (product->technique);
  product->technique = dup_field_text (self, "technique");
  g_free (product->maker);
  product->maker = dup_field_text (self, "maker");
  g_free (product->currency);
  product->currency = g_strdup (currency);
  product->status = MIN (status, (guint) CC_PRODUCT_ARCHIVED);
  /* An unknown category (removed on another device) stays until changed. */
  if (self->category_touched || self->original == NULL || category > 0)
    {
      g_free (product->category_id);
      product->category_id = category > 0 && category < self->category_ids->len
                             ? g_strdup (g_ptr_array_index (self->category_ids, category))
                             : NULL;
    }
  g_ptr_array_unref (product->tags);
  product->tags = chips_collect (self->tags_flowbox);
  g_ptr_array_unref (product->materials);
  product->materials = chips_collect (self->materials_flowbox);

  return g_steal_pointer (&product);
}

typedef enum
{
  STEP_PRODUCT,
  STEP_VARIANTS,
  STEP_PHOTOS,
} SaveStep;

static gboolean
write_everything (CcProductEditor  *self,
                  CcProduct        *product,
                  char            **out_new_id,
                  SaveStep         *step,
                  GError          **error)
{
  g_autofree char *new_id = NULL;
  const char *id = self->product_id;

  *step = STEP_PRODUCT;
  if (self->original == NULL)
    {
      if ((new_id = cc_catalogue_create_product (self->store, product, error)) == NULL)
        return FALSE;
      id = new_id;
    }
  else if (!cc_catalogue_update_product (self->store, product, error))
    return FALSE;

  *step = STEP_VARIANTS;
  for (guint i = 0; i < self->removed_variant_ids->len; i++)
    if (!cc_catalogue_remove_variant (self->store, g_ptr_array_index (self->removed_variant_ids, i), error))
      return FALSE;
  for (guint i = 0; i < self->variants->len; i++)
    {
      VariantItem *item = g_ptr_array_index (self->variants, i);

      g_free (item->variant->product_id);
      item->variant->product_id = g_strdup (id);
      if (item->variant->id == NULL)
        {
          g_autofree char *variant_id = cc_catalogue_add_variant (self->store, item->variant, error);

          if (variant_id == NULL)
            return FALSE;
        }
      else if (item->changed && !cc_catalogue_update_variant (self->store, item->variant, error))
        return FALSE;
    }

  *step = STEP_PHOTOS;
  for (guint i = 0; i < self->photos->len; i++)
    {
      PhotoItem *item = g_ptr_array_index (self->photos, i);
      g_autofree char *photo_id = NULL;

      if (item->id != NULL)
        continue;
      photo_id = cc_photos_attach (self->store, id, item->sha256, item->width, item->height, error);
      if (photo_id == NULL)
        return FALSE;
    }

  *out_new_id = g_steal_pointer (&new_id);
  return TRUE;
}

static void
show_save_error (CcProductEditor *self,
                 const CcProduct *product,
                 SaveStep         step,
                 const GError    *error)
{
  g_autoptr(CcCategory) category = NULL;

  if (step == STEP_VARIANTS)
    {
      gtk_label_set_text (self->variant_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->variant_error_label), TRUE);
      return;
    }
  if (step == STEP_PHOTOS)
    {
      add_photo_error (self, error->message);
      return;
    }
  /* A category removed on another device since the list was made. */
  if (g_error_matches (error, CC_ERROR, CC_ERROR_NOT_FOUND) && product->category_id != NULL &&
      (category = cc_catalogue_get_category (self->store, product->category_id, NULL)) == NULL)
    {
      show_message (self->category_error_row, self->category_error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
      return;
    }
  add_toast (self, error->message);
}

static gboolean
editor_save (CcProductEditor *self)
{
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  GtkWidget *first_invalid = NULL;
  SaveStep step = STEP_PRODUCT;

  if (self->closing || self->load_failed)
    return FALSE;
  if (self->adding_photos > 0)
    {
      add_toast (self, _("Wait until the photos have been added"));
      return FALSE;
    }

  self->save_attempted = TRUE;
  chips_take_entry (self, self->tag_row);
  chips_take_entry (self, self->material_row);

  product = build_product (self, &first_invalid);
  if (product == NULL)
    {
      if (first_invalid != NULL)
        gtk_widget_grab_focus (first_invalid);
      return FALSE;
    }

  /* One transaction: the piece, its variants and its first photos are
   * written together or not at all. */
  if (!cc_store_begin (self->store, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }
  if (!write_everything (self, product, &new_id, &step, &error))
    {
      cc_store_rollback (self->store);
      show_save_error (self, product, step, error);
      return FALSE;
    }
  if (!cc_store_commit (self->store, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }

  if (new_id != NULL)
    {
      self->product_id = g_steal_pointer (&new_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCT_ID]);
    }
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->product_id);
  close_now (self);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  editor_save (CC_PRODUCT_EDITOR (widget));
}

/* Archiving and closing */

static void
archive_now (CcProductEditor *self)
{
  g_autoptr(CcProduct) current = NULL;
  g_autoptr(GError) error = NULL;
  CcProductStatus previous;

  current = cc_catalogue_get_product (self->store, self->product_id, NULL);
  previous = current != NULL ? current->status : self->original->status;
  if (!cc_catalogue_set_status (self->store, self->product_id, CC_PRODUCT_ARCHIVED, &error))
    {
      add_toast (self, error->message);
      return;
    }
  self->dirty = FALSE;
  g_signal_emit (self, signals[ARCHIVED], 0, self->product_id, (int) previous);
  close_now (self);
}

static void
on_confirm_response (CcProductEditor  *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  ConfirmKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cc-confirm"));

  if (g_strcmp0 (response, "confirm") != 0)
    return;
  if (kind == CONFIRM_ARCHIVE)
    archive_now (self);
  else
    close_now (self);   /* not at once: the dialog is still ours */
}

static void
confirm (CcProductEditor *self,
         ConfirmKind      kind)
{
  GtkWidget *dialog;

  if (kind == CONFIRM_ARCHIVE)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Archive and discard changes?"),
                                       _("The piece is archived as it was last saved; your changes here are lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Editing"),
                                        "confirm", _("_Archive"),
                                        NULL);
    }
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard changes?"),
                                       _("The changes you made to this piece have not been saved."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Editing"),
                                        "confirm", _("_Discard"),
                                        NULL);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "cc-confirm", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (widget);

  if (self->original == NULL || self->closing)
    return;
  if (self->dirty)
    confirm (self, CONFIRM_ARCHIVE);
  else
    archive_now (self);
}

static gboolean
cc_product_editor_close_request (GtkWindow *window)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (window);

  if (self->dirty && !self->closing)
    {
      confirm (self, CONFIRM_DISCARD);
      return TRUE;
    }
  self->closing = TRUE;
  if (GTK_WINDOW_CLASS (cc_product_editor_parent_class)->close_request == NULL)
    return FALSE;
  return GTK_WINDOW_CLASS (cc_product_editor_parent_class)->close_request (window);
}

/* GObject */

static void
cc_product_editor_constructed (GObject *object)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (object);

  G_OBJECT_CLASS (cc_product_editor_parent_class)->constructed (object);

  g_return_if_fail (CC_IS_STORE (self->store));
  load (self);
}

static void
cc_product_editor_dispose (GObject *object)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_PRODUCT_EDITOR);

  g_clear_object (&self->store);
  g_clear_pointer (&self->original, cc_product_free);

  G_OBJECT_CLASS (cc_product_editor_parent_class)->dispose (object);
}

static void
cc_product_editor_finalize (GObject *object)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->product_id, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->category_depths, g_array_unref);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->removed_variant_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_product_editor_parent_class)->finalize (object);
}

static void
cc_product_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PRODUCT_ID:
      g_value_set_string (value, self->product_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_product_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CcProductEditor *self = CC_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PRODUCT_ID:
      self->product_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_product_editor_class_init (CcProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cc_product_editor_constructed;
  object_class->dispose = cc_product_editor_dispose;
  object_class->finalize = cc_product_editor_finalize;
  object_class->get_property = cc_product_editor_get_property;
  object_class->set_property = cc_product_editor_set_property;
  window_class->close_request = cc_product_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL for a new piece until it is first saved. */
  properties[PROP_PRODUCT_ID] =
    g_param_spec_string ("product-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ARCHIVED] =
    g_signal_new ("archived",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  g_type_ensure (CC_TYPE_RECIPE_PANEL);
  g_type_ensure (CC_TYPE_STOCK_PANEL);
  g_type_ensure (CC_TYPE_PHOTO_INSIGHTS);
  g_type_ensure (CC_TYPE_VIDEO_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-product-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, recipe_panel);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, stock_panel);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_insights);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, video_panel);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, language_switcher);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, language_stack);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photos_area);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_scroller);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photos_empty);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_progress);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_progress_label);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, photo_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, sku_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, price_currency_label);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, compare_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, compare_currency_label);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, width_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, height_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, depth_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, weight_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, origin_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, technique_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, maker_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, tag_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, tags_flowbox);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, material_row);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, materials_flowbox);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, add_variant_button);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, variants_list);
  gtk_widget_class_bind_template_child (widget_class, CcProductEditor, variant_error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.add-photos", NULL, add_photos_action);
  gtk_widget_class_install_action (widget_class, "editor.take-photo", NULL, take_photo_action);
  gtk_widget_class_install_action (widget_class, "editor.photo-cover", "i", photo_move_action);
  gtk_widget_class_install_action (widget_class, "editor.photo-left", "i", photo_move_action);
  gtk_widget_class_install_action (widget_class, "editor.photo-right", "i", photo_move_action);
  gtk_widget_class_install_action (widget_class, "editor.photo-remove", "i", photo_remove_action);
  gtk_widget_class_install_action (widget_class, "editor.variant-remove", "i", variant_remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_product_editor_init (CcProductEditor *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->category_depths = g_array_new (FALSE, FALSE, sizeof (int));
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_item_free);
  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_item_free);
  self->removed_variant_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();

  gtk_menu_button_set_create_popup_func (self->add_variant_button, create_variant_popover_cb, self, NULL);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_photos_dropped), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->photos_area, GTK_EVENT_CONTROLLER (target));
}

/* Public */

CcProductEditor *
cc_product_editor_new (GtkWindow  *parent,
                       CcStore    *store,
                       const char *product_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return g_object_new (CC_TYPE_PRODUCT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "product-id", product_id,
                       NULL);
}

const char *
cc_product_editor_get_product_id (CcProductEditor *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_EDITOR (self), NULL);
  return self->product_id;
}

void
cc_product_editor_set_field (CcProductEditor *self,
                             const char      *field,
                             const char      *text)
{
  Field *entry;

  g_return_if_fail (CC_IS_PRODUCT_EDITOR (self));
  g_return_if_fail (field != NULL);

  if (g_str_equal (field, "tags"))
    chips_set (self, self->tag_row, text);
  else if (g_str_equal (field, "materials"))
    chips_set (self, self->material_row, text);
  else if (g_str_equal (field, "currency"))
    {
      g_return_if_fail (text != NULL && cc_currency_is_valid (text));
      select_currency (self, text);
    }
  else if (g_str_equal (field, "status"))
    {
      CcProductStatus status;

      g_return_if_fail (cc_product_status_from_string (text, &status));
      adw_combo_row_set_selected (self->status_row, status);
    }
  else if (g_str_equal (field, "category"))
    {
      if (!select_category (self, text))
        g_critical ("The editor has no category “%s”", text);
    }
  else if ((entry = lookup_field (self, field)) != NULL)
    field_set_text (entry, text);
  else
    g_critical ("The editor has no field “%s”", field);
}

gboolean
cc_product_editor_save (CcProductEditor *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_EDITOR (self), FALSE);

  return editor_save (self);
}

const char *
cc_product_editor_get_field_error (CcProductEditor *self,
                                   const char      *field)
{
  Field *entry;

  g_return_val_if_fail (CC_IS_PRODUCT_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "category"))
    return shown_message (self->category_error_row, self->category_error_label);
  if (g_str_equal (field, "variants"))
    return shown_message (GTK_WIDGET (self->variant_error_label), self->variant_error_label);
  if (g_str_equal (field, "photos"))
    return shown_message (GTK_WIDGET (self->photo_error_label), self->photo_error_label);

  entry = lookup_field (self, field);
  if (entry == NULL)
    {
      g_critical ("The editor has no field “%s”", field);
      return NULL;
    }
  if (g_str_equal (field, "sku") && !gtk_widget_get_visible (entry->error_row))
    return shown_message (self->sku_warning_row, self->sku_warning_label);
  if (g_str_equal (field, "price") && !gtk_widget_get_visible (entry->error_row))
    return shown_message (self->cost_warning_row, self->cost_warning_label);
  return shown_message (entry->error_row, entry->error_label);
}
