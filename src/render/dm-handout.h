/* dm-handout.h — the PDF handout and its printed twin: a document laid
 * out once into pages, drawn onto a PDF surface or a printer's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "dm-export.h"

G_BEGIN_DECLS

typedef struct _DmHandout DmHandout;

/* Lays out the handout of @options (paper, orientation, language, range,
 * events) into pages. Its fonts are its own, the same whatever surface
 * it is drawn on, so the PDF and the printout match line for line. */
DmHandout   *dm_handout_new             (const DmExportOptions *options);
/* Only the cover and the timeline of the whole range on one page, for a
 * quick preview: its contents' page numbers are not the handout's. */
DmHandout   *dm_handout_new_preview     (const DmExportOptions *options);
void         dm_handout_free            (DmHandout             *handout);

guint        dm_handout_get_n_pages     (DmHandout             *handout);
/* The size of page @page in points: the paper, turned as the document
 * asks, or landscape for the timeline pages. */
void         dm_handout_get_page_size   (DmHandout             *handout,
                                         guint                  page,
                                         double                *width,
                                         double                *height);
gboolean     dm_handout_page_is_landscape (DmHandout           *handout,
                                           guint                page);
/* Draws page @page with its top left corner at the origin of @cr, in
 * points. */
void         dm_handout_draw_page       (DmHandout             *handout,
                                         cairo_t               *cr,
                                         guint                  page);

/* Writes the whole handout as a PDF into @surface (made at the size of
 * page 0), with its outline (bookmarks) and metadata. */
void         dm_handout_write_pdf       (DmHandout             *handout,
                                         cairo_surface_t       *surface);

/* The timeline pages: how many, and whether any draws an event as part
 * of a cluster or without its label (for tests). */
guint        dm_handout_get_n_timeline_pages (DmHandout        *handout);
guint        dm_handout_count_unlegible      (DmHandout        *handout);

/* The language tag of the handout's text: "vi" or "en". */
const char  *dm_handout_get_language_tag (DmHandout            *handout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmHandout, dm_handout_free)

G_END_DECLS
