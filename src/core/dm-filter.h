/* dm-filter.h — which events the explorer shows: kinds, years, certainty,
 * tags and the search text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"
#include "dm-search.h"

G_BEGIN_DECLS

/* The year bounds that mean "no bound". A bound beyond ±DM_DATE_YEAR_MAX
 * is no bound either. */
#define DM_FILTER_NO_YEAR_MIN G_MININT64
#define DM_FILTER_NO_YEAR_MAX G_MAXINT64

#define DM_TYPE_FILTER (dm_filter_get_type ())

G_DECLARE_FINAL_TYPE (DmFilter, dm_filter, DM, FILTER, GObject)

/* The criteria are independent of any dataset (kinds and tags are named
 * by id), so a filter outlives the dataset it was made for. Each setter
 * notifies its property and emits ::changed once, and only when the value
 * really changes. An event passes when it passes every criterion:
 *
 *   kinds          its kind is not hidden (events without a kind pass);
 *   year range     its span overlaps [1 January of year-min,
 *                  31 December of year-max];
 *   hide-inferred  its certainty is "stated";
 *   required tags  it has every one of them;
 *   search text    dm_search_index_query() finds it. */
DmFilter       *dm_filter_new                 (void);

const char     *dm_filter_get_search_text     (DmFilter           *self);
void            dm_filter_set_search_text     (DmFilter           *self,
                                               const char         *text);

gboolean        dm_filter_get_kind_visible    (DmFilter           *self,
                                               const char         *kind_id);
void            dm_filter_set_kind_visible    (DmFilter           *self,
                                               const char         *kind_id,
                                               gboolean            visible);
/* The ids of the hidden kinds, sorted. */
char          **dm_filter_dup_hidden_kinds    (DmFilter           *self);
void            dm_filter_set_hidden_kinds    (DmFilter           *self,
                                               const char * const *kind_ids);

gint64          dm_filter_get_year_min        (DmFilter           *self);
void            dm_filter_set_year_min        (DmFilter           *self,
                                               gint64              year);
gint64          dm_filter_get_year_max        (DmFilter           *self);
void            dm_filter_set_year_max        (DmFilter           *self,
                                               gint64              year);
/* Both bounds at once, with one ::changed; DM_FILTER_NO_YEAR_MIN/MAX for
 * none. Returns (get) whether either bound is set. */
void            dm_filter_set_year_range      (DmFilter           *self,
                                               gint64              year_min,
                                               gint64              year_max);
gboolean        dm_filter_get_year_range      (DmFilter           *self,
                                               gint64             *year_min,
                                               gint64             *year_max);

gboolean        dm_filter_get_hide_inferred   (DmFilter           *self);
void            dm_filter_set_hide_inferred   (DmFilter           *self,
                                               gboolean            hide_inferred);

gboolean        dm_filter_get_tag_required    (DmFilter           *self,
                                               const char         *tag);
void            dm_filter_set_tag_required    (DmFilter           *self,
                                               const char         *tag,
                                               gboolean            required);
/* The required tags, sorted. */
char          **dm_filter_dup_required_tags   (DmFilter           *self);
void            dm_filter_set_required_tags   (DmFilter           *self,
                                               const char * const *tags);

/* The dataset filtered last changed in place (an edit, dm-edit.h): what
 * the filter keeps of its events is made again by the next
 * dm_filter_apply(). */
void            dm_filter_dataset_changed     (DmFilter           *self);
/* Whether any criterion can hide an event (also the "active" property). */
gboolean        dm_filter_is_active           (DmFilter           *self);
/* Clears every criterion, with one ::changed (none if nothing was set). */
void            dm_filter_reset               (DmFilter           *self);

/* The state at a glance, e.g. "2 of 6 kinds · 2018 – 2020 · stated dates
 * only · “nghi quyet”", or "All events" when nothing is filtered. */
char           *dm_filter_describe            (DmFilter           *self,
                                               DmDataset          *dataset,
                                               DmLanguage          language);

/* Appends to @positions (GArray of guint) the position of every event of
 * @dataset that passes, in time order; returns how many. @index must have
 * been built from @dataset; it may be NULL when the search text is empty.
 * Typing is incremental: the filter keeps a DmSearchState for @index. */
guint           dm_filter_apply               (DmFilter           *self,
                                               DmDataset          *dataset,
                                               DmSearchIndex      *index,
                                               GArray             *positions);

/* For the kind checkboxes: for each kind of @dataset, in its order, the
 * number of events of that kind that pass every criterion but the kinds
 * (so a hidden kind shows what showing it would add). A GArray of guint. */
GArray         *dm_filter_count_by_kind       (DmFilter           *self,
                                               DmDataset          *dataset,
                                               DmSearchIndex      *index);

G_END_DECLS
