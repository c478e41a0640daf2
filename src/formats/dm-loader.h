/* dm-loader.h — reading a timeline file into a DmDataset, and writing one
 *
 * The formats layer: the native format and the foreign ones it recognises.
 * The dataset itself (src/core/dm-dataset.h) knows nothing of files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* Loading (dm-loader.c). @display_name names the file in problems. On
 * success returns the dataset and puts any warnings into @problems; on
 * failure returns NULL, puts every problem found into @problems and sets
 * @error from the first one. @problems may be NULL.
 *
 * Besides the native format, TimelineJS3 (and its older version 2) and
 * vis-timeline JSON files are recognised by their shape and imported; what
 * cannot be mapped is reported as a warning (DM_DATASET_ERROR_UNSUPPORTED).
 * dm_dataset_get_origin_format() says which format the file had. */
DmDataset      *dm_dataset_load_bytes         (GBytes        *bytes,
                                               const char    *display_name,
                                               GPtrArray    **problems,
                                               GError       **error);
DmDataset      *dm_dataset_load_file          (GFile         *file,
                                               GPtrArray    **problems,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* The same, naming the file @name in problems (e.g. as the user typed it). */
DmDataset      *dm_dataset_load_file_as       (GFile         *file,
                                               const char    *name,
                                               GPtrArray    **problems,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* Files of at least @bytes (by default 4 MiB) are checked in a thread of
 * their own while they are read, with the same results; for tests, which
 * compare the two ways. */
void            dm_loader_set_concurrent_threshold (gsize bytes);
/* Once such a check has ended, the events left to read are split with a
 * second thread if there are at least twice @min_events (by default
 * 16 384). With @wait, the reading waits for the check to end before the
 * events, so that they are always split: for tests. */
void            dm_loader_set_split_events (guint    min_events,
                                            gboolean wait);
/* How many loads so far have taken a second reader's events. */
guint           dm_loader_get_n_split      (void);
/* Local files of at least @bytes (by default 64 MiB) are read in two
 * halves by two threads at once; for tests, which compare the two ways. */
void            dm_loader_set_read_in_two  (gsize    bytes);
/* How many files so far have been read in two halves. */
guint           dm_loader_get_n_read_in_two (void);
/* Puts back the defaults of the three settings above, and of
 * dm_import_set_split_slides(). */
void            dm_loader_reset_test_settings (void);

/* How far a load in a worker has come, for a progress bar: the worker
 * writes it, any thread reads it. */
typedef struct _DmLoadProgress DmLoadProgress;

DmLoadProgress *dm_load_progress_new          (void);
DmLoadProgress *dm_load_progress_ref          (DmLoadProgress *progress);
void            dm_load_progress_unref        (DmLoadProgress *progress);
/* From 0 (not started) to 1 (done). */
double          dm_load_progress_get_fraction (DmLoadProgress *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmLoadProgress, dm_load_progress_unref)

/* The same in a worker thread; @problems as above. @progress, if not
 * NULL, follows the load. */
void            dm_dataset_load_file_async    (GFile               *file,
                                               DmLoadProgress      *progress,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
DmDataset      *dm_dataset_load_file_finish   (GAsyncResult  *result,
                                               GPtrArray    **problems,
                                               GError       **error);

/* Saving (dm-writer.c): the native format, with every member the file had
 * that this version does not know written back unchanged. */
JsonNode       *dm_dataset_to_json            (DmDataset     *self);
/* The same of a dataset given in parts (borrowed; @events in any order,
 * written in the order of their file), for a worker that writes a
 * snapshot of a dataset being edited (dm-save.h). */
JsonNode       *dm_dataset_parts_to_json      (const DmText  *title,
                                               const DmText  *description,
                                               JsonObject    *extra,
                                               GPtrArray     *kinds,
                                               GPtrArray     *sources,
                                               GPtrArray     *tags,
                                               GPtrArray     *eras,
                                               GPtrArray     *events);
char           *dm_dataset_to_data            (DmDataset     *self,
                                               gsize         *length);
gboolean        dm_dataset_save_to_file       (DmDataset     *self,
                                               GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);

/* @self's events (borrowed) in the order of the file they came from, the
 * order files are written in. */
GPtrArray      *dm_dataset_get_events_in_file_order (DmDataset *self);

G_END_DECLS
