/* dm-test-hostile.h — the hostile-content corpus: valid datasets that
 * carry markup, controls, bidi overrides, floods and extremes
 *
 * The small ones are files in tests/fixtures/hostile/content/; the large
 * ones are written by dm_test_hostile_write_generated(). Each test that
 * goes through the corpus lists both with dm_test_hostile_list().
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
