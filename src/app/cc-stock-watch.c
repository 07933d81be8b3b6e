/* cc-stock-watch.c — a desktop notification when a piece or material runs low.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-stock-watch.h"

struct _CcStockWatch
{
  GObject       parent_instance;

  GApplication *application;   /* weak */
  CcStore      *store;
  guint         n_sent;
};

G_DEFINE_FINAL_TYPE (CcStockWatch, cc_stock_watch, G_TYPE_OBJECT)

static void
cc_stock_watch_finalize (GObject *object)
{
  CcStockWatch *self = (CcStockWatch *)object;

  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
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
}

CcStockWatch *
cc_stock_watch_new (GApplication *application,
                    CcStore      *store)
{
  CcStockWatch *self = g_object_new (CC_TYPE_STOCK_WATCH, NULL);

  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  return self;
}

void
cc_stock_watch_check (CcStockWatch *self)
{
  g_return_if_fail (CC_IS_STOCK_WATCH (self));
}

guint
cc_stock_watch_get_n_sent (CcStockWatch *self)
{
  g_return_val_if_fail (CC_IS_STOCK_WATCH (self), 0);
  return self->n_sent;
}
