/* dm-slide-layout.h — the presentation's layout: the timeline, the
 * overview strip, and a slide made to fit the room it is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_SLIDE_LAYOUT (dm_slide_layout_get_type ())

G_DECLARE_FINAL_TYPE (DmSlideLayout, dm_slide_layout, DM, SLIDE_LAYOUT, GtkLayoutManager)

/* Called before the slide (the last child) is measured and placed, with
 * the width it will have and the most height it may take: it makes the
 * slide's natural height fit @room (smaller type, or a part of its text). */
typedef void (*DmSlideFitFunc) (int      width,
                                int      room,
                                gpointer user_data);

GtkLayoutManager *dm_slide_layout_new          (void);
void              dm_slide_layout_set_fit_func (DmSlideLayout  *self,
                                                DmSlideFitFunc  func,
                                                gpointer        user_data);
/* The least share of the height the timeline (the first child) keeps. */
#define DM_SLIDE_LAYOUT_TIMELINE_SHARE 0.4

G_END_DECLS
