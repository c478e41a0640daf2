/* dm-timeline-view.c
 *
 * The view is one widget drawing one scene (dm-scene.c, which the exports
 * draw too): the axis, the lanes and the items of a DmLayout, which holds
 * only what is in view. GTK gets it as render nodes the view keeps: the
 * lanes and their headers as one node, redrawn only when they change, and
 * each item as a node of its own, moved into place while the zoom stays;
 * the axis and the eras are rectangles and a few labels. Zoom and pan are
 * a DmTimeScale animated on the frame clock. Input comes through event
 * controllers and actions, so keys, menus and tests reach the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "dm-debug.h"
#include "dm-layout.h"
#include "dm-safe-text.h"
#include "dm-scene.h"
#include "dm-timeline-view.h"

#define AXIS_HEIGHT    48.0
#define HEADER_WIDTH   176.0
#define ROW_HEIGHT     22.0
#define LANE_PADDING   4.0
#define MIN_ROWS       2      /* one row of events and the cluster row */
#define MAX_ROWS       8
/* The most lanes the view asks room for; more scroll under the axis. */
#define MIN_SIZE_LANES 6
#define NAT_SIZE_LANES 12
#define MIN_TICK_SPACE 72.0
#define ANIMATION_USEC (250 * 1000)
#define SCROLL_STEP    40.0       /* px per scroll unit */
#define FLING_TAU      0.325      /* s: how fast a fling slows down */
#define FLING_MIN      20.0       /* px/s: below this a fling stops */
#define FLING_WINDOW   (80 * 1000)  /* µs of drag that set the fling speed */
#define N_DRAG_SAMPLES 8

struct _DmTimelineView
{
  GtkWidget        parent_instance;

  DmDataset       *dataset;
  DmLanguage       language;
  int              selected;
  guint8          *visible;       /* per event, or NULL: all */
  guint8          *matches;       /* per event, or NULL: no search */
  guint            n_flags;

  DmScene          scene;         /* what is drawn: scale, layout, colours */
  GskRenderNode   *lanes_node;    /* the lanes and headers, as last drawn */
  gboolean         lanes_drawn;   /* … into lanes_node (NULL: nothing) */
  gboolean         whole;         /* drawn in one piece, keeping nothing */
  gboolean         scale_set;     /* fitted once the widget has a width */

  /* Animation from one scale to another */
  guint            tick_id;
  gint64           animation_start;
  DmTimeScale      from;
  DmTimeScale      to;

  /* Panning by drag, and the fling that follows a quick one */
  double           drag_origin;
  struct {
    gint64 time;
    double dx;
  }                drag_samples[N_DRAG_SAMPLES];
  guint            n_drag_samples;
  guint            fling_id;
  guint            ahead_id;      /* measures labels in idle time */
  gint64           fling_time;
  double           fling_velocity;  /* px/s, positive moves later dates in */

  double           hover_x;
  double           hover_y;

  /* The text the metrics were made for (sync_text_size()) */
  PangoFontDescription *font;
  double           resolution;
  double           text_row_height;
  double           text_axis_height;
  double           rows_scroll_max; /* how far the lanes scroll for their rows */
  double           tops_scroll_max; /* … and for what they take laid out
                                     * (lane_scroll_max(): the larger) */
  double           header_factor;   /* how much larger the text is */
  double           allocated_width; /* the time width the range was shown in */
  gboolean         follow_selection; /* its lane kept in sight, whatever the
                                      * layout (a presentation's view) */
  gboolean         revealing;
};

G_DEFINE_FINAL_TYPE (DmTimelineView, dm_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LANGUAGE,
  PROP_SELECTED,
  PROP_HEADER_WIDTH,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  RANGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

static void reset_label_widths (DmTimelineView *self);
static void sync_text_size     (DmTimelineView *self);
static void fit_rows           (DmTimelineView *self,
                                int             height);
static void set_lane_scroll    (DmTimelineView *self,
                                double          scroll);
static void invalidate_layout  (DmTimelineView *self);
static void update_header_width (DmTimelineView *self,
                                 gboolean        allocating);
static void ensure_layout      (DmTimelineView *self);
static guint signals[N_SIGNALS];

/* Geometry */

static double
timeline_width (DmTimelineView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - self->scene.header_width, 1);
}

static guint
n_lanes (DmTimelineView *self)
{
  return dm_scene_get_n_lanes (&self->scene);
}

/* Text drawn onto a recording (a cairo node) takes what the fonts leave
 * unsaid (hinting, antialiasing) from the recording, and onto an image
 * from the image, which differ: the widget's fonts say all of it, as an
 * image would, so that the view's pieces and the exports look the same. */
static const cairo_font_options_t *
image_font_options (void)
{
  static cairo_font_options_t *options;

  if (g_once_init_enter (&options))
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_font_options_t *read = cairo_font_options_create ();

      cairo_surface_get_font_options (image, read);
      cairo_surface_destroy (image);
      g_once_init_leave (&options, read);
    }
  return options;
}

/* Called at every frame (sync_scene()): changes the context only when
 * GTK has set other options on it. */
static void
pin_font_options (PangoContext *pango)
{
  const cairo_font_options_t *current = pango_cairo_context_get_font_options (pango);
  cairo_font_options_t *options = cairo_font_options_copy (image_font_options ());

  if (current != NULL)
    cairo_font_options_merge (options, current);
  if (current == NULL || !cairo_font_options_equal (options, current))
    pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
}

/* The colours come from CSS, the fonts from the widget. */
static void
sync_scene (DmTimelineView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA paper;
  DmScene *scene = &self->scene;

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is how a
   * widget reads its CSS colours there (replace when the floor moves). */
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;

  scene->foreground = (DmColor) { fg.red, fg.green, fg.blue, fg.alpha };
  scene->accent = (DmColor) { accent.red, accent.green, accent.blue, accent.alpha };
  /* The scene is drawn over the window's background: the kinds' colours
   * keep their contrast against it (dm_scene_get_kind_color()). */
  if (gtk_style_context_lookup_color (context, "window_bg_color", &paper))
    scene->paper = (DmColor) { paper.red, paper.green, paper.blue, paper.alpha };
  scene->pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  pin_font_options (scene->pango);
  scene->device_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  /* Panning copies the items drawn in the frame before (dm-scene.c). */
  scene->cache_items = TRUE;
  scene->dataset = self->dataset;
  scene->language = self->language;
  scene->selected = self->selected;
  scene->visible = self->visible;
  scene->matches = self->matches;
  scene->width = gtk_widget_get_width (GTK_WIDGET (self));
  scene->height = gtk_widget_get_height (GTK_WIDGET (self));
}

/* Rows, the axis and the lane headers grow with the text: the system's
 * large text, a font of its own or a bigger CSS font size never clip or
 * overlap labels. Nothing changes at the usual size (11 points at 96 dpi,
 * a line of up to 16 pixels in the 22-pixel rows, tight enough that the
 * bundled story fits a laptop screen). */
static void
sync_text_size (DmTimelineView *self)
{
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  double resolution = pango_cairo_context_get_resolution (pango);
  PangoFontMetrics *metrics;
  double line;
  double size;
  double factor;

  if (font != NULL && self->font != NULL && resolution == self->resolution &&
      pango_font_description_equal (font, self->font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  self->resolution = resolution;

  metrics = pango_context_get_metrics (pango, font, NULL);
  line = (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics)) / (double) PANGO_SCALE;
  pango_font_metrics_unref (metrics);

  /* How much larger than the usual 11 points at 96 dpi the text is. */
  size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 11;
  if (font == NULL || !pango_font_description_get_size_is_absolute (font))
    size *= (resolution > 0 ? resolution : 96) / 72;
  factor = MAX (size / (11.0 * 96 / 72), 1);

  /* A line and a little in each row, two in the axis: no more, or the
   * lanes would not fit a small window with large text. */
  self->text_row_height = MAX (ROW_HEIGHT, ceil (line) + 6);
  self->text_axis_height = MAX (AXIS_HEIGHT, 2 * ceil (line) + 12);
  fit_rows (self, gtk_widget_get_height (GTK_WIDGET (self)));
  self->scene.tick_spacing = MIN_TICK_SPACE * factor;
  self->scene.metrics.cluster_label = round (28 * factor);
  self->header_factor = factor;

  reset_label_widths (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_header_width (self, FALSE);
}

/* The lane headers are as wide as the longest kind name needs, so that no
 * name is cut; only a name longer than a few hundred pixels (more with
 * large text, where they would leave no room for time) is shortened, with
 * an ellipsis, and said in full by the list and the detail pane. */
static void
update_header_width (DmTimelineView *self,
                     gboolean        allocating)
{
  double factor = self->header_factor > 0 ? self->header_factor : 1;
  int header = (int) round (HEADER_WIDTH * sqrt (factor));
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->dataset != NULL)
    {
      /* At most a quarter of a narrow view: longer names wrap. */
      double most = 1.5 * HEADER_WIDTH * sqrt (factor);

      if (width > 0)
        most = MIN (most, MAX (width / 4.0, HEADER_WIDTH * 0.75));
      sync_scene (self);
      header = (int) ceil (dm_scene_measure_header_width (&self->scene, most));
      header = MAX (header, (int) round (HEADER_WIDTH * 0.75));
    }

  if (header != (int) self->scene.header_width)
    {
      self->scene.header_width = header;
      invalidate_layout (self);
      /* The least width asked for follows (measure()); while allocating,
       * at the next resize. */
      if (!allocating)
        gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER_WIDTH]);
    }
}

/* How far the lanes scroll; > 0: they do not all fit. */
static double
lane_scroll_max (DmTimelineView *self)
{
  return MAX (self->rows_scroll_max, self->tops_scroll_max);
}

/* The rows and the axis the text needs. When a row in each lane does not
 * fit @height (large text in a small window), the lanes scroll under the
 * axis rather than shrink below the text. */
static void
fit_rows (DmTimelineView *self,
          int             height)
{
  double needed = self->text_axis_height + n_lanes (self) * (self->text_row_height + LANE_PADDING);

  self->rows_scroll_max = height > 0 ? MAX (needed - height, 0) : 0;
  set_lane_scroll (self, self->scene.lane_scroll);

  if (self->text_row_height == self->scene.row_height && self->text_axis_height == self->scene.axis_height)
    return;

  self->scene.row_height = self->text_row_height;
  self->scene.axis_height = self->text_axis_height;
  invalidate_layout (self);
}

static void
set_lane_scroll (DmTimelineView *self,
                 double          scroll)
{
  scroll = CLAMP (round (scroll), 0, lane_scroll_max (self));
  if (scroll == self->scene.lane_scroll)
    return;

  self->scene.lane_scroll = scroll;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Scrolls the lanes, if they do not all fit, so that @position's shows. */
static void
reveal_lane (DmTimelineView *self,
             guint           position)
{
  guint lane = dm_dataset_get_event_lane (self->dataset, position);
  double lane_height;
  double room = gtk_widget_get_height (GTK_WIDGET (self)) - self->scene.axis_height;
  double top;

  if (lane_scroll_max (self) <= 0)
    return;
  ensure_layout (self);
  dm_scene_get_lane_extent (&self->scene, lane, &top, &lane_height);

  /* A lane taller than the room (its name on many lines, in large text):
   * the event's row, not the lane, is what must show. */
  if (lane_height > room)
    {
      int index = dm_layout_find_event (self->scene.layout, position);

      if (index >= 0)
        {
          const DmLayoutItem *item = dm_layout_get_item (self->scene.layout, (guint) index);

          top = dm_scene_get_row_y (&self->scene, item->lane, item->row);
          lane_height = self->scene.row_height;
        }
    }
  top += self->scene.lane_scroll - self->scene.axis_height;
  if (top < self->scene.lane_scroll)
    set_lane_scroll (self, top);
  else if (top + lane_height > self->scene.lane_scroll + room)
    set_lane_scroll (self, top + lane_height - room);
}

static void
ensure_layout (DmTimelineView *self)
{
  sync_scene (self);
  dm_scene_ensure_layout (&self->scene);

  /* The lanes scroll by what they really take (a lane's name may wrap
   * over more lines than its rows), not only by their rows. */
  if (self->scene.lane_tops != NULL && self->scene.lane_tops->len > 0)
    {
      double content = g_array_index (self->scene.lane_tops, double, self->scene.lane_tops->len - 1);
      double room = gtk_widget_get_height (GTK_WIDGET (self)) - self->scene.axis_height;

      self->tops_scroll_max = room > 0 ? MAX (content - room, 0) : 0;
      set_lane_scroll (self, self->scene.lane_scroll);
    }

  /* Lanes change height with what they hold: after a flight the
   * presented event's may have moved out of sight. */
  if (self->follow_selection && self->selected >= 0 && !self->revealing)
    {
      self->revealing = TRUE;
      reveal_lane (self, (guint) self->selected);
      self->revealing = FALSE;
    }
}

/* The bounds of zoom: a minute across 40 pixels, and the whole dataset
 * with a little room on each side (a fifth of it, or a month). */
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
  *max_dpp = MAX (1.2 * (end - start), 30) / timeline_width (self);
}

/* Bounds @scale's zoom, and its pan so that a tenth of the view at least
 * shows the dataset's span: no panning (or gliding) off into nothing. */
static void
clamp_scale (DmTimelineView *self,
             DmTimeScale    *scale)
{
  double min_dpp;
  double max_dpp;
  double start;
  double end;
  double width;

  zoom_limits (self, &min_dpp, &max_dpp);
  /* A zoom beyond the limits stops at them about the same middle: a range
   * asked for that is wider than the zoom allows stays centred on what
   * was asked for, not on its left end. */
  if (scale->days_per_px < min_dpp || scale->days_per_px > max_dpp)
    {
      double middle = scale->origin + timeline_width (self) / 2 * scale->days_per_px;

      scale->days_per_px = CLAMP (scale->days_per_px, min_dpp, max_dpp);
      scale->origin = middle - timeline_width (self) / 2 * scale->days_per_px;
    }

  if (self->dataset == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= self->scene.header_width ||
      !dm_dataset_get_span (self->dataset, NULL, NULL, &start, &end))
    return;

  width = timeline_width (self) * scale->days_per_px;
  scale->origin = CLAMP (scale->origin, start - 0.9 * width, end - 0.1 * width);
}

static void
invalidate_layout (DmTimelineView *self)
{
  dm_scene_invalidate (&self->scene);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Labels */

static void
reset_label_widths (DmTimelineView *self)
{
  self->scene.dataset = self->dataset;
  dm_scene_reset_labels (&self->scene);
  invalidate_layout (self);
}

/* Scale and animation */

/* GTK 4.8 cannot announce; the description says what is selected and
 * what is in view, for screen readers to read when asked. */
/* The cluster the selected event is drawn in, if it is in view only as
 * part of one. */
static const DmLayoutItem *
selection_cluster (DmTimelineView *self)
{
  const DmLayoutItem *item;
  int index;

  if (self->dataset == NULL || self->selected < 0 || gtk_widget_get_width (GTK_WIDGET (self)) <= self->scene.header_width)
    return NULL;

  ensure_layout (self);
  index = dm_layout_find_event (self->scene.layout, (guint) self->selected);
  if (index < 0)
    return NULL;

  item = dm_layout_get_item (self->scene.layout, (guint) index);
  return item->type == DM_LAYOUT_CLUSTER ? item : NULL;
}

static void
update_accessible_description (DmTimelineView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *range = NULL;

  if (self->dataset == NULL)
    return;

  if (self->selected >= 0)
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, (guint) self->selected);
      const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
      g_autofree char *date = dm_event_format_date (event, dm_language_from_locale ());

      const DmLayoutItem *cluster = selection_cluster (self);
      g_autofree char *kind_text = dm_safe_text_for_display (kind ? dm_text_get (&kind->label, self->language) : event->kind,
                                                             DM_SAFE_TEXT_LABEL_MAX);
      g_autofree char *title = dm_safe_text_for_display (dm_text_get (&event->title, self->language),
                                                         DM_SAFE_TEXT_LABEL_MAX);

      g_string_append_printf (text, _("Selected: %s, %s, %s. "), kind_text, title, date);
      if (cluster != NULL)
        {
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "It is in a group of %u event; Enter zooms in to it. ",
                                                     "It is in a group of %u events; Enter zooms in to them. ",
                                                     cluster->count),
                                  cluster->count);
        }
    }

  range = dm_timeline_view_format_range (self);
  g_string_append_printf (text, _("Showing %s."), range);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
set_scale (DmTimelineView    *self,
           const DmTimeScale *scale)
{
  self->scene.scale = *scale;
  clamp_scale (self, &self->scene.scale);
  invalidate_layout (self);
  if (self->tick_id == 0)
    update_accessible_description (self);
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
  if (t >= 1)
    {
      /* Done: the last step is the target itself, and says where it is. */
      self->tick_id = 0;
      set_scale (self, &self->to);
      return G_SOURCE_REMOVE;
    }

  set_scale (self, &scale);
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
  if (self->fling_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fling_id);
      self->fling_id = 0;
    }
}

static gboolean
animations_enabled (DmTimelineView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

/* Kinetic panning: the view keeps the speed it was let go at and slows
 * down exponentially, as GTK's scrolled windows do. */
static gboolean
fling_tick (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = (double) (now - self->fling_time) / G_USEC_PER_SEC;
  double decay = exp (-dt / FLING_TAU);
  DmTimeScale scale = self->scene.scale;

  /* The distance covered in dt is the integral of v·e^(-t/τ). */
  scale.origin += self->fling_velocity * FLING_TAU * (1 - decay) * scale.days_per_px;
  self->fling_velocity *= decay;
  self->fling_time = now;

  set_scale (self, &scale);

  /* Slowed down, or at the end of the span. */
  if (fabs (self->fling_velocity) < FLING_MIN || self->scene.scale.origin != scale.origin)
    {
      self->fling_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Starts panning at @velocity px/s (positive shows later dates) and
 * slowing down; nothing when animations are off or the speed is low. */
static void
fling (DmTimelineView *self,
       double          velocity)
{
  stop_animation (self);
  if (!animations_enabled (self) || fabs (velocity) < FLING_MIN)
    return;

  self->fling_velocity = velocity;
  self->fling_time = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->fling_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fling_tick, NULL, NULL);
}

static void
animate_to (DmTimelineView    *self,
            const DmTimeScale *target,
            gboolean           animate)
{
  stop_animation (self);

  self->to = *target;
  clamp_scale (self, &self->to);

  if (!animate || !animations_enabled (self))
    {
      set_scale (self, &self->to);
      return;
    }

  self->from = self->scene.scale;
  self->animation_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

static void
zoom_around (DmTimelineView *self,
             double          x,
             double          factor,
             gboolean        animate)
{
  DmTimeScale target = self->tick_id ? self->to : self->scene.scale;
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
  DmTimeScale target = self->tick_id ? self->to : self->scene.scale;

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
  DmTimeScale target = self->tick_id ? self->to : self->scene.scale;
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

/* The scene's pieces of time as render nodes (dm_scene_describe_time()). */
typedef struct
{
  GtkSnapshot   *snapshot;
  double         width;
  double         height;
  gboolean       textures; /* pictures as textures, else cairo nodes */
  double         piece_x;  /* of the piece being drawn */
  double         piece_y;
  GskRenderNode *piece;    /* … the cairo node it is drawn onto */
} Pieces;

static cairo_user_data_key_t image_texture_key;
static cairo_user_data_key_t image_cairo_key;

/* A texture node showing @surface (ARGB32) at (@x, @y): the renderers
 * copy a texture as it is (and GL keeps it uploaded while the node lives).
 * @copy: a copy of the pixels, else the texture holds on to @surface,
 * which must not change. */
static GskRenderNode *
texture_node (cairo_surface_t *surface,
              double           x,
              double           y,
              gboolean         copy)
{
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  double scale_x;
  double scale_y;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  cairo_surface_flush (surface);
  cairo_surface_get_device_scale (surface, &scale_x, &scale_y);
  if (copy)
    bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  else
    bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                        (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: premultiplied, native order. */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);

  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (x, y, width / scale_x, height / scale_y));
}

/* A node showing @surface (ARGB32, its device offset at @x, @y): as a
 * texture for GL, which uploads one once and keeps it while the node
 * lives; as a cairo node for the cairo renderer, to which GTK 4.8 hands
 * a texture by converting every pixel through floats at every frame. */
static GskRenderNode *
picture_node (cairo_surface_t *surface,
              double           x,
              double           y,
              gboolean         textures,
              gboolean         copy)
{
  GskRenderNode *node;
  double scale_x;
  double scale_y;
  cairo_t *cr;

  if (textures)
    return texture_node (surface, x, y, copy);

  cairo_surface_flush (surface);
  cairo_surface_get_device_scale (surface, &scale_x, &scale_y);
  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (x, y,
                                                  cairo_image_surface_get_width (surface) / scale_x,
                                                  cairo_image_surface_get_height (surface) / scale_y));
  /* Painted from an image of its own, not drawn straight onto the node
   * (a recording, in GTK 4.8): text replayed from a recording comes out
   * a little otherwise (its top row of pixels) than in the exports. */
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  return node;
}

/* An image of @width by @height whose top left is at (@x, @y). */
static cairo_t *
create_piece (double x,
              double y,
              double width,
              double height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
  cairo_t *cr;

  cairo_surface_set_device_offset (surface, -x, -y);
  cr = cairo_create (surface);
  cairo_surface_destroy (surface);

  return cr;
}

/* @color at @alpha, as GSK takes it. */
static GdkRGBA
rgba_of (const DmColor *color,
         double         alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static void
piece_rect (gpointer       data,
            const DmColor *color,
            double         alpha,
            double         x,
            double         y,
            double         width,
            double         height)
{
  Pieces *pieces = data;
  GdkRGBA rgba = rgba_of (color, alpha);

  gtk_snapshot_append_color (pieces->snapshot, &rgba, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static cairo_t *
piece_begin (gpointer data,
             double   x,
             double   y,
             double   width,
             double   height)
{
  Pieces *pieces = data;
  /* No more than the view: a bar may be far wider. */
  double x1 = MIN (x + width, pieces->width);
  double y1 = MIN (y + height, pieces->height);

  pieces->piece_x = MAX (x, 0);
  pieces->piece_y = MAX (y, 0);

  /* For the cairo renderer, drawn straight onto the node, which GTK
   * replays onto the window: no picture of its own to make, fill and
   * copy at every frame. */
  if (!pieces->textures)
    {
      pieces->piece = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (pieces->piece_x, pieces->piece_y,
                                                               ceil (MAX (x1 - pieces->piece_x, 1)),
                                                               ceil (MAX (y1 - pieces->piece_y, 1))));
      return gsk_cairo_node_get_draw_context (pieces->piece);
    }

  return create_piece (pieces->piece_x, pieces->piece_y,
                       MAX (x1 - pieces->piece_x, 1), MAX (y1 - pieces->piece_y, 1));
}

static void
piece_end (gpointer  data,
           cairo_t  *cr)
{
  Pieces *pieces = data;
  GskRenderNode *node;

  if (pieces->piece != NULL)
    {
      cairo_destroy (cr);
      gtk_snapshot_append_node (pieces->snapshot, pieces->piece);
      g_clear_pointer (&pieces->piece, gsk_render_node_unref);
      return;
    }
  node = picture_node (cairo_get_target (cr), pieces->piece_x, pieces->piece_y, pieces->textures, FALSE);

  gtk_snapshot_append_node (pieces->snapshot, node);
  gsk_render_node_unref (node);
  cairo_destroy (cr);
}

/* An item's kept image becomes a node once, kept with the image (which
 * the scene drops when the item changes), and moves into place. */
static void
piece_image (gpointer         data,
             cairo_surface_t *surface,
             double           x,
             double           y)
{
  Pieces *pieces = data;
  const cairo_user_data_key_t *key = pieces->textures ? &image_texture_key : &image_cairo_key;
  GskRenderNode *node = cairo_surface_get_user_data (surface, key);

  if (node == NULL)
    {
      /* A copy: a node holding the image it is kept with would keep
       * both for ever. */
      node = picture_node (surface, 0, 0, pieces->textures, TRUE);
      cairo_surface_set_user_data (surface, key, node, (cairo_destroy_func_t) gsk_render_node_unref);
    }

  gtk_snapshot_save (pieces->snapshot);
  gtk_snapshot_translate (pieces->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_node (pieces->snapshot, node);
  gtk_snapshot_restore (pieces->snapshot);
}

static void
piece_push_clip (gpointer data,
                 double   x,
                 double   y,
                 double   width,
                 double   height)
{
  Pieces *pieces = data;

  gtk_snapshot_push_clip (pieces->snapshot, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
piece_pop_clip (gpointer data)
{
  Pieces *pieces = data;

  gtk_snapshot_pop (pieces->snapshot);
}

/* Shapes and text as GSK's own nodes, which both renderers draw straight
 * onto the window (a cairo node is made into a picture of its own and
 * copied, at every frame, by GTK 4.8's cairo renderer). */
static void
piece_shape (gpointer       data,
             double         x,
             double         y,
             double         width,
             double         height,
             double         radius,
             const DmColor *fill,
             double         fill_alpha,
             const DmColor *line,
             double         line_alpha,
             double         line_width)
{
  Pieces *pieces = data;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, width, height);
  GskRoundedRect shape;

  gsk_rounded_rect_init_from_rect (&shape, &bounds, radius);
  if (fill != NULL)
    {
      GdkRGBA rgba = rgba_of (fill, fill_alpha);

      gtk_snapshot_push_rounded_clip (pieces->snapshot, &shape);
      gtk_snapshot_append_color (pieces->snapshot, &rgba, &bounds);
      gtk_snapshot_pop (pieces->snapshot);
    }
  /* A line centred on the edge: a border from half its width outside. */
  {
    GdkRGBA rgba = rgba_of (line, line_alpha);
    const GdkRGBA colors[4] = { rgba, rgba, rgba, rgba };
    const float widths[4] = { line_width, line_width, line_width, line_width };

    gsk_rounded_rect_shrink (&shape, -line_width / 2, -line_width / 2, -line_width / 2, -line_width / 2);
    gtk_snapshot_append_border (pieces->snapshot, &shape, widths, colors);
  }
}

static void
piece_text (gpointer       data,
            PangoLayout   *layout,
            double         x,
            double         y,
            const DmColor *color,
            double         alpha)
{
  Pieces *pieces = data;
  GdkRGBA rgba = rgba_of (color, alpha);

  gtk_snapshot_save (pieces->snapshot);
  gtk_snapshot_translate (pieces->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (pieces->snapshot, layout, &rgba);
  gtk_snapshot_restore (pieces->snapshot);
}

/* A row of dashes as one dash repeated (GSK's repeat node): GTK 4.8's
 * cairo renderer draws the dash once and fills the row with it, where a
 * dashed stroke on a piece was stroked again, dash by dash, at every
 * frame. */
static void
piece_dashes (gpointer       data,
              double         x,
              double         y,
              double         width,
              double         height,
              double         origin,
              double         on,
              double         off,
              const DmColor *color,
              double         alpha)
{
  Pieces *pieces = data;
  GdkRGBA rgba = rgba_of (color, alpha);

  gtk_snapshot_push_repeat (pieces->snapshot, &GRAPHENE_RECT_INIT (x, y, width, height),
                            &GRAPHENE_RECT_INIT (origin, y, on + off, height));
  gtk_snapshot_append_color (pieces->snapshot, &rgba, &GRAPHENE_RECT_INIT (origin, y, on, height));
  gtk_snapshot_pop (pieces->snapshot);
}

static const DmSceneSink pieces_sink = {
  piece_rect,
  piece_begin,
  piece_end,
  piece_image,
  piece_push_clip,
  piece_pop_clip,
  piece_shape,
  piece_text,
  piece_dashes,
};


/* Lanes that scroll say so, and how far, as an overlay scrollbar would:
 * where it goes, or FALSE. */
static gboolean
lane_scroll_bar (DmTimelineView  *self,
                 graphene_rect_t *bar)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double room = gtk_widget_get_height (GTK_WIDGET (self)) - self->scene.axis_height;
  double length;
  double y;

  if (lane_scroll_max (self) <= 0)
    return FALSE;

  length = MAX (room * room / (room + lane_scroll_max (self)), 16);
  y = self->scene.axis_height + (room - length) * self->scene.lane_scroll / lane_scroll_max (self);
  graphene_rect_init (bar, width - 7, y + 2, 4, length - 4);

  return TRUE;
}

static gboolean
measure_ahead_cb (gpointer data)
{
  DmTimelineView *self = data;

  /* Measured as the next frame will measure: what the scene was last
   * drawn with (its events shown, the language) may have changed since. */
  sync_scene (self);
  /* A millisecond at a time: a frame due meanwhile waits no longer. */
  if (dm_scene_measure_ahead (&self->scene, 1000))
    return G_SOURCE_CONTINUE;
  self->ahead_id = 0;
  return G_SOURCE_REMOVE;
}

static void
dm_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Pieces pieces = { snapshot, width, height, renderer != NULL && !GSK_IS_CAIRO_RENDERER (renderer), 0, 0, NULL };
  DmSceneSink sink = pieces_sink;
  graphene_rect_t bar;

  if (self->dataset == NULL || width <= self->scene.header_width)
    return;

  /* GL (llvmpipe, measured) draws an item's rounded clips and text nodes
   * at more cost than the one texture of a piece: there, items stay
   * pieces. */
  if (pieces.textures)
    {
      sink.shape = NULL;
      sink.text = NULL;
      sink.dashes = NULL;
    }

  /* The layout first: how far the lanes scroll, and so the lanes' node
   * and the scroll bar, follow what the lanes take laid out. */
  ensure_layout (self);

  if (self->whole)
    {
      cairo_t *cr = create_piece (0, 0, width, height);
      GskRenderNode *node;

      dm_timeline_view_draw_scene (self, cr);
      node = picture_node (cairo_get_target (cr), 0, 0, pieces.textures, FALSE);
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
      cairo_destroy (cr);
      return;
    }

  /* The lanes and their headers, drawn again only when they change; the
   * time over them, its items kept by the scene from frame to frame. */
  if (dm_scene_lanes_changed (&self->scene) || !self->lanes_drawn)
    {
      Pieces lanes = { gtk_snapshot_new (), width, height, pieces.textures, 0, 0, NULL };

      dm_scene_describe_lanes (&self->scene, &sink, &lanes);
      g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
      self->lanes_node = gtk_snapshot_free_to_node (lanes.snapshot);
      self->lanes_drawn = TRUE;
    }
  if (self->lanes_node != NULL)
    gtk_snapshot_append_node (snapshot, self->lanes_node);
  dm_scene_describe_time (&self->scene, &sink, &pieces);

  if (lane_scroll_bar (self, &bar))
    {
      const DmColor *fg = &self->scene.foreground;

      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.4 }, &bar);
    }

  /* Labels that come into view are measured (shaped) once, which made
   * the zoom steps that show new events the slowest frames: those near
   * the view are measured between frames, before they are needed. */
  if (self->ahead_id == 0)
    self->ahead_id = g_idle_add_full (G_PRIORITY_LOW, measure_ahead_cb, self, NULL);

  if (dm_debug_timing ())
    {
      g_autofree char *detail = g_strdup_printf ("%u events", dm_dataset_get_n_events (self->dataset));
      dm_debug_report_once ("first frame", detail);
    }
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

  sync_text_size (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) self->scene.header_width + 120;
      *natural = (int) self->scene.header_width + 800;
    }
  else
    {
      /* Small enough that the list and the overview keep their room; the
       * rows then shrink to the cluster row, which still shows everything. */
      /* The least is a row per lane at the usual text size: with large
       * text in a small window, rows then give up some of their room
       * (fit_rows()) rather than make the window taller than the screen. */
      /* Past a few lanes, they scroll instead: a minimum of a row per
       * lane made the window taller than the screen from about 30 kinds,
       * and a drawing taller than cairo allows from a few thousand. */
      guint lanes = n_lanes (self);

      *minimum = (int) (AXIS_HEIGHT + MIN (lanes, MIN_SIZE_LANES) * (ROW_HEIGHT + LANE_PADDING));
      *natural = (int) (self->text_axis_height +
                        MIN (lanes, NAT_SIZE_LANES) * ((lanes > NAT_SIZE_LANES ? 1 : 4) * self->text_row_height + LANE_PADDING));
      *natural = MAX (*natural, *minimum);
    }
}

static void
dm_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DmTimelineView *self = DM_TIMELINE_VIEW (widget);
  double time_width;

  update_header_width (self, TRUE);
  time_width = MAX (width - self->scene.header_width, 1);
  fit_rows (self, height);
  self->scene.dataset = self->dataset;

  /* The range is what the view shows, not the scale: a wider window shows
   * the same time wider (the layout then has room for more). */
  if (self->scale_set && self->allocated_width > 1 && time_width != self->allocated_width)
    {
      double ratio = self->allocated_width / time_width;

      self->scene.scale.days_per_px *= ratio;
      self->to.days_per_px *= ratio;
      self->from.days_per_px *= ratio;
      if (self->tick_id == 0)
        update_accessible_description (self);
    }
  self->allocated_width = width > self->scene.header_width ? time_width : 0;

  if (!self->scale_set && self->dataset != NULL && width > self->scene.header_width)
    {
      self->scale_set = TRUE;
      dm_timeline_view_zoom_to_fit (self);
    }

  invalidate_layout (self);
}

/* Fonts change outside of sizing: the metrics follow there, so that the
 * sizes asked for next are the new ones. */
static void
dm_timeline_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dm_timeline_view_parent_class)->css_changed (widget, change);
  sync_text_size (DM_TIMELINE_VIEW (widget));
}

static void
dm_timeline_view_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (dm_timeline_view_parent_class)->system_setting_changed (widget, setting);
  sync_text_size (DM_TIMELINE_VIEW (widget));
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
      zoom_around (self, self->hover_x - self->scene.header_width, pow (1.15, -dy), FALSE);
      return TRUE;
    }

  /* Lanes that do not all fit scroll up and down; Shift, or a sideways
   * scroll, still moves in time. */
  if (lane_scroll_max (self) > 0 && dx == 0 && !(state & GDK_SHIFT_MASK))
    {
      set_lane_scroll (self, self->scene.lane_scroll + dy * self->scene.row_height);
      return TRUE;
    }

  pan_by (self, (dx != 0 ? dx : dy) * SCROLL_STEP, FALSE);
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
  self->drag_origin = self->scene.scale.origin;
  self->n_drag_samples = 0;
}

/* The speed of the last moments of a drag, in px/s of pointer motion;
 * 0 when the pointer was held still before the release. */
static double
drag_velocity (DmTimelineView *self,
               gint64          now)
{
  guint last;
  guint first;
  double dt;

  if (self->n_drag_samples < 2)
    return 0;

  last = (self->n_drag_samples - 1) % N_DRAG_SAMPLES;
  if (now - self->drag_samples[last].time > FLING_WINDOW)
    return 0;

  /* The oldest sample still inside the window, but at least one back. */
  first = last;
  for (guint i = 1; i < MIN (self->n_drag_samples, N_DRAG_SAMPLES); i++)
    {
      guint j = (self->n_drag_samples - 1 - i) % N_DRAG_SAMPLES;

      first = j;
      if (self->drag_samples[last].time - self->drag_samples[j].time >= FLING_WINDOW)
        break;
    }

  dt = (double) (self->drag_samples[last].time - self->drag_samples[first].time) / G_USEC_PER_SEC;
  if (dt <= 0)
    return 0;

  return (self->drag_samples[last].dx - self->drag_samples[first].dx) / dt;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DmTimelineView *self)
{
  DmTimeScale scale = self->scene.scale;

  scale.origin = self->drag_origin - dx * scale.days_per_px;
  set_scale (self, &scale);

  self->drag_samples[self->n_drag_samples % N_DRAG_SAMPLES].time = g_get_monotonic_time ();
  self->drag_samples[self->n_drag_samples % N_DRAG_SAMPLES].dx = dx;
  self->n_drag_samples++;
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DmTimelineView *self)
{
  /* Content follows the pointer: moving it right brings earlier dates. */
  fling (self, -drag_velocity (self, g_get_monotonic_time ()));
}

/* A touchpad lifted mid-scroll. */
static void
scroll_decelerate_cb (GtkEventControllerScroll *controller,
                      double                    vel_x,
                      double                    vel_y,
                      DmTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->dataset == NULL || (state & GDK_CONTROL_MASK))
    return;

  fling (self, (vel_x != 0 ? vel_x : vel_y) * SCROLL_STEP);
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
  zoom_around (self, cx - self->scene.header_width, scale_delta / last, FALSE);
  last = scale_delta;
}

static int
item_at (DmTimelineView *self,
         double          x,
         double          y)
{
  if (self->dataset == NULL)
    return -1;

  ensure_layout (self);
  return dm_scene_hit (&self->scene, x, y);
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

  item = dm_layout_get_item (self->scene.layout, (guint) index);
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

#define TOOLTIP_TITLES 8  /* a cluster's tooltip lists this many */

/* What the tooltip of item @index says: an event's title, date and kind;
 * what a cluster holds, title by title. */
static char *
item_text (DmTimelineView *self,
           guint           index)
{
  const DmLayoutItem *item = dm_layout_get_item (self->scene.layout, index);
  char *text;

  if (item->type == DM_LAYOUT_CLUSTER)
    {
      GString *list = g_string_new (NULL);
      guint n_members;
      const guint *members = dm_layout_get_members (self->scene.layout, index, &n_members);

      g_string_printf (list, g_dngettext (GETTEXT_PACKAGE, "%u event — click to zoom in", "%u events — click to zoom in", item->count),
                       item->count);
      for (guint i = 0; i < MIN (n_members, TOOLTIP_TITLES); i++)
        g_string_append_printf (list, "\n• %s", dm_text_get (&dm_dataset_get_event (self->dataset, members[i])->title, self->language));
      if (n_members > TOOLTIP_TITLES)
        {
          g_string_append_c (list, '\n');
          g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", n_members - TOOLTIP_TITLES),
                                  n_members - TOOLTIP_TITLES);
        }
      text = g_string_free (list, FALSE);
    }
  else
    {
      const DmEvent *event = dm_dataset_get_event (self->dataset, item->position);
      const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
      g_autofree char *date = dm_event_format_date (event, dm_language_from_locale ());

      g_autofree char *title = dm_safe_text_for_display (dm_text_get (&event->title, self->language),
                                                         DM_SAFE_TEXT_LABEL_MAX);
      g_autofree char *kind_text = dm_safe_text_for_display (kind ? dm_text_get (&kind->label, self->language) : event->kind,
                                                             DM_SAFE_TEXT_LABEL_MAX);

      text = g_strdup_printf ("%s\n%s · %s", title, date, kind_text);
    }

  return text;
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
  g_autofree char *text = NULL;

  if (keyboard && self->selected >= 0)
    index = dm_layout_find_event (self->scene.layout, (guint) self->selected);
  if (index < 0)
    return FALSE;

  /* Plain text: gtk_tooltip_set_text never parses markup. */
  text = item_text (self, (guint) index);
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
      double x = dm_time_scale_axis_to_x (&self->scene.scale, event->axis_start);

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
  const DmLayoutItem *cluster;

  if (self->selected < 0)
    return;

  /* The selection is in a cluster: Enter opens it, as a click would, and
   * the next Enter activates the event, then shown on its own. */
  cluster = selection_cluster (self);
  if (cluster != NULL)
    {
      dm_timeline_view_show_range (self, cluster->axis_start, cluster->axis_end, TRUE);
      return;
    }

  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, self->selected);
}

/* GObject */

static void
dm_timeline_view_dispose (GObject *object)
{
  DmTimelineView *self = (DmTimelineView *)object;

  stop_animation (self);
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (dm_timeline_view_parent_class)->dispose (object);
}

static void
dm_timeline_view_finalize (GObject *object)
{
  DmTimelineView *self = (DmTimelineView *)object;

  dm_scene_clear (&self->scene);
  g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
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

    case PROP_HEADER_WIDTH:
      g_value_set_int (value, dm_timeline_view_get_header_width (self));
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
  widget_class->css_changed = dm_timeline_view_css_changed;
  widget_class->system_setting_changed = dm_timeline_view_system_setting_changed;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, DM_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANGUAGE] =
    g_param_spec_int ("language", NULL, NULL, DM_LANGUAGE_EN, DM_LANGUAGE_VI, DM_LANGUAGE_EN,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The lane headers' width: what is beside them (the overview) lines up
   * with the time it shows. It grows with the text size. */
  properties[PROP_HEADER_WIDTH] =
    g_param_spec_int ("header-width", NULL, NULL, 0, G_MAXINT, (int) HEADER_WIDTH,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
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
  dm_scene_init (&self->scene);
  self->scene.header_width = HEADER_WIDTH;
  self->scene.axis_height = self->text_axis_height = AXIS_HEIGHT;
  self->scene.row_height = self->text_row_height = ROW_HEIGHT;
  self->scene.lane_padding = LANE_PADDING;
  self->scene.tick_spacing = MIN_TICK_SPACE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect (controller, "decelerate", G_CALLBACK (scroll_decelerate_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
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
  update_header_width (self, FALSE);

  if (dataset != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > self->scene.header_width)
    {
      self->scale_set = TRUE;
      dm_timeline_view_zoom_to_fit (self);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* An edit changed the dataset shown in place (dm-edit.h). Unlike
 * dm_timeline_view_set_dataset(), the view keeps its zoom and pan, and
 * forgets only what it measured and drew of the events the edit touched
 * (dm_scene_events_changed()). Flags for another number of events go
 * (the caller sets them again, as it does the selection); a selection
 * after the change moves with its event. */
void
dm_timeline_view_events_changed (DmTimelineView *self,
                                 guint           position,
                                 guint           removed,
                                 guint           added)
{
  guint n;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));
  g_return_if_fail (self->dataset != NULL);

  n = dm_dataset_get_n_events (self->dataset);
  if (self->n_flags != n)
    {
      g_clear_pointer (&self->visible, g_free);
      g_clear_pointer (&self->matches, g_free);
      self->n_flags = 0;
    }
  if (self->selected >= (int) (position + removed))
    self->selected = self->selected - (int) removed + (int) added;
  if (self->selected >= (int) n)
    self->selected = -1;

  dm_scene_events_changed (&self->scene, position, removed, added);
  invalidate_layout (self);
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
  update_header_width (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

int
dm_timeline_view_get_selected (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), -1);

  return self->selected;
}

void
dm_timeline_view_set_follow_selection (DmTimelineView *self,
                                       gboolean        follow)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  self->follow_selection = !!follow;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
    {
      reveal_event (self, (guint) position);
      reveal_lane (self, (guint) position);
    }
  /* The selection never folds (dm-layout.c): the layout may change. */
  invalidate_layout (self);
  update_accessible_description (self);
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
  /* What is found never folds (dm-layout.c): the layout changes. */
  invalidate_layout (self);
}

void
dm_timeline_view_get_range (DmTimelineView *self,
                            double         *axis_start,
                            double         *axis_end)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  if (axis_start != NULL)
    *axis_start = dm_time_scale_x_to_axis (&self->scene.scale, 0);
  if (axis_end != NULL)
    *axis_end = dm_time_scale_x_to_axis (&self->scene.scale, timeline_width (self));
}

char *
dm_timeline_view_format_range (DmTimelineView *self)
{
  double start;
  double end;
  DmDate first;
  DmDate last;

  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  dm_timeline_view_get_range (self, &start, &end);
  dm_date_from_axis (start, DM_DATE_PRECISION_DAY, &first);
  dm_date_from_axis (end, DM_DATE_PRECISION_DAY, &last);
  return dm_date_format_range (&first, &last, dm_language_from_locale ());
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

/* Shows exactly [@axis_start, @axis_end] edge to edge (within the zoom
 * and pan bounds), for the overview's window to follow the pointer. */
void
dm_timeline_view_set_range (DmTimelineView *self,
                            double          axis_start,
                            double          axis_end,
                            gboolean        animate)
{
  DmTimeScale target;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));
  g_return_if_fail (axis_end > axis_start);

  dm_time_scale_fit (&target, axis_start, axis_end, timeline_width (self), 0);
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

  /* The span and a little room: labels near the end go left of their
   * markers (dm-layout.c). */
  dm_timeline_view_show_range (self, start, end, FALSE);
}

const DmTimeScale *
dm_timeline_view_get_scale (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  return &self->scene.scale;
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
      for (guint i = 0; i < dm_layout_get_n_items (self->scene.layout); i++)
        {
          const DmLayoutItem *item = dm_layout_get_item (self->scene.layout, i);

          if (!dm_scene_item_in_view (&self->scene, item))
            continue;
          if (item->type == DM_LAYOUT_CLUSTER)
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
  const DmEvent *event;
  const DmLayoutItem *item;
  int index;

  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), DM_EVENT_OUT_OF_VIEW);

  if (self->dataset == NULL)
    return DM_EVENT_OUT_OF_VIEW;

  ensure_layout (self);
  event = dm_dataset_get_event (self->dataset, position);
  if (!dm_scene_time_in_view (&self->scene, event->axis_start, event->axis_end))
    return DM_EVENT_OUT_OF_VIEW;
  index = dm_layout_find_event (self->scene.layout, position);
  if (index < 0)
    return DM_EVENT_OUT_OF_VIEW;

  /* Its lane may be scrolled away, under the axis or below the view. */
  item = dm_layout_get_item (self->scene.layout, (guint) index);
  if (gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    {
      double y = dm_scene_get_row_y (&self->scene, item->lane, item->row);

      if (y < self->scene.axis_height - 0.5
          || y + self->scene.row_height > gtk_widget_get_height (GTK_WIDGET (self)) + 0.5)
        return DM_EVENT_OUT_OF_VIEW;
    }

  return item->type == DM_LAYOUT_CLUSTER ? DM_EVENT_CLUSTERED : DM_EVENT_DRAWN;
}

/**
 * dm_timeline_view_get_text_at:
 * @x: in the view's coordinates
 * @y: …
 *
 * What the tooltip at (@x, @y) says, or %NULL where there is nothing.
 */
char *
dm_timeline_view_get_text_at (DmTimelineView *self,
                              double          x,
                              double          y)
{
  int index;

  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  index = item_at (self, x, y);
  return index >= 0 ? item_text (self, (guint) index) : NULL;
}

/**
 * dm_timeline_view_get_scene:
 *
 * What the view draws, laid out for what it shows now: for tests that
 * check the layout people see.
 */
DmScene *
dm_timeline_view_get_scene (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), NULL);

  if (self->dataset != NULL)
    ensure_layout (self);
  return &self->scene;
}

/**
 * dm_timeline_view_get_header_width:
 *
 * The width of the lane headers, left of the time the view shows.
 */
int
dm_timeline_view_get_header_width (DmTimelineView *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE_VIEW (self), 0);

  return (int) self->scene.header_width;
}

/**
 * dm_timeline_view_get_lane_scroll:
 * @scroll: (out) (optional): how far the lanes are scrolled, in pixels
 * @max: (out) (optional): how far they can be; 0 when they all fit
 *
 * With large text in a small window, the lanes scroll under the axis.
 */
void
dm_timeline_view_get_lane_scroll (DmTimelineView *self,
                                  double         *scroll,
                                  double         *max)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  /* How far the lanes scroll follows their layout. */
  if (self->dataset != NULL)
    ensure_layout (self);
  if (scroll != NULL)
    *scroll = self->scene.lane_scroll;
  if (max != NULL)
    *max = lane_scroll_max (self);
}

/**
 * dm_timeline_view_draw_scene:
 * @self: a #DmTimelineView
 * @cr: where to draw
 *
 * Draws what the view shows onto @cr in one piece, as the exports draw,
 * without the render nodes it keeps for GTK: what those must look like.
 */
void
dm_timeline_view_draw_scene (DmTimelineView *self,
                             cairo_t        *cr)
{
  graphene_rect_t bar;

  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));
  g_return_if_fail (cr != NULL);

  if (self->dataset == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= self->scene.header_width)
    return;

  sync_scene (self);
  /* Every item drawn, none copied from the images the scene keeps. */
  self->scene.cache_items = FALSE;
  dm_scene_draw (&self->scene, cr);
  self->scene.cache_items = TRUE;
  if (lane_scroll_bar (self, &bar))
    {
      const DmColor *fg = &self->scene.foreground;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.4);
      cairo_rectangle (cr, bar.origin.x, bar.origin.y, bar.size.width, bar.size.height);
      cairo_fill (cr);
    }
}


/**
 * dm_timeline_view_set_whole:
 * @self: a #DmTimelineView
 * @whole: whether to draw each frame in one piece
 *
 * Draws each frame in one piece with dm_timeline_view_draw_scene(),
 * keeping no render node and no item image from one frame to the next:
 * what the kept nodes must look like, for tests to compare them with.
 */
void
dm_timeline_view_set_whole (DmTimelineView *self,
                            gboolean        whole)
{
  g_return_if_fail (DM_IS_TIMELINE_VIEW (self));

  self->whole = !!whole;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
