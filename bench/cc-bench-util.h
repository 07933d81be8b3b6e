/* cc-bench-util.h — what the benchmarks share: stopping on a broken run, tidying up.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names the benchmark in cc_bench_die's message (g_get_prgname otherwise). */
void             cc_bench_set_name (const char *name);
/* A benchmark that cannot run says why and exits 1: never on time. */
G_NORETURN void  cc_bench_die      (const char   *what,
                                    const GError *error);
/* Removes a file or a directory tree (not following symlinks). */
void             cc_bench_rm_rf    (const char *path);

G_END_DECLS
