/* dm-overview.h — the whole dataset in one strip, with the visible range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dm-timeline-view.h"

G_BEGIN_DECLS

#define DM_TYPE_OVERVIEW (dm_overview_get_type ())

G_DECLARE_FINAL_TYPE (DmOverview, dm_overview, DM, OVERVIEW, GtkWidget)

GtkWidget      *dm_overview_new          (void);
DmTimelineView *dm_overview_get_timeline (DmOverview     *self);
void            dm_overview_set_timeline (DmOverview     *self,
                                          DmTimelineView *timeline);

/* The span the strip shows, as axis values. */
void            dm_overview_get_span     (DmOverview     *self,
                                          double         *axis_start,
                                          double         *axis_end);

G_END_DECLS
