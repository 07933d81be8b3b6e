/* cc-text.h — text rules: NFC everywhere, words as search sees them, slugs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFC, surrounding white space trimmed. NULL (and invalid UTF-8) gives NULL. */
char      *cc_text_normalize   (const char *text);
/* Folds one word or prefix the way the search index does: NFC, case-folded,
 * Latin diacritics removed ("Café" → "cafe"); Indic vowel signs and viramas
 * are kept, so "नमस्ते" stays whole. */
char      *cc_text_fold        (const char *text);
/* Splits into folded words: runs of letters (L*), numbers (N*), marks (M*)
 * and private-use (Co) characters — the FTS5 tokenizer's categories. */
GPtrArray *cc_text_words       (const char *text);
/* "Indigo Block-Print Scarf!" → "indigo-block-print-scarf"; letters of any
 * script are kept; never empty (falls back to "item"). */
char      *cc_text_slugify     (const char *text);

/* NULL passes; refuses (CC_ERROR_INVALID_INPUT, naming field) invalid
 * UTF-8 and text longer than max characters. */
gboolean   cc_text_check       (const char  *text,
                                gsize        max,
                                const char  *field,
                                GError     **error);

G_END_DECLS
