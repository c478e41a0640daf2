/* test-loader.c — the native format: every problem found and located,
 * valid files round-tripped, the range index checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-dataset.h"
#include "dm-loader.h"

typedef struct
{
  const char     *file;
  DmDatasetError  code;
  const char     *path;
  guint           line;
  guint           column;
  const char     *message;  /* a part of the message */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  /* Not JSON, or not text */
  { "empty.json", DM_DATASET_ERROR_SYNTAX, "", 1, 1, "empty" },
  { "whitespace-only.json", DM_DATASET_ERROR_SYNTAX, "", 3, 1, "only white space" },
  { "truncated.json", DM_DATASET_ERROR_SYNTAX, "", 4, 74, "end of the file" },
  /* Read while checked, the events' array is looked for past the end */
  { "truncated-after-events.json", DM_DATASET_ERROR_SYNTAX, "", 1, 25, "expected a value, found the end of the file" },
  { "trailing-garbage.json", DM_DATASET_ERROR_SYNTAX, "", 5, 1, "after the end of the JSON value" },
  { "two-roots.json", DM_DATASET_ERROR_SYNTAX, "", 5, 1, "after the end of the JSON value" },
  { "comment.json", DM_DATASET_ERROR_SYNTAX, "", 4, 14, "found “/”" },
  { "single-quotes.json", DM_DATASET_ERROR_SYNTAX, "", 4, 13, "double quotes" },
  { "trailing-comma.json", DM_DATASET_ERROR_SYNTAX, "", 4, 76, "found “]”" },
  { "duplicate-member.json", DM_DATASET_ERROR_DUPLICATE_MEMBER, "", 4, 54, "“start” appears twice" },
  { "huge-integer.json", DM_DATASET_ERROR_LIMIT, "", 4, 24, "too large" },
  { "huge-float.json", DM_DATASET_ERROR_LIMIT, "", 4, 24, "out of range" },
  { "deep-nesting.json", DM_DATASET_ERROR_LIMIT, "", 1, 257, "nested more than 256" },
  { "invalid-utf8.json", DM_DATASET_ERROR_ENCODING, "", 2, 22, "UTF-8" },
  { "overlong-utf8.json", DM_DATASET_ERROR_ENCODING, "", 2, 19, "UTF-8" },
  { "nul-byte.json", DM_DATASET_ERROR_ENCODING, "", 2, 20, "NUL" },
  { "escaped-nul.json", DM_DATASET_ERROR_ENCODING, "", 2, 26, "NUL" },
  { "lone-surrogate.json", DM_DATASET_ERROR_ENCODING, "", 2, 25, "surrogate" },

  /* Not a timeline of this format */
  { "root-array.json", DM_DATASET_ERROR_FORMAT, "", 1, 1, "found an array" },
  { "no-format.json", DM_DATASET_ERROR_FORMAT, "", 1, 1, "“format” member is missing" },
  { "other-format.json", DM_DATASET_ERROR_FORMAT, "format", 1, 12, "“timelinejs”" },
  { "future-version.json", DM_DATASET_ERROR_VERSION, "version", 2, 13, "version 2" },
  { "version-string.json", DM_DATASET_ERROR_TYPE, "version", 2, 13, "found a string" },

  /* Structure */
  { "missing-title.json", DM_DATASET_ERROR_MISSING, "title", 1, 1, "required" },
  { "missing-events.json", DM_DATASET_ERROR_MISSING, "events", 1, 1, "required" },
  { "events-not-array.json", DM_DATASET_ERROR_TYPE, "events", 4, 11, "expected an array, found an object" },
  { "event-not-object.json", DM_DATASET_ERROR_TYPE, "events[0]", 5, 3, "expected an object, found a string" },
  { "missing-id.json", DM_DATASET_ERROR_MISSING, "events[0].id", 5, 3, "required" },
  { "empty-id.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].id", 5, 10, "empty" },
  { "id-number.json", DM_DATASET_ERROR_TYPE, "events[0].id", 5, 10, "found a number" },
  { "missing-start.json", DM_DATASET_ERROR_MISSING, "events[0].start", 5, 3, "required" },
  { "title-string.json", DM_DATASET_ERROR_TYPE, "events[0].title", 5, 54, "texts by language" },
  { "title-empty.json", DM_DATASET_ERROR_MISSING, "events[0].title", 5, 54, "at least one language" },
  { "title-lang-number.json", DM_DATASET_ERROR_TYPE, "events[0].title.en", 5, 61, "found a number" },
  { "tags-not-strings.json", DM_DATASET_ERROR_TYPE, "events[0].tags[1]", 5, 81, "found a number" },
  { "figure-string.json", DM_DATASET_ERROR_TYPE, "events[0].figures[0].value", 6, 56, "expected a number" },

  /* Dates */
  { "feb-30.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "February 2021 has 28 days" },
  { "month-13.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "not 13" },
  { "month-0.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "not 0" },
  { "hour-24.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "not 24" },
  { "hour-25.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "not 25" },
  { "date-slashes.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "“22/5/2020”" },
  { "date-number.json", DM_DATASET_ERROR_TYPE, "events[0].start", 5, 37, "expected a string" },
  { "end-before-start.json", DM_DATASET_ERROR_DATE_ORDER, "events[0].end", 5, 58, "before it starts" },
  { "open-both-bounds.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].start.after", 5, 68, "not both" },
  { "open-no-bound.json", DM_DATASET_ERROR_MISSING, "events[0].start", 5, 37, "“before” (no later than)" },
  { "open-with-end.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].end", 5, 67, "has no end" },
  { "open-bad-date.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start.before", 5, 48, "February 2021 has 28 days" },

  /* Identity and references */
  { "duplicate-event-id.json", DM_DATASET_ERROR_DUPLICATE_ID, "events[1].id", 6, 10, "already used by events[0]" },
  { "duplicate-tag-label.json", DM_DATASET_ERROR_DUPLICATE_ID, "tags[1].id", 4, 53, "“t” has a label already" },
  { "duplicate-kind-id.json", DM_DATASET_ERROR_DUPLICATE_ID, "kinds[1].id", 4, 19, "already used by kinds[0]" },
  { "unknown-kind.json", DM_DATASET_ERROR_UNKNOWN_REFERENCE, "events[0].kind", 5, 23, "no kind with the id “nope”" },
  { "unknown-source.json", DM_DATASET_ERROR_UNKNOWN_REFERENCE, "events[0].citations[0].source", 6, 29, "no source" },
  { "unknown-related.json", DM_DATASET_ERROR_UNKNOWN_REFERENCE, "events[0].related[0].event", 6, 26, "no event" },
  { "unknown-relation.json", DM_DATASET_ERROR_INVALID_VALUE, "events[1].related[0].relation", 7, 43, "“loves”" },

  /* Values */
  { "bad-color.json", DM_DATASET_ERROR_INVALID_VALUE, "kinds[0].color", 3, 55, "not a colour" },
  { "as-printed-string.json", DM_DATASET_ERROR_TYPE, "events[0].actors[0].as_printed", 6, 43, "true or false" },
  { "bad-certainty.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].certainty", 5, 80, "“maybe”" },
  { "javascript-link.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].links[0].url", 6, 22, "not “javascript:”" },
  { "file-link.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].links[0].url", 6, 22, "not “file:”" },
  { "source-path.json", DM_DATASET_ERROR_INVALID_VALUE, "sources[0].file", 3, 34, "without folders" },
};

static char *
fixture_path (const char *dir,
              const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
}

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autofree char *path = fixture_path ("invalid", c->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const DmProblem *problem;

  dataset = dm_dataset_load_file_as (file, c->file, &problems, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, (int) c->code);
  g_assert_nonnull (problems);
  g_assert_cmpuint (dm_problems_count_errors (problems), ==, 1);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, DM_PROBLEM_ERROR);
  g_assert_cmpint (problem->code, ==, c->code);
  g_assert_cmpstr (problem->path, ==, c->path);
  g_assert_cmpuint (problem->line, ==, c->line);
  g_assert_cmpuint (problem->column, ==, c->column);
  g_assert_cmpstr (problem->file, ==, c->file);
  if (strstr (problem->message, c->message) == NULL)
    g_error ("“%s” does not contain “%s”", problem->message, c->message);

  /* The one-line form starts with the location and names the path. */
  text = dm_problem_to_string (problem);
  {
    g_autofree char *prefix = g_strdup_printf ("%s:%u:%u: ", c->file, c->line, c->column);
    g_assert_true (g_str_has_prefix (text, prefix));
    if (c->path[0] != '\0')
      g_assert_nonnull (strstr (text, c->path));
  }
  g_assert_nonnull (strstr (error->message, problem->message));
}

/* The loader goes on after the first problem and reports them all, in the
 * order they appear in the file. */
static void
test_every_problem (void)
{
  static const struct {
    DmDatasetError code;
    const char *path;
    guint line;
    guint column;
  } expected[] = {
    { DM_DATASET_ERROR_UNKNOWN_REFERENCE, "events[0].kind", 5, 23 },
    { DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 40 },
    { DM_DATASET_ERROR_DUPLICATE_ID, "events[1].id", 6, 10 },
    { DM_DATASET_ERROR_DATE_ORDER, "events[1].end", 6, 52 },
    { DM_DATASET_ERROR_MISSING, "events[1].title", 6, 69 },
  };
  g_autofree char *path = fixture_path ("invalid", "many-problems.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  dataset = dm_dataset_load_file (file, &problems, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE);
  g_assert_nonnull (strstr (error->message, "and 4 more problems"));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpint (problem->code, ==, expected[i].code);
      g_assert_cmpstr (problem->path, ==, expected[i].path);
      g_assert_cmpuint (problem->line, ==, expected[i].line);
      g_assert_cmpuint (problem->column, ==, expected[i].column);
    }
}

static void
test_io_errors (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "fixtures", "no-such-file.json", NULL);
  struct {
    const char *path;
    const char *message;
  } cases[] = {
    { dir, "folder" },
    { missing, "no such file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DmDataset) dataset = NULL;
      const DmProblem *problem;

      dataset = dm_dataset_load_file_as (file, "x.json", &problems, NULL, &error);
      g_assert_null (dataset);
      g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_IO);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (problem->file, ==, "x.json");
      g_assert_nonnull (strstr (problem->message, cases[i].message));
    }
}

/* Valid files */

static DmDataset *
load_valid (const char *dir,
            const char *name,
            GBytes    **out_bytes)
{
  g_autofree char *path = fixture_path (dir, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  DmDataset *dataset;

  dataset = dm_dataset_load_file (file, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (problems->len, ==, 0);

  if (out_bytes != NULL)
    *out_bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  return dataset;
}

static JsonNode *
parse_json (const char *data,
            gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;

  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static const char *round_trip_files[] = {
  "valid/bom.json",
  "valid/deep-time.json",
  "valid/empty-events.json",
  "valid/unknown-members.json",
  "valid/open-ended.json",
  "valid/every-member.json",
  "../../data/examples/example.json",
};

/* Saving writes the same JSON document back: the same members and values,
 * unknown members included, events in the order of the file. */
static void
test_round_trip (gconstpointer data)
{
  const char *relative = data;
  g_autofree char *dir = g_path_get_dirname (relative);
  g_autofree char *name = g_path_get_basename (relative);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DmDataset) dataset = load_valid (dir, name, &bytes);
  g_autoptr(DmDataset) again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(GBytes) saved_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length;

  text = dm_dataset_to_data (dataset, &length);
  g_assert_true (g_utf8_validate (text, (gssize) length, NULL));

  original = parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  saved = parse_json (text, length);
  if (!json_node_equal (original, saved))
    {
      g_autofree char *a = json_to_string (original, TRUE);
      g_test_message ("original:\n%s\nsaved:\n%s", a, text);
      g_test_fail ();
      return;
    }

  /* And loading what was saved gives the same file again. */
  saved_bytes = g_bytes_new (text, length);
  again = dm_dataset_load_bytes (saved_bytes, "saved", NULL, &error);
  g_assert_no_error (error);
  text_again = dm_dataset_to_data (again, NULL);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_model (void)
{
  g_autoptr(DmDataset) dataset = load_valid ("valid", "unknown-members.json", NULL);
  const DmEvent *first;
  const DmEvent *second;
  guint position;
  g_autofree char *iso = NULL;

  /* Sorted by time, whatever the file's order. */
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, 2);
  first = dm_dataset_get_event (dataset, 0);
  second = dm_dataset_get_event (dataset, 1);
  g_assert_cmpstr (first->id, ==, "earlier");
  g_assert_cmpstr (second->id, ==, "later");
  g_assert_true (dm_dataset_lookup_event (dataset, "later", &position) == second);
  g_assert_cmpuint (position, ==, 1);
  g_assert_null (dm_dataset_lookup_event (dataset, "nope", NULL));

  /* Ranges cover the whole span of their coarse end. */
  iso = dm_date_to_iso (&first->end);
  g_assert_cmpstr (iso, ==, "2020-06");
  g_assert_cmpfloat (first->axis_end, ==, dm_date_days_from_civil (2020, 7, 1));
  g_assert_cmpint (first->certainty, ==, DM_CERTAINTY_INFERRED);
  g_assert_cmpint (second->certainty, ==, DM_CERTAINTY_APPROXIMATE);

  /* The language fallback: no English title, so the Vietnamese one. */
  g_assert_cmpstr (dm_text_get (&first->title, DM_LANGUAGE_EN), ==, "Sớm hơn");
  g_assert_cmpstr (dm_text_get (&first->title, DM_LANGUAGE_VI), ==, "Sớm hơn");
  g_assert_cmpstr (dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_VI), ==, "Thử");
  g_assert_cmpstr (dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_EN), ==, "Test");

  g_assert_cmpstr (dm_dataset_get_kind (dataset, first->kind_index)->id, ==, "k");
  g_assert_nonnull (dm_dataset_lookup_source (dataset, "s"));
  g_assert_cmpuint (second->figures->len, ==, 1);
  g_assert_cmpfloat (((DmFigure *) g_ptr_array_index (second->figures, 0))->value, ==, 2.5);
}

/* Open-ended dates: one bound known, the other never made up; tags
 * with labels; quotes with translations; names as printed. */
static void
test_open_ended (void)
{
  g_autoptr(DmDataset) dataset = load_valid ("valid", "open-ended.json", NULL);
  const DmEvent *before;
  const DmEvent *after;
  const DmActor *actor;
  const DmCitation *citation;
  g_autofree char *iso = NULL;
  g_autofree char *en = NULL;
  g_autofree char *vi = NULL;
  g_autofree char *after_en = NULL;
  g_autofree char *after_vi = NULL;

  before = dm_dataset_lookup_event (dataset, "before", NULL);
  after = dm_dataset_lookup_event (dataset, "after", NULL);
  g_assert_nonnull (before);
  g_assert_nonnull (after);

  /* The known bound is the start; there is no end, and no other bound. */
  g_assert_true (dm_event_is_open (before));
  g_assert_cmpint (before->start_bound, ==, DM_BOUND_BEFORE);
  iso = dm_date_to_iso (&before->start);
  g_assert_cmpstr (iso, ==, "2021-11-09");
  g_assert_false (dm_event_is_range (before));
  g_assert_cmpint (before->certainty, ==, DM_CERTAINTY_INFERRED);
  g_assert_cmpint (after->start_bound, ==, DM_BOUND_AFTER);
  g_assert_cmpfloat (after->axis_start, ==, dm_date_days_from_civil (2016, 1, 1));

  /* Said as what it is, in both languages. */
  en = dm_event_format_date (before, DM_LANGUAGE_EN);
  vi = dm_event_format_date (before, DM_LANGUAGE_VI);
  after_en = dm_event_format_date (after, DM_LANGUAGE_EN);
  after_vi = dm_event_format_date (after, DM_LANGUAGE_VI);
  g_assert_cmpstr (en, ==, "no later than 9 November 2021");
  g_assert_cmpstr (vi, ==, "không muộn hơn 9/11/2021");
  g_assert_cmpstr (after_en, ==, "no earlier than 2016");
  g_assert_cmpstr (after_vi, ==, "không sớm hơn năm 2016");

  /* Tags are shown by their label; a tag without one by itself. */
  g_assert_cmpuint (dm_dataset_get_n_tag_labels (dataset), ==, 1);
  g_assert_cmpstr (dm_dataset_format_tag (dataset, "4ir", DM_LANGUAGE_EN), ==, "Fourth Industrial Revolution");
  g_assert_cmpstr (dm_dataset_format_tag (dataset, "4ir", DM_LANGUAGE_VI), ==, "Cách mạng công nghiệp lần thứ 4");
  g_assert_cmpstr (dm_dataset_format_tag (dataset, "other", DM_LANGUAGE_EN), ==, "other");

  actor = g_ptr_array_index (before->actors, 0);
  g_assert_true (actor->as_printed);
  citation = g_ptr_array_index (before->citations, 0);
  g_assert_cmpstr (citation->translation.en, ==, "Speaking to the press");
  g_assert_null (citation->translation.vi);
}

/* The dataset's range query against a scan of every event, on random
 * datasets of points and ranges at every precision. */
static void
test_query_range_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2019);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(DmDataset) dataset = dm_dataset_new ();
      guint n = 200 + 400 * round;

      dm_dataset_set_title (dataset, NULL, "Random");
      for (guint i = 0; i < n; i++)
        {
          DmEvent *event = dm_event_new ();
          gint64 year = g_rand_int_range (rand, 1990, 2030);
          DmDatePrecision precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);
          guint month = precision >= DM_DATE_PRECISION_MONTH ? g_rand_int_range (rand, 1, 13) : 0;
          guint day = precision >= DM_DATE_PRECISION_DAY ? g_rand_int_range (rand, 1, 29) : 0;
          guint hour = precision >= DM_DATE_PRECISION_MINUTE ? g_rand_int_range (rand, 0, 24) : 0;

          event->id = g_strdup_printf ("e%u", i);
          event->kind = g_strdup ("k");
          g_assert_true (dm_date_init (&event->start, precision, year, month, day, hour, 0));
          if (g_rand_boolean (rand))
            g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_YEAR,
                                         year + g_rand_int_range (rand, 0, 5), 0, 0, 0, 0));
          dm_text_set (&event->title, NULL, event->id);
          dm_dataset_add_event (dataset, event);
        }
      dm_dataset_finish (dataset);

      for (guint q = 0; q < 300; q++)
        {
          double a = dm_date_days_from_civil (g_rand_int_range (rand, 1985, 2040), 1, 1) + g_rand_double_range (rand, 0, 365);
          double b = a + (q % 3 == 0 ? 0 : g_rand_double_range (rand, 0, 3000));
          g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint));

          dm_dataset_query_range (dataset, a, b, got);
          for (guint i = 0; i < n; i++)
            {
              const DmEvent *event = dm_dataset_get_event (dataset, i);
              if (event->axis_start <= b && event->axis_end >= a)
                g_array_append_val (want, i);
            }

          /* Same positions, in time order. */
          g_assert_cmpuint (got->len, ==, want->len);
          for (guint i = 0; i < got->len; i++)
            g_assert_cmpuint (g_array_index (got, guint, i), ==, g_array_index (want, guint, i));
        }

      /* Sorted by start. */
      for (guint i = 1; i < n; i++)
        g_assert_cmpint (dm_date_compare (&dm_dataset_get_event (dataset, i - 1)->start,
                                          &dm_dataset_get_event (dataset, i)->start), <=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/loader/invalid/%s", invalid_cases[i].file);
      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/loader/invalid/every-problem", test_every_problem);
  g_test_add_func ("/loader/invalid/io", test_io_errors);

  for (guint i = 0; i < G_N_ELEMENTS (round_trip_files); i++)
    {
      g_autofree char *base = g_path_get_basename (round_trip_files[i]);
      g_autofree char *path = g_strdup_printf ("/loader/round-trip/%s", base);
      g_test_add_data_func (path, round_trip_files[i], test_round_trip);
    }
  g_test_add_func ("/loader/model", test_model);
  g_test_add_func ("/loader/open-ended", test_open_ended);
  g_test_add_func ("/loader/query-range/random", test_query_range_random);

  return g_test_run ();
}
