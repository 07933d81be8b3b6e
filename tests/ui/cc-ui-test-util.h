/* cc-ui-test-util.h — the harness the widget tests share: bounded waits, the widget tree, screenshots, the app on a temporary shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-application.h"
#include "cc-catalogue-page.h"
#include "cc-product-editor.h"
#include "cc-store.h"
#include "cc-window.h"

G_BEGIN_DECLS

/* How long a window may take to map, draw or close. */
#define CC_UI_WINDOW_TIMEOUT_S 20
/* Pieces in the demo shop. */
#define CC_UI_DEMO_PIECES 40

/* As main.c starts: the locale, the build's translations, then GTest. */
void       cc_ui_test_init                (int         *argc,
                                           char      ***argv);

/* Waiting, bounded: a test that waits too long fails, it never hangs. */

typedef gboolean (*CcUiCondition) (gpointer data);

#define cc_ui_wait_for(cond, data, timeout_s, what) \
  cc_ui_wait_for_impl (cond, data, timeout_s, what, __FILE__, __LINE__, G_STRFUNC)

void       cc_ui_wait_for_impl            (CcUiCondition  cond,
                                           gpointer       data,
                                           guint          timeout_s,
                                           const char    *what,
                                           const char    *file,
                                           int            line,
                                           const char    *func);
/* Runs what is ready now, without blocking. */
void       cc_ui_iterate_pending          (void);
/* Lets the main loop run for ms: idles, D-Bus replies. */
void       cc_ui_run_for                  (guint          ms);
/* Conditions: data is a GtkWidget; a gpointer * to a weak pointer. */
gboolean   cc_ui_widget_is_mapped         (gpointer       data);
gboolean   cc_ui_pointer_is_null          (gpointer       data);
/* Until widget's window is on screen and has drawn what it shows now. */
void       cc_ui_wait_for_draw            (GtkWidget     *widget);

/* The widget tree */

typedef gboolean (*CcUiWidgetFunc) (GtkWidget *widget,
                                    gpointer   data);

/* Depth first; the first widget func accepts, or NULL. */
GtkWidget *cc_ui_find_widget              (GtkWidget     *root,
                                           CcUiWidgetFunc func,
                                           gpointer       data);
GtkWidget *cc_ui_find_by_type             (GtkWidget     *root,
                                           GType          type);
/* Widget funcs: data is a GType (GSIZE_TO_POINTER); the text of a mapped
 * label; the label of a mapped button. */
gboolean   cc_ui_is_type                  (GtkWidget     *widget,
                                           gpointer       data);
gboolean   cc_ui_is_mapped_label          (GtkWidget     *widget,
                                           gpointer       data);
gboolean   cc_ui_is_button_with_label     (GtkWidget     *widget,
                                           gpointer       data);
/* Every label text and tooltip a person can see now under root. */
GPtrArray *cc_ui_visible_texts            (GtkWidget     *root);
gboolean   cc_ui_has_devanagari           (const char    *text);
/* Shows the page of page_type under root, through the view stack that
 * holds it, as its switcher would; returns the page, drawn. */
GtkWidget *cc_ui_show_page                (GtkWidget     *root,
                                           GType          page_type,
                                           const char    *name);

/* Toplevels */

/* A visible toplevel of this type, or NULL. */
gpointer   cc_ui_find_toplevel            (GType          type);
/* Waits for a message dialog to show, and returns it. */
AdwMessageDialog *cc_ui_wait_for_message_dialog (const char *what);
/* Waits for a message dialog and clicks its response as a person would. */
void       cc_ui_answer_dialog            (const char    *response);
/* Destroys every toplevel, as a person closing every window would. */
void       cc_ui_close_all_windows        (void);

/* Screenshots: what a person would see, into $CC_UI_SCREENSHOT_DIR, else
 * into fallback_dir; with neither, none is taken and NULL comes back. */
char      *cc_ui_save_screenshot          (GtkWidget     *widget,
                                           const char    *name,
                                           const char    *fallback_dir);
/* A picture of a window, not a blank or one-colour image. */
void       cc_ui_assert_screenshot_has_content (const char *path,
                                                int         min_width,
                                                int         min_height);

/* The text pdftotext finds in a PDF. */
char      *cc_ui_pdf_text                 (const char    *path);

/* The application on a temporary shop, run as main.c runs it */

typedef enum
{
  CC_UI_SHOP_EMPTY,       /* and the demo offer already answered */
  CC_UI_SHOP_EMPTY_NEW,   /* first start: the demo is offered */
  CC_UI_SHOP_DEMO,        /* a copy of the demo shop, loaded once */
} CcUiShop;

typedef struct _CcUiFixture CcUiFixture;
typedef void (*CcUiAppBody) (CcUiFixture *fixture);

struct _CcUiFixture
{
  char           *dir;        /* this test's data directory */
  char           *db_path;
  const char     *name;       /* the test's last path part, for screenshots */

  /* While an app runs */
  CcApplication  *app;
  CcWindow       *window;     /* weak */
  CcStore        *store;      /* weak: the app's */
  CcUiAppBody     body;
  gboolean        body_ran;
};

/* Settings back to their defaults (the memory backend lives as long as the
 * process), a new data directory, and the shop. */
/* For g_test_add (): shop is a CcUiShop (GINT_TO_POINTER). */
void             cc_ui_fixture_setup      (CcUiFixture   *fixture,
                                           gconstpointer  shop);
void             cc_ui_fixture_teardown   (CcUiFixture   *fixture,
                                           gconstpointer  data);
/* Runs the app on the fixture's shop; body runs once the window has drawn,
 * then every window is closed and the app, window and store must go. */
void             cc_ui_run_app            (CcUiFixture   *fixture,
                                           CcUiAppBody    body);
/* A test on a CcUiFixture with this shop. */
#define cc_ui_test_add(path, shop, func) \
  g_test_add (path, CcUiFixture, GINT_TO_POINTER (shop), cc_ui_fixture_setup, func, cc_ui_fixture_teardown)

/* The running app's store. */
CcStore         *cc_ui_app_store          (CcUiFixture   *fixture);
/* The window's catalogue. */
CcCataloguePage *cc_ui_catalogue          (CcUiFixture   *fixture);
/* Shows a section of the app's window, as its view switcher would. */
GtkWidget       *cc_ui_show_section       (CcUiFixture   *fixture,
                                           GType          page_type,
                                           const char    *name);
/* A second connection to the fixture's shop, as another process would. */
CcStore         *cc_ui_open_second_store  (CcUiFixture   *fixture);
/* Opens a piece (or a new one, product_id NULL) as the window's actions do. */
CcProductEditor *cc_ui_open_editor        (CcUiFixture   *fixture,
                                           const char    *product_id);

G_END_DECLS
