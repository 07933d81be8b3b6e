/* cc-ui-util.h — small helpers the screens share: a watched shop, coalesced reloads, a variant's name, list boxes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cc-catalogue.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* Points *field at store (a reference of its own) and moves instance's
 * handler of the "committed" signal, on_committed (swapped: it gets
 * instance, and lives no longer than it), from the old store to the new.
 * FALSE when *field was store already. */
gboolean  cc_ui_watch_store     (CcStore     **field,
                                 CcStore      *store,
                                 GCallback     on_committed,
                                 gpointer      instance);

/* What a product tab shows of its piece: replaces *product (NULL when the
 * piece is gone), *variants (never NULL) and *main_language (the shop's
 * first language). */
void      cc_ui_load_piece      (CcStore      *store,
                                 const char   *product_id,
                                 CcProduct   **product,
                                 GPtrArray   **variants,
                                 char        **main_language);

/* "Size: Large, Colour: Blue", or the variant's SKU when it has no options. */
char     *cc_ui_variant_name    (const CcVariant *variant);

/* Runs reload (instance) once, on an idle, however many times this is
 * called before then: a screen following the store's commits redraws once
 * for a burst of them. *source holds the pending idle; the caller clears it
 * with g_clear_handle_id in its dispose. */
typedef void (*CcUiReloadFunc) (gpointer instance);

void      cc_ui_reload_soon     (guint          *source,
                                 CcUiReloadFunc  reload,
                                 gpointer        instance);

/* Removes every row. */
void      cc_ui_clear_list_box  (GtkListBox   *list);

G_END_DECLS
