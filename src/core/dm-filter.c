/* dm-filter.c
 *
 * Applying a filter starts from the smallest set of events that can pass
 * and checks the other criteria on those only, each in O(1) (tags in
 * O(tags)): the search matches when there is a search text (found
 * incrementally by a DmSearchState as the user types), else the events the
 * interval index finds for a narrow year range, else every event.
 *
 * The checks read a compact copy of what they need of each event (its
 * span, kind and certainty: 24 bytes), made once per dataset: reaching
 * each DmEvent through its pointer costs a cache miss per event, which at
 * a million events is most of the time a scan takes. Only tags are read
 * from the events themselves, and only when tags are required.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-filter.h"
#include "dm-fold.h"

/* Use the interval index when the year range covers less than this part
 * of the dataset's span; past it a scan is cheaper than sorting what the
 * index finds. */
#define NARROW_RANGE 0.1

/* What the checks need of an event. */
typedef struct
{
  double axis_start;
  double axis_end;
  guint  kind_index;  /* G_MAXUINT for none or an unknown kind */
  guint8 certainty;
  guint8 has_kind;
} Facts;

struct _DmFilter
{
  GObject        parent_instance;

  char          *search_text;    /* never NULL */
  char          *search_folded;  /* dm_fold (search_text) */
  GHashTable    *hidden_kinds;   /* kind id → itself */
  GPtrArray     *required_tags;  /* char*, sorted, each once */
  gint64         year_min;
  gint64         year_max;
  gboolean       hide_inferred;
  gboolean       active;

  /* For the dataset last filtered */
  DmDataset     *dataset;        /* weak */
  Facts         *facts;          /* per event */
  guint8        *kind_hidden;    /* per kind of the dataset; NULL when stale */
  double         span_start;
  double         span_end;
  gboolean       has_span;
  DmSearchState *search;
};

/* What an event is checked against, resolved for one dataset. */
typedef struct
{
  DmDataset    *dataset;
  const Facts  *facts;
  const guint8 *kind_hidden;
  guint         n_kinds;
  GHashTable   *hidden_kinds;    /* for kinds the dataset does not have */
  gboolean      has_years;
  double        axis_a;          /* the years as the half-open [a, b) */
  double        axis_b;
  gboolean      hide_inferred;
  GPtrArray    *tags;
} Criteria;

G_DEFINE_FINAL_TYPE (DmFilter, dm_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  PROP_HIDDEN_KINDS,
  PROP_YEAR_MIN,
  PROP_YEAR_MAX,
  PROP_HIDE_INFERRED,
  PROP_REQUIRED_TAGS,
  PROP_ACTIVE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
has_year_min (DmFilter *self)
{
  return self->year_min >= -DM_DATE_YEAR_MAX;
}

static gboolean
has_year_max (DmFilter *self)
{
  return self->year_max <= DM_DATE_YEAR_MAX;
}

static gboolean
compute_active (DmFilter *self)
{
  return self->search_folded[0] != '\0' ||
         g_hash_table_size (self->hidden_kinds) > 0 ||
         has_year_min (self) ||
         has_year_max (self) ||
         self->hide_inferred ||
         self->required_tags->len > 0;
}

/* A change is made between these two: notifications are held until the
 * end, "active" follows, then ::changed is emitted once. */
static void
begin_change (DmFilter *self)
{
  g_object_freeze_notify (G_OBJECT (self));
}

static void
end_change (DmFilter *self,
            gboolean  changed)
{
  gboolean active = compute_active (self);

  if (active != self->active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* A sorted, NULL-terminated copy of @strings without repeats. */
static GPtrArray *
sorted_set (const char * const *strings)
{
  GPtrArray *set = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    g_ptr_array_add (set, g_strdup (strings[i]));
  g_ptr_array_sort (set, compare_strings);

  for (guint i = 1; i < set->len; )
    {
      if (strcmp (g_ptr_array_index (set, i - 1), g_ptr_array_index (set, i)) == 0)
        g_ptr_array_remove_index (set, i);
      else
        i++;
    }

  return set;
}

static char **
ptr_array_to_strv (GPtrArray *array)
{
  char **strv = g_new (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  strv[array->len] = NULL;

  return strv;
}

static gint64
effective_year_min (DmFilter *self)
{
  return MIN (self->year_min, DM_DATE_YEAR_MAX + 1);
}

static gint64
effective_year_max (DmFilter *self)
{
  return MAX (self->year_max, -DM_DATE_YEAR_MAX - 1);
}

static void
prepare (DmFilter      *self,
         DmDataset     *dataset,
         DmSearchIndex *index,
         Criteria      *criteria)
{
  guint n_kinds = dm_dataset_get_n_kinds (dataset);

  if (self->dataset != dataset)
    {
      guint n = dm_dataset_get_n_events (dataset);

      g_set_weak_pointer (&self->dataset, dataset);
      g_clear_pointer (&self->kind_hidden, g_free);
      g_clear_pointer (&self->facts, g_free);

      self->facts = g_new (Facts, MAX (n, 1));
      self->has_span = n > 0;
      self->span_start = INFINITY;
      self->span_end = -INFINITY;
      for (guint i = 0; i < n; i++)
        {
          const DmEvent *event = dm_dataset_get_event (dataset, i);
          Facts *facts = &self->facts[i];

          facts->axis_start = event->axis_start;
          facts->axis_end = event->axis_end;
          facts->kind_index = event->kind_index < n_kinds ? event->kind_index : G_MAXUINT;
          facts->certainty = event->certainty;
          facts->has_kind = event->kind != NULL;
          self->span_start = MIN (self->span_start, event->axis_start);
          self->span_end = MAX (self->span_end, event->axis_end);
        }
    }

  if (self->kind_hidden == NULL)
    {
      self->kind_hidden = g_new0 (guint8, MAX (n_kinds, 1));
      for (guint k = 0; k < n_kinds; k++)
        {
          const DmKind *kind = dm_dataset_get_kind (dataset, k);

          self->kind_hidden[k] = g_hash_table_contains (self->hidden_kinds, kind->id);
        }
    }

  if (index != NULL &&
      (self->search == NULL || dm_search_state_get_index (self->search) != index))
    {
      g_clear_pointer (&self->search, dm_search_state_free);
      self->search = dm_search_state_new (index);
    }

  criteria->dataset = dataset;
  criteria->facts = self->facts;
  criteria->kind_hidden = self->kind_hidden;
  criteria->n_kinds = n_kinds;
  criteria->hidden_kinds = self->hidden_kinds;
  criteria->has_years = has_year_min (self) || has_year_max (self);
  criteria->axis_a = has_year_min (self)
    ? (double) dm_date_days_from_civil (effective_year_min (self), 1, 1)
    : -INFINITY;
  criteria->axis_b = has_year_max (self)
    ? (double) dm_date_days_from_civil (effective_year_max (self) + 1, 1, 1)
    : INFINITY;
  criteria->hide_inferred = self->hide_inferred;
  criteria->tags = self->required_tags;
}

static gboolean
passes_all_but_kind (const Criteria *criteria,
                     guint           position)
{
  const Facts *facts = &criteria->facts[position];

  if (criteria->hide_inferred && facts->certainty != DM_CERTAINTY_STATED)
    return FALSE;

  if (criteria->has_years &&
      (facts->axis_start >= criteria->axis_b || facts->axis_end <= criteria->axis_a))
    return FALSE;

  if (criteria->tags->len > 0)
    {
      const DmEvent *event = dm_dataset_get_event (criteria->dataset, position);

      for (guint t = 0; t < criteria->tags->len; t++)
        {
          if (!dm_event_has_tag (event, g_ptr_array_index (criteria->tags, t)))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
kind_passes (const Criteria *criteria,
             guint           position)
{
  const Facts *facts = &criteria->facts[position];
  const DmEvent *event;

  if (facts->kind_index != G_MAXUINT)
    return !criteria->kind_hidden[facts->kind_index];
  if (!facts->has_kind)
    return TRUE;

  /* A kind the dataset does not define */
  event = dm_dataset_get_event (criteria->dataset, position);
  return !g_hash_table_contains (criteria->hidden_kinds, event->kind);
}

/* Either appends the events that pass to @positions, or counts by kind in
 * @counts the events that pass all but the kinds. */
static void
run (DmFilter      *self,
     DmDataset     *dataset,
     DmSearchIndex *index,
     GArray        *positions,
     guint         *counts)
{
  g_autoptr(GArray) candidates = NULL;
  Criteria criteria;
  guint n;

  prepare (self, dataset, index, &criteria);

  if (self->search_folded[0] != '\0')
    {
      candidates = g_array_new (FALSE, FALSE, sizeof (guint));
      dm_search_state_query (self->search, self->search_text, candidates);
    }
  else if (criteria.has_years && self->has_span)
    {
      double lo = MAX (criteria.axis_a, self->span_start);
      double hi = MIN (criteria.axis_b, self->span_end);

      if (hi < lo)
        return;

      if (hi - lo < (self->span_end - self->span_start) * NARROW_RANGE)
        {
          /* A closed range: what only touches it is dropped below. */
          candidates = g_array_new (FALSE, FALSE, sizeof (guint));
          dm_dataset_query_range (dataset, lo, hi, candidates);
        }
    }

  n = candidates != NULL ? candidates->len : dm_dataset_get_n_events (dataset);
  for (guint i = 0; i < n; i++)
    {
      guint position = candidates != NULL ? g_array_index (candidates, guint, i) : i;

      if (!passes_all_but_kind (&criteria, position))
        continue;

      if (counts != NULL)
        {
          guint kind_index = criteria.facts[position].kind_index;

          if (kind_index != G_MAXUINT)
            counts[kind_index]++;
        }
      else if (kind_passes (&criteria, position))
        {
          g_array_append_val (positions, position);
        }
    }
}

static char *
describe_years (DmFilter   *self,
                DmLanguage  language)
{
  gboolean vi = language == DM_LANGUAGE_VI;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  DmDate from;
  DmDate to;

  if (has_year_min (self))
    {
      dm_date_init (&from, DM_DATE_PRECISION_YEAR,
                    CLAMP (self->year_min, -DM_DATE_YEAR_MAX, DM_DATE_YEAR_MAX), 0, 0, 0, 0);
      from_text = dm_date_format (&from, language);
    }
  if (has_year_max (self))
    {
      dm_date_init (&to, DM_DATE_PRECISION_YEAR,
                    CLAMP (self->year_max, -DM_DATE_YEAR_MAX, DM_DATE_YEAR_MAX), 0, 0, 0, 0);
      to_text = dm_date_format (&to, language);
    }

  if (from_text != NULL && to_text != NULL)
    return dm_date_format_range (&from, &to, language);
  if (from_text != NULL)
    return g_strdup_printf (vi ? "từ %s" : "from %s", from_text);
  return g_strdup_printf (vi ? "đến %s" : "until %s", to_text);
}

/* GObject */

static void
dm_filter_dispose (GObject *object)
{
  DmFilter *self = (DmFilter *)object;

  g_clear_weak_pointer (&self->dataset);
  g_clear_pointer (&self->search, dm_search_state_free);
  g_clear_pointer (&self->facts, g_free);

  G_OBJECT_CLASS (dm_filter_parent_class)->dispose (object);
}

static void
dm_filter_finalize (GObject *object)
{
  DmFilter *self = (DmFilter *)object;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->hidden_kinds, g_hash_table_unref);
  g_clear_pointer (&self->required_tags, g_ptr_array_unref);
  g_clear_pointer (&self->kind_hidden, g_free);

  G_OBJECT_CLASS (dm_filter_parent_class)->finalize (object);
}

static void
dm_filter_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DmFilter *self = DM_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    case PROP_HIDDEN_KINDS:
      g_value_take_boxed (value, dm_filter_dup_hidden_kinds (self));
      break;

    case PROP_YEAR_MIN:
      g_value_set_int64 (value, self->year_min);
      break;

    case PROP_YEAR_MAX:
      g_value_set_int64 (value, self->year_max);
      break;

    case PROP_HIDE_INFERRED:
      g_value_set_boolean (value, self->hide_inferred);
      break;

    case PROP_REQUIRED_TAGS:
      g_value_take_boxed (value, dm_filter_dup_required_tags (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_filter_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DmFilter *self = DM_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      dm_filter_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_HIDDEN_KINDS:
      dm_filter_set_hidden_kinds (self, g_value_get_boxed (value));
      break;

    case PROP_YEAR_MIN:
      dm_filter_set_year_min (self, g_value_get_int64 (value));
      break;

    case PROP_YEAR_MAX:
      dm_filter_set_year_max (self, g_value_get_int64 (value));
      break;

    case PROP_HIDE_INFERRED:
      dm_filter_set_hide_inferred (self, g_value_get_boolean (value));
      break;

    case PROP_REQUIRED_TAGS:
      dm_filter_set_required_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_filter_class_init (DmFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_filter_dispose;
  object_class->finalize = dm_filter_finalize;
  object_class->get_property = dm_filter_get_property;
  object_class->set_property = dm_filter_set_property;

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HIDDEN_KINDS] =
    g_param_spec_boxed ("hidden-kinds", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_YEAR_MIN] =
    g_param_spec_int64 ("year-min", NULL, NULL,
                        G_MININT64, G_MAXINT64, DM_FILTER_NO_YEAR_MIN,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_YEAR_MAX] =
    g_param_spec_int64 ("year-max", NULL, NULL,
                        G_MININT64, G_MAXINT64, DM_FILTER_NO_YEAR_MAX,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HIDE_INFERRED] =
    g_param_spec_boolean ("hide-inferred", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REQUIRED_TAGS] =
    g_param_spec_boxed ("required-tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmFilter::changed:
   *
   * Emitted once for every change of the criteria, after the property
   * notifications.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
dm_filter_init (DmFilter *self)
{
  self->search_text = g_strdup ("");
  self->search_folded = g_strdup ("");
  self->hidden_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->required_tags = g_ptr_array_new_with_free_func (g_free);
  self->year_min = DM_FILTER_NO_YEAR_MIN;
  self->year_max = DM_FILTER_NO_YEAR_MAX;
}

/* Public API */

DmFilter *
dm_filter_new (void)
{
  return g_object_new (DM_TYPE_FILTER, NULL);
}

const char *
dm_filter_get_search_text (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), NULL);

  return self->search_text;
}

void
dm_filter_set_search_text (DmFilter   *self,
                           const char *text)
{
  g_return_if_fail (DM_IS_FILTER (self));

  if (text == NULL)
    text = "";
  if (strcmp (self->search_text, text) == 0)
    return;

  begin_change (self);
  g_free (self->search_text);
  g_free (self->search_folded);
  self->search_text = g_strdup (text);
  self->search_folded = dm_fold (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
  end_change (self, TRUE);
}

gboolean
dm_filter_get_kind_visible (DmFilter   *self,
                            const char *kind_id)
{
  g_return_val_if_fail (DM_IS_FILTER (self), FALSE);
  g_return_val_if_fail (kind_id != NULL, FALSE);

  return !g_hash_table_contains (self->hidden_kinds, kind_id);
}

void
dm_filter_set_kind_visible (DmFilter   *self,
                            const char *kind_id,
                            gboolean    visible)
{
  g_return_if_fail (DM_IS_FILTER (self));
  g_return_if_fail (kind_id != NULL);

  if (visible == !g_hash_table_contains (self->hidden_kinds, kind_id))
    return;

  begin_change (self);
  if (visible)
    g_hash_table_remove (self->hidden_kinds, kind_id);
  else
    g_hash_table_add (self->hidden_kinds, g_strdup (kind_id));
  g_clear_pointer (&self->kind_hidden, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_KINDS]);
  end_change (self, TRUE);
}

char **
dm_filter_dup_hidden_kinds (DmFilter *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (DM_IS_FILTER (self), NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->hidden_kinds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);

  return ptr_array_to_strv (ids);
}

void
dm_filter_set_hidden_kinds (DmFilter           *self,
                            const char * const *kind_ids)
{
  g_autoptr(GPtrArray) ids = NULL;
  gboolean same;

  g_return_if_fail (DM_IS_FILTER (self));

  ids = sorted_set (kind_ids);
  same = ids->len == g_hash_table_size (self->hidden_kinds);
  for (guint i = 0; same && i < ids->len; i++)
    same = g_hash_table_contains (self->hidden_kinds, g_ptr_array_index (ids, i));
  if (same)
    return;

  begin_change (self);
  g_hash_table_remove_all (self->hidden_kinds);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->hidden_kinds, g_strdup (g_ptr_array_index (ids, i)));
  g_clear_pointer (&self->kind_hidden, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_KINDS]);
  end_change (self, TRUE);
}

gint64
dm_filter_get_year_min (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), DM_FILTER_NO_YEAR_MIN);

  return self->year_min;
}

void
dm_filter_set_year_min (DmFilter *self,
                        gint64    year)
{
  g_return_if_fail (DM_IS_FILTER (self));

  dm_filter_set_year_range (self, year, self->year_max);
}

gint64
dm_filter_get_year_max (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), DM_FILTER_NO_YEAR_MAX);

  return self->year_max;
}

void
dm_filter_set_year_max (DmFilter *self,
                        gint64    year)
{
  g_return_if_fail (DM_IS_FILTER (self));

  dm_filter_set_year_range (self, self->year_min, year);
}

void
dm_filter_set_year_range (DmFilter *self,
                          gint64    year_min,
                          gint64    year_max)
{
  g_return_if_fail (DM_IS_FILTER (self));

  if (self->year_min == year_min && self->year_max == year_max)
    return;

  begin_change (self);
  if (self->year_min != year_min)
    {
      self->year_min = year_min;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_MIN]);
    }
  if (self->year_max != year_max)
    {
      self->year_max = year_max;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_MAX]);
    }
  end_change (self, TRUE);
}

gboolean
dm_filter_get_year_range (DmFilter *self,
                          gint64   *year_min,
                          gint64   *year_max)
{
  g_return_val_if_fail (DM_IS_FILTER (self), FALSE);

  if (year_min != NULL)
    *year_min = self->year_min;
  if (year_max != NULL)
    *year_max = self->year_max;

  return has_year_min (self) || has_year_max (self);
}

gboolean
dm_filter_get_hide_inferred (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), FALSE);

  return self->hide_inferred;
}

void
dm_filter_set_hide_inferred (DmFilter *self,
                             gboolean  hide_inferred)
{
  g_return_if_fail (DM_IS_FILTER (self));

  hide_inferred = !!hide_inferred;
  if (self->hide_inferred == hide_inferred)
    return;

  begin_change (self);
  self->hide_inferred = hide_inferred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_INFERRED]);
  end_change (self, TRUE);
}

gboolean
dm_filter_get_tag_required (DmFilter   *self,
                            const char *tag)
{
  g_return_val_if_fail (DM_IS_FILTER (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return g_ptr_array_find_with_equal_func (self->required_tags, tag, g_str_equal, NULL);
}

void
dm_filter_set_tag_required (DmFilter   *self,
                            const char *tag,
                            gboolean    required)
{
  guint index;

  g_return_if_fail (DM_IS_FILTER (self));
  g_return_if_fail (tag != NULL);

  if (!!required == g_ptr_array_find_with_equal_func (self->required_tags, tag, g_str_equal, &index))
    return;

  begin_change (self);
  if (required)
    {
      g_ptr_array_add (self->required_tags, g_strdup (tag));
      g_ptr_array_sort (self->required_tags, compare_strings);
    }
  else
    {
      g_ptr_array_remove_index (self->required_tags, index);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_TAGS]);
  end_change (self, TRUE);
}

char **
dm_filter_dup_required_tags (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), NULL);

  return ptr_array_to_strv (self->required_tags);
}

void
dm_filter_set_required_tags (DmFilter           *self,
                             const char * const *tags)
{
  g_autoptr(GPtrArray) set = NULL;
  gboolean same;

  g_return_if_fail (DM_IS_FILTER (self));

  set = sorted_set (tags);
  same = set->len == self->required_tags->len;
  for (guint i = 0; same && i < set->len; i++)
    same = strcmp (g_ptr_array_index (set, i), g_ptr_array_index (self->required_tags, i)) == 0;
  if (same)
    return;

  begin_change (self);
  g_ptr_array_unref (self->required_tags);
  self->required_tags = g_steal_pointer (&set);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_TAGS]);
  end_change (self, TRUE);
}

void
dm_filter_dataset_changed (DmFilter *self)
{
  g_return_if_fail (DM_IS_FILTER (self));

  /* prepare() makes them again for the dataset as it is now. */
  g_clear_weak_pointer (&self->dataset);
  g_clear_pointer (&self->search, dm_search_state_free);
}

gboolean
dm_filter_is_active (DmFilter *self)
{
  g_return_val_if_fail (DM_IS_FILTER (self), FALSE);

  return self->active;
}

void
dm_filter_reset (DmFilter *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (DM_IS_FILTER (self));

  begin_change (self);

  if (self->search_text[0] != '\0')
    {
      g_free (self->search_text);
      g_free (self->search_folded);
      self->search_text = g_strdup ("");
      self->search_folded = g_strdup ("");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
      changed = TRUE;
    }
  if (g_hash_table_size (self->hidden_kinds) > 0)
    {
      g_hash_table_remove_all (self->hidden_kinds);
      g_clear_pointer (&self->kind_hidden, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_KINDS]);
      changed = TRUE;
    }
  if (self->year_min != DM_FILTER_NO_YEAR_MIN)
    {
      self->year_min = DM_FILTER_NO_YEAR_MIN;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_MIN]);
      changed = TRUE;
    }
  if (self->year_max != DM_FILTER_NO_YEAR_MAX)
    {
      self->year_max = DM_FILTER_NO_YEAR_MAX;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_MAX]);
      changed = TRUE;
    }
  if (self->hide_inferred)
    {
      self->hide_inferred = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_INFERRED]);
      changed = TRUE;
    }
  if (self->required_tags->len > 0)
    {
      g_ptr_array_set_size (self->required_tags, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED_TAGS]);
      changed = TRUE;
    }

  end_change (self, changed);
}

char *
dm_filter_describe (DmFilter   *self,
                    DmDataset  *dataset,
                    DmLanguage  language)
{
  g_autoptr(GPtrArray) parts = NULL;
  gboolean vi = language == DM_LANGUAGE_VI;
  guint n_kinds;
  guint visible = 0;

  g_return_val_if_fail (DM_IS_FILTER (self), NULL);
  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  parts = g_ptr_array_new_with_free_func (g_free);

  n_kinds = dm_dataset_get_n_kinds (dataset);
  for (guint k = 0; k < n_kinds; k++)
    {
      if (!g_hash_table_contains (self->hidden_kinds, dm_dataset_get_kind (dataset, k)->id))
        visible++;
    }
  if (visible < n_kinds)
    {
      if (vi)
        g_ptr_array_add (parts, g_strdup_printf ("%u trong %u loại", visible, n_kinds));
      else
        g_ptr_array_add (parts, g_strdup_printf ("%u of %u %s", visible, n_kinds,
                                                 n_kinds == 1 ? "kind" : "kinds"));
    }

  if (has_year_min (self) || has_year_max (self))
    g_ptr_array_add (parts, describe_years (self, language));

  if (self->hide_inferred)
    g_ptr_array_add (parts, g_strdup (vi ? "chỉ ngày được nêu rõ" : "stated dates only"));

  if (self->required_tags->len > 0)
    {
      g_autoptr(GString) tags = g_string_new (NULL);

      /* By their labels, as the filter menu shows them. */
      for (guint t = 0; t < self->required_tags->len; t++)
        {
          const char *tag = g_ptr_array_index (self->required_tags, t);

          if (t > 0)
            g_string_append (tags, ", ");
          g_string_append (tags, dataset != NULL ? dm_dataset_format_tag (dataset, tag, language) : tag);
        }

      g_ptr_array_add (parts, g_strdup_printf (vi ? "có thẻ %s" : "tagged %s", tags->str));
    }

  if (self->search_folded[0] != '\0')
    {
      g_auto(GStrv) words = dm_fold_split (self->search_text);
      g_autofree char *text = g_strjoinv (" ", words);

      g_ptr_array_add (parts, g_strdup_printf ("“%s”", text));
    }

  if (parts->len == 0)
    return g_strdup (vi ? "Tất cả sự kiện" : "All events");

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

guint
dm_filter_apply (DmFilter      *self,
                 DmDataset     *dataset,
                 DmSearchIndex *index,
                 GArray        *positions)
{
  guint before;

  g_return_val_if_fail (DM_IS_FILTER (self), 0);
  g_return_val_if_fail (DM_IS_DATASET (dataset), 0);
  g_return_val_if_fail (positions != NULL, 0);
  g_return_val_if_fail (index != NULL || self->search_folded[0] == '\0', 0);
  g_return_val_if_fail (index == NULL ||
                        dm_search_index_get_n_events (index) == dm_dataset_get_n_events (dataset), 0);

  before = positions->len;
  run (self, dataset, index, positions, NULL);

  return positions->len - before;
}

GArray *
dm_filter_count_by_kind (DmFilter      *self,
                         DmDataset     *dataset,
                         DmSearchIndex *index)
{
  GArray *counts;

  g_return_val_if_fail (DM_IS_FILTER (self), NULL);
  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index != NULL || self->search_folded[0] == '\0', NULL);
  g_return_val_if_fail (index == NULL ||
                        dm_search_index_get_n_events (index) == dm_dataset_get_n_events (dataset), NULL);

  counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (counts, dm_dataset_get_n_kinds (dataset));

  /* With nothing but kinds to go by, the dataset knows: no pass over a
   * million events on the main loop when one is opened. */
  if (self->search_folded[0] == '\0' && !has_year_min (self) && !has_year_max (self) &&
      !self->hide_inferred && self->required_tags->len == 0)
    {
      for (guint k = 0; k < counts->len; k++)
        g_array_index (counts, guint, k) = dm_dataset_get_kind_count (dataset, k);
      return counts;
    }

  run (self, dataset, index, NULL, (guint *) (gpointer) counts->data);

  return counts;
}
