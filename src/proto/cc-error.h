/* cc-error.h — the CC_ERROR domain shared by core, sync, CLI and server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CC_ERROR (cc_error_quark ())

/* Codes a caller can act on; the message is for the person. */
typedef enum
{
  CC_ERROR_FAILED,
  CC_ERROR_NOT_FOUND,
  CC_ERROR_INVALID_INPUT,
  CC_ERROR_CONFLICT,
  CC_ERROR_OFFLINE,
  CC_ERROR_UNAUTHORIZED,
  CC_ERROR_CORRUPT,
  CC_ERROR_IO,
} CcError;

GQuark   cc_error_quark   (void);
/* Sets a CC_ERROR_INVALID_INPUT with the (already translated) message and
 * returns FALSE, so a check can end in `return cc_invalid_input (…)`. */
gboolean cc_invalid_input (GError     **error,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
