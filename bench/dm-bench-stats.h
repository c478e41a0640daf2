/* dm-bench-stats.h — the figures the benchmarks print of their samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef struct
{
  double median;
  double p95;
  double max;
  guint  n;
} DmBenchStats;

/* Sorts @samples (doubles) and gives their median, their 95th percentile
 * by nearest rank (the smallest sample with at least 95 % of them at or
 * below) and their maximum. */
DmBenchStats dm_bench_stats_of (GArray *samples);

/* The 1, 5 and 15 minute load averages, as /proc/loadavg gives them, or
 * "unknown". */
char        *dm_bench_load_average (void);
