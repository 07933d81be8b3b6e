/* cc-import-window.h — products in from a CSV with a preview, their photos fetched after; products and orders out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

#define CC_TYPE_IMPORT_WINDOW (cc_import_window_get_type ())
G_DECLARE_FINAL_TYPE (CcImportWindow, cc_import_window, CC, IMPORT_WINDOW, AdwWindow)

typedef enum
{
  CC_EXPORT_PRODUCTS,   /* Shopify product CSV */
  CC_EXPORT_ORDERS,     /* orders CSV, one row per order line */
} CcExportKind;

/* The window emits "imported" after pieces were written, so the shop's
 * screens can reload. Toasts about the end of the import go to parent
 * when it is a CcWindow. */
CcImportWindow  *cc_import_window_new            (GtkWindow  *parent,
                                                  CcStore    *store);
/* Asks for a CSV file with a file chooser, then previews it. */
void             cc_import_window_choose_file    (CcImportWindow *self);

/* Asks where to save, then writes the file on a worker; a toast on
 * parent (a CcWindow) says how it went. */
void             cc_export_run                   (GtkWindow     *parent,
                                                  CcStore       *store,
                                                  CcExportKind   kind);
/* The same without asking: for tests. */
void             cc_export_to_path               (GtkWindow     *parent,
                                                  CcStore       *store,
                                                  CcExportKind   kind,
                                                  const char    *path);

/* For tests: previews path as if it had been chosen. */
void             cc_import_window_open_path      (CcImportWindow *self,
                                                  const char     *path);
/* For tests: "start", "busy", "preview", "fetching", "done" or "error". */
const char      *cc_import_window_get_page       (CcImportWindow *self);
/* For tests: the figures the preview shows. */
void             cc_import_window_get_counts     (CcImportWindow *self,
                                                  guint          *n_create,
                                                  guint          *n_update,
                                                  guint          *n_problems,
                                                  guint          *n_images);
/* For tests: the rows listing bad lines, and failed photos. */
GtkListBox      *cc_import_window_get_problems_list (CcImportWindow *self);
GtkListBox      *cc_import_window_get_failures_list (CcImportWindow *self);
/* For tests: the fetch progress bar's fraction (0 before any is done). */
double           cc_import_window_get_fetch_fraction (CcImportWindow *self);

G_END_DECLS
