/* cc-photo-export.c — marketplace-sized copies of a piece's photos, and its moodboard.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both jobs copy what they need out of the store on the main thread (paths,
 * names, palette) so the decoding, scaling and drawing can run on a worker.
 * Files are written under temporary names in the destination folder and
 * renamed only when everything succeeded: an error leaves nothing behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-photo-analysis.h"
#include "cc-photo-export.h"
#include "cc-photos.h"

#define MIN_PRESET_SIDE 100
#define MAX_PRESET_SIDE 10000
/* Non-JPEG formats decode at full size: bound their memory. */
#define MAX_DECODED_PIXELS ((gint64) CC_PHOTO_MAX_PIXELS)

static const struct
{
  const char *name;
  int         width;
  int         height;
} builtin_presets[] = {
  { "square-2000", 2000, 2000 },
  { "etsy",        2700, 2025 },
  { "instagram",   1080, 1350 },
  { "thumbnail",   1000, 1000 },
};

void
cc_export_preset_free (CcExportPreset *preset)
{
  if (preset == NULL)
    return;
  g_free (preset->name);
  g_free (preset);
}

void
cc_exported_file_free (CcExportedFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->note);
  g_free (file);
}

static CcExportPreset *
preset_new (const char *name,
            int         width,
            int         height,
            gboolean    builtin)
{
  CcExportPreset *preset = g_new0 (CcExportPreset, 1);

  preset->name = g_strdup (name);
  preset->width = width;
  preset->height = height;
  preset->builtin = builtin;
  return preset;
}

static gboolean
is_builtin_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_presets); i++)
    if (g_ascii_strcasecmp (builtin_presets[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
valid_preset_name (const char *name)
{
  if (*name == '\0' || strlen (name) > 40)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
parse_side (const char *text,
            int        *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, MIN_PRESET_SIDE, MAX_PRESET_SIDE, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

GPtrArray *
cc_photo_export_parse_presets (const char  *text,
                               GError     **error)
{
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_export_preset_free);
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    return g_steal_pointer (&presets);

  entries = g_strsplit (text, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *entry = g_strstrip (g_strdup (entries[i]));
      g_auto(GStrv) name_size = NULL;
      g_auto(GStrv) sides = NULL;
      const char *name;
      int width, height;

      if (*entry == '\0')
        {
          /* Only a wholly empty text (or a trailing comma) is allowed. */
          if (entries[i + 1] == NULL)
            continue;
          cc_invalid_input (error, _("Export presets: an empty entry; write them as “name:WIDTHxHEIGHT”, separated by commas"));
          return NULL;
        }

      name_size = g_strsplit (entry, ":", 2);
      if (g_strv_length (name_size) != 2)
        {
          cc_invalid_input (error, _("Export preset “%s” has no size; write it as “name:WIDTHxHEIGHT”"), entry);
          return NULL;
        }
      g_strstrip (name_size[0]);
      g_strstrip (name_size[1]);
      name = name_size[0];
      if (!valid_preset_name (name))
        {
          cc_invalid_input (error, _("Export preset name “%s” may use only letters, digits, “-” and “_”"), name);
          return NULL;
        }
      if (is_builtin_name (name))
        {
          cc_invalid_input (error, _("Export preset “%s” is built in; choose another name"), name);
          return NULL;
        }
      for (guint j = 0; j < presets->len; j++)
        {
          CcExportPreset *other = g_ptr_array_index (presets, j);

          if (g_ascii_strcasecmp (other->name, name) == 0)
            {
              cc_invalid_input (error, _("Export preset “%s” is listed twice"), name);
              return NULL;
            }
        }

      sides = g_strsplit_set (name_size[1], "xX×", -1);
      /* "×" is two bytes, so it splits into an empty middle field. */
      {
        g_autoptr(GPtrArray) parts = g_ptr_array_new ();

        for (guint j = 0; sides[j] != NULL; j++)
          if (*g_strstrip (sides[j]) != '\0')
            g_ptr_array_add (parts, sides[j]);
        if (parts->len != 2
            || !parse_side (g_ptr_array_index (parts, 0), &width)
            || !parse_side (g_ptr_array_index (parts, 1), &height))
          {
            cc_invalid_input (error, _("Export preset “%s”: the size must be WIDTHxHEIGHT, each side %d to %d pixels"),
                              name, MIN_PRESET_SIDE, MAX_PRESET_SIDE);
            return NULL;
          }
      }

      g_ptr_array_add (presets, preset_new (name, width, height, FALSE));
    }

  return g_steal_pointer (&presets);
}

GPtrArray *
cc_photo_export_list_presets (CcStore *store)
{
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_export_preset_free);
  g_autoptr(GPtrArray) shop = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_presets); i++)
    g_ptr_array_add (presets, preset_new (builtin_presets[i].name,
                                          builtin_presets[i].width,
                                          builtin_presets[i].height,
                                          TRUE));

  text = cc_store_dup_setting (store, "export-presets", "");
  shop = cc_photo_export_parse_presets (text, NULL);
  if (shop != NULL)
    for (guint i = 0; i < shop->len; i++)
      {
        CcExportPreset *preset = g_ptr_array_index (shop, i);

        g_ptr_array_add (presets, preset_new (preset->name, preset->width, preset->height, FALSE));
      }

  return g_steal_pointer (&presets);
}

CcExportPreset *
cc_photo_export_find_preset (CcStore     *store,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  presets = cc_photo_export_list_presets (store);
  for (guint i = 0; i < presets->len; i++)
    {
      CcExportPreset *preset = g_ptr_array_index (presets, i);

      if (name != NULL && g_ascii_strcasecmp (preset->name, name) == 0)
        return g_ptr_array_steal_index (presets, i);
      if (known->len > 0)
        g_string_append (known, ", ");
      g_string_append (known, preset->name);
    }

  g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
               _("No export preset is called “%s”; the presets are: %s"),
               name != NULL ? name : "", known->str);
  return NULL;
}

gboolean
cc_photo_export_set_presets (CcStore     *store,
                             const char  *text,
                             GError     **error)
{
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GString) normal = g_string_new (NULL);

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  presets = cc_photo_export_parse_presets (text, error);
  if (presets == NULL)
    return FALSE;

  for (guint i = 0; i < presets->len; i++)
    {
      CcExportPreset *preset = g_ptr_array_index (presets, i);

      g_string_append_printf (normal, "%s%s:%dx%d", i > 0 ? "," : "",
                              preset->name, preset->width, preset->height);
    }

  return cc_store_set_setting (store, "export-presets", normal->str, error);
}

int
cc_photo_export_get_quality (CcStore *store)
{
  g_autofree char *text = NULL;
  guint64 value;

  g_return_val_if_fail (CC_IS_STORE (store), CC_PHOTO_EXPORT_DEFAULT_QUALITY);

  text = cc_store_dup_setting (store, "export-quality", NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 100, &value, NULL))
    return CC_PHOTO_EXPORT_DEFAULT_QUALITY;
  return (int) value;
}

static gboolean
check_quality (int       quality,
               gboolean  allow_zero,
               GError  **error)
{
  if ((allow_zero && quality == 0) || (quality >= 1 && quality <= 100))
    return TRUE;
  return cc_invalid_input (error, _("The JPEG quality must be between 1 and 100, not %d"), quality);
}

gboolean
cc_photo_export_set_quality (CcStore  *store,
                             int       quality,
                             GError  **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_quality (quality, FALSE, error))
    return FALSE;
  text = g_strdup_printf ("%d", quality);
  return cc_store_set_setting (store, "export-quality", text, error);
}

/* Shared by both jobs: a product's photo files, cover first. */
static GPtrArray *
dup_photo_paths (CcStore          *store,
                 const CcProduct  *product,
                 GPtrArray       **out_sha256s,
                 GError          **error)
{
  g_autoptr(GPtrArray) photos = cc_photos_list (store, product->id);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sha256s = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);

      g_ptr_array_add (paths, cc_photos_dup_blob_path (cc_store_get_data_dir (store), photo->sha256));
      g_ptr_array_add (sha256s, g_strdup (photo->sha256));
    }

  if (paths->len == 0)
    {
      cc_invalid_input (error, _("“%s” has no photos yet"),
                        cc_product_get_title (product, NULL));
      return NULL;
    }

  if (out_sha256s != NULL)
    *out_sha256s = g_steal_pointer (&sha256s);
  return g_steal_pointer (&paths);
}

/* A name that is safe as a file name on every system a maker may copy to. */
static char *
file_stem (const CcProduct *product)
{
  const char *source = (product->sku != NULL && *product->sku != '\0') ? product->sku : product->slug;
  g_autoptr(GString) stem = g_string_new (NULL);

  for (const char *p = source != NULL ? source : ""; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.')
        g_string_append_c (stem, *p);
      else if (stem->len > 0 && stem->str[stem->len - 1] != '-')
        g_string_append_c (stem, '-');
    }
  while (stem->len > 0 && (stem->str[0] == '.' || stem->str[0] == '-'))
    g_string_erase (stem, 0, 1);
  if (stem->len == 0)
    g_string_append (stem, product->id);
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

static CcProduct *
get_product (CcStore     *store,
             const char  *product,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CcProduct *found;

  found = cc_catalogue_get_product (store, product, &local_error);
  if (found == NULL)
    {
      if (g_error_matches (local_error, CC_ERROR, CC_ERROR_NOT_FOUND) || local_error == NULL)
        g_set_error (error, CC_ERROR, CC_ERROR_NOT_FOUND,
                     _("No piece has the id or SKU “%s”"), product);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return found;
}

/* Decoding: enough pixels for the wanted scale, upright. */

/* min_side 0: at full size; else scaled down so that the shorter side
 * keeps at least min_side pixels (JPEG then decodes small, cheaply). */
static GdkPixbuf *
load_upright (const char    *path,
              int            min_side,
              GError       **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbufFormat *format;
  g_autofree char *format_name = NULL;
  int width = 0, height = 0;

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL || width <= 0 || height <= 0)
    {
      cc_invalid_input (error, _("The photo file “%s” is missing or is not an image"), path);
      return NULL;
    }
  format_name = gdk_pixbuf_format_get_name (format);
  if (g_strcmp0 (format_name, "jpeg") != 0 && (gint64) width * height > MAX_DECODED_PIXELS)
    {
      cc_invalid_input (error, _("The photo is too large to read safely (%d×%d pixels)"), width, height);
      return NULL;
    }

  if (min_side > 0 && MIN (width, height) > min_side)
    {
      double scale = (double) min_side / MIN (width, height);

      decoded = gdk_pixbuf_new_from_file_at_scale (path,
                                                   MAX (1, (int) ceil (width * scale)),
                                                   MAX (1, (int) ceil (height * scale)),
                                                   TRUE, &local_error);
    }
  else
    decoded = gdk_pixbuf_new_from_file (path, &local_error);
  if (decoded == NULL)
    {
      cc_invalid_input (error, _("The photo could not be read: %s"), local_error->message);
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (decoded);
}

/* JPEG has no alpha: put transparent photos on white, not black. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  GdkPixbuf *flat;
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, width, height, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return flat;
}

/* Where the piece sits, as fractions of the width and height: the centre of
 * the pixels that differ clearly from the colour around the border. Falls
 * back to the middle when nothing (or everything) stands out. */
static void
find_subject_centre (GdkPixbuf *pixbuf,
                     double    *out_x,
                     double    *out_y)
{
  g_autoptr(GdkPixbuf) small = NULL;
  const guint8 *pixels;
  int width, height, stride, channels;
  double border[3] = { 0, 0, 0 };
  guint n_border = 0;
  double sum_x = 0, sum_y = 0;
  guint n_subject = 0;
  int sw, sh;

  *out_x = 0.5;
  *out_y = 0.5;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  sw = MAX (1, width >= height ? 64 : 64 * width / height);
  sh = MAX (1, width >= height ? 64 * height / width : 64);
  small = gdk_pixbuf_scale_simple (pixbuf, sw, sh, GDK_INTERP_BILINEAR);
  if (small == NULL || sw < 4 || sh < 4)
    return;

  pixels = gdk_pixbuf_read_pixels (small);
  stride = gdk_pixbuf_get_rowstride (small);
  channels = gdk_pixbuf_get_n_channels (small);

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      if (x == 0 || y == 0 || x == sw - 1 || y == sh - 1)
        {
          const guint8 *p = pixels + y * stride + x * channels;

          border[0] += p[0];
          border[1] += p[1];
          border[2] += p[2];
          n_border++;
        }
  for (int c = 0; c < 3; c++)
    border[c] /= n_border;

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        double d = fabs (p[0] - border[0]) + fabs (p[1] - border[1]) + fabs (p[2] - border[2]);

        if (d > 60)
          {
            sum_x += x + 0.5;
            sum_y += y + 0.5;
            n_subject++;
          }
      }

  if (n_subject < (guint) (sw * sh) / 50 || n_subject > (guint) (sw * sh) * 9 / 10)
    return;

  *out_x = sum_x / n_subject / sw;
  *out_y = sum_y / n_subject / sh;
}

/* The largest window of the given aspect inside the picture, centred on
 * (cx, cy) as far as the edges allow. */
static void
crop_window (int     width,
             int     height,
             double  aspect,
             double  cx,
             double  cy,
             double *out_x,
             double *out_y,
             double *out_w,
             double *out_h)
{
  double w = MIN ((double) width, height * aspect);
  double h = w / aspect;

  *out_w = w;
  *out_h = h;
  *out_x = CLAMP (cx * width - w / 2, 0, width - w);
  *out_y = CLAMP (cy * height - h / 2, 0, height - h);
}

/* Cuts the window out of pixbuf and scales it to exactly out_w×out_h. */
static GdkPixbuf *
crop_and_scale (GdkPixbuf *pixbuf,
                double     x,
                double     y,
                double     w,
                double     h,
                int        out_w,
                int        out_h)
{
  GdkPixbuf *dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (pixbuf), 8, out_w, out_h);
  double sx = out_w / w;
  double sy = out_h / h;

  gdk_pixbuf_scale (pixbuf, dest, 0, 0, out_w, out_h, -x * sx, -y * sy, sx, sy,
                    (sx < 0.999 || sy < 0.999) ? GDK_INTERP_HYPER : GDK_INTERP_BILINEAR);
  return dest;
}

/* A temporary file beside its final name, so the rename is atomic. */
static char *
make_temp_path (const char  *dir,
                const char  *final_name,
                GError     **error)
{
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", final_name);
  char *path = g_build_filename (dir, template, NULL);
  int fd;

  fd = g_mkstemp_full (path, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot write in the folder “%s”: %s"), dir, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

static gboolean
ensure_folder (const char  *dir,
               GError     **error)
{
  if (dir == NULL || *dir == '\0')
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("No folder was chosen to save into"));
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0 || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      int saved = errno;

      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot write in the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
unlink_all (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
}

/* Marketplace export. */

struct _CcPhotoExportJob
{
  char      *stem;
  char      *title;
  GPtrArray *paths;      /* char*, cover first */
  char      *preset;
  int        width;
  int        height;
  int        quality;
};

void
cc_photo_export_job_free (CcPhotoExportJob *job)
{
  if (job == NULL)
    return;
  g_free (job->stem);
  g_free (job->title);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_free (job->preset);
  g_free (job);
}

CcPhotoExportJob *
cc_photo_export_job_new (CcStore     *store,
                         const char  *product,
                         const char  *preset,
                         int          quality,
                         GError     **error)
{
  g_autoptr(CcPhotoExportJob) job = NULL;
  g_autoptr(CcProduct) found = NULL;
  g_autoptr(CcExportPreset) found_preset = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_quality (quality, TRUE, error))
    return NULL;
  found_preset = cc_photo_export_find_preset (store, preset, error);
  if (found_preset == NULL)
    return NULL;
  found = get_product (store, product, error);
  if (found == NULL)
    return NULL;

  job = g_new0 (CcPhotoExportJob, 1);
  job->paths = dup_photo_paths (store, found, NULL, error);
  if (job->paths == NULL)
    return NULL;
  job->stem = file_stem (found);
  job->title = g_strdup (cc_product_get_title (found, NULL));
  job->preset = g_strdup (found_preset->name);
  job->width = found_preset->width;
  job->height = found_preset->height;
  job->quality = quality != 0 ? quality : cc_photo_export_get_quality (store);
  return g_steal_pointer (&job);
}

static CcExportedFile *
export_one (const CcPhotoExportJob  *job,
            guint                    index,
            const char              *path,
            const char              *tmp_path,
            GError                 **error)
{
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GdkPixbuf) out = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree char *quality_text = NULL;
  CcExportedFile *file;
  double aspect = (double) job->width / job->height;
  double cx, cy, x, y, w, h;
  int width, height, out_w, out_h;

  upright = load_upright (path, 0, error);
  if (upright == NULL)
    return NULL;
  flat = flatten (upright);
  width = gdk_pixbuf_get_width (flat);
  height = gdk_pixbuf_get_height (flat);

  find_subject_centre (flat, &cx, &cy);
  crop_window (width, height, aspect, cx, cy, &x, &y, &w, &h);

  file = g_new0 (CcExportedFile, 1);
  if (w + 0.5 >= job->width)
    {
      out_w = job->width;
      out_h = job->height;
    }
  else
    {
      /* Never enlarge: keep the crop at the photo's own pixels. */
      out_w = MAX (1, (int) floor (w));
      out_h = MAX (1, (int) lround (out_w / aspect));
      file->not_upscaled = TRUE;
      file->note = g_strdup_printf (_("Photo %u is only %d×%d pixels: saved at %d×%d instead of %d×%d, because enlarging it would blur it"),
                                    index + 1, width, height, out_w, out_h, job->width, job->height);
    }

  out = crop_and_scale (flat, x, y, w, h, out_w, out_h);
  quality_text = g_strdup_printf ("%d", job->quality);
  if (!gdk_pixbuf_save (out, tmp_path, "jpeg", &save_error, "quality", quality_text, NULL))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Cannot save the exported photo: %s"), save_error->message);
      cc_exported_file_free (file);
      return NULL;
    }
  file->width = out_w;
  file->height = out_h;
  return file;
}

GPtrArray *
cc_photo_export_job_run (CcPhotoExportJob  *job,
                         const char        *out_dir,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_exported_file_free);
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (job != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_folder (out_dir, error))
    return NULL;

  for (guint i = 0; i < job->paths->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u-%s.jpg", job->stem, i + 1, job->preset);
      g_autofree char *tmp_path = NULL;
      CcExportedFile *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      tmp_path = make_temp_path (out_dir, name, error);
      if (tmp_path == NULL)
        goto fail;
      g_ptr_array_add (temps, g_strdup (tmp_path));

      file = export_one (job, i, g_ptr_array_index (job->paths, i), tmp_path, error);
      if (file == NULL)
        goto fail;
      file->path = g_build_filename (out_dir, name, NULL);
      g_ptr_array_add (finals, g_strdup (file->path));
      g_ptr_array_add (files, file);
    }

  for (guint i = 0; i < temps->len; i++)
    if (g_rename (g_ptr_array_index (temps, i), g_ptr_array_index (finals, i)) != 0)
      {
        int saved = errno;

        /* Undo what was renamed already: all or nothing. */
        for (guint j = 0; j < i; j++)
          g_unlink (g_ptr_array_index (finals, j));
        unlink_all (temps);
        g_set_error (error, CC_ERROR, CC_ERROR_IO,
                     _("Cannot write in the folder “%s”: %s"), out_dir, g_strerror (saved));
        return NULL;
      }

  return g_steal_pointer (&files);

fail:
  unlink_all (temps);
  return NULL;
}

GPtrArray *
cc_photo_export_product (CcStore       *store,
                         const char    *product,
                         const char    *preset,
                         int            quality,
                         const char    *out_dir,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(CcPhotoExportJob) job = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = cc_photo_export_job_new (store, product, preset, quality, error);
  if (job == NULL)
    return NULL;
  return cc_photo_export_job_run (job, out_dir, cancellable, error);
}

/* Moodboard. */

#define MB_MARGIN      48
#define MB_GAP         24
#define MB_TITLE_Y     40
#define MB_TITLE_H     96
#define MB_PHOTOS_Y    (MB_TITLE_Y + MB_TITLE_H + 16)
#define MB_PHOTOS_H    800
#define MB_COVER_W     660
#define MB_SWATCH_Y    (MB_PHOTOS_Y + MB_PHOTOS_H + 40)
#define MB_SWATCH_H    110
#define MB_SWATCH_GAP  16
#define MB_MAX_SWATCHES 8
#define MB_MAX_PHOTOS  4

typedef struct
{
  guint8  r, g, b;
  double  share;
  char   *name;
} Swatch;

static void
swatch_free (Swatch *swatch)
{
  g_free (swatch->name);
  g_free (swatch);
}

struct _CcMoodboardJob
{
  char      *title;
  char      *shop_name;
  GPtrArray *paths;        /* char*, at most MB_MAX_PHOTOS, cover first */
  GPtrArray *swatches;     /* Swatch*, NULL: analyse the cover on the worker */
  GPtrArray *tags;         /* char* */
};

void
cc_moodboard_job_free (CcMoodboardJob *job)
{
  if (job == NULL)
    return;
  g_free (job->title);
  g_free (job->shop_name);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_pointer (&job->swatches, g_ptr_array_unref);
  g_clear_pointer (&job->tags, g_ptr_array_unref);
  g_free (job);
}

static void
take_analysis (CcMoodboardJob        *job,
               const CcPhotoAnalysis *analysis)
{
  job->swatches = g_ptr_array_new_with_free_func ((GDestroyNotify) swatch_free);
  job->tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; analysis->palette != NULL && i < analysis->palette->len && i < MB_MAX_SWATCHES; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);
      Swatch *swatch = g_new0 (Swatch, 1);

      swatch->r = colour->r;
      swatch->g = colour->g;
      swatch->b = colour->b;
      swatch->share = colour->share;
      swatch->name = g_strdup (colour->name);
      g_ptr_array_add (job->swatches, swatch);
    }
  for (guint i = 0; analysis->style_tags != NULL && i < analysis->style_tags->len; i++)
    g_ptr_array_add (job->tags, g_strdup (g_ptr_array_index (analysis->style_tags, i)));
}

CcMoodboardJob *
cc_moodboard_job_new (CcStore     *store,
                      const char  *product,
                      GError     **error)
{
  g_autoptr(CcMoodboardJob) job = NULL;
  g_autoptr(CcProduct) found = NULL;
  g_autoptr(GPtrArray) sha256s = NULL;
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = get_product (store, product, error);
  if (found == NULL)
    return NULL;

  job = g_new0 (CcMoodboardJob, 1);
  job->paths = dup_photo_paths (store, found, &sha256s, error);
  if (job->paths == NULL)
    return NULL;
  if (job->paths->len > MB_MAX_PHOTOS)
    g_ptr_array_remove_range (job->paths, MB_MAX_PHOTOS, job->paths->len - MB_MAX_PHOTOS);

  languages = cc_store_dup_languages (store);
  job->title = g_strdup (cc_product_get_title (found, languages[0]));
  job->shop_name = cc_store_dup_setting (store, "shop-name", "");

  analysis = cc_photo_analysis_lookup (store, g_ptr_array_index (sha256s, 0));
  if (analysis != NULL)
    take_analysis (job, analysis);

  return g_steal_pointer (&job);
}

gboolean
cc_moodboard_get_swatch_centre (guint  i,
                                guint  n,
                                int   *out_x,
                                int   *out_y)
{
  int box_w;

  if (n == 0 || n > MB_MAX_SWATCHES || i >= n)
    return FALSE;

  box_w = (CC_MOODBOARD_WIDTH - 2 * MB_MARGIN - (int) (n - 1) * MB_SWATCH_GAP) / (int) n;
  if (out_x != NULL)
    *out_x = MB_MARGIN + (int) i * (box_w + MB_SWATCH_GAP) + box_w / 2;
  if (out_y != NULL)
    *out_y = MB_SWATCH_Y + MB_SWATCH_H / 2;
  return TRUE;
}

/* Fills the cell with the photo, cropped around the piece. */
static void
draw_photo (cairo_t   *cr,
            GdkPixbuf *pixbuf,
            double     cell_x,
            double     cell_y,
            double     cell_w,
            double     cell_h)
{
  g_autoptr(GdkPixbuf) flat = flatten (pixbuf);
  g_autoptr(GdkPixbuf) cut = NULL;
  g_autoptr(GdkPixbuf) with_alpha = NULL;
  cairo_surface_t *surface;
  double cx, cy, x, y, w, h;
  int width = gdk_pixbuf_get_width (flat);
  int height = gdk_pixbuf_get_height (flat);
  int out_w = (int) cell_w, out_h = (int) cell_h;
  const guint8 *src;
  guint8 *dest;
  int src_stride, dest_stride;

  find_subject_centre (flat, &cx, &cy);
  crop_window (width, height, cell_w / cell_h, cx, cy, &x, &y, &w, &h);
  cut = crop_and_scale (flat, x, y, w, h, out_w, out_h);

  /* Copy RGB into cairo's native-endian xRGB. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, out_w, out_h);
  cairo_surface_flush (surface);
  src = gdk_pixbuf_read_pixels (cut);
  src_stride = gdk_pixbuf_get_rowstride (cut);
  dest = cairo_image_surface_get_data (surface);
  dest_stride = cairo_image_surface_get_stride (surface);
  for (int row = 0; row < out_h; row++)
    {
      const guint8 *s = src + row * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dest + row * dest_stride);

      for (int col = 0; col < out_w; col++, s += 3)
        d[col] = ((guint32) s[0] << 16) | ((guint32) s[1] << 8) | s[2];
    }
  cairo_surface_mark_dirty (surface);

  cairo_save (cr);
  cairo_set_source_surface (cr, surface, cell_x, cell_y);
  cairo_rectangle (cr, cell_x, cell_y, out_w, out_h);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             const char *font,
             int         width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           int         width,
           int         max_lines,
           PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, font, width);

  pango_layout_set_alignment (layout, alignment);
  if (max_lines > 1)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -max_lines);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_moodboard (cairo_t        *cr,
                CcMoodboardJob *job,
                GPtrArray      *pixbufs)
{
  const int inner_w = CC_MOODBOARD_WIDTH - 2 * MB_MARGIN;
  guint n_swatches = job->swatches->len;
  double tag_x, tag_y;

  /* Warm paper background. */
  cairo_set_source_rgb (cr, 0.98, 0.969, 0.949);
  cairo_paint (cr);

  cairo_set_source_rgb (cr, 0.17, 0.15, 0.13);
  draw_text (cr, job->title, "Noto Sans Bold 40px", MB_MARGIN, MB_TITLE_Y, inner_w, 2, PANGO_ALIGN_LEFT);

  /* The cover large; the others in a column beside it. */
  if (pixbufs->len == 1)
    draw_photo (cr, g_ptr_array_index (pixbufs, 0), MB_MARGIN, MB_PHOTOS_Y, inner_w, MB_PHOTOS_H);
  else
    {
      guint n_side = pixbufs->len - 1;
      int side_x = MB_MARGIN + MB_COVER_W + MB_GAP;
      int side_w = CC_MOODBOARD_WIDTH - MB_MARGIN - side_x;
      int side_h = (MB_PHOTOS_H - (int) (n_side - 1) * MB_GAP) / (int) n_side;

      draw_photo (cr, g_ptr_array_index (pixbufs, 0), MB_MARGIN, MB_PHOTOS_Y, MB_COVER_W, MB_PHOTOS_H);
      for (guint i = 0; i < n_side; i++)
        draw_photo (cr, g_ptr_array_index (pixbufs, i + 1),
                    side_x, MB_PHOTOS_Y + (int) i * (side_h + MB_GAP), side_w, side_h);
    }

  /* The palette: a box per colour, its name and share beneath. */
  for (guint i = 0; i < n_swatches; i++)
    {
      Swatch *swatch = g_ptr_array_index (job->swatches, i);
      g_autofree char *share = g_strdup_printf (_("%d%%"), (int) lround (swatch->share * 100));
      int cx, cy;
      int box_w = (inner_w - (int) (n_swatches - 1) * MB_SWATCH_GAP) / (int) n_swatches;
      double x;

      cc_moodboard_get_swatch_centre (i, n_swatches, &cx, &cy);
      x = cx - box_w / 2;

      cairo_set_source_rgb (cr, swatch->r / 255.0, swatch->g / 255.0, swatch->b / 255.0);
      rounded_rect (cr, x, MB_SWATCH_Y, box_w, MB_SWATCH_H, 12);
      cairo_fill (cr);

      cairo_set_source_rgb (cr, 0.17, 0.15, 0.13);
      draw_text (cr, swatch->name != NULL ? swatch->name : "", "Noto Sans 20px",
                 x, MB_SWATCH_Y + MB_SWATCH_H + 8, box_w, 1, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0.42, 0.40, 0.37);
      draw_text (cr, share, "Noto Sans 18px",
                 x, MB_SWATCH_Y + MB_SWATCH_H + 38, box_w, 1, PANGO_ALIGN_CENTER);
    }

  /* Style tags as chips, wrapping onto a second row if they must. */
  tag_x = MB_MARGIN;
  tag_y = MB_SWATCH_Y + MB_SWATCH_H + 84;
  for (guint i = 0; i < job->tags->len; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (cr, g_ptr_array_index (job->tags, i), "Noto Sans 24px", -1);
      int text_w, text_h;
      double chip_w, chip_h;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      chip_w = text_w + 40;
      chip_h = text_h + 16;
      if (tag_x + chip_w > CC_MOODBOARD_WIDTH - MB_MARGIN && tag_x > MB_MARGIN)
        {
          tag_x = MB_MARGIN;
          tag_y += chip_h + 12;
        }
      if (tag_y + chip_h > CC_MOODBOARD_HEIGHT - 64)
        break;

      cairo_set_source_rgb (cr, 0.89, 0.86, 0.82);
      rounded_rect (cr, tag_x, tag_y, chip_w, chip_h, chip_h / 2);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.25, 0.22, 0.19);
      cairo_move_to (cr, tag_x + 20, tag_y + 8);
      pango_cairo_show_layout (cr, layout);
      tag_x += chip_w + 12;
    }

  if (job->shop_name != NULL && *job->shop_name != '\0')
    {
      cairo_set_source_rgb (cr, 0.42, 0.40, 0.37);
      draw_text (cr, job->shop_name, "Noto Sans 20px",
                 MB_MARGIN, CC_MOODBOARD_HEIGHT - 48, inner_w, 1, PANGO_ALIGN_RIGHT);
    }
}

static cairo_status_t
write_to_file_cb (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
cc_moodboard_job_run (CcMoodboardJob  *job,
                      const char      *out_file,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GPtrArray) pixbufs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  FILE *fp;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (out_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (job->swatches == NULL)
    {
      g_autoptr(CcPhotoAnalysis) analysis = NULL;

      analysis = cc_photo_analyse_file (g_ptr_array_index (job->paths, 0), cancellable, error);
      if (analysis == NULL)
        return FALSE;
      take_analysis (job, analysis);
    }

  for (guint i = 0; i < job->paths->len; i++)
    {
      GdkPixbuf *pixbuf;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* No cell is over MB_PHOTOS_H pixels: decode JPEGs no larger. */
      pixbuf = load_upright (g_ptr_array_index (job->paths, i), MB_PHOTOS_H, error);
      if (pixbuf == NULL)
        return FALSE;
      g_ptr_array_add (pixbufs, pixbuf);
    }

  dir = g_path_get_dirname (out_file);
  base = g_path_get_basename (out_file);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot write in the folder “%s”: %s"), dir, g_strerror (ENOENT));
      return FALSE;
    }
  tmp_path = make_temp_path (dir, base, error);
  if (tmp_path == NULL)
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, CC_MOODBOARD_WIDTH, CC_MOODBOARD_HEIGHT);
  cr = cairo_create (surface);
  draw_moodboard (cr, job, pixbufs);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  fp = g_fopen (tmp_path, "wb");
  if (fp == NULL)
    status = CAIRO_STATUS_WRITE_ERROR;
  else
    {
      status = cairo_surface_write_to_png_stream (surface, write_to_file_cb, fp);
      if (fclose (fp) != 0 && status == CAIRO_STATUS_SUCCESS)
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp_path, out_file) != 0)
    {
      g_unlink (tmp_path);
      g_set_error (error, CC_ERROR, CC_ERROR_IO,
                   _("Cannot save the moodboard as “%s”"), out_file);
      return FALSE;
    }

  return TRUE;
}

gboolean
cc_photo_export_moodboard (CcStore       *store,
                           const char    *product,
                           const char    *out_file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(CcMoodboardJob) job = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = cc_moodboard_job_new (store, product, error);
  if (job == NULL)
    return FALSE;
  return cc_moodboard_job_run (job, out_file, cancellable, error);
}
