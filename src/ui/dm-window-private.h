/* dm-window-private.h — what the parts of the main window share
 *
 * The window is split by job, as GNOME Text Editor splits its own:
 *
 *   dm-window.c          the shell: class, template, state, properties, and
 *                        the selection kept in sync between the timeline,
 *                        the list and the detail pane
 *   dm-window-actions.c  opening, the small actions, presenting, the source
 *                        viewer
 *   dm-window-load.c     loading and reloading, watching the file, showing
 *                        its problems, files dropped on the window
 *   dm-window-search.c   search, the filter's effect and the search index
 *   dm-window-list.c     the event list's rows
 *   dm-window-export.c   printing and exporting
 *
 * The filter menu is a widget of its own (dm-filter-popover.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-detail-pane.h"
#include "dm-event-list.h"
#include "dm-event-row.h"
#include "dm-filter.h"
#include "dm-filter-popover.h"
#include "dm-loader.h"
#include "dm-search.h"
#include "dm-source-viewer.h"
#include "dm-timeline-view.h"
#include "dm-window.h"
#include "dm-window-edit.h"

G_BEGIN_DECLS

struct _DmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  DmFilterPopover      *filter_popover;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *language_switch;
  DmSourceViewer       *source_viewer;   /* weak */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *filter_revealer;
  GtkLabel             *filter_label;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
  GtkStack             *stack;
  GtkProgressBar       *page_progress;
  GtkLabel             *loading_label;
  GtkRevealer          *loading_revealer;
  GtkLabel             *loading_bar_label;
  GtkProgressBar       *loading_progress;
  guint                 pulse_id;
  DmLoadProgress       *progress;     /* of the load in flight */
  GtkPaned             *detail_paned;
  GtkPaned             *list_paned;
  DmTimelineView       *timeline;
  GtkWidget            *list_scroller;
  GtkListView          *event_view;
  DmDetailPane         *detail_pane;
  AdwStatusPage        *error_page;
  GtkLabel             *error_label;

  DmEventList          *events;
  GtkSingleSelection   *selection;
  DmFilter             *filter;
  DmSearchIndex        *search_index;
  DmSearchState        *search_state;
  GArray               *history;         /* int: the events shown before each
                                          * related link followed, for Back */
  GArray               *ranked;          /* the listed matches, best first
                                          * (title, summary, other, quotes) */
  GCancellable         *index_cancellable;  /* of the index being made */
  GCancellable         *source_cancellable; /* of the source text being read */
  GSettings            *settings;
  DmLanguage            language;
  gboolean              syncing;

  GCancellable         *cancellable;
  GFile                *pending_file;
  GFileMonitor         *monitor;
  guint                 reload_id;
  gboolean              reloading;
  GtkFileChooserNative *chooser;

  /* The list's date and kind columns, as wide in every row. */
  DmEventColumns       *columns;

  GtkPrintSettings     *print_settings;  /* of the last print */
  AdwToastOverlay      *toast_overlay;   /* says where exports went */
  guint8               *export_visible;  /* the export preview's events */
  gboolean              edited;          /* shown again after an edit (dm-window-edit.c) */
};

/* dm-window.c */
char    *_dm_window_shorten               (const char     *text);
void     _dm_window_drop_mnemonic_names   (GtkWidget      *widget);
void     _dm_window_set_dataset           (DmWindow       *self,
                                           DmDataset      *dataset);
void     _dm_window_update_history        (DmWindow       *self);
void     _dm_window_show_details          (DmWindow       *self);

/* dm-window-actions.c */
void     _dm_window_class_actions_init    (GtkWidgetClass *widget_class);

/* dm-window-load.c */
void     _dm_window_class_load_init       (GtkWidgetClass *widget_class);
void     _dm_window_load_init             (DmWindow       *self);
void     _dm_window_watch_file            (DmWindow       *self,
                                           GFile          *file);
char    *_dm_window_display_basename      (GFile          *file);
void     _dm_window_show_problem          (DmWindow       *self,
                                           const char     *message);

/* dm-window-search.c */
void     _dm_window_class_search_init     (GtkWidgetClass *widget_class);
void     _dm_window_search_init           (DmWindow       *self);
void     _dm_window_index_dataset         (DmWindow       *self,
                                           DmDataset      *dataset);
void     _dm_window_apply_filter          (DmWindow       *self);
guint8  *_dm_window_flags_from_positions  (GArray         *positions,
                                           guint           n);

/* dm-window-list.c */
void     _dm_window_class_list_init       (GtkWidgetClass *widget_class);
void     _dm_window_list_init             (DmWindow       *self);
void     _dm_window_fit_columns           (DmWindow       *self);
GArray  *_dm_window_shown_positions       (DmWindow       *self);

/* dm-window-export.c */
void     _dm_window_class_export_init     (GtkWidgetClass *widget_class);

G_END_DECLS
