/* dm-layout.c
 *
 * Each lane is filled in time order. An event takes the first row where it
 * fits with its label; failing that, it joins a cluster in the lane's
 * cluster row (its last), which grows while events keep overflowing
 * nearby. Zooming in spreads events out, so clusters split by themselves.
 * Rows never hold two things in the same pixels, which is what keeps
 * labels off each other and off markers.
 *
 * Labels, in order of preference: whole, inside a bar or right of the
 * marker; whole on its left; whole on two lines (the second in the row
 * below, kept free for it); cut to the side with most room but no
 * shorter than their short width; the same after cutting the row's last
 * label to its short width; whatever room there is, if a word fits
 * (MIN_LABEL; or else the event folds). Labels keep to the
 * part of the width in view (label_start, label_end).
 *
 * Rows by content (DmLayoutMetrics.total_rows): lanes share the canvas's
 * rows. A first pass lays every lane out with every label whole, as many
 * rows as a lane may have; when nothing folds and the rows fit, that is
 * the layout. Otherwise a second pass, labels on one line and cut where
 * that saves a row, says what each lane needs; the budget is shared by
 * that (water-filling: lanes needing little keep it), spare rows go back
 * to lanes whose labels were cut, and a last pass lays out in those
 * rows. Folding is what is left when the rows cannot fit. Pinned events
 * (DmLayoutOptions: the selection, search matches) go first in their
 * lane, above its cluster row, the lane growing if need be; the others
 * keep clear of them, so they never fold.
 *
 * Level of detail. The work must follow what can be seen, not how many
 * events there are: a million events across 1 700 pixels cannot each be
 * measured and tried in every row at every frame. So a lane is walked
 * through the dataset's lane columns (positions and axis times in time
 * order, dm_dataset_get_lane()), and where more events fall within a few
 * pixels than the rows could ever show (DmLayoutMetrics.fold_density), the
 * run of them is folded into the cluster row at once: a binary search
 * finds where the cluster's pixels end, and the cluster keeps the run as a
 * slice of the lane column instead of copying its members. Labels are
 * only measured for events that get a row. Everything else keeps the
 * rules above: nothing overlaps within a row, and every event in view
 * that @visible allows is drawn on its own or inside exactly one cluster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dm-layout.h"

#define NONE G_MAXUINT

/* Where a cluster's members are: some listed one by one in
 * layout->members, and a run of the lane's events. */
typedef struct
{
  guint offset;       /* into members */
  guint n_explicit;
  guint run;          /* into runs, or NONE */
} Parts;

/* A stretch of a lane's events in view, all inside one cluster. */
typedef struct
{
  guint        item;
  guint        lane;
  const guint *positions;  /* the lane's events in view, in time order */
  guint        first;
  guint        end;
} Run;

/* A lane's events that start in view, in time order. */
typedef struct
{
  const guint  *positions;
  const double *starts;
  const double *ends;
  guint         n;
} Seq;

#define MAX_LANE_ROWS 64  /* rows a lane may have (DmLayoutMetrics.max_rows < 64) */
#define MIN_LABEL     24  /* px: a label cut shorter is not drawn */

/* An event that must not fold, placed before the rest of its lane: the
 * others then keep clear of it. Chained by row, in time order. */
typedef struct
{
  double x0;          /* what it takes in its row, label included */
  double end;
  guint  next;        /* the next in the same row, or NONE */
} Pin;

/* An event that starts left of the view and reaches into it. */
typedef struct
{
  guint64 key;     /* lane << 32 | position: sorted by lane, then time */
  double  start;   /* its axis_start and axis_end */
  double  end;
} Crosser;

struct _DmLayout
{
  GArray     *items;          /* DmLayoutItem */
  GArray     *parts;          /* Parts, by item */
  GArray     *members;        /* guint: clusters' members listed one by one */
  GArray     *runs;           /* Run, by lane and time */
  GHashTable *by_event;       /* position + 1 → item + 1, but for runs */
  GPtrArray  *joined;         /* by item: a GArray of the members of a
                               * cluster with both parts, made on request */
  GArray     *lane_rows;      /* guint: the rows each lane was given */
  GArray     *demand;         /* guint scratch: the rows each lane needs */
  GArray     *pins;           /* Pin scratch: the lane's pinned events */
  GArray     *pin_positions;  /* guint scratch: … which are these */
  GArray     *crossers;       /* Crosser scratch: the events reaching in
                               * from the left of the view */
  GArray     *seq_positions;  /* scratch, when filtering: the events shown */
  GArray     *seq_starts;
  GArray     *seq_ends;
  guint       seq_capacity;   /* what they can hold without moving */
  DmLayoutOptions options;
  DmDataset  *dataset;        /* the one laid out last */
};

/* An event's label: its widths whole, cut and wrapped on two lines (0:
 * it does not wrap). */
typedef struct
{
  guint  position;
  double natural;
  double short_width;   /* < 0: not measured yet (label_short()) */
  double wrapped;       /* < 0: … (label_wrapped()) */
} Label;

/* What one lane's walk needs. */
typedef struct
{
  DmLayout              *layout;
  const DmTimeScale     *scale;
  const DmLayoutMetrics *metrics;
  DmLabelMeasureFunc     measure;
  gpointer               user_data;
  guint                  lane;
  guint                  rows;     /* the last one holds clusters */
  gboolean               squeeze;  /* cut earlier labels to make room */
  gboolean               wrap;     /* labels may take two lines */
  double                 ends[MAX_LANE_ROWS];   /* where each row is free from */
  int                    last_item[MAX_LANE_ROWS]; /* its last label on the right, or -1 */
  double                 last_short[MAX_LANE_ROWS]; /* … the least it may be cut to */
  guint                  pin_next[MAX_LANE_ROWS];  /* the next pin in it, or NONE */
  guint                  used;     /* rows that hold something */
  gboolean               folded;   /* some event went into a cluster */
  int                    last;     /* the item holding the cluster row, or -1 */
  double                 width;
  double                 overhang; /* how far bars reach beyond the view */
} Lane;

static double label_short   (Lane  *ln,
                             Label *label);
static double label_wrapped (Lane  *ln,
                             Label *label);

/* How an event and its label take a row. */
typedef enum
{
  FIT_FULL,     /* the whole label, inside a bar or right of it */
  FIT_LEFT,     /* the whole label, left of the marker */
  FIT_WRAP,     /* the whole label on two lines, the second in the row
                 * below, right or left of the marker */
  FIT_CUT,      /* cut, but to no less than the short width */
  FIT_SQUEEZE,  /* … after cutting the row's last label to its short width */
  FIT_ANY,      /* whatever room there is, if a word fits */
} Fit;

static void
clear_joined (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

DmLayout *
dm_layout_new (void)
{
  DmLayout *layout = g_new0 (DmLayout, 1);

  layout->items = g_array_new (FALSE, FALSE, sizeof (DmLayoutItem));
  layout->parts = g_array_new (FALSE, FALSE, sizeof (Parts));
  layout->members = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  layout->by_event = g_hash_table_new (NULL, NULL);
  layout->joined = g_ptr_array_new_with_free_func (clear_joined);
  layout->lane_rows = g_array_new (FALSE, TRUE, sizeof (guint));
  layout->demand = g_array_new (FALSE, TRUE, sizeof (guint));
  layout->pins = g_array_new (FALSE, FALSE, sizeof (Pin));
  layout->pin_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->crossers = g_array_new (FALSE, FALSE, sizeof (Crosser));
  layout->seq_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->seq_starts = g_array_new (FALSE, FALSE, sizeof (double));
  layout->seq_ends = g_array_new (FALSE, FALSE, sizeof (double));
  layout->options.pinned_event = -1;

  return layout;
}

void
dm_layout_free (DmLayout *layout)
{
  if (layout == NULL)
    return;

  g_array_unref (layout->items);
  g_array_unref (layout->parts);
  g_array_unref (layout->members);
  g_array_unref (layout->runs);
  g_hash_table_unref (layout->by_event);
  g_ptr_array_unref (layout->joined);
  g_array_unref (layout->lane_rows);
  g_array_unref (layout->demand);
  g_array_unref (layout->pins);
  g_array_unref (layout->pin_positions);
  g_array_unref (layout->crossers);
  g_array_unref (layout->seq_positions);
  g_array_unref (layout->seq_starts);
  g_array_unref (layout->seq_ends);
  g_clear_object (&layout->dataset);
  g_free (layout);
}

void
dm_layout_set_options (DmLayout              *layout,
                       const DmLayoutOptions *options)
{
  g_return_if_fail (layout != NULL);

  if (options != NULL)
    layout->options = *options;
  else
    layout->options = (DmLayoutOptions) { NULL, -1, NULL, NULL };
}

static gboolean
is_pinned (DmLayout *layout,
           guint     position)
{
  return (int) position == layout->options.pinned_event ||
         (layout->options.pinned != NULL && layout->options.pinned[position]);
}

static void
remember (DmLayout *layout,
          guint     position,
          guint     item)
{
  g_hash_table_insert (layout->by_event, GUINT_TO_POINTER (position + 1), GUINT_TO_POINTER (item + 1));
}

static guint
add_item (DmLayout           *layout,
          const DmLayoutItem *item)
{
  Parts parts = { 0, 0, NONE };

  g_array_append_val (layout->items, *item);
  g_array_append_val (layout->parts, parts);

  return layout->items->len - 1;
}

static guint
cluster_row (const Lane *ln)
{
  return ln->rows - 1;
}

/* Makes the item holding the lane's cluster row a cluster (an event there
 * becomes the first member of one), ready to take more members. */
static DmLayoutItem *
cluster_of_row (Lane *ln)
{
  DmLayout *layout = ln->layout;
  DmLayoutItem *cluster = &g_array_index (layout->items, DmLayoutItem, ln->last);
  Parts *parts = &g_array_index (layout->parts, Parts, ln->last);

  if (cluster->type == DM_LAYOUT_EVENT)
    {
      cluster->type = DM_LAYOUT_CLUSTER;
      cluster->label_inside = FALSE;
      parts->offset = layout->members->len;
      parts->n_explicit = 1;
      g_array_append_val (layout->members, cluster->position);
    }
  ln->folded = TRUE;
  ln->last_item[cluster_row (ln)] = -1;

  return cluster;
}

/* Adds @position to the cluster holding the row, as a listed member. Only
 * the latest cluster of the lane being laid out grows, so each cluster's
 * listed members are contiguous in layout->members. */
static void
add_member (Lane  *ln,
            guint  position)
{
  DmLayout *layout = ln->layout;
  Parts *parts = &g_array_index (layout->parts, Parts, ln->last);

  if (parts->n_explicit == 0)
    parts->offset = layout->members->len;
  g_assert (parts->offset + parts->n_explicit == layout->members->len);

  g_array_append_val (layout->members, position);
  parts->n_explicit++;
  remember (layout, position, (guint) ln->last);
}

static void
close_cluster (Lane         *ln,
               DmLayoutItem *cluster)
{
  const DmLayoutMetrics *metrics = ln->metrics;

  cluster->label_width = metrics->cluster_label;
  cluster->label_x = cluster->x1 + metrics->gap;
  cluster->row = cluster_row (ln);

  /* Its count goes right of it; one that runs to the end of what people
   * see (a dense lane across the whole view) says it inside its bar, at
   * the end that shows, where the bar has room. */
  if (metrics->label_end > 0 && cluster->label_x + cluster->label_width > metrics->label_end)
    {
      double inside_x = MIN (cluster->x1, metrics->label_end) - metrics->gap - cluster->label_width;

      if (inside_x >= MAX (cluster->x0, metrics->label_start) + metrics->gap + metrics->marker_size)
        {
          cluster->label_x = inside_x;
          cluster->label_inside = TRUE;
        }
    }
  ln->ends[cluster_row (ln)] = MAX (cluster->x1, cluster->label_x + cluster->label_width);
}

/* Where row @r is free from, once the pins before @x0 are behind; and
 * where the next pin in it starts (G_MAXDOUBLE: none). */
static double
row_free_from (Lane   *ln,
               guint   r,
               double  x0,
               double *next_pin)
{
  GArray *pins = ln->layout->pins;

  while (ln->pin_next[r] != NONE)
    {
      const Pin *pin = &g_array_index (pins, Pin, ln->pin_next[r]);

      if (pin->x0 >= x0)
        break;
      ln->ends[r] = MAX (ln->ends[r], pin->end);
      ln->last_item[r] = -1;
      ln->pin_next[r] = pin->next;
    }

  *next_pin = ln->pin_next[r] != NONE ? g_array_index (pins, Pin, ln->pin_next[r]).x0 : G_MAXDOUBLE;
  return ln->ends[r];
}

/* Whether @item fits row @r as @fit says, and where its label then goes
 * (set in @item). @natural and @short_width are its label's widths. */
static gboolean
try_row (Lane         *ln,
         guint         r,
         Fit           fit,
         DmLayoutItem *item,
         Label        *label,
         double       *squeezed)
{
  double natural = label->natural;
  const DmLayoutMetrics *metrics = ln->metrics;
  double gap = metrics->gap;
  double next_pin;
  double free_from = row_free_from (ln, r, item->x0, &next_pin);
  double right_bound = metrics->label_end > 0 ? MIN (metrics->label_end, next_pin - gap) : next_pin - gap;
  double left_bound;
  double right_x = item->x1 + gap;
  double right_room;
  double left_room;

  *squeezed = -1;
  item->label_lines = 1;

  /* Room for the marker: after what the row holds, or after the row's
   * last label cut to its short width. */
  if (item->x1 + gap > next_pin)
    return FALSE;
  if (free_from + gap > item->x0)
    {
      const DmLayoutItem *last;
      double cut;

      if (fit != FIT_SQUEEZE || ln->last_item[r] < 0)
        return FALSE;
      last = &g_array_index (ln->layout->items, DmLayoutItem, ln->last_item[r]);
      cut = item->x0 - gap - last->label_x;
      if (last->label_x + last->label_width != free_from || cut < MIN_LABEL)
        return FALSE;
      if (ln->last_short[r] < 0)
        {
          Label previous = { last->position, last->label_width, -1, 0 };

          ln->last_short[r] = label_short (ln, &previous);
        }
      if (cut < ln->last_short[r])
        return FALSE;
      *squeezed = cut;
      free_from = last->label_x + cut;
    }

  left_bound = MAX (free_from + gap, metrics->label_start);
  right_room = right_bound - right_x;
  left_room = item->x0 - gap - left_bound;

  item->label_inside = FALSE;
  if (natural <= 0)
    {
      item->label_width = 0;
      item->label_x = right_x;
      return fit == FIT_FULL || fit == FIT_ANY;
    }

  switch (fit)
    {
    case FIT_FULL:
      /* A bar wide enough holds its label; otherwise it goes after. */
      if (item->x1 - item->x0 >= natural + 2 * gap + metrics->marker_size)
        {
          item->label_inside = TRUE;
          item->label_x = item->x0 + gap + metrics->marker_size;
          item->label_width = natural;
          return TRUE;
        }
      if (natural > right_room)
        return FALSE;
      item->label_x = right_x;
      item->label_width = natural;
      return TRUE;

    case FIT_LEFT:
      if (natural > left_room)
        return FALSE;
      item->label_width = natural;
      item->label_x = item->x0 - gap - natural;
      return TRUE;

    case FIT_WRAP:
      {
        /* The second line in the row below, which must be free there too;
         * never the cluster row. */
        double w;
        double next_below;
        double free_below;

        if (!ln->wrap || r + 1 >= cluster_row (ln))
          return FALSE;
        w = label_wrapped (ln, label);
        if (w <= 0)
          return FALSE;
        free_below = row_free_from (ln, r + 1, item->x0, &next_below);
        if (w <= right_room && free_below + gap <= right_x && right_x + w + gap <= next_below)
          {
            item->label_x = right_x;
            item->label_width = w;
            item->label_lines = 2;
            return TRUE;
          }
        if (w <= left_room && free_below + gap <= item->x0 - gap - w && item->x0 <= next_below)
          {
            item->label_x = item->x0 - gap - w;
            item->label_width = w;
            item->label_lines = 2;
            return TRUE;
          }
        return FALSE;
      }

    case FIT_CUT:
    case FIT_SQUEEZE:
    case FIT_ANY:
      {
        double least = fit == FIT_ANY ? MIN_LABEL : MAX (label_short (ln, label), MIN_LABEL);
        double inside_x = item->x0 + gap + metrics->marker_size;
        double inside_end = metrics->label_end > 0 ? MIN (item->x1, metrics->label_end) : item->x1;
        double inside_room = inside_end - gap - inside_x;
        double room = MAX (MAX (right_room, left_room), inside_room);

        /* No room for a word of it: a marker without a label says less
         * than a cluster, which lists what it holds. */
        if (room < least)
          return FALSE;
        item->label_width = MIN (natural, room);

        /* Where the most of it shows: inside a bar, right or left. */
        if (inside_room >= MAX (right_room, left_room))
          {
            item->label_inside = TRUE;
            item->label_x = inside_x;
          }
        else
          item->label_x = right_room >= left_room ? right_x : item->x0 - gap - item->label_width;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static double
occupied_end (const DmLayoutItem *item)
{
  return item->label_width > 0 && !item->label_inside && item->label_x > item->x0 ? item->label_x + item->label_width : item->x1;
}

/* Places @item (an event whose marker is set) in the first row that fits
 * it best: its whole label, then its whole label on the left, then cut
 * labels; rows up to @n_rows. Returns the row, or -1. */
static int
find_row (Lane         *ln,
          guint         n_rows,
          DmLayoutItem *item,
          Label        *label,
          double       *squeezed)
{
  static const Fit fits[] = { FIT_FULL, FIT_LEFT, FIT_WRAP, FIT_CUT, FIT_SQUEEZE, FIT_ANY };

  for (guint f = 0; f < G_N_ELEMENTS (fits); f++)
    {
      if ((fits[f] == FIT_SQUEEZE && !ln->squeeze) || (fits[f] == FIT_WRAP && !ln->wrap))
        continue;
      for (guint r = 0; r < n_rows; r++)
        if (try_row (ln, r, fits[f], item, label, squeezed))
          return (int) r;
    }

  return -1;
}

static void
init_event_item (Lane         *ln,
                 guint         position,
                 double        axis_start,
                 double        axis_end,
                 DmLayoutItem *item)
{
  const DmLayoutMetrics *metrics = ln->metrics;
  double start_x = dm_time_scale_axis_to_x (ln->scale, axis_start);
  double end_x = dm_time_scale_axis_to_x (ln->scale, axis_end);

  memset (item, 0, sizeof *item);
  item->type = DM_LAYOUT_EVENT;
  item->lane = ln->lane;
  item->position = position;
  item->count = 1;
  item->axis_start = axis_start;
  item->axis_end = axis_end;

  /* A point narrower than a marker is a marker centred on its time. A
   * bar ends a little beyond the view: years at a minute's zoom would be
   * millions of pixels, and drawing (a dashed outline, say) costs per
   * pixel, seen or not. */
  if (end_x - start_x < metrics->marker_size)
    {
      item->x0 = start_x - metrics->marker_size / 2;
      item->x1 = item->x0 + metrics->marker_size;
    }
  else
    {
      item->x0 = MAX (start_x, -ln->overhang);
      item->x1 = MIN (end_x, ln->width + ln->overhang);
    }
}

/* @position's label, its whole width measured now, the others when
 * asked: most events take a row with their whole label, and measuring
 * is most of what placing one costs. */
static void
measure_label (Lane   *ln,
               guint   position,
               Label  *label)
{
  label->position = position;
  label->natural = ln->measure ? ln->measure (position, ln->user_data) : 0;
  label->short_width = -1;
  label->wrapped = -1;
}

static double
label_short (Lane  *ln,
             Label *label)
{
  DmLabelMeasureFunc measure_short = ln->layout->options.measure_short;

  if (label->short_width < 0)
    label->short_width = measure_short != NULL && label->natural > 0
      ? MIN (measure_short (label->position, ln->user_data), label->natural)
      : label->natural;
  return label->short_width;
}

static double
label_wrapped (Lane  *ln,
               Label *label)
{
  DmLabelMeasureFunc measure_wrapped = ln->layout->options.measure_wrapped;

  if (label->wrapped < 0)
    {
      label->wrapped = measure_wrapped != NULL && label->natural > 0 ? measure_wrapped (label->position, ln->user_data) : 0;
      if (label->wrapped >= label->natural)
        label->wrapped = 0;
    }
  return label->wrapped;
}

/* Puts @item in @row, with its label where try_row() said. */
static guint
take_row (Lane         *ln,
          guint         row,
          DmLayoutItem *item,
          double        squeezed,
          double        short_width)
{
  DmLayout *layout = ln->layout;
  guint index;

  if (squeezed >= 0)
    {
      DmLayoutItem *last = &g_array_index (layout->items, DmLayoutItem, ln->last_item[row]);

      last->label_width = squeezed;
    }

  item->row = row;
  index = add_item (layout, item);
  remember (layout, item->position, index);
  ln->ends[row] = occupied_end (item);
  ln->last_item[row] = item->label_width > 0 && !item->label_inside && item->label_x > item->x0 &&
                       item->label_lines == 1 && (short_width < 0 || item->label_width > short_width) ? (int) index : -1;
  ln->last_short[row] = short_width;  /* < 0: measured when a squeeze asks */
  ln->used = MAX (ln->used, row + 1);
  if (item->label_lines == 2)
    {
      ln->ends[row + 1] = MAX (ln->ends[row + 1], item->label_x + item->label_width);
      ln->last_item[row + 1] = -1;
      ln->used = MAX (ln->used, row + 2);
    }
  if (row == cluster_row (ln))
    ln->last = (int) index;

  return index;
}

/* One event on its own: the first row free at its start, with its label;
 * or else into the cluster row's cluster. */
static void
place_event (Lane   *ln,
             guint   position,
             double  axis_start,
             double  axis_end)
{
  DmLayoutItem item;
  Label label = { position, 0, -1, -1 };
  double squeezed;
  int row;

  init_event_item (ln, position, axis_start, axis_end, &item);

  /* Only once the marker has a row is the label worth measuring. */
  {
    gboolean room = FALSE;

    for (guint r = 0; r < ln->rows && !room; r++)
      {
        double next_pin;

        room = row_free_from (ln, r, item.x0, &next_pin) + ln->metrics->gap <= item.x0 &&
               item.x1 + ln->metrics->gap <= next_pin;

        /* … or after the row's last label, cut. */
        if (!room && ln->squeeze && ln->last_item[r] >= 0 && item.x1 + ln->metrics->gap <= next_pin)
          {
            const DmLayoutItem *last = &g_array_index (ln->layout->items, DmLayoutItem, ln->last_item[r]);

            room = item.x0 - ln->metrics->gap - last->label_x >= MAX (ln->last_short[r], MIN_LABEL);
          }
      }

    if (room)
      measure_label (ln, position, &label);
    row = room ? find_row (ln, ln->rows, &item, &label, &squeezed) : -1;
  }

  if (row >= 0)
    {
      take_row (ln, (guint) row, &item, squeezed, label.short_width);
      return;
    }

  /* No room for a label, and no cluster here to join (the cluster row is
   * free): the marker alone, where it fits. */
  if (ln->last < 0 || ln->ends[cluster_row (ln)] + ln->metrics->gap <= item.x0)
    for (guint r = 0; r < ln->rows; r++)
      {
        double next_pin;

        if (row_free_from (ln, r, item.x0, &next_pin) + ln->metrics->gap <= item.x0 &&
            item.x1 + ln->metrics->gap <= next_pin)
          {
            item.label_width = 0;
            item.label_inside = FALSE;
            item.label_lines = 1;
            item.label_x = item.x1 + ln->metrics->gap;
            take_row (ln, r, &item, -1, -1);
            return;
          }
      }

  /* Too dense here: into the lane's cluster, the one in the cluster row
   * (which is taken here, so there is one). */
  {
    DmLayoutItem *cluster = cluster_of_row (ln);

    add_member (ln, position);
    cluster->count += 1;
    cluster->x1 = MAX (cluster->x1, item.x1);
    cluster->axis_start = MIN (cluster->axis_start, item.axis_start);
    cluster->axis_end = MAX (cluster->axis_end, item.axis_end);
    close_cluster (ln, cluster);
  }
}

/* A pinned event: in the first row above the cluster row that fits it,
 * the lane growing a row if none does. The rows' pins are chained for
 * the walk that follows. */
static void
place_pin (Lane   *ln,
           guint   position,
           double  axis_start,
           double  axis_end,
           double *pin_ends,
           guint  *pin_last)
{
  DmLayout *layout = ln->layout;
  DmLayoutItem item;
  Label label;
  double saved[MAX_LANE_ROWS];
  guint saved_next[MAX_LANE_ROWS];
  double squeezed;
  int row = -1;
  Pin pin;

  init_event_item (ln, position, axis_start, axis_end, &item);
  measure_label (ln, position, &label);

  /* Pins are tried against each other only: swap their ends in. */
  memcpy (saved, ln->ends, sizeof saved);
  memcpy (saved_next, ln->pin_next, sizeof saved_next);
  memcpy (ln->ends, pin_ends, sizeof saved);
  for (guint r = 0; r < MAX_LANE_ROWS; r++)
    ln->pin_next[r] = NONE;

  for (;;)
    {
      gboolean squeeze = ln->squeeze;

      ln->squeeze = FALSE;
      row = find_row (ln, ln->rows - 1, &item, &label, &squeezed);
      ln->squeeze = squeeze;
      if (row >= 0 || ln->rows >= MAX_LANE_ROWS)
        break;
      ln->rows++;
    }

  if (row < 0)
    {
      /* No room left even so: the last row, over whatever is there. */
      row = (int) ln->rows - 2;
      item.label_width = 0;
      item.label_lines = 1;
    }

  item.row = (guint) row;
  pin_ends[row] = occupied_end (&item);
  if (item.label_lines == 2)
    pin_ends[row + 1] = MAX (pin_ends[row + 1], item.label_x + item.label_width);
  memcpy (ln->ends, saved, sizeof saved);
  memcpy (ln->pin_next, saved_next, sizeof saved_next);

  /* What it takes in its row, and in the one below for a second line. */
  for (guint line = 0; line < item.label_lines; line++)
    {
      guint r = (guint) row + line;

      if (line == 0)
        {
          pin.x0 = MIN (item.x0, item.label_width > 0 && !item.label_inside ? item.label_x : item.x0);
          pin.end = occupied_end (&item);
        }
      else
        {
          pin.x0 = item.label_x;
          pin.end = item.label_x + item.label_width;
        }
      pin.next = NONE;
      g_array_append_val (layout->pins, pin);
      if (pin_last[r] != NONE)
        g_array_index (layout->pins, Pin, pin_last[r]).next = layout->pins->len - 1;
      else
        ln->pin_next[r] = layout->pins->len - 1;
      pin_last[r] = layout->pins->len - 1;
    }

  remember (layout, position, add_item (layout, &item));
  ln->used = MAX (ln->used, (guint) row + item.label_lines);
}

/* Folds the run of @seq from @i on that crowds the same pixels into the
 * cluster row, without measuring or trying rows; returns where the lane
 * goes on. Every event whose marker would start before the cluster's
 * count ends joins it, which is what the row rules would decide too. */
static guint
fold_run (Lane      *ln,
          const Seq *seq,
          guint      i)
{
  DmLayout *layout = ln->layout;
  const DmLayoutMetrics *metrics = ln->metrics;
  double half = metrics->marker_size / 2;
  double x0 = dm_time_scale_axis_to_x (ln->scale, seq->starts[i]) - half;
  DmLayoutItem *cluster;
  Parts *parts;
  Run *run = NULL;
  guint j = i;

  if (ln->last < 0 || ln->ends[cluster_row (ln)] + metrics->gap <= x0)
    {
      DmLayoutItem item = { 0 };

      item.type = DM_LAYOUT_CLUSTER;
      item.lane = ln->lane;
      item.row = cluster_row (ln);
      item.x0 = x0;
      item.x1 = x0 + metrics->marker_size;
      item.position = seq->positions[i];
      item.axis_start = seq->starts[i];
      item.axis_end = seq->ends[i];
      ln->last = (int) add_item (layout, &item);
      ln->used = ln->rows;
    }

  cluster = cluster_of_row (ln);

  for (;;)
    {
      double limit = cluster->x1 + 2 * metrics->gap + metrics->cluster_label + half;
      guint next = j + dm_sorted_lower_bound (seq->starts + j, seq->n - j, dm_time_scale_x_to_axis (ln->scale, limit));
      double latest = cluster->axis_end;

      /* The first event joins in any case: the row is taken where it starts
       * (an event there may have had a longer label than a count). */
      if (next <= j && j > i)
        break;
      next = MAX (next, i + 1);

      for (guint k = j; k < next; k++)
        latest = MAX (latest, seq->ends[k]);

      cluster->x1 = MAX (cluster->x1, MAX (dm_time_scale_axis_to_x (ln->scale, seq->starts[next - 1]) + half,
                                           MIN (dm_time_scale_axis_to_x (ln->scale, latest), ln->width + ln->overhang)));
      cluster->axis_start = MIN (cluster->axis_start, seq->starts[j]);
      cluster->axis_end = latest;
      j = next;
    }

  g_assert (j > i);
  cluster->count += j - i;
  close_cluster (ln, cluster);

  /* The run, or more of it, or (rarely: events were placed in between)
   * members listed one by one. */
  parts = &g_array_index (layout->parts, Parts, ln->last);
  if (parts->run != NONE)
    run = &g_array_index (layout->runs, Run, parts->run);

  if (run == NULL)
    {
      Run new_run = { (guint) ln->last, ln->lane, seq->positions, i, j };

      g_array_append_val (layout->runs, new_run);
      parts->run = layout->runs->len - 1;
    }
  else if (run->positions == seq->positions && run->end == i)
    run->end = j;
  else
    for (guint k = i; k < j; k++)
      add_member (ln, seq->positions[k]);

  return j;
}

/* The events of the lane that start in view: the lane column itself, or
 * the ones @visible allows and that are not pinned (those go to
 * @pinned), copied into the scratch arrays (which were made large enough
 * for every lane, so they never move). */
static void
lane_seq (DmLayout     *layout,
          DmDataset    *dataset,
          guint         lane,
          const guint8 *visible,
          gboolean      with_pins,
          double        axis_a,
          double        axis_b,
          Seq          *seq)
{
  const guint *positions;
  const double *starts;
  const double *ends;
  guint n = dm_dataset_get_lane (dataset, lane, &positions, &starts, &ends);
  guint from = dm_sorted_upper_bound (starts, n, axis_a);
  guint to = dm_sorted_upper_bound (starts, n, axis_b);

  if (visible == NULL && !with_pins)
    {
      seq->positions = positions + from;
      seq->starts = starts + from;
      seq->ends = ends + from;
      seq->n = to - from;
      return;
    }

  {
    guint at = layout->seq_positions->len;

    for (guint i = from; i < to; i++)
      {
        guint position = positions[i];

        if (visible != NULL && !visible[position])
          continue;
        if (with_pins && is_pinned (layout, position))
          {
            g_array_append_val (layout->pin_positions, position);
            continue;
          }
        g_array_append_val (layout->seq_positions, position);
        g_array_append_val (layout->seq_starts, starts[i]);
        g_array_append_val (layout->seq_ends, ends[i]);
      }

    seq->n = layout->seq_positions->len - at;
    seq->positions = seq->n > 0 ? &g_array_index (layout->seq_positions, guint, at) : NULL;
    seq->starts = seq->n > 0 ? &g_array_index (layout->seq_starts, double, at) : NULL;
    seq->ends = seq->n > 0 ? &g_array_index (layout->seq_ends, double, at) : NULL;
  }
}

static int
compare_crossers (const void *a,
                  const void *b)
{
  guint64 x = ((const Crosser *) a)->key;
  guint64 y = ((const Crosser *) b)->key;

  return (x > y) - (x < y);
}

/* What a compute shares between its lanes and passes. */
typedef struct
{
  DmLayout              *layout;
  DmDataset             *dataset;
  const guint8          *visible;
  const DmTimeScale     *scale;
  double                 width;
  const DmLayoutMetrics *metrics;
  DmLabelMeasureFunc     measure;
  gpointer               user_data;
  double                 axis_a;
  double                 axis_b;
  gboolean               any_pins;
} Compute;

static void
clear_items (DmLayout *layout)
{
  g_array_set_size (layout->items, 0);
  g_array_set_size (layout->parts, 0);
  g_array_set_size (layout->members, 0);
  g_array_set_size (layout->runs, 0);
  g_array_set_size (layout->seq_positions, 0);
  g_array_set_size (layout->seq_starts, 0);
  g_array_set_size (layout->seq_ends, 0);
  g_ptr_array_set_size (layout->joined, 0);
  g_hash_table_remove_all (layout->by_event);
}

/* Lays out every lane, each in the rows @rows gives it (the rows it
 * ends up with are written back: pins may add some); pinned events first
 * when @pins. Returns whether any event was folded, and fills the
 * layout's demand with the rows each lane used. With @try_only, a lane
 * stops at its first fold (it needs all its rows, and more): the items
 * are for finding what lanes need, not for drawing. */
static gboolean
lay_out_lanes (Compute  *c,
               guint    *rows,
               gboolean  squeeze,
               gboolean  wrap,
               gboolean  pins,
               gboolean  try_only)
{
  DmLayout *layout = c->layout;
  const DmLayoutMetrics *metrics = c->metrics;
  guint n_lanes = layout->lane_rows->len;
  guint next_crosser = 0;
  gboolean folded = FALSE;

  clear_items (layout);

  /* Lane by lane, so that a lane's clusters and their members are
   * contiguous; within a lane, in time order. */
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      Lane ln = { 0 };
      guint fold_density;
      guint crossers_from = next_crosser;
      guint crossers_to;
      Seq seq;

      ln.layout = layout;
      ln.scale = c->scale;
      ln.metrics = metrics;
      ln.measure = c->measure;
      ln.user_data = c->user_data;
      ln.lane = lane;
      ln.rows = CLAMP (rows[lane], 1, MAX_LANE_ROWS);
      ln.squeeze = squeeze && layout->options.measure_short != NULL;
      ln.wrap = wrap && layout->options.measure_wrapped != NULL;
      ln.last = -1;
      ln.width = c->width;
      ln.overhang = 4 * (metrics->marker_size + metrics->gap);
      for (guint r = 0; r < MAX_LANE_ROWS; r++)
        {
          ln.ends[r] = -G_MAXDOUBLE;
          ln.last_item[r] = -1;
          ln.pin_next[r] = NONE;
        }

      while (next_crosser < layout->crossers->len &&
             (guint) (g_array_index (layout->crossers, Crosser, next_crosser).key >> 32) == lane)
        next_crosser++;
      crossers_to = next_crosser;

      g_array_set_size (layout->pins, 0);
      g_array_set_size (layout->pin_positions, 0);
      lane_seq (layout, c->dataset, lane, c->visible, pins, c->axis_a, c->axis_b, &seq);

      /* Pinned events first, those reaching in from the left before the
       * rest: the lane's other events then keep clear of them. */
      if (pins)
        {
          double pin_ends[MAX_LANE_ROWS];
          guint pin_last[MAX_LANE_ROWS];
          guint n_seq_pins = layout->pin_positions->len;

          for (guint r = 0; r < MAX_LANE_ROWS; r++)
            {
              pin_ends[r] = -G_MAXDOUBLE;
              pin_last[r] = NONE;
            }
          if (ln.rows < 2)
            ln.rows = 2;
          for (guint k = crossers_from; k < crossers_to; k++)
            {
              const Crosser *crosser = &g_array_index (layout->crossers, Crosser, k);
              guint position = (guint) (crosser->key & G_MAXUINT32);

              if (is_pinned (layout, position))
                place_pin (&ln, position, crosser->start, crosser->end, pin_ends, pin_last);
            }
          for (guint k = 0; k < n_seq_pins; k++)
            {
              guint position = g_array_index (layout->pin_positions, guint, k);
              const DmEvent *event = dm_dataset_get_event (c->dataset, position);

              place_pin (&ln, position, event->axis_start, event->axis_end, pin_ends, pin_last);
            }
          if (layout->pins->len == 0)
            ln.rows = CLAMP (rows[lane], 1, MAX_LANE_ROWS);
        }

      fold_density = metrics->fold_density > 0 ? metrics->fold_density : 2 * ln.rows + 1;

      for (guint k = crossers_from; k < crossers_to; k++)
        {
          const Crosser *crosser = &g_array_index (layout->crossers, Crosser, k);
          guint position = (guint) (crosser->key & G_MAXUINT32);

          if (pins && is_pinned (layout, position))
            continue;
          place_event (&ln, position, crosser->start, crosser->end);
        }

      for (guint i = 0; i < seq.n && !(try_only && ln.folded);)
        {
          /* More events within a marker and a gap than the rows can show:
           * fold them and what crowds after them. */
          if (fold_density <= seq.n - i &&
              dm_time_scale_axis_to_x (c->scale, seq.starts[i + fold_density - 1]) -
              dm_time_scale_axis_to_x (c->scale, seq.starts[i]) < metrics->marker_size + metrics->gap)
            {
              i = fold_run (&ln, &seq, i);
              continue;
            }

          place_event (&ln, seq.positions[i], seq.starts[i], seq.ends[i]);
          i++;
        }

      /* A lane that folds nothing needs no more rows than it fills. */
      if (metrics->total_rows > 0)
        rows[lane] = ln.folded ? ln.rows : MAX (ln.used, 1);
      else
        rows[lane] = ln.rows;
      g_array_index (layout->demand, guint, lane) = rows[lane];
      folded |= ln.folded;
    }

  return folded;
}

/* Shares @budget rows between lanes that need @demand: each lane what it
 * needs if all fit; otherwise the lanes needing little keep it, and the
 * others share the rest evenly. Every lane has a row. */
static void
allot_rows (const guint *demand,
            guint        n_lanes,
            guint        budget,
            guint       *rows)
{
  guint total = 0;
  guint level;

  for (guint lane = 0; lane < n_lanes; lane++)
    total += demand[lane];

  if (total <= budget || budget <= n_lanes)
    {
      for (guint lane = 0; lane < n_lanes; lane++)
        rows[lane] = total <= budget ? MAX (demand[lane], 1) : 1;
      return;
    }

  /* The highest level at which lanes capped to it fit. */
  for (level = 1; ; level++)
    {
      guint sum = 0;

      for (guint lane = 0; lane < n_lanes; lane++)
        sum += MAX (MIN (demand[lane], level + 1), 1);
      if (sum > budget)
        break;
    }

  total = 0;
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      rows[lane] = MAX (MIN (demand[lane], level), 1);
      total += rows[lane];
    }

  /* What is left, a row each to the lanes that want more, in order. */
  for (guint lane = 0; lane < n_lanes && total < budget; lane++)
    if (demand[lane] > rows[lane])
      {
        rows[lane]++;
        total++;
      }
}

void
dm_layout_compute (DmLayout              *layout,
                   DmDataset             *dataset,
                   const guint8          *visible,
                   const DmTimeScale     *scale,
                   double                 width,
                   const DmLayoutMetrics *metrics,
                   DmLabelMeasureFunc     measure,
                   gpointer               user_data)
{
  g_autoptr(GArray) crossing = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *rows = NULL;
  g_autofree guint *full = NULL;
  Compute c = { layout, dataset, visible, scale, width, metrics, measure, user_data, 0, 0, FALSE };
  guint n_lanes;
  guint cap;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (scale != NULL && metrics != NULL);
  g_return_if_fail (metrics->max_rows < MAX_LANE_ROWS);

  clear_items (layout);
  g_array_set_size (layout->crossers, 0);
  g_set_object (&layout->dataset, dataset);

  n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  cap = metrics->max_rows + 1;
  g_array_set_size (layout->lane_rows, n_lanes);
  g_array_set_size (layout->demand, n_lanes);
  for (guint lane = 0; lane < n_lanes; lane++)
    g_array_index (layout->lane_rows, guint, lane) = metrics->total_rows > 0 ? 1 : cap;

  c.axis_a = dm_time_scale_x_to_axis (scale, 0);
  c.axis_b = dm_time_scale_x_to_axis (scale, width);
  if (!(c.axis_a <= c.axis_b))
    return;

  /* The events that start before the view and reach into it come first
   * in their lanes; the interval index finds them. */
  dm_dataset_query_range (dataset, c.axis_a, c.axis_a, crossing);
  for (guint i = 0; i < crossing->len; i++)
    {
      guint position = g_array_index (crossing, guint, i);
      const DmEvent *event;
      Crosser crosser;

      if (visible != NULL && !visible[position])
        continue;
      /* Their dates copied once: every pass over the lanes reads them,
       * and a large timeline's events are far apart in memory. */
      event = dm_dataset_get_event (dataset, position);
      crosser.key = ((guint64) dm_dataset_get_event_lane (dataset, position) << 32) | position;
      crosser.start = event->axis_start;
      crosser.end = event->axis_end;
      g_array_append_val (layout->crossers, crosser);
    }
  if (layout->crossers->len > 1)
    qsort (layout->crossers->data, layout->crossers->len, sizeof (Crosser), compare_crossers);

  /* Copies of each lane's events in view (filtering, or keeping pinned
   * ones apart): room for all of them once, so that runs can point into
   * the copies. */
  c.any_pins = layout->options.pinned != NULL || layout->options.pinned_event >= 0;
  if (visible != NULL || c.any_pins)
    {
      guint total = 0;

      for (guint lane = 0; lane < n_lanes; lane++)
        {
          const double *starts;
          guint n = dm_dataset_get_lane (dataset, lane, NULL, &starts, NULL);

          total += dm_sorted_upper_bound (starts, n, c.axis_b) - dm_sorted_upper_bound (starts, n, c.axis_a);
        }
      if (layout->seq_capacity < total)
        {
          /* GArray keeps what it allocated when it is emptied. */
          g_array_set_size (layout->seq_positions, total);
          g_array_set_size (layout->seq_starts, total);
          g_array_set_size (layout->seq_ends, total);
          g_array_set_size (layout->seq_positions, 0);
          g_array_set_size (layout->seq_starts, 0);
          g_array_set_size (layout->seq_ends, 0);
          layout->seq_capacity = total;
        }
    }

  rows = g_new (guint, n_lanes);

  /* A fixed number of rows a lane: one pass, as told. */
  if (metrics->total_rows == 0)
    {
      for (guint lane = 0; lane < n_lanes; lane++)
        rows[lane] = cap;
      lay_out_lanes (&c, rows, TRUE, FALSE, c.any_pins, FALSE);
      memcpy (layout->lane_rows->data, rows, n_lanes * sizeof (guint));
      return;
    }

  /* Rows by content. First every label whole (on two lines if need be),
   * as many rows a lane as it may have: when that fits, it is the
   * layout. */
  cap = MIN (cap, MAX (metrics->total_rows, n_lanes) - (n_lanes - 1));
  for (guint lane = 0; lane < n_lanes; lane++)
    rows[lane] = cap;
  if (!lay_out_lanes (&c, rows, FALSE, TRUE, FALSE, TRUE))
    {
      guint total = 0;

      for (guint lane = 0; lane < n_lanes; lane++)
        total += g_array_index (layout->demand, guint, lane);
      if (total <= metrics->total_rows)
        {
          for (guint lane = 0; lane < n_lanes; lane++)
            rows[lane] = g_array_index (layout->demand, guint, lane);
          memcpy (layout->lane_rows->data, rows, n_lanes * sizeof (guint));
          return;
        }
    }

  /* Then labels on one line, cut to their short width where that saves
   * a row (and what must not fold kept apart): the rows each lane then
   * needs, and the budget shared by that. Lanes left short of rows fold
   * in their last one. */
  full = g_memdup2 (layout->demand->data, n_lanes * sizeof (guint));
  if (layout->options.measure_short != NULL || layout->options.measure_wrapped != NULL || c.any_pins)
    {
      /* A lane that folded with every label whole and every row it may
       * have needs them all: it is not tried again. */
      for (guint lane = 0; lane < n_lanes; lane++)
        rows[lane] = full[lane] >= cap ? 1 : cap;
      lay_out_lanes (&c, rows, TRUE, FALSE, c.any_pins, TRUE);
      for (guint lane = 0; lane < n_lanes; lane++)
        if (full[lane] >= cap)
          g_array_index (layout->demand, guint, lane) = cap;
    }
  allot_rows (&g_array_index (layout->demand, guint, 0), n_lanes, MAX (metrics->total_rows, n_lanes), rows);

  /* Rows to spare: the lanes whose labels were cut have them back. */
  {
    guint total = 0;

    for (guint lane = 0; lane < n_lanes; lane++)
      total += rows[lane];
    for (guint lane = 0; lane < n_lanes && total < metrics->total_rows; lane++)
      while (rows[lane] < MIN (full[lane], cap) && total < metrics->total_rows)
        {
          rows[lane]++;
          total++;
        }
  }

  lay_out_lanes (&c, rows, TRUE, FALSE, c.any_pins, FALSE);
  memcpy (layout->lane_rows->data, rows, n_lanes * sizeof (guint));
}

guint
dm_layout_get_n_items (const DmLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->items->len;
}

guint
dm_layout_get_lane_rows (const DmLayout *layout,
                         guint           lane)
{
  g_return_val_if_fail (layout != NULL, 1);

  if (lane >= layout->lane_rows->len)
    return 1;
  return MAX (g_array_index (layout->lane_rows, guint, lane), 1);
}

const DmLayoutItem *
dm_layout_get_item (const DmLayout *layout,
                    guint           index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->items->len, NULL);

  return &g_array_index (layout->items, DmLayoutItem, index);
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

const guint *
dm_layout_get_members (const DmLayout *layout,
                       guint           index,
                       guint          *n_members)
{
  const DmLayoutItem *item;
  const Parts *parts;
  const Run *run;
  GArray *joined;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->items->len, NULL);

  item = &g_array_index (layout->items, DmLayoutItem, index);
  parts = &g_array_index (layout->parts, Parts, index);
  *n_members = item->count;

  if (item->type == DM_LAYOUT_EVENT)
    return &item->position;

  if (parts->run == NONE)
    return &g_array_index (layout->members, guint, parts->offset);

  run = &g_array_index (layout->runs, Run, parts->run);
  if (parts->n_explicit == 0)
    return run->positions + run->first;

  /* Both: joined in time order once, when asked. The cache is not part of
   * what the layout is, so it may be filled through a const layout. */
  if (layout->joined->len <= index)
    g_ptr_array_set_size (layout->joined, index + 1);
  joined = g_ptr_array_index (layout->joined, index);
  if (joined == NULL)
    {
      joined = g_array_sized_new (FALSE, FALSE, sizeof (guint), item->count);
      g_array_append_vals (joined, &g_array_index (layout->members, guint, parts->offset), parts->n_explicit);
      g_array_append_vals (joined, run->positions + run->first, run->end - run->first);
      if (joined->len > 1)
        qsort (joined->data, joined->len, sizeof (guint), compare_guint);
      g_ptr_array_index (layout->joined, index) = joined;
    }

  return (const guint *) (gconstpointer) joined->data;
}

int
dm_layout_find_event (const DmLayout *layout,
                      guint           position)
{
  gpointer found;
  guint lane;
  guint lo;
  guint hi;
  const Run *run;

  g_return_val_if_fail (layout != NULL, -1);

  found = g_hash_table_lookup (layout->by_event, GUINT_TO_POINTER (position + 1));
  if (found != NULL)
    return (int) GPOINTER_TO_UINT (found) - 1;

  if (layout->runs->len == 0 || layout->dataset == NULL || position >= dm_dataset_get_n_events (layout->dataset))
    return -1;

  /* The last run starting at or before it, by lane and time. */
  lane = dm_dataset_get_event_lane (layout->dataset, position);
  lo = 0;
  hi = layout->runs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      run = &g_array_index (layout->runs, Run, mid);
      if (run->lane < lane || (run->lane == lane && run->positions[run->first] <= position))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return -1;

  run = &g_array_index (layout->runs, Run, lo - 1);
  if (run->lane != lane || position > run->positions[run->end - 1])
    return -1;

  /* A filtered run skips events: it must hold this one. */
  if (bsearch (&position, run->positions + run->first, run->end - run->first, sizeof (guint), compare_guint) == NULL)
    return -1;

  return (int) run->item;
}

int
dm_layout_hit (const DmLayout *layout,
               guint           lane,
               guint           row,
               double          x)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const DmLayoutItem *item = &g_array_index (layout->items, DmLayoutItem, i);
      gboolean outside = item->label_width > 0 && !item->label_inside;
      double start = outside ? MIN (item->x0, item->label_x) : item->x0;
      double end = outside ? MAX (item->x1, item->label_x + item->label_width) : item->x1;

      if (item->lane == lane && item->row == row && x >= start && x <= end)
        return (int) i;
      /* The second line of a label, in the row below. */
      if (item->lane == lane && item->label_lines == 2 && item->row + 1 == row &&
          x >= item->label_x && x <= item->label_x + item->label_width)
        return (int) i;
    }

  return -1;
}

guint
dm_layout_era_rows (DmDataset *dataset,
                    guint     *rows)
{
  guint n = dm_dataset_get_n_eras (dataset);
  guint n_rows = 0;

  g_return_val_if_fail (DM_IS_DATASET (dataset), 0);
  g_return_val_if_fail (rows != NULL || n == 0, 0);

  /* Eras are few: each takes the lowest row where nothing before it
   * overlaps it. */
  for (guint i = 0; i < n; i++)
    {
      const DmEra *era = dm_dataset_get_era (dataset, i);
      double start = dm_date_get_axis_start (&era->start);
      double end = dm_date_get_axis_end (dm_date_is_set (&era->end) ? &era->end : &era->start);
      guint row = 0;

      for (gboolean taken = TRUE; taken; )
        {
          taken = FALSE;
          for (guint j = 0; j < i && !taken; j++)
            {
              const DmEra *other = dm_dataset_get_era (dataset, j);
              double other_start = dm_date_get_axis_start (&other->start);
              double other_end = dm_date_get_axis_end (dm_date_is_set (&other->end) ? &other->end : &other->start);

              if (rows[j] == row && start < other_end && other_start < end)
                taken = TRUE;
            }
          if (taken)
            row++;
        }

      rows[i] = row;
      n_rows = MAX (n_rows, row + 1);
    }

  return n_rows;
}
