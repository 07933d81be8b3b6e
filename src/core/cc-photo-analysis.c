/* cc-photo-analysis.c — what a photo shows and how to take a better one, offline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A photo is decoded once at a working size of about a thousand pixels
 * (JPEG straight at a DCT scale, so a 12-megapixel file costs little time
 * and memory), and every measure comes from that copy: a 5-bit RGB
 * histogram for the palette and the colour cast, luma for sharpness,
 * exposure, contrast, noise and the hash, and the border colours for the
 * subject and the background. The measures are kept with the analysis; the
 * scores, reasons, suggestions and names are made from them, so a stored
 * analysis reads in whatever language the program runs in.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-photo-analysis.h"
#include "cc-photos.h"

/* The working copy: JPEG picks the DCT scale that keeps the longest side
 * at least WORK_MIN_LONG; anything still above WORK_MAX_LONG is fitted into
 * WORK_BOX. */
#define WORK_MIN_LONG 600
#define WORK_MAX_LONG 1400
#define WORK_BOX 1024
/* A JPEG decodes at 1/8 at most: beyond this even that is too much. */
#define MAX_JPEG_PIXELS ((gint64) 400 * 1000 * 1000)

#define N_BINS (32 * 32 * 32)
#define MAX_CLUSTERS 10
#define MAX_PALETTE 8
/* Palette colours closer than this (OKLab) are one colour to the eye. */
#define MERGE_DISTANCE 0.06
#define MIN_SHARE 0.015
/* Central-difference luma gradient (|gx| + |gy|) of an edge. */
#define EDGE_GRADIENT 24
#define STRONG_GRADIENT 40
#define SHARP_BLOCK 32

struct _CcPhotoMeasures
{
  double sharpness;        /* edge Laplacian energy / gradient energy; <0 unknown */
  double mean_luma;        /* 0..255, of the piece when found */
  double clip_high;        /* share of the piece burnt out */
  double clip_low;         /* share of the piece lost in black */
  double spread;           /* luma P95 − P5 of the frame, 0..255 */
  double neutral_share;    /* share of near-neutral pixels */
  double cast_a;           /* their mean OKLab a, b */
  double cast_b;
  double noise;            /* σ of luma in smooth areas; <0 unknown */
  double bg_edges;         /* share of strong edges in the background */
  double bg_spread;        /* mean OKLab distance from the backdrop colour */
  double texture;          /* share of strong edges on the piece */
  double specular;         /* share of the piece near white */
  gboolean subject_found;
};

typedef struct _CcPhotoMeasures Measures;

/* Colour science: sRGB ⇄ OKLab */

static float srgb_to_linear_table[256];

static void
init_tables (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < 256; i++)
        {
          double c = i / 255.0;

          srgb_to_linear_table[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      g_once_init_leave (&done, 1);
    }
}

static void
linear_to_oklab (double  r,
                 double  g,
                 double  b,
                 float  *lab)
{
  double l = 0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b;
  double m = 0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b;
  double s = 0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b;

  l = cbrt (l);
  m = cbrt (m);
  s = cbrt (s);
  lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
  lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
  lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

static void
rgb_to_oklab (double  r,
              double  g,
              double  b,
              float  *lab)
{
  double c[3] = { r / 255.0, g / 255.0, b / 255.0 };

  for (int i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  linear_to_oklab (c[0], c[1], c[2], lab);
}

static guint8
linear_to_srgb8 (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  c = c <= 0.0031308 ? c * 12.92 : 1.055 * pow (c, 1 / 2.4) - 0.055;
  return (guint8) CLAMP (lround (c * 255.0), 0, 255);
}

static void
oklab_to_rgb (const float *lab,
              guint8      *rgb)
{
  double l = lab[0] + 0.3963377774 * lab[1] + 0.2158037573 * lab[2];
  double m = lab[0] - 0.1055613458 * lab[1] - 0.0638541728 * lab[2];
  double s = lab[0] - 0.0894841775 * lab[1] - 1.2914855480 * lab[2];

  l = l * l * l;
  m = m * m * m;
  s = s * s * s;
  rgb[0] = linear_to_srgb8 (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  rgb[1] = linear_to_srgb8 (-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  rgb[2] = linear_to_srgb8 (-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
}

static inline float
lab_distance2 (const float *p,
               const float *q)
{
  float dl = p[0] - q[0];
  float da = p[1] - q[1];
  float db = p[2] - q[2];

  return dl * dl + da * da + db * db;
}

static double
lab_chroma (const float *lab)
{
  return hypot (lab[1], lab[2]);
}

/* 0..360 */
static double
lab_hue (const float *lab)
{
  double h = atan2 (lab[2], lab[1]) * 180.0 / G_PI;

  return h < 0 ? h + 360.0 : h;
}

/* Colour names: the nearest of these in OKLab. */
static const struct
{
  guint32     rgb;
  const char *name;
} colour_names[] = {
  /* TRANSLATORS: colour names for a photo's palette; short, lower case
   * unless your language capitalises such words */
  { 0x141414, N_("black") },
  { 0x36373a, N_("charcoal") },
  { 0x5a6670, N_("slate") },
  { 0x808080, N_("grey") },
  { 0x8b8573, N_("taupe") },
  { 0xb4b4b6, N_("silver") },
  { 0xd6d6d4, N_("light grey") },
  { 0xf8f8f6, N_("white") },
  { 0xf3ead2, N_("cream") },
  { 0xd9c4a0, N_("beige") },
  { 0xc8ad7f, N_("sand") },
  { 0xa9825a, N_("tan") },
  { 0x7a4e2d, N_("brown") },
  { 0x452a1c, N_("dark brown") },
  { 0xc0623c, N_("terracotta") },
  { 0xa4431f, N_("rust") },
  { 0x8e2f25, N_("brick red") },
  { 0xc8202a, N_("red") },
  { 0x5e1a22, N_("maroon") },
  { 0xf4a7b9, N_("pink") },
  { 0xe8c8c0, N_("blush") },
  { 0xd0607a, N_("rose") },
  { 0xf07860, N_("coral") },
  { 0xe8751a, N_("orange") },
  { 0xf6c29a, N_("peach") },
  { 0xe0a020, N_("amber") },
  { 0xc49a1f, N_("mustard") },
  { 0xd4b04a, N_("gold") },
  { 0xf2d22e, N_("yellow") },
  { 0x6b6b2a, N_("olive") },
  { 0xb5a872, N_("khaki") },
  { 0x9cc83a, N_("lime green") },
  { 0x3c9a3c, N_("green") },
  { 0x1f7a4a, N_("emerald") },
  { 0x1f5230, N_("forest green") },
  { 0x9cab88, N_("sage") },
  { 0xa8e0c4, N_("mint") },
  { 0x1f7a7a, N_("teal") },
  { 0x35b8c0, N_("turquoise") },
  { 0x8cc4ec, N_("sky blue") },
  { 0x2f64c8, N_("blue") },
  { 0x4a6a9a, N_("denim") },
  { 0x1c3a8a, N_("deep blue") },
  { 0x1b2447, N_("navy") },
  { 0x3b2a7a, N_("indigo") },
  { 0xb8a8dc, N_("lavender") },
  { 0x7a3a9a, N_("purple") },
  { 0x5e2a4e, N_("plum") },
  { 0xc02a90, N_("magenta") },
};

static float colour_name_labs[G_N_ELEMENTS (colour_names)][3];

static void
init_colour_names (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (colour_names); i++)
        rgb_to_oklab ((colour_names[i].rgb >> 16) & 0xff, (colour_names[i].rgb >> 8) & 0xff,
                      colour_names[i].rgb & 0xff, colour_name_labs[i]);
      g_once_init_leave (&done, 1);
    }
}

static const char *
colour_name (guint8 r,
             guint8 g,
             guint8 b)
{
  float lab[3];
  float best = G_MAXFLOAT;
  guint best_i = 0;

  init_colour_names ();
  rgb_to_oklab (r, g, b, lab);
  for (guint i = 0; i < G_N_ELEMENTS (colour_names); i++)
    {
      /* A name says hue first: lightness counts a little less. */
      float dl = 0.75f * (lab[0] - colour_name_labs[i][0]);
      float da = lab[1] - colour_name_labs[i][1];
      float db = lab[2] - colour_name_labs[i][2];
      float d = dl * dl + da * da + db * db;

      if (d < best)
        {
          best = d;
          best_i = i;
        }
    }
  return _(colour_names[best_i].name);
}

/* Freeing */

static void
palette_colour_free (CcPaletteColour *colour)
{
  g_free (colour->name);
  g_free (colour);
}

static void
quality_part_free (CcQualityPart *part)
{
  g_free (part->reason);
  g_free (part);
}

void
cc_photo_analysis_free (CcPhotoAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->palette, g_ptr_array_unref);
  g_clear_pointer (&analysis->parts, g_ptr_array_unref);
  g_clear_pointer (&analysis->suggestions, g_ptr_array_unref);
  g_clear_pointer (&analysis->style_tags, g_ptr_array_unref);
  g_free (analysis->measures);
  g_free (analysis);
}

void
cc_photo_match_free (CcPhotoMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->product_id);
  g_free (match->photo_id);
  g_free (match->sha256);
  g_free (match);
}

static CcPhotoAnalysis *
analysis_new (void)
{
  CcPhotoAnalysis *analysis = g_new0 (CcPhotoAnalysis, 1);

  analysis->version = CC_PHOTO_ANALYSIS_VERSION;
  analysis->palette = g_ptr_array_new_with_free_func ((GDestroyNotify) palette_colour_free);
  analysis->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) quality_part_free);
  analysis->suggestions = g_ptr_array_new_with_free_func (g_free);
  analysis->style_tags = g_ptr_array_new_with_free_func (g_free);
  analysis->measures = g_new0 (Measures, 1);
  return analysis;
}

const char *
cc_quality_aspect_get_label (CcQualityAspect aspect)
{
  switch (aspect)
    {
    case CC_QUALITY_SHARPNESS:
      return _("Sharpness");
    case CC_QUALITY_EXPOSURE:
      return _("Exposure");
    case CC_QUALITY_CONTRAST:
      return _("Contrast");
    case CC_QUALITY_COLOUR_CAST:
      return _("Colour balance");
    case CC_QUALITY_NOISE:
      return _("Noise");
    case CC_QUALITY_RESOLUTION:
      return _("Resolution");
    case CC_QUALITY_BACKGROUND:
      return _("Background");
    default:
      g_return_val_if_reached ("");
    }
}

/* Keys in JSON, never translated. */
static const char * const aspect_keys[CC_QUALITY_N_ASPECTS] = {
  "sharpness", "exposure", "contrast", "colour-cast", "noise", "resolution", "background",
};

/* Interpretation: scores and words from the measures */

typedef struct
{
  int   priority;   /* lower first */
  int   order;
  char *text;
} Suggestion;

static void
suggest (GArray *list,
         int     priority,
         char   *text)
{
  Suggestion s = { priority, (int) list->len, text };

  g_array_append_val (list, s);
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const Suggestion *sa = a;
  const Suggestion *sb = b;

  if (sa->priority != sb->priority)
    return sa->priority < sb->priority ? -1 : 1;
  return sa->order - sb->order;
}

static int
clamp_score (double value)
{
  return (int) CLAMP (lround (value), 0, 100);
}

static double
ramp (double value,
      double from,
      double to)
{
  return CLAMP ((value - from) / (to - from), 0.0, 1.0);
}

static void
add_part (CcPhotoAnalysis *analysis,
          CcQualityAspect  aspect,
          int              score,
          char            *reason)
{
  CcQualityPart *part = g_new0 (CcQualityPart, 1);

  part->aspect = aspect;
  part->score = score;
  part->reason = reason;
  g_ptr_array_add (analysis->parts, part);
}

static int
percent (double share)
{
  return (int) lround (CLAMP (share, 0.0, 1.0) * 100.0);
}

static void
interpret_sharpness (CcPhotoAnalysis *analysis,
                     const Measures  *m,
                     GArray          *suggestions)
{
  int score;

  if (m->sharpness < 0)
    {
      add_part (analysis, CC_QUALITY_SHARPNESS, 70,
                g_strdup (_("Too few edges in the picture to judge the focus")));
      return;
    }

  /* Crisp edges give about 1, a blur of one pixel about 0.2. */
  score = clamp_score (100.0 * ramp (log (m->sharpness), log (0.05), log (0.5)));
  if (score >= 80)
    add_part (analysis, CC_QUALITY_SHARPNESS, score, g_strdup (_("Edges are crisp")));
  else if (score >= 50)
    {
      add_part (analysis, CC_QUALITY_SHARPNESS, score, g_strdup (_("The photo is slightly soft")));
      suggest (suggestions, score,
               g_strdup (_("The photo is slightly soft: tap the piece on the screen to focus on it, "
                           "and hold the camera steady or use the self-timer")));
    }
  else
    {
      add_part (analysis, CC_QUALITY_SHARPNESS, score,
                g_strdup (_("The photo is blurred: edges are smeared")));
      suggest (suggestions, score,
               g_strdup (_("The photo is blurred: rest the camera on something firm or use a tripod, "
                           "focus on the piece, and add light so the shutter is faster")));
    }
}

/* Stops of light between two mean luma values (gamma-encoded). */
static int
stops_between (double from,
               double to)
{
  double stops = fabs (2.2 * log2 (MAX (to, 1.0) / MAX (from, 1.0)));

  return (int) CLAMP (lround (stops), 1, 5);
}

static void
interpret_exposure (CcPhotoAnalysis *analysis,
                    const Measures  *m,
                    GArray          *suggestions)
{
  double penalty = 0;
  int brightness = percent (m->mean_luma / 255.0);
  int score;
  char *reason;

  if (m->mean_luma < 90)
    penalty += (90 - m->mean_luma) / 70.0 * 110.0;
  else if (m->mean_luma > 195)
    penalty += (m->mean_luma - 195) / 60.0 * 80.0;
  if (m->clip_high > 0.02)
    penalty += (m->clip_high - 0.02) * 400.0;
  if (m->clip_low > 0.05)
    penalty += (m->clip_low - 0.05) * 300.0;
  score = clamp_score (100.0 - penalty);

  if (m->mean_luma < 90)
    {
      int stops = stops_between (m->mean_luma, 128);

      reason = g_strdup_printf (m->subject_found ? _("The piece is dark (average brightness %d%%)")
                                                 : _("The photo is dark (average brightness %d%%)"),
                                brightness);
      suggest (suggestions, score,
               g_strdup_printf (ngettext ("The photo is underexposed: shoot near a window or raise "
                                          "exposure by about %d stop",
                                          "The photo is underexposed: shoot near a window or raise "
                                          "exposure by about %d stops", stops), stops));
    }
  else if (m->mean_luma > 195)
    {
      int stops = stops_between (m->mean_luma, 150);

      reason = g_strdup_printf (m->subject_found ? _("The piece is too bright (average brightness %d%%)")
                                                 : _("The photo is too bright (average brightness %d%%)"),
                                brightness);
      suggest (suggestions, score,
               g_strdup_printf (ngettext ("The photo is overexposed: lower exposure by about %d stop "
                                          "or move out of direct sun",
                                          "The photo is overexposed: lower exposure by about %d stops "
                                          "or move out of direct sun", stops), stops));
    }
  else if (m->clip_high > 0.04)
    {
      reason = g_strdup_printf (_("%d%% of the piece is pure white: detail is lost in the highlights"),
                                percent (m->clip_high));
      suggest (suggestions, score,
               g_strdup (_("Bright parts of the piece are burnt out: soften the light with a thin white "
                           "cloth, or lower exposure a little")));
    }
  else if (m->clip_low > 0.08)
    {
      reason = g_strdup_printf (_("%d%% of the piece is pure black: detail is lost in the shadows"),
                                percent (m->clip_low));
      suggest (suggestions, score,
               g_strdup (_("Dark parts of the piece are lost in shadow: put a white card opposite the "
                           "light to bounce some into them")));
    }
  else
    reason = g_strdup_printf (_("Well exposed (average brightness %d%%)"), brightness);

  add_part (analysis, CC_QUALITY_EXPOSURE, score, reason);
}

static void
interpret_contrast (CcPhotoAnalysis *analysis,
                    const Measures  *m,
                    GArray          *suggestions)
{
  /* A dark or burnt-out photo is flat because of its exposure: that
   * suggestion already says what to do. */
  gboolean exposure_first = m->mean_luma < 90 || m->mean_luma > 195;
  int score = clamp_score (20.0 + 80.0 * ramp (m->spread, 40, 120));
  int used = percent (m->spread / 255.0);

  if (score >= 70)
    add_part (analysis, CC_QUALITY_CONTRAST, score,
              g_strdup_printf (_("Good contrast (%d%% of the brightness range used)"), used));
  else
    {
      add_part (analysis, CC_QUALITY_CONTRAST, score,
                g_strdup_printf (_("Low contrast: only %d%% of the brightness range is used"), used));
      if (!exposure_first)
        suggest (suggestions, score,
                 g_strdup (_("The photo looks flat and hazy: light the piece from one side to bring out "
                             "its shape and texture, and wipe the lens")));
    }
}

static void
interpret_colour_cast (CcPhotoAnalysis *analysis,
                       const Measures  *m,
                       GArray          *suggestions)
{
  double cast = hypot (m->cast_a, m->cast_b);
  int score;

  if (m->neutral_share < 0.03)
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, 100,
                g_strdup (_("No white or grey areas to judge the colour balance by")));
      return;
    }

  score = clamp_score (100.0 - 85.0 * ramp (cast, 0.015, 0.05));
  if (score >= 70)
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, score,
                g_strdup (_("White and grey areas look neutral")));
      return;
    }

  if (fabs (m->cast_b) >= fabs (m->cast_a) && m->cast_b > 0)
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, score,
                g_strdup (_("A warm yellow cast on white and grey areas")));
      suggest (suggestions, score,
               g_strdup (_("The photo has a yellow cast: switch off indoor bulbs and use daylight, or set "
                           "the white balance on a white sheet")));
    }
  else if (fabs (m->cast_b) >= fabs (m->cast_a))
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, score,
                g_strdup (_("A cold blue cast on white and grey areas")));
      suggest (suggestions, score,
               g_strdup (_("The photo has a blue cast: set the white balance to daylight or cloudy, or "
                           "move out of the shade")));
    }
  else if (m->cast_a < 0)
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, score,
                g_strdup (_("A green cast on white and grey areas")));
      suggest (suggestions, score,
               g_strdup (_("The photo has a green cast: avoid fluorescent tubes, and set the white "
                           "balance on a white sheet")));
    }
  else
    {
      add_part (analysis, CC_QUALITY_COLOUR_CAST, score,
                g_strdup (_("A magenta cast on white and grey areas")));
      suggest (suggestions, score,
               g_strdup (_("The photo has a magenta cast: set the white balance on a white sheet")));
    }
}

static void
interpret_noise (CcPhotoAnalysis *analysis,
                 const Measures  *m,
                 GArray          *suggestions)
{
  int score;

  if (m->noise < 0)
    {
      add_part (analysis, CC_QUALITY_NOISE, 100,
                g_strdup (_("No smooth areas to measure noise in")));
      return;
    }
  score = clamp_score (100.0 - 90.0 * ramp (m->noise, 1.2, 5.0));
  if (score >= 75)
    add_part (analysis, CC_QUALITY_NOISE, score, g_strdup (_("Clean: little grain in smooth areas")));
  else
    {
      add_part (analysis, CC_QUALITY_NOISE, score, g_strdup (_("Visible grain in smooth areas")));
      suggest (suggestions, score,
               g_strdup (_("The photo is grainy: add light instead of raising the ISO, and keep the "
                           "camera still for a longer exposure")));
    }
}

static void
interpret_resolution (CcPhotoAnalysis *analysis,
                      GArray          *suggestions)
{
  int shortest = MIN (analysis->width, analysis->height);
  int score;

  if (shortest >= CC_PHOTO_MARKET_MIN_SIDE)
    {
      add_part (analysis, CC_QUALITY_RESOLUTION, 100,
                g_strdup_printf (_("%d × %d pixels: enough for marketplace zoom"),
                                 analysis->width, analysis->height));
      return;
    }
  score = clamp_score (100.0 * pow ((double) shortest / CC_PHOTO_MARKET_MIN_SIDE, 1.5));
  add_part (analysis, CC_QUALITY_RESOLUTION, score,
            g_strdup_printf (_("%d × %d pixels: the shortest side is under the %d px marketplaces ask for"),
                             analysis->width, analysis->height, CC_PHOTO_MARKET_MIN_SIDE));
  /* Only the next photo can fix it: what can be fixed now comes first. */
  suggest (suggestions, MAX (score, 40),
           g_strdup_printf (_("The photo is only %d px on its shortest side: use the camera’s full "
                              "resolution (marketplaces ask for at least %d px)"),
                            shortest, CC_PHOTO_MARKET_MIN_SIDE));
}

static char *
framing_suggestion (double share)
{
  if (share < 0.125)
    return g_strdup (_("The piece fills only a tenth of the frame: move closer, or crop the photo"));
  if (share < 0.225)
    return g_strdup (_("The piece fills only a fifth of the frame: move closer, or crop the photo"));
  if (share < 0.29)
    return g_strdup (_("The piece fills only a quarter of the frame: move closer, or crop the photo"));
  return g_strdup (_("The piece fills only a third of the frame: move a little closer"));
}

static void
interpret_background (CcPhotoAnalysis *analysis,
                      const Measures  *m,
                      GArray          *suggestions)
{
  double clutter = 60.0 * ramp (m->bg_edges, 0.02, 0.17) + 40.0 * ramp (m->bg_spread, 0.04, 0.16);
  double framing = 0;
  gboolean busy = clutter >= 25;
  int score;
  char *reason;

  if (m->subject_found && analysis->subject_share < 0.34)
    framing = (0.34 - analysis->subject_share) / 0.34 * 45.0;
  score = clamp_score (100.0 - clutter - framing);

  if (m->subject_found)
    reason = g_strdup_printf (busy ? _("Busy background; the piece fills %d%% of the frame")
                                   : _("Plain background; the piece fills %d%% of the frame"),
                              percent (analysis->subject_share));
  else
    reason = g_strdup (busy ? _("Busy background") : _("Plain background"));
  add_part (analysis, CC_QUALITY_BACKGROUND, score, reason);

  if (busy)
    suggest (suggestions, clamp_score (100.0 - clutter),
             g_strdup (_("The background is busy: put a plain sheet or a bare wall behind the piece")));
  if (framing > 0)
    suggest (suggestions, clamp_score (100.0 - 2 * framing),
             framing_suggestion (analysis->subject_share));
}

typedef struct
{
  float  lab[3];
  double share;
} PaletteEntry;

static void
interpret_style (CcPhotoAnalysis *analysis,
                 const Measures  *m)
{
  g_autofree PaletteEntry *entries = g_new0 (PaletteEntry, MAX (analysis->palette->len, 1));
  double mean_l = 0, total = 0;
  double vibrant = 0, pastel = 0, earthy = 0, chromatic = 0, warm = 0, cool = 0, metal = 0;
  gboolean monochrome = TRUE;

  for (guint i = 0; i < analysis->palette->len; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);
      float *lab = entries[i].lab;
      double c, h;

      rgb_to_oklab (colour->r, colour->g, colour->b, lab);
      entries[i].share = colour->share;
      c = lab_chroma (lab);
      h = lab_hue (lab);
      total += colour->share;
      mean_l += lab[0] * colour->share;
      if (c >= 0.035 && colour->share >= 0.05)
        monochrome = FALSE;
      if (c >= 0.13)
        vibrant += colour->share;
      if (lab[0] >= 0.78 && c >= 0.035 && c < 0.11)
        pastel += colour->share;
      if (c >= 0.03 && c <= 0.14 && lab[0] >= 0.25 && lab[0] <= 0.8 && h >= 25 && h <= 110)
        earthy += colour->share;
      if (c > 0.04)
        {
          chromatic += colour->share;
          if (h < 110 || h > 340)
            warm += colour->share;
          else if (h >= 150 && h <= 300)
            cool += colour->share;
        }
      if ((c < 0.04 && lab[0] >= 0.35 && lab[0] <= 0.85) ||
          (h >= 70 && h <= 105 && c >= 0.05 && c <= 0.13 && lab[0] >= 0.5 && lab[0] <= 0.85))
        metal += colour->share;
    }
  if (total > 0)
    mean_l /= total;

#define TAG(text) g_ptr_array_add (analysis->style_tags, g_strdup (text))
  /* TRANSLATORS: style tags of a photo, from its colours and texture */
  if (earthy >= 0.35)
    TAG (_("earthy"));
  if (vibrant >= 0.25)
    TAG (_("vibrant"));
  if (pastel >= 0.3)
    TAG (_("pastel"));
  if (monochrome && analysis->palette->len > 0)
    TAG (_("monochrome"));
  if (metal >= 0.3 && m->specular >= 0.003 && m->specular <= 0.15 && m->texture >= 0.04)
    TAG (_("metallic"));
  if (mean_l < 0.42)
    TAG (_("dark"));
  else if (mean_l > 0.82)
    TAG (_("bright"));
  if (chromatic >= 0.15 && warm / chromatic >= 0.65)
    TAG (_("warm"));
  else if (chromatic >= 0.15 && cool / chromatic >= 0.65)
    TAG (_("cool"));
  if (m->texture >= 0.18)
    TAG (_("textured"));
  else if (m->texture < 0.05 && m->bg_edges < 0.03 && analysis->palette->len <= 3)
    TAG (_("minimal"));
#undef TAG
}

/* Fills everything that is made from the measures and the palette's
 * colours: names, parts, score, suggestions, tags. */
static void
interpret (CcPhotoAnalysis *analysis)
{
  static const double weights[CC_QUALITY_N_ASPECTS] = { 0.25, 0.2, 0.1, 0.1, 0.1, 0.1, 0.15 };
  const Measures *m = analysis->measures;
  g_autoptr(GArray) suggestions = g_array_new (FALSE, FALSE, sizeof (Suggestion));
  double weighted = 0;
  int lowest = 100;

  for (guint i = 0; i < analysis->palette->len; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);

      g_free (colour->name);
      colour->name = g_strdup (colour_name (colour->r, colour->g, colour->b));
    }

  g_ptr_array_set_size (analysis->parts, 0);
  g_ptr_array_set_size (analysis->suggestions, 0);
  g_ptr_array_set_size (analysis->style_tags, 0);

  interpret_sharpness (analysis, m, suggestions);
  interpret_exposure (analysis, m, suggestions);
  interpret_contrast (analysis, m, suggestions);
  interpret_colour_cast (analysis, m, suggestions);
  interpret_noise (analysis, m, suggestions);
  interpret_resolution (analysis, suggestions);
  interpret_background (analysis, m, suggestions);
  g_assert (analysis->parts->len == CC_QUALITY_N_ASPECTS);

  for (guint i = 0; i < analysis->parts->len; i++)
    {
      CcQualityPart *part = g_ptr_array_index (analysis->parts, i);

      weighted += weights[i] * part->score;
      lowest = MIN (lowest, part->score);
    }
  /* One bad aspect spoils a photo more than an average says. */
  analysis->score = clamp_score (0.7 * weighted + 0.3 * lowest);

  g_array_sort (suggestions, compare_suggestions);
  for (guint i = 0; i < suggestions->len; i++)
    g_ptr_array_add (analysis->suggestions, g_array_index (suggestions, Suggestion, i).text);

  interpret_style (analysis, m);
}

/* Measuring */

typedef struct
{
  int      width;
  int      height;
  guint8  *luma;      /* width × height */
  guint16 *bins;      /* 5-bit RGB bin of each pixel */
  guint16 *gradient;  /* |gx| + |gy|, central differences */
  guint32 *count;     /* N_BINS */
  guint32 *sum;       /* N_BINS × 3 */
  float   *bin_lab;   /* N_BINS × 3, for occupied bins */
  guint8  *fg;        /* 1 where the piece is */
} Work;

static void
work_clear (Work *work)
{
  g_free (work->luma);
  g_free (work->bins);
  g_free (work->gradient);
  g_free (work->count);
  g_free (work->sum);
  g_free (work->bin_lab);
  g_free (work->fg);
}

static void
work_fill (Work      *work,
           GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  gsize n = (gsize) w * h;

  work->width = w;
  work->height = h;
  work->luma = g_malloc (n);
  work->bins = g_malloc (n * sizeof (guint16));
  work->gradient = g_malloc0 (n * sizeof (guint16));
  work->count = g_malloc0 (N_BINS * sizeof (guint32));
  work->sum = g_malloc0 (N_BINS * 3 * sizeof (guint32));
  work->bin_lab = g_malloc0 (N_BINS * 3 * sizeof (float));
  work->fg = g_malloc0 (n);

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          const guint8 *p = row + x * channels;
          guint r = p[0], g = p[1], b = p[2];
          gsize i = (gsize) y * w + x;
          guint bin;

          if (alpha && p[3] != 255)
            {
              /* Transparent parts are shown on white. */
              guint a = p[3];

              r = (r * a + 255 * (255 - a) + 127) / 255;
              g = (g * a + 255 * (255 - a) + 127) / 255;
              b = (b * a + 255 * (255 - a) + 127) / 255;
            }
          work->luma[i] = (guint8) ((77 * r + 150 * g + 29 * b + 128) >> 8);
          bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
          work->bins[i] = bin;
          work->count[bin]++;
          work->sum[bin * 3] += r;
          work->sum[bin * 3 + 1] += g;
          work->sum[bin * 3 + 2] += b;
        }
    }

  init_tables ();
  for (guint bin = 0; bin < N_BINS; bin++)
    {
      guint32 c = work->count[bin];

      if (c == 0)
        continue;
      /* The mean colour of the bin, averaged in linear light. */
      linear_to_oklab (srgb_to_linear_table[(work->sum[bin * 3] + c / 2) / c],
                       srgb_to_linear_table[(work->sum[bin * 3 + 1] + c / 2) / c],
                       srgb_to_linear_table[(work->sum[bin * 3 + 2] + c / 2) / c],
                       work->bin_lab + bin * 3);
    }

  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        gsize i = (gsize) y * w + x;
        int gx = (int) work->luma[i + 1] - work->luma[i - 1];
        int gy = (int) work->luma[i + w] - work->luma[i - w];

        work->gradient[i] = ABS (gx) + ABS (gy);
      }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  float fa = *(const float *) a;
  float fb = *(const float *) b;

  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/* The value at fraction q of a sorted copy. */
static double
quantile (GArray *values,
          double  q)
{
  guint i;

  g_assert (values->len > 0);
  g_array_sort (values, compare_doubles);
  i = (guint) MIN ((double) values->len - 1, floor (q * values->len));
  return g_array_index (values, double, i);
}

/* Energy of the Laplacian against that of the gradient on edge pixels, in
 * blocks: crisp edges keep it near 1 whatever their contrast, blur lowers
 * it. Focus only has to be right somewhere (the piece), so the sharper
 * blocks count. */
static double
measure_sharpness (const Work *work)
{
  int w = work->width, h = work->height;
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

  for (int by = 1; by < h - 1; by += SHARP_BLOCK)
    for (int bx = 1; bx < w - 1; bx += SHARP_BLOCK)
      {
        double lap_energy = 0, grad_energy = 0;
        int edges = 0;

        for (int y = by; y < MIN (by + SHARP_BLOCK, h - 1); y++)
          for (int x = bx; x < MIN (bx + SHARP_BLOCK, w - 1); x++)
            {
              gsize i = (gsize) y * w + x;
              const guint8 *l = work->luma;
              int gx, gy, lap;

              if (work->gradient[i] < EDGE_GRADIENT)
                continue;
              gx = (int) l[i + 1] - l[i - 1];
              gy = (int) l[i + w] - l[i - w];
              lap = (int) l[i + 1] + l[i - 1] + l[i + w] + l[i - w] - 4 * (int) l[i];
              lap_energy += (double) lap * lap;
              grad_energy += (double) gx * gx + (double) gy * gy;
              edges++;
            }
        if (edges >= 24 && grad_energy > 0)
          {
            double ratio = 4.0 * lap_energy / grad_energy;

            g_array_append_val (ratios, ratio);
          }
      }

  if (ratios->len < 2)
    return -1;
  return quantile (ratios, 0.8);
}

/* Noise: Immerkær's operator on 8×8 blocks; the flattest tenth of the
 * blocks, away from clipped areas, holds only noise. */
static double
measure_noise (const Work *work)
{
  static const int mask[3][3] = { { 1, -2, 1 }, { -2, 4, -2 }, { 1, -2, 1 } };
  int w = work->width, h = work->height;
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (double));

  for (int by = 0; by + 8 <= h; by += 8)
    for (int bx = 0; bx + 8 <= w; bx += 8)
      {
        double sum = 0;
        int clipped = 0;

        for (int y = by; y < by + 8; y++)
          for (int x = bx; x < bx + 8; x++)
            {
              guint8 v = work->luma[(gsize) y * w + x];

              if (v <= 4 || v >= 251)
                clipped++;
            }
        if (clipped > 4)
          continue;
        for (int y = by + 1; y < by + 7; y++)
          for (int x = bx + 1; x < bx + 7; x++)
            {
              int r = 0;

              for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                  r += mask[dy + 1][dx + 1] * work->luma[(gsize) (y + dy) * w + x + dx];
              sum += ABS (r);
            }
        sum /= 36.0;
        g_array_append_val (blocks, sum);
      }

  if (blocks->len < 16)
    return -1;
  return sqrt (G_PI / 2.0) / 6.0 * quantile (blocks, 0.1);
}

/* The backdrop: the median colour of each side's strip. The piece is what
 * differs from all four. */
static void
measure_subject (Work            *work,
                 CcPhotoAnalysis *analysis,
                 Measures        *m,
                 int             *box)
{
  int w = work->width, h = work->height;
  int bw = MAX (2, w / 16), bh = MAX (2, h / 16);
  gsize n = (gsize) w * h;
  float refs[4][3];
  g_autoptr(GArray) deviations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint32 *cols = g_new0 (guint32, w);
  g_autofree guint32 *rows = g_new0 (guint32, h);
  float threshold, threshold2;
  gsize fg_count = 0;
  double share;
  /* rectangles: x, y, width, height of the four strips */
  const int strips[4][4] = {
    { 0, 0, w, bh }, { 0, h - bh, w, bh }, { 0, 0, bw, h }, { w - bw, 0, bw, h },
  };

  for (int s = 0; s < 4; s++)
    {
      int sx = strips[s][0], sy = strips[s][1], sw = strips[s][2], sh = strips[s][3];
      int step = MAX (1, (int) sqrt ((double) sw * sh / 2500.0));
      GArray *channel[3];

      for (int c = 0; c < 3; c++)
        channel[c] = g_array_new (FALSE, FALSE, sizeof (float));
      for (int y = sy; y < sy + sh; y += step)
        for (int x = sx; x < sx + sw; x += step)
          {
            const float *lab = work->bin_lab + work->bins[(gsize) y * w + x] * 3;

            for (int c = 0; c < 3; c++)
              g_array_append_val (channel[c], lab[c]);
          }
      for (int c = 0; c < 3; c++)
        {
          g_array_sort (channel[c], compare_floats);
          refs[s][c] = g_array_index (channel[c], float, channel[c]->len / 2);
          g_array_unref (channel[c]);
        }
    }

  /* How much the backdrop itself varies sets how different the piece must
   * be. */
  for (int s = 0; s < 4; s++)
    {
      int sx = strips[s][0], sy = strips[s][1], sw = strips[s][2], sh = strips[s][3];
      int step = MAX (1, (int) sqrt ((double) sw * sh / 1000.0));

      for (int y = sy; y < sy + sh; y += step)
        for (int x = sx; x < sx + sw; x += step)
          {
            const float *lab = work->bin_lab + work->bins[(gsize) y * w + x] * 3;
            float best = G_MAXFLOAT;
            double d;

            for (int r = 0; r < 4; r++)
              best = MIN (best, lab_distance2 (lab, refs[r]));
            d = sqrt (best);
            g_array_append_val (deviations, d);
          }
    }
  threshold = MAX (0.06, 3.0 * quantile (deviations, 0.5));
  threshold2 = threshold * threshold;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        const float *lab = work->bin_lab + work->bins[i] * 3;
        gboolean differs = TRUE;

        for (int r = 0; r < 4 && differs; r++)
          differs = lab_distance2 (lab, refs[r]) > threshold2;
        if (differs)
          {
            work->fg[i] = 1;
            fg_count++;
            cols[x]++;
            rows[y]++;
          }
      }

  share = (double) fg_count / n;
  m->subject_found = share >= 0.02 && share <= 0.97;
  analysis->subject_share = m->subject_found ? share : 1.0;

  box[0] = 0;
  box[1] = 0;
  box[2] = w;
  box[3] = h;
  if (m->subject_found)
    {
      /* The box holding the middle 94% of the piece's pixels. */
      guint64 acc = 0;
      guint64 lo = fg_count * 3 / 100, hi = fg_count * 97 / 100;
      int x0 = 0, x1 = w, y0 = 0, y1 = h;

      for (int x = 0, done = 0; x < w && done < 2; x++)
        {
          acc += cols[x];
          if (done == 0 && acc > lo)
            x0 = x, done = 1;
          if (done == 1 && acc >= hi)
            x1 = x + 1, done = 2;
        }
      acc = 0;
      for (int y = 0, done = 0; y < h && done < 2; y++)
        {
          acc += rows[y];
          if (done == 0 && acc > lo)
            y0 = y, done = 1;
          if (done == 1 && acc >= hi)
            y1 = y + 1, done = 2;
        }
      box[0] = x0;
      box[1] = y0;
      box[2] = MAX (1, x1 - x0);
      box[3] = MAX (1, y1 - y0);
    }

  /* The background: outside the piece's box (with a margin), or the border
   * strips when the piece fills nearly everything. */
  {
    int mx = w / 40, my = h / 40;
    int bx0 = MAX (0, box[0] - mx), by0 = MAX (0, box[1] - my);
    int bx1 = MIN (w, box[0] + box[2] + mx), by1 = MIN (h, box[1] + box[3] + my);
    gboolean use_box = (double) (bx1 - bx0) * (by1 - by0) < 0.88 * n;
    gsize bg = 0, strong = 0, sampled = 0;
    double spread = 0;

    for (int y = 1; y < h - 1; y++)
      for (int x = 1; x < w - 1; x++)
        {
          gsize i = (gsize) y * w + x;
          gboolean in_background;

          if (use_box)
            in_background = x < bx0 || x >= bx1 || y < by0 || y >= by1;
          else
            in_background = x < bw || x >= w - bw || y < bh || y >= h - bh;
          if (!in_background)
            continue;
          bg++;
          if (work->gradient[i] >= STRONG_GRADIENT)
            strong++;
          if ((x & 3) == 0 && (y & 3) == 0)
            {
              const float *lab = work->bin_lab + work->bins[i] * 3;
              float best = G_MAXFLOAT;

              for (int r = 0; r < 4; r++)
                best = MIN (best, lab_distance2 (lab, refs[r]));
              spread += sqrt (best);
              sampled++;
            }
        }
    m->bg_edges = bg > 0 ? (double) strong / bg : 0;
    m->bg_spread = sampled > 0 ? spread / sampled : 0;
  }
}

/* Exposure of the piece (of the frame when there is no distinct piece),
 * contrast of the frame, texture and shine of the piece. */
static void
measure_tones (const Work *work,
               Measures   *m,
               const int  *box)
{
  int w = work->width, h = work->height;
  guint64 histogram[256] = { 0 };
  guint64 total = 0, sum = 0, high = 0, low = 0, near_white = 0;
  guint64 box_pixels = 0, box_edges = 0;
  guint64 acc = 0;
  int p5 = 0, p95 = 255;
  gsize n = (gsize) w * h;

  for (gsize i = 0; i < n; i++)
    {
      guint8 v = work->luma[i];

      histogram[v]++;
      if (m->subject_found && !work->fg[i])
        continue;
      total++;
      sum += v;
      if (v >= 250)
        high++;
      if (v <= 5)
        low++;
      if (v >= 245)
        near_white++;
    }
  m->mean_luma = total > 0 ? (double) sum / total : 0;
  m->clip_high = total > 0 ? (double) high / total : 0;
  m->clip_low = total > 0 ? (double) low / total : 0;
  m->specular = total > 0 ? (double) near_white / total : 0;

  for (int v = 0, done = 0; v < 256 && done < 2; v++)
    {
      acc += histogram[v];
      if (done == 0 && acc > n * 5 / 100)
        p5 = v, done = 1;
      if (done == 1 && acc >= n * 95 / 100)
        p95 = v, done = 2;
    }
  m->spread = p95 - p5;

  for (int y = MAX (1, box[1]); y < MIN (h - 1, box[1] + box[3]); y++)
    for (int x = MAX (1, box[0]); x < MIN (w - 1, box[0] + box[2]); x++)
      {
        gsize i = (gsize) y * w + x;

        if (m->subject_found && !work->fg[i])
          continue;
        box_pixels++;
        if (work->gradient[i] >= STRONG_GRADIENT)
          box_edges++;
      }
  m->texture = box_pixels > 0 ? (double) box_edges / box_pixels : 0;
}

/* The white balance, from near-neutral colours that are not clipped. */
static void
measure_cast (const Work *work,
              Measures   *m)
{
  double weight = 0, sa = 0, sb = 0;
  gsize n = (gsize) work->width * work->height;

  for (guint bin = 0; bin < N_BINS; bin++)
    {
      const float *lab = work->bin_lab + bin * 3;

      if (work->count[bin] == 0 || lab[0] < 0.45 || lab[0] > 0.97 || lab_chroma (lab) >= 0.06)
        continue;
      weight += work->count[bin];
      sa += lab[1] * (double) work->count[bin];
      sb += lab[2] * (double) work->count[bin];
    }
  m->neutral_share = weight / n;
  m->cast_a = weight > 0 ? sa / weight : 0;
  m->cast_b = weight > 0 ? sb / weight : 0;
}

/* Palette: weighted k-means over the occupied histogram bins in OKLab,
 * then clusters the eye cannot tell apart, or too small to matter, are
 * merged; what is left is the picture's own number of colours. */
typedef struct
{
  float  lab[3];
  double weight;
} Cluster;

static void
run_kmeans (const float  *points,
            const double *weights,
            guint         n_points,
            Cluster      *clusters,
            guint         k,
            guint16      *assign,
            guint         iterations)
{
  for (guint it = 0; it < iterations; it++)
    {
      double sums[MAX_CLUSTERS][4] = { { 0 } };
      gboolean changed = FALSE;

      for (guint i = 0; i < n_points; i++)
        {
          const float *p = points + i * 3;
          float best = G_MAXFLOAT;
          guint best_c = 0;

          for (guint c = 0; c < k; c++)
            {
              float d = lab_distance2 (p, clusters[c].lab);

              if (d < best)
                {
                  best = d;
                  best_c = c;
                }
            }
          if (assign[i] != best_c)
            {
              assign[i] = best_c;
              changed = TRUE;
            }
          sums[best_c][0] += p[0] * weights[i];
          sums[best_c][1] += p[1] * weights[i];
          sums[best_c][2] += p[2] * weights[i];
          sums[best_c][3] += weights[i];
        }
      for (guint c = 0; c < k; c++)
        {
          clusters[c].weight = sums[c][3];
          if (sums[c][3] > 0)
            for (int j = 0; j < 3; j++)
              clusters[c].lab[j] = sums[c][j] / sums[c][3];
        }
      if (!changed && it > 0)
        break;
    }
}

static void
merge_clusters (Cluster *clusters,
                guint   *k,
                guint    a,
                guint    b)
{
  double wa = clusters[a].weight, wb = clusters[b].weight;

  for (int j = 0; j < 3; j++)
    clusters[a].lab[j] = wa + wb > 0 ? (clusters[a].lab[j] * wa + clusters[b].lab[j] * wb) / (wa + wb)
                                     : clusters[a].lab[j];
  clusters[a].weight = wa + wb;
  clusters[b] = clusters[*k - 1];
  (*k)--;
}

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const Cluster *ca = a;
  const Cluster *cb = b;

  return ca->weight > cb->weight ? -1 : ca->weight < cb->weight ? 1 : 0;
}

static void
measure_palette (const Work      *work,
                 CcPhotoAnalysis *analysis)
{
  g_autofree float *points = NULL;
  g_autofree double *weights = NULL;
  g_autofree guint16 *assign = NULL;
  g_autofree float *nearest = NULL;
  Cluster clusters[MAX_CLUSTERS];
  double total = 0;
  guint n_points = 0;
  guint k = 0;

  for (guint bin = 0; bin < N_BINS; bin++)
    if (work->count[bin] > 0)
      n_points++;
  points = g_new (float, n_points * 3);
  weights = g_new (double, n_points);
  assign = g_new0 (guint16, n_points);
  nearest = g_new (float, n_points);
  n_points = 0;
  for (guint bin = 0; bin < N_BINS; bin++)
    if (work->count[bin] > 0)
      {
        memcpy (points + n_points * 3, work->bin_lab + bin * 3, 3 * sizeof (float));
        weights[n_points] = work->count[bin];
        total += work->count[bin];
        n_points++;
      }
  if (n_points == 0)
    return;

  /* Seeds: the heaviest colour, then each time the one that is both
   * common and far from every seed so far (deterministic k-means++). */
  {
    guint first = 0;

    for (guint i = 1; i < n_points; i++)
      if (weights[i] > weights[first])
        first = i;
    memcpy (clusters[0].lab, points + first * 3, sizeof clusters[0].lab);
    k = 1;
    for (guint i = 0; i < n_points; i++)
      nearest[i] = lab_distance2 (points + i * 3, clusters[0].lab);
    while (k < MAX_CLUSTERS)
      {
        double best = 0;
        guint best_i = 0;

        for (guint i = 0; i < n_points; i++)
          if (nearest[i] * weights[i] > best)
            {
              best = nearest[i] * weights[i];
              best_i = i;
            }
        if (best <= 0)
          break;
        memcpy (clusters[k].lab, points + best_i * 3, sizeof clusters[k].lab);
        for (guint i = 0; i < n_points; i++)
          nearest[i] = MIN (nearest[i], lab_distance2 (points + i * 3, clusters[k].lab));
        k++;
      }
  }

  run_kmeans (points, weights, n_points, clusters, k, assign, 20);

  /* Empty clusters, then look-alikes, then the negligible ones. */
  for (guint c = 0; c < k;)
    {
      if (clusters[c].weight <= 0)
        clusters[c] = clusters[--k];
      else
        c++;
    }
  for (;;)
    {
      float best = G_MAXFLOAT;
      guint a = 0, b = 0;

      for (guint i = 0; i < k; i++)
        for (guint j = i + 1; j < k; j++)
          {
            float d = lab_distance2 (clusters[i].lab, clusters[j].lab);

            if (d < best)
              {
                best = d;
                a = i;
                b = j;
              }
          }
      if (k <= 2 || (best >= MERGE_DISTANCE * MERGE_DISTANCE && k <= MAX_PALETTE))
        break;
      merge_clusters (clusters, &k, a, b);
    }
  for (;;)
    {
      guint smallest = 0;
      float best = G_MAXFLOAT;
      guint into = 0;

      for (guint i = 1; i < k; i++)
        if (clusters[i].weight < clusters[smallest].weight)
          smallest = i;
      if (k <= 2 || clusters[smallest].weight >= MIN_SHARE * total)
        break;
      for (guint i = 0; i < k; i++)
        if (i != smallest && lab_distance2 (clusters[i].lab, clusters[smallest].lab) < best)
          {
            best = lab_distance2 (clusters[i].lab, clusters[smallest].lab);
            into = i;
          }
      merge_clusters (clusters, &k, into, smallest);
    }

  /* A few rounds with the merged centres put each colour back where it
   * belongs and give the true shares. */
  memset (assign, 0xff, n_points * sizeof (guint16));
  run_kmeans (points, weights, n_points, clusters, k, assign, 5);
  qsort (clusters, k, sizeof (Cluster), compare_clusters);

  for (guint c = 0; c < k; c++)
    {
      CcPaletteColour *colour;
      guint8 rgb[3];

      if (clusters[c].weight <= 0)
        continue;
      oklab_to_rgb (clusters[c].lab, rgb);
      colour = g_new0 (CcPaletteColour, 1);
      colour->r = rgb[0];
      colour->g = rgb[1];
      colour->b = rgb[2];
      colour->share = round (clusters[c].weight / total * 10000.0) / 10000.0;
      g_ptr_array_add (analysis->palette, colour);
    }
}

/* Perceptual hash: luma averaged down to 32×32, its DCT, and the 8×8
 * lowest frequencies but the DC against their median. */
static guint64
measure_phash (const Work *work)
{
  int w = work->width, h = work->height;
  double small[32][32];
  double rows[32][8];
  double coeffs[64];
  double sorted[63];
  double cosines[8][32];
  double median;
  guint64 hash = 0;

  for (int j = 0; j < 32; j++)
    {
      int sy0 = j * h / 32, sy1 = MAX (sy0 + 1, (j + 1) * h / 32);

      for (int i = 0; i < 32; i++)
        {
          int sx0 = i * w / 32, sx1 = MAX (sx0 + 1, (i + 1) * w / 32);
          guint64 sum = 0;

          for (int y = sy0; y < sy1; y++)
            for (int x = sx0; x < sx1; x++)
              sum += work->luma[(gsize) y * w + x];
          small[j][i] = (double) sum / ((sy1 - sy0) * (sx1 - sx0));
        }
    }

  for (int u = 0; u < 8; u++)
    for (int x = 0; x < 32; x++)
      cosines[u][x] = cos ((2 * x + 1) * u * G_PI / 64.0);
  for (int y = 0; y < 32; y++)
    for (int u = 0; u < 8; u++)
      {
        double s = 0;

        for (int x = 0; x < 32; x++)
          s += small[y][x] * cosines[u][x];
        rows[y][u] = s;
      }
  for (int v = 0; v < 8; v++)
    for (int u = 0; u < 8; u++)
      {
        double s = 0;

        for (int y = 0; y < 32; y++)
          s += rows[y][u] * cosines[v][y];
        coeffs[v * 8 + u] = s;
      }

  memcpy (sorted, coeffs + 1, sizeof sorted);
  qsort (sorted, 63, sizeof (double), compare_doubles);
  median = sorted[31];
  for (int i = 1; i < 64; i++)
    if (coeffs[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;
  return hash;
}

int
cc_phash_distance (guint64 a,
                   guint64 b)
{
  return __builtin_popcountll (a ^ b);
}

static double
round4 (double value)
{
  return round (value * 10000.0) / 10000.0;
}

/* Decoding */

static GdkPixbuf *
load_working_copy (const char  *path,
                   gboolean     is_jpeg,
                   int          width,
                   int          height,
                   GError     **error)
{
  int longest = MAX (width, height);

  if (is_jpeg)
    {
      int denom = 1;

      while (denom < 8 && longest / (denom * 2) >= WORK_MIN_LONG)
        denom *= 2;
      /* Exactly a DCT scale: libjpeg decodes straight to it, nothing is
       * resampled afterwards. */
      if ((longest + denom - 1) / denom <= WORK_MAX_LONG)
        {
          if (denom == 1)
            return gdk_pixbuf_new_from_file (path, error);
          return gdk_pixbuf_new_from_file_at_scale (path, (width + denom - 1) / denom,
                                                    (height + denom - 1) / denom, FALSE, error);
        }
    }
  else if (longest <= WORK_MAX_LONG)
    return gdk_pixbuf_new_from_file (path, error);
  return gdk_pixbuf_new_from_file_at_scale (path, WORK_BOX, WORK_BOX, TRUE, error);
}

static CcPhotoAnalysis *
analyse_pixbuf (GdkPixbuf    *pixbuf,
                int           width,
                int           height,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(CcPhotoAnalysis) analysis = analysis_new ();
  Work work = { 0 };
  Measures *m = analysis->measures;
  int box[4];

  analysis->width = width;
  analysis->height = height;

  work_fill (&work, pixbuf);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      work_clear (&work);
      return NULL;
    }

  measure_subject (&work, analysis, m, box);
  measure_tones (&work, m, box);
  measure_cast (&work, m);
  m->sharpness = measure_sharpness (&work);
  m->noise = measure_noise (&work);
  measure_palette (&work, analysis);
  analysis->phash = measure_phash (&work);
  work_clear (&work);

  /* What is stored is what is interpreted: the same text after a round
   * trip through JSON. */
  m->sharpness = round4 (m->sharpness);
  m->mean_luma = round4 (m->mean_luma);
  m->clip_high = round4 (m->clip_high);
  m->clip_low = round4 (m->clip_low);
  m->neutral_share = round4 (m->neutral_share);
  m->cast_a = round4 (m->cast_a);
  m->cast_b = round4 (m->cast_b);
  m->noise = round4 (m->noise);
  m->bg_edges = round4 (m->bg_edges);
  m->bg_spread = round4 (m->bg_spread);
  m->texture = round4 (m->texture);
  m->specular = round4 (m->specular);
  analysis->subject_share = round4 (analysis->subject_share);

  interpret (analysis);
  return g_steal_pointer (&analysis);
}

CcPhotoAnalysis *
cc_photo_analyse_file (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *format_name = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean is_jpeg;
  int width = 0;
  int height = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  format_name = cc_photos_probe_file (path, &width, &height, error);
  if (format_name == NULL)
    return NULL;
  display_name = g_filename_display_basename (path);
  is_jpeg = g_strcmp0 (format_name, "jpeg") == 0;

  if (!is_jpeg && (gint64) width * height > CC_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is %d × %d pixels, more than the %d megapixels CraftChain can open "
                     "in this format; save it as a JPEG or make it smaller"),
                   display_name, width, height, CC_PHOTO_MAX_PIXELS / 1000000);
      return NULL;
    }
  if (is_jpeg && (gint64) width * height > MAX_JPEG_PIXELS)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is %d × %d pixels, too large to be a photo"),
                   display_name, width, height);
      return NULL;
    }

  if (!cc_photos_check_whole (path, format_name, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  decoded = load_working_copy (path, is_jpeg, width, height, &local_error);
  if (decoded == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is damaged and cannot be opened: %s"),
                   display_name, local_error->message);
      return NULL;
    }

  /* The size a buyer sees is the one after EXIF orientation. */
  cc_photos_orient_size (decoded, &width, &height);
  oriented = gdk_pixbuf_apply_embedded_orientation (decoded);
  if (oriented == NULL)
    oriented = g_object_ref (decoded);
  g_clear_object (&decoded);

  if (gdk_pixbuf_get_width (oriented) < 8 || gdk_pixbuf_get_height (oriented) < 8 ||
      gdk_pixbuf_get_bits_per_sample (oriented) != 8 || gdk_pixbuf_get_n_channels (oriented) < 3)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is too small to judge as a photo"), display_name);
      return NULL;
    }

  return analyse_pixbuf (oriented, width, height, cancellable, error);
}

/* JSON */

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

char *
cc_photo_analysis_to_json (const CcPhotoAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char phash[17];

  g_return_val_if_fail (analysis != NULL, NULL);

  g_snprintf (phash, sizeof phash, "%016" G_GINT64_MODIFIER "x", analysis->phash);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, analysis->version);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, analysis->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, analysis->height);
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, analysis->score);
  json_builder_set_member_name (builder, "phash");
  json_builder_add_string_value (builder, phash);
  add_double (builder, "subject_share", analysis->subject_share);

  json_builder_set_member_name (builder, "palette");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->palette != NULL && i < analysis->palette->len; i++)
    {
      CcPaletteColour *colour = g_ptr_array_index (analysis->palette, i);
      char hex[8];

      g_snprintf (hex, sizeof hex, "#%02x%02x%02x", colour->r, colour->g, colour->b);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "hex");
      json_builder_add_string_value (builder, hex);
      add_double (builder, "share", colour->share);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, colour->name ? colour->name : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->parts != NULL && i < analysis->parts->len; i++)
    {
      CcQualityPart *part = g_ptr_array_index (analysis->parts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "aspect");
      json_builder_add_string_value (builder, (guint) part->aspect < CC_QUALITY_N_ASPECTS
                                              ? aspect_keys[part->aspect] : "");
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, part->score);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, part->reason ? part->reason : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->suggestions != NULL && i < analysis->suggestions->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (analysis->suggestions, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "style_tags");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->style_tags != NULL && i < analysis->style_tags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (analysis->style_tags, i));
  json_builder_end_array (builder);

  if (analysis->measures != NULL)
    {
      const Measures *m = analysis->measures;

      json_builder_set_member_name (builder, "measures");
      json_builder_begin_object (builder);
      add_double (builder, "sharpness", m->sharpness);
      add_double (builder, "mean_luma", m->mean_luma);
      add_double (builder, "clip_high", m->clip_high);
      add_double (builder, "clip_low", m->clip_low);
      add_double (builder, "spread", m->spread);
      add_double (builder, "neutral_share", m->neutral_share);
      add_double (builder, "cast_a", m->cast_a);
      add_double (builder, "cast_b", m->cast_b);
      add_double (builder, "noise", m->noise);
      add_double (builder, "bg_edges", m->bg_edges);
      add_double (builder, "bg_spread", m->bg_spread);
      add_double (builder, "texture", m->texture);
      add_double (builder, "specular", m->specular);
      json_builder_set_member_name (builder, "subject_found");
      json_builder_add_boolean_value (builder, m->subject_found);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            int         min,
            int         max,
            int        *out)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
parse_hex_colour (const char *text,
                  guint8     *rgb)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      rgb[i] = (guint8) (hi * 16 + lo);
    }
  return TRUE;
}

static gboolean
read_string_array (JsonObject *object,
                   const char *name,
                   GPtrArray  *out)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return FALSE;
      g_ptr_array_add (out, g_strdup (json_node_get_string (item)));
    }
  return TRUE;
}

static gboolean
read_palette (JsonObject      *object,
              CcPhotoAnalysis *analysis)
{
  JsonNode *node = json_object_get_member (object, "palette");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_CLUSTERS)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      CcPaletteColour *colour;
      JsonObject *entry;
      guint8 rgb[3];
      double share;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      entry = json_node_get_object (item);
      if (!parse_hex_colour (member_string (entry, "hex"), rgb) ||
          !member_number (entry, "share", &share) || share < 0 || share > 1)
        return FALSE;
      colour = g_new0 (CcPaletteColour, 1);
      colour->r = rgb[0];
      colour->g = rgb[1];
      colour->b = rgb[2];
      colour->share = share;
      colour->name = g_strdup (member_string (entry, "name"));
      g_ptr_array_add (analysis->palette, colour);
    }
  return TRUE;
}

static gboolean
read_parts (JsonObject      *object,
            CcPhotoAnalysis *analysis)
{
  JsonNode *node = json_object_get_member (object, "parts");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != CC_QUALITY_N_ASPECTS)
    return FALSE;
  for (guint i = 0; i < CC_QUALITY_N_ASPECTS; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *entry;
      int score;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      entry = json_node_get_object (item);
      if (g_strcmp0 (member_string (entry, "aspect"), aspect_keys[i]) != 0 ||
          !member_int (entry, "score", 0, 100, &score) || member_string (entry, "reason") == NULL)
        return FALSE;
      add_part (analysis, i, score, g_strdup (member_string (entry, "reason")));
    }
  return TRUE;
}

static gboolean
read_measures (JsonObject *object,
               Measures   *m)
{
  JsonNode *node = json_object_get_member (object, "measures");
  JsonObject *measures;
  JsonNode *found;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  measures = json_node_get_object (node);
  found = json_object_get_member (measures, "subject_found");
  if (found == NULL || !JSON_NODE_HOLDS_VALUE (found) || json_node_get_value_type (found) != G_TYPE_BOOLEAN)
    return FALSE;
  m->subject_found = json_node_get_boolean (found);
  return member_number (measures, "sharpness", &m->sharpness) &&
         member_number (measures, "mean_luma", &m->mean_luma) &&
         member_number (measures, "clip_high", &m->clip_high) &&
         member_number (measures, "clip_low", &m->clip_low) &&
         member_number (measures, "spread", &m->spread) &&
         member_number (measures, "neutral_share", &m->neutral_share) &&
         member_number (measures, "cast_a", &m->cast_a) &&
         member_number (measures, "cast_b", &m->cast_b) &&
         member_number (measures, "noise", &m->noise) &&
         member_number (measures, "bg_edges", &m->bg_edges) &&
         member_number (measures, "bg_spread", &m->bg_spread) &&
         member_number (measures, "texture", &m->texture) &&
         member_number (measures, "specular", &m->specular);
}

CcPhotoAnalysis *
cc_photo_analysis_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CcPhotoAnalysis) analysis = analysis_new ();
  JsonObject *object;
  JsonNode *root;
  const char *phash;
  char *end = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    goto corrupt;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto corrupt;
  object = json_node_get_object (root);

  phash = member_string (object, "phash");
  if (!member_int (object, "version", 1, G_MAXINT, &analysis->version) ||
      !member_int (object, "width", 1, G_MAXINT, &analysis->width) ||
      !member_int (object, "height", 1, G_MAXINT, &analysis->height) ||
      !member_int (object, "score", 0, 100, &analysis->score) ||
      phash == NULL || strlen (phash) != 16 ||
      !member_number (object, "subject_share", &analysis->subject_share) ||
      !read_palette (object, analysis))
    goto corrupt;
  analysis->phash = g_ascii_strtoull (phash, &end, 16);
  if (end == NULL || *end != '\0')
    goto corrupt;

  if (read_measures (object, analysis->measures))
    /* The words in today's language, from what was measured. */
    interpret (analysis);
  else
    {
      /* Made elsewhere without its measures: the texts as they are. */
      g_clear_pointer (&analysis->measures, g_free);
      if (!read_parts (object, analysis) ||
          !read_string_array (object, "suggestions", analysis->suggestions) ||
          !read_string_array (object, "style_tags", analysis->style_tags))
        goto corrupt;
    }
  return g_steal_pointer (&analysis);

corrupt:
  g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT, _("This is not a stored photo analysis"));
  return NULL;
}

/* Storage */

CcPhotoAnalysis *
cc_photo_analysis_lookup (CcStore    *store,
                          const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  CcPhotoAnalysis *analysis;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT json FROM photo_analysis WHERE sha256 = ?1 AND version = ?2",
                                  &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read a photo analysis: %s", error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, CC_PHOTO_ANALYSIS_VERSION);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = cc_sqlite_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, &error);
      g_warning ("Could not read a photo analysis: %s", error->message);
    }
  sqlite3_reset (stmt);
  if (json == NULL)
    return NULL;

  analysis = cc_photo_analysis_from_json (json, &error);
  if (analysis == NULL)
    /* A damaged cache row is simply redone. */
    g_debug ("Stored analysis of %s is unreadable: %s", sha256, error->message);
  else if (analysis->version != CC_PHOTO_ANALYSIS_VERSION)
    g_clear_pointer (&analysis, cc_photo_analysis_free);
  return analysis;
}

gboolean
cc_photo_analysis_save (CcStore                *store,
                        const char             *sha256,
                        const CcPhotoAnalysis  *analysis,
                        GError                **error)
{
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (analysis != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cc_photos_is_sha256 (sha256))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT, _("This is not a stored photo"));
      return FALSE;
    }

  json = cc_photo_analysis_to_json (analysis);
  stmt = cc_store_prepare_cached (store,
                                  "INSERT INTO photo_analysis (sha256, version, score, phash, json) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5) "
                                  "ON CONFLICT (sha256) DO UPDATE SET version = excluded.version, "
                                  "score = excluded.score, phash = excluded.phash, json = excluded.json",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, analysis->version);
  sqlite3_bind_int (stmt, 3, analysis->score);
  sqlite3_bind_int64 (stmt, 4, (gint64) analysis->phash);
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

GStrv
cc_photo_analysis_dup_missing (CcStore *store)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  stmt = cc_store_prepare_cached (store,
                                  "SELECT s.sha256 FROM ("
                                  "  SELECT ph.sha256 AS sha256 FROM photos ph "
                                  "  JOIN products p ON p.id = ph.product_id "
                                  "  WHERE ph.deleted = 0 AND p.deleted = 0 AND ph.sha256 != '' "
                                  "  UNION "
                                  "  SELECT v.poster_sha256 FROM product_videos v "
                                  "  JOIN products p ON p.id = v.product_id "
                                  "  WHERE v.deleted = 0 AND p.deleted = 0 AND v.poster_sha256 != ''"
                                  ") s "
                                  "LEFT JOIN photo_analysis a ON a.sha256 = s.sha256 AND a.version = ?1 "
                                  "WHERE a.sha256 IS NULL ORDER BY s.sha256",
                                  &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list photos to analyse: %s", error->message);
      return g_strv_builder_end (builder);
    }
  sqlite3_bind_int (stmt, 1, CC_PHOTO_ANALYSIS_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, &error);
      g_warning ("Could not list photos to analyse: %s", error->message);
    }
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/* Analysing in the background */

typedef struct
{
  char               *db_path;
  GMainContext       *context;
  CcAnalysisProgress  progress;
  gpointer            progress_data;
} RunJob;

static void
run_job_free (RunJob *job)
{
  g_free (job->db_path);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  CcAnalysisProgress  progress;
  gpointer            progress_data;
  guint               done;
  guint               total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;

  report->progress (report->done, report->total, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (RunJob *job,
                 guint   done,
                 guint   total)
{
  ProgressReport *report;

  if (job->progress == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->progress = job->progress;
  report->progress_data = job->progress_data;
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress_cb, report, g_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunJob *job = task_data;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  guint total;
  guint analysed = 0;

  store = cc_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  missing = cc_photo_analysis_dup_missing (store);
  total = g_strv_length (missing);
  report_progress (job, 0, total);

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(CcPhotoAnalysis) analysis = NULL;
      g_autoptr(GError) photo_error = NULL;
      g_autofree char *path = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      path = cc_photos_dup_blob_path (cc_store_get_data_dir (store), missing[i]);
      /* A photo that has not arrived yet, or cannot be read, waits for the
       * next run; the others go on. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        analysis = cc_photo_analyse_file (path, cancellable, &photo_error);
      if (analysis != NULL)
        {
          if (!cc_photo_analysis_save (store, missing[i], analysis, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          analysed++;
        }
      else if (photo_error != NULL && !g_error_matches (photo_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Photo %s not analysed: %s", missing[i], photo_error->message);
      report_progress (job, i + 1, total);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_int (task, analysed);
}

void
cc_photo_analysis_run_async (CcStore             *store,
                             CcAnalysisProgress   progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunJob *job;

  g_return_if_fail (CC_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_photo_analysis_run_async);
  g_task_set_name (task, "[craftchain] photo analysis");

  job = g_new0 (RunJob, 1);
  job->db_path = g_strdup (cc_store_get_path (store));
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, (GDestroyNotify) run_job_free);

  g_task_run_in_thread (task, run_thread);
}

gboolean
cc_photo_analysis_run_finish (CcStore       *store,
                              GAsyncResult  *result,
                              guint         *out_analysed,
                              GError       **error)
{
  gssize analysed;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_photo_analysis_run_async, FALSE);

  analysed = g_task_propagate_int (G_TASK (result), error);
  if (analysed < 0)
    return FALSE;
  if (out_analysed != NULL)
    *out_analysed = (guint) analysed;
  return TRUE;
}

/* Similar photos and pieces */

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const CcPhotoMatch *ma = *(CcPhotoMatch * const *) a;
  const CcPhotoMatch *mb = *(CcPhotoMatch * const *) b;

  if (ma->distance != mb->distance)
    return ma->distance - mb->distance;
  return g_strcmp0 (ma->photo_id, mb->photo_id);
}

/* A palette for comparing pieces: the backdrop (near-white or near-black
 * and colourless) left out, the rest renormalised. */
typedef struct
{
  guint        n;
  PaletteEntry entries[MAX_CLUSTERS];
} Swatches;

static gboolean
swatches_from_json (const char *palette_json,
                    Swatches   *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;
  Swatches all = { 0 };
  double kept = 0, everything = 0;

  memset (out, 0, sizeof *out);
  if (palette_json == NULL || !json_parser_load_from_data (parser, palette_json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array) && all.n < MAX_CLUSTERS; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *entry;
      guint8 rgb[3];
      double share;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      entry = json_node_get_object (item);
      if (!parse_hex_colour (member_string (entry, "hex"), rgb) || !member_number (entry, "share", &share))
        continue;
      rgb_to_oklab (rgb[0], rgb[1], rgb[2], all.entries[all.n].lab);
      all.entries[all.n].share = share;
      everything += share;
      all.n++;
    }
  for (guint i = 0; i < all.n; i++)
    {
      const float *lab = all.entries[i].lab;

      if (lab_chroma (lab) < 0.03 && (lab[0] > 0.9 || lab[0] < 0.2))
        continue;
      out->entries[out->n++] = all.entries[i];
      kept += all.entries[i].share;
    }
  if (out->n == 0)
    {
      *out = all;
      kept = everything;
    }
  for (guint i = 0; i < out->n && kept > 0; i++)
    out->entries[i].share /= kept;
  return out->n > 0;
}

/* Each colour's distance to the other palette's nearest, weighted by its
 * share, both ways: a cheap earth mover's distance. */
static double
swatches_distance (const Swatches *a,
                   const Swatches *b)
{
  double d = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      const Swatches *from = pass == 0 ? a : b;
      const Swatches *to = pass == 0 ? b : a;

      for (guint i = 0; i < from->n; i++)
        {
          float best = G_MAXFLOAT;

          for (guint j = 0; j < to->n; j++)
            best = MIN (best, lab_distance2 (from->entries[i].lab, to->entries[j].lab));
          d += from->entries[i].share * sqrt (best);
        }
    }
  return d / 2.0;
}

/* Two photos of one piece keep its colours when resized or recompressed;
 * two pieces shot alike on one backdrop share the pHash's coarse layout but
 * not their colours. Beyond this (OKLab, share-weighted) they are two. */
#define DUPLICATE_MAX_PALETTE_DISTANCE 0.06

GPtrArray *
cc_photo_analysis_find_similar_photos (CcStore    *store,
                                       guint64     phash,
                                       int         max_distance,
                                       const char *exclude_sha256)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_photo_match_free);
  g_autoptr(GError) error = NULL;
  Swatches own_swatches;
  gboolean have_own = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  if (exclude_sha256 != NULL)
    {
      g_autofree char *own_palette = NULL;

      stmt = cc_store_prepare_cached (store,
                                      "SELECT json_extract (json, '$.palette') FROM photo_analysis "
                                      "WHERE sha256 = ?1 AND version = ?2", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, exclude_sha256, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 2, CC_PHOTO_ANALYSIS_VERSION);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            own_palette = cc_sqlite_column_dup (stmt, 0);
          sqlite3_reset (stmt);
        }
      have_own = swatches_from_json (own_palette, &own_swatches);
    }

  stmt = cc_store_prepare_cached (store,
                                  "SELECT ph.product_id, ph.id, ph.sha256, a.phash, json_extract (a.json, '$.palette') "
                                  "FROM photo_analysis a "
                                  "JOIN photos ph ON ph.sha256 = a.sha256 AND ph.deleted = 0 "
                                  "JOIN products p ON p.id = ph.product_id AND p.deleted = 0 "
                                  "WHERE a.version = ?1",
                                  &error);
  if (stmt == NULL)
    {
      g_warning ("Could not look for similar photos: %s", error->message);
      return g_steal_pointer (&matches);
    }
  sqlite3_bind_int (stmt, 1, CC_PHOTO_ANALYSIS_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 2);
      int distance = cc_phash_distance (phash, (guint64) sqlite3_column_int64 (stmt, 3));
      CcPhotoMatch *match;
      Swatches swatches;

      if (distance > max_distance || g_strcmp0 (sha256, exclude_sha256) == 0)
        continue;
      if (have_own && swatches_from_json ((const char *) sqlite3_column_text (stmt, 4), &swatches) &&
          swatches_distance (&own_swatches, &swatches) > DUPLICATE_MAX_PALETTE_DISTANCE)
        continue;
      match = g_new0 (CcPhotoMatch, 1);
      match->product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      match->photo_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      match->sha256 = g_strdup (sha256);
      match->distance = distance;
      g_ptr_array_add (matches, match);
    }
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, &error);
      g_warning ("Could not look for similar photos: %s", error->message);
    }
  sqlite3_reset (stmt);
  g_ptr_array_sort (matches, compare_matches);
  return g_steal_pointer (&matches);
}

typedef struct
{
  char   *product_id;
  int     hash_distance;    /* nearest photo, 64 when none */
  double  palette_distance; /* covers, G_MAXDOUBLE when unknown */
  double  closeness;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->product_id);
  g_free (candidate);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(Candidate * const *) a;
  const Candidate *cb = *(Candidate * const *) b;

  if (ca->closeness != cb->closeness)
    return ca->closeness > cb->closeness ? -1 : 1;
  return g_strcmp0 (ca->product_id, cb->product_id);
}

/* Hash distances up to this say "looks alike"; random pairs sit near 32. */
#define SIMILAR_HASH_DISTANCE 16
#define SIMILAR_PALETTE_DISTANCE 0.05

GPtrArray *
cc_photo_analysis_similar_products (CcStore    *store,
                                    const char *product_id,
                                    guint       limit)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) own_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;
  Swatches own_swatches = { 0 };
  gboolean have_swatches = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  /* Every analysed photo of every live piece: the hash, and for covers
   * the palette. Own rows first. */
  stmt = cc_store_prepare_cached (store,
                                  "SELECT ph.product_id, a.phash, "
                                  "  CASE WHEN ph.position = (SELECT min (position) FROM photos c "
                                  "       WHERE c.product_id = ph.product_id AND c.deleted = 0) "
                                  "  THEN json_extract (a.json, '$.palette') END "
                                  "FROM photos ph "
                                  "JOIN products p ON p.id = ph.product_id AND p.deleted = 0 "
                                  "JOIN photo_analysis a ON a.sha256 = ph.sha256 AND a.version = ?2 "
                                  "WHERE ph.deleted = 0 "
                                  "ORDER BY ph.product_id != ?1, ph.product_id, ph.position",
                                  &error);
  if (stmt == NULL)
    {
      g_warning ("Could not look for similar pieces: %s", error->message);
      return g_steal_pointer (&result);
    }
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, CC_PHOTO_ANALYSIS_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *other = (const char *) sqlite3_column_text (stmt, 0);
      guint64 hash = (guint64) sqlite3_column_int64 (stmt, 1);
      const char *palette = (const char *) sqlite3_column_text (stmt, 2);
      Candidate *candidate;

      if (g_strcmp0 (other, product_id) == 0)
        {
          g_array_append_val (own_hashes, hash);
          if (palette != NULL && !have_swatches)
            have_swatches = swatches_from_json (palette, &own_swatches);
          continue;
        }
      if (own_hashes->len == 0)
        break;  /* this piece has no analysed photo: nothing to compare */

      candidate = g_hash_table_lookup (candidates, other);
      if (candidate == NULL)
        {
          candidate = g_new0 (Candidate, 1);
          candidate->product_id = g_strdup (other);
          candidate->hash_distance = 64;
          candidate->palette_distance = G_MAXDOUBLE;
          g_hash_table_insert (candidates, candidate->product_id, candidate);
          g_ptr_array_add (ranked, candidate);
        }
      for (guint i = 0; i < own_hashes->len; i++)
        candidate->hash_distance = MIN (candidate->hash_distance,
                                        cc_phash_distance (hash, g_array_index (own_hashes, guint64, i)));
      if (palette != NULL && have_swatches)
        {
          Swatches swatches;

          if (swatches_from_json (palette, &swatches))
            candidate->palette_distance = swatches_distance (&own_swatches, &swatches);
        }
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cc_store_set_sqlite_error (store, &error);
      g_warning ("Could not look for similar pieces: %s", error->message);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ranked->len;)
    {
      Candidate *candidate = g_ptr_array_index (ranked, i);
      double by_hash = 1.0 - (double) candidate->hash_distance / (2.0 * SIMILAR_HASH_DISTANCE);
      double by_palette = candidate->palette_distance == G_MAXDOUBLE
                          ? 0 : 1.0 - candidate->palette_distance / (2.0 * SIMILAR_PALETTE_DISTANCE);

      /* Either alone can make two pieces alike; both together rank
       * highest. */
      if (candidate->hash_distance > SIMILAR_HASH_DISTANCE &&
          candidate->palette_distance > SIMILAR_PALETTE_DISTANCE)
        {
          g_ptr_array_remove_index_fast (ranked, i);
          continue;
        }
      candidate->closeness = MAX (by_hash, by_palette) + 0.25 * MIN (MAX (by_hash, 0), MAX (by_palette, 0));
      i++;
    }
  g_ptr_array_sort (ranked, compare_candidates);
  for (guint i = 0; i < ranked->len && i < limit; i++)
    g_ptr_array_add (result, g_strdup (((Candidate *) g_ptr_array_index (ranked, i))->product_id));
  return g_steal_pointer (&result);
}

GPtrArray *
cc_photo_analysis_products_needing_photos (CcStore *store,
                                           int      threshold)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  /* No photo first, then the weakest covers. A cover not analysed yet is
   * not judged. Archived pieces are no longer offered, so left out. */
  stmt = cc_store_prepare_cached (store,
                                  "SELECT p.id FROM products p "
                                  "LEFT JOIN photos ph ON ph.id = ("
                                  "  SELECT c.id FROM photos c WHERE c.product_id = p.id AND c.deleted = 0 "
                                  "  ORDER BY c.position, c.id LIMIT 1) "
                                  "LEFT JOIN photo_analysis a ON a.sha256 = ph.sha256 AND a.version = ?1 "
                                  "WHERE p.deleted = 0 AND p.status != 'archived' "
                                  "  AND (ph.id IS NULL OR a.score < ?2) "
                                  "ORDER BY ph.id IS NOT NULL, a.score, p.title COLLATE NOCASE, p.id",
                                  &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list pieces needing photos: %s", error->message);
      return g_steal_pointer (&result);
    }
  sqlite3_bind_int (stmt, 1, CC_PHOTO_ANALYSIS_VERSION);
  sqlite3_bind_int (stmt, 2, threshold);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cc_store_set_sqlite_error (store, &error);
      g_warning ("Could not list pieces needing photos: %s", error->message);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&result);
}
