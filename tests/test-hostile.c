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
#include "dm-safe-text.h"
#include "dm-test-hostile.h"
#include "dm-test-safe.h"
#include "dm-test-util.h"

/* Far more than any case takes; only a stall reaches it. */
#define WATCHDOG_SECONDS 240

typedef struct
{
  GMutex      lock;
  GCond       cond;
  gboolean    done;
  const char *what;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *w = data;
  gint64 end = g_get_monotonic_time () + WATCHDOG_SECONDS * G_TIME_SPAN_SECOND;

  g_mutex_lock (&w->lock);
  while (!w->done)
    if (!g_cond_wait_until (&w->cond, &w->lock, end))
      g_error ("%s: still running after %d s", w->what, WATCHDOG_SECONDS);
  g_mutex_unlock (&w->lock);

  return NULL;
}

static GThread *
watchdog_start (Watchdog   *w,
                const char *what)
{
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->done = FALSE;
  w->what = what;
  return g_thread_new ("watchdog", watchdog_thread, w);
}

static void
watchdog_stop (Watchdog *w,
               GThread  *thread)
{
  g_mutex_lock (&w->lock);
  w->done = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
  g_thread_join (thread);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
}

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

static void
test_export (gconstpointer data)
{
  const char *path = data;
  static const char * const names[] = { "out.png", "out.svg", "out.pdf" };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  Watchdog watchdog;
  GThread *thread = watchdog_start (&watchdog, path);

  dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint f = DM_EXPORT_PNG; f <= DM_EXPORT_PDF; f++)
    {
      g_autofree char *out_path = g_build_filename (scratch, names[f], NULL);
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      DmExportOptions options;

      g_test_message ("%s → %s", path, names[f]);
      dm_export_options_init (&options, dataset);
      options.language = DM_LANGUAGE_EN;
      dm_export_to_file (&options, f, out, NULL, &error);
      g_assert_no_error (error);

      if (f == DM_EXPORT_PNG)
        assert_png (out_path);
      else if (f == DM_EXPORT_SVG)
        assert_svg (out_path);
      else
        assert_pdf (out_path);
      g_assert_cmpint (g_remove (out_path), ==, 0);
    }

  for (DmLanguage language = DM_LANGUAGE_VI; language <= DM_LANGUAGE_EN; language++)
    {
      g_autofree char *json = NULL;
      gsize length;

      json = dm_export_timelinejs (dataset, language, &length);
      dm_test_assert_safe_timelinejs (json, length);
    }

  watchdog_stop (&watchdog, thread);
}

/* Control characters become characters XML can carry, and the SVG's text
 * layer says what the screen shows. */
static void
test_svg_controls (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", "content", "controls.json", NULL);
  g_autofree char *out_path = g_build_filename (scratch, "controls.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  DmExportOptions options;

  dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  dm_export_options_init (&options, dataset);
  options.language = DM_LANGUAGE_EN;
  g_assert_true (dm_export_to_file (&options, DM_EXPORT_SVG, out, NULL, &error));
  g_assert_no_error (error);

  assert_svg (out_path);
  g_assert_true (g_file_get_contents (out_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<title>Controls ␁␛[31mred␇ bell␌␡ "));
  g_assert_nonnull (strstr (svg, ">Second ␆</text>"));
  g_assert_cmpint (g_remove (out_path), ==, 0);
}

/* What is drawn is bounded before it reaches Pango: the SVG's text layer
 * says what each label held. A title of 200 000 combining marks on one
 * letter took an export over 40 s; megabyte titles stalled it. */
static void
test_labels_bounded (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (generated, name, NULL);
  g_autofree char *out_path = g_build_filename (scratch, "labels.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  DmExportOptions options;
  guint texts = 0;

  dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  dm_export_options_init (&options, dataset);
  options.language = DM_LANGUAGE_EN;
  g_assert_true (dm_export_to_file (&options, DM_EXPORT_SVG, out, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out_path, &svg, NULL, NULL));
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
  g_assert_cmpint (g_remove (out_path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scratch = g_dir_make_tmp ("daumoc-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  generated = g_dir_make_tmp ("daumoc-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  dm_test_hostile_write_generated (generated);
  paths = dm_test_hostile_list (generated);

  g_test_add_func ("/hostile/svg-controls", test_svg_controls);
  g_test_add_data_func ("/hostile/labels-bounded/mark-flood", "mark-flood.json", test_labels_bounded);
  g_test_add_data_func ("/hostile/labels-bounded/huge-texts", "huge-texts.json", test_labels_bounded);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (paths, i));
      g_autofree char *test_path = g_strdup_printf ("/hostile/export/%s", base);

      g_test_add_data_func (test_path, g_ptr_array_index (paths, i), test_export);
    }

  status = g_test_run ();

  dm_test_remove_dir (scratch);
  dm_test_remove_dir (generated);
  g_free (scratch);
  g_free (generated);

  return status;
}
