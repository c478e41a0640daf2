/* dm-event-editor.h — editing one event, field by field, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-edit.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_EDITOR (dm_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (DmEventEditor, dm_event_editor, DM, EVENT_EDITOR, AdwWindow)

/* An editor of the event @event_id of @edit's dataset. Each field is
 * checked as it is typed, and a valid change goes to @edit at once
 * (typing in one field is one step of undo); a problem is shown at its
 * field. It closes itself when its event is gone (deleted, or an undo
 * took its creation back). */
DmEventEditor *dm_event_editor_new          (GtkWindow     *parent,
                                             DmEdit        *edit,
                                             const char    *event_id);
const char    *dm_event_editor_get_event_id (DmEventEditor *self);
/* Offers the dates @text writes (dm_date_phrases_find()) as buttons that
 * set the event's date. */
void           dm_event_editor_offer_dates  (DmEventEditor *self,
                                             const char    *text);

G_END_DECLS
