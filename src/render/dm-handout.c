/* dm-handout.c
 *
 * The handout is laid out once into pages of placed pieces (lines of
 * text, the timeline of a period, legend swatches), then drawn page by
 * page: onto a PDF surface for the export, onto a printer's pages for
 * printing. Both use the handout's own Pango context, so the printout is
 * the PDF, line for line, in the same fonts.
 *
 * The document speaks the data language it is made in, dates and fixed
 * words included, whatever the language of the desktop: a Vietnamese
 * handout made on an English desktop is Vietnamese throughout. Its few
 * fixed words are therefore given here in both data languages, as the
 * dataset gives its texts, rather than through the interface's gettext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dm-handout.h"
#include "dm-safe-text.h"
#include "dm-scene.h"

#define MARGIN_SIDE    50.0
#define MARGIN_TOP     50.0
#define MARGIN_BOTTOM  60.0    /* the footer sits in it */
#define FOOTER_FROM_BOTTOM 34.0
#define PT_PER_PX      0.7     /* the timeline's pixels on paper */
#define LABEL_ROOM_PX  220.0   /* room right of a period for its last labels */
#define MAX_TIMELINE_PAGES 24
#define MAX_SPLIT_DEPTH    7
/* The most characters of one text in the handout (a summary or a quote of
 * some 15 000 words, 40 pages), and the most laid out at once: Pango
 * slows down over long pieces, most over long words. */
#define HANDOUT_TEXT_CHARS  100000
#define HANDOUT_PIECE_CHARS 500

/* Fixed words, in both data languages */

typedef enum
{
  WORD_TIMELINE,
  WORD_EVENTS,
  WORD_SOURCES,
  WORD_CONTENTS,
  WORD_COVER,
  WORD_PERIOD,
  WORD_N_EVENTS,
  WORD_SELECTION,
  WORD_MADE_ON,
  WORD_KINDS,
  WORD_KINDS_SHOWN,
  WORD_STATED,
  WORD_INFERRED,
  WORD_RANGE,
  WORD_COARSE,
  WORD_OPEN,
  WORD_AS_PRINTED,
  WORD_TRANSLATION,
  WORD_DATE_STATED,
  WORD_DATE_INFERRED,
  WORD_DATE_APPROXIMATE,
  WORD_PEOPLE,
  WORD_FIGURES,
  WORD_CITED,
  WORD_SOURCE_TEXT,
  WORD_NO_EVENTS,
  WORD_ALL_EVENTS,
  N_WORDS
} Word;

static const struct {
  const char *en;
  const char *vi;
} words[N_WORDS] = {
  [WORD_TIMELINE] = { "Timeline", "Dòng thời gian" },
  [WORD_EVENTS] = { "Events", "Các sự kiện" },
  [WORD_SOURCES] = { "Sources", "Nguồn" },
  [WORD_CONTENTS] = { "Contents", "Mục lục" },
  [WORD_COVER] = { "Cover", "Trang bìa" },
  [WORD_PERIOD] = { "Period covered", "Khoảng thời gian" },
  [WORD_N_EVENTS] = { "Events", "Số sự kiện" },
  [WORD_SELECTION] = { "Selection", "Phạm vi chọn" },
  [WORD_MADE_ON] = { "Made on", "Ngày lập" },
  [WORD_KINDS] = { "Kinds:", "Loại:" },
  [WORD_KINDS_SHOWN] = { "Kinds", "Loại sự kiện" },
  [WORD_STATED] = { "date stated by the source", "ngày do nguồn nêu" },
  [WORD_INFERRED] = { "date inferred or approximate", "ngày suy ra hoặc ước chừng" },
  [WORD_RANGE] = { "a period", "một khoảng thời gian" },
  [WORD_COARSE] = { "known only to the month or year", "chỉ biết tháng hoặc năm" },
  [WORD_OPEN] = { "open-ended: only one bound known", "mở: chỉ biết một mốc" },
  [WORD_AS_PRINTED] = { "as printed in the source", "như nguồn in" },
  [WORD_TRANSLATION] = { "Translation", "Bản dịch" },
  [WORD_DATE_STATED] = { "date stated", "ngày được nêu" },
  [WORD_DATE_INFERRED] = { "date inferred", "ngày được suy ra" },
  [WORD_DATE_APPROXIMATE] = { "date approximate", "ngày ước chừng" },
  [WORD_PEOPLE] = { "People and organisations", "Người và tổ chức" },
  [WORD_FIGURES] = { "Figures", "Số liệu" },
  [WORD_CITED] = { "Sources quoted", "Trích dẫn" },
  [WORD_SOURCE_TEXT] = { "Text", "Văn bản" },
  [WORD_NO_EVENTS] = { "No events in this range.", "Không có sự kiện nào trong khoảng này." },
  [WORD_ALL_EVENTS] = { "all events", "tất cả sự kiện" },
};

static const char *
word (DmLanguage language,
      Word       id)
{
  return language == DM_LANGUAGE_VI ? words[id].vi : words[id].en;
}

/* The words with numbers in them, spelled out per language so that the
 * compiler checks each format. */
static char *
page_n_of_m (DmLanguage language,
             guint      n,
             guint      m)
{
  if (language == DM_LANGUAGE_VI)
    return g_strdup_printf ("Trang %u/%u", n, m);
  return g_strdup_printf ("Page %u of %u", n, m);
}

static char *
timeline_part (DmLanguage  language,
               guint       n,
               guint       m,
               const char *period)
{
  if (language == DM_LANGUAGE_VI)
    return g_strdup_printf ("Dòng thời gian (%u/%u): %s", n, m, period);
  return g_strdup_printf ("Timeline (%u of %u): %s", n, m, period);
}

static char *
made_with (DmLanguage language)
{
  if (language == DM_LANGUAGE_VI)
    return g_strdup_printf ("Lập bằng Dấu Mốc %s từ các nguồn được trích dẫn của dòng thời gian.", PACKAGE_VERSION);
  return g_strdup_printf ("Made with Dấu Mốc %s from the timeline’s quoted sources.", PACKAGE_VERSION);
}

/* The pieces of a page */

typedef enum
{
  BOX_LINES,      /* lines of a laid out paragraph */
  BOX_TIMELINE,   /* the timeline of a period */
  BOX_SWATCH,     /* a legend's or an event's small mark */
  BOX_RULE,
} BoxType;

typedef enum
{
  SWATCH_KIND,
  SWATCH_STATED,
  SWATCH_INFERRED,
  SWATCH_RANGE,
  SWATCH_COARSE,
  SWATCH_OPEN,      /* a light mark with a tail fading toward the unknown side */
} SwatchStyle;

typedef struct
{
  BoxType      type;
  double       x;
  double       y;
  double       width;
  double       height;
  PangoLayout *layout;       /* BOX_LINES */
  int          first_line;
  int          n_lines;
  double       layout_top;   /* y in the layout where first_line starts */
  DmColor      color;
  guint        period;       /* BOX_TIMELINE */
  SwatchStyle  swatch;       /* BOX_SWATCH */
  const char  *link;         /* cairo link attributes, interned, or NULL */
  const char  *dest;         /* a destination's name, interned, or NULL */
} Box;

typedef struct
{
  double  width;
  double  height;
  gboolean landscape;
  GArray *boxes;             /* Box */
} Page;

typedef struct
{
  double  start;             /* axis */
  double  end;
  guint8 *visible;           /* the shown events that overlap it */
  guint   n_events;
  guint   rows;              /* of events a lane */
  double  label_room;        /* pixels right of the period, for labels */
  double  scene_width;       /* the scene's own pixels */
  double  scene_height;
} Period;

/* An outline entry: level 0 at the top */
typedef struct
{
  guint  level;
  char  *title;
  guint  page;
  double y;
} Anchor;

struct _DmHandout
{
  DmExportOptions  options;
  DmDataset       *dataset;
  DmLanguage       language;
  PangoContext    *pango;        /* the document's text */
  PangoContext    *scene_pango;  /* the timeline's, as on screen */
  double           paper_width;  /* portrait */
  double           paper_height;
  guint8          *in_range;     /* shown events in the range */
  guint            n_in_range;
  double           range_start;
  double           range_end;
  GPtrArray       *pages;        /* Page* */
  GArray          *periods;      /* Period */
  GArray          *anchors;      /* Anchor */
  GArray          *source_numbers; /* guint per source: 0 not cited */
  guint            n_cover_pages;
  gboolean         preview;          /* the cover and one timeline page */
  double           timeline_width;   /* the timeline's box, points */
  double           timeline_height;
  guint            first_timeline_page;
  guint            first_event_page;
  guint            sources_page;
  char            *title;
  gint64           made;
};

static const DmColor ink = { 0.1, 0.1, 0.12, 1 };
static const DmColor muted = { 0.36, 0.36, 0.4, 1 };
static const DmColor rule = { 0.78, 0.78, 0.8, 1 };

static void
page_free (gpointer data)
{
  Page *page = data;

  for (guint i = 0; i < page->boxes->len; i++)
    g_clear_object (&g_array_index (page->boxes, Box, i).layout);
  g_array_unref (page->boxes);
  g_free (page);
}

static Page *
page_new (double   width,
          double   height,
          gboolean landscape)
{
  Page *page = g_new0 (Page, 1);

  page->width = width;
  page->height = height;
  page->landscape = landscape;
  page->boxes = g_array_new (FALSE, TRUE, sizeof (Box));

  return page;
}

static gboolean
parse_color (const char *text,
             DmColor    *color)
{
  guint r;
  guint g;
  guint b;

  if (text == NULL || strlen (text) != 7 || sscanf (text, "#%02x%02x%02x", &r, &g, &b) != 3)
    return FALSE;
  *color = (DmColor) { r / 255.0, g / 255.0, b / 255.0, 1 };
  return TRUE;
}

static DmColor
kind_color (const DmKind *kind)
{
  DmColor color = muted;

  if (kind != NULL)
    parse_color (kind->color, &color);
  return color;
}

static PangoContext *
create_context (double      resolution,
                const char *font)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *description = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics that depend on no screen or printer, so that the PDF and the
   * printout break their lines at the same places. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, resolution);
  pango_context_set_font_description (context, description);
  pango_context_set_language (context, pango_language_get_default ());
  cairo_font_options_destroy (options);
  pango_font_description_free (description);

  return context;
}

static PangoLayout *
text_layout (DmHandout  *self,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *description = pango_font_description_from_string (font);
  /* Controls, bidi overrides and floods of combining marks made visible
   * or dropped as on screen (cairo refuses some of them), and bounded. */
  g_autofree char *shown = dm_safe_text_for_display (text, HANDOUT_TEXT_CHARS);

  /* Plain text: dataset text is never markup. */
  pango_layout_set_text (layout, shown, -1);
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
}

/* Flowing text down the pages */

typedef struct
{
  DmHandout *self;
  GPtrArray *pages;     /* where new pages go */
  Page      *page;
  double     y;
  gboolean   landscape; /* of the pages it makes */
  const char *link;     /* given to the boxes it makes, interned */
  const char *dest;
} Flow;

static double
flow_bottom (Flow *flow)
{
  return flow->page->height - MARGIN_BOTTOM;
}

static double
flow_width (Flow *flow)
{
  return flow->page->width - 2 * MARGIN_SIDE;
}

static void
flow_new_page (Flow *flow)
{
  DmHandout *self = flow->self;
  double w = flow->landscape ? self->paper_height : self->paper_width;
  double h = flow->landscape ? self->paper_width : self->paper_height;

  flow->page = page_new (w, h, flow->landscape);
  g_ptr_array_add (flow->pages, flow->page);
  flow->y = MARGIN_TOP;
}

/* Starts a new page unless @height fits under what is there. */
static void
flow_need (Flow   *flow,
           double  height)
{
  if (flow->y + height > flow_bottom (flow) && flow->y > MARGIN_TOP)
    flow_new_page (flow);
}

static void
add_box (Page      *page,
         const Box *box)
{
  g_array_append_vals (page->boxes, box, 1);
}

/* Places @layout's lines at the flow's place, from @x, breaking across
 * pages between lines: a paragraph of any length comes out whole. At
 * least two lines stay together at the foot of a page. */
static void
flow_layout (Flow          *flow,
             PangoLayout   *layout,
             double         x,
             const DmColor *color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout);
  int first = 0;
  double first_top = 0;
  double slice_y = flow->y;
  int line = 0;

  do
    {
      PangoRectangle logical;
      double top;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = logical.y / (double) PANGO_SCALE;
      bottom = (logical.y + logical.height) / (double) PANGO_SCALE;

      if (line == 0)
        {
          /* The first line goes to the next page unless it fits here,
           * with the second one when there is one. */
          double need = bottom - top;
          PangoLayoutIter *next = pango_layout_iter_copy (iter);

          if (n_lines > 1 && pango_layout_iter_next_line (next))
            {
              PangoRectangle second;

              pango_layout_iter_get_line_extents (next, NULL, &second);
              need = (second.y + second.height) / (double) PANGO_SCALE - top;
            }
          pango_layout_iter_free (next);
          if (flow->y + need > flow_bottom (flow) && flow->y > MARGIN_TOP)
            {
              flow_new_page (flow);
              slice_y = flow->y;
            }
          first_top = top;
        }
      else if (slice_y + (bottom - first_top) > flow_bottom (flow))
        {
          Box box = { BOX_LINES, x, slice_y, 0, 0, g_object_ref (layout), first, line - first, first_top, *color, 0, 0,
                      flow->link, flow->dest };

          add_box (flow->page, &box);
          flow_new_page (flow);
          slice_y = flow->y;
          first = line;
          first_top = top;
        }

      flow->y = slice_y + (bottom - first_top);
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (line > first)
    {
      Box box = { BOX_LINES, x, slice_y, 0, 0, g_object_ref (layout), first, line - first, first_top, *color, 0, 0,
                  flow->link, flow->dest };

      add_box (flow->page, &box);
    }
}

static void
flow_text (Flow          *flow,
           const char    *text,
           const char    *font,
           double         indent,
           const DmColor *color,
           double         space_after)
{
  g_autofree char *shown = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  /* A long text is laid out a few paragraphs at a time (Pango takes
   * minutes over a megabyte in one layout); the pieces flow on as one. */
  shown = dm_safe_text_for_display (text, HANDOUT_TEXT_CHARS);
  for (const char *p = shown; *p != '\0'; )
    {
      const char *end = dm_safe_text_piece_end (p, HANDOUT_PIECE_CHARS);
      g_autofree char *piece = g_strndup (p, (gsize) (end - p));
      g_autoptr(PangoLayout) layout = text_layout (flow->self, piece, font, flow_width (flow) - indent);

      flow_layout (flow, layout, MARGIN_SIDE + indent, color);
      p = end;
    }
  flow->y += space_after;
}

static void
flow_rule (Flow   *flow,
           double  space)
{
  Box box = { BOX_RULE, MARGIN_SIDE, flow->y + space / 2, flow_width (flow), 0.6, NULL, 0, 0, 0, rule, 0, 0 };

  add_box (flow->page, &box);
  flow->y += space;
}

static void
add_anchor (DmHandout  *self,
            guint       level,
            const char *title,
            guint       page,
            double      y)
{
  Anchor anchor = { level, dm_safe_text_for_display (title, DM_SAFE_TEXT_LABEL_MAX), page, y };

  g_array_append_val (self->anchors, anchor);
}

static void
anchor_clear (gpointer data)
{
  g_free (((Anchor *) data)->title);
}

/* The range and its events */

static void
find_range (DmHandout *self)
{
  const DmExportOptions *options = &self->options;
  guint n = dm_dataset_get_n_events (self->dataset);
  gboolean view = options->axis_end > options->axis_start;
  gboolean any = FALSE;

  self->in_range = g_malloc0 (MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, i);

      if (options->visible != NULL && !options->visible[i])
        continue;
      if (view && (event->axis_end <= options->axis_start || event->axis_start >= options->axis_end))
        continue;
      self->in_range[i] = 1;
      self->n_in_range++;
      if (!view)
        {
          self->range_start = any ? MIN (self->range_start, event->axis_start) : event->axis_start;
          self->range_end = any ? MAX (self->range_end, event->axis_end) : event->axis_end;
        }
      any = TRUE;
    }

  if (view)
    {
      self->range_start = options->axis_start;
      self->range_end = options->axis_end;
    }
  else if (!any)
    dm_dataset_get_span (self->dataset, NULL, NULL, &self->range_start, &self->range_end);

  if (self->range_end <= self->range_start)
    self->range_end = self->range_start + 1;
}

/* The range as people write it: the events' own dates when it is their
 * span, whole days when it is a view. */
static char *
format_range (DmHandout *self)
{
  DmDate start = { 0 };
  DmDate end = { 0 };

  if (self->options.axis_end > self->options.axis_start || self->n_in_range == 0)
    {
      dm_date_from_axis (self->range_start, DM_DATE_PRECISION_DAY, &start);
      dm_date_from_axis (self->range_end - 0.5, DM_DATE_PRECISION_DAY, &end);
    }
  else
    {
      double first = G_MAXDOUBLE;
      double last = -G_MAXDOUBLE;

      for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
        {
          const DmEvent *event = dm_dataset_get_event (self->dataset, i);

          if (!self->in_range[i])
            continue;
          if (event->axis_start < first)
            first = event->axis_start, start = event->start;
          if (event->axis_end > last)
            last = event->axis_end, end = dm_date_is_set (&event->end) ? event->end : event->start;
        }
    }

  if (dm_date_equal (&start, &end))
    return dm_date_format (&start, self->language);
  return dm_date_format_range (&start, &end, self->language);
}

static char *
format_period (DmHandout    *self,
               const Period *period)
{
  DmDate start;
  DmDate end;
  DmDatePrecision precision = DM_DATE_PRECISION_DAY;
  double days = period->end - period->start;

  if (days >= 365)
    precision = DM_DATE_PRECISION_YEAR;
  else if (days >= 28)
    precision = DM_DATE_PRECISION_MONTH;
  dm_date_from_axis (period->start, precision, &start);
  dm_date_from_axis (period->end - 0.5, precision, &end);
  if (dm_date_equal (&start, &end))
    return dm_date_format (&start, self->language);
  return dm_date_format_range (&start, &end, self->language);
}

static gint64
made_time (const DmExportOptions *options)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (options->made != 0)
    return options->made;
  if (epoch != NULL && epoch[0] != '\0')
    return g_ascii_strtoll (epoch, NULL, 10);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The timeline pages
 *
 * Each page shows a period, drawn by DmScene in its own pixels (as on
 * screen) and scaled onto the paper. A period is legible when each of its
 * events is drawn on its own (not in a cluster) with its label whole. To
 * get there, a page first gives its lanes more rows, drawing the timeline
 * smaller (down to MIN_PT_PER_PX), then the period is cut in two where
 * that leaves fewer events illegible. */

#define MIN_PT_PER_PX 0.52    /* text of 7 points */
#define SCENE_ROW_HEIGHT 22   /* rows a little tighter than on screen */
#define SCENE_LANE_PADDING 6

static void
setup_scene (DmHandout    *self,
             DmScene      *scene,
             const Period *period)
{
  dm_scene_init (scene);
  scene->dataset = self->dataset;
  scene->language = self->language;
  scene->date_language = self->language;
  scene->visible = period->visible;
  scene->lanes_shown = self->options.lanes_shown;
  scene->selected = -1;
  scene->pango = self->scene_pango;
  scene->width = period->scene_width;
  scene->height = period->scene_height;
  scene->background = (DmColor) { 1, 1, 1, 0 };
  scene->foreground = (DmColor) { 0.14, 0.14, 0.16, 1 };
  scene->accent = (DmColor) { 0.11, 0.44, 0.85, 1 };
  scene->metrics.max_rows = period->rows;
  scene->row_height = SCENE_ROW_HEIGHT;
  scene->lane_padding = SCENE_LANE_PADDING;
  dm_time_scale_fit (&scene->scale, period->start, period->end,
                     MAX (dm_scene_get_time_width (scene) - period->label_room, 100), 12);
  dm_scene_reset_labels (scene);
}

/* Sizes the scene of @period for @rows rows of events a lane, as large
 * as the page's timeline box allows. */
static void
size_period (DmHandout *self,
             Period    *period,
             guint      rows)
{
  DmScene probe;
  double needed;
  double scale;
  guint n_shown = 0;

  dm_scene_init (&probe);
  probe.dataset = self->dataset;
  probe.metrics.max_rows = rows;
  probe.row_height = SCENE_ROW_HEIGHT;
  probe.lane_padding = SCENE_LANE_PADDING;
  probe.lanes_shown = self->options.lanes_shown;
  for (guint lane = 0; lane < dm_scene_get_n_lanes (&probe); lane++)
    n_shown += dm_scene_lane_shown (&probe, lane);
  needed = probe.axis_height + MAX (n_shown, 1) * dm_scene_get_lane_height (&probe) + 2;
  dm_scene_clear (&probe);

  scale = MIN (PT_PER_PX, self->timeline_height / needed);
  period->rows = rows;
  period->scene_width = self->timeline_width / scale;
  period->scene_height = self->timeline_height / scale;
}

/* Events of @period drawn as a cluster or without their label; labels
 * cut off at the right make room for themselves first. */
static guint
count_unlegible (DmHandout *self,
                 Period    *period)
{
  guint bad = 0;

  period->label_room = LABEL_ROOM_PX;
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      DmScene scene;
      double overflow = 0;

      bad = 0;
      setup_scene (self, &scene, period);
      dm_scene_ensure_layout (&scene);
      for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
        {
          const DmLayoutItem *item;
          int index;

          if (!period->visible[i])
            continue;
          index = dm_layout_find_event (scene.layout, i);
          if (index < 0)
            {
              bad++;
              continue;
            }
          item = dm_layout_get_item (scene.layout, (guint) index);
          if (item->type == DM_LAYOUT_CLUSTER || item->label_width <= 0)
            bad++;
          else if (!item->label_inside)
            overflow = MAX (overflow, item->label_x - scene.layout_offset + item->label_width - dm_scene_get_time_width (&scene));
        }
      dm_scene_clear (&scene);

      if (overflow <= 0)
        return bad;
      if (period->label_room + overflow + 8 > period->scene_width / 2)
        return bad + 1;
      period->label_room += overflow + 8;
    }

  return bad + 1;
}

/* The fewest rows that make @period legible, or the most the paper
 * allows; returns how many events stay illegible. */
static guint
fit_period (DmHandout *self,
            Period    *period)
{
  guint best = G_MAXUINT;
  guint best_rows = 1;
  double best_room = LABEL_ROOM_PX;

  for (guint rows = 1; rows <= 8; rows++)
    {
      guint bad;

      size_period (self, period, rows);
      if (rows > 1 && period->scene_height * MIN_PT_PER_PX > self->timeline_height + 0.01)
        break;
      bad = count_unlegible (self, period);
      if (bad < best)
        {
          best = bad;
          best_rows = rows;
          best_room = period->label_room;
        }
      if (bad == 0)
        break;
    }

  size_period (self, period, best_rows);
  period->label_room = best_room;
  return best;
}

static void
period_init (DmHandout *self,
             Period    *period,
             double     start,
             double     end)
{
  memset (period, 0, sizeof *period);
  period->start = start;
  period->end = end;
  period->label_room = LABEL_ROOM_PX;
  period->visible = g_malloc0 (MAX (dm_dataset_get_n_events (self->dataset), 1));
  for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, i);

      if (self->in_range[i] && event->axis_end > start && event->axis_start < end)
        {
          period->visible[i] = 1;
          period->n_events++;
        }
    }
}

/* Where to cut a period in two: at the start of the year (or month, or
 * day) nearest its middle. */
static double
split_point (double start,
             double end)
{
  double middle = (start + end) / 2;
  DmDatePrecision precision = end - start > 2 * 366 ? DM_DATE_PRECISION_YEAR :
                              end - start > 62 ? DM_DATE_PRECISION_MONTH : DM_DATE_PRECISION_DAY;
  DmDate date;
  double cut;

  dm_date_from_axis (middle, precision, &date);
  cut = dm_date_get_axis_start (&date);
  if (cut <= start + 0.5)
    cut = dm_date_get_axis_end (&date);
  if (cut <= start + 0.5 || cut >= end - 0.5)
    cut = floor (middle);

  return cut;
}

static void
period_clear (gpointer data)
{
  g_free (((Period *) data)->visible);
}

static void
add_periods (DmHandout *self,
             double     start,
             double     end,
             guint      depth)
{
  Period period;
  guint bad;

  period_init (self, &period, start, end);
  if (period.n_events == 0 && (self->periods->len > 0 || depth > 0))
    {
      period_clear (&period);
      return;
    }

  bad = fit_period (self, &period);
  if (bad > 0 && depth < MAX_SPLIT_DEPTH && end - start >= 2 && period.n_events > 1 &&
      self->periods->len + 2 <= MAX_TIMELINE_PAGES)
    {
      double cut = split_point (start, end);
      Period halves[2];
      guint split_bad;

      /* Cut only where it helps: events that overlap in time stay as
       * crowded in any shorter period. */
      period_init (self, &halves[0], start, cut);
      period_init (self, &halves[1], cut, end);
      split_bad = (halves[0].n_events ? fit_period (self, &halves[0]) : 0) +
                  (halves[1].n_events ? fit_period (self, &halves[1]) : 0);
      period_clear (&halves[0]);
      period_clear (&halves[1]);

      if (split_bad < bad)
        {
          period_clear (&period);
          add_periods (self, start, cut, depth + 1);
          add_periods (self, cut, end, depth + 1);
          return;
        }
    }

  g_array_append_val (self->periods, period);
}

/* A legend entry: its mark, then its words; returns the x after it. */
static double
add_legend_entry (DmHandout     *self,
                  Page          *page,
                  double         x,
                  double         y,
                  SwatchStyle    style,
                  const DmColor *color,
                  const char    *text)
{
  g_autoptr(PangoLayout) layout = text_layout (self, text, "Sans 8", 0);
  double mark = style == SWATCH_RANGE || style == SWATCH_COARSE || style == SWATCH_OPEN ? 22 : 9;
  int w;
  int h;
  Box swatch = { BOX_SWATCH, x, y + 1.5, mark, 9, NULL, 0, 0, 0, *color, 0, style };
  Box label = { BOX_LINES, x + mark + 4, y, 0, 0, NULL, 0, 1, 0, ink, 0, 0 };

  pango_layout_get_pixel_size (layout, &w, &h);
  add_box (page, &swatch);
  label.layout = g_object_ref (layout);
  add_box (page, &label);

  return x + mark + 4 + w + 14;
}

static double
legend_height (DmHandout *self,
               Page      *page,
               double     top,
               gboolean   place)
{
  double x = MARGIN_SIDE;
  double y = top;
  double right = page->width - MARGIN_SIDE;
  Page scratch = { page->width, page->height, TRUE, g_array_new (FALSE, TRUE, sizeof (Box)) };
  Page *target = place ? page : &scratch;
  static const DmColor sample = { 0.3, 0.3, 0.34, 1 };

  {
    g_autoptr(PangoLayout) layout = text_layout (self, word (self->language, WORD_KINDS), "Sans Bold 8", 0);
    Box label = { BOX_LINES, x, y, 0, 0, g_object_ref (layout), 0, 1, 0, ink, 0, 0 };
    int w;

    pango_layout_get_pixel_size (layout, &w, NULL);
    add_box (target, &label);
    x += w + 8;
  }
  for (guint k = 0; k < dm_dataset_get_n_kinds (self->dataset); k++)
    {
      const DmKind *kind = dm_dataset_get_kind (self->dataset, k);
      g_autoptr(PangoLayout) probe = NULL;
      DmColor color = kind_color (kind);
      int w;

      /* The kinds drawn: an export of some kinds names only theirs. */
      if (self->options.lanes_shown != NULL && !self->options.lanes_shown[k])
        continue;
      probe = text_layout (self, dm_text_get (&kind->label, self->language), "Sans 8", 0);

      pango_layout_get_pixel_size (probe, &w, NULL);
      if (x + 13 + w > right && x > MARGIN_SIDE + 60)
        {
          x = MARGIN_SIDE + 60;
          y += 14;
        }
      x = add_legend_entry (self, target, x, y, SWATCH_KIND, &color, dm_text_get (&kind->label, self->language));
    }

  y += 16;
  x = MARGIN_SIDE;
  {
    static const struct { SwatchStyle style; Word text; } styles[] = {
      { SWATCH_STATED, WORD_STATED },
      { SWATCH_INFERRED, WORD_INFERRED },
      { SWATCH_RANGE, WORD_RANGE },
      { SWATCH_COARSE, WORD_COARSE },
      { SWATCH_OPEN, WORD_OPEN },
    };

    for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
      {
        g_autoptr(PangoLayout) probe = text_layout (self, word (self->language, styles[i].text), "Sans 8", 0);
        int w;

        pango_layout_get_pixel_size (probe, &w, NULL);
        if (x + 26 + w > right && x > MARGIN_SIDE)
          {
            x = MARGIN_SIDE;
            y += 14;
          }
        x = add_legend_entry (self, target, x, y, styles[i].style, &sample, word (self->language, styles[i].text));
      }
  }

  for (guint i = 0; i < scratch.boxes->len; i++)
    g_clear_object (&g_array_index (scratch.boxes, Box, i).layout);
  g_array_unref (scratch.boxes);

  return y + 12 - top;
}

static void
build_timeline_pages (DmHandout *self,
                      GPtrArray *pages)
{
  double w = self->paper_height;
  double h = self->paper_width;
  double content_w = w - 2 * MARGIN_SIDE;
  double heading_h = 26;
  double legend_h;
  Page probe = { w, h, TRUE, NULL };

  legend_h = legend_height (self, &probe, 0, FALSE);
  self->timeline_width = content_w;
  self->timeline_height = h - MARGIN_TOP - heading_h - legend_h - 10 - MARGIN_BOTTOM;

  if (self->preview)
    {
      /* One page of the whole range is enough for a thumbnail. */
      Period period;

      period_init (self, &period, self->range_start, self->range_end);
      fit_period (self, &period);
      g_array_append_val (self->periods, period);
    }
  else
    add_periods (self, self->range_start, self->range_end, 0);

  for (guint i = 0; i < self->periods->len; i++)
    {
      Page *page = page_new (w, h, TRUE);
      const Period *period = &g_array_index (self->periods, Period, i);
      g_autofree char *when = format_period (self, period);
      g_autofree char *heading = self->periods->len > 1
        ? timeline_part (self->language, i + 1, self->periods->len, when)
        : g_strdup_printf ("%s: %s", word (self->language, WORD_TIMELINE), when);
      g_autoptr(PangoLayout) layout = text_layout (self, heading, "Sans Bold 13", content_w);
      Box title = { BOX_LINES, MARGIN_SIDE, MARGIN_TOP, 0, 0, g_object_ref (layout), 0, 1, 0, ink, 0, 0 };
      Box timeline = { BOX_TIMELINE, MARGIN_SIDE, MARGIN_TOP + heading_h, content_w, self->timeline_height,
                       NULL, 0, 0, 0, ink, i, 0 };

      add_box (page, &title);
      add_box (page, &timeline);
      legend_height (self, page, MARGIN_TOP + heading_h + self->timeline_height + 10, TRUE);

      g_ptr_array_add (pages, page);
      add_anchor (self, 1, when, pages->len - 1, MARGIN_TOP);
    }
}

/* The events, in time order */

static void
add_event (DmHandout     *self,
           Flow          *flow,
           const DmEvent *event)
{
  DmLanguage language = self->language;
  const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
  g_autofree char *date = dm_event_format_date (event, language);
  g_autofree char *heading = NULL;
  const char *certainty = word (language, event->certainty == DM_CERTAINTY_INFERRED ? WORD_DATE_INFERRED :
                                          event->certainty == DM_CERTAINTY_APPROXIMATE ? WORD_DATE_APPROXIMATE :
                                          WORD_DATE_STATED);
  const char *reason = dm_text_get (&event->certainty_reason, language);
  DmColor color = kind_color (kind);

  heading = g_strdup_printf ("%s · %s · %s", date, kind ? dm_text_get (&kind->label, language) : event->kind, certainty);

  /* The heading and the title stay with the start of the summary. */
  flow_need (flow, 80);
  {
    Box mark = { BOX_SWATCH, MARGIN_SIDE, flow->y + 2.5, 7, 7, NULL, 0, 0, 0, color,
                 0, dm_event_is_open (event) ? SWATCH_OPEN :
                    event->certainty == DM_CERTAINTY_STATED ? SWATCH_STATED : SWATCH_INFERRED };

    add_box (flow->page, &mark);
  }
  add_anchor (self, 2, dm_text_get (&event->title, language), G_MAXUINT, flow->y);
  g_array_index (self->anchors, Anchor, self->anchors->len - 1).page = flow->pages->len - 1;
  flow_text (flow, heading, "Sans 8.5", 12, &muted, 2);
  flow_text (flow, dm_text_get (&event->title, language), "Sans Bold 12", 0, &ink, 4);
  flow_text (flow, dm_text_get (&event->summary, language), "Sans 10", 0, &ink, 4);

  if (event->certainty != DM_CERTAINTY_STATED && reason[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", certainty, reason);

      line[0] = g_ascii_toupper (line[0]);
      flow_text (flow, line, "Sans 8.5", 12, &muted, 4);
    }

  if (event->actors != NULL && event->actors->len > 0)
    {
      flow_text (flow, word (language, WORD_PEOPLE), "Sans Bold 8.5", 0, &ink, 1);
      for (guint i = 0; i < event->actors->len; i++)
        {
          const DmActor *actor = g_ptr_array_index (event->actors, i);
          const char *role = dm_text_get (&actor->role, language);
          /* A name the source probably misprints is given as printed,
           * and said to be. */
          g_autofree char *name = actor->as_printed
                                  ? g_strdup_printf ("%s (%s)", actor->name, word (language, WORD_AS_PRINTED))
                                  : g_strdup (actor->name);
          g_autofree char *line = role[0] ? g_strdup_printf ("%s — %s", name, role) : g_strdup (name);

          flow_text (flow, line, "Sans 9", 12, &ink, 1);
        }
      flow->y += 3;
    }

  if (event->figures != NULL && event->figures->len > 0)
    {
      flow_text (flow, word (language, WORD_FIGURES), "Sans Bold 8.5", 0, &ink, 1);
      for (guint i = 0; i < event->figures->len; i++)
        {
          const DmFigure *figure = g_ptr_array_index (event->figures, i);
          const char *shown = dm_text_get (&figure->display, language);
          g_autofree char *value = shown[0] ? g_strdup (shown) : g_strdup_printf ("%g", figure->value);
          g_autofree char *line = g_strdup_printf ("%s: %s", dm_text_get (&figure->label, language), value);

          flow_text (flow, line, "Sans 9", 12, &ink, 1);
        }
      flow->y += 3;
    }

  if (event->citations != NULL && event->citations->len > 0)
    {
      flow_text (flow, word (language, WORD_CITED), "Sans Bold 8.5", 0, &ink, 1);
      for (guint i = 0; i < event->citations->len; i++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, i);
          const DmSource *source = dm_dataset_lookup_source (self->dataset, citation->source);
          g_autofree char *reference = NULL;
          g_autofree char *line = NULL;
          guint number = 0;

          if (citation->quote == NULL || citation->quote[0] == '\0')
            continue;
          for (guint s = 0; source != NULL && s < dm_dataset_get_n_sources (self->dataset); s++)
            if (dm_dataset_get_source (self->dataset, s) == source)
              number = g_array_index (self->source_numbers, guint, s);

          /* A short reference: the number in the list of sources at the
           * end, and who published it. */
          if (number > 0 && source->publisher != NULL && source->publisher[0] != '\0')
            reference = g_strdup_printf ("[%u] %s", number, source->publisher);
          else if (number > 0)
            reference = g_strdup_printf ("[%u]", number);
          else
            reference = g_strdup (citation->source);
          line = g_strdup_printf ("“%s” — %s", citation->quote, reference);
          /* In a PDF, the quote takes the reader to its source. */
          if (number > 0)
            {
              g_autofree char *link = g_strdup_printf ("dest='source-%u'", number);

              flow->link = g_intern_string (link);
            }
          flow_text (flow, line, "Sans Italic 9", 12, &ink, 2);
          flow->link = NULL;

          /* Beside the verbatim quote, its translation into the
           * handout's language, marked as such; never instead of it. */
          {
            const char *translation = language == DM_LANGUAGE_VI ? citation->translation.vi
                                                                 : citation->translation.en;

            if (translation != NULL && translation[0] != '\0' && g_strcmp0 (translation, citation->quote) != 0)
              {
                g_autofree char *rendering = g_strdup_printf ("%s: %s", word (language, WORD_TRANSLATION),
                                                              translation);

                flow_text (flow, rendering, "Sans 8.5", 24, &muted, 2);
              }
          }
        }
    }

  flow->y += 6;
  flow_rule (flow, 14);
}

static void
number_sources (DmHandout *self)
{
  guint n = dm_dataset_get_n_sources (self->dataset);
  guint next = 1;
  g_autofree guint8 *cited = g_malloc0 (MAX (n, 1));

  for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, i);

      if (!self->in_range[i] || event->citations == NULL)
        continue;
      for (guint c = 0; c < event->citations->len; c++)
        {
          const DmCitation *citation = g_ptr_array_index (event->citations, c);

          for (guint s = 0; s < n; s++)
            if (g_strcmp0 (dm_dataset_get_source (self->dataset, s)->id, citation->source) == 0)
              cited[s] = 1;
        }
    }

  /* In the dataset's order, as the list at the end gives them. */
  g_array_set_size (self->source_numbers, n);
  for (guint s = 0; s < n; s++)
    g_array_index (self->source_numbers, guint, s) = cited[s] ? next++ : 0;
}

static void
build_event_pages (DmHandout *self,
                   GPtrArray *pages)
{
  Flow flow = { self, pages, NULL, 0, self->options.orientation == DM_ORIENTATION_LANDSCAPE };
  gint64 year = G_MININT64;

  flow_new_page (&flow);
  self->first_event_page = pages->len - 1;
  flow_text (&flow, word (self->language, WORD_EVENTS), "Sans Bold 18", 0, &ink, 10);

  if (self->n_in_range == 0)
    flow_text (&flow, word (self->language, WORD_NO_EVENTS), "Sans 10", 0, &ink, 0);

  for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, i);

      if (!self->in_range[i])
        continue;

      /* A heading at each new year, which the outline lists. */
      if (event->start.year != year)
        {
          DmDate date = { .year = event->start.year, .precision = DM_DATE_PRECISION_YEAR };
          g_autofree char *name = dm_date_format (&date, self->language);

          year = event->start.year;
          name[0] = g_ascii_toupper (name[0]);
          flow_need (&flow, 120);
          flow.y += 4;
          add_anchor (self, 0, name, pages->len - 1, flow.y);
          flow_text (&flow, name, "Sans Bold 15", 0, &ink, 8);
        }
      add_event (self, &flow, event);
    }

  /* The sources, once, in full (when any is quoted). */
  self->sources_page = G_MAXUINT;
  {
    gboolean any = FALSE;

    for (guint s = 0; s < self->source_numbers->len; s++)
      any |= g_array_index (self->source_numbers, guint, s) > 0;
    if (!any)
      return;
  }
  flow_new_page (&flow);
  self->sources_page = pages->len - 1;
  add_anchor (self, 0, word (self->language, WORD_SOURCES), pages->len - 1, MARGIN_TOP);
  flow_text (&flow, word (self->language, WORD_SOURCES), "Sans Bold 18", 0, &ink, 10);
  for (guint s = 0; s < dm_dataset_get_n_sources (self->dataset); s++)
    {
      const DmSource *source = dm_dataset_get_source (self->dataset, s);
      guint number = g_array_index (self->source_numbers, guint, s);
      g_autoptr(GString) line = NULL;

      if (number == 0)
        continue;
      line = g_string_new (NULL);
      g_string_append_printf (line, "[%u] %s.", number, dm_text_get (&source->title, self->language));
      if (source->author != NULL && source->author[0] != '\0')
        g_string_append_printf (line, " %s.", source->author);
      if (source->publisher != NULL && source->publisher[0] != '\0')
        g_string_append_printf (line, " %s", source->publisher);
      if (dm_date_is_set (&source->date))
        {
          g_autofree char *date = dm_date_format (&source->date, self->language);

          g_string_append_printf (line, "%s%s", source->publisher != NULL && source->publisher[0] != '\0' ? ", " : " ", date);
        }
      if ((source->publisher != NULL && source->publisher[0] != '\0') || dm_date_is_set (&source->date))
        g_string_append_c (line, '.');
      if (source->url != NULL)
        g_string_append_printf (line, " %s", source->url);
      if (source->file != NULL)
        g_string_append_printf (line, " %s: %s", word (self->language, WORD_SOURCE_TEXT), source->file);
      {
        g_autofree char *dest = g_strdup_printf ("name='source-%u'", number);

        flow.dest = g_intern_string (dest);
        flow_text (&flow, line->str, "Sans 9.5", 0, &ink, 6);
        flow.dest = NULL;
      }
    }
}

/* The cover, with the contents */

static void
add_contents_line (DmHandout  *self,
                   Flow       *flow,
                   const char *name,
                   guint       page,
                   double      indent,
                   const char *font)
{
  g_autofree char *number = g_strdup_printf ("%u", page + 1);
  g_autoptr(PangoLayout) right = text_layout (self, number, font, flow_width (flow));
  double y;

  /* The number goes beside the name's first line, on its page. */
  flow_need (flow, 16);
  y = flow->y;

  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  {
    g_autofree char *link = g_strdup_printf ("page=%u pos=[0 0]", page + 1);

    flow->link = g_intern_string (link);
    flow_text (flow, name, font, indent, &ink, 0);
    flow->link = NULL;
  }
  {
    Box box = { BOX_LINES, MARGIN_SIDE, y, 0, 0, g_object_ref (right), 0, 1, 0, ink, 0, 0 };

    if (flow->y > y)
      add_box (flow->page, &box);
  }
  flow->y += 3;
}

/* The kinds of the events in the handout, by name, when some kinds have
 * none there (a filter, or a short range); NULL when all are there. */
static char *
kinds_shown (DmHandout *self)
{
  guint n_kinds = dm_dataset_get_n_kinds (self->dataset);
  g_autofree guint8 *present = g_malloc0 (MAX (n_kinds, 1));
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_present = 0;

  for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, i);

      if (self->in_range[i] && event->kind_index < n_kinds && !present[event->kind_index])
        {
          present[event->kind_index] = 1;
          n_present++;
        }
    }
  if (n_present == n_kinds || n_present == 0)
    return NULL;

  for (guint k = 0; k < n_kinds; k++)
    if (present[k])
      g_string_append_printf (names, "%s%s", names->len ? "; " : "",
                              dm_text_get (&dm_dataset_get_kind (self->dataset, k)->label, self->language));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
build_cover (DmHandout *self,
             GPtrArray *pages,
             guint      offset)
{
  Flow flow = { self, pages, NULL, 0, self->options.orientation == DM_ORIENTATION_LANDSCAPE };
  g_autofree char *range = format_range (self);
  g_autofree char *count = g_strdup_printf ("%u", self->n_in_range);
  g_autofree char *made = NULL;
  g_autofree char *with = made_with (self->language);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (self->made);
  const char *description = dm_text_get (dm_dataset_get_description (self->dataset), self->language);
  g_autofree char *kinds = kinds_shown (self);
  struct { Word label; const char *value; } facts[] = {
    { WORD_PERIOD, range },
    { WORD_N_EVENTS, count },
    { WORD_SELECTION, self->options.filter_text ? self->options.filter_text : word (self->language, WORD_ALL_EVENTS) },
    { WORD_KINDS_SHOWN, kinds },
    { WORD_MADE_ON, NULL },
  };

  {
    DmDate date = { 0 };

    if (when != NULL)
      dm_date_init (&date, DM_DATE_PRECISION_DAY, g_date_time_get_year (when),
                    (guint) g_date_time_get_month (when), (guint) g_date_time_get_day_of_month (when), 0, 0);
    made = dm_date_is_set (&date) ? dm_date_format (&date, self->language) : g_strdup ("");
    facts[G_N_ELEMENTS (facts) - 1].value = made;
  }

  flow_new_page (&flow);
  flow.y = MARGIN_TOP + 60;
  flow_text (&flow, self->title, "Sans Bold 26", 0, &ink, 14);
  flow_text (&flow, description, "Sans 12", 0, &muted, 18);
  flow_rule (&flow, 20);

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(PangoLayout) label = NULL;
      Box box = { BOX_LINES, MARGIN_SIDE, 0, 0, 0, NULL, 0, 1, 0, muted, 0, 0 };

      if (facts[i].value == NULL)
        continue;
      label = text_layout (self, word (self->language, facts[i].label), "Sans Bold 10", 130);
      box.layout = g_object_ref (label);
      flow_need (&flow, 16);
      box.y = flow.y;
      add_box (flow.page, &box);
      flow_text (&flow, facts[i].value, "Sans 10", 140, &ink, 6);
    }
  flow_rule (&flow, 24);

  /* The contents, with the page each part starts on. */
  flow_text (&flow, word (self->language, WORD_CONTENTS), "Sans Bold 13", 0, &ink, 8);
  add_contents_line (self, &flow, word (self->language, WORD_TIMELINE), self->first_timeline_page + offset, 0, "Sans 10");
  add_contents_line (self, &flow, word (self->language, WORD_EVENTS), self->first_event_page + offset, 0, "Sans 10");
  {
    guint years = 0;

    for (guint i = 0; i < self->anchors->len; i++)
      years += g_array_index (self->anchors, Anchor, i).level == 0;
    for (guint i = 0; i < self->anchors->len && years <= 24; i++)
      {
        const Anchor *anchor = &g_array_index (self->anchors, Anchor, i);

        if (anchor->level == 0 && anchor->page != self->sources_page)
          add_contents_line (self, &flow, anchor->title, anchor->page + offset, 16, "Sans 9.5");
      }
  }
  if (self->sources_page != G_MAXUINT)
    add_contents_line (self, &flow, word (self->language, WORD_SOURCES), self->sources_page + offset, 0, "Sans 10");

  flow.y += 24;
  flow_text (&flow, with, "Sans 8.5", 0, &muted, 0);
}

static guint
build_cover_pages (DmHandout *self,
                   guint      offset)
{
  g_autoptr(GPtrArray) cover = g_ptr_array_new_with_free_func (page_free);

  build_cover (self, cover, offset);
  if (cover->len == offset)
    {
      for (guint i = cover->len; i > 0; i--)
        g_ptr_array_insert (self->pages, 0, g_ptr_array_steal_index (cover, i - 1));
    }
  return cover->len;
}

static DmHandout *
handout_new (const DmExportOptions *options,
             gboolean               preview)
{
  DmHandout *self;
  guint n_cover;

  g_return_val_if_fail (options != NULL && DM_IS_DATASET (options->dataset), NULL);

  self = g_new0 (DmHandout, 1);
  self->preview = preview;
  self->sources_page = G_MAXUINT;
  self->options = *options;
  self->dataset = g_object_ref (options->dataset);
  self->language = options->language;
  self->pango = create_context (72, "Sans 10");
  /* The timeline is drawn in its own pixels, as on screen, then scaled. */
  self->scene_pango = create_context (96, "Sans 10");
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->periods = g_array_new (FALSE, TRUE, sizeof (Period));
  g_array_set_clear_func (self->periods, period_clear);
  self->anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
  g_array_set_clear_func (self->anchors, anchor_clear);
  self->source_numbers = g_array_new (FALSE, TRUE, sizeof (guint));
  /* cairo refuses noncharacters (U+FFFE) in metadata and outlines. */
  self->title = dm_safe_text_for_display (dm_text_get (dm_dataset_get_title (self->dataset), self->language),
                                          DM_SAFE_TEXT_LABEL_MAX);
  self->made = made_time (options);
  dm_export_options_get_paper_size (options, &self->paper_width, &self->paper_height);

  find_range (self);
  number_sources (self);

  /* The body first, numbered from 0; the cover goes before it once the
   * pages it points to are known. */
  self->first_timeline_page = 0;
  build_timeline_pages (self, self->pages);
  if (!self->preview)
    build_event_pages (self, self->pages);

  n_cover = build_cover_pages (self, 1);
  if (n_cover != 1)
    build_cover_pages (self, n_cover);
  self->n_cover_pages = n_cover;
  self->first_timeline_page += n_cover;
  self->first_event_page += n_cover;
  if (self->sources_page != G_MAXUINT)
    self->sources_page += n_cover;
  for (guint i = 0; i < self->anchors->len; i++)
    g_array_index (self->anchors, Anchor, i).page += n_cover;

  return self;
}

DmHandout *
dm_handout_new (const DmExportOptions *options)
{
  return handout_new (options, FALSE);
}

DmHandout *
dm_handout_new_preview (const DmExportOptions *options)
{
  return handout_new (options, TRUE);
}

void
dm_handout_free (DmHandout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->dataset);
  g_clear_object (&self->pango);
  g_clear_object (&self->scene_pango);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->source_numbers, g_array_unref);
  g_free (self->in_range);
  g_free (self->title);
  g_free (self);
}

guint
dm_handout_get_n_pages (DmHandout *self)
{
  return self->pages->len;
}

void
dm_handout_get_page_size (DmHandout *self,
                          guint      page,
                          double    *width,
                          double    *height)
{
  const Page *p;

  g_return_if_fail (page < self->pages->len);
  p = g_ptr_array_index (self->pages, page);
  *width = p->width;
  *height = p->height;
}

gboolean
dm_handout_page_is_landscape (DmHandout *self,
                              guint      page)
{
  g_return_val_if_fail (page < self->pages->len, FALSE);
  return ((const Page *) g_ptr_array_index (self->pages, page))->landscape;
}

guint
dm_handout_get_n_timeline_pages (DmHandout *self)
{
  return self->periods->len;
}

guint
dm_handout_count_unlegible (DmHandout *self)
{
  guint bad = 0;

  for (guint i = 0; i < self->periods->len; i++)
    {
      Period *period = &g_array_index (self->periods, Period, i);
      double room = period->label_room;

      bad += count_unlegible (self, period);
      period->label_room = room;
    }

  return bad;
}

const char *
dm_handout_get_language_tag (DmHandout *self)
{
  return self->language == DM_LANGUAGE_VI ? "vi" : "en";
}

/* Drawing */

static void
set_color (cairo_t       *cr,
           const DmColor *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
draw_lines (cairo_t   *cr,
            const Box *box)
{
  PangoLayoutIter *iter = pango_layout_get_iter (box->layout);
  int line = 0;

  set_color (cr, &box->color, 1);
  do
    {
      if (line >= box->first_line && line < box->first_line + box->n_lines)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, box->x + logical.x / (double) PANGO_SCALE,
                         box->y - box->layout_top + baseline / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line < box->first_line + box->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_swatch (cairo_t   *cr,
             const Box *box)
{
  double cx = box->x + box->width / 2;
  double cy = box->y + box->height / 2;
  double r = box->height / 2;
  static const double dash[] = { 2, 1.5 };

  cairo_save (cr);
  cairo_set_line_width (cr, 1.2);
  switch (box->swatch)
    {
    case SWATCH_KIND:
    case SWATCH_STATED:
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r - 0.6, 0, 2 * G_PI);
      set_color (cr, &box->color, 1);
      cairo_fill_preserve (cr);
      cairo_stroke (cr);
      break;

    case SWATCH_INFERRED:
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r - 0.6, 0, 2 * G_PI);
      set_color (cr, &box->color, 0.25);
      cairo_fill_preserve (cr);
      set_color (cr, &box->color, 1);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      break;

    case SWATCH_OPEN:
      {
        /* As on screen: a hollow light mark at the known bound, its tail
         * fading out toward the side nobody knows. */
        cairo_pattern_t *fade = cairo_pattern_create_linear (box->x + box->height, 0, box->x + box->width, 0);

        cairo_pattern_add_color_stop_rgba (fade, 0, box->color.red, box->color.green, box->color.blue, 0.6);
        cairo_pattern_add_color_stop_rgba (fade, 1, box->color.red, box->color.green, box->color.blue, 0);
        cairo_rectangle (cr, box->x + box->height / 2, cy - 1, box->width - box->height / 2, 2);
        cairo_set_source (cr, fade);
        cairo_fill (cr);
        cairo_pattern_destroy (fade);

        cairo_new_path (cr);
        cairo_arc (cr, box->x + box->height / 2, cy, r - 0.6, 0, 2 * G_PI);
        set_color (cr, &box->color, 0.15);
        cairo_fill_preserve (cr);
        set_color (cr, &box->color, 0.6);
        cairo_stroke (cr);
      }
      break;

    case SWATCH_RANGE:
    case SWATCH_COARSE:
      cairo_new_path (cr);
      cairo_rectangle (cr, box->x + 0.6, box->y + 0.6, box->width - 1.2, box->height - 1.2);
      set_color (cr, &box->color, box->swatch == SWATCH_RANGE ? 0.35 : 0.15);
      cairo_fill_preserve (cr);
      set_color (cr, &box->color, 1);
      cairo_set_line_width (cr, box->swatch == SWATCH_RANGE ? 1.5 : 0.8);
      cairo_stroke (cr);
      break;

    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

static void
draw_timeline (DmHandout *self,
               cairo_t   *cr,
               const Box *box)
{
  const Period *period = &g_array_index (self->periods, Period, box->period);
  double width_px = period->scene_width;
  double height_px = period->scene_height;
  double scale = MIN (box->width / width_px, box->height / height_px);
  DmScene scene;

  setup_scene (self, &scene, period);
  cairo_save (cr);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, width_px, height_px);
  cairo_clip (cr);
  dm_scene_draw (&scene, cr);
  cairo_restore (cr);
  dm_scene_clear (&scene);

  /* A frame, so the page reads as a figure. */
  cairo_save (cr);
  set_color (cr, &rule, 1);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, box->x, box->y, width_px * scale, height_px * scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_footer (DmHandout *self,
             cairo_t   *cr,
             const Page *page,
             guint      number)
{
  g_autofree char *counted = page_n_of_m (self->language, number + 1, self->pages->len);
  double width = page->width - 2 * MARGIN_SIDE;
  g_autoptr(PangoLayout) right = text_layout (self, counted, "Sans 8", 0);
  g_autoptr(PangoLayout) left = NULL;
  double y = page->height - FOOTER_FROM_BOTTOM;
  int right_width;

  pango_layout_get_pixel_size (right, &right_width, NULL);
  left = text_layout (self, self->title, "Sans 8", 0);
  pango_layout_set_width (left, (int) ((width - right_width - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  cairo_save (cr);
  set_color (cr, &rule, 1);
  cairo_rectangle (cr, MARGIN_SIDE, y - 6, width, 0.5);
  cairo_fill (cr);
  set_color (cr, &muted, 1);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, MARGIN_SIDE + width - right_width, y);
  pango_cairo_show_layout (cr, right);
  cairo_restore (cr);
}

void
dm_handout_draw_page (DmHandout *self,
                      cairo_t   *cr,
                      guint      number)
{
  const Page *page;

  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (number < self->pages->len);

  page = g_ptr_array_index (self->pages, number);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, page->width, page->height);
  cairo_fill (cr);

  for (guint i = 0; i < page->boxes->len; i++)
    {
      const Box *box = &g_array_index (page->boxes, Box, i);

      switch (box->type)
        {
        case BOX_LINES:
          /* Tags mean something only on a PDF surface; others ignore
           * them. */
          if (box->dest != NULL)
            cairo_tag_begin (cr, CAIRO_TAG_DEST, box->dest);
          if (box->link != NULL)
            cairo_tag_begin (cr, CAIRO_TAG_LINK, box->link);
          draw_lines (cr, box);
          if (box->link != NULL)
            cairo_tag_end (cr, CAIRO_TAG_LINK);
          if (box->dest != NULL)
            cairo_tag_end (cr, CAIRO_TAG_DEST);
          break;

        case BOX_TIMELINE:
          draw_timeline (self, cr, box);
          break;

        case BOX_SWATCH:
          draw_swatch (cr, box);
          break;

        case BOX_RULE:
          set_color (cr, &box->color, 1);
          cairo_rectangle (cr, box->x, box->y, box->width, box->height);
          cairo_fill (cr);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  draw_footer (self, cr, page, number);
  cairo_restore (cr);
}

void
dm_handout_write_pdf (DmHandout       *self,
                      cairo_surface_t *surface)
{
  g_autofree char *creator = g_strdup_printf ("Dấu Mốc %s", PACKAGE_VERSION);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (self->made);
  g_autofree char *created = when ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;
  /* The subject in the PDF's metadata: cairo refuses noncharacters. */
  g_autofree char *description = dm_safe_text_for_display (dm_text_get (dm_dataset_get_description (self->dataset),
                                                                        self->language),
                                                           1000);
  int timeline_root = 0;
  int year_root = 0;
  cairo_t *cr;

  g_return_if_fail (self != NULL && surface != NULL);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (description[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, description);
  if (created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      double width;
      double height;

      dm_handout_get_page_size (self, i, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      dm_handout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);

  /* The outline: the cover, the timeline (by period when there are
   * several pages), each year with its events, the sources. */
#define LINK(page, y) g_strdup_printf ("page=%u pos=[%d %d]", (page) + 1, (int) MARGIN_SIDE, (int) (y))
  {
    g_autofree char *link = LINK (0u, MARGIN_TOP);

    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, word (self->language, WORD_COVER), link, 0);
  }
  {
    g_autofree char *link = LINK (self->first_timeline_page, MARGIN_TOP);

    timeline_root = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, word (self->language, WORD_TIMELINE), link, 0);
  }
  for (guint i = 0; i < self->anchors->len; i++)
    {
      const Anchor *anchor = &g_array_index (self->anchors, Anchor, i);
      g_autofree char *link = LINK (anchor->page, anchor->y);

      if (anchor->level == 1 && self->periods->len > 1)
        cairo_pdf_surface_add_outline (surface, timeline_root, anchor->title, link, 0);
      else if (anchor->level == 0)
        year_root = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, anchor->title, link, 0);
      else if (anchor->level == 2)
        cairo_pdf_surface_add_outline (surface, year_root, anchor->title, link, 0);
    }
#undef LINK
}
