/* cc-video-panel.c — the product editor's short product clip: add, play, remove.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chosen clip is probed, its poster frame decoded and the file copied into
 * the content store on a worker thread (cc_media_store_file, no database);
 * the main thread then attaches it to the piece. The panel follows the
 * store's "committed" signal, so a clip that arrives by sync shows up.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cc-media.h"
#include "cc-photos.h"
#include "cc-ui-util.h"
#include "cc-video-panel.h"

#define POSTER_SIZE 128

struct _CcVideoPanel
{
  AdwBin                parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkStack             *clip_stack;
  GtkSpinner           *spinner;
  GtkWidget            *add_button;
  GtkLabel             *error_label;
  GtkVideo             *video;
  AdwActionRow         *info_row;
  GtkPicture           *poster;
  GtkWidget            *remove_button;

  /* owned */
  CcStore              *store;
  char                 *product_id;
  char                 *shown_sha256;    /* the clip in the player */
  char                 *summary;
  GCancellable         *cancellable;     /* adding a clip */
  GCancellable         *poster_cancellable;
  GtkFileChooserNative *chooser;
  guint                 reload_idle;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (CcVideoPanel, cc_video_panel, ADW_TYPE_BIN)

static void
set_error (CcVideoPanel *self,
           const char   *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (CcVideoPanel *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "video.add", !busy && self->product_id != NULL);
}

static char *
format_duration (gint64 ms)
{
  gint64 seconds = (ms + 500) / 1000;

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
poster_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CcVideoPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cc_photos_thumbnail_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->poster == NULL)
    return;
  if (path == NULL)
    {
      g_debug ("No poster thumbnail: %s", error->message);
      gtk_picture_set_paintable (self->poster, NULL);
      return;
    }
  gtk_picture_set_filename (self->poster, path);
}

static void
show_no_clip (CcVideoPanel *self)
{
  g_clear_pointer (&self->shown_sha256, g_free);
  g_clear_pointer (&self->summary, g_free);
  gtk_video_set_file (self->video, NULL);
  gtk_picture_set_paintable (self->poster, NULL);
  gtk_stack_set_visible_child_name (self->clip_stack, "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "video.remove", FALSE);
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Add Clip…"));
}

static void
reload (CcVideoPanel *self)
{
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *subtitle = NULL;
  GStatBuf st;

  if (self->store == NULL || self->product_id == NULL)
    {
      show_no_clip (self);
      gtk_stack_set_visible_child_name (self->stack, "unsaved");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "video.add", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "product");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "video.add", !self->busy);

  video = cc_media_get_video (self->store, self->product_id, &error);
  if (video == NULL)
    {
      if (error != NULL)
        set_error (self, error->message);
      show_no_clip (self);
      return;
    }

  path = cc_photos_dup_blob_path (cc_store_get_data_dir (self->store), video->sha256);
  duration = format_duration (video->duration_ms);
  g_free (self->summary);
  /* TRANSLATORS: a clip's length and picture size, e.g. "0:12 · 1920 × 1080" */
  self->summary = g_strdup_printf (_("%s · %d × %d"), duration, video->width, video->height);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->info_row), self->summary);

  if (g_stat (path, &st) == 0)
    {
      g_autofree char *size = g_format_size (st.st_size);

      subtitle = g_strdup_printf (_("%s, ready to play"), size);
    }
  else
    subtitle = g_strdup (_("The clip has not arrived on this computer yet"));
  adw_action_row_set_subtitle (self->info_row, subtitle);

  if (g_strcmp0 (self->shown_sha256, video->sha256) != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_free (self->shown_sha256);
      self->shown_sha256 = g_strdup (video->sha256);
      gtk_video_set_file (self->video, g_file_query_exists (file, NULL) ? file : NULL);

      g_cancellable_cancel (self->poster_cancellable);
      g_clear_object (&self->poster_cancellable);
      self->poster_cancellable = g_cancellable_new ();
      gtk_picture_set_paintable (self->poster, NULL);
      cc_photos_thumbnail_async (cc_store_get_data_dir (self->store), video->poster_sha256,
                                 POSTER_SIZE, self->poster_cancellable,
                                 poster_ready, g_object_ref (self));
    }

  gtk_stack_set_visible_child_name (self->clip_stack, "clip");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "video.remove", TRUE);
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Replace Clip…"));
}

static void
on_store_committed (CcVideoPanel *self)
{
  cc_ui_reload_soon (&self->reload_idle, (CcUiReloadFunc) reload, self);
}

/* Adding */

typedef struct
{
  char *data_dir;
  char *path;
  char *product_id;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_free (job->data_dir);
  g_free (job->path);
  g_free (job->product_id);
  g_free (job);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  GError *error = NULL;
  CcVideo *stored = cc_media_store_file (job->data_dir, job->path, cancellable, &error);

  if (stored == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stored, (GDestroyNotify) cc_video_free);
}

static void
add_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CcVideoPanel *self = CC_VIDEO_PANEL (object);
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(CcVideo) stored = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *id = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (stored == NULL)
    {
      set_error (self, error->message);
      return;
    }
  /* The piece changed while the clip was copied: the blob stays unused. */
  if (self->store == NULL || g_strcmp0 (self->product_id, job->product_id) != 0)
    return;

  id = cc_media_attach_video (self->store, job->product_id, stored, &error);
  if (id == NULL)
    {
      set_error (self, error->message);
      return;
    }
  set_error (self, NULL);
  reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Clip added")));
}

void
cc_video_panel_add_file (CcVideoPanel *self,
                         const char   *path)
{
  g_autoptr(GTask) task = NULL;
  AddJob *job;

  g_return_if_fail (CC_IS_VIDEO_PANEL (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->product_id == NULL || self->busy)
    return;

  job = g_new0 (AddJob, 1);
  job->data_dir = g_strdup (cc_store_get_data_dir (self->store));
  job->path = g_strdup (path);
  job->product_id = g_strdup (self->product_id);

  set_error (self, NULL);
  set_busy (self, TRUE);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, add_done, NULL);
  g_task_set_source_tag (task, cc_video_panel_add_file);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, add_thread);
}

static void
on_chooser_response (CcVideoPanel         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cc_video_panel_add_file (self, path);
      else if (file != NULL)
        set_error (self, _("This clip is not on this computer; save it to a folder first"));
    }
  g_clear_object (&self->chooser);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CcVideoPanel *self = CC_VIDEO_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileFilter *filter;
  static const char * const patterns[] = {
    "*.mp4", "*.m4v", "*.mov", "*.webm", "*.mkv", "*.ogv", "*.avi", "*.3gp",
  };

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Add a Clip"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Videos"));
  gtk_file_filter_add_mime_type (filter, "video/*");
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Removing, with undo */

typedef struct
{
  CcVideoPanel *self;   /* weak */
  CcStore      *store;
  char         *video_id;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_weak_pointer (&undo->self);
  g_clear_object (&undo->store);
  g_free (undo->video_id);
  g_free (undo);
}

static void
on_undo_remove (AdwToast *toast,
                UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  if (!cc_media_restore_video (undo->store, undo->video_id, &error))
    {
      if (undo->self != NULL)
        set_error (undo->self, error->message);
      return;
    }
  if (undo->self != NULL)
    reload (undo->self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcVideoPanel *self = CC_VIDEO_PANEL (widget);
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  UndoData *undo;

  if (self->store == NULL || self->product_id == NULL)
    return;

  video = cc_media_get_video (self->store, self->product_id, &error);
  if (video == NULL || !cc_media_remove_video (self->store, self->product_id, &error))
    {
      set_error (self, error != NULL ? error->message : _("This piece has no clip"));
      return;
    }
  set_error (self, NULL);
  reload (self);

  undo = g_new0 (UndoData, 1);
  g_set_weak_pointer (&undo->self, self);
  undo->store = g_object_ref (self->store);
  undo->video_id = g_strdup (video->id);

  toast = adw_toast_new (_("Clip removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove),
                         undo, (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* GObject */

static void
cc_video_panel_dispose (GObject *object)
{
  CcVideoPanel *self = (CcVideoPanel *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->poster_cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->video != NULL)
    gtk_video_set_file (self->video, NULL);
  /* AdwBin unparents its child itself; the template must not do it too. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_VIDEO_PANEL);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_video_panel_parent_class)->dispose (object);
}

static void
cc_video_panel_finalize (GObject *object)
{
  CcVideoPanel *self = (CcVideoPanel *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->poster_cancellable);
  g_free (self->product_id);
  g_free (self->shown_sha256);
  g_free (self->summary);
  G_OBJECT_CLASS (cc_video_panel_parent_class)->finalize (object);
}

static void
cc_video_panel_class_init (CcVideoPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_video_panel_dispose;
  object_class->finalize = cc_video_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-video-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, clip_stack);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, video);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, info_row);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, poster);
  gtk_widget_class_bind_template_child (widget_class, CcVideoPanel, remove_button);

  gtk_widget_class_install_action (widget_class, "video.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "video.remove", NULL, remove_action);
}

static void
cc_video_panel_init (CcVideoPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}

void
cc_video_panel_set_product (CcVideoPanel *self,
                            CcStore      *store,
                            const char   *product_id)
{
  g_return_if_fail (CC_IS_VIDEO_PANEL (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  cc_ui_watch_store (&self->store, store, G_CALLBACK (on_store_committed), self);

  if (g_strcmp0 (self->product_id, product_id) != 0)
    {
      /* A clip still being copied belongs to the piece it was chosen for. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      if (self->busy)
        set_busy (self, FALSE);
      g_free (self->product_id);
      self->product_id = g_strdup (product_id);
      set_error (self, NULL);
    }
  reload (self);
}

gboolean
cc_video_panel_is_busy (CcVideoPanel *self)
{
  g_return_val_if_fail (CC_IS_VIDEO_PANEL (self), FALSE);
  return self->busy;
}

const char *
cc_video_panel_get_summary (CcVideoPanel *self)
{
  g_return_val_if_fail (CC_IS_VIDEO_PANEL (self), NULL);
  return self->summary;
}

const char *
cc_video_panel_get_error (CcVideoPanel *self)
{
  g_return_val_if_fail (CC_IS_VIDEO_PANEL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
