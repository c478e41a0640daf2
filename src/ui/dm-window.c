/* dm-window.c — the main window: timeline, event list, detail pane,
 * search and filters, and what happens when files load or fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-debug.h"
#include "dm-detail-pane.h"
#include "dm-event-item.h"
#include "dm-event-row.h"
#include "dm-event-list.h"
#include "dm-loader.h"
#include "dm-source-viewer.h"
#include "dm-filter.h"
#include "dm-file-util.h"
#include "dm-fold.h"
#include "dm-export.h"
#include "dm-export-dialog.h"
#include "dm-export-timelinejs.h"
#include "dm-handout.h"
#include "dm-overview.h"
#include "dm-presentation.h"
#include "dm-safe-text.h"
#include "dm-search.h"
#include "dm-slides.h"
#include "dm-source-text.h"
#include "dm-tab-stop.h"
#include "dm-timeline-view.h"
#include "dm-window.h"
#include "dm-window-edit.h"  /* editing */

struct _DmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *language_switch;
  DmSourceViewer       *source_viewer;   /* weak */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *filter_revealer;
  GtkLabel             *filter_label;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  GtkRevealer          *loading_revealer;
  GtkLabel             *loading_bar_label;
  GtkProgressBar       *loading_progress;
  guint                 pulse_id;
  gint64                last_pulse;
  DmLoadProgress       *progress;     /* of the load in flight */
  GtkPaned             *detail_paned;
  GtkPaned             *list_paned;
  DmTimelineView       *timeline;
  GtkWidget            *list_scroller;
  GtkListView          *event_view;
  DmDetailPane         *detail_pane;
  AdwStatusPage        *error_page;
  GtkLabel             *error_label;
  GtkBox               *kind_box;
  GtkSpinButton        *year_from;
  GtkSpinButton        *year_to;
  GtkCheckButton       *hide_inferred;
  GtkWidget            *tag_heading;
  GtkFlowBox           *tag_box;

  DmEventList          *events;
  GtkSingleSelection   *selection;
  DmFilter             *filter;
  DmSearchIndex        *search_index;
  DmSearchState        *search_state;
  GArray               *history;         /* int: the events shown before each
                                          * related link followed, for Back */
  GArray               *ranked;          /* the listed matches, best first
                                          * (title, summary, other, quotes) */
  GCancellable         *index_cancellable;  /* of the index being made */
  GCancellable         *source_cancellable; /* of the source text being read */
  GSettings            *settings;
  DmLanguage            language;
  gboolean              syncing;

  GCancellable         *cancellable;
  GFile                *pending_file;
  GFileMonitor         *monitor;
  guint                 reload_id;
  gboolean              reloading;
  GtkFileChooserNative *chooser;

  /* The list's date and kind columns, as wide in every row. */
  DmEventColumns       *columns;

  GtkPrintSettings     *print_settings;  /* of the last print */
  AdwToastOverlay      *toast_overlay;   /* says where exports went */
  guint8               *export_visible;  /* the export preview's events */
  gboolean              edited;          /* editing: shown again after an edit */
};

G_DEFINE_FINAL_TYPE (DmWindow, dm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DATA_LANGUAGE,
  PROP_SHOW_LIST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void apply_filter (DmWindow *self);
static void set_language (DmWindow *self, DmLanguage language);
static void fit_columns (DmWindow *self);
static void load (DmWindow *self, GFile *file, gboolean reloading);
static void stop_loading (DmWindow *self);

/* Problems */

static char *
describe_problem (const DmProblem *problem)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (problem->line > 0)
    g_string_append_printf (text, _("Line %u, column %u: "), problem->line, problem->column);
  if (problem->path != NULL && problem->path[0] != '\0')
    g_string_append_printf (text, "%s: ", problem->path);
  g_string_append (text, problem->message);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A file's name as text: a name need not be UTF-8, a label's text must. */
static char *
display_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static void
show_problems (DmWindow  *self,
               GFile     *file,
               GError    *error,
               GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = display_basename (file);
  g_autofree char *heading = NULL;
  guint n = dm_problems_count_errors (problems);

  /* Every located problem, one a line; a long list is cut with a count. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = NULL;

      if (i == 10)
        {
          g_string_append_printf (text, "\n%s",
                                  _("…and more; run “daumoc --check FILE” to see them all"));
          break;
        }
      line = describe_problem (g_ptr_array_index (problems, i));
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  if (text->len == 0)
    g_string_append (text, error->message);

  if (self->reloading)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” changed on disk and now has %u problem",
                                            "“%s” changed on disk and now has %u problems", MAX (n, 1)),
                               name, MAX (n, 1));
  else if (n > 1)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” has %u problem",
                                            "“%s” has %u problems", n),
                               name, n);
  else
    heading = g_strdup_printf (_("“%s” could not be opened"), name);

  if (dm_event_list_get_dataset (self->events) != NULL)
    {
      g_autofree char *message = NULL;

      if (self->reloading)
        message = g_strdup_printf (_("%s; the last version that loaded is still shown.\n%s"), heading, text->str);
      else
        message = g_strdup_printf (_("%s; the timeline shown is unchanged.\n%s"), heading, text->str);

      gtk_label_set_text (self->problem_label, message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), message);
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "events");
    }
  else
    {
      /* The status page's description is markup: escape the file name. */
      g_autofree char *escaped = g_markup_escape_text (heading, -1);

      adw_status_page_set_title (self->error_page, _("Could Not Open the Timeline"));
      adw_status_page_set_description (self->error_page, escaped);
      gtk_label_set_text (self->error_label, text->str);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

/* Text for a one-line label: a title of megabytes would stall the text
 * layout for nothing, so keep the start and say that it goes on; controls
 * and bidi overrides are shown as what they are. */
static char *
shorten (const char *text)
{
  if (text == NULL)
    return NULL;

  return dm_safe_text_for_display (text, 500);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  DmWindow *self = user_data;
  DmDataset *dataset = dm_event_list_get_dataset (self->events);

  self->reload_id = 0;
  if (dataset != NULL && dm_dataset_get_file (dataset) != NULL)
    load (self, dm_dataset_get_file (dataset), TRUE);

  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (DmWindow          *self,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  DmDataset *dataset = dm_event_list_get_dataset (self->events);
  GFile *watched = dataset ? dm_dataset_get_file (dataset) : NULL;

  if (watched == NULL)
    return;

  /* Editors save in place (changes done) or write a new file and rename it
   * over the old one (created, moved in, renamed onto ours). */
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
      break;

    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      if (other == NULL || !g_file_equal (other, watched))
        return;
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      return;
    }

  /* editing (dm-window-edit.c): not over unsaved edits, nor for our save */
  if (dm_window_edit_file_changed (self))
    return;

  /* A save often comes as several events: reload once they settle. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (200, reload_timeout_cb, self);
}

static void
watch_file (DmWindow *self,
            GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  /* Only files on disk change under us; the bundled dataset does not. */
  if (file == NULL || !g_file_is_native (file))
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Search and filters */

static guint8 *
flags_from_positions (GArray *positions,
                      guint   n)
{
  guint8 *flags = g_malloc0 (MAX (n, 1));

  for (guint i = 0; i < positions->len; i++)
    flags[g_array_index (positions, guint, i)] = 1;

  return flags;
}

static void
update_kind_checks (DmWindow *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autoptr(GArray) counts = NULL;
  GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (self->kind_box));

  if (dataset == NULL)
    return;

  counts = dm_filter_count_by_kind (self->filter, dataset, self->search_index);
  for (guint k = 0; check != NULL && k < dm_dataset_get_n_kinds (dataset); k++, check = gtk_widget_get_next_sibling (check))
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);
      g_autofree char *name = shorten (dm_text_get (&kind->label, self->language));
      g_autofree char *label = g_strdup_printf ("%s (%u)", name, g_array_index (counts, guint, k));

      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), dm_filter_get_kind_visible (self->filter, kind->id));
    }
}

static void
kind_toggled_cb (GtkCheckButton *check,
                 DmWindow       *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "kind-id");

  if (!self->syncing)
    dm_filter_set_kind_visible (self->filter, id, gtk_check_button_get_active (check));
}

static void
rebuild_kind_checks (DmWindow *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kind_box))) != NULL)
    gtk_box_remove (self->kind_box, child);

  for (guint k = 0; dataset != NULL && k < dm_dataset_get_n_kinds (dataset); k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);
      GtkWidget *check = gtk_check_button_new ();

      g_object_set_data_full (G_OBJECT (check), "kind-id", g_strdup (kind->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_box_append (self->kind_box, check);
    }
}

static void
tag_toggled_cb (GtkToggleButton *button,
                DmWindow        *self)
{
  if (!self->syncing)
    dm_filter_set_tag_required (self->filter, g_object_get_data (G_OBJECT (button), "tag"),
                                gtk_toggle_button_get_active (button));
}

/* One toggle per tag the dataset uses, in alphabetical order of the tags,
 * each shown by its label in the data language. */
static void
rebuild_tag_toggles (DmWindow *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  GPtrArray *tags = dataset != NULL ? dm_dataset_get_tags (dataset) : NULL;
  guint n_tags = tags != NULL ? tags->len : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box))) != NULL)
    gtk_flow_box_remove (self->tag_box, child);

  /* A list of hundreds of tags is no filter anyone can use. */
  for (guint i = 0; i < MIN (n_tags, 60); i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (dm_dataset_format_tag (dataset, tag, self->language));

      g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), dm_filter_get_tag_required (self->filter, tag));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "tag");
      g_signal_connect (button, "toggled", G_CALLBACK (tag_toggled_cb), self);
      gtk_flow_box_append (self->tag_box, button);
      /* The flow box's cell would take focus before the button, with no
       * name for a screen reader: the button alone is the stop. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  gtk_widget_set_visible (self->tag_heading, n_tags > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_box), n_tags > 0);
}

static void
sync_filter_widgets (DmWindow *self)
{
  gint64 year_min;
  gint64 year_max;
  double start = 2016;
  double end = 2022;
  DmDataset *dataset = dm_window_get_dataset (self);
  DmDate first;
  DmDate last;

  if (dataset != NULL && dm_dataset_get_span (dataset, &first, &last, NULL, NULL))
    start = (double) first.year, end = (double) last.year;

  self->syncing = TRUE;
  dm_filter_get_year_range (self->filter, &year_min, &year_max);
  gtk_spin_button_set_value (self->year_from, year_min == DM_FILTER_NO_YEAR_MIN ? start : (double) year_min);
  gtk_spin_button_set_value (self->year_to, year_max == DM_FILTER_NO_YEAR_MAX ? end : (double) year_max);
  gtk_check_button_set_active (self->hide_inferred, dm_filter_get_hide_inferred (self->filter));
  update_kind_checks (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box)); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    dm_filter_get_tag_required (self->filter, g_object_get_data (G_OBJECT (button), "tag")));
    }
  self->syncing = FALSE;
}

static void
year_changed_cb (DmWindow *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  gint64 from = (gint64) gtk_spin_button_get_value (self->year_from);
  gint64 to = (gint64) gtk_spin_button_get_value (self->year_to);
  DmDate first;
  DmDate last;

  if (self->syncing || dataset == NULL)
    return;

  /* The dataset's own first and last years mean "no bound". */
  if (dm_dataset_get_span (dataset, &first, &last, NULL, NULL))
    {
      if (from <= first.year)
        from = DM_FILTER_NO_YEAR_MIN;
      if (to >= last.year)
        to = DM_FILTER_NO_YEAR_MAX;
    }
  dm_filter_set_year_range (self->filter, from, to);
}

static void
hide_inferred_toggled_cb (DmWindow *self)
{
  if (!self->syncing)
    dm_filter_set_hide_inferred (self->filter, gtk_check_button_get_active (self->hide_inferred));
}

static void
save_filter (DmWindow *self)
{
  g_auto(GStrv) hidden = dm_filter_dup_hidden_kinds (self->filter);
  gint64 year_min;
  gint64 year_max;

  if (self->settings == NULL)
    return;

  dm_filter_get_year_range (self->filter, &year_min, &year_max);
  g_settings_set_strv (self->settings, "hidden-kinds", (const char * const *) hidden);
  g_settings_set_int64 (self->settings, "year-min", year_min);
  g_settings_set_int64 (self->settings, "year-max", year_max);
  g_settings_set_boolean (self->settings, "hide-inferred", dm_filter_get_hide_inferred (self->filter));
}

static void
apply_filter (DmWindow *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *shown_flags = NULL;
  g_autofree guint8 *match_flags = NULL;
  g_autofree char *description = NULL;
  gboolean searching;
  gboolean preparing;
  gboolean filtering;
  guint n;

  if (dataset == NULL)
    return;

  n = dm_dataset_get_n_events (dataset);

  /* The filter decides what the timeline draws; the search only dims what
   * does not match there, and the list holds what passes both. With no
   * filter, nothing goes over every event. */
  filtering = dm_filter_is_active (self->filter);
  if (filtering)
    {
      dm_filter_apply (self->filter, dataset, self->search_index, shown);
      shown_flags = flags_from_positions (shown, n);
    }
  dm_timeline_view_set_visible (self->timeline, shown_flags, n);

  /* A large dataset's index is being made in a worker (set_dataset()):
   * until it is ready the search waits, and says so; a small one's takes a
   * few milliseconds, made here on the first keystroke. */
  searching = query[0] != '\0';
  preparing = searching && self->search_index == NULL && self->index_cancellable != NULL;
  if (searching && self->search_index == NULL && !preparing)
    {
      self->search_index = dm_search_index_new (dataset);
      self->search_state = dm_search_state_new (self->search_index);
    }
  searching = searching && !preparing;
  if (searching)
    {
      dm_search_state_query (self->search_state, query, matches);
      match_flags = flags_from_positions (matches, n);
      if (filtering)
        {
          for (guint i = 0; i < shown->len; i++)
            if (match_flags[g_array_index (shown, guint, i)])
              g_array_append_val (listed, g_array_index (shown, guint, i));
        }
      else
        {
          for (guint i = 0; i < n; i++)
            if (match_flags[i])
              g_array_append_val (listed, i);
        }
    }
  /* Ranked when Enter first asks for it (step_match()). */
  g_clear_pointer (&self->ranked, g_array_unref);
  dm_timeline_view_set_matches (self->timeline, match_flags, n);
  dm_event_list_set_positions (self->events, searching || filtering ? (searching ? listed : shown) : NULL);

  /* The filter bar is interface text: in the interface language. */
  description = dm_filter_describe (self->filter, dataset, dm_language_from_locale ());
  if (searching)
    {
      g_autofree char *found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", listed->len), listed->len);
      g_autofree char *with = dm_filter_is_active (self->filter) ? g_strdup_printf ("%s · %s", description, found) : g_strdup (found);

      g_free (description);
      description = g_steal_pointer (&with);
    }
  else if (preparing)
    {
      const char *waiting = _("Preparing the search…");
      g_autofree char *with = dm_filter_is_active (self->filter) ? g_strdup_printf ("%s · %s", description, waiting) : g_strdup (waiting);

      g_free (description);
      description = g_steal_pointer (&with);
    }
  gtk_label_set_text (self->filter_label, description);
  gtk_revealer_set_reveal_child (self->filter_revealer, searching || preparing || dm_filter_is_active (self->filter));

  update_kind_checks (self);

  /* Keep the selection in sync with what the list still shows. */
  {
    int selected = dm_timeline_view_get_selected (self->timeline);
    int row = selected >= 0 ? dm_event_list_find (self->events, (guint) selected) : -1;

    self->syncing = TRUE;
    gtk_single_selection_set_selected (self->selection, row >= 0 ? (guint) row : GTK_INVALID_LIST_POSITION);
    self->syncing = FALSE;
  }
}

static void
filter_changed_cb (DmWindow *self)
{
  apply_filter (self);
  save_filter (self);
}

static void
search_changed_cb (DmWindow *self)
{
  apply_filter (self);
}

/* Enter and Shift+Enter step through the matches from the selection. */
static void
step_match (DmWindow *self,
            int       direction)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  int selected = dm_timeline_view_get_selected (self->timeline);
  int row = selected >= 0 ? dm_event_list_find (self->events, (guint) selected) : -1;

  /* While searching, Enter steps through the matches best first: where
   * the title says it before where only a quote does. The list stays in
   * time order. */
  if (self->ranked == NULL && self->search_index != NULL && self->search_state != NULL &&
      gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    {
      self->ranked = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      for (guint i = 0; i < n; i++)
        {
          guint position = dm_event_list_get_position (self->events, i);

          g_array_append_val (self->ranked, position);
        }
      dm_search_index_sort_by_rank (self->search_index, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    self->ranked);
    }

  if (self->ranked != NULL)
    {
      guint n_ranked = self->ranked->len;
      int at = -1;

      if (n_ranked == 0)
        return;
      for (guint i = 0; selected >= 0 && at < 0 && i < n_ranked; i++)
        if (g_array_index (self->ranked, guint, i) == (guint) selected)
          at = (int) i;
      if (at < 0)
        at = direction > 0 ? 0 : (int) n_ranked - 1;
      else
        at = ((at + direction) % (int) n_ranked + (int) n_ranked) % (int) n_ranked;
      dm_timeline_view_set_selected (self->timeline, (int) g_array_index (self->ranked, guint, at));
      return;
    }

  if (n == 0)
    return;

  if (row < 0)
    row = direction > 0 ? 0 : (int) n - 1;
  else
    row = ((row + direction) % (int) n + (int) n) % (int) n;

  dm_timeline_view_set_selected (self->timeline, (int) dm_event_list_get_position (self->events, (guint) row));
}

static void
search_activate_cb (DmWindow *self)
{
  step_match (self, 1);
}

static void
search_next_cb (DmWindow *self)
{
  step_match (self, 1);
}

static void
search_previous_cb (DmWindow *self)
{
  step_match (self, -1);
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       DmWindow              *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      step_match (self, -1);
      return TRUE;
    }

  return FALSE;
}

static void
reset_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  dm_filter_reset (self->filter);
  sync_filter_widgets (self);
  apply_filter (self);
}

/* Selection, in sync between the timeline, the list and the detail pane */

static void
show_details (DmWindow *self)
{
  dm_detail_pane_show (self->detail_pane, dm_window_get_dataset (self),
                       dm_timeline_view_get_selected (self->timeline), self->language);
}

static void
timeline_selected_cb (DmWindow *self)
{
  int selected = dm_timeline_view_get_selected (self->timeline);
  int row = selected >= 0 ? dm_event_list_find (self->events, (guint) selected) : -1;

  show_details (self);

  if (self->syncing)
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, row >= 0 ? (guint) row : GTK_INVALID_LIST_POSITION);
  if (row >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->event_view), "list.scroll-to-item", "u", (guint) row);
  self->syncing = FALSE;
}

static void
list_selected_cb (DmWindow *self)
{
  DmEventItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->syncing || item == NULL)
    return;

  self->syncing = TRUE;
  dm_timeline_view_set_selected (self->timeline, (int) dm_event_item_get_position (item));
  self->syncing = FALSE;
}

static void
update_history (DmWindow *self)
{
  gboolean can_go_back = self->history != NULL && self->history->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", can_go_back);
  dm_detail_pane_set_can_go_back (self->detail_pane, can_go_back);
}

static void
related_activated_cb (DmWindow *self,
                      int       position)
{
  int selected = dm_timeline_view_get_selected (self->timeline);

  /* Following a link can be undone: Back (Alt+Left) returns here. */
  g_array_append_val (self->history, selected);
  update_history (self);
  dm_timeline_view_set_selected (self->timeline, position);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  DmDataset *dataset = dm_window_get_dataset (self);
  int position;

  if (self->history->len == 0)
    return;

  position = g_array_index (self->history, int, self->history->len - 1);
  g_array_set_size (self->history, self->history->len - 1);
  update_history (self);
  if (dataset != NULL && position < (int) dm_dataset_get_n_events (dataset))
    dm_timeline_view_set_selected (self->timeline, position);
}

/* The source text of a citation, with the quoted passage selected. */

typedef struct
{
  DmWindow *window;
  char     *title;
  char     *quote;
} SourceJob;

static void
source_job_free (SourceJob *job)
{
  g_object_unref (job->window);
  g_free (job->title);
  g_free (job->quote);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SourceJob, source_job_free)

/* One source viewer per window, shown again for the next source asked
 * for; closing it destroys it. */
static void
show_source_text (DmWindow   *self,
                  const char *title,
                  const char *text,
                  const char *quote)
{
  if (self->source_viewer == NULL)
    {
      self->source_viewer = dm_source_viewer_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->source_viewer), (gpointer *) &self->source_viewer);
    }

  dm_source_viewer_show_text (self->source_viewer, title, text, quote);
  gtk_window_present (GTK_WINDOW (self->source_viewer));
  dm_window_edit_source_shown (self, self->source_viewer, NULL);  /* editing */
}

static void
source_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SourceJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dm_source_text_load_finish (result, &error);
  DmWindow *self = job->window;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->source_cancellable);

  if (text == NULL)
    {
      /* The messages say which text and what is wrong with it. */
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), error->message);
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      return;
    }

  show_source_text (self, job->title, text, job->quote);
}

/* The text is read in a worker: a source may be large, on a slow disk, or
 * not a file at all. */
static void
show_source_cb (DmWindow *self,
                int       position,
                guint     index)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  const DmEvent *event = dm_dataset_get_event (dataset, (guint) position);
  const DmCitation *citation = g_ptr_array_index (event->citations, index);
  const DmSource *source = dm_dataset_lookup_source (dataset, citation->source);
  GFile *file = dm_dataset_get_file (dataset);
  SourceJob *job;

  if (source == NULL || source->file == NULL)
    return;

  if (file == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The source text “%s” is not available."), source->file);

      gtk_label_set_text (self->problem_label, message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), message);
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      return;
    }

  /* Only the last one asked for is shown. */
  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);
  self->source_cancellable = g_cancellable_new ();

  job = g_new0 (SourceJob, 1);
  job->window = g_object_ref (self);
  /* Bounded and made visible (dm-safe-text): a title is the dataset's. */
  job->title = shorten (dm_text_get (&source->title, self->language));
  job->quote = g_strdup (citation->quote);
  dm_window_edit_source_shown (self, NULL, source->id);  /* editing */
  dm_source_text_load_async (file, source->file, self->source_cancellable, source_loaded_cb, job);
}

/* From this many events, the search index is made in a worker. */
#define INDEX_IN_WORKER 20000

static void
index_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_task_return_pointer (task, dm_search_index_new (task_data), (GDestroyNotify) dm_search_index_unref);
}

static void
index_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DmWindow) self = user_data;
  DmSearchIndex *index = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: another dataset came, or the window went. */
  if (index == NULL)
    return;
  if (g_task_get_task_data (G_TASK (result)) != dm_window_get_dataset (self))
    {
      dm_search_index_unref (index);
      return;
    }

  g_clear_object (&self->index_cancellable);
  self->search_index = index;
  self->search_state = dm_search_state_new (index);

  /* Whatever was typed meanwhile is searched now. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    apply_filter (self);
}

static void
set_dataset (DmWindow  *self,
             DmDataset *dataset)
{
  const DmText *title = dm_dataset_get_title (dataset);
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree char *subtitle = NULL;
  g_autofree char *title_text = NULL;
  GFile *file = dm_dataset_get_file (dataset);

  /* The search index: a large dataset's is made in a worker from now on
   * (seconds at a million events), a small one's on the first keystroke. */
  g_clear_pointer (&self->ranked, g_array_unref);
  g_clear_pointer (&self->search_state, dm_search_state_free);
  g_clear_pointer (&self->search_index, dm_search_index_unref);
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  /* editing: a worker must not read a dataset that an edit may change;
   * after an edit the index is made on the first keystroke. */
  if (n > INDEX_IN_WORKER && !self->edited)
    {
      g_autoptr(GTask) task = NULL;

      self->index_cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->index_cancellable, index_ready_cb, g_object_ref (self));
      g_task_set_return_on_cancel (task, TRUE);
      g_task_set_task_data (task, g_object_ref (dataset), g_object_unref);
      g_task_run_in_thread (task, index_thread);
    }

  /* Positions are the dataset's: those of another mean nothing. */
  if (self->history != NULL)
    g_array_set_size (self->history, 0);
  update_history (self);
  dm_event_list_set_dataset (self->events, dataset);
  dm_timeline_view_set_dataset (self->timeline, dataset);
  watch_file (self, file);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  title_text = shorten (dm_text_get (title, self->language));
  adw_window_title_set_title (self->window_title, title_text);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title_text);

  /* A timeline in one language has nothing to switch to. */
  gtk_widget_set_visible (self->language_switch,
                          dm_dataset_has_language (dataset, DM_LANGUAGE_VI) &&
                          dm_dataset_has_language (dataset, DM_LANGUAGE_EN));

  rebuild_kind_checks (self);
  rebuild_tag_toggles (self);
  sync_filter_widgets (self);
  apply_filter (self);
  fit_columns (self);
  show_details (self);

  if (self->settings != NULL && file != NULL && !self->reloading)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_settings_set_string (self->settings, "last-dataset", g_str_has_prefix (uri, "resource://") ? "" : uri);
    }

  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "events");

  dm_window_edit_dataset_shown (self, dataset);  /* editing */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static gboolean
stop_watching_cb (gpointer user_data)
{
  dm_debug_watch_main_loop (FALSE);
  return G_SOURCE_REMOVE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DmWindow) self = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = dm_dataset_load_file_finish (result, &problems, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stop_loading (self);

  if (dataset == NULL)
    show_problems (self, self->pending_file, error, problems);
  else
    set_dataset (self, dataset);

  /* After the frame that shows it: idles this low run after drawing. */
  g_idle_add_full (G_PRIORITY_LOW, stop_watching_cb, NULL, NULL);
}

static gboolean
pulse_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  DmWindow *self = DM_WINDOW (widget);
  double fraction = self->progress != NULL ? dm_load_progress_get_fraction (self->progress) : 0;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  /* How far the worker has come; a pulse every tenth of a second until it
   * first says so, enough to show that it is working. */
  if (fraction > 0)
    gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  else if (now - self->last_pulse > 100000)
    {
      gtk_progress_bar_pulse (self->loading_progress);
      self->last_pulse = now;
    }

  return G_SOURCE_CONTINUE;
}

static void
stop_loading (DmWindow *self)
{
  gtk_spinner_stop (self->spinner);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
  if (self->pulse_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pulse_id);
  self->pulse_id = 0;
}

/* Large files take a while: say which, show that it is working, and let
 * people give up. Whatever was open stays open meanwhile. */
static void
start_loading (DmWindow *self,
               GFile    *file)
{
  g_autofree char *name = display_basename (file);
  g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_label_set_text (self->loading_label, text);
  gtk_label_set_text (self->loading_bar_label, text);
  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pulse_cb, NULL, NULL);

  if (dm_event_list_get_dataset (self->events) == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  dm_debug_report_once ("loading shown", name);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  stop_loading (self);

  /* With nothing open, a way forward rather than a blank window. */
  if (dm_event_list_get_dataset (self->events) == NULL)
    {
      adw_status_page_set_title (self->error_page, _("Nothing Is Open"));
      adw_status_page_set_description (self->error_page, NULL);
      gtk_label_set_text (self->error_label, _("Opening the file was cancelled."));
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

static void
load (DmWindow *self,
      GFile    *file,
      gboolean  reloading)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->pending_file, file);
  self->reloading = reloading;

  /* A reload of the file being edited needs no fuss. */
  if (!reloading)
    start_loading (self, file);

  g_clear_pointer (&self->progress, dm_load_progress_unref);
  self->progress = dm_load_progress_new ();
  gtk_progress_bar_set_fraction (self->loading_progress, 0);

  dm_debug_watch_main_loop (TRUE);
  dm_dataset_load_file_async (file, self->progress, self->cancellable, load_cb, g_object_ref (self));
}

void
dm_window_open (DmWindow *self,
                GFile    *file)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (dm_window_edit_open_request (self, file))  /* editing: unsaved changes */
    return;
  load (self, file, FALSE);
}

DmDataset *
dm_window_get_dataset (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);

  return dm_event_list_get_dataset (self->events);
}

static void
chooser_response_cb (DmWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        dm_window_open (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  g_autoptr(GtkFileFilter) timelines = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  gtk_file_filter_set_name (timelines, _("Timelines"));
  gtk_file_filter_add_mime_type (timelines, "application/json");
  gtk_file_filter_add_suffix (timelines, "json");
  /* TimelineJS sheets and tables of events (dm-import-sheet.c). */
  gtk_file_filter_add_mime_type (timelines, "text/csv");
  gtk_file_filter_add_mime_type (timelines, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_mime_type (timelines, "application/vnd.oasis.opendocument.spreadsheet");
  gtk_file_filter_add_suffix (timelines, "csv");
  gtk_file_filter_add_suffix (timelines, "xlsx");
  gtk_file_filter_add_suffix (timelines, "ods");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open a Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), timelines);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = dm_application_get_bundled_dataset ();

  dm_window_open (DM_WINDOW (widget), file);
}

static void
dismiss_problem_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (DM_WINDOW (widget)->problem_revealer, FALSE);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->timeline), "timeline.zoom", parameter);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The filter menu from the keyboard. */
static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_menu_button_popup (DM_WINDOW (widget)->filter_button);
}

static void
set_language (DmWindow   *self,
              DmLanguage  language)
{
  DmDataset *dataset = dm_window_get_dataset (self);

  if (self->language == language)
    return;

  self->language = language;
  dm_timeline_view_set_language (self->timeline, language);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "data-language", language == DM_LANGUAGE_VI ? "vi" : "en");

  if (dataset != NULL)
    {
      g_autofree char *title_text = shorten (dm_text_get (dm_dataset_get_title (dataset), language));

      adw_window_title_set_title (self->window_title, title_text);
      gtk_window_set_title (GTK_WINDOW (self), title_text);
      /* Rows are bound again, in the new language: the same rows, so the
       * list is told they changed. */
      apply_filter (self);
      dm_event_list_refresh (self->events);
      fit_columns (self);
      update_kind_checks (self);
      rebuild_tag_toggles (self);
      /* The list's selection went with its rows: it comes back, and the
       * pane is shown in the new language. */
      timeline_selected_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_LANGUAGE]);
}

/* The event list shown or hidden: the "show-list" property, whose action
 * the main menu shows as a check item. */
static void
set_show_list (DmWindow *self,
               gboolean  show)
{
  if (gtk_widget_get_visible (self->list_scroller) == show)
    return;

  gtk_widget_set_visible (self->list_scroller, show);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-list", show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LIST]);
}

/* Once the panes know their size, put them where they were last time. */
static void
restore_pane_cb (GtkPaned   *paned,
                 GParamSpec *pspec,
                 DmWindow   *self)
{
  gboolean detail = paned == self->detail_paned;
  int size = detail ? gtk_widget_get_width (GTK_WIDGET (paned)) : gtk_widget_get_height (GTK_WIDGET (paned));
  int max = 0;

  g_object_get (paned, "max-position", &max, NULL);
  if (max <= 0 || size <= 0 || self->settings == NULL)
    return;

  /* The settings hold the size of the end pane (details, list). */
  g_signal_handlers_disconnect_by_func (paned, restore_pane_cb, self);
  gtk_paned_set_position (paned, CLAMP (size - g_settings_get_int (self->settings, detail ? "detail-width" : "list-height"),
                                        size / 3, max));
}

/* The events the list shows (search and filters applied), in time order. */
static GArray *
shown_positions (DmWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    {
      guint position = dm_event_list_get_position (self->events, i);

      g_array_append_val (positions, position);
    }

  return positions;
}

/* F5 presents from the opening slide, Shift+F5 from the selected event:
 * only what passes the search and filters. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autoptr(GArray) positions = NULL;
  int selected = dm_timeline_view_get_selected (self->timeline);
  guint start = DM_PRESENTATION_START_TITLE;
  DmPresentation *presentation;

  if (dataset == NULL)
    return;

  positions = shown_positions (self);
  if (g_str_equal (action_name, "win.present-selected"))
    for (guint i = 0; i < positions->len; i++)
      if ((int) g_array_index (positions, guint, i) == selected)
        start = i;

  presentation = dm_presentation_new (GTK_WINDOW (self), dataset, positions, start, self->language);
  gtk_window_set_transient_for (GTK_WINDOW (presentation), GTK_WINDOW (self));
  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
}

/* Exports show what is on screen: the same range, events and selection.
 * Returns the flags @options points to, for the caller to free. */
static guint8 *
current_export_options (DmWindow        *self,
                        DmExportOptions *options)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autoptr(GArray) positions = shown_positions (self);
  guint n_events = dm_dataset_get_n_events (dataset);
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  /* One block to free: the events shown, then the lanes drawn (the kinds
   * the filter keeps: an export of some kinds draws only theirs). */
  guint8 *visible = g_realloc (flags_from_positions (positions, n_events), MAX (n_events, 1) + MAX (n_kinds, 1));
  guint8 *lanes = visible + MAX (n_events, 1);

  for (guint k = 0; k < n_kinds; k++)
    lanes[k] = dm_filter_get_kind_visible (self->filter, dm_dataset_get_kind (dataset, k)->id);

  dm_export_options_init (options, dataset);
  options->language = self->language;
  options->visible = visible;
  options->lanes_shown = lanes;
  options->selected = dm_timeline_view_get_selected (self->timeline);
  dm_timeline_view_get_range (self->timeline, &options->axis_start, &options->axis_end);
  options->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800);

  return visible;
}

typedef struct
{
  DmExportOptions  options;
  guint8          *visible;
  char            *filter_text;
  DmHandout       *handout;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_pointer (&job->handout, dm_handout_free);
  g_free (job->visible);
  g_free (job->filter_text);
  g_free (job);
}

/* The handout is laid out on the paper of the page setup the user
 * picked, turned as it is turned. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPageOrientation orientation = gtk_page_setup_get_orientation (setup);

  job->options.paper_width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  job->options.paper_height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  job->options.orientation = orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ||
                             orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE
                             ? DM_ORIENTATION_LANDSCAPE : DM_ORIENTATION_PORTRAIT;
  g_clear_pointer (&job->handout, dm_handout_free);
  job->handout = dm_handout_new (&job->options);
  gtk_print_operation_set_n_pages (operation, (int) dm_handout_get_n_pages (job->handout));
}

/* The timeline pages are landscape, whatever the others are. */
static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_number,
                       GtkPageSetup      *setup,
                       PrintJob          *job)
{
  gboolean landscape;

  if (job->handout == NULL || page_number < 0 || (guint) page_number >= dm_handout_get_n_pages (job->handout))
    return;

  landscape = dm_handout_page_is_landscape (job->handout, (guint) page_number);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              PrintJob          *job)
{
  if (job->handout == NULL || page_number < 0 || (guint) page_number >= dm_handout_get_n_pages (job->handout))
    return;

  /* The handout's own fonts, not the printer's: the same as the PDF. */
  dm_handout_draw_page (job->handout, gtk_print_context_get_cairo_context (context), (guint) page_number);
}

static GtkPrintOperation *
create_print_operation (DmWindow *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);

  job->visible = current_export_options (self, &job->options);
  job->filter_text = dm_filter_is_active (self->filter)
                     ? dm_filter_describe (self->filter, dm_window_get_dataset (self), self->language) : NULL;
  job->options.filter_text = job->filter_text;
  /* A handout of everything that passes the filters, not of the view. */
  job->options.axis_start = job->options.axis_end = 0;
  job->options.selected = -1;

  paper = gtk_paper_size_new (job->options.paper == DM_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);

  gtk_print_operation_set_job_name (operation, dm_text_get (dm_dataset_get_title (dm_window_get_dataset (self)), self->language));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The handout has its own margins, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "dm-print-job", job, print_job_free);

  return operation;
}

static void
run_print (DmWindow                *self,
           GtkPrintOperationAction  action,
           const char              *export_filename,
           GtkPageSetup            *page_setup)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (dm_window_get_dataset (self) == NULL)
    return;

  operation = create_print_operation (self);
  if (page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);

  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      gtk_label_set_text (self->problem_label, message);
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
    }
}

/* Printing gives the same handout as the PDF export, page for page: the
 * whole filtered timeline, in the data language, on the paper chosen. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_print (DM_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, NULL);
}

void
dm_window_print_to_file (DmWindow     *self,
                         const char   *filename,
                         GtkPageSetup *page_setup)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (page_setup == NULL || GTK_IS_PAGE_SETUP (page_setup));

  run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, filename, page_setup);
}

static void drop_mnemonic_names (GtkWidget *widget);

/* After an export: where it went, with a way to open it and to see it
 * in its folder. */

static void
launch_uri (DmWindow   *self,
            const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  /* GIO goes through the desktop portal in a sandbox. */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, NULL, NULL);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  launch_uri (DM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  DmWindow *window;
  char     *uri;
} ShowItems;

static void
show_items_free (ShowItems *show)
{
  g_object_unref (show->window);
  g_free (show->uri);
  g_free (show);
}

/* No file manager answers: open the folder instead. */
static void
show_items_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ShowItems *show = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  if (reply == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (show->uri);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        {
          g_autofree char *folder_uri = g_file_get_uri (folder);

          launch_uri (show->window, folder_uri);
        }
    }
  show_items_free (show);
}

static void
show_items_bus_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShowItems *show = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  const char *uris[] = { show->uri, NULL };

  if (bus == NULL)
    {
      show_items_done_cb (NULL, NULL, show);
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          show_items_done_cb, show);
}

static void
show_export_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ShowItems *show = g_new0 (ShowItems, 1);

  show->window = g_object_ref (DM_WINDOW (widget));
  show->uri = g_variant_dup_string (parameter, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, show_items_bus_cb, show);
}

static void
show_export_toast (DmWindow *self,
                   GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  /* Two ways on: the toast's own button opens the file; the folder's is
   * beside the title (AdwToast 1.2 has room for one button). */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-export-folder");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (folder), g_variant_new_string (uri));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  drop_mnemonic_names (box);
}

/* What an export writes: the view through the export dialog's options,
 * or, with nothing to choose, every event as TimelineJS or the
 * presentation's slides as a PDF deck. */
typedef enum
{
  EXPORT_VIEW,
  EXPORT_TIMELINEJS,
  EXPORT_SLIDES,
} ExportKind;

/* Writes @file as @kind asks (@options and @format for EXPORT_VIEW), in
 * the data language. Then says how it went: a toast to open the file or
 * its folder, or the problem above the timeline. No export format holds
 * all that the timeline's own file does, so writing over it is refused. */
static gboolean
run_export (DmWindow              *self,
            ExportKind             kind,
            const DmExportOptions *options,
            DmExportFormat         format,
            GFile                 *file)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  GFile *source = dataset != NULL ? dm_dataset_get_file (dataset) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean written = FALSE;

  if (dataset == NULL)
    return FALSE;

  if (source != NULL && dm_file_is_same (file, source))
    {
      g_autofree char *name = display_basename (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is the timeline being shown, which the export would replace and lose; "
                     "choose another name"), name);
    }
  else
    {
      switch (kind)
        {
        case EXPORT_TIMELINEJS:
          written = dm_export_timelinejs_to_file (dataset, self->language, file, NULL, &error);
          break;

        case EXPORT_SLIDES:
          {
            /* The slides F5 would show, as a PDF deck. */
            g_autoptr(GArray) positions = shown_positions (self);

            written = dm_slides_export_pdf (dataset, positions, self->language, file, NULL, &error);
          }
          break;

        case EXPORT_VIEW:
        default:
          written = dm_export_to_file (options, format, file, NULL, &error);
          break;
        }
    }

  if (written)
    {
      show_export_toast (self, file);
      return TRUE;
    }

  message = g_strdup_printf (_("Could not export: %s"), error->message);
  gtk_label_set_text (self->problem_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
  return FALSE;
}

static void
export_file_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(DmWindow) self = user_data;
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && dm_window_get_dataset (self) != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    run_export (self, kind, NULL, 0, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* TimelineJS and the slides have nothing to choose but where. */
static void
choose_export_file (DmWindow   *self,
                    ExportKind  kind)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree char *name = kind == EXPORT_SLIDES
                          /* TRANSLATORS: what a PDF deck of the presentation is called in the file
                           * name offered for it, as in "Title - slides (en).pdf" */
                          ? dm_export_suggest_name (dataset, self->language, _("slides"), ".pdf")
                          : dm_export_suggest_name (dataset, self->language, "TimelineJS", DM_EXPORT_TIMELINEJS_SUFFIX);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GTK 4.8 names a button or a check button with a mnemonic after its
 * label as written, underscore and all, and a button after the label
 * inside it once more: screen readers said "underscore Show All Show
 * All". A button is named right by the label inside alone; a check button
 * has none, and is given its label without the underscore. */
static void
drop_mnemonic_names (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget))
      && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      g_autoptr(GString) name = g_string_new (NULL);

      /* "_" marks the mnemonic, "__" is an underscore. */
      for (const char *p = label; *p != '\0'; p++)
        {
          if (*p == '_' && p[1] != '_')
            continue;
          if (*p == '_')
            p++;
          g_string_append_c (name, *p);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    drop_mnemonic_names (child);
}

/* What the export dialog starts from: the events shown, the range in
 * view. */
static void
export_base_cb (DmExportOptions *options,
                gpointer         user_data)
{
  DmWindow *self = user_data;
  guint8 *visible;

  if (dm_window_get_dataset (self) != options->dataset)
    return;
  visible = current_export_options (self, options);
  /* Kept with the window until the next preview or export asks. */
  g_free (self->export_visible);
  self->export_visible = visible;
}

static void
export_dialog_export_cb (DmExportDialog *dialog,
                         GFile          *file,
                         DmWindow       *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree guint8 *visible = NULL;
  g_autofree char *filter_text = NULL;
  DmExportOptions options;

  if (dataset == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }

  visible = current_export_options (self, &options);
  dm_export_dialog_apply (dialog, &options);
  if (dm_filter_is_active (self->filter))
    filter_text = dm_filter_describe (self->filter, dataset, options.language);
  options.filter_text = filter_text;

  run_export (self, EXPORT_VIEW, &options, dm_export_dialog_get_format (dialog), file);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* What to export, before where: the dialog asks what the format needs. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree char *suffix = g_strconcat (".", name, NULL);
  DmExportFormat format = DM_EXPORT_PDF;
  DmExportDialog *dialog;

  if (dataset == NULL)
    return;

  /* TimelineJS has no view: every event goes; the slides are the
   * presentation's, whatever the view. */
  if (g_str_equal (name, "timelinejs") || g_str_equal (name, "slides"))
    {
      choose_export_file (self, g_str_equal (name, "slides") ? EXPORT_SLIDES : EXPORT_TIMELINEJS);
      return;
    }

  dm_export_format_from_name (suffix, &format);
  dialog = dm_export_dialog_new (GTK_WINDOW (self), dataset, format, self->language,
                                 MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800));
  dm_export_dialog_set_base_func (dialog, export_base_cb, g_object_ref (self), g_object_unref);
  g_signal_connect_object (dialog, "export", G_CALLBACK (export_dialog_export_cb), self, 0);
  drop_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DmWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;

  dm_window_open (self, files->data);
  return TRUE;
}

/* Event list rows */

/* The columns as wide as a dataset's kinds and its first dates, before
 * a row is drawn: the first frame has the columns it keeps. Other dates
 * widen them when their rows are first drawn. */
static void
fit_columns (DmWindow *self)
{
  DmDataset *dataset = dm_event_list_get_dataset (self->events);
  DmLanguage date_language = dm_language_from_locale ();
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->events)), 32);

  dm_event_columns_reset (self->columns);
  if (dataset == NULL)
    return;

  for (guint i = 0; i < dm_dataset_get_n_kinds (dataset); i++)
    {
      g_autofree char *kind = shorten (dm_text_get (&dm_dataset_get_kind (dataset, i)->label, self->language));

      dm_event_columns_fit (self->columns, GTK_WIDGET (self->event_view), DM_EVENT_ROW_KIND, kind);
    }
  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, dm_event_list_get_position (self->events, i));
      g_autofree char *date = dm_event_format_date (event, date_language);

      dm_event_columns_fit (self->columns, GTK_WIDGET (self->event_view), DM_EVENT_ROW_DATE, date);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DmWindow                 *self)
{
  gtk_list_item_set_child (item, dm_event_row_new (self->columns));
}

/* Where the search words occur in a row's title: bold and underlined,
 * which reads in every theme without a colour of its own. */
static PangoAttrList *
match_attributes (DmWindow   *self,
                  const char *text)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autoptr(GArray) ranges = NULL;
  PangoAttrList *attributes;

  if (query[0] == '\0')
    return NULL;

  folded = dm_fold (query);
  ranges = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
  attributes = pango_attr_list_new ();
  if (dm_fold_match_ranges (text, folded, ranges))
    for (guint i = 0; i < ranges->len; i++)
      {
        const DmFoldRange *range = &g_array_index (ranges, DmFoldRange, i);
        PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
        PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);

        bold->start_index = underline->start_index = range->start;
        bold->end_index = underline->end_index = range->end;
        pango_attr_list_insert (attributes, bold);
        pango_attr_list_insert (attributes, underline);
      }
  return attributes;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DmWindow                 *self)
{
  DmEventItem *event_item = gtk_list_item_get_item (item);
  DmDataset *dataset = dm_event_item_get_dataset (event_item);
  const DmEvent *event = dm_event_item_get_event (event_item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const DmKind *kind_info = dm_dataset_lookup_kind (dataset, event->kind);
  /* Dates are in the interface's language; titles in the data's. */
  g_autofree char *date_text = dm_event_format_date (event, dm_language_from_locale ());
  const char *kind_text = kind_info ? dm_text_get (&kind_info->label, self->language) : event->kind;
  g_autofree char *kind_short = shorten (kind_text);
  g_autofree char *title_text = shorten (dm_text_get (&event->title, self->language));
  g_autofree char *summary_text = shorten (dm_text_get (&event->summary, self->language));
  g_autoptr(PangoAttrList) matches = match_attributes (self, title_text);
  g_autofree char *accessible = NULL;

  if (event->certainty != DM_CERTAINTY_STATED)
    {
      char *marked = event->certainty == DM_CERTAINTY_APPROXIMATE
                     ? g_strdup_printf (_("about %s"), date_text)
                     : g_strdup_printf (_("%s (inferred)"), date_text);

      g_free (date_text);
      date_text = marked;
    }

  /* Everything from the dataset is drawn as text, never as markup. The
   * summary is the tooltip and, for a screen reader, the description. */
  dm_event_row_set (DM_EVENT_ROW (row), date_text, event->certainty != DM_CERTAINTY_STATED,
                    kind_short, title_text, matches, summary_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary_text, -1);

  /* The date as shown, "(inferred)" and all: shortened on screen, it is
   * whole here. */
  accessible = g_strdup_printf ("%s, %s, %s", kind_short, title_text, date_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* Focus lands on the list item around the row: it needs the name too,
   * or a screen reader says only "list item". Its details, once
   * selected, are in the detail pane: a screen reader can go there from
   * the row. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                  GTK_ACCESSIBLE_RELATION_DETAILS, self->detail_pane, NULL,
                                  -1);
}

/* GObject */

static gboolean
dm_window_close_request (GtkWindow *window)
{
  DmWindow *self = DM_WINDOW (window);

  if (dm_window_edit_close_request (self))  /* editing: unsaved changes */
    return TRUE;

  if (self->settings != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int (self->settings, "detail-width",
                          gtk_widget_get_width (GTK_WIDGET (self->detail_paned)) - gtk_paned_get_position (self->detail_paned));
      g_settings_set_int (self->settings, "list-height",
                          gtk_widget_get_height (GTK_WIDGET (self->list_paned)) - gtk_paned_get_position (self->list_paned));
    }

  return GTK_WINDOW_CLASS (dm_window_parent_class)->close_request (window);
}

static void
dm_window_dispose (GObject *object)
{
  DmWindow *self = (DmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, dm_load_progress_unref);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->export_visible, g_free);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->pulse_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pulse_id);
  self->pulse_id = 0;
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->source_viewer != NULL)
    {
      DmSourceViewer *viewer = g_steal_pointer (&self->source_viewer);

      g_object_remove_weak_pointer (G_OBJECT (viewer), (gpointer *) &self->source_viewer);
      gtk_window_destroy (GTK_WINDOW (viewer));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->columns);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->ranked, g_array_unref);
  g_clear_pointer (&self->search_state, dm_search_state_free);
  g_clear_pointer (&self->search_index, dm_search_index_unref);
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);

  G_OBJECT_CLASS (dm_window_parent_class)->dispose (object);
}

static void
dm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DmWindow *self = DM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, dm_window_get_dataset (self));
      break;

    case PROP_DATA_LANGUAGE:
      g_value_set_string (value, self->language == DM_LANGUAGE_VI ? "vi" : "en");
      break;

    case PROP_SHOW_LIST:
      /* GTK reads the action's state while the template is being made. */
      g_value_set_boolean (value, self->list_scroller == NULL || gtk_widget_get_visible (self->list_scroller));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DmWindow *self = DM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATA_LANGUAGE:
      set_language (self, g_strcmp0 (g_value_get_string (value), "vi") == 0 ? DM_LANGUAGE_VI : DM_LANGUAGE_EN);
      break;

    case PROP_SHOW_LIST:
      set_show_list (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_window_class_init (DmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dm_window_dispose;
  object_class->get_property = dm_window_get_property;
  object_class->set_property = dm_window_set_property;
  window_class->close_request = dm_window_close_request;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         DM_TYPE_DATASET,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The language of the dataset's text, "vi" or "en"; the interface
   * language follows the locale separately. */
  properties[PROP_DATA_LANGUAGE] =
    g_param_spec_string ("data-language", NULL, NULL, "en",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the event list under the timeline is shown. */
  properties[PROP_SHOW_LIST] =
    g_param_spec_boolean ("show-list", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DM_TYPE_TIMELINE_VIEW);
  g_type_ensure (DM_TYPE_DETAIL_PANE);
  g_type_ensure (DM_TYPE_OVERVIEW);
  g_type_ensure (DM_TYPE_TAB_STOP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_bar_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, list_paned);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, language_switch);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_view);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, kind_box);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, year_from);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, year_to);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, hide_inferred);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, tag_heading);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, tag_box);


  dm_window_edit_class_init (widget_class);  /* editing */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-problem", NULL, dismiss_problem_action);
  gtk_widget_class_install_action (widget_class, "win.reset-filter", NULL, reset_filter_action);
  gtk_widget_class_install_action (widget_class, "win.zoom", "s", zoom_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-list", "show-list");
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-selected", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-export-folder", "s", show_export_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_property_action (widget_class, "win.data-language", "data-language");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.present-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "pdf");
}

/* A menu open under its button hides the button's tooltip and offers none
 * while it is open: a tooltip over an open menu hides what it says. */
static void
menu_shown_cb (GtkWidget *popover,
               GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, FALSE);
  gtk_widget_trigger_tooltip_query (button);
}

static void
menu_hidden_cb (GtkWidget *popover,
                GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, gtk_widget_get_tooltip_text (button) != NULL);
}

static void
hide_tooltips_under_menus (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) != NULL)
    {
      GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));

      g_signal_connect_object (popover, "show", G_CALLBACK (menu_shown_cb), widget, 0);
      g_signal_connect_object (popover, "hide", G_CALLBACK (menu_hidden_cb), widget, 0);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    hide_tooltips_under_menus (child);
}

static void
dm_window_init (DmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GtkListItemFactory *factory;
  GtkDropTarget *drop;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  dm_window_edit_init (self);  /* editing */
  self->history = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", FALSE);
  drop_mnemonic_names (GTK_WIDGET (self));

  /* Toasts (where an export went) over the whole content. */
  {
    g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));

    self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
    adw_toast_overlay_set_child (self->toast_overlay, content);
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  }
  drop_mnemonic_names (GTK_WIDGET (gtk_menu_button_get_popover (self->filter_button)));
  hide_tooltips_under_menus (GTK_WIDGET (self));

  /* Settings when the schema is installed (or compiled for the tests);
   * without it the app still runs, it just does not remember. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);

  self->language = dm_language_from_locale ();
  if (self->settings != NULL)
    {
      g_autofree char *code = g_settings_get_string (self->settings, "data-language");

      if (g_str_equal (code, "vi"))
        self->language = DM_LANGUAGE_VI;
      else if (g_str_equal (code, "en"))
        self->language = DM_LANGUAGE_EN;

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      set_show_list (self, g_settings_get_boolean (self->settings, "show-list"));
    }
  dm_timeline_view_set_language (self->timeline, self->language);
  /* The VI/EN buttons follow the property: tell them where it started. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_LANGUAGE]);

  self->filter = dm_filter_new ();
  if (self->settings != NULL)
    {
      g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-kinds");

      dm_filter_set_hidden_kinds (self->filter, (const char * const *) hidden);
      dm_filter_set_year_range (self->filter,
                                g_settings_get_int64 (self->settings, "year-min"),
                                g_settings_get_int64 (self->settings, "year-max"));
      dm_filter_set_hide_inferred (self->filter, g_settings_get_boolean (self->settings, "hide-inferred"));
    }
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);

  self->events = dm_event_list_new ();
  self->columns = dm_event_columns_new ();
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->event_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->event_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (list_selected_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->timeline, "notify::selected", G_CALLBACK (timeline_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail_pane, "related-activated", G_CALLBACK (related_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail_pane, "show-source", G_CALLBACK (show_source_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match", G_CALLBACK (search_previous_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  g_signal_connect_object (self->year_from, "value-changed", G_CALLBACK (year_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_to, "value-changed", G_CALLBACK (year_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hide_inferred, "toggled", G_CALLBACK (hide_inferred_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->detail_paned, "notify::max-position", G_CALLBACK (restore_pane_cb), self, 0);
  g_signal_connect_object (self->list_paned, "notify::max-position", G_CALLBACK (restore_pane_cb), self, 0);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

DmWindow *
dm_window_new (DmApplication *application)
{
  return g_object_new (DM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

DmLanguage
dm_window_get_language (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), DM_LANGUAGE_EN);

  return self->language;
}

/* Opens what the user had open last time, or the bundled timeline. */
void
dm_window_open_default (DmWindow *self)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (DM_IS_WINDOW (self));

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-dataset");

      if (uri[0] != '\0')
        {
          file = g_file_new_for_uri (uri);
          if (!g_file_query_exists (file, NULL))
            g_clear_object (&file);
        }
    }

  if (file == NULL)
    file = dm_application_get_bundled_dataset ();

  dm_window_open (self, file);
}

void
dm_window_export_to_file (DmWindow   *self,
                          const char *format,
                          GFile      *file)
{
  g_autofree char *suffix = NULL;
  g_autofree guint8 *visible = NULL;
  DmExportFormat export_format = DM_EXPORT_PDF;
  DmExportOptions options;

  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));

  if (dm_window_get_dataset (self) == NULL)
    return;

  if (g_str_equal (format, "timelinejs") || g_str_equal (format, "slides"))
    {
      run_export (self, g_str_equal (format, "slides") ? EXPORT_SLIDES : EXPORT_TIMELINEJS, NULL, 0, file);
      return;
    }

  /* The dialog's defaults: the view as shown. */
  suffix = g_strconcat (".", format, NULL);
  if (!dm_export_format_from_name (suffix, &export_format))
    g_return_if_reached ();
  visible = current_export_options (self, &options);
  run_export (self, EXPORT_VIEW, &options, export_format, file);
}

/* Editing (dm-window-edit.c) */

gboolean
dm_window_is_indexing (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);

  return self->index_cancellable != NULL;
}

int
dm_window_get_selected (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), -1);

  return dm_timeline_view_get_selected (self->timeline);
}

void
dm_window_show_edited (DmWindow  *self,
                       DmDataset *dataset,
                       int        selected,
                       gboolean   modified)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (!dataset || DM_IS_DATASET (dataset));

  /* The views let go of the dataset before it changes: the event list
   * counts the dataset's events, and the list view must be told of a
   * change before it is one. They take it again afterwards. */
  if (gtk_list_view_get_model (self->event_view) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->event_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
      gtk_list_view_set_model (self->event_view, NULL);
      dm_event_list_set_dataset (self->events, NULL);
      dm_timeline_view_set_dataset (self->timeline, NULL);
    }
  if (dataset == NULL)
    return;

  self->edited = TRUE;
  set_dataset (self, dataset);
  self->edited = FALSE;
  gtk_list_view_set_model (self->event_view, GTK_SELECTION_MODEL (self->selection));
  if (selected >= 0)
    dm_timeline_view_set_selected (self->timeline, selected);

  /* Unsaved changes, in the title as GNOME's editors mark them. */
  if (modified)
    {
      g_autofree char *title = g_strdup_printf ("• %s", adw_window_title_get_title (self->window_title));

      adw_window_title_set_title (self->window_title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}
