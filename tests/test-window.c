/* test-window.c — the main window: loading, failing, and text as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dm-application.h"
#include "dm-detail-pane.h"
#include "dm-event-item.h"
#include "dm-event-list.h"
#include "dm-export-dialog.h"
#include "dm-test-a11y.h"
#include "dm-test-util.h"
#include "dm-timeline-view.h"
#include "dm-test-story.h"
#include "dm-test-window.h"
#include "dm-window.h"

typedef gboolean (*Condition) (DmWindow *window, gpointer data);

/* Runs the main loop until @condition holds; fails after ten seconds. */
static void
wait_until (DmWindow  *window,
            Condition  condition,
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (dm_test_seconds (10), dm_test_set_flag_cb, &timed_out);

  while (!condition (window, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}


static gboolean
has_dataset (DmWindow *window,
             gpointer  data)
{
  return dm_window_get_dataset (window) != NULL;
}

static gboolean
stack_shows (DmWindow *window,
             gpointer  data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (dm_test_window_child (window, "stack"))), data) == 0;
}

static gboolean
problem_shown (DmWindow *window,
               gpointer  data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "problem_revealer")));
}

static GFile *
fixture (const char *dir,
         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);

  return g_file_new_for_path (path);
}

/* Collects the text of every label under @widget. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, labels);
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);

  return NULL;
}

static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  text)
{
  g_autofree char *item_text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &item_text, NULL);
  return g_strcmp0 (item_text, text) == 0;
}

/* The GtkModelButton (GTK's private menu item) of an open popover menu
 * under @root whose text is @text, or NULL. */
static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *text)
{
  return dm_test_find_widget (root, is_menu_item, text);
}

/* A menu open under its button hides the button's tooltip, and the
 * button offers none until the menu closes. */
static void
test_no_tooltip_over_menu (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  GtkMenuButton *buttons[] = {
    GTK_MENU_BUTTON (dm_test_window_child (window, "primary_menu_button")),
    GTK_MENU_BUTTON (dm_test_window_child (window, "filter_button")),
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = GTK_WIDGET (buttons[i]);
      GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (buttons[i]));

      g_assert_true (gtk_widget_get_has_tooltip (button));
      gtk_menu_button_popup (buttons[i]);
      gtk_test_widget_wait_for_draw (popover);
      g_assert_true (gtk_widget_get_visible (popover));
      g_assert_false (gtk_widget_get_has_tooltip (button));
      gtk_menu_button_popdown (buttons[i]);
      g_assert_false (gtk_widget_get_visible (popover));
      g_assert_true (gtk_widget_get_has_tooltip (button));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The primary menu's "Show the Event List" is a check item that says
 * whether the list is shown, and clicking it hides and shows the list. */
static void
test_show_list_check (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  GtkWidget *list = dm_test_window_child (window, "list_scroller");
  GtkMenuButton *button = GTK_MENU_BUTTON (dm_test_window_child (window, "primary_menu_button"));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *item;
  GParamSpec *role_spec;
  GEnumValue *check_role;
  int role;
  gboolean active;

  g_object_set (window, "show-list", TRUE, NULL);
  gtk_menu_button_popup (button);
  gtk_test_widget_wait_for_draw (popover);
  item = find_menu_item (popover, "Show the Event List");
  g_assert_nonnull (item);
  /* GtkButtonRole is GTK's own: compare by its nick. */
  role_spec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "role");
  g_assert_nonnull (role_spec);
  check_role = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (role_spec)->enum_class, "check");
  g_assert_nonnull (check_role);
  g_object_get (item, "role", &role, "active", &active, NULL);
  g_assert_cmpint (role, ==, check_role->value);
  g_assert_true (active);
  g_assert_true (gtk_widget_get_visible (list));

  g_signal_emit_by_name (item, "clicked");
  g_assert_false (gtk_widget_get_visible (list));
  gtk_menu_button_popup (button);
  gtk_test_widget_wait_for_draw (popover);
  item = find_menu_item (popover, "Show the Event List");
  g_object_get (item, "active", &active, NULL);
  g_assert_false (active);

  g_signal_emit_by_name (item, "clicked");
  g_assert_true (gtk_widget_get_visible (list));
  gtk_menu_button_popdown (button);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dataset_is_not (DmWindow *window,
                gpointer  data)
{
  return dm_window_get_dataset (window) != NULL && dm_window_get_dataset (window) != data;
}

/* The VI/EN switch is shown only for a timeline with texts in both
 * languages: a file in English only has nothing to switch to. */
static void
test_language_switch (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  GtkWidget *language_switch = dm_test_window_child (window, "language_switch");
  g_autoptr(GFile) english = fixture ("timelinejs", "napoleon.json");
  g_autoptr(GFile) mixed = fixture ("timelinejs", "mixed-language.json");

  g_assert_true (gtk_widget_get_visible (language_switch));

  dm_window_open (window, english);
  wait_until (window, dataset_is_not, dm_window_get_dataset (window));
  g_assert_cmpstr (dm_dataset_get_title (dm_window_get_dataset (window))->en, ==, "Napoleon & the Hundred Days");
  g_assert_false (gtk_widget_get_visible (language_switch));

  dm_window_open (window, mixed);
  wait_until (window, dataset_is_not, dm_window_get_dataset (window));
  g_assert_true (gtk_widget_get_visible (language_switch));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_opens_bundled (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) bundled = dm_application_get_bundled_dataset ();
  GtkListView *view;
  GListModel *model;
  DmDataset *dataset;
  const DmEvent *first;

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, bundled);
  wait_until (window, has_dataset, NULL);

  dataset = dm_window_get_dataset (window);
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), >, 10);
  g_assert_true (stack_shows (window, (gpointer) "events"));

  /* The list holds every event, and shows the first one's title. */
  view = GTK_LIST_VIEW (dm_test_window_child (window, "event_view"));
  model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, dm_dataset_get_n_events (dataset));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  first = dm_dataset_get_event (dataset, 0);
  g_assert_nonnull (dm_test_find_row (GTK_WIDGET (view), dm_text_get (&first->title, DM_LANGUAGE_EN)));

  /* A row has the summary as its tooltip, made when asked for, and none
   * when there is no summary. */
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      DmEventRow *row = dm_test_find_row (GTK_WIDGET (view), dm_text_get (&event->title, DM_LANGUAGE_EN));
      gboolean has_summary = dm_text_get (&event->summary, DM_LANGUAGE_EN)[0] != '\0';
      g_autoptr(GtkTooltip) tooltip = NULL;
      gboolean answered = FALSE;

      if (row == NULL)
        continue;
      g_assert_cmpint (gtk_widget_get_has_tooltip (GTK_WIDGET (row)), ==, has_summary);
      tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      g_signal_emit_by_name (row, "query-tooltip", 1, 1, FALSE, tooltip, &answered);
      g_assert_cmpint (answered, ==, has_summary);
    }

  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (dm_test_window_child (window, "window_title"))), ==,
                   dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_EN));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_file_keeps_dataset (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) good = fixture ("valid", "deep-time.json");
  g_autoptr(GFile) bad = fixture ("invalid", "feb-30.json");
  g_autoptr(DmDataset) before = NULL;
  const char *text;

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, good);
  wait_until (window, has_dataset, NULL);
  before = g_object_ref (dm_window_get_dataset (window));

  dm_window_open (window, bad);
  wait_until (window, problem_shown, NULL);

  /* The timeline that was open stays open; the problem says where. */
  g_assert_true (dm_window_get_dataset (window) == before);
  g_assert_true (stack_shows (window, (gpointer) "events"));
  text = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  g_assert_nonnull (strstr (text, "feb-30.json"));
  g_assert_nonnull (strstr (text, "Line 5, column 37: events[0].start:"));
  g_assert_nonnull (strstr (text, "February 2021 has 28 days"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that opens with warnings says so above the timeline, each where
 * it is; one without, or the next file opened, shows no bar. */
static void
test_warnings_shown (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) warned = fixture ("timelinejs", "napoleon.json");
  g_autoptr(GFile) clean = fixture ("valid", "deep-time.json");
  const char *text;

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, clean);
  wait_until (window, has_dataset, NULL);
  g_assert_false (problem_shown (window, NULL));

  dm_window_open (window, warned);
  wait_until (window, dataset_is_not, dm_window_get_dataset (window));
  g_assert_true (problem_shown (window, NULL));
  text = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  g_assert_true (g_str_has_prefix (text, "“napoleon.json” opened with 5 warnings\n"));
  g_assert_nonnull (strstr (text, "\nLine 20, column 23: events[3].media.url: only http and https media are kept, "
                                  "not “javascript:”\n"));
  g_assert_nonnull (strstr (text, "\nLine 24, column 121: eras[0].text.text: an era has only a title"));
  /* As text, never as markup: the label shows what the message says. */
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (dm_test_window_child (window, "problem_label"))));

  dm_window_open (window, clean);
  wait_until (window, dataset_is_not, dm_window_get_dataset (window));
  g_assert_false (problem_shown (window, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Warnings of one kind (a member every slide has) are one line with a
 * count, as --check prints them, not a bar of ten lines. */
static void
test_warnings_by_kind (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-warnings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "coloured.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("{\"events\": [");
  DmWindow *window = dm_window_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *text;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (json, "%s\n{\"start_date\": {\"year\": %u}, \"text\": {\"headline\": \"Slide %u\"}, "
                            "\"colour\": \"red\"}", i > 0 ? "," : "", 1990 + i, i);
  g_string_append (json, ",\n{\"start_date\": {\"year\": 2020}, \"media\": {\"url\": \"javascript:alert(1)\"}}]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_until (window, has_dataset, NULL);
  g_assert_true (problem_shown (window, NULL));
  text = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "“coloured.json” opened with 31 warnings");
  g_assert_cmpstr (lines[1], ==, "Line 2, column 75: events[0].colour: Dấu Mốc has no place for this member; "
                                 "it is left out (and 29 more like it)");
  g_assert_true (g_str_has_prefix (lines[2], "Line 32, column "));
  g_assert_nonnull (strstr (lines[2], "events[30].media.url: only http and https media are kept"));

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

static void
test_error_page (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) bad = fixture ("invalid", "many-problems.json");
  const char *text;

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, bad);
  wait_until (window, stack_shows, (gpointer) "error");

  g_assert_null (dm_window_get_dataset (window));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (dm_test_window_child (window, "error_page"))), ==,
                   "“many-problems.json” has 5 problems");
  text = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "error_label")));
  g_assert_nonnull (strstr (text, "Line 5, column 23: events[0].kind:"));
  g_assert_nonnull (strstr (text, "Line 6, column 69: events[1].title:"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dataset text is shown literally: markup in a title stays visible text… */
static void
test_markup_is_text (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) file = fixture ("valid", "markup.json");
  /* …and a right-to-left override shows as what it is, not reversing
   * what follows. */
  const char *title = "<span size=\"9999999\">big</span> & <b>bold</b> [U+202E]evil";
  DmEventRow *row;

  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_until (window, has_dataset, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  row = dm_test_find_row (GTK_WIDGET (window), title);
  g_assert_nonnull (row);
  g_assert_cmpstr (dm_event_row_get_text (row, DM_EVENT_ROW_KIND), ==, "<i>kind</i>");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "<b>Bold</b> & <span size=\"9999999\">huge</span>");

  gtk_window_destroy (GTK_WINDOW (window));
}

#define TIMELINE_TEMPLATE \
  "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"%s\"},\n" \
  " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"K\"}}],\n" \
  " \"events\": [{\"id\": \"a\", \"kind\": \"k\", \"start\": \"%s\", \"title\": {\"en\": \"A\"}}]}\n"

static void
write_timeline (GFile      *file,
                const char *title,
                const char *start)
{
  g_autofree char *text = g_strdup_printf (TIMELINE_TEMPLATE, title, start);
  g_autoptr(GError) error = NULL;

  /* Written as an editor would: a new file renamed over the old one. */
  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
title_is (DmWindow *window,
          gpointer  data)
{
  DmDataset *dataset = dm_window_get_dataset (window);

  return dataset != NULL && g_strcmp0 (dm_dataset_get_title (dataset)->en, data) == 0;
}

/* An author edits the file beside the app: it follows, and when the new
 * version is broken it keeps the last good one and says why. */
static void
test_reload_on_change (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edited.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DmDataset *good;
  const char *text;

  write_timeline (file, "First", "2020");
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_until (window, title_is, (gpointer) "First");

  write_timeline (file, "Second", "2021-05");
  wait_until (window, title_is, (gpointer) "Second");
  good = dm_window_get_dataset (window);
  {
    g_autofree char *iso = dm_date_to_iso (&dm_dataset_get_event (good, 0)->start);
    g_assert_cmpstr (iso, ==, "2021-05");
  }

  write_timeline (file, "Broken", "2021-02-30");
  wait_until (window, problem_shown, NULL);
  g_assert_true (dm_window_get_dataset (window) == good);
  text = gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "problem_label")));
  g_assert_nonnull (strstr (text, "changed on disk"));
  g_assert_nonnull (strstr (text, "last version that loaded"));
  g_assert_nonnull (strstr (text, "Line 3, column"));

  /* Fixed again: it loads, and the problem goes away. */
  write_timeline (file, "Third", "2022");
  wait_until (window, title_is, (gpointer) "Third");
  g_assert_false (problem_shown (window, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* A title of a hundred thousand characters is shown shortened, not laid out
 * in full in a one-line label. */
static void
test_long_title (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = g_strnfill (100000, 'x');
  const char *shown;

  write_timeline (file, title, "2020");
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_until (window, has_dataset, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  shown = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, 501);
  g_assert_true (g_str_has_suffix (shown, "…"));
  g_assert_true (strncmp (shown, title, 500) == 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

static guint
list_length (DmWindow *window)
{
  GtkListView *view = GTK_LIST_VIEW (dm_test_window_child (window, "event_view"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

/* Selecting on the timeline shows the event in the detail pane and
 * selects its row in the list; related events are links that select. */
static void
test_detail_follows_selection (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmDetailPane *pane = DM_DETAIL_PANE (dm_test_window_child (window, "detail_pane"));
  GtkSingleSelection *selection;
  DmDataset *dataset = dm_window_get_dataset (window);
  const DmEvent *event;
  guint position;

  g_object_set (window, "data-language", "en", NULL);
  event = dm_dataset_lookup_event (dataset, "nq-78-2020", &position);
  dm_timeline_view_set_selected (timeline, (int) position);

  g_assert_cmpint (dm_detail_pane_get_event (pane), ==, (int) position);
  g_assert_cmpstr (dm_detail_pane_get_title (pane), ==, event->title.en);

  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (dm_test_window_child (window, "event_view"))));
  g_assert_cmpuint (dm_event_item_get_position (gtk_single_selection_get_selected_item (selection)), ==, position);

  /* The other way round: the list selects on the timeline. */
  gtk_single_selection_set_selected (selection, 0);
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, 0);
  g_assert_cmpstr (dm_detail_pane_get_title (pane), ==, dm_dataset_get_event (dataset, 0)->title.en);

  /* In Vietnamese, the same event in Vietnamese; its date stays in the
   * interface's language (English here), as the locale says. */
  g_object_set (window, "data-language", "vi", NULL);
  g_assert_cmpstr (dm_detail_pane_get_title (pane), ==, dm_dataset_get_event (dataset, 0)->title.vi);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (find_label (GTK_WIDGET (pane), "2016 – 2020"));
  g_assert_null (find_label (GTK_WIDGET (pane), "năm 2016 – 2020"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The list follows the data language: switching to Vietnamese and back
 * shows each row's title and kind in that language. */
static void
test_list_language (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  GtkWidget *view = dm_test_window_child (window, "event_view");
  DmDataset *dataset = dm_window_get_dataset (window);
  const DmEvent *event = dm_dataset_get_event (dataset, 0);
  const DmKind *kind = dm_dataset_lookup_kind (dataset, event->kind);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmEventRow *row;

  dm_timeline_view_set_selected (timeline, 0);
  row = dm_test_find_row (view, event->title.en);
  g_assert_nonnull (row);
  g_assert_cmpstr (dm_event_row_get_text (row, DM_EVENT_ROW_KIND), ==, kind->label.en);

  g_object_set (window, "data-language", "vi", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (dm_test_find_row (view, event->title.en));
  row = dm_test_find_row (view, event->title.vi);
  g_assert_nonnull (row);
  g_assert_cmpstr (dm_event_row_get_text (row, DM_EVENT_ROW_KIND), ==, kind->label.vi);
  /* The selection stays where it was. */
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, 0);
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (view)));

    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  }

  g_object_set (window, "data-language", "en", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (dm_test_find_row (view, event->title.vi));
  g_assert_nonnull (dm_test_find_row (view, event->title.en));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The label of the related-event button that reads @text, if any. */
static gboolean
is_button_with (GtkWidget     *widget,
                gconstpointer  text)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0;
}

static gboolean
has_button_with (GtkWidget  *root,
                 const char *text)
{
  return dm_test_find_widget (root, is_button_with, text) != NULL;
}

/* Selects the event @id of @timeline's dataset, which has it. */
static void
select_event (DmTimelineView *timeline,
              const char     *id)
{
  guint position;

  g_assert_nonnull (dm_dataset_lookup_event (dm_timeline_view_get_dataset (timeline), id, &position));
  dm_timeline_view_set_selected (timeline, (int) position);
}

/* Related events from both sides, the other side named as such; tags by
 * their labels; a quote's translation beside it in English only; a name
 * as printed in the source said to be so; an open-ended date said as one. */
static void
test_detail_both_sides (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  GtkWidget *pane = dm_test_window_child (window, "detail_pane");
  DmDataset *dataset = dm_window_get_dataset (window);
  const DmEvent *workshop = dm_dataset_lookup_event (dataset, "summit-2021-workshop-2-smart-manufacturing", NULL);
  const DmEvent *series = dm_dataset_lookup_event (dataset, "summit-2021-thematic-workshops", NULL);
  g_autofree char *cited_by = g_strdup_printf ("Cited by: %s", workshop->title.en);
  g_autofree char *includes = g_strdup_printf ("Includes: %s", workshop->title.en);
  g_autofree char *part_of = g_strdup_printf ("Part of: %s", series->title.en);
  const DmCitation *citation = g_ptr_array_index (workshop->citations, 0);
  g_autofree char *translation = g_strdup_printf ("Translation: %s", citation->translation.en);

  /* Resolution 52 names no event; workshop 2 names it. */
  select_event (timeline, "nq-52-2019");
  g_assert_true (has_button_with (pane, cited_by));

  /* Part of, and the other way round, includes. */
  select_event (timeline, workshop->id);
  g_assert_true (has_button_with (pane, part_of));
  {
    g_autoptr(GString) tags = g_string_new (NULL);

    for (guint t = 0; t < workshop->tags->len; t++)
      g_string_append_printf (tags, "%s%s", t > 0 ? ", " : "",
                              dm_dataset_format_tag (dataset, g_ptr_array_index (workshop->tags, t), DM_LANGUAGE_EN));
    g_assert_nonnull (strstr (tags->str, "Fourth Industrial Revolution"));
    g_assert_null (strstr (tags->str, "4ir"));
    g_assert_nonnull (find_label (pane, tags->str));
  }
  g_assert_nonnull (find_label (pane, translation));
  select_event (timeline, series->id);
  g_assert_true (has_button_with (pane, includes));

  /* In Vietnamese the quote is the text: no translation under it. */
  select_event (timeline, workshop->id);
  g_object_set (window, "data-language", "vi", NULL);
  g_assert_null (find_label (pane, translation));
  g_object_set (window, "data-language", "en", NULL);

  /* A name as the source prints it. */
  select_event (timeline, "summit-2021-plenary");
  g_assert_nonnull (find_label (pane, "Trần Anh Tuấn (as printed in the source) — Politburo member, Head of the Central "
                                      "Economic Commission; co-chaired the main venue"));

  /* An open-ended date: "no later than", and what that means. */
  select_event (timeline, "dai-hoi-xiii-goals");
  g_assert_nonnull (find_label (pane, "no later than 9 November 2021"));
  g_assert_nonnull (find_label (pane, "Only the latest possible date is known: the source says nothing of how early it could be."));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With nothing selected, the pane shows the dataset: its title, its
 * counts per kind, its sources. */
static void
test_detail_dataset (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmDetailPane *pane = DM_DETAIL_PANE (dm_test_window_child (window, "detail_pane"));
  DmDataset *dataset = dm_window_get_dataset (window);
  g_autofree char *forums = NULL;
  guint n_forums = 0;

  dm_timeline_view_set_selected (timeline, -1);
  g_assert_cmpint (dm_detail_pane_get_event (pane), ==, -1);
  g_assert_cmpstr (dm_detail_pane_get_title (pane), ==, dm_dataset_get_title (dataset)->en);

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    n_forums += g_strcmp0 (dm_dataset_get_event (dataset, i)->kind, "forum") == 0;
  /* The key to the marks, drawn as the timeline draws them. */
  {
    GtkWidget *legend = NULL;

    for (GtkWidget *w = GTK_WIDGET (pane); w != NULL && legend == NULL; )
      {
        GtkWidget *next = gtk_widget_get_first_child (w);

        if (GTK_IS_DRAWING_AREA (w) && gtk_widget_has_css_class (w, "legend"))
          legend = w;
        /* Depth first, through siblings. */
        while (next == NULL && w != GTK_WIDGET (pane))
          {
            next = gtk_widget_get_next_sibling (w);
            if (next == NULL)
              w = gtk_widget_get_parent (w);
          }
        w = next;
      }
    g_assert_nonnull (legend);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    g_assert_cmpint (gtk_widget_get_height (legend), >=, 40);
  }

  forums = g_strdup_printf ("Forum / workshop: %u", n_forums);
  g_assert_nonnull (find_label (GTK_WIDGET (pane), forums));
  g_assert_nonnull (find_label (GTK_WIDGET (pane), "• International linkage and cooperation to promote the Fourth "
                                                   "Industrial Revolution — Tạp chí Thông tin & Truyền thông (ICTVietnam), "
                                                   "Minh Thiện, 21 December 2020"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_back_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.go-back") == 0;
}

/* The pane's Back button, if it shows one. */
static GtkWidget *
find_back_button (GtkWidget *root)
{
  return dm_test_find_widget (root, is_back_button, NULL);
}

static gboolean
is_related_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "related-event");
}

static GtkWidget *
find_related_button (GtkWidget *root)
{
  return dm_test_find_widget (root, is_related_button, NULL);
}

static gboolean
has_selection (GtkWidget     *widget,
               gconstpointer  data)
{
  int start;
  int end;

  return GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), &start, &end);
}

/* A label of @root whose text is selected (highlighted), or NULL. */
static GtkLabel *
find_selected_label (GtkWidget *root)
{
  return GTK_LABEL (dm_test_find_widget (root, has_selection, NULL));
}

static gboolean
selection_moved_from (DmWindow *window,
                      gpointer  data)
{
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));

  return dm_timeline_view_get_selected (timeline) != GPOINTER_TO_INT (data);
}

/* Following a related event from the keyboard leaves nothing of the new
 * event highlighted as if selected (the kind's badge was), and the focus
 * on the way back. */
static void
test_related_link_focus (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  GtkWidget *pane = dm_test_window_child (window, "detail_pane");
  DmDataset *dataset = dm_window_get_dataset (window);
  GtkWidget *related;
  GtkWidget *focus;
  GtkLabel *selected;
  guint workshop;

  g_assert_nonnull (dm_dataset_lookup_event (dataset, "summit-2021-workshop-1", &workshop));
  dm_timeline_view_set_selected (timeline, (int) workshop);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  related = find_related_button (pane);
  g_assert_nonnull (related);
  gtk_widget_grab_focus (related);
  /* As Enter or Space do: the button clicks once its press has shown. */
  g_assert_true (gtk_widget_activate (related));
  wait_until (window, selection_moved_from, GINT_TO_POINTER ((int) workshop));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  selected = find_selected_label (pane);
  if (selected != NULL)
    g_error ("“%s” is highlighted after following a related event", gtk_label_get_text (selected));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == find_back_button (pane));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Following a related event can be undone: Back in the pane, or
 * win.go-back, returns to the event before, and again, until there is
 * nothing to go back to. (Alt+Left is pressed on the real window in
 * tests/test-back.py.) */
static void
test_back (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  GtkWidget *pane = dm_test_window_child (window, "detail_pane");
  DmDataset *dataset = dm_window_get_dataset (window);
  guint workshop;
  guint series;
  guint summit;

  g_assert_nonnull (dm_dataset_lookup_event (dataset, "summit-2021-workshop-1", &workshop));
  g_assert_nonnull (dm_dataset_lookup_event (dataset, "summit-2021-thematic-workshops", &series));
  g_assert_nonnull (dm_dataset_lookup_event (dataset, "industry-4-0-summit-2021", &summit));

  /* Nothing to go back to yet. */
  dm_timeline_view_set_selected (timeline, (int) workshop);
  g_assert_null (find_back_button (pane));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) workshop);

  /* Two links followed, from the pane. */
  g_signal_emit_by_name (pane, "related-activated", (int) series);
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) series);
  g_assert_nonnull (find_back_button (pane));
  g_signal_emit_by_name (pane, "related-activated", (int) summit);
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) summit);

  /* Back, by the button, then by the action. */
  g_signal_emit_by_name (find_back_button (pane), "clicked");
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) series);
  g_assert_nonnull (find_back_button (pane));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) workshop);
  g_assert_null (find_back_button (pane));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* "nghi quyet 52", typed without diacritics, finds Resolution 52; the list
 * keeps the matches, Enter selects the first. */
static void
test_search_without_diacritics (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  GtkEditable *entry = GTK_EDITABLE (dm_test_window_child (window, "search_entry"));
  guint all = list_length (window);
  guint position;

  g_assert_nonnull (dm_dataset_lookup_event (dm_window_get_dataset (window), "nq-52-2019", &position));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "nghi quyet 52");
  g_signal_emit_by_name (entry, "search-changed");

  g_assert_cmpuint (list_length (window), <, all);
  g_assert_cmpuint (list_length (window), >=, 1);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (dm_timeline_view_get_selected (timeline), ==, (int) position);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "filter_revealer"))));

  /* Show All clears it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-filter", NULL));
  g_assert_cmpuint (list_length (window), ==, all);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "filter_revealer"))));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Unticking kinds hides their events in the list and on the timeline;
 * the state shows, and resets in one click. */
static void
test_filter_kinds (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmDataset *dataset = dm_window_get_dataset (window);
  GtkWidget *check = gtk_widget_get_first_child (dm_test_filter_child (window, "kind_box"));
  guint all = list_length (window);
  guint shown = 0;
  guint tags = 0;

  /* Each tag is one focus stop, the named button, not the flow box's
   * unnamed cell around it. */
  for (GtkWidget *cell = gtk_widget_get_first_child (dm_test_filter_child (window, "tag_box")); cell; cell = gtk_widget_get_next_sibling (cell))
    {
      g_assert_true (GTK_IS_FLOW_BOX_CHILD (cell));
      g_assert_false (gtk_widget_get_focusable (cell));
      g_assert_true (gtk_widget_get_focusable (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell))));
      tags++;
    }
  g_assert_cmpuint (tags, >, 0);

  /* Only MoUs and resolutions, as a briefing might ask. */
  for (guint k = 0; check != NULL; k++, check = gtk_widget_get_next_sibling (check))
    {
      const char *id = dm_dataset_get_kind (dataset, k)->id;
      gboolean keep = g_str_equal (id, "mou") || g_str_equal (id, "resolution");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), keep);
    }

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const char *kind = dm_dataset_get_event (dataset, i)->kind;
      gboolean keep = g_str_equal (kind, "mou") || g_str_equal (kind, "resolution");
      DmEventVisibility visibility = dm_timeline_view_get_event_visibility (timeline, i);

      shown += keep;
      if (!keep)
        g_assert_cmpint (visibility, ==, DM_EVENT_OUT_OF_VIEW);
    }
  g_assert_cmpuint (list_length (window), ==, shown);
  g_assert_cmpuint (shown, <, all);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (dm_test_window_child (window, "filter_label"))), "2 of 6 kinds"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-filter", NULL));
  g_assert_cmpuint (list_length (window), ==, all);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A screenshot of the window on the bundled dataset, rendered by the test
 * run into the build folder, to be looked at (not compared). */
static void
test_screenshot (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshot-explorer.png", NULL);
  GskRenderer *renderer;
  guint position;

  g_object_set (window, "data-language", "en", NULL);
  g_assert_nonnull (dm_dataset_lookup_event (dm_window_get_dataset (window), "nq-52-2019", &position));
  dm_timeline_view_set_selected (timeline, (int) position);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (dm_detail_pane_get_title (DM_DETAIL_PANE (dm_test_window_child (window, "detail_pane"))), ==,
                   dm_dataset_get_event (dm_window_get_dataset (window), position)->title.en);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_test_message ("screenshot: %s", path);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The story at a glance (issue 17): the bundled dataset at fit-all, the
 * detail pane open, as the window lays it out (DmScene, not pixels). At
 * 1366×768 every event is drawn on its own, none in a cluster, each
 * label whole or showing at least its first 40 characters, in view; at
 * 1920×1080 every title is whole. */
static void
test_story_at_a_glance (gconstpointer data)
{
  const int *size = data;
  DmWindow *window;
  DmTimelineView *timeline;
  GtkWidget *pane;
  DmDataset *dataset;

  /* As a new user sees it: the panes and filters other tests moved (and
   * that windows remember) back to where they start. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.daumoc.DauMoc");
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      g_settings_reset (settings, keys[i]);
  }

  window = dm_test_open_bundled_window (size[0], size[1]);
  timeline = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  pane = dm_test_window_child (window, "detail_pane");
  dataset = dm_window_get_dataset (window);

  /* GTK keeps a window's default size within the screen: a size request
   * makes its surface that size even on a smaller test screen. */
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

    gtk_widget_set_size_request (GTK_WIDGET (window), size[0], size[1]);
    while (gdk_surface_get_width (surface) != size[0] || gdk_surface_get_height (surface) != size[1])
      g_main_context_iteration (NULL, TRUE);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  }
  g_assert_true (gtk_widget_get_mapped (pane));
  g_assert_cmpint (gtk_widget_get_width (pane), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom", "s", "fit"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, 18);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_assert_cmpint (dm_timeline_view_get_event_visibility (timeline, i), ==, DM_EVENT_DRAWN);
  dm_test_check_story (dm_timeline_view_get_scene (timeline), DM_LANGUAGE_EN, size[0] >= 1920);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static GtkWidget *
dialog_child (DmExportDialog *dialog,
              const char     *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), DM_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static gboolean
has_preview (DmWindow *window,
             gpointer  data)
{
  return gtk_picture_get_paintable (GTK_PICTURE (dialog_child (data, "preview"))) != NULL;
}

static gboolean
has_no_dialog (DmWindow *window,
               gpointer  data)
{
  return find_toplevel ("Export") == NULL;
}

/* The export dialog asks what each format needs, through its real rows:
 * a PDF its paper and orientation, not a pixel size; a PNG its size and
 * scale; an SVG its size. It previews, offers a name with the title, the
 * language and the kind of export, and after the export a toast says
 * where it went, with Open and Show in Folder. */
static void
test_export_dialog (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("daumoc-export-dialog-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = NULL;
  DmExportDialog *dialog;

  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "png"));
  dialog = DM_EXPORT_DIALOG (find_toplevel ("Export"));
  g_assert_nonnull (dialog);
  g_assert_cmpint (dm_export_dialog_get_format (dialog), ==, DM_EXPORT_PNG);
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "width_row")));
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "scale_row")));
  g_assert_false (gtk_widget_is_visible (dialog_child (dialog, "paper_row")));
  name = dm_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "Vietnam and the Fourth Industrial Revolution - timeline (en).png");
  g_clear_pointer (&name, g_free);

  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "format_row")), 2);
  g_assert_cmpint (dm_export_dialog_get_format (dialog), ==, DM_EXPORT_SVG);
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "height_row")));
  g_assert_false (gtk_widget_is_visible (dialog_child (dialog, "scale_row")));
  g_assert_false (gtk_widget_is_visible (dialog_child (dialog, "orientation_row")));

  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "format_row")), 0);
  g_assert_cmpint (dm_export_dialog_get_format (dialog), ==, DM_EXPORT_PDF);
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "paper_row")));
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "orientation_row")));
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "range_row")));
  g_assert_true (gtk_widget_is_visible (dialog_child (dialog, "language_row")));
  g_assert_false (gtk_widget_is_visible (dialog_child (dialog, "width_row")));
  g_assert_false (gtk_widget_is_visible (dialog_child (dialog, "scale_row")));
  name = dm_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "Vietnam and the Fourth Industrial Revolution - handout (en).pdf");
  wait_until (window, has_preview, dialog);

  /* Letter, landscape, everything the filters show, in Vietnamese. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "paper_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "orientation_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "range_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "language_row")), 0);
  dm_export_dialog_set_file (dialog, file);
  gtk_widget_activate (dialog_child (dialog, "export_button"));
  wait_until (window, has_no_dialog, NULL);

  {
    const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };
    g_autofree char *info = dm_test_run_tool (argv, FALSE);

    g_assert_nonnull (strstr (info, "Page size:       792 x 612 pts (letter)"));
    g_assert_nonnull (strstr (info, "Title:           Việt Nam và Cách mạng công nghiệp lần thứ 4"));
  }

  g_assert_nonnull (find_label (GTK_WIDGET (window), "Exported “out.pdf”"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_label (GTK_WIDGET (window), "Exported “out.pdf”"))));
  {
    GtkWidget *folder = gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (window), "Show in _Folder")),
                                                 GTK_TYPE_BUTTON);
    GtkWidget *open = gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (window), "_Open")), GTK_TYPE_BUTTON);
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_nonnull (folder);
    g_assert_nonnull (open);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (folder)), ==, "win.show-export-folder");
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (folder)), NULL), ==, uri);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-export");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

/* A file of @n events in @dir, large enough to take a while to load. */
static GFile *
write_large_file (const char *dir,
                  guint       n)
{
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autofree char *text = dm_test_large_timeline (n);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return g_file_new_for_path (path);
}

/* Cancelling a load keeps what was open, and clears the progress. */
static void
test_cancel_load (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmDataset *before = dm_window_get_dataset (window);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autoptr(GFile) file = write_large_file (dir, 20000);

  dm_window_open (window, file);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "loading_revealer"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));

  /* Whatever the worker does next is dropped. */
  dm_test_run_for (1500);

  g_assert_true (dm_window_get_dataset (window) == before);
  g_assert_true (stack_shows (window, (gpointer) "events"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "loading_revealer"))));
  g_assert_false (problem_shown (window, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

typedef struct
{
  DmWindow   *window;
  const char *bar;        /* the progress bar watched */
  guint       ticks;      /* turns of the main loop while loading */
  guint       partial;    /* of which the bar showed 0 < fraction < 1 */
  double      last;
  gboolean    went_back;
  gboolean    both_shown; /* the page and the bar above it at once */
} LoadWatch;

static gboolean
load_watch_cb (gpointer user_data)
{
  LoadWatch *watch = user_data;
  double fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (dm_test_window_child (watch->window, watch->bar)));

  watch->ticks++;
  if (stack_shows (watch->window, (gpointer) "loading") &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (watch->window, "loading_revealer"))))
    watch->both_shown = TRUE;
  if (fraction > 0 && fraction < 1)
    watch->partial++;
  if (fraction < watch->last)
    watch->went_back = TRUE;
  watch->last = fraction;

  return G_SOURCE_CONTINUE;
}

/* A large file loads while the window goes on: the main loop turns many
 * times before the dataset is shown, and the bar says how far it has come,
 * only ever forward. The old dataset stays until the new one is ready. */
static void
test_load_in_background (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmDataset *before = dm_window_get_dataset (window);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autoptr(GFile) file = write_large_file (dir, 200000);
  LoadWatch watch = { window, "loading_progress", 0, 0, 0, FALSE, FALSE };
  guint id;

  dm_window_open (window, file);
  id = g_timeout_add (2, load_watch_cb, &watch);
  while (dm_window_get_dataset (window) == before)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_true (dm_window_get_dataset (window) == before || dm_window_get_dataset (window) != NULL);
    }
  g_source_remove (id);

  g_test_message ("%u turns of the main loop while loading, %u with a partial progress", watch.ticks, watch.partial);
  g_assert_cmpuint (watch.ticks, >=, 10);
  g_assert_cmpuint (watch.partial, >=, 1);
  g_assert_false (watch.went_back);
  g_assert_cmpuint (dm_dataset_get_n_events (dm_window_get_dataset (window)), ==, 200000);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "loading_revealer"))));
  g_assert_true (stack_shows (window, (gpointer) "events"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* Opening a large file into an empty window: the page says which file
 * and how far it has come, with the one Cancel button (the bar above the
 * timeline, which has its own, stays hidden), only ever forward. */
static void
test_load_into_empty_window (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autoptr(GFile) file = write_large_file (dir, 200000);
  LoadWatch watch = { window, "page_progress", 0, 0, 0, FALSE, FALSE };
  guint id;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  g_assert_true (stack_shows (window, (gpointer) "loading"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_test_window_child (window, "loading_label"))), ==,
                   "Opening “large.json”…");
  id = g_timeout_add (2, load_watch_cb, &watch);
  while (dm_window_get_dataset (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);

  g_test_message ("%u turns of the main loop while loading, %u with a partial progress", watch.ticks, watch.partial);
  g_assert_cmpuint (watch.partial, >=, 1);
  g_assert_false (watch.went_back);
  g_assert_false (watch.both_shown);
  g_assert_cmpuint (dm_dataset_get_n_events (dm_window_get_dataset (window)), ==, 200000);
  g_assert_true (stack_shows (window, (gpointer) "events"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

static gboolean
list_shorter (DmWindow *window,
              gpointer  data)
{
  return list_length (window) < GPOINTER_TO_UINT (data);
}

/* A large dataset's search index is made in a worker once it is shown:
 * typing before it is ready says so and waits, without blocking, and the
 * search happens as soon as it is. */
static void
test_search_index_in_worker (void)
{
  DmWindow *window = dm_test_open_bundled_window (1280, 800);
  DmDataset *before = dm_window_get_dataset (window);
  g_autofree char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", NULL);
  g_autoptr(GFile) file = write_large_file (dir, 30000);
  GtkEditable *entry = GTK_EDITABLE (dm_test_window_child (window, "search_entry"));
  GtkLabel *label = GTK_LABEL (dm_test_window_child (window, "filter_label"));
  guint all;

  dm_window_open (window, file);
  while (dm_window_get_dataset (window) == before)
    g_main_context_iteration (NULL, TRUE);
  all = list_length (window);
  g_assert_cmpuint (all, ==, 30000);

  /* Typed at once: the index takes a while at this size. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "event 29999");
  g_signal_emit_by_name (entry, "search-changed");
  if (list_length (window) == all)
    {
      g_test_message ("the index was not ready yet");
      g_assert_cmpstr (gtk_label_get_text (label), ==, "Preparing the search…");
      g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (dm_test_window_child (window, "filter_revealer"))));
    }

  wait_until (window, list_shorter, GUINT_TO_POINTER (all));
  g_assert_cmpuint (list_length (window), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1 match");

  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* Nothing keeps the window alive once it is closed, even mid-load. */
static void
test_finalize (void)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) bundled = dm_application_get_bundled_dataset ();

  g_object_ref_sink (window);
  dm_window_open (window, bundled);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The load in flight holds a reference until it is cancelled and done. */
  while (G_OBJECT (window)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);

  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  dm_test_init_gui (&argc, &argv);

  g_test_add_func ("/window/opens-bundled", test_opens_bundled);
  g_test_add_func ("/window/bad-file-keeps-dataset", test_bad_file_keeps_dataset);
  g_test_add_func ("/window/warnings-shown", test_warnings_shown);
  g_test_add_func ("/window/warnings-by-kind", test_warnings_by_kind);
  g_test_add_func ("/window/error-page", test_error_page);
  g_test_add_func ("/window/markup-is-text", test_markup_is_text);
  g_test_add_func ("/window/reload-on-change", test_reload_on_change);
  g_test_add_func ("/window/long-title", test_long_title);
  g_test_add_func ("/window/detail-follows-selection", test_detail_follows_selection);
  g_test_add_func ("/window/search-without-diacritics", test_search_without_diacritics);
  g_test_add_func ("/window/filter-kinds", test_filter_kinds);
  g_test_add_func ("/window/list-language", test_list_language);
  g_test_add_func ("/window/detail-both-sides", test_detail_both_sides);
  g_test_add_func ("/window/detail-dataset", test_detail_dataset);
  g_test_add_func ("/window/back", test_back);
  g_test_add_func ("/window/screenshot", test_screenshot);
  {
    static const int laptop[] = { 1366, 768 };
    static const int desktop[] = { 1920, 1080 };

    g_test_add_data_func ("/window/story-at-a-glance/1366x768", laptop, test_story_at_a_glance);
    g_test_add_data_func ("/window/story-at-a-glance/1920x1080", desktop, test_story_at_a_glance);
  }
  g_test_add_func ("/window/cancel-load", test_cancel_load);
  g_test_add_func ("/window/load-in-background", test_load_in_background);
  /* After a window of 200 000 events went: their freeing once stopped
   * the main loop for 0.7 s, the whole of this test's load. */
  g_test_add_func ("/window/load-into-empty-window", test_load_into_empty_window);
  g_test_add_func ("/window/search-index-in-worker", test_search_index_in_worker);
  g_test_add_func ("/window/export-dialog", test_export_dialog);
  g_test_add_func ("/window/finalize", test_finalize);
  g_test_add_func ("/window/show-list-check", test_show_list_check);
  g_test_add_func ("/window/no-tooltip-over-menu", test_no_tooltip_over_menu);
  g_test_add_func ("/window/language-switch", test_language_switch);
  g_test_add_func ("/window/related-link-focus", test_related_link_focus);

  return g_test_run ();
}
