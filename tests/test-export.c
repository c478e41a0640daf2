/* test-export.c — TimelineJS3 export: what is written, and that importing
 * it gives the same events back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "dm-dataset.h"
#include "dm-export-timelinejs.h"
#include "dm-loader.h"
#include "dm-test-safe.h"
#include "dm-test-util.h"

static char *
source_path (const char *relative)
{
  /* Relative to the top of the source tree. */
  return g_test_build_filename (G_TEST_DIST, "..", relative, NULL);
}

static DmDataset *
load (const char *relative)
{
  g_autofree char *path = source_path (relative);

  return dm_test_load_path (path);
}

static JsonNode *
export_json (DmDataset  *dataset,
             DmLanguage  language)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = dm_export_timelinejs (dataset, language, &length);
  g_assert_cmpuint (strlen (data), ==, length);
  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));

  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* What is written: a JSONPath into the export and the JSON expected there. */

typedef struct
{
  const char *file;
  DmLanguage  language;
  const char *path;
  const char *json;   /* compact JSON; NULL: nothing there */
} FieldCase;

#define EXAMPLE "data/examples/example.json"
#define HOSTILE "tests/fixtures/hostile/content/script.json"
#define OPEN "tests/fixtures/valid/open-ended.json"
#define EN DM_LANGUAGE_EN
#define VI DM_LANGUAGE_VI

static const FieldCase field_cases[] = {
  /* The title slide */
  { EXAMPLE, EN, "$.title.text.headline", "\"Example: a small timeline\"" },
  { EXAMPLE, EN, "$.title.text.text", "\"<p>A sample file that uses every part of the format.</p>\"" },
  { EXAMPLE, VI, "$.title.text.headline", "\"Ví dụ: một dòng thời gian nhỏ\"" },

  /* Events in the order of the file, with their ids */
  { EXAMPLE, EN, "$.events[*].unique_id", "[\"kickoff\",\"plan-2020\",\"founding\",\"review\"]" },

  /* Dates at their own precision: a minute, a month, a year; BCE years
   * numbered as JavaScript numbers them (44 BCE is -43, 1 BCE is 0) */
  { EXAMPLE, EN, "$.events[0].start_date", "{\"year\":2020,\"month\":1,\"day\":15,\"hour\":9,\"minute\":30}" },
  { EXAMPLE, EN, "$.events[1].start_date", "{\"year\":2020,\"month\":2}" },
  { EXAMPLE, EN, "$.events[1].end_date", "{\"year\":2021}" },
  { EXAMPLE, EN, "$.events[0].end_date", NULL },
  { EXAMPLE, EN, "$.events[2].start_date", "{\"year\":-43,\"month\":3,\"day\":15}" },

  /* Inferred dates say so; stated ones do not */
  { EXAMPLE, EN, "$.events[1].display_date", "\"February 2020 – 2021 (inferred)\"" },
  { EXAMPLE, VI, "$.events[1].display_date", "\"tháng 2 năm 2020 – năm 2021 (suy luận)\"" },
  { EXAMPLE, EN, "$.events[0].display_date", NULL },

  /* Open-ended dates: the known bound is the start_date, and the display
   * date says it is only a bound */
  { OPEN, EN, "$.events[0].start_date", "{\"year\":2021,\"month\":11,\"day\":9}" },
  { OPEN, EN, "$.events[0].end_date", NULL },
  { OPEN, EN, "$.events[0].display_date", "\"no later than 9 November 2021 (inferred)\"" },
  { OPEN, VI, "$.events[0].display_date", "\"không muộn hơn 9/11/2021 (suy luận)\"" },
  { OPEN, EN, "$.events[1].display_date", "\"no earlier than 2016\"" },

  /* Texts in the language, kinds as groups */
  { EXAMPLE, EN, "$.events[0].text.headline", "\"Kick-off meeting\"" },
  { EXAMPLE, VI, "$.events[0].text.headline", "\"Họp khởi động\"" },
  { EXAMPLE, EN, "$.events[*].group", "[\"Meeting\",\"Plan\",\"Meeting\",\"Plan\"]" },
  { EXAMPLE, VI, "$.events[*].group", "[\"Cuộc họp\",\"Kế hoạch\",\"Cuộc họp\",\"Kế hoạch\"]" },

  /* The summary, then the citations and links */
  { EXAMPLE, EN, "$.events[0].text.text",
    "\"<p>The team meets for the first time.</p>"
    "<p>“The team met on 15 January 2020 at 9:30.” — <a href=\\\"https://example.org/notes\\\">Minutes</a>, Example Office</p>"
    "<p><a href=\\\"https://example.org/kickoff\\\">Agenda</a></p>\"" },
  { EXAMPLE, EN, "$.events[2].text.text", NULL },

  /* Eras; no cosmological scale for human dates */
  { EXAMPLE, EN, "$.eras", "[{\"start_date\":{\"year\":2020,\"month\":1},\"end_date\":{\"year\":2020,\"month\":6},"
                           "\"text\":{\"headline\":\"Preparation\"}}]" },
  { EXAMPLE, EN, "$.scale", NULL },
  { "tests/fixtures/valid/deep-time.json", EN, "$.scale", "\"cosmological\"" },
  { "tests/fixtures/valid/deep-time.json", EN, "$.events[*].start_date.year", "[-13800000000,-43,0,100000000000]" },

  /* Markup in texts is escaped: TimelineJS shows them as HTML */
  { "tests/fixtures/valid/markup.json", EN, "$.events[0].text.headline",
    "\"&lt;span size&#61;&quot;9999999&quot;&gt;big&lt;/span&gt; &amp; &lt;b&gt;bold&lt;/b&gt; \u202Eevil\"" },
  { "tests/fixtures/valid/markup.json", EN, "$.events[0].group", "\"&lt;i&gt;kind&lt;/i&gt;\"" },

  /* What an import from TimelineJS kept is written back */
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[2].display_date", "\"Summer 1815\"" },
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[2].background", "{\"color\":\"#333\"}" },
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[3].start_date",
    "{\"year\":1821,\"month\":5,\"day\":5,\"display_date\":\"5 May 1821\"}" },
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[3].autolink", "false" },
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[1].media",
    "{\"url\":\"https://example.org/waterloo.jpg\",\"caption\":\"The battlefield\",\"credit\":\"Anon\"}" },
  /* The media's link is not repeated in the text. */
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[1].text.text", "\"<p>Line one<br>line two &amp; three</p>\"" },
  /* What was kept is rebuilt: texts plain and escaped, web addresses only */
  { HOSTILE, EN, "$.events[0].media",
    "{\"url\":\"https://example.org/a.jpg\",\"caption\":\"cap\",\"credit\":\"credit\","
    "\"alt\":\"&quot; onerror&#61;&quot;alert(1)\"}" },
  { HOSTILE, EN, "$.events[0].background", "{\"opacity\":0.5}" },
  { HOSTILE, EN, "$.events[0].display_date", NULL },
  { HOSTILE, EN, "$.events[0].autolink", NULL },
  { HOSTILE, EN, "$.events[1].media", NULL },
  { HOSTILE, EN, "$.events[1].background", "{\"color\":\"#fff\"}" },
  { HOSTILE, EN, "$.events[1].start_date", "{\"year\":2020,\"month\":2,\"day\":3,\"display_date\":\"x\"}" },
  { HOSTILE, EN, "$.events[2].media", "{\"url\":\"data:image/png;base64,iVBORw0KGgo=\",\"caption\":\"ok\"}" },
  { HOSTILE, EN, "$.events[2].background", NULL },
  { HOSTILE, EN, "$.events[2].unique_id", NULL },
  { HOSTILE, VI, "$.events[0].text.headline", "\"JaVaScRiPt&#58;alert(1)\"" },
  /* Events without a group go without one. */
  { "tests/fixtures/timelinejs/napoleon.json", EN, "$.events[1].group", NULL },
};

static void
test_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      const FieldCase *c = &field_cases[i];
      g_autoptr(DmDataset) dataset = load (c->file);
      g_autoptr(JsonNode) root = export_json (dataset, c->language);
      g_autoptr(JsonNode) found = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *matches;

      g_test_message ("%s %s", c->file, c->path);
      found = json_path_query (c->path, root, &error);
      g_assert_no_error (error);
      matches = json_node_get_array (found);

      if (c->json == NULL)
        g_assert_cmpuint (json_array_get_length (matches), ==, 0);
      else if (strstr (c->path, "[*]") != NULL)
        {
          g_autofree char *text = json_to_string (found, FALSE);
          g_assert_cmpstr (text, ==, c->json);
        }
      else
        {
          g_autofree char *text = NULL;

          g_assert_cmpuint (json_array_get_length (matches), ==, 1);
          text = json_to_string (json_array_get_element (matches, 0), FALSE);
          g_assert_cmpstr (text, ==, c->json);
        }
    }
}

/* Export, then import: the same events, ids, titles in the language,
 * dates at the same precision, kinds by label, and eras. */

typedef struct
{
  const char *file;
  DmLanguage  language;
} RoundTripCase;

static const RoundTripCase round_trip_cases[] = {
  { EXAMPLE, EN },
  { EXAMPLE, VI },
  { "data/datasets/vietnam-industry-4.0.json", EN },
  { "data/datasets/vietnam-industry-4.0.json", VI },
  { "tests/fixtures/valid/deep-time.json", EN },
  { "tests/fixtures/valid/markup.json", EN },
  { "tests/fixtures/valid/empty-events.json", EN },
  { "tests/fixtures/timelinejs/napoleon.json", EN },
  { "tests/fixtures/timelinejs/vietnamese.json", VI },
  { "tests/fixtures/vis/groups.json", EN },
};

#undef EN
#undef VI

static void
test_round_trip (gconstpointer data)
{
  const RoundTripCase *c = data;
  g_autoptr(DmDataset) original = load (c->file);
  g_autoptr(DmDataset) imported = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *text;
  gsize length;

  text = dm_export_timelinejs (original, c->language, &length);
  bytes = g_bytes_new_take (text, length);
  imported = dm_dataset_load_bytes (bytes, "export.timelinejs.json", &problems, &error);
  g_assert_no_error (error);

  /* What Dấu Mốc writes, it reads without a warning. */
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *problem = dm_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", problem);
    }
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpstr (dm_dataset_get_origin_format (imported), ==, DM_ORIGIN_TIMELINEJS3);
  g_assert_cmpstr (dm_text_get (dm_dataset_get_title (imported), c->language), ==,
                   dm_text_get (dm_dataset_get_title (original), c->language));

  g_assert_cmpuint (dm_dataset_get_n_events (imported), ==, dm_dataset_get_n_events (original));
  for (guint i = 0; i < dm_dataset_get_n_events (original); i++)
    {
      const DmEvent *event = dm_dataset_get_event (original, i);
      const DmEvent *again = dm_dataset_lookup_event (imported, event->id, NULL);
      const DmKind *kind = dm_dataset_lookup_kind (original, event->kind);
      const DmKind *kind_again;

      if (again == NULL)
        g_error ("event “%s” is lost", event->id);
      g_assert_true (dm_date_equal (&again->start, &event->start));
      g_assert_true (dm_date_equal (&again->end, &event->end));
      g_assert_cmpint (again->start_bound, ==, event->start_bound);
      g_assert_cmpint (again->certainty, ==, event->certainty);
      g_assert_cmpstr (dm_text_get (&again->title, c->language), ==, dm_text_get (&event->title, c->language));

      kind_again = dm_dataset_get_kind (imported, again->kind_index);
      g_assert_cmpstr (dm_text_get (&kind_again->label, c->language), ==, dm_text_get (&kind->label, c->language));
    }

  g_assert_cmpuint (dm_dataset_get_n_eras (imported), ==, dm_dataset_get_n_eras (original));
  for (guint i = 0; i < dm_dataset_get_n_eras (original); i++)
    {
      const DmEra *era = dm_dataset_get_era (original, i);
      const DmEra *again = dm_dataset_get_era (imported, i);

      g_assert_true (dm_date_equal (&again->start, &era->start));
      g_assert_true (dm_date_equal (&again->end, &era->end));
      g_assert_cmpstr (dm_text_get (&again->title, c->language), ==, dm_text_get (&era->title, c->language));
    }
}

/* Written atomically to a file that loads as TimelineJS3; a file that
 * cannot be written is an error, and leaves nothing behind. */
static void
test_to_file (void)
{
  g_autoptr(DmDataset) dataset = load (EXAMPLE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("daumoc-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(DmDataset) again = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "example.timelinejs.json", NULL);
  file = g_file_new_for_path (path);

  /* Twice: the second replaces the first. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (dm_export_timelinejs_to_file (dataset, DM_LANGUAGE_EN, file, NULL, &error));
      g_assert_no_error (error);
    }

  again = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_get_origin_format (again), ==, DM_ORIGIN_TIMELINEJS3);
  g_assert_cmpuint (dm_dataset_get_n_events (again), ==, 4);

  /* Only the file itself is left in the folder. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "example.timelinejs.json");
  g_assert_null (g_dir_read_name (listing));

  missing_path = g_build_filename (dir, "no-such-folder", "x.timelinejs.json", NULL);
  missing = g_file_new_for_path (missing_path);
  g_assert_false (dm_export_timelinejs_to_file (dataset, DM_LANGUAGE_EN, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Whatever the dataset carries, nothing executable is written: every
 * text escaped, addresses only to the web. */
static void
test_hostile (void)
{
  static const DmLanguage languages[] = { DM_LANGUAGE_EN, DM_LANGUAGE_VI };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(DmDataset) dataset = load (HOSTILE);
      g_autofree char *data = NULL;
      gsize length;

      data = dm_export_timelinejs (dataset, languages[i], &length);
      dm_test_assert_safe_timelinejs (data, length);
    }
}

/* Imported from TimelineJS: what the importer keeps is as safe. */
static void
test_hostile_import (void)
{
  static const char json[] =
    "{\"events\": [{\"start_date\": {\"year\": 2020, \"display_date\": \"<img src=x onerror=alert(1)>\"},"
    " \"text\": {\"headline\": \"<svg onload=alert(1)>\", \"text\": \"<a href='javascript:alert(1)'>x</a>\"},"
    " \"display_date\": \"<script>alert(1)</script>\", \"group\": \"<b onclick=alert(1)>g</b>\","
    " \"background\": {\"url\": \"javascript:alert(1)\", \"color\": \"expression(alert(1))\"},"
    " \"media\": {\"url\": \"https://example.org/x.jpg\", \"thumbnail\": \"javascript:alert(1)\","
    "   \"link\": \"javascript:alert(1)\", \"caption\": \"<img src=x onerror=alert(1)>\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  dataset = dm_dataset_load_bytes (bytes, "hostile.json", NULL, &error);
  g_assert_no_error (error);

  data = dm_export_timelinejs (dataset, DM_LANGUAGE_EN, &length);
  dm_test_assert_safe_timelinejs (data, length);
}

/* Numbers are written as JSON: json-glib's generator wrote 1e-300 as
 * "1e-300.0", which no JSON reader takes. */
static void
test_numbers (void)
{
  static const char json[] =
    "{\"events\": [{\"start_date\": {\"year\": 2020}, \"text\": {\"headline\": \"x\"},"
    " \"background\": {\"opacity\": 1e-300}}, {\"start_date\": {\"year\": 2021}, \"text\": {\"headline\": \"y\"},"
    " \"background\": {\"opacity\": 1.7976931348623157e308}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmDataset) again = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) found = NULL;
  char *data;
  gsize length;

  dataset = dm_dataset_load_bytes (bytes, "numbers.json", NULL, &error);
  g_assert_no_error (error);

  data = dm_export_timelinejs (dataset, DM_LANGUAGE_EN, &length);
  exported = g_bytes_new_take (data, length);
  again = dm_dataset_load_bytes (exported, "numbers.timelinejs.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  root = export_json (dataset, DM_LANGUAGE_EN);
  found = json_path_query ("$.events[*].background.opacity", root, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_array_get_double_element (json_node_get_array (found), 0), ==, 1e-300);
  g_assert_cmpfloat (json_array_get_double_element (json_node_get_array (found), 1), ==, 1.7976931348623157e308);
}

/* U+2028 and U+2029 are JSON but end a line in older JavaScript: written
 * as escapes, and read back as the same text. */
static void
test_line_separators (void)
{
  static const char json[] =
    "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"a\u2028b\u2029c\"},"
    " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"K\"}}],"
    " \"events\": [{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2020\", \"title\": {\"en\": \"x\u2028y\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  dataset = dm_dataset_load_bytes (bytes, "separators.json", NULL, &error);
  g_assert_no_error (error);

  data = dm_export_timelinejs (dataset, DM_LANGUAGE_EN, &length);
  g_assert_null (strstr (data, "\xe2\x80\xa8"));
  g_assert_null (strstr (data, "\xe2\x80\xa9"));
  g_assert_nonnull (strstr (data, "a\\u2028b\\u2029c"));

  saved = dm_dataset_to_data (dataset, &length);
  g_assert_null (strstr (saved, "\xe2\x80\xa8"));
  g_assert_nonnull (strstr (saved, "x\\u2028y"));
}

static gboolean
has_loss (GPtrArray  *losses,
          const char *phrase)
{
  for (guint i = 0; i < losses->len; i++)
    if (g_str_equal (g_ptr_array_index (losses, i), phrase))
      return TRUE;
  return FALSE;
}

/* What an export cannot hold is named from the dataset, with its counts;
 * and it is truly lost: the export, imported, has none of it. A timeline
 * that has nothing TimelineJS lacks is told it loses nothing. */
static void
test_losses (void)
{
  g_autoptr(DmDataset) dataset = load ("data/datasets/vietnam-industry-4.0.json");
  g_autoptr(DmDataset) plain = load ("tests/fixtures/timelinejs/vietnamese.json");
  g_autoptr(DmDataset) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) losses = dm_export_timelinejs_losses (dataset, DM_LANGUAGE_EN);
  g_autoptr(GPtrArray) losses_vi = dm_export_timelinejs_losses (dataset, DM_LANGUAGE_VI);
  g_autoptr(GPtrArray) none = dm_export_timelinejs_losses (plain, DM_LANGUAGE_EN);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *bilingual = NULL;
  g_autofree char *bilingual_vi = NULL;
  g_autofree char *citations = NULL;
  g_autofree char *relations = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *tags = NULL;
  guint n_bilingual = 0, n_citations = 0, n_relations = 0, n_tagged = 0;
  gsize length;

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      n_bilingual += (event->title.vi != NULL && event->title.en != NULL) ||
                     (event->summary.vi != NULL && event->summary.en != NULL);
      n_citations += event->citations != NULL ? event->citations->len : 0;
      n_relations += event->related != NULL ? event->related->len : 0;
      n_tagged += event->tags != NULL && event->tags->len > 0;
    }
  g_assert_cmpuint (n_bilingual, >, 1);
  g_assert_cmpuint (n_citations, >, 1);
  g_assert_cmpuint (n_relations, >, 1);
  g_assert_cmpuint (n_tagged, >, 1);

  bilingual = g_strdup_printf ("the Vietnamese titles and summaries of %u events", n_bilingual);
  bilingual_vi = g_strdup_printf ("the English titles and summaries of %u events", n_bilingual);
  citations = g_strdup_printf ("%u citations, kept only as quotes in their events’ text", n_citations);
  relations = g_strdup_printf ("%u relations between events", n_relations);
  sources = g_strdup_printf ("%u sources, with their publishers, dates and text files",
                             dm_dataset_get_n_sources (dataset));
  tags = g_strdup_printf ("the tags of %u events", n_tagged);
  g_assert_cmpstr (g_ptr_array_index (losses, 0), ==, bilingual);
  g_assert_cmpstr (g_ptr_array_index (losses_vi, 0), ==, bilingual_vi);
  g_assert_true (has_loss (losses, citations));
  g_assert_true (has_loss (losses, relations));
  g_assert_true (has_loss (losses, sources));
  g_assert_true (has_loss (losses, tags));
  g_assert_true (has_loss (losses, "the kinds’ colours and glyphs"));
  g_assert_cmpuint (losses->len, ==, losses_vi->len);

  /* Truly lost. */
  data = dm_export_timelinejs (dataset, DM_LANGUAGE_EN, &length);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  back = dm_dataset_load_bytes (bytes, "back.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dm_dataset_get_n_events (back), ==, dm_dataset_get_n_events (dataset));
  g_assert_cmpuint (dm_dataset_get_n_sources (back), ==, 0);
  for (guint i = 0; i < dm_dataset_get_n_events (back); i++)
    {
      const DmEvent *event = dm_dataset_get_event (back, i);

      g_assert_null (event->citations);
      g_assert_null (event->related);
      g_assert_null (event->tags);
    }

  /* An import from TimelineJS, unchanged: nothing to lose (the colours
   * the import gave its kinds come back with the next import). */
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/fields", test_fields);
  for (guint i = 0; i < G_N_ELEMENTS (round_trip_cases); i++)
    {
      const RoundTripCase *c = &round_trip_cases[i];
      g_autofree char *base = g_path_get_basename (c->file);
      g_autofree char *path = g_strdup_printf ("/export/round-trip/%s/%s", base,
                                               c->language == DM_LANGUAGE_VI ? "vi" : "en");
      g_test_add_data_func (path, c, test_round_trip);
    }
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/export/hostile", test_hostile);
  g_test_add_func ("/export/hostile-import", test_hostile_import);
  g_test_add_func ("/export/numbers", test_numbers);
  g_test_add_func ("/export/line-separators", test_line_separators);
  g_test_add_func ("/export/losses", test_losses);

  return g_test_run ();
}
