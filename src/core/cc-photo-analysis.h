/* cc-photo-analysis.h — what a photo shows and how to take a better one, offline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* Raised whenever the analysis changes what it computes: stored analyses of
 * an older version are redone. */
#define CC_PHOTO_ANALYSIS_VERSION 1

/* Photos above this many pixels are refused unless they are JPEG (which
 * decodes at a reduced scale in little memory). */
#define CC_PHOTO_MAX_PIXELS (40 * 1000 * 1000)

/* The shortest side marketplaces ask for (Etsy's recommendation). */
#define CC_PHOTO_MARKET_MIN_SIDE 2000

typedef struct
{
  guint8  r, g, b;
  double  share;        /* 0..1 of the picture */
  char   *name;         /* translated, human ("terracotta", "deep blue") */
} CcPaletteColour;

typedef enum
{
  CC_QUALITY_SHARPNESS,
  CC_QUALITY_EXPOSURE,
  CC_QUALITY_CONTRAST,
  CC_QUALITY_COLOUR_CAST,
  CC_QUALITY_NOISE,
  CC_QUALITY_RESOLUTION,
  CC_QUALITY_BACKGROUND,
} CcQualityAspect;

#define CC_QUALITY_N_ASPECTS (CC_QUALITY_BACKGROUND + 1)

typedef struct
{
  CcQualityAspect  aspect;
  int              score;    /* 0..100 */
  char            *reason;   /* translated: what was measured, in words */
} CcQualityPart;

typedef struct
{
  int         version;         /* CC_PHOTO_ANALYSIS_VERSION when made */
  int         width;           /* of the photo, after EXIF orientation */
  int         height;
  GPtrArray  *palette;         /* CcPaletteColour*, largest share first;
                                  as many as the picture has (2..8) */
  int         score;           /* 0..100, from the parts */
  GPtrArray  *parts;           /* CcQualityPart*, one per aspect, in
                                  CcQualityAspect order */
  GPtrArray  *suggestions;     /* char*, translated, most useful first;
                                  empty when there is nothing to improve */
  GPtrArray  *style_tags;      /* char*, translated ("earthy", "pastel") */
  guint64     phash;           /* 64-bit perceptual hash (DCT of 32×32 luma) */
  double      subject_share;   /* 0..1: how much of the frame the piece fills */
  /* private: the measurements the scores and texts are made from, so a
   * stored analysis speaks the current language when it is read back */
  struct _CcPhotoMeasures *measures;
} CcPhotoAnalysis;

void             cc_photo_analysis_free     (CcPhotoAnalysis *analysis);
/* The translated name of an aspect ("Sharpness", "Exposure"…). */
const char      *cc_quality_aspect_get_label (CcQualityAspect aspect);

/* Thread-safe, touches no database. Reads the size first and refuses
 * (CC_ERROR_INVALID_INPUT, with the reason): an empty file, a file that is
 * not an image, a truncated image, an unsupported format, a non-JPEG image
 * over CC_PHOTO_MAX_PIXELS. Honours EXIF orientation. Works on a copy
 * scaled to about 1024 px on its longest side (JPEG decoded at that scale),
 * so memory stays bounded whatever the photo's size. */
CcPhotoAnalysis *cc_photo_analyse_file      (const char   *path,
                                             GCancellable *cancellable,
                                             GError      **error);

/* As JSON text and back, the form kept in the photo_analysis table.
 * from_json refuses (CC_ERROR_CORRUPT) text that is not an analysis. */
char            *cc_photo_analysis_to_json   (const CcPhotoAnalysis *analysis);
CcPhotoAnalysis *cc_photo_analysis_from_json (const char            *json,
                                              GError               **error);

/* Bits that differ between two perceptual hashes: 0..64. Near duplicates
 * (resized, recompressed) are within CC_PHASH_SIMILAR. */
int              cc_phash_distance           (guint64 a,
                                              guint64 b);
#define CC_PHASH_SIMILAR 10
/* Closer still: the same photo resized or recompressed (a duplicate
 * warning), not merely a piece shot the same way. */
#define CC_PHASH_DUPLICATE 6

/* The stored analysis of a blob, if it is of the current version; NULL
 * otherwise (no error: it simply has not been made yet). */
CcPhotoAnalysis *cc_photo_analysis_lookup    (CcStore    *store,
                                              const char *sha256);
/* Keeps an analysis for a blob (replacing an older one). A local cache
 * row: computed from the bytes, never synced, no outbox. */
gboolean         cc_photo_analysis_save      (CcStore                *store,
                                              const char             *sha256,
                                              const CcPhotoAnalysis  *analysis,
                                              GError                **error);
/* Blobs of live product photos with no current analysis. */
GStrv            cc_photo_analysis_dup_missing (CcStore *store);

/* Analyses every photo that lacks a current analysis, on a worker thread
 * with its own connection to the store's file; progress is reported to
 * the caller's main context. The result is the number analysed. */
typedef void (*CcAnalysisProgress) (guint    done,
                                    guint    total,
                                    gpointer user_data);
void             cc_photo_analysis_run_async  (CcStore             *store,
                                               CcAnalysisProgress   progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean         cc_photo_analysis_run_finish (CcStore       *store,
                                               GAsyncResult  *result,
                                               guint         *out_analysed,
                                               GError       **error);

/* A blob that looks like one already in the shop, found by perceptual hash
 * when a photo is added: the other photo's product, or NULL. */
typedef struct
{
  char *product_id;
  char *photo_id;
  char *sha256;
  int   distance;     /* cc_phash_distance */
} CcPhotoMatch;

void             cc_photo_match_free          (CcPhotoMatch *match);
/* CcPhotoMatch*, closest first, excluding the blob itself: photos whose
 * stored analysis is within max_distance of phash. */
GPtrArray       *cc_photo_analysis_find_similar_photos (CcStore *store,
                                                        guint64  phash,
                                                        int      max_distance,
                                                        const char *exclude_sha256);
/* Pieces that look like this one: other live products whose photos are
 * near its photos by hash, or whose palettes are close, best first, at most
 * limit. char* product ids. */
GPtrArray       *cc_photo_analysis_similar_products (CcStore    *store,
                                                     const char *product_id,
                                                     guint       limit);
/* Live products whose cover photo scores below threshold, or that have no
 * photo: the "needs better photos" filter. char* product ids. */
GPtrArray       *cc_photo_analysis_products_needing_photos (CcStore *store,
                                                            int      threshold);
#define CC_PHOTO_GOOD_SCORE 60

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPhotoAnalysis, cc_photo_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPhotoMatch, cc_photo_match_free)

G_END_DECLS
