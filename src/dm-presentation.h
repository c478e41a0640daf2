/* dm-presentation.h — presenting a timeline: one event a slide, fullscreen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_PRESENTATION (dm_presentation_get_type ())

G_DECLARE_FINAL_TYPE (DmPresentation, dm_presentation, DM, PRESENTATION, AdwWindow)

/* Presents the events at @positions (time order) of @dataset, starting at
 * @start (an index into @positions). */
DmPresentation *dm_presentation_new          (GtkWindow    *parent,
                                              DmDataset    *dataset,
                                              GArray       *positions,
                                              guint         start,
                                              DmLanguage    language);
guint           dm_presentation_get_index    (DmPresentation *self);
guint           dm_presentation_get_n_slides (DmPresentation *self);
void            dm_presentation_go_to        (DmPresentation *self,
                                              guint           index);
DmLanguage      dm_presentation_get_language (DmPresentation *self);
/* The text of the slide, for tests. */
const char     *dm_presentation_get_title    (DmPresentation *self);
const char     *dm_presentation_get_progress (DmPresentation *self);
double          dm_presentation_get_text_scale (DmPresentation *self);

G_END_DECLS
