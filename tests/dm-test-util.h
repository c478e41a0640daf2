/* dm-test-util.h — what several tests need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

/* The bundled dataset, from the source tree (G_TEST_SRCDIR is tests/). */
static inline DmDataset *
dm_test_load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "vietnam-industry-4.0.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset = dm_dataset_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* A timeout's callback that sets the gboolean at @data. */
static inline gboolean
dm_test_set_flag_cb (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}
