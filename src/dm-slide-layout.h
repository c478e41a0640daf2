/* dm-slide-layout.h — children stacked, the last one given its height first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_SLIDE_LAYOUT (dm_slide_layout_get_type ())

G_DECLARE_FINAL_TYPE (DmSlideLayout, dm_slide_layout, DM, SLIDE_LAYOUT, GtkLayoutManager)

GtkLayoutManager *dm_slide_layout_new (void);

G_END_DECLS
