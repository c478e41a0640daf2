/* dm-json-reader.h — the one JSON tree that the loader and the importers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-json-scan.h"
#include "dm-problem.h"

G_BEGIN_DECLS

/* A compact tree of checked JSON (a DmJsonChecked: a reader cannot be
 * made from anything else), for reading large files: nodes and decoded
 * strings live in the reader's arena (no allocation per node), and a
 * large array can be read one element at a time, each element's tree
 * dropped once it has been used (dm_json_reader_get_mark(),
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
  guint       n;           /* members or elements; a string's length */
  guint8      type;        /* DmJsonType */
  guint16     name_hash;   /* @name in short, to look members up; 0: not known */
};

typedef struct _DmJsonReader DmJsonReader;

typedef struct
{
  guint chunk;
  gsize used;
} DmJsonMark;

/* @checked must outlive the reader. */
DmJsonReader *dm_json_reader_new          (const DmJsonChecked *checked);
/* A reader of bytes being checked by @job (which must outlive the
 * reader): each step waits until the check has gone past what it reads.
 * If the check finds a problem, the reader stops: it reads nulls, and
 * objects and arrays end; dm_json_reader_failed() then says so. */
DmJsonReader *dm_json_reader_new_checking (DmJsonCheckJob      *job);
gboolean      dm_json_reader_failed       (DmJsonReader        *reader);
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

/* Splitting the rest of the indexed array (dm_json_check_start()), from
 * its element @next on, between two threads, once the check of a reader
 * made with dm_json_reader_new_checking() has ended well (see
 * dm_json_check_job_split()): FALSE before, or when too few are left. */
gboolean      dm_json_reader_split_array  (DmJsonReader  *reader,
                                           guint64        next,
                                           guint          min_elements,
                                           gsize         *split,
                                           gsize         *close,
                                           guint64       *n_before);
/* Waits until the check of a reader made with dm_json_reader_new_checking()
 * has ended (for tests, which split arrays at a known point). */
void          dm_json_reader_wait_checked (DmJsonReader  *reader);
/* A reader of the same bytes, all checked, at @offset in an array: at the
 * end of one of its elements, before the next one or the end. */
DmJsonReader *dm_json_reader_new_at       (DmJsonReader  *reader,
                                           gsize          offset);
/* Moves the reader to @offset in the array it is in: to its ']', so that
 * the array ends there, or to the end of an element. The bytes skipped
 * must have been checked. */
void          dm_json_reader_skip_to      (DmJsonReader  *reader,
                                           gsize          offset);

/* How many bytes of the data the reader has gone past. */
gsize         dm_json_reader_get_offset   (DmJsonReader  *reader);
DmJsonMark    dm_json_reader_get_mark     (DmJsonReader  *reader);
/* Frees every node and string read since @mark. */
void          dm_json_reader_release      (DmJsonReader  *reader,
                                           DmJsonMark     mark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmJsonReader, dm_json_reader_free)

/* A tree made in code rather than read (a spreadsheet turned into the
 * JSON its tool would write), in an arena of its own. */
typedef struct _DmJsonTree DmJsonTree;

DmJsonTree   *dm_json_tree_new            (void);
void          dm_json_tree_free           (DmJsonTree    *tree);
/* A new node of @type (an object, an array or null) appended to
 * @container (as its member @name, in an object), or a root when
 * @container is NULL. Strings are copied. */
DmJsonNode   *dm_json_tree_add            (DmJsonTree    *tree,
                                           DmJsonNode    *container,
                                           const char    *name,
                                           DmJsonType     type);
DmJsonNode   *dm_json_tree_add_string     (DmJsonTree    *tree,
                                           DmJsonNode    *container,
                                           const char    *name,
                                           const char    *text);
DmJsonNode   *dm_json_tree_add_integer    (DmJsonTree    *tree,
                                           DmJsonNode    *container,
                                           const char    *name,
                                           gint64         value);
/* Appends @node, made with no container, to @container; returns @node. */
DmJsonNode   *dm_json_tree_append         (DmJsonTree    *tree,
                                           DmJsonNode    *container,
                                           const char    *name,
                                           DmJsonNode    *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmJsonTree, dm_json_tree_free)

/* The member @name of @object, NULL when there is none. */
DmJsonNode   *dm_json_node_get_member     (const DmJsonNode *object,
                                           const char       *name);
/* Whether @member (a member of an object) is called one of @names
 * (NULL-terminated); its key tells most names apart without a call. */
gboolean      dm_json_member_is_one_of    (const DmJsonNode   *member,
                                           const char * const *names);
/* Whether @node is missing, null or "". */
gboolean      dm_json_node_is_empty       (const DmJsonNode *node);
/* A json-glib copy of @node and everything in it. */
JsonNode     *dm_json_node_to_json        (const DmJsonNode *node);
/* "an object", "a string"… as in messages. */
const char   *dm_json_node_describe       (const DmJsonNode *node);

/* The problem every reader reports for a value of the wrong type:
 * "expected @expected, found …" (DM_DATASET_ERROR_TYPE) at @member (may
 * be NULL) of the path being read. */
void          dm_json_type_problem        (DmProblemLog      *log,
                                           const char        *member,
                                           const char        *expected,
                                           const DmJsonNode  *node);

G_END_DECLS
