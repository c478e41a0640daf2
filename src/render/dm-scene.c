/* dm-scene.c
 *
 * The drawing of a timeline, apart from any widget: the view draws it on
 * screen, the exports draw the same onto PNG, SVG and PDF surfaces, so
 * what people see and what they hand out never differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "dm-safe-text.h"
#include "dm-scene.h"

/* The layout's left edge is a multiple of this many pixels of time. */
#define LAYOUT_ANCHOR 512

/* Labels */
#define LABEL_MAX_WIDTH  4096  /* px: no label is measured wider */
#define LABEL_SHORT      40    /* characters: what a label cut to save a
                                * row still shows */
#define LABEL_EDGE       2     /* px: where a label whose marker left the
                                * view on the left stays */
#define LABEL_LEAST      24    /* px: a label with less room is not drawn */
#define LABEL_WRAP_LEAST 240   /* px: a shorter label never wraps */
#define LANE_MAX_ROWS    12    /* the most rows a lane takes */

/* Lane headers: the glyph, then the name from here, and room after it */
#define HEADER_TEXT_X    36
#define HEADER_TEXT_END  12

static void   clear_item_images (DmScene *scene);
static void   forget_item_images (DmScene *scene,
                                  guint    first,
                                  guint    end);
static double header_height     (DmScene *scene,
                                 guint    lane);

void
dm_scene_init (DmScene *scene)
{
  memset (scene, 0, sizeof *scene);
  scene->language = DM_LANGUAGE_EN;
  scene->date_language = dm_language_from_locale ();
  scene->selected = -1;
  scene->header_needed = -1;
  scene->ellipsis_width = -1;
  scene->measure_all = DM_SCENE_MEASURE_ALL;
  scene->scale = (DmTimeScale) { 0, 10 };
  scene->header_width = 176;
  scene->axis_height = 52;
  scene->row_height = 26;
  scene->lane_padding = 8;
  scene->tick_spacing = 72;
  scene->metrics = (DmLayoutMetrics) { 12, 6, 1, 28 };
  scene->foreground = (DmColor) { 0.2, 0.2, 0.2, 1 };
  scene->accent = (DmColor) { 0.21, 0.52, 0.89, 1 };
  scene->device_scale = 1;
  scene->layout = dm_layout_new ();
  scene->label_widths = g_array_new (FALSE, FALSE, sizeof (float));
  scene->short_widths = g_array_new (FALSE, FALSE, sizeof (float));
  scene->wrapped_widths = g_array_new (FALSE, FALSE, sizeof (float));
  scene->lane_tops = g_array_new (FALSE, TRUE, sizeof (double));
  scene->kind_colors = g_array_new (FALSE, TRUE, sizeof (DmColor));
  scene->lanes_tops_drawn = g_array_new (FALSE, TRUE, sizeof (double));
}

void
dm_scene_clear (DmScene *scene)
{
  g_clear_pointer (&scene->layout, dm_layout_free);
  g_clear_pointer (&scene->label_widths, g_array_unref);
  g_clear_pointer (&scene->short_widths, g_array_unref);
  g_clear_pointer (&scene->wrapped_widths, g_array_unref);
  g_clear_pointer (&scene->lane_tops, g_array_unref);
  g_clear_pointer (&scene->kind_colors, g_array_unref);
  g_clear_pointer (&scene->item_images, g_hash_table_unref);
  g_clear_pointer (&scene->texts, g_hash_table_unref);
  g_clear_pointer (&scene->lanes_tops_drawn, g_array_unref);
}

void
dm_scene_invalidate (DmScene *scene)
{
  scene->layout_valid = FALSE;
}

void
dm_scene_reset_labels (DmScene *scene)
{
  guint n = scene->dataset ? dm_dataset_get_n_events (scene->dataset) : 0;

  g_array_set_size (scene->label_widths, n);
  g_array_set_size (scene->short_widths, n);
  g_array_set_size (scene->wrapped_widths, n);
  scene->header_needed = -1;
  scene->ellipsis_width = -1;
  for (guint i = 0; i < n; i++)
    {
      g_array_index (scene->label_widths, float, i) = -1;
      g_array_index (scene->short_widths, float, i) = -1;
      g_array_index (scene->wrapped_widths, float, i) = -1;
    }
  scene->layout_valid = FALSE;
  scene->labels_serial++;

  /* The same items may now say other things, in other fonts. */
  clear_item_images (scene);
}

/* The label widths are kept per position: those of the events the edit
 * took out go, those it put in are to be measured, and the others move
 * with their events. The kept item images are by position too: those
 * from @position on may now show other events (or other text). */
void
dm_scene_events_changed (DmScene *scene,
                         guint    position,
                         guint    removed,
                         guint    added)
{
  GArray *widths[] = { scene->label_widths, scene->short_widths, scene->wrapped_widths };
  g_return_if_fail (position + removed <= scene->label_widths->len);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_array_remove_range (widths[w], position, removed);
      for (guint i = 0; i < added; i++)
        {
          float unknown = -1;

          g_array_insert_val (widths[w], position, unknown);
        }
    }

  forget_item_images (scene, position, removed == added ? position + added : G_MAXUINT);

  scene->layout_valid = FALSE;
  /* The lanes' headers count their events. */
  scene->labels_serial++;
}

guint
dm_scene_get_n_lanes (const DmScene *scene)
{
  return scene->dataset ? MAX (dm_dataset_get_n_kinds (scene->dataset), 1) : 0;
}

double
dm_scene_get_time_width (const DmScene *scene)
{
  return MAX (scene->width - scene->header_width, 1);
}

double
dm_scene_get_lane_height (const DmScene *scene)
{
  return (scene->metrics.max_rows + 1) * scene->row_height + scene->lane_padding;
}

gboolean
dm_scene_lane_shown (const DmScene *scene,
                     guint          lane)
{
  return scene->lanes_shown == NULL || scene->lanes_shown[lane];
}

void
dm_scene_get_lane_extent (const DmScene *scene,
                          guint          lane,
                          double        *top,
                          double        *height)
{
  double y;
  double h;

  if (scene->lane_tops != NULL && lane + 1 < scene->lane_tops->len)
    {
      y = g_array_index (scene->lane_tops, double, lane);
      h = g_array_index (scene->lane_tops, double, lane + 1) - y;
    }
  else
    {
      y = lane * dm_scene_get_lane_height (scene);
      h = dm_scene_get_lane_height (scene);
    }

  if (top != NULL)
    *top = scene->axis_height - scene->lane_scroll + y;
  if (height != NULL)
    *height = h;
}

double
dm_scene_get_lanes_height (const DmScene *scene)
{
  guint n = dm_scene_get_n_lanes (scene);

  if (scene->lane_tops != NULL && n > 0 && n < scene->lane_tops->len)
    return g_array_index (scene->lane_tops, double, n);
  return n * dm_scene_get_lane_height (scene);
}

double
dm_scene_get_row_y (const DmScene *scene,
                    guint          lane,
                    guint          row)
{
  double top;
  double height;
  guint rows = dm_layout_get_lane_rows (scene->layout, lane);

  /* Rows sit in the middle of their lane, which may have some room to
   * spare (lane_tops), on a whole pixel: an odd pixel to spare, or lanes
   * scrolled part of a pixel, would put every item between two, blurred,
   * and where the view cannot move the image it keeps of an item
   * (draw_items()). */
  dm_scene_get_lane_extent (scene, lane, &top, &height);
  return floor (top + (height - rows * scene->row_height) / 2) + row * scene->row_height;
}

guint
dm_scene_rows_for_height (const DmScene *scene,
                          double         height)
{
  guint lanes = MAX (dm_scene_get_n_lanes (scene), 1);
  int rows = (int) floor (((height - scene->axis_height) / lanes - scene->lane_padding) / scene->row_height);

  return (guint) CLAMP (rows, 1, 8);
}

static PangoLayout *
create_layout (DmScene    *scene,
               const char *text)
{
  PangoLayout *layout = pango_layout_new (scene->pango);
  g_autofree char *shown = dm_safe_text_for_display (text, DM_SAFE_TEXT_LABEL_MAX);

  /* Dataset text is text, never markup; controls and bidi overrides are
   * shown as what they are, and a label needs no more than a few hundred
   * characters (Pango takes seconds over a megabyte, or over 200 000
   * combining marks on one letter). */
  pango_layout_set_text (layout, shown, -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

/* Text laid out, cut to a width, kept from frame to frame: a zoom step
 * draws every item in view again, and shaping their labels anew was half
 * of telling them. Keyed by what the text says, not whose it is, so an
 * edit or other data need not drop any; other fonts drop them all. */

typedef struct
{
  char *text;
  int   width;  /* Pango units, -1: not cut */
} TextKey;

typedef struct
{
  TextKey      key;
  PangoLayout *layout;
  guint64      frame;   /* the last draw_time() it was used in */
} Text;

static guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_str_hash (key->text) * 31 + (guint) key->width;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *ka = a;
  const TextKey *kb = b;

  return ka->width == kb->width && strcmp (ka->text, kb->text) == 0;
}

static void
text_free (gpointer data)
{
  Text *text = data;

  g_free (text->key.text);
  g_object_unref (text->layout);
  g_free (text);
}

/* @text laid out in one line, cut with an ellipsis at @max_width (0: not
 * cut); a new reference. */
static PangoLayout *
text_layout (DmScene    *scene,
             const char *text,
             double      max_width)
{
  TextKey key = { (char *) text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1 };
  Text *entry;

  /* Text that fits needs no cutting: the same layout, whatever the room
   * (which changes at every zoom step), shows it. */
  if (key.width >= 0)
    {
      PangoLayout *whole = text_layout (scene, text, 0);
      int width;

      pango_layout_get_size (whole, &width, NULL);
      if (width <= key.width)
        return whole;
      g_object_unref (whole);
    }

  if (scene->texts == NULL)
    scene->texts = g_hash_table_new_full (text_key_hash, text_key_equal, NULL, text_free);
  if (scene->texts_pango != scene->pango || scene->texts_serial != pango_context_get_serial (scene->pango))
    {
      g_hash_table_remove_all (scene->texts);
      scene->texts_pango = scene->pango;
      scene->texts_serial = pango_context_get_serial (scene->pango);
    }

  entry = g_hash_table_lookup (scene->texts, &key);
  if (entry == NULL)
    {
      entry = g_new0 (Text, 1);
      entry->key.text = g_strdup (text);
      entry->key.width = key.width;
      entry->layout = create_layout (scene, text);
      if (key.width >= 0)
        {
          pango_layout_set_width (entry->layout, key.width);
          pango_layout_set_ellipsize (entry->layout, PANGO_ELLIPSIZE_END);
        }
      g_hash_table_insert (scene->texts, &entry->key, entry);
    }
  entry->frame = scene->texts_frame;

  return g_object_ref (entry->layout);
}

/* Those not drawn in this frame or the one before go. */
static void
trim_texts (DmScene *scene)
{
  GHashTableIter iter;
  Text *text;

  scene->texts_frame++;
  if (scene->texts == NULL)
    return;
  g_hash_table_iter_init (&iter, scene->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    if (text->frame + 2 < scene->texts_frame)
      g_hash_table_iter_remove (&iter);
}

static const char *
event_label (DmScene *scene,
             guint    position)
{
  return dm_text_get (&dm_dataset_get_event (scene->dataset, position)->title, scene->language);
}

/* Where a label of one line can break into two about as wide: the break
 * opportunity that makes the wider line narrowest. 0: none. */
static double
wrapped_width (PangoLayout *layout,
               const char  *text,
               double       natural)
{
  const PangoLogAttr *attrs;
  const char *p = text;
  double best = G_MAXDOUBLE;
  int n_attrs;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (int i = 0; i < n_attrs - 1 && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      PangoRectangle at;
      PangoRectangle before;
      double left;
      double right;

      if (i == 0 || !attrs[i].is_line_break)
        continue;

      /* The first line ends before the white space the break follows. */
      pango_layout_index_to_pos (layout, (int) (p - text), &at);
      left = at.x / (double) PANGO_SCALE;
      if (attrs[i - 1].is_white)
        {
          pango_layout_index_to_pos (layout, (int) (g_utf8_prev_char (p) - text), &before);
          left = before.x / (double) PANGO_SCALE;
        }
      right = natural - at.x / (double) PANGO_SCALE;
      best = MIN (best, MAX (left, right));
    }

  return best < natural ? ceil (best) + 1 : 0;
}

/* A label's widths, measured together on one layout: whole, and cut
 * after its first LABEL_SHORT characters (an ellipsis included), the
 * least it is cut to, to save a row. On two lines is measured when asked
 * (measure_wrapped_label()): few labels need it. */
static void
measure_widths (DmScene *scene,
                guint    position)
{
  const char *text = event_label (scene, position);
  g_autoptr(PangoLayout) layout = create_layout (scene, text);
  float *natural = &g_array_index (scene->label_widths, float, position);
  float *short_width = &g_array_index (scene->short_widths, float, position);
  int w;

  /* Its natural width: a label is cut only where it has no room
   * (dm-layout.c), never to a fixed width. */
  pango_layout_set_width (layout, LABEL_MAX_WIDTH * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, NULL);
  *natural = (float) w;

  *short_width = *natural;
  if (g_utf8_strlen (text, -1) > LABEL_SHORT)
    {
      PangoRectangle at;

      if (scene->ellipsis_width < 0)
        {
          g_autoptr(PangoLayout) ellipsis = create_layout (scene, "…");

          pango_layout_get_pixel_size (ellipsis, &w, NULL);
          scene->ellipsis_width = w;
        }
      pango_layout_index_to_pos (layout, (int) (g_utf8_offset_to_pointer (text, LABEL_SHORT) - text), &at);
      *short_width = (float) MIN (*natural, ceil (at.x / (double) PANGO_SCALE + scene->ellipsis_width));
    }
}

/* Labels measured ahead: as many events each side of the view's middle,
 * in the events' order (by time), as the layout holds (a zoom out to
 * three times the span shows about as many more), at least the first;
 * none when it holds more than the most, where the events shown are
 * mostly clusters and measuring ahead took twice the CPU time per frame
 * for frames no faster (a million events, 2000 each side). A timeline
 * of up to DmScene.measure_all events has all its labels measured, out
 * from the view's middle, whatever the layout holds: once, a fraction of
 * a second of idle time, and the first zoom steps in from the whole
 * span, which lay out events too many to measure ahead, no longer
 * measure in the frame. */
#define MEASURE_AHEAD_LEAST 64
#define MEASURE_AHEAD_MOST  2000

gboolean
dm_scene_measure_ahead (DmScene *scene,
                        gint64   budget_us)
{
  gint64 until = g_get_monotonic_time () + budget_us;
  guint n;
  guint around;
  guint represented = 0;
  guint each_side;

  g_return_val_if_fail (scene != NULL, FALSE);

  if (scene->dataset == NULL || scene->pango == NULL || dm_layout_get_n_items (scene->layout) == 0)
    return FALSE;
  n = dm_dataset_get_n_events (scene->dataset);
  if (scene->label_widths->len != n)
    return FALSE;

  /* From the event in the middle of what was last laid out (the view may
   * have moved since, a step at most while it animates), outwards, both
   * ways in turn; again from the start when the view has moved (those
   * measured since are passed over). */
  around = dm_layout_get_item (scene->layout, dm_layout_get_n_items (scene->layout) / 2)->position;
  if (around >= n)
    return FALSE;
  if (n <= scene->measure_all)
    each_side = n;
  else
    {
      for (guint i = 0; i < dm_layout_get_n_items (scene->layout); i++)
        represented += MAX (dm_layout_get_item (scene->layout, i)->count, 1);
      if (represented > MEASURE_AHEAD_MOST)
        return FALSE;
      each_side = MAX (represented, MEASURE_AHEAD_LEAST);
    }
  if (around != scene->ahead.around || scene->ahead.labels_serial != scene->labels_serial)
    {
      scene->ahead.around = around;
      scene->ahead.step = 0;
      scene->ahead.labels_serial = scene->labels_serial;
    }

  while (scene->ahead.step < 2 * each_side)
    {
      guint step = scene->ahead.step++;
      gint64 position = step % 2 == 0 ? (gint64) around + step / 2 : (gint64) around - 1 - step / 2;

      if (position < 0 || position >= n)
        continue;
      if (scene->visible != NULL && !scene->visible[position])
        continue;
      if (g_array_index (scene->label_widths, float, position) >= 0)
        continue;
      measure_widths (scene, (guint) position);
      if (g_get_monotonic_time () >= until)
        return TRUE;
    }

  return FALSE;
}

static double
measure_label (guint    position,
               gpointer user_data)
{
  DmScene *scene = user_data;
  float *width = &g_array_index (scene->label_widths, float, position);

  if (*width < 0)
    measure_widths (scene, position);
  return *width;
}

static double
measure_short_label (guint    position,
                     gpointer user_data)
{
  DmScene *scene = user_data;

  if (g_array_index (scene->short_widths, float, position) < 0)
    measure_widths (scene, position);
  return g_array_index (scene->short_widths, float, position);
}

/* @position's label wrapped at word ends to @width. */
static PangoLayout *
create_wrapped_layout (DmScene *scene,
                       guint    position,
                       double   width)
{
  PangoLayout *layout = create_layout (scene, event_label (scene, position));

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  return layout;
}

/* The width of a label on two lines about as wide, 0 when it is short
 * enough to keep on one or does not break. */
static double
measure_wrapped_label (guint    position,
                       gpointer user_data)
{
  DmScene *scene = user_data;
  float *wrapped = &g_array_index (scene->wrapped_widths, float, position);
  double natural = measure_label (position, user_data);

  if (*wrapped < 0)
    {
      const char *text = event_label (scene, position);
      g_autoptr(PangoLayout) layout = create_layout (scene, text);

      *wrapped = 0;
      if (natural >= LABEL_WRAP_LEAST && natural < LABEL_MAX_WIDTH)
        *wrapped = (float) wrapped_width (layout, text, natural);
    }

  return *wrapped;
}

/* Where each lane starts: the rows the layout gave it, and the height
 * to spare shared between lanes (a row's worth each at most). */
static void
place_lanes (DmScene *scene)
{
  guint n = dm_scene_get_n_lanes (scene);
  double sum = 0;
  double extra;
  double y = 0;

  guint n_shown = 0;

  for (guint lane = 0; lane < n; lane++)
    if (dm_scene_lane_shown (scene, lane))
      {
        sum += dm_layout_get_lane_rows (scene->layout, lane) * scene->row_height + scene->lane_padding;
        n_shown++;
      }
  extra = n_shown > 0 ? CLAMP ((scene->height - scene->axis_height - sum) / n_shown, 0, scene->row_height) : 0;
  extra = floor (extra);

  g_array_set_size (scene->lane_tops, n + 1);
  for (guint lane = 0; lane < n; lane++)
    {
      double height = dm_layout_get_lane_rows (scene->layout, lane) * scene->row_height + scene->lane_padding + extra;

      if (!dm_scene_lane_shown (scene, lane))
        {
          g_array_index (scene->lane_tops, double, lane) = y;
          continue;
        }

      /* A name wrapped on more lines than the lane has rows. */
      if (dm_layout_get_lane_rows (scene->layout, lane) < 2 && scene->header_width < scene->header_needed)
        height = MAX (height, header_height (scene, lane));

      g_array_index (scene->lane_tops, double, lane) = y;
      y += height;
    }
  g_array_index (scene->lane_tops, double, n) = y;
}

void
dm_scene_ensure_layout (DmScene *scene)
{
  if (scene->layout_valid || scene->dataset == NULL)
    return;

  if (scene->label_widths->len != dm_dataset_get_n_events (scene->dataset))
    dm_scene_reset_labels (scene);
  if (scene->header_needed < 0)
    scene->header_needed = dm_scene_measure_header_width (scene, 0);

  /* The layout starts at a whole multiple of LAYOUT_ANCHOR pixels left of
   * the view, not at the view's edge: while the view pans within one such
   * step, the layout is the same, so clusters do not regroup at every
   * frame and each item keeps its image (draw_items()). */
  {
    DmTimeScale anchored = scene->scale;
    double step = LAYOUT_ANCHOR * scene->scale.days_per_px;
    double offset;

    /* A step more on the left: events whose markers left the view keep
     * their labels in it (at its edge, dm_scene_draw()). */
    anchored.origin = floor (scene->scale.origin / step) * step - step;
    offset = (scene->scale.origin - anchored.origin) / scene->scale.days_per_px;
    if (!isfinite (offset) || offset < 0 || offset > 3 * LAYOUT_ANCHOR)
      anchored.origin = scene->scale.origin, offset = 0;
    scene->layout_offset = offset;

    /* Rows are shared by what each lane holds, from what the height
     * allows; labels keep to the part in view. Selected and found events
     * never fold. */
    {
      DmLayoutMetrics metrics = scene->metrics;
      DmLayoutOptions options = { scene->matches, scene->selected, measure_short_label, measure_wrapped_label };
      guint lanes = MAX (dm_scene_get_n_lanes (scene), 1);
      guint shown = 0;
      double room;
      guint total;

      /* A lane not shown holds no event the layout sees and takes its
       * least, a row, which the canvas does not give it. */
      for (guint lane = 0; lane < lanes; lane++)
        shown += dm_scene_lane_shown (scene, lane);
      shown = MAX (shown, 1);
      room = scene->height - scene->axis_height - shown * scene->lane_padding;
      total = (guint) MAX (floor (room / scene->row_height), shown) + (lanes - shown);

      metrics.total_rows = total;
      metrics.max_rows = MIN (total - (lanes - 1), LANE_MAX_ROWS) - 1;
      metrics.label_start = offset;
      metrics.label_end = offset + dm_scene_get_time_width (scene) - scene->metrics.gap;
      dm_layout_set_options (scene->layout, &options);

      /* Its right edge too, where bars longer than the view are cut. */
      dm_layout_compute (scene->layout, scene->dataset, scene->visible, &anchored,
                         ceil ((dm_scene_get_time_width (scene) + offset) / LAYOUT_ANCHOR) * LAYOUT_ANCHOR,
                         &metrics, measure_label, scene);
    }
  }
  place_lanes (scene);
  scene->layout_valid = TRUE;
}

double
dm_scene_measure_header_width (DmScene *scene,
                               double   max_width)
{
  double widest = 0;

  if (scene->dataset == NULL || scene->pango == NULL)
    return scene->header_width;

  for (guint i = 0; i < dm_dataset_get_n_kinds (scene->dataset); i++)
    {
      const DmKind *kind = dm_dataset_get_kind (scene->dataset, i);
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      if (!dm_scene_lane_shown (scene, i))
        continue;
      layout = create_layout (scene, dm_text_get (&kind->label, scene->language));

      pango_layout_set_width (layout, LABEL_MAX_WIDTH * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }

  /* The glyph on the left, a little room on the right. */
  widest = ceil (widest + HEADER_TEXT_X + HEADER_TEXT_END);
  return max_width > 0 ? MIN (widest, max_width) : widest;
}

gboolean
dm_scene_item_in_view (const DmScene      *scene,
                       const DmLayoutItem *item)
{
  return dm_scene_time_in_view (scene, item->axis_start, item->axis_end);
}

gboolean
dm_scene_time_in_view (const DmScene *scene,
                       double         axis_start,
                       double         axis_end)
{
  double a = dm_time_scale_x_to_axis (&scene->scale, 0);
  double b = dm_time_scale_x_to_axis (&scene->scale, dm_scene_get_time_width (scene));

  return axis_end >= a && axis_start <= b;
}

int
dm_scene_hit (DmScene *scene,
              double   x,
              double   y)
{
  guint n;

  if (scene->dataset == NULL || x < scene->header_width || y < scene->axis_height)
    return -1;

  dm_scene_ensure_layout (scene);
  n = dm_scene_get_n_lanes (scene);
  for (guint lane = 0; lane < n; lane++)
    {
      guint rows = dm_layout_get_lane_rows (scene->layout, lane);
      double top = dm_scene_get_row_y (scene, lane, 0);
      double row;

      if (y < top || y >= top + rows * scene->row_height)
        continue;
      row = floor ((y - top) / scene->row_height);
      return dm_layout_hit (scene->layout, lane, (guint) row, x - scene->header_width + scene->layout_offset);
    }

  return -1;
}

/* TRUE when some of @lane shows below the axis: with thousands of kinds,
 * the lanes scroll and only those in view are drawn. */
static gboolean
lane_in_view (const DmScene *scene,
              guint          lane)
{
  double y;
  double lane_height;

  dm_scene_get_lane_extent (scene, lane, &y, &lane_height);
  return lane_height > 0 && y + lane_height > scene->axis_height && y < scene->height;
}

static gboolean
parse_color (const char *text,
             DmColor    *color)
{
  guint r;
  guint g;
  guint b;

  if (text == NULL)
    return FALSE;
  if (strlen (text) == 7 && sscanf (text, "#%02x%02x%02x", &r, &g, &b) == 3)
    *color = (DmColor) { r / 255.0, g / 255.0, b / 255.0, 1 };
  else if (strlen (text) == 4 && sscanf (text, "#%1x%1x%1x", &r, &g, &b) == 3)
    *color = (DmColor) { r * 17 / 255.0, g * 17 / 255.0, b * 17 / 255.0, 1 };
  else
    return FALSE;

  return TRUE;
}

/* WCAG 2.1: sRGB to linear light, then luminance. */
static double
channel_luminance (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const DmColor *c)
{
  return 0.2126 * channel_luminance (c->red) + 0.7152 * channel_luminance (c->green) +
         0.0722 * channel_luminance (c->blue);
}

double
dm_color_contrast (const DmColor *a,
                   const DmColor *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

DmColor
dm_color_over (const DmColor *color,
               double         alpha,
               const DmColor *under)
{
  double a = CLAMP (color->alpha * alpha, 0, 1);

  return (DmColor) { color->red * a + under->red * (1 - a), color->green * a + under->green * (1 - a),
                     color->blue * a + under->blue * (1 - a), 1 };
}

DmColor
dm_scene_get_paper (const DmScene *scene)
{
  static const DmColor white = { 1, 1, 1, 1 };
  const DmColor *paper = scene->background.alpha > 0 ? &scene->background :
                         scene->paper.alpha > 0 ? &scene->paper : &white;

  /* A translucent background shows white paper through it. */
  return dm_color_over (paper, 1, &white);
}

/* The contrast graphics need (WCAG 2.1, 1.4.11). */
#define GRAPHIC_CONTRAST 3.0

static void
work_out_kind_color (const DmScene *scene,
                     guint          lane,
                     DmColor       *color)
{
  const DmKind *kind = scene->dataset != NULL && lane < dm_dataset_get_n_kinds (scene->dataset)
                       ? dm_dataset_get_kind (scene->dataset, lane) : NULL;
  DmColor paper = dm_scene_get_paper (scene);
  DmColor toward;
  DmColor base;

  if (kind == NULL || !parse_color (kind->color, &base))
    base = scene->foreground;
  base.alpha = 1;

  /* Toward black on light paper, white on dark: a yellow kind on white,
   * a brown one on dark grey, would not stand out. */
  toward = luminance (&paper) > 0.18 ? (DmColor) { 0, 0, 0, 1 } : (DmColor) { 1, 1, 1, 1 };
  *color = base;
  for (guint step = 1; step <= 20; step++)
    {
      DmColor outline = dm_color_over (color, DM_SCENE_OUTLINE_ALPHA, &paper);

      if (dm_color_contrast (&outline, &paper) >= GRAPHIC_CONTRAST)
        break;
      *color = dm_color_over (&toward, step / 20.0, &base);
    }
}

/* Worked out once for each kind, while the dataset, the paper and the
 * foreground stay: a frame draws thousands of marks. */
void
dm_scene_get_kind_color (const DmScene *scene,
                         guint          lane,
                         DmColor       *color)
{
  DmScene *self = (DmScene *) scene;
  DmColor paper = dm_scene_get_paper (scene);
  guint n = scene->dataset != NULL ? dm_dataset_get_n_kinds (scene->dataset) + 1 : 1;

  if (self->kind_colors == NULL)
    self->kind_colors = g_array_new (FALSE, TRUE, sizeof (DmColor));

  if (self->kind_colors_for.dataset != scene->dataset || self->kind_colors->len != n ||
      memcmp (&self->kind_colors_for.paper, &paper, sizeof paper) != 0 ||
      memcmp (&self->kind_colors_for.foreground, &scene->foreground, sizeof scene->foreground) != 0)
    {
      g_array_set_size (self->kind_colors, n);
      for (guint i = 0; i < n; i++)
        work_out_kind_color (scene, i, &g_array_index (self->kind_colors, DmColor, i));
      self->kind_colors_for.dataset = scene->dataset;
      self->kind_colors_for.paper = paper;
      self->kind_colors_for.foreground = scene->foreground;
    }

  /* Past the kinds: events of no kind, in the foreground's colour. */
  *color = g_array_index (scene->kind_colors, DmColor, MIN (lane, n - 1));
}

double
dm_scene_get_open_alpha (const DmScene *scene,
                         const DmColor *color)
{
  DmColor paper = dm_scene_get_paper (scene);

  for (double alpha = 0.6; alpha < 1; alpha += 0.05)
    {
      DmColor outline = dm_color_over (color, alpha, &paper);

      if (dm_color_contrast (&outline, &paper) >= GRAPHIC_CONTRAST)
        return alpha;
    }
  return 1;
}

static void
set_color (cairo_t       *cr,
           const DmColor *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* The radius a rectangle @w by @h has its corners rounded by, asked for
 * @r: no more than half its width or height. */
static double
corner_radius (double r,
               double w,
               double h)
{
  return MIN (r, MIN (w, h) / 2);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = corner_radius (r, w, h);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The rounding of a bar's corners. */
#define BAR_RADIUS 4

/* Inferred and approximate dates have a dashed outline: DASH_ON long,
 * DASH_OFF apart. */
#define DASH_ON  3
#define DASH_OFF 2

/* The straight edge from (@x0, @y) to (@x1, @y) as a sub-path of its own,
 * so that its dashes start at @x0 whatever comes before it; only as far
 * as @cr's clip shows, from a whole dash, so that the dashes in view are
 * the ones the whole edge has (a bar at a close zoom is far wider than
 * what is drawn of it, and cairo dashes all of a path it is given). */
static void
dashed_edge (cairo_t *cr,
             double   x0,
             double   x1,
             double   y)
{
  double left;
  double right;

  cairo_clip_extents (cr, &left, NULL, &right, NULL);
  if (left > x0)
    x0 += floor ((left - x0) / (DASH_ON + DASH_OFF)) * (DASH_ON + DASH_OFF);
  x1 = MIN (x1, right + DASH_ON + DASH_OFF);
  if (x1 <= x0)
    return;
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
}

/* A rounded rectangle's outline as four sub-paths, each dashed from its
 * own start: the top and the bottom edges from their left ends (so that
 * a part of either can be told as a row of dashes from there,
 * DmSceneSink.dashes), then each rounded end. */
static void
rounded_outline_in_edges (cairo_t *cr,
                          double   x,
                          double   y,
                          double   w,
                          double   h,
                          double   r)
{
  r = corner_radius (r, w, h);
  cairo_new_path (cr);
  dashed_edge (cr, x + r, x + w - r, y);
  dashed_edge (cr, x + r, x + w - r, y + h);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
}

/* The scene told to a sink (dm_scene_describe_time()): its pieces go
 * there, in scene pixels, rather than onto @cr, which only places them. */

/* A sink that takes shapes and text (DmSceneSink.shape) is told them
 * rather than handed pieces drawn with cairo. */
static gboolean
telling_shapes (const DmScene *scene)
{
  return scene->sink != NULL && scene->sink->shape != NULL;
}

#define SHAPE_BEYOND 64 /* px: how far past the view a shape told goes */

/* The outline, and the fill, of the path on @cr. */
static void
finish_shape (cairo_t       *cr,
              const DmColor *fill,
              double         fill_alpha,
              const DmColor *line,
              double         line_alpha,
              double         line_width,
              gboolean       dashed)
{
  if (fill != NULL)
    {
      set_color (cr, fill, fill_alpha);
      cairo_fill_preserve (cr);
    }
  set_color (cr, line, line_alpha);
  cairo_set_line_width (cr, line_width);
  if (dashed)
    {
      static const double dash[] = { DASH_ON, DASH_OFF };
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A rounded rectangle filled with @fill (NULL: not filled) and outlined
 * @line_width wide, dashed if @dashed: onto @cr, or told to a sink that
 * takes shapes (never a dashed one: those go onto pieces). A bar far
 * wider than the view is told only as far as a little past it. */
static void
draw_rounded (DmScene       *scene,
              cairo_t       *cr,
              double         x,
              double         y,
              double         w,
              double         h,
              double         r,
              const DmColor *fill,
              double         fill_alpha,
              const DmColor *line,
              double         line_alpha,
              double         line_width,
              gboolean       dashed)
{
  if (telling_shapes (scene))
    {
      double x1;

      g_assert (!dashed);
      r = corner_radius (r, w, h);
      cairo_user_to_device (cr, &x, &y);
      x1 = MIN (x + w, scene->width + SHAPE_BEYOND);
      x = MAX (x, -SHAPE_BEYOND);
      if (x1 > x)
        scene->sink->shape (scene->sink_data, x, y, x1 - x, h, r, fill, fill_alpha, line, line_alpha, line_width);
      return;
    }

  if (!dashed)
    {
      rounded_rect (cr, x, y, w, h, r);
      finish_shape (cr, fill, fill_alpha, line, line_alpha, line_width, FALSE);
      return;
    }
  if (fill != NULL)
    {
      rounded_rect (cr, x, y, w, h, r);
      set_color (cr, fill, fill_alpha);
      cairo_fill (cr);
    }
  rounded_outline_in_edges (cr, x, y, w, h, r);
  finish_shape (cr, NULL, 0, line, line_alpha, line_width, TRUE);
}

/* The same, for a circle of @r round (@cx, @cy). */
static void
draw_circle (DmScene       *scene,
             cairo_t       *cr,
             double         cx,
             double         cy,
             double         r,
             const DmColor *fill,
             double         fill_alpha,
             const DmColor *line,
             double         line_alpha,
             double         line_width,
             gboolean       dashed)
{
  if (telling_shapes (scene))
    {
      g_assert (!dashed);
      cairo_user_to_device (cr, &cx, &cy);
      scene->sink->shape (scene->sink_data, cx - r, cy - r, 2 * r, 2 * r, r,
                          fill, fill_alpha, line, line_alpha, line_width);
      return;
    }

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  finish_shape (cr, fill, fill_alpha, line, line_alpha, line_width, dashed);
}

static void
fill_rect (DmScene       *scene,
           cairo_t       *cr,
           const DmColor *color,
           double         alpha,
           double         x,
           double         y,
           double         width,
           double         height)
{
  if (scene->sink != NULL)
    {
      cairo_user_to_device (cr, &x, &y);
      scene->sink->rect (scene->sink_data, color, alpha, x, y, width, height);
      return;
    }

  set_color (cr, color, alpha);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

/* A piece of its own for what is drawn from (@x, @y), @width by @height,
 * in whole pixels: draw onto what this gives, then end_piece(). */
static cairo_t *
begin_piece (DmScene *scene,
             cairo_t *cr,
             double   x,
             double   y,
             double   width,
             double   height)
{
  double x1 = x + width;
  double y1 = y + height;
  cairo_matrix_t matrix;
  cairo_t *piece;

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device (cr, &x1, &y1);
  x = floor (x);
  y = floor (y);
  piece = scene->sink->begin (scene->sink_data, x, y, MAX (ceil (x1) - x, 1), MAX (ceil (y1) - y, 1));
  cairo_get_matrix (cr, &matrix);
  cairo_set_matrix (piece, &matrix);

  return piece;
}

static void
end_piece (DmScene *scene,
           cairo_t *piece)
{
  scene->sink->end (scene->sink_data, piece);
}

/* cairo_save() and a clip to the rectangle; unclip() restores. */
static void
clip_rect (DmScene *scene,
           cairo_t *cr,
           double   x,
           double   y,
           double   width,
           double   height)
{
  cairo_save (cr);
  if (scene->sink != NULL)
    {
      cairo_user_to_device (cr, &x, &y);
      scene->sink->push_clip (scene->sink_data, x, y, width, height);
      return;
    }

  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
}

static void
unclip (DmScene *scene,
        cairo_t *cr)
{
  if (scene->sink != NULL)
    scene->sink->pop_clip (scene->sink_data);
  cairo_restore (cr);
}

static void
draw_text (DmScene        *scene,
           cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          max_width,
           const DmColor  *color,
           double          alpha)
{
  g_autoptr(PangoLayout) layout = text_layout (scene, text, max_width);

  if (telling_shapes (scene))
    {
      cairo_user_to_device (cr, &x, &y);
      scene->sink->text (scene->sink_data, layout, x, y, color, alpha);
      return;
    }
  if (scene->sink != NULL)
    {
      PangoRectangle ink;
      PangoRectangle logical;
      int left;
      int top;
      int right;
      int bottom;
      cairo_t *piece;

      /* The ink and the line, and the pixel past them antialiasing
       * reaches. */
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      left = MIN (ink.x, logical.x) - 2;
      top = MIN (ink.y, logical.y) - 2;
      right = MAX (ink.x + ink.width, logical.x + logical.width) + 2;
      bottom = MAX (ink.y + ink.height, logical.y + logical.height) + 2;
      piece = begin_piece (scene, cr, x + left, y + top, right - left, bottom - top);
      set_color (piece, color, alpha);
      cairo_move_to (piece, x, y);
      pango_cairo_show_layout (piece, layout);
      end_piece (scene, piece);
      return;
    }

  set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  /* Exports that keep text as text hear of each piece, where it went. */
  if (scene->text_func != NULL)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
      double baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      const PangoFontDescription *font = pango_context_get_font_description (scene->pango);
      double size = font ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 10;
      double device_x = x;
      double device_y = y + baseline;
      const char *laid_out = pango_layout_get_text (layout);
      g_autofree char *shown = NULL;

      /* The text as shown: up to where the ellipsis cut it. */
      if (line != NULL && pango_layout_is_ellipsized (layout))
        shown = g_strdup_printf ("%.*s…", (int) MIN ((gsize) line->length, strlen (laid_out)), laid_out);
      pango_layout_iter_free (iter);

      cairo_user_to_device (cr, &device_x, &device_y);
      scene->text_func (shown ? shown : laid_out, device_x, device_y, size, scene->text_data);
    }
}

/* Each kind's glyph, parsed once: icon name → RsvgHandle, for the life of
 * the process (a handful of small SVGs). Exports may draw from a worker
 * thread while the window draws, hence the lock, held while rendering too,
 * since an RsvgHandle is not meant to be used by two threads at once. */
static GMutex glyphs_lock;
static GHashTable *glyphs;

static RsvgHandle *
load_glyph (const char *icon)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/icons/kinds/%s.svg", icon);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;

  if (bytes == NULL)
    return NULL;

  handle = rsvg_handle_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (handle == NULL)
    g_critical ("The glyph %s cannot be read: %s", path, error->message);
  return handle;
}

/* The glyph named @icon, or NULL when the render library has none of that
 * name. Call with glyphs_lock held. */
static RsvgHandle *
lookup_glyph_locked (const char *icon)
{
  gpointer handle;

  if (glyphs == NULL)
    glyphs = g_hash_table_new (g_str_hash, g_str_equal);

  if (!g_hash_table_lookup_extended (glyphs, icon, NULL, &handle))
    {
      handle = load_glyph (icon);
      g_hash_table_insert (glyphs, g_strdup (icon), handle);
    }
  return handle;
}

gboolean
dm_scene_has_glyph (const char *icon)
{
  gboolean found;

  g_return_val_if_fail (icon != NULL, FALSE);

  g_mutex_lock (&glyphs_lock);
  found = lookup_glyph_locked (icon) != NULL;
  g_mutex_unlock (&glyphs_lock);

  return found;
}

/* A lane's name, wrapped at word ends to the headers' width: a name is
 * never cut (dm_scene_measure_header_width()). */
static PangoLayout *
create_header_layout (DmScene *scene,
                      guint    lane)
{
  const DmKind *kind = dm_dataset_get_kind (scene->dataset, lane);
  PangoLayout *layout = create_layout (scene, dm_text_get (&kind->label, scene->language));

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, (int) (MAX (scene->header_width - HEADER_TEXT_X - HEADER_TEXT_END, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  return layout;
}

/* Where a lane's header starts, below the lane's top. */
static double
header_offset (const DmScene *scene)
{
  return scene->lane_padding / 2 + (scene->row_height - 16) / 2;
}

static double
header_height (DmScene *scene,
               guint    lane)
{
  g_autoptr(PangoLayout) layout = NULL;
  int h;

  if (scene->header_width <= 0 || lane >= dm_dataset_get_n_kinds (scene->dataset) || scene->pango == NULL)
    return 0;

  layout = create_header_layout (scene, lane);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return header_offset (scene) - 2 + h + scene->lane_padding / 2;
}

static void
draw_header_text (DmScene       *scene,
                  cairo_t       *cr,
                  guint          lane,
                  double         x,
                  double         y,
                  const DmColor *color,
                  double         alpha)
{
  g_autoptr(PangoLayout) layout = create_header_layout (scene, lane);
  const char *text = pango_layout_get_text (layout);

  set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  /* Exports that keep text as text hear of each line. */
  if (scene->text_func != NULL)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      const PangoFontDescription *font = pango_context_get_font_description (scene->pango);
      double size = font ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 10;

      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          double device_x = x;
          double device_y = y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
          g_autofree char *piece = g_strndup (text + line->start_index, line->length);

          cairo_user_to_device (cr, &device_x, &device_y);
          if (piece[0] != '\0')
            scene->text_func (piece, device_x, device_y, size, scene->text_data);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
}

static void
draw_glyph (cairo_t       *cr,
            const char    *icon,
            double         x,
            double         y,
            double         size,
            const DmColor *color)
{
  RsvgHandle *handle;
  cairo_surface_t *mask;
  RsvgRectangle viewport = { 0, 0, size, size };
  cairo_t *mask_cr;

  /* The glyph is a mask, painted in the kind's colour: crisp at any scale
   * and in any theme. */
  /* An image mask at four times the size: sharp on screen and in print,
   * and not a recording surface, which cairo 1.16 leaks on PDF targets. */
  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) ceil (size * 4), (int) ceil (size * 4));
  cairo_surface_set_device_scale (mask, 4, 4);
  mask_cr = cairo_create (mask);

  g_mutex_lock (&glyphs_lock);
  handle = lookup_glyph_locked (icon ? icon : "generic");
  if (handle == NULL)
    handle = lookup_glyph_locked ("generic");
  /* The render library always has its generic glyph: without it the
   * resources were not linked (test-scene checks they are). */
  if (handle != NULL)
    rsvg_handle_render_document (handle, mask_cr, &viewport, NULL);
  else
    g_critical ("No kind glyphs: the render library's resources are missing");
  g_mutex_unlock (&glyphs_lock);
  cairo_destroy (mask_cr);

  set_color (cr, color, 1);
  cairo_mask_surface (cr, mask, x, y);
  cairo_surface_destroy (mask);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
dm_scene_list_glyphs (void)
{
  g_auto(GStrv) children = g_resources_enumerate_children (RESOURCE_PREFIX "/icons/kinds/", 0, NULL);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".svg") && !g_str_equal (children[i], "generic.svg"))
      g_ptr_array_add (names, g_strndup (children[i], strlen (children[i]) - strlen (".svg")));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

void
dm_scene_draw_glyph (cairo_t       *cr,
                     const char    *icon,
                     double         x,
                     double         y,
                     double         size,
                     const DmColor *color)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (color != NULL);

  if (size > 0)
    draw_glyph (cr, icon, x, y, size, color);
}

static void
draw_axis (DmScene        *scene,
           cairo_t        *cr,
           double          width,
           double          height,
           const DmColor  *fg)
{
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));
  g_autoptr(GArray) coarse_ticks = g_array_new (FALSE, FALSE, sizeof (DmTick));
  const DmTickLevel *level = dm_tick_level_for_scale (scene->scale.days_per_px, scene->tick_spacing);
  const DmTickLevel *coarse = dm_tick_level_get_coarser (level);
  double a = dm_time_scale_x_to_axis (&scene->scale, 0);
  double b = dm_time_scale_x_to_axis (&scene->scale, width);

  /* The coarse row: the period at the left edge is always named. */
  dm_tick_level_get_ticks (coarse, a - coarse->days * 1.5, b, coarse_ticks);
  for (guint i = 0; i < coarse_ticks->len; i++)
    {
      const DmTick *tick = &g_array_index (coarse_ticks, DmTick, i);
      const DmTick *next = i + 1 < coarse_ticks->len ? &g_array_index (coarse_ticks, DmTick, i + 1) : NULL;
      double x = dm_time_scale_axis_to_x (&scene->scale, tick->axis);
      double next_x = next ? dm_time_scale_axis_to_x (&scene->scale, next->axis) : width;
      g_autofree char *label = NULL;
      double label_x = MAX (x, 0) + 6;

      if (next_x < 0)
        continue;

      /* The period at the left edge, begun before the view, is named
       * only when the row below does not name it (months, days…). */
      if (x < 0 && level->unit == DM_TICK_YEARS)
        {
          fill_rect (scene, cr, fg, 0.25, x, 0, 1, height);
          continue;
        }

      fill_rect (scene, cr, fg, 0.25, x, 0, 1, height);

      /* No room for a name: better none than an ellipsis. The room grows
       * with the text (tick_spacing does). */
      if (next_x - label_x < scene->tick_spacing * 2 / 3)
        continue;
      label = dm_tick_format (tick, coarse, TRUE, scene->date_language);
      draw_text (scene, cr, label, label_x, 4, next_x - label_x - 6, fg, 0.9);
    }

  dm_tick_level_get_ticks (level, a, b, ticks);
  for (guint i = 0; i < ticks->len; i++)
    {
      const DmTick *tick = &g_array_index (ticks, DmTick, i);
      double x = dm_time_scale_axis_to_x (&scene->scale, tick->axis);
      g_autofree char *label = dm_tick_format (tick, level, FALSE, scene->date_language);

      fill_rect (scene, cr, fg, 0.08, x, scene->axis_height / 2, 1, height - scene->axis_height / 2);

      /* A label the right edge would cut is left out, not cut. */
      if (x + scene->tick_spacing > width)
        {
          g_autoptr(PangoLayout) layout = create_layout (scene, label);
          int w;

          pango_layout_get_pixel_size (layout, &w, NULL);
          if (x + 4 + MIN (w, scene->tick_spacing - 8) > width)
            continue;
        }
      draw_text (scene, cr, label, x + 4, scene->axis_height / 2 + 2, scene->tick_spacing - 8, fg, 0.6);
    }

  fill_rect (scene, cr, fg, 0.15, 0, scene->axis_height - 1, width, 1);
}

/* An open-ended event knows one bound of its date only ("no later than
 * November 2021"). It is drawn as what it is: a light, hollow marker at
 * the known bound (a date of coarse precision keeps its faint span) with a
 * tail that fades out toward the side nothing is known of, so that it
 * never reads as a stated date or as a bar with a start. */
static double
open_tail_length (const DmScene *scene)
{
  return 3 * scene->metrics.marker_size;
}

/* How far the tail of the event at @position reaches left of its x0 and
 * right of its x1; 0 for an event that is not open-ended. */
static void
open_tail_extent (const DmScene *scene,
                  guint          position,
                  double        *left,
                  double        *right)
{
  const DmEvent *event = dm_dataset_get_event (scene->dataset, position);

  *left = event->start_bound == DM_BOUND_BEFORE ? open_tail_length (scene) : 0;
  *right = event->start_bound == DM_BOUND_AFTER ? open_tail_length (scene) : 0;
}

/* The mark of an open-ended date between @x0 and @x1 in a row at @y,
 * @h high: the bound (a point, or the faint span of a coarse date), and
 * the tail from it toward the unknown side. */
static void
draw_open_mark (DmScene       *scene,
                cairo_t       *cr,
                double         x0,
                double         x1,
                double         y,
                double         h,
                DmBound        bound,
                DmCertainty    certainty,
                const DmColor *color,
                double         alpha)
{
  double cy = y + h / 2;
  double w = x1 - x0;
  double r = scene->metrics.marker_size / 2 - 1;
  gboolean before = bound == DM_BOUND_BEFORE;
  gboolean coarse = w > scene->metrics.marker_size + 0.5;
  double edge = coarse ? (before ? x0 : x1) : (x0 + x1) / 2 + (before ? -r : r);
  double far = edge + (before ? -1 : 1) * open_tail_length (scene);
  cairo_pattern_t *fade;

  /* The tail, from the bound into what is not known. */
  fade = cairo_pattern_create_linear (edge, 0, far, 0);
  cairo_pattern_add_color_stop_rgba (fade, 0, color->red, color->green, color->blue, color->alpha * 0.45 * alpha);
  cairo_pattern_add_color_stop_rgba (fade, 1, color->red, color->green, color->blue, 0);
  cairo_set_source (cr, fade);
  cairo_rectangle (cr, MIN (edge, far), cy - h / 6, fabs (far - edge), h / 3);
  cairo_fill (cr);
  cairo_pattern_destroy (fade);

  /* The bound: lighter than a stated date, hollow. */
  cairo_new_path (cr);
  if (coarse)
    rounded_rect (cr, x0, y, w, h, 4);
  else
    cairo_arc (cr, (x0 + x1) / 2, cy, r, 0, 2 * G_PI);
  finish_shape (cr, color, (coarse ? 0.1 : 0.15) * alpha, color, dm_scene_get_open_alpha (scene, color) * alpha,
                coarse ? 1 : 1.5, certainty != DM_CERTAINTY_STATED);
}

static void
draw_open_event (DmScene            *scene,
                 cairo_t            *cr,
                 const DmLayoutItem *item,
                 const DmEvent      *event,
                 const DmColor      *color,
                 double              alpha)
{
  draw_open_mark (scene, cr, item->x0, item->x1, dm_scene_get_row_y (scene, item->lane, item->row),
                  scene->row_height - 6, event->start_bound, event->certainty, color, alpha);
}

/* The marks of the legend (dm_scene_draw_legend()), drawn as items are. */
static void
draw_legend_mark (DmScene       *scene,
                  cairo_t       *cr,
                  DmSceneMark    mark,
                  double         x,
                  double         y,
                  double         h,
                  const DmColor *color)
{
  double r = scene->metrics.marker_size / 2 - 1;
  double cx = x + open_tail_length (scene) + r + 1;

  switch (mark)
    {
    case DM_SCENE_MARK_OPEN:
      draw_open_mark (scene, cr, cx - r - 1, cx + r + 1, y, h, DM_BOUND_BEFORE, DM_CERTAINTY_STATED, color, 1);
      return;

    case DM_SCENE_MARK_COARSE:
      rounded_rect (cr, x, y, open_tail_length (scene) + 2 * r + 2, h, 4);
      set_color (cr, color, 0.15);
      cairo_fill_preserve (cr);
      set_color (cr, color, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      return;

    case DM_SCENE_MARK_STATED:
    case DM_SCENE_MARK_INFERRED:
    case DM_SCENE_N_MARKS:
    default:
      cairo_new_path (cr);
      cairo_arc (cr, cx, y + h / 2, r, 0, 2 * G_PI);
      set_color (cr, color, mark == DM_SCENE_MARK_STATED ? 1 : 0.25);
      cairo_fill_preserve (cr);
      set_color (cr, color, 1);
      cairo_set_line_width (cr, 2);
      if (mark != DM_SCENE_MARK_STATED)
        {
          static const double dash[] = { DASH_ON, DASH_OFF };
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
}

void
dm_scene_get_legend_labels (const char *labels[DM_SCENE_N_MARKS])
{
  labels[DM_SCENE_MARK_STATED] = _("Stated date");
  labels[DM_SCENE_MARK_INFERRED] = _("Inferred or approximate date");
  labels[DM_SCENE_MARK_OPEN] = _("Open-ended: only one bound known");
  labels[DM_SCENE_MARK_COARSE] = _("Known to the year or month");
}

double
dm_scene_draw_legend (DmScene            *scene,
                      cairo_t            *cr,
                      double              x,
                      double              y,
                      double              width,
                      const char * const  labels[DM_SCENE_N_MARKS])
{
  double h = scene->row_height - 6;
  double mark_width = open_tail_length (scene) + scene->metrics.marker_size + 2;
  double left = x;
  double top = y;

  g_return_val_if_fail (scene != NULL && cr != NULL && labels != NULL, 0);

  for (guint m = 0; m < DM_SCENE_N_MARKS; m++)
    {
      g_autoptr(PangoLayout) layout = create_layout (scene, labels[m]);
      int text_width;
      double item_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      item_width = mark_width + scene->metrics.gap + text_width + 3 * scene->metrics.gap;

      /* Another row when this one is full. */
      if (left > x && left + item_width > x + width)
        {
          left = x;
          top += scene->row_height;
        }
      draw_legend_mark (scene, cr, (DmSceneMark) m, left, top, h, &scene->foreground);
      draw_text (scene, cr, labels[m], left + mark_width + scene->metrics.gap, top + 1, 0, &scene->foreground, 0.9);
      left += item_width;
    }

  return top + scene->row_height - y;
}

/* An event's label, beside or inside its marker or bar. */
static void
draw_item_label (DmScene            *scene,
                 cairo_t            *cr,
                 const DmLayoutItem *item,
                 const DmColor      *fg,
                 double              alpha)
{
  double y = dm_scene_get_row_y (scene, item->lane, item->row);

  if (item->label_width > 0 && item->label_inside)
    {
      /* A bar that starts off screen keeps its label in view. */
      double label_x = MAX (item->label_x, scene->metrics.gap);
      double room = item->x1 - scene->metrics.gap - label_x;

      if (room > 24)
        draw_text (scene, cr, event_label (scene, item->position), label_x, y + 1, room, fg, alpha);
    }
  else if (item->label_width > 0)
    {
      /* A label whose start left the view stays at its left edge, cut
       * at its end rather than mid-word at its start. */
      double label_x = MAX (item->label_x, LABEL_EDGE);
      double room = item->label_x + item->label_width - label_x;

      if (room < LABEL_LEAST && label_x != item->label_x)
        room = 0;
      if (room <= 0)
        {
          /* Too little of it left in view to say anything. */
        }
      else if (item->label_lines == 2)
        {
          /* Wrapped: each line in its row, as the layout made room. */
          g_autoptr(PangoLayout) wrapped = create_wrapped_layout (scene, item->position, item->label_width + 1);
          const char *text = pango_layout_get_text (wrapped);

          for (int line = 0; line < MIN (pango_layout_get_line_count (wrapped), 2); line++)
            {
              PangoLayoutLine *l = pango_layout_get_line_readonly (wrapped, line);
              g_autofree char *piece = g_strndup (text + l->start_index, l->length);

              g_strchomp (piece);
              /* What did not fit on two lines ends the second. */
              if (line == 1 && pango_layout_get_line_count (wrapped) > 2)
                {
                  g_autofree char *rest = g_strdup (text + l->start_index);

                  g_free (piece);
                  piece = g_steal_pointer (&rest);
                }
              draw_text (scene, cr, piece, label_x, y + 1 + line * scene->row_height, room + 1, fg, alpha);
            }
        }
      else
        draw_text (scene, cr, event_label (scene, item->position), label_x, y + 1, room + 1, fg, alpha);
    }
}

/* An event's marker or bar, with its outline and the selection's ring,
 * in @color at @alpha (0.3: left out by a search). */
static void
draw_event_mark (DmScene            *scene,
                 cairo_t            *cr,
                 const DmLayoutItem *item,
                 const DmColor      *color,
                 const DmColor      *accent,
                 double              alpha)
{
  double y = dm_scene_get_row_y (scene, item->lane, item->row);
  double h = scene->row_height - 6;
  double cy = y + h / 2;
  const DmEvent *event = dm_dataset_get_event (scene->dataset, item->position);
  gboolean stated = event->certainty == DM_CERTAINTY_STATED;
  gboolean range = dm_event_is_range (event);
  gboolean selected = (int) item->position == scene->selected;
  double w = item->x1 - item->x0;

  if (dm_event_is_open (event))
    draw_open_event (scene, cr, item, event, color, alpha);
  else if (w > scene->metrics.marker_size + 0.5)
    {
      /* A range is a bar; a date of coarse precision is the faint span it
       * really covers, not a point on its first day. */
      draw_rounded (scene, cr, item->x0, y, w, h, BAR_RADIUS, color, (range ? 0.35 : 0.15) * alpha,
                    color, alpha, range ? 2 : 1, !stated);
    }
  else
    draw_circle (scene, cr, (item->x0 + item->x1) / 2, cy, scene->metrics.marker_size / 2 - 1,
                 color, (stated ? 1 : 0.25) * alpha, color, alpha, 2, !stated);

  if (selected)
    draw_rounded (scene, cr, item->x0 - 3, y - 3, w + 6, h + 6, 6, NULL, 0, accent, 1, 2, FALSE);
}

/* How strongly the event at @position is drawn: 0.3, left out by a
 * search; else 1. */
static double
event_alpha (const DmScene *scene,
             guint          position)
{
  return scene->matches != NULL && !scene->matches[position] ? 0.3 : 1;
}

/* Draws @item, whose coordinates snap_item() has made whole pixels;
 * @holds_selection: a cluster that has the selected event in it. */
static void
draw_item (DmScene            *scene,
           cairo_t            *cr,
           const DmLayoutItem *item,
           gboolean            holds_selection,
           const DmColor      *fg,
           const DmColor      *accent)
{
  double y = dm_scene_get_row_y (scene, item->lane, item->row);
  double h = scene->row_height - 6;
  double alpha;
  DmColor color;

  dm_scene_get_kind_color (scene, item->lane, &color);

  if (item->type == DM_LAYOUT_CLUSTER)
    {
      g_autofree char *count = g_strdup_printf ("%u", item->count);

      draw_rounded (scene, cr, item->x0, y, item->x1 - item->x0, h, h / 2,
                    &color, 0.25, &color, DM_SCENE_OUTLINE_ALPHA, 1, FALSE);

      /* The selected event is in here: say so, it cannot be seen itself. */
      if (holds_selection)
        draw_rounded (scene, cr, item->x0 - 3, y - 3, item->x1 - item->x0 + 6, h + 6, h / 2 + 3,
                      NULL, 0, accent, 1, 2, FALSE);
      if (item->label_inside)
        {
          /* Inside, it ends where its room does: the bar may end past
           * the view. */
          g_autoptr(PangoLayout) layout = create_layout (scene, count);
          int width;

          pango_layout_get_pixel_size (layout, &width, NULL);
          draw_text (scene, cr, count, item->label_x + MIN (item->label_width - width, 0), y + 1, 0, fg, 0.9);
        }
      else
        draw_text (scene, cr, count, item->label_x, y + 1, item->label_width + 20, fg, 0.9);
      return;
    }

  alpha = event_alpha (scene, item->position);
  draw_event_mark (scene, cr, item, &color, accent, alpha);
  draw_item_label (scene, cr, item, fg, alpha);
}

/* Items drawn once, into images of their own, and copied while the zoom
 * stays: a frame while panning is then a copy per item rather than shapes
 * and text (the text is two thirds of drawing an item). An item is drawn
 * the same way either way, at whole pixels (snap_item()), so that a copy
 * lands exactly where the drawing would. */

typedef struct
{
  guint position;     /* the event, or a cluster's first member */
  guint count;
  int   width;        /* x1 − x0 */
  int   label_dx;     /* where the label starts, from x0 */
  int   label_width;
  guint lane;
  guint row;
  guint flags;        /* ITEM_… */
} ItemKey;

enum {
  ITEM_CLUSTER         = 1 << 0,
  ITEM_SELECTED        = 1 << 1,
  ITEM_HOLDS_SELECTION = 1 << 2,
  ITEM_DIMMED          = 1 << 3,
  ITEM_LABEL_INSIDE    = 1 << 4,
  ITEM_TWO_LINES       = 1 << 5,
};

typedef struct
{
  ItemKey          key;
  cairo_surface_t *surface;
  int              left;      /* the image's left, from the item's x0 */
  int              top;       /* its top, from the row's y */
  guint64          frame;     /* the last frame it was used in */
  gsize            bytes;
} ItemImage;

#define ITEM_MARGIN        4                    /* the selection ring */
#define ITEM_MAX_WIDTH     1024                 /* wider ones are drawn: a
                                                 * bar is quick to draw, and
                                                 * one across the view keeps
                                                 * its label in view, moving
                                                 * in it at every frame */
#define ITEM_CACHE_BYTES   (64 * 1024 * 1024)   /* beyond, unused ones go */
#define ITEM_NEW_PER_FRAME 24                   /* made in one frame, at most:
                                                 * making one costs a little
                                                 * more than drawing it */
#define ITEM_NEW_CHURNING  4                    /* … when most items of the
                                                 * frame before were new */

static guint
item_key_hash (gconstpointer data)
{
  const ItemKey *key = data;
  guint hash = key->position;

  hash = hash * 31 + key->count;
  hash = hash * 31 + (guint) key->width;
  hash = hash * 31 + (guint) key->label_dx;
  hash = hash * 31 + (guint) key->label_width;
  hash = hash * 31 + key->lane;
  hash = hash * 31 + key->row;
  hash = hash * 31 + key->flags;

  return hash;
}

static gboolean
item_key_equal (gconstpointer a,
                gconstpointer b)
{
  const ItemKey *x = a;
  const ItemKey *y = b;

  return x->position == y->position && x->count == y->count && x->width == y->width &&
         x->label_dx == y->label_dx && x->label_width == y->label_width &&
         x->lane == y->lane && x->row == y->row && x->flags == y->flags;
}

static void
item_image_free (gpointer data)
{
  ItemImage *image = data;

  cairo_surface_destroy (image->surface);
  g_free (image);
}

static void
clear_item_images (DmScene *scene)
{
  if (scene->item_images != NULL)
    g_hash_table_remove_all (scene->item_images);
  scene->item_bytes = 0;
}

/* The images of the items whose (first) event is at a position in
 * [@first, @end). */
static void
forget_item_images (DmScene *scene,
                    guint    first,
                    guint    end)
{
  GHashTableIter iter;
  ItemImage *image;

  if (scene->item_images == NULL)
    return;

  g_hash_table_iter_init (&iter, scene->item_images);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &image))
    if (image->key.position >= first && image->key.position < end)
      {
        scene->item_bytes -= image->bytes;
        g_hash_table_iter_remove (&iter);
      }
}

/* Whole pixels, in the view's coordinates (the layout's less @offset):
 * the same offsets from x0 whatever the pan, so that an item keeps its
 * image from one frame to the next. */
static void
snap_item (const DmLayoutItem *item,
           double              offset,
           DmLayoutItem       *snapped)
{
  *snapped = *item;
  snapped->x0 = floor (item->x0 - offset + 0.5);
  snapped->x1 = snapped->x0 + floor (item->x1 - item->x0 + 0.5);
  snapped->label_x = snapped->x0 + floor (item->label_x - item->x0 + 0.5);
  snapped->label_width = ceil (item->label_width);
}

static void
item_key_init (DmScene            *scene,
               const DmLayoutItem *item,
               gboolean            holds_selection,
               ItemKey            *key)
{
  gboolean cluster = item->type == DM_LAYOUT_CLUSTER;
  double label_x = item->label_x;

  double label_width = item->label_width;

  /* A label inside a bar that starts off screen stays in view: it moves
   * within the bar as the view pans (see draw_item()); so does one beside
   * a marker that left the view. */
  if (!cluster && item->label_inside)
    label_x = MAX (label_x, scene->metrics.gap);
  else if (!cluster && label_width > 0 && label_x < LABEL_EDGE)
    {
      label_x = LABEL_EDGE;
      label_width = MAX (item->label_x + item->label_width - label_x, 0);
    }

  memset (key, 0, sizeof *key);
  key->position = item->position;
  key->count = item->count;
  key->width = (int) (item->x1 - item->x0);
  key->label_dx = (int) (label_x - item->x0);
  key->label_width = (int) label_width;
  key->lane = item->lane;
  key->row = item->row;
  key->flags = (cluster ? ITEM_CLUSTER : 0) |
               (holds_selection ? ITEM_HOLDS_SELECTION : 0) |
               (!cluster && (int) item->position == scene->selected ? ITEM_SELECTED : 0) |
               (!cluster && event_alpha (scene, item->position) < 1 ? ITEM_DIMMED : 0) |
               (!cluster && item->label_inside ? ITEM_LABEL_INSIDE : 0) |
               (!cluster && item->label_lines == 2 ? ITEM_TWO_LINES : 0);
}

/* What can change how any item looks, apart from its key: when it does,
 * every image goes. */
static gboolean
item_style_changed (DmScene       *scene,
                    const DmColor *fg,
                    const DmColor *accent)
{
  DmColor paper = dm_scene_get_paper (scene);
  gboolean changed = memcmp (&scene->item_style.foreground, fg, sizeof *fg) != 0 ||
                     memcmp (&scene->item_style.accent, accent, sizeof *accent) != 0 ||
                     memcmp (&scene->item_style.paper, &paper, sizeof paper) != 0 ||
                     scene->item_style.days_per_px != scene->scale.days_per_px ||
                     scene->item_style.row_height != scene->row_height ||
                     scene->item_style.marker_size != scene->metrics.marker_size ||
                     scene->item_style.gap != scene->metrics.gap ||
                     scene->item_style.device_scale != scene->device_scale ||
                     scene->item_style.language != scene->language ||
                     scene->item_style.pango != scene->pango ||
                     scene->item_style.dataset != scene->dataset;

  scene->item_style.foreground = *fg;
  scene->item_style.accent = *accent;
  scene->item_style.paper = paper;
  scene->item_style.days_per_px = scene->scale.days_per_px;
  scene->item_style.row_height = scene->row_height;
  scene->item_style.marker_size = scene->metrics.marker_size;
  scene->item_style.gap = scene->metrics.gap;
  scene->item_style.device_scale = scene->device_scale;
  scene->item_style.language = scene->language;
  scene->item_style.pango = scene->pango;
  scene->item_style.dataset = scene->dataset;

  return changed;
}

/* Where an item draws, from its x0 and its row's y: its left, right, top
 * and bottom. */
static void
item_extent (DmScene            *scene,
             const DmLayoutItem *item,
             const ItemKey      *key,
             int                 extent[4])
{
  double tail_left = 0;
  double tail_right = 0;

  if (!(key->flags & ITEM_CLUSTER))
    open_tail_extent (scene, item->position, &tail_left, &tail_right);
  extent[0] = MIN (MIN (-ITEM_MARGIN, key->label_dx), -(int) ceil (tail_left));
  extent[1] = MAX (MAX (key->width + ITEM_MARGIN, key->label_dx + key->label_width + (key->flags & ITEM_CLUSTER ? 22 : 2)),
                   key->width + (int) ceil (tail_right));
  extent[2] = -ITEM_MARGIN;
  extent[3] = (int) ceil (scene->row_height * (key->flags & ITEM_TWO_LINES ? 2 : 1)) + ITEM_MARGIN;
}

static ItemImage *
make_item_image (DmScene            *scene,
                 const DmLayoutItem *item,
                 const ItemKey      *key,
                 const DmColor      *fg,
                 const DmColor      *accent)
{
  double device_scale = scene->device_scale > 0 ? scene->device_scale : 1;
  double y = dm_scene_get_row_y (scene, item->lane, item->row);
  int extent[4];
  int left;
  int right;
  int top;
  int bottom;
  ItemImage *image = g_new0 (ItemImage, 1);
  cairo_t *image_cr;

  item_extent (scene, item, key, extent);
  left = extent[0];
  right = extent[1];
  top = extent[2];
  bottom = extent[3];

  image->key = *key;
  image->left = left;
  image->top = top;
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                               (int) ceil ((right - left) * device_scale),
                                               (int) ceil ((bottom - top) * device_scale));
  cairo_surface_set_device_scale (image->surface, device_scale, device_scale);
  image->bytes = (gsize) cairo_image_surface_get_stride (image->surface) * (gsize) cairo_image_surface_get_height (image->surface);

  image_cr = cairo_create (image->surface);
  cairo_translate (image_cr, -(item->x0 + left), -(y + top));
  /* All of it onto the image, told to no sink. */
  {
    const DmSceneSink *sink = scene->sink;

    scene->sink = NULL;
    draw_item (scene, image_cr, item, key->flags & ITEM_HOLDS_SELECTION, fg, accent);
    scene->sink = sink;
  }
  cairo_destroy (image_cr);

  return image;
}

/* Unused images go once the cache is over its size, oldest first would
 * need a list; those not used in this frame are enough to go. */
static void
trim_item_images (DmScene *scene)
{
  GHashTableIter iter;
  ItemImage *image;

  if (scene->item_bytes <= ITEM_CACHE_BYTES)
    return;

  g_hash_table_iter_init (&iter, scene->item_images);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &image))
    if (image->frame != scene->frame)
      {
        scene->item_bytes -= image->bytes;
        g_hash_table_iter_remove (&iter);
      }
}

/* @value, an x (or a y) on @cr, moved to the device pixel's edge at or
 * after it (@up) or at or before it: where pieces, which start and end
 * on whole pixels, meet rectangles without overlap. */
static double
snap_to_device (cairo_t  *cr,
                double    value,
                gboolean  vertical,
                gboolean  up)
{
  double x = vertical ? 0 : value;
  double y = vertical ? value : 0;

  cairo_user_to_device (cr, &x, &y);
  if (vertical)
    y = up ? ceil (y) : floor (y);
  else
    x = up ? ceil (x) : floor (x);
  cairo_device_to_user (cr, &x, &y);

  return vertical ? y : x;
}

/* The whole of @item's mark drawn onto a piece that keeps only the part
 * from (@x0, @y0) to (@x1, @y1), whole device pixels. */
static void
describe_mark_part (DmScene            *scene,
                    cairo_t            *cr,
                    const DmLayoutItem *item,
                    const DmColor      *color,
                    const DmColor      *accent,
                    double              alpha,
                    double              x0,
                    double              y0,
                    double              x1,
                    double              y1)
{
  const DmSceneSink *sink = scene->sink;
  cairo_t *piece = begin_piece (scene, cr, x0, y0, x1 - x0, y1 - y0);

  scene->sink = NULL;
  draw_event_mark (scene, piece, item, color, accent, alpha);
  scene->sink = sink;
  end_piece (scene, piece);
}

/* A bar wide enough in view is told as its parts rather than drawn
 * whole into a piece of its own: its rounded ends as small pieces, its
 * straight middle as rectangles (the fill, and a stated bar's outline
 * over it) or, for a dashed outline, as the fill between two thin pieces
 * that keep the dashes where the whole bar has them, and its label as
 * text. A bar across the view, at a zoom step, is then a few small
 * images and rectangles rather than an image as wide as the view made,
 * cleared and copied at every frame: at 10 000 events that was half the
 * pixels of a frame. Not for a selected bar (its ring goes round it
 * whole) or an open one. Returns FALSE, having told nothing, for any
 * other item. */
#define BAR_END        8    /* px: the rounded end and its outline */
#define BAR_PARTS_FROM 256  /* px of straight middle in view, at least:
                             * below, the few more nodes cost what the
                             * pixels saved would */

static gboolean
describe_bar_in_parts (DmScene            *scene,
                       cairo_t            *cr,
                       const DmLayoutItem *item,
                       const DmColor      *fg,
                       const DmColor      *accent)
{
  const DmEvent *event = dm_dataset_get_event (scene->dataset, item->position);
  double view_right = scene->width - scene->header_width + ITEM_MARGIN;
  double y = dm_scene_get_row_y (scene, item->lane, item->row);
  double h = scene->row_height - 6;
  double alpha = event_alpha (scene, item->position);
  double line = dm_event_is_range (event) ? 2 : 1;
  double fill = (dm_event_is_range (event) ? 0.35 : 0.15) * alpha;
  gboolean stated = event->certainty == DM_CERTAINTY_STATED;
  double top = y - line - 1;
  double bottom = y + h + line + 1;
  double middle_x0;
  double middle_x1;
  DmColor color;

  if (item->type == DM_LAYOUT_CLUSTER || dm_event_is_open (event) || (int) item->position == scene->selected ||
      item->x1 - item->x0 <= scene->metrics.marker_size + 0.5)
    return FALSE;

  middle_x0 = snap_to_device (cr, MAX (item->x0 + BAR_END, -ITEM_MARGIN), FALSE, TRUE);
  middle_x1 = snap_to_device (cr, MIN (item->x1 - BAR_END, view_right), FALSE, FALSE);
  if (middle_x1 - middle_x0 < BAR_PARTS_FROM)
    return FALSE;

  dm_scene_get_kind_color (scene, item->lane, &color);

  if (stated)
    {
      /* The fill, then the outline's edges over it, as the stroke of the
       * whole bar lies there. */
      fill_rect (scene, cr, &color, fill, middle_x0, y, middle_x1 - middle_x0, h);
      fill_rect (scene, cr, &color, alpha, middle_x0, y - line / 2, middle_x1 - middle_x0, line);
      fill_rect (scene, cr, &color, alpha, middle_x0, y + h - line / 2, middle_x1 - middle_x0, line);
    }
  else
    {
      /* The top and bottom edges are dashed from their left ends
       * (rounded_outline_in_edges()): told as the fill, then a row of
       * dashes along each edge, from there. */
      double inner_top = snap_to_device (cr, y + line + 1, TRUE, TRUE);
      double inner_bottom = snap_to_device (cr, y + h - line - 1, TRUE, FALSE);
      double r = corner_radius (BAR_RADIUS, item->x1 - item->x0, h);

      if (inner_bottom <= inner_top)
        return FALSE;
      if (scene->sink->dashes != NULL)
        {
          double width = middle_x1 - middle_x0;
          double x = middle_x0;
          double edge_y = y;
          double origin = item->x0 + r;
          double origin_y = y;

          fill_rect (scene, cr, &color, fill, middle_x0, y, width, h);
          cairo_user_to_device (cr, &x, &edge_y);
          cairo_user_to_device (cr, &origin, &origin_y);
          scene->sink->dashes (scene->sink_data, x, edge_y - line / 2, width, line,
                               origin, DASH_ON, DASH_OFF, &color, alpha);
          scene->sink->dashes (scene->sink_data, x, edge_y + h - line / 2, width, line,
                               origin, DASH_ON, DASH_OFF, &color, alpha);
          scene->dash_rows += 2;
        }
      else
        {
          describe_mark_part (scene, cr, item, &color, accent, alpha, middle_x0, top, middle_x1, inner_top);
          fill_rect (scene, cr, &color, fill, middle_x0, inner_top, middle_x1 - middle_x0, inner_bottom - inner_top);
          describe_mark_part (scene, cr, item, &color, accent, alpha, middle_x0, inner_bottom, middle_x1, bottom);
        }
    }

  /* Each end in view: the whole bar, kept to its end. */
  if (item->x0 + BAR_END > -ITEM_MARGIN)
    describe_mark_part (scene, cr, item, &color, accent, alpha, item->x0 - line - 1, top, middle_x0, bottom);
  if (item->x1 - BAR_END < view_right)
    describe_mark_part (scene, cr, item, &color, accent, alpha, middle_x1, top, item->x1 + line + 1, bottom);

  draw_item_label (scene, cr, item, fg, alpha);
  scene->bars_in_parts++;

  return TRUE;
}

/* An item told to a sink that takes shapes and text: as those, but for
 * an open-ended or dashed mark, drawn onto a piece of its own (or, a bar
 * wide in view, in parts), its label told as text. A frame that draws
 * every item again (a zoom step) then hands GTK no picture to make,
 * clear and copy for any of the others. */
static void
tell_item (DmScene            *scene,
           cairo_t            *cr,
           const DmLayoutItem *item,
           gboolean            holds_selection,
           const DmColor      *fg,
           const DmColor      *accent)
{
  const DmEvent *event = item->type == DM_LAYOUT_CLUSTER ? NULL : dm_dataset_get_event (scene->dataset, item->position);
  double alpha;
  double y;
  double tail_left;
  double tail_right;
  double x0;
  double x1;
  DmColor color;

  scene->items_as_shapes++;
  if (event == NULL || (!dm_event_is_open (event) && event->certainty == DM_CERTAINTY_STATED))
    {
      draw_item (scene, cr, item, holds_selection, fg, accent);
      return;
    }
  if (describe_bar_in_parts (scene, cr, item, fg, accent))
    return;

  /* The mark on a piece as far as it reaches: its outline, the
   * selection's ring, an open date's tail; no farther than the view. */
  alpha = event_alpha (scene, item->position);
  y = dm_scene_get_row_y (scene, item->lane, item->row);
  open_tail_extent (scene, item->position, &tail_left, &tail_right);
  dm_scene_get_kind_color (scene, item->lane, &color);
  x0 = MAX (item->x0 - MAX (ITEM_MARGIN, ceil (tail_left)), -ITEM_MARGIN);
  x1 = MIN (item->x1 + MAX (ITEM_MARGIN, ceil (tail_right)), scene->width - scene->header_width + ITEM_MARGIN);
  if (x1 > x0)
    describe_mark_part (scene, cr, item, &color, accent, alpha,
                        x0, y - ITEM_MARGIN, x1, y + scene->row_height + ITEM_MARGIN);
  draw_item_label (scene, cr, item, fg, alpha);
}

/* An item drawn, not copied: onto @cr, or a piece of its own. */
static void
draw_item_piece (DmScene            *scene,
                 cairo_t            *cr,
                 const DmLayoutItem *item,
                 gboolean            holds_selection,
                 const DmColor      *fg,
                 const DmColor      *accent)
{
  double y;
  ItemKey key;
  int extent[4];
  cairo_t *piece;

  if (scene->sink == NULL)
    {
      draw_item (scene, cr, item, holds_selection, fg, accent);
      return;
    }
  if (telling_shapes (scene))
    {
      tell_item (scene, cr, item, holds_selection, fg, accent);
      return;
    }
  if (describe_bar_in_parts (scene, cr, item, fg, accent))
    return;

  y = dm_scene_get_row_y (scene, item->lane, item->row);
  item_key_init (scene, item, holds_selection, &key);
  item_extent (scene, item, &key, extent);
  /* A bar may be far wider than the view: the piece stops at its edges. */
  {
    double x0 = MAX (item->x0 + extent[0], -ITEM_MARGIN);
    double x1 = MIN (item->x0 + extent[1], scene->width - scene->header_width + ITEM_MARGIN);

    if (x1 <= x0)
      return;
    piece = begin_piece (scene, cr, x0, y + extent[2], x1 - x0, extent[3] - extent[2]);
  }
  /* Its text goes onto the piece too. */
  {
    const DmSceneSink *sink = scene->sink;

    scene->sink = NULL;
    draw_item (scene, piece, item, holds_selection, fg, accent);
    scene->sink = sink;
  }
  end_piece (scene, piece);
}

static void
draw_items (DmScene       *scene,
            cairo_t       *cr,
            double         width,
            const DmColor *fg,
            const DmColor *accent)
{
  int holding = scene->selected >= 0 ? dm_layout_find_event (scene->layout, (guint) scene->selected) : -1;
  gboolean caching = scene->cache_items && scene->text_func == NULL;
  guint made = scene->images_made;
  guint reused = scene->images_reused;
  guint budget;

  /* Where the items change from frame to frame (clusters regrouping as
   * the view moves, bars cut at its edges), images are not worth making. */
  budget = scene->frame_made > scene->frame_reused ? ITEM_NEW_CHURNING : ITEM_NEW_PER_FRAME;

  /* Only while the zoom stays: a zoom changes every item, and a frame that
   * made an image of each would be slower than one that draws them. */
  if (caching)
    {
      if (scene->item_images == NULL)
        scene->item_images = g_hash_table_new_full (item_key_hash, item_key_equal, NULL, item_image_free);
      if (item_style_changed (scene, fg, accent))
        {
          clear_item_images (scene);
          caching = FALSE;
        }
      scene->frame++;
    }

  for (guint i = 0; i < dm_layout_get_n_items (scene->layout); i++)
    {
      DmLayoutItem item;
      ItemKey key;
      ItemImage *image;

      snap_item (dm_layout_get_item (scene->layout, i), scene->layout_offset, &item);

      /* Laid out left or right of the view: only a label may reach in. */
      if (MAX (item.x1, item.label_x + item.label_width) < -ITEM_MARGIN || item.x0 > width + ITEM_MARGIN)
        continue;
      if (!lane_in_view (scene, item.lane))
        continue;

      /* An image lands on whole pixels only: rows below a lane header
       * wrapped on more lines may start between two. */
      if (!caching || item.x1 - item.x0 > ITEM_MAX_WIDTH || item.label_width > ITEM_MAX_WIDTH ||
          item.x1 < -ITEM_MAX_WIDTH || item.x0 > width + ITEM_MAX_WIDTH ||
          dm_scene_get_row_y (scene, item.lane, item.row) != floor (dm_scene_get_row_y (scene, item.lane, item.row)))
        {
          draw_item_piece (scene, cr, &item, (int) i == holding, fg, accent);
          continue;
        }

      item_key_init (scene, &item, (int) i == holding, &key);
      image = g_hash_table_lookup (scene->item_images, &key);
      if (image == NULL && budget == 0)
        {
          draw_item_piece (scene, cr, &item, (int) i == holding, fg, accent);
          continue;
        }
      if (image == NULL)
        {
          budget--;
          image = make_item_image (scene, &item, &key, fg, accent);
          g_hash_table_insert (scene->item_images, &image->key, image);
          scene->item_bytes += image->bytes;
          scene->images_made++;
        }
      else
        scene->images_reused++;
      image->frame = scene->frame;

      if (scene->sink != NULL)
        {
          double x = item.x0 + image->left;
          double y = dm_scene_get_row_y (scene, item.lane, item.row) + image->top;

          cairo_user_to_device (cr, &x, &y);
          scene->sink->image (scene->sink_data, image->surface, x, y);
          continue;
        }
      cairo_set_source_surface (cr, image->surface, item.x0 + image->left,
                                dm_scene_get_row_y (scene, item.lane, item.row) + image->top);
      cairo_paint (cr);
    }

  if (caching)
    trim_item_images (scene);
  scene->frame_made = scene->images_made - made;
  scene->frame_reused = scene->images_reused - reused;
}

/* Eras: shaded spans behind the lanes, named along the bottom. */
static void
draw_eras (DmScene       *scene,
           cairo_t       *cr,
           double         width,
           double         height,
           const DmColor *fg)
{
  guint n = dm_dataset_get_n_eras (scene->dataset);
  g_autofree guint *rows = g_new0 (guint, MAX (n, 1));

  /* Overlapping eras are named on rows of their own, upwards. */
  dm_layout_era_rows (scene->dataset, rows);

  for (guint i = 0; i < n; i++)
    {
      const DmEra *era = dm_dataset_get_era (scene->dataset, i);
      const DmDate *last = dm_date_is_set (&era->end) ? &era->end : &era->start;
      double x0 = dm_time_scale_axis_to_x (&scene->scale, dm_date_get_axis_start (&era->start));
      double x1 = dm_time_scale_axis_to_x (&scene->scale, dm_date_get_axis_end (last));
      const char *title = dm_text_get (&era->title, scene->language);
      DmColor color = *fg;

      if (x1 < 0 || x0 > width)
        continue;

      parse_color (era->color, &color);
      x0 = MAX (x0, -2);
      x1 = MIN (x1, width + 2);

      /* Alternate between two strengths, so that neighbouring eras part. */
      fill_rect (scene, cr, &color, i % 2 == 0 ? 0.08 : 0.13, x0, scene->axis_height, x1 - x0, height - scene->axis_height);

      if (title[0] != '\0' && x1 - MAX (x0, 0) > 40)
        draw_text (scene, cr, title, MAX (x0, 0) + 6, height - scene->row_height * (1 + rows[i]),
                   x1 - MAX (x0, 0) - 12, fg, 0.7);
    }
}

/* How strongly every other lane is shaded with the foreground. */
#define LANE_SHADE 0.035

/* The background, the lanes' shading and their headers. */
static void
draw_lanes (DmScene *scene,
            cairo_t *cr)
{
  const DmColor *fg = &scene->foreground;
  double width = scene->width;
  double height = scene->height;
  guint lanes = dm_scene_get_n_lanes (scene);
  DmColor shade = *fg;
  double shade_alpha = LANE_SHADE;

  if (scene->dataset == NULL || width <= scene->header_width)
    return;

  if (scene->background.alpha > 0 && scene->sink != NULL)
    fill_rect (scene, cr, &scene->background, 1, 0, 0, width, height);
  else if (scene->background.alpha > 0)
    {
      set_color (cr, &scene->background, 1);
      cairo_paint (cr);
    }

  /* Lanes: alternate shading, then the timeline, then the headers on top.
   * The lanes scroll under the axis (lane_scroll) when they do not fit. */
  clip_rect (scene, cr, 0, scene->axis_height, width, MAX (height - scene->axis_height, 0));
  dm_scene_ensure_layout (scene);
  /* Every other lane shown is shaded: over an opaque background or
   * paper, in the colour it makes there, so that the shading is a fill
   * rather than a blend of every pixel of half the view at each frame
   * (the same colour to within rounding). */
  if (scene->background.alpha >= 1 || (scene->background.alpha <= 0 && scene->paper.alpha >= 1))
    {
      DmColor paper = dm_scene_get_paper (scene);

      shade = dm_color_over (fg, LANE_SHADE, &paper);
      shade_alpha = 1;
    }
  for (guint lane = 0, shown = 0; lane < lanes; lane++)
    if (dm_scene_lane_shown (scene, lane) && shown++ % 2 == 1 && lane_in_view (scene, lane))
      {
        double top;
        double lane_height;

        dm_scene_get_lane_extent (scene, lane, &top, &lane_height);
        fill_rect (scene, cr, &shade, shade_alpha, 0, top, width, lane_height);
      }
  unclip (scene, cr);

  /* The headers: apart from the time, which keeps right of them. */
  if (scene->header_width <= 0)
    return;

  fill_rect (scene, cr, fg, 0.15, scene->header_width - 1, 0, 1, height);

  clip_rect (scene, cr, 0, scene->axis_height, scene->header_width, MAX (height - scene->axis_height, 0));
  for (guint lane = 0; lane < lanes && lane < dm_dataset_get_n_kinds (scene->dataset); lane++)
    {
      const DmKind *kind = dm_dataset_get_kind (scene->dataset, lane);
      const DmSceneSink *sink = scene->sink;
      cairo_t *target = cr;
      double y;
      double lane_height;
      DmColor color;

      if (!lane_in_view (scene, lane))
        continue;
      dm_scene_get_lane_extent (scene, lane, &y, &lane_height);
      dm_scene_get_kind_color (scene, lane, &color);
      fill_rect (scene, cr, &color, 1, 0, y + 4, 4, lane_height - 8);
      /* The glyph and the name: a piece of the lane's header. */
      if (sink != NULL)
        {
          target = begin_piece (scene, cr, 0, y, scene->header_width,
                                MAX (lane_height, header_height (scene, lane)) + 4);
          scene->sink = NULL;
        }
      /* At the lane's top, whole: the headers are as wide as the longest
       * name (dm_scene_measure_header_width()), or it wraps. */
      y += header_offset (scene);
      draw_glyph (target, kind->icon, 12, y, 16, &color);
      draw_header_text (scene, target, lane, HEADER_TEXT_X, y - 2, fg, 0.9);
      if (sink != NULL)
        {
          scene->sink = sink;
          end_piece (scene, target);
        }
    }
  unclip (scene, cr);
}

gboolean
dm_scene_lanes_changed (DmScene *scene)
{
  typeof (scene->lanes_style) now;
  gboolean changed;

  g_return_val_if_fail (scene != NULL, FALSE);

  memset (&now, 0, sizeof now);

  dm_scene_ensure_layout (scene);
  now.width = scene->width;
  now.height = scene->height;
  now.header_width = scene->header_width;
  now.header_needed = scene->header_needed;
  now.axis_height = scene->axis_height;
  now.row_height = scene->row_height;
  now.lane_padding = scene->lane_padding;
  now.lane_scroll = scene->lane_scroll;
  now.foreground = scene->foreground;
  now.background = scene->background;
  now.paper = scene->paper;
  now.device_scale = scene->device_scale;
  now.language = scene->language;
  now.pango = scene->pango;
  now.dataset = scene->dataset;
  now.lanes_shown = scene->lanes_shown;
  now.labels_serial = scene->labels_serial;

  changed = memcmp (&now, &scene->lanes_style, sizeof now) != 0 ||
            scene->lanes_tops_drawn->len != scene->lane_tops->len ||
            memcmp (scene->lanes_tops_drawn->data, scene->lane_tops->data,
                    scene->lane_tops->len * sizeof (double)) != 0;

  scene->lanes_style = now;
  g_array_set_size (scene->lanes_tops_drawn, scene->lane_tops->len);
  if (scene->lane_tops->len > 0)
    memcpy (scene->lanes_tops_drawn->data, scene->lane_tops->data, scene->lane_tops->len * sizeof (double));

  return changed;
}

/* The eras, the axis and the items, right of the headers. */
static void
draw_time (DmScene *scene,
           cairo_t *cr)
{
  const DmColor *fg = &scene->foreground;
  const DmColor *accent = &scene->accent;
  double width = scene->width;
  double height = scene->height;

  if (scene->dataset == NULL || width <= scene->header_width)
    return;

  trim_texts (scene);
  cairo_save (cr);
  cairo_translate (cr, scene->header_width, 0);
  clip_rect (scene, cr, 0, 0, width - scene->header_width, height);
  draw_eras (scene, cr, width - scene->header_width, height, fg);
  draw_axis (scene, cr, width - scene->header_width, height, fg);

  dm_scene_ensure_layout (scene);
  clip_rect (scene, cr, 0, scene->axis_height, width - scene->header_width, MAX (height - scene->axis_height, 0));
  draw_items (scene, cr, width - scene->header_width, fg, accent);
  unclip (scene, cr);
  unclip (scene, cr);
  cairo_restore (cr);
}

static void
describe (DmScene           *scene,
          void             (*draw) (DmScene *scene,
                                    cairo_t *cr),
          const DmSceneSink *sink,
          gpointer           data)
{
  cairo_surface_t *nowhere;
  cairo_t *cr;

  g_return_if_fail (scene != NULL && sink != NULL);
  g_return_if_fail (scene->text_func == NULL);

  /* Nothing is drawn onto this: it places the pieces. */
  nowhere = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (nowhere);
  scene->sink = sink;
  scene->sink_data = data;
  draw (scene, cr);
  scene->sink = NULL;
  scene->sink_data = NULL;
  cairo_destroy (cr);
  cairo_surface_destroy (nowhere);
}

void
dm_scene_describe_lanes (DmScene           *scene,
                         const DmSceneSink *sink,
                         gpointer           data)
{
  describe (scene, draw_lanes, sink, data);
}

void
dm_scene_describe_time (DmScene           *scene,
                        const DmSceneSink *sink,
                        gpointer           data)
{
  describe (scene, draw_time, sink, data);
}

void
dm_scene_draw (DmScene *scene,
               cairo_t *cr)
{
  g_return_if_fail (scene != NULL && cr != NULL);

  /* The headers and the time do not overlap: the order between them
   * changes nothing. */
  draw_lanes (scene, cr);
  draw_time (scene, cr);
}
