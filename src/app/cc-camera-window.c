/* cc-camera-window.c — a live camera preview and a snapshot that becomes a photo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GStreamer decodes the camera on its own streaming thread into an appsink
 * that keeps only the newest frame. Each frame is copied and handed to the
 * main thread, which shows it as a GdkMemoryTexture; a frame that arrives
 * before the previous one was shown replaces it, so a slow display never
 * builds a queue. Take Photo encodes the frame on screen as a JPEG on a
 * worker thread.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>

#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "cc-camera-window.h"
#include "cc-media.h"

#define JPEG_QUALITY "92"
#define CACHE_MAX_AGE_S (24 * 60 * 60)

typedef struct
{
  GBytes *bytes;   /* RGBA */
  int     width;
  int     height;
  gsize   stride;
} Frame;

static void
frame_free (Frame *frame)
{
  g_bytes_unref (frame->bytes);
  g_free (frame);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frame, frame_free)

static Frame *
frame_copy (const Frame *frame)
{
  Frame *copy = g_new0 (Frame, 1);

  *copy = *frame;
  copy->bytes = g_bytes_ref (frame->bytes);
  return copy;
}

struct _CcCameraWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkPicture      *picture;
  GtkWidget       *capture_button;
  AdwStatusPage   *status_page;

  /* owned */
  GstElement      *pipeline;
  guint            bus_watch;
  GCancellable    *cancellable;
  Frame           *shown;        /* the frame on screen */
  gboolean         saving;

  /* shared with the streaming thread, under lock */
  GMutex           lock;
  Frame           *pending;
  gboolean         idle_queued;
};

G_DEFINE_FINAL_TYPE (CcCameraWindow, cc_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_camera_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "craftchain", "camera", NULL);
}

/* Snapshots the receiver did not take away within a day are left over. */
static void
clear_old_snapshots (void)
{
  g_autofree char *dir_path = dup_camera_cache_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf st;

      if (g_str_has_suffix (name, ".jpg") &&
          g_stat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > CACHE_MAX_AGE_S)
        g_unlink (path);
    }
}

static void
show_status (CcCameraWindow *self,
             const char     *title,
             const char     *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", FALSE);
}

static void
stop_pipeline (CcCameraWindow *self)
{
  if (self->pipeline == NULL)
    return;

  /* Joins the streaming thread: no frame arrives after this. */
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->bus_watch != 0)
    {
      g_source_remove (self->bus_watch);
      self->bus_watch = 0;
    }
  gst_clear_object (&self->pipeline);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending, frame_free);
  g_mutex_unlock (&self->lock);
}

/* Frames: streaming thread → main thread */

static gboolean
show_pending_frame (gpointer data)
{
  CcCameraWindow *self = data;
  g_autoptr(GdkTexture) texture = NULL;
  Frame *frame;

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->pending);
  self->idle_queued = FALSE;
  g_mutex_unlock (&self->lock);

  if (frame == NULL || self->pipeline == NULL)
    {
      g_clear_pointer (&frame, frame_free);
      return G_SOURCE_REMOVE;
    }

  texture = gdk_memory_texture_new (frame->width, frame->height, GDK_MEMORY_R8G8B8A8,
                                    frame->bytes, frame->stride);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  g_clear_pointer (&self->shown, frame_free);
  self->shown = frame;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "starting") == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "preview");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", !self->saving);
    }
  return G_SOURCE_REMOVE;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    data)
{
  CcCameraWindow *self = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstCaps *caps;
  GstVideoInfo info;
  GstMapInfo map;
  Frame *frame;
  gsize needed;

  if (sample == NULL)
    return GST_FLOW_EOS;
  buffer = gst_sample_get_buffer (sample);
  caps = gst_sample_get_caps (sample);
  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return GST_FLOW_OK;
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_OK;

  needed = (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) * (GST_VIDEO_INFO_HEIGHT (&info) - 1) +
           (gsize) GST_VIDEO_INFO_WIDTH (&info) * 4;
  if (GST_VIDEO_INFO_WIDTH (&info) <= 0 || GST_VIDEO_INFO_HEIGHT (&info) <= 0 || map.size < needed)
    {
      gst_buffer_unmap (buffer, &map);
      return GST_FLOW_OK;
    }

  frame = g_new0 (Frame, 1);
  frame->width = GST_VIDEO_INFO_WIDTH (&info);
  frame->height = GST_VIDEO_INFO_HEIGHT (&info);
  frame->stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  frame->bytes = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (buffer, &map);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending, frame_free);
  self->pending = frame;
  if (!self->idle_queued)
    {
      self->idle_queued = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, show_pending_frame,
                       g_object_ref (self), g_object_unref);
    }
  g_mutex_unlock (&self->lock);

  return GST_FLOW_OK;
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  CcCameraWindow *self = data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &error, &debug);
      g_debug ("Camera pipeline error: %s (%s)", error->message, debug ? debug : "");
      self->bus_watch = 0;
      stop_pipeline (self);
      show_status (self, _("The Camera Stopped"),
                   error->message);
      return G_SOURCE_REMOVE;
    }
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      self->bus_watch = 0;
      stop_pipeline (self);
      show_status (self, _("The Camera Stopped"),
                   _("The camera stopped sending pictures. Close this window and try again."));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_camera (CcCameraWindow *self)
{
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks callbacks = { 0, };
  GstElement *pipeline;

  if (!cc_media_has_camera ())
    {
      show_status (self, _("No Camera Found"),
                   _("CraftChain found no camera on this computer. Plug in a webcam, or check "
                     "that the camera is switched on and not blocked by a privacy switch; "
                     "you can also add photos from files."));
      return;
    }

  cc_media_init ();
  description = cc_media_camera_pipeline ();
  /* A missing element is an error even when a partial pipeline comes back. */
  pipeline = gst_parse_launch (description, &error);
  if (pipeline != NULL)
    gst_object_ref_sink (pipeline);
  if (pipeline == NULL || error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("GStreamer could not set up the camera: %s"),
                                                  error != NULL ? error->message : "");

      gst_clear_object (&pipeline);
      show_status (self, _("The Camera Could Not Be Started"), message);
      return;
    }
  self->pipeline = pipeline;

  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  if (sink == NULL || !GST_IS_APP_SINK (sink))
    {
      stop_pipeline (self);
      show_status (self, _("The Camera Could Not Be Started"),
                   _("The camera pipeline has no picture output."));
      return;
    }
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* The reason, if any, arrives as an error message on the bus. */
      GstMessage *message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      g_autoptr(GError) start_error = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &start_error, NULL);
      stop_pipeline (self);
      show_status (self, _("The Camera Could Not Be Started"),
                   start_error != NULL ? start_error->message
                                       : _("The camera may be in use by another program."));
      g_clear_pointer (&message, gst_message_unref);
    }
}

/* Capture */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Frame *frame = task_data;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, frame->width, frame->height);
  g_autofree char *dir = dup_camera_cache_dir ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (uuid, ".jpg", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  const guint8 *src = g_bytes_get_data (frame->bytes, NULL);
  guint8 *dest = gdk_pixbuf_get_pixels (pixbuf);
  int dest_stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < frame->height; y++)
    {
      const guint8 *s = src + (gsize) y * frame->stride;
      guint8 *d = dest + (gsize) y * dest_stride;

      for (int x = 0; x < frame->width; x++)
        {
          d[0] = s[0];
          d[1] = s[1];
          d[2] = s[2];
          s += 4;
          d += 3;
        }
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return;
    }
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", JPEG_QUALITY, NULL))
    {
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CcCameraWindow *self = CC_CAMERA_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", self->pipeline != NULL);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The photo could not be saved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Photo taken")));
  g_signal_emit (self, signals[CAPTURED], 0, path);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcCameraWindow *self = CC_CAMERA_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (self->shown == NULL || self->saving)
    return;

  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "camera.capture", FALSE);
  task = g_task_new (self, self->cancellable, save_done, NULL);
  g_task_set_source_tag (task, capture_action);
  g_task_set_task_data (task, frame_copy (self->shown), (GDestroyNotify) frame_free);
  g_task_run_in_thread (task, save_thread);
}

/* GObject */

static void
cc_camera_window_dispose (GObject *object)
{
  CcCameraWindow *self = (CcCameraWindow *)object;

  g_cancellable_cancel (self->cancellable);
  stop_pipeline (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_CAMERA_WINDOW);
  G_OBJECT_CLASS (cc_camera_window_parent_class)->dispose (object);
}

static void
cc_camera_window_finalize (GObject *object)
{
  CcCameraWindow *self = (CcCameraWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, frame_free);
  g_clear_pointer (&self->pending, frame_free);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (cc_camera_window_parent_class)->finalize (object);
}

static void
cc_camera_window_class_init (CcCameraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_camera_window_dispose;
  object_class->finalize = cc_camera_window_finalize;

  signals[CAPTURED] =
    g_signal_new ("captured",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-camera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcCameraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcCameraWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CcCameraWindow, picture);
  gtk_widget_class_bind_template_child (widget_class, CcCameraWindow, capture_button);
  gtk_widget_class_bind_template_child (widget_class, CcCameraWindow, status_page);

  gtk_widget_class_install_action (widget_class, "camera.capture", NULL, capture_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "camera.capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_camera_window_init (CcCameraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", FALSE);

  clear_old_snapshots ();
  start_camera (self);
}

CcCameraWindow *
cc_camera_window_new (GtkWindow *parent)
{
  return g_object_new (CC_TYPE_CAMERA_WINDOW,
                       "transient-for", parent,
                       NULL);
}

gboolean
cc_camera_window_has_frame (CcCameraWindow *self)
{
  g_return_val_if_fail (CC_IS_CAMERA_WINDOW (self), FALSE);

  return self->shown != NULL &&
         gtk_picture_get_paintable (self->picture) != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") == 0;
}

const char *
cc_camera_window_get_status (CcCameraWindow *self)
{
  g_return_val_if_fail (CC_IS_CAMERA_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "status") != 0)
    return NULL;
  return adw_status_page_get_title (self->status_page);
}

GtkPicture *
cc_camera_window_get_picture (CcCameraWindow *self)
{
  g_return_val_if_fail (CC_IS_CAMERA_WINDOW (self), NULL);
  return self->picture;
}
