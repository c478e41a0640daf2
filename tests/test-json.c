/* test-json.c — the strict checker and the one tree read from what it
 * checked: located refusals, the tree against json-glib's on random
 * documents, reading an array one element at a time, trees made in code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-json-reader.h"

static DmJsonChecked *
check_text (const char       *text,
            const char       *root_member,
            DmJsonCheckError *error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return dm_json_check (bytes, root_member, error);
}

typedef struct
{
  const char       *text;
  DmJsonScanResult  result;
  guint             line;
  guint             column;
} RefusalCase;

static void
test_check_refuses (void)
{
  static const RefusalCase cases[] = {
    { "", DM_JSON_SCAN_SYNTAX, 1, 1 },
    { "{\"a\": 1, \"a\": 2}", DM_JSON_SCAN_DUPLICATE, 1, 10 },
    { "[1,\n 2,\n ]", DM_JSON_SCAN_SYNTAX, 3, 2 },
    { "[1] x", DM_JSON_SCAN_SYNTAX, 1, 5 },
    { "{\"ă\": tru}", DM_JSON_SCAN_SYNTAX, 1, 7 },
    { "[\"\\u0000\"]", DM_JSON_SCAN_ENCODING, 1, 9 },
    { "[99999999999999999999]", DM_JSON_SCAN_LIMIT, 1, 2 },
    { "// comment\n{}", DM_JSON_SCAN_SYNTAX, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(DmJsonCheckError) error = { 0 };
      g_autoptr(DmJsonChecked) checked = check_text (cases[i].text, NULL, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (checked);
      g_assert_cmpint (error.result, ==, cases[i].result);
      g_assert_cmpuint (error.location.line, ==, cases[i].line);
      g_assert_cmpuint (error.location.column, ==, cases[i].column);
      g_assert_nonnull (error.message);
      g_assert_nonnull (error.path);
    }
}

/* Strings are checked and read sixteen bytes at a time while they are
 * plain ASCII, and the commonest longer characters (Vietnamese) are
 * checked where they are found, the rest the long way: whatever ends a run
 * (a quote, an escape, a control character, a longer character, valid or
 * not, whole or cut by the end of the data) is found wherever it falls in
 * sixteen bytes, after plain ASCII or after longer characters, and at the
 * very end of the data. */
static void
test_strings_every_offset (void)
{
  static const struct
  {
    const char       *inside;
    DmJsonScanResult  result;
    const char       *read;    /* what the reader makes of it, if valid */
    guint             at;      /* the characters before the problem */
  } cases[] = {
    { "\"", DM_JSON_SCAN_OK, "", 0 },
    { "\\n\"", DM_JSON_SCAN_OK, "\n", 0 },
    { "\\\"\"", DM_JSON_SCAN_OK, "\"", 0 },
    { "é\"", DM_JSON_SCAN_OK, "é", 0 },
    { "\xC2\x80\xDF\xBF\"", DM_JSON_SCAN_OK, "\xC2\x80\xDF\xBF", 0 },
    { "Chuyển đổi số\"", DM_JSON_SCAN_OK, "Chuyển đổi số", 0 },
    { "\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD\"", DM_JSON_SCAN_OK,
      "\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD", 0 },
    { "\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\"", DM_JSON_SCAN_OK, "\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF", 0 },
    { "\x01\"", DM_JSON_SCAN_SYNTAX, NULL, 0 },
    { "\x1F\"", DM_JSON_SCAN_SYNTAX, NULL, 0 },
    { "\n\"", DM_JSON_SCAN_SYNTAX, NULL, 0 },
    { "ệ\x01\"", DM_JSON_SCAN_SYNTAX, NULL, 1 },
    { "\x7F\"", DM_JSON_SCAN_OK, "\x7F", 0 },
    { "\xC3\x28\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xFF\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\x80\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xC0\xAF\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xC1\xBF\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xE0\x80\xAF\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xED\xA0\x80\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xF4\x90\x80\x80\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xF5\x80\x80\x80\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xE1\xBB\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xE1\x28\xA1\"", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "ô\xEF\xBF\"", DM_JSON_SCAN_ENCODING, NULL, 1 },
    /* Cut by the end of the data. */
    { "\xC3", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "\xE1\xBB", DM_JSON_SCAN_ENCODING, NULL, 0 },
    { "ư", DM_JSON_SCAN_SYNTAX, NULL, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint vietnamese = 0; vietnamese < 2; vietnamese++)
      for (guint before = 0; before < 40; before++)
        for (guint after = 0; after < 10; after++)
          {
            g_autoptr(GString) text = g_string_new ("\"");
            g_autoptr(GString) expected = g_string_new (NULL);
            g_auto(DmJsonCheckError) error = { 0 };
            g_autoptr(DmJsonChecked) checked = NULL;
            g_autoptr(GBytes) bytes = NULL;
            gboolean cut = !g_str_has_suffix (cases[c].inside, "\"");

            /* Plain ASCII, or every third character a Vietnamese one. */
            for (guint i = 0; i < before; i++)
              if (vietnamese && i % 3 == 2)
                g_string_append (text, i % 2 ? "ạ" : "ơ");
              else
                g_string_append_c (text, 'a' + i % 26);
            g_string_append (expected, text->str + 1);
            g_string_append (text, cases[c].inside);
            if (cases[c].read != NULL)
              g_string_append (expected, cases[c].read);
            for (guint i = 0; i < after && !cut; i++)
              g_string_append_c (text, ' ');

            /* Exactly the length of the text: nothing after it to read. */
            bytes = g_bytes_new (text->str, text->len);
            checked = dm_json_check (bytes, NULL, &error);
            g_test_message ("case %u, %u before%s, %u after", c, before, vietnamese ? " (Vietnamese)" : "", after);
            g_assert_cmpint (error.result, ==, cases[c].result);
            if (cases[c].result != DM_JSON_SCAN_OK)
              {
                g_assert_null (checked);
                g_assert_cmpuint (error.location.line, ==, 1);
                /* The end of the data is where a string cut short is
                 * found to be; anything else at the character wrong. */
                g_assert_cmpuint (error.location.column, ==, before + 2 + cases[c].at);
                continue;
              }
            {
              g_autoptr(DmJsonReader) reader = dm_json_reader_new (checked);
              DmJsonNode *node = dm_json_reader_read_value (reader);

              g_assert_cmpint (node->type, ==, DM_JSON_STRING);
              g_assert_cmpstr (node->v.string, ==, expected->str);
            }
          }
}

static void
test_check_root_member (void)
{
  static const struct { const char *text; gboolean has; } cases[] = {
    { "{\"format\": 1}", TRUE },
    { "{\"title\": {}, \"format\": null}", TRUE },
    { "{\"title\": {\"format\": 1}}", FALSE },
    { "[{\"format\": 1}]", FALSE },
    { "\"format\"", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(DmJsonCheckError) error = { 0 };
      g_autoptr(DmJsonChecked) checked = check_text (cases[i].text, "format", &error);

      g_assert_nonnull (checked);
      g_assert_cmpint (error.result, ==, DM_JSON_SCAN_OK);
      g_assert_cmpint (dm_json_checked_has_root_member (checked), ==, cases[i].has);
    }
}

/* Random documents */

static JsonNode *
random_value (GRand *rand,
              guint  depth)
{
  static const char * const texts[] = { "", "a", "Đà Nẵng", "tab\there", "quote \" and \\", "😀", "line\nbreak", "\x01" };
  int kind = g_rand_int_range (rand, 0, depth < 4 ? 7 : 5);

  switch (kind)
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2:
      return json_node_init_int (json_node_alloc (), (gint64) g_rand_int (rand) - G_MAXINT32);
    case 3:
      return json_node_init_double (json_node_alloc (), g_rand_double_range (rand, -1e6, 1e6));
    case 4:
      return json_node_init_string (json_node_alloc (), texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
    case 5:
      {
        JsonArray *array = json_array_new ();
        int n = g_rand_int_range (rand, 0, 6);

        for (int i = 0; i < n; i++)
          json_array_add_element (array, random_value (rand, depth + 1));
        return json_node_init_array (json_node_alloc (), array);
      }
    default:
      {
        JsonObject *object = json_object_new ();
        int n = g_rand_int_range (rand, 0, 6);

        for (int i = 0; i < n; i++)
          {
            g_autofree char *name = g_strdup_printf ("m%d%s", i, i % 2 ? "ư" : "");
            json_object_set_member (object, name, random_value (rand, depth + 1));
          }
        return json_node_init_object (json_node_alloc (), object);
      }
    }
}

/* Whatever json-glib writes, the checker accepts, and the tree read from it
 * is the same document. */
static void
test_reader_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(JsonNode) value = random_value (rand, 0);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_auto(DmJsonCheckError) error = { 0 };
      g_autoptr(DmJsonChecked) checked = NULL;
      g_autoptr(DmJsonReader) reader = NULL;
      g_autoptr(JsonNode) copy = NULL;
      g_autofree char *text = NULL;

      json_generator_set_root (generator, value);
      json_generator_set_pretty (generator, i % 2 == 0);
      text = json_generator_to_data (generator, NULL);

      checked = check_text (text, NULL, &error);
      g_assert_nonnull (checked);
      reader = dm_json_reader_new (checked);
      copy = dm_json_node_to_json (dm_json_reader_read_value (reader));
      if (!json_node_equal (value, copy))
        g_error ("read differently: %s", text);
    }
}

static void
test_reader_nodes (void)
{
  g_auto(DmJsonCheckError) error = { 0 };
  g_autoptr(DmJsonChecked) checked = check_text ("{\"b\": [1, 2.5, \"x\\u00e9\\ud83d\\ude00\", true, null, \"\"], \"a\": {}}",
                                                 NULL, &error);
  g_autoptr(DmJsonReader) reader = dm_json_reader_new (checked);
  DmJsonNode *root = dm_json_reader_read_value (reader);
  DmJsonNode *array = dm_json_node_get_member (root, "b");
  DmJsonNode *element;

  g_assert_cmpint (root->type, ==, DM_JSON_OBJECT);
  g_assert_cmpuint (root->n, ==, 2);
  g_assert_cmpstr (root->v.first->name, ==, "b");   /* in the file's order */
  g_assert_cmpstr (root->v.first->next->name, ==, "a");
  g_assert_null (dm_json_node_get_member (root, "c"));

  g_assert_cmpuint (array->n, ==, 6);
  element = array->v.first;
  g_assert_cmpint (element->type, ==, DM_JSON_INTEGER);
  g_assert_cmpint (element->v.integer, ==, 1);
  element = element->next;
  g_assert_cmpint (element->type, ==, DM_JSON_DOUBLE);
  g_assert_cmpfloat (element->v.number, ==, 2.5);
  element = element->next;
  g_assert_cmpint (element->type, ==, DM_JSON_STRING);
  g_assert_cmpstr (element->v.string, ==, "xé😀");
  g_assert_cmpuint (element->n, ==, strlen ("xé😀"));
  g_assert_false (dm_json_node_is_empty (element));
  element = element->next;
  g_assert_cmpint (element->type, ==, DM_JSON_BOOLEAN);
  g_assert_true (element->v.boolean);
  element = element->next;
  g_assert_true (dm_json_node_is_empty (element));
  g_assert_cmpstr (dm_json_node_describe (element), ==, "null");
  element = element->next;
  g_assert_true (dm_json_node_is_empty (element));
  g_assert_null (element->next);
  g_assert_true (dm_json_node_is_empty (NULL));
}

/* A large array read one element at a time, each element's nodes given
 * back before the next: every element still reads right. */
static void
test_reader_release (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_auto(DmJsonCheckError) error = { 0 };
  g_autoptr(DmJsonChecked) checked = NULL;
  g_autoptr(DmJsonReader) reader = NULL;
  guint i = 0;

  for (guint k = 0; k < 5000; k++)
    g_string_append_printf (text, "%s{\"id\": \"e%u\", \"text\": \"%0*u\"}", k ? "," : "", k, (int) (k % 300) + 1, k);
  g_string_append_c (text, ']');

  checked = check_text (text->str, NULL, &error);
  g_assert_nonnull (checked);
  reader = dm_json_reader_new (checked);
  g_assert_cmpint (dm_json_reader_peek (reader), ==, DM_JSON_ARRAY);
  dm_json_reader_enter (reader);
  while (dm_json_reader_next_element (reader))
    {
      DmJsonMark mark = dm_json_reader_get_mark (reader);
      DmJsonNode *element = dm_json_reader_read_value (reader);
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *body = g_strdup_printf ("%0*u", (int) (i % 300) + 1, i);

      g_assert_cmpstr (dm_json_node_get_member (element, "id")->v.string, ==, id);
      g_assert_cmpstr (dm_json_node_get_member (element, "text")->v.string, ==, body);
      dm_json_reader_release (reader, mark);
      i++;
    }
  g_assert_cmpuint (i, ==, 5000);
  g_assert_cmpuint (dm_json_reader_get_offset (reader), ==, text->len);
}

static void
test_tree_build (void)
{
  g_autoptr(DmJsonTree) tree = dm_json_tree_new ();
  DmJsonNode *root = dm_json_tree_add (tree, NULL, NULL, DM_JSON_OBJECT);
  DmJsonNode *events = dm_json_tree_add (tree, root, "events", DM_JSON_ARRAY);
  DmJsonNode *detached = dm_json_tree_add (tree, NULL, NULL, DM_JSON_OBJECT);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) expected = NULL;

  for (guint i = 0; i < 3; i++)
    {
      DmJsonNode *slide = dm_json_tree_add (tree, events, NULL, DM_JSON_OBJECT);

      dm_json_tree_add_integer (tree, slide, "year", 1815 + i);
      dm_json_tree_add_string (tree, slide, "text", i == 1 ? "Đà" : "x");
    }
  dm_json_tree_add_string (tree, detached, "headline", "Title");
  dm_json_tree_append (tree, root, "title", detached);

  json = dm_json_node_to_json (root);
  expected = json_from_string ("{\"events\": [{\"year\": 1815, \"text\": \"x\"}, {\"year\": 1816, \"text\": \"Đà\"}, "
                               "{\"year\": 1817, \"text\": \"x\"}], \"title\": {\"headline\": \"Title\"}}", NULL);
  g_assert_true (json_node_equal (json, expected));
  g_assert_cmpuint (root->n, ==, 2);
  g_assert_cmpuint (events->n, ==, 3);
  g_assert_cmpstr (root->v.first->next->name, ==, "title");
}

static void
test_locate (void)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_auto(DmJsonCheckError) error = { 0 };
  g_autoptr(DmJsonChecked) checked = check_text ("{\n  \"events\": [\n    {\"title\": \"Đà\", \"end\": 2}\n  ]\n}",
                                                 NULL, &error);
  const DmJsonLocation *end;
  const DmJsonLocation *missing;

  g_hash_table_insert (wanted, (gpointer) "events[0].end", g_new0 (DmJsonLocation, 1));
  g_hash_table_insert (wanted, (gpointer) "events[1]", g_new0 (DmJsonLocation, 1));
  dm_json_checked_locate (checked, wanted);

  end = g_hash_table_lookup (wanted, "events[0].end");
  missing = g_hash_table_lookup (wanted, "events[1]");
  g_assert_cmpuint (end->line, ==, 3);
  g_assert_cmpuint (end->column, ==, 28);   /* in characters: "Đà" is two */
  g_assert_cmpuint (missing->line, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/check/refuses", test_check_refuses);
  g_test_add_func ("/json/check/root-member", test_check_root_member);
  g_test_add_func ("/json/strings/every-offset", test_strings_every_offset);
  g_test_add_func ("/json/reader/random", test_reader_random);
  g_test_add_func ("/json/reader/nodes", test_reader_nodes);
  g_test_add_func ("/json/reader/release", test_reader_release);
  g_test_add_func ("/json/tree/build", test_tree_build);
  g_test_add_func ("/json/locate", test_locate);

  return g_test_run ();
}
