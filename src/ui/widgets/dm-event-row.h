/* dm-event-row.h — one row of the event list, drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DM_EVENT_ROW_DATE,
  DM_EVENT_ROW_KIND,
  DM_EVENT_ROW_TITLE,
} DmEventRowPart;

#define DM_TYPE_EVENT_COLUMNS (dm_event_columns_get_type ())

G_DECLARE_FINAL_TYPE (DmEventColumns, dm_event_columns, DM, EVENT_COLUMNS, GObject)

DmEventColumns *dm_event_columns_new   (void);
void            dm_event_columns_reset (DmEventColumns *self);
void            dm_event_columns_fit   (DmEventColumns *self,
                                        GtkWidget      *widget,
                                        DmEventRowPart  part,
                                        const char     *text);

#define DM_TYPE_EVENT_ROW (dm_event_row_get_type ())

G_DECLARE_FINAL_TYPE (DmEventRow, dm_event_row, DM, EVENT_ROW, GtkWidget)

GtkWidget  *dm_event_row_new             (DmEventColumns  *columns);
void        dm_event_row_set             (DmEventRow      *self,
                                          const char      *date,
                                          gboolean         inferred,
                                          const char      *kind,
                                          const char      *title,
                                          PangoAttrList   *title_attributes,
                                          const char      *summary);
const char *dm_event_row_get_text        (DmEventRow      *self,
                                          DmEventRowPart   part);
void        dm_event_row_get_part_bounds (DmEventRow      *self,
                                          DmEventRowPart   part,
                                          graphene_rect_t *bounds);
gboolean    dm_event_row_is_shortened    (DmEventRow      *self);

G_END_DECLS
