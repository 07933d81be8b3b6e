/* main.c — craftchain, the desktop workstation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CcApplication) app = NULL;
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
