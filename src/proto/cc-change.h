/* cc-change.h — the change record: one write to one register, as it travels.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A register is one field of one row: "price", "title@hi" (a text in one
 * language), "tag/indigo" (membership of one element in a set, value
 * true/false), "deleted" (the tombstone). The value is JSON text. */
typedef struct
{
  char *change_id;  /* UUIDv7, unique across the shop */
  char *entity;     /* "product", "variant", "category", "photo", "setting" */
  char *row_id;
  char *reg;
  char *value;      /* JSON text: "\"Blue mug\"", "1250", "true", "null" */
  char *hlc;        /* stamp of this write (cc_hlc_stamp_to_string) */
  char *base_hlc;   /* stamp of the value it replaced, or NULL */
  char *device;     /* device id that made it */
} CcChange;

CcChange  *cc_change_new        (void);
CcChange  *cc_change_copy       (const CcChange *change);
void       cc_change_free       (CcChange *change);
/* Checks every field: ids, names, a parseable stamp, valid JSON value. */
gboolean   cc_change_validate   (const CcChange  *change,
                                 GError         **error);
JsonNode  *cc_change_to_json    (const CcChange *change);
CcChange  *cc_change_from_json  (JsonNode  *node,
                                 GError   **error);
/* A batch is a JSON array of changes. */
char      *cc_change_list_to_json   (GPtrArray *changes);
GPtrArray *cc_change_list_from_json (const char  *text,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcChange, cc_change_free)

G_END_DECLS
