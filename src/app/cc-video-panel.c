/* cc-video-panel.c — the product editor's short product clip: add, play, remove.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-video-panel.h"

struct _CcVideoPanel
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcVideoPanel, cc_video_panel, ADW_TYPE_BIN)

static void
cc_video_panel_dispose (GObject *object)
{
  CcVideoPanel *self = (CcVideoPanel *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_video_panel_parent_class)->dispose (object);
}

static void
cc_video_panel_class_init (CcVideoPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_video_panel_dispose;
}

static void
cc_video_panel_init (CcVideoPanel *self)
{
}

void
cc_video_panel_set_product (CcVideoPanel *self,
                           CcStore *store,
                           const char *product_id)
{
  g_return_if_fail (CC_IS_VIDEO_PANEL (self));
  g_set_object (&self->store, store);
}
