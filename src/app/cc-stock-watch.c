/* cc-stock-watch.c — a desktop notification when a piece or material runs low.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After each commit (coalesced on an idle) the watch lists what is low now
 * and compares it with what was low before: only an item that crossed its
 * threshold since the last look is announced, once. An item that recovers
 * has its notification withdrawn and may be announced again later.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-inventory.h"
#include "cc-materials.h"
#include "cc-stock-watch.h"

/* Checks run on an idle after commits, so a burst of writes (an order of
 * ten lines) is one look. */

struct _CcStockWatch
{
  GObject       parent_instance;

  /* borrowed */
  GApplication *application;   /* weak */

  /* owned */
  CcStore      *store;
  GHashTable   *low;           /* notification id → NULL: low at the last look */
  GHashTable   *materials;     /* material ids seen at the last look */
  guint         idle_id;
  guint         n_sent;
};

G_DEFINE_FINAL_TYPE (CcStockWatch, cc_stock_watch, G_TYPE_OBJECT)

typedef struct
{
  char     *title;
  char     *body;
  gboolean  fresh;   /* did not exist at the last look: it crossed nothing */
  const char *page;  /* the window's section that shows it */
} LowNotice;

static void
low_notice_free (LowNotice *notice)
{
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice);
}

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

/* Fills low with notification id → LowNotice for everything low now. */
static gboolean
collect_low (CcStockWatch *self,
             GHashTable   *low)
{
  g_autoptr(GPtrArray) items = cc_inventory_list_low_stock (self->store);
  g_autoptr(GPtrArray) materials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (items == NULL)
    return FALSE;
  /* Every material, not only the low ones: a material added with nothing
   * on hand is at its level from the start, which is no news. The list is
   * short (what a workshop buys), unlike the pieces. */
  materials = cc_materials_list_materials (self->store, &error);
  if (materials == NULL)
    {
      g_debug ("Low-stock materials: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      CcStockItem *item = g_ptr_array_index (items, i);
      LowNotice *notice = g_new0 (LowNotice, 1);
      g_autofree char *available = format_count (item->level.available);
      g_autofree char *threshold = format_count (item->level.low_threshold);
      gulong n = (gulong) CLAMP (item->level.available, 0, G_MAXLONG);

      notice->title = g_strdup_printf (_("Running low: %s"), item->title);
      /* Translators: the first %s is a number of pieces, the second the
       * low-stock level the maker chose. */
      notice->body = g_strdup_printf (ngettext ("%s piece available (low-stock level %s).",
                                                "%s pieces available (low-stock level %s).", n),
                                      available, threshold);
      notice->page = "inventory";
      g_hash_table_insert (low,
                           g_strconcat ("low-stock-", item->variant_id != NULL ? item->variant_id : item->product_id, NULL),
                           notice);
    }

  for (guint i = 0; i < materials->len; i++)
    {
      CcMaterial *material = g_ptr_array_index (materials, i);
      LowNotice *notice;
      g_autofree char *on_hand = NULL;
      g_autofree char *threshold = NULL;

      g_hash_table_add (seen, g_strdup (material->id));
      if (material->low_threshold <= 0 || material->on_hand > material->low_threshold)
        continue;

      notice = g_new0 (LowNotice, 1);
      on_hand = cc_material_unit_format_quantity (material->on_hand, material->unit);
      threshold = cc_material_unit_format_quantity (material->low_threshold, material->unit);
      notice->title = g_strdup_printf (_("Running low: %s"), material->name);
      /* Translators: quantities with their unit, "2.5 kg". */
      notice->body = g_strdup_printf (_("%s left (low-stock level %s)."), on_hand, threshold);
      notice->fresh = !g_hash_table_contains (self->materials, material->id);
      notice->page = "materials";
      g_hash_table_insert (low, g_strconcat ("low-stock-", material->id, NULL), notice);
    }

  g_hash_table_unref (self->materials);
  self->materials = g_steal_pointer (&seen);
  return TRUE;
}

static gboolean
can_notify (CcStockWatch *self)
{
  return self->application != NULL &&
         g_application_get_is_registered (self->application) &&
         !g_application_get_is_remote (self->application);
}

static void
look (CcStockWatch *self,
      gboolean      announce)
{
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) low_notice_free);
  GHashTableIter iter;
  gpointer key, value;

  if (!collect_low (self, now))
    return;

  if (announce && can_notify (self))
    {
      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          LowNotice *notice = value;
          g_autoptr(GNotification) notification = NULL;

          if (g_hash_table_contains (self->low, key) || notice->fresh)
            continue;
          notification = g_notification_new (notice->title);
          g_notification_set_body (notification, notice->body);
          g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
          /* A click opens the section that shows it. */
          g_notification_set_default_action_and_target (notification, "app.show-page", "s", notice->page);
          g_application_send_notification (self->application, key, notification);
          self->n_sent++;
        }

      /* Recovered: the notice no longer says anything true. */
      g_hash_table_iter_init (&iter, self->low);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (now, key))
          g_application_withdraw_notification (self->application, key);
    }

  g_hash_table_remove_all (self->low);
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->low, g_strdup (key));
}

static gboolean
look_idle_cb (gpointer user_data)
{
  CcStockWatch *self = CC_STOCK_WATCH (user_data);

  self->idle_id = 0;
  look (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_committed (CcStockWatch *self)
{
  if (self->idle_id != 0)
    return;
  self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, look_idle_cb, self, NULL);
}

static void
cc_stock_watch_finalize (GObject *object)
{
  CcStockWatch *self = (CcStockWatch *)object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_pointer (&self->low, g_hash_table_unref);
  g_clear_pointer (&self->materials, g_hash_table_unref);
  G_OBJECT_CLASS (cc_stock_watch_parent_class)->finalize (object);
}

static void
cc_stock_watch_class_init (CcStockWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_stock_watch_finalize;
}

static void
cc_stock_watch_init (CcStockWatch *self)
{
  self->low = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->materials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CcStockWatch *
cc_stock_watch_new (GApplication *application,
                    CcStore      *store)
{
  CcStockWatch *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_STOCK_WATCH, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);

  /* What is low already was low before the watch started: not news. */
  look (self, FALSE);
  return self;
}

void
cc_stock_watch_check (CcStockWatch *self)
{
  g_return_if_fail (CC_IS_STOCK_WATCH (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  look (self, TRUE);
}

guint
cc_stock_watch_get_n_sent (CcStockWatch *self)
{
  g_return_val_if_fail (CC_IS_STOCK_WATCH (self), 0);
  return self->n_sent;
}
