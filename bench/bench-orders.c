/* bench-orders.c — orders placed and confirmed per second on a 200-product shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (DESIGN.md): more than 2,000 orders/s with synchronous=FULL.
 *
 * The figure measured (the first line printed) is "Create and Confirm":
 * one order of two lines taken by hand and confirmed at once, which is one
 * user action and so one transaction — cc_orders_create_confirmed_order(),
 * as the order editor's "Create and Confirm" button and the quick sale
 * do. It writes the order, its lines, the stock reservations (ledger rows
 * with deterministic ids) and every register's outbox row, and commits
 * once with the store's own settings (WAL, synchronous=FULL: one fsync of
 * the WAL per commit). Until this bench measured that, it measured the
 * second line printed: cc_orders_create_order() and then
 * cc_orders_set_status (CONFIRMED), two calls and two commits.
 *
 * Besides orders/s (wall clock, which a busy machine lowers) it prints
 * the CPU time per order and the WAL pages each order writes, which do
 * not depend on what else the machine is doing. Prints figures, never
 * fails on time.
 */
#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "cc-bench-util.h"
#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-orders.h"
#include "cc-store.h"

#define N_PRODUCTS     200
#define STOCK          100000
#define SECONDS        5.0
#define TARGET_PER_SEC 2000.0
#define SEED           20240601

static char *
pragma_text (CcStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text ? text : g_strdup ("?");
}

/* WAL pages written, counted by a WAL hook that also does what SQLite's
 * own hook does (a passive checkpoint every wal_autocheckpoint pages),
 * so the store behaves as without it. */
static int autocheckpoint;
static guint64 wal_pages;
static int wal_last;

static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_frames)
{
  if (n_frames < wal_last)
    wal_last = 0;
  wal_pages += n_frames - wal_last;
  wal_last = n_frames;
  if (autocheckpoint > 0 && n_frames >= autocheckpoint)
    sqlite3_wal_checkpoint (db, name);
  return SQLITE_OK;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Places orders for SECONDS; at_once: each order one call and one
 * transaction (cc_orders_create_confirmed_order), else create, then
 * confirm (two calls, two commits). */
static void
run (CcStore   *store,
     GPtrArray *products,
     GRand     *rand,
     gboolean   at_once)
{
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed_us, deadline;
  guint64 pages_before = wal_pages;
  double cpu_before = cpu_seconds ();
  double cpu;
  guint n_orders = 0;
  double per_sec;

  start = g_get_monotonic_time ();
  deadline = start + (gint64) (SECONDS * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(CcOrder) order = cc_order_new ();
      g_autofree char *order_id = NULL;
      guint a = g_rand_int_range (rand, 0, N_PRODUCTS);
      guint b = (a + 1 + g_rand_int_range (rand, 0, N_PRODUCTS - 1)) % N_PRODUCTS;

      g_ptr_array_add (order->lines,
                       cc_order_line_new (g_ptr_array_index (products, a), NULL, 1));
      g_ptr_array_add (order->lines,
                       cc_order_line_new (g_ptr_array_index (products, b), NULL,
                                          g_rand_int_range (rand, 1, 3)));
      if (at_once)
        {
          order_id = cc_orders_create_confirmed_order (store, order, FALSE, &error);
          if (order_id == NULL)
            cc_bench_die ("create and confirm order", error);
        }
      else
        {
          order_id = cc_orders_create_order (store, order, &error);
          if (order_id == NULL)
            cc_bench_die ("create order", error);
          if (!cc_orders_set_status (store, order_id, CC_ORDER_CONFIRMED, FALSE, &error))
            cc_bench_die ("confirm order", error);
        }
      n_orders++;
    }
  elapsed_us = g_get_monotonic_time () - start;
  cpu = cpu_seconds () - cpu_before;
  per_sec = n_orders / ((double) elapsed_us / G_USEC_PER_SEC);

  printf ("  %-38s %6u orders, %6.0f orders/s, %.3f ms each, CPU %.3f ms and %.1f WAL pages each"
          "   target > 2,000 orders/s: %s\n",
          at_once ? "create and confirm (1 transaction):" : "create, then confirm (2 transactions):",
          n_orders, per_sec, n_orders ? (double) elapsed_us / 1000.0 / n_orders : 0.0,
          n_orders ? cpu * 1000.0 / n_orders : 0.0,
          n_orders ? (double) (wal_pages - pages_before) / n_orders : 0.0,
          per_sec > TARGET_PER_SEC ? "met" : "NOT met");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *sync_mode = NULL;
  g_autofree char *journal = NULL;

  cc_bench_set_name ("bench-orders");
  dir = g_dir_make_tmp ("craftchain-bench-orders-XXXXXX", &error);
  if (dir == NULL)
    cc_bench_die ("temporary directory", error);
  db_path = g_build_filename (dir, "shop.db", NULL);
  store = cc_store_open (db_path, &error);
  if (store == NULL)
    cc_bench_die ("open", error);
  /* The store's own setting is FULL; make sure, whatever it becomes. */
  if (sqlite3_exec (cc_store_get_db (store), "PRAGMA synchronous = FULL;",
                    NULL, NULL, NULL) != SQLITE_OK)
    cc_bench_die ("PRAGMA synchronous", NULL);
  sync_mode = pragma_text (store, "PRAGMA synchronous;");
  journal = pragma_text (store, "PRAGMA journal_mode;");

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autoptr(CcProduct) product = cc_product_new ();
      g_autofree char *title = g_strdup_printf ("Bench piece %u", i + 1);
      char *id;

      cc_product_set_title (product, "en", title);
      product->sku = g_strdup_printf ("BENCH-%03u", i + 1);
      product->price = 10000 + 500 * (gint64) i;
      id = cc_catalogue_create_product (store, product, &error);
      if (id == NULL)
        cc_bench_die ("create product", error);
      if (!cc_inventory_adjust (store, id, NULL, STOCK, "count", NULL, &error))
        cc_bench_die ("adjust stock", error);
      g_ptr_array_add (products, id);
    }

  {
    g_autofree char *pages = pragma_text (store, "PRAGMA wal_autocheckpoint;");
    g_autofree char *load = NULL;

    autocheckpoint = atoi (pages);
    sqlite3_wal_hook (cc_store_get_db (store), on_wal_commit, NULL);
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      g_strdelimit (load, "\n", '\0');
    printf ("bench-orders: %u products, orders of 2 lines created and confirmed, %.0f s each way;\n"
            "  synchronous=%s (2 = FULL), journal_mode=%s, wal_autocheckpoint=%s; load average %s\n",
            N_PRODUCTS, SECONDS, sync_mode, journal, pages, load ? load : "?");
  }
  run (store, products, rand, TRUE);
  run (store, products, rand, FALSE);

  g_clear_object (&store);
  cc_bench_rm_rf (dir);
  return 0;
}
