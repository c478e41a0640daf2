/* dm-test-layout.h — what every layout must be, for the tests that make
 * layouts (test-layout, test-scale)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-layout.h"

/* A DmLabelMeasureFunc: labels of varied widths, some very long. Counts
 * its calls in the guint at @user_data, if not NULL. */
double dm_test_measure_label (guint    position,
                              gpointer user_data);

/* The least a label may be cut to: a third of it, as the first forty
 * characters of a long title would be. */
double dm_test_measure_short (guint    position,
                              gpointer user_data);

/* A label on two lines: long ones only, a little over half as wide. */
double dm_test_measure_wrapped (guint    position,
                                gpointer user_data);

/* A second line of a label, in the row below its item: the item's index
 * with this bit set. */
#define DM_TEST_SECOND_LINE 0x80000000u

/* Where an item stops taking room in its row: its label's end, if the
 * label is right of it. */
double dm_test_occupied_end (const DmLayoutItem *item);

/* … and where it starts: its label's start, if the label is left of it. */
double dm_test_occupied_start (const DmLayoutItem *item);

/* What entry @entry of a row takes: an item, or its label's second line. */
void dm_test_row_extent (DmLayout *layout,
                         guint     entry,
                         double   *start,
                         double   *end);

int dm_test_compare_x0 (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data);

/* @layout, laid out for the @width pixels of @scale with @metrics: within
 * a lane and row nothing shares pixels (markers, bars, labels and
 * clusters each have their own stretch, with a gap between); a label
 * inside a bar stays inside it; every event in view that @visible allows
 * is drawn exactly once, on its own or in a cluster of its lane that
 * covers its time; no other event is. Each item is in a row its lane
 * has, clusters in the lane's last row; with rows by content
 * (total_rows), a lane has a row more than its items use only if it
 * folds there. */
void dm_test_check_layout (DmDataset             *dataset,
                           const guint8          *visible,
                           const DmTimeScale     *scale,
                           double                 width,
                           const DmLayoutMetrics *metrics,
                           DmLayout              *layout);
