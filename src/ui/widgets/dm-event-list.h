/* dm-event-list.h — a dataset's events as a GListModel of DmEventItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_LIST (dm_event_list_get_type ())

G_DECLARE_FINAL_TYPE (DmEventList, dm_event_list, DM, EVENT_LIST, GObject)

DmEventList *dm_event_list_new         (void);
DmDataset   *dm_event_list_get_dataset (DmEventList *self);
void         dm_event_list_set_dataset (DmEventList *self,
                                        DmDataset   *dataset);

void         dm_event_list_set_positions (DmEventList *self,
                                          GArray      *positions);
void         dm_event_list_refresh       (DmEventList *self);
/* The dataset changed (an edit): the @removed events from @position are
 * now @added others, as dm_edit_get_changed_range() says; only their
 * rows are shown again. */
void         dm_event_list_events_changed (DmEventList *self,
                                           guint        position,
                                           guint        removed,
                                           guint        added);
int          dm_event_list_find          (DmEventList *self,
                                          guint        position);
guint        dm_event_list_get_position  (DmEventList *self,
                                          guint        index);

G_END_DECLS
