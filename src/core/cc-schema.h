/* cc-schema.h — the numbered migrations of the shop database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations[i] takes a database from user_version i to i + 1. */
extern const char * const cc_schema_migrations[];
extern const guint cc_schema_n_migrations;

G_END_DECLS
