/* dm-window-edit.c
 *
 * The window's editing lives here, beside the window rather than in it:
 * its state hangs on the window (one WindowEdit each), and dm-window.c
 * calls in at a few marked places. Every edit goes through the DmEdit of
 * the timeline shown; its "changed" shows the views again at once and
 * keeps a recovery copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-date-phrase.h"
#include "dm-event-editor.h"
#include "dm-export-timelinejs.h"
#include "dm-loader.h"
#include "dm-safe-text.h"
#include "dm-save.h"
#include "dm-sources-dialog.h"
#include "dm-window-private.h"

/* Recovery copies are written this long after the last edit, in a
 * worker (write_recovery_cb()). */
#define RECOVERY_DELAY_SECONDS 2

/* What asked about the unsaved changes, done once they are saved or
 * discarded. */
typedef enum
{
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_OPEN,
  PENDING_NEW,
} Pending;

typedef struct _RecoveryJob RecoveryJob;

typedef struct
{
  DmWindow       *window;
  DmDataset      *dataset;
  DmEdit         *edit;
  DmEventEditor  *editor;           /* weak */
  GtkWindow      *sources;          /* weak */
  DmSourceViewer *viewer;           /* weak */
  char           *source_id;        /* of the text in the viewer */
  char           *saved_etag;       /* of the file as the last save left it */
  GCancellable   *save_cancellable;
  AdwToast       *save_toast;       /* says a long save goes on */
  gint            save_permille;    /* how far it is, from the worker */
  guint           save_progress_id;
  guint           refresh_id;
  guint           recovery_id;
  RecoveryJob    *recovery_job;     /* the copy being written, or NULL */
  gboolean        saving;
  gboolean        close_confirmed;
  gboolean        recovered;        /* unsaved since recovered from a copy */
  gboolean        offer_recovery;
  gboolean        asking_reload;
  gboolean        leaving;          /* unsaved changes let go, on purpose */
  gboolean        accept_choosers;  /* tests: take what they propose */
  Pending         pending;          /* what waits for the unsaved changes */
  GFile          *pending_file;     /* to open, for PENDING_OPEN */
} WindowEdit;

static GQuark edit_quark;

static void detach_recovery_job (WindowEdit *state);

static void
window_edit_free (gpointer data)
{
  WindowEdit *state = data;

  /* A window that goes with unsaved changes (the process ending without
   * its windows closed) leaves its copy to recover; otherwise none. */
  if (state->edit != NULL && !dm_edit_get_modified (state->edit) && !state->recovered)
    dm_recovery_discard (dm_dataset_get_file (state->dataset));

  g_clear_handle_id (&state->refresh_id, g_source_remove);
  g_clear_handle_id (&state->recovery_id, g_source_remove);
  detach_recovery_job (state);
  g_clear_handle_id (&state->save_progress_id, g_source_remove);
  g_clear_object (&state->save_toast);
  g_cancellable_cancel (state->save_cancellable);
  g_clear_object (&state->save_cancellable);
  if (state->edit != NULL)
    g_signal_handlers_disconnect_by_data (state->edit, state);
  g_clear_object (&state->edit);
  g_clear_object (&state->dataset);
  if (state->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (state->editor), (gpointer *) &state->editor);
  g_clear_weak_pointer (&state->sources);
  if (state->viewer != NULL)
    g_object_remove_weak_pointer (G_OBJECT (state->viewer), (gpointer *) &state->viewer);
  g_free (state->source_id);
  g_free (state->saved_etag);
  g_clear_object (&state->pending_file);
  g_free (state);
}

static WindowEdit *
get_state (DmWindow *self)
{
  return g_object_get_qdata (G_OBJECT (self), edit_quark);
}

static void do_pending (WindowEdit *state);
static gboolean ask_unsaved (WindowEdit *state, Pending pending);

static gboolean
is_modified (WindowEdit *state)
{
  return state->edit != NULL && (dm_edit_get_modified (state->edit) || state->recovered);
}

static GFile *
dataset_file (WindowEdit *state)
{
  return state->dataset != NULL ? dm_dataset_get_file (state->dataset) : NULL;
}

/* Only a native file on disk is saved over; the bundled timeline and a
 * file of another format are saved under a new name. */
static gboolean
can_save_in_place (WindowEdit *state)
{
  GFile *file = dataset_file (state);

  return file != NULL && g_file_is_native (file) &&
         g_str_equal (dm_dataset_get_origin_format (state->dataset), DM_ORIGIN_DAUMOC);
}

static void
update_actions (WindowEdit *state)
{
  GtkWidget *widget = GTK_WIDGET (state->window);
  gboolean ready = state->edit != NULL && !state->saving;

  gtk_widget_action_set_enabled (widget, "win.undo", ready && dm_edit_can_undo (state->edit));
  gtk_widget_action_set_enabled (widget, "win.redo", ready && dm_edit_can_redo (state->edit));
  gtk_widget_action_set_enabled (widget, "win.save", ready);
  gtk_widget_action_set_enabled (widget, "win.save-as", ready);
  gtk_widget_action_set_enabled (widget, "win.add-event", ready);
  gtk_widget_action_set_enabled (widget, "win.edit-event", ready);
  gtk_widget_action_set_enabled (widget, "win.duplicate-event", ready);
  gtk_widget_action_set_enabled (widget, "win.delete-event", ready);
  gtk_widget_action_set_enabled (widget, "win.sources", ready);
}

/* Whether the timeline can be edited now: not while it is saved, nor
 * while a worker reads it for the search index (a large timeline just
 * opened); then the edit waits, and the user is told. */
static gboolean
can_edit (WindowEdit *state)
{
  GObject *overlay;

  if (state->edit == NULL || state->saving)
    return FALSE;
  if (!dm_window_is_indexing (state->window))
    return TRUE;

  overlay = G_OBJECT (adw_application_window_get_content (ADW_APPLICATION_WINDOW (state->window)));
  if (ADW_IS_TOAST_OVERLAY (overlay))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("The timeline is still being prepared; edit it in a moment")));
  return FALSE;
}

/* Showing the edits */

/* Where the event the change was about is now (the views select it), or
 * the selection as it was, when it is still an event. */
static int
changed_selection (WindowEdit *state)
{
  const char *id = dm_edit_get_changed_event (state->edit);
  guint position;
  int selected = dm_window_get_selected (state->window);

  if (id != NULL && dm_dataset_lookup_event (state->dataset, id, &position) != NULL)
    return (int) position;
  if (selected >= (int) dm_dataset_get_n_events (state->dataset))
    return -1;
  return selected;
}

/* The whole dataset shown again: after a change of more than events (a
 * kind, the title), or of another dataset (recovered). */
static gboolean
refresh_cb (gpointer data)
{
  WindowEdit *state = data;

  state->refresh_id = 0;
  dm_window_show_edited (state->window, state->dataset, changed_selection (state), is_modified (state));
  update_actions (state);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (WindowEdit *state)
{
  if (state->refresh_id == 0)
    state->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, state, NULL);
}

/* Recovery copies */

/* A copy being written in a worker, from a snapshot of the dataset: the
 * events it was taken of stay as they were meanwhile (the DmEdit holds
 * them), so the user edits on, with no pause at any size. */
struct _RecoveryJob
{
  WindowEdit         *state;     /* NULL once the window went */
  DmEdit             *edit;      /* holds the events */
  DmRecoverySnapshot *snapshot;
  GFile              *original;
  gboolean            again;     /* edited meanwhile: another copy after */
  gboolean            discard;   /* nothing unsaved is left to recover (the
                                  * window went without, or the user
                                  * discarded the changes): no copy to keep
                                  * once it is written */
  GApplication       *app;       /* held until the copy is written, so that
                                  * closing the last window does not end
                                  * the process half way through it */
};

static void
recovery_job_free (RecoveryJob *job)
{
  if (job->app != NULL)
    {
      g_application_release (job->app);
      g_object_unref (job->app);
    }
  dm_recovery_snapshot_free (job->snapshot);
  dm_edit_release_events (job->edit);
  g_object_unref (job->edit);
  g_clear_object (&job->original);
  g_free (job);
}

static void
recovery_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RecoveryJob *job = task_data;
  GError *error = NULL;

  if (dm_recovery_snapshot_write (job->snapshot, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void schedule_recovery (WindowEdit *state);

static void
recovery_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RecoveryJob *job = g_task_get_task_data (G_TASK (result));
  WindowEdit *state = job->state;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot keep a recovery copy: %s", error->message);

  if (state == NULL)
    {
      if (job->discard)
        dm_recovery_discard (job->original);
      return;
    }
  state->recovery_job = NULL;

  /* Saved (or undone back to the file, or discarded) while it was
   * written: the copy is of nothing unsaved. */
  if (job->discard || !is_modified (state) || state->edit != job->edit)
    dm_recovery_discard (job->original);
  else if (job->again)
    schedule_recovery (state);
}

static gboolean
write_recovery_cb (gpointer data)
{
  WindowEdit *state = data;
  g_autoptr(GTask) task = NULL;
  RecoveryJob *job;

  state->recovery_id = 0;
  if (!is_modified (state) || state->saving)
    return G_SOURCE_REMOVE;

  job = g_new0 (RecoveryJob, 1);
  job->state = state;
  job->edit = g_object_ref (state->edit);
  job->original = dataset_file (state) != NULL ? g_object_ref (dataset_file (state)) : NULL;
  dm_edit_hold_events (job->edit);
  job->snapshot = dm_recovery_snapshot_new (state->dataset, job->original);
  job->app = g_application_get_default ();
  if (job->app != NULL)
    {
      g_object_ref (job->app);
      g_application_hold (job->app);
    }
  state->recovery_job = job;

  task = g_task_new (NULL, NULL, recovery_written_cb, NULL);
  g_task_set_source_tag (task, write_recovery_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) recovery_job_free);
  g_task_run_in_thread (task, recovery_thread);

  return G_SOURCE_REMOVE;
}

/* A copy a while after the last edit, or after the one being written. */
static void
schedule_recovery (WindowEdit *state)
{
  g_clear_handle_id (&state->recovery_id, g_source_remove);
  if (!is_modified (state))
    return;
  if (state->recovery_job != NULL)
    state->recovery_job->again = TRUE;
  else
    state->recovery_id = g_timeout_add_seconds (RECOVERY_DELAY_SECONDS, write_recovery_cb, state);
}

/* The window goes, or shows another timeline: the copy being written is
 * left to finish on its own, and, when there is nothing unsaved, taken
 * away once it is written. */
static void
detach_recovery_job (WindowEdit *state)
{
  RecoveryJob *job = state->recovery_job;

  if (job == NULL)
    return;
  state->recovery_job = NULL;
  job->state = NULL;
  job->again = FALSE;
  job->discard = job->discard || !is_modified (state);
}

static void
edit_changed_cb (WindowEdit *state)
{
  guint position;
  guint removed;
  guint added;

  /* At once: the views hold positions in the dataset, and a frame drawn
   * before they are told of the change would read past its end. An edit
   * of events (typing in the editor, an undo of it) shows again only
   * what it changed: at 100 000 events, showing the whole dataset again
   * took a third of a second a keystroke (bench/dm-edit-bench.c). */
  g_clear_handle_id (&state->refresh_id, g_source_remove);
  if (dm_edit_get_changed_range (state->edit, &position, &removed, &added) &&
      dm_window_get_dataset (state->window) == state->dataset)
    {
      dm_window_show_events_changed (state->window, position, removed, added, changed_selection (state));
      dm_window_show_modified (state->window, is_modified (state));
      update_actions (state);
    }
  else
    refresh_cb (state);

  schedule_recovery (state);
}

static void
modified_changed_cb (WindowEdit *state)
{
  /* Back where it was saved: nothing to recover. */
  if (!is_modified (state))
    {
      g_clear_handle_id (&state->recovery_id, g_source_remove);
      dm_recovery_discard (dataset_file (state));
    }
  if (dm_window_get_dataset (state->window) == state->dataset)
    dm_window_show_modified (state->window, is_modified (state));
}

static void
open_editor (WindowEdit *state,
             const char *id)
{
  if (state->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (state->editor));

  state->editor = dm_event_editor_new (GTK_WINDOW (state->window), state->edit, id);
  g_object_add_weak_pointer (G_OBJECT (state->editor), (gpointer *) &state->editor);
  gtk_window_present (GTK_WINDOW (state->editor));
}

/* Saving */

static void
show_error (WindowEdit *state,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (state->window), heading, NULL);

  /* The body is plain text: it may name the dataset's file. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
query_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

typedef struct
{
  WindowEdit *state;
  GFile      *file;
  DmWindow   *window;   /* kept alive while the save runs */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_object_unref (job->file);
  g_object_unref (job->window);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* In the worker. */
static void
save_progress_cb (double   fraction,
                  gpointer user_data)
{
  WindowEdit *state = user_data;

  g_atomic_int_set (&state->save_permille, (gint) (fraction * 1000));
}

/* A save that takes a while says so, and how far it is, in a toast. */
static gboolean
show_save_progress_cb (gpointer data)
{
  WindowEdit *state = data;
  GObject *overlay = G_OBJECT (adw_application_window_get_content (ADW_APPLICATION_WINDOW (state->window)));
  g_autofree char *title = g_strdup_printf (_("Saving… %d %%"), g_atomic_int_get (&state->save_permille) / 10);

  if (state->save_toast == NULL && ADW_IS_TOAST_OVERLAY (overlay))
    {
      state->save_toast = g_object_ref (adw_toast_new (title));
      adw_toast_set_timeout (state->save_toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (state->save_toast));
    }
  else if (state->save_toast != NULL)
    adw_toast_set_title (state->save_toast, title);

  return G_SOURCE_CONTINUE;
}

static void
end_save_progress (WindowEdit *state)
{
  g_clear_handle_id (&state->save_progress_id, g_source_remove);
  if (state->save_toast != NULL)
    adw_toast_dismiss (state->save_toast);
  g_clear_object (&state->save_toast);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SaveJob) job = user_data;
  WindowEdit *state = job->state;
  GFile *file = job->file;
  g_autoptr(GError) error = NULL;
  GFile *old_file;

  end_save_progress (state);
  if (!dm_dataset_save_finish (DM_DATASET (object), result, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written: %s. The file on disk is as it was."),
                                               name, error->message);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      state->saving = FALSE;
      state->pending = PENDING_NONE;
      update_actions (state);
      show_error (state, _("Could Not Save the Timeline"), body);
      return;
    }

  state->saving = FALSE;
  g_free (state->saved_etag);
  state->saved_etag = query_etag (file);

  /* The recovery copy was of the file's old name, or of a new timeline. */
  old_file = dataset_file (state);
  dm_recovery_discard (old_file);
  if (old_file == NULL || !g_file_equal (old_file, file))
    dm_recovery_discard (file);
  g_clear_handle_id (&state->recovery_id, g_source_remove);

  dm_dataset_set_file (state->dataset, file);
  dm_dataset_set_origin_format (state->dataset, DM_ORIGIN_DAUMOC);
  state->recovered = FALSE;
  dm_edit_set_saved (state->edit);
  schedule_refresh (state);
  update_actions (state);

  do_pending (state);
}

static void
start_save (WindowEdit *state,
            GFile      *file)
{
  SaveJob *job;

  if (state->saving || state->edit == NULL)
    return;

  /* The dataset must not change while the worker writes it: the edit
   * actions and the editor wait. */
  state->saving = TRUE;
  update_actions (state);
  if (state->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (state->editor));
  dm_edit_close_step (state->edit);

  g_clear_object (&state->save_cancellable);
  state->save_cancellable = g_cancellable_new ();
  job = g_new0 (SaveJob, 1);
  job->state = state;
  job->file = g_object_ref (file);
  job->window = g_object_ref (state->window);
  g_atomic_int_set (&state->save_permille, 0);
  state->save_progress_id = g_timeout_add (500, show_save_progress_cb, state);
  dm_dataset_save_async (state->dataset, file, save_progress_cb, state, state->save_cancellable, save_done_cb, job);
}

/* The file chosen in @chooser, which goes; NULL when none was, and then
 * nothing is pending any more. */
static GFile *
take_chosen_file (GtkNativeDialog *chooser,
                  int              response,
                  WindowEdit      *state)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    state->pending = PENDING_NONE;

  return file;
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     WindowEdit      *state)
{
  g_autoptr(GFile) file = take_chosen_file (chooser, response, state);

  if (file != NULL)
    start_save (state, file);
}

static void
save_as (WindowEdit *state)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *title = dm_text_get (dm_dataset_get_title (state->dataset), dm_window_get_language (state->window));
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  GFile *file = dataset_file (state);

  /* A timeline read from another format becomes a native file beside it,
   * never over it: "plan.csv" and "plan.timelinejs.json" become
   * "plan.json", a TimelineJS "plan.json" becomes "plan.daumoc.json". */
  if (file != NULL && g_file_is_native (file))
    {
      g_autofree char *original = g_file_get_basename (file);
      g_autofree char *base = g_strdup (original);
      char *dot = strrchr (base, '.');

      if (g_str_has_suffix (base, DM_EXPORT_TIMELINEJS_SUFFIX))
        base[strlen (base) - strlen (DM_EXPORT_TIMELINEJS_SUFFIX)] = '\0';
      else if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".json", NULL);
      if (g_str_equal (name, original) &&
          !g_str_equal (dm_dataset_get_origin_format (state->dataset), DM_ORIGIN_DAUMOC))
        {
          g_free (name);
          name = g_strconcat (base, ".daumoc.json", NULL);
        }
      parent = g_file_get_parent (file);
    }
  else
    name = g_strdup_printf ("%s.json", title[0] != '\0' ? title : _("Timeline"));

  if (state->accept_choosers && parent != NULL)
    {
      g_autoptr(GFile) proposed = g_file_get_child (parent, name);

      start_save (state, proposed);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Timeline"), GTK_WINDOW (state->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Timelines (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (parent != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), state);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saving a timeline read from another format */

static gboolean
is_timelinejs (const char *origin)
{
  return g_str_equal (origin, DM_ORIGIN_TIMELINEJS3) || g_str_equal (origin, DM_ORIGIN_TIMELINEJS2);
}

/* Whether the timeline was read from a file of TimelineJS, a spreadsheet
 * or vis-timeline. */
static gboolean
from_other_format (WindowEdit *state)
{
  return dataset_file (state) != NULL &&
         !g_str_equal (dm_dataset_get_origin_format (state->dataset), DM_ORIGIN_DAUMOC);
}

/* Writes the timeline to @file as TimelineJS, in the language shown,
 * atomically: that file is now the timeline's, and what the export could
 * hold of the edits saved (the user was told what it could not). */
static void
export_back (WindowEdit *state,
             GFile      *file)
{
  g_autoptr(GError) error = NULL;
  GFile *old_file = dataset_file (state);
  gboolean same = old_file != NULL && g_file_equal (old_file, file);

  dm_edit_close_step (state->edit);
  if (!dm_export_timelinejs_to_file (state->dataset, dm_window_get_language (state->window), file, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written: %s. The file on disk is as it was."),
                                               name, error->message);

      state->pending = PENDING_NONE;
      show_error (state, _("Could Not Export the Timeline"), body);
      return;
    }

  g_free (state->saved_etag);
  state->saved_etag = query_etag (file);
  g_clear_handle_id (&state->recovery_id, g_source_remove);
  dm_recovery_discard (old_file);
  if (!same)
    dm_dataset_set_file (state->dataset, file);
  dm_dataset_set_origin_format (state->dataset, DM_ORIGIN_TIMELINEJS3);
  state->recovered = FALSE;
  dm_edit_set_saved (state->edit);
  schedule_refresh (state);
  update_actions (state);

  do_pending (state);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    WindowEdit      *state)
{
  g_autoptr(GFile) file = take_chosen_file (chooser, response, state);

  if (file != NULL)
    export_back (state, file);
}

/* The file chooser for exporting back, on the file the timeline was read
 * from. */
static void
choose_export_file (WindowEdit *state)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GFile *file = dataset_file (state);

  if (state->accept_choosers && file != NULL)
    {
      g_autoptr(GFile) proposed = g_object_ref (file);

      export_back (state, proposed);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export to TimelineJS"), GTK_WINDOW (state->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("TimelineJS (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (file != NULL && g_file_is_native (file))
    {
      g_autofree char *base = g_file_get_basename (file);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      /* The name at once, as the chooser's entry shows it; a name that is
       * not UTF-8 cannot be typed there, so the file is chosen instead. */
      if (parent != NULL && g_utf8_validate (base, -1, NULL))
        {
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
        }
      else
        gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), state);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
format_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    WindowEdit       *state)
{
  if (g_str_equal (response, "native"))
    save_as (state);
  else if (g_str_equal (response, "timelinejs"))
    choose_export_file (state);
  else
    state->pending = PENDING_NONE;
}

/* A timeline read from another format is saved as a Dấu Mốc timeline
 * beside its file, which keeps everything; one from TimelineJS may
 * instead be exported back, and the dialog says what TimelineJS cannot
 * hold of it. */
static void
ask_format (WindowEdit *state)
{
  const char *origin = dm_dataset_get_origin_format (state->dataset);
  g_autofree char *path = g_file_get_path (dataset_file (state));
  g_autofree char *base = path != NULL ? g_filename_display_basename (path) : g_file_get_parse_name (dataset_file (state));
  g_autofree char *name = dm_safe_text_for_display (base, 200);
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (state->window),
                                                       _("Save as a Dấu Mốc Timeline?"), NULL));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));

  if (is_timelinejs (origin))
    {
      DmLanguage language = dm_window_get_language (state->window);
      g_autoptr(GPtrArray) losses = dm_export_timelinejs_losses (state->dataset, language);

      g_string_printf (body, _("“%s” was opened from a TimelineJS file. Saved as a Dấu Mốc timeline, in a new "
                               "file beside it, it keeps everything."), name);
      g_string_append (body, "\n\n");
      /* The language is worth a word only when there are two. */
      if (!dm_dataset_has_language (state->dataset, DM_LANGUAGE_VI) ||
          !dm_dataset_has_language (state->dataset, DM_LANGUAGE_EN))
        g_string_append (body, losses->len == 0
                               ? _("Exported back to TimelineJS, it keeps all this timeline has.")
                               : _("Exported back to TimelineJS, it loses what TimelineJS cannot hold:"));
      else if (language == DM_LANGUAGE_EN)
        g_string_append (body, losses->len == 0
                               ? _("Exported back to TimelineJS, it is in English, the language shown, "
                                   "and keeps all this timeline has.")
                               : _("Exported back to TimelineJS, it is in English, the language shown, "
                                   "and loses what TimelineJS cannot hold:"));
      else
        g_string_append (body, losses->len == 0
                               ? _("Exported back to TimelineJS, it is in Vietnamese, the language shown, "
                                   "and keeps all this timeline has.")
                               : _("Exported back to TimelineJS, it is in Vietnamese, the language shown, "
                                   "and loses what TimelineJS cannot hold:"));
      if (losses->len > 0)
        {
          g_autoptr(GString) list = g_string_new (NULL);
          GtkWidget *label;

          for (guint i = 0; i < losses->len; i++)
            g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (losses, i));
          label = gtk_label_new (list->str);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("What TimelineJS cannot hold"), -1);
          adw_message_dialog_set_extra_child (dialog, label);
        }
      adw_message_dialog_add_response (dialog, "timelinejs", _("_Export to TimelineJS…"));
    }
  else if (g_str_equal (origin, DM_ORIGIN_VIS))
    g_string_printf (body, _("“%s” was opened from a vis-timeline file. It is saved as a Dấu Mốc timeline, in a "
                             "new file beside it, which keeps everything; the vis-timeline file stays as it is."),
                     name);
  else
    g_string_printf (body, _("“%s” was opened from a spreadsheet. It is saved as a Dấu Mốc timeline, in a new "
                             "file beside it, which keeps everything; the spreadsheet stays as it is."), name);

  /* Plain text: it names the file. */
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "native", _("_Save as Dấu Mốc Timeline…"));
  adw_message_dialog_set_response_appearance (dialog, "native", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "native");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (format_response_cb), state);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WindowEdit *state = get_state (DM_WINDOW (widget));

  if (state->edit == NULL || state->saving)
    return;

  if (g_str_equal (action_name, "win.save") && can_save_in_place (state))
    start_save (state, dataset_file (state));
  else if (from_other_format (state))
    ask_format (state);
  else
    save_as (state);
}

/* Edit actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WindowEdit *state = get_state (DM_WINDOW (widget));

  if (!can_edit (state))
    return;
  if (g_str_equal (action_name, "win.undo"))
    dm_edit_undo (state->edit);
  else
    dm_edit_redo (state->edit);
}

static const DmEvent *
selected_event (WindowEdit *state)
{
  int selected = dm_window_get_selected (state->window);

  if (state->dataset == NULL || selected < 0 || selected >= (int) dm_dataset_get_n_events (state->dataset))
    return NULL;
  return dm_dataset_get_event (state->dataset, (guint) selected);
}

/* A new event, where the selected one is or else today, of the first
 * kind: an event needs a kind, a date and a title. */
static DmEvent *
new_event (WindowEdit *state,
           const char *title)
{
  const DmEvent *selected = selected_event (state);
  DmEvent *event = dm_event_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  event->id = dm_edit_make_event_id (state->edit, "event");
  if (selected != NULL)
    {
      event->kind = g_strdup (selected->kind);
      event->start = selected->start;
    }
  else
    {
      if (dm_dataset_get_n_kinds (state->dataset) > 0)
        event->kind = g_strdup (dm_dataset_get_kind (state->dataset, 0)->id);
      dm_date_init (&event->start, DM_DATE_PRECISION_DAY, g_date_time_get_year (now),
                    g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0);
    }
  if (dm_window_get_language (state->window) == DM_LANGUAGE_VI)
    event->title.vi = g_strdup (title);
  else
    event->title.en = g_strdup (title);

  return event;
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WindowEdit *state = get_state (DM_WINDOW (widget));
  DmEvent *event;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (!can_edit (state))
    return;

  event = new_event (state, dm_window_get_language (state->window) == DM_LANGUAGE_VI ? "Sự kiện mới" : _("New event"));
  id = g_strdup (event->id);
  if (!dm_edit_add_event (state->edit, event, &error))
    {
      show_error (state, _("Could Not Add an Event"), error->message);
      return;
    }
  open_editor (state, id);
}

/* The timeline's sources, in a window of their own (dm-sources-dialog). */
static void
sources_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WindowEdit *state = get_state (DM_WINDOW (widget));

  if (!can_edit (state))
    return;

  if (state->sources == NULL)
    g_set_weak_pointer (&state->sources, GTK_WINDOW (dm_sources_dialog_new (state->window, state->edit)));
  gtk_window_present (state->sources);
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WindowEdit *state = get_state (DM_WINDOW (widget));
  const DmEvent *event;

  if ((event = selected_event (state)) == NULL || !can_edit (state))
    return;

  if (g_str_equal (action_name, "win.edit-event"))
    open_editor (state, event->id);
  else if (g_str_equal (action_name, "win.duplicate-event"))
    g_free (dm_edit_duplicate_event (state->edit, event->id));
  else
    {
      g_autofree char *id = g_strdup (event->id);

      /* Undo brings it back: no question asked. */
      dm_edit_delete_event (state->edit, id);
    }
}

static void
new_timeline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  WindowEdit *state = get_state (self);
  g_autoptr(DmDataset) dataset = NULL;
  DmKind *kind;

  if (state->saving || ask_unsaved (state, PENDING_NEW))
    return;

  dataset = dm_dataset_new ();
  dm_dataset_set_title (dataset, "Dòng thời gian mới", "New timeline");
  kind = dm_kind_new ();
  kind->id = g_strdup ("event");
  dm_text_set (&kind->label, "Sự kiện", "Event");
  dm_dataset_add_kind (dataset, kind);
  dm_dataset_finish (dataset);
  dm_window_show_edited (self, dataset, -1, FALSE);
}

/* Citing from the source viewer */

static void
cite_cb (DmSourceViewer *viewer,
         const char     *quote,
         gboolean        new_event_wanted,
         DmWindow       *self)
{
  WindowEdit *state = get_state (self);
  const DmEvent *selected;
  DmCitation *citation;
  DmEvent *event;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (state->source_id == NULL || quote == NULL || quote[0] == '\0' || !can_edit (state))
    return;

  citation = dm_citation_new ();
  citation->source = g_strdup (state->source_id);
  citation->quote = g_strdup (quote);

  selected = selected_event (state);
  if (!new_event_wanted && selected == NULL)
    {
      dm_citation_free (citation);
      show_error (state, _("No Event Is Selected"),
                  _("Select the event to cite the passage in, or make a new event from it."));
      return;
    }

  if (new_event_wanted)
    {
      g_autoptr(GArray) phrases = dm_date_phrases_find (quote);
      g_autofree char *title = g_utf8_substring (quote, 0, MIN (g_utf8_strlen (quote, -1), 80));

      event = new_event (state, g_strstrip (title));
      /* The language of the quote is the source's: Vietnamese here. */
      if (event->title.vi == NULL)
        {
          event->title.vi = g_steal_pointer (&event->title.en);
        }
      if (phrases->len > 0)
        event->start = g_array_index (phrases, DmDatePhrase, 0).date;
      event->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
      g_ptr_array_add (event->citations, citation);
      id = g_strdup (event->id);
      if (!dm_edit_add_event (state->edit, event, &error))
        {
          show_error (state, _("Could Not Add an Event"), error->message);
          return;
        }
    }
  else
    {
      event = dm_event_copy (selected);
      id = g_strdup (event->id);
      if (event->citations == NULL)
        event->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
      g_ptr_array_add (event->citations, citation);
      if (!dm_edit_change_event (state->edit, id, event, DM_EVENT_FIELD_CITATIONS, &error))
        {
          show_error (state, _("Could Not Cite the Passage"), error->message);
          return;
        }
      dm_edit_close_step (state->edit);
    }

  open_editor (state, id);
  dm_event_editor_offer_dates (state->editor, quote);
}

/* Unsaved changes */

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WindowEdit       *state)
{
  if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (state->window), "win.save", NULL);
  else if (g_str_equal (response, "discard"))
    {
      g_clear_handle_id (&state->recovery_id, g_source_remove);
      dm_recovery_discard (dataset_file (state));
      /* A copy being written is of the changes just discarded: it goes
       * as soon as it is written, and no other follows. */
      if (state->recovery_job != NULL)
        {
          state->recovery_job->discard = TRUE;
          state->recovery_job->again = FALSE;
        }
      do_pending (state);
    }
  else
    state->pending = PENDING_NONE;
}

/* Asks what to do with the unsaved changes before @pending, which is
 * done once they are saved or discarded; FALSE when there are none to
 * ask about (@pending can be done now). */
static gboolean
ask_unsaved (WindowEdit *state,
             Pending     pending)
{
  const char *title;
  g_autofree char *shown = NULL;
  GtkWidget *dialog;

  if (state->leaving || !is_modified (state))
    return FALSE;

  state->pending = pending;
  title = dm_text_get (dm_dataset_get_title (state->dataset), dm_window_get_language (state->window));
  shown = dm_safe_text_for_display (title[0] != '\0' ? title : _("The timeline"), 200);
  dialog = adw_message_dialog_new (GTK_WINDOW (state->window), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes which are not saved will be lost."), shown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), state);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* What waited for the unsaved changes, now saved or discarded; from an
 * idle, once the dialog that asked is gone. */
static gboolean
do_pending_cb (gpointer data)
{
  WindowEdit *state = get_state (data);
  Pending pending = state->pending;
  g_autoptr(GFile) file = g_steal_pointer (&state->pending_file);

  state->pending = PENDING_NONE;
  state->leaving = TRUE;
  switch (pending)
    {
    case PENDING_CLOSE:
      state->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (state->window));
      return G_SOURCE_REMOVE;
    case PENDING_OPEN:
      dm_window_open (state->window, file);
      break;
    case PENDING_NEW:
      gtk_widget_activate_action (GTK_WIDGET (state->window), "win.new-timeline", NULL);
      break;
    case PENDING_NONE:
    default:
      break;
    }
  state->leaving = FALSE;

  return G_SOURCE_REMOVE;
}

static void
do_pending (WindowEdit *state)
{
  if (state->pending != PENDING_NONE)
    g_idle_add_full (G_PRIORITY_DEFAULT, do_pending_cb, g_object_ref (state->window), g_object_unref);
}

gboolean
dm_window_edit_close_request (DmWindow *self)
{
  WindowEdit *state = get_state (self);

  if (state == NULL || state->close_confirmed)
    return FALSE;
  if (state->saving)
    return TRUE;
  if (ask_unsaved (state, PENDING_CLOSE))
    return TRUE;

  dm_recovery_discard (dataset_file (state));
  return FALSE;
}

gboolean
dm_window_edit_open_request (DmWindow *self,
                             GFile    *file)
{
  WindowEdit *state = get_state (self);

  if (state == NULL || state->saving)
    return state != NULL;
  if (!ask_unsaved (state, PENDING_OPEN))
    return FALSE;

  g_set_object (&state->pending_file, file);
  return TRUE;
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    WindowEdit       *state)
{
  state->asking_reload = FALSE;
  if (g_str_equal (response, "reload") && dataset_file (state) != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (dataset_file (state));

      dm_recovery_discard (file);
      state->leaving = TRUE;
      dm_window_open (state->window, file);
      state->leaving = FALSE;
    }
}

gboolean
dm_window_edit_file_changed (DmWindow *self)
{
  WindowEdit *state = get_state (self);
  GFile *file = state != NULL ? dataset_file (state) : NULL;
  g_autofree char *etag = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (file == NULL)
    return FALSE;

  /* The window's own save, or one under way. */
  etag = query_etag (file);
  if (state->saving || (etag != NULL && g_strcmp0 (etag, state->saved_etag) == 0))
    return TRUE;
  if (!is_modified (state))
    return FALSE;
  if (state->asking_reload)
    return TRUE;

  state->asking_reload = TRUE;
  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” was changed by another program. Reload it and lose your unsaved changes, "
                                    "or keep your version: saving it replaces the other program’s changes."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep My Changes"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (reload_response_cb), state);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Recovery */

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WindowEdit       *state)
{
  GPtrArray *orphans = g_object_get_data (G_OBJECT (dialog), "dm-orphans");
  DmRecovery *recovery = g_ptr_array_index (orphans, 0);

  if (g_str_equal (response, "recover"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DmDataset) dataset = dm_dataset_load_file (recovery->copy, NULL, NULL, &error);

      if (dataset == NULL)
        {
          show_error (state, _("Could Not Recover the Changes"), error->message);
          return;
        }
      dm_dataset_set_file (dataset, recovery->original);
      dm_window_show_edited (state->window, dataset, -1, TRUE);
      state->recovered = TRUE;
      schedule_refresh (state);
      edit_changed_cb (state);
    }

  /* Recovered (this process keeps its own copy now) or declined. */
  for (guint i = 0; i < orphans->len; i++)
    dm_recovery_remove (g_ptr_array_index (orphans, i));
}

static void
offer_recovery_now (WindowEdit *state)
{
  g_autoptr(GPtrArray) orphans = dm_recovery_list_orphans ();
  DmRecovery *recovery;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  GtkWidget *dialog;

  if (orphans->len == 0)
    return;

  recovery = g_ptr_array_index (orphans, 0);
  name = recovery->original != NULL ? g_file_get_basename (recovery->original) : g_strdup (_("a new timeline"));
  when = g_date_time_format (recovery->written, "%c");
  dialog = adw_message_dialog_new (GTK_WINDOW (state->window), _("Recover Unsaved Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Dấu Mốc closed unexpectedly while “%s” had unsaved changes (%s)."), name, when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_object_set_data_full (G_OBJECT (dialog), "dm-orphans", g_steal_pointer (&orphans), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (recovery_response_cb), state);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dm_window_edit_offer_recovery (DmWindow *self)
{
  WindowEdit *state = get_state (self);

  g_return_if_fail (state != NULL);

  if (state->dataset != NULL)
    offer_recovery_now (state);
  else
    state->offer_recovery = TRUE;
}

/* Hooks */

void
dm_window_edit_dataset_shown (DmWindow  *self,
                              DmDataset *dataset)
{
  WindowEdit *state = get_state (self);

  if (state == NULL || dataset == state->dataset)
    return;

  /* Another timeline: a new history of edits. */
  if (state->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (state->editor));
  if (state->sources != NULL)
    gtk_window_destroy (state->sources);
  g_clear_handle_id (&state->recovery_id, g_source_remove);
  g_clear_handle_id (&state->refresh_id, g_source_remove);
  detach_recovery_job (state);
  if (state->edit != NULL)
    g_signal_handlers_disconnect_by_data (state->edit, state);
  g_clear_object (&state->edit);
  g_set_object (&state->dataset, dataset);
  g_clear_pointer (&state->saved_etag, g_free);
  state->recovered = FALSE;
  state->close_confirmed = FALSE;

  if (dataset != NULL)
    {
      state->edit = dm_edit_new (dataset);
      g_signal_connect_swapped (state->edit, "changed", G_CALLBACK (edit_changed_cb), state);
      g_signal_connect_swapped (state->edit, "notify::modified", G_CALLBACK (modified_changed_cb), state);
      g_signal_connect_swapped (state->edit, "notify::can-undo", G_CALLBACK (update_actions), state);
      g_signal_connect_swapped (state->edit, "notify::can-redo", G_CALLBACK (update_actions), state);
    }
  update_actions (state);

  if (state->offer_recovery && dataset != NULL)
    {
      state->offer_recovery = FALSE;
      offer_recovery_now (state);
    }
}

void
dm_window_edit_source_shown (DmWindow       *self,
                             DmSourceViewer *viewer,
                             const char     *source_id)
{
  WindowEdit *state = get_state (self);

  if (state == NULL)
    return;

  if (source_id != NULL)
    {
      g_free (state->source_id);
      state->source_id = g_strdup (source_id);
    }
  if (viewer != NULL && state->viewer != viewer)
    {
      if (state->viewer != NULL)
        g_object_remove_weak_pointer (G_OBJECT (state->viewer), (gpointer *) &state->viewer);
      state->viewer = viewer;
      g_object_add_weak_pointer (G_OBJECT (viewer), (gpointer *) &state->viewer);
      g_signal_connect_object (viewer, "cite", G_CALLBACK (cite_cb), self, 0);
    }
}

DmEdit *
dm_window_edit_get_edit (DmWindow *self)
{
  WindowEdit *state = get_state (self);

  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);

  return state != NULL ? state->edit : NULL;
}

GtkWindow *
dm_window_edit_get_editor (DmWindow *self)
{
  WindowEdit *state = get_state (self);

  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);

  return state != NULL && state->editor != NULL ? GTK_WINDOW (state->editor) : NULL;
}

/* The menu's editing items, in a section of their own at its top. */
static void
add_menu_items (DmWindow *self)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), DM_TYPE_WINDOW, "primary_menu_button");
  GMenuModel *model = button != NULL ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)) : NULL;
  g_autoptr(GMenu) file = g_menu_new ();
  g_autoptr(GMenu) events = g_menu_new ();

  if (model == NULL || !G_IS_MENU (model))
    return;

  g_menu_append (file, _("_New Timeline"), "win.new-timeline");
  g_menu_append (file, _("_Save"), "win.save");
  g_menu_append (file, _("Save _As…"), "win.save-as");
  g_menu_append (events, _("_Add Event"), "win.add-event");
  g_menu_append (events, _("_Edit Event"), "win.edit-event");
  g_menu_append (events, _("D_uplicate Event"), "win.duplicate-event");
  g_menu_append (events, _("_Delete Event"), "win.delete-event");
  g_menu_append (events, _("Sources, _Kinds and Tags…"), "win.sources");
  g_menu_append (events, _("_Undo"), "win.undo");
  g_menu_append (events, _("_Redo"), "win.redo");
  g_menu_prepend_section (G_MENU (model), NULL, G_MENU_MODEL (events));
  g_menu_prepend_section (G_MENU (model), NULL, G_MENU_MODEL (file));
}

void
dm_window_edit_init (DmWindow *self)
{
  WindowEdit *state = g_new0 (WindowEdit, 1);

  state->window = self;
  g_object_set_qdata_full (G_OBJECT (self), edit_quark, state, window_edit_free);
  update_actions (state);
  add_menu_items (self);
}

void
dm_window_edit_class_init (GtkWidgetClass *widget_class)
{
  edit_quark = g_quark_from_static_string ("dm-window-edit");

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.new-timeline", NULL, new_timeline_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.sources", NULL, sources_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-timeline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-event", NULL);
}

/* What the window's parts give editing */

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

  /* The filter keeps facts of the events by the dataset's pointer, which
   * an edit leaves the same. */
  dm_filter_dataset_changed (self->filter);
  dm_detail_pane_dataset_changed (self->detail_pane);
  self->edited = TRUE;
  _dm_window_set_dataset (self, dataset);
  self->edited = FALSE;
  dm_filter_popover_dataset_edited (self->filter_popover);
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

void
dm_window_show_modified (DmWindow *self,
                         gboolean  modified)
{
  DmDataset *dataset;
  g_autofree char *title = NULL;

  g_return_if_fail (DM_IS_WINDOW (self));

  if ((dataset = dm_window_get_dataset (self)) == NULL)
    return;

  title = _dm_window_shorten (dm_text_get (dm_dataset_get_title (dataset), self->language));
  /* Unsaved changes, in the title as GNOME's editors mark them. */
  if (modified)
    {
      g_autofree char *marked = g_strdup_printf ("• %s", title);

      g_free (title);
      title = g_steal_pointer (&marked);
    }
  if (g_strcmp0 (title, adw_window_title_get_title (self->window_title)) != 0)
    {
      adw_window_title_set_title (self->window_title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}

void
dm_window_show_events_changed (DmWindow *self,
                               guint     position,
                               guint     removed,
                               guint     added,
                               int       selected)
{
  DmDataset *dataset;
  guint n;

  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (dm_window_get_dataset (self) != NULL);

  dataset = dm_window_get_dataset (self);
  n = dm_dataset_get_n_events (dataset);

  /* The search index: only the events put in are folded again. One
   * being made in a worker is let go (an edit waits for it, but an undo
   * of the new timeline's first edits may not); the search makes it
   * again when it is asked. */
  g_clear_pointer (&self->ranked, g_array_unref);
  g_clear_pointer (&self->search_state, dm_search_state_free);
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  if (self->search_index != NULL)
    {
      DmSearchIndex *old = g_steal_pointer (&self->search_index);

      self->search_index = dm_search_index_splice (old, dataset, position, removed, added);
      self->search_state = dm_search_state_new (self->search_index);
      dm_search_index_unref (old);
    }
  dm_filter_dataset_changed (self->filter);
  /* An event's new tag is offered in the filter menu. */
  dm_filter_popover_dataset_edited (self->filter_popover);

  /* Back goes to the same events, where they are now. */
  if (self->history != NULL)
    {
      for (guint i = self->history->len; i > 0; i--)
        {
          int *at = &g_array_index (self->history, int, i - 1);

          if (*at >= (int) (position + removed))
            *at = *at - (int) removed + (int) added;
          else if (*at >= (int) position)
            g_array_remove_index (self->history, i - 1);
        }
      _dm_window_update_history (self);
    }

  dm_timeline_view_events_changed (self->timeline, position, removed, added);
  dm_event_list_events_changed (self->events, position, removed, added);
  dm_detail_pane_events_changed (self->detail_pane, position, removed, added);
  _dm_window_apply_filter (self);
  if (selected >= 0)
    {
      int row;

      dm_timeline_view_set_selected (self->timeline, selected);
      /* The list view lets go of where it was scrolled when the row it
       * kept in view changes: the event edited stays in sight. */
      row = dm_event_list_find (self->events, (guint) selected);
      if (row >= 0)
        gtk_widget_activate_action (GTK_WIDGET (self->event_view), "list.scroll-to-item", "u", (guint) row);
    }

  /* The date column widens for a new date that needs it. */
  for (guint i = position; i < position + added && i < n; i++)
    {
      g_autofree char *date = dm_event_format_date (dm_dataset_get_event (dataset, i), dm_language_from_locale ());

      dm_event_columns_fit (self->columns, GTK_WIDGET (self->event_view), DM_EVENT_ROW_DATE, date);
    }

  if (removed != added)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }

  _dm_window_show_details (self);
}

void
dm_window_edit_accept_choosers (DmWindow *self,
                                gboolean  accept)
{
  g_return_if_fail (DM_IS_WINDOW (self));

  get_state (self)->accept_choosers = accept;
}

gboolean
dm_window_edit_is_writing_copy (DmWindow *self)
{
  WindowEdit *state = get_state (self);

  return state != NULL && state->recovery_job != NULL;
}
