/* cc-camera-window.c — a live camera preview and a snapshot that becomes a photo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-camera-window.h"

struct _CcCameraWindow
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (CcCameraWindow, cc_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cc_camera_window_class_init (CcCameraWindowClass *klass)
{
  signals[CAPTURED] =
    g_signal_new ("captured",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cc_camera_window_init (CcCameraWindow *self)
{
}

CcCameraWindow *
cc_camera_window_new (GtkWindow *parent)
{
  return g_object_new (CC_TYPE_CAMERA_WINDOW,
                       "transient-for", parent,
                       NULL);
}
