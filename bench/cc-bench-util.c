/* cc-bench-util.c — what the benchmarks share: stopping on a broken run, tidying up.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cc-bench-util.h"

static const char *bench_name;

void
cc_bench_set_name (const char *name)
{
  bench_name = name;
}

void
cc_bench_die (const char   *what,
              const GError *error)
{
  fprintf (stderr, "%s: %s: %s\n", bench_name != NULL ? bench_name : g_get_prgname (),
           what, error != NULL ? error->message : "failed");
  exit (1);
}

void
cc_bench_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) &&
      !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cc_bench_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}
