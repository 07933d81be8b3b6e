/* cc-cli-test-util.c — the CLI suites' fixture: the real craftchain-cli binary run on a temporary shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include "../cc-test-util.h"
#include "cc-cli-test-util.h"

void
cc_cli_fixture_setup (CcCliFixture  *fixture,
                      gconstpointer  data)
{
  fixture->dir = cc_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "shop.db", NULL);
}

void
cc_cli_fixture_teardown (CcCliFixture  *fixture,
                         gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->out);
  g_free (fixture->err);
}

char **
cc_cli_environment (const char *dir)
{
  char **env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (dir, "xdg-data", NULL);

  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "CRAFTCHAIN_DB");
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  return env;
}

GPtrArray *
cc_cli_collect_words (const char *prefix1,
                      const char *prefix2,
                      const char *first,
                      va_list     args)
{
  GPtrArray *words = g_ptr_array_new ();

  if (prefix1 != NULL)
    g_ptr_array_add (words, (char *) prefix1);
  if (prefix2 != NULL)
    g_ptr_array_add (words, (char *) prefix2);
  for (const char *word = first; word != NULL; word = va_arg (args, const char *))
    g_ptr_array_add (words, (char *) word);
  return words;
}

int
cc_cli_run_words (CcCliFixture  *fixture,
                  const char    *db,
                  char         **env,
                  GPtrArray     *words)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) own_env = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) CLI_PATH);
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (words, i));
  g_ptr_array_add (argv, NULL);

  if (env == NULL)
    env = own_env = cc_cli_environment (fixture->dir);

  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_spawn_sync (fixture->dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &fixture->out, &fixture->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("craftchain-cli did not exit normally (status %d); stderr: %s", wait_status, fixture->err);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", WEXITSTATUS (wait_status), fixture->out, fixture->err);
  return WEXITSTATUS (wait_status);
}

int
cc_cli_run (CcCliFixture *fixture,
            const char   *first,
            ...)
{
  g_autoptr(GPtrArray) words = NULL;
  va_list args;

  va_start (args, first);
  words = cc_cli_collect_words (NULL, NULL, first, args);
  va_end (args);
  return cc_cli_run_words (fixture, fixture->db, NULL, words);
}

int
cc_cli_run_with (CcCliFixture  *fixture,
                 const char    *db,
                 char         **env,
                 const char    *first,
                 ...)
{
  g_autoptr(GPtrArray) words = NULL;
  va_list args;

  va_start (args, first);
  words = cc_cli_collect_words (NULL, NULL, first, args);
  va_end (args);
  return cc_cli_run_words (fixture, db, env, words);
}

JsonNode *
cc_cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
