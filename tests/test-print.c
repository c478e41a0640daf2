/* test-print.c — printing is the PDF handout: printed to a file through
 * GtkPrintOperation, it has the export's pages, sizes and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dm-application.h"
#include "dm-export.h"
#include "dm-window.h"
#include "dm-test-export.h"
#include "dm-test-util.h"
#include "dm-test-window.h"

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  return dm_test_run_tool (argv, FALSE);
}

/* "Page N size: W x H pts" for every page. */
static char *
pdf_sizes (const char *path)
{
  const char *count[] = { "pdfinfo", path, NULL };
  g_autofree char *info = dm_test_run_tool (count, FALSE);
  const char *pages = strstr (info, "\nPages:");
  g_autofree char *last = NULL;
  g_autoptr(GString) sizes = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (pages);
  last = g_strdup_printf ("%u", (guint) g_ascii_strtoull (pages + 7, NULL, 10));
  {
    const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
    g_autofree char *all = dm_test_run_tool (argv, FALSE);

    lines = g_strsplit (all, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Page ") && strstr (lines[i], " size:") != NULL)
      {
        /* Sizes to the point: GTK rounds the paper to its own units. */
        const char *size = strstr (lines[i], "size:") + 5;
        double w = g_ascii_strtod (size, (char **) &size);

        while (*size == ' ' || *size == 'x')
          size++;
        g_string_append_printf (sizes, "%.0fx%.0f ", w, g_ascii_strtod (size, NULL));
      }

  return g_string_free (g_steal_pointer (&sizes), FALSE);
}

/* The bundled dataset in a window, and a scratch folder. */
typedef struct
{
  DmWindow *window;
  char     *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = dm_test_open_bundled_window (1280, 800);
  f->dir = dm_test_make_dir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  dm_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_print_matches_export (Fixture       *f,
                           gconstpointer  data)
{
  DmWindow *window = f->window;
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autofree char *printed_sizes = NULL;
  g_autofree char *exported_sizes = NULL;
  DmExportOptions options;

  dm_window_print_to_file (window, printed, NULL);
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));

  dm_export_options_init (&options, dm_window_get_dataset (window));
  options.language = dm_window_get_language (window);
  exported = dm_test_export (&options, DM_EXPORT_PDF, f->dir, "exported.pdf");

  printed_sizes = pdf_sizes (printed);
  exported_sizes = pdf_sizes (exported);
  g_assert_cmpstr (printed_sizes, ==, exported_sizes);
  /* A4 (the C locale's paper): the cover portrait, the timeline turned. */
  g_assert_true (g_str_has_prefix (printed_sizes, "595x842 842x595 "));

  printed_text = pdf_text (printed);
  exported_text = pdf_text (exported);
  g_assert_nonnull (strstr (printed_text, "Page 1 of"));
  g_assert_nonnull (strstr (printed_text, "Vietnam and the Fourth Industrial Revolution"));
  g_assert_cmpstr (printed_text, ==, exported_text);

}

/* The page setup chosen is the handout's paper: Letter, landscape, and
 * the text with it. */
static void
test_print_page_setup (Fixture       *f,
                       gconstpointer  data)
{
  DmWindow *window = f->window;
  g_autofree char *printed = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autofree char *printed_sizes = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  DmExportOptions options;
  g_auto(GStrv) sizes = NULL;

  gtk_page_setup_set_paper_size (setup, letter);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  dm_window_print_to_file (window, printed, setup);

  printed_sizes = pdf_sizes (printed);
  sizes = g_strsplit (g_strstrip (printed_sizes), " ", -1);
  g_assert_cmpuint (g_strv_length (sizes), >=, 4);
  for (guint i = 0; sizes[i] != NULL; i++)
    g_assert_cmpstr (sizes[i], ==, "792x612");

  dm_export_options_init (&options, dm_window_get_dataset (window));
  options.language = dm_window_get_language (window);
  options.paper = DM_PAPER_LETTER;
  options.orientation = DM_ORIENTATION_LANDSCAPE;
  exported = dm_test_export (&options, DM_EXPORT_PDF, f->dir, "exported.pdf");
  printed_text = pdf_text (printed);
  exported_text = pdf_text (exported);
  g_assert_cmpstr (printed_text, ==, exported_text);

}

int
main (int   argc,
      char *argv[])
{
  /* The cover's date: the same for the print and the export. */
  g_setenv ("SOURCE_DATE_EPOCH", "1764547200", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/print/matches-export", Fixture, NULL, fixture_setup, test_print_matches_export, fixture_teardown);
  g_test_add ("/print/page-setup", Fixture, NULL, fixture_setup, test_print_page_setup, fixture_teardown);

  return g_test_run ();
}
