/* test-photo-analysis.c — photo analysis on images the test draws itself.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-photo-analysis.h"
#include "cc-photos.h"
#include "cc-test-util.h"

/* Drawing */

static GdkPixbuf *
new_canvas (int    width,
            int    height,
            guint8 r,
            guint8 g,
            guint8 b)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, ((guint32) r << 24) | ((guint32) g << 16) | ((guint32) b << 8) | 0xff);
  return pixbuf;
}

static void
fill_rect (GdkPixbuf *pixbuf,
           int        x,
           int        y,
           int        width,
           int        height,
           guint32    rgb)
{
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int j = MAX (0, y); j < MIN (gdk_pixbuf_get_height (pixbuf), y + height); j++)
    for (int i = MAX (0, x); i < MIN (gdk_pixbuf_get_width (pixbuf), x + width); i++)
      {
        guint8 *p = pixels + j * stride + i * channels;

        p[0] = rgb >> 16;
        p[1] = (rgb >> 8) & 0xff;
        p[2] = rgb & 0xff;
      }
}

static void
fill_disc (GdkPixbuf *pixbuf,
           int        cx,
           int        cy,
           int        radius,
           guint32    rgb)
{
  for (int j = -radius; j <= radius; j++)
    {
      int half = (int) sqrt ((double) radius * radius - (double) j * j);

      fill_rect (pixbuf, cx - half, cy + j, 2 * half + 1, 1, rgb);
    }
}

/* A "piece": a pale backdrop with many hard-edged shapes in the middle,
 * drawn from seed, in a scale of width 1600. */
static GdkPixbuf *
draw_piece (int     width,
            int     height,
            guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GdkPixbuf *pixbuf = new_canvas (width, height, 236, 232, 226);
  double s = width / 1600.0;

  for (int i = 0; i < 60; i++)
    {
      int x = g_rand_int_range (rand, width / 5, width * 4 / 5);
      int y = g_rand_int_range (rand, height / 5, height * 4 / 5);
      guint32 colour = g_rand_int (rand) & 0xffffff;

      if (g_rand_boolean (rand))
        fill_rect (pixbuf, x, y, (int) (g_rand_int_range (rand, 20, 200) * s),
                   (int) (g_rand_int_range (rand, 20, 200) * s), colour);
      else
        fill_disc (pixbuf, x, y, (int) (g_rand_int_range (rand, 10, 100) * s), colour);
    }
  return pixbuf;
}

/* Three passes of a box blur of the given radius. */
static void
blur (GdkPixbuf *pixbuf,
      int        radius)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  g_autofree guint8 *copy = g_malloc ((gsize) stride * h);

  for (int pass = 0; pass < 6; pass++)
    {
      gboolean horizontal = pass % 2 == 0;

      memcpy (copy, pixels, (gsize) stride * h);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          for (int c = 0; c < 3; c++)
            {
              int sum = 0, n = 0;

              for (int d = -radius; d <= radius; d++)
                {
                  int xx = horizontal ? x + d : x, yy = horizontal ? y : y + d;

                  if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                    continue;
                  sum += copy[yy * stride + xx * channels + c];
                  n++;
                }
              pixels[y * stride + x * channels + c] = (guint8) (sum / n);
            }
    }
}

static void
scale_brightness (GdkPixbuf *pixbuf,
                  double     factor)
{
  int h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (gsize i = 0; i < (gsize) stride * (h - 1) + gdk_pixbuf_get_width (pixbuf) * 3; i++)
    pixels[i] = (guint8) (pixels[i] * factor);
}

static char *
save (GdkPixbuf  *pixbuf,
      const char *dir,
      const char *name,
      const char *quality)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  if (g_str_has_suffix (name, ".png"))
    gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  else
    gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", quality, NULL);
  g_assert_no_error (error);
  return path;
}

static CcPhotoAnalysis *
analyse_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  CcPhotoAnalysis *analysis = cc_photo_analyse_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  g_assert_cmpint (analysis->version, ==, CC_PHOTO_ANALYSIS_VERSION);
  g_assert_cmpuint (analysis->parts->len, ==, CC_QUALITY_N_ASPECTS);
  for (guint i = 0; i < analysis->parts->len; i++)
    {
      CcQualityPart *part = g_ptr_array_index (analysis->parts, i);

      g_assert_cmpint (part->aspect, ==, i);
      g_assert_cmpint (part->score, >=, 0);
      g_assert_cmpint (part->score, <=, 100);
      g_assert_true (part->reason != NULL && *part->reason != '\0');
    }
  return analysis;
}

static const CcQualityPart *
get_part (const CcPhotoAnalysis *analysis,
          CcQualityAspect        aspect)
{
  return g_ptr_array_index (analysis->parts, aspect);
}

static gboolean
has_suggestion (const CcPhotoAnalysis *analysis,
                const char            *words)
{
  for (guint i = 0; i < analysis->suggestions->len; i++)
    if (strstr (g_ptr_array_index (analysis->suggestions, i), words) != NULL)
      return TRUE;
  return FALSE;
}

/* OKLab, as the analysis measures colour. */
static void
to_oklab (guint8  r8,
          guint8  g8,
          guint8  b8,
          double *lab)
{
  double c[3] = { r8 / 255.0, g8 / 255.0, b8 / 255.0 };
  double l, m, s;

  for (int i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  l = cbrt (0.4122214708 * c[0] + 0.5363325363 * c[1] + 0.0514459929 * c[2]);
  m = cbrt (0.2119034982 * c[0] + 0.6806995451 * c[1] + 0.1073969566 * c[2]);
  s = cbrt (0.0883024619 * c[0] + 0.2817188376 * c[1] + 0.6299787005 * c[2]);
  lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
  lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
  lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

static double
delta_e (guint32              rgb,
         const CcPaletteColour *colour)
{
  double p[3], q[3];

  to_oklab (rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, p);
  to_oklab (colour->r, colour->g, colour->b, q);
  return sqrt ((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

/* Tests */

static void
test_blur_lowers_sharpness (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) sharp = draw_piece (1200, 900, 7);
  g_autoptr(GdkPixbuf) soft = gdk_pixbuf_copy (sharp);
  g_autofree char *sharp_path = NULL;
  g_autofree char *soft_path = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(CcPhotoAnalysis) b = NULL;

  blur (soft, 3);
  sharp_path = save (sharp, dir, "sharp.jpg", "92");
  soft_path = save (soft, dir, "soft.jpg", "92");
  a = analyse_ok (sharp_path);
  b = analyse_ok (soft_path);

  g_test_message ("sharpness %d vs %d", get_part (a, CC_QUALITY_SHARPNESS)->score,
                  get_part (b, CC_QUALITY_SHARPNESS)->score);
  g_assert_cmpint (get_part (a, CC_QUALITY_SHARPNESS)->score, >=, 80);
  g_assert_cmpint (get_part (b, CC_QUALITY_SHARPNESS)->score, <, get_part (a, CC_QUALITY_SHARPNESS)->score - 30);
  g_assert_true (has_suggestion (b, "blurred") || has_suggestion (b, "soft"));
  g_assert_false (has_suggestion (a, "blurred") || has_suggestion (a, "soft"));
  g_assert_cmpint (b->score, <, a->score);
}

static void
test_dark_image_exposure (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) bright = draw_piece (1200, 900, 11);
  g_autoptr(GdkPixbuf) dark = gdk_pixbuf_copy (bright);
  g_autofree char *bright_path = NULL;
  g_autofree char *dark_path = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(CcPhotoAnalysis) b = NULL;

  scale_brightness (dark, 0.3);
  bright_path = save (bright, dir, "bright.jpg", "92");
  dark_path = save (dark, dir, "dark.jpg", "92");
  a = analyse_ok (bright_path);
  b = analyse_ok (dark_path);

  for (guint i = 0; i < b->suggestions->len; i++)
    g_test_message ("suggestion: %s", (const char *) g_ptr_array_index (b->suggestions, i));
  g_assert_false (has_suggestion (a, "underexposed"));
  g_assert_cmpint (get_part (a, CC_QUALITY_EXPOSURE)->score, >=, 80);
  g_assert_true (has_suggestion (b, "underexposed: shoot near a window or raise exposure by about"));
  g_assert_cmpint (get_part (b, CC_QUALITY_EXPOSURE)->score, <, 60);
  /* The most useful advice comes first. */
  g_assert_nonnull (strstr (g_ptr_array_index (b->suggestions, 0), "underexposed"));
  g_assert_true (g_ptr_array_find_with_equal_func (b->style_tags, "dark", g_str_equal, NULL));
}

static void
check_known_colours (const char *name,
                     double      max_delta)
{
  static const guint32 colours[] = { 0xc0623c, 0x1c3a8a, 0xf3ead2 };
  static const double shares[] = { 0.5, 0.3, 0.2 };
  static const char *names[] = { "terracotta", "deep blue", "cream" };
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) pixbuf = new_canvas (1000, 800, 0, 0, 0);
  g_autofree char *path = NULL;
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  int x = 0;

  /* Bands across the whole height, in the given proportions. */
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      int w = (int) lround (shares[i] * 1000);

      fill_rect (pixbuf, x, 0, w, 800, colours[i]);
      x += w;
    }
  path = save (pixbuf, dir, name, "95");
  analysis = analyse_ok (path);

  g_assert_cmpuint (analysis->palette->len, ==, G_N_ELEMENTS (colours));
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);

      g_test_message ("#%02x%02x%02x %.3f %s", colour->r, colour->g, colour->b, colour->share, colour->name);
      /* Largest share first, so in the order drawn. */
      g_assert_cmpfloat (delta_e (colours[i], colour), <, max_delta);
      g_assert_cmpfloat (fabs (colour->share - shares[i]), <=, 0.05);
      g_assert_cmpstr (colour->name, ==, names[i]);
    }
}

static void
test_known_colours (void)
{
  check_known_colours ("bands.png", 0.01);
  check_known_colours ("bands.jpg", 0.03);
}

static void
test_palette_count_follows_image (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) two = new_canvas (600, 400, 0xf8, 0xf8, 0xf6);
  g_autoptr(GdkPixbuf) many = new_canvas (600, 400, 0xf8, 0xf8, 0xf6);
  static const guint32 colours[] = { 0xc8202a, 0x2f64c8, 0x3c9a3c, 0xf2d22e, 0x7a3a9a };
  g_autofree char *two_path = NULL;
  g_autofree char *many_path = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(CcPhotoAnalysis) b = NULL;

  fill_disc (two, 300, 200, 120, 0x1c3a8a);
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    fill_rect (many, 20 + 115 * i, 100, 100, 200, colours[i]);
  two_path = save (two, dir, "two.png", NULL);
  many_path = save (many, dir, "many.png", NULL);
  a = analyse_ok (two_path);
  b = analyse_ok (many_path);

  g_assert_cmpuint (a->palette->len, ==, 2);
  g_assert_cmpuint (b->palette->len, ==, 6);
}

static void
test_near_duplicates (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) original = draw_piece (1600, 1200, 21);
  g_autoptr(GdkPixbuf) smaller = gdk_pixbuf_scale_simple (original, 700, 525, GDK_INTERP_BILINEAR);
  g_autoptr(GdkPixbuf) other = draw_piece (1600, 1200, 22);
  g_autofree char *original_path = save (original, dir, "original.jpg", "90");
  g_autofree char *smaller_path = save (smaller, dir, "smaller.jpg", "60");
  g_autofree char *png_path = save (original, dir, "original.png", NULL);
  g_autofree char *other_path = save (other, dir, "other.jpg", "90");
  g_autoptr(CcPhotoAnalysis) a = analyse_ok (original_path);
  g_autoptr(CcPhotoAnalysis) b = analyse_ok (smaller_path);
  g_autoptr(CcPhotoAnalysis) c = analyse_ok (png_path);
  g_autoptr(CcPhotoAnalysis) d = analyse_ok (other_path);

  g_test_message ("distances: resized %d, png %d, other %d", cc_phash_distance (a->phash, b->phash),
                  cc_phash_distance (a->phash, c->phash), cc_phash_distance (a->phash, d->phash));
  g_assert_cmpint (cc_phash_distance (a->phash, b->phash), <=, CC_PHASH_DUPLICATE);
  g_assert_cmpint (cc_phash_distance (a->phash, c->phash), <=, CC_PHASH_DUPLICATE);
  g_assert_cmpint (cc_phash_distance (a->phash, d->phash), >, CC_PHASH_SIMILAR);
  g_assert_cmpint (cc_phash_distance (b->phash, d->phash), >, CC_PHASH_SIMILAR);
  g_assert_cmpint (cc_phash_distance (a->phash, a->phash), ==, 0);
}

static void
test_resolution_and_framing (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) small = new_canvas (800, 600, 0xf8, 0xf8, 0xf6);
  g_autoptr(GdkPixbuf) big = new_canvas (2400, 2000, 0xf8, 0xf8, 0xf6);
  g_autofree char *small_path = NULL;
  g_autofree char *big_path = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(CcPhotoAnalysis) b = NULL;

  /* A small piece in the middle of a plain backdrop: a fifth of it. */
  fill_disc (small, 400, 300, 175, 0xc0623c);
  fill_disc (big, 1200, 1000, 1100, 0xc0623c);
  small_path = save (small, dir, "small.jpg", "92");
  big_path = save (big, dir, "big.jpg", "92");
  a = analyse_ok (small_path);
  b = analyse_ok (big_path);

  g_assert_cmpint (a->width, ==, 800);
  g_assert_cmpint (a->height, ==, 600);
  g_assert_cmpfloat (fabs (a->subject_share - G_PI * 175 * 175 / (800 * 600)), <, 0.03);
  g_assert_true (has_suggestion (a, "fills only a fifth of the frame: move closer"));
  g_assert_cmpint (get_part (a, CC_QUALITY_RESOLUTION)->score, <, 50);
  g_assert_true (has_suggestion (a, "600 px on its shortest side"));
  g_assert_cmpint (get_part (b, CC_QUALITY_RESOLUTION)->score, ==, 100);
  g_assert_false (has_suggestion (b, "move closer"));
  g_assert_cmpint (get_part (b, CC_QUALITY_BACKGROUND)->score, >, get_part (a, CC_QUALITY_BACKGROUND)->score);
}

/* The JPEG at path again, with an EXIF block saying "turn a quarter
 * clockwise to show" (orientation 6). */
static char *
with_exif_orientation (const char *path,
                       const char *new_path)
{
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, 42, 0, 0, 0, 8,
    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
    0, 0, 0, 0,
  };
  g_autofree char *contents = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_byte_array_append (out, (const guint8 *) contents, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, (const guint8 *) contents + 2, length - 2);
  g_file_set_contents (new_path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
  return g_strdup (new_path);
}

static void
test_exif_orientation (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) piece = draw_piece (1200, 900, 41);
  g_autoptr(GdkPixbuf) turned = gdk_pixbuf_rotate_simple (piece, GDK_PIXBUF_ROTATE_CLOCKWISE);
  g_autofree char *plain = save (piece, dir, "plain.jpg", "92");
  g_autofree char *upright = save (turned, dir, "upright.jpg", "92");
  g_autofree char *tagged_path = g_build_filename (dir, "tagged.jpg", NULL);
  g_autofree char *tagged = with_exif_orientation (plain, tagged_path);
  g_autoptr(CcPhotoAnalysis) a = analyse_ok (plain);
  g_autoptr(CcPhotoAnalysis) b = analyse_ok (upright);
  g_autoptr(CcPhotoAnalysis) c = analyse_ok (tagged);

  /* Measured as shown: the size and the picture are turned. */
  g_assert_cmpint (c->width, ==, 900);
  g_assert_cmpint (c->height, ==, 1200);
  g_assert_cmpint (cc_phash_distance (b->phash, c->phash), <=, 4);
  g_assert_cmpint (cc_phash_distance (a->phash, c->phash), >, CC_PHASH_SIMILAR);
}

static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static void
put_be32 (guint8  *out,
          guint32  value)
{
  for (int i = 0; i < 4; i++)
    out[i] = (value >> (24 - 8 * i)) & 0xff;
}

/* A tiny PNG file whose header claims width × height: an IHDR and the
 * start of an (empty) IDAT, which is where libpng reports the size. */
static void
write_png_header (const char *path,
                  guint32     width,
                  guint32     height)
{
  guint8 data[8 + 25 + 12];
  g_autoptr(GError) error = NULL;

  memcpy (data, "\x89PNG\r\n\x1a\n", 8);
  memcpy (data + 8, "\0\0\0\x0dIHDR", 8);
  put_be32 (data + 16, width);
  put_be32 (data + 20, height);
  memcpy (data + 24, "\x08\x02\0\0\0", 5);
  put_be32 (data + 29, png_crc (data + 12, 17));
  memcpy (data + 33, "\0\0\0\0IDAT", 8);
  put_be32 (data + 41, png_crc (data + 37, 4));
  g_file_set_contents (path, (const char *) data, sizeof data, &error);
  g_assert_no_error (error);
}

static void
test_bad_files_refused (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) piece = draw_piece (800, 600, 3);
  g_autofree char *good = save (piece, dir, "good.jpg", "90");
  g_autofree char *empty = g_build_filename (dir, "empty.jpg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.jpg", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.jpg", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autofree char *product_id = NULL;
  gsize length = 0;
  const char *bad[4];
  GError *error = NULL;

  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  g_file_set_contents (text, "This is not a photo, only a note.\n", -1, &error);
  g_assert_no_error (error);
  g_file_get_contents (good, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (cut, contents, length / 2, &error);
  g_assert_no_error (error);
  write_png_header (huge, 10000, 10000);

  cc_product_set_title (product, "en", "Scarf");
  product_id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);

  bad[0] = empty;
  bad[1] = text;
  bad[2] = cut;
  bad[3] = huge;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CcPhotoAnalysis *analysis = cc_photo_analyse_file (bad[i], NULL, &error);
      char *photo_id;

      g_test_message ("%s: %s", bad[i], error ? error->message : "(no error)");
      g_assert_null (analysis);
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      if (i == 3)
        g_assert_nonnull (strstr (error->message, "megapixels"));
      g_clear_error (&error);

      photo_id = cc_photos_add_file (store, product_id, bad[i], &error);
      g_assert_null (photo_id);
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "photos", NULL), ==, 0);

  /* A missing file is not found; the good one still works. */
  g_assert_null (cc_photo_analyse_file ("/nonexistent/photo.jpg", NULL, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  cc_photo_analysis_free (analyse_ok (good));
}

static void
test_json_round_trip (void)
{
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) piece = draw_piece (1000, 750, 5);
  g_autofree char *path = save (piece, dir, "piece.jpg", "90");
  g_autoptr(CcPhotoAnalysis) a = analyse_ok (path);
  g_autoptr(CcPhotoAnalysis) b = NULL;
  g_autoptr(CcPhotoAnalysis) texts_only = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cc_photo_analysis_to_json (a);
  g_autofree char *again = NULL;
  g_autofree char *stripped = NULL;
  static const char * const broken[] = {
    "", "[]", "{}", "not json", "{\"version\": 1}",
    "{\"version\":1,\"width\":10,\"height\":10,\"score\":500,\"phash\":\"0000000000000000\","
    "\"subject_share\":0.5,\"palette\":[]}",
  };

  b = cc_photo_analysis_from_json (json, &error);
  g_assert_no_error (error);
  again = cc_photo_analysis_to_json (b);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpint (b->score, ==, a->score);
  g_assert_cmpuint (b->phash, ==, a->phash);
  g_assert_cmpint (b->width, ==, 1000);
  g_assert_cmpuint (b->palette->len, ==, a->palette->len);
  g_assert_cmpuint (b->suggestions->len, ==, a->suggestions->len);
  g_assert_cmpuint (b->style_tags->len, ==, a->style_tags->len);
  for (guint i = 0; i < a->palette->len; i++)
    {
      CcPaletteColour *p = g_ptr_array_index (a->palette, i);
      CcPaletteColour *q = g_ptr_array_index (b->palette, i);

      g_assert_true (p->r == q->r && p->g == q->g && p->b == q->b);
      g_assert_cmpfloat (p->share, ==, q->share);
      g_assert_cmpstr (p->name, ==, q->name);
    }

  /* Texts without their measures are taken as they are. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
    json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "measures");
    json_generator_set_root (generator, json_parser_get_root (parser));
    stripped = json_generator_to_data (generator, NULL);
  }
  texts_only = cc_photo_analysis_from_json (stripped, &error);
  g_assert_no_error (error);
  g_assert_cmpint (texts_only->score, ==, a->score);
  g_assert_cmpstr (((CcQualityPart *) g_ptr_array_index (texts_only->parts, 0))->reason, ==,
                   ((CcQualityPart *) g_ptr_array_index (a->parts, 0))->reason);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_assert_null (cc_photo_analysis_from_json (broken[i], &error));
      g_assert_error (error, CC_ERROR, CC_ERROR_CORRUPT);
      g_clear_error (&error);
    }
}

/* Shop helpers */

static char *
add_product (CcStore    *store,
             const char *title)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", title);
  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  return id;
}

static char *
add_photo (CcStore    *store,
           const char *product_id,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_id = cc_photos_add_file (store, product_id, path, &error);
  g_autoptr(GPtrArray) photos = NULL;

  g_assert_no_error (error);
  photos = cc_photos_list (store, product_id);
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      if (g_strcmp0 (photo->id, photo_id) == 0)
        return g_strdup (photo->sha256);
    }
  g_assert_not_reached ();
}

static void
analyse_and_save (CcStore    *store,
                  const char *sha256)
{
  g_autofree char *blob = cc_photos_dup_blob_path (cc_store_get_data_dir (store), sha256);
  g_autoptr(CcPhotoAnalysis) analysis = analyse_ok (blob);
  g_autoptr(GError) error = NULL;

  cc_photo_analysis_save (store, sha256, analysis, &error);
  g_assert_no_error (error);
}

static void
test_lookup_versions (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) piece = draw_piece (800, 600, 9);
  g_autofree char *path = save (piece, dir, "piece.jpg", "90");
  g_autofree char *product_id = add_product (store, "Vase");
  g_autofree char *sha = add_photo (store, product_id, path);
  g_autoptr(CcPhotoAnalysis) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_autoptr(CcPhotoAnalysis) analysis = analyse_ok (path);

  missing = cc_photo_analysis_dup_missing (store);
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_cmpstr (missing[0], ==, sha);
  g_assert_null (cc_photo_analysis_lookup (store, sha));

  /* Bad blob names are refused and nothing is stored. */
  g_assert_false (cc_photo_analysis_save (store, "not-a-sha", analysis, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 0);

  /* Saving twice keeps one row. */
  g_assert_true (cc_photo_analysis_save (store, sha, analysis, &error));
  g_assert_true (cc_photo_analysis_save (store, sha, analysis, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 1);
  found = cc_photo_analysis_lookup (store, sha);
  g_assert_nonnull (found);
  g_assert_cmpint (found->score, ==, analysis->score);
  g_assert_cmpuint (found->phash, ==, analysis->phash);
  g_clear_pointer (&missing, g_strfreev);
  missing = cc_photo_analysis_dup_missing (store);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
  /* Nothing of it goes to the outbox: it is a local cache. */
  g_assert_cmpint (cc_test_count_rows (store, "outbox", "entity = 'photo_analysis'"), ==, 0);

  /* An analysis of an older version is as good as none. */
  g_assert_cmpint (sqlite3_exec (cc_store_get_db (store),
                                 "UPDATE photo_analysis SET version = version - 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_null (cc_photo_analysis_lookup (store, sha));
  g_clear_pointer (&missing, g_strfreev);
  missing = cc_photo_analysis_dup_missing (store);
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
}

static void
test_products_needing_photos (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) good = new_canvas (2400, 2000, 0xf6, 0xf4, 0xf0);
  g_autoptr(GdkPixbuf) poor = draw_piece (500, 400, 13);
  g_autofree char *good_path = NULL;
  g_autofree char *poor_path = NULL;
  g_autofree char *none_id = add_product (store, "Bare");
  g_autofree char *good_id = add_product (store, "Good");
  g_autofree char *poor_id = add_product (store, "Poor");
  g_autofree char *good_sha = NULL;
  g_autofree char *poor_sha = NULL;
  g_autoptr(GPtrArray) needing = NULL;
  g_autoptr(CcPhotoAnalysis) good_analysis = NULL;
  g_autoptr(CcPhotoAnalysis) poor_analysis = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 12; i++)
    fill_disc (good, 1200 + (i % 4 - 2) * 260, 1000 + (i / 4 - 1) * 260, 110, 0x8e2f25 + i * 0x0a0a0a);
  blur (poor, 2);
  scale_brightness (poor, 0.35);
  good_path = save (good, dir, "good.jpg", "92");
  poor_path = save (poor, dir, "poor.jpg", "80");
  good_sha = add_photo (store, good_id, good_path);
  poor_sha = add_photo (store, poor_id, poor_path);
  analyse_and_save (store, good_sha);
  analyse_and_save (store, poor_sha);
  good_analysis = cc_photo_analysis_lookup (store, good_sha);
  poor_analysis = cc_photo_analysis_lookup (store, poor_sha);
  g_test_message ("good %d, poor %d", good_analysis->score, poor_analysis->score);
  g_assert_cmpint (good_analysis->score, >=, CC_PHOTO_GOOD_SCORE);
  g_assert_cmpint (poor_analysis->score, <, CC_PHOTO_GOOD_SCORE);

  needing = cc_photo_analysis_products_needing_photos (store, CC_PHOTO_GOOD_SCORE);
  g_assert_cmpuint (needing->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (needing, 0), ==, none_id);
  g_assert_cmpstr (g_ptr_array_index (needing, 1), ==, poor_id);

  /* Archived and deleted pieces are not asked for photos. */
  cc_catalogue_set_status (store, none_id, CC_PRODUCT_ARCHIVED, &error);
  g_assert_no_error (error);
  cc_catalogue_delete_product (store, poor_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&needing, g_ptr_array_unref);
  needing = cc_photo_analysis_products_needing_photos (store, CC_PHOTO_GOOD_SCORE);
  g_assert_cmpuint (needing->len, ==, 0);
}

static void
test_similar (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) original = draw_piece (1600, 1200, 31);
  g_autoptr(GdkPixbuf) copy = gdk_pixbuf_scale_simple (original, 900, 675, GDK_INTERP_BILINEAR);
  g_autoptr(GdkPixbuf) other = new_canvas (1600, 1200, 0x20, 0x20, 0x24);
  g_autofree char *a_path = save (original, dir, "a.jpg", "90");
  g_autofree char *b_path = save (copy, dir, "b.jpg", "60");
  g_autofree char *c_path = NULL;
  g_autofree char *a_id = add_product (store, "Bowl");
  g_autofree char *b_id = add_product (store, "Bowl, second");
  g_autofree char *c_id = add_product (store, "Lamp");
  g_autofree char *a_sha = add_photo (store, a_id, a_path);
  g_autofree char *b_sha = add_photo (store, b_id, b_path);
  g_autofree char *c_sha = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  CcPhotoMatch *match;

  fill_disc (other, 800, 600, 400, 0xe0a020);
  c_path = save (other, dir, "c.jpg", "90");
  c_sha = add_photo (store, c_id, c_path);
  analyse_and_save (store, a_sha);
  analyse_and_save (store, b_sha);
  analyse_and_save (store, c_sha);
  a = cc_photo_analysis_lookup (store, a_sha);

  matches = cc_photo_analysis_find_similar_photos (store, a->phash, CC_PHASH_DUPLICATE, a_sha);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->product_id, ==, b_id);
  g_assert_cmpstr (match->sha256, ==, b_sha);
  g_assert_cmpint (match->distance, <=, CC_PHASH_DUPLICATE);

  similar = cc_photo_analysis_similar_products (store, a_id, 10);
  g_assert_cmpuint (similar->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (similar, 0), ==, b_id);
  g_assert_false (g_ptr_array_find_with_equal_func (similar, c_id, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (similar, a_id, g_str_equal, NULL));
  g_clear_pointer (&similar, g_ptr_array_unref);
  similar = cc_photo_analysis_similar_products (store, a_id, 0);
  g_assert_cmpuint (similar->len, ==, 0);

  /* A deleted piece is no longer similar to anything. */
  cc_catalogue_delete_product (store, b_id, NULL);
  g_clear_pointer (&similar, g_ptr_array_unref);
  similar = cc_photo_analysis_similar_products (store, a_id, 10);
  g_assert_false (g_ptr_array_find_with_equal_func (similar, b_id, g_str_equal, NULL));
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = cc_photo_analysis_find_similar_photos (store, a->phash, CC_PHASH_SIMILAR, a_sha);
  g_assert_cmpuint (matches->len, ==, 0);
}

/* Two pieces shot alike (one layout, one backdrop) in other colours: the
 * coarse pHash matches, the palette does not, so no duplicate warning. */
static void
test_same_layout_other_colours (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autoptr(GdkPixbuf) original = draw_piece (1600, 1200, 31);
  g_autoptr(GdkPixbuf) recoloured = gdk_pixbuf_copy (original);
  int stride = gdk_pixbuf_get_rowstride (recoloured);
  int channels = gdk_pixbuf_get_n_channels (recoloured);
  guchar *pixels = gdk_pixbuf_get_pixels (recoloured);
  g_autofree char *a_path = NULL;
  g_autofree char *b_path = NULL;
  g_autofree char *a_id = add_product (store, "Indigo cushion");
  g_autofree char *b_id = add_product (store, "Madder cushion");
  g_autofree char *a_sha = NULL;
  g_autofree char *b_sha = NULL;
  g_autoptr(CcPhotoAnalysis) a = NULL;
  g_autoptr(CcPhotoAnalysis) b = NULL;
  g_autoptr(GPtrArray) matches = NULL;

  /* Red and blue swapped: the same shapes and brightness layout. */
  for (int y = 0; y < gdk_pixbuf_get_height (recoloured); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (recoloured); x++)
      {
        guchar *p = pixels + y * stride + x * channels;
        guchar r = p[0];

        p[0] = p[2];
        p[2] = r;
      }
  a_path = save (original, dir, "a.jpg", "90");
  b_path = save (recoloured, dir, "b.jpg", "90");
  a_sha = add_photo (store, a_id, a_path);
  b_sha = add_photo (store, b_id, b_path);
  analyse_and_save (store, a_sha);
  analyse_and_save (store, b_sha);
  a = cc_photo_analysis_lookup (store, a_sha);
  b = cc_photo_analysis_lookup (store, b_sha);

  g_assert_cmpint (cc_phash_distance (a->phash, b->phash), <=, CC_PHASH_SIMILAR);
  matches = cc_photo_analysis_find_similar_photos (store, a->phash, CC_PHASH_SIMILAR, a_sha);
  g_assert_cmpuint (matches->len, ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  guint      calls;
  guint      last_done;
  guint      last_total;
  gboolean   finished;
  gboolean   ok;
  guint      analysed;
  GError    *error;
} RunState;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  RunState *state = user_data;

  g_assert_false (state->finished);
  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->calls++;
  state->last_done = done;
  state->last_total = total;
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->finished = TRUE;
  state->ok = cc_photo_analysis_run_finish (CC_STORE (source), result, &state->analysed, &state->error);
  g_main_loop_quit (state->loop);
}

static void
run_and_wait (CcStore      *store,
              RunState     *state,
              GCancellable *cancellable)
{
  memset (state, 0, sizeof *state);
  state->loop = g_main_loop_new (NULL, FALSE);
  cc_photo_analysis_run_async (store, on_progress, state, cancellable, on_run_done, state);
  g_main_loop_run (state->loop);
  g_main_loop_unref (state->loop);
}

static void
test_run_async (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *dir = cc_test_make_tmpdir ();
  g_autofree char *product_id = add_product (store, "Tray");
  g_autofree char *other_id = add_product (store, "Cup");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GStrv) missing = NULL;
  char *shas[3] = { NULL };
  RunState state;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GdkPixbuf) piece = draw_piece (640, 480, 100 + i);
      g_autofree char *name = g_strdup_printf ("p%d.jpg", i);
      g_autofree char *path = save (piece, dir, name, "90");

      shas[i] = add_photo (store, i == 2 ? other_id : product_id, path);
    }

  /* Cancelled before it starts: nothing is analysed. */
  g_cancellable_cancel (cancellable);
  run_and_wait (store, &state, cancellable);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpint (cc_test_count_rows (store, "photo_analysis", NULL), ==, 0);

  run_and_wait (store, &state, NULL);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.analysed, ==, 3);
  g_assert_cmpuint (state.last_done, ==, 3);
  g_assert_cmpuint (state.last_total, ==, 3);
  g_assert_cmpuint (state.calls, ==, 4);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CcPhotoAnalysis) analysis = cc_photo_analysis_lookup (store, shas[i]);

      g_assert_nonnull (analysis);
    }
  missing = cc_photo_analysis_dup_missing (store);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);

  /* Done once: a second run finds nothing to do. */
  run_and_wait (store, &state, NULL);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.analysed, ==, 0);
  g_assert_cmpuint (state.last_total, ==, 0);

  for (int i = 0; i < 3; i++)
    g_free (shas[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/photo-analysis/blur-lowers-sharpness", test_blur_lowers_sharpness);
  g_test_add_func ("/core/photo-analysis/dark-image-exposure-suggestion", test_dark_image_exposure);
  g_test_add_func ("/core/photo-analysis/known-colours-and-shares", test_known_colours);
  g_test_add_func ("/core/photo-analysis/palette-count-follows-image", test_palette_count_follows_image);
  g_test_add_func ("/core/photo-analysis/near-duplicates-by-hash", test_near_duplicates);
  g_test_add_func ("/core/photo-analysis/resolution-and-framing", test_resolution_and_framing);
  g_test_add_func ("/core/photo-analysis/exif-orientation", test_exif_orientation);
  g_test_add_func ("/core/photo-analysis/bad-files-refused", test_bad_files_refused);
  g_test_add_func ("/core/photo-analysis/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/photo-analysis/lookup-versions", test_lookup_versions);
  g_test_add_func ("/core/photo-analysis/products-needing-photos", test_products_needing_photos);
  g_test_add_func ("/core/photo-analysis/similar-photos-and-pieces", test_similar);
  g_test_add_func ("/core/photo-analysis/same-layout-other-colours", test_same_layout_other_colours);
  g_test_add_func ("/core/photo-analysis/run-async", test_run_async);

  return g_test_run ();
}
