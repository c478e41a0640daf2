/* dm-event-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-event-item.h"

struct _DmEventItem
{
  GObject    parent_instance;
  DmDataset *dataset;
  guint      position;
};

G_DEFINE_FINAL_TYPE (DmEventItem, dm_event_item, G_TYPE_OBJECT)

static void
dm_event_item_finalize (GObject *object)
{
  DmEventItem *self = (DmEventItem *)object;

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_event_item_parent_class)->finalize (object);
}

static void
dm_event_item_class_init (DmEventItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_event_item_finalize;
}

static void
dm_event_item_init (DmEventItem *self)
{
}

DmEventItem *
dm_event_item_new (DmDataset *dataset,
                   guint      position)
{
  DmEventItem *self;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (position < dm_dataset_get_n_events (dataset), NULL);

  self = g_object_new (DM_TYPE_EVENT_ITEM, NULL);
  self->dataset = g_object_ref (dataset);
  self->position = position;

  return self;
}

DmDataset *
dm_event_item_get_dataset (DmEventItem *self)
{
  g_return_val_if_fail (DM_IS_EVENT_ITEM (self), NULL);

  return self->dataset;
}

guint
dm_event_item_get_position (DmEventItem *self)
{
  g_return_val_if_fail (DM_IS_EVENT_ITEM (self), 0);

  return self->position;
}

void
dm_event_item_set_position (DmEventItem *self,
                            guint        position)
{
  g_return_if_fail (DM_IS_EVENT_ITEM (self));

  self->position = position;
}

const DmEvent *
dm_event_item_get_event (DmEventItem *self)
{
  g_return_val_if_fail (DM_IS_EVENT_ITEM (self), NULL);

  return dm_dataset_get_event (self->dataset, self->position);
}
