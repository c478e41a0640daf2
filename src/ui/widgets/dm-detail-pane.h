/* dm-detail-pane.h — everything about the selected event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_DETAIL_PANE (dm_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (DmDetailPane, dm_detail_pane, DM, DETAIL_PANE, GtkWidget)

GtkWidget *dm_detail_pane_new       (void);
void       dm_detail_pane_show      (DmDetailPane *self,
                                     DmDataset    *dataset,
                                     int           position,
                                     DmLanguage    language);
/* The dataset shown changed in place (an edit, dm-edit.h): the @removed
 * events from @position are now @added others; or, for
 * dm_detail_pane_dataset_changed(), anything may have. What the pane
 * keeps of the dataset follows; dm_detail_pane_show() shows it again. */
void       dm_detail_pane_events_changed  (DmDetailPane *self,
                                           guint         position,
                                           guint         removed,
                                           guint         added);
void       dm_detail_pane_dataset_changed (DmDetailPane *self);
int        dm_detail_pane_get_event (DmDetailPane *self);
void       dm_detail_pane_set_can_go_back (DmDetailPane *self,
                                           gboolean      can_go_back);
/* The title shown, for tests and accessibility. */
const char *dm_detail_pane_get_title (DmDetailPane *self);

G_END_DECLS
