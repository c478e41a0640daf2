/* dm-time-scale.h — the map between time and pixels, and the axis ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dm-date.h"

G_BEGIN_DECLS

/* x = (axis - origin) / days_per_px, where axis is in days since
 * 1970-01-01 (see dm_date_get_axis_start()). A plain value: the view owns
 * it and animates it. */
typedef struct
{
  double origin;        /* the axis value at x = 0 */
  double days_per_px;   /* > 0 */
} DmTimeScale;

typedef enum
{
  DM_TICK_MINUTES,
  DM_TICK_HOURS,
  DM_TICK_DAYS,
  DM_TICK_WEEKS,        /* Mondays */
  DM_TICK_MONTHS,
  DM_TICK_YEARS,
} DmTickUnit;

/* One rung of the ladder of tick spacings, from a minute to ten billion
 * years: 1, 5, 15, 30 minutes; 1, 3, 6, 12 hours; days; weeks; 1, 3, 6
 * months; 1, 2, 5, 10, 20, 50 … years. */
typedef struct
{
  DmTickUnit unit;
  gint64     step;      /* units between ticks */
  double     days;      /* the typical distance between ticks, in days */
} DmTickLevel;

typedef struct
{
  double axis;          /* where the tick is */
  DmDate date;          /* the date it marks, at the level's precision */
} DmTick;

double             dm_time_scale_axis_to_x      (const DmTimeScale *scale,
                                                 double             axis);
double             dm_time_scale_x_to_axis      (const DmTimeScale *scale,
                                                 double             x);

/* Zooms by @factor (> 1 zooms in) keeping the time under @x where it is,
 * with days_per_px kept within [@min_days_per_px, @max_days_per_px]. */
void               dm_time_scale_zoom_at        (DmTimeScale       *scale,
                                                 double             x,
                                                 double             factor,
                                                 double             min_days_per_px,
                                                 double             max_days_per_px);

/* Shows [@axis_start, @axis_end] across @width pixels with @margin pixels
 * free on each side. */
void               dm_time_scale_fit            (DmTimeScale       *scale,
                                                 double             axis_start,
                                                 double             axis_end,
                                                 double             width,
                                                 double             margin);

/* The finest level whose ticks are at least @min_spacing pixels apart. */
const DmTickLevel *dm_tick_level_for_scale      (double             days_per_px,
                                                 double             min_spacing);
/* The level of the second, coarser label row: days over hours, months
 * over days and weeks, years over months, decades over years… */
const DmTickLevel *dm_tick_level_get_coarser    (const DmTickLevel *level);

/* Appends to @ticks (GArray of DmTick) every tick of @level in the axis
 * range [@axis_start, @axis_end], in order. Returns how many. */
guint              dm_tick_level_get_ticks      (const DmTickLevel *level,
                                                 double             axis_start,
                                                 double             axis_end,
                                                 GArray            *ticks);

/* The label of a tick: short for the fine row ("May", "22", "14:00",
 * "2016"), complete for the coarse row ("May 2020", "22 May 2020").
 * Very large years read as people say them: "13.8 billion years ago". */
char              *dm_tick_format               (const DmTick      *tick,
                                                 const DmTickLevel *level,
                                                 gboolean           coarse_row,
                                                 DmLanguage         language);

G_END_DECLS
