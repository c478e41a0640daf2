/* dm-slides.c
 *
 * What each slide of a presentation says — the screen's presentation
 * (dm-presentation.c) and the PDF deck both take their texts from here —
 * and the deck itself: the slides on 16:9 pages, each with the timeline
 * drawn by the same scene as the screen's, for someone who missed the
 * briefing or a projector PC without Dấu Mốc. No GTK: `daumoc --export
 * --slides` writes it with no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "dm-export.h"
#include "dm-file-util.h"
#include "dm-scene.h"
#include "dm-safe-text.h"
#include "dm-slides.h"

/* What a slide says */

static const DmEvent *
presented_event (DmDataset *dataset,
                 GArray    *positions,
                 guint      index)
{
  return dm_dataset_get_event (dataset, g_array_index (positions, guint, index));
}

/* "2016 – 2022": the years the presented events cover. */
static char *
format_span (DmDataset *dataset,
             GArray    *positions)
{
  double last = -G_MAXDOUBLE;
  DmDate from;
  DmDate to;

  for (guint i = 0; i < positions->len; i++)
    last = MAX (last, presented_event (dataset, positions, i)->axis_end);
  dm_date_from_axis (presented_event (dataset, positions, 0)->axis_start, DM_DATE_PRECISION_YEAR, &from);
  dm_date_from_axis (last - 0.5, DM_DATE_PRECISION_YEAR, &to);

  return dm_date_format_range (&from, from.year == to.year ? NULL : &to, dm_language_from_locale ());
}

/* What the presentation shows: "18 events", or, when the search and
 * filters chose, "Resolution / conclusion, 2018 – 2020: 3 events". */
static char *
describe_scope (DmDataset  *dataset,
                GArray     *positions,
                DmLanguage  language)
{
  guint n = positions->len;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  g_autoptr(GString) scope = g_string_new (NULL);
  g_autofree char *span = NULL;
  g_autofree guint8 *kinds = NULL;
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  guint n_shown_kinds = 0;

  if (n == 0 || n == dm_dataset_get_n_events (dataset))
    return g_steal_pointer (&count);

  kinds = g_malloc0 (MAX (n_kinds, 1));
  for (guint i = 0; i < n; i++)
    {
      guint k = presented_event (dataset, positions, i)->kind_index;

      if (k < n_kinds && !kinds[k])
        {
          kinds[k] = 1;
          n_shown_kinds++;
        }
    }
  if (n_shown_kinds < n_kinds)
    for (guint k = 0; k < n_kinds; k++)
      if (kinds[k])
        g_string_append_printf (scope, "%s%s", scope->len ? ", " : "",
                                dm_text_get (&dm_dataset_get_kind (dataset, k)->label, language));

  span = format_span (dataset, positions);
  g_string_append_printf (scope, "%s%s", scope->len ? ", " : "", span);

  /* TRANSLATORS: what a filtered presentation shows: "Resolution /
   * conclusion, 2018 – 2020" then "3 events" */
  return g_strdup_printf (_("%s: %s"), scope->str, count);
}

/* The sources the presented events cite, in the dataset's order: each
 * once. */
static GPtrArray *
cited_sources (DmDataset *dataset,
               GArray    *positions)
{
  GPtrArray *sources = g_ptr_array_new ();
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < positions->len; i++)
    {
      const DmEvent *event = presented_event (dataset, positions, i);

      for (guint c = 0; event->citations != NULL && c < event->citations->len; c++)
        g_hash_table_add (cited, ((DmCitation *) g_ptr_array_index (event->citations, c))->source);
    }

  for (guint s = 0; s < dm_dataset_get_n_sources (dataset); s++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, s);

      if (g_hash_table_contains (cited, source->id))
        g_ptr_array_add (sources, (gpointer) source);
    }

  return sources;
}

/* "Title — Publisher, Author, 21 December 2020" */
static char *
describe_source (const DmSource *source,
                 DmLanguage      language)
{
  GString *text = g_string_new (dm_text_get (&source->title, language));
  g_autoptr(GPtrArray) by = g_ptr_array_new_with_free_func (g_free);

  if (source->publisher != NULL && source->publisher[0] != '\0')
    g_ptr_array_add (by, g_strdup (source->publisher));
  if (source->author != NULL && source->author[0] != '\0')
    g_ptr_array_add (by, g_strdup (source->author));
  if (dm_date_is_set (&source->date))
    g_ptr_array_add (by, dm_date_format (&source->date, dm_language_from_locale ()));
  g_ptr_array_add (by, NULL);

  if (by->len > 1)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) by->pdata);

      g_string_append_printf (text, " — %s", joined);
    }

  return g_string_free (text, FALSE);
}

/* The date at its own precision, and how sure it is. */
static char *
format_event_date (const DmEvent *event)
{
  /* Dates are in the interface's language; the texts in the data's. */
  g_autofree char *date = dm_event_format_date (event, dm_language_from_locale ());

  switch (event->certainty)
    {
    case DM_CERTAINTY_INFERRED:
      return g_strdup_printf (_("%s (inferred)"), date);

    case DM_CERTAINTY_APPROXIMATE:
      /* TRANSLATORS: a date the source gives only roughly */
      return g_strdup_printf (_("%s (approximate)"), date);

    case DM_CERTAINTY_STATED:
    default:
      return g_steal_pointer (&date);
    }
}

static void
init_event (DmSlideText   *text,
            DmDataset     *dataset,
            GArray        *positions,
            guint          index,
            DmLanguage     language)
{
  const DmEvent *event = presented_event (dataset, positions, index);
  const DmKind *kind = dm_dataset_lookup_kind (dataset, event->kind);
  GString *actors = g_string_new (NULL);
  GString *citation = g_string_new (NULL);

  for (guint i = 0; event->actors != NULL && i < event->actors->len && i < 4; i++)
    {
      const DmActor *actor = g_ptr_array_index (event->actors, i);
      const char *role = dm_text_get (&actor->role, language);

      if (actors->len > 0)
        g_string_append (actors, " · ");
      g_string_append (actors, actor->name);
      if (role[0] != '\0')
        g_string_append_printf (actors, " (%s)", role);
    }

  if (event->citations != NULL && event->citations->len > 0)
    {
      const DmCitation *first = g_ptr_array_index (event->citations, 0);
      const DmSource *source = dm_dataset_lookup_source (dataset, first->source);

      if (source != NULL)
        g_string_append (citation, dm_text_get (&source->title, language));
      if (source != NULL && source->publisher != NULL)
        g_string_append_printf (citation, " — %s", source->publisher);
    }

  text->title = g_strdup (dm_text_get (&event->title, language));
  text->date = format_event_date (event);
  text->kind = g_strdup (kind ? dm_text_get (&kind->label, language) : event->kind);
  text->progress = g_strdup_printf ("%u / %u", index + 1, positions->len);
  text->summary = g_strdup (dm_text_get (&event->summary, language));
  text->actors = g_string_free (actors, FALSE);
  text->citation = g_string_free (citation, FALSE);
}

static void
init_title (DmSlideText *text,
            DmDataset   *dataset,
            GArray      *positions,
            DmLanguage   language)
{
  g_autoptr(GPtrArray) sources = cited_sources (dataset, positions);
  g_autoptr(GString) publishers = g_string_new (NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      const DmSource *source = g_ptr_array_index (sources, i);

      if (source->publisher != NULL && strstr (publishers->str, source->publisher) == NULL)
        g_string_append_printf (publishers, "%s%s", publishers->len ? ", " : "", source->publisher);
    }

  text->title = g_strdup (dm_text_get (dm_dataset_get_title (dataset), language));
  text->date = positions->len > 0 ? format_span (dataset, positions) : g_strdup ("");
  text->kind = describe_scope (dataset, positions, language);
  text->progress = g_strdup ("");
  if (positions->len == 0)
    text->summary = g_strdup (_("No events to present: the search and filters hide them all."));
  else
    text->summary = g_strdup (dm_text_get (dm_dataset_get_description (dataset), language));
  text->actors = g_strdup ("");
  /* TRANSLATORS: on the opening slide: "Sources: ICTVietnam,
   * baochinhphu.vn" */
  text->citation = publishers->len > 0 ? g_strdup_printf (_("Sources: %s"), publishers->str) : g_strdup ("");
}

static void
init_closing (DmSlideText *text,
              DmDataset   *dataset,
              GArray      *positions,
              DmLanguage   language)
{
  g_autoptr(GPtrArray) sources = cited_sources (dataset, positions);
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      g_autofree char *line = describe_source (g_ptr_array_index (sources, i), language);

      g_string_append_printf (lines, "%s• %s", lines->len ? "\n" : "", line);
    }

  text->title = g_strdup (_("Sources"));
  text->date = g_strdup ("");
  text->kind = g_strdup (dm_text_get (dm_dataset_get_title (dataset), language));
  text->progress = g_strdup ("");
  text->summary = g_string_free (lines, FALSE);
  text->actors = g_strdup ("");
  text->citation = g_strdup ("");
}

/* The most of a summary (or of the closing slide's sources) a slide
 * shows, over its continued steps. */
#define SLIDE_SUMMARY_CHARS 4000

static void
bound (char  **field,
       gsize   max_chars)
{
  char *shown;

  if (*field == NULL)
    return;
  shown = dm_safe_text_for_display (*field, max_chars);
  g_free (*field);
  *field = shown;
}

void
dm_slide_text_init (DmSlideText *text,
                    DmDataset   *dataset,
                    GArray      *positions,
                    DmSlideKind  kind,
                    guint        index,
                    DmLanguage   language)
{
  g_return_if_fail (text != NULL);
  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (positions != NULL);

  if (kind == DM_SLIDE_EVENT && index < positions->len)
    init_event (text, dataset, positions, index, language);
  else if (kind == DM_SLIDE_CLOSING && positions->len > 0)
    init_closing (text, dataset, positions, language);
  else
    init_title (text, dataset, positions, language);

  /* Dataset text on a slide: controls and bidi overrides shown as what
   * they are, and bounded (a megabyte in a label stalls the window, and
   * no room reads more than a few steps of a summary). */
  bound (&text->title, DM_SAFE_TEXT_LABEL_MAX);
  bound (&text->date, DM_SAFE_TEXT_LABEL_MAX);
  bound (&text->kind, DM_SAFE_TEXT_LABEL_MAX);
  bound (&text->actors, DM_SAFE_TEXT_LABEL_MAX);
  bound (&text->citation, DM_SAFE_TEXT_LABEL_MAX);
  bound (&text->summary, SLIDE_SUMMARY_CHARS);
}

void
dm_slide_text_clear (DmSlideText *text)
{
  g_clear_pointer (&text->title, g_free);
  g_clear_pointer (&text->date, g_free);
  g_clear_pointer (&text->kind, g_free);
  g_clear_pointer (&text->progress, g_free);
  g_clear_pointer (&text->summary, g_free);
  g_clear_pointer (&text->actors, g_free);
  g_clear_pointer (&text->citation, g_free);
}

/* The deck */

/* As the screen's style sheet has them (style.css: .presentation .slide-*),
 * relative to a base size that makes a page look like a 1280×720 screen. */
#define BASE_SIZE      8.25
#define PADDING_X      36.0
#define PADDING_TOP    18.0
#define PADDING_BOTTOM 27.0
#define SPACING        9.0
/* The timeline's share of the page, as DmSlideLayout gives it on screen;
 * drawn a little smaller than the handout's, so that every lane shows. */
#define TIMELINE_SHARE 0.42
#define TIMELINE_ZOOM  0.8

static const double fit_steps[] = { 1, 0.9, 0.8 };

typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
  double       alpha;
} Placed;

static PangoLayout *
make_layout (PangoContext *pango,
             const char   *text,
             const char   *font,
             double        size,
             double        width)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_font_description_set_size (description, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Text, never markup. */
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* Lays a slide out from @top, the text from @start to @end of the
 * summary; returns the height used. With @placed NULL, only measures. */
static double
lay_out (PangoContext      *pango,
         const DmSlideText *text,
         guint              start,
         guint              end,
         guint              part,
         guint              n_parts,
         double             fit,
         double             top,
         GArray            *placed)
{
  double size = BASE_SIZE * fit;
  double row_y = -1;
  PangoLayout *progress = NULL;
  int progress_width = 0;
  double y = top + PADDING_TOP;
  double x = PADDING_X;
  double row = 0;
  g_autofree char *continued = NULL;
  g_autofree char *summary = NULL;
  struct {
    const char *text;
    const char *font;
    double      scale;
    double      alpha;
    gboolean    in_row;
    gboolean    last_part_only;
  } parts[] = {
    { text->title, "Sans Heavy", 2.6, 1, FALSE, FALSE },
    { text->date, "Sans Bold", 1.4, 1, TRUE, FALSE },
    { text->kind, "Sans Bold", 1.4, 0.75, TRUE, FALSE },
    { NULL, "Sans Italic", 1.4, 1, TRUE, FALSE },
    { NULL, "Sans", 1.6, 1, FALSE, FALSE },
    { text->actors, "Sans", 1.2, 0.8, FALSE, TRUE },
    { text->citation, "Sans", 1.2, 0.8, FALSE, TRUE },
  };

  if (part > 0)
    continued = g_strdup_printf (_("(continued, %u of %u)"), part + 1, n_parts);
  parts[3].text = continued;
  summary = g_strndup (text->summary + start, end - start);
  g_strstrip (summary);
  if (end < strlen (text->summary))
    {
      g_autofree char *cut = g_steal_pointer (&summary);

      summary = g_strdup_printf ("%s …", cut);
    }
  parts[4].text = summary;

  /* The counter at the right of the date's row: the row is narrower. */
  if (text->progress[0] != '\0')
    {
      progress = make_layout (pango, text->progress, "Sans", size * 1.4, -1);
      pango_layout_get_pixel_size (progress, &progress_width, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      PangoLayout *layout;
      double height;

      if (parts[i].text == NULL || parts[i].text[0] == '\0' || (parts[i].last_part_only && part + 1 < n_parts))
        continue;

      if (parts[i].in_row)
        {
          layout = make_layout (pango, parts[i].text, parts[i].font, size * parts[i].scale,
                                MAX (DM_SLIDES_PAGE_WIDTH - PADDING_X - x - progress_width - 18, 40));
          height = layout_height (layout);
          if (row_y < 0)
            row_y = y;
          {
            int used;

            pango_layout_get_pixel_size (layout, &used, NULL);
            if (placed != NULL)
              g_array_append_val (placed, ((Placed) { layout, x, y, parts[i].alpha }));
            else
              g_object_unref (layout);
            x += used + 13.5;
          }
          row = MAX (row, height);
          continue;
        }

      /* After the row of date and kind, the rest below it. */
      if (row > 0)
        {
          y += row + SPACING;
          row = 0;
          x = PADDING_X;
        }
      layout = make_layout (pango, parts[i].text, parts[i].font, size * parts[i].scale,
                            DM_SLIDES_PAGE_WIDTH - 2 * PADDING_X);
      height = layout_height (layout);
      if (placed != NULL)
        g_array_append_val (placed, ((Placed) { layout, PADDING_X, y, parts[i].alpha }));
      else
        g_object_unref (layout);
      y += height + SPACING;
    }
  y += row;

  if (progress != NULL && placed != NULL)
    g_array_append_val (placed, ((Placed) { progress, DM_SLIDES_PAGE_WIDTH - PADDING_X - progress_width,
                                            row_y >= 0 ? row_y : top + PADDING_TOP, 0.75 }));
  else
    g_clear_object (&progress);

  return y - top + PADDING_BOTTOM - SPACING;
}

/* Where each part of the summary starts, and its end: the most lines that
 * fit on a page, at the type @fit. */
static GArray *
paginate (PangoContext      *pango,
          const DmSlideText *text,
          double             fit,
          double             room)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  guint len = strlen (text->summary);
  guint start = 0;

  while (start < len)
    {
      g_autoptr(PangoLayout) layout = make_layout (pango, text->summary + start, "Sans", BASE_SIZE * fit * 1.6,
                                                   DM_SLIDES_PAGE_WIDTH - 2 * PADDING_X);
      int n_lines = pango_layout_get_line_count (layout);
      guint end = len;

      /* The most lines from @start that fit, and at least one. */
      for (int lines = n_lines; lines >= 1; lines--)
        {
          PangoLayoutLine *line = lines < n_lines ? pango_layout_get_line_readonly (layout, lines) : NULL;
          guint candidate = line != NULL ? start + (guint) line->start_index : len;

          guint part = breaks->len > 0 ? 1 : 0;

          /* (The people and sources come on the last part only.) */
          end = candidate;
          if (lay_out (pango, text, start, candidate, part, candidate < len ? part + 2 : part + 1,
                       fit, 0, NULL) <= room)
            break;
        }
      g_array_append_val (breaks, start);
      start = end;
      while (start < len && (text->summary[start] == ' ' || text->summary[start] == '\n'))
        start++;
    }
  g_array_append_val (breaks, len);

  return breaks;
}

/* The timeline as the screen shows it for the slide: the event selected,
 * with context on either side; the whole span on the other slides. */
static void
draw_timeline (cairo_t       *cr,
               PangoContext  *pango,
               DmDataset     *dataset,
               GArray        *positions,
               const guint8  *visible,
               DmSlideKind    kind,
               guint          index,
               DmLanguage     language)
{
  DmScene scene;
  double height = DM_SLIDES_PAGE_HEIGHT * TIMELINE_SHARE;
  double start = G_MAXDOUBLE;
  double end = -G_MAXDOUBLE;

  dm_scene_init (&scene);
  scene.dataset = dataset;
  scene.language = language;
  scene.visible = visible;
  scene.pango = pango;
  scene.width = DM_SLIDES_PAGE_WIDTH / TIMELINE_ZOOM;
  scene.height = height / TIMELINE_ZOOM;
  scene.background = (DmColor) { 1, 1, 1, 1 };
  scene.foreground = (DmColor) { 0.14, 0.14, 0.16, 1 };
  scene.accent = (DmColor) { 0.11, 0.44, 0.85, 1 };
  scene.metrics.max_rows = dm_scene_rows_for_height (&scene, scene.height) - 1;

  if (kind == DM_SLIDE_EVENT)
    {
      const DmEvent *event = presented_event (dataset, positions, index);
      double span = MAX (event->axis_end - event->axis_start, 30);

      scene.selected = (int) g_array_index (positions, guint, index);
      start = event->axis_start - span * 3;
      end = event->axis_end + span * 3;
    }
  else
    {
      for (guint i = 0; i < positions->len; i++)
        {
          start = MIN (start, presented_event (dataset, positions, i)->axis_start);
          end = MAX (end, presented_event (dataset, positions, i)->axis_end);
        }
      if (positions->len == 0)
        start = 0, end = 1;
      end += (end - start) * 0.15 + 1;
    }
  dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 16);
  dm_scene_reset_labels (&scene);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, DM_SLIDES_PAGE_WIDTH, height);
  cairo_clip (cr);
  cairo_scale (cr, TIMELINE_ZOOM, TIMELINE_ZOOM);
  dm_scene_draw (&scene, cr);
  cairo_restore (cr);
  dm_scene_clear (&scene);

  /* The line between the timeline and the slide. */
  cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, 0.2);
  cairo_rectangle (cr, 0, height, DM_SLIDES_PAGE_WIDTH, 1.5);
  cairo_fill (cr);
}

/* Draws the pages of one slide; returns how many. */
static guint
draw_slide (cairo_t      *cr,
            PangoContext *pango,
            DmDataset    *dataset,
            GArray       *positions,
            const guint8 *visible,
            DmSlideKind   kind,
            guint         index,
            DmLanguage    language)
{
  DmSlideText text = { 0 };
  double top = DM_SLIDES_PAGE_HEIGHT * TIMELINE_SHARE;
  double room = DM_SLIDES_PAGE_HEIGHT - top;
  guint len;
  double fit = fit_steps[G_N_ELEMENTS (fit_steps) - 1];
  g_autoptr(GArray) breaks = NULL;

  dm_slide_text_init (&text, dataset, positions, kind, index, language);
  len = strlen (text.summary);

  for (guint i = 0; i < G_N_ELEMENTS (fit_steps); i++)
    if (lay_out (pango, &text, 0, len, 0, 1, fit_steps[i], 0, NULL) <= room)
      {
        fit = fit_steps[i];
        break;
      }
  breaks = paginate (pango, &text, fit, room);

  for (guint part = 0; part + 1 < breaks->len; part++)
    {
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));

      draw_timeline (cr, pango, dataset, positions, visible, kind, index, language);
      lay_out (pango, &text, g_array_index (breaks, guint, part), g_array_index (breaks, guint, part + 1),
               part, breaks->len - 1, fit, top, placed);
      for (guint i = 0; i < placed->len; i++)
        {
          Placed *p = &g_array_index (placed, Placed, i);

          cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, p->alpha);
          cairo_move_to (cr, p->x, p->y);
          pango_cairo_show_layout (cr, p->layout);
          g_object_unref (p->layout);
        }
      cairo_show_page (cr);
    }

  dm_slide_text_clear (&text);
  return breaks->len - 1;
}

typedef struct
{
  DmDataset    *dataset;
  GArray       *positions;
  DmLanguage    language;
  DmCairoStream out;
} DeckJob;

static gboolean
write_deck (GOutputStream  *stream,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  DeckJob *job = user_data;
  g_autofree guint8 *visible = g_malloc0 (MAX (dm_dataset_get_n_events (job->dataset), 1));
  g_autofree char *creator = g_strdup_printf ("Dấu Mốc %s", PACKAGE_VERSION);
  g_autofree char *title = dm_safe_text_for_display (dm_text_get (dm_dataset_get_title (job->dataset), job->language),
                                                     DM_SAFE_TEXT_LABEL_MAX);
  cairo_surface_t *surface;
  PangoContext *pango;
  cairo_status_t status;
  cairo_t *cr;

  job->out = (DmCairoStream) { stream, cancellable, NULL };
  for (guint i = 0; i < job->positions->len; i++)
    visible[g_array_index (job->positions, guint, i)] = 1;

  surface = cairo_pdf_surface_create_for_stream (dm_cairo_stream_write, &job->out,
                                                 DM_SLIDES_PAGE_WIDTH, DM_SLIDES_PAGE_HEIGHT);
  /* cairo refuses noncharacters (U+FFFE) in metadata. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cr = cairo_create (surface);

  /* Metrics independent of the screen, as the other exports. */
  pango = dm_export_create_pango (cr);

  draw_slide (cr, pango, job->dataset, job->positions, visible, DM_SLIDE_TITLE, 0, job->language);
  for (guint i = 0; i < job->positions->len; i++)
    draw_slide (cr, pango, job->dataset, job->positions, visible, DM_SLIDE_EVENT, i, job->language);
  if (job->positions->len > 0)
    draw_slide (cr, pango, job->dataset, job->positions, visible, DM_SLIDE_CLOSING, 0, job->language);

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return dm_cairo_stream_finish (&job->out, status, error);
}

gboolean
dm_slides_export_pdf (DmDataset     *dataset,
                      GArray        *positions,
                      DmLanguage     language,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  DeckJob job = { dataset, positions, language, { NULL, NULL, NULL } };

  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (positions != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return dm_file_write_atomically (file, write_deck, &job, cancellable, error);
}
