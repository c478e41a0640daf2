/* dm-test-story.c — see dm-test-story.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-test-story.h"

double
dm_test_text_width (PangoContext *pango,
                    const char   *text)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (pango);
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

void
dm_test_check_story (DmScene    *scene,
                     DmLanguage  language,
                     gboolean    whole)
{
  DmDataset *dataset = scene->dataset;
  double time_width = dm_scene_get_time_width (scene);

  dm_scene_ensure_layout (scene);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      const char *title = dm_text_get (&event->title, language);
      int index = dm_layout_find_event (scene->layout, i);
      const DmLayoutItem *item;
      g_autofree char *first = NULL;
      double natural = dm_test_text_width (scene->pango, title);
      double least;
      double x0;
      double shown;

      g_assert_true (dm_scene_time_in_view (scene, event->axis_start, event->axis_end));
      g_assert_cmpint (index, >=, 0);
      item = dm_layout_get_item (scene->layout, (guint) index);
      if (item->type != DM_LAYOUT_EVENT)
        g_error ("“%s” is in a cluster", title);
      g_assert_cmpfloat (item->label_width, >, 0);

      /* What of the label shows, in the view's coordinates. */
      x0 = item->label_x - scene->layout_offset;
      if (item->label_inside)
        shown = MIN (item->x1 - scene->layout_offset, time_width) - scene->metrics.gap - MAX (x0, scene->metrics.gap);
      else
        {
          g_assert_cmpfloat (x0, >=, 0);
          g_assert_cmpfloat (x0 + item->label_width, <=, time_width + 1);
          shown = item->label_width;
        }

      if (item->label_lines == 2)
        {
          /* Wrapped, it holds the whole title on its two lines. */
          g_autoptr(PangoLayout) layout = pango_layout_new (scene->pango);

          pango_layout_set_text (layout, title, -1);
          pango_layout_set_width (layout, (int) ((item->label_width + 1) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          g_assert_cmpint (pango_layout_get_line_count (layout), <=, 2);
          continue;
        }

      first = g_utf8_strlen (title, -1) > 40
        ? g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (title, 40) - title), title)
        : g_strdup (title);
      least = whole ? natural : MIN (natural, dm_test_text_width (scene->pango, first));
      if (shown + 1 < least)
        g_error ("“%s”: %g px of its label show, %g needed", title, shown, least);
    }
}
