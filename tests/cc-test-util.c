/* cc-test-util.c — helpers shared by the test suites.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "cc-catalogue.h"
#include "cc-change.h"
#include "cc-media.h"
#include "cc-test-util.h"

static GPtrArray *tmpdirs;

void
cc_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      cc_test_rm_rf (child);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    cc_test_rm_rf (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
cc_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("craftchain-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

CcStore *
cc_test_open_store (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  CcStore *store = cc_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
cc_test_count_rows (CcStore    *store,
                    const char *table,
                    const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s%s%s", table,
                                          where ? " WHERE " : "", where ? where : "");
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

char *
cc_test_create_product (CcStore    *store,
                        const char *title)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, languages[0], title);
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

char *
cc_test_write_file (const char *dir,
                    const char *name,
                    const char *data,
                    gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

char *
cc_test_sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, len);
}

guint
cc_test_count_files (const char *dir,
                     const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += cc_test_count_files (child, prefix);
      else if (prefix == NULL || g_str_has_prefix (name, prefix))
        n++;
    }
  return n;
}

guint
cc_test_count_blobs (CcStore *store)
{
  g_autofree char *dir = g_build_filename (cc_store_get_data_dir (store), "photos", NULL);

  return cc_test_count_files (dir, NULL);
}

GHashTable *
cc_test_outbox_registers (CcStore    *store,
                          const char *entity,
                          const char *row_id)
{
  GHashTable *regs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;

  outbox = cc_store_outbox_list (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      CcChange *change = g_ptr_array_index (outbox, i);

      if (g_strcmp0 (change->row_id, row_id) != 0)
        continue;
      g_assert_cmpstr (change->entity, ==, entity);
      g_assert_cmpstr (change->device, ==, cc_store_get_device_id (store));
      g_hash_table_insert (regs, g_strdup (change->reg), g_strdup (change->value));
    }
  return regs;
}

char *
cc_test_record_clip (const char *dir,
                     const char *name,
                     const char *pattern,
                     int         width,
                     int         height,
                     int         fps,
                     int         frames)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  cc_media_init ();
  description = g_strdup_printf ("videotestsrc num-buffers=%d pattern=%s ! "
                                 "video/x-raw,width=%d,height=%d,framerate=%d/1 ! "
                                 "vp8enc deadline=1 ! webmmux ! filesink location=\"%s\"",
                                 frames, pattern, width, height, fps, path);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  gst_object_ref_sink (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&path);
}
