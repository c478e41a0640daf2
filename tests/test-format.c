/* test-format.c — the table of the format's members (dm-format.c) against
 * the schema, FORMAT.md, and a file that uses every member
 *
 *   test-format [--tap]            the tests
 *   test-format --update FORMAT.md rewrites FORMAT.md's tables of members
 *                                  (ninja -C _build update-format-doc)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-dataset.h"
#include "dm-format.h"
#include "dm-loader.h"

#define ANY_TYPE (DM_FORMAT_STRING | DM_FORMAT_NUMBER | DM_FORMAT_BOOLEAN | DM_FORMAT_OBJECT | DM_FORMAT_ARRAY)

/* A file of the source tree, from tests/. */
static JsonNode *
load_json (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, relative, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The table itself */

static void
test_table (void)
{
  const DmFormatType * const *types = dm_format_get_types ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);

  g_assert_true (types[0] == &dm_format_dataset);
  g_hash_table_add (reached, (gpointer) types[0]);

  for (guint t = 0; types[t] != NULL; t++)
    {
      const DmFormatType *type = types[t];

      g_test_message ("%s", type->name);
      g_assert_cmpuint (type->n_members, >, 0);
      g_assert_cmpstr (type->description, !=, "");
      for (guint i = 0; i < type->n_members; i++)
        {
          const DmFormatMember *member = &type->members[i];

          g_assert_true (dm_format_type_lookup (type, member->name) == member);
          g_assert_cmpstr (member->description, !=, "");
          g_assert_cmpuint (member->json_types & ~ANY_TYPE, ==, 0);
          /* A type is what the member's object or its array's elements are. */
          if (member->type != NULL)
            {
              g_assert_true (member->json_types & (DM_FORMAT_OBJECT | DM_FORMAT_ARRAY));
              g_hash_table_add (reached, (gpointer) member->type);
            }
        }
      g_assert_null (dm_format_type_lookup (type, "x-unknown"));
    }

  /* The levels of certainty are those of the model. */
  {
    const char * const *levels = dm_format_type_lookup (&dm_format_certainty, "level")->values;

    g_assert_true (dm_format_type_lookup (&dm_format_event, "certainty")->values == levels);
    g_assert_cmpuint (g_strv_length ((char **) levels), ==, DM_CERTAINTY_APPROXIMATE + 1);
    for (guint i = 0; levels[i] != NULL; i++)
      {
        DmCertainty certainty;

        g_assert_true (dm_certainty_from_string (levels[i], &certainty));
        g_assert_cmpstr (dm_certainty_to_string (certainty), ==, levels[i]);
      }
  }

  /* Every type is held by another, down from the dataset. */
  for (guint t = 0; types[t] != NULL; t++)
    g_assert_true (g_hash_table_contains (reached, types[t]));
}

/* The schema */

static JsonObject *schema;

static DmFormatJsonType
types_of_name (const char *name)
{
  static const struct { const char *name; DmFormatJsonType types; } names[] = {
    { "string", DM_FORMAT_STRING }, { "integer", DM_FORMAT_INTEGER }, { "number", DM_FORMAT_NUMBER },
    { "boolean", DM_FORMAT_BOOLEAN }, { "object", DM_FORMAT_OBJECT }, { "array", DM_FORMAT_ARRAY },
    { "null", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].name, name) == 0)
      return names[i].types;
  g_error ("unknown JSON Schema type “%s”", name);
}

static DmFormatJsonType
types_of_value (JsonNode *value)
{
  GType type;

  if (JSON_NODE_HOLDS_OBJECT (value))
    return DM_FORMAT_OBJECT;
  if (JSON_NODE_HOLDS_ARRAY (value))
    return DM_FORMAT_ARRAY;
  if (JSON_NODE_HOLDS_NULL (value))
    return 0;

  type = json_node_get_value_type (value);
  if (type == G_TYPE_INT64)
    return DM_FORMAT_INTEGER;
  if (type == G_TYPE_DOUBLE)
    return DM_FORMAT_NUMBER;
  if (type == G_TYPE_BOOLEAN)
    return DM_FORMAT_BOOLEAN;
  return DM_FORMAT_STRING;
}

static JsonObject *
schema_def (const char *name)
{
  JsonObject *defs = json_object_get_object_member (schema, "$defs");

  if (strcmp (name, dm_format_dataset.name) == 0)
    return schema;
  g_assert_true (json_object_has_member (defs, name));
  return json_object_get_object_member (defs, name);
}

/* The JSON types @node allows, null left out, following references (whose
 * $defs names go into @refs) and combinations. */
static DmFormatJsonType
allowed_types (JsonObject *node,
               GHashTable *refs)
{
  static const char * const unions[] = { "oneOf", "anyOf" };
  DmFormatJsonType types = ANY_TYPE;

  if (json_object_has_member (node, "$ref"))
    {
      const char *ref = json_object_get_string_member (node, "$ref");

      g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
      g_hash_table_add (refs, (gpointer) (ref + strlen ("#/$defs/")));
      types &= allowed_types (schema_def (ref + strlen ("#/$defs/")), refs);
    }

  if (json_object_has_member (node, "type"))
    {
      JsonNode *type = json_object_get_member (node, "type");

      if (JSON_NODE_HOLDS_ARRAY (type))
        {
          DmFormatJsonType any = 0;

          for (guint i = 0; i < json_array_get_length (json_node_get_array (type)); i++)
            any |= types_of_name (json_array_get_string_element (json_node_get_array (type), i));
          types &= any;
        }
      else
        types &= types_of_name (json_node_get_string (type));
    }

  if (json_object_has_member (node, "const"))
    types &= types_of_value (json_object_get_member (node, "const"));

  if (json_object_has_member (node, "enum"))
    {
      JsonArray *values = json_object_get_array_member (node, "enum");
      DmFormatJsonType any = 0;

      for (guint i = 0; i < json_array_get_length (values); i++)
        any |= types_of_value (json_array_get_element (values, i));
      types &= any;
    }

  for (guint u = 0; u < G_N_ELEMENTS (unions); u++)
    if (json_object_has_member (node, unions[u]))
      {
        JsonArray *branches = json_object_get_array_member (node, unions[u]);
        DmFormatJsonType any = 0;

        for (guint i = 0; i < json_array_get_length (branches); i++)
          any |= allowed_types (json_array_get_object_element (branches, i), refs);
        types &= any;
      }

  if (json_object_has_member (node, "allOf"))
    {
      JsonArray *branches = json_object_get_array_member (node, "allOf");

      for (guint i = 0; i < json_array_get_length (branches); i++)
        types &= allowed_types (json_array_get_object_element (branches, i), refs);
    }

  return types;
}

/* The strings @node allows by "const" or "enum", following references
 * and combinations, into @strings. */
static void
allowed_strings (JsonObject *node,
                 GPtrArray  *strings)
{
  static const char * const combinations[] = { "oneOf", "anyOf", "allOf" };

  if (json_object_has_member (node, "$ref"))
    allowed_strings (schema_def (json_object_get_string_member (node, "$ref") + strlen ("#/$defs/")), strings);

  if (json_object_has_member (node, "const") &&
      types_of_value (json_object_get_member (node, "const")) == DM_FORMAT_STRING)
    g_ptr_array_add (strings, (gpointer) json_object_get_string_member (node, "const"));

  if (json_object_has_member (node, "enum"))
    {
      JsonArray *values = json_object_get_array_member (node, "enum");

      for (guint i = 0; i < json_array_get_length (values); i++)
        if (types_of_value (json_array_get_element (values, i)) == DM_FORMAT_STRING)
          g_ptr_array_add (strings, (gpointer) json_array_get_string_element (values, i));
    }

  for (guint c = 0; c < G_N_ELEMENTS (combinations); c++)
    if (json_object_has_member (node, combinations[c]))
      {
        JsonArray *branches = json_object_get_array_member (node, combinations[c]);

        for (guint i = 0; i < json_array_get_length (branches); i++)
          allowed_strings (json_array_get_object_element (branches, i), strings);
      }
}

static GPtrArray *
sorted_names (GList *names)
{
  GPtrArray *array = g_ptr_array_new ();

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_ptr_array_sort (array, compare_names);
  g_list_free (names);
  return array;
}

static char *
join (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* The schema's properties and required members of each type are the
 * table's, and allow the same JSON types and objects. */
static void
test_schema (void)
{
  g_autoptr(JsonNode) root = load_json ("../data/daumoc-timeline.schema.json");
  const DmFormatType * const *types = dm_format_get_types ();
  JsonObjectIter iter;
  const char *def_name;
  JsonNode *def;

  schema = json_node_get_object (root);

  for (guint t = 0; types[t] != NULL; t++)
    {
      const DmFormatType *type = types[t];
      JsonObject *object = schema_def (type->name);
      JsonObject *properties = json_object_get_object_member (object, "properties");
      g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) table_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) table_required = g_ptr_array_new ();
      g_autoptr(GPtrArray) schema_names = NULL;
      g_autoptr(GPtrArray) schema_required = g_ptr_array_new ();
      g_autofree char *expected = NULL;
      g_autofree char *found = NULL;

      g_test_message ("%s", type->name);
      g_assert_cmpuint (allowed_types (object, refs), ==, DM_FORMAT_OBJECT);

      for (guint i = 0; i < type->n_members; i++)
        {
          g_ptr_array_add (table_names, (gpointer) type->members[i].name);
          if (type->members[i].required)
            g_ptr_array_add (table_required, (gpointer) type->members[i].name);
        }
      g_ptr_array_sort (table_names, compare_names);
      g_ptr_array_sort (table_required, compare_names);

      schema_names = sorted_names (json_object_get_members (properties));
      expected = join (table_names);
      found = join (schema_names);
      g_assert_cmpstr (found, ==, expected);
      g_clear_pointer (&expected, g_free);
      g_clear_pointer (&found, g_free);

      if (json_object_has_member (object, "required"))
        {
          JsonArray *required = json_object_get_array_member (object, "required");

          for (guint i = 0; i < json_array_get_length (required); i++)
            g_ptr_array_add (schema_required, (gpointer) json_array_get_string_element (required, i));
          g_ptr_array_sort (schema_required, compare_names);
        }
      expected = join (table_required);
      found = join (schema_required);
      g_assert_cmpstr (found, ==, expected);

      for (guint i = 0; i < type->n_members; i++)
        {
          const DmFormatMember *member = &type->members[i];
          JsonObject *property = json_object_get_object_member (properties, member->name);
          g_autoptr(GHashTable) member_refs = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr(GHashTable) item_refs = g_hash_table_new (g_str_hash, g_str_equal);

          g_autoptr(GPtrArray) schema_values = g_ptr_array_new ();
          g_autoptr(GPtrArray) table_values = g_ptr_array_new ();
          g_autofree char *expected_values = NULL;
          g_autofree char *found_values = NULL;

          g_test_message ("%s.%s", type->name, member->name);
          g_assert_cmpuint (allowed_types (property, member_refs), ==, member->json_types);

          /* The same strings, or any. */
          for (guint v = 0; member->values != NULL && member->values[v] != NULL; v++)
            g_ptr_array_add (table_values, (gpointer) member->values[v]);
          g_ptr_array_sort (table_values, compare_names);
          allowed_strings (property, schema_values);
          g_ptr_array_sort (schema_values, compare_names);
          expected_values = join (table_values);
          found_values = join (schema_values);
          g_assert_cmpstr (found_values, ==, expected_values);

          if (member->json_types & DM_FORMAT_ARRAY)
            {
              JsonObject *items = json_object_get_object_member (property, "items");

              /* An array holds the member's objects, or strings. */
              g_assert_nonnull (items);
              g_assert_cmpuint (allowed_types (items, item_refs), ==,
                                member->type != NULL ? DM_FORMAT_OBJECT : DM_FORMAT_STRING);
              if (member->type != NULL)
                g_assert_true (g_hash_table_contains (item_refs, member->type->name));
            }
          else if (member->type != NULL)
            g_assert_true (g_hash_table_contains (member_refs, member->type->name));
        }
    }

  /* And the schema has no object the table lacks. */
  json_object_iter_init_ordered (&iter, json_object_get_object_member (schema, "$defs"));
  while (json_object_iter_next_ordered (&iter, &def_name, &def))
    if (json_object_has_member (json_node_get_object (def), "properties"))
      {
        gboolean known = FALSE;

        for (guint t = 0; types[t] != NULL; t++)
          known |= strcmp (types[t]->name, def_name) == 0;
        g_test_message ("$defs/%s", def_name);
        g_assert_true (known);
      }

  schema = NULL;
}

/* FORMAT.md */

#define DOC_BEGIN "<!-- members of "
#define DOC_BEGIN_END " (made from src/formats/dm-format.c: ninja -C _build update-format-doc) -->\n"
#define DOC_END "<!-- end of members -->\n"

static void
append_type_name (GString              *out,
                  const DmFormatMember *member)
{
  static const struct { DmFormatJsonType type; const char *name; } names[] = {
    { DM_FORMAT_STRING, "string" }, { DM_FORMAT_NUMBER, "number" }, { DM_FORMAT_INTEGER, "integer" },
    { DM_FORMAT_BOOLEAN, "`true` or `false`" }, { DM_FORMAT_OBJECT, NULL }, { DM_FORMAT_ARRAY, NULL },
  };
  DmFormatJsonType json_types = member->json_types;
  const DmFormatType *type = member->type;
  const char *separator = "";

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if ((json_types & names[i].type) != names[i].type)
        continue;
      json_types &= ~names[i].type;
      g_string_append (out, separator);
      /* After a list of strings, the next type is set apart. */
      separator = names[i].type == DM_FORMAT_STRING && member->values != NULL ? ", or " : " or ";
      if (names[i].type == DM_FORMAT_ARRAY)
        g_string_append_printf (out, "array of %s%s%s", type != NULL ? "*" : "",
                                type != NULL ? type->name : "string", type != NULL ? "*" : "");
      else if (names[i].type == DM_FORMAT_OBJECT)
        g_string_append_printf (out, "*%s*", type->name);
      else if (names[i].type == DM_FORMAT_STRING && member->values != NULL)
        for (guint v = 0; member->values[v] != NULL; v++)
          g_string_append_printf (out, "%s`\"%s\"`", v == 0 ? "" : member->values[v + 1] != NULL ? ", " : " or ",
                                  member->values[v]);
      else
        g_string_append (out, names[i].name);
    }
}

/* The table of @type's members, as FORMAT.md has it between its marks. */
static char *
doc_table (const DmFormatType *type)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "*%s*: %s\n\n", type->name, type->description);
  g_string_append (out, "| Member | Type | Required | What |\n|---|---|---|---|\n");
  for (guint i = 0; i < type->n_members; i++)
    {
      const DmFormatMember *member = &type->members[i];

      g_string_append_printf (out, "| `%s` | ", member->name);
      append_type_name (out, member);
      g_string_append_printf (out, " | %s | %s |\n", member->required ? "yes" : "no", member->description);
    }

  return g_string_free (out, FALSE);
}

/* FORMAT.md with each table of members made again from the table, or NULL
 * (and @error set) if it lacks one or has one for a type there is not. */
static char *
update_doc (const char  *doc,
            GError     **error)
{
  const DmFormatType * const *types = dm_format_get_types ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new (NULL);
  const char *p = doc;
  const char *begin;

  while ((begin = strstr (p, DOC_BEGIN)) != NULL)
    {
      const char *name = begin + strlen (DOC_BEGIN);
      const char *name_end = name + strcspn (name, " ");
      const char *end = strstr (name_end, DOC_END);
      const DmFormatType *type = NULL;
      g_autofree char *type_name = g_strndup (name, (gsize) (name_end - name));
      g_autofree char *table = NULL;

      for (guint t = 0; types[t] != NULL; t++)
        if (strcmp (types[t]->name, type_name) == 0)
          type = types[t];
      if (type == NULL || end == NULL || !g_hash_table_add (seen, (gpointer) type->name))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "FORMAT.md: a table of members of “%s”, a type the format has not, "
                       "that is there twice or that has no end", type_name);
          return g_string_free (out, TRUE), NULL;
        }

      table = doc_table (type);
      g_string_append_len (out, p, begin - p);
      g_string_append_printf (out, DOC_BEGIN "%s" DOC_BEGIN_END "%s" DOC_END, type->name, table);
      p = end + strlen (DOC_END);
    }
  g_string_append (out, p);

  for (guint t = 0; types[t] != NULL; t++)
    if (!g_hash_table_contains (seen, types[t]->name))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "FORMAT.md has no table of the members of “%s”: add a line “" DOC_BEGIN "%s (…) -->” "
                     "and a line “<!-- end of members -->” where it belongs", types[t]->name, types[t]->name);
        return g_string_free (out, TRUE), NULL;
      }

  return g_string_free (out, FALSE);
}

static void
test_doc (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "FORMAT.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  updated = update_doc (doc, &error);
  g_assert_no_error (error);
  if (strcmp (doc, updated) != 0)
    {
      g_test_message ("FORMAT.md's tables of members are out of date: ninja -C _build update-format-doc");
      g_test_fail ();
    }

  /* A table that changes is noticed: the check can fail. */
  g_clear_pointer (&updated, g_free);
  {
    g_autoptr(GString) edited = g_string_new (doc);

    g_string_replace (edited, "| `id` | string | yes | unique among events |", "| `id` | string | no | |", 1);
    g_assert_cmpstr (edited->str, !=, doc);
    updated = update_doc (edited->str, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (updated, ==, doc);
  }
}

/* A file that uses every member */

/* Walks @node, an object of @type, counting each member the table has in
 * @used and failing on any it has not. */
static void
walk (JsonNode           *node,
      const DmFormatType *type,
      const char         *path,
      GHashTable         *used)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const DmFormatMember *member = dm_format_type_lookup (type, name);
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

      if (member == NULL)
        {
          g_test_message ("%s is not a member of the format", member_path);
          g_test_fail ();
          continue;
        }
      g_hash_table_add (used, (gpointer) member);
      if (member->type == NULL)
        continue;

      if (JSON_NODE_HOLDS_OBJECT (value))
        walk (value, member->type, member_path, used);
      else if (JSON_NODE_HOLDS_ARRAY (value))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
          {
            g_autofree char *element_path = g_strdup_printf ("%s[%u]", member_path, i);

            walk (json_array_get_element (json_node_get_array (value), i), member->type, element_path, used);
          }
    }
}

/* In the order of @type's table. */
static void
check_order (JsonNode           *node,
             const DmFormatType *type)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  const DmFormatMember *last = NULL;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const DmFormatMember *member = dm_format_type_lookup (type, name);

      g_assert_nonnull (member);
      g_assert_true (last == NULL || member > last);
      last = member;
      if (member->type == NULL)
        continue;
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_order (value, member->type);
      else if (JSON_NODE_HOLDS_ARRAY (value))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
          check_order (json_array_get_element (json_node_get_array (value), i), member->type);
    }
}

/* tests/fixtures/valid/every-member.json has every member of the table
 * and no other: the loader knows each (it keeps none as unknown), and the
 * writer writes them in the table's order. (test-loader round-trips it.) */
static void
test_every_member (void)
{
  g_autoptr(JsonNode) file = load_json ("fixtures/valid/every-member.json");
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  const DmFormatType * const *types = dm_format_get_types ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid", "every-member.json", NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(JsonNode) saved = NULL;

  walk (file, &dm_format_dataset, "", used);
  for (guint t = 0; types[t] != NULL; t++)
    for (guint i = 0; i < types[t]->n_members; i++)
      if (!g_hash_table_contains (used, &types[t]->members[i]))
        {
          g_test_message ("every-member.json has no “%s” in a %s", types[t]->members[i].name, types[t]->name);
          g_test_fail ();
        }

  dataset = dm_dataset_load_file (gfile, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (dm_dataset_get_extra (dataset));
  g_assert_null (dm_dataset_get_event (dataset, 0)->extra);
  saved = dm_dataset_to_json (dataset);
  g_assert_true (json_node_equal (file, saved));
  check_order (saved, &dm_format_dataset);
}

/* The writer puts a member the file had that the format has not after
 * those it has, where it was. */
static void
test_unknown_last (void)
{
  static const char data[] =
    "{\"x-first\": 1, \"events\": [], \"kinds\": [{\"x-k\": true, \"label\": {\"fr\": \"F\", \"en\": \"K\"}, \"id\": \"k\"}],"
    " \"title\": {\"en\": \"T\"}, \"version\": 1, \"format\": \"daumoc-timeline\"}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = dm_dataset_load_bytes (bytes, "unknown.json", NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = dm_dataset_to_data (dataset, NULL);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\": \"daumoc-timeline\",\n"
                   "  \"version\": 1,\n"
                   "  \"title\": {\n    \"en\": \"T\"\n  },\n"
                   "  \"kinds\": [\n"
                   "    {\n"
                   "      \"id\": \"k\",\n"
                   "      \"label\": {\n        \"en\": \"K\",\n        \"fr\": \"F\"\n      },\n"
                   "      \"x-k\": true\n"
                   "    }\n"
                   "  ],\n"
                   "  \"events\": [],\n"
                   "  \"x-first\": 1\n"
                   "}\n");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--update") == 0)
    {
      g_autofree char *doc = NULL;
      g_autofree char *updated = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (argv[2], &doc, NULL, &error) ||
          (updated = update_doc (doc, &error)) == NULL ||
          (strcmp (doc, updated) != 0 && !g_file_set_contents (argv[2], updated, -1, &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/table", test_table);
  g_test_add_func ("/format/schema", test_schema);
  g_test_add_func ("/format/doc", test_doc);
  g_test_add_func ("/format/every-member", test_every_member);
  g_test_add_func ("/format/unknown-last", test_unknown_last);

  return g_test_run ();
}
