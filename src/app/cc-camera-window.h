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
 *   when it opens.
 *
 * The preview is `v4l2src ! decodebin ! videoconvert ! appsink`
 * (cc_media_camera_pipeline). For tests, the environment variable
 * CRAFTCHAIN_CAMERA_SOURCE replaces v4l2src with another source, e.g.
 * "videotestsrc pattern=ball". */
CcCameraWindow *cc_camera_window_new            (GtkWindow *parent);

/* For tests: whether the preview shows a camera frame. */
gboolean        cc_camera_window_has_frame      (CcCameraWindow *self);
/* For tests: the status page's title when the camera cannot be shown
 * ("No camera found", or why it failed), else NULL. */
const char     *cc_camera_window_get_status     (CcCameraWindow *self);
/* For tests: the GtkPicture showing the preview. */
GtkPicture     *cc_camera_window_get_picture    (CcCameraWindow *self);

G_END_DECLS
