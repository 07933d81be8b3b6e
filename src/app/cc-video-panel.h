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
void        cc_video_panel_set_product  (CcVideoPanel *self,
                                         CcStore      *store,
                                         const char   *product_id);

/* Adds the clip at path as if chosen with Add Clip…: probed and copied on
 * a worker, then attached. Also for tests (no file chooser). */
void        cc_video_panel_add_file     (CcVideoPanel *self,
                                         const char   *path);
/* For tests: whether a clip is being added. */
gboolean    cc_video_panel_is_busy      (CcVideoPanel *self);
/* For tests: the clip's summary as shown ("0:02 · 320 × 240"), or NULL
 * when the piece has no clip. */
const char *cc_video_panel_get_summary  (CcVideoPanel *self);
/* For tests: the inline error shown, or NULL. */
const char *cc_video_panel_get_error    (CcVideoPanel *self);

G_END_DECLS
