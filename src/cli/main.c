/* main.c — craftchain-cli entry point.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cc-cli.h"

int
main (int   argc,
      char *argv[])
{
  return cc_cli_main (argc, argv);
}
