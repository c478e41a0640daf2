/* dm-fold.h — the search form of a text: no case, no diacritics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A span of bytes [start, end) in a text. */
typedef struct
{
  guint start;
  guint end;
} DmFoldRange;

/* The search form of @text: canonical decomposition (NFD), combining marks
 * dropped, đ/Đ read as d, case folded, every run of white space made one
 * space, no white space at either end. "  Nghị   QUYẾT " and the same
 * words written with combining marks both give "nghi quyet"; "Hội thảo"
 * gives "hoi thao". Bytes that are not UTF-8 are dropped. A folded text
 * never contains '\n'. */
char        *dm_fold               (const char  *text);

/* Appends dm_fold (@text) to @out without allocating a string of its own. */
void         dm_fold_append        (GString     *out,
                                    const char  *text);

/* The words of a folded query (split at its spaces), NULL-terminated;
 * never contains an empty word. */
char       **dm_fold_split         (const char  *folded_query);

/* Whether a folded query is a phrase: several words, which match only
 * adjacent and in that order, starting at the start of a word (a
 * Vietnamese word is several syllables written apart: "hoi nghi" is one
 * word, and must not match "xa hoi … nghi quyet"). */
gboolean     dm_fold_is_phrase     (const char  *folded_query);

/* Whether @at, a position in the folded @text, starts a word: nothing
 * before it, or something that is not a letter or a digit. */
gboolean     dm_fold_is_word_start (const char  *text,
                                    const char  *at);

/* Where the folded @query occurs in the folded @text of @length bytes, from
 * @from on, as a search matches it: anywhere for one word, at the start of
 * a word for a phrase (dm_fold_is_phrase()); NULL when it does not. */
const char  *dm_fold_find          (const char  *text,
                                    gsize        length,
                                    const char  *from,
                                    const char  *query,
                                    gsize        query_length,
                                    gboolean     phrase);

/* For highlighting: appends to @ranges (a GArray of DmFoldRange) the byte
 * spans of the ORIGINAL @text where @folded_query (a dm_fold() result)
 * occurs once folded, as a search matches it (dm_fold_find()), sorted and merged where they touch. A span
 * always covers whole characters of @text, including the combining marks
 * written after a matched letter. Returns TRUE if any span was appended. */
gboolean     dm_fold_match_ranges  (const char  *text,
                                    const char  *folded_query,
                                    GArray      *ranges);

G_END_DECLS
