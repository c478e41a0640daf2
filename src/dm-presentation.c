/* dm-presentation.c
 *
 * A fullscreen window for briefings: the timeline across the top, flying
 * to each event in turn, and the event as a slide below it in large type.
 * The keys are the ones presentation clickers send; Esc returns to the
 * explorer as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-overview.h"
#include "dm-presentation.h"
#include "dm-safe-text.h"
#include "dm-slide-layout.h"
#include "dm-timeline-view.h"

struct _DmPresentation
{
  AdwWindow       parent_instance;

  DmDataset      *dataset;
  GArray         *positions;
  guint           index;
  DmLanguage      language;
  double          text_scale;
  GString        *typed;          /* digits typed for "number + Enter" */
  guint           inhibit_cookie;
  GtkCssProvider *scale_provider;

  DmTimelineView *timeline;
  GtkWidget      *slide;
  GtkWidget      *kind_label;
  GtkWidget      *date_label;
  GtkWidget      *title_label;
  GtkWidget      *summary_label;
  GtkWidget      *actors_label;
  GtkWidget      *citation_label;
  GtkWidget      *progress_label;
};

G_DEFINE_FINAL_TYPE (DmPresentation, dm_presentation, ADW_TYPE_WINDOW)

static GtkWidget *
slide_label (GtkBox     *box,
             const char *css_class,
             gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

/* GTK 4.8 cannot make a screen reader speak, but screen readers read
 * out the widget that takes focus, and read it again when its name
 * changes: the slide itself holds the focus, named "Slide 3 of 12:
 * title", its description the rest in reading order. The window says the
 * same, for a screen reader asked where it is. */
static void
announce_slide (DmPresentation *self,
                const char     *kind,
                const char     *date,
                const char     *actors,
                const char     *citation)
{
  const char *title = gtk_label_get_text (GTK_LABEL (self->title_label));
  const char *summary = gtk_label_get_text (GTK_LABEL (self->summary_label));
  const char *parts[] = { date, kind, summary, actors, citation };
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autofree char *counted = NULL;
  g_autofree char *name = NULL;

  /* TRANSLATORS: what a screen reader says for the progress of a
   * presentation, shown as "3 / 12" */
  counted = g_strdup_printf (_("Slide %u of %u"), self->index + 1, self->positions->len);
  /* TRANSLATORS: a screen reader's name for the slide shown: "Slide 3 of
   * 12" then the event's title */
  name = g_strdup_printf (_("%s: %s"), counted, title);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (rest, "%s%s", rest->len ? ". " : "", parts[i]);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_label), GTK_ACCESSIBLE_PROPERTY_LABEL, counted, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slide),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, rest->str,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);

  /* Focus stays on the slide, whatever was clicked or tabbed to: the
   * overview strip would take the arrow keys for its own. */
  gtk_widget_grab_focus (self->slide);
}

/* The most of a summary a slide shows: more could not be read anyway. */
#define SLIDE_SUMMARY_CHARS 2000

/* Dataset text on a slide: controls and bidi overrides shown as what they
 * are, and bounded (a megabyte in a label stalls the window). */
static void
set_slide_text (GtkWidget  *label,
                const char *text,
                gsize       max_chars)
{
  g_autofree char *shown = dm_safe_text_for_display (text, max_chars);

  gtk_label_set_text (GTK_LABEL (label), shown);
}

static void
show_slide (DmPresentation *self)
{
  const DmEvent *event;
  const DmKind *kind;
  g_autofree char *date = NULL;
  g_autofree char *progress = NULL;
  g_autoptr(GString) actors = g_string_new (NULL);
  g_autoptr(GString) citation = g_string_new (NULL);
  guint position;
  double span;

  if (self->positions->len == 0)
    {
      const char *nothing = _("No events to present: the search and filters hide them all.");

      gtk_label_set_text (GTK_LABEL (self->title_label), nothing);
      gtk_label_set_text (GTK_LABEL (self->progress_label), "0 / 0");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->slide), GTK_ACCESSIBLE_PROPERTY_LABEL, nothing, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, nothing, -1);
      gtk_widget_grab_focus (self->slide);
      return;
    }

  position = g_array_index (self->positions, guint, self->index);
  event = dm_dataset_get_event (self->dataset, position);
  kind = dm_dataset_lookup_kind (self->dataset, event->kind);
  /* Dates are in the interface's language; the texts in the data's. */
  date = dm_event_format_date (event, dm_language_from_locale ());

  if (event->certainty != DM_CERTAINTY_STATED)
    {
      g_autofree char *marked = g_strdup_printf (_("%s (inferred)"), date);
      g_free (date);
      date = g_steal_pointer (&marked);
    }

  for (guint i = 0; event->actors != NULL && i < event->actors->len && i < 4; i++)
    {
      const DmActor *actor = g_ptr_array_index (event->actors, i);
      const char *role = dm_text_get (&actor->role, self->language);

      if (actors->len > 0)
        g_string_append (actors, " · ");
      g_string_append (actors, actor->name);
      if (role[0] != '\0')
        g_string_append_printf (actors, " (%s)", role);
    }

  if (event->citations != NULL && event->citations->len > 0)
    {
      const DmCitation *first = g_ptr_array_index (event->citations, 0);
      const DmSource *source = dm_dataset_lookup_source (self->dataset, first->source);

      if (source != NULL)
        g_string_append (citation, dm_text_get (&source->title, self->language));
      if (source != NULL && source->publisher != NULL)
        g_string_append_printf (citation, " — %s", source->publisher);
    }

  /* Everything as text: the dataset never provides markup. */
  set_slide_text (self->kind_label, kind ? dm_text_get (&kind->label, self->language) : event->kind, DM_SAFE_TEXT_LABEL_MAX);
  gtk_label_set_text (GTK_LABEL (self->date_label), date);
  set_slide_text (self->title_label, dm_text_get (&event->title, self->language), DM_SAFE_TEXT_LABEL_MAX);
  set_slide_text (self->summary_label, dm_text_get (&event->summary, self->language), SLIDE_SUMMARY_CHARS);
  set_slide_text (self->actors_label, actors->str, DM_SAFE_TEXT_LABEL_MAX);
  set_slide_text (self->citation_label, citation->str, DM_SAFE_TEXT_LABEL_MAX);
  gtk_widget_set_visible (self->actors_label, actors->len > 0);
  gtk_widget_set_visible (self->citation_label, citation->len > 0);

  progress = g_strdup_printf ("%u / %u", self->index + 1, self->positions->len);
  gtk_label_set_text (GTK_LABEL (self->progress_label), progress);
  /* As the labels show them (the title and summary are read from them). */
  announce_slide (self, gtk_label_get_text (GTK_LABEL (self->kind_label)), date,
                  gtk_label_get_text (GTK_LABEL (self->actors_label)),
                  gtk_label_get_text (GTK_LABEL (self->citation_label)));

  /* Fly the timeline to the event, with some context on either side. */
  span = MAX (event->axis_end - event->axis_start, 30);
  dm_timeline_view_set_language (self->timeline, self->language);
  dm_timeline_view_set_selected (self->timeline, (int) position);
  dm_timeline_view_show_range (self->timeline, event->axis_start - span * 3, event->axis_end + span * 3, TRUE);
}

static void
apply_text_scale (DmPresentation *self)
{
  g_autofree char *css = g_strdup_printf (".presentation .slide { font-size: %.0f%%; }", self->text_scale * 100);

  gtk_css_provider_load_from_data (self->scale_provider, css, -1);
}

/* Actions, one for each thing a key or a click does */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);
  int step = g_variant_get_int32 (parameter);
  guint n = self->positions->len;

  g_string_truncate (self->typed, 0);
  if (n == 0)
    return;

  if (step == G_MININT32)
    dm_presentation_go_to (self, 0);
  else if (step == G_MAXINT32)
    dm_presentation_go_to (self, n - 1);
  else if (step < 0 && self->index > 0)
    dm_presentation_go_to (self, self->index - 1);
  else if (step > 0 && self->index + 1 < n)
    dm_presentation_go_to (self, self->index + 1);
}

static void
type_digit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  if (self->typed->len < 6)
    g_string_append_printf (self->typed, "%d", g_variant_get_int32 (parameter));
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);
  guint64 number = 0;

  /* "12" then Enter goes to the twelfth event; Enter alone goes on. */
  if (self->typed->len == 0)
    {
      gtk_widget_activate_action (widget, "presentation.step", "i", 1);
      return;
    }

  if (g_ascii_string_to_unsigned (self->typed->str, 10, 1, MAX (self->positions->len, 1), &number, NULL))
    dm_presentation_go_to (self, (guint) number - 1);
  g_string_truncate (self->typed, 0);
}

static void
text_scale_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);
  int direction = g_variant_get_int32 (parameter);

  if (direction == 0)
    self->text_scale = 1;
  else
    self->text_scale = CLAMP (self->text_scale * (direction > 0 ? 1.15 : 1 / 1.15), 0.5, 3);
  apply_text_scale (self);
}

static void
language_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  self->language = self->language == DM_LANGUAGE_VI ? DM_LANGUAGE_EN : DM_LANGUAGE_VI;
  show_slide (self);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          DmPresentation  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i", button == GDK_BUTTON_SECONDARY ? -1 : 1);
}

/* GObject */

static void
dm_presentation_dispose (GObject *object)
{
  DmPresentation *self = (DmPresentation *)object;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->inhibit_cookie != 0 && app != NULL)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;

  if (self->scale_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->scale_provider));
  g_clear_object (&self->scale_provider);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_presentation_parent_class)->dispose (object);
}

static void
dm_presentation_finalize (GObject *object)
{
  DmPresentation *self = (DmPresentation *)object;

  g_clear_pointer (&self->positions, g_array_unref);
  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (dm_presentation_parent_class)->finalize (object);
}

static void
dm_presentation_class_init (DmPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint digit_keys[][2] = {
    { GDK_KEY_0, GDK_KEY_KP_0 }, { GDK_KEY_1, GDK_KEY_KP_1 }, { GDK_KEY_2, GDK_KEY_KP_2 },
    { GDK_KEY_3, GDK_KEY_KP_3 }, { GDK_KEY_4, GDK_KEY_KP_4 }, { GDK_KEY_5, GDK_KEY_KP_5 },
    { GDK_KEY_6, GDK_KEY_KP_6 }, { GDK_KEY_7, GDK_KEY_KP_7 }, { GDK_KEY_8, GDK_KEY_KP_8 },
    { GDK_KEY_9, GDK_KEY_KP_9 },
  };

  object_class->dispose = dm_presentation_dispose;
  object_class->finalize = dm_presentation_finalize;

  gtk_widget_class_install_action (widget_class, "presentation.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "presentation.type-digit", "i", type_digit_action);
  gtk_widget_class_install_action (widget_class, "presentation.jump", NULL, jump_action);
  gtk_widget_class_install_action (widget_class, "presentation.text-scale", "i", text_scale_action);
  gtk_widget_class_install_action (widget_class, "presentation.toggle-language", NULL, language_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);

  /* What presentation clickers send, and the keys people expect. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "presentation.step", "i", G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "presentation.step", "i", G_MAXINT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "presentation.jump", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "presentation.jump", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "presentation.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "presentation.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "presentation.text-scale", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "presentation.text-scale", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "presentation.text-scale", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "presentation.text-scale", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "presentation.toggle-language", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (digit_keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, digit_keys[i][0], 0, "presentation.type-digit", "i", (int) i);
      gtk_widget_class_add_binding_action (widget_class, digit_keys[i][1], 0, "presentation.type-digit", "i", (int) i);
    }
}

static void
dm_presentation_init (DmPresentation *self)
{
  GtkWidget *box;
  GtkWidget *slide;
  GtkWidget *top;
  GtkWidget *overview;
  GtkWidget *scroller;
  GtkGesture *click;
  GtkEventController *arrows;
  static const struct {
    guint keyval;
    int   step;
  } arrow_keys[] = {
    { GDK_KEY_Right, 1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_Left, -1 }, { GDK_KEY_Up, -1 },
  };

  self->typed = g_string_new (NULL);
  self->text_scale = 1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));

  /* The slide gets the height its text needs, the timeline the rest; text
   * too large for the screen scrolls (see DmSlideLayout). */
  box = g_object_new (GTK_TYPE_BOX, "layout-manager", dm_slide_layout_new (), NULL);
  adw_window_set_content (ADW_WINDOW (self), box);

  self->timeline = DM_TIMELINE_VIEW (dm_timeline_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->timeline), TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->timeline), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1, 260);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timeline));

  overview = dm_overview_new ();
  dm_overview_set_timeline (DM_OVERVIEW (overview), self->timeline);
  gtk_widget_set_margin_start (overview, 176);
  gtk_widget_set_margin_end (overview, 6);
  gtk_box_append (GTK_BOX (box), overview);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* Its natural height is its text's, which the layout gives it first. */
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  slide = self->slide = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (slide, "slide");
  gtk_widget_set_vexpand (slide, TRUE);
  /* The slide takes the focus, so that screen readers read it out. */
  gtk_widget_set_focusable (slide, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), slide);
  /* GtkWindow's own bindings for the arrows (move the focus) come before
   * the ones of this class: the slide, which has the focus, takes them. */
  arrows = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (arrow_keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (arrow_keys[i].keyval, 0),
                                                gtk_named_action_new ("presentation.step"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (arrow_keys[i].step));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (arrows), shortcut);
    }
  gtk_widget_add_controller (slide, arrows);

  /* In reading order, for eyes and screen readers alike: the title, then
   * when and what, then the rest. */
  self->title_label = slide_label (GTK_BOX (slide), "slide-title", TRUE);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_append (GTK_BOX (slide), top);
  self->date_label = slide_label (GTK_BOX (top), "slide-date", TRUE);
  self->kind_label = slide_label (GTK_BOX (top), "slide-kind", TRUE);
  gtk_widget_set_hexpand (self->kind_label, TRUE);
  self->progress_label = slide_label (GTK_BOX (top), "slide-progress", FALSE);
  gtk_widget_set_valign (self->progress_label, GTK_ALIGN_START);

  self->summary_label = slide_label (GTK_BOX (slide), "slide-summary", TRUE);
  self->actors_label = slide_label (GTK_BOX (slide), "slide-actors", TRUE);
  self->citation_label = slide_label (GTK_BOX (slide), "slide-citation", TRUE);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (slide, GTK_EVENT_CONTROLLER (click));

  self->scale_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->scale_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

DmPresentation *
dm_presentation_new (GtkWindow  *parent,
                     DmDataset  *dataset,
                     GArray     *positions,
                     guint       start,
                     DmLanguage  language)
{
  DmPresentation *self;
  GtkApplication *app = parent ? gtk_window_get_application (parent) : NULL;
  g_autofree guint8 *shown = NULL;
  guint n;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (positions != NULL, NULL);

  self = g_object_new (DM_TYPE_PRESENTATION, "application", app, NULL);
  self->dataset = g_object_ref (dataset);
  self->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), positions->len);
  g_array_append_vals (self->positions, positions->data, positions->len);
  self->index = MIN (start, positions->len > 0 ? positions->len - 1 : 0);
  self->language = language;

  /* The timeline shows what is presented, and nothing else. */
  n = dm_dataset_get_n_events (dataset);
  shown = g_malloc0 (MAX (n, 1));
  for (guint i = 0; i < positions->len; i++)
    shown[g_array_index (positions, guint, i)] = 1;
  dm_timeline_view_set_dataset (self->timeline, dataset);
  dm_timeline_view_set_visible (self->timeline, shown, n);

  /* The screen must not blank in the middle of a briefing. */
  if (app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self), GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Presenting a timeline"));

  show_slide (self);
  return self;
}

guint
dm_presentation_get_index (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), 0);

  return self->index;
}

guint
dm_presentation_get_n_slides (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), 0);

  return self->positions->len;
}

void
dm_presentation_go_to (DmPresentation *self,
                       guint           index)
{
  g_return_if_fail (DM_IS_PRESENTATION (self));

  if (index >= self->positions->len)
    return;

  self->index = index;
  show_slide (self);
}

DmLanguage
dm_presentation_get_language (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), DM_LANGUAGE_EN);

  return self->language;
}

const char *
dm_presentation_get_title (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->title_label));
}

const char *
dm_presentation_get_progress (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->progress_label));
}

double
dm_presentation_get_text_scale (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), 1);

  return self->text_scale;
}
