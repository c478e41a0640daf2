/* fuzz-export.c — libFuzzer target: whatever loads, exported to TimelineJS
 *
 * Any dataset the loader accepts, however hostile its texts and kept
 * members, must export to a TimelineJS file that is JSON (to json-glib and
 * to the app's own reader), holds only the markup the export writes (<p>,
 * <br>, links to web addresses) and no script address or handler
 * anywhere (dm-test-safe.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-dataset.h"
#include "dm-export-timelinejs.h"
#include "dm-loader.h"
#include "dm-test-safe.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = fuzz_load (data, size, "fuzz.json", &problems);

  if (dataset == NULL)
    return 0;

  for (DmLanguage language = DM_LANGUAGE_VI; language <= DM_LANGUAGE_EN; language++)
    {
      g_autofree char *json = NULL;
      gsize length;

      json = dm_export_timelinejs (dataset, language, &length);
      dm_test_assert_safe_timelinejs (json, length);
    }

  return 0;
}
