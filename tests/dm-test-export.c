/* dm-test-export.c — see dm-test-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-test-export.h"

char *
dm_test_export (const DmExportOptions *options,
                DmExportFormat         format,
                const char            *dir,
                const char            *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_export_to_file (options, format, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}
