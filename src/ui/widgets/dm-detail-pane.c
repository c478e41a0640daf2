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

#include <math.h>

#include <glib/gi18n.h>

#include "dm-detail-pane.h"
#include "dm-safe-text.h"
#include "dm-scene.h"

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
  gboolean    can_go_back;

  /* The events that refer to the event shown (DmReferrer), kept across
   * edits (dm_detail_pane_events_changed()), for the event of this id
   * in this dataset. */
  GArray     *referrers;
  DmDataset  *referrers_dataset;   /* not a reference: compared only */
  char       *referrers_id;
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

/* A relation as its event says it ("Part of"), or, @inverse, as the other
 * event says it back ("Includes"). */
static const char *
relation_label (const char *relation,
                gboolean    inverse)
{
  static const struct {
    const char *id;
    const char *label;
    const char *inverse;
  } names[] = {
    { "part-of", N_("Part of"), N_("Includes") },
    { "approves", N_("Approves"), N_("Approved by") },
    { "implements", N_("Implements"), N_("Implemented by") },
    { "follows-up", N_("Follows up"), N_("Followed up by") },
    { "feeds", N_("Feeds into"), N_("Draws on") },
    { "establishes", N_("Establishes"), N_("Established by") },
    { "cites", N_("Cites"), N_("Cited by") },
    { "related", N_("Related"), N_("Related") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, relation) == 0)
      return _(inverse ? names[i].inverse : names[i].label);

  return relation;
}

static void
add_related_button (DmDetailPane *self,
                    const char   *relation,
                    gboolean      inverse,
                    guint         target)
{
  const DmEvent *other = dm_dataset_get_event (self->dataset, target);
  g_autofree char *shown = dm_safe_text_for_display (dm_text_get (&other->title, self->language),
                                                     DM_SAFE_TEXT_LABEL_MAX);
  g_autofree char *text = g_strdup_printf ("%s: %s", relation_label (relation, inverse), shown);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  /* A button around a label of our own has no name in GTK 4.8. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "related-event");
  g_object_set_data (G_OBJECT (button), "position", GINT_TO_POINTER ((int) target));
  g_signal_connect (button, "clicked", G_CALLBACK (related_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

/* Back to the event shown before a related link was followed: the
 * window's win.go-back, as Alt+Left. */
static void
add_back_button (DmDetailPane *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Back"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.go-back");
  /* TRANSLATORS: the name a screen reader gives the Back button of the
   * detail pane */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the previous event"), -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_widget_set_tooltip_text (button, _("Back to the previous event (Alt+Left)"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "back-button");
  gtk_box_append (GTK_BOX (self->box), button);
}

/* A quote's translation into the data language, when it has one and the
 * quote is in another: shown beside the verbatim quote, never for it. */
static const char *
quote_translation (const DmCitation *citation,
                   DmLanguage        language)
{
  const char *translation = language == DM_LANGUAGE_VI ? citation->translation.vi : citation->translation.en;

  if (translation == NULL || translation[0] == '\0' || g_strcmp0 (translation, citation->quote) == 0)
    return NULL;
  return translation;
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

/* Kinds and sources listed for a dataset: beyond, they are no overview. */
#define MAX_LISTED 40

/* At most @max_chars of @text, with "…" when it was cut: a dataset's
 * title or description may be of any length, and a label wraps all of
 * it on every allocation. */
static char *
shorten (char  *text,
         guint  max_chars)
{
  const char *end;
  char *cut;

  if (g_utf8_strlen (text, (gssize) max_chars * 4 + 1) <= max_chars)
    return text;

  end = g_utf8_offset_to_pointer (text, max_chars);
  cut = g_strdup_printf ("%.*s…", (int) (end - text), text);
  g_free (text);
  return cut;
}

/* A source as a line names it: its @title (its id if it has none), then
 * publisher, author and date where known. */
static void
append_source (GString        *line,
               const DmSource *source,
               const char     *title)
{
  g_string_append (line, title[0] ? title : source->id);
  if (source->publisher != NULL)
    g_string_append_printf (line, " — %s", source->publisher);
  if (source->author != NULL)
    g_string_append_printf (line, ", %s", source->author);
  if (dm_date_is_set (&source->date))
    {
      g_autofree char *date = dm_date_format (&source->date, dm_language_from_locale ());

      g_string_append_printf (line, ", %s", date);
    }
}

/* The key to the timeline's marks, drawn as the timeline draws them. */
static void
setup_legend_scene (GtkWidget *area,
                    DmScene   *scene)
{
  GdkRGBA fg;

  dm_scene_init (scene);
  /* GTK 4.8 has no gtk_widget_get_color(), as in dm-timeline-view.c. */
  gtk_style_context_get_color (gtk_widget_get_style_context (area), &fg);
  scene->foreground = (DmColor) { fg.red, fg.green, fg.blue, fg.alpha };
  scene->pango = gtk_widget_get_pango_context (area);
}

static void
draw_legend_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const char *labels[DM_SCENE_N_MARKS];
  DmScene scene;

  setup_legend_scene (GTK_WIDGET (area), &scene);
  dm_scene_get_legend_labels (labels);
  dm_scene_draw_legend (&scene, cr, 0, 0, width, labels);
  dm_scene_clear (&scene);
}

/* As tall as its rows at this width. */
static void
legend_resize_cb (GtkDrawingArea *area,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  const char *labels[DM_SCENE_N_MARKS];
  DmScene scene;
  int needed;

  setup_legend_scene (GTK_WIDGET (area), &scene);
  dm_scene_get_legend_labels (labels);
  needed = (int) ceil (dm_scene_draw_legend (&scene, cr, 0, 0, width, labels));
  dm_scene_clear (&scene);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (needed != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, needed);
}

/* With nothing selected, the dataset itself: what it is, what it holds,
 * where it comes from, and how its dates are drawn. */
static void
show_dataset (DmDetailPane *self)
{
  DmDataset *dataset = self->dataset;
  guint n_events = dm_dataset_get_n_events (dataset);
  g_autofree char *title = shorten (text_in (dm_dataset_get_title (dataset), self->language), 500);
  g_autofree char *count = NULL;
  GtkWidget *label;
  DmDate first;
  DmDate last;

  clear (self);

  if (self->can_go_back)
    add_back_button (self);

  label = add_label (self, _("About this timeline"), "kind-badge");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  self->title_label = add_label (self, title, "title-2");

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  if (dm_dataset_get_span (dataset, &first, &last, NULL, NULL))
    {
      g_autofree char *span = dm_date_format_range (&first, &last, dm_language_from_locale ());
      g_autofree char *line = g_strdup_printf ("%s, %s", count, span);

      add_label (self, line, "event-date");
    }
  else
    add_label (self, count, "event-date");

  if (!dm_text_is_empty (dm_dataset_get_description (dataset)))
    {
      g_autofree char *description = shorten (text_in (dm_dataset_get_description (dataset), self->language), 4000);
      add_label (self, description, "event-summary");
    }

  /* The legend of the timeline's marks: drawn, then said. */
  add_heading (self, _("How Dates Are Drawn"));
  {
    GtkWidget *legend = gtk_drawing_area_new ();

    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (legend), 52);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (legend), draw_legend_cb, NULL, NULL);
    g_signal_connect (legend, "resize", G_CALLBACK (legend_resize_cb), NULL);
    gtk_widget_add_css_class (legend, "legend");
    gtk_box_append (GTK_BOX (self->box), legend);

    /* What the marks mean, for a screen reader: the picture says it to
     * the eye. */
    {
      g_autofree char *said = g_strjoin (" ",
                                         _("Stated: a solid mark; the source gives the date."),
                                         _("Inferred or approximate: a dashed outline; the date was worked out, and the event says why."),
                                         _("Open-ended: a light mark with a tail that fades out; only one bound is known, as in “no later than November 2021”."),
                                         _("A date known only to the year or month is drawn as the faint span it covers."),
                                         NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (legend),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("How Dates Are Drawn"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said,
                                      -1);
      gtk_widget_set_tooltip_text (legend, said);
    }
  }

  if (dm_dataset_get_n_kinds (dataset) > 0)
    {
      add_heading (self, _("Events by Kind"));
      for (guint k = 0; k < MIN (dm_dataset_get_n_kinds (dataset), MAX_LISTED); k++)
        {
          const DmKind *kind = dm_dataset_get_kind (dataset, k);
          g_autofree char *name = shorten (text_in (&kind->label, self->language), 200);
          g_autofree char *line = g_strdup_printf ("%s: %u", name, dm_dataset_get_kind_count (dataset, k));

          add_label (self, line, NULL);
        }
    }

  if (dm_dataset_get_n_sources (dataset) > 0)
    {
      add_heading (self, _("Sources"));
      for (guint i = 0; i < MIN (dm_dataset_get_n_sources (dataset), MAX_LISTED); i++)
        {
          const DmSource *source = dm_dataset_get_source (dataset, i);
          g_autofree char *source_title = shorten (text_in (&source->title, self->language), 300);
          g_autoptr(GString) line = g_string_new ("• ");

          append_source (line, source, source_title);
          add_label (self, line->str, NULL);
        }
    }

  label = add_label (self, _("Select an event to see its details, sources and related events."), "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 12);

  /* An overview to read, not to work in: one Tab stop (the pane's
   * scrolled window), not one per selectable label. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      gtk_label_set_selectable (GTK_LABEL (child), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
forget_referrers (DmDetailPane *self)
{
  g_clear_pointer (&self->referrers, g_array_unref);
  g_clear_pointer (&self->referrers_id, g_free);
  self->referrers_dataset = NULL;
}

/* The events whose relations name the event shown, in time order. From
 * the dataset's table of every event's referrers, which is made once
 * (13 ms at 100 000 events) and thrown away by each edit; kept here, and
 * moved along by each edit (dm_detail_pane_events_changed()), so that
 * the pane shown again after each keystroke in the editor does not make
 * the table again. */
static GArray *
get_referrers (DmDetailPane *self)
{
  const char *id = dm_dataset_get_event (self->dataset, (guint) self->position)->id;

  if (self->referrers == NULL || self->referrers_dataset != self->dataset || g_strcmp0 (self->referrers_id, id) != 0)
    {
      guint n;
      const DmReferrer *referrers = dm_dataset_get_referrers (self->dataset, (guint) self->position, &n);

      forget_referrers (self);
      self->referrers = g_array_sized_new (FALSE, FALSE, sizeof (DmReferrer), n);
      g_array_append_vals (self->referrers, referrers, n);
      self->referrers_dataset = self->dataset;
      self->referrers_id = g_strdup (id);
    }

  return self->referrers;
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

  if (self->can_go_back)
    add_back_button (self);

  label = add_label (self, kind ? dm_text_get (&kind->label, self->language) : event->kind, "kind-badge");
  gtk_widget_set_halign (label, GTK_ALIGN_START);

  self->title_label = add_label (self, title, "title-2");

  label = add_label (self, date, "event-date");
  if (dm_event_is_open (event))
    add_label (self, event->start_bound == DM_BOUND_BEFORE
                     ? _("Only the latest possible date is known: the source says nothing of how early it could be.")
                     : _("Only the earliest possible date is known: the source says nothing of how late it could be."),
               "certainty-note");
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
          /* TRANSLATORS: a name kept as the source prints it, although it
           * is probably wrong there */
          g_autofree char *name = actor->as_printed ? g_strdup_printf (_("%s (as printed in the source)"), actor->name)
                                                    : g_strdup (actor->name);
          g_autofree char *line = role[0] ? g_strdup_printf ("%s — %s", name, role) : g_strdup (name);

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

  /* Related events from both sides: what this event names, then the
   * events that name it, with the relation said the other way round. */
  {
    GArray *referrers = get_referrers (self);
    gboolean any = FALSE;

    for (guint i = 0; event->related != NULL && i < event->related->len; i++)
      {
        const DmRelation *relation = g_ptr_array_index (event->related, i);
        guint target;

        if (dm_dataset_lookup_event (self->dataset, relation->event, &target) == NULL)
          continue;
        if (!any)
          add_heading (self, _("Related Events"));
        any = TRUE;
        add_related_button (self, relation->relation, FALSE, target);
      }
    for (guint i = 0; i < referrers->len; i++)
      {
        const DmReferrer *referrer = &g_array_index (referrers, DmReferrer, i);

        if (!any)
          add_heading (self, _("Related Events"));
        any = TRUE;
        add_related_button (self, referrer->relation->relation, TRUE, referrer->position);
      }
  }

  if (event->tags != NULL && event->tags->len > 0)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      add_heading (self, _("Tags"));
      for (guint i = 0; i < event->tags->len; i++)
        {
          if (i > 0)
            g_string_append (line, ", ");
          g_string_append (line, dm_dataset_format_tag (self->dataset, g_ptr_array_index (event->tags, i), self->language));
        }
      add_label (self, line->str, NULL);
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
              const char *translation = quote_translation (citation, self->language);

              add_label (self, quote, "citation-quote");
              if (translation != NULL)
                {
                  /* TRANSLATORS: a quote's translation, shown under the
                   * quote as the source writes it */
                  g_autofree char *rendering = g_strdup_printf (_("Translation: %s"), translation);
                  add_label (self, rendering, "citation-translation");
                }
            }

          if (source != NULL)
            {
              g_autofree char *source_title = text_in (&source->title, self->language);

              append_source (line, source, source_title);
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
  forget_referrers (self);

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

  if (self->position >= 0)
    show_event (self);
  else if (self->dataset != NULL)
    show_dataset (self);
  else
    show_empty (self);
}

void
dm_detail_pane_events_changed (DmDetailPane *self,
                               guint         position,
                               guint         removed,
                               guint         added)
{
  g_autoptr(GArray) kept = NULL;

  g_return_if_fail (DM_IS_DETAIL_PANE (self));

  if (self->referrers == NULL || self->referrers_dataset != self->dataset || self->dataset == NULL)
    {
      forget_referrers (self);
      return;
    }

  /* The referrers outside the change are the same events, moved; those
   * among the events it put in are looked for again. */
  kept = g_array_sized_new (FALSE, FALSE, sizeof (DmReferrer), self->referrers->len + 1);
  for (guint i = 0; i < self->referrers->len; i++)
    {
      DmReferrer referrer = g_array_index (self->referrers, DmReferrer, i);

      if (referrer.position >= position + removed)
        {
          referrer.position = referrer.position - removed + added;
          g_array_append_val (kept, referrer);
        }
      else if (referrer.position < position)
        g_array_append_val (kept, referrer);
    }
  for (guint p = position; p < position + added; p++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, p);

      if (event->related == NULL || g_strcmp0 (event->id, self->referrers_id) == 0)
        continue;
      for (guint r = 0; r < event->related->len; r++)
        {
          const DmRelation *relation = g_ptr_array_index (event->related, r);

          if (g_strcmp0 (relation->event, self->referrers_id) == 0)
            {
              DmReferrer referrer = { p, relation };
              guint at = 0;

              while (at < kept->len && g_array_index (kept, DmReferrer, at).position <= p)
                at++;
              g_array_insert_val (kept, at, referrer);
            }
        }
    }

  g_array_unref (self->referrers);
  self->referrers = g_steal_pointer (&kept);
}

void
dm_detail_pane_dataset_changed (DmDetailPane *self)
{
  g_return_if_fail (DM_IS_DETAIL_PANE (self));

  forget_referrers (self);
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

/* Whether the pane offers Back (win.go-back): after a related event was
 * followed. */
void
dm_detail_pane_set_can_go_back (DmDetailPane *self,
                                gboolean      can_go_back)
{
  g_return_if_fail (DM_IS_DETAIL_PANE (self));

  can_go_back = !!can_go_back;
  if (self->can_go_back == can_go_back)
    return;

  self->can_go_back = can_go_back;
  if (self->position >= 0)
    show_event (self);
  else if (self->dataset != NULL)
    show_dataset (self);
}
