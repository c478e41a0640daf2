/* test-presentation-keys.c — presenting as a presenter does: every key a
 * clicker or a keyboard sends, and the mouse buttons, pressed through the
 * X server with xdotool against the real windows, whatever has the focus
 *
 * The test runs under an X server of its own whose screen size meson
 * chooses (1024×768, 1920×1080: see tests/meson.build), so that the
 * presentation is as large as a projector's screen. After every key the
 * slide must have moved as the key says, and its title, date and counter
 * must lie inside the window, with nothing scrolled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "dm-test-a11y.h"
#include "dm-test-presentation.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

/* The X window of the visible window titled @name. */
static char *
x_window (const char *name)
{
  g_autofree char *args = g_strdup_printf ("search --sync --onlyvisible --name '%s'", name);
  g_autofree char *out = dm_test_xdotool (args);
  g_auto(GStrv) lines = g_strsplit (out, "\n", 2);

  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");
  return g_strdup (lines[0]);
}

static void
press (const char *x_id,
       const char *keys)
{
  g_autofree char *focus = g_strdup_printf ("windowfocus --sync %s", x_id);
  g_autofree char *key = g_strdup_printf ("key --delay 40 %s", keys);

  g_free (dm_test_xdotool (focus));
  g_free (dm_test_xdotool (key));
}

static void
click (const char *x_id,
       int         x,
       int         y,
       int         button)
{
  g_autofree char *move = g_strdup_printf ("mousemove --sync --window %s %d %d", x_id, x, y);
  g_autofree char *press_button = g_strdup_printf ("click %d", button);

  g_free (dm_test_xdotool (move));
  g_free (dm_test_xdotool (press_button));
}

typedef gboolean (*Condition) (gpointer data);

static DmPresentation *find_presentation (void);

/* Runs the main loop until @condition holds, for at most ten seconds. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, dm_test_set_flag_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      DmPresentation *self = find_presentation ();

      if (self != NULL)
        g_test_message ("At page %d, event %u, part %u of %u, blank %d, language %d",
                        dm_presentation_get_page (self), dm_presentation_get_index (self),
                        dm_presentation_get_part (self), dm_presentation_get_n_parts (self),
                        dm_presentation_get_blank (self), dm_presentation_get_language (self));
      g_error ("Waited ten seconds for %s", what);
    }
  g_source_remove (id);
}

static DmPresentation *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (DM_IS_PRESENTATION (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return DM_PRESENTATION (toplevel);
    }
  return NULL;
}

static gboolean
presentation_shown (gpointer data)
{
  return find_presentation () != NULL;
}

static gboolean
presentation_gone (gpointer data)
{
  return find_presentation () == NULL;
}

/* Where the presentation is: page, event, part of its text. */
typedef struct
{
  DmPresentationPage page;
  guint              index;
  guint              part;
  DmPresentationBlank blank;
  DmLanguage         language;
} Place;

static Place
place_of (DmPresentation *self)
{
  return (Place) { dm_presentation_get_page (self), dm_presentation_get_index (self),
                   dm_presentation_get_part (self), dm_presentation_get_blank (self),
                   dm_presentation_get_language (self) };
}

static gboolean
same_place (Place a,
            Place b)
{
  return a.page == b.page && a.blank == b.blank && a.language == b.language
    && (a.page != DM_PRESENTATION_PAGE_EVENT || (a.index == b.index && a.part == b.part));
}

typedef struct
{
  DmPresentation *self;
  Place           expected;
} Waiting;

static gboolean
at_place (gpointer data)
{
  Waiting *waiting = data;

  return same_place (place_of (waiting->self), waiting->expected);
}

/* At @expected's page and event, whichever part of it. */
static gboolean
at_event (gpointer data)
{
  Waiting *waiting = data;
  Place place = place_of (waiting->self);

  place.part = waiting->expected.part;
  return same_place (place, waiting->expected);
}

/* One step on (@direction 1) or back (-1) from @from. */
static Place
stepped (DmPresentation *self,
         Place           from,
         int             direction)
{
  guint n = dm_presentation_get_n_slides (self);
  guint n_parts = dm_presentation_get_n_parts (self);
  Place to = from;

  to.part = 0;
  if (direction > 0)
    {
      if (from.page == DM_PRESENTATION_PAGE_TITLE)
        to.page = DM_PRESENTATION_PAGE_EVENT, to.index = 0;
      else if (from.page == DM_PRESENTATION_PAGE_EVENT && from.part + 1 < n_parts)
        to.part = from.part + 1;
      else if (from.page == DM_PRESENTATION_PAGE_EVENT && from.index + 1 < n)
        to.index = from.index + 1;
      else
        to.page = DM_PRESENTATION_PAGE_CLOSING;
    }
  else
    {
      g_assert_true (from.page != DM_PRESENTATION_PAGE_EVENT || from.part == 0 || n_parts == 1);
      if (from.page == DM_PRESENTATION_PAGE_EVENT && from.index > 0)
        to.index = from.index - 1;
      else if (from.page == DM_PRESENTATION_PAGE_EVENT)
        to.page = DM_PRESENTATION_PAGE_TITLE;
    }

  return to;
}

/* Presses @keys and waits until the presentation is at @expected, drawn. */
static void
press_to (DmPresentation *self,
          const char     *x_id,
          const char     *keys,
          Place           expected)
{
  Waiting waiting = { self, expected };

  press (x_id, keys);
  g_test_message ("%s: to page %d, event %u, part %u, blank %d", keys, expected.page, expected.index,
                  expected.part, expected.blank);
  wait_until (at_place, &waiting, keys);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  if (expected.blank == DM_PRESENTATION_BLANK_NONE)
    dm_test_assert_slide_whole (self);
}

static void
click_to (DmPresentation *self,
          const char     *x_id,
          int             x,
          int             y,
          int             button,
          Place           expected)
{
  Waiting waiting = { self, expected };

  click (x_id, x, y, button);
  wait_until (at_place, &waiting, "a click");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  dm_test_assert_slide_whole (self);
}

static gboolean
text_scale_above_one (gpointer data)
{
  return dm_presentation_get_text_scale (data) > 1.1;
}

static gboolean
text_scale_one (gpointer data)
{
  return G_APPROX_VALUE (dm_presentation_get_text_scale (data), 1, 0.001);
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* The label under @root whose text starts with @prefix. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  return dm_test_find_widget (root, is_label_starting, prefix);
}

static void
test_keys (void)
{
  DmWindow *window;
  DmTimelineView *timeline;
  GdkMonitor *monitor;
  GdkRectangle screen;
  DmPresentation *self;
  g_autofree char *explorer = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *focus_before;
  double start_before, end_before;
  double start_after, end_after;
  guint position;
  Place place;
  const char *next_keys[] = { "Right", "Down", "Next", "space", "Return", "n", "KP_Enter" };
  const char *previous_keys[] = { "Left", "Up", "Prior", "BackSpace", "p" };
  int width, height;
  g_autofree char *xdotool = NULL;

  xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL)
    g_error ("xdotool is missing: it presses the keys (Debian package xdotool; build-aux/dev installs it)");

  monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  gdk_monitor_get_geometry (monitor, &screen);
  g_test_message ("Screen %d×%d", screen.width, screen.height);

  /* The explorer, as a presenter leaves it: an event selected, the focus
   * in the timeline. */
  window = dm_test_open_bundled_window (screen.width, screen.height);
  timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  g_assert_nonnull (dm_dataset_lookup_event (dm_window_get_dataset (window), "nq-52-2019", &position));
  dm_timeline_view_set_selected (timeline, (int) position);
  gtk_widget_grab_focus (GTK_WIDGET (timeline));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dm_timeline_view_get_range (timeline, &start_before, &end_before);
  focus_before = gtk_root_get_focus (GTK_ROOT (window));
  /* xdotool cannot match its title, which is not Latin-1. */
  explorer = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));

  /* F5: from the opening slide, as large as the screen. */
  press (explorer, "F5");
  wait_until (presentation_shown, NULL, "the presentation");
  self = find_presentation ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  /* (Without a window manager to make it fullscreen, its shadow is
   * inside the screen's size too.) */
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (self))), ==, screen.width);
  g_assert_cmpint (gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (self))), ==, screen.height);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  dm_test_assert_slide_whole (self);
  shown = x_window ("^Presentation$");

  /* Tab first: whatever has the focus, the keys are the presentation's. */
  press (shown, "Tab");
  place = place_of (self);

  for (guint i = 0; i < G_N_ELEMENTS (next_keys); i++)
    {
      Place expected = stepped (self, place, 1);

      press_to (self, shown, next_keys[i], expected);
      g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
      place = expected;
    }
  /* Back over each event's first part: the previous keys. */
  while (dm_presentation_get_part (self) > 0)
    {
      Place expected = stepped (self, place, 1);

      press_to (self, shown, "Right", expected);
      place = expected;
    }
  for (guint i = 0; i < G_N_ELEMENTS (previous_keys); i++)
    {
      /* A step back lands on the last part of the event before. */
      Place expected = stepped (self, place, -1);
      Waiting waiting = { self, expected };

      press (shown, previous_keys[i]);
      wait_until (at_event, &waiting, previous_keys[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
      dm_test_assert_slide_whole (self);
      g_assert_cmpuint (dm_presentation_get_part (self), ==, dm_presentation_get_n_parts (self) - 1);
      /* To its first part, so that the next key is a step back again. */
      while (dm_presentation_get_part (self) > 0)
        {
          Place back = place_of (self);

          back.part--;
          press_to (self, shown, "Left", back);
        }
      place = place_of (self);
    }

  /* Home, End; a number and Enter; F5 back to the start. */
  press_to (self, shown, "End", (Place) { DM_PRESENTATION_PAGE_CLOSING, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "Home", (Place) { DM_PRESENTATION_PAGE_TITLE, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "1 2 Return", (Place) { DM_PRESENTATION_PAGE_EVENT, 11, 0, 0, DM_LANGUAGE_EN });
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, "12 / 18");
  press_to (self, shown, "KP_3 KP_Enter", (Place) { DM_PRESENTATION_PAGE_EVENT, 2, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "F5", (Place) { DM_PRESENTATION_PAGE_TITLE, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "Right", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });

  /* B or "." blacks the screen, W or "," whites it; any key brings the
   * slide back and does nothing else. */
  press_to (self, shown, "b", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, DM_PRESENTATION_BLANK_BLACK, DM_LANGUAGE_EN });
  press_to (self, shown, "x", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "period", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, DM_PRESENTATION_BLANK_BLACK, DM_LANGUAGE_EN });
  press_to (self, shown, "Right", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "w", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, DM_PRESENTATION_BLANK_WHITE, DM_LANGUAGE_EN });
  press_to (self, shown, "space", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "comma", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, DM_PRESENTATION_BLANK_WHITE, DM_LANGUAGE_EN });
  press_to (self, shown, "Escape", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });
  g_assert_nonnull (find_presentation ());

  /* A click goes on, a right click back: on the slide and on the
   * timeline alike. */
  click_to (self, shown, width / 2, height - 40, 1, stepped (self, place_of (self), 1));
  click_to (self, shown, width / 2, height / 5, 1, stepped (self, place_of (self), 1));
  click_to (self, shown, width / 2, height - 40, 3, (Place) { DM_PRESENTATION_PAGE_EVENT, 1, 0, 0, DM_LANGUAGE_EN });

  /* Larger and smaller text, and the other language: still whole. */
  press (shown, "ctrl+plus ctrl+plus");
  wait_until (text_scale_above_one, self, "larger text");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  dm_test_assert_slide_whole (self);
  press (shown, "ctrl+0");
  wait_until (text_scale_one, self, "the usual text size");
  press_to (self, shown, "l", (Place) { DM_PRESENTATION_PAGE_EVENT, 1, 0, 0, DM_LANGUAGE_VI });
  press_to (self, shown, "l", (Place) { DM_PRESENTATION_PAGE_EVENT, 1, 0, 0, DM_LANGUAGE_EN });

  /* One screen: S shows the presenter's console over the slides and
   * back, whatever has the focus; the keys go on driving the slides. */
  press (shown, "Tab s");
  wait_until (dm_test_console_mapped, self, "the presenter console");
  g_assert_true (dm_presentation_get_console_shown (self));
  press_to (self, shown, "Right", stepped (self, place_of (self), 1));
  dm_test_assert_console_follows (self);
  /* A click on an event in the console's list goes there, and is no
   * "next". */
  {
    GtkWidget *row = find_label (dm_presentation_get_console (self), "6. ");
    graphene_rect_t bounds;

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds));
    click_to (self, shown, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + bounds.size.height / 2, 1,
              (Place) { DM_PRESENTATION_PAGE_EVENT, 5, 0, 0, DM_LANGUAGE_EN });
    g_assert_true (dm_presentation_get_console_shown (self));
    dm_test_assert_console_follows (self);
  }
  press (shown, "Tab s");
  wait_until (dm_test_console_unmapped, self, "the slides again");
  press_to (self, shown, "1 Return", (Place) { DM_PRESENTATION_PAGE_EVENT, 0, 0, 0, DM_LANGUAGE_EN });
  press_to (self, shown, "Right", (Place) { DM_PRESENTATION_PAGE_EVENT, 1, 0, 0, DM_LANGUAGE_EN });

  /* Two screens (a second monitor given to the presentation: Xvfb has
   * one): the keys pressed in the console's own window drive the
   * slides. */
  {
    g_autoptr(GListStore) monitors = g_list_store_new (GDK_TYPE_MONITOR);
    g_autoptr(GdkMonitor) projector = g_object_new (GDK_TYPE_MONITOR, "display", gdk_display_get_default (), NULL);
    g_autofree char *console = NULL;

    g_list_store_append (monitors, monitor);
    g_list_store_append (monitors, projector);
    dm_presentation_set_monitors (self, G_LIST_MODEL (monitors));
    wait_until (dm_test_console_mapped, self, "the presenter console's window");
    g_assert_nonnull (dm_presentation_get_console_window (self));
    console = x_window ("^Presenter Console$");
    press_to (self, console, "Right", stepped (self, place_of (self), 1));
    dm_test_assert_console_follows (self);
    press_to (self, console, "Page_Up", (Place) { DM_PRESENTATION_PAGE_EVENT, 1, 0, 0, DM_LANGUAGE_EN });
    dm_test_assert_console_follows (self);
    g_list_store_remove (monitors, 1);
    wait_until (dm_test_console_unmapped, self, "the console's window to go");
    g_assert_null (dm_presentation_get_console_window (self));
  }

  /* Esc: back to the explorer exactly as it was. */
  press (shown, "Escape");
  wait_until (presentation_gone, NULL, "the presentation to close");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  dm_timeline_view_get_range (timeline, &start_after, &end_after);
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) position);
  g_assert_cmpfloat (start_after, ==, start_before);
  g_assert_cmpfloat (end_after, ==, end_before);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus_before);
  g_assert_cmpint (dm_timeline_view_get_language (timeline), ==, DM_LANGUAGE_EN);

  /* Shift+F5: from the selected event. */
  press (explorer, "shift+F5");
  wait_until (presentation_shown, NULL, "the presentation");
  self = find_presentation ();
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_cmpstr (dm_presentation_get_title (self), ==,
                   dm_text_get (&dm_dataset_get_event (dm_window_get_dataset (window), position)->title, DM_LANGUAGE_EN));
  g_free (shown);
  shown = x_window ("^Presentation$");
  press (shown, "Escape");
  wait_until (presentation_gone, NULL, "the presentation to close");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (monitor);
}

int
main (int   argc,
      char *argv[])
{
  dm_test_presentation_init (&argc, &argv);

  g_test_add_func ("/presentation-keys/keys", test_keys);

  return g_test_run ();
}
