/* dm-bench-stats.c — see dm-bench-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dm-bench-stats.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

DmBenchStats
dm_bench_stats_of (GArray *samples)
{
  DmBenchStats s = { 0 };
  double *v = (double *) (gpointer) samples->data;
  guint n = samples->len;

  s.n = n;
  if (n == 0)
    return s;

  qsort (v, n, sizeof (double), compare_double);
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.p95 = v[MIN ((guint) ceil (0.95 * n), n) - 1];
  s.max = v[n - 1];

  return s;
}
