/* test-window-files.c — the window and the files it reads and writes:
 * exports never destroy the timeline they were made from, and any file
 * name is shown as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dm-test-util.h"
#include "dm-test-window.h"

static const char timeline[] =
  "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"Mine\"},\n"
  " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"Kind\"}}],\n"
  " \"sources\": [{\"id\": \"s\", \"title\": {\"en\": \"Source\"}, \"file\": \"s.txt\"}],\n"
  " \"events\": [{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2020\", \"title\": {\"en\": \"Event\"},\n"
  "   \"citations\": [{\"source\": \"s\", \"quote\": \"what TimelineJS cannot hold\"}]}]}\n";

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  g_assert_true (dm_test_run_until (done, data, 10));
}

static gboolean
has_dataset (gpointer data)
{
  return dm_window_get_dataset (data) != NULL;
}

static gboolean
problem_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (data, "problem_revealer")));
}

/* As accepting the Export dialog and the file chooser does. */
static void
export_to (DmWindow   *window,
           const char *format,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_revealer_set_reveal_child (GTK_REVEALER (dm_test_window_child (window, "problem_revealer")), FALSE);
  dm_window_export_to_file (window, format, file);
}

static void
test_not_onto_itself (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.timelinejs.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.timelinejs.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.timelinejs.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *after = NULL;
  DmWindow *window;
  const char *message;

  g_assert_true (g_file_set_contents (path, timeline, -1, NULL));
  g_assert_cmpint (symlink ("mine.timelinejs.json", link), ==, 0);

  window = dm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_until (has_dataset, window);

  /* By its own name, and by another name for the same file. */
  export_to (window, "timelinejs", path);
  g_assert_true (problem_shown (window));
  message = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  g_assert_cmpstr (message, ==,
                   "Could not export: “mine.timelinejs.json” is the timeline being shown, which the export would "
                   "replace and lose; choose another name");

  export_to (window, "pdf", link);
  g_assert_true (problem_shown (window));
  message = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  g_assert_nonnull (strstr (message, "“link.timelinejs.json” is the timeline being shown"));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, timeline);

  /* Another file is written as ever. */
  export_to (window, "timelinejs", other);
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  g_assert_false (problem_shown (window));

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

/* A file name need not be UTF-8: it is shown legibly, with no Pango
 * warning (fatal in the tests), and the problem keeps its tooltip. */
static void
test_non_utf8_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-export-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "caf\xe9.json", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  GtkWidget *label;
  DmWindow *window;
  const char *message;

  g_assert_true (g_file_set_contents (good, timeline, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"daumoc-timeline\", \"version\": 1,", -1, NULL));

  window = dm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, good_file);
  wait_until (has_dataset, window);

  dm_window_open (window, bad_file);
  wait_until (problem_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  label = dm_test_window_child (window, "problem_label");
  message = gtk_label_get_label (GTK_LABEL (label));
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_true (g_str_has_prefix (message, "“caf\uFFFD.json” could not be opened; the timeline shown is unchanged."));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, message);

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-files/not-onto-itself", test_not_onto_itself);
  g_test_add_func ("/window-files/non-utf8-name", test_non_utf8_name);

  return g_test_run ();
}
