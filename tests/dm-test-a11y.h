/* dm-test-a11y.h — what screen readers are told, read back in tests
 *
 * For tests that run with GTK_A11Y=test (set before gtk_test_init, as
 * dm_test_a11y_init() does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* The accessible label property, or NULL. GTK 4.8 has no getter for it
 * outside its test backend, and there only a check: checked against a
 * value nobody uses, the check hands back the real one. */
char *label_property (GtkWidget *widget);

gboolean labelled_by (GtkWidget *widget,
                      GtkWidget *other);

/* The name a screen reader reads for @widget, as GTK 4.8 makes it
 * (gtk_at_context_get_name): its label, then the labels of the widgets
 * it is labelled by. Those are looked for among its ancestors (a menu
 * button's inner button, the detail pane's scroller) and its children
 * (a button's label). */
char *accessible_name (GtkWidget *widget);

/* The accessible description, or NULL; as label_property(). */
char *description_property (GtkWidget *widget);

/* GTK's test accessibility backend, which records what widgets tell
 * screen readers, instead of none; then gtk_test_init(), adw_init(), and
 * jumps instead of animations, so that each step can be checked at once.
 * For a test's main(). */
void dm_test_a11y_init (int    *argc,
                        char ***argv);

/* The first widget, @root or one under it (depth first, in order), for
 * which @match (widget, @data) holds; or NULL. */
GtkWidget *dm_test_find_widget (GtkWidget  *root,
                                gboolean  (*match) (GtkWidget     *widget,
                                                    gconstpointer  data),
                                gconstpointer data);
