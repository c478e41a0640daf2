/* dm-date-phrase.c
 *
 * Each way of writing a date is a pattern; they are tried from the most
 * precise to the least, and a match inside one already found ("năm 2017"
 * in "ngày 3 tháng 5 năm 2017") is not a date of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dm-date-phrase.h"

typedef enum
{
  ORDER_DMY,   /* day, month, year */
  ORDER_MDY,   /* month name, day, year */
  ORDER_YMD,
  ORDER_MY,    /* month, year */
  ORDER_Y,
} Order;

#define MONTHS "(January|February|March|April|May|June|July|August|September|October|November|December)"
#define NO_DIGIT_BEFORE "(?<![0-9])"
#define NO_DIGIT_AFTER "(?![0-9])"

static const struct
{
  const char *pattern;
  Order       order;
  gboolean    month_name;
} patterns[] = {
  { NO_DIGIT_BEFORE "(?:ngày\\s+)?([0-9]{1,2})\\s+tháng\\s+([0-9]{1,2})\\s*(?:,\\s*)?năm\\s+([0-9]{3,4})" NO_DIGIT_AFTER, ORDER_DMY, FALSE },
  { NO_DIGIT_BEFORE "(?:ngày\\s+)?([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})" NO_DIGIT_AFTER, ORDER_DMY, FALSE },
  { NO_DIGIT_BEFORE "([0-9]{4})-([0-9]{2})-([0-9]{2})" NO_DIGIT_AFTER, ORDER_YMD, FALSE },
  { NO_DIGIT_BEFORE "([0-9]{1,2})\\s+" MONTHS "\\s+([0-9]{3,4})" NO_DIGIT_AFTER, ORDER_DMY, TRUE },
  { MONTHS "\\s+([0-9]{1,2}),\\s*([0-9]{3,4})" NO_DIGIT_AFTER, ORDER_MDY, TRUE },
  { "tháng\\s+([0-9]{1,2})\\s*(?:năm\\s+|/|-)\\s*([0-9]{4})" NO_DIGIT_AFTER, ORDER_MY, FALSE },
  { MONTHS "\\s+([0-9]{3,4})" NO_DIGIT_AFTER, ORDER_MY, TRUE },
  { "năm\\s+([0-9]{4})" NO_DIGIT_AFTER, ORDER_Y, FALSE },
};

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

static guint
month_number (const char *text,
              gboolean    name)
{
  if (!name)
    return (guint) strtoul (text, NULL, 10);

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (g_ascii_strcasecmp (text, month_names[i]) == 0)
      return i + 1;
  return 0;
}

static gboolean
phrase_date (GMatchInfo *match,
             Order       order,
             gboolean    month_name,
             DmDate     *date)
{
  g_autofree char *a = g_match_info_fetch (match, 1);
  g_autofree char *b = g_match_info_fetch (match, 2);
  g_autofree char *c = g_match_info_fetch (match, 3);

  switch (order)
    {
    case ORDER_DMY:
      return dm_date_init (date, DM_DATE_PRECISION_DAY, strtoll (c, NULL, 10),
                           month_number (b, month_name), (guint) strtoul (a, NULL, 10), 0, 0);
    case ORDER_MDY:
      return dm_date_init (date, DM_DATE_PRECISION_DAY, strtoll (c, NULL, 10),
                           month_number (a, month_name), (guint) strtoul (b, NULL, 10), 0, 0);
    case ORDER_YMD:
      return dm_date_init (date, DM_DATE_PRECISION_DAY, strtoll (a, NULL, 10),
                           (guint) strtoul (b, NULL, 10), (guint) strtoul (c, NULL, 10), 0, 0);
    case ORDER_MY:
      return dm_date_init (date, DM_DATE_PRECISION_MONTH, strtoll (b, NULL, 10),
                           month_number (a, month_name), 0, 0, 0);
    case ORDER_Y:
      return dm_date_init (date, DM_DATE_PRECISION_YEAR, strtoll (a, NULL, 10), 0, 0, 0, 0);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
overlaps (GArray *found,
          gsize   start,
          gsize   end)
{
  for (guint i = 0; i < found->len; i++)
    {
      const DmDatePhrase *phrase = &g_array_index (found, DmDatePhrase, i);

      if (start < phrase->end && phrase->start < end)
        return TRUE;
    }
  return FALSE;
}

static int
compare_phrases (gconstpointer a,
                 gconstpointer b)
{
  const DmDatePhrase *x = a;
  const DmDatePhrase *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

GArray *
dm_date_phrases_find (const char *text)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (DmDatePhrase));
  g_autoptr(GArray) claimed = g_array_new (FALSE, FALSE, sizeof (DmDatePhrase));
  GArray *unique;

  g_return_val_if_fail (text != NULL, found);

  for (guint p = 0; p < G_N_ELEMENTS (patterns); p++)
    {
      g_autoptr(GRegex) regex = g_regex_new (patterns[p].pattern, G_REGEX_CASELESS, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      g_assert (regex != NULL);
      g_regex_match (regex, text, 0, &match);
      while (g_match_info_matches (match))
        {
          DmDatePhrase phrase = { { 0 } };
          int start;
          int end;

          g_match_info_fetch_pos (match, 0, &start, &end);
          phrase.start = (gsize) start;
          phrase.end = (gsize) end;
          /* A day that does not exist is no date, and neither is its
           * year or month alone. */
          if (!overlaps (claimed, phrase.start, phrase.end))
            {
              g_array_append_val (claimed, phrase);
              if (phrase_date (match, patterns[p].order, patterns[p].month_name, &phrase.date))
                g_array_append_val (found, phrase);
            }
          g_match_info_next (match, NULL);
        }
    }

  g_array_sort (found, compare_phrases);

  /* Each date once, where it first comes. */
  unique = g_array_new (FALSE, FALSE, sizeof (DmDatePhrase));
  for (guint i = 0; i < found->len; i++)
    {
      const DmDatePhrase *phrase = &g_array_index (found, DmDatePhrase, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < unique->len && !seen; j++)
        seen = dm_date_equal (&g_array_index (unique, DmDatePhrase, j).date, &phrase->date);
      if (!seen)
        g_array_append_val (unique, *phrase);
    }
  g_array_unref (found);

  return unique;
}
