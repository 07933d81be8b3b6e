/* cc-sync-test-server.c — runs the real craftchain-sync program for tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc-sync-test-server.h"

#define START_TIMEOUT_MS 10000
#define STOP_GRACE_MS 2000

static GPtrArray *tmpdirs;

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            rm_rf (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    rm_rf (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cc-sync-test-XXXXXX", &error);

  if (dir == NULL)
    g_error ("cannot make a temporary directory: %s", error->message);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

static const char *
server_program (void)
{
  const char *program = g_getenv ("CC_SYNC_SERVER_PROGRAM");

  if (program != NULL && *program != '\0')
    return program;
#ifdef CC_SYNC_SERVER_PATH
  return CC_SYNC_SERVER_PATH;
#else
  g_error ("set CC_SYNC_SERVER_PROGRAM to the craftchain-sync binary");
  return NULL;
#endif
}

char *
cc_sync_test_db_uri (void)
{
  const char *env = g_getenv ("CC_SYNC_TEST_DB");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  dir = make_tmpdir ();
  path = g_build_filename (dir, "sync.db", NULL);
  return g_strconcat ("sqlite:", path, NULL);
}

/* One line from fd, waiting at most until deadline (monotonic µs). */
static char *
read_line (int     fd,
           gint64  deadline)
{
  GString *line = g_string_new (NULL);

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      char c;
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, (int) left) <= 0)
        break;
      n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (c == '\n')
        return g_string_free (line, FALSE);
      g_string_append_c (line, c);
    }
  g_string_free (line, TRUE);
  return NULL;
}

static gboolean
health_answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *request = NULL;
  char buffer[64] = { 0 };
  gsize got = 0;

  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection == NULL)
    return FALSE;
  request = g_strdup_printf ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n", port);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, NULL, NULL))
    return FALSE;
  if (!g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                buffer, sizeof buffer - 1, &got, NULL, NULL))
    return FALSE;
  return g_str_has_prefix (buffer, "HTTP/1.1 200");
}

/* A test that aborts must not leave its server running (it would also
 * hold the test runner's pipes open). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts the process listening on port (0: any); FALSE if it did not come
 * up (the process is then reaped). */
static gboolean
spawn_server (CcSyncTestServer *server,
              guint             port)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_MS * 1000;
  int out_fd = -1;

  g_ptr_array_add (argv, g_strdup (server_program ()));
  g_ptr_array_add (argv, g_strdup ("serve"));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", port));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (server->db_uri));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  for (guint i = 0; server->extra_args != NULL && server->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (server->extra_args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
                                 &server->pid, NULL, &out_fd, NULL, &error))
    g_error ("cannot start %s: %s", server_program (), error->message);

  for (;;)
    {
      g_autofree char *line = read_line (out_fd, deadline);
      const char *url;

      if (line == NULL)
        break;
      url = strstr (line, "http://127.0.0.1:");
      if (url != NULL)
        {
          guint64 value = 0;

          if (g_ascii_string_to_unsigned (url + strlen ("http://127.0.0.1:"), 10, 1, G_MAXUINT16, &value, NULL))
            server->port = (guint) value;
          break;
        }
    }
  close (out_fd);

  while (server->port != 0 && g_get_monotonic_time () < deadline)
    {
      if (health_answers (server->port))
        {
          g_free (server->base_url);
          server->base_url = g_strdup_printf ("http://127.0.0.1:%u", server->port);
          return TRUE;
        }
      g_usleep (20 * 1000);
    }

  cc_sync_test_server_stop (server);
  return FALSE;
}

CcSyncTestServer *
cc_sync_test_server_start (const char         *db_uri,
                           const char * const *extra_args)
{
  CcSyncTestServer *server;

  g_return_val_if_fail (db_uri != NULL, NULL);

  server = g_new0 (CcSyncTestServer, 1);
  server->db_uri = g_strdup (db_uri);
  server->extra_args = g_strdupv ((char **) extra_args);
  if (!spawn_server (server, 0))
    g_error ("craftchain-sync did not start on %s", db_uri);
  return server;
}

void
cc_sync_test_server_stop (CcSyncTestServer *server)
{
  gint64 deadline;
  int status;

  g_return_if_fail (server != NULL);

  if (server->pid <= 0)
    return;
  kill (server->pid, SIGTERM);
  deadline = g_get_monotonic_time () + STOP_GRACE_MS * 1000;
  for (;;)
    {
      pid_t done = waitpid (server->pid, &status, WNOHANG);

      if (done == server->pid || (done < 0 && errno != EINTR))
        break;
      if (g_get_monotonic_time () > deadline)
        {
          kill (server->pid, SIGKILL);
          while (waitpid (server->pid, &status, 0) < 0 && errno == EINTR)
            ;
          break;
        }
      g_usleep (5 * 1000);
    }
  g_spawn_close_pid (server->pid);
  server->pid = 0;
  server->port = 0;
}

void
cc_sync_test_server_restart (CcSyncTestServer *server)
{
  guint port;

  g_return_if_fail (server != NULL);

  port = server->port;
  cc_sync_test_server_stop (server);
  /* The same port when it is still free, so clients keep their URL. */
  if (port != 0 && spawn_server (server, port))
    return;
  if (!spawn_server (server, 0))
    g_error ("craftchain-sync did not start again on %s", server->db_uri);
}

void
cc_sync_test_server_free (CcSyncTestServer *server)
{
  if (server == NULL)
    return;
  cc_sync_test_server_stop (server);
  g_free (server->base_url);
  g_free (server->db_uri);
  g_strfreev (server->extra_args);
  if (server->tmpdir != NULL)
    rm_rf (server->tmpdir);
  g_free (server->tmpdir);
  g_free (server);
}

static int
run_admin_v (const char  *db_uri,
             char       **out_stdout,
             const char  *first_arg,
             va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) server_program ());
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_uri);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run %s: %s", server_program (), error->message);
  if (err != NULL && *err != '\0')
    g_test_message ("craftchain-sync said: %s", err);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + (WIFSIGNALED (status) ? WTERMSIG (status) : 0);
}

int
cc_sync_test_run_admin (const char  *db_uri,
                        char       **out_stdout,
                        const char  *first_arg,
                        ...)
{
  va_list args;
  int status;

  g_return_val_if_fail (db_uri != NULL, -1);

  va_start (args, first_arg);
  status = run_admin_v (db_uri, out_stdout, first_arg, args);
  va_end (args);
  return status;
}

char *
cc_sync_test_create_shop (const char  *db_uri,
                          const char  *name,
                          char       **out_shop_id)
{
  if (out_shop_id != NULL)
    *out_shop_id = NULL;

  g_autofree char *out = NULL;
  g_autoptr(GRegex) code_re = g_regex_new (CC_SYNC_TEST_CODE_PATTERN, 0, 0, NULL);
  g_autoptr(GRegex) id_re = g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 0, NULL);
  g_autoptr(GMatchInfo) code_match = NULL;
  g_autoptr(GMatchInfo) id_match = NULL;
  int status = cc_sync_test_run_admin (db_uri, &out, "shop", "create", name, NULL);

  if (status != 0 || !g_regex_match (code_re, out, 0, &code_match) || !g_regex_match (id_re, out, 0, &id_match))
    g_error ("craftchain-sync shop create %s failed (%d): %s", name, status, out);
  if (out_shop_id != NULL)
    {
      /* The last id printed: the name may hold one too. */
      do
        {
          g_free (*out_shop_id);
          *out_shop_id = g_match_info_fetch (id_match, 0);
        }
      while (g_match_info_next (id_match, NULL));
    }
  return g_match_info_fetch (code_match, 0);
}

char *
cc_sync_test_new_code (const char *db_uri,
                       const char *shop)
{
  g_autofree char *out = NULL;
  g_autoptr(GRegex) code_re = g_regex_new (CC_SYNC_TEST_CODE_PATTERN, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int status = cc_sync_test_run_admin (db_uri, &out, "shop", "code", shop, NULL);

  if (status != 0 || !g_regex_match (code_re, out, 0, &match))
    g_error ("craftchain-sync shop code %s failed (%d): %s", shop, status, out);
  return g_match_info_fetch (match, 0);
}
