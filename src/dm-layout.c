/* dm-layout.c
 *
 * Each lane is filled in time order. An event takes the first row where it
 * fits with its label; failing that, the first row where its marker alone
 * fits; failing that, it joins a cluster in the lane's cluster row, which
 * grows while events keep overflowing nearby. Zooming in spreads events
 * out, so clusters split by themselves. Rows never hold two things in the
 * same pixels, which is what keeps labels off each other and off markers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-layout.h"

struct _DmLayout
{
  GArray     *items;      /* DmLayoutItem */
  GArray     *members;    /* guint: cluster members, by item */
  GArray     *offsets;    /* guint: per item, start in members (events: G_MAXUINT) */
  GHashTable *by_event;   /* position + 1 → item index + 1 */
  GArray     *row_ends;   /* double: per lane × (max_rows + 1) */
  GArray     *in_view;    /* guint: scratch, in time order */
  GArray     *by_lane;    /* guint: scratch, by lane then time */
  GArray     *lane_start; /* guint: scratch, per lane */
};

DmLayout *
dm_layout_new (void)
{
  DmLayout *layout = g_new0 (DmLayout, 1);

  layout->items = g_array_new (FALSE, FALSE, sizeof (DmLayoutItem));
  layout->members = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->by_event = g_hash_table_new (NULL, NULL);
  layout->row_ends = g_array_new (FALSE, FALSE, sizeof (double));
  layout->in_view = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->by_lane = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->lane_start = g_array_new (FALSE, FALSE, sizeof (guint));

  return layout;
}

void
dm_layout_free (DmLayout *layout)
{
  if (layout == NULL)
    return;

  g_array_unref (layout->items);
  g_array_unref (layout->members);
  g_array_unref (layout->offsets);
  g_hash_table_unref (layout->by_event);
  g_array_unref (layout->row_ends);
  g_array_unref (layout->in_view);
  g_array_unref (layout->by_lane);
  g_array_unref (layout->lane_start);
  g_free (layout);
}

static void
remember (DmLayout *layout,
          guint     position,
          guint     item)
{
  g_hash_table_insert (layout->by_event, GUINT_TO_POINTER (position + 1), GUINT_TO_POINTER (item + 1));
}

static void
order_by_lane (DmLayout  *layout,
               DmDataset *dataset,
               guint      n_lanes)
{
  guint *start;

  g_array_set_size (layout->lane_start, n_lanes + 1);
  start = (guint *) (gpointer) layout->lane_start->data;
  memset (start, 0, sizeof (guint) * (n_lanes + 1));

  for (guint i = 0; i < layout->in_view->len; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, g_array_index (layout->in_view, guint, i));
      start[MIN (event->kind_index, n_lanes - 1) + 1]++;
    }
  for (guint lane = 0; lane < n_lanes; lane++)
    start[lane + 1] += start[lane];

  g_array_set_size (layout->by_lane, layout->in_view->len);
  for (guint i = 0; i < layout->in_view->len; i++)
    {
      guint position = g_array_index (layout->in_view, guint, i);
      const DmEvent *event = dm_dataset_get_event (dataset, position);

      g_array_index (layout->by_lane, guint, start[MIN (event->kind_index, n_lanes - 1)]++) = position;
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
  guint n_lanes;
  guint rows_per_lane;
  int *last_in_row;    /* per lane: the latest item in the cluster row, or -1 */

  g_return_if_fail (layout != NULL);
  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (scale != NULL && metrics != NULL);
  g_return_if_fail (metrics->max_rows > 0);

  g_array_set_size (layout->items, 0);
  g_array_set_size (layout->members, 0);
  g_array_set_size (layout->offsets, 0);
  g_array_set_size (layout->in_view, 0);
  g_hash_table_remove_all (layout->by_event);

  n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  rows_per_lane = metrics->max_rows + 1;
  g_array_set_size (layout->row_ends, n_lanes * rows_per_lane);
  for (guint i = 0; i < layout->row_ends->len; i++)
    g_array_index (layout->row_ends, double, i) = -G_MAXDOUBLE;
  last_in_row = g_newa (int, n_lanes);
  for (guint i = 0; i < n_lanes; i++)
    last_in_row[i] = -1;

  /* Only what is in view: the dataset's interval index answers that. */
  dm_dataset_query_range (dataset,
                          dm_time_scale_x_to_axis (scale, 0),
                          dm_time_scale_x_to_axis (scale, width),
                          layout->in_view);

  /* Lane by lane, so that a lane's clusters and their members are
   * contiguous; within a lane, in time order (a stable counting sort). */
  order_by_lane (layout, dataset, n_lanes);

  for (guint i = 0; i < layout->by_lane->len; i++)
    {
      guint position = g_array_index (layout->by_lane, guint, i);
      const DmEvent *event = dm_dataset_get_event (dataset, position);
      guint lane = MIN (event->kind_index, n_lanes - 1);
      double *ends = &g_array_index (layout->row_ends, double, lane * rows_per_lane);
      DmLayoutItem item = { 0 };
      double start_x = dm_time_scale_axis_to_x (scale, event->axis_start);
      double end_x = dm_time_scale_axis_to_x (scale, event->axis_end);
      double label;
      double full_end;
      int row = -1;

      if (visible != NULL && !visible[position])
        continue;

      label = measure ? measure (position, user_data) : 0;
      item.type = DM_LAYOUT_EVENT;
      item.lane = lane;
      item.position = position;
      item.count = 1;
      item.axis_start = event->axis_start;
      item.axis_end = event->axis_end;

      /* A point narrower than a marker is a marker centred on its time. */
      if (end_x - start_x < metrics->marker_size)
        {
          item.x0 = start_x - metrics->marker_size / 2;
          item.x1 = item.x0 + metrics->marker_size;
        }
      else
        {
          item.x0 = start_x;
          item.x1 = end_x;
        }

      /* A bar wide enough holds its label; otherwise it goes after. */
      item.label_inside = label > 0 && item.x1 - item.x0 >= label + 2 * metrics->gap + metrics->marker_size;
      item.label_x = item.label_inside ? item.x0 + metrics->gap + metrics->marker_size : item.x1 + metrics->gap;
      full_end = item.label_inside ? item.x1 : item.x1 + metrics->gap + label;

      for (guint r = 0; r < metrics->max_rows && row < 0; r++)
        if (ends[r] + metrics->gap <= item.x0)
          {
            row = (int) r;
            item.label_width = label;
            ends[r] = full_end;
          }

      for (guint r = 0; r < metrics->max_rows && row < 0; r++)
        if (ends[r] + metrics->gap <= item.x0)
          row = (int) r;

      /* Marker only: the label did not fit in any row. */
      if (row >= 0 && item.label_width == 0 && label > 0)
        {
          item.label_inside = FALSE;
          ends[row] = item.x1;
        }
      else if (row >= 0 && label == 0)
        ends[row] = item.x1;

      if (row >= 0)
        {
          guint none = G_MAXUINT;

          item.row = (guint) row;
          g_array_append_val (layout->items, item);
          g_array_append_val (layout->offsets, none);
          remember (layout, position, layout->items->len - 1);
          continue;
        }

      /* The cluster row takes an event too, while it is free there. */
      if (row < 0 && ends[metrics->max_rows] + metrics->gap <= item.x0)
        {
          guint none = G_MAXUINT;
          gboolean with_label = label > 0;

          item.row = metrics->max_rows;
          item.label_width = with_label ? label : 0;
          if (!with_label)
            item.label_inside = FALSE;
          ends[metrics->max_rows] = with_label ? full_end : item.x1;
          g_array_append_val (layout->items, item);
          g_array_append_val (layout->offsets, none);
          last_in_row[lane] = (int) layout->items->len - 1;
          remember (layout, position, layout->items->len - 1);
          continue;
        }

      /* Too dense here: into the lane's cluster, the one still growing in
       * the cluster row, or one made of the event that holds that row. */
      {
        int last = last_in_row[lane];
        DmLayoutItem *cluster = last >= 0 ? &g_array_index (layout->items, DmLayoutItem, last) : NULL;

        if (cluster != NULL && cluster->type == DM_LAYOUT_EVENT)
          {
            guint offset = layout->members->len;

            cluster->type = DM_LAYOUT_CLUSTER;
            cluster->label_inside = FALSE;
            g_array_append_val (layout->members, cluster->position);
            g_array_index (layout->offsets, guint, last) = offset;
          }

        if (cluster != NULL)
          {
            cluster->count += 1;
            cluster->x1 = MAX (cluster->x1, item.x1);
            cluster->axis_start = MIN (cluster->axis_start, item.axis_start);
            cluster->axis_end = MAX (cluster->axis_end, item.axis_end);
            cluster->label_width = metrics->cluster_label;
            cluster->label_x = cluster->x1 + metrics->gap;
            ends[metrics->max_rows] = cluster->label_x + cluster->label_width;
            g_array_append_val (layout->members, position);
            remember (layout, position, (guint) last);
            continue;
          }
      }

      /* A new cluster, where the row is free. */
      item.type = DM_LAYOUT_CLUSTER;
      item.row = metrics->max_rows;
      item.label_inside = FALSE;
      item.label_width = metrics->cluster_label;
      item.label_x = item.x1 + metrics->gap;
      ends[metrics->max_rows] = item.label_x + item.label_width;

      {
        guint offset = layout->members->len;

        g_array_append_val (layout->items, item);
        g_array_append_val (layout->offsets, offset);
        g_array_append_val (layout->members, position);
        last_in_row[lane] = (int) layout->items->len - 1;
        remember (layout, position, layout->items->len - 1);
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

const guint *
dm_layout_get_members (const DmLayout *layout,
                       guint           index,
                       guint          *n_members)
{
  const DmLayoutItem *item;
  guint offset;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->items->len, NULL);

  item = &g_array_index (layout->items, DmLayoutItem, index);
  offset = g_array_index (layout->offsets, guint, index);

  if (item->type == DM_LAYOUT_EVENT)
    {
      *n_members = 1;
      return &item->position;
    }

  *n_members = item->count;
  return &g_array_index (layout->members, guint, offset);
}

int
dm_layout_find_event (const DmLayout *layout,
                      guint           position)
{
  gpointer found;

  g_return_val_if_fail (layout != NULL, -1);

  found = g_hash_table_lookup (layout->by_event, GUINT_TO_POINTER (position + 1));
  return found ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
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
