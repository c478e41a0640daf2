/* dm-date.h — partial civil dates: the core of Dấu Mốc's time model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A civil date as a dataset states it: a year, a month of a year, a day, or
 * a day with a time of day. The precision is part of the value: "2016" is
 * the whole year 2016, not 1 January 2016.
 *
 * Years use ISO 8601 astronomical numbering: year 0 is 1 BCE, year -43 is
 * 44 BCE. The proleptic Gregorian calendar is used throughout. Years range
 * over ±DM_DATE_YEAR_MAX so that cosmological timelines (-13 800 000 000)
 * fit.
 */

#define DM_DATE_YEAR_MAX G_GINT64_CONSTANT (100000000000) /* 10^11 */

typedef enum
{
  DM_DATE_PRECISION_NONE = 0,   /* an unset date */
  DM_DATE_PRECISION_YEAR,
  DM_DATE_PRECISION_MONTH,
  DM_DATE_PRECISION_DAY,
  DM_DATE_PRECISION_MINUTE,     /* YYYY-MM-DDTHH:MM */
} DmDatePrecision;

typedef enum
{
  DM_LANGUAGE_EN,
  DM_LANGUAGE_VI,
} DmLanguage;

typedef struct
{
  gint64 year;          /* astronomical year */
  guint8 month;         /* 1..12, 0 when precision < MONTH */
  guint8 day;           /* 1..31, 0 when precision < DAY */
  guint8 hour;          /* 0..23, 0 when precision < MINUTE */
  guint8 minute;        /* 0..59, 0 when precision < MINUTE */
  guint8 precision;     /* DmDatePrecision */
} DmDate;

#define DM_DATE_ERROR (dm_date_error_quark ())

typedef enum
{
  DM_DATE_ERROR_SYNTAX,      /* not of the form [±]YYYY[-MM[-DD[THH:MM]]] */
  DM_DATE_ERROR_OUT_OF_RANGE /* month 13, day 30 of February, hour 25, year too large… */
} DmDateError;

GQuark       dm_date_error_quark          (void);

/* Parses "2016", "2019-01", "2020-05-22", "2020-05-22T14:30", "-0043-03-15",
 * "0000", "-13800000000", "+12345". At least four year digits are required;
 * a leading '-' or '+' is allowed. Nothing may follow the value. Invalid
 * calendar values are errors (never rolled over). The messages are written
 * for people ("February 2021 has 28 days, not 30"). */
gboolean     dm_date_parse                (const char   *text,
                                           DmDate       *out_date,
                                           GError      **error);

/* Builds a date at the given precision; returns FALSE (without error
 * reporting) if the fields are invalid. Fields finer than the precision
 * must be 0. */
gboolean     dm_date_init                 (DmDate          *date,
                                           DmDatePrecision  precision,
                                           gint64           year,
                                           guint            month,
                                           guint            day,
                                           guint            hour,
                                           guint            minute);

gboolean     dm_date_is_set               (const DmDate *date);
gboolean     dm_date_is_valid             (const DmDate *date);

/* ISO form with exactly the date's precision, e.g. "2019-01", "-0043-03-15",
 * "-13800000000". Years are padded to at least four digits. Round-trips
 * through dm_date_parse(). */
char        *dm_date_to_iso               (const DmDate *date);
/* TRUE when both are set and @end ends before @start starts, an order
 * the loader, the importers and editing refuse; then @start_text and
 * @end_text (freed by the caller) say both, as dm_date_to_iso(). */
gboolean     dm_date_ends_before_start    (const DmDate  *start,
                                           const DmDate  *end,
                                           char         **start_text,
                                           char         **end_text);

/* Total order by the start of each date's span, then by precision (coarser
 * first), so 2019 < 2019-01 < 2019-01-01 < 2019-01-01T00:00 < 2019-01-02. */
int          dm_date_compare              (const DmDate *a,
                                           const DmDate *b);
/* Two numbers that order dates as dm_date_compare() does: by @major,
 * then by @minor (for sorting many dates without comparing structs). */
void         dm_date_get_order_key        (const DmDate *date,
                                           gint64       *major,
                                           guint32      *minor);
gboolean     dm_date_equal                (const DmDate *a,
                                           const DmDate *b);

/* The continuous axis: days since 1970-01-01T00:00 (proleptic Gregorian,
 * civil time, no time zones), as a double. A date covers the half-open span
 * [start, end): "2016" covers [2016-01-01, 2017-01-01). */
double       dm_date_get_axis_start       (const DmDate *date);
double       dm_date_get_axis_end         (const DmDate *date);

/* Days since 1970-01-01 of a full day date (exact integer arithmetic). */
gint64       dm_date_days_from_civil      (gint64        year,
                                           guint         month,
                                           guint         day);
void         dm_date_civil_from_days      (gint64        days,
                                           gint64       *year,
                                           guint        *month,
                                           guint        *day);

/* The date at @precision whose span contains axis coordinate @axis,
 * e.g. from_axis (x, YEAR) is the year x falls in. */
void         dm_date_from_axis            (double           axis,
                                           DmDatePrecision  precision,
                                           DmDate          *out_date);

guint        dm_date_days_in_month        (gint64        year,
                                           guint         month);
gboolean     dm_date_is_leap_year         (gint64        year);

/* Human form at the date's own precision, in the given language:
 *   EN: "2016", "January 2019", "22 May 2020", "22 May 2020, 14:30",
 *       "44 BCE", "March 44 BCE", "15 March 44 BCE", "13,800,000,001 BCE"
 *   VI: "năm 2016", "tháng 1 năm 2019", "22/5/2020", "14:30 22/5/2020",
 *       "năm 44 TCN", "tháng 3 năm 44 TCN", "15/3/44 TCN",
 *       "năm 13.800.000.001 TCN"
 * Years 1..9999 CE print without grouping; larger magnitudes are grouped in
 * threes (',' in English, '.' in Vietnamese). There is no year zero: year 0
 * is "1 BCE" / "năm 1 TCN". */
char        *dm_date_format               (const DmDate *date,
                                           DmLanguage    language);

/* A range "start – end", each end at its own precision, shortened the way
 * people write ranges within one year:
 *   EN "9–18 November 2021", "9 November – 6 December 2021",
 *      "January – March 2019", "2016 – 2020", "2016 – January 2019"
 *   VI "9–18/11/2021", "9/11 – 6/12/2021", "tháng 1 – tháng 3 năm 2019",
 *      "năm 2016 – 2020", "năm 2016 – tháng 1 năm 2019"
 * @end may be NULL or unset. */
char        *dm_date_format_range         (const DmDate *start,
                                           const DmDate *end,
                                           DmLanguage    language);

/* The data language that matches the user interface's: Vietnamese when the
 * messages locale (or LANGUAGE) asks for it, English otherwise. */
DmLanguage   dm_language_from_locale      (void);
/* The language a command line names: "vi" or "en". */
gboolean     dm_language_from_name        (const char   *name,
                                           DmLanguage   *language);

/* Month names used by the formatter and by the time axis. @month is 1..12. */
const char  *dm_date_month_name           (guint         month,
                                           DmLanguage    language);

G_END_DECLS
