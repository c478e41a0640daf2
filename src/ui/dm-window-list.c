/* dm-window-list.c — the rows of the main window's event list
 *
 * Each row shows an event's date, kind and title (the search's words
 * marked), in columns as wide in every row; a screen reader hears the
 * three and the summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-item.h"
#include "dm-fold.h"
#include "dm-window-private.h"

/* The events the list shows (search and filters applied), in time order. */
GArray *
_dm_window_shown_positions (DmWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    {
      guint position = dm_event_list_get_position (self->events, i);

      g_array_append_val (positions, position);
    }

  return positions;
}

/* The columns as wide as a dataset's kinds and its first dates, before
 * a row is drawn: the first frame has the columns it keeps. Other dates
 * widen them when their rows are first drawn. */
void
_dm_window_fit_columns (DmWindow *self)
{
  DmDataset *dataset = dm_event_list_get_dataset (self->events);
  DmLanguage date_language = dm_language_from_locale ();
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->events)), 32);

  dm_event_columns_reset (self->columns);
  if (dataset == NULL)
    return;

  for (guint i = 0; i < dm_dataset_get_n_kinds (dataset); i++)
    {
      g_autofree char *kind = _dm_window_shorten (dm_text_get (&dm_dataset_get_kind (dataset, i)->label, self->language));

      dm_event_columns_fit (self->columns, GTK_WIDGET (self->event_view), DM_EVENT_ROW_KIND, kind);
    }
  for (guint i = 0; i < n; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, dm_event_list_get_position (self->events, i));
      g_autofree char *date = dm_event_format_date (event, date_language);

      dm_event_columns_fit (self->columns, GTK_WIDGET (self->event_view), DM_EVENT_ROW_DATE, date);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DmWindow                 *self)
{
  gtk_list_item_set_child (item, dm_event_row_new (self->columns));
}

/* Where the search words occur in a row's title: bold and underlined,
 * which reads in every theme without a colour of its own. */
static PangoAttrList *
match_attributes (DmWindow   *self,
                  const char *text)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autoptr(GArray) ranges = NULL;
  PangoAttrList *attributes;

  if (query[0] == '\0')
    return NULL;

  folded = dm_fold (query);
  ranges = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
  attributes = pango_attr_list_new ();
  if (dm_fold_match_ranges (text, folded, ranges))
    for (guint i = 0; i < ranges->len; i++)
      {
        const DmFoldRange *range = &g_array_index (ranges, DmFoldRange, i);
        PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
        PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);

        bold->start_index = underline->start_index = range->start;
        bold->end_index = underline->end_index = range->end;
        pango_attr_list_insert (attributes, bold);
        pango_attr_list_insert (attributes, underline);
      }
  return attributes;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DmWindow                 *self)
{
  DmEventItem *event_item = gtk_list_item_get_item (item);
  DmDataset *dataset = dm_event_item_get_dataset (event_item);
  const DmEvent *event = dm_event_item_get_event (event_item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const DmKind *kind_info = dm_dataset_lookup_kind (dataset, event->kind);
  /* Dates are in the interface's language; titles in the data's. */
  g_autofree char *date_text = dm_event_format_date (event, dm_language_from_locale ());
  const char *kind_text = kind_info ? dm_text_get (&kind_info->label, self->language) : event->kind;
  g_autofree char *kind_short = _dm_window_shorten (kind_text);
  g_autofree char *title_text = _dm_window_shorten (dm_text_get (&event->title, self->language));
  g_autofree char *summary_text = _dm_window_shorten (dm_text_get (&event->summary, self->language));
  g_autoptr(PangoAttrList) matches = match_attributes (self, title_text);
  g_autofree char *accessible = NULL;

  if (event->certainty != DM_CERTAINTY_STATED)
    {
      char *marked = event->certainty == DM_CERTAINTY_APPROXIMATE
                     ? g_strdup_printf (_("about %s"), date_text)
                     : g_strdup_printf (_("%s (inferred)"), date_text);

      g_free (date_text);
      date_text = marked;
    }

  /* Everything from the dataset is drawn as text, never as markup. The
   * summary is the tooltip and, for a screen reader, the description. */
  dm_event_row_set (DM_EVENT_ROW (row), date_text, event->certainty != DM_CERTAINTY_STATED,
                    kind_short, title_text, matches, summary_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary_text, -1);

  /* The date as shown, "(inferred)" and all: shortened on screen, it is
   * whole here. */
  accessible = g_strdup_printf ("%s, %s, %s", kind_short, title_text, date_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* Focus lands on the list item around the row: it needs the name too,
   * or a screen reader says only "list item". Its details, once
   * selected, are in the detail pane: a screen reader can go there from
   * the row. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                  GTK_ACCESSIBLE_RELATION_DETAILS, self->detail_pane, NULL,
                                  -1);
}

/* Class and instance */

void
_dm_window_class_list_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
}

void
_dm_window_list_init (DmWindow *self)
{
  self->columns = dm_event_columns_new ();
  gtk_list_view_set_model (self->event_view, GTK_SELECTION_MODEL (self->selection));
}
