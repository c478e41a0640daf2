/* test-import.c — TimelineJS3, TimelineJS 2 and vis-timeline files: what
 * they become, every warning and error located, ids stable, HTML reduced
 * to text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dm-dataset.h"
#include "dm-html.h"
#include "dm-import.h"
#include "dm-loader.h"
#include "dm-test-util.h"

typedef struct
{
  DmProblemSeverity  severity;
  DmDatasetError     code;
  const char        *path;
  guint              line;
  guint              column;
  const char        *message;  /* a part of the message */
} ProblemCase;

typedef struct
{
  const char *id;
  const char *kind;
  const char *start;     /* dm_date_to_iso(), so the precision is compared too */
  const char *end;       /* "" for a point */
  const char *title;
  const char *summary;   /* NULL: none */
  const char *link;      /* the first link's address, or NULL */
} EventCase;

typedef struct
{
  const char *id;
  const char *label;
  const char *color;
} KindCase;

typedef struct
{
  const char *title;
  const char *start;
  const char *end;
} EraCase;

#define MAX_EVENTS 13
#define MAX_KINDS 6
#define MAX_ERAS 3
#define MAX_PROBLEMS 8

typedef struct
{
  const char  *file;          /* under tests/fixtures/ */
  const char  *origin;
  DmLanguage   language;      /* the language the texts are stored in */
  const char  *title;
  const char  *description;   /* NULL: none */
  guint        n_events;
  EventCase    events[MAX_EVENTS];   /* every event, looked up by id */
  KindCase     kinds[MAX_KINDS];     /* every kind, in order */
  EraCase      eras[MAX_ERAS];       /* every era, in order */
  ProblemCase  problems[MAX_PROBLEMS];
} ImportCase;

#define W DM_PROBLEM_WARNING
#define UNSUPPORTED DM_DATASET_ERROR_UNSUPPORTED

static const ImportCase import_cases[] = {
  /* Numbers as strings, empty strings for nothing, grouped and ungrouped
   * events, HTML everywhere, kept display members, media, eras. */
  { "timelinejs/napoleon.json", DM_ORIGIN_TIMELINEJS3, DM_LANGUAGE_EN,
    "Napoleon & the Hundred Days", "From Elba to Saint\u00A0Helena.", 5,
    {
      { "elba", "campaigns", "1815-03-01", "", "Return from Elba",
        "He lands at Golfe-Juan (https://en.wikipedia.org/wiki/Golfe-Juan).\n\nThe Hundred Days begin…", NULL },
      { "event-2-waterloo", "ungrouped", "1815-06-18T11:30", "", "Waterloo",
        "Line one\nline two & three", "https://example.org/waterloo.jpg" },
      { "event-3-allied-armies-in-paris", "campaigns", "1815-06", "1815-07", "Allied armies in Paris",
        "Allied armies in Paris", NULL },
      { "event-4-death-on-saint-helena", "life", "1821-05-05", "", "Death on Saint Helena", NULL, NULL },
      { "event-5-born-in-ajaccio", "life", "1769", "", "Born in Ajaccio", NULL, NULL },
    },
    {
      { "campaigns", "Campaigns", "#3584e4" },
      { "ungrouped", "Events", "#33d17a" },
      { "life", "Life", "#f6d32d" },
    },
    {
      { "First Empire", "1804", "1815-06" },
      { "Hundred\u00A0Days", "1815-03-20", "1815-07-08" },
    },
    {
      { W, UNSUPPORTED, "title.media", 4, 14, "no place for this member" },
      { W, UNSUPPORTED, "events[1].start_date.second", 12, 98, "seconds are left out" },
      { W, UNSUPPORTED, "events[3].media.url", 20, 23, "not “javascript:”" },
      { W, UNSUPPORTED, "events[3].color", 20, 75, "no place for this member" },
      { W, UNSUPPORTED, "eras[0].text.text", 24, 121, "its text is left out" },
    } },

  /* The cosmological scale: years of billions, and years before the
   * common era numbered as JavaScript numbers them: 0 is 1 BCE, -1 is
   * 2 BCE, -44 is 45 BCE (astronomical years, kept as they are). */
  { "timelinejs/cosmos.json", DM_ORIGIN_TIMELINEJS3, DM_LANGUAGE_EN, "Deep time", NULL, 6,
    {
      { "event-1-big-bang", "cosmos", "-13800000000", "", "Big Bang", NULL, NULL },
      { "event-2-the-earth-forms", "earth", "-4600000000", "-4500000000", "The Earth forms", NULL, NULL },
      { "event-3-ides-of-march", "people", "-0044-03-15", "", "Ides of March", NULL, NULL },
      { "event-4-2-bce", "people", "-0001", "", "2 BCE", NULL, NULL },
      { "event-5-year-zero-1-bce", "people", "0000", "", "Year zero, 1 BCE", NULL, NULL },
      { "event-6-far-future", "cosmos", "100000000000", "", "Far future", NULL, NULL },
    },
    {
      { "cosmos", "Cosmos", "#3584e4" },
      { "earth", "Earth", "#33d17a" },
      { "people", "People", "#f6d32d" },
    },
    { { NULL } },
    { { 0 } } },

  /* Ids: given, generated from the position and headline, never taken
   * twice, and a duplicate renamed with a warning. */
  { "timelinejs/ids.json", DM_ORIGIN_TIMELINEJS3, DM_LANGUAGE_EN, "Ids", NULL, 8,
    {
      { "event-2-beta", "ungrouped", "2001", "", "Alpha", NULL, NULL },
      { "event-2-beta-2", "ungrouped", "2002", "", "Beta", NULL, NULL },
      { "event-3-da-nang-meeting-on-resolution-52", "ungrouped", "2003", "", "Đà Nẵng meeting on Resolution 52",
        NULL, NULL },
      { "alpha", "ungrouped", "2004", "", "Gamma", NULL, NULL },
      { "alpha-2", "ungrouped", "2005", "", "Delta", NULL, NULL },
      { "event-6", "ungrouped", "2006", "", "!!!", NULL, NULL },
      { "event-7-a-slide-without-a-headline-whose-text-is", "ungrouped", "2007", "",
        "A slide without a headline whose text is long enough that it has to be cut off…",
        "A slide without a headline whose text is long enough that it has to be cut off somewhere sensible", NULL },
      { "42", "ungrouped", "2008", "", "2008", NULL, NULL },
    },
    { { "ungrouped", "Events", "#3584e4" } },
    { { NULL } },
    {
      { W, UNSUPPORTED, "events[4].unique_id", 8, 80, "the id “alpha” is already used by events[3]; this event gets the id “alpha-2”" },
    } },

  /* Vietnamese texts are stored as Vietnamese. */
  { "timelinejs/vietnamese.json", DM_ORIGIN_TIMELINEJS3, DM_LANGUAGE_VI,
    "Cách mạng công nghiệp lần thứ tư", "Các sự kiện chính", 3,
    {
      { "event-1-nghi-quyet-52", "nghi-quyet", "2018-09-27", "", "Nghị quyết 52",
        "Bộ Chính trị ban hành Nghị quyết về chủ động tham gia", NULL },
      { "event-2-dien-dan-kinh-te-the-gioi", "dien-dan", "2019", "", "Diễn đàn Kinh tế Thế giới", NULL, NULL },
      { "event-3-chien-luoc-quoc-gia", "ungrouped", "2020", "", "Chiến lược quốc gia", NULL, NULL },
    },
    {
      { "nghi-quyet", "Nghị quyết", "#3584e4" },
      { "dien-dan", "Diễn đàn", "#33d17a" },
      { "ungrouped", "Sự kiện", "#f6d32d" },
    },
    { { NULL } },
    { { 0 } } },

  /* The TimelineJS 2 layout: "2011,12,10" dates, tags, assets, eras. */
  { "timelinejs/v2.json", DM_ORIGIN_TIMELINEJS2, DM_LANGUAGE_EN, "Old style", "A TimelineJS 2 file", 5,
    {
      { "event-1-launch", "news", "2011-12-10", "2011-12-11", "Launch", "It starts", "https://example.org/launch.png" },
      { "event-2-follow-up", "ungrouped", "2012-01", "", "Follow-up", NULL, NULL },
      { "event-3-meeting", "news", "2012-02-03T14:05", "", "Meeting", NULL, NULL },
      { "event-4-iso-date", "ungrouped", "2012-03-04", "", "ISO date", NULL, NULL },
      { "event-5-long-ago", "history", "-0500", "", "Long ago", NULL, NULL },
    },
    {
      { "news", "News", "#3584e4" },
      { "ungrouped", "Events", "#33d17a" },
      { "history", "History", "#f6d32d" },
    },
    { { "Phase one", "2011", "2012-06" } },
    {
      { W, UNSUPPORTED, "timeline.asset", 7, 14, "no place for this member" },
      { W, UNSUPPORTED, "timeline.date[4].asset.media", 14, 90, "not a valid web address" },
      { W, UNSUPPORTED, "timeline.era[0].tag", 17, 82, "the tag is left out" },
      { W, UNSUPPORTED, "timeline.era[1]", 18, 7, "an era needs an end date" },
    } },

  /* TimelineJS 3 leaves out a slide without a year and shows the rest. */
  { "timelinejs/no-year.json", DM_ORIGIN_TIMELINEJS3, DM_LANGUAGE_EN, "No year", NULL, 1,
    { { "event-1-fine", "ungrouped", "1815", "", "Fine", NULL, NULL } },
    { { "ungrouped", "Events", "#3584e4" } },
    { { NULL } },
    {
      { W, DM_DATASET_ERROR_MISSING, "events[1].start_date.year", 4, 27,
        "a date needs at least a year; TimelineJS leaves this out, and so does Dấu Mốc" },
    } },

  /* TimelineJS 2's date texts as it read them: month/day/year, month/year,
   * ISO date-times, YYYYMMDDHHMM, JavaScript's years (0 is 1 BCE). */
  { "timelinejs/v2-dates.json", DM_ORIGIN_TIMELINEJS2, DM_LANGUAGE_EN, "TimelineJS 2 dates", NULL, 7,
    {
      { "event-1-slashes", "ungrouped", "2015-05-12", "", "Slashes", NULL, NULL },
      { "event-2-slashes-with-a-time", "ungrouped", "2015-05-12T10:30", "2015-05-12T11:45", "Slashes with a time",
        NULL, NULL },
      { "event-3-month-and-year", "ungrouped", "2015-05", "", "Month and year", NULL, NULL },
      { "event-4-iso-date-time", "ungrouped", "2012-01-26T10:00", "", "ISO date-time", NULL, NULL },
      { "event-5-digits", "ungrouped", "2012-01-26T10:00", "", "Digits", NULL, NULL },
      { "event-6-year-zero", "ungrouped", "0000", "", "Year zero", NULL, NULL },
      { "event-7-year-minus-one", "ungrouped", "-0001", "", "Year minus one", NULL, NULL },
    },
    { { "ungrouped", "Events", "#3584e4" } },
    { { NULL } },
    {
      { W, DM_DATASET_ERROR_MISSING, "timeline.date[7].startDate", 10, 19, "required; TimelineJS leaves this out" },
      { W, DM_DATASET_ERROR_INVALID_DATE, "timeline.date[8].startDate", 11, 19, "“soon” is not a date" },
    } },

  /* vis-timeline items: ISO dates and date-times with or without a zone
   * (the written clock time is kept), milliseconds, types. */
  { "vis/items.json", DM_ORIGIN_VIS, DM_LANGUAGE_EN, "items", NULL, 12,
    {
      { "1", "ungrouped", "2014-04-20", "", "Kick-off & plan", "First meeting\n\nAgenda: here (https://example.org/agenda)", NULL },
      { "two", "ungrouped", "2014-04-21T09:00", "2014-04-21T17:30", "Workshop", NULL, NULL },
      { "3", "ungrouped", "2014-04-22T10:15", "", "Zulu", NULL, NULL },
      { "4", "ungrouped", "2014-04-23T23:45", "", "Offset", NULL, NULL },
      { "5", "ungrouped", "2014-04-20T13:20", "", "Epoch", NULL, NULL },
      { "6", "ungrouped", "2014-04-20", "2014-04-23", "Midnight", NULL, NULL },
      { "7", "ungrouped", "2014-04-24T08:00", "", "Seconds", NULL, NULL },
      { "8", "ungrouped", "2014-05", "", "Month", NULL, NULL },
      { "9", "ungrouped", "2014", "", "Tooltip only", "Tooltip only", NULL },
      { "10", "ungrouped", "2014-07-01", "", "Range without end", NULL, NULL },
      { "11", "ungrouped", "2014-07-02", "", "Odd type", NULL, NULL },
      { "12", "ungrouped", "2014-04-20T13:20", "", "Dotnet", NULL, NULL },
    },
    { { "ungrouped", "Events", "#3584e4" } },
    { { NULL } },
    {
      { W, UNSUPPORTED, "[6].start", 8, 44, "seconds are left out" },
      { W, UNSUPPORTED, "[7].end", 9, 75, "the end is left out" },
      { W, UNSUPPORTED, "[9].type", 11, 77, "shown as a point" },
      { W, UNSUPPORTED, "[10].type", 12, 68, "unknown item type “circle”" },
      { W, UNSUPPORTED, "[11].color", 13, 96, "no place for this member" },
    } },

  /* vis-timeline groups: lanes in their "order", labels from their HTML
   * content, background items as eras. */
  { "vis/groups.json", DM_ORIGIN_VIS, DM_LANGUAGE_EN, "groups", NULL, 5,
    {
      { "a", "1", "2020-01-01", "", "Alpha", NULL, NULL },
      { "b", "b", "2020-02-01", "", "Beta", NULL, NULL },
      { "event-3-gamma", "ungrouped", "2020-03-01", "", "Gamma", NULL, NULL },
      { "a-2", "late", "2020-04-01", "", "Alpha again", NULL, NULL },
      { "d", "nowhere", "2020-05-01", "", "Delta", NULL, NULL },
    },
    {
      { "1", "Core team", "#3584e4" },
      { "b", "b", "#33d17a" },
      { "late", "Later team", "#f6d32d" },
      { "ungrouped", "Events", "#ff7800" },
      { "nowhere", "nowhere", "#e01b24" },
    },
    {
      { "Quarter one", "2020-01", "2020-03" },
      { "Team B time", "2020-04", "2020-06" },
    },
    {
      { W, UNSUPPORTED, "groups[2].nestedGroups", 5, 60, "not nested" },
      { W, UNSUPPORTED, "groups[3]", 6, 5, "without an id" },
      { W, UNSUPPORTED, "items[3].id", 12, 12, "the id “a” is already used by items[0]" },
      { W, UNSUPPORTED, "items[4].group", 13, 69, "no group with the id “nowhere”" },
      { W, UNSUPPORTED, "items[6].group", 15, 101, "the group is left out" },
      { W, UNSUPPORTED, "items[7]", 16, 5, "needs an end" },
      { W, UNSUPPORTED, "options", 18, 14, "no place for this member" },
    } },
};

#undef W
#undef UNSUPPORTED

static char *
fixture_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", relative, NULL);
}

static DmDataset *
load_fixture (const char  *relative,
              GPtrArray  **problems)
{
  g_autofree char *path = fixture_path (relative);
  g_autofree char *name = g_path_get_basename (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset;

  dataset = dm_dataset_load_file_as (file, name, problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static void
assert_problem (const DmProblem   *problem,
                const ProblemCase *c,
                const char        *file)
{
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;

  g_assert_cmpint (problem->severity, ==, c->severity);
  g_assert_cmpint (problem->code, ==, c->code);
  g_assert_cmpstr (problem->path, ==, c->path);
  g_assert_cmpuint (problem->line, ==, c->line);
  g_assert_cmpuint (problem->column, ==, c->column);
  g_assert_cmpstr (problem->file, ==, file);
  if (strstr (problem->message, c->message) == NULL)
    g_error ("“%s” does not contain “%s”", problem->message, c->message);

  /* The one-line form, as --check prints it. */
  text = dm_problem_to_string (problem);
  prefix = g_strdup_printf ("%s:%u:%u: %s%s: ", file, c->line, c->column,
                            c->severity == DM_PROBLEM_WARNING ? "warning: " : "", c->path);
  if (c->path[0] != '\0' && !g_str_has_prefix (text, prefix))
    g_error ("“%s” does not start with “%s”", text, prefix);
}

/* The text is stored in @language only, and reads as @expected. */
static void
assert_text (const DmText *text,
             DmLanguage    language,
             const char   *expected)
{
  const char *stored = language == DM_LANGUAGE_VI ? text->vi : text->en;
  const char *other = language == DM_LANGUAGE_VI ? text->en : text->vi;

  g_assert_cmpstr (stored, ==, expected);
  if (expected != NULL)
    g_assert_null (other);
}

static void
test_import (gconstpointer data)
{
  const ImportCase *c = data;
  g_autofree char *name = g_path_get_basename (c->file);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = load_fixture (c->file, &problems);
  guint n_kinds = 0;
  guint n_eras = 0;
  guint n_problems = 0;

  g_assert_cmpstr (dm_dataset_get_origin_format (dataset), ==, c->origin);
  assert_text (dm_dataset_get_title (dataset), c->language, c->title);
  assert_text (dm_dataset_get_description (dataset), c->language, c->description);

  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, c->n_events);
  for (guint i = 0; i < c->n_events; i++)
    {
      const EventCase *e = &c->events[i];
      const DmEvent *event = dm_dataset_lookup_event (dataset, e->id, NULL);

      if (event == NULL)
        g_error ("no event “%s”", e->id);
      g_assert_cmpstr (event->kind, ==, e->kind);
      g_assert_cmpstr (dm_dataset_get_kind (dataset, event->kind_index)->id, ==, e->kind);
      dm_test_assert_date (&event->start, e->start);
      dm_test_assert_date (&event->end, e->end);
      assert_text (&event->title, c->language, e->title);
      assert_text (&event->summary, c->language, e->summary);
      g_assert_cmpint (event->certainty, ==, DM_CERTAINTY_STATED);
      if (e->link != NULL)
        {
          g_assert_nonnull (event->links);
          g_assert_cmpstr (((DmLink *) g_ptr_array_index (event->links, 0))->url, ==, e->link);
        }
      else
        g_assert_null (event->links);
    }

  for (; n_kinds < MAX_KINDS && c->kinds[n_kinds].id != NULL; n_kinds++)
    {
      const KindCase *k = &c->kinds[n_kinds];
      const DmKind *kind;

      g_assert_cmpuint (n_kinds, <, dm_dataset_get_n_kinds (dataset));
      kind = dm_dataset_get_kind (dataset, n_kinds);
      g_assert_cmpstr (kind->id, ==, k->id);
      g_assert_cmpstr (dm_text_get (&kind->label, c->language), ==, k->label);
      g_assert_cmpstr (kind->color, ==, k->color);
    }
  g_assert_cmpuint (dm_dataset_get_n_kinds (dataset), ==, n_kinds);

  for (; n_eras < MAX_ERAS && c->eras[n_eras].title != NULL; n_eras++)
    {
      const DmEra *era;

      g_assert_cmpuint (n_eras, <, dm_dataset_get_n_eras (dataset));
      era = dm_dataset_get_era (dataset, n_eras);
      assert_text (&era->title, c->language, c->eras[n_eras].title);
      dm_test_assert_date (&era->start, c->eras[n_eras].start);
      dm_test_assert_date (&era->end, c->eras[n_eras].end);
    }
  g_assert_cmpuint (dm_dataset_get_n_eras (dataset), ==, n_eras);

  for (; n_problems < MAX_PROBLEMS && c->problems[n_problems].path != NULL; n_problems++)
    {
      g_assert_cmpuint (n_problems, <, problems->len);
      assert_problem (g_ptr_array_index (problems, n_problems), &c->problems[n_problems], name);
    }
  g_assert_cmpuint (problems->len, ==, n_problems);
}

/* Generated ids are the same every time the file is opened. */
/* Each text is stored in the language it reads as, not the file's: English
 * headlines over Vietnamese bodies stay English, so the window never
 * labels them "(in Vietnamese)". */
/* The language of a text, as it was told before letters were classed in
 * place: every character that is not ASCII asked of GLib's tables. */
static gboolean
looks_vietnamese_slowly (const char *text)
{
  guint letters = 0;
  guint vietnamese = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      letters++;
      if ((c >= 0x1EA0 && c <= 0x1EF9) ||
          c == 0x102 || c == 0x103 || c == 0x110 || c == 0x111 ||
          c == 0x128 || c == 0x129 || c == 0x168 || c == 0x169 ||
          c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0)
        vietnamese++;
    }

  return letters > 0 && vietnamese * 10 >= letters;
}

/* Telling a text's language letter by letter in place gives what GLib's
 * tables give, for random texts of ASCII, Latin-1 (its letters, × and ÷,
 * its symbols), Vietnamese, the letters beside it in Unicode, other
 * scripts, marks, symbols and emoji, in every proportion. */
static void
test_language_random (void)
{
  static const char * const pieces[] = {
    "a", "Z", "1", " ", ".", "-", "à", "É", "ô", "ý", "ÿ", "×", "÷", "©", "«", "\u00A0", "ª", "µ",
    "ă", "Đ", "đ", "ơ", "Ư", "ĩ", "Ũ", "ạ", "ệ", "Ỹ", "ỹ", "\u1EFA", "\u1E9F", "Ā", "ſ", "ǅ",
    "д", "Ж", "ع", "中", "ア", "\u0300", "\u0323", "€", "—", "…", "\u2028", "😀", "𝒜", "\uE000", "\uFFFD",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint vietnamese = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint length = g_rand_int_range (rand, 0, 40);
      /* Some texts mostly one piece, so that both answers come up. */
      guint favourite = g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));

      for (guint k = 0; k < length; k++)
        g_string_append (text, pieces[g_rand_boolean (rand) ? favourite : g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_assert_cmpint (dm_import_looks_vietnamese (text->str), ==, looks_vietnamese_slowly (text->str));
      vietnamese += dm_import_looks_vietnamese (text->str);
    }
  /* Both answers were given, many times. */
  g_assert_cmpuint (vietnamese, >, 1000);
  g_assert_cmpuint (vietnamese, <, 19000);

  /* Long runs of ASCII (taken sixteen bytes at a time) beside two
   * Vietnamese letters: capitals are letters, the bytes next to the
   * letters' ranges are not. */
  {
    static const struct { const char *run; gboolean vietnamese; } runs[] = {
      { "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", FALSE },
      { "abcdefghijklmnopqrstuvwxyzABCDEFGH", FALSE },
      { "@@@@@@@@[[[[[[[[````````{{{{{{{{~~", TRUE },
      { "1234567890 .,;:!?-()/1234567890 ..", TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      for (guint at = 0; at < 3; at++)
        {
          g_autofree char *text = at == 0 ? g_strconcat ("ăă", runs[i].run, NULL)
                                : at == 1 ? g_strconcat (runs[i].run, "ăă", NULL)
                                          : g_strconcat ("ă", runs[i].run, "ă", NULL);

          g_assert_cmpint (dm_import_looks_vietnamese (text), ==, runs[i].vietnamese);
          g_assert_cmpint (looks_vietnamese_slowly (text), ==, runs[i].vietnamese);
        }
  }
}

static void
test_language_per_text (void)
{
  g_autoptr(DmDataset) dataset = load_fixture ("timelinejs/mixed-language.json", NULL);
  const DmEvent *resolution;
  const DmEvent *forum;

  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, 2);
  resolution = dm_dataset_get_event (dataset, 1);
  forum = dm_dataset_get_event (dataset, 0);
  if (g_strcmp0 (resolution->title.en, "Politburo Resolution 52") != 0)
    {
      const DmEvent *swap = resolution;

      resolution = forum;
      forum = swap;
    }

  assert_text (dm_dataset_get_title (dataset), DM_LANGUAGE_EN, "Industry 4.0 in Viet Nam");
  assert_text (dm_dataset_get_description (dataset), DM_LANGUAGE_VI,
               "Các sự kiện chính của cuộc Cách mạng công nghiệp lần thứ tư");
  assert_text (&resolution->title, DM_LANGUAGE_EN, "Politburo Resolution 52");
  assert_text (&resolution->summary, DM_LANGUAGE_VI,
               "Bộ Chính trị ban hành Nghị quyết về chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư");
  /* A Vietnamese place name in an English headline keeps it English. */
  assert_text (&forum->title, DM_LANGUAGE_EN, "World Economic Forum on ASEAN in Hà Nội");
  assert_text (&forum->summary, DM_LANGUAGE_VI, "Diễn đàn Kinh tế Thế giới về ASEAN được tổ chức tại Hà Nội");

  g_assert_cmpstr (dm_dataset_get_kind (dataset, 0)->label.en, ==, "Resolutions");
  g_assert_cmpstr (dm_dataset_get_kind (dataset, 1)->label.vi, ==, "Diễn đàn");
}

static void
test_stable_ids (void)
{
  static const char * const files[] = {
    "timelinejs/napoleon.json", "timelinejs/ids.json", "timelinejs/v2.json", "vis/items.json", "vis/groups.json",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(DmDataset) first = load_fixture (files[f], NULL);
      g_autoptr(DmDataset) second = load_fixture (files[f], NULL);

      g_assert_cmpuint (dm_dataset_get_n_events (first), ==, dm_dataset_get_n_events (second));
      for (guint i = 0; i < dm_dataset_get_n_events (first); i++)
        g_assert_cmpstr (dm_dataset_get_event (first, i)->id, ==, dm_dataset_get_event (second, i)->id);
      for (guint i = 0; i < dm_dataset_get_n_kinds (first); i++)
        g_assert_cmpstr (dm_dataset_get_kind (first, i)->id, ==, dm_dataset_get_kind (second, i)->id);
    }
}

/* @text loaded; NULL when it has errors. */
static DmDataset *
load_text (const char  *text,
           GPtrArray  **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DmDataset *dataset = dm_dataset_load_bytes (bytes, "halves.json", problems, &error);

  g_assert_true ((dataset == NULL) == (error != NULL));

  return dataset;
}

/* An id a file gives with white space around it is reserved as it is
 * read, without it: an id made for an earlier event does not take it. */
static void
test_reserved_ids_trimmed (void)
{
  static const char * const files[] = {
    "{\"events\": ["
    "{\"start_date\": {\"year\": 2016}, \"text\": {\"headline\": \"First\"}},"
    "{\"start_date\": {\"year\": 2017}, \"text\": {\"headline\": \"Plan\"}},"
    "{\"start_date\": {\"year\": 2018}, \"text\": {\"headline\": \"Given\"}, \"unique_id\": \" event-2-plan \"}]}",
    "[{\"start\": \"2016-01-01\", \"content\": \"First\"},"
    "{\"start\": \"2017-01-01\", \"content\": \"Plan\"},"
    "{\"start\": \"2018-01-01\", \"content\": \"Given\", \"id\": \"\\tevent-2-plan \"}]",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DmDataset) dataset = load_text (files[f], &problems);
      const DmEvent *given;
      const DmEvent *made;

      g_assert_nonnull (dataset);
      g_assert_cmpuint (problems != NULL ? problems->len : 0, ==, 0);
      given = dm_dataset_lookup_event (dataset, "event-2-plan", NULL);
      made = dm_dataset_lookup_event (dataset, "event-2-plan-2", NULL);
      g_assert_nonnull (given);
      g_assert_nonnull (made);
      g_assert_cmpstr (dm_text_get (&given->title, DM_LANGUAGE_EN), ==, "Given");
      g_assert_cmpstr (dm_text_get (&made->title, DM_LANGUAGE_EN), ==, "Plan");
    }
}

/* What TimelineJS keeps for display is kept, to be written back. */
static void
test_kept_members (void)
{
  g_autoptr(DmDataset) dataset = load_fixture ("timelinejs/napoleon.json", NULL);
  const DmEvent *summer = dm_dataset_lookup_event (dataset, "event-3-allied-armies-in-paris", NULL);
  const DmEvent *death = dm_dataset_lookup_event (dataset, "event-4-death-on-saint-helena", NULL);
  const DmEvent *waterloo = dm_dataset_lookup_event (dataset, "event-2-waterloo", NULL);
  JsonObject *media;

  g_assert_cmpstr (json_object_get_string_member (summer->extra, "display_date"), ==, "Summer 1815");
  g_assert_true (json_object_has_member (summer->extra, "background"));
  g_assert_false (json_object_get_boolean_member (death->extra, "autolink"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (death->extra, "start_date"),
                                                  "display_date"), ==, "5 May 1821");
  /* The unsafe media is not kept, nor the unknown member. */
  g_assert_false (json_object_has_member (death->extra, "media"));
  g_assert_false (json_object_has_member (death->extra, "color"));

  media = json_object_get_object_member (waterloo->extra, "media");
  g_assert_cmpstr (json_object_get_string_member (media, "credit"), ==, "Anon");
  g_assert_cmpstr (dm_text_get (&((DmLink *) g_ptr_array_index (waterloo->links, 0))->title, DM_LANGUAGE_EN),
                   ==, "The battlefield");
}

/* Saved in the native format, an imported file loads again unchanged. */
static void
test_save_imported (void)
{
  static const char * const files[] = {
    "timelinejs/napoleon.json", "timelinejs/vietnamese.json", "timelinejs/v2.json", "vis/groups.json",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(DmDataset) dataset = load_fixture (files[f], NULL);
      g_autoptr(DmDataset) again = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *text_again = NULL;
      gsize length;

      text = dm_dataset_to_data (dataset, &length);
      bytes = g_bytes_new (text, length);
      again = dm_dataset_load_bytes (bytes, "saved.json", &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpstr (dm_dataset_get_origin_format (again), ==, DM_ORIGIN_DAUMOC);
      g_assert_cmpuint (dm_dataset_get_n_events (again), ==, dm_dataset_get_n_events (dataset));
      g_assert_cmpuint (dm_dataset_get_n_eras (again), ==, dm_dataset_get_n_eras (dataset));
      text_again = dm_dataset_to_data (again, NULL);
      g_assert_cmpstr (text, ==, text_again);
    }
}

/* Files that cannot be opened: every error, located. */

typedef struct
{
  const char   *file;
  guint         n_errors;
  ProblemCase   problems[MAX_PROBLEMS];   /* every problem, in order */
} InvalidCase;

#define E DM_PROBLEM_ERROR
#define W DM_PROBLEM_WARNING

static const InvalidCase invalid_cases[] = {
  /* One event, left out: nothing is left to show. */
  { "timelinejs/bad-month.json", 1,
    {
      { E, DM_DATASET_ERROR_INVALID_DATE, "events", 2, 12, "none of the events has a date that can be shown" },
      { W, DM_DATASET_ERROR_INVALID_DATE, "events[0].start_date.month", 3, 44,
        "month must be between 1 and 12, not 13; TimelineJS leaves this out" },
    } },
  { "timelinejs/bad-year.json", 1,
    {
      { E, DM_DATASET_ERROR_INVALID_DATE, "events", 2, 12, "none of the events" },
      { W, DM_DATASET_ERROR_INVALID_DATE, "events[0].start_date.year", 3, 27, "“about 1800” is not a whole number" },
    } },
  { "timelinejs/feb-30.json", 1,
    {
      { E, DM_DATASET_ERROR_INVALID_DATE, "events", 2, 12, "none of the events" },
      { W, DM_DATASET_ERROR_INVALID_DATE, "events[0].start_date.day", 3, 52, "February 2021 has 28 days, not 30" },
    } },
  { "timelinejs/end-before-start.json", 1,
    {
      { E, DM_DATASET_ERROR_INVALID_DATE, "events", 2, 12, "none of the events" },
      { W, DM_DATASET_ERROR_DATE_ORDER, "events[0].end_date", 3, 58, "ends (1815-05) before it starts (1815-06)" },
    } },
  /* Events TimelineJS leaves out are left out with a warning; what is
   * wrong with the file itself stays an error. */
  { "timelinejs/many-problems.json", 2,
    {
      { W, DM_DATASET_ERROR_UNSUPPORTED, "events[0].start_date.second", 3, 59, "seconds are left out" },
      { W, DM_DATASET_ERROR_UNSUPPORTED, "events[0].extra", 3, 99, "no place for this member" },
      { W, DM_DATASET_ERROR_TYPE, "events[1].start_date", 4, 18, "found a string; TimelineJS leaves this out" },
      { W, DM_DATASET_ERROR_MISSING, "events[2].start_date", 5, 3, "required; TimelineJS leaves this out" },
      { W, DM_DATASET_ERROR_UNSUPPORTED, "events[3].start_date.hour", 6, 43, "a time of day without a day" },
      { E, DM_DATASET_ERROR_TYPE, "events[4]", 7, 3, "expected an object, found a string" },
      { E, DM_DATASET_ERROR_TYPE, "eras", 9, 10, "expected an array, found an object" },
    } },
  { "vis/bad-date.json", 1,
    { { E, DM_DATASET_ERROR_INVALID_DATE, "[1].start", 3, 45, "“April 20, 2014” is not a date" } } },
  { "vis/bad-month.json", 4,
    {
      { E, DM_DATASET_ERROR_INVALID_DATE, "items[0].start", 2, 45, "month must be between 1 and 12, not 13" },
      { E, DM_DATASET_ERROR_DATE_ORDER, "items[1].end", 3, 67, "ends (2014-04-01) before it starts (2014-05-01)" },
      { E, DM_DATASET_ERROR_MISSING, "items[2].start", 4, 3, "required" },
      { E, DM_DATASET_ERROR_INVALID_DATE, "items[3].start", 5, 40, "out of range" },
    } },
};

#undef E
#undef W

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autofree char *path = fixture_path (c->file);
  g_autofree char *name = g_path_get_basename (c->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  const ProblemCase *first_error = NULL;
  guint n = 0;

  dataset = dm_dataset_load_file_as (file, name, &problems, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (problems);
  g_assert_cmpuint (dm_problems_count_errors (problems), ==, c->n_errors);

  for (; n < MAX_PROBLEMS && c->problems[n].path != NULL; n++)
    {
      g_assert_cmpuint (n, <, problems->len);
      assert_problem (g_ptr_array_index (problems, n), &c->problems[n], name);
      if (first_error == NULL && c->problems[n].severity == DM_PROBLEM_ERROR)
        first_error = &c->problems[n];
    }
  g_assert_cmpuint (problems->len, ==, n);

  g_assert_nonnull (first_error);
  g_assert_error (error, DM_DATASET_ERROR, (int) first_error->code);
}

/* Which reader a document gets, by its shape. */

typedef struct
{
  const char     *json;
  const char     *origin;   /* NULL: not loaded */
  DmDatasetError  code;     /* the first error otherwise */
  const char     *message;
} DetectCase;

static const DetectCase detect_cases[] = {
  { "{\"events\": [{\"start_date\": {\"year\": 2000}}]}", DM_ORIGIN_TIMELINEJS3, 0, NULL },
  { "{\"title\": {\"text\": {\"headline\": \"T\"}}, \"events\": []}", DM_ORIGIN_TIMELINEJS3, 0, NULL },
  { "{\"events\": [], \"scale\": \"cosmological\"}", DM_ORIGIN_TIMELINEJS3, 0, NULL },
  { "{\"timeline\": {\"headline\": \"T\", \"date\": []}}", DM_ORIGIN_TIMELINEJS2, 0, NULL },
  { "[{\"start\": \"2020-01-01\", \"content\": \"x\"}]", DM_ORIGIN_VIS, 0, NULL },
  { "{\"items\": []}", DM_ORIGIN_VIS, 0, NULL },
  /* A native file is one with "format", whatever else it has. */
  { "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"T\"}, \"kinds\": [], \"events\": [],"
    " \"eras\": [{\"start\": \"2000\", \"end\": \"2001\"}]}", DM_ORIGIN_DAUMOC, 0, NULL },
  { "{\"format\": \"timelinejs\", \"events\": [{\"start_date\": {\"year\": 2000}}]}", NULL,
    DM_DATASET_ERROR_FORMAT, "the format is “timelinejs”" },
  /* Neither: the native loader's error. */
  { "{\"events\": []}", NULL, DM_DATASET_ERROR_FORMAT, "“format” member is missing" },
  { "{\"title\": {\"en\": \"T\"}, \"kinds\": [], \"events\": []}", NULL, DM_DATASET_ERROR_FORMAT, "“format” member is missing" },
  { "[]", NULL, DM_DATASET_ERROR_FORMAT, "found an array" },
  { "[{\"format\": \"daumoc-timeline\"}]", NULL, DM_DATASET_ERROR_FORMAT, "found an array" },
  { "\"text\"", NULL, DM_DATASET_ERROR_FORMAT, "found a string" },
  /* Recognised, but broken. */
  { "{\"timeline\": {\"date\": {}}}", NULL, DM_DATASET_ERROR_TYPE, "expected an array" },
  { "{\"items\": [], \"groups\": 3}", NULL, DM_DATASET_ERROR_TYPE, "expected an array" },
  { "[{\"start\": true}]", NULL, DM_DATASET_ERROR_TYPE, "found true or false" },
};

static void
test_detect (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (detect_cases); i++)
    {
      const DetectCase *c = &detect_cases[i];
      g_autoptr(GBytes) bytes = g_bytes_new_static (c->json, strlen (c->json));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DmDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", c->json);
      dataset = dm_dataset_load_bytes (bytes, "x.json", &problems, &error);
      if (c->origin != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (dm_dataset_get_origin_format (dataset), ==, c->origin);
        }
      else
        {
          g_assert_null (dataset);
          g_assert_error (error, DM_DATASET_ERROR, (int) c->code);
          if (strstr (error->message, c->message) == NULL)
            g_error ("“%s” does not contain “%s”", error->message, c->message);
        }
    }
}

/* HTML to plain text */

typedef struct
{
  const char *html;
  const char *text;
  const char *line;   /* dm_html_to_text_line(), NULL: the same as @text */
} HtmlCase;

static const HtmlCase html_cases[] = {
  { NULL, "", NULL },
  { "", "", NULL },
  { "plain text", "plain text", NULL },
  { "  spaced \t out\n text  ", "spaced out text", NULL },
  { "a < b and c > d", "a < b and c > d", NULL },
  { "AT&T & co", "AT&T & co", NULL },
  { "<b>bold</b> and <i>italic</i>", "bold and italic", NULL },
  { "<p>One</p><p>Two</p>", "One\n\nTwo", "One Two" },
  { "<p>One</p>\n\n\n<p>Two</p>", "One\n\nTwo", "One Two" },
  { "line<br>break<br/>and<BR />again", "line\nbreak\nand\nagain", "line break and again" },
  { "a<br><br>b", "a\n\nb", "a b" },
  { "<div>block</div>text", "block\ntext", "block text" },
  { "<h2>Title</h2>body", "Title\n\nbody", "Title body" },
  { "<ul><li>one</li><li>two</li></ul>after", "• one\n• two\n\nafter", "• one • two after" },
  { "<a href=\"https://x.org/\">site</a>", "site (https://x.org/)", NULL },
  { "see <a href='http://x.org/a?b=1&amp;c=2'>this</a>.", "see this (http://x.org/a?b=1&c=2).", NULL },
  { "<a href=https://x.org>https://x.org</a>", "https://x.org", NULL },
  { "<a href=\"https://x.org\"></a>", "https://x.org", NULL },
  { "<a href=\"javascript:alert(1)\">click</a>", "click", NULL },
  { "<a href=\"mailto:a@b.c\">mail</a>", "mail", NULL },
  { "<a href=\"https://x.org/a b\">spaced</a>", "spaced", NULL },
  { "<a href=\"http:///no-host\">no host</a>", "no host", NULL },
  { "<a name=\"x\">anchor</a>", "anchor", NULL },
  { "<script>alert('<b>x</b>')</script>shown", "shown", NULL },
  { "<style type=\"text/css\">p { color: red }</style>shown", "shown", NULL },
  { "<SCRIPT>never</SCRIPT >shown", "shown", NULL },
  { "before<script>never closed", "before", NULL },
  { "a<!-- comment <b>x</b> -->b", "ab", NULL },
  { "a<!-- never closed", "a", NULL },
  { "a<!DOCTYPE html>b", "ab", NULL },
  { "text <b unclosed", "text", NULL },
  { "<img src=\"x.png\" alt=\"a > b\">after", "after", NULL },
  { "&amp; &lt;b&gt; &quot;q&quot; &apos;a&apos;", "& <b> \"q\" 'a'", NULL },
  { "&eacute;&agrave;&ocirc; &dstrok;&abreve;&utilde;", "éàô đăũ", NULL },
  { "&#7897;&#x1EA1;&#X1ea1;", "ộạạ", NULL },
  { "&#150;&#8212;", "–—", NULL },
  { "&#0;&#xD800;&#x110000;&#99999999999;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", NULL },
  { "&#1;&#x7F;x", "x", NULL },
  { "&unknown; &amp", "&unknown; &amp", NULL },
  { "&", "&", NULL },
  { "&#", "&#", NULL },
  { "a&nbsp;b", "a\u00A0b", NULL },
  { "x<pre>  keep\n    this</pre>after", "x\n\n  keep\n    this\n\nafter", "x keep this after" },
  { "<table><tr><td>a</td><td>b</td></tr></table>", "a b", NULL },
  { "Tiếng <b>Việt</b> có dấu", "Tiếng Việt có dấu", NULL },
  { "<", "<", NULL },
  { "</>", "</>", NULL },
  { "<<b>>", "<>", NULL },
};

static void
test_html (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (html_cases); i++)
    {
      const HtmlCase *c = &html_cases[i];
      g_autofree char *text = dm_html_to_text (c->html);
      g_autofree char *line = dm_html_to_text_line (c->html);

      g_autofree char *taken = dm_html_take_text (g_strdup (c->html));
      g_autofree char *taken_line = dm_html_take_text_line (g_strdup (c->html));

      g_test_message ("%s", c->html ? c->html : "(null)");
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpstr (text, ==, c->text);
      g_assert_cmpstr (line, ==, c->line != NULL ? c->line : c->text);
      g_assert_cmpstr (taken, ==, text);
      g_assert_cmpstr (taken_line, ==, line);
    }
}

/* Up to @max of @pieces, drawn at random. */
static char *
random_html (GRand             *rand,
             const char * const pieces[],
             guint              n_pieces,
             guint              max)
{
  GString *html = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max);

  for (guint i = 0; i < n; i++)
    g_string_append (html, pieces[g_rand_int_range (rand, 0, n_pieces)]);

  return g_string_free (html, FALSE);
}

/* Whatever the bytes, the text is valid UTF-8 without control characters. */
static void
test_html_random (void)
{
  static const char * const pieces[] = {
    "<", ">", "</", "<a href=\"https://x\">", "</a>", "<p>", "<br>", "<script>", "</script>", "<!--", "-->",
    "&", "&#", "&#x", ";", "amp", "12", "ff", "\"", "'", " ", "\n", "ệ", "text", "<pre>", "</pre>", "<li>", "=",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *html = random_html (rand, pieces, G_N_ELEMENTS (pieces), 30);
      g_autofree char *text = dm_html_to_text (html);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      for (const char *p = text; *p; p++)
        g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
      g_assert_false (g_ascii_isspace (text[0]));
    }
}

/* Text that is its own plain text is copied whole: the same as the long
 * way, which a tag that makes no text (<b></b>) at the end takes. */
static void
test_html_plain (void)
{
  static const char * const pieces[] = {
    "a", "Nghị", "quyết", " ", "  ", "\t", "\n", "\r", "\x01", "\x7F", "\xC2\x85", "\xC2\xA0", "\xC3\xA9",
    "<", "&", ">", "\"", "-", "52/NQ-TW",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint round = 0; round < 5000; round++)
    {
      g_autofree char *html = random_html (rand, pieces, G_N_ELEMENTS (pieces), 12);
      g_autofree char *longer = g_strconcat (html, "<b></b>", NULL);
      g_autofree char *text = dm_html_to_text (html);
      g_autofree char *expected = dm_html_to_text (longer);
      g_autofree char *line = dm_html_to_text_line (html);
      g_autofree char *expected_line = dm_html_to_text_line (longer);

      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpstr (line, ==, expected_line);
    }
}

/* Runs of plain text are taken a byte at a time: the same text as when
 * every character is a run of its own (an empty tag between each two,
 * which makes no text), over random texts of letters of one to four
 * bytes, C1 controls and NBSP (lead byte 0xC2), spaces and ampersands. */
static void
test_html_runs (void)
{
  static const char * const pieces[] = {
    "a", "Nghị", "quyết", "Đà", " ", "  ", "\t", "\n", "\xC2\x85", "\xC2\xA0", "\xC2\xA9", "\xC3\xA9", "é",
    "\xE2\x80\x94", "\xF0\x9F\x98\x80", "&", "\x7F", "\x01", "-", "52/NQ-TW",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);

  for (guint round = 0; round < 5000; round++)
    {
      g_autofree char *html = random_html (rand, pieces, G_N_ELEMENTS (pieces), 16);
      g_autoptr(GString) apart = g_string_new ("<b></b>");
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *line = NULL;
      g_autofree char *expected_line = NULL;

      for (const char *p = html; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_string_append_len (apart, p, g_utf8_next_char (p) - p);
          g_string_append (apart, "<b></b>");
        }
      text = dm_html_to_text (html);
      expected = dm_html_to_text (apart->str);
      line = dm_html_to_text_line (html);
      expected_line = dm_html_to_text_line (apart->str);
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpstr (line, ==, expected_line);
    }
}

/* A TimelineJS file of @n slides with a bit of everything an import
 * reports on: ids given, repeated (within and across the halves), unusable
 * or missing; groups that first appear late; dates that are left out;
 * HTML, Vietnamese and empty headlines; media; unknown members; and
 * @with_errors, elements that are not slides (which stop the file from
 * opening). */
static char *
make_timelinejs (GRand   *rand,
                 guint    n,
                 gboolean version_2,
                 gboolean with_errors)
{
  static const char * const headlines[] = {
    "Nghị quyết 52", "<b>Forum</b> on Industry 4.0", "", "Hội thảo &amp; triển lãm", "Plan", "Diễn đàn",
  };
  static const char * const groups[] = { "Forums", "Nghị quyết", "<i>Plans</i>", "", "MoUs" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (version_2)
    {
      json_builder_set_member_name (builder, "timeline");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "headline");
      json_builder_add_string_value (builder, "Two halves");
      json_builder_set_member_name (builder, "date");
    }
  else
    json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      guint roll = g_rand_int_range (rand, 0, 100);
      /* Groups past the first ones only in the second half. */
      guint n_groups = i < n / 2 ? 3 : G_N_ELEMENTS (groups);
      const char *group = groups[g_rand_int_range (rand, 0, n_groups)];
      const char *headline = headlines[g_rand_int_range (rand, 0, G_N_ELEMENTS (headlines))];
      gint year = g_rand_int_range (rand, 2010, 2024);
      gint month = g_rand_int_range (rand, 1, 14);   /* 13 is left out */

      if (roll < 2 && with_errors)
        {
          json_builder_add_int_value (builder, i);
          continue;
        }

      json_builder_begin_object (builder);
      if (version_2)
        {
          g_autofree char *date = g_strdup_printf ("%d,%d,%d", year, month, g_rand_int_range (rand, 1, 29));

          json_builder_set_member_name (builder, "startDate");
          json_builder_add_string_value (builder, roll < 5 ? "someday" : date);
          if (roll % 7 == 0)
            {
              g_autofree char *end = g_strdup_printf ("%d", year - (roll % 2));

              json_builder_set_member_name (builder, "endDate");
              json_builder_add_string_value (builder, end);
            }
          json_builder_set_member_name (builder, "headline");
          json_builder_add_string_value (builder, headline);
          json_builder_set_member_name (builder, "tag");
          json_builder_add_string_value (builder, group);
        }
      else
        {
          json_builder_set_member_name (builder, "start_date");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "year");
          if (roll < 4)
            json_builder_add_string_value (builder, "");
          else
            json_builder_add_int_value (builder, year);
          json_builder_set_member_name (builder, "month");
          json_builder_add_int_value (builder, month);
          json_builder_end_object (builder);
          if (roll % 7 == 0)
            {
              json_builder_set_member_name (builder, "end_date");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "year");
              json_builder_add_int_value (builder, year - (roll % 2));
              json_builder_end_object (builder);
            }
          json_builder_set_member_name (builder, "text");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "headline");
          json_builder_add_string_value (builder, headline);
          if (roll % 3 == 0)
            {
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, "<p>Bộ Chính trị ban hành <a href=\"https://x.vn\">Nghị quyết</a></p>");
            }
          json_builder_end_object (builder);
          if (group[0] != '\0' || roll % 2 == 0)
            {
              json_builder_set_member_name (builder, "group");
              json_builder_add_string_value (builder, group);
            }
          if (roll >= 20)
            {
              /* Ids from a small set, so that some repeat; some
               * unusable, some with spaces around. */
              g_autofree char *id = roll >= 95 ? g_strdup_printf ("bad\x01id-%u", i)
                                               : g_strdup_printf (roll >= 90 ? " id-%u " : "id-%u",
                                                                  g_rand_int_range (rand, 0, n));

              json_builder_set_member_name (builder, "unique_id");
              json_builder_add_string_value (builder, id);
            }
        }
      if (roll % 5 == 0)
        {
          json_builder_set_member_name (builder, version_2 ? "asset" : "media");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, version_2 ? "media" : "url");
          json_builder_add_string_value (builder, roll % 2 ? "https://example.org/a.jpg" : "ftp://example.org/a");
          json_builder_set_member_name (builder, "caption");
          json_builder_add_string_value (builder, "Ảnh tư liệu");
          json_builder_end_object (builder);
        }
      if (roll % 11 == 0)
        {
          json_builder_set_member_name (builder, "colour");
          json_builder_add_string_value (builder, "red");
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (version_2)
    json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* Slides read in two halves on two threads give the dataset and the
 * problems (each in its place, in order) that reading in order gives. */
static void
test_timelinejs_halves (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);

  for (guint version = 2; version <= 3; version++)
    for (guint n = 40; n <= 5000; n *= 5)
      {
        gboolean with_errors = n == 200;
        g_autofree char *json = make_timelinejs (rand, n, version == 2, with_errors);
        g_autoptr(GPtrArray) problems = NULL;
        g_autoptr(GPtrArray) split_problems = NULL;
        g_autoptr(DmDataset) dataset = NULL;
        g_autoptr(DmDataset) split = NULL;
        guint before = dm_import_get_n_split_slides ();
        guint late = 0;

        g_test_message ("TimelineJS %u, %u slides", version, n);
        dm_import_set_split_slides (G_MAXUINT);
        dataset = load_text (json, &problems);
        g_assert_cmpuint (dm_import_get_n_split_slides (), ==, before);
        dm_import_set_split_slides (2);
        split = load_text (json, &split_problems);
        dm_import_set_split_slides (0);
        g_assert_cmpuint (dm_import_get_n_split_slides (), ==, before + 1);

        g_assert_cmpuint (split_problems->len, ==, problems->len);
        for (guint i = 0; i < problems->len; i++)
          {
            const DmProblem *expected = g_ptr_array_index (problems, i);
            const DmProblem *problem = g_ptr_array_index (split_problems, i);

            g_assert_cmpint (problem->severity, ==, expected->severity);
            g_assert_cmpint (problem->code, ==, expected->code);
            g_assert_cmpstr (problem->path, ==, expected->path);
            g_assert_cmpuint (problem->line, ==, expected->line);
            g_assert_cmpuint (problem->column, ==, expected->column);
            g_assert_cmpstr (problem->message, ==, expected->message);
            /* A slide of the second half's. */
            if (strchr (problem->path, '[') != NULL)
              late += strtoul (strchr (problem->path, '[') + 1, NULL, 10) >= n / 2;
          }
        g_assert_cmpuint (problems->len, >, n / 10);
        g_assert_cmpuint (late, >, 0);
        g_assert_cmpuint (late, <, problems->len);

        if (with_errors)
          {
            /* Both refuse it, for the same errors. */
            g_assert_null (dataset);
            g_assert_null (split);
            g_assert_cmpuint (dm_problems_count_errors (problems), >, 0);
            continue;
          }
        else
          {
            g_autofree char *text = dm_dataset_to_data (dataset, NULL);
            g_autofree char *split_text = dm_dataset_to_data (split, NULL);

            g_assert_cmpstr (split_text, ==, text);
          }

        /* The file has what the halves must agree on: slides left out,
         * repeated ids, and kinds that first appear in the second half. */
        g_assert_cmpuint (dm_dataset_get_n_events (dataset), <, n * 97 / 100);
        g_assert_cmpuint (dm_dataset_get_n_events (dataset), >, n / 2);
        g_assert_cmpuint (dm_dataset_get_n_kinds (dataset), ==, 5);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/%s", import_cases[i].file);
      g_test_add_data_func (path, &import_cases[i], test_import);
    }
  g_test_add_func ("/import/stable-ids", test_stable_ids);
  g_test_add_func ("/import/reserved-ids-trimmed", test_reserved_ids_trimmed);
  g_test_add_func ("/import/language-per-text", test_language_per_text);
  g_test_add_func ("/import/language-random", test_language_random);
  g_test_add_func ("/import/kept-members", test_kept_members);
  g_test_add_func ("/import/save-imported", test_save_imported);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/invalid/%s", invalid_cases[i].file);
      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/html", test_html);
  g_test_add_func ("/import/html/random", test_html_random);
  g_test_add_func ("/import/html/plain", test_html_plain);
  g_test_add_func ("/import/html/runs", test_html_runs);
  g_test_add_func ("/import/timelinejs/halves", test_timelinejs_halves);

  return g_test_run ();
}
