/* dm-slides.h — what each slide of a presentation says, and the slides as
 * a PDF deck
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dm-dataset.h"

G_BEGIN_DECLS

/* A presentation's slides: the opening slide (the timeline's title, what
 * is presented), one for each event, and the closing slide (the
 * sources). */
typedef enum
{
  DM_SLIDE_TITLE,
  DM_SLIDE_EVENT,
  DM_SLIDE_CLOSING,
} DmSlideKind;

/* The texts of a slide, in reading order; any may be "" (not shown).
 * Texts of the dataset are in @language, dates and the app's own words in
 * the interface's. */
typedef struct
{
  char *title;
  char *date;       /* the event's date at its precision, and how sure; the years */
  char *kind;       /* the event's kind; what is presented */
  char *progress;   /* "3 / 12" */
  char *summary;
  char *actors;
  char *citation;
} DmSlideText;

/* The texts of slide @kind (for DM_SLIDE_EVENT, of the event at @index
 * of @positions, which are dataset positions in time order). */
void      dm_slide_text_init   (DmSlideText  *text,
                                DmDataset    *dataset,
                                GArray       *positions,
                                DmSlideKind   kind,
                                guint         index,
                                DmLanguage    language);
void      dm_slide_text_clear  (DmSlideText  *text);

/* The slides of @positions as a PDF: 16:9 pages, one a slide (an event
 * whose text is too long for a page goes on over the next, marked
 * "continued"), the opening and closing slides included, each with the
 * timeline as the screen shows it. Written atomically. */
gboolean  dm_slides_export_pdf (DmDataset     *dataset,
                                GArray        *positions,
                                DmLanguage     language,
                                GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error);

/* The page size of the deck, in points. */
#define DM_SLIDES_PAGE_WIDTH  960
#define DM_SLIDES_PAGE_HEIGHT 540

G_END_DECLS
