/* cc-uuid.h — UUIDv7 ids made on the device, UUIDv5 for deterministic ids.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Canonical lowercase text, 36 characters. Ids made by one process are
 * strictly increasing, so ordering by id orders by creation time. */
char     *cc_uuid_v7_new   (void);
/* RFC 9562 name-based (SHA-1) id: the same namespace and name always give
 * the same id, on every device. */
char     *cc_uuid_v5_new   (const char *namespace_uuid,
                            const char *name);
gboolean  cc_uuid_is_valid (const char *text);
/* Milliseconds since the epoch encoded in a UUIDv7, or -1. */
gint64    cc_uuid_v7_get_time_ms (const char *text);

G_END_DECLS
