/* cc-photo-insights.c — the product editor's Photos tab: each photo's analysis, palette and advice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyses themselves are made elsewhere (the window's background
 * runner, on a worker); this tab shows what the store holds and, while a
 * photo still has none, shows it as being analysed and looks again each
 * second and on every commit, so it fills in by itself.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-catalogue.h"
#include "cc-photo-analysis.h"
#include "cc-photo-export.h"
#include "cc-photo-insights.h"
#include "cc-photos.h"
#include "cc-thumbnail-loader.h"
#include "cc-ui-util.h"

#define THUMB_SIZE        160
#define SIMILAR_THUMB     96
#define SIMILAR_LIMIT     8
#define GOOD_ABOVE        80   /* "good" from here; "fair" from CC_PHOTO_GOOD_SCORE */
#define POLL_INTERVAL_MS  1000

/* What one photo's card shows, for the getters tests use. */
typedef struct
{
  char      *sha256;
  gboolean   analysed;
  int        score;
  guint      n_parts;
  guint      n_swatches;
  guint      n_suggestions;
  char      *duplicate;     /* warning text, or NULL */
} PhotoView;

static void
photo_view_free (PhotoView *view)
{
  g_free (view->sha256);
  g_free (view->duplicate);
  g_free (view);
}

struct _CcPhotoInsights
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkStack     *stack;          /* the bin's child */
  GtkButton    *export_button;
  GtkButton    *moodboard_button;
  GtkSpinner   *work_spinner;
  GtkLabel     *status_label;
  GtkBox       *photos_box;
  AdwPreferencesGroup *similar_group;
  GtkFlowBox   *similar_flow;

  /* owned */
  CcStore      *store;
  char         *product_id;
  GPtrArray    *views;          /* PhotoView*, cover first */
  char         *signature;      /* of what is shown: rebuilt only on change */
  char         *status_text;
  GCancellable *cancellable;    /* the export or moodboard worker */
  guint         reload_source;
  guint         poll_source;
  guint         n_similar;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CcPhotoInsights, cc_photo_insights, ADW_TYPE_BIN)

static void reload (CcPhotoInsights *self,
                    gboolean         force);

/* Style shared with the catalogue */

static const char style_css[] =
  ".photo-score { font-size: 34pt; font-weight: 800; }\n"
  ".photo-score-caption { font-weight: bold; }\n"
  ".photo-score.good, .photo-score-caption.good, .photo-part-score.good { color: @success_color; }\n"
  ".photo-score.fair, .photo-score-caption.fair, .photo-part-score.fair { color: @warning_color; }\n"
  ".photo-score.poor, .photo-score-caption.poor, .photo-part-score.poor { color: @error_color; }\n"
  ".photo-part-score { font-weight: bold; font-feature-settings: \"tnum\"; }\n"
  ".photo-score-badge { font-size: smaller; font-weight: bold; padding: 1px 7px;"
  "  border-radius: 999px; font-feature-settings: \"tnum\"; }\n"
  ".photo-score-badge.good { background-color: @success_bg_color; color: @success_fg_color; }\n"
  ".photo-score-badge.fair { background-color: @warning_bg_color; color: @warning_fg_color; }\n"
  ".photo-score-badge.poor { background-color: @error_bg_color; color: @error_fg_color; }\n"
  ".photo-card { padding: 12px; }\n"
  ".photo-card picture { border-radius: 8px; }\n"
  ".style-chip { padding: 2px 10px; border-radius: 999px;"
  "  background-color: alpha(@accent_bg_color, 0.15); color: @accent_color; }\n"
  ".photo-duplicate { color: @warning_color; }\n";

void
cc_photo_insights_ensure_style (void)
{
  static gboolean installed;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (installed || display == NULL)
    return;
  installed = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, style_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

const char *
cc_photo_score_get_grade (int score)
{
  if (score >= GOOD_ABOVE)
    return "good";
  if (score >= CC_PHOTO_GOOD_SCORE)
    return "fair";
  return "poor";
}

const char *
cc_photo_score_get_grade_label (int score)
{
  if (score >= GOOD_ABOVE)
    return C_("photo score", "Good");
  if (score >= CC_PHOTO_GOOD_SCORE)
    return C_("photo score", "Fair");
  return C_("photo score", "Poor");
}

static void
set_grade_class (GtkWidget *widget,
                 int        score)
{
  gtk_widget_remove_css_class (widget, "good");
  gtk_widget_remove_css_class (widget, "fair");
  gtk_widget_remove_css_class (widget, "poor");
  if (score >= 0)
    gtk_widget_add_css_class (widget, cc_photo_score_get_grade (score));
}

void
cc_photo_score_badge_update (GtkLabel *label,
                             int       score)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_visible (GTK_WIDGET (label), score >= 0);
  if (score < 0)
    return;
  cc_photo_insights_ensure_style ();
  gtk_widget_add_css_class (GTK_WIDGET (label), "photo-score-badge");
  set_grade_class (GTK_WIDGET (label), score);
  text = g_strdup_printf ("%d", score);
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

char *
cc_photo_insights_dup_analysis_markup (CcStore    *store,
                                       const char *sha256)
{
  g_autoptr(CcPhotoAnalysis) analysis = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  if (sha256 == NULL || (analysis = cc_photo_analysis_lookup (store, sha256)) == NULL)
    return NULL;

  /* Translators: the cover photo's score, out of 100, and its grade. */
  heading = g_strdup_printf (_("Cover photo: %d/100, %s"), analysis->score,
                             cc_photo_score_get_grade_label (analysis->score));
  g_string_append (out, "<b>");
  g_string_append (out, heading);
  g_string_append (out, "</b>");
  for (guint i = 0; analysis->parts != NULL && i < analysis->parts->len; i++)
    {
      CcQualityPart *part = g_ptr_array_index (analysis->parts, i);
      g_autofree char *line = g_markup_printf_escaped ("\n%s: %d — %s",
                                                       cc_quality_aspect_get_label (part->aspect),
                                                       part->score,
                                                       part->reason != NULL ? part->reason : "");

      g_string_append (out, line);
    }
  if (analysis->suggestions != NULL && analysis->suggestions->len > 0)
    {
      g_autofree char *line = g_markup_printf_escaped ("\n\n<i>%s</i>",
                                                       (const char *) g_ptr_array_index (analysis->suggestions, 0));

      g_string_append (out, line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Building a photo's card */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  guint32 rgb = GPOINTER_TO_UINT (data);
  double r = MIN (width, height) / 4.0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  /* A faint edge, so white on white still shows. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const CcPaletteColour *colour)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (colour->name);
  g_autofree char *share_text = NULL;
  GtkWidget *share;
  guint32 rgb = ((guint32) colour->r << 16) | ((guint32) colour->g << 8) | colour->b;
  g_autofree char *hex = g_strdup_printf ("#%02x%02x%02x", colour->r, colour->g, colour->b);

  /* Translators: a colour's share of the photo, in percent. */
  share_text = g_strdup_printf (_("%d%%"), (int) (colour->share * 100 + 0.5));
  share = gtk_label_new (share_text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 56);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 40);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, GUINT_TO_POINTER (rgb), NULL);
  gtk_widget_set_tooltip_text (area, hex);
  gtk_box_append (GTK_BOX (box), area);

  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 10);
  gtk_widget_add_css_class (name, "caption");
  gtk_box_append (GTK_BOX (box), name);

  gtk_widget_add_css_class (share, "caption");
  gtk_widget_add_css_class (share, "dim-label");
  gtk_box_append (GTK_BOX (box), share);
  return box;
}

static GtkWidget *
section_title_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
flow_new (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_can_focus (flow, FALSE);
  return flow;
}

/* A warning when the photo is (nearly) a photo of another piece. */
static char *
dup_duplicate_warning (CcPhotoInsights       *self,
                       const CcPhotoAnalysis *analysis,
                       const char            *sha256)
{
  g_autoptr(GPtrArray) matches = NULL;

  matches = cc_photo_analysis_find_similar_photos (self->store, analysis->phash, CC_PHASH_DUPLICATE, sha256);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      CcPhotoMatch *match = g_ptr_array_index (matches, i);
      g_autoptr(CcProduct) other = NULL;

      if (match->product_id == NULL || g_strcmp0 (match->product_id, self->product_id) == 0)
        continue;
      other = cc_catalogue_get_product (self->store, match->product_id, NULL);
      if (other == NULL)
        continue;
      return g_strdup_printf (_("This photo looks almost the same as a photo of “%s”: buyers may take them for one piece"),
                              cc_product_get_title (other, NULL));
    }
  return NULL;
}

static GtkWidget *
photo_card_new (CcPhotoInsights *self,
                const CcPhoto   *photo,
                guint            index,
                PhotoView       *view)
{
  g_autoptr(CcPhotoAnalysis) analysis = cc_photo_analysis_lookup (self->store, photo->sha256);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *summary = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption;
  g_autofree char *caption_text = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "photo-card");

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), THUMB_SIZE);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), THUMB_SIZE);
  gtk_widget_set_valign (clamp, GTK_ALIGN_START);
  gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  cc_thumbnail_loader_bind (GTK_PICTURE (picture), cc_store_get_data_dir (self->store),
                            photo->sha256, THUMB_SIZE);
  gtk_box_append (GTK_BOX (top), clamp);

  gtk_widget_set_valign (summary, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (summary, TRUE);
  if (index == 0)
    /* Translators: the first photo, with its size in pixels. */
    caption_text = g_strdup_printf (_("Cover photo · %d × %d"), photo->width, photo->height);
  else
    /* Translators: photo number n of a piece, with its size in pixels. */
    caption_text = g_strdup_printf (_("Photo %u · %d × %d"), index + 1, photo->width, photo->height);
  caption = gtk_label_new (caption_text);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (summary), caption);
  gtk_box_append (GTK_BOX (top), summary);
  gtk_box_append (GTK_BOX (card), top);

  view->sha256 = g_strdup (photo->sha256);
  view->score = -1;

  if (analysis == NULL)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *spinner = gtk_spinner_new ();
      GtkWidget *label = gtk_label_new (_("Analysing…"));

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (row), spinner);
      gtk_widget_add_css_class (label, "title-3");
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (summary), row);
      return card;
    }

  view->analysed = TRUE;
  view->score = analysis->score;

  /* The score, big and coloured, and its grade. */
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    g_autofree char *score_text = g_strdup_printf ("%d", analysis->score);
    GtkWidget *score = gtk_label_new (score_text);
    GtkWidget *out_of = gtk_label_new (_("/ 100"));
    GtkWidget *grade = gtk_label_new (cc_photo_score_get_grade_label (analysis->score));

    gtk_widget_add_css_class (score, "photo-score");
    set_grade_class (score, analysis->score);
    gtk_widget_set_name (score, "photo-score");
    gtk_box_append (GTK_BOX (row), score);
    gtk_widget_set_valign (out_of, GTK_ALIGN_BASELINE);
    gtk_widget_add_css_class (out_of, "dim-label");
    gtk_box_append (GTK_BOX (row), out_of);
    gtk_widget_set_valign (grade, GTK_ALIGN_BASELINE);
    gtk_widget_set_margin_start (grade, 12);
    gtk_widget_add_css_class (grade, "photo-score-caption");
    set_grade_class (grade, analysis->score);
    gtk_box_append (GTK_BOX (row), grade);
    gtk_box_append (GTK_BOX (summary), row);
  }

  if (analysis->style_tags != NULL && analysis->style_tags->len > 0)
    {
      /* A few short words: one row. */
      GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      for (guint i = 0; i < analysis->style_tags->len; i++)
        {
          GtkWidget *chip = gtk_label_new (g_ptr_array_index (analysis->style_tags, i));

          gtk_widget_add_css_class (chip, "style-chip");
          gtk_box_append (GTK_BOX (chips), chip);
        }
      gtk_widget_set_halign (chips, GTK_ALIGN_START);
      gtk_widget_set_margin_top (chips, 6);
      gtk_box_append (GTK_BOX (summary), chips);
    }

  view->duplicate = dup_duplicate_warning (self, analysis, photo->sha256);
  if (view->duplicate != NULL)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (view->duplicate);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_widget_add_css_class (row, "photo-duplicate");
      gtk_box_append (GTK_BOX (card), row);
    }

  /* Suggestions first: they are what to do. */
  if (analysis->suggestions != NULL && analysis->suggestions->len > 0)
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_box_append (GTK_BOX (card), section_title_new (_("How to Improve It")));
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < analysis->suggestions->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (analysis->suggestions, i));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (GTK_BOX (card), list);
      view->n_suggestions = analysis->suggestions->len;
    }
  else
    {
      GtkWidget *label = gtk_label_new (_("Nothing to improve: this photo is ready for a listing."));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (card), label);
    }

  /* Each part of the score, with what was measured. */
  if (analysis->parts != NULL && analysis->parts->len > 0)
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_box_append (GTK_BOX (card), section_title_new (_("Score Details")));
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < analysis->parts->len; i++)
        {
          CcQualityPart *part = g_ptr_array_index (analysis->parts, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *text = g_strdup_printf ("%d", part->score);
          GtkWidget *score = gtk_label_new (text);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_quality_aspect_get_label (part->aspect));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), part->reason != NULL ? part->reason : "");
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_add_css_class (score, "photo-part-score");
          set_grade_class (score, part->score);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (GTK_BOX (card), list);
      view->n_parts = analysis->parts->len;
    }

  if (analysis->palette != NULL && analysis->palette->len > 0)
    {
      GtkWidget *flow = flow_new ();

      gtk_box_append (GTK_BOX (card), section_title_new (_("Palette")));
      for (guint i = 0; i < analysis->palette->len; i++)
        gtk_flow_box_append (GTK_FLOW_BOX (flow), swatch_new (g_ptr_array_index (analysis->palette, i)));
      gtk_box_append (GTK_BOX (card), flow);
      view->n_swatches = analysis->palette->len;
    }

  return card;
}

/* Similar pieces */

static void
on_similar_clicked (GtkButton       *button,
                    CcPhotoInsights *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "cc-product-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (id == NULL)
    return;
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.open-product", "s", id))
    return;
  /* The editor is a window of its own: the main window opens pieces. */
  if (GTK_IS_WINDOW (root))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (root));

      if (parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-product", "s", id);
    }
}

static GtkWidget *
similar_button_new (CcPhotoInsights *self,
                    const CcProduct *product)
{
  g_autoptr(GPtrArray) photos = cc_photos_list (self->store, product->id);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *title = gtk_label_new (cc_product_get_title (product, NULL));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), SIMILAR_THUMB);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), SIMILAR_THUMB);
  gtk_widget_set_size_request (picture, SIMILAR_THUMB, SIMILAR_THUMB);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  cc_thumbnail_loader_bind (GTK_PICTURE (picture), cc_store_get_data_dir (self->store),
                            photos != NULL && photos->len > 0
                            ? ((CcPhoto *) g_ptr_array_index (photos, 0))->sha256 : NULL,
                            SIMILAR_THUMB);
  gtk_box_append (GTK_BOX (box), clamp);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 14);
  gtk_box_append (GTK_BOX (box), title);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, cc_product_get_title (product, NULL));
  g_object_set_data_full (G_OBJECT (button), "cc-product-id", g_strdup (product->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_similar_clicked), self, 0);
  return button;
}

static void
fill_similar (CcPhotoInsights *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->similar_flow))) != NULL)
    gtk_flow_box_remove (self->similar_flow, child);
  self->n_similar = 0;

  ids = cc_photo_analysis_similar_products (self->store, self->product_id, SIMILAR_LIMIT);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(CcProduct) product = cc_catalogue_get_product (self->store, g_ptr_array_index (ids, i), NULL);

      if (product == NULL)
        continue;
      gtk_flow_box_append (self->similar_flow, similar_button_new (self, product));
      self->n_similar++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->similar_group), self->n_similar > 0);
}

/* Loading */

static gboolean
poll_cb (gpointer data)
{
  CcPhotoInsights *self = CC_PHOTO_INSIGHTS (data);

  self->poll_source = 0;
  reload (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* What the tab shows, in one string: the photos in order and which of
 * them have an analysis. Equal strings: nothing to rebuild. */
static char *
dup_signature (CcPhotoInsights *self,
               GPtrArray       *photos,
               gboolean        *out_missing)
{
  g_autoptr(GString) out = g_string_new (self->product_id);

  *out_missing = FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      CcPhoto *photo = g_ptr_array_index (photos, i);
      g_autoptr(CcPhotoAnalysis) analysis = cc_photo_analysis_lookup (self->store, photo->sha256);

      g_string_append_printf (out, "|%s:%d", photo->sha256, analysis != NULL ? analysis->score : -1);
      if (analysis == NULL)
        *out_missing = TRUE;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
reload (CcPhotoInsights *self,
        gboolean         force)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *signature = NULL;
  gboolean missing = FALSE;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (self->store == NULL || self->product_id == NULL)
    {
      g_clear_pointer (&self->signature, g_free);
      g_ptr_array_set_size (self->views, 0);
      gtk_stack_set_visible_child_name (self->stack, "unsaved");
      return;
    }

  photos = cc_photos_list (self->store, self->product_id);
  if (photos == NULL)
    photos = g_ptr_array_new ();
  signature = dup_signature (self, photos, &missing);

  if (missing)
    self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);

  if (!force && g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photos_box))) != NULL)
    gtk_box_remove (self->photos_box, child);
  g_ptr_array_set_size (self->views, 0);

  if (photos->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < photos->len; i++)
    {
      PhotoView *view = g_new0 (PhotoView, 1);

      gtk_box_append (self->photos_box, photo_card_new (self, g_ptr_array_index (photos, i), i, view));
      g_ptr_array_add (self->views, view);
    }
  fill_similar (self);
  gtk_stack_set_visible_child_name (self->stack, "photos");
}

/* After a commit: the analysis, not a new piece, so no "Analysing…" reset. */
static void
reload_quietly (CcPhotoInsights *self)
{
  reload (self, FALSE);
}

static void
on_store_committed (CcPhotoInsights *self)
{
  cc_ui_reload_soon (&self->reload_source, (CcUiReloadFunc) reload_quietly, self);
}

/* Export and moodboard workers */

static void
set_busy (CcPhotoInsights *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->moodboard_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->work_spinner), busy);
  gtk_spinner_set_spinning (self->work_spinner, busy);
}

static void
show_status (CcPhotoInsights *self,
             const char      *text,
             gboolean         error)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

typedef struct
{
  CcPhotoExportJob *export;
  CcMoodboardJob   *moodboard;
  char             *destination;
} WorkJob;

static void
work_job_free (WorkJob *job)
{
  cc_photo_export_job_free (job->export);
  cc_moodboard_job_free (job->moodboard);
  g_free (job->destination);
  g_free (job);
}

static void
work_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WorkJob *job = task_data;
  GError *error = NULL;

  if (job->export != NULL)
    {
      GPtrArray *files = cc_photo_export_job_run (job->export, job->destination, cancellable, &error);

      if (files == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, files, (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      if (!cc_moodboard_job_run (job->moodboard, job->destination, cancellable, &error))
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_strdup (job->destination), g_free);
    }
}

static void
on_work_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CcPhotoInsights *self = CC_PHOTO_INSIGHTS (source);
  WorkJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (value == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  if (job->export != NULL)
    {
      g_autoptr(GPtrArray) files = value;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folder = g_filename_display_name (job->destination);

      g_string_append_printf (text, ngettext ("Saved %u photo in “%s”.", "Saved %u photos in “%s”.", files->len),
                              files->len, folder);
      for (guint i = 0; i < files->len; i++)
        {
          CcExportedFile *file = g_ptr_array_index (files, i);

          if (file->note != NULL)
            g_string_append_printf (text, "\n%s", file->note);
        }
      show_status (self, text->str, FALSE);
    }
  else
    {
      g_autofree char *path = value;
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *text = g_strdup_printf (_("Moodboard saved as “%s”."), display);

      show_status (self, text, FALSE);
    }
}

static void
start_work (CcPhotoInsights *self,
            WorkJob         *job)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  show_status (self, NULL, FALSE);
  task = g_task_new (self, self->cancellable, on_work_done, NULL);
  g_task_set_source_tag (task, start_work);
  g_task_set_task_data (task, job, (GDestroyNotify) work_job_free);
  g_task_run_in_thread (task, work_thread);
}

void
cc_photo_insights_export_to_folder (CcPhotoInsights *self,
                                    const char      *preset,
                                    int              quality,
                                    const char      *folder)
{
  g_autoptr(GError) error = NULL;
  CcPhotoExportJob *export;
  WorkJob *job;

  g_return_if_fail (CC_IS_PHOTO_INSIGHTS (self));
  g_return_if_fail (folder != NULL);

  if (self->store == NULL || self->product_id == NULL || self->busy)
    return;

  export = cc_photo_export_job_new (self->store, self->product_id, preset, quality, &error);
  if (export == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  job = g_new0 (WorkJob, 1);
  job->export = export;
  job->destination = g_strdup (folder);
  start_work (self, job);
}

void
cc_photo_insights_make_moodboard_at (CcPhotoInsights *self,
                                     const char      *path)
{
  g_autoptr(GError) error = NULL;
  CcMoodboardJob *moodboard;
  WorkJob *job;

  g_return_if_fail (CC_IS_PHOTO_INSIGHTS (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->product_id == NULL || self->busy)
    return;

  moodboard = cc_moodboard_job_new (self->store, self->product_id, &error);
  if (moodboard == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  job = g_new0 (WorkJob, 1);
  job->moodboard = moodboard;
  job->destination = g_strdup (path);
  start_work (self, job);
}

/* The export dialog: a size and a quality, then a folder. */

typedef struct
{
  CcPhotoInsights *self;      /* owned */
  GPtrArray       *presets;   /* CcExportPreset* */
  GtkDropDown     *preset_dropdown;
  GtkSpinButton   *quality_spin;
  char            *preset;
  int              quality;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_clear_object (&choice->self);
  g_clear_pointer (&choice->presets, g_ptr_array_unref);
  g_free (choice->preset);
  g_free (choice);
}

static void
on_export_folder_response (GtkNativeDialog *chooser,
                           int              response,
                           gpointer         user_data)
{
  ExportChoice *choice = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        cc_photo_insights_export_to_folder (choice->self, choice->preset, choice->quality, path);
    }
  export_choice_free (choice);
  g_object_unref (chooser);
}

static void
on_export_dialog_response (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  ExportChoice *choice = user_data;
  CcPhotoInsights *self = choice->self;
  GtkFileChooserNative *chooser;
  guint selected;
  CcExportPreset *preset;

  if (g_strcmp0 (response, "export") != 0 || self->store == NULL)
    {
      export_choice_free (choice);
      return;
    }

  selected = gtk_drop_down_get_selected (choice->preset_dropdown);
  if (selected >= choice->presets->len)
    selected = 0;
  preset = g_ptr_array_index (choice->presets, selected);
  choice->preset = g_strdup (preset->name);
  choice->quality = gtk_spin_button_get_value_as_int (choice->quality_spin);

  /* The quality is the shop's setting: the next export starts from it. */
  if (choice->quality != cc_photo_export_get_quality (self->store))
    {
      g_autoptr(GError) error = NULL;

      if (!cc_photo_export_set_quality (self->store, choice->quality, &error))
        show_status (self, error->message, TRUE);
    }

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Photos"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_folder_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_clicked (CcPhotoInsights *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  ExportChoice *choice;
  GtkWidget *dialog, *grid, *label;

  if (self->store == NULL || self->product_id == NULL)
    return;

  choice = g_new0 (ExportChoice, 1);
  choice->self = g_object_ref (self);
  choice->presets = cc_photo_export_list_presets (self->store);
  for (guint i = 0; i < choice->presets->len; i++)
    {
      CcExportPreset *preset = g_ptr_array_index (choice->presets, i);
      g_autofree char *text = NULL;

      /* Translators: an export size: its name, then width × height in pixels. */
      text = g_strdup_printf (_("%s — %d × %d"), preset->name, preset->width, preset->height);
      gtk_string_list_append (names, text);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Export for Marketplaces"),
                                   _("Every photo of the piece is cropped around the piece and resized for the listing size you choose. Photos smaller than the size are not enlarged."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);

  label = gtk_label_new_with_mnemonic (_("_Size"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  choice->preset_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (choice->preset_dropdown));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (choice->preset_dropdown), 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("JPEG _quality"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  choice->quality_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 100, 1));
  gtk_spin_button_set_value (choice->quality_spin, cc_photo_export_get_quality (self->store));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (choice->quality_spin));
  gtk_widget_set_halign (GTK_WIDGET (choice->quality_spin), GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (choice->quality_spin), 1, 1, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose Folder…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_dialog_response), choice);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_moodboard_file_response (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(CcPhotoInsights) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && !g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".PNG"))
        {
          char *with_suffix = g_strconcat (path, ".png", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        cc_photo_insights_make_moodboard_at (self, path);
    }
  g_object_unref (chooser);
}

static void
on_moodboard_clicked (CcPhotoInsights *self)
{
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->product_id == NULL)
    return;

  product = cc_catalogue_get_product (self->store, self->product_id, NULL);
  /* Translators: the suggested file name of a piece's moodboard. */
  name = g_strdup_printf (_("%s-moodboard.png"),
                          product != NULL && product->slug != NULL && *product->slug != '\0'
                          ? product->slug : "piece");

  chooser = gtk_file_chooser_native_new (_("Save Moodboard"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_moodboard_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Public API */

void
cc_photo_insights_set_product (CcPhotoInsights *self,
                               CcStore         *store,
                               const char      *product_id)
{
  g_return_if_fail (CC_IS_PHOTO_INSIGHTS (self));
  g_return_if_fail (store == NULL || CC_IS_STORE (store));

  cc_ui_watch_store (&self->store, store, G_CALLBACK (on_store_committed), self);
  if (g_strcmp0 (self->product_id, product_id) != 0)
    {
      g_free (self->product_id);
      self->product_id = g_strdup (product_id);
      show_status (self, NULL, FALSE);
    }

  /* Called after photos change too: look again even if the list seems
   * the same (a photo was replaced by itself). */
  reload (self, TRUE);
}

static PhotoView *
get_view (CcPhotoInsights *self,
          guint            index)
{
  if (index >= self->views->len)
    return NULL;
  return g_ptr_array_index (self->views, index);
}

guint
cc_photo_insights_get_n_photos (CcPhotoInsights *self)
{
  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), 0);
  return self->views->len;
}

gboolean
cc_photo_insights_is_analysing (CcPhotoInsights *self)
{
  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), FALSE);

  for (guint i = 0; i < self->views->len; i++)
    if (!((PhotoView *) g_ptr_array_index (self->views, i))->analysed)
      return TRUE;
  return FALSE;
}

int
cc_photo_insights_get_score (CcPhotoInsights *self,
                             guint            index)
{
  PhotoView *view;

  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), -1);
  view = get_view (self, index);
  return view != NULL ? view->score : -1;
}

guint
cc_photo_insights_get_n_parts (CcPhotoInsights *self,
                               guint            index)
{
  PhotoView *view;

  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), 0);
  view = get_view (self, index);
  return view != NULL ? view->n_parts : 0;
}

guint
cc_photo_insights_get_n_swatches (CcPhotoInsights *self,
                                  guint            index)
{
  PhotoView *view;

  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), 0);
  view = get_view (self, index);
  return view != NULL ? view->n_swatches : 0;
}

guint
cc_photo_insights_get_n_suggestions (CcPhotoInsights *self,
                                     guint            index)
{
  PhotoView *view;

  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), 0);
  view = get_view (self, index);
  return view != NULL ? view->n_suggestions : 0;
}

const char *
cc_photo_insights_get_duplicate_warning (CcPhotoInsights *self,
                                         guint            index)
{
  PhotoView *view;

  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), NULL);
  view = get_view (self, index);
  return view != NULL ? view->duplicate : NULL;
}

guint
cc_photo_insights_get_n_similar (CcPhotoInsights *self)
{
  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), 0);
  return self->n_similar;
}

gboolean
cc_photo_insights_is_busy (CcPhotoInsights *self)
{
  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), FALSE);
  return self->busy;
}

const char *
cc_photo_insights_get_status_text (CcPhotoInsights *self)
{
  g_return_val_if_fail (CC_IS_PHOTO_INSIGHTS (self), NULL);
  return self->status_text;
}

/* GObject */

static void
cc_photo_insights_dispose (GObject *object)
{
  CcPhotoInsights *self = (CcPhotoInsights *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_PHOTO_INSIGHTS);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (cc_photo_insights_parent_class)->dispose (object);
}

static void
cc_photo_insights_finalize (GObject *object)
{
  CcPhotoInsights *self = (CcPhotoInsights *)object;

  g_free (self->product_id);
  g_free (self->signature);
  g_free (self->status_text);
  g_ptr_array_unref (self->views);

  G_OBJECT_CLASS (cc_photo_insights_parent_class)->finalize (object);
}

static void
cc_photo_insights_class_init (CcPhotoInsightsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_photo_insights_dispose;
  object_class->finalize = cc_photo_insights_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-photo-insights.ui");
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, export_button);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, moodboard_button);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, work_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, status_label);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, photos_box);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, similar_group);
  gtk_widget_class_bind_template_child (widget_class, CcPhotoInsights, similar_flow);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_moodboard_clicked);
}

static void
cc_photo_insights_init (CcPhotoInsights *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound child: disposing the template would unparent it under
   * AdwBin's feet. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_view_free);
  cc_photo_insights_ensure_style ();
  gtk_stack_set_visible_child_name (self->stack, "unsaved");
}
