/* fuzz-date.c — libFuzzer target: any text through the date parser
 *
 * A parsed date must be valid, print back to the same value, and convert
 * to the axis and back; text that does not parse must say why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dm-date.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  DmDate date;

  if (!dm_date_parse (text, &date, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == DM_DATE_ERROR);
      g_assert_false (dm_date_is_set (&date));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_true (dm_date_is_valid (&date));

  {
    g_autofree char *iso = dm_date_to_iso (&date);
    g_autofree char *en = dm_date_format (&date, DM_LANGUAGE_EN);
    g_autofree char *vi = dm_date_format (&date, DM_LANGUAGE_VI);
    DmDate again;
    DmDate from_axis;

    g_assert_true (dm_date_parse (iso, &again, NULL));
    g_assert_true (dm_date_equal (&date, &again));
    g_assert_true (g_utf8_validate (en, -1, NULL));
    g_assert_true (g_utf8_validate (vi, -1, NULL));
    g_assert_cmpfloat (dm_date_get_axis_start (&date), <=, dm_date_get_axis_end (&date));

    /* Exact for every precision down to days; minutes only where a double
     * still tells minutes apart (see dm-date.c). */
    if (date.precision != DM_DATE_PRECISION_MINUTE || (date.year > -1000000000 && date.year < 1000000000))
      {
        dm_date_from_axis (dm_date_get_axis_start (&date), date.precision, &from_axis);
        g_assert_true (dm_date_equal (&date, &from_axis));
      }
  }

  return 0;
}
