/* dm-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dm-dataset.h"
#include "dm-interval-index.h"

/* Range queries answered without the interval index after an edit
 * before it is rebuilt. */
#define STALE_QUERIES 32

struct _DmDataset
{
  GObject          parent_instance;

  GFile           *file;
  DmText           title;
  DmText           description;
  JsonObject      *extra;

  GPtrArray       *kinds;        /* DmKind* */
  GPtrArray       *sources;      /* DmSource* */
  GPtrArray       *eras;         /* DmEra*, in file order */
  GPtrArray       *tag_labels;   /* DmTag*, in file order */
  guint           *referrer_offsets; /* n_events + 1, into referrers */
  DmReferrer      *referrers;    /* by the event named, then in time order */
  GHashTable      *tag_labels_by_id;
  GPtrArray       *events;       /* DmEvent*, sorted after finish */
  GHashTable      *kinds_by_id;  /* id → DmKind* */
  GHashTable      *sources_by_id;
  GHashTable      *events_by_id; /* id → DmEvent*, found by a binary search */
  DmIntervalIndex *index;
  char            *origin;       /* NULL for the native format */

  /* Columns, for work on many events without touching each DmEvent */
  double          *starts;       /* axis_start by position: sorted */
  double          *ends;         /* axis_end by position */
  guint            latest;       /* the position of the latest end */
  guint            n_lanes;
  guint           *lane_offsets; /* n_lanes + 1, into the lane_ arrays */
  guint           *lane_positions;
  double          *lane_starts;
  double          *lane_ends;
  guint           *kind_counts;  /* events per kind, by kind index */
  guint            languages;    /* 1 << DmLanguage of each language its texts use */
  GPtrArray       *tags;         /* the tags used, sorted; built on demand */

  guint            next_file_index;
  guint            queries_stale; /* range queries since the index went stale */

  guint            finished : 1;
  guint            index_stale : 1; /* after an edit: see query_range() */
};

G_DEFINE_FINAL_TYPE (DmDataset, dm_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sorting a million events by following a pointer to each at every
 * comparison is slow; their keys are sorted instead, in one array, and
 * compared inline: the axis start, then the start date's order key
 * (dm_date_get_order_key(), which orders as dm_date_compare() does and
 * decides a year and its first day, which start together on the axis),
 * the axis end, and the position in the file. */
typedef struct
{
  double   start;
  gint64   date_major;
  guint32  date_minor;
  guint    file_index;
  double   end;
  DmEvent *event;
} SortKey;

static inline int
compare_keys (const SortKey *x,
              const SortKey *y)
{
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->date_major != y->date_major)
    return x->date_major < y->date_major ? -1 : 1;
  if (x->date_minor != y->date_minor)
    return x->date_minor < y->date_minor ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;

  return (x->file_index > y->file_index) - (x->file_index < y->file_index);
}

static SortKey
sort_key_of (DmEvent *event)
{
  SortKey key = { event->axis_start, 0, 0, event->file_index, event->axis_end, event };

  dm_date_get_order_key (&event->start, &key.date_major, &key.date_minor);
  return key;
}

/* The runs from[lo, mid) and from[mid, hi), each in order, merged into
 * to[lo, hi). */
static inline void
merge_runs (const SortKey *from,
            SortKey       *to,
            gsize          lo,
            gsize          mid,
            gsize          hi)
{
  gsize i = lo;
  gsize j = mid;
  gsize k = lo;

  while (i < mid && j < hi)
    to[k++] = compare_keys (&from[j], &from[i]) < 0 ? from[j++] : from[i++];
  while (i < mid)
    to[k++] = from[i++];
  while (j < hi)
    to[k++] = from[j++];
}

/* A merge sort of @n keys with the comparison inlined (qsort() calls a
 * function per comparison): runs of 16 sorted by insertion, then merged
 * back and forth between @keys and a buffer of the same size. Keys already
 * in order, as most timelines list their events, take one pass (at a
 * million, a few milliseconds instead of about 0.2 s). */
static void
sort_keys (SortKey *keys,
           gsize    n)
{
  const gsize run = 16;
  g_autofree SortKey *buffer = NULL;
  SortKey *from = keys;
  SortKey *to;
  gsize in_order = 1;

  while (in_order < n && compare_keys (&keys[in_order - 1], &keys[in_order]) <= 0)
    in_order++;
  if (in_order >= n)
    return;

  for (gsize start = 0; start < n; start += run)
    {
      gsize end = MIN (start + run, n);

      for (gsize i = start + 1; i < end; i++)
        {
          SortKey key = keys[i];
          gsize j = i;

          while (j > start && compare_keys (&key, &keys[j - 1]) < 0)
            {
              keys[j] = keys[j - 1];
              j--;
            }
          keys[j] = key;
        }
    }

  if (n <= run)
    return;

  buffer = g_new (SortKey, n);
  to = buffer;
  for (gsize width = run; width < n; width *= 2)
    {
      SortKey *swap;

      for (gsize lo = 0; lo < n; lo += 2 * width)
        merge_runs (from, to, lo, MIN (lo + width, n), MIN (lo + 2 * width, n));
      swap = from;
      from = to;
      to = swap;
    }

  if (from != keys)
    memcpy (keys, from, n * sizeof (SortKey));
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static int
compare_events (const DmEvent *x,
                const DmEvent *y)
{
  SortKey a = sort_key_of ((DmEvent *) x);
  SortKey b = sort_key_of ((DmEvent *) y);

  return compare_keys (&a, &b);
}

/* Where @event is: the events are in a total order (their file
 * positions differ), so a binary search finds it. */
static guint
position_of (DmDataset     *self,
             const DmEvent *event)
{
  guint lo = 0;
  guint hi = self->events->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_events (g_ptr_array_index (self->events, mid), event) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->events->len && g_ptr_array_index (self->events, lo) == event)
    return lo;

  /* Two events with the same key: only a dataset built by hand has them. */
  for (guint i = 0; i < self->events->len; i++)
    if (g_ptr_array_index (self->events, i) == event)
      return i;

  g_assert_not_reached ();
}

/* Letting a dataset go */

/* From this many events, a dataset's events are freed in a thread of their
 * own: a million took 1.3 s of the main loop when a timeline was replaced,
 * about a microsecond and a quarter each. */
#define FREE_IN_THREAD_FROM 8192
/* JSON handed back to the main thread is let go this much at a turn. */
#define JSON_RELEASED_PER_TURN 20000

typedef struct
{
  GPtrArray       *events;
  GHashTable      *events_by_id;
  DmIntervalIndex *index;
  GPtrArray       *tags;
  gpointer         columns[10];
  GPtrArray       *json;         /* the events' JSON, to let go on the main thread */
  guint            released;
} Leftovers;

/* Frees under way, each counted until its JSON is let go; and the JSON
 * objects let go so, for dm_dataset_wait_for_freeing(). */
static gint n_freeing;
static gint n_json_released;

#ifdef __GLIBC__
static gpointer
trim_thread (gpointer data)
{
  malloc_trim (0);
  return NULL;
}
#endif

static gboolean
release_json_cb (gpointer data)
{
  Leftovers *leftovers = data;
  guint start = leftovers->released;
  guint end = MIN (leftovers->json->len, start + JSON_RELEASED_PER_TURN);

  for (guint i = start; i < end; i++)
    json_object_unref (g_ptr_array_index (leftovers->json, i));
  leftovers->released = end;
  g_atomic_int_add (&n_json_released, end - start);
  if (end < leftovers->json->len)
    return G_SOURCE_CONTINUE;

  g_ptr_array_unref (leftovers->json);
  g_free (leftovers);
  g_atomic_int_dec_and_test (&n_freeing);
#ifdef __GLIBC__
  /* All of it goes back, and what the main thread freed meanwhile (the
   * search index, the list, the view's columns); trimming takes tens of
   * milliseconds at a million events, so not on this thread. */
  g_thread_unref (g_thread_new ("dm-dataset-trim", trim_thread, NULL));
#endif
  return G_SOURCE_REMOVE;
}

static gpointer
free_leftovers_thread (gpointer data)
{
  Leftovers *leftovers = data;
  GSource *source;

  leftovers->json = g_ptr_array_new ();
  dm_model_collect_json (leftovers->json);
  g_clear_pointer (&leftovers->events_by_id, g_hash_table_unref);
  g_clear_pointer (&leftovers->tags, g_ptr_array_unref);
  g_clear_pointer (&leftovers->events, g_ptr_array_unref);
  dm_model_collect_json (NULL);
  g_clear_pointer (&leftovers->index, dm_interval_index_free);
  for (guint i = 0; i < G_N_ELEMENTS (leftovers->columns); i++)
    g_free (leftovers->columns[i]);

  /* The memory goes back once the JSON has gone (release_json_cb()). */
  source = g_idle_source_new ();
  g_source_set_callback (source, release_json_cb, leftovers, NULL);
  g_source_set_static_name (source, "[daumoc] release a dataset's JSON");
  g_source_attach (source, NULL);
  g_source_unref (source);

  return NULL;
}

/* Hands what is large in @self, its events and what is made from them, to
 * a thread that frees it, so that the main loop does not stall when a
 * large timeline is replaced or closed. Nothing else points into those
 * events once their dataset goes. */
static void
free_events_in_thread (DmDataset *self)
{
  Leftovers *leftovers = g_new0 (Leftovers, 1);
  gpointer *columns[] = {
    (gpointer *) &self->starts, (gpointer *) &self->ends, (gpointer *) &self->lane_offsets,
    (gpointer *) &self->lane_positions, (gpointer *) &self->lane_starts, (gpointer *) &self->lane_ends,
    (gpointer *) &self->referrer_offsets, (gpointer *) &self->referrers, (gpointer *) &self->kind_counts,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (columns) <= G_N_ELEMENTS (leftovers->columns));

  leftovers->events = g_steal_pointer (&self->events);
  leftovers->events_by_id = g_steal_pointer (&self->events_by_id);
  leftovers->index = g_steal_pointer (&self->index);
  leftovers->tags = g_steal_pointer (&self->tags);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    leftovers->columns[i] = g_steal_pointer (columns[i]);

  g_atomic_int_inc (&n_freeing);
  g_thread_unref (g_thread_new ("dm-dataset-free", free_leftovers_thread, leftovers));
}

guint
dm_dataset_wait_for_freeing (void)
{
  guint released = g_atomic_int_get (&n_json_released);

  while (g_atomic_int_get (&n_freeing) > 0)
    g_main_context_iteration (NULL, TRUE);

  return g_atomic_int_get (&n_json_released) - released;
}

static void
dm_dataset_finalize (GObject *object)
{
  DmDataset *self = (DmDataset *)object;

  if (self->events != NULL && self->events->len >= FREE_IN_THREAD_FROM)
    free_events_in_thread (self);

  g_clear_object (&self->file);
  dm_text_clear (&self->title);
  dm_text_clear (&self->description);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->kinds_by_id, g_hash_table_unref);
  g_clear_pointer (&self->sources_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->eras, g_ptr_array_unref);
  g_clear_pointer (&self->tag_labels_by_id, g_hash_table_unref);
  g_clear_pointer (&self->referrer_offsets, g_free);
  g_clear_pointer (&self->referrers, g_free);
  g_clear_pointer (&self->tag_labels, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->index, dm_interval_index_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->ends, g_free);
  g_clear_pointer (&self->lane_offsets, g_free);
  g_clear_pointer (&self->lane_positions, g_free);
  g_clear_pointer (&self->lane_starts, g_free);
  g_clear_pointer (&self->lane_ends, g_free);
  g_clear_pointer (&self->kind_counts, g_free);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_dataset_parent_class)->finalize (object);
}

static void
dm_dataset_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DmDataset *self = DM_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_dataset_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DmDataset *self = DM_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      dm_dataset_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_dataset_class_init (DmDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_dataset_finalize;
  object_class->get_property = dm_dataset_get_property;
  object_class->set_property = dm_dataset_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_dataset_init (DmDataset *self)
{
  self->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_kind_free);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_source_free);
  self->eras = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_era_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_event_free);
  self->kinds_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sources_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->events_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

DmDataset *
dm_dataset_new (void)
{
  return g_object_new (DM_TYPE_DATASET, NULL);
}

void
dm_dataset_set_title (DmDataset  *self,
                      const char *vi,
                      const char *en)
{
  g_return_if_fail (DM_IS_DATASET (self));

  dm_text_set (&self->title, vi, en);
}

DmText *
dm_dataset_get_title_mutable (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  return &self->title;
}

DmText *
dm_dataset_get_description_mutable (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  return &self->description;
}

void
dm_dataset_set_extra (DmDataset  *self,
                      JsonObject *extra)
{
  g_return_if_fail (DM_IS_DATASET (self));

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

JsonObject *
dm_dataset_get_extra (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return self->extra;
}

void
dm_dataset_add_kind (DmDataset *self,
                     DmKind    *kind)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (kind != NULL && kind->id != NULL);
  g_return_if_fail (!self->finished);

  g_ptr_array_add (self->kinds, kind);
  if (!g_hash_table_contains (self->kinds_by_id, kind->id))
    g_hash_table_insert (self->kinds_by_id, kind->id, kind);
}

void
dm_dataset_add_source (DmDataset *self,
                       DmSource  *source)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (source != NULL && source->id != NULL);
  g_return_if_fail (!self->finished);

  g_ptr_array_add (self->sources, source);
  if (!g_hash_table_contains (self->sources_by_id, source->id))
    g_hash_table_insert (self->sources_by_id, source->id, source);
}

void
dm_dataset_add_era (DmDataset *self,
                    DmEra     *era)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (era != NULL);
  g_return_if_fail (!self->finished);

  g_ptr_array_add (self->eras, era);
}

void
dm_dataset_add_event (DmDataset *self,
                      DmEvent   *event)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (event != NULL && event->id != NULL);
  g_return_if_fail (!self->finished);

  event->file_index = self->events->len;
  g_ptr_array_add (self->events, event);
}

/* The languages @text is given in, as 1 << DmLanguage. */
static guint
text_languages (const DmText *text)
{
  return (text->en != NULL && text->en[0] != '\0' ? 1u << DM_LANGUAGE_EN : 0) |
         (text->vi != NULL && text->vi[0] != '\0' ? 1u << DM_LANGUAGE_VI : 0);
}

/* An event's lane: its kind's, the last one for no known kind. */
static inline guint
lane_of (const DmDataset *self,
         const DmEvent   *event)
{
  return MIN (event->kind_index, MAX (self->kinds->len, 1) - 1);
}

/* The lane columns: a stable counting sort of the positions by lane.
 * @lanes: each position's lane, if the caller has them (finishing reads
 * each event once, where they are scattered in memory, not three times);
 * NULL: asked of the events. */
static void
build_lanes (DmDataset   *self,
             const guint *lanes)
{
  guint n = self->events->len;
  g_autofree guint *next = NULL;
  g_autofree guint *own = NULL;

  self->n_lanes = MAX (self->kinds->len, 1);
  self->lane_offsets = g_new0 (guint, self->n_lanes + 1);
  self->lane_positions = g_new (guint, MAX (n, 1));
  self->lane_starts = g_new (double, MAX (n, 1));
  self->lane_ends = g_new (double, MAX (n, 1));

  if (lanes == NULL)
    {
      lanes = own = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        own[i] = dm_dataset_get_event_lane (self, i);
    }

  for (guint i = 0; i < n; i++)
    self->lane_offsets[lanes[i] + 1]++;
  for (guint lane = 0; lane < self->n_lanes; lane++)
    self->lane_offsets[lane + 1] += self->lane_offsets[lane];

  next = g_memdup2 (self->lane_offsets, sizeof (guint) * self->n_lanes);
  for (guint i = 0; i < n; i++)
    {
      guint at = next[lanes[i]]++;

      self->lane_positions[at] = i;
      self->lane_starts[at] = self->starts[i];
      self->lane_ends[at] = self->ends[i];
    }
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every tag of @events, once each (the first event's string), sorted. */
static GPtrArray *
collect_tags (DmEvent **events,
              guint     n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *tags = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = events[i];

      for (guint t = 0; event->tags != NULL && t < event->tags->len; t++)
        if (g_hash_table_add (seen, g_ptr_array_index (event->tags, t)))
          g_ptr_array_add (tags, g_ptr_array_index (event->tags, t));
    }
  g_ptr_array_sort (tags, compare_tags);

  return tags;
}

/* The table of events by id, made in a thread while the finishing sorts
 * and indexes: from the events in the order of the file, the first of
 * those with the same id in the sorted order winning. */
typedef struct
{
  GHashTable  *table;
  DmEvent    **events;
  guint        n;
  GHashTable  *shared; /* out: ids found more than once, or NULL */
} IdJob;

/* A table that big is worth a thread. */
#define IDS_IN_THREAD 50000

/* The sort keys, axis and kind of events [start, end), counted into
 * @kind_counts and @languages; with @sort, those keys then sorted. With
 * @tags, a large dataset's tags too (dm_dataset_get_tags(), which a
 * window asks for at once), each once, the first event's string. */
typedef struct
{
  DmEvent    **events;
  SortKey     *keys;
  guint        start;
  guint        end;
  GHashTable  *kind_positions; /* id → its position + 1; only read */
  guint       *kind_counts;
  guint        languages;
  gboolean     sort;
  GHashTable  *tags_seen;      /* with @tags, the events' tags, each once */
  GPtrArray   *tags;
} KeyJob;

static gpointer
make_keys (gpointer data)
{
  KeyJob *job = data;

  for (guint i = job->start; i < job->end; i++)
    {
      DmEvent *event = job->events[i];
      const DmDate *last = event->end.precision != DM_DATE_PRECISION_NONE ? &event->end : &event->start;

      event->axis_start = dm_date_get_axis_start (&event->start);
      event->axis_end = MAX (dm_date_get_axis_end (last), event->axis_start);
      event->kind_index = event->kind != NULL
        ? GPOINTER_TO_UINT (g_hash_table_lookup (job->kind_positions, event->kind)) - 1
        : G_MAXUINT;
      if (event->kind_index != G_MAXUINT)
        job->kind_counts[event->kind_index]++;
      job->languages |= text_languages (&event->title) | text_languages (&event->summary);
      job->keys[i] = sort_key_of (event);
      for (guint t = 0; job->tags != NULL && event->tags != NULL && t < event->tags->len; t++)
        if (g_hash_table_add (job->tags_seen, g_ptr_array_index (event->tags, t)))
          g_ptr_array_add (job->tags, g_ptr_array_index (event->tags, t));
    }
  if (job->sort)
    sort_keys (job->keys + job->start, job->end - job->start);

  return NULL;
}

/* The keys [0, @mid) and [@mid, @n), each in order, merged: @keys, or
 * (when they are not in order already) a new array, @keys freed. */
static SortKey *
merge_halves (SortKey *keys,
              gsize    mid,
              gsize    n)
{
  SortKey *merged;

  if (mid == 0 || mid >= n || compare_keys (&keys[mid - 1], &keys[mid]) <= 0)
    return keys;

  merged = g_new (SortKey, n);
  merge_runs (keys, merged, 0, mid, n);
  g_free (keys);

  return merged;
}

static gpointer
fill_ids (gpointer data)
{
  IdJob *job = data;

  /* Each id once, as the loader has made sure of: one insertion each
   * (this table is most of finishing a large dataset, done beside the
   * rest). An id found again is noted, and its events are looked at again
   * (prefer_first_in_order()) once their sort keys are made. Nothing here
   * reads what the keys' threads write. */
  for (guint i = 0; i < job->n; i++)
    {
      DmEvent *event = job->events[i];

      if (!g_hash_table_replace (job->table, event->id, event))
        {
          if (job->shared == NULL)
            job->shared = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_add (job->shared, event->id);
        }
    }

  return NULL;
}

/* Of the events that share an id, the first in the sorted order has it. */
static void
prefer_first_in_order (IdJob *job)
{
  for (guint i = 0; job->shared != NULL && i < job->n; i++)
    {
      DmEvent *event = job->events[i];
      DmEvent *known;

      if (!g_hash_table_contains (job->shared, event->id))
        continue;
      known = g_hash_table_lookup (job->table, event->id);
      if (compare_events (event, known) < 0)
        g_hash_table_replace (job->table, event->id, event);
    }
  g_clear_pointer (&job->shared, g_hash_table_unref);
}


void
dm_dataset_finish (DmDataset *self)
{
  g_autoptr(GHashTable) kind_positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree SortKey *keys = NULL;
  g_autofree guint *lanes = NULL;
  IdJob ids;
  GThread *ids_thread = NULL;
  guint n;

  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (!self->finished);

  n = self->events->len;

  for (guint k = self->kinds->len; k > 0; k--)
    {
      const DmKind *kind = g_ptr_array_index (self->kinds, k - 1);
      g_hash_table_insert (kind_positions, kind->id, GUINT_TO_POINTER (k));
    }

  self->languages = text_languages (&self->title) | text_languages (&self->description);

  keys = g_new (SortKey, MAX (n, 1));
  self->kind_counts = g_new0 (guint, MAX (self->kinds->len, 1));
  {
    KeyJob jobs[2] = {
      { (DmEvent **) self->events->pdata, keys, 0, n, kind_positions, self->kind_counts, 0, TRUE, NULL, NULL },
      { (DmEvent **) self->events->pdata, keys, n / 2, n, kind_positions, NULL, 0, TRUE, NULL, NULL },
    };
    GThread *second = NULL;

    /* Half each on two processors, keys made and sorted, then merged. */
    if (n >= IDS_IN_THREAD)
      {
        jobs[0].end = n / 2;
        jobs[1].kind_counts = g_new0 (guint, MAX (self->kinds->len, 1));
        for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
          {
            jobs[j].tags_seen = g_hash_table_new (g_str_hash, g_str_equal);
            jobs[j].tags = g_ptr_array_new ();
          }
        second = g_thread_new ("dm-dataset-keys", make_keys, &jobs[1]);
      }
    make_keys (&jobs[0]);
    if (second != NULL)
      {
        g_thread_join (second);
        for (guint k = 0; k < self->kinds->len; k++)
          self->kind_counts[k] += jobs[1].kind_counts[k];
        g_free (jobs[1].kind_counts);
        jobs[0].languages |= jobs[1].languages;
        keys = merge_halves (keys, n / 2, n);
        /* The second half's tags that the first has not. */
        for (guint t = 0; t < jobs[1].tags->len; t++)
          if (g_hash_table_add (jobs[0].tags_seen, g_ptr_array_index (jobs[1].tags, t)))
            g_ptr_array_add (jobs[0].tags, g_ptr_array_index (jobs[1].tags, t));
        g_ptr_array_sort (jobs[0].tags, compare_tags);
        self->tags = jobs[0].tags;
        for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
          g_hash_table_unref (jobs[j].tags_seen);
        g_ptr_array_unref (jobs[1].tags);
      }
    self->languages |= jobs[0].languages;
  }

  /* The id table on a thread of its own once the keys' two threads are
   * done (beside them, three threads share two processors), from the
   * events in the order of the file. */
  ids.table = self->events_by_id;
  ids.n = n;
  ids.shared = NULL;
  ids.events = g_memdup2 (self->events->pdata, sizeof (DmEvent *) * MAX (n, 1));
  if (n >= IDS_IN_THREAD)
    ids_thread = g_thread_new ("dm-dataset-ids", fill_ids, &ids);
  else
    fill_ids (&ids);

  self->starts = g_new (double, MAX (n, 1));
  self->ends = g_new (double, MAX (n, 1));
  lanes = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = keys[i].event;

      self->events->pdata[i] = event;
      self->starts[i] = keys[i].start;
      self->ends[i] = keys[i].end;
      if (self->ends[i] > self->ends[self->latest])
        self->latest = i;
      self->next_file_index = MAX (self->next_file_index, event->file_index + 1);
      lanes[i] = lane_of (self, event);
    }

  self->index = dm_interval_index_new (self->starts, self->ends, n);
  build_lanes (self, lanes);
  if (ids_thread != NULL)
    g_thread_join (ids_thread);
  prefer_first_in_order (&ids);
  g_free (ids.events);
  self->finished = TRUE;
}

const char *
dm_dataset_get_origin_format (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return self->origin != NULL ? self->origin : DM_ORIGIN_DAUMOC;
}

void
dm_dataset_set_origin_format (DmDataset  *self,
                              const char *origin)
{
  g_return_if_fail (DM_IS_DATASET (self));

  if (g_strcmp0 (origin, DM_ORIGIN_DAUMOC) == 0)
    origin = NULL;
  g_free (self->origin);
  self->origin = g_strdup (origin);
}

GFile *
dm_dataset_get_file (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return self->file;
}

void
dm_dataset_set_file (DmDataset *self,
                     GFile     *file)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

const DmText *
dm_dataset_get_title (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return &self->title;
}

const DmText *
dm_dataset_get_description (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return &self->description;
}

guint
dm_dataset_get_n_kinds (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->kinds->len;
}

const DmKind *
dm_dataset_get_kind (DmDataset *self,
                     guint      position)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < self->kinds->len, NULL);

  return g_ptr_array_index (self->kinds, position);
}

const DmKind *
dm_dataset_lookup_kind (DmDataset  *self,
                        const char *id)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return id ? g_hash_table_lookup (self->kinds_by_id, id) : NULL;
}

guint
dm_dataset_get_n_sources (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->sources->len;
}

const DmSource *
dm_dataset_get_source (DmDataset *self,
                       guint      position)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < self->sources->len, NULL);

  return g_ptr_array_index (self->sources, position);
}

const DmSource *
dm_dataset_lookup_source (DmDataset  *self,
                          const char *id)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  return id ? g_hash_table_lookup (self->sources_by_id, id) : NULL;
}

guint
dm_dataset_get_n_eras (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->eras->len;
}

const DmEra *
dm_dataset_get_era (DmDataset *self,
                    guint      position)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < self->eras->len, NULL);

  return g_ptr_array_index (self->eras, position);
}

guint
dm_dataset_get_n_events (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->events->len;
}

const DmEvent *
dm_dataset_get_event (DmDataset *self,
                      guint      position)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < self->events->len, NULL);

  return g_ptr_array_index (self->events, position);
}

const DmEvent *
dm_dataset_lookup_event (DmDataset  *self,
                         const char *id,
                         guint      *position)
{
  const DmEvent *event;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  event = id ? g_hash_table_lookup (self->events_by_id, id) : NULL;
  if (event == NULL)
    return NULL;

  if (position != NULL)
    *position = position_of (self, event);

  return event;
}

gboolean
dm_dataset_get_span (DmDataset *self,
                     DmDate    *first,
                     DmDate    *last,
                     double    *axis_start,
                     double    *axis_end)
{
  const DmEvent *latest;
  const DmEvent *earliest;

  g_return_val_if_fail (DM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (self->finished, FALSE);

  if (self->events->len == 0)
    return FALSE;

  /* The first to end at the latest time, found once in finish(). */
  earliest = g_ptr_array_index (self->events, 0);
  latest = g_ptr_array_index (self->events, self->latest);

  if (first != NULL)
    *first = earliest->start;
  if (last != NULL)
    *last = dm_date_is_set (&latest->end) ? latest->end : latest->start;
  if (axis_start != NULL)
    *axis_start = earliest->axis_start;
  if (axis_end != NULL)
    *axis_end = latest->axis_end;

  return TRUE;
}

guint
dm_sorted_lower_bound (const double *values,
                       guint         n,
                       double        value)
{
  guint lo = 0;
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
dm_sorted_upper_bound (const double *values,
                       guint         n,
                       double        value)
{
  guint lo = 0;
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] <= value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
dm_dataset_query_range (DmDataset *self,
                        double     axis_a,
                        double     axis_b,
                        GArray    *positions)
{
  guint before;
  guint n;
  guint from;
  guint to;

  g_return_val_if_fail (DM_IS_DATASET (self), 0);
  g_return_val_if_fail (self->finished, 0);
  g_return_val_if_fail (positions != NULL, 0);

  if (!(axis_a <= axis_b))
    return 0;

  /* Those that start at or before @axis_a and reach it come first: the
   * interval index finds them. Those that start inside the range follow;
   * events are sorted by their start, so they are one stretch. */
  /* After an edit, the index is out of date. While editing goes on, the
   * events that reach @axis_a are found by going over the ends of those
   * that start before it: one pass over an array of doubles, well under a
   * millisecond at 100 000 events. Once a view has asked often enough
   * without an edit (it is panning), the index is rebuilt. */
  from = dm_sorted_upper_bound (self->starts, self->events->len, axis_a);
  before = positions->len;
  if (self->index_stale && ++self->queries_stale > STALE_QUERIES)
    {
      g_clear_pointer (&self->index, dm_interval_index_free);
      self->index = dm_interval_index_new (self->starts, self->ends, self->events->len);
      self->index_stale = FALSE;
    }

  if (self->index_stale)
    {
      for (guint i = 0; i < from; i++)
        if (self->ends[i] >= axis_a)
          g_array_append_val (positions, i);
    }
  else
    {
      n = dm_interval_index_query (self->index, axis_a, axis_a, positions);
      if (n > 1)
        qsort (&g_array_index (positions, guint, before), n, sizeof (guint), compare_guint);
    }

  to = dm_sorted_upper_bound (self->starts, self->events->len, axis_b);
  if (to > from)
    {
      guint at = positions->len;

      g_array_set_size (positions, at + (to - from));
      for (guint i = from; i < to; i++)
        g_array_index (positions, guint, at + i - from) = i;
    }

  return positions->len - before;
}

guint
dm_dataset_get_lane (DmDataset     *self,
                     guint          lane,
                     const guint  **positions,
                     const double **axis_starts,
                     const double **axis_ends)
{
  guint offset;

  g_return_val_if_fail (DM_IS_DATASET (self), 0);
  g_return_val_if_fail (self->finished, 0);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  offset = self->lane_offsets[lane];
  if (positions != NULL)
    *positions = self->lane_positions + offset;
  if (axis_starts != NULL)
    *axis_starts = self->lane_starts + offset;
  if (axis_ends != NULL)
    *axis_ends = self->lane_ends + offset;

  return self->lane_offsets[lane + 1] - offset;
}

guint
dm_dataset_get_event_lane (DmDataset *self,
                           guint      position)
{
  const DmEvent *event;

  g_return_val_if_fail (DM_IS_DATASET (self), 0);
  g_return_val_if_fail (position < self->events->len, 0);

  event = g_ptr_array_index (self->events, position);
  return lane_of (self, event);
}

gboolean
dm_dataset_has_language (DmDataset  *self,
                         DmLanguage  language)
{
  g_return_val_if_fail (DM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (self->finished, FALSE);

  return (self->languages & (1u << language)) != 0;
}

guint
dm_dataset_get_kind_count (DmDataset *self,
                           guint      kind_index)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);
  g_return_val_if_fail (self->finished, 0);
  g_return_val_if_fail (kind_index < self->kinds->len, 0);

  return self->kind_counts[kind_index];
}


GPtrArray *
dm_dataset_get_tags (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  if (self->tags == NULL)
    {
      self->tags = collect_tags ((DmEvent **) self->events->pdata, self->events->len);
    }

  return self->tags;
}

void
dm_dataset_add_tag_label (DmDataset *self,
                          DmTag     *tag)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (!self->finished);
  g_return_if_fail (tag != NULL && tag->id != NULL);

  if (self->tag_labels == NULL)
    {
      self->tag_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_tag_free);
      self->tag_labels_by_id = g_hash_table_new (g_str_hash, g_str_equal);
    }
  g_ptr_array_add (self->tag_labels, tag);
  /* The first label of a tag counts, as the first of anything does. */
  if (!g_hash_table_contains (self->tag_labels_by_id, tag->id))
    g_hash_table_insert (self->tag_labels_by_id, tag->id, tag);
}

guint
dm_dataset_get_n_tag_labels (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->tag_labels != NULL ? self->tag_labels->len : 0;
}

const DmTag *
dm_dataset_get_tag_label (DmDataset *self,
                          guint      position)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < dm_dataset_get_n_tag_labels (self), NULL);

  return g_ptr_array_index (self->tag_labels, position);
}

const DmTag *
dm_dataset_lookup_tag_label (DmDataset  *self,
                             const char *tag)
{
  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  return self->tag_labels_by_id != NULL ? g_hash_table_lookup (self->tag_labels_by_id, tag) : NULL;
}

const char *
dm_dataset_format_tag (DmDataset  *self,
                       const char *tag,
                       DmLanguage  language)
{
  const DmTag *info;
  const char *label;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  if (self->tag_labels_by_id == NULL ||
      (info = g_hash_table_lookup (self->tag_labels_by_id, tag)) == NULL)
    return tag;

  label = dm_text_get (&info->label, language);
  return label != NULL && label[0] != '\0' ? label : tag;
}

const DmReferrer *
dm_dataset_get_referrers (DmDataset *self,
                          guint      position,
                          guint     *n_referrers)
{
  guint n;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (n_referrers != NULL, NULL);

  n = self->events != NULL ? self->events->len : 0;
  *n_referrers = 0;
  g_return_val_if_fail (position < n, NULL);

  /* Counted, then filled, in two passes over the relations: the events
   * in time order, so each event's referrers come in time order. */
  if (self->referrer_offsets == NULL)
    {
      g_autofree guint *fill = NULL;

      self->referrer_offsets = g_new0 (guint, n + 1);
      for (int pass = 0; pass < 2; pass++)
        {
          for (guint i = 0; i < n; i++)
            {
              const DmEvent *event = g_ptr_array_index (self->events, i);

              for (guint r = 0; event->related != NULL && r < event->related->len; r++)
                {
                  const DmRelation *relation = g_ptr_array_index (event->related, r);
                  guint target;

                  if (dm_dataset_lookup_event (self, relation->event, &target) == NULL || target == i)
                    continue;
                  if (pass == 0)
                    self->referrer_offsets[target + 1]++;
                  else
                    self->referrers[fill[target]++] = (DmReferrer) { i, relation };
                }
            }

          if (pass == 0)
            {
              for (guint i = 0; i < n; i++)
                self->referrer_offsets[i + 1] += self->referrer_offsets[i];
              self->referrers = g_new (DmReferrer, MAX (self->referrer_offsets[n], 1));
              fill = g_memdup2 (self->referrer_offsets, sizeof (guint) * (n + 1));
            }
        }
    }

  *n_referrers = self->referrer_offsets[position + 1] - self->referrer_offsets[position];
  return self->referrers + self->referrer_offsets[position];
}

/* Editing */

static guint
kind_position (DmDataset  *self,
               const char *id)
{
  if (id == NULL)
    return G_MAXUINT;

  for (guint k = 0; k < self->kinds->len; k++)
    if (strcmp (((DmKind *) g_ptr_array_index (self->kinds, k))->id, id) == 0)
      return k;

  return G_MAXUINT;
}

/* What depends on the order of the events, after one moved: the latest
 * end and the caches made on demand (the lanes are kept by
 * lane_insert() and lane_remove()). The interval index is
 * rebuilt at the next query. */
static void
events_changed (DmDataset *self)
{
  self->latest = 0;
  for (guint i = 1; i < self->events->len; i++)
    if (self->ends[i] > self->ends[self->latest])
      self->latest = i;

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->referrer_offsets, g_free);
  g_clear_pointer (&self->referrers, g_free);
  self->index_stale = TRUE;
  self->queries_stale = 0;
}

static void
rebuild_lanes (DmDataset *self)
{
  g_clear_pointer (&self->lane_offsets, g_free);
  g_clear_pointer (&self->lane_positions, g_free);
  g_clear_pointer (&self->lane_starts, g_free);
  g_clear_pointer (&self->lane_ends, g_free);
  build_lanes (self, NULL);
}

/* The event now at @position, just inserted, into its lane: the
 * positions after it move up by one. The lane arrays are one block, lane
 * after lane, so this is a pass over an array of integers and a move. */
static void
lane_insert (DmDataset *self,
             guint      position)
{
  guint n = self->events->len;   /* with the new event */
  guint lane = dm_dataset_get_event_lane (self, position);
  guint offset = self->lane_offsets[lane];
  guint count = self->lane_offsets[lane + 1] - offset;
  guint at;
  guint k = 0;
  guint hi = count;

  for (guint i = 0; i < n - 1; i++)
    self->lane_positions[i] += self->lane_positions[i] >= position;

  while (k < hi)
    {
      guint mid = k + (hi - k) / 2;

      if (self->lane_positions[offset + mid] < position)
        k = mid + 1;
      else
        hi = mid;
    }
  at = offset + k;

  self->lane_positions = g_renew (guint, self->lane_positions, n);
  self->lane_starts = g_renew (double, self->lane_starts, n);
  self->lane_ends = g_renew (double, self->lane_ends, n);
  memmove (self->lane_positions + at + 1, self->lane_positions + at, sizeof (guint) * (n - 1 - at));
  memmove (self->lane_starts + at + 1, self->lane_starts + at, sizeof (double) * (n - 1 - at));
  memmove (self->lane_ends + at + 1, self->lane_ends + at, sizeof (double) * (n - 1 - at));
  self->lane_positions[at] = position;
  self->lane_starts[at] = self->starts[position];
  self->lane_ends[at] = self->ends[position];
  for (guint l = lane + 1; l <= self->n_lanes; l++)
    self->lane_offsets[l]++;
}

/* The event at @position, in @lane, out of its lane, before it is taken
 * out of the dataset; the positions after it move down by one. */
static void
lane_remove (DmDataset *self,
             guint      position,
             guint      lane)
{
  guint n = self->events->len;   /* still with the event */
  guint offset = self->lane_offsets[lane];
  guint count = self->lane_offsets[lane + 1] - offset;
  guint k = 0;
  guint hi = count;
  guint at;

  while (k < hi)
    {
      guint mid = k + (hi - k) / 2;

      if (self->lane_positions[offset + mid] < position)
        k = mid + 1;
      else
        hi = mid;
    }
  at = offset + k;
  g_assert (at < offset + count && self->lane_positions[at] == position);

  memmove (self->lane_positions + at, self->lane_positions + at + 1, sizeof (guint) * (n - 1 - at));
  memmove (self->lane_starts + at, self->lane_starts + at + 1, sizeof (double) * (n - 1 - at));
  memmove (self->lane_ends + at, self->lane_ends + at + 1, sizeof (double) * (n - 1 - at));
  for (guint l = lane + 1; l <= self->n_lanes; l++)
    self->lane_offsets[l]--;
  for (guint i = 0; i < n - 1; i++)
    self->lane_positions[i] -= self->lane_positions[i] > position;
}

guint
dm_dataset_insert_event (DmDataset *self,
                         DmEvent   *event)
{
  const DmDate *last;
  guint n;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (DM_IS_DATASET (self), 0);
  g_return_val_if_fail (self->finished, 0);
  g_return_val_if_fail (event != NULL && event->id != NULL, 0);
  g_return_val_if_fail (!g_hash_table_contains (self->events_by_id, event->id), 0);

  last = dm_date_is_set (&event->end) ? &event->end : &event->start;
  event->axis_start = dm_date_get_axis_start (&event->start);
  event->axis_end = MAX (dm_date_get_axis_end (last), event->axis_start);
  event->kind_index = kind_position (self, event->kind);

  n = self->events->len;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_events (g_ptr_array_index (self->events, mid), event) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (self->events, lo, event);
  self->starts = g_renew (double, self->starts, n + 1);
  self->ends = g_renew (double, self->ends, n + 1);
  memmove (self->starts + lo + 1, self->starts + lo, sizeof (double) * (n - lo));
  memmove (self->ends + lo + 1, self->ends + lo, sizeof (double) * (n - lo));
  self->starts[lo] = event->axis_start;
  self->ends[lo] = event->axis_end;
  g_hash_table_insert (self->events_by_id, event->id, event);
  self->next_file_index = MAX (self->next_file_index, event->file_index + 1);

  if (event->kind_index != G_MAXUINT)
    self->kind_counts[event->kind_index]++;
  self->languages |= text_languages (&event->title) | text_languages (&event->summary);
  lane_insert (self, lo);
  events_changed (self);

  return lo;
}

DmEvent *
dm_dataset_steal_event (DmDataset *self,
                        guint      position)
{
  DmEvent *event;
  guint n;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (self->finished, NULL);
  g_return_val_if_fail (position < self->events->len, NULL);

  lane_remove (self, position, dm_dataset_get_event_lane (self, position));
  event = g_ptr_array_steal_index (self->events, position);
  n = self->events->len;
  memmove (self->starts + position, self->starts + position + 1, sizeof (double) * (n - position));
  memmove (self->ends + position, self->ends + position + 1, sizeof (double) * (n - position));
  g_hash_table_remove (self->events_by_id, event->id);

  if (event->kind_index != G_MAXUINT && event->kind_index < self->kinds->len)
    self->kind_counts[event->kind_index]--;
  events_changed (self);

  return event;
}

guint
dm_dataset_get_next_file_index (DmDataset *self)
{
  g_return_val_if_fail (DM_IS_DATASET (self), 0);

  return self->next_file_index;
}

/* @table made again from @items, whose id is their first member: the
 * first item with an id counts, as in a file. */
static void
index_by_id (GHashTable *table,
             GPtrArray  *items)
{
  g_hash_table_remove_all (table);
  for (guint i = items->len; i > 0; i--)
    {
      gpointer item = g_ptr_array_index (items, i - 1);

      g_hash_table_insert (table, *(char **) item, item);
    }
}

/* After the kinds changed: every event's kind index, the counts and the
 * lanes (one per kind). */
static void
kinds_changed (DmDataset *self)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);

  index_by_id (self->kinds_by_id, self->kinds);
  for (guint k = self->kinds->len; k > 0; k--)
    {
      DmKind *kind = g_ptr_array_index (self->kinds, k - 1);

      g_hash_table_insert (positions, kind->id, GUINT_TO_POINTER (k));
    }

  g_free (self->kind_counts);
  self->kind_counts = g_new0 (guint, MAX (self->kinds->len, 1));
  for (guint i = 0; i < self->events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (self->events, i);

      event->kind_index = event->kind != NULL
        ? GPOINTER_TO_UINT (g_hash_table_lookup (positions, event->kind)) - 1
        : G_MAXUINT;
      if (event->kind_index != G_MAXUINT)
        self->kind_counts[event->kind_index]++;
    }

  rebuild_lanes (self);
  events_changed (self);
}

void
dm_dataset_insert_kind (DmDataset *self,
                        guint      position,
                        DmKind    *kind)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (self->finished);
  g_return_if_fail (kind != NULL && kind->id != NULL);
  g_return_if_fail (position <= self->kinds->len);

  g_ptr_array_insert (self->kinds, position, kind);
  kinds_changed (self);
}

DmKind *
dm_dataset_steal_kind (DmDataset *self,
                       guint      position)
{
  DmKind *kind;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (self->finished, NULL);
  g_return_val_if_fail (position < self->kinds->len, NULL);

  kind = g_ptr_array_steal_index (self->kinds, position);
  kinds_changed (self);
  return kind;
}

static void
sources_changed (DmDataset *self)
{
  index_by_id (self->sources_by_id, self->sources);
}

void
dm_dataset_insert_source (DmDataset *self,
                          guint      position,
                          DmSource  *source)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (source != NULL && source->id != NULL);
  g_return_if_fail (position <= self->sources->len);

  g_ptr_array_insert (self->sources, position, source);
  sources_changed (self);
}

DmSource *
dm_dataset_steal_source (DmDataset *self,
                         guint      position)
{
  DmSource *source;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < self->sources->len, NULL);

  source = g_ptr_array_steal_index (self->sources, position);
  sources_changed (self);
  return source;
}

static void
tag_labels_changed (DmDataset *self)
{
  index_by_id (self->tag_labels_by_id, self->tag_labels);
}

void
dm_dataset_insert_tag_label (DmDataset *self,
                             guint      position,
                             DmTag     *tag)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (tag != NULL && tag->id != NULL);
  g_return_if_fail (position <= dm_dataset_get_n_tag_labels (self));

  if (self->tag_labels == NULL)
    {
      self->tag_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_tag_free);
      self->tag_labels_by_id = g_hash_table_new (g_str_hash, g_str_equal);
    }
  g_ptr_array_insert (self->tag_labels, position, tag);
  tag_labels_changed (self);
}

DmTag *
dm_dataset_steal_tag_label (DmDataset *self,
                            guint      position)
{
  DmTag *tag;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);
  g_return_val_if_fail (position < dm_dataset_get_n_tag_labels (self), NULL);

  tag = g_ptr_array_steal_index (self->tag_labels, position);
  tag_labels_changed (self);
  return tag;
}

static void
swap_text (DmText *a,
           DmText *b)
{
  DmText t = *a;

  *a = *b;
  *b = t;
}

void
dm_dataset_swap_title (DmDataset *self,
                       DmText    *text)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (text != NULL);

  swap_text (&self->title, text);
  self->languages |= text_languages (&self->title);
}

void
dm_dataset_swap_description (DmDataset *self,
                             DmText    *text)
{
  g_return_if_fail (DM_IS_DATASET (self));
  g_return_if_fail (text != NULL);

  swap_text (&self->description, text);
  self->languages |= text_languages (&self->description);
}
