/* test-timeline-view.c — the timeline widget driven through its actions
 * and event controllers, as a person would drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>

#include "dm-test-a11y.h"
#include "dm-test-util.h"
#include "dm-overview.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

typedef struct
{
  GtkWidget      *window;
  DmTimelineView *view;
  DmDataset      *dataset;
} Fixture;

/* A window too small for every event of the bundled dataset on its own
 * at the whole span: some fold. */
static const int small_size[] = { 800, 400 };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const int *size = data;

  f->dataset = dm_test_load_bundled ();
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), size ? size[0] : 1200, size ? size[1] : 800);
  f->view = DM_TIMELINE_VIEW (dm_timeline_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  dm_timeline_view_set_dataset (f->view, f->dataset);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (f->view != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (f->dataset);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, "s", target));
}

/* Right goes to the next event in time, across lanes; Home and End to the
 * first and last. */
static void
test_keyboard_order (Fixture       *f,
                     gconstpointer  data)
{
  guint n = dm_dataset_get_n_events (f->dataset);

  activate (f, "timeline.select", "first");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, 0);

  for (guint i = 1; i < n; i++)
    {
      activate (f, "timeline.select", "next");
      g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, (int) i);
    }
  activate (f, "timeline.select", "next");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, (int) n - 1);

  activate (f, "timeline.select", "previous");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, (int) n - 2);
  activate (f, "timeline.select", "first");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, 0);
  activate (f, "timeline.select", "last");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, (int) n - 1);
}

/* Up and Down move between lanes, to the event nearest in time. */
static void
test_keyboard_lanes (Fixture       *f,
                     gconstpointer  data)
{
  guint position;
  const DmEvent *event;

  g_assert_nonnull (dm_dataset_lookup_event (f->dataset, "mou-wef-2019", &position));
  dm_timeline_view_set_selected (f->view, (int) position);

  activate (f, "timeline.select", "down");
  event = dm_dataset_get_event (f->dataset, (guint) dm_timeline_view_get_selected (f->view));
  g_assert_cmpstr (dm_dataset_get_kind (f->dataset, event->kind_index + 0)->id, ==,
                   dm_dataset_get_kind (f->dataset, dm_dataset_lookup_event (f->dataset, "mou-wef-2019", NULL)->kind_index + 1)->id);

  activate (f, "timeline.select", "up");
  g_assert_cmpint (dm_timeline_view_get_selected (f->view), ==, (int) position);

  /* From the first lane, Up stays. */
  activate (f, "timeline.select", "up");
  activate (f, "timeline.select", "up");
  event = dm_dataset_get_event (f->dataset, (guint) dm_timeline_view_get_selected (f->view));
  g_assert_cmpuint (event->kind_index, ==, 0);
}

/* Events the filter hides are skipped. */
static void
test_keyboard_skips_hidden (Fixture       *f,
                            gconstpointer  data)
{
  guint n = dm_dataset_get_n_events (f->dataset);
  g_autofree guint8 *visible = g_new0 (guint8, n);
  int last = -1;

  for (guint i = 0; i < n; i += 3)
    visible[i] = 1;
  dm_timeline_view_set_visible (f->view, visible, n);

  activate (f, "timeline.select", "first");
  for (guint step = 0; step < n; step++)
    {
      int selected = dm_timeline_view_get_selected (f->view);

      g_assert_true (visible[selected]);
      g_assert_cmpint (selected, >=, last);
      last = selected;
      activate (f, "timeline.select", "next");
    }
  g_assert_cmpint (last, ==, (int) ((n - 1) / 3 * 3));
}

static gboolean
selected_in_view (Fixture *f)
{
  const DmEvent *event = dm_dataset_get_event (f->dataset, (guint) dm_timeline_view_get_selected (f->view));
  double start;
  double end;

  dm_timeline_view_get_range (f->view, &start, &end);
  return event->axis_start <= end && event->axis_end >= start;
}

/* Zooming by keyboard keeps the selected event on screen, down to a day
 * and back out. */
static void
test_selection_stays_visible (Fixture       *f,
                              gconstpointer  data)
{
  guint position;

  g_assert_nonnull (dm_dataset_lookup_event (f->dataset, "nq-52-2019", &position));
  dm_timeline_view_set_selected (f->view, (int) position);

  for (guint i = 0; i < 12; i++)
    {
      activate (f, "timeline.zoom", "in");
      g_assert_true (selected_in_view (f));
    }
  g_assert_cmpfloat (dm_timeline_view_get_scale (f->view)->days_per_px, <, 0.01);

  for (guint i = 0; i < 12; i++)
    {
      activate (f, "timeline.zoom", "out");
      g_assert_true (selected_in_view (f));
    }

  /* Selecting an event far away flies there. */
  g_assert_nonnull (dm_dataset_lookup_event (f->dataset, "cnh-hdh-2016-2020", &position));
  for (guint i = 0; i < 12; i++)
    activate (f, "timeline.zoom", "in");
  dm_timeline_view_set_selected (f->view, (int) position);
  g_assert_true (selected_in_view (f));
}

/* Fit shows every event; zoom stops at its bounds. */
static void
test_zoom_bounds (Fixture       *f,
                  gconstpointer  data)
{
  double start;
  double end;
  double view_start;
  double view_end;
  double dpp;

  activate (f, "timeline.zoom", "fit");
  dm_dataset_get_span (f->dataset, NULL, NULL, &start, &end);
  dm_timeline_view_get_range (f->view, &view_start, &view_end);
  g_assert_cmpfloat (view_start, <=, start);
  g_assert_cmpfloat (view_end, >=, end);
  /* … with a small margin only. */
  g_assert_cmpfloat (view_end - view_start, <, 1.1 * (end - start));

  for (guint i = 0; i < 60; i++)
    activate (f, "timeline.zoom", "in");
  dpp = dm_timeline_view_get_scale (f->view)->days_per_px;
  activate (f, "timeline.zoom", "in");
  g_assert_cmpfloat (dm_timeline_view_get_scale (f->view)->days_per_px, ==, dpp);
  g_assert_cmpfloat (dpp, >, 0);

  for (guint i = 0; i < 80; i++)
    activate (f, "timeline.zoom", "out");
  dpp = dm_timeline_view_get_scale (f->view)->days_per_px;
  activate (f, "timeline.zoom", "out");
  g_assert_cmpfloat (dm_timeline_view_get_scale (f->view)->days_per_px, ==, dpp);

  /* Zooming out stops a little beyond the data. */
  dm_timeline_view_get_range (f->view, &view_start, &view_end);
  g_assert_cmpfloat (view_end - view_start, <=, 1.25 * (end - start));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* Scrolling pans; the scroll controller's signal is what a wheel sends. */
static void
test_scroll_pans (Fixture       *f,
                  gconstpointer  data)
{
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  double before;
  double after;
  double dpp = dm_timeline_view_get_scale (f->view)->days_per_px;
  gboolean handled = FALSE;

  g_assert_nonnull (scroll);
  dm_timeline_view_get_range (f->view, &before, NULL);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 2.0, &handled);
  g_assert_true (handled);
  dm_timeline_view_get_range (f->view, &after, NULL);
  g_assert_cmpfloat_with_epsilon (after - before, 2 * 40 * dpp, 1e-6);
  g_assert_cmpfloat (dm_timeline_view_get_scale (f->view)->days_per_px, ==, dpp);
}

static double
view_start (Fixture *f)
{
  double start;

  dm_timeline_view_get_range (f->view, &start, NULL);
  return start;
}

/* The suite runs without animations; flings need them. */
static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

/* Drags to the right by @steps of 10 px, one every 8 ms, then waits
 * @hold_msec with the button down and lets go. */
static void
drag_right (GtkEventController *drag,
            guint               steps,
            guint               hold_msec)
{
  double x = 600;

  g_signal_emit_by_name (drag, "drag-begin", x, 300.0);
  for (guint i = 1; i <= steps; i++)
    {
      g_usleep (8000);
      g_signal_emit_by_name (drag, "drag-update", 10.0 * i, 0.0);
    }
  g_usleep (hold_msec * 1000);
  g_signal_emit_by_name (drag, "drag-end", 10.0 * steps, 0.0);
}

/* A quick drag goes on after the release, slowing down until it stops;
 * dragging to the right brings earlier dates in. */
static void
test_drag_fling (Fixture       *f,
                 gconstpointer  data)
{
  GtkEventController *drag = find_controller (GTK_WIDGET (f->view), GTK_TYPE_GESTURE_DRAG);
  double dpp = dm_timeline_view_get_scale (f->view)->days_per_px;
  double before = view_start (f);
  double released;
  double stopped;

  g_assert_nonnull (drag);
  set_animations (TRUE);
  drag_right (drag, 20, 0);
  released = view_start (f);
  g_assert_cmpfloat_with_epsilon (released, before - 200 * dpp, 1e-6 * dpp);

  /* At roughly 10 px / 8 ms the fling covers about v·τ ≈ 400 px; the
   * bounds allow for a loaded machine stretching the drag. */
  dm_test_run_for (2500);
  stopped = view_start (f);
  g_assert_cmpfloat ((released - stopped) / dpp, >, 100);
  g_assert_cmpfloat ((released - stopped) / dpp, <, 1000);

  /* It has stopped. */
  dm_test_run_for (200);
  g_assert_cmpfloat (view_start (f), ==, stopped);
  g_assert_cmpfloat (dm_timeline_view_get_scale (f->view)->days_per_px, ==, dpp);
  set_animations (FALSE);
}

/* Holding the pointer still before letting go means no fling; a new
 * press stops a fling at once; with animations off (reduced motion)
 * nothing flings. */
static void
test_drag_hold_and_stop (Fixture       *f,
                         gconstpointer  data)
{
  GtkEventController *drag = find_controller (GTK_WIDGET (f->view), GTK_TYPE_GESTURE_DRAG);
  double released;

  set_animations (TRUE);
  drag_right (drag, 20, 150);
  released = view_start (f);
  dm_test_run_for (300);
  g_assert_cmpfloat (view_start (f), ==, released);

  drag_right (drag, 20, 0);
  dm_test_run_for (50);
  g_signal_emit_by_name (drag, "drag-begin", 600.0, 300.0);
  released = view_start (f);
  dm_test_run_for (300);
  g_assert_cmpfloat (view_start (f), ==, released);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);

  set_animations (FALSE);
  drag_right (drag, 20, 0);
  released = view_start (f);
  dm_test_run_for (300);
  g_assert_cmpfloat (view_start (f), ==, released);
}

/* Panning stops where a tenth of the view still shows the dataset's span,
 * both ways, at any zoom; a glide stops there too. */
static void
test_pan_bounded (Fixture       *f,
                  gconstpointer  data)
{
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  double start;
  double end;
  double view_start;
  double view_end;
  gboolean handled;

  dm_dataset_get_span (f->dataset, NULL, NULL, &start, &end);
  for (guint zoom = 0; zoom < 3; zoom++)
    {
      for (guint i = 0; i < 2000; i++)
        g_signal_emit_by_name (scroll, "scroll", 0.0, 5.0, &handled);
      dm_timeline_view_get_range (f->view, &view_start, &view_end);
      g_assert_cmpfloat_with_epsilon (view_start, end - 0.1 * (view_end - view_start), 1e-6 * (view_end - view_start));

      for (guint i = 0; i < 2000; i++)
        g_signal_emit_by_name (scroll, "scroll", 0.0, -5.0, &handled);
      dm_timeline_view_get_range (f->view, &view_start, &view_end);
      g_assert_cmpfloat_with_epsilon (view_end, start + 0.1 * (view_end - view_start), 1e-6 * (view_end - view_start));

      activate (f, "timeline.zoom", "in");
      activate (f, "timeline.zoom", "in");
    }

  /* A fast glide towards the start stops at the bound, not beyond. */
  set_animations (TRUE);
  g_signal_emit_by_name (scroll, "decelerate", 0.0, -1000.0);
  dm_test_run_for (500);
  dm_timeline_view_get_range (f->view, &view_start, &view_end);
  g_assert_cmpfloat_with_epsilon (view_end, start + 0.1 * (view_end - view_start), 1e-6 * (view_end - view_start));
  set_animations (FALSE);
}

/* A touchpad lifted mid-scroll keeps going the way it scrolled. */
static void
test_scroll_decelerate (Fixture       *f,
                        gconstpointer  data)
{
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  double before = view_start (f);

  set_animations (TRUE);
  g_signal_emit_by_name (scroll, "decelerate", 0.0, 20.0);
  dm_test_run_for (2500);
  g_assert_cmpfloat (view_start (f), >, before);
  set_animations (FALSE);
}

/* In a small window, at the whole-span zoom, the dense events of November
 * 2021 fold into clusters (in a large one they do not: test-window);
 * zoomed in on that month, each of them is drawn on its own. */
static void
test_clusters_split (Fixture       *f,
                     gconstpointer  data)
{
  double month_start = dm_date_days_from_civil (2021, 11, 1);
  double month_end = dm_date_days_from_civil (2021, 12, 1);
  guint clustered_far = 0;
  guint n_in_month = 0;

  activate (f, "timeline.zoom", "fit");
  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (f->dataset, i);

      if (event->axis_start >= month_start && event->axis_start < month_end)
        {
          n_in_month++;
          clustered_far += dm_timeline_view_get_event_visibility (f->view, i) == DM_EVENT_CLUSTERED;
        }
    }
  g_assert_cmpuint (n_in_month, >=, 4);
  g_assert_cmpuint (clustered_far, >, 0);

  dm_timeline_view_show_range (f->view, month_start, month_end + 10, FALSE);
  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (f->dataset, i);

      if (event->axis_start >= month_start && event->axis_start < month_end)
        g_assert_cmpint (dm_timeline_view_get_event_visibility (f->view, i), ==, DM_EVENT_DRAWN);
    }
}

static void
count_activated_cb (DmTimelineView *view,
                    int             position,
                    guint          *count)
{
  (*count)++;
}

/* The selection never folds: stepping through every event by keyboard in
 * a window where some fold, each is drawn on its own as it is selected
 * (the screen reader is not told of a group), and Enter activates it. */
static void
test_selection_never_folds (Fixture       *f,
                            gconstpointer  data)
{
  guint activated = 0;
  guint clustered = 0;
  guint n = dm_dataset_get_n_events (f->dataset);

  g_signal_connect (f->view, "event-activated", G_CALLBACK (count_activated_cb), &activated);
  activate (f, "timeline.zoom", "fit");
  for (guint i = 0; i < n; i++)
    clustered += dm_timeline_view_get_event_visibility (f->view, i) == DM_EVENT_CLUSTERED;
  g_assert_cmpuint (clustered, >, 0);

  activate (f, "timeline.select", "first");
  for (guint i = 0; i < n; i++)
    {
      int selected = dm_timeline_view_get_selected (f->view);
      g_autofree char *description = NULL;

      g_assert_cmpint (dm_timeline_view_get_event_visibility (f->view, (guint) selected), ==, DM_EVENT_DRAWN);
      description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
      g_assert_null (strstr (description, "It is in a group of"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.activate", NULL));
      g_assert_cmpuint (activated, ==, i + 1);
      activate (f, "timeline.select", "next");
    }
}

/* A cluster says what it holds: its tooltip lists its events' titles. */
static void
test_cluster_tooltip (Fixture       *f,
                      gconstpointer  data)
{
  DmScene *scene;
  guint clusters = 0;

  activate (f, "timeline.zoom", "fit");
  scene = dm_timeline_view_get_scene (f->view);
  for (guint i = 0; i < dm_layout_get_n_items (scene->layout); i++)
    {
      const DmLayoutItem *item = dm_layout_get_item (scene->layout, i);
      g_autofree char *text = NULL;
      const guint *members;
      guint n_members;
      double x = scene->header_width + (item->x0 + item->x1) / 2 - scene->layout_offset;
      double y = dm_scene_get_row_y (scene, item->lane, item->row) + scene->row_height / 2;

      if (item->type != DM_LAYOUT_CLUSTER)
        continue;
      clusters++;
      text = dm_timeline_view_get_text_at (f->view, x, y);
      g_assert_nonnull (text);
      members = dm_layout_get_members (scene->layout, i, &n_members);
      g_assert_cmpuint (n_members, >=, 2);
      for (guint m = 0; m < MIN (n_members, 8); m++)
        g_assert_nonnull (strstr (text, dm_text_get (&dm_dataset_get_event (f->dataset, members[m])->title, DM_LANGUAGE_EN)));
    }
  g_assert_cmpuint (clusters, >, 0);
}

/* The range is what the view keeps: a wider window shows the same time
 * wider, and back. */
static void
test_resize_keeps_range (Fixture       *f,
                         gconstpointer  data)
{
  double start;
  double end;
  double after_start;
  double after_end;
  int width = gtk_widget_get_width (GTK_WIDGET (f->view));

  activate (f, "timeline.zoom", "fit");
  dm_timeline_view_get_range (f->view, &start, &end);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1700, 900);
  while (gtk_widget_get_width (GTK_WIDGET (f->view)) == width)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), >, width);

  dm_timeline_view_get_range (f->view, &after_start, &after_end);
  g_assert_cmpfloat_with_epsilon (after_start, start, 1e-6 * (end - start));
  g_assert_cmpfloat_with_epsilon (after_end, end, 1e-6 * (end - start));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  while (gtk_widget_get_width (GTK_WIDGET (f->view)) >= width)
    g_main_context_iteration (NULL, TRUE);
  dm_timeline_view_get_range (f->view, &after_start, &after_end);
  g_assert_cmpfloat_with_epsilon (after_start, start, 1e-6 * (end - start));
  g_assert_cmpfloat_with_epsilon (after_end, end, 1e-6 * (end - start));
}

/* The lane headers are as wide as the longest kind name. Large text (the
 * system's text scale, here as GNOME sets it, through the DPI): the rows,
 * the axis and the lane headers grow with the text
 * (test-legibility checks a small window still fits),
 * the overview beside stays lined up with the time, and every event is
 * still drawn, on its own or in a cluster. */
static void
test_large_text (Fixture       *f,
                 gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->view));
  GtkWidget *overview = dm_overview_new ();
  int dpi;
  int header;
  int min_height;          /* natural heights: rows as tall as the text wants */
  int min_height_large;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  /* The headers show the longest kind name whole. */
  header = dm_timeline_view_get_header_width (f->view);
  g_assert_cmpint (header, ==, (int) ceil (dm_scene_measure_header_width (dm_timeline_view_get_scene (f->view), 0)));
  g_assert_cmpint (header, >, 176);
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_VERTICAL, -1, NULL, &min_height, NULL, NULL);

  /* The overview follows the header width. */
  gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_set_vexpand (GTK_WIDGET (f->view), TRUE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
    gtk_box_append (GTK_BOX (box), overview);
    dm_overview_set_timeline (DM_OVERVIEW (overview), f->view);
    gtk_window_set_child (GTK_WINDOW (f->window), box);
  }
  g_assert_cmpint (gtk_widget_get_margin_start (overview), ==, header);

  g_object_set (settings, "gtk-xft-dpi", 144 * 1024, NULL);
  gtk_widget_queue_draw (f->window);
  gtk_test_widget_wait_for_draw (f->window);

  g_assert_cmpint (dm_timeline_view_get_header_width (f->view), >=, header * 1.15);
  g_assert_cmpint (gtk_widget_get_margin_start (overview), ==, dm_timeline_view_get_header_width (f->view));
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_VERTICAL, -1, NULL, &min_height_large, NULL, NULL);
  g_assert_cmpint (min_height_large, >=, min_height * 1.3);

  /* Everything still drawn, on its own or in a cluster. */
  activate (f, "timeline.zoom", "fit");
  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    g_assert_cmpint (dm_timeline_view_get_event_visibility (f->view, i), !=, DM_EVENT_OUT_OF_VIEW);


  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_test_widget_wait_for_draw (f->window);
  g_assert_cmpint (dm_timeline_view_get_header_width (f->view), ==, header);
}

/* Twice the text in a window too low for a row per lane: the rows keep
 * the text's height and the lanes scroll under the axis instead; choosing
 * an event in a lane out of sight scrolls to it, and the wheel scrolls
 * the lanes (with Shift, it still moves in time). */
static void
test_lanes_scroll (Fixture       *f,
                   gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->view));
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  guint last_lane = dm_dataset_get_n_kinds (f->dataset) - 1;
  int in_last_lane = -1;
  int in_first_lane = -1;
  double offset;
  double max;
  double before_start;
  double start;
  double end;
  gboolean handled = FALSE;
  int dpi;

  dm_timeline_view_get_lane_scroll (f->view, &offset, &max);
  g_assert_cmpfloat (max, ==, 0);

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 192 * 1024, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 260);
  gtk_widget_queue_resize (f->window);
  gtk_test_widget_wait_for_draw (f->window);
  gtk_test_widget_wait_for_draw (f->window);

  dm_timeline_view_get_lane_scroll (f->view, &offset, &max);
  g_assert_cmpfloat (max, >, 0);
  g_assert_cmpfloat (offset, ==, 0);

  for (guint i = 0; i < dm_dataset_get_n_events (f->dataset); i++)
    {
      guint lane = dm_dataset_get_event_lane (f->dataset, i);

      if (lane == last_lane && in_last_lane < 0)
        in_last_lane = (int) i;
      if (lane == 0 && in_first_lane < 0)
        in_first_lane = (int) i;
    }
  g_assert_cmpint (in_last_lane, >=, 0);
  g_assert_cmpint (in_first_lane, >=, 0);

  dm_timeline_view_set_selected (f->view, in_last_lane);
  dm_timeline_view_get_lane_scroll (f->view, &offset, NULL);
  g_assert_cmpfloat (offset, ==, max);
  dm_timeline_view_set_selected (f->view, in_first_lane);
  dm_timeline_view_get_lane_scroll (f->view, &offset, NULL);
  g_assert_cmpfloat (offset, ==, 0);

  /* The wheel: down scrolls the lanes, not the time. */
  dm_timeline_view_get_range (f->view, &before_start, NULL);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  dm_timeline_view_get_lane_scroll (f->view, &offset, NULL);
  g_assert_cmpfloat (offset, >, 0);
  dm_timeline_view_get_range (f->view, &start, &end);
  g_assert_cmpfloat (start, ==, before_start);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_test_widget_wait_for_draw (f->window);
  gtk_test_widget_wait_for_draw (f->window);
  dm_timeline_view_get_lane_scroll (f->view, &offset, &max);
  g_assert_cmpfloat (max, ==, 0);
  g_assert_cmpfloat (offset, ==, 0);
}

static gboolean
press (GtkEventController *key,
       guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

/* The overview strip works from the keyboard: it takes focus, the arrows
 * and Page Up/Down move the window by a tenth and a whole of its width,
 * + and - zoom about its middle, Home and End go to the ends; a screen
 * reader sees a slider whose value follows the window. */
static void
test_overview_keyboard (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = dm_timeline_view_new ();
  GtkWidget *overview = dm_overview_new ();
  DmTimelineView *timeline = DM_TIMELINE_VIEW (view);
  GtkEventController *key;
  double start;
  double end;
  double before_start;
  double before_end;
  double span_start;
  double span_end;

  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), overview);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  dm_overview_set_timeline (DM_OVERVIEW (overview), timeline);
  dm_timeline_view_set_dataset (timeline, dataset);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (overview);

  g_assert_true (gtk_widget_get_focusable (overview));
  g_assert_true (gtk_widget_grab_focus (overview));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (overview)), ==, GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (overview), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (overview), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT));
  gtk_test_accessible_assert_property (overview, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0);
  key = find_controller (overview, GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_assert_nonnull (key);

  /* Zoom in about the middle. */
  dm_timeline_view_get_range (timeline, &before_start, &before_end);
  g_assert_true (press (key, GDK_KEY_plus));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, (before_end - before_start) / 1.25, 1e-6 * (end - start));
  g_assert_cmpfloat_with_epsilon ((start + end) / 2, (before_start + before_end) / 2, 1e-6 * (end - start));

  /* Right by a tenth, Page Down by a whole window. */
  dm_timeline_view_get_range (timeline, &before_start, &before_end);
  g_assert_true (press (key, GDK_KEY_Right));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat_with_epsilon (start - before_start, 0.1 * (end - start), 1e-6 * (end - start));
  g_assert_true (press (key, GDK_KEY_Page_Up));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat_with_epsilon (start - before_start, -0.9 * (end - start), 1e-6 * (end - start));

  /* Home and End: the window at either end of the strip's span. */
  dm_overview_get_span (DM_OVERVIEW (overview), &span_start, &span_end);
  g_assert_true (press (key, GDK_KEY_Home));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat_with_epsilon (start, span_start, 1e-6 * (end - start));
  g_assert_true (press (key, GDK_KEY_End));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat_with_epsilon (end, span_end, 1e-6 * (end - start));

  /* Zoom out, and keys it does not know go on to the window. */
  dm_timeline_view_get_range (timeline, &before_start, &before_end);
  g_assert_true (press (key, GDK_KEY_minus));
  dm_timeline_view_get_range (timeline, &start, &end);
  g_assert_cmpfloat (end - start, >, before_end - before_start);
  g_assert_false (press (key, GDK_KEY_a));

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
labels_measured (DmScene *scene)
{
  guint n = 0;

  for (guint i = 0; i < scene->label_widths->len; i++)
    n += g_array_index (scene->label_widths, float, i) >= 0;
  return n;
}

/* The 128 events round the view's middle (64 each side, the least the
 * view measures ahead): all measured. */
static gboolean
labels_near_measured (gpointer data)
{
  DmScene *scene = data;
  guint middle = dm_layout_get_item (scene->layout, dm_layout_get_n_items (scene->layout) / 2)->position;

  for (guint i = MAX (middle, 64) - 64; i < MIN (middle + 64, scene->label_widths->len); i++)
    if (g_array_index (scene->label_widths, float, i) < 0)
      return FALSE;
  return TRUE;
}

/* An empty view in a window of its own (@window), shown and drawn. */
static DmTimelineView *
present_view (GtkWidget **window)
{
  DmTimelineView *view = DM_TIMELINE_VIEW (dm_timeline_view_new ());

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (*window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));

  return view;
}

/* Zoomed in on a few of 3000 events, the view measures the labels of
 * those round them between frames, before a zoom out needs them (a label
 * measured as it comes into view made the slowest frames), and not the
 * thousands far away. */
static void
test_measures_ahead (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 3000, 4);
  GtkWidget *window;
  DmTimelineView *view = present_view (&window);
  DmScene *scene = dm_timeline_view_get_scene (view);
  double start;
  double end;
  guint shown;

  /* As a timeline too large to measure whole (test_measures_all()). */
  scene->measure_all = 0;
  /* The first frame of the events already zoomed in. */
  dm_timeline_view_set_dataset (view, dataset);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_timeline_view_set_range (view, (start + end) / 2, (start + end) / 2 + (end - start) / 200, FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));

  /* What the frame showed is measured; most are not, yet. */
  shown = labels_measured (scene);
  g_test_message ("%u labels measured by the first frame", shown);
  g_assert_cmpuint (scene->label_widths->len, ==, 3000);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 1000);

  /* Left alone, the view measures those near, and stops. */
  g_assert_cmpuint (dm_layout_get_n_items (scene->layout), >, 0);
  g_assert_true (dm_test_run_until (labels_near_measured, scene, 10));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (labels_measured (scene), >=, 128);
  g_assert_cmpuint (labels_measured (scene), <, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
labels_all_measured (gpointer data)
{
  DmScene *scene = data;

  return labels_measured (scene) == scene->label_widths->len;
}

/* A timeline of a few thousand events (fewer than DM_SCENE_MEASURE_ALL)
 * left alone at its whole span, where the view holds too many events to
 * measure round it: every label is measured between frames, so the first
 * zoom steps in measure none in the frame; then the view stops. */
static void
test_measures_all (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 3000, 4);
  GtkWidget *window;
  DmTimelineView *view = present_view (&window);
  DmScene *scene = dm_timeline_view_get_scene (view);
  guint shown;

  dm_timeline_view_set_dataset (view, dataset);
  dm_timeline_view_zoom_to_fit (view);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));

  shown = labels_measured (scene);
  g_test_message ("%u labels measured by the first frame", shown);
  g_assert_cmpuint (scene->measure_all, >=, 3000);
  g_assert_cmpuint (shown, <, 3000);
  g_assert_true (dm_test_run_until (labels_all_measured, scene, 20));
  /* Nothing left to do: the idle has ended. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (dm_scene_measure_ahead (scene, 1000));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_finalize (void)
{
  GtkWidget *view = dm_timeline_view_new ();
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();

  g_object_ref_sink (view);
  dm_timeline_view_set_dataset (DM_TIMELINE_VIEW (view), dataset);
  dm_timeline_view_set_selected (DM_TIMELINE_VIEW (view), 3);
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  dm_test_a11y_init (&argc, &argv);

  g_test_add ("/timeline-view/keyboard-order", Fixture, NULL, fixture_setup, test_keyboard_order, fixture_teardown);
  g_test_add ("/timeline-view/keyboard-lanes", Fixture, NULL, fixture_setup, test_keyboard_lanes, fixture_teardown);
  g_test_add ("/timeline-view/keyboard-skips-hidden", Fixture, NULL, fixture_setup, test_keyboard_skips_hidden, fixture_teardown);
  g_test_add ("/timeline-view/selection-stays-visible", Fixture, NULL, fixture_setup, test_selection_stays_visible, fixture_teardown);
  g_test_add ("/timeline-view/zoom-bounds", Fixture, NULL, fixture_setup, test_zoom_bounds, fixture_teardown);
  g_test_add ("/timeline-view/scroll-pans", Fixture, NULL, fixture_setup, test_scroll_pans, fixture_teardown);
  g_test_add ("/timeline-view/drag-fling", Fixture, NULL, fixture_setup, test_drag_fling, fixture_teardown);
  g_test_add ("/timeline-view/drag-hold-and-stop", Fixture, NULL, fixture_setup, test_drag_hold_and_stop, fixture_teardown);
  g_test_add ("/timeline-view/pan-bounded", Fixture, NULL, fixture_setup, test_pan_bounded, fixture_teardown);
  g_test_add ("/timeline-view/scroll-decelerate", Fixture, NULL, fixture_setup, test_scroll_decelerate, fixture_teardown);
  g_test_add ("/timeline-view/clusters-split", Fixture, small_size, fixture_setup, test_clusters_split, fixture_teardown);
  g_test_add ("/timeline-view/selection-never-folds", Fixture, small_size, fixture_setup, test_selection_never_folds, fixture_teardown);
  g_test_add ("/timeline-view/cluster-tooltip", Fixture, small_size, fixture_setup, test_cluster_tooltip, fixture_teardown);
  g_test_add ("/timeline-view/resize-keeps-range", Fixture, NULL, fixture_setup, test_resize_keeps_range, fixture_teardown);
  g_test_add ("/timeline-view/large-text", Fixture, NULL, fixture_setup, test_large_text, fixture_teardown);
  g_test_add ("/timeline-view/lanes-scroll", Fixture, NULL, fixture_setup, test_lanes_scroll, fixture_teardown);
  g_test_add_func ("/timeline-view/overview-keyboard", test_overview_keyboard);
  g_test_add_func ("/timeline-view/measures-ahead", test_measures_ahead);
  g_test_add_func ("/timeline-view/measures-all", test_measures_all);
  g_test_add_func ("/timeline-view/finalize", test_finalize);

  return g_test_run ();
}
