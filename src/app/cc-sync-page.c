/* cc-sync-page.c — Preferences → Sync: enrolment, this device, the shop's devices.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-sync-client.h"
#include "cc-sync-indicator.h"
#include "cc-sync-page.h"

#define DEVICES_MAX_DEPTH 6

struct _CcSyncPage
{
  AdwPreferencesPage  parent_instance;

  /* template widgets */
  AdwPreferencesGroup *enrol_group;
  AdwEntryRow         *url_row;
  AdwEntryRow         *enrol_code_row;
  AdwEntryRow         *device_name_row;
  GtkLabel            *enrol_error_label;
  GtkSpinner          *enrol_spinner;
  GtkButton           *enrol_button;
  AdwPreferencesGroup *status_group;
  GtkButton           *sync_now_button;
  AdwActionRow        *shop_row;
  AdwActionRow        *server_row;
  AdwActionRow        *device_code_row;
  AdwActionRow        *state_row;
  GtkImage            *state_icon;
  AdwActionRow        *last_row;
  AdwActionRow        *pending_row;
  AdwPreferencesGroup *devices_group;
  GtkSpinner          *devices_spinner;
  GtkButton           *devices_refresh_button;
  GtkListBox          *devices_list;
  GtkLabel            *devices_error_label;

  /* owned */
  CcStore             *store;
  CcSyncEngine        *engine;
  GCancellable        *cancellable;      /* cancelled in dispose */
  GCancellable        *devices_cancellable;
  gboolean             enrolling;
  gboolean             enrol_again;      /* the form is shown while enrolled */
};

G_DEFINE_FINAL_TYPE (CcSyncPage, cc_sync_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  ENROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fetch_devices (CcSyncPage *self);

/* What the page shows */

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : "—");
}

static void
update_enrol_button (CcSyncPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->enrol_code_row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->enrol_button),
                            !self->enrolling && *url != '\0' && *code != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !self->enrolling);
  gtk_widget_set_sensitive (GTK_WIDGET (self->enrol_code_row), !self->enrolling);
  gtk_widget_set_sensitive (GTK_WIDGET (self->device_name_row), !self->enrolling);
}

static void
update_engine_rows (CcSyncPage *self)
{
  CcSyncState state = cc_sync_engine_get_state (self->engine);
  const char *reason = cc_sync_engine_get_reason (self->engine);
  gint64 pending = cc_sync_engine_get_pending (self->engine);
  gint64 last = cc_sync_engine_get_last_success (self->engine);
  g_autofree char *last_text = NULL;
  g_autofree char *pending_text = NULL;
  g_autofree char *meta_last = NULL;

  /* Before the engine's first round, what the last one left in meta. */
  if (last == 0 && (meta_last = cc_store_dup_meta (self->store, CC_SYNC_META_LAST_SUCCESS)) != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (meta_last, NULL);

      if (when != NULL)
        last = g_date_time_to_unix (when);
    }
  if (state == CC_SYNC_STATE_NOT_ENROLLED && cc_sync_is_enrolled (self->store))
    {
      /* The engine has not started a round yet. */
      set_row_subtitle (self->state_row, _("Waiting to sync"));
    }
  else if (reason != NULL && (state == CC_SYNC_STATE_ERROR || state == CC_SYNC_STATE_OFFLINE))
    {
      g_autofree char *text = g_strdup_printf ("%s — %s", cc_sync_state_get_label (state), reason);

      set_row_subtitle (self->state_row, text);
    }
  else
    set_row_subtitle (self->state_row, cc_sync_state_get_label (state));

  switch (state)
    {
    case CC_SYNC_STATE_OFFLINE:
      gtk_image_set_from_icon_name (self->state_icon, "network-offline-symbolic");
      break;
    case CC_SYNC_STATE_ERROR:
      gtk_image_set_from_icon_name (self->state_icon, "dialog-warning-symbolic");
      break;
    case CC_SYNC_STATE_UP_TO_DATE:
      gtk_image_set_from_icon_name (self->state_icon, "emblem-ok-symbolic");
      break;
    default:
      gtk_image_set_from_icon_name (self->state_icon, "emblem-synchronizing-symbolic");
    }

  last_text = cc_sync_format_time (last);
  set_row_subtitle (self->last_row, last_text);
  if (pending == 0 && state == CC_SYNC_STATE_NOT_ENROLLED)
    pending = cc_store_outbox_count (self->store);
  pending_text = g_strdup_printf ("%" G_GINT64_FORMAT, pending);
  set_row_subtitle (self->pending_row, pending_text);
}

static void
update_all (CcSyncPage *self)
{
  gboolean enrolled = cc_sync_is_enrolled (self->store);
  g_autofree char *shop = cc_store_dup_meta (self->store, CC_SYNC_META_SHOP_NAME);
  g_autofree char *url = cc_store_dup_meta (self->store, CC_SYNC_META_URL);
  g_autofree char *code = cc_store_dup_meta (self->store, CC_SYNC_META_DEVICE_CODE);

  gtk_widget_set_visible (GTK_WIDGET (self->enrol_group), !enrolled || self->enrol_again);
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), enrolled);
  gtk_widget_set_visible (GTK_WIDGET (self->devices_group), enrolled);
  set_row_subtitle (self->shop_row, shop);
  set_row_subtitle (self->server_row, url);
  set_row_subtitle (self->device_code_row, code);
  if (enrolled)
    update_engine_rows (self);
  update_enrol_button (self);
}

static void
on_engine_notify (CcSyncPage *self)
{
  if (cc_sync_is_enrolled (self->store))
    update_engine_rows (self);
}

static void
on_engine_state (CcSyncPage *self)
{
  on_engine_notify (self);
  /* A round finished: the server saw this device just now. */
  if (cc_sync_engine_get_state (self->engine) == CC_SYNC_STATE_UP_TO_DATE &&
      cc_sync_is_enrolled (self->store))
    fetch_devices (self);
}

/* Enrolment */

static void
show_enrol_error (CcSyncPage *self,
                  const char *text)
{
  gtk_label_set_text (self->enrol_error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->enrol_error_label), text != NULL);
}

static void
on_enrol_field_changed (CcSyncPage *self)
{
  update_enrol_button (self);
}

static void
enrol_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CcSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cc_sync_engine_enrol_finish (CC_SYNC_ENGINE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->enrolling = FALSE;
      gtk_spinner_stop (self->enrol_spinner);
      show_enrol_error (self, error->message);
      update_enrol_button (self);
      return;
    }

  self->enrolling = FALSE;
  self->enrol_again = FALSE;
  gtk_spinner_stop (self->enrol_spinner);
  show_enrol_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->enrol_code_row), "");
  /* Another connection wrote the enrolment: the main one catches up. */
  cc_store_refresh (self->store);
  cc_sync_engine_start (self->engine);
  cc_sync_engine_sync_now (self->engine);
  update_all (self);
  fetch_devices (self);
  g_signal_emit (self, signals[ENROLLED], 0);
}

static void
on_enrol_clicked (CcSyncPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->enrol_code_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->device_name_row))));

  if (self->enrolling)
    return;
  if (*url == '\0')
    {
      show_enrol_error (self, _("Enter the sync server’s address, like https://sync.example.org"));
      return;
    }
  if (*code == '\0')
    {
      show_enrol_error (self, _("Enter the enrolment code the sync server gave you"));
      return;
    }

  self->enrolling = TRUE;
  show_enrol_error (self, NULL);
  gtk_spinner_start (self->enrol_spinner);
  update_enrol_button (self);
  cc_sync_engine_enrol_async (self->engine, url, code, *name != '\0' ? name : NULL,
                              self->cancellable, enrol_done, g_object_ref (self));
}

static void
on_enrol_again_clicked (CcSyncPage *self)
{
  g_autofree char *url = cc_store_dup_meta (self->store, CC_SYNC_META_URL);

  self->enrol_again = TRUE;
  if (url != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->url_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  update_all (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->enrol_code_row));
}

static void
on_sync_now_clicked (CcSyncPage *self)
{
  cc_sync_engine_start (self->engine);
  cc_sync_engine_sync_now (self->engine);
}

/* The shop's devices: GET /v1/devices on a worker, with this device's
 * token. The worker never touches the store: the page reads the address
 * and token first. */

typedef struct
{
  char     *code;
  char     *name;
  char     *enrolled;
  char     *last_seen;
  gboolean  revoked;
  gboolean  you;
} Device;

static void
device_free (Device *device)
{
  g_free (device->code);
  g_free (device->name);
  g_free (device->enrolled);
  g_free (device->last_seen);
  g_free (device);
}

typedef struct
{
  char *url;
  char *token;
} DevicesRequest;

static void
devices_request_free (DevicesRequest *request)
{
  g_free (request->url);
  g_free (request->token);
  g_free (request);
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
get_member_bool (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static GPtrArray *
parse_devices (GBytes  *body,
               GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data != NULL ? data : "", size);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify)device_free);
  JsonNode *list;

  if (strlen (text) == size)
    root = cc_json_parse (text, DEVICES_MAX_DEPTH, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (list = json_object_get_member (json_node_get_object (root), "devices")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED,
                           _("The sync server sent a list of devices that makes no sense"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      JsonObject *object;
      Device *device;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      device = g_new0 (Device, 1);
      device->code = dup_member_string (object, "device_code");
      device->name = dup_member_string (object, "name");
      device->enrolled = dup_member_string (object, "enrolled");
      device->last_seen = dup_member_string (object, "last_seen");
      device->revoked = get_member_bool (object, "revoked");
      device->you = get_member_bool (object, "you");
      g_ptr_array_add (devices, device);
    }
  return g_steal_pointer (&devices);
}

static char *
dup_server_reason (GBytes *body)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  g_autofree char *text = g_strndup (data != NULL ? data : "", size);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *error_node;

  if (strlen (text) != size || *text == '\0')
    return NULL;
  root = cc_json_parse (text, DEVICES_MAX_DEPTH, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  error_node = json_object_get_member (json_node_get_object (root), "error");
  if (error_node == NULL || !JSON_NODE_HOLDS_OBJECT (error_node))
    return NULL;
  return dup_member_string (json_node_get_object (error_node), "message");
}

static void
devices_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DevicesRequest *request = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *bearer = NULL;
  GPtrArray *devices = NULL;
  guint status;

  /* libsoup's blocking calls iterate the thread-default context. */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 20, NULL);
  uri = g_str_has_suffix (request->url, "/") ? g_strconcat (request->url, "v1/devices", NULL)
                                             : g_strconcat (request->url, "/v1/devices", NULL);
  msg = soup_message_new ("GET", uri);
  if (msg == NULL)
    {
      g_set_error (&error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("“%s” is not a sync server address"), request->url);
      goto out;
    }
  bearer = g_strconcat ("Bearer ", request->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);

  body = soup_session_send_and_read (session, msg, cancellable, &error);
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) transport = g_steal_pointer (&error);

          g_set_error (&error, CC_ERROR, CC_ERROR_OFFLINE,
                       _("The sync server cannot be reached: %s"), transport->message);
        }
      goto out;
    }
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error_literal (&error, CC_ERROR, CC_ERROR_UNAUTHORIZED,
                         _("This device was revoked or the shop was reset: enrol again"));
  else if (status != SOUP_STATUS_OK)
    {
      g_autofree char *reason = dup_server_reason (body);

      g_set_error (&error, CC_ERROR, CC_ERROR_FAILED, _("The sync server refused: %s"),
                   reason != NULL ? reason : soup_status_get_phrase (status));
    }
  else
    devices = parse_devices (body, &error);

out:
  g_main_context_pop_thread_default (context);
  if (devices != NULL)
    g_task_return_pointer (task, devices, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static char *
format_server_time (const char *iso)
{
  g_autoptr(GDateTime) when = NULL;

  if (iso == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (iso, NULL);
  if (when == NULL)
    return g_strdup (iso);
  return cc_sync_format_time (g_date_time_to_unix (when));
}

static void
show_devices (CcSyncPage *self,
              GPtrArray  *devices)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->devices_list))) != NULL)
    gtk_list_box_remove (self->devices_list, child);

  for (guint i = 0; i < devices->len; i++)
    {
      Device *device = g_ptr_array_index (devices, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *seen = format_server_time (device->last_seen);
      g_autofree char *subtitle = NULL;
      const char *name = device->name != NULL && *device->name != '\0' ? device->name : _("Unnamed device");

      /* Translators: a device in the shop's list: its name and its code. */
      title = g_strdup_printf (_("%s (%s)"), name, device->code != NULL ? device->code : "?");
      if (device->revoked)
        subtitle = g_strdup (_("Revoked: it can no longer sync"));
      else
        subtitle = g_strdup_printf (_("Last seen: %s"), seen != NULL ? seen : _("Never"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (device->you)
        {
          GtkWidget *tag = gtk_label_new (_("This device"));

          gtk_widget_add_css_class (tag, "accent");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
          g_object_set_data (G_OBJECT (row), "you", GINT_TO_POINTER (TRUE));
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (device->revoked ? "action-unavailable-symbolic"
                                                                               : "computer-symbolic"));
      gtk_list_box_append (self->devices_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->devices_list), devices->len > 0);
}

static void
devices_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CcSyncPage *self = CC_SYNC_PAGE (object);
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;

  devices = g_task_propagate_pointer (G_TASK (result), &error);
  if (devices == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->devices_cancellable);
  gtk_spinner_stop (self->devices_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->devices_refresh_button), TRUE);
  if (devices == NULL)
    {
      gtk_label_set_text (self->devices_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->devices_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->devices_error_label), FALSE);
  show_devices (self, devices);
}

static void
fetch_devices (CcSyncPage *self)
{
  g_autoptr(GTask) task = NULL;
  DevicesRequest *request;

  if (!cc_sync_is_enrolled (self->store))
    return;
  if (self->devices_cancellable != NULL)
    g_cancellable_cancel (self->devices_cancellable);
  g_clear_object (&self->devices_cancellable);
  self->devices_cancellable = g_cancellable_new ();

  request = g_new0 (DevicesRequest, 1);
  request->url = cc_store_dup_meta (self->store, CC_SYNC_META_URL);
  request->token = cc_store_dup_meta (self->store, CC_SYNC_META_TOKEN);

  gtk_spinner_start (self->devices_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->devices_refresh_button), FALSE);
  task = g_task_new (self, self->devices_cancellable, devices_done, NULL);
  g_task_set_source_tag (task, fetch_devices);
  g_task_set_task_data (task, request, (GDestroyNotify)devices_request_free);
  g_task_run_in_thread (task, devices_thread);
}

static void
on_devices_refresh_clicked (CcSyncPage *self)
{
  fetch_devices (self);
}

/* Public */

CcSyncPage *
cc_sync_page_new (CcStore      *store,
                  CcSyncEngine *engine)
{
  CcSyncPage *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), NULL);
  g_return_val_if_fail (engine == NULL || CC_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (CC_TYPE_SYNC_PAGE, NULL);
  self->store = g_object_ref (store);
  self->engine = engine != NULL ? g_object_ref (engine) : cc_sync_engine_new (cc_store_get_path (store));

  url = cc_store_dup_meta (store, CC_SYNC_META_URL);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->device_name_row), g_get_host_name ());

  g_signal_connect_object (self->engine, "notify::state", G_CALLBACK (on_engine_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::reason", G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::last-success", G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::pending", G_CALLBACK (on_engine_notify), self, G_CONNECT_SWAPPED);
  update_all (self);
  fetch_devices (self);
  return self;
}

void
cc_sync_page_enrol (CcSyncPage *self,
                    const char *url,
                    const char *code,
                    const char *device_name)
{
  g_return_if_fail (CC_IS_SYNC_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->enrol_code_row), code != NULL ? code : "");
  if (device_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->device_name_row), device_name);
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->enrol_button)))
    g_signal_emit_by_name (self->enrol_button, "clicked");
  else
    on_enrol_clicked (self);
}

gboolean
cc_sync_page_is_busy (CcSyncPage *self)
{
  g_return_val_if_fail (CC_IS_SYNC_PAGE (self), FALSE);
  return self->enrolling || self->devices_cancellable != NULL;
}

const char *
cc_sync_page_get_enrol_error (CcSyncPage *self)
{
  g_return_val_if_fail (CC_IS_SYNC_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->enrol_error_label)))
    return NULL;
  return gtk_label_get_text (self->enrol_error_label);
}

const char *
cc_sync_page_get_shop_text (CcSyncPage *self)
{
  g_return_val_if_fail (CC_IS_SYNC_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->shop_row);
}

const char *
cc_sync_page_get_device_code_text (CcSyncPage *self)
{
  g_return_val_if_fail (CC_IS_SYNC_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->device_code_row);
}

GPtrArray *
cc_sync_page_dup_device_rows (CcSyncPage *self)
{
  GPtrArray *rows;

  g_return_val_if_fail (CC_IS_SYNC_PAGE (self), NULL);

  rows = g_ptr_array_new_with_free_func (g_free);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->devices_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GString *text;

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      text = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      g_string_append_printf (text, "\n%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      /* The "This device" tag, as a person reads it on the row. */
      if (g_object_get_data (G_OBJECT (row), "you") != NULL)
        g_string_append_printf (text, "\n%s", _("This device"));
      g_ptr_array_add (rows, g_string_free (text, FALSE));
    }
  return rows;
}

void
cc_sync_page_refresh_devices (CcSyncPage *self)
{
  g_return_if_fail (CC_IS_SYNC_PAGE (self));
  fetch_devices (self);
}

/* GObject */

static void
cc_sync_page_dispose (GObject *object)
{
  CcSyncPage *self = (CcSyncPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->devices_cancellable != NULL)
    g_cancellable_cancel (self->devices_cancellable);
  g_clear_object (&self->devices_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_SYNC_PAGE);

  G_OBJECT_CLASS (cc_sync_page_parent_class)->dispose (object);
}

static void
cc_sync_page_finalize (GObject *object)
{
  CcSyncPage *self = (CcSyncPage *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cc_sync_page_parent_class)->finalize (object);
}

static void
cc_sync_page_class_init (CcSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_sync_page_dispose;
  object_class->finalize = cc_sync_page_finalize;

  /**
   * CcSyncPage::enrolled:
   *
   * The shop was enrolled and the engine started.
   */
  signals[ENROLLED] =
    g_signal_new ("enrolled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, enrol_group);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, enrol_code_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, device_name_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, enrol_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, enrol_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, shop_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, device_code_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, pending_row);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, devices_group);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, devices_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, devices_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, devices_list);
  gtk_widget_class_bind_template_child (widget_class, CcSyncPage, devices_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_enrol_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_enrol_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_enrol_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_devices_refresh_clicked);
}

static void
cc_sync_page_init (CcSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
