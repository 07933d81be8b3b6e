/* cc-categories-window.c — the category tree: add, rename, move and remove categories.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-categories-window.h"
#include "cc-search.h"

struct _CcCategoriesWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;

  /* owned */
  CcStore         *store;
  GPtrArray       *categories;   /* CcCategory*, depth first */
};

G_DEFINE_FINAL_TYPE (CcCategoriesWindow, cc_categories_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
add_toast (CcCategoriesWindow *self,
           const char         *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static CcCategory *
find_category (CcCategoriesWindow *self,
               const char         *id,
               guint              *out_index)
{
  for (guint i = 0; i < self->categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (category->id, id) == 0)
        {
          if (out_index != NULL)
            *out_index = i;
          return category;
        }
    }
  return NULL;
}

/* The list is depth first, so children follow their parent directly. */
static gboolean
has_subcategories (CcCategoriesWindow *self,
                   guint               index)
{
  CcCategory *category = g_ptr_array_index (self->categories, index);
  CcCategory *next;

  if (index + 1 >= self->categories->len)
    return FALSE;
  next = g_ptr_array_index (self->categories, index + 1);
  return next->depth > category->depth;
}

/* Pieces in the category and below it; -1 if the count failed. */
static gint64
count_pieces (CcCategoriesWindow *self,
              const char         *category_id)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  query.category_id = category_id;
  return cc_search_count (self->store, &query, NULL);
}

/* The list */

static GMenuModel *
make_row_menu (const char *category_id)
{
  GMenu *menu = g_menu_new ();
  static const struct
  {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Rename…"), "category.rename" },
    { N_("_Move To…"), "category.move" },
    { N_("Re_move…"), "category.remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (category_id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_row (CcCategoriesWindow *self,
          CcCategory         *category)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("folder-symbolic");
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = make_row_menu (category->id);
  gint64 pieces = count_pieces (self, category->id);
  g_autofree char *label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->name);
  if (pieces >= 0)
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%d piece", "%d pieces", (gulong)pieces),
                                                   (int)pieces);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  /* Indenting the icon, not the row, keeps the boxed list's edges. */
  gtk_widget_set_margin_start (icon, 24 * category->depth);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  label = g_strdup_printf (_("Actions for “%s”"), category->name);
  gtk_widget_set_tooltip_text (button, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh (CcCategoriesWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = cc_catalogue_list_categories (self->store);

  for (guint i = 0; i < self->categories->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (self->categories, i)));

  gtk_stack_set_visible_child_name (self->stack, self->categories->len > 0 ? "list" : "empty");
}

/* After any write: a refused change shows why and leaves things as they were. */
static void
finish_change (CcCategoriesWindow *self,
               gboolean            ok,
               const GError       *error)
{
  if (!ok)
    {
      add_toast (self, error->message);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Dialogs */

static AdwMessageDialog *
make_dialog (CcCategoriesWindow *self,
             const char         *heading,
             const char         *body)
{
  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
}

/* A drop-down of categories (indented by depth), optionally led by "Top
 * level", leaving out `exclude_id` and everything below it. Fills `ids`
 * with the category id of each entry (NULL for the top level). */
static GtkWidget *
make_category_dropdown (CcCategoriesWindow *self,
                        gboolean            with_top_level,
                        const char         *exclude_id,
                        const char         *selected_id,
                        GPtrArray          *ids)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) excluded = NULL;
  GtkWidget *dropdown;
  guint selected = 0;

  if (exclude_id != NULL)
    excluded = cc_catalogue_category_subtree (self->store, exclude_id);
  if (with_top_level)
    {
      gtk_string_list_append (labels, _("Top level"));
      g_ptr_array_add (ids, NULL);
    }
  for (guint i = 0; i < self->categories->len; i++)
    {
      CcCategory *category = g_ptr_array_index (self->categories, i);
      g_autofree char *indent = NULL;
      g_autofree char *label = NULL;

      if (excluded != NULL && g_ptr_array_find_with_equal_func (excluded, category->id, g_str_equal, NULL))
        continue;
      if (g_strcmp0 (category->id, selected_id) == 0)
        selected = ids->len;
      indent = g_strnfill (4 * category->depth, ' ');
      label = g_strconcat (indent, category->name, NULL);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (ids, g_strdup (category->id));
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

static const char *
dropdown_get_id (AdwMessageDialog *dialog)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "dropdown");
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

static GtkWidget *
make_labelled (const char *text,
               GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = g_object_get_data (G_OBJECT (dialog), "name-response");

  adw_message_dialog_set_response_enabled (dialog, response, *name != '\0');
}

/* An entry whose emptiness disables the dialog's `response`. */
static GtkWidget *
make_name_entry (AdwMessageDialog *dialog,
                 const char       *text,
                 const char       *response)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_object_set_data (G_OBJECT (dialog), "name-response", (gpointer)response);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed), dialog, 0);
  on_name_changed (GTK_EDITABLE (entry), dialog);
  return entry;
}

static void
present_dialog (AdwMessageDialog *dialog,
                const char       *default_response,
                const char       *close_response)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  adw_message_dialog_set_default_response (dialog, default_response);
  adw_message_dialog_set_close_response (dialog, close_response);
  gtk_window_present (GTK_WINDOW (dialog));
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

/* Add */

static void
on_add_response (AdwMessageDialog   *dialog,
                 const char         *response,
                 CcCategoriesWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  id = cc_catalogue_add_category (self->store, gtk_editable_get_text (entry), dropdown_get_id (dialog), &error);
  finish_change (self, id != NULL, error);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (widget);
  AdwMessageDialog *dialog = make_dialog (self, _("Add Category"), NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *dropdown;

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);

  dropdown = make_category_dropdown (self, TRUE, NULL, NULL, ids);
  gtk_box_append (GTK_BOX (box), make_labelled (_("_Name"), make_name_entry (dialog, "", "add")));
  gtk_box_append (GTK_BOX (box), make_labelled (_("_Inside"), dropdown));
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response), self, 0);
  present_dialog (dialog, "add", "cancel");
}

/* Rename */

static void
on_rename_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    CcCategoriesWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *id = g_object_get_data (G_OBJECT (dialog), "category-id");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "rename") != 0)
    return;
  ok = cc_catalogue_rename_category (self->store, id, gtk_editable_get_text (entry), &error);
  finish_change (self, ok, error);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (widget);
  CcCategory *category = find_category (self, g_variant_get_string (parameter, NULL), NULL);
  AdwMessageDialog *dialog;

  if (category == NULL)
    return;

  dialog = make_dialog (self, _("Rename Category"), NULL);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (dialog, make_name_entry (dialog, category->name, "rename"));
  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (category->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  present_dialog (dialog, "rename", "cancel");
}

/* Move */

static void
on_move_response (AdwMessageDialog   *dialog,
                  const char         *response,
                  CcCategoriesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "category-id");
  CcCategory *category;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "move") != 0)
    return;
  category = find_category (self, id, NULL);
  ok = cc_catalogue_move_category (self->store, id, dropdown_get_id (dialog),
                                   category != NULL ? category->sort_order : 0, &error);
  finish_change (self, ok, error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (widget);
  CcCategory *category = find_category (self, g_variant_get_string (parameter, NULL), NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GPtrArray *ids;
  GtkWidget *dropdown;

  if (category == NULL)
    return;

  heading = g_strdup_printf (_("Move “%s”"), category->name);
  dialog = make_dialog (self, heading, _("Choose the category it goes inside."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);

  /* A category cannot go inside itself: those places are not offered
   * (and core refuses them anyway). */
  ids = g_ptr_array_new_with_free_func (g_free);
  dropdown = make_category_dropdown (self, TRUE, category->id, category->parent_id, ids);
  adw_message_dialog_set_extra_child (dialog, dropdown);

  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (category->id), g_free);
  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self, 0);
  present_dialog (dialog, "move", "cancel");
}

/* Remove */

static void
on_remove_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    CcCategoriesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "category-id");
  const char *target_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (g_object_get_data (G_OBJECT (dialog), "dropdown") != NULL)
    target_id = dropdown_get_id (dialog);
  ok = cc_catalogue_remove_category (self->store, id, target_id, &error);
  finish_change (self, ok, error);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  AdwMessageDialog *dialog;
  CcCategory *category;
  GtkWidget *dropdown;
  gboolean children;
  gint64 pieces;
  guint index;

  category = find_category (self, g_variant_get_string (parameter, NULL), &index);
  if (category == NULL)
    return;

  pieces = count_pieces (self, category->id);
  children = has_subcategories (self, index);
  heading = g_strdup_printf (_("Remove “%s”?"), category->name);

  if (pieces == 0 && !children)
    {
      dialog = make_dialog (self, heading, _("The category is empty. Nothing else changes."));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "remove", _("_Remove"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (category->id), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
      present_dialog (dialog, "cancel", "cancel");
      return;
    }

  ids = g_ptr_array_new_with_free_func (g_free);
  dropdown = make_category_dropdown (self, FALSE, category->id, category->parent_id, ids);
  if (ids->len == 0)
    {
      g_object_ref_sink (dropdown);
      g_object_unref (dropdown);
      dialog = make_dialog (self, heading,
                            _("Its pieces and subcategories need another category to go to. Add one first, then remove this one."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      present_dialog (dialog, "close", "close");
      return;
    }

  if (pieces > 0)
    body = g_strdup_printf (ngettext ("It holds %d piece, counting its subcategories. Choose the category that receives its pieces and subcategories.",
                                      "It holds %d pieces, counting its subcategories. Choose the category that receives its pieces and subcategories.",
                                      (gulong)pieces),
                            (int)pieces);
  else
    body = g_strdup (_("It holds subcategories. Choose the category that receives them."));

  dialog = make_dialog (self, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_extra_child (dialog, make_labelled (_("_Move contents to"), dropdown));

  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (category->id), g_free);
  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  present_dialog (dialog, "cancel", "cancel");
}

/* GObject */

static void
cc_categories_window_constructed (GObject *object)
{
  CcCategoriesWindow *self = (CcCategoriesWindow *)object;

  G_OBJECT_CLASS (cc_categories_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  refresh (self);
}

static void
cc_categories_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CC_TYPE_CATEGORIES_WINDOW);

  G_OBJECT_CLASS (cc_categories_window_parent_class)->dispose (object);
}

static void
cc_categories_window_finalize (GObject *object)
{
  CcCategoriesWindow *self = (CcCategoriesWindow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_categories_window_parent_class)->finalize (object);
}

static void
cc_categories_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_categories_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CcCategoriesWindow *self = CC_CATEGORIES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_categories_window_class_init (CcCategoriesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cc_categories_window_constructed;
  object_class->dispose = cc_categories_window_dispose;
  object_class->finalize = cc_categories_window_finalize;
  object_class->get_property = cc_categories_window_get_property;
  object_class->set_property = cc_categories_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CC_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-categories-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCategoriesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcCategoriesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CcCategoriesWindow, list_box);

  gtk_widget_class_install_action (widget_class, "category.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "category.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "category.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "category.remove", "s", remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_categories_window_init (CcCategoriesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CcCategoriesWindow *
cc_categories_window_new (GtkWindow *parent,
                          CcStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return g_object_new (CC_TYPE_CATEGORIES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
