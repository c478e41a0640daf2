/* fuzz-common.h — what the libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dm-loader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
fuzz_ignore_log (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
}

/* Messages are not what a fuzzer looks for, and printing them is slow. */
static inline void
fuzz_quiet_logs (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_default_handler (fuzz_ignore_log, NULL);
      done = TRUE;
    }
}

/* @size bytes at @data loaded as a file called @name, with messages
 * quiet: the dataset, with its problems in @problems; or NULL, once it
 * is checked that the failure says what (an error) and where (an error
 * among the problems). */
static inline DmDataset *
fuzz_load (const guint8  *data,
           size_t         size,
           const char    *name,
           GPtrArray    **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset;

  fuzz_quiet_logs ();

  dataset = dm_dataset_load_bytes (bytes, name, problems, &error);
  if (dataset == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (*problems);
      g_assert_cmpuint (dm_problems_count_errors (*problems), >, 0);
    }
  else
    g_assert_no_error (error);

  return dataset;
}
