/* dm-window-search.c — the main window's search and filters
 *
 * What the search finds and the filter keeps, applied to the timeline
 * (which draws what passes the filter and dims what the search does not
 * find), the list (what passes both) and the bar that says so; Enter
 * stepping through the matches; the search index, made in a worker for a
 * large dataset. The filter menu itself is DmFilterPopover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-window-private.h"

/* From this many events, the search index is made in a worker. */
#define INDEX_IN_WORKER 20000

/* Helpers */

/* One byte per event of @n, set for those at @positions. */
guint8 *
_dm_window_flags_from_positions (GArray *positions,
                                 guint   n)
{
  guint8 *flags = g_malloc0 (MAX (n, 1));

  for (guint i = 0; i < positions->len; i++)
    flags[g_array_index (positions, guint, i)] = 1;

  return flags;
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

/* The search and the filter applied: to the timeline, the list and the
 * bar that says what is hidden. */
void
_dm_window_apply_filter (DmWindow *self)
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
      shown_flags = _dm_window_flags_from_positions (shown, n);
    }
  dm_timeline_view_set_visible (self->timeline, shown_flags, n);

  /* A large dataset's index is being made in a worker (index_dataset()):
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
      match_flags = _dm_window_flags_from_positions (matches, n);
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

  /* Keep the selection in sync with what the list still shows. */
  {
    int selected = dm_timeline_view_get_selected (self->timeline);
    int row = selected >= 0 ? dm_event_list_find (self->events, (guint) selected) : -1;

    self->syncing = TRUE;
    gtk_single_selection_set_selected (self->selection, row >= 0 ? (guint) row : GTK_INVALID_LIST_POSITION);
    self->syncing = FALSE;
  }
}

/* Callbacks */

static void
filter_changed_cb (DmWindow *self)
{
  _dm_window_apply_filter (self);
  save_filter (self);
}

static void
search_changed_cb (DmWindow *self)
{
  _dm_window_apply_filter (self);
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
  _dm_window_apply_filter (self);
}

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
    _dm_window_apply_filter (self);
}

/* The search index: a large dataset's is made in a worker from now on
 * (seconds at a million events), a small one's on the first keystroke. */
void
_dm_window_index_dataset (DmWindow  *self,
                          DmDataset *dataset)
{
  g_clear_pointer (&self->ranked, g_array_unref);
  g_clear_pointer (&self->search_state, dm_search_state_free);
  g_clear_pointer (&self->search_index, dm_search_index_unref);
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  /* A worker must not read a dataset that an edit may change: after an
   * edit the index is made on the first keystroke. */
  if (dm_dataset_get_n_events (dataset) > INDEX_IN_WORKER && !self->edited)
    {
      g_autoptr(GTask) task = NULL;

      self->index_cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->index_cancellable, index_ready_cb, g_object_ref (self));
      g_task_set_return_on_cancel (task, TRUE);
      g_task_set_task_data (task, g_object_ref (dataset), g_object_unref);
      g_task_run_in_thread (task, index_thread);
    }
}

/* Class and instance */

void
_dm_window_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "win.reset-filter", NULL, reset_filter_action);
}

/* The filter as it was last time; typing anywhere in the window goes to
 * the search. */
void
_dm_window_search_init (DmWindow *self)
{
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

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}
