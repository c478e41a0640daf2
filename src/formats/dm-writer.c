/* dm-writer.c — saving the native format
 *
 * The writer puts the members it knows in the order of the format's table
 * (dm-format.c), leaves out empty optional ones, and then appends every
 * member the file had that this version did not understand, so a load
 * followed by a save keeps them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-dataset.h"
#include "dm-file-util.h"
#include "dm-format.h"
#include "dm-json-writer.h"
#include "dm-loader.h"

/* The members of one object as they are written, each in its place in
 * the format's table, so that they come out in the table's order. */
typedef struct
{
  const DmFormatType *type;
  JsonNode           *nodes[DM_FORMAT_MAX_MEMBERS];
} Members;

#define MEMBERS_INIT(format_type) { .type = (format_type) }

/* Puts @node, taking it, in the place of the member @name. */
static void
set_member (Members    *m,
            const char *name,
            JsonNode   *node)
{
  const DmFormatMember *member = dm_format_type_lookup (m->type, name);
  guint i;

  if (member == NULL)
    {
      g_critical ("The writer wrote “%s”, which a %s does not have in the format's table (dm-format.c)",
                  name, m->type->name);
      json_node_unref (node);
      return;
    }

  i = (guint) (member - m->type->members);
  g_clear_pointer (&m->nodes[i], json_node_unref);
  m->nodes[i] = node;
}

/* The object: its members in the table's order, then those of @extra
 * (what the file had that this version does not know), except any it
 * has. */
static JsonNode *
to_node (Members    *m,
         JsonObject *extra)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  for (guint i = 0; i < m->type->n_members; i++)
    if (m->nodes[i] != NULL)
      json_object_set_member (object, m->type->members[i].name, g_steal_pointer (&m->nodes[i]));

  if (extra != NULL)
    {
      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (!json_object_has_member (object, name))
          json_object_set_member (object, name, json_node_copy (member));
    }

  json_node_take_object (node, object);
  return node;
}

typedef JsonNode *(*ToNodeFunc) (gconstpointer item);

static JsonNode *
string_to_node (gconstpointer item)
{
  return json_node_init_string (json_node_alloc (), item);
}

static void
set_string (Members    *m,
            const char *member,
            const char *value)
{
  if (value != NULL)
    set_member (m, member, string_to_node (value));
}

static JsonNode *
text_to_node (gconstpointer item)
{
  const DmText *text = item;
  Members m = MEMBERS_INIT (&dm_format_text);

  set_string (&m, "vi", text->vi);
  set_string (&m, "en", text->en);

  return to_node (&m, text->extra);
}

static void
set_text (Members      *m,
          const char   *member,
          const DmText *text)
{
  if (text->vi == NULL && text->en == NULL && text->extra == NULL)
    return;

  set_member (m, member, text_to_node (text));
}

static void
set_date (Members      *m,
          const char   *member,
          const DmDate *date)
{
  if (dm_date_is_set (date))
    {
      g_autofree char *iso = dm_date_to_iso (date);
      set_string (m, member, iso);
    }
}

static JsonNode *
array_to_node (GPtrArray  *items,
               ToNodeFunc  func)
{
  JsonArray *array = json_array_sized_new (items->len);
  JsonNode *node;

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, func (g_ptr_array_index (items, i)));

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

static void
set_array (Members    *m,
           const char *member,
           GPtrArray  *items,
           ToNodeFunc  func)
{
  if (items != NULL && items->len > 0)
    set_member (m, member, array_to_node (items, func));
}

static JsonNode *
actor_to_node (gconstpointer item)
{
  const DmActor *actor = item;
  Members m = MEMBERS_INIT (&dm_format_actor);

  set_string (&m, "name", actor->name);
  set_text (&m, "role", &actor->role);
  if (actor->as_printed)
    set_member (&m, "as_printed", json_node_init_boolean (json_node_alloc (), TRUE));

  return to_node (&m, actor->extra);
}

static JsonNode *
relation_to_node (gconstpointer item)
{
  const DmRelation *relation = item;
  Members m = MEMBERS_INIT (&dm_format_relation);

  set_string (&m, "event", relation->event);
  set_string (&m, "relation", relation->relation);

  return to_node (&m, relation->extra);
}

static JsonNode *
figure_to_node (gconstpointer item)
{
  const DmFigure *figure = item;
  Members m = MEMBERS_INIT (&dm_format_figure);

  set_text (&m, "label", &figure->label);
  if (figure->value_is_integer)
    set_member (&m, "value", json_node_init_int (json_node_alloc (), figure->integer));
  else
    set_member (&m, "value", json_node_init_double (json_node_alloc (), figure->value));
  set_text (&m, "display", &figure->display);

  return to_node (&m, figure->extra);
}

static JsonNode *
list_to_node (gconstpointer item)
{
  const DmList *list = item;
  Members m = MEMBERS_INIT (&dm_format_list);

  set_text (&m, "label", &list->label);
  set_member (&m, "items", array_to_node (list->items, text_to_node));

  return to_node (&m, list->extra);
}

static JsonNode *
citation_to_node (gconstpointer item)
{
  const DmCitation *citation = item;
  Members m = MEMBERS_INIT (&dm_format_citation);

  set_string (&m, "source", citation->source);
  set_string (&m, "quote", citation->quote);
  set_text (&m, "translation", &citation->translation);

  return to_node (&m, citation->extra);
}

static JsonNode *
link_to_node (gconstpointer item)
{
  const DmLink *link = item;
  Members m = MEMBERS_INIT (&dm_format_link);

  set_string (&m, "url", link->url);
  set_text (&m, "title", &link->title);

  return to_node (&m, link->extra);
}

static JsonNode *
event_to_node (gconstpointer item)
{
  const DmEvent *event = item;
  Members m = MEMBERS_INIT (&dm_format_event);

  set_string (&m, "id", event->id);
  set_string (&m, "kind", event->kind);
  if (dm_event_is_open (event))
    {
      Members bound = MEMBERS_INIT (&dm_format_open_start);

      set_date (&bound, dm_bound_to_string (event->start_bound), &event->start);
      set_member (&m, "start", to_node (&bound, event->start_extra));
    }
  else
    set_date (&m, "start", &event->start);
  set_date (&m, "end", &event->end);

  if (event->certainty_form == DM_CERTAINTY_FORM_OBJECT)
    {
      Members certainty = MEMBERS_INIT (&dm_format_certainty);

      set_string (&certainty, "level", dm_certainty_to_string (event->certainty));
      set_text (&certainty, "reason", &event->certainty_reason);
      set_member (&m, "certainty", to_node (&certainty, event->certainty_extra));
    }
  else if (event->certainty_form == DM_CERTAINTY_FORM_STRING || event->certainty != DM_CERTAINTY_STATED)
    set_string (&m, "certainty", dm_certainty_to_string (event->certainty));

  set_text (&m, "title", &event->title);
  set_text (&m, "summary", &event->summary);
  set_text (&m, "place", &event->place);
  set_array (&m, "actors", event->actors, actor_to_node);
  set_array (&m, "tags", event->tags, string_to_node);
  set_array (&m, "related", event->related, relation_to_node);
  set_array (&m, "figures", event->figures, figure_to_node);
  set_array (&m, "lists", event->lists, list_to_node);
  set_array (&m, "citations", event->citations, citation_to_node);
  set_array (&m, "links", event->links, link_to_node);

  return to_node (&m, event->extra);
}

static JsonNode *
kind_to_node (gconstpointer item)
{
  const DmKind *kind = item;
  Members m = MEMBERS_INIT (&dm_format_kind);

  set_string (&m, "id", kind->id);
  set_text (&m, "label", &kind->label);
  set_string (&m, "color", kind->color);
  set_string (&m, "icon", kind->icon);

  return to_node (&m, kind->extra);
}

static JsonNode *
source_to_node (gconstpointer item)
{
  const DmSource *source = item;
  Members m = MEMBERS_INIT (&dm_format_source);

  set_string (&m, "id", source->id);
  set_text (&m, "title", &source->title);
  set_string (&m, "publisher", source->publisher);
  set_string (&m, "author", source->author);
  set_date (&m, "date", &source->date);
  set_string (&m, "file", source->file);
  set_string (&m, "url", source->url);

  return to_node (&m, source->extra);
}

static JsonNode *
tag_to_node (gconstpointer item)
{
  const DmTag *tag = item;
  Members m = MEMBERS_INIT (&dm_format_tag);

  set_string (&m, "id", tag->id);
  set_text (&m, "label", &tag->label);

  return to_node (&m, tag->extra);
}

static JsonNode *
era_to_node (gconstpointer item)
{
  const DmEra *era = item;
  Members m = MEMBERS_INIT (&dm_format_era);

  set_text (&m, "title", &era->title);
  set_date (&m, "start", &era->start);
  set_date (&m, "end", &era->end);
  set_string (&m, "color", era->color);

  return to_node (&m, era->extra);
}

static int
compare_file_order (gconstpointer a,
                    gconstpointer b)
{
  const DmEvent *x = *(const DmEvent * const *) a;
  const DmEvent *y = *(const DmEvent * const *) b;

  return (x->file_index > y->file_index) - (x->file_index < y->file_index);
}

GPtrArray *
dm_dataset_get_events_in_file_order (DmDataset *self)
{
  GPtrArray *events;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  events = g_ptr_array_sized_new (dm_dataset_get_n_events (self));
  for (guint i = 0; i < dm_dataset_get_n_events (self); i++)
    g_ptr_array_add (events, (gpointer) dm_dataset_get_event (self, i));
  g_ptr_array_sort (events, compare_file_order);

  return events;
}

JsonNode *
dm_dataset_to_json (DmDataset *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) eras = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new ();

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  for (guint i = 0; i < dm_dataset_get_n_kinds (self); i++)
    g_ptr_array_add (kinds, (gpointer) dm_dataset_get_kind (self, i));
  for (guint i = 0; i < dm_dataset_get_n_sources (self); i++)
    g_ptr_array_add (sources, (gpointer) dm_dataset_get_source (self, i));
  for (guint i = 0; i < dm_dataset_get_n_tag_labels (self); i++)
    g_ptr_array_add (tags, (gpointer) dm_dataset_get_tag_label (self, i));
  for (guint i = 0; i < dm_dataset_get_n_eras (self); i++)
    g_ptr_array_add (eras, (gpointer) dm_dataset_get_era (self, i));
  for (guint i = 0; i < dm_dataset_get_n_events (self); i++)
    g_ptr_array_add (events, (gpointer) dm_dataset_get_event (self, i));

  return dm_dataset_parts_to_json (dm_dataset_get_title (self), dm_dataset_get_description (self),
                                   dm_dataset_get_extra (self), kinds, sources, tags, eras, events);
}

JsonNode *
dm_dataset_parts_to_json (const DmText *title,
                          const DmText *description,
                          JsonObject   *extra,
                          GPtrArray    *kinds,
                          GPtrArray    *sources,
                          GPtrArray    *tags,
                          GPtrArray    *eras,
                          GPtrArray    *events)
{
  g_autoptr(GPtrArray) in_file_order = NULL;
  Members root = MEMBERS_INIT (&dm_format_dataset);

  set_string (&root, "format", DM_DATASET_FORMAT_NAME);
  set_member (&root, "version", json_node_init_int (json_node_alloc (), DM_DATASET_FORMAT_VERSION));
  set_text (&root, "title", title);
  set_text (&root, "description", description);
  set_member (&root, "kinds", array_to_node (kinds, kind_to_node));
  set_array (&root, "sources", sources, source_to_node);
  set_array (&root, "tags", tags, tag_to_node);
  set_array (&root, "eras", eras, era_to_node);

  /* Events go back in the order the file had them. */
  in_file_order = g_ptr_array_copy (events, NULL, NULL);
  g_ptr_array_sort (in_file_order, compare_file_order);
  set_member (&root, "events", array_to_node (in_file_order, event_to_node));

  return to_node (&root, extra);
}

char *
dm_dataset_to_data (DmDataset *self,
                    gsize     *length)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (DM_IS_DATASET (self), NULL);

  root = dm_dataset_to_json (self);
  return dm_json_to_data (root, length);
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
