/* test-legibility.c — large text and high contrast, nothing cut off
 *
 * The system's large text is GtkSettings:gtk-xft-dpi (GNOME's text
 * scaling factor ends up there); libadwaita 1.2 turns on its high
 * contrast style from the settings portal, GSettings, a HighContrast GTK
 * theme, or ADW_DEBUG_HIGH_CONTRAST=1, which this test sets. In both,
 * with text one and a half and two times as large, the main window and
 * the presentation are laid out at a roomy and at a small size, and every
 * label shown must be whole: inside the window and its scrolled windows,
 * given the room it asks for, not over another label, and when it is
 * shortened with an ellipsis its full text must be one step away (a
 * tooltip, or the name a screen reader reads). A PNG of each is saved in
 * the build folder, to be looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "dm-application.h"
#include "dm-event-row.h"
#include "dm-presentation.h"
#include "dm-test-a11y.h"
#include "dm-test-util.h"
#include "dm-timeline-view.h"
#include "dm-test-window.h"
#include "dm-window.h"

typedef struct {
  double      text_scale;
  int         width;
  int         height;
  const char *name;
} Case;

static const Case cases[] = {
  { 1.5, 1200, 760, "large-roomy" },
  { 1.5, 800, 600, "large-small" },
  { 2.0, 1200, 760, "larger-roomy" },
  { 2.0, 800, 600, "larger-small" },
};

static int base_dpi;

static void
set_text_scale (double scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (base_dpi * scale), NULL);
}


static gboolean
visible_rect (GtkWidget       *widget,
              graphene_rect_t *rect)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, root, &bounds))
    return FALSE;

  /* What a scrolled window shows of it. */
  for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL; a = gtk_widget_get_parent (a))
    if (GTK_IS_SCROLLED_WINDOW (a))
      {
        graphene_rect_t port;

        if (!gtk_widget_compute_bounds (a, root, &port) || !graphene_rect_intersection (&bounds, &port, &bounds))
          return FALSE;
      }

  *rect = bounds;
  return TRUE;
}

static gboolean
is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_child_visible (w) || gtk_widget_get_opacity (w) == 0)
      return FALSE;

  return gtk_widget_is_drawable (widget);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0' && is_shown (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      /* A tooltip is a window of its own, placed by GTK where there is
       * room, not part of the layout: it pops up when the pointer rests on
       * the timeline (in a slow run, under the sanitizers, it has time to). */
      if (GTK_IS_NATIVE (c) && !GTK_IS_POPOVER (c))
        continue;
      collect_labels (c, labels);
    }
}

/* The whole of a shortened text is one step away: in the label's tooltip,
 * or in what a screen reader reads for it or a widget around it (a list
 * row, the window). */
static gboolean
full_text_reachable (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);

  for (GtkWidget *w = GTK_WIDGET (label); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (w);
      /* Not the label's own name: GTK names a label after its text. */
      g_autofree char *name = w != GTK_WIDGET (label) ? label_property (w) : NULL;

      if ((tooltip != NULL && strstr (tooltip, text) != NULL) || (name != NULL && strstr (name, text) != NULL))
        return TRUE;
      if (GTK_IS_WINDOW (w) && g_strcmp0 (gtk_window_get_title (GTK_WINDOW (w)), text) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The event list's rows draw their date, kind and title themselves. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (DM_IS_EVENT_ROW (widget) && is_shown (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (!GTK_IS_NATIVE (c) || GTK_IS_POPOVER (c))
      collect_rows (c, rows);
}

/* A row's parts, as its labels were checked: inside the window and the
 * row, given the room the row asks for, apart, and when shortened the full
 * text in what a screen reader reads for the row. */
static guint
assert_rows_legible (GtkWidget  *window,
                     const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint seen_rows = 0;

  collect_rows (window, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DmEventRow *row = g_ptr_array_index (rows, i);
      const char *title = dm_event_row_get_text (row, DM_EVENT_ROW_TITLE);
      graphene_rect_t seen;
      graphene_rect_t bounds;
      float end = -1;
      int min;

      if (!visible_rect (GTK_WIDGET (row), &seen))
        continue;
      seen_rows++;
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), window, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5
          || seen.size.width < bounds.size.width - 0.5)
        g_error ("%s: the row “%.60s” is cut off at the side", name, title);

      /* (Measured with its padding, as its bounds are.) */
      gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpfloat (bounds.size.width, >=, min);
      gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpfloat (bounds.size.height, >=, min);
      g_assert_cmpfloat (bounds.size.height, >, gtk_widget_get_height (GTK_WIDGET (row)));

      for (DmEventRowPart part = DM_EVENT_ROW_DATE; part <= DM_EVENT_ROW_TITLE; part++)
        {
          graphene_rect_t text;

          dm_event_row_get_part_bounds (row, part, &text);
          if (text.origin.x < end || text.origin.x + text.size.width > gtk_widget_get_width (GTK_WIDGET (row)) + 0.5)
            g_error ("%s: in the row “%.60s”, “%s” overlaps or is cut off at the side", name, title,
                     dm_event_row_get_text (row, part));
          if (text.origin.y < -0.5 || text.origin.y + text.size.height > gtk_widget_get_height (GTK_WIDGET (row)) + 0.5)
            g_error ("%s: in the row “%.60s”, “%s” needs %g pixels of height, has %d", name, title,
                     dm_event_row_get_text (row, part), text.size.height, gtk_widget_get_height (GTK_WIDGET (row)));
          end = text.origin.x + text.size.width;
        }

      if (dm_event_row_is_shortened (row))
        {
          g_autofree char *said = label_property (GTK_WIDGET (row));

          for (DmEventRowPart part = DM_EVENT_ROW_DATE; part <= DM_EVENT_ROW_TITLE; part++)
            if (said == NULL || strstr (said, dm_event_row_get_text (row, part)) == NULL)
              g_error ("%s: the row “%.60s” is shortened, and “%s” is not in its name", name, title,
                       dm_event_row_get_text (row, part));
        }
    }
  return seen_rows;
}

static const char *
describe (GtkWidget *label)
{
  static char text[120];
  g_auto(GStrv) classes = gtk_widget_get_css_classes (label);

  g_snprintf (text, sizeof text, "label “%.60s” (%s)", gtk_label_get_text (GTK_LABEL (label)),
              classes[0] ? classes[0] : "");
  return text;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("legibility-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Everything the brief of this test says, for the window as laid out. */
static void
assert_legible (GtkWidget  *window,
                int         width,
                int         height,
                const char *name)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  int min_width;
  int min_height;

  gtk_test_widget_wait_for_draw (window);
  save_screenshot (window, name);

  /* It fits: the window did not have to grow past the size asked for,
   * which on a screen that size would cut it off. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (min_width > width || min_height > height)
    g_error ("%s: needs at least %d×%d, more than %d×%d", name, min_width, min_height, width, height);
  /* (Less the window's frame, which GTK counts in the default size.) */
  g_assert_cmpint (gtk_widget_get_width (window), <=, width);
  g_assert_cmpint (gtk_widget_get_width (window), >=, width - 20);
  g_assert_cmpint (gtk_widget_get_height (window), <=, height);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  /* The explorer's list shows rows at every size tested. */
  if (assert_rows_legible (window, name) == 0)
    g_assert_false (DM_IS_WINDOW (window));
  collect_labels (window, labels);
  /* (A slide has its title, date, kind, counter and text at the least.) */
  g_assert_cmpuint (labels->len, >=, 5);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
      graphene_rect_t bounds;
      graphene_rect_t seen;
      int min;
      int needed;
      PangoRectangle ink;
      PangoRectangle logical;

      if (!visible_rect (label, &seen))
        continue;
      g_assert_true (gtk_widget_compute_bounds (label, window, &bounds));

      /* Inside the window, and across the whole width of whatever
       * scrolled window it is in (they only scroll up and down). */
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > width + 0.5
          || seen.size.width < bounds.size.width - 0.5)
        g_error ("%s: %s is cut off at the side: %g..%g of %d", name, describe (label),
                 bounds.origin.x, bounds.origin.x + bounds.size.width, width);
      if (gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW) == NULL
          && (bounds.origin.y < -0.5 || bounds.origin.y + bounds.size.height > height + 0.5))
        g_error ("%s: %s is cut off at the bottom: %g..%g of %d", name, describe (label),
                 bounds.origin.y, bounds.origin.y + bounds.size.height, height);

      /* Given the room it asks for. */
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, min);
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &min, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (label), >=, min);

      /* Its text inside it: whole, or shortened with an ellipsis and
       * the full text one step away. */
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      needed = logical.height;
      if (needed > gtk_widget_get_height (label) + 1)
        g_error ("%s: %s needs %d pixels of height, has %d", name, describe (label), needed, gtk_widget_get_height (label));
      if (pango_layout_is_ellipsized (layout) && !full_text_reachable (GTK_LABEL (label)))
        g_error ("%s: %s is shortened, and its full text is nowhere", name, describe (label));
      else if (!pango_layout_is_ellipsized (layout) && logical.width > gtk_widget_get_width (label) + 1)
        g_error ("%s: %s needs %d pixels of width, has %d", name, describe (label), logical.width, gtk_widget_get_width (label));

      /* Not over another label. */
      for (guint k = 0; k < i; k++)
        {
          GtkWidget *other = g_ptr_array_index (labels, k);
          graphene_rect_t other_seen;
          graphene_rect_t both;

          if (gtk_widget_is_ancestor (label, other) || gtk_widget_is_ancestor (other, label))
            continue;
          if (visible_rect (other, &other_seen) && graphene_rect_intersection (&seen, &other_seen, &both)
              && both.size.width > 0.5 && both.size.height > 0.5)
            {
              g_autofree char *first = g_strdup (describe (other));

              g_error ("%s: %s overlaps %s", name, describe (label), first);
            }
        }
    }
}


/* The explorer, searching, with an event selected: the header bar, the
 * search and filter bars, the list, the detail pane. */
static void
test_window (gconstpointer data)
{
  const Case *c = data;
  DmWindow *window;
  GtkEditable *entry;
  guint position;

  set_text_scale (c->text_scale);
  window = dm_test_open_bundled_window (c->width, c->height);
  entry = GTK_EDITABLE (dm_test_window_child (window, "search_entry"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "nghi quyet");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_nonnull (dm_dataset_lookup_event (dm_window_get_dataset (window), "nq-78-2020", &position));
  dm_timeline_view_set_selected (DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline")), (int) position);

  {
    g_autofree char *name = g_strdup_printf ("window-%s", c->name);
    assert_legible (GTK_WIDGET (window), c->width, c->height, name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  set_text_scale (1);
}

/* A presentation, its own text made larger still (Ctrl++ twice), on the
 * event with the most to say. */
static void
test_presentation (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  DmPresentation *self;
  g_autofree char *name = g_strdup_printf ("presentation-%s", c->name);
  guint position;

  set_text_scale (c->text_scale);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    g_array_append_val (positions, i);
  g_assert_nonnull (dm_dataset_lookup_event (dataset, "nq-78-2020", &position));
  self = dm_presentation_new (NULL, dataset, positions, position, DM_LANGUAGE_EN);
  gtk_window_set_default_size (GTK_WINDOW (self), c->width, c->height);
  gtk_window_present (GTK_WINDOW (self));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.text-scale", "i", 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "presentation.text-scale", "i", 1));

  assert_legible (GTK_WIDGET (self), c->width, c->height, name);

  gtk_window_destroy (GTK_WINDOW (self));
  set_text_scale (1);
}

int
main (int   argc,
      char *argv[])
{
  /* High contrast as libadwaita 1.2 can be told without a desktop; the
   * test accessibility backend, for what screen readers are told. */
  g_setenv ("ADW_DEBUG_HIGH_CONTRAST", "1", TRUE);
  dm_test_a11y_init (&argc, &argv);
  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &base_dpi, NULL);
  if (base_dpi <= 0)
    base_dpi = 96 * 1024;

  /* The app's style sheets (high contrast's after the rest) and icons,
   * as AdwApplication loads them from the resource base path; no
   * application runs here. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, i == 0 ? RESOURCE_PREFIX "/style.css" : RESOURCE_PREFIX "/style-hc.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + i);
    }
  {
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_PREFIX "/icons");
  }

  /* Checked here, so that nothing below passes for want of it. */
  g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *window_path = g_strdup_printf ("/legibility/window/%s", cases[i].name);
      g_autofree char *presentation_path = g_strdup_printf ("/legibility/presentation/%s", cases[i].name);

      g_test_add_data_func (window_path, &cases[i], test_window);
      g_test_add_data_func (presentation_path, &cases[i], test_presentation);
    }

  return g_test_run ();
}
