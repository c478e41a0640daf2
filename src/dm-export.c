/* dm-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "dm-export.h"
#include "dm-file-util.h"
#include "dm-scene.h"

#define PAGE_WIDTH   595.0   /* A4, points */
#define PAGE_HEIGHT  842.0
#define PAGE_MARGIN  48.0

void
dm_export_options_init (DmExportOptions *options,
                        DmDataset       *dataset)
{
  memset (options, 0, sizeof *options);
  options->dataset = dataset;
  options->language = DM_LANGUAGE_EN;
  options->selected = -1;
  options->width = 1600;
  options->scale = 1;
}

gboolean
dm_export_format_from_name (const char     *name,
                            DmExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = DM_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DM_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DM_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

/* The range: as asked, or the shown events' span with a little room. */
static void
export_range (const DmExportOptions *options,
              double                *start,
              double                *end)
{
  gboolean any = FALSE;

  if (options->axis_end > options->axis_start)
    {
      *start = options->axis_start;
      *end = options->axis_end;
      return;
    }

  *start = 0;
  *end = 1;
  for (guint i = 0; i < dm_dataset_get_n_events (options->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (options->dataset, i);

      if (options->visible != NULL && !options->visible[i])
        continue;
      *start = any ? MIN (*start, event->axis_start) : event->axis_start;
      *end = any ? MAX (*end, event->axis_end) : event->axis_end;
      any = TRUE;
    }

  /* Labels near the end go left of their markers (dm-layout.c): the
   * span itself, and a day for a single event. */
  *end += 1;
}

static void
setup_scene (DmScene               *scene,
             const DmExportOptions *options,
             PangoContext          *pango,
             double                 width,
             double                 height)
{
  double start;
  double end;

  dm_scene_init (scene);
  scene->dataset = options->dataset;
  scene->language = options->language;
  scene->visible = options->visible;
  scene->selected = options->selected;
  scene->pango = pango;
  scene->width = width;
  scene->background = (DmColor) { 1, 1, 1, 1 };
  scene->foreground = (DmColor) { 0.14, 0.14, 0.16, 1 };
  scene->accent = (DmColor) { 0.11, 0.44, 0.85, 1 };

  /* Lane names whole, as on screen. */
  scene->header_width = dm_scene_measure_header_width (scene, width * 0.4);

  /* As tall as the rows the events need, unless a height is asked for:
   * laid out once in plenty of room, then as tall as that took. */
  scene->height = height > 0 ? height : scene->axis_height + dm_scene_get_n_lanes (scene) * (12 * scene->row_height + scene->lane_padding);

  export_range (options, &start, &end);
  dm_time_scale_fit (&scene->scale, start, end, dm_scene_get_time_width (scene), 16);
  dm_scene_reset_labels (scene);

  if (height <= 0)
    {
      double rows = 0;

      dm_scene_ensure_layout (scene);
      for (guint lane = 0; lane < dm_scene_get_n_lanes (scene); lane++)
        rows += dm_layout_get_lane_rows (scene->layout, lane) * scene->row_height + scene->lane_padding;
      scene->height = ceil (scene->axis_height + rows + 8);
      dm_scene_invalidate (scene);
    }
}

static PangoContext *
create_pango (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics independent of the screen, so that exports are the same
   * everywhere. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_font_description (context, font);
  pango_font_description_free (font);

  return context;
}

/* Writing cairo's output into a GOutputStream */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *s = closure;

  if (s->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (s->stream, data, length, NULL, s->cancellable, &s->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* SVG: cairo draws text as glyph outlines, which look right but cannot be
 * searched or selected. Each text drawn is also written as a <text> in an
 * invisible layer at the same place, and the file names its title and
 * creator. */

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
collect_text (const char *text,
              double      x,
              double      y,
              double      size,
              gpointer    user_data)
{
  GString *texts = user_data;
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  char xs[G_ASCII_DTOSTR_BUF_SIZE];
  char ys[G_ASCII_DTOSTR_BUF_SIZE];
  char sizes[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (texts, "  <text x=\"%s\" y=\"%s\" font-size=\"%s\">%s</text>\n",
                          g_ascii_formatd (xs, sizeof xs, "%.2f", x),
                          g_ascii_formatd (ys, sizeof ys, "%.2f", y),
                          g_ascii_formatd (sizes, sizeof sizes, "%.1f", size),
                          escaped);
}

static gboolean
write_svg (GOutputStream          *stream,
           GString                *svg,
           GString                *texts,
           const DmExportOptions  *options,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autofree char *title = g_markup_escape_text (dm_text_get (dm_dataset_get_title (options->dataset), options->language), -1);
  g_autoptr(GString) head = g_string_new (NULL);
  const char *open_end;
  const char *close;

  open_end = strstr (svg->str, "<svg");
  open_end = open_end ? strchr (open_end, '>') : NULL;
  close = g_strrstr (svg->str, "</svg>");
  if (open_end == NULL || close == NULL || close < open_end)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo wrote an SVG without its element");
      return FALSE;
    }
  open_end++;

  g_string_append_printf (head,
                          "\n<title>%s</title>\n"
                          "<desc>Made with Dấu Mốc %s</desc>\n"
                          "<metadata>\n"
                          " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                          "  <rdf:Description><dc:title>%s</dc:title><dc:creator>Dấu Mốc %s</dc:creator><dc:format>image/svg+xml</dc:format></rdf:Description>\n"
                          " </rdf:RDF>\n"
                          "</metadata>\n",
                          title, PACKAGE_VERSION, title, PACKAGE_VERSION);

  return g_output_stream_write_all (stream, svg->str, (gsize) (open_end - svg->str), NULL, cancellable, error) &&
         g_output_stream_write_all (stream, head->str, head->len, NULL, cancellable, error) &&
         g_output_stream_write_all (stream, open_end, (gsize) (close - open_end), NULL, cancellable, error) &&
         g_output_stream_write_all (stream, "<g id=\"text\" fill-opacity=\"0\" font-family=\"sans-serif\">\n", 56, NULL, cancellable, error) &&
         g_output_stream_write_all (stream, texts->str, texts->len, NULL, cancellable, error) &&
         g_output_stream_write_all (stream, "</g>\n", 5, NULL, cancellable, error) &&
         g_output_stream_write_all (stream, close, strlen (close), NULL, cancellable, error);
}

/* The handout pages after the timeline */

/* The text pages flow from one event to the next; to draw page N alone
 * (as printing asks), the flow is run and only page N is painted. */
typedef struct
{
  cairo_t      *cr;
  PangoContext *pango;
  double        width;
  double        height;
  double        y;
  int           current;   /* the page the flow is on */
  int           target;    /* the page to paint, or -1 for all */
  gboolean      pdf;       /* each page shown as it ends */
} Page;

static gboolean
painting (Page *page)
{
  return page->target == -1 || page->target == page->current;
}

static void
next_page (Page *page)
{
  if (page->pdf)
    cairo_show_page (page->cr);
  page->current++;
  page->y = PAGE_MARGIN;
}

static void
add_text (Page       *page,
          const char *text,
          const char *font,
          double      space_after)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (page->pango);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int height;

  if (text == NULL || text[0] == '\0')
    return;

  /* Plain text: dataset text is never markup. */
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) ((page->width - 2 * PAGE_MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);

  if (page->y + height > page->height - PAGE_MARGIN && page->y > PAGE_MARGIN)
    next_page (page);

  if (painting (page))
    {
      cairo_set_source_rgb (page->cr, 0.1, 0.1, 0.12);
      cairo_move_to (page->cr, PAGE_MARGIN, page->y);
      pango_cairo_show_layout (page->cr, layout);
    }
  page->y += height + space_after;
}

static void
add_event (Page                  *page,
           const DmExportOptions *options,
           const DmEvent         *event)
{
  DmDataset *dataset = options->dataset;
  DmLanguage language = options->language;
  const DmKind *kind = dm_dataset_lookup_kind (dataset, event->kind);
  g_autofree char *date = dm_event_format_date (event, dm_language_from_locale ());
  g_autofree char *heading = NULL;

  if (event->certainty != DM_CERTAINTY_STATED)
    {
      g_autofree char *marked = g_strdup_printf (_("%s (inferred)"), date);
      g_free (date);
      date = g_steal_pointer (&marked);
    }

  heading = g_strdup_printf ("%s · %s", date, kind ? dm_text_get (&kind->label, language) : event->kind);
  add_text (page, heading, "Sans 9", 2);
  add_text (page, dm_text_get (&event->title, language), "Sans Bold 12", 4);
  add_text (page, dm_text_get (&event->summary, language), "Sans 10", 4);

  for (guint i = 0; event->actors != NULL && i < event->actors->len; i++)
    {
      const DmActor *actor = g_ptr_array_index (event->actors, i);
      const char *role = dm_text_get (&actor->role, language);
      g_autofree char *line = role[0] ? g_strdup_printf ("%s — %s", actor->name, role) : g_strdup (actor->name);

      add_text (page, line, "Sans 9", 1);
    }

  for (guint i = 0; event->citations != NULL && i < event->citations->len; i++)
    {
      const DmCitation *citation = g_ptr_array_index (event->citations, i);
      const DmSource *source = dm_dataset_lookup_source (dataset, citation->source);
      g_autofree char *line = NULL;

      if (citation->quote == NULL)
        continue;
      line = g_strdup_printf ("“%s” — %s%s%s", citation->quote,
                              source ? dm_text_get (&source->title, language) : citation->source,
                              source && source->publisher ? ", " : "",
                              source && source->publisher ? source->publisher : "");
      add_text (page, line, "Sans Italic 8", 2);
    }

  page->y += 12;
}

static void
draw_title (cairo_t               *cr,
            PangoContext          *pango,
            const DmExportOptions *options,
            double                 x,
            double                 y,
            double                 width)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 16");

  pango_layout_set_text (layout, dm_text_get (dm_dataset_get_title (options->dataset), options->language), -1);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The handout after its first page: every shown event in time order.
 * Paints page @target (counted from 0 after the timeline page), or all of
 * them when @target is -1; returns how many pages there are. */
static guint
draw_event_pages (const DmExportOptions *options,
                  cairo_t               *cr,
                  PangoContext          *pango,
                  double                 width,
                  double                 height,
                  int                    target,
                  gboolean               pdf)
{
  Page page = { cr, pango, width, height, PAGE_MARGIN, 0, target, pdf };

  for (guint i = 0; i < dm_dataset_get_n_events (options->dataset); i++)
    if (options->visible == NULL || options->visible[i])
      add_event (&page, options, dm_dataset_get_event (options->dataset, i));

  if (pdf)
    cairo_show_page (cr);

  return (guint) page.current + 1;
}

/* The first page: the title and the timeline of the range, scaled to fit
 * the page's width. */
static void
draw_timeline_page (const DmExportOptions *options,
                    cairo_t               *cr,
                    PangoContext          *pango,
                    double                 width)
{
  DmScene scene;
  double scale;

  setup_scene (&scene, options, pango, options->width, options->height);
  scale = MIN (1, (width - 2 * PAGE_MARGIN) / scene.width);

  draw_title (cr, pango, options, PAGE_MARGIN, PAGE_MARGIN - 8, width - 2 * PAGE_MARGIN);
  cairo_save (cr);
  cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN + 40);
  cairo_scale (cr, scale, scale);
  dm_scene_draw (&scene, cr);
  cairo_restore (cr);
  dm_scene_clear (&scene);
}

guint
dm_export_count_handout_pages (const DmExportOptions *options,
                               double                 page_width,
                               double                 page_height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = create_pango (cr);
  guint n;

  n = 1 + draw_event_pages (options, cr, pango, page_width, page_height, -2, FALSE);

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return n;
}

void
dm_export_draw_handout_page (const DmExportOptions *options,
                             cairo_t               *cr,
                             PangoContext          *pango,
                             double                 page_width,
                             double                 page_height,
                             guint                  page_number)
{
  g_return_if_fail (options != NULL && cr != NULL && pango != NULL);

  if (page_number == 0)
    draw_timeline_page (options, cr, pango, page_width);
  else
    draw_event_pages (options, cr, pango, page_width, page_height, (int) page_number - 1, FALSE);
}

typedef struct
{
  const DmExportOptions *options;
  DmExportFormat         format;
} ExportJob;

void
dm_export_get_scene (const DmExportOptions *options,
                     DmScene               *scene)
{
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *probe_cr = cairo_create (probe);
  PangoContext *pango = create_pango (probe_cr);

  g_return_if_fail (options != NULL && scene != NULL);

  setup_scene (scene, options, pango, options->width, options->height);
  dm_scene_ensure_layout (scene);
  cairo_destroy (probe_cr);
  cairo_surface_destroy (probe);
}

static gboolean
write_export (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  ExportJob *job = user_data;
  const DmExportOptions *options = job->options;
  StreamClosure closure = { stream, cancellable, NULL };
  PangoContext *pango = NULL;
  cairo_surface_t *surface = NULL;
  g_autoptr(GString) svg = NULL;
  g_autoptr(GString) texts = NULL;
  cairo_status_t status;
  DmScene scene;
  cairo_t *cr;

  /* A measuring pass fixes the height before the real surface exists. */
  {
    cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *probe_cr = cairo_create (probe);

    pango = create_pango (probe_cr);
    setup_scene (&scene, options, pango, options->width, options->height);
    cairo_destroy (probe_cr);
    cairo_surface_destroy (probe);
  }

  switch (job->format)
    {
    case DM_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (scene.width * options->scale),
                                            (int) ceil (scene.height * options->scale));
      break;

    case DM_EXPORT_SVG:
      /* Collected, so that the text layer and the metadata can be added. */
      svg = g_string_new (NULL);
      texts = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (append_to_string, svg, scene.width, scene.height);
      scene.text_func = collect_text;
      scene.text_data = texts;
      break;

    case DM_EXPORT_PDF:
      {
        g_autofree char *creator = g_strdup_printf ("Dấu Mốc %s", PACKAGE_VERSION);

        /* The first page is the timeline, landscape and as wide as asked. */
        surface = cairo_pdf_surface_create_for_stream (write_to_stream, &closure,
                                                       scene.width + 2 * PAGE_MARGIN,
                                                       scene.height + 2 * PAGE_MARGIN + 40);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        dm_text_get (dm_dataset_get_title (options->dataset), options->language));
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  if (job->format == DM_EXPORT_PNG)
    cairo_scale (cr, options->scale, options->scale);

  if (job->format == DM_EXPORT_PDF)
    {
      draw_timeline_page (options, cr, pango, scene.width + 2 * PAGE_MARGIN);
      cairo_show_page (cr);

      /* Then the events, on portrait pages. */
      cairo_pdf_surface_set_size (surface, PAGE_WIDTH, PAGE_HEIGHT);
      draw_event_pages (options, cr, pango, PAGE_WIDTH, PAGE_HEIGHT, -1, TRUE);
    }
  else
    dm_scene_draw (&scene, cr);

  cairo_destroy (cr);
  dm_scene_clear (&scene);
  g_object_unref (pango);

  if (job->format == DM_EXPORT_PNG)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, write_to_stream, &closure);
    }
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (svg != NULL && status == CAIRO_STATUS_SUCCESS &&
      !write_svg (stream, svg, texts, options, cancellable, &closure.error))
    status = CAIRO_STATUS_WRITE_ERROR;

  if (closure.error != NULL)
    {
      g_propagate_error (error, closure.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the export: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
dm_export_to_file (const DmExportOptions  *options,
                   DmExportFormat          format,
                   GFile                  *file,
                   GCancellable           *cancellable,
                   GError                **error)
{
  ExportJob job = { options, format };

  g_return_val_if_fail (options != NULL && DM_IS_DATASET (options->dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options->width > 0 && options->scale > 0, FALSE);

  return dm_file_write_atomically (file, write_export, &job, cancellable, error);
}
