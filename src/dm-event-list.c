/* dm-event-list.c
 *
 * Items are made when asked for, so a list of a million events costs
 * nothing until rows are shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-event-item.h"
#include "dm-event-list.h"

struct _DmEventList
{
  GObject    parent_instance;
  DmDataset *dataset;
};

static GType
dm_event_list_get_item_type (GListModel *model)
{
  return DM_TYPE_EVENT_ITEM;
}

static guint
dm_event_list_get_n_items (GListModel *model)
{
  DmEventList *self = DM_EVENT_LIST (model);

  return self->dataset ? dm_dataset_get_n_events (self->dataset) : 0;
}

static gpointer
dm_event_list_get_item (GListModel *model,
                        guint       position)
{
  DmEventList *self = DM_EVENT_LIST (model);

  if (self->dataset == NULL || position >= dm_dataset_get_n_events (self->dataset))
    return NULL;

  return dm_event_item_new (self->dataset, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dm_event_list_get_item_type;
  iface->get_n_items = dm_event_list_get_n_items;
  iface->get_item = dm_event_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DmEventList, dm_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dm_event_list_dispose (GObject *object)
{
  DmEventList *self = (DmEventList *)object;

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_event_list_parent_class)->dispose (object);
}

static void
dm_event_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DmEventList *self = DM_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DmEventList *self = DM_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      dm_event_list_set_dataset (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_list_class_init (DmEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_event_list_dispose;
  object_class->get_property = dm_event_list_get_property;
  object_class->set_property = dm_event_list_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         DM_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_event_list_init (DmEventList *self)
{
}

DmEventList *
dm_event_list_new (void)
{
  return g_object_new (DM_TYPE_EVENT_LIST, NULL);
}

DmDataset *
dm_event_list_get_dataset (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);

  return self->dataset;
}

void
dm_event_list_set_dataset (DmEventList *self,
                           DmDataset   *dataset)
{
  guint removed;
  guint added;

  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (!dataset || DM_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  removed = self->dataset ? dm_dataset_get_n_events (self->dataset) : 0;
  g_set_object (&self->dataset, dataset);
  added = dataset ? dm_dataset_get_n_events (dataset) : 0;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}
