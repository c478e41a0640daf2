/* dm-export.h — the timeline as PNG, SVG and a PDF handout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

#include "dm-dataset.h"
#include "dm-scene.h"

G_BEGIN_DECLS

typedef enum
{
  DM_EXPORT_PNG,
  DM_EXPORT_SVG,
  DM_EXPORT_PDF,
} DmExportFormat;

/* Paper for the PDF handout and printing; sizes in points. */
typedef enum
{
  DM_PAPER_A4,
  DM_PAPER_LETTER,
} DmPaper;

typedef enum
{
  DM_ORIENTATION_PORTRAIT,
  DM_ORIENTATION_LANDSCAPE,
} DmOrientation;

#define DM_PAPER_A4_WIDTH      595.276
#define DM_PAPER_A4_HEIGHT     841.89
#define DM_PAPER_LETTER_WIDTH  612.0
#define DM_PAPER_LETTER_HEIGHT 792.0

typedef struct
{
  DmDataset    *dataset;
  DmLanguage    language;
  double        axis_start;   /* the range shown; both 0: the filtered events' span */
  double        axis_end;
  const guint8 *visible;      /* per event, or NULL: all */
  const guint8 *lanes_shown;  /* per kind, or NULL: every kind's lane; an
                               * export of some kinds draws only theirs */
  int           selected;     /* position to ring, or -1 */
  int           width;        /* pixels (PNG) or points (SVG); not the PDF's */
  int           height;       /* 0: as tall as the lanes need */
  double        scale;        /* PNG only: device pixels per pixel */

  /* The PDF handout and printing */
  DmPaper       paper;
  double        paper_width;  /* points, portrait; both 0: from @paper */
  double        paper_height;
  DmOrientation orientation;  /* of the cover and text pages; the
                               * timeline pages are always landscape */
  const char   *filter_text;  /* what the search and filters keep, for the
                               * cover, or NULL when they keep everything */
  gint64        made;         /* Unix time it was made; 0: now (or
                               * SOURCE_DATE_EPOCH when set) */
} DmExportOptions;

void     dm_export_options_init   (DmExportOptions  *options,
                                   DmDataset        *dataset);

/* cairo's output written into a GOutputStream: give
 * dm_cairo_stream_write() as a cairo_write_func_t with a DmCairoStream;
 * after a failure, @error says why and nothing more is written. */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} DmCairoStream;

cairo_status_t dm_cairo_stream_write (void                *closure,
                                      const unsigned char *data,
                                      unsigned int         length);

/* Ends a drawing written through @s, whose surface ended with @status:
 * TRUE if everything was written and drawn; otherwise FALSE with @error
 * set, to the stream's error if it had one (it is taken from @s), or to
 * cairo's. */
gboolean       dm_cairo_stream_finish (DmCairoStream       *s,
                                       cairo_status_t       status,
                                       GError             **error);

/* A Pango context for drawing on @cr in the exports' font (Sans 10), with
 * metrics that depend on no screen, so that an export is the same
 * everywhere. */
PangoContext  *dm_export_create_pango (cairo_t             *cr);

/* The most pixels a PNG export may have: 100 million, 400 MB in memory. */
#define DM_EXPORT_MAX_PIXELS 100000000

/* Whether a PNG of @width × @height pixels may be made; if not, @error
 * says how large it would be and what the limit is. */
gboolean dm_export_check_pixels   (double            width,
                                   double            height,
                                   GError          **error);

/* The paper people use where the locale says they live: Letter in the
 * United States, Canada and the other countries that use it, A4
 * elsewhere. dm_export_paper_from_locale() reads LC_ALL, LC_PAPER and
 * LANG (and glibc's LC_PAPER data when the locale exists). */
DmPaper  dm_export_paper_for_locale_name (const char   *locale);
DmPaper  dm_export_paper_from_locale     (void);
gboolean dm_export_paper_from_name       (const char   *name,
                                          DmPaper      *paper);
const char *dm_export_paper_to_name      (DmPaper       paper);
gboolean dm_export_orientation_from_name (const char   *name,
                                          DmOrientation *orientation);
/* Portrait width and height of @options' paper, in points. */
void     dm_export_options_get_paper_size (const DmExportOptions *options,
                                           double                *width,
                                           double                *height);

/* A file name to offer: the title, the language and the kind of export,
 * e.g. "Vietnam and the Fourth Industrial Revolution - handout (en).pdf". */
char    *dm_export_suggest_name   (DmDataset        *dataset,
                                   DmLanguage        language,
                                   const char       *kind,
                                   const char       *suffix);

/* From the file name: .png, .svg or .pdf. */
gboolean dm_export_format_from_name (const char     *name,
                                     DmExportFormat *format);

/* Draws the timeline of @options into @file, written beside it and
 * renamed into place, so a failure never leaves a partial file. A PDF is
 * a handout (dm-handout.h): a cover, the timeline on landscape pages,
 * every event in range in time order with its date, certainty, summary,
 * people, figures and citations, then the sources; every page on the
 * same paper and numbered. Text stays text in the PDF, which names its
 * title, subject, creator and language and has an outline by year. */
gboolean dm_export_to_file        (const DmExportOptions  *options,
                                   DmExportFormat          format,
                                   GFile                  *file,
                                   GCancellable           *cancellable,
                                   GError                **error);

/* A small picture of what @format would give, within @max_width ×
 * @max_height pixels: the image, or the handout's first pages. */
cairo_surface_t *dm_export_render_preview (const DmExportOptions *options,
                                           DmExportFormat         format,
                                           int                    max_width,
                                           int                    max_height);

/* The timeline an export of @options draws, laid out, in the fonts the
 * exports use (for tests). Free it with dm_scene_clear(), then unref its
 * pango context. */
void     dm_export_get_scene           (const DmExportOptions *options,
                                        DmScene               *scene);

G_END_DECLS
