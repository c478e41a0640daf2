/* test-view-nodes.c — the render nodes the timeline view keeps from frame
 * to frame show what the scene draws
 *
 * The view hands GTK the lanes as one kept node and each item as a kept
 * node moved into place (dm-timeline-view.c). Each step here changes what
 * a kept node may depend on — zoom, pan, selection, search, the theme, the
 * text size, the data, the size, the pointer over an event (moved by the X
 * server, with xdotool) — lets GTK draw a few frames, and compares
 * the node GTK drew, rendered by the window's renderer, with the scene
 * drawn in one piece onto cairo, as the exports draw it: a node kept when
 * it should have gone shows as a difference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>
#ifdef DM_TEST_XDOTOOL
#include <gdk/x11/gdkx.h>
#endif

#include "dm-edit.h"
#include "dm-test-a11y.h"
#include "dm-test-util.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

typedef struct
{
  GtkWidget      *window;
  DmTimelineView *view;
  DmDataset      *dataset;
  guint           compared;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dataset = dm_test_load_bundled ();
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 600);
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
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (f->view != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (f->dataset);
}

/* The view as GTK last drew it: its render node, rendered by the
 * window's renderer (cairo, GSK_RENDERER in the tests' environment). */
static cairo_surface_t *
render_nodes (Fixture *f)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->view));
  int height = gtk_widget_get_height (GTK_WIDGET (f->view));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->view));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* The same, drawn by the scene in one piece in a frame of its own
 * (dm_timeline_view_set_whole()), keeping nothing: as the exports draw. */
static cairo_surface_t *
render_scene (Fixture *f)
{
  cairo_surface_t *surface;

  dm_timeline_view_set_whole (f->view, TRUE);
  gtk_test_widget_wait_for_draw (f->window);
  surface = render_nodes (f);
  dm_timeline_view_set_whole (f->view, FALSE);

  return surface;
}

/* How many channel values of @a and @b differ by more than @tolerance. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              tolerance,
                   int             *worst)
{
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint differing = 0;

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
  *worst = 0;
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a) * 4; x++)
      {
        int d = ABS ((int) pa[y * stride + x] - (int) pb[y * stride + x]);

        *worst = MAX (*worst, d);
        differing += d > tolerance;
      }

  return differing;
}

/* Several frames, as while the view stays (the scene keeps an image of a
 * few items more at each), each the same as the scene drawn whole: only
 * the rounding of blending pieces one by one may differ, by a few levels,
 * and the edges of shapes GTK draws (an item told as shapes, not kept),
 * by up to 20 at the slant of a small circle's outline (a node kept when
 * it should have gone differs by a hundred or more). Returns the picture
 * of the last. */
#define TOLERANCE 24

static cairo_surface_t *
assert_nodes_match (Fixture    *f,
                    const char *step)
{
  cairo_surface_t *nodes = NULL;

  for (guint frame = 0; frame < 4; frame++)
    {
      cairo_surface_t *scene;
      guint differing;
      int worst;

      gtk_widget_queue_draw (GTK_WIDGET (f->view));
      gtk_test_widget_wait_for_draw (f->window);
      g_clear_pointer (&nodes, cairo_surface_destroy);
      nodes = render_nodes (f);
      scene = render_scene (f);
      differing = count_differences (nodes, scene, TOLERANCE, &worst);
      if (differing > 0)
        {
          g_autofree char *name_a = g_strdup_printf ("%s/view-nodes-%s.png", g_get_tmp_dir (), step);
          g_autofree char *name_b = g_strdup_printf ("%s/view-scene-%s.png", g_get_tmp_dir (), step);

          cairo_surface_write_to_png (nodes, name_a);
          cairo_surface_write_to_png (scene, name_b);
          g_error ("%s, frame %u: %u channel values differ by more than %d (worst %d); see %s and %s",
                   step, frame, differing, TOLERANCE, worst, name_a, name_b);
        }
      cairo_surface_destroy (scene);
      f->compared++;
    }

  return nodes;
}

/* That @step changed the picture: the comparison after it saw new nodes. */
static void
assert_changed (cairo_surface_t *before,
                cairo_surface_t *after,
                const char      *step)
{
  int worst;

  if (cairo_image_surface_get_width (before) != cairo_image_surface_get_width (after) ||
      cairo_image_surface_get_height (before) != cairo_image_surface_get_height (after))
    return;
  if (count_differences (before, after, 2, &worst) == 0)
    g_error ("%s changed nothing on screen", step);
}

/* The frames after @step match (assert_nodes_match()) and, if
 * @changes, differ from the picture in @before, which becomes theirs. */
static void
assert_step (Fixture          *f,
             cairo_surface_t **before,
             const char       *step,
             gboolean          changes)
{
  cairo_surface_t *after = assert_nodes_match (f, step);

  if (changes)
    assert_changed (*before, after, step);
  cairo_surface_destroy (*before);
  *before = after;
}

static void
set_range (Fixture *f,
           double   start,
           double   end)
{
  dm_timeline_view_set_range (f->view, start, end, FALSE);
}

/* Zoom in, pan by small and large steps, zoom out; select; search. */
static void
test_zoom_pan_select (Fixture       *f,
                      gconstpointer  data)
{
  cairo_surface_t *before;
  double start;
  double end;
  double days;
  double middle;
  guint8 *matches;
  guint n = dm_dataset_get_n_events (f->dataset);

  before = assert_nodes_match (f, "start");
  dm_timeline_view_get_range (f->view, &start, &end);
  middle = dm_dataset_get_event (f->dataset, n / 2)->axis_start;

  for (guint zoom = 1; zoom <= 3; zoom++)
    {
      g_autofree char *step = g_strdup_printf ("zoom-%u", zoom);

      days = (end - start) / pow (3, zoom);
      set_range (f, middle - days / 2, middle + days / 2);
      assert_step (f, &before, step, TRUE);
    }

  /* Pans of a few pixels, as a drag's, and of a third of the view. */
  for (guint pan = 0; pan < 6; pan++)
    {
      g_autofree char *step = g_strdup_printf ("pan-%u", pan);
      double shift = (pan % 3 == 2 ? 0.33 : 0.004) * days;

      middle += pan < 3 ? shift : -shift;
      set_range (f, middle - days / 2, middle + days / 2);
      assert_step (f, &before, step, TRUE);
    }

  /* Selection: the item and the cluster that holds it change. */
  dm_timeline_view_set_selected (f->view, (int) n / 2);
  assert_step (f, &before, "select", TRUE);
  dm_timeline_view_set_selected (f->view, -1);
  assert_step (f, &before, "unselect", TRUE);

  /* A search dims what does not match. */
  matches = g_new0 (guint8, n);
  for (guint i = 0; i < n; i += 2)
    matches[i] = 1;
  dm_timeline_view_set_matches (f->view, matches, n);
  g_free (matches);
  assert_step (f, &before, "search", TRUE);

  /* Back out to the whole span. */
  dm_timeline_view_zoom_to_fit (f->view);
  assert_step (f, &before, "zoom-out", TRUE);
  cairo_surface_destroy (before);

  g_test_message ("%u frames compared", f->compared);
}

/* The dark style: every colour changes, the kept lanes and items too. */
static void
test_theme (Fixture       *f,
            gconstpointer  data)
{
  cairo_surface_t *before = assert_nodes_match (f, "light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  assert_step (f, &before, "dark", TRUE);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  assert_step (f, &before, "light-again", TRUE);
  cairo_surface_destroy (before);
}

/* Larger text: taller rows, wider headers, other labels. */
static void
test_text_size (Fixture       *f,
                gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->view));
  cairo_surface_t *before = assert_nodes_match (f, "text-usual");
  int dpi;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 120 * 1024, NULL);
  assert_step (f, &before, "text-large", TRUE);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  assert_step (f, &before, "text-back", TRUE);
  cairo_surface_destroy (before);
}

/* Other data, a filter, a resize: what was kept for the old goes. */
static void
test_data_and_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20);
  g_autoptr(DmDataset) other = dm_test_random_dataset (rand, 3000, 5);
  cairo_surface_t *before = assert_nodes_match (f, "bundled");
  int width = gtk_widget_get_width (GTK_WIDGET (f->view));
  guint n;
  guint8 *visible;

  dm_timeline_view_set_dataset (f->view, other);
  assert_step (f, &before, "other-data", TRUE);

  /* A filter: every third event left out. */
  n = dm_dataset_get_n_events (other);
  visible = g_new (guint8, n);
  for (guint i = 0; i < n; i++)
    visible[i] = i % 3 != 0;
  dm_timeline_view_set_visible (f->view, visible, n);
  g_free (visible);
  assert_step (f, &before, "filter", TRUE);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  while (gtk_widget_get_width (GTK_WIDGET (f->view)) == width)
    g_main_context_iteration (NULL, TRUE);
  assert_step (f, &before, "wider", FALSE);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  while (gtk_widget_get_width (GTK_WIDGET (f->view)) >= 1200)
    g_main_context_iteration (NULL, TRUE);
  assert_step (f, &before, "narrower", FALSE);
  cairo_surface_destroy (before);

  /* Back to the bundled data, at its size: the same as at the start. */
  dm_timeline_view_set_dataset (f->view, f->dataset);
  cairo_surface_destroy (assert_nodes_match (f, "bundled-again"));
}

/* Edits of the dataset shown, told to the view as the window tells it
 * (dm_timeline_view_events_changed()): the item kept for the event
 * edited goes, whether it stays where it was (its title typed), moves
 * (its date), goes (deleted) or comes back (undone). */
static void
edited_cb (DmEdit  *edit,
           Fixture *f)
{
  guint position;
  guint removed;
  guint added;

  g_assert_true (dm_edit_get_changed_range (edit, &position, &removed, &added));
  dm_timeline_view_events_changed (f->view, position, removed, added);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DmEdit) edit = dm_edit_new (f->dataset);
  guint middle = dm_dataset_get_n_events (f->dataset) / 2;
  const DmEvent *event = dm_dataset_get_event (f->dataset, middle);
  g_autofree char *id = g_strdup (event->id);
  double at = event->axis_start;
  cairo_surface_t *before;
  DmEvent *moved;

  set_range (f, at - 60, at + 60);
  before = assert_nodes_match (f, "edit-zoomed");
  g_signal_connect (edit, "changed", G_CALLBACK (edited_cb), f);

  /* Its title backwards: the same letters, as wide, so the item's size
   * and place do not change, only what it says. */
  {
    g_autofree char *en = g_utf8_strreverse (dm_text_get (&event->title, DM_LANGUAGE_EN), -1);
    g_autofree char *vi = g_utf8_strreverse (dm_text_get (&event->title, DM_LANGUAGE_VI), -1);

    g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, en, NULL));
    g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_VI, vi, NULL));
  }
  assert_step (f, &before, "edit-title", TRUE);
  g_assert_true (dm_edit_undo (edit));
  g_assert_true (dm_edit_undo (edit));
  assert_step (f, &before, "edit-title-undone", TRUE);

  moved = dm_event_copy (dm_dataset_lookup_event (f->dataset, id, NULL));
  dm_date_init (&moved->start, DM_DATE_PRECISION_DAY, 1990, 1, 1, 0, 0);
  moved->end = (DmDate) { 0 };
  g_assert_true (dm_edit_change_event (edit, id, moved, DM_EVENT_FIELD_START, NULL));
  assert_step (f, &before, "edit-date", TRUE);
  g_assert_true (dm_edit_undo (edit));
  assert_step (f, &before, "edit-date-undone", TRUE);

  g_assert_true (dm_edit_delete_event (edit, id));
  assert_step (f, &before, "edit-delete", TRUE);
  g_assert_true (dm_edit_undo (edit));
  assert_step (f, &before, "edit-delete-undone", TRUE);

  g_signal_handlers_disconnect_by_data (edit, f);
  cairo_surface_destroy (before);
}

/* Many kinds in a short window: the lanes scroll under the axis, and the
 * kept lanes follow the scroll. */
static void
test_lane_scroll (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(DmDataset) many = dm_test_random_dataset (rand, 2000, 40);
  cairo_surface_t *before;
  double scroll;
  double max;

  dm_timeline_view_set_dataset (f->view, many);
  before = assert_nodes_match (f, "many-lanes");
  dm_timeline_view_get_lane_scroll (f->view, &scroll, &max);
  g_assert_cmpfloat (max, >, 0);

  /* Selecting an event in a lane out of view scrolls to it. */
  for (guint i = dm_dataset_get_n_events (many); i-- > 0;)
    if (dm_dataset_get_event_lane (many, i) == dm_scene_get_n_lanes (dm_timeline_view_get_scene (f->view)) - 1)
      {
        dm_timeline_view_set_selected (f->view, (int) i);
        break;
      }
  dm_timeline_view_get_lane_scroll (f->view, &scroll, &max);
  g_assert_cmpfloat (scroll, >, 0);
  assert_step (f, &before, "lanes-scrolled", TRUE);
  cairo_surface_destroy (before);
}

/* A stated range across the whole view is told as a shape, cut a little
 * past the view's edges (draw_rounded() in dm-scene.c); a dashed bar
 * wide in view is told in parts (describe_bar_in_parts()): with its start
 * in view, panned by a fraction of a pixel, and dimmed by a search, each
 * frame the same as the bars drawn whole. */
static void
test_wide_bars (Fixture       *f,
                gconstpointer  data)
{
  DmScene *scene = dm_timeline_view_get_scene (f->view);
  const DmEvent *plan = dm_dataset_lookup_event (f->dataset, "cnh-hdh-2016-2020", NULL);
  const DmEvent *summit = dm_dataset_lookup_event (f->dataset, "industry-4-0-summit-2021", NULL);
  cairo_surface_t *before = assert_nodes_match (f, "start");
  guint n = dm_dataset_get_n_events (f->dataset);
  g_autofree guint8 *matches = g_new0 (guint8, n);
  double span;
  guint parts;
  guint shapes;

  g_assert_nonnull (plan);
  g_assert_nonnull (summit);
  g_assert_true (dm_event_is_range (plan) && plan->certainty == DM_CERTAINTY_STATED);
  g_assert_true (dm_event_is_range (summit) && summit->certainty != DM_CERTAINTY_STATED);

  /* Inside the plan: its bar crosses the view, both ends out of it. */
  span = plan->axis_end - plan->axis_start;
  parts = scene->bars_in_parts;
  shapes = scene->items_as_shapes;
  set_range (f, plan->axis_start + 0.3 * span, plan->axis_start + 0.6 * span);
  assert_step (f, &before, "stated-across", TRUE);
  g_assert_cmpuint (scene->items_as_shapes, >, shapes);
  g_assert_cmpuint (scene->bars_in_parts, ==, parts);

  /* The summit's dashed bar, its start in view and too wide to be kept
   * as an image, panned by a third and a fifth of a pixel at a time: its
   * edges told as rows of dashes (a repeat node), which must fall where
   * the whole bar's stroke puts them. */
  span = summit->axis_end - summit->axis_start;
  for (guint pan = 0; pan < 4; pan++)
    {
      g_autofree char *step = g_strdup_printf ("dashed-%u", pan);
      double shift = pan * span * 0.35 / 1000 / (pan % 2 == 0 ? 3 : 5);
      guint rows = scene->dash_rows;

      parts = scene->bars_in_parts;
      set_range (f, summit->axis_start - span * 0.05 + shift, summit->axis_start + span * 0.3 + shift);
      assert_step (f, &before, step, pan == 0);
      g_assert_cmpuint (scene->bars_in_parts, >, parts);
      g_assert_cmpuint (scene->dash_rows, >, rows);
    }

  /* Dimmed: the search matches the first event only. */
  matches[0] = 1;
  parts = scene->bars_in_parts;
  dm_timeline_view_set_matches (f->view, matches, n);
  assert_step (f, &before, "dimmed", TRUE);
  g_assert_cmpuint (scene->bars_in_parts, >, parts);
  cairo_surface_destroy (before);

  g_test_message ("%u frames compared, %u bars in parts", f->compared, scene->bars_in_parts);
}

#ifdef DM_TEST_XDOTOOL
/* Runs xdotool with @args, WINDOW in them the fixture's window, and
 * waits for it. */
static void
xdotool (Fixture    *f,
         const char *args)
{
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))));
  g_auto(GStrv) parts = g_strsplit (args, "WINDOW", -1);
  g_autofree char *joined = g_strjoinv (xid, parts);

  g_free (dm_test_xdotool (joined));
}

/* The pointer to (@x, @y) in the view, through the X server. */
static void
point_at (Fixture *f,
          double   x,
          double   y)
{
  graphene_point_t in_window;
  double surface_x;
  double surface_y;
  g_autofree char *args = NULL;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (f->view), f->window, &GRAPHENE_POINT_INIT (x, y), &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &surface_x, &surface_y);
  args = g_strdup_printf ("mousemove --sync --window WINDOW %d %d",
                          (int) round (in_window.x + surface_x), (int) round (in_window.y + surface_y));
  xdotool (f, args);
}

/* The text of the labels in @widget and below it. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

static gboolean
is_shown_tooltip (GtkWidget     *widget,
                  gconstpointer  data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow") && gtk_widget_get_mapped (widget);
}

/* The pointer, moved by the X server over an event, shows its tooltip
 * and changes nothing in the view: nothing kept is dropped or drawn
 * again otherwise. Ctrl and the wheel there zoom round the pointer. */
static void
test_hover (Fixture       *f,
            gconstpointer  data)
{
  DmScene *scene = dm_timeline_view_get_scene (f->view);
  const DmEvent *event = dm_dataset_lookup_event (f->dataset, "nq-52-2019", NULL);
  const DmLayoutItem *item = NULL;
  cairo_surface_t *before;
  cairo_surface_t *after;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *tooltip = NULL;
  gint64 deadline;
  double x;
  double y;
  double start;
  double end;
  double zoomed_start;
  double zoomed_end;
  double axis_at;
  int worst;

  g_assert_nonnull (event);
  set_range (f, event->axis_start - 200, event->axis_start + 200);
  before = assert_nodes_match (f, "hover-start");

  for (guint i = 0; i < dm_layout_get_n_items (scene->layout); i++)
    {
      const DmLayoutItem *candidate = dm_layout_get_item (scene->layout, i);

      if (candidate->type == DM_LAYOUT_EVENT && dm_dataset_get_event (f->dataset, candidate->position) == event)
        item = candidate;
    }
  g_assert_nonnull (item);
  x = scene->header_width + (item->x0 + item->x1) / 2 - scene->layout_offset;
  y = dm_scene_get_row_y (scene, item->lane, item->row) + (scene->row_height - 6) / 2;

  /* Over the event: its tooltip, once GTK's hover delay is over. */
  point_at (f, x, y);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((tooltip = dm_test_find_widget (f->window, is_shown_tooltip, NULL)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (tooltip);
  collect_labels (tooltip, text);
  g_assert_nonnull (strstr (text->str, dm_text_get (&event->title, DM_LANGUAGE_EN)));

  /* The view under it: as drawn whole, and as before. */
  after = assert_nodes_match (f, "hover");
  g_assert_cmpuint (count_differences (before, after, 2, &worst), ==, 0);
  cairo_surface_destroy (before);
  before = after;

  /* Ctrl and the wheel: in by a step, the time under the pointer kept. */
  dm_timeline_view_get_range (f->view, &start, &end);
  axis_at = dm_time_scale_x_to_axis (&scene->scale, x - scene->header_width);
  /* With no window manager, X gives the keys to the window under the
   * pointer. */
  xdotool (f, "keydown ctrl click 4 keyup ctrl");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, TRUE);
      dm_timeline_view_get_range (f->view, &zoomed_start, &zoomed_end);
    }
  while (zoomed_end - zoomed_start == end - start && g_get_monotonic_time () < deadline);
  g_assert_cmpfloat (zoomed_end - zoomed_start, <, end - start);
  g_assert_cmpfloat_with_epsilon (dm_time_scale_x_to_axis (&scene->scale, x - scene->header_width), axis_at,
                                  (end - start) / 1000);
  assert_step (f, &before, "hover-zoom", TRUE);
  cairo_surface_destroy (before);
}
#endif

int
main (int   argc,
      char *argv[])
{
  dm_test_init_gui (&argc, &argv);

  g_test_add ("/view-nodes/zoom-pan-select", Fixture, NULL, fixture_setup, test_zoom_pan_select, fixture_teardown);
  g_test_add ("/view-nodes/theme", Fixture, NULL, fixture_setup, test_theme, fixture_teardown);
  g_test_add ("/view-nodes/text-size", Fixture, NULL, fixture_setup, test_text_size, fixture_teardown);
  g_test_add ("/view-nodes/data-and-size", Fixture, NULL, fixture_setup, test_data_and_size, fixture_teardown);
  g_test_add ("/view-nodes/edit", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/view-nodes/lane-scroll", Fixture, NULL, fixture_setup, test_lane_scroll, fixture_teardown);
  g_test_add ("/view-nodes/wide-bars", Fixture, NULL, fixture_setup, test_wide_bars, fixture_teardown);
#ifdef DM_TEST_XDOTOOL
  g_test_add ("/view-nodes/hover", Fixture, NULL, fixture_setup, test_hover, fixture_teardown);
#endif

  return g_test_run ();
}
