/* dm-json-writer.h — JSON text from a JsonNode tree, exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Appends @node to @out as JSON, indented by two spaces a level.
 *
 * json-glib's generator writes a double such as 1e-300 as "1e-300.0",
 * which is not JSON, so files are written with this instead: doubles in
 * their shortest form that reads back to the same value, integers as they
 * are, strings as UTF-8 with only what JSON requires escaped (and U+2028
 * and U+2029, which end a line in older JavaScript). */
void dm_json_write (GString  *out,
                    JsonNode *node);

/* A whole JSON file: @node written as dm_json_write() does, then a line
 * break; its size in @length if not NULL. */
char *dm_json_to_data (JsonNode *node,
                       gsize    *length);

G_END_DECLS
