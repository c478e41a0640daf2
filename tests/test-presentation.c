/* test-presentation.c — presentation mode, driven by the keys a clicker
 * sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "dm-test-util.h"
#include "dm-presentation.h"

/* "Only resolutions", as a presenter might prepare. */
static GArray *
resolutions (DmDataset *dataset)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    if (g_str_equal (dm_dataset_get_event (dataset, i)->kind, "resolution"))
      g_array_append_val (positions, i);

  return positions;
}

static void
key (DmPresentation *self,
     const char     *action,
     GVariant       *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter));
}

static const char *
title_of (DmDataset *dataset,
          GArray    *positions,
          guint      index,
          DmLanguage language)
{
  return dm_text_get (&dm_dataset_get_event (dataset, g_array_index (positions, guint, index))->title, language);
}

static void
test_steps_in_order (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);
  g_autofree char *first_progress = NULL;
  g_autofree char *last_progress = NULL;

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpuint (positions->len, >=, 4);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 0, DM_LANGUAGE_EN));
  first_progress = g_strdup_printf ("1 / %u", positions->len);
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, first_progress);

  /* Right, Page Down, Space: forward through the filtered events in order. */
  for (guint i = 1; i < positions->len; i++)
    {
      key (self, "presentation.step", g_variant_new_int32 (1));
      g_assert_cmpuint (dm_presentation_get_index (self), ==, i);
      g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, i, DM_LANGUAGE_EN));
    }
  /* And no further than the last. */
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, positions->len - 1);
  last_progress = g_strdup_printf ("%u / %u", positions->len, positions->len);
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, last_progress);

  key (self, "presentation.step", g_variant_new_int32 (-1));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, positions->len - 2);
  key (self, "presentation.step", g_variant_new_int32 (G_MININT32));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 0);
  key (self, "presentation.step", g_variant_new_int32 (G_MAXINT32));
  g_assert_cmpuint (dm_presentation_get_index (self), ==, positions->len - 1);

  /* "3" then Enter: the third event. */
  key (self, "presentation.type-digit", g_variant_new_int32 (3));
  key (self, "presentation.jump", NULL);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 2);
  /* Enter alone goes on. */
  key (self, "presentation.jump", NULL);
  g_assert_cmpuint (dm_presentation_get_index (self), ==, 3);

  gtk_window_destroy (GTK_WINDOW (self));
}

/* A bilingual audience: the language switches inside the presentation;
 * large rooms: the text grows. */
static void
test_language_and_text_scale (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 1, DM_LANGUAGE_EN);

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 1, DM_LANGUAGE_EN));
  key (self, "presentation.toggle-language", NULL);
  g_assert_cmpint (dm_presentation_get_language (self), ==, DM_LANGUAGE_VI);
  g_assert_cmpstr (dm_presentation_get_title (self), ==, title_of (dataset, positions, 1, DM_LANGUAGE_VI));

  key (self, "presentation.text-scale", g_variant_new_int32 (1));
  key (self, "presentation.text-scale", g_variant_new_int32 (1));
  g_assert_cmpfloat (dm_presentation_get_text_scale (self), >, 1.3);
  key (self, "presentation.text-scale", g_variant_new_int32 (0));
  g_assert_cmpfloat (dm_presentation_get_text_scale (self), ==, 1);

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Esc leaves; nothing is left behind. */
static void
test_leave (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = resolutions (dataset);
  DmPresentation *self = dm_presentation_new (NULL, dataset, positions, 0, DM_LANGUAGE_EN);

  g_object_ref (self);
  gtk_window_present (GTK_WINDOW (self));
  key (self, "presentation.leave", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (self)));
  g_assert_finalize_object (self);
}

/* Nothing to present is said plainly. */
static void
test_empty (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
  DmPresentation *self = dm_presentation_new (NULL, dataset, none, 0, DM_LANGUAGE_EN);

  gtk_window_present (GTK_WINDOW (self));
  g_assert_cmpstr (dm_presentation_get_progress (self), ==, "0 / 0");
  key (self, "presentation.step", g_variant_new_int32 (1));
  g_assert_cmpuint (dm_presentation_get_n_slides (self), ==, 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/presentation/steps-in-order", test_steps_in_order);
  g_test_add_func ("/presentation/language-and-text-scale", test_language_and_text_scale);
  g_test_add_func ("/presentation/leave", test_leave);
  g_test_add_func ("/presentation/empty", test_empty);

  return g_test_run ();
}
