/* cc-media.c — a product's short video clip and camera helpers, through GStreamer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A clip is a blob in the content store (the photos directory, named by its
 * SHA-256, so it syncs like a photo) and a synced "product_video" row naming
 * it, its poster frame (a JPEG blob analysed like any photo), duration and
 * size. A product has one clip: adding one tombstones the previous.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/base/gsttypefindhelper.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>

#include "cc-media.h"
#include "cc-photos.h"
#include "cc-uuid.h"

#define DISCOVER_TIMEOUT (10 * GST_SECOND)
#define POSTER_TIMEOUT   (10 * GST_SECOND)
#define POSTER_QUALITY   "92"
#define END_TOLERANCE_MS 250
#define SNIFF_SIZE       (16 * 1024)

void
cc_media_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&initialised, 1);
    }
}

void
cc_media_info_free (CcMediaInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->mime);
  g_free (info);
}

void
cc_video_free (CcVideo *video)
{
  if (video == NULL)
    return;
  g_free (video->id);
  g_free (video->product_id);
  g_free (video->sha256);
  g_free (video->poster_sha256);
  g_free (video->mime);
  g_free (video);
}

static char *
format_duration (gint64 ms)
{
  gint64 seconds = (ms + 500) / 1000;

  if (seconds < 60)
    return g_strdup_printf (ngettext ("%d second", "%d seconds", (gulong) seconds), (int) seconds);
  return g_strdup_printf (_("%d min %02d s"), (int) (seconds / 60), (int) (seconds % 60));
}

/* Probe */

static gboolean
check_file (const char   *path,
            const char   *display_name,
            gint64       *out_size,
            GError      **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR,
                   saved_errno == ENOENT ? CC_ERROR_NOT_FOUND : CC_ERROR_IO,
                   _("Could not open “%s”: %s"),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    return cc_invalid_input (error, _("“%s” is not a file"), display_name);
  if (st.st_size == 0)
    return cc_invalid_input (error, _("“%s” is empty"), display_name);
  if (st.st_size > CC_MEDIA_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (st.st_size);

      return cc_invalid_input (error,
                               _("“%s” is %s; a product clip can be at most 100 MB — "
                                 "trim it or export it at a lower quality"),
                               display_name, size);
    }
  *out_size = st.st_size;
  return TRUE;
}

static gboolean
not_a_video (GError     **error,
             const char  *display_name)
{
  return cc_invalid_input (error,
                           _("“%s” is not a video CraftChain can read (WebM, MP4, MOV, MKV, Ogg…)"),
                           display_name);
}

/* The media type the first bytes of a file look like, or NULL. */
static char *
sniff_type (const char *path)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autofree guint8 *data = g_malloc (SNIFF_SIZE);
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  do
    n = read (fd, data, SNIFF_SIZE);
  while (n < 0 && errno == EINTR);
  g_close (fd, NULL);
  if (n <= 0)
    return NULL;

  caps = gst_type_find_helper_for_data (NULL, data, n, NULL);
  if (caps == NULL || gst_caps_get_size (caps) == 0)
    return NULL;
  return g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
}

static gboolean
is_video_type (const char *kind)
{
  return kind != NULL &&
         (g_str_has_prefix (kind, "video/") ||
          g_str_equal (kind, "application/ogg") ||
          g_str_equal (kind, "application/x-3gp"));
}

CcMediaInfo *
cc_media_probe_file (const char  *path,
                     GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GstDiscovererStreamInfo) top = NULL;
  g_autoptr(GstCaps) top_caps = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcMediaInfo) result = NULL;
  GList *videos;
  GstDiscovererVideoInfo *video = NULL;
  GstClockTime duration;
  gint64 size = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cc_media_init ();
  display_name = g_filename_display_basename (path);

  if (!check_file (path, display_name, &size, error))
    return NULL;

  uri = g_filename_to_uri (path, NULL, &local_error);
  if (uri == NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      g_clear_error (&local_error);
      uri = g_filename_to_uri (absolute, NULL, NULL);
      if (uri == NULL)
        {
          not_a_video (error, display_name);
          return NULL;
        }
    }

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &local_error);
  if (discoverer == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                   _("Could not start the video reader: %s"), local_error->message);
      return NULL;
    }

  info = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  if (info == NULL || gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK)
    {
      GstDiscovererResult res = info ? gst_discoverer_info_get_result (info) : GST_DISCOVERER_ERROR;

      g_autofree char *kind = sniff_type (path);

      if (res == GST_DISCOVERER_MISSING_PLUGINS && is_video_type (kind))
        cc_invalid_input (error,
                          _("“%s” uses a format this computer cannot decode; "
                            "install the GStreamer codecs (gstreamer1.0-libav) or convert it to MP4 or WebM"),
                          display_name);
      else if (is_video_type (kind))
        cc_invalid_input (error, _("“%s” is damaged or cut short: its pictures cannot be read"),
                          display_name);
      else if (kind != NULL && g_str_has_prefix (kind, "image/"))
        cc_invalid_input (error, _("“%s” is a still picture, not a video; add it as a photo instead"),
                          display_name);
      else
        not_a_video (error, display_name);
      return NULL;
    }

  videos = gst_discoverer_info_get_video_streams (info);
  for (GList *l = videos; l != NULL; l = l->next)
    if (!gst_discoverer_video_info_is_image (l->data))
      {
        video = l->data;
        break;
      }

  if (video == NULL)
    {
      gboolean image = videos != NULL;
      gboolean sound = gst_discoverer_info_get_audio_streams (info) != NULL;

      gst_discoverer_stream_info_list_free (videos);
      if (image)
        cc_invalid_input (error, _("“%s” is a still picture, not a video; add it as a photo instead"),
                          display_name);
      else if (sound)
        cc_invalid_input (error, _("“%s” has sound but no picture"), display_name);
      else
        not_a_video (error, display_name);
      return NULL;
    }

  result = g_new0 (CcMediaInfo, 1);
  result->width = gst_discoverer_video_info_get_width (video);
  result->height = gst_discoverer_video_info_get_height (video);
  result->size_bytes = size;
  gst_discoverer_stream_info_list_free (videos);

  duration = gst_discoverer_info_get_duration (info);
  if (!GST_CLOCK_TIME_IS_VALID (duration) || duration == 0 ||
      result->width <= 0 || result->height <= 0)
    {
      cc_invalid_input (error, _("“%s” is damaged: its length or picture size cannot be read"),
                        display_name);
      return NULL;
    }
  result->duration_ms = (gint64) (duration / GST_MSECOND);

  if (result->duration_ms > CC_MEDIA_MAX_DURATION_MS)
    {
      g_autofree char *length = format_duration (result->duration_ms);

      cc_invalid_input (error,
                        _("“%s” is %s long; a product clip can be at most 60 seconds "
                          "(marketplaces such as Etsy show 5 to 15 seconds)"),
                        display_name, length);
      return NULL;
    }

  top = gst_discoverer_info_get_stream_info (info);
  if (top != NULL)
    top_caps = gst_discoverer_stream_info_get_caps (top);
  if (top_caps != NULL && gst_caps_get_size (top_caps) > 0)
    result->mime = g_strdup (gst_structure_get_name (gst_caps_get_structure (top_caps, 0)));
  else
    result->mime = g_strdup ("video/unknown");

  return g_steal_pointer (&result);
}

/* Poster frame */

/* Waits for the pipeline to settle after a state change or a seek; FALSE
 * on an error or a timeout. */
static gboolean
wait_async_done (GstElement *pipeline)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;

  message = gst_bus_timed_pop_filtered (bus, POSTER_TIMEOUT,
                                        GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);
  return message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE;
}

static gboolean
save_sample_jpeg (GstSample   *sample,
                  const char  *dest,
                  GError     **error)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GstVideoInfo vinfo;
  GstMapInfo map;
  gboolean ok;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&vinfo, caps))
    return FALSE;
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return FALSE;
  if (map.size < (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&vinfo, 0) * GST_VIDEO_INFO_HEIGHT (&vinfo))
    {
      gst_buffer_unmap (buffer, &map);
      return FALSE;
    }

  pixbuf = gdk_pixbuf_new_from_data (map.data, GDK_COLORSPACE_RGB, FALSE, 8,
                                     GST_VIDEO_INFO_WIDTH (&vinfo),
                                     GST_VIDEO_INFO_HEIGHT (&vinfo),
                                     GST_VIDEO_INFO_PLANE_STRIDE (&vinfo, 0),
                                     NULL, NULL);
  ok = gdk_pixbuf_save (pixbuf, dest, "jpeg", error, "quality", POSTER_QUALITY, NULL);
  g_clear_object (&pixbuf);
  gst_buffer_unmap (buffer, &map);
  return ok;
}

/* Whether a frame at about position decodes (a seek that lands short of
 * it, or at the end of the data, means the file stops early). */
static gboolean
frame_decodes_at (GstElement *pipeline,
                  GstElement *sink,
                  gint64      position_ms)
{
  g_autoptr(GstSample) sample = NULL;
  GstBuffer *buffer;
  const GstSegment *segment;
  guint64 time;

  if (!gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                                position_ms * GST_MSECOND) ||
      !wait_async_done (pipeline))
    return FALSE;
  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), POSTER_TIMEOUT);
  if (sample == NULL)
    return FALSE;
  buffer = gst_sample_get_buffer (sample);
  segment = gst_sample_get_segment (sample);
  if (buffer == NULL || segment == NULL || !GST_BUFFER_PTS_IS_VALID (buffer))
    return FALSE;
  time = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
  return GST_CLOCK_TIME_IS_VALID (time) &&
         (gint64) (time / GST_MSECOND) + END_TOLERANCE_MS >= position_ms;
}

/* Decodes the frame at position into a JPEG file at dest, and checks a
 * frame near end_ms decodes. */
static gboolean
extract_poster (const char  *path,
                gint64       position_ms,
                gint64       end_ms,
                const char  *dest,
                GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  pipeline = gst_parse_launch ("filesrc name=src ! decodebin ! videoconvert ! videoscale ! "
                               "video/x-raw,format=RGB,pixel-aspect-ratio=1/1 ! "
                               "appsink name=sink sync=false max-buffers=1",
                               &local_error);
  if (pipeline == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                   _("Could not start the video reader: %s"), local_error->message);
      return FALSE;
    }
  gst_object_ref_sink (pipeline);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (src, "location", path, NULL);

  if (gst_element_set_state (pipeline, GST_STATE_PAUSED) != GST_STATE_CHANGE_FAILURE &&
      wait_async_done (pipeline))
    {
      if (position_ms > 0 &&
          gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                   GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                                   position_ms * GST_MSECOND))
        wait_async_done (pipeline);
      sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), POSTER_TIMEOUT);
      if (sample != NULL)
        ok = save_sample_jpeg (sample, dest, &local_error);
      /* A clip cut short still shows its beginning: its end must decode too. */
      if (ok)
        ok = frame_decodes_at (pipeline, sink, end_ms);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (!ok)
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      cc_invalid_input (error, _("“%s” is damaged or cut short: its pictures cannot be decoded"),
                        display_name);
    }
  return ok;
}

static gboolean
set_copy_error (GError     **error,
                const char  *display_name,
                int          saved_errno)
{
  g_set_error (error, CC_ERROR, CC_ERROR_IO,
               _("Could not store the clip “%s”: %s"),
               display_name, g_strerror (saved_errno));
  return FALSE;
}

CcVideo *
cc_media_store_file (const char    *data_dir,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CcMediaInfo) info = NULL;
  g_autoptr(CcVideo) video = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *poster_path = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 position_ms;
  gint64 end_ms;
  int fd;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = cc_media_probe_file (path, error);
  if (info == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The poster first: it proves the pictures decode, before any copy. */
  cache_dir = g_build_filename (data_dir, "photos", NULL);
  if (g_mkdir_with_parents (cache_dir, 0755) != 0)
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      set_copy_error (error, display_name, errno);
      return NULL;
    }
  poster_path = g_build_filename (cache_dir, "tmp-poster-XXXXXX.jpg", NULL);
  fd = g_mkstemp_full (poster_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_autofree char *display_name = g_filename_display_basename (path);

      set_copy_error (error, display_name, errno);
      return NULL;
    }
  g_close (fd, NULL);

  position_ms = MIN ((gint64) 1000, info->duration_ms / 10);
  video = g_new0 (CcVideo, 1);
  end_ms = MAX (position_ms, info->duration_ms - MIN ((gint64) 500, info->duration_ms / 10));
  if (!extract_poster (path, position_ms, end_ms, poster_path, error))
    {
      g_unlink (poster_path);
      return NULL;
    }
  video->poster_sha256 = cc_photos_store_file (data_dir, poster_path, NULL, NULL, &local_error);
  g_unlink (poster_path);
  if (video->poster_sha256 == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  video->sha256 = cc_photos_store_blob_file (data_dir, path, CC_BLOB_CLIP, cancellable, error);
  if (video->sha256 == NULL)
    return NULL;

  video->duration_ms = info->duration_ms;
  video->width = info->width;
  video->height = info->height;
  video->mime = g_strdup (info->mime);
  return g_steal_pointer (&video);
}

/* Database */

static const CcColumn video_columns[] = {
  { "product_id",    CC_COLUMN_TEXT },
  { "sha256",        CC_COLUMN_TEXT },
  { "poster_sha256", CC_COLUMN_TEXT },
  { "duration_ms",   CC_COLUMN_INT },
  { "width",         CC_COLUMN_INT },
  { "height",        CC_COLUMN_INT },
  { "mime",          CC_COLUMN_TEXT },
  { "deleted",       CC_COLUMN_BOOL },
};

static const CcEntityClass video_entity = {
  "product_video", NULL, NULL, "product_videos", video_columns, G_N_ELEMENTS (video_columns)
};

void
cc_media_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));
  cc_store_add_entity (store, &video_entity);
}

#define VIDEO_FIELDS "id, product_id, sha256, poster_sha256, duration_ms, width, height, mime"

static CcVideo *
video_from_row (sqlite3_stmt *stmt)
{
  CcVideo *video = g_new0 (CcVideo, 1);

  video->id = cc_sqlite_column_dup (stmt, 0);
  video->product_id = cc_sqlite_column_dup (stmt, 1);
  video->sha256 = cc_sqlite_column_dup (stmt, 2);
  video->poster_sha256 = cc_sqlite_column_dup (stmt, 3);
  video->duration_ms = sqlite3_column_int64 (stmt, 4);
  video->width = sqlite3_column_int (stmt, 5);
  video->height = sqlite3_column_int (stmt, 6);
  video->mime = cc_sqlite_column_dup (stmt, 7);
  return video;
}

/* Ids of the product's live clips (normally one; two devices adding a clip
 * offline can leave two, the newest shown). */
static GPtrArray *
live_video_ids (CcStore     *store,
                const char  *product_id,
                GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id FROM product_videos "
                                  "WHERE product_id = ?1 AND deleted = 0",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, cc_sqlite_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

static gboolean
tombstone_live (CcStore     *store,
                const char  *product_id,
                guint       *out_count,
                GError     **error)
{
  g_autoptr(GPtrArray) ids = live_video_ids (store, product_id, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!cc_store_write (store, "product_video", g_ptr_array_index (ids, i), "deleted",
                         cc_value_bool (TRUE), error))
      return FALSE;
  if (out_count != NULL)
    *out_count = ids->len;
  return TRUE;
}

static gboolean
check_product_live (CcStore     *store,
                    const char  *product_id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean live;
  int rc;

  stmt = cc_store_prepare_cached (store, "SELECT deleted FROM products WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  live = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  if (!live)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("This piece does not exist or was deleted"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
attach_in_transaction (CcStore     *store,
                       const char  *video_id,
                       const char  *product_id,
                       CcVideo     *stored,
                       GError     **error)
{
  const char *mime = stored->mime != NULL ? stored->mime : "";

  return check_product_live (store, product_id, error) &&
         tombstone_live (store, product_id, NULL, error) &&
         cc_store_write (store, "product_video", video_id, "product_id", cc_value_string (product_id), error) &&
         cc_store_write (store, "product_video", video_id, "sha256", cc_value_string (stored->sha256), error) &&
         cc_store_write (store, "product_video", video_id, "poster_sha256",
                         cc_value_string (stored->poster_sha256), error) &&
         cc_store_write (store, "product_video", video_id, "duration_ms", cc_value_int (stored->duration_ms), error) &&
         cc_store_write (store, "product_video", video_id, "width", cc_value_int (stored->width), error) &&
         cc_store_write (store, "product_video", video_id, "height", cc_value_int (stored->height), error) &&
         cc_store_write (store, "product_video", video_id, "mime", cc_value_string (mime), error);
}

char *
cc_media_attach_video (CcStore     *store,
                       const char  *product_id,
                       CcVideo     *stored,
                       GError     **error)
{
  g_autofree char *video_id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (stored != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cc_photos_is_sha256 (stored->sha256) || !cc_photos_is_sha256 (stored->poster_sha256) ||
      stored->duration_ms <= 0 || stored->duration_ms > CC_MEDIA_MAX_DURATION_MS ||
      stored->width <= 0 || stored->height <= 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("This is not a stored clip"));
      return NULL;
    }

  video_id = cc_uuid_v7_new ();
  if (!cc_store_begin (store, error))
    return NULL;
  if (!attach_in_transaction (store, video_id, product_id, stored, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&video_id);
}

char *
cc_media_add_video (CcStore     *store,
                    const char  *product_id,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(CcVideo) stored = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked first, so a clip for a missing piece is not copied at all. */
  if (!check_product_live (store, product_id, error))
    return NULL;

  stored = cc_media_store_file (cc_store_get_data_dir (store), path, NULL, error);
  if (stored == NULL)
    return NULL;
  return cc_media_attach_video (store, product_id, stored, error);
}

CcVideo *
cc_media_get_video (CcStore     *store,
                    const char  *product_id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  CcVideo *video = NULL;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT " VIDEO_FIELDS " FROM product_videos "
                                  "WHERE product_id = ?1 AND deleted = 0 "
                                  "ORDER BY id DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    video = video_from_row (stmt);
  else if (rc != SQLITE_DONE)
    cc_store_set_sqlite_error (store, error);
  sqlite3_reset (stmt);
  return video;
}

gboolean
cc_media_remove_video (CcStore     *store,
                       const char  *product_id,
                       GError     **error)
{
  guint count = 0;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!tombstone_live (store, product_id, &count, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  if (count == 0)
    {
      cc_store_rollback (store);
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("This piece has no clip"));
      return FALSE;
    }
  return cc_store_commit (store, error);
}

gboolean
cc_media_restore_video (CcStore     *store,
                        const char  *video_id,
                        GError     **error)
{
  g_autofree char *product_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (video_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT product_id FROM product_videos WHERE id = ?1 AND deleted = 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, video_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    product_id = cc_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (product_id == NULL)
    {
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        cc_store_set_sqlite_error (store, error);
      else
        g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND, _("This clip cannot be brought back"));
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!check_product_live (store, product_id, error) ||
      !tombstone_live (store, product_id, NULL, error) ||
      !cc_store_write (store, "product_video", video_id, "deleted", cc_value_bool (FALSE), error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

char *
cc_media_dup_video_path (CcStore    *store,
                         const char *product_id)
{
  g_autoptr(CcVideo) video = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  video = cc_media_get_video (store, product_id, NULL);
  if (video == NULL || !cc_photos_is_sha256 (video->sha256))
    return NULL;
  return cc_photos_dup_blob_path (cc_store_get_data_dir (store), video->sha256);
}

/* Camera */

gboolean
cc_media_camera_is_overridden (void)
{
  const char *source = g_getenv ("CRAFTCHAIN_CAMERA_SOURCE");

  return source != NULL && *source != '\0';
}

gboolean
cc_media_has_camera (void)
{
  g_autoptr(GDir) dir = NULL;
  GstDeviceMonitor *monitor;
  GList *devices;
  gboolean found = FALSE;
  const char *name;

  if (cc_media_camera_is_overridden ())
    return TRUE;

  dir = g_dir_open ("/dev", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      return TRUE;

  cc_media_init ();
  monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  devices = gst_device_monitor_get_devices (monitor);
  found = devices != NULL;
  g_list_free_full (devices, gst_object_unref);
  gst_object_unref (monitor);
  return found;
}

char *
cc_media_camera_pipeline (void)
{
  const char *source = "v4l2src";

  if (cc_media_camera_is_overridden ())
    source = g_getenv ("CRAFTCHAIN_CAMERA_SOURCE");

  /* decodebin: many webcams send MJPEG at their larger sizes. */
  return g_strdup_printf ("%s ! decodebin ! videoconvert ! video/x-raw,format=RGBA ! "
                          "appsink name=sink drop=true max-buffers=1",
                          source);
}
