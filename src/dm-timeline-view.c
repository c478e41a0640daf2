/* dm-timeline-view.c
 *
 * The view is one widget drawing one cairo scene: the axis, the lanes and
 * the items of a DmLayout, which holds only what is in view. Zoom and pan
 * are a DmTimeScale animated on the frame clock. Input comes through event
 * controllers and actions, so keys, menus and tests reach the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <librsvg/rsvg.h>

#include "dm-layout.h"
#include "dm-timeline-view.h"

#define AXIS_HEIGHT    52.0
#define HEADER_WIDTH   176.0
#define ROW_HEIGHT     26.0
#define LANE_PADDING   8.0
#define MIN_ROWS       2      /* one row of events and the cluster row */
#define MAX_ROWS       8
#define MIN_TICK_SPACE 72.0
#define ANIMATION_USEC (250 * 1000)

struct _DmTimelineView
{
  GtkWidget        parent_instance;

  DmDataset       *dataset;
  DmLanguage       language;
  int              selected;
  guint8          *visible;       /* per event, or NULL: all */
  guint8          *matches;       /* per event, or NULL: no search */
  guint            n_flags;

  DmTimeScale      scale;
  gboolean         scale_set;     /* fitted once the widget has a width */
  DmLayout        *layout;
  gboolean         layout_valid;
  GArray          *label_widths;  /* float per event, < 0: not measured */
  DmLayoutMetrics  metrics;

  /* Animation from one scale to another */
  guint            tick_id;
  gint64           animation_start;
  DmTimeScale      from;
  DmTimeScale      to;

  /* Panning by drag */
  double           drag_origin;

  double           hover_x;
  double           hover_y;
};

G_DEFINE_FINAL_TYPE (DmTimelineView, dm_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LANGUAGE,
  PROP_SELECTED,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  RANGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Geometry */

static double
timeline_width (DmTimelineView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - HEADER_WIDTH, 1);
}

static guint
n_lanes (DmTimelineView *self)
{
  return self->dataset ? MAX (dm_dataset_get_n_kinds (self->dataset), 1) : 0;
}

/* Lanes share the height: the axis stays in view and each lane gets as
 * many rows as fit, which the layout then fills. */
static guint
rows_per_lane (DmTimelineView *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT;
  guint lanes = MAX (n_lanes (self), 1);
  int rows = (int) floor ((height / lanes - LANE_PADDING) / ROW_HEIGHT);

  return CLAMP (rows, MIN_ROWS, MAX_ROWS);
}

static double
lane_height (DmTimelineView *self)
{
  return (self->metrics.max_rows + 1) * ROW_HEIGHT + LANE_PADDING;
}

static double
row_y (DmTimelineView *self,
       guint           lane,
       guint           row)
{
  return AXIS_HEIGHT + lane * lane_height (self) + LANE_PADDING / 2 + row * ROW_HEIGHT;
}

/* The bounds of zoom: a minute across 40 pixels, and four times the whole
 * dataset (or a century) across the view. */
static void
zoom_limits (DmTimelineView *self,
             double         *min_dpp,
             double         *max_dpp)
{
  double start = 0;
  double end = 36525;

  if (self->dataset != NULL)
    dm_dataset_get_span (self->dataset, NULL, NULL, &start, &end);

  *min_dpp = 1.0 / 1440 / 40;
  *max_dpp = MAX (4 * (end - start), 36525) / timeline_width (self);
}

static void
invalidate_layout (DmTimelineView *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Labels */

static PangoLayout *
create_layout (DmTimelineView *self,
               const char     *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  /* Dataset text is text, never markup. */
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static const char *
event_label (DmTimelineView *self,
             guint           position)
{
  return dm_text_get (&dm_dataset_get_event (self->dataset, position)->title, self->language);
}

static double
measure_label (guint    position,
               gpointer user_data)
{
  DmTimelineView *self = user_data;
  float *width = &g_array_index (self->label_widths, float, position);

  if (*width < 0)
    {
      g_autoptr(PangoLayout) layout = create_layout (self, event_label (self, position));
      int w;

      pango_layout_set_width (layout, 320 * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &w, NULL);
      *width = (float) w;
    }

  return *width;
}

static void
reset_label_widths (DmTimelineView *self)
{
  guint n = self->dataset ? dm_dataset_get_n_events (self->dataset) : 0;

  g_array_set_size (self->label_widths, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->label_widths, float, i) = -1;
  invalidate_layout (self);
}

static void
ensure_layout (DmTimelineView *self)
{
  if (self->layout_valid || self->dataset == NULL)
    return;

  dm_layout_compute (self->layout, self->dataset, self->visible, &self->scale,
                     timeline_width (self), &self->metrics, measure_label, self);
  self->layout_valid = TRUE;
}

/* Scale and animation */

static void
set_scale (DmTimelineView    *self,
           const DmTimeScale *scale)
{
  double min_dpp;
  double max_dpp;

  zoom_limits (self, &min_dpp, &max_dpp);
  self->scale = *scale;
  self->scale.days_per_px = CLAMP (self->scale.days_per_px, min_dpp, max_dpp);
  invalidate_layout (self);
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

static gboolean
animation_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  double t = (double) (gdk_frame_clock_get_frame_time (frame_clock) - self->animation_start) / ANIMATION_USEC;
  double eased;
  DmTimeScale scale;

  t = CLAMP (t, 0, 1);
  eased = 1 - pow (1 - t, 3);

  /* Interpolate the zoom geometrically and the edges linearly in time, so
   * that a flight between far-apart ranges neither crawls nor jumps. */
  scale.days_per_px = exp (log (self->from.days_per_px) + eased * (log (self->to.days_per_px) - log (self->from.days_per_px)));
  {
    double w = timeline_width (self);
    double from_center = self->from.origin + w / 2 * self->from.days_per_px;
    double to_center = self->to.origin + w / 2 * self->to.days_per_px;
    double center = from_center + eased * (to_center - from_center);

    scale.origin = center - w / 2 * scale.days_per_px;
  }
  set_scale (self, t >= 1 ? &self->to : &scale);

  if (t >= 1)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
stop_animation (DmTimelineView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
animate_to (DmTimelineView    *self,
            const DmTimeScale *target,
            gboolean           animate)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  gboolean enabled = TRUE;
  double min_dpp;
  double max_dpp;

  g_object_get (settings, "gtk-enable-animations", &enabled, NULL);
  stop_animation (self);

  zoom_limits (self, &min_dpp, &max_dpp);
  self->to = *target;
  self->to.days_per_px = CLAMP (self->to.days_per_px, min_dpp, max_dpp);

  if (!animate || !enabled || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_scale (self, &self->to);
      return;
    }

  self->from = self->scale;
  self->animation_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

static void
zoom_around (DmTimelineView *self,
             double          x,
             double          factor,
             gboolean        animate)
{
  DmTimeScale target = self->tick_id ? self->to : self->scale;
  double min_dpp;
  double max_dpp;

  zoom_limits (self, &min_dpp, &max_dpp);
  dm_time_scale_zoom_at (&target, x, factor, min_dpp, max_dpp);
  animate_to (self, &target, animate);
}

static void
pan_by (DmTimelineView *self,
        double          dx,
        gboolean        animate)
{
  DmTimeScale target = self->tick_id ? self->to : self->scale;

  target.origin += dx * target.days_per_px;
  animate_to (self, &target, animate);
}

/* Keeps the selected event in view, moving as little as needed. */
static void
reveal_event (DmTimelineView *self,
              guint           position)
{
  const DmEvent *event = dm_dataset_get_event (self->dataset, position);
  double w = timeline_width (self);
  double margin = 0.1 * w;
  DmTimeScale target = self->tick_id ? self->to : self->scale;
  double x0 = dm_time_scale_axis_to_x (&target, event->axis_start);
  double x1 = dm_time_scale_axis_to_x (&target, event->axis_end);

  if (x0 >= margin && x0 <= w - margin)
    return;

  if (x1 - x0 > w - 2 * margin)
    target.origin = event->axis_start - margin * target.days_per_px;
  else
    target.origin = (event->axis_start + event->axis_end) / 2 - w / 2 * target.days_per_px;
  animate_to (self, &target, TRUE);
}

/* Drawing */

static void
get_foreground (DmTimelineView *self,
                GdkRGBA        *color)
{
  /* GTK 4.8 has no gtk_widget_get_color(); the style context is how a
   * widget reads its CSS colour there (replace when the floor moves). */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
}

static void
get_accent (DmTimelineView *self,
            GdkRGBA        *color)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", color))
    get_foreground (self, color);
}

static void
kind_color (DmTimelineView *self,
            guint           lane,
            const GdkRGBA  *fallback,
            GdkRGBA        *color)
{
  const DmKind *kind = lane < dm_dataset_get_n_kinds (self->dataset) ? dm_dataset_get_kind (self->dataset, lane) : NULL;

  if (kind == NULL || kind->color == NULL || !gdk_rgba_parse (color, kind->color))
    *color = *fallback;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_text (DmTimelineView *self,
           cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          max_width,
           const GdkRGBA  *color,
           double          alpha)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_glyph (cairo_t       *cr,
            const char    *icon,
            double         x,
            double         y,
            double         size,
            const GdkRGBA *color)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/icons/kinds/%s.svg", icon ? icon : "generic");
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  RsvgHandle *handle;
  cairo_surface_t *mask;
  RsvgRectangle viewport = { 0, 0, size, size };
  cairo_t *mask_cr;

  if (bytes == NULL)
    bytes = g_resources_lookup_data (RESOURCE_PREFIX "/icons/kinds/generic.svg", 0, NULL);
  if (bytes == NULL)
    return;

  handle = rsvg_handle_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  if (handle == NULL)
    return;

  /* The glyph is a mask, painted in the kind's colour: crisp at any scale
   * and in any theme. */
  mask = cairo_surface_create_similar (cairo_get_target (cr), CAIRO_CONTENT_ALPHA, (int) ceil (size), (int) ceil (size));
  mask_cr = cairo_create (mask);
  rsvg_handle_render_document (handle, mask_cr, &viewport, NULL);
  cairo_destroy (mask_cr);
  g_object_unref (handle);

  set_color (cr, color, 1);
  cairo_mask_surface (cr, mask, x, y);
  cairo_surface_destroy (mask);
}

static void
draw_axis (DmTimelineView *self,
           cairo_t        *cr,
           double          width,
           double          height,
           const GdkRGBA  *fg)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));
  g_autoptr(GArray) coarse_ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));
  const DmTickLevel *level = dm_tick_level_for_scale (self->scale.days_per_px, MIN_TICK_SPACE);
  const DmTickLevel *coarse = dm_tick_level_get_coarser (level);
  double a = dm_time_scale_x_to_axis (&self->scale, 0);
  double b = dm_time_scale_x_to_axis (&self->scale, width);

  /* The coarse row: the period at the left edge is always named. */
  dm_tick_level_get_ticks (coarse, a - coarse->days * 1.5, b, coarse_ticks);
  for (guint i = 0; i < coarse_ticks->len; i++)
    {
      const DmTick *tick = &g_array_index (coarse_ticks, DmTick, i);
      const DmTick *next = i + 1 < coarse_ticks->len ? &g_array_index (coarse_ticks, DmTick, i + 1) : NULL;
      double x = dm_time_scale_axis_to_x (&self->scale, tick->axis);
      double next_x = next ? dm_time_scale_axis_to_x (&self->scale, next->axis) : width;
      g_autofree char *label = NULL;
      double label_x = MAX (x, 0) + 6;

      if (next_x < 0)
        continue;

      set_color (cr, fg, 0.25);
      cairo_rectangle (cr, x, 0, 1, height);
      cairo_fill (cr);

      if (next_x - label_x < 24)
        continue;
      label = dm_tick_format (tick, coarse, TRUE, self->language);
      draw_text (self, cr, label, label_x, 4, next_x - label_x - 6, fg, 0.9);
    }

  dm_tick_level_get_ticks (level, a, b, ticks);
  for (guint i = 0; i < ticks->len; i++)
    {
      const DmTick *tick = &g_array_index (ticks, DmTick, i);
      double x = dm_time_scale_axis_to_x (&self->scale, tick->axis);
      g_autofree char *label = dm_tick_format (tick, level, FALSE, self->language);

      set_color (cr, fg, 0.08);
      cairo_rectangle (cr, x, AXIS_HEIGHT / 2, 1, height - AXIS_HEIGHT / 2);
      cairo_fill (cr);
      draw_text (self, cr, label, x + 4, AXIS_HEIGHT / 2 + 2, MIN_TICK_SPACE - 8, fg, 0.6);
    }

  set_color (cr, fg, 0.15);
  cairo_rectangle (cr, 0, AXIS_HEIGHT - 1, width, 1);
  cairo_fill (cr);
}

static void
draw_item (DmTimelineView     *self,
           cairo_t            *cr,
           const DmLayoutItem *item,
           const GdkRGBA      *fg,
           const GdkRGBA      *accent)
{
  double y = row_y (self, item->lane, item->row);
  double h = ROW_HEIGHT - 6;
  double cy = y + h / 2;
  double alpha = 1;
  GdkRGBA color;

  kind_color (self, item->lane, fg, &color);

  if (item->type == DM_LAYOUT_CLUSTER)
    {
      g_autofree char *count = g_strdup_printf ("%u", item->count);
      gboolean holds_selection = self->selected >= 0 &&
        dm_layout_find_event (self->layout, (guint) self->selected) == (int) (item - dm_layout_get_item (self->layout, 0));

      set_color (cr, &color, 0.25);
      rounded_rect (cr, item->x0, y, item->x1 - item->x0, h, h / 2);
      cairo_fill_preserve (cr);
      set_color (cr, &color, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      /* The selected event is in here: say so, it cannot be seen itself. */
      if (holds_selection)
        {
          rounded_rect (cr, item->x0 - 3, y - 3, item->x1 - item->x0 + 6, h + 6, h / 2 + 3);
          set_color (cr, accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      draw_text (self, cr, count, item->label_x, y + 1, item->label_width + 20, fg, 0.9);
      return;
    }

  {
    const DmEvent *event = dm_dataset_get_event (self->dataset, item->position);
    gboolean stated = event->certainty == DM_CERTAINTY_STATED;
    gboolean range = dm_event_is_range (event);
    gboolean selected = (int) item->position == self->selected;
    double w = item->x1 - item->x0;

    if (self->matches != NULL && item->position < self->n_flags && !self->matches[item->position])
      alpha = 0.3;

    if (w > self->metrics.marker_size + 0.5)
      {
        /* A range is a bar; a date of coarse precision is the faint span it
         * really covers, not a point on its first day. */
        rounded_rect (cr, item->x0, y, w, h, 4);
        set_color (cr, &color, (range ? 0.35 : 0.15) * alpha);
        cairo_fill_preserve (cr);
        set_color (cr, &color, alpha);
        cairo_set_line_width (cr, range ? 2 : 1);
      }
    else
      {
        cairo_new_path (cr);
        cairo_arc (cr, (item->x0 + item->x1) / 2, cy, self->metrics.marker_size / 2 - 1, 0, 2 * G_PI);
        set_color (cr, &color, (stated ? 1 : 0.25) * alpha);
        cairo_fill_preserve (cr);
        set_color (cr, &color, alpha);
        cairo_set_line_width (cr, 2);
      }

    /* Inferred and approximate dates have a dashed outline. */
    if (!stated)
      {
        static const double dash[] = { 3, 2 };
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      }
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);

    if (selected)
      {
        rounded_rect (cr, item->x0 - 3, y - 3, w + 6, h + 6, 6);
        set_color (cr, accent, 1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
      }

    if (item->label_width > 0)
      draw_text (self, cr, event_label (self, item->position), item->label_x, y + 1,
                 item->label_width + 1, fg, alpha);
  }
}

static void
draw_scene (DmTimelineView *self,
            cairo_t        *cr,
            double          width,
            double          height)
{
  GdkRGBA fg;
  GdkRGBA accent;
  guint lanes = n_lanes (self);

  get_foreground (self, &fg);
  get_accent (self, &accent);

  /* Lanes: alternate shading, then the timeline, then the headers on top. */
  for (guint lane = 0; lane < lanes; lane++)
    if (lane % 2 == 1)
      {
        set_color (cr, &fg, 0.035);
        cairo_rectangle (cr, 0, AXIS_HEIGHT + lane * lane_height (self), width, lane_height (self));
        cairo_fill (cr);
      }

  cairo_save (cr);
  cairo_translate (cr, HEADER_WIDTH, 0);
  cairo_rectangle (cr, 0, 0, width - HEADER_WIDTH, height);
  cairo_clip (cr);
  draw_axis (self, cr, width - HEADER_WIDTH, height, &fg);

  ensure_layout (self);
  for (guint i = 0; i < dm_layout_get_n_items (self->layout); i++)
    draw_item (self, cr, dm_layout_get_item (self->layout, i), &fg, &accent);
  cairo_restore (cr);

  set_color (cr, &fg, 0.15);
  cairo_rectangle (cr, HEADER_WIDTH - 1, 0, 1, height);
  cairo_fill (cr);

  for (guint lane = 0; lane < lanes && lane < dm_dataset_get_n_kinds (self->dataset); lane++)
    {
      const DmKind *kind = dm_dataset_get_kind (self->dataset, lane);
      double y = AXIS_HEIGHT + lane * lane_height (self);
      GdkRGBA color;

      kind_color (self, lane, &fg, &color);
      set_color (cr, &color, 1);
      cairo_rectangle (cr, 0, y + 4, 4, lane_height (self) - 8);
      cairo_fill (cr);
      draw_glyph (cr, kind->icon, 12, y + 12, 16, &color);
      draw_text (self, cr, dm_text_get (&kind->label, self->language), 36, y + 10, HEADER_WIDTH - 44, &fg, 0.9);
    }
}

static void
dm_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->dataset == NULL || width <= HEADER_WIDTH)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_scene (self, cr, width, height);
  cairo_destroy (cr);
}

static void
dm_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) HEADER_WIDTH + 200;
      *natural = (int) HEADER_WIDTH + 800;
    }
  else
    {
      *minimum = (int) (AXIS_HEIGHT + n_lanes (self) * (MIN_ROWS * ROW_HEIGHT + LANE_PADDING));
      *natural = (int) (AXIS_HEIGHT + n_lanes (self) * (4 * ROW_HEIGHT + LANE_PADDING));
    }
}

static void
dm_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);

  self->metrics.max_rows = rows_per_lane (self) - 1;

  if (!self->scale_set && self->dataset != NULL && width > HEADER_WIDTH)
    {
      self->scale_set = TRUE;
      dm_timeline_view_zoom_to_fit (self);
    }

  invalidate_layout (self);
}

/* Input */

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           DmTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->dataset == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      zoom_around (self, self->hover_x - HEADER_WIDTH, pow (1.15, -dy), FALSE);
      return TRUE;
    }

  pan_by (self, (dx != 0 ? dx : dy) * 40, FALSE);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           DmTimelineView           *self)
{
  self->hover_x = x;
  self->hover_y = y;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DmTimelineView *self)
{
  stop_animation (self);
  self->drag_origin = self->scale.origin;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DmTimelineView *self)
{
  DmTimeScale scale = self->scale;

  scale.origin = self->drag_origin - dx * scale.days_per_px;
  set_scale (self, &scale);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale_delta,
                       DmTimelineView *self)
{
  static double last = 1;
  double cx;
  double cy;

  if (scale_delta == 1)
    last = 1;
  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  zoom_around (self, cx - HEADER_WIDTH, scale_delta / last, FALSE);
  last = scale_delta;
}

static int
item_at (DmTimelineView *self,
         double          x,
         double          y)
{
  double lane_y;
  guint lane;
  guint row;

  if (self->dataset == NULL || x < HEADER_WIDTH || y < AXIS_HEIGHT)
    return -1;

  ensure_layout (self);
  lane = (guint) ((y - AXIS_HEIGHT) / lane_height (self));
  lane_y = y - AXIS_HEIGHT - lane * lane_height (self) - LANE_PADDING / 2;
  if (lane >= n_lanes (self) || lane_y < 0)
    return -1;
  row = (guint) (lane_y / ROW_HEIGHT);

  return dm_layout_hit (self->layout, lane, row, x - HEADER_WIDTH);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  DmTimelineView  *self)
{
  int index = item_at (self, x, y);
  const DmLayoutItem *item;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index < 0)
    return;

  item = dm_layout_get_item (self->layout, (guint) index);
  if (item->type == DM_LAYOUT_CLUSTER)
    {
      /* A cluster opens up: zoom to the time it covers. */
      dm_timeline_view_show_range (self, item->axis_start, item->axis_end, TRUE);
      return;
    }

  dm_timeline_view_set_selected (self, (int) item->position);
  if (n_press == 2)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, (int) item->position);
}

static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  DmTimelineView *self)
{
  int index = keyboard ? -1 : item_at (self, x, y);
  const DmLayoutItem *item;
  g_autofree char *text = NULL;

  if (keyboard && self->selected >= 0)
    index = dm_layout_find_event (self->layout, (guint) self->selected);
  if (index < 0)
    return FALSE;

  item = dm_layout_get_item (self->layout, (guint) index);
  if (item->type == DM_LAYOUT_CLUSTER)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event — click to zoom in", "%u events — click to zoom in", item->count),
                            item->count);
  else
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, item->position);
      const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
      g_autofree char *date = dm_event_format_date (event, self->language);

      text = g_strdup_printf ("%s\n%s · %s", dm_text_get (&event->title, self->language), date,
                              kind ? dm_text_get (&kind->label, self->language) : event->kind);
    }

  /* Plain text: gtk_tooltip_set_text never parses markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The next shown event in time order from the selection, in @direction. */
static int
step_selection (DmTimelineView *self,
                int             direction)
{
  int n = (int) dm_dataset_get_n_events (self->dataset);
  int position = self->selected;

  if (n == 0)
    return -1;

  if (position < 0)
    position = direction > 0 ? -1 : n;

  for (position += direction; position >= 0 && position < n; position += direction)
    if (self->visible == NULL || self->visible[position])
      return position;

  return self->selected;
}

/* The shown event nearest in time to the selection, in the next lane in
 * @direction that has one. */
static int
step_lane (DmTimelineView *self,
           int             direction)
{
  int n = (int) dm_dataset_get_n_events (self->dataset);
  int lanes = (int) n_lanes (self);
  const DmEvent *current;
  double time;

  if (self->selected < 0)
    return step_selection (self, 1);

  current = dm_dataset_get_event (self->dataset, (guint) self->selected);
  time = current->axis_start;

  for (int lane = (int) current->kind_index + direction; lane >= 0 && lane < lanes; lane += direction)
    {
      int best = -1;
      double best_distance = G_MAXDOUBLE;

      for (int i = 0; i < n; i++)
        {
          const DmEvent *event = dm_dataset_get_event (self->dataset, (guint) i);
          double distance = fabs (event->axis_start - time);

          if ((int) event->kind_index != lane || (self->visible != NULL && !self->visible[i]))
            continue;
          if (distance < best_distance)
            best = i, best_distance = distance;
        }

      if (best >= 0)
        return best;
    }

  return self->selected;
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  int position = -1;

  if (self->dataset == NULL)
    return;

  if (g_str_equal (which, "next"))
    position = step_selection (self, 1);
  else if (g_str_equal (which, "previous"))
    position = step_selection (self, -1);
  else if (g_str_equal (which, "first"))
    {
      self->selected = -1;
      position = step_selection (self, 1);
    }
  else if (g_str_equal (which, "up") || g_str_equal (which, "down"))
    position = step_lane (self, g_str_equal (which, "up") ? -1 : 1);
  else if (g_str_equal (which, "last"))
    {
      self->selected = (int) dm_dataset_get_n_events (self->dataset);
      position = step_selection (self, -1);
      if (position == (int) dm_dataset_get_n_events (self->dataset))
        position = -1;
    }

  if (position >= 0)
    dm_timeline_view_set_selected (self, position);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  double center = timeline_width (self) / 2;

  if (self->dataset == NULL)
    return;

  /* Keyboard zoom keeps the selection where it is, if it is in view. */
  if (self->selected >= 0)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, (guint) self->selected);
      double x = dm_time_scale_axis_to_x (&self->scale, event->axis_start);

      if (x >= 0 && x <= timeline_width (self))
        center = x;
    }

  if (g_str_equal (which, "in"))
    zoom_around (self, center, 2, TRUE);
  else if (g_str_equal (which, "out"))
    zoom_around (self, center, 0.5, TRUE);
  else if (g_str_equal (which, "fit"))
    dm_timeline_view_zoom_to_fit (self);
  else if (g_str_equal (which, "selection") && self->selected >= 0)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, (guint) self->selected);
      double span = MAX (event->axis_end - event->axis_start, 1);

      dm_timeline_view_show_range (self, event->axis_start - span, event->axis_end + span, TRUE);
    }
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);

  pan_by (self, g_variant_get_int32 (parameter) * timeline_width (self) / 8, TRUE);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);

  if (self->selected >= 0)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, self->selected);
}

/* GObject */

static void
dm_timeline_view_dispose (GObject *object)
{
  DmTimelineView *self = (DmTimelineView *)object;

  stop_animation (self);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_timeline_view_parent_class)->dispose (object);
}

static void
dm_timeline_view_finalize (GObject *object)
{
  DmTimelineView *self = (DmTimelineView *)object;

  g_clear_pointer (&self->layout, dm_layout_free);
  g_clear_pointer (&self->label_widths, g_array_unref);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->matches, g_free);

  G_OBJECT_CLASS (dm_timeline_view_parent_class)->finalize (object);
}

static void
dm_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_LANGUAGE:
      g_value_set_int (value, self->language);
      break;

    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      dm_timeline_view_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_LANGUAGE:
      dm_timeline_view_set_language (self, g_value_get_int (value));
      break;

    case PROP_SELECTED:
      dm_timeline_view_set_selected (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_timeline_view_class_init (DmTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_timeline_view_dispose;
  object_class->finalize = dm_timeline_view_finalize;
  object_class->get_property = dm_timeline_view_get_property;
  object_class->set_property = dm_timeline_view_set_property;

  widget_class->snapshot = dm_timeline_view_snapshot;
  widget_class->measure = dm_timeline_view_measure;
  widget_class->size_allocate = dm_timeline_view_size_allocate;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, DM_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANGUAGE] =
    g_param_spec_int ("language", NULL, NULL, DM_LANGUAGE_EN, DM_LANGUAGE_VI, DM_LANGUAGE_EN,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmTimelineView::event-activated:
   * @position: the event's position in the dataset
   *
   * An event was double-clicked, or Enter was pressed on it.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[RANGE_CHANGED] =
    g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "timeline.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom", "s", zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "i", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.select", "s", "next");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.select", "s", "previous");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.select", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.select", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.select", "s", "first");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.select", "s", "last");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom", "s", "out");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom", "s", "out");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom", "s", "fit");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "timeline.zoom", "s", "selection");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "timeline.pan", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "timeline.pan", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dm_timeline_view_init (DmTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->selected = -1;
  self->language = DM_LANGUAGE_EN;
  self->layout = dm_layout_new ();
  self->label_widths = g_array_new (FALSE, FALSE, sizeof (float));
  self->metrics = (DmLayoutMetrics) { 12, 6, MIN_ROWS - 1, 28 };
  self->scale = (DmTimeScale) { 0, 10 };

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
dm_timeline_view_new (void)
{
  return g_object_new (DM_TYPE_TIMELINE_VIEW, NULL);
}

DmDataset *
dm_timeline_view_get_dataset (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  return self->dataset;
}

void
dm_timeline_view_set_dataset (DmTimelineView *self,
                              DmDataset      *dataset)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (!g_set_object (&self->dataset, dataset))
    return;

  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->matches, g_free);
  self->n_flags = 0;
  self->selected = -1;
  self->scale_set = FALSE;
  reset_label_widths (self);

  if (dataset != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > HEADER_WIDTH)
    {
      self->scale_set = TRUE;
      dm_timeline_view_zoom_to_fit (self);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

DmLanguage
dm_timeline_view_get_language (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), DM_LANGUAGE_EN);

  return self->language;
}

void
dm_timeline_view_set_language (DmTimelineView *self,
                               DmLanguage      language)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (self->language == language)
    return;

  self->language = language;
  reset_label_widths (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

int
dm_timeline_view_get_selected (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), -1);

  return self->selected;
}

void
dm_timeline_view_set_selected (DmTimelineView *self,
                               int             position)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (self->dataset == NULL || position >= (int) dm_dataset_get_n_events (self->dataset))
    position = -1;
  position = MAX (position, -1);

  if (self->selected == position)
    return;

  self->selected = position;
  if (position >= 0)
    reveal_event (self, (guint) position);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
copy_flags (guint8       **dest,
            const guint8  *flags,
            guint          n,
            guint          n_events)
{
  g_clear_pointer (dest, g_free);
  if (flags != NULL)
    {
      *dest = g_malloc0 (MAX (n_events, 1));
      memcpy (*dest, flags, MIN (n, n_events));
    }
}

void
dm_timeline_view_set_visible (DmTimelineView *self,
                              const guint8   *visible,
                              guint           n)
{
  guint n_events;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  n_events = self->dataset ? dm_dataset_get_n_events (self->dataset) : 0;
  copy_flags (&self->visible, visible, n, n_events);
  self->n_flags = n_events;
  invalidate_layout (self);
}

void
dm_timeline_view_set_matches (DmTimelineView *self,
                              const guint8   *matches,
                              guint           n)
{
  guint n_events;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  n_events = self->dataset ? dm_dataset_get_n_events (self->dataset) : 0;
  copy_flags (&self->matches, matches, n, n_events);
  self->n_flags = n_events;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dm_timeline_view_get_range (DmTimelineView *self,
                            double         *axis_start,
                            double         *axis_end)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (axis_start != NULL)
    *axis_start = dm_time_scale_x_to_axis (&self->scale, 0);
  if (axis_end != NULL)
    *axis_end = dm_time_scale_x_to_axis (&self->scale, timeline_width (self));
}

void
dm_timeline_view_show_range (DmTimelineView *self,
                             double          axis_start,
                             double          axis_end,
                             gboolean        animate)
{
  DmTimeScale target;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  dm_time_scale_fit (&target, axis_start, axis_end, timeline_width (self), 24);
  animate_to (self, &target, animate);
}

void
dm_timeline_view_zoom_to_fit (DmTimelineView *self)
{
  double start;
  double end;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (self->dataset == NULL || !dm_dataset_get_span (self->dataset, NULL, NULL, &start, &end))
    return;

  /* Room on the right for the last label. */
  dm_timeline_view_show_range (self, start, end + (end - start) * 0.15, self->scale_set && self->tick_id == 0 && FALSE);
}

const DmTimeScale *
dm_timeline_view_get_scale (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  return &self->scale;
}

void
dm_timeline_view_get_counts (DmTimelineView *self,
                             guint          *n_events,
                             guint          *n_clusters)
{
  guint events = 0;
  guint clusters = 0;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (self->dataset != NULL)
    {
      ensure_layout (self);
      for (guint i = 0; i < dm_layout_get_n_items (self->layout); i++)
        {
          if (dm_layout_get_item (self->layout, i)->type == DM_LAYOUT_CLUSTER)
            clusters++;
          else
            events++;
        }
    }

  if (n_events != NULL)
    *n_events = events;
  if (n_clusters != NULL)
    *n_clusters = clusters;
}

DmEventVisibility
dm_timeline_view_get_event_visibility (DmTimelineView *self,
                                       guint           position)
{
  int index;

  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), DM_EVENT_OUT_OF_VIEW);

  if (self->dataset == NULL)
    return DM_EVENT_OUT_OF_VIEW;

  ensure_layout (self);
  index = dm_layout_find_event (self->layout, position);
  if (index < 0)
    return DM_EVENT_OUT_OF_VIEW;

  return dm_layout_get_item (self->layout, (guint) index)->type == DM_LAYOUT_CLUSTER
    ? DM_EVENT_CLUSTERED : DM_EVENT_DRAWN;
}
