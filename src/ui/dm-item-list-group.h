/* dm-item-list-group.h — the parts of an event that are lists of items
 * (actors, figures, lists, links) in the event editor: a row per item
 * that opens on its fields, a remove button each, and rows that add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-edit.h"

G_BEGIN_DECLS

/* Where a field keeps its value in the item. */
typedef enum
{
  DM_ITEM_VALUE_STRING,   /* a char* at @offset */
  DM_ITEM_VALUE_TEXT_VI,  /* the "vi" of a DmText at @offset */
  DM_ITEM_VALUE_TEXT_EN,  /* its "en" */
  DM_ITEM_VALUE_BOOLEAN,  /* a gboolean at @offset: a switch */
  DM_ITEM_VALUE_CUSTOM,   /* through @get and @set */
} DmItemValue;

typedef struct
{
  const char   *title;      /* the row's title, its accessible name, to translate */
  const char   *add_title;  /* of its row among those that add an item,
                             * to translate; NULL when it is not there */
  const char   *member;     /* the member in problems' paths: "name" */
  DmItemValue   value;
  gsize         offset;
  gboolean      lines;      /* a text of several lines, not an entry */
  /* DM_ITEM_VALUE_CUSTOM: the text shown (never NULL), and the value
   * set from a text: NULL, or what is wrong with the text. */
  char       *(*get)        (gconstpointer item);
  char       *(*set)        (gpointer      item,
                             const char   *text);
} DmItemField;

typedef struct
{
  const char         *member;       /* of the event: "actors" */
  gsize               offset;       /* of the GPtrArray* in DmEvent */
  DmEventField        field;
  gpointer          (*item_new)     (void);
  gpointer          (*item_copy)    (gconstpointer   item);
  GDestroyNotify      item_free;
  /* The title (never empty) and subtitle of an item's row. */
  void              (*describe)     (gconstpointer   item,
                                     char          **title,
                                     char          **subtitle);
  /* The accessible name of the button that removes item @number
   * (from 1): "Remove actor 2". */
  char             *(*remove_name)  (guint           number);
  const DmItemField  *fields;
  guint               n_fields;
} DmItemListSpec;

#define DM_TYPE_ITEM_LIST_GROUP (dm_item_list_group_get_type ())

G_DECLARE_FINAL_TYPE (DmItemListGroup, dm_item_list_group, DM, ITEM_LIST_GROUP, AdwPreferencesGroup)

/* What the group asks of the editor it is in. */
typedef struct
{
  /* A copy of the event to change, or NULL while the form is filled. */
  DmEvent  *(*copy_event) (gpointer      owner);
  /* Applies @event (taken), a change of @field, if it passes the
   * checks; shows the problems otherwise. Returns whether it applied. */
  gboolean  (*apply)      (gpointer      owner,
                           DmEvent      *event,
                           DmEventField  field);
  /* Shows a problem with what is typed at @path. */
  void      (*show_problem) (gpointer    owner,
                             const char *path,
                             const char *message);
  /* Shows the problems of @event (taken), changing nothing. */
  void      (*show_checked) (gpointer    owner,
                             DmEvent    *event);
  void      (*close_step) (gpointer      owner);
} DmItemListOwner;

/* Sets what the group edits; @spec and @owner_iface are static. */
void        dm_item_list_group_setup          (DmItemListGroup       *self,
                                               const DmItemListSpec  *spec,
                                               const DmItemListOwner *owner_iface,
                                               gpointer               owner);
/* Shows the items of @event: in place when there are as many as shown. */
void        dm_item_list_group_update         (DmItemListGroup       *self,
                                               const DmEvent         *event);
/* The row of a problem's path ("actors[1].name"), or NULL when the path
 * is not of this group's member; a path of the item after the last is
 * of the rows that add one. */
GtkWidget  *dm_item_list_group_row_for_path   (DmItemListGroup       *self,
                                               const char            *path);
/* The rows that may show a problem. */
GPtrArray  *dm_item_list_group_get_rows       (DmItemListGroup       *self);

/* The problem shown at @row (error class, tooltip, accessible
 * description), or none with NULL @message. */
void        dm_set_row_problem                (GtkWidget             *row,
                                               const char            *message);

G_END_DECLS
