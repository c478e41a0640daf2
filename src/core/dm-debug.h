/* dm-debug.h — timing figures the app can print about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DAUMOC_DEBUG=timing prints, on standard error, how long the process took
 * from its start to the first frame of a timeline (and to the loading
 * progress, for large files). The benchmark reads these lines. */
void     dm_debug_mark_start   (void);
gboolean dm_debug_timing       (void);
/* Prints "daumoc: WHAT after N ms" the first time it is called for @what,
 * and (on Linux) "daumoc: memory at WHAT: peak N KiB, resident N KiB". */
void     dm_debug_report_once  (const char *what,
                                const char *detail);

/* Whether DAUMOC_DEBUG, a list separated by commas, names @flag. Besides
 * "timing": "stop-writing" makes the process stop itself (SIGSTOP) when a
 * file it writes is complete but not yet renamed into place, so that tests
 * can interrupt a write at a known point. */
gboolean dm_debug_has         (const char *flag);

/* DAUMOC_DEBUG=load-phases: prints "daumoc: load phase WHAT: N ms, N ms
 * of this thread's processor time" since the previous phase of the same
 * thread (the first phase of a load passes @what NULL to start the clock). */
void     dm_debug_load_phase  (const char *what);

/* While @watching, measures the longest time between two turns of the main
 * loop (a tick is due every 5 ms); on stopping, reports it as "longest
 * main-loop stall while loading", after every load. */
void     dm_debug_watch_main_loop (gboolean watching);

G_END_DECLS
