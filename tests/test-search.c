/* test-search.c — search as you type: every field in both languages, word
 * order, no match across fields, the bundled dataset, highlighting, and
 * incremental search against a brute-force reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-test-util.h"
#include "dm-dataset.h"
#include "dm-edit.h"
#include "dm-fold.h"
#include "dm-search.h"

/* Building datasets */

static void
add_kind (DmDataset  *dataset,
          const char *id,
          const char *vi,
          const char *en)
{
  DmKind *kind = dm_kind_new ();

  kind->id = g_strdup (id);
  dm_text_set (&kind->label, vi, en);
  dm_dataset_add_kind (dataset, kind);
}

typedef struct
{
  const char *id;
  const char *kind;
  const char *start;
  const char *title_vi;
  const char *title_en;
  const char *summary_vi;
  const char *summary_en;
  const char *place_vi;
  const char *actor_name;
  const char *actor_role_en;
  const char *tags[3];
} EventSpec;

/* In file order; in time order they are workshop, nq-52, fields, next,
 * society, plenum. */
static const EventSpec small_events[] = {
  { "nq-52", "resolution", "2019-09-27",
    "Nghị quyết 52-NQ/TW của Bộ Chính trị", "Politburo Resolution 52-NQ/TW",
    NULL, "On the Fourth Industrial Revolution",
    NULL, NULL, NULL, { "party", "4ir", NULL } },
  { "workshop", "forum", "2018-05",
    "Chuyển đổi số", "Digital transformation",
    "Tổ chức tại thủ đô", NULL,
    "Hà Nội", "Bùi Thanh Sơn", "Deputy Foreign Minister", { "digital", NULL } },
  { "fields", "forum", "2020",
    "xyzzy", NULL,
    "plugh", NULL,
    NULL, NULL, NULL, { NULL } },
  { "next", "milestone", "2021",
    "quux", NULL,
    NULL, NULL,
    NULL, NULL, NULL, { NULL } },
  /* "hội" and "nghị", but not as the word "hội nghị" */
  { "society", "milestone", "2022",
    "Xã hội số", "Digital society",
    "Bàn về nghị quyết mới", NULL,
    NULL, NULL, NULL, { NULL } },
  { "plenum", "milestone", "2023",
    "Hội nghị Trung ương 4", "Fourth Plenum",
    NULL, NULL,
    NULL, NULL, NULL, { NULL } },
};

static DmDataset *
build_small_dataset (void)
{
  DmDataset *dataset = dm_dataset_new ();

  dm_dataset_set_title (dataset, "Thử", "Test");
  add_kind (dataset, "resolution", "Nghị quyết, kết luận", "Resolution / conclusion");
  add_kind (dataset, "forum", "Diễn đàn, hội thảo", "Forum / workshop");
  add_kind (dataset, "milestone", NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (small_events); i++)
    {
      const EventSpec *spec = &small_events[i];
      DmEvent *event = dm_event_new ();

      event->id = g_strdup (spec->id);
      event->kind = g_strdup (spec->kind);
      g_assert_true (dm_date_parse (spec->start, &event->start, NULL));
      dm_text_set (&event->title, spec->title_vi, spec->title_en);
      dm_text_set (&event->summary, spec->summary_vi, spec->summary_en);
      dm_text_set (&event->place, spec->place_vi, NULL);
      if (spec->actor_name != NULL)
        {
          DmActor *actor = dm_actor_new ();

          actor->name = g_strdup (spec->actor_name);
          dm_text_set (&actor->role, NULL, spec->actor_role_en);
          event->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_actor_free);
          g_ptr_array_add (event->actors, actor);
        }
      if (spec->tags[0] != NULL)
        {
          event->tags = g_ptr_array_new_with_free_func (g_free);
          for (guint t = 0; spec->tags[t] != NULL; t++)
            g_ptr_array_add (event->tags, g_strdup (spec->tags[t]));
        }
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  return dataset;
}

/* The reference: every field folded on its own; an event matches when the
 * query is in one of its fields: a word anywhere, a phrase of several from
 * a word's start. */

static void
add_folded (GPtrArray  *fields,
            const char *text)
{
  if (text != NULL)
    g_ptr_array_add (fields, dm_fold (text));
}

static void
add_folded_text (GPtrArray    *fields,
                 const DmText *text)
{
  add_folded (fields, text->vi);
  add_folded (fields, text->en);
}

static GPtrArray *
event_fields (DmDataset     *dataset,
              const DmEvent *event)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const DmKind *kind = dm_dataset_lookup_kind (dataset, event->kind);

  add_folded_text (fields, &event->title);
  add_folded_text (fields, &event->summary);
  add_folded_text (fields, &event->place);
  for (guint a = 0; event->actors != NULL && a < event->actors->len; a++)
    {
      const DmActor *actor = g_ptr_array_index (event->actors, a);

      add_folded (fields, actor->name);
      add_folded_text (fields, &actor->role);
    }
  for (guint t = 0; event->tags != NULL && t < event->tags->len; t++)
    {
      const DmTag *label = dm_dataset_lookup_tag_label (dataset, g_ptr_array_index (event->tags, t));

      add_folded (fields, g_ptr_array_index (event->tags, t));
      if (label != NULL)
        add_folded_text (fields, &label->label);
    }
  if (kind != NULL)
    {
      if (dm_text_is_empty (&kind->label))
        add_folded (fields, kind->id);
      else
        add_folded_text (fields, &kind->label);
    }
  for (guint c = 0; event->citations != NULL && c < event->citations->len; c++)
    {
      const DmCitation *citation = g_ptr_array_index (event->citations, c);

      add_folded (fields, citation->quote);
      add_folded_text (fields, &citation->translation);
    }

  return fields;
}

typedef struct
{
  DmDataset *dataset;
  GPtrArray *fields;  /* GPtrArray* of folded fields, per event */
} Reference;

static void
reference_init (Reference *ref,
                DmDataset *dataset)
{
  guint n = dm_dataset_get_n_events (dataset);

  ref->dataset = dataset;
  ref->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ref->fields, event_fields (dataset, dm_dataset_get_event (dataset, i)));
}

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->fields, g_ptr_array_unref);
}

/* Whether @phrase starts a word at @at in @field: nothing before it, or a
 * character that is neither a letter nor a digit (nor any other script's). */
static gboolean
reference_word_start (const char *field,
                      const char *at)
{
  gunichar before;

  if (at == field)
    return TRUE;
  before = g_utf8_get_char (g_utf8_find_prev_char (field, at));
  return before < 0x80 && !g_ascii_isalnum ((char) before);
}

static gboolean
reference_field_matches (const char *field,
                         const char *folded)
{
  gboolean phrase = strchr (folded, ' ') != NULL;

  for (const char *hit = strstr (field, folded); hit != NULL; hit = strstr (hit + 1, folded))
    if (!phrase || reference_word_start (field, hit))
      return TRUE;

  return FALSE;
}

static GArray *
reference_query (Reference  *ref,
                 const char *query)
{
  g_autofree char *folded = dm_fold (query);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ref->fields->len; i++)
    {
      GPtrArray *fields = g_ptr_array_index (ref->fields, i);
      gboolean found = folded[0] == '\0';

      for (guint f = 0; !found && f < fields->len; f++)
        found = reference_field_matches (g_ptr_array_index (fields, f), folded);
      if (found)
        g_array_append_val (positions, i);
    }

  return positions;
}

static void
assert_same_positions (GArray     *got,
                       GArray     *want,
                       const char *query)
{
  if (got->len != want->len)
    g_error ("“%s”: %u matches, expected %u", query, got->len, want->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, guint, i), ==, g_array_index (want, guint, i));
}

static gboolean
positions_have_id (DmDataset  *dataset,
                   GArray     *positions,
                   const char *id)
{
  for (guint i = 0; i < positions->len; i++)
    {
      if (g_strcmp0 (dm_dataset_get_event (dataset, g_array_index (positions, guint, i))->id, id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The small dataset */

typedef struct
{
  const char *query;
  const char *ids[7];  /* in time order */
} SearchCase;

static const SearchCase search_cases[] = {
  { "", { "workshop", "nq-52", "fields", "next", "society", "plenum", NULL } },
  { "   ", { "workshop", "nq-52", "fields", "next", "society", "plenum", NULL } },
  { "nghi quyet 52", { "nq-52", NULL } },
  { "Nghị quyết 52", { "nq-52", NULL } },
  { "NGHI QUYET", { "nq-52", "society", NULL } },
  { "52 nghi", { NULL } },                             /* words in order */
  { "quyet nghi", { NULL } },
  { "nghi quyet 53", { NULL } },
  { "52-nq/tw", { "nq-52", NULL } },
  { "politburo", { "nq-52", NULL } },                  /* English title */
  { "fourth industrial", { "nq-52", NULL } },          /* English summary */
  { "thu do", { "workshop", NULL } },                  /* Vietnamese summary */
  { "ha noi", { "workshop", NULL } },                  /* place */
  { "bui thanh son", { "workshop", NULL } },           /* actor */
  { "deputy foreign minister", { "workshop", NULL } }, /* role */
  { "deputy minister", { NULL } },                     /* words adjacent */
  { "4ir", { "nq-52", NULL } },                        /* tag */
  { "hoi thao", { "workshop", "fields", NULL } },      /* kind label, vi */
  { "forum", { "workshop", "fields", NULL } },         /* kind label, en */
  { "ket luan", { "nq-52", NULL } },
  { "milestone", { "next", "society", "plenum", NULL } }, /* kind id, no label */
  { "yzz", { "fields", NULL } },                       /* part of a word */
  { "xyzzy plugh", { NULL } },                         /* a phrase in one field */
  { "plugh xyzzy", { NULL } },
  { "xyzzyplugh", { NULL } },                          /* not across fields */
  { "zzyplu", { NULL } },
  { "plughquux", { NULL } },                           /* nor across events */
  { "chuyen doi so", { "workshop", NULL } },
  { "chuyen forum", { NULL } },
  /* A phrase of syllables: adjacent, in order, from a word's start */
  { "hoi nghi", { "plenum", NULL } },
  { "Hội nghị", { "plenum", NULL } },
  { "HOI NGHI trung", { "plenum", NULL } },            /* the last cut short */
  { "hoi ngh", { "plenum", NULL } },
  { "oi nghi", { NULL } },                             /* not from a word's start */
  { "nghi hoi", { NULL } },
  { "hoi", { "workshop", "fields", "society", "plenum", NULL } },  /* one word: anywhere */
  { "xa hoi", { "society", NULL } },
  { "fourth plenum", { "plenum", NULL } },             /* English */
};

static void
test_small (gconstpointer data)
{
  const SearchCase *c = data;
  g_autoptr(DmDataset) dataset = build_small_dataset ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  g_autoptr(DmSearchState) state = dm_search_state_new (index);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) incremental = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_expected = g_strv_length ((char **) c->ids);
  guint n;

  g_assert_cmpuint (dm_search_index_get_n_events (index), ==, G_N_ELEMENTS (small_events));

  n = dm_search_index_query (index, c->query, positions);
  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpuint (positions->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      guint position = g_array_index (positions, guint, i);

      g_assert_cmpstr (dm_dataset_get_event (dataset, position)->id, ==, c->ids[i]);
      g_assert_true (dm_search_index_matches (index, position, c->query));
    }

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      gboolean expected = g_strv_contains (c->ids, dm_dataset_get_event (dataset, i)->id);

      g_assert_cmpint (dm_search_index_matches (index, i, c->query), ==, expected);
    }

  n = dm_search_state_query (state, c->query, incremental);
  g_assert_cmpuint (n, ==, n_expected);
  assert_same_positions (incremental, positions, c->query);
}

static void
test_index_text (void)
{
  g_autoptr(DmDataset) dataset = build_small_dataset ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  guint position;

  g_assert_nonnull (dm_dataset_lookup_event (dataset, "workshop", &position));
  g_assert_cmpstr (dm_search_index_get_text (index, position), ==,
                   "chuyen doi so\n"
                   "digital transformation\n"
                   "to chuc tai thu do\n"
                   "ha noi\n"
                   "bui thanh son\n"
                   "deputy foreign minister\n"
                   "digital\n"
                   "dien dan, hoi thao\n"
                   "forum / workshop");

  g_assert_nonnull (dm_dataset_lookup_event (dataset, "next", &position));
  g_assert_cmpstr (dm_search_index_get_text (index, position), ==, "quux\nmilestone");
}

static void
test_empty_dataset (void)
{
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  g_autoptr(DmSearchIndex) index = NULL;
  g_autoptr(DmSearchState) state = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  dm_dataset_finish (dataset);
  index = dm_search_index_new (dataset);
  state = dm_search_state_new (index);

  g_assert_cmpuint (dm_search_index_query (index, "", positions), ==, 0);
  g_assert_cmpuint (dm_search_index_query (index, "a", positions), ==, 0);
  g_assert_cmpuint (dm_search_state_query (state, "a", positions), ==, 0);
  g_assert_cmpuint (positions->len, ==, 0);
}

/* The bundled dataset */

static void
test_bundled (void)
{
  static const struct {
    const char *query;
    const char *id;     /* an event it must find */
  } cases[] = {
    { "nghi quyet 52", "nq-52-2019" },
    { "Nghị quyết 52", "nq-52-2019" },
    { "resolution 52", "nq-52-2019" },
    { "wef", "mou-wef-2019" },
    { "hoi thao", "summit-2021-workshop-1" },
    { "ban ghi nho", "mou-wef-2019" },
  };
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  Reference ref;

  reference_init (&ref, dataset);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) want = reference_query (&ref, cases[i].query);

      dm_search_index_query (index, cases[i].query, positions);
      g_assert_true (positions_have_id (dataset, positions, cases[i].id));
      assert_same_positions (positions, want, cases[i].query);
    }

  /* "hoi thao" finds every forum: their kind is "Diễn đàn, hội thảo". */
  {
    g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
    guint n_forums = 0;

    dm_search_index_query (index, "hoi thao", positions);
    for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
      {
        const DmEvent *event = dm_dataset_get_event (dataset, i);

        if (g_strcmp0 (event->kind, "forum") == 0)
          {
            n_forums++;
            g_assert_true (positions_have_id (dataset, positions, event->id));
          }
      }
    g_assert_cmpuint (n_forums, >=, 5);
  }

  /* Nothing that is not there. */
  {
    g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

    g_assert_cmpuint (dm_search_index_query (index, "nghi quyet 5200", positions), ==, 0);
    g_assert_cmpuint (dm_search_index_query (index, "52 nghi quyet", positions), ==, 0);
  }

  /* "hội nghị" is a word: not every text with "xã hội" and "nghị quyết".
   * With or without diacritics, the same events: those that say "hội
   * nghị" (the plenums, a conference). */
  {
    g_autoptr(GArray) with_marks = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr(GArray) want = reference_query (&ref, "hội nghị");

    dm_search_index_query (index, "hội nghị", with_marks);
    dm_search_index_query (index, "hoi nghi", without);
    assert_same_positions (with_marks, want, "hội nghị");
    assert_same_positions (without, want, "hoi nghi");
    g_assert_cmpuint (with_marks->len, >, 0);
    g_assert_cmpuint (with_marks->len, <=, 6);
    g_assert_true (positions_have_id (dataset, with_marks, "ket-luan-hntw4-xiii"));
    for (guint i = 0; i < with_marks->len; i++)
      {
        g_autofree char *text = g_strdup (dm_search_index_get_text (index, g_array_index (with_marks, guint, i)));

        g_assert_nonnull (strstr (text, "hoi nghi"));
      }
  }

  reference_clear (&ref);
}

/* Matches are ranked by where they are: title, summary, the other fields,
 * then the quotes; in time order within a rank. */
static void
test_rank (void)
{
  g_autoptr(DmDataset) small = build_small_dataset ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (small);
  g_autoptr(DmDataset) bundled = dm_test_load_bundled ();
  g_autoptr(DmSearchIndex) bundled_index = dm_search_index_new (bundled);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  static const char * const ranked[] = { "society", "plenum", "workshop", "fields" };
  guint position;

  /* "hoi": in the titles of the last two, in the kind label of the
   * first two. */
  dm_search_index_query (index, "hoi", positions);
  g_assert_cmpuint (positions->len, ==, G_N_ELEMENTS (ranked));
  dm_search_index_sort_by_rank (index, "hoi", positions);
  for (guint i = 0; i < G_N_ELEMENTS (ranked); i++)
    g_assert_cmpstr (dm_dataset_get_event (small, g_array_index (positions, guint, i))->id, ==, ranked[i]);

  g_assert_nonnull (dm_dataset_lookup_event (small, "society", &position));
  g_assert_cmpint (dm_search_index_rank (index, position, "nghi quyet"), ==, DM_SEARCH_RANK_SUMMARY);
  g_assert_cmpint (dm_search_index_rank (index, position, "Xã hội"), ==, DM_SEARCH_RANK_TITLE);
  g_assert_cmpint (dm_search_index_rank (index, position, "hoi nghi"), ==, DM_SEARCH_RANK_NONE);
  g_assert_nonnull (dm_dataset_lookup_event (small, "workshop", &position));
  g_assert_cmpint (dm_search_index_rank (index, position, "ha noi"), ==, DM_SEARCH_RANK_OTHER);

  /* Quotes are searched too, last. */
  g_assert_nonnull (dm_dataset_lookup_event (bundled, "c4ir-vietnam-centre", &position));
  g_assert_cmpint (dm_search_index_rank (bundled_index, position, "minh thien"), ==, DM_SEARCH_RANK_QUOTE);
  g_array_set_size (positions, 0);
  dm_search_index_query (bundled_index, "bien ban thanh lap trung tam", positions);
  g_assert_true (positions_have_id (bundled, positions, "c4ir-vietnam-centre"));
}

/* The words found are highlighted in the title as written. */
static void
test_bundled_highlight (void)
{
  static const struct {
    const char *id;
    const char *query;
    gboolean    english;
    const char *matches[4];
  } cases[] = {
    { "nq-52-2019", "nghi quyet 52", FALSE, { "Nghị quyết 52", NULL } },  /* not "nghi" in nghiệp */
    { "nq-52-2019", "resolution 52", TRUE, { "Resolution 52", NULL } },
    { "mou-wef-2019", "wef", FALSE, { "WEF", NULL } },
    { "summit-2021-workshop-1", "hoi thao chuyen de", FALSE, { "Hội thảo chuyên đề", NULL } },  /* not "đế" in đến */
    { "summit-2021-workshop-1", "HOI", FALSE, { "Hội", NULL } },
    { "de-an-cnh-hdh-2030-2045", "ban chap hanh", FALSE, { "Ban Chấp hành", NULL } },
  };
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DmEvent *event = dm_dataset_lookup_event (dataset, cases[i].id, NULL);
      const char *title = cases[i].english ? event->title.en : event->title.vi;
      g_autofree char *folded = dm_fold (cases[i].query);
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
      guint n_expected = g_strv_length ((char **) cases[i].matches);

      g_assert_true (dm_fold_match_ranges (title, folded, ranges));

      /* The words of a match are separate ranges; join those separated by
       * one space to compare with the phrase. */
      for (guint r = 1; r < ranges->len; )
        {
          DmFoldRange *before = &g_array_index (ranges, DmFoldRange, r - 1);
          DmFoldRange *range = &g_array_index (ranges, DmFoldRange, r);

          if (range->start == before->end + 1 && title[before->end] == ' ')
            {
              before->end = range->end;
              g_array_remove_index (ranges, r);
            }
          else
            r++;
        }

      g_assert_cmpuint (ranges->len, ==, n_expected);
      for (guint r = 0; r < n_expected; r++)
        {
          const DmFoldRange *range = &g_array_index (ranges, DmFoldRange, r);
          g_autofree char *substring = g_strndup (title + range->start, range->end - range->start);

          g_assert_cmpstr (substring, ==, cases[i].matches[r]);
        }
    }
}

/* Incremental search against the reference, typing like people do. */

static const char * const vocabulary[] = {
  "Nghị", "quyết", "52-NQ/TW", "Hội", "thảo", "Đổi", "mới", "công", "nghiệp",
  "chuyển", "đổi", "số", "Diễn", "đàn", "Trung", "tâm", "cách", "mạng", "lần",
  "thứ", "tư", "kinh", "tế", "Hà", "Nội", "Đà", "Nẵng", "phát", "triển", "bền",
  "vững", "WEF", "4.0", "Bộ", "Chính", "trị", "ứng", "dụng", "khoa", "học",
  "Resolution", "Forum", "workshop", "digital", "transformation", "Straße",
  "Москва", "東京", "🎉", "ngân", "hàng", "người", "dân",
};

static const char *
random_word (GRand *rand)
{
  return vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
}

static char *
random_phrase (GRand *rand,
               guint  min_words,
               guint  max_words)
{
  GString *phrase = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (phrase, ' ');
      g_string_append (phrase, random_word (rand));
    }

  /* Some texts are written with combining marks. */
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      char *decomposed = g_utf8_normalize (phrase->str, -1, G_NORMALIZE_NFD);

      g_string_assign (phrase, decomposed);
      g_free (decomposed);
    }

  return g_string_free (phrase, FALSE);
}

static DmDataset *
build_random_dataset (GRand *rand,
                      guint  n)
{
  DmDataset *dataset = dm_dataset_new ();

  add_kind (dataset, "resolution", "Nghị quyết", "Resolution");
  add_kind (dataset, "forum", "Diễn đàn, hội thảo", "Forum / workshop");
  add_kind (dataset, "plan", "Đề án", "Plan");

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      static const char * const kinds[] = { "resolution", "forum", "plan" };
      g_autofree char *title_vi = random_phrase (rand, 2, 6);
      g_autofree char *title_en = random_phrase (rand, 0, 4);
      g_autofree char *summary = random_phrase (rand, 0, 10);

      event->id = g_strdup_printf ("e%u", i);
      event->kind = g_strdup (kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
      g_assert_true (dm_date_init (&event->start, DM_DATE_PRECISION_YEAR,
                                   g_rand_int_range (rand, 1990, 2030), 0, 0, 0, 0));
      dm_text_set (&event->title, title_vi, title_en[0] != '\0' ? title_en : NULL);
      dm_text_set (&event->summary, summary[0] != '\0' ? summary : NULL, NULL);
      if (g_rand_boolean (rand))
        {
          event->tags = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (event->tags, g_strdup (g_rand_boolean (rand) ? "4ir" : "wef"));
        }
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  return dataset;
}

/* Drops the last character (Backspace). */
static void
backspace (GString *text)
{
  const char *last;

  if (text->len == 0)
    return;
  last = g_utf8_find_prev_char (text->str, text->str + text->len);
  g_string_truncate (text, last - text->str);
}

static void
check_step (DmSearchIndex *index,
            DmSearchState *state,
            Reference     *ref,
            const char    *query,
            gboolean       with_reference)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) incremental = g_array_new (FALSE, FALSE, sizeof (guint));

  dm_search_index_query (index, query, fresh);
  dm_search_state_query (state, query, incremental);
  assert_same_positions (incremental, fresh, query);

  if (with_reference)
    {
      g_autoptr(GArray) want = reference_query (ref, query);

      assert_same_positions (fresh, want, query);
    }
}

static void
test_incremental_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240522);
  g_autoptr(DmDataset) dataset = build_random_dataset (rand, 1500);
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  g_autoptr(DmSearchState) state = dm_search_state_new (index);
  g_autoptr(GString) query = g_string_new (NULL);
  guint step = 0;
  Reference ref;

  reference_init (&ref, dataset);

  for (guint sequence = 0; sequence < 120; sequence++)
    {
      g_autofree char *target = random_phrase (rand, 1, sequence % 10 == 0 ? 12 : 3);
      const char *next = target;

      /* How people change a query: start over, or keep part of it. */
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          g_string_truncate (query, 0);
          break;
        case 1:
          g_string_append_c (query, ' ');
          break;
        default:
          break;
        }

      while (*next != '\0')
        {
          int action = g_rand_int_range (rand, 0, 12);

          if (action == 0)
            {
              /* Backspace, one or a few times */
              for (int k = g_rand_int_range (rand, 1, 4); k > 0; k--)
                backspace (query);
            }
          else if (action == 1 && query->len > 0)
            {
              /* An edit in the middle: the query no longer extends */
              glong n_chars = g_utf8_strlen (query->str, -1);
              const char *at = g_utf8_offset_to_pointer (query->str, g_rand_int_range (rand, 0, n_chars));

              g_string_insert_c (query, at - query->str, 'x');
            }
          else if (action == 2)
            {
              /* Typed in capitals */
              gunichar c = g_unichar_toupper (g_utf8_get_char (next));

              g_string_append_unichar (query, c);
              next = g_utf8_next_char (next);
            }
          else
            {
              g_string_append_len (query, next, g_utf8_next_char (next) - next);
              next = g_utf8_next_char (next);
            }

          check_step (index, state, &ref, query->str, step++ % 4 == 0);
        }

      /* Delete it all, letter by letter. */
      if (sequence % 7 == 0)
        {
          while (query->len > 0)
            {
              backspace (query);
              check_step (index, state, &ref, query->str, step++ % 4 == 0);
            }
        }
    }

  reference_clear (&ref);
}

/* A whole query typed and deleted, compared at each step with the
 * reference. */
static void
test_incremental_typing (void)
{
  static const char * const queries[] = {
    "nghi quyet 52",
    "Nghị quyết 52",
    "hoi thao chuyen de",
    "wef",
    "cach mang cong nghiep lan thu 4",
    "industry 4.0 summit 2021",
  };
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmSearchIndex) index = dm_search_index_new (dataset);
  g_autoptr(DmSearchState) state = dm_search_state_new (index);
  Reference ref;

  reference_init (&ref, dataset);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GString) query = g_string_new (NULL);

      for (const char *p = queries[q]; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_string_append_len (query, p, g_utf8_next_char (p) - p);
          check_step (index, state, &ref, query->str, TRUE);
        }
      while (query->len > 0)
        {
          backspace (query);
          check_step (index, state, &ref, query->str, TRUE);
        }
    }

  reference_clear (&ref);
}

/* An index spliced after each of random edits, undos and redos is the
 * index made afresh: every event's text, and what a query finds. */
static void
splice_changed_cb (DmEdit         *edit,
                   DmSearchIndex **index)
{
  DmDataset *dataset = dm_edit_get_dataset (edit);
  g_autoptr(DmSearchIndex) fresh = dm_search_index_new (dataset);
  g_autoptr(DmSearchIndex) old = *index;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  guint position;
  guint removed;
  guint added;

  if (!dm_edit_get_changed_range (edit, &position, &removed, &added))
    {
      *index = g_steal_pointer (&fresh);
      return;
    }

  *index = dm_search_index_splice (old, dataset, position, removed, added);
  g_assert_cmpuint (dm_search_index_get_n_events (old), ==, 0);
  g_assert_cmpuint (dm_search_index_get_n_events (*index), ==, dm_dataset_get_n_events (dataset));
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      g_assert_cmpstr (dm_search_index_get_text (*index, i), ==, dm_search_index_get_text (fresh, i));
      g_assert_cmpint (dm_search_index_rank (*index, i, "nghi quyet"), ==, dm_search_index_rank (fresh, i, "nghi quyet"));
    }
  dm_search_index_query (*index, "chuyen doi so", found);
  dm_search_index_query (fresh, "chuyen doi so", expected);
  g_assert_cmpmem (found->data, found->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
}

static void
test_splice (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  DmSearchIndex *index = dm_search_index_new (dataset);
  guint serial = 0;

  g_signal_connect (edit, "changed", G_CALLBACK (splice_changed_cb), &index);
  for (guint step = 0; step < 120; step++)
    {
      guint n = dm_dataset_get_n_events (dataset);
      const DmEvent *event = dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, n));
      g_autofree char *id = g_strdup (event->id);
      g_autoptr(GError) error = NULL;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          {
            g_autofree char *title = g_strdup_printf ("Nghị quyết %u về chuyển đổi số", serial++);

            g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_VI, title, &error));
          }
          break;
        case 1:
          {
            /* Longer than before: the text grows. */
            g_autofree char *summary = g_strnfill (g_rand_int_range (rand, 0, 3000), 'x');

            g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_SUMMARY_EN, summary, &error));
          }
          break;
        case 2:
          g_free (dm_edit_duplicate_event (edit, id));
          break;
        case 3:
          if (n > 10)
            g_assert_true (dm_edit_delete_event (edit, id));
          break;
        case 4:
          dm_test_move_event_to_year (edit, event, id, rand, 1900, 2100);
          break;
        default:
          dm_edit_undo (edit);
          break;
        }
      g_assert_no_error (error);
      dm_edit_close_step (edit);
    }

  g_signal_handlers_disconnect_by_data (edit, &index);
  dm_search_index_unref (index);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/search/small/%u", i);
      g_test_add_data_func (path, &search_cases[i], test_small);
    }
  g_test_add_func ("/search/index-text", test_index_text);
  g_test_add_func ("/search/empty-dataset", test_empty_dataset);
  g_test_add_func ("/search/bundled", test_bundled);
  g_test_add_func ("/search/bundled/highlight", test_bundled_highlight);
  g_test_add_func ("/search/rank", test_rank);
  g_test_add_func ("/search/incremental/typing", test_incremental_typing);
  g_test_add_func ("/search/incremental/random", test_incremental_random);
  g_test_add_func ("/search/splice", test_splice);

  return g_test_run ();
}
