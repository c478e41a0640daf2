/* dm-test-story.h — the story at a glance (issue 17), checked on a laid
 * out scene: the window's and the exports' alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-scene.h"

double dm_test_text_width (PangoContext *pango,
                           const char   *text);

/* Every event of @scene's dataset is in view and drawn on its own, none
 * in a cluster, its label in view and showing its whole title (@whole) or
 * at least its first 40 characters, measured in the scene's fonts. */
void dm_test_check_story (DmScene    *scene,
                          DmLanguage  language,
                          gboolean    whole);
