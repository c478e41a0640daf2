/* test-presenter.c — the presenter's side of a presentation: the console
 * as a widget, the slides and the console placed on the screens there
 * are, and the screen kept from blanking
 *
 * Xvfb gives GTK one monitor, whatever its screens: GTK 4.8 reads RandR
 * 1.5 monitors, but skips a monitor without an output of its own, and
 * Xvfb has one output (`xrandr --setmonitor` of a second monitor on it
 * replaces the first). The two-screen tests hand the presentation a list
 * of monitors instead: the real one and a second GdkMonitor, and check
 * where each window is asked to go, and that the windows follow screens
 * being plugged in and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "dm-presentation.h"
#include "dm-test-presentation.h"
#include "dm-test-util.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

static GArray *
all_events (DmDataset *dataset)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_array_append_val (positions, i);
  return positions;
}

/* An event with everything the notes show: a quote, a date inferred for
 * a reason. */
static guint
noted_event (DmDataset *dataset)
{
  for (guint i = 0; i + 1 < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      if (event->certainty == DM_CERTAINTY_INFERRED && !dm_text_is_empty (&event->certainty_reason)
          && event->citations != NULL && event->citations->len > 0
          && ((DmCitation *) g_ptr_array_index (event->citations, 0))->quote != NULL)
        return i;
    }
  g_assert_not_reached ();
}

static void
wait_until (gboolean   (*condition) (gpointer data),
            gpointer     data,
            const char  *what)
{
  if (!dm_test_run_until (condition, data, 10))
    g_error ("Waited ten seconds for %s", what);
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, haystack);
}

static void
activated_cb (DmPresenterConsole *console,
              guint               index,
              guint              *activated)
{
  *activated = index;
}

/* The console says where the presenter is, what comes next, their
 * notes, the time; an event chosen in its list is asked for. */
static void
test_console (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = all_events (dataset);
  guint index = noted_event (dataset);
  const DmEvent *event = dm_dataset_get_event (dataset, index);
  const DmEvent *next = dm_dataset_get_event (dataset, index + 1);
  const DmCitation *citation = g_ptr_array_index (event->citations, 0);
  GtkWidget *window = gtk_window_new ();
  DmPresenterConsole *console = DM_PRESENTER_CONSOLE (dm_presenter_console_new ());
  GtkSelectionModel *selection;
  guint activated = G_MAXUINT;
  g_autofree char *current = NULL;
  g_autofree char *next_title = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *expected_progress = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *first_next = NULL;
  g_autofree char *last_next = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *clock_before = NULL;
  g_autofree char *clock_after = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (console));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (mapped, console, "the console");

  dm_presenter_console_set_slides (console, dataset, positions, DM_LANGUAGE_EN);
  dm_presenter_console_show_slide (console, DM_SLIDE_EVENT, index);

  current = dm_presenter_console_dup_text (console, "current");
  g_assert_cmpstr (current, ==, dm_text_get (&event->title, DM_LANGUAGE_EN));
  next_title = dm_presenter_console_dup_text (console, "next");
  g_assert_cmpstr (next_title, ==, dm_text_get (&next->title, DM_LANGUAGE_EN));
  progress = dm_presenter_console_dup_text (console, "progress");
  expected_progress = g_strdup_printf ("Slide %u of %u", index + 1, positions->len);
  g_assert_cmpstr (progress, ==, expected_progress);

  /* The notes: the summary, each quote word for word, why the date is
   * inferred. */
  notes = dm_presenter_console_dup_text (console, "notes");
  assert_contains (notes, dm_text_get (&event->summary, DM_LANGUAGE_EN));
  assert_contains (notes, citation->quote);
  assert_contains (notes, dm_text_get (&event->certainty_reason, DM_LANGUAGE_EN));
  assert_contains (notes, "inferred");

  /* The time since the start, and the time of day. */
  before = g_date_time_new_now_local ();
  dm_presenter_console_set_start_time (console, g_get_monotonic_time () - (gint64) 65 * G_USEC_PER_SEC);
  after = g_date_time_new_now_local ();
  elapsed = dm_presenter_console_dup_text (console, "elapsed");
  g_assert_true (g_str_equal (elapsed, "1:05") || g_str_equal (elapsed, "1:06"));
  clock = dm_presenter_console_dup_text (console, "clock");
  clock_before = g_date_time_format (before, "%H:%M");
  clock_after = g_date_time_format (after, "%H:%M");
  g_assert_true (g_str_equal (clock, clock_before) || g_str_equal (clock, clock_after));
  g_free (elapsed);
  dm_presenter_console_set_start_time (console, g_get_monotonic_time () - (gint64) (2 * 3600 + 3 * 60 + 4) * G_USEC_PER_SEC);
  elapsed = dm_presenter_console_dup_text (console, "elapsed");
  g_assert_true (g_str_equal (elapsed, "2:03:04") || g_str_equal (elapsed, "2:03:05"));

  /* The event shown is the one selected in the list; a click on another
   * asks for it. */
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (dm_presenter_console_get_list (console)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, positions->len);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, index);
  g_signal_connect (console, "event-activated", G_CALLBACK (activated_cb), &activated);
  g_signal_emit_by_name (dm_presenter_console_get_list (console), "activate", 3);
  g_assert_cmpuint (activated, ==, 3);

  /* The opening slide: the first event next; the last: the closing. */
  dm_presenter_console_show_slide (console, DM_SLIDE_TITLE, 0);
  first_next = dm_presenter_console_dup_text (console, "next");
  g_assert_cmpstr (first_next, ==, dm_text_get (&dm_dataset_get_event (dataset, 0)->title, DM_LANGUAGE_EN));
  opening = dm_presenter_console_dup_text (console, "progress");
  g_assert_cmpstr (opening, ==, "Opening slide");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, GTK_INVALID_LIST_POSITION);
  dm_presenter_console_show_slide (console, DM_SLIDE_EVENT, positions->len - 1);
  last_next = dm_presenter_console_dup_text (console, "next");
  g_assert_cmpstr (last_next, ==, "Closing slide");

  /* Another language: the titles and notes in it. */
  dm_presenter_console_set_slides (console, dataset, positions, DM_LANGUAGE_VI);
  dm_presenter_console_show_slide (console, DM_SLIDE_EVENT, index);
  g_free (current);
  current = dm_presenter_console_dup_text (console, "current");
  g_assert_cmpstr (current, ==, dm_text_get (&event->title, DM_LANGUAGE_VI));

  g_object_ref (console);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (console);
}

/* One screen: S puts the console over the slides and takes it off; the
 * keys drive the slides either way, and the console follows them. */
static void
test_one_screen (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = all_events (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);
  GtkWidget *console = dm_presentation_get_console (self);
  g_autofree char *current = NULL;
  g_autofree char *date = NULL;

  gtk_window_present (GTK_WINDOW (self));
  wait_until (mapped, self, "the presentation");
  g_assert_null (dm_presentation_get_console_monitor (self));
  g_assert_null (dm_presentation_get_console_window (self));
  g_assert_false (dm_presentation_get_console_shown (self));
  g_assert_false (gtk_widget_get_mapped (console));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.toggle-console", NULL));
  wait_until (dm_test_console_mapped, self, "the console");
  g_assert_true (dm_presentation_get_console_shown (self));
  g_assert_true (gtk_widget_get_root (console) == GTK_ROOT (self));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i", 1));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 1);
  current = dm_presenter_console_dup_text (DM_PRESENTER_CONSOLE (console), "current");
  g_assert_cmpstr (current, ==, dm_presentation_get_title (self));
  date = dm_presenter_console_dup_text (DM_PRESENTER_CONSOLE (console), "current-date");
  g_assert_cmpstr (date, ==, gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "date"))));
  g_assert_cmpstr (date, !=, "");

  /* An event chosen in the console's list is shown. */
  g_signal_emit_by_name (dm_presenter_console_get_list (DM_PRESENTER_CONSOLE (console)), "activate", 5);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 5);
  g_assert_true (dm_presentation_get_console_shown (self));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.toggle-console", NULL));
  wait_until (dm_test_console_unmapped, self, "the console to go");
  g_assert_false (dm_presentation_get_console_shown (self));

  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  DmPresentation *self;
  gboolean        console_in_window;
} ConsolePlace;

static gboolean
console_placed (gpointer data)
{
  ConsolePlace *place = data;
  GtkWindow *window = dm_presentation_get_console_window (place->self);
  GtkWidget *console = dm_presentation_get_console (place->self);

  if (place->console_in_window)
    return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_widget_get_mapped (console)
      && gtk_widget_get_root (console) == GTK_ROOT (window);
  return window == NULL && gtk_widget_get_root (console) == GTK_ROOT (place->self);
}

/* Two screens: the slides on the other screen, the console on the
 * presenter's, in a window of its own whose keys drive the slides; S
 * swaps them; a screen unplugged brings everything back on one. */
static void
test_two_screens (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = all_events (dataset);
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkMonitor) laptop = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  g_autoptr(GdkMonitor) projector = g_object_new (GDK_TYPE_MONITOR, "display", display, NULL);
  g_autoptr(GListStore) monitors = g_list_store_new (GDK_TYPE_MONITOR);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, DM_PRESENTATION_START_TITLE,
                                              DM_LANGUAGE_EN);
  GtkWindow *console_window;
  ConsolePlace place = { self, TRUE };
  g_autofree char *current = NULL;

  g_list_store_append (monitors, laptop);
  dm_presentation_set_monitors (self, G_LIST_MODEL (monitors));
  gtk_window_present (GTK_WINDOW (self));
  wait_until (mapped, self, "the presentation");
  g_assert_true (dm_presentation_get_audience_monitor (self) == laptop);
  g_assert_null (dm_presentation_get_console_window (self));

  /* The projector plugged in. */
  g_list_store_append (monitors, projector);
  wait_until (console_placed, &place, "the console's window");
  g_assert_true (dm_presentation_get_audience_monitor (self) == projector);
  g_assert_true (dm_presentation_get_console_monitor (self) == laptop);
  g_assert_true (dm_presentation_get_console_shown (self));
  console_window = dm_presentation_get_console_window (self);
  g_assert_true (gtk_window_get_application (console_window) == gtk_window_get_application (GTK_WINDOW (self)));

  /* The console's keys drive the slides. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console_window), "presentation.step", "i", 1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console_window), "presentation.step", "i", 1));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 1);
  current = dm_presenter_console_dup_text (DM_PRESENTER_CONSOLE (dm_presentation_get_console (self)), "current");
  g_assert_cmpstr (current, ==, dm_presentation_get_title (self));

  /* S: the screens swapped. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console_window), "presentation.toggle-console", NULL));
  g_assert_true (dm_presentation_get_audience_monitor (self) == laptop);
  g_assert_true (dm_presentation_get_console_monitor (self) == projector);
  g_assert_true (dm_presentation_get_console_window (self) == console_window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.toggle-console", NULL));
  g_assert_true (dm_presentation_get_audience_monitor (self) == projector);

  /* The projector unplugged: the slides on the laptop, the console over
   * them when asked for. */
  g_list_store_remove (monitors, 1);
  place.console_in_window = FALSE;
  wait_until (console_placed, &place, "the console back over the slides");
  g_assert_true (dm_presentation_get_audience_monitor (self) == laptop);
  g_assert_null (dm_presentation_get_console_monitor (self));
  g_assert_false (dm_presentation_get_console_shown (self));

  /* Plugged in again, then the presentation ends: both windows go. */
  g_list_store_append (monitors, projector);
  place.console_in_window = TRUE;
  wait_until (console_placed, &place, "the console's window again");
  console_window = dm_presentation_get_console_window (self);
  g_object_add_weak_pointer (G_OBJECT (console_window), (gpointer *) &console_window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console_window), "presentation.leave", NULL));
  g_assert_null (console_window);
}

static void
range_changed_cb (DmTimelineView *timeline,
                  GArray         *centres)
{
  double start, end;
  double centre;

  dm_timeline_view_get_range (timeline, &start, &end);
  centre = (start + end) / 2;
  g_array_append_val (centres, centre);
}

typedef struct
{
  GArray *centres;
  double  target;
} Flight;

static gboolean
landed (gpointer data)
{
  Flight *flight = data;

  return flight->centres->len > 0
    && fabs (g_array_index (flight->centres, double, flight->centres->len - 1) - flight->target) < 1;
}

/* Between two slides the timeline flies to the next event over several
 * frames, always nearer, keeping its zoom between two events of a day;
 * with animations off it jumps. */
static void
test_flight (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = all_events (dataset);
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (double));
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_presentation_get_timeline (self));
  const DmEvent *event = NULL;
  Flight flight = { centres, 0 };
  double start, end, before;
  double zoom;
  guint index = G_MAXUINT;

  /* Two events of a day each, far enough apart to fly, in the middle of
   * the span (the view is not held at an edge). */
  for (guint i = positions->len / 3; i + 1 < positions->len && index == G_MAXUINT; i++)
    {
      const DmEvent *a = dm_dataset_get_event (dataset, i);
      const DmEvent *b = dm_dataset_get_event (dataset, i + 1);

      if (a->axis_end - a->axis_start <= 1 && b->axis_end - b->axis_start <= 1 && b->axis_start - a->axis_start > 60)
        index = i;
    }
  g_assert_cmpuint (index, !=, G_MAXUINT);
  event = dm_dataset_get_event (dataset, index + 1);

  gtk_window_set_default_size (GTK_WINDOW (self), 1366, 768);
  gtk_window_present (GTK_WINDOW (self));
  wait_until (mapped, self, "the presentation");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  dm_presentation_go_to (self, index);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  zoom = dm_timeline_view_get_scale (timeline)->days_per_px;
  dm_timeline_view_get_range (timeline, &start, &end);
  before = (start + end) / 2;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_signal_connect (timeline, "range-changed", G_CALLBACK (range_changed_cb), centres);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i", 1));
  /* Not there at once. */
  g_assert_cmpuint (centres->len, ==, 0);
  flight.target = (event->axis_start + event->axis_end) / 2;
  wait_until (landed, &flight, "the timeline to reach the next event");
  g_assert_cmpuint (centres->len, >=, 2);
  for (guint i = 0; i < centres->len; i++)
    {
      double centre = g_array_index (centres, double, i);
      double previous = i > 0 ? g_array_index (centres, double, i - 1) : before;

      g_assert_cmpfloat (centre, >=, previous - 1e-6);
      g_assert_cmpfloat (centre, <=, flight.target + 1);
    }
  g_assert_cmpfloat_with_epsilon (dm_timeline_view_get_scale (timeline)->days_per_px, zoom, zoom * 1e-9);

  /* Animations off (a setting people choose): straight there. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_array_set_size (centres, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i", -1));
  event = dm_dataset_get_event (dataset, index);
  g_assert_cmpuint (centres->len, >=, 1);
  g_assert_cmpfloat (fabs (g_array_index (centres, double, centres->len - 1) - (event->axis_start + event->axis_end) / 2), <, 1);

  gtk_window_destroy (GTK_WINDOW (self));
}

#ifdef DM_TEST_SESSION_MANAGER
/* A session manager of the test's own, on a bus of the test's own (see
 * tests/meson.build): GTK asks it to keep the screen from blanking, as
 * it asks GNOME's. It answers from a thread of its own, since GTK waits
 * for its answers on the main thread. */
typedef struct
{
  GMutex           lock;
  GCond            cond;
  GHashTable      *inhibitors;   /* cookie → flags */
  guint            next_cookie;
  gboolean         owned;
  GMainContext    *context;
  GMainLoop       *loop;
  GThread         *thread;
  GDBusConnection *connection;
} FakeSession;

static const char fake_session_xml[] =
  "<node><interface name='org.gnome.SessionManager'>"
  "<method name='Inhibit'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='Uninhibit'><arg type='u' direction='in'/></method>"
  "<method name='IsInhibited'><arg type='u' direction='in'/><arg type='b' direction='out'/></method>"
  "</interface></node>";

static void
fake_session_call_cb (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *path,
                      const char            *interface,
                      const char            *method,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  FakeSession *fake = user_data;

  g_mutex_lock (&fake->lock);
  if (g_str_equal (method, "Inhibit"))
    {
      guint flags;
      guint cookie = ++fake->next_cookie;

      g_variant_get (parameters, "(&su&su)", NULL, NULL, NULL, &flags);
      g_hash_table_insert (fake->inhibitors, GUINT_TO_POINTER (cookie), GUINT_TO_POINTER (flags));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", cookie));
    }
  else if (g_str_equal (method, "Uninhibit"))
    {
      guint cookie;

      g_variant_get (parameters, "(u)", &cookie);
      g_hash_table_remove (fake->inhibitors, GUINT_TO_POINTER (cookie));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      guint flags;
      gboolean inhibited = FALSE;
      GHashTableIter iter;
      gpointer value;

      g_variant_get (parameters, "(u)", &flags);
      g_hash_table_iter_init (&iter, fake->inhibitors);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        inhibited |= (GPOINTER_TO_UINT (value) & flags) != 0;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", inhibited));
    }
  g_mutex_unlock (&fake->lock);
}

static void
fake_session_name_cb (GDBusConnection *connection,
                      const char      *name,
                      gpointer         user_data)
{
  FakeSession *fake = user_data;

  g_mutex_lock (&fake->lock);
  fake->owned = TRUE;
  g_cond_signal (&fake->cond);
  g_mutex_unlock (&fake->lock);
}

static gpointer
fake_session_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { fake_session_call_cb, NULL, NULL, { 0 } };
  FakeSession *fake = data;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (fake_session_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint object_id;
  guint name_id;

  g_main_context_push_thread_default (fake->context);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fake->connection = g_dbus_connection_new_for_address_sync (address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                             | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (fake->connection, "/org/gnome/SessionManager",
                                                 node->interfaces[0], &vtable, fake, NULL, &error);
  g_assert_no_error (error);
  name_id = g_bus_own_name_on_connection (fake->connection, "org.gnome.SessionManager", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          fake_session_name_cb, NULL, fake, NULL);

  g_main_loop_run (fake->loop);

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (fake->connection, object_id);
  g_dbus_connection_close_sync (fake->connection, NULL, NULL);
  g_clear_object (&fake->connection);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static void
fake_session_start (FakeSession *fake)
{
  g_mutex_init (&fake->lock);
  g_cond_init (&fake->cond);
  fake->inhibitors = g_hash_table_new (NULL, NULL);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->thread = g_thread_new ("session-manager", fake_session_thread, fake);

  g_mutex_lock (&fake->lock);
  while (!fake->owned)
    g_cond_wait (&fake->cond, &fake->lock);
  g_mutex_unlock (&fake->lock);
}

static void
fake_session_stop (FakeSession *fake)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_hash_table_unref (fake->inhibitors);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->cond);
}

/* The flags of all the inhibitors the session holds. */
static guint
fake_session_flags (FakeSession *fake)
{
  GHashTableIter iter;
  gpointer value;
  guint flags = 0;

  g_mutex_lock (&fake->lock);
  g_hash_table_iter_init (&iter, fake->inhibitors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    flags |= GPOINTER_TO_UINT (value);
  g_mutex_unlock (&fake->lock);
  return flags;
}

/* What the session says when asked on the bus (GTK 4 has no
 * gtk_application_is_inhibited()), as the screen saver asks it. */
static gboolean
session_is_inhibited (guint flags)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean inhibited = FALSE;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.gnome.SessionManager", "/org/gnome/SessionManager",
                                       "org.gnome.SessionManager", "IsInhibited", g_variant_new ("(u)", flags),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &inhibited);
  return inhibited;
}

static gboolean
finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
nothing_inhibited (gpointer data)
{
  return fake_session_flags (data) == 0;
}

/* The screen does not blank while presenting, and may again after. */
static void
test_idle_inhibit (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = all_events (dataset);
  FakeSession fake = { 0 };
  GtkApplication *app;
  GtkWidget *parent;
  DmPresentation *self;
  g_autoptr(GError) error = NULL;

  fake_session_start (&fake);
  app = gtk_application_new ("io.github.daumoc.DauMoc.TestPresenter", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  parent = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (parent), app);
  g_assert_false (session_is_inhibited (GTK_APPLICATION_INHIBIT_IDLE));

  self = dm_presentation_new (GTK_WINDOW (parent), dataset, positions, 0, DM_LANGUAGE_EN);
  gtk_window_present (GTK_WINDOW (self));
  wait_until (mapped, self, "the presentation");
  g_assert_true (session_is_inhibited (GTK_APPLICATION_INHIBIT_IDLE));
  g_assert_cmpuint (fake_session_flags (&fake), ==, GTK_APPLICATION_INHIBIT_IDLE);

  /* Still while the console is shown, and the slides step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.toggle-console", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i", 1));
  g_assert_true (session_is_inhibited (GTK_APPLICATION_INHIBIT_IDLE));

  /* Esc: released, and the presentation gone. */
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &self);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.leave", NULL));
  wait_until (nothing_inhibited, &fake, "the inhibitor to be released");
  g_assert_false (session_is_inhibited (GTK_APPLICATION_INHIBIT_IDLE));
  wait_until (finalized, &self, "the presentation to be finalized");

  gtk_window_destroy (GTK_WINDOW (parent));
  g_object_unref (app);
  fake_session_stop (&fake);
}
#endif

int
main (int   argc,
      char *argv[])
{
  dm_test_presentation_init (&argc, &argv);

  g_test_add_func ("/presenter/console", test_console);
  g_test_add_func ("/presenter/one-screen", test_one_screen);
  g_test_add_func ("/presenter/two-screens", test_two_screens);
  g_test_add_func ("/presenter/flight", test_flight);
#ifdef DM_TEST_SESSION_MANAGER
  g_test_add_func ("/presenter/idle-inhibit", test_idle_inhibit);
#endif

  return g_test_run ();
}
