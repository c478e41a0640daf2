/* test-export-image.c — PNG, SVG and PDF exports of the timeline, made
 * with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "dm-export.h"
#include "dm-loader.h"
#include "dm-scene.h"
#include "dm-test-export.h"
#include "dm-test-story.h"
#include "dm-test-util.h"

typedef DmTestExportFixture Fixture;
#define fixture_setup dm_test_export_fixture_setup
#define fixture_teardown dm_test_export_fixture_teardown

/* What poppler's pdftotext or pdfinfo prints for the PDF at @path. */
static char *
read_pdf (const char *tool,
          const char *path)
{
  const char *argv[] = { tool, "-enc", "UTF-8", path, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };

  return dm_test_run_tool (argv, FALSE);
}

/* Pixels that are not the white background. */
static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint ink = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, sizeof pixel);
        if ((pixel & 0xFFFFFF) != 0xFFFFFF && (pixel >> 24) != 0)
          ink++;
      }

  return ink;
}

static void
test_png_size (Fixture       *f,
               gconstpointer  data)
{
  static const struct {
    int width;
    int height;
    double scale;
  } sizes[] = {
    { 1200, 600, 1 },
    { 800, 450, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = NULL;
      DmExportOptions options;
      cairo_surface_t *surface;

      dm_export_options_init (&options, f->dataset);
      options.width = sizes[i].width;
      options.height = sizes[i].height;
      options.scale = sizes[i].scale;
      path = dm_test_export (&options, DM_EXPORT_PNG, f->dir, "timeline.png");

      surface = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) (sizes[i].width * sizes[i].scale));
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) (sizes[i].height * sizes[i].scale));
      g_assert_cmpuint (count_ink (surface), >, 1000);
      cairo_surface_destroy (surface);
    }
}

/* The SVG loads and renders with librsvg to a picture with something in
 * it, and names the events. */
static void
test_svg_renders (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GObject) handle = NULL;
  DmExportOptions options;
  RsvgRectangle viewport = { 0, 0, 1000, 500 };
  cairo_surface_t *surface;
  cairo_t *cr;

  dm_export_options_init (&options, f->dataset);
  options.width = 1000;
  options.language = DM_LANGUAGE_EN;
  path = dm_test_export (&options, DM_EXPORT_SVG, f->dir, "timeline.svg");

  handle = G_OBJECT (rsvg_handle_new_from_file (path, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 500);
  cr = cairo_create (surface);
  g_assert_true (rsvg_handle_render_document (RSVG_HANDLE (handle), cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  g_assert_cmpuint (count_ink (surface), >, 1000);
  cairo_surface_destroy (surface);

  /* Text stays text (in a layer over the drawn glyphs), and the file says
   * what it is and what made it. */
  {
    g_autofree char *svg = NULL;

    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "<title>Vietnam and the Fourth Industrial Revolution"));
    g_assert_nonnull (strstr (svg, "<dc:creator>Dấu Mốc"));
    g_assert_nonnull (strstr (svg, ">Forum / workshop</text>"));
    g_assert_nonnull (strstr (svg, ">Memorandum of understanding signed"));
  }
}

/* The PDF is a handout: its text holds every event's title, and it says
 * what it is and what made it. */
static void
test_pdf_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *flat = NULL;
  DmExportOptions options;

  dm_export_options_init (&options, f->dataset);
  options.language = DM_LANGUAGE_EN;
  path = dm_test_export (&options, DM_EXPORT_PDF, f->dir, "handout.pdf");

  text = read_pdf ("pdftotext", path);
  info = read_pdf ("pdfinfo", path);

  /* Line breaks and hyphens of the layout aside, each title is there. */
  flat = g_strdup (text);
  for (char *p = flat; *p; p++)
    if (*p == '\n')
      *p = ' ';
  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    {
      const char *title = dm_dataset_get_event (f->dataset, i)->title.en;
      g_autofree char *start = g_strndup (title, 24);

      if (strstr (flat, start) == NULL)
        g_error ("the PDF's text lacks “%s”", start);
    }

  g_assert_nonnull (strstr (info, "Vietnam and the Fourth Industrial Revolution"));
  g_assert_nonnull (strstr (info, "Dấu Mốc"));

  /* Honest dates and names: a key to the marks under the timeline,
   * open-ended dates said as such, a name as the source prints it, quotes
   * with their translation. */
  g_assert_nonnull (strstr (flat, "open-ended: only one bound known"));
  g_assert_nonnull (strstr (flat, "no later than 9 November 2021 · "));
  g_assert_nonnull (strstr (flat, "Trần Anh Tuấn (as printed in the source)"));
  g_assert_nonnull (strstr (flat, "Translation: "));
}

/* Eras are shaded spans behind the lanes: a pixel of an empty lane inside
 * an era differs from one outside it. */
static void
test_eras_drawn (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "timelinejs", "napoleon.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 400);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = pango_cairo_create_context (cr);
  const DmEra *era;
  DmScene scene;
  double inside;
  double outside;
  guint32 in_pixel;
  guint32 out_pixel;
  int stride = cairo_image_surface_get_stride (surface);
  int y = 390;

  g_assert_no_error (error);
  g_assert_cmpuint (dm_dataset_get_n_eras (dataset), >, 0);
  era = dm_dataset_get_era (dataset, 0);

  dm_scene_init (&scene);
  scene.dataset = dataset;
  scene.pango = pango;
  scene.width = 1000;
  scene.height = 400;
  scene.background = (DmColor) { 1, 1, 1, 1 };
  dm_time_scale_fit (&scene.scale, dm_date_days_from_civil (1760, 1, 1), dm_date_days_from_civil (1830, 1, 1),
                     dm_scene_get_time_width (&scene), 0);
  dm_scene_draw (&scene, cr);
  cairo_surface_flush (surface);

  inside = scene.header_width + dm_time_scale_axis_to_x (&scene.scale, dm_date_get_axis_start (&era->start) + 200);
  outside = scene.header_width + dm_time_scale_axis_to_x (&scene.scale, dm_date_get_axis_start (&era->start) - 2000);
  memcpy (&in_pixel, cairo_image_surface_get_data (surface) + y * stride + (int) inside * 4, 4);
  memcpy (&out_pixel, cairo_image_surface_get_data (surface) + y * stride + (int) outside * 4, 4);
  g_assert_cmphex (in_pixel, !=, out_pixel);

  dm_scene_clear (&scene);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A failed export leaves no file behind. */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  DmExportOptions options;

  dm_export_options_init (&options, f->dataset);
  g_assert_false (dm_export_to_file (&options, DM_EXPORT_PDF, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Only the filtered events: a handout of resolutions has no MoU. */
static void
test_filtered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree guint8 *visible = g_new0 (guint8, dm_dataset_get_n_events (f->dataset));
  g_autofree char *text = NULL;
  DmExportOptions options;

  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    visible[i] = g_str_equal (dm_dataset_get_event (f->dataset, i)->kind, "resolution");

  dm_export_options_init (&options, f->dataset);
  options.visible = visible;
  path = dm_test_export (&options, DM_EXPORT_PDF, f->dir, "resolutions.pdf");

  text = read_pdf ("pdftotext", path);
  g_assert_nonnull (strstr (text, "Resolution"));
  g_assert_null (strstr (text, "Memorandum of understanding signed"));
}

/* A summary far taller than a page flows onto the following pages: the
 * PDF's text holds every one of its 6 000 words, in order. */
static void
test_long_text_flows (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_auto(GStrv) words = NULL;
  DmExportOptions options;
  DmEvent *event;
  guint next = 0;

  dm_dataset_set_title (dataset, NULL, "Long");
  dm_test_add_kinds (dataset, 1);
  event = dm_event_new ();
  event->id = g_strdup ("long");
  event->kind = g_strdup ("k0");
  g_assert_true (dm_date_init (&event->start, DM_DATE_PRECISION_YEAR, 2020, 0, 0, 0, 0));
  dm_text_set (&event->title, NULL, "A very long summary");
  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (summary, "%sw%04u", i ? " " : "", i);
  dm_text_set (&event->summary, NULL, summary->str);
  dm_dataset_add_event (dataset, event);
  dm_dataset_finish (dataset);

  dm_export_options_init (&options, dataset);
  options.language = DM_LANGUAGE_EN;
  path = dm_test_export (&options, DM_EXPORT_PDF, f->dir, "long.pdf");

  text = read_pdf ("pdftotext", path);
  words = g_strsplit_set (text, " \n\f", -1);
  for (guint i = 0; words[i] != NULL && next < 6000; i++)
    {
      g_autofree char *expected = g_strdup_printf ("w%04u", next);

      if (g_str_equal (words[i], expected))
        next++;
    }
  if (next < 6000)
    g_error ("the PDF's text stops at word %u of 6000", next);

  /* It took several pages. */
  info = read_pdf ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), >=, 4);
}

/* The story at a glance (issue 17) in the exports, whose PNG, SVG and
 * PDF draw one scene: at 1366×768 every event of the bundled dataset on
 * its own with a readable label, at 1920×1080 every title whole. */
static void
test_story_at_a_glance (Fixture       *f,
                        gconstpointer  data)
{
  static const int sizes[][2] = { { 1366, 768 }, { 1920, 1080 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      DmExportOptions options;
      DmScene scene;

      dm_export_options_init (&options, f->dataset);
      options.language = DM_LANGUAGE_EN;
      options.width = sizes[i][0];
      options.height = sizes[i][1];
      dm_export_get_scene (&options, &scene);
      g_assert_cmpfloat (scene.width, ==, sizes[i][0]);
      g_assert_cmpfloat (scene.height, ==, sizes[i][1]);
      dm_test_check_story (&scene, DM_LANGUAGE_EN, sizes[i][0] >= 1920);
      g_object_unref (scene.pango);
      dm_scene_clear (&scene);
    }
}

/* An export of some kinds draws only their lanes: the others take no room
 * and are not named (issue 23: `--kind=resolution,mou` drew four empty
 * lanes). */
static void
test_kinds_only (Fixture       *f,
                 gconstpointer  data)
{
  guint n_kinds = dm_dataset_get_n_kinds (f->dataset);
  guint n_events = dm_dataset_get_n_events (f->dataset);
  g_autofree guint8 *lanes = g_malloc0 (n_kinds);
  g_autofree guint8 *visible = g_malloc0 (n_events);
  g_autofree char *path = NULL;
  g_autofree char *svg = NULL;
  DmExportOptions options;
  DmScene scene;

  for (guint k = 0; k < n_kinds; k++)
    lanes[k] = g_str_equal (dm_dataset_get_kind (f->dataset, k)->id, "resolution") ||
               g_str_equal (dm_dataset_get_kind (f->dataset, k)->id, "mou");
  for (guint i = 0; i < n_events; i++)
    {
      const char *kind = dm_dataset_get_event (f->dataset, i)->kind;

      visible[i] = g_str_equal (kind, "resolution") || g_str_equal (kind, "mou");
    }

  dm_export_options_init (&options, f->dataset);
  options.language = DM_LANGUAGE_EN;
  options.visible = visible;
  options.lanes_shown = lanes;
  dm_export_get_scene (&options, &scene);
  for (guint k = 0; k < n_kinds; k++)
    {
      double top;
      double height;

      dm_scene_get_lane_extent (&scene, k, &top, &height);
      if (lanes[k])
        g_assert_cmpfloat (height, >, 0);
      else
        g_assert_cmpfloat (height, ==, 0);
    }
  g_object_unref (scene.pango);
  dm_scene_clear (&scene);

  path = dm_test_export (&options, DM_EXPORT_SVG, f->dir, "kinds.svg");
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Resolution / conclusion<"));
  g_assert_nonnull (strstr (svg, ">Memorandum of understanding<"));
  g_assert_null (strstr (svg, ">Forum / workshop<"));
  g_assert_null (strstr (svg, ">Milestone<"));

  /* With no height asked for, the key to the marks is under the lanes. */
  g_assert_nonnull (strstr (svg, ">Stated date<"));
  g_assert_nonnull (strstr (svg, ">Open-ended: only one bound known<"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-image/png-size", Fixture, NULL, fixture_setup, test_png_size, fixture_teardown);
  g_test_add ("/export-image/svg-renders", Fixture, NULL, fixture_setup, test_svg_renders, fixture_teardown);
  g_test_add ("/export-image/pdf-text", Fixture, NULL, fixture_setup, test_pdf_text, fixture_teardown);
  g_test_add ("/export-image/eras-drawn", Fixture, NULL, fixture_setup, test_eras_drawn, fixture_teardown);
  g_test_add ("/export-image/failure-leaves-nothing", Fixture, NULL, fixture_setup, test_failure_leaves_nothing, fixture_teardown);
  g_test_add ("/export-image/long-text-flows", Fixture, NULL, fixture_setup, test_long_text_flows, fixture_teardown);
  g_test_add ("/export-image/filtered", Fixture, NULL, fixture_setup, test_filtered, fixture_teardown);
  g_test_add ("/export-image/story-at-a-glance", Fixture, NULL, fixture_setup, test_story_at_a_glance, fixture_teardown);
  g_test_add ("/export-image/kinds-only", Fixture, NULL, fixture_setup, test_kinds_only, fixture_teardown);

  return g_test_run ();
}
