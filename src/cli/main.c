/* main.c — craftchain-cli entry point: the locale, then the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <locale.h>

#include "cc-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return cc_cli_main (argc, argv);
}
