/* dm-dataset.h — a loaded timeline: kinds, sources, eras and events, indexed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dm-model.h"
#include "dm-problem.h"

G_BEGIN_DECLS

#define DM_DATASET_FORMAT_NAME "daumoc-timeline"
#define DM_DATASET_FORMAT_VERSION 1

/* What a dataset was read from (dm_dataset_get_origin_format()). */
#define DM_ORIGIN_DAUMOC      DM_DATASET_FORMAT_NAME
#define DM_ORIGIN_TIMELINEJS3 "timelinejs3"
#define DM_ORIGIN_TIMELINEJS2 "timelinejs2"
#define DM_ORIGIN_VIS         "vis-timeline"
#define DM_ORIGIN_TIMELINEJS_SHEET "timelinejs-sheet"  /* the template as CSV, XLSX or ODS */
#define DM_ORIGIN_TABLE       "table"                  /* a table of events as CSV, XLSX or ODS */

#define DM_TYPE_DATASET (dm_dataset_get_type ())

G_DECLARE_FINAL_TYPE (DmDataset, dm_dataset, DM, DATASET, GObject)

DmDataset      *dm_dataset_new                (void);

/* Building, for the loader and importers. The dataset takes ownership.
 * dm_dataset_finish() sorts the events, resolves kinds and builds the
 * index; it must be called once, after which the dataset is read-only. */
void            dm_dataset_set_title          (DmDataset     *self,
                                               const char    *vi,
                                               const char    *en);
DmText         *dm_dataset_get_title_mutable  (DmDataset     *self);
DmText         *dm_dataset_get_description_mutable (DmDataset *self);
void            dm_dataset_set_extra          (DmDataset     *self,
                                               JsonObject    *extra);
JsonObject     *dm_dataset_get_extra          (DmDataset     *self);
void            dm_dataset_add_kind           (DmDataset     *self,
                                               DmKind        *kind);
void            dm_dataset_add_source         (DmDataset     *self,
                                               DmSource      *source);
void            dm_dataset_add_era            (DmDataset     *self,
                                               DmEra         *era);
void            dm_dataset_add_tag_label      (DmDataset     *self,
                                               DmTag         *tag);
void            dm_dataset_add_event          (DmDataset     *self,
                                               DmEvent       *event);
void            dm_dataset_finish             (DmDataset     *self);
/* A dataset of many events frees them in a thread of its own when it goes,
 * and lets their JSON go in the main loop after. Runs the main loop until
 * every such free has ended; returns how many JSON objects they let go
 * meanwhile. For tests and benchmarks. */
guint           dm_dataset_wait_for_freeing   (void);

/* The format the dataset was read from: DM_ORIGIN_DAUMOC (the default),
 * DM_ORIGIN_TIMELINEJS3, DM_ORIGIN_TIMELINEJS2, DM_ORIGIN_VIS,
 * DM_ORIGIN_TIMELINEJS_SHEET or DM_ORIGIN_TABLE. Saving
 * always writes the native format. */
const char     *dm_dataset_get_origin_format  (DmDataset     *self);
void            dm_dataset_set_origin_format  (DmDataset     *self,
                                               const char    *origin);

GFile          *dm_dataset_get_file           (DmDataset     *self);
void            dm_dataset_set_file           (DmDataset     *self,
                                               GFile         *file);

const DmText   *dm_dataset_get_title          (DmDataset     *self);
const DmText   *dm_dataset_get_description    (DmDataset     *self);

guint           dm_dataset_get_n_kinds        (DmDataset     *self);
const DmKind   *dm_dataset_get_kind           (DmDataset     *self,
                                               guint          position);
const DmKind   *dm_dataset_lookup_kind        (DmDataset     *self,
                                               const char    *id);

guint           dm_dataset_get_n_sources      (DmDataset     *self);
const DmSource *dm_dataset_get_source         (DmDataset     *self,
                                               guint          position);
const DmSource *dm_dataset_lookup_source      (DmDataset     *self,
                                               const char    *id);

/* Eras in the order of the file. */
guint           dm_dataset_get_n_eras         (DmDataset     *self);
const DmEra    *dm_dataset_get_era            (DmDataset     *self,
                                               guint          position);

/* Events in time order (by start, then end, then position in the file). */
guint           dm_dataset_get_n_events       (DmDataset     *self);
const DmEvent  *dm_dataset_get_event          (DmDataset     *self,
                                               guint          position);
const DmEvent  *dm_dataset_lookup_event       (DmDataset     *self,
                                               const char    *id,
                                               guint         *position);

/* The earliest start and latest end of all events; FALSE when empty. */
gboolean        dm_dataset_get_span           (DmDataset     *self,
                                               DmDate        *first,
                                               DmDate        *last,
                                               double        *axis_start,
                                               double        *axis_end);

/* Appends to @positions (GArray of guint) the position of every event whose
 * span overlaps the closed axis range [@axis_a, @axis_b], in time order.
 * O(log n + k + s log s), s being the events that start before @axis_a
 * and reach into the range. */
guint           dm_dataset_query_range        (DmDataset     *self,
                                               double         axis_a,
                                               double         axis_b,
                                               GArray        *positions);

/* For drawing many events: the events of one lane in time order, as
 * arrays of their positions and of their axis starts and ends. There are
 * MAX (n_kinds, 1) lanes, one per kind; events without a known kind are
 * in the last. Returns how many events the lane has. */
guint           dm_dataset_get_lane           (DmDataset     *self,
                                               guint          lane,
                                               const guint  **positions,
                                               const double **axis_starts,
                                               const double **axis_ends);
/* The lane of the event at @position. */
guint           dm_dataset_get_event_lane     (DmDataset     *self,
                                               guint          position);

/* In @values[0, @n), sorted: the first index whose value is not below
 * @value (lower), or is above it (upper); @n when there is none. */
guint           dm_sorted_lower_bound         (const double  *values,
                                               guint          n,
                                               double         value);
guint           dm_sorted_upper_bound         (const double  *values,
                                               guint          n,
                                               double         value);

/* Whether the dataset's title, description or any event's title or
 * summary is given in @language: a dataset in one language only has
 * nothing to switch to. Known once the dataset is finished. */
gboolean        dm_dataset_has_language       (DmDataset     *self,
                                               DmLanguage     language);
/* How many events are of the kind at @kind_index. */
guint           dm_dataset_get_kind_count     (DmDataset     *self,
                                               guint          kind_index);
/* Every tag the events use, once, in byte order. Made on the first call,
 * which goes over every event: a loader in a worker makes it there. The
 * strings belong to the events. Not thread-safe before that first call. */
GPtrArray      *dm_dataset_get_tags           (DmDataset     *self);

/* An event that relates to another: the other side of a relation. */
typedef struct
{
  guint             position;   /* of the event that names the other */
  const DmRelation *relation;   /* its relation, naming the other */
} DmReferrer;

/* The events whose "related" names the event at @position, in time
 * order, and how many (@n_referrers). Made on the first call, over every
 * event; not thread-safe before that. The array belongs to the dataset. */
const DmReferrer *dm_dataset_get_referrers    (DmDataset     *self,
                                               guint          position,
                                               guint         *n_referrers);

/* The labels the dataset gives its tags ("tags" at the top of the file),
 * in the order of the file. */
guint           dm_dataset_get_n_tag_labels   (DmDataset     *self);
const DmTag    *dm_dataset_get_tag_label      (DmDataset     *self,
                                               guint          position);
const DmTag    *dm_dataset_lookup_tag_label   (DmDataset     *self,
                                               const char    *tag);
/* How @tag is shown in @language: its label, in the other language when
 * that is all there is, or the tag itself when it has no label. */
const char     *dm_dataset_format_tag         (DmDataset     *self,
                                               const char    *tag,
                                               DmLanguage     language);

/* Changing a finished dataset, for the editing layer (dm-edit.h), which
 * checks what it is given: these keep the time order, the index, the
 * lanes and the counts right in O(n) memory moves, with no sort. */

/* Puts @event (taken) in its place in time order and returns its
 * position. Its file_index is kept: the editing layer gives a new event
 * dm_dataset_get_next_file_index(). Its id must not be in use. */
guint           dm_dataset_insert_event       (DmDataset     *self,
                                               DmEvent       *event);
/* Takes the event at @position out of the dataset and returns it. */
DmEvent        *dm_dataset_steal_event        (DmDataset     *self,
                                               guint          position);
guint           dm_dataset_get_next_file_index (DmDataset    *self);

/* Kinds, sources and tag labels at @position: inserted (taken), or
 * taken out and returned. Kinds and sources keep unique ids. */
void            dm_dataset_insert_kind        (DmDataset     *self,
                                               guint          position,
                                               DmKind        *kind);
DmKind         *dm_dataset_steal_kind         (DmDataset     *self,
                                               guint          position);
void            dm_dataset_insert_source      (DmDataset     *self,
                                               guint          position,
                                               DmSource      *source);
DmSource       *dm_dataset_steal_source       (DmDataset     *self,
                                               guint          position);
void            dm_dataset_insert_tag_label   (DmDataset     *self,
                                               guint          position,
                                               DmTag         *tag);
DmTag          *dm_dataset_steal_tag_label    (DmDataset     *self,
                                               guint          position);
/* Swaps the dataset's title (or description) with @text. */
void            dm_dataset_swap_title         (DmDataset     *self,
                                               DmText        *text);
void            dm_dataset_swap_description   (DmDataset     *self,
                                               DmText        *text);

G_END_DECLS
