/* cc-photo-insights.h — the product editor's Photos tab: each photo's analysis, palette and advice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_PHOTO_INSIGHTS (cc_photo_insights_get_type ())
G_DECLARE_FINAL_TYPE (CcPhotoInsights, cc_photo_insights, CC, PHOTO_INSIGHTS, AdwBin)

/* product_id NULL: a piece not saved yet, which has nothing to show. */
void cc_photo_insights_set_product (CcPhotoInsights *self,
                                   CcStore *store,
                                   const char *product_id);

/* Shared with the catalogue. The style classes "good", "fair", "poor"
 * of a 0..100 score (poor is below CC_PHOTO_GOOD_SCORE). */
const char *cc_photo_score_get_grade           (int score);
/* Translated "Good", "Fair", "Poor". */
const char *cc_photo_score_get_grade_label     (int score);
/* Makes label a small coloured score badge; hidden when score < 0. */
void        cc_photo_score_badge_update        (GtkLabel   *label,
                                                int         score);
/* Pango markup of a stored analysis (score, parts, first suggestion) for
 * a tooltip; NULL when the blob has not been analysed. */
char       *cc_photo_insights_dup_analysis_markup (CcStore    *store,
                                                   const char *sha256);
/* Installs the few style rules of scores, swatches and chips (once). */
void        cc_photo_insights_ensure_style     (void);

/* For tests: what the tab shows. index counts photos, cover first. */
guint       cc_photo_insights_get_n_photos     (CcPhotoInsights *self);
/* TRUE while some photo still shows "Analysing…". */
gboolean    cc_photo_insights_is_analysing     (CcPhotoInsights *self);
/* The big score shown for a photo, -1 while it is being analysed. */
int         cc_photo_insights_get_score        (CcPhotoInsights *self,
                                                guint            index);
guint       cc_photo_insights_get_n_parts      (CcPhotoInsights *self,
                                                guint            index);
guint       cc_photo_insights_get_n_swatches   (CcPhotoInsights *self,
                                                guint            index);
guint       cc_photo_insights_get_n_suggestions (CcPhotoInsights *self,
                                                 guint            index);
/* The "looks like another piece's photo" warning, or NULL. */
const char *cc_photo_insights_get_duplicate_warning (CcPhotoInsights *self,
                                                     guint            index);
guint       cc_photo_insights_get_n_similar    (CcPhotoInsights *self);
/* For tests: as choosing in the export dialog and then a folder. */
void        cc_photo_insights_export_to_folder (CcPhotoInsights *self,
                                                const char      *preset,
                                                int              quality,
                                                const char      *folder);
/* For tests: as choosing a file in the moodboard's save dialog. */
void        cc_photo_insights_make_moodboard_at (CcPhotoInsights *self,
                                                 const char      *path);
/* TRUE while an export or moodboard runs in its worker. */
gboolean    cc_photo_insights_is_busy          (CcPhotoInsights *self);
/* The last export's or moodboard's result or error, or NULL. */
const char *cc_photo_insights_get_status_text  (CcPhotoInsights *self);

G_END_DECLS
