/* test-source-viewer.c — Show in Source stays in the timeline's folder and
 * never stops the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dm-source-text.h"
#include "dm-source-viewer.h"
#include "dm-test-util.h"
#include "dm-test-window.h"

/* One event citing each of these texts, in this order. */
static const char *const source_files[] = {
  "ok.txt",         /* 0: a text, shown */
  "alias.txt",      /* 1: a link to a text inside the folder, shown */
  "passwd.txt",     /* 2: a link to /etc/passwd */
  "pipe.txt",       /* 3: a FIFO nobody writes to */
  "zero.txt",       /* 4: a link to /dev/zero */
  "large.txt",      /* 5: 200 MB */
  "binary.txt",     /* 6: a program's first bytes */
  "latin1.txt",     /* 7: text in ISO 8859-1 */
  "missing.txt",    /* 8: not there */
};

#define QUOTE "Nghị quyết 52 được ban hành"

/* The main loop must keep turning: if it stops (a blocking read on the
 * main thread), the watchdog fails the test instead of letting it hang. */
typedef struct
{
  char     *dir;
  GFile    *file;
  DmWindow *window;
  DmTestWatchdog *watchdog;
} Fixture;

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
write_dataset (const char *dir)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);

  g_string_append (json, "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"Sources\"},\n"
                         " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"Kind\"}}],\n \"sources\": [\n");
  for (guint i = 0; i < G_N_ELEMENTS (source_files); i++)
    g_string_append_printf (json, "  {\"id\": \"s%u\", \"title\": {\"en\": \"Source %u\"}, \"file\": \"%s\"}%s\n",
                            i, i, source_files[i], i + 1 < G_N_ELEMENTS (source_files) ? "," : "");
  g_string_append (json, " ],\n \"events\": [{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2019-09-27\", "
                         "\"title\": {\"en\": \"Event\"}, \"citations\": [\n");
  for (guint i = 0; i < G_N_ELEMENTS (source_files); i++)
    g_string_append_printf (json, "  {\"source\": \"s%u\", \"quote\": \"%s\"}%s\n",
                            i, QUOTE, i + 1 < G_N_ELEMENTS (source_files) ? "," : "");
  g_string_append (json, " ]}]}\n");

  write_file (path, json->str, (gssize) json->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sources = NULL;
  g_autofree char *path = NULL;
  g_autofree char *real = NULL;
  static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0";
  int fd;

  fixture->watchdog = dm_test_watchdog_start ("the window stopped responding", 60);
  fixture->dir = g_dir_make_tmp ("daumoc-sources-XXXXXX", NULL);
  sources = g_build_filename (fixture->dir, "sources", NULL);
  g_assert_cmpint (g_mkdir (sources, 0700), ==, 0);
  write_dataset (fixture->dir);

  path = g_build_filename (sources, "ok.txt", NULL);
  write_file (path, "Hà Nội, 27/9/2019. " QUOTE " về chủ trương tham gia cách mạng công nghiệp lần thứ tư.", -1);
  g_clear_pointer (&path, g_free);

  /* A link that stays inside the folder is fine. */
  real = g_build_filename (fixture->dir, "real.txt", NULL);
  write_file (real, "Bản gốc: " QUOTE ".", -1);
  path = g_build_filename (sources, "alias.txt", NULL);
  g_assert_cmpint (symlink ("../real.txt", path), ==, 0);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (sources, "passwd.txt", NULL);
  g_assert_cmpint (symlink ("/etc/passwd", path), ==, 0);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (sources, "pipe.txt", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (sources, "zero.txt", NULL);
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  g_clear_pointer (&path, g_free);

  /* Sparse: 200 MB that take no room on the disk. */
  path = g_build_filename (sources, "large.txt", NULL);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 200 * 1000 * 1000), ==, 0);
  close (fd);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (sources, "binary.txt", NULL);
  write_file (path, binary, sizeof binary - 1);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (sources, "latin1.txt", NULL);
  write_file (path, "Caf\xe9 au lait", -1);
  g_clear_pointer (&path, g_free);

  path = g_build_filename (fixture->dir, "timeline.json", NULL);
  fixture->file = g_file_new_for_path (path);
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->file);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  dm_test_watchdog_stop (fixture->watchdog);
}

/* Runs the main loop until @done (watched by the watchdog). */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  g_assert_true (dm_test_run_until (done, data, 20));
}

static gboolean
has_dataset (gpointer data)
{
  return dm_window_get_dataset (data) != NULL;
}

static void
open_window (Fixture *fixture,
             GFile   *file)
{
  fixture->window = dm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  dm_window_open (fixture->window, file);
  wait_for (has_dataset, fixture->window);
}

static gboolean
problem_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (data, "problem_revealer")));
}

/* Asks for citation @index's source, as its button does; returns the
 * problem shown. */
static const char *
show_source_problem (DmWindow *window,
                     guint     index)
{
  GtkWidget *label = dm_test_window_child (window, "problem_label");

  gtk_revealer_set_reveal_child (GTK_REVEALER (dm_test_window_child (window, "problem_revealer")), FALSE);
  g_signal_emit_by_name (dm_test_window_child (window, "detail_pane"), "show-source", 0, index);
  wait_for (problem_shown, window);

  /* Said in full, where the label is too narrow for it. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, gtk_label_get_label (GTK_LABEL (label)));
  return gtk_label_get_label (GTK_LABEL (label));
}

static GtkWindow *
find_viewer (DmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) && ADW_IS_WINDOW (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
viewer_shown (gpointer data)
{
  return find_viewer (data) != NULL;
}

static void
assert_viewer_shows (DmWindow   *window,
                     guint       index,
                     const char *expected)
{
  GtkWindow *viewer;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  g_autofree char *selected = NULL;

  gtk_revealer_set_reveal_child (GTK_REVEALER (dm_test_window_child (window, "problem_revealer")), FALSE);
  g_signal_emit_by_name (dm_test_window_child (window, "detail_pane"), "show-source", 0, index);
  wait_for (viewer_shown, window);
  viewer = find_viewer (window);

  buffer = gtk_text_view_get_buffer (dm_test_find_text_view (GTK_WIDGET (viewer)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, expected);

  /* The quote is selected. */
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, QUOTE);

  gtk_window_destroy (viewer);
  g_assert_false (problem_shown (window));
}

static void
test_shows_text (Fixture       *fixture,
                 gconstpointer  data)
{
  open_window (fixture, fixture->file);

  assert_viewer_shows (fixture->window, 0,
                       "Hà Nội, 27/9/2019. " QUOTE " về chủ trương tham gia cách mạng công nghiệp lần thứ tư.");
  /* A link that stays in the folder is followed. */
  assert_viewer_shows (fixture->window, 1, "Bản gốc: " QUOTE ".");
}

/* A link out of the folder is refused, and the text behind it not shown. */
static void
test_link_out_of_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *text;

  open_window (fixture, fixture->file);

  text = show_source_problem (fixture->window, 2);
  g_assert_cmpstr (text, ==,
                   "The source text “passwd.txt” is not shown: it leads to “/etc/passwd”, outside the timeline’s folder.");
  g_assert_null (find_viewer (fixture->window));

  text = show_source_problem (fixture->window, 4);
  g_assert_cmpstr (text, ==,
                   "The source text “zero.txt” is not shown: it leads to “/dev/zero”, outside the timeline’s folder.");
  g_assert_null (find_viewer (fixture->window));
}

/* The whole `sources` folder is a link out of the timeline's folder. */
static void
test_folder_link_out (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sources = g_build_filename (fixture->dir, "sources", NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "kept", NULL);
  g_autofree char *path = NULL;
  const char *text;

  g_assert_cmpint (g_rename (sources, moved), ==, 0);
  g_assert_cmpint (symlink ("/etc", sources), ==, 0);
  /* The dataset names a file that /etc has. */
  path = g_build_filename (fixture->dir, "timeline.json", NULL);
  {
    g_autofree char *json = NULL;
    g_autofree char *replaced = NULL;
    g_auto(GStrv) parts = NULL;

    g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
    parts = g_strsplit (json, "\"ok.txt\"", -1);
    replaced = g_strjoinv ("\"passwd\"", parts);
    write_file (path, replaced, -1);
  }

  open_window (fixture, fixture->file);
  text = show_source_problem (fixture->window, 0);
  g_assert_cmpstr (text, ==,
                   "The source text “passwd” is not shown: it leads to “/etc/passwd”, outside the timeline’s folder.");
  g_assert_null (find_viewer (fixture->window));

  g_assert_cmpint (g_unlink (sources), ==, 0);
}

/* What is not a text is refused at once, saying why, and the window goes
 * on responding. */
static void
test_not_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *limit = g_format_size (DM_SOURCE_TEXT_MAX_SIZE);
  g_autofree char *large = NULL;

  open_window (fixture, fixture->file);

  g_assert_cmpstr (show_source_problem (fixture->window, 3), ==,
                   "The source text “pipe.txt” is not shown: it is not a regular file (a device, a pipe or a socket).");

  large = g_strdup_printf ("The source text “large.txt” is not shown: it is 200.0\u00a0MB, and source texts of up to %s are shown.",
                           limit);
  g_assert_cmpstr (limit, ==, "4.0\u00a0MB");
  g_assert_cmpstr (show_source_problem (fixture->window, 5), ==, large);

  g_assert_cmpstr (show_source_problem (fixture->window, 6), ==,
                   "The source text “binary.txt” is not shown: it has a zero byte at byte 7, so it is not a text file.");
  g_assert_cmpstr (show_source_problem (fixture->window, 7), ==,
                   "The source text “latin1.txt” is not shown: it is not UTF-8 text (byte 3 is 0xE9, which UTF-8 "
                   "does not allow there).");
  g_assert_cmpstr (show_source_problem (fixture->window, 8), ==, "The source text “missing.txt” is not available.");
  g_assert_null (find_viewer (fixture->window));

  /* And a good one still opens after all that. */
  assert_viewer_shows (fixture->window, 0,
                       "Hà Nội, 27/9/2019. " QUOTE " về chủ trương tham gia cách mạng công nghiệp lần thứ tư.");
}

/* A text just over the limit is refused, one at the limit is read. */
static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sources", "ok.txt", NULL);
  g_autofree char *text = g_malloc (DM_SOURCE_TEXT_MAX_SIZE + 2);
  g_autofree char *loaded = NULL;
  g_autoptr(GError) error = NULL;

  memset (text, 'a', DM_SOURCE_TEXT_MAX_SIZE + 1);
  write_file (path, text, DM_SOURCE_TEXT_MAX_SIZE);
  loaded = dm_source_text_load (fixture->file, "ok.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (loaded), ==, DM_SOURCE_TEXT_MAX_SIZE);

  write_file (path, text, DM_SOURCE_TEXT_MAX_SIZE + 1);
  g_clear_pointer (&loaded, g_free);
  loaded = dm_source_text_load (fixture->file, "ok.txt", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

/* The bundled timeline's texts come from the resources. */
static void
test_bundled (void)
{
  DmWindow *window = dm_test_open_bundled_window (1000, 700);
  DmDataset *dataset = dm_window_get_dataset (window);
  GtkWindow *viewer;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  guint position;

  for (position = 0; position < dm_dataset_get_n_events (dataset); position++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, position);

      if (event->citations != NULL && event->citations->len > 0)
        break;
    }
  g_assert_cmpuint (position, <, dm_dataset_get_n_events (dataset));

  g_signal_emit_by_name (dm_test_window_child (window, "detail_pane"), "show-source", (int) position, 0u);
  wait_for (viewer_shown, window);
  viewer = find_viewer (window);
  buffer = gtk_text_view_get_buffer (dm_test_find_text_view (GTK_WIDGET (viewer)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 1000);
  /* The quote is found and selected. */
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));

  gtk_window_destroy (viewer);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
viewer_gone (gpointer data)
{
  return find_viewer (data) == NULL;
}

static GtkWindow *
show_bundled_source (DmWindow *window)
{
  g_signal_emit_by_name (dm_test_window_child (window, "detail_pane"), "show-source", 0, 0u);
  wait_for (viewer_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_viewer (window)));
  return find_viewer (window);
}

/* The viewer is a window to read beside the timeline, not a modal one;
 * Esc and Ctrl+W, pressed through the X server, close it; it opens again
 * at the size it was left at. */
G_GNUC_UNUSED static void
test_keys_and_size (void)
{
  DmWindow *window = dm_test_open_bundled_window (1000, 700);
  GtkWindow *viewer = show_bundled_source (window);
  int width;
  int height;

  g_assert_false (gtk_window_get_modal (viewer));
  dm_test_press_keys (100, 100, "Escape");
  wait_for (viewer_gone, window);

  viewer = show_bundled_source (window);
  gtk_window_set_default_size (viewer, 640, 480);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  dm_test_press_keys (100, 100, "ctrl+w");
  wait_for (viewer_gone, window);

  viewer = show_bundled_source (window);
  gtk_window_get_default_size (viewer, &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);

  gtk_window_destroy (viewer);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add ("/source-viewer/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shows-text", test_shows_text);
  ADD ("link-out-of-folder", test_link_out_of_folder);
  ADD ("folder-link-out", test_folder_link_out);
  ADD ("not-text", test_not_text);
  ADD ("limit", test_limit);
#undef ADD
  g_test_add_func ("/source-viewer/bundled", test_bundled);
#ifdef DM_TEST_XDOTOOL
  g_test_add_func ("/source-viewer/keys-and-size", test_keys_and_size);
#endif

  return g_test_run ();
}
