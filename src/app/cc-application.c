/* cc-application.c — the CraftChain desktop application: the shop, app actions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-application.h"
#include "cc-preferences-window.h"
#include "cc-sync-client.h"
#include "cc-window.h"

struct _CcApplication
{
  AdwApplication  parent_instance;

  /* owned */
  CcStore        *store;
  GSettings      *settings;
  GError         *open_error;
  CcSyncEngine   *sync_engine;     /* for the open store */
  gboolean        announcing;      /* re-emitting "committed" after a pull */
};

G_DEFINE_FINAL_TYPE (CcApplication, cc_application, ADW_TYPE_APPLICATION)

CcApplication *
cc_application_new (void)
{
  return g_object_new (CC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/craftchain/Workstation",
                       NULL);
}

CcStore *
cc_application_get_store (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);
  return self->store;
}

CcSyncEngine *
cc_application_get_sync_engine (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);
  return self->sync_engine;
}

GSettings *
cc_application_get_settings (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The database: CRAFTCHAIN_DB (tests, scripts), then the setting, then the
 * user's data directory. */
static char *
dup_database_path (CcApplication *self)
{
  const char *env = g_getenv ("CRAFTCHAIN_DB");
  g_autofree char *setting = g_settings_get_string (self->settings, "database-path");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);
  return cc_store_default_path ();
}

/* Sync: one engine for the open store. It runs once the shop is enrolled
 * (the Sync page starts it after an enrolment), hears of every local
 * commit, and after a round that brought other devices' changes the main
 * connection catches up and every screen re-reads. */

static void
on_store_committed (CcApplication *self)
{
  if (!self->announcing)
    cc_sync_engine_poke (self->sync_engine);
}

static void
on_sync_changed (CcApplication *self)
{
  if (self->store == NULL)
    return;
  cc_store_refresh (self->store);
  /* The pages re-read on "committed"; the pull committed on the engine's
   * own connection, so say it here (without waking the engine again). */
  self->announcing = TRUE;
  g_signal_emit_by_name (self->store, "committed");
  self->announcing = FALSE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CC_IS_WINDOW (l->data))
      cc_window_reload_shop (CC_WINDOW (l->data));
}

static void
setup_sync (CcApplication *self)
{
  self->sync_engine = cc_sync_engine_new (cc_store_get_path (self->store));
  g_signal_connect_object (self->sync_engine, "changed", G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "committed", G_CALLBACK (on_store_committed), self, G_CONNECT_SWAPPED);
  if (cc_sync_is_enrolled (self->store))
    cc_sync_engine_start (self->sync_engine);
}

static void
cc_application_startup (GApplication *app)
{
  CcApplication *self = CC_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (cc_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  path = dup_database_path (self);
  self->store = cc_store_open (path, &self->open_error);
  if (self->store != NULL)
    setup_sync (self);
}

static void
cc_application_activate (GApplication *app)
{
  CcApplication *self = CC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cc_window_new (self, self->store, self->open_error));
  gtk_window_present (window);
}

static void
cc_application_shutdown (GApplication *app)
{
  CcApplication *self = CC_APPLICATION (app);

  G_APPLICATION_CLASS (cc_application_parent_class)->shutdown (app);
  if (self->sync_engine != NULL)
    cc_sync_engine_stop (self->sync_engine);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
}

static void
cc_application_finalize (GObject *object)
{
  CcApplication *self = (CcApplication *)object;

  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (cc_application_parent_class)->finalize (object);
}

static void
cc_application_class_init (CcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cc_application_finalize;
  app_class->startup = cc_application_startup;
  app_class->activate = cc_application_activate;
  app_class->shutdown = cc_application_shutdown;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "CraftChain developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("CraftChain"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("A workstation for small craft shops that works offline"),
                         "website", "https://craftchain.org",
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->store == NULL || !CC_IS_WINDOW (parent))
    return;
  cc_window_show_preferences (CC_WINDOW (parent));
}

/* From a notification: the window comes forward on the section named. */
static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CcApplication *self = CC_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!CC_IS_WINDOW (window))
    return;
  cc_window_show_page (CC_WINDOW (window), g_variant_get_string (parameter, NULL));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "show-page", show_page_activated, "s" },
};

static void
cc_application_init (CcApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *categories_accels[] = { "<Control>k", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *grid_accels[] = { "<Control>1", NULL };
  static const char *list_accels[] = { "<Control>2", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-product", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.categories", categories_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "catalogue.view::grid", grid_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "catalogue.view::list", list_accels);
}
