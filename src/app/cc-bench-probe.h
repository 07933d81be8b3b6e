/* cc-bench-probe.h — reports the window's first frame and scrolling to make bench.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Does nothing unless CRAFTCHAIN_BENCH_FD is set (bench/bench-startup.c). */
void cc_bench_probe_attach (GtkWindow *window);

G_END_DECLS
