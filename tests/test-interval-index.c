/* test-interval-index.c — the overlap index against a brute-force scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-interval-index.h"

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static void
check_query (DmIntervalIndex *index,
             const double    *lo,
             const double    *hi,
             guint            n,
             double           a,
             double           b)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint));
  guint count;

  count = dm_interval_index_query (index, a, b, got);
  g_assert_cmpuint (count, ==, got->len);

  for (guint i = 0; i < n; i++)
    if (lo[i] <= b && hi[i] >= a)
      g_array_append_val (want, i);

  g_array_sort (got, compare_guint);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, guint, i), ==, g_array_index (want, guint, i));
}

typedef struct
{
  const char *name;
  guint       n;
  double      span;      /* range of starts */
  double      max_len;   /* longest interval */
  double      point_fraction;
} RandomCase;

static const RandomCase random_cases[] = {
  { "empty", 0, 100, 10, 0 },
  { "one", 1, 100, 10, 0 },
  { "points", 2000, 1000, 0, 1.0 },
  { "short", 3000, 100000, 5, 0.3 },
  { "long", 1500, 1000, 800, 0.1 },
  { "mixed", 5000, 36500, 3650, 0.5 },
  { "dense-duplicates", 2000, 10, 2, 0.5 },
  { "negative-huge", 1000, 5e12, 1e11, 0.2 },
};

static void
test_random (gconstpointer data)
{
  const RandomCase *c = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20161122 + c->n);
  g_autofree double *lo = g_new (double, MAX (c->n, 1));
  g_autofree double *hi = g_new (double, MAX (c->n, 1));
  g_autoptr(DmIntervalIndex) index = NULL;

  for (guint i = 0; i < c->n; i++)
    {
      /* Integers in part, so that many endpoints coincide. */
      double start = c->span > 1e9
        ? g_rand_double_range (rand, -c->span, c->span / 1000)
        : (double) g_rand_int_range (rand, 0, (gint32) c->span);
      double len = g_rand_double (rand) < c->point_fraction ? 0 : g_rand_double_range (rand, 0, c->max_len);

      lo[i] = start;
      hi[i] = start + len;
    }

  index = dm_interval_index_new (lo, hi, c->n);

  for (guint q = 0; q < 400; q++)
    {
      double a = g_rand_double_range (rand, -c->span * 0.1 - 1, c->span * 1.1 + 1);
      double w = g_rand_double (rand) < 0.2 ? 0 : g_rand_double_range (rand, 0, c->span / 4 + 1);

      if (c->span > 1e9)
        a = g_rand_double_range (rand, -c->span, c->span / 1000);
      check_query (index, lo, hi, c->n, a, a + w);
    }

  /* Queries at exact endpoints, where closed intervals matter. */
  for (guint i = 0; i < MIN (c->n, 200); i++)
    {
      check_query (index, lo, hi, c->n, lo[i], lo[i]);
      check_query (index, lo, hi, c->n, hi[i], hi[i]);
      check_query (index, lo, hi, c->n, hi[i], hi[i] + 1);
    }

  /* Everything, and an empty (reversed) range, which overlaps nothing. */
  check_query (index, lo, hi, c->n, -G_MAXDOUBLE, G_MAXDOUBLE);
  {
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
    g_assert_cmpuint (dm_interval_index_query (index, 5, 4, none), ==, 0);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_each_reported_once (void)
{
  static const double lo[] = { 0, 0, 0, 5, 5, 9 };
  static const double hi[] = { 10, 10, 0, 5, 6, 9 };
  g_autoptr(DmIntervalIndex) index = dm_interval_index_new (lo, hi, G_N_ELEMENTS (lo));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_cmpuint (dm_interval_index_query (index, 0, 10, got), ==, 6);
  g_array_sort (got, compare_guint);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, guint, i), ==, i);

  g_array_set_size (got, 0);
  g_assert_cmpuint (dm_interval_index_query (index, 5.5, 8, got), ==, 3);
  g_array_sort (got, compare_guint);
  g_assert_cmpuint (g_array_index (got, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (got, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (got, guint, 2), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (random_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interval-index/random/%s", random_cases[i].name);
      g_test_add_data_func (path, &random_cases[i], test_random);
    }
  g_test_add_func ("/interval-index/each-reported-once", test_each_reported_once);

  return g_test_run ();
}
