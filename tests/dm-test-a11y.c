/* dm-test-a11y.c — see dm-test-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dm-test-a11y.h"
#include "dm-test-window.h"

/* A string property's value, or NULL: see label_property(). */
static char *
string_property (GtkWidget             *widget,
                 GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x01");
}

char *
label_property (GtkWidget *widget)
{
  return string_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
}

gboolean
labelled_by (GtkWidget *widget,
             GtkWidget *other)
{
  g_autofree char *mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                  other, NULL);

  return mismatch == NULL;
}

char *
accessible_name (GtkWidget *widget)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *label = NULL;

  /* Focus goes to the text inside an entry, which AT-SPI shows as the
   * entry, with the entry's name. */
  if (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);

  label = label_property (widget);

  if (label != NULL)
    g_string_append (name, label);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL; a = gtk_widget_get_parent (a))
        if (labelled_by (widget, a))
          {
            g_autofree char *other = label_property (a);

            g_string_append_printf (name, "%s%s", name->len ? " " : "", other ? other : "");
          }
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (labelled_by (widget, c))
          {
            g_autofree char *other = label_property (c);

            g_string_append_printf (name, "%s%s", name->len ? " " : "", other ? other : "");
          }
    }

  return g_strstrip (g_string_free (g_steal_pointer (&name), FALSE));
}

char *
description_property (GtkWidget *widget)
{
  return string_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
dm_test_a11y_init (int    *argc,
                   char ***argv)
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  dm_test_init_gui (argc, argv);
}

GtkWidget *
dm_test_find_widget (GtkWidget  *root,
                     gboolean  (*match) (GtkWidget     *widget,
                                         gconstpointer  data),
                     gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = dm_test_find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}
