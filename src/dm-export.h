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

typedef struct
{
  DmDataset    *dataset;
  DmLanguage    language;
  double        axis_start;   /* the range shown; both 0: the filtered events' span */
  double        axis_end;
  const guint8 *visible;      /* per event, or NULL: all */
  int           selected;     /* position to ring, or -1 */
  int           width;        /* pixels (PNG) or points (SVG, PDF page 1) */
  int           height;       /* 0: as tall as the lanes need */
  double        scale;        /* PNG only: device pixels per pixel */
} DmExportOptions;

void     dm_export_options_init   (DmExportOptions  *options,
                                   DmDataset        *dataset);

/* From the file name: .png, .svg or .pdf. */
gboolean dm_export_format_from_name (const char     *name,
                                     DmExportFormat *format);

/* Draws the timeline of @options into @file, written beside it and
 * renamed into place, so a failure never leaves a partial file. A PDF is
 * a handout: the timeline on the first page, then every shown event in
 * time order with its date, summary, people and citations. Text stays
 * text in the PDF, which names its title and creator. */
gboolean dm_export_to_file        (const DmExportOptions  *options,
                                   DmExportFormat          format,
                                   GFile                  *file,
                                   GCancellable           *cancellable,
                                   GError                **error);

/* For printing: the same handout, page by page, on pages of the given
 * size in points. Page 0 is the timeline. */
guint    dm_export_count_handout_pages (const DmExportOptions *options,
                                        double                 page_width,
                                        double                 page_height);
void     dm_export_draw_handout_page   (const DmExportOptions *options,
                                        cairo_t               *cr,
                                        PangoContext          *pango,
                                        double                 page_width,
                                        double                 page_height,
                                        guint                  page_number);

/* The timeline an export of @options draws, laid out, in the fonts the
 * exports use (for tests). Free it with dm_scene_clear(), then unref its
 * pango context. */
void     dm_export_get_scene           (const DmExportOptions *options,
                                        DmScene               *scene);

G_END_DECLS
