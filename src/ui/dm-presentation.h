/* dm-presentation.h — presenting a timeline: one event a slide, fullscreen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_PRESENTATION (dm_presentation_get_type ())

G_DECLARE_FINAL_TYPE (DmPresentation, dm_presentation, DM, PRESENTATION, AdwWindow)

/* What the slide shown is: the opening slide (the timeline's title, what
 * is presented), an event, or the closing slide (the sources). */
typedef enum
{
  DM_PRESENTATION_PAGE_TITLE,
  DM_PRESENTATION_PAGE_EVENT,
  DM_PRESENTATION_PAGE_CLOSING,
} DmPresentationPage;

/* What the screen shows in place of the slides, if anything. */
typedef enum
{
  DM_PRESENTATION_BLANK_NONE,
  DM_PRESENTATION_BLANK_BLACK,
  DM_PRESENTATION_BLANK_WHITE,
} DmPresentationBlank;

/* The @start that opens on the title slide. */
#define DM_PRESENTATION_START_TITLE G_MAXUINT

/* Presents the events at @positions (time order) of @dataset, starting at
 * @start (an index into @positions, or DM_PRESENTATION_START_TITLE). */
DmPresentation     *dm_presentation_new            (GtkWindow      *parent,
                                                    DmDataset      *dataset,
                                                    GArray         *positions,
                                                    guint           start,
                                                    DmLanguage      language);
DmPresentationPage  dm_presentation_get_page       (DmPresentation *self);
/* The event shown, as an index into the positions (0 on the title slide,
 * the last on the closing one). */
guint               dm_presentation_get_index      (DmPresentation *self);
guint               dm_presentation_get_n_slides   (DmPresentation *self);
/* A long text continues on further steps of the same event: which part
 * is shown, of how many (at this size and text scale). */
guint               dm_presentation_get_part       (DmPresentation *self);
guint               dm_presentation_get_n_parts    (DmPresentation *self);
void                dm_presentation_go_to          (DmPresentation *self,
                                                    guint           index);
DmLanguage          dm_presentation_get_language   (DmPresentation *self);
DmPresentationBlank dm_presentation_get_blank      (DmPresentation *self);
/* The text of the slide, for tests. */
const char         *dm_presentation_get_title      (DmPresentation *self);
const char         *dm_presentation_get_progress   (DmPresentation *self);
double              dm_presentation_get_text_scale (DmPresentation *self);
/* The slide's labels, by the name of their style class without "slide-"
 * ("title", "date", "kind", "progress", "summary", "actors",
 * "citation", "continued"), for tests. */
GtkWidget          *dm_presentation_get_label      (DmPresentation *self,
                                                    const char     *name);
GtkWidget          *dm_presentation_get_timeline   (DmPresentation *self);

/* The presenter's console (a DmPresenterConsole), and whether it is
 * shown: in a window of its own on the presenter's screen when there are
 * two (then dm_presentation_get_console_window()), over the slides when
 * there is one and S asked for it. */
GtkWidget          *dm_presentation_get_console    (DmPresentation *self);
gboolean            dm_presentation_get_console_shown (DmPresentation *self);
GtkWindow          *dm_presentation_get_console_window (DmPresentation *self);
/* The screens to present on, in place of the display's (for tests), and
 * the ones chosen for the slides and the console (NULL on one screen). */
void                dm_presentation_set_monitors   (DmPresentation *self,
                                                    GListModel     *monitors);
GdkMonitor         *dm_presentation_get_audience_monitor (DmPresentation *self);
GdkMonitor         *dm_presentation_get_console_monitor  (DmPresentation *self);

G_END_DECLS
