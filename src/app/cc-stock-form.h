/* cc-stock-form.h — the common frame of the small stock and material forms.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-store.h"

G_BEGIN_DECLS

/* The widgets of a form window built by cc_stock_form_build(); the window
 * owns them. */
typedef struct
{
  AdwPreferencesGroup *group;        /* the form's rows go here */
  GtkBox              *extra;        /* below the group: more groups */
  GtkLabel            *error_label;  /* hidden until an error */
  GtkButton           *primary;      /* the suggested action */
  GtkButton           *cancel;       /* closes the window */
  GtkWidget           *error_row;    /* the row marked wrong, or NULL */
} CcStockForm;

/* Makes window a modal form over parent: a header bar with Cancel and a
 * primary button (clicked: the caller connects it), a group, an error line. */
void       cc_stock_form_build       (AdwWindow   *window,
                                      GtkWindow   *parent,
                                      const char  *title,
                                      const char  *primary_label,
                                      CcStockForm *form);
/* Shows message under the form and marks row (may be NULL) as wrong. */
void       cc_stock_form_show_error  (CcStockForm *form,
                                      GtkWidget   *row,
                                      const char  *message);
void       cc_stock_form_clear_error (CcStockForm *form);
/* The text shown in the error line, or NULL when there is none. */
const char *cc_stock_form_get_error  (CcStockForm *form);
/* An entry row in the group, activating the primary button on Enter. */
AdwEntryRow *cc_stock_form_add_entry (CcStockForm *form,
                                      const char  *title);
/* A combo row over a list of translated labels. */
AdwComboRow *cc_stock_form_add_combo (CcStockForm        *form,
                                      const char         *title,
                                      const char * const *labels);
/* A read-only line: title and value. */
AdwActionRow *cc_stock_form_add_info (CcStockForm *form,
                                      const char  *title,
                                      const char  *value);

/* Ledger helpers shared by the Inventory and Materials pages. */

/* The translated name of a stored ledger reason ("damaged" → "Damaged"). */
const char *cc_stock_reason_label (const char *reason);
/* When a stamp was made, in local time for people; NULL stamp: "". */
char       *cc_stock_format_when  (const char *hlc);
/* Who: "This device", or the short form of another device's id; the
 * device is the stamp's node when device is NULL. */
char       *cc_stock_format_who   (CcStore    *store,
                                   const char *device,
                                   const char *hlc);
/* "+3", "−2" (with a typographic minus). */
char       *cc_stock_format_delta (const char *quantity_text,
                                   gint64      delta);

G_END_DECLS
