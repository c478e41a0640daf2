/* dm-detail-pane.c
 *
 * Rebuilt from plain labels each time the selection changes: a handful of
 * widgets for one event. Every text from the dataset is set as text, never
 * markup, and is selectable for copying. Controls and bidi overrides are
 * shown as what they are (dm-safe-text.h), and a long text shows its
 * first few thousand characters with a Show More button: a megabyte in a
 * label, or a hundred thousand labels for a list, would stall the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-detail-pane.h"
#include "dm-safe-text.h"

/* The characters of a text shown at first, and added by each Show More. */
#define SHOWN_CHARS 5000

struct _DmDetailPane
{
  GtkWidget   parent_instance;

  GtkWidget  *scrolled;
  GtkWidget  *box;
  GtkWidget  *title_label;

  DmDataset  *dataset;
  int         position;
  DmLanguage  language;
};

G_DEFINE_FINAL_TYPE (DmDetailPane, dm_detail_pane, GTK_TYPE_WIDGET)

enum {
  RELATED_ACTIVATED,
  SHOW_SOURCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shows more of the text of the label before the button. */
static void
show_more_clicked_cb (GtkButton *button,
                      GtkLabel  *label)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");
  gsize shown = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "shown")) * 4;
  g_autofree char *more = dm_safe_text_for_display (text, shown);

  gtk_label_set_text (label, more);
  if (g_str_has_suffix (more, "…") && g_utf8_strlen (text, -1) > (glong) shown)
    g_object_set_data (G_OBJECT (button), "shown", GSIZE_TO_POINTER (shown));
  else
    gtk_widget_unparent (GTK_WIDGET (button));
}

static GtkWidget *
add_label (DmDetailPane *self,
           const char   *text,
           const char   *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *shown = dm_safe_text_for_display (text, SHOWN_CHARS);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), shown);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->box), label);

  /* Cut short: the rest on request, four times as much each time. */
  if (g_utf8_strlen (text, SHOWN_CHARS * 4 + 4) > SHOWN_CHARS && g_str_has_suffix (shown, "…"))
    {
      GtkWidget *button = gtk_button_new_with_label (_("Show More"));

      g_object_set_data_full (G_OBJECT (button), "text", g_strdup (text), g_free);
      g_object_set_data (G_OBJECT (button), "shown", GSIZE_TO_POINTER (SHOWN_CHARS));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_more_clicked_cb), label, 0);
      gtk_box_append (GTK_BOX (self->box), button);
    }

  return label;
}

static void
add_heading (DmDetailPane *self,
             const char   *text)
{
  GtkWidget *label = add_label (self, text, "heading");

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 12);
}

/* The text in the data language, marked when it falls back to the other. */
static char *
text_in (const DmText *text,
         DmLanguage    language)
{
  const char *wanted = language == DM_LANGUAGE_VI ? text->vi : text->en;
  const char *shown = dm_text_get (text, language);

  if (shown[0] == '\0' || (wanted != NULL && wanted[0] != '\0'))
    return g_strdup (shown);

  /* TRANSLATORS: a text shown in the other data language because the
   * dataset has none in the chosen one */
  return g_strdup_printf (language == DM_LANGUAGE_VI ? _("%s (in English)") : _("%s (in Vietnamese)"), shown);
}

static void
related_clicked_cb (GtkButton    *button,
                    DmDetailPane *self)
{
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "position"));

  g_signal_emit (self, signals[RELATED_ACTIVATED], 0, position);
}

static void
show_source_clicked_cb (GtkButton    *button,
                        DmDetailPane *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "citation"));

  g_signal_emit (self, signals[SHOW_SOURCE], 0, self->position, index);
}

static const char *
relation_label (const char *relation)
{
  static const struct {
    const char *id;
    const char *label;
  } names[] = {
    { "part-of", N_("Part of") },
    { "approves", N_("Approves") },
    { "implements", N_("Implements") },
    { "follows-up", N_("Follows up") },
    { "feeds", N_("Feeds into") },
    { "establishes", N_("Establishes") },
    { "related", N_("Related") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, relation) == 0)
      return _(names[i].label);

  return relation;
}

static void
clear (DmDetailPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  self->title_label = NULL;
}

static void
show_empty (DmDetailPane *self)
{
  GtkWidget *label;

  clear (self);
  /* Not the title of the event shown before. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event details"), -1);
  label = add_label (self, _("Select an event to see its details, sources and related events."), "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_widget_set_vexpand (label, TRUE);
}

static void
show_event (DmDetailPane *self)
{
  const DmEvent *event = dm_dataset_get_event (self->dataset, (guint) self->position);
  const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
  /* Dates are in the interface's language; the texts in the data's. */
  g_autofree char *date = dm_event_format_date (event, dm_language_from_locale ());
  g_autofree char *title = text_in (&event->title, self->language);
  g_autofree char *accessible_title = NULL;
  GtkWidget *label;

  clear (self);

  label = add_label (self, kind ? dm_text_get (&kind->label, self->language) : event->kind, "kind-badge");
  gtk_widget_set_halign (label, GTK_ALIGN_START);

  self->title_label = add_label (self, title, "title-2");

  label = add_label (self, date, "event-date");
  if (event->certainty != DM_CERTAINTY_STATED)
    {
      const char *note = event->certainty == DM_CERTAINTY_INFERRED
        ? _("The date is inferred, not stated by the source.")
        : _("The date is approximate.");
      g_autofree char *reason = text_in (&event->certainty_reason, self->language);

      label = add_label (self, note, "certainty-note");
      if (reason[0] != '\0')
        add_label (self, reason, "dim-label");
    }

  if (!dm_text_is_empty (&event->place))
    {
      g_autofree char *place = text_in (&event->place, self->language);
      add_label (self, place, "dim-label");
    }

  if (!dm_text_is_empty (&event->summary))
    {
      g_autofree char *summary = text_in (&event->summary, self->language);
      add_label (self, summary, "event-summary");
    }

  if (event->actors != NULL)
    {
      add_heading (self, _("People and Organisations"));
      for (guint i = 0; i < event->actors->len; i++)
        {
          const DmActor *actor = g_ptr_array_index (event->actors, i);
          g_autofree char *role = text_in (&actor->role, self->language);
          g_autofree char *line = role[0] ? g_strdup_printf ("%s — %s", actor->name, role) : g_strdup (actor->name);

          add_label (self, line, NULL);
        }
    }

  if (event->figures != NULL)
    {
      add_heading (self, _("Figures"));
      for (guint i = 0; i < event->figures->len; i++)
        {
          const DmFigure *figure = g_ptr_array_index (event->figures, i);
          g_autofree char *name = text_in (&figure->label, self->language);
          g_autofree char *value = NULL;
          g_autofree char *line = NULL;

          if (!dm_text_is_empty (&figure->display))
            value = text_in (&figure->display, self->language);
          else if (figure->value_is_integer)
            value = g_strdup_printf ("%" G_GINT64_FORMAT, figure->integer);
          else
            value = g_strdup_printf ("%g", figure->value);
          line = g_strdup_printf ("%s: %s", name, value);
          add_label (self, line, NULL);
        }
    }

  for (guint i = 0; event->lists != NULL && i < event->lists->len; i++)
    {
      const DmList *list = g_ptr_array_index (event->lists, i);
      g_autofree char *name = text_in (&list->label, self->language);

      g_autoptr(GString) lines = g_string_new (NULL);

      /* One label: a list may have a hundred thousand items. */
      add_heading (self, name);
      for (guint k = 0; k < list->items->len; k++)
        {
          g_autofree char *item = text_in (g_ptr_array_index (list->items, k), self->language);

          g_string_append_printf (lines, "%s• %s", k > 0 ? "\n" : "", item);
        }
      add_label (self, lines->str, NULL);
    }

  if (event->related != NULL)
    {
      add_heading (self, _("Related Events"));
      for (guint i = 0; i < event->related->len; i++)
        {
          const DmRelation *relation = g_ptr_array_index (event->related, i);
          guint target;
          const DmEvent *other = dm_dataset_lookup_event (self->dataset, relation->event, &target);
          g_autofree char *text = NULL;
          g_autofree char *shown = NULL;
          GtkWidget *button;
          GtkWidget *button_label;

          if (other == NULL)
            continue;

          shown = dm_safe_text_for_display (dm_text_get (&other->title, self->language), DM_SAFE_TEXT_LABEL_MAX);
          text = g_strdup_printf ("%s: %s", relation_label (relation->relation), shown);
          button_label = gtk_label_new (text);
          gtk_label_set_wrap (GTK_LABEL (button_label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (button_label), 0);
          button = gtk_button_new ();
          gtk_button_set_child (GTK_BUTTON (button), button_label);
          /* A button around a label of our own has no name in GTK 4.8. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "related-event");
          g_object_set_data (G_OBJECT (button), "position", GINT_TO_POINTER ((int) target));
          g_signal_connect (button, "clicked", G_CALLBACK (related_clicked_cb), self);
          gtk_box_append (GTK_BOX (self->box), button);
        }
    }

  if (event->citations != NULL)
    {
      add_heading (self, _("Sources"));
      for (guint i = 0; i < event->citations->len; i++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, i);
          const DmSource *source = dm_dataset_lookup_source (self->dataset, citation->source);
          g_autoptr(GString) line = g_string_new (NULL);

          if (citation->quote != NULL && citation->quote[0] != '\0')
            {
              g_autofree char *quote = g_strdup_printf ("“%s”", citation->quote);
              add_label (self, quote, "citation-quote");
            }

          if (source != NULL)
            {
              g_autofree char *source_title = text_in (&source->title, self->language);

              g_string_append (line, source_title[0] ? source_title : source->id);
              if (source->publisher != NULL)
                g_string_append_printf (line, " — %s", source->publisher);
              if (source->author != NULL)
                g_string_append_printf (line, ", %s", source->author);
              if (dm_date_is_set (&source->date))
                {
                  g_autofree char *source_date = dm_date_format (&source->date, dm_language_from_locale ());
                  g_string_append_printf (line, ", %s", source_date);
                }
            }
          add_label (self, line->str, "dim-label");

          if (source != NULL && source->file != NULL && citation->quote != NULL)
            {
              GtkWidget *button = gtk_button_new_with_mnemonic (_("Show in _Source"));
              g_autofree char *name = NULL;
              g_autofree char *source_title = text_in (&source->title, self->language);

              /* GTK 4.8 names a mnemonic button after its label as written,
               * underscore and all; and one "Show in Source" after another
               * cannot be told apart by ear. */
              /* TRANSLATORS: what a screen reader says for the button that
               * opens a source's text at the quote; %s is the source */
              name = g_strdup_printf (_("Show in source: %s"), source_title[0] ? source_title : source->id);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
              /* …and not its label after that, once more. */
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_widget_set_halign (button, GTK_ALIGN_START);
              gtk_widget_add_css_class (button, "flat");
              g_object_set_data (G_OBJECT (button), "citation", GUINT_TO_POINTER (i));
              g_signal_connect (button, "clicked", G_CALLBACK (show_source_clicked_cb), self);
              gtk_box_append (GTK_BOX (self->box), button);
            }
        }
    }

  if (event->links != NULL)
    {
      add_heading (self, _("Links"));
      for (guint i = 0; i < event->links->len; i++)
        {
          const DmLink *link = g_ptr_array_index (event->links, i);
          const char *name = dm_text_get (&link->title, self->language);
          g_autofree char *shown = dm_safe_text_for_display (name[0] ? name : link->url, DM_SAFE_TEXT_LABEL_MAX);
          /* Only http(s) links reach here (the loader refuses others, and
           * addresses with bidi controls or invisible characters), and
           * they open only when clicked. */
          GtkWidget *button = gtk_link_button_new_with_label (link->url, shown);

          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (self->box), button);
        }
    }

  accessible_title = dm_safe_text_for_display (dm_text_get (&event->title, self->language), DM_SAFE_TEXT_LABEL_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_title, -1);
}

static void
dm_detail_pane_dispose (GObject *object)
{
  DmDetailPane *self = (DmDetailPane *)object;

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_detail_pane_parent_class)->dispose (object);
}

static void
dm_detail_pane_class_init (DmDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_detail_pane_dispose;

  signals[RELATED_ACTIVATED] =
    g_signal_new ("related-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SHOW_SOURCE] =
    g_signal_new ("show-source", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dm_detail_pane_init (DmDetailPane *self)
{
  self->position = -1;

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  /* With nothing focusable inside, the scrolled window is the Tab stop
   * (the arrow keys scroll it): it is named as the pane is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scrolled), GTK_ACCESSIBLE_RELATION_LABELLED_BY, self, NULL, -1);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 18);
  gtk_widget_set_margin_bottom (self->box, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->box);

  show_empty (self);
}

GtkWidget *
dm_detail_pane_new (void)
{
  return g_object_new (DM_TYPE_DETAIL_PANE, NULL);
}

void
dm_detail_pane_show (DmDetailPane *self,
                     DmDataset    *dataset,
                     int           position,
                     DmLanguage    language)
{
  g_return_if_fail (DM_IS_DETAIL_PANE (self));
  g_return_if_fail (!dataset || DM_IS_DATASET (dataset));

  g_set_object (&self->dataset, dataset);
  self->language = language;
  self->position = dataset != NULL && position >= 0 && position < (int) dm_dataset_get_n_events (dataset) ? position : -1;

  if (self->position < 0)
    show_empty (self);
  else
    show_event (self);
}

int
dm_detail_pane_get_event (DmDetailPane *self)
{
  g_return_val_if_fail (DM_IS_DETAIL_PANE (self), -1);

  return self->position;
}

const char *
dm_detail_pane_get_title (DmDetailPane *self)
{
  g_return_val_if_fail (DM_IS_DETAIL_PANE (self), NULL);

  return self->title_label ? gtk_label_get_text (GTK_LABEL (self->title_label)) : NULL;
}
