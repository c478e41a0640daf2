/* fuzz-sheet.c — libFuzzer target: spreadsheets (CSV, XLSX, ODS)
 *
 * The first byte picks the name the data is opened under, so that the
 * CSV reader (by name), the zip, XLSX and ODS readers (by content) and
 * the sheet importer all see it; whatever opens must say where each
 * problem is, and must export to TimelineJS3 and import again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-dataset.h"
#include "dm-test-safe.h"
#include "fuzz-common.h"
#include "dm-loader.h"

static const char * const names[] = { "fuzz.csv", "fuzz.xlsx", "fuzz.ods", "fuzz.tsv" };

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  const char *name;

  if (size < 1)
    return 0;

  name = names[data[0] % G_N_ELEMENTS (names)];
  dataset = fuzz_load (data + 1, size - 1, name, &problems);
  if (dataset == NULL)
    return 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_nonnull (problem->path);
    }

  dm_test_assert_timelinejs_round_trip (dataset);

  return 0;
}
