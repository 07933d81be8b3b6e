/* fuzz-request.c — a libFuzzer target for the sync server's request parsing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tools/run-fuzz.sh with clang-14 -fsanitize=fuzzer,address from
 * the sources it exercises (src/proto and server-sync/cc-sync-storage.c),
 * not through meson. The first byte of an input picks the body it plays:
 * even, a push (a batch of changes: cc_change_list_from_json, then each
 * change checked as the server does); odd, an enrolment (cc_json_parse with
 * the server's depth limit, the members, then the storage's own checks
 * through cc_sync_storage_enrol on a backend that only checks what it is
 * given). Beyond not crashing, it checks what the parsers promise: a batch
 * that is accepted survives its own round trip unchanged, and nothing
 * unchecked reaches storage.
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-hlc.h"
#include "cc-sync-storage-private.h"

/* As server-sync/cc-sync-server.c parses request bodies. */
#define MAX_REQUEST_DEPTH 16

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CcSyncStorage *storage;

/* A backend that stores nothing: it checks that what the storage front
 * hands over has been checked. */

static gpointer
fuzz_open (const char  *path,
           GError     **error)
{
  return GINT_TO_POINTER (1);
}

static void
fuzz_free (gpointer impl)
{
}

static gboolean
is_hex_digest (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static CcSyncDevice *
fuzz_enrol (gpointer     impl,
            const char  *code_hash,
            const char  *device_id,
            const char  *device_name,
            const char  *token_hash,
            GError     **error)
{
  CcSyncDevice *device;

  g_assert_true (is_hex_digest (code_hash));
  g_assert_true (is_hex_digest (token_hash));
  g_assert_nonnull (device_id);
  g_assert_true (*device_id != '\0' && strlen (device_id) <= 200 && g_utf8_validate (device_id, -1, NULL));
  g_assert_nonnull (device_name);
  g_assert_true (strlen (device_name) <= 200 && g_utf8_validate (device_name, -1, NULL));

  device = g_new0 (CcSyncDevice, 1);
  device->shop_id = g_strdup ("shop");
  device->device_id = g_strdup (device_id);
  device->device_code = g_strdup ("A");
  device->name = g_strdup (device_name);
  device->enrolled = g_strdup ("2026-01-01T00:00:00Z");
  return device;
}

static CcSyncDevice *
fuzz_authenticate (gpointer     impl,
                   const char  *token_hash,
                   GError     **error)
{
  g_assert_true (is_hex_digest (token_hash));
  g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED, "unknown");
  return NULL;
}

const CcSyncBackend cc_sync_sqlite_backend = {
  .name = "fuzz",
  .free = fuzz_free,
  .enrol = fuzz_enrol,
  .authenticate = fuzz_authenticate,
};

gpointer
cc_sync_sqlite_open (const char  *path,
                     GError     **error)
{
  return fuzz_open (path, error);
}

/* The push body. */

static void
assert_change_equal (const CcChange *a,
                     const CcChange *b)
{
  g_assert_cmpstr (a->change_id, ==, b->change_id);
  g_assert_cmpstr (a->entity, ==, b->entity);
  g_assert_cmpstr (a->row_id, ==, b->row_id);
  g_assert_cmpstr (a->reg, ==, b->reg);
  g_assert_cmpstr (a->value, ==, b->value);
  g_assert_cmpstr (a->hlc, ==, b->hlc);
  g_assert_cmpstr (a->base_hlc, ==, b->base_hlc);
  g_assert_cmpstr (a->device, ==, b->device);
}

static void
fuzz_push (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = cc_change_list_from_json (text, &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;

  if (changes == NULL)
    {
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < changes->len; i++)
    {
      const CcChange *change = g_ptr_array_index (changes, i);
      g_autofree char *blob = NULL;
      CcHlcStamp stamp;

      g_assert_true (cc_change_validate (change, NULL));
      g_assert_true (cc_hlc_stamp_parse (change->hlc, &stamp, NULL));
      blob = cc_change_dup_blob_ref (change);
      g_assert_true (blob == NULL || is_hex_digest (blob));
    }

  /* What was accepted is written and read back unchanged. */
  written = cc_change_list_to_json (changes);
  g_assert_nonnull (written);
  again = cc_change_list_from_json (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, changes->len);
  for (guint i = 0; i < changes->len; i++)
    assert_change_equal (g_ptr_array_index (changes, i), g_ptr_array_index (again, i));
}

/* The enrolment body. */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
fuzz_enrol_body (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cc_json_parse (text, MAX_REQUEST_DEPTH, &error);
  g_autoptr(CcSyncDevice) device = NULL;
  g_autoptr(CcSyncDevice) known = NULL;
  g_autofree char *token = NULL;
  const char *code, *device_id, *device_name;
  JsonObject *object;

  if (root == NULL)
    {
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      return;
    }
  g_assert_no_error (error);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  code = member_string (object, "code");
  device_id = member_string (object, "device_id");
  device_name = member_string (object, "device_name");

  /* A bearer token is read the same way, from outside. */
  if (code != NULL)
    {
      known = cc_sync_storage_authenticate (storage, code, &error);
      g_assert_null (known);
      g_assert_error (error, CC_ERROR, CC_ERROR_UNAUTHORIZED);
      g_clear_error (&error);
    }

  if (code == NULL || device_id == NULL)
    return;

  device = cc_sync_storage_enrol (storage, code, device_id, device_name, &token, &error);
  if (device == NULL)
    {
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_null (token);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (device->device_id, ==, device_id);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* A critical (a failed g_return_if_fail) is a finding too. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  storage = cc_sync_storage_open ("sqlite:fuzz", &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  if (size == 0)
    return 0;

  /* The server refuses a body holding a NUL before parsing it. */
  text = g_strndup ((const char *) data + 1, size - 1);
  if (strlen (text) != size - 1)
    return 0;

  if (data[0] % 2 == 0)
    fuzz_push (text);
  else
    fuzz_enrol_body (text);
  return 0;
}
