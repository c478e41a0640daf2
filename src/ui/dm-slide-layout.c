/* dm-slide-layout.c
 *
 * The presentation's layout: the timeline at the top, then the overview
 * strip, then the slide. The slide gets the height its text needs at the
 * width it has, the timeline the rest, and never less than its minimum nor
 * less than DM_SLIDE_LAYOUT_TIMELINE_SHARE of the height. Before the slide
 * is measured, the fit function is told how much room it has: the slide
 * steps its type down, or shows a part of its text, so that it fits. A
 * slide never scrolls: a scrolled slide took the clicker's Page Down for
 * itself and hid its own title.
 *
 * A GtkBox cannot say this: it shares the height out between the two by
 * how far each is from its natural height, and the slide's text was cut
 * short while the timeline had room to spare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-slide-layout.h"

struct _DmSlideLayout
{
  GtkLayoutManager parent_instance;

  DmSlideFitFunc   fit;
  gpointer         fit_data;
};

G_DEFINE_FINAL_TYPE (DmSlideLayout, dm_slide_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
dm_slide_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0;
      int child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      /* Height for width: the width any height takes is the least. */
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      /* The slide fits whatever room it is given: it asks for none. */
      if (orientation == GTK_ORIENTATION_VERTICAL && gtk_widget_get_next_sibling (child) == NULL)
        child_min = 0;
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          /* Fullscreen, the width is the screen's: none is asked for
           * beyond the least (a slide's title on one line would ask for
           * more than a screen). */
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_min);
        }
    }
}

static GtkSizeRequestMode
dm_slide_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dm_slide_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  GtkWidget *first = NULL;
  GtkWidget *last = NULL;
  int first_height;
  int last_height = 0;
  int middle = 0;
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        first = first ? first : child;
        last = child;
      }
  if (first == NULL)
    return;

  /* The ones between at their natural height; the last one at its own as
   * far as the first one's minimum leaves room, made to fit it; the first
   * the rest. */
  for (GtkWidget *child = gtk_widget_get_next_sibling (first); child && child != last; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        int child_nat = 0;

        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_nat, NULL, NULL);
        middle += child_nat;
      }
  if (last != first)
    {
      DmSlideLayout *self = DM_SLIDE_LAYOUT (manager);
      int first_min = 0;
      int last_nat = 0;
      int room;

      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, width, &first_min, NULL, NULL, NULL);
      first_min = MAX (first_min, (int) (height * DM_SLIDE_LAYOUT_TIMELINE_SHARE));
      room = MAX (height - middle - first_min, 0);
      if (self->fit != NULL)
        self->fit (width, room, self->fit_data);
      gtk_widget_measure (last, GTK_ORIENTATION_VERTICAL, width, NULL, &last_nat, NULL, NULL);
      last_height = MIN (last_nat, room);
    }
  first_height = MAX (height - middle - last_height, 0);

  for (GtkWidget *child = first; child; child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      if (child == first)
        child_height = first_height;
      else if (child == last)
        child_height = last_height;
      else
        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);

      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height;
    }
}

static void
dm_slide_layout_class_init (DmSlideLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = dm_slide_layout_get_request_mode;
  layout_class->measure = dm_slide_layout_measure;
  layout_class->allocate = dm_slide_layout_allocate;
}

static void
dm_slide_layout_init (DmSlideLayout *self)
{
}

GtkLayoutManager *
dm_slide_layout_new (void)
{
  return g_object_new (DM_TYPE_SLIDE_LAYOUT, NULL);
}

void
dm_slide_layout_set_fit_func (DmSlideLayout  *self,
                              DmSlideFitFunc  func,
                              gpointer        user_data)
{
  g_return_if_fail (DM_IS_SLIDE_LAYOUT (self));

  self->fit = func;
  self->fit_data = user_data;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
