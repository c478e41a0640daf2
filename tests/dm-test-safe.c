/* dm-test-safe.c — see dm-test-safe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "dm-export-timelinejs.h"
#include "dm-test-safe.h"

void
dm_test_assert_no_script (const char *data,
                          gsize       length)
{
  g_autoptr(GRegex) regex = g_regex_new ("javascript:|vbscript:|<script|\\bon[a-z]+\\s*=",
                                         G_REGEX_CASELESS | G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match_full (regex, data, (gssize) length, 0, 0, &match, NULL))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("written output holds “%s”", found);
    }
}

void
dm_test_assert_safe_html (const char *html)
{
  static const char * const allowed[] = { "<p>", "</p>", "<br>", "</a>", "<a href=\"https://", "<a href=\"http://" };

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean ok = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (allowed) && !ok; i++)
        ok = g_str_has_prefix (p, allowed[i]);
      if (!ok)
        g_error ("unexpected markup in “%s”", html);
      if (g_str_has_prefix (p, "<a href=\""))
        {
          const char *end = strchr (p + strlen ("<a href=\""), '"');

          g_assert_nonnull (end);
          g_assert_true (g_str_has_prefix (end, "\">"));
        }
    }
}

void
dm_test_assert_safe_json_node (JsonNode   *node,
                               const char *member)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        dm_test_assert_safe_json_node (child, name);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        dm_test_assert_safe_json_node (json_array_get_element (array, i), member);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_strcmp0 (member, "url") == 0 || g_strcmp0 (member, "thumbnail") == 0 || g_strcmp0 (member, "link") == 0)
        g_assert_true (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://") ||
                       g_str_has_prefix (text, "data:image/png;") || g_str_has_prefix (text, "data:image/jpeg;") ||
                       g_str_has_prefix (text, "data:image/gif;") || g_str_has_prefix (text, "data:image/webp;"));
      else
        dm_test_assert_safe_html (text);
    }
}

void
dm_test_assert_safe_timelinejs (const char *data,
                                gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);
  dataset = dm_dataset_load_bytes (bytes, "export.json", NULL, &error);
  g_assert_no_error (error);

  dm_test_assert_safe_json_node (json_parser_get_root (parser), NULL);
  dm_test_assert_no_script (data, length);
}

void
dm_test_assert_timelinejs_round_trip (DmDataset *dataset)
{
  gsize length;
  g_autofree char *exported = dm_export_timelinejs (dataset, DM_LANGUAGE_EN, &length);
  g_autoptr(GBytes) bytes = g_bytes_new (exported, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) again = dm_dataset_load_bytes (bytes, "exported.json", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dm_dataset_get_n_events (again), ==, dm_dataset_get_n_events (dataset));
}
