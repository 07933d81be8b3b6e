/* cc-error.c — the CC_ERROR domain.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cc-error.h"

G_DEFINE_QUARK (cc-error-quark, cc_error)

gboolean
cc_invalid_input (GError     **error,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CC_ERROR, CC_ERROR_INVALID_INPUT, format, args);
  va_end (args);
  return FALSE;
}
