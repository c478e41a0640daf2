/* dm-timeline-view.h — the zoomable timeline: an axis, a lane per kind,
 * events as markers and bars, clusters where it is dense
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dm-dataset.h"
#include "dm-scene.h"
#include "dm-time-scale.h"

G_BEGIN_DECLS

#define DM_TYPE_TIMELINE_VIEW (dm_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (DmTimelineView, dm_timeline_view, DM, TIMELINE_VIEW, GtkWidget)

GtkWidget         *dm_timeline_view_new             (void);

DmDataset         *dm_timeline_view_get_dataset     (DmTimelineView *self);
void               dm_timeline_view_set_dataset     (DmTimelineView *self,
                                                     DmDataset      *dataset);

/* The dataset shown changed in place, as dm_edit_get_changed_range()
 * says: the @removed events from @position are now @added others. The
 * zoom stays; only those events are measured and drawn again. */
void               dm_timeline_view_events_changed  (DmTimelineView *self,
                                                     guint           position,
                                                     guint           removed,
                                                     guint           added);
DmLanguage         dm_timeline_view_get_language    (DmTimelineView *self);
void               dm_timeline_view_set_language    (DmTimelineView *self,
                                                     DmLanguage      language);

/* The selected event's position in the dataset, or -1. */
int                dm_timeline_view_get_selected    (DmTimelineView *self);
void               dm_timeline_view_set_selected    (DmTimelineView *self,
                                                     int             position);

/* Which events are shown (one byte per event, non-zero shows it), and
 * which are matches to highlight (NULL: no search). Copied. */
void               dm_timeline_view_set_visible     (DmTimelineView *self,
                                                     const guint8   *visible,
                                                     guint           n);
void               dm_timeline_view_set_matches     (DmTimelineView *self,
                                                     const guint8   *matches,
                                                     guint           n);

/* The visible time range, as axis values (days since 1970-01-01). */
void               dm_timeline_view_get_range       (DmTimelineView *self,
                                                     double         *axis_start,
                                                     double         *axis_end);
/* The visible range in words, to the day, in the UI language (as screen
 * readers are told it). */
char              *dm_timeline_view_format_range    (DmTimelineView *self);
/* Moves the view to show [axis_start, axis_end] with a little room
 * around it (show_range) or edge to edge (set_range), animated unless
 * @animate is FALSE or animations are off. */
void               dm_timeline_view_show_range      (DmTimelineView *self,
                                                     double          axis_start,
                                                     double          axis_end,
                                                     gboolean        animate);
void               dm_timeline_view_set_range       (DmTimelineView *self,
                                                     double          axis_start,
                                                     double          axis_end,
                                                     gboolean        animate);
void               dm_timeline_view_zoom_to_fit     (DmTimelineView *self);
const DmTimeScale *dm_timeline_view_get_scale       (DmTimelineView *self);

/* How many events are drawn on their own and how many clusters, for tests
 * and for the accessible description. */
void               dm_timeline_view_get_counts      (DmTimelineView *self,
                                                     guint          *n_events,
                                                     guint          *n_clusters);

typedef enum
{
  DM_EVENT_OUT_OF_VIEW,   /* not in the visible range, or filtered out */
  DM_EVENT_DRAWN,         /* drawn on its own */
  DM_EVENT_CLUSTERED,     /* inside a cluster */
} DmEventVisibility;

/* Keeps the selected event's lane in sight whenever the layout changes,
 * not only when it is selected: for a view that only shows, as a
 * presentation's. */
void               dm_timeline_view_set_follow_selection (DmTimelineView *self,
                                                          gboolean        follow);
DmEventVisibility  dm_timeline_view_get_event_visibility (DmTimelineView *self,
                                                          guint           position);

/* The width of the lane headers, left of the time shown; it grows with the
 * text size ("header-width"). */
int              dm_timeline_view_get_header_width  (DmTimelineView *self);
char            *dm_timeline_view_get_text_at       (DmTimelineView *self,
                                                     double          x,
                                                     double          y);
DmScene         *dm_timeline_view_get_scene         (DmTimelineView *self);
/* What the view shows drawn in one piece, as the exports draw it, without
 * the render nodes it keeps for GTK (tests compare the two). */
void             dm_timeline_view_draw_scene        (DmTimelineView *self,
                                                     cairo_t        *cr);
void             dm_timeline_view_set_whole         (DmTimelineView *self,
                                                     gboolean        whole);

/* How far the lanes are scrolled under the axis, and how far they can be
 * (0 when they all fit: large text in a small window makes them scroll). */
void             dm_timeline_view_get_lane_scroll   (DmTimelineView *self,
                                                     double         *scroll,
                                                     double         *max);

G_END_DECLS
