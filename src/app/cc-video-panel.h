/* cc-video-panel.h — the product editor's short product clip: add, play, remove.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_VIDEO_PANEL (cc_video_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcVideoPanel, cc_video_panel, CC, VIDEO_PANEL, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_video_panel_set_product (CcVideoPanel *self,
                                CcStore *store,
                                const char *product_id);

G_END_DECLS
