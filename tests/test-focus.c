/* test-focus.c — the main window from the keyboard: where Tab goes
 *
 * Each test steps through the window as Tab and Shift+Tab do
 * (gtk_widget_child_focus on the window, what GtkWindow's Tab binding
 * calls) and checks every stop: it is shown on screen, a screen reader
 * has a name for it, and the stops follow the layout, reading order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "dm-application.h"
#include "dm-test-a11y.h"
#include "dm-detail-pane.h"
#include "dm-overview.h"
#include "dm-test-util.h"
#include "dm-timeline-view.h"
#include "dm-test-window.h"
#include "dm-window.h"


/* The strip under the timeline (not a template child of its own). */
static GtkWidget *
overview (DmWindow *window)
{
  GtkWidget *strip = gtk_widget_get_next_sibling (dm_test_window_child (window, "timeline"));

  g_assert_true (DM_IS_OVERVIEW (strip));
  return strip;
}


static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget == ancestor || gtk_widget_is_ancestor (widget, ancestor);
}

static graphene_rect_t
bounds_in_window (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_root (widget)), &bounds));
  return bounds;
}

/* The stop is drawn where the user can see it: mapped, with a size, inside
 * the window and in the visible part of every scrolled window it is in
 * (a list row made ahead of time but not shown is not). */
static void
assert_on_screen (GtkWidget *stop)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (stop));
  graphene_rect_t bounds = bounds_in_window (stop);
  graphene_rect_t whole = bounds_in_window (window);
  graphene_rect_t seen;

  g_assert_true (gtk_widget_get_mapped (stop));
  g_assert_true (gtk_widget_is_drawable (stop));
  g_assert_cmpfloat (bounds.size.width, >=, 4);
  g_assert_cmpfloat (bounds.size.height, >=, 4);
  g_assert_true (graphene_rect_intersection (&bounds, &whole, &seen));

  for (GtkWidget *a = gtk_widget_get_parent (stop); a != NULL; a = gtk_widget_get_parent (a))
    if (GTK_IS_SCROLLED_WINDOW (a))
      {
        graphene_rect_t port = bounds_in_window (a);

        /* Some of it: GTK scrolls a focused row fully into view when the
         * window is active, which a window under Xvfb with no window
         * manager is not. */
        g_assert_true (graphene_rect_intersection (&bounds, &port, &seen));
        g_assert_cmpfloat (seen.size.height, >=, 1);
      }
}

/* Reading order: each stop is below the one before, or to its right
 * (the next control in a row, or the top of the next column). */
static void
assert_reading_order (GtkWidget *before,
                      GtkWidget *after)
{
  graphene_rect_t a = bounds_in_window (before);
  graphene_rect_t b = bounds_in_window (after);
  gboolean below = b.origin.y >= a.origin.y + a.size.height - 1;
  gboolean right = b.origin.x >= a.origin.x + a.size.width - 1 && b.origin.y < a.origin.y + a.size.height;

  if (!below && !right)
    g_error ("%s at %g,%g (%gx%g) comes after %s at %g,%g (%gx%g) in the Tab order, but not after it on screen",
             G_OBJECT_TYPE_NAME (after), b.origin.x, b.origin.y, b.size.width, b.size.height,
             G_OBJECT_TYPE_NAME (before), a.origin.x, a.origin.y, a.size.width, a.size.height);
}

/* Every stop, as Tab (or Shift+Tab) meets them from the start of the
 * window until it comes round again; each checked on the way. */
static GPtrArray *
walk (DmWindow         *window,
      GtkDirectionType  direction)
{
  GPtrArray *stops = g_ptr_array_new ();

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;
      g_autofree char *name = NULL;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), direction));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (stops->len > 0 && focus == g_ptr_array_index (stops, 0))
        return stops;

      /* The list scrolls the row it focuses into view when it lays out. */
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);

      name = accessible_name (focus);
      g_test_message ("stop %u: %s “%s”", stops->len, G_OBJECT_TYPE_NAME (focus), name);
      if (name[0] == '\0')
        g_error ("Tab stop %u, a %s, has no accessible name", stops->len, G_OBJECT_TYPE_NAME (focus));
      /* A mnemonic's underscore is not for reading out. */
      g_assert_null (strchr (name, '_'));
      assert_on_screen (focus);
      g_assert_false (g_ptr_array_find (stops, focus, NULL));
      g_ptr_array_add (stops, focus);
    }

  g_error ("Tab never came round to the first stop again");
}

static void
assert_backward_is_reverse (DmWindow  *window,
                            GPtrArray *forward)
{
  g_autoptr(GPtrArray) backward = walk (window, GTK_DIR_TAB_BACKWARD);

  g_assert_cmpuint (backward->len, ==, forward->len);
  for (guint i = 0; i < forward->len; i++)
    g_assert_true (g_ptr_array_index (backward, i) == g_ptr_array_index (forward, forward->len - 1 - i));
}

static const char *header_stops[] = {
  "Open a timeline",
  "Search events",
  "Filter events",
  "Tiếng Việt",
  "English",
  "Present the timeline",
  "Export the timeline",
  "Main menu",
};

static void
assert_header (GPtrArray *stops)
{
  g_assert_cmpuint (stops->len, >, G_N_ELEMENTS (header_stops));
  for (guint i = 0; i < G_N_ELEMENTS (header_stops); i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);
      g_autofree char *name = accessible_name (stop);

      g_assert_cmpstr (name, ==, header_stops[i]);
      g_assert_nonnull (gtk_widget_get_ancestor (stop, ADW_TYPE_HEADER_BAR));
      if (i > 0)
        assert_reading_order (g_ptr_array_index (stops, i - 1), stop);
    }
}

/* Nothing selected, no search: the header bar left to right, then the
 * timeline, the overview strip, the list (one stop, not one per row) and
 * the detail pane; Shift+Tab the same backwards. */
static void
test_order (void)
{
  DmWindow *window = dm_test_open_bundled_window (1200, 760);
  g_autoptr(GPtrArray) stops = walk (window, GTK_DIR_TAB_FORWARD);
  guint n = G_N_ELEMENTS (header_stops);
  GtkWidget *row;
  g_autofree char *row_name = NULL;
  g_autofree char *pane_name = NULL;

  assert_header (stops);
  g_assert_cmpuint (stops->len, ==, n + 4);
  g_assert_true (g_ptr_array_index (stops, n) == dm_test_window_child (window, "timeline"));
  g_assert_true (g_ptr_array_index (stops, n + 1) == overview (window));

  row = g_ptr_array_index (stops, n + 2);
  g_assert_true (gtk_widget_get_parent (row) == dm_test_window_child (window, "event_view"));
  row_name = accessible_name (row);
  g_assert_true (g_str_has_prefix (row_name, "Plan / strategy, "));
  {
    /* The row's details are the detail pane. */
    g_autofree char *mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DETAILS,
                                                                    dm_test_window_child (window, "detail_pane"), NULL);

    g_assert_null (mismatch);
  }

  g_assert_true (is_inside (g_ptr_array_index (stops, n + 3), dm_test_window_child (window, "detail_pane")));
  /* With nothing selected, the pane is about the dataset, and named so. */
  pane_name = accessible_name (g_ptr_array_index (stops, n + 3));
  g_assert_cmpstr (pane_name, ==, dm_dataset_get_title (dm_window_get_dataset (window))->en);

  for (guint i = n; i < stops->len; i++)
    assert_reading_order (g_ptr_array_index (stops, i - 1), g_ptr_array_index (stops, i));

  assert_backward_is_reverse (window, stops);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Inside the list, Tab leaves it at once, both ways, from whichever row
 * has focus; the arrow keys are what move between rows. */
static void
test_list_is_one_stop (void)
{
  DmWindow *window = dm_test_open_bundled_window (1200, 760);
  GtkWidget *view = dm_test_window_child (window, "event_view");
  GtkWidget *focus;

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  do
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  while (!is_inside (gtk_root_get_focus (GTK_ROOT (window)), view));

  /* Down to the third row, as the arrow key does. */
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_DOWN));
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_DOWN));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) == view);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (is_inside (gtk_root_get_focus (GTK_ROOT (window)), dm_test_window_child (window, "detail_pane")));

  /* Back in, it is the same row; back out, the overview. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == overview (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Searching, with an event selected: the search entry and the filter
 * bar's Show All come after the header bar, and after the list every
 * stop is in the detail pane, top to bottom: its text (selectable, so
 * that it can be read and copied), the related events, the sources. */
static void
test_order_with_search_and_details (void)
{
  DmWindow *window = dm_test_open_bundled_window (1200, 760);
  GtkWidget *pane = dm_test_window_child (window, "detail_pane");
  GtkEditable *entry = GTK_EDITABLE (dm_test_window_child (window, "search_entry"));
  g_autoptr(GPtrArray) stops = NULL;
  guint n = G_N_ELEMENTS (header_stops);
  guint position;
  guint in_pane = 0;
  guint related = 0;
  gboolean saw_title = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "nghi quyet");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_nonnull (dm_dataset_lookup_event (dm_window_get_dataset (window), "nq-78-2020", &position));
  dm_timeline_view_set_selected (DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline")), (int) position);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  stops = walk (window, GTK_DIR_TAB_FORWARD);
  assert_header (stops);
  g_assert_true (is_inside (g_ptr_array_index (stops, n), GTK_WIDGET (entry)));
  {
    g_autofree char *name = accessible_name (g_ptr_array_index (stops, n + 1));
    g_assert_cmpstr (name, ==, "Show All");
  }
  g_assert_true (g_ptr_array_index (stops, n + 2) == dm_test_window_child (window, "timeline"));
  g_assert_true (g_ptr_array_index (stops, n + 3) == overview (window));
  g_assert_true (gtk_widget_get_parent (g_ptr_array_index (stops, n + 4)) == dm_test_window_child (window, "event_view"));

  for (guint i = n + 5; i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);
      g_autofree char *name = accessible_name (stop);

      g_assert_true (is_inside (stop, pane));
      assert_reading_order (g_ptr_array_index (stops, i - 1), stop);
      in_pane++;
      saw_title |= g_strcmp0 (name, dm_detail_pane_get_title (DM_DETAIL_PANE (pane))) == 0;
      related += GTK_IS_BUTTON (stop) && g_str_has_prefix (name, "Related: ");
    }
  g_assert_cmpuint (in_pane, >=, 5);
  g_assert_true (saw_title);
  g_assert_cmpuint (related, ==, 2);
  {
    /* The last stop is a source to show; its name says which source. */
    g_autofree char *name = accessible_name (g_ptr_array_index (stops, stops->len - 1));
    g_assert_true (g_str_has_prefix (name, "Show in source: "));
  }

  assert_backward_is_reverse (window, stops);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dm_test_a11y_init (&argc, &argv);

  g_test_add_func ("/focus/order", test_order);
  g_test_add_func ("/focus/list-is-one-stop", test_list_is_one_stop);
  g_test_add_func ("/focus/order-with-search-and-details", test_order_with_search_and_details);

  return g_test_run ();
}
