/* test-layout.c — on random datasets of many sizes and at every zoom
 * level: nothing overlaps, and every event in view is drawn or inside a
 * drawn cluster; with rows shared by content, lanes take the rows their
 * events need, and nothing pinned (selected, found, presented) folds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-layout.h"
#include "dm-loader.h"
#include "dm-test-layout.h"
#include "dm-test-util.h"

static DmLayoutMetrics metrics = { 12, 6, 3, 24 };

static DmDataset *
random_dataset (GRand *rand,
                guint  n,
                guint  n_kinds)
{
  DmDataset *dataset = dm_dataset_new ();

  dm_dataset_set_title (dataset, NULL, "Random");
  dm_test_add_kinds (dataset, n_kinds);

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      /* Bursts: a third of the events in one busy month. */
      gboolean burst = g_rand_int_range (rand, 0, 3) == 0;
      gint64 year = burst ? 2020 : g_rand_int_range (rand, 1950, 2030);
      guint month = burst ? 5 : (guint) g_rand_int_range (rand, 1, 13);
      DmDatePrecision precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);

      event->id = g_strdup_printf ("e%u", i);
      event->kind = g_strdup_printf ("k%u", g_rand_int_range (rand, 0, (gint32) n_kinds));
      g_assert_true (dm_date_init (&event->start, precision, year,
                                   precision >= DM_DATE_PRECISION_MONTH ? month : 0,
                                   precision >= DM_DATE_PRECISION_DAY ? (guint) g_rand_int_range (rand, 1, 29) : 0,
                                   precision >= DM_DATE_PRECISION_MINUTE ? (guint) g_rand_int_range (rand, 0, 24) : 0,
                                   0));
      if (g_rand_int_range (rand, 0, 5) == 0)
        g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_YEAR, year + g_rand_int_range (rand, 0, 6), 0, 0, 0, 0));
      dm_text_set (&event->title, NULL, event->id);
      dm_dataset_add_event (dataset, event);
    }

  dm_dataset_finish (dataset);
  return dataset;
}

static void
check_layout (DmDataset         *dataset,
              const guint8      *visible,
              const DmTimeScale *scale,
              double             width)
{
  g_autoptr(DmLayout) layout = dm_layout_new ();

  dm_layout_compute (layout, dataset, visible, scale, width, &metrics, dm_test_measure_label, NULL);
  dm_test_check_layout (dataset, visible, scale, width, &metrics, layout);
}

/* Rows shared between lanes by what they hold, labels kept within the
 * view, cut to a third to save a row, and @pinned never folded. */
static void
check_shared_layout (DmDataset         *dataset,
                     const guint8      *visible,
                     const guint8      *pinned,
                     int                selected,
                     const DmTimeScale *scale,
                     double             width,
                     guint              total_rows)
{
  g_autoptr(DmLayout) layout = dm_layout_new ();
  DmLayoutMetrics shared = metrics;
  DmLayoutOptions options = { pinned, selected, dm_test_measure_short, dm_test_measure_wrapped };
  guint n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  guint total = 0;

  shared.max_rows = 11;
  shared.total_rows = total_rows;
  shared.label_start = 0;
  shared.label_end = width;
  dm_layout_set_options (layout, &options);
  dm_layout_compute (layout, dataset, visible, scale, width, &shared, dm_test_measure_label, NULL);
  dm_test_check_layout (dataset, visible, scale, width, &shared, layout);

  /* Pinned events in view are drawn on their own, whatever else folds. */
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      int index;

      if (!((pinned != NULL && pinned[i]) || (int) i == selected) || (visible != NULL && !visible[i]) ||
          event->axis_end < dm_time_scale_x_to_axis (scale, 0) || event->axis_start > dm_time_scale_x_to_axis (scale, width))
        continue;
      index = dm_layout_find_event (layout, i);
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (dm_layout_get_item (layout, (guint) index)->type, ==, DM_LAYOUT_EVENT);
    }

  /* Labels stay in view, whole or no shorter than their short width. */
  for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
    {
      const DmLayoutItem *item = dm_layout_get_item (layout, i);

      if (item->type != DM_LAYOUT_EVENT || item->label_width <= 0 || item->label_inside)
        continue;
      g_assert_cmpfloat (item->label_width, <=, dm_test_measure_label (item->position, NULL) + 1e-9);
      if (item->label_lines == 2)
        g_assert_cmpfloat (item->label_width, ==, dm_test_measure_wrapped (item->position, NULL));
      if (item->label_x >= 0 && item->label_x <= width)
        g_assert_cmpfloat (item->label_x + item->label_width, <=, width + 1e-9);
    }

  /* The budget holds, but for rows pinned events had to add. */
  for (guint lane = 0; lane < n_lanes; lane++)
    total += dm_layout_get_lane_rows (layout, lane);
  if (pinned == NULL && selected < 0)
    g_assert_cmpuint (total, <=, MAX (total_rows, n_lanes));
}

static void
test_random (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + n);
  g_autoptr(DmDataset) dataset = random_dataset (rand, n, 1 + n % 7);
  g_autofree guint8 *visible = g_new (guint8, MAX (n, 1));
  double start;
  double end;

  g_autofree guint8 *pinned = g_new0 (guint8, MAX (n, 1));
  int selected = n > 0 ? g_rand_int_range (rand, 0, (gint32) n) : -1;

  for (guint i = 0; i < n; i++)
    visible[i] = g_rand_int_range (rand, 0, 4) != 0;
  /* A search that finds a few events. */
  for (guint i = 0; i < MIN (n, 6); i++)
    pinned[g_rand_int_range (rand, 0, (gint32) n)] = 1;

  if (!dm_dataset_get_span (dataset, NULL, NULL, &start, &end))
    {
      /* Empty: there is nothing to draw, at any scale. */
      g_assert_cmpuint (n, ==, 0);
      start = dm_date_days_from_civil (2016, 1, 1);
      end = dm_date_days_from_civil (2023, 1, 1);
    }

  /* From everything on screen down to a few minutes. */
  for (double dpp = (end - start) / 400; dpp > 1e-4; dpp /= 4)
    {
      double center = dm_date_days_from_civil (2020, 5, g_rand_int_range (rand, 1, 29));
      DmTimeScale scale = { center - 800 * dpp, dpp };

      check_layout (dataset, NULL, &scale, 1600);
      check_layout (dataset, visible, &scale, 1600);
      check_shared_layout (dataset, NULL, NULL, -1, &scale, 1600, 30);
      check_shared_layout (dataset, visible, NULL, -1, &scale, 1600, 12);
      check_shared_layout (dataset, NULL, pinned, selected, &scale, 1600, 20);
      check_shared_layout (dataset, visible, pinned, selected, &scale, 1600, 3);
    }
}

/* A dataset of one kind, "k", to add events to. */
static DmDataset *
one_kind_dataset (void)
{
  DmDataset *dataset = dm_dataset_new ();
  DmKind *kind = dm_kind_new ();

  kind->id = g_strdup ("k");
  dm_text_set (&kind->label, NULL, "K");
  dm_dataset_add_kind (dataset, kind);

  return dataset;
}

/* Dense events fold into clusters, which split as the view zooms in. */
static void
test_clusters_split (void)
{
  g_autoptr(DmDataset) dataset = one_kind_dataset ();
  g_autoptr(DmLayout) layout = dm_layout_new ();
  double day = dm_date_days_from_civil (2021, 11, 9);
  guint clusters_far = 0;
  guint clusters_near = 0;

  for (guint i = 0; i < 40; i++)
    {
      DmEvent *event = dm_event_new ();

      event->id = g_strdup_printf ("e%u", i);
      event->kind = g_strdup ("k");
      dm_date_init (&event->start, DM_DATE_PRECISION_MINUTE, 2021, 11, 9, i / 4, (i % 4) * 15);
      dm_text_set (&event->title, NULL, event->id);
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  /* Ten years across the screen: one lane, forty events in one day. */
  {
    DmTimeScale far = { day - 3650 / 2.0, 3650 / 1000.0 };

    dm_layout_compute (layout, dataset, NULL, &far, 1000, &metrics, dm_test_measure_label, NULL);
    for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
      clusters_far += dm_layout_get_item (layout, i)->type == DM_LAYOUT_CLUSTER;
    g_assert_cmpuint (clusters_far, ==, 1);
    g_assert_cmpuint (dm_layout_get_n_items (layout), <=, metrics.max_rows + 2);
  }

  /* Half a day across the screen: every event on its own. */
  {
    DmTimeScale near = { day, 0.5 / 4000 };

    dm_layout_compute (layout, dataset, NULL, &near, 4000, &metrics, dm_test_measure_label, NULL);
    for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
      clusters_near += dm_layout_get_item (layout, i)->type == DM_LAYOUT_CLUSTER;
    g_assert_cmpuint (clusters_near, ==, 0);
    g_assert_cmpuint (dm_layout_get_n_items (layout), ==, 40);
  }
}

/* A lane so dense it folds into one cluster across the view: its count is
 * said inside the bar, in view, not cut at the edge; with no bound, right
 * of it as ever. */
static void
test_cluster_count_in_view (void)
{
  g_autoptr(DmDataset) dataset = one_kind_dataset ();
  g_autoptr(DmLayout) layout = dm_layout_new ();
  DmLayoutMetrics bounded = metrics;
  DmTimeScale scale = { dm_date_days_from_civil (2012, 1, 1), 2 };
  const DmLayoutItem *cluster = NULL;

  for (guint i = 0; i < 3650; i++)
    {
      DmEvent *event = dm_event_new ();
      gint64 year;
      guint month;
      guint day;

      dm_date_civil_from_days (dm_date_days_from_civil (2010, 1, 1) + i, &year, &month, &day);
      event->id = g_strdup_printf ("e%u", i);
      event->kind = g_strdup ("k");
      dm_date_init (&event->start, DM_DATE_PRECISION_DAY, year, month, day, 0, 0);
      dm_text_set (&event->title, NULL, event->id);
      dm_dataset_add_event (dataset, event);
    }
  dm_dataset_finish (dataset);

  bounded.label_start = 0;
  bounded.label_end = 1000 - bounded.gap;
  for (guint bound = 0; bound < 2; bound++)
    {
      dm_layout_compute (layout, dataset, NULL, &scale, 1000, bound ? &bounded : &metrics, dm_test_measure_label, NULL);
      cluster = NULL;
      for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
        if (dm_layout_get_item (layout, i)->type == DM_LAYOUT_CLUSTER &&
            dm_layout_get_item (layout, i)->x1 > bounded.label_end)
          cluster = dm_layout_get_item (layout, i);
      g_assert_nonnull (cluster);
      g_assert_cmpfloat (cluster->x0, <, 0);
      if (bound)
        {
          g_assert_true (cluster->label_inside);
          g_assert_cmpfloat (cluster->label_x, >, 0);
          g_assert_cmpfloat (cluster->label_x + cluster->label_width, <=, bounded.label_end);
        }
      else
        {
          g_assert_false (cluster->label_inside);
          g_assert_cmpfloat (cluster->label_x, ==, cluster->x1 + metrics.gap);
        }
    }
}

/* A lane too short for any event row still shows everything: events in
 * the cluster row where it is free, clusters elsewhere. */
static void
test_one_row (void)
{
  guint saved = metrics.max_rows;

  metrics.max_rows = 0;
  test_random (GUINT_TO_POINTER (1000));
  test_random (GUINT_TO_POINTER (10));
  metrics.max_rows = saved;
}

static void
test_hit (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(DmDataset) dataset = random_dataset (rand, 50, 2);
  g_autoptr(DmLayout) layout = dm_layout_new ();
  double start;
  double end;
  DmTimeScale scale;

  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scale, start, end, 2000, 20);
  dm_layout_compute (layout, dataset, NULL, &scale, 2000, &metrics, dm_test_measure_label, NULL);

  for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
    {
      const DmLayoutItem *item = dm_layout_get_item (layout, i);

      g_assert_cmpint (dm_layout_hit (layout, item->lane, item->row, (item->x0 + item->x1) / 2), ==, (int) i);
      g_assert_cmpint (dm_layout_hit (layout, item->lane, item->row, item->x0 - metrics.gap / 2), !=, (int) i);
    }
}

/* Overlapping eras are named on rows of their own; an era takes the
 * lowest row free over its whole span. */
static void
test_era_rows (void)
{
  static const char json[] =
    "{\"format\": \"daumoc-timeline\", \"version\": 1, \"title\": {\"en\": \"Eras\"}, \"kinds\": [],"
    " \"events\": [], \"eras\": ["
    " {\"title\": {\"en\": \"A\"}, \"start\": \"2000\", \"end\": \"2010\"},"
    " {\"title\": {\"en\": \"B\"}, \"start\": \"2005\", \"end\": \"2015\"},"
    " {\"title\": {\"en\": \"C\"}, \"start\": \"2010\", \"end\": \"2020\"},"
    " {\"title\": {\"en\": \"D\"}, \"start\": \"2016\", \"end\": \"2018\"},"
    " {\"title\": {\"en\": \"E\"}, \"start\": \"2021\", \"end\": \"2022\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "eras.json", NULL, &error);
  guint rows[5];

  g_assert_no_error (error);
  g_assert_cmpuint (dm_layout_era_rows (dataset, rows), ==, 3);
  g_assert_cmpuint (rows[0], ==, 0);
  g_assert_cmpuint (rows[1], ==, 1);
  g_assert_cmpuint (rows[2], ==, 2);
  g_assert_cmpuint (rows[3], ==, 0);
  g_assert_cmpuint (rows[4], ==, 0);
}

static double
measure_long (guint    position,
              gpointer user_data)
{
  return 350;
}

static double
measure_long_short (guint    position,
                    gpointer user_data)
{
  return 100;
}

static double
measure_long_wrapped (guint    position,
                      gpointer user_data)
{
  return 200;
}

/* A label too long for either side of its marker, with rows to spare:
 * whole, on two lines, the second in the row below; with one row, cut
 * to the side with the most room, never below its short width when that
 * is there. Labels keep to the view either way. */
static void
test_wrap (void)
{
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  g_autoptr(DmLayout) layout = dm_layout_new ();
  DmLayoutOptions options = { NULL, -1, measure_long_short, measure_long_wrapped };
  DmLayoutMetrics shared = metrics;
  DmEvent *event = dm_event_new ();
  double day = dm_date_days_from_civil (2020, 1, 1);
  DmTimeScale scale = { day - 300, 1 };
  const DmLayoutItem *item;

  dm_test_add_kinds (dataset, 1);
  event->id = g_strdup ("e");
  event->kind = g_strdup ("k0");
  g_assert_true (dm_date_init (&event->start, DM_DATE_PRECISION_DAY, 2020, 1, 1, 0, 0));
  dm_text_set (&event->title, NULL, "e");
  dm_dataset_add_event (dataset, event);
  dm_dataset_finish (dataset);

  shared.max_rows = 11;
  shared.total_rows = 10;
  shared.label_end = 400;
  dm_layout_set_options (layout, &options);
  dm_layout_compute (layout, dataset, NULL, &scale, 400, &shared, measure_long, NULL);
  dm_test_check_layout (dataset, NULL, &scale, 400, &shared, layout);
  g_assert_cmpuint (dm_layout_get_n_items (layout), ==, 1);
  item = dm_layout_get_item (layout, 0);
  g_assert_cmpuint (item->label_lines, ==, 2);
  g_assert_cmpfloat (item->label_width, ==, 200);
  g_assert_cmpfloat (item->label_x + item->label_width, <=, item->x0);
  g_assert_cmpuint (dm_layout_get_lane_rows (layout, 0), ==, 2);
  g_assert_cmpint (dm_layout_hit (layout, 0, 1, item->label_x + 10), ==, 0);

  /* One row: cut, on the left where there is more room. */
  shared.total_rows = 1;
  dm_layout_compute (layout, dataset, NULL, &scale, 400, &shared, measure_long, NULL);
  dm_test_check_layout (dataset, NULL, &scale, 400, &shared, layout);
  item = dm_layout_get_item (layout, 0);
  g_assert_cmpuint (item->label_lines, ==, 1);
  g_assert_cmpfloat (item->label_width, >=, 100);
  g_assert_cmpfloat (item->label_width, <, 350);
  g_assert_cmpfloat (item->label_x, >=, 0);
  g_assert_cmpfloat (item->label_x + item->label_width, <=, item->x0);
  g_assert_cmpuint (dm_layout_get_lane_rows (layout, 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 0, 1, 2, 10, 100, 1000, 5000 };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/layout/random/%u", sizes[i]);
      g_test_add_data_func (path, GUINT_TO_POINTER (sizes[i]), test_random);
    }
  g_test_add_func ("/layout/clusters-split", test_clusters_split);
  g_test_add_func ("/layout/cluster-count-in-view", test_cluster_count_in_view);
  g_test_add_func ("/layout/hit", test_hit);
  g_test_add_func ("/layout/era-rows", test_era_rows);
  g_test_add_func ("/layout/one-row", test_one_row);
  g_test_add_func ("/layout/wrap", test_wrap);

  return g_test_run ();
}
