/* dm-layout.c
 *
 * Each lane is filled in time order. An event takes the first row where it
 * fits with its label; failing that, it joins a cluster in the lane's
 * cluster row, which grows while events keep overflowing nearby. Zooming
 * in spreads events out, so clusters split by themselves. Rows never hold
 * two things in the same pixels, which is what keeps labels off each other
 * and off markers.
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

struct _DmLayout
{
  GArray     *items;          /* DmLayoutItem */
  GArray     *parts;          /* Parts, by item */
  GArray     *members;        /* guint: clusters' members listed one by one */
  GArray     *runs;           /* Run, by lane and time */
  GHashTable *by_event;       /* position + 1 → item + 1, but for runs */
  GPtrArray  *joined;         /* by item: a GArray of the members of a
                               * cluster with both parts, made on request */
  GArray     *row_ends;       /* double: per lane × (max_rows + 1) */
  GArray     *crossers;       /* guint64 scratch: lane << 32 | position */
  GArray     *seq_positions;  /* scratch, when filtering: the events shown */
  GArray     *seq_starts;
  GArray     *seq_ends;
  guint       seq_capacity;   /* what they can hold without moving */
  DmDataset  *dataset;        /* the one laid out last */
};

/* What one lane's walk needs. */
typedef struct
{
  DmLayout              *layout;
  const DmTimeScale     *scale;
  const DmLayoutMetrics *metrics;
  DmLabelMeasureFunc     measure;
  gpointer               user_data;
  guint                  lane;
  double                *ends;   /* the lane's row ends */
  int                    last;   /* the item holding the cluster row, or -1 */
  double                 width;
  double                 overhang; /* how far bars reach beyond the view */
} Lane;

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
  layout->row_ends = g_array_new (FALSE, FALSE, sizeof (double));
  layout->crossers = g_array_new (FALSE, FALSE, sizeof (guint64));
  layout->seq_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->seq_starts = g_array_new (FALSE, FALSE, sizeof (double));
  layout->seq_ends = g_array_new (FALSE, FALSE, sizeof (double));

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
  g_array_unref (layout->row_ends);
  g_array_unref (layout->crossers);
  g_array_unref (layout->seq_positions);
  g_array_unref (layout->seq_starts);
  g_array_unref (layout->seq_ends);
  g_clear_object (&layout->dataset);
  g_free (layout);
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
  ln->ends[metrics->max_rows] = cluster->label_x + cluster->label_width;
}

/* One event on its own: the first row free at its start, with its label;
 * or else into the cluster row's cluster. */
static void
place_event (Lane   *ln,
             guint   position,
             double  axis_start,
             double  axis_end)
{
  DmLayout *layout = ln->layout;
  const DmLayoutMetrics *metrics = ln->metrics;
  double *ends = ln->ends;
  DmLayoutItem item = { 0 };
  double start_x = dm_time_scale_axis_to_x (ln->scale, axis_start);
  double end_x = dm_time_scale_axis_to_x (ln->scale, axis_end);
  int row = -1;

  item.type = DM_LAYOUT_EVENT;
  item.lane = ln->lane;
  item.position = position;
  item.count = 1;
  item.axis_start = axis_start;
  item.axis_end = axis_end;

  /* A point narrower than a marker is a marker centred on its time. A
   * bar ends a little beyond the view: years at a minute's zoom would be
   * millions of pixels, and drawing (a dashed outline, say) costs per
   * pixel, seen or not. */
  if (end_x - start_x < metrics->marker_size)
    {
      item.x0 = start_x - metrics->marker_size / 2;
      item.x1 = item.x0 + metrics->marker_size;
    }
  else
    {
      item.x0 = MAX (start_x, -ln->overhang);
      item.x1 = MIN (end_x, ln->width + ln->overhang);
    }

  /* The event rows, then the cluster row while it is free there. */
  for (guint r = 0; r <= metrics->max_rows && row < 0; r++)
    if (ends[r] + metrics->gap <= item.x0)
      row = (int) r;

  if (row >= 0)
    {
      /* Only now is the label worth measuring. A bar wide enough holds
       * it; otherwise it goes after. */
      double label = ln->measure ? ln->measure (position, ln->user_data) : 0;
      guint index;

      item.row = (guint) row;
      item.label_width = label;
      item.label_inside = label > 0 && item.x1 - item.x0 >= label + 2 * metrics->gap + metrics->marker_size;
      item.label_x = item.label_inside ? item.x0 + metrics->gap + metrics->marker_size : item.x1 + metrics->gap;
      ends[row] = label > 0 && !item.label_inside ? item.x1 + metrics->gap + label : item.x1;

      index = add_item (layout, &item);
      remember (layout, position, index);
      if ((guint) row == metrics->max_rows)
        ln->last = (int) index;
      return;
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

  if (ln->last < 0 || ln->ends[metrics->max_rows] + metrics->gap <= x0)
    {
      DmLayoutItem item = { 0 };

      item.type = DM_LAYOUT_CLUSTER;
      item.lane = ln->lane;
      item.row = metrics->max_rows;
      item.x0 = x0;
      item.x1 = x0 + metrics->marker_size;
      item.position = seq->positions[i];
      item.axis_start = seq->starts[i];
      item.axis_end = seq->ends[i];
      ln->last = (int) add_item (layout, &item);
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
 * the ones @visible allows, copied into the scratch arrays (which were
 * made large enough for every lane, so they never move). */
static void
lane_seq (DmLayout     *layout,
          DmDataset    *dataset,
          guint         lane,
          const guint8 *visible,
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

  if (visible == NULL)
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

        if (!visible[position])
          continue;
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
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
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
  guint n_lanes;
  guint rows_per_lane;
  guint fold_density;
  double axis_a;
  double axis_b;
  guint next_crosser = 0;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (scale != NULL && metrics != NULL);
  g_return_if_fail (metrics->max_rows < 64);

  g_array_set_size (layout->items, 0);
  g_array_set_size (layout->parts, 0);
  g_array_set_size (layout->members, 0);
  g_array_set_size (layout->runs, 0);
  g_array_set_size (layout->crossers, 0);
  g_array_set_size (layout->seq_positions, 0);
  g_array_set_size (layout->seq_starts, 0);
  g_array_set_size (layout->seq_ends, 0);
  g_ptr_array_set_size (layout->joined, 0);
  g_hash_table_remove_all (layout->by_event);
  g_set_object (&layout->dataset, dataset);

  n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  rows_per_lane = metrics->max_rows + 1;
  fold_density = metrics->fold_density > 0 ? metrics->fold_density : 2 * rows_per_lane + 1;
  g_array_set_size (layout->row_ends, n_lanes * rows_per_lane);
  for (guint i = 0; i < layout->row_ends->len; i++)
    g_array_index (layout->row_ends, double, i) = -G_MAXDOUBLE;

  axis_a = dm_time_scale_x_to_axis (scale, 0);
  axis_b = dm_time_scale_x_to_axis (scale, width);
  if (!(axis_a <= axis_b))
    return;

  /* The events that start before the view and reach into it come first
   * in their lanes; the interval index finds them. */
  dm_dataset_query_range (dataset, axis_a, axis_a, crossing);
  for (guint i = 0; i < crossing->len; i++)
    {
      guint position = g_array_index (crossing, guint, i);
      guint64 key;

      if (visible != NULL && !visible[position])
        continue;
      key = ((guint64) dm_dataset_get_event_lane (dataset, position) << 32) | position;
      g_array_append_val (layout->crossers, key);
    }
  if (layout->crossers->len > 1)
    qsort (layout->crossers->data, layout->crossers->len, sizeof (guint64), compare_guint64);

  /* Filtering copies each lane's events in view: room for all of them
   * once, so that runs can point into the copies. */
  if (visible != NULL)
    {
      guint total = 0;

      for (guint lane = 0; lane < n_lanes; lane++)
        {
          const double *starts;
          guint n = dm_dataset_get_lane (dataset, lane, NULL, &starts, NULL);

          total += dm_sorted_upper_bound (starts, n, axis_b) - dm_sorted_upper_bound (starts, n, axis_a);
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

  /* Lane by lane, so that a lane's clusters and their members are
   * contiguous; within a lane, in time order. */
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      Lane ln = { layout, scale, metrics, measure, user_data, lane,
                  &g_array_index (layout->row_ends, double, lane * rows_per_lane), -1,
                  width, 4 * (metrics->marker_size + metrics->gap) };
      Seq seq;

      for (; next_crosser < layout->crossers->len; next_crosser++)
        {
          guint64 key = g_array_index (layout->crossers, guint64, next_crosser);
          guint position = (guint) (key & G_MAXUINT32);
          const DmEvent *event;

          if ((guint) (key >> 32) != lane)
            break;
          event = dm_dataset_get_event (dataset, position);
          place_event (&ln, position, event->axis_start, event->axis_end);
        }

      lane_seq (layout, dataset, lane, visible, axis_a, axis_b, &seq);
      for (guint i = 0; i < seq.n;)
        {
          /* More events within a marker and a gap than the rows can show:
           * fold them and what crowds after them. */
          if (fold_density <= seq.n - i &&
              dm_time_scale_axis_to_x (scale, seq.starts[i + fold_density - 1]) -
              dm_time_scale_axis_to_x (scale, seq.starts[i]) < metrics->marker_size + metrics->gap)
            {
              i = fold_run (&ln, &seq, i);
              continue;
            }

          place_event (&ln, seq.positions[i], seq.starts[i], seq.ends[i]);
          i++;
        }
    }
}

guint
dm_layout_get_n_items (const DmLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->items->len;
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
      double end = item->label_width > 0 && !item->label_inside ? item->label_x + item->label_width : item->x1;

      if (item->lane == lane && item->row == row && x >= item->x0 && x <= end)
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
