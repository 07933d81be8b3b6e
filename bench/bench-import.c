/* bench-import.c — rows per second of a 10,000-row Shopify CSV import into a fresh shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a Shopify product CSV of 5,000 pieces with two sizes each
 * (10,000 rows, with tags, HTML descriptions, quoted prices and image
 * addresses) to a temporary folder, then times cc_import_preview_file()
 * and cc_import_apply() into a new empty shop there. No target: prints
 * the figures, never fails on time.
 */
#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>

#include "cc-bench-util.h"
#include "cc-catalogue.h"
#include "cc-import.h"
#include "cc-store.h"

#define N_PRODUCTS 5000
#define N_SIZES    2
#define N_ROWS     (N_PRODUCTS * N_SIZES)

static GString *
make_csv (void)
{
  static const char *sizes[N_SIZES] = { "Small", "Large" };
  GString *csv = g_string_new ("Handle,Title,Body (HTML),Vendor,Tags,Published,Option1 Name,Option1 Value,"
                               "Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Image Src,"
                               "Image Position,Status\n");

  for (guint p = 0; p < N_PRODUCTS; p++)
    for (guint s = 0; s < N_SIZES; s++)
      {
        if (s == 0)
          g_string_append_printf (csv,
                                  "bench-piece-%u,Bench piece %u,\"<p>Hand block-printed <b>cotton</b> &amp; "
                                  "natural dyes, piece %u.</p>\",Meera,\"bench, cotton, tag%u\",TRUE,Size,%s,"
                                  "BENCH-%05u-%c,150,4,\"1,%03u.50\",https://cdn.example.com/bench-%u.jpg,1,active\n",
                                  p + 1, p + 1, p + 1, p % 50, sizes[s], p + 1, sizes[s][0], p % 1000, p + 1);
        else
          g_string_append_printf (csv,
                                  "bench-piece-%u,,,,,,,%s,BENCH-%05u-%c,200,2,%u.00,,,\n",
                                  p + 1, sizes[s], p + 1, sizes[s][0], 1500 + p % 1000);
      }
  return csv;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcImportPreview) preview = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *db_path = NULL;
  gint64 start, preview_us, apply_us;
  guint created = 0, updated = 0;

  cc_bench_set_name ("bench-import");
  dir = g_dir_make_tmp ("craftchain-bench-import-XXXXXX", &error);
  if (dir == NULL)
    cc_bench_die ("temporary folder", error);
  csv_path = g_build_filename (dir, "products.csv", NULL);
  db_path = g_build_filename (dir, "shop.db", NULL);

  csv = make_csv ();
  if (!g_file_set_contents (csv_path, csv->str, csv->len, &error))
    cc_bench_die ("writing the CSV", error);
  store = cc_store_open (db_path, &error);
  if (store == NULL)
    cc_bench_die ("opening the shop", error);

  start = g_get_monotonic_time ();
  preview = cc_import_preview_file (store, csv_path, &error);
  preview_us = g_get_monotonic_time () - start;
  if (preview == NULL)
    cc_bench_die ("preview", error);
  if (preview->problems->len != 0)
    {
      CcImportProblem *problem = g_ptr_array_index (preview->problems, 0);

      fprintf (stderr, "bench-import: line %u: %s\n", problem->line, problem->reason);
      exit (1);
    }
  if (preview->n_create != N_PRODUCTS)
    cc_bench_die ("preview", NULL);

  start = g_get_monotonic_time ();
  if (!cc_import_apply (store, preview, &created, &updated, &error))
    cc_bench_die ("apply", error);
  apply_us = g_get_monotonic_time () - start;
  if (created != N_PRODUCTS || cc_catalogue_count_products (store) != N_PRODUCTS)
    cc_bench_die ("apply", NULL);

  printf ("bench-import: Shopify CSV, %u rows (%u pieces × %u sizes, %.1f MB) into a fresh shop\n",
          N_ROWS, N_PRODUCTS, N_SIZES, csv->len / 1e6);
  printf ("  %-18s %8.3f s  %9.0f rows/s\n", "preview", preview_us / 1e6, N_ROWS / (preview_us / 1e6));
  printf ("  %-18s %8.3f s  %9.0f rows/s\n", "apply", apply_us / 1e6, N_ROWS / (apply_us / 1e6));
  printf ("  %-18s %8.3f s  %9.0f rows/s\n", "preview + apply", (preview_us + apply_us) / 1e6,
          N_ROWS / ((preview_us + apply_us) / 1e6));

  g_clear_pointer (&preview, cc_import_preview_free);
  g_clear_object (&store);
  cc_bench_rm_rf (dir);
  return 0;
}
