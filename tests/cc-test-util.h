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

/* A product with this title in the shop's first language; its id. */
char    *cc_test_create_product (CcStore    *store,
                                 const char *title);
/* Writes len bytes of data to dir/name; the path. */
char    *cc_test_write_file     (const char *dir,
                                 const char *name,
                                 const char *data,
                                 gsize       len);
/* The SHA-256 hex of a file's bytes. */
char    *cc_test_sha256_of_file (const char *path);
/* Files under dir (recursively) whose name starts with prefix, or all. */
guint    cc_test_count_files    (const char *dir,
                                 const char *prefix);
/* Files in the shop's content store (photos, clips, and any leftovers). */
guint    cc_test_count_blobs    (CcStore    *store);
/* The registers of row_id in the outbox (name → JSON value), each checked
 * to be of entity and written on this device. */
GHashTable *cc_test_outbox_registers (CcStore    *store,
                                      const char *entity,
                                      const char *row_id);
/* Records a WebM clip of GStreamer's test pattern into dir/name; the path. */
char    *cc_test_record_clip    (const char *dir,
                                 const char *name,
                                 const char *pattern,
                                 int         width,
                                 int         height,
                                 int         fps,
                                 int         frames);

G_END_DECLS
