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

char *
dm_bench_load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");

  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}
