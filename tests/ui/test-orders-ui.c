/* test-orders-ui.c — Orders, Customers, the order editor and quick sale, driven as a person would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <adwaita.h>

#include "cc-application.h"
#include "cc-catalogue.h"
#include "cc-customer-editor.h"
#include "cc-customers-page.h"
#include "cc-demo.h"
#include "cc-inventory.h"
#include "cc-money.h"
#include "cc-order-editor.h"
#include "cc-orders.h"
#include "cc-orders-page.h"
#include "cc-quick-sale-window.h"
#include "cc-test-util.h"
#include "cc-window.h"

#define DEMO_PIECES 40
#define WINDOW_TIMEOUT_S 20
#define WORKER_TIMEOUT_S 30

typedef struct _Fixture Fixture;
typedef void (*AppBody) (Fixture *fixture);

struct _Fixture
{
  char           *dir;        /* this test's data directory */
  char           *db_path;
  const char     *name;       /* for screenshots */

  /* While an app runs */
  CcApplication  *app;
  CcWindow       *window;     /* weak */
  CcStore        *store;      /* weak */
  AppBody         body;
  gboolean        body_ran;
};

/* Waiting, bounded: a test that waits too long fails, it never hangs. */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

#define wait_for(cond, data, timeout_s, what) \
  wait_for_impl (cond, data, timeout_s, what, __FILE__, __LINE__, G_STRFUNC)

static void
wait_for_impl (Condition   cond,
               gpointer    data,
               guint       timeout_s,
               const char *what,
               const char *file,
               int         line,
               const char *func)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_s * G_USEC_PER_SEC;
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

/* Runs what is ready now, without blocking. */
static void
iterate_pending (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *n_frames)
{
  /* A window with nothing changing paints once: ask for the second. */
  if (++(*n_frames) < 2)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
frames_drawn (gpointer data)
{
  return *(guint *)data >= 2;
}

/* Waits until widget's window is on screen and has drawn what it shows now. */
static void
wait_for_draw (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock;
  guint n_frames = 0;
  gulong handler;

  wait_for (widget_is_mapped, root, WINDOW_TIMEOUT_S, "the window to be mapped");
  clock = gtk_widget_get_frame_clock (root);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &n_frames);
  /* Two frames: the first may have been under way already. */
  gtk_widget_queue_draw (root);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  wait_for (frames_drawn, &n_frames, WINDOW_TIMEOUT_S, "the window to draw");
  g_signal_handler_disconnect (clock, handler);
}

/* Widget tree */

typedef gboolean (*WidgetFunc) (GtkWidget *widget,
                                gpointer   data);

/* Depth first; stops at the first widget func accepts. */
static GtkWidget *
find_widget (GtkWidget  *root,
             WidgetFunc  func,
             gpointer    data)
{
  if (func (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, func, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every label text and tooltip a person can see now. */
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

static GPtrArray *
visible_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  find_widget (root, collect_visible_text, texts);
  return texts;
}

static gboolean
has_devanagari (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0900 && c <= 0x097F)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *label;
} LabelMatch;

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  LabelMatch *match = data;

  return GTK_IS_BUTTON (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), match->label) == 0;
}

/* Files */

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
      g_assert_cmpint (cc_catalogue_count_products (store), ==, DEMO_PIECES);
      /* Closed, so the copies start from a checkpointed file. */
      g_assert_finalize_object (store);
      template_dir = g_steal_pointer (&dir);
    }
  return template_dir;
}

/* Fixture */

typedef enum
{
  SHOP_EMPTY,          /* and the demo offer already answered */
  SHOP_EMPTY_NEW,      /* first start: the demo is offered */
  SHOP_DEMO,
} Shop;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  Shop shop = GPOINTER_TO_INT (data);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: start each test
   * from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "demo-offered", shop != SHOP_EMPTY_NEW);

  fixture->dir = cc_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "shop.db", NULL);
  fixture->name = strrchr (g_test_get_path (), '/') + 1;
  if (shop == SHOP_DEMO)
    copy_tree (demo_template_dir (), fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_null (fixture->app);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* The application, run as main.c runs it */

static void
close_all_windows (void)
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

/* Animations make what is on screen depend on timing: a screenshot could
 * catch a crossfade half way. */
static void
on_startup (GApplication *app,
            Fixture      *fixture)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
on_activate (GApplication *app,
             Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* The app's own activate handler ran first and presented the window. */
  g_assert_true (CC_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, CC_WINDOW (window));
  g_set_weak_pointer (&fixture->store, cc_application_get_store (CC_APPLICATION (app)));
  g_assert_nonnull (fixture->store);
  wait_for_draw (GTK_WIDGET (window));

  fixture->body (fixture);
  fixture->body_ran = TRUE;

  /* Quit as a person closing every window would, and check the window
   * does not outlive it. */
  close_all_windows ();
  wait_for (pointer_is_null, &fixture->window, WINDOW_TIMEOUT_S, "the window to be finalized");
  iterate_pending ();
  g_application_quit (app);
}

static void
run_app (Fixture *fixture,
         AppBody  body)
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

/* Screenshots: what a person would see, into $CC_UI_SCREENSHOT_DIR or the
 * test's own directory. */

static char *
save_screenshot (Fixture    *fixture,
                 GtkWidget  *widget,
                 const char *name)
{
  const char *env_dir = g_getenv ("CC_UI_SCREENSHOT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GdkTexture *texture;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (renderer);

  if (env_dir != NULL && *env_dir != '\0')
    {
      g_assert_cmpint (g_mkdir_with_parents (env_dir, 0755), ==, 0);
      path = g_build_filename (env_dir, file_name, NULL);
    }
  else
    path = g_build_filename (fixture->dir, file_name, NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);

  g_test_message ("Screenshot: %s", path);
  return path;
}

/* A picture of a window, not a blank or one-colour image: many distinct
 * colours and a real spread of brightness. */
static void
assert_screenshot_has_content (const char *path,
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

/* Helpers */

static CcStore *
app_store (Fixture *fixture)
{
  CcStore *store = cc_application_get_store (fixture->app);

  g_assert_true (CC_IS_STORE (store));
  return store;
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* Shows a section of the window as its view switcher would. */
static GtkWidget *
show_section (Fixture    *fixture,
              const char *name,
              GType       page_type)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->window), is_type,
                                  GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK));
  GtkWidget *page;

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  page = find_widget (GTK_WIDGET (fixture->window), is_type, GSIZE_TO_POINTER (page_type));
  g_assert_nonnull (page);
  wait_for_draw (page);
  g_assert_true (gtk_widget_get_mapped (page));
  return page;
}

static CcProduct *
demo_piece (Fixture    *fixture,
            const char *sku,
            gint64      stock)
{
  g_autoptr(GError) error = NULL;
  CcProduct *product = cc_catalogue_get_product (app_store (fixture), sku, &error);
  g_autoptr(GPtrArray) variants = NULL;

  g_assert_no_error (error);
  variants = cc_catalogue_list_variants (app_store (fixture), product->id);
  g_assert_cmpuint (variants->len, ==, 0);
  if (stock > 0)
    {
      cc_inventory_adjust (app_store (fixture), product->id, NULL, stock, "count", NULL, &error);
      g_assert_no_error (error);
    }
  return product;
}

static CcStockLevel
level_of (Fixture         *fixture,
          const CcProduct *product)
{
  g_autoptr(GError) error = NULL;
  CcStockLevel level = { 0 };

  g_assert_true (cc_inventory_get_level (app_store (fixture), product->id, NULL, &level, &error));
  g_assert_no_error (error);
  return level;
}

/* Searches the picker as a person types and taps the piece. */
static void
pick_piece (CcPiecePicker   *picker,
            const char      *text,
            const CcProduct *product)
{
  guint n;

  cc_piece_picker_set_search_text (picker, text);
  n = cc_piece_picker_get_n_results (picker);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cc_piece_picker_get_result (picker, i)->product_id, product->id) == 0)
      {
        cc_piece_picker_pick (picker, i);
        return;
      }
  g_assert_not_reached ();
}

static char *
money (gint64 minor)
{
  return cc_money_format (minor, "INR");
}

static CcOrder *
get_order (Fixture    *fixture,
           const char *order_id)
{
  g_autoptr(GError) error = NULL;
  CcOrder *order;

  g_assert_nonnull (order_id);
  order = cc_orders_get_order (app_store (fixture), order_id, &error);
  g_assert_no_error (error);
  return order;
}

static guint
count_orders (Fixture *fixture)
{
  g_autoptr(GPtrArray) orders = cc_orders_list_orders (app_store (fixture));

  return orders->len;
}

static guint
count_customers (Fixture *fixture)
{
  g_autoptr(GPtrArray) customers = cc_orders_list_customers (app_store (fixture));

  return customers->len;
}

static gboolean
editor_idle (gpointer data)
{
  return !cc_order_editor_is_busy (data);
}

static gboolean
sale_idle (gpointer data)
{
  return !cc_quick_sale_window_is_busy (data);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static AdwMessageDialog *
visible_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = visible_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
message_dialog_gone (gpointer data)
{
  return visible_message_dialog () == NULL;
}

/* Clicks a response button as a person would. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog;
  LabelMatch match;
  GtkWidget *button;

  wait_for (message_dialog_shown, NULL, WINDOW_TIMEOUT_S, "a question");
  dialog = visible_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  match.label = adw_message_dialog_get_response_label (dialog, response);
  button = find_widget (GTK_WIDGET (dialog), is_button_with_label, &match);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  wait_for (message_dialog_gone, NULL, WINDOW_TIMEOUT_S, "the question to close");
}

/* Tests */

static char *
create_customer_body (Fixture *fixture)
{
  CcCustomersPage *page = CC_CUSTOMERS_PAGE (show_section (fixture, "customers", CC_TYPE_CUSTOMERS_PAGE));
  g_autoptr(CcCustomerEditor) editor = NULL;
  g_autoptr(CcCustomer) customer = NULL;
  guint n_customers = count_customers (fixture);
  char *customer_id;

  /* The demo shop's customers. */
  g_assert_cmpuint (n_customers, >, 0);
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, n_customers);
  editor = g_object_ref (cc_customers_page_new_customer (page));
  gtk_window_present (GTK_WINDOW (editor));
  wait_for_draw (GTK_WIDGET (editor));

  /* No name, then an address that is not one: shown inline, nothing written. */
  cc_customer_editor_set_fields (editor, "", "asha@example.in", NULL, NULL, NULL);
  g_assert_false (cc_customer_editor_save (editor));
  g_assert_nonnull (cc_customer_editor_get_error_text (editor));
  cc_customer_editor_set_fields (editor, "Asha Verma", "not an email", NULL, NULL, NULL);
  g_assert_false (cc_customer_editor_save (editor));
  g_assert_nonnull (cc_customer_editor_get_error_text (editor));
  g_assert_cmpuint (count_customers (fixture), ==, n_customers);

  cc_customer_editor_set_fields (editor, NULL, "asha@example.in", "+91 98290 12345",
                                 "12 Hawa Mahal Road\nJaipur 302002", "Prefers indigo");
  g_assert_true (cc_customer_editor_save (editor));
  g_assert_null (cc_customer_editor_get_error_text (editor));
  customer_id = g_strdup (cc_customer_editor_get_customer_id (editor));
  g_assert_nonnull (customer_id);

  g_assert_cmpuint (count_customers (fixture), ==, n_customers + 1);
  customer = cc_orders_get_customer (app_store (fixture), customer_id, NULL);
  g_assert_nonnull (customer);
  g_assert_cmpstr (customer->name, ==, "Asha Verma");
  g_assert_cmpstr (customer->email, ==, "asha@example.in");
  g_assert_cmpstr (customer->address, ==, "12 Hawa Mahal Road\nJaipur 302002");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, n_customers + 1);
  cc_customers_page_set_search_text (page, "zzz");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, 0);
  cc_customers_page_set_search_text (page, "asha verma");
  g_assert_cmpuint (cc_customers_page_get_n_customers (page), ==, 1);
  g_assert_cmpstr (cc_customers_page_get_customer_id (page, 0), ==, customer_id);
  g_assert_cmpuint (cc_customers_page_get_n_orders (page, 0), ==, 0);
  return customer_id;
}

static void
order_flow_body (Fixture *fixture)
{
  g_autofree char *customer_id = create_customer_body (fixture);
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 5);
  CcStockLevel before = level_of (fixture, vase);
  CcOrdersPage *page = CC_ORDERS_PAGE (show_section (fixture, "orders", CC_TYPE_ORDERS_PAGE));
  guint n_orders = count_orders (fixture);
  CcOrderEditor *editor;
  g_autoptr(CcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *subtotal = NULL;
  g_autofree char *total = NULL;
  g_autofree char *zero = money (0);
  g_autofree char *plain_total = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  CcOrderTotals totals;
  CcStockLevel level;

  g_assert_cmpint (before.available, >=, 5);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders);

  editor = cc_orders_page_new_order (page);
  gtk_window_present (GTK_WINDOW (editor));
  wait_for_draw (GTK_WIDGET (editor));
  g_assert_null (cc_order_editor_get_order_id (editor));
  cc_order_editor_set_customer (editor, customer_id);
  pick_piece (cc_order_editor_get_picker (editor), "surahi", vase);
  g_assert_cmpuint (cc_order_editor_get_n_lines (editor), ==, 1);
  cc_order_editor_set_line_quantity (editor, 0, 2);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available);
  subtotal = money (2 * vase->price);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_SUBTOTAL), ==, subtotal);

  /* A discount that is not an amount: inline, and nothing written. */
  cc_order_editor_set_discount_text (editor, "ten");
  g_assert_false (cc_order_editor_save (editor));
  g_assert_nonnull (cc_order_editor_get_error_text (editor));
  g_assert_null (cc_order_editor_get_order_id (editor));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders);
  cc_order_editor_set_discount_text (editor, "100");
  g_assert_true (cc_order_editor_save (editor));
  g_assert_null (cc_order_editor_get_error_text (editor));
  order_id = g_strdup (cc_order_editor_get_order_id (editor));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders + 1);

  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_PENDING);
  g_assert_cmpstr (order->customer_id, ==, customer_id);
  g_assert_cmpuint (order->lines->len, ==, 1);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->quantity, ==, 2);
  g_assert_cmpint (((CcOrderLine *)order->lines->pdata[0])->unit_price, ==, vase->price);
  g_assert_cmpint (order->discount, ==, 10000);
  cc_order_compute_totals (order, &totals);
  total = money (totals.total);
  plain_total = cc_money_format_plain (totals.total, "INR");
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_TOTAL), ==, total);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_BALANCE), ==, total);
  /* Newest first. */
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders + 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);

  /* Confirming reserves: the Inventory figures and the editor both drop. */
  g_assert_true (cc_order_editor_get_status_enabled (editor, CC_ORDER_CONFIRMED));
  g_assert_false (cc_order_editor_get_status_enabled (editor, CC_ORDER_SHIPPED));
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  g_assert_null (cc_order_editor_get_error_text (editor));
  g_assert_null (visible_message_dialog ());
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_CONFIRMED);
  level = level_of (fixture, vase);
  g_assert_cmpint (level.on_hand, ==, before.on_hand);
  g_assert_cmpint (level.reserved, ==, before.reserved + 2);
  g_assert_cmpint (level.available, ==, before.available - 2);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available - 2);

  /* Delivering what was never shipped: refused, with core's message. */
  g_assert_false (cc_order_editor_get_status_enabled (editor, CC_ORDER_DELIVERED));
  g_assert_true (cc_order_editor_get_status_enabled (editor, CC_ORDER_SHIPPED));
  cc_order_editor_change_status (editor, CC_ORDER_DELIVERED);
  g_assert_false (cc_orders_set_status (app_store (fixture), order_id, CC_ORDER_DELIVERED, FALSE, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_CONFLICT);
  g_assert_cmpstr (cc_order_editor_get_error_text (editor), ==, error->message);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  g_assert_cmpint (level_of (fixture, vase).reserved, ==, before.reserved + 2);

  /* Paid in full by UPI. */
  g_assert_false (cc_order_editor_record_payment (editor, "upi", "0", NULL));
  g_assert_nonnull (cc_order_editor_get_error_text (editor));
  g_assert_true (cc_order_editor_record_payment (editor, "upi", plain_total, NULL));
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_PAID), ==, total);
  g_assert_cmpstr (cc_order_editor_get_figure_text (editor, CC_ORDER_FIGURE_BALANCE), ==, zero);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpuint (order->payments->len, ==, 1);
  g_assert_cmpstr (((CcPayment *)order->payments->pdata[0])->method, ==, "upi");
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);

  /* The invoice, written by a worker, reads back with the total. */
  pdf_path = g_build_filename (fixture->dir, "invoice.pdf", NULL);
  cc_order_editor_save_document (editor, CC_DOCUMENT_INVOICE, pdf_path);
  g_assert_true (cc_order_editor_is_busy (editor));
  wait_for (editor_idle, editor, WORKER_TIMEOUT_S, "the invoice to be written");
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, total));
  g_assert_nonnull (strstr (text, "Asha Verma"));

  wait_for_draw (GTK_WIDGET (editor));
  shot = save_screenshot (fixture, GTK_WIDGET (editor), "order-editor");
  assert_screenshot_has_content (shot, 500, 500);
  g_clear_pointer (&shot, g_free);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The list finds it by customer and by status. */
  cc_orders_page_set_search_text (page, "asha");
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);
  cc_orders_page_set_search_text (page, order->number);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  cc_orders_page_set_search_text (page, "nobody-at-all");
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 0);
  cc_orders_page_set_search_text (page, "asha");
  cc_orders_page_set_status_filter (page, CC_ORDER_PENDING);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 0);
  cc_orders_page_set_status_filter (page, CC_ORDER_CONFIRMED);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, 1);
  cc_orders_page_set_status_filter (page, -1);
  cc_orders_page_set_search_text (page, "");
  wait_for_draw (GTK_WIDGET (page));
  shot = save_screenshot (fixture, GTK_WIDGET (fixture->window), "orders-page");
  assert_screenshot_has_content (shot, 360, 400);
  g_clear_pointer (&shot, g_free);

  /* The customer's row counts it; opening the customer lists it. */
  {
    CcCustomersPage *customers = CC_CUSTOMERS_PAGE (show_section (fixture, "customers", CC_TYPE_CUSTOMERS_PAGE));
    CcCustomerEditor *customer;

    cc_customers_page_set_search_text (customers, "asha verma");
    g_assert_cmpuint (cc_customers_page_get_n_customers (customers), ==, 1);
    g_assert_cmpuint (cc_customers_page_get_n_orders (customers, 0), ==, 1);
    customer = cc_customers_page_open_customer (customers, 0);
    g_assert_cmpuint (cc_customer_editor_get_n_orders (customer), ==, 1);
    gtk_window_present (GTK_WINDOW (customer));
    wait_for_draw (GTK_WIDGET (customer));
    shot = save_screenshot (fixture, GTK_WIDGET (customer), "customer-editor");
    g_clear_pointer (&shot, g_free);
    gtk_window_destroy (GTK_WINDOW (customer));
  }
}

static void
test_order_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  run_app (fixture, order_flow_body);
}

static void
backorder_body (Fixture *fixture)
{
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 0);
  CcStockLevel before = level_of (fixture, vase);
  gint64 wanted = MAX (before.available, 0) + 2;
  CcOrdersPage *page = CC_ORDERS_PAGE (show_section (fixture, "orders", CC_TYPE_ORDERS_PAGE));
  CcOrderEditor *editor = cc_orders_page_new_order (page);
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *order_id = NULL;
  CcStockLevel level;
  guint line;

  gtk_window_present (GTK_WINDOW (editor));
  wait_for_draw (GTK_WIDGET (editor));
  line = cc_order_editor_add_line (editor, vase->id, NULL, wanted);
  g_assert_cmpuint (line, ==, 0);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, before.available);

  /* More than is available: asked; declined, nothing reserved. */
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  answer_dialog ("cancel");
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_PENDING);
  order_id = g_strdup (cc_order_editor_get_order_id (editor));
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_PENDING);
  g_assert_cmpint (level_of (fixture, vase).reserved, ==, before.reserved);

  /* Asked again and accepted: made to order. */
  cc_order_editor_change_status (editor, CC_ORDER_CONFIRMED);
  answer_dialog ("backorder");
  g_assert_cmpint (cc_order_editor_get_status (editor), ==, CC_ORDER_CONFIRMED);
  g_clear_pointer (&order, cc_order_free);
  order = get_order (fixture, order_id);
  g_assert_cmpint (order->status, ==, CC_ORDER_CONFIRMED);
  level = level_of (fixture, vase);
  g_assert_cmpint (level.reserved, ==, before.reserved + wanted);
  g_assert_cmpint (level.available, ==, before.available - wanted);
  g_assert_cmpint (level.available, <, 0);
  g_assert_cmpint (cc_order_editor_get_line_available (editor, 0), ==, level.available);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_backorder (Fixture       *fixture,
                gconstpointer  data)
{
  run_app (fixture, backorder_body);
}

static void
quick_sale_body (Fixture *fixture)
{
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 4);
  CcStockLevel before = level_of (fixture, vase);
  CcOrdersPage *page = CC_ORDERS_PAGE (show_section (fixture, "orders", CC_TYPE_ORDERS_PAGE));
  guint n_orders = count_orders (fixture);
  CcQuickSaleWindow *sale = cc_orders_page_quick_sale (page);
  g_autoptr(CcOrder) order = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *change = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  CcOrderTotals totals;
  CcStockLevel level;

  gtk_window_present (GTK_WINDOW (sale));
  wait_for_draw (GTK_WIDGET (sale));

  /* Two taps on the piece make two of it. */
  pick_piece (cc_quick_sale_window_get_picker (sale), "surahi", vase);
  pick_piece (cc_quick_sale_window_get_picker (sale), "surahi", vase);
  g_assert_cmpuint (cc_quick_sale_window_get_n_lines (sale), ==, 1);
  total_text = g_strdup (cc_quick_sale_window_get_total_text (sale));

  /* Less cash than the total: refused, nothing written. */
  cc_quick_sale_window_set_method (sale, "cash");
  cc_quick_sale_window_set_received_text (sale, "100");
  g_assert_false (cc_quick_sale_window_complete (sale));
  g_assert_nonnull (cc_quick_sale_window_get_error_text (sale));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders);

  cc_quick_sale_window_set_received_text (sale, "10000");
  wait_for_draw (GTK_WIDGET (sale));
  shot = save_screenshot (fixture, GTK_WIDGET (sale), "quick-sale");
  assert_screenshot_has_content (shot, 500, 400);
  g_clear_pointer (&shot, g_free);

  g_assert_true (cc_quick_sale_window_complete (sale));
  g_assert_cmpuint (count_orders (fixture), ==, n_orders + 1);
  order = get_order (fixture, cc_quick_sale_window_get_order_id (sale));
  g_assert_cmpint (order->status, ==, CC_ORDER_DELIVERED);
  g_assert_null (order->customer_id);
  cc_order_compute_totals (order, &totals);
  g_assert_cmpint (totals.subtotal, ==, 2 * vase->price);
  g_assert_cmpint (totals.payment_state, ==, CC_PAYMENT_PAID);
  g_assert_cmpuint (order->payments->len, ==, 1);
  g_assert_cmpstr (((CcPayment *)order->payments->pdata[0])->method, ==, "cash");
  {
    g_autofree char *expected = money (totals.total);

    g_assert_cmpstr (total_text, ==, expected);
    change = money (1000000 - totals.total);
  }
  level = level_of (fixture, vase);
  g_assert_cmpint (level.on_hand, ==, before.on_hand - 2);
  g_assert_cmpint (level.reserved, ==, before.reserved);
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), ==, n_orders + 1);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, order->number);

  /* The receipt. */
  path = g_build_filename (fixture->dir, "receipt.pdf", NULL);
  cc_quick_sale_window_save_receipt (sale, path);
  wait_for (sale_idle, sale, WORKER_TIMEOUT_S, "the receipt to be written");
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, total_text));
  wait_for_draw (GTK_WIDGET (sale));
  shot = save_screenshot (fixture, GTK_WIDGET (sale), "quick-sale-done");
  g_clear_pointer (&shot, g_free);
  {
    g_autoptr(GPtrArray) texts = visible_texts (GTK_WIDGET (sale));
    gboolean change_shown = FALSE;

    for (guint i = 0; i < texts->len; i++)
      change_shown = change_shown || strstr (texts->pdata[i], change) != NULL;
    g_assert_true (change_shown);
  }

  cc_quick_sale_window_new_sale (sale);
  g_assert_cmpuint (cc_quick_sale_window_get_n_lines (sale), ==, 0);
  gtk_window_destroy (GTK_WINDOW (sale));
}

static void
test_quick_sale (Fixture       *fixture,
                 gconstpointer  data)
{
  run_app (fixture, quick_sale_body);
}

static void
hindi_body (Fixture *fixture)
{
  CcStore *store = app_store (fixture);
  g_autoptr(CcProduct) vase = demo_piece (fixture, "POT-VASE-001", 3);
  g_autoptr(CcCustomer) customer = cc_customer_new ();
  g_autoptr(CcOrder) draft = cc_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  CcOrdersPage *page;
  CcOrderEditor *editor;
  gboolean hindi = FALSE;

  customer->name = g_strdup ("मीरा शर्मा");
  customer_id = cc_orders_create_customer (store, customer, &error);
  g_assert_no_error (error);
  draft->customer_id = g_strdup (customer_id);
  g_ptr_array_add (draft->lines, cc_order_line_new (vase->id, NULL, 1));
  order_id = cc_orders_create_order (store, draft, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CcOrder) order = cc_orders_get_order (store, order_id, NULL);

    number = g_strdup (order->number);
  }

  page = CC_ORDERS_PAGE (show_section (fixture, "orders", CC_TYPE_ORDERS_PAGE));
  g_assert_cmpuint (cc_orders_page_get_n_orders (page), >, 0);
  g_assert_cmpstr (cc_orders_page_get_order_number (page, 0), ==, number);
  wait_for_draw (GTK_WIDGET (page));
  texts = visible_texts (GTK_WIDGET (page));
  for (guint i = 0; i < texts->len; i++)
    hindi = hindi || has_devanagari (texts->pdata[i]);
  g_assert_true (hindi);
  shot = save_screenshot (fixture, GTK_WIDGET (fixture->window), "orders-page-hindi");
  g_clear_pointer (&shot, g_free);

  editor = cc_orders_page_open_order (page, 0);
  gtk_window_present (GTK_WINDOW (editor));
  wait_for_draw (GTK_WIDGET (editor));
  shot = save_screenshot (fixture, GTK_WIDGET (editor), "order-editor-hindi");
  g_clear_pointer (&shot, g_free);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_hindi (Fixture       *fixture,
            gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || !g_str_has_prefix (language, "hi"))
    {
      g_test_skip ("Runs as test-orders-ui-hindi, with LANGUAGE=hi");
      return;
    }
  run_app (fixture, hindi_body);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");

  /* As main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, shop, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (shop), fixture_setup, func, fixture_teardown)

  ADD ("/ui/orders/order-flow", SHOP_DEMO, test_order_flow);
  ADD ("/ui/orders/backorder", SHOP_DEMO, test_backorder);
  ADD ("/ui/orders/quick-sale", SHOP_DEMO, test_quick_sale);
  ADD ("/ui/orders/hindi", SHOP_DEMO, test_hindi);

#undef ADD

  return g_test_run ();
}
