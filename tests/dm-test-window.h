/* dm-test-window.h — the main window, for tests that drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-application.h"
#include "dm-event-row.h"
#include "dm-filter-popover.h"
#include "dm-test-util.h"
#include "dm-window.h"

/* gtk_test_init() and adw_init() for a test of widgets, with animations
 * off: each step jumps to its state, to be checked at once. */
void dm_test_init_gui (int    *argc,
                       char ***argv);

/* A widget of the window's UI file, by its id. */
GtkWidget *dm_test_window_child (DmWindow   *window,
                                 const char *name);

/* A widget of the window's filter menu (dm-filter-popover.ui), by its id. */
GtkWidget *dm_test_filter_child (DmWindow   *window,
                                 const char *name);

/* A window of @width × @height showing the bundled dataset in English,
 * once it is loaded (within ten seconds) and drawn. */
DmWindow *dm_test_open_bundled_window (int width,
                                       int height);

/* The event list's row that shows @title, if one has been made. */
DmEventRow *dm_test_find_row (GtkWidget  *root,
                              const char *title);

/* The first text view in @widget, as the source viewer has one. */
GtkTextView *dm_test_find_text_view (GtkWidget *widget);

/* Presses @keys (xdotool's names: "Escape", "ctrl+w") through the X
 * server, as a person would: the pointer moves to (@x, @y) first, since
 * with no window manager X gives the keys to the window under it. Waits
 * until xdotool has sent them; what they do is for the caller to wait on. */
void dm_test_press_keys (int         x,
                         int         y,
                         const char *keys);

/* Runs xdotool with @args (split as a shell does) under the display and
 * waits for it; fails the test if it fails. Returns what it printed. */
char *dm_test_xdotool (const char *args);
