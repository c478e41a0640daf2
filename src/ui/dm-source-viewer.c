/* dm-source-viewer.c
 *
 * The source text of a citation, beside the timeline: a window of its own,
 * not modal, so that the passage can be read next to the event it backs.
 * Esc and Ctrl+W close it; it opens at the size it had last time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-source-viewer.h"

struct _DmSourceViewer
{
  AdwWindow       parent_instance;

  GtkTextView    *text_view;

  GSettings      *settings;
  guint           scroll_id;
};

G_DEFINE_FINAL_TYPE (DmSourceViewer, dm_source_viewer, ADW_TYPE_WINDOW)

enum {
  CITE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Finds @quote in @text ignoring differences in white space; returns the
 * byte range in @text. */
static gboolean
find_quote (const char *text,
            const char *quote,
            gsize      *start,
            gsize      *end)
{
  for (const char *t = text; *t; t++)
    {
      const char *a = t;
      const char *b = quote;

      while (*a && *b)
        {
          if (g_ascii_isspace (*a) && g_ascii_isspace (*b))
            {
              while (g_ascii_isspace (*a))
                a++;
              while (g_ascii_isspace (*b))
                b++;
              continue;
            }
          if (*a != *b)
            break;
          a++, b++;
        }

      if (*b == '\0')
        {
          *start = (gsize) (t - text);
          *end = (gsize) (a - text);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
scroll_to_quote_cb (gpointer data)
{
  DmSourceViewer *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  self->scroll_id = 0;
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0.1, TRUE, 0, 0.3);
  return G_SOURCE_REMOVE;
}

static gboolean
dm_source_viewer_close_request (GtkWindow *window)
{
  DmSourceViewer *self = DM_SOURCE_VIEWER (window);
  int width;
  int height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "source-viewer-width", width);
      g_settings_set_int (self->settings, "source-viewer-height", height);
    }

  return GTK_WINDOW_CLASS (dm_source_viewer_parent_class)->close_request (window);
}

static void
dm_source_viewer_dispose (GObject *object)
{
  DmSourceViewer *self = DM_SOURCE_VIEWER (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dm_source_viewer_parent_class)->dispose (object);
}

/* The selected passage, verbatim, to make an event of or to cite in the
 * selected one. */
static void
cite_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmSourceViewer *self = DM_SOURCE_VIEWER (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *quote = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  quote = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_signal_emit (self, signals[CITE], 0, quote, g_str_equal (action_name, "viewer.new-event"));
}

static void
selection_changed_cb (DmSourceViewer *self)
{
  gboolean selected = gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.new-event", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.cite", selected);
}

static void
dm_source_viewer_class_init (DmSourceViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dm_source_viewer_dispose;
  window_class->close_request = dm_source_viewer_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-source-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, DmSourceViewer, text_view);

  /* A reading window goes as it came: Esc, as a dialog would, and Ctrl+W,
   * as any window with a document does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  /**
   * DmSourceViewer::cite:
   * @quote: the selected passage, verbatim
   * @new_event: whether to make a new event of it, rather than to cite it
   *   in the selected event
   */
  signals[CITE] =
    g_signal_new ("cite",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "viewer.new-event", NULL, cite_action);
  gtk_widget_class_install_action (widget_class, "viewer.cite", NULL, cite_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "viewer.new-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "viewer.cite", NULL);
}

static void
dm_source_viewer_init (DmSourceViewer *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the text's context menu, besides Copy. */
  {
    g_autoptr(GMenu) menu = g_menu_new ();

    g_menu_append (menu, _("_New Event from Selection"), "viewer.new-event");
    g_menu_append (menu, _("_Cite in Selected Event"), "viewer.cite");
    gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (menu));
  }
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "notify::has-selection",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  selection_changed_cb (self);

  /* Without the schema (a build run in place) it just does not remember. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "source-viewer-width"),
                                   g_settings_get_int (self->settings, "source-viewer-height"));
    }
}

DmSourceViewer *
dm_source_viewer_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (DM_TYPE_SOURCE_VIEWER,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
}

void
dm_source_viewer_show_text (DmSourceViewer *self,
                            const char     *title,
                            const char     *text,
                            const char     *quote)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter;
  GtkTextIter end_iter;
  gsize start;
  gsize end;

  g_return_if_fail (DM_IS_SOURCE_VIEWER (self));
  g_return_if_fail (text != NULL);

  /* The header bar shows the window's title as text, never as markup:
   * the title is the dataset's. */
  gtk_window_set_title (GTK_WINDOW (self), title);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, text, -1);

  /* The passage selected, as a find would: visible in every theme. */
  if (quote != NULL && find_quote (text, quote, &start, &end))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int) g_utf8_pointer_to_offset (text, text + start));
      gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int) g_utf8_pointer_to_offset (text, text + end));
      gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
    }
  else
    {
      gtk_text_buffer_get_start_iter (buffer, &start_iter);
      gtk_text_buffer_place_cursor (buffer, &start_iter);
    }

  /* Scrolled once the text is laid out at the window's width. */
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_quote_cb, self, NULL);
}
