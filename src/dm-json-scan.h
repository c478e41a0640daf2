/* dm-json-scan.h — a strict JSON checker that knows where things are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib builds the tree, but it accepts things JSON does not (comments,
 * single quotes, text after the root value), silently keeps only the last of
 * two members with the same name, turns an integer too large for 64 bits into
 * -1, and recurses without a limit. Dataset files are untrusted, so before
 * json-glib sees them they go through this strict single-pass checker, which
 * also maps JSON paths back to line:column for error messages. */

#define DM_JSON_MAX_DEPTH 256
#define DM_JSON_MAX_STRING (1u << 20)  /* bytes in one string, as written */

typedef struct
{
  guint line;     /* 1-based */
  guint column;   /* 1-based, in characters */
} DmJsonLocation;

typedef enum
{
  DM_JSON_SCAN_OK,
  DM_JSON_SCAN_ENCODING,   /* invalid UTF-8, NUL byte */
  DM_JSON_SCAN_SYNTAX,     /* not JSON */
  DM_JSON_SCAN_LIMIT,      /* nesting too deep, number out of range */
  DM_JSON_SCAN_DUPLICATE,  /* two members with the same name */
} DmJsonScanResult;

/* Checks @data (without a byte-order mark) strictly. On failure, fills
 * @location, @path (the JSON path of the innermost value being read, "" for
 * the root) and a message for people. */
DmJsonScanResult dm_json_scan_check     (const char      *data,
                                         gsize            length,
                                         DmJsonLocation  *location,
                                         char           **path,
                                         char           **message);

/* For already-checked JSON: fills the location of the value at each path in
 * @wanted (a table of path → DmJsonLocation*, zeroed by the caller). Paths
 * that do not exist keep line 0; callers that want a fallback add the
 * ancestors of a path too. */
void             dm_json_scan_locate    (const char      *data,
                                         gsize            length,
                                         GHashTable      *wanted);

/* Path syntax shared by the loader and the scanner:
 *   root ""; member: "title" / "events[3].title"; index "events[3]";
 *   member names that are not plain identifiers: "extra[\"a b\"]". */
void             dm_json_path_append_member (GString    *path,
                                             const char *name);
void             dm_json_path_append_index  (GString    *path,
                                             guint       index);

G_END_DECLS
