/* test-money.c — currencies, parsing, locale formatting and rate rounding.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cc-error.h"
#include "cc-money.h"

/* What a test leaves in out_minor when parsing must not touch it. */
#define UNTOUCHED G_GINT64_CONSTANT (-777)

/* Switches the whole process to @name, or marks the test skipped. */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message =
        g_strdup_printf ("locale %s is not installed (run `make locales`)", name);
      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C"));
}

/* Currencies */

static void
test_currency_table (void)
{
  const char *required[] = {
    "INR", "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "CHF", "SEK",
    "NOK", "DKK", "NZD", "SGD", "HKD", "KRW", "BRL", "MXN", "ZAR", "AED",
    "SAR", "THB", "IDR", "MYR", "PHP", "VND", "PKR", "BDT", "LKR", "NPR",
    "TRY", "PLN", "CZK", "HUF", "ILS", "EGP", "NGN", "KES", "KWD", "BHD",
    "OMR", "JOD", "TND", "CLP", "ISK", "TWD", "RUB", "UAH", "COP", "PEN",
    "ARS", "QAR", "MAD",
  };
  const struct { const char *code; int exponent; } exponents[] = {
    { "INR", 2 }, { "USD", 2 }, { "EUR", 2 }, { "JPY", 0 }, { "KRW", 0 },
    { "VND", 0 }, { "CLP", 0 }, { "ISK", 0 }, { "KWD", 3 }, { "BHD", 3 },
    { "OMR", 3 }, { "JOD", 3 }, { "TND", 3 }, { "IDR", 2 }, { "HUF", 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *symbol = cc_currency_symbol (required[i]);

      g_assert_true (cc_currency_is_valid (required[i]));
      g_assert_cmpint (cc_currency_exponent (required[i]), >=, 0);
      g_assert_nonnull (symbol);
      g_assert_true (g_utf8_validate (symbol, -1, NULL));
      g_assert_cmpstr (symbol, !=, "");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (exponents); i++)
    g_assert_cmpint (cc_currency_exponent (exponents[i].code), ==, exponents[i].exponent);

  g_assert_cmpstr (cc_currency_symbol ("INR"), ==, "₹");
  g_assert_cmpstr (cc_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (cc_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (cc_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (cc_currency_symbol ("JPY"), ==, "¥");
  /* Shared signs are told apart. */
  g_assert_cmpstr (cc_currency_symbol ("AUD"), !=, "$");
  g_assert_cmpstr (cc_currency_symbol ("CNY"), !=, "¥");

  g_assert_false (cc_currency_is_valid ("XYZ"));
  g_assert_false (cc_currency_is_valid ("inr"));
  g_assert_false (cc_currency_is_valid ("INRX"));
  g_assert_false (cc_currency_is_valid (""));
  g_assert_false (cc_currency_is_valid (NULL));
  g_assert_cmpint (cc_currency_exponent ("XYZ"), ==, -1);
}

/* Parsing: accepted */

typedef struct
{
  const char *name;
  const char *text;
  const char *currency;
  gint64      expected;
} ParseOk;

static const ParseOk parse_ok_cases[] = {
  { "plain", "1450", "INR", 145000 },
  { "plain-decimals", "1450.50", "INR", 145050 },
  { "one-decimal", "1450.5", "INR", 145050 },
  { "grouping", "1,450.50", "INR", 145050 },
  { "grouping-millions", "1,450,000", "USD", 145000000 },
  { "indian-grouping", "1,45,000.50", "INR", 14500050 },
  { "indian-crore", "1,00,00,000", "INR", 1000000000 },
  { "space-grouping", "1 450", "INR", 145000 },
  { "narrow-nbsp-grouping", "1\u202f450.50", "EUR", 145050 },
  { "symbol-prefix", "₹1,45,000", "INR", 14500000 },
  { "symbol-prefix-space", "₹ 1450", "INR", 145000 },
  { "symbol-suffix", "1450 ₹", "INR", 145000 },
  { "dollar-prefix", "$1,450.00", "USD", 145000 },
  { "euro-prefix", "€12.5", "EUR", 1250 },
  { "code-prefix", "INR 1450", "INR", 145000 },
  { "code-lowercase", "inr 1450", "INR", 145000 },
  { "code-suffix", "1,450.50 INR", "INR", 145050 },
  { "rupees-abbreviation", "Rs. 1,450", "INR", 145000 },
  { "trimmed", "  1450\t\n", "INR", 145000 },
  { "trimmed-unicode-space", "\u00a01450\u202f", "INR", 145000 },
  { "leading-point", ".5", "INR", 50 },
  { "trailing-point", "10.", "INR", 1000 },
  { "leading-zeros", "000012.50", "INR", 1250 },
  { "zero", "0", "INR", 0 },
  { "devanagari-digits", "१,४५०.५०", "INR", 145050 },
  { "jpy-whole", "1200", "JPY", 1200 },
  { "jpy-symbol", "¥1,200", "JPY", 1200 },
  { "kwd-three-decimals", "1.250", "KWD", 1250 },
  { "kwd-fewer-decimals", "1.25", "KWD", 1250 },
  { "kwd-one-fils", "0.001", "KWD", 1 },
  { "largest", "1,000,000,000,000.00", "INR", CC_MONEY_MAX },
  { "largest-jpy", "100000000000000", "JPY", CC_MONEY_MAX },
};

static void
test_parse_ok (gconstpointer data)
{
  const ParseOk *c = data;
  g_autoptr(GError) error = NULL;
  gint64 minor = UNTOUCHED;

  g_assert_true (cc_money_parse (c->text, c->currency, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, c->expected);
}

/* Parsing: refused */

typedef struct
{
  const char *name;
  const char *text;
  const char *currency;
  const char *message_part;  /* in the (untranslated) message */
} ParseBad;

static const ParseBad parse_bad_cases[] = {
  { "empty", "", "INR", "Enter a price" },
  { "blank", " \t\u00a0", "INR", "Enter a price" },
  { "letters", "abc", "INR", "is not a price" },
  { "trailing-letters", "12abc", "INR", "is not a price" },
  { "words-after", "12 apples", "INR", "is not a price" },
  { "exponent-notation", "1e5", "INR", "is not a price" },
  { "hex", "0x10", "INR", "is not a price" },
  { "plus-sign", "+5", "INR", "is not a price" },
  { "symbol-only", "₹", "INR", "is not a price" },
  { "point-only", ".", "INR", "is not a price" },
  { "symbol-twice", "₹1450₹", "INR", "is not a price" },
  { "other-currency-symbol", "$1450", "INR", "is not a price" },
  { "other-currency-code", "USD 1450", "INR", "is not a price" },
  { "invalid-utf8", "\xff" "12", "INR", "not readable" },
  { "multiple-points", "1.2.3", "INR", "more than one decimal point" },
  { "negative", "-5", "INR", "cannot be negative" },
  { "negative-minus-sign", "\u22125", "INR", "cannot be negative" },
  { "negative-after-symbol", "₹-5", "INR", "cannot be negative" },
  { "negative-before-symbol", "-₹5", "INR", "cannot be negative" },
  { "too-many-decimals", "10.555", "INR", "at most 2 decimal places" },
  { "jpy-decimals", "10.5", "JPY", "no decimal places" },
  { "kwd-four-decimals", "1.2345", "KWD", "at most 3 decimal places" },
  { "just-over-max", "1000000000000.01", "INR", "too large" },
  { "over-max-by-decimals", "100000000000000.1", "KWD", "too large" },
  { "absurd", "99999999999999999999999999999999", "INR", "too large" },
  /* 2^64 + 1: wraps to 1 in unchecked 64-bit arithmetic. */
  { "wraps-64-bits", "18446744073709551617", "JPY", "too large" },
  { "european-decimal-comma", "14,50", "INR", "grouped oddly" },
  { "short-group", "1,4,50", "INR", "grouped oddly" },
  { "short-last-group", "1,450,0", "INR", "grouped oddly" },
  { "long-last-group", "1,4500", "INR", "grouped oddly" },
  { "double-separator", "1,,450", "INR", "grouped oddly" },
  { "leading-separator", ",450", "INR", "grouped oddly" },
  { "separator-in-decimals", "1.4,50", "INR", "grouped oddly" },
  { "unknown-currency", "1450", "XYZ", "not a currency" },
  { "lowercase-currency", "1450", "inr", "not a currency" },
};

static void
test_parse_bad (gconstpointer data)
{
  const ParseBad *c = data;
  g_autoptr(GError) error = NULL;
  gint64 minor = UNTOUCHED;

  g_assert_false (cc_money_parse (c->text, c->currency, &minor, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  if (strstr (error->message, c->message_part) == NULL)
    g_error ("“%s”: message “%s” does not say “%s”", c->text, error->message, c->message_part);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (minor, ==, UNTOUCHED);
}

static void
test_parse_quotes_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (500, 'x');
  gint64 minor = UNTOUCHED;

  g_assert_false (cc_money_parse ("12abc", "INR", &minor, &error));
  g_assert_nonnull (strstr (error->message, "“12abc”"));
  g_clear_error (&error);

  /* A pasted page is not repeated whole in the message. */
  g_assert_false (cc_money_parse (long_text, "INR", &minor, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_cmpint (minor, ==, UNTOUCHED);
}

static void
test_parse_null_out (void)
{
  g_assert_true (cc_money_parse ("12.50", "INR", NULL, NULL));
  g_assert_false (cc_money_parse ("12.505", "INR", NULL, NULL));
}

static void
test_parse_indian_locale (void)
{
  const char *locales[] = { "hi_IN.UTF-8", "en_IN.UTF-8" };

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = UNTOUCHED;

      if (!use_locale (locales[i]))
        return;

      g_assert_true (cc_money_parse ("1,45,000.50", "INR", &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, 14500050);

      g_assert_true (cc_money_parse ("₹1,45,000", "INR", &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, 14500000);

      minor = UNTOUCHED;
      g_assert_false (cc_money_parse ("14,50", "INR", &minor, &error));
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_cmpint (minor, ==, UNTOUCHED);
    }

  restore_locale ();
}

/* Formatting */

typedef struct
{
  const char *name;
  gint64      minor;
  const char *currency;
  const char *expected;
} FormatCase;

static const FormatCase format_c_cases[] = {
  { "usd", 145000, "USD", "$1,450.00" },
  { "inr", 145000, "INR", "₹1,450.00" },
  { "inr-western-grouping", 14500000, "INR", "₹145,000.00" },
  { "millions", 145000000, "USD", "$1,450,000.00" },
  { "zero", 0, "INR", "₹0.00" },
  { "paise", 5, "INR", "₹0.05" },
  { "below-one", 99, "INR", "₹0.99" },
  { "no-grouping-needed", 99999, "INR", "₹999.99" },
  { "negative", -350, "INR", "-₹3.50" },
  { "negative-grouped", -145000000, "USD", "-$1,450,000.00" },
  { "jpy", 1200, "JPY", "¥1,200" },
  { "jpy-large", 123456789, "JPY", "¥123,456,789" },
  { "kwd", 1250, "KWD", "KWD\u00a01.250" },
  { "chf", 145000, "CHF", "CHF\u00a01,450.00" },
  { "eur", 1250, "EUR", "€12.50" },
  { "most-negative", G_MININT64, "USD", "-$92,233,720,368,547,758.08" },
  { "most-positive", G_MAXINT64, "JPY", "¥9,223,372,036,854,775,807" },
};

static const FormatCase format_indian_cases[] = {
  { "lakh", 14500000, "INR", "₹1,45,000.00" },
  { "crore", 1000000000, "INR", "₹1,00,00,000.00" },
  { "thousand", 145000, "INR", "₹1,450.00" },
  { "hundred", 45000, "INR", "₹450.00" },
  { "negative", -14500000, "INR", "-₹1,45,000.00" },
  { "usd", 145000000, "USD", "$14,50,000.00" },
  { "jpy", 12345678, "JPY", "¥1,23,45,678" },
};

static void
check_format (const FormatCase *c)
{
  g_autofree char *text = cc_money_format (c->minor, c->currency);

  g_assert_cmpstr (text, ==, c->expected);
}

static void
test_format_c (gconstpointer data)
{
  if (!use_locale ("C"))
    return;
  check_format (data);

  /* C.UTF-8 has no monetary data either: same fallbacks. */
  if (!use_locale ("C.UTF-8"))
    return;
  check_format (data);

  restore_locale ();
}

static void
test_format_hi_in (gconstpointer data)
{
  if (!use_locale ("hi_IN.UTF-8"))
    return;
  check_format (data);
  restore_locale ();
}

static void
test_format_en_in (gconstpointer data)
{
  if (!use_locale ("en_IN.UTF-8"))
    return;
  check_format (data);
  restore_locale ();
}

static void
test_format_unknown_currency (void)
{
  char *text;

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*cur != NULL*");
  text = cc_money_format (100, "XYZ");
  g_test_assert_expected_messages ();
  g_assert_null (text);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*cur != NULL*");
  text = cc_money_format_plain (100, "XYZ");
  g_test_assert_expected_messages ();
  g_assert_null (text);
}

static const FormatCase format_plain_cases[] = {
  { "inr", 14500000, "INR", "145000.00" },
  { "negative", -350, "INR", "-3.50" },
  { "negative-below-one", -5, "INR", "-0.05" },
  { "zero", 0, "INR", "0.00" },
  { "jpy", 1200, "JPY", "1200" },
  { "jpy-negative", -1, "JPY", "-1" },
  { "kwd", 1, "KWD", "0.001" },
  { "kwd-whole", 12000, "KWD", "12.000" },
  { "most-positive", G_MAXINT64, "INR", "92233720368547758.07" },
  { "most-negative", G_MININT64, "INR", "-92233720368547758.08" },
};

static void
test_format_plain (gconstpointer data)
{
  const FormatCase *c = data;
  g_autofree char *text = cc_money_format_plain (c->minor, c->currency);

  g_assert_cmpstr (text, ==, c->expected);

  /* Files do not change with the locale. */
  if (use_locale ("hi_IN.UTF-8"))
    {
      g_autofree char *localized = cc_money_format_plain (c->minor, c->currency);

      g_assert_cmpstr (localized, ==, c->expected);
      restore_locale ();
    }
}

/* Round trips */

static const gint64 round_trip_values[] = {
  0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, 1001, 145000, 14500050,
  99999999, 100000000, 123456789012, CC_MONEY_MAX - 1, CC_MONEY_MAX,
};

static void
check_round_trip (gboolean localized)
{
  const char *currencies[] = { "INR", "USD", "JPY", "KWD", "CHF", "EUR" };

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (round_trip_values); j++)
      {
        gint64 value = round_trip_values[j];
        g_autofree char *text = NULL;
        g_autoptr(GError) error = NULL;
        gint64 minor = UNTOUCHED;

        if (localized)
          text = cc_money_format (value, currencies[i]);
        else
          text = cc_money_format_plain (value, currencies[i]);

        if (!cc_money_parse (text, currencies[i], &minor, &error))
          g_error ("“%s” (%s) did not parse back: %s", text, currencies[i], error->message);
        g_assert_cmpint (minor, ==, value);
      }
}

static void
test_round_trip_plain (void)
{
  check_round_trip (FALSE);
}

static void
test_round_trip_formatted (void)
{
  const char *locales[] = { "C", "hi_IN.UTF-8", "en_IN.UTF-8" };

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (!use_locale (locales[i]))
        return;
      check_round_trip (TRUE);
    }
  restore_locale ();
}

/* Rates */

typedef struct
{
  const char *name;
  gint64      amount;
  gint64      basis_points;
  gint64      expected;
} RateCase;

static const RateCase rate_cases[] = {
  { "gst-18", 10000, 1800, 1800 },
  { "round-down", 12345, 1800, 2222 },        /* 2222.10 */
  { "round-down-quarter", 12345, 500, 617 },  /* 617.25 */
  { "half-rounds-up", 1, 5000, 1 },           /* 0.5 */
  { "one-and-half", 3, 5000, 2 },             /* 1.5 */
  { "half-of-tenth", 5, 1000, 1 },            /* 0.5 */
  { "just-below-half", 4999, 1, 0 },          /* 0.4999 */
  { "exactly-half", 5000, 1, 1 },             /* 0.5 */
  { "just-above-half", 5001, 1, 1 },          /* 0.5001 */
  { "negative-half", -1, 5000, -1 },          /* -0.5: away from zero */
  { "negative-one-and-half", -3, 5000, -2 },
  { "negative-below-half", -4999, 1, 0 },
  { "negative-exactly-half", -5000, 1, -1 },
  { "negative-rate", 1, -5000, -1 },
  { "both-negative", -1, -5000, 1 },
  { "discount", 145000, -1000, -14500 },
  { "zero-amount", 0, 1800, 0 },
  { "zero-rate", 12345, 0, 0 },
  { "identity", 12345, 10000, 12345 },
  { "double", 12345, 20000, 24690 },
  { "max-price-identity", CC_MONEY_MAX, 10000, CC_MONEY_MAX },
  { "max-price-28", CC_MONEY_MAX, 2800, G_GINT64_CONSTANT (28000000000000) },
  /* Products beyond 64 bits whose result still fits. */
  { "wide-product", CC_MONEY_MAX, 100000000, G_GINT64_CONSTANT (1000000000000000000) },
  { "wide-product-half", G_GINT64_CONSTANT (100000000000001), 100005000,
    G_GINT64_CONSTANT (1000050000000010001) },
  { "wide-product-half-negative", G_GINT64_CONSTANT (-100000000000001), 100005000,
    G_GINT64_CONSTANT (-1000050000000010001) },
  { "wide-product-odd", G_GINT64_CONSTANT (1099511627783), 1073741833,
    G_GINT64_CONSTANT (118059163062053215) },
  { "int64-max-identity", G_MAXINT64, 10000, G_MAXINT64 },
  { "int64-max-half", G_MAXINT64, 5000, G_GINT64_CONSTANT (4611686018427387904) },
  { "int64-min-identity", G_MININT64, 10000, G_MININT64 },
  { "int64-min-half", G_MININT64, 5000, G_GINT64_CONSTANT (-4611686018427387904) },
  { "int64-max-negated", G_MAXINT64, -10000, -G_MAXINT64 },
  /* Results beyond 64 bits saturate instead of wrapping. */
  { "saturate-up", G_MAXINT64, 20000, G_MAXINT64 },
  { "saturate-down", G_MININT64, 20000, G_MININT64 },
  { "saturate-min-negated", G_MININT64, -10000, G_MAXINT64 },
  { "saturate-huge", G_MAXINT64, G_MAXINT64, G_MAXINT64 },
  { "saturate-huge-negative", G_MININT64, G_MAXINT64, G_MININT64 },
};

static void
test_apply_rate (gconstpointer data)
{
  const RateCase *c = data;

  g_assert_cmpint (cc_money_apply_rate (c->amount, c->basis_points), ==, c->expected);
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
  setlocale (LC_ALL, "C");

  g_test_add_func ("/core/money/currency-table", test_currency_table);

  ADD_CASES ("/core/money/parse/ok", parse_ok_cases, test_parse_ok);
  ADD_CASES ("/core/money/parse/refused", parse_bad_cases, test_parse_bad);
  g_test_add_func ("/core/money/parse/message-quotes-text", test_parse_quotes_text);
  g_test_add_func ("/core/money/parse/null-out", test_parse_null_out);
  g_test_add_func ("/core/money/parse/indian-locale", test_parse_indian_locale);

  ADD_CASES ("/core/money/format/c", format_c_cases, test_format_c);
  ADD_CASES ("/core/money/format/hi-IN", format_indian_cases, test_format_hi_in);
  ADD_CASES ("/core/money/format/en-IN", format_indian_cases, test_format_en_in);
  g_test_add_func ("/core/money/format/unknown-currency", test_format_unknown_currency);
  ADD_CASES ("/core/money/format-plain", format_plain_cases, test_format_plain);

  g_test_add_func ("/core/money/round-trip/plain", test_round_trip_plain);
  g_test_add_func ("/core/money/round-trip/formatted", test_round_trip_formatted);

  ADD_CASES ("/core/money/apply-rate", rate_cases, test_apply_rate);

  return g_test_run ();
}
