/* test-hostile.c — valid but hostile datasets, exported to every format
 *
 * Each member of the hostile-content corpus (dm-test-hostile.h) is loaded
 * and exported as PNG, SVG, PDF and TimelineJS, with a generous watchdog;
 * what is written is validated: the PNG and SVG read back (librsvg's XML
 * parser is strict), the TimelineJS file is JSON with nothing a web page
 * could run, and nothing written holds a script address or a handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <librsvg/rsvg.h>

#include "dm-export.h"
#include "dm-export-timelinejs.h"
#include "dm-loader.h"
#include "dm-safe-text.h"
#include "dm-test-export.h"
#include "dm-test-hostile.h"
#include "dm-test-safe.h"
#include "dm-test-util.h"

/* Far more than any case takes; only a stall reaches it. */
#define WATCHDOG_SECONDS 240

static char *scratch;
static char *generated;

static void
assert_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 0);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 0);
  cairo_surface_destroy (surface);
}

static void
assert_svg (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) handle = G_OBJECT (rsvg_handle_new_from_file (path, &error));
  g_autofree char *data = NULL;
  gsize length;

  /* librsvg parses with libxml2: any character XML cannot carry fails. */
  g_assert_no_error (error);
  g_assert_nonnull (handle);

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  dm_test_assert_no_script (data, length);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* No actions: the handout has no scripts, launches or links to run. */
  g_assert_null (g_strstr_len (data, (gssize) length, "/JavaScript"));
  g_assert_null (g_strstr_len (data, (gssize) length, "/JS"));
  g_assert_null (g_strstr_len (data, (gssize) length, "/Launch"));
}

/* Each export of @dataset in @language (@width wide, or the default
 * width if 0) is a well-formed file with nothing in it to run; its
 * TimelineJS3 export, in either language, is safe JSON. */
static void
assert_exports_safe (DmDataset  *dataset,
                     DmLanguage  language,
                     int         width)
{
  static const char * const names[] = { "out.png", "out.svg", "out.pdf" };

  for (guint f = DM_EXPORT_PNG; f <= DM_EXPORT_PDF; f++)
    {
      g_autofree char *out_path = NULL;
      DmExportOptions options;

      g_test_message ("→ %s", names[f]);
      dm_export_options_init (&options, dataset);
      options.language = language;
      if (width > 0)
        options.width = width;
      out_path = dm_test_export (&options, f, scratch, names[f]);

      if (f == DM_EXPORT_PNG)
        assert_png (out_path);
      else if (f == DM_EXPORT_SVG)
        assert_svg (out_path);
      else
        assert_pdf (out_path);
      g_assert_cmpint (g_remove (out_path), ==, 0);
    }

  for (DmLanguage l = DM_LANGUAGE_VI; l <= DM_LANGUAGE_EN; l++)
    {
      g_autofree char *json = NULL;
      gsize length;

      json = dm_export_timelinejs (dataset, l, &length);
      dm_test_assert_safe_timelinejs (json, length);
    }
}

static void
test_export (gconstpointer data)
{
  const char *path = data;
  DmTestWatchdog *watchdog = dm_test_watchdog_start (path, WATCHDOG_SECONDS);
  g_autoptr(DmDataset) dataset = dm_test_load_path (path);

  g_test_message ("%s", path);
  assert_exports_safe (dataset, DM_LANGUAGE_EN, 0);

  dm_test_watchdog_stop (watchdog);
}

/* The English SVG export of the dataset at @path, checked as well formed
 * and safe: its text. */
static char *
export_svg (const char *path)
{
  g_autoptr(DmDataset) dataset = dm_test_load_path (path);
  g_autofree char *out_path = NULL;
  DmExportOptions options;
  char *svg = NULL;

  dm_export_options_init (&options, dataset);
  options.language = DM_LANGUAGE_EN;
  out_path = dm_test_export (&options, DM_EXPORT_SVG, scratch, "out.svg");

  assert_svg (out_path);
  g_assert_true (g_file_get_contents (out_path, &svg, NULL, NULL));
  g_assert_cmpint (g_remove (out_path), ==, 0);
  return svg;
}

/* Control characters become characters XML can carry, and the SVG's text
 * layer says what the screen shows. */
static void
test_svg_controls (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", "content", "controls.json", NULL);
  g_autofree char *svg = export_svg (path);

  g_assert_nonnull (strstr (svg, "<title>Controls ␁␛[31mred␇ bell␌␡ "));
  g_assert_nonnull (strstr (svg, ">Second ␆</text>"));
}

/* What is drawn is bounded before it reaches Pango: the SVG's text layer
 * says what each label held. A title of 200 000 combining marks on one
 * letter took an export over 40 s; megabyte titles stalled it. */
static void
test_labels_bounded (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (generated, name, NULL);
  g_autofree char *svg = export_svg (path);
  guint texts = 0;

  for (const char *p = strstr (svg, "<text "); p != NULL; p = strstr (p + 1, "<text "))
    {
      const char *start = strchr (p, '>') + 1;
      const char *end = strstr (start, "</text>");
      glong marks = 0;
      glong run = 0;

      g_assert_nonnull (end);
      g_assert_cmpint (g_utf8_strlen (start, end - start), <=, (DM_SAFE_TEXT_LABEL_MAX + 1) * (1 + DM_SAFE_TEXT_MAX_MARKS));
      for (const char *c = start; c < end; c = g_utf8_next_char (c))
        {
          run = g_unichar_ismark (g_utf8_get_char (c)) ? run + 1 : 0;
          marks = MAX (marks, run);
        }
      g_assert_cmpint (marks, <=, DM_SAFE_TEXT_MAX_MARKS);
      texts++;
    }
  g_assert_cmpuint (texts, >, 0);
}

/* Random datasets made of hostile pieces, built through the API (so
 * even what the loader would refuse, such as script links, reaches the
 * exporters), exported to every format and validated. */

static const char * const fragments[] = {
  "Nghị quyết 52", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
  "JaVaScRiPt:", "\" onmouseover=\"x", "'><svg onload=alert(1)>", "&amp;&lt;", "]]>", "<!--", "<?xml",
  "\001\002\033[31m", "\007\010\013\014\016\037\177", "\xc2\x80\xc2\x85\xc2\x9f", "\xef\xbf\xbe\xef\xbf\xbf",
  "\342\200\256gpj.exe", "\xe2\x80\x8b\xe2\x80\x8d\xef\xbb\xbf", "\342\201\246x\342\201\251",
  "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81",
  "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "\t\n\r", "\\u0000", "%s%n%x", "{\"a\": 1}", " ",
};

static const char * const addresses[] = {
  "https://example.org/a.jpg", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
  "data:image/png;base64,iVBORw0KGgo=", "data:image/svg+xml;base64,PHN2Zz4=", "vbscript:x", "http://x/\"><script>",
  "https://evil.example/\342\200\256gpj.exe", "//evil.example/x", "",
};

static char *
random_text (GRand *rand)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 6);

  for (guint i = 0; i < n; i++)
    {
      if (g_rand_int_range (rand, 0, 40) == 0)
        {
          /* Now and then a long run without a space. */
          for (guint k = g_rand_int_range (rand, 1000, 20000); k > 0; k--)
            g_string_append_c (out, 'w');
        }
      g_string_append (out, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
    }

  return g_string_free (out, FALSE);
}

static void
set_random_text (GRand  *rand,
                 DmText *text)
{
  g_autofree char *vi = random_text (rand);
  g_autofree char *en = random_text (rand);

  dm_text_set (text, vi, en);
}

static const char *
random_address (GRand *rand)
{
  return addresses[g_rand_int_range (rand, 0, G_N_ELEMENTS (addresses))];
}

static void
random_date (GRand  *rand,
             DmDate *date)
{
  static const gint64 years[] = { -100000000000, -13800000000, -44, 0, 1, 2020, 275760, 100000000000 };
  gint64 year = years[g_rand_int_range (rand, 0, G_N_ELEMENTS (years))];
  DmDatePrecision precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);
  gboolean last = g_rand_boolean (rand);

  g_assert_true (dm_date_init (date, precision, year,
                               precision >= DM_DATE_PRECISION_MONTH ? (last ? 12 : 1) : 0,
                               precision >= DM_DATE_PRECISION_DAY ? (last ? 31 : 1) : 0,
                               precision >= DM_DATE_PRECISION_MINUTE ? (last ? 23 : 0) : 0,
                               precision >= DM_DATE_PRECISION_MINUTE ? (last ? 59 : 0) : 0));
}

static JsonObject *
random_extra (GRand *rand)
{
  JsonObject *extra = json_object_new ();
  JsonObject *media = json_object_new ();
  JsonObject *background = json_object_new ();
  g_autofree char *caption = random_text (rand);
  g_autofree char *display = random_text (rand);
  g_autofree char *color = random_text (rand);

  json_object_set_string_member (media, "url", random_address (rand));
  json_object_set_string_member (media, "caption", caption);
  json_object_set_string_member (media, "thumbnail", random_address (rand));
  json_object_set_string_member (media, "link", random_address (rand));
  json_object_set_string_member (media, "link_target", color);
  json_object_set_object_member (extra, "media", media);
  json_object_set_string_member (background, "url", random_address (rand));
  json_object_set_string_member (background, "color", color);
  json_object_set_double_member (background, "opacity", g_rand_boolean (rand) ? 1e-300 : 1.5e308);
  json_object_set_object_member (extra, "background", background);
  json_object_set_string_member (extra, "display_date", display);
  json_object_set_string_member (extra, "autolink", display);

  return extra;
}

static DmDataset *
random_hostile_dataset (GRand *rand)
{
  DmDataset *dataset = dm_dataset_new ();
  guint n_kinds = g_rand_int_range (rand, 1, 6);
  g_autofree char *title = random_text (rand);
  DmSource *source = dm_source_new ();

  dm_dataset_set_title (dataset, title, title);
  for (guint k = 0; k < n_kinds; k++)
    {
      DmKind *kind = dm_kind_new ();

      kind->id = g_strdup_printf ("k%u", k);
      set_random_text (rand, &kind->label);
      dm_dataset_add_kind (dataset, kind);
    }

  source->id = g_strdup ("s");
  set_random_text (rand, &source->title);
  source->publisher = random_text (rand);
  source->url = g_strdup (random_address (rand));
  dm_dataset_add_source (dataset, source);

  for (guint i = 0, n = g_rand_int_range (rand, 1, 30); i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      DmActor *actor = dm_actor_new ();
      DmCitation *citation = dm_citation_new ();
      DmLink *link = dm_link_new ();

      event->id = g_rand_boolean (rand) ? g_strdup_printf ("e%u", i) : g_strdup_printf ("e%u%s", i, fragments[g_rand_int_range (rand, 0, 11)]);
      event->kind = g_strdup_printf ("k%u", g_rand_int_range (rand, 0, n_kinds));
      random_date (rand, &event->start);
      if (g_rand_boolean (rand))
        {
          DmDate end;

          random_date (rand, &end);
          if (dm_date_compare (&end, &event->start) >= 0)
            event->end = end;
        }
      event->certainty = g_rand_int_range (rand, DM_CERTAINTY_STATED, DM_CERTAINTY_APPROXIMATE + 1);
      set_random_text (rand, &event->title);
      set_random_text (rand, &event->summary);
      set_random_text (rand, &event->place);

      actor->name = random_text (rand);
      event->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_actor_free);
      g_ptr_array_add (event->actors, actor);

      citation->source = g_strdup ("s");
      citation->quote = random_text (rand);
      event->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
      g_ptr_array_add (event->citations, citation);

      link->url = g_strdup (random_address (rand));
      set_random_text (rand, &link->title);
      event->links = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_link_free);
      g_ptr_array_add (event->links, link);

      event->extra = random_extra (rand);
      dm_dataset_add_event (dataset, event);
    }

  dm_dataset_finish (dataset);
  return dataset;
}

static void
test_random (void)
{
  for (guint seed = 0; seed < 24; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(DmDataset) dataset = random_hostile_dataset (rand);

      g_test_message ("seed %u", seed);
      assert_exports_safe (dataset, seed % 2 ? DM_LANGUAGE_EN : DM_LANGUAGE_VI, 600);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scratch = dm_test_make_dir ();

  g_test_add_func ("/hostile/svg-controls", test_svg_controls);
  g_test_add_func ("/hostile/random", test_random);
  g_test_add_data_func ("/hostile/labels-bounded/mark-flood", "mark-flood.json", test_labels_bounded);
  g_test_add_data_func ("/hostile/labels-bounded/huge-texts", "huge-texts.json", test_labels_bounded);
  generated = dm_test_hostile_add_tests ("/hostile/export", test_export, &paths);

  status = g_test_run ();

  dm_test_remove_dir (scratch);
  dm_test_remove_dir (generated);
  g_free (scratch);
  g_free (generated);

  return status;
}
