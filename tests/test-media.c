/* test-media.c — tests for product clips: probe, poster frame, store, replace, remove.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-change.h"
#include "cc-media.h"
#include "cc-photos.h"
#include "cc-test-util.h"

/* Clips recorded once per run by GStreamer itself. */
static char *clips_dir;
static char *clip_2s;      /* 2 s, 320×240, ball */
static char *clip_3s;      /* 3 s, 160×120, another pattern */
static char *clip_70s;     /* 70 s at 2 fps, 64×48 */

/* Tests */

static void
test_probe (void)
{
  g_autoptr(CcMediaInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = cc_media_probe_file (clip_2s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpint (info->duration_ms, >=, 1900);
  g_assert_cmpint (info->duration_ms, <=, 2100);
  g_assert_cmpint (info->width, ==, 320);
  g_assert_cmpint (info->height, ==, 240);
  g_assert_cmpstr (info->mime, ==, "video/webm");
  g_assert_cmpint (info->size_bytes, >, 0);
}

static void
test_missing_file (void)
{
  g_autofree char *path = g_build_filename (clips_dir, "nowhere.webm", NULL);
  g_autoptr(CcMediaInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = cc_media_probe_file (path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (info);
}

static void
test_add_stores_clip_and_poster (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Spinning top");
  g_autofree char *sha = cc_test_sha256_of_file (clip_2s);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *poster_path = NULL;
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(GdkPixbuf) poster = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_sha = NULL;

  id = cc_media_add_video (store, product_id, clip_2s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  video = cc_media_get_video (store, product_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (video);
  g_assert_cmpstr (video->id, ==, id);
  g_assert_cmpstr (video->product_id, ==, product_id);
  g_assert_cmpstr (video->sha256, ==, sha);
  g_assert_cmpint (video->duration_ms, >=, 1900);
  g_assert_cmpint (video->duration_ms, <=, 2100);
  g_assert_cmpint (video->width, ==, 320);
  g_assert_cmpint (video->height, ==, 240);
  g_assert_cmpstr (video->mime, ==, "video/webm");

  /* The clip is a blob named by its hash, byte for byte the file. */
  path = cc_media_dup_video_path (store, product_id);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  stored_sha = cc_test_sha256_of_file (path);
  g_assert_cmpstr (stored_sha, ==, sha);

  /* The poster is a JPEG blob of the clip's size, readable like a photo. */
  g_assert_nonnull (video->poster_sha256);
  g_assert_cmpstr (video->poster_sha256, !=, video->sha256);
  poster_path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), video->poster_sha256);
  poster = gdk_pixbuf_new_from_file (poster_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (poster), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (poster), ==, 240);
  {
    GdkPixbufFormat *format = gdk_pixbuf_get_file_info (poster_path, NULL, NULL);
    g_autofree char *format_name = gdk_pixbuf_format_get_name (format);

    g_assert_cmpstr (format_name, ==, "jpeg");
  }

  /* Clip and poster, no leftovers. */
  g_assert_cmpuint (cc_test_count_blobs (store), ==, 2);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", NULL), ==, 1);
}

/* The registers of the new clip are in the outbox, with their values. */
static void
test_outbox (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Kite");
  g_autofree char *sha = cc_test_sha256_of_file (clip_2s);
  g_autofree char *sha_json = g_strdup_printf ("\"%s\"", sha);
  g_autofree char *product_json = g_strdup_printf ("\"%s\"", product_id);
  g_autoptr(GHashTable) regs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 before = cc_store_outbox_count (store);

  id = cc_media_add_video (store, product_id, clip_2s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, before + 7);

  regs = cc_test_outbox_registers (store, "product_video", id);
  g_assert_cmpuint (g_hash_table_size (regs), ==, 7);
  g_assert_cmpstr (g_hash_table_lookup (regs, "product_id"), ==, product_json);
  g_assert_cmpstr (g_hash_table_lookup (regs, "sha256"), ==, sha_json);
  g_assert_cmpstr (g_hash_table_lookup (regs, "width"), ==, "320");
  g_assert_cmpstr (g_hash_table_lookup (regs, "height"), ==, "240");
  g_assert_cmpstr (g_hash_table_lookup (regs, "mime"), ==, "\"video/webm\"");
  g_assert_nonnull (g_hash_table_lookup (regs, "poster_sha256"));
  g_assert_nonnull (g_hash_table_lookup (regs, "duration_ms"));
}

/* A second clip replaces the first, whose row is tombstoned (and synced). */
static void
test_add_again_replaces (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Rattle");
  g_autofree char *other_id = cc_test_create_product (store, "Drum");
  g_autofree char *sha3 = cc_test_sha256_of_file (clip_3s);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *where = NULL;
  g_autoptr(CcVideo) video = NULL;
  g_autoptr(CcVideo) other_video = NULL;
  g_autoptr(GError) error = NULL;

  first = cc_media_add_video (store, product_id, clip_2s, &error);
  g_assert_no_error (error);
  other = cc_media_add_video (store, other_id, clip_2s, &error);
  g_assert_no_error (error);
  second = cc_media_add_video (store, product_id, clip_3s, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  video = cc_media_get_video (store, product_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (video->id, ==, second);
  g_assert_cmpstr (video->sha256, ==, sha3);
  g_assert_cmpint (video->width, ==, 160);

  where = g_strdup_printf ("id = '%s' AND deleted = 1", first);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", where), ==, 1);
  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("row_id = '%s' AND reg = 'deleted' AND value = 'true'", first);
  g_assert_cmpint (cc_test_count_rows (store, "outbox", where), ==, 1);
  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("product_id = '%s' AND deleted = 0", product_id);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", where), ==, 1);

  /* The other piece keeps its own clip. */
  other_video = cc_media_get_video (store, other_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other_video->id, ==, other);
}

static void
test_remove_and_restore (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Flute");
  g_autofree char *id = NULL;
  g_autofree char *where = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CcVideo) none = NULL;
  g_autoptr(CcVideo) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;

  id = cc_media_add_video (store, product_id, clip_2s, &error);
  g_assert_no_error (error);

  g_assert_true (cc_media_remove_video (store, product_id, &error));
  g_assert_no_error (error);
  none = cc_media_get_video (store, product_id, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  path = cc_media_dup_video_path (store, product_id);
  g_assert_null (path);
  where = g_strdup_printf ("id = '%s' AND deleted = 1", id);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", where), ==, 1);
  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("entity = 'product_video' AND row_id = '%s' AND reg = 'deleted'", id);
  g_assert_cmpint (cc_test_count_rows (store, "outbox", where), ==, 1);

  /* Nothing left to remove: refused, nothing written. */
  outbox = cc_store_outbox_count (store);
  g_assert_false (cc_media_remove_video (store, product_id, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);

  /* Undo brings the same clip back. */
  g_assert_true (cc_media_restore_video (store, id, &error));
  g_assert_no_error (error);
  back = cc_media_get_video (store, product_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->id, ==, id);
}

static void
test_missing_product (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = cc_store_outbox_count (store);

  id = cc_media_add_video (store, "0190a1b2-0000-7000-8000-000000000000", clip_2s, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_null (id);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
  g_assert_cmpuint (cc_test_count_blobs (store), ==, 0);
}

/* A refused file: the reason names it, and leaves no row, no outbox row and
 * no blob (nor a temporary file). */
static void
assert_refused (const char *path,
                const char *reason)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *product_id = cc_test_create_product (store, "Bowl");
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *id = NULL;
  g_autoptr(CcMediaInfo) info = NULL;
  g_autoptr(CcVideo) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = cc_store_outbox_count (store);

  id = cc_media_add_video (store, product_id, path, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (id);
  g_test_message ("%s: %s", display_name, error->message);
  g_assert_nonnull (strstr (error->message, display_name));
  g_assert_nonnull (strstr (error->message, reason));
  g_clear_error (&error);

  stored = cc_media_store_file (cc_store_get_data_dir (store), path, NULL, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (stored);

  g_assert_cmpuint (cc_test_count_blobs (store), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "product_videos", NULL), ==, 0);
  g_assert_cmpint (cc_store_outbox_count (store), ==, outbox);
}

static void
test_too_long (void)
{
  g_autoptr(CcMediaInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = cc_media_probe_file (clip_70s, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "60 seconds"));
  g_assert_nonnull (strstr (error->message, "1 min 10 s"));
  assert_refused (clip_70s, "at most 60 seconds");
}

static void
test_empty_refused (void)
{
  g_autofree char *path = cc_test_write_file (clips_dir, "empty.webm", "", 0);

  assert_refused (path, "is empty");
}

static void
test_text_refused (void)
{
  const char *text = "Dear customer, the clip of your vase follows.\n";
  g_autofree char *path = cc_test_write_file (clips_dir, "letter.mp4", text, strlen (text));

  assert_refused (path, "is not a video");
}

static void
test_random_bytes_refused (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree guint8 *data = g_malloc (64 * 1024);
  g_autofree char *path = NULL;

  for (guint i = 0; i < 64 * 1024; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  path = cc_test_write_file (clips_dir, "noise.webm", (const char *) data, 64 * 1024);
  assert_refused (path, "not a video");
}

/* The first few hundred bytes of a real clip: the header is there, the
 * pictures are not. */
static void
test_truncated_refused (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (clip_2s, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 400);
  path = cc_test_write_file (clips_dir, "cut.webm", contents, 400);
  assert_refused (path, "damaged");
}

/* Half a clip: the header promises two seconds, the file stops at one. */
static void
test_half_refused (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (clip_2s, &contents, &len, NULL));
  path = cc_test_write_file (clips_dir, "half.webm", contents, len / 2);
  assert_refused (path, "damaged");
}

static void
test_image_refused (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (clips_dir, "vase.jpg", NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL);
  g_assert_no_error (error);
  assert_refused (path, "still picture");
}

static void
test_too_big_refused (void)
{
  g_autofree char *path = g_build_filename (clips_dir, "huge.webm", NULL);
  FILE *file = g_fopen (path, "wb");

  /* Sparse: no disk space used. */
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, CC_MEDIA_MAX_BYTES + 50 * 1000 * 1000, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', file), !=, EOF);
  fclose (file);
  assert_refused (path, "a product clip can be at most 100 MB");
}

static void
test_camera_pipeline (void)
{
  g_autofree char *real = NULL;
  g_autofree char *test = NULL;

  g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");
  real = cc_media_camera_pipeline ();
  g_assert_true (g_str_has_prefix (real, "v4l2src "));
  g_assert_false (cc_media_camera_is_overridden ());

  g_setenv ("CRAFTCHAIN_CAMERA_SOURCE", "videotestsrc pattern=ball", TRUE);
  test = cc_media_camera_pipeline ();
  g_assert_true (g_str_has_prefix (test, "videotestsrc pattern=ball ! "));
  g_assert_nonnull (strstr (test, "format=RGBA"));
  g_assert_nonnull (strstr (test, "appsink name=sink"));
  g_assert_true (cc_media_camera_is_overridden ());
  g_assert_true (cc_media_has_camera ());
  g_unsetenv ("CRAFTCHAIN_CAMERA_SOURCE");
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  cc_media_init ();

  clips_dir = cc_test_make_tmpdir ();
  clip_2s = cc_test_record_clip (clips_dir, "ball.webm", "ball", 320, 240, 25, 50);
  clip_3s = cc_test_record_clip (clips_dir, "bars.webm", "smpte", 160, 120, 10, 30);
  clip_70s = cc_test_record_clip (clips_dir, "long.webm", "snow", 64, 48, 2, 140);

  g_test_add_func ("/core/media/probe", test_probe);
  g_test_add_func ("/core/media/missing-file", test_missing_file);
  g_test_add_func ("/core/media/add-stores-clip-and-poster", test_add_stores_clip_and_poster);
  g_test_add_func ("/core/media/outbox", test_outbox);
  g_test_add_func ("/core/media/add-again-replaces", test_add_again_replaces);
  g_test_add_func ("/core/media/remove-and-restore", test_remove_and_restore);
  g_test_add_func ("/core/media/missing-product", test_missing_product);
  g_test_add_func ("/core/media/too-long-refused", test_too_long);
  g_test_add_func ("/core/media/empty-refused", test_empty_refused);
  g_test_add_func ("/core/media/text-refused", test_text_refused);
  g_test_add_func ("/core/media/random-bytes-refused", test_random_bytes_refused);
  g_test_add_func ("/core/media/truncated-refused", test_truncated_refused);
  g_test_add_func ("/core/media/half-refused", test_half_refused);
  g_test_add_func ("/core/media/image-refused", test_image_refused);
  g_test_add_func ("/core/media/too-big-refused", test_too_big_refused);
  g_test_add_func ("/core/media/camera-pipeline", test_camera_pipeline);

  ret = g_test_run ();

  g_free (clip_2s);
  g_free (clip_3s);
  g_free (clip_70s);
  g_free (clips_dir);
  return ret;
}
