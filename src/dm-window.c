/* dm-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-check.h"
#include "dm-event-item.h"
#include "dm-event-list.h"
#include "dm-window.h"

struct _DmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkListView          *event_view;
  AdwStatusPage        *error_page;
  GtkLabel             *error_label;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;

  DmEventList          *events;
  GCancellable         *cancellable;
  GFile                *pending_file;
  GFileMonitor         *monitor;
  guint                 reload_id;
  gboolean              reloading;
  GtkFileChooserNative *chooser;
  DmLanguage            language;
};

G_DEFINE_FINAL_TYPE (DmWindow, dm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
show_problems (DmWindow  *self,
               GFile     *file,
               GError    *error,
               GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = g_file_get_basename (file);
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
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "events");
    }
  else
    {
      /* The status page's description is markup: escape the file name. */
      g_autofree char *escaped = g_markup_escape_text (heading, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_label_set_text (self->error_label, text->str);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

/* Text for a one-line label: a title of megabytes would stall the text
 * layout for nothing, so keep the start and say that it goes on. */
static char *
shorten (const char *text)
{
  const guint max_chars = 500;
  const char *end;

  if (text == NULL)
    return NULL;
  if (g_utf8_strlen (text, max_chars * 4 + 1) <= max_chars)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, max_chars);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static void load (DmWindow *self, GFile *file, gboolean reloading);

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

static void
set_dataset (DmWindow  *self,
             DmDataset *dataset)
{
  const DmText *title = dm_dataset_get_title (dataset);
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree char *subtitle = NULL;
  g_autofree char *title_text = NULL;

  dm_event_list_set_dataset (self->events, dataset);
  watch_file (self, dm_dataset_get_file (dataset));

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  title_text = shorten (dm_text_get (title, self->language));
  adw_window_title_set_title (self->window_title, title_text);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title_text);

  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "events");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
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

  gtk_spinner_stop (self->spinner);

  if (dataset == NULL)
    show_problems (self, self->pending_file, error, problems);
  else
    set_dataset (self, dataset);
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

  if (dm_event_list_get_dataset (self->events) == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  dm_dataset_load_file_async (file, self->cancellable, load_cb, g_object_ref (self));
}

void
dm_window_open (DmWindow *self,
                GFile    *file)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

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

/* Event rows */

static GtkWidget *
add_label (GtkBox     *box,
           const char *css_class,
           gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_hexpand (label, expand);
  if (expand)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (box, label);

  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DmWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *kind_column;
  GtkWidget *date;

  gtk_widget_add_css_class (box, "event-row");
  date = add_label (GTK_BOX (box), "event-date", FALSE);
  gtk_label_set_width_chars (GTK_LABEL (date), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (date), 30);
  gtk_label_set_ellipsize (GTK_LABEL (date), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (date, "dim-label");
  /* The kind is a pill in a column of its own width. */
  kind_column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_size_request (kind_column, 220, -1);
  gtk_box_append (GTK_BOX (box), kind_column);
  add_label (GTK_BOX (kind_column), "event-kind", FALSE);
  add_label (GTK_BOX (box), "event-title", TRUE);

  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DmWindow                 *self)
{
  DmEventItem *event_item = gtk_list_item_get_item (item);
  DmDataset *dataset = dm_event_item_get_dataset (event_item);
  const DmEvent *event = dm_event_item_get_event (event_item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *date = gtk_widget_get_first_child (box);
  GtkWidget *kind_column = gtk_widget_get_next_sibling (date);
  GtkWidget *kind = gtk_widget_get_first_child (kind_column);
  GtkWidget *title = gtk_widget_get_next_sibling (kind_column);
  const DmKind *kind_info = dm_dataset_lookup_kind (dataset, event->kind);
  g_autofree char *date_text = dm_event_format_date (event, self->language);
  const char *kind_text = kind_info ? dm_text_get (&kind_info->label, self->language) : event->kind;
  g_autofree char *kind_short = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *accessible = NULL;

  /* Everything from the dataset is set as text, never as markup. */
  if (event->certainty != DM_CERTAINTY_STATED)
    {
      g_autofree char *marked = g_strdup_printf (_("%s (inferred)"), date_text);

      if (event->certainty == DM_CERTAINTY_APPROXIMATE)
        {
          g_free (marked);
          marked = g_strdup_printf (_("about %s"), date_text);
        }
      gtk_label_set_text (GTK_LABEL (date), marked);
      gtk_widget_add_css_class (date, "inferred");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (date), date_text);
      gtk_widget_remove_css_class (date, "inferred");
    }
  kind_text = kind_short = shorten (kind_text);
  title_text = shorten (dm_text_get (&event->title, self->language));
  summary_text = shorten (dm_text_get (&event->summary, self->language));

  gtk_label_set_text (GTK_LABEL (kind), kind_text);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_widget_set_tooltip_text (title, summary_text[0] != '\0' ? summary_text : NULL);

  accessible = g_strdup_printf ("%s, %s, %s", kind_text, title_text, date_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* GObject */

static void
dm_window_dispose (GObject *object)
{
  DmWindow *self = (DmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_file);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_WINDOW);

  g_clear_object (&self->events);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_window_class_init (DmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_window_dispose;
  object_class->get_property = dm_window_get_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         DM_TYPE_DATASET,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_view);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_label);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-problem", NULL, dismiss_problem_action);
}

static void
dm_window_init (DmWindow *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->language = dm_language_from_locale ();
  self->events = dm_event_list_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->event_view, factory);
  g_object_unref (factory);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->events))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_list_view_set_model (self->event_view, selection);
  g_object_unref (selection);
}

DmWindow *
dm_window_new (DmApplication *application)
{
  return g_object_new (DM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
