/* fuzz-timelinejs.c — libFuzzer target: TimelineJS and vis-timeline files
 *
 * The loader recognises these by their shape and hands them to the
 * importers; a file that imports must also export to TimelineJS3 and
 * import again. Read with its slides in two halves (on two threads),
 * it gives the same dataset and the same problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-dataset.h"
#include "dm-import.h"
#include "dm-test-safe.h"
#include "fuzz-common.h"
#include "dm-loader.h"


int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  g_autoptr(GPtrArray) split_problems = NULL;
  g_autoptr(DmDataset) split = NULL;

  dataset = fuzz_load (data, size, "fuzz.json", &problems);

  dm_import_set_split_slides (2);
  split = fuzz_load (data, size, "fuzz.json", &split_problems);
  dm_import_set_split_slides (0);
  g_assert_true ((split == NULL) == (dataset == NULL));
  g_assert_cmpuint (split_problems != NULL ? split_problems->len : 0, ==, problems != NULL ? problems->len : 0);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DmProblem *expected = g_ptr_array_index (problems, i);
      const DmProblem *problem = g_ptr_array_index (split_problems, i);

      g_assert_cmpstr (problem->path, ==, expected->path);
      g_assert_cmpstr (problem->message, ==, expected->message);
    }

  if (dataset == NULL)
    return 0;

  {
    g_autofree char *text = dm_dataset_to_data (dataset, NULL);
    g_autofree char *split_text = dm_dataset_to_data (split, NULL);

    g_assert_cmpstr (split_text, ==, text);
  }

  /* Every problem that is only a warning still says where it is. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_assert_nonnull (((DmProblem *) g_ptr_array_index (problems, i))->message);

  dm_test_assert_timelinejs_round_trip (dataset);

  return 0;
}
