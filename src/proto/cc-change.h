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

/* The blob (photo, clip) a change names: the value of a register called
 * "sha256" or ending in "_sha256", when it is 64 lower-case hex digits;
 * NULL otherwise. Such a change travels only after its blob. */
char      *cc_change_dup_blob_ref   (const CcChange *change);

/* Parses JSON text after checking its tokens, UTF-8 and nesting depth (at
 * most max_depth) without recursion: json-glib 1.6 crashes on deep nesting,
 * so nothing from outside reaches it unchecked. CC_ERROR_INVALID_INPUT with
 * the reason. */
JsonNode  *cc_json_parse            (const char  *text,
                                     guint        max_depth,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcChange, cc_change_free)

G_END_DECLS
