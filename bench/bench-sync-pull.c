/* bench-sync-pull.c — a new device's first pull of a 100,000-change shop over loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real craftchain-sync on 127.0.0.1 (SQLite in a temporary
 * directory, or CC_SYNC_BENCH_DB), fills one device's store with a shop
 * written through the catalogue and inventory (categories, products with
 * titles in two languages, descriptions, tags, materials, dimensions,
 * variants, opening stock, price revisions) until its outbox holds exactly
 * 100,000 changes, and pushes them with an ordinary sync round. Then a
 * second process opens an empty store and is timed: enrolment and one
 * cc_sync_run() until everything is applied. It reports its counts and
 * its peak memory; the parent checks the counts against the first store.
 * The last line, "RESULT pull_seconds=…", is for bench/run-bench-sync.sh.
 * DESIGN's target: a tenth of PouchDB's time for the same number of
 * documents (run-bench-sync.sh measures that). Nothing here fails on time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cc-bench-util.h"
#include "cc-catalogue.h"
#include "cc-inventory.h"
#include "cc-store.h"
#include "cc-sync-client.h"
#include "cc-sync-test-server.h"

#define N_CHANGES 100000
#define SEED      20240917
#define SHOP_NAME "bench pull"

static const char *adjectives[] = {
  "Handwoven", "Hand-painted", "Block-printed", "Indigo", "Saffron", "Embroidered",
  "Carved", "Glazed", "Hammered", "Beaded", "Quilted", "Kalamkari", "Madhubani",
  "Warli", "Bandhani", "Chikankari", "Dhokra", "Bidri", "Meenakari", "Terracotta",
};

static const char *nouns[] = {
  "scarf", "stole", "cushion cover", "table runner", "tote", "basket", "bowl",
  "mug", "vase", "lamp", "diya", "wall hanging", "necklace", "bangle", "earrings",
  "journal", "tray", "coaster set", "throw", "rug",
};

static const char *hi_titles[] = {
  "हस्तनिर्मित दुपट्टा", "सूती कुशन", "मिट्टी का दीया", "पीतल की थाली", "रेशमी शॉल",
  "बाँस की टोकरी", "मधुबनी चित्र", "कढ़ाई वाला झोला", "लकड़ी का खिलौना", "चाँदी के झुमके",
};

static const char *materials[] = {
  "cotton", "silk", "jute", "khadi", "brass", "copper", "terracotta", "mango wood",
  "sheesham", "bamboo", "cane", "handmade paper", "glass beads", "wool",
};

static const char *tags[] = {
  "gift", "diwali", "wedding", "home decor", "kitchen", "eco-friendly", "artisan",
  "heritage", "bestseller", "new", "limited", "one of a kind", "pooja", "rakhi",
};

static const char *places[] = {
  "Jaipur", "Kutch", "Varanasi", "Bagru", "Channapatna", "Thanjavur", "Bishnupur",
  "Kanchipuram", "Moradabad", "Bastar", "Srinagar", "Pipli",
};

static const char *techniques[] = {
  "block printing", "handloom weaving", "lost-wax casting", "wheel throwing",
  "lacquer turning", "hand embroidery", "tie and dye", "inlay",
};

static const char *makers[] = {
  "Meena Devi", "Abdul Karim", "Lakshmi Co-op", "Ravi Kumar", "Sunita Bai",
  "Gond Art Collective", "Farida Begum", "Prakash Potters",
};

static const char *category_names[] = {
  "Textiles", "Home", "Kitchen", "Jewellery", "Art", "Festive",
};

static const char *subcategory_names[] = {
  "Everyday", "Premium", "Gifts",
};

static const char *sizes[] = { "Small", "Medium", "Large" };

#define PICK(rng, array) (array[g_rand_int_range ((rng), 0, G_N_ELEMENTS (array))])

/* What both stores must agree on after the pull. */
static const char *count_tables[] = {
  "categories", "products", "product_texts", "product_tags", "product_materials",
  "variants", "stock_moves", "registers", "conflicts",
};

static gint64
count_rows (CcStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Seeding */

static GPtrArray *
add_categories (CcStore *store)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *top = cc_catalogue_add_category (store, category_names[i], NULL, &error);

      if (top == NULL)
        cc_bench_die ("adding a category", error);
      for (guint j = 0; j < G_N_ELEMENTS (subcategory_names); j++)
        {
          g_autofree char *name = g_strdup_printf ("%s: %s", category_names[i], subcategory_names[j]);
          char *sub = cc_catalogue_add_category (store, name, top, &error);

          if (sub == NULL)
            cc_bench_die ("adding a category", error);
          g_ptr_array_add (ids, sub);
        }
      g_ptr_array_add (ids, g_steal_pointer (&top));
    }
  return ids;
}

/* One product as a person would enter it, its opening stock, and for one
 * in four, sizes as variants with their own SKUs. */
static char *
add_product (CcStore   *store,
             GRand     *rng,
             GPtrArray *categories,
             guint      n)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  const char *noun = PICK (rng, nouns);
  g_autofree char *title = g_strdup_printf ("%s %s %u", PICK (rng, adjectives), noun, n);
  g_autofree char *hi_title = g_strdup_printf ("%s %u", PICK (rng, hi_titles), n);
  g_autofree char *description = g_strdup_printf ("A %s made by hand in %s using %s. Each piece differs a "
                                                  "little; colours may vary from the photo.",
                                                  noun, PICK (rng, places), PICK (rng, techniques));
  char *id;

  cc_product_set_title (product, "en", title);
  cc_product_set_title (product, "hi", hi_title);
  cc_product_set_description (product, "en", description);
  product->sku = g_strdup_printf ("CC-%06u", n);
  product->category_id = g_strdup (g_ptr_array_index (categories, g_rand_int_range (rng, 0, categories->len)));
  product->status = n % 10 == 0 ? CC_PRODUCT_DRAFT : CC_PRODUCT_ACTIVE;
  product->price = 100 * g_rand_int_range (rng, 150, 12000);
  product->compare_at_price = n % 3 == 0 ? product->price + 100 * g_rand_int_range (rng, 50, 500) : 0;
  product->currency = g_strdup ("INR");
  product->width_mm = g_rand_int_range (rng, 50, 2000);
  product->height_mm = g_rand_int_range (rng, 5, 1500);
  product->depth_mm = g_rand_int_range (rng, 1, 400);
  product->weight_g = g_rand_int_range (rng, 20, 5000);
  product->production_minutes = g_rand_int_range (rng, 30, 2400);
  product->cultural_origin = g_strdup (PICK (rng, places));
  product->technique = g_strdup (PICK (rng, techniques));
  product->maker = g_strdup (PICK (rng, makers));
  for (guint i = 0, n_tags = g_rand_int_range (rng, 1, 4); i < n_tags; i++)
    g_ptr_array_add (product->tags, g_strdup (PICK (rng, tags)));
  for (guint i = 0, n_materials = g_rand_int_range (rng, 1, 3); i < n_materials; i++)
    g_ptr_array_add (product->materials, g_strdup (PICK (rng, materials)));

  id = cc_catalogue_create_product (store, product, &error);
  if (id == NULL)
    cc_bench_die ("creating a product", error);

  if (n % 4 == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(CcVariant) variant = cc_variant_new ();
          g_autofree char *variant_id = NULL;

          variant->product_id = g_strdup (id);
          variant->sku = g_strdup_printf ("CC-%06u-%c", n, sizes[i][0]);
          variant->price = product->price + 5000 * i;
          cc_variant_add_option (variant, "Size", sizes[i]);
          variant_id = cc_catalogue_add_variant (store, variant, &error);
          if (variant_id == NULL)
            cc_bench_die ("adding a variant", error);
          if (!cc_inventory_adjust (store, id, variant_id, g_rand_int_range (rng, 1, 20), "count", NULL, &error))
            cc_bench_die ("recording stock", error);
        }
    }
  else if (!cc_inventory_adjust (store, id, NULL, g_rand_int_range (rng, 1, 40), "count",
                                 n % 7 == 0 ? "first count of the season" : NULL, &error))
    cc_bench_die ("recording stock", error);
  return id;
}

/* A price revision: one change. */
static void
revise_price (CcStore    *store,
              const char *product_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcProduct) product = cc_catalogue_get_product (store, product_id, &error);

  if (product == NULL)
    cc_bench_die ("reading a product back", error);
  product->price += 1000;
  if (!cc_catalogue_update_product (store, product, &error))
    cc_bench_die ("revising a price", error);
}

/* Writes until the outbox holds exactly target changes. */
static void
seed_shop (CcStore *store,
           guint    target)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) categories = add_categories (store);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 queued = cc_store_outbox_count (store);
  guint n = 0;

  /* A product writes at most about 60 changes: below that, revisions. */
  while (queued < target)
    {
      if (!cc_store_begin (store, &error))
        cc_bench_die ("beginning", error);
      if (target - queued > 200)
        {
          for (guint i = 0; i < 100 && target - queued > 200; i++)
            {
              g_ptr_array_add (products, add_product (store, rng, categories, ++n));
              queued = cc_store_outbox_count (store);
            }
        }
      else if (target - queued > 60)
        {
          g_ptr_array_add (products, add_product (store, rng, categories, ++n));
          queued = cc_store_outbox_count (store);
        }
      else
        {
          revise_price (store, g_ptr_array_index (products, g_rand_int_range (rng, 0, products->len)));
          queued = cc_store_outbox_count (store);
        }
      if (!cc_store_commit (store, &error))
        cc_bench_die ("committing", error);
    }
  if (queued != target)
    {
      fprintf (stderr, "bench-sync-pull: seeded %" G_GINT64_FORMAT " changes, not %u\n", queued, target);
      exit (1);
    }
}

/* CC_BENCH_SQL_PROFILE=1: the new device's statements by total time, on
 * stderr, to see where a slow pull goes. */
typedef struct
{
  char   *sql;
  gint64  calls;
  gint64  ns;
} SqlCost;

static void
sql_cost_free (SqlCost *cost)
{
  g_free (cost->sql);
  g_free (cost);
}

static int
sql_profile_cb (unsigned  type,
                void     *data,
                void     *p,
                void     *x)
{
  GHashTable *costs = data;
  const char *sql = sqlite3_sql (p);
  SqlCost *cost;

  if (type != SQLITE_TRACE_PROFILE || sql == NULL)
    return 0;
  cost = g_hash_table_lookup (costs, sql);
  if (cost == NULL)
    {
      cost = g_new0 (SqlCost, 1);
      cost->sql = g_strdup (sql);
      g_hash_table_insert (costs, cost->sql, cost);
    }
  cost->calls++;
  cost->ns += *(sqlite3_int64 *) x;
  return 0;
}

static int
compare_costs (gconstpointer a,
               gconstpointer b)
{
  const SqlCost *ca = a;
  const SqlCost *cb = b;

  return ca->ns < cb->ns ? 1 : ca->ns > cb->ns ? -1 : 0;
}

static void
print_sql_profile (GHashTable *costs)
{
  GList *list = g_list_sort (g_hash_table_get_values (costs), compare_costs);
  guint shown = 0;

  fprintf (stderr, "bench-sync-pull: the new device's statements by total time:\n");
  for (GList *l = list; l != NULL && shown < 25; l = l->next, shown++)
    {
      const SqlCost *cost = l->data;
      g_autofree char *one_line = g_strdelimit (g_strndup (cost->sql, 160), "\n", ' ');

      fprintf (stderr, "  %8.3f s %8" G_GINT64_FORMAT " × %s\n", cost->ns / 1e9, cost->calls, one_line);
    }
  g_list_free (list);
}

/* The timed device, in its own process so that its peak memory is its
 * own: enrol, one round, then its counts on one line. */
static int
pull_main (const char *base_url,
           const char *code,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = cc_store_open (path, &error);
  g_autoptr(GHashTable) costs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) sql_cost_free);
  gboolean profile = g_strcmp0 (g_getenv ("CC_BENCH_SQL_PROFILE"), "1") == 0;
  CcSyncReport report = { 0 };
  gint64 t0, t1, t2;

  if (store == NULL)
    cc_bench_die ("opening the new device's store", error);
  if (profile)
    sqlite3_trace_v2 (cc_store_get_db (store), SQLITE_TRACE_PROFILE, sql_profile_cb, costs);

  t0 = g_get_monotonic_time ();
  if (!cc_sync_enrol (store, base_url, code, "bench", NULL, &error))
    cc_bench_die ("enrolling", error);
  t1 = g_get_monotonic_time ();
  if (!cc_sync_run (store, NULL, NULL, &report, NULL, &error))
    cc_bench_die ("the first sync", error);
  t2 = g_get_monotonic_time ();
  if (profile)
    {
      sqlite3_trace_v2 (cc_store_get_db (store), 0, NULL, NULL);
      print_sql_profile (costs);
    }

  printf ("pulled=%" G_GINT64_FORMAT " enrol_us=%" G_GINT64_FORMAT " sync_us=%" G_GINT64_FORMAT
          " rss_kb=%ld outbox=%" G_GINT64_FORMAT,
          report.pulled, t1 - t0, t2 - t1, peak_rss_kb (), cc_store_outbox_count (store));
  for (guint i = 0; i < G_N_ELEMENTS (count_tables); i++)
    printf (" %s=%" G_GINT64_FORMAT, count_tables[i], count_rows (store, count_tables[i]));
  printf ("\n");
  return 0;
}

static gint64
field (GHashTable *fields,
       const char *key)
{
  const char *text = g_hash_table_lookup (fields, key);
  gint64 value = -1;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      fprintf (stderr, "bench-sync-pull: the pulling process did not report %s\n", key);
      exit (1);
    }
  return value;
}

int
main (int   argc,
      char *argv[])
{
  const char * const server_args[] = { "--rate", "100000", "--enrol-rate", "100000", NULL };
  const char *env = g_getenv ("CC_SYNC_BENCH_DB");
  g_autofree char *db_uri = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *seed_path = NULL;
  g_autofree char *pull_path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *child_out = NULL;
  g_autoptr(CcSyncTestServer) server = NULL;
  g_autoptr(CcStore) seeder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) tokens = NULL;
  CcSyncReport report = { 0 };
  gint64 t0;
  double seed_s, push_s, sync_s, enrol_s, total_s;
  gboolean agree = TRUE;
  int status = 0;

  cc_bench_set_name ("bench-sync-pull");
  if (argc == 5 && g_strcmp0 (argv[1], "--pull") == 0)
    return pull_main (argv[2], argv[3], argv[4]);

  if (env != NULL && *env != '\0')
    db_uri = g_strdup (env);
  else
    db_uri = cc_sync_test_db_uri ();
  g_print ("bench-sync-pull: a new device's first pull of %d changes over loopback (%s)\n",
           N_CHANGES, g_str_has_prefix (db_uri, "sqlite:") ? "SQLite" : "PostgreSQL");

  dir = g_dir_make_tmp ("craftchain-bench-pull-XXXXXX", &error);
  if (dir == NULL)
    cc_bench_die ("making a temporary directory", error);
  /* Each store beside its own photo folder. */
  {
    g_autofree char *seed_dir = g_build_filename (dir, "seed", NULL);
    g_autofree char *pull_dir = g_build_filename (dir, "pull", NULL);

    g_mkdir (seed_dir, 0700);
    g_mkdir (pull_dir, 0700);
    seed_path = g_build_filename (seed_dir, "shop.db", NULL);
    pull_path = g_build_filename (pull_dir, "shop.db", NULL);
  }

  server = cc_sync_test_server_start (db_uri, server_args);
  code = cc_sync_test_create_shop (db_uri, SHOP_NAME " a", NULL);

  seeder = cc_store_open (seed_path, &error);
  if (seeder == NULL)
    cc_bench_die ("opening the seeding store", error);
  t0 = g_get_monotonic_time ();
  seed_shop (seeder, N_CHANGES);
  seed_s = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  if (!cc_sync_enrol (seeder, server->base_url, code, "seeder", NULL, &error))
    cc_bench_die ("enrolling the seeding store", error);
  t0 = g_get_monotonic_time ();
  if (!cc_sync_run (seeder, NULL, NULL, &report, NULL, &error))
    cc_bench_die ("pushing the shop", error);
  push_s = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  if (report.pushed != N_CHANGES)
    {
      fprintf (stderr, "bench-sync-pull: the server acknowledged %" G_GINT64_FORMAT " changes, not %d\n",
               report.pushed, N_CHANGES);
      return 1;
    }
  g_print ("  shop: %" G_GINT64_FORMAT " products, %" G_GINT64_FORMAT " variants, %" G_GINT64_FORMAT
           " categories, %" G_GINT64_FORMAT " stock moves; written in %.1f s, pushed (and read back) "
           "in %.1f s by the first device\n",
           count_rows (seeder, "products"), count_rows (seeder, "variants"), count_rows (seeder, "categories"),
           count_rows (seeder, "stock_moves"), seed_s, push_s);

  g_free (code);
  code = cc_sync_test_new_code (db_uri, SHOP_NAME " a");
  {
    const char *wrapper = g_getenv ("CC_BENCH_PULL_WRAPPER");
    g_autoptr(GPtrArray) child_argv = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) wrapper_argv = NULL;

    /* For instance "valgrind --tool=callgrind" or "perf record -g". */
    if (wrapper != NULL && *wrapper != '\0')
      {
        if (!g_shell_parse_argv (wrapper, NULL, &wrapper_argv, &error))
          cc_bench_die ("CC_BENCH_PULL_WRAPPER", error);
        for (guint i = 0; wrapper_argv[i] != NULL; i++)
          g_ptr_array_add (child_argv, g_strdup (wrapper_argv[i]));
      }
    g_ptr_array_add (child_argv, g_strdup (argv[0]));
    g_ptr_array_add (child_argv, g_strdup ("--pull"));
    g_ptr_array_add (child_argv, g_strdup (server->base_url));
    g_ptr_array_add (child_argv, g_strdup (code));
    g_ptr_array_add (child_argv, g_strdup (pull_path));
    g_ptr_array_add (child_argv, NULL);
    if (!g_spawn_sync (NULL, (char **) child_argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       &child_out, NULL, &status, &error))
      cc_bench_die ("starting the pulling process", error);
    if (!g_spawn_check_wait_status (status, &error))
      cc_bench_die ("the pulling process", error);
  }

  tokens = g_strsplit_set (g_strstrip (child_out), " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *eq = strchr (tokens[i], '=');

      if (eq != NULL)
        g_hash_table_replace (fields, g_strndup (tokens[i], eq - tokens[i]), g_strdup (eq + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (count_tables); i++)
    {
      gint64 want = count_rows (seeder, count_tables[i]);
      gint64 got = field (fields, count_tables[i]);

      if (want != got)
        {
          g_print ("  MISMATCH: %s has %" G_GINT64_FORMAT " rows on the new device, %" G_GINT64_FORMAT
                   " on the first\n", count_tables[i], got, want);
          agree = FALSE;
        }
    }
  if (field (fields, "pulled") != N_CHANGES || field (fields, "outbox") != 0)
    {
      g_print ("  MISMATCH: the new device pulled %" G_GINT64_FORMAT " changes and queued %" G_GINT64_FORMAT
               " (want %d and 0)\n", field (fields, "pulled"), field (fields, "outbox"), N_CHANGES);
      agree = FALSE;
    }

  enrol_s = field (fields, "enrol_us") / (double) G_USEC_PER_SEC;
  sync_s = field (fields, "sync_us") / (double) G_USEC_PER_SEC;
  total_s = enrol_s + sync_s;
  g_print ("  new device: enrolment %.3f s, first sync %.2f s: %d changes in %.2f s, %.0f changes/s; "
           "peak RSS %.1f MiB\n",
           enrol_s, sync_s, N_CHANGES, total_s, N_CHANGES / total_s, field (fields, "rss_kb") / 1024.0);
  g_print ("  the new device's store %s the first one's (%s)\n",
           agree ? "matches" : "DOES NOT MATCH", "row counts of every synced table, registers, conflicts");
  g_print ("RESULT pull_seconds=%.3f changes=%d verified=%s\n", total_s, N_CHANGES, agree ? "yes" : "no");

  g_clear_object (&seeder);
  g_clear_pointer (&server, cc_sync_test_server_free);
  cc_bench_rm_rf (dir);
  return agree ? 0 : 1;
}
