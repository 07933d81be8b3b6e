/* main.c — craftchain-sync: serve the sync API, and manage shops and devices.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cc-error.h"
#include "cc-sync-server.h"
#include "cc-sync-storage.h"

#define EXIT_USAGE 2

typedef struct
{
  const char *name;
  gboolean    takes_value;
  const char *value;      /* set while parsing; "" for a flag given */
} Option;

typedef struct
{
  const char  *prgname;
  GPtrArray   *positional;   /* borrowed strings */
  Option      *options;
} Args;

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("craftchain-sync: %s\n", message);
  g_printerr (_("Try “craftchain-sync --help”.\n"));
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("craftchain-sync: %s\n", error->message);
  return EXIT_FAILURE;
}

static void
print_help (void)
{
  /* TRANSLATORS: the usage text; keep the command and option names. */
  g_print (_("Usage:\n"
             "  craftchain-sync serve --listen ADDRESS:PORT --db DATABASE\n"
             "                        [--tls-cert FILE --tls-key FILE] [--rate N]\n"
             "                        [--enrol-rate N] [--quiet]\n"
             "  craftchain-sync shop create NAME --db DATABASE\n"
             "  craftchain-sync shop list --db DATABASE\n"
             "  craftchain-sync shop code SHOP --db DATABASE\n"
             "  craftchain-sync device list SHOP --db DATABASE\n"
             "  craftchain-sync device revoke SHOP DEVICE --db DATABASE\n"
             "\n"
             "DATABASE is sqlite:PATH or postgresql://…; without --db the\n"
             "environment variable CRAFTCHAIN_SYNC_DB is used. SHOP is a shop’s\n"
             "name or id, DEVICE a device code (A, B, …) or device id.\n"
             "\n"
             "serve options:\n"
             "  --listen ADDRESS:PORT  where to answer (port 0 picks a free one)\n"
             "  --tls-cert, --tls-key  PEM files; required off loopback\n"
             "  --rate N               requests per second per device (default 50)\n"
             "  --enrol-rate N         enrolment attempts per minute per address (default 10)\n"
             "  --quiet                no request log on standard error\n"));
}

/* Options anywhere after the command words; "--name value" or
 * "--name=value". Returns FALSE after printing a usage error. */
static gboolean
parse_args (Args   *args,
            int     argc,
            char  **argv,
            int     first,
            int    *out_status)
{
  gboolean only_positional = FALSE;

  for (int i = first; i < argc; i++)
    {
      const char *word = argv[i];
      g_autofree char *name = NULL;
      const char *eq;
      Option *option = NULL;

      if (only_positional || word[0] != '-' || word[1] == '\0')
        {
          g_ptr_array_add (args->positional, (gpointer) word);
          continue;
        }
      if (g_str_equal (word, "--"))
        {
          only_positional = TRUE;
          continue;
        }
      if (!g_str_has_prefix (word, "--"))
        {
          *out_status = usage_error (_("Unknown option “%s”"), word);
          return FALSE;
        }
      eq = strchr (word, '=');
      name = eq != NULL ? g_strndup (word + 2, eq - word - 2) : g_strdup (word + 2);
      for (Option *o = args->options; o->name != NULL; o++)
        if (g_str_equal (o->name, name))
          option = o;
      if (option == NULL)
        {
          *out_status = usage_error (_("Unknown option “%s”"), word);
          return FALSE;
        }
      if (!option->takes_value)
        {
          if (eq != NULL)
            {
              *out_status = usage_error (_("The option “--%s” takes no value"), name);
              return FALSE;
            }
          option->value = "";
        }
      else if (eq != NULL)
        option->value = eq + 1;
      else if (i + 1 < argc)
        option->value = argv[++i];
      else
        {
          *out_status = usage_error (_("The option “--%s” needs a value"), name);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
option_value (Args       *args,
              const char *name)
{
  for (Option *o = args->options; o->name != NULL; o++)
    if (g_str_equal (o->name, name))
      return o->value;
  g_assert_not_reached ();
}

static gboolean
check_positional (Args        *args,
                  guint        n,
                  const char  *usage,
                  int         *out_status)
{
  if (args->positional->len < n)
    {
      *out_status = usage_error (_("Missing arguments. Usage: craftchain-sync %s"), usage);
      return FALSE;
    }
  if (args->positional->len > n)
    {
      *out_status = usage_error (_("Unexpected argument “%s”. Usage: craftchain-sync %s"),
                                 (const char *) g_ptr_array_index (args->positional, n), usage);
      return FALSE;
    }
  return TRUE;
}

static CcSyncStorage *
open_storage (Args    *args,
              int     *out_status)
{
  const char *uri = option_value (args, "db");
  g_autoptr(GError) error = NULL;
  CcSyncStorage *storage;

  if (uri == NULL || *uri == '\0')
    uri = g_getenv ("CRAFTCHAIN_SYNC_DB");
  if (uri == NULL || *uri == '\0')
    {
      *out_status = usage_error (_("Which database? Give --db sqlite:PATH or --db postgresql://…, "
                                   "or set CRAFTCHAIN_SYNC_DB."));
      return NULL;
    }
  storage = cc_sync_storage_open (uri, &error);
  if (storage == NULL)
    *out_status = fail (error);
  return storage;
}

static gboolean
parse_positive (const char  *text,
                const char  *option,
                double       max,
                double      *out,
                int         *out_status)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, (guint64) max, &value, NULL))
    {
      *out_status = usage_error (_("The option “--%s” needs a whole number from 1 to %.0f"), option, max);
      return FALSE;
    }
  *out = (double) value;
  return TRUE;
}

/* serve */

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(CcSyncServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  CcSyncServerOptions options;
  const char *listen = option_value (args, "listen");
  const char *cert = option_value (args, "tls-cert");
  const char *key = option_value (args, "tls-key");
  const char *rate = option_value (args, "rate");
  const char *enrol_rate = option_value (args, "enrol-rate");
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  guint sigint, sigterm;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 0, "serve --listen ADDRESS:PORT --db DATABASE", &status))
    return status;
  if (listen == NULL)
    return usage_error (_("serve needs --listen ADDRESS:PORT, for example --listen 127.0.0.1:8080"));

  cc_sync_server_options_init (&options);
  if (rate != NULL)
    {
      if (!parse_positive (rate, "rate", 100000, &options.token_rate, &status))
        return status;
      options.token_burst = options.token_rate * 4;
    }
  if (enrol_rate != NULL && !parse_positive (enrol_rate, "enrol-rate", 100000, &options.enrol_per_minute, &status))
    return status;
  options.log_requests = option_value (args, "quiet") == NULL;

  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;

  loop = g_main_loop_new (NULL, FALSE);
  server = cc_sync_server_new (storage, &options);
  if (!cc_sync_server_listen (server, listen, cert, key, &error))
    return fail (error);

  /* The host as given, the port as bound (it differs for port 0). */
  host = g_strdup (listen);
  if (strrchr (host, ':') != NULL)
    *strrchr (host, ':') = '\0';
  if (host[0] == '[')
    {
      memmove (host, host + 1, strlen (host));
      if (strchr (host, ']') != NULL)
        *strchr (host, ']') = '\0';
    }
  url = g_strdup_printf ("%s://%s%s%s:%u", cert != NULL ? "https" : "http",
                         strchr (host, ':') != NULL ? "[" : "", host,
                         strchr (host, ':') != NULL ? "]" : "",
                         cc_sync_server_get_port (server));
  /* TRANSLATORS: %s is the server's address, for example http://127.0.0.1:8080 */
  g_print (_("listening on %s\n"), url);
  fflush (stdout);

  sigint = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  /* Finishes the jobs under way before the storage closes. */
  g_clear_pointer (&server, cc_sync_server_free);
  return EXIT_SUCCESS;
}

/* shop and device */

static int
cmd_shop_create (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 1, "shop create NAME --db DATABASE", &status))
    return status;
  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;
  id = cc_sync_storage_create_shop (storage, g_ptr_array_index (args->positional, 0), &code, &error);
  if (id == NULL)
    return fail (error);
  g_print (_("Shop “%s” created, id %s\n"), (const char *) g_ptr_array_index (args->positional, 0), id);
  g_print (_("Enrolment code: %s (single use, valid for 24 hours)\n"), code);
  return EXIT_SUCCESS;
}

static int
cmd_shop_list (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 0, "shop list --db DATABASE", &status))
    return status;
  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;
  shops = cc_sync_storage_list_shops (storage, &error);
  if (shops == NULL)
    return fail (error);
  if (shops->len == 0)
    {
      g_print (_("No shops yet: create one with “craftchain-sync shop create NAME”.\n"));
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < shops->len; i++)
    {
      CcSyncShop *shop = g_ptr_array_index (shops, i);
      g_autofree char *devices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu device", "%lu devices",
                                                               (gulong) shop->n_devices),
                                                  (gulong) shop->n_devices);
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu change", "%lu changes",
                                                               (gulong) shop->n_changes),
                                                  (gulong) shop->n_changes);

      /* TRANSLATORS: name, id, "3 devices", "120 changes", creation date */
      g_print (_("%s\t%s\t%s\t%s\tcreated %s\n"), shop->name, shop->id, devices, changes, shop->created);
    }
  return EXIT_SUCCESS;
}

static int
cmd_shop_code (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const char *lifetime = option_value (args, "code-lifetime");
  gint64 seconds = CC_SYNC_CODE_LIFETIME_S;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 1, "shop code SHOP --db DATABASE", &status))
    return status;
  /* Hidden, for tests: a negative lifetime makes an expired code. */
  if (lifetime != NULL && !g_ascii_string_to_signed (lifetime, 10, -G_MAXINT32, G_MAXINT32, &seconds, NULL))
    return usage_error (_("The option “--%s” needs a whole number of seconds"), "code-lifetime");
  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;
  code = cc_sync_storage_new_code_lasting (storage, g_ptr_array_index (args->positional, 0), seconds, &error);
  if (code == NULL)
    return fail (error);
  g_print (_("Enrolment code: %s (single use, valid for 24 hours)\n"), code);
  return EXIT_SUCCESS;
}

static int
cmd_device_list (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 1, "device list SHOP --db DATABASE", &status))
    return status;
  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;
  devices = cc_sync_storage_list_devices (storage, g_ptr_array_index (args->positional, 0), &error);
  if (devices == NULL)
    return fail (error);
  if (devices->len == 0)
    {
      g_print (_("No devices have enrolled in this shop yet.\n"));
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < devices->len; i++)
    {
      CcSyncDevice *d = g_ptr_array_index (devices, i);

      /* TRANSLATORS: device code, name, device id, enrolment date, last seen, and "revoked" or nothing */
      g_print (_("%s\t%s\t%s\tenrolled %s\tlast seen %s%s\n"),
               d->device_code, *d->name != '\0' ? d->name : _("(no name)"), d->device_id, d->enrolled,
               d->last_seen != NULL ? d->last_seen : _("never"),
               d->revoked ? _("\trevoked") : "");
    }
  return EXIT_SUCCESS;
}

static int
cmd_device_revoke (Args *args)
{
  g_autoptr(CcSyncStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_SUCCESS;

  if (!check_positional (args, 2, "device revoke SHOP DEVICE --db DATABASE", &status))
    return status;
  storage = open_storage (args, &status);
  if (storage == NULL)
    return status;
  if (!cc_sync_storage_revoke_device (storage, g_ptr_array_index (args->positional, 0),
                                      g_ptr_array_index (args->positional, 1), &error))
    return fail (error);
  g_print (_("Device “%s” revoked: its token no longer works.\n"),
           (const char *) g_ptr_array_index (args->positional, 1));
  return EXIT_SUCCESS;
}

typedef struct
{
  const char *group;
  const char *name;
  int       (*run) (Args *args);
} Command;

static const Command commands[] = {
  { "serve", NULL, cmd_serve },
  { "shop", "create", cmd_shop_create },
  { "shop", "list", cmd_shop_list },
  { "shop", "code", cmd_shop_code },
  { "device", "list", cmd_device_list },
  { "device", "revoke", cmd_device_revoke },
};

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");
  Option options[] = {
    { "db", TRUE },
    { "listen", TRUE },
    { "tls-cert", TRUE },
    { "tls-key", TRUE },
    { "rate", TRUE },
    { "enrol-rate", TRUE },
    { "quiet", FALSE },
    { "code-lifetime", TRUE },
    { NULL },
  };
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  Args args = { "craftchain-sync", positional, options };
  const Command *command = NULL;
  int first, status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("craftchain-sync");

  if (argc < 2)
    {
      print_help ();
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help ();
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("craftchain-sync %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].group, argv[1]) &&
        (commands[i].name == NULL || (argc > 2 && g_str_equal (commands[i].name, argv[2]))))
      command = &commands[i];
  if (command == NULL)
    {
      if ((g_str_equal (argv[1], "shop") || g_str_equal (argv[1], "device")) && argc > 2)
        return usage_error (_("Unknown command “%s %s”"), argv[1], argv[2]);
      if (g_str_equal (argv[1], "shop") || g_str_equal (argv[1], "device"))
        return usage_error (_("“%s” needs a command after it"), argv[1]);
      return usage_error (_("Unknown command “%s”"), argv[1]);
    }
  first = command->name != NULL ? 3 : 2;

  if (!parse_args (&args, argc, argv, first, &status))
    return status;
  /* The hidden option exists only for “shop code”. */
  if (command->run != cmd_shop_code && option_value (&args, "code-lifetime") != NULL)
    return usage_error (_("Unknown option “%s”"), "--code-lifetime");
  return command->run (&args);
}
