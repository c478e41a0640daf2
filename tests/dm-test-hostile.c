/* dm-test-hostile.c — see dm-test-hostile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dm-test-hostile.h"
#include "dm-test-util.h"

void
dm_test_hostile_write (const char *dir,
                       const char *name,
                       const char *title,
                       const char *kinds,
                       const char *events)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *json = g_strdup_printf ("{\"format\": \"daumoc-timeline\", \"version\": 1,\n"
                                           " \"title\": {\"en\": \"%s\"},\n"
                                           " \"kinds\": [%s],\n \"events\": [%s]}\n",
                                           title, kinds, events);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

char *
dm_test_hostile_repeat (const char *piece,
                        guint       n)
{
  GString *out = g_string_sized_new (strlen (piece) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

void
dm_test_hostile_write_generated (const char *dir)
{
  static const char kind[] = "{\"id\": \"k\", \"label\": {\"en\": \"Kind\"}}";

  /* 200 000 combining marks on one letter */
  {
    g_autofree char *marks = dm_test_hostile_repeat ("\xcc\x81", 200000);
    g_autofree char *events = g_strdup_printf ("{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2020\", "
                                               "\"title\": {\"en\": \"a%s\"}, \"summary\": {\"en\": \"a%s\"}}",
                                               marks, marks);

    dm_test_hostile_write (dir, "mark-flood.json", marks, kind, events);
  }

  /* A megabyte title (as long as a string may be), a megabyte word, a
   * 20 000 character quote */
  {
    g_autofree char *words = dm_test_hostile_repeat ("lorem ipsum ", ((1 << 20) - 16) / 12);
    g_autofree char *word = dm_test_hostile_repeat ("x", (1 << 20) - 16);
    g_autofree char *quote = dm_test_hostile_repeat ("q", 20000);
    g_autofree char *events = g_strdup_printf (
      "{\"id\": \"a\", \"kind\": \"k\", \"start\": \"2020\", \"title\": {\"en\": \"%s\"}, \"summary\": {\"en\": \"%s\"},"
      " \"citations\": [{\"source\": \"s\", \"quote\": \"%s\"}]},"
      "{\"id\": \"b\", \"kind\": \"k\", \"start\": \"2020-06\", \"title\": {\"en\": \"%s\"}, \"summary\": {\"en\": \"%s\"}}",
      words, words, quote, word, word);
    g_autofree char *path = g_build_filename (dir, "huge-texts.json", NULL);
    g_autofree char *json = g_strdup_printf ("{\"format\": \"daumoc-timeline\", \"version\": 1,\n"
                                             " \"title\": {\"en\": \"%s\"},\n"
                                             " \"sources\": [{\"id\": \"s\", \"title\": {\"en\": \"%s\"}}],\n"
                                             " \"kinds\": [%s],\n \"events\": [%s]}\n",
                                             word, quote, kind, events);

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
  }

  /* 100 000 list items */
  {
    g_autofree char *items = NULL;
    g_autofree char *events = NULL;
    GString *list = g_string_new (NULL);

    for (guint i = 0; i < 100000; i++)
      g_string_append_printf (list, "%s{\"en\": \"item %u\"}", i > 0 ? ", " : "", i);
    items = g_string_free (list, FALSE);
    events = g_strdup_printf ("{\"id\": \"e\", \"kind\": \"k\", \"start\": \"2020\", \"title\": {\"en\": \"Lists\"},"
                              " \"lists\": [{\"label\": {\"en\": \"Many\"}, \"items\": [%s]}]}", items);
    dm_test_hostile_write (dir, "huge-list.json", "Lists", kind, events);
  }

  /* 2000 kinds, an event in each */
  {
    GString *kinds = g_string_new (NULL);
    GString *events = g_string_new (NULL);

    for (guint i = 0; i < 2000; i++)
      {
        g_string_append_printf (kinds, "%s{\"id\": \"k%u\", \"label\": {\"en\": \"Kind %u\"}}", i > 0 ? ", " : "", i, i);
        g_string_append_printf (events, "%s{\"id\": \"e%u\", \"kind\": \"k%u\", \"start\": \"%u\", \"title\": {\"en\": \"E %u\"}}",
                                i > 0 ? ", " : "", i, i, 1000 + i, i);
      }
    dm_test_hostile_write (dir, "many-kinds.json", "Kinds", kinds->str, events->str);
    g_string_free (kinds, TRUE);
    g_string_free (events, TRUE);
  }

  /* Thousands of tags: 5000 on one event, one of 3000 on each other */
  {
    GString *events = g_string_new ("{\"id\": \"all\", \"kind\": \"k\", \"start\": \"2020\", \"title\": {\"en\": \"Tagged\"}, \"tags\": [");

    for (guint i = 0; i < 5000; i++)
      g_string_append_printf (events, "%s\"tag-%u\"", i > 0 ? ", " : "", i);
    g_string_append (events, "]}");
    for (guint i = 0; i < 3000; i++)
      g_string_append_printf (events, ", {\"id\": \"e%u\", \"kind\": \"k\", \"start\": \"2020-01-01\", \"end\": \"2021-12-31\","
                              " \"title\": {\"en\": \"E %u\"}, \"tags\": [\"t%u\"]}", i, i, i);
    dm_test_hostile_write (dir, "many-tags.json", "Tags", kind, events->str);
    g_string_free (events, TRUE);
  }

  /* 3000 events on one minute */
  {
    GString *events = g_string_new (NULL);

    for (guint i = 0; i < 3000; i++)
      g_string_append_printf (events, "%s{\"id\": \"e%u\", \"kind\": \"k\", \"start\": \"2020-01-01T10:00\", \"title\": {\"en\": \"E %u\"}}",
                              i > 0 ? ", " : "", i, i);
    dm_test_hostile_write (dir, "one-minute.json", "One minute", kind, events->str);
    g_string_free (events, TRUE);
  }
}

GPtrArray *
dm_test_hostile_list (const char *dir)
{
  const char *dirs[] = { NULL, dir };
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", "content", NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  dirs[0] = fixtures;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autoptr(GDir) handle = g_dir_open (dirs[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (handle);
      while ((name = g_dir_read_name (handle)) != NULL)
        if (g_str_has_suffix (name, ".json"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint k = 0; k < names->len; k++)
        g_ptr_array_add (paths, g_build_filename (dirs[i], g_ptr_array_index (names, k), NULL));
    }

  return paths;
}

char *
dm_test_hostile_add_tests (const char     *prefix,
                           GTestDataFunc   test,
                           GPtrArray     **paths)
{
  char *generated = dm_test_make_dir ();

  dm_test_hostile_write_generated (generated);
  *paths = dm_test_hostile_list (generated);
  for (guint i = 0; i < (*paths)->len; i++)
    {
      const char *path = g_ptr_array_index (*paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("%s/%s", prefix, base);

      g_test_add_data_func (test_path, path, test);
    }

  return generated;
}
