/* dm-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-time-scale.h"

#define DAYS_PER_YEAR 365.2425
#define DAYS_PER_MONTH (DAYS_PER_YEAR / 12)
#define N_YEAR_LEVELS 33    /* 1, 2, 5 × 10^0 … 10^10 */

static const DmTickLevel fixed_levels[] = {
  { DM_TICK_MINUTES, 1, 1.0 / 1440 },
  { DM_TICK_MINUTES, 5, 5.0 / 1440 },
  { DM_TICK_MINUTES, 15, 15.0 / 1440 },
  { DM_TICK_MINUTES, 30, 30.0 / 1440 },
  { DM_TICK_HOURS, 1, 1.0 / 24 },
  { DM_TICK_HOURS, 3, 3.0 / 24 },
  { DM_TICK_HOURS, 6, 6.0 / 24 },
  { DM_TICK_HOURS, 12, 12.0 / 24 },
  { DM_TICK_DAYS, 1, 1 },
  { DM_TICK_WEEKS, 1, 7 },
  { DM_TICK_MONTHS, 1, DAYS_PER_MONTH },
  { DM_TICK_MONTHS, 3, 3 * DAYS_PER_MONTH },
  { DM_TICK_MONTHS, 6, 6 * DAYS_PER_MONTH },
};

static DmTickLevel levels[G_N_ELEMENTS (fixed_levels) + N_YEAR_LEVELS];

static const char * const short_months_en[12] = {
  N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
  N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

static const DmTickLevel *
get_levels (guint *n_levels)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      guint n = G_N_ELEMENTS (fixed_levels);
      gint64 power = 1;

      for (guint i = 0; i < n; i++)
        levels[i] = fixed_levels[i];

      for (guint k = 0; k < N_YEAR_LEVELS / 3; k++, power *= 10)
        {
          static const int mantissas[] = { 1, 2, 5 };

          for (guint m = 0; m < 3; m++)
            {
              gint64 step = mantissas[m] * power;
              levels[n++] = (DmTickLevel) { DM_TICK_YEARS, step, step * DAYS_PER_YEAR };
            }
        }

      g_once_init_leave (&initialized, 1);
    }

  *n_levels = G_N_ELEMENTS (levels);
  return levels;
}

double
dm_time_scale_axis_to_x (const DmTimeScale *scale,
                         double             axis)
{
  return (axis - scale->origin) / scale->days_per_px;
}

double
dm_time_scale_x_to_axis (const DmTimeScale *scale,
                         double             x)
{
  return scale->origin + x * scale->days_per_px;
}

void
dm_time_scale_zoom_at (DmTimeScale *scale,
                       double       x,
                       double       factor,
                       double       min_days_per_px,
                       double       max_days_per_px)
{
  double anchor;
  double days_per_px;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (factor > 0);
  g_return_if_fail (min_days_per_px > 0 && min_days_per_px <= max_days_per_px);

  anchor = dm_time_scale_x_to_axis (scale, x);
  days_per_px = CLAMP (scale->days_per_px / factor, min_days_per_px, max_days_per_px);

  scale->days_per_px = days_per_px;
  scale->origin = anchor - x * days_per_px;
}

void
dm_time_scale_fit (DmTimeScale *scale,
                   double       axis_start,
                   double       axis_end,
                   double       width,
                   double       margin)
{
  double usable = MAX (width - 2 * margin, 1);
  double span = MAX (axis_end - axis_start, 1.0 / 1440);

  g_return_if_fail (scale != NULL);

  scale->days_per_px = span / usable;
  scale->origin = axis_start - margin * scale->days_per_px;
}

const DmTickLevel *
dm_tick_level_for_scale (double days_per_px,
                         double min_spacing)
{
  guint n;
  const DmTickLevel *all = get_levels (&n);

  for (guint i = 0; i < n; i++)
    if (all[i].days / days_per_px >= min_spacing)
      return &all[i];

  return &all[n - 1];
}

const DmTickLevel *
dm_tick_level_get_coarser (const DmTickLevel *level)
{
  guint n;
  const DmTickLevel *all = get_levels (&n);
  DmTickUnit unit = DM_TICK_YEARS;
  gint64 step = 10;

  switch (level->unit)
    {
    case DM_TICK_MINUTES:
    case DM_TICK_HOURS:
      unit = DM_TICK_DAYS, step = 1;
      break;

    case DM_TICK_DAYS:
    case DM_TICK_WEEKS:
      unit = DM_TICK_MONTHS, step = 1;
      break;

    case DM_TICK_MONTHS:
      unit = DM_TICK_YEARS, step = 1;
      break;

    case DM_TICK_YEARS:
      /* The next power of ten: decades over years, centuries over
       * decades… */
      for (step = 10; step <= level->step && step < G_GINT64_CONSTANT (10000000000); step *= 10)
        ;
      break;

    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    if (all[i].unit == unit && all[i].step == step)
      return &all[i];

  return &all[n - 1];
}

/* Floor division that rounds towards minus infinity. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static void
add_tick (GArray       *ticks,
          double        axis,
          const DmDate *date)
{
  DmTick tick = { axis, *date };

  /* A view at either end of time reaches past the years a date can have
   * (the year 100 000 000 001): no tick names a date that cannot exist. */
  if (!dm_date_is_valid (date))
    return;

  g_array_append_val (ticks, tick);
}

static void
add_year_tick (GArray *ticks,
               gint64  year,
               double  axis_start,
               double  axis_end)
{
  DmDate date;
  double axis;

  if (year < -DM_DATE_YEAR_MAX || year > DM_DATE_YEAR_MAX)
    return;
  axis = (double) dm_date_days_from_civil (year, 1, 1);
  if (axis < axis_start || axis > axis_end)
    return;
  dm_date_init (&date, DM_DATE_PRECISION_YEAR, year, 0, 0, 0, 0);
  add_tick (ticks, axis, &date);
}

guint
dm_tick_level_get_ticks (const DmTickLevel *level,
                         double             axis_start,
                         double             axis_end,
                         GArray            *ticks)
{
  guint before;
  DmDate first;
  DmDate date;

  g_return_val_if_fail (level != NULL, 0);
  g_return_val_if_fail (ticks != NULL, 0);

  before = ticks->len;
  if (!(axis_end >= axis_start))
    return 0;

  switch (level->unit)
    {
    case DM_TICK_YEARS:
      {
        gint64 year;
        gint64 last;

        dm_date_from_axis (axis_start, DM_DATE_PRECISION_YEAR, &first);
        dm_date_from_axis (axis_end, DM_DATE_PRECISION_YEAR, &date);
        last = date.year;

        /* Before the common era, years are round as people count them:
         * 3000 BCE (the astronomical year -2999), not 3001 BCE; and deep
         * time reads "13.8 billion years ago", not one year more. */
        if (level->step > 1 && first.year <= 0)
          {
            gint64 bce_least = 1 - MIN (last, 0);
            gint64 bce;

            for (bce = floor_div (1 - first.year, level->step) * level->step; bce >= bce_least && bce > 0;
                 bce -= level->step)
              add_year_tick (ticks, 1 - bce, axis_start, axis_end);
            year = level->step;
          }
        else
          year = floor_div (first.year, level->step) * level->step;

        for (; year <= last; year += level->step)
          add_year_tick (ticks, year, axis_start, axis_end);
      }
      break;

    case DM_TICK_MONTHS:
      {
        gint64 index;
        gint64 last;

        dm_date_from_axis (axis_start, DM_DATE_PRECISION_MONTH, &first);
        dm_date_from_axis (axis_end, DM_DATE_PRECISION_MONTH, &date);
        last = date.year * 12 + date.month - 1;

        for (index = floor_div (first.year * 12 + first.month - 1, level->step) * level->step;
             index <= last;
             index += level->step)
          {
            gint64 year = floor_div (index, 12);
            guint month = (guint) (index - year * 12) + 1;
            double axis = (double) dm_date_days_from_civil (year, month, 1);

            if (axis < axis_start || axis > axis_end)
              continue;
            dm_date_init (&date, DM_DATE_PRECISION_MONTH, year, month, 0, 0, 0);
            add_tick (ticks, axis, &date);
          }
      }
      break;

    case DM_TICK_WEEKS:
    case DM_TICK_DAYS:
      {
        gint64 day = (gint64) ceil (axis_start);
        gint64 last = (gint64) floor (axis_end);

        /* 1970-01-05 (day 4) was a Monday. */
        if (level->unit == DM_TICK_WEEKS)
          day += ((4 - day) % 7 + 7) % 7;

        for (; day <= last; day += level->unit == DM_TICK_WEEKS ? 7 : 1)
          {
            gint64 year;
            guint month;
            guint mday;

            dm_date_civil_from_days (day, &year, &month, &mday);
            dm_date_init (&date, DM_DATE_PRECISION_DAY, year, month, mday, 0, 0);
            add_tick (ticks, (double) day, &date);
          }
      }
      break;

    case DM_TICK_HOURS:
    case DM_TICK_MINUTES:
      {
        gint64 minutes_step = level->step * (level->unit == DM_TICK_HOURS ? 60 : 1);
        gint64 minute = (gint64) ceil (axis_start * 1440 / minutes_step - 1e-9) * minutes_step;
        gint64 last = (gint64) floor (axis_end * 1440 + 1e-9);

        for (; minute <= last; minute += minutes_step)
          {
            gint64 day = floor_div (minute, 1440);
            guint in_day = (guint) (minute - day * 1440);
            gint64 year;
            guint month;
            guint mday;

            dm_date_civil_from_days (day, &year, &month, &mday);
            dm_date_init (&date, DM_DATE_PRECISION_MINUTE, year, month, mday, in_day / 60, in_day % 60);
            add_tick (ticks, (double) minute / 1440, &date);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return ticks->len - before;
}

/* Years far from ours, as people say them. */
static char *
format_deep_year (gint64     year,
                  DmLanguage language)
{
  double ago = 1.0 - (double) year;  /* years before 1 CE, near enough at this scale */
  gboolean billions = ago >= 1e9;
  double value = billions ? ago / 1e9 : ago / 1e6;
  char number[32];

  g_ascii_formatd (number, sizeof number, "%.4g", value);
  if (language == DM_LANGUAGE_VI)
    {
      for (char *p = number; *p; p++)
        if (*p == '.')
          *p = ',';
      return g_strdup_printf (billions ? "%s tỷ năm trước" : "%s triệu năm trước", number);
    }

  return g_strdup_printf (billions ? "%s billion years ago" : "%s million years ago", number);
}

static char *
format_year_label (gint64     year,
                   DmLanguage language)
{
  DmDate date;
  g_autofree char *text = NULL;

  if (year <= -999999)
    return format_deep_year (year, language);

  dm_date_init (&date, DM_DATE_PRECISION_YEAR, year, 0, 0, 0, 0);
  text = dm_date_format (&date, language);

  /* An axis says "2016", not "năm 2016", for every tick. */
  if (language == DM_LANGUAGE_VI && g_str_has_prefix (text, "năm "))
    return g_strdup (text + strlen ("năm "));

  return g_steal_pointer (&text);
}

char *
dm_tick_format (const DmTick      *tick,
                const DmTickLevel *level,
                gboolean           coarse_row,
                DmLanguage         language)
{
  const DmDate *date = &tick->date;

  g_return_val_if_fail (tick != NULL, NULL);
  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (dm_date_is_valid (date), NULL);
  g_return_val_if_fail (level->unit == DM_TICK_YEARS || date->precision >= DM_DATE_PRECISION_MONTH, NULL);
  g_return_val_if_fail (level->unit >= DM_TICK_MONTHS || date->precision >= DM_DATE_PRECISION_DAY, NULL);

  switch (level->unit)
    {
    case DM_TICK_YEARS:
      return format_year_label (date->year, language);

    case DM_TICK_MONTHS:
      if (coarse_row)
        return dm_date_format (date, language);
      if (language == DM_LANGUAGE_VI)
        return g_strdup_printf ("thg %u", (guint) date->month);
      return g_strdup (_(short_months_en[date->month - 1]));

    case DM_TICK_WEEKS:
    case DM_TICK_DAYS:
      if (coarse_row)
        return dm_date_format (date, language);
      if (date->day == 1)
        {
          /* The first of a month says which month it is. */
          if (language == DM_LANGUAGE_VI)
            return g_strdup_printf ("1/%u", (guint) date->month);
          return g_strdup_printf ("1 %s", _(short_months_en[date->month - 1]));
        }
      return g_strdup_printf ("%u", (guint) date->day);

    case DM_TICK_HOURS:
    case DM_TICK_MINUTES:
      if (coarse_row)
        return dm_date_format (date, language);
      return g_strdup_printf ("%02u:%02u", (guint) date->hour, (guint) date->minute);

    default:
      g_return_val_if_reached (NULL);
    }
}
