/* test-shortcuts.c — the keyboard shortcuts window lists every shortcut the
 * app has and none it does not; the main menu opens it; the About window
 * credits the bundled timeline's sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "dm-application.h"
#include "dm-presentation.h"
#include "dm-window.h"
#include "dm-test-a11y.h"

#define HELP_OVERLAY RESOURCE_PREFIX "/gtk/help-overlay.ui"

/* Shortcuts that GTK widgets provide rather than the app's own code, which
 * the window lists all the same: F10 opens the primary menu (GtkMenuButton),
 * Shift+Enter steps back through search matches (a key controller in
 * dm-window.c). */
static const char * const provided_elsewhere[] = { "F10", "<Shift>Return", NULL };

/* A shortcut as text ("<Control>f"), the form both sides are compared in.
 * Keypad keys do what the main keys do; the window lists the main ones. */
static char *
accel_name (guint           keyval,
            GdkModifierType modifiers)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Add:
      keyval = GDK_KEY_plus;
      break;

    case GDK_KEY_KP_Subtract:
      keyval = GDK_KEY_minus;
      break;

    case GDK_KEY_KP_Enter:
      keyval = GDK_KEY_Return;
      break;

    case GDK_KEY_KP_0: case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4:
    case GDK_KEY_KP_5: case GDK_KEY_KP_6: case GDK_KEY_KP_7: case GDK_KEY_KP_8: case GDK_KEY_KP_9:
      keyval = GDK_KEY_0 + (keyval - GDK_KEY_KP_0);
      break;

    default:
      break;
    }

  return gtk_accelerator_name (keyval, modifiers & gtk_accelerator_get_default_mod_mask ());
}

/* Adds the keys of @widget's class shortcuts that run an action whose name
 * starts with @prefix, or emit one of @signals. */
static void
add_class_shortcuts (GHashTable        *keys,
                     GtkWidget         *widget,
                     const char        *prefix,
                     const char * const *signals)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          gboolean ours = FALSE;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;

          if (prefix != NULL && GTK_IS_NAMED_ACTION (action))
            ours = g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), prefix);
          else if (signals != NULL && GTK_IS_SIGNAL_ACTION (action))
            ours = g_strv_contains (signals, gtk_signal_action_get_signal_name (GTK_SIGNAL_ACTION (action)));

          if (ours)
            g_hash_table_add (keys, accel_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
}

static void
add_application_accels (GHashTable     *keys,
                        GtkApplication *app)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          g_hash_table_add (keys, accel_name (keyval, modifiers));
        }
    }
}

static void
add_listed_key (GHashTable *keys,
                const char *accelerator)
{
  guint keyval;
  GdkModifierType modifiers;

  if (!gtk_accelerator_parse (accelerator, &keyval, &modifiers))
    g_error ("The shortcuts window lists “%s”, which is not an accelerator", accelerator);
  g_hash_table_add (keys, accel_name (keyval, modifiers));
}

/* Every key that the section @section_name of the shortcuts window shows.
 * "a b" lists two keys, "0...9" a range. */
static GHashTable *
listed_keys (const char *section_name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (HELP_OVERLAY);
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GObject *window = gtk_builder_get_object (builder, "help_overlay");
  gboolean found = FALSE;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *name = NULL;
      g_auto(GStrv) parts = NULL;
      GtkWidget *section;
      GtkShortcutType type;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      section = gtk_widget_get_ancestor (GTK_WIDGET (l->data), GTK_TYPE_SHORTCUTS_SECTION);
      g_assert_nonnull (section);
      g_object_get (section, "section-name", &name, NULL);
      if (g_strcmp0 (name, section_name) != 0)
        continue;
      found = TRUE;

      g_object_get (l->data, "accelerator", &accelerator, "shortcut-type", &type, NULL);
      if (type != GTK_SHORTCUT_ACCELERATOR)
        continue;

      g_assert_nonnull (accelerator);
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto(GStrv) range = g_strsplit (parts[i], "...", 2);

          if (parts[i][0] == '\0')
            continue;

          if (range[1] != NULL)
            {
              guint first, last;
              GdkModifierType modifiers;

              g_assert_true (gtk_accelerator_parse (range[0], &first, &modifiers));
              g_assert_true (gtk_accelerator_parse (range[1], &last, NULL));
              for (guint keyval = first; keyval <= last; keyval++)
                g_hash_table_add (keys, accel_name (keyval, modifiers));
            }
          else
            add_listed_key (keys, parts[i]);
        }
    }

  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
  return keys;
}

/* Fails, naming them, when the window lists keys that @have does not have
 * or misses keys it has. */
static void
assert_same_keys (const char *section,
                  GHashTable *have,
                  GHashTable *listed)
{
  g_autoptr(GString) unlisted = g_string_new (NULL);
  g_autoptr(GString) stale = g_string_new (NULL);
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, have);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (unlisted, " %s", key);

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (have, key) && !g_strv_contains (provided_elsewhere, key))
      g_string_append_printf (stale, " %s", key);

  if (unlisted->len > 0)
    g_test_message ("Shortcuts missing from section “%s” of resources/gtk/help-overlay.ui:%s", section, unlisted->str);
  if (stale->len > 0)
    g_test_message ("Shortcuts in section “%s” of resources/gtk/help-overlay.ui that the app does not have:%s",
                    section, stale->str);
  g_assert_cmpstr (unlisted->str, ==, "");
  g_assert_cmpstr (stale->str, ==, "");
}

/* One application for every test: registered once, as in the app. */
static DmApplication *app;

static DmApplication *
started_application (void)
{
  DmApplication *application = dm_application_new ();
  g_autoptr(GError) error = NULL;

  /* Never the remote of an instance that runs on the same bus. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

/* A label or a row whose text contains @data. */
static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  data)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* The keys (as gtk_accelerator_name() writes them, keypad keys apart) of
 * @controller's shortcuts, each with how often it is bound. */
static void
count_keys (GtkShortcutController *controller,
            GHashTable            *count)
{
  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      char *name;

      if (!GTK_IS_KEYVAL_TRIGGER (trigger))
        continue;
      name = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                   gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
      g_hash_table_insert (count, name, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, name)) + 1));
    }
}

/* One owner per shortcut: a key that the application binds for every
 * window is not bound again by the window's own class, where one of the
 * two would never run; nor does the class bind a key twice. (GTK gives a
 * window two controllers that both hold the application's accelerators;
 * those are told apart by holding only them.) */
static void
test_one_owner_per_shortcut (void)
{
  g_autoptr(GHashTable) application = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) window_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GString) twice = g_string_new (NULL);
  DmWindow *window = dm_window_new (app);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  add_application_accels (application, GTK_APPLICATION (app));
  g_assert_true (g_hash_table_contains (application, "<Control>q"));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gboolean only_application = TRUE;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      count_keys (GTK_SHORTCUT_CONTROLLER (controller), keys);
      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        only_application &= g_hash_table_contains (application, key);
      if (only_application)
        continue;
      count_keys (GTK_SHORTCUT_CONTROLLER (controller), window_keys);
    }
  /* The class's own bindings were seen. */
  g_assert_true (g_hash_table_contains (window_keys, "<Control>f"));

  g_hash_table_iter_init (&iter, window_keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > 1 || g_hash_table_contains (application, key))
      g_string_append_printf (twice, " %s", (const char *) key);
  g_assert_cmpstr (twice->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_every_shortcut_listed (void)
{
  g_autoptr(GHashTable) shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = listed_keys ("shortcuts");
  const char * const search_signals[] = { "next-match", "previous-match", "stop-search", NULL };
  DmWindow *window = dm_window_new (app);
  GtkWidget *timeline = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DM_TYPE_WINDOW, "timeline"));
  GtkWidget *search_entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DM_TYPE_WINDOW, "search_entry"));

  g_assert_nonnull (timeline);
  g_assert_nonnull (search_entry);

  add_application_accels (shortcuts, GTK_APPLICATION (app));
  add_class_shortcuts (shortcuts, GTK_WIDGET (window), "win.", NULL);
  add_class_shortcuts (shortcuts, timeline, "timeline.", NULL);
  add_class_shortcuts (shortcuts, search_entry, NULL, search_signals);

  /* Sanity: shortcuts of each kind of source were found. */
  g_assert_true (g_hash_table_contains (shortcuts, "<Control>q"));
  g_assert_true (g_hash_table_contains (shortcuts, "<Control>question"));
  g_assert_true (g_hash_table_contains (shortcuts, "<Control>f"));
  g_assert_true (g_hash_table_contains (shortcuts, "<Control>Left"));
  g_assert_true (g_hash_table_contains (shortcuts, "<Control>g"));

  assert_same_keys ("shortcuts", shortcuts, listed);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_every_presentation_shortcut_listed (void)
{
  g_autoptr(GHashTable) shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = listed_keys ("presentation");
  GtkWidget *presentation = g_object_new (DM_TYPE_PRESENTATION, NULL);

  add_class_shortcuts (shortcuts, presentation, "presentation.", NULL);
  g_assert_true (g_hash_table_contains (shortcuts, "Page_Down"));

  assert_same_keys ("presentation", shortcuts, listed);

  gtk_window_destroy (GTK_WINDOW (presentation));
}

static void
test_menu_opens_shortcuts (void)
{
  DmWindow *window = dm_window_new (app);
  GtkWindow *overlay;
  GtkWidget *button;

  button = dm_test_find_widget (GTK_WIDGET (window), is_primary_menu_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                                  "win.show-help-overlay"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) != NULL
    ? GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) : NULL;
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about_credits_sources (void)
{
  DmWindow *window = dm_window_new (app);
  AdwAboutWindow *about = NULL;
  g_autoptr(GListModel) toplevels = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_nonnull (adw_about_window_get_website (about));
  g_assert_nonnull (adw_about_window_get_issue_url (about));

  /* The authors and publishers the bundled dataset names, and its texts'
   * titles, as the dataset has them. */
  g_assert_nonnull (dm_test_find_widget (GTK_WIDGET (about), shows_text, "Minh Thiện, Tạp chí Thông tin & Truyền thông (ICTVietnam)"));
  g_assert_nonnull (dm_test_find_widget (GTK_WIDGET (about), shows_text, "Huy Thắng, baochinhphu.vn"));
  g_assert_nonnull (dm_test_find_widget (GTK_WIDGET (about), shows_text,
                                 "International linkage and cooperation to promote the Fourth Industrial Revolution"));
  g_assert_nonnull (dm_test_find_widget (GTK_WIDGET (about), shows_text, "21 December 2020"));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  app = started_application ();

  g_test_add_func ("/shortcuts/every-shortcut-listed", test_every_shortcut_listed);
  g_test_add_func ("/shortcuts/one-owner", test_one_owner_per_shortcut);
  g_test_add_func ("/shortcuts/every-presentation-shortcut-listed", test_every_presentation_shortcut_listed);
  g_test_add_func ("/shortcuts/menu-opens-shortcuts", test_menu_opens_shortcuts);
  g_test_add_func ("/about/credits-sources", test_about_credits_sources);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
