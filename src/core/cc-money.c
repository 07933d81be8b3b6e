/* cc-money.c — ISO 4217 currencies, and prices parsed, formatted and scaled as integers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "cc-error.h"
#include "cc-money.h"

typedef struct
{
  char        code[4];
  int         exponent;
  const char *symbol;
} CcCurrency;

/* Active ISO 4217 currencies. Where a sign is shared by several currencies
 * ("$", "kr", "Rs") the symbol carries a prefix ("A$") or is the code. */
static const CcCurrency currencies[] = {
  { "AED", 2, "AED" },  { "AFN", 2, "AFN" },  { "ALL", 2, "ALL" },
  { "AMD", 2, "֏" },    { "ANG", 2, "ANG" },  { "AOA", 2, "Kz" },
  { "ARS", 2, "ARS" },  { "AUD", 2, "A$" },   { "AWG", 2, "AWG" },
  { "AZN", 2, "₼" },    { "BAM", 2, "KM" },   { "BBD", 2, "BBD" },
  { "BDT", 2, "৳" },    { "BGN", 2, "BGN" },  { "BHD", 3, "BHD" },
  { "BIF", 0, "BIF" },  { "BMD", 2, "BMD" },  { "BND", 2, "BND" },
  { "BOB", 2, "Bs" },   { "BRL", 2, "R$" },   { "BSD", 2, "BSD" },
  { "BTN", 2, "Nu." },  { "BWP", 2, "P" },    { "BYN", 2, "BYN" },
  { "BZD", 2, "BZ$" },  { "CAD", 2, "CA$" },  { "CDF", 2, "CDF" },
  { "CHF", 2, "CHF" },  { "CLP", 0, "CLP" },  { "CNY", 2, "CN¥" },
  { "COP", 2, "COP" },  { "CRC", 2, "₡" },    { "CUP", 2, "CUP" },
  { "CVE", 2, "CVE" },  { "CZK", 2, "Kč" },   { "DJF", 0, "DJF" },
  { "DKK", 2, "DKK" },  { "DOP", 2, "RD$" },  { "DZD", 2, "DZD" },
  { "EGP", 2, "E£" },   { "ERN", 2, "ERN" },  { "ETB", 2, "ETB" },
  { "EUR", 2, "€" },    { "FJD", 2, "FJ$" },  { "FKP", 2, "FKP" },
  { "GBP", 2, "£" },    { "GEL", 2, "₾" },    { "GHS", 2, "GH₵" },
  { "GIP", 2, "GIP" },  { "GMD", 2, "GMD" },  { "GNF", 0, "GNF" },
  { "GTQ", 2, "GTQ" },  { "GYD", 2, "GYD" },  { "HKD", 2, "HK$" },
  { "HNL", 2, "HNL" },  { "HTG", 2, "HTG" },  { "HUF", 2, "Ft" },
  { "IDR", 2, "Rp" },   { "ILS", 2, "₪" },    { "INR", 2, "₹" },
  { "IQD", 3, "IQD" },  { "IRR", 2, "IRR" },  { "ISK", 0, "ISK" },
  { "JMD", 2, "J$" },   { "JOD", 3, "JOD" },  { "JPY", 0, "¥" },
  { "KES", 2, "KSh" },  { "KGS", 2, "KGS" },  { "KHR", 2, "៛" },
  { "KMF", 0, "KMF" },  { "KPW", 2, "KPW" },  { "KRW", 0, "₩" },
  { "KWD", 3, "KWD" },  { "KYD", 2, "KYD" },  { "KZT", 2, "₸" },
  { "LAK", 2, "₭" },    { "LBP", 2, "LBP" },  { "LKR", 2, "LKR" },
  { "LRD", 2, "LRD" },  { "LSL", 2, "LSL" },  { "LYD", 3, "LYD" },
  { "MAD", 2, "MAD" },  { "MDL", 2, "MDL" },  { "MGA", 2, "Ar" },
  { "MKD", 2, "MKD" },  { "MMK", 2, "MMK" },  { "MNT", 2, "₮" },
  { "MOP", 2, "MOP" },  { "MRU", 2, "MRU" },  { "MUR", 2, "MUR" },
  { "MVR", 2, "MVR" },  { "MWK", 2, "MWK" },  { "MXN", 2, "MX$" },
  { "MYR", 2, "RM" },   { "MZN", 2, "MZN" },  { "NAD", 2, "N$" },
  { "NGN", 2, "₦" },    { "NIO", 2, "C$" },   { "NOK", 2, "NOK" },
  { "NPR", 2, "NPR" },  { "NZD", 2, "NZ$" },  { "OMR", 3, "OMR" },
  { "PAB", 2, "B/." },  { "PEN", 2, "S/" },   { "PGK", 2, "PGK" },
  { "PHP", 2, "₱" },    { "PKR", 2, "PKR" },  { "PLN", 2, "zł" },
  { "PYG", 0, "₲" },    { "QAR", 2, "QAR" },  { "RON", 2, "RON" },
  { "RSD", 2, "RSD" },  { "RUB", 2, "₽" },    { "RWF", 0, "RWF" },
  { "SAR", 2, "SAR" },  { "SBD", 2, "SI$" },  { "SCR", 2, "SCR" },
  { "SDG", 2, "SDG" },  { "SEK", 2, "SEK" },  { "SGD", 2, "S$" },
  { "SHP", 2, "SHP" },  { "SLE", 2, "SLE" },  { "SOS", 2, "SOS" },
  { "SRD", 2, "SRD" },  { "SSP", 2, "SSP" },  { "STN", 2, "STN" },
  { "SYP", 2, "SYP" },  { "SZL", 2, "SZL" },  { "THB", 2, "฿" },
  { "TJS", 2, "TJS" },  { "TMT", 2, "TMT" },  { "TND", 3, "TND" },
  { "TOP", 2, "T$" },   { "TRY", 2, "₺" },    { "TTD", 2, "TT$" },
  { "TWD", 2, "NT$" },  { "TZS", 2, "TSh" },  { "UAH", 2, "₴" },
  { "UGX", 0, "USh" },  { "USD", 2, "$" },    { "UYU", 2, "$U" },
  { "UZS", 2, "UZS" },  { "VES", 2, "VES" },  { "VND", 0, "₫" },
  { "VUV", 0, "VUV" },  { "WST", 2, "WS$" },  { "XAF", 0, "XAF" },
  { "XCD", 2, "EC$" },  { "XCG", 2, "XCG" },  { "XOF", 0, "XOF" },
  { "XPF", 0, "XPF" },  { "YER", 2, "YER" },  { "ZAR", 2, "R" },
  { "ZMW", 2, "ZK" },   { "ZWG", 2, "ZWG" },
};

/* Other ways people write a currency before or after a number. */
static const struct
{
  const char *code;
  const char *alias;
} currency_aliases[] = {
  { "INR", "Rs." }, { "INR", "Rs" }, { "INR", "₨" },
  { "USD", "US$" },
  { "GBP", "GB£" },
};

static const gint64 powers_of_ten[] = { 1, 10, 100, 1000 };

/* What a price quoted in an error message may show of the text typed. */
#define QUOTE_MAX_CHARS 40

static const CcCurrency *
lookup_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

gboolean
cc_currency_is_valid (const char *code)
{
  return lookup_currency (code) != NULL;
}

int
cc_currency_exponent (const char *code)
{
  const CcCurrency *currency = lookup_currency (code);

  return currency != NULL ? currency->exponent : -1;
}

const char *
cc_currency_symbol (const char *code)
{
  const CcCurrency *currency = lookup_currency (code);

  g_return_val_if_fail (currency != NULL, NULL);

  return currency->symbol;
}

/* Parsing */

typedef struct
{
  /* Decimal points and digit-group separators this locale allows. At most
   * a handful each; a separator is never also a decimal point. */
  char *points[4];
  guint n_points;
  char *separators[8];
  guint n_separators;
} ParseMarks;

/* localeconv() fills one static buffer: read it under a lock, copy out. */
G_LOCK_DEFINE_STATIC (localeconv);

static gboolean
marks_contain (char *const *marks,
               guint        n_marks,
               const char  *mark)
{
  for (guint i = 0; i < n_marks; i++)
    if (strcmp (marks[i], mark) == 0)
      return TRUE;
  return FALSE;
}

static void
marks_add (char       **marks,
           guint       *n_marks,
           guint        max_marks,
           const char  *mark)
{
  if (mark == NULL || *mark == '\0' || marks_contain (marks, *n_marks, mark))
    return;
  g_assert (*n_marks < max_marks);
  marks[(*n_marks)++] = g_strdup (mark);
}

static void
parse_marks_clear (ParseMarks *marks)
{
  for (guint i = 0; i < marks->n_points; i++)
    g_free (marks->points[i]);
  for (guint i = 0; i < marks->n_separators; i++)
    g_free (marks->separators[i]);
}

/* "." is always a decimal point and "," always a separator, unless the
 * locale says otherwise: under de_DE "1.450,50" reads as it should, and
 * "14,50" under en_IN is refused by the grouping check instead of being
 * read as 1450. */
static void
parse_marks_init (ParseMarks *marks)
{
  g_autofree char *decimal_point = NULL;
  g_autofree char *mon_decimal_point = NULL;
  g_autofree char *thousands_sep = NULL;
  g_autofree char *mon_thousands_sep = NULL;
  const char *fixed_separators[] = { ",", " ", "\u00a0", "\u202f" };
  struct lconv *lc;

  memset (marks, 0, sizeof *marks);

  G_LOCK (localeconv);
  lc = localeconv ();
  decimal_point = g_strdup (lc->decimal_point);
  mon_decimal_point = g_strdup (lc->mon_decimal_point);
  thousands_sep = g_strdup (lc->thousands_sep);
  mon_thousands_sep = g_strdup (lc->mon_thousands_sep);
  G_UNLOCK (localeconv);

  marks_add (marks->points, &marks->n_points, G_N_ELEMENTS (marks->points), mon_decimal_point);
  marks_add (marks->points, &marks->n_points, G_N_ELEMENTS (marks->points), decimal_point);
  if (g_strcmp0 (thousands_sep, ".") != 0 && g_strcmp0 (mon_thousands_sep, ".") != 0)
    marks_add (marks->points, &marks->n_points, G_N_ELEMENTS (marks->points), ".");

  if (!marks_contain (marks->points, marks->n_points, mon_thousands_sep))
    marks_add (marks->separators, &marks->n_separators, G_N_ELEMENTS (marks->separators), mon_thousands_sep);
  if (!marks_contain (marks->points, marks->n_points, thousands_sep))
    marks_add (marks->separators, &marks->n_separators, G_N_ELEMENTS (marks->separators), thousands_sep);
  for (gsize i = 0; i < G_N_ELEMENTS (fixed_separators); i++)
    if (!marks_contain (marks->points, marks->n_points, fixed_separators[i]))
      marks_add (marks->separators, &marks->n_separators, G_N_ELEMENTS (marks->separators), fixed_separators[i]);
}

/* Length of the mark that @p starts with, or 0. */
static gsize
match_mark (char *const *marks,
            guint        n_marks,
            const char  *p)
{
  for (guint i = 0; i < n_marks; i++)
    {
      gsize len = strlen (marks[i]);

      if (strncmp (p, marks[i], len) == 0)
        return len;
    }
  return 0;
}

static const char *
skip_space (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Past the currency's symbol, code or alias at @p, or NULL. */
static const char *
skip_currency (const char       *p,
               const CcCurrency *currency)
{
  if (g_str_has_prefix (p, currency->symbol))
    return p + strlen (currency->symbol);
  if (g_ascii_strncasecmp (p, currency->code, 3) == 0)
    return p + 3;
  for (gsize i = 0; i < G_N_ELEMENTS (currency_aliases); i++)
    if (strcmp (currency_aliases[i].code, currency->code) == 0
        && g_str_has_prefix (p, currency_aliases[i].alias))
      return p + strlen (currency_aliases[i].alias);
  return NULL;
}

static const char *
skip_minus (const char *p,
            gboolean   *negative)
{
  gunichar c = g_utf8_get_char (p);

  /* Hyphen-minus, minus sign, en dash. */
  if (c == '-' || c == 0x2212 || c == 0x2013)
    {
      *negative = TRUE;
      return skip_space (g_utf8_next_char (p));
    }
  return p;
}

/* The text as an error message may quote it: trimmed and not too long. */
static char *
quote_for_message (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (g_utf8_strlen (copy, -1) > QUOTE_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (copy, 0, QUOTE_MAX_CHARS);
      return g_strconcat (head, "…", NULL);
    }
  return g_steal_pointer (&copy);
}

static gboolean
not_a_price (const char  *text,
             GError     **error)
{
  g_autofree char *quoted = quote_for_message (text);

  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("“%s” is not a price: use digits, like 1250.50"), quoted);
  return FALSE;
}

static gboolean
grouped_oddly (const char  *text,
               GError     **error)
{
  g_autofree char *quoted = quote_for_message (text);

  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("The digits of “%s” are grouped oddly: write it like 1450.50 or 1,450.50"),
               quoted);
  return FALSE;
}

static gboolean
too_large (GError **error)
{
  g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                       _("That price is too large"));
  return FALSE;
}

static gboolean
too_many_decimals (const CcCurrency  *currency,
                   GError           **error)
{
  if (currency->exponent == 0)
    g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                 _("%s has no decimal places: use a whole number"),
                 currency->code);
  else
    g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s has at most %d decimal place",
                              "%s has at most %d decimal places",
                              currency->exponent),
                 currency->code, currency->exponent);
  return FALSE;
}

/* Digit groups: the first has 1–3 digits, the last 3, those between 2 or 3
 * (3 for 1,450,000; 2 for the Indian 1,45,000). */
static gboolean
group_fits (guint    n_groups_before,
            guint    length,
            gboolean last)
{
  if (last)
    return length == 3;
  if (n_groups_before == 0)
    return length >= 1 && length <= 3;
  return length == 2 || length == 3;
}

gboolean
cc_money_parse (const char  *text,
                const char  *currency,
                gint64      *out_minor,
                GError     **error)
{
  const CcCurrency *cur;
  ParseMarks marks;
  const char *p;
  const char *after;
  gboolean negative = FALSE;
  gboolean currency_seen = FALSE;
  gboolean seen_point = FALSE;
  gboolean any_digit = FALSE;
  guint n_groups = 0;
  guint group_length = 0;
  guint n_decimals = 0;
  gint64 units = 0;
  gint64 fraction = 0;
  gint64 minor;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = lookup_currency (currency);
  if (cur == NULL)
    {
      if (g_utf8_validate (currency, -1, NULL))
        {
          g_autofree char *quoted = quote_for_message (currency);
          g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                       _("“%s” is not a currency CraftChain knows"), quoted);
        }
      else
        g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                             _("That is not a currency CraftChain knows"));
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("That price is not readable text: use digits, like 1250.50"));
      return FALSE;
    }

  p = skip_space (text);
  if (*p == '\0')
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("Enter a price, like 1250.50"));
      return FALSE;
    }

  /* "-₹5", "₹-5", "₹ 5", "INR 5" */
  p = skip_minus (p, &negative);
  if ((after = skip_currency (p, cur)) != NULL)
    {
      currency_seen = TRUE;
      p = skip_minus (skip_space (after), &negative);
    }
  if (negative)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("Prices cannot be negative"));
      return FALSE;
    }

  parse_marks_init (&marks);

  while (ok && *p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);
      gsize len;

      if (digit >= 0)
        {
          any_digit = TRUE;
          if (seen_point)
            {
              if (++n_decimals > (guint) cur->exponent)
                ok = too_many_decimals (cur, error);
              else
                fraction = fraction * 10 + digit;
            }
          else
            {
              /* units ≤ CC_MONEY_MAX before this step, so this cannot overflow. */
              units = units * 10 + digit;
              group_length++;
              if (units > CC_MONEY_MAX)
                ok = too_large (error);
            }
          p = g_utf8_next_char (p);
        }
      else if ((len = match_mark (marks.points, marks.n_points, p)) > 0)
        {
          if (seen_point)
            {
              g_autofree char *quoted = quote_for_message (text);
              g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("“%s” has more than one decimal point"), quoted);
              ok = FALSE;
            }
          else if (n_groups > 0 && !group_fits (n_groups, group_length, TRUE))
            ok = grouped_oddly (text, error);
          seen_point = TRUE;
          p += len;
        }
      else if ((len = match_mark (marks.separators, marks.n_separators, p)) > 0)
        {
          gboolean digit_follows = g_unichar_digit_value (g_utf8_get_char (p + len)) >= 0;

          /* A space not followed by a digit ends the number, so that
           * "1450 ₹" still reads. */
          if (!digit_follows && g_unichar_isspace (g_utf8_get_char (p)))
            break;
          if (!digit_follows || seen_point || !group_fits (n_groups, group_length, FALSE))
            ok = grouped_oddly (text, error);
          n_groups++;
          group_length = 0;
          p += len;
        }
      else
        break;
    }

  parse_marks_clear (&marks);

  if (!ok)
    return FALSE;

  if (!any_digit)
    return not_a_price (text, error);

  if (!seen_point && n_groups > 0 && !group_fits (n_groups, group_length, TRUE))
    return grouped_oddly (text, error);

  /* "1450 ₹", "1450 INR" */
  p = skip_space (p);
  if (!currency_seen && (after = skip_currency (p, cur)) != NULL)
    p = skip_space (after);
  if (*p != '\0')
    return not_a_price (text, error);

  /* units ≤ 10^14 and the exponent ≤ 3: no overflow. */
  minor = units * powers_of_ten[cur->exponent]
          + fraction * powers_of_ten[cur->exponent - n_decimals];
  if (minor > CC_MONEY_MAX)
    return too_large (error);

  if (out_minor != NULL)
    *out_minor = minor;
  return TRUE;
}

/* Formatting */

/* |minor| without overflowing on G_MININT64. */
static guint64
magnitude (gint64 minor)
{
  return minor < 0 ? (guint64) -(minor + 1) + 1 : (guint64) minor;
}

/* Splits @digits into groups from the right, sizes as in a locale's
 * grouping string: each byte one group, the last repeating, CHAR_MAX
 * meaning no further grouping. */
static void
append_grouped (GString    *out,
                const char *digits,
                const char *grouping,
                const char *separator)
{
  gsize n = strlen (digits);
  gsize lengths[32];
  guint n_lengths = 0;
  gsize remaining = n;
  gsize size = 3;
  const char *g = grouping;

  while (remaining > 0)
    {
      gsize take;

      if (*g == CHAR_MAX || *g < 0)
        size = remaining;
      else if (*g > 0)
        size = (gsize) *g++;
      take = MIN (size, remaining);
      g_assert (n_lengths < G_N_ELEMENTS (lengths));
      lengths[n_lengths++] = take;
      remaining -= take;
    }

  for (guint i = n_lengths; i > 0; i--)
    {
      g_string_append_len (out, digits, lengths[i - 1]);
      digits += lengths[i - 1];
      if (i > 1)
        g_string_append (out, separator);
    }
}

char *
cc_money_format (gint64      minor,
                 const char *currency)
{
  const CcCurrency *cur = lookup_currency (currency);
  g_autofree char *grouping = NULL;
  g_autofree char *separator = NULL;
  g_autofree char *point = NULL;
  g_autofree char *digits = NULL;
  struct lconv *lc;
  GString *out;
  guint64 abs_minor;
  guint64 divisor;
  gunichar last;

  g_return_val_if_fail (cur != NULL, NULL);

  G_LOCK (localeconv);
  lc = localeconv ();
  if (lc->mon_grouping != NULL && lc->mon_grouping[0] != '\0')
    grouping = g_strdup (lc->mon_grouping);
  else if (lc->grouping != NULL && lc->grouping[0] != '\0')
    grouping = g_strdup (lc->grouping);
  else
    grouping = g_strdup ("\3");
  if (lc->mon_thousands_sep != NULL && lc->mon_thousands_sep[0] != '\0')
    separator = g_strdup (lc->mon_thousands_sep);
  else
    separator = g_strdup (",");
  if (lc->mon_decimal_point != NULL && lc->mon_decimal_point[0] != '\0')
    point = g_strdup (lc->mon_decimal_point);
  else
    point = g_strdup (".");
  G_UNLOCK (localeconv);

  abs_minor = magnitude (minor);
  divisor = (guint64) powers_of_ten[cur->exponent];
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_minor / divisor);

  out = g_string_new (minor < 0 ? "-" : "");
  g_string_append (out, cur->symbol);
  /* "CHF 1,450.00" but "₹1,450.00": a symbol ending in a letter would run
   * into the digits. */
  last = g_utf8_get_char (g_utf8_prev_char (cur->symbol + strlen (cur->symbol)));
  if (g_unichar_isalpha (last))
    g_string_append (out, "\u00a0");
  append_grouped (out, digits, grouping, separator);
  if (cur->exponent > 0)
    {
      g_string_append (out, point);
      g_string_append_printf (out, "%0*" G_GUINT64_FORMAT,
                              cur->exponent, abs_minor % divisor);
    }

  return g_string_free (out, FALSE);
}

char *
cc_money_format_plain (gint64      minor,
                       const char *currency)
{
  const CcCurrency *cur = lookup_currency (currency);
  guint64 abs_minor;
  guint64 divisor;

  g_return_val_if_fail (cur != NULL, NULL);

  abs_minor = magnitude (minor);
  if (cur->exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", abs_minor);

  divisor = (guint64) powers_of_ten[cur->exponent];
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          minor < 0 ? "-" : "",
                          abs_minor / divisor,
                          cur->exponent, abs_minor % divisor);
}

/* Rates */

/* amount × basis_points / 10000 on magnitudes, in 32-bit limbs so the
 * 128-bit product needs no compiler extension. Saturates at G_MAXINT64 /
 * G_MININT64, far beyond any price CC_MONEY_MAX allows. */
gint64
cc_money_apply_rate (gint64 amount,
                     gint64 basis_points)
{
  gboolean negative = (amount < 0) != (basis_points < 0);
  guint64 a = magnitude (amount);
  guint64 b = magnitude (basis_points);
  guint64 a_limbs[2] = { a & 0xffffffffu, a >> 32 };
  guint64 b_limbs[2] = { b & 0xffffffffu, b >> 32 };
  guint32 product[4] = { 0, 0, 0, 0 };
  guint64 remainder = 0;
  guint64 quotient;
  guint64 limit;

  /* Schoolbook multiplication, least significant limb first. */
  for (guint i = 0; i < 2; i++)
    {
      guint64 carry = 0;

      for (guint j = 0; j < 2; j++)
        {
          guint64 t = a_limbs[i] * b_limbs[j] + product[i + j] + carry;

          product[i + j] = (guint32) t;
          carry = t >> 32;
        }
      for (guint k = i + 2; carry != 0 && k < 4; k++)
        {
          guint64 t = (guint64) product[k] + carry;

          product[k] = (guint32) t;
          carry = t >> 32;
        }
    }

  /* Long division by 10000, most significant limb first; the remainder is
   * below 10000, so (remainder << 32) | limb fits in 64 bits. */
  for (guint i = 4; i > 0; i--)
    {
      guint64 t = (remainder << 32) | product[i - 1];

      product[i - 1] = (guint32) (t / 10000);
      remainder = t % 10000;
    }

  /* limit < G_MAXUINT64, so once quotient ≤ limit, rounding up cannot wrap. */
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  quotient = ((guint64) product[1] << 32) | product[0];
  if (product[3] != 0 || product[2] != 0 || quotient > limit)
    return negative ? G_MININT64 : G_MAXINT64;
  if (remainder * 2 >= 10000)
    quotient++;
  if (quotient > limit)
    return negative ? G_MININT64 : G_MAXINT64;

  if (!negative)
    return (gint64) quotient;
  if (quotient == (guint64) G_MAXINT64 + 1)
    return G_MININT64;
  return -(gint64) quotient;
}
