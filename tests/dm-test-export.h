/* dm-test-export.h — exports made in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-export.h"

/* Exports @options in @format to the file @name in @dir, failing the test
 * if it cannot; returns the file's path. */
char *dm_test_export (const DmExportOptions *options,
                      DmExportFormat         format,
                      const char            *dir,
                      const char            *name);
