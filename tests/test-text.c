/* test-text.c — NFC, folding, words and slugs across Latin and Indic scripts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cc-text.h"

/* Spelled out so the source encoding cannot hide what is being tested. */
#define E_ACUTE          "\u00e9"        /* é, precomposed */
#define E_DECOMPOSED     "e\u0301"       /* e + combining acute */
#define NAMASTE          "नमस्ते"          /* Devanagari: virama and vowel sign */
#define NAMASKAR_BENGALI "নমস্কার"         /* Bengali: virama and vowel sign */
#define VANAKKAM         "வணக்கம்"         /* Tamil: pulli (virama) */

typedef struct
{
  const char *name;
  const char *input;
  const char *expected;  /* NULL: NULL expected */
} TextCase;

/* Normalize */

static const TextCase normalize_cases[] = {
  { "nfc-composes", "Caf" E_DECOMPOSED, "Caf" E_ACUTE },
  { "nfc-keeps-composed", "Caf" E_ACUTE, "Caf" E_ACUTE },
  { "trims-ascii-space", " \t Indigo scarf \n", "Indigo scarf" },
  { "trims-unicode-space", "\u00a0\u3000\u202fScarf\u2003", "Scarf" },
  { "trims-bom-and-zwsp", "\ufeff\u200bScarf\u200b", "Scarf" },
  { "keeps-inner-space", "block  print", "block  print" },
  { "devanagari-unchanged", "  " NAMASTE " ", NAMASTE },
  /* क़ is a composition exclusion: NFC keeps it as क + nukta. */
  { "devanagari-nukta", "\u0958", "\u0915\u093c" },
  { "empty", "", "" },
  { "only-space", " \u00a0 ", "" },
  { "invalid-utf8", "Caf\xc3", NULL },
  { "invalid-utf8-inner", "a\xff" "b", NULL },
};

static void
test_normalize (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *result = cc_text_normalize (c->input);

  g_assert_cmpstr (result, ==, c->expected);
}

static void
test_normalize_null (void)
{
  g_assert_null (cc_text_normalize (NULL));
}

/* Fold */

static const TextCase fold_cases[] = {
  { "latin-accent", "Caf" E_ACUTE, "cafe" },
  { "latin-decomposed", "CAF" "E\u0301", "cafe" },
  { "latin-several", "Crème Brûlée", "creme brulee" },
  { "latin-tilde", "Ñandú", "nandu" },
  { "sharp-s", "Straße", "strasse" },
  { "dotted-capital-i", "\u0130stanbul", "istanbul" },
  { "o-stroke-kept", "\u00d8re", "\u00f8re" },
  { "devanagari-identical", NAMASTE, NAMASTE },
  { "devanagari-vowel-sign", "कि", "कि" },
  { "bengali-identical", NAMASKAR_BENGALI, NAMASKAR_BENGALI },
  { "tamil-identical", VANAKKAM, VANAKKAM },
  { "mixed-scripts", "Café " NAMASTE, "cafe " NAMASTE },
  /* Only Latin loses its marks. */
  { "greek-keeps-tonos", "\u039a\u0391\u03a6\u0388", "\u03ba\u03b1\u03c6\u03ad" },
  { "empty", "", "" },
  { "invalid-utf8", "Caf\xc3", NULL },
};

static void
test_fold (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *result = cc_text_fold (c->input);

  g_assert_cmpstr (result, ==, c->expected);
}

static void
test_fold_byte_identical (void)
{
  const char *words[] = { NAMASTE, NAMASKAR_BENGALI, VANAKKAM };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *folded = cc_text_fold (words[i]);

      g_assert_cmpuint (strlen (folded), ==, strlen (words[i]));
      g_assert_cmpmem (folded, strlen (folded), words[i], strlen (words[i]));
    }
}

static void
test_fold_null (void)
{
  char *result;

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  result = cc_text_fold (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (result);
}

/* Words */

typedef struct
{
  const char *name;
  const char *input;
  const char *expected[8];  /* NULL-terminated */
} WordsCase;

static const WordsCase words_cases[] = {
  { "latin", "Indigo Block-Print Scarf!", { "indigo", "block", "print", "scarf", NULL } },
  { "punctuation", "hand-made, 100% cotton.", { "hand", "made", "100", "cotton", NULL } },
  { "underscore-and-slash", "silk_scarf/red", { "silk", "scarf", "red", NULL } },
  { "decomposed-accent", "Caf" E_DECOMPOSED " au lait", { "cafe", "au", "lait", NULL } },
  { "devanagari", NAMASTE " दुनिया", { NAMASTE, "दुनिया", NULL } },
  { "devanagari-danda", NAMASTE "। धन्यवाद॥", { NAMASTE, "धन्यवाद", NULL } },
  { "devanagari-digits", "मूल्य १२३", { "मूल्य", "१२३", NULL } },
  { "bengali", NAMASKAR_BENGALI ", বন্ধু", { NAMASKAR_BENGALI, "বন্ধু", NULL } },
  { "tamil", VANAKKAM " உலகம்", { VANAKKAM, "உலகம்", NULL } },
  { "private-use", "\ue000logo", { "\ue000logo", NULL } },
  { "mixed", "Kantha साड़ी", { "kantha", "साड़ी", NULL } },
  { "empty", "", { NULL } },
  { "only-punctuation", " !! -- ?? ", { NULL } },
};

static void
test_words (gconstpointer data)
{
  const WordsCase *c = data;
  g_autoptr(GPtrArray) words = cc_text_words (c->input);
  guint n_expected = g_strv_length ((char **) c->expected);

  g_assert_nonnull (words);
  g_assert_cmpuint (words->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpstr (g_ptr_array_index (words, i), ==, c->expected[i]);
}

static void
test_words_invalid (void)
{
  g_assert_null (cc_text_words ("scarf \xff\xfe"));
}

/* Slugs */

static const TextCase slugify_cases[] = {
  { "latin", "Indigo Block-Print Scarf!", "indigo-block-print-scarf" },
  { "accents", "  Crème Brûlée  ", "creme-brulee" },
  { "runs-of-separators", "a -- b__c!!d", "a-b-c-d" },
  { "devanagari", NAMASTE " दुनिया", NAMASTE "-दुनिया" },
  { "mixed", "Kantha साड़ी (Red)", "kantha-साड़ी-red" },
  { "tamil", VANAKKAM "!", VANAKKAM },
  { "empty", "", "item" },
  { "only-separators", " --- !!! ", "item" },
  /* Broken bytes become a separator instead of a broken slug. */
  { "invalid-utf8", "caf\xff" "bar", "caf-bar" },
};

static void
test_slugify (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *slug = cc_text_slugify (c->input);

  g_assert_cmpstr (slug, ==, c->expected);
}

static void
test_slugify_length (void)
{
  g_autofree char *a79 = g_strnfill (79, 'a');
  g_autofree char *a77 = g_strnfill (77, 'a');
  g_autofree char *long_latin = g_strnfill (200, 'a');
  g_autofree char *multibyte_cut = g_strconcat (a79, "ж", NULL);
  g_autofree char *sign_cut = g_strconcat (a77, "कि", NULL);
  g_autofree char *dash_cut = g_strconcat (a79, " b", NULL);
  g_autofree char *accent_fits = g_strconcat (a79, E_ACUTE, NULL);
  g_autoptr(GString) devanagari = g_string_new (NULL);
  g_autofree char *slug = NULL;

  slug = cc_text_slugify (long_latin);
  g_assert_cmpuint (strlen (slug), ==, 80);
  g_clear_pointer (&slug, g_free);

  /* 80 bytes would end inside "ж". */
  slug = cc_text_slugify (multibyte_cut);
  g_assert_cmpstr (slug, ==, a79);
  g_clear_pointer (&slug, g_free);

  /* 80 bytes would split क from its vowel sign ि. */
  slug = cc_text_slugify (sign_cut);
  g_assert_cmpstr (slug, ==, a77);
  g_clear_pointer (&slug, g_free);

  /* A cut right after a separator leaves no trailing '-'. */
  slug = cc_text_slugify (dash_cut);
  g_assert_cmpstr (slug, ==, a79);
  g_clear_pointer (&slug, g_free);

  /* é folds to one byte, so all 80 fit. */
  slug = cc_text_slugify (accent_fits);
  g_assert_cmpuint (strlen (slug), ==, 80);
  g_assert_true (g_str_has_suffix (slug, "ae"));
  g_clear_pointer (&slug, g_free);

  for (guint i = 0; i < 20; i++)
    g_string_append (devanagari, NAMASTE " ");
  slug = cc_text_slugify (devanagari->str);
  g_assert_cmpuint (strlen (slug), <=, 80);
  g_assert_cmpuint (strlen (slug), >, 60);
  g_assert_true (g_utf8_validate (slug, -1, NULL));
  g_assert_true (g_str_has_prefix (slug, NAMASTE "-" NAMASTE "-"));
  g_assert_false (g_str_has_suffix (slug, "-"));
}

#define ADD_CASES(prefix, cases, func)                                         \
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)                            \
    {                                                                          \
      g_autofree char *path = g_strdup_printf (prefix "/%s", cases[i].name); \
      g_test_add_data_func (path, &cases[i], func);                           \
    }

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_CASES ("/core/text/normalize", normalize_cases, test_normalize);
  g_test_add_func ("/core/text/normalize/null", test_normalize_null);

  ADD_CASES ("/core/text/fold", fold_cases, test_fold);
  g_test_add_func ("/core/text/fold/indic-byte-identical", test_fold_byte_identical);
  g_test_add_func ("/core/text/fold/null", test_fold_null);

  ADD_CASES ("/core/text/words", words_cases, test_words);
  g_test_add_func ("/core/text/words/invalid-utf8", test_words_invalid);

  ADD_CASES ("/core/text/slugify", slugify_cases, test_slugify);
  g_test_add_func ("/core/text/slugify/length-limit", test_slugify_length);

  return g_test_run ();
}
