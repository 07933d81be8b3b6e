/* cc-photo-export.h — marketplace-sized copies of a piece's photos, and its moodboard.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* The JPEG quality used when the shop has not chosen one
 * (setting "export-quality", 1..100). */
#define CC_PHOTO_EXPORT_DEFAULT_QUALITY 90

/* The moodboard is a portrait social post. */
#define CC_MOODBOARD_WIDTH  1080
#define CC_MOODBOARD_HEIGHT 1350

/* A listing size. Built in: "square-2000" 2000×2000, "etsy" 2700×2025,
 * "instagram" 1080×1350, "thumbnail" 1000×1000; the shop adds its own in
 * the setting "export-presets" as "name:WxH,name:WxH". */
typedef struct
{
  char     *name;
  int       width;
  int       height;
  gboolean  builtin;
} CcExportPreset;

void            cc_export_preset_free          (CcExportPreset *preset);

/* Parses "name:WxH,…" (names of letters, digits, '-' and '_'; sides
 * 100..10000; no repeated names and none that shadows a built-in). An empty
 * text is no presets. Refuses anything else (CC_ERROR_INVALID_INPUT, saying
 * which entry is wrong). CcExportPreset*, in text order. */
GPtrArray      *cc_photo_export_parse_presets  (const char  *text,
                                                GError     **error);
/* The built-in presets followed by the shop's valid ones. A malformed
 * setting is ignored here (it cannot be saved through set_presets). */
GPtrArray      *cc_photo_export_list_presets   (CcStore     *store);
/* By name, built-in or the shop's; CC_ERROR_NOT_FOUND names the known ones. */
CcExportPreset *cc_photo_export_find_preset    (CcStore     *store,
                                                const char  *name,
                                                GError     **error);
/* Validates then stores the "export-presets" setting. */
gboolean        cc_photo_export_set_presets    (CcStore     *store,
                                                const char  *text,
                                                GError     **error);
/* The shop's JPEG quality, 1..100 (the default when unset or malformed). */
int             cc_photo_export_get_quality    (CcStore     *store);
/* Refuses a quality outside 1..100 (CC_ERROR_INVALID_INPUT). */
gboolean        cc_photo_export_set_quality    (CcStore     *store,
                                                int          quality,
                                                GError     **error);

/* One file written by an export. */
typedef struct
{
  char     *path;
  int       width;        /* of the written JPEG */
  int       height;
  gboolean  not_upscaled; /* the photo was smaller than the preset: it was
                             cropped to the preset's shape at its own size
                             rather than enlarged (which would blur it) */
  char     *note;         /* translated: says so, or NULL */
} CcExportedFile;

void            cc_exported_file_free          (CcExportedFile *file);

/* An export of a piece's photos, prepared on the main thread from the
 * store; running it touches no database, so it may run on a worker. */
typedef struct _CcPhotoExportJob CcPhotoExportJob;

/* product: id or SKU. quality: 1..100, or 0 for the shop's setting.
 * Refuses (translated message, nothing written): an unknown product
 * (CC_ERROR_NOT_FOUND), an unknown preset (CC_ERROR_NOT_FOUND), a quality
 * outside 0..100, a product without photos (CC_ERROR_INVALID_INPUT). */
CcPhotoExportJob *cc_photo_export_job_new      (CcStore     *store,
                                                const char  *product,
                                                const char  *preset,
                                                int          quality,
                                                GError     **error);
void            cc_photo_export_job_free       (CcPhotoExportJob *job);
/* Thread-safe. Writes "<sku-or-slug>-<n>-<preset>.jpg" (n from 1, cover
 * first) into out_dir (made if missing), each cropped to the preset's shape
 * around the piece and scaled down to its size, never up. Every file goes
 * to a temporary name first and all are renamed at the end, so on error
 * (CC_ERROR_IO for a folder that cannot be written, CC_ERROR_INVALID_INPUT
 * for an unreadable photo) nothing is left behind. An existing file of the
 * same name is replaced. CcExportedFile*, in photo order. */
GPtrArray      *cc_photo_export_job_run        (CcPhotoExportJob *job,
                                                const char       *out_dir,
                                                GCancellable     *cancellable,
                                                GError          **error);

/* job_new + job_run, blocking: for the command line and tests. */
GPtrArray      *cc_photo_export_product        (CcStore       *store,
                                                const char    *product,
                                                const char    *preset,
                                                int            quality,
                                                const char    *out_dir,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* A moodboard of a piece, prepared on the main thread. Refuses an unknown
 * product (CC_ERROR_NOT_FOUND) or one without photos
 * (CC_ERROR_INVALID_INPUT). */
typedef struct _CcMoodboardJob CcMoodboardJob;

CcMoodboardJob *cc_moodboard_job_new           (CcStore     *store,
                                                const char  *product,
                                                GError     **error);
void            cc_moodboard_job_free          (CcMoodboardJob *job);
/* Thread-safe. Draws a CC_MOODBOARD_WIDTH×CC_MOODBOARD_HEIGHT PNG: the
 * cover large and up to three more photos, the cover's palette as swatches
 * with names and shares, its style tags and the title in the shop's main
 * language (shaped by Pango, so Devanagari renders). Analyses the cover
 * when the store has no analysis of it yet. Written to a temporary file
 * and renamed, so on error (CC_ERROR_IO) nothing is left at out_file. */
gboolean        cc_moodboard_job_run           (CcMoodboardJob *job,
                                                const char     *out_file,
                                                GCancellable   *cancellable,
                                                GError        **error);

/* job_new + job_run, blocking: for the command line and tests. */
gboolean        cc_photo_export_moodboard      (CcStore       *store,
                                                const char    *product,
                                                const char    *out_file,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* For tests: where the moodboard draws swatch i (0-based) of n, as the
 * centre of its colour box. FALSE when i is out of range. */
gboolean        cc_moodboard_get_swatch_centre (guint  i,
                                                guint  n,
                                                int   *out_x,
                                                int   *out_y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcExportPreset, cc_export_preset_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcExportedFile, cc_exported_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPhotoExportJob, cc_photo_export_job_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcMoodboardJob, cc_moodboard_job_free)

G_END_DECLS
