/* test-product-model.c — the catalogue's list model over a search, without a display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cc-catalogue.h"
#include "cc-money.h"
#include "cc-product-model.h"
#include "cc-search.h"
#include "cc-test-util.h"

/* Enough for three pages, the last one short. */
#define N_PRODUCTS 250
/* Every fifth piece is indigo, the others clay. */
#define N_INDIGO (N_PRODUCTS / 5)

typedef struct
{
  CcStore   *store;
  GPtrArray *ids;    /* product ids by number: "Piece 0007 Clay" is ids[7] */
} Fixture;

static gint64
piece_price (guint i)
{
  return 10000 + (gint64)i * 125;
}

static CcProductStatus
piece_status (guint i)
{
  return i % 10 == 3 ? CC_PRODUCT_DRAFT : CC_PRODUCT_ACTIVE;
}

/* Titles sort by number under the name order, which is what a query
 * without text falls back to. */
static char *
piece_title (guint i)
{
  return g_strdup_printf ("Piece %04u %s", i, i % 5 == 0 ? "Indigo" : "Clay");
}

static void
add_pieces (Fixture *fixture,
            guint    first,
            guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(CcProduct) product = cc_product_new ();
      g_autofree char *title = piece_title (i);
      char *id;

      cc_product_set_title (product, "en", title);
      product->sku = g_strdup_printf ("PC-%04u", i);
      product->price = piece_price (i);
      product->status = piece_status (i);
      id = cc_catalogue_create_product (fixture->store, product, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);
      g_ptr_array_add (fixture->ids, id);
    }
  g_assert_true (cc_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->store = cc_test_open_store ();
  fixture->ids = g_ptr_array_new_with_free_func (g_free);
  add_pieces (fixture, 0, N_PRODUCTS);
  g_assert_cmpint (cc_catalogue_count_products (fixture->store), ==, N_PRODUCTS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_ptr_array_unref (fixture->ids);
  g_assert_finalize_object (fixture->store);
}

/* Records what a model announces. */
typedef struct
{
  guint n_changed;
  guint position;
  guint removed;
  guint added;
  guint n_notify;
} Signals;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Signals    *signals)
{
  signals->n_changed++;
  signals->position = position;
  signals->removed = removed;
  signals->added = added;
}

static void
on_notify_n_items (GObject    *object,
                   GParamSpec *pspec,
                   Signals    *signals)
{
  signals->n_notify++;
}

static void
watch (CcProductModel *model,
       Signals        *signals)
{
  memset (signals, 0, sizeof *signals);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), signals);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (on_notify_n_items), signals);
}

static void
set_text (CcProductModel *model,
          const char     *text,
          CcSort          sort)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  query.text = text;
  query.sort = sort;
  cc_product_model_set_query (model, &query);
}

static guint
model_n_items_property (CcProductModel *model)
{
  guint n = 0;

  g_object_get (model, "n-items", &n, NULL);
  return n;
}

static void
assert_item_is_piece (Fixture       *fixture,
                      CcProductItem *item,
                      guint          i)
{
  g_autofree char *title = piece_title (i);
  g_autofree char *sku = g_strdup_printf ("PC-%04u", i);

  g_assert_true (CC_IS_PRODUCT_ITEM (item));
  g_assert_cmpstr (cc_product_item_get_title (item), ==, title);
  g_assert_cmpstr (cc_product_item_get_id (item), ==, g_ptr_array_index (fixture->ids, i));
  g_assert_cmpstr (cc_product_item_get_sku (item), ==, sku);
}

static void
test_count_matches_search (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  const char *texts[] = { NULL, "indigo", "clay", "piece", "PC-001", "zzzqqq" };
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_product_model_get_store (model) == fixture->store);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CC_TYPE_PRODUCT_ITEM);
  g_assert_null (cc_product_model_get_query (model)->text);
  g_assert_cmpint (cc_product_model_get_query (model)->status, ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PRODUCTS);
  g_assert_cmpuint (model_n_items_property (model), ==, N_PRODUCTS);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      CcSearchQuery query = CC_SEARCH_QUERY_INIT;
      gint64 count;

      query.text = texts[t];
      count = cc_search_count (fixture->store, &query, &error);
      g_assert_no_error (error);
      set_text (model, texts[t], CC_SORT_RELEVANCE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count);
      g_assert_cmpuint (model_n_items_property (model), ==, count);
      g_assert_null (cc_product_model_get_error (model));
    }

  /* The groups themselves, so a count of zero everywhere cannot pass. */
  set_text (model, "indigo", CC_SORT_RELEVANCE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_INDIGO);
  set_text (model, "clay", CC_SORT_RELEVANCE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PRODUCTS - N_INDIGO);

  /* Filters count too. */
  {
    CcSearchQuery query = CC_SEARCH_QUERY_INIT;

    query.status = CC_PRODUCT_DRAFT;
    cc_product_model_set_query (model, &query);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PRODUCTS / 10);
  }
}

static void
test_items_by_page (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  const guint positions[] = { 0, 1, 57, 99, 100, 101, 150, 199, 200, 201, 248, 249, 3, 120 };

  for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
    {
      g_autoptr(CcProductItem) item = g_list_model_get_item (G_LIST_MODEL (model), positions[p]);

      g_assert_nonnull (item);
      assert_item_is_piece (fixture, item, positions[p]);
    }

  /* Positions within a filtered, name-sorted query. */
  set_text (model, "indigo", CC_SORT_NAME);
  for (guint i = 0; i < N_INDIGO; i += 7)
    {
      g_autoptr(CcProductItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      assert_item_is_piece (fixture, item, i * 5);
    }
}

static void
test_item_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  const guint pieces[] = { 0, 3, 13, 142, 249 };

  for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      guint i = pieces[p];
      g_autoptr(CcProductItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *expected_title = piece_title (i);
      g_autofree char *expected_sku = g_strdup_printf ("PC-%04u", i);
      g_autofree char *expected_price = cc_money_format (piece_price (i), "INR");
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *sku = NULL;
      g_autofree char *price_text = NULL;
      g_autofree char *status_label = NULL;
      g_autofree char *cover = NULL;
      int status = -1;

      g_object_get (item,
                    "id", &id,
                    "title", &title,
                    "sku", &sku,
                    "price-text", &price_text,
                    "status", &status,
                    "status-label", &status_label,
                    "cover-sha256", &cover,
                    NULL);

      g_assert_cmpstr (id, ==, g_ptr_array_index (fixture->ids, i));
      g_assert_cmpstr (title, ==, expected_title);
      g_assert_cmpstr (sku, ==, expected_sku);
      g_assert_cmpstr (price_text, ==, expected_price);
      g_assert_cmpint (status, ==, piece_status (i));
      g_assert_cmpstr (status_label, ==, cc_product_status_get_label (piece_status (i)));
      g_assert_null (cover);

      /* The getters say the same. */
      g_assert_cmpstr (cc_product_item_get_price_text (item), ==, expected_price);
      g_assert_cmpint (cc_product_item_get_status (item), ==, piece_status (i));
      g_assert_cmpstr (cc_product_item_get_status_label (item), ==, status_label);
      g_assert_null (cc_product_item_get_cover_sha256 (item));
    }
}

static void
test_query_signals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  Signals signals;

  watch (model, &signals);

  /* Narrowing: one change for the whole range, one notify. */
  set_text (model, "indigo", CC_SORT_RELEVANCE);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.position, ==, 0);
  g_assert_cmpuint (signals.removed, ==, N_PRODUCTS);
  g_assert_cmpuint (signals.added, ==, N_INDIGO);
  g_assert_cmpuint (signals.n_notify, ==, 1);
  g_assert_cmpuint (model_n_items_property (model), ==, N_INDIGO);
  g_assert_cmpstr (cc_product_model_get_query (model)->text, ==, "indigo");

  /* The same count again: the items may differ, the length does not. */
  memset (&signals, 0, sizeof signals);
  set_text (model, "indigo", CC_SORT_PRICE_HIGH);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.position, ==, 0);
  g_assert_cmpuint (signals.removed, ==, N_INDIGO);
  g_assert_cmpuint (signals.added, ==, N_INDIGO);
  g_assert_cmpuint (signals.n_notify, ==, 0);
  {
    g_autoptr(CcProductItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    /* Highest price first: the last indigo piece. */
    assert_item_is_piece (fixture, first, N_PRODUCTS - 5);
  }

  memset (&signals, 0, sizeof signals);
  cc_product_model_reload (model);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.removed, ==, N_INDIGO);
  g_assert_cmpuint (signals.added, ==, N_INDIGO);
  g_assert_cmpuint (signals.n_notify, ==, 0);

  /* Nothing matches. */
  memset (&signals, 0, sizeof signals);
  set_text (model, "zzzqqq", CC_SORT_RELEVANCE);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.removed, ==, N_INDIGO);
  g_assert_cmpuint (signals.added, ==, 0);
  g_assert_cmpuint (signals.n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Everything again. */
  memset (&signals, 0, sizeof signals);
  set_text (model, "", CC_SORT_RELEVANCE);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.removed, ==, 0);
  g_assert_cmpuint (signals.added, ==, N_PRODUCTS);
  g_assert_cmpuint (signals.n_notify, ==, 1);
}

static void
test_query_is_copied (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  char text[] = "indigo";
  const CcSearchQuery *used;

  query.text = text;
  query.offset = 40;
  query.limit = 3;
  cc_product_model_set_query (model, &query);
  /* The caller's buffer changes; the model's query must not. */
  memcpy (text, "clayyy", sizeof text);

  used = cc_product_model_get_query (model);
  g_assert_cmpstr (used->text, ==, "indigo");
  g_assert_cmpuint (used->offset, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_INDIGO);

  /* Offset and limit are ignored: every match is there. */
  {
    g_autoptr(CcProductItem) last = g_list_model_get_item (G_LIST_MODEL (model), N_INDIGO - 1);

    g_assert_nonnull (last);
  }

  /* Setting the model's own query back to it must not read freed text. */
  cc_product_model_set_query (model, cc_product_model_get_query (model));
  g_assert_cmpstr (cc_product_model_get_query (model)->text, ==, "indigo");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_INDIGO);
}

static void
test_beyond_end (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_PRODUCTS));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_PRODUCTS + 1));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), G_MAXUINT));

  set_text (model, "indigo", CC_SORT_NAME);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_INDIGO));
  {
    g_autoptr(CcProductItem) last = g_list_model_get_item (G_LIST_MODEL (model), N_INDIGO - 1);

    assert_item_is_piece (fixture, last, N_PRODUCTS - 5);
  }

  set_text (model, "zzzqqq", CC_SORT_RELEVANCE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CcProductModel) model = NULL;
  guint n_pages;

  /* Twenty pages, more than a model should keep. */
  n_pages = 20;
  add_pieces (fixture, N_PRODUCTS, n_pages * CC_PRODUCT_MODEL_PAGE_SIZE - N_PRODUCTS);

  model = cc_product_model_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_pages * CC_PRODUCT_MODEL_PAGE_SIZE);
  /* Counting loads nothing. */
  g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), ==, 0);

  {
    g_autoptr(CcProductItem) a = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_autoptr(CcProductItem) b = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_autoptr(CcProductItem) c = g_list_model_get_item (G_LIST_MODEL (model), 6);

    /* Asking loads (maybe with some read-ahead), not everything. */
    g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), >=, 1);
    g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), <, n_pages / 2);
    /* A loaded page returns the same object for a position. */
    g_assert_true (a == b);
    g_assert_true (a != c);
  }

  /* Walking the whole list keeps only a few pages, and each item is right. */
  for (guint i = 0; i < n_pages * CC_PRODUCT_MODEL_PAGE_SIZE; i++)
    {
      g_autoptr(CcProductItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (i % 37 == 0)
        assert_item_is_piece (fixture, item, i);
      else
        g_assert_nonnull (item);
      g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), <, n_pages / 2);
    }
  g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), >=, 1);

  /* An evicted page loads again, with the right items. */
  {
    g_autoptr(CcProductItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    assert_item_is_piece (fixture, first, 0);
  }

  /* A new query forgets them. */
  set_text (model, "indigo", CC_SORT_RELEVANCE);
  g_assert_cmpuint (cc_product_model_get_n_loaded_pages (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_pages * CC_PRODUCT_MODEL_PAGE_SIZE / 5);
}

static void
test_refused_query (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  const GError *error;
  Signals signals;

  watch (model, &signals);
  query.min_price = 20000;
  query.max_price = 100;
  cc_product_model_set_query (model, &query);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  error = cc_product_model_get_error (model);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, CC_ERROR, CC_ERROR_INVALID_INPUT));
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.removed, ==, N_PRODUCTS);
  g_assert_cmpuint (signals.added, ==, 0);
  g_assert_cmpuint (signals.n_notify, ==, 1);

  /* A good query clears the reason. */
  query.max_price = -1;
  cc_product_model_set_query (model, &query);
  g_assert_null (cc_product_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PRODUCTS - 80);
}

static void
test_reload_sees_changes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CcProductModel) model = cc_product_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Signals signals;

  set_text (model, "indigo", CC_SORT_NAME);
  watch (model, &signals);

  add_pieces (fixture, N_PRODUCTS, 5);   /* one more indigo piece */
  g_assert_cmpuint (signals.n_changed, ==, 0);
  cc_product_model_reload (model);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.removed, ==, N_INDIGO);
  g_assert_cmpuint (signals.added, ==, N_INDIGO + 1);
  g_assert_cmpuint (signals.n_notify, ==, 1);
  {
    g_autoptr(CcProductItem) last = g_list_model_get_item (G_LIST_MODEL (model), N_INDIGO);

    assert_item_is_piece (fixture, last, N_PRODUCTS);
  }

  /* A deleted piece is gone. */
  g_assert_true (cc_catalogue_delete_product (fixture->store, g_ptr_array_index (fixture->ids, 0), &error));
  g_assert_no_error (error);
  memset (&signals, 0, sizeof signals);
  cc_product_model_reload (model);
  g_assert_cmpuint (signals.n_changed, ==, 1);
  g_assert_cmpuint (signals.added, ==, N_INDIGO);
  {
    g_autoptr(CcProductItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    assert_item_is_piece (fixture, first, 5);
  }
}

static void
test_finalize (Fixture       *fixture,
               gconstpointer  data)
{
  CcProductModel *model = cc_product_model_new (fixture->store);
  CcProductItem *item = g_list_model_get_item (G_LIST_MODEL (model), 10);

  g_assert_nonnull (item);
  g_object_add_weak_pointer (G_OBJECT (item), (gpointer *)&item);
  g_assert_cmpuint (G_OBJECT (fixture->store)->ref_count, ==, 2);

  /* The model drops its pages and its store reference (the teardown
   * checks the store is finalized); an item a caller still holds lives on. */
  g_assert_finalize_object (model);
  g_assert_cmpuint (G_OBJECT (fixture->store)->ref_count, ==, 1);
  g_assert_nonnull (item);
  assert_item_is_piece (fixture, item, 10);
  g_object_unref (item);
  g_assert_null (item);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ui/product-model/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("count-matches-search", test_count_matches_search);
  ADD ("items-by-page", test_items_by_page);
  ADD ("item-properties", test_item_properties);
  ADD ("query-signals", test_query_signals);
  ADD ("query-is-copied", test_query_is_copied);
  ADD ("beyond-end", test_beyond_end);
  ADD ("pages", test_pages);
  ADD ("refused-query", test_refused_query);
  ADD ("reload-sees-changes", test_reload_sees_changes);
  ADD ("finalize", test_finalize);

#undef ADD

  return g_test_run ();
}
