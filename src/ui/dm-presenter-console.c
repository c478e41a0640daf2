/* dm-presenter-console.c
 *
 * What the presenter sees while the audience sees the slides: the slide
 * shown, drawn small (a live picture of the audience's screen, blanked
 * when it is), the next event, notes for the event shown (its summary,
 * what its sources say, word for word, and why its date is only inferred
 * or approximate), the time since the presentation began and the time of
 * day, and every event presented, to jump to with a click.
 *
 * The console takes no key: the presentation's keys are taken before it
 * sees them (dm-presentation.c), wherever the console is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-presenter-console.h"
#include "dm-safe-text.h"

/* A note is read at a glance: a longer text is cut. */
#define NOTE_MAX_CHARS 2000

struct _DmPresenterConsole
{
  GtkWidget       parent_instance;

  DmDataset      *dataset;
  GArray         *positions;
  DmLanguage      language;
  DmSlideKind     kind;
  guint           index;
  gint64          start_time;
  guint           clock_id;
  GtkStringList  *titles;
  GtkSingleSelection *selection;

  GtkWidget      *progress_label;
  GtkWidget      *elapsed_label;
  GtkWidget      *clock_label;
  GtkWidget      *list;
  GtkWidget      *preview;
  GtkWidget      *current_label;
  GtkWidget      *current_date_label;
  GtkWidget      *next_label;
  GtkWidget      *next_date_label;
  GtkWidget      *notes_box;
};

G_DEFINE_FINAL_TYPE (DmPresenterConsole, dm_presenter_console, GTK_TYPE_WIDGET)

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static const DmEvent *
event_at (DmPresenterConsole *self,
          guint               index)
{
  return dm_dataset_get_event (self->dataset, g_array_index (self->positions, guint, index));
}

/* A note: dataset text, shown as text and bounded. */
static GtkWidget *
add_note (DmPresenterConsole *self,
          const char         *text,
          const char         *css_class)
{
  g_autofree char *safe = dm_safe_text_for_display (text, NOTE_MAX_CHARS);
  GtkWidget *label;

  if (safe[0] == '\0')
    return NULL;

  label = gtk_label_new (safe);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->notes_box), label);

  return label;
}

static void
add_heading (DmPresenterConsole *self,
             const char         *text)
{
  GtkWidget *label = add_note (self, text, "heading");

  gtk_widget_set_margin_top (label, 12);
}

static void
clear_notes (DmPresenterConsole *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->notes_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->notes_box), child);
}

/* The event's notes: its summary, what its sources say, why its date is
 * not stated. */
static void
show_event_notes (DmPresenterConsole *self,
                  const DmEvent      *event)
{
  const char *summary = dm_text_get (&event->summary, self->language);

  add_note (self, summary, "console-summary");

  if (event->citations != NULL && event->citations->len > 0)
    {
      add_heading (self, _("Sources"));
      for (guint i = 0; i < event->citations->len; i++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, i);
          const DmSource *source = dm_dataset_lookup_source (self->dataset, citation->source);
          const char *translation = self->language == DM_LANGUAGE_VI ? citation->translation.vi
                                                                     : citation->translation.en;
          g_autoptr(GString) line = g_string_new (NULL);

          if (citation->quote != NULL && citation->quote[0] != '\0')
            {
              g_autofree char *quote = g_strdup_printf ("“%s”", citation->quote);

              add_note (self, quote, "console-quote");
              if (translation != NULL && translation[0] != '\0' && g_strcmp0 (translation, citation->quote) != 0)
                {
                  /* TRANSLATORS: a quote's translation, shown under the
                   * quote as the source writes it */
                  g_autofree char *rendering = g_strdup_printf (_("Translation: %s"), translation);

                  add_note (self, rendering, NULL);
                }
            }

          if (source != NULL)
            {
              const char *title = dm_text_get (&source->title, self->language);

              g_string_append (line, title[0] != '\0' ? title : source->id);
              if (source->publisher != NULL)
                g_string_append_printf (line, " — %s", source->publisher);
            }
          else if (citation->source != NULL)
            g_string_append (line, citation->source);
          add_note (self, line->str, "dim-label");
        }
    }

  if (event->certainty != DM_CERTAINTY_STATED || !dm_text_is_empty (&event->certainty_reason))
    {
      add_heading (self, _("Date"));
      if (event->certainty == DM_CERTAINTY_INFERRED)
        add_note (self, _("The date is inferred, not stated by the source."), NULL);
      else if (event->certainty == DM_CERTAINTY_APPROXIMATE)
        add_note (self, _("The date is approximate."), NULL);
      add_note (self, dm_text_get (&event->certainty_reason, self->language), "dim-label");
    }
}

static void
show_notes (DmPresenterConsole *self)
{
  clear_notes (self);

  if (self->kind == DM_SLIDE_EVENT)
    show_event_notes (self, event_at (self, self->index));
  else
    {
      DmSlideText text = { 0 };

      /* The opening and closing slides' own texts: what is shown, the
       * sources. */
      dm_slide_text_init (&text, self->dataset, self->positions, self->kind, 0, self->language);
      add_note (self, text.kind, NULL);
      add_note (self, text.summary, "console-summary");
      add_note (self, text.citation, "dim-label");
      dm_slide_text_clear (&text);
    }
}

static char *
format_elapsed (gint64 usec)
{
  gint64 seconds = MAX (usec, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
update_clock (DmPresenterConsole *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  g_autofree char *elapsed = format_elapsed (g_get_monotonic_time () - self->start_time);

  gtk_label_set_text (GTK_LABEL (self->clock_label), clock);
  gtk_label_set_text (GTK_LABEL (self->elapsed_label), elapsed);
}

static char *
join_notes (DmPresenterConsole *self)
{
  GString *notes = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->notes_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "", gtk_label_get_text (GTK_LABEL (child)));

  return g_string_free (notes, FALSE);
}

/* Callbacks */

static gboolean
clock_cb (gpointer user_data)
{
  update_clock (user_data);
  return G_SOURCE_CONTINUE;
}

static void
list_activate_cb (DmPresenterConsole *self,
                  guint               position)
{
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, position);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* GtkWidget */

static void
dm_presenter_console_map (GtkWidget *widget)
{
  DmPresenterConsole *self = DM_PRESENTER_CONSOLE (widget);

  GTK_WIDGET_CLASS (dm_presenter_console_parent_class)->map (widget);

  /* The time, to the second, while it is seen. */
  update_clock (self);
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
}

static void
dm_presenter_console_unmap (GtkWidget *widget)
{
  DmPresenterConsole *self = DM_PRESENTER_CONSOLE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (dm_presenter_console_parent_class)->unmap (widget);
}

/* GObject */

static void
dm_presenter_console_dispose (GObject *object)
{
  DmPresenterConsole *self = (DmPresenterConsole *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_PRESENTER_CONSOLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->titles);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (dm_presenter_console_parent_class)->dispose (object);
}

static void
dm_presenter_console_class_init (DmPresenterConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_presenter_console_dispose;
  widget_class->map = dm_presenter_console_map;
  widget_class->unmap = dm_presenter_console_unmap;

  /**
   * DmPresenterConsole::event-activated:
   * @index: the event, as an index into the positions presented
   *
   * The presenter chose an event in the list, to go to.
   */
  signals[EVENT_ACTIVATED] = g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-presenter-console.ui");
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, clock_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, list);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, preview);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, current_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, current_date_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, next_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, next_date_label);
  gtk_widget_class_bind_template_child (widget_class, DmPresenterConsole, notes_box);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dm_presenter_console_init (DmPresenterConsole *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->start_time = g_get_monotonic_time ();
  self->titles = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->titles)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list), factory);
  g_object_unref (factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list), GTK_SELECTION_MODEL (self->selection));

  update_clock (self);
}

/* Public API */

GtkWidget *
dm_presenter_console_new (void)
{
  return g_object_new (DM_TYPE_PRESENTER_CONSOLE, NULL);
}

void
dm_presenter_console_set_slides (DmPresenterConsole *self,
                                 DmDataset          *dataset,
                                 GArray             *positions,
                                 DmLanguage          language)
{
  g_autoptr(GPtrArray) titles = NULL;

  g_return_if_fail (DM_IS_PRESENTER_CONSOLE (self));
  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (positions != NULL);

  g_set_object (&self->dataset, dataset);
  g_array_set_size (self->positions, 0);
  g_array_append_vals (self->positions, positions->data, positions->len);
  self->language = language;

  /* "3. Title", each bounded: a list of thousands of events is made at
   * once, but only the rows in sight are laid out. */
  titles = g_ptr_array_new_full (positions->len + 1, g_free);
  for (guint i = 0; i < positions->len; i++)
    {
      g_autofree char *title = dm_safe_text_for_display (dm_text_get (&event_at (self, i)->title, language),
                                                         DM_SAFE_TEXT_LABEL_MAX);

      /* TRANSLATORS: an event in the presenter's list: its number in
       * the presentation, then its title */
      g_ptr_array_add (titles, g_strdup_printf (_("%u. %s"), i + 1, title));
    }
  g_ptr_array_add (titles, NULL);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_string_list_splice (self->titles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->titles)),
                          (const char * const *) titles->pdata);

  if (self->kind == DM_SLIDE_EVENT && self->index >= positions->len)
    self->kind = DM_SLIDE_TITLE;
  dm_presenter_console_show_slide (self, self->kind, self->index);
}

void
dm_presenter_console_show_slide (DmPresenterConsole *self,
                                 DmSlideKind         kind,
                                 guint               index)
{
  DmSlideText text = { 0 };
  DmSlideText next = { 0 };
  g_autofree char *progress = NULL;
  g_autofree char *current = NULL;

  g_return_if_fail (DM_IS_PRESENTER_CONSOLE (self));

  if (self->dataset == NULL)
    return;
  if (kind == DM_SLIDE_EVENT && index >= self->positions->len)
    kind = self->positions->len > 0 ? DM_SLIDE_CLOSING : DM_SLIDE_TITLE;
  self->kind = kind;
  self->index = kind == DM_SLIDE_EVENT ? index : 0;

  dm_slide_text_init (&text, self->dataset, self->positions, kind, self->index, self->language);
  if (kind == DM_SLIDE_TITLE)
    progress = g_strdup (_("Opening slide"));
  else if (kind == DM_SLIDE_CLOSING)
    progress = g_strdup (_("Closing slide"));
  else
    progress = g_strdup_printf (_("Slide %u of %u"), self->index + 1, self->positions->len);
  gtk_label_set_text (GTK_LABEL (self->progress_label), progress);
  current = dm_safe_text_for_display (text.title, DM_SAFE_TEXT_LABEL_MAX);
  gtk_label_set_text (GTK_LABEL (self->current_label), current);
  gtk_label_set_text (GTK_LABEL (self->current_date_label), kind == DM_SLIDE_EVENT ? text.date : "");
  gtk_widget_set_visible (self->current_date_label, kind == DM_SLIDE_EVENT && text.date[0] != '\0');
  dm_slide_text_clear (&text);

  /* What the next key brings. */
  if (kind == DM_SLIDE_TITLE && self->positions->len > 0)
    dm_slide_text_init (&next, self->dataset, self->positions, DM_SLIDE_EVENT, 0, self->language);
  else if (kind == DM_SLIDE_EVENT && self->index + 1 < self->positions->len)
    dm_slide_text_init (&next, self->dataset, self->positions, DM_SLIDE_EVENT, self->index + 1, self->language);
  if (next.title != NULL)
    {
      g_autofree char *title = dm_safe_text_for_display (next.title, DM_SAFE_TEXT_LABEL_MAX);

      gtk_label_set_text (GTK_LABEL (self->next_label), title);
      gtk_label_set_text (GTK_LABEL (self->next_date_label), next.date);
      dm_slide_text_clear (&next);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->next_label),
                          kind == DM_SLIDE_EVENT ? _("Closing slide") : _("End of the presentation"));
      gtk_label_set_text (GTK_LABEL (self->next_date_label), "");
    }
  gtk_widget_set_visible (self->next_date_label, gtk_label_get_text (GTK_LABEL (self->next_date_label))[0] != '\0');

  show_notes (self);

  /* The event shown, selected and in sight in the list. */
  if (kind == DM_SLIDE_EVENT)
    {
      gtk_single_selection_set_selected (self->selection, self->index);
      gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", self->index);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
dm_presenter_console_set_preview (DmPresenterConsole *self,
                                  GdkPaintable       *paintable)
{
  g_return_if_fail (DM_IS_PRESENTER_CONSOLE (self));

  gtk_picture_set_paintable (GTK_PICTURE (self->preview), paintable);
}

void
dm_presenter_console_set_start_time (DmPresenterConsole *self,
                                     gint64              start)
{
  g_return_if_fail (DM_IS_PRESENTER_CONSOLE (self));

  self->start_time = start;
  update_clock (self);
}

char *
dm_presenter_console_dup_text (DmPresenterConsole *self,
                               const char         *part)
{
  static const char * const names[] = { "progress", "current", "current-date", "next", "next-date",
                                         "elapsed", "clock" };
  GtkWidget *labels[G_N_ELEMENTS (names)];

  g_return_val_if_fail (DM_IS_PRESENTER_CONSOLE (self), NULL);

  if (g_str_equal (part, "notes"))
    return join_notes (self);

  labels[0] = self->progress_label;
  labels[1] = self->current_label;
  labels[2] = self->current_date_label;
  labels[3] = self->next_label;
  labels[4] = self->next_date_label;
  labels[5] = self->elapsed_label;
  labels[6] = self->clock_label;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (part, names[i]))
      return g_strdup (gtk_label_get_text (GTK_LABEL (labels[i])));

  g_return_val_if_reached (NULL);
}

GtkWidget *
dm_presenter_console_get_list (DmPresenterConsole *self)
{
  g_return_val_if_fail (DM_IS_PRESENTER_CONSOLE (self), NULL);

  return self->list;
}
