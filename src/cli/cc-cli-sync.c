/* cc-cli-sync.c — craftchain-cli sync and conflicts commands: enrol, sync, status, settle.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cc-cli-private.h"
#include "cc-conflicts.h"
#include "cc-error.h"
#include "cc-orders.h"
#include "cc-sync-client.h"

/* sync enrol */

static int
cmd_enrol (CcCli  *cli,
           int     argc,
           char  **argv)
{
  static const CcCliOption specs[] = { { "name", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *device_code = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 2, 2, "sync enrol URL CODE [--name NAME]"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !cc_sync_enrol (store, g_ptr_array_index (args.positional, 0), g_ptr_array_index (args.positional, 1),
                      cc_cli_args_get (&args, "name"), NULL, &error))
    return cc_cli_fail (cli, error);

  shop_name = cc_store_dup_meta (store, CC_SYNC_META_SHOP_NAME);
  device_code = cc_store_dup_meta (store, CC_SYNC_META_DEVICE_CODE);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *shop_id = cc_store_dup_meta (store, CC_SYNC_META_SHOP_ID);

      json_builder_begin_object (builder);
      cc_cli_add_string_or_null (builder, "shop_id", shop_id);
      cc_cli_add_string_or_null (builder, "shop_name", shop_name);
      cc_cli_add_string_or_null (builder, "device_code", device_code);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_print (_("This device joined the shop “%s” as device %s."), shop_name, device_code);
      g_print ("\n%s\n", _("Run “craftchain-cli sync” to send and receive changes."));
    }
  return CC_CLI_OK;
}

/* sync */

typedef struct
{
  gboolean     on_terminal;
  gboolean     quiet;
  CcSyncPhase  phase;
  gboolean     shown;
} Progress;

static void
show_progress (CcSyncPhase  phase,
               gint64       done,
               gint64       total,
               gpointer     user_data)
{
  Progress *progress = user_data;
  g_autofree char *line = NULL;

  if (progress->quiet)
    return;

  switch (phase)
    {
    case CC_SYNC_PHASE_UPLOAD_BLOBS:
      line = g_strdup_printf (_("Sending photos: %lld sent"), (long long) done);
      break;
    case CC_SYNC_PHASE_PUSH:
      line = g_strdup_printf (_("Sending changes: %lld of %lld"), (long long) done, (long long) total);
      break;
    case CC_SYNC_PHASE_PULL:
      line = g_strdup_printf (_("Receiving changes: %lld"), (long long) done);
      break;
    case CC_SYNC_PHASE_DOWNLOAD_BLOBS:
    default:
      line = g_strdup_printf (_("Receiving photos: %lld of %lld"), (long long) done, (long long) total);
      break;
    }

  /* On a terminal the line is redrawn; in a log, one line per step. */
  if (progress->on_terminal)
    {
      if (progress->shown && progress->phase != phase)
        fputc ('\n', stderr);
      fprintf (stderr, "\r%s\033[K", line);
    }
  else if (!progress->shown || progress->phase != phase || done == total)
    fprintf (stderr, "%s\n", line);
  fflush (stderr);
  progress->phase = phase;
  progress->shown = TRUE;
}

static int
cmd_sync (CcCli  *cli,
          int     argc,
          char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  CcSyncReport report = { 0 };
  Progress progress = { 0 };
  CcStore *store;
  gboolean ok;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "sync"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  progress.on_terminal = isatty (STDERR_FILENO);
  progress.quiet = cli->json;
  ok = cc_sync_run (store, show_progress, &progress, &report, NULL, &error);
  if (progress.shown && progress.on_terminal)
    fputc ('\n', stderr);
  if (!ok)
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, report.pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, report.pulled);
      json_builder_set_member_name (builder, "pulled_from_others");
      json_builder_add_int_value (builder, report.pulled_foreign);
      json_builder_set_member_name (builder, "blobs_sent");
      json_builder_add_int_value (builder, report.blobs_up);
      json_builder_set_member_name (builder, "blobs_received");
      json_builder_add_int_value (builder, report.blobs_down);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, cc_store_outbox_count (store));
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  g_print (ngettext ("Up to date: sent %lld change",
                     "Up to date: sent %lld changes", (gulong)report.pushed),
           (long long) report.pushed);
  g_print (", ");
  g_print (ngettext ("received %lld from other devices",
                     "received %lld from other devices", (gulong)report.pulled_foreign),
           (long long) report.pulled_foreign);
  if (report.blobs_up > 0 || report.blobs_down > 0)
    {
      g_print (", ");
      g_print (_("photos sent %lld, received %lld"),
               (long long) report.blobs_up, (long long) report.blobs_down);
    }
  g_print (".\n");
  return CC_CLI_OK;
}

/* sync status */

static int
cmd_status (CcCli  *cli,
            int     argc,
            char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *shop_id = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *device_code = NULL;
  g_autofree char *last_success = NULL;
  g_autofree char *last_error = NULL;
  gboolean enrolled;
  gint64 pending;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "sync status"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)))
    return cc_cli_fail (cli, error);

  enrolled = cc_sync_is_enrolled (store);
  url = cc_store_dup_meta (store, CC_SYNC_META_URL);
  shop_id = cc_store_dup_meta (store, CC_SYNC_META_SHOP_ID);
  shop_name = cc_store_dup_meta (store, CC_SYNC_META_SHOP_NAME);
  device_code = cc_orders_dup_device_code (store);
  last_success = cc_store_dup_meta (store, CC_SYNC_META_LAST_SUCCESS);
  last_error = cc_store_dup_meta (store, CC_SYNC_META_LAST_ERROR);
  pending = cc_store_outbox_count (store);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "enrolled");
      json_builder_add_boolean_value (builder, enrolled);
      cc_cli_add_string_or_null (builder, "server", url);
      cc_cli_add_string_or_null (builder, "shop_id", shop_id);
      cc_cli_add_string_or_null (builder, "shop_name", shop_name);
      cc_cli_add_string_or_null (builder, "device_code", device_code);
      cc_cli_add_string_or_null (builder, "last_success", last_success);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, pending);
      cc_cli_add_string_or_null (builder, "last_error", last_error);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  if (!enrolled)
    {
      g_print ("%s\n", _("This shop is not connected to a sync server. Join one with: craftchain-cli sync enrol URL CODE"));
      g_print (_("Device code:     %s"), device_code);
      g_print ("\n");
      g_print (ngettext ("Waiting to send: %lld change",
                         "Waiting to send: %lld changes", (gulong)pending), (long long) pending);
      g_print ("\n");
      return CC_CLI_OK;
    }

  g_print (_("Server:          %s"), url);
  g_print ("\n");
  g_print (_("Shop:            %s (%s)"), shop_name != NULL ? shop_name : "", shop_id != NULL ? shop_id : "");
  g_print ("\n");
  g_print (_("Device code:     %s"), device_code);
  g_print ("\n");
  g_print (_("Last success:    %s"), last_success != NULL ? last_success : _("never"));
  g_print ("\n");
  g_print (ngettext ("Waiting to send: %lld change",
                     "Waiting to send: %lld changes", (gulong)pending), (long long) pending);
  g_print ("\n");
  if (last_error != NULL)
    {
      g_print (_("Last error:      %s"), last_error);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

int
cc_cli_cmd_sync (CcCli  *cli,
                 int     argc,
                 char  **argv)
{
  const char *sub = argc > 0 ? argv[0] : NULL;

  if (sub == NULL || g_str_has_prefix (sub, "-"))
    return cmd_sync (cli, argc, argv);
  if (strcmp (sub, "enrol") == 0 || strcmp (sub, "enroll") == 0)
    return cmd_enrol (cli, argc - 1, argv + 1);
  if (strcmp (sub, "status") == 0)
    return cmd_status (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown sync command “%s”: use sync, sync enrol or sync status"), sub);
}

/* conflicts */

/* Whether this device wrote the value that lost. */
static gboolean
lost_here (CcStore    *store,
           CcConflict *conflict)
{
  return g_strcmp0 (conflict->device, cc_store_get_device_id (store)) == 0;
}

static int
cmd_conflicts_list (CcCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  CcStore *store;

  if (!cc_cli_parse_args (cli, NULL, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 0, 0, "conflicts list"))
    return CC_CLI_USAGE;
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(conflicts = cc_store_conflicts_list_full (store, &error)))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        {
          CcConflict *conflict = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, conflict->change_id);
          json_builder_set_member_name (builder, "entity");
          json_builder_add_string_value (builder, conflict->entity);
          json_builder_set_member_name (builder, "row_id");
          json_builder_add_string_value (builder, conflict->row_id);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, conflict->reg);
          json_builder_set_member_name (builder, "kept");
          json_builder_add_string_value (builder, conflict->winner_value);
          json_builder_set_member_name (builder, "lost");
          json_builder_add_string_value (builder, conflict->value);
          json_builder_set_member_name (builder, "lost_device");
          json_builder_add_string_value (builder, conflict->device);
          json_builder_set_member_name (builder, "lost_here");
          json_builder_add_boolean_value (builder, lost_here (store, conflict));
          json_builder_set_member_name (builder, "lost_stamp");
          json_builder_add_string_value (builder, conflict->hlc);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
      return CC_CLI_OK;
    }

  if (conflicts->len == 0)
    {
      g_print ("%s\n", _("No conflicts: every device agrees."));
      return CC_CLI_OK;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      CcConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *field = cc_conflict_dup_field_name (store, conflict);
      g_autofree char *kept = cc_conflict_format_value (store, conflict, conflict->winner_value);
      g_autofree char *lost = cc_conflict_format_value (store, conflict, conflict->value);

      g_print ("%s  %s\n", conflict->change_id, field);
      g_print ("  %s %s\n", _("kept:"), kept);
      g_print ("  %s %s  (%s)\n", _("lost:"), lost,
               lost_here (store, conflict) ? _("written on this device") : _("written on another device"));
    }
  g_print (ngettext ("%u conflict. Settle one with: craftchain-cli conflicts settle ID --keep mine|theirs|VALUE\n",
                     "%u conflicts. Settle one with: craftchain-cli conflicts settle ID --keep mine|theirs|VALUE\n",
                     conflicts->len),
           conflicts->len);
  return CC_CLI_OK;
}

/* The value chosen: "mine" is what this device wrote (the lost value if
 * this device lost, otherwise the kept one), "theirs" the other; anything
 * else is a new value, as text for a text field, else as JSON. */
static JsonNode *
chosen_value (CcStore     *store,
              CcConflict  *conflict,
              const char  *keep,
              GError     **error)
{
  g_autoptr(JsonNode) kept = NULL;
  const char *text;
  JsonNode *node;

  if (strcmp (keep, "mine") == 0)
    text = lost_here (store, conflict) ? conflict->value : conflict->winner_value;
  else if (strcmp (keep, "theirs") == 0)
    text = lost_here (store, conflict) ? conflict->winner_value : conflict->value;
  else
    {
      kept = json_from_string (conflict->winner_value, NULL);
      if (kept != NULL && JSON_NODE_HOLDS_VALUE (kept) && json_node_get_value_type (kept) == G_TYPE_STRING)
        return cc_value_string (keep);
      node = cc_json_parse (keep, 16, NULL);
      if (node == NULL)
        g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                     _("“%s” is not a value for this field: give mine, theirs, or a value like %s"),
                     keep, conflict->winner_value);
      return node;
    }

  node = json_from_string (text, NULL);
  if (node == NULL)
    g_set_error (error, CC_ERROR, CC_ERROR_CORRUPT, _("The conflict’s value is damaged: %s"), text);
  return node;
}

static int
cmd_conflicts_settle (CcCli  *cli,
                      int     argc,
                      char  **argv)
{
  static const CcCliOption specs[] = { { "keep", CC_CLI_VALUE }, { NULL } };
  g_auto(CcCliArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcConflict) conflict = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *value_text = NULL;
  const char *keep;
  CcStore *store;

  if (!cc_cli_parse_args (cli, specs, argc, argv, &args) ||
      !cc_cli_args_expect (cli, &args, 1, 1, "conflicts settle ID --keep mine|theirs|VALUE"))
    return CC_CLI_USAGE;
  if (!(keep = cc_cli_args_get (&args, "keep")))
    return cc_cli_usage_error (cli, _("Say which value to keep: --keep mine, --keep theirs or --keep VALUE"));
  if (!(store = cc_cli_get_store (cli, &error)) ||
      !(conflict = cc_store_conflict_find (store, g_ptr_array_index (args.positional, 0), &error)))
    return cc_cli_fail (cli, error);
  if (conflict->settled)
    {
      g_set_error (&error, CC_ERROR, CC_ERROR_CONFLICT, _("The conflict %s is settled already"), conflict->change_id);
      return cc_cli_fail (cli, error);
    }
  if (!(value = chosen_value (store, conflict, keep, &error)))
    return cc_cli_fail (cli, error);
  value_text = json_to_string (value, FALSE);
  if (!cc_store_conflict_settle (store, conflict->change_id, g_steal_pointer (&value), &error))
    return cc_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, conflict->change_id);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value_text);
      json_builder_end_object (builder);
      cc_cli_print_json (builder);
    }
  else
    {
      g_autofree char *field = cc_conflict_dup_field_name (store, conflict);
      g_autofree char *shown = cc_conflict_format_value (store, conflict, value_text);

      /* Translators: "Settled: Price of Sheesham Spoon is now ₹380.00." */
      g_print (_("Settled: %s is now %s."), field, shown);
      g_print ("\n");
    }
  return CC_CLI_OK;
}

int
cc_cli_cmd_conflicts (CcCli  *cli,
                      int     argc,
                      char  **argv)
{
  const char *sub = argc > 0 ? argv[0] : "list";

  if (strcmp (sub, "list") == 0)
    return cmd_conflicts_list (cli, argc > 0 ? argc - 1 : 0, argv + (argc > 0 ? 1 : 0));
  if (strcmp (sub, "settle") == 0)
    return cmd_conflicts_settle (cli, argc - 1, argv + 1);
  return cc_cli_usage_error (cli, _("Unknown conflicts command “%s”: use conflicts list or conflicts settle"), sub);
}
