/* dm-tab-stop.h — a container that is one stop in the Tab order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_TAB_STOP (dm_tab_stop_get_type ())

G_DECLARE_FINAL_TYPE (DmTabStop, dm_tab_stop, DM, TAB_STOP, GtkWidget)

GtkWidget *dm_tab_stop_new       (void);
GtkWidget *dm_tab_stop_get_child (DmTabStop *self);
void       dm_tab_stop_set_child (DmTabStop *self,
                                  GtkWidget *child);

G_END_DECLS
