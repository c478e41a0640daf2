/* test-hostile-window.c — valid but hostile datasets in the window
 *
 * Each member of the hostile-content corpus (dm-test-hostile.h) is opened
 * in the real window, its events selected (the detail pane rebuilt for
 * each) and presented, under a generous watchdog and with warnings fatal:
 * nothing may crash, stall or print a critical. Then what a person sees:
 * long texts bounded with a way to see more, bidi overrides shown as what
 * they are, and many kinds scrolling inside a window that fits the screen.
 * (test-hostile.c exports the same corpus to every format.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-detail-pane.h"
#include "dm-presentation.h"
#include "dm-test-a11y.h"
#include "dm-test-hostile.h"
#include "dm-test-util.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

/* Far more than any case takes; only a stall reaches it. */
#define WATCHDOG_SECONDS 240

static char *generated;

/* A window of 1200 × 760 showing @path, once it is loaded and drawn. */
static DmWindow *
open_window (const char *path)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  while (dm_window_get_dataset (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_object_set (window, "data-language", "en", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", "content", name, NULL);
}

static DmPresentation *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, DM_TYPE_PRESENTATION))
        return DM_PRESENTATION (item);
    }

  return NULL;
}

/* Opened, every few events selected and drawn, then presented. */
static void
test_open (gconstpointer data)
{
  const char *path = data;
  DmTestWatchdog *watchdog;
  DmWindow *window;
  DmTimelineView *timeline;
  DmDetailPane *pane;
  DmPresentation *presentation;
  guint n;
  guint step;

  watchdog = dm_test_watchdog_start (path, WATCHDOG_SECONDS);
  window = open_window (path);
  timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  pane = DM_DETAIL_PANE (dm_test_window_child (window, "detail_pane"));

  n = dm_dataset_get_n_events (dm_window_get_dataset (window));
  step = MAX (n / 8, 1);
  for (guint i = 0; i < n; i += step)
    {
      dm_timeline_view_set_selected (timeline, (int) i);
      g_assert_cmpint (dm_detail_pane_get_event (pane), ==, (int) i);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }
  dm_timeline_view_set_selected (timeline, (int) n - 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Every event in a lane scrolled into view: draw the last lane too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom", "s", "fit"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (presentation));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.step", "i", -1));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (presentation));
  gtk_window_destroy (GTK_WINDOW (presentation));

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_watchdog_stop (watchdog);
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, labels);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return dm_test_find_widget (root, is_button_labelled, label);
}

/* A megabyte of summary shows its start and a Show More button; a list
 * of 100 000 items is one label, not 100 000. */
static void
test_detail_bounded (void)
{
  g_autofree char *path = g_build_filename (generated, "huge-texts.json", NULL);
  g_autofree char *list_path = g_build_filename (generated, "huge-list.json", NULL);
  DmWindow *window = open_window (path);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  GtkWidget *pane = dm_test_window_child (window, "detail_pane");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *more;
  glong longest = 0;
  glong after = 0;

  dm_timeline_view_set_selected (timeline, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  collect_labels (pane, labels);
  for (guint i = 0; i < labels->len; i++)
    longest = MAX (longest, g_utf8_strlen (gtk_label_get_text (g_ptr_array_index (labels, i)), -1));
  g_assert_cmpint (longest, <=, 5001);
  g_assert_cmpint (longest, >, 1000);

  more = find_button (pane, "Show More");
  g_assert_nonnull (more);
  g_signal_emit_by_name (more, "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_ptr_array_set_size (labels, 0);
  collect_labels (pane, labels);
  for (guint i = 0; i < labels->len; i++)
    after = MAX (after, g_utf8_strlen (gtk_label_get_text (g_ptr_array_index (labels, i)), -1));
  g_assert_cmpint (after, >, longest);
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_window (list_path);
  timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  pane = dm_test_window_child (window, "detail_pane");
  dm_timeline_view_set_selected (timeline, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_ptr_array_set_size (labels, 0);
  collect_labels (pane, labels);
  g_assert_cmpuint (labels->len, <, 50);
  g_assert_nonnull (find_button (pane, "Show More"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A right-to-left override in a name is shown as what it is: "photo_",
 * U+202E, "gpj.exe" must not read as photo_exe.jpg. */
static void
test_bidi_visible (void)
{
  g_autofree char *path = corpus_path ("bidi-names.json");
  DmWindow *window = open_window (path);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmDetailPane *pane = DM_DETAIL_PANE (dm_test_window_child (window, "detail_pane"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean title = FALSE;
  gboolean actor = FALSE;

  dm_timeline_view_set_selected (timeline, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (dm_detail_pane_get_title (pane), ==, "photo_[U+202E]gpj.exe");

  collect_labels (GTK_WIDGET (window), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      g_assert_null (strstr (text, "\xe2\x80\xae"));   /* U+202E */
      g_assert_null (strstr (text, "\xe2\x80\x8b"));   /* U+200B */
      g_assert_null (strstr (text, "\xe2\x81\xa6"));   /* U+2066 */
      title |= strstr (text, "photo_[U+202E]gpj.exe") != NULL;
      actor |= strstr (text, "Ann[U+202E]\xe2\x80\x8dna") != NULL;
    }
  g_assert_true (title);
  g_assert_true (actor);
  g_assert_nonnull (find_button (GTK_WIDGET (pane), "holiday [U+202E]gpj.exe"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* From about 30 kinds the window asked for more height than the screen
 * has; with 2000, its drawing was taller than cairo allows (a GSK
 * critical, then an abort). The lanes scroll instead. */
static void
test_many_kinds (void)
{
  static const guint counts[] = { 40, 2000 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/kinds-%u.json", generated, counts[c]);
      GString *kinds = g_string_new (NULL);
      GString *events = g_string_new (NULL);
      g_autofree char *name = g_path_get_basename (path);
      DmWindow *window;
      DmTimelineView *timeline;
      int minimum;
      double max;

      for (guint i = 0; i < counts[c]; i++)
        {
          g_string_append_printf (kinds, "%s{\"id\": \"k%u\", \"label\": {\"en\": \"Kind %u\"}}", i > 0 ? ", " : "", i, i);
          g_string_append_printf (events, "%s{\"id\": \"e%u\", \"kind\": \"k%u\", \"start\": \"%u\", \"title\": {\"en\": \"E %u\"}}",
                                  i > 0 ? ", " : "", i, i, 1000 + i, i);
        }
      dm_test_hostile_write (generated, name, "Kinds", kinds->str, events->str);
      g_string_free (kinds, TRUE);
      g_string_free (events, TRUE);

      window = open_window (path);
      timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));

      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 760);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 800);

      dm_timeline_view_get_lane_scroll (timeline, NULL, &max);
      g_assert_cmpfloat (max, >, 0);

      /* The last lane, scrolled to and drawn. */
      dm_timeline_view_set_selected (timeline, (int) counts[c] - 1);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hostile-window/detail-bounded", test_detail_bounded);
  g_test_add_func ("/hostile-window/bidi-visible", test_bidi_visible);
  g_test_add_func ("/hostile-window/many-kinds", test_many_kinds);
  generated = dm_test_hostile_add_tests ("/hostile-window/open", test_open, &paths);

  status = g_test_run ();

  dm_test_remove_dir (generated);
  g_free (generated);

  return status;
}
