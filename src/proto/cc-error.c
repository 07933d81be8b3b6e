/* cc-error.c — the CC_ERROR domain.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cc-error.h"

G_DEFINE_QUARK (cc-error-quark, cc_error)
