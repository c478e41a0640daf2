/* dm-json-scan.h — a strict JSON checker that knows where things are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

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

/* The same, and whether the root value is an object with a member named
 * @root_member (to tell formats apart before anything is built). */
DmJsonScanResult dm_json_scan_check_full (const char      *data,
                                         gsize            length,
                                         const char      *root_member,
                                         gboolean        *has_root_member,
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

/* A compact tree of already-checked JSON, for reading large files: nodes
 * and decoded strings live in the reader's arena (no allocation per node),
 * and a large array can be read one element at a time, each element's
 * tree dropped once it has been used (dm_json_reader_get_mark(),
 * dm_json_reader_release()). json-glib trees are only made for the few
 * members a reader keeps unread (dm_json_node_to_json()). */
typedef enum
{
  DM_JSON_NULL,
  DM_JSON_BOOLEAN,
  DM_JSON_INTEGER,   /* written without a fraction or exponent */
  DM_JSON_DOUBLE,
  DM_JSON_STRING,
  DM_JSON_OBJECT,
  DM_JSON_ARRAY,
} DmJsonType;

typedef struct _DmJsonNode DmJsonNode;

struct _DmJsonNode
{
  DmJsonNode *next;        /* the next member or element */
  const char *name;        /* the member name, in an object */
  union
  {
    const char *string;    /* NUL-terminated, valid UTF-8 */
    gint64      integer;
    double      number;
    gboolean    boolean;
    DmJsonNode *first;     /* the first member or element */
  } v;
  guint       n;           /* members or elements */
  guint8      type;        /* DmJsonType */
};

typedef struct _DmJsonReader DmJsonReader;

typedef struct
{
  guint chunk;
  gsize used;
} DmJsonMark;

/* @data must have passed dm_json_scan_check() and outlive the reader. */
DmJsonReader *dm_json_reader_new          (const char    *data,
                                           gsize          length);
void          dm_json_reader_free         (DmJsonReader  *reader);

/* The type of the value at the reader's position. */
DmJsonType    dm_json_reader_peek         (DmJsonReader  *reader);
/* Reads the whole value at the position into a tree. */
DmJsonNode   *dm_json_reader_read_value   (DmJsonReader  *reader);
/* Steps into the object or array at the position. */
void          dm_json_reader_enter        (DmJsonReader  *reader);
/* In an object: the next member's name (in the arena), the position then
 * at its value; NULL at the end, which leaves the object. */
const char   *dm_json_reader_next_member  (DmJsonReader  *reader);
/* In an array: TRUE with the position at the next element; FALSE at the
 * end, which leaves the array. */
gboolean      dm_json_reader_next_element (DmJsonReader  *reader);

/* How many bytes of the data the reader has gone past. */
gsize         dm_json_reader_get_offset   (DmJsonReader  *reader);
DmJsonMark    dm_json_reader_get_mark     (DmJsonReader  *reader);
/* Frees every node and string read since @mark. */
void          dm_json_reader_release      (DmJsonReader  *reader,
                                           DmJsonMark     mark);

DmJsonNode   *dm_json_node_get_member     (const DmJsonNode *object,
                                           const char       *name);
/* A json-glib copy of @node and everything in it. */
JsonNode     *dm_json_node_to_json        (const DmJsonNode *node);
/* "an object", "a string"… as in messages. */
const char   *dm_json_node_describe       (const DmJsonNode *node);

G_END_DECLS
