/* cc-photos.c — product photos in a content-addressed store, thumbnails.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A photo is a blob named by its SHA-256 under <data dir>/photos/<aa>/, and
 * a synced "photo" row that puts a blob on a product at a position. Blobs
 * are never rewritten: the same bytes always land at the same path, so two
 * products (or two devices) sharing a picture share one file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-photos.h"
#include "cc-uuid.h"

/* Formats other than JPEG decode at full size, so memory bounds them. */
#define MAX_DECODED_PIXELS ((gint64) 40 * 1000 * 1000)
/* Enough pixels to prove the data decodes; JPEG gets there by scaling. */
#define PROBE_SIZE 256
#define COPY_BUFFER_SIZE (256 * 1024)

void
cc_photo_free (CcPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->id);
  g_free (photo->product_id);
  g_free (photo->sha256);
  g_free (photo);
}

gboolean
cc_photos_is_sha256 (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return text[64] == '\0';
}

char *
cc_photos_dup_blob_path (const char *data_dir,
                         const char *sha256)
{
  char prefix[3];

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (cc_photos_is_sha256 (sha256), NULL);

  prefix[0] = sha256[0];
  prefix[1] = sha256[1];
  prefix[2] = '\0';
  return g_build_filename (data_dir, "photos", prefix, sha256, NULL);
}

/* Completeness of the bytes as they stream past: decoders happily show
 * the top half of a cut-off JPEG or PNG, so the end of the file is checked
 * here, where every byte is read anyway for the hash. */
typedef enum
{
  SHAPE_JPEG,
  SHAPE_PNG,
  SHAPE_WEBP,
  SHAPE_OTHER,
} ShapeKind;

typedef enum
{
  JPEG_SOI_FF,
  JPEG_SOI_D8,
  JPEG_SEEK_FF,       /* between segments: wait for a marker */
  JPEG_MARKER,        /* after 0xFF: the marker code */
  JPEG_LENGTH_HI,
  JPEG_LENGTH_LO,
  JPEG_SKIP,          /* segment body */
  JPEG_ENTROPY,       /* scan data */
  JPEG_ENTROPY_FF,
} JpegState;

typedef struct
{
  ShapeKind kind;
  gboolean  complete;
  gboolean  broken;
  guint64   total;
  /* JPEG */
  JpegState jpeg_state;
  guint8    marker;
  guint     length;
  /* PNG: chunk headers */
  guint8    header[8];
  guint     header_len;
  guint64   skip;
  /* WebP */
  guint64   riff_size;
} ShapeCheck;

static void
shape_check_init (ShapeCheck *check,
                  const char *format_name)
{
  memset (check, 0, sizeof *check);
  if (g_strcmp0 (format_name, "jpeg") == 0)
    check->kind = SHAPE_JPEG;
  else if (g_strcmp0 (format_name, "png") == 0)
    check->kind = SHAPE_PNG;
  else if (g_strcmp0 (format_name, "webp") == 0)
    check->kind = SHAPE_WEBP;
  else
    check->kind = SHAPE_OTHER;
}

static void
jpeg_feed (ShapeCheck   *check,
           const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i < len && !check->complete && !check->broken; i++)
    {
      guint8 b = data[i];

      switch (check->jpeg_state)
        {
        case JPEG_SOI_FF:
          if (b != 0xFF)
            check->broken = TRUE;
          check->jpeg_state = JPEG_SOI_D8;
          break;

        case JPEG_SOI_D8:
          if (b != 0xD8)
            check->broken = TRUE;
          check->jpeg_state = JPEG_SEEK_FF;
          break;

        case JPEG_SEEK_FF:
          /* libjpeg skips stray bytes before a marker; so do we. */
          if (b == 0xFF)
            check->jpeg_state = JPEG_MARKER;
          break;

        case JPEG_MARKER:
        case JPEG_ENTROPY_FF:
          if (b == 0xFF)
            break;  /* fill byte */
          if (check->jpeg_state == JPEG_ENTROPY_FF &&
              (b == 0x00 || (b >= 0xD0 && b <= 0xD7)))
            {
              /* stuffed zero or restart marker: still in the scan */
              check->jpeg_state = JPEG_ENTROPY;
              break;
            }
          if (b == 0xD9)
            check->complete = TRUE;
          else if (b == 0x01 || (b >= 0xD0 && b <= 0xD8) || b == 0x00)
            check->jpeg_state = JPEG_SEEK_FF;
          else
            {
              check->marker = b;
              check->jpeg_state = JPEG_LENGTH_HI;
            }
          break;

        case JPEG_LENGTH_HI:
          check->length = (guint) b << 8;
          check->jpeg_state = JPEG_LENGTH_LO;
          break;

        case JPEG_LENGTH_LO:
          check->length |= b;
          if (check->length < 2)
            {
              check->broken = TRUE;
              break;
            }
          check->skip = check->length - 2;
          if (check->skip > 0)
            check->jpeg_state = JPEG_SKIP;
          else
            check->jpeg_state = check->marker == 0xDA ? JPEG_ENTROPY : JPEG_SEEK_FF;
          break;

        case JPEG_SKIP:
          {
            gsize n = MIN ((guint64) (len - i), check->skip);

            check->skip -= n;
            i += n - 1;
            if (check->skip == 0)
              check->jpeg_state = check->marker == 0xDA ? JPEG_ENTROPY : JPEG_SEEK_FF;
          }
          break;

        case JPEG_ENTROPY:
          {
            const guint8 *ff = memchr (data + i, 0xFF, len - i);

            if (ff == NULL)
              i = len - 1;
            else
              {
                i = ff - data;
                check->jpeg_state = JPEG_ENTROPY_FF;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
png_feed (ShapeCheck   *check,
          const guint8 *data,
          gsize         len)
{
  gsize i = 0;

  /* The 8-byte signature is skipped like a chunk body. */
  if (check->total == 0)
    check->skip = 8;

  while (i < len && !check->complete && !check->broken)
    {
      if (check->skip > 0)
        {
          gsize n = MIN ((guint64) (len - i), check->skip);

          check->skip -= n;
          i += n;
          continue;
        }

      check->header[check->header_len++] = data[i++];
      if (check->header_len == 8)
        {
          guint32 length = ((guint32) check->header[0] << 24) | ((guint32) check->header[1] << 16) |
                           ((guint32) check->header[2] << 8) | check->header[3];

          check->header_len = 0;
          if (length > G_MAXINT32)
            check->broken = TRUE;
          else if (memcmp (check->header + 4, "IEND", 4) == 0)
            check->complete = TRUE;
          else
            check->skip = (guint64) length + 4;  /* data and CRC */
        }
    }
}

static void
shape_check_feed (ShapeCheck   *check,
                  const guint8 *data,
                  gsize         len)
{
  switch (check->kind)
    {
    case SHAPE_JPEG:
      jpeg_feed (check, data, len);
      break;

    case SHAPE_PNG:
      png_feed (check, data, len);
      break;

    case SHAPE_WEBP:
      /* "RIFF", then the little-endian size of everything after it. */
      for (gsize i = 0; i < len && check->total + i < 8; i++)
        if (check->total + i >= 4)
          check->riff_size |= (guint64) data[i] << (8 * (check->total + i - 4));
      break;

    case SHAPE_OTHER:
    default:
      break;
    }
  check->total += len;
}

static gboolean
shape_check_is_whole (ShapeCheck *check)
{
  switch (check->kind)
    {
    case SHAPE_JPEG:
    case SHAPE_PNG:
      return check->complete && !check->broken;

    case SHAPE_WEBP:
      return check->total >= 8 && check->total >= check->riff_size + 8;

    case SHAPE_OTHER:
    default:
      /* The decoder is the judge of the rest. */
      return TRUE;
    }
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: the rename is what matters, this only makes it durable
   * sooner. */
  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
}

static void
set_io_error (GError     **error,
              CcBlobKind   kind,
              const char  *display_name,
              int          saved_errno)
{
  if (kind == CC_BLOB_CLIP)
    g_set_error (error, CC_ERROR, CC_ERROR_IO,
                 _("Could not store the clip “%s”: %s"),
                 display_name, g_strerror (saved_errno));
  else
    g_set_error (error, CC_ERROR, CC_ERROR_IO,
                 _("Could not store the photo “%s”: %s"),
                 display_name, g_strerror (saved_errno));
}

/* Sees the bytes as they are copied; then the finished copy, which it may
 * refuse (FALSE, error set) before it is named. */
typedef void     (*BlobFeedFunc)   (gpointer      user_data,
                                    const guint8 *data,
                                    gsize         len);
typedef gboolean (*BlobVerifyFunc) (gpointer      user_data,
                                    const char   *tmp_path,
                                    GError      **error);

/* Copies path to a temporary file in the photos directory while hashing
 * it, flushes it to disk, and renames it to its blob path (unless the blob
 * is there already). */
static char *
store_blob (const char      *data_dir,
            const char      *path,
            CcBlobKind       kind,
            BlobFeedFunc     feed,
            BlobVerifyFunc   verify,
            gpointer         user_data,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *photos_dir = g_build_filename (data_dir, "photos", NULL);
  g_autofree char *tmp_path = NULL;
  g_autofree char *blob_path = NULL;
  g_autofree char *blob_dir = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree guint8 *buffer = NULL;
  int in_fd;
  int out_fd;
  int saved_errno = 0;
  gboolean cancelled = FALSE;

  if (g_mkdir_with_parents (photos_dir, 0755) != 0)
    {
      set_io_error (error, kind, display_name, errno);
      return NULL;
    }

  in_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      set_io_error (error, kind, display_name, errno);
      return NULL;
    }
  tmp_path = g_build_filename (photos_dir, kind == CC_BLOB_CLIP ? "tmp-clip-XXXXXX" : "tmp-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (out_fd < 0)
    {
      saved_errno = errno;
      g_close (in_fd, NULL);
      set_io_error (error, kind, display_name, saved_errno);
      return NULL;
    }

  buffer = g_malloc (COPY_BUFFER_SIZE);
  for (;;)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      n = read (in_fd, buffer, COPY_BUFFER_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      if (feed != NULL)
        feed (user_data, buffer, n);
      if (!write_all (out_fd, buffer, n))
        {
          saved_errno = errno;
          break;
        }
    }

  g_close (in_fd, NULL);
  if (saved_errno == 0 && !cancelled && g_fsync (out_fd) != 0)
    saved_errno = errno;
  if (!g_close (out_fd, NULL) && saved_errno == 0)
    saved_errno = EIO;

  if (cancelled)
    {
      g_unlink (tmp_path);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (saved_errno != 0)
    {
      g_unlink (tmp_path);
      set_io_error (error, kind, display_name, saved_errno);
      return NULL;
    }
  if (verify != NULL && !verify (user_data, tmp_path, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }

  sha256 = g_strdup (g_checksum_get_string (checksum));
  blob_path = cc_photos_dup_blob_path (data_dir, sha256);
  blob_dir = g_path_get_dirname (blob_path);
  if (g_mkdir_with_parents (blob_dir, 0755) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      set_io_error (error, kind, display_name, saved_errno);
      return NULL;
    }

  if (g_file_test (blob_path, G_FILE_TEST_IS_REGULAR))
    g_unlink (tmp_path);
  else if (g_rename (tmp_path, blob_path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      set_io_error (error, kind, display_name, saved_errno);
      return NULL;
    }
  else
    sync_directory (blob_dir);

  return g_steal_pointer (&sha256);
}

char *
cc_photos_store_blob_file (const char    *data_dir,
                           const char    *path,
                           CcBlobKind     kind,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_blob (data_dir, path, kind, NULL, NULL, NULL, cancellable, error);
}

gboolean
cc_photos_check_whole (const char  *path,
                       const char  *format_name,
                       GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree guint8 *buffer = NULL;
  ShapeCheck check;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shape_check_init (&check, format_name);
  if (check.kind == SHAPE_OTHER)
    return TRUE;

  display_name = g_filename_display_basename (path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not open “%s”: %s"),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }

  buffer = g_malloc (COPY_BUFFER_SIZE);
  while (!check.complete && !check.broken)
    {
      gssize n = read (fd, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      shape_check_feed (&check, buffer, n);
    }
  g_close (fd, NULL);

  if (saved_errno != 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not read “%s”: %s"),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  if (!shape_check_is_whole (&check))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is cut short or damaged: part of the photo is missing"),
                   display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_same_format (GdkPixbufFormat *format,
                const char      *name)
{
  g_autofree char *format_name = gdk_pixbuf_format_get_name (format);

  return g_strcmp0 (format_name, name) == 0;
}

typedef struct
{
  ShapeCheck  shape;
  const char *format_name;
  const char *display_name;
} PhotoCheck;

static void
photo_check_feed (gpointer      user_data,
                  const guint8 *data,
                  gsize         len)
{
  PhotoCheck *check = user_data;

  shape_check_feed (&check->shape, data, len);
}

/* The copy must be whole, and still read as the format the original did:
 * a blob has no file name to hint at its format, and it must open on every
 * device from its bytes alone. */
static gboolean
photo_check_verify (gpointer     user_data,
                    const char  *tmp_path,
                    GError     **error)
{
  PhotoCheck *check = user_data;
  GdkPixbufFormat *format;

  if (!shape_check_is_whole (&check->shape))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is cut short or damaged: part of the photo is missing"),
                   check->display_name);
      return FALSE;
    }
  format = gdk_pixbuf_get_file_info (tmp_path, NULL, NULL);
  if (format == NULL || !is_same_format (format, check->format_name))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a photo CraftChain can read (JPEG, PNG, WebP, HEIF, TIFF…)"),
                   check->display_name);
      return FALSE;
    }
  return TRUE;
}

/* Decodes at most box×box pixels; never enlarges a small picture. JPEG
 * decodes straight at a reduced scale, so this is cheap for it. */
static GdkPixbuf *
load_fitted (const char  *path,
             int          width,
             int          height,
             int          box,
             GError     **error)
{
  if (width <= box && height <= box)
    return gdk_pixbuf_new_from_file (path, error);
  return gdk_pixbuf_new_from_file_at_scale (path, box, box, TRUE, error);
}

char *
cc_photos_probe_file (const char  *path,
                      int         *out_width,
                      int         *out_height,
                      GError     **error)
{
  g_autofree char *display_name = NULL;
  GdkPixbufFormat *format;
  GStatBuf st;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR,
                   saved_errno == ENOENT ? CC_ERROR_NOT_FOUND : CC_ERROR_IO,
                   _("Could not open “%s”: %s"),
                   display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a file"), display_name);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is empty"), display_name);
      return NULL;
    }

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL || gdk_pixbuf_format_is_scalable (format) || width <= 0 || height <= 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a photo CraftChain can read (JPEG, PNG, WebP, HEIF, TIFF…)"),
                   display_name);
      return NULL;
    }
  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  return gdk_pixbuf_format_get_name (format);
}

void
cc_photos_orient_size (GdkPixbuf *decoded,
                       int       *width,
                       int       *height)
{
  const char *orientation;

  g_return_if_fail (GDK_IS_PIXBUF (decoded));
  g_return_if_fail (width != NULL && height != NULL);

  orientation = gdk_pixbuf_get_option (decoded, "orientation");
  if (orientation != NULL)
    {
      gint64 value = g_ascii_strtoll (orientation, NULL, 10);

      if (value >= 5 && value <= 8)
        {
          int tmp = *width;

          *width = *height;
          *height = tmp;
        }
    }
}

char *
cc_photos_store_file (const char  *data_dir,
                      const char  *path,
                      int         *out_width,
                      int         *out_height,
                      GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GdkPixbuf) probe = NULL;
  g_autoptr(GError) local_error = NULL;
  PhotoCheck check;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  format_name = cc_photos_probe_file (path, &width, &height, error);
  if (format_name == NULL)
    return NULL;
  display_name = g_filename_display_basename (path);

  if (g_strcmp0 (format_name, "jpeg") != 0 &&
      (gint64) width * height > MAX_DECODED_PIXELS)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is %d × %d pixels, more than the 40 megapixels CraftChain can open "
                     "in this format; save it as a JPEG or make it smaller"),
                   display_name, width, height);
      return NULL;
    }

  /* Proves the pixel data decodes, not just the header. */
  probe = load_fitted (path, width, height, PROBE_SIZE, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is damaged and cannot be opened: %s"),
                   display_name, local_error->message);
      return NULL;
    }

  cc_photos_orient_size (probe, &width, &height);

  shape_check_init (&check.shape, format_name);
  check.format_name = format_name;
  check.display_name = display_name;
  sha256 = store_blob (data_dir, path, CC_BLOB_PHOTO, photo_check_feed, photo_check_verify, &check, NULL, error);
  if (sha256 == NULL)
    return NULL;

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  return g_steal_pointer (&sha256);
}

/* Database */

static CcPhoto *
photo_from_row (sqlite3_stmt *stmt)
{
  CcPhoto *photo = g_new0 (CcPhoto, 1);

  photo->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  photo->product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  photo->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  photo->position = sqlite3_column_int (stmt, 3);
  photo->width = sqlite3_column_int (stmt, 4);
  photo->height = sqlite3_column_int (stmt, 5);
  return photo;
}

static GPtrArray *
list_photos (CcStore     *store,
             const char  *product_id,
             GError     **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_photo_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, product_id, sha256, position, width, height "
                                  "FROM photos WHERE product_id = ?1 AND deleted = 0 "
                                  "ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (photos, photo_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&photos);
}

GPtrArray *
cc_photos_list (CcStore    *store,
                const char *product_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *photos;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  photos = list_photos (store, product_id, &error);
  if (photos == NULL)
    {
      g_warning ("Could not list the photos of %s: %s", product_id, error->message);
      photos = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_photo_free);
    }
  return photos;
}

/* A live photo by id, or CC_ERROR_NOT_FOUND. */
static CcPhoto *
get_live_photo (CcStore     *store,
                const char  *photo_id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  CcPhoto *photo = NULL;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT id, product_id, sha256, position, width, height "
                                  "FROM photos WHERE id = ?1 AND deleted = 0",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, photo_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    photo = photo_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                 _("This photo no longer exists"));
  else
    cc_store_set_sqlite_error (store, error);
  sqlite3_reset (stmt);
  return photo;
}

static gboolean
product_is_live (CcStore     *store,
                 const char  *product_id,
                 gboolean    *out_live,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT deleted FROM products WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out_live = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Writes position i to the i-th photo wherever it differs. */
static gboolean
write_positions (CcStore    *store,
                 GPtrArray  *photos,
                 GError    **error)
{
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      if (photo->position == (int) i)
        continue;
      if (!cc_store_write (store, "photo", photo->id, "position", cc_value_int (i), error))
        return FALSE;
      photo->position = i;
    }
  return TRUE;
}

static gboolean
attach_in_transaction (CcStore     *store,
                       const char  *photo_id,
                       const char  *product_id,
                       const char  *sha256,
                       int          width,
                       int          height,
                       GError     **error)
{
  g_autoptr(GPtrArray) photos = NULL;
  gboolean live = FALSE;
  int position = 0;

  if (!product_is_live (store, product_id, &live, error))
    return FALSE;
  if (!live)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                   _("This piece does not exist or was deleted"));
      return FALSE;
    }

  photos = list_photos (store, product_id, error);
  if (photos == NULL)
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      if (g_strcmp0 (photo->sha256, sha256) == 0)
        {
          g_set_error (error, CC_ERROR, CC_ERROR_CONFLICT,
                       _("This photo is already on this piece"));
          return FALSE;
        }
      position = MAX (position, photo->position + 1);
    }

  return cc_store_write (store, "photo", photo_id, "product_id", cc_value_string (product_id), error) &&
         cc_store_write (store, "photo", photo_id, "sha256", cc_value_string (sha256), error) &&
         cc_store_write (store, "photo", photo_id, "position", cc_value_int (position), error) &&
         cc_store_write (store, "photo", photo_id, "width", cc_value_int (width), error) &&
         cc_store_write (store, "photo", photo_id, "height", cc_value_int (height), error);
}

char *
cc_photos_attach (CcStore     *store,
                  const char  *product_id,
                  const char  *sha256,
                  int          width,
                  int          height,
                  GError     **error)
{
  g_autofree char *photo_id = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cc_photos_is_sha256 (sha256) || width < 0 || height < 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("This is not a stored photo"));
      return NULL;
    }

  photo_id = cc_uuid_v7_new ();

  if (!cc_store_begin (store, error))
    return NULL;
  if (!attach_in_transaction (store, photo_id, product_id, sha256, width, height, error))
    {
      cc_store_rollback (store);
      return NULL;
    }
  if (!cc_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&photo_id);
}

char *
cc_photos_add_file (CcStore     *store,
                    const char  *product_id,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *sha256 = NULL;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sha256 = cc_photos_store_file (cc_store_get_data_dir (store), path, &width, &height, error);
  if (sha256 == NULL)
    return NULL;

  return cc_photos_attach (store, product_id, sha256, width, height, error);
}

static gboolean
remove_in_transaction (CcStore     *store,
                       const char  *photo_id,
                       GError     **error)
{
  g_autoptr(CcPhoto) photo = NULL;
  g_autoptr(GPtrArray) rest = NULL;

  photo = get_live_photo (store, photo_id, error);
  if (photo == NULL)
    return FALSE;
  if (!cc_store_write (store, "photo", photo_id, "deleted", cc_value_bool (TRUE), error))
    return FALSE;

  rest = list_photos (store, photo->product_id, error);
  return rest != NULL && write_positions (store, rest, error);
}

gboolean
cc_photos_remove (CcStore     *store,
                  const char  *photo_id,
                  GError     **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (photo_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!remove_in_transaction (store, photo_id, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

static gboolean
move_in_transaction (CcStore     *store,
                     const char  *photo_id,
                     int          position,
                     GError     **error)
{
  g_autoptr(CcPhoto) photo = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  gpointer moving = NULL;
  guint index = 0;

  photo = get_live_photo (store, photo_id, error);
  if (photo == NULL)
    return FALSE;

  photos = list_photos (store, photo->product_id, error);
  if (photos == NULL)
    return FALSE;
  for (index = 0; index < photos->len; index++)
    if (g_strcmp0 (((CcPhoto *) g_ptr_array_index (photos, index))->id, photo_id) == 0)
      break;
  g_assert (index < photos->len);

  moving = g_ptr_array_steal_index (photos, index);
  g_ptr_array_insert (photos, MIN ((guint) position, photos->len), moving);
  return write_positions (store, photos, error);
}

gboolean
cc_photos_move (CcStore     *store,
                const char  *photo_id,
                int          position,
                GError     **error)
{
  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (photo_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (position < 0)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A photo’s position cannot be negative"));
      return FALSE;
    }

  if (!cc_store_begin (store, error))
    return FALSE;
  if (!move_in_transaction (store, photo_id, position, error))
    {
      cc_store_rollback (store);
      return FALSE;
    }
  return cc_store_commit (store, error);
}

gboolean
cc_photos_set_cover (CcStore     *store,
                     const char  *photo_id,
                     GError     **error)
{
  return cc_photos_move (store, photo_id, 0, error);
}

/* The entity */

typedef enum
{
  COLUMN_TEXT,
  COLUMN_INT,
  COLUMN_BOOL,
} ColumnType;

static const struct
{
  const char *reg;
  ColumnType  type;
  const char *update_sql;
} photo_registers[] = {
  { "product_id", COLUMN_TEXT, "UPDATE photos SET product_id = ?1 WHERE id = ?2" },
  { "sha256",     COLUMN_TEXT, "UPDATE photos SET sha256 = ?1 WHERE id = ?2" },
  { "position",   COLUMN_INT,  "UPDATE photos SET position = ?1 WHERE id = ?2" },
  { "width",      COLUMN_INT,  "UPDATE photos SET width = ?1 WHERE id = ?2" },
  { "height",     COLUMN_INT,  "UPDATE photos SET height = ?1 WHERE id = ?2" },
  { "deleted",    COLUMN_BOOL, "UPDATE photos SET deleted = ?1 WHERE id = ?2" },
};

/* The product a photo row is on, if that product is here: it is the one
 * whose search entry (cover) must be rebuilt. */
static gboolean
mark_product_dirty (CcStore     *store,
                    const char  *photo_id,
                    GError     **error)
{
  g_autofree char *product_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cc_store_prepare_cached (store,
                                  "SELECT p.id FROM photos ph JOIN products p ON p.id = ph.product_id "
                                  "WHERE ph.id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, photo_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (product_id != NULL)
    cc_store_mark_dirty (store, "product", product_id);
  return TRUE;
}

static gboolean
bind_value (sqlite3_stmt  *stmt,
            ColumnType     type,
            const char    *reg,
            JsonNode      *value,
            GError       **error)
{
  gboolean is_null = value == NULL || JSON_NODE_HOLDS_NULL (value);
  GType value_type = G_TYPE_INVALID;

  if (!is_null && JSON_NODE_HOLDS_VALUE (value))
    value_type = json_node_get_value_type (value);

  switch (type)
    {
    case COLUMN_TEXT:
      if (is_null)
        sqlite3_bind_text (stmt, 1, "", -1, SQLITE_STATIC);
      else if (value_type == G_TYPE_STRING &&
               (strcmp (reg, "sha256") != 0 || cc_photos_is_sha256 (json_node_get_string (value))))
        sqlite3_bind_text (stmt, 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
      else
        goto bad_value;
      break;

    case COLUMN_INT:
      if (is_null)
        sqlite3_bind_int64 (stmt, 1, 0);
      else if (value_type == G_TYPE_INT64 &&
               json_node_get_int (value) >= 0 && json_node_get_int (value) <= G_MAXINT)
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
      else
        goto bad_value;
      break;

    case COLUMN_BOOL:
      if (is_null)
        sqlite3_bind_int (stmt, 1, 0);
      else if (value_type == G_TYPE_BOOLEAN)
        sqlite3_bind_int (stmt, 1, json_node_get_boolean (value) ? 1 : 0);
      else
        goto bad_value;
      break;

    default:
      g_assert_not_reached ();
    }
  return TRUE;

bad_value:
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("A photo’s “%s” has a value of the wrong kind"), reg);
  return FALSE;
}

static gboolean
photo_apply (CcStore     *store,
             const char  *row_id,
             const char  *reg,
             JsonNode    *value,
             GError     **error)
{
  sqlite3_stmt *stmt;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (photo_registers); i++)
    if (g_strcmp0 (photo_registers[i].reg, reg) == 0)
      break;
  if (i == G_N_ELEMENTS (photo_registers))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("A photo has no field “%s”"), reg);
      return FALSE;
    }

  /* Moving a photo to another product also changes the old one's cover. */
  if (strcmp (reg, "product_id") == 0 && !mark_product_dirty (store, row_id, error))
    return FALSE;

  stmt = cc_store_prepare_cached (store,
                                  "INSERT INTO photos (id) VALUES (?1) ON CONFLICT DO NOTHING",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = cc_store_prepare_cached (store, photo_registers[i].update_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (!bind_value (stmt, photo_registers[i].type, reg, value, error))
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return mark_product_dirty (store, row_id, error);
}

static const CcEntityClass photo_entity = { "photo", photo_apply, NULL };

void
cc_photos_register (CcStore *store)
{
  g_return_if_fail (CC_IS_STORE (store));

  cc_store_add_entity (store, &photo_entity);
}

/* Thumbnails */

char *
cc_photos_thumbnail (const char    *data_dir,
                     const char    *sha256,
                     int            size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *size_text = NULL;
  g_autofree char *thumb_name = NULL;
  g_autofree char *thumb_dir = NULL;
  g_autofree char *thumb_path = NULL;
  g_autofree char *blob_path = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbufFormat *format;
  gsize png_len = 0;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cc_photos_is_sha256 (sha256))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("This is not a stored photo"));
      return NULL;
    }

  size_text = g_strdup_printf ("%d", size);
  thumb_name = g_strconcat (sha256, ".png", NULL);
  thumb_dir = g_build_filename (data_dir, "thumbnails", size_text, NULL);
  thumb_path = g_build_filename (thumb_dir, thumb_name, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_file_test (thumb_path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&thumb_path);

  blob_path = cc_photos_dup_blob_path (data_dir, sha256);
  format = gdk_pixbuf_get_file_info (blob_path, &width, &height);
  if (format == NULL)
    {
      if (!g_file_test (blob_path, G_FILE_TEST_EXISTS))
        g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                     _("This photo has not arrived on this device yet"));
      else
        g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                     _("The stored photo is damaged"));
      return NULL;
    }
  /* A blob made elsewhere gets the same guard as one added here. */
  format_name = gdk_pixbuf_format_get_name (format);
  if (g_strcmp0 (format_name, "jpeg") != 0 &&
      (gint64) width * height > MAX_DECODED_PIXELS)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("This photo is %d × %d pixels, too large to open in this format"),
                   width, height);
      return NULL;
    }

  scaled = load_fitted (blob_path, width, height, size, &local_error);
  if (scaled == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT,
                   _("The stored photo is damaged: %s"), local_error->message);
      return NULL;
    }
  /* Fitted into a square, so a quarter turn still fits. */
  oriented = gdk_pixbuf_apply_embedded_orientation (scaled);
  if (oriented == NULL)
    oriented = g_object_ref (scaled);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!gdk_pixbuf_save_to_buffer (oriented, &png, &png_len, "png", &local_error, NULL))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                   _("Could not make a thumbnail: %s"), local_error->message);
      return NULL;
    }

  if (g_mkdir_with_parents (thumb_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Could not save a thumbnail: %s"), g_strerror (saved_errno));
      return NULL;
    }
  /* Temporary file and rename: a reader never sees half a thumbnail. */
  if (!g_file_set_contents_full (thumb_path, png, png_len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Could not save a thumbnail: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&thumb_path);
}

typedef struct
{
  char *data_dir;
  char *sha256;
  int   size;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_free (job->data_dir);
  g_free (job->sha256);
  g_free (job);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  GError *error = NULL;
  char *path;

  path = cc_photos_thumbnail (job->data_dir, job->sha256, job->size, cancellable, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
cc_photos_thumbnail_async (const char          *data_dir,
                           const char          *sha256,
                           int                  size,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailJob *job;

  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_photos_thumbnail_async);
  g_task_set_name (task, "[craftchain] photo thumbnail");

  job = g_new0 (ThumbnailJob, 1);
  job->data_dir = g_strdup (data_dir);
  job->sha256 = g_strdup (sha256);
  job->size = size;
  g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);

  g_task_run_in_thread (task, thumbnail_thread);
}

char *
cc_photos_thumbnail_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_photos_thumbnail_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
