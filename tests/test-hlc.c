/* test-hlc.c — the hybrid logical clock and its stamp text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "cc-error.h"
#include "cc-hlc.h"

/* 2023-11-14, a plausible present. */
#define T0 G_GINT64_CONSTANT (1700000000000)

typedef struct
{
  gint64 now_ms;
} FakeClock;

static gint64
fake_time (gpointer user_data)
{
  FakeClock *clock = user_data;

  return clock->now_ms;
}

static CcHlc *
new_fake_hlc (const char *node,
              FakeClock  *clock)
{
  CcHlc *hlc = cc_hlc_new (node);

  cc_hlc_set_time_func (hlc, fake_time, clock);
  return hlc;
}

static void
make_stamp (CcHlcStamp *stamp,
            gint64      wall_ms,
            guint32     counter,
            const char *node)
{
  memset (stamp, 0, sizeof *stamp);
  stamp->wall_ms = wall_ms;
  stamp->counter = counter;
  g_strlcpy (stamp->node, node, sizeof stamp->node);
}

static void
test_now_frozen_clock (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  CcHlcStamp prev, cur;

  cc_hlc_now (hlc, &prev);
  g_assert_cmpint (prev.wall_ms, ==, T0);
  g_assert_cmpuint (prev.counter, ==, 0);
  g_assert_cmpstr (prev.node, ==, "dev-a");

  for (guint i = 1; i < 1000; i++)
    {
      cc_hlc_now (hlc, &cur);
      g_assert_cmpint (cc_hlc_stamp_compare (&prev, &cur), <, 0);
      g_assert_cmpint (cur.wall_ms, ==, T0);
      g_assert_cmpuint (cur.counter, ==, i);
      prev = cur;
    }
}

static void
test_now_clock_backwards (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  CcHlcStamp prev, cur;

  cc_hlc_now (hlc, &prev);

  for (guint i = 0; i < 100; i++)
    {
      clock.now_ms -= 997;
      cc_hlc_now (hlc, &cur);
      g_assert_cmpint (cc_hlc_stamp_compare (&prev, &cur), <, 0);
      g_assert_cmpint (cur.wall_ms, ==, T0);
      prev = cur;
    }

  /* Once the wall clock passes the high-water mark again, it leads. */
  clock.now_ms = T0 + 5;
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cc_hlc_stamp_compare (&prev, &cur), <, 0);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 5);
  g_assert_cmpuint (cur.counter, ==, 0);
}

static void
test_now_counter_full (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  CcHlcStamp high, cur;

  make_stamp (&high, T0, G_MAXUINT32 - 1, "dev-b");
  cc_hlc_restore (hlc, &high);

  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0);
  g_assert_cmpuint (cur.counter, ==, G_MAXUINT32);

  /* A full counter moves to the next millisecond instead of wrapping. */
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 1);
  g_assert_cmpuint (cur.counter, ==, 0);
}

static void
test_observe_remote_ahead (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  g_autoptr(GError) error = NULL;
  CcHlcStamp remote, cur;

  make_stamp (&remote, T0 + 5000, 7, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, &error));
  g_assert_no_error (error);

  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cc_hlc_stamp_compare (&remote, &cur), <, 0);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 5000);
  g_assert_cmpuint (cur.counter, ==, 9);
  g_assert_cmpstr (cur.node, ==, "dev-a");
}

static void
test_observe_same_wall (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  CcHlcStamp remote, cur;

  for (guint i = 0; i < 3; i++)
    cc_hlc_now (hlc, &cur);
  g_assert_cmpuint (cur.counter, ==, 2);

  /* Same wall on both sides: the larger counter wins. */
  make_stamp (&remote, T0, 40, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, NULL));
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0);
  g_assert_cmpuint (cur.counter, ==, 42);

  /* An older remote stamp does not pull the clock back. */
  make_stamp (&remote, T0 - 60000, 999, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, NULL));
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0);
  g_assert_cmpuint (cur.counter, ==, 44);

  /* The wall clock ahead of both: counter starts again. */
  clock.now_ms = T0 + 1;
  make_stamp (&remote, T0, 500, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, NULL));
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 1);
  g_assert_cmpuint (cur.counter, ==, 1);
}

static void
test_observe_refuses_far_ahead (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  g_autoptr(GError) error = NULL;
  CcHlcStamp before, remote, after;

  cc_hlc_now (hlc, &before);

  make_stamp (&remote, T0 + CC_HLC_MAX_DRIFT_MS + 1, 0, "dev-b");
  g_assert_false (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "11 minutes ahead"));
  g_clear_error (&error);

  /* The refusal left the clock as it was. */
  cc_hlc_now (hlc, &after);
  g_assert_cmpint (after.wall_ms, ==, before.wall_ms);
  g_assert_cmpuint (after.counter, ==, before.counter + 1);

  /* Exactly at the limit is accepted, and so is anything with no limit. */
  make_stamp (&remote, T0 + CC_HLC_MAX_DRIFT_MS, 3, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, &error));
  g_assert_no_error (error);
  cc_hlc_now (hlc, &after);
  g_assert_cmpint (after.wall_ms, ==, T0 + CC_HLC_MAX_DRIFT_MS);
  g_assert_cmpuint (after.counter, ==, 5);

  make_stamp (&remote, T0 + 24 * 3600 * 1000, 0, "dev-b");
  g_assert_true (cc_hlc_observe (hlc, &remote, 0, &error));
  g_assert_no_error (error);
  cc_hlc_now (hlc, &after);
  g_assert_cmpint (after.wall_ms, ==, T0 + 24 * 3600 * 1000);
}

static void
test_observe_refuses_bad_stamp (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  g_autoptr(GError) error = NULL;
  CcHlcStamp before, remote, after;

  cc_hlc_now (hlc, &before);

  make_stamp (&remote, T0 + 1000, 0, "bad node");
  g_assert_false (cc_hlc_observe (hlc, &remote, CC_HLC_MAX_DRIFT_MS, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A node with no terminator inside the array is not read past it. */
  make_stamp (&remote, T0 + 1000, 0, "");
  memset (remote.node, 'x', sizeof remote.node);
  g_assert_false (cc_hlc_observe (hlc, &remote, 0, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  cc_hlc_now (hlc, &after);
  g_assert_cmpint (after.wall_ms, ==, T0);
  g_assert_cmpuint (after.counter, ==, before.counter + 1);
}

static void
test_compare (void)
{
  CcHlcStamp a, b;

  make_stamp (&a, T0, 5, "zzz");
  make_stamp (&b, T0 + 1, 0, "aaa");
  g_assert_cmpint (cc_hlc_stamp_compare (&a, &b), <, 0);
  g_assert_cmpint (cc_hlc_stamp_compare (&b, &a), >, 0);

  make_stamp (&b, T0, 6, "aaa");
  g_assert_cmpint (cc_hlc_stamp_compare (&a, &b), <, 0);
  g_assert_cmpint (cc_hlc_stamp_compare (&b, &a), >, 0);

  /* Same wall and counter: the node breaks the tie. */
  make_stamp (&b, T0, 5, "zzzz");
  g_assert_cmpint (cc_hlc_stamp_compare (&a, &b), <, 0);
  make_stamp (&b, T0, 5, "zzy");
  g_assert_cmpint (cc_hlc_stamp_compare (&a, &b), >, 0);
  make_stamp (&b, T0, 5, "zzz");
  g_assert_cmpint (cc_hlc_stamp_compare (&a, &b), ==, 0);
  g_assert_cmpint (cc_hlc_stamp_compare (&b, &a), ==, 0);
}

static void
test_string_round_trip (void)
{
  CcHlcStamp stamp, parsed;
  g_autofree char *text = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *full = NULL;
  char long_node[CC_HLC_NODE_MAX + 1];
  g_autoptr(GError) error = NULL;

  make_stamp (&stamp, T0, 0x1f, "dev-1");
  text = cc_hlc_stamp_to_string (&stamp);
  g_assert_cmpstr (text, ==, "001700000000000-0000001f-dev-1");

  memset (&parsed, 0, sizeof parsed);
  g_assert_true (cc_hlc_stamp_parse (text, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (parsed.wall_ms, ==, T0);
  g_assert_cmpuint (parsed.counter, ==, 0x1f);
  g_assert_cmpstr (parsed.node, ==, "dev-1");
  g_assert_cmpint (cc_hlc_stamp_compare (&stamp, &parsed), ==, 0);

  make_stamp (&stamp, 0, 0, "A");
  zero = cc_hlc_stamp_to_string (&stamp);
  g_assert_cmpstr (zero, ==, "000000000000000-00000000-A");

  memset (long_node, 'N', CC_HLC_NODE_MAX);
  long_node[CC_HLC_NODE_MAX] = '\0';
  make_stamp (&stamp, G_GINT64_CONSTANT (999999999999999), G_MAXUINT32, long_node);
  full = cc_hlc_stamp_to_string (&stamp);
  g_assert_true (g_str_has_prefix (full, "999999999999999-ffffffff-NNN"));
  g_assert_true (cc_hlc_stamp_parse (full, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cc_hlc_stamp_compare (&stamp, &parsed), ==, 0);
}

static int
sign (int v)
{
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

static void
test_string_order_is_stamp_order (void)
{
  /* Small sets so ties on wall and counter are frequent; nodes that are
   * prefixes of each other and mix cases, digits and dashes. */
  static const char * const nodes[] = {
    "a", "a-", "a-b", "ab", "abc", "A", "B", "Z9", "0", "9", "-", "--", "z", "dev-1", "dev-10", "dev-2",
  };
  static const gint64 walls[] = {
    0, 1, 9, 10, 99, 100, T0 - 1, T0, T0 + 1, G_GINT64_CONSTANT (999999999999999),
  };
  static const guint32 counters[] = {
    0, 1, 9, 10, 15, 16, 0xff, 0x100, 0xa0, 0x9f, G_MAXUINT32 - 1, G_MAXUINT32,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  CcHlcStamp stamps[2000];
  char *texts[G_N_ELEMENTS (stamps)];

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    {
      gint64 wall;
      guint32 counter;

      if (g_rand_boolean (rand))
        wall = walls[g_rand_int_range (rand, 0, G_N_ELEMENTS (walls))];
      else
        wall = (gint64) (g_rand_double (rand) * 999999999999999.0);
      if (g_rand_boolean (rand))
        counter = counters[g_rand_int_range (rand, 0, G_N_ELEMENTS (counters))];
      else
        counter = g_rand_int (rand);

      make_stamp (&stamps[i], wall, counter,
                  nodes[g_rand_int_range (rand, 0, G_N_ELEMENTS (nodes))]);
      texts[i] = cc_hlc_stamp_to_string (&stamps[i]);
    }

  for (guint i = 0; i < 200000; i++)
    {
      guint a = g_rand_int_range (rand, 0, G_N_ELEMENTS (stamps));
      guint b = g_rand_int_range (rand, 0, G_N_ELEMENTS (stamps));

      g_assert_cmpint (sign (strcmp (texts[a], texts[b])), ==,
                       sign (cc_hlc_stamp_compare (&stamps[a], &stamps[b])));
    }

  /* Every pair on the same wall, where the near-ties are. */
  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (stamps); j++)
      if (stamps[i].wall_ms == stamps[j].wall_ms)
        g_assert_cmpint (sign (strcmp (texts[i], texts[j])), ==,
                         sign (cc_hlc_stamp_compare (&stamps[i], &stamps[j])));

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    g_free (texts[i]);
}

static void
test_parse_refuses_garbage (void)
{
  static const char * const bad[] = {
    "",
    "garbage",
    "001700000000000",
    "001700000000000-",
    "001700000000000-0000001f",
    "001700000000000-0000001f-",
    "01700000000000-0000001f-dev",        /* 14 digits */
    "0001700000000000-0000001f-dev",      /* 16 digits */
    "001700000000000-000001f-dev",        /* 7 hex digits */
    "001700000000000-00000001f-dev",      /* 9 hex digits */
    "001700000000000-0000001F-dev",       /* uppercase hex */
    "001700000000000-0000001g-dev",
    "00170000000000a-0000001f-dev",
    "+01700000000000-0000001f-dev",
    "-01700000000000-0000001f-dev",
    " 01700000000000-0000001f-dev",
    "001700000000000_0000001f-dev",
    "001700000000000-0000001f_dev",
    "001700000000000-0000001f-dev 1",
    "001700000000000-0000001f-dev_1",
    "001700000000000-0000001f-dev/1",
    "001700000000000-0000001f-dév",
    "001700000000000-0000001f-dev\n",
    "001700000000000-0000001f-NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN", /* 65 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CcHlcStamp out, sentinel;

      memset (&out, 0x5a, sizeof out);
      sentinel = out;

      g_assert_false (cc_hlc_stamp_parse (bad[i], &out, &error));
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_cmpmem (&out, sizeof out, &sentinel, sizeof sentinel);
    }
}

static void
test_restore (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) hlc = new_fake_hlc ("dev-a", &clock);
  CcHlcStamp mark, cur;

  make_stamp (&mark, T0 + 3600 * 1000, 5, "dev-a");
  cc_hlc_restore (hlc, &mark);
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cc_hlc_stamp_compare (&mark, &cur), <, 0);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 3600 * 1000);
  g_assert_cmpuint (cur.counter, ==, 6);

  /* A lower mark never moves the clock back. */
  make_stamp (&mark, T0, 0, "dev-a");
  cc_hlc_restore (hlc, &mark);
  cc_hlc_now (hlc, &cur);
  g_assert_cmpint (cur.wall_ms, ==, T0 + 3600 * 1000);
  g_assert_cmpuint (cur.counter, ==, 7);
}

static void
test_restart_after_clock_went_back (void)
{
  FakeClock clock = { T0 };
  g_autoptr(CcHlc) before = new_fake_hlc ("dev-a", &clock);
  g_autoptr(CcHlc) after = NULL;
  g_autofree char *persisted = NULL;
  CcHlcStamp last, mark, cur;

  for (guint i = 0; i < 10; i++)
    cc_hlc_now (before, &last);
  persisted = cc_hlc_stamp_to_string (&last);
  g_clear_pointer (&before, cc_hlc_free);

  /* The device restarts with its wall clock a day behind. */
  clock.now_ms = T0 - 24 * 3600 * 1000;
  after = new_fake_hlc ("dev-a", &clock);
  g_assert_true (cc_hlc_stamp_parse (persisted, &mark, NULL));
  cc_hlc_restore (after, &mark);

  cc_hlc_now (after, &cur);
  g_assert_cmpint (cc_hlc_stamp_compare (&last, &cur), <, 0);
}

static void
test_new_refuses_bad_node (void)
{
  static const char * const bad[] = {
    "", "dev 1", "dév", "dev_1",
    "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
  };
  g_autoptr(CcHlc) good = cc_hlc_new ("Dev-9");

  g_assert_cmpstr (cc_hlc_get_node (good), ==, "Dev-9");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CcHlc *hlc;

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*node_is_valid*");
      hlc = cc_hlc_new (bad[i]);
      g_test_assert_expected_messages ();
      g_assert_null (hlc);
    }
}

static void
test_real_clock (void)
{
  g_autoptr(CcHlc) hlc = cc_hlc_new ("dev-a");
  gint64 before = g_get_real_time () / 1000;
  CcHlcStamp stamp;

  cc_hlc_now (hlc, &stamp);
  g_assert_cmpint (stamp.wall_ms, >=, before);
  g_assert_cmpint (stamp.wall_ms, <=, g_get_real_time () / 1000);
}

#define THREAD_STAMPS 2000

typedef struct
{
  CcHlc      *hlc;
  CcHlcStamp  stamps[THREAD_STAMPS];
} ThreadData;

static gpointer
make_stamps_thread (gpointer data)
{
  ThreadData *td = data;

  for (guint i = 0; i < THREAD_STAMPS; i++)
    cc_hlc_now (td->hlc, &td->stamps[i]);

  return NULL;
}

static int
compare_stamps (gconstpointer a,
                gconstpointer b)
{
  return cc_hlc_stamp_compare (a, b);
}

static void
test_threads (void)
{
  g_autoptr(CcHlc) hlc = cc_hlc_new ("dev-a");
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (CcHlcStamp));
  ThreadData *data = g_new0 (ThreadData, 4);
  GThread *threads[4];

  for (guint t = 0; t < 4; t++)
    {
      data[t].hlc = hlc;
      threads[t] = g_thread_new ("hlc", make_stamps_thread, &data[t]);
    }

  for (guint t = 0; t < 4; t++)
    {
      g_thread_join (threads[t]);
      for (guint i = 1; i < THREAD_STAMPS; i++)
        g_assert_cmpint (cc_hlc_stamp_compare (&data[t].stamps[i - 1], &data[t].stamps[i]), <, 0);
      g_array_append_vals (all, data[t].stamps, THREAD_STAMPS);
    }

  /* No two threads were handed the same stamp. */
  g_array_sort (all, compare_stamps);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (compare_stamps (&g_array_index (all, CcHlcStamp, i - 1),
                                     &g_array_index (all, CcHlcStamp, i)), <, 0);

  g_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proto/hlc/now-frozen-clock", test_now_frozen_clock);
  g_test_add_func ("/proto/hlc/now-clock-backwards", test_now_clock_backwards);
  g_test_add_func ("/proto/hlc/now-counter-full", test_now_counter_full);
  g_test_add_func ("/proto/hlc/now-real-clock", test_real_clock);
  g_test_add_func ("/proto/hlc/now-threads", test_threads);
  g_test_add_func ("/proto/hlc/observe-remote-ahead", test_observe_remote_ahead);
  g_test_add_func ("/proto/hlc/observe-same-wall", test_observe_same_wall);
  g_test_add_func ("/proto/hlc/observe-refuses-far-ahead", test_observe_refuses_far_ahead);
  g_test_add_func ("/proto/hlc/observe-refuses-bad-stamp", test_observe_refuses_bad_stamp);
  g_test_add_func ("/proto/hlc/compare", test_compare);
  g_test_add_func ("/proto/hlc/string-round-trip", test_string_round_trip);
  g_test_add_func ("/proto/hlc/string-order-is-stamp-order", test_string_order_is_stamp_order);
  g_test_add_func ("/proto/hlc/parse-refuses-garbage", test_parse_refuses_garbage);
  g_test_add_func ("/proto/hlc/restore", test_restore);
  g_test_add_func ("/proto/hlc/restart-after-clock-went-back", test_restart_after_clock_went_back);
  g_test_add_func ("/proto/hlc/new-refuses-bad-node", test_new_refuses_bad_node);

  return g_test_run ();
}
