/* cc-ui-test-util.c — the harness the widget tests share: bounded waits, the widget tree, screenshots, the app on a temporary shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-demo.h"
#include "cc-test-util.h"
#include "cc-ui-test-util.h"

void
cc_ui_test_init (int    *argc,
                 char ***argv)
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* As main.c does. */
  if (setlocale (LC_ALL, "") == NULL && language != NULL && g_str_has_prefix (language, "hi"))
    g_printerr ("The Hindi locale is missing (Debian: locales, hi_IN.UTF-8 UTF-8 in /etc/locale.gen)\n");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
}

/* Waiting */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
cc_ui_wait_for_impl (CcUiCondition  cond,
                     gpointer       data,
                     guint          timeout_s,
                     const char    *what,
                     const char    *file,
                     int            line,
                     const char    *func)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message = g_strdup_printf ("gave up after %u s waiting for %s",
                                                      timeout_s, what);

          g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

void
cc_ui_iterate_pending (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
cc_ui_run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  cc_ui_wait_for (time_passed, &until, ms / 1000 + 5, "time to pass");
}

gboolean
cc_ui_widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
cc_ui_pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct
{
  GtkWidget     *root;
  GdkFrameClock *clock;
  guint          n_frames;
} DrawWait;

static void
on_after_paint (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

/* Two frames, the first may have been under way already; asks again each
 * time, as a request can be lost while the window is busy (a video stream
 * starting, say) and a window with nothing changing paints only once. */
static gboolean
frames_drawn (gpointer data)
{
  DrawWait *wait = data;

  if (wait->n_frames >= 2)
    return TRUE;
  gtk_widget_queue_draw (wait->root);
  gdk_frame_clock_request_phase (wait->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  return FALSE;
}

void
cc_ui_wait_for_draw (GtkWidget *widget)
{
  DrawWait wait = { GTK_WIDGET (gtk_widget_get_root (widget)), NULL, 0 };
  gulong handler;

  cc_ui_wait_for (cc_ui_widget_is_mapped, wait.root, CC_UI_WINDOW_TIMEOUT_S, "the window to be mapped");
  wait.clock = gtk_widget_get_frame_clock (wait.root);
  g_assert_nonnull (wait.clock);
  handler = g_signal_connect (wait.clock, "after-paint", G_CALLBACK (on_after_paint), &wait.n_frames);
  cc_ui_wait_for (frames_drawn, &wait, CC_UI_WINDOW_TIMEOUT_S, "the window to draw");
  g_signal_handler_disconnect (wait.clock, handler);
}

/* The widget tree */

GtkWidget *
cc_ui_find_widget (GtkWidget      *root,
                   CcUiWidgetFunc  func,
                   gpointer        data)
{
  if (func (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cc_ui_find_widget (child, func, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
cc_ui_is_type (GtkWidget *widget,
               gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
cc_ui_find_by_type (GtkWidget *root,
                    GType      type)
{
  return cc_ui_find_widget (root, cc_ui_is_type, GSIZE_TO_POINTER (type));
}

gboolean
cc_ui_is_mapped_label (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_LABEL (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

gboolean
cc_ui_is_button_with_label (GtkWidget *widget,
                            gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
collect_visible_text (GtkWidget *widget,
                      gpointer   data)
{
  GPtrArray *texts = data;
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL && *tooltip != '\0')
    g_ptr_array_add (texts, g_strdup (tooltip));
  return FALSE;
}

GPtrArray *
cc_ui_visible_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  cc_ui_find_widget (root, collect_visible_text, texts);
  return texts;
}

gboolean
cc_ui_has_devanagari (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0900 && c <= 0x097F)
        return TRUE;
    }
  return FALSE;
}

GtkWidget *
cc_ui_show_page (GtkWidget  *root,
                 GType       page_type,
                 const char *name)
{
  GtkWidget *page = cc_ui_find_by_type (root, page_type);
  GtkWidget *stack;

  g_assert_nonnull (page);
  stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  cc_ui_wait_for (cc_ui_widget_is_mapped, page, CC_UI_WINDOW_TIMEOUT_S, "the page to show");
  cc_ui_wait_for_draw (page);
  return page;
}

/* Toplevels */

gpointer
cc_ui_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GtkWidget *dialog = cc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static gboolean
message_dialog_gone (gpointer data)
{
  return cc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

AdwMessageDialog *
cc_ui_wait_for_message_dialog (const char *what)
{
  cc_ui_wait_for (message_dialog_shown, NULL, CC_UI_WINDOW_TIMEOUT_S, what);
  return cc_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

void
cc_ui_answer_dialog (const char *response)
{
  AdwMessageDialog *dialog = cc_ui_wait_for_message_dialog ("a question");
  GtkWidget *button;

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = cc_ui_find_widget (GTK_WIDGET (dialog), cc_ui_is_button_with_label,
                              (gpointer) adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  cc_ui_wait_for (message_dialog_gone, NULL, CC_UI_WINDOW_TIMEOUT_S, "the question to close");
}

void
cc_ui_close_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* The list does not hold references; destroying one window can end
   * another (a dialog with its parent). */
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free_full (toplevels, g_object_unref);
}

/* Screenshots */

char *
cc_ui_save_screenshot (GtkWidget  *widget,
                       const char *name,
                       const char *fallback_dir)
{
  const char *env_dir = g_getenv ("CC_UI_SCREENSHOT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  if (env_dir != NULL && *env_dir != '\0')
    {
      g_assert_cmpint (g_mkdir_with_parents (env_dir, 0755), ==, 0);
      path = g_build_filename (env_dir, file_name, NULL);
    }
  else if (fallback_dir != NULL)
    path = g_build_filename (fallback_dir, file_name, NULL);
  else
    return NULL;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (renderer);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_test_message ("Screenshot: %s", path);
  return path;
}

/* Many distinct colours and a real spread of brightness. */
void
cc_ui_assert_screenshot_has_content (const char *path,
                                     int         min_width,
                                     int         min_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width, height, stride, channels;
  const guchar *pixels;
  int min_luma = 255, max_luma = 0;

  g_assert_no_error (error);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  g_assert_cmpint (width, >=, min_width);
  g_assert_cmpint (height, >=, min_height);

  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        const guchar *p = pixels + y * stride + x * channels;
        int luma = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;

        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] << 16) | (p[1] << 8) | p[2]));
        min_luma = MIN (min_luma, luma);
        max_luma = MAX (max_luma, luma);
      }
  g_test_message ("%s: %d×%d, %u colours, brightness %d–%d", path, width, height,
                  g_hash_table_size (colours), min_luma, max_luma);
  g_assert_cmpuint (g_hash_table_size (colours), >, 64);
  g_assert_cmpint (max_luma - min_luma, >, 100);
}

char *
cc_ui_pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The shop */

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  dir = g_dir_open (from, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dest = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dest);
      else
        {
          g_autoptr(GFile) src_file = g_file_new_for_path (src);
          g_autoptr(GFile) dest_file = g_file_new_for_path (dest);

          g_file_copy (src_file, dest_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
}

/* The demo shop takes seconds to draw: load it once, copy it per test. */
static const char *
demo_template_dir (void)
{
  static char *template_dir;

  if (template_dir == NULL)
    {
      g_autofree char *dir = cc_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
      g_autoptr(GError) error = NULL;
      CcStore *store = cc_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_true (cc_demo_load (store, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cc_catalogue_count_products (store), ==, CC_UI_DEMO_PIECES);
      /* Closed, so the copies start from a checkpointed file. */
      g_assert_finalize_object (store);
      template_dir = g_steal_pointer (&dir);
    }
  return template_dir;
}

void
cc_ui_fixture_setup (CcUiFixture   *fixture,
                     gconstpointer  shop)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: start each test
   * from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "demo-offered", GPOINTER_TO_INT (shop) != CC_UI_SHOP_EMPTY_NEW);

  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);
  fixture->name = strrchr (g_test_get_path (), '/') + 1;
  if (GPOINTER_TO_INT (shop) == CC_UI_SHOP_DEMO)
    copy_tree (demo_template_dir (), fixture->dir);
}

void
cc_ui_fixture_teardown (CcUiFixture   *fixture,
                        gconstpointer  data)
{
  g_assert_null (fixture->app);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

/* Animations make what is on screen depend on timing: a screenshot could
 * catch a crossfade half way. */
static void
on_startup (GApplication *app,
            CcUiFixture  *fixture)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
on_activate (GApplication *app,
             CcUiFixture  *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* The app's own activate handler ran first and presented the window. */
  g_assert_true (CC_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, CC_WINDOW (window));
  g_set_weak_pointer (&fixture->store, cc_application_get_store (CC_APPLICATION (app)));
  g_assert_nonnull (fixture->store);
  cc_ui_wait_for_draw (GTK_WIDGET (window));

  fixture->body (fixture);
  fixture->body_ran = TRUE;

  /* Quit as a person closing every window would, and check the window
   * does not outlive it. */
  cc_ui_close_all_windows ();
  cc_ui_wait_for (cc_ui_pointer_is_null, &fixture->window, CC_UI_WINDOW_TIMEOUT_S,
                  "the window to be finalized");
  cc_ui_iterate_pending ();
  g_application_quit (app);
}

void
cc_ui_run_app (CcUiFixture *fixture,
               CcUiAppBody  body)
{
  int status;

  g_assert_null (fixture->app);

  /* The app reads CRAFTCHAIN_DB; non-unique, so runs never meet on the bus. */
  g_setenv ("CRAFTCHAIN_DB", fixture->db_path, TRUE);
  fixture->app = cc_application_new ();
  fixture->body = body;
  fixture->body_ran = FALSE;
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture->app, "startup", G_CALLBACK (on_startup), fixture);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate), fixture);

  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->body_ran);
  g_assert_null (fixture->window);

  /* The shop closes with the app: no page, model or editor kept a
   * reference to it. */
  g_assert_null (cc_application_get_store (fixture->app));
  g_assert_finalize_object (fixture->app);
  fixture->app = NULL;
  g_assert_null (fixture->store);
  g_unsetenv ("CRAFTCHAIN_DB");
}

CcStore *
cc_ui_app_store (CcUiFixture *fixture)
{
  CcStore *store = cc_application_get_store (fixture->app);

  g_assert_true (CC_IS_STORE (store));
  return store;
}

CcCataloguePage *
cc_ui_catalogue (CcUiFixture *fixture)
{
  g_assert_nonnull (fixture->window);
  return CC_CATALOGUE_PAGE (cc_window_get_catalogue_page (fixture->window));
}

GtkWidget *
cc_ui_show_section (CcUiFixture *fixture,
                    GType        page_type,
                    const char  *name)
{
  g_assert_nonnull (fixture->window);
  return cc_ui_show_page (GTK_WIDGET (fixture->window), page_type, name);
}

CcStore *
cc_ui_open_second_store (CcUiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CcStore *store = cc_store_open (fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

CcProductEditor *
cc_ui_open_editor (CcUiFixture *fixture,
                   const char  *product_id)
{
  GtkWindow *editor;

  if (product_id == NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-product", NULL));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-product", "s", product_id));

  editor = cc_window_get_editor (fixture->window);
  g_assert_true (CC_IS_PRODUCT_EDITOR (editor));
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (fixture->window));
  cc_ui_wait_for_draw (GTK_WIDGET (editor));
  return CC_PRODUCT_EDITOR (editor);
}
