/* dm-test-a11y.h — what screen readers are told, read back in tests
 *
 * For tests that run with GTK_A11Y=test (set before gtk_test_init).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* The accessible label property, or NULL. GTK 4.8 has no getter for it
 * outside its test backend, and there only a check: checked against a
 * value nobody uses, the check hands back the real one. */
static inline char *
label_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static inline gboolean
labelled_by (GtkWidget *widget,
             GtkWidget *other)
{
  g_autofree char *mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                  other, NULL);

  return mismatch == NULL;
}

/* The name a screen reader reads for @widget, as GTK 4.8 makes it
 * (gtk_at_context_get_name): its label, then the labels of the widgets
 * it is labelled by. Those are looked for among its ancestors (a menu
 * button's inner button, the detail pane's scroller) and its children
 * (a button's label). */
static inline char *
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

/* The accessible description, or NULL; as label_property(). */
static inline char *
description_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "\x01");
}
