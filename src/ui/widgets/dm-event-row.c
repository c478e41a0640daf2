/* dm-event-row.c
 *
 * One row of the event list: the date, the kind in a pill and the title,
 * drawn by one widget. GTK 4.8's list view makes and lays out two hundred
 * rows at once whatever the window shows, so a row of labels in a box cost
 * the main loop 40 ms of text shaping and size-group measuring each time a
 * dataset was shown (the "no stall over 50 ms" target of docs/performance.md).
 * This row shapes nothing to be measured: its height comes from the font,
 * its columns from a DmEventColumns shared by all rows, and its text is
 * shaped when it is first drawn. The list maps (and so draws) only the
 * rows in and next to its view; the rest cost a few bytes each.
 *
 * The columns line up from row to row, as wide as the widest text drawn
 * in them so far, up to a limit; with large text in a narrow window they
 * give way down to a few characters, shortened with an ellipsis (the row's
 * accessible name and the detail pane have the text in full). All text is
 * set as text, never parsed as markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "dm-event-row.h"

/* Between columns, and inside the kind's pill. */
#define GAP          12
#define PILL_X       8
#define PILL_Y       1
/* How far the columns grow (in characters of their font) and how far
 * they give way. */
#define DATE_MAX     30
#define DATE_MIN     4
#define KIND_MAX     28
#define KIND_MIN     3
#define TITLE_MIN    4
#define TITLE_NATURAL 20
/* The date is secondary: drawn at Adwaita's dim-label strength. */
#define DIM_OPACITY  0.55

#define N_PARTS 3

struct _DmEventColumns
{
  GObject               parent_instance;

  /* The font the sizes below are for. */
  PangoFontDescription *font;
  double                resolution;
  int                   line_height;
  int                   small_line_height;
  int                   char_width;
  int                   small_char_width;

  /* The widest date and kind text so far, in pixels. */
  int                   date_width;
  int                   kind_width;

  guint                 changed_id;
};

struct _DmEventRow
{
  GtkWidget       parent_instance;

  DmEventColumns *columns;

  char           *text[N_PARTS];
  gboolean        inferred;
  PangoAttrList  *title_attributes;
  char           *summary;

  /* Made when first drawn; dropped when the text or the style changes. */
  PangoLayout    *layouts[N_PARTS];
  int             natural[N_PARTS];

  /* From the allocation, left to right. */
  int             x[N_PARTS];
  int             width[N_PARTS];
};

G_DEFINE_FINAL_TYPE (DmEventColumns, dm_event_columns, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (DmEventRow, dm_event_row, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static PangoLayout *
make_layout (GtkWidget      *widget,
             DmEventRowPart  part,
             const char     *text,
             gboolean        inferred,
             PangoAttrList  *extra)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoAttrList *attributes = extra != NULL ? pango_attr_list_copy (extra) : pango_attr_list_new ();

  /* One line whatever the text holds; set as text, never as markup. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  switch (part)
    {
    case DM_EVENT_ROW_DATE:
      /* Figures of one width, so that dates line up. */
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
      if (inferred)
        pango_attr_list_insert (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC));
      break;

    case DM_EVENT_ROW_KIND:
      pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
      break;

    case DM_EVENT_ROW_TITLE:
    default:
      break;
    }
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);

  return layout;
}

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  DmEventColumns *self = user_data;

  self->changed_id = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Rows are drawn, and grow the columns, after the layout of their frame:
 * they are told in the next. */
static void
columns_grow (DmEventColumns *self,
              DmEventRowPart  part,
              int             width)
{
  int *column = part == DM_EVENT_ROW_DATE ? &self->date_width : &self->kind_width;
  int limit = part == DM_EVENT_ROW_DATE ? DATE_MAX * self->char_width : KIND_MAX * self->small_char_width;

  width = MIN (width, limit);
  if (width <= *column)
    return;

  *column = width;
  if (self->changed_id == 0)
    self->changed_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, emit_changed_cb, g_object_ref (self), g_object_unref);
}

/* The sizes of the widget's font: measured once per font from a few
 * characters, not from each row's text. When the font changes (larger
 * text, another DPI), the columns keep their width in characters. */
static void
columns_sync_font (DmEventColumns *self,
                   GtkWidget      *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoLayout) normal = NULL;
  g_autoptr(PangoLayout) small = NULL;
  int old_char_width = self->char_width;
  int old_small_char_width = self->small_char_width;

  if (self->font != NULL && resolution == self->resolution && pango_font_description_equal (font, self->font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (font);
  self->resolution = resolution;

  normal = make_layout (widget, DM_EVENT_ROW_DATE, "0123456789", FALSE, NULL);
  small = make_layout (widget, DM_EVENT_ROW_KIND, "0123456789", FALSE, NULL);
  pango_layout_get_pixel_size (normal, &self->char_width, &self->line_height);
  pango_layout_get_pixel_size (small, &self->small_char_width, &self->small_line_height);
  self->char_width = MAX (1, self->char_width / 10);
  self->small_char_width = MAX (1, self->small_char_width / 10);

  if (old_char_width > 0)
    {
      self->date_width = self->date_width * self->char_width / old_char_width;
      self->kind_width = self->kind_width * self->small_char_width / old_small_char_width;
    }
}

/* How wide the date and kind columns would like to be, and how narrow
 * they may get; the kind's with its pill. */
static void
columns_get_widths (DmEventColumns *self,
                    int            *date_min,
                    int            *date_natural,
                    int            *kind_min,
                    int            *kind_natural)
{
  *date_natural = self->date_width;
  *date_min = MIN (*date_natural, DATE_MIN * self->char_width);
  *kind_natural = self->kind_width + 2 * PILL_X;
  *kind_min = MIN (*kind_natural, KIND_MIN * self->small_char_width + 2 * PILL_X);
}

static void
drop_layouts (DmEventRow *self)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_object (&self->layouts[i]);
}

/* The text shaped, and fitted into the columns allocated. */
static void
prepare_layouts (DmEventRow *self)
{
  for (guint i = 0; i < N_PARTS; i++)
    {
      if (self->layouts[i] == NULL)
        {
          self->layouts[i] = make_layout (GTK_WIDGET (self), i, self->text[i], self->inferred,
                                          i == DM_EVENT_ROW_TITLE ? self->title_attributes : NULL);
          self->natural[i] = layout_width (self->layouts[i]);
          if (i != DM_EVENT_ROW_TITLE)
            columns_grow (self->columns, i, self->natural[i]);
        }
    }

  pango_layout_set_width (self->layouts[DM_EVENT_ROW_DATE], self->width[DM_EVENT_ROW_DATE] * PANGO_SCALE);
  pango_layout_set_width (self->layouts[DM_EVENT_ROW_KIND],
                          MAX (0, self->width[DM_EVENT_ROW_KIND] - 2 * PILL_X) * PANGO_SCALE);
  pango_layout_set_width (self->layouts[DM_EVENT_ROW_TITLE], self->width[DM_EVENT_ROW_TITLE] * PANGO_SCALE);
}

/* The pill: as wide as its text, within the kind column. */
static int
pill_width (DmEventRow *self)
{
  return MIN (self->natural[DM_EVENT_ROW_KIND] + 2 * PILL_X, self->width[DM_EVENT_ROW_KIND]);
}

static int
mirrored (DmEventRow *self,
          int         x,
          int         width)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - x - width;
  return x;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             int            x,
             int            height,
             const GdkRGBA *color)
{
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Callbacks */

static void
columns_changed_cb (DmEventRow *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* GtkWidget */

static void
dm_event_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  DmEventRow *self = DM_EVENT_ROW (widget);
  DmEventColumns *columns = self->columns;

  columns_sync_font (columns, widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int date_min, date_natural, kind_min, kind_natural;

      columns_get_widths (columns, &date_min, &date_natural, &kind_min, &kind_natural);
      *minimum = date_min + GAP + kind_min + GAP + TITLE_MIN * columns->char_width;
      *natural = date_natural + GAP + kind_natural + GAP + TITLE_NATURAL * columns->char_width;
    }
  else
    {
      *minimum = *natural = MAX (columns->line_height, columns->small_line_height + 2 * PILL_Y);
    }
}

static void
dm_event_row_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  DmEventRow *self = DM_EVENT_ROW (widget);
  DmEventColumns *columns = self->columns;
  int date_min, date_natural, kind_min, kind_natural;
  int room;
  int date_width;
  int kind_width;

  columns_sync_font (columns, widget);
  columns_get_widths (columns, &date_min, &date_natural, &kind_min, &kind_natural);

  /* The title is what people read: it keeps a third of the row, or
   * TITLE_NATURAL characters if that is less. Past that the date and the
   * kind give way, in proportion to how much more than their least they
   * would like, and then the title again. */
  room = width - 2 * GAP - MAX (TITLE_MIN * columns->char_width, MIN (width / 3, TITLE_NATURAL * columns->char_width));
  if (room >= date_natural + kind_natural)
    {
      date_width = date_natural;
      kind_width = kind_natural;
    }
  else if (room <= date_min + kind_min)
    {
      date_width = date_min;
      kind_width = kind_min;
    }
  else
    {
      int extra = room - date_min - kind_min;
      int wanted = (date_natural - date_min) + (kind_natural - kind_min);

      date_width = date_min + (int) ((gint64) extra * (date_natural - date_min) / MAX (wanted, 1));
      kind_width = kind_min + extra - (date_width - date_min);
    }

  self->x[DM_EVENT_ROW_DATE] = 0;
  self->width[DM_EVENT_ROW_DATE] = date_width;
  self->x[DM_EVENT_ROW_KIND] = date_width + GAP;
  self->width[DM_EVENT_ROW_KIND] = kind_width;
  self->x[DM_EVENT_ROW_TITLE] = date_width + GAP + kind_width + GAP;
  self->width[DM_EVENT_ROW_TITLE] = MAX (0, width - self->x[DM_EVENT_ROW_TITLE]);
}

static void
dm_event_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DmEventRow *self = DM_EVENT_ROW (widget);
  int height = gtk_widget_get_height (widget);
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA color;
  int pill;

  prepare_layouts (self);

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is how a
   * widget reads its CSS colour there (replace when the floor moves). */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_push_opacity (snapshot, high_contrast ? 1.0 : DIM_OPACITY);
  append_text (snapshot, self->layouts[DM_EVENT_ROW_DATE],
               mirrored (self, self->x[DM_EVENT_ROW_DATE], self->width[DM_EVENT_ROW_DATE]), height, &color);
  gtk_snapshot_pop (snapshot);

  pill = pill_width (self);
  if (pill > 2 * PILL_X)
    {
      int pill_height = self->columns->small_line_height + 2 * PILL_Y;
      int x = mirrored (self, self->x[DM_EVENT_ROW_KIND], pill);
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, (height - pill_height) / 2, pill, pill_height),
                                       pill_height / 2.0);
      if (high_contrast)
        {
          /* An edge at full strength rather than a faint tint. */
          gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                      (GdkRGBA[4]) { color, color, color, color });
        }
      else
        {
          GdkRGBA tint = color;

          tint.alpha *= 0.08;
          gtk_snapshot_push_rounded_clip (snapshot, &outline);
          gtk_snapshot_append_color (snapshot, &tint, &outline.bounds);
          gtk_snapshot_pop (snapshot);
        }
      append_text (snapshot, self->layouts[DM_EVENT_ROW_KIND], x + PILL_X, height, &color);
    }

  append_text (snapshot, self->layouts[DM_EVENT_ROW_TITLE],
               mirrored (self, self->x[DM_EVENT_ROW_TITLE], self->width[DM_EVENT_ROW_TITLE]), height, &color);
}

static gboolean
dm_event_row_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  DmEventRow *self = DM_EVENT_ROW (widget);

  if (self->summary == NULL || self->summary[0] == '\0')
    return FALSE;

  /* Plain text: never parsed as markup. */
  gtk_tooltip_set_text (tooltip, self->summary);
  return TRUE;
}

static void
dm_event_row_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  DmEventRow *self = DM_EVENT_ROW (widget);

  /* A font, a colour or the high-contrast style: shape and draw again. */
  drop_layouts (self);
  gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (dm_event_row_parent_class)->css_changed (widget, change);
}

static void
dm_event_row_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  DmEventRow *self = DM_EVENT_ROW (widget);

  drop_layouts (self);
  gtk_widget_queue_resize (widget);

  GTK_WIDGET_CLASS (dm_event_row_parent_class)->system_setting_changed (widget, setting);
}

/* GObject */

static void
dm_event_columns_dispose (GObject *object)
{
  DmEventColumns *self = DM_EVENT_COLUMNS (object);

  g_clear_handle_id (&self->changed_id, g_source_remove);

  G_OBJECT_CLASS (dm_event_columns_parent_class)->dispose (object);
}

static void
dm_event_columns_finalize (GObject *object)
{
  DmEventColumns *self = DM_EVENT_COLUMNS (object);

  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (dm_event_columns_parent_class)->finalize (object);
}

static void
dm_event_columns_class_init (DmEventColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_event_columns_dispose;
  object_class->finalize = dm_event_columns_finalize;

  /**
   * DmEventColumns::changed:
   *
   * A column grew: rows lay out again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dm_event_columns_init (DmEventColumns *self)
{
}

static void
dm_event_row_dispose (GObject *object)
{
  DmEventRow *self = DM_EVENT_ROW (object);

  if (self->columns != NULL)
    g_signal_handlers_disconnect_by_func (self->columns, columns_changed_cb, self);
  g_clear_object (&self->columns);
  drop_layouts (self);

  G_OBJECT_CLASS (dm_event_row_parent_class)->dispose (object);
}

static void
dm_event_row_finalize (GObject *object)
{
  DmEventRow *self = DM_EVENT_ROW (object);

  for (guint i = 0; i < N_PARTS; i++)
    g_free (self->text[i]);
  g_clear_pointer (&self->title_attributes, pango_attr_list_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (dm_event_row_parent_class)->finalize (object);
}

static void
dm_event_row_class_init (DmEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_event_row_dispose;
  object_class->finalize = dm_event_row_finalize;
  widget_class->measure = dm_event_row_measure;
  widget_class->size_allocate = dm_event_row_size_allocate;
  widget_class->snapshot = dm_event_row_snapshot;
  widget_class->query_tooltip = dm_event_row_query_tooltip;
  widget_class->css_changed = dm_event_row_css_changed;
  widget_class->system_setting_changed = dm_event_row_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "eventrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dm_event_row_init (DmEventRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "event-row");
}

/* Public API */

DmEventColumns *
dm_event_columns_new (void)
{
  return g_object_new (DM_TYPE_EVENT_COLUMNS, NULL);
}

/**
 * dm_event_columns_reset:
 *
 * Forgets the widths seen: for another dataset, or kinds in another
 * language.
 */
void
dm_event_columns_reset (DmEventColumns *self)
{
  g_return_if_fail (DM_IS_EVENT_COLUMNS (self));

  self->date_width = 0;
  self->kind_width = 0;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * dm_event_columns_fit:
 * @widget: a widget with the rows' font
 *
 * Makes @part's column wide enough for @text (up to its limit) before a
 * row shows it, so that the first frame has the columns it keeps: a
 * dataset's kinds, the first dates in the list.
 */
void
dm_event_columns_fit (DmEventColumns *self,
                      GtkWidget      *widget,
                      DmEventRowPart  part,
                      const char     *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (DM_IS_EVENT_COLUMNS (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (part == DM_EVENT_ROW_DATE || part == DM_EVENT_ROW_KIND);

  columns_sync_font (self, widget);
  layout = make_layout (widget, part, text, FALSE, NULL);
  columns_grow (self, part, layout_width (layout));
}

GtkWidget *
dm_event_row_new (DmEventColumns *columns)
{
  DmEventRow *self;

  g_return_val_if_fail (DM_IS_EVENT_COLUMNS (columns), NULL);

  self = g_object_new (DM_TYPE_EVENT_ROW, NULL);
  self->columns = g_object_ref (columns);
  g_signal_connect_object (columns, "changed", G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * dm_event_row_set:
 * @title_attributes: (nullable): how to mark the title (search matches)
 * @summary: (nullable): the tooltip
 *
 * What the row shows; all of it as text, never as markup.
 */
void
dm_event_row_set (DmEventRow    *self,
                  const char    *date,
                  gboolean       inferred,
                  const char    *kind,
                  const char    *title,
                  PangoAttrList *title_attributes,
                  const char    *summary)
{
  const char *text[N_PARTS] = { date, kind, title };

  g_return_if_fail (DM_IS_EVENT_ROW (self));

  for (guint i = 0; i < N_PARTS; i++)
    {
      g_free (self->text[i]);
      self->text[i] = g_strdup (text[i] != NULL ? text[i] : "");
    }
  self->inferred = inferred;
  g_clear_pointer (&self->title_attributes, pango_attr_list_unref);
  if (title_attributes != NULL)
    self->title_attributes = pango_attr_list_ref (title_attributes);
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), summary != NULL && summary[0] != '\0');

  drop_layouts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
dm_event_row_get_text (DmEventRow     *self,
                       DmEventRowPart  part)
{
  g_return_val_if_fail (DM_IS_EVENT_ROW (self), NULL);
  g_return_val_if_fail (part < N_PARTS, NULL);

  return self->text[part] != NULL ? self->text[part] : "";
}

/**
 * dm_event_row_get_part_bounds:
 *
 * Where @part is drawn at the row's current size: its text, or the
 * kind's pill.
 */
void
dm_event_row_get_part_bounds (DmEventRow      *self,
                              DmEventRowPart   part,
                              graphene_rect_t *bounds)
{
  int width;
  int height;

  g_return_if_fail (DM_IS_EVENT_ROW (self));
  g_return_if_fail (part < N_PARTS);

  prepare_layouts (self);
  if (part == DM_EVENT_ROW_KIND)
    {
      width = pill_width (self);
      height = self->columns->small_line_height + 2 * PILL_Y;
    }
  else
    {
      pango_layout_get_pixel_size (self->layouts[part], &width, &height);
      width = MIN (width, self->width[part]);
    }
  graphene_rect_init (bounds, mirrored (self, self->x[part], width),
                      (gtk_widget_get_height (GTK_WIDGET (self)) - height) / 2,
                      width, height);
}

/**
 * dm_event_row_is_shortened:
 *
 * Whether some of the row's text is cut short with an ellipsis at its
 * current size.
 */
gboolean
dm_event_row_is_shortened (DmEventRow *self)
{
  g_return_val_if_fail (DM_IS_EVENT_ROW (self), FALSE);

  prepare_layouts (self);
  for (guint i = 0; i < N_PARTS; i++)
    if (pango_layout_is_ellipsized (self->layouts[i]))
      return TRUE;
  return FALSE;
}
