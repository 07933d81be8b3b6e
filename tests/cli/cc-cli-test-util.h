/* cc-cli-test-util.h — the CLI suites' fixture: the real craftchain-cli binary run on a temporary shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;   /* the test's own directory, the CLI's working directory */
  char *db;    /* dir/shop.db */
  char *out;   /* of the last run */
  char *err;
} CcCliFixture;

void        cc_cli_fixture_setup    (CcCliFixture  *fixture,
                                     gconstpointer  data);
void        cc_cli_fixture_teardown (CcCliFixture  *fixture,
                                     gconstpointer  data);

/* The environment the CLI runs in: C.UTF-8, no CRAFTCHAIN_DB, and a data
 * folder under dir, so nothing lands in the real user's. */
char      **cc_cli_environment      (const char    *dir);
/* prefix1 and prefix2 (each may be NULL), then the words from first up to
 * a NULL; the words are borrowed. */
GPtrArray  *cc_cli_collect_words    (const char    *prefix1,
                                     const char    *prefix2,
                                     const char    *first,
                                     va_list        args);
/* Runs craftchain-cli on the shop db (unless NULL: then no --db) with
 * words, in env (NULL: cc_cli_environment); keeps stdout and stderr in the
 * fixture and returns the exit status. A crash fails the test. */
int         cc_cli_run_words        (CcCliFixture  *fixture,
                                     const char    *db,
                                     char         **env,
                                     GPtrArray     *words);
/* The same on the fixture's shop, words up to a NULL. */
int         cc_cli_run              (CcCliFixture  *fixture,
                                     const char    *first,
                                     ...) G_GNUC_NULL_TERMINATED;
/* The same, with another shop and environment. */
int         cc_cli_run_with         (CcCliFixture  *fixture,
                                     const char    *db,
                                     char         **env,
                                     const char    *first,
                                     ...) G_GNUC_NULL_TERMINATED;
/* Runs and expects success. */
#define cc_cli_run_ok(fixture, ...) \
  g_assert_cmpint (cc_cli_run ((fixture), __VA_ARGS__, NULL), ==, 0)

/* Parses JSON the CLI printed; a copy of its root. */
JsonNode   *cc_cli_parse_json       (const char    *text);

G_END_DECLS
