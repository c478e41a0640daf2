/* test-time-scale.c — time ↔ pixels, zooming about the pointer, and ticks
 * at every zoom level from minutes to billions of years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "dm-time-scale.h"

static double
days (gint64 year,
      guint  month,
      guint  day)
{
  return (double) dm_date_days_from_civil (year, month, day);
}

static void
test_round_trip (void)
{
  static const DmTimeScale scales[] = {
    { 0, 1 },
    { 16000, 1.0 / 1440 },
    { -5e12, 3e9 },
    { 18000.25, 0.37 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    for (double x = -2000; x <= 4000; x += 137.5)
      {
        double axis = dm_time_scale_x_to_axis (&scales[i], x);
        g_assert_cmpfloat_with_epsilon (dm_time_scale_axis_to_x (&scales[i], axis), x, 1e-6 * MAX (1, fabs (x)));
      }
}

/* Zooming keeps the time under the pointer under the pointer. */
static void
test_zoom_keeps_pointer (void)
{
  static const double factors[] = { 1.1, 2, 10, 0.5, 0.01, 1000 };
  DmTimeScale scale = { days (2016, 1, 1), 3.0 };

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    for (double x = 0; x <= 1920; x += 240)
      {
        DmTimeScale zoomed = scale;
        double before = dm_time_scale_x_to_axis (&scale, x);

        dm_time_scale_zoom_at (&zoomed, x, factors[i], 1e-6, 1e12);
        g_assert_cmpfloat_with_epsilon (dm_time_scale_x_to_axis (&zoomed, x), before, 1e-6);
        g_assert_cmpfloat_with_epsilon (zoomed.days_per_px, scale.days_per_px / factors[i], 1e-9);
      }
}

/* And zoom is bounded: no zooming into nothing or out to infinity. */
static void
test_zoom_bounded (void)
{
  DmTimeScale scale = { 0, 1 };

  for (guint i = 0; i < 100; i++)
    dm_time_scale_zoom_at (&scale, 500, 10, 0.001, 5000);
  g_assert_cmpfloat (scale.days_per_px, ==, 0.001);
  g_assert_cmpfloat_with_epsilon (dm_time_scale_x_to_axis (&scale, 500), 500, 1e-6);

  for (guint i = 0; i < 100; i++)
    dm_time_scale_zoom_at (&scale, 100, 0.1, 0.001, 5000);
  g_assert_cmpfloat (scale.days_per_px, ==, 5000);
}

static void
test_fit (void)
{
  DmTimeScale scale;
  double start = days (2016, 1, 1);
  double end = days (2023, 1, 1);

  dm_time_scale_fit (&scale, start, end, 1000, 50);
  g_assert_cmpfloat_with_epsilon (dm_time_scale_axis_to_x (&scale, start), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (dm_time_scale_axis_to_x (&scale, end), 950, 1e-9);
}

/* Sweep every zoom level, from a minute per pixel to a billion years per
 * pixel: the level's ticks are at least the asked spacing apart, they are
 * few enough to draw, in order, and on the boundaries they claim. */
static void
test_ticks_every_level (void)
{
  const double width = 1920;
  const double spacing = 80;

  for (double dpp = 1e-4; dpp < 1e11; dpp *= 1.7)
    {
      const double centers[] = { days (2020, 5, 22), days (-43, 3, 15), -5e12, 3e12 };

      for (guint c = 0; c < G_N_ELEMENTS (centers); c++)
        {
          g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));
          const DmTickLevel *level = dm_tick_level_for_scale (dpp, spacing);
          const DmTickLevel *coarse = dm_tick_level_get_coarser (level);
          double a = centers[c] - width / 2 * dpp;
          double b = centers[c] + width / 2 * dpp;
          guint n;

          /* Stay within the years a date can have. */
          if (a < -3.6e13 || b > 3.6e13)
            continue;

          /* Coarser, except at the very top of the ladder. */
          g_assert_true (coarse->days > level->days || coarse == level);
          n = dm_tick_level_get_ticks (level, a, b, ticks);
          g_assert_cmpuint (n, ==, ticks->len);
          g_assert_cmpuint (n, <=, (guint) (width / spacing * 1.6) + 2);

          for (guint i = 0; i < n; i++)
            {
              const DmTick *tick = &g_array_index (ticks, DmTick, i);

              g_assert_cmpfloat (tick->axis, >=, a);
              g_assert_cmpfloat (tick->axis, <=, b);
              g_assert_true (dm_date_is_valid (&tick->date));
              /* The tick is at the start of the date it names. */
              g_assert_cmpfloat_with_epsilon (tick->axis, dm_date_get_axis_start (&tick->date), 1e-6 * MAX (1, fabs (tick->axis)));
              if (i > 0)
                g_assert_cmpfloat (tick->axis, >, g_array_index (ticks, DmTick, i - 1).axis);

              switch (level->unit)
                {
                case DM_TICK_YEARS:
                  /* Round as people count: 3000 BCE is the astronomical
                   * year -2999. */
                  if (tick->date.year <= 0 && level->step > 1)
                    g_assert_cmpint ((1 - tick->date.year) % level->step, ==, 0);
                  else
                    g_assert_cmpint (tick->date.year % level->step, ==, 0);
                  break;
                case DM_TICK_MONTHS:
                  g_assert_cmpint ((tick->date.month - 1) % level->step, ==, 0);
                  break;
                case DM_TICK_WEEKS:
                  /* Mondays: 1970-01-05 was one. */
                  g_assert_cmpint (((gint64) tick->axis - 4) % 7, ==, 0);
                  break;
                case DM_TICK_HOURS:
                  g_assert_cmpint (tick->date.minute, ==, 0);
                  g_assert_cmpint (tick->date.hour % level->step, ==, 0);
                  break;
                case DM_TICK_MINUTES:
                  g_assert_cmpint (tick->date.minute % level->step, ==, 0);
                  break;
                case DM_TICK_DAYS:
                default:
                  break;
                }
            }

          /* Neighbouring ticks are far enough apart in pixels. */
          for (guint i = 1; i < n; i++)
            g_assert_cmpfloat ((g_array_index (ticks, DmTick, i).axis - g_array_index (ticks, DmTick, i - 1).axis) / dpp,
                               >=, spacing * 0.85);
        }
    }
}

typedef struct
{
  const char *start;
  double      dpp;
  gboolean    coarse;
  const char *en;
  const char *vi;
} LabelRow;

static const LabelRow label_rows[] = {
  /* Years over decades */
  { "2016", 5, FALSE, "2016", "2016" },
  { "2010", 5, TRUE, "2010", "2010" },
  { "-0043", 5, FALSE, "44 BCE", "44 TCN" },
  /* Centuries before the common era, round as people count them */
  { "-2999", 2000, FALSE, "3000 BCE", "3000 TCN" },
  { "-0499", 2000, FALSE, "500 BCE", "500 TCN" },
  { "0500", 2000, FALSE, "500", "500" },
  /* Months over years */
  { "2019-01", 0.4, FALSE, "Jan", "thg 1" },
  { "2019", 0.4, TRUE, "2019", "2019" },
  /* Days over months */
  { "2020-05-22", 0.01, FALSE, "22", "22" },
  { "2020-06-01", 0.01, FALSE, "1 Jun", "1/6" },
  { "2020-05", 0.01, TRUE, "May 2020", "tháng 5 năm 2020" },
  /* Hours over days */
  { "2020-05-22", 0.0005, TRUE, "22 May 2020", "22/5/2020" },
  /* Hours over days */
  { "2020-05-22T14:00", 0.0005, FALSE, "14:00", "14:00" },
  /* Cosmological */
  { "-13799999999", 1e8, FALSE, "13.8 billion years ago", "13,8 tỷ năm trước" },
  { "-64999999", 1e5, FALSE, "65 million years ago", "65 triệu năm trước" },
};

/* At the ends of the years a date can have, a view reaches past them:
 * ticks are only made for dates that exist (there were criticals from
 * formatting ticks in the year 100 000 000 001). */
static void
test_ticks_at_the_ends (void)
{
  const double ends[] = { days (100000000000, 12, 31), days (-100000000000, 1, 1) };

  for (double dpp = 1e-4; dpp < 1e11; dpp *= 1.7)
    for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
      {
        const DmTickLevel *fine = dm_tick_level_for_scale (dpp, 80);
        const DmTickLevel *levels[] = { fine, dm_tick_level_get_coarser (fine) };

        for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
          {
            g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));

            dm_tick_level_get_ticks (levels[l], ends[e] - 960 * dpp, ends[e] + 960 * dpp, ticks);
            for (guint i = 0; i < ticks->len; i++)
              {
                const DmTick *tick = &g_array_index (ticks, DmTick, i);
                g_autofree char *label = NULL;

                g_assert_true (dm_date_is_valid (&tick->date));
                label = dm_tick_format (tick, levels[l], l == 1, DM_LANGUAGE_EN);
                g_assert_nonnull (label);
              }
          }
      }
}

static void
test_labels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_rows); i++)
    {
      const LabelRow *row = &label_rows[i];
      const DmTickLevel *level = dm_tick_level_for_scale (row->dpp, 60);
      g_autofree char *en = NULL;
      g_autofree char *vi = NULL;
      DmTick tick;

      g_assert_true (dm_date_parse (row->start, &tick.date, NULL));
      tick.axis = dm_date_get_axis_start (&tick.date);
      if (row->coarse)
        level = dm_tick_level_get_coarser (level);

      /* The tick is one the level itself would make there. */
      {
        g_autoptr(GArray) made = g_array_new (FALSE, FALSE, sizeof (DmTick));

        dm_tick_level_get_ticks (level, tick.axis, tick.axis, made);
        g_assert_cmpuint (made->len, ==, 1);
        g_assert_true (dm_date_equal (&g_array_index (made, DmTick, 0).date, &tick.date));
      }

      en = dm_tick_format (&tick, level, row->coarse, DM_LANGUAGE_EN);
      vi = dm_tick_format (&tick, level, row->coarse, DM_LANGUAGE_VI);
      g_test_message ("%s → %s / %s", row->start, en, vi);
      g_assert_cmpstr (en, ==, row->en);
      g_assert_cmpstr (vi, ==, row->vi);
    }
}

static void
test_coarser (void)
{
  static const struct {
    double dpp;
    DmTickUnit fine;
    DmTickUnit coarse;
  } rows[] = {
    { 0.0005, DM_TICK_HOURS, DM_TICK_DAYS },
    { 0.01, DM_TICK_DAYS, DM_TICK_MONTHS },
    { 0.05, DM_TICK_WEEKS, DM_TICK_MONTHS },
    { 0.4, DM_TICK_MONTHS, DM_TICK_YEARS },
    { 5, DM_TICK_YEARS, DM_TICK_YEARS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const DmTickLevel *level = dm_tick_level_for_scale (rows[i].dpp, 60);

      g_assert_cmpint (level->unit, ==, rows[i].fine);
      g_assert_cmpint (dm_tick_level_get_coarser (level)->unit, ==, rows[i].coarse);
    }

  /* Years: decades over years, centuries over decades. */
  g_assert_cmpint (dm_tick_level_get_coarser (dm_tick_level_for_scale (5, 60))->step, ==, 10);
  g_assert_cmpint (dm_tick_level_get_coarser (dm_tick_level_for_scale (100, 60))->step, ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-scale/round-trip", test_round_trip);
  g_test_add_func ("/time-scale/zoom-keeps-pointer", test_zoom_keeps_pointer);
  g_test_add_func ("/time-scale/zoom-bounded", test_zoom_bounded);
  g_test_add_func ("/time-scale/ticks-at-the-ends", test_ticks_at_the_ends);
  g_test_add_func ("/time-scale/fit", test_fit);
  g_test_add_func ("/time-scale/ticks-every-level", test_ticks_every_level);
  g_test_add_func ("/time-scale/labels", test_labels);
  g_test_add_func ("/time-scale/coarser", test_coarser);

  return g_test_run ();
}
