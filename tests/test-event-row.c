/* test-event-row.c — the event list's rows, drawn one widget each
 *
 * The columns line up from row to row and give way in a narrow window;
 * RTL mirrors them; larger text makes them grow; dataset text is drawn
 * as text, glyph for character; and the rows a scroll brings into the
 * list's view are drawn (rows shape their text when first drawn, not when
 * made or measured).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "dm-event-row.h"
#include "dm-test-window.h"

typedef struct {
  const char *date;
  gboolean    inferred;
  const char *kind;
  const char *title;
} RowText;

static const RowText texts[] = {
  { "2019", FALSE, "Forum", "Diễn đàn Công nghiệp 4.0" },
  { "12 September 2019 (inferred)", TRUE, "Plan / strategy", "National strategy" },
  { "Mar 2020", FALSE, "MoU", "A memorandum of understanding with a rather long title that goes on" },
};

/* Drawn, and drawn again once the columns have grown to what the rows
 * drew (they are told in the frame after). */
static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_test_widget_wait_for_draw (widget);
}

static GtkWidget *
rows_window (DmEventColumns *columns,
             GtkWidget     **rows,
             int             width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      rows[i] = dm_event_row_new (columns);
      dm_event_row_set (DM_EVENT_ROW (rows[i]), texts[i].date, texts[i].inferred, texts[i].kind,
                        texts[i].title, NULL, NULL);
      gtk_box_append (GTK_BOX (box), rows[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_window_present (GTK_WINDOW (window));
  settle (window);

  return window;
}

static graphene_rect_t
part (GtkWidget      *row,
      DmEventRowPart  which)
{
  graphene_rect_t bounds;

  dm_event_row_get_part_bounds (DM_EVENT_ROW (row), which, &bounds);
  return bounds;
}

/* Date, kind, title, left to right (or right to left), apart, each
 * inside the row. */
static void
assert_in_order (GtkWidget *row,
                 gboolean   rtl)
{
  graphene_rect_t date = part (row, DM_EVENT_ROW_DATE);
  graphene_rect_t kind = part (row, DM_EVENT_ROW_KIND);
  graphene_rect_t title = part (row, DM_EVENT_ROW_TITLE);
  graphene_rect_t first = rtl ? title : date;
  graphene_rect_t last = rtl ? date : title;

  g_assert_cmpfloat (first.origin.x, >=, 0);
  g_assert_cmpfloat (first.origin.x + first.size.width, <=, kind.origin.x);
  g_assert_cmpfloat (kind.origin.x + kind.size.width, <=, last.origin.x);
  g_assert_cmpfloat (last.origin.x + last.size.width, <=, gtk_widget_get_width (row));
  g_assert_cmpfloat (kind.size.width, >, 0);
  for (DmEventRowPart p = DM_EVENT_ROW_DATE; p <= DM_EVENT_ROW_TITLE; p++)
    {
      graphene_rect_t bounds = part (row, p);

      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (row));
    }
}

static void
test_columns (void)
{
  g_autoptr(DmEventColumns) columns = dm_event_columns_new ();
  GtkWidget *rows[G_N_ELEMENTS (texts)];
  GtkWidget *window = rows_window (columns, rows, 900);
  graphene_rect_t widest_date = part (rows[1], DM_EVENT_ROW_DATE);

  /* Roomy: nothing shortened, and the kinds and titles start where the
   * other rows' do, after the widest date. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_false (dm_event_row_is_shortened (DM_EVENT_ROW (rows[i])));
      assert_in_order (rows[i], FALSE);
      g_assert_cmpfloat (part (rows[i], DM_EVENT_ROW_KIND).origin.x, ==, part (rows[0], DM_EVENT_ROW_KIND).origin.x);
      g_assert_cmpfloat (part (rows[i], DM_EVENT_ROW_TITLE).origin.x, ==, part (rows[0], DM_EVENT_ROW_TITLE).origin.x);
      g_assert_cmpfloat (part (rows[i], DM_EVENT_ROW_KIND).origin.x, >=, widest_date.origin.x + widest_date.size.width);
    }

  /* Narrow: the long title is shortened, the columns give way, and
   * still nothing overlaps. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1, -1);
  settle (window);
  g_assert_cmpint (gtk_widget_get_width (rows[2]), <, 400);
  g_assert_true (dm_event_row_is_shortened (DM_EVENT_ROW (rows[2])));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      assert_in_order (rows[i], FALSE);
      g_assert_cmpfloat (part (rows[i], DM_EVENT_ROW_TITLE).origin.x, ==, part (rows[0], DM_EVENT_ROW_TITLE).origin.x);
    }

  /* Right to left: the same columns, mirrored. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, -1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    gtk_widget_set_direction (rows[i], GTK_TEXT_DIR_RTL);
  settle (window);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_in_order (rows[i], TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Larger text: the rows grow with it, and the columns keep their width
 * in characters. */
static void
test_font_change (void)
{
  g_autoptr(DmEventColumns) columns = dm_event_columns_new ();
  GtkWidget *rows[G_N_ELEMENTS (texts)];
  GtkWidget *window = rows_window (columns, rows, 1200);
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;
  int height = gtk_widget_get_height (rows[0]);
  float title_x = part (rows[0], DM_EVENT_ROW_TITLE).origin.x;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", dpi * 2, NULL);
  settle (window);

  g_assert_cmpint (gtk_widget_get_height (rows[0]), >, height * 3 / 2);
  g_assert_cmpfloat (part (rows[0], DM_EVENT_ROW_TITLE).origin.x, >, title_x * 3 / 2);
  /* The widest date and kind still whole; only the long title gives
   * way. */
  g_assert_false (dm_event_row_is_shortened (DM_EVENT_ROW (rows[0])));
  g_assert_false (dm_event_row_is_shortened (DM_EVENT_ROW (rows[1])));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_in_order (rows[i], FALSE);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_glyphs (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return gsk_text_node_get_num_glyphs (node);

    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_glyphs (gsk_container_node_get_child (node, i));
      return n;

    case GSK_TRANSFORM_NODE:
      return count_glyphs (gsk_transform_node_get_child (node));

    case GSK_OPACITY_NODE:
      return count_glyphs (gsk_opacity_node_get_child (node));

    case GSK_CLIP_NODE:
      return count_glyphs (gsk_clip_node_get_child (node));

    case GSK_ROUNDED_CLIP_NODE:
      return count_glyphs (gsk_rounded_clip_node_get_child (node));

    case GSK_NOT_A_RENDER_NODE:
    case GSK_CAIRO_NODE:
    case GSK_COLOR_NODE:
    case GSK_LINEAR_GRADIENT_NODE:
    case GSK_REPEATING_LINEAR_GRADIENT_NODE:
    case GSK_RADIAL_GRADIENT_NODE:
    case GSK_REPEATING_RADIAL_GRADIENT_NODE:
    case GSK_CONIC_GRADIENT_NODE:
    case GSK_BORDER_NODE:
    case GSK_TEXTURE_NODE:
    case GSK_INSET_SHADOW_NODE:
    case GSK_OUTSET_SHADOW_NODE:
    case GSK_COLOR_MATRIX_NODE:
    case GSK_REPEAT_NODE:
    case GSK_SHADOW_NODE:
    case GSK_BLEND_NODE:
    case GSK_CROSS_FADE_NODE:
    case GSK_BLUR_NODE:
    case GSK_DEBUG_NODE:
    case GSK_GL_SHADER_NODE:
    default:
      return 0;
    }
}

static GskRenderNode *
render_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* Markup and control characters in dataset text are drawn as the
 * characters they are: one glyph each, none taken as a tag. */
static void
test_text_is_text (void)
{
  const char *title = "<b>bold</b> &amp; <span size=\"99999\">big</span>";
  const char *kind = "<i>kind</i>";
  g_autoptr(DmEventColumns) columns = dm_event_columns_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = dm_event_row_new (columns);
  g_autoptr(GskRenderNode) node = NULL;

  dm_event_row_set (DM_EVENT_ROW (row), "2020", FALSE, kind, title, NULL, NULL);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, -1);
  gtk_window_present (GTK_WINDOW (window));
  settle (window);

  g_assert_false (dm_event_row_is_shortened (DM_EVENT_ROW (row)));
  node = render_node (row);
  g_assert_nonnull (node);
  g_assert_cmpuint (count_glyphs (node), ==, strlen ("2020") + strlen (kind) + g_utf8_strlen (title, -1));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ink in the rectangle, in a texture of ARGB32 pixels: some pixels far
 * from the first one (the background). */
static gboolean
has_ink (const guchar          *pixels,
         gsize                  stride,
         const graphene_rect_t *rect)
{
  const guchar *background = pixels + (gsize) rect->origin.y * stride + (gsize) rect->origin.x * 4;
  guint inked = 0;

  for (int y = rect->origin.y; y < rect->origin.y + rect->size.height; y++)
    for (int x = rect->origin.x; x < rect->origin.x + rect->size.width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * 4;

        if (ABS (p[0] - background[0]) + ABS (p[1] - background[1]) + ABS (p[2] - background[2]) > 96)
          inked++;
      }
  return inked > 10;
}

/* Each row the list shows has its title on screen: checked on the
 * picture of the list as GTK keeps it, not by drawing the rows afresh. */
static guint
assert_shown_rows_drawn (DmWindow  *window,
                         GtkWidget *view)
{
  g_autoptr(GskRenderNode) node = render_node (view);
  g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                                               &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (view),
                                                                                    gtk_widget_get_height (view)));
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  guint shown = 0;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (GtkWidget *c = gtk_widget_get_first_child (view); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);
      graphene_rect_t title;
      graphene_rect_t in_view;

      if (!DM_IS_EVENT_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      dm_event_row_get_part_bounds (DM_EVENT_ROW (row), DM_EVENT_ROW_TITLE, &title);
      g_assert_true (gtk_widget_compute_bounds (row, view, &in_view));
      title.origin.x += in_view.origin.x;
      title.origin.y += in_view.origin.y;
      /* Wholly in view only. */
      if (title.origin.y < 0 || title.origin.y + title.size.height > height || title.size.width < 20)
        continue;
      title.size.width = MIN (title.size.width, width - title.origin.x);
      if (!has_ink (pixels, (gsize) width * 4, &title))
        g_error ("the row “%s” is in view but not drawn", dm_event_row_get_text (DM_EVENT_ROW (row), DM_EVENT_ROW_TITLE));
      shown++;
    }
  return shown;
}

static void
test_scrolled_into_view (void)
{
  DmWindow *window = dm_test_open_bundled_window (1000, 700);
  GtkWidget *view = dm_test_window_child (window, "event_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view))));
  guint shown;

  settle (GTK_WIDGET (window));
  /* More rows than it shows: the rest were made out of sight. */
  shown = assert_shown_rows_drawn (window, view);
  g_assert_cmpuint (shown, >=, 3);
  g_assert_cmpuint (shown, <, n);

  /* Half a view, then to the end, then back to the start. */
  for (guint step = 0; step < 3; step++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = step == 0 ? page / 2 : step == 1 ? gtk_adjustment_get_upper (adjustment) - page : 0;

      gtk_adjustment_set_value (adjustment, value);
      settle (GTK_WIDGET (window));
      g_assert_cmpuint (assert_shown_rows_drawn (window, view), >=, shown - 1);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/event-row/columns", test_columns);
  g_test_add_func ("/event-row/font-change", test_font_change);
  g_test_add_func ("/event-row/text-is-text", test_text_is_text);
  g_test_add_func ("/event-row/scrolled-into-view", test_scrolled_into_view);

  return g_test_run ();
}
