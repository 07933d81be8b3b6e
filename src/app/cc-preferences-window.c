/* cc-preferences-window.c — shop name, currency, languages, data folder, backups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "cc-application.h"
#include "cc-money.h"
#include "cc-preferences-window.h"
#include "cc-sync-page.h"

struct _CcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwEntryRow          *shop_name_row;
  AdwComboRow          *currency_row;
  AdwPreferencesGroup  *languages_group;
  AdwComboRow          *main_language_row;
  AdwActionRow         *location_row;
  GtkSpinner           *backup_spinner;

  /* owned */
  CcStore              *store;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *currency_codes;   /* char*, in currency_row order */
  GPtrArray            *language_rows;    /* AdwActionRow*, in group order */
  GPtrArray            *main_codes;       /* char*, in main_language_row order */
  gboolean              loading;
  gboolean              backup_running;
};

G_DEFINE_FINAL_TYPE (CcPreferencesWindow, cc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SHOP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The currencies offered first; a shop's own currency from elsewhere is
 * added to the list when it is not among them. */
static const struct
{
  const char *code;
  const char *name;
} common_currencies[] = {
  { "INR", N_("Indian Rupee") },
  { "USD", N_("US Dollar") },
  { "EUR", N_("Euro") },
  { "GBP", N_("British Pound") },
  { "AUD", N_("Australian Dollar") },
  { "CAD", N_("Canadian Dollar") },
  { "SGD", N_("Singapore Dollar") },
  { "AED", N_("UAE Dirham") },
  { "JPY", N_("Japanese Yen") },
  { "CHF", N_("Swiss Franc") },
  { "BDT", N_("Bangladeshi Taka") },
  { "NPR", N_("Nepalese Rupee") },
  { "LKR", N_("Sri Lankan Rupee") },
};

/* Language names are written in the language itself, so a person finds
 * theirs whatever language the program is in. */
static const struct
{
  const char *code;
  const char *native;
  const char *name;
} shop_languages[] = {
  { "en", "English", N_("English") },
  { "hi", "हिन्दी", N_("Hindi") },
  { "bn", "বাংলা", N_("Bengali") },
  { "ta", "தமிழ்", N_("Tamil") },
  { "mr", "मराठी", N_("Marathi") },
  { "gu", "ગુજરાતી", N_("Gujarati") },
  { "kn", "ಕನ್ನಡ", N_("Kannada") },
  { "fr", "Français", N_("French") },
  { "es", "Español", N_("Spanish") },
  { "de", "Deutsch", N_("German") },
};

static void
add_toast (CcPreferencesWindow *self,
           const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
shop_changed (CcPreferencesWindow *self)
{
  g_signal_emit (self, signals[SHOP_CHANGED], 0);
}

/* Shop name */

static void
load_shop_name (CcPreferencesWindow *self)
{
  g_autofree char *name = cc_store_dup_setting (self->store, "shop-name", "");

  gtk_editable_set_text (GTK_EDITABLE (self->shop_name_row), name);
}

static void
on_shop_name_apply (CcPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shop_name_row))));

  if (*name == '\0')
    {
      add_toast (self, _("The shop needs a name"));
      load_shop_name (self);
      return;
    }
  if (!cc_store_set_setting (self->store, "shop-name", name, &error))
    {
      add_toast (self, error->message);
      load_shop_name (self);
      return;
    }
  shop_changed (self);
}

/* Currency */

static void
load_currency (CcPreferencesWindow *self)
{
  g_autofree char *current = cc_store_dup_setting (self->store, "currency", "INR");
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->currency_codes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (common_currencies); i++)
    {
      const char *code = common_currencies[i].code;
      const char *symbol = cc_currency_symbol (code);
      g_autofree char *label = NULL;

      if (g_strcmp0 (symbol, code) == 0)
        label = g_strdup_printf ("%s (%s)", _(common_currencies[i].name), code);
      else
        label = g_strdup_printf ("%s (%s %s)", _(common_currencies[i].name), symbol, code);
      gtk_string_list_append (model, label);
      g_ptr_array_add (self->currency_codes, g_strdup (code));
      if (g_strcmp0 (code, current) == 0)
        selected = i;
    }
  if (cc_currency_is_valid (current) &&
      !g_ptr_array_find_with_equal_func (self->currency_codes, current, g_str_equal, NULL))
    {
      const char *symbol = cc_currency_symbol (current);
      g_autofree char *label = NULL;

      if (g_strcmp0 (symbol, current) == 0)
        label = g_strdup (current);
      else
        label = g_strdup_printf ("%s %s", symbol, current);
      selected = self->currency_codes->len;
      gtk_string_list_append (model, label);
      g_ptr_array_add (self->currency_codes, g_strdup (current));
    }

  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->currency_row, selected);
}

static void
on_currency_selected (CcPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);
  g_autoptr(GError) error = NULL;

  if (self->loading || selected >= self->currency_codes->len)
    return;
  if (!cc_store_set_setting (self->store, "currency",
                             g_ptr_array_index (self->currency_codes, selected), &error))
    {
      add_toast (self, error->message);
      self->loading = TRUE;
      load_currency (self);
      self->loading = FALSE;
      return;
    }
  shop_changed (self);
}

/* Languages */

static const char *
row_get_code (AdwActionRow *row)
{
  return g_object_get_data (G_OBJECT (row), "language-code");
}

static GtkSwitch *
row_get_switch (AdwActionRow *row)
{
  return g_object_get_data (G_OBJECT (row), "language-switch");
}

static const char *
selected_main_code (CcPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->main_language_row);

  if (selected >= self->main_codes->len)
    return NULL;
  return g_ptr_array_index (self->main_codes, selected);
}

/* The main language's switch cannot be turned off, so the shop always
 * keeps at least one language. */
static void
update_switches (CcPreferencesWindow *self,
                 const char          *main_code)
{
  for (guint i = 0; i < self->language_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->language_rows, i);

      gtk_widget_set_sensitive (GTK_WIDGET (row_get_switch (row)),
                                g_strcmp0 (row_get_code (row), main_code) != 0);
    }
}

/* The main language is chosen among the enabled ones. */
static void
update_main_language_row (CcPreferencesWindow *self,
                          const char          *main_code)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  g_assert (self->loading);

  g_ptr_array_set_size (self->main_codes, 0);
  for (guint i = 0; i < self->language_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->language_rows, i);
      const char *code = row_get_code (row);

      if (!gtk_switch_get_active (row_get_switch (row)))
        continue;
      if (g_strcmp0 (code, main_code) == 0)
        selected = self->main_codes->len;
      gtk_string_list_append (model, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      g_ptr_array_add (self->main_codes, g_strdup (code));
    }

  adw_combo_row_set_model (self->main_language_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->main_language_row, selected);
  update_switches (self, main_code);
}

static gboolean
save_languages (CcPreferencesWindow *self,
                const char          *main_code)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (codes, (gpointer)main_code);
  for (guint i = 0; i < self->language_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->language_rows, i);

      if (gtk_switch_get_active (row_get_switch (row)) &&
          g_strcmp0 (row_get_code (row), main_code) != 0)
        g_ptr_array_add (codes, (gpointer)row_get_code (row));
    }
  g_ptr_array_add (codes, NULL);
  text = g_strjoinv (",", (char **)codes->pdata);

  if (!cc_store_set_setting (self->store, "languages", text, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }
  shop_changed (self);
  return TRUE;
}

static void
on_language_toggled (CcPreferencesWindow *self,
                     GParamSpec          *pspec,
                     GtkSwitch           *toggle)
{
  g_autofree char *main_code = NULL;

  if (self->loading)
    return;

  main_code = g_strdup (selected_main_code (self));
  g_return_if_fail (main_code != NULL);

  self->loading = TRUE;
  if (!save_languages (self, main_code))
    gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
  update_main_language_row (self, main_code);
  self->loading = FALSE;
}

static void
on_main_language_selected (CcPreferencesWindow *self)
{
  g_auto(GStrv) saved = NULL;
  const char *main_code;

  if (self->loading || (main_code = selected_main_code (self)) == NULL)
    return;

  if (save_languages (self, main_code))
    {
      update_switches (self, main_code);
      return;
    }
  saved = cc_store_dup_languages (self->store);
  self->loading = TRUE;
  update_main_language_row (self, saved[0]);
  self->loading = FALSE;
}

static AdwActionRow *
add_language_row (CcPreferencesWindow *self,
                  const char          *code,
                  const char          *native,
                  const char          *name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), native);
  if (name != NULL && g_strcmp0 (name, native) != 0)
    adw_action_row_set_subtitle (row, name);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, toggle);
  adw_action_row_set_activatable_widget (row, toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, native,
                                  -1);

  g_object_set_data_full (G_OBJECT (row), "language-code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (row), "language-switch", toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_language_toggled), self, G_CONNECT_SWAPPED);

  adw_preferences_group_add (self->languages_group, GTK_WIDGET (row));
  g_ptr_array_add (self->language_rows, row);
  return row;
}

/* Rebuilds the rows from the setting: a language that arrived from
 * another device and is not in our list still gets its row. */
static void
load_languages (CcPreferencesWindow *self)
{
  g_auto(GStrv) enabled = cc_store_dup_languages (self->store);

  g_assert (self->loading);

  for (guint i = 0; i < self->language_rows->len; i++)
    adw_preferences_group_remove (self->languages_group, g_ptr_array_index (self->language_rows, i));
  g_ptr_array_set_size (self->language_rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (shop_languages); i++)
    add_language_row (self, shop_languages[i].code, shop_languages[i].native, _(shop_languages[i].name));
  for (guint i = 0; enabled[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (shop_languages) && !known; j++)
        known = g_strcmp0 (shop_languages[j].code, enabled[i]) == 0;
      if (!known)
        add_language_row (self, enabled[i], enabled[i], NULL);
    }

  for (guint i = 0; i < self->language_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->language_rows, i);

      gtk_switch_set_active (row_get_switch (row),
                             g_strv_contains ((const char * const *)enabled, row_get_code (row)));
    }
  update_main_language_row (self, enabled[0]);
}

static void
load_settings (CcPreferencesWindow *self)
{
  self->loading = TRUE;
  load_shop_name (self);
  load_currency (self);
  load_languages (self);
  adw_action_row_set_subtitle (self->location_row, cc_store_get_path (self->store));
  self->loading = FALSE;
}

/* Data folder */

static void
folder_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  add_toast (self, error->message);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (cc_store_get_data_dir (self->store), NULL, &error);

  if (uri == NULL)
    {
      add_toast (self, error->message);
      return;
    }
  /* The task holds the window until the callback runs. */
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable,
                     folder_shown_cb, self);
}

/* Backup: a worker with its own connection, so the window keeps drawing
 * while SQLite copies the shop. */

typedef struct
{
  char *db_path;
  char *dest_path;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db_path);
  g_free (job->dest_path);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (job->db_path, &error);
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  int fd;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_file_test (job->dest_path, G_FILE_TEST_EXISTS))
    {
      if (!cc_store_backup (store, job->dest_path, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  /* The person agreed to replace the file: the old one stays until the
   * new copy is complete. */
  dir = g_path_get_dirname (job->dest_path);
  partial = g_build_filename (dir, ".craftchain-backup-XXXXXX", NULL);
  fd = g_mkstemp (partial);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, CC_ERROR, CC_ERROR_IO,
                               _("The backup could not be written to “%s”: %s"),
                               job->dest_path, g_strerror (saved_errno));
      return;
    }
  g_close (fd, NULL);
  g_unlink (partial);

  if (!cc_store_backup (store, partial, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_rename (partial, job->dest_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_task_return_new_error (task, CC_ERROR, CC_ERROR_IO,
                               _("The backup could not be written to “%s”: %s"),
                               job->dest_path, g_strerror (saved_errno));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_backup_running (CcPreferencesWindow *self,
                    gboolean             running)
{
  self->backup_running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->backup_spinner), running);
  gtk_spinner_set_spinning (self->backup_spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.back-up", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.restore", !running);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (object);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: the window is gone; nothing to show. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_backup_running (self, FALSE);
      add_toast (self, error->message);
      return;
    }

  set_backup_running (self, FALSE);
  display = g_filename_display_name (job->dest_path);
  text = g_strdup_printf (_("Backup saved to %s"), display);
  add_toast (self, text);
}

static void
start_backup (CcPreferencesWindow *self,
              GFile               *dest)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  job = g_new0 (BackupJob, 1);
  job->db_path = g_strdup (cc_store_get_path (self->store));
  job->dest_path = g_file_get_path (dest);
  if (job->dest_path == NULL)
    {
      backup_job_free (job);
      add_toast (self, _("Choose a folder on this computer for the backup"));
      return;
    }

  set_backup_running (self, TRUE);
  task = g_task_new (self, self->cancellable, backup_done_cb, NULL);
  g_task_set_source_tag (task, start_backup);
  g_task_set_task_data (task, job, (GDestroyNotify)backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
on_backup_chooser_response (CcPreferencesWindow  *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    start_backup (self, file);
}

static GtkFileChooserNative *
make_chooser (CcPreferencesWindow  *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept_label)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) backups = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (backups, _("Shop Backups"));
  gtk_file_filter_add_pattern (backups, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backups);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  self->chooser = chooser;
  return chooser;
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "craftchain-backup-%Y-%m-%d.db");

  if (self->backup_running)
    return;

  /* Translators: the title of the file chooser for saving a backup. */
  chooser = make_chooser (self, _("Back Up Shop"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_backup_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore: quick for a shop-sized file, and the store it replaces belongs
 * to this (the main) thread, so it runs here. */

static void
show_restore_error (CcPreferencesWindow *self,
                    const GError        *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Restore"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_confirmed (AdwMessageDialog    *dialog,
                      const char          *response,
                      CcPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  if (!cc_store_restore (self->store, path, &error))
    {
      show_restore_error (self, error);
      return;
    }

  load_settings (self);
  shop_changed (self);
  display = g_filename_display_basename (path);
  text = g_strdup_printf (_("The shop was restored from %s"), display);
  add_toast (self, text);
}

static void
confirm_restore (CcPreferencesWindow *self,
                 GFile               *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (path == NULL)
    {
      add_toast (self, _("Choose a backup file on this computer"));
      return;
    }

  display = g_filename_display_basename (path);
  body = g_strdup_printf (_("Every piece, category and setting will be replaced by what is in “%s”. Changes made since that backup will be lost."),
                          display);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the current shop with this backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_chooser_response (CcPreferencesWindow  *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    confirm_restore (self, file);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->backup_running)
    return;

  /* Translators: the title of the file chooser for opening a backup. */
  chooser = make_chooser (self, _("Restore Shop"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_restore_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Sync: its own page, working with the application's engine. */

static void
add_sync_page (CcPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  CcSyncEngine *engine = NULL;

  if (app == NULL)
    app = GTK_APPLICATION (g_application_get_default ());
  if (CC_IS_APPLICATION (app) && cc_application_get_store (CC_APPLICATION (app)) == self->store)
    engine = cc_application_get_sync_engine (CC_APPLICATION (app));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (cc_sync_page_new (self->store, engine)));
}

/* GObject */

static void
cc_preferences_window_constructed (GObject *object)
{
  CcPreferencesWindow *self = (CcPreferencesWindow *)object;

  G_OBJECT_CLASS (cc_preferences_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  load_settings (self);
  add_sync_page (self);
}

static void
cc_preferences_window_dispose (GObject *object)
{
  CcPreferencesWindow *self = (CcPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cc_preferences_window_parent_class)->dispose (object);
}

static void
cc_preferences_window_finalize (GObject *object)
{
  CcPreferencesWindow *self = (CcPreferencesWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);
  g_clear_pointer (&self->language_rows, g_ptr_array_unref);
  g_clear_pointer (&self->main_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (cc_preferences_window_parent_class)->finalize (object);
}

static void
cc_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CcPreferencesWindow *self = CC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_preferences_window_class_init (CcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cc_preferences_window_constructed;
  object_class->dispose = cc_preferences_window_dispose;
  object_class->finalize = cc_preferences_window_finalize;
  object_class->get_property = cc_preferences_window_get_property;
  object_class->set_property = cc_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CC_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOP_CHANGED] =
    g_signal_new ("shop-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, shop_name_row);
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, languages_group);
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, main_language_row);
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, CcPreferencesWindow, backup_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_shop_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_main_language_selected);

  gtk_widget_class_install_action (widget_class, "prefs.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "prefs.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "prefs.restore", NULL, restore_action);
}

static void
cc_preferences_window_init (CcPreferencesWindow *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  self->language_rows = g_ptr_array_new ();
  self->main_codes = g_ptr_array_new_with_free_func (g_free);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->currency_row, expression);
  adw_combo_row_set_expression (self->main_language_row, expression);
  gtk_expression_unref (expression);
}

CcPreferencesWindow *
cc_preferences_window_new (GtkWindow *parent,
                           CcStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return g_object_new (CC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
