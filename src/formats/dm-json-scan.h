/* dm-json-scan.h — the strict JSON checker, which knows where things are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dataset files are untrusted: before anything reads them they go through
 * this strict single-pass checker, which refuses what JSON does not allow
 * (comments, single quotes, text after the root value), two members with
 * the same name, integers too large for 64 bits and nesting without a
 * limit, and says where (line:column). Once the file is read, it maps the
 * JSON paths of problems back to line:column the same way. */

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

/* What the checker found wrong: where, the JSON path of the innermost
 * value being read ("" for the root), and a message for people. */
typedef struct
{
  DmJsonScanResult  result;
  DmJsonLocation    location;
  char             *path;
  char             *message;
} DmJsonCheckError;

void             dm_json_check_error_clear (DmJsonCheckError *error);

/* JSON that has passed the checker: the only thing a DmJsonReader
 * (dm-json-reader.h) reads, so that nothing reads unchecked bytes. */
typedef struct _DmJsonChecked DmJsonChecked;

/* Checks @bytes (without a byte-order mark) strictly, and notes whether
 * the root value is an object with a member named @root_member (may be
 * NULL; to tell formats apart before anything is read). NULL, with
 * @error filled, when the bytes are not strict JSON; otherwise the
 * checked document, which keeps a reference to @bytes. */
DmJsonChecked   *dm_json_check             (GBytes           *bytes,
                                            const char       *root_member,
                                            DmJsonCheckError *error);
void             dm_json_checked_free      (DmJsonChecked    *checked);

gboolean         dm_json_checked_has_root_member (const DmJsonChecked *checked);
const char      *dm_json_checked_get_data  (const DmJsonChecked *checked,
                                            gsize               *length);

/* A check run in a thread of its own, so that a large file can be read
 * while it is checked: a reader made with dm_json_reader_new_checking()
 * waits before each step until the check has gone past the bytes it is
 * about to read. */
typedef struct _DmJsonCheckJob DmJsonCheckJob;

/* Starts checking @bytes as dm_json_check() does, noting where some
 * elements of the array @indexed (a member of the root; NULL: none) end,
 * for dm_json_check_job_split(). */
DmJsonCheckJob  *dm_json_check_start       (GBytes           *bytes,
                                            const char       *root_member,
                                            const char       *indexed);
const char      *dm_json_check_job_get_data (const DmJsonCheckJob *job,
                                            gsize               *length);
/* Waits until the check has done a value at depth 1 (a member or element
 * of the root) that ends after @offset, with @depth 1; at depth 1 or 2 (an
 * element or member of one of those), with @depth 2; or until it has
 * ended, which is all @depth 0 waits for. Every byte before the end of a
 * value done has been checked. FALSE when the check has found a problem:
 * nothing more may then be read. */
gboolean         dm_json_check_job_wait    (DmJsonCheckJob   *job,
                                            guint             depth,
                                            gsize             offset);
/* Once the check has ended well (FALSE before, or if it failed): where to
 * split the elements of the indexed array from its element @next on, for a
 * second reader. *@n_before of them end at or before *@split, the end of
 * an element near their middle; *@close is the position of the array's
 * ']'. FALSE too when fewer than twice @min_elements are left. */
gboolean         dm_json_check_job_split   (DmJsonCheckJob   *job,
                                            guint64           next,
                                            guint             min_elements,
                                            gsize            *split,
                                            gsize            *close,
                                            guint64          *n_before);
/* Waits for the check to end and frees @job; returns what dm_json_check()
 * would have. */
DmJsonChecked   *dm_json_check_job_finish  (DmJsonCheckJob   *job,
                                            DmJsonCheckError *error);

/* Fills the location of the value at each path in @wanted (a table of
 * path → DmJsonLocation*, zeroed by the caller). Paths that do not exist
 * keep line 0; callers that want a fallback add the ancestors of a path
 * too. */
void             dm_json_checked_locate    (const DmJsonChecked *checked,
                                            GHashTable          *wanted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmJsonChecked, dm_json_checked_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DmJsonCheckError, dm_json_check_error_clear)

G_END_DECLS
