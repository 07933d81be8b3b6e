/* cc-sync-storage.c — where the sync server keeps shops, devices, changes and blobs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "cc-error.h"
#include "cc-sync-storage-private.h"

struct _CcSyncStorage
{
  const CcSyncBackend *backend;
  gpointer             impl;
};

/* No 0/O, 1/I/L: read aloud or typed from a phone without mistakes. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

void
cc_sync_shop_free (CcSyncShop *shop)
{
  if (shop == NULL)
    return;
  g_free (shop->id);
  g_free (shop->name);
  g_free (shop->created);
  g_free (shop);
}

void
cc_sync_device_free (CcSyncDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->shop_id);
  g_free (device->device_id);
  g_free (device->device_code);
  g_free (device->name);
  g_free (device->enrolled);
  g_free (device->last_seen);
  g_free (device);
}

void
cc_sync_stored_change_free (CcSyncStoredChange *change)
{
  if (change == NULL)
    return;
  g_free (change->json);
  g_free (change);
}

char *
cc_sync_make_code (void)
{
  GString *code = g_string_new (NULL);

  for (guint i = 0; i < 12; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, code_alphabet[randombytes_uniform (sizeof code_alphabet - 1)]);
    }
  return g_string_free (code, FALSE);
}

char *
cc_sync_normalise_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p++)
    if (*p != '-' && *p != ' ')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

char *
cc_sync_make_token (void)
{
  guint8 bytes[32];
  char text[sodium_base64_ENCODED_LEN (sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return g_strdup (text);
}

char *
cc_sync_hash_secret (const char *secret)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

char *
cc_sync_device_code_for (gint64 n)
{
  char buffer[16];
  int i = sizeof buffer - 1;

  g_return_val_if_fail (n >= 0, NULL);

  buffer[i] = '\0';
  do
    {
      buffer[--i] = 'A' + n % 26;
      n = n / 26 - 1;
    }
  while (n >= 0 && i > 0);
  return g_strdup (buffer + i);
}

char *
cc_sync_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

CcSyncStorage *
cc_sync_storage_open (const char  *uri,
                      GError     **error)
{
  const CcSyncBackend *backend = NULL;
  gpointer impl = NULL;
  CcSyncStorage *self;

  g_return_val_if_fail (uri != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_FAILED, _("The cryptography library could not start."));
      return NULL;
    }

  if (g_str_has_prefix (uri, "sqlite:"))
    {
      backend = &cc_sync_sqlite_backend;
      impl = cc_sync_sqlite_open (uri + strlen ("sqlite:"), error);
    }
  else if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
#ifdef HAVE_LIBPQ
      backend = &cc_sync_pg_backend;
      impl = cc_sync_pg_open (uri, error);
#else
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("This server was built without PostgreSQL support."));
      return NULL;
#endif
    }
  else
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("Unknown database “%s”: use sqlite:PATH or postgresql://…"), uri);
      return NULL;
    }

  if (impl == NULL)
    return NULL;

  self = g_new0 (CcSyncStorage, 1);
  self->backend = backend;
  self->impl = impl;
  return self;
}

void
cc_sync_storage_free (CcSyncStorage *self)
{
  if (self == NULL)
    return;
  self->backend->free (self->impl);
  g_free (self);
}

gboolean
cc_sync_storage_ping (CcSyncStorage  *self,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->backend->ping (self->impl, error);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > 200 || !g_utf8_validate (name, -1, NULL))
    return cc_invalid_input (error, _("A shop needs a name of at most 200 characters."));
  return TRUE;
}

char *
cc_sync_storage_create_shop (CcSyncStorage  *self,
                             const char     *name,
                             char          **out_code,
                             GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (out_code != NULL, NULL);

  if (!check_name (name, error))
    return NULL;
  return self->backend->create_shop (self->impl, name, out_code, error);
}

GPtrArray *
cc_sync_storage_list_shops (CcSyncStorage  *self,
                            GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->backend->list_shops (self->impl, error);
}

char *
cc_sync_storage_new_code (CcSyncStorage  *self,
                          const char     *shop,
                          GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shop != NULL, NULL);
  return self->backend->new_code (self->impl, shop, error);
}

char *
cc_sync_storage_new_code_lasting (CcSyncStorage  *self,
                                  const char     *shop,
                                  gint64          lifetime_s,
                                  GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shop != NULL, NULL);

  if (self->backend->new_code_lasting == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_FAILED,
                   _("The %s storage cannot make codes with another lifetime."), self->backend->name);
      return NULL;
    }
  return self->backend->new_code_lasting (self->impl, shop, lifetime_s, error);
}

CcSyncDevice *
cc_sync_storage_enrol (CcSyncStorage  *self,
                       const char     *code,
                       const char     *device_id,
                       const char     *device_name,
                       char          **out_token,
                       GError        **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *code_hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  CcSyncDevice *device;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (out_token != NULL, NULL);

  if (code == NULL || device_id == NULL || *device_id == '\0' || strlen (device_id) > 200 ||
      !g_utf8_validate (device_id, -1, NULL))
    {
      cc_invalid_input (error, _("An enrolment needs a code and a device id."));
      return NULL;
    }
  if (device_name == NULL || strlen (device_name) > 200 || !g_utf8_validate (device_name, -1, NULL))
    device_name = "";

  normal = cc_sync_normalise_code (code);
  code_hash = cc_sync_hash_secret (normal);
  token = cc_sync_make_token ();
  token_hash = cc_sync_hash_secret (token);
  device = self->backend->enrol (self->impl, code_hash, device_id, device_name, token_hash, error);
  if (device != NULL)
    *out_token = g_steal_pointer (&token);
  return device;
}

CcSyncDevice *
cc_sync_storage_authenticate (CcSyncStorage  *self,
                              const char     *token,
                              GError        **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (token == NULL || *token == '\0' || strlen (token) > 200)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_UNAUTHORIZED, _("This device is not enrolled."));
      return NULL;
    }
  hash = cc_sync_hash_secret (token);
  return self->backend->authenticate (self->impl, hash, error);
}

GPtrArray *
cc_sync_storage_list_devices (CcSyncStorage  *self,
                              const char     *shop,
                              GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shop != NULL, NULL);
  return self->backend->list_devices (self->impl, shop, error);
}

gboolean
cc_sync_storage_revoke_device (CcSyncStorage  *self,
                               const char     *shop,
                               const char     *device,
                               GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (shop != NULL && device != NULL, FALSE);
  return self->backend->revoke_device (self->impl, shop, device, error);
}

gboolean
cc_sync_storage_push (CcSyncStorage  *self,
                      const char     *shop_id,
                      GPtrArray      *changes,
                      guint          *out_accepted,
                      guint          *out_duplicates,
                      gint64         *out_cursor,
                      GPtrArray     **out_missing,
                      GError        **error)
{
  guint accepted = 0, duplicates = 0;
  gint64 cursor = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (shop_id != NULL && changes != NULL, FALSE);

  if (out_missing != NULL)
    *out_missing = NULL;
  if (changes->len > CC_SYNC_PUSH_MAX_CHANGES)
    return cc_invalid_input (error, _("A batch may hold at most %u changes."), CC_SYNC_PUSH_MAX_CHANGES);

  if (!self->backend->push (self->impl, shop_id, changes, &accepted, &duplicates, &cursor,
                            out_missing, error))
    return FALSE;
  if (out_accepted != NULL)
    *out_accepted = accepted;
  if (out_duplicates != NULL)
    *out_duplicates = duplicates;
  if (out_cursor != NULL)
    *out_cursor = cursor;
  return TRUE;
}

GPtrArray *
cc_sync_storage_pull (CcSyncStorage  *self,
                      const char     *shop_id,
                      gint64          after,
                      guint           limit,
                      gboolean       *out_more,
                      GError        **error)
{
  gboolean more = FALSE;
  GPtrArray *changes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shop_id != NULL, NULL);

  limit = CLAMP (limit, 1, CC_SYNC_PULL_MAX_CHANGES);
  changes = self->backend->pull (self->impl, shop_id, MAX (after, 0), limit, &more, error);
  if (out_more != NULL)
    *out_more = more;
  return changes;
}

static gboolean
check_sha256 (const char  *sha256,
              GError     **error)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return cc_invalid_input (error, _("A blob is named by its SHA-256 in 64 lower-case hex digits."));
  for (const char *p = sha256; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return cc_invalid_input (error, _("A blob is named by its SHA-256 in 64 lower-case hex digits."));
  return TRUE;
}

gboolean
cc_sync_storage_put_blob (CcSyncStorage  *self,
                          const char     *shop_id,
                          const char     *sha256,
                          GBytes         *bytes,
                          gboolean       *out_created,
                          GError        **error)
{
  gboolean created = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (shop_id != NULL && bytes != NULL, FALSE);

  if (!check_sha256 (sha256, error))
    return FALSE;
  if (!self->backend->put_blob (self->impl, shop_id, sha256, bytes, &created, error))
    return FALSE;
  if (out_created != NULL)
    *out_created = created;
  return TRUE;
}

GBytes *
cc_sync_storage_get_blob (CcSyncStorage  *self,
                          const char     *shop_id,
                          const char     *sha256,
                          GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (shop_id != NULL, NULL);

  if (!check_sha256 (sha256, error))
    return NULL;
  return self->backend->get_blob (self->impl, shop_id, sha256, error);
}

gboolean
cc_sync_storage_has_blob (CcSyncStorage  *self,
                          const char     *shop_id,
                          const char     *sha256,
                          GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (shop_id != NULL, FALSE);

  if (!check_sha256 (sha256, error))
    return FALSE;
  return self->backend->has_blob (self->impl, shop_id, sha256, error);
}
