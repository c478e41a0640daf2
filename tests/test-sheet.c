/* test-sheet.c — timelines in spreadsheets: the TimelineJS template as
 * Google Sheets and LibreOffice write it in CSV, as XLSX and ODS, and
 * plain tables of events; counts, dates, groups, eras and every warning
 * at its cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-dataset.h"
#include "dm-export-sheet.h"
#include "dm-loader.h"
#include "dm-test-util.h"

typedef struct
{
  const char *start;   /* dm_date_to_iso () */
  const char *end;
  const char *title;
  const char *kind;    /* the kind's label */
} SheetEvent;

typedef struct
{
  const char *title;
  const char *start;
  const char *end;
} SheetEra;

typedef struct
{
  DmProblemSeverity severity;
  guint             row;
  guint             column;
  const char       *path;      /* the column's header */
  const char       *message;   /* a part of it */
} SheetProblem;

typedef struct
{
  const char   *file;
  const char   *origin;
  const char   *title;
  guint         n_events;
  SheetEvent    events[8];   /* every event, found by its title */
  SheetEra      eras[2];
  SheetProblem  problems[4];
} SheetCase;

#define W DM_PROBLEM_WARNING

static const SheetCase cases[] = {
  /* Google Sheets: CRLF, quoted fields with commas, quotes and line
   * breaks, a title row, an era, JavaScript's years (0 is 1 BCE). */
  { "google-sheets.csv", DM_ORIGIN_TIMELINEJS_SHEET, "The Hundred Days", 6,
    {
      { "1815-03-01", "", "Return from Elba", "Campaigns" },
      { "1815-06-18T11:30", "1815-06-18T21:00", "Waterloo", "Campaigns" },
      { "1815", "", "Which month?", "Life" },
      { "-0043-03-15", "", "Ides of March", "Antiquity" },
      { "0000", "", "Year zero", "Antiquity" },
      { "1815-06-18", "", "Battle day", "Events" },
    },
    { { "Hundred Days", "1815-03-20", "1815-07-08" } },
    {
      { W, 5, 12, "Media", "only http and https media are kept, not “javascript:”" },
      { W, 6, 1, "Year", "a date needs at least a year; TimelineJS leaves this out" },
      { W, 10, 16, "Type", "unknown type “slide”" },
    } },
  /* LibreOffice: a byte-order mark, semicolons, headers in any case and
   * spacing, a quoted line break, Vietnamese texts. */
  { "libreoffice.csv", DM_ORIGIN_TIMELINEJS_SHEET, "libreoffice", 2,
    {
      { "2018-09-27", "", "Nghị quyết 52", "Nghị quyết" },
      { "2019", "2020-06", "Diễn đàn", "Diễn đàn" },
    },
    { { "Giai đoạn đầu", "2016", "2022" } },
    { { 0 } } },
  /* A table of one's own: dates as text in every form TimelineJS 2 read. */
  { "plain.csv", DM_ORIGIN_TABLE, "plain", 5,
    {
      { "2015-05-12", "", "Launch", "Product" },
      { "2016-05-12", "2016-05-20", "Conference", "Events" },
      { "2017-03", "", "Spring", "Product" },
      { "2012-01-26T10:00", "", "Meeting", "Events" },
      { "-0500", "", "Long ago", "Events" },
    },
    { { NULL } },
    { { W, 6, 1, "Start", "“sometime” is not a date" } } },
  /* Workbooks written by tests/fixtures/sheet/make-workbooks.py: shared
   * strings, rows left out (XLSX), repeated cells and rows (ODS). */
  { "template.xlsx", DM_ORIGIN_TIMELINEJS_SHEET, "Workbook timeline", 2,
    {
      { "1969-07-20T20:17", "", "Moon landing", "Space" },
      { "1957-10-04", "", "Sputnik", "Space" },
    },
    { { "Space race", "1957", "1975" } },
    { { W, 6, 1, "Year", "a date needs at least a year" } } },
  { "template.ods", DM_ORIGIN_TIMELINEJS_SHEET, "Workbook timeline", 2,
    {
      { "1969-07-20T20:17", "", "Moon landing", "Space" },
      { "1957-10-04", "", "Sputnik", "Space" },
    },
    { { "Space race", "1957", "1975" } },
    { { W, 6, 1, "Year", "a date needs at least a year" } } },
};

#undef W

static DmDataset *
load (const char  *name,
      GPtrArray  **problems,
      GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sheet", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return dm_dataset_load_file_as (file, name, problems, NULL, error);
}

static void
test_sheet (gconstpointer data)
{
  const SheetCase *c = data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = load (c->file, &problems, &error);
  guint n;

  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_get_origin_format (dataset), ==, c->origin);
  g_assert_cmpstr (dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_EN), ==, c->title);

  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, c->n_events);
  for (guint i = 0; i < c->n_events; i++)
    {
      const DmEvent *event = NULL;
      const DmKind *kind;

      for (guint k = 0; k < dm_dataset_get_n_events (dataset) && event == NULL; k++)
        if (g_strcmp0 (dm_text_get (&dm_dataset_get_event (dataset, k)->title, DM_LANGUAGE_EN),
                       c->events[i].title) == 0)
          event = dm_dataset_get_event (dataset, k);
      if (event == NULL)
        g_error ("no event “%s”", c->events[i].title);
      kind = dm_dataset_get_kind (dataset, event->kind_index);

      dm_test_assert_date (&event->start, c->events[i].start);
      dm_test_assert_date (&event->end, c->events[i].end);
      g_assert_cmpstr (dm_text_get (&event->title, DM_LANGUAGE_EN), ==, c->events[i].title);
      g_assert_cmpstr (dm_text_get (&kind->label, DM_LANGUAGE_EN), ==, c->events[i].kind);
    }

  for (n = 0; n < G_N_ELEMENTS (c->eras) && c->eras[n].title != NULL; n++)
    {
      const DmEra *era = dm_dataset_get_era (dataset, n);

      g_assert_cmpstr (dm_text_get (&era->title, DM_LANGUAGE_EN), ==, c->eras[n].title);
      dm_test_assert_date (&era->start, c->eras[n].start);
      dm_test_assert_date (&era->end, c->eras[n].end);
    }
  g_assert_cmpuint (dm_dataset_get_n_eras (dataset), ==, n);

  for (n = 0; n < G_N_ELEMENTS (c->problems) && c->problems[n].path != NULL; n++)
    {
      const SheetProblem *p = &c->problems[n];
      const DmProblem *problem;

      g_assert_cmpuint (n, <, problems->len);
      problem = g_ptr_array_index (problems, n);
      g_assert_cmpint (problem->severity, ==, p->severity);
      g_assert_cmpuint (problem->line, ==, p->row);
      g_assert_cmpuint (problem->column, ==, p->column);
      g_assert_cmpstr (problem->path, ==, p->path);
      g_assert_cmpstr (problem->file, ==, c->file);
      if (strstr (problem->message, p->message) == NULL)
        g_error ("“%s” does not contain “%s”", problem->message, p->message);
    }
  g_assert_cmpuint (problems->len, ==, n);
}

/* A sheet in no known layout names the columns it has and those that
 * would do. */
static void
test_unknown_layout (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = load ("people.csv", &problems, &error);
  const DmProblem *problem;

  g_assert_null (dataset);
  g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_FORMAT);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 1);
  g_assert_nonnull (strstr (problem->message, "(“Name”, “Age”, “City”)"));
  g_assert_nonnull (strstr (problem->message, "End Year"));
  g_assert_nonnull (strstr (problem->message, "Start column"));
}

/* Other files are named for what they are, with what is read instead. */
typedef struct
{
  const char *name;
  const char *data;
  const char *message;
} Recognised;

static const Recognised recognised[] = {
  { "simile.xml", "<?xml version=\"1.0\"?>\n<data>\n <event start=\"May 28 2006\" title=\"x\"/>\n</data>\n",
    "a SIMILE Timeline XML file" },
  { "history.timeline", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<timeline>\n <version>2.9.0</version>\n"
    " <events></events>\n</timeline>\n", "The Timeline Project" },
  { "saved.json", "<!DOCTYPE html>\n<html><head><title>Timeline</title></head></html>\n", "a web page (HTML)" },
  { "archive.zip", "PK\003\004\024\000\000\000\000\000", "a zip archive that is not an XLSX or ODS spreadsheet" },
  { "simile.json", "{\"dateTimeFormat\": \"iso8601\", \"events\": [{\"start\": \"2006-05-28\", \"title\": \"x\"}]}",
    "SIMILE Timeline JSON" },
  { "like-timelinejs.json", "{\"events\": [{\"date\": \"2006-05-28\", \"text\": {\"headline\": \"x\"}}]}",
    "TimelineJS" },
};

static void
test_recognised (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (recognised); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (recognised[i].data, strlen (recognised[i].data) +
                                                    (recognised[i].data[0] == 'P' ? 10 - strlen (recognised[i].data) : 0));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, recognised[i].name, &problems, &error);

      g_assert_null (dataset);
      g_assert_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_FORMAT);
      if (strstr (error->message, recognised[i].message) == NULL)
        g_error ("%s: “%s” does not contain “%s”", recognised[i].name, error->message, recognised[i].message);
      g_assert_nonnull (strstr (error->message, "Dấu Mốc reads"));
    }
}

/* Sheet → Dấu Mốc → sheet: the sheet written opens as the same timeline
 * (events, dates, groups, eras, years before the common era), and
 * writing it again gives the same bytes. */
static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(DmDataset) dataset = load (name, NULL, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DmDataset) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_nonnull (dataset);
  first = dm_export_sheet (dataset, DM_LANGUAGE_EN, &length);
  g_assert_true (g_str_has_prefix (first, "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,"
                                          "Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,"
                                          "Group,Background\r\n"));
  bytes = g_bytes_new_static (first, length);
  again = dm_dataset_load_bytes (bytes, "exported.csv", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (dm_dataset_get_origin_format (again), ==, DM_ORIGIN_TIMELINEJS_SHEET);
  g_assert_cmpstr (dm_text_get (dm_dataset_get_title (again), DM_LANGUAGE_EN), ==,
                   dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_EN));

  g_assert_cmpuint (dm_dataset_get_n_events (again), ==, dm_dataset_get_n_events (dataset));
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *a = dm_dataset_get_event (dataset, i);
      const DmEvent *b = dm_dataset_get_event (again, i);

      g_assert_true (dm_date_equal (&a->start, &b->start));
      g_assert_true (dm_date_equal (&a->end, &b->end));
      g_assert_cmpstr (dm_text_get (&a->title, DM_LANGUAGE_EN), ==, dm_text_get (&b->title, DM_LANGUAGE_EN));
      g_assert_cmpstr (dm_text_get (&a->summary, DM_LANGUAGE_EN), ==, dm_text_get (&b->summary, DM_LANGUAGE_EN));
      g_assert_cmpstr (dm_text_get (&dm_dataset_get_kind (dataset, a->kind_index)->label, DM_LANGUAGE_EN), ==,
                       dm_text_get (&dm_dataset_get_kind (again, b->kind_index)->label, DM_LANGUAGE_EN));
    }
  g_assert_cmpuint (dm_dataset_get_n_eras (again), ==, dm_dataset_get_n_eras (dataset));
  for (guint i = 0; i < dm_dataset_get_n_eras (dataset); i++)
    {
      g_assert_true (dm_date_equal (&dm_dataset_get_era (dataset, i)->start, &dm_dataset_get_era (again, i)->start));
      g_assert_true (dm_date_equal (&dm_dataset_get_era (dataset, i)->end, &dm_dataset_get_era (again, i)->end));
    }

  second = dm_export_sheet (again, DM_LANGUAGE_EN, NULL);
  g_assert_cmpstr (second, ==, first);
}

/* Texts are text: HTML escaped for TimelineJS, and never a formula for
 * the spreadsheet; years as JavaScript numbers them. */
static void
test_export_safety (void)
{
  static const char native[] =
    "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"=HYPERLINK(\\\"x\\\")\"},"
    " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"@kind\"}}],"
    " \"events\": [{\"id\": \"e\", \"kind\": \"k\", \"start\": \"-0043-03-15\","
    " \"title\": {\"en\": \"+1 <b>bold</b>\"}, \"summary\": {\"en\": \"-2, \\\"quoted\\\"\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (native, strlen (native));
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "native.json", NULL, &error);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  csv = dm_export_sheet (dataset, DM_LANGUAGE_EN, NULL);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[1], ==, ",,,,,,,,,&#61;HYPERLINK(&quot;x&quot;),,,,,,title,,");
  g_assert_cmpstr (lines[2], ==, "-43,3,15,,,,,,,&#43;1 &lt;b&gt;bold&lt;/b&gt;,\"<p>-2, &quot;quoted&quot;</p>\",,,,,,&#64;kind,");
  g_assert_cmpstr (lines[3], ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sheet/%s", cases[i].file);
      g_test_add_data_func (path, &cases[i], test_sheet);
    }
  g_test_add_func ("/sheet/unknown-layout", test_unknown_layout);
  g_test_add_func ("/sheet/recognised", test_recognised);
  g_test_add_data_func ("/sheet/round-trip/google-sheets", "google-sheets.csv", test_round_trip);
  g_test_add_data_func ("/sheet/round-trip/libreoffice", "libreoffice.csv", test_round_trip);
  g_test_add_data_func ("/sheet/round-trip/xlsx", "template.xlsx", test_round_trip);
  g_test_add_func ("/sheet/export-safety", test_export_safety);

  return g_test_run ();
}
