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

/* The label lies inside the window, whole. */
void dm_test_assert_inside (DmPresentation *self,
                    const char     *name);

/* Nothing in the window scrolls, and the slide is whole. */
void dm_test_assert_slide_whole (DmPresentation *self);


/* The presenter's console is shown, or not: conditions to wait on. */
static inline gboolean
dm_test_console_mapped (gpointer data)
{
  return gtk_widget_get_mapped (dm_presentation_get_console (data));
}

static inline gboolean
dm_test_console_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (dm_presentation_get_console (data));
}

/* The console shows the slide the audience sees. */
static inline void
dm_test_assert_console_follows (DmPresentation *self)
{
  g_autofree char *current = dm_presenter_console_dup_text (DM_PRESENTER_CONSOLE (dm_presentation_get_console (self)),
                                                            "current");

  g_assert_cmpstr (current, ==, dm_presentation_get_title (self));
}
