/* test-edit.c — edits of a timeline with undo and redo: each edit, the
 * checks, the grouping of typing, and random sequences of edits checked
 * against a dataset loaded afresh from what they save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-date-phrase.h"
#include "dm-edit.h"
#include "dm-loader.h"
#include "dm-test-util.h"

/* Two saved files, without printing half a megabyte when they differ. */
#define assert_same_text(a, b) \
  G_STMT_START { \
    const char *x_ = (a), *y_ = (b); \
    gsize at_ = 0; \
    while (x_[at_] != '\0' && x_[at_] == y_[at_]) \
      at_++; \
    if (x_[at_] != y_[at_]) \
      g_error ("%s:%d: %s and %s differ at byte %" G_GSIZE_FORMAT ": “%.60s” and “%.60s”", \
               __FILE__, __LINE__, #a, #b, at_, x_ + at_, y_ + at_); \
  } G_STMT_END

static char *
save (DmDataset *dataset)
{
  return dm_dataset_to_data (dataset, NULL);
}

/* What @dataset saves is @expected, byte for byte. */
static void
assert_saves_as (DmDataset  *dataset,
                 const char *expected)
{
  g_autofree char *now = save (dataset);

  assert_same_text (now, expected);
}

static DmEvent *
copy_event (DmDataset  *dataset,
            const char *id)
{
  const DmEvent *event = dm_dataset_lookup_event (dataset, id, NULL);

  g_assert_nonnull (event);
  return dm_event_copy (event);
}

static DmEvent *
new_event (const char *id,
           const char *start,
           const char *end,
           const char *title)
{
  DmEvent *event = dm_event_new ();

  event->id = g_strdup (id);
  g_assert_true (dm_date_parse (start, &event->start, NULL));
  if (end != NULL)
    g_assert_true (dm_date_parse (end, &event->end, NULL));
  event->title.vi = g_strdup (title);
  event->kind = g_strdup ("plan");
  return event;
}

/* Everything the dataset derives from its events, against what is
 * worked out again naively: the time order (by loading what it saves),
 * the ids, the index, the lanes and the kind counts. */
static void
assert_consistent (DmDataset *dataset)
{
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree char *text = save (dataset);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) fresh = dm_dataset_load_bytes (bytes, "saved", NULL, &error);
  g_autofree guint *counts = g_new0 (guint, MAX (dm_dataset_get_n_kinds (dataset), 1));
  guint lanes_total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (dm_dataset_get_n_events (fresh), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      guint position = G_MAXUINT;

      g_assert_cmpstr (event->id, ==, dm_dataset_get_event (fresh, i)->id);
      g_assert_true (dm_dataset_lookup_event (dataset, event->id, &position) == event);
      g_assert_cmpuint (position, ==, i);
      g_assert_cmpfloat (event->axis_start, ==, dm_dataset_get_event (fresh, i)->axis_start);
      g_assert_cmpfloat (event->axis_end, ==, dm_dataset_get_event (fresh, i)->axis_end);
      g_assert_cmpuint (event->kind_index, ==, dm_dataset_get_event (fresh, i)->kind_index);
      if (event->kind_index != G_MAXUINT)
        counts[event->kind_index]++;
    }

  for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
    g_assert_cmpuint (dm_dataset_get_kind_count (dataset, k), ==, counts[k]);

  for (guint lane = 0; lane < MAX (dm_dataset_get_n_kinds (dataset), 1); lane++)
    {
      const guint *positions;
      guint count = dm_dataset_get_lane (dataset, lane, &positions, NULL, NULL);

      for (guint i = 0; i < count; i++)
        {
          g_assert_cmpuint (dm_dataset_get_event_lane (dataset, positions[i]), ==, lane);
          if (i > 0)
            g_assert_cmpuint (positions[i - 1], <, positions[i]);
        }
      lanes_total += count;
    }
  g_assert_cmpuint (lanes_total, ==, n);

  if (n > 0)
    {
      double first;
      double last;
      double fresh_first;
      double fresh_last;

      g_assert_true (dm_dataset_get_span (dataset, NULL, NULL, &first, &last));
      g_assert_true (dm_dataset_get_span (fresh, NULL, NULL, &fresh_first, &fresh_last));
      g_assert_cmpfloat (first, ==, fresh_first);
      g_assert_cmpfloat (last, ==, fresh_last);

      /* Ranges around each of a few events, against every event. */
      for (guint i = 0; i < n; i += MAX (n / 7, 1))
        {
          const DmEvent *event = dm_dataset_get_event (dataset, i);
          double a = event->axis_start - 40;
          double b = event->axis_start + 3;
          g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
          guint expected = 0;

          dm_dataset_query_range (dataset, a, b, found);
          for (guint j = 0; j < n; j++)
            {
              const DmEvent *other = dm_dataset_get_event (dataset, j);

              if (other->axis_start <= b && other->axis_end >= a)
                expected++;
            }
          g_assert_cmpuint (found->len, ==, expected);
          for (guint j = 1; j < found->len; j++)
            g_assert_cmpuint (g_array_index (found, guint, j - 1), <, g_array_index (found, guint, j));
        }
    }

  /* Each relation's other side, as the dataset reports it. */
  for (guint i = 0; i < n; i++)
    {
      guint n_referrers;
      const DmReferrer *referrers = dm_dataset_get_referrers (dataset, i, &n_referrers);
      guint n_fresh;

      dm_dataset_get_referrers (fresh, i, &n_fresh);
      g_assert_cmpuint (n_referrers, ==, n_fresh);
      for (guint r = 0; r < n_referrers; r++)
        g_assert_cmpstr (referrers[r].relation->event, ==, dm_dataset_get_event (dataset, i)->id);
    }
}

static void
count_changed_cb (DmEdit *edit,
                  guint  *count)
{
  (*count)++;
}

static void
test_add (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *added = NULL;
  g_autofree char *again = NULL;
  g_autofree char *undone = NULL;
  guint n = dm_dataset_get_n_events (dataset);
  guint changed = 0;
  g_autoptr(GError) error = NULL;
  guint position;

  g_signal_connect (edit, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_false (dm_edit_get_modified (edit));
  g_assert_false (dm_edit_can_undo (edit));

  g_assert_true (dm_edit_add_event (edit, new_event ("new-resolution", "2024-03-08", NULL, "Nghị quyết mới"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, n + 1);
  g_assert_nonnull (dm_dataset_lookup_event (dataset, "new-resolution", &position));
  g_assert_cmpstr (dm_edit_get_changed_event (edit), ==, "new-resolution");
  g_assert_true (dm_edit_get_modified (edit));
  g_assert_true (dm_edit_can_undo (edit));
  assert_consistent (dataset);
  added = save (dataset);
  /* A new event goes at the end of the file: no event id follows it. */
  g_assert_nonnull (strstr (added, "\"id\": \"new-resolution\""));
  g_assert_null (strstr (strstr (added, "\"id\": \"new-resolution\"") + 1, "\"id\": "));

  g_assert_true (dm_edit_undo (edit));
  g_assert_cmpuint (changed, ==, 2);
  undone = save (dataset);
  assert_same_text (undone, original);
  g_assert_false (dm_edit_get_modified (edit));
  g_assert_true (dm_edit_can_redo (edit));
  assert_consistent (dataset);

  g_assert_true (dm_edit_redo (edit));
  again = save (dataset);
  assert_same_text (again, added);
  g_assert_false (dm_edit_can_redo (edit));
  assert_consistent (dataset);
}

static void
test_checks (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *after = NULL;
  const DmEvent *first = dm_dataset_get_event (dataset, 0);
  const DmEvent *second = dm_dataset_get_event (dataset, 1);
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  DmRelation *relation;
  DmCitation *citation;
  const DmProblem *problem;

  /* An end before the start, a relation and a citation to nothing, an
   * unknown kind, an id in use and no title: each at its field. */
  event = new_event (second->id, "2020-05-22", "2020-05-21", NULL);
  g_free (event->kind);
  event->kind = g_strdup ("no-such-kind");
  event->related = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_relation_free);
  relation = dm_relation_new ();
  relation->event = g_strdup ("no-such-event");
  relation->relation = g_strdup ("follows-up");
  g_ptr_array_add (event->related, relation);
  relation = dm_relation_new ();
  relation->event = g_strdup (dm_dataset_get_event (dataset, 2)->id);
  relation->relation = g_strdup ("befriends");
  g_ptr_array_add (event->related, relation);
  event->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
  citation = dm_citation_new ();
  citation->source = g_strdup ("no-such-source");
  citation->quote = g_strdup ("…");
  g_ptr_array_add (event->citations, citation);

  problems = dm_edit_check_event (edit, event, first->id);
  {
    static const struct { const char *path; DmDatasetError code; } expected[] = {
      { "id", DM_DATASET_ERROR_DUPLICATE_ID },
      { "kind", DM_DATASET_ERROR_UNKNOWN_REFERENCE },
      { "end", DM_DATASET_ERROR_DATE_ORDER },
      { "title", DM_DATASET_ERROR_MISSING },
      { "related[0].event", DM_DATASET_ERROR_UNKNOWN_REFERENCE },
      { "related[1].relation", DM_DATASET_ERROR_INVALID_VALUE },
      { "citations[0].source", DM_DATASET_ERROR_UNKNOWN_REFERENCE },
    };

    g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        problem = g_ptr_array_index (problems, i);
        g_assert_cmpstr (problem->path, ==, expected[i].path);
        g_assert_cmpint (problem->code, ==, expected[i].code);
        g_assert_cmpint (problem->severity, ==, DM_PROBLEM_ERROR);
      }
    problem = g_ptr_array_index (problems, 2);
    g_assert_cmpstr (problem->message, ==, "the event ends (2020-05-21) before it starts (2020-05-22)");
  }

  /* Refused, the dataset left as it was. */
  g_assert_false (dm_edit_change_event (edit, first->id, g_steal_pointer (&event),
                                        DM_EVENT_FIELD_END, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  event = copy_event (dataset, first->id);
  dm_text_clear (&event->title);
  g_assert_false (dm_edit_change_event (edit, first->id, g_steal_pointer (&event),
                                        DM_EVENT_FIELD_TITLE_VI, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_MISSING);
  g_clear_error (&error);
  after = save (dataset);
  assert_same_text (after, original);
  g_assert_false (dm_edit_can_undo (edit));

  /* A day that does not exist cannot be typed in: the date parser says so. */
  {
    DmDate date;

    g_assert_false (dm_date_parse ("2021-02-30", &date, &error));
    g_assert_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE);
  }
}

/* Typing in a field is one step; another field, or closing the step,
 * starts the next. */
static void
test_typing (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *typed = NULL;
  g_autofree char *id = g_strdup (dm_dataset_get_event (dataset, 3)->id);
  const char *words[] = { "N", "Ng", "Ngh", "Nghị", "Nghị quyết" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_VI, words[i], &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_lookup_event (dataset, id, NULL)->title.vi, ==, "Nghị quyết");
  typed = save (dataset);

  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, "Resolution", &error));
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, "Resolution 52", &error));
  dm_edit_close_step (edit);
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, "Resolution 52-NQ", &error));

  g_assert_true (dm_edit_undo (edit));
  g_assert_cmpstr (dm_dataset_lookup_event (dataset, id, NULL)->title.en, ==, "Resolution 52");
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, typed);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);
  g_assert_false (dm_edit_can_undo (edit));

  /* Saving ends the step too: typing after a save is modified again. */
  g_assert_true (dm_edit_redo (edit));
  dm_edit_set_saved (edit);
  g_assert_false (dm_edit_get_modified (edit));
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_VI, "Nghị quyết 52", &error));
  g_assert_true (dm_edit_get_modified (edit));
  g_assert_true (dm_edit_undo (edit));
  g_assert_false (dm_edit_get_modified (edit));
  g_assert_cmpstr (dm_dataset_lookup_event (dataset, id, NULL)->title.vi, ==, "Nghị quyết");
}

static const DmEvent *
find_referenced (DmDataset *dataset,
                 guint     *n_referrers)
{
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      dm_dataset_get_referrers (dataset, i, n_referrers);
      if (*n_referrers > 0)
        return dm_dataset_get_event (dataset, i);
    }
  g_assert_not_reached ();
}

static gboolean
anyone_relates_to (DmDataset  *dataset,
                   const char *id)
{
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      for (guint r = 0; event->related != NULL && r < event->related->len; r++)
        if (g_strcmp0 (((DmRelation *) g_ptr_array_index (event->related, r))->event, id) == 0)
          return TRUE;
    }
  return FALSE;
}

/* Deleting an event deletes the relations to it; renaming one renames
 * them: the file always loads. One step of undo each. */
static void
test_delete_rename (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *id = NULL;
  guint n_referrers;
  guint n = dm_dataset_get_n_events (dataset);
  g_autoptr(GError) error = NULL;
  DmEvent *renamed;

  id = g_strdup (find_referenced (dataset, &n_referrers)->id);
  g_assert_true (anyone_relates_to (dataset, id));

  g_assert_true (dm_edit_delete_event (edit, id));
  g_assert_null (dm_dataset_lookup_event (dataset, id, NULL));
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, n - 1);
  g_assert_false (anyone_relates_to (dataset, id));
  assert_consistent (dataset);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);
  g_assert_false (dm_edit_can_undo (edit));

  renamed = copy_event (dataset, id);
  g_free (renamed->id);
  renamed->id = g_strdup ("renamed-event");
  g_assert_true (dm_edit_change_event (edit, id, renamed, DM_EVENT_FIELD_ID, &error));
  g_assert_no_error (error);
  g_assert_false (anyone_relates_to (dataset, id));
  g_assert_true (anyone_relates_to (dataset, "renamed-event"));
  assert_consistent (dataset);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);

  g_assert_false (dm_edit_delete_event (edit, "no-such-event"));
}

static void
test_duplicate (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *id = g_strdup (dm_dataset_get_event (dataset, 0)->id);
  g_autofree char *copy_id = NULL;
  g_autofree char *copy2_id = NULL;
  const DmEvent *copy;
  const DmEvent *event;

  copy_id = dm_edit_duplicate_event (edit, id);
  g_assert_true (g_str_has_prefix (copy_id, id));
  g_assert_true (g_str_has_suffix (copy_id, "-2"));
  copy = dm_dataset_lookup_event (dataset, copy_id, NULL);
  event = dm_dataset_lookup_event (dataset, id, NULL);
  g_assert_nonnull (copy);
  g_assert_true (dm_text_equal (&copy->title, &event->title));
  g_assert_true (dm_date_equal (&copy->start, &event->start));
  copy2_id = dm_edit_duplicate_event (edit, copy_id);
  g_assert_cmpstr (copy2_id, !=, copy_id);
  g_assert_true (g_str_has_suffix (copy2_id, "-3"));
  assert_consistent (dataset);

  g_assert_true (dm_edit_undo (edit));
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);
  g_assert_null (dm_edit_duplicate_event (edit, "no-such-event"));
}

static void
test_kinds_sources_tags (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  guint n_sources = dm_dataset_get_n_sources (dataset);
  guint n_tags = dm_dataset_get_n_tag_labels (dataset);
  g_autoptr(GError) error = NULL;
  DmKind *kind;
  DmSource *source;
  DmTag *tag;
  DmEvent *event;
  g_autofree char *event_id = g_strdup (dm_dataset_get_event (dataset, 2)->id);

  /* A new kind, and a new lane. */
  kind = dm_kind_new ();
  kind->id = g_strdup ("circular");
  kind->label.vi = g_strdup ("Nghị quyết");
  kind->label.en = g_strdup ("Resolution");
  kind->color = g_strdup ("#aa3355");
  g_assert_true (dm_edit_set_kind (edit, n_kinds, kind, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dm_dataset_get_n_kinds (dataset), ==, n_kinds + 1);
  assert_consistent (dataset);

  event = copy_event (dataset, event_id);
  g_free (event->kind);
  event->kind = g_strdup ("circular");
  g_assert_true (dm_edit_change_event (edit, event_id, event, DM_EVENT_FIELD_KIND, &error));
  g_assert_cmpuint (dm_dataset_get_kind_count (dataset, n_kinds), ==, 1);
  assert_consistent (dataset);

  /* A kind in use stays, and keeps its id; an id in use is refused; its
   * label can change. */
  g_assert_false (dm_edit_set_kind (edit, n_kinds, NULL, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE);
  g_clear_error (&error);
  kind = dm_kind_copy (dm_dataset_get_kind (dataset, n_kinds));
  g_free (kind->id);
  kind->id = g_strdup ("circular-2");
  g_assert_false (dm_edit_set_kind (edit, n_kinds, kind, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE);
  g_clear_error (&error);
  kind = dm_kind_copy (dm_dataset_get_kind (dataset, 1));
  g_assert_false (dm_edit_set_kind (edit, n_kinds, kind, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  kind = dm_kind_copy (dm_dataset_get_kind (dataset, 0));
  g_free (kind->label.en);
  kind->label.en = g_strdup ("Forum");
  g_assert_true (dm_edit_set_kind (edit, 0, kind, &error));
  g_assert_cmpstr (dm_dataset_get_kind (dataset, 0)->label.en, ==, "Forum");
  assert_consistent (dataset);

  source = dm_source_new ();
  source->id = g_strdup ("nq-52");
  source->title.vi = g_strdup ("Nghị quyết 52-NQ/TW");
  g_assert_true (dm_edit_set_source (edit, n_sources, source, &error));
  source = dm_source_new ();
  source->id = g_strdup ("nq-52");
  g_assert_false (dm_edit_set_source (edit, n_sources + 1, source, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_nonnull (dm_dataset_lookup_source (dataset, "nq-52"));

  /* Removed as the Sources window removes one: a source events cite
   * stays, as it was; an uncited one goes, and comes back in its place
   * with its undo. */
  g_assert_false (dm_edit_set_source (edit, 0, NULL, &error));
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE);
  g_clear_error (&error);
  g_assert_cmpuint (dm_dataset_get_n_sources (dataset), ==, n_sources + 1);
  g_assert_true (dm_edit_set_source (edit, n_sources, NULL, &error));
  g_assert_null (dm_dataset_lookup_source (dataset, "nq-52"));
  assert_consistent (dataset);
  g_assert_true (dm_edit_undo (edit));
  g_assert_cmpstr (dm_dataset_get_source (dataset, n_sources)->id, ==, "nq-52");
  g_assert_cmpstr (dm_dataset_get_source (dataset, n_sources)->title.vi, ==, "Nghị quyết 52-NQ/TW");

  tag = dm_tag_new ();
  tag->id = g_strdup ("policy");
  tag->label.vi = g_strdup ("chính sách");
  g_assert_true (dm_edit_set_tag_label (edit, n_tags, tag, &error));
  g_assert_cmpstr (dm_dataset_format_tag (dataset, "policy", DM_LANGUAGE_VI), ==, "chính sách");

  dm_edit_set_title (edit, "Dòng thời gian mới", NULL);
  g_assert_cmpstr (dm_dataset_get_title (dataset)->vi, ==, "Dòng thời gian mới");
  g_assert_null (dm_dataset_get_title (dataset)->en);

  while (dm_edit_undo (edit))
    ;
  assert_saves_as (dataset, original);
  g_assert_null (dm_dataset_lookup_source (dataset, "nq-52"));
  g_assert_null (dm_dataset_lookup_kind (dataset, "circular"));
  assert_consistent (dataset);
}

/* The events as they were before a change, to check the range it says
 * it changed (dm_edit_get_changed_range()) by. */
typedef struct
{
  GPtrArray *before;   /* const DmEvent*, in the dataset's order */
  guint      changes;
  guint      known;
} RangeCheck;

static void
range_changing_cb (DmEdit     *edit,
                   RangeCheck *check)
{
  DmDataset *dataset = dm_edit_get_dataset (edit);

  g_ptr_array_set_size (check->before, 0);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_ptr_array_add (check->before, (gpointer) dm_dataset_get_event (dataset, i));
}

/* Outside the range, the very same events, in the same order. */
static void
range_changed_cb (DmEdit     *edit,
                  RangeCheck *check)
{
  DmDataset *dataset = dm_edit_get_dataset (edit);
  guint n = dm_dataset_get_n_events (dataset);
  guint position;
  guint removed;
  guint added;

  check->changes++;
  if (!dm_edit_get_changed_range (edit, &position, &removed, &added))
    return;

  check->known++;
  g_assert_cmpuint (position + removed, <=, check->before->len);
  g_assert_cmpuint (n, ==, check->before->len - removed + added);
  for (guint i = 0; i < position; i++)
    g_assert_true (dm_dataset_get_event (dataset, i) == g_ptr_array_index (check->before, i));
  for (guint i = position + added; i < n; i++)
    g_assert_true (dm_dataset_get_event (dataset, i) == g_ptr_array_index (check->before, i - added + removed));
}

/* Random edits, undos and redos from a fixed seed, the dataset checked
 * after each; then undoing everything gives back the file's bytes, and
 * redoing everything the bytes before. */
static void
test_random (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  g_autofree char *last = NULL;
  guint steps = dm_test_slow () ? 2000 : 300;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260512);
  guint serial = 0;
  RangeCheck check = { g_ptr_array_new (), 0, 0 };

  g_signal_connect (edit, "changing", G_CALLBACK (range_changing_cb), &check);
  g_signal_connect (edit, "changed", G_CALLBACK (range_changed_cb), &check);

  for (guint step = 0; step < steps; step++)
    {
      guint n = dm_dataset_get_n_events (dataset);
      const DmEvent *event = n > 0 ? dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, n)) : NULL;
      g_autofree char *id = event != NULL ? g_strdup (event->id) : NULL;
      g_autoptr(GError) error = NULL;
      int what = g_rand_int_range (rand, 0, 10);

      if (event == NULL)
        what = 0;

      switch (what)
        {
        case 0:
          {
            g_autofree char *new_id = g_strdup_printf ("random-%u", serial++);
            g_autofree char *start = g_strdup_printf ("%04d-%02d", g_rand_int_range (rand, 1990, 2030),
                                                      g_rand_int_range (rand, 1, 13));

            g_assert_true (dm_edit_add_event (edit, new_event (new_id, start, NULL, "Ngẫu nhiên"), &error));
          }
          break;
        case 1:
          g_assert_true (dm_edit_delete_event (edit, id));
          break;
        case 2:
          g_free (dm_edit_duplicate_event (edit, id));
          break;
        case 3:
        case 4:
          {
            g_autofree char *title = g_strdup_printf ("Tiêu đề %u", g_rand_int (rand));

            g_assert_true (dm_edit_set_event_text (edit, id, g_rand_boolean (rand) ? DM_EVENT_FIELD_TITLE_EN : DM_EVENT_FIELD_TITLE_VI,
                                                   title, &error));
          }
          break;
        case 5:
          {
            DmEvent *copy = dm_event_copy (event);
            gint64 year = g_rand_int_range (rand, 1800, 2100);

            dm_date_init (&copy->start, DM_DATE_PRECISION_DAY, year, g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29), 0, 0);
            if (copy->start_bound == DM_BOUND_EXACT && g_rand_boolean (rand))
              dm_date_init (&copy->end, DM_DATE_PRECISION_YEAR, year + g_rand_int_range (rand, 0, 5), 0, 0, 0, 0);
            else
              copy->end = (DmDate) { 0 };
            g_assert_true (dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_START, &error));
          }
          break;
        case 6:
          {
            DmEvent *copy = dm_event_copy (event);
            guint n_kinds = dm_dataset_get_n_kinds (dataset);

            g_free (copy->kind);
            copy->kind = g_strdup (dm_dataset_get_kind (dataset, g_rand_int_range (rand, 0, n_kinds))->id);
            g_assert_true (dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_KIND, &error));
          }
          break;
        case 7:
          {
            DmEvent *copy = dm_event_copy (event);
            g_autofree char *new_id = g_strdup_printf ("renamed-%u", serial++);

            g_free (copy->id);
            copy->id = g_strdup (new_id);
            g_assert_true (dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_ID, &error));
          }
          break;
        case 8:
          dm_edit_undo (edit);
          break;
        case 9:
          dm_edit_redo (edit);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);

      if (g_rand_int_range (rand, 0, 4) == 0)
        dm_edit_close_step (edit);
      if (step % 10 == 0)
        assert_consistent (dataset);
    }

  assert_consistent (dataset);
  while (dm_edit_redo (edit))
    ;
  last = save (dataset);
  while (dm_edit_undo (edit))
    ;
  assert_saves_as (dataset, original);
  assert_consistent (dataset);
  g_assert_false (dm_edit_get_modified (edit));
  while (dm_edit_redo (edit))
    ;
  assert_saves_as (dataset, last);

  /* Every change was of events only. */
  g_assert_cmpuint (check.changes, >, steps / 2);
  g_assert_cmpuint (check.known, ==, check.changes);
  g_signal_handlers_disconnect_by_data (edit, &check);
  g_ptr_array_unref (check.before);
}

/* A timeline whose event has every kind of item, some with members the
 * app does not know. */
static const char items_timeline[] =
  "{\n"
  "  \"format\": \"daumoc-timeline\",\n"
  "  \"version\": 1,\n"
  "  \"title\": {\"en\": \"Items\"},\n"
  "  \"kinds\": [{\"id\": \"forum\", \"label\": {\"en\": \"Forum\"}}],\n"
  "  \"events\": [\n"
  "    {\n"
  "      \"id\": \"summit\",\n"
  "      \"kind\": \"forum\",\n"
  "      \"start\": \"2021-12-06\",\n"
  "      \"title\": {\"vi\": \"Phiên toàn thể\"},\n"
  "      \"actors\": [{\"name\": \"Phạm Minh Chính\", \"role\": {\"en\": \"Prime Minister\"}, \"x-note\": \"kept\"}],\n"
  "      \"figures\": [{\"label\": {\"en\": \"Delegates\"}, \"value\": 700, \"display\": {\"en\": \"more than 700\"}},\n"
  "                  {\"label\": {\"en\": \"Share\"}, \"value\": 3.5}],\n"
  "      \"lists\": [{\"label\": {\"en\": \"Topics\"}, \"items\": [{\"vi\": \"Dữ liệu\", \"en\": \"Data\"}, {\"en\": \"AI\", \"fr\": \"IA\"}]}],\n"
  "      \"links\": [{\"url\": \"https://example.org/agenda\", \"title\": {\"en\": \"Agenda\"}, \"x-archived\": true}]\n"
  "    }\n"
  "  ]\n"
  "}\n";

/* The event "summit" of the timeline @text, loaded afresh. */
static DmEvent *
reload (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "saved", NULL, &error);

  g_assert_no_error (error);
  return copy_event (dataset, "summit");
}

/* @copy (taken) applied as a change of @field; undone, the dataset saves
 * as @original; redone, as it did after the change, which is returned. */
static char *
change_undo_redo (DmEdit       *edit,
                  DmEvent      *copy,
                  DmEventField  field,
                  const char   *original)
{
  DmDataset *dataset = dm_edit_get_dataset (edit);
  g_autoptr(GError) error = NULL;
  char *changed;

  g_assert_true (dm_edit_change_event (edit, "summit", copy, field, &error));
  g_assert_no_error (error);
  dm_edit_close_step (edit);
  changed = save (dataset);
  g_assert_true (strcmp (changed, original) != 0);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);
  g_assert_true (dm_edit_redo (edit));
  assert_saves_as (dataset, changed);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);

  return changed;
}

/* Actors, figures, lists and links edited as the editor edits them: each
 * change one step of undo that gives back the original bytes, the members
 * the app does not know kept, a whole number kept exactly. */
static void
test_items (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (items_timeline, strlen (items_timeline));
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "items", NULL, &error);
  g_autoptr(DmEdit) edit = NULL;
  g_autofree char *original = NULL;
  const char *names[] = { "P", "Ph", "Phạ", "Phạm Minh" };
  DmEvent *copy;
  char *changed;

  g_assert_no_error (error);
  edit = dm_edit_new (dataset);
  original = save (dataset);

  /* Typing a name: one step, and the actor's unknown member kept. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DmActor *actor;

      copy = copy_event (dataset, "summit");
      actor = g_ptr_array_index (copy->actors, 0);
      g_free (actor->name);
      actor->name = g_strdup (names[i]);
      g_assert_true (dm_edit_change_event (edit, "summit", copy, DM_EVENT_FIELD_ACTORS, &error));
      g_assert_no_error (error);
    }
  changed = save (dataset);
  {
    g_autoptr(DmEvent) saved = reload (changed);

    g_assert_cmpstr (((DmActor *) g_ptr_array_index (saved->actors, 0))->name, ==, "Phạm Minh");
    g_assert_nonnull (strstr (changed, "\"x-note\": \"kept\""));
  }
  g_free (changed);
  g_assert_true (dm_edit_undo (edit));
  assert_saves_as (dataset, original);
  g_assert_false (dm_edit_can_undo (edit));
  g_assert_true (dm_edit_redo (edit));
  g_assert_true (dm_edit_undo (edit));

  /* A role, the "as printed" flag, an actor added. */
  copy = copy_event (dataset, "summit");
  ((DmActor *) g_ptr_array_index (copy->actors, 0))->role.vi = g_strdup ("Thủ tướng");
  ((DmActor *) g_ptr_array_index (copy->actors, 0))->as_printed = TRUE;
  {
    DmActor *added = dm_actor_new ();

    added->name = g_strdup ("Ban Kinh tế Trung ương");
    g_ptr_array_add (copy->actors, added);
  }
  changed = change_undo_redo (edit, copy, DM_EVENT_FIELD_ACTORS, original);
  {
    g_autoptr(DmEvent) saved = reload (changed);
    const DmActor *actor = g_ptr_array_index (saved->actors, 0);

    g_assert_cmpuint (saved->actors->len, ==, 2);
    g_assert_cmpstr (actor->role.vi, ==, "Thủ tướng");
    g_assert_cmpstr (actor->role.en, ==, "Prime Minister");
    g_assert_true (actor->as_printed);
    g_assert_nonnull (actor->extra);
    g_assert_cmpstr (((DmActor *) g_ptr_array_index (saved->actors, 1))->name, ==, "Ban Kinh tế Trung ương");
    g_assert_null (((DmActor *) g_ptr_array_index (saved->actors, 1))->extra);
  }
  g_free (changed);

  /* A figure's value as typed: a whole number above 2^53 kept exactly,
   * a decimal one as a double; a text that is no number refused. */
  copy = copy_event (dataset, "summit");
  {
    DmFigure *figure = g_ptr_array_index (copy->figures, 0);
    DmFigure *share = g_ptr_array_index (copy->figures, 1);
    g_autofree char *problem = NULL;

    g_assert_null (dm_figure_set_value_text (figure, "9007199254740993"));
    g_assert_true (figure->value_is_integer);
    g_assert_cmpint (figure->integer, ==, G_GINT64_CONSTANT (9007199254740993));
    g_assert_null (dm_figure_set_value_text (share, "2.5e3"));
    g_assert_false (share->value_is_integer);
    problem = dm_figure_set_value_text (share, "2,500");
    g_assert_nonnull (strstr (problem, "2,500"));
    g_clear_pointer (&problem, g_free);
    problem = dm_figure_set_value_text (share, "inf");
    g_assert_nonnull (problem);
    g_clear_pointer (&problem, g_free);
    problem = dm_figure_set_value_text (share, "99999999999999999999");
    g_assert_nonnull (problem);
    g_assert_cmpfloat (share->value, ==, 2500.0);
    {
      g_autofree char *text = dm_figure_value_to_text (share);

      g_assert_cmpstr (text, ==, "2500.0");
    }
    figure->display.vi = g_strdup ("hơn 700");
  }
  changed = change_undo_redo (edit, copy, DM_EVENT_FIELD_FIGURES, original);
  g_assert_nonnull (strstr (changed, "\"value\": 9007199254740993,"));
  g_assert_nonnull (strstr (changed, "\"value\": 2500.0\n"));
  {
    g_autoptr(DmEvent) saved = reload (changed);
    const DmFigure *figure = g_ptr_array_index (saved->figures, 0);

    g_assert_true (figure->value_is_integer);
    g_assert_cmpint (figure->integer, ==, G_GINT64_CONSTANT (9007199254740993));
    g_assert_cmpstr (figure->display.vi, ==, "hơn 700");
    g_assert_cmpstr (figure->display.en, ==, "more than 700");
  }
  g_free (changed);

  /* A list's label and items; the other languages of an item kept. */
  copy = copy_event (dataset, "summit");
  {
    DmList *list = g_ptr_array_index (copy->lists, 0);
    DmText *item = g_new0 (DmText, 1);

    list->label.vi = g_strdup ("Chủ đề");
    ((DmText *) g_ptr_array_index (list->items, 1))->vi = g_strdup ("Trí tuệ nhân tạo");
    item->vi = g_strdup ("Chuỗi khối");
    g_ptr_array_add (list->items, item);
  }
  changed = change_undo_redo (edit, copy, DM_EVENT_FIELD_LISTS, original);
  g_assert_nonnull (strstr (changed, "\"fr\": \"IA\""));
  {
    g_autoptr(DmEvent) saved = reload (changed);
    const DmList *list = g_ptr_array_index (saved->lists, 0);

    g_assert_cmpstr (list->label.vi, ==, "Chủ đề");
    g_assert_cmpuint (list->items->len, ==, 3);
    g_assert_cmpstr (((DmText *) g_ptr_array_index (list->items, 1))->vi, ==, "Trí tuệ nhân tạo");
    g_assert_cmpstr (((DmText *) g_ptr_array_index (list->items, 1))->en, ==, "AI");
    g_assert_cmpstr (((DmText *) g_ptr_array_index (list->items, 2))->vi, ==, "Chuỗi khối");
  }
  g_free (changed);

  /* A link's title, a link added, a figure removed. */
  copy = copy_event (dataset, "summit");
  {
    DmLink *link = dm_link_new ();

    ((DmLink *) g_ptr_array_index (copy->links, 0))->title.vi = g_strdup ("Chương trình");
    link->url = g_strdup ("http://example.org/b");
    g_ptr_array_add (copy->links, link);
    g_ptr_array_remove_index (copy->figures, 1);
  }
  changed = change_undo_redo (edit, copy, DM_EVENT_FIELD_LINKS, original);
  g_assert_nonnull (strstr (changed, "\"x-archived\": true"));
  g_assert_null (strstr (changed, "3.5"));
  {
    g_autoptr(DmEvent) saved = reload (changed);
    const DmLink *link = g_ptr_array_index (saved->links, 0);

    g_assert_cmpstr (link->title.vi, ==, "Chương trình");
    g_assert_cmpstr (link->title.en, ==, "Agenda");
    g_assert_cmpstr (((DmLink *) g_ptr_array_index (saved->links, 1))->url, ==, "http://example.org/b");
    g_assert_cmpuint (saved->figures->len, ==, 1);
  }
  g_free (changed);

  /* What the editor's changes left saves as it was loaded. */
  while (dm_edit_redo (edit))
    ;
  while (dm_edit_undo (edit))
    ;
  assert_saves_as (dataset, original);
  g_assert_false (dm_edit_get_modified (edit));
}

/* The loader's rules for the items: each problem at its item's member,
 * a link refused in the words the loader uses. */
static void
test_item_checks (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (items_timeline, strlen (items_timeline));
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "items", NULL, NULL);
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autofree char *original = save (dataset);
  static const struct { const char *url; const char *words; } bad_urls[] = {
    { "javascript:alert(1)", "not “javascript:”" },
    { "https://evil.example/\xe2\x80\xaegpj.exe", "U+202E" },
    { "https://evil.example/a\xe2\x80\x8b" "b", "U+200B" },
    { "example.org", "not a valid http or https address" },
  };
  g_autoptr(DmEvent) event = copy_event (dataset, "summit");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  DmLink *link = g_ptr_array_index (event->links, 0);

  g_clear_pointer (&((DmActor *) g_ptr_array_index (event->actors, 0))->name, g_free);
  ((DmActor *) g_ptr_array_index (event->actors, 0))->name = g_strdup ("");
  dm_text_clear (&((DmFigure *) g_ptr_array_index (event->figures, 1))->label);
  dm_text_clear (g_ptr_array_index (((DmList *) g_ptr_array_index (event->lists, 0))->items, 1));
  g_free (link->url);
  link->url = g_strdup (bad_urls[0].url);

  problems = dm_edit_check_event (edit, event, "summit");
  {
    static const char *paths[] = { "actors[0].name", "figures[1].label", "lists[0].items[1]", "links[0].url" };

    g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (paths));
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      g_assert_cmpstr (((DmProblem *) g_ptr_array_index (problems, i))->path, ==, paths[i]);
  }
  g_assert_false (dm_edit_change_event (edit, "summit", g_steal_pointer (&event), DM_EVENT_FIELD_LINKS, &error));
  g_assert_nonnull (error);
  assert_saves_as (dataset, original);

  /* Each address as the loader words it, and as the checks do. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr(GString) text = g_string_new (items_timeline);
      g_autoptr(GBytes) bad = NULL;
      g_autoptr(DmDataset) refused = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(DmEvent) with_url = copy_event (dataset, "summit");
      const DmProblem *problem;

      g_string_replace (text, "https://example.org/agenda", bad_urls[i].url, 1);
      bad = g_bytes_new (text->str, text->len);
      refused = dm_dataset_load_bytes (bad, "bad", NULL, &load_error);
      g_assert_null (refused);
      g_assert_nonnull (load_error);

      link = g_ptr_array_index (with_url->links, 0);
      g_free (link->url);
      link->url = g_strdup (bad_urls[i].url);
      found = dm_edit_check_event (edit, with_url, "summit");
      g_assert_cmpuint (found->len, ==, 1);
      problem = g_ptr_array_index (found, 0);
      g_assert_cmpstr (problem->path, ==, "links[0].url");
      g_assert_nonnull (strstr (problem->message, bad_urls[i].words));
      g_assert_nonnull (strstr (load_error->message, problem->message));
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

/* can-undo, can-redo and modified are notified on a real change only. */
static void
test_notify (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *id = g_strdup (dm_dataset_get_event (dataset, 0)->id);

  g_signal_connect (edit, "notify", G_CALLBACK (notify_cb), log);
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_PLACE_VI, "Hà Nội", NULL));
  g_assert_cmpstr (log->str, ==, "can-undo;modified;");
  g_string_truncate (log, 0);
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_PLACE_VI, "Hà Nội, Việt Nam", NULL));
  g_assert_cmpstr (log->str, ==, "");
  dm_edit_undo (edit);
  g_assert_cmpstr (log->str, ==, "can-undo;can-redo;modified;");
  g_string_truncate (log, 0);
  dm_edit_set_saved (edit);
  g_assert_cmpstr (log->str, ==, "");
}

/* The dates a Vietnamese (or English) passage writes, as a quote offers
 * them for the event's date. */
static void
test_date_phrases (void)
{
  static const struct { const char *text; const char *dates[4]; } cases[] = {
    { "Ngày 3 tháng 5 năm 2017, Thủ tướng ký Chỉ thị 16/CT-TTg.", { "2017-05-03" } },
    { "Trong tháng 5/2017 và cả năm 2016, hội thảo diễn ra.", { "2017-05", "2016" } },
    { "ngày 06/12/2021 tại Hà Nội; từ tháng 11 năm 2021", { "2021-12-06", "2021-11" } },
    { "Năm 2016 và năm 2016 nữa", { "2016" } },
    { "ngày 30 tháng 2 năm 2021 không có; giai đoạn 2016-2020 không phải ngày", { NULL } },
    { "Signed on 3 May 2017, announced May 4, 2017, in force from June 2017.", { "2017-05-03", "2017-05-04", "2017-06" } },
    { "2019-01-15 and 12345/6/2017", { "2019-01-15" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) phrases = dm_date_phrases_find (cases[i].text);
      guint n = 0;

      while (n < G_N_ELEMENTS (cases[i].dates) && cases[i].dates[n] != NULL)
        n++;
      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (phrases->len, ==, n);
      for (guint j = 0; j < n; j++)
        {
          const DmDatePhrase *phrase = &g_array_index (phrases, DmDatePhrase, j);
          g_autofree char *iso = dm_date_to_iso (&phrase->date);

          g_assert_cmpstr (iso, ==, cases[i].dates[j]);
          g_assert_cmpuint (phrase->start, <, phrase->end);
        }
    }

  /* Where the first is: the whole phrase, "ngày" and all. */
  {
    const char *text = "Hôm ấy, ngày 3 tháng 5 năm 2017, …";
    g_autoptr(GArray) phrases = dm_date_phrases_find (text);
    const DmDatePhrase *phrase = &g_array_index (phrases, DmDatePhrase, 0);

    g_assert_cmpuint (phrases->len, ==, 1);
    g_assert_cmpint (strncmp (text + phrase->start, "ngày 3 tháng 5 năm 2017", phrase->end - phrase->start), ==, 0);
    g_assert_cmpuint (phrase->end - phrase->start, ==, strlen ("ngày 3 tháng 5 năm 2017"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit/add", test_add);
  g_test_add_func ("/edit/checks", test_checks);
  g_test_add_func ("/edit/typing", test_typing);
  g_test_add_func ("/edit/delete-rename", test_delete_rename);
  g_test_add_func ("/edit/duplicate", test_duplicate);
  g_test_add_func ("/edit/kinds-sources-tags", test_kinds_sources_tags);
  g_test_add_func ("/edit/items", test_items);
  g_test_add_func ("/edit/item-checks", test_item_checks);
  g_test_add_func ("/edit/random", test_random);
  g_test_add_func ("/edit/notify", test_notify);
  g_test_add_func ("/edit/date-phrases", test_date_phrases);

  return g_test_run ();
}
