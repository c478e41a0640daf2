/* dm-presenter-console.h — the presenter's screen during a presentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dm-dataset.h"
#include "dm-slides.h"

G_BEGIN_DECLS

#define DM_TYPE_PRESENTER_CONSOLE (dm_presenter_console_get_type ())

G_DECLARE_FINAL_TYPE (DmPresenterConsole, dm_presenter_console, DM, PRESENTER_CONSOLE, GtkWidget)

GtkWidget  *dm_presenter_console_new            (void);
/* The events presented: @positions (time order) of @dataset, their texts
 * in @language. */
void        dm_presenter_console_set_slides     (DmPresenterConsole *self,
                                                 DmDataset          *dataset,
                                                 GArray             *positions,
                                                 DmLanguage          language);
/* The slide the audience sees: @kind, and for DM_SLIDE_EVENT the event at
 * @index of the positions. */
void        dm_presenter_console_show_slide     (DmPresenterConsole *self,
                                                 DmSlideKind         kind,
                                                 guint               index);
/* What the audience sees, drawn small. */
void        dm_presenter_console_set_preview    (DmPresenterConsole *self,
                                                 GdkPaintable       *paintable);
/* When the presentation began, in g_get_monotonic_time()'s microseconds. */
void        dm_presenter_console_set_start_time (DmPresenterConsole *self,
                                                 gint64              start);
/* A part's text, for tests: "progress", "current", "current-date", "next", "next-date",
 * "notes" (each note a line), "elapsed", "clock". */
char       *dm_presenter_console_dup_text       (DmPresenterConsole *self,
                                                 const char         *part);
GtkWidget  *dm_presenter_console_get_list       (DmPresenterConsole *self);

G_END_DECLS
