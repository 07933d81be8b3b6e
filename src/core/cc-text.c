/* cc-text.c — text rules: NFC everywhere, words as the search index sees them, slugs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cc-error.h"
#include "cc-text.h"

#define SLUG_MAX_BYTES 80

/* White space, plus the invisible characters that paste brings along. */
static gboolean
is_trimmable (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The FTS5 tokenizer's categories: 'L* N* Co M*'. */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
cc_text_normalize (const char *text)
{
  g_autofree char *nfc = NULL;
  const char *start;
  const char *end;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;

  start = nfc;
  while (*start != '\0' && is_trimmable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_trimmable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* @text must be valid UTF-8. */
static char *
fold_valid (const char *text,
            gssize      length)
{
  g_autofree char *nfc = g_utf8_normalize (text, length, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (nfc, -1);
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) stripped = g_string_sized_new (strlen (nfd));
  GUnicodeScript base_script = G_UNICODE_SCRIPT_UNKNOWN;

  /* Only Latin letters lose their marks ("é" → "e"): an Indic vowel sign
   * or virama is part of the letter, and dropping it changes the word. */
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        {
          if (base_script == G_UNICODE_SCRIPT_LATIN)
            continue;
        }
      else
        base_script = g_unichar_get_script (c);

      g_string_append_unichar (stripped, c);
    }

  return g_utf8_normalize (stripped->str, stripped->len, G_NORMALIZE_NFC);
}

char *
cc_text_fold (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  return fold_valid (text, -1);
}

GPtrArray *
cc_text_words (const char *text)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *nfc = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  words = g_ptr_array_new_with_free_func (g_free);

  p = nfc;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      {
        g_autofree char *word = fold_valid (start, p - start);

        if (word != NULL && *word != '\0')
          g_ptr_array_add (words, g_steal_pointer (&word));
      }
    }

  return g_steal_pointer (&words);
}

char *
cc_text_slugify (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) slug = NULL;
  gsize cut;

  g_return_val_if_fail (text != NULL, NULL);

  /* A slug is made from anything: broken bytes become U+FFFD, a separator. */
  valid = g_utf8_make_valid (text, -1);
  folded = fold_valid (valid, -1);
  slug = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        g_string_append_unichar (slug, c);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  /* Cut at a character boundary, and never between a letter and its
   * vowel sign or accent. */
  if (slug->len > SLUG_MAX_BYTES)
    {
      const char *end = slug->str + SLUG_MAX_BYTES;

      while (end > slug->str && ((*end & 0xC0) == 0x80 || is_mark (g_utf8_get_char (end))))
        end = g_utf8_prev_char (end);
      cut = end - slug->str;
      g_string_truncate (slug, cut);
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    return g_strdup ("item");

  return g_string_free (g_steal_pointer (&slug), FALSE);
}

gboolean
cc_text_check (const char  *text,
               gsize        max,
               const char  *field,
               GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return cc_invalid_input (error, _("%s is not valid text"), field);
  if ((gsize)g_utf8_strlen (text, -1) > max)
    return cc_invalid_input (error,
                             ngettext ("%s is too long (at most %u character)",
                                       "%s is too long (at most %u characters)", (gulong)max),
                             field, (guint)max);
  return TRUE;
}
