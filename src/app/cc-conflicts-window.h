/* cc-conflicts-window.h — the Conflicts view: both values side by side, settled with one click.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CONFLICTS_WINDOW (cc_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (CcConflictsWindow, cc_conflicts_window, CC, CONFLICTS_WINDOW, AdwWindow)

/* Which value of a conflict. */
typedef enum
{
  CC_CONFLICT_SIDE_IN_USE,   /* the value that won and is in use now */
  CC_CONFLICT_SIDE_OTHER,    /* the value that lost */
} CcConflictSide;

/* Reloads itself after every commit of the store (a settle, a pull).
 * Signal: "settled" (no arguments) after a conflict was settled here. */
CcConflictsWindow *cc_conflicts_window_new       (GtkWindow  *parent,
                                                  CcStore    *store);

/* For tests: the conflicts shown, in order. */
guint              cc_conflicts_window_get_n_conflicts (CcConflictsWindow *self);
/* For tests: the card's title, and a side's value and device as shown. */
const char        *cc_conflicts_window_get_title       (CcConflictsWindow *self,
                                                        guint              index);
const char        *cc_conflicts_window_get_value       (CcConflictsWindow *self,
                                                        guint              index,
                                                        CcConflictSide     side);
const char        *cc_conflicts_window_get_device      (CcConflictsWindow *self,
                                                        guint              index,
                                                        CcConflictSide     side);
/* For tests: presses that side's "Keep This". */
void               cc_conflicts_window_keep            (CcConflictsWindow *self,
                                                        guint              index,
                                                        CcConflictSide     side);
/* For tests: whether "No Conflicts" is shown. */
gboolean           cc_conflicts_window_is_empty        (CcConflictsWindow *self);

G_END_DECLS
