/* cc-test-util.h — helpers shared by the test suites.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* A new temporary directory, removed (with everything in it) at exit. */
char    *cc_test_make_tmpdir    (void);
/* A store on a fresh database in its own temporary directory. */
CcStore *cc_test_open_store     (void);
/* Removes a directory tree. */
void     cc_test_rm_rf          (const char *path);
/* Rows in a table, or matching a WHERE clause (may be NULL). */
gint64   cc_test_count_rows     (CcStore    *store,
                                 const char *table,
                                 const char *where);

G_END_DECLS
