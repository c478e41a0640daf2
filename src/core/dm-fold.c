/* dm-fold.c
 *
 * Folding runs over every text of a dataset once when its search index is
 * built (a million events is a few hundred megabytes of text), so a
 * character must not cost a normalisation and a case folding of its own.
 * ASCII is folded inline. Any other character is looked up in a table of
 * its block of 256 code points, filled on first use by the slow, exact
 * path (NFD, marks dropped, đ → d, case folded) and published atomically,
 * so that folding may run in worker threads. Folding is a function of each
 * character alone: NFD decomposes character by character and canonical
 * reordering only moves combining marks, which are all dropped, so folding
 * a text is the same as folding its characters one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem() */

#include "config.h"

#include <string.h>

#include "dm-fold.h"

#define BLOCK_BITS 8
#define BLOCK_SIZE (1u << BLOCK_BITS)
#define N_BLOCKS   (0x110000u >> BLOCK_BITS)

/* FoldEntry.len values besides a length of 0..7 bytes */
#define FOLD_SPACE 0xFE  /* white space */
#define FOLD_LONG  0xFF  /* longer than FoldEntry.bytes: fold it each time */

typedef struct
{
  guint8 len;
  char   bytes[7];
} FoldEntry;

static FoldEntry *fold_blocks[N_BLOCKS];

static gboolean
is_mark (gunichar c)
{
  return g_unichar_combining_class (c) != 0 ||
         g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

static gboolean
is_d_with_stroke (gunichar c)
{
  return c == 0x0110 || c == 0x0111;  /* Đ, đ */
}

/* The exact fold of one character that is not white space. What case
 * folding gives is decomposed again, as it may give a character that
 * decomposes. */
static void
fold_char_slow (gunichar  c,
                GString  *out)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *folded = NULL;
      char utf8[8];
      int len;

      if (is_mark (decomposed[i]))
        continue;
      if (is_d_with_stroke (decomposed[i]))
        {
          g_string_append_c (out, 'd');
          continue;
        }

      len = g_unichar_to_utf8 (decomposed[i], utf8);
      folded = g_utf8_casefold (utf8, len);
      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar again[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize m;

          m = g_unichar_fully_decompose (g_utf8_get_char (p), FALSE, again, G_N_ELEMENTS (again));
          for (gsize j = 0; j < m; j++)
            {
              if (is_mark (again[j]))
                continue;
              g_string_append_unichar (out, is_d_with_stroke (again[j]) ? 'd' : again[j]);
            }
        }
    }
}

static FoldEntry *
build_block (guint block)
{
  FoldEntry *entries = g_new0 (FoldEntry, BLOCK_SIZE);
  g_autoptr(GString) folded = g_string_new (NULL);

  for (guint i = 0; i < BLOCK_SIZE; i++)
    {
      gunichar c = (block << BLOCK_BITS) | i;

      if (!g_unichar_validate (c))
        continue;
      if (g_unichar_isspace (c))
        {
          entries[i].len = FOLD_SPACE;
          continue;
        }

      g_string_truncate (folded, 0);
      fold_char_slow (c, folded);
      if (folded->len > sizeof entries[i].bytes)
        {
          entries[i].len = FOLD_LONG;
        }
      else
        {
          memcpy (entries[i].bytes, folded->str, folded->len);
          entries[i].len = folded->len;
        }
    }

  return entries;
}

static const FoldEntry *
lookup (gunichar c)
{
  guint block = c >> BLOCK_BITS;
  FoldEntry *entries = g_atomic_pointer_get (&fold_blocks[block]);

  if (G_UNLIKELY (entries == NULL))
    {
      FoldEntry *built = build_block (block);

      /* Another thread may have built it meanwhile: keep theirs. The blocks
       * live as long as the process. */
      if (g_atomic_pointer_compare_and_exchange (&fold_blocks[block], NULL, built))
        entries = built;
      else
        {
          g_free (built);
          entries = g_atomic_pointer_get (&fold_blocks[block]);
        }
    }

  return &entries[c & (BLOCK_SIZE - 1)];
}

/* Where fold_into() is in its text. */
typedef struct
{
  const char  *text;
  GString     *out;
  GArray      *map;
  gsize        base;           /* where the fold of text starts in out */
  gboolean     pending_space;
  DmFoldRange  space;          /* the run of white space it stands for */
} Folder;

/* Appends @bytes, folded from @text[@from, @to). */
static void
folder_emit (Folder     *folder,
             const char *bytes,
             gsize       len,
             gsize       from,
             gsize       to,
             gboolean    lower_ascii)
{
  gsize old_len;

  if (folder->pending_space)
    {
      g_string_append_c (folder->out, ' ');
      if (folder->map != NULL)
        g_array_append_val (folder->map, folder->space);
      folder->pending_space = FALSE;
    }

  old_len = folder->out->len;
  g_string_set_size (folder->out, old_len + len);
  if (lower_ascii)
    {
      for (gsize i = 0; i < len; i++)
        {
          char c = bytes[i];

          folder->out->str[old_len + i] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
        }
    }
  else
    {
      memcpy (folder->out->str + old_len, bytes, len);
    }

  if (folder->map != NULL)
    {
      for (gsize i = 0; i < len; i++)
        {
          /* Bytes of ASCII map one to one; the bytes of one character's
           * fold all map to that character. */
          DmFoldRange range = { lower_ascii ? from + i : from, lower_ascii ? from + i + 1 : to };

          g_array_append_val (folder->map, range);
        }
    }
}

/* White space at @text[@from, @to): leading white space is dropped, a run
 * becomes one space when something follows it, trailing white space is
 * dropped. */
static void
folder_space (Folder *folder,
              gsize   from,
              gsize   to)
{
  if (folder->out->len == folder->base)
    return;

  if (!folder->pending_space)
    folder->space.start = from;
  folder->pending_space = TRUE;
  folder->space.end = to;
}

/* Something at @text[@from, @to) that folds to nothing: a mark belongs to
 * what it follows. */
static void
folder_drop (Folder *folder,
             gsize   to)
{
  if (folder->map == NULL)
    return;

  if (folder->pending_space)
    folder->space.end = to;
  else if (folder->map->len > 0)
    g_array_index (folder->map, DmFoldRange, folder->map->len - 1).end = to;
}

/* Appends the fold of @text to @out. With @map (then @out must start
 * empty), appends for every byte appended the span of @text it came from:
 * the character it was folded from, with any marks dropped after it; for
 * the one space of a run of white space, the whole run. */
static void
fold_into (const char *text,
           GString    *out,
           GArray     *map)
{
  g_autoptr(GString) scratch = NULL;
  Folder folder = { text, out, map, out->len, FALSE, { 0, 0 } };
  const char *p = text;

  g_assert (map == NULL || folder.base == 0);

  while (*p != '\0')
    {
      const char *start = p;
      const FoldEntry *entry;
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isspace (*p))
            {
              while (*p != '\0' && g_ascii_isspace (*p))
                p++;
              folder_space (&folder, start - text, p - text);
              continue;
            }

          /* A run of ASCII, the bulk of most texts, in one go. */
          while (*p != '\0' && (guchar) *p < 0x80 && !g_ascii_isspace (*p))
            p++;
          folder_emit (&folder, start, p - start, start - text, p - text, TRUE);
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c >= 0x110000)  /* (gunichar) -1 or -2: not UTF-8 */
        {
          p++;
          folder_drop (&folder, p - text);
          continue;
        }

      p = g_utf8_next_char (p);
      entry = lookup (c);
      if (entry->len == FOLD_SPACE)
        {
          folder_space (&folder, start - text, p - text);
        }
      else if (entry->len == FOLD_LONG)
        {
          if (scratch == NULL)
            scratch = g_string_new (NULL);
          g_string_truncate (scratch, 0);
          fold_char_slow (c, scratch);
          folder_emit (&folder, scratch->str, scratch->len, start - text, p - text, FALSE);
        }
      else if (entry->len == 0)
        {
          folder_drop (&folder, p - text);
        }
      else
        {
          folder_emit (&folder, entry->bytes, entry->len, start - text, p - text, FALSE);
        }
    }
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const DmFoldRange *x = a;
  const DmFoldRange *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Public API */

char *
dm_fold (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  fold_into (text, out, NULL);

  return g_string_free (out, FALSE);
}

void
dm_fold_append (GString    *out,
                const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  fold_into (text, out, NULL);
}

char **
dm_fold_split (const char *folded_query)
{
  GPtrArray *words;
  const char *p = folded_query;

  g_return_val_if_fail (folded_query != NULL, NULL);

  words = g_ptr_array_new ();
  while (*p != '\0')
    {
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (words, FALSE);
}

gboolean
dm_fold_is_phrase (const char *folded_query)
{
  g_return_val_if_fail (folded_query != NULL, FALSE);

  return strchr (folded_query, ' ') != NULL;
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

gboolean
dm_fold_is_word_start (const char *text,
                       const char *at)
{
  g_return_val_if_fail (text != NULL && at != NULL && at >= text, FALSE);

  return at == text || !is_word_byte (at[-1]);
}

const char *
dm_fold_find (const char *text,
              gsize       length,
              const char *from,
              const char *query,
              gsize       query_length,
              gboolean    phrase)
{
  const char *end = text + length;

  g_return_val_if_fail (text != NULL && from != NULL && query != NULL, NULL);

  while (from < end && (gsize) (end - from) >= query_length)
    {
      const char *hit = memmem (from, end - from, query, query_length);

      if (hit == NULL)
        return NULL;
      if (!phrase || dm_fold_is_word_start (text, hit))
        return hit;
      from = hit + 1;
    }

  return NULL;
}

gboolean
dm_fold_match_ranges (const char *text,
                      const char *folded_query,
                      GArray     *ranges)
{
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) map = NULL;
  g_autoptr(GArray) found = NULL;
  g_auto(GStrv) words = NULL;
  const char *query_words[2] = { folded_query, NULL };
  const char * const *terms;
  gboolean phrase;
  guint before;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (folded_query != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (ranges) == sizeof (DmFoldRange), FALSE);

  /* A phrase is found as one piece, at the start of a word; a single word
   * anywhere. */
  phrase = dm_fold_is_phrase (folded_query);
  words = dm_fold_split (folded_query);
  if (words[0] == NULL)
    return FALSE;
  terms = phrase ? query_words : (const char * const *) words;

  folded = g_string_new (NULL);
  map = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
  fold_into (text, folded, map);
  g_assert (map->len == folded->len);

  found = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
  for (guint w = 0; terms[w] != NULL; w++)
    {
      gsize len = strlen (terms[w]);
      const char *hit;

      /* Overlapping occurrences too ("aa" in "aaa"); merged below. A hit
       * always starts on a character, as both texts are UTF-8. */
      for (hit = dm_fold_find (folded->str, folded->len, folded->str, terms[w], len, phrase);
           hit != NULL;
           hit = dm_fold_find (folded->str, folded->len, g_utf8_next_char (hit), terms[w], len, phrase))
        {
          gsize from = hit - folded->str;
          DmFoldRange range = {
            g_array_index (map, DmFoldRange, from).start,
            g_array_index (map, DmFoldRange, from + len - 1).end,
          };

          g_array_append_val (found, range);
        }
    }

  if (found->len == 0)
    return FALSE;

  g_array_sort (found, compare_ranges);
  before = ranges->len;
  for (guint i = 0; i < found->len; i++)
    {
      const DmFoldRange *range = &g_array_index (found, DmFoldRange, i);
      DmFoldRange *last = ranges->len > before
        ? &g_array_index (ranges, DmFoldRange, ranges->len - 1)
        : NULL;

      if (last != NULL && range->start <= last->end)
        last->end = MAX (last->end, range->end);
      else
        g_array_append_val (ranges, *range);
    }

  return TRUE;
}
