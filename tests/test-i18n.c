/* test-i18n.c — the library and the command line really speak Hindi.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <locale.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-error.h"
#include "cc-money.h"
#include "cc-test-util.h"

#define HINDI_LOCALE "hi_IN.UTF-8"

static gboolean have_hindi_locale;

/* Marks the test skipped when the Hindi locale is missing. */
static gboolean
require_hindi (void)
{
  if (!have_hindi_locale)
    {
      g_test_skip ("hi_IN.UTF-8 locale not generated; run make locales");
      return FALSE;
    }
  return TRUE;
}

/* TRUE when @text has at least one character of the Devanagari block. */
static gboolean
has_devanagari (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0900 && c <= 0x097F)
        return TRUE;
    }
  return FALSE;
}

/* The Hindi of @msgid from the catalogue; fails if there is none. */
static const char *
hindi_of (const char *msgid)
{
  const char *translated = g_dgettext (GETTEXT_PACKAGE, msgid);

  g_assert_cmpstr (translated, !=, msgid);
  g_assert_true (has_devanagari (translated));
  return translated;
}

static void
test_core_error (void)
{
  g_autoptr(CcStore) store = NULL;
  g_autoptr(CcProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *expected;

  if (!require_hindi ())
    return;

  expected = hindi_of ("Every piece needs a title");

  store = cc_test_open_store ();
  product = cc_product_new ();
  cc_product_set_title (product, "hi", "");
  product->price = 145000;

  id = cc_catalogue_create_product (store, product, &error);
  g_assert_null (id);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (has_devanagari (error->message));
  g_assert_cmpstr (error->message, !=, "Every piece needs a title");
  g_assert_cmpint (cc_test_count_rows (store, "products", NULL), ==, 0);
  g_assert_cmpint (cc_test_count_rows (store, "outbox", NULL), ==, 0);
}

static void
test_money (void)
{
  g_autofree char *formatted = NULL;
  g_autofree char *expected_error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor = -777;

  if (!require_hindi ())
    return;

  /* Indian grouping from the hi_IN locale. */
  formatted = cc_money_format (14500000, "INR");
  g_assert_cmpstr (formatted, ==, "₹1,45,000.00");

  /* What goes wrong with a price is said in Hindi. */
  parts = g_strsplit (hindi_of ("“%s” is not a price: use digits, like 1250.50"), "%s", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  expected_error = g_strjoinv ("abc", parts);
  g_assert_false (cc_money_parse ("abc", "INR", &minor, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected_error);
  g_assert_cmpint (minor, ==, -777);
}

static void
test_status_label (void)
{
  const char *active;

  if (!require_hindi ())
    return;

  active = cc_product_status_get_label (CC_PRODUCT_ACTIVE);
  g_assert_nonnull (active);
  g_assert_true (has_devanagari (active));
  g_assert_cmpstr (active, ==, hindi_of ("Active"));
  g_assert_true (has_devanagari (cc_product_status_get_label (CC_PRODUCT_DRAFT)));
  g_assert_true (has_devanagari (cc_product_status_get_label (CC_PRODUCT_ARCHIVED)));
}

static void
test_cli_help (void)
{
  g_autofree char *cli = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("CRAFTCHAIN_LOCALEDIR");
  int wait_status = 0;

  if (!require_hindi ())
    return;

  g_assert_nonnull (localedir);
  cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "craftchain-cli", NULL);
  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE));

  dir = cc_test_make_tmpdir ();
  db = g_build_filename (dir, "shop.db", NULL);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "LANGUAGE", "hi", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", HINDI_LOCALE, TRUE);
  envp = g_environ_setenv (envp, "CRAFTCHAIN_LOCALEDIR", localedir, TRUE);
  envp = g_environ_setenv (envp, "CRAFTCHAIN_DB", db, TRUE);

  {
    const char *argv[] = { cli, "--help", NULL };

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &wait_status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);

  g_assert_true (has_devanagari (out));
  g_assert_nonnull (strstr (out, hindi_of ("Commands:")));
  /* Command and option names stay as they are typed. */
  g_assert_nonnull (strstr (out, "products"));
  g_assert_nonnull (strstr (out, "--json"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "hi", TRUE);
  have_hindi_locale = setlocale (LC_ALL, HINDI_LOCALE) != NULL;
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CRAFTCHAIN_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/hindi/core-error", test_core_error);
  g_test_add_func ("/i18n/hindi/money", test_money);
  g_test_add_func ("/i18n/hindi/status-label", test_status_label);
  g_test_add_func ("/i18n/hindi/cli-help", test_cli_help);

  return g_test_run ();
}
