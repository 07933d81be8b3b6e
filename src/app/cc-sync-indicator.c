/* cc-sync-indicator.c — the header bar's sync button: state, last success, Sync Now.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-sync-indicator.h"

struct _CcSyncIndicator
{
  AdwBin         parent_instance;

  /* template widgets */
  GtkMenuButton *button;
  GtkStack      *icon_stack;
  GtkImage      *icon;
  GtkSpinner    *spinner;
  GtkPopover    *popover;
  GtkLabel      *state_label;
  GtkLabel      *reason_label;
  GtkLabel      *last_label;
  GtkLabel      *pending_label;

  /* owned */
  CcSyncEngine  *engine;
  char          *icon_name;
  char          *tooltip;
  guint          clock_source;   /* keeps "5 minutes ago" current */
};

G_DEFINE_FINAL_TYPE (CcSyncIndicator, cc_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
cc_sync_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 ago;

  if (unix_seconds <= 0)
    return g_strdup (_("Never"));

  when = g_date_time_new_from_unix_local (unix_seconds);
  now = g_date_time_new_now_local ();
  if (when == NULL || now == NULL)
    return g_strdup (_("Never"));

  ago = g_date_time_to_unix (now) - unix_seconds;
  if (ago >= 0 && ago < 60)
    return g_strdup (_("Just now"));
  if (ago >= 0 && ago < 3600)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (int)(ago / 60)), (int)(ago / 60));
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, in g_date_time_format() notation. */
    return g_date_time_format (when, _("Today at %H:%M"));
  /* Translators: a date and time, in g_date_time_format() notation. */
  return g_date_time_format (when, _("%-d %B %Y at %H:%M"));
}

const char *
cc_sync_state_get_label (CcSyncState state)
{
  switch (state)
    {
    case CC_SYNC_STATE_NOT_ENROLLED:
      return _("Sync is not set up");
    case CC_SYNC_STATE_OFFLINE:
      return _("Offline: changes are kept on this computer");
    case CC_SYNC_STATE_SYNCING:
      return _("Syncing…");
    case CC_SYNC_STATE_UP_TO_DATE:
      return _("Up to date");
    case CC_SYNC_STATE_ERROR:
    default:
      return _("Sync failed");
    }
}

static const char *
state_icon_name (CcSyncState state)
{
  switch (state)
    {
    case CC_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case CC_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case CC_SYNC_STATE_UP_TO_DATE:
      return "emblem-ok-symbolic";
    case CC_SYNC_STATE_ERROR:
      return "dialog-warning-symbolic";
    case CC_SYNC_STATE_NOT_ENROLLED:
    default:
      return "emblem-synchronizing-symbolic";
    }
}

static void
update (CcSyncIndicator *self)
{
  CcSyncState state = CC_SYNC_STATE_NOT_ENROLLED;
  const char *reason = NULL;
  gint64 pending = 0;
  g_autofree char *last = NULL;
  g_autofree char *last_line = NULL;
  g_autofree char *pending_line = NULL;

  if (self->engine != NULL)
    {
      state = cc_sync_engine_get_state (self->engine);
      reason = cc_sync_engine_get_reason (self->engine);
      pending = cc_sync_engine_get_pending (self->engine);
      last = cc_sync_format_time (cc_sync_engine_get_last_success (self->engine));
    }

  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->engine != NULL && state != CC_SYNC_STATE_NOT_ENROLLED);

  g_free (self->icon_name);
  self->icon_name = g_strdup (state_icon_name (state));
  gtk_image_set_from_icon_name (self->icon, self->icon_name);
  if (state == CC_SYNC_STATE_SYNCING)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->icon_stack, "spinner");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->icon_stack, "icon");
      gtk_spinner_stop (self->spinner);
    }

  g_free (self->tooltip);
  if ((state == CC_SYNC_STATE_ERROR || state == CC_SYNC_STATE_OFFLINE) && reason != NULL)
    /* Translators: the sync button's tooltip: the state, then why. */
    self->tooltip = g_strdup_printf (_("%s — %s"), cc_sync_state_get_label (state), reason);
  else
    self->tooltip = g_strdup (cc_sync_state_get_label (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->tooltip);

  gtk_label_set_text (self->state_label, cc_sync_state_get_label (state));
  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label),
                          reason != NULL && (state == CC_SYNC_STATE_ERROR || state == CC_SYNC_STATE_OFFLINE));
  last_line = g_strdup_printf (_("Last synced: %s"), last != NULL ? last : _("Never"));
  gtk_label_set_text (self->last_label, last_line);
  if (pending > 0)
    pending_line = g_strdup_printf (ngettext ("%lld change waiting to be sent",
                                              "%lld changes waiting to be sent",
                                              (gulong)pending),
                                    (long long) pending);
  else
    pending_line = g_strdup (_("Every change has been sent"));
  gtk_label_set_text (self->pending_label, pending_line);

  /* Also while syncing: the engine runs another round after this one, so
   * a change that arrived meanwhile is not left for the timer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now", self->engine != NULL);
}

static gboolean
clock_tick (gpointer user_data)
{
  update (CC_SYNC_INDICATOR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CcSyncIndicator *self = CC_SYNC_INDICATOR (widget);

  if (self->engine == NULL)
    return;
  cc_sync_engine_sync_now (self->engine);
}

void
cc_sync_indicator_set_engine (CcSyncIndicator *self,
                              CcSyncEngine    *engine)
{
  g_return_if_fail (CC_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || CC_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::reason", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::last-success", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::pending", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

CcSyncEngine *
cc_sync_indicator_get_engine (CcSyncIndicator *self)
{
  g_return_val_if_fail (CC_IS_SYNC_INDICATOR (self), NULL);
  return self->engine;
}

const char *
cc_sync_indicator_get_icon_name (CcSyncIndicator *self)
{
  g_return_val_if_fail (CC_IS_SYNC_INDICATOR (self), NULL);
  return self->icon_name;
}

const char *
cc_sync_indicator_get_tooltip (CcSyncIndicator *self)
{
  g_return_val_if_fail (CC_IS_SYNC_INDICATOR (self), NULL);
  return self->tooltip;
}

void
cc_sync_indicator_popup (CcSyncIndicator *self)
{
  g_return_if_fail (CC_IS_SYNC_INDICATOR (self));
  gtk_menu_button_popup (self->button);
}

void
cc_sync_indicator_popdown (CcSyncIndicator *self)
{
  g_return_if_fail (CC_IS_SYNC_INDICATOR (self));
  gtk_menu_button_popdown (self->button);
}

GtkWidget *
cc_sync_indicator_get_popover (CcSyncIndicator *self)
{
  g_return_val_if_fail (CC_IS_SYNC_INDICATOR (self), NULL);
  return GTK_WIDGET (self->popover);
}

void
cc_sync_indicator_sync_now (CcSyncIndicator *self)
{
  g_return_if_fail (CC_IS_SYNC_INDICATOR (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "sync.now", NULL);
}

GtkWidget *
cc_sync_indicator_new (void)
{
  return g_object_new (CC_TYPE_SYNC_INDICATOR, NULL);
}

static void
cc_sync_indicator_dispose (GObject *object)
{
  CcSyncIndicator *self = (CcSyncIndicator *)object;

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);

  /* AdwBin unparents its child itself: let it go first, so the template
   * does not leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (cc_sync_indicator_parent_class)->dispose (object);
}

static void
cc_sync_indicator_finalize (GObject *object)
{
  CcSyncIndicator *self = (CcSyncIndicator *)object;

  g_free (self->icon_name);
  g_free (self->tooltip);

  G_OBJECT_CLASS (cc_sync_indicator_parent_class)->finalize (object);
}

static void
cc_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CcSyncIndicator *self = CC_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CcSyncIndicator *self = CC_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      cc_sync_indicator_set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sync_indicator_class_init (CcSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_sync_indicator_dispose;
  object_class->finalize = cc_sync_indicator_finalize;
  object_class->get_property = cc_sync_indicator_get_property;
  object_class->set_property = cc_sync_indicator_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         CC_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, reason_label);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, last_label);
  gtk_widget_class_bind_template_child (widget_class, CcSyncIndicator, pending_label);

  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_action);
}

static void
cc_sync_indicator_init (CcSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
  self->clock_source = g_timeout_add_seconds (30, clock_tick, self);
}
