/* dm-event-list.c
 *
 * Items are made when asked for, so a list of a million events costs
 * nothing until rows are shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-event-item.h"
#include "dm-event-list.h"

struct _DmEventList
{
  GObject    parent_instance;
  DmDataset *dataset;
  GArray    *positions;   /* guint, the events shown; NULL: all */
  guint      n_events;    /* the dataset's, as the list last said: an
                           * edit changes the dataset before the list
                           * tells of it (dm_event_list_events_changed()) */
  GHashTable *items;      /* the DmEventItems given out and alive (not
                           * references): a list view keeps those of the
                           * rows it shows, and after an edit they move
                           * with their events */
};

static void
item_gone_cb (gpointer  data,
              GObject  *where_the_item_was)
{
  DmEventList *self = data;

  g_hash_table_remove (self->items, where_the_item_was);
}

static guint
n_items (DmEventList *self)
{
  if (self->dataset == NULL)
    return 0;
  return self->positions ? self->positions->len : self->n_events;
}

static GType
dm_event_list_get_item_type (GListModel *model)
{
  return DM_TYPE_EVENT_ITEM;
}

static guint
dm_event_list_get_n_items (GListModel *model)
{
  return n_items (DM_EVENT_LIST (model));
}

static gpointer
dm_event_list_get_item (GListModel *model,
                        guint       position)
{
  DmEventList *self = DM_EVENT_LIST (model);

  DmEventItem *item;

  if (position >= n_items (self))
    return NULL;

  item = dm_event_item_new (self->dataset, dm_event_list_get_position (self, position));
  g_hash_table_add (self->items, item);
  g_object_weak_ref (G_OBJECT (item), item_gone_cb, self);
  return item;
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

  if (self->items != NULL)
    {
      GHashTableIter iter;
      gpointer item;

      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, &item, NULL))
        g_object_weak_unref (item, item_gone_cb, self);
      g_clear_pointer (&self->items, g_hash_table_unref);
    }
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->positions, g_array_unref);

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
  self->items = g_hash_table_new (NULL, NULL);
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

  removed = n_items (self);
  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->positions, g_array_unref);
  self->n_events = dataset != NULL ? dm_dataset_get_n_events (dataset) : 0;
  added = n_items (self);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/* Shows only the events at @positions (in time order; copied), or all of
 * them when @positions is NULL. */
void
dm_event_list_set_positions (DmEventList *self,
                             GArray      *positions)
{
  guint removed;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  /* Telling the list view that a million rows changed costs it a quarter
   * of a second: say nothing when nothing did. */
  if (positions == NULL && self->positions == NULL)
    return;
  /* An empty GArray's data may be NULL, which memcmp() must not get. */
  if (positions != NULL && self->positions != NULL && positions->len == self->positions->len &&
      (positions->len == 0 || memcmp (positions->data, self->positions->data, sizeof (guint) * positions->len) == 0))
    return;

  /* Only the rows between what the old and the new positions share at
   * their start and at their end are said to change: after an edit, the
   * one row of the event edited. */
  {
    guint old_n = n_items (self);
    guint new_n = self->dataset == NULL ? 0 : positions != NULL ? positions->len : self->n_events;
    guint head = 0;
    guint tail = 0;

    while (head < old_n && head < new_n &&
           dm_event_list_get_position (self, head) == (positions != NULL ? g_array_index (positions, guint, head) : head))
      head++;
    while (tail < old_n - head && tail < new_n - head &&
           dm_event_list_get_position (self, old_n - 1 - tail) ==
           (positions != NULL ? g_array_index (positions, guint, new_n - 1 - tail) : new_n - 1 - tail))
      tail++;

    g_clear_pointer (&self->positions, g_array_unref);
    if (positions != NULL)
      {
        self->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), positions->len);
        g_array_append_vals (self->positions, positions->data, positions->len);
      }

    removed = old_n - head - tail;
    if (removed > 0 || new_n - head - tail > 0)
      g_list_model_items_changed (G_LIST_MODEL (self), head, removed, new_n - head - tail);
  }
}

/* Tells the list view that every row changed, though the events shown
 * are the same: when they are to be shown otherwise (in another data
 * language), their rows are bound again. */
void
dm_event_list_events_changed (DmEventList *self,
                              guint        position,
                              guint        removed,
                              guint        added)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (self->dataset != NULL);
  g_return_if_fail (position + removed <= self->n_events);

  self->n_events = self->n_events - removed + added;
  g_return_if_fail (self->n_events == dm_dataset_get_n_events (self->dataset));

  /* The rows a list view keeps (those after the change, with their items)
   * show the same events, which are now elsewhere. */
  {
    GHashTableIter iter;
    gpointer item;

    g_hash_table_iter_init (&iter, self->items);
    while (g_hash_table_iter_next (&iter, &item, NULL))
      {
        guint at = dm_event_item_get_position (item);

        if (dm_event_item_get_dataset (item) != self->dataset)
          continue;
        if (at >= position + removed)
          dm_event_item_set_position (item, at - removed + added);
        else if (at >= position && at >= self->n_events && self->n_events > 0)
          dm_event_item_set_position (item, self->n_events - 1);
      }
  }

  if (self->positions == NULL)
    {
      if (removed > 0 || added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* The rows of events shown, by their positions: those the change took
   * out go, those after it move by what it added or removed. Which of
   * them pass the filter is for the caller to say again
   * (dm_event_list_set_positions()). */
  {
    g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->positions->len);

    for (guint i = 0; i < self->positions->len; i++)
      {
        guint at = g_array_index (self->positions, guint, i);

        if (at >= position + removed)
          at = at - removed + added;
        else if (at >= position)
          continue;
        g_array_append_val (kept, at);
      }
    dm_event_list_set_positions (self, kept);
  }
}

void
dm_event_list_refresh (DmEventList *self)
{
  guint n;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  n = n_items (self);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
}

/* The row showing the event at @position, or -1 when it is not shown. */
int
dm_event_list_find (DmEventList *self,
                    guint        position)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (DM_IS_EVENT_LIST (self), -1);

  if (self->dataset == NULL)
    return -1;
  if (self->positions == NULL)
    return position < dm_dataset_get_n_events (self->dataset) ? (int) position : -1;

  hi = self->positions->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->positions, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < self->positions->len && g_array_index (self->positions, guint, lo) == position ? (int) lo : -1;
}

/**
 * dm_event_list_get_position:
 * @index: an index in the list, less than its length
 *
 * The dataset position of the event at @index, without making its item:
 * for going over every event shown.
 */
guint
dm_event_list_get_position (DmEventList *self,
                            guint        index)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), 0);
  g_return_val_if_fail (index < n_items (self), 0);

  return self->positions != NULL ? g_array_index (self->positions, guint, index) : index;
}
