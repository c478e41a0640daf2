/* dm-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-dataset.h"
#include "dm-loader.h"
#include "dm-window.h"
#include "dm-window-edit.h"

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
    {
      dm_window_open_default (window);
      dm_window_edit_offer_recovery (window);  /* editing */
    }

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
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* editing: each window closes as its close button closes it, so one
   * with unsaved changes asks first; the app ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* Who wrote the texts the bundled timeline is derived from, one entry a
 * source, as the dataset itself names them: "Author, Publisher https://…",
 * or the title when it names neither. */
static GStrv
dup_source_credits (DmDataset  *dataset,
                    DmLanguage  language)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < dm_dataset_get_n_sources (dataset); i++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, i);
      g_autoptr(GString) credit = g_string_new (NULL);

      if (source->author != NULL)
        g_string_append (credit, source->author);
      if (source->publisher != NULL)
        g_string_append_printf (credit, "%s%s", credit->len > 0 ? ", " : "", source->publisher);
      if (credit->len == 0)
        g_string_append (credit, dm_text_get (&source->title, language));
      if (source->url != NULL)
        g_string_append_printf (credit, " %s", source->url);

      g_strv_builder_add (builder, credit->str);
    }

  return g_strv_builder_end (builder);
}

static void
append_escaped (GString    *markup,
                const char *separator,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;

  escaped = g_markup_escape_text (text, -1);
  g_string_append (markup, separator);
  g_string_append (markup, escaped);
}

/* The same sources in full, as Pango markup for a legal section: each
 * title, author, publisher and date, and whose they are. */
static char *
dup_source_notice (DmDataset  *dataset,
                   DmLanguage  language)
{
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autofree char *intro = NULL;

  intro = g_markup_printf_escaped (_("“%s” is derived from these texts. They belong to their publishers "
                                     "and are quoted for reference."),
                                   dm_text_get (dm_dataset_get_title (dataset), language));
  g_string_append (notice, intro);

  for (guint i = 0; i < dm_dataset_get_n_sources (dataset); i++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, i);
      g_autofree char *title = g_markup_escape_text (dm_text_get (&source->title, language), -1);
      g_autofree char *date = NULL;

      if (source->date.precision != DM_DATE_PRECISION_NONE)
        date = dm_date_format (&source->date, language);

      g_string_append_printf (notice, "\n\n• %s", title);
      append_escaped (notice, " — ", source->author);
      append_escaped (notice, ", ", source->publisher);
      append_escaped (notice, ", ", date);
    }

  return g_string_free (g_steal_pointer (&notice), FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Dấu Mốc developers"), NULL };
  g_autoptr(GFile) bundled = dm_application_get_bundled_dataset ();
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  DmLanguage language = dm_language_from_locale ();
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Dấu Mốc"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Dấu Mốc developers"));
  adw_about_window_set_developers (about, developers);
  /* Translators: Your names, one a line, to be credited in the About window */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_comments (about, _("Explore and present timelines of events"));
  adw_about_window_set_website (about, PACKAGE_WEBSITE);
  adw_about_window_set_issue_url (about, PACKAGE_BUGREPORT);
  adw_about_window_set_copyright (about, _("© 2026 The Dấu Mốc developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);

  /* The bundled timeline credits its sources itself. */
  dataset = dm_dataset_load_file (bundled, NULL, NULL, &error);
  if (dataset != NULL)
    {
      g_auto(GStrv) credits = dup_source_credits (dataset, language);
      g_autofree char *notice = dup_source_notice (dataset, language);

      adw_about_window_add_acknowledgement_section (about, _("Sources of the Bundled Timeline"),
                                                    (const char **) credits);
      adw_about_window_add_legal_section (about, _("Source Texts"), NULL, GTK_LICENSE_CUSTOM, notice);
    }
  else
    g_warning ("The bundled timeline cannot be read: %s", error->message);

  gtk_window_present (GTK_WINDOW (about));
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
