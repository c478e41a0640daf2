/* dm-test-window.c — see dm-test-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dm-test-window.h"

void
dm_test_init_gui (int    *argc,
                  char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

GtkWidget *
dm_test_window_child (DmWindow   *window,
                      const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), DM_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

DmWindow *
dm_test_open_bundled_window (int width,
                             int height)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) bundled = dm_application_get_bundled_dataset ();
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (dm_test_seconds (10), dm_test_set_flag_cb, &timed_out);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, bundled);
  while (dm_window_get_dataset (window) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_object_set (window, "data-language", "en", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

DmEventRow *
dm_test_find_row (GtkWidget  *root,
                  const char *title)
{
  if (DM_IS_EVENT_ROW (root) && g_strcmp0 (dm_event_row_get_text (DM_EVENT_ROW (root), DM_EVENT_ROW_TITLE), title) == 0)
    return DM_EVENT_ROW (root);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      DmEventRow *row = dm_test_find_row (c, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

void
dm_test_press_keys (int         x,
                    int         y,
                    const char *keys)
{
  g_autofree char *x_text = g_strdup_printf ("%d", x);
  g_autofree char *y_text = g_strdup_printf ("%d", y);
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  g_ptr_array_add (argv, (gpointer) "mousemove");
  g_ptr_array_add (argv, x_text);
  g_ptr_array_add (argv, y_text);
  g_ptr_array_add (argv, (gpointer) "key");
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (argv, names[i]);
  g_ptr_array_add (argv, NULL);

  /* Under the window's own display; xdotool is one of the test packages. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

char *
dm_test_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed", command);

  return out;
}

GtkWidget *
dm_test_filter_child (DmWindow   *window,
                      const char *name)
{
  GtkWidget *popover = dm_test_window_child (window, "filter_popover");
  GObject *object = gtk_widget_get_template_child (popover, DM_TYPE_FILTER_POPOVER, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

GtkTextView *
dm_test_find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkTextView *view = dm_test_find_text_view (c);

      if (view != NULL)
        return view;
    }
  return NULL;
}
