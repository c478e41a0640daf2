/* dm-test-util.h — what several tests need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "dm-dataset.h"
#include "dm-edit.h"
#include "dm-loader.h"

/* The dataset in the file at @path, which loads; the test fails if not. */
DmDataset *dm_test_load_path (const char *path);

/* The bundled dataset, from the source tree (G_TEST_SRCDIR is tests/). */
DmDataset *dm_test_load_bundled (void);

/* @date, in ISO 8601 at its precision (dm_date_to_iso()), is @expected. */
void dm_test_assert_date (const DmDate *date,
                          const char   *expected);

/* How much longer than usual waits may take: the "sanitize" test setup
 * sets DM_TEST_TIMEOUT_FACTOR, since AddressSanitizer slows everything. */
guint dm_test_timeout_factor (void);

/* A watchdog's seconds: @seconds on a normal build, scaled under the
 * sanitizers. Conditions are waited on; this only bounds the wait. */
guint dm_test_seconds (guint seconds);

/* Whether to run the heavy sizes: `-m slow`, or the "slow" test setup
 * (DM_TEST_SLOW=1), which CI runs once on the optimised build. */
gboolean dm_test_slow (void);

/* A timeout's callback that sets the gboolean at @data. */
gboolean dm_test_set_flag_cb (gpointer data);

/* A new scratch folder (g_dir_make_tmp()); the test fails if it cannot
 * be made. */
char *dm_test_make_dir (void);

/* The text of a timeline of @n events ("e0" …), one kind "k", titles in
 * both languages ("Event 7", "Sự kiện 7") and a member no version knows:
 * large enough, by @n, to take a while to load, save or copy. */
char *dm_test_large_timeline (guint n);

/* Moves @event (whose id is @id) to a year from @from to @to (not
 * included) that @rand gives, through @edit, as an edit in the editor
 * does: a copy with that start and no end. */
void dm_test_move_event_to_year (DmEdit        *edit,
                                 const DmEvent *event,
                                 const char    *id,
                                 GRand         *rand,
                                 int            from,
                                 int            to);

/* Removes a scratch folder made by g_dir_make_tmp() and the files in it. */
void dm_test_remove_dir (const char *dir);

/* A scratch folder of the test's own, removed with its files after it:
 * the fixture of g_test_add (…, DmTestScratch, NULL,
 * dm_test_scratch_setup, …, dm_test_scratch_teardown). */
typedef struct
{
  char *dir;
} DmTestScratch;

void dm_test_scratch_setup (DmTestScratch *s,
                            gconstpointer  data);

void dm_test_scratch_teardown (DmTestScratch *s,
                               gconstpointer  data);

/* What the program @argv (looked for in PATH) prints: the test fails if
 * it cannot run or does not exit 0, or, if @quiet, if it prints anything
 * on its standard error. */
char *dm_test_run_tool (const char * const *argv,
                        gboolean            quiet);

/* How many files and folders @dir holds: to see that nothing (no
 * temporary file) was left behind. */
guint dm_test_count_entries (const char *dir);

/* Runs the main loop for @msec, frame clock included, without spinning. */
void dm_test_run_for (guint msec);

/* Kinds "k0" … "k@n - 1", each labelled with its id. */
void dm_test_add_kinds (DmDataset *dataset,
                        guint      n);

/* Dense bursts (thousands of events in a day, in a month), a sparse
 * background over two centuries with empty stretches, ranges from a day
 * to years, and events of unknown kind. */
DmDataset *dm_test_random_dataset (GRand *rand,
                                   guint  n,
                                   guint  n_kinds);

/* A scratch folder and the bundled dataset, for the export tests: the
 * fixture of g_test_add (…, DmTestExportFixture, NULL,
 * dm_test_export_fixture_setup, …, dm_test_export_fixture_teardown). */
typedef struct
{
  char      *dir;
  DmDataset *dataset;
} DmTestExportFixture;

void dm_test_export_fixture_setup (DmTestExportFixture *f,
                                   gconstpointer        data);

void dm_test_export_fixture_teardown (DmTestExportFixture *f,
                                      gconstpointer        data);

/* Runs the main loop until @done (@data) holds, or @seconds (scaled as
 * dm_test_seconds() does) have passed: FALSE then. */
gboolean dm_test_run_until (gboolean (*done) (gpointer),
                            gpointer   data,
                            guint      seconds);

/* A thread that ends the test with an error naming @what if
 * dm_test_watchdog_stop() has not been called within @seconds (scaled as
 * dm_test_seconds() does): a stall fails the test instead of hanging it,
 * and the test itself asserts no time. */
typedef struct _DmTestWatchdog DmTestWatchdog;

DmTestWatchdog *dm_test_watchdog_start (const char     *what,
                                        guint           seconds);
void            dm_test_watchdog_stop  (DmTestWatchdog *watchdog);
