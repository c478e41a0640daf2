/* dm-test-layout.c — see dm-test-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-test-layout.h"

double
dm_test_measure_label (guint    position,
                       gpointer user_data)
{
  guint *calls = user_data;

  if (calls != NULL)
    (*calls)++;

  return 20 + (position * 7919) % 230;
}

double
dm_test_measure_short (guint    position,
                       gpointer user_data)
{
  return dm_test_measure_label (position, NULL) / 3;
}

double
dm_test_measure_wrapped (guint    position,
                         gpointer user_data)
{
  double natural = dm_test_measure_label (position, NULL);

  return natural > 150 ? (double) (guint) (natural * 0.6 + 1) : 0;
}

double
dm_test_occupied_end (const DmLayoutItem *item)
{
  if (item->label_width > 0 && !item->label_inside)
    return MAX (item->label_x + item->label_width, item->x1);
  return item->x1;
}

double
dm_test_occupied_start (const DmLayoutItem *item)
{
  if (item->label_width > 0 && !item->label_inside)
    return MIN (item->label_x, item->x0);
  return item->x0;
}

void
dm_test_row_extent (DmLayout *layout,
                    guint     entry,
                    double   *start,
                    double   *end)
{
  const DmLayoutItem *item = dm_layout_get_item (layout, entry & ~DM_TEST_SECOND_LINE);

  if (entry & DM_TEST_SECOND_LINE)
    {
      *start = item->label_x;
      *end = item->label_x + item->label_width;
    }
  else
    {
      *start = dm_test_occupied_start (item);
      *end = dm_test_occupied_end (item);
    }
}

int
dm_test_compare_x0 (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  DmLayout *layout = user_data;
  double x;
  double y;
  double end;

  dm_test_row_extent (layout, *(const guint *) a, &x, &end);
  dm_test_row_extent (layout, *(const guint *) b, &y, &end);

  return (x > y) - (x < y);
}

void
dm_test_check_layout (DmDataset             *dataset,
                      const guint8          *visible,
                      const DmTimeScale     *scale,
                      double                 width,
                      const DmLayoutMetrics *metrics,
                      DmLayout              *layout)
{
  g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *seen = g_new0 (guint, MAX (dm_dataset_get_n_events (dataset), 1));
  g_autoptr(GPtrArray) by_row = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n_items = dm_layout_get_n_items (layout);
  guint n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  guint rows = 64;
  g_autofree guint *used = g_new0 (guint, n_lanes);
  g_autofree gboolean *folds = g_new0 (gboolean, n_lanes);

  for (guint i = 0; i < n_lanes * rows; i++)
    g_ptr_array_add (by_row, g_array_new (FALSE, FALSE, sizeof (guint)));

  for (guint i = 0; i < n_items; i++)
    {
      const DmLayoutItem *a = dm_layout_get_item (layout, i);
      guint n_members;
      const guint *members = dm_layout_get_members (layout, i, &n_members);

      g_assert_cmpfloat (a->x1, >=, a->x0 + metrics->marker_size - 1e-9);
      g_assert_cmpuint (a->row, <, dm_layout_get_lane_rows (layout, a->lane));
      if (metrics->total_rows == 0)
        g_assert_cmpuint (dm_layout_get_lane_rows (layout, a->lane), ==, metrics->max_rows + 1);
      if (a->type == DM_LAYOUT_CLUSTER)
        {
          g_assert_cmpuint (a->row, ==, dm_layout_get_lane_rows (layout, a->lane) - 1);
          folds[a->lane] = TRUE;
        }
      used[a->lane] = MAX (used[a->lane], a->row + 1);
      if (a->label_inside)
        g_assert_cmpfloat (a->label_x + a->label_width, <=, a->x1 + 1e-9);
      g_array_append_val (g_ptr_array_index (by_row, a->lane * rows + a->row), i);
      if (a->type == DM_LAYOUT_EVENT && a->label_lines == 2)
        {
          guint second = i | DM_TEST_SECOND_LINE;

          /* Never in the cluster row, and in a row the lane has. */
          g_assert_cmpuint (a->row + 2, <, dm_layout_get_lane_rows (layout, a->lane) + 1);
          g_assert_false (a->label_inside);
          g_array_append_val (g_ptr_array_index (by_row, a->lane * rows + a->row + 1), second);
          used[a->lane] = MAX (used[a->lane], a->row + 2);
        }

      g_assert_cmpuint (n_members, ==, a->count);
      for (guint m = 0; m < n_members; m++)
        {
          const DmEvent *event = dm_dataset_get_event (dataset, members[m]);

          seen[members[m]]++;
          g_assert_cmpuint (dm_dataset_get_event_lane (dataset, members[m]), ==, a->lane);
          g_assert_cmpint (dm_layout_find_event (layout, members[m]), ==, (int) i);
          g_assert_cmpfloat (event->axis_start, >=, a->axis_start);
          g_assert_cmpfloat (event->axis_end, <=, a->axis_end);
          if (m > 0)
            g_assert_cmpuint (members[m], >, members[m - 1]);
        }
    }

  /* In a row sorted by where items start, no two neighbours overlapping
   * means no two items do. */
  for (guint r = 0; r < by_row->len; r++)
    {
      GArray *row = g_ptr_array_index (by_row, r);

      g_array_sort_with_data (row, dm_test_compare_x0, layout);
      for (guint k = 1; k < row->len; k++)
        {
          double a0, a1, b0, b1;

          dm_test_row_extent (layout, g_array_index (row, guint, k - 1), &a0, &a1);
          dm_test_row_extent (layout, g_array_index (row, guint, k), &b0, &b1);
          if (a1 + metrics->gap > b0 + 1e-9)
            g_error ("items overlap in lane %u row %u: [%g, %g] and [%g, %g]",
                     r / rows, r % rows, a0, a1, b0, b1);
        }
    }

  /* Rows by content: no lane has rows it does not use, unless it folds
   * (then its last row is the clusters'). */
  for (guint lane = 0; lane < n_lanes && metrics->total_rows > 0; lane++)
    if (!folds[lane])
      g_assert_cmpuint (dm_layout_get_lane_rows (layout, lane), ==, MAX (used[lane], 1));

  dm_dataset_query_range (dataset, dm_time_scale_x_to_axis (scale, 0), dm_time_scale_x_to_axis (scale, width), in_view);
  for (guint i = 0; i < in_view->len; i++)
    {
      guint position = g_array_index (in_view, guint, i);

      g_assert_cmpuint (seen[position], ==, (visible == NULL || visible[position]) ? 1 : 0);
      seen[position] = 0;
    }
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_assert_cmpuint (seen[i], ==, 0);
}
