/* dm-test-safe.h — validators for what the app writes from hostile content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <json-glib/json-glib.h>

#include "dm-dataset.h"
#include "dm-loader.h"

/* Nothing executable anywhere in @data, as a naive scanner would look:
 * no script address, no <script, no on…= handler. */
void dm_test_assert_no_script (const char *data,
                               gsize       length);

/* Every tag in @html is one the TimelineJS export writes: <p>, <br>, and
 * links to web addresses. */
void dm_test_assert_safe_html (const char *html);

void dm_test_assert_safe_json_node (JsonNode   *node,
                                    const char *member);

/* A TimelineJS export: valid JSON (to json-glib and to the app's own
 * strict reader), only safe markup in its texts, only web (and raster
 * image) addresses, nothing executable. */
void dm_test_assert_safe_timelinejs (const char *data,
                                     gsize       length);

/* @dataset exported to TimelineJS3 loads again, with as many events. */
void dm_test_assert_timelinejs_round_trip (DmDataset *dataset);
