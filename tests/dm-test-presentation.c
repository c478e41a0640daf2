/* dm-test-presentation.c — see dm-test-presentation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dm-test-presentation.h"
#include "dm-test-window.h"

void
dm_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
dm_test_presentation_init (int    *argc,
                           char ***argv)
{
  dm_test_init_gui (argc, argv);
  dm_test_load_style ();
}

void
dm_test_assert_inside (DmPresentation *self,
                       const char     *name)
{
  GtkWidget *label = dm_presentation_get_label (self, name);
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int needed = 0;

  g_assert_nonnull (label);
  if (!gtk_widget_get_visible (label))
    g_error ("The slide's %s is not shown (“%s”)", name, dm_presentation_get_title (self));
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (self), &bounds));
  if (bounds.origin.x < 0 || bounds.origin.y < 0
      || bounds.origin.x + bounds.size.width > width + 0.5
      || bounds.origin.y + bounds.size.height > height + 0.5)
    g_error ("The slide's %s (“%s”) lies at %g,%g %g×%g, outside the window's %d×%d", name,
             gtk_label_get_text (GTK_LABEL (label)), bounds.origin.x, bounds.origin.y,
             bounds.size.width, bounds.size.height, width, height);
  /* Given all the height its text needs: not cut. */
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &needed, NULL, NULL, NULL);
  if (needed > gtk_widget_get_height (label))
    g_error ("The slide's %s (“%s”) needs %d pixels of height, has %d", name,
             gtk_label_get_text (GTK_LABEL (label)), needed, gtk_widget_get_height (label));
}

void
dm_test_assert_slide_whole (DmPresentation *self)
{
  GtkWidget *slide = gtk_widget_get_parent (dm_presentation_get_label (self, "title"));
  graphene_rect_t box;
  int needed = 0;

  for (GtkWidget *w = slide; w != NULL; w = gtk_widget_get_parent (w))
    g_assert_false (GTK_IS_SCROLLED_WINDOW (w) || GTK_IS_VIEWPORT (w));
  /* Measured and placed with its padding and border, which
   * gtk_widget_get_width() and _height() leave out. */
  g_assert_true (gtk_widget_compute_bounds (slide, slide, &box));
  gtk_widget_measure (slide, GTK_ORIENTATION_VERTICAL, (int) box.size.width, NULL, &needed, NULL, NULL);
  if (needed > box.size.height + 0.5)
    g_error ("The slide “%s” needs %d pixels of height, has %g", dm_presentation_get_title (self),
             needed, box.size.height);

  dm_test_assert_inside (self, "title");
  if (dm_presentation_get_page (self) == DM_PRESENTATION_PAGE_EVENT)
    {
      dm_test_assert_inside (self, "date");
      dm_test_assert_inside (self, "kind");
      dm_test_assert_inside (self, "progress");
      dm_test_assert_inside (self, "summary");
    }
}
gboolean
dm_test_console_mapped (gpointer data)
{
  return gtk_widget_get_mapped (dm_presentation_get_console (data));
}

gboolean
dm_test_console_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (dm_presentation_get_console (data));
}

void
dm_test_assert_console_follows (DmPresentation *self)
{
  g_autofree char *current = dm_presenter_console_dup_text (DM_PRESENTER_CONSOLE (dm_presentation_get_console (self)),
                                                            "current");

  g_assert_cmpstr (current, ==, dm_presentation_get_title (self));
}
