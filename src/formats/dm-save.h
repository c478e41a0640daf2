/* dm-save.h — saving a timeline over its file: atomically, keeping the
 * file's mode and the order of its members, and recovery copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* How far a save has come, from 0 to 1; called in the thread that saves. */
typedef void (*DmSaveProgressFunc) (double   fraction,
                                    gpointer user_data);

/* Orders the members of every object in @node as the corresponding
 * object of @model has them (members @model lacks keep their place after
 * those it has). Objects in arrays correspond by their "id" member when
 * they have one, by position otherwise. So a timeline saved over the file
 * it was loaded from, with members in an order of its author's, differs
 * from it only where it was changed. Returns a new node. */
JsonNode *dm_json_order_like          (JsonNode            *node,
                                       JsonNode            *model);

/* Saves @dataset to @file in the native format. When @file exists and is
 * JSON, the members keep its order (dm_json_order_like()), and, for what
 * it no longer has (an event deleted, saved, then brought back by an
 * undo), the order of the file at the dataset's first save. The file is
 * replaced atomically and keeps its mode (dm_file_write_atomically()): a
 * failed or cancelled save leaves it as it was. */
gboolean  dm_dataset_save             (DmDataset           *dataset,
                                       GFile               *file,
                                       DmSaveProgressFunc   progress,
                                       gpointer             user_data,
                                       GCancellable        *cancellable,
                                       GError             **error);
/* The same in a worker thread. The dataset must not change until the
 * callback has been called. */
void      dm_dataset_save_async       (DmDataset           *dataset,
                                       GFile               *file,
                                       DmSaveProgressFunc   progress,
                                       gpointer             user_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             callback_data);
gboolean  dm_dataset_save_finish      (DmDataset           *dataset,
                                       GAsyncResult        *result,
                                       GError             **error);

/* Recovery copies: while a timeline has unsaved changes, a copy of it is
 * kept in $XDG_STATE_HOME/daumoc/recovery, with a note of the file it
 * belongs to (none for a new timeline) and of the process that wrote it.
 * After a crash the copy is found and offered. */
typedef struct
{
  GFile     *copy;       /* the copy, a native timeline file */
  GFile     *original;   /* the file it was edited from, or NULL */
  GDateTime *written;
} DmRecovery;

void       dm_recovery_free           (DmRecovery    *recovery);
/* Writes the copy for @original (NULL for a new timeline) of this
 * process. */
gboolean   dm_recovery_write          (DmDataset     *dataset,
                                       GFile         *original,
                                       GError       **error);
/* A recovery copy written in a worker while the timeline is edited, so
 * that a large one (the JSON of 100 000 events takes seconds) is kept
 * safe with no pause. The snapshot is taken on the thread that edits, at
 * once: copies of the kinds, sources and tag labels (a few), and the
 * pointers of the events, which the caller keeps alive and unchanged
 * until it frees the snapshot (dm_edit_hold_events(): an edit replaces
 * an event, never changes it). Written as dm_recovery_write() writes, in
 * any thread; freed on the thread that took it. */
typedef struct _DmRecoverySnapshot DmRecoverySnapshot;

DmRecoverySnapshot *dm_recovery_snapshot_new   (DmDataset           *dataset,
                                                GFile               *original);
gboolean            dm_recovery_snapshot_write (DmRecoverySnapshot  *self,
                                                GCancellable        *cancellable,
                                                GError             **error);
void                dm_recovery_snapshot_free  (DmRecoverySnapshot  *self);

/* Removes this process's copy for @original: saved, or discarded. */
void       dm_recovery_discard        (GFile         *original);
/* The copies left by processes that are no longer running, newest first. */
GPtrArray *dm_recovery_list_orphans   (void);
/* Removes an orphaned copy once it was recovered or declined. */
void       dm_recovery_remove         (DmRecovery    *recovery);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRecovery, dm_recovery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRecoverySnapshot, dm_recovery_snapshot_free)

G_END_DECLS
