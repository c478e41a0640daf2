/* dm-frame-bench.c — frame times of the real timeline widget, as people see
 * them: a DmTimelineView in a real window, drawn by GTK through its frame
 * clock and renderer, while a script zooms and pans
 *
 *   xvfb-run -a -s '-screen 0 1920x1080x24' dm-frame-bench
 *       [--files=floor,list,bundled,DIR/synthetic-10000-v1.json,…]
 *       [--windows=1366x768,1920x1080] [--renderers=cairo,gl]
 *
 * The synthetic files are the ones `dm-benchmark --out=DIR` writes;
 * "floor" is not a timeline but GTK's own cost of a frame that repaints the
 * whole window (a widget of one colour, changed at every step), and
 * "list" a GtkListView of the bundled titles scrolled 40 pixels a step,
 * what "as smooth as scrolling a list" is measured against. Each
 * frame is timed from the frame clock's "before-paint" to its
 * "after-paint": the layout, the widget's snapshot and GSK rendering it,
 * which is what bench/dm-benchmark's DmScene figures leave out. The CPU
 * time is this process's user and system time over the script divided by
 * its frames. Each renderer runs in a process of its own (GSK_RENDERER is
 * read once); each file and window size is one row.
 *
 * The script: the whole span, then zoom in by steps of 1.3 around the
 * busiest place down to about an hour across the view, pan there, zoom
 * out to a decade, pan, and back out to the whole span.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <adwaita.h>

#include "dm-application.h"
#include "dm-bench-stats.h"
#include "dm-dataset.h"
#include "dm-loader.h"
#include "dm-timeline-view.h"

typedef struct
{
  GArray  *ranges;      /* pairs of doubles: start, end */
  guint    next;
  gint64   before;      /* µs, of the frame being painted */
  gboolean painting;
  gboolean waiting;     /* a range was set, its frame not yet painted */
  GArray  *samples;     /* ms per frame */
  double   cpu_start;
  double   cpu_ms;
  GtkWidget *view;
  GMainLoop *loop;
} Run;

/* "floor": what GTK costs for a frame that repaints the whole window,
 * whatever draws in it: a widget that fills itself with one colour,
 * another at every step. What the view adds is its row less this one. */
#define DM_TYPE_FLOOR (dm_floor_get_type ())
G_DECLARE_FINAL_TYPE (DmFloor, dm_floor, DM, FLOOR, GtkWidget)

struct _DmFloor
{
  GtkWidget parent_instance;
  guint     step;
};

G_DEFINE_FINAL_TYPE (DmFloor, dm_floor, GTK_TYPE_WIDGET)

static void
dm_floor_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  DmFloor *self = DM_FLOOR (widget);
  float shade = self->step % 2 ? 0.98f : 0.94f;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { shade, shade, shade, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
}

static void
dm_floor_class_init (DmFloorClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = dm_floor_snapshot;
}

static void
dm_floor_init (DmFloor *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
add_range (GArray *ranges,
           double  center,
           double  days)
{
  double pair[2] = { center - days / 2, center + days / 2 };

  g_array_append_vals (ranges, pair, 2);
}

static GArray *
make_script (DmDataset *dataset)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = dm_dataset_get_n_events (dataset);
  double busy = dm_dataset_get_event (dataset, n * 2 / 3)->axis_start;
  double start;
  double end;
  double whole;
  double days;

  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  whole = MAX (end - start, 1) * 1.1;

  add_range (ranges, (start + end) / 2, whole);
  for (days = whole; days > 1.0 / 24; days /= 1.3)
    add_range (ranges, busy, days);
  for (int i = 0; i <= 16; i++)
    add_range (ranges, busy + (i <= 8 ? i : 16 - i) * days / 8, days);
  for (; days < 3650; days *= 1.3)
    add_range (ranges, busy, days);
  for (int i = 0; i <= 16; i++)
    add_range (ranges, busy + (i <= 8 ? i : 16 - i) * days / 8, days);
  for (; days < whole; days *= 1.3)
    add_range (ranges, busy, days);

  return ranges;
}

static void
next_step (Run *run)
{
  if (run->next * 2 >= run->ranges->len)
    {
      run->cpu_ms = (cpu_seconds () - run->cpu_start) * 1000;
      g_main_loop_quit (run->loop);
      return;
    }

  if (DM_IS_FLOOR (run->view))
    DM_FLOOR (run->view)->step++;
  else if (GTK_IS_SCROLLED_WINDOW (run->view))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (run->view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 40);
    }
  else
    dm_timeline_view_set_range (DM_TIMELINE_VIEW (run->view),
                                g_array_index (run->ranges, double, run->next * 2),
                                g_array_index (run->ranges, double, run->next * 2 + 1),
                                FALSE);
  run->next++;
  run->waiting = TRUE;
  gtk_widget_queue_draw (run->view);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Run           *run)
{
  run->before = g_get_monotonic_time ();
  run->painting = run->waiting;
}

static gboolean
next_step_idle (gpointer data)
{
  next_step (data);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  double ms;

  if (!run->painting)
    return;

  ms = (g_get_monotonic_time () - run->before) / 1000.0;
  run->painting = FALSE;
  run->waiting = FALSE;
  /* The first frame of the script lays out and measures every label. */
  if (run->next > 1)
    g_array_append_val (run->samples, ms);
  /* The next step once this frame is out, as a gesture would set it. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, next_step_idle, run, NULL);
}

static gboolean
start_cb (gpointer data)
{
  Run *run = data;

  run->cpu_start = cpu_seconds ();
  next_step (run);
  return G_SOURCE_REMOVE;
}

static DmDataset *
load (const char *name)
{
  g_autoptr(GFile) file = g_str_equal (name, "bundled") || g_str_equal (name, "floor") || g_str_equal (name, "list") ? dm_application_get_bundled_dataset ()
                                                        : g_file_new_for_commandline_arg (name);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset = dm_dataset_load_file (file, NULL, NULL, &error);

  if (dataset == NULL)
    {
      g_printerr ("dm-frame-bench: %s: %s\n", name, error->message);
      exit (1);
    }
  return dataset;
}

static void
setup_row_cb (GtkListItemFactory *factory,
              GtkListItem        *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 9);
  gtk_widget_set_margin_bottom (label, 9);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkListItemFactory *factory,
             GtkListItem        *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* A list of the timeline's titles, over and over, long enough to scroll
 * through the script. */
static GtkWidget *
make_list (DmDataset *dataset)
{
  GtkStringList *titles = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list;

  for (guint i = 0; i < 5000; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i % dm_dataset_get_n_events (dataset));

      gtk_string_list_append (titles, dm_text_get (&event->title, DM_LANGUAGE_VI));
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (titles))), factory);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  return scrolled;
}

/* One file at one window size, in this process's renderer. */
static void
measure (const char *name,
         DmDataset  *dataset,
         int         width,
         int         height,
         const char *renderer)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { 0 };
  GdkFrameClock *clock;
  gulong before_id;
  gulong after_id;
  g_autofree char *label = NULL;
  DmBenchStats stats;
  g_autofree char *base = g_path_get_basename (name);

  run.ranges = make_script (dataset);
  run.samples = g_array_new (FALSE, FALSE, sizeof (double));
  run.loop = loop;
  if (g_str_equal (name, "floor"))
    run.view = g_object_new (DM_TYPE_FLOOR, NULL);
  else if (g_str_equal (name, "list"))
    run.view = make_list (dataset);
  else
    {
      run.view = dm_timeline_view_new ();
      dm_timeline_view_set_dataset (DM_TIMELINE_VIEW (run.view), dataset);
    }
  gtk_window_set_child (GTK_WINDOW (window), run.view);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  clock = gtk_widget_get_frame_clock (window);
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &run);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  g_idle_add (start_cb, &run);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);

  stats = dm_bench_stats_of (run.samples);
  if (g_str_equal (name, "floor"))
    label = g_strdup ("floor: one colour, whole window");
  else if (g_str_equal (name, "list"))
    label = g_strdup ("list: GtkListView, 40 px a step");
  else
    label = g_strdup_printf ("%s, %u events", base,
                             dm_dataset_get_n_events (dataset));
  printf ("| %-40s | %4d×%-4d | %-8s | %6u | %7.2f | %7.2f | %7.2f | %7.2f |\n",
          label, width, height, renderer, run.samples->len,
          stats.median, stats.p95, stats.max,
          run.cpu_ms / MAX (run.samples->len + 1, 1));
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (run.ranges);
  g_array_unref (run.samples);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *files = NULL;
  g_autofree char *windows = NULL;
  g_autofree char *renderers = NULL;
  g_autofree char *child = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) file_list = NULL;
  g_auto(GStrv) window_list = NULL;
  g_auto(GStrv) renderer_list = NULL;
  g_autofree char *loadavg = NULL;
  GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_STRING, &files, "Timelines, comma-separated (floor,list,bundled)", "FILE,…" },
    { "windows", 0, 0, G_OPTION_ARG_STRING, &windows, "Window sizes (1366x768,1920x1080)", "WxH,…" },
    { "renderers", 0, 0, G_OPTION_ARG_STRING, &renderers, "GSK renderers (cairo,gl)", "NAME,…" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { NULL }
  };

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  context = g_option_context_new ("— frame times of the real timeline widget");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dm-frame-bench: %s\n", error->message);
      return 2;
    }
  file_list = g_strsplit (files ? files : "floor,list,bundled", ",", -1);
  window_list = g_strsplit (windows ? windows : "1366x768,1920x1080", ",", -1);

  if (child != NULL)
    {
      /* A child: GSK_RENDERER is set; measure every file and size. */
      if (!gtk_init_check ())
        {
          g_printerr ("dm-frame-bench: no display (run it under xvfb-run)\n");
          return 1;
        }
      adw_init ();
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      for (guint f = 0; file_list[f] != NULL; f++)
        {
          g_autoptr(DmDataset) dataset = load (file_list[f]);

          for (guint w = 0; window_list[w] != NULL; w++)
            {
              int width;
              int height;

              if (sscanf (window_list[w], "%dx%d", &width, &height) != 2 || width < 200 || height < 200)
                {
                  g_printerr ("dm-frame-bench: “%s” is not a window size such as 1366x768\n", window_list[w]);
                  return 2;
                }
              measure (file_list[f], dataset, width, height, child);
            }
        }
      return 0;
    }

  renderer_list = g_strsplit (renderers ? renderers : "cairo,gl", ",", -1);
  loadavg = dm_bench_load_average ();
  printf ("Dấu Mốc frame times, the real widget — %s, %ld cores, load average %s\n"
          "(ms from the frame clock's before-paint to after-paint; CPU ms per frame)\n\n",
          PACKAGE_VERSION, sysconf (_SC_NPROCESSORS_ONLN), loadavg);
  printf ("| %-40s | %-9s | %-8s | %6s | %7s | %7s | %7s | %7s |\n",
          "timeline", "window", "renderer", "frames", "p50", "p95", "worst", "CPU");
  printf ("|------------------------------------------|-----------|----------|-------:|--------:|--------:|--------:|--------:|\n");
  fflush (stdout);

  for (guint r = 0; renderer_list[r] != NULL; r++)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *child_arg = g_strdup_printf ("--child=%s", renderer_list[r]);
      g_autofree char *files_arg = g_strdup_printf ("--files=%s", files ? files : "floor,list,bundled");
      g_autofree char *windows_arg = g_strdup_printf ("--windows=%s", windows ? windows : "1366x768,1920x1080");
      const char *child_argv[] = { self, child_arg, files_arg, windows_arg, NULL };
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GSK_RENDERER", renderer_list[r], TRUE);
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_CHILD_INHERITS_STDIN,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("dm-frame-bench: the %s renderer: %s\n", renderer_list[r], error->message);
          return 1;
        }
    }

  /* Frame times are wall-clock: other work on the machine shows in them
   * (less in the CPU time), so say how busy it was. */
  g_free (loadavg);
  loadavg = dm_bench_load_average ();
  printf ("\nLoad average at the end: %s\n", loadavg);

  return 0;
}
