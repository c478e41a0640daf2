/* dm-date.c — partial civil dates: the core of Dấu Mốc's time model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-date.h"

G_DEFINE_QUARK (dm-date-error-quark, dm_date_error)

#define MINUTES_PER_DAY 1440

#define SYNTAX_MESSAGE \
  _("expected a date like 2020-05-22, 2020-05 or 2020 (year with at least four digits)")
#define TIME_SYNTAX_MESSAGE \
  _("expected a time of day like 2020-05-22T14:30 (hours and minutes only, no seconds)")

static const char * const month_names_en[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static const char * const month_names_vi[12] = {
  "tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6",
  "tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12",
};

/* Division rounding towards minus infinity, for b > 0. */
static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b) != 0 && a < 0)
    q--;

  return q;
}

gboolean
dm_date_is_leap_year (gint64 year)
{
  return (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
}

guint
dm_date_days_in_month (gint64 year,
                       guint  month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && dm_date_is_leap_year (year))
    return 29;

  return days[month - 1];
}

/* Howard Hinnant's days_from_civil, with 64-bit integers and floor division
 * so that it holds for any year (negative ones included). */
gint64
dm_date_days_from_civil (gint64 year,
                         guint  month,
                         guint  day)
{
  gint64 y;
  gint64 era;
  gint64 yoe;
  gint64 mp;
  gint64 doy;
  gint64 doe;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  g_return_val_if_fail (day >= 1 && day <= 31, 0);

  y = year - (month <= 2 ? 1 : 0);
  era = floor_div (y, 400);
  yoe = y - era * 400;                                  /* [0, 399] */
  mp = (month + 9) % 12;                                /* March = 0 */
  doy = (153 * mp + 2) / 5 + (gint64) day - 1;          /* [0, 365] */
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */

  return era * 146097 + doe - 719468;
}

void
dm_date_civil_from_days (gint64  days,
                         gint64 *year,
                         guint  *month,
                         guint  *day)
{
  gint64 z;
  gint64 era;
  gint64 doe;
  gint64 yoe;
  gint64 doy;
  gint64 mp;
  gint64 y;
  guint m;
  guint d;

  /* Keep clear of overflow; any real date is far inside this. */
  g_return_if_fail (days > G_MININT64 / 2 && days < G_MAXINT64 / 2);

  z = days + 719468;
  era = floor_div (z, 146097);
  doe = z - era * 146097;                                          /* [0, 146096] */
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;     /* [0, 399] */
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                   /* [0, 365] */
  mp = (5 * doy + 2) / 153;                                        /* [0, 11] */
  d = (guint) (doy - (153 * mp + 2) / 5 + 1);                      /* [1, 31] */
  m = (guint) (mp < 10 ? mp + 3 : mp - 9);                         /* [1, 12] */

  if (m <= 2)
    y++;

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
}

static gboolean
fields_are_valid (DmDatePrecision precision,
                  gint64          year,
                  guint           month,
                  guint           day,
                  guint           hour,
                  guint           minute)
{
  if (precision < DM_DATE_PRECISION_YEAR || precision > DM_DATE_PRECISION_MINUTE)
    return FALSE;

  if (year < -DM_DATE_YEAR_MAX || year > DM_DATE_YEAR_MAX)
    return FALSE;

  if (precision >= DM_DATE_PRECISION_MONTH)
    {
      if (month < 1 || month > 12)
        return FALSE;
    }
  else if (month != 0)
    return FALSE;

  if (precision >= DM_DATE_PRECISION_DAY)
    {
      if (day < 1 || day > dm_date_days_in_month (year, month))
        return FALSE;
    }
  else if (day != 0)
    return FALSE;

  if (precision >= DM_DATE_PRECISION_MINUTE)
    {
      if (hour > 23 || minute > 59)
        return FALSE;
    }
  else if (hour != 0 || minute != 0)
    return FALSE;

  return TRUE;
}

gboolean
dm_date_init (DmDate          *date,
              DmDatePrecision  precision,
              gint64           year,
              guint            month,
              guint            day,
              guint            hour,
              guint            minute)
{
  g_return_val_if_fail (date != NULL, FALSE);

  memset (date, 0, sizeof *date);

  if (!fields_are_valid (precision, year, month, day, hour, minute))
    return FALSE;

  date->year = year;
  date->month = (guint8) month;
  date->day = (guint8) day;
  date->hour = (guint8) hour;
  date->minute = (guint8) minute;
  date->precision = (guint8) precision;

  return TRUE;
}

gboolean
dm_date_is_set (const DmDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  return date->precision != DM_DATE_PRECISION_NONE;
}

gboolean
dm_date_is_valid (const DmDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  return fields_are_valid (date->precision, date->year, date->month,
                           date->day, date->hour, date->minute);
}

/* Reads exactly @n_digits ASCII digits that are not followed by another
 * digit. */
static gboolean
parse_digits (const char **p,
              guint        n_digits,
              guint       *out_value)
{
  const char *s = *p;
  guint value = 0;
  guint i;

  for (i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (guint) (s[i] - '0');
    }

  if (g_ascii_isdigit (s[n_digits]))
    return FALSE;

  *p = s + n_digits;
  *out_value = value;

  return TRUE;
}

/* Decimal digits of @value, grouped in threes with @separator when the
 * value has five digits or more. */
static char *
format_grouped (guint64 value,
                char    separator)
{
  char digits[32];
  GString *out;
  gsize len;
  gsize i;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  if (value < 10000)
    return g_strdup (digits);

  len = strlen (digits);
  out = g_string_sized_new (len + len / 3 + 1);
  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/* "2016", "44 BCE", "13,800,000,001 BCE"; "44 TCN", "13.800.000.001 TCN". */
static char *
format_year (gint64     year,
             DmLanguage language)
{
  char separator = language == DM_LANGUAGE_VI ? '.' : ',';
  g_autofree char *digits = NULL;

  if (year > 0)
    return format_grouped ((guint64) year, separator);

  /* Year 0 is 1 BCE, year -43 is 44 BCE. */
  digits = format_grouped ((guint64) 1 - (guint64) year, separator);
  if (language == DM_LANGUAGE_VI)
    return g_strconcat (digits, " TCN", NULL);

  return g_strconcat (digits, " BCE", NULL);
}

static gboolean
set_error_out_of_range_day (GError **error,
                            gint64   year,
                            guint    month,
                            guint    day)
{
  guint n_days = dm_date_days_in_month (year, month);
  g_autofree char *month_text = NULL;
  DmDate month_date = { year, month, 0, 0, 0, DM_DATE_PRECISION_MONTH };

  /* The month as the user interface's language writes it. */
  month_text = dm_date_format (&month_date, dm_language_from_locale ());

  if (day == 0)
    g_set_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                 _("day must be between 1 and %u, not 0"), n_days);
  else
    g_set_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                 /* TRANSLATORS: “February 2021 has 28 days, not 30” */
                 _("%s has %u days, not %u"),
                 month_text, n_days, day);

  return FALSE;
}

gboolean
dm_date_parse (const char  *text,
               DmDate      *out_date,
               GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gboolean too_large = FALSE;
  guint64 magnitude = 0;
  guint n_year_digits = 0;
  guint month = 0;
  guint day = 0;
  guint hour = 0;
  guint minute = 0;
  gint64 year;
  DmDatePrecision precision = DM_DATE_PRECISION_YEAR;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out_date, 0, sizeof *out_date);

  p = text;
  if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      p++;
    }

  /* Checked accumulation: stop accumulating (but keep scanning) as soon
   * as the magnitude would exceed DM_DATE_YEAR_MAX, so that arbitrarily
   * long digit strings cannot overflow. */
  for (; g_ascii_isdigit (*p); p++)
    {
      guint64 digit = (guint64) (*p - '0');

      n_year_digits++;
      if (too_large)
        continue;

      if (magnitude > ((guint64) DM_DATE_YEAR_MAX - digit) / 10)
        too_large = TRUE;
      else
        magnitude = magnitude * 10 + digit;
    }

  if (n_year_digits < 4)
    goto syntax_error;

  if (*p == '-')
    {
      p++;
      if (!parse_digits (&p, 2, &month))
        goto syntax_error;
      precision = DM_DATE_PRECISION_MONTH;

      if (*p == '-')
        {
          p++;
          if (!parse_digits (&p, 2, &day))
            goto syntax_error;
          precision = DM_DATE_PRECISION_DAY;

          if (*p == 'T')
            {
              p++;
              if (!parse_digits (&p, 2, &hour) ||
                  *p++ != ':' ||
                  !parse_digits (&p, 2, &minute) ||
                  *p != '\0')
                goto time_syntax_error;
              precision = DM_DATE_PRECISION_MINUTE;
            }
        }
    }

  if (*p != '\0')
    goto syntax_error;

  if (too_large)
    {
      g_set_error_literal (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                           _("year must be between -100,000,000,000 and 100,000,000,000"));
      return FALSE;
    }

  year = negative ? -(gint64) magnitude : (gint64) magnitude;

  if (precision >= DM_DATE_PRECISION_MONTH && (month < 1 || month > 12))
    {
      g_set_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                   _("month must be between 1 and 12, not %u"), month);
      return FALSE;
    }

  if (precision >= DM_DATE_PRECISION_DAY &&
      (day < 1 || day > dm_date_days_in_month (year, month)))
    return set_error_out_of_range_day (error, year, month, day);

  if (precision >= DM_DATE_PRECISION_MINUTE)
    {
      if (hour > 23)
        {
          g_set_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                       _("hour must be between 0 and 23, not %u"), hour);
          return FALSE;
        }
      if (minute > 59)
        {
          g_set_error (error, DM_DATE_ERROR, DM_DATE_ERROR_OUT_OF_RANGE,
                       _("minute must be between 0 and 59, not %u"), minute);
          return FALSE;
        }
    }

  if (!dm_date_init (out_date, precision, year, month, day, hour, minute))
    g_assert_not_reached ();

  return TRUE;

syntax_error:
  g_set_error_literal (error, DM_DATE_ERROR, DM_DATE_ERROR_SYNTAX, SYNTAX_MESSAGE);
  return FALSE;

time_syntax_error:
  g_set_error_literal (error, DM_DATE_ERROR, DM_DATE_ERROR_SYNTAX, TIME_SYNTAX_MESSAGE);
  return FALSE;
}

gboolean
dm_date_ends_before_start (const DmDate  *start,
                           const DmDate  *end,
                           char         **start_text,
                           char         **end_text)
{
  if (!dm_date_is_set (start) || !dm_date_is_set (end) ||
      dm_date_get_axis_end (end) > dm_date_get_axis_start (start))
    return FALSE;

  *start_text = dm_date_to_iso (start);
  *end_text = dm_date_to_iso (end);
  return TRUE;
}

char *
dm_date_to_iso (const DmDate *date)
{
  GString *out;

  g_return_val_if_fail (date != NULL, NULL);

  if (!dm_date_is_set (date))
    return g_strdup ("");

  g_return_val_if_fail (dm_date_is_valid (date), NULL);

  out = g_string_new (NULL);
  if (date->year < 0)
    g_string_append_printf (out, "-%04" G_GUINT64_FORMAT, (guint64) (-date->year));
  else
    g_string_append_printf (out, "%04" G_GINT64_FORMAT, date->year);

  if (date->precision >= DM_DATE_PRECISION_MONTH)
    g_string_append_printf (out, "-%02u", (guint) date->month);
  if (date->precision >= DM_DATE_PRECISION_DAY)
    g_string_append_printf (out, "-%02u", (guint) date->day);
  if (date->precision >= DM_DATE_PRECISION_MINUTE)
    g_string_append_printf (out, "T%02u:%02u", (guint) date->hour, (guint) date->minute);

  return g_string_free (out, FALSE);
}

/* The start of @date's span as an exact day number and minute of the day. */
static void
get_start (const DmDate *date,
           gint64       *days,
           guint        *minutes)
{
  guint month = date->precision >= DM_DATE_PRECISION_MONTH ? date->month : 1;
  guint day = date->precision >= DM_DATE_PRECISION_DAY ? date->day : 1;

  *days = dm_date_days_from_civil (date->year, month, day);
  *minutes = 0;
  if (date->precision >= DM_DATE_PRECISION_MINUTE)
    *minutes = (guint) date->hour * 60 + date->minute;
}

void
dm_date_get_order_key (const DmDate *date,
                       gint64       *major,
                       guint32      *minor)
{
  gint64 days;
  guint minutes;

  g_return_if_fail (date != NULL);

  /* Unset dates sort first; no set date is that far back. */
  if (date->precision == DM_DATE_PRECISION_NONE)
    {
      *major = G_MININT64;
      *minor = 0;
      return;
    }

  get_start (date, &days, &minutes);
  *major = days;
  *minor = minutes * 8 + date->precision;
}

int
dm_date_compare (const DmDate *a,
                 const DmDate *b)
{
  gint64 days_a;
  gint64 days_b;
  guint minutes_a;
  guint minutes_b;
  gboolean set_a;
  gboolean set_b;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  /* Unset dates sort before every set date. */
  set_a = dm_date_is_set (a);
  set_b = dm_date_is_set (b);
  if (!set_a || !set_b)
    return (int) set_a - (int) set_b;

  get_start (a, &days_a, &minutes_a);
  get_start (b, &days_b, &minutes_b);

  if (days_a != days_b)
    return days_a < days_b ? -1 : 1;
  if (minutes_a != minutes_b)
    return minutes_a < minutes_b ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;

  return 0;
}

gboolean
dm_date_equal (const DmDate *a,
               const DmDate *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->precision == b->precision &&
         a->year == b->year &&
         a->month == b->month &&
         a->day == b->day &&
         a->hour == b->hour &&
         a->minute == b->minute;
}

double
dm_date_get_axis_start (const DmDate *date)
{
  gint64 days;
  guint minutes;

  g_return_val_if_fail (date != NULL, 0.0);
  g_return_val_if_fail (dm_date_is_valid (date), 0.0);

  get_start (date, &days, &minutes);

  return (double) days + minutes / (double) MINUTES_PER_DAY;
}

double
dm_date_get_axis_end (const DmDate *date)
{
  gint64 days;
  guint minutes;

  g_return_val_if_fail (date != NULL, 0.0);
  g_return_val_if_fail (dm_date_is_valid (date), 0.0);

  get_start (date, &days, &minutes);

  switch ((DmDatePrecision) date->precision)
    {
    case DM_DATE_PRECISION_YEAR:
      return (double) dm_date_days_from_civil (date->year + 1, 1, 1);

    case DM_DATE_PRECISION_MONTH:
      if (date->month == 12)
        return (double) dm_date_days_from_civil (date->year + 1, 1, 1);
      return (double) dm_date_days_from_civil (date->year, date->month + 1u, 1);

    case DM_DATE_PRECISION_DAY:
      return (double) (days + 1);

    case DM_DATE_PRECISION_MINUTE:
      return (double) days + (minutes + 1) / (double) MINUTES_PER_DAY;

    case DM_DATE_PRECISION_NONE:
    default:
      break;
    }

  g_return_val_if_reached (0.0);
}

void
dm_date_from_axis (double           axis,
                   DmDatePrecision  precision,
                   DmDate          *out_date)
{
  gint64 first_day;
  gint64 end_day;
  gint64 days;
  gint64 minutes = 0;
  gint64 year;
  guint month;
  guint day;
  double day_floor;

  g_return_if_fail (out_date != NULL);

  memset (out_date, 0, sizeof *out_date);

  g_return_if_fail (precision <= DM_DATE_PRECISION_MINUTE);
  g_return_if_fail (!isnan (axis));

  if (precision == DM_DATE_PRECISION_NONE)
    return;

  /* Clamp to the representable years. */
  first_day = dm_date_days_from_civil (-DM_DATE_YEAR_MAX, 1, 1);
  end_day = dm_date_days_from_civil (DM_DATE_YEAR_MAX + 1, 1, 1);

  if (axis < (double) first_day)
    {
      days = first_day;
    }
  else if (axis >= (double) end_day)
    {
      days = end_day - 1;
      minutes = MINUTES_PER_DAY - 1;
    }
  else
    {
      day_floor = floor (axis);
      days = (gint64) day_floor;

      if (precision == DM_DATE_PRECISION_MINUTE)
        {
          /* The fraction of the day, in minutes. get_axis_start() rounds
           * start + minutes / 1440 to the nearest double, so a minute's own
           * start can come out a hair below the exact value: accept values
           * within a few units in the last place of a minute boundary as
           * that minute, and floor everything else. Where doubles are too
           * coarse to resolve minutes (|axis| beyond about 2^42 days, some
           * twelve billion years) this degrades to rounding to the nearest
           * minute. */
          double scaled = (axis - day_floor) * MINUTES_PER_DAY;
          double magnitude = fabs (axis);
          double ulp = nextafter (magnitude, INFINITY) - magnitude;
          double tolerance = MIN (0.49, 1e-6 + MINUTES_PER_DAY * ulp);
          double nearest = round (scaled);

          if (fabs (scaled - nearest) <= tolerance)
            minutes = (gint64) nearest;
          else
            minutes = (gint64) floor (scaled);

          if (minutes >= MINUTES_PER_DAY)
            {
              minutes -= MINUTES_PER_DAY;
              days++;
            }
          else if (minutes < 0)
            {
              minutes = 0;
            }

          if (days >= end_day)
            {
              days = end_day - 1;
              minutes = MINUTES_PER_DAY - 1;
            }
        }
    }

  dm_date_civil_from_days (days, &year, &month, &day);

  switch (precision)
    {
    case DM_DATE_PRECISION_YEAR:
      dm_date_init (out_date, precision, year, 0, 0, 0, 0);
      break;

    case DM_DATE_PRECISION_MONTH:
      dm_date_init (out_date, precision, year, month, 0, 0, 0);
      break;

    case DM_DATE_PRECISION_DAY:
      dm_date_init (out_date, precision, year, month, day, 0, 0);
      break;

    case DM_DATE_PRECISION_MINUTE:
      dm_date_init (out_date, precision, year, month, day,
                    (guint) (minutes / 60), (guint) (minutes % 60));
      break;

    case DM_DATE_PRECISION_NONE:
    default:
      g_assert_not_reached ();
    }
}

const char *
dm_date_month_name (guint      month,
                    DmLanguage language)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  if (language == DM_LANGUAGE_VI)
    return month_names_vi[month - 1];

  return month_names_en[month - 1];
}

char *
dm_date_format (const DmDate *date,
                DmLanguage    language)
{
  g_autofree char *year = NULL;
  const char *month_name;

  g_return_val_if_fail (date != NULL, NULL);

  if (!dm_date_is_set (date))
    return g_strdup ("");

  g_return_val_if_fail (dm_date_is_valid (date), NULL);

  year = format_year (date->year, language);
  month_name = date->month != 0 ? dm_date_month_name (date->month, DM_LANGUAGE_EN) : NULL;

  if (language == DM_LANGUAGE_VI)
    {
      switch ((DmDatePrecision) date->precision)
        {
        case DM_DATE_PRECISION_YEAR:
          return g_strdup_printf ("năm %s", year);
        case DM_DATE_PRECISION_MONTH:
          return g_strdup_printf ("tháng %u năm %s", (guint) date->month, year);
        case DM_DATE_PRECISION_DAY:
          return g_strdup_printf ("%u/%u/%s", (guint) date->day, (guint) date->month, year);
        case DM_DATE_PRECISION_MINUTE:
          return g_strdup_printf ("%02u:%02u %u/%u/%s",
                                  (guint) date->hour, (guint) date->minute,
                                  (guint) date->day, (guint) date->month, year);
        case DM_DATE_PRECISION_NONE:
        default:
          g_return_val_if_reached (NULL);
        }
    }

  switch ((DmDatePrecision) date->precision)
    {
    case DM_DATE_PRECISION_YEAR:
      return g_steal_pointer (&year);
    case DM_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%s %s", month_name, year);
    case DM_DATE_PRECISION_DAY:
      return g_strdup_printf ("%u %s %s", (guint) date->day, month_name, year);
    case DM_DATE_PRECISION_MINUTE:
      return g_strdup_printf ("%u %s %s, %02u:%02u",
                              (guint) date->day, month_name, year,
                              (guint) date->hour, (guint) date->minute);
    case DM_DATE_PRECISION_NONE:
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

/* The shorter forms people write for ranges within one year, or NULL:
 *   EN "9–18 November 2021", "9 November – 6 December 2021",
 *      "January – March 2019"
 *   VI "9–18/11/2021", "9/11 – 6/12/2021", "tháng 1 – tháng 3 năm 2019",
 *      "năm 2016 – 2020" */
static char *
format_range_compact (const DmDate *start,
                      const DmDate *end,
                      DmLanguage    language)
{
  gboolean vi = language == DM_LANGUAGE_VI;
  g_autofree char *year = NULL;
  g_autofree char *end_year = NULL;

  if (start->precision != end->precision || start->year <= 0 || end->year <= 0)
    return NULL;

  year = format_year (end->year, language);

  if (start->precision == DM_DATE_PRECISION_YEAR)
    {
      if (!vi || start->year == end->year)
        return NULL;
      end_year = format_year (end->year, language);
      return g_strdup_printf ("năm %" G_GINT64_FORMAT " – %s", start->year, end_year);
    }

  if (start->year != end->year)
    return NULL;

  if (start->precision == DM_DATE_PRECISION_MONTH)
    {
      if (start->month == end->month)
        return NULL;
      if (vi)
        return g_strdup_printf ("tháng %u – tháng %u năm %s", start->month, end->month, year);
      return g_strdup_printf ("%s – %s %s", dm_date_month_name (start->month, language),
                              dm_date_month_name (end->month, language), year);
    }

  if (start->precision == DM_DATE_PRECISION_DAY)
    {
      if (start->month == end->month && start->day == end->day)
        return NULL;
      if (start->month == end->month)
        {
          if (vi)
            return g_strdup_printf ("%u–%u/%u/%s", start->day, end->day, end->month, year);
          return g_strdup_printf ("%u–%u %s %s", start->day, end->day,
                                  dm_date_month_name (end->month, language), year);
        }
      if (vi)
        return g_strdup_printf ("%u/%u – %u/%u/%s", start->day, start->month, end->day, end->month, year);
      return g_strdup_printf ("%u %s – %u %s %s", start->day, dm_date_month_name (start->month, language),
                              end->day, dm_date_month_name (end->month, language), year);
    }

  return NULL;
}

char *
dm_date_format_range (const DmDate *start,
                      const DmDate *end,
                      DmLanguage    language)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  gboolean has_start;
  gboolean has_end;

  g_return_val_if_fail (start != NULL, NULL);

  has_start = dm_date_is_set (start);
  has_end = end != NULL && dm_date_is_set (end);

  if (has_start)
    start_text = dm_date_format (start, language);
  if (has_end)
    end_text = dm_date_format (end, language);

  if (has_start && has_end && dm_date_equal (start, end))
    return g_steal_pointer (&start_text);

  if (has_start && has_end)
    {
      char *compact = format_range_compact (start, end, language);

      if (compact != NULL)
        return compact;
      return g_strconcat (start_text, " – ", end_text, NULL);
    }
  if (has_end)
    return g_steal_pointer (&end_text);
  if (has_start)
    return g_steal_pointer (&start_text);

  return g_strdup ("");
}

DmLanguage
dm_language_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "vi"))
        return DM_LANGUAGE_VI;
      if (g_str_has_prefix (names[i], "en"))
        return DM_LANGUAGE_EN;
    }

  return DM_LANGUAGE_EN;
}

gboolean
dm_language_from_name (const char *name,
                       DmLanguage *language)
{
  g_return_val_if_fail (language != NULL, FALSE);

  if (g_strcmp0 (name, "vi") == 0)
    *language = DM_LANGUAGE_VI;
  else if (g_strcmp0 (name, "en") == 0)
    *language = DM_LANGUAGE_EN;
  else
    return FALSE;
  return TRUE;
}
