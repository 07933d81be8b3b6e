/* cc-photos.h — product photos in a content-addressed store, thumbnails.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *product_id;
  char *sha256;
  int   position;   /* 0 is the cover */
  int   width;
  int   height;
} CcPhoto;

void        cc_photo_free              (CcPhoto *photo);

/* Thread-safe, touches no database: checks the file is an image
 * (CC_ERROR_INVALID_INPUT otherwise, with the reason), copies it into
 * <data dir>/photos/<aa>/<sha256> unless already there, and returns the
 * SHA-256 hex. */
char       *cc_photos_store_file       (const char  *data_dir,
                                        const char  *path,
                                        int         *out_width,
                                        int         *out_height,
                                        GError     **error);
/* Thread-safe: checks path is a file, not empty, that reads as a raster
 * picture, and returns gdk-pixbuf's name of its format ("jpeg", "png"…)
 * and its size as stored, before any EXIF turn. CC_ERROR_NOT_FOUND,
 * CC_ERROR_IO, or CC_ERROR_INVALID_INPUT with the reason. */
char       *cc_photos_probe_file       (const char  *path,
                                        int         *out_width,
                                        int         *out_height,
                                        GError     **error);
/* Swaps *width and *height when the decoded picture's EXIF orientation
 * (5–8) turns it a quarter. */
void        cc_photos_orient_size      (GdkPixbuf   *decoded,
                                        int         *width,
                                        int         *height);
/* What a blob in the content store is, for the words of its errors. */
typedef enum
{
  CC_BLOB_PHOTO,
  CC_BLOB_CLIP,
} CcBlobKind;

/* Thread-safe, touches no database: copies path into
 * <data dir>/photos/<aa>/<sha256> as it is, hashing it on the way, through
 * a temporary file flushed to disk and renamed into place (or dropped when
 * that blob is there already), and returns the SHA-256 hex. CC_ERROR_IO
 * when it cannot be read or written; cancellable is looked at between
 * reads. For blobs that are not photos: cc_photos_store_file checks those. */
char       *cc_photos_store_blob_file  (const char    *data_dir,
                                        const char    *path,
                                        CcBlobKind     kind,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Reads the whole file and checks it is not cut short: decoders happily
 * show the top half of a truncated JPEG or PNG, so the JPEG end marker and
 * the PNG IEND chunk (and WebP's RIFF size) are looked for here; other
 * formats are left to the decoder. format_name is gdk-pixbuf's ("jpeg",
 * "png", "webp"…). CC_ERROR_INVALID_INPUT when cut short, CC_ERROR_IO when
 * it cannot be read. Thread-safe. */
gboolean    cc_photos_check_whole      (const char  *path,
                                        const char  *format_name,
                                        GError     **error);
/* Adds an already-stored blob to a product, after its last photo. The same
 * blob twice on one product is refused (CC_ERROR_CONFLICT). */
char       *cc_photos_attach           (CcStore     *store,
                                        const char  *product_id,
                                        const char  *sha256,
                                        int          width,
                                        int          height,
                                        GError     **error);
/* store_file + attach. */
char       *cc_photos_add_file         (CcStore     *store,
                                        const char  *product_id,
                                        const char  *path,
                                        GError     **error);
/* CcPhoto*, cover first. */
GPtrArray  *cc_photos_list             (CcStore    *store,
                                        const char *product_id);
gboolean    cc_photos_remove           (CcStore     *store,
                                        const char  *photo_id,
                                        GError     **error);
/* Moves a photo to a position; the others shift. Position 0 = cover. */
gboolean    cc_photos_move             (CcStore     *store,
                                        const char  *photo_id,
                                        int          position,
                                        GError     **error);
gboolean    cc_photos_set_cover        (CcStore     *store,
                                        const char  *photo_id,
                                        GError     **error);
/* Whether text is a blob's name: 64 lower-case hex digits of a SHA-256. */
gboolean    cc_photos_is_sha256        (const char *text);
/* Path of a stored blob (which may not exist yet, if it has not arrived). */
char       *cc_photos_dup_blob_path    (const char *data_dir,
                                        const char *sha256);

/* Makes (or reuses) a PNG thumbnail at most size×size pixels in a worker
 * thread; the result is its path. */
void        cc_photos_thumbnail_async  (const char          *data_dir,
                                        const char          *sha256,
                                        int                  size,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char       *cc_photos_thumbnail_finish (GAsyncResult  *result,
                                        GError       **error);
/* The same, blocking: for workers and the CLI. */
char       *cc_photos_thumbnail        (const char    *data_dir,
                                        const char    *sha256,
                                        int            size,
                                        GCancellable  *cancellable,
                                        GError       **error);

void        cc_photos_register         (CcStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPhoto, cc_photo_free)

G_END_DECLS
