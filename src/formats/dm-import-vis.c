/* dm-import-vis.c — reading vis-timeline items and groups
 *
 * An array of items, or {"items": […], "groups": […]}. An item has an id,
 * content (HTML: the title), start and end (ISO 8601 text or milliseconds
 * since 1970 UTC), type (box, point, range, background), group and title
 * (a tooltip in HTML: the summary). Background items become eras; groups
 * become kinds, labelled by their content.
 *
 * Dates are civil: the wall-clock values written are kept. A time zone
 * ("Z", "+07:00") is not applied, since the written clock time is what the
 * author meant to show; milliseconds are read as UTC. A number at midnight
 * is a day, other numbers are minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-html.h"
#include "dm-import.h"

#define MS_PER_DAY G_GINT64_CONSTANT (86400000)
/* ECMAScript dates reach 10^8 days either side of 1970. */
#define MAX_EPOCH_MS 8.64e15

static const char * const root_members[] = { "items", "groups", NULL };
static const char * const item_members[] = { "id", "content", "start", "end", "type", "group", "title", NULL };
static const char * const item_kept[] = { "className", "style", "editable", "selectable", "subgroup", "align",
                                          "limitSize", NULL };
/* A group's "order" sorts the lanes; the rest of what vis-timeline knows
 * about a group is how to show it. */
static const char * const group_members[] = { "id", "content", "order", "title", "className", "style", "visible",
                                              "subgroupOrder", "subgroupStack", "subgroupVisibility",
                                              "nestedGroups", "showNested", "treeLevel", NULL };

typedef enum
{
  TYPE_DEFAULT,   /* box, or range when it has an end */
  TYPE_POINT,     /* box or point */
  TYPE_RANGE,
  TYPE_BACKGROUND,
} ItemType;

/* Dates */

/* Milliseconds since 1970-01-01T00:00Z, as a UTC civil date. */
static void
parts_from_epoch (gint64       ms,
                  DmDateParts *parts)
{
  gint64 days = ms / MS_PER_DAY;
  gint64 rest;
  gint64 year;
  guint month;
  guint day;

  if (ms % MS_PER_DAY < 0)
    days--;
  rest = ms - days * MS_PER_DAY;

  dm_date_civil_from_days (days, &year, &month, &day);
  parts->present[DM_DATE_PART_YEAR] = parts->present[DM_DATE_PART_MONTH] = parts->present[DM_DATE_PART_DAY] = TRUE;
  parts->value[DM_DATE_PART_YEAR] = year;
  parts->value[DM_DATE_PART_MONTH] = month;
  parts->value[DM_DATE_PART_DAY] = day;

  if (rest == 0)
    return;

  for (guint part = DM_DATE_PART_HOUR; part <= DM_DATE_PART_MILLISECOND; part++)
    parts->present[part] = TRUE;
  parts->value[DM_DATE_PART_HOUR] = rest / 3600000;
  parts->value[DM_DATE_PART_MINUTE] = rest / 60000 % 60;
  parts->value[DM_DATE_PART_SECOND] = rest / 1000 % 60;
  parts->value[DM_DATE_PART_MILLISECOND] = rest % 1000;
}

/* "/Date(1398000000000)/", as .NET writes dates and vis reads them. */
static gboolean
parse_dotnet (const char *text,
              gint64     *ms)
{
  g_autofree char *number = NULL;
  gsize length = strlen (text);

  if (!g_str_has_prefix (text, "/Date(") || !g_str_has_suffix (text, ")/") || length <= 8)
    return FALSE;

  number = g_strndup (text + 6, length - 8);
  return dm_import_parse_integer (number, ms);
}

static gboolean
read_date (DmImport         *self,
           const DmJsonNode *item,
           const char       *member,
           gboolean          required,
           DmDate           *date)
{
  const DmJsonNode *node = dm_import_get_member (self, item, member, required);
  g_autofree char *text = NULL;
  DmDateParts parts = { 0 };
  gboolean from_epoch = FALSE;
  gboolean ok = TRUE;
  gint64 ms = 0;
  gsize length;

  if (node == NULL)
    return !required;

  if (node->type != DM_JSON_STRING && node->type != DM_JSON_INTEGER && node->type != DM_JSON_DOUBLE)
    {
      dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_TYPE, member,
                          _("expected a date like \"2014-04-20\" or milliseconds since 1970, found %s"),
                          dm_json_node_describe (node));
      return FALSE;
    }

  length = dm_problem_log_push_member (&self->log, member);

  if (node->type == DM_JSON_STRING)
    {
      text = g_strstrip (g_strdup (node->v.string));
      if (parse_dotnet (text, &ms))
        from_epoch = TRUE;
      else if (!dm_import_parse_iso (text, &parts))
        {
          dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_DATE, NULL,
                              _("“%s” is not a date Dấu Mốc can read; write it like 2014-04-20 or 2014-04-20T10:30"),
                              text);
          ok = FALSE;
        }
    }
  else
    {
      from_epoch = TRUE;
      if (node->type == DM_JSON_INTEGER)
        ms = node->v.integer;
      else
        ms = fabs (node->v.number) <= MAX_EPOCH_MS ? (gint64) floor (node->v.number) : G_MAXINT64;
    }

  if (from_epoch && fabs ((double) ms) > MAX_EPOCH_MS)
    {
      dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_DATE, NULL,
                          _("this time is out of range: milliseconds since 1970 reach ±8,640,000,000,000,000"));
      ok = FALSE;
    }
  else if (from_epoch)
    parts_from_epoch (ms, &parts);

  if (ok)
    ok = dm_import_date_from_parts (self, &parts, NULL, date);

  dm_problem_log_pop (&self->log, length);
  return ok;
}

/* A group id: a string or a number; NULL (with a warning) otherwise. */
static char *
get_key (DmImport         *self,
         const DmJsonNode *object,
         const char       *member)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);

  if (node == NULL || node->type == DM_JSON_NULL)
    return NULL;

  return dm_import_get_string (self, object, member);
}

/* Groups */

static void
read_group (DmImport         *self,
            const DmJsonNode *node,
            GHashTable       *groups)
{
  g_autofree char *id = NULL;
  g_autofree char *content = NULL;
  g_autofree char *label = NULL;
  const DmJsonNode *group;

  group = dm_import_expect_object (self, node);
  if (group == NULL)
    return;
  dm_import_check_members (self, group, group_members, NULL, NULL);

  id = get_key (self, group, "id");
  if (id == NULL)
    {
      dm_problem_log_warning (&self->log, NULL, _("a group without an id has no items; it is left out"));
      return;
    }

  if (dm_json_node_get_member (group, "nestedGroups") != NULL &&
      dm_json_node_get_member (group, "nestedGroups")->type != DM_JSON_NULL)
    dm_problem_log_warning (&self->log, "nestedGroups", _("groups are not nested in Dấu Mốc; each is a lane of its own"));

  content = dm_import_get_string (self, group, "content");
  label = dm_html_to_text_line (content);
  dm_import_get_kind (self, id, label[0] != '\0' ? label : id, id);
  g_hash_table_add (groups, g_steal_pointer (&id));
}

/* Items */

static ItemType
read_type (DmImport         *self,
           const DmJsonNode *item)
{
  g_autofree char *type = dm_import_get_string (self, item, "type");

  if (type == NULL)
    return TYPE_DEFAULT;
  if (strcmp (type, "box") == 0 || strcmp (type, "point") == 0)
    return TYPE_POINT;
  if (strcmp (type, "range") == 0)
    return TYPE_RANGE;
  if (strcmp (type, "background") == 0)
    return TYPE_BACKGROUND;

  dm_problem_log_warning (&self->log, "type", _("unknown item type “%s”; vis-timeline knows box, point, range and background"),
                          type);
  return TYPE_DEFAULT;
}

static void
read_background (DmImport         *self,
                 const DmJsonNode *item,
                 DmDate           *start,
                 DmDate           *end)
{
  g_autoptr(DmEra) era = dm_era_new ();
  g_autofree char *content = dm_import_get_string (self, item, "content");

  if (!dm_date_is_set (end))
    {
      dm_problem_log_warning (&self->log, NULL, _("a background item needs an end; this one is left out"));
      return;
    }

  if (dm_json_node_get_member (item, "group") != NULL && dm_json_node_get_member (item, "group")->type != DM_JSON_NULL)
    dm_problem_log_warning (&self->log, "group", _("eras span every lane in Dấu Mốc; the group is left out"));

  era->start = *start;
  era->end = *end;
  dm_import_set_text (self, &era->title, dm_html_to_text_line (content));
  g_ptr_array_add (self->eras, g_steal_pointer (&era));
}

typedef struct
{
  DmImport   *import;
  GHashTable *groups;   /* ids of the groups listed, NULL when there is no list */
} Vis;

static void
read_item (Vis              *vis,
           const DmJsonNode *node,
           guint             index)
{
  DmImport *self = vis->import;
  g_autoptr(DmEvent) event = dm_event_new ();
  g_autofree char *content = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *title = NULL;
  g_autofree char *given = NULL;
  g_autofree char *group = NULL;
  const DmJsonNode *item;
  ItemType type;
  gboolean ok = TRUE;

  item = dm_import_expect_object (self, node);
  if (item == NULL)
    return;
  dm_import_check_members (self, item, item_members, item_kept, &event->extra);

  type = read_type (self, item);
  ok &= read_date (self, item, "start", TRUE, &event->start);
  ok &= read_date (self, item, "end", FALSE, &event->end);
  ok = ok && dm_import_check_order (self, &event->start, &event->end, "end");

  if (type == TYPE_BACKGROUND)
    {
      if (ok)
        read_background (self, item, &event->start, &event->end);
      return;
    }

  if (type == TYPE_POINT && dm_date_is_set (&event->end))
    {
      dm_problem_log_warning (&self->log, "end", _("boxes and points have no end; the end is left out"));
      memset (&event->end, 0, sizeof event->end);
    }
  else if (type == TYPE_RANGE && !dm_date_is_set (&event->end) && ok)
    dm_problem_log_warning (&self->log, "type", _("a range needs an end; this item is shown as a point"));

  content = dm_import_get_string (self, item, "content");
  tooltip = dm_import_get_string (self, item, "title");
  given = get_key (self, item, "id");
  group = get_key (self, item, "group");

  title = dm_html_to_text_line (content);
  if (title[0] == '\0')
    {
      g_free (title);
      title = dm_html_to_text_line (tooltip);
    }
  if (title[0] == '\0' && given != NULL)
    {
      g_free (title);
      title = g_strdup (given);
    }
  if (title[0] == '\0')
    {
      g_free (title);
      title = dm_date_to_iso (&event->start);
    }

  dm_import_set_text (self, &event->title, g_steal_pointer (&title));
  dm_import_set_text (self, &event->summary, dm_html_to_text (tooltip));
  event->id = dm_import_event_id (self, given, "id", index, dm_text_get (&event->title, DM_LANGUAGE_EN));

  if (group != NULL && vis->groups != NULL && !g_hash_table_contains (vis->groups, group))
    {
      dm_problem_log_warning (&self->log, "group", _("there is no group with the id “%s” in “groups”; it gets a lane of its own"),
                              group);
      g_hash_table_add (vis->groups, g_strdup (group));
    }
  event->kind = g_strdup (dm_import_get_kind (self, group, group, group));

  if (ok)
    g_ptr_array_add (self->events, g_steal_pointer (&event));
}

typedef struct
{
  guint  index;
  double order;
} GroupOrder;

static int
compare_group_order (gconstpointer a,
                     gconstpointer b)
{
  const GroupOrder *x = a;
  const GroupOrder *y = b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Groups become kinds in the order vis-timeline shows them: by their
 * "order" when every group has one, otherwise as listed. */
static void
read_groups (Vis              *vis,
             const DmJsonNode *groups)
{
  DmImport *self = vis->import;
  guint n = groups->n;
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (GroupOrder), n);
  g_autofree const DmJsonNode **elements = g_new (const DmJsonNode *, n);
  gboolean all_ordered = TRUE;
  guint i = 0;

  for (const DmJsonNode *element = groups->v.first; element != NULL; element = element->next, i++)
    {
      const DmJsonNode *value = NULL;
      GroupOrder entry = { i, 0 };

      elements[i] = element;
      if (element->type == DM_JSON_OBJECT)
        value = dm_json_node_get_member (element, "order");
      if (value != NULL && value->type == DM_JSON_INTEGER)
        entry.order = (double) value->v.integer;
      else if (value != NULL && value->type == DM_JSON_DOUBLE)
        entry.order = value->v.number;
      else
        all_ordered = FALSE;
      g_array_append_val (order, entry);
    }

  if (all_ordered)
    g_array_sort (order, compare_group_order);

  for (i = 0; i < n; i++)
    {
      guint index = g_array_index (order, GroupOrder, i).index;
      gsize length = dm_problem_log_push_index (&self->log, index);

      read_group (self, elements[index], vis->groups);
      dm_problem_log_pop (&self->log, length);
    }
}

static void
read_items (Vis              *vis,
            const DmJsonNode *items)
{
  DmImport *self = vis->import;
  guint i = 0;

  /* Every id the file gives, before any is generated. */
  for (const DmJsonNode *element = items->v.first; element != NULL; element = element->next)
    {
      const DmJsonNode *id;
      g_autofree char *text = NULL;

      if (element->type != DM_JSON_OBJECT)
        continue;
      id = dm_json_node_get_member (element, "id");
      if (id != NULL && id->type == DM_JSON_STRING)
        dm_import_reserve_id (self, id->v.string);
      else if (id != NULL && id->type == DM_JSON_INTEGER)
        {
          text = g_strdup_printf ("%" G_GINT64_FORMAT, id->v.integer);
          dm_import_reserve_id (self, text);
        }
    }

  for (const DmJsonNode *element = items->v.first; element != NULL; element = element->next, i++)
    {
      gsize length = dm_problem_log_push_index (&self->log, i);

      read_item (vis, element, i);
      dm_problem_log_pop (&self->log, length);
    }
}

void
dm_import_vis (DmDataset        *dataset,
               const DmJsonNode *root,
               const char       *display_name,
               GPtrArray        *problems)
{
  g_autoptr(GHashTable) groups = NULL;
  DmImport import;
  Vis vis = { &import, NULL };

  g_return_if_fail (DM_IS_DATASET (dataset));

  dm_import_init (&import, dataset, display_name, problems);

  if (root->type == DM_JSON_ARRAY)
    read_items (&vis, root);
  else
    {
      const DmJsonNode *group_array;
      const DmJsonNode *items;

      dm_import_check_members (&import, root, root_members, NULL, NULL);

      group_array = dm_import_get_array (&import, root, "groups", FALSE);
      if (group_array != NULL)
        {
          gsize length = dm_problem_log_push_member (&import.log, "groups");

          groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          vis.groups = groups;
          read_groups (&vis, group_array);
          dm_problem_log_pop (&import.log, length);
        }

      items = dm_import_get_array (&import, root, "items", TRUE);
      if (items != NULL)
        {
          gsize length = dm_problem_log_push_member (&import.log, "items");

          read_items (&vis, items);
          dm_problem_log_pop (&import.log, length);
        }
    }

  dm_import_finish (&import, DM_ORIGIN_VIS);
  dm_import_clear (&import);
}
