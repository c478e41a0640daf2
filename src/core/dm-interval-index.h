/* dm-interval-index.h — which intervals overlap a range, in O(log n + k)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DmIntervalIndex DmIntervalIndex;

/* Builds a centred interval tree over the closed intervals
 * [@lo[i], @hi[i]], i < @n (lo[i] <= hi[i]). Arrays are copied. */
DmIntervalIndex *dm_interval_index_new    (const double    *lo,
                                           const double    *hi,
                                           guint            n);
void             dm_interval_index_free   (DmIntervalIndex *index);

/* Appends to @out (a GArray of guint) the index of every interval that
 * overlaps the closed range [@a, @b], in no particular order. Each is
 * reported once; a reversed range (@a > @b) overlaps nothing. Returns the
 * number appended. */
guint            dm_interval_index_query  (const DmIntervalIndex *index,
                                           double           a,
                                           double           b,
                                           GArray          *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmIntervalIndex, dm_interval_index_free)

G_END_DECLS
