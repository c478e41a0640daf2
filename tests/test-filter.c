/* test-filter.c — the explorer's filter: property notifications, each
 * criterion alone and combined against a brute-force check, counts by
 * kind, reset, and the summary in both languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-test-util.h"
#include "dm-filter.h"
#include "dm-fold.h"

/* Notifications */

typedef struct
{
  GHashTable *notified;  /* property name → count */
  guint       changed;
} Counter;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counter    *counter)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, pspec->name));

  g_hash_table_insert (counter->notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
on_changed (DmFilter *filter,
            Counter  *counter)
{
  counter->changed++;
}

static guint
notified (Counter    *counter,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, name));
}

static void
counter_watch (Counter  *counter,
               DmFilter *filter)
{
  counter->notified = g_hash_table_new (g_str_hash, g_str_equal);
  counter->changed = 0;
  g_signal_connect (filter, "notify", G_CALLBACK (on_notify), counter);
  g_signal_connect (filter, "changed", G_CALLBACK (on_changed), counter);
}

static void
counter_clear (Counter *counter)
{
  g_clear_pointer (&counter->notified, g_hash_table_unref);
}

static void
set_search (DmFilter *filter)
{
  dm_filter_set_search_text (filter, "nghi quyet");
}

static void
set_search_property (DmFilter *filter)
{
  g_object_set (filter, "search-text", "Hội thảo", NULL);
}

static void
hide_kind (DmFilter *filter)
{
  dm_filter_set_kind_visible (filter, "forum", FALSE);
}

static void
set_hidden_kinds (DmFilter *filter)
{
  const char * const kinds[] = { "mou", "forum", "mou", NULL };

  dm_filter_set_hidden_kinds (filter, kinds);
}

static void
set_hidden_kinds_property (DmFilter *filter)
{
  const char * const kinds[] = { "forum", "mou", NULL };

  g_object_set (filter, "hidden-kinds", kinds, NULL);
}

static void
set_year_min (DmFilter *filter)
{
  dm_filter_set_year_min (filter, 2018);
}

static void
set_year_min_property (DmFilter *filter)
{
  g_object_set (filter, "year-min", (gint64) -43, NULL);
}

static void
set_year_max (DmFilter *filter)
{
  dm_filter_set_year_max (filter, 2020);
}

static void
set_hide_inferred (DmFilter *filter)
{
  dm_filter_set_hide_inferred (filter, TRUE);
}

static void
set_hide_inferred_property (DmFilter *filter)
{
  g_object_set (filter, "hide-inferred", TRUE, NULL);
}

static void
require_tag (DmFilter *filter)
{
  dm_filter_set_tag_required (filter, "wef", TRUE);
}

static void
set_required_tags (DmFilter *filter)
{
  const char * const tags[] = { "wef", "4ir", "wef", NULL };

  dm_filter_set_required_tags (filter, tags);
}

static void
set_required_tags_property (DmFilter *filter)
{
  const char * const tags[] = { "4ir", NULL };

  g_object_set (filter, "required-tags", tags, NULL);
}

typedef struct
{
  const char *name;
  const char *property;
  void      (*set) (DmFilter *filter);
} NotifyCase;

static const NotifyCase notify_cases[] = {
  { "search-text", "search-text", set_search },
  { "search-text-property", "search-text", set_search_property },
  { "kind-visible", "hidden-kinds", hide_kind },
  { "hidden-kinds", "hidden-kinds", set_hidden_kinds },
  { "hidden-kinds-property", "hidden-kinds", set_hidden_kinds_property },
  { "year-min", "year-min", set_year_min },
  { "year-min-property", "year-min", set_year_min_property },
  { "year-max", "year-max", set_year_max },
  { "hide-inferred", "hide-inferred", set_hide_inferred },
  { "hide-inferred-property", "hide-inferred", set_hide_inferred_property },
  { "tag-required", "required-tags", require_tag },
  { "required-tags", "required-tags", set_required_tags },
  { "required-tags-property", "required-tags", set_required_tags_property },
};

/* Setting a value twice notifies once and changes once; reset undoes it
 * with one more of each; resetting again does nothing. */
static void
test_notify (gconstpointer data)
{
  const NotifyCase *c = data;
  DmFilter *filter = dm_filter_new ();
  Counter counter;

  counter_watch (&counter, filter);
  g_assert_false (dm_filter_is_active (filter));

  c->set (filter);
  c->set (filter);
  g_assert_cmpuint (notified (&counter, c->property), ==, 1);
  g_assert_cmpuint (notified (&counter, "active"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (counter.notified), ==, 2);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_true (dm_filter_is_active (filter));

  dm_filter_reset (filter);
  g_assert_cmpuint (notified (&counter, c->property), ==, 2);
  g_assert_cmpuint (notified (&counter, "active"), ==, 2);
  g_assert_cmpuint (g_hash_table_size (counter.notified), ==, 2);
  g_assert_cmpuint (counter.changed, ==, 2);
  g_assert_false (dm_filter_is_active (filter));

  dm_filter_reset (filter);
  g_assert_cmpuint (counter.changed, ==, 2);
  g_assert_cmpuint (notified (&counter, "active"), ==, 2);

  counter_clear (&counter);
  g_assert_finalize_object (filter);
}

static void
test_notify_combined (void)
{
  DmFilter *filter = dm_filter_new ();
  const char * const kinds[] = { "forum", NULL };
  const char * const other_order[] = { "b", "a", NULL };
  const char * const same_tags[] = { "a", "b", "a", NULL };
  g_auto(GStrv) hidden = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 year_min;
  gint64 year_max;
  Counter counter;

  counter_watch (&counter, filter);

  /* Both bounds at once: each notified, one change. */
  dm_filter_set_year_range (filter, 2018, 2020);
  g_assert_cmpuint (notified (&counter, "year-min"), ==, 1);
  g_assert_cmpuint (notified (&counter, "year-max"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_true (dm_filter_get_year_range (filter, &year_min, &year_max));
  g_assert_cmpint (year_min, ==, 2018);
  g_assert_cmpint (year_max, ==, 2020);

  /* One bound changed: only it. */
  dm_filter_set_year_range (filter, 2018, 2021);
  g_assert_cmpuint (notified (&counter, "year-min"), ==, 1);
  g_assert_cmpuint (notified (&counter, "year-max"), ==, 2);
  g_assert_cmpuint (counter.changed, ==, 2);

  /* Still active: "active" does not notify again. */
  dm_filter_set_hide_inferred (filter, TRUE);
  dm_filter_set_hidden_kinds (filter, kinds);
  dm_filter_set_required_tags (filter, other_order);
  dm_filter_set_required_tags (filter, same_tags);  /* the same set */
  dm_filter_set_search_text (filter, "wef");
  dm_filter_set_search_text (filter, "wef");
  dm_filter_set_kind_visible (filter, "forum", FALSE);  /* already hidden */
  g_assert_cmpuint (notified (&counter, "active"), ==, 1);
  g_assert_cmpuint (notified (&counter, "required-tags"), ==, 1);
  g_assert_cmpuint (notified (&counter, "hidden-kinds"), ==, 1);
  g_assert_cmpuint (notified (&counter, "search-text"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 6);

  hidden = dm_filter_dup_hidden_kinds (filter);
  g_assert_cmpstrv (hidden, kinds);
  tags = dm_filter_dup_required_tags (filter);
  g_assert_cmpstrv (tags, ((const char * const []) { "a", "b", NULL }));
  g_assert_false (dm_filter_get_kind_visible (filter, "forum"));
  g_assert_true (dm_filter_get_kind_visible (filter, "mou"));
  g_assert_true (dm_filter_get_tag_required (filter, "a"));
  g_assert_false (dm_filter_get_tag_required (filter, "c"));
  g_assert_cmpstr (dm_filter_get_search_text (filter), ==, "wef");

  /* One click resets everything, with one change. */
  dm_filter_reset (filter);
  g_assert_cmpuint (counter.changed, ==, 7);
  g_assert_cmpuint (notified (&counter, "active"), ==, 2);
  g_assert_cmpuint (notified (&counter, "year-min"), ==, 2);
  g_assert_cmpuint (notified (&counter, "year-max"), ==, 3);
  g_assert_cmpuint (notified (&counter, "hide-inferred"), ==, 2);
  g_assert_cmpuint (notified (&counter, "hidden-kinds"), ==, 2);
  g_assert_cmpuint (notified (&counter, "required-tags"), ==, 2);
  g_assert_cmpuint (notified (&counter, "search-text"), ==, 2);
  g_assert_false (dm_filter_is_active (filter));
  g_assert_false (dm_filter_get_year_range (filter, NULL, NULL));
  g_assert_cmpint (dm_filter_get_year_min (filter), ==, DM_FILTER_NO_YEAR_MIN);
  g_assert_cmpint (dm_filter_get_year_max (filter), ==, DM_FILTER_NO_YEAR_MAX);
  g_assert_cmpstr (dm_filter_get_search_text (filter), ==, "");

  /* White space alone searches nothing: not active. */
  dm_filter_set_search_text (filter, "   ");
  g_assert_false (dm_filter_is_active (filter));
  g_assert_cmpuint (notified (&counter, "search-text"), ==, 3);

  counter_clear (&counter);
  g_assert_finalize_object (filter);
}

/* The bundled dataset */

static GStrv
apply_ids (DmFilter      *filter,
           DmDataset     *dataset,
           DmSearchIndex *index)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *ids = g_ptr_array_new ();

  dm_filter_apply (filter, dataset, index, positions);
  for (guint i = 0; i < positions->len; i++)
    g_ptr_array_add (ids, g_strdup (dm_dataset_get_event (dataset, g_array_index (positions, guint, i))->id));
  g_ptr_array_add (ids, NULL);

  return (GStrv) g_ptr_array_free (ids, FALSE);
}

static void
test_bundled (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  g_autoptr(DmFilter) filter = dm_filter_new ();
  g_autoptr(GArray) counts = NULL;
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  guint n_events = dm_dataset_get_n_events (dataset);

  /* Resolutions of 2019 with a stated date: Resolution 52 alone. */
  for (guint k = 0; k < n_kinds; k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);

      dm_filter_set_kind_visible (filter, kind->id, g_strcmp0 (kind->id, "resolution") == 0);
    }
  dm_filter_set_year_range (filter, 2019, 2019);
  dm_filter_set_hide_inferred (filter, TRUE);
  {
    g_auto(GStrv) ids = apply_ids (filter, dataset, index);

    g_assert_cmpstrv (ids, ((const char * const []) { "nq-52-2019", NULL }));
  }

  /* Counts by kind ignore the kinds: every kind shows what it would add. */
  dm_filter_reset (filter);
  dm_filter_set_kind_visible (filter, "forum", FALSE);
  counts = dm_filter_count_by_kind (filter, dataset, index);
  g_assert_cmpuint (counts->len, ==, n_kinds);
  {
    guint total = 0;

    for (guint k = 0; k < n_kinds; k++)
      {
        const DmKind *kind = dm_dataset_get_kind (dataset, k);
        guint n = 0;

        for (guint i = 0; i < n_events; i++)
          n += g_strcmp0 (dm_dataset_get_event (dataset, i)->kind, kind->id) == 0;
        g_assert_cmpuint (g_array_index (counts, guint, k), ==, n);
        total += n;
      }
    g_assert_cmpuint (total, ==, n_events);
  }
  g_clear_pointer (&counts, g_array_unref);

  /* Search and tags together. */
  dm_filter_reset (filter);
  dm_filter_set_search_text (filter, "trung tam");
  dm_filter_set_tag_required (filter, "wef", TRUE);
  dm_filter_set_year_max (filter, 2020);
  {
    g_auto(GStrv) ids = apply_ids (filter, dataset, index);

    g_assert_cmpstrv (ids, ((const char * const []) { "mou-wef-2019", "nq-78-2020", "mic-business-meeting-2020",
                                                      "c4ir-vietnam-centre", NULL }));
  }

  /* No index is needed without a search text. */
  dm_filter_reset (filter);
  dm_filter_set_year_min (filter, 2022);
  {
    g_auto(GStrv) ids = apply_ids (filter, dataset, NULL);

    g_assert_cmpstrv (ids, ((const char * const []) { "khung-chinh-sach-phuc-hoi-2021-2023", "de-an-cnh-hdh-2030-2045", NULL }));
  }
}

/* The summary, in both languages */

typedef struct
{
  const char *name;
  const char *hidden_kinds[6];
  gint64      year_min;
  gint64      year_max;
  gboolean    hide_inferred;
  const char *tags[3];
  const char *search;
  const char *en;
  const char *vi;
} DescribeCase;

#define NO_MIN DM_FILTER_NO_YEAR_MIN
#define NO_MAX DM_FILTER_NO_YEAR_MAX

static const DescribeCase describe_cases[] = {
  { "nothing", { NULL }, NO_MIN, NO_MAX, FALSE, { NULL }, NULL,
    "All events", "Tất cả sự kiện" },
  { "everything", { "forum", "mou", NULL }, 2018, 2020, TRUE, { NULL }, "nghi quyet",
    "4 of 6 kinds · 2018 – 2020 · stated dates only · “nghi quyet”",
    "4 trong 6 loại · năm 2018 – 2020 · chỉ ngày được nêu rõ · “nghi quyet”" },
  { "one-kind", { "forum", "mou", "plan", "meeting", "milestone", NULL }, NO_MIN, NO_MAX, FALSE, { NULL }, NULL,
    "1 of 6 kinds", "1 trong 6 loại" },
  { "from", { NULL }, 2018, NO_MAX, FALSE, { NULL }, NULL,
    "from 2018", "từ năm 2018" },
  { "until", { NULL }, NO_MIN, 2020, FALSE, { NULL }, NULL,
    "until 2020", "đến năm 2020" },
  { "one-year", { NULL }, 2019, 2019, FALSE, { NULL }, NULL,
    "2019", "năm 2019" },
  { "bce", { NULL }, -43, NO_MAX, FALSE, { NULL }, NULL,
    "from 44 BCE", "từ năm 44 TCN" },
  { "tags", { NULL }, NO_MIN, NO_MAX, FALSE, { "wef", "4ir", NULL }, NULL,
    "tagged Fourth Industrial Revolution, World Economic Forum (WEF)",       /* by their labels */
    "có thẻ Cách mạng công nghiệp lần thứ 4, Diễn đàn Kinh tế thế giới (WEF)" },
  { "search-as-typed", { NULL }, NO_MIN, NO_MAX, FALSE, { NULL }, "  Nghị   quyết ",
    "“Nghị quyết”", "“Nghị quyết”" },
  { "search-blank", { NULL }, NO_MIN, NO_MAX, FALSE, { NULL }, "   ",
    "All events", "Tất cả sự kiện" },
  { "stated", { NULL }, NO_MIN, NO_MAX, TRUE, { "wef", NULL }, NULL,
    "stated dates only · tagged World Economic Forum (WEF)",
    "chỉ ngày được nêu rõ · có thẻ Diễn đàn Kinh tế thế giới (WEF)" },
};

static void
test_describe (gconstpointer data)
{
  const DescribeCase *c = data;
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmFilter) filter = dm_filter_new ();
  g_autofree char *en = NULL;
  g_autofree char *vi = NULL;

  dm_filter_set_hidden_kinds (filter, c->hidden_kinds);
  dm_filter_set_year_range (filter, c->year_min, c->year_max);
  dm_filter_set_hide_inferred (filter, c->hide_inferred);
  dm_filter_set_required_tags (filter, c->tags);
  dm_filter_set_search_text (filter, c->search);

  en = dm_filter_describe (filter, dataset, DM_LANGUAGE_EN);
  vi = dm_filter_describe (filter, dataset, DM_LANGUAGE_VI);
  g_assert_cmpstr (en, ==, c->en);
  g_assert_cmpstr (vi, ==, c->vi);
}

/* Against brute force on random datasets */

static const char * const title_words[] = {
  "Nghị", "quyết", "Hội", "thảo", "Đổi", "mới", "công", "nghiệp", "số",
  "Diễn", "đàn", "Trung", "tâm", "WEF", "4.0", "Hà", "Nội", "Đà", "Nẵng",
};

static const char * const tag_names[] = { "a", "b", "c", "d", "e" };

static DmDataset *
build_random_dataset (GRand *rand,
                      guint  n)
{
  DmDataset *dataset = dm_dataset_new ();

  dm_test_add_kinds (dataset, 6);

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      gint64 year = g_rand_int_range (rand, 1990, 2030);
      DmDatePrecision precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);
      guint month = precision >= DM_DATE_PRECISION_MONTH ? g_rand_int_range (rand, 1, 13) : 0;
      guint day = precision >= DM_DATE_PRECISION_DAY
        ? g_rand_int_range (rand, 1, dm_date_days_in_month (year, month) + 1)
        : 0;
      guint hour = precision >= DM_DATE_PRECISION_MINUTE ? g_rand_int_range (rand, 0, 24) : 0;
      g_autoptr(GString) title = g_string_new (NULL);
      int kind = g_rand_int_range (rand, -1, 6);

      /* The edges of years matter most: some events start on the last
       * day of a year or the first. */
      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          precision = DM_DATE_PRECISION_DAY;
          month = 12;
          day = 31;
          hour = 0;
          break;
        case 1:
          precision = DM_DATE_PRECISION_MINUTE;
          month = 12;
          day = 31;
          hour = 23;
          break;
        case 2:
          precision = DM_DATE_PRECISION_DAY;
          month = 1;
          day = 1;
          hour = 0;
          break;
        default:
          break;
        }

      event->id = g_strdup_printf ("e%u", i);
      event->kind = kind >= 0 ? g_strdup_printf ("k%d", kind) : NULL;
      g_assert_true (dm_date_init (&event->start, precision, year, month, day, hour, 0));
      if (g_rand_boolean (rand))
        {
          gint64 end_year = year + g_rand_int_range (rand, 0, 6);

          if (g_rand_boolean (rand))
            g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_YEAR, end_year, 0, 0, 0, 0));
          else
            g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_DAY, end_year, 12, 31, 0, 0));
        }
      event->certainty = g_rand_int_range (rand, DM_CERTAINTY_STATED, DM_CERTAINTY_APPROXIMATE + 1);

      for (guint t = 0; t < G_N_ELEMENTS (tag_names); t++)
        {
          if (g_rand_int_range (rand, 0, 3) != 0)
            continue;
          if (event->tags == NULL)
            event->tags = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (event->tags, g_strdup (tag_names[t]));
        }

      for (int w = g_rand_int_range (rand, 1, 5); w > 0; w--)
        {
          if (title->len > 0)
            g_string_append_c (title, ' ');
          g_string_append (title, title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_words))]);
        }
      dm_text_set (&event->title, title->str, NULL);

      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  return dataset;
}

/* What a random filter was set to, for the reference. */
typedef struct
{
  gboolean kind_hidden[6];
  gboolean has_min;
  gboolean has_max;
  gint64   year_min;
  gint64   year_max;
  gboolean hide_inferred;
  GPtrArray *tags;
  char    *search;
} Expected;

enum {
  CRITERION_KINDS = 1 << 0,
  CRITERION_YEARS = 1 << 1,
  CRITERION_CERTAINTY = 1 << 2,
  CRITERION_TAGS = 1 << 3,
  CRITERION_SEARCH = 1 << 4,
  CRITERION_ALL = (1 << 5) - 1,
};

static void
random_filter (GRand    *rand,
               DmFilter *filter,
               guint     criteria,
               Expected *expected)
{
  memset (expected, 0, sizeof *expected);
  expected->tags = g_ptr_array_new ();
  dm_filter_reset (filter);

  if (criteria & CRITERION_KINDS)
    {
      for (guint k = 0; k < 6; k++)
        {
          g_autofree char *id = g_strdup_printf ("k%u", k);

          expected->kind_hidden[k] = g_rand_int_range (rand, 0, 3) == 0;
          dm_filter_set_kind_visible (filter, id, !expected->kind_hidden[k]);
        }
      /* A kind the dataset does not have changes nothing. */
      dm_filter_set_kind_visible (filter, "ghost", FALSE);
    }

  if (criteria & CRITERION_YEARS)
    {
      int shape = g_rand_int_range (rand, 0, 5);

      expected->year_min = g_rand_int_range (rand, 1985, 2035);
      switch (shape)
        {
        case 0: /* one year: the interval index */
          expected->year_max = expected->year_min;
          break;
        case 1: /* a few years */
          expected->year_max = expected->year_min + g_rand_int_range (rand, 0, 5);
          break;
        case 2: /* most of the span: a scan */
          expected->year_min = g_rand_int_range (rand, 1980, 1995);
          expected->year_max = expected->year_min + g_rand_int_range (rand, 20, 50);
          break;
        case 3: /* from a year */
          expected->year_max = DM_FILTER_NO_YEAR_MAX;
          break;
        default: /* until a year */
          expected->year_max = expected->year_min;
          expected->year_min = DM_FILTER_NO_YEAR_MIN;
          break;
        }
      expected->has_min = expected->year_min != DM_FILTER_NO_YEAR_MIN;
      expected->has_max = expected->year_max != DM_FILTER_NO_YEAR_MAX;
      dm_filter_set_year_range (filter, expected->year_min, expected->year_max);
    }

  if (criteria & CRITERION_CERTAINTY)
    {
      expected->hide_inferred = TRUE;
      dm_filter_set_hide_inferred (filter, TRUE);
    }

  if (criteria & CRITERION_TAGS)
    {
      for (int n = g_rand_int_range (rand, 1, 3); n > 0; n--)
        {
          const char *tag = tag_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (tag_names))];

          g_ptr_array_add (expected->tags, (gpointer) tag);
          dm_filter_set_tag_required (filter, tag, TRUE);
        }
    }

  if (criteria & CRITERION_SEARCH)
    {
      g_autofree char *word = dm_fold (title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_words))]);
      glong length = g_utf8_strlen (word, -1);
      const char *end = g_utf8_offset_to_pointer (word, g_rand_int_range (rand, 1, length + 1));

      expected->search = g_strndup (word, end - word);
      if (g_rand_boolean (rand))
        {
          g_autofree char *first = expected->search;
          const char *other = title_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_words))];

          expected->search = g_strdup_printf ("%s %s", other, first);
        }
      dm_filter_set_search_text (filter, expected->search);
    }
}

static void
expected_clear (Expected *expected)
{
  g_clear_pointer (&expected->tags, g_ptr_array_unref);
  g_clear_pointer (&expected->search, g_free);
}

/* Each criterion worked out from the event's own fields. */
static gboolean
reference_passes_all_but_kind (const Expected *expected,
                               const gboolean *searched,
                               guint           position,
                               const DmEvent  *event)
{
  const DmDate *last = dm_date_is_set (&event->end) ? &event->end : &event->start;

  if (expected->has_min && last->year < expected->year_min)
    return FALSE;
  if (expected->has_max && event->start.year > expected->year_max)
    return FALSE;
  if (expected->hide_inferred && event->certainty != DM_CERTAINTY_STATED)
    return FALSE;
  for (guint t = 0; t < expected->tags->len; t++)
    {
      if (!dm_event_has_tag (event, g_ptr_array_index (expected->tags, t)))
        return FALSE;
    }
  if (searched != NULL && !searched[position])
    return FALSE;

  return TRUE;
}

static gboolean
reference_kind_passes (const Expected *expected,
                       const DmEvent  *event)
{
  return event->kind == NULL || !expected->kind_hidden[event->kind[1] - '0'];
}

static void
check_random_filter (DmFilter      *filter,
                     DmDataset     *dataset,
                     DmSearchIndex *index,
                     const Expected *expected)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) counts = NULL;
  g_autofree gboolean *searched = NULL;
  guint want_counts[6] = { 0 };
  guint n = dm_dataset_get_n_events (dataset);
  guint next = 0;

  /* The search as a fresh, whole query (test-search checks it against
   * its own reference); the filter searches incrementally. */
  if (expected->search != NULL)
    {
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

      searched = g_new0 (gboolean, MAX (n, 1));
      dm_search_index_query (index, expected->search, found);
      for (guint i = 0; i < found->len; i++)
        searched[g_array_index (found, guint, i)] = TRUE;
    }

  g_assert_cmpuint (dm_filter_apply (filter, dataset, index, positions), ==, positions->len);
  counts = dm_filter_count_by_kind (filter, dataset, index);

  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      gboolean others = reference_passes_all_but_kind (expected, searched, i, event);

      if (others && event->kind != NULL)
        want_counts[event->kind_index]++;

      if (others && reference_kind_passes (expected, event))
        {
          if (next >= positions->len || g_array_index (positions, guint, next) != i)
            g_error ("event %s (position %u) passes but was not found", event->id, i);
          next++;
        }
    }
  g_assert_cmpuint (next, ==, positions->len);

  g_assert_cmpuint (counts->len, ==, 6);
  for (guint k = 0; k < 6; k++)
    g_assert_cmpuint (g_array_index (counts, guint, k), ==, want_counts[k]);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4042);
  g_autoptr(DmFilter) filter = dm_filter_new ();
  static const guint alone[] = {
    CRITERION_KINDS, CRITERION_YEARS, CRITERION_CERTAINTY, CRITERION_TAGS, CRITERION_SEARCH,
  };

  /* A new dataset each time: nothing cached for one may leak into the
   * next. */
  for (guint d = 0; d < 3; d++)
    {
      g_autoptr(DmDataset) dataset = build_random_dataset (rand, 1000 + 1500 * d);
      g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);

      /* Each criterion alone, then together. */
      for (guint a = 0; a < G_N_ELEMENTS (alone); a++)
        {
          for (guint round = 0; round < 8; round++)
            {
              Expected expected;

              random_filter (rand, filter, alone[a], &expected);
              check_random_filter (filter, dataset, index, &expected);
              expected_clear (&expected);
            }
        }
      for (guint round = 0; round < 60; round++)
        {
          Expected expected;

          random_filter (rand, filter, g_rand_int_range (rand, 0, CRITERION_ALL + 1), &expected);
          check_random_filter (filter, dataset, index, &expected);
          expected_clear (&expected);
        }
    }
}

/* Typing into the search field with other criteria set. */
static void
test_typing (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (52);
  g_autoptr(DmDataset) dataset = build_random_dataset (rand, 2000);
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  g_autoptr(DmFilter) filter = dm_filter_new ();
  static const char *typed = "Nghị quyết Hội";
  g_autoptr(GString) query = g_string_new (NULL);
  Expected expected;

  random_filter (rand, filter, CRITERION_YEARS | CRITERION_KINDS, &expected);
  for (const char *p = typed; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_string_append_len (query, p, g_utf8_next_char (p) - p);
      g_free (expected.search);
      expected.search = g_strdup (query->str);
      dm_filter_set_search_text (filter, query->str);
      check_random_filter (filter, dataset, index, &expected);
    }
  while (query->len > 0)
    {
      g_string_truncate (query, g_utf8_find_prev_char (query->str, query->str + query->len) - query->str);
      g_free (expected.search);
      expected.search = g_strdup (query->str);
      dm_filter_set_search_text (filter, query->str);
      check_random_filter (filter, dataset, index, &expected);
    }
  expected_clear (&expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (notify_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/filter/notify/%s", notify_cases[i].name);
      g_test_add_data_func (path, &notify_cases[i], test_notify);
    }
  g_test_add_func ("/filter/notify/combined", test_notify_combined);
  g_test_add_func ("/filter/bundled", test_bundled);
  for (guint i = 0; i < G_N_ELEMENTS (describe_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/filter/describe/%s", describe_cases[i].name);
      g_test_add_data_func (path, &describe_cases[i], test_describe);
    }
  g_test_add_func ("/filter/random", test_random);
  g_test_add_func ("/filter/typing", test_typing);

  return g_test_run ();
}
