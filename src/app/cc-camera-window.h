/* cc-camera-window.h — a live camera preview and a snapshot that becomes a photo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CC_TYPE_CAMERA_WINDOW (cc_camera_window_get_type ())
G_DECLARE_FINAL_TYPE (CcCameraWindow, cc_camera_window, CC, CAMERA_WINDOW, AdwWindow)

/* Signals:
 *   "captured" (const char *path): a snapshot was taken and saved as a JPEG
 *   file at path, in $XDG_CACHE_HOME/craftchain/camera; the receiver copies
 *   it into the photo store. The window clears files there older than a day
 *   when it opens. */
CcCameraWindow *cc_camera_window_new (GtkWindow *parent);

G_END_DECLS
