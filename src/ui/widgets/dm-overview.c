/* dm-overview.c
 *
 * Density per kind across the dataset's whole span, and a window over the
 * range the timeline shows. Dragging the window pans, dragging its edges
 * zooms, clicking elsewhere jumps there. From the keyboard, the arrows
 * and Page Up/Down move the window, Home/End go to either end, + and -
 * zoom; screen readers see a slider whose value is the visible range.
 * The histogram is computed once per dataset and width, not per frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-overview.h"

#define EDGE_GRAB 6.0
#define KEY_ZOOM  1.25

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_LEFT,
  DRAG_RIGHT,
} DragMode;

struct _DmOverview
{
  GtkWidget       parent_instance;

  DmTimelineView *timeline;
  gulong          range_handler;
  gulong          dataset_handler;

  double          span_start;
  double          span_end;
  GBinding       *header_binding;
  GArray         *bins;          /* guint per kind × width, or empty */
  int             bins_width;
  guint           max_bin;

  DragMode        drag;
  double          drag_start;
  double          drag_end;
};

G_DEFINE_FINAL_TYPE (DmOverview, dm_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static DmDataset *
get_dataset (DmOverview *self)
{
  return self->timeline ? dm_timeline_view_get_dataset (self->timeline) : NULL;
}

static double
axis_to_x (DmOverview *self,
           double      axis)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  return (axis - self->span_start) / MAX (self->span_end - self->span_start, 1e-9) * width;
}

static double
x_to_axis (DmOverview *self,
           double      x)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);

  return self->span_start + x / width * (self->span_end - self->span_start);
}

static void
invalidate_bins (DmOverview *self)
{
  self->bins_width = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_bins (DmOverview *self)
{
  DmDataset *dataset = get_dataset (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint n_kinds;

  if (self->bins_width == width || dataset == NULL || width <= 0)
    return;

  self->bins_width = width;
  self->max_bin = 1;
  n_kinds = MAX (dm_dataset_get_n_kinds (dataset), 1);
  g_array_set_size (self->bins, (guint) width * n_kinds);
  memset (self->bins->data, 0, sizeof (guint) * self->bins->len);

  if (!dm_dataset_get_span (dataset, NULL, NULL, &self->span_start, &self->span_end))
    return;

  /* A little room at both ends, so that the first and last events show. */
  {
    double pad = (self->span_end - self->span_start) * 0.03 + 1;

    self->span_start -= pad;
    self->span_end += pad;
  }

  /* Each lane is sorted by start: a pixel column's count is the distance
   * between two binary searches, not a pass over every event. The first
   * and last columns also take what lies beyond them. */
  for (guint lane = 0; lane < n_kinds; lane++)
    {
      const double *starts;
      guint n = dm_dataset_get_lane (dataset, lane, NULL, &starts, NULL);
      guint before = 0;

      for (int x = 0; x < width; x++)
        {
          guint *bin = &g_array_index (self->bins, guint, lane * (guint) width + (guint) x);
          guint after = x == width - 1 ? n : dm_sorted_lower_bound (starts, n, x_to_axis (self, x + 1));

          *bin = after - before;
          self->max_bin = MAX (self->max_bin, *bin);
          before = after;
        }
    }
}

/* The slider's value: where the middle of the visible range is, in
 * percent of the span, and the range in words. */
static void
update_accessible_value (DmOverview *self)
{
  double start;
  double end;
  double middle;
  g_autofree char *text = NULL;

  if (self->timeline == NULL || get_dataset (self) == NULL)
    return;

  ensure_bins (self);
  dm_timeline_view_get_range (self->timeline, &start, &end);
  middle = ((start + end) / 2 - self->span_start) / MAX (self->span_end - self->span_start, 1e-9);
  text = dm_timeline_view_format_range (self->timeline);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, CLAMP (middle * 100, 0, 100),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
range_changed_cb (DmOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible_value (self);
}

static void
dataset_changed_cb (DmOverview *self)
{
  invalidate_bins (self);
}

static void
dm_overview_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  DmOverview *self = DM_OVERVIEW (widget);
  DmDataset *dataset = get_dataset (self);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  GdkRGBA accent;
  double view_start;
  double view_end;
  double x0;
  double x1;
  guint n_kinds;
  double lane;
  cairo_t *cr;

  if (dataset == NULL || width <= 0)
    return;

  ensure_bins (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent))
    accent = fg;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.05);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* Density per kind, one thin lane each, in the kind's colour. */
  n_kinds = MAX (dm_dataset_get_n_kinds (dataset), 1);
  lane = (height - 4) / n_kinds;
  for (guint k = 0; k < n_kinds; k++)
    {
      const DmKind *kind = k < dm_dataset_get_n_kinds (dataset) ? dm_dataset_get_kind (dataset, k) : NULL;
      GdkRGBA color = fg;

      if (kind != NULL && kind->color != NULL)
        gdk_rgba_parse (&color, kind->color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);

      for (int x = 0; x < self->bins_width; x++)
        {
          guint count = g_array_index (self->bins, guint, k * (guint) self->bins_width + (guint) x);
          double h;

          if (count == 0)
            continue;
          /* Square root, so that one event still shows next to many. */
          h = MAX (2, sqrt ((double) count / self->max_bin) * (lane - 1));
          /* At least three pixels wide, so that a lone event shows. */
          cairo_rectangle (cr, x - 1, 2 + k * lane + (lane - h), 3, h);
        }
      cairo_fill (cr);
    }

  /* The visible range. */
  dm_timeline_view_get_range (self->timeline, &view_start, &view_end);
  x0 = CLAMP (axis_to_x (self, view_start), 0, width);
  x1 = CLAMP (axis_to_x (self, view_end), 0, width);
  if (x1 - x0 < 4)
    {
      double c = (x0 + x1) / 2;
      x0 = c - 2, x1 = c + 2;
    }

  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
  cairo_rectangle (cr, x0, 0, x1 - x0, height);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, x0 + 1, 1, x1 - x0 - 2, height - 2);
  cairo_stroke (cr);

  cairo_destroy (cr);
}

static void
dm_overview_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 100, *natural = 600;
  else
    *minimum = *natural = 48;
}

static void
dm_overview_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  invalidate_bins (DM_OVERVIEW (widget));
  update_accessible_value (DM_OVERVIEW (widget));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DmOverview     *self)
{
  double start;
  double end;
  double x0;
  double x1;

  if (self->timeline == NULL || get_dataset (self) == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  dm_timeline_view_get_range (self->timeline, &start, &end);
  x0 = axis_to_x (self, start);
  x1 = axis_to_x (self, end);

  if (fabs (x - x0) <= EDGE_GRAB)
    self->drag = DRAG_LEFT;
  else if (fabs (x - x1) <= EDGE_GRAB)
    self->drag = DRAG_RIGHT;
  else
    {
      /* Outside the window: jump there first, then drag it. */
      if (x < x0 || x > x1)
        {
          double half = (end - start) / 2;
          double center = x_to_axis (self, x);

          start = center - half;
          end = center + half;
          dm_timeline_view_set_range (self->timeline, start, end, FALSE);
          dm_timeline_view_get_range (self->timeline, &start, &end);
        }
      self->drag = DRAG_MOVE;
    }

  self->drag_start = start;
  self->drag_end = end;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DmOverview     *self)
{
  double delta = x_to_axis (self, dx) - x_to_axis (self, 0);
  double start = self->drag_start;
  double end = self->drag_end;

  switch (self->drag)
    {
    case DRAG_MOVE:
      start += delta, end += delta;
      break;

    case DRAG_LEFT:
      start = MIN (start + delta, end - 1.0 / 24);
      break;

    case DRAG_RIGHT:
      end = MAX (end + delta, start + 1.0 / 24);
      break;

    case DRAG_NONE:
    default:
      return;
    }

  dm_timeline_view_set_range (self->timeline, start, end, FALSE);
}

/* Moves the window by @pages of its own width, or zooms it about its
 * middle by @zoom (>1 shows more). */
static void
move_window (DmOverview *self,
             double      pages,
             double      zoom)
{
  double start;
  double end;
  double middle;
  double half;

  dm_timeline_view_get_range (self->timeline, &start, &end);
  half = (end - start) / 2 * zoom;
  middle = (start + end) / 2 + pages * (end - start);
  dm_timeline_view_set_range (self->timeline, middle - half, middle + half, TRUE);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DmOverview            *self)
{
  double start;
  double end;

  if (self->timeline == NULL || get_dataset (self) == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  ensure_bins (self);
  dm_timeline_view_get_range (self->timeline, &start, &end);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_window (self, -0.1, 1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_window (self, 0.1, 1);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_window (self, -1, 1);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_window (self, 1, 1);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      dm_timeline_view_set_range (self->timeline, self->span_start, self->span_start + (end - start), TRUE);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      dm_timeline_view_set_range (self->timeline, self->span_end - (end - start), self->span_end, TRUE);
      return TRUE;

    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      move_window (self, 0, 1 / KEY_ZOOM);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      move_window (self, 0, KEY_ZOOM);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DmOverview     *self)
{
  self->drag = DRAG_NONE;
}

static void
dm_overview_dispose (GObject *object)
{
  DmOverview *self = (DmOverview *)object;

  dm_overview_set_timeline (self, NULL);

  G_OBJECT_CLASS (dm_overview_parent_class)->dispose (object);
}

static void
dm_overview_finalize (GObject *object)
{
  DmOverview *self = (DmOverview *)object;

  g_clear_pointer (&self->bins, g_array_unref);

  G_OBJECT_CLASS (dm_overview_parent_class)->finalize (object);
}

static void
dm_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DmOverview *self = DM_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_overview_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DmOverview *self = DM_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      dm_overview_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_overview_class_init (DmOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_overview_dispose;
  object_class->finalize = dm_overview_finalize;
  object_class->get_property = dm_overview_get_property;
  object_class->set_property = dm_overview_set_property;

  widget_class->snapshot = dm_overview_snapshot;
  widget_class->measure = dm_overview_measure;
  widget_class->size_allocate = dm_overview_size_allocate;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, DM_TYPE_TIMELINE_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
dm_overview_init (DmOverview *self)
{
  GtkEventController *key;
  GtkGesture *drag;

  self->bins = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bins_width = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("The whole timeline: drag the window to move, its edges to zoom; or use the arrow keys, + and −"));
}

GtkWidget *
dm_overview_new (void)
{
  return g_object_new (DM_TYPE_OVERVIEW, NULL);
}

DmTimelineView *
dm_overview_get_timeline (DmOverview *self)
{
  g_return_val_if_fail (DM_IS_OVERVIEW (self), NULL);

  return self->timeline;
}

void
dm_overview_set_timeline (DmOverview     *self,
                          DmTimelineView *timeline)
{
  g_return_if_fail (DM_IS_OVERVIEW (self));
  g_return_if_fail (!timeline || DM_IS_TIMELINE_VIEW (timeline));

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    {
      g_clear_signal_handler (&self->range_handler, self->timeline);
      g_clear_signal_handler (&self->dataset_handler, self->timeline);
      g_clear_pointer (&self->header_binding, g_binding_unbind);
    }

  g_set_object (&self->timeline, timeline);

  if (timeline != NULL)
    {
      self->range_handler = g_signal_connect_swapped (timeline, "range-changed", G_CALLBACK (range_changed_cb), self);
      self->dataset_handler = g_signal_connect_swapped (timeline, "notify::dataset", G_CALLBACK (dataset_changed_cb), self);
      /* The strip starts where the timeline's time does, beside its lane
       * headers, which grow with the text. */
      self->header_binding = g_object_bind_property (timeline, "header-width", self, "margin-start", G_BINDING_SYNC_CREATE);
    }

  invalidate_bins (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

void
dm_overview_get_span (DmOverview *self,
                      double     *axis_start,
                      double     *axis_end)
{
  g_return_if_fail (DM_IS_OVERVIEW (self));

  ensure_bins (self);
  if (axis_start != NULL)
    *axis_start = self->span_start;
  if (axis_end != NULL)
    *axis_end = self->span_end;
}
