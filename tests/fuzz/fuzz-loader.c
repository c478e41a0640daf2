/* fuzz-loader.c — libFuzzer target: any bytes through the dataset loader
 *
 * Whatever the input, loading must return a dataset or located problems;
 * never crash, hang, leak or read out of bounds. A dataset that loads must
 * also save and load again. Loading it while a thread checks it, as large
 * files are, gives the same result, and so does splitting its events with
 * a second reader once the check has ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-dataset.h"
#include "dm-loader.h"
#include "fuzz-common.h"


int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(DmDataset) again = NULL;
  g_autoptr(GError) again_error = NULL;
  GArray *positions;
  double start;
  double end;
  gsize length;
  char *text;

  dataset = fuzz_load (data, size, "fuzz.json", &problems);

  for (guint split = 0; split < 2; split++)
    {
      g_autoptr(GPtrArray) concurrent_problems = NULL;
      g_autoptr(DmDataset) concurrent = NULL;

      dm_loader_set_concurrent_threshold (0);
      if (split)
        dm_loader_set_split_events (1, TRUE);
      concurrent = fuzz_load (data, size, "fuzz.json", &concurrent_problems);
      dm_loader_reset_test_settings ();
      dm_loader_set_concurrent_threshold (G_MAXSIZE);
      g_assert_true ((concurrent == NULL) == (dataset == NULL));
      g_assert_cmpuint (concurrent_problems != NULL ? concurrent_problems->len : 0, ==,
                        problems != NULL ? problems->len : 0);
      if (dataset != NULL)
        g_assert_cmpuint (dm_dataset_get_n_events (concurrent), ==, dm_dataset_get_n_events (dataset));
    }

  if (dataset == NULL)
    return 0;

  text = dm_dataset_to_data (dataset, &length);
  saved = g_bytes_new_take (text, length);
  again = dm_dataset_load_bytes (saved, "saved.json", NULL, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpuint (dm_dataset_get_n_events (again), ==, dm_dataset_get_n_events (dataset));

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  if (dm_dataset_get_span (dataset, NULL, NULL, &start, &end))
    dm_dataset_query_range (dataset, start, end, positions);
  g_assert_cmpuint (positions->len, ==, dm_dataset_get_n_events (dataset));
  g_array_unref (positions);

  return 0;
}
