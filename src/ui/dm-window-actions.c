/* dm-window-actions.c — the main window's actions
 *
 * Opening a timeline, zooming, searching, filtering, going back after a
 * related event, presenting, and the source text of a citation. Printing
 * and exporting are in dm-window-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-presentation.h"
#include "dm-source-text.h"
#include "dm-window-private.h"

/* Actions */

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
  _dm_window_update_history (self);
  if (dataset != NULL && position < (int) dm_dataset_get_n_events (dataset))
    dm_timeline_view_set_selected (self->timeline, position);
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

  positions = _dm_window_shown_positions (self);
  if (g_str_equal (action_name, "win.present-selected"))
    for (guint i = 0; i < positions->len; i++)
      if ((int) g_array_index (positions, guint, i) == selected)
        start = i;

  presentation = dm_presentation_new (GTK_WINDOW (self), dataset, positions, start, self->language);
  gtk_window_set_transient_for (GTK_WINDOW (presentation), GTK_WINDOW (self));
  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
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
  dm_window_edit_source_shown (self, self->source_viewer, NULL);
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
      _dm_window_show_problem (self, error->message);
      return;
    }

  show_source_text (self, job->title, text, job->quote);
}

/* The text is read in a worker: a source may be large, on a slow disk, or
 * not a file at all. */
static void
show_source (DmWindow   *self,
             const char *source_id,
             const char *quote)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  const DmSource *source = dataset != NULL ? dm_dataset_lookup_source (dataset, source_id) : NULL;
  GFile *file = dataset != NULL ? dm_dataset_get_file (dataset) : NULL;
  SourceJob *job;

  if (source == NULL || source->file == NULL)
    return;

  if (file == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The source text “%s” is not available."), source->file);

      _dm_window_show_problem (self, message);
      return;
    }

  /* Only the last one asked for is shown. */
  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);
  self->source_cancellable = g_cancellable_new ();

  job = g_new0 (SourceJob, 1);
  job->window = g_object_ref (self);
  /* Bounded and made visible (dm-safe-text): a title is the dataset's. */
  job->title = _dm_window_shorten (dm_text_get (&source->title, self->language));
  job->quote = g_strdup (quote);
  dm_window_edit_source_shown (self, NULL, source->id);
  dm_source_text_load_async (file, source->file, self->source_cancellable, source_loaded_cb, job);
}

static void
show_source_cb (DmWindow *self,
                int       position,
                guint     index)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  const DmEvent *event = dm_dataset_get_event (dataset, (guint) position);
  const DmCitation *citation = g_ptr_array_index (event->citations, index);

  show_source (self, citation->source, citation->quote);
}

void
dm_window_show_source (DmWindow   *self,
                       const char *source_id)
{
  g_return_if_fail (DM_IS_WINDOW (self));

  show_source (self, source_id, NULL);
}

/* Class and instance */

void
_dm_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, show_source_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.zoom", "s", zoom_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-selected", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.present-selected", NULL);
}
