/* dm-edit.h — changing a timeline: checked edits with undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* What an edit of an event changed: consecutive edits of the same field
 * of the same event are one step of undo (typing in a field is one step). */
typedef enum
{
  DM_EVENT_FIELD_NONE,      /* never merged */
  DM_EVENT_FIELD_ID,
  DM_EVENT_FIELD_KIND,
  DM_EVENT_FIELD_START,
  DM_EVENT_FIELD_END,
  DM_EVENT_FIELD_BOUND,
  DM_EVENT_FIELD_CERTAINTY,
  DM_EVENT_FIELD_CERTAINTY_REASON_VI,
  DM_EVENT_FIELD_CERTAINTY_REASON_EN,
  DM_EVENT_FIELD_TITLE_VI,
  DM_EVENT_FIELD_TITLE_EN,
  DM_EVENT_FIELD_SUMMARY_VI,
  DM_EVENT_FIELD_SUMMARY_EN,
  DM_EVENT_FIELD_PLACE_VI,
  DM_EVENT_FIELD_PLACE_EN,
  DM_EVENT_FIELD_TAGS,
  DM_EVENT_FIELD_ACTORS,
  DM_EVENT_FIELD_RELATED,
  DM_EVENT_FIELD_FIGURES,
  DM_EVENT_FIELD_LISTS,
  DM_EVENT_FIELD_CITATIONS,
  DM_EVENT_FIELD_LINKS,
} DmEventField;

/* Where the text of a DM_EVENT_FIELD_*_VI or _EN field is kept in
 * @event; NULL for a field that is not a text. */
char        **dm_event_field_get_text_slot (DmEvent      *event,
                                            DmEventField  field);

#define DM_TYPE_EDIT (dm_edit_get_type ())

G_DECLARE_FINAL_TYPE (DmEdit, dm_edit, DM, EDIT, GObject)

/* Edits the finished @dataset in place. */
DmEdit       *dm_edit_new                 (DmDataset     *dataset);
DmDataset    *dm_edit_get_dataset         (DmEdit        *self);

/* The checks the loader makes of an event, for @event as it would be
 * after an edit of the event now called @old_id (NULL for a new one): a
 * missing id, kind, title or start, an id in use, an end before the start, a
 * kind, a related event or a cited source that does not exist, an actor
 * without a name, a figure or a list without a label, an empty item of a
 * list, a link that is not an http(s) address. Returns
 * DmProblem*s whose paths name the field ("end", "related[0].event"),
 * in the syntax of the loader's; empty when the event may be saved. */
GPtrArray    *dm_edit_check_event         (DmEdit        *self,
                                           const DmEvent *event,
                                           const char    *old_id);

/* Changing events. Each call is one step of undo, except that
 * dm_edit_change_event() of the same @field of the same event as the step
 * before is merged into it until dm_edit_close_step(). An event that does
 * not pass dm_edit_check_event() is refused with @error set from its
 * first problem, and the dataset is left as it was. Each change emits
 * "changed". */
gboolean      dm_edit_add_event           (DmEdit        *self,
                                           DmEvent       *event,
                                           GError       **error);
gboolean      dm_edit_change_event        (DmEdit        *self,
                                           const char    *id,
                                           DmEvent       *event,
                                           DmEventField   field,
                                           GError       **error);
/* A copy of the event with a new id next to it; returns the new id. */
char         *dm_edit_duplicate_event     (DmEdit        *self,
                                           const char    *id);
/* Deletes the event and, in the same step, the relations to it. */
gboolean      dm_edit_delete_event        (DmEdit        *self,
                                           const char    *id);
/* An id made of @base ("event" when NULL or empty) that no event has. */
char         *dm_edit_make_event_id       (DmEdit        *self,
                                           const char    *base);

/* Convenience over dm_edit_change_event() for one text field (a
 * DM_EVENT_FIELD_*_VI or _EN) and for the dates. */
gboolean      dm_edit_set_event_text      (DmEdit        *self,
                                           const char    *id,
                                           DmEventField   field,
                                           const char    *value,
                                           GError       **error);

/* Kinds, sources and tag labels: @item (taken) replaces the one at
 * @position, or is added at the end when @position is the count; NULL
 * deletes it. A kind or source still in use cannot be deleted, nor can
 * its id be changed; ids stay unique. */
gboolean      dm_edit_set_kind            (DmEdit        *self,
                                           guint          position,
                                           DmKind        *kind,
                                           GError       **error);
gboolean      dm_edit_set_source          (DmEdit        *self,
                                           guint          position,
                                           DmSource      *source,
                                           GError       **error);
gboolean      dm_edit_set_tag_label       (DmEdit        *self,
                                           guint          position,
                                           DmTag         *tag,
                                           GError       **error);
void          dm_edit_set_title           (DmEdit        *self,
                                           const char    *vi,
                                           const char    *en);

/* Several changes as one step of undo, e.g. an event made from a passage
 * of a source. Groups nest. */
void          dm_edit_begin_group         (DmEdit        *self);
void          dm_edit_end_group           (DmEdit        *self);
/* Ends the merging of typing: the next change is a step of its own. */
void          dm_edit_close_step          (DmEdit        *self);

gboolean      dm_edit_can_undo            (DmEdit        *self);
gboolean      dm_edit_can_redo            (DmEdit        *self);
gboolean      dm_edit_undo                (DmEdit        *self);
gboolean      dm_edit_redo                (DmEdit        *self);

/* Whether the dataset differs from what was last saved (or loaded). */
gboolean      dm_edit_get_modified        (DmEdit        *self);
/* The dataset as it is now has been saved. */
void          dm_edit_set_saved           (DmEdit        *self);

/* The id of the event the last change, undo or redo was about (NULL when
 * it was not about one event, or deleted it): for the views to select. */
const char   *dm_edit_get_changed_event   (DmEdit        *self);

/* For a worker that reads the events of the dataset while it is edited
 * (a recovery copy written from a snapshot of their pointers): until the
 * release, no event the dataset held is freed, and since an edit
 * replaces an event rather than change it, each stays as it was. Holds
 * nest; the DmEdit must live until the last is released. */
void          dm_edit_hold_events         (DmEdit        *self);
void          dm_edit_release_events      (DmEdit        *self);

/* What the last change, undo or redo did to the events' positions, as
 * GListModel::items-changed says it: the @removed events from @position
 * are now @added others (or the same, changed); those before are as
 * they were, those after as they were, moved by @added - @removed. So
 * the views show again only what changed. FALSE when more than events
 * changed (a kind, a source, a tag's label, the title), which may change
 * how every event is shown. */
gboolean      dm_edit_get_changed_range   (DmEdit        *self,
                                           guint         *position,
                                           guint         *removed,
                                           guint         *added);

G_END_DECLS
