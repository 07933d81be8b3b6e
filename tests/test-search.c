/* test-search.c — catalogue search: prefixes in every script, filters, sorts, paging.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cc-catalogue.h"
#include "cc-photos.h"
#include "cc-search.h"
#include "cc-test-util.h"

/* Making data */

typedef struct
{
  const char      *title;        /* in "en" */
  const char      *title_hi;     /* NULL: none */
  const char      *description;  /* in "en", may be NULL */
  const char      *sku;
  gint64           price;
  CcProductStatus  status;
  const char      *category_id;
  const char      *tags;         /* comma separated, may be NULL */
  const char      *materials;    /* comma separated, may be NULL */
} Piece;

static void
add_list (GPtrArray  *array,
          const char *list)
{
  g_auto(GStrv) items = NULL;

  if (list == NULL)
    return;
  items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (items[i]));
}

static char *
make_piece (CcStore     *store,
            const Piece *piece)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  cc_product_set_title (product, "en", piece->title);
  if (piece->title_hi != NULL)
    cc_product_set_title (product, "hi", piece->title_hi);
  if (piece->description != NULL)
    cc_product_set_description (product, "en", piece->description);
  g_free (product->sku);
  product->sku = g_strdup (piece->sku ? piece->sku : "");
  product->price = piece->price > 0 ? piece->price : 1000;
  product->status = piece->status;
  product->category_id = g_strdup (piece->category_id);
  add_list (product->tags, piece->tags);
  add_list (product->materials, piece->materials);

  id = cc_catalogue_create_product (store, product, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
make_titled (CcStore    *store,
             const char *title)
{
  Piece piece = { .title = title };

  return make_piece (store, &piece);
}

static char *
make_category (CcStore    *store,
               const char *name,
               const char *parent_id)
{
  g_autoptr(GError) error = NULL;
  char *id = cc_catalogue_add_category (store, name, parent_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Searching */

static GPtrArray *
run_query (CcStore             *store,
           const CcSearchQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = cc_search_run (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gint64
count_query (CcStore             *store,
             const CcSearchQuery *query)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cc_search_count (store, query, &error);

  g_assert_no_error (error);
  return n;
}

/* The hits' titles joined by "|", in order; checks that the count agrees
 * when the page holds everything. */
static char *
titles_of (CcStore             *store,
           const CcSearchQuery *query)
{
  g_autoptr(GPtrArray) hits = run_query (store, query);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      const CcSearchHit *hit = g_ptr_array_index (hits, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, hit->title);
    }
  if (query->offset == 0 && hits->len < (query->limit ? query->limit : 50))
    g_assert_cmpint (count_query (store, query), ==, hits->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Titles matching @text, in name order. */
static char *
find (CcStore    *store,
      const char *text)
{
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  query.text = text;
  query.sort = CC_SORT_NAME;
  return titles_of (store, &query);
}

#define assert_found(store, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = find (store, text); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

#define assert_titles(store, query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = titles_of (store, query); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

static gboolean
finds (CcStore    *store,
       const char *text,
       const char *title)
{
  g_autofree char *found = find (store, text);
  g_auto(GStrv) titles = g_strsplit (found, "|", -1);

  return *found != '\0' && g_strv_contains ((const char * const *)titles, title);
}

static void
set_languages (CcStore    *store,
               const char *languages)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cc_store_set_setting (store, "languages", languages, &error));
  g_assert_no_error (error);
}

/* Prefixes */

static void
test_prefix_every_length (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *scarf = make_titled (store, "Handwoven Indigo Scarf");
  g_autofree char *pot = make_titled (store, "Clay Pot");
  const char *word = "handwoven";

  for (gsize n = 1; n <= strlen (word); n++)
    {
      g_autofree char *prefix = g_strndup (word, n);
      g_autofree char *found = find (store, prefix);

      g_assert_cmpstr (found, ==, "Handwoven Indigo Scarf");
    }
  /* The middle of a word is not a prefix; a longer word does not match. */
  g_assert_false (finds (store, "woven", "Handwoven Indigo Scarf"));
  g_assert_false (finds (store, "handwovens", "Handwoven Indigo Scarf"));
  g_assert_false (finds (store, "hx", "Handwoven Indigo Scarf"));
  g_assert_true (finds (store, "c", "Clay Pot"));
  g_assert_true (finds (store, "PO", "Clay Pot"));
}

static void
test_latin_diacritics (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *a = make_titled (store, "Café Table");
  g_autofree char *b = make_titled (store, "Crème Jug");

  for (guint i = 0; i < 4; i++)
    {
      const char *queries[] = { "cafe", "CAFÉ", "caf", "ca" };

      g_assert_true (finds (store, queries[i], "Café Table"));
    }
  g_assert_true (finds (store, "creme", "Crème Jug"));
  g_assert_true (finds (store, "crè", "Crème Jug"));
  g_assert_true (finds (store, "cr", "Crème Jug"));
  g_assert_false (finds (store, "caf", "Crème Jug"));
}

static void
test_devanagari (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *diya = make_titled (store, "नमस्ते दीया");
  g_autofree char *other = make_titled (store, "नीला कटोरा");

  /* Every code point prefix, through the virama and the vowel sign. */
  for (guint i = 0; i < 6; i++)
    {
      const char *prefixes[] = { "न", "नम", "नमस", "नमस्", "नमस्त", "नमस्ते" };
      g_autofree char *found = find (store, prefixes[i]);

      if (i == 0)
        g_assert_cmpstr (found, ==, "नमस्ते दीया|नीला कटोरा");
      else
        g_assert_cmpstr (found, ==, "नमस्ते दीया");
    }
  g_assert_true (finds (store, "दी", "नमस्ते दीया"));
  g_assert_true (finds (store, "दीया", "नमस्ते दीया"));
  /* The vowel sign is part of the letter: "दु" is not "दी". */
  g_assert_false (finds (store, "दु", "नमस्ते दीया"));
  g_assert_true (finds (store, "नी", "नीला कटोरा"));
  g_assert_false (finds (store, "नी", "नमस्ते दीया"));
}

static void
test_bengali (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *kantha = make_titled (store, "কাঁথা শাড়ি");
  g_autofree char *other = make_titled (store, "কাঠের পুতুল");

  g_assert_true (finds (store, "ক", "কাঁথা শাড়ি"));
  g_assert_true (finds (store, "ক", "কাঠের পুতুল"));
  g_assert_true (finds (store, "কা", "কাঁথা শাড়ি"));
  g_assert_true (finds (store, "কাঁ", "কাঁথা শাড়ি"));
  g_assert_false (finds (store, "কাঁ", "কাঠের পুতুল"));
  g_assert_true (finds (store, "কাঁথা", "কাঁথা শাড়ি"));
  g_assert_true (finds (store, "শা", "কাঁথা শাড়ি"));
  g_assert_true (finds (store, "শাড়ি", "কাঁথা শাড়ি"));
  g_assert_true (finds (store, "পু", "কাঠের পুতুল"));
}

static void
test_tamil (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *silk = make_titled (store, "கைத்தறி பட்டு சேலை");
  g_autofree char *other = make_titled (store, "கண்ணாடி விளக்கு");

  g_assert_true (finds (store, "க", "கைத்தறி பட்டு சேலை"));
  g_assert_true (finds (store, "க", "கண்ணாடி விளக்கு"));
  g_assert_true (finds (store, "கை", "கைத்தறி பட்டு சேலை"));
  g_assert_false (finds (store, "கை", "கண்ணாடி விளக்கு"));
  g_assert_true (finds (store, "கைத்", "கைத்தறி பட்டு சேலை"));
  g_assert_true (finds (store, "பட்டு", "கைத்தறி பட்டு சேலை"));
  g_assert_true (finds (store, "சே", "கைத்தறி பட்டு சேலை"));
  g_assert_true (finds (store, "விள", "கண்ணாடி விளக்கு"));
}

static void
test_nfc_nfd (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  /* "Café" composed; "क़लम" with the precomposed QA (U+0958), which NFC
   * decomposes into KA and NUKTA: it is stored that way. */
  const char *qalam = "\xe0\xa5\x98\xe0\xa4\xb2\xe0\xa4\xae Stand";
  g_autofree char *qalam_nfc = g_utf8_normalize (qalam, -1, G_NORMALIZE_NFC);
  g_autofree char *a = make_titled (store, "Caf\xc3\xa9 Mug");
  g_autofree char *b = make_titled (store, qalam);

  g_assert_cmpstr (qalam_nfc, !=, qalam);
  assert_found (store, "Caf\xc3\xa9", "Caf\xc3\xa9 Mug");      /* NFC */
  assert_found (store, "Cafe\xcc\x81", "Caf\xc3\xa9 Mug");     /* NFD */
  assert_found (store, "CAFE\xcc\x81", "Caf\xc3\xa9 Mug");
  /* QA precomposed, and as KA + NUKTA; two and three code points. */
  assert_found (store, "\xe0\xa5\x98", qalam_nfc);
  assert_found (store, "\xe0\xa5\x98\xe0\xa4\xb2", qalam_nfc);
  assert_found (store, "\xe0\xa4\x95\xe0\xa4\xbc", qalam_nfc);
  assert_found (store, "\xe0\xa4\x95\xe0\xa4\xbc\xe0\xa4\xb2", qalam_nfc);
  /* KA alone is a prefix of the decomposed QA. */
  assert_found (store, "\xe0\xa4\x95", qalam_nfc);
}

/* Words, tags, SKUs, descriptions */

static void
test_multi_word_and (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece pieces[] = {
    { .title = "Indigo Cotton Scarf" },
    { .title = "Indigo Silk Stole" },
    { .title = "Saffron Cotton Scarf" },
  };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_ptr_array_add (ids, make_piece (store, &pieces[i]));

  assert_found (store, "indigo scarf", "Indigo Cotton Scarf");
  assert_found (store, "scarf indigo", "Indigo Cotton Scarf");
  assert_found (store, "in sc", "Indigo Cotton Scarf");
  assert_found (store, "indigo s", "Indigo Cotton Scarf|Indigo Silk Stole");
  assert_found (store, "cot sca", "Indigo Cotton Scarf|Saffron Cotton Scarf");
  assert_found (store, "indigo saffron", "");
  assert_found (store, "in sa", "");
  /* One word of the product may serve two words of the query. */
  assert_found (store, "si silk", "Indigo Silk Stole");
  /* Punctuation alone is no text: everything. */
  assert_found (store, " - !", "Indigo Cotton Scarf|Indigo Silk Stole|Saffron Cotton Scarf");
}

static void
test_tags_and_materials (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece gift = { .title = "Brass Bell", .tags = "Diwali Gift,home-decor", .materials = "brass" };
  Piece plain = { .title = "Clay Lamp", .materials = "terracotta" };
  g_autofree char *a = make_piece (store, &gift);
  g_autofree char *b = make_piece (store, &plain);

  assert_found (store, "diwali", "Brass Bell");
  assert_found (store, "di", "Brass Bell");
  assert_found (store, "decor", "Brass Bell");
  assert_found (store, "terra", "Clay Lamp");
  assert_found (store, "te", "Clay Lamp");
}

static void
test_sku (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece mug = { .title = "Blue Mug", .sku = "MUG-01" };
  Piece vase = { .title = "Tall Vase", .sku = "VAS-7" };
  g_autofree char *mug_id = make_piece (store, &mug);
  g_autofree char *vase_id = make_piece (store, &vase);
  g_autoptr(CcVariant) variant = cc_variant_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *variant_id = NULL;

  assert_found (store, "MUG-01", "Blue Mug");
  assert_found (store, "mug-0", "Blue Mug");
  assert_found (store, "vas-7", "Tall Vase");
  assert_found (store, "vas-01", "");

  /* A variant's SKU finds its product. */
  variant->product_id = g_strdup (vase_id);
  variant->sku = g_strdup ("TALLV-XL9");
  variant->price = 2000;
  cc_variant_add_option (variant, "Size", "Extra large");
  variant_id = cc_catalogue_add_variant (store, variant, &error);
  g_assert_no_error (error);
  assert_found (store, "tallv-xl9", "Tall Vase");
  assert_found (store, "xl", "Tall Vase");
}

static void
test_description (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece piece = { .title = "River Bowl", .description = "Thrown on a kick wheel in Khurja" };
  Piece other = { .title = "Wheel Clock" };
  g_autofree char *a = make_piece (store, &piece);
  g_autofree char *b = make_piece (store, &other);

  /* Three letters or more reach descriptions... */
  assert_found (store, "khurja", "River Bowl");
  assert_found (store, "khu", "River Bowl");
  assert_found (store, "whe", "River Bowl|Wheel Clock");
  /* ...one or two letters only titles, tags, materials and SKUs. */
  assert_found (store, "kh", "");
  assert_found (store, "wh", "Wheel Clock");
}

/* Filters */

static void
test_filter_category (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *home = make_category (store, "Home", NULL);
  g_autofree char *kitchen = make_category (store, "Kitchen", home);
  g_autofree char *cups = make_category (store, "Cups", kitchen);
  g_autofree char *wear = make_category (store, "Wear", NULL);
  Piece pieces[] = {
    { .title = "Cushion", .category_id = home },
    { .title = "Ladle", .category_id = kitchen },
    { .title = "Cup", .category_id = cups },
    { .title = "Cap", .category_id = wear },
    { .title = "Coaster" },
  };
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_free (make_piece (store, &pieces[i]));

  query.sort = CC_SORT_NAME;
  query.category_id = home;
  assert_titles (store, &query, "Cup|Cushion|Ladle");
  query.category_id = kitchen;
  assert_titles (store, &query, "Cup|Ladle");
  query.category_id = cups;
  assert_titles (store, &query, "Cup");
  query.category_id = wear;
  assert_titles (store, &query, "Cap");

  /* With text, short and long. */
  query.category_id = home;
  query.text = "c";
  assert_titles (store, &query, "Cup|Cushion");
  query.text = "cus";
  assert_titles (store, &query, "Cushion");
  query.category_id = wear;
  assert_titles (store, &query, "");

  /* Moving a category moves its products between the filters. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (cc_catalogue_move_category (store, cups, wear, 0, &error));
    g_assert_no_error (error);
  }
  query.text = NULL;
  query.category_id = wear;
  assert_titles (store, &query, "Cap|Cup");
  query.category_id = home;
  assert_titles (store, &query, "Cushion|Ladle");
  query.text = "cu";
  assert_titles (store, &query, "Cushion");

  /* A category that is not there holds nothing. */
  query.text = NULL;
  query.category_id = "0190a000-0000-7000-8000-00000000dead";
  assert_titles (store, &query, "");
}

static void
test_filter_status (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece pieces[] = {
    { .title = "Draft Dish", .status = CC_PRODUCT_DRAFT },
    { .title = "Active Dish", .status = CC_PRODUCT_ACTIVE },
    { .title = "Archived Dish", .status = CC_PRODUCT_ARCHIVED },
  };
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autofree char *draft_id = NULL;
  g_autoptr(GError) error = NULL;

  draft_id = make_piece (store, &pieces[0]);
  g_free (make_piece (store, &pieces[1]));
  g_free (make_piece (store, &pieces[2]));

  query.sort = CC_SORT_NAME;
  query.status = CC_PRODUCT_ACTIVE;
  assert_titles (store, &query, "Active Dish");
  query.status = CC_PRODUCT_ARCHIVED;
  query.text = "dish";
  assert_titles (store, &query, "Archived Dish");
  query.status = CC_PRODUCT_DRAFT;
  query.text = "di";
  assert_titles (store, &query, "Draft Dish");

  /* A status change moves the product between the filters. */
  g_assert_true (cc_catalogue_set_status (store, draft_id, CC_PRODUCT_ACTIVE, &error));
  g_assert_no_error (error);
  assert_titles (store, &query, "");
  query.status = CC_PRODUCT_ACTIVE;
  assert_titles (store, &query, "Active Dish|Draft Dish");
  query.status = -1;
  assert_titles (store, &query, "Active Dish|Archived Dish|Draft Dish");
}

static void
test_filter_price (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece pieces[] = {
    { .title = "Bead A", .price = 500 },
    { .title = "Bead B", .price = 1500 },
    { .title = "Bead C", .price = 2500 },
  };
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_free (make_piece (store, &pieces[i]));

  query.sort = CC_SORT_NAME;
  query.min_price = 1500;
  assert_titles (store, &query, "Bead B|Bead C");
  query.max_price = 1500;
  assert_titles (store, &query, "Bead B");
  query.min_price = -1;
  assert_titles (store, &query, "Bead A|Bead B");
  query.text = "be";
  query.max_price = 600;
  assert_titles (store, &query, "Bead A");
  query.text = "bead";
  query.min_price = 501;
  query.max_price = 2499;
  assert_titles (store, &query, "Bead B");
}

static void
test_filter_tag (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece gift = { .title = "Gift Box", .tags = "Gift,festive" };
  Piece bowl = { .title = "Gilded Bowl", .tags = "kitchen" };
  Piece sari = { .title = "Silk Sari", .tags = "Gift" };
  g_autofree char *gift_id = make_piece (store, &gift);
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  g_free (make_piece (store, &bowl));
  g_free (make_piece (store, &sari));

  query.sort = CC_SORT_NAME;
  query.tag = "gift";
  assert_titles (store, &query, "Gift Box|Silk Sari");
  query.tag = "GIFT";
  assert_titles (store, &query, "Gift Box|Silk Sari");
  query.text = "gi";
  assert_titles (store, &query, "Gift Box|Silk Sari");
  query.tag = "kitchen";
  assert_titles (store, &query, "Gilded Bowl");
  query.tag = "nothing";
  assert_titles (store, &query, "");

  /* A removed tag no longer counts, for the filter nor the text. */
  product = cc_catalogue_get_product (store, gift_id, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (product->tags, 0);
  g_assert_true (cc_catalogue_update_product (store, product, &error));
  g_assert_no_error (error);
  query.text = NULL;
  query.tag = "gift";
  assert_titles (store, &query, "Silk Sari");
  assert_found (store, "festive", "");
}

/* Sorts and pages */

static void
test_sort_orders (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece pieces[] = {
    { .title = "banana pot", .price = 300 },
    { .title = "Apple pot", .price = 200 },
    { .title = "cherry pot", .price = 100 },
    { .title = "Date pot", .price = 200 },
  };
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_free (make_piece (store, &pieces[i]));

  for (guint t = 0; t < 3; t++)
    {
      const char *texts[] = { NULL, "po", "pot" };

      query.text = texts[t];
      query.sort = CC_SORT_NAME;
      assert_titles (store, &query, "Apple pot|banana pot|cherry pot|Date pot");
      query.sort = CC_SORT_PRICE_LOW;
      assert_titles (store, &query, "cherry pot|Apple pot|Date pot|banana pot");
      query.sort = CC_SORT_PRICE_HIGH;
      assert_titles (store, &query, "banana pot|Apple pot|Date pot|cherry pot");
      query.sort = CC_SORT_NEWEST;
      assert_titles (store, &query, "Date pot|cherry pot|Apple pot|banana pot");
    }

  /* Relevance without text, or with a short word, is name order. */
  query.text = NULL;
  query.sort = CC_SORT_RELEVANCE;
  assert_titles (store, &query, "Apple pot|banana pot|cherry pot|Date pot");
  query.text = "p";
  assert_titles (store, &query, "Apple pot|banana pot|cherry pot|Date pot");
}

static void
test_sort_relevance (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  /* Made in this order so that neither name nor age gives the ranking. */
  Piece pieces[] = {
    { .title = "Alpha Tray", .description = "Goes well with a copper jug" },
    { .title = "Zeta Copper Jug" },
    { .title = "Beta Bowl", .tags = "copper" },
  };
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    g_free (make_piece (store, &pieces[i]));

  query.text = "copper";
  query.sort = CC_SORT_RELEVANCE;
  /* Title first, then tag, then description. */
  assert_titles (store, &query, "Zeta Copper Jug|Beta Bowl|Alpha Tray");
  query.text = "cop";
  assert_titles (store, &query, "Zeta Copper Jug|Beta Bowl|Alpha Tray");
  query.sort = CC_SORT_NAME;
  assert_titles (store, &query, "Alpha Tray|Beta Bowl|Zeta Copper Jug");
}

static void
test_paging_and_count (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  g_autoptr(GString) pages = g_string_new (NULL);

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("Tile %u", 7 - i);

      g_free (make_titled (store, title));
    }
  g_free (make_titled (store, "Mat"));

  query.text = "ti";
  query.sort = CC_SORT_NAME;
  query.limit = 3;
  for (query.offset = 0; query.offset < 9; query.offset += 3)
    {
      g_autofree char *page = titles_of (store, &query);

      g_string_append_printf (pages, "[%s]", page);
    }
  g_assert_cmpstr (pages->str, ==, "[Tile 1|Tile 2|Tile 3][Tile 4|Tile 5|Tile 6][Tile 7]");
  g_assert_cmpint (count_query (store, &query), ==, 7);

  query.text = "tile";
  query.offset = 6;
  assert_titles (store, &query, "Tile 7");
  query.offset = 100;
  assert_titles (store, &query, "");
  g_assert_cmpint (count_query (store, &query), ==, 7);

  query.text = NULL;
  g_assert_cmpint (count_query (store, &query), ==, 8);
  query.offset = 0;
  query.limit = 0;  /* the default, 50 */
  assert_titles (store, &query, "Mat|Tile 1|Tile 2|Tile 3|Tile 4|Tile 5|Tile 6|Tile 7");
}

/* Changes */

static void
test_deleted (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  Piece piece = { .title = "Gone Goblet", .tags = "glass", .sku = "GOB-1" };
  g_autofree char *id = make_piece (store, &piece);
  g_autofree char *kept = make_titled (store, "Good Glass");
  g_autofree char *where = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  assert_found (store, "go", "Gone Goblet|Good Glass");
  g_assert_true (cc_catalogue_delete_product (store, id, &error));
  g_assert_no_error (error);

  assert_found (store, "go", "Good Glass");
  assert_found (store, "goblet", "");
  assert_found (store, "gl", "Good Glass");
  assert_found (store, "gob-1", "");
  query.sort = CC_SORT_NEWEST;
  assert_titles (store, &query, "Good Glass");

  /* And it has no entries left. */
  where = g_strdup_printf ("product_rowid = (SELECT rowid FROM products WHERE id = '%s')", id);
  g_assert_cmpint (cc_test_count_rows (store, "product_prefixes", where), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "products_fts", NULL), ==, 1);
}

static void
test_renamed (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = make_titled (store, "Old Lantern");
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  assert_found (store, "lantern", "Old Lantern");
  product = cc_catalogue_get_product (store, id, &error);
  g_assert_no_error (error);
  cc_product_set_title (product, "en", "Brass Diya");
  g_assert_true (cc_catalogue_update_product (store, product, &error));
  g_assert_no_error (error);

  assert_found (store, "lantern", "");
  assert_found (store, "la", "");
  assert_found (store, "ol", "");
  assert_found (store, "diya", "Brass Diya");
  assert_found (store, "br", "Brass Diya");
}

static void
test_titles_in_every_language (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece piece = { .title = "Blue Bowl", .title_hi = "नीला कटोरा" };
  g_autofree char *id = NULL;

  set_languages (store, "en,hi");
  id = make_piece (store, &piece);

  /* Found by either title, shown with the main language's. */
  assert_found (store, "कटो", "Blue Bowl");
  assert_found (store, "नी", "Blue Bowl");
  assert_found (store, "bo", "Blue Bowl");
}

static void
test_cover (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = make_titled (store, "Painted Plate");
  g_autofree char *bare = make_titled (store, "Plain Plate");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  const char *sha_a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  const char *sha_b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  first = cc_photos_attach (store, id, sha_a, 10, 10, &error);
  g_assert_no_error (error);
  second = cc_photos_attach (store, id, sha_b, 10, 10, &error);
  g_assert_no_error (error);

  query.text = "pla";
  query.sort = CC_SORT_NAME;
  hits = run_query (store, &query);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((CcSearchHit *)hits->pdata[0])->title, ==, "Painted Plate");
  g_assert_cmpstr (((CcSearchHit *)hits->pdata[0])->cover_sha256, ==, sha_a);
  g_assert_cmpstr (((CcSearchHit *)hits->pdata[0])->id, ==, id);
  g_assert_null (((CcSearchHit *)hits->pdata[1])->cover_sha256);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The cover follows the order, and a removed photo is no cover. */
  g_assert_true (cc_photos_set_cover (store, second, &error));
  g_assert_no_error (error);
  hits = run_query (store, &query);
  g_assert_cmpstr (((CcSearchHit *)hits->pdata[0])->cover_sha256, ==, sha_b);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (cc_photos_remove (store, second, &error));
  g_assert_no_error (error);
  hits = run_query (store, &query);
  g_assert_cmpstr (((CcSearchHit *)hits->pdata[0])->cover_sha256, ==, sha_a);
}

static void
test_hit_fields (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  Piece piece = { .title = "Jute Rug", .sku = "RUG-9", .price = 123456, .status = CC_PRODUCT_ACTIVE };
  g_autofree char *id = make_piece (store, &piece);
  g_autoptr(GPtrArray) hits = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  const CcSearchHit *hit;

  query.text = "jute";
  hits = run_query (store, &query);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->id, ==, id);
  g_assert_cmpstr (hit->title, ==, "Jute Rug");
  g_assert_cmpstr (hit->sku, ==, "RUG-9");
  g_assert_cmpint (hit->price, ==, 123456);
  g_assert_cmpint (hit->status, ==, CC_PRODUCT_ACTIVE);
  g_assert_nonnull (hit->currency);
  g_assert_cmpuint (strlen (hit->currency), ==, 3);
  g_assert_null (hit->cover_sha256);
}

/* Bad queries */

static void
test_bad_queries (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autofree char *id = make_titled (store, "Teapot");
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  GError *error = NULL;

  query.min_price = 500;
  query.max_price = 100;
  g_assert_null (cc_search_run (store, &query, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (cc_search_count (store, &query, &error), ==, -1);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  query.min_price = -5;
  query.max_price = -1;
  g_assert_null (cc_search_run (store, &query, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  query.min_price = -1;
  query.status = 7;
  g_assert_null (cc_search_run (store, &query, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  query.status = -1;
  query.text = "tea\xff";
  g_assert_null (cc_search_run (store, &query, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  query.text = NULL;
  query.sort = (CcSort)42;
  g_assert_null (cc_search_run (store, &query, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Quotes and FTS syntax in the text are only text. */
  assert_found (store, "\"tea", "Teapot");
  assert_found (store, "tea* OR NEAR(x)", "");
  assert_found (store, "{title}: tea", "");

  /* Nothing was changed by any of it. */
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 1);
  g_assert_cmpint (cc_test_count_rows (store, "products_fts", NULL), ==, 1);
}

/* Everything in the index, as one string. */
static char *
dump_index (CcStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *dump;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store),
                                       "SELECT (SELECT group_concat (r, '|') FROM"
                                       "  (SELECT rowid || ':' || title || ':' || description || ':' || tags || ':'"
                                       "   || materials || ':' || sku || ':' || facets AS r"
                                       "   FROM products_fts ORDER BY rowid)) || '#' ||"
                                       " (SELECT group_concat (r, '|') FROM"
                                       "  (SELECT prefix || ':' || hex (title_key) || ':' || product_rowid AS r"
                                       "   FROM product_prefixes ORDER BY 1))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  dump = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (dump);
  return dump;
}

static void
test_reindex_matches_incremental (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *category = make_category (store, "Pottery", NULL);
  Piece pieces[] = {
    { .title = "Glazed Mug", .sku = "MUG-2", .tags = "Kitchen,Gift", .materials = "stoneware",
      .description = "Thrown on the wheel", .category_id = category, .status = CC_PRODUCT_ACTIVE },
    { .title = "Blue Bowl", .title_hi = "नीला कटोरा", .materials = "clay" },
    { .title = "Old Plate" },
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last = NULL;

  set_languages (store, "en,hi");
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_free (last);
      last = make_piece (store, &pieces[i]);
    }
  g_assert_true (cc_catalogue_delete_product (store, last, &error));
  g_assert_no_error (error);

  /* Rebuilding everything gives what the writes kept up to date. */
  before = dump_index (store);
  g_assert_nonnull (strstr (before, "mug"));
  g_assert_null (strstr (before, "plate"));
  g_assert_true (cc_search_reindex_all (store, &error));
  g_assert_no_error (error);
  after = dump_index (store);
  g_assert_cmpstr (after, ==, before);

  /* A product that is not there has nothing to index. */
  g_assert_true (cc_search_index_product (store, "0190a000-0000-7000-8000-00000000beef", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_index (store);
  g_assert_cmpstr (after, ==, before);
}

/* Broad queries: more matches than are ranked or sorted whole, so the
 * pages come from walking an index. Each page must still be the right
 * slice of the full order. */

#define BROAD_N 3600

static const char *broad_words[] = { "amber", "basket", "copper", "dhurrie", "enamel" };

static char *
broad_title (guint i)
{
  /* Every product has "sh…" and "hand…"; a fifth has each word; ties of
   * the title key (16 bytes) on purpose. */
  return g_strdup_printf ("%s Shawl Handloom %s %04u", (i % 3) ? "the" : "The",
                          broad_words[(i * 7) % 5], (i * 7919) % BROAD_N);
}

static void
fill_broad_shop (CcStore *store)
{
  sqlite3 *db = cc_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;

  /* Written straight into the tables, then indexed in one go: the
   * catalogue would take a transaction each. */
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO products (id, sku, status, price, title) VALUES (?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < BROAD_N; i++)
    {
      g_autofree char *id = g_strdup_printf ("0190a000-0000-7000-8000-%012u", (i * 4001) % BROAD_N);
      g_autofree char *sku = g_strdup_printf ("SH-%u", i);
      g_autofree char *title = broad_title (i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, i % 20 ? "active" : "draft", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, 100 + (i * 37) % 500);
      sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO product_texts (product_id, lang, title, description) "
                                 "SELECT id, 'en', title, 'Woven by hand' FROM products;"
                                 "UPDATE products SET deleted = 1 WHERE id LIKE '%7';"
                                 "COMMIT",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (cc_search_reindex_all (store, &error));
  g_assert_no_error (error);
}

/* Every id matching in the order asked, by a plain query over products;
 * @like a LIKE pattern on the title. */
static GPtrArray *
expected_ids (CcStore    *store,
              const char *like,
              const char *extra_where,
              const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM products WHERE deleted = 0 AND title LIKE '%s'%s ORDER BY %s",
                                          like, extra_where, order);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

static void
check_pages (CcStore             *store,
             CcSearchQuery       *query,
             GPtrArray           *expected)
{
  guint offsets[] = { 0, 50, 1000, expected->len > 20 ? expected->len - 20 : 0 };

  g_assert_cmpint (count_query (store, query), ==, expected->len);
  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
    {
      g_autoptr(GPtrArray) hits = NULL;

      if (offsets[o] >= expected->len)
        continue;
      query->offset = offsets[o];
      query->limit = 50;
      hits = run_query (store, query);
      g_assert_cmpuint (hits->len, ==, MIN (50, expected->len - offsets[o]));
      for (guint i = 0; i < hits->len; i++)
        g_assert_cmpstr (((CcSearchHit *)hits->pdata[i])->id, ==, expected->pdata[offsets[o] + i]);
    }
  query->offset = 0;
}

static void
test_broad_queries (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  const char *name = "title COLLATE NOCASE, id";
  struct {
    const char *text;
    const char *like;
  } cases[] = {
    { "sh", "%" },                  /* one short word */
    { "s", "%" },
    { "h sh", "%" },                /* two short words */
    { "shawl h", "%" },             /* long and short */
    { "handloom", "%" },            /* long only */
    { NULL, "%" },                  /* no text */
  };

  fill_broad_shop (store);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) by_name = expected_ids (store, cases[c].like, "", name);
      g_autoptr(GPtrArray) by_price = expected_ids (store, cases[c].like, "", "price, title COLLATE NOCASE, id");
      g_autoptr(GPtrArray) by_price_desc = expected_ids (store, cases[c].like, "", "price DESC, title COLLATE NOCASE, id");
      g_autoptr(GPtrArray) newest = expected_ids (store, cases[c].like, "", "id DESC");
      g_autoptr(GPtrArray) active = expected_ids (store, cases[c].like, " AND status = 'active'", name);
      g_autoptr(GPtrArray) pricier = expected_ids (store, cases[c].like, " AND price >= 110", name);
      g_autoptr(GPtrArray) pricier_newest = expected_ids (store, cases[c].like, " AND price >= 110", "id DESC");

      g_test_message ("broad query “%s”", cases[c].text ? cases[c].text : "");
      g_assert_cmpuint (by_name->len, >, 3000);
      query.text = cases[c].text;
      query.status = -1;
      query.sort = CC_SORT_NAME;
      check_pages (store, &query, by_name);
      query.sort = CC_SORT_PRICE_LOW;
      check_pages (store, &query, by_price);
      query.sort = CC_SORT_PRICE_HIGH;
      check_pages (store, &query, by_price_desc);
      query.sort = CC_SORT_NEWEST;
      check_pages (store, &query, newest);
      query.sort = CC_SORT_NAME;
      query.status = CC_PRODUCT_ACTIVE;
      check_pages (store, &query, active);
      query.status = -1;
      query.min_price = 110;
      check_pages (store, &query, pricier);
      query.sort = CC_SORT_NEWEST;
      check_pages (store, &query, pricier_newest);
      query.min_price = -1;
    }

  /* Broad relevance with long words: the most recently added first. */
  {
    g_autoptr(GPtrArray) recent = NULL;
    sqlite3 *db = cc_store_get_db (store);
    sqlite3_stmt *stmt = NULL;

    recent = g_ptr_array_new_with_free_func (g_free);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM products WHERE deleted = 0 ORDER BY rowid DESC",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (recent, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);

    query.text = "handloom shawl";
    query.status = -1;
    query.sort = CC_SORT_RELEVANCE;
    check_pages (store, &query, recent);
  }

  /* Narrower queries in the same shop are ranked or sorted whole. */
  {
    g_autoptr(GPtrArray) amber = expected_ids (store, "%amber%", "", name);

    g_assert_cmpuint (amber->len, <, 3000);
    query.text = "amb sh";
    query.sort = CC_SORT_NAME;
    check_pages (store, &query, amber);
    query.text = "amber";
    query.sort = CC_SORT_RELEVANCE;
    g_assert_cmpint (count_query (store, &query), ==, amber->len);
  }
}

/* Matches all at the far end of the sort: the walk gives up and the
 * matches are sorted whole instead. */
static void
test_broad_clustered (void)
{
  g_autoptr(CcStore) store = cc_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  sqlite3 *db = cc_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO products (id, price, title) VALUES (?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 7600; i++)
    {
      g_autofree char *id = g_strdup_printf ("0190a000-0000-7000-8000-%012u", i);
      gboolean zircon = i % 2 == 0 && i < 6400;
      g_autofree char *title = g_strdup_printf ("%s Tile %u", zircon ? "Zircon" : "Plain", i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, zircon ? 100000 + (i * 37) % 1000 : 100 + i);
      sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO product_texts (product_id, lang, title) SELECT id, 'en', title FROM products;"
                                 "COMMIT",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (cc_search_reindex_all (store, &error));
  g_assert_no_error (error);

  expected = expected_ids (store, "Zircon%", "", "price, title COLLATE NOCASE, id");
  g_assert_cmpuint (expected->len, ==, 3200);
  query.text = "zircon";
  query.sort = CC_SORT_PRICE_LOW;
  check_pages (store, &query, expected);
  query.text = "zi ti";
  check_pages (store, &query, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/search/prefix-every-length", test_prefix_every_length);
  g_test_add_func ("/core/search/latin-diacritics-fold", test_latin_diacritics);
  g_test_add_func ("/core/search/devanagari-prefix", test_devanagari);
  g_test_add_func ("/core/search/bengali-prefix", test_bengali);
  g_test_add_func ("/core/search/tamil-prefix", test_tamil);
  g_test_add_func ("/core/search/nfc-and-nfd-query", test_nfc_nfd);
  g_test_add_func ("/core/search/multi-word-and", test_multi_word_and);
  g_test_add_func ("/core/search/tags-and-materials", test_tags_and_materials);
  g_test_add_func ("/core/search/sku", test_sku);
  g_test_add_func ("/core/search/description-from-three-letters", test_description);
  g_test_add_func ("/core/search/filter-category-with-subcategories", test_filter_category);
  g_test_add_func ("/core/search/filter-status", test_filter_status);
  g_test_add_func ("/core/search/filter-price-range", test_filter_price);
  g_test_add_func ("/core/search/filter-tag", test_filter_tag);
  g_test_add_func ("/core/search/sort-orders", test_sort_orders);
  g_test_add_func ("/core/search/sort-relevance", test_sort_relevance);
  g_test_add_func ("/core/search/paging-and-count", test_paging_and_count);
  g_test_add_func ("/core/search/deleted-product", test_deleted);
  g_test_add_func ("/core/search/renamed-product", test_renamed);
  g_test_add_func ("/core/search/titles-in-every-language", test_titles_in_every_language);
  g_test_add_func ("/core/search/cover-photo", test_cover);
  g_test_add_func ("/core/search/hit-fields", test_hit_fields);
  g_test_add_func ("/core/search/bad-queries", test_bad_queries);
  g_test_add_func ("/core/search/reindex-matches-incremental", test_reindex_matches_incremental);
  g_test_add_func ("/core/search/broad-queries-page-like-narrow", test_broad_queries);
  g_test_add_func ("/core/search/broad-query-clustered-at-the-end", test_broad_clustered);

  return g_test_run ();
}
