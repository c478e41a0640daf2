/* dm-debug.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dm-debug.h"

static gint64 start_time;
static GHashTable *reported;

void
dm_debug_mark_start (void)
{
  start_time = g_get_monotonic_time ();
}

gboolean
dm_debug_timing (void)
{
  const char *debug = g_getenv ("DAUMOC_DEBUG");

  return debug != NULL && strstr (debug, "timing") != NULL;
}

void
dm_debug_report_once (const char *what,
                      const char *detail)
{
  if (!dm_debug_timing () || start_time == 0)
    return;

  if (reported == NULL)
    reported = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_add (reported, (gpointer) what))
    return;

  fprintf (stderr, "daumoc: %s after %.1f ms%s%s\n", what,
           (g_get_monotonic_time () - start_time) / 1000.0,
           detail ? ", " : "", detail ? detail : "");
  fflush (stderr);
}
