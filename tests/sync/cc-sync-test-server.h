/* cc-sync-test-server.h — runs the real craftchain-sync program for tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program is found through the environment variable
 * CC_SYNC_SERVER_PROGRAM (tests/sync/meson.build sets it to the built
 * binary). It listens on 127.0.0.1 with a port it picks itself; the helper
 * reads the port from the "listening on http://127.0.0.1:PORT" line it
 * prints and waits until /health answers. Every function aborts the test
 * (g_error) when the server cannot be started.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  port;
  char  *base_url;     /* "http://127.0.0.1:PORT", no trailing slash */
  GPid   pid;
  char  *db_uri;       /* what --db was given */
  char **extra_args;   /* what start was given, kept for restart */
  char  *tmpdir;       /* owned temporary directory, or NULL */
} CcSyncTestServer;

/* The database URI a suite should use: $CC_SYNC_TEST_DB when set (for
 * example "postgresql://…"), otherwise "sqlite:" and a fresh file in a new
 * temporary directory removed at exit. Each call without the variable
 * gives a new, empty database. */
char             *cc_sync_test_db_uri       (void);

/* Starts `craftchain-sync serve --listen 127.0.0.1:0 --db DB_URI --quiet
 * EXTRA_ARGS…` (extra_args NULL-terminated, may be NULL) and waits for
 * /health. */
CcSyncTestServer *cc_sync_test_server_start (const char          *db_uri,
                                             const char * const  *extra_args);
/* SIGTERM, then SIGKILL after two seconds; waits for the process. */
void              cc_sync_test_server_stop  (CcSyncTestServer    *server);
/* Stops and starts again on the same database with the same arguments,
 * on the same port while it is free (otherwise another; base_url and port
 * are updated). */
void              cc_sync_test_server_restart (CcSyncTestServer  *server);
/* Stops it if it runs, and frees. */
void              cc_sync_test_server_free  (CcSyncTestServer    *server);

/* Runs `craftchain-sync ARGS… --db DB_URI` to completion (for shop and
 * device commands); returns its exit status, and its stdout in out_stdout
 * (may be NULL). */
int               cc_sync_test_run_admin    (const char          *db_uri,
                                             char               **out_stdout,
                                             const char          *first_arg,
                                             ...) G_GNUC_NULL_TERMINATED;
/* `shop create NAME` and the enrolment code it printed (g_error if it
 * failed); out_shop_id may be NULL. */
char             *cc_sync_test_create_shop  (const char          *db_uri,
                                             const char          *name,
                                             char               **out_shop_id);

/* `shop code SHOP`: a new enrolment code for the shop (name or id). */
char             *cc_sync_test_new_code     (const char          *db_uri,
                                             const char          *shop);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcSyncTestServer, cc_sync_test_server_free)

/* An enrolment code as craftchain-sync prints it, and only that: a shop's
 * name or id printed beside it may hold a run of hex digits of the same
 * shape inside a UUID, so the code must stand alone. */
#define CC_SYNC_TEST_CODE_PATTERN \
  "(?<![\\w-])[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}(?![\\w-])"

G_END_DECLS
