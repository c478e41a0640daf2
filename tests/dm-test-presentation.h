/* dm-test-presentation.h — what a presentation's slide must be at any
 * size: whole, inside the window, never scrolled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "config.h"
#include "dm-presentation.h"
#include "dm-presenter-console.h"

/* The app's style sheet, which sizes the slide's text, as AdwApplication
 * loads it from the resource base path; no application runs in tests. */
void dm_test_load_style (void);

/* For a presentation test's main(): gtk_test_init(), adw_init(), jumps
 * instead of animations, and the app's style sheet. */
void dm_test_presentation_init (int    *argc,
                                char ***argv);

/* The label lies inside the window, whole. */
void dm_test_assert_inside (DmPresentation *self,
                            const char     *name);

/* Nothing in the window scrolls, and the slide is whole. */
void dm_test_assert_slide_whole (DmPresentation *self);


/* The presenter's console is shown, or not: conditions to wait on. */
gboolean dm_test_console_mapped (gpointer data);

gboolean dm_test_console_unmapped (gpointer data);

/* The console shows the slide the audience sees. */
void dm_test_assert_console_follows (DmPresentation *self);
