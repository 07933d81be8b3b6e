/* cc-uuid.c — UUIDv7 ids made on the device, UUIDv5 for deterministic ids.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cc-uuid.h"

#define UUID_TEXT_LEN 36
#define UUID_COUNTER_MAX 0xfff

/* rand_a is a counter within one millisecond (RFC 9562, method 1). A new
 * millisecond starts it at a random value below half its range, so ids stay
 * hard to guess yet a burst still has 2048 ids before it must borrow a
 * millisecond from the future. */
static GMutex v7_lock;
static gint64 v7_last_ms = -1;
static guint v7_counter;

static void
uuid_format (const guint8  bytes[16],
             char         *out)
{
  static const char hex[] = "0123456789abcdef";
  guint j = 0;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0x0f];
    }
  out[j] = '\0';
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Input is case-insensitive, as RFC 9562 asks; output is always lowercase. */
static gboolean
uuid_parse (const char *text,
            guint8      bytes[16])
{
  guint n = 0;

  if (text == NULL || strlen (text) != UUID_TEXT_LEN)
    return FALSE;

  for (guint i = 0; i < UUID_TEXT_LEN; i++)
    {
      int hi, lo;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }

      hi = hex_value (text[i]);
      lo = hex_value (text[i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      bytes[n++] = (guint8) ((hi << 4) | lo);
      i++;
    }

  g_assert (n == 16);
  return TRUE;
}

/**
 * cc_uuid_v7_new:
 *
 * Makes a time-ordered id. Ids from one process strictly increase, even
 * within one millisecond, across threads, and when the wall clock steps back.
 *
 * Returns: (transfer full): canonical lowercase text
 */
char *
cc_uuid_v7_new (void)
{
  guint8 bytes[16];
  gint64 ms;
  guint counter;
  guint32 r;
  char *out;

  ms = g_get_real_time () / 1000;

  g_mutex_lock (&v7_lock);
  if (ms > v7_last_ms)
    {
      v7_last_ms = ms;
      v7_counter = g_random_int_range (0, (UUID_COUNTER_MAX + 1) / 2);
    }
  else if (v7_counter < UUID_COUNTER_MAX)
    {
      /* Same millisecond, or the clock went back: keep counting. */
      v7_counter++;
    }
  else
    {
      v7_last_ms++;
      v7_counter = 0;
    }
  ms = v7_last_ms;
  counter = v7_counter;
  g_mutex_unlock (&v7_lock);

  bytes[0] = (guint8) (ms >> 40);
  bytes[1] = (guint8) (ms >> 32);
  bytes[2] = (guint8) (ms >> 24);
  bytes[3] = (guint8) (ms >> 16);
  bytes[4] = (guint8) (ms >> 8);
  bytes[5] = (guint8) ms;
  bytes[6] = (guint8) (0x70 | (counter >> 8));
  bytes[7] = (guint8) (counter & 0xff);

  /* g_random is seeded from /dev/urandom and is thread-safe. */
  for (guint i = 8; i < 16; i += 4)
    {
      r = g_random_int ();
      bytes[i] = (guint8) (r >> 24);
      bytes[i + 1] = (guint8) (r >> 16);
      bytes[i + 2] = (guint8) (r >> 8);
      bytes[i + 3] = (guint8) r;
    }
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  out = g_malloc (UUID_TEXT_LEN + 1);
  uuid_format (bytes, out);
  return out;
}

/**
 * cc_uuid_v5_new:
 * @namespace_uuid: a valid UUID text
 * @name: the name within that namespace
 *
 * Returns: (transfer full) (nullable): the name-based id, or %NULL if
 *   @namespace_uuid is not a UUID
 */
char *
cc_uuid_v5_new (const char *namespace_uuid,
                const char *name)
{
  g_autoptr(GChecksum) sha1 = NULL;
  guint8 ns[16];
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  char *out;

  g_return_val_if_fail (cc_uuid_is_valid (namespace_uuid), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  uuid_parse (namespace_uuid, ns);

  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  g_assert (digest_len == 20);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  out = g_malloc (UUID_TEXT_LEN + 1);
  uuid_format (digest, out);
  return out;
}

/**
 * cc_uuid_is_valid:
 * @text: (nullable): text to check
 *
 * Returns: %TRUE if @text is a UUID in 8-4-4-4-12 hex form, any version
 */
gboolean
cc_uuid_is_valid (const char *text)
{
  guint8 bytes[16];

  return uuid_parse (text, bytes);
}

/**
 * cc_uuid_v7_get_time_ms:
 * @text: a UUIDv7
 *
 * Returns: the milliseconds since the epoch it was made at, or -1 if @text
 *   is not a version 7 UUID
 */
gint64
cc_uuid_v7_get_time_ms (const char *text)
{
  guint8 bytes[16];
  gint64 ms = 0;

  if (!uuid_parse (text, bytes) || (bytes[6] >> 4) != 7)
    return -1;

  for (guint i = 0; i < 6; i++)
    ms = (ms << 8) | bytes[i];

  return ms;
}
