/* dm-tab-stop.c
 *
 * GTK 4.8's list views take Tab from row to row, so a keyboard user had to
 * step through every event (a million, in a large file) to get past the
 * list, and landed on rows made ahead of time but not shown. Wrapped in
 * this, the list is one stop: Tab enters it on the row that had focus last,
 * the arrow keys move between rows, and the next Tab (or Shift+Tab) goes on
 * to the control after (or before) it. GTK 4.12 has GtkListView:tab-behavior
 * for this; 4.8 does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-tab-stop.h"

struct _DmTabStop
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

static void dm_tab_stop_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DmTabStop, dm_tab_stop, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, dm_tab_stop_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static gboolean
dm_tab_stop_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  DmTabStop *self = DM_TAB_STOP (widget);

  if (self->child == NULL)
    return FALSE;

  /* Focus is inside: Tab and Shift+Tab leave, whatever the child would do
   * with them. Returning FALSE lets the parent move on to its next child. */
  if (gtk_widget_get_focus_child (widget) != NULL
      && (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    return FALSE;

  return gtk_widget_child_focus (self->child, direction);
}

static void
dm_tab_stop_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    dm_tab_stop_set_child (DM_TAB_STOP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
dm_tab_stop_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = dm_tab_stop_buildable_add_child;
}

static void
dm_tab_stop_dispose (GObject *object)
{
  DmTabStop *self = DM_TAB_STOP (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (dm_tab_stop_parent_class)->dispose (object);
}

static void
dm_tab_stop_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DmTabStop *self = DM_TAB_STOP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_tab_stop_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DmTabStop *self = DM_TAB_STOP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      dm_tab_stop_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_tab_stop_class_init (DmTabStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_tab_stop_dispose;
  object_class->get_property = dm_tab_stop_get_property;
  object_class->set_property = dm_tab_stop_set_property;
  widget_class->focus = dm_tab_stop_focus;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dm_tab_stop_init (DmTabStop *self)
{
}

GtkWidget *
dm_tab_stop_new (void)
{
  return g_object_new (DM_TYPE_TAB_STOP, NULL);
}

GtkWidget *
dm_tab_stop_get_child (DmTabStop *self)
{
  g_return_val_if_fail (DM_IS_TAB_STOP (self), NULL);

  return self->child;
}

void
dm_tab_stop_set_child (DmTabStop *self,
                       GtkWidget *child)
{
  g_return_if_fail (DM_IS_TAB_STOP (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->child = child;
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
