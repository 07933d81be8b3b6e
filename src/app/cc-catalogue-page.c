/* cc-catalogue-page.c — the catalogue: search, filters, sort, grid and list.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-catalogue.h"
#include "cc-catalogue-page.h"
#include "cc-money.h"
#include "cc-photo-insights.h"
#include "cc-product-model.h"
#include "cc-thumbnail-loader.h"

#define CARD_THUMB_SIZE  180
#define ROW_THUMB_SIZE   48
#define CATEGORY_INDENT  16
#define MAX_GRID_COLUMNS 12

struct _CcCataloguePage
{
  AdwBin             parent_instance;

  /* template widgets */
  GtkSearchEntry    *search_entry;
  GtkDropDown       *category_dropdown;
  GtkDropDown       *status_dropdown;
  GtkMenuButton     *price_button;
  GtkToggleButton   *photos_toggle;
  GtkEntry          *min_price_entry;
  GtkEntry          *max_price_entry;
  GtkLabel          *price_error_label;
  GtkButton         *clear_button;
  GtkLabel          *count_label;
  GtkStack          *content_stack;
  GtkGridView       *grid_view;
  GtkListView       *list_view;

  /* owned */
  CcStore           *store;
  CcProductModel    *model;
  GtkSelectionModel *grid_selection;
  GtkSelectionModel *list_selection;
  GListStore        *categories;     /* GtkStringObject, see category_id_quark */
  GSettings         *settings;
  char              *view;           /* "grid" | "list" */
  char              *sort;           /* see sorts[] */
  char              *currency;
  gint64             min_price;      /* -1: no bound */
  gint64             max_price;

  guint              columns_source;

  /* While the page itself changes its controls, their signals must not
   * each run a query. */
  guint              updating;
};

G_DEFINE_FINAL_TYPE (CcCataloguePage, cc_catalogue_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_SORT,
  N_PROPS
};

enum {
  PRODUCT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  const char *name;
  CcSort      sort;
} sorts[] = {
  { "relevance",  CC_SORT_RELEVANCE },
  { "name",       CC_SORT_NAME },
  { "price-low",  CC_SORT_PRICE_LOW },
  { "price-high", CC_SORT_PRICE_HIGH },
  { "newest",     CC_SORT_NEWEST },
};

/* The status dropdown's rows after "Any status". */
static const CcProductStatus statuses[] = {
  CC_PRODUCT_DRAFT,
  CC_PRODUCT_ACTIVE,
  CC_PRODUCT_ARCHIVED,
};

/* Category rows are GtkStringObjects carrying their id (NULL for "All
 * categories") and depth in qdata. */
static GQuark category_id_quark;
static GQuark category_depth_quark;

static gboolean
sort_from_name (const char *name,
                CcSort     *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_strcmp0 (name, sorts[i].name) == 0)
      {
        *out = sorts[i].sort;
        return TRUE;
      }
  return FALSE;
}

/* The query */

static const char *
get_selected_category_id (CcCataloguePage *self)
{
  g_autoptr(GObject) item = NULL;
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  if (self->categories == NULL || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->categories), selected);
  if (item == NULL)
    return NULL;
  /* The list store keeps the item, and with it the string. */
  return g_object_get_qdata (item, category_id_quark);
}

static int
selected_status (CcCataloguePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > G_N_ELEMENTS (statuses))
    return -1;
  return statuses[selected - 1];
}

static void
build_query (CcCataloguePage *self,
             CcSearchQuery   *query)
{
  CcSearchQuery init = CC_SEARCH_QUERY_INIT;

  *query = init;
  query->text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query->category_id = get_selected_category_id (self);
  query->status = selected_status (self);
  query->min_price = self->min_price;
  query->max_price = self->max_price;
  query->needs_photos = gtk_toggle_button_get_active (self->photos_toggle);
  if (!sort_from_name (self->sort, &query->sort))
    query->sort = CC_SORT_RELEVANCE;
}

static gboolean
query_equal (const CcSearchQuery *a,
             const CcSearchQuery *b)
{
  return g_strcmp0 (a->text != NULL ? a->text : "", b->text != NULL ? b->text : "") == 0 &&
         g_strcmp0 (a->category_id, b->category_id) == 0 &&
         g_strcmp0 (a->tag, b->tag) == 0 &&
         a->status == b->status &&
         a->min_price == b->min_price &&
         a->max_price == b->max_price &&
         a->needs_photos == b->needs_photos &&
         a->sort == b->sort;
}

static gboolean
filters_active (CcCataloguePage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
         gtk_drop_down_get_selected (self->category_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
         gtk_toggle_button_get_active (self->photos_toggle) ||
         *gtk_editable_get_text (GTK_EDITABLE (self->min_price_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->max_price_entry)) != '\0';
}

/* The model goes to the shown view only: a hidden one would still ask
 * for the rows around its own scroll position on every keystroke. */
static void
attach_model (CcCataloguePage *self)
{
  gboolean grid = g_strcmp0 (self->view, "list") != 0;

  gtk_grid_view_set_model (self->grid_view, grid ? self->grid_selection : NULL);
  gtk_list_view_set_model (self->list_view, grid ? NULL : self->list_selection);
}

static void
update_price_button (CcCataloguePage *self)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *label = NULL;

  if (self->min_price >= 0)
    min = cc_money_format (self->min_price, self->currency);
  if (self->max_price >= 0)
    max = cc_money_format (self->max_price, self->currency);

  if (min != NULL && max != NULL)
    /* Translators: a price range, lowest – highest. */
    label = g_strdup_printf (_("%s – %s"), min, max);
  else if (min != NULL)
    /* Translators: a price range with only a lowest price. */
    label = g_strdup_printf (_("From %s"), min);
  else if (max != NULL)
    /* Translators: a price range with only a highest price. */
    label = g_strdup_printf (_("Up to %s"), max);
  else
    label = g_strdup (_("Price"));

  /* Setting it makes a new label: not on every keystroke. */
  if (g_strcmp0 (gtk_menu_button_get_label (self->price_button), label) != 0)
    gtk_menu_button_set_label (self->price_button, label);
}

/* Whether the shop has no pieces at all, rather than none that match:
 * one row of the plain list answers it, where a count would read them
 * all. */
static gboolean
shop_is_empty (CcCataloguePage *self)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;

  query.limit = 1;
  hits = cc_search_run (self->store, &query, NULL);
  return hits != NULL && hits->len == 0;
}

static void
update_state (CcCataloguePage *self)
{
  gboolean filtered = filters_active (self);
  const char *page;
  guint n;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalogue.clear-filters", filtered);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), filtered);
  update_price_button (self);

  if (self->model == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (n > 0)
    {
      g_autofree char *number = g_strdup_printf ("%'u", n);
      g_autofree char *text = g_strdup_printf (ngettext ("%s piece", "%s pieces", n), number);

      gtk_label_set_text (self->count_label, text);
      page = g_strcmp0 (self->view, "list") == 0 ? "list" : "grid";
    }
  else
    {
      gtk_label_set_text (self->count_label, "");
      if (!filtered || shop_is_empty (self))
        page = "empty";
      else
        page = "no-results";
    }
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

/* Runs the query the controls describe; @force: even if it is the one
 * shown (the shop changed). */
static void
update_query (CcCataloguePage *self,
              gboolean         force)
{
  CcSearchQuery query;

  if (self->model == NULL || self->updating > 0)
    return;

  build_query (self, &query);
  if (!query_equal (&query, cc_product_model_get_query (self->model)))
    cc_product_model_set_query (self->model, &query);
  else if (force)
    cc_product_model_reload (self->model);
  update_state (self);
}

/* Search and filters */

static void
on_search_changed (CcCataloguePage *self)
{
  update_query (self, FALSE);
}

static void
on_stop_search (CcCataloguePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_query (self, FALSE);
}

static void
on_search_activate (CcCataloguePage *self)
{
  GtkWidget *view = g_strcmp0 (self->view, "list") == 0
                    ? GTK_WIDGET (self->list_view) : GTK_WIDGET (self->grid_view);

  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
}

static void
on_filter_changed (CcCataloguePage *self)
{
  update_query (self, FALSE);
}

static gboolean
parse_price (CcCataloguePage  *self,
             GtkEntry         *entry,
             gint64           *out,
             GError          **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    {
      *out = -1;
      return TRUE;
    }
  return cc_money_parse (text, self->currency, out, error);
}

/* Applies the price entries; a bad one shows why and keeps the range
 * that was last good. */
static void
apply_price_entries (CcCataloguePage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 min = -1;
  gint64 max = -1;
  gboolean min_ok, max_ok;

  min_ok = parse_price (self, self->min_price_entry, &min, &error);
  max_ok = parse_price (self, self->max_price_entry, &max, min_ok ? &error : NULL);

  if (min_ok && max_ok && min >= 0 && max >= 0 && min > max)
    {
      g_set_error_literal (&error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The lowest price is above the highest price"));
      max_ok = FALSE;
    }

  if (min_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->min_price_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->min_price_entry), "error");
  if (max_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->max_price_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->max_price_entry), "error");

  if (error != NULL)
    {
      gtk_label_set_text (self->price_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->price_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->price_error_label), FALSE);
  self->min_price = min;
  self->max_price = max;
}

static void
on_price_changed (CcCataloguePage *self)
{
  if (self->updating > 0)
    return;
  apply_price_entries (self);
  update_query (self, FALSE);
}

static void
clear_filters (CcCataloguePage *self)
{
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_toggle_button_set_active (self->photos_toggle, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->min_price_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->max_price_entry), "");
  self->updating--;

  apply_price_entries (self);
  update_query (self, FALSE);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (CC_CATALOGUE_PAGE (widget));
}

/* Categories */

static void
category_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gboolean in_button = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *box, *check;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (in_button)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_list_item_set_child (list_item, label);
      return;
    }

  /* In the popup, a check mark on the chosen row, as GtkDropDown's own. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_object_bind_property (list_item, "selected", check, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
category_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gboolean in_button = GPOINTER_TO_INT (user_data);
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *label = in_button ? child : gtk_widget_get_first_child (child);
  int depth = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (item), category_depth_quark));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (item));
  gtk_widget_set_margin_start (label, in_button ? 0 : depth * CATEGORY_INDENT);
}

static GtkListItemFactory *
category_factory_new (gboolean in_button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (category_setup), GINT_TO_POINTER (in_button));
  g_signal_connect (factory, "bind", G_CALLBACK (category_bind), GINT_TO_POINTER (in_button));
  return factory;
}

static void
add_category_row (GListStore *store,
                  const char *name,
                  const char *id,
                  int         depth)
{
  g_autoptr(GtkStringObject) item = gtk_string_object_new (name);

  g_object_set_qdata_full (G_OBJECT (item), category_id_quark, g_strdup (id), g_free);
  g_object_set_qdata (G_OBJECT (item), category_depth_quark, GINT_TO_POINTER (depth));
  g_list_store_append (store, item);
}

/* Fills the category dropdown from the shop, keeping the chosen category
 * if it is still there. */
static void
load_categories (CcCataloguePage *self)
{
  g_autofree char *selected_id = g_strdup (get_selected_category_id (self));
  g_autoptr(GPtrArray) list = cc_catalogue_list_categories (self->store);
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  guint selected = 0;

  add_category_row (store, _("All categories"), NULL, 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      CcCategory *category = g_ptr_array_index (list, i);

      add_category_row (store, category->name, category->id, category->depth);
      if (selected_id != NULL && g_strcmp0 (selected_id, category->id) == 0)
        selected = i + 1;
    }

  self->updating++;
  g_set_object (&self->categories, store);
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (store));
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  self->updating--;
}

/* Cards and rows */

/* What a card or a row shows, whatever built it. */
typedef struct
{
  GtkPicture *picture;
  GtkLabel   *title;
  GtkLabel   *sku;       /* rows only */
  GtkLabel   *price;
  GtkLabel   *status;
  GtkLabel   *score;     /* the cover photo's score badge */
  int         thumb_size;
} ItemWidgets;

/* The card is a template, parsed once for the class: building it with a
 * GtkBuilder per cell would parse the file again for each of them. */
#define CC_TYPE_PRODUCT_CARD (cc_product_card_get_type ())
G_DECLARE_FINAL_TYPE (CcProductCard, cc_product_card, CC, PRODUCT_CARD, GtkBox)

struct _CcProductCard
{
  GtkBox       parent_instance;

  /* template widgets */
  ItemWidgets  widgets;
};

G_DEFINE_FINAL_TYPE (CcProductCard, cc_product_card, GTK_TYPE_BOX)

static void
cc_product_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_PRODUCT_CARD);

  G_OBJECT_CLASS (cc_product_card_parent_class)->dispose (object);
}

static void
cc_product_card_class_init (CcProductCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_product_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-product-card.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "picture", FALSE,
                                             G_STRUCT_OFFSET (CcProductCard, widgets.picture));
  gtk_widget_class_bind_template_child_full (widget_class, "title", FALSE,
                                             G_STRUCT_OFFSET (CcProductCard, widgets.title));
  gtk_widget_class_bind_template_child_full (widget_class, "price", FALSE,
                                             G_STRUCT_OFFSET (CcProductCard, widgets.price));
  gtk_widget_class_bind_template_child_full (widget_class, "status", FALSE,
                                             G_STRUCT_OFFSET (CcProductCard, widgets.status));
}

static void
cc_product_card_init (CcProductCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->widgets.thumb_size = CARD_THUMB_SIZE;
}

/* The cover photo's analysis, asked for only when the badge is hovered. */
static gboolean
on_score_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, CC_TYPE_CATALOGUE_PAGE);
  const char *sha256 = g_object_get_data (G_OBJECT (widget), "cc-cover-sha256");
  g_autofree char *markup = NULL;

  if (page == NULL || CC_CATALOGUE_PAGE (page)->store == NULL)
    return FALSE;
  markup = cc_photo_insights_dup_analysis_markup (CC_CATALOGUE_PAGE (page)->store, sha256);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static GtkLabel *
score_badge_new (void)
{
  GtkWidget *score = gtk_label_new (NULL);

  gtk_widget_set_visible (score, FALSE);
  gtk_widget_set_has_tooltip (score, TRUE);
  g_signal_connect (score, "query-tooltip", G_CALLBACK (on_score_query_tooltip), NULL);
  return GTK_LABEL (score);
}

/* A row has six widgets: made here, as cheap as it gets. */
static GtkWidget *
product_row_new (ItemWidgets *widgets)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sku = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "product-row");

  /* As the card: a HiDPI texture must not make the thumbnail larger. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), ROW_THUMB_SIZE);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), ROW_THUMB_SIZE);
  gtk_widget_set_valign (clamp, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (picture, ROW_THUMB_SIZE, ROW_THUMB_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_box_append (GTK_BOX (row), clamp);

  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_label_set_xalign (GTK_LABEL (sku), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sku), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sku, "caption");
  gtk_widget_add_css_class (sku, "dim-label");
  gtk_box_append (GTK_BOX (texts), sku);
  gtk_box_append (GTK_BOX (row), texts);

  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (status, FALSE);
  gtk_widget_add_css_class (status, "status-pill");
  gtk_box_append (GTK_BOX (row), status);

  widgets->score = score_badge_new ();
  gtk_widget_set_valign (GTK_WIDGET (widgets->score), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (widgets->score));

  gtk_widget_set_valign (price, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (price), 1);
  gtk_label_set_width_chars (GTK_LABEL (price), 12);
  gtk_widget_add_css_class (price, "price");
  gtk_box_append (GTK_BOX (row), price);

  widgets->picture = GTK_PICTURE (picture);
  widgets->title = GTK_LABEL (title);
  widgets->sku = GTK_LABEL (sku);
  widgets->status = GTK_LABEL (status);
  widgets->price = GTK_LABEL (price);
  widgets->thumb_size = ROW_THUMB_SIZE;

  gtk_widget_set_has_tooltip (row, TRUE);
  return row;
}

/* The whole title, when the card or row had to cut it short. */
static gboolean
on_item_query_tooltip (GtkWidget   *widget,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip,
                       ItemWidgets *widgets)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (widgets->title)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (widgets->title));
  return TRUE;
}

static void
item_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  gboolean row = GPOINTER_TO_INT (user_data);
  ItemWidgets *widgets;
  GtkWidget *child;

  if (row)
    {
      widgets = g_new0 (ItemWidgets, 1);
      child = product_row_new (widgets);
      g_object_set_data_full (G_OBJECT (child), "cc-item-widgets", widgets, g_free);
    }
  else
    {
      child = g_object_new (CC_TYPE_PRODUCT_CARD, NULL);
      widgets = &CC_PRODUCT_CARD (child)->widgets;
      g_object_set_data (G_OBJECT (child), "cc-item-widgets", widgets);

      /* On the cover's top-right corner, opposite the status pill. */
      widgets->score = score_badge_new ();
      gtk_widget_set_halign (GTK_WIDGET (widgets->score), GTK_ALIGN_END);
      gtk_widget_set_valign (GTK_WIDGET (widgets->score), GTK_ALIGN_START);
      gtk_widget_set_margin_end (GTK_WIDGET (widgets->score), 6);
      gtk_widget_set_margin_top (GTK_WIDGET (widgets->score), 6);
      gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (widgets->picture))),
                               GTK_WIDGET (widgets->score));
    }

  /* Asked for when shown: setting a tooltip text on every bind costs a
   * round trip to the display server in GTK 4.8. */
  g_signal_connect (child, "query-tooltip", G_CALLBACK (on_item_query_tooltip), widgets);
  gtk_list_item_set_child (list_item, child);
}

static void
item_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CcCataloguePage          *self)
{
  CcProductItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  ItemWidgets *widgets = g_object_get_data (G_OBJECT (child), "cc-item-widgets");
  CcProductStatus status = cc_product_item_get_status (item);

  gtk_label_set_text (widgets->title, cc_product_item_get_title (item));
  gtk_label_set_text (widgets->price, cc_product_item_get_price_text (item));
  if (widgets->sku != NULL)
    gtk_label_set_text (widgets->sku, cc_product_item_get_sku (item));

  gtk_widget_set_visible (GTK_WIDGET (widgets->status), status != CC_PRODUCT_ACTIVE);
  gtk_label_set_text (widgets->status, cc_product_item_get_status_label (item));
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->status), "draft");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->status), "archived");
  if (status != CC_PRODUCT_ACTIVE)
    gtk_widget_add_css_class (GTK_WIDGET (widgets->status), cc_product_status_to_string (status));

  cc_thumbnail_loader_bind (widgets->picture,
                            self->store != NULL ? cc_store_get_data_dir (self->store) : NULL,
                            cc_product_item_get_cover_sha256 (item),
                            widgets->thumb_size);

  g_object_set_data_full (G_OBJECT (widgets->score), "cc-cover-sha256",
                          g_strdup (cc_product_item_get_cover_sha256 (item)), g_free);
  cc_photo_score_badge_update (widgets->score,
                               self->store != NULL
                               ? cc_search_get_photo_score (self->store, cc_product_item_get_cover_sha256 (item))
                               : -1);
}

static GtkListItemFactory *
item_factory_new (CcCataloguePage *self,
                  gboolean         row)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup), GINT_TO_POINTER (row));
  g_signal_connect_object (factory, "bind", G_CALLBACK (item_bind), self, 0);
  return factory;
}

/* GtkGridView in GTK 4.8 keeps widgets for about thirty rows of
 * max-columns cells, however many columns fit. Keeping max-columns at the
 * number that fits keeps it from making, binding and measuring cards it
 * cannot show, which is most of the cost of the first frame. */
static gboolean
update_grid_columns (gpointer user_data)
{
  CcCataloguePage *self = CC_CATALOGUE_PAGE (user_data);
  GtkWidget *grid = GTK_WIDGET (self->grid_view);
  guint max_columns = gtk_grid_view_get_max_columns (self->grid_view);
  int width = gtk_widget_get_width (grid);
  int minimum, natural;
  guint n_columns;

  self->columns_source = 0;

  if (width <= 0)
    return G_SOURCE_REMOVE;
  /* The natural width is a column's natural width times max-columns. */
  gtk_widget_measure (grid, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (natural <= 0)
    return G_SOURCE_REMOVE;

  n_columns = CLAMP (width / MAX (1, natural / (int)max_columns), 1, MAX_GRID_COLUMNS);
  if (n_columns != max_columns)
    gtk_grid_view_set_max_columns (self->grid_view, n_columns);

  return G_SOURCE_REMOVE;
}

static void
on_grid_width_changed (CcCataloguePage *self)
{
  /* Not from inside the allocation that changed the width. */
  if (self->columns_source == 0)
    self->columns_source = g_idle_add (update_grid_columns, self);
}

static void
on_view_activate (CcCataloguePage *self,
                  guint            position)
{
  g_autoptr(CcProductItem) item = NULL;

  if (self->model == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  /* A blank stand-in for a row that went away has no id. */
  if (item != NULL && cc_product_item_get_id (item) != NULL)
    g_signal_emit (self, signals[PRODUCT_ACTIVATED], 0, cc_product_item_get_id (item));
}

/* View and sort */

static void
set_view (CcCataloguePage *self,
          const char      *view)
{
  if (g_strcmp0 (view, "grid") != 0 && g_strcmp0 (view, "list") != 0)
    return;
  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);
  attach_model (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
set_sort (CcCataloguePage *self,
          const char      *sort)
{
  CcSort unused;

  if (!sort_from_name (sort, &unused) || g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  update_query (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/* Public API */

void
cc_catalogue_page_set_store (CcCataloguePage *self,
                             CcStore         *store)
{
  g_return_if_fail (CC_IS_CATALOGUE_PAGE (self));
  g_return_if_fail (CC_IS_STORE (store));

  if (self->store == store)
    return;

  g_set_object (&self->store, store);
  g_free (self->currency);
  self->currency = cc_store_dup_setting (store, "currency", "INR");

  g_clear_object (&self->grid_selection);
  g_clear_object (&self->list_selection);
  g_clear_object (&self->model);

  load_categories (self);

  /* Counts the whole shop once; set_query below runs the real query. */
  self->model = cc_product_model_new (store);
  self->grid_selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  self->list_selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (self->list_selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (self->list_selection), TRUE);

  attach_model (self);
  update_query (self, FALSE);
  update_state (self);
}

void
cc_catalogue_page_reload (CcCataloguePage *self)
{
  g_return_if_fail (CC_IS_CATALOGUE_PAGE (self));

  if (self->store == NULL)
    return;

  g_free (self->currency);
  self->currency = cc_store_dup_setting (self->store, "currency", "INR");
  apply_price_entries (self);
  load_categories (self);
  /* Same model object, same positions: the views keep their place. */
  update_query (self, TRUE);
}

void
cc_catalogue_page_focus_search (CcCataloguePage *self)
{
  g_return_if_fail (CC_IS_CATALOGUE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
cc_catalogue_page_get_n_results (CcCataloguePage *self)
{
  g_return_val_if_fail (CC_IS_CATALOGUE_PAGE (self), 0);

  if (self->model == NULL)
    return 0;
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

void
cc_catalogue_page_set_search_text (CcCataloguePage *self,
                                   const char      *text)
{
  g_return_if_fail (CC_IS_CATALOGUE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Not after the entry's pause: callers expect the results now. */
  update_query (self, FALSE);
}

/* GObject */

static void
cc_catalogue_page_dispose (GObject *object)
{
  CcCataloguePage *self = (CcCataloguePage *)object;

  if (self->settings != NULL)
    {
      g_settings_unbind (self, "view");
      g_settings_unbind (self, "sort");
    }

  g_clear_handle_id (&self->columns_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_CATALOGUE_PAGE);

  g_clear_object (&self->grid_selection);
  g_clear_object (&self->list_selection);
  g_clear_object (&self->model);
  g_clear_object (&self->categories);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cc_catalogue_page_parent_class)->dispose (object);
}

static void
cc_catalogue_page_finalize (GObject *object)
{
  CcCataloguePage *self = (CcCataloguePage *)object;

  g_free (self->view);
  g_free (self->sort);
  g_free (self->currency);

  G_OBJECT_CLASS (cc_catalogue_page_parent_class)->finalize (object);
}

static void
cc_catalogue_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CcCataloguePage *self = CC_CATALOGUE_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_catalogue_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CcCataloguePage *self = CC_CATALOGUE_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      set_view (self, g_value_get_string (value));
      break;
    case PROP_SORT:
      set_sort (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_catalogue_page_class_init (CcCataloguePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_catalogue_page_dispose;
  object_class->finalize = cc_catalogue_page_finalize;
  object_class->get_property = cc_catalogue_page_get_property;
  object_class->set_property = cc_catalogue_page_set_property;

  /**
   * CcCataloguePage:view:
   *
   * How pieces are shown: "grid" or "list".
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "grid",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /**
   * CcCataloguePage:sort:
   *
   * The order of pieces: "relevance", "name", "price-low", "price-high"
   * or "newest".
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "relevance",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PRODUCT_ACTIVATED] =
    g_signal_new ("product-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-catalogue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, price_button);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, photos_toggle);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, min_price_entry);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, max_price_entry);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, price_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CcCataloguePage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_price_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activate);

  gtk_widget_class_install_property_action (widget_class, "catalogue.view", "view");
  gtk_widget_class_install_property_action (widget_class, "catalogue.sort", "sort");
  gtk_widget_class_install_action (widget_class, "catalogue.clear-filters", NULL, clear_filters_action);

  category_id_quark = g_quark_from_static_string ("cc-catalogue-category-id");
  category_depth_quark = g_quark_from_static_string ("cc-catalogue-category-depth");
}

static void
cc_catalogue_page_init (CcCataloguePage *self)
{
  g_autoptr(GtkListItemFactory) category_button_factory = NULL;
  g_autoptr(GtkListItemFactory) category_list_factory = NULL;
  g_autoptr(GtkListItemFactory) card_factory = NULL;
  g_autoptr(GtkListItemFactory) row_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = g_strdup ("grid");
  self->sort = g_strdup ("relevance");
  self->currency = g_strdup ("INR");
  self->min_price = -1;
  self->max_price = -1;

  category_button_factory = category_factory_new (TRUE);
  category_list_factory = category_factory_new (FALSE);
  gtk_drop_down_set_factory (self->category_dropdown, category_button_factory);
  gtk_drop_down_set_list_factory (self->category_dropdown, category_list_factory);

  card_factory = item_factory_new (self, FALSE);
  row_factory = item_factory_new (self, TRUE);
  gtk_grid_view_set_factory (self->grid_view, card_factory);
  gtk_list_view_set_factory (self->list_view, row_factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view)),
                           "notify::page-size", G_CALLBACK (on_grid_width_changed),
                           self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "catalogue-view", self, "view", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "catalogue-sort", self, "sort", G_SETTINGS_BIND_DEFAULT);

  update_state (self);
}
