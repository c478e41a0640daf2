/* dm-filter-popover.h — the filter menu: kinds, years, tags and certainty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-filter.h"

G_BEGIN_DECLS

#define DM_TYPE_FILTER_POPOVER (dm_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (DmFilterPopover, dm_filter_popover, DM, FILTER_POPOVER, GtkPopover)

GtkWidget  *dm_filter_popover_new          (void);

/* The filter the popover shows and changes; it follows changes made
 * elsewhere. */
DmFilter   *dm_filter_popover_get_filter   (DmFilterPopover *self);
void        dm_filter_popover_set_filter   (DmFilterPopover *self,
                                            DmFilter        *filter);

/* The dataset whose kinds, years and tags are offered. */
DmDataset  *dm_filter_popover_get_dataset  (DmFilterPopover *self);
void        dm_filter_popover_set_dataset  (DmFilterPopover *self,
                                            DmDataset       *dataset);
/* The dataset was edited: its kinds, tags or their labels may differ,
 * and are offered as they are now (at once if the popover is shown, else
 * when it is next). */
void        dm_filter_popover_dataset_edited (DmFilterPopover *self);

/* The language of the kinds' and tags' names (the "language" property is
 * "vi" or "en", as the window's "data-language"). */
DmLanguage  dm_filter_popover_get_language (DmFilterPopover *self);
void        dm_filter_popover_set_language (DmFilterPopover *self,
                                            DmLanguage       language);

G_END_DECLS
