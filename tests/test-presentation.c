/* test-presentation.c — presentation mode, driven by the keys a clicker
 * sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <adwaita.h>

#include "dm-test-a11y.h"
#include "dm-test-util.h"
#include "dm-test-presentation.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"

/* "Only resolutions", as a presenter might prepare. */
static GArray *
resolutions (DmDataset *dataset)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    if (g_str_equal (dm_dataset_get_event (dataset, i)->kind, "resolution"))
      g_array_append_val (positions, i);

  return positions;
}

static void
key (DmPresentation *self,
     const char     *action,
     GVariant       *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter));
}

static const char *
title_of (DmDataset *dataset,
          GArray    *positions,
          guint      index,
          DmLanguage language)
{
  return dm_text_get (&dm_dataset_get_event (dataset, g_array_index (positions, guint, index))->title, language);
}

static void
test_steps_in_order (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);
  g_autofree char *first_progress = NULL;
  g_autofree char *last_progress = NULL;

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpuint (positions->len, >=, 4);
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 0, DM_LANGUAGE_EN));
  first_progress = g_strdup_printf ("1 / %u", positions->len);
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, first_progress);

  /* Forward through the filtered events in order. */
  for (guint i = 1; i < positions->len; i++)
    {
      key (self, "presentation.step", g_variant_new_int32 (1));
      g_assert_cmpuint (dm_presentation_get_index (self), ==, i);
      g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, i, DM_LANGUAGE_EN));
    }
  last_progress = g_strdup_printf ("%u / %u", positions->len, positions->len);
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, last_progress);
  /* Then the closing slide, and no further. */
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_CLOSING);
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_CLOSING);

  key (self, "presentation.step", g_variant_new_int32 (-1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, positions->len - 1);
  key (self, "presentation.step", g_variant_new_int32 (G_MININT32));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  key (self, "presentation.step", g_variant_new_int32 (-1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 0);
  key (self, "presentation.step", g_variant_new_int32 (G_MAXINT32));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_CLOSING);

  /* "3" then Enter: the third event. */
  key (self, "presentation.type-digit", g_variant_new_int32 (3));
  key (self, "presentation.jump", NULL);
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_EVENT);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 2);
  /* Enter alone goes on. */
  key (self, "presentation.jump", NULL);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 3);

  gtk_window_destroy (GTK_WINDOW (self));
}

/* The opening slide says what is presented, in the data's language; the
 * closing one lists the sources with their publishers and dates. */
static void
test_title_and_closing (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) some = resolutions (dataset);
  DmPresentation *self;
  const char *summary;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_array_append_val (all, i);

  self = dm_presentation_new (NULL, dataset, all, DM_PRESENTATION_START_TITLE, DM_LANGUAGE_VI);
  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, dm_text_get (dm_dataset_get_title (dataset), DM_LANGUAGE_VI));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "summary"))), ==,
                   dm_text_get (dm_dataset_get_description (dataset), DM_LANGUAGE_VI));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "date"))), ==, "2016 – 2023");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "kind"))), ==, "18 events");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "citation"))),
                            "baochinhphu.vn"));

  key (self, "presentation.step", g_variant_new_int32 (G_MAXINT32));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_CLOSING);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, "Sources");
  summary = gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "summary")));
  /* Each source on a line of its own, with its publisher, author, date. */
  g_assert_nonnull (strstr (summary, " — Tạp chí Thông tin & Truyền thông (ICTVietnam), Minh Thiện, 21 December 2020"));
  lines = g_strsplit (summary, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, dm_dataset_get_n_sources (dataset));
  gtk_window_destroy (GTK_WINDOW (self));

  /* Filtered: it says what it shows. */
  self = dm_presentation_new (NULL, dataset, some, DM_PRESENTATION_START_TITLE, DM_LANGUAGE_EN);
  gtk_window_present (GTK_WINDOW (self));
  {
    g_autofree char *expected = g_strdup_printf ("Resolution / conclusion, %s: %u events",
                                                 gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "date"))),
                                                 some->len);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "kind"))), ==, expected);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A bilingual audience: the language switches inside the presentation;
 * large rooms: the text grows. */
static void
test_language_and_text_scale (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 1, DM_LANGUAGE_EN);

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 1, DM_LANGUAGE_EN));
  key (self, "presentation.toggle-language", NULL);
  g_assert_cmpint (dm_presentation_get_language (self), ==, DM_LANGUAGE_VI);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 1, DM_LANGUAGE_VI));

  key (self, "presentation.text-scale", g_variant_new_int32 (1));
  key (self, "presentation.text-scale", g_variant_new_int32 (1));
  g_assert_cmpfloat (dm_presentation_get_text_scale (self), >, 1.3);
  key (self, "presentation.text-scale", g_variant_new_int32 (0));
  g_assert_cmpfloat (dm_presentation_get_text_scale (self), ==, 1);

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Esc leaves; nothing is left behind. */
static void
test_leave (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);

  g_object_ref (self);
  gtk_window_present (GTK_WINDOW (self));
  key (self, "presentation.leave", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (self)));
  g_assert_finalize_object (self);
}

/* Nothing to present is said plainly. */
static void
test_empty (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
  DmPresentation *self = dm_presentation_new (NULL, dataset, none, 0, DM_LANGUAGE_EN);

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "summary"))), ==,
                   "No events to present: the search and filters hide them all.");
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpint (dm_presentation_get_page (self), ==, DM_PRESENTATION_PAGE_TITLE);
  g_assert_cmpuint (dm_presentation_get_n_slides (self), ==, 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The labels under @widget, in the order a screen reader meets them. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (labels, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, labels);
}

static guint
index_of (GPtrArray  *labels,
          const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return i;

  g_error ("No label says “%s”", text);
}

/* What a screen reader is told, slide after slide: the focus is on the
 * slide, named "Slide N of M: title", described by the rest in reading
 * order; the window says the same; the slide's labels come in reading
 * order: title, date, kind, summary, sources. */
static void
assert_slide_announced (DmPresentation *self,
                        DmDataset      *dataset,
                        GArray         *positions,
                        guint           index)
{
  const DmEvent *event = dm_dataset_get_event (dataset, g_array_index (positions, guint, index));
  const char *title = dm_text_get (&event->title, DM_LANGUAGE_EN);
  const char *kind = dm_text_get (&dm_dataset_lookup_kind (dataset, event->kind)->label, DM_LANGUAGE_EN);
  const char *summary = dm_text_get (&event->summary, DM_LANGUAGE_EN);
  g_autofree char *plain_date = dm_event_format_date (event, DM_LANGUAGE_EN);
  g_autofree char *date = event->certainty == DM_CERTAINTY_STATED ? g_strdup (plain_date)
                                                                  : g_strdup_printf ("%s (inferred)", plain_date);
  g_autofree char *expected = g_strdup_printf ("Slide %u of %u: %s", index + 1, positions->len, title);
  g_autofree char *counted = g_strdup_printf ("Slide %u of %u", index + 1, positions->len);
  GtkWidget *slide = gtk_root_get_focus (GTK_ROOT (self));
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *window_description = description_property (GTK_WIDGET (self));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *progress = NULL;

  g_assert_nonnull (slide);
  g_assert_true (gtk_widget_has_css_class (slide, "slide"));
  name = accessible_name (slide);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpstr (window_description, ==, expected);

  description = description_property (slide);
  g_assert_nonnull (description);
  g_assert_true (g_str_has_prefix (description, date));
  g_assert_nonnull (strstr (description, kind));
  g_assert_nonnull (strstr (description, summary));
  g_assert_true (strstr (description, date) < strstr (description, kind));
  g_assert_true (strstr (description, kind) < strstr (description, summary));

  collect_labels (slide, labels);
  g_assert_cmpuint (index_of (labels, title), ==, 0);
  g_assert_cmpuint (index_of (labels, title), <, index_of (labels, date));
  g_assert_cmpuint (index_of (labels, date), <, index_of (labels, kind));
  g_assert_cmpuint (index_of (labels, kind), <, index_of (labels, summary));
  if (event->citations != NULL)
    g_assert_cmpuint (index_of (labels, summary), <, labels->len - 1);

  /* "3 / 12" is read as words. */
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (slide)));
       w != NULL; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_has_css_class (w, "slide-progress"))
      progress = w;
  g_assert_nonnull (progress);
  g_free (name);
  name = accessible_name (progress);
  g_assert_cmpstr (name, ==, counted);
}

/* Stepping tells a screen reader each time, even when the focus had
 * gone. */
static void
test_screen_reader (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);

  /* Room for every slide's whole text. */
  gtk_window_set_default_size (GTK_WINDOW (self), 1920, 1080);
  gtk_window_present (GTK_WINDOW (self));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  assert_slide_announced (self, dataset, positions, 0);

  key (self, "presentation.step", g_variant_new_int32 (1));
  assert_slide_announced (self, dataset, positions, 1);

  gtk_root_set_focus (GTK_ROOT (self), NULL);
  key (self, "presentation.step", g_variant_new_int32 (G_MAXINT32));
  key (self, "presentation.step", g_variant_new_int32 (-1));
  assert_slide_announced (self, dataset, positions, positions->len - 1);

  key (self, "presentation.type-digit", g_variant_new_int32 (2));
  key (self, "presentation.jump", NULL);
  assert_slide_announced (self, dataset, positions, 1);

  gtk_window_destroy (GTK_WINDOW (self));
}

static double
font_size (GtkWidget *widget)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  return pango_font_description_get_size (font) / (double) PANGO_SCALE;
}

/* The timeline is read from the back of the room: its lane names and
 * labels twice the explorer's size, growing and shrinking with the
 * slide's text; the event presented is the one it selects (and so draws
 * highlighted). */
static void
test_timeline_type (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 1, DM_LANGUAGE_EN);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *explorer_timeline = dm_timeline_view_new ();
  GtkWidget *timeline = dm_presentation_get_timeline (self);
  double usual;
  double presented;

  /* The explorer's timeline of the same dataset, as wide, for its lane
   * names' column to be compared. */
  dm_timeline_view_set_dataset (DM_TIMELINE_VIEW (explorer_timeline), dataset);
  gtk_window_set_child (GTK_WINDOW (window), explorer_timeline);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 400);
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (self));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  gtk_test_widget_wait_for_draw (window);
  usual = font_size (explorer_timeline);
  presented = font_size (timeline);
  g_assert_cmpfloat (presented, >=, 2 * usual - 0.01);
  g_test_message ("presentation timeline %d wide, header %d; explorer %d wide, header %d",
                  gtk_widget_get_width (timeline), dm_timeline_view_get_header_width (DM_TIMELINE_VIEW (timeline)),
                  gtk_widget_get_width (explorer_timeline), dm_timeline_view_get_header_width (DM_TIMELINE_VIEW (explorer_timeline)));
  g_assert_cmpint (dm_timeline_view_get_header_width (DM_TIMELINE_VIEW (timeline)), >,
                   dm_timeline_view_get_header_width (DM_TIMELINE_VIEW (explorer_timeline)));
  g_assert_cmpint (dm_timeline_view_get_selected (DM_TIMELINE_VIEW (timeline)), ==,
                   (int) g_array_index (positions, guint, 1));

  key (self, "presentation.text-scale", g_variant_new_int32 (1));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  g_assert_cmpfloat (font_size (timeline), >, presented * 1.1);
  key (self, "presentation.text-scale", g_variant_new_int32 (-1));
  key (self, "presentation.text-scale", g_variant_new_int32 (-1));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  g_assert_cmpfloat (font_size (timeline), <, presented * 0.9);
  key (self, "presentation.text-scale", g_variant_new_int32 (0));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
  g_assert_cmpfloat (font_size (timeline), ==, presented);

  /* The opening slide selects nothing. */
  key (self, "presentation.step", g_variant_new_int32 (G_MININT32));
  g_assert_cmpint (dm_timeline_view_get_selected (DM_TIMELINE_VIEW (timeline)), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Every slide fits: at a projector's sizes and a 4K screen's, at the usual
 * text size, made larger (Ctrl++) and smaller (Ctrl+-), the title, date,
 * kind, counter and text lie inside the window, whole; a text too long
 * for the room goes on over further steps of its event, marked so, and
 * nothing of it is lost. */
typedef struct
{
  int         width;
  int         height;
  int         larger;      /* Ctrl++ pressed so many times; Ctrl+- if negative */
} FitCase;

static const FitCase fit_cases[] = {
  { 1024, 768, 0 },
  { 1920, 1080, 0 },
  { 1024, 768, 8 },
  { 1024, 768, -5 },
  { 3840, 2160, 8 },
};

static void
test_every_slide_fits (gconstpointer data)
{
  const FitCase *c = data;
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  DmPresentation *self;
  guint n_continued = 0;
  guint n_slides = 0;

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_array_append_val (all, i);
  /* The timeline flies to each event at once: no animation to wait out. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  self = dm_presentation_new (NULL, dataset, all, DM_PRESENTATION_START_TITLE, DM_LANGUAGE_EN);
  gtk_window_set_default_size (GTK_WINDOW (self), c->width, c->height);
  gtk_window_present (GTK_WINDOW (self));
  for (int i = 0; i < ABS (c->larger); i++)
    key (self, "presentation.text-scale", g_variant_new_int32 (c->larger > 0 ? 1 : -1));

  for (;;)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (self)), <=, c->width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (self)), <=, c->height);
      dm_test_assert_slide_whole (self);
      n_slides++;

      /* The presented event is in sight on the timeline, drawn on its own:
       * never folded into a cluster. */
      if (dm_presentation_get_page (self) == DM_PRESENTATION_PAGE_EVENT)
        {
          DmTimelineView *timeline = DM_TIMELINE_VIEW (dm_presentation_get_timeline (self));
          guint position = g_array_index (all, guint, dm_presentation_get_index (self));

          if (dm_timeline_view_get_event_visibility (timeline, position) != DM_EVENT_DRAWN)
            {
              g_autofree char *range = dm_timeline_view_format_range (timeline);

              g_test_message ("slide %u: %s (%s), %d, view %s, %d wide",
                              dm_presentation_get_index (self), dm_dataset_get_event (dataset, position)->id,
                              dm_dataset_get_event (dataset, position)->title.en,
                              dm_timeline_view_get_event_visibility (timeline, position), range,
                              gtk_widget_get_width (GTK_WIDGET (timeline)));
            }
          g_assert_cmpint (dm_timeline_view_get_event_visibility (timeline, position), ==, DM_EVENT_DRAWN);
        }

      if (dm_presentation_get_page (self) == DM_PRESENTATION_PAGE_EVENT && dm_presentation_get_part (self) == 0
          && dm_presentation_get_n_parts (self) > 1)
        {
          const DmEvent *event = dm_dataset_get_event (dataset, g_array_index (all, guint, dm_presentation_get_index (self)));
          const char *whole = dm_text_get (&event->summary, DM_LANGUAGE_EN);
          const char *rest = whole;
          guint n_parts = dm_presentation_get_n_parts (self);

          /* Each part in turn, the text in order, nothing left out. */
          n_continued++;
          for (guint part = 0; part < n_parts; part++)
            {
              g_autofree char *text = g_strdup (gtk_label_get_text (GTK_LABEL (dm_presentation_get_label (self, "summary"))));
              GtkWidget *continued = dm_presentation_get_label (self, "continued");

              g_assert_cmpuint (dm_presentation_get_part (self), ==, part);
              g_assert_cmpint (gtk_widget_get_visible (continued), ==, part > 0);
              if (g_str_has_suffix (text, " …"))
                text[strlen (text) - strlen (" …")] = '\0';
              else
                g_assert_cmpuint (part, ==, n_parts - 1);
              while (*rest == ' ' || *rest == '\n')
                rest++;
              g_assert_true (g_str_has_prefix (rest, text));
              rest += strlen (text);
              if (part + 1 < n_parts)
                {
                  key (self, "presentation.step", g_variant_new_int32 (1));
                  gtk_test_widget_wait_for_draw (GTK_WIDGET (self));
                  dm_test_assert_slide_whole (self);
                }
            }
          g_assert_cmpstr (rest, ==, "");
        }

      if (dm_presentation_get_page (self) == DM_PRESENTATION_PAGE_CLOSING)
        break;
      key (self, "presentation.step", g_variant_new_int32 (1));
    }

  g_test_message ("%d×%d, text %+d: %u slides, %u events continued", c->width, c->height, c->larger,
                  n_slides, n_continued);
  g_assert_cmpuint (n_slides, >=, all->len + 2);
  /* The largest text on the smallest screen needs more than one step. */
  if (c->width == 1024 && c->larger == 8)
    g_assert_cmpuint (n_continued, >, 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

int
main (int   argc,
      char *argv[])
{
  dm_test_a11y_init (&argc, &argv);
  dm_test_load_style ();

  g_test_add_func ("/presentation/steps-in-order", test_steps_in_order);
  g_test_add_func ("/presentation/title-and-closing", test_title_and_closing);
  g_test_add_func ("/presentation/timeline-type", test_timeline_type);
  g_test_add_func ("/presentation/language-and-text-scale", test_language_and_text_scale);
  g_test_add_func ("/presentation/leave", test_leave);
  g_test_add_func ("/presentation/empty", test_empty);
  g_test_add_func ("/presentation/screen-reader", test_screen_reader);

  for (guint i = 0; i < G_N_ELEMENTS (fit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/presentation/every-slide-fits/%dx%d/%+d", fit_cases[i].width,
                                               fit_cases[i].height, fit_cases[i].larger);

      g_test_add_data_func (path, &fit_cases[i], test_every_slide_fits);
    }

  return g_test_run ();
}
