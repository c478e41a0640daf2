/* dm-window.c — the main window: timeline, event list, detail pane
 *
 * This is the shell: the class, its template, its state and properties,
 * and the selection kept in sync between the timeline, the list and the
 * detail pane. The jobs the window does are in the other dm-window-*.c
 * files (see dm-window-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-item.h"
#include "dm-overview.h"
#include "dm-safe-text.h"
#include "dm-tab-stop.h"
#include "dm-window-private.h"

G_DEFINE_FINAL_TYPE (DmWindow, dm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DATA_LANGUAGE,
  PROP_SHOW_LIST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* Text for a one-line label: a title of megabytes would stall the text
 * layout for nothing, so keep the start and say that it goes on; controls
 * and bidi overrides are shown as what they are. */
char *
_dm_window_shorten (const char *text)
{
  if (text == NULL)
    return NULL;

  return dm_safe_text_for_display (text, 500);
}

/* GTK 4.8 names a button or a check button with a mnemonic after its
 * label as written, underscore and all, and a button after the label
 * inside it once more: screen readers said "underscore Show All Show
 * All". A button is named right by the label inside alone; a check button
 * has none, and is given its label without the underscore. */
void
_dm_window_drop_mnemonic_names (GtkWidget *widget)
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
    _dm_window_drop_mnemonic_names (child);
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

/* Selection, in sync between the timeline, the list and the detail pane */

void
_dm_window_show_details (DmWindow *self)
{
  dm_detail_pane_show (self->detail_pane, dm_window_get_dataset (self),
                       dm_timeline_view_get_selected (self->timeline), self->language);
}

static void
timeline_selected_cb (DmWindow *self)
{
  int selected = dm_timeline_view_get_selected (self->timeline);
  int row = selected >= 0 ? dm_event_list_find (self->events, (guint) selected) : -1;

  _dm_window_show_details (self);

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

void
_dm_window_update_history (DmWindow *self)
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
  _dm_window_update_history (self);
  dm_timeline_view_set_selected (self->timeline, position);
}

/* State */

/* A dataset loaded: shown everywhere, with what was searched, filtered
 * and selected in the last one applied to it where it still means
 * something. */
void
_dm_window_set_dataset (DmWindow  *self,
                        DmDataset *dataset)
{
  const DmText *title = dm_dataset_get_title (dataset);
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree char *subtitle = NULL;
  g_autofree char *title_text = NULL;
  GFile *file = dm_dataset_get_file (dataset);

  _dm_window_index_dataset (self, dataset);

  /* Positions are the dataset's: those of another mean nothing. */
  if (self->history != NULL)
    g_array_set_size (self->history, 0);
  _dm_window_update_history (self);
  dm_event_list_set_dataset (self->events, dataset);
  dm_timeline_view_set_dataset (self->timeline, dataset);
  _dm_window_watch_file (self, file);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  title_text = _dm_window_shorten (dm_text_get (title, self->language));
  adw_window_title_set_title (self->window_title, title_text);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title_text);

  /* A timeline in one language has nothing to switch to. */
  gtk_widget_set_visible (self->language_switch,
                          dm_dataset_has_language (dataset, DM_LANGUAGE_VI) &&
                          dm_dataset_has_language (dataset, DM_LANGUAGE_EN));

  _dm_window_apply_filter (self);
  _dm_window_fit_columns (self);
  _dm_window_show_details (self);

  if (self->settings != NULL && file != NULL && !self->reloading)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_settings_set_string (self->settings, "last-dataset", g_str_has_prefix (uri, "resource://") ? "" : uri);
    }

  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "events");

  dm_window_edit_dataset_shown (self, dataset);
  /* The filter menu offers the new dataset's kinds and tags. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
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
      g_autofree char *title_text = _dm_window_shorten (dm_text_get (dm_dataset_get_title (dataset), language));

      adw_window_title_set_title (self->window_title, title_text);
      gtk_window_set_title (GTK_WINDOW (self), title_text);
      /* Rows are bound again, in the new language: the same rows, so the
       * list is told they changed. */
      _dm_window_apply_filter (self);
      dm_event_list_refresh (self->events);
      _dm_window_fit_columns (self);
      /* The list's selection went with its rows: it comes back, and the
       * pane is shown in the new language. */
      timeline_selected_cb (self);
    }

  /* The filter menu names kinds and tags in the new language. */
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

/* GObject */

static gboolean
dm_window_close_request (GtkWindow *window)
{
  DmWindow *self = DM_WINDOW (window);

  if (dm_window_edit_close_request (self))  /* unsaved changes */
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
  g_clear_handle_id (&self->pulse_id, g_source_remove);
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
  g_type_ensure (DM_TYPE_FILTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, page_progress);
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
  gtk_widget_class_bind_template_callback (widget_class, timeline_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, related_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_pane_cb);

  gtk_widget_class_install_property_action (widget_class, "win.show-list", "show-list");
  gtk_widget_class_install_property_action (widget_class, "win.data-language", "data-language");

  /* The jobs' own actions, keys and template callbacks; editing's first,
   * so that its keys come before the others'. */
  dm_window_edit_class_init (widget_class);
  _dm_window_class_actions_init (widget_class);
  _dm_window_class_load_init (widget_class);
  _dm_window_class_search_init (widget_class);
  _dm_window_class_list_init (widget_class);
  _dm_window_class_export_init (widget_class);
}

static void
dm_window_init (DmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  dm_window_edit_init (self);
  self->history = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", FALSE);
  _dm_window_drop_mnemonic_names (GTK_WIDGET (self));

  /* Toasts (where an export went) over the whole content. */
  {
    g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));

    self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
    adw_toast_overlay_set_child (self->toast_overlay, content);
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  }
  _dm_window_drop_mnemonic_names (GTK_WIDGET (self->filter_popover));
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

  self->events = dm_event_list_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (list_selected_cb), self, G_CONNECT_SWAPPED);

  _dm_window_search_init (self);
  _dm_window_list_init (self);
  _dm_window_load_init (self);

  /* The filter menu shows and changes the window's filter, for the
   * dataset shown, in the data language. */
  dm_filter_popover_set_filter (self->filter_popover, self->filter);
  g_object_bind_property (self, "data-language", self->filter_popover, "language", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "dataset", self->filter_popover, "dataset", G_BINDING_SYNC_CREATE);
}

/* Public API */

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

DmDataset *
dm_window_get_dataset (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);

  return dm_event_list_get_dataset (self->events);
}
