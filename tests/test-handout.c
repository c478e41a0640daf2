/* test-handout.c — the PDF handout as a document: paper, pages, text,
 * metadata and outline, read back with poppler's tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "dm-export.h"
#include "dm-handout.h"
#include "dm-loader.h"
#include "dm-test-export.h"
#include "dm-test-util.h"

typedef DmTestExportFixture Fixture;
#define fixture_setup dm_test_export_fixture_setup
#define fixture_teardown dm_test_export_fixture_teardown

static char *
page_text (const char *path,
           guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", number, "-l", number, path, "-", NULL };

  return dm_test_run_tool (argv, TRUE);
}

/* Line breaks and runs of spaces of the layout made single spaces. */
static char *
flatten (const char *text)
{
  GString *flat = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      char c = (*p == '\n' || *p == '\f' || *p == '\t') ? ' ' : *p;

      if (c == ' ' && flat->len > 0 && flat->str[flat->len - 1] == ' ')
        continue;
      g_string_append_c (flat, c);
    }

  return g_string_free (flat, FALSE);
}

/* Nothing runs into the footer: the words in the bottom margin of each
 * page are the footer's, the title and "Page n of N" (or "Trang n/N"). */
static void
check_footers (const char *path,
               const char *title,
               gboolean    vietnamese)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-bbox", path, "-", NULL };
  g_autofree char *html = dm_test_run_tool (argv, TRUE);
  g_auto(GStrv) pages = g_strsplit (html, "<page ", -1);
  guint n = g_strv_length (pages) - 1;

  for (guint i = 1; pages[i] != NULL; i++)
    {
      double height = g_ascii_strtod (strstr (pages[i], "height=\"") + 8, NULL);
      g_autoptr(GString) footer = g_string_new (NULL);
      g_autofree char *expected = vietnamese ? g_strdup_printf ("%s Trang %u/%u", title, i, n)
                                             : g_strdup_printf ("%s Page %u of %u", title, i, n);
      const char *p = pages[i];

      while ((p = strstr (p, "<word ")) != NULL)
        {
          double y_max = g_ascii_strtod (strstr (p, "yMax=\"") + 6, NULL);
          const char *text = strchr (p, '>') + 1;
          const char *end = strstr (text, "</word>");

          /* The bottom margin is 60 points; the footer sits in it. */
          if (y_max > height - 60)
            {
              if (footer->len > 0)
                g_string_append_c (footer, ' ');
              g_string_append_len (footer, text, end - text);
            }
          p = end;
        }
      if (!g_str_equal (footer->str, expected))
        g_error ("the bottom of page %u says “%s”, not “%s”", i, footer->str, expected);
    }
}

static char *
export_handout (Fixture               *f,
                const DmExportOptions *options,
                const char            *name)
{
  return dm_test_export (options, DM_EXPORT_PDF, f->dir, name);
}

static guint
count_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = dm_test_run_tool (argv, TRUE);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* Every page is the paper asked for, turned as asked; the timeline
 * pages are landscape; pdfinfo counts the pages the handout has. */
static void
test_paper (Fixture       *f,
            gconstpointer  data)
{
  static const struct {
    DmPaper       paper;
    DmOrientation orientation;
    const char   *size;
    const char   *turned;
  } cases[] = {
    { DM_PAPER_A4, DM_ORIENTATION_PORTRAIT, "595.28 x 841.89 pts (A4)", "841.89 x 595.28 pts (A4)" },
    { DM_PAPER_LETTER, DM_ORIENTATION_PORTRAIT, "612 x 792 pts (letter)", "792 x 612 pts (letter)" },
    { DM_PAPER_A4, DM_ORIENTATION_LANDSCAPE, "841.89 x 595.28 pts (A4)", "841.89 x 595.28 pts (A4)" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(DmHandout) handout = NULL;
      g_autofree char *path = NULL;
      g_autofree char *info = NULL;
      g_autofree char *last = NULL;
      DmExportOptions options;
      guint n;

      dm_export_options_init (&options, f->dataset);
      options.paper = cases[c].paper;
      options.orientation = cases[c].orientation;
      handout = dm_handout_new (&options);
      path = export_handout (f, &options, "paper.pdf");
      n = count_pages (path);
      g_assert_cmpuint (n, ==, dm_handout_get_n_pages (handout));
      g_assert_cmpuint (n, >=, 4);

      last = g_strdup_printf ("%u", n);
      {
        const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };

        info = dm_test_run_tool (argv, TRUE);
      }
      for (guint page = 1; page <= n; page++)
        {
          g_autofree char *prefix = g_strdup_printf ("Page %4u size:", page);
          const char *line = strstr (info, prefix);
          g_autofree char *size = NULL;
          gboolean landscape = dm_handout_page_is_landscape (handout, page - 1);
          g_autofree char *text = page_text (path, page);

          g_assert_nonnull (line);
          line += strlen (prefix);
          while (*line == ' ')
            line++;
          size = g_strndup (line, strcspn (line, "\n"));
          if (!g_str_equal (size, landscape ? cases[c].turned : cases[c].size))
            g_error ("page %u of case %u is %s", page, c, size);

          /* The timeline pages, and only they, are landscape in a
           * portrait handout. */
          if (cases[c].orientation == DM_ORIENTATION_PORTRAIT)
            g_assert_cmpint (landscape, ==, g_str_has_prefix (text, "Timeline"));
        }
    }
}

/* The cover has the title and subtitle, the period, the count and the
 * date made; every page says "Page n of N"; every event's title is there
 * in full; each source's full title comes once, in the list at the end,
 * and the quotes refer to it by number. */
static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *flat = NULL;
  DmExportOptions options;
  guint n;

  dm_export_options_init (&options, f->dataset);
  options.language = DM_LANGUAGE_EN;
  options.made = 1764547200;  /* 1 December 2025 */
  path = export_handout (f, &options, "text.pdf");
  n = count_pages (path);

  for (guint page = 1; page <= n; page++)
    {
      g_autofree char *text = page_text (path, page);
      g_autofree char *counted = g_strdup_printf ("Page %u of %u", page, n);

      if (strstr (text, counted) == NULL)
        g_error ("page %u lacks “%s”:\n%s", page, counted, text);
      g_assert_nonnull (strstr (text, "Vietnam and the Fourth Industrial Revolution"));
      if (page == 1)
        cover = flatten (text);
      g_string_append (all, text);
    }

  check_footers (path, "Vietnam and the Fourth Industrial Revolution: policy timeline 2016–2022", FALSE);
  g_assert_nonnull (strstr (cover, "Vietnam and the Fourth Industrial Revolution: policy timeline 2016–2022"));
  g_assert_nonnull (strstr (cover, "as told by the five accompanying Vietnamese news texts"));
  g_assert_nonnull (strstr (cover, "Period covered 2016 – 2023"));
  g_assert_nonnull (strstr (cover, "Events 18"));
  g_assert_nonnull (strstr (cover, "Made on 1 December 2025"));
  g_assert_nonnull (strstr (cover, "Contents"));
  /* Every kind is there: no list of them. */
  g_assert_null (strstr (cover, "Kinds"));

  flat = flatten (all->str);
  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    {
      const char *title = dm_dataset_get_event (f->dataset, i)->title.en;

      if (strstr (flat, title) == NULL)
        g_error ("the handout lacks the title “%s”", title);
    }

  for (guint s = 0; s < dm_dataset_get_n_sources (f->dataset); s++)
    {
      const char *title = dm_dataset_get_source (f->dataset, s)->title.en;
      const char *first = strstr (flat, title);

      g_assert_nonnull (first);
      g_assert_null (strstr (first + 1, title));
    }
  g_assert_nonnull (strstr (flat, "” — [2] Tạp chí Thông tin & Truyền thông (ICTVietnam)"));
  g_assert_nonnull (strstr (flat, "[2] International linkage and cooperation to promote the Fourth Industrial Revolution. Minh Thiện."));
}

/* In Vietnamese, the whole document is: its words, dates and numbers. */
static void
test_vietnamese (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *last = NULL;
  DmExportOptions options;
  guint n;

  dm_export_options_init (&options, f->dataset);
  options.language = DM_LANGUAGE_VI;
  options.made = 1764547200;
  path = export_handout (f, &options, "vi.pdf");
  n = count_pages (path);
  cover = page_text (path, 1);
  last = page_text (path, n);

  check_footers (path, dm_dataset_get_title (f->dataset)->vi, TRUE);
  g_assert_nonnull (strstr (cover, "Việt Nam và Cách mạng công nghiệp lần thứ"));
  g_assert_nonnull (strstr (cover, "Ngày lập"));
  g_assert_nonnull (strstr (cover, "1/12/2025"));
  g_assert_nonnull (strstr (cover, "Trang 1/"));
  g_assert_nonnull (strstr (last, "Nguồn"));
  g_assert_null (strstr (cover, "Page "));
}

/* Binary-safe: a PDF has NUL bytes in its streams. */
static gboolean
bytes_contain (const char *bytes,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The metadata: title, subject, creator, language; the outline has the
 * cover, the timeline, each year with its events, and the sources. */
static void
test_metadata (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  DmExportOptions options;

  dm_export_options_init (&options, f->dataset);
  options.language = DM_LANGUAGE_VI;
  path = export_handout (f, &options, "meta.pdf");

  {
    const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };

    info = dm_test_run_tool (argv, TRUE);
  }
  g_assert_nonnull (strstr (info, "Title:           Việt Nam và Cách mạng công nghiệp lần thứ 4"));
  g_assert_nonnull (strstr (info, "Subject:         Các sự kiện và văn kiện"));
  g_assert_nonnull (strstr (info, "Creator:         Dấu Mốc"));
  g_assert_nonnull (strstr (info, "CreationDate:"));

  /* cairo 1.16 cannot name the language; the export amends the file. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (bytes_contain (bytes, length, "/Lang (vi)"));

  /* Each quote links to its source in the list at the end. */
  g_assert_true (bytes_contain (bytes, length, "/Dest (source-1)"));
  g_assert_true (bytes_contain (bytes, length, "(source-1) ["));

  {
    const char *argv[] = { "pdftohtml", "-xml", "-i", "-q", "-stdout", path, NULL };

    xml = dm_test_run_tool (argv, TRUE);
  }
  g_assert_nonnull (strstr (xml, ">Trang bìa</item>"));
  g_assert_nonnull (strstr (xml, ">Dòng thời gian</item>"));
  g_assert_nonnull (strstr (xml, ">Năm 2016</item>\n<outline>"));
  g_assert_nonnull (strstr (xml, ">Năm 2021</item>\n<outline>"));
  g_assert_nonnull (strstr (xml, ">Nghị quyết 52-NQ/TW"));
  g_assert_nonnull (strstr (xml, ">Nguồn</item>"));
}

/* A summary of 6 000 words flows over several pages and comes out whole,
 * every word in order. */
static void
test_long_summary (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *input = g_build_filename (f->dir, "long.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autofree char *path = NULL;
  DmExportOptions options;
  const char *p;
  guint n;

  g_string_append (json, "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"Long\"},"
                         " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"Kind\"}}],"
                         " \"sources\": [{\"id\": \"s\", \"title\": {\"en\": \"Source\"}}],"
                         " \"events\": [{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2020-05-22\","
                         " \"title\": {\"en\": \"A long event\"}, \"summary\": {\"en\": \"");
  for (guint i = 1; i <= 6000; i++)
    g_string_append_printf (json, "w%04u%s", i, i % 150 == 0 ? "\\n" : " ");
  g_string_append (json, "end.\"}, \"citations\": [{\"source\": \"s\", \"quote\": \"q\"}]}]}");
  g_assert_true (g_file_set_contents (input, json->str, json->len, NULL));
  dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  dm_export_options_init (&options, dataset);
  path = export_handout (f, &options, "long.pdf");
  n = count_pages (path);
  g_assert_cmpuint (n, >=, 8);
  check_footers (path, "Long", FALSE);
  for (guint page = 1; page <= n; page++)
    {
      g_autofree char *text = page_text (path, page);

      g_string_append (all, text);
    }

  p = all->str;
  for (guint i = 1; i <= 6000; i++)
    {
      g_autofree char *token = g_strdup_printf ("w%04u", i);

      p = strstr (p, token);
      if (p == NULL)
        g_error ("word %s is missing or out of order", token);
    }
  g_assert_nonnull (strstr (p, "end."));
}

/* A timeline that quotes no source has no list of sources: no empty
 * page, nothing in the contents. */
static void
test_no_sources (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "fixtures", "valid", "deep-time.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *last = NULL;
  DmExportOptions options;
  guint n;

  g_assert_no_error (error);
  dm_export_options_init (&options, dataset);
  options.language = DM_LANGUAGE_EN;
  path = export_handout (f, &options, "deep.pdf");
  n = count_pages (path);
  g_assert_cmpuint (n, ==, 3);
  cover = page_text (path, 1);
  last = page_text (path, n);
  g_assert_null (strstr (cover, "Sources"));
  g_assert_true (g_str_has_prefix (last, "Events"));
  g_assert_nonnull (strstr (last, "The far future"));
}

/* The timeline pages draw every event of the bundled timeline on its own,
 * labelled: no clusters. */
static void
test_no_clusters (Fixture       *f,
                  gconstpointer  data)
{
  for (DmLanguage language = DM_LANGUAGE_EN; language <= DM_LANGUAGE_VI; language++)
    {
      g_autoptr(DmHandout) handout = NULL;
      DmExportOptions options;

      dm_export_options_init (&options, f->dataset);
      options.language = language;
      handout = dm_handout_new (&options);
      g_assert_cmpuint (dm_handout_get_n_timeline_pages (handout), >=, 1);
      g_assert_cmpuint (dm_handout_count_unlegible (handout), ==, 0);
    }
}

/* A range: only the events in it, and the cover says which. */
static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  DmExportOptions options;
  guint n;

  dm_export_options_init (&options, f->dataset);
  options.axis_start = dm_date_days_from_civil (2019, 1, 1);
  options.axis_end = dm_date_days_from_civil (2020, 1, 1);
  options.filter_text = "Resolution only";
  path = export_handout (f, &options, "range.pdf");
  n = count_pages (path);
  for (guint page = 2; page <= n; page++)
    {
      g_autofree char *text = page_text (path, page);

      g_string_append (all, text);
    }
  cover = page_text (path, 1);
  g_assert_nonnull (strstr (cover, "1 January – 31 December 2019"));
  g_assert_nonnull (strstr (cover, "Resolution only"));
  /* The kinds with events in 2019, by name: no meeting that year, and no
   * forum (the New Production Revolution workshop is known only to have
   * been held no later than 2020). */
  {
    g_autofree char *flat = flatten (cover);

    g_assert_nonnull (strstr (flat, "Kinds Memorandum of understanding; Resolution / conclusion; Plan / strategy"));
    g_assert_null (strstr (flat, "Forum / workshop"));
  }
  g_assert_null (strstr (cover, "Meeting / working session"));
  g_assert_nonnull (strstr (all->str, "Politburo Resolution 52-NQ/TW"));

  /* The events listed (the outline names each): none from 2020 on. */
  {
    const char *argv[] = { "pdftohtml", "-xml", "-i", "-q", "-stdout", path, NULL };
    g_autofree char *xml = dm_test_run_tool (argv, TRUE);

    g_assert_nonnull (strstr (xml, ">Politburo Resolution 52-NQ/TW"));
    g_assert_null (strstr (xml, ">Government Resolution 78"));
    g_assert_null (strstr (xml, ">2020</item>"));
  }
}

/* The dialog's preview: within the size asked, with something drawn. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  static const DmExportFormat formats[] = { DM_EXPORT_PDF, DM_EXPORT_PNG, DM_EXPORT_SVG };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      cairo_surface_t *surface;
      DmExportOptions options;
      const guint8 *pixels;
      int width;
      int height;
      guint ink = 0;

      dm_export_options_init (&options, f->dataset);
      surface = dm_export_render_preview (&options, formats[i], 480, 180);
      g_assert_nonnull (surface);
      width = cairo_image_surface_get_width (surface);
      height = cairo_image_surface_get_height (surface);
      g_assert_cmpint (width, <=, 480);
      g_assert_cmpint (height, <=, 180);
      g_assert_cmpint (MAX (width, height), >=, 170);
      cairo_surface_flush (surface);
      pixels = cairo_image_surface_get_data (surface);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guint8 *pixel = pixels + y * cairo_image_surface_get_stride (surface) + x * 4;

            ink += pixel[3] > 0 && (pixel[0] < 200 || pixel[1] < 200 || pixel[2] < 200);
          }
      g_assert_cmpuint (ink, >, 500);
      cairo_surface_destroy (surface);
    }
}

static void
test_paper_from_locale (void)
{
  static const struct {
    const char *locale;
    DmPaper     paper;
  } cases[] = {
    { "en_US.UTF-8", DM_PAPER_LETTER },
    { "fr_CA", DM_PAPER_LETTER },
    { "es_MX.UTF-8@euro", DM_PAPER_LETTER },
    { "vi_VN.UTF-8", DM_PAPER_A4 },
    { "en_GB.UTF-8", DM_PAPER_A4 },
    { "C.UTF-8", DM_PAPER_A4 },
    { "C", DM_PAPER_A4 },
    { "en_USA", DM_PAPER_A4 },
  };
  DmPaper paper;
  DmOrientation orientation;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (dm_export_paper_for_locale_name (cases[i].locale), ==, cases[i].paper);

  g_assert_true (dm_export_paper_from_name ("Letter", &paper));
  g_assert_cmpint (paper, ==, DM_PAPER_LETTER);
  g_assert_true (dm_export_paper_from_name ("a4", &paper));
  g_assert_cmpint (paper, ==, DM_PAPER_A4);
  g_assert_false (dm_export_paper_from_name ("a3", &paper));
  g_assert_true (dm_export_orientation_from_name ("landscape", &orientation));
  g_assert_cmpint (orientation, ==, DM_ORIENTATION_LANDSCAPE);
  g_assert_false (dm_export_orientation_from_name ("sideways", &orientation));
}

static void
test_suggest_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *en = dm_export_suggest_name (f->dataset, DM_LANGUAGE_EN, "handout", ".pdf");
  g_autofree char *vi = dm_export_suggest_name (f->dataset, DM_LANGUAGE_VI, "timeline", ".png");

  g_assert_cmpstr (en, ==, "Vietnam and the Fourth Industrial Revolution - handout (en).pdf");
  g_assert_cmpstr (vi, ==, "Việt Nam và Cách mạng công nghiệp lần thứ 4 - timeline (vi).png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/handout/paper", Fixture, NULL, fixture_setup, test_paper, fixture_teardown);
  g_test_add ("/handout/text", Fixture, NULL, fixture_setup, test_text, fixture_teardown);
  g_test_add ("/handout/vietnamese", Fixture, NULL, fixture_setup, test_vietnamese, fixture_teardown);
  g_test_add ("/handout/metadata", Fixture, NULL, fixture_setup, test_metadata, fixture_teardown);
  g_test_add ("/handout/long-summary", Fixture, NULL, fixture_setup, test_long_summary, fixture_teardown);
  g_test_add ("/handout/no-sources", Fixture, NULL, fixture_setup, test_no_sources, fixture_teardown);
  g_test_add ("/handout/no-clusters", Fixture, NULL, fixture_setup, test_no_clusters, fixture_teardown);
  g_test_add ("/handout/range", Fixture, NULL, fixture_setup, test_range, fixture_teardown);
  g_test_add ("/handout/suggest-name", Fixture, NULL, fixture_setup, test_suggest_name, fixture_teardown);
  g_test_add ("/handout/preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add_func ("/handout/paper-from-locale", test_paper_from_locale);

  return g_test_run ();
}
