/* fuzz-timelinejs.c — libFuzzer target: TimelineJS and vis-timeline files
 *
 * The loader recognises these by their shape and hands them to the
 * importers; a file that imports must also export to TimelineJS3 and
 * import again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-dataset.h"
#include "dm-test-safe.h"
#include "fuzz-common.h"
#include "dm-loader.h"


int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  dataset = fuzz_load (data, size, "fuzz.json", &problems);
  if (dataset == NULL)
    return 0;

  /* Every problem that is only a warning still says where it is. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_assert_nonnull (((DmProblem *) g_ptr_array_index (problems, i))->message);

  dm_test_assert_timelinejs_round_trip (dataset);

  return 0;
}
