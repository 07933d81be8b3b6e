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

G_END_DECLS
