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
#include "dm-handout.h"
#include "dm-safe-text.h"
#include "dm-scene.h"

/* The largest PNG drawn: cairo's images stop at 32767 pixels a side, and
 * a few hundred megabytes of pixels is already more than anyone wants. A
 * timeline that would be larger (thousands of kinds) is scaled down. */
#define PNG_MAX_SIDE   32000.0
#define PNG_MAX_PIXELS 64e6

#ifdef __GLIBC__
#include <langinfo.h>
#include <locale.h>
#endif

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
  options->paper = dm_export_paper_from_locale ();
}

/* Where Letter is the usual paper, as GTK's gtk_paper_size_get_default()
 * has it. */
static const char * const letter_territories[] = {
  "US", "CA", "MX", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "PH", "PR", "SV", "VE", "BZ",
};

DmPaper
dm_export_paper_for_locale_name (const char *locale)
{
  const char *territory;
  gsize length;

  if (locale == NULL)
    return DM_PAPER_A4;

  /* language[_TERRITORY][.codeset][@modifier] */
  territory = strchr (locale, '_');
  if (territory == NULL)
    return DM_PAPER_A4;
  territory++;
  length = strcspn (territory, ".@");
  for (guint i = 0; i < G_N_ELEMENTS (letter_territories); i++)
    if (length == 2 && strncmp (territory, letter_territories[i], 2) == 0)
      return DM_PAPER_LETTER;

  return DM_PAPER_A4;
}

DmPaper
dm_export_paper_from_locale (void)
{
  static const char * const variables[] = { "LC_ALL", "LC_PAPER", "LANG" };

#ifdef __GLIBC__
  {
    /* The locale's own paper, when the locale is installed. */
    const char *name = setlocale (LC_PAPER, NULL);

    if (name != NULL && !g_str_equal (name, "C") && !g_str_equal (name, "POSIX") &&
        !g_str_has_prefix (name, "C."))
      {
        union { const char *string; unsigned int word; } width;

        width.string = nl_langinfo (_NL_PAPER_WIDTH);
        if (width.word == 216)
          return DM_PAPER_LETTER;
        if (width.word == 210)
          return DM_PAPER_A4;
      }
  }
#endif

  /* Otherwise its name, as the environment gives it. */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value != NULL && value[0] != '\0')
        return dm_export_paper_for_locale_name (value);
    }

  return DM_PAPER_A4;
}

gboolean
dm_export_paper_from_name (const char *name,
                           DmPaper    *paper)
{
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = DM_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = DM_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}

const char *
dm_export_paper_to_name (DmPaper paper)
{
  return paper == DM_PAPER_LETTER ? "letter" : "a4";
}

gboolean
dm_export_orientation_from_name (const char    *name,
                                 DmOrientation *orientation)
{
  if (g_ascii_strcasecmp (name, "portrait") == 0)
    *orientation = DM_ORIENTATION_PORTRAIT;
  else if (g_ascii_strcasecmp (name, "landscape") == 0)
    *orientation = DM_ORIENTATION_LANDSCAPE;
  else
    return FALSE;

  return TRUE;
}

void
dm_export_options_get_paper_size (const DmExportOptions *options,
                                  double                *width,
                                  double                *height)
{
  double w = options->paper == DM_PAPER_LETTER ? DM_PAPER_LETTER_WIDTH : DM_PAPER_A4_WIDTH;
  double h = options->paper == DM_PAPER_LETTER ? DM_PAPER_LETTER_HEIGHT : DM_PAPER_A4_HEIGHT;

  if (options->paper_width > 0 && options->paper_height > 0)
    {
      w = MIN (options->paper_width, options->paper_height);
      h = MAX (options->paper_width, options->paper_height);
    }

  /* To a hundredth of a point, whoever gives it: GTK keeps paper in
   * millimetres, and Letter's 612 points come back from it a hair short,
   * which is enough to break a line that just fits elsewhere than in the
   * PDF. */
  *width = round (w * 100) / 100;
  *height = round (h * 100) / 100;
}

char *
dm_export_suggest_name (DmDataset  *dataset,
                        DmLanguage  language,
                        const char *kind,
                        const char *suffix)
{
  const char *title = dataset ? dm_text_get (dm_dataset_get_title (dataset), language) : "";
  g_autoptr(GString) name = g_string_new (NULL);

  /* The title up to its subtitle, without characters that file systems
   * or people's shells trip on. */
  for (const char *p = title; *p != '\0' && *p != ':'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' || c < 0x20)
        c = '-';
      g_string_append_unichar (name, c);
      if (name->len > 80)
        break;
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    g_string_append (name, "timeline");
  if (kind != NULL && kind[0] != '\0')
    g_string_append_printf (name, " - %s", kind);
  g_string_append_printf (name, " (%s)%s", language == DM_LANGUAGE_VI ? "vi" : "en", suffix ? suffix : "");

  return g_string_free (g_steal_pointer (&name), FALSE);
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
gboolean
dm_export_check_pixels (double   width,
                        double   height,
                        GError **error)
{
  if (width * height <= DM_EXPORT_MAX_PIXELS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("an image of %.0f × %.0f pixels (%.0f million) is too large: at most %d million pixels can be "
                 "exported, such as 10000 × 10000"),
               width, height, floor (width * height / 1e6), DM_EXPORT_MAX_PIXELS / 1000000);
  return FALSE;
}

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
  scene->lanes_shown = options->lanes_shown;
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
        if (dm_scene_lane_shown (scene, lane))
          rows += dm_layout_get_lane_rows (scene->layout, lane) * scene->row_height + scene->lane_padding;
      scene->height = ceil (scene->axis_height + rows + 8);
      dm_scene_invalidate (scene);
    }
}

PangoContext *
dm_export_create_pango (cairo_t *cr)
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

cairo_status_t
dm_cairo_stream_write (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  DmCairoStream *s = closure;

  if (s->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (s->stream, data, length, NULL, s->cancellable, &s->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

gboolean
dm_cairo_stream_finish (DmCairoStream   *s,
                        cairo_status_t   status,
                        GError         **error)
{
  if (s->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&s->error));
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
  g_autofree char *escaped = dm_safe_text_escape_xml (text);
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
  g_autofree char *shown = dm_safe_text_for_display (dm_text_get (dm_dataset_get_title (options->dataset), options->language),
                                                     DM_SAFE_TEXT_LABEL_MAX);
  g_autofree char *title = dm_safe_text_escape_xml (shown);
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

/* PDF */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static const char *
find_bytes (const GByteArray *pdf,
            const char       *needle,
            gsize             from,
            gboolean          last)
{
  gsize length = strlen (needle);
  const char *found = NULL;

  for (gsize i = from; i + length <= pdf->len; i++)
    if (memcmp (pdf->data + i, needle, length) == 0)
      {
        found = (const char *) pdf->data + i;
        if (!last)
          break;
      }

  return found;
}

/* cairo 1.16 has no call for the document's language (the catalogue's
 * /Lang, which screen readers choose a voice by), so it is added the way
 * PDF allows a file to be amended: an incremental update that appends a
 * new version of the catalogue, its cross-reference and a trailer
 * pointing back to the old one. Only a file with a classic trailer, as
 * cairo writes, is amended; any other is left as it is. */
static void
add_pdf_language (GByteArray *pdf,
                  const char *tag)
{
  const char *trailer = find_bytes (pdf, "\ntrailer", 0, TRUE);
  const char *startxref = find_bytes (pdf, "startxref", 0, TRUE);
  const char *root;
  const char *size;
  const char *info;
  const char *catalog;
  const char *object_end;
  const char *dict_end;
  guint root_id;
  guint n_objects;
  guint info_id = 0;
  guint64 previous;
  g_autofree char *header = NULL;
  g_autoptr(GString) update = NULL;
  gsize offset;
  gsize xref;

  if (trailer == NULL || startxref == NULL || startxref < trailer)
    return;
  /* The trailer is text to the end of the file. */
  g_byte_array_append (pdf, (const guint8 *) "", 1);
  g_byte_array_set_size (pdf, pdf->len - 1);
  root = strstr (trailer, "/Root ");
  size = strstr (trailer, "/Size ");
  info = strstr (trailer, "/Info ");
  if (root == NULL || size == NULL || root > startxref || size > startxref)
    return;
  root_id = (guint) g_ascii_strtoull (root + 6, NULL, 10);
  n_objects = (guint) g_ascii_strtoull (size + 6, NULL, 10);
  if (info != NULL && info < startxref)
    info_id = (guint) g_ascii_strtoull (info + 6, NULL, 10);
  previous = g_ascii_strtoull (startxref + 9, NULL, 10);
  if (root_id == 0 || n_objects == 0 || previous == 0)
    return;

  header = g_strdup_printf ("\n%u 0 obj", root_id);
  catalog = find_bytes (pdf, header, 0, FALSE);
  object_end = catalog ? g_strstr_len (catalog, (const char *) pdf->data + pdf->len - catalog, "endobj") : NULL;
  if (object_end == NULL || g_strstr_len (catalog, object_end - catalog, "/Type /Catalog") == NULL ||
      g_strstr_len (catalog, object_end - catalog, "/Lang") != NULL)
    return;
  catalog = g_strstr_len (catalog, object_end - catalog, "<<");
  dict_end = object_end;
  while (catalog != NULL && dict_end > catalog && strncmp (dict_end, ">>", 2) != 0)
    dict_end--;
  if (catalog == NULL || dict_end <= catalog)
    return;

  update = g_string_new (NULL);
  offset = pdf->len + 1;
  g_string_append_printf (update, "\n%u 0 obj\n", root_id);
  g_string_append_len (update, catalog, dict_end - catalog);
  g_string_append_printf (update, "/Lang (%s)\n>>\nendobj\n", tag);
  xref = pdf->len + update->len;
  g_string_append_printf (update, "xref\n%u 1\n%010" G_GSIZE_FORMAT " 00000 n \n", root_id, offset);
  g_string_append_printf (update, "trailer\n<< /Size %u /Root %u 0 R", n_objects, root_id);
  if (info_id > 0)
    g_string_append_printf (update, " /Info %u 0 R", info_id);
  g_string_append_printf (update, " /Prev %" G_GUINT64_FORMAT " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          previous, xref);
  g_byte_array_append (pdf, (const guint8 *) update->str, update->len);
}

static gboolean
write_handout (GOutputStream          *stream,
               const DmExportOptions  *options,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autoptr(DmHandout) handout = dm_handout_new (options);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  double width;
  double height;

  /* Collected, so that the language can be added. */
  dm_handout_get_page_size (handout, 0, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, width, height);
  dm_handout_write_pdf (handout, surface);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the export: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  add_pdf_language (pdf, dm_handout_get_language_tag (handout));

  return g_output_stream_write_all (stream, pdf->data, pdf->len, NULL, cancellable, error);
}

typedef struct
{
  const DmExportOptions *options;
  DmExportFormat         format;
} ExportJob;

/* Room around the key to the marks under an image's timeline. */
#define LEGEND_GAP 12

/* @scale, or less so that a @width × @height PNG stays within what cairo
 * and memory allow. */
static double
png_fit_scale (double width,
               double height,
               double scale)
{
  scale = MIN (scale, PNG_MAX_SIDE / MAX (width, height));
  if (width * height * scale * scale > PNG_MAX_PIXELS)
    scale = sqrt (PNG_MAX_PIXELS / (width * height));

  return scale;
}

void
dm_export_get_scene (const DmExportOptions *options,
                     DmScene               *scene)
{
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *probe_cr = cairo_create (probe);
  PangoContext *pango = dm_export_create_pango (probe_cr);

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
  DmCairoStream closure = { stream, cancellable, NULL };
  PangoContext *pango = NULL;
  cairo_surface_t *surface = NULL;
  g_autoptr(GString) svg = NULL;
  g_autoptr(GString) texts = NULL;
  cairo_status_t status;
  double png_scale = 1;
  const char *legend[DM_SCENE_N_MARKS];
  double legend_height = 0;
  double height;
  DmScene scene;
  cairo_t *cr;

  if (job->format == DM_EXPORT_PDF)
    return write_handout (stream, options, cancellable, error);

  /* A measuring pass fixes the height before the real surface exists.
   * With no height asked for, the key to the marks goes under the lanes;
   * a size asked for is the timeline's alone, laid out as the window
   * lays it out at that size. */
  {
    cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *probe_cr = cairo_create (probe);

    pango = dm_export_create_pango (probe_cr);
    setup_scene (&scene, options, pango, options->width, options->height);
    dm_scene_get_legend_labels (legend);
    if (options->height <= 0)
      legend_height = LEGEND_GAP + dm_scene_draw_legend (&scene, probe_cr, LEGEND_GAP, 0,
                                                         scene.width - 2 * LEGEND_GAP, legend) + LEGEND_GAP;
    cairo_destroy (probe_cr);
    cairo_surface_destroy (probe);
  }
  height = scene.height + legend_height;

  /* A size asked for that is too large to hold in memory is refused
   * before anything is made. A height that the lanes decide (no height
   * asked for) is not the user's doing: it is checked only as far as the
   * width, and an image taller than that is scaled down below. */
  if (job->format == DM_EXPORT_PNG &&
      !dm_export_check_pixels (ceil (scene.width * options->scale),
                               options->height > 0 ? ceil (height * options->scale)
                                                   : MIN (ceil (height * options->scale),
                                                          ceil (scene.width * options->scale)),
                               error))
    {
      dm_scene_clear (&scene);
      g_object_unref (pango);
      return FALSE;
    }

  switch (job->format)
    {
    case DM_EXPORT_PNG:
      png_scale = png_fit_scale (scene.width, height, options->scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (scene.width * png_scale),
                                            (int) ceil (height * png_scale));
      break;

    case DM_EXPORT_SVG:
      /* Collected, so that the text layer and the metadata can be added. */
      svg = g_string_new (NULL);
      texts = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (append_to_string, svg, scene.width, height);
      scene.text_func = collect_text;
      scene.text_data = texts;
      break;

    case DM_EXPORT_PDF:
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  if (job->format == DM_EXPORT_PNG)
    cairo_scale (cr, png_scale, png_scale);

  dm_scene_draw (&scene, cr);
  if (legend_height > 0)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, scene.height, scene.width, legend_height);
      cairo_fill (cr);
      dm_scene_draw_legend (&scene, cr, LEGEND_GAP, scene.height + LEGEND_GAP, scene.width - 2 * LEGEND_GAP, legend);
    }

  cairo_destroy (cr);
  dm_scene_clear (&scene);
  g_object_unref (pango);

  if (job->format == DM_EXPORT_PNG)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, dm_cairo_stream_write, &closure);
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

  return dm_cairo_stream_finish (&closure, status, error);
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

cairo_surface_t *
dm_export_render_preview (const DmExportOptions *options,
                          DmExportFormat         format,
                          int                    max_width,
                          int                    max_height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (options != NULL && DM_IS_DATASET (options->dataset), NULL);
  g_return_val_if_fail (max_width > 0 && max_height > 0, NULL);

  if (format == DM_EXPORT_PDF)
    {
      /* The cover and the first timeline page, side by side. */
      g_autoptr(DmHandout) handout = dm_handout_new_preview (options);
      guint n = MIN (dm_handout_get_n_pages (handout), 2);
      double widths[2] = { 0, 0 };
      double heights[2] = { 0, 0 };
      double gap = 12;
      double scale;
      double x = 0;

      for (guint i = 0; i < n; i++)
        dm_handout_get_page_size (handout, i, &widths[i], &heights[i]);
      scale = MIN ((max_width - gap * (n - 1)) / (widths[0] + widths[1]), max_height / MAX (heights[0], heights[1]));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil ((widths[0] + widths[1]) * scale + gap * (n - 1)),
                                            (int) ceil (MAX (heights[0], heights[1]) * scale));
      cr = cairo_create (surface);
      for (guint i = 0; i < n; i++)
        {
          cairo_save (cr);
          cairo_translate (cr, x, 0);
          cairo_scale (cr, scale, scale);
          cairo_rectangle (cr, 0, 0, widths[i], heights[i]);
          cairo_clip (cr);
          dm_handout_draw_page (handout, cr, i);
          cairo_restore (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, x + 0.5, 0.5, widths[i] * scale - 1, heights[i] * scale - 1);
          cairo_stroke (cr);
          x += widths[i] * scale + gap;
        }
      cairo_destroy (cr);
      return surface;
    }

  {
    cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *probe_cr = cairo_create (probe);
    PangoContext *pango = dm_export_create_pango (probe_cr);
    DmScene scene;
    double scale;

    setup_scene (&scene, options, pango, options->width, options->height);
    scale = MIN (max_width / scene.width, max_height / scene.height);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                          MAX ((int) ceil (scene.width * scale), 1),
                                          MAX ((int) ceil (scene.height * scale), 1));
    cr = cairo_create (surface);
    cairo_scale (cr, scale, scale);
    dm_scene_draw (&scene, cr);
    cairo_destroy (cr);
    dm_scene_clear (&scene);
    g_object_unref (pango);
    cairo_destroy (probe_cr);
    cairo_surface_destroy (probe);
  }

  return surface;
}
