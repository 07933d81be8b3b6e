/* bench-search.c — search-as-you-type over a 100,000-product shop, by prefix length.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (DESIGN.md): p95 under 10 ms for every prefix length, each query
 * being what the UI asks for a keystroke: the first page (50) and the count.
 *
 * The shop is made once at _bench/shop-100k.db (relative to the working
 * directory: the project root under `make bench`) and reused. It is
 * written straight into the tables in one transaction, then indexed with
 * cc_search_reindex_all(): this measures search, not writes, so it skips
 * registers and outbox, which search never reads.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-search.h"
#include "cc-store.h"
#include "cc-text.h"

#define SHOP_PATH     "_bench/shop-100k.db"
#define N_PRODUCTS    100000
#define SEED          20240601
#define SHOP_VERSION  "5"
#define ROUNDS        5
#define TARGET_MS     10.0

/* Vocabulary */

static const char *en_adjectives[] = {
  "handwoven", "hand-painted", "handmade", "hand-carved", "hand-block-printed",
  "rustic", "vintage", "antique", "embroidered", "block-printed", "indigo",
  "crimson", "saffron", "turquoise", "ivory", "emerald", "ochre", "charcoal",
  "golden", "silver-toned", "mirrored", "beaded", "tasselled", "quilted",
  "knitted", "crocheted", "carved", "etched", "glazed", "unglazed", "hammered",
  "engraved", "lacquered", "woven", "braided", "tie-dyed", "batik", "ikat",
  "kalamkari", "madhubani", "warli", "pattachitra", "chikankari", "phulkari",
  "bandhani", "zardozi", "appliqué", "patchwork", "minimalist", "floral",
  "geometric", "paisley", "striped", "checked", "tribal", "folk", "royal",
  "festive", "small", "large", "mini", "oversized", "tall", "round", "square",
  "oval", "petite", "classic", "modern", "reversible", "natural-dyed",
  "sun-dried", "wheel-thrown", "filigree", "meenakari", "dhokra", "bidri",
  "kutch", "sanganeri", "jaipuri", "banarasi", "kashmiri", "pashmina",
  "crème", "café", "naïve", "rosé", "soft", "sturdy", "lightweight",
};

static const char *en_nouns[] = {
  "scarf", "stole", "shawl", "dupatta", "saree", "kurta", "tunic", "cushion",
  "cushion-cover", "pillow", "throw", "blanket", "quilt", "rug", "runner",
  "tablecloth", "napkin", "coaster", "placemat", "tote", "bag", "pouch",
  "clutch", "wallet", "purse", "backpack", "basket", "tray", "bowl", "plate",
  "mug", "cup", "teapot", "kettle", "vase", "planter", "pot", "jar", "lamp",
  "lantern", "candle", "candle-holder", "diya", "bell", "chime", "mirror",
  "frame", "box", "trunk", "chest", "stool", "shelf", "hanger", "necklace",
  "earrings", "bangle", "bracelet", "anklet", "ring", "pendant", "brooch",
  "hairpin", "comb", "painting", "print", "sketch", "figurine", "idol",
  "sculpture", "mask", "puppet", "doll", "toy", "rattle", "journal",
  "notebook", "bookmark", "envelope", "card", "wall-hanging", "tapestry",
  "dreamcatcher", "spoon", "ladle", "platter", "jug", "bottle", "incense-holder",
  "jewellery-box", "bookend", "doorstop", "torans", "potli", "jhola",
};

static const char *en_materials[] = {
  "cotton", "silk", "linen", "wool", "jute", "khadi", "hemp", "bamboo",
  "cane", "rattan", "teak", "sheesham", "mango-wood", "walnut", "rosewood",
  "sandalwood", "clay", "terracotta", "ceramic", "porcelain", "stoneware",
  "brass", "copper", "bronze", "silver", "gold-plated", "iron", "tin",
  "glass", "leather", "paper", "handmade-paper", "beeswax", "soy-wax",
  "shell", "bone", "horn", "resin", "lac", "enamel", "stone", "marble",
  "soapstone", "papier-mâché", "recycled-sari", "organic-cotton",
};

static const char *en_places[] = {
  "Jaipur", "Kutch", "Varanasi", "Kolkata", "Chennai", "Madurai", "Mysore",
  "Lucknow", "Bagru", "Sanganer", "Channapatna", "Kondapalli", "Thanjavur",
  "Bishnupur", "Shantiniketan", "Kanchipuram", "Pochampally", "Khurja",
  "Moradabad", "Saharanpur", "Bastar", "Srinagar", "Bhuj", "Pipli",
};

static const char *en_tags[] = {
  "gift", "diwali", "wedding", "eid", "christmas", "home-decor", "kitchen",
  "festive", "eco-friendly", "sustainable", "fair-trade", "artisan",
  "heritage", "boho", "summer", "winter", "bestseller", "new", "limited",
  "one-of-a-kind", "handcrafted", "organic", "natural-dye", "vegan",
  "rakhi", "holi", "housewarming", "office", "nursery", "pooja",
};

static const char *hi_words[] = {
  "हस्तनिर्मित", "सूती", "रेशमी", "मिट्टी", "दीया", "थाली", "कटोरी", "चादर",
  "दुपट्टा", "साड़ी", "झोला", "कुशन", "लकड़ी", "पीतल", "तांबा", "चाँदी", "नीला",
  "लाल", "हरा", "पीला", "कढ़ाई", "छपाई", "बुना", "कालीन", "गलीचा", "मटका",
  "सुराही", "कुल्हड़", "घंटी", "माला", "कंगन", "झुमका", "पायल", "रंगोली",
  "मधुबनी", "वारली", "नमस्ते", "बंधेज", "पारंपरिक", "सुंदर", "उपहार", "त्योहार",
  "दिवाली", "शादी", "राजस्थानी", "बनारसी", "कश्मीरी", "खादी", "जूट", "बाँस",
  "मोमबत्ती", "दीपक", "तोरण", "चित्र", "मूर्ति", "गुड़िया", "खिलौना", "टोकरी",
  "दरी", "रजाई", "शॉल", "कुर्ता", "पर्स", "बटुआ", "आईना", "फूलदान", "लालटेन",
  "कलमकारी", "चिकनकारी", "फुलकारी", "ज़रदोज़ी", "मीनाकारी", "ढोकरा", "बिदरी",
  "संगमरमर", "चंदन", "शीशम", "टेराकोटा", "क़लम", "नक्काशी", "हथकरघा",
};

static const char *bn_words[] = {
  "কাঁথা", "শাড়ি", "জামদানি", "টেরাকোটা", "ডোকরা", "পটচিত্র", "মাদুর",
  "শীতলপাটি", "বাঁশ", "পাট", "সুতি", "রেশম", "লাল", "নীল", "সবুজ", "হলুদ",
  "মাটি", "কাঠ", "পিতল", "তামা", "ব্যাগ", "ঝুড়ি", "প্রদীপ", "পুতুল", "নকশি",
  "বালুচরী", "তাঁত", "হাতে-তৈরি", "উপহার", "পূজা", "শঙ্খ", "আলপনা", "মুখোশ",
  "ঘট", "গামছা", "চাদর", "কুশন", "আয়না", "বাটি", "থালা", "ঘণ্টা", "মালা",
  "চুড়ি", "দুল", "হার", "ছবি", "খেলনা", "ঝোলা", "বটুয়া", "শতরঞ্জি",
  "কাঁসা", "শোলা", "মসলিন", "তসর", "গরদ", "বিষ্ণুপুরী", "শান্তিনিকেতনী",
};

static const char *ta_words[] = {
  "கைத்தறி", "பட்டு", "பருத்தி", "சேலை", "தஞ்சாவூர்", "ஓவியம்", "வெண்கலம்",
  "சிலை", "மரம்", "பொம்மை", "கோலம்", "விளக்கு", "மண்", "பானை", "கூடை",
  "பனை", "ஓலை", "சிவப்பு", "நீலம்", "பச்சை", "மஞ்சள்", "காஞ்சிபுரம்",
  "மதுரை", "செட்டிநாடு", "கலம்காரி", "தோல்", "பாவை", "கண்ணாடி", "பித்தளை",
  "செம்பு", "பரிசு", "தீபாவளி", "பொங்கல்", "திருமணம்", "கையால்", "துண்டு",
  "போர்வை", "தலையணை", "கிண்ணம்", "தட்டு", "மணி", "மாலை", "வளையல்",
  "கம்மல்", "சங்கிலி", "படம்", "பை", "பெட்டி", "குத்துவிளக்கு", "கோரைப்பாய்",
  "சுடுமண்", "நெசவு", "வேட்டி", "அங்கவஸ்திரம்",
};

/* Search-as-you-type: every prefix of these, lengths 1–8 (code points). */
static const char *typed_words[] = {
  "handwoven", "terracotta", "embroidered", "kalamkari", "sandalwood",
  "necklace", "cushion-cover", "porcelain",
  "हस्तनिर्मित", "राजस्थानी", "पारंपरिक",
  "টেরাকোটা", "শীতলপাটি", "জামদানি",
  "காஞ்சிபுரம்", "தஞ்சாவூர்", "செட்டிநாடு",
};

/* Two words, the second being typed. */
static const char *typed_phrases[] = {
  "indigo c", "indigo co", "indigo cot", "brass d", "brass di", "silk s",
  "silk sc", "handwoven cotton s", "clay p", "warli pa", "jaipur q",
  "नीला क", "नीला कु", "কাঁথা শা", "பட்டு சே", "gift b", "zz t",
};

#define PICK(array) (array[g_rand_int_range (rng, 0, G_N_ELEMENTS (array))])

/* Making the shop */

static void
check_sqlite (sqlite3    *db,
              int         rc,
              const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      fprintf (stderr, "bench-search: %s: %s\n", what, sqlite3_errmsg (db));
      exit (1);
    }
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check_sqlite (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), sql);
  return stmt;
}

static void
step_reset (sqlite3      *db,
            sqlite3_stmt *stmt)
{
  check_sqlite (db, sqlite3_step (stmt), sqlite3_sql (stmt));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* A UUIDv7 for the i-th product: time increases with i. */
static char *
make_id (GRand  *rng,
         gint64  ms)
{
  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x",
                          (guint)(ms >> 16), (guint)(ms & 0xffff),
                          g_rand_int (rng) & 0xfff,
                          0x8000 | (g_rand_int (rng) & 0x3fff),
                          g_rand_int (rng) & 0xffff, g_rand_int (rng));
}

static char *
capitalized (const char *word)
{
  gunichar first = g_utf8_get_char (word);
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, g_utf8_next_char (word), NULL);
}

/* @n distinct words of @words joined by spaces, the Latin ones
 * capitalized. */
static char *
some_words (GRand       *rng,
            const char **words,
            guint        n_words,
            guint        n)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint start = g_rand_int_range (rng, 0, n_words);
  guint step = 1 + g_rand_int_range (rng, 0, n_words - 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = capitalized (words[(start + i * step) % n_words]);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
english_title (GRand *rng)
{
  g_autofree char *adjective = capitalized (PICK (en_adjectives));
  g_autofree char *material = capitalized (PICK (en_materials));
  g_autofree char *noun = capitalized (PICK (en_nouns));

  switch (g_rand_int_range (rng, 0, 4))
    {
    case 0:
      {
        g_autofree char *second = capitalized (PICK (en_adjectives));

        return g_strdup_printf ("%s %s %s %s", adjective, second, material, noun);
      }
    case 1:
      return g_strdup_printf ("%s %s %s from %s", adjective, material, noun, PICK (en_places));
    case 2:
      return g_strdup_printf ("%s %s", adjective, noun);
    default:
      return g_strdup_printf ("%s %s %s", adjective, material, noun);
    }
}

static char *
english_description (GRand *rng)
{
  static const char *middles[] = {
    "Each piece takes several days and no two are alike.",
    "Natural dyes give it colours that soften beautifully with use.",
    "Made by a cooperative that pays a fair wage to every maker.",
    "Small variations in colour and texture are the mark of the hand.",
    "It carries a motif passed down for generations in the family workshop.",
    "Packed plastic-free in recycled paper and cloth.",
  };
  static const char *care[] = {
    "Hand wash in cold water and dry in shade.",
    "Wipe clean with a soft dry cloth.",
    "Keep away from direct sunlight and moisture.",
    "Dry clean only.",
    "Polish gently with a little tamarind paste.",
  };
  const char *adjective = PICK (en_adjectives);
  const char *noun = PICK (en_nouns);
  const char *material = PICK (en_materials);
  const char *place = PICK (en_places);
  g_autofree char *opening = NULL;

  switch (g_rand_int_range (rng, 0, 4))
    {
    case 0:
      opening = g_strdup_printf ("A %s %s made from %s by artisans in %s.", adjective, noun, material, place);
      break;
    case 1:
      opening = g_strdup_printf ("This %s %s is shaped in %s and finished with %s.", adjective, noun, place, material);
      break;
    case 2:
      opening = g_strdup_printf ("Our %s %s uses %s sourced near %s.", adjective, noun, material, place);
      break;
    default:
      opening = g_strdup_printf ("Every %s %s is one of a kind: %s, worked slowly in %s.", adjective, noun, material, place);
      break;
    }
  return g_strdup_printf ("%s %s %s", opening, PICK (middles), PICK (care));
}

static void
insert_list (sqlite3      *db,
             sqlite3_stmt *stmt,
             const char   *id,
             GPtrArray    *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (items, i), -1, SQLITE_STATIC);
      step_reset (db, stmt);
    }
}

static void
add_unique (GPtrArray  *items,
            const char *item)
{
  g_autofree char *nfc = cc_text_normalize (item);
  char *lower = g_utf8_strdown (nfc, -1);

  for (guint i = 0; i < items->len; i++)
    if (strcmp (g_ptr_array_index (items, i), lower) == 0)
      {
        g_free (lower);
        return;
      }
  g_ptr_array_add (items, lower);
}

static void
make_shop (CcStore *store)
{
  static const char *top[] = { "Textiles", "Home", "Kitchen", "Jewellery", "Art", "Toys", "Lighting", "Bags" };
  sqlite3 *db = cc_store_get_db (store);
  g_autoptr(GRand) rng = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *cat, *prod, *text, *tag, *material, *photo, *variant;
  gint64 base_ms = G_GINT64_CONSTANT (1700000000000);
  gint64 t0 = g_get_monotonic_time ();

  check_sqlite (db, sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), "BEGIN");

  cat = prepare (db, "INSERT INTO categories (id, name, slug, parent_id, sort_order) VALUES (?, ?, ?, ?, ?)");
  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    {
      char *id = make_id (rng, base_ms - 100000 + i);
      guint n_sub = 3 + g_rand_int_range (rng, 0, 4);

      sqlite3_bind_text (cat, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (cat, 2, top[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (cat, 3, top[i], -1, SQLITE_STATIC);
      sqlite3_bind_null (cat, 4);
      sqlite3_bind_int (cat, 5, i);
      step_reset (db, cat);
      g_ptr_array_add (categories, id);

      for (guint j = 0; j < n_sub; j++)
        {
          char *sub = make_id (rng, base_ms - 50000 + i * 10 + j);
          g_autofree char *name = g_strdup_printf ("%s %u", top[i], j + 1);

          sqlite3_bind_text (cat, 1, sub, -1, SQLITE_STATIC);
          sqlite3_bind_text (cat, 2, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (cat, 3, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (cat, 4, id, -1, SQLITE_STATIC);
          sqlite3_bind_int (cat, 5, j);
          step_reset (db, cat);
          g_ptr_array_add (categories, sub);
        }
    }
  sqlite3_finalize (cat);

  prod = prepare (db, "INSERT INTO products (id, sku, slug, category_id, status, price, currency, title, deleted) "
                      "VALUES (?, ?, ?, ?, ?, ?, 'INR', ?, ?)");
  text = prepare (db, "INSERT INTO product_texts (product_id, lang, title, description) VALUES (?, ?, ?, ?)");
  tag = prepare (db, "INSERT INTO product_tags (product_id, tag, present) VALUES (?, ?, 1)");
  material = prepare (db, "INSERT INTO product_materials (product_id, material, present) VALUES (?, ?, 1)");
  photo = prepare (db, "INSERT INTO photos (id, product_id, sha256, position, width, height) VALUES (?, ?, ?, ?, 3000, 2000)");
  variant = prepare (db, "INSERT INTO variants (id, product_id, sku, price, options, position) VALUES (?, ?, ?, ?, ?, ?)");

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autofree char *id = make_id (rng, base_ms + (gint64)i * 7919);
      g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = NULL;
      g_autofree char *second_title = NULL;
      g_autofree char *description = NULL;
      g_autofree char *slug = NULL;
      g_autofree char *sku = NULL;
      const char *lang = "en";
      const char *second_lang = NULL;
      const char *category = g_ptr_array_index (categories, g_rand_int_range (rng, 0, categories->len));
      guint kind = g_rand_int_range (rng, 0, 100);
      guint status = g_rand_int_range (rng, 0, 20);
      /* Prices spread over 50–50,000 rupees, more of them cheap. */
      gint64 price = (5000 + (gint64)g_rand_int_range (rng, 0, 1000) * g_rand_int_range (rng, 0, 1000) * 5) / 100 * 100;
      guint n_tags = 1 + g_rand_int_range (rng, 0, 4);

      if (kind < 64)
        {
          title = english_title (rng);
          description = english_description (rng);
          if (g_rand_int_range (rng, 0, 4) == 0)
            {
              second_lang = "hi";
              second_title = some_words (rng, hi_words, G_N_ELEMENTS (hi_words), 2 + g_rand_int_range (rng, 0, 2));
            }
          for (guint t = 0; t < n_tags; t++)
            add_unique (tags, PICK (en_tags));
          add_unique (materials, PICK (en_materials));
          if (g_rand_boolean (rng))
            add_unique (materials, PICK (en_materials));
        }
      else
        {
          const char **words = kind < 78 ? hi_words : kind < 89 ? bn_words : ta_words;
          guint n_words = kind < 78 ? G_N_ELEMENTS (hi_words) : kind < 89 ? G_N_ELEMENTS (bn_words) : G_N_ELEMENTS (ta_words);

          lang = kind < 78 ? "hi" : kind < 89 ? "bn" : "ta";
          title = some_words (rng, words, n_words, 2 + g_rand_int_range (rng, 0, 3));
          description = some_words (rng, words, n_words, 8 + g_rand_int_range (rng, 0, 12));
          for (guint t = 0; t < n_tags; t++)
            add_unique (tags, g_rand_boolean (rng) ? PICK (en_tags) : words[g_rand_int_range (rng, 0, n_words)]);
          add_unique (materials, words[g_rand_int_range (rng, 0, n_words)]);
          add_unique (materials, PICK (en_materials));
        }

      slug = cc_text_slugify (title);
      sku = g_strdup_printf ("%.3s-%06u", PICK (top), i);
      for (char *p = sku; *p != '\0'; p++)
        *p = g_ascii_toupper (*p);

      sqlite3_bind_text (prod, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 2, sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 3, slug, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 4, category, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 5, status < 12 ? "active" : status < 17 ? "draft" : "archived", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (prod, 6, price);
      sqlite3_bind_text (prod, 7, title, -1, SQLITE_STATIC);
      sqlite3_bind_int (prod, 8, g_rand_int_range (rng, 0, 100) == 0);
      step_reset (db, prod);

      sqlite3_bind_text (text, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (text, 2, lang, -1, SQLITE_STATIC);
      sqlite3_bind_text (text, 3, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (text, 4, description, -1, SQLITE_STATIC);
      step_reset (db, text);
      if (second_lang != NULL)
        {
          sqlite3_bind_text (text, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (text, 2, second_lang, -1, SQLITE_STATIC);
          sqlite3_bind_text (text, 3, second_title, -1, SQLITE_STATIC);
          sqlite3_bind_text (text, 4, "", -1, SQLITE_STATIC);
          step_reset (db, text);
        }

      insert_list (db, tag, id, tags);
      insert_list (db, material, id, materials);

      for (guint k = 0, n = g_rand_int_range (rng, 0, 5); k < n; k++)
        {
          g_autofree char *photo_id = make_id (rng, base_ms + (gint64)i * 7919 + k + 1);
          g_autofree char *sha = g_strdup_printf ("%08x%08x%08x%08x%08x%08x%08x%08x",
                                                  g_rand_int (rng), g_rand_int (rng), g_rand_int (rng), g_rand_int (rng),
                                                  g_rand_int (rng), g_rand_int (rng), g_rand_int (rng), g_rand_int (rng));

          sqlite3_bind_text (photo, 1, photo_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (photo, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (photo, 3, sha, -1, SQLITE_STATIC);
          sqlite3_bind_int (photo, 4, k);
          step_reset (db, photo);
        }

      if (g_rand_int_range (rng, 0, 10) == 0)
        for (guint k = 0; k < 3; k++)
          {
            static const char *sizes[] = { "S", "M", "L" };
            g_autofree char *variant_id = make_id (rng, base_ms + (gint64)i * 7919 + 10 + k);
            g_autofree char *variant_sku = g_strdup_printf ("%s-%s", sku, sizes[k]);
            g_autofree char *options = g_strdup_printf ("[{\"name\":\"Size\",\"value\":\"%s\"}]", sizes[k]);

            sqlite3_bind_text (variant, 1, variant_id, -1, SQLITE_STATIC);
            sqlite3_bind_text (variant, 2, id, -1, SQLITE_STATIC);
            sqlite3_bind_text (variant, 3, variant_sku, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (variant, 4, price + k * 5000);
            sqlite3_bind_text (variant, 5, options, -1, SQLITE_STATIC);
            sqlite3_bind_int (variant, 6, k);
            step_reset (db, variant);
          }
    }
  sqlite3_finalize (prod);
  sqlite3_finalize (text);
  sqlite3_finalize (tag);
  sqlite3_finalize (material);
  sqlite3_finalize (photo);
  sqlite3_finalize (variant);

  check_sqlite (db, sqlite3_exec (db,
                                  "INSERT INTO settings (key, value) VALUES ('languages', 'en,hi,bn,ta') "
                                  "  ON CONFLICT DO UPDATE SET value = excluded.value;"
                                  "COMMIT",
                                  NULL, NULL, NULL),
                "COMMIT");
  printf ("made %d products in %.1f s\n", N_PRODUCTS, (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  if (!cc_search_reindex_all (store, &error))
    {
      fprintf (stderr, "bench-search: reindex: %s\n", error->message);
      exit (1);
    }
  printf ("indexed them (cc_search_reindex_all) in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);

  check_sqlite (db, sqlite3_exec (db,
                                  "ANALYZE;"
                                  "INSERT INTO meta (key, value) VALUES ('bench-search', '" SHOP_VERSION "');",
                                  NULL, NULL, NULL),
                "meta");
}

static gboolean
shop_is_current (CcStore *store)
{
  sqlite3_stmt *stmt = prepare (cc_store_get_db (store),
                                "SELECT (SELECT value FROM meta WHERE key = 'bench-search'),"
                                " (SELECT count(*) FROM products)");
  gboolean current = FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    current = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), SHOP_VERSION) == 0 &&
              sqlite3_column_int64 (stmt, 1) == N_PRODUCTS;
  sqlite3_finalize (stmt);
  return current;
}

static CcStore *
open_shop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcStore) store = NULL;

  if (g_mkdir_with_parents ("_bench", 0755) != 0)
    {
      perror ("bench-search: _bench");
      exit (1);
    }

  if (g_file_test (SHOP_PATH, G_FILE_TEST_EXISTS))
    {
      store = cc_store_open (SHOP_PATH, &error);
      if (store != NULL && shop_is_current (store))
        {
          printf ("reusing %s\n", SHOP_PATH);
          return g_steal_pointer (&store);
        }
      g_clear_object (&store);
      g_clear_error (&error);
      g_unlink (SHOP_PATH);
      g_unlink (SHOP_PATH "-wal");
      g_unlink (SHOP_PATH "-shm");
    }

  printf ("making %s (once; later runs reuse it)\n", SHOP_PATH);
  store = cc_store_open (SHOP_PATH, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      exit (1);
    }
  make_shop (store);
  return g_steal_pointer (&store);
}

/* Measuring */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint)(p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static void
print_row (const char *label,
           GArray     *times)
{
  double p95;

  g_array_sort (times, compare_doubles);
  p95 = percentile (times, 0.95);
  printf ("%-10s %7u %8.2f %8.2f %8.2f    p95 < %.0f ms %s\n",
          label, times->len, percentile (times, 0.5), p95,
          g_array_index (times, double, times->len - 1), TARGET_MS,
          p95 < TARGET_MS ? "met" : "MISSED");
}

/* One keystroke: the first page and the count, as the UI asks. */
static double
keystroke (CcStore             *store,
           const CcSearchQuery *query,
           gint64              *out_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gint64 count;

  hits = cc_search_run (store, query, &error);
  if (hits == NULL)
    {
      fprintf (stderr, "bench-search: “%s”: %s\n", query->text, error->message);
      exit (1);
    }
  count = cc_search_count (store, query, &error);
  if (count < 0)
    {
      fprintf (stderr, "bench-search: “%s”: %s\n", query->text, error->message);
      exit (1);
    }
  if (out_count != NULL)
    *out_count = count;
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static char *
prefix_of (const char *word,
           guint       n_chars)
{
  const char *end = word;

  for (guint i = 0; i < n_chars; i++)
    {
      if (*end == '\0')
        return NULL;
      end = g_utf8_next_char (end);
    }
  return g_strndup (word, end - word);
}

static void
measure (CcStore    *store,
         CcSort      sort,
         int         status,
         const char *title)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) phrases = g_array_new (FALSE, FALSE, sizeof (double));
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  char slowest[256] = "";
  double slowest_ms = 0;

  query.sort = sort;
  query.status = status;

  printf ("\n%s\n", title);
  printf ("%-10s %7s %8s %8s %8s    %s\n", "length", "queries", "p50 ms", "p95 ms", "max ms", "target");

  for (guint length = 1; length <= 8; length++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *label = g_strdup_printf ("%u", length);

      for (guint round = 0; round < ROUNDS; round++)
        for (guint w = 0; w < G_N_ELEMENTS (typed_words); w++)
          {
            g_autofree char *prefix = prefix_of (typed_words[w], length);
            double ms;

            if (prefix == NULL)
              continue;
            query.text = prefix;
            ms = keystroke (store, &query, NULL);
            g_array_append_val (times, ms);
            g_array_append_val (all, ms);
            if (ms > slowest_ms)
              {
                slowest_ms = ms;
                g_snprintf (slowest, sizeof slowest, "%s", prefix);
              }
          }
      print_row (label, times);
    }
  print_row ("all", all);

  for (guint round = 0; round < ROUNDS; round++)
    for (guint p = 0; p < G_N_ELEMENTS (typed_phrases); p++)
      {
        double ms;

        query.text = typed_phrases[p];
        ms = keystroke (store, &query, NULL);
        g_array_append_val (phrases, ms);
      }
  print_row ("two words", phrases);
  printf ("slowest prefix: “%s” %.2f ms\n", slowest, slowest_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CcStore) store = NULL;
  CcSearchQuery query = CC_SEARCH_QUERY_INIT;
  gint64 matches = 0;

  store = open_shop ();

  /* Warm the cache as a person's first keystrokes would, and show what
   * the prefixes match. */
  printf ("\nmatches per prefix, lengths 1–8:\n");
  for (guint w = 0; w < G_N_ELEMENTS (typed_words); w++)
    {
      printf ("  %s:", typed_words[w]);
      for (guint length = 1; length <= 8; length++)
        {
          g_autofree char *prefix = prefix_of (typed_words[w], length);

          if (prefix == NULL)
            break;
          query.text = prefix;
          keystroke (store, &query, &matches);
          printf (" %" G_GINT64_FORMAT, matches);
        }
      printf ("\n");
    }

  printf ("\nsearch-as-you-type over %d products: first page (50) + count per keystroke,\n"
          "%d rounds over %u words (Latin, Devanagari, Bengali, Tamil)\n",
          N_PRODUCTS, ROUNDS, (guint)G_N_ELEMENTS (typed_words));

  measure (store, CC_SORT_RELEVANCE, -1, "relevance (the default), all statuses");
  measure (store, CC_SORT_NAME, CC_PRODUCT_ACTIVE, "name order, active only");
  measure (store, CC_SORT_PRICE_LOW, -1, "price, low to high");
  measure (store, CC_SORT_NEWEST, -1, "newest first");

  return 0;
}
