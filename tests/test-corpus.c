/* test-corpus.c — hostile and malformed files: each loads safely or fails
 * with a located, understandable error, through the API and `daumoc --check`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "dm-dataset.h"
#include "dm-loader.h"
#include "dm-test-util.h"

typedef struct
{
  const char     *file;
  DmDatasetError  code;
  const char     *path;
  guint           line;
  guint           column;
  const char     *message;
} HostileCase;

/* tests/fixtures/hostile/: wrong types and missing members at every level,
 * encodings, numbers, ids and links. (tests/fixtures/invalid/ has its own
 * table in test-loader.c.) */
static const HostileCase hostile_cases[] = {
  { "actor-missing-name.json", DM_DATASET_ERROR_MISSING, "events[0].actors[0].name", 6, 15, "required" },
  { "actors-object.json", DM_DATASET_ERROR_TYPE, "events[0].actors", 6, 14, "expected an array, found an object" },
  { "bad-short-color.json", DM_DATASET_ERROR_INVALID_VALUE, "kinds[0].color", 2, 55, "“#12345” is not a colour" },
  { "bare-null.json", DM_DATASET_ERROR_FORMAT, "", 1, 1, "found null" },
  { "bare-string.json", DM_DATASET_ERROR_FORMAT, "", 1, 1, "found a string" },
  { "beyond-unicode.json", DM_DATASET_ERROR_ENCODING, "", 1, 62, "beyond Unicode" },
  { "certainty-bad-level.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].certainty.level", 6, 27, "“sure”" },
  { "certainty-number.json", DM_DATASET_ERROR_TYPE, "events[0].certainty", 6, 17, "found a number" },
  { "citation-missing-source.json", DM_DATASET_ERROR_MISSING, "events[0].citations[0].source", 6, 18, "required" },
  { "citations-number.json", DM_DATASET_ERROR_TYPE, "events[0].citations", 6, 17, "expected an array, found a number" },
  { "encoded-surrogate.json", DM_DATASET_ERROR_ENCODING, "", 1, 62, "surrogate" },
  { "end-number.json", DM_DATASET_ERROR_TYPE, "events[0].end", 5, 52, "expected a string" },
  { "figure-missing-value.json", DM_DATASET_ERROR_MISSING, "events[0].figures[0].value", 6, 16, "required" },
  { "format-number.json", DM_DATASET_ERROR_TYPE, "format", 1, 12, "found a number" },
  { "huge-negative-integer.json", DM_DATASET_ERROR_LIMIT, "", 4, 20, "too large" },
  { "id-control-char.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].id", 5, 10, "control characters" },
  { "id-too-long.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].id", 5, 10, "at most 256 bytes" },
  { "kind-label-string.json", DM_DATASET_ERROR_TYPE, "kinds[0].label", 2, 33, "texts by language" },
  { "kind-missing-id.json", DM_DATASET_ERROR_MISSING, "kinds[0].id", 2, 12, "required" },
  { "kind-missing-label.json", DM_DATASET_ERROR_MISSING, "kinds[0].label", 2, 12, "required" },
  { "kinds-object.json", DM_DATASET_ERROR_TYPE, "kinds", 2, 11, "expected an array, found an object" },
  { "link-bidi.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].links[0].url", 6, 22, "“https://evil.example/[U+202E]gpj.exe” has an invisible or direction-changing character (U+202E)" },
  { "link-missing-url.json", DM_DATASET_ERROR_MISSING, "events[0].links[0].url", 6, 14, "required" },
  { "link-zero-width.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].links[0].url", 6, 22, "(U+200B)" },
  { "link-not-a-url.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].links[0].url", 6, 22, "not a valid http or https address" },
  { "list-item-string.json", DM_DATASET_ERROR_TYPE, "events[0].lists[0].items[0]", 6, 47, "texts by language" },
  { "list-items-object.json", DM_DATASET_ERROR_TYPE, "events[0].lists[0].items", 6, 46, "expected an array" },
  { "raw-tab-in-string.json", DM_DATASET_ERROR_SYNTAX, "", 1, 63, "control character (0x09)" },
  { "related-string.json", DM_DATASET_ERROR_TYPE, "events[0].related", 6, 15, "expected an array, found a string" },
  { "relation-missing-relation.json", DM_DATASET_ERROR_MISSING, "events[0].related[0].relation", 6, 16, "required" },
  { "source-bad-date.json", DM_DATASET_ERROR_INVALID_DATE, "sources[0].date", 4, 33, "February 2020 has 29 days, not 31" },
  { "source-folder-file.json", DM_DATASET_ERROR_INVALID_VALUE, "sources[0].file", 4, 33, "without folders" },
  { "source-javascript-url.json", DM_DATASET_ERROR_INVALID_VALUE, "sources[0].url", 4, 32, "not “JavaScript:”" },
  { "source-title-number.json", DM_DATASET_ERROR_TYPE, "sources[0].title", 4, 34, "found a number" },
  { "sources-string.json", DM_DATASET_ERROR_TYPE, "sources", 4, 12, "expected an array, found a string" },
  { "tag-empty.json", DM_DATASET_ERROR_INVALID_VALUE, "events[0].tags[0]", 6, 13, "must not be empty" },
  { "title-number.json", DM_DATASET_ERROR_TYPE, "title", 2, 11, "found a number" },
  { "utf16.json", DM_DATASET_ERROR_ENCODING, "", 1, 1, "UTF-16" },
  { "version-float.json", DM_DATASET_ERROR_TYPE, "version", 1, 42, "whole number" },
  { "version-negative.json", DM_DATASET_ERROR_VERSION, "version", 1, 42, "version -1" },
  { "year-zero-short.json", DM_DATASET_ERROR_INVALID_DATE, "events[0].start", 5, 37, "at least four digits" },
};

static char *
fixture_dir (const char *dir)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", dir, NULL);
}

static GPtrArray *
list_fixtures (const char *dir)
{
  g_autofree char *path = fixture_dir (dir);
  g_autoptr(GDir) handle = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      /* hostile/content/ holds valid files: see test-hostile.c. */
      if (!g_file_test (full, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >, 0);

  return names;
}

static DmDataset *
load (const char  *path,
      GPtrArray  **problems,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);

  return dm_dataset_load_file_as (file, name, problems, NULL, error);
}

static void
test_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", c->file, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = load (path, &problems, &error);
  const DmProblem *problem;

  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, (int) c->code);
  g_assert_cmpuint (dm_problems_count_errors (problems), ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, c->path);
  g_assert_cmpuint (problem->line, ==, c->line);
  g_assert_cmpuint (problem->column, ==, c->column);
  if (strstr (problem->message, c->message) == NULL)
    g_error ("“%s” does not contain “%s”", problem->message, c->message);
}

/* Every file in hostile/ has its expectations above. */
static void
test_hostile_complete (void)
{
  g_autoptr(GPtrArray) names = list_fixtures ("hostile");

  for (guint i = 0; i < names->len; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (hostile_cases) && !found; k++)
        found = strcmp (hostile_cases[k].file, g_ptr_array_index (names, i)) == 0;
      if (!found)
        g_error ("fixtures/hostile/%s has no expected outcome", (char *) g_ptr_array_index (names, i));
    }
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (hostile_cases));
}

/* Runs `daumoc --check PATH`; returns the exit status. */
static int
run_check (const char  *path,
           char       **out,
           char       **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("DAUMOC");

  g_assert_nonnull (binary);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              binary, "--check", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  /* Exited, not killed by a signal (a crash or a sanitizer abort). */
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* Every malformed file fails, through the API and the command line, with
 * at least one problem that names where it is and what is wrong. */
static void
test_every_bad_file (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(GPtrArray) names = list_fixtures (dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DmDataset) dataset = load (path, &problems, &error);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *located = NULL;
      const DmProblem *first;

      g_test_message ("%s/%s", dir, name);
      g_assert_null (dataset);
      g_assert_nonnull (error);
      first = g_ptr_array_index (problems, 0);
      g_assert_cmpuint (first->line, >, 0);
      g_assert_cmpuint (first->column, >, 0);
      g_assert_cmpuint (strlen (first->message), >, 10);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));

      g_assert_cmpint (run_check (path, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      located = g_strdup_printf ("%s:%u:%u: ", path, first->line, first->column);
      if (!g_str_has_prefix (err, located))
        g_error ("stderr “%s” does not start with “%s”", err, located);
    }
}

/* Every valid file loads, is checked OK, and saves to what it was. */
static void
test_every_good_file (void)
{
  g_autoptr(GPtrArray) names = list_fixtures ("valid");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid", name, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DmDataset) dataset = load (path, &problems, &error);
      g_autoptr(JsonParser) original = json_parser_new ();
      g_autoptr(JsonParser) saved = json_parser_new ();
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *json;
      gsize length;

      g_test_message ("valid/%s", name);
      g_assert_no_error (error);
      g_assert_nonnull (dataset);

      g_file_get_contents (path, &contents, &length, NULL);
      json = g_str_has_prefix (contents, "\xEF\xBB\xBF") ? contents + 3 : contents;
      g_assert_true (json_parser_load_from_data (original, json, -1, NULL));
      text = dm_dataset_to_data (dataset, NULL);
      g_assert_true (json_parser_load_from_data (saved, text, -1, NULL));
      if (!json_node_equal (json_parser_get_root (original), json_parser_get_root (saved)))
        g_error ("valid/%s did not round-trip:\n%s", name, text);

      g_assert_cmpint (run_check (path, &out, &err), ==, 0);
      g_assert_true (g_str_has_prefix (out, path));
      g_assert_nonnull (strstr (out, ": OK, "));
    }
}

/* Text that looks like markup, format strings or escapes is kept as it was
 * written, byte for byte. */
static void
test_text_kept_literally (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid", "tricky-text.json", NULL);
  g_autoptr(DmDataset) dataset = load (path, NULL, NULL);
  const DmEvent *event;

  g_assert_nonnull (dataset);
  event = dm_dataset_get_event (dataset, 0);
  g_assert_cmpstr (event->title.en, ==, "<script>alert(1)</script> &amp; &lt;");
  g_assert_cmpstr (event->summary.en, ==, "%s %n %x {0} ${HOME} \a bell");
  g_assert_cmpstr (dm_dataset_get_title (dataset)->en, ==, "Right-to-left \u202Eoverride");
  g_assert_cmpstr (((DmLink *) g_ptr_array_index (event->links, 0))->url, ==, "https://example.org/a?b=c&d=e#f");
}

/* Large files are checked in a thread while they are read: the same
 * datasets and the same problems, at the same places, as checking first. */

/* The problems of a load, and the dataset saved, as text. */
static char *
describe_result (DmDataset *dataset,
                 GPtrArray *problems,
                 GError    *error)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%d %d %s %u:%u %s\n", problem->severity, problem->code,
                              problem->path, problem->line, problem->column, problem->message);
    }
  if (dataset != NULL)
    {
      g_autofree char *data = dm_dataset_to_data (dataset, NULL);

      g_string_append (text, data);
    }
  else
    g_assert_nonnull (error);

  return g_string_free (text, FALSE);
}

/* The problems (and the saved dataset, if it loads) of @bytes, as text;
 * with @split, the events are split with a second reader as soon as the
 * check has ended (it is waited for), whatever their number. */
static char *
describe_load (GBytes   *bytes,
               gsize     threshold,
               gboolean  split)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  dm_loader_set_concurrent_threshold (threshold);
  if (split)
    dm_loader_set_split_events (1, TRUE);
  dataset = dm_dataset_load_bytes (bytes, "f.json", &problems, &error);
  dm_loader_reset_test_settings ();

  return describe_result (dataset, problems, error);
}

/* Whether a second reader's events were taken (see describe_load()). */
static gboolean
assert_same_load (GBytes     *bytes,
                  const char *what)
{
  g_autofree char *first = describe_load (bytes, G_MAXSIZE, FALSE);
  g_autofree char *concurrent = describe_load (bytes, 0, FALSE);
  g_autofree char *split = NULL;
  guint n_split = dm_loader_get_n_split ();

  g_test_message ("%s", what);
  g_assert_cmpstr (concurrent, ==, first);
  split = describe_load (bytes, 0, TRUE);
  g_assert_cmpstr (split, ==, first);

  return dm_loader_get_n_split () > n_split;
}

static void
test_checked_while_read_fixtures (void)
{
  static const char * const dirs[] = { "valid", "invalid", "hostile", "timelinejs", "vis" };
  g_autoptr(GHashTable) split = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GPtrArray) names = list_fixtures (dirs[d]);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dirs[d], g_ptr_array_index (names, i), NULL);
          g_autofree char *contents = NULL;
          gsize length;
          g_autoptr(GBytes) bytes = NULL;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          /* Exactly the file's bytes, with no NUL after them (as a
           * mapped file has none): a read past the end is one the
           * sanitizers see. */
          bytes = g_bytes_new (contents, length);
          if (assert_same_load (bytes, path))
            g_hash_table_add (split, g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL));
        }
    }

  /* Native files of two events or more, with no problem found as their
   * later half is read, were read by two readers: an id used again
   * across the halves is found as it is by one. */
  g_assert_true (g_hash_table_contains (split, "valid/every-member.json"));
  g_assert_true (g_hash_table_contains (split, "valid/open-ended.json"));
  g_assert_true (g_hash_table_contains (split, "invalid/duplicate-event-id.json"));
}

/* A native file of @n events, with @fault put in place of event @at's
 * summary (a member, or broken JSON), and event @at's id that of event
 * @id_of (G_MAXUINT: its own). */
static GBytes *
make_large (guint       n,
            gboolean    kinds_first,
            gboolean    format_first,
            guint       at,
            const char *fault,
            guint       id_of)
{
  GString *text = g_string_new ("{");
  const char *kinds = "\"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"K\"}}]";

  if (format_first)
    g_string_append (text, "\"format\": \"daumoc-timeline\", \"version\": 1,\n");
  g_string_append (text, "\"title\": {\"en\": \"T\"},\n");
  if (kinds_first)
    g_string_append_printf (text, "%s,\n", kinds);
  g_string_append (text, "\"events\": [\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "  {\"id\": \"e%u\", \"kind\": \"k\", \"start\": \"%04u-%02u-%02u\", "
                                  "\"title\": {\"en\": \"Event %u\", \"vi\": \"Sự kiện %u\"}, %s, \"tags\": [\"a\", \"b\"]}%s\n",
                            i == at && id_of != G_MAXUINT ? id_of : i, 1800 + i % 200, 1 + i % 12, 1 + i % 28, i, i,
                            i == at ? fault : "\"summary\": {\"en\": \"A summary long enough to be a few dozen bytes\"}",
                            i + 1 < n ? "," : "");
  g_string_append (text, "]");
  if (!kinds_first)
    g_string_append_printf (text, ",\n%s", kinds);
  if (!format_first)
    g_string_append (text, ",\n\"format\": \"daumoc-timeline\", \"version\": 1");
  g_string_append (text, "}\n");

  return g_string_free_to_bytes (text);
}

static void
test_checked_while_read_large (void)
{
  static const struct
  {
    guint       at;
    const char *fault;
    guint       id_of;   /* 0: its own */
    gboolean    split;   /* the second reader's events are taken */
  } faults[] = {
    { G_MAXUINT, "\"summary\": {\"en\": \"fine\"}", 0, TRUE },
    /* Problems of the check, early, in the middle and at the end */
    { 3, "\"summary\": {\"en\": \"two\"}, \"summary\": {\"en\": \"same\"}" },
    { 10000, "\"summary\": {\"en\": \"bad \xC3\x28 UTF-8\"}" },
    { 10000, "\"summary\": {\"en\": \"unclosed}" },
    { 19999, "\"summary\": [1, 2,]" },
    { 19999, "\"summary\": 1e999" },
    /* Problems of the reading: found as an event is read (the second
     * reader's work is then dropped), or at the end (unknown ids) */
    { 12000, "\"summary\": 5" },
    { 12000, "\"citations\": [{\"source\": \"nope\", \"quote\": \"q\"}]", 0, TRUE },
    { 15000, "\"related\": [{\"event\": \"e19999\", \"relation\": \"follows-up\"}, {\"event\": \"none\", \"relation\": \"cites\"}]", 0, TRUE },
    { 3000, "\"related\": [{\"event\": \"none\", \"relation\": \"cites\"}]", 0, TRUE },
    /* Read by two readers: what each read refers to the other's events,
     * and an id of the first half is used again in the second. */
    { 15000, "\"related\": [{\"event\": \"e2\", \"relation\": \"follows-up\"}, {\"event\": \"e19998\", \"relation\": \"cites\"}]", 0, TRUE },
    { 2000, "\"related\": [{\"event\": \"e19999\", \"relation\": \"follows-up\"}]", 0, TRUE },
    { 16000, "\"summary\": {\"en\": \"again\"}", 40, TRUE },
  };

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    for (guint order = 0; order < 3; order++)
      {
        g_autoptr(GBytes) bytes = make_large (20000, order != 1, order != 2, faults[f].at, faults[f].fault,
                                              faults[f].id_of != 0 ? faults[f].id_of : G_MAXUINT);
        g_autofree char *what = g_strdup_printf ("fault %u, order %u", f, order);

        /* Only a file whose "format" comes before its events is read as
         * it is checked. */
        g_assert_cmpint (assert_same_load (bytes, what), ==, faults[f].split && order != 2);
      }
}

/* Files that are not files, or are huge, made at run time. */

typedef DmTestScratch Scratch;
#define scratch_setup dm_test_scratch_setup
#define scratch_teardown dm_test_scratch_teardown

static void
expect_io_problem (const char *path,
                   const char *message)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = load (path, &problems, &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, message));

  g_assert_cmpint (run_check (path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, message));
}

/* The problems and dataset of the file at @path, read in two halves by
 * two threads at once (@in_two) or in one. */
static char *
describe_file_load (const char *path,
                    gboolean    in_two)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  guint before = dm_loader_get_n_read_in_two ();
  GStatBuf info;

  dm_loader_set_read_in_two (in_two ? 1 : G_MAXSIZE);
  dataset = load (path, &problems, &error);
  dm_loader_reset_test_settings ();
  /* An empty file has no halves. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (dm_loader_get_n_read_in_two (), ==, before + (in_two && info.st_size > 0 ? 1 : 0));

  return describe_result (dataset, problems, error);
}

/* A large local file is read in two halves at once: the same bytes, so
 * the same problems, at the same places, and the same dataset, for every
 * fixture and for a large file whose faults lie near its middle and at its
 * very end (its last bytes missing). */
static void
test_read_in_two (Scratch       *s,
                  gconstpointer  data)
{
  static const char * const dirs[] = { "valid", "invalid", "hostile", "timelinejs", "vis" };
  g_autofree char *large = g_build_filename (s->dir, "large.json", NULL);

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GPtrArray) names = list_fixtures (dirs[d]);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dirs[d], g_ptr_array_index (names, i), NULL);
          g_autofree char *one = describe_file_load (path, FALSE);
          g_autofree char *two = describe_file_load (path, TRUE);

          g_test_message ("%s", path);
          g_assert_cmpstr (two, ==, one);
        }
    }

  for (guint cut = 0; cut < 2; cut++)
    {
      g_autoptr(GBytes) bytes = make_large (2000, TRUE, TRUE, 1000, "\"summary\": {\"en\": \"h\u00e1lf\"}", G_MAXUINT);
      g_autoptr(GError) error = NULL;
      g_autofree char *one = NULL;
      g_autofree char *two = NULL;
      gsize length;
      const char *text = g_bytes_get_data (bytes, &length);

      /* Cut: without its closing "}\n". */
      g_file_set_contents (large, text, (gssize) (length - 2 * cut), &error);
      g_assert_no_error (error);
      one = describe_file_load (large, FALSE);
      two = describe_file_load (large, TRUE);
      g_assert_cmpstr (two, ==, one);
      /* The file loads whole, or says where it ends too soon. */
      g_assert_nonnull (strstr (one, cut ? "the end of the file" : "h\u00e1lf"));
    }
}

static void
test_not_files (Scratch       *s,
                gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (s->dir, "pipe.json", NULL);
  g_autofree char *dangling = g_build_filename (s->dir, "dangling.json", NULL);
  g_autofree char *missing = g_build_filename (s->dir, "missing.json", NULL);

  /* A named pipe would block a reader forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  expect_io_problem (fifo, "not a regular file");

  g_assert_cmpint (symlink (missing, dangling), ==, 0);
  expect_io_problem (dangling, "no such file");
  expect_io_problem (s->dir, "folder");
}

static void
write_file (const char *path,
            const char *head,
            gsize       fill,
            char        fill_char,
            const char *tail)
{
  g_autoptr(GString) text = g_string_new (head);
  g_autoptr(GError) error = NULL;

  g_string_set_size (text, strlen (head) + fill);
  memset (text->str + strlen (head), fill_char, fill);
  g_string_append (text, tail);
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

static void
test_huge_string (Scratch       *s,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (s->dir, "huge.json", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  const DmProblem *problem;

  /* 100 MB in one title. */
  write_file (path, "{\"format\": \"daumoc-timeline\", \"version\": 1,\n \"title\": {\"en\": \"",
              100 << 20, 'x', "\"}, \"kinds\": [], \"events\": []}");
  dataset = load (path, &problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_LIMIT);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_cmpuint (problem->column, ==, 18);
  g_assert_nonnull (strstr (problem->message, "longer than 1 MiB"));
}

static void
test_long_title (Scratch       *s,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (s->dir, "long.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  /* Very long, but within bounds: it loads, whole. */
  write_file (path, "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"",
              500000, 'y', "\"}, \"kinds\": [], \"events\": []}");
  dataset = load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (dm_dataset_get_title (dataset)->en), ==, 500000);
}

static void
test_empty_files (Scratch       *s,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (s->dir, "zero.json", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_set_contents (path, "", 0, NULL);
  dataset = load (path, &problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_cmpint (run_check (path, &out, &err), ==, 1);
}

/* A problem quotes the dataset as text to read: an escape sequence in a
 * value would act on the terminal of whoever runs `daumoc --check`, and a
 * bidi override would turn the message around. */
static void
test_message_shown_safely (void)
{
  static const char json[] =
    "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"T\"},"
    " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"K\"}, \"color\": \"\\u001b[2J\\u001b]0;x\\u0007\\u202e\"}],"
    " \"events\": []}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "escape.json", &problems, &error);
  const DmProblem *problem;

  g_assert_null (dataset);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_null (strchr (problem->message, '\033'));
  g_assert_null (strchr (problem->message, '\007'));
  g_assert_null (strstr (problem->message, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (problem->message, "“␛[2J␛]0;x␇[U+202E]”"));
  g_assert_null (strchr (error->message, '\033'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/corpus/hostile/%s", hostile_cases[i].file);
      g_test_add_data_func (path, &hostile_cases[i], test_hostile);
    }
  g_test_add_func ("/corpus/hostile/complete", test_hostile_complete);
  g_test_add_func ("/corpus/message-shown-safely", test_message_shown_safely);
  g_test_add_data_func ("/corpus/every-bad-file/invalid", "invalid", test_every_bad_file);
  g_test_add_data_func ("/corpus/every-bad-file/hostile", "hostile", test_every_bad_file);
  g_test_add_func ("/corpus/every-good-file", test_every_good_file);
  g_test_add_func ("/corpus/text-kept-literally", test_text_kept_literally);
  g_test_add_func ("/corpus/checked-while-read/fixtures", test_checked_while_read_fixtures);
  g_test_add_func ("/corpus/checked-while-read/large", test_checked_while_read_large);
  g_test_add ("/corpus/not-files", Scratch, NULL, scratch_setup, test_not_files, scratch_teardown);
  g_test_add ("/corpus/read-in-two", Scratch, NULL, scratch_setup, test_read_in_two, scratch_teardown);
  g_test_add ("/corpus/huge-string", Scratch, NULL, scratch_setup, test_huge_string, scratch_teardown);
  g_test_add ("/corpus/long-title", Scratch, NULL, scratch_setup, test_long_title, scratch_teardown);
  g_test_add ("/corpus/empty-files", Scratch, NULL, scratch_setup, test_empty_files, scratch_teardown);

  return g_test_run ();
}
