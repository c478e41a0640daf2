/* dm-presentation.c
 *
 * A fullscreen window for briefings: the timeline across the top, flying
 * to each event in turn, and the event as a slide below it in large type,
 * between an opening slide (the timeline's title, what is presented) and
 * a closing one (the sources).
 *
 * The keys are the ones presentation software has taught people and
 * clickers send. They are taken by a shortcut controller on the window in
 * the capture phase, before any widget inside sees them: nothing in the
 * slide can take Page Down or Space for itself (a scrolled slide once
 * did), whatever has the focus. Esc returns to the explorer as it was: the
 * presentation is a window of its own, and the explorer is never touched.
 *
 * A slide never scrolls and is never clipped: before it is placed, the
 * layout (DmSlideLayout) says how much room it has, and the slide steps
 * its type down, as far as a limit; a text still too long continues on
 * further steps of the same event, marked "continued".
 *
 * The presenter has a console of their own (DmPresenterConsole): with a
 * second screen, the audience sees the slides fullscreen on it and the
 * presenter the console on the screen the explorer was on; with one, S
 * shows the console over the slides and back. The console's window takes
 * the same keys, which drive the slides. The windows follow screens
 * being plugged in and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-overview.h"
#include "dm-presentation.h"
#include "dm-presenter-console.h"
#include "dm-safe-text.h"
#include "dm-slide-layout.h"
#include "dm-slides.h"
#include "dm-timeline-view.h"

struct _DmPresentation
{
  AdwWindow            parent_instance;

  DmDataset           *dataset;
  GArray              *positions;
  DmPresentationPage   page;
  guint                index;          /* the event shown, on PAGE_EVENT */
  guint                part;           /* of its text; G_MAXUINT: the last */
  GArray              *breaks;         /* byte offsets where parts start, and the end */
  char                *summary;        /* the whole text the parts come from */
  char                *fit_key;        /* what the parts and type were fitted for */
  GHashTable          *fits;           /* slide and fit_key → Fit, fitted before */
  double               fit;            /* the type's scale that fits */
  DmLanguage           language;
  double               text_scale;
  DmPresentationBlank  blank;
  GString             *typed;          /* digits typed for "number + Enter" */
  guint                inhibit_cookie;  /* while the window is realized */
  GtkApplication      *inhibit_app;
  GtkCssProvider      *scale_provider;

  /* The screens: the display's, or a list a test gives. */
  GListModel          *monitors;
  GdkMonitor          *home_monitor;   /* the explorer's: the presenter's */
  GdkMonitor          *audience_monitor;
  GdkMonitor          *console_monitor; /* NULL on one screen */
  gboolean             console_shown;   /* one screen: the console over the slides */
  gboolean             swapped;         /* two screens: the slides on the presenter's */
  gboolean             spread;          /* the windows were placed on two screens */
  DmPresenterConsole  *console;
  GtkWindow           *console_window;  /* two screens: the console's own window */
  GtkWidget           *frame;           /* the window's content: the slides, the console over them */
  GtkWidget           *audience;        /* what the audience sees */

  DmTimelineView      *timeline;
  GtkWidget           *overview;
  GtkWidget           *slide;
  GtkWidget           *blank_cover;
  GtkWidget           *kind_label;
  GtkWidget           *date_label;
  GtkWidget           *title_label;
  GtkWidget           *continued_label;
  GtkWidget           *summary_label;
  GtkWidget           *actors_label;
  GtkWidget           *citation_label;
  GtkWidget           *progress_label;
};

G_DEFINE_FINAL_TYPE (DmPresentation, dm_presentation, ADW_TYPE_WINDOW)

/* How far the type steps down to fit before the text is split instead:
 * much smaller, the back of the room cannot read it. */
static const double fit_steps[] = { 1, 0.9, 0.8, 0.75 };

/* The keys, for presentation software's habits and clickers. */
static const struct {
  guint           keyval;
  GdkModifierType modifiers;
  const char     *action;
  int             argument;
} presentation_keys[] = {
  { GDK_KEY_Right, 0, "presentation.step", 1 },
  { GDK_KEY_Down, 0, "presentation.step", 1 },
  { GDK_KEY_Page_Down, 0, "presentation.step", 1 },
  { GDK_KEY_space, 0, "presentation.step", 1 },
  { GDK_KEY_n, 0, "presentation.step", 1 },
  { GDK_KEY_Left, 0, "presentation.step", -1 },
  { GDK_KEY_Up, 0, "presentation.step", -1 },
  { GDK_KEY_Page_Up, 0, "presentation.step", -1 },
  { GDK_KEY_BackSpace, 0, "presentation.step", -1 },
  { GDK_KEY_p, 0, "presentation.step", -1 },
  { GDK_KEY_Home, 0, "presentation.step", G_MININT32 },
  { GDK_KEY_F5, 0, "presentation.step", G_MININT32 },
  { GDK_KEY_End, 0, "presentation.step", G_MAXINT32 },
  { GDK_KEY_Return, 0, "presentation.jump", 0 },
  { GDK_KEY_KP_Enter, 0, "presentation.jump", 0 },
  { GDK_KEY_b, 0, "presentation.blank", DM_PRESENTATION_BLANK_BLACK },
  { GDK_KEY_period, 0, "presentation.blank", DM_PRESENTATION_BLANK_BLACK },
  { GDK_KEY_w, 0, "presentation.blank", DM_PRESENTATION_BLANK_WHITE },
  { GDK_KEY_comma, 0, "presentation.blank", DM_PRESENTATION_BLANK_WHITE },
  { GDK_KEY_Escape, 0, "presentation.leave", 0 },
  { GDK_KEY_l, 0, "presentation.toggle-language", 0 },
  { GDK_KEY_s, 0, "presentation.toggle-console", 0 },
  { GDK_KEY_plus, GDK_CONTROL_MASK, "presentation.text-scale", 1 },
  { GDK_KEY_equal, GDK_CONTROL_MASK, "presentation.text-scale", 1 },
  { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "presentation.text-scale", 1 },
  { GDK_KEY_minus, GDK_CONTROL_MASK, "presentation.text-scale", -1 },
  { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "presentation.text-scale", -1 },
  { GDK_KEY_0, GDK_CONTROL_MASK, "presentation.text-scale", 0 },
};

/* Helpers */

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

/* Sets a label's text, shown only when there is some. */
static void
set_text (GtkWidget  *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text != NULL ? text : "") != 0)
    gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

static const DmEvent *
current_event (DmPresentation *self)
{
  if (self->page != DM_PRESENTATION_PAGE_EVENT || self->positions->len == 0)
    return NULL;

  return dm_dataset_get_event (self->dataset, g_array_index (self->positions, guint, self->index));
}

/* The part of the text shown, and the marks of a continued slide. */
static void
show_part (DmPresentation *self)
{
  guint n_parts = self->breaks->len - 1;
  guint start;
  guint end;
  g_autofree char *text = NULL;
  g_autofree char *continued = NULL;
  guint part = MIN (self->part, n_parts - 1);

  start = g_array_index (self->breaks, guint, part);
  end = g_array_index (self->breaks, guint, part + 1);
  text = g_strndup (self->summary + start, end - start);
  g_strstrip (text);
  if (end < strlen (self->summary))
    {
      g_autofree char *cut = g_steal_pointer (&text);

      text = g_strdup_printf ("%s …", cut);
    }

  set_text (self->summary_label, text);
  /* The people and sources come after the whole text. */
  gtk_widget_set_visible (self->actors_label, part + 1 == n_parts
                                              && gtk_label_get_text (GTK_LABEL (self->actors_label))[0] != '\0');
  gtk_widget_set_visible (self->citation_label, part + 1 == n_parts
                                                && gtk_label_get_text (GTK_LABEL (self->citation_label))[0] != '\0');
  if (part > 0)
    /* TRANSLATORS: on a slide that goes on with the text of the one
     * before: "(continued, 2 of 3)" */
    continued = g_strdup_printf (_("(continued, %u of %u)"), part + 1, n_parts);
  set_text (self->continued_label, continued);
}

/* GTK 4.8 cannot make a screen reader speak, but screen readers read
 * out the widget that takes focus, and read it again when its name
 * changes: the slide itself holds the focus, named "Slide 3 of 12:
 * title", its description the rest in reading order. The window says the
 * same, for a screen reader asked where it is. */
static void
announce_slide (DmPresentation *self)
{
  const char *title = gtk_label_get_text (GTK_LABEL (self->title_label));
  GtkWidget *parts[] = { self->continued_label, self->date_label, self->kind_label, self->summary_label,
                         self->actors_label, self->citation_label };
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autofree char *counted = NULL;
  g_autofree char *name = NULL;

  if (self->page == DM_PRESENTATION_PAGE_TITLE)
    counted = g_strdup (_("Opening slide"));
  else if (self->page == DM_PRESENTATION_PAGE_CLOSING)
    counted = g_strdup (_("Closing slide"));
  else
    /* TRANSLATORS: what a screen reader says for the progress of a
     * presentation, shown as "3 / 12" */
    counted = g_strdup_printf (_("Slide %u of %u"), self->index + 1, self->positions->len);
  /* TRANSLATORS: a screen reader's name for the slide shown: "Slide 3 of
   * 12" then the event's title */
  name = g_strdup_printf (_("%s: %s"), counted, title);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *text = gtk_label_get_text (GTK_LABEL (parts[i]));

      if (gtk_widget_get_visible (parts[i]) && text[0] != '\0')
        g_string_append_printf (rest, "%s%s", rest->len ? ". " : "", text);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_label), GTK_ACCESSIBLE_PROPERTY_LABEL, counted, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slide),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, rest->str,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);

  /* Focus stays on the slide, whatever was clicked or tabbed to. */
  gtk_widget_grab_focus (self->slide);
}

/* The slide's texts, as the PDF deck has them too (dm-slides.c). */
static void
show_texts (DmPresentation *self)
{
  DmSlideText text = { 0 };

  G_STATIC_ASSERT ((int) DM_PRESENTATION_PAGE_TITLE == (int) DM_SLIDE_TITLE);
  G_STATIC_ASSERT ((int) DM_PRESENTATION_PAGE_EVENT == (int) DM_SLIDE_EVENT);
  G_STATIC_ASSERT ((int) DM_PRESENTATION_PAGE_CLOSING == (int) DM_SLIDE_CLOSING);

  /* Everything as text: the dataset never provides markup. */
  dm_slide_text_init (&text, self->dataset, self->positions, (DmSlideKind) self->page, self->index, self->language);
  set_text (self->title_label, text.title);
  set_text (self->date_label, text.date);
  set_text (self->kind_label, text.kind);
  set_text (self->progress_label, text.progress);
  set_text (self->actors_label, text.actors);
  set_text (self->citation_label, text.citation);
  g_free (self->summary);
  self->summary = g_steal_pointer (&text.summary);
  dm_slide_text_clear (&text);
}

static void
show_slide (DmPresentation *self)
{
  const DmEvent *event = current_event (self);

  show_texts (self);
  dm_presenter_console_show_slide (self->console, (DmSlideKind) self->page, self->index);

  /* The whole text until the layout has fitted it (fit_cb). */
  g_array_set_size (self->breaks, 0);
  g_array_append_val (self->breaks, (guint) { 0 });
  g_array_append_val (self->breaks, (guint) { strlen (self->summary) });
  g_clear_pointer (&self->fit_key, g_free);
  show_part (self);
  announce_slide (self);
  gtk_widget_queue_resize (self->slide);

  dm_timeline_view_set_language (self->timeline, self->language);
  if (event != NULL)
    {
      /* Fly the timeline to the event, with some context on either side. */
      double span = MAX (event->axis_end - event->axis_start, 30);

      dm_timeline_view_set_selected (self->timeline, (int) g_array_index (self->positions, guint, self->index));
      dm_timeline_view_show_range (self->timeline, event->axis_start - span * 3, event->axis_end + span * 3, TRUE);
    }
  else
    {
      dm_timeline_view_set_selected (self->timeline, -1);
      dm_timeline_view_zoom_to_fit (self->timeline);
    }
}

/* Fitting the slide to its room */

static void
set_fit (DmPresentation *self,
         double          fit)
{
  GtkWidget *labels[] = { self->title_label, self->continued_label, self->date_label, self->kind_label,
                          self->progress_label, self->summary_label, self->actors_label, self->citation_label };
  PangoAttrList *attrs;

  if (self->fit == fit)
    return;

  self->fit = fit;
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (fit));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    gtk_label_set_attributes (GTK_LABEL (labels[i]), fit < 1 ? attrs : NULL);
  pango_attr_list_unref (attrs);
}

static int
slide_height (DmPresentation *self,
              int             width)
{
  int natural = 0;

  gtk_widget_measure (self->slide, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* The slide's height showing the text from @start to @end. */
static int
part_height (DmPresentation *self,
             guint           start,
             guint           end,
             int             width)
{
  guint len = strlen (self->summary);

  g_array_set_size (self->breaks, 0);
  if (start > 0)
    g_array_append_val (self->breaks, (guint) { 0 });
  g_array_append_val (self->breaks, start);
  g_array_append_val (self->breaks, end);
  if (end < len)
    g_array_append_val (self->breaks, len);
  self->part = start > 0 ? 1 : 0;
  show_part (self);

  return slide_height (self, width);
}

static gboolean
part_fits (DmPresentation *self,
           guint           start,
           guint           end,
           int             width,
           int             room)
{
  return part_height (self, start, end, width) <= room;
}

/* Where the text can be cut: after each space (words) and line break. */
static GArray *
word_ends (const char *text,
           guint       start)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint));
  guint len = strlen (text);

  for (guint i = start + 1; i < len; i++)
    if ((text[i] == ' ' || text[i] == '\n') && text[i - 1] != ' ' && text[i - 1] != '\n')
      g_array_append_val (ends, i);
  g_array_append_val (ends, len);

  return ends;
}

static guint
first_word_end (const char *text)
{
  const char *space = strpbrk (text, " \n");

  return space != NULL ? (guint) (space - text) : (guint) strlen (text);
}

static guint
last_word_start (const char *text)
{
  guint len = strlen (text);

  while (len > 0 && text[len - 1] != ' ' && text[len - 1] != '\n')
    len--;
  return len;
}

/* The most of the text from @start that the slide holds, cut after a
 * word; at least one word. */
static guint
fill_part (DmPresentation *self,
           guint           start,
           int             width,
           int             room)
{
  g_autoptr(GArray) ends = word_ends (self->summary, start);
  guint lo = 0;
  guint hi = ends->len;

  if (part_fits (self, start, g_array_index (ends, guint, ends->len - 1), width, room))
    return g_array_index (ends, guint, ends->len - 1);

  /* lo words fit (or lo is 0), hi do not. */
  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (part_fits (self, start, g_array_index (ends, guint, mid - 1), width, room))
        lo = mid;
      else
        hi = mid;
    }

  return g_array_index (ends, guint, MAX (lo, 1) - 1);
}

/* Where to cut the text from @start, no further than @most: near
 * @target, at the end of a sentence if one ends close enough before it,
 * else after the word nearest it. */
static guint
cut_near (const char *text,
          guint       start,
          guint       most,
          guint       target)
{
  guint sentence = 0;

  for (guint i = most; i > start + (target - start) * 3 / 5; i--)
    if (strchr (".;:!?", text[i - 1]) != NULL && (text[i] == ' ' || text[i] == '\n')
        && (sentence == 0 || ABS ((int) i - (int) target) < ABS ((int) sentence - (int) target)))
      sentence = i;
  if (sentence != 0)
    return sentence;
  if (target >= most)
    return most;

  for (guint i = target; i > start + 1; i--)
    if (text[i] == ' ' || text[i] == '\n')
      return i;

  return most;
}

static guint
skip_space (const char *text,
            guint       i)
{
  while (text[i] == ' ' || text[i] == '\n')
    i++;
  return i;
}

typedef struct
{
  guint start;    /* byte offset in the text */
  int   top;
  int   bottom;
  int   width;
} Line;

/* Pagination by lines, without laying the slide out for each try: the
 * text's lines as its label breaks them, and the height of the rest of
 * the slide on a first, middle and last step. Returns the breaks, or NULL
 * when a step turns out not to fit as worked out (then fit_cb() tries
 * word by word). */
static GArray *
paginate_by_lines (DmPresentation *self,
                   int             width,
                   int             room)
{
  guint len = strlen (self->summary);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) suffix = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (self->summary_label));
  PangoLayoutIter *iter;
  guint first_end = first_word_end (self->summary);
  guint second_start = skip_space (self->summary, first_end);
  int fixed_first, fixed_middle, fixed_last;
  int label_width, suffix_width, one_line;
  guint n_lines, n_parts = 0;
  guint a;

  if (second_start >= len || last_word_start (self->summary) <= second_start)
    return NULL;

  /* The rest of the slide, with a line of text; placed, so that the
   * label's width is known. */
  fixed_first = part_height (self, 0, first_end, width);
  gtk_widget_size_allocate (self->slide, &(GtkAllocation) { 0, 0, width, fixed_first }, -1);
  label_width = gtk_widget_get_width (self->summary_label);
  fixed_middle = part_height (self, second_start, second_start + first_word_end (self->summary + second_start), width);
  fixed_last = part_height (self, last_word_start (self->summary), len, width);
  if (label_width <= 0)
    return NULL;

  layout = gtk_widget_create_pango_layout (self->summary_label, self->summary);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, label_width * PANGO_SCALE);
  suffix = gtk_widget_create_pango_layout (self->summary_label, " …");
  pango_layout_set_attributes (suffix, attrs);
  pango_layout_get_pixel_size (suffix, &suffix_width, NULL);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.start = (guint) pango_layout_iter_get_line_readonly (iter)->start_index;
      line.top = PANGO_PIXELS_FLOOR (logical.y);
      line.bottom = PANGO_PIXELS_CEIL (logical.y + logical.height);
      line.width = PANGO_PIXELS_CEIL (logical.width);
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  n_lines = lines->len;
  one_line = g_array_index (lines, Line, 0).bottom - g_array_index (lines, Line, 0).top;
  fixed_first -= one_line;
  fixed_middle -= one_line;
  fixed_last -= one_line;
  if (n_lines < 2)
    return NULL;

#define LINES_HEIGHT(from, to) (g_array_index (lines, Line, (to) - 1).bottom - g_array_index (lines, Line, (from)).top \
                                + (g_array_index (lines, Line, (to) - 1).width + suffix_width > label_width ? one_line : 0))

  /* How many steps, filling each; then the lines shared out evenly. */
  for (guint pass = 0; pass < 2; pass++)
    {
      guint k = 0;

      g_array_set_size (breaks, 0);
      for (a = 0; a < n_lines; k++)
        {
          guint most = a + 1;
          guint take;

          if (k > 0 && g_array_index (lines, Line, n_lines - 1).bottom - g_array_index (lines, Line, a).top + fixed_last <= room)
            {
              g_array_append_val (breaks, g_array_index (lines, Line, a).start);
              a = n_lines;
              k++;
              break;
            }
          /* At least a line, and one left for the last step. */
          while (most + 1 < n_lines && LINES_HEIGHT (a, most + 1) + (k == 0 ? fixed_first : fixed_middle) <= room)
            most++;
          take = most;
          if (pass == 1 && n_parts > k + 1)
            take = MIN (most, MAX (a + (n_lines - a + (n_parts - k) - 1) / (n_parts - k), a + 1));
          g_array_append_val (breaks, g_array_index (lines, Line, a).start);
          a = take;
        }
      n_parts = k;
    }
#undef LINES_HEIGHT
  g_array_append_val (breaks, len);

  /* Each step, laid out as it will be shown. */
  for (guint i = 0; i + 1 < breaks->len; i++)
    if (!part_fits (self, g_array_index (breaks, guint, i), g_array_index (breaks, guint, i + 1), width, room))
      return NULL;

  return g_steal_pointer (&breaks);
}

/* A slide's type and steps, as fitted to a size. */
typedef struct
{
  double  fit;
  GArray *breaks;
} Fit;

static void
fit_free (gpointer data)
{
  Fit *fit = data;

  g_array_unref (fit->breaks);
  g_free (fit);
}

/* Shows the slide at @fit over @breaks, from @part (G_MAXUINT: the last),
 * and remembers it for @key. */
static void
apply_fit (DmPresentation *self,
           const char     *key,
           double          fit,
           GArray         *breaks,
           guint           part)
{
  Fit *kept = g_new0 (Fit, 1);

  set_fit (self, fit);
  g_array_set_size (self->breaks, 0);
  g_array_append_vals (self->breaks, breaks->data, breaks->len);
  self->part = MIN (part, breaks->len - 2);
  show_part (self);
  announce_slide (self);

  kept->fit = fit;
  kept->breaks = g_array_copy (breaks);
  g_hash_table_replace (self->fits, g_strdup (key), kept);
}

static void
fit_cb (int      width,
        int      room,
        gpointer user_data)
{
  DmPresentation *self = user_data;
  PangoContext *pango = gtk_widget_get_pango_context (self->summary_label);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (pango));
  g_autofree char *key = NULL;
  g_autofree char *slide_key = NULL;
  g_autoptr(GArray) breaks = NULL;
  g_autoptr(GArray) whole = NULL;
  Fit *kept;
  guint part = self->part;
  guint len = strlen (self->summary);
  guint n_parts = 0;
  guint start;

  /* Fitted already for this slide at this size and type: nothing to do
   * (a change here would lay the window out again, and again). */
  key = g_strdup_printf ("%d %d %s %g", width, room, font, pango_cairo_context_get_resolution (pango));
  if (g_strcmp0 (key, self->fit_key) == 0)
    return;
  g_free (self->fit_key);
  self->fit_key = g_steal_pointer (&key);

  /* Fitted on an earlier visit: the same again, at once. */
  slide_key = g_strdup_printf ("%d %u %d %s", self->page, self->index, self->language, self->fit_key);
  kept = g_hash_table_lookup (self->fits, slide_key);
  if (kept != NULL)
    {
      g_autoptr(GArray) breaks_kept = g_array_ref (kept->breaks);

      apply_fit (self, slide_key, kept->fit, breaks_kept, part);
      return;
    }

  whole = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (whole, (guint) { 0 });
  g_array_append_val (whole, len);
  for (guint i = 0; i < G_N_ELEMENTS (fit_steps); i++)
    {
      set_fit (self, fit_steps[i]);
      if (part_fits (self, 0, len, width, room))
        {
          apply_fit (self, slide_key, fit_steps[i], whole, 0);
          return;
        }
    }

  /* Text made larger than the screen has room for (Ctrl++ on a small
   * one): the title alone would not fit. Smaller still, then, as far as
   * it takes for the title and a line of the text. */
  for (double fit = fit_steps[G_N_ELEMENTS (fit_steps) - 1];
       fit > 0.2 && !(part_fits (self, 0, first_word_end (self->summary), width, room)
                      && part_fits (self, last_word_start (self->summary), len, width, room));
       fit *= 0.9)
    {
      set_fit (self, fit * 0.9);
      if (part_fits (self, 0, len, width, room))
        {
          apply_fit (self, slide_key, fit * 0.9, whole, 0);
          return;
        }
    }

  /* Still too long at the smallest type: on to further steps, as many
   * as filling each in turn takes, the text shared out evenly between
   * them (filled, the last step could hold a word or two). Each
   * part_fits() sets the breaks it tries; the real ones are put back.
   * By lines first, which takes a few layouts; word by word if that
   * does not work out. */
  breaks = paginate_by_lines (self, width, room);
  if (breaks == NULL)
    {
      for (start = 0; start < len; n_parts++)
        start = skip_space (self->summary, fill_part (self, start, width, room));
      breaks = g_array_new (FALSE, FALSE, sizeof (guint));
      for (start = 0; start < len; n_parts = MAX (n_parts, 2) - 1)
        {
          guint most = fill_part (self, start, width, room);
          guint end = most;

          if (most < len)
            end = cut_near (self->summary, start, most, MIN (start + (len - start) / n_parts, most));
          g_array_append_val (breaks, start);
          start = skip_space (self->summary, end);
        }
      g_array_append_val (breaks, len);
    }
  /* (G_MAXUINT, after a step back: the last part.) */
  apply_fit (self, slide_key, self->fit, breaks, part);
}

static void
apply_text_scale (DmPresentation *self)
{
  /* The timeline's type twice the explorer's, growing with the slide's. */
  g_autofree char *css = g_strdup_printf (".presentation .slide { font-size: %.0f%%; }\n"
                                          ".presentation timeline { font-size: %.0f%%; }\n",
                                          self->text_scale * 100, self->text_scale * 200);

  gtk_css_provider_load_from_data (self->scale_provider, css, -1);
}

static void
set_blank (DmPresentation      *self,
           DmPresentationBlank  blank)
{
  self->blank = blank;
  gtk_widget_set_visible (self->blank_cover, blank != DM_PRESENTATION_BLANK_NONE);
  if (blank == DM_PRESENTATION_BLANK_WHITE)
    {
      gtk_widget_remove_css_class (self->blank_cover, "black");
      gtk_widget_add_css_class (self->blank_cover, "white");
    }
  else
    {
      gtk_widget_remove_css_class (self->blank_cover, "white");
      gtk_widget_add_css_class (self->blank_cover, "black");
    }
}

/* A blank screen comes back on any key, which does nothing else: each
 * action first asks this. */
static gboolean
unblank (DmPresentation *self)
{
  if (self->blank == DM_PRESENTATION_BLANK_NONE)
    return FALSE;

  g_string_truncate (self->typed, 0);
  set_blank (self, DM_PRESENTATION_BLANK_NONE);
  return TRUE;
}

/* What a key or a click does first: a blank screen comes back, and
 * nothing else happens (FALSE); else a number being typed is dropped. */
static gboolean
start_command (DmPresentation *self)
{
  if (unblank (self))
    return FALSE;

  g_string_truncate (self->typed, 0);
  return TRUE;
}

static void
step (DmPresentation *self,
      int             direction)
{
  guint n = self->positions->len;
  guint n_parts = self->breaks->len - 1;

  if (n == 0)
    return;
  self->part = MIN (self->part, n_parts - 1);

  if (direction > 0)
    {
      if (self->page == DM_PRESENTATION_PAGE_TITLE)
        {
          self->page = DM_PRESENTATION_PAGE_EVENT;
          self->index = 0;
          self->part = 0;
        }
      else if (self->page == DM_PRESENTATION_PAGE_EVENT && self->part + 1 < n_parts)
        {
          self->part++;
          show_part (self);
          announce_slide (self);
          gtk_widget_queue_resize (self->slide);
          return;
        }
      else if (self->page == DM_PRESENTATION_PAGE_EVENT && self->index + 1 < n)
        {
          self->index++;
          self->part = 0;
        }
      else
        self->page = DM_PRESENTATION_PAGE_CLOSING;
    }
  else
    {
      if (self->page == DM_PRESENTATION_PAGE_CLOSING)
        {
          self->page = DM_PRESENTATION_PAGE_EVENT;
          self->index = n - 1;
          self->part = G_MAXUINT;
        }
      else if (self->page == DM_PRESENTATION_PAGE_EVENT && self->part > 0 && n_parts > 1)
        {
          self->part--;
          show_part (self);
          announce_slide (self);
          gtk_widget_queue_resize (self->slide);
          return;
        }
      else if (self->page == DM_PRESENTATION_PAGE_EVENT && self->index > 0)
        {
          self->index--;
          self->part = G_MAXUINT;
        }
      else
        self->page = DM_PRESENTATION_PAGE_TITLE;
    }

  show_slide (self);
}

/* Released as the window goes, not when the last reference to it does,
 * which may be later; by then GTK has taken it out of its application,
 * hence the application kept. */
static void
release_inhibitor (DmPresentation *self)
{
  if (self->inhibit_cookie != 0)
    gtk_application_uninhibit (self->inhibit_app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  g_clear_object (&self->inhibit_app);
}

/* The screens */

static GtkEventController *key_controller_new (void);
static gboolean key_pressed_cb (GtkEventControllerKey *controller,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                DmPresentation        *self);

/* Takes the console out of where it is shown. */
static void
take_console (DmPresentation *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->console));

  if (parent == self->frame)
    gtk_overlay_remove_overlay (GTK_OVERLAY (self->frame), GTK_WIDGET (self->console));
  else if (parent != NULL && self->console_window != NULL)
    adw_window_set_content (ADW_WINDOW (self->console_window), NULL);
}

static gboolean
console_window_close_cb (GtkWindow      *window,
                         DmPresentation *self)
{
  /* Closing the console ends the presentation. */
  gtk_window_destroy (GTK_WINDOW (self));
  return GDK_EVENT_STOP;
}

/* The presentation's actions, for the console's window: its keys do
 * there what they do on the slides. */
static void
forward_action_cb (GSimpleAction  *action,
                   GVariant       *parameter,
                   DmPresentation *self)
{
  g_autofree char *name = g_strconcat ("presentation.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (self), name, parameter);
}

static GSimpleActionGroup *
forwarding_group_new (DmPresentation *self)
{
  static const struct {
    const char *name;
    const char *type;
  } actions[] = {
    { "step", "i" }, { "type-digit", "i" }, { "jump", NULL }, { "blank", "i" }, { "text-scale", "i" },
    { "toggle-language", NULL }, { "toggle-console", NULL }, { "leave", NULL },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (actions[i].name,
                                                             actions[i].type ? G_VARIANT_TYPE (actions[i].type) : NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (forward_action_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }

  return group;
}

static GtkWindow *
console_window_new (DmPresentation *self)
{
  GtkWindow *window = g_object_new (ADW_TYPE_WINDOW,
                                    "application", gtk_window_get_application (GTK_WINDOW (self)),
                                    "title", _("Presenter Console"),
                                    NULL);
  g_autoptr(GSimpleActionGroup) group = forwarding_group_new (self);
  GtkEventController *blank_keys = gtk_event_controller_key_new ();

  gtk_widget_add_css_class (GTK_WIDGET (window), "presenter");
  gtk_widget_insert_action_group (GTK_WIDGET (window), "presentation", G_ACTION_GROUP (group));
  gtk_event_controller_set_propagation_phase (blank_keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (blank_keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), blank_keys);
  gtk_widget_add_controller (GTK_WIDGET (window), key_controller_new ());
  g_signal_connect_object (window, "close-request", G_CALLBACK (console_window_close_cb), self, 0);

  return window;
}

/* As large as @monitor, even where nothing makes a window fullscreen (no
 * window manager). */
static void
set_size_of (GtkWindow  *window,
             GdkMonitor *monitor)
{
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  if (geometry.width > 0 && geometry.height > 0)
    gtk_window_set_default_size (window, geometry.width, geometry.height);
}

static gboolean
has_monitor (GListModel *monitors,
             GdkMonitor *monitor)
{
  for (guint i = 0; monitor != NULL && i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (monitors, i);

      if (item == monitor)
        return TRUE;
    }
  return FALSE;
}

/* Where the slides and the console go. With two screens or more, the
 * console on the presenter's (the screen the explorer was on, else the
 * first) and the slides on the first other one, unless swapped. */
static void
choose_monitors (DmPresentation *self)
{
  guint n = g_list_model_get_n_items (self->monitors);
  g_autoptr(GdkMonitor) presenter = NULL;
  g_autoptr(GdkMonitor) audience = NULL;

  g_clear_object (&self->audience_monitor);
  g_clear_object (&self->console_monitor);
  if (n == 0)
    return;

  presenter = has_monitor (self->monitors, self->home_monitor) ? g_object_ref (self->home_monitor)
                                                               : g_list_model_get_item (self->monitors, 0);
  for (guint i = 0; i < n && audience == NULL; i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (self->monitors, i);

      if (item != presenter)
        audience = g_steal_pointer (&item);
    }

  if (audience == NULL)
    self->audience_monitor = g_steal_pointer (&presenter);
  else if (self->swapped)
    {
      self->audience_monitor = g_steal_pointer (&presenter);
      self->console_monitor = g_steal_pointer (&audience);
    }
  else
    {
      self->audience_monitor = g_steal_pointer (&audience);
      self->console_monitor = g_steal_pointer (&presenter);
    }
}

static void
fullscreen_on (GtkWindow  *window,
               GdkMonitor *monitor)
{
  set_size_of (window, monitor);
  gtk_window_fullscreen_on_monitor (window, monitor);
}

/* Puts the slides and the console on the screens there are. */
static void
place_windows (DmPresentation *self)
{
  choose_monitors (self);

  if (self->console_monitor != NULL)
    {
      /* The console in a window of its own, on the presenter's screen. */
      if (self->console_window == NULL)
        self->console_window = console_window_new (self);
      if (gtk_widget_get_parent (GTK_WIDGET (self->console)) != GTK_WIDGET (self->console_window))
        {
          take_console (self);
          adw_window_set_content (ADW_WINDOW (self->console_window), GTK_WIDGET (self->console));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->console), TRUE);
      fullscreen_on (self->console_window, self->console_monitor);
      gtk_window_present (self->console_window);
    }
  else
    {
      /* One screen: the console over the slides, when asked for. */
      if (gtk_widget_get_parent (GTK_WIDGET (self->console)) != self->frame)
        {
          take_console (self);
          gtk_overlay_add_overlay (GTK_OVERLAY (self->frame), GTK_WIDGET (self->console));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->console), self->console_shown);
      if (self->console_window != NULL)
        gtk_window_destroy (g_steal_pointer (&self->console_window));
    }

  /* The slides where the audience sees them: on a screen of their own,
   * or back on the one left when it is unplugged. (On one screen from
   * the start, where the explorer put them.) */
  if (self->audience_monitor != NULL && (self->console_monitor != NULL || self->spread))
    fullscreen_on (GTK_WINDOW (self), self->audience_monitor);
  self->spread = self->console_monitor != NULL;
}

static void
monitors_changed_cb (GListModel     *monitors,
                     guint           position,
                     guint           removed,
                     guint           added,
                     DmPresentation *self)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    place_windows (self);
}

/* The audience's view drawn small in the console, only while it is seen:
 * a widget's paintable draws the widget again each time it changes. */
static void
console_map_cb (GtkWidget      *console,
                DmPresentation *self)
{
  g_autoptr(GdkPaintable) preview = gtk_widget_paintable_new (self->audience);

  dm_presenter_console_set_preview (self->console, preview);
}

static void
console_unmap_cb (GtkWidget      *console,
                  DmPresentation *self)
{
  dm_presenter_console_set_preview (self->console, NULL);
}

static void
event_activated_cb (DmPresenterConsole *console,
                    guint               index,
                    DmPresentation     *self)
{
  g_string_truncate (self->typed, 0);
  dm_presentation_go_to (self, index);
}

/* Actions, one for each thing a key or a click does */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);
  int direction = g_variant_get_int32 (parameter);

  if (!start_command (self))
    return;

  if (direction == G_MININT32)
    {
      self->page = DM_PRESENTATION_PAGE_TITLE;
      self->index = 0;
      show_slide (self);
    }
  else if (direction == G_MAXINT32)
    {
      self->page = self->positions->len > 0 ? DM_PRESENTATION_PAGE_CLOSING : DM_PRESENTATION_PAGE_TITLE;
      self->index = MAX (self->positions->len, 1) - 1;
      show_slide (self);
    }
  else
    step (self, direction);
}

static void
type_digit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  if (unblank (self))
    return;

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

  if (unblank (self))
    return;

  /* "12" then Enter goes to the twelfth event; Enter alone goes on. */
  if (self->typed->len == 0)
    {
      step (self, 1);
      return;
    }

  if (g_ascii_string_to_unsigned (self->typed->str, 10, 1, MAX (self->positions->len, 1), &number, NULL))
    dm_presentation_go_to (self, (guint) number - 1);
  g_string_truncate (self->typed, 0);
}

static void
blank_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  if (!start_command (self))
    return;

  set_blank (self, g_variant_get_int32 (parameter));
}

static void
text_scale_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);
  int direction = g_variant_get_int32 (parameter);

  if (unblank (self))
    return;

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

  if (unblank (self))
    return;

  self->language = self->language == DM_LANGUAGE_VI ? DM_LANGUAGE_EN : DM_LANGUAGE_VI;
  self->part = 0;
  dm_presenter_console_set_slides (self->console, self->dataset, self->positions, self->language);
  show_slide (self);
}

/* S: on one screen, the console over the slides and back; on two, the
 * slides and the console change screens. */
static void
toggle_console_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  if (!start_command (self))
    return;

  if (self->console_monitor != NULL)
    self->swapped = !self->swapped;
  else
    self->console_shown = !self->console_shown;
  place_windows (self);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  if (unblank (DM_PRESENTATION (widget)))
    return;

  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Callbacks */

/* The keys that are no shortcut bring a blank screen back too. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DmPresentation        *self)
{
  return unblank (self) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          DmPresentation  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  /* A click in the console is the console's: its list of events. */
  if (picked != NULL && gtk_widget_is_ancestor (picked, GTK_WIDGET (self->console)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!start_command (self))
    return;

  if (button == GDK_BUTTON_PRIMARY)
    step (self, 1);
  else if (button == GDK_BUTTON_SECONDARY)
    step (self, -1);
}

/* GObject */

static void
dm_presentation_dispose (GObject *object)
{
  DmPresentation *self = (DmPresentation *)object;

  release_inhibitor (self);

  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_func (self->monitors, monitors_changed_cb, self);
  g_clear_object (&self->monitors);
  g_clear_object (&self->home_monitor);
  g_clear_object (&self->audience_monitor);
  g_clear_object (&self->console_monitor);
  if (self->console_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->console_window));
  g_clear_object (&self->console);

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
  g_clear_pointer (&self->breaks, g_array_unref);
  g_clear_pointer (&self->fits, g_hash_table_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->fit_key, g_free);
  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (dm_presentation_parent_class)->finalize (object);
}

/* GtkWidget */

/* The screens are chosen as the window is about to be shown: the
 * explorer's fullscreen request comes before, and is for a screen of the
 * presentation's choosing. */
static void
dm_presentation_realize (GtkWidget *widget)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  GTK_WIDGET_CLASS (dm_presentation_parent_class)->realize (widget);

  if (self->monitors == NULL)
    dm_presentation_set_monitors (self, gdk_display_get_monitors (gtk_widget_get_display (widget)));
  else
    place_windows (self);

  /* The screen must not blank in the middle of a briefing. */
  if (self->inhibit_app == NULL && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    {
      self->inhibit_app = g_object_ref (gtk_window_get_application (GTK_WINDOW (self)));
      self->inhibit_cookie = gtk_application_inhibit (self->inhibit_app, GTK_WINDOW (self),
                                                      GTK_APPLICATION_INHIBIT_IDLE, _("Presenting a timeline"));
    }
}

static void
dm_presentation_unrealize (GtkWidget *widget)
{
  DmPresentation *self = DM_PRESENTATION (widget);

  /* The presentation is over: the console goes with the slides. */
  release_inhibitor (self);
  if (self->console_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->console_window));

  GTK_WIDGET_CLASS (dm_presentation_parent_class)->unrealize (widget);
}

static void
dm_presentation_class_init (DmPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_presentation_dispose;
  object_class->finalize = dm_presentation_finalize;
  widget_class->realize = dm_presentation_realize;
  widget_class->unrealize = dm_presentation_unrealize;

  gtk_widget_class_install_action (widget_class, "presentation.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "presentation.type-digit", "i", type_digit_action);
  gtk_widget_class_install_action (widget_class, "presentation.jump", NULL, jump_action);
  gtk_widget_class_install_action (widget_class, "presentation.blank", "i", blank_action);
  gtk_widget_class_install_action (widget_class, "presentation.text-scale", "i", text_scale_action);
  gtk_widget_class_install_action (widget_class, "presentation.toggle-language", NULL, language_action);
  gtk_widget_class_install_action (widget_class, "presentation.toggle-console", NULL, toggle_console_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);
}

/* The keys, taken on the window before any widget inside it sees them:
 * GtkWindow's own bindings (Space activates the focus, the arrows move
 * it) and a focused widget's (a scrolled window's Page Down) come later. */
static GtkEventController *
key_controller_new (void)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const guint digit_keys[][2] = {
    { GDK_KEY_0, GDK_KEY_KP_0 }, { GDK_KEY_1, GDK_KEY_KP_1 }, { GDK_KEY_2, GDK_KEY_KP_2 },
    { GDK_KEY_3, GDK_KEY_KP_3 }, { GDK_KEY_4, GDK_KEY_KP_4 }, { GDK_KEY_5, GDK_KEY_KP_5 },
    { GDK_KEY_6, GDK_KEY_KP_6 }, { GDK_KEY_7, GDK_KEY_KP_7 }, { GDK_KEY_8, GDK_KEY_KP_8 },
    { GDK_KEY_9, GDK_KEY_KP_9 },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (presentation_keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (presentation_keys[i].keyval,
                                                                        presentation_keys[i].modifiers),
                                                gtk_named_action_new (presentation_keys[i].action));

      if (g_str_equal (presentation_keys[i].action, "presentation.step")
          || g_str_equal (presentation_keys[i].action, "presentation.blank")
          || g_str_equal (presentation_keys[i].action, "presentation.text-scale"))
        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (presentation_keys[i].argument));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }

  for (guint i = 0; i < G_N_ELEMENTS (digit_keys); i++)
    for (guint j = 0; j < 2; j++)
      {
        GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (digit_keys[i][j], 0),
                                                  gtk_named_action_new ("presentation.type-digit"));

        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 ((int) i));
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
      }

  return controller;
}

static void
dm_presentation_init (DmPresentation *self)
{
  GtkWidget *overlay;
  GtkWidget *box;
  GtkWidget *slide;
  GtkWidget *top;
  GtkGesture *click;
  GtkEventController *blank_keys;
  GtkLayoutManager *layout;

  self->typed = g_string_new (NULL);
  self->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, fit_free);
  self->summary = g_strdup ("");
  self->text_scale = 1;
  self->fit = 1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));

  /* The audience's view, and the console over it on one screen. */
  self->frame = gtk_overlay_new ();
  adw_window_set_content (ADW_WINDOW (self), self->frame);
  overlay = self->audience = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->frame), overlay);

  /* The slide gets the height its text needs, fitted to the room there
   * is, the timeline the rest (see DmSlideLayout). */
  layout = dm_slide_layout_new ();
  dm_slide_layout_set_fit_func (DM_SLIDE_LAYOUT (layout), fit_cb, self);
  box = g_object_new (GTK_TYPE_BOX, "layout-manager", layout, NULL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), box);

  /* The timeline and the overview only show: clicks are the presenter's
   * "next" and "previous", and nothing but the slide takes focus. */
  self->timeline = DM_TIMELINE_VIEW (dm_timeline_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->timeline), TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->timeline), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->timeline), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1, 120);
  dm_timeline_view_set_follow_selection (self->timeline, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timeline));

  self->overview = dm_overview_new ();
  dm_overview_set_timeline (DM_OVERVIEW (self->overview), self->timeline);
  gtk_widget_set_can_focus (self->overview, FALSE);
  gtk_widget_set_can_target (self->overview, FALSE);
  gtk_widget_set_margin_start (self->overview, 176);
  gtk_widget_set_margin_end (self->overview, 6);
  gtk_box_append (GTK_BOX (box), self->overview);

  slide = self->slide = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (slide, "slide");
  gtk_widget_set_overflow (slide, GTK_OVERFLOW_HIDDEN);
  /* The slide takes the focus, so that screen readers read it out. */
  gtk_widget_set_focusable (slide, TRUE);
  gtk_box_append (GTK_BOX (box), slide);

  /* In reading order, for eyes and screen readers alike: the title, then
   * when and what, then the rest. */
  self->title_label = slide_label (GTK_BOX (slide), "slide-title", TRUE);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_append (GTK_BOX (slide), top);
  self->date_label = slide_label (GTK_BOX (top), "slide-date", TRUE);
  self->kind_label = slide_label (GTK_BOX (top), "slide-kind", TRUE);
  gtk_widget_set_hexpand (self->kind_label, TRUE);
  self->continued_label = slide_label (GTK_BOX (top), "slide-continued", FALSE);
  gtk_widget_set_valign (self->continued_label, GTK_ALIGN_START);
  self->progress_label = slide_label (GTK_BOX (top), "slide-progress", FALSE);
  gtk_widget_set_valign (self->progress_label, GTK_ALIGN_START);

  self->summary_label = slide_label (GTK_BOX (slide), "slide-summary", TRUE);
  self->actors_label = slide_label (GTK_BOX (slide), "slide-actors", TRUE);
  self->citation_label = slide_label (GTK_BOX (slide), "slide-citation", TRUE);

  /* B or "." blacks the screen, W or "," whites it. */
  self->blank_cover = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->blank_cover, "blank");
  gtk_widget_set_visible (self->blank_cover, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->blank_cover);

  blank_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (blank_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (blank_keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), blank_keys);
  gtk_widget_add_controller (GTK_WIDGET (self), key_controller_new ());

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->console = g_object_ref_sink (DM_PRESENTER_CONSOLE (dm_presenter_console_new ()));
  gtk_widget_set_visible (GTK_WIDGET (self->console), FALSE);
  g_signal_connect_object (self->console, "event-activated", G_CALLBACK (event_activated_cb), self, 0);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->frame), GTK_WIDGET (self->console));
  g_signal_connect_object (self->console, "map", G_CALLBACK (console_map_cb), self, 0);
  g_signal_connect_object (self->console, "unmap", G_CALLBACK (console_unmap_cb), self, 0);

  self->scale_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->scale_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  apply_text_scale (self);
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
  if (start == DM_PRESENTATION_START_TITLE || positions->len == 0)
    self->page = DM_PRESENTATION_PAGE_TITLE;
  else
    {
      self->page = DM_PRESENTATION_PAGE_EVENT;
      self->index = MIN (start, positions->len - 1);
    }
  self->language = language;

  /* The screen the explorer is on is the presenter's; the slides are as
   * large as it, even where nothing makes them fullscreen (no window
   * manager). */
  if (parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent)))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (parent)), surface);

      g_set_object (&self->home_monitor, monitor);
      if (monitor != NULL)
        set_size_of (GTK_WINDOW (self), monitor);
    }

  /* The timeline shows what is presented, and nothing else. */
  n = dm_dataset_get_n_events (dataset);
  shown = g_malloc0 (MAX (n, 1));
  for (guint i = 0; i < positions->len; i++)
    shown[g_array_index (positions, guint, i)] = 1;
  dm_timeline_view_set_dataset (self->timeline, dataset);
  dm_timeline_view_set_visible (self->timeline, shown, n);

  dm_presenter_console_set_slides (self->console, dataset, self->positions, language);
  show_slide (self);
  return self;
}

DmPresentationPage
dm_presentation_get_page (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), DM_PRESENTATION_PAGE_TITLE);

  return self->page;
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

guint
dm_presentation_get_part (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), 0);

  return MIN (self->part, self->breaks->len - 2);
}

guint
dm_presentation_get_n_parts (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), 1);

  return self->breaks->len - 1;
}

void
dm_presentation_go_to (DmPresentation *self,
                       guint           index)
{
  g_return_if_fail (DM_IS_PRESENTATION (self));

  if (index >= self->positions->len)
    return;

  self->page = DM_PRESENTATION_PAGE_EVENT;
  self->index = index;
  self->part = 0;
  show_slide (self);
}

DmLanguage
dm_presentation_get_language (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), DM_LANGUAGE_EN);

  return self->language;
}

DmPresentationBlank
dm_presentation_get_blank (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), DM_PRESENTATION_BLANK_NONE);

  return self->blank;
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

GtkWidget *
dm_presentation_get_label (DmPresentation *self,
                           const char     *name)
{
  GtkWidget *labels[] = { self->title_label, self->continued_label, self->date_label, self->kind_label,
                          self->progress_label, self->summary_label, self->actors_label, self->citation_label };
  g_autofree char *css_class = NULL;

  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  css_class = g_strconcat ("slide-", name, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_has_css_class (labels[i], css_class))
      return labels[i];

  return NULL;
}

GtkWidget *
dm_presentation_get_timeline (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return GTK_WIDGET (self->timeline);
}

GtkWidget *
dm_presentation_get_console (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return GTK_WIDGET (self->console);
}

gboolean
dm_presentation_get_console_shown (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), FALSE);

  return self->console_monitor != NULL || self->console_shown;
}

void
dm_presentation_set_monitors (DmPresentation *self,
                              GListModel     *monitors)
{
  g_return_if_fail (DM_IS_PRESENTATION (self));
  g_return_if_fail (G_IS_LIST_MODEL (monitors));

  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_func (self->monitors, monitors_changed_cb, self);
  g_set_object (&self->monitors, monitors);
  g_signal_connect (monitors, "items-changed", G_CALLBACK (monitors_changed_cb), self);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    place_windows (self);
}

GdkMonitor *
dm_presentation_get_audience_monitor (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return self->audience_monitor;
}

GdkMonitor *
dm_presentation_get_console_monitor (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return self->console_monitor;
}

GtkWindow *
dm_presentation_get_console_window (DmPresentation *self)
{
  g_return_val_if_fail (DM_IS_PRESENTATION (self), NULL);

  return self->console_window;
}
