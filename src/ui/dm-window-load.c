/* dm-window-load.c — the main window opening files
 *
 * Loading in a worker, with progress, and a way to give up; a file that
 * changes on disk loaded again; what is wrong with a file that does not
 * load, said above the timeline (which stays) or in its place, and the
 * warnings of one that does, above it; files dropped on the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-debug.h"
#include "dm-window-private.h"

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
char *
_dm_window_display_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

/* Says @message in the bar above the timeline, which stays as it is. */
void
_dm_window_show_problem (DmWindow   *self,
                         const char *message)
{
  gtk_label_set_text (self->problem_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_label), message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

/* One line for each kind of problem, errors first, as --check prints
 * them: where the first is, and how many more there are like it (a
 * member every event has is one line, not hundreds). A long list is cut
 * with a count. */
static GString *
describe_problems (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) kinds = dm_problems_by_kind (problems, &counts);

  for (guint i = 0; i < kinds->len; i++)
    {
      g_autofree char *line = NULL;
      guint more = g_array_index (counts, guint, i) - 1;

      if (i == 10)
        {
          g_string_append_printf (text, "\n%s",
                                  _("…and more; run “daumoc --check FILE” to see them all"));
          break;
        }
      line = describe_problem (g_ptr_array_index (kinds, i));
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (more == 0)
        g_string_append (text, line);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%s (and %u more like it)",
                                                   "%s (and %u more like it)", more),
                                line, more);
    }

  return text;
}

static void
show_problems (DmWindow  *self,
               GFile     *file,
               GError    *error,
               GPtrArray *problems)
{
  g_autoptr(GString) text = describe_problems (problems);
  g_autofree char *name = _dm_window_display_basename (file);
  g_autofree char *heading = NULL;
  guint n = dm_problems_count_errors (problems);

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

      _dm_window_show_problem (self, message);
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

/* Loading */

/* How far the worker has come, in the bar shown, ten times a second: a
 * pulse until it first says, enough to show that it is working. Not at
 * every frame: a million events take both processors for a few seconds,
 * and redrawing a spinner and the bar at every frame took the window
 * 0.4 to 0.9 s of processor time over such a load, against 0.2 s now. */
#define PROGRESS_INTERVAL 100   /* ms */

static gboolean
progress_cb (gpointer user_data)
{
  DmWindow *self = user_data;
  double fraction = self->progress != NULL ? dm_load_progress_get_fraction (self->progress) : 0;
  GtkProgressBar *bar = gtk_revealer_get_reveal_child (self->loading_revealer) ? self->loading_progress : self->page_progress;

  if (fraction > 0)
    gtk_progress_bar_set_fraction (bar, fraction);
  else
    gtk_progress_bar_pulse (bar);

  return G_SOURCE_CONTINUE;
}

static void
stop_loading (DmWindow *self)
{
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* Large files take a while: say which, show how far it has come, and let
 * people give up. Whatever was open stays open meanwhile, with the bar
 * above it; with nothing open, the page says it alone. */
static void
start_loading (DmWindow *self,
               GFile    *file)
{
  g_autofree char *name = _dm_window_display_basename (file);
  g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_label_set_text (self->loading_label, text);
  gtk_label_set_text (self->loading_bar_label, text);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_progress_bar_set_fraction (self->page_progress, 0);
  if (dm_event_list_get_dataset (self->events) == NULL)
    {
      gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  else
    gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PROGRESS_INTERVAL, progress_cb, self);

  dm_debug_report_once ("loading shown", name);
}

static gboolean
stop_watching_cb (gpointer user_data)
{
  dm_debug_watch_main_loop (FALSE);
  return G_SOURCE_REMOVE;
}

/* A file that opened with warnings (what has no place in Dấu Mốc, an
 * event its tool would leave out too) says so above the timeline, each
 * where it is, as --check does: nothing is left out without a word. */
static void
show_warnings (DmWindow  *self,
               GFile     *file,
               GPtrArray *problems)
{
  g_autoptr(GString) text = describe_problems (problems);
  g_autofree char *name = _dm_window_display_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *message = NULL;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” opened with %u warning",
                                          "“%s” opened with %u warnings", problems->len),
                             name, problems->len);
  message = g_strdup_printf ("%s\n%s", heading, text->str);
  _dm_window_show_problem (self, message);
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
    {
      _dm_window_set_dataset (self, dataset);
      if (problems != NULL && problems->len > 0)
        show_warnings (self, self->pending_file, problems);
    }

  /* After the frame that shows it: idles this low run after drawing. */
  g_idle_add_full (G_PRIORITY_LOW, stop_watching_cb, NULL, NULL);
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

  dm_debug_watch_main_loop (TRUE);
  dm_dataset_load_file_async (file, self->progress, self->cancellable, load_cb, g_object_ref (self));
}

/* Reloading what changed on disk */

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

  /* Not over unsaved edits, nor for our own save (dm-window-edit.c). */
  if (dm_window_edit_file_changed (self))
    return;

  /* A save often comes as several events: reload once they settle. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (200, reload_timeout_cb, self);
}

/* Watches @file (NULL: none) to load it again when it changes. */
void
_dm_window_watch_file (DmWindow *self,
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

/* Actions and drops */

static void
dismiss_problem_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (DM_WINDOW (widget)->problem_revealer, FALSE);
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

/* A timeline dropped on the window is opened. */
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

/* Class and instance */

void
_dm_window_class_load_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-problem", NULL, dismiss_problem_action);
}

void
_dm_window_load_init (DmWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* Public API */

void
dm_window_open (DmWindow *self,
                GFile    *file)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (dm_window_edit_open_request (self, file))  /* unsaved changes */
    return;
  load (self, file, FALSE);
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
