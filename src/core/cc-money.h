/* cc-money.h — money as integer minor units of an ISO 4217 currency.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest amount accepted anywhere (in minor units): larger is "absurd". */
#define CC_MONEY_MAX G_GINT64_CONSTANT (100000000000000) /* 10^14 */

/* TRUE for a known ISO 4217 code ("INR", "USD", "EUR", "JPY", …). */
gboolean    cc_currency_is_valid     (const char *code);
/* Digits after the decimal point: INR 2, JPY 0, KWD 3. -1 if unknown. */
int         cc_currency_exponent     (const char *code);
/* "₹", "$", "€", "£", "¥"…; the code itself when there is no symbol. */
const char *cc_currency_symbol       (const char *code);

/* Parses what a person types: "1450", "1,450.50", "1450.5", "₹1,45,000",
 * with "." as the decimal point or the locale's own. Refuses (with a
 * translated CC_ERROR_INVALID_INPUT) empty text, letters, more decimals
 * than the currency has, negative amounts and amounts over CC_MONEY_MAX. */
gboolean    cc_money_parse           (const char  *text,
                                      const char  *currency,
                                      gint64      *out_minor,
                                      GError     **error);
/* For people, in the current locale (LC_MONETARY/LC_NUMERIC):
 * ₹1,45,000.00 under hi_IN or en_IN (Indian grouping), $1,450.00 under C. */
char       *cc_money_format          (gint64      minor,
                                      const char *currency);
/* For files and JSON: "145000.00", "-3.50", "1200" (JPY). No grouping. */
char       *cc_money_format_plain    (gint64      minor,
                                      const char *currency);
/* amount × basis_points / 10000, rounded half up (away from zero). */
gint64      cc_money_apply_rate      (gint64 amount,
                                      gint64 basis_points);

G_END_DECLS
