/* dm-scene.h — drawing a timeline onto cairo: one path for the screen,
 * the exports and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "dm-dataset.h"
#include "dm-layout.h"
#include "dm-time-scale.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} DmColor;

/* Everything a drawing of the timeline depends on. The view fills one
 * from its state and its CSS; an export fills one from its options. The
 * scene owns the layout and the label widths it caches. */
typedef struct
{
  /* What */
  DmDataset       *dataset;
  DmLanguage       language;       /* of the dataset's text */
  DmLanguage       date_language;  /* of dates: the interface's */
  DmTimeScale      scale;          /* x = 0 at the left of the time area */
  const guint8    *visible;        /* per event, or NULL: all */
  const guint8    *matches;        /* per event, or NULL: no search */
  const guint8    *lanes_shown;    /* per lane, or NULL: all; a lane not
                                    * shown takes no room (an export of
                                    * some kinds draws only theirs) */
  int              selected;       /* position, or -1 */

  /* Where, in pixels */
  double           width;          /* the whole scene, headers included */
  double           height;
  double           header_width;   /* lane headers on the left; 0: none */
  double           axis_height;
  double           row_height;
  double           lane_padding;
  double           lane_scroll;    /* how far the lanes are scrolled up
                                    * under the axis, when they do not fit */
  double           tick_spacing;   /* the least room between axis ticks */
  DmLayoutMetrics  metrics;

  /* How */
  DmColor          foreground;
  DmColor          accent;
  DmColor          background;     /* alpha 0: leave the background alone */
  DmColor          paper;          /* what a transparent background shows
                                    * (the window's), for the contrast of
                                    * the kinds' colours; alpha 0: white */
  PangoContext    *pango;          /* fonts; not owned */
  double           device_scale;   /* device pixels per pixel, for images */
  gboolean         cache_items;    /* keep each item's image while the zoom
                                    * stays, and copy it on the next frame
                                    * (the view); never with text_func */

  /* Told of each text drawn, in device coordinates at its baseline (for
   * exports that keep text as text); may be NULL. */
  void           (*text_func) (const char *text,
                               double      x,
                               double      y,
                               double      size,
                               gpointer    user_data);
  gpointer         text_data;

  /* While dm_scene_describe_time() runs: where the pieces go */
  const struct _DmSceneSink *sink;
  gpointer         sink_data;

  /* Owned */
  DmLayout        *layout;
  GArray          *label_widths;   /* float per event, < 0: not measured */
  GArray          *short_widths;   /* … of the least a label is cut to */
  GArray          *wrapped_widths; /* … of a label on two lines, 0: none */
  double           ellipsis_width; /* < 0: not measured */
  double           header_needed;  /* the headers' width that no name
                                    * wraps in, < 0: not measured */
  GArray          *kind_colors;    /* DmColor per lane, worked out for
                                    * kind_colors_for (dm-scene.c) */
  struct {
    DmDataset     *dataset;
    DmColor        paper;
    DmColor        foreground;
  } kind_colors_for;
  GArray          *lane_tops;      /* double per lane and one more: where
                                    * each lane starts below the axis, by
                                    * the rows the layout gave it */
  gboolean         layout_valid;
  double           layout_offset;  /* the view's left in the layout, px */
  GHashTable      *item_images;    /* ItemKey → ItemImage (dm-scene.c) */
  GHashTable      *texts;          /* TextKey → Text (dm-scene.c): labels
                                    * laid out, kept while they are drawn */
  PangoContext    *texts_pango;    /* … and the fonts they were laid out in */
  guint            texts_serial;
  guint64          texts_frame;
  gsize            item_bytes;
  guint64          frame;
  guint            images_made;    /* counts, for tests and the benchmark */
  guint            images_reused;
  guint            frame_made;     /* … in the last frame */
  guint            bars_in_parts;  /* … bars told as their parts */
  guint            items_as_shapes; /* … items told as shapes and text */
  guint            dash_rows;      /* … rows of dashes told (sink->dashes) */
  guint            frame_reused;
  struct {                         /* what the images were drawn with */
    DmColor        foreground;
    DmColor        accent;
    DmColor        paper;          /* the kinds' colours follow it */
    double         days_per_px;
    double         row_height;
    double         marker_size;
    double         gap;
    double         device_scale;
    DmLanguage     language;
    PangoContext  *pango;
    DmDataset     *dataset;
  }                item_style;
  guint            labels_serial;  /* counts dm_scene_reset_labels() */
  guint            measure_all;    /* timelines of up to this many events
                                    * have every label measured ahead
                                    * (dm_scene_measure_ahead()) */
  struct {                         /* dm_scene_measure_ahead() */
    guint          around;         /* from this event, out */
    guint          step;           /* how far it has gone */
    guint          labels_serial;
  }                ahead;
  struct {                         /* what the lanes were drawn with */
    double         width;
    double         height;
    double         header_width;
    double         header_needed;
    double         axis_height;
    double         row_height;
    double         lane_padding;
    double         lane_scroll;
    DmColor        foreground;
    DmColor        background;
    DmColor        paper;
    double         device_scale;
    PangoContext  *pango;
    DmDataset     *dataset;
    const guint8  *lanes_shown;
    DmLanguage     language;       /* the last two: no padding, for memcmp */
    guint          labels_serial;
  }                lanes_style;
  GArray          *lanes_tops_drawn; /* lane_tops, as the lanes were drawn */
} DmScene;

/* The scene told as pieces that a retained renderer keeps (the view hands
 * them to GTK as render nodes) rather than drawn onto one cairo context;
 * the pieces are the same drawing, in the same order. Coordinates are in
 * the scene's pixels. */
typedef struct _DmSceneSink
{
  /* A plain rectangle of @color at @alpha. */
  void      (*rect)      (gpointer         data,
                          const DmColor   *color,
                          double           alpha,
                          double           x,
                          double           y,
                          double           width,
                          double           height);
  /* A piece drawn with cairo in the whole pixels from (@x, @y), @width by
   * @height: the cairo context to draw it onto, given back to end(). */
  cairo_t  *(*begin)     (gpointer         data,
                          double           x,
                          double           y,
                          double           width,
                          double           height);
  void      (*end)       (gpointer         data,
                          cairo_t         *cr);
  /* An item's kept image (DmScene.cache_items), its top left at the whole
   * pixel (@x, @y); the same @surface for as long as the item keeps it
   * (its user data may hold what is made of it). */
  void      (*image)     (gpointer         data,
                          cairo_surface_t *surface,
                          double           x,
                          double           y);
  /* What follows, up to pop_clip(), shows within the rectangle only. */
  void      (*push_clip) (gpointer         data,
                          double           x,
                          double           y,
                          double           width,
                          double           height);
  void      (*pop_clip)  (gpointer         data);
  /* Both or neither (NULL: items and text are drawn onto pieces): a
   * rounded rectangle, @radius at its corners (a circle when that is
   * half its width and height), filled with @fill at @fill_alpha (@fill
   * NULL: not filled) and outlined by a line @line_width wide centred on
   * its edge, in @line at @line_alpha. */
  void      (*shape)     (gpointer         data,
                          double           x,
                          double           y,
                          double           width,
                          double           height,
                          double           radius,
                          const DmColor   *fill,
                          double           fill_alpha,
                          const DmColor   *line,
                          double           line_alpha,
                          double           line_width);
  /* @layout, its top left at (@x, @y), in @color at @alpha. */
  void      (*text)      (gpointer         data,
                          PangoLayout     *layout,
                          double           x,
                          double           y,
                          const DmColor   *color,
                          double           alpha);
  /* Optional (NULL: drawn onto pieces): the rectangle from (@x, @y),
   * @width by @height, shows a row of dashes in @color at @alpha, each
   * @on long and @off from the next, one of them starting at @origin
   * (in x; the row goes on both ways from there). */
  void      (*dashes)    (gpointer         data,
                          double           x,
                          double           y,
                          double           width,
                          double           height,
                          double           origin,
                          double           on,
                          double           off,
                          const DmColor   *color,
                          double           alpha);
} DmSceneSink;

void         dm_scene_init             (DmScene        *scene);
void         dm_scene_clear            (DmScene        *scene);

/* When the dataset, the language or the fonts change. */
void         dm_scene_reset_labels     (DmScene        *scene);
/* When the dataset changed in place (an edit, dm-edit.h): the @removed
 * events from @position are now @added others, the rest as they were
 * (moved by added - removed). Cheaper than dm_scene_reset_labels(): only
 * those events are measured and drawn again. */
void         dm_scene_events_changed   (DmScene        *scene,
                                        guint           position,
                                        guint           removed,
                                        guint           added);
/* When anything else that moves items changes (scale, size, filter). */
void         dm_scene_invalidate       (DmScene        *scene);

guint        dm_scene_get_n_lanes      (const DmScene  *scene);
double       dm_scene_get_time_width   (const DmScene  *scene);
/* The height of a lane of one row, the least a lane takes. */
double       dm_scene_get_lane_height  (const DmScene  *scene);
/* Where @lane is, in scene coordinates (lanes scrolled), and how tall,
 * as the last layout gave it rows; and all lanes' height together. */
void         dm_scene_get_lane_extent  (const DmScene  *scene,
                                        guint           lane,
                                        double         *top,
                                        double         *height);
double       dm_scene_get_lanes_height (const DmScene  *scene);
/* WCAG 2.1's contrast ratio of two opaque colours, from 1 to 21. */
double       dm_color_contrast         (const DmColor  *a,
                                        const DmColor  *b);
/* @color at @alpha over the opaque @under. */
DmColor      dm_color_over             (const DmColor  *color,
                                        double          alpha,
                                        const DmColor  *under);
/* What the scene is drawn on: its background, or its paper. */
DmColor      dm_scene_get_paper        (const DmScene  *scene);
/* The colour @lane's marks are drawn in: the kind's, or the foreground,
 * darkened or lightened where needed so that its outlines (at
 * DM_SCENE_OUTLINE_ALPHA or more) stand out 3:1 from the paper, as WCAG
 * asks of graphics, in light, dark and high contrast alike. */
void         dm_scene_get_kind_color   (const DmScene  *scene,
                                        guint           lane,
                                        DmColor        *color);
/* The least opacity of the outline that identifies a mark. */
#define DM_SCENE_OUTLINE_ALPHA 0.9
/* The outline of an open-ended date's mark: lighter than a stated one,
 * as light as 3:1 against the paper allows (from 0.6 up). */
double       dm_scene_get_open_alpha   (const DmScene  *scene,
                                        const DmColor  *color);
/* Whether @lane takes room in the scene (lanes_shown). */
gboolean     dm_scene_lane_shown       (const DmScene  *scene,
                                        guint           lane);
/* The lane headers' width that shows every kind's name whole, within
 * @max_width (0: no bound). */
double       dm_scene_measure_header_width (DmScene *scene,
                                            double   max_width);
double       dm_scene_get_row_y        (const DmScene  *scene,
                                        guint           lane,
                                        guint           row);
/* Rows per lane (events plus the cluster row) that fit in @height, were
 * they shared evenly (the layout shares them by content). */
guint        dm_scene_rows_for_height  (const DmScene  *scene,
                                        double          height);

/* The layout covers the view and up to a few hundred pixels of time left
 * of it (layout_offset); its x are from its own left edge. */
void         dm_scene_ensure_layout    (DmScene        *scene);
/* Measures labels not measured yet, of the events nearest the view
 * first, for about @budget_us µs, as the layout would when they come
 * into view: for idle time between frames. FALSE: none left near it (of
 * a timeline of up to DmScene.measure_all events, none left at all). */
#define DM_SCENE_MEASURE_ALL 20000
gboolean     dm_scene_measure_ahead    (DmScene        *scene,
                                        gint64          budget_us);
/* Whether @item, or the time from @axis_start to @axis_end, is in the
 * time the view shows. */
gboolean     dm_scene_item_in_view     (const DmScene      *scene,
                                        const DmLayoutItem *item);
gboolean     dm_scene_time_in_view     (const DmScene  *scene,
                                        double          axis_start,
                                        double          axis_end);
/* The item under (@x, @y) in scene coordinates, or -1. */
int          dm_scene_hit              (DmScene        *scene,
                                        double          x,
                                        double          y);

/* Whether the render library's resources have the kind glyph @icon. */
gboolean     dm_scene_has_glyph        (const char     *icon);
/* The names of the kind glyphs the render library has (what a kind's
 * "icon" may name), sorted, without the generic one that a kind with no
 * glyph of its own gets. */
GStrv        dm_scene_list_glyphs      (void);
/* Draws the glyph @icon (the generic one for NULL or a name the library
 * lacks) @size units square at (@x, @y), in @color, as a lane's header
 * shows it. */
void         dm_scene_draw_glyph       (cairo_t        *cr,
                                        const char     *icon,
                                        double          x,
                                        double          y,
                                        double          size,
                                        const DmColor  *color);
void         dm_scene_draw             (DmScene        *scene,
                                        cairo_t        *cr);
/* dm_scene_draw() is the lanes, then the time over them, and each can be
 * told to a sink piece by piece, clipped as dm_scene_draw() clips them.
 * The lanes are the background, the lanes' shading and their headers:
 * they change with the lanes' rows and scroll, the size, the colours, the
 * fonts and the data, not with the scale. dm_scene_lanes_changed() says
 * whether they have since the last call (and remembers them as they are
 * now). The time is the eras, the axis and the items. */
void         dm_scene_describe_lanes   (DmScene           *scene,
                                        const DmSceneSink *sink,
                                        gpointer           data);
gboolean     dm_scene_lanes_changed    (DmScene           *scene);
void         dm_scene_describe_time    (DmScene           *scene,
                                        const DmSceneSink *sink,
                                        gpointer           data);

/* The marks a legend explains, in its order. */
typedef enum
{
  DM_SCENE_MARK_STATED,    /* a solid mark */
  DM_SCENE_MARK_INFERRED,  /* inferred or approximate: a dashed outline */
  DM_SCENE_MARK_OPEN,      /* open-ended: a light mark, a fading tail */
  DM_SCENE_MARK_COARSE,    /* a year or a month: the faint span */
  DM_SCENE_N_MARKS,
} DmSceneMark;

/* The words of the key to the marks, in the interface's language. */
void         dm_scene_get_legend_labels (const char        *labels[DM_SCENE_N_MARKS]);
/* Draws the key to the marks, each drawn as the timeline draws it, in the
 * foreground colour, with @labels (one per DmSceneMark) beside them, in
 * rows from (@x, @y) no wider than @width; returns the height it took. */
double       dm_scene_draw_legend      (DmScene            *scene,
                                        cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              width,
                                        const char * const  labels[DM_SCENE_N_MARKS]);

G_END_DECLS
