/* cc-hlc.h — hybrid logical clock: stamps that order every write in a shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CC_HLC_NODE_MAX 64
/* Stamps more than this far ahead of the local wall clock are refused. */
#define CC_HLC_MAX_DRIFT_MS (10 * 60 * 1000)

typedef struct
{
  gint64  wall_ms;                 /* physical part, ms since the epoch */
  guint32 counter;                 /* logical part */
  char    node[CC_HLC_NODE_MAX + 1]; /* device id: breaks ties */
} CcHlcStamp;

typedef struct _CcHlc CcHlc;
typedef gint64 (*CcHlcTimeFunc) (gpointer user_data);

/* A thread-safe clock for one device. */
CcHlc     *cc_hlc_new            (const char *node);
void       cc_hlc_free           (CcHlc *self);
/* For tests: replace the wall clock (ms since the epoch). */
void       cc_hlc_set_time_func  (CcHlc         *self,
                                  CcHlcTimeFunc  func,
                                  gpointer       user_data);
const char *cc_hlc_get_node      (CcHlc *self);
/* A new stamp, strictly greater than every stamp this clock made or saw. */
void       cc_hlc_now            (CcHlc      *self,
                                  CcHlcStamp *out);
/* Seed the clock from a persisted high-water mark (the last stamp it made
 * or saw before a restart), so it never goes backwards even if the wall
 * clock did. A mark below the current state is ignored. */
void       cc_hlc_restore        (CcHlc            *self,
                                  const CcHlcStamp *last);
/* Merge a remote stamp into the clock. Refuses (CC_ERROR_INVALID_INPUT) a
 * stamp more than max_drift_ms ahead of the wall clock; 0 means no limit. */
gboolean   cc_hlc_observe        (CcHlc             *self,
                                  const CcHlcStamp  *remote,
                                  gint64             max_drift_ms,
                                  GError           **error);

/* Total order: wall, then counter, then node. */
int        cc_hlc_stamp_compare  (const CcHlcStamp *a,
                                  const CcHlcStamp *b);
/* Fixed-width text whose byte order is the stamp order:
 * "WWWWWWWWWWWWWWW-CCCCCCCC-node" (15 decimal digits, 8 hex digits). */
char      *cc_hlc_stamp_to_string (const CcHlcStamp *stamp);
gboolean   cc_hlc_stamp_parse     (const char  *text,
                                   CcHlcStamp  *out,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcHlc, cc_hlc_free)

G_END_DECLS
