/* dm-event-item.h — one event of a dataset, as an item of a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_ITEM (dm_event_item_get_type ())

G_DECLARE_FINAL_TYPE (DmEventItem, dm_event_item, DM, EVENT_ITEM, GObject)

DmEventItem   *dm_event_item_new          (DmDataset   *dataset,
                                           guint        position);
DmDataset     *dm_event_item_get_dataset  (DmEventItem *self);
guint          dm_event_item_get_position (DmEventItem *self);
const DmEvent *dm_event_item_get_event    (DmEventItem *self);
/* For DmEventList, which moves the items it gave out along with their
 * events when an edit moves them (dm_event_list_events_changed()). */
void           dm_event_item_set_position (DmEventItem *self,
                                           guint        position);

G_END_DECLS
