/* test-photos.c — tests for product photos: blob store, order, thumbnails, sync.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-change.h"
#include "cc-hlc.h"
#include "cc-photos.h"
#include "cc-search.h"
#include "cc-test-util.h"
#include "cc-uuid.h"

/* Helpers */

/* A picture of noise (so JPEG cannot shrink it to nothing), different for
 * each seed. */
static GdkPixbuf *
make_pixbuf (int     width,
             int     height,
             guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = g_rand_int_range (rand, 0, 256);
  return pixbuf;
}

static char *
make_image (const char *dir,
            const char *name,
            const char *format,
            int         width,
            int         height,
            guint32     seed)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, seed);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_save (pixbuf, path, format, &error, NULL);
  g_assert_no_error (error);
  return path;
}

static GPtrArray *
list_photos (CcStore    *store,
             const char *product_id)
{
  GPtrArray *photos = cc_photos_list (store, product_id);

  g_assert_nonnull (photos);
  return photos;
}

static const char *
photo_id_at (GPtrArray *photos,
             guint      index)
{
  return ((CcPhoto *) g_ptr_array_index (photos, index))->id;
}

/* Adds n different PNGs; returns their ids in order. */
static GPtrArray *
add_photos (CcStore    *store,
            const char *product_id,
            guint       n)
{
  static guint32 seed = 100;
  g_autofree char *dir = cc_test_make_tmpdir ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%u.png", i);
      g_autofree char *path = make_image (dir, name, "png", 16, 12, seed++);
      g_autoptr(GError) error = NULL;
      char *id = cc_photos_add_file (store, product_id, path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (ids, id);
    }
  return ids;
}

static void
assert_order (CcStore    *store,
              const char *product_id,
              GPtrArray  *ids,
              const int  *order,
              guint       n)
{
  g_autoptr(GPtrArray) photos = list_photos (store, product_id);

  g_assert_cmpuint (photos->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      g_assert_cmpstr (photo->id, ==, g_ptr_array_index (ids, order[i]));
      g_assert_cmpint (photo->position, ==, i);
    }
}

static guint32
crc32_of (const guint8 *data,
          gsize         len)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return crc ^ 0xFFFFFFFFu;
}

static void
append_be32 (GByteArray *bytes,
             guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (bytes, b, 4);
}

static void
append_png_chunk (GByteArray   *bytes,
                  const char   *type,
                  const guint8 *data,
                  guint32       len)
{
  guint start;

  append_be32 (bytes, len);
  start = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (bytes, data, len);
  append_be32 (bytes, crc32_of (bytes->data + start, len + 4));
}

/* Tests */

static void
test_add_content_addressed (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = cc_test_create_product (store, "Blue mug");
  g_autofree char *path = make_image (dir, "mug.png", "png", 40, 30, 1);
  g_autofree char *expected_sha = cc_test_sha256_of_file (path);
  g_autofree char *id = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *expected_blob = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_len = 0;
  gsize copy_len = 0;
  CcPhoto *photo;

  id = cc_photos_add_file (store, product_id, path, &error);
  g_assert_no_error (error);
  g_assert_true (cc_uuid_is_valid (id));

  photos = list_photos (store, product_id);
  g_assert_cmpuint (photos->len, ==, 1);
  photo = g_ptr_array_index (photos, 0);
  g_assert_cmpstr (photo->id, ==, id);
  g_assert_cmpstr (photo->product_id, ==, product_id);
  g_assert_cmpstr (photo->sha256, ==, expected_sha);
  g_assert_cmpint (photo->position, ==, 0);
  g_assert_cmpint (photo->width, ==, 40);
  g_assert_cmpint (photo->height, ==, 30);

  /* <data dir>/photos/<first two hex>/<sha256>, byte for byte the file */
  prefix = g_strndup (expected_sha, 2);
  expected_blob = g_build_filename (cc_store_get_data_dir (store), "photos", prefix, expected_sha, NULL);
  blob = cc_photos_dup_blob_path (cc_store_get_data_dir (store), expected_sha);
  g_assert_cmpstr (blob, ==, expected_blob);
  g_assert_true (g_file_get_contents (path, &original, &original_len, NULL));
  g_assert_true (g_file_get_contents (blob, &copy, &copy_len, NULL));
  g_assert_cmpmem (original, original_len, copy, copy_len);
  g_assert_cmpuint (cc_test_count_blobs (store), ==, 1);
}

static void
test_store_file_reports_size (void)
{
  g_autofree char *data_dir = cc_test_make_tmpdir ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_image (dir, "bowl.jpg", "jpeg", 90, 50, 2);
  g_autofree char *expected_sha = cc_test_sha256_of_file (path);
  g_autofree char *photos_dir = g_build_filename (data_dir, "photos", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *blob = NULL;
  g_autoptr(GError) error = NULL;
  int width = 0;
  int height = 0;

  sha = cc_photos_store_file (data_dir, path, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected_sha);
  g_assert_cmpint (width, ==, 90);
  g_assert_cmpint (height, ==, 50);
  blob = cc_photos_dup_blob_path (data_dir, sha);
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
  /* no temporary file left behind */
  g_assert_cmpuint (cc_test_count_files (photos_dir, "tmp-"), ==, 0);
  g_assert_cmpuint (cc_test_count_files (photos_dir, NULL), ==, 1);
}

/* A JPEG with an EXIF orientation of 6 (turn a quarter clockwise). */
static char *
make_rotated_jpeg (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (60, 40, 3);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  gsize jpeg_len = 0;
  guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x00,
    'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,      /* TIFF header */
    0x01, 0x00,                                        /* one entry */
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,    /* Orientation, SHORT, 1 */
    0x06, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,                            /* no next IFD */
  };

  app1[2] = (sizeof app1 - 2) >> 8;
  app1[3] = (sizeof app1 - 2) & 0xFF;
  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", &error, NULL);
  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) jpeg, 2);       /* SOI */
  g_byte_array_append (bytes, app1, sizeof app1);
  g_byte_array_append (bytes, (const guint8 *) jpeg + 2, jpeg_len - 2);
  return cc_test_write_file (dir, "rotated.jpg", (const char *) bytes->data, bytes->len);
}

static void
test_store_file_orientation (void)
{
  g_autofree char *data_dir = cc_test_make_tmpdir ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_rotated_jpeg (dir);
  g_autofree char *sha = NULL;
  g_autofree char *thumb = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  int width = 0;
  int height = 0;

  sha = cc_photos_store_file (data_dir, path, &width, &height, &error);
  g_assert_no_error (error);
  /* stored 60 × 40, shown 40 × 60 */
  g_assert_cmpint (width, ==, 40);
  g_assert_cmpint (height, ==, 60);

  thumb = cc_photos_thumbnail (data_dir, sha, 30, NULL, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (thumb, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 20);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 30);
}

static void
test_same_file_stored_once (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *mug = cc_test_create_product (store, "Mug");
  g_autofree char *bowl = cc_test_create_product (store, "Bowl");
  g_autofree char *path = make_image (dir, "glaze.jpg", "jpeg", 32, 32, 4);
  g_autofree char *copy_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  g_autoptr(GPtrArray) on_mug = NULL;
  g_autoptr(GPtrArray) on_bowl = NULL;
  g_autoptr(GPtrArray) on_mug_after = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  id1 = cc_photos_add_file (store, mug, path, &error);
  g_assert_no_error (error);
  id2 = cc_photos_add_file (store, bowl, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id1, !=, id2);

  on_mug = list_photos (store, mug);
  on_bowl = list_photos (store, bowl);
  g_assert_cmpuint (on_mug->len, ==, 1);
  g_assert_cmpuint (on_bowl->len, ==, 1);
  g_assert_cmpstr (((CcPhoto *) on_mug->pdata[0])->sha256, ==, ((CcPhoto *) on_bowl->pdata[0])->sha256);
  g_assert_cmpuint (cc_test_count_blobs (store), ==, 1);

  /* The same bytes under another name are the same blob. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  copy_path = cc_test_write_file (dir, "copy-of-glaze.jpeg", contents, len);
  id3 = cc_photos_add_file (store, bowl, copy_path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_null (id3);
  g_assert_cmpuint (cc_test_count_blobs (store), ==, 1);

  on_mug_after = list_photos (store, mug);
  g_assert_cmpuint (on_mug_after->len, ==, 1);
}

static void
test_duplicate_on_product (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = cc_test_create_product (store, "Scarf");
  g_autofree char *path = make_image (dir, "scarf.png", "png", 20, 20, 5);
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows;
  gint64 outbox;

  id1 = cc_photos_add_file (store, product_id, path, &error);
  g_assert_no_error (error);

  rows = cc_test_count_rows (store, "photos", NULL);
  outbox = cc_store_outbox_count (store);

  id2 = cc_photos_add_file (store, product_id, path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_null (id2);
  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, rows);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  photos = list_photos (store, product_id);
  g_assert_cmpuint (photos->len, ==, 1);

  /* Once removed, the same photo may come back. */
  g_clear_error (&error);
  g_assert_true (cc_photos_remove (store, id1, &error));
  g_assert_no_error (error);
  id2 = cc_photos_add_file (store, product_id, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id2);
}

/* A refused file leaves no blob, no temporary file, no row, no outbox row. */
static void
assert_refused (const char *contents,
                gssize      len,
                const char *name,
                int         code)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = cc_test_create_product (store, "Basket");
  g_autofree char *path = cc_test_write_file (dir, name, contents, len < 0 ? strlen (contents) : (gsize) len);
  g_autofree char *id = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = cc_store_outbox_count (store);

  id = cc_photos_add_file (store, product_id, path, &error);
  g_assert_error (error, CC_ERROR, code);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  sha = cc_photos_store_file (cc_store_get_data_dir (store), path, NULL, NULL, &error);
  g_assert_error (error, CC_ERROR, code);
  g_assert_null (sha);

  g_assert_cmpuint (cc_test_count_blobs (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_text_file_refused (void)
{
  assert_refused ("Dear customer, your parcel left today.\n", -1, "letter.jpg",
                  CC_ERROR_INVALID_INPUT);
}

static void
test_empty_file_refused (void)
{
  assert_refused ("", 0, "empty.png", CC_ERROR_INVALID_INPUT);
}

static void
assert_truncated_refused (const char *format,
                          const char *name)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_image (dir, name, format, 400, 300, 6);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  /* Larger than the decoding probe, and the header is intact: only the
   * missing end gives it away. */
  assert_refused (contents, len * 2 / 3, name, CC_ERROR_INVALID_INPUT);
}

static void
test_truncated_jpeg_refused (void)
{
  assert_truncated_refused ("jpeg", "cut.jpg");
}

static void
test_truncated_png_refused (void)
{
  assert_truncated_refused ("png", "cut.png");
}

static void
test_too_many_pixels_refused (void)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  /* 8000 × 6000 = 48 megapixels, RGB, 8 bits */
  static const guint8 ihdr[] = { 0, 0, 0x1F, 0x40, 0, 0, 0x17, 0x70, 8, 2, 0, 0, 0 };
  static const guint8 idat[] = { 0x78, 0x9C, 0, 0, 0, 0, 0, 0 };
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *data_dir = cc_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  int width = 0;
  int height = 0;

  g_byte_array_append (png, signature, sizeof signature);
  append_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (png, "IDAT", idat, sizeof idat);
  append_png_chunk (png, "IEND", NULL, 0);
  path = cc_test_write_file (dir, "poster.png", (const char *) png->data, png->len);

  /* the file claims the size; the refusal must come before decoding */
  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
  g_assert_cmpint (width, ==, 8000);

  sha = cc_photos_store_file (data_dir, path, NULL, NULL, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "8000"));
  g_assert_nonnull (strstr (error->message, "40"));
  g_assert_null (sha);
  g_assert_cmpuint (cc_test_count_files (data_dir, NULL), ==, 0);
}

static void
test_unknown_product_refused (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_image (dir, "pot.png", "png", 10, 10, 7);
  g_autofree char *unknown = cc_uuid_v7_new ();
  g_autofree char *gone = cc_test_create_product (store, "Sold out pot");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;

  g_assert_true (cc_catalogue_delete_product (store, gone, &error));
  g_assert_no_error (error);
  outbox = cc_store_outbox_count (store);

  id = cc_photos_add_file (store, unknown, path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (id);
  g_clear_error (&error);

  id = cc_photos_add_file (store, gone, path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (id);

  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_outbox_rows (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = cc_test_create_product (store, "Lamp");
  g_autofree char *path = make_image (dir, "lamp.png", "png", 24, 18, 8);
  g_autofree char *sha = cc_test_sha256_of_file (path);
  g_autofree char *id = NULL;
  g_autofree char *product_json = NULL;
  g_autofree char *sha_json = NULL;
  g_autoptr(GHashTable) regs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = cc_store_outbox_count (store);

  id = cc_photos_add_file (store, product_id, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before + 5);

  regs = cc_test_outbox_registers (store, "photo", id);
  g_assert_cmpuint (g_hash_table_size (regs), ==, 5);
  product_json = g_strdup_printf ("\"%s\"", product_id);
  sha_json = g_strdup_printf ("\"%s\"", sha);
  g_assert_cmpstr (g_hash_table_lookup (regs, "product_id"), ==, product_json);
  g_assert_cmpstr (g_hash_table_lookup (regs, "sha256"), ==, sha_json);
  g_assert_cmpstr (g_hash_table_lookup (regs, "position"), ==, "0");
  g_assert_cmpstr (g_hash_table_lookup (regs, "width"), ==, "24");
  g_assert_cmpstr (g_hash_table_lookup (regs, "height"), ==, "18");
  g_assert_cmpint (cc_test_count_rows (store, "outbox", "entity = 'photo'"), ==, 5);
}

static void
test_order_move_cover_remove (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Quilt");
  g_autoptr(GPtrArray) ids = add_photos (store, product_id, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *unknown = cc_uuid_v7_new ();
  g_autofree char *where = NULL;
  gint64 outbox;

  {
    static const int order[] = { 0, 1, 2, 3 };
    assert_order (store, product_id, ids, order, 4);
  }

  /* 3 to position 1: 3, 1 and 2 change place, 0 stays and is not written */
  outbox = cc_store_outbox_count (store);
  g_assert_true (cc_photos_move (store, g_ptr_array_index (ids, 3), 1, &error));
  g_assert_no_error (error);
  {
    static const int order[] = { 0, 3, 1, 2 };
    assert_order (store, product_id, ids, order, 4);
  }
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 3);

  /* past the end means last */
  g_assert_true (cc_photos_move (store, g_ptr_array_index (ids, 0), 99, &error));
  g_assert_no_error (error);
  {
    static const int order[] = { 3, 1, 2, 0 };
    assert_order (store, product_id, ids, order, 4);
  }

  /* moving to where it already is writes nothing */
  outbox = cc_store_outbox_count (store);
  g_assert_true (cc_photos_move (store, g_ptr_array_index (ids, 1), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  g_assert_true (cc_photos_set_cover (store, g_ptr_array_index (ids, 2), &error));
  g_assert_no_error (error);
  {
    static const int order[] = { 2, 3, 1, 0 };
    assert_order (store, product_id, ids, order, 4);
  }

  /* removing the cover: the rest move up, the row stays as a tombstone */
  outbox = cc_store_outbox_count (store);
  g_assert_true (cc_photos_remove (store, g_ptr_array_index (ids, 2), &error));
  g_assert_no_error (error);
  {
    static const int order[] = { 3, 1, 0 };
    assert_order (store, product_id, ids, order, 3);
  }
  /* the tombstone and three new positions */
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox + 4);
  where = g_strdup_printf ("id = '%s' AND deleted = 1", (char *) g_ptr_array_index (ids, 2));
  g_assert_cmpint (cc_test_count_rows (store, "photos", where), ==, 1);

  /* a new photo goes after the last one */
  {
    g_autoptr(GPtrArray) more = add_photos (store, product_id, 1);

    photos = list_photos (store, product_id);
    g_assert_cmpuint (photos->len, ==, 4);
    g_assert_cmpstr (photo_id_at (photos, 3), ==, g_ptr_array_index (more, 0));
    g_assert_cmpint (((CcPhoto *) g_ptr_array_index (photos, 3))->position, ==, 3);
  }

  /* bad ids: NOT_FOUND, nothing written; a removed photo is gone */
  outbox = cc_store_outbox_count (store);
  g_assert_false (cc_photos_move (store, unknown, 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cc_photos_set_cover (store, g_ptr_array_index (ids, 2), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cc_photos_remove (store, g_ptr_array_index (ids, 2), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cc_photos_remove (store, unknown, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cc_photos_move (store, g_ptr_array_index (ids, 0), -1, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  {
    g_autoptr(GPtrArray) after = list_photos (store, product_id);

    for (guint i = 0; i < after->len; i++)
      {
        g_assert_cmpstr (photo_id_at (after, i), ==, photo_id_at (photos, i));
        g_assert_cmpint (((CcPhoto *) g_ptr_array_index (after, i))->position, ==, i);
      }
  }
}

static void
test_cover_in_search (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Brass bell");
  g_autoptr(GPtrArray) ids = add_photos (store, product_id, 2);
  g_autoptr(GPtrArray) photos = list_photos (store, product_id);
  g_autoptr(GError) error = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  const char *first_sha = ((CcPhoto *) g_ptr_array_index (photos, 0))->sha256;
  const char *second_sha = ((CcPhoto *) g_ptr_array_index (photos, 1))->sha256;

  query.text = "brass";
  {
    g_autoptr(GPtrArray) hits = cc_search_run (store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((CcSearchHit *) g_ptr_array_index (hits, 0))->cover_sha256, ==, first_sha);
  }

  g_assert_true (cc_photos_set_cover (store, g_ptr_array_index (ids, 1), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = cc_search_run (store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((CcSearchHit *) g_ptr_array_index (hits, 0))->cover_sha256, ==, second_sha);
  }

  g_assert_true (cc_photos_remove (store, g_ptr_array_index (ids, 0), &error));
  g_assert_no_error (error);
  g_assert_true (cc_photos_remove (store, g_ptr_array_index (ids, 1), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = cc_search_run (store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_null (((CcSearchHit *) g_ptr_array_index (hits, 0))->cover_sha256);
  }
}

static void
test_thumbnail_sync (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = cc_test_create_product (store, "Rug");
  g_autofree char *path = make_image (dir, "rug.jpg", "jpeg", 300, 200, 9);
  g_autofree char *sha = cc_test_sha256_of_file (path);
  g_autofree char *expected = NULL;
  g_autofree char *thumb = NULL;
  g_autofree char *again = NULL;
  g_autofree char *missing_sha = g_strnfill (64, 'a');
  g_autofree char *missing = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbufFormat *format;
  int width = 0;
  int height = 0;

  id = cc_photos_add_file (store, product_id, path, &error);
  g_assert_no_error (error);

  thumb = cc_photos_thumbnail (cc_store_get_data_dir (store), sha, 64, NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s/thumbnails/64/%s.png", cc_store_get_data_dir (store), sha);
  g_assert_cmpstr (thumb, ==, expected);

  format = gdk_pixbuf_get_file_info (thumb, &width, &height);
  g_assert_nonnull (format);
  {
    g_autofree char *name = gdk_pixbuf_format_get_name (format);

    g_assert_cmpstr (name, ==, "png");
  }
  pixbuf = gdk_pixbuf_new_from_file (thumb, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), <=, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), >=, 42);

  /* made once, then reused */
  g_assert_true (g_file_set_contents (thumb, "cached", -1, NULL));
  again = cc_photos_thumbnail (cc_store_get_data_dir (store), sha, 64, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, thumb);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (again, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "cached");
  }

  /* a blob that has not arrived */
  missing = cc_photos_thumbnail (cc_store_get_data_dir (store), missing_sha, 64, NULL, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

typedef struct
{
  char    *path;
  GError  *error;
  gboolean done;
} AsyncResult;

static void
thumbnail_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AsyncResult *out = user_data;

  out->path = cc_photos_thumbnail_finish (result, &out->error);
  out->done = TRUE;
}

static void
test_thumbnail_async (void)
{
  g_autofree char *data_dir = cc_test_make_tmpdir ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_image (dir, "tall.png", "png", 50, 120, 10);
  g_autofree char *sha = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult result = { NULL, NULL, FALSE };

  sha = cc_photos_store_file (data_dir, path, NULL, NULL, &error);
  g_assert_no_error (error);

  cc_photos_thumbnail_async (data_dir, sha, 48, NULL, thumbnail_ready_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (result.error);
  g_assert_nonnull (result.path);
  g_assert_true (g_str_has_prefix (result.path, data_dir));
  pixbuf = gdk_pixbuf_new_from_file (result.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), <=, 48);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);
  g_free (result.path);
}

static void
test_thumbnail_cancelled (void)
{
  g_autofree char *data_dir = cc_test_make_tmpdir ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = make_image (dir, "wide.png", "png", 120, 50, 11);
  g_autofree char *thumbs = g_build_filename (data_dir, "thumbnails", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncResult result = { NULL, NULL, FALSE };

  sha = cc_photos_store_file (data_dir, path, NULL, NULL, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  cc_photos_thumbnail_async (data_dir, sha, 48, cancellable, thumbnail_ready_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result.path);
  g_clear_error (&result.error);
  g_assert_cmpuint (cc_test_count_files (thumbs, NULL), ==, 0);
}

static CcChange *
remote_change (CcHlc      *clock,
               const char *row_id,
               const char *reg,
               const char *value)
{
  CcChange *change = cc_change_new ();
  CcHlcStamp stamp;

  cc_hlc_now (clock, &stamp);
  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup ("photo");
  change->row_id = g_strdup (row_id);
  change->reg = g_strdup (reg);
  change->value = g_strdup (value);
  change->hlc = cc_hlc_stamp_to_string (&stamp);
  change->base_hlc = NULL;
  change->device = g_strdup (cc_hlc_get_node (clock));
  return change;
}

static void
test_apply_remote (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Shawl");
  g_autofree char *remote_node = cc_uuid_v7_new ();
  g_autoptr(CcHlc) remote = cc_hlc_new (remote_node);
  g_autofree char *photo_id = cc_uuid_v7_new ();
  g_autofree char *product_json = g_strdup_printf ("\"%s\"", product_id);
  g_autofree char *sha = g_strnfill (64, 'c');
  g_autofree char *sha_json = g_strdup_printf ("\"%s\"", sha);
  g_autofree char *where = g_strdup_printf ("id = '%s'", photo_id);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) tombstone = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = cc_store_outbox_count (store);
  CcPhoto *photo;

  /* in an order no local write would use: the row comes into being from
   * whichever register arrives first */
  g_ptr_array_add (changes, remote_change (remote, photo_id, "height", "600"));
  g_ptr_array_add (changes, remote_change (remote, photo_id, "position", "0"));
  g_ptr_array_add (changes, remote_change (remote, photo_id, "sha256", sha_json));
  g_ptr_array_add (changes, remote_change (remote, photo_id, "width", "800"));
  g_ptr_array_add (changes, remote_change (remote, photo_id, "product_id", product_json));

  g_assert_true (cc_store_apply_changes (store, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_test_count_rows (store, "photos", where), ==, 1);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  photos = list_photos (store, product_id);
  g_assert_cmpuint (photos->len, ==, 1);
  photo = g_ptr_array_index (photos, 0);
  g_assert_cmpstr (photo->id, ==, photo_id);
  g_assert_cmpstr (photo->sha256, ==, sha);
  g_assert_cmpint (photo->width, ==, 800);
  g_assert_cmpint (photo->height, ==, 600);

  /* a remote tombstone hides it, still without queueing anything */
  g_ptr_array_add (tombstone, remote_change (remote, photo_id, "deleted", "true"));
  g_assert_true (cc_store_apply_changes (store, tombstone, &error));
  g_assert_no_error (error);
  after = list_photos (store, product_id);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_unknown_register_refused (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *photo_id = cc_uuid_v7_new ();
  g_autoptr(GError) error = NULL;
  gint64 outbox = cc_store_outbox_count (store);

  g_assert_false (cc_store_write (store, "photo", photo_id, "colour", cc_value_string ("blue"), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* a sha256 that is not one could name any path */
  g_assert_false (cc_store_write (store, "photo", photo_id, "sha256", cc_value_string ("../../etc"), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_store_write (store, "photo", photo_id, "position", cc_value_string ("first"), &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);

  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/photos/add-copies-to-content-address", test_add_content_addressed);
  g_test_add_func ("/core/photos/store-file-reports-size", test_store_file_reports_size);
  g_test_add_func ("/core/photos/store-file-exif-orientation", test_store_file_orientation);
  g_test_add_func ("/core/photos/same-file-stored-once", test_same_file_stored_once);
  g_test_add_func ("/core/photos/same-file-twice-on-product-conflict", test_duplicate_on_product);
  g_test_add_func ("/core/photos/text-file-refused", test_text_file_refused);
  g_test_add_func ("/core/photos/empty-file-refused", test_empty_file_refused);
  g_test_add_func ("/core/photos/truncated-jpeg-refused", test_truncated_jpeg_refused);
  g_test_add_func ("/core/photos/truncated-png-refused", test_truncated_png_refused);
  g_test_add_func ("/core/photos/too-many-pixels-refused", test_too_many_pixels_refused);
  g_test_add_func ("/core/photos/unknown-product-refused", test_unknown_product_refused);
  g_test_add_func ("/core/photos/writes-go-to-outbox", test_outbox_rows);
  g_test_add_func ("/core/photos/order-move-cover-remove", test_order_move_cover_remove);
  g_test_add_func ("/core/photos/cover-in-search", test_cover_in_search);
  g_test_add_func ("/core/photos/thumbnail-sync", test_thumbnail_sync);
  g_test_add_func ("/core/photos/thumbnail-async", test_thumbnail_async);
  g_test_add_func ("/core/photos/thumbnail-cancelled", test_thumbnail_cancelled);
  g_test_add_func ("/core/photos/apply-remote-change", test_apply_remote);
  g_test_add_func ("/core/photos/unknown-register-refused", test_unknown_register_refused);

  return g_test_run ();
}
