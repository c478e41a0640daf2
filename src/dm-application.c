/* dm-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-window.h"

struct _DmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DmApplication, dm_application, ADW_TYPE_APPLICATION)

#define BUNDLED_DATASET "resource://" RESOURCE_PREFIX "/datasets/vietnam-industry-4.0.json"

GFile *
dm_application_get_bundled_dataset (void)
{
  return g_file_new_for_uri (BUNDLED_DATASET);
}

static DmWindow *
get_or_create_window (DmApplication *self,
                      gboolean      *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  *created = window == NULL;
  if (window == NULL)
    window = GTK_WINDOW (dm_window_new (self));

  return DM_WINDOW (window);
}

static void
dm_application_activate (GApplication *app)
{
  DmApplication *self = DM_APPLICATION (app);
  gboolean created;
  DmWindow *window = get_or_create_window (self, &created);

  if (created)
    dm_window_open_default (window);

  gtk_window_present (GTK_WINDOW (window));
}

static void
dm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DmApplication *self = DM_APPLICATION (app);
  gboolean created;
  DmWindow *window = get_or_create_window (self, &created);

  /* One dataset per window: the last file named wins, as in a viewer. */
  if (n_files > 0)
    dm_window_open (window, files[n_files - 1]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Dấu Mốc developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Dấu Mốc"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Explore and present timelines of events"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
dm_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (dm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
}

static void
dm_application_class_init (DmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dm_application_activate;
  app_class->open = dm_application_open;
  app_class->startup = dm_application_startup;
}

static void
dm_application_init (DmApplication *self)
{
}

DmApplication *
dm_application_new (void)
{
  return g_object_new (DM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
