/* dm-layout.h — what the timeline draws for a viewport: events in lanes and
 * rows, labels that never overlap, and clusters where it is too dense
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"
#include "dm-time-scale.h"

G_BEGIN_DECLS

/* The width in pixels of the label of the event at @position. */
typedef double (*DmLabelMeasureFunc) (guint    position,
                                      gpointer user_data);

typedef struct
{
  double marker_size;     /* the narrowest an event is drawn, in pixels */
  double gap;             /* free pixels between neighbours and before a label */
  guint  max_rows;        /* rows of events in a lane; one more holds clusters
                           * and, where it is free, events. With total_rows,
                           * the most rows a lane may take, less one */
  double cluster_label;   /* room for a cluster's count */
  guint  fold_density;    /* level of detail: from this many events within
                           * marker_size + gap pixels of a lane, a run is
                           * folded into a cluster without measuring labels
                           * or trying rows. 0: 2 × (max_rows + 1) + 1, more
                           * than the rows could show; G_MAXUINT: never, each
                           * event is placed on its own */
  guint  total_rows;      /* rows all lanes share, given to each lane by what
                           * its events need (dm_layout_get_lane_rows());
                           * 0: each lane has max_rows + 1 */
  double label_start;     /* the part of the width people see: a label is */
  double label_end;       /* kept within it when it can be (put left of its
                           * marker, or cut); label_end 0: no bound */
} DmLayoutMetrics;

/* What the layout keeps unfolded and how far it may cut labels. The
 * pointers are borrowed: they must stay valid for the computes that
 * follow, until the options are set again. */
typedef struct
{
  const guint8       *pinned;        /* per event, non-zero: never folded
                                      * (search matches); or NULL */
  int                 pinned_event;  /* one more (the selection, the event
                                      * presented), or -1 */
  DmLabelMeasureFunc  measure_short; /* the least a label may be cut to, to
                                      * save a row; NULL: not cut for that */
  DmLabelMeasureFunc  measure_wrapped; /* its width on two lines, where
                                      * there is room for them; 0 or NULL:
                                      * one line */
} DmLayoutOptions;

typedef enum
{
  DM_LAYOUT_EVENT,
  DM_LAYOUT_CLUSTER,
} DmLayoutItemType;

typedef struct
{
  DmLayoutItemType type;
  guint            lane;          /* the kind's index */
  guint            row;           /* 0 … the lane's rows − 1; clusters only in the last */
  double           x0;            /* the marker or bar */
  double           x1;
  double           label_x;       /* where the label starts: after the marker,
                                   * inside the bar, or before x0 (left) */
  double           label_width;   /* 0: no label (it did not fit) */
  gboolean         label_inside;  /* drawn inside a bar wide enough for it */
  guint            label_lines;   /* 2: wrapped, its second line in the
                                   * row below (never the cluster row) */
  guint            position;      /* the event's position; a cluster's first member */
  guint            count;         /* 1 for an event */
  double           axis_start;    /* the time the item covers */
  double           axis_end;
} DmLayoutItem;

typedef struct _DmLayout DmLayout;

DmLayout           *dm_layout_new                 (void);
/* Eras whose spans overlap are named on rows of their own: fills
 * @rows[i] (0 is the bottom row) for each of @dataset's eras and returns
 * how many rows there are. */
guint               dm_layout_era_rows            (DmDataset              *dataset,
                                                   guint                  *rows);

void                dm_layout_free                (DmLayout               *layout);
void                dm_layout_set_options         (DmLayout               *layout,
                                                   const DmLayoutOptions  *options);

/* Lays out the events of @dataset that overlap the @width pixels of
 * @scale and that @visible allows (one byte per event position, non-zero
 * to show; NULL shows all). Only what is in view is laid out. */
void                dm_layout_compute             (DmLayout               *layout,
                                                   DmDataset              *dataset,
                                                   const guint8           *visible,
                                                   const DmTimeScale      *scale,
                                                   double                  width,
                                                   const DmLayoutMetrics  *metrics,
                                                   DmLabelMeasureFunc      measure,
                                                   gpointer                user_data);

guint               dm_layout_get_n_items         (const DmLayout         *layout);
/* The rows @lane was given by the last compute (at least 1). */
guint               dm_layout_get_lane_rows       (const DmLayout         *layout,
                                                   guint                   lane);
const DmLayoutItem *dm_layout_get_item            (const DmLayout         *layout,
                                                   guint                   index);
/* The positions of the events a cluster holds, in time order. The array
 * belongs to the layout (or its dataset) until the next compute. */
const guint        *dm_layout_get_members         (const DmLayout         *layout,
                                                   guint                   index,
                                                   guint                  *n_members);
/* The item drawn for the event at @position (itself or its cluster), or
 * -1 when it is not in view. */
int                 dm_layout_find_event          (const DmLayout         *layout,
                                                   guint                   position);
/* The item at @x in @lane and @row, or -1. */
int                 dm_layout_hit                 (const DmLayout         *layout,
                                                   guint                   lane,
                                                   guint                   row,
                                                   double                  x);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmLayout, dm_layout_free)

G_END_DECLS
