/* test-scale.c — correctness of what makes large timelines fast: the
 * layout's level of detail against laying out every event on its own, and
 * loading in a worker thread while the main loop runs (how fast is for the
 * benchmark, bench/dm-benchmark.c, not for tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dm-layout.h"
#include "dm-loader.h"
#include "dm-test-layout.h"
#include "dm-test-util.h"

#define WIDTH 1744.0

static const DmLayoutMetrics aggregated = { 12, 6, 3, 28, 0 };
static const DmLayoutMetrics direct = { 12, 6, 3, 28, G_MAXUINT };

/* Whether the starts of @members, in pixels, put more than the lane's rows
 * can show within one marker and gap: then no layout could draw them all
 * on their own, and a cluster there is what the density demands. */
static gboolean
has_crowd (DmDataset             *dataset,
           const DmTimeScale     *scale,
           const DmLayoutMetrics *metrics,
           const guint           *members,
           guint                  n)
{
  guint rows = metrics->max_rows + 1;

  for (guint k = 0; k + rows < n; k++)
    {
      double a = dm_time_scale_axis_to_x (scale, dm_dataset_get_event (dataset, members[k])->axis_start);
      double b = dm_time_scale_axis_to_x (scale, dm_dataset_get_event (dataset, members[k + rows])->axis_start);

      if (b - a < metrics->marker_size + metrics->gap)
        return TRUE;
    }

  return FALSE;
}

static gboolean
same_items (const DmLayout *x,
            const DmLayout *y,
            guint           lane)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < dm_layout_get_n_items (x); i++)
    if (dm_layout_get_item (x, i)->lane == lane)
      g_array_append_val (a, i);
  for (guint i = 0; i < dm_layout_get_n_items (y); i++)
    if (dm_layout_get_item (y, i)->lane == lane)
      g_array_append_val (b, i);

  if (a->len != b->len)
    return FALSE;

  for (guint k = 0; k < a->len; k++)
    {
      const DmLayoutItem *p = dm_layout_get_item (x, g_array_index (a, guint, k));
      const DmLayoutItem *q = dm_layout_get_item (y, g_array_index (b, guint, k));

      if (p->type != q->type || p->row != q->row || p->count != q->count || p->position != q->position ||
          p->x0 != q->x0 || p->x1 != q->x1 || p->label_width != q->label_width)
        return FALSE;
    }

  return TRUE;
}

/* The same viewport laid out with the level of detail and event by event:
 * both draw every event in view once; where a lane is nowhere crowded
 * they are the same item for item; and each cluster that only the level
 * of detail makes holds a crowd that no layout could draw one by one. */
static void
compare_viewport (DmDataset         *dataset,
                  const guint8      *visible,
                  const DmTimeScale *scale)
{
  g_autoptr(DmLayout) fast = dm_layout_new ();
  g_autoptr(DmLayout) slow = dm_layout_new ();
  g_autoptr(GHashTable) slow_clusters = g_hash_table_new (NULL, NULL);
  guint n_lanes = MAX (dm_dataset_get_n_kinds (dataset), 1);
  guint measured_fast = 0;
  guint measured_slow = 0;

  dm_layout_compute (fast, dataset, visible, scale, WIDTH, &aggregated, dm_test_measure_label, &measured_fast);
  dm_layout_compute (slow, dataset, visible, scale, WIDTH, &direct, dm_test_measure_label, &measured_slow);
  dm_test_check_layout (dataset, visible, scale, WIDTH, &aggregated, fast);
  dm_test_check_layout (dataset, visible, scale, WIDTH, &direct, slow);

  /* Labels are measured only for events that get a row of their own. */
  g_assert_cmpuint (measured_fast, <=, dm_layout_get_n_items (fast));
  g_assert_cmpuint (measured_slow, <=, dm_layout_get_n_items (slow));

  for (guint i = 0; i < dm_layout_get_n_items (slow); i++)
    {
      const DmLayoutItem *item = dm_layout_get_item (slow, i);

      if (item->type == DM_LAYOUT_CLUSTER)
        g_hash_table_insert (slow_clusters, GUINT_TO_POINTER (item->position + 1), GUINT_TO_POINTER (item->count));
    }

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      gboolean folded = FALSE;

      for (guint i = 0; i < dm_layout_get_n_items (fast); i++)
        {
          const DmLayoutItem *item = dm_layout_get_item (fast, i);
          guint n_members;
          const guint *members;
          int slow_index;

          if (item->lane != lane || item->type != DM_LAYOUT_CLUSTER)
            continue;

          members = dm_layout_get_members (fast, i, &n_members);
          if (GPOINTER_TO_UINT (g_hash_table_lookup (slow_clusters, GUINT_TO_POINTER (item->position + 1))) == item->count)
            continue;

          /* A cluster that the event-by-event layout starts too is one the
           * rows called for; any other must hold a crowd. */
          folded = TRUE;
          slow_index = dm_layout_find_event (slow, item->position);
          if (slow_index >= 0 && dm_layout_get_item (slow, (guint) slow_index)->type == DM_LAYOUT_CLUSTER)
            continue;
          if (!has_crowd (dataset, scale, &aggregated, members, n_members))
            g_error ("lane %u: a cluster of %u events from position %u where nothing is crowded",
                     lane, item->count, item->position);
        }

      /* No fold in the lane: the walk was the direct one. */
      if (!folded)
        g_assert_true (same_items (fast, slow, lane));
    }

  /* The work follows the pixels: at most a few items per marker width. */
  g_assert_cmpuint (dm_layout_get_n_items (fast), <=, n_lanes * (aggregated.max_rows + 1) * (WIDTH / 18 + 4) * 2);
}

static void
test_lod_random (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7 * n + 1);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, n, 5);
  g_autofree guint8 *visible = g_new (guint8, n);
  double start;
  double end;

  for (guint i = 0; i < n; i++)
    visible[i] = g_rand_int_range (rand, 0, 3) != 0;

  g_assert_true (dm_dataset_get_span (dataset, NULL, NULL, &start, &end));

  /* Random viewports from the whole span down to minutes, centred on the
   * bursts, on quiet years and at random. */
  for (guint v = 0; v < 60; v++)
    {
      double dpp = exp (g_rand_double_range (rand, log (1.0 / 1440 / 4), log ((end - start) / WIDTH * 1.2)));
      double centers[] = {
        dm_date_days_from_civil (2020, 5, 12) + g_rand_double (rand),
        dm_date_days_from_civil (2016, 1, 1) + g_rand_double_range (rand, 0, 31),
        g_rand_double_range (rand, start, end),
      };
      double center = centers[v % G_N_ELEMENTS (centers)];
      DmTimeScale scale = { center - WIDTH / 2 * dpp, dpp };

      compare_viewport (dataset, NULL, &scale);
      compare_viewport (dataset, visible, &scale);
    }
}

/* Zoomed out on a dense dataset, almost every event is in a few clusters,
 * found from slices of the lane columns; a member list is still exact. */
static void
test_lod_zoomed_out (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, n, 3);
  g_autoptr(DmLayout) layout = dm_layout_new ();
  DmTimeScale scale;
  double start;
  double end;
  guint measured = 0;
  guint clustered = 0;

  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scale, start, end, WIDTH, 24);
  dm_layout_compute (layout, dataset, NULL, &scale, WIDTH, &aggregated, dm_test_measure_label, &measured);
  dm_test_check_layout (dataset, NULL, &scale, WIDTH, &aggregated, layout);

  for (guint i = 0; i < dm_layout_get_n_items (layout); i++)
    if (dm_layout_get_item (layout, i)->type == DM_LAYOUT_CLUSTER)
      clustered += dm_layout_get_item (layout, i)->count;

  /* Labels are measured only for what is drawn on its own. */
  g_assert_cmpuint (measured, <=, dm_layout_get_n_items (layout));
  g_assert_cmpuint (clustered, >, n * 9 / 10);
}

/* Loading */

static char *
write_large_file (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"daumoc-timeline\", \"version\": 1,\n"
                                          " \"title\": {\"en\": \"Large\"},\n"
                                          " \"kinds\": [{\"id\": \"k\", \"label\": {\"en\": \"K\"}}],\n"
                                          " \"events\": [\n");
  g_autoptr(GError) error = NULL;
  char *path;
  int fd;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "  {\"id\": \"e%u\", \"kind\": \"k\", \"start\": \"%04u-%02u-%02u\", "
                            "\"title\": {\"vi\": \"Sự kiện số %u\", \"en\": \"Event number %u\"}, "
                            "\"summary\": {\"en\": \"A summary long enough to make the file take a while to read.\"}, "
                            "\"tags\": [\"t%u\"]}%s\n",
                            i, 1900 + i % 120, 1 + i % 12, 1 + i % 28, i, i, i % 40, i + 1 < n ? "," : "");
  g_string_append (json, " ]\n}\n");

  fd = g_file_open_tmp ("test-scale-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  GMainLoop *loop;
  DmDataset *dataset;
  GError    *error;
  guint      ticks;
  gint64     started;
  gint64     finished;
  DmLoadProgress *progress;
  double     last_fraction;
  guint      partial;        /* ticks that saw 0 < fraction < 1 */
  gboolean   went_back;
} LoadState;

static gboolean
tick_cb (gpointer user_data)
{
  LoadState *state = user_data;
  double fraction = dm_load_progress_get_fraction (state->progress);

  state->ticks++;
  if (fraction < state->last_fraction)
    state->went_back = TRUE;
  if (fraction > 0 && fraction < 1)
    state->partial++;
  state->last_fraction = fraction;

  return G_SOURCE_CONTINUE;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadState *state = user_data;

  state->finished = g_get_monotonic_time ();
  state->dataset = dm_dataset_load_file_finish (result, NULL, &state->error);
  g_main_loop_quit (state->loop);
}

/* A large file loads in a worker: the main loop keeps running, as a timer
 * that fires every few milliseconds shows, and the progress it reads goes
 * forward through partial values to the whole. */
static void
test_load_async_main_loop (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autofree char *path = write_large_file (n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(DmLoadProgress) progress = dm_load_progress_new ();
  LoadState state = { loop, NULL, NULL, 0, 0, 0, progress, 0, 0, FALSE };
  guint timer;
  double elapsed_ms;

  g_assert_cmpfloat (dm_load_progress_get_fraction (progress), ==, 0);
  timer = g_timeout_add (2, tick_cb, &state);
  state.started = g_get_monotonic_time ();
  dm_dataset_load_file_async (file, progress, NULL, loaded_cb, &state);
  g_main_loop_run (loop);
  g_source_remove (timer);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.dataset);
  g_assert_cmpuint (dm_dataset_get_n_events (state.dataset), ==, n);

  /* However fast the machine, the timer had most of its chances. */
  elapsed_ms = (state.finished - state.started) / 1000.0;
  g_test_message ("loaded in %.0f ms with %u ticks of the main loop", elapsed_ms, state.ticks);
  g_assert_cmpuint (state.ticks, >=, 3);
  g_assert_cmpfloat (state.ticks, >=, elapsed_ms / 2 / 4);

  g_test_message ("%u ticks saw a partial progress", state.partial);
  g_assert_false (state.went_back);
  g_assert_cmpuint (state.partial, >=, 2);
  g_assert_cmpfloat (dm_load_progress_get_fraction (progress), ==, 1);

  g_clear_object (&state.dataset);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* The heavy sizes take seconds on an optimised build and minutes under
   * the sanitizers: they run in the "slow" setup (once in CI), the
   * smaller ones everywhere. */
  gboolean slow;

  g_test_init (&argc, &argv, NULL);
  slow = dm_test_slow ();

  g_test_add_data_func ("/scale/lod/random/3000", GUINT_TO_POINTER (3000), test_lod_random);
  if (slow)
    g_test_add_data_func ("/scale/lod/random/30000", GUINT_TO_POINTER (30000), test_lod_random);
  g_test_add_data_func ("/scale/lod/zoomed-out", GUINT_TO_POINTER (slow ? 60000 : 12000), test_lod_zoomed_out);
  g_test_add_data_func ("/scale/load/async-main-loop", GUINT_TO_POINTER (slow ? 50000 : 20000),
                        test_load_async_main_loop);

  return g_test_run ();
}
