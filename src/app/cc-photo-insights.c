/* cc-photo-insights.c — the product editor's Photos tab: each photo's analysis, palette and advice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-photo-insights.h"

struct _CcPhotoInsights
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcPhotoInsights, cc_photo_insights, ADW_TYPE_BIN)

static void
cc_photo_insights_dispose (GObject *object)
{
  CcPhotoInsights *self = (CcPhotoInsights *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_photo_insights_parent_class)->dispose (object);
}

static void
cc_photo_insights_class_init (CcPhotoInsightsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_photo_insights_dispose;
}

static void
cc_photo_insights_init (CcPhotoInsights *self)
{
}

void
cc_photo_insights_set_product (CcPhotoInsights *self,
                              CcStore *store,
                              const char *product_id)
{
  g_return_if_fail (CC_IS_PHOTO_INSIGHTS (self));
  g_set_object (&self->store, store);
}
