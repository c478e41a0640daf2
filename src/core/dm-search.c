/* dm-search.c
 *
 * The index is a plain, reference-counted struct rather than a GObject: it
 * has no properties or signals, never changes once built, and is shared by
 * whoever searches the same dataset (the window, the filter, a worker
 * thread), which an atomic reference count covers at less cost.
 *
 * Speed. The folded texts of all events sit in one buffer, each event's
 * text ending with '\0' (fields within it are separated by '\n'; neither
 * byte can be part of a query word). A query scans that buffer once for
 * its longest word, maps each hit to its event (galloping over the start
 * offsets, as hits are mostly close together), checks the other words
 * inside that event's text only, and resumes after that event. Nothing is
 * allocated per event, and the substring search has no set-up per call
 * (see find()), which matters when it runs on a million short texts.
 * DmSearchState keeps the chain of queries typed so far, each extending
 * the one before, with their matches: a keystroke that extends the query
 * rechecks only the previous matches, and only for the words that are new
 * (typing in the last word rechecks that word); Backspace finds the
 * earlier answer in the chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem() where there is no SSE2 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
# include <emmintrin.h>
#endif

#include "dm-fold.h"
#include "dm-search.h"

/* How many queries a DmSearchState remembers, and how many matches in
 * all, as a multiple of the number of events. */
#define MAX_STEPS 32
#define MAX_REMEMBERED 4

struct _DmSearchIndex
{
  char    *text;      /* every event's folded text, each followed by '\0' */
  gsize   *offsets;   /* n_events + 1: where each event's text starts */
  guint32 *ranks;     /* 3 per event, from its start: where its summary,
                       * its other fields and its quotes start */
  guint    n_events;
};

/* A folded query, ready to run: one word, found anywhere (a part of a
 * word too), or a phrase of several, found as one piece at the start of a
 * word (dm_fold_is_phrase()). */
typedef struct
{
  char     *text;
  gsize     length;
  gboolean  phrase;
} Query;

typedef struct
{
  char   *folded;
  GArray *matches;  /* guint positions, in time order */
} Step;

struct _DmSearchState
{
  DmSearchIndex *index;
  GPtrArray     *steps;       /* Step*, the query of each a prefix of the next's */
  gsize          remembered;  /* matches in all steps */
};

/* Building */

static void
append_folded (GString    *text,
               gsize       event_start,
               const char *folded)
{
  if (folded[0] == '\0')
    return;
  if (text->len > event_start)
    g_string_append_c (text, '\n');
  g_string_append (text, folded);
}

static void
append_field (GString    *text,
              gsize       event_start,
              const char *field)
{
  gsize mark;

  if (field == NULL || field[0] == '\0')
    return;

  mark = text->len;
  if (mark > event_start)
    g_string_append_c (text, '\n');
  dm_fold_append (text, field);

  /* Only marks or white space: no line for it. */
  if (text->len == mark + (mark > event_start ? 1 : 0))
    g_string_truncate (text, mark);
}

static void
append_text (GString      *text,
             gsize         event_start,
             const DmText *field)
{
  append_field (text, event_start, field->vi);
  if (g_strcmp0 (field->vi, field->en) != 0)
    append_field (text, event_start, field->en);
}

/* Where the next field will start, from the event's start. */
static guint32
field_mark (GString *text,
            gsize    event_start)
{
  return (guint32) MIN (text->len - event_start, G_MAXUINT32);
}

static void
append_event (GString       *text,
              DmDataset     *dataset,
              const DmEvent *event,
              GPtrArray     *kind_texts,
              guint32       *ranks)
{
  gsize start = text->len;

  /* Fields go in the order of their rank: title, summary, the rest,
   * quotes. */
  append_text (text, start, &event->title);
  ranks[0] = field_mark (text, start);
  append_text (text, start, &event->summary);
  ranks[1] = field_mark (text, start);
  append_text (text, start, &event->place);

  if (event->actors != NULL)
    {
      for (guint a = 0; a < event->actors->len; a++)
        {
          const DmActor *actor = g_ptr_array_index (event->actors, a);

          append_field (text, start, actor->name);
          append_text (text, start, &actor->role);
        }
    }

  if (event->tags != NULL)
    {
      for (guint t = 0; t < event->tags->len; t++)
        {
          const char *tag = g_ptr_array_index (event->tags, t);
          const DmTag *label = dm_dataset_lookup_tag_label (dataset, tag);

          append_field (text, start, tag);
          if (label != NULL)
            append_text (text, start, &label->label);
        }
    }

  if (event->kind_index < kind_texts->len)
    append_folded (text, start, g_ptr_array_index (kind_texts, event->kind_index));
  ranks[2] = field_mark (text, start);

  if (event->citations != NULL)
    {
      for (guint c = 0; c < event->citations->len; c++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, c);

          append_field (text, start, citation->quote);
          append_text (text, start, &citation->translation);
        }
    }

  g_string_append_c (text, '\0');
}

static void
dm_search_index_clear (gpointer data)
{
  DmSearchIndex *self = data;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->offsets, g_free);
  g_clear_pointer (&self->ranks, g_free);
}

/* Queries */

static void
query_init (Query      *query,
            const char *folded)
{
  query->text = g_strdup (folded);
  query->length = strlen (folded);
  query->phrase = dm_fold_is_phrase (folded);
}

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->text, g_free);
  query->length = 0;
}

/* memmem() without its set-up per call, which costs more than the search
 * itself on texts of a few hundred bytes: the first and last bytes of the
 * needle are compared at 16 places at once, the rest only where both
 * match. */
static const char *
find (const char *haystack,
      gsize       haystack_len,
      const char *needle,
      gsize       needle_len)
{
  if (needle_len > haystack_len)
    return NULL;
  if (needle_len == 1)
    return memchr (haystack, needle[0], haystack_len);

#if defined(__SSE2__)
  {
    const __m128i first = _mm_set1_epi8 (needle[0]);
    const __m128i last = _mm_set1_epi8 (needle[needle_len - 1]);
    gsize starts = haystack_len - needle_len + 1;  /* where a match can start */
    gsize i = 0;

    for (; i + 16 <= starts; i += 16)
      {
        __m128i a = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (haystack + i));
        __m128i b = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (haystack + i + needle_len - 1));
        unsigned mask = _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, first),
                                                          _mm_cmpeq_epi8 (b, last)));

        while (mask != 0)
          {
            unsigned bit = __builtin_ctz (mask);

            if (memcmp (haystack + i + bit + 1, needle + 1, needle_len - 2) == 0)
              return haystack + i + bit;
            mask &= mask - 1;
          }
      }

    for (; i < starts; i++)
      {
        if (haystack[i] == needle[0] &&
            haystack[i + needle_len - 1] == needle[needle_len - 1] &&
            memcmp (haystack + i + 1, needle + 1, needle_len - 2) == 0)
          return haystack + i;
      }

    return NULL;
  }
#else
  return memmem (haystack, haystack_len, needle, needle_len);
#endif
}

/* Where @query first occurs in @text, from @from, as a search matches it:
 * a phrase only at the start of a word. */
static const char *
find_query (const char  *text,
            gsize        len,
            const char  *from,
            const Query *query)
{
  const char *end = text + len;

  while (from < end)
    {
      const char *hit = find (from, end - from, query->text, query->length);

      if (hit == NULL || !query->phrase || dm_fold_is_word_start (text, hit))
        return hit;
      from = hit + 1;
    }

  return NULL;
}

/* Where @query first occurs in the text of the event at @position, from
 * its start; NULL when the event does not match. */
static const char *
event_find (const DmSearchIndex *self,
            guint                position,
            const Query         *query)
{
  const char *start = self->text + self->offsets[position];
  gsize len = self->offsets[position + 1] - self->offsets[position] - 1;

  return find_query (start, len, start, query);
}

static gboolean
event_matches (const DmSearchIndex *self,
               guint                position,
               const Query         *query)
{
  return query->length == 0 || event_find (self, position, query) != NULL;
}

/* The event whose text contains byte @at, at or after @from. Hits are
 * mostly in one of the next few events: gallop, then bisect. */
static guint
event_at (const DmSearchIndex *self,
          guint                from,
          gsize                at)
{
  guint lo = from;
  guint step = 1;
  guint hi;

  while (lo + step < self->n_events && self->offsets[lo + step] <= at)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, self->n_events);

  /* offsets[lo] <= at < offsets[hi] */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->offsets[mid] <= at)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static void
append_all (const DmSearchIndex *self,
            GArray              *positions)
{
  guint before = positions->len;

  g_array_set_size (positions, before + self->n_events);
  for (guint i = 0; i < self->n_events; i++)
    g_array_index (positions, guint, before + i) = i;
}

static void
scan_all (const DmSearchIndex *self,
          const Query         *query,
          GArray              *positions)
{
  gsize total = self->offsets[self->n_events];
  gsize from = 0;
  guint event = 0;

  if (query->length == 0)
    {
      append_all (self, positions);
      return;
    }

  /* No hit crosses an event: each text ends with '\0', which no query
   * has. A phrase's hit inside a word is skipped (find_query()). */
  while (from < total)
    {
      const char *hit = find_query (self->text, total, self->text + from, query);

      if (hit == NULL)
        break;

      event = event_at (self, event, hit - self->text);
      g_array_append_val (positions, event);

      from = self->offsets[event + 1];
      event++;
    }
}

static void
scan_subset (const DmSearchIndex *self,
             const Query         *query,
             const GArray        *candidates,
             GArray              *positions)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      guint event = g_array_index (candidates, guint, i);

      if (event_matches (self, event, query))
        g_array_append_val (positions, event);
    }
}

/* Public API */

/* How many events follow the @added ones put in at @position, of @n. */
static guint
tail_count (guint n,
                 guint position,
                 guint added)
{
  return n - position - added;
}

/* Each kind's label is folded once, not once per event. */
static GPtrArray *
fold_kind_texts (DmDataset *dataset)
{
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  GPtrArray *kind_texts = g_ptr_array_new_full (n_kinds, g_free);

  for (guint k = 0; k < n_kinds; k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);
      GString *label = g_string_new (NULL);

      append_text (label, 0, &kind->label);
      if (label->len == 0)
        append_field (label, 0, kind->id);
      g_ptr_array_add (kind_texts, g_string_free (label, FALSE));
    }

  return kind_texts;
}

DmSearchIndex *
dm_search_index_new (DmDataset *dataset)
{
  g_autoptr(GPtrArray) kind_texts = NULL;
  DmSearchIndex *self;
  GString *text;
  guint n;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  kind_texts = fold_kind_texts (dataset);
  n = dm_dataset_get_n_events (dataset);
  self = g_atomic_rc_box_new0 (DmSearchIndex);
  self->n_events = n;
  self->offsets = g_new (gsize, n + 1);
  self->ranks = g_new (guint32, (gsize) MAX (n, 1) * 3);

  text = g_string_sized_new ((gsize) n * 64 + 1);
  for (guint i = 0; i < n; i++)
    {
      self->offsets[i] = text->len;
      append_event (text, dataset, dm_dataset_get_event (dataset, i), kind_texts, self->ranks + (gsize) i * 3);
    }
  self->offsets[n] = text->len;

  /* GString grows by doubling; give back what it did not use. */
  self->text = g_realloc (g_string_free (text, FALSE), self->offsets[n] + 1);

  return self;
}

DmSearchIndex *
dm_search_index_splice (DmSearchIndex *self,
                        DmDataset     *dataset,
                        guint          position,
                        guint          removed,
                        guint          added)
{
  g_autoptr(GPtrArray) kind_texts = NULL;
  g_autoptr(GString) fresh = NULL;
  g_autofree guint32 *fresh_ranks = NULL;
  g_autofree gsize *fresh_offsets = NULL;
  DmSearchIndex *spliced;
  gsize cut_start;
  gsize cut_end;
  gsize tail;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (position + removed <= self->n_events, NULL);
  g_return_val_if_fail (self->n_events - removed + added == dm_dataset_get_n_events (dataset), NULL);

  /* The events put in, folded as dm_search_index_new() folds them. */
  kind_texts = fold_kind_texts (dataset);
  fresh = g_string_new (NULL);
  fresh_ranks = g_new (guint32, (gsize) MAX (added, 1) * 3);
  fresh_offsets = g_new (gsize, added + 1);
  for (guint i = 0; i < added; i++)
    {
      fresh_offsets[i] = fresh->len;
      append_event (fresh, dataset, dm_dataset_get_event (dataset, position + i), kind_texts, fresh_ranks + (gsize) i * 3);
    }
  fresh_offsets[added] = fresh->len;

  /* The others' text moves, in place: a realloc() of a large block maps
   * its pages anew rather than copy them, and what follows the events
   * taken out moves once, by memmove(). */
  n = self->n_events - removed + added;
  cut_start = self->offsets[position];
  cut_end = self->offsets[position + removed];
  tail = self->offsets[self->n_events] - cut_end;

  spliced = g_atomic_rc_box_new0 (DmSearchIndex);
  spliced->n_events = n;
  spliced->text = g_steal_pointer (&self->text);
  spliced->offsets = g_steal_pointer (&self->offsets);
  spliced->ranks = g_steal_pointer (&self->ranks);
  self->n_events = 0;
  self->offsets = g_new0 (gsize, 1);
  self->text = g_strdup ("");
  self->ranks = g_new0 (guint32, 3);

  if (fresh->len > cut_end - cut_start)
    spliced->text = g_realloc (spliced->text, cut_start + fresh->len + tail + 1);
  memmove (spliced->text + cut_start + fresh->len, spliced->text + cut_end, tail + 1);
  memcpy (spliced->text + cut_start, fresh->str, fresh->len);
  if (fresh->len < cut_end - cut_start)
    spliced->text = g_realloc (spliced->text, cut_start + fresh->len + tail + 1);

  if (added > removed)
    {
      spliced->offsets = g_renew (gsize, spliced->offsets, (gsize) n + 1);
      spliced->ranks = g_renew (guint32, spliced->ranks, (gsize) MAX (n, 1) * 3);
    }
  memmove (spliced->offsets + position + added, spliced->offsets + position + removed,
           sizeof (gsize) * (tail_count (n, position, added) + 1));
  for (guint i = position + added; i <= n; i++)
    spliced->offsets[i] = spliced->offsets[i] - cut_end + cut_start + fresh->len;
  for (guint i = 0; i < added; i++)
    spliced->offsets[position + i] = cut_start + fresh_offsets[i];
  memmove (spliced->ranks + (gsize) (position + added) * 3, spliced->ranks + (gsize) (position + removed) * 3,
           sizeof (guint32) * 3 * tail_count (n, position, added));
  if (added > 0)
    memcpy (spliced->ranks + (gsize) position * 3, fresh_ranks, sizeof (guint32) * 3 * added);
  if (added < removed)
    {
      spliced->offsets = g_renew (gsize, spliced->offsets, (gsize) n + 1);
      spliced->ranks = g_renew (guint32, spliced->ranks, (gsize) MAX (n, 1) * 3);
    }

  return spliced;
}

DmSearchIndex *
dm_search_index_ref (DmSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
dm_search_index_unref (DmSearchIndex *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, dm_search_index_clear);
}

guint
dm_search_index_get_n_events (DmSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events;
}

const char *
dm_search_index_get_text (DmSearchIndex *self,
                          guint          position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->n_events, NULL);

  return self->text + self->offsets[position];
}

guint
dm_search_index_query (DmSearchIndex *self,
                       const char    *query,
                       GArray        *positions)
{
  g_autofree char *folded = NULL;
  Query q;
  guint before;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (positions != NULL, 0);

  before = positions->len;
  folded = dm_fold (query);
  query_init (&q, folded);
  scan_all (self, &q, positions);
  query_clear (&q);

  return positions->len - before;
}

/* An event matches where it has a rank: the empty query matches all. */
gboolean
dm_search_index_matches (DmSearchIndex *self,
                         guint          position,
                         const char    *query)
{
  return dm_search_index_rank (self, position, query) != DM_SEARCH_RANK_NONE;
}

static DmSearchRank
rank_of (const DmSearchIndex *self,
         guint                position,
         const Query         *query)
{
  const guint32 *ranks = self->ranks + (gsize) position * 3;
  const char *hit;
  gsize at;

  if (query->length == 0)
    return DM_SEARCH_RANK_TITLE;
  if ((hit = event_find (self, position, query)) == NULL)
    return DM_SEARCH_RANK_NONE;

  /* The first hit is in the best field: they go best first. */
  at = hit - (self->text + self->offsets[position]);
  if (at < ranks[0])
    return DM_SEARCH_RANK_TITLE;
  if (at < ranks[1])
    return DM_SEARCH_RANK_SUMMARY;
  if (at < ranks[2])
    return DM_SEARCH_RANK_OTHER;
  return DM_SEARCH_RANK_QUOTE;
}

DmSearchRank
dm_search_index_rank (DmSearchIndex *self,
                      guint          position,
                      const char    *query)
{
  g_autofree char *folded = NULL;
  DmSearchRank rank;
  Query q;

  g_return_val_if_fail (self != NULL, DM_SEARCH_RANK_NONE);
  g_return_val_if_fail (position < self->n_events, DM_SEARCH_RANK_NONE);
  g_return_val_if_fail (query != NULL, DM_SEARCH_RANK_NONE);

  folded = dm_fold (query);
  query_init (&q, folded);
  rank = rank_of (self, position, &q);
  query_clear (&q);

  return rank;
}

void
dm_search_index_sort_by_rank (DmSearchIndex *self,
                              const char    *query,
                              GArray        *positions)
{
  g_autofree char *folded = NULL;
  GArray *buckets[DM_SEARCH_RANK_NONE + 1];
  Query q;

  g_return_if_fail (self != NULL);
  g_return_if_fail (query != NULL);
  g_return_if_fail (positions != NULL);

  folded = dm_fold (query);
  query_init (&q, folded);

  /* A stable bucket sort: time order within a rank. */
  for (guint r = 0; r <= DM_SEARCH_RANK_NONE; r++)
    buckets[r] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      DmSearchRank rank = position < self->n_events ? rank_of (self, position, &q) : DM_SEARCH_RANK_NONE;

      g_array_append_val (buckets[rank], position);
    }
  query_clear (&q);

  g_array_set_size (positions, 0);
  for (guint r = 0; r <= DM_SEARCH_RANK_NONE; r++)
    {
      g_array_append_vals (positions, buckets[r]->data, buckets[r]->len);
      g_array_unref (buckets[r]);
    }
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->folded);
  g_array_unref (step->matches);
  g_free (step);
}

DmSearchState *
dm_search_state_new (DmSearchIndex *index)
{
  DmSearchState *self;

  g_return_val_if_fail (index != NULL, NULL);

  self = g_new0 (DmSearchState, 1);
  self->index = dm_search_index_ref (index);
  self->steps = g_ptr_array_new_with_free_func (step_free);

  return self;
}

void
dm_search_state_free (DmSearchState *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->index, dm_search_index_unref);
  g_free (self);
}

DmSearchIndex *
dm_search_state_get_index (DmSearchState *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

guint
dm_search_state_query (DmSearchState *self,
                       const char    *query,
                       GArray        *positions)
{
  g_autofree char *folded = NULL;
  Step *top = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (positions != NULL, 0);

  folded = dm_fold (query);
  if (folded[0] == '\0')
    {
      append_all (self->index, positions);
      return self->index->n_events;
    }

  /* Every event that matches a query matches the queries it extends: the
   * shorter query occurs where the longer one does, and a phrase starts at
   * a word's start where a single word may start anywhere. */
  while (self->steps->len > 0)
    {
      top = g_ptr_array_index (self->steps, self->steps->len - 1);
      if (g_str_has_prefix (folded, top->folded))
        break;
      self->remembered -= top->matches->len;
      g_ptr_array_remove_index (self->steps, self->steps->len - 1);
      top = NULL;
    }

  if (top == NULL || strcmp (top->folded, folded) != 0)
    {
      Step *step = g_new0 (Step, 1);
      Query q;

      query_init (&q, folded);
      step->matches = g_array_new (FALSE, FALSE, sizeof (guint));
      if (top != NULL)
        scan_subset (self->index, &q, top->matches, step->matches);
      else
        {
          scan_all (self->index, &q, step->matches);
        }
      query_clear (&q);

      step->folded = g_steal_pointer (&folded);
      g_ptr_array_add (self->steps, step);
      self->remembered += step->matches->len;
      top = step;

      /* Forget the shortest queries first: they hold the most matches,
       * and people seldom go back that far. */
      while (self->steps->len > 1 &&
             (self->steps->len > MAX_STEPS ||
              self->remembered > (gsize) self->index->n_events * MAX_REMEMBERED))
        {
          Step *oldest = g_ptr_array_index (self->steps, 0);

          self->remembered -= oldest->matches->len;
          g_ptr_array_remove_index (self->steps, 0);
        }
    }

  g_array_append_vals (positions, top->matches->data, top->matches->len);

  return top->matches->len;
}
