/* dm-window-edit.h — the window's editing: edit actions, undo, saving,
 * unsaved changes, recovery, and events made from a source's passage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-edit.h"
#include "dm-source-viewer.h"
#include "dm-window.h"

G_BEGIN_DECLS

/* Called by dm-window.c (and dm-application.c), at the places marked
 * "editing". */
void     dm_window_edit_class_init      (GtkWidgetClass *widget_class);
void     dm_window_edit_init            (DmWindow       *self);
void     dm_window_edit_dataset_shown   (DmWindow       *self,
                                         DmDataset      *dataset);
/* TRUE when closing waits for the user (unsaved changes). */
gboolean dm_window_edit_close_request   (DmWindow       *self);
/* TRUE when opening @file waits for the user (unsaved changes), who
 * may save or discard them first: it is then opened. */
gboolean dm_window_edit_open_request    (DmWindow       *self,
                                         GFile          *file);
/* TRUE when the file changed on disk must not be reloaded now: it is
 * the window's own save, or there are unsaved edits and the user is
 * asked. */
gboolean dm_window_edit_file_changed    (DmWindow       *self);
/* The source asked for (@viewer NULL), then the viewer showing it
 * (@source_id NULL: the one asked for last). */
void     dm_window_edit_source_shown    (DmWindow       *self,
                                         DmSourceViewer *viewer,
                                         const char     *source_id);
/* Once the first timeline is shown, offers the unsaved changes a crashed
 * process left behind. */
void     dm_window_edit_offer_recovery  (DmWindow       *self);

/* The edits of the timeline shown (NULL when none is). */
DmEdit  *dm_window_edit_get_edit        (DmWindow       *self);
/* The event editor open, if any. */
GtkWindow *dm_window_edit_get_editor    (DmWindow       *self);

/* For tests, which cannot answer a file chooser (a portal's, in a
 * sandbox): with @accept, the file choosers of saving are not shown, and
 * what they would propose is taken as chosen (Save As: the name offered
 * beside the timeline's file; an export back: that file itself). */
void     dm_window_edit_accept_choosers (DmWindow       *self,
                                         gboolean        accept);
/* Whether a recovery copy of the window's edits is being written, for
 * tests of what happens meanwhile. */
gboolean dm_window_edit_is_writing_copy (DmWindow       *self);

/* In dm-window.c, for the editing: the selected event's position (or
 * -1), and the views shown again after an edit, with @selected (a
 * position, or -1) selected and the title marked when @modified. With
 * @dataset NULL, the views let go of the dataset, which is about to
 * change. */
int      dm_window_get_selected         (DmWindow       *self);
/* Whether a worker is reading the dataset (the search index of a large
 * one, made after it was opened): it must not be edited meanwhile. */
gboolean dm_window_is_indexing          (DmWindow       *self);
/* In dm-window-actions.c: the text of the source @source_id in the
 * source viewer, as a citation of it shows it. */
void     dm_window_show_source          (DmWindow       *self,
                                         const char     *source_id);
/* After an edit of events only (dm_edit_get_changed_range()): the views
 * show again what changed, keeping the rest (the zoom, the list's
 * scroll), with @selected (a position, or -1) selected. */
void     dm_window_show_events_changed  (DmWindow       *self,
                                         guint           position,
                                         guint           removed,
                                         guint           added,
                                         int             selected);
/* The title, marked when there are unsaved changes. */
void     dm_window_show_modified        (DmWindow       *self,
                                         gboolean        modified);
void     dm_window_show_edited          (DmWindow       *self,
                                         DmDataset      *dataset,
                                         int             selected,
                                         gboolean        modified);

G_END_DECLS
