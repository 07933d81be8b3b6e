/* cc-conflicts.h — a conflict in words: which field of what, and its values as people read them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* The field in words: "Price of Blue Pottery Mug". */
char *cc_conflict_dup_field_name (CcStore          *store,
                                  const CcConflict *conflict);
/* A value (JSON text) of the conflict's register, for people: money as
 * money in the piece's or order's currency, yes/no, statuses and
 * categories by name, text as text. */
char *cc_conflict_format_value   (CcStore          *store,
                                  const CcConflict *conflict,
                                  const char       *json_value);

G_END_DECLS
