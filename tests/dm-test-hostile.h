/* dm-test-hostile.h — the hostile-content corpus: valid datasets that
 * carry markup, controls, bidi overrides, floods and extremes
 *
 * The small ones are files in tests/fixtures/hostile/content/; the large
 * ones are written by dm_test_hostile_write_generated(). Each test that
 * goes through the corpus lists both with dm_test_hostile_list(), or has
 * dm_test_hostile_add_tests() write, list and add a test for each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>

/* A native dataset with @events (a JSON array's members) and @kinds. */
void dm_test_hostile_write (const char *dir,
                            const char *name,
                            const char *title,
                            const char *kinds,
                            const char *events);

char *dm_test_hostile_repeat (const char *piece,
                              guint       n);

/* The large members of the corpus, written into @dir. */
void dm_test_hostile_write_generated (const char *dir);

/* Every corpus file: the fixtures, then those written into @dir. */
GPtrArray *dm_test_hostile_list (const char *dir);

/* Writes the large members of the corpus into a new scratch folder, and
 * adds a test "@prefix/<file name>" running @test on each corpus file,
 * with its path as data. Returns the folder, to remove with
 * dm_test_remove_dir() after g_test_run(); @paths holds the paths the
 * tests use, to free after it too. */
char *dm_test_hostile_add_tests (const char     *prefix,
                                 GTestDataFunc   test,
                                 GPtrArray     **paths);
