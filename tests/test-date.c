/* test-date.c — tests for partial civil dates (dm-date.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dm-date.h"

#include <math.h>
#include <string.h>

#define MINUTE_FRACTION(h, m) (((h) * 60 + (m)) / 1440.0)

/* Parses @text, which the test expects to be valid. */
static DmDate
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  DmDate date;
  gboolean ok;

  ok = dm_date_parse (text, &date, &error);
  if (!ok)
    g_test_message ("parsing '%s' failed: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_true (ok);

  return date;
}

static DmDate
make_date (DmDatePrecision precision,
           gint64          year,
           guint           month,
           guint           day,
           guint           hour,
           guint           minute)
{
  DmDate date;

  g_assert_true (dm_date_init (&date, precision, year, month, day, hour, minute));

  return date;
}

static void
assert_date_fields (const DmDate    *date,
                    DmDatePrecision  precision,
                    gint64           year,
                    guint            month,
                    guint            day,
                    guint            hour,
                    guint            minute)
{
  g_assert_cmpint (date->precision, ==, precision);
  g_assert_cmpint (date->year, ==, year);
  g_assert_cmpuint (date->month, ==, month);
  g_assert_cmpuint (date->day, ==, day);
  g_assert_cmpuint (date->hour, ==, hour);
  g_assert_cmpuint (date->minute, ==, minute);
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  DmDatePrecision precision;
  gint64 year;
  guint month;
  guint day;
  guint hour;
  guint minute;
} ValidParse;

static const ValidParse valid_parses[] = {
  { "2016", DM_DATE_PRECISION_YEAR, 2016, 0, 0, 0, 0 },
  { "2019-01", DM_DATE_PRECISION_MONTH, 2019, 1, 0, 0, 0 },
  { "2019-12", DM_DATE_PRECISION_MONTH, 2019, 12, 0, 0, 0 },
  { "2020-05-22", DM_DATE_PRECISION_DAY, 2020, 5, 22, 0, 0 },
  { "2020-05-22T14:30", DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 14, 30 },
  { "2020-05-22T00:00", DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 0, 0 },
  { "2020-05-22T23:59", DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 23, 59 },
  { "1970-01-01", DM_DATE_PRECISION_DAY, 1970, 1, 1, 0, 0 },
  { "2024-02-29", DM_DATE_PRECISION_DAY, 2024, 2, 29, 0, 0 },
  { "2000-02-29", DM_DATE_PRECISION_DAY, 2000, 2, 29, 0, 0 },
  { "2021-12-31", DM_DATE_PRECISION_DAY, 2021, 12, 31, 0, 0 },
  { "+2020", DM_DATE_PRECISION_YEAR, 2020, 0, 0, 0, 0 },
  { "+12345", DM_DATE_PRECISION_YEAR, 12345, 0, 0, 0, 0 },
  { "+0001-02-03", DM_DATE_PRECISION_DAY, 1, 2, 3, 0, 0 },
  { "12345", DM_DATE_PRECISION_YEAR, 12345, 0, 0, 0, 0 },
  { "00002020", DM_DATE_PRECISION_YEAR, 2020, 0, 0, 0, 0 },
  { "0000", DM_DATE_PRECISION_YEAR, 0, 0, 0, 0, 0 },
  { "-0000", DM_DATE_PRECISION_YEAR, 0, 0, 0, 0, 0 },
  { "+0000", DM_DATE_PRECISION_YEAR, 0, 0, 0, 0, 0 },
  { "0000-02-29", DM_DATE_PRECISION_DAY, 0, 2, 29, 0, 0 },
  { "0001", DM_DATE_PRECISION_YEAR, 1, 0, 0, 0, 0 },
  { "-0001", DM_DATE_PRECISION_YEAR, -1, 0, 0, 0, 0 },
  { "-0043", DM_DATE_PRECISION_YEAR, -43, 0, 0, 0, 0 },
  { "-0043-03", DM_DATE_PRECISION_MONTH, -43, 3, 0, 0, 0 },
  { "-0043-03-15", DM_DATE_PRECISION_DAY, -43, 3, 15, 0, 0 },
  { "-0043-03-15T12:05", DM_DATE_PRECISION_MINUTE, -43, 3, 15, 12, 5 },
  { "-0004-02-29", DM_DATE_PRECISION_DAY, -4, 2, 29, 0, 0 },
  { "-13800000000", DM_DATE_PRECISION_YEAR, G_GINT64_CONSTANT (-13800000000), 0, 0, 0, 0 },
  { "100000000000", DM_DATE_PRECISION_YEAR, DM_DATE_YEAR_MAX, 0, 0, 0, 0 },
  { "-100000000000", DM_DATE_PRECISION_YEAR, -DM_DATE_YEAR_MAX, 0, 0, 0, 0 },
  { "+100000000000-12-31T23:59", DM_DATE_PRECISION_MINUTE, DM_DATE_YEAR_MAX, 12, 31, 23, 59 },
  { "-100000000000-01-01T00:00", DM_DATE_PRECISION_MINUTE, -DM_DATE_YEAR_MAX, 1, 1, 0, 0 },
  { "0000000000000000000000000000000000002020", DM_DATE_PRECISION_YEAR, 2020, 0, 0, 0, 0 },
};

static void
test_parse_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_parses); i++)
    {
      const ValidParse *row = &valid_parses[i];
      DmDate date = parse_ok (row->text);

      g_test_message ("valid: %s", row->text);
      assert_date_fields (&date, row->precision, row->year, row->month,
                          row->day, row->hour, row->minute);
      g_assert_true (dm_date_is_set (&date));
      g_assert_true (dm_date_is_valid (&date));
    }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  DmDateError code;
  const char *message_part;   /* NULL: not checked */
} InvalidParse;

static const InvalidParse invalid_parses[] = {
  /* Calendar values out of range */
  { "2021-02-30", DM_DATE_ERROR_OUT_OF_RANGE, "February 2021 has 28 days, not 30" },
  { "2019-02-29", DM_DATE_ERROR_OUT_OF_RANGE, "February 2019 has 28 days, not 29" },
  { "2024-02-30", DM_DATE_ERROR_OUT_OF_RANGE, "February 2024 has 29 days, not 30" },
  { "1900-02-29", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "2021-04-31", DM_DATE_ERROR_OUT_OF_RANGE, "April 2021 has 30 days, not 31" },
  { "-0043-02-29", DM_DATE_ERROR_OUT_OF_RANGE, "February 44 BCE has 28 days, not 29" },
  { "2020-00", DM_DATE_ERROR_OUT_OF_RANGE, "month must be between 1 and 12, not 0" },
  { "2020-13", DM_DATE_ERROR_OUT_OF_RANGE, "month must be between 1 and 12, not 13" },
  { "2020-13-01", DM_DATE_ERROR_OUT_OF_RANGE, "not 13" },
  { "2020-05-00", DM_DATE_ERROR_OUT_OF_RANGE, "day must be between 1 and 31, not 0" },
  { "2020-05-32", DM_DATE_ERROR_OUT_OF_RANGE, "May 2020 has 31 days, not 32" },
  { "2020-01-99", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "2020-05-22T24:00", DM_DATE_ERROR_OUT_OF_RANGE, "hour must be between 0 and 23, not 24" },
  { "2020-05-22T25:00", DM_DATE_ERROR_OUT_OF_RANGE, "hour must be between 0 and 23, not 25" },
  { "2020-05-22T14:60", DM_DATE_ERROR_OUT_OF_RANGE, "minute must be between 0 and 59, not 60" },
  { "2020-05-22T14:99", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "100000000001", DM_DATE_ERROR_OUT_OF_RANGE, "year must be between" },
  { "-100000000001", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "+100000000001-01-01", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "999999999999", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "9223372036854775807", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "18446744073709551617", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "1234567890123456789012345678901234567890", DM_DATE_ERROR_OUT_OF_RANGE, NULL },
  { "-1234567890123456789012345678901234567890-01-01", DM_DATE_ERROR_OUT_OF_RANGE, NULL },

  /* Syntax */
  { "", DM_DATE_ERROR_SYNTAX,
    "expected a date like 2020-05-22, 2020-05 or 2020 (year with at least four digits)" },
  { "20", DM_DATE_ERROR_SYNTAX, "at least four digits" },
  { "202", DM_DATE_ERROR_SYNTAX, NULL },
  { "-20", DM_DATE_ERROR_SYNTAX, NULL },
  { "+", DM_DATE_ERROR_SYNTAX, NULL },
  { "-", DM_DATE_ERROR_SYNTAX, NULL },
  { "--2020", DM_DATE_ERROR_SYNTAX, NULL },
  { "+-2020", DM_DATE_ERROR_SYNTAX, NULL },
  { "++2020", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-1-5", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-1", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-5", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-005", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-022", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020--05", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T14", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T14:", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T1430", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T4:30", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T14:3", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22T14:30:00", DM_DATE_ERROR_SYNTAX, "no seconds" },
  { "2020-05-22T14:30Z", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22t14:30", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22 14:30", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05T14:30", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020x", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05x", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-05-22x", DM_DATE_ERROR_SYNTAX, NULL },
  { " 2020", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020 ", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020\n", DM_DATE_ERROR_SYNTAX, NULL },
  { "\t2020-05-22", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020/05/22", DM_DATE_ERROR_SYNTAX, NULL },
  { "22/5/2020", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020.5", DM_DATE_ERROR_SYNTAX, NULL },
  { "abcd", DM_DATE_ERROR_SYNTAX, NULL },
  { "0x7E4", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-0a", DM_DATE_ERROR_SYNTAX, NULL },
  { "２０２０", DM_DATE_ERROR_SYNTAX, NULL },            /* fullwidth digits */
  { "٢٠٢٠", DM_DATE_ERROR_SYNTAX, NULL },                /* Arabic-Indic digits */
  { "2020-０５", DM_DATE_ERROR_SYNTAX, NULL },
  { "\xff\xfe", DM_DATE_ERROR_SYNTAX, NULL },           /* not even UTF-8 */
  /* Syntax errors win over out-of-range values in the same text */
  { "1234567890123456789012345678901234567890x", DM_DATE_ERROR_SYNTAX, NULL },
  { "2020-13-45T99:99:99", DM_DATE_ERROR_SYNTAX, NULL },
};

static void
test_parse_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_parses); i++)
    {
      const InvalidParse *row = &invalid_parses[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = NULL;
      DmDate date;

      /* Poison the output: a failed parse leaves an unset date. */
      memset (&date, 0xAA, sizeof date);

      escaped = g_strescape (row->text, NULL);
      g_test_message ("invalid: '%s'", escaped);
      g_assert_false (dm_date_parse (row->text, &date, &error));
      g_assert_error (error, DM_DATE_ERROR, (gint) row->code);
      g_assert_nonnull (error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("  -> %s", error->message);
      if (row->message_part != NULL && strstr (error->message, row->message_part) == NULL)
        g_error ("message for '%s' is '%s', expected it to contain '%s'",
                 escaped, error->message, row->message_part);
      g_assert_false (dm_date_is_set (&date));
    }
}

static void
test_parse_null_error (void)
{
  DmDate date;

  /* A NULL GError is allowed. */
  g_assert_false (dm_date_parse ("2021-02-30", &date, NULL));
  g_assert_false (dm_date_parse ("nope", &date, NULL));
  g_assert_true (dm_date_parse ("2021-02-28", &date, NULL));
  g_assert_cmpint (date.precision, ==, DM_DATE_PRECISION_DAY);
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  DmDatePrecision precision;
  gint64 year;
  guint month;
  guint day;
  guint hour;
  guint minute;
  gboolean valid;
} InitRow;

static const InitRow init_rows[] = {
  { DM_DATE_PRECISION_YEAR, 2016, 0, 0, 0, 0, TRUE },
  { DM_DATE_PRECISION_MONTH, 2019, 1, 0, 0, 0, TRUE },
  { DM_DATE_PRECISION_DAY, 2020, 5, 22, 0, 0, TRUE },
  { DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 14, 30, TRUE },
  { DM_DATE_PRECISION_DAY, 0, 2, 29, 0, 0, TRUE },
  { DM_DATE_PRECISION_YEAR, DM_DATE_YEAR_MAX, 0, 0, 0, 0, TRUE },
  { DM_DATE_PRECISION_YEAR, -DM_DATE_YEAR_MAX, 0, 0, 0, 0, TRUE },
  { DM_DATE_PRECISION_YEAR, DM_DATE_YEAR_MAX + 1, 0, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_YEAR, -DM_DATE_YEAR_MAX - 1, 0, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_YEAR, G_MININT64, 0, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_YEAR, 2016, 1, 0, 0, 0, FALSE },     /* finer field set */
  { DM_DATE_PRECISION_MONTH, 2019, 1, 5, 0, 0, FALSE },
  { DM_DATE_PRECISION_DAY, 2020, 5, 22, 1, 0, FALSE },
  { DM_DATE_PRECISION_DAY, 2020, 5, 22, 0, 1, FALSE },
  { DM_DATE_PRECISION_MONTH, 2019, 0, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_MONTH, 2019, 13, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_MONTH, 2019, 256 + 1, 0, 0, 0, FALSE },  /* no guint8 truncation */
  { DM_DATE_PRECISION_DAY, 2021, 2, 29, 0, 0, FALSE },
  { DM_DATE_PRECISION_DAY, 2021, 1, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 24, 0, FALSE },
  { DM_DATE_PRECISION_MINUTE, 2020, 5, 22, 0, 60, FALSE },
  { DM_DATE_PRECISION_NONE, 2020, 0, 0, 0, 0, FALSE },
  { DM_DATE_PRECISION_NONE, 0, 0, 0, 0, 0, FALSE },
  { (DmDatePrecision) 5, 2020, 5, 22, 14, 30, FALSE },
};

static void
test_init (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (init_rows); i++)
    {
      const InitRow *row = &init_rows[i];
      DmDate date;
      gboolean ok;

      g_test_message ("init row %" G_GSIZE_FORMAT, i);
      ok = dm_date_init (&date, row->precision, row->year, row->month,
                         row->day, row->hour, row->minute);
      g_assert_cmpint (ok, ==, row->valid);
      g_assert_cmpint (dm_date_is_valid (&date), ==, row->valid);
      g_assert_cmpint (dm_date_is_set (&date), ==, row->valid);
      if (row->valid)
        assert_date_fields (&date, row->precision, row->year, row->month,
                            row->day, row->hour, row->minute);
    }
}

static void
test_unset (void)
{
  DmDate unset = { 0 };
  DmDate set = parse_ok ("-100000000000");
  g_autofree char *iso = dm_date_to_iso (&unset);
  g_autofree char *en = dm_date_format (&unset, DM_LANGUAGE_EN);

  g_assert_false (dm_date_is_set (&unset));
  g_assert_false (dm_date_is_valid (&unset));
  g_assert_cmpstr (iso, ==, "");
  g_assert_cmpstr (en, ==, "");
  g_assert_cmpint (dm_date_compare (&unset, &unset), ==, 0);
  g_assert_cmpint (dm_date_compare (&unset, &set), <, 0);
  g_assert_cmpint (dm_date_compare (&set, &unset), >, 0);
  g_assert_true (dm_date_equal (&unset, &unset));
  g_assert_false (dm_date_equal (&unset, &set));
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  const char *iso;
} IsoRow;

static const IsoRow iso_rows[] = {
  { "2016", "2016" },
  { "2019-01", "2019-01" },
  { "2020-05-22", "2020-05-22" },
  { "2020-05-22T14:30", "2020-05-22T14:30" },
  { "2020-05-22T04:05", "2020-05-22T04:05" },
  { "0000", "0000" },
  { "-0000", "0000" },
  { "+0000-01", "0000-01" },
  { "0001", "0001" },
  { "0099-09-09", "0099-09-09" },
  { "-0001", "-0001" },
  { "-0043-03-15", "-0043-03-15" },
  { "-0043-03-15T00:01", "-0043-03-15T00:01" },
  { "-9999", "-9999" },
  { "-10000", "-10000" },
  { "+2020", "2020" },
  { "+12345", "12345" },
  { "00002020-02", "2020-02" },
  { "-000043", "-0043" },
  { "-13800000000", "-13800000000" },
  { "100000000000", "100000000000" },
  { "-100000000000-12-31T23:59", "-100000000000-12-31T23:59" },
};

static void
test_iso_round_trip (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iso_rows); i++)
    {
      const IsoRow *row = &iso_rows[i];
      DmDate date = parse_ok (row->text);
      g_autofree char *iso = dm_date_to_iso (&date);
      DmDate again;

      g_test_message ("iso: %s", row->text);
      g_assert_cmpstr (iso, ==, row->iso);

      again = parse_ok (iso);
      g_assert_true (dm_date_equal (&date, &again));
      g_assert_cmpint (dm_date_compare (&date, &again), ==, 0);
    }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *a;
  const char *b;
  int expected;   /* sign of dm_date_compare (a, b) */
} CompareRow;

static const CompareRow compare_rows[] = {
  { "2019", "2019", 0 },
  { "2019-01-01T00:00", "2019-01-01T00:00", 0 },
  /* Same start: coarser precision first */
  { "2019", "2019-01", -1 },
  { "2019-01", "2019-01-01", -1 },
  { "2019-01-01", "2019-01-01T00:00", -1 },
  { "2019", "2019-01-01T00:00", -1 },
  { "2019-01-01T00:00", "2019", 1 },
  /* Different starts */
  { "2019-01-01T00:00", "2019-01-02", -1 },
  { "2019-01-01T23:59", "2019-01-02", -1 },
  { "2019-12-31T23:59", "2020", -1 },
  { "2019-12", "2020", -1 },
  { "2019-06", "2019", 1 },         /* starts later than the year */
  { "2019-06-15", "2019-06", 1 },
  { "2019-06-15T12:00", "2019-06-15T11:59", 1 },
  { "2020-05-22T14:30", "2020-05-22T14:31", -1 },
  { "2020-05-22T14:30", "2020-05-22T15:00", -1 },
  /* BCE and year 0 */
  { "-0043-03-15", "-0043-03-16", -1 },
  { "-0044", "-0043", -1 },
  { "-0043-12-31", "-0042", -1 },
  { "-0001-12-31T23:59", "0000", -1 },
  { "0000", "0001", -1 },
  { "-0001", "0000-01", -1 },
  { "0000-12-31", "0001-01-01", -1 },
  /* Huge years compare exactly */
  { "-13800000000", "-13799999999", -1 },
  { "-13800000000-12-31", "-13799999999", -1 },
  { "-13800000000-12-31T23:59", "-13799999999-01-01T00:00", -1 },
  { "-100000000000", "100000000000", -1 },
  { "100000000000-12-31T23:58", "100000000000-12-31T23:59", -1 },
  { "99999999999-12-31T23:59", "100000000000", -1 },
  { "100000000000", "100000000000-01", -1 },
  { "-100000000000", "-13800000000", -1 },
};

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

/* dm_date_get_order_key() of @a and @b compared, as dm_date_compare(). */
static int
compare_order_keys (const DmDate *a,
                    const DmDate *b)
{
  gint64 major_a, major_b;
  guint32 minor_a, minor_b;

  dm_date_get_order_key (a, &major_a, &minor_a);
  dm_date_get_order_key (b, &major_b, &minor_b);
  if (major_a != major_b)
    return major_a < major_b ? -1 : 1;
  return (minor_a > minor_b) - (minor_a < minor_b);
}

static void
test_compare (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (compare_rows); i++)
    {
      const CompareRow *row = &compare_rows[i];
      DmDate a = parse_ok (row->a);
      DmDate b = parse_ok (row->b);

      g_test_message ("compare: %s vs %s", row->a, row->b);
      g_assert_cmpint (sign (dm_date_compare (&a, &b)), ==, row->expected);
      g_assert_cmpint (sign (dm_date_compare (&b, &a)), ==, -row->expected);
      g_assert_cmpint (dm_date_equal (&a, &b), ==, row->expected == 0);
      g_assert_cmpint (compare_order_keys (&a, &b), ==, row->expected);
      g_assert_cmpint (compare_order_keys (&b, &a), ==, -row->expected);
    }
}

/* A list in strictly increasing order: every pair must compare accordingly. */
static const char * const sorted_dates[] = {
  "-100000000000",
  "-100000000000-01-01T00:00",
  "-13800000000",
  "-13800000000-06",
  "-0044",
  "-0043",
  "-0043-03",
  "-0043-03-15",
  "-0043-03-15T00:00",
  "-0043-03-15T13:00",
  "-0043-03-16",
  "-0001-12-31T23:59",
  "0000",
  "0000-01",
  "0000-12-31",
  "0001",
  "1970-01-01",
  "2019",
  "2019-01",
  "2019-01-01",
  "2019-01-01T00:00",
  "2019-01-01T00:01",
  "2019-01-02",
  "2019-02",
  "2020-05-22T14:30",
  "12345",
  "100000000000",
  "100000000000-12-31T23:59",
};

static void
test_compare_sorted (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sorted_dates); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (sorted_dates); j++)
      {
        DmDate a = parse_ok (sorted_dates[i]);
        DmDate b = parse_ok (sorted_dates[j]);
        int expected = (i > j) - (i < j);

        g_assert_cmpint (sign (dm_date_compare (&a, &b)), ==, expected);
        g_assert_cmpint (compare_order_keys (&a, &b), ==, expected);
      }

  /* An unset date sorts before every set one, and equals another. */
  {
    DmDate unset = { 0 };
    DmDate also_unset = { 0 };

    g_assert_cmpint (compare_order_keys (&unset, &also_unset), ==, 0);
    for (gsize i = 0; i < G_N_ELEMENTS (sorted_dates); i++)
      {
        DmDate a = parse_ok (sorted_dates[i]);

        g_assert_cmpint (sign (dm_date_compare (&unset, &a)), ==, -1);
        g_assert_cmpint (compare_order_keys (&unset, &a), ==, -1);
        g_assert_cmpint (compare_order_keys (&a, &unset), ==, 1);
      }
  }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  double start;
  double end;
} AxisRow;

static const AxisRow axis_rows[] = {
  { "1970-01-01", 0.0, 1.0 },
  { "1970", 0.0, 365.0 },
  { "1970-01", 0.0, 31.0 },
  { "1969-12-31", -1.0, 0.0 },
  { "1969", -365.0, 0.0 },
  { "2000-01-01", 10957.0, 10958.0 },
  { "2000-02", 10988.0, 11017.0 },      /* 29 days: leap */
  { "2016", 16801.0, 17167.0 },         /* 366 days: leap */
  { "2017", 17167.0, 17532.0 },
  { "2019-12", 18231.0, 18262.0 },      /* December ends at 2020-01-01 */
  { "2020-01-01", 18262.0, 18263.0 },
  { "2020-05-22", 18404.0, 18405.0 },
  { "2020-05-22T00:00", 18404.0, 18404.0 + MINUTE_FRACTION (0, 1) },
  { "2020-05-22T14:30", 18404.0 + MINUTE_FRACTION (14, 30), 18404.0 + MINUTE_FRACTION (14, 31) },
  { "2020-05-22T12:00", 18404.5, 18404.0 + MINUTE_FRACTION (12, 1) },
  { "2020-05-22T23:59", 18404.0 + MINUTE_FRACTION (23, 59), 18405.0 },
  { "1969-12-31T18:00", -0.25, -1.0 + MINUTE_FRACTION (18, 1) },
  { "0000-03-01", -719468.0, -719467.0 },   /* Hinnant's epoch shift */
  { "0000", -719528.0, -719162.0 },         /* year 0 is leap: 366 days */
  { "0001-01-01", -719162.0, -719161.0 },
  { "-0001", -719893.0, -719528.0 },
  { "-0004", -720989.0, -720623.0 },
};

static void
test_axis_known (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (axis_rows); i++)
    {
      const AxisRow *row = &axis_rows[i];
      DmDate date = parse_ok (row->text);

      g_test_message ("axis: %s", row->text);
      g_assert_cmpfloat (dm_date_get_axis_start (&date), ==, row->start);
      g_assert_cmpfloat (dm_date_get_axis_end (&date), ==, row->end);
    }
}

/* The end of each date's span is the start of the following date of the
 * same precision. */
typedef struct
{
  const char *date;
  const char *next;
} SpanRow;

static const SpanRow span_rows[] = {
  { "2016", "2017-01-01" },
  { "2016", "2017" },
  { "2019-12", "2020-01" },
  { "2019-01", "2019-02-01" },
  { "2020-02", "2020-03-01" },
  { "2021-02", "2021-03-01T00:00" },
  { "2020-02-29", "2020-03-01" },
  { "2020-12-31", "2021-01-01" },
  { "2020-05-22T23:59", "2020-05-23T00:00" },
  { "2020-05-22T14:30", "2020-05-22T14:31" },
  { "-0001", "0000" },
  { "0000", "0001" },
  { "-0043-12", "-0042-01" },
  { "-0043-03-15T23:59", "-0043-03-16" },
  { "-13800000000", "-13799999999" },
  { "-13800000000-12-31", "-13799999999-01-01" },
  { "99999999999-12", "100000000000-01" },
  { "100000000000-11", "100000000000-12" },
};

static void
test_axis_span (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (span_rows); i++)
    {
      const SpanRow *row = &span_rows[i];
      DmDate date = parse_ok (row->date);
      DmDate next = parse_ok (row->next);

      g_test_message ("span: %s -> %s", row->date, row->next);
      g_assert_cmpfloat (dm_date_get_axis_end (&date), ==, dm_date_get_axis_start (&next));
      g_assert_cmpfloat (dm_date_get_axis_start (&date), <, dm_date_get_axis_end (&date));
    }

  /* The last year's end is past the last representable year. */
  {
    DmDate last = parse_ok ("100000000000");
    DmDate last_day = parse_ok ("100000000000-12-31");

    g_assert_cmpfloat (dm_date_get_axis_end (&last), ==, dm_date_get_axis_end (&last_day));
    g_assert_cmpfloat (dm_date_get_axis_end (&last), ==,
                       (double) dm_date_days_from_civil (DM_DATE_YEAR_MAX + 1, 1, 1));
  }
}

/* Axis starts strictly increase along sorted dates of distinct starts,
 * across BCE and huge years. */
static const char * const monotonic_dates[] = {
  "-100000000000",
  "-99999999999",
  "-13800000000",
  "-13800000000-12-31",
  "-13799999999",
  "-4500000000",
  "-65000000",
  "-10000",
  "-0044",
  "-0043-03-15",
  "-0043-03-15T12:00",
  "-0004-02-29",
  "-0001",
  "-0001-12-31T23:59",
  "0000",
  "0000-02-29",
  "0001",
  "1900-02-28",
  "1900-03-01",
  "1969-12-31T23:59",
  "1970",
  "1970-01-01T00:01",
  "2000-02-29",
  "2020-05-22T14:30",
  "2020-05-22T14:31",
  "9999-12-31",
  "10000",
  "1000000000",
  "13800000000",
  "99999999999-12-31",
  "100000000000",
  "100000000000-12-31T23:59",
};

static void
test_axis_monotonic (void)
{
  double previous = -INFINITY;

  for (gsize i = 0; i < G_N_ELEMENTS (monotonic_dates); i++)
    {
      DmDate date = parse_ok (monotonic_dates[i]);
      double start = dm_date_get_axis_start (&date);

      g_test_message ("monotonic: %s -> %.17g", monotonic_dates[i], start);
      g_assert_cmpfloat (start, >, previous);
      /* Beyond 2^42 days doubles are coarser than a minute, so a minute's
       * span may round to nothing there. */
      if (fabs (start) < 0x1p42)
        g_assert_cmpfloat (dm_date_get_axis_end (&date), >, start);
      else
        g_assert_cmpfloat (dm_date_get_axis_end (&date), >=, start);
      previous = start;
    }
}

/* from_axis (get_axis_start (d), precision (d)) == d. MINUTE precision is
 * exact as long as doubles resolve minutes (|axis| < 2^42 days, about
 * twelve billion years); coarser precisions hold over the whole range. */
static const char * const from_axis_round_trips[] = {
  "1970", "1969", "2016", "2000", "0000", "0001", "-0001", "-0043",
  "-0044", "-0100", "-0400", "-0401", "12345", "-13800000000",
  "-100000000000", "100000000000", "99999999999", "-99999999999",
  "1970-01", "1969-12", "2019-01", "2019-12", "2020-02", "0000-02",
  "0000-12", "-0043-03", "-0001-12", "-13800000000-07",
  "-100000000000-01", "100000000000-12",
  "1970-01-01", "1969-12-31", "2000-01-01", "2020-02-29", "2020-05-22",
  "0000-02-29", "0000-01-01", "-0004-02-29", "-0043-03-15",
  "-13800000000-12-31", "-100000000000-01-01", "100000000000-12-31",
  "1970-01-01T00:00", "1970-01-01T00:01", "1969-12-31T23:59",
  "1969-12-31T00:00", "1969-12-31T12:00", "2020-05-22T14:30",
  "2020-05-22T23:59", "2020-05-22T00:01", "2020-05-22T16:41",
  "0000-01-01T00:00", "-0001-12-31T23:59", "-0043-03-15T07:13",
  "-0043-03-15T23:59", "9999-12-31T23:59", "-9999-01-01T00:01",
  "1000000000-06-15T13:37", "-1000000000-06-15T13:37",
  "10000000000-12-31T23:59", "-10000000000-01-01T00:01",
  "-10000000000-01-01T23:58",
  /* Whole days are exact at any magnitude */
  "-13800000000-01-01T00:00", "-100000000000-01-01T00:00",
  "100000000000-12-31T00:00",
};

static void
test_from_axis_round_trip (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (from_axis_round_trips); i++)
    {
      const char *text = from_axis_round_trips[i];
      DmDate date = parse_ok (text);
      DmDate back;
      g_autofree char *iso = NULL;

      dm_date_from_axis (dm_date_get_axis_start (&date), date.precision, &back);
      iso = dm_date_to_iso (&back);
      g_test_message ("from_axis round trip: %s -> %s", text, iso);
      g_assert_cmpstr (iso, ==, text);
      g_assert_true (dm_date_equal (&back, &date));
    }
}

/* Exhaustive minute round trip over a few whole days, at several
 * magnitudes and signs. */
static void
test_from_axis_every_minute (void)
{
  static const gint64 years[] = {
    1970, 1969, 2020, 0, -1, -43, 9999, -9999,
    1000000, -1000000, 1000000000, -1000000000,
    G_GINT64_CONSTANT (10000000000), G_GINT64_CONSTANT (-10000000000),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (years); i++)
    {
      for (guint day = 1; day <= 2; day++)
        for (guint minute = 0; minute < 1440; minute++)
          {
            DmDate date = make_date (DM_DATE_PRECISION_MINUTE, years[i], 12, 30 + day - 1,
                                     minute / 60, minute % 60);
            DmDate back;

            dm_date_from_axis (dm_date_get_axis_start (&date), DM_DATE_PRECISION_MINUTE, &back);
            if (!dm_date_equal (&back, &date))
              {
                g_autofree char *want = dm_date_to_iso (&date);
                g_autofree char *got = dm_date_to_iso (&back);

                g_error ("from_axis (start (%s)) gave %s", want, got);
              }
          }
    }
}

typedef struct
{
  double axis;
  DmDatePrecision precision;
  const char *iso;
} FromAxisRow;

static const FromAxisRow from_axis_rows[] = {
  { 0.0, DM_DATE_PRECISION_YEAR, "1970" },
  { 0.0, DM_DATE_PRECISION_MONTH, "1970-01" },
  { 0.0, DM_DATE_PRECISION_DAY, "1970-01-01" },
  { 0.0, DM_DATE_PRECISION_MINUTE, "1970-01-01T00:00" },
  { -0.0, DM_DATE_PRECISION_MINUTE, "1970-01-01T00:00" },
  { 0.999999, DM_DATE_PRECISION_DAY, "1970-01-01" },
  { 0.999999, DM_DATE_PRECISION_MINUTE, "1970-01-01T23:59" },
  { -1e-9, DM_DATE_PRECISION_DAY, "1969-12-31" },
  { -1e-9, DM_DATE_PRECISION_YEAR, "1969" },
  { -0.25, DM_DATE_PRECISION_MINUTE, "1969-12-31T18:00" },
  { -0.5 / 1440.0, DM_DATE_PRECISION_MINUTE, "1969-12-31T23:59" },
  { 0.5 / 1440.0, DM_DATE_PRECISION_MINUTE, "1970-01-01T00:00" },
  { 0.99 / 1440.0, DM_DATE_PRECISION_MINUTE, "1970-01-01T00:00" },  /* floors, no rounding */
  { 1.0 / 1440.0, DM_DATE_PRECISION_MINUTE, "1970-01-01T00:01" },
  { 10957.0, DM_DATE_PRECISION_DAY, "2000-01-01" },
  { 10957.5, DM_DATE_PRECISION_MINUTE, "2000-01-01T12:00" },
  { 18404.6, DM_DATE_PRECISION_MINUTE, "2020-05-22T14:24" },
  { 18404.6, DM_DATE_PRECISION_MONTH, "2020-05" },
  { 17166.99, DM_DATE_PRECISION_YEAR, "2016" },
  { 17167.0, DM_DATE_PRECISION_YEAR, "2017" },
  { -719528.0, DM_DATE_PRECISION_YEAR, "0000" },
  { -719528.5, DM_DATE_PRECISION_YEAR, "-0001" },
  { -719162.0, DM_DATE_PRECISION_DAY, "0001-01-01" },
  { -5040347219528.0, DM_DATE_PRECISION_YEAR, "-13800000000" },
  { -5040347219528.5, DM_DATE_PRECISION_YEAR, "-13800000001" },
  { -5040347219162.5, DM_DATE_PRECISION_DAY, "-13800000000-12-31" },
  { -5040347219162.0, DM_DATE_PRECISION_MONTH, "-13799999999-01" },
  /* Clamped to the representable years */
  { -1e300, DM_DATE_PRECISION_YEAR, "-100000000000" },
  { -INFINITY, DM_DATE_PRECISION_MINUTE, "-100000000000-01-01T00:00" },
  { 1e300, DM_DATE_PRECISION_MONTH, "100000000000-12" },
  { INFINITY, DM_DATE_PRECISION_MINUTE, "100000000000-12-31T23:59" },
  { 1e14, DM_DATE_PRECISION_DAY, "100000000000-12-31" },
};

static void
test_from_axis_values (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (from_axis_rows); i++)
    {
      const FromAxisRow *row = &from_axis_rows[i];
      g_autofree char *iso = NULL;
      DmDate date;

      dm_date_from_axis (row->axis, row->precision, &date);
      iso = dm_date_to_iso (&date);
      g_test_message ("from_axis (%.17g) -> %s", row->axis, iso);
      g_assert_cmpstr (iso, ==, row->iso);
      g_assert_true (dm_date_is_valid (&date));
    }

  /* NONE gives an unset date. */
  {
    DmDate date;

    dm_date_from_axis (1234.5, DM_DATE_PRECISION_NONE, &date);
    g_assert_false (dm_date_is_set (&date));
  }
}

/* Every point inside a date's span maps back to that date. */
static void
test_from_axis_inside_span (void)
{
  static const char * const dates[] = {
    "2016", "2019-12", "2020-02-29", "2020-05-22T14:30", "-0043-03",
    "-0043-03-15", "0000", "-13800000000", "1969-12-31T23:59",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      DmDate date = parse_ok (dates[i]);
      double start = dm_date_get_axis_start (&date);
      double end = dm_date_get_axis_end (&date);

      for (guint k = 0; k < 10; k++)
        {
          double x = start + (end - start) * (k + 0.05) / 10.0;
          DmDate back;

          dm_date_from_axis (x, date.precision, &back);
          g_assert_true (dm_date_equal (&back, &date));
        }
    }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64 days;
  gint64 year;
  guint month;
  guint day;
} CivilRow;

static const CivilRow civil_rows[] = {
  { 0, 1970, 1, 1 },
  { -1, 1969, 12, 31 },
  { 10957, 2000, 1, 1 },
  { 11016, 2000, 2, 29 },
  { 18404, 2020, 5, 22 },
  { -719468, 0, 3, 1 },
  { -719469, 0, 2, 29 },
  { -719528, 0, 1, 1 },
  { -719162, 1, 1, 1 },
  { 2932896, 9999, 12, 31 },
};

static void
test_days_civil (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (civil_rows); i++)
    {
      const CivilRow *row = &civil_rows[i];
      gint64 year;
      guint month;
      guint day;

      g_assert_cmpint (dm_date_days_from_civil (row->year, row->month, row->day), ==, row->days);
      dm_date_civil_from_days (row->days, &year, &month, &day);
      g_assert_cmpint (year, ==, row->year);
      g_assert_cmpuint (month, ==, row->month);
      g_assert_cmpuint (day, ==, row->day);
    }

  /* Consecutive days over whole 400-year cycles around 0 and at the
   * extremes. */
  {
    static const gint64 first_years[] = {
      -800, 1600, G_GINT64_CONSTANT (-13800000000), -DM_DATE_YEAR_MAX,
      DM_DATE_YEAR_MAX - 400,
    };

    for (gsize i = 0; i < G_N_ELEMENTS (first_years); i++)
      {
        gint64 days = dm_date_days_from_civil (first_years[i], 1, 1);
        gint64 y = first_years[i];
        guint m = 1;
        guint d = 1;

        for (guint n = 0; n < 146097 * 2; n++, days++)
          {
            gint64 year;
            guint month;
            guint day;

            dm_date_civil_from_days (days, &year, &month, &day);
            if (year != y || month != m || day != d)
              g_error ("civil_from_days (%" G_GINT64_FORMAT ") = %" G_GINT64_FORMAT "-%u-%u, "
                       "expected %" G_GINT64_FORMAT "-%u-%u", days, year, month, day, y, m, d);
            g_assert_cmpint (dm_date_days_from_civil (y, m, d), ==, days);

            /* Advance the expected date by one day. */
            if (++d > dm_date_days_in_month (y, m))
              {
                d = 1;
                if (++m > 12)
                  {
                    m = 1;
                    y++;
                  }
              }
          }
      }
  }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64 year;
  gboolean leap;
} LeapRow;

static const LeapRow leap_rows[] = {
  { 1900, FALSE },
  { 2000, TRUE },
  { 2024, TRUE },
  { 2023, FALSE },
  { 2100, FALSE },
  { 2400, TRUE },
  { 1600, TRUE },
  { 0, TRUE },
  { -1, FALSE },
  { -4, TRUE },
  { -100, FALSE },
  { -400, TRUE },
  { -43, FALSE },
  { G_GINT64_CONSTANT (-13800000000), TRUE },
  { G_GINT64_CONSTANT (-13800000100), FALSE },
  { DM_DATE_YEAR_MAX, TRUE },
  { -DM_DATE_YEAR_MAX, TRUE },
  { DM_DATE_YEAR_MAX - 1, FALSE },
};

static void
test_leap_years (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (leap_rows); i++)
    {
      g_test_message ("leap: %" G_GINT64_FORMAT, leap_rows[i].year);
      g_assert_cmpint (dm_date_is_leap_year (leap_rows[i].year), ==, leap_rows[i].leap);
      g_assert_cmpuint (dm_date_days_in_month (leap_rows[i].year, 2), ==,
                        leap_rows[i].leap ? 29 : 28);
    }
}

typedef struct
{
  gint64 year;
  guint month;
  guint days;
} DaysInMonthRow;

static const DaysInMonthRow days_in_month_rows[] = {
  { 2021, 1, 31 }, { 2021, 2, 28 }, { 2021, 3, 31 }, { 2021, 4, 30 },
  { 2021, 5, 31 }, { 2021, 6, 30 }, { 2021, 7, 31 }, { 2021, 8, 31 },
  { 2021, 9, 30 }, { 2021, 10, 31 }, { 2021, 11, 30 }, { 2021, 12, 31 },
  { 2020, 2, 29 }, { 1900, 2, 28 }, { 2000, 2, 29 }, { 0, 2, 29 },
  { -1, 2, 28 }, { -4, 2, 29 }, { -43, 3, 31 }, { -43, 2, 28 },
};

static void
test_days_in_month (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (days_in_month_rows); i++)
    {
      const DaysInMonthRow *row = &days_in_month_rows[i];

      g_assert_cmpuint (dm_date_days_in_month (row->year, row->month), ==, row->days);
      /* Agrees with the day arithmetic. */
      if (row->month < 12)
        g_assert_cmpint (dm_date_days_from_civil (row->year, row->month + 1, 1) -
                         dm_date_days_from_civil (row->year, row->month, 1), ==, row->days);
    }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  const char *en;
  const char *vi;
} FormatRow;

static const FormatRow format_rows[] = {
  { "2016", "2016", "năm 2016" },
  { "2019-01", "January 2019", "tháng 1 năm 2019" },
  { "2019-12", "December 2019", "tháng 12 năm 2019" },
  { "2020-05-22", "22 May 2020", "22/5/2020" },
  { "2020-05-02", "2 May 2020", "2/5/2020" },
  { "2020-11-09", "9 November 2020", "9/11/2020" },
  { "2020-05-22T14:30", "22 May 2020, 14:30", "14:30 22/5/2020" },
  { "2020-05-22T04:05", "22 May 2020, 04:05", "04:05 22/5/2020" },
  { "2020-01-01T00:00", "1 January 2020, 00:00", "00:00 1/1/2020" },
  { "-0043", "44 BCE", "năm 44 TCN" },
  { "-0043-03", "March 44 BCE", "tháng 3 năm 44 TCN" },
  { "-0043-03-15", "15 March 44 BCE", "15/3/44 TCN" },
  { "-0043-03-15T12:05", "15 March 44 BCE, 12:05", "12:05 15/3/44 TCN" },
  { "0000", "1 BCE", "năm 1 TCN" },
  { "0000-02-29", "29 February 1 BCE", "29/2/1 TCN" },
  { "-0001", "2 BCE", "năm 2 TCN" },
  { "0001", "1", "năm 1" },
  { "0099-07-04", "4 July 99", "4/7/99" },
  { "9999", "9999", "năm 9999" },
  { "10000", "10,000", "năm 10.000" },
  { "123456-07-08", "8 July 123,456", "8/7/123.456" },
  { "-9998", "9999 BCE", "năm 9999 TCN" },
  { "-9999", "10,000 BCE", "năm 10.000 TCN" },
  { "-13800000000", "13,800,000,001 BCE", "năm 13.800.000.001 TCN" },
  { "-4500000000-06", "June 4,500,000,001 BCE", "tháng 6 năm 4.500.000.001 TCN" },
  { "100000000000", "100,000,000,000", "năm 100.000.000.000" },
  { "-100000000000", "100,000,000,001 BCE", "năm 100.000.000.001 TCN" },
  { "1000000", "1,000,000", "năm 1.000.000" },
};

static void
test_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_rows); i++)
    {
      const FormatRow *row = &format_rows[i];
      DmDate date = parse_ok (row->text);
      g_autofree char *en = dm_date_format (&date, DM_LANGUAGE_EN);
      g_autofree char *vi = dm_date_format (&date, DM_LANGUAGE_VI);

      g_test_message ("format: %s -> '%s' / '%s'", row->text, en, vi);
      g_assert_cmpstr (en, ==, row->en);
      g_assert_cmpstr (vi, ==, row->vi);
      g_assert_true (g_utf8_validate (vi, -1, NULL));
    }
}

typedef struct
{
  const char *start;   /* NULL: unset */
  const char *end;     /* NULL: unset (also tested as a NULL pointer) */
  const char *en;
  const char *vi;
} FormatRangeRow;

static const FormatRangeRow format_range_rows[] = {
  { "2016", "2019-01", "2016 – January 2019", "năm 2016 – tháng 1 năm 2019" },
  { "2020-05-22", "2020-05-22T14:30", "22 May 2020 – 22 May 2020, 14:30",
    "22/5/2020 – 14:30 22/5/2020" },
  { "-0043-03-15", "0000", "15 March 44 BCE – 1 BCE", "15/3/44 TCN – năm 1 TCN" },
  { "-13800000000", "2016", "13,800,000,001 BCE – 2016", "năm 13.800.000.001 TCN – năm 2016" },
  { "2021-11-09", "2021-11-18", "9–18 November 2021", "9–18/11/2021" },
  { "2021-11-09", "2021-12-06", "9 November – 6 December 2021", "9/11 – 6/12/2021" },
  { "2021-12-30", "2022-01-02", "30 December 2021 – 2 January 2022", "30/12/2021 – 2/1/2022" },
  { "2019-01", "2019-03", "January – March 2019", "tháng 1 – tháng 3 năm 2019" },
  { "2019-01", "2020-03", "January 2019 – March 2020", "tháng 1 năm 2019 – tháng 3 năm 2020" },
  { "2016", "2020", "2016 – 2020", "năm 2016 – 2020" },
  { "2016", "2016", "2016", "năm 2016" },
  { "2020-05-22", "2020-05-22", "22 May 2020", "22/5/2020" },
  { "-0100", "-0043", "101 BCE – 44 BCE", "năm 101 TCN – năm 44 TCN" },
  { "2016", NULL, "2016", "năm 2016" },
  { NULL, "2016", "2016", "năm 2016" },
  { NULL, NULL, "", "" },
};

static void
test_format_range (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_range_rows); i++)
    {
      const FormatRangeRow *row = &format_range_rows[i];
      DmDate start = { 0 };
      DmDate end = { 0 };
      g_autofree char *en = NULL;
      g_autofree char *vi = NULL;

      if (row->start != NULL)
        start = parse_ok (row->start);
      if (row->end != NULL)
        end = parse_ok (row->end);

      en = dm_date_format_range (&start, &end, DM_LANGUAGE_EN);
      vi = dm_date_format_range (&start, &end, DM_LANGUAGE_VI);
      g_test_message ("range -> '%s' / '%s'", en, vi);
      g_assert_cmpstr (en, ==, row->en);
      g_assert_cmpstr (vi, ==, row->vi);

      if (row->end == NULL)
        {
          g_autofree char *en_null = dm_date_format_range (&start, NULL, DM_LANGUAGE_EN);
          g_autofree char *vi_null = dm_date_format_range (&start, NULL, DM_LANGUAGE_VI);

          g_assert_cmpstr (en_null, ==, row->en);
          g_assert_cmpstr (vi_null, ==, row->vi);
        }
    }
}

typedef struct
{
  guint month;
  const char *en;
  const char *vi;
} MonthNameRow;

static const MonthNameRow month_name_rows[] = {
  { 1, "January", "tháng 1" },
  { 2, "February", "tháng 2" },
  { 3, "March", "tháng 3" },
  { 4, "April", "tháng 4" },
  { 5, "May", "tháng 5" },
  { 6, "June", "tháng 6" },
  { 7, "July", "tháng 7" },
  { 8, "August", "tháng 8" },
  { 9, "September", "tháng 9" },
  { 10, "October", "tháng 10" },
  { 11, "November", "tháng 11" },
  { 12, "December", "tháng 12" },
};

static void
test_month_names (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (month_name_rows); i++)
    {
      const MonthNameRow *row = &month_name_rows[i];

      g_assert_cmpstr (dm_date_month_name (row->month, DM_LANGUAGE_EN), ==, row->en);
      g_assert_cmpstr (dm_date_month_name (row->month, DM_LANGUAGE_VI), ==, row->vi);
    }
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (DM_DATE_ERROR), ==, "dm-date-error-quark");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/error-quark", test_error_quark);
  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/null-error", test_parse_null_error);
  g_test_add_func ("/date/init", test_init);
  g_test_add_func ("/date/unset", test_unset);
  g_test_add_func ("/date/iso/round-trip", test_iso_round_trip);
  g_test_add_func ("/date/compare/pairs", test_compare);
  g_test_add_func ("/date/compare/sorted", test_compare_sorted);
  g_test_add_func ("/date/axis/known", test_axis_known);
  g_test_add_func ("/date/axis/span", test_axis_span);
  g_test_add_func ("/date/axis/monotonic", test_axis_monotonic);
  g_test_add_func ("/date/axis/from-axis-round-trip", test_from_axis_round_trip);
  g_test_add_func ("/date/axis/from-axis-every-minute", test_from_axis_every_minute);
  g_test_add_func ("/date/axis/from-axis-values", test_from_axis_values);
  g_test_add_func ("/date/axis/from-axis-inside-span", test_from_axis_inside_span);
  g_test_add_func ("/date/days-civil", test_days_civil);
  g_test_add_func ("/date/leap-years", test_leap_years);
  g_test_add_func ("/date/days-in-month", test_days_in_month);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/format-range", test_format_range);
  g_test_add_func ("/date/month-names", test_month_names);

  return g_test_run ();
}
