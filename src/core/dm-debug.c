/* dm-debug.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dm-debug.h"

static gint64 start_time;
static GHashTable *reported;
static gint64 watch_last;
static gint64 watch_longest;
static gint64 watch_longest_end;
static guint watch_id;

void
dm_debug_mark_start (void)
{
  start_time = g_get_monotonic_time ();
}

gboolean
dm_debug_has (const char *flag)
{
  const char *debug = g_getenv ("DAUMOC_DEBUG");
  g_auto(GStrv) flags = NULL;

  if (debug == NULL)
    return FALSE;

  flags = g_strsplit (debug, ",", -1);
  for (guint i = 0; flags[i] != NULL; i++)
    if (strcmp (g_strstrip (flags[i]), flag) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  gint64 wall;
  gint64 cpu;
} PhaseClock;

static GPrivate phase_clock = G_PRIVATE_INIT (g_free);

void
dm_debug_load_phase (const char *what)
{
  static gint enabled = -1;
  PhaseClock *clock;
  struct timespec ts;
  gint64 cpu = 0;
  gint64 wall = g_get_monotonic_time ();

  if (g_atomic_int_get (&enabled) < 0)
    g_atomic_int_set (&enabled, dm_debug_has ("load-phases"));
  if (!g_atomic_int_get (&enabled))
    return;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    cpu = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;

  clock = g_private_get (&phase_clock);
  if (clock == NULL)
    {
      clock = g_new0 (PhaseClock, 1);
      g_private_set (&phase_clock, clock);
    }
  if (what != NULL)
    fprintf (stderr, "daumoc: load phase %s: %.1f ms, %.1f ms of this thread's processor time\n",
             what, (wall - clock->wall) / 1000.0, (cpu - clock->cpu) / 1000.0);
  clock->wall = wall;
  clock->cpu = cpu;
}

gboolean
dm_debug_timing (void)
{
  return dm_debug_has ("timing");
}

static void
report (const char *what,
        const char *detail)
{
  fprintf (stderr, "daumoc: %s after %.1f ms%s%s\n", what,
           (g_get_monotonic_time () - start_time) / 1000.0,
           detail ? ", " : "", detail ? detail : "");

  /* The process's peak and resident memory at that moment (Linux). */
  {
    g_autofree char *status = NULL;

    if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
      {
        const char *peak = strstr (status, "VmHWM:");
        const char *resident = strstr (status, "VmRSS:");

        if (peak != NULL && resident != NULL)
          fprintf (stderr, "daumoc: memory at %s: peak %" G_GUINT64_FORMAT " KiB, resident %" G_GUINT64_FORMAT " KiB\n",
                   what, g_ascii_strtoull (peak + 6, NULL, 10), g_ascii_strtoull (resident + 6, NULL, 10));
      }
  }
  fflush (stderr);
}

void
dm_debug_report_once (const char *what,
                      const char *detail)
{
  if (!dm_debug_timing () || start_time == 0)
    return;

  if (reported == NULL)
    reported = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_add (reported, (gpointer) what))
    report (what, detail);
}

static gboolean
watch_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (now - watch_last > watch_longest)
    {
      watch_longest = now - watch_last;
      watch_longest_end = now;
    }
  watch_last = now;

  return G_SOURCE_CONTINUE;
}

void
dm_debug_watch_main_loop (gboolean watching)
{
  if (!dm_debug_timing ())
    return;

  if (watching && watch_id == 0)
    {
      watch_last = g_get_monotonic_time ();
      watch_longest = 0;
      /* Above the redraw priority, so it runs as soon as the loop is free. */
      watch_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, watch_tick_cb, NULL, NULL);
    }
  else if (!watching && watch_id != 0)
    {
      g_autofree char *detail = NULL;

      watch_tick_cb (NULL);
      g_clear_handle_id (&watch_id, g_source_remove);
      detail = g_strdup_printf ("%.1f ms, ending %.1f ms after the start", watch_longest / 1000.0,
                                (watch_longest_end - start_time) / 1000.0);
      /* Every load's, not only the first: replacing a large timeline
       * is measured too (bench/first-frame.sh REPLACE=…). */
      if (start_time != 0)
        report ("longest main-loop stall while loading", detail);
    }
}
