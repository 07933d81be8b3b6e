/* cc-media.h — a product's short video clip and camera helpers, through GStreamer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* Marketplaces take short clips (Etsy: 5–15 seconds); CraftChain allows up
 * to a minute and 100 MB. */
#define CC_MEDIA_MAX_DURATION_MS ((gint64) 60 * 1000)
#define CC_MEDIA_MAX_BYTES       ((gint64) 100 * 1000 * 1000)

/* What a clip file holds, as GStreamer reads it. */
typedef struct
{
  gint64  duration_ms;
  int     width;
  int     height;
  gint64  size_bytes;
  char   *mime;        /* container type, e.g. "video/webm" */
} CcMediaInfo;

void         cc_media_info_free         (CcMediaInfo *info);

/* A product's clip as stored. */
typedef struct
{
  char   *id;
  char   *product_id;
  char   *sha256;         /* the clip, in the content store */
  char   *poster_sha256;  /* a JPEG frame, in the content store */
  gint64  duration_ms;
  int     width;
  int     height;
  char   *mime;
} CcVideo;

void         cc_video_free              (CcVideo *video);

/* Thread-safe, no database. Reads the file's container, duration and
 * picture size (GstDiscoverer, with a timeout). Refuses with
 * CC_ERROR_INVALID_INPUT and a translated reason: an empty file, one that
 * is not a video (an image, text), damaged or undecodable, without a video
 * stream, longer than CC_MEDIA_MAX_DURATION_MS or bigger than
 * CC_MEDIA_MAX_BYTES. A missing file is CC_ERROR_NOT_FOUND. */
CcMediaInfo *cc_media_probe_file        (const char  *path,
                                         GError     **error);

/* Thread-safe, no database: probes the file, decodes a poster frame (at
 * about one second, or a tenth of a shorter clip) and stores it as a JPEG
 * blob, and copies the clip into the content store (<data dir>/photos/<aa>/
 * <sha256>, the same store as photos, so blobs sync alike). Returns a
 * CcVideo with id and product_id NULL, ready for cc_media_attach_video. */
CcVideo     *cc_media_store_file        (const char    *data_dir,
                                         const char    *path,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Main thread: makes a stored clip the product's video, tombstoning the
 * one it had (one clip per product). Returns the new video's id. */
char        *cc_media_attach_video      (CcStore     *store,
                                         const char  *product_id,
                                         CcVideo     *stored,
                                         GError     **error);
/* store_file + attach, blocking: for the CLI and tests. */
char        *cc_media_add_video         (CcStore     *store,
                                         const char  *product_id,
                                         const char  *path,
                                         GError     **error);
/* The product's live clip, or NULL (error unset) when it has none. */
CcVideo     *cc_media_get_video         (CcStore     *store,
                                         const char  *product_id,
                                         GError     **error);
/* Tombstones the product's clip; CC_ERROR_NOT_FOUND when it has none. */
gboolean     cc_media_remove_video      (CcStore     *store,
                                         const char  *product_id,
                                         GError     **error);
/* Brings a tombstoned clip back (the undo of a remove), replacing any clip
 * added since. */
gboolean     cc_media_restore_video     (CcStore     *store,
                                         const char  *video_id,
                                         GError     **error);
/* Path of the product's clip file in the content store, or NULL when it
 * has none (the file may not have arrived by sync yet). */
char        *cc_media_dup_video_path    (CcStore     *store,
                                         const char  *product_id);

/* Camera */

/* Whether a camera exists: a GstDeviceMonitor "Video/Source" device or a
 * /dev/video* node. */
gboolean     cc_media_has_camera        (void);
/* The live preview pipeline: the source (the environment variable
 * CRAFTCHAIN_CAMERA_SOURCE when set — for tests, e.g. "videotestsrc
 * pattern=ball" — else v4l2src), then videoconvert to RGBA into an appsink
 * named "sink" (drop, one buffer). */
char        *cc_media_camera_pipeline   (void);
/* Whether CRAFTCHAIN_CAMERA_SOURCE replaces the real camera (for tests). */
gboolean     cc_media_camera_is_overridden (void);

/* Calls gst_init once; every function above does it itself. */
void         cc_media_init              (void);

void         cc_media_register          (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcMediaInfo, cc_media_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcVideo, cc_video_free)

G_END_DECLS
