/* test-dataset.c — checks of the bundled dataset against its source texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dm-dataset.h"
#include "dm-fold.h"
#include "dm-loader.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

/* The period the dataset covers; every event must lie within it. */
#define SPAN_FIRST_YEAR 2016
#define SPAN_LAST_YEAR  2022

#define MAX_QUOTE_CHARS 300

/* Helpers */

static char *
dataset_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                "vietnam-industry-4.0.json", NULL);
}

static char *
source_path (const char *file_name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sources",
                                file_name, NULL);
}

/* Loads the bundled dataset; the test fails if there is any problem at all,
 * warnings included. */
static DmDataset *
load_dataset (void)
{
  g_autofree char *path = dataset_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  dataset = dm_dataset_load_file (file, &problems, NULL, &error);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *text = dm_problem_to_string (g_ptr_array_index (problems, i));

      g_test_message ("problem: %s", text);
    }

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (problems != NULL ? problems->len : 0, ==, 0);

  return g_steal_pointer (&dataset);
}

/* Marks the running test as failed, naming @event (if not NULL), and goes on
 * so that every problem is reported in one run (with --keep-going). */
G_GNUC_PRINTF (2, 3)
static void
fail_event (const DmEvent *event,
            const char    *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (event == NULL)
    {
      g_test_message ("%s", message);
      g_test_fail_printf ("%s", message);
      return;
    }

  g_test_message ("event “%s”: %s", event->id, message);
  g_test_fail_printf ("event “%s”: %s", event->id, message);
}

/* Every run of whitespace in @text becomes one space. */
static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean in_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (!in_space)
            g_string_append_c (out, ' ');
          in_space = TRUE;
        }
      else
        {
          g_string_append_unichar (out, c);
          in_space = FALSE;
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_filled (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
text_has_both (const DmText *text)
{
  return is_filled (text->vi) && is_filled (text->en);
}

/* Checks that @text, if @required or not empty, has both languages. */
static void
check_bilingual (const DmEvent *event,
                 const DmText  *text,
                 gboolean       required,
                 const char    *what)
{
  if (!required && dm_text_is_empty (text))
    return;

  if (!text_has_both (text))
    fail_event (event, "%s lacks a language: vi “%s”, en “%s”", what,
                text->vi != NULL ? text->vi : "(null)",
                text->en != NULL ? text->en : "(null)");
}

static char *
iso_or_null (const DmDate *date)
{
  if (!dm_date_is_set (date))
    return NULL;

  return dm_date_to_iso (date);
}

static DmDate
parse_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  DmDate date;
  gboolean ok;

  ok = dm_date_parse (text, &date, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return date;
}

/* Whether one of @event's citations contains @words. */
static gboolean
event_cites (const DmEvent *event,
             const char    *words)
{
  g_autofree char *wanted = collapse_whitespace (words);

  for (guint c = 0; event->citations != NULL && c < event->citations->len; c++)
    {
      const DmCitation *citation = g_ptr_array_index (event->citations, c);
      g_autofree char *quote = NULL;

      if (citation->quote == NULL)
        continue;

      quote = collapse_whitespace (citation->quote);
      if (strstr (quote, wanted) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* /dataset/loads */

static void
test_loads (void)
{
  static const char * const required_kinds[] = {
    "forum", "mou", "resolution", "plan", "meeting", "milestone", NULL
  };
  g_autoptr(DmDataset) dataset = load_dataset ();
  guint n_events = dm_dataset_get_n_events (dataset);

  g_assert_cmpuint (n_events, >, 0);

  for (guint k = 0; required_kinds[k] != NULL; k++)
    {
      const char *id = required_kinds[k];
      guint n_of_kind = 0;

      if (dm_dataset_lookup_kind (dataset, id) == NULL)
        {
          g_test_fail_printf ("kind “%s” is missing", id);
          continue;
        }

      for (guint i = 0; i < n_events; i++)
        {
          if (g_strcmp0 (dm_dataset_get_event (dataset, i)->kind, id) == 0)
            n_of_kind++;
        }

      if (n_of_kind == 0)
        g_test_fail_printf ("no event has kind “%s”", id);
    }

  for (guint i = 0; i < n_events; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      if (dm_dataset_lookup_kind (dataset, event->kind) == NULL)
        fail_event (event, "unknown kind “%s”", event->kind);
    }
}

/* /dataset/citations-verbatim */

static void
test_citations_verbatim (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  g_autoptr(GHashTable) texts = NULL;   /* source id → collapsed text */

  texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < dm_dataset_get_n_sources (dataset); i++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, i);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      if (!is_filled (source->file))
        {
          g_test_fail_printf ("source “%s” has no file", source->id);
          continue;
        }

      path = source_path (source->file);
      if (!g_file_get_contents (path, &contents, NULL, &error))
        {
          g_test_fail_printf ("source “%s”: %s", source->id, error->message);
          continue;
        }

      if (!g_utf8_validate (contents, -1, NULL))
        {
          g_test_fail_printf ("source “%s”: %s is not valid UTF-8", source->id, source->file);
          continue;
        }

      g_hash_table_insert (texts, source->id, collapse_whitespace (contents));
    }

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      if (event->citations == NULL || event->citations->len == 0)
        {
          fail_event (event, "has no citation");
          continue;
        }

      for (guint c = 0; c < event->citations->len; c++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, c);
          const char *quote = citation->quote != NULL ? citation->quote : "";
          const DmSource *source;
          const char *text;
          g_autofree char *collapsed = NULL;
          glong n_chars;

          source = dm_dataset_lookup_source (dataset, citation->source);
          if (source == NULL)
            {
              fail_event (event, "cites unknown source “%s”", citation->source);
              continue;
            }
          if (!is_filled (source->file))
            {
              fail_event (event, "cites source “%s”, which has no file", source->id);
              continue;
            }

          if (quote[0] == '\0')
            {
              fail_event (event, "empty quote from “%s”", source->id);
              continue;
            }

          n_chars = g_utf8_strlen (quote, -1);
          if (n_chars > MAX_QUOTE_CHARS)
            fail_event (event, "quote of %ld characters (at most %d): “%s”",
                        n_chars, MAX_QUOTE_CHARS, quote);

          text = g_hash_table_lookup (texts, source->id);
          if (text == NULL)
            continue;   /* the unreadable file is reported above */

          collapsed = collapse_whitespace (quote);
          if (strstr (text, collapsed) == NULL)
            fail_event (event, "quote not found in %s (%s): “%s”",
                        source->id, source->file, quote);

          /* The texts are Vietnamese: each quote has an English rendering,
           * kept apart from the verbatim quote and marked as a translation. */
          if (!is_filled (citation->translation.en))
            fail_event (event, "quote from %s has no English translation: “%s”", source->id, quote);
          else if (g_strcmp0 (citation->translation.en, quote) == 0)
            fail_event (event, "the translation of a quote is the quote itself: “%s”", quote);
          if (citation->translation.vi != NULL)
            fail_event (event, "a Vietnamese “translation” of a Vietnamese quote: “%s”", quote);
        }
    }
}

/* /dataset/relations */

static void
test_relations (void)
{
  static const char * const allowed[] = {
    "part-of", "approves", "implements", "follows-up", "feeds", "establishes", "cites",
    "related", NULL
  };
  g_autoptr(DmDataset) dataset = load_dataset ();

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      for (guint r = 0; event->related != NULL && r < event->related->len; r++)
        {
          const DmRelation *relation = g_ptr_array_index (event->related, r);

          if (relation->event == NULL ||
              dm_dataset_lookup_event (dataset, relation->event, NULL) == NULL)
            fail_event (event, "relates to unknown event “%s”",
                        relation->event != NULL ? relation->event : "(null)");
          else if (g_strcmp0 (relation->event, event->id) == 0)
            fail_event (event, "relates to itself");

          if (relation->relation == NULL ||
              !g_strv_contains (allowed, relation->relation))
            fail_event (event, "unknown relation “%s”",
                        relation->relation != NULL ? relation->relation : "(null)");
        }
    }
}

/* /dataset/referrers: each relation seen from the other side */

static void
test_referrers (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  guint total = 0;
  guint named = 0;

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      guint n;
      const DmReferrer *referrers = dm_dataset_get_referrers (dataset, i, &n);

      named += event->related != NULL ? event->related->len : 0;
      total += n;
      for (guint r = 0; r < n; r++)
        {
          const DmEvent *other = dm_dataset_get_event (dataset, referrers[r].position);

          /* The referrer names this event, with that relation. */
          g_assert_cmpstr (referrers[r].relation->event, ==, event->id);
          g_assert_true (g_ptr_array_find (other->related, referrers[r].relation, NULL));
          if (r > 0)
            g_assert_cmpuint (referrers[r - 1].position, <, referrers[r].position);
        }
    }
  /* Every relation, once, from the other side. */
  g_assert_cmpuint (total, ==, named);

  /* Resolution 52 names nothing, and is cited by workshop 2. */
  {
    guint position;
    guint n;
    const DmEvent *nq52 = dm_dataset_lookup_event (dataset, "nq-52-2019", &position);
    const DmReferrer *referrers = dm_dataset_get_referrers (dataset, position, &n);

    g_assert_null (nq52->related);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (dm_dataset_get_event (dataset, referrers[0].position)->id, ==,
                     "summit-2021-workshop-2-smart-manufacturing");
    g_assert_cmpstr (referrers[0].relation->relation, ==, "cites");
  }
}

/* /dataset/bilingual */

static void
test_bilingual (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();

  if (!text_has_both (dm_dataset_get_title (dataset)))
    g_test_fail_printf ("the dataset title lacks a language");
  check_bilingual (NULL, dm_dataset_get_description (dataset), FALSE,
                   "dataset description");

  for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);

      if (!text_has_both (&kind->label))
        g_test_fail_printf ("kind “%s”: label lacks a language", kind->id);
    }

  for (guint s = 0; s < dm_dataset_get_n_sources (dataset); s++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, s);

      if (!text_has_both (&source->title))
        g_test_fail_printf ("source “%s”: title lacks a language", source->id);
    }

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      check_bilingual (event, &event->title, TRUE, "title");
      check_bilingual (event, &event->summary, TRUE, "summary");
      check_bilingual (event, &event->place, FALSE, "place");
      check_bilingual (event, &event->certainty_reason, FALSE, "certainty reason");

      for (guint a = 0; event->actors != NULL && a < event->actors->len; a++)
        {
          const DmActor *actor = g_ptr_array_index (event->actors, a);

          if (!is_filled (actor->name))
            fail_event (event, "actor %u has no name", a);
          check_bilingual (event, &actor->role, FALSE, "actor role");
        }

      for (guint f = 0; event->figures != NULL && f < event->figures->len; f++)
        {
          const DmFigure *figure = g_ptr_array_index (event->figures, f);

          check_bilingual (event, &figure->label, TRUE, "figure label");
          check_bilingual (event, &figure->display, FALSE, "figure display");
        }

      for (guint l = 0; event->lists != NULL && l < event->lists->len; l++)
        {
          const DmList *list = g_ptr_array_index (event->lists, l);

          check_bilingual (event, &list->label, TRUE, "list label");

          if (list->items == NULL || list->items->len == 0)
            fail_event (event, "list %u has no items", l);

          for (guint j = 0; list->items != NULL && j < list->items->len; j++)
            check_bilingual (event, g_ptr_array_index (list->items, j), TRUE,
                             "list item");
        }

      for (guint k = 0; event->links != NULL && k < event->links->len; k++)
        {
          const DmLink *link = g_ptr_array_index (event->links, k);

          check_bilingual (event, &link->title, FALSE, "link title");
        }
    }
}

/* /dataset/certainty */

/* Phrases by which a reason would admit to knowledge from outside the texts;
 * compared case-insensitively. */
static const char * const outside_knowledge_phrases[] = {
  "general knowledge",
  "common knowledge",
  "generally known",
  "well known",
  "well-known",
  "as is known",
  "it is known",
  "hiểu biết chung",
  "kiến thức chung",
  "như đã biết",
  "ai cũng biết",
  "theo hiểu biết",
  NULL
};

/* Phrases by which a reason would lean on the dataset's own scope (2016 to
 * 2022) for a bound the texts do not give. */
static const char * const scope_phrases[] = {
  "scope",
  "period this dataset covers",
  "the dataset covers",
  "2016–2022",
  "phạm vi",
  "bộ dữ liệu này bao quát",
  NULL
};

/* Fails @event if @text (its @what) holds one of @phrases, compared
 * case-insensitively: a reason that @fault. */
static void
check_no_phrase (const DmEvent      *event,
                 const char         *text,
                 const char         *what,
                 const char * const *phrases,
                 const char         *fault)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return;

  folded = g_utf8_casefold (text, -1);
  for (guint p = 0; phrases[p] != NULL; p++)
    {
      g_autofree char *phrase = g_utf8_casefold (phrases[p], -1);

      if (strstr (folded, phrase) != NULL)
        fail_event (event, "%s %s (“%s”): %s", what, fault, phrases[p], text);
    }
}

#define OUTSIDE_KNOWLEDGE "relies on knowledge outside the texts"
#define SCOPE "leans on the dataset's scope"

static void
test_certainty (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      switch (event->certainty)
        {
        case DM_CERTAINTY_INFERRED:
        case DM_CERTAINTY_APPROXIMATE:
          if (!text_has_both (&event->certainty_reason))
            fail_event (event, "certainty “%s” without a reason in both languages",
                        dm_certainty_to_string (event->certainty));
          break;
        case DM_CERTAINTY_STATED:
          break;
        default:
          fail_event (event, "unknown certainty %d", (int) event->certainty);
          break;
        }

      check_no_phrase (event, event->certainty_reason.vi, "reason (vi)", outside_knowledge_phrases, OUTSIDE_KNOWLEDGE);
      check_no_phrase (event, event->certainty_reason.en, "reason (en)", outside_knowledge_phrases, OUTSIDE_KNOWLEDGE);
      check_no_phrase (event, event->summary.vi, "summary (vi)", outside_knowledge_phrases, OUTSIDE_KNOWLEDGE);
      check_no_phrase (event, event->summary.en, "summary (en)", outside_knowledge_phrases, OUTSIDE_KNOWLEDGE);
      check_no_phrase (event, event->certainty_reason.vi, "reason (vi)", scope_phrases, SCOPE);
      check_no_phrase (event, event->certainty_reason.en, "reason (en)", scope_phrases, SCOPE);
    }
}

/* /dataset/open-ended */

typedef struct
{
  const char *event;
  DmBound     bound;
  const char *date;        /* the one bound the texts give */
  const char *stated_as;   /* the words it rests on, which the event cites */
} OpenDate;

/* Events whose texts give only one bound of the date: the other is left
 * open, never filled in from the dataset's scope. */
static const OpenDate open_dates[] = {
  /* s000: the 2016–2020 period in the present tense */
  { "workshop-new-production-revolution", DM_BOUND_BEFORE, "2020",
    "Trong giai đoạn năm 2016-2020, công nghiệp hóa theo hướng hiện đại là một trọng tâm" },
  /* s002: the Forum, whose first dated part begins on 9/11/2021, implements it */
  { "dai-hoi-xiii-goals", DM_BOUND_BEFORE, "2021-11-09",
    "10 Hội thảo chuyên đề diễn ra từ ngày 9/11 đến ngày 18/11/2021" },
  { "ket-luan-hntw4-xiii", DM_BOUND_BEFORE, "2021-11-09",
    "10 Hội thảo chuyên đề diễn ra từ ngày 9/11 đến ngày 18/11/2021" },
  { "summit-2021-press-remarks", DM_BOUND_BEFORE, "2021-11-09",
    "10 Hội thảo chuyên đề diễn ra từ ngày 9/11 đến ngày 18/11/2021" },
  /* s001: "đã được ký" in an article of 21/12/2020 */
  { "c4ir-vietnam-centre", DM_BOUND_BEFORE, "2020-12-21",
    "Minh Thiện| 21/12/2020 22:26" },
};

static void
test_open_ended (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  g_autofree char *scope_text = g_strdup_printf ("%d", SPAN_FIRST_YEAR);
  DmDate scope_start = parse_date (scope_text);

  for (guint i = 0; i < G_N_ELEMENTS (open_dates); i++)
    {
      const OpenDate *expected = &open_dates[i];
      const DmEvent *event = dm_dataset_lookup_event (dataset, expected->event, NULL);
      g_autofree char *date = NULL;

      if (event == NULL)
        {
          g_test_fail_printf ("open-ended event “%s” is missing", expected->event);
          continue;
        }

      date = dm_date_to_iso (&event->start);
      if (event->start_bound != expected->bound || g_strcmp0 (date, expected->date) != 0)
        fail_event (event, "dated %s (bound %d), but the texts give only “%s” (bound %d)",
                    date, event->start_bound, expected->date, expected->bound);
      if (dm_event_is_range (event))
        fail_event (event, "is open-ended but has an end");
      if (!event_cites (event, expected->stated_as))
        fail_event (event, "does not cite the words its bound rests on: “%s”", expected->stated_as);
      if (!text_has_both (&event->certainty_reason))
        fail_event (event, "open-ended without a reason in both languages");
    }

  /* No inferred range may start at the scope's first year: that bound
   * would come from the dataset, not from the texts. */
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      if (event->certainty != DM_CERTAINTY_STATED && dm_event_is_range (event) &&
          dm_date_equal (&event->start, &scope_start))
        fail_event (event, "an inferred range that starts where the dataset's scope does");
    }
}

/* /dataset/tags */

typedef struct
{
  const char *tag;
  const char *evidence[7];   /* folded words, one of which a quote has */
} TagEvidence;

/* Every tag an event carries is backed by what it quotes. */
static const TagEvidence tag_evidence[] = {
  { "4ir", { "4.0", "lan thu 4", "cach mang cong nghiep", "cmcn", "cach mang san xuat moi", NULL } },
  { "industry-4-0-summit", { "dien dan", "hoi thao chuyen de", "industry", NULL } },
  { "c4ir", { "trung tam", NULL } },
  { "wef", { "wef", "dien dan kinh te the gioi", NULL } },
  { "mic", { "tt&tt", NULL } },
  { "government", { "chinh phu", NULL } },
  { "party", { "dang", "bo chinh tri", "trung uong", NULL } },
  { "industrialisation", { "cong nghiep", NULL } },
  { "smart-manufacturing", { "san xuat thong minh", NULL } },
  { "digital-transformation", { "chuyen doi so", "so hoa", NULL } },
  { "covid-19-recovery", { "covid-19", NULL } },
};

/* Consistent tags, each with a label in both languages, and each backed
 * by the event's quotes; the Summit's events all carry Industry 4.0, the
 * Minister of Information and Communications' events all carry "mic". */
static void
test_tags (void)
{
  static const char * const mic_events[] = { "mou-wef-2019", "nq-78-2020", "mic-business-meeting-2020", NULL };
  g_autoptr(DmDataset) dataset = load_dataset ();
  GPtrArray *tags = dm_dataset_get_tags (dataset);

  for (guint t = 0; t < tags->len; t++)
    {
      const char *tag = g_ptr_array_index (tags, t);
      const DmTag *label = dm_dataset_lookup_tag_label (dataset, tag);
      const TagEvidence *evidence = NULL;

      if (label == NULL || !text_has_both (&label->label))
        g_test_fail_printf ("tag “%s” has no label in both languages", tag);
      for (guint e = 0; e < G_N_ELEMENTS (tag_evidence); e++)
        if (g_strcmp0 (tag_evidence[e].tag, tag) == 0)
          evidence = &tag_evidence[e];
      if (evidence == NULL)
        {
          g_test_fail_printf ("tag “%s” has no evidence words in the test", tag);
          continue;
        }

      for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
        {
          const DmEvent *event = dm_dataset_get_event (dataset, i);
          gboolean backed = FALSE;

          if (!dm_event_has_tag (event, tag))
            continue;
          for (guint c = 0; !backed && event->citations != NULL && c < event->citations->len; c++)
            {
              const DmCitation *citation = g_ptr_array_index (event->citations, c);
              g_autofree char *folded = dm_fold (citation->quote);

              for (guint w = 0; !backed && evidence->evidence[w] != NULL; w++)
                backed = strstr (folded, evidence->evidence[w]) != NULL;
            }
          if (!backed)
            fail_event (event, "tag “%s” is not backed by any of its quotes", tag);
        }
    }

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      if (dm_event_has_tag (event, "industry-4-0-summit") && !dm_event_has_tag (event, "4ir"))
        fail_event (event, "a Summit event without the Industry 4.0 tag");
    }
  for (guint i = 0; mic_events[i] != NULL; i++)
    {
      const DmEvent *event = dm_dataset_lookup_event (dataset, mic_events[i], NULL);

      g_assert_nonnull (event);
      if (!dm_event_has_tag (event, "mic"))
        fail_event (event, "an event of the Minister of Information and Communications without “mic”");
    }
}

/* /dataset/as-printed */

/* A name the source prints, probably wrongly, is kept as printed and
 * flagged as such, never corrected. */
static void
test_as_printed (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  const DmEvent *plenary = dm_dataset_lookup_event (dataset, "summit-2021-plenary", NULL);
  gboolean found = FALSE;

  g_assert_nonnull (plenary);
  for (guint a = 0; plenary->actors != NULL && a < plenary->actors->len; a++)
    {
      const DmActor *actor = g_ptr_array_index (plenary->actors, a);

      if (g_strcmp0 (actor->name, "Trần Anh Tuấn") == 0)
        {
          found = TRUE;
          g_assert_true (actor->as_printed);
        }
    }
  g_assert_true (found);
  g_assert_true (event_cites (plenary, "đồng chí Trần Anh Tuấn, Ủy viên Bộ Chính trị, Trưởng Ban Kinh tế Trung ương"));
}

/* /dataset/stated-dates */

typedef struct
{
  const char  *event;
  const char  *start;   /* ISO, at the precision the text gives */
  const char  *end;     /* NULL for a point */
  DmCertainty  certainty;
  const char  *stated_as;   /* the text's own words, which the event must cite */
} StatedDate;

/* Every date that one of the texts states explicitly, checked against the
 * texts by hand. */
static const StatedDate stated_dates[] = {
  /* s000 */
  { "cnh-hdh-2016-2020", "2016", "2020", DM_CERTAINTY_STATED,
    "Trong giai đoạn năm 2016-2020" },
  /* s001 */
  { "mou-wef-2019", "2019-01", NULL, DM_CERTAINTY_STATED,
    "Tháng 1/2019" },
  { "nq-78-2020", "2020-05-22", NULL, DM_CERTAINTY_STATED,
    "Ngày 22/5/2020" },
  { "mic-business-meeting-2020", "2020-08-12", NULL, DM_CERTAINTY_STATED,
    "Ngày 12/8/2020" },
  /* s002, s004 */
  { "summit-2021-thematic-workshops", "2021-11-09", "2021-11-18", DM_CERTAINTY_STATED,
    "từ ngày 9/11 đến ngày 18/11/2021" },
  { "summit-2021-plenary", "2021-12-06", NULL, DM_CERTAINTY_STATED,
    "Sáng ngày 06/12/2021" },
  { "de-an-cnh-hdh-2030-2045", "2022", NULL, DM_CERTAINTY_STATED,
    "trình Ban Chấp hành Trung ương vào năm 2022" },
  /* s002: the period of the framework discussed at the plenary */
  { "khung-chinh-sach-phuc-hoi-2021-2023", "2021", "2023", DM_CERTAINTY_STATED,
    "giai đoạn 2021 - 2023" },
  /* s003, s004 */
  { "nq-23-2018", "2018-03-22", NULL, DM_CERTAINTY_STATED,
    "Nghị quyết 23-NQ/TW ngày 22/3/2018" },
  { "nq-52-2019", "2019-09-27", NULL, DM_CERTAINTY_STATED,
    "Nghị quyết 52- NQ/TW ngày 27/9/2019" },
};

static void
test_stated_dates (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  const DmSource *s001;
  g_autofree char *s001_date = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (stated_dates); i++)
    {
      const StatedDate *expected = &stated_dates[i];
      const DmEvent *event;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;

      event = dm_dataset_lookup_event (dataset, expected->event, NULL);
      if (event == NULL)
        {
          g_test_fail_printf ("event “%s” (dated “%s” in the texts) is missing",
                              expected->event, expected->stated_as);
          continue;
        }

      start = iso_or_null (&event->start);
      end = iso_or_null (&event->end);

      if (g_strcmp0 (start, expected->start) != 0 ||
          g_strcmp0 (end, expected->end) != 0)
        fail_event (event, "dated %s..%s, but the text says “%s” (%s..%s)",
                    start != NULL ? start : "(none)", end != NULL ? end : "(none)",
                    expected->stated_as, expected->start,
                    expected->end != NULL ? expected->end : "(none)");

      if (!event_cites (event, expected->stated_as))
        fail_event (event, "does not cite the words that state its date: “%s”",
                    expected->stated_as);

      if (event->certainty != expected->certainty)
        fail_event (event, "certainty “%s”, expected “%s”",
                    dm_certainty_to_string (event->certainty),
                    dm_certainty_to_string (expected->certainty));
    }

  /* The byline of s001: "Minh Thiện| 21/12/2020 22:26". */
  s001 = dm_dataset_lookup_source (dataset, "s001");
  g_assert_nonnull (s001);
  s001_date = iso_or_null (&s001->date);
  g_assert_cmpstr (s001_date, ==, "2020-12-21");

  /* The other texts show no date of their own; none may be made up. */
  for (guint s = 0; s < dm_dataset_get_n_sources (dataset); s++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, s);

      if (source != s001 && dm_date_is_set (&source->date))
        {
          g_autofree char *date = dm_date_to_iso (&source->date);

          g_test_fail_printf ("source “%s” has date %s, which its text does not show",
                              source->id, date);
        }
    }
}

/* /dataset/span */

typedef struct
{
  const char *event;
  int         last_year;   /* the last year of the period the text states */
  const char *stated_as;   /* the text's own words, which the event must cite */
} SpanException;

/* Events that start within the span but whose stated period runs past its
 * end.  Each is a period the text gives explicitly; nothing else may end
 * after SPAN_LAST_YEAR. */
static const SpanException span_exceptions[] = {
  /* s002: "khung chính sách … giai đoạn 2021 - 2023", discussed at the plenary */
  { "khung-chinh-sach-phuc-hoi-2021-2023", 2023, "giai đoạn 2021 - 2023" },
};

static const SpanException *
lookup_span_exception (const char *event_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (span_exceptions); i++)
    {
      if (g_strcmp0 (span_exceptions[i].event, event_id) == 0)
        return &span_exceptions[i];
    }

  return NULL;
}

/* What the window's filters show without a pass over the events: the
 * count of each kind and every tag used, once, in order. */
static void
test_summary (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  GPtrArray *tags = dm_dataset_get_tags (dataset);
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  g_autofree guint *counts = g_new0 (guint, n_kinds);
  guint n_tagged = 0;

  g_assert_cmpuint (tags->len, >, 3);
  for (guint t = 1; t < tags->len; t++)
    g_assert_cmpstr (g_ptr_array_index (tags, t - 1), <, g_ptr_array_index (tags, t));
  g_assert_true (dm_dataset_get_tags (dataset) == tags);

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      g_assert_cmpuint (event->kind_index, <, n_kinds);
      counts[event->kind_index]++;
      for (guint t = 0; event->tags != NULL && t < event->tags->len; t++)
        {
          g_assert_true (g_ptr_array_find_with_equal_func (tags, g_ptr_array_index (event->tags, t), g_str_equal, NULL));
          n_tagged++;
        }
    }
  g_assert_cmpuint (n_tagged, >=, tags->len);

  for (guint k = 0; k < n_kinds; k++)
    g_assert_cmpuint (dm_dataset_get_kind_count (dataset, k), ==, counts[k]);
}

static void
test_span (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  g_autofree char *first_text = g_strdup_printf ("%d", SPAN_FIRST_YEAR);
  g_autofree char *after_text = g_strdup_printf ("%d", SPAN_LAST_YEAR + 1);
  DmDate first = parse_date (first_text);
  DmDate after = parse_date (after_text);   /* every date of the last year sorts before it */

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      const DmDate *last = dm_date_is_set (&event->end) ? &event->end : &event->start;
      const SpanException *exception = lookup_span_exception (event->id);
      g_autofree char *start = dm_date_to_iso (&event->start);
      g_autofree char *end = dm_date_to_iso (last);

      if (dm_date_compare (&event->start, &first) < 0)
        fail_event (event, "starts %s, before %d", start, SPAN_FIRST_YEAR);
      if (dm_date_compare (&event->start, &after) >= 0)
        fail_event (event, "starts %s, after %d", start, SPAN_LAST_YEAR);

      if (exception == NULL)
        {
          if (dm_date_compare (last, &after) >= 0)
            fail_event (event, "ends %s, after %d", end, SPAN_LAST_YEAR);
        }
      else
        {
          g_autofree char *exception_after_text = g_strdup_printf ("%d", exception->last_year + 1);
          DmDate exception_after = parse_date (exception_after_text);

          if (dm_date_compare (last, &exception_after) >= 0)
            fail_event (event, "ends %s, after %d (the text says “%s”)", end,
                        exception->last_year, exception->stated_as);
          if (!event_cites (event, exception->stated_as))
            fail_event (event, "ends after %d but does not cite “%s”",
                        SPAN_LAST_YEAR, exception->stated_as);
        }

      if (dm_date_compare (last, &event->start) < 0)
        fail_event (event, "ends %s, before its start %s", end, start);
    }

  /* Every exception must name an event of the dataset. */
  for (guint i = 0; i < G_N_ELEMENTS (span_exceptions); i++)
    {
      if (dm_dataset_lookup_event (dataset, span_exceptions[i].event, NULL) == NULL)
        g_test_fail_printf ("span exception “%s” names no event", span_exceptions[i].event);
    }
}

/* /dataset/sources-shipped */

static void
test_sources_shipped (void)
{
  g_autoptr(DmDataset) dataset = load_dataset ();
  g_autofree char *xml_path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;

  xml_path = g_test_build_filename (G_TEST_DIST, "..", "resources",
                                    "daumoc.gresource.xml", NULL);
  g_file_get_contents (xml_path, &xml, NULL, &error);
  g_assert_no_error (error);

  if (strstr (xml, "vietnam-industry-4.0.json") == NULL)
    g_test_fail_printf ("%s does not list the dataset", xml_path);

  g_assert_cmpuint (dm_dataset_get_n_sources (dataset), >, 0);

  for (guint s = 0; s < dm_dataset_get_n_sources (dataset); s++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, s);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length = 0;

      if (!is_filled (source->file))
        {
          g_test_fail_printf ("source “%s” names no file", source->id);
          continue;
        }

      if (strchr (source->file, '/') != NULL || strchr (source->file, '\\') != NULL)
        g_test_fail_printf ("source “%s”: file “%s” is not a plain file name",
                            source->id, source->file);

      path = source_path (source->file);
      if (!g_file_get_contents (path, &contents, &length, &local_error))
        {
          g_test_fail_printf ("source “%s”: %s", source->id, local_error->message);
          continue;
        }

      if (length == 0)
        g_test_fail_printf ("source “%s”: %s is empty", source->id, source->file);
      if (!g_utf8_validate (contents, length, NULL))
        g_test_fail_printf ("source “%s”: %s is not valid UTF-8", source->id, source->file);
      if (strstr (xml, source->file) == NULL)
        g_test_fail_printf ("source “%s”: %s is not in %s", source->id, source->file,
                            xml_path);
    }
}

/* dm_dataset_finish() against a naive reference: events in the order of
 * their start (dm_date_compare() deciding a year against its first day),
 * end and position in the file; an id finds the first of its events in
 * that order. Large enough for the id table to be made in a thread, with
 * every tenth id used twice and thousands of events on one day. */
static int
naive_compare (const DmEvent *a,
               const DmEvent *b)
{
  int cmp;

  if (a->axis_start != b->axis_start)
    return a->axis_start < b->axis_start ? -1 : 1;
  if ((cmp = dm_date_compare (&a->start, &b->start)) != 0)
    return cmp;
  if (a->axis_end != b->axis_end)
    return a->axis_end < b->axis_end ? -1 : 1;
  return (a->file_index > b->file_index) - (a->file_index < b->file_index);
}

/* Events already in order (a file this app saved) keep it; one out of
 * place anywhere, first, in the middle or last, is still put where it
 * goes. */
static void
test_finish_in_order (void)
{
  const guint n = 3000;
  const guint moved[] = { G_MAXUINT, 0, 1, n / 2, n - 2, n - 1 };

  for (guint m = 0; m < G_N_ELEMENTS (moved); m++)
    {
      g_autoptr(DmDataset) dataset = dm_dataset_new ();
      g_autoptr(GPtrArray) added = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        {
          DmEvent *event = dm_event_new ();
          /* Days in order; the moved event goes to the day before the
           * first, or, if it is the first, after the last. */
          guint day = i == moved[m] ? (i == 0 ? n + 1 : 0) : i + 1;

          event->id = g_strdup_printf ("e%u", i);
          g_assert_true (dm_date_init (&event->start, DM_DATE_PRECISION_DAY, 1900 + day / 336, 1 + day / 28 % 12,
                                       1 + day % 28, 0, 0));
          dm_dataset_add_event (dataset, event);
          g_ptr_array_add (added, event);
        }
      dm_dataset_finish (dataset);

      g_test_message ("moved: %u", moved[m]);
      for (guint i = 0, from = 0; i < n; i++)
        {
          const DmEvent *expected;

          if (moved[m] == 0)
            expected = g_ptr_array_index (added, i == n - 1 ? 0 : i + 1);
          else if (moved[m] != G_MAXUINT && i == 0)
            expected = g_ptr_array_index (added, moved[m]);
          else
            {
              if (from == moved[m])
                from++;
              expected = g_ptr_array_index (added, from++);
            }
          g_assert_true (dm_dataset_get_event (dataset, i) == expected);
        }
    }
}

static void
test_finish_order_and_ids (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const kinds[] = { "forum", "plan", "law" };
  guint kind_counts[G_N_ELEMENTS (kinds)] = { 0 };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      DmKind *kind = dm_kind_new ();

      kind->id = g_strdup (kinds[k]);
      dm_dataset_add_kind (dataset, kind);
    }

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      DmDatePrecision precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);
      gint64 year = g_rand_boolean (rand) ? 2020 : g_rand_int_range (rand, 1900, 2030);
      guint month = g_rand_int_range (rand, 0, 3) == 0 ? 1 : (guint) g_rand_int_range (rand, 1, 13);
      guint day = g_rand_int_range (rand, 0, 3) == 0 ? 1 : (guint) g_rand_int_range (rand, 1, 29);

      event->id = g_strdup_printf ("e%u", i % 10 == 9 ? i - 5 : i);
      g_assert_true (dm_date_init (&event->start, precision, year,
                                   precision >= DM_DATE_PRECISION_MONTH ? month : 0,
                                   precision >= DM_DATE_PRECISION_DAY ? day : 0,
                                   precision >= DM_DATE_PRECISION_MINUTE ? (guint) g_rand_int_range (rand, 0, 2) : 0, 0));
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_YEAR, year + g_rand_int_range (rand, 0, 3), 0, 0, 0, 0));
      /* English titles only, but one Vietnamese summary near the end:
       * the languages of both halves count. */
      dm_text_set (&event->title, NULL, event->id);
      if (i == n - 2)
        dm_text_set (&event->summary, "Tóm tắt", NULL);
      /* Every fourth event of no known kind. */
      if (i % 4 != 3)
        {
          guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));

          event->kind = g_strdup (kinds[k]);
          kind_counts[k]++;
        }
      else if (i % 8 == 3)
        event->kind = g_strdup ("unknown");
      if (i % 3 != 0)
        {
          event->tags = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (event->tags, g_strdup_printf ("t%u", i % 7));
          if (i % 5 == 0)
            g_ptr_array_add (event->tags, g_strdup_printf ("u%02u", i % 13));
          /* A tag only the second half has. */
          if (i == n - 4)
            g_ptr_array_add (event->tags, g_strdup ("v-late"));
        }
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  /* Every tag once, sorted (for a large dataset, made by halves with the
   * sort keys). */
  {
    GPtrArray *tags = dm_dataset_get_tags (dataset);
    static const char * const expected[] = {
      "t0", "t1", "t2", "t3", "t4", "t5", "t6",
      "u00", "u01", "u02", "u03", "u04", "u05", "u06", "u07", "u08", "u09", "u10", "u11", "u12", "v-late",
    };

    g_assert_cmpuint (tags->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < tags->len; i++)
      g_assert_cmpstr (g_ptr_array_index (tags, i), ==, expected[i]);
  }

  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, n);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_cmpuint (dm_dataset_get_kind_count (dataset, k), ==, kind_counts[k]);

  /* Each lane holds its events, in order, and the events of no known
   * kind are in the last. */
  {
    guint total = 0;

    for (guint lane = 0; lane < G_N_ELEMENTS (kinds); lane++)
      {
        const guint *positions;
        guint count = dm_dataset_get_lane (dataset, lane, &positions, NULL, NULL);

        for (guint i = 0; i < count; i++)
          {
            const DmEvent *event = dm_dataset_get_event (dataset, positions[i]);
            guint expected = G_N_ELEMENTS (kinds) - 1;

            for (guint k = 0; event->kind != NULL && k < G_N_ELEMENTS (kinds); k++)
              if (strcmp (event->kind, kinds[k]) == 0)
                expected = k;
            g_assert_cmpuint (lane, ==, expected);
            if (i > 0)
              g_assert_cmpuint (positions[i - 1], <, positions[i]);
          }
        total += count;
      }
    g_assert_cmpuint (total, ==, n);
  }
  g_assert_true (dm_dataset_has_language (dataset, DM_LANGUAGE_EN));
  g_assert_true (dm_dataset_has_language (dataset, DM_LANGUAGE_VI));
  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      g_assert_true (event->kind == NULL || strcmp (event->kind, "unknown") == 0
                     ? event->kind_index == G_MAXUINT
                     : strcmp (kinds[event->kind_index], event->kind) == 0);
      if (i > 0)
        g_assert_cmpint (naive_compare (dm_dataset_get_event (dataset, i - 1), event), <, 0);
      if (!g_hash_table_contains (first, event->id))
        g_hash_table_insert (first, event->id, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      guint expected = GPOINTER_TO_UINT (g_hash_table_lookup (first, event->id));
      guint position = G_MAXUINT;

      g_assert_true (dm_dataset_lookup_event (dataset, event->id, &position) == dm_dataset_get_event (dataset, expected));
      g_assert_cmpuint (position, ==, expected);
    }
}

/* /dataset/let-go: a large dataset's events are freed in a thread of their
 * own, so that replacing or closing a large timeline does not stop the
 * main loop for a second; their JSON, which the copies editing makes
 * share, is let go on the main thread (JSON-GLib's counts are not atomic). */

static GThread *test_thread;
static gint tags_freed;
static gint tags_freed_elsewhere;

static void
count_tag_free (gpointer tag)
{
  g_atomic_int_inc (&tags_freed);
  if (g_thread_self () != test_thread)
    g_atomic_int_inc (&tags_freed_elsewhere);
  g_free (tag);
}

static void
test_let_go (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  gboolean in_thread = n >= 10000;
  DmDataset *dataset = dm_dataset_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_event_free);
  guint n_json = 0;

  test_thread = g_thread_self ();
  tags_freed = tags_freed_elsewhere = 0;
  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();

      event->id = g_strdup_printf ("e%u", i);
      g_assert_true (dm_date_init (&event->start, DM_DATE_PRECISION_YEAR, 2000 + i % 20, 0, 0, 0, 0));
      dm_text_set (&event->title, NULL, event->id);
      event->tags = g_ptr_array_new_with_free_func (count_tag_free);
      g_ptr_array_add (event->tags, g_strdup_printf ("t%u", i % 7));
      event->extra = json_object_new ();
      json_object_set_string_member (event->extra, "x-note", event->id);
      n_json++;
      if (i % 2 == 0)
        {
          event->title.extra = json_object_new ();
          json_object_set_string_member (event->title.extra, "fr", event->id);
          n_json++;
        }
      /* Editing's copies share the event's JSON. */
      if (i % 100 == 0)
        g_ptr_array_add (copies, dm_event_copy (event));
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  g_object_unref (dataset);
  if (!in_thread)
    {
      g_assert_cmpint (tags_freed, ==, n);
      g_assert_cmpint (tags_freed_elsewhere, ==, 0);
      g_assert_cmpuint (dm_dataset_wait_for_freeing (), ==, 0);
    }
  else
    {
      g_assert_cmpuint (dm_dataset_wait_for_freeing (), ==, n_json);
      g_assert_cmpint (tags_freed, ==, n);
      g_assert_cmpint (tags_freed_elsewhere, ==, n);
    }

  /* The copies' JSON is whole: under ASan, a reference let go twice
   * would be read after its free here. */
  for (guint i = 0; i < copies->len; i++)
    {
      const DmEvent *copy = g_ptr_array_index (copies, i);

      g_assert_cmpstr (json_object_get_string_member (copy->extra, "x-note"), ==, copy->id);
      g_assert_cmpstr (json_object_get_string_member (copy->title.extra, "fr"), ==, copy->id);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages quote Vietnamese text; without a locale GLib prints it as “?”. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/loads", test_loads);
  g_test_add_func ("/dataset/finish/in-order", test_finish_in_order);
  g_test_add_data_func ("/dataset/finish/small", GUINT_TO_POINTER (500), test_finish_order_and_ids);
  g_test_add_data_func ("/dataset/finish/large", GUINT_TO_POINTER (80000), test_finish_order_and_ids);
  g_test_add_data_func ("/dataset/let-go/small", GUINT_TO_POINTER (500), test_let_go);
  g_test_add_data_func ("/dataset/let-go/large", GUINT_TO_POINTER (20000), test_let_go);
  g_test_add_func ("/dataset/citations-verbatim", test_citations_verbatim);
  g_test_add_func ("/dataset/relations", test_relations);
  g_test_add_func ("/dataset/referrers", test_referrers);
  g_test_add_func ("/dataset/bilingual", test_bilingual);
  g_test_add_func ("/dataset/certainty", test_certainty);
  g_test_add_func ("/dataset/stated-dates", test_stated_dates);
  g_test_add_func ("/dataset/open-ended", test_open_ended);
  g_test_add_func ("/dataset/as-printed", test_as_printed);
  g_test_add_func ("/dataset/tags", test_tags);
  g_test_add_func ("/dataset/span", test_span);
  g_test_add_func ("/dataset/summary", test_summary);
  g_test_add_func ("/dataset/sources-shipped", test_sources_shipped);

  return g_test_run ();
}
