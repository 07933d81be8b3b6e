/* test-photo-export.c — marketplace exports, moodboards and the "needs better photos" search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-photo-analysis.h"
#include "cc-photo-export.h"
#include "cc-photos.h"
#include "cc-search.h"
#include "cc-test-util.h"

/* Helpers */

/* A photo with a known layout: a light, slightly noisy backdrop and a
 * terracotta disc centred at (cx, cy) as fractions of the frame. */
static char *
make_photo (const char *dir,
            const char *name,
            int         width,
            int         height,
            double      cx,
            double      cy)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (width * 31 + height);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  double radius = MIN (width, height) * 0.25;
  char *path = g_build_filename (dir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        double dx = x - cx * width, dy = y - cy * height;
        int noise = g_rand_int_range (rand, -12, 13);

        if (dx * dx + dy * dy < radius * radius)
          {
            p[0] = CLAMP (190 + noise, 0, 255);
            p[1] = CLAMP (80 + noise, 0, 255);
            p[2] = CLAMP (50 + noise, 0, 255);
          }
        else
          {
            p[0] = CLAMP (225 + noise, 0, 255);
            p[1] = CLAMP (220 + noise, 0, 255);
            p[2] = CLAMP (205 + noise, 0, 255);
          }
      }

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
  return path;
}

static char *
create_product (CcStore    *store,
                const char *title,
                const char *sku)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_auto(GStrv) languages = cc_store_dup_languages (store);
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, languages[0], title);
  g_free (product->sku);
  product->sku = g_strdup (sku);
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
add_photo (CcStore    *store,
           const char *product_id,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  char *photo_id = cc_photos_add_file (store, product_id, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (photo_id);
  return photo_id;
}

static char *
cover_sha256 (CcStore    *store,
              const char *product_id)
{
  g_autoptr(GPtrArray) photos = cc_photos_list (store, product_id);

  g_assert_cmpuint (photos->len, >, 0);
  return g_strdup (((CcPhoto *) g_ptr_array_index (photos, 0))->sha256);
}

/* Analyses the product's cover and keeps the analysis, with its score
 * replaced when score >= 0. */
static void
analyse_cover (CcStore    *store,
               const char *product_id,
               int         score)
{
  g_autofree char *sha256 = cover_sha256 (store, product_id);
  g_autofree char *path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), sha256);
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = cc_photo_analyse_file (path, NULL, &error);
  g_assert_no_error (error);
  if (score >= 0)
    analysis->score = score;
  g_assert_true (cc_photo_analysis_save (store, sha256, analysis, &error));
  g_assert_no_error (error);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_image_size (const char *path,
                   int         width,
                   int         height)
{
  int w = 0, h = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &w, &h));
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A store with one product "VASE-01" holding a large photo. */
typedef struct
{
  CcStore *store;
  char    *dir;
  char    *product_id;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *photo = NULL;
  g_autofree char *photo_id = NULL;

  fx->store = cc_test_open_store ();
  fx->dir = cc_test_make_tmpdir ();
  fx->product_id = create_product (fx->store, "Blue vase", "VASE-01");
  photo = make_photo (fx->dir, "big.jpg", 3000, 2400, 0.5, 0.5);
  photo_id = add_photo (fx->store, fx->product_id, photo);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  g_free (fx->dir);
  g_free (fx->product_id);
}

/* Presets */

static void
test_builtin_presets_sizes (Fixture       *fx,
                            gconstpointer  data)
{
  static const struct { const char *name; int w, h; } cases[] = {
    { "square-2000", 2000, 2000 },
    { "etsy",        2700, 2025 },
    { "instagram",   1080, 1350 },
    { "thumbnail",   1000, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = g_build_filename (fx->dir, cases[i].name, NULL);
      g_autofree char *expected = NULL;
      g_autoptr(GPtrArray) files = NULL;
      g_autoptr(GError) error = NULL;
      CcExportedFile *file;

      files = cc_photo_export_product (fx->store, "VASE-01", cases[i].name, 0, out, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (files->len, ==, 1);
      file = g_ptr_array_index (files, 0);
      expected = g_strdup_printf ("%s/VASE-01-1-%s.jpg", out, cases[i].name);
      g_assert_cmpstr (file->path, ==, expected);
      g_assert_false (file->not_upscaled);
      g_assert_null (file->note);
      g_assert_cmpint (file->width, ==, cases[i].w);
      g_assert_cmpint (file->height, ==, cases[i].h);
      assert_image_size (file->path, cases[i].w, cases[i].h);
      /* Nothing else in the folder: no temporary left over. */
      g_assert_cmpuint (count_entries (out), ==, 1);
    }
}

static void
test_shop_presets (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fx->dir, "banner", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GError) error = NULL;
  CcExportPreset *last;

  g_assert_true (cc_photo_export_set_presets (fx->store, " banner : 1600x400 , tall_1:500×1000", &error));
  g_assert_no_error (error);

  presets = cc_photo_export_list_presets (fx->store);
  g_assert_cmpuint (presets->len, ==, 6);
  g_assert_cmpstr (((CcExportPreset *) g_ptr_array_index (presets, 0))->name, ==, "square-2000");
  last = g_ptr_array_index (presets, 5);
  g_assert_cmpstr (last->name, ==, "tall_1");
  g_assert_cmpint (last->width, ==, 500);
  g_assert_cmpint (last->height, ==, 1000);
  g_assert_false (last->builtin);

  files = cc_photo_export_product (fx->store, fx->product_id, "banner", 0, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  assert_image_size (((CcExportedFile *) g_ptr_array_index (files, 0))->path, 1600, 400);
}

static const char *bad_presets[] = {
  "square",                    /* no size */
  "a:100",                     /* one side */
  "a:99x100",                  /* too small */
  "a:100x20000",               /* too large */
  "a:100x100x100",
  "a:widexhigh",
  "etsy:100x100",              /* shadows a built-in */
  "a:100x100,A:200x200",       /* twice */
  "bad name:100x100",
  ":100x100",
  "a:100x100,,b:200x200",      /* empty entry */
};

static void
test_bad_shop_presets (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_photo_export_set_presets (fx->store, "keep:300x300", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_presets); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autofree char *setting = NULL;

      g_test_message ("preset text %s", bad_presets[i]);
      g_assert_false (cc_photo_export_set_presets (fx->store, bad_presets[i], &bad_error));
      g_assert_error (bad_error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      setting = cc_store_dup_setting (fx->store, "export-presets", NULL);
      g_assert_cmpstr (setting, ==, "keep:300x300");
    }

  /* A malformed setting that arrived some other way is ignored. */
  g_assert_true (cc_store_set_setting (fx->store, "export-presets", "junk", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) presets = cc_photo_export_list_presets (fx->store);

    g_assert_cmpuint (presets->len, ==, 4);
  }
}

static void
test_quality_setting (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *low_dir = g_build_filename (fx->dir, "low", NULL);
  g_autofree char *high_dir = g_build_filename (fx->dir, "high", NULL);
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GPtrArray) high = NULL;
  g_autoptr(GError) error = NULL;
  goffset low_size, high_size;

  g_assert_cmpint (cc_photo_export_get_quality (fx->store), ==, CC_PHOTO_EXPORT_DEFAULT_QUALITY);
  g_assert_true (cc_photo_export_set_quality (fx->store, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_photo_export_get_quality (fx->store), ==, 20);

  /* 0: the shop's setting. */
  low = cc_photo_export_product (fx->store, "VASE-01", "thumbnail", 0, low_dir, NULL, &error);
  g_assert_no_error (error);
  high = cc_photo_export_product (fx->store, "VASE-01", "thumbnail", 98, high_dir, NULL, &error);
  g_assert_no_error (error);

  low_size = file_size (((CcExportedFile *) g_ptr_array_index (low, 0))->path);
  high_size = file_size (((CcExportedFile *) g_ptr_array_index (high, 0))->path);
  g_test_message ("quality 20: %" G_GOFFSET_FORMAT " bytes, 98: %" G_GOFFSET_FORMAT, low_size, high_size);
  g_assert_cmpint (high_size, >, low_size * 2);

  /* Out of range: refused, setting unchanged. */
  g_assert_false (cc_photo_export_set_quality (fx->store, 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (cc_photo_export_set_quality (fx->store, 101, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_photo_export_get_quality (fx->store), ==, 20);
}

static void
test_no_upscaling (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *small_product = create_product (fx->store, "Small cup", "CUP-2");
  g_autofree char *photo = make_photo (fx->dir, "small.jpg", 800, 600, 0.5, 0.5);
  g_autofree char *photo_id = add_photo (fx->store, small_product, photo);
  g_autofree char *out = g_build_filename (fx->dir, "small-out", NULL);
  g_autoptr(GPtrArray) square = NULL;
  g_autoptr(GPtrArray) etsy = NULL;
  g_autoptr(GError) error = NULL;
  CcExportedFile *file;

  square = cc_photo_export_product (fx->store, "CUP-2", "square-2000", 0, out, NULL, &error);
  g_assert_no_error (error);
  file = g_ptr_array_index (square, 0);
  g_assert_true (file->not_upscaled);
  g_assert_nonnull (file->note);
  g_assert_nonnull (strstr (file->note, "800×600"));
  assert_image_size (file->path, 600, 600);

  /* Etsy's 4:3 is the photo's own shape: the whole photo, as it is. */
  etsy = cc_photo_export_product (fx->store, "CUP-2", "etsy", 0, out, NULL, &error);
  g_assert_no_error (error);
  file = g_ptr_array_index (etsy, 0);
  g_assert_true (file->not_upscaled);
  assert_image_size (file->path, 800, 600);
}

static void
test_several_photos_and_subject (Fixture       *fx,
                                 gconstpointer  data)
{
  /* A wide photo with the piece at the right: the square crop keeps it. */
  g_autofree char *wide = make_photo (fx->dir, "wide.jpg", 3000, 1000, 0.8, 0.5);
  g_autofree char *photo_id = add_photo (fx->store, fx->product_id, wide);
  g_autofree char *out = g_build_filename (fx->dir, "two", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GdkPixbuf) second = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;
  int stride;

  files = cc_photo_export_product (fx->store, "VASE-01", "thumbnail", 0, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (g_str_has_suffix (((CcExportedFile *) g_ptr_array_index (files, 0))->path, "/VASE-01-1-thumbnail.jpg"));
  g_assert_true (g_str_has_suffix (((CcExportedFile *) g_ptr_array_index (files, 1))->path, "/VASE-01-2-thumbnail.jpg"));
  /* 1000 px tall source: the square is 1000×1000 without enlarging. */
  assert_image_size (((CcExportedFile *) g_ptr_array_index (files, 1))->path, 1000, 1000);

  second = gdk_pixbuf_new_from_file (((CcExportedFile *) g_ptr_array_index (files, 1))->path, &error);
  g_assert_no_error (error);
  p = gdk_pixbuf_read_pixels (second);
  stride = gdk_pixbuf_get_rowstride (second);
  /* The middle of the crop is the terracotta disc, not the backdrop. */
  p += 500 * stride + 500 * gdk_pixbuf_get_n_channels (second);
  g_assert_cmpint (p[0], >, 160);
  g_assert_cmpint (p[1], <, 120);
}

static void
test_export_bad_input (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *empty = create_product (fx->store, "No photos", "EMPTY-1");
  g_autofree char *out = g_build_filename (fx->dir, "out", NULL);
  g_autofree char *blocker = g_build_filename (fx->dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "sub", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);

  files = cc_photo_export_product (fx->store, "VASE-01", "poster", 0, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "square-2000"));
  g_clear_error (&error);

  files = cc_photo_export_product (fx->store, "VASE-01", "etsy", 101, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  files = cc_photo_export_product (fx->store, "VASE-01", "etsy", -5, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  files = cc_photo_export_product (fx->store, "EMPTY-1", "etsy", 0, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  files = cc_photo_export_product (fx->store, "NO-SUCH-SKU", "etsy", 0, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  files = cc_photo_export_product (fx->store, "VASE-01", "etsy", 0, under_file, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (out), ==, 0);
}

/* The second photo's blob is damaged: the first must not be left behind. */
static void
test_export_all_or_nothing (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *photo = make_photo (fx->dir, "second.jpg", 1200, 1200, 0.5, 0.5);
  g_autofree char *photo_id = add_photo (fx->store, fx->product_id, photo);
  g_autoptr(GPtrArray) photos = cc_photos_list (fx->store, fx->product_id);
  g_autofree char *blob = NULL;
  g_autofree char *out = g_build_filename (fx->dir, "partial", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (photos->len, ==, 2);
  blob = cc_photos_dup_blob_path (cc_store_get_data_dir (fx->store),
                                  ((CcPhoto *) g_ptr_array_index (photos, 1))->sha256);
  g_chmod (blob, 0644);
  g_assert_true (g_file_set_contents (blob, "not a picture", -1, NULL));

  files = cc_photo_export_product (fx->store, "VASE-01", "thumbnail", 0, out, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpuint (count_entries (out), ==, 0);
}

/* Moodboard */

static GdkPixbuf *
load_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
pixel_at (GdkPixbuf *pixbuf,
          int        x,
          int        y,
          guint8     out[3])
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf)
                    + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  memcpy (out, p, 3);
}

/* Pixels in a rectangle clearly darker than the moodboard's paper. */
static guint
count_ink (GdkPixbuf *pixbuf,
           int        x0,
           int        y0,
           int        x1,
           int        y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint8 p[3];

        pixel_at (pixbuf, x, y, p);
        if (p[0] + p[1] + p[2] < 300)
          n++;
      }
  return n;
}

static void
test_moodboard_palette (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *second = make_photo (fx->dir, "second.jpg", 1200, 1600, 0.5, 0.4);
  g_autofree char *photo_id = add_photo (fx->store, fx->product_id, second);
  g_autofree char *out = g_build_filename (fx->dir, "mood.png", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  g_autoptr(GdkPixbuf) board = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  analyse_cover (fx->store, fx->product_id, -1);
  sha256 = cover_sha256 (fx->store, fx->product_id);
  analysis = cc_photo_analysis_lookup (fx->store, sha256);
  g_assert_nonnull (analysis);
  g_assert_cmpuint (analysis->palette->len, >=, 2);

  g_assert_true (cc_photo_export_moodboard (fx->store, "VASE-01", out, NULL, &error));
  g_assert_no_error (error);
  assert_image_size (out, CC_MOODBOARD_WIDTH, CC_MOODBOARD_HEIGHT);
  g_assert_cmpuint (count_entries (fx->dir), ==, 3);   /* big.jpg, second.jpg, mood.png */

  board = load_png (out);
  n = MIN (analysis->palette->len, 8);
  for (guint i = 0; i < n; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);
      guint8 p[3];
      int x, y;

      g_assert_true (cc_moodboard_get_swatch_centre (i, n, &x, &y));
      pixel_at (board, x, y, p);
      g_assert_cmpint (ABS (p[0] - colour->r), <=, 1);
      g_assert_cmpint (ABS (p[1] - colour->g), <=, 1);
      g_assert_cmpint (ABS (p[2] - colour->b), <=, 1);
    }
  g_assert_false (cc_moodboard_get_swatch_centre (n, n, NULL, NULL));

  /* The title is drawn (dark ink over the paper at the top). */
  g_assert_cmpuint (count_ink (board, 48, 40, 1032, 136), >, 200);
}

static void
test_moodboard_hindi_title (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(CcProduct) product = NULL;
  g_autofree char *out = g_build_filename (fx->dir, "mood-hi.png", NULL);
  g_autoptr(GdkPixbuf) board = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_set_setting (fx->store, "languages", "hi,en", &error));
  g_assert_no_error (error);
  product = cc_catalogue_get_product (fx->store, fx->product_id, &error);
  g_assert_no_error (error);
  cc_product_set_title (product, "hi", "नीली मिट्टी की सुराही");
  g_assert_true (cc_catalogue_update_product (fx->store, product, &error));
  g_assert_no_error (error);

  /* No stored analysis: the job analyses the cover itself. */
  g_assert_true (cc_photo_export_moodboard (fx->store, fx->product_id, out, NULL, &error));
  g_assert_no_error (error);
  board = load_png (out);
  g_assert_cmpint (gdk_pixbuf_get_width (board), ==, CC_MOODBOARD_WIDTH);
  g_assert_cmpuint (count_ink (board, 48, 40, 1032, 136), >, 200);
}

static void
test_moodboard_bad_input (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *empty = create_product (fx->store, "No photos", "EMPTY-1");
  g_autofree char *out = g_build_filename (fx->dir, "mood.png", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-dir", "mood.png", NULL);
  g_autoptr(GError) error = NULL;
  guint before = count_entries (fx->dir);

  g_assert_false (cc_photo_export_moodboard (fx->store, "EMPTY-1", out, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (cc_photo_export_moodboard (fx->store, "NO-SUCH", out, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  analyse_cover (fx->store, fx->product_id, -1);
  g_assert_false (cc_photo_export_moodboard (fx->store, "VASE-01", missing, NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fx->dir), ==, before);
}

/* Search: "needs better photos" */

static gboolean
hits_contain (GPtrArray  *hits,
              const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (((CcSearchHit *) g_ptr_array_index (hits, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search_needs_photos (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *no_photo = create_product (fx->store, "Bare bowl", "BOWL-1");
  g_autofree char *poor = create_product (fx->store, "Dark bowl", "BOWL-2");
  g_autofree char *pending = create_product (fx->store, "New bowl", "BOWL-3");
  g_autofree char *photo = make_photo (fx->dir, "bowl.jpg", 900, 900, 0.5, 0.5);
  g_autofree char *photo2 = make_photo (fx->dir, "bowl2.jpg", 700, 700, 0.5, 0.5);
  g_autofree char *p1 = add_photo (fx->store, poor, photo);
  g_autofree char *p2 = add_photo (fx->store, pending, photo2);
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  analyse_cover (fx->store, fx->product_id, 90);     /* good */
  analyse_cover (fx->store, poor, 30);               /* poor */
  /* "pending" has a photo with no analysis yet: not counted. */

  query.needs_photos = TRUE;
  hits = cc_search_run (fx->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_contain (hits, no_photo));
  g_assert_true (hits_contain (hits, poor));
  g_assert_cmpint (cc_search_count (fx->store, &query, &error), ==, 2);
  g_assert_no_error (error);

  /* With words, short and long, and a status. */
  query.text = "bo";
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_search_run (fx->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (cc_search_count (fx->store, &query, &error), ==, 2);

  query.text = "dark";
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cc_search_run (fx->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CcSearchHit *) g_ptr_array_index (hits, 0))->id, ==, poor);
  g_assert_cmpint (cc_search_count (fx->store, &query, &error), ==, 1);

  query.text = NULL;
  query.status = CC_PRODUCT_ARCHIVED;
  g_assert_cmpint (cc_search_count (fx->store, &query, &error), ==, 0);
  query.status = -1;

  /* Without the flag everything, with each cover's score. */
  query.needs_photos = FALSE;
  all = cc_search_run (fx->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    {
      CcSearchHit *hit = g_ptr_array_index (all, i);
      int expected = g_strcmp0 (hit->id, poor) == 0 ? 30
                   : g_strcmp0 (hit->id, fx->product_id) == 0 ? 90 : -1;

      g_assert_cmpint (hit->cover_score, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/photo-export/builtin-presets-sizes", test_builtin_presets_sizes);
  ADD ("/core/photo-export/shop-presets", test_shop_presets);
  ADD ("/core/photo-export/bad-shop-presets", test_bad_shop_presets);
  ADD ("/core/photo-export/quality-setting", test_quality_setting);
  ADD ("/core/photo-export/no-upscaling", test_no_upscaling);
  ADD ("/core/photo-export/several-photos-subject", test_several_photos_and_subject);
  ADD ("/core/photo-export/bad-input", test_export_bad_input);
  ADD ("/core/photo-export/all-or-nothing", test_export_all_or_nothing);
  ADD ("/core/moodboard/palette-swatches", test_moodboard_palette);
  ADD ("/core/moodboard/hindi-title", test_moodboard_hindi_title);
  ADD ("/core/moodboard/bad-input", test_moodboard_bad_input);
  ADD ("/core/search/needs-better-photos", test_search_needs_photos);

#undef ADD

  return g_test_run ();
}
