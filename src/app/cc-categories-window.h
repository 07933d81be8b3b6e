/* cc-categories-window.h — managing the category tree.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_CATEGORIES_WINDOW (cc_categories_window_get_type ())
G_DECLARE_FINAL_TYPE (CcCategoriesWindow, cc_categories_window, CC, CATEGORIES_WINDOW, AdwWindow)

/* Signals: "changed": a category was added, renamed, moved or removed. */
CcCategoriesWindow *cc_categories_window_new (GtkWindow *parent,
                                              CcStore   *store);

G_END_DECLS
