/* test-uuid.c — UUIDv7 ordering and format, UUIDv5 determinism.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "cc-uuid.h"

static void
assert_canonical (const char *id,
                  char        version)
{
  g_assert_nonnull (id);
  g_assert_cmpuint (strlen (id), ==, 36);

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        g_assert_cmpint (id[i], ==, '-');
      else
        g_assert_true (g_ascii_isdigit (id[i]) || (id[i] >= 'a' && id[i] <= 'f'));
    }

  g_assert_cmpint (id[14], ==, version);
  /* Variant 10xx: the first hex digit of the fourth group is 8, 9, a or b. */
  g_assert_nonnull (strchr ("89ab", id[19]));
  g_assert_true (cc_uuid_is_valid (id));
}

static void
test_v7_format (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = cc_uuid_v7_new ();

      assert_canonical (id, '7');
    }
}

static void
test_v7_time (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *id = cc_uuid_v7_new ();
  gint64 after = g_get_real_time () / 1000;
  gint64 ms = cc_uuid_v7_get_time_ms (id);

  /* The id may borrow a millisecond or two from the future in a burst. */
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after + 2);

  /* RFC 9562 appendix A.6 example. */
  g_assert_cmpint (cc_uuid_v7_get_time_ms ("017f22e2-79b0-7cc3-98c4-dc0c0c07398f"),
                   ==, G_GINT64_CONSTANT (0x017f22e279b0));
  g_assert_cmpint (cc_uuid_v7_get_time_ms ("2ed6657d-e927-568b-95e1-2665a8aea6a2"), ==, -1);
  g_assert_cmpint (cc_uuid_v7_get_time_ms ("not a uuid"), ==, -1);
  g_assert_cmpint (cc_uuid_v7_get_time_ms (NULL), ==, -1);
}

static void
test_v7_unique_increasing (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prev = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      char *id = cc_uuid_v7_new ();

      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, id), <, 0);
      g_assert_true (g_hash_table_add (seen, id));
      g_free (prev);
      prev = g_strdup (id);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
}

#define THREAD_IDS 5000

static gpointer
make_ids_thread (gpointer data)
{
  GPtrArray *ids = data;

  for (guint i = 0; i < THREAD_IDS; i++)
    g_ptr_array_add (ids, cc_uuid_v7_new ());

  return NULL;
}

static void
test_v7_threads (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids[4];
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      ids[t] = g_ptr_array_new_with_free_func (g_free);
      threads[t] = g_thread_new ("uuid", make_ids_thread, ids[t]);
    }

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpuint (ids[t]->len, ==, THREAD_IDS);

      for (guint i = 0; i < ids[t]->len; i++)
        {
          const char *id = g_ptr_array_index (ids[t], i);

          if (i > 0)
            g_assert_cmpint (strcmp (g_ptr_array_index (ids[t], i - 1), id), <, 0);
          g_assert_true (g_hash_table_add (seen, (gpointer) id));
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, THREAD_IDS * G_N_ELEMENTS (threads));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_ptr_array_unref (ids[t]);
}

#define NAMESPACE_DNS "6ba7b810-9dad-11d1-80b4-00c04fd430c8"

static void
test_v5_known_vector (void)
{
  g_autofree char *id = cc_uuid_v5_new (NAMESPACE_DNS, "www.example.com");
  g_autofree char *upper = cc_uuid_v5_new ("6BA7B810-9DAD-11D1-80B4-00C04FD430C8",
                                           "www.example.com");

  g_assert_cmpstr (id, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  /* Input case does not matter; output is always lowercase. */
  g_assert_cmpstr (upper, ==, id);
}

static void
test_v5_deterministic (void)
{
  g_autofree char *order = cc_uuid_v7_new ();
  g_autofree char *a = cc_uuid_v5_new (order, "line-1/reserve");
  g_autofree char *b = cc_uuid_v5_new (order, "line-1/reserve");
  g_autofree char *c = cc_uuid_v5_new (order, "line-2/reserve");
  g_autofree char *d = cc_uuid_v5_new (NAMESPACE_DNS, "line-1/reserve");
  g_autofree char *empty = cc_uuid_v5_new (order, "");

  assert_canonical (a, '5');
  assert_canonical (c, '5');
  assert_canonical (empty, '5');
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_cmpstr (a, !=, empty);
}

static void
test_v5_bad_namespace (void)
{
  static const char * const bad[] = {
    "", "dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c", "6ba7b8109dad11d180b400c04fd430c8",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = NULL;

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*cc_uuid_is_valid*");
      id = cc_uuid_v5_new (bad[i], "www.example.com");
      g_test_assert_expected_messages ();
      g_assert_null (id);
    }
}

static void
test_is_valid (void)
{
  static const char * const good[] = {
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398f",
    "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "6BA7B810-9DAD-11D1-80B4-00C04FD430C8",
    "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
  };
  static const char * const bad[] = {
    "",
    "017f22e2",
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398",
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398f0",
    "017f22e2-79b0-7cc3-98c4dc0c0c07398f0",
    "017f22e279b0-7cc3-98c4-dc0c0c07398f0",
    "017f22e2-79b07-cc3-98c4-dc0c0c07398f",
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398g",
    "017f22e2_79b0_7cc3_98c4_dc0c0c07398f",
    "{17f22e2-79b0-7cc3-98c4-dc0c0c07398}",
    " 17f22e2-79b0-7cc3-98c4-dc0c0c07398f",
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398 ",
    "017f22e279b07cc398c4dc0c0c07398f",
    "017f22e2-79b0-7cc3-98c4-dc0c0c07398\xc3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (cc_uuid_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (cc_uuid_is_valid (bad[i]));
  g_assert_false (cc_uuid_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proto/uuid/v7-format", test_v7_format);
  g_test_add_func ("/proto/uuid/v7-time", test_v7_time);
  g_test_add_func ("/proto/uuid/v7-unique-increasing", test_v7_unique_increasing);
  g_test_add_func ("/proto/uuid/v7-increasing-per-thread", test_v7_threads);
  g_test_add_func ("/proto/uuid/v5-known-vector", test_v5_known_vector);
  g_test_add_func ("/proto/uuid/v5-deterministic", test_v5_deterministic);
  g_test_add_func ("/proto/uuid/v5-refuses-bad-namespace", test_v5_bad_namespace);
  g_test_add_func ("/proto/uuid/is-valid", test_is_valid);

  return g_test_run ();
}
