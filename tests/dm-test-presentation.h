/* dm-test-presentation.h — what a presentation's slide must be at any
 * size: whole, inside the window, never scrolled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "config.h"
#include "dm-presentation.h"

/* The app's style sheet, which sizes the slide's text, as AdwApplication
 * loads it from the resource base path; no application runs in tests. */
void dm_test_load_style (void);

/* The label lies inside the window, whole. */
void dm_test_assert_inside (DmPresentation *self,
                    const char     *name);

/* Nothing in the window scrolls, and the slide is whole. */
void dm_test_assert_slide_whole (DmPresentation *self);

