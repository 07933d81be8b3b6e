/* cc-piece-picker.c — a searchable list of the pieces a shop can sell, for orders and quick sales.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-money.h"
#include "cc-piece-picker.h"
#include "cc-search.h"

/* A picker shows the best matches, not the whole catalogue: typing narrows. */
#define MAX_HITS 30

struct _CcPiecePicker
{
  GtkBox          parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkStack       *stack;

  /* owned */
  CcStore        *store;
  GPtrArray      *results;   /* CcPiece*, in the list's order */
};

G_DEFINE_FINAL_TYPE (CcPiecePicker, cc_piece_picker, GTK_TYPE_BOX)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Pieces */

void
cc_piece_free (CcPiece *piece)
{
  if (piece == NULL)
    return;
  g_free (piece->product_id);
  g_free (piece->variant_id);
  g_free (piece->title);
  g_free (piece->sku);
  g_free (piece->currency);
  g_free (piece);
}

static CcPiece *
piece_from (CcStore         *store,
            const CcProduct *product,
            const CcVariant *variant,
            const char      *lang)
{
  CcPiece *piece = g_new0 (CcPiece, 1);
  GString *title = g_string_new (cc_product_get_title (product, lang));

  piece->product_id = g_strdup (product->id);
  piece->currency = g_strdup (product->currency);
  piece->price = product->price;
  piece->sku = g_strdup (product->sku);
  if (variant != NULL)
    {
      piece->variant_id = g_strdup (variant->id);
      if (variant->price > 0)
        piece->price = variant->price;
      if (variant->sku != NULL && *variant->sku != '\0')
        {
          g_free (piece->sku);
          piece->sku = g_strdup (variant->sku);
        }
      for (guint j = 0; j < variant->options->len; j++)
        {
          CcVariantOption *option = g_ptr_array_index (variant->options, j);

          g_string_append_printf (title, j == 0 ? " — %s: %s" : ", %s: %s", option->name, option->value);
        }
    }
  piece->title = g_string_free (title, FALSE);
  cc_inventory_get_level (store, piece->product_id, piece->variant_id, &piece->level, NULL);
  return piece;
}

CcPiece *
cc_piece_lookup (CcStore     *store,
                 const char  *product_id,
                 const char  *variant_id,
                 GError     **error)
{
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  product = cc_catalogue_get_product (store, product_id, error);
  if (product == NULL)
    return NULL;
  languages = cc_store_dup_languages (store);
  if (variant_id == NULL)
    return piece_from (store, product, NULL, languages[0]);

  variants = cc_catalogue_list_variants (store, product->id);
  for (guint i = 0; i < variants->len; i++)
    {
      CcVariant *variant = g_ptr_array_index (variants, i);

      if (g_strcmp0 (variant->id, variant_id) == 0)
        return piece_from (store, product, variant, languages[0]);
    }
  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
               _("This variant of “%s” no longer exists"),
               cc_product_get_title (product, languages[0]));
  return NULL;
}

/* The list */

static GtkWidget *
create_row (const CcPiece *piece)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *price = cc_money_format (piece->price, piece->currency);
  g_autofree char *available = g_strdup_printf (_("%lld available"), (long long)piece->level.available);
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  if (piece->sku != NULL && *piece->sku != '\0')
    subtitle = g_strdup_printf ("%s · %s · %s", piece->sku, price, available);
  else
    subtitle = g_strdup_printf ("%s · %s", price, available);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), piece->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  if (piece->level.available <= 0)
    gtk_widget_add_css_class (row, "warning");
  return row;
}

static void
run_search (CcPiecePicker *self)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_auto(GStrv) languages = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->results, 0);

  if (self->store == NULL)
    return;

  query.text = text;
  query.sort = (text == NULL || *text == '\0') ? CC_SORT_NAME : CC_SORT_RELEVANCE;
  query.limit = MAX_HITS;
  hits = cc_search_run (self->store, &query, NULL);
  languages = cc_store_dup_languages (self->store);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(CcProduct) product = NULL;
      g_autoptr(GPtrArray) variants = NULL;

      if (hit->status == CC_PRODUCT_ARCHIVED)
        continue;
      product = cc_catalogue_get_product (self->store, hit->id, NULL);
      if (product == NULL)
        continue;
      variants = cc_catalogue_list_variants (self->store, product->id);
      if (variants->len == 0)
        g_ptr_array_add (self->results, piece_from (self->store, product, NULL, languages[0]));
      for (guint j = 0; j < variants->len; j++)
        g_ptr_array_add (self->results,
                         piece_from (self->store, product, g_ptr_array_index (variants, j), languages[0]));
    }

  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (self->results, i)));
  gtk_stack_set_visible_child_name (self->stack, self->results->len > 0 ? "list" : "empty");
}

static void
on_search_changed (CcPiecePicker *self)
{
  run_search (self);
}

static void
on_search_activate (CcPiecePicker *self)
{
  /* Enter takes the best match: a barcode scanner or a typed SKU adds at once. */
  if (self->results->len > 0)
    cc_piece_picker_pick (self, 0);
}

static void
on_row_activated (CcPiecePicker *self,
                  GtkListBoxRow *row)
{
  cc_piece_picker_pick (self, gtk_list_box_row_get_index (row));
}

static void
cc_piece_picker_dispose (GObject *object)
{
  CcPiecePicker *self = CC_PIECE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_PIECE_PICKER);
  g_clear_object (&self->store);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_piece_picker_parent_class)->dispose (object);
}

static void
cc_piece_picker_class_init (CcPiecePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_piece_picker_dispose;

  /**
   * CcPiecePicker::picked:
   * @product_id: the product
   * @variant_id: (nullable): the variant, or NULL for the product itself
   */
  signals[PICKED] = g_signal_new ("picked",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-piece-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CcPiecePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcPiecePicker, list_box);
  gtk_widget_class_bind_template_child (widget_class, CcPiecePicker, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
cc_piece_picker_init (CcPiecePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify)cc_piece_free);
}

GtkWidget *
cc_piece_picker_new (void)
{
  return g_object_new (CC_TYPE_PIECE_PICKER, NULL);
}

void
cc_piece_picker_set_store (CcPiecePicker *self,
                           CcStore       *store)
{
  g_return_if_fail (CC_IS_PIECE_PICKER (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  if (g_set_object (&self->store, store))
    run_search (self);
}

void
cc_piece_picker_reload (CcPiecePicker *self)
{
  g_return_if_fail (CC_IS_PIECE_PICKER (self));
  run_search (self);
}

void
cc_piece_picker_focus_search (CcPiecePicker *self)
{
  g_return_if_fail (CC_IS_PIECE_PICKER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
cc_piece_picker_set_search_text (CcPiecePicker *self,
                                 const char    *text)
{
  g_return_if_fail (CC_IS_PIECE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry reports changes after a delay; a caller wants results now. */
  run_search (self);
}

guint
cc_piece_picker_get_n_results (CcPiecePicker *self)
{
  g_return_val_if_fail (CC_IS_PIECE_PICKER (self), 0);
  return self->results->len;
}

const CcPiece *
cc_piece_picker_get_result (CcPiecePicker *self,
                            guint          index)
{
  g_return_val_if_fail (CC_IS_PIECE_PICKER (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return g_ptr_array_index (self->results, index);
}

void
cc_piece_picker_pick (CcPiecePicker *self,
                      guint          index)
{
  const CcPiece *piece;

  g_return_if_fail (CC_IS_PIECE_PICKER (self));
  g_return_if_fail (index < self->results->len);

  piece = g_ptr_array_index (self->results, index);
  g_signal_emit (self, signals[PICKED], 0, piece->product_id, piece->variant_id);
}
