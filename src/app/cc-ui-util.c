/* cc-ui-util.c — small helpers the screens share: a watched shop, a variant's name, list boxes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cc-ui-util.h"

gboolean
cc_ui_watch_store (CcStore   **field,
                   CcStore    *store,
                   GCallback   on_committed,
                   gpointer    instance)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (store == NULL || CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (on_committed != NULL, FALSE);
  g_return_val_if_fail (G_IS_OBJECT (instance), FALSE);

  if (*field == store)
    return FALSE;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_func (*field, on_committed, instance);
  g_set_object (field, store);
  if (store != NULL)
    g_signal_connect_object (store, "committed", on_committed, instance, G_CONNECT_SWAPPED);
  return TRUE;
}

void
cc_ui_load_piece (CcStore     *store,
                  const char  *product_id,
                  CcProduct  **product,
                  GPtrArray  **variants,
                  char       **main_language)
{
  g_auto(GStrv) languages = NULL;

  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (product_id != NULL);
  g_return_if_fail (product != NULL && variants != NULL && main_language != NULL);

  g_clear_pointer (product, cc_product_free);
  *product = cc_catalogue_get_product (store, product_id, NULL);
  g_clear_pointer (variants, g_ptr_array_unref);
  *variants = cc_catalogue_list_variants (store, product_id);
  if (*variants == NULL)
    *variants = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_variant_free);
  languages = cc_store_dup_languages (store);
  g_free (*main_language);
  *main_language = g_strdup (languages != NULL && languages[0] != NULL ? languages[0] : "en");
}

char *
cc_ui_variant_name (const CcVariant *variant)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (variant != NULL, NULL);

  for (guint i = 0; i < variant->options->len; i++)
    {
      const CcVariantOption *option = g_ptr_array_index (variant->options, i);

      if (i > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a variant's option, like "Size: Large" */
      g_string_append_printf (text, _("%s: %s"), option->name, option->value);
    }
  if (text->len == 0 && variant->sku != NULL)
    g_string_append (text, variant->sku);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
cc_ui_clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

typedef struct
{
  guint          *source;
  CcUiReloadFunc  reload;
  gpointer        instance;
} ReloadSoon;

static gboolean
reload_soon_cb (gpointer data)
{
  ReloadSoon *soon = data;

  *soon->source = 0;
  soon->reload (soon->instance);
  return G_SOURCE_REMOVE;
}

void
cc_ui_reload_soon (guint          *source,
                   CcUiReloadFunc  reload,
                   gpointer        instance)
{
  ReloadSoon *soon;

  g_return_if_fail (source != NULL && reload != NULL);

  if (*source != 0)
    return;
  soon = g_new (ReloadSoon, 1);
  soon->source = source;
  soon->reload = reload;
  soon->instance = instance;
  *source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_soon_cb, soon, g_free);
}
