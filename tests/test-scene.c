/* test-scene.c — the view's way of drawing while panning (each item's
 * image kept and copied on the next frame) gives the same picture as
 * drawing every item again, which is what exports do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "dm-scene.h"
#include "dm-test-util.h"

#define WIDTH  1280
#define HEIGHT 720

typedef struct
{
  guint  n_events;
  double device_scale;
} Case;

static void
setup_scene (DmScene      *scene,
             DmDataset    *dataset,
             PangoContext *pango,
             double        device_scale,
             gboolean      cache)
{
  dm_scene_init (scene);
  scene->dataset = dataset;
  scene->width = WIDTH;
  scene->height = HEIGHT;
  scene->pango = pango;
  scene->device_scale = device_scale;
  scene->cache_items = cache;
  scene->metrics.max_rows = dm_scene_rows_for_height (scene, HEIGHT) - 1;
  dm_scene_reset_labels (scene);
}

/* Sans 11 at 96 dpi, as the view has it by default. */
static PangoContext *
create_pango (void)
{
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");

  pango_cairo_context_set_resolution (pango, 96);
  pango_context_set_font_description (pango, font);

  return pango;
}

/* libadwaita's light, dark and high contrast windows: their background
 * and text colours. */
static const struct {
  const char *name;
  DmColor     paper;
  DmColor     foreground;
} styles[] = {
  { "light", { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1 }, { 0, 0, 0, 0.8 } },
  { "dark", { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 }, { 1, 1, 1, 1 } },
  { "high contrast", { 1, 1, 1, 1 }, { 0, 0, 0, 1 } },
};

/* The scene drawn onto @under, whatever it is told it is drawn on. */
static cairo_surface_t *
render_on (DmScene       *scene,
           const DmColor *under)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) (WIDTH * scene->device_scale),
                                                         (int) (HEIGHT * scene->device_scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scene->device_scale, scene->device_scale);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, under->red, under->green, under->blue);
  cairo_paint (cr);
  dm_scene_invalidate (scene);
  dm_scene_draw (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static cairo_surface_t *
render (DmScene *scene)
{
  static const DmColor white = { 1, 1, 1, 1 };

  return render_on (scene, &white);
}

/* Copying an image of an item onto the frame rounds differently from
 * drawing the item there: by a few units per channel, a little more where
 * an item meets the edge of the time area. A missing, moved or otherwise
 * drawn item differs by far more (a pixel's shift, by up to 255). */
static void
assert_same_picture (cairo_surface_t *a,
                     cairo_surface_t *b,
                     const char      *step)
{
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint differing = 0;
  int worst = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 4; x++)
      {
        int d = ABS ((int) pa[y * stride + x] - (int) pb[y * stride + x]);

        worst = MAX (worst, d);
        if (d > 24)
          differing++;
      }

  if (differing > 0)
    {
      g_autofree char *name_a = g_strdup_printf ("%s/scene-cached-%s.png", g_get_tmp_dir (), step);
      g_autofree char *name_b = g_strdup_printf ("%s/scene-direct-%s.png", g_get_tmp_dir (), step);

      cairo_surface_write_to_png (a, name_a);
      cairo_surface_write_to_png (b, name_b);
      g_error ("%s: %u channel values differ by more than 24 (worst %d); see %s and %s",
               step, differing, worst, name_a, name_b);
    }
}

static DmEvent *
point_event (const char *id,
             const char *date,
             DmBound     bound)
{
  DmEvent *event = dm_event_new ();

  event->id = g_strdup (id);
  event->kind = g_strdup ("k0");
  g_assert_true (dm_date_parse (date, &event->start, NULL));
  event->start_bound = bound;
  /* No text: what is drawn beside the marker is the marker's own. */
  dm_text_set (&event->title, NULL, " ");
  return event;
}

/* The darkness of the pixel at (@x, @y) on white: 0 (white) to 255. */
static int
ink (cairo_surface_t *surface,
     double           x,
     double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *p = data + (int) y * stride + (int) x * 4;

  return 255 - MIN (MIN (p[0], p[1]), p[2]);
}

/* An open-ended date is drawn as what it is: a marker at the known bound,
 * lighter than a stated date's, with a tail that fades out toward the
 * side nothing is known of, and none toward the other. */
static void
test_open_ended (void)
{
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_surface_t *surface;
  const DmLayoutItem *items[3] = { NULL, NULL, NULL };
  DmScene scene;
  double start;
  double end;

  dm_dataset_set_title (dataset, NULL, "Open");
  dm_test_add_kinds (dataset, 1);
  dm_dataset_add_event (dataset, point_event ("stated", "2018-06-01", DM_BOUND_EXACT));
  dm_dataset_add_event (dataset, point_event ("before", "2019-06-01", DM_BOUND_BEFORE));
  dm_dataset_add_event (dataset, point_event ("after", "2020-06-01", DM_BOUND_AFTER));
  dm_dataset_finish (dataset);

  setup_scene (&scene, dataset, pango, 1, FALSE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scene.scale, start - 365, end + 365, dm_scene_get_time_width (&scene), 24);
  surface = render (&scene);

  for (guint i = 0; i < dm_layout_get_n_items (scene.layout); i++)
    {
      const DmLayoutItem *item = dm_layout_get_item (scene.layout, i);

      g_assert_cmpint (item->type, ==, DM_LAYOUT_EVENT);
      items[item->position] = item;
    }

  for (guint i = 0; i < 3; i++)
    {
      const DmLayoutItem *item = items[i];
      const DmEvent *event = dm_dataset_get_event (dataset, i);
      double x = scene.header_width + (item->x0 + item->x1) / 2 - scene.layout_offset;
      double y = dm_scene_get_row_y (&scene, item->lane, item->row) + (scene.row_height - 6) / 2;
      double r = scene.metrics.marker_size / 2;
      int centre = ink (surface, x, y);
      int near_left = ink (surface, x - r - 4, y);
      int far_left = ink (surface, x - r - 2.5 * scene.metrics.marker_size, y);
      int near_right = ink (surface, x + r + 4, y);
      int far_right = ink (surface, x + r + 2.5 * scene.metrics.marker_size, y);

      g_test_message ("%s: centre %d, left %d %d, right %d %d", event->id, centre,
                      near_left, far_left, near_right, far_right);
      switch (event->start_bound)
        {
        case DM_BOUND_EXACT:
          g_assert_cmpint (centre, >, 150);
          g_assert_cmpint (near_left, <, 10);
          break;
        case DM_BOUND_BEFORE:
          g_assert_cmpint (centre, <, 100);
          g_assert_cmpint (near_left, >, 20);
          g_assert_cmpint (far_left, <, near_left);
          g_assert_cmpint (near_right, <, 10);
          break;
        case DM_BOUND_AFTER:
          g_assert_cmpint (centre, <, 100);
          g_assert_cmpint (near_right, >, 20);
          g_assert_cmpint (far_right, <, near_right);
          g_assert_cmpint (near_left, <, 10);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  cairo_surface_destroy (surface);
  dm_scene_clear (&scene);
  g_object_unref (pango);
}

/* Random data, at zoom levels from the whole span to hours, panned by
 * uneven amounts in both directions, with a selection and a search that
 * change on the way: each frame drawn from kept images equals the frame
 * drawn afresh, and images were indeed kept and reused. */
static void
test_cache_matches_direct (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (c->n_events);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, c->n_events, 5);
  PangoContext *pango = create_pango ();
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree guint8 *matches = g_new0 (guint8, n);
  static const double zooms[] = { 1, 8, 60, 900, 20000 };
  double start;
  double end;
  DmScene cached;
  DmScene direct;
  guint frames = 0;

  setup_scene (&cached, dataset, pango, c->device_scale, TRUE);
  setup_scene (&direct, dataset, pango, c->device_scale, FALSE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);

  for (guint i = 0; i < n; i++)
    matches[i] = g_rand_int_range (rand, 0, 3) > 0;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      DmTimeScale scale;
      double center = dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, (gint32) n))->axis_start;

      dm_time_scale_fit (&scale, start, end, dm_scene_get_time_width (&cached), 24);
      scale.days_per_px /= zooms[z];
      scale.origin = center - dm_scene_get_time_width (&cached) / 2 * scale.days_per_px;

      for (guint step = 0; step < 8; step++)
        {
          g_autofree char *name = g_strdup_printf ("%u-%g-%u", c->n_events, zooms[z], step);
          cairo_surface_t *a;
          cairo_surface_t *b;

          /* Uneven pans, mostly small as a drag's, a few long. */
          scale.origin += g_rand_double_range (rand, step % 3 == 2 ? -700 : -90, 90) * scale.days_per_px;
          if (step == 3)
            cached.selected = direct.selected = g_rand_int_range (rand, 0, (gint32) n);
          if (step == 5)
            cached.matches = direct.matches = matches;
          cached.scale = direct.scale = scale;

          a = render (&cached);
          b = render (&direct);
          assert_same_picture (a, b, name);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
          frames++;
        }
      cached.matches = direct.matches = NULL;
      cached.selected = direct.selected = -1;
    }

  g_test_message ("%u frames: %u images made, %u reused", frames, cached.images_made, cached.images_reused);
  g_assert_cmpuint (cached.images_made, >, 0);
  g_assert_cmpuint (cached.images_reused, >, 0);
  g_assert_cmpuint (direct.images_made + direct.images_reused, ==, 0);

  dm_scene_clear (&cached);
  dm_scene_clear (&direct);
  g_object_unref (pango);
}

/* While the view pans within one step of the layout's anchor, what is
 * laid out does not change: clusters keep their members and items their
 * rows and places, so panning neither regroups nor reshuffles. */
static void
test_layout_stays_while_panning (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 20000, 4);
  PangoContext *pango = create_pango ();
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (DmLayoutItem));
  double start;
  double end;
  double step;
  DmScene scene;
  guint clusters = 0;

  setup_scene (&scene, dataset, pango, 1, FALSE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
  scene.scale.days_per_px /= 6;

  /* The view's left edge on an anchor: 512 pixels to pan in. */
  step = 512 * scene.scale.days_per_px;
  scene.scale.origin = floor ((start + end) / 2 / step) * step;
  dm_scene_invalidate (&scene);
  dm_scene_ensure_layout (&scene);
  g_assert_cmpfloat_with_epsilon (scene.layout_offset, 512, 1);
  for (guint i = 0; i < dm_layout_get_n_items (scene.layout); i++)
    {
      g_array_append_val (before, *dm_layout_get_item (scene.layout, i));
      clusters += dm_layout_get_item (scene.layout, i)->type == DM_LAYOUT_CLUSTER;
    }
  g_assert_cmpuint (clusters, >, 3);

  for (guint k = 1; k < 31; k++)
    {
      double right = scene.layout_offset + dm_scene_get_time_width (&scene);
      guint compared = 0;

      scene.scale.origin += 16 * scene.scale.days_per_px;
      dm_scene_invalidate (&scene);
      dm_scene_ensure_layout (&scene);
      g_assert_cmpfloat_with_epsilon (scene.layout_offset, 512 + 16.0 * k, 1e-6);

      /* What was laid out, apart from near the right edge (the view has
       * moved on there), is laid out the same. */
      for (guint i = 0; i < before->len; i++)
        {
          const DmLayoutItem *was = &g_array_index (before, DmLayoutItem, i);
          const DmLayoutItem *now;

          if (was->x1 + 200 > right || was->label_x + was->label_width + 200 > right)
            continue;
          g_assert_cmpuint (i, <, dm_layout_get_n_items (scene.layout));
          now = dm_layout_get_item (scene.layout, i);
          g_assert_cmpint (now->type, ==, was->type);
          g_assert_cmpuint (now->position, ==, was->position);
          g_assert_cmpuint (now->count, ==, was->count);
          g_assert_cmpuint (now->lane, ==, was->lane);
          g_assert_cmpuint (now->row, ==, was->row);
          g_assert_cmpfloat (now->x0, ==, was->x0);
          g_assert_cmpfloat (now->x1, ==, was->x1);
          compared++;
        }
      /* The layout reaches a step left of the view and past its right:
       * what is compared is the part in view. */
      g_assert_cmpuint (compared, >, before->len / 3);
    }

  dm_scene_clear (&scene);
  g_object_unref (pango);
}

static void
count_text (const char *text,
            double      x,
            double      y,
            double      size,
            gpointer    user_data)
{
  guint *texts = user_data;

  (*texts)++;
}

/* Whatever room the lanes have to spare, an odd pixel or lanes scrolled
 * part of one, every row starts on a whole pixel, and so its items keep
 * their images from one frame to the next. */
static void
test_rows_on_whole_pixels (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 2000, 3);
  PangoContext *pango = create_pango ();
  guint odd = 0;

  for (int extra = 0; extra < 8; extra++)
    {
      DmScene scene;
      double start;
      double end;

      setup_scene (&scene, dataset, pango, 1, TRUE);
      scene.height = HEIGHT + extra;
      scene.lane_scroll = extra % 2 ? 0.5 : 0;
      dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
      dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
      cairo_surface_destroy (render (&scene));

      for (guint lane = 0; lane < dm_scene_get_n_lanes (&scene); lane++)
        {
          double top;
          double height;
          double spare;

          dm_scene_get_lane_extent (&scene, lane, &top, &height);
          spare = height - dm_layout_get_lane_rows (scene.layout, lane) * scene.row_height;
          /* Rows in the middle of a lane would start between two pixels. */
          if (fmod (top + spare / 2, 1) != 0)
            odd++;
          for (guint row = 0; row < dm_layout_get_lane_rows (scene.layout, lane); row++)
            {
              double y = dm_scene_get_row_y (&scene, lane, row);

              g_assert_cmpfloat (y, ==, floor (y));
            }
        }

      /* The frame after the first at a zoom keeps images of its items. */
      cairo_surface_destroy (render (&scene));
      g_assert_cmpuint (scene.images_made, >, 0);
      dm_scene_clear (&scene);
    }
  /* Some of those lanes had an odd pixel to spare. */
  g_assert_cmpuint (odd, >, 0);
  g_object_unref (pango);
}

/* Collects the full-width rectangles the lanes are told as. */
static void
collect_rect (gpointer       data,
              const DmColor *color,
              double         alpha,
              double         x,
              double         y,
              double         width,
              double         height)
{
  GArray *rects = data;
  double rect[6] = { color->red, alpha, x, y, width, height };

  if (x == 0 && width == WIDTH)
    g_array_append_vals (rects, rect, 6);
}

static void
ignore_end (gpointer data,
            cairo_t *cr)
{
  cairo_destroy (cr);
}

static void
ignore_clip (gpointer data,
             double   x,
             double   y,
             double   width,
             double   height)
{
}

static void
ignore_pop (gpointer data)
{
}

static cairo_t *
scratch_piece (gpointer data,
               double   x,
               double   y,
               double   width,
               double   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}


/* Over an opaque background, or a transparent one over opaque paper (the
 * view, over the window's), the lanes' shading is told as an opaque fill
 * of the colour the translucent one makes there; over what is not known
 * (a handout's transparent page) it stays translucent. Either way the
 * picture is the same, to within rounding, in each style. */
static void
test_lane_shading (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 300, 4);
  PangoContext *pango = create_pango ();
  const DmSceneSink sink = {
    .rect = collect_rect, .begin = scratch_piece, .end = ignore_end,
    .push_clip = ignore_clip, .pop_clip = ignore_pop,
  };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint how = 0; how < 3; how++)
      {
        /* 0: opaque background; 1: transparent, over opaque paper;
         * 2: transparent over nothing known */
        g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (double));
        DmColor shade = dm_color_over (&styles[s].foreground, 0.035, &styles[s].paper);
        cairo_surface_t *told;
        cairo_surface_t *translucent;
        DmScene scene;
        double start;
        double end;
        guint shaded = 0;
        const guchar *a;
        const guchar *b;
        int worst = 0;
        int stride;

        setup_scene (&scene, dataset, pango, 1, FALSE);
        scene.foreground = styles[s].foreground;
        scene.background = how == 0 ? styles[s].paper : (DmColor) { 0, 0, 0, 0 };
        scene.paper = how == 1 ? styles[s].paper : (DmColor) { 0, 0, 0, 0 };
        dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
        dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
        dm_scene_describe_lanes (&scene, &sink, rects);

        for (guint i = 0; i < rects->len; i += 6)
          {
            double red = g_array_index (rects, double, i);
            double alpha = g_array_index (rects, double, i + 1);
            double height = g_array_index (rects, double, i + 5);

            /* The background itself (how 0) is the whole scene's height. */
            if (height == HEIGHT)
              continue;
            shaded++;
            if (how < 2)
              {
                g_assert_cmpfloat (alpha, ==, 1);
                g_assert_cmpfloat_with_epsilon (red, shade.red, 1e-9);
              }
            else
              {
                g_assert_cmpfloat (alpha, ==, 0.035);
                g_assert_cmpfloat (red, ==, styles[s].foreground.red);
              }
          }
        /* Four lanes: the second and the fourth are shaded. */
        g_assert_cmpuint (shaded, ==, 2);

        if (how == 2)
          {
            dm_scene_clear (&scene);
            continue;
          }

        /* The same picture as the shading blended over the paper. */
        told = render_on (&scene, &styles[s].paper);
        dm_scene_clear (&scene);
        setup_scene (&scene, dataset, pango, 1, FALSE);
        scene.foreground = styles[s].foreground;
        scene.paper = styles[s].paper;
        scene.paper.alpha = 0.999;
        dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
        translucent = render_on (&scene, &styles[s].paper);
        a = cairo_image_surface_get_data (told);
        b = cairo_image_surface_get_data (translucent);
        stride = cairo_image_surface_get_stride (told);
        for (int y = 0; y < HEIGHT; y++)
          for (int x = 0; x < WIDTH * 4; x++)
            worst = MAX (worst, ABS ((int) a[y * stride + x] - (int) b[y * stride + x]));
        g_assert_cmpint (worst, <=, 1);
        cairo_surface_destroy (told);
        cairo_surface_destroy (translucent);
        dm_scene_clear (&scene);
      }
  g_object_unref (pango);
}

/* A dashed bar far wider than what is drawn of it is dashed only where
 * it shows (dashed_edge() in dm-scene.c), from a whole dash: the dashes
 * are where they are whatever is left out. The scene is drawn whole, and
 * again with its left part clipped away by various amounts (whole and
 * fractional pixels, a dash's length and not): what shows must not move. */
static void
test_dashes_in_view (void)
{
  g_autoptr(DmDataset) dataset = dm_dataset_new ();
  PangoContext *pango = create_pango ();
  static const double cuts[] = { 1, 2.5, 3, 5, 7, 333.3, 640, 1001 };
  DmEvent *event = point_event ("inferred", "2016-01-01", DM_BOUND_EXACT);
  const DmColor white = { 1, 1, 1, 1 };
  cairo_surface_t *whole;
  DmScene scene;

  g_assert_true (dm_date_parse ("2022-12-31", &event->end, NULL));
  event->certainty = DM_CERTAINTY_INFERRED;
  dm_test_add_kinds (dataset, 1);
  dm_dataset_add_event (dataset, event);
  dm_dataset_finish (dataset);

  setup_scene (&scene, dataset, pango, 1, FALSE);
  /* Two months across the view, in the middle of seven years' bar. */
  dm_time_scale_fit (&scene.scale, event->axis_start + 1000, event->axis_start + 1060,
                     dm_scene_get_time_width (&scene), 0);
  whole = render_on (&scene, &white);

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      cairo_surface_t *cut = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (cut);
      const guchar *a = cairo_image_surface_get_data (whole);
      const guchar *b;
      int stride = cairo_image_surface_get_stride (cut);
      int from = (int) ceil (scene.header_width + cuts[i]);
      int dashes = 0;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_rectangle (cr, from, 0, WIDTH - from, HEIGHT);
      cairo_clip (cr);
      dm_scene_invalidate (&scene);
      dm_scene_draw (&scene, cr);
      cairo_destroy (cr);
      cairo_surface_flush (cut);
      b = cairo_image_surface_get_data (cut);

      for (int y = 0; y < HEIGHT; y++)
        for (int x = from; x < WIDTH; x++)
          for (int c = 0; c < 4; c++)
            g_assert_cmpint (ABS (a[y * stride + x * 4 + c] - b[y * stride + x * 4 + c]), <=, 1);

      /* And there are dashes to see: the bar's top edge, light and dark
       * along it. */
      for (int x = from + 1; x < WIDTH; x++)
        {
          double top = dm_scene_get_row_y (&scene, 0, 0);
          const guchar *p = b + (int) top * stride;

          dashes += (p[x * 4] < 120) != (p[(x - 1) * 4] < 120);
        }
      /* A dash begins and ends every 5 pixels. */
      g_assert_cmpint (dashes, >=, (WIDTH - from) * 2 / 5 - 2);
      cairo_surface_destroy (cut);
    }
  cairo_surface_destroy (whole);
  dm_scene_clear (&scene);
  g_object_unref (pango);
}

/* A new zoom, new colours or new fonts throw the images away: nothing
 * drawn with the old ones is copied. */
static void
test_cache_invalidation (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 2000, 3);
  PangoContext *pango = create_pango ();
  double start;
  double end;
  DmScene scene;
  guint made;
  guint reused;
  guint texts = 0;
  cairo_surface_t *surface;

  setup_scene (&scene, dataset, pango, 1, TRUE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);

  /* The first frame at a zoom draws; the next ones keep images, a few
   * at a time, until every item has one; then they are only copied. */
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (scene.images_made, ==, 0);
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (scene.images_made, >, 0);
  do
    {
      made = scene.images_made;
      cairo_surface_destroy (render (&scene));
    }
  while (scene.images_made > made);
  g_assert_cmpuint (g_hash_table_size (scene.item_images), ==, made);
  g_assert_cmpuint (made, ==, dm_layout_get_n_items (scene.layout));
  reused = scene.images_reused;
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (scene.images_made, ==, made);
  g_assert_cmpuint (scene.images_reused, ==, reused + made);

  /* Another colour: everything goes, and that frame draws. */
  scene.foreground = (DmColor) { 1, 0, 0, 1 };
  surface = render (&scene);
  g_assert_cmpuint (g_hash_table_size (scene.item_images), ==, 0);
  cairo_surface_destroy (surface);

  /* Another zoom, the same. */
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (g_hash_table_size (scene.item_images), >, 0);
  scene.scale.days_per_px /= 2;
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (g_hash_table_size (scene.item_images), ==, 0);

  /* Other fonts (the view resets the labels then). */
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (g_hash_table_size (scene.item_images), >, 0);
  dm_scene_reset_labels (&scene);
  g_assert_cmpuint (g_hash_table_size (scene.item_images), ==, 0);

  /* Exports that hear of each text drawn never copy images: the copy
   * would not tell them of its text. */
  scene.text_func = count_text;
  scene.text_data = &texts;
  made = scene.images_made;
  cairo_surface_destroy (render (&scene));
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (scene.images_made, ==, made);
  g_assert_cmpuint (texts, >, 0);

  dm_scene_clear (&scene);
  g_object_unref (pango);
}

/* Labels laid out are kept from frame to frame (a zoom step draws every
 * item again), but never outlive the fonts they were laid out in: given
 * another Pango context (the view's, when it moves to another window),
 * the scene that kept them draws what a new scene draws. */
static void
test_texts_follow_fonts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 300, 3);
  PangoContext *pango = create_pango ();
  PangoContext *larger = create_pango ();
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 15");
  cairo_surface_t *kept;
  cairo_surface_t *fresh;
  double start;
  double end;
  guint laid_out;
  DmScene scene;
  DmScene other;

  setup_scene (&scene, dataset, pango, 1, FALSE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
  cairo_surface_destroy (render (&scene));
  laid_out = g_hash_table_size (scene.texts);
  g_assert_cmpuint (laid_out, >, 10);

  /* The next frame lays out nothing new. */
  cairo_surface_destroy (render (&scene));
  g_assert_cmpuint (g_hash_table_size (scene.texts), ==, laid_out);

  /* Larger text, in another context, as the view hears of it. */
  pango_context_set_font_description (larger, font);
  scene.pango = larger;
  dm_scene_reset_labels (&scene);
  kept = render (&scene);
  setup_scene (&other, dataset, larger, 1, FALSE);
  other.scale = scene.scale;
  fresh = render (&other);
  assert_same_picture (kept, fresh, "larger-text");

  cairo_surface_destroy (kept);
  cairo_surface_destroy (fresh);
  dm_scene_clear (&scene);
  dm_scene_clear (&other);
  g_object_unref (larger);
  g_object_unref (pango);
}

static guint
count_measured (const DmScene *scene)
{
  guint n = 0;

  for (guint i = 0; i < scene->label_widths->len; i++)
    n += g_array_index (scene->label_widths, float, i) >= 0;
  return n;
}

/* Labels measured ahead, in idle time (dm_scene_measure_ahead()): the
 * nearest the view first, a little at a time, as far each side as the
 * view spans, never a hidden event's, each as wide as the layout
 * measures it, none when the view holds thousands; the layouts that
 * follow are the same as those of a scene that measured only as it
 * went. */
static void
test_measure_ahead (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(DmDataset) dataset = dm_test_random_dataset (rand, 3000, 3);
  guint n = dm_dataset_get_n_events (dataset);
  g_autofree guint8 *visible = g_new (guint8, n);
  PangoContext *pango = create_pango ();
  double start;
  double end;
  guint around;
  guint before;
  guint represented = 0;
  guint each_side;
  gint64 expected = -1;
  DmScene ahead;
  DmScene lazy;

  for (guint i = 0; i < n; i++)
    visible[i] = i % 7 != 3;
  setup_scene (&ahead, dataset, pango, 1, FALSE);
  setup_scene (&lazy, dataset, pango, 1, FALSE);
  /* As a timeline too large to measure whole (below). */
  ahead.measure_all = lazy.measure_all = 0;
  ahead.visible = lazy.visible = visible;
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&ahead.scale, start, end, dm_scene_get_time_width (&ahead), 24);
  ahead.scale.days_per_px /= 40;
  ahead.scale.origin = (start + end) / 2;
  lazy.scale = ahead.scale;
  dm_scene_ensure_layout (&ahead);
  dm_scene_ensure_layout (&lazy);
  before = count_measured (&ahead);
  g_assert_cmpuint (before, >, 0);
  g_assert_cmpuint (before, <, n / 4);

  /* No time given: one label, the nearest not measured, both ways in
   * turn from the event in the middle of the layout. */
  around = dm_layout_get_item (ahead.layout, dm_layout_get_n_items (ahead.layout) / 2)->position;
  for (guint step = 0; expected < 0; step++)
    {
      gint64 position = step % 2 == 0 ? (gint64) around + step / 2 : (gint64) around - 1 - step / 2;

      if (position >= 0 && position < n && visible[position] &&
          g_array_index (ahead.label_widths, float, position) < 0)
        expected = position;
    }
  g_assert_true (dm_scene_measure_ahead (&ahead, 0));
  g_assert_cmpuint (count_measured (&ahead), ==, before + 1);
  g_assert_cmpfloat (g_array_index (ahead.label_widths, float, expected), >, 0);

  /* Then every visible one as far each side as the layout holds events,
   * no hidden one, none farther; the scene given more time says there
   * is no more. */
  for (guint i = 0; i < dm_layout_get_n_items (ahead.layout); i++)
    represented += dm_layout_get_item (ahead.layout, i)->count;
  each_side = MAX (represented, 64);
  g_assert_cmpuint (each_side, <, n / 4);
  while (dm_scene_measure_ahead (&ahead, 2000))
    ;
  for (guint i = 0; i < n; i++)
    {
      gboolean near = (gint64) i >= (gint64) around - each_side && i < around + each_side;

      g_assert_cmpint (g_array_index (ahead.label_widths, float, i) >= 0, ==,
                       (near && visible[i]) || g_array_index (lazy.label_widths, float, i) >= 0);
    }
  g_assert_false (dm_scene_measure_ahead (&ahead, 2000));

  /* Out to the whole span: the same layout, measured ahead or not. */
  ahead.scale.days_per_px *= 40;
  lazy.scale = ahead.scale;
  dm_scene_invalidate (&ahead);
  dm_scene_invalidate (&lazy);
  dm_scene_ensure_layout (&ahead);
  dm_scene_ensure_layout (&lazy);
  g_assert_cmpuint (dm_layout_get_n_items (ahead.layout), ==, dm_layout_get_n_items (lazy.layout));
  for (guint i = 0; i < dm_layout_get_n_items (ahead.layout); i++)
    {
      const DmLayoutItem *a = dm_layout_get_item (ahead.layout, i);
      const DmLayoutItem *b = dm_layout_get_item (lazy.layout, i);

      g_assert_cmpint (a->type, ==, b->type);
      g_assert_cmpuint (a->position, ==, b->position);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpuint (a->lane, ==, b->lane);
      g_assert_cmpuint (a->row, ==, b->row);
      g_assert_cmpfloat (a->x0, ==, b->x0);
      g_assert_cmpfloat (a->x1, ==, b->x1);
      g_assert_cmpfloat (a->label_x, ==, b->label_x);
      g_assert_cmpfloat (a->label_width, ==, b->label_width);
      g_assert_cmpuint (a->label_lines, ==, b->label_lines);
    }
  for (guint i = 0; i < n; i++)
    if (g_array_index (lazy.label_widths, float, i) >= 0)
      g_assert_cmpfloat (g_array_index (lazy.label_widths, float, i), ==, g_array_index (ahead.label_widths, float, i));

  /* Laid out, all 3000, more than 2000: mostly clusters, and nothing is
   * measured ahead. */
  before = count_measured (&lazy);
  g_assert_false (dm_scene_measure_ahead (&lazy, 2000));
  g_assert_cmpuint (count_measured (&lazy), ==, before);

  /* A timeline of up to measure_all events (the default, 20 000, above
   * these 3000) is measured whole, whatever the layout holds, the
   * nearest first: after a first slice the nearest unmeasured visible
   * events each side are measured, then every visible one, no hidden
   * one, and the layout is the same. */
  lazy.measure_all = DM_SCENE_MEASURE_ALL;
  before = count_measured (&lazy);
  g_assert_cmpuint (before, <, n / 2);
  around = dm_layout_get_item (lazy.layout, dm_layout_get_n_items (lazy.layout) / 2)->position;
  g_assert_true (dm_scene_measure_ahead (&lazy, 0));
  g_assert_cmpuint (count_measured (&lazy), ==, before + 1);
  while (dm_scene_measure_ahead (&lazy, 2000))
    ;
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (lazy.label_widths, float, i) >= 0, ==, visible[i]);
  g_assert_false (dm_scene_measure_ahead (&lazy, 2000));
  dm_scene_invalidate (&lazy);
  dm_scene_ensure_layout (&lazy);
  dm_scene_invalidate (&ahead);
  dm_scene_ensure_layout (&ahead);
  g_assert_cmpuint (dm_layout_get_n_items (ahead.layout), ==, dm_layout_get_n_items (lazy.layout));
  for (guint i = 0; i < dm_layout_get_n_items (ahead.layout); i++)
    {
      g_assert_cmpuint (dm_layout_get_item (ahead.layout, i)->position, ==, dm_layout_get_item (lazy.layout, i)->position);
      g_assert_cmpfloat (dm_layout_get_item (ahead.layout, i)->label_width, ==, dm_layout_get_item (lazy.layout, i)->label_width);
    }
  g_test_message ("measured from event %u out", around);

  dm_scene_clear (&ahead);
  dm_scene_clear (&lazy);
  g_object_unref (pango);
}

/* The kind glyphs come with the render library (this test links no UI):
 * every glyph the bundled dataset names is there, and is drawn in its
 * lane's header. */
static void
test_glyphs (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  DmScene scene;
  cairo_surface_t *surface;
  const guchar *data;
  int stride;

  g_assert_true (dm_scene_has_glyph ("generic"));
  g_assert_false (dm_scene_has_glyph ("no-such-glyph"));

  setup_scene (&scene, dataset, pango, 1, FALSE);
  surface = render (&scene);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpuint (dm_dataset_get_n_kinds (dataset), >, 0);
  for (guint lane = 0; lane < dm_dataset_get_n_kinds (dataset); lane++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, lane);
      double lane_top;
      double lane_height;
      int top;
      guint inked = 0;

      g_assert_nonnull (kind->icon);
      g_assert_true (dm_scene_has_glyph (kind->icon));

      /* The column the glyph is drawn in, between the lane's colour bar
       * and its name, holds ink, not paper, within the lane. */
      dm_scene_get_lane_extent (&scene, lane, &lane_top, &lane_height);
      top = (int) ceil (lane_top);
      for (int y = top; y < (int) (lane_top + lane_height) && y < HEIGHT; y++)
        for (int x = 12; x < 28; x++)
          {
            const guchar *pixel = data + y * stride + x * 4;

            /* ARGB32 in native order: any of the colour bytes not white. */
            if (pixel[0] != 0xff || pixel[1] != 0xff || pixel[2] != 0xff || pixel[3] != 0xff)
              inked++;
          }
      g_test_message ("%s: %u pixels inked", kind->icon, inked);
      g_assert_cmpuint (inked, >=, 16);
    }

  cairo_surface_destroy (surface);
  dm_scene_clear (&scene);
  g_object_unref (pango);
}

static void
collect_text_cb (const char *text,
                 double      x,
                 double      y,
                 double      size,
                 gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (text));
}

/* Axis rows name what is in view: over a view that starts in mid-2015,
 * with the years named below, no decade label "2010" above them. A
 * label the right edge would cut is left out. */
static void
test_axis_in_view (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *pango = pango_font_map_create_context (font_map);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  DmScene scene;

  setup_scene (&scene, dataset, pango, 1, FALSE);
  scene.text_func = collect_text_cb;
  scene.text_data = texts;
  dm_time_scale_fit (&scene.scale, dm_date_days_from_civil (2015, 7, 1), dm_date_days_from_civil (2023, 3, 1),
                     dm_scene_get_time_width (&scene), 0);
  dm_scene_draw (&scene, cr);

  g_assert_true (g_ptr_array_find_with_equal_func (texts, "2016", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "2020", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (texts, "2010", g_str_equal, NULL));
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      /* A year cut short: digits and an ellipsis. */
      if (g_ascii_isdigit (text[0]) && g_str_has_suffix (text, "…") && strlen (text) <= 4 + strlen ("…"))
        g_error ("an axis label is cut: “%s”", text);
    }

  dm_scene_clear (&scene);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef struct
{
  const char *title;
  double      x;       /* where the title was drawn, or -1 */
  char       *shown;
} FindText;

static void
find_text_cb (const char *text,
              double      x,
              double      y,
              double      size,
              gpointer    user_data)
{
  FindText *find = user_data;
  gsize n = strlen (text) >= strlen ("…") ? strlen (text) - strlen ("…") : 0;

  /* The title, or its start before an ellipsis. */
  if (g_str_equal (text, find->title) ||
      (g_str_has_suffix (text, "…") && n > 0 && strncmp (text, find->title, n) == 0))
    {
      find->x = x;
      g_free (find->shown);
      find->shown = g_strdup (text);
    }
}

/* Panning on, a label whose marker left the view stays at the view's left
 * edge and shows its start, cut at its end: never “t Resolution 78”. */
static void
test_label_anchored (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  FindText find = { NULL, -1, NULL };
  const DmLayoutItem *item = NULL;
  double start;
  double end;
  double shift;
  DmScene scene;

  setup_scene (&scene, dataset, pango, 1, FALSE);
  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&scene.scale, start, end, dm_scene_get_time_width (&scene), 24);
  dm_scene_ensure_layout (&scene);

  /* A marker with its label on its right. */
  for (guint i = 0; i < dm_layout_get_n_items (scene.layout) && item == NULL; i++)
    {
      const DmLayoutItem *candidate = dm_layout_get_item (scene.layout, i);

      if (candidate->type == DM_LAYOUT_EVENT && !candidate->label_inside && candidate->label_lines == 1 &&
          candidate->label_x > candidate->x1 && candidate->label_width > 200 &&
          candidate->x1 - candidate->x0 <= scene.metrics.marker_size + 1)
        item = candidate;
    }
  g_assert_nonnull (item);
  find.title = dm_dataset_get_event (dataset, item->position)->title.en;

  /* Pan until its marker and a third of its label are left of the view. */
  shift = item->label_x - scene.layout_offset + MIN (item->label_width / 3, 120);
  scene.scale.origin += shift * scene.scale.days_per_px;
  dm_scene_invalidate (&scene);
  scene.text_func = find_text_cb;
  scene.text_data = &find;
  dm_scene_draw (&scene, cr);

  g_assert_cmpfloat (find.x, >=, scene.header_width);
  g_assert_cmpfloat (find.x, <=, scene.header_width + 4);
  g_assert_nonnull (find.shown);
  g_assert_cmpint (strncmp (find.shown, find.title, 8), ==, 0);

  g_free (find.shown);
  dm_scene_clear (&scene);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Every kind's marks stand out 3:1 from what they are drawn on (WCAG's
 * contrast for graphics), in libadwaita's light, dark and high contrast
 * windows: their outlines, the clusters' included, and the lighter
 * outline of an open-ended date. A colour that already does is kept as
 * the dataset gives it. */
static void
test_contrast (void)
{
  static const char * const colors[] = { "#f6d32d", "#865e3c", "#ffffff", "#000000", "#1e1e1e", "#33d17a", NULL };
  g_autoptr(DmDataset) bundled = dm_test_load_bundled ();
  g_autoptr(DmDataset) hard = dm_dataset_new ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      DmKind *kind = dm_kind_new ();

      kind->id = g_strdup_printf ("k%u", i);
      kind->color = g_strdup (colors[i]);
      dm_text_set (&kind->label, NULL, kind->id);
      dm_dataset_add_kind (hard, kind);
    }
  dm_dataset_finish (hard);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint d = 0; d < 2; d++)
      {
        DmDataset *dataset = d == 0 ? bundled : hard;
        DmScene scene;

        dm_scene_init (&scene);
        scene.dataset = dataset;
        scene.paper = styles[s].paper;
        scene.foreground = styles[s].foreground;
        for (guint lane = 0; lane <= dm_dataset_get_n_kinds (dataset); lane++)
          {
            DmColor color;
            DmColor outline;
            DmColor open;
            double open_alpha;

            /* The lane past the kinds: events of no kind, in the text colour. */
            dm_scene_get_kind_color (&scene, lane, &color);
            outline = dm_color_over (&color, DM_SCENE_OUTLINE_ALPHA, &styles[s].paper);
            open_alpha = dm_scene_get_open_alpha (&scene, &color);
            open = dm_color_over (&color, open_alpha, &styles[s].paper);
            g_test_message ("%s, lane %u: outline %.2f:1, open-ended %.2f:1 at %.2f", styles[s].name, lane,
                            dm_color_contrast (&outline, &styles[s].paper),
                            dm_color_contrast (&open, &styles[s].paper), open_alpha);
            g_assert_cmpfloat (dm_color_contrast (&outline, &styles[s].paper), >=, 3.0);
            g_assert_cmpfloat (dm_color_contrast (&open, &styles[s].paper), >=, 3.0);
            g_assert_cmpfloat (open_alpha, <=, 1.0);
          }
        dm_scene_clear (&scene);
      }

  /* The bundled blue stands out on light paper as it is: not touched. */
  {
    DmScene scene;
    DmColor color;

    dm_scene_init (&scene);
    scene.dataset = bundled;
    scene.paper = styles[0].paper;
    dm_scene_get_kind_color (&scene, 0, &color);
    g_assert_cmpstr (dm_dataset_get_kind (bundled, 0)->color, ==, "#1c71d8");
    g_assert_cmpfloat_with_epsilon (color.red, 0x1c / 255.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (color.blue, 0xd8 / 255.0, 1e-9);
    dm_scene_clear (&scene);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { 3000, 1 },
    { 20000, 1 },
    { 3000, 2 },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scene/cache/matches-direct/%u/x%g", cases[i].n_events, cases[i].device_scale);
      g_test_add_data_func (path, &cases[i], test_cache_matches_direct);
    }
  g_test_add_func ("/scene/cache/invalidation", test_cache_invalidation);
  g_test_add_func ("/scene/cache/texts-follow-fonts", test_texts_follow_fonts);
  g_test_add_func ("/scene/measure-ahead", test_measure_ahead);
  g_test_add_func ("/scene/glyphs", test_glyphs);
  g_test_add_func ("/scene/contrast", test_contrast);
  g_test_add_func ("/scene/lane-shading", test_lane_shading);
  g_test_add_func ("/scene/dashes-in-view", test_dashes_in_view);
  g_test_add_func ("/scene/layout/stays-while-panning", test_layout_stays_while_panning);
  g_test_add_func ("/scene/open-ended", test_open_ended);
  g_test_add_func ("/scene/axis-in-view", test_axis_in_view);
  g_test_add_func ("/scene/label-anchored", test_label_anchored);
  g_test_add_func ("/scene/rows-on-whole-pixels", test_rows_on_whole_pixels);

  return g_test_run ();
}
