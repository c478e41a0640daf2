/* dm-edit-bench.c — how long an edit and an undo keep the real window
 * from showing them: a DmWindow under a display, with the event editor
 * open, while a script changes one event's title, undoes, duplicates and
 * deletes events
 *
 *   xvfb-run -a -s '-screen 0 1366x768x24' dm-edit-bench \
 *       --file=DIR/synthetic-100000-v1.json [--steps=40]
 *
 * It draws with GSK_RENDERER=cairo unless told otherwise, as the tests do.
 *
 * The synthetic files are the ones `dm-benchmark --out=DIR` writes. Each
 * sample is timed from just before the change (a call of the DmEdit the
 * window edits through, as the editor makes on each keystroke, or the
 * window's own undo action) to the window's frame clock's "after-paint"
 * of the next frame: the window shown again, laid out, drawn and
 * rendered. "call" is the part spent in the change itself, the window's
 * refresh included. Each step runs from an idle once the frame before is
 * out and everything the change left to do has run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <adwaita.h>

#include "dm-bench-stats.h"
#include "dm-edit.h"
#include "dm-timeline-view.h"
#include "dm-window.h"
#include "dm-window-edit.h"

typedef enum
{
  OP_TYPE,       /* a letter more in the title: typing, merged in one step */
  OP_STEP,       /* a title change of its own step, for the undos */
  OP_UNDO,       /* win.undo */
  OP_DUPLICATE,  /* win.duplicate-event */
  OP_DELETE,     /* win.delete-event */
  N_OPS
} Op;

static const char *op_names[N_OPS] = {
  "edit: type a letter in the title",
  "edit: change the title (own step)",
  "undo (win.undo)",
  "duplicate (win.duplicate-event)",
  "delete (win.delete-event)",
};

typedef struct
{
  DmWindow  *window;
  DmEdit    *edit;
  GMainLoop *loop;
  char      *id;           /* of the event edited */
  guint      steps;
  guint      done;         /* of the current op */
  Op         op;
  gint64     start;        /* µs, when the change was made */
  gboolean   waiting;      /* for the frame after the change */
  GArray    *frame[N_OPS]; /* ms from the change to its frame */
  GArray    *call[N_OPS];  /* ms in the change itself */
} Run;

static GtkWidget *
window_child (DmWindow   *window,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DM_TYPE_WINDOW, name));
}

static void
select_position (Run  *run,
                 guint position)
{
  dm_timeline_view_set_selected (DM_TIMELINE_VIEW (window_child (run->window, "timeline")), (int) position);
}

static void
set_title (Run        *run,
           const char *title)
{
  g_autoptr(GError) error = NULL;

  if (!dm_edit_set_event_text (run->edit, run->id, DM_EVENT_FIELD_TITLE_EN, title, &error))
    {
      g_printerr ("dm-edit-bench: %s\n", error->message);
      exit (1);
    }
}

static gboolean step_cb (gpointer data);

/* Runs one change of the current op, timing its call. */
static void
change (Run *run)
{
  DmDataset *dataset = dm_edit_get_dataset (run->edit);
  GtkWidget *widget = GTK_WIDGET (run->window);
  g_autofree char *title = NULL;
  guint position;
  gint64 end;
  double ms;

  /* What the change is about is chosen before the clock starts. */
  switch (run->op)
    {
    case OP_TYPE:
      title = g_strnfill (run->done + 1, 'a');
      break;
    case OP_STEP:
      title = g_strdup_printf ("Step %u", run->done);
      dm_edit_close_step (run->edit);
      break;
    case OP_DUPLICATE:
    case OP_DELETE:
      /* Events all over the timeline, not only at its end. */
      position = (run->done * 7919) % dm_dataset_get_n_events (dataset);
      select_position (run, position);
      break;
    case OP_UNDO:
    case N_OPS:
    default:
      break;
    }

  run->start = g_get_monotonic_time ();
  switch (run->op)
    {
    case OP_TYPE:
    case OP_STEP:
      set_title (run, title);
      break;
    case OP_UNDO:
      gtk_widget_activate_action (widget, "win.undo", NULL);
      break;
    case OP_DUPLICATE:
      gtk_widget_activate_action (widget, "win.duplicate-event", NULL);
      break;
    case OP_DELETE:
      gtk_widget_activate_action (widget, "win.delete-event", NULL);
      break;
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
  end = g_get_monotonic_time ();
  ms = (end - run->start) / 1000.0;
  g_array_append_val (run->call[run->op], ms);

  /* A frame follows whatever the change showed (or did not). */
  run->waiting = TRUE;
  gtk_widget_queue_draw (window_child (run->window, "timeline"));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  double ms;

  if (!run->waiting)
    return;

  run->waiting = FALSE;
  ms = (g_get_monotonic_time () - run->start) / 1000.0;
  g_array_append_val (run->frame[run->op], ms);
  run->done++;
  /* The next step when all that is left to do has run. */
  g_idle_add_full (G_PRIORITY_LOW, step_cb, run, NULL);
}

static gboolean
step_cb (gpointer data)
{
  Run *run = data;

  if (run->done >= run->steps)
    {
      run->done = 0;
      run->op++;
      if (run->op == OP_UNDO)
        {
          /* Undo what the ops before did, a step at a time: the typing
           * (one step) and each title change. */
          run->steps = run->steps + 1;
        }
      else if (run->op == OP_DUPLICATE)
        run->steps = run->steps - 1;
      if (run->op >= N_OPS)
        {
          g_main_loop_quit (run->loop);
          return G_SOURCE_REMOVE;
        }
    }

  change (run);
  return G_SOURCE_REMOVE;
}

static gboolean
ready (Run *run)
{
  return dm_window_get_dataset (run->window) != NULL && dm_window_edit_get_edit (run->window) != NULL &&
         !dm_window_is_indexing (run->window);
}

static void
print_row (const char *name,
           GArray     *frame,
           GArray     *call)
{
  DmBenchStats f = dm_bench_stats_of (frame);
  DmBenchStats c = dm_bench_stats_of (call);

  printf ("| %-36s | %5u | %7.2f | %7.2f | %7.2f | %7.2f | %7.2f |\n",
          name, f.n, f.median, f.p95, f.max, c.median, c.max);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *loadavg = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int steps = 40;
  Run run = { 0 };
  GdkFrameClock *clock;
  DmDataset *dataset;
  gulong after_id;
  gint64 deadline;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path, "The timeline to edit", "FILE" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Changes of each kind (40)", "N" },
    { NULL }
  };

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* As the tests draw (GSK_RENDERER=gl for the other): Xvfb's GL is
   * software, slower than any GPU. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  context = g_option_context_new ("— how long an edit and an undo keep the window from showing them");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dm-edit-bench: %s\n", error->message);
      return 2;
    }
  if (path == NULL || steps < 1)
    {
      g_printerr ("dm-edit-bench: give a timeline with --file (dm-benchmark --out=DIR writes them)\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("dm-edit-bench: no display (run it under xvfb-run)\n");
      return 1;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The recovery copies this process writes go to a folder of its own. */
  {
    g_autofree char *state = g_dir_make_tmp ("dm-edit-bench-XXXXXX", &error);

    if (state == NULL)
      {
        g_printerr ("dm-edit-bench: %s\n", error->message);
        return 1;
      }
    g_setenv ("XDG_STATE_HOME", state, TRUE);
  }

  run.window = dm_window_new (NULL);
  run.steps = (guint) steps;
  run.loop = loop = g_main_loop_new (NULL, FALSE);
  for (guint i = 0; i < N_OPS; i++)
    {
      run.frame[i] = g_array_new (FALSE, FALSE, sizeof (double));
      run.call[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  gtk_window_set_default_size (GTK_WINDOW (run.window), 1366, 768);
  gtk_window_present (GTK_WINDOW (run.window));
  file = g_file_new_for_commandline_arg (path);
  dm_window_open (run.window, file);
  deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  while (!ready (&run))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("dm-edit-bench: %s was not shown in five minutes\n", path);
          return 1;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_object_set (run.window, "data-language", "en", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (run.window));

  /* The event in the middle, in the editor. */
  dataset = dm_window_get_dataset (run.window);
  run.edit = dm_window_edit_get_edit (run.window);
  select_position (&run, dm_dataset_get_n_events (dataset) / 2);
  run.id = g_strdup (dm_dataset_get_event (dataset, dm_dataset_get_n_events (dataset) / 2)->id);
  gtk_widget_activate_action (GTK_WIDGET (run.window), "win.edit-event", NULL);
  if (dm_window_edit_get_editor (run.window) == NULL)
    {
      g_printerr ("dm-edit-bench: the editor did not open\n");
      return 1;
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dm_window_edit_get_editor (run.window)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (run.window));

  loadavg = dm_bench_load_average ();
  printf ("Dấu Mốc edits in the real window — %s, %u events, %s renderer, %ld cores, load average %s\n"
          "(ms from the change to the window's next frame painted; \"call\": in the change itself)\n\n",
          PACKAGE_VERSION, dm_dataset_get_n_events (dataset), g_getenv ("GSK_RENDERER"),
          sysconf (_SC_NPROCESSORS_ONLN), loadavg);
  printf ("| %-36s | %5s | %7s | %7s | %7s | %7s | %7s |\n",
          "change", "n", "p50", "p95", "worst", "call p50", "call max");
  printf ("|--------------------------------------|------:|--------:|--------:|--------:|--------:|--------:|\n");
  fflush (stdout);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  g_idle_add_full (G_PRIORITY_LOW, step_cb, &run, NULL);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (clock, after_id);

  for (guint i = 0; i < N_OPS; i++)
    {
      print_row (op_names[i], run.frame[i], run.call[i]);
      g_array_unref (run.frame[i]);
      g_array_unref (run.call[i]);
    }

  g_free (loadavg);
  loadavg = dm_bench_load_average ();
  printf ("\nLoad average at the end: %s\n", loadavg);
  fflush (stdout);

  /* Unsaved changes: no question, no recovery copy left behind. */
  g_free (run.id);
  _exit (0);
}
