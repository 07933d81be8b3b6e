/* cc-cli.h — craftchain-cli: the shop from the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one command line; returns the process exit status. */
int cc_cli_main (int    argc,
                 char **argv);

G_END_DECLS
