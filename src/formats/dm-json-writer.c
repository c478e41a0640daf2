/* dm-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dm-json-writer.h"

static void write_node (GString *out, JsonNode *node, guint level);

static void
indent (GString *out,
        guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            {
              /* U+2028 and U+2029 are JSON, but end a line in older
               * JavaScript: a file pasted into a script stays whole. */
              g_string_append_printf (out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
              p += 2;
            }
          else
            g_string_append_c (out, (char) *p);
        }
    }

  g_string_append_c (out, '"');
}

/* The shortest text that reads back as exactly @value, always with a
 * decimal point or an exponent so that it stays a double. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (isfinite (value));

  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buffer, sizeof buffer, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g", value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;

    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;

    default:
      g_string_append (out, "null");
      break;
    }
}

static void
write_object (GString    *out,
              JsonObject *object,
              guint       level)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  if (json_object_get_size (object) == 0)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append_c (out, '{');
  /* In the order the members were added, as they were read. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      indent (out, level + 1);
      write_string (out, name);
      g_string_append (out, ": ");
      write_node (out, member, level + 1);
    }
  indent (out, level);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             guint      level)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      indent (out, level + 1);
      write_node (out, json_array_get_element (array, i), level + 1);
    }
  indent (out, level);
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), level);
      break;

    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), level);
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
dm_json_write (GString  *out,
               JsonNode *node)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  write_node (out, node, 0);
}

char *
dm_json_to_data (JsonNode *node,
                 gsize    *length)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  write_node (out, node, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
