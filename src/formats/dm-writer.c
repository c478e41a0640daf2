/* dm-writer.c — saving the native format
 *
 * The writer puts the members it knows in a fixed order, leaves out empty
 * optional ones, and then appends every member the file had that this
 * version did not understand, so a load followed by a save keeps them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-dataset.h"
#include "dm-file-util.h"
#include "dm-json-writer.h"
#include "dm-loader.h"

static void
append_extra (JsonObject *object,
              JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!json_object_has_member (object, name))
      json_object_set_member (object, name, json_node_copy (node));
}

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static JsonNode *
text_to_node (const DmText *text)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_string (object, "vi", text->vi);
  set_string (object, "en", text->en);
  append_extra (object, text->extra);

  json_node_take_object (node, object);
  return node;
}

static void
set_text (JsonObject   *object,
          const char   *member,
          const DmText *text)
{
  if (text->vi == NULL && text->en == NULL && text->extra == NULL)
    return;

  json_object_set_member (object, member, text_to_node (text));
}

static void
set_date (JsonObject   *object,
          const char   *member,
          const DmDate *date)
{
  if (dm_date_is_set (date))
    {
      g_autofree char *iso = dm_date_to_iso (date);
      json_object_set_string_member (object, member, iso);
    }
}

typedef JsonNode *(*ToNodeFunc) (gconstpointer item);

static void
set_array (JsonObject *object,
           const char *member,
           GPtrArray  *items,
           ToNodeFunc  func)
{
  JsonArray *array;

  if (items == NULL || items->len == 0)
    return;

  array = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, func (g_ptr_array_index (items, i)));

  json_object_set_array_member (object, member, array);
}

static JsonNode *
wrap (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
string_to_node (gconstpointer item)
{
  return json_node_init_string (json_node_alloc (), item);
}

static JsonNode *
actor_to_node (gconstpointer item)
{
  const DmActor *actor = item;
  JsonObject *object = json_object_new ();

  set_string (object, "name", actor->name);
  set_text (object, "role", &actor->role);
  if (actor->as_printed)
    json_object_set_boolean_member (object, "as_printed", TRUE);
  append_extra (object, actor->extra);

  return wrap (object);
}

static JsonNode *
relation_to_node (gconstpointer item)
{
  const DmRelation *relation = item;
  JsonObject *object = json_object_new ();

  set_string (object, "event", relation->event);
  set_string (object, "relation", relation->relation);
  append_extra (object, relation->extra);

  return wrap (object);
}

static JsonNode *
figure_to_node (gconstpointer item)
{
  const DmFigure *figure = item;
  JsonObject *object = json_object_new ();

  set_text (object, "label", &figure->label);
  if (figure->value_is_integer)
    json_object_set_int_member (object, "value", figure->integer);
  else
    json_object_set_double_member (object, "value", figure->value);
  set_text (object, "display", &figure->display);
  append_extra (object, figure->extra);

  return wrap (object);
}

static JsonNode *
list_to_node (gconstpointer item)
{
  const DmList *list = item;
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_sized_new (list->items->len);

  set_text (object, "label", &list->label);
  for (guint i = 0; i < list->items->len; i++)
    json_array_add_element (items, text_to_node (g_ptr_array_index (list->items, i)));
  json_object_set_array_member (object, "items", items);
  append_extra (object, list->extra);

  return wrap (object);
}

static JsonNode *
citation_to_node (gconstpointer item)
{
  const DmCitation *citation = item;
  JsonObject *object = json_object_new ();

  set_string (object, "source", citation->source);
  set_string (object, "quote", citation->quote);
  set_text (object, "translation", &citation->translation);
  append_extra (object, citation->extra);

  return wrap (object);
}

static JsonNode *
link_to_node (gconstpointer item)
{
  const DmLink *link = item;
  JsonObject *object = json_object_new ();

  set_string (object, "url", link->url);
  set_text (object, "title", &link->title);
  append_extra (object, link->extra);

  return wrap (object);
}

static JsonNode *
event_to_node (gconstpointer item)
{
  const DmEvent *event = item;
  JsonObject *object = json_object_new ();

  set_string (object, "id", event->id);
  set_string (object, "kind", event->kind);
  if (dm_event_is_open (event))
    {
      JsonObject *bound = json_object_new ();

      set_date (bound, dm_bound_to_string (event->start_bound), &event->start);
      append_extra (bound, event->start_extra);
      json_object_set_object_member (object, "start", bound);
    }
  else
    set_date (object, "start", &event->start);
  set_date (object, "end", &event->end);

  if (event->certainty_form == DM_CERTAINTY_FORM_OBJECT)
    {
      JsonObject *certainty = json_object_new ();

      json_object_set_string_member (certainty, "level", dm_certainty_to_string (event->certainty));
      set_text (certainty, "reason", &event->certainty_reason);
      append_extra (certainty, event->certainty_extra);
      json_object_set_object_member (object, "certainty", certainty);
    }
  else if (event->certainty_form == DM_CERTAINTY_FORM_STRING || event->certainty != DM_CERTAINTY_STATED)
    json_object_set_string_member (object, "certainty", dm_certainty_to_string (event->certainty));

  set_text (object, "title", &event->title);
  set_text (object, "summary", &event->summary);
  set_text (object, "place", &event->place);
  set_array (object, "actors", event->actors, actor_to_node);
  set_array (object, "tags", event->tags, string_to_node);
  set_array (object, "related", event->related, relation_to_node);
  set_array (object, "figures", event->figures, figure_to_node);
  set_array (object, "lists", event->lists, list_to_node);
  set_array (object, "citations", event->citations, citation_to_node);
  set_array (object, "links", event->links, link_to_node);
  append_extra (object, event->extra);

  return wrap (object);
}

static JsonNode *
kind_to_node (gconstpointer item)
{
  const DmKind *kind = item;
  JsonObject *object = json_object_new ();

  set_string (object, "id", kind->id);
  set_text (object, "label", &kind->label);
  set_string (object, "color", kind->color);
  set_string (object, "icon", kind->icon);
  append_extra (object, kind->extra);

  return wrap (object);
}

static JsonNode *
source_to_node (gconstpointer item)
{
  const DmSource *source = item;
  JsonObject *object = json_object_new ();

  set_string (object, "id", source->id);
  set_text (object, "title", &source->title);
  set_string (object, "publisher", source->publisher);
  set_string (object, "author", source->author);
  set_date (object, "date", &source->date);
  set_string (object, "file", source->file);
  set_string (object, "url", source->url);
  append_extra (object, source->extra);

  return wrap (object);
}

static JsonNode *
tag_to_node (gconstpointer item)
{
  const DmTag *tag = item;
  JsonObject *object = json_object_new ();

  set_string (object, "id", tag->id);
  set_text (object, "label", &tag->label);
  append_extra (object, tag->extra);

  return wrap (object);
}

static JsonNode *
era_to_node (gconstpointer item)
{
  const DmEra *era = item;
  JsonObject *object = json_object_new ();

  set_text (object, "title", &era->title);
  set_date (object, "start", &era->start);
  set_date (object, "end", &era->end);
  set_string (object, "color", era->color);
  append_extra (object, era->extra);

  return wrap (object);
}

static int
compare_file_order (gconstpointer a,
                    gconstpointer b)
{
  const DmEvent *x = *(const DmEvent * const *) a;
  const DmEvent *y = *(const DmEvent * const *) b;

  return (x->file_index > y->file_index) - (x->file_index < y->file_index);
}

JsonNode *
dm_dataset_to_json (DmDataset *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) eras = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "format", DM_DATASET_FORMAT_NAME);
  json_object_set_int_member (root, "version", DM_DATASET_FORMAT_VERSION);
  set_text (root, "title", dm_dataset_get_title (self));
  set_text (root, "description", dm_dataset_get_description (self));

  for (guint i = 0; i < dm_dataset_get_n_kinds (self); i++)
    g_ptr_array_add (kinds, (gpointer) dm_dataset_get_kind (self, i));
  array = json_array_new ();
  for (guint i = 0; i < kinds->len; i++)
    json_array_add_element (array, kind_to_node (g_ptr_array_index (kinds, i)));
  json_object_set_array_member (root, "kinds", array);

  for (guint i = 0; i < dm_dataset_get_n_sources (self); i++)
    g_ptr_array_add (sources, (gpointer) dm_dataset_get_source (self, i));
  set_array (root, "sources", sources, source_to_node);

  for (guint i = 0; i < dm_dataset_get_n_tag_labels (self); i++)
    g_ptr_array_add (tags, (gpointer) dm_dataset_get_tag_label (self, i));
  set_array (root, "tags", tags, tag_to_node);

  for (guint i = 0; i < dm_dataset_get_n_eras (self); i++)
    g_ptr_array_add (eras, (gpointer) dm_dataset_get_era (self, i));
  set_array (root, "eras", eras, era_to_node);

  /* Events go back in the order the file had them. */
  for (guint i = 0; i < dm_dataset_get_n_events (self); i++)
    g_ptr_array_add (events, (gpointer) dm_dataset_get_event (self, i));
  g_ptr_array_sort (events, compare_file_order);
  array = json_array_sized_new (events->len);
  for (guint i = 0; i < events->len; i++)
    json_array_add_element (array, event_to_node (g_ptr_array_index (events, i)));
  json_object_set_array_member (root, "events", array);

  append_extra (root, dm_dataset_get_extra (self));

  return wrap (root);
}

char *
dm_dataset_to_data (DmDataset *self,
                    gsize     *length)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  root = dm_dataset_to_json (self);
  out = g_string_new (NULL);
  dm_json_write (out, root);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

gboolean
dm_dataset_save_to_file (DmDataset     *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  gsize length;
  char *text;

  g_return_val_if_fail (DM_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = dm_dataset_to_data (self, &length);
  data = g_bytes_new_take (text, length);

  /* Written beside the file and renamed over it: a failed save never leaves
   * a half-written dataset behind. */
  return dm_file_write_bytes_atomically (file, data, cancellable, error);
}
