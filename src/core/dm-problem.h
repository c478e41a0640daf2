/* dm-problem.h — one located problem in a dataset file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DM_DATASET_ERROR (dm_dataset_error_quark ())

typedef enum
{
  DM_DATASET_ERROR_IO,                /* cannot read the file */
  DM_DATASET_ERROR_ENCODING,          /* not UTF-8, NUL bytes */
  DM_DATASET_ERROR_SYNTAX,            /* not JSON */
  DM_DATASET_ERROR_LIMIT,             /* nesting, number or size beyond what is kept */
  DM_DATASET_ERROR_DUPLICATE_MEMBER,  /* the same member twice in an object */
  DM_DATASET_ERROR_FORMAT,            /* not a Dấu Mốc timeline */
  DM_DATASET_ERROR_VERSION,           /* a format version this build does not know */
  DM_DATASET_ERROR_TYPE,              /* a value of the wrong JSON type */
  DM_DATASET_ERROR_MISSING,           /* a required member is missing */
  DM_DATASET_ERROR_INVALID_VALUE,     /* a value of the right type that is not allowed */
  DM_DATASET_ERROR_INVALID_DATE,      /* a date that is malformed or does not exist */
  DM_DATASET_ERROR_DATE_ORDER,        /* an end before its start */
  DM_DATASET_ERROR_DUPLICATE_ID,      /* two kinds, sources or events share an id */
  DM_DATASET_ERROR_UNKNOWN_REFERENCE, /* a reference to an id that does not exist */
  DM_DATASET_ERROR_UNSUPPORTED,       /* an importer meets something it cannot map */
} DmDatasetError;

typedef enum
{
  DM_PROBLEM_ERROR,
  DM_PROBLEM_WARNING,
} DmProblemSeverity;

typedef struct
{
  DmProblemSeverity  severity;
  DmDatasetError     code;
  char              *file;     /* display name of the file, may be NULL */
  char              *path;     /* JSON path, "" for the whole document */
  guint              line;     /* 1-based; 0 when unknown */
  guint              column;   /* 1-based; 0 when unknown */
  char              *message;  /* plain language, no location */
} DmProblem;

GQuark      dm_dataset_error_quark  (void);

DmProblem  *dm_problem_new          (DmProblemSeverity  severity,
                                     DmDatasetError     code,
                                     const char        *path,
                                     const char        *message);
void        dm_problem_free         (DmProblem         *problem);

/* Where a reader is in a document, and the problems it has found there:
 * the native loader and every importer report through one of these, and
 * only through these. */
typedef struct
{
  GPtrArray *problems;   /* DmProblem*, not owned */
  GString   *path;       /* the JSON path being read */
} DmProblemLog;

void        dm_problem_log_init     (DmProblemLog      *log,
                                     GPtrArray         *problems);
void        dm_problem_log_clear    (DmProblemLog      *log);

/* A problem at the path being read, or at its member @member (may be
 * NULL). */
void        dm_problem_log_add      (DmProblemLog      *log,
                                     DmProblemSeverity  severity,
                                     DmDatasetError     code,
                                     const char        *member,
                                     const char        *format,
                                     ...) G_GNUC_PRINTF (5, 6);
#define dm_problem_log_error(log, code, member, ...) \
  dm_problem_log_add ((log), DM_PROBLEM_ERROR, (code), (member), __VA_ARGS__)
/* What an importer cannot map. */
#define dm_problem_log_warning(log, member, ...) \
  dm_problem_log_add ((log), DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, (member), __VA_ARGS__)

/* Into a member or an element of the value being read: each returns the
 * length of the path to pop back to. */
gsize       dm_problem_log_push_member (DmProblemLog   *log,
                                        const char     *member);
gsize       dm_problem_log_push_index  (DmProblemLog   *log,
                                        guint           index);
void        dm_problem_log_pop      (DmProblemLog      *log,
                                     gsize              length);

/* Sorts @problems by line, then column; problems at the same place keep
 * their order. */
void        dm_problems_sort_by_location (GPtrArray   *problems);

/* "FILE:LINE:COLUMN: PATH: MESSAGE", leaving out what is unknown; warnings
 * are marked "warning: ". */
char       *dm_problem_to_string    (const DmProblem   *problem);

/* A GError for a list of problems: the code and text of the first error,
 * followed by how many more there are. */
GError     *dm_problems_to_error    (GPtrArray         *problems);
guint       dm_problems_count_errors (GPtrArray        *problems);
/* One problem of each kind in @problems (the same severity, code and
 * member, whichever element it is in, and the same message but for the
 * values it quotes), errors first, each the first of its kind; *@counts
 * gets how many there are of each (a guint per problem returned). The
 * problems stay @problems' own. */
GPtrArray  *dm_problems_by_kind      (GPtrArray        *problems,
                                      GArray          **counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmProblem, dm_problem_free)

/* Path syntax of a problem, shared by the JSON scanner, the loader and
 * the importers:
 *   root ""; member: "title" / "events[3].title"; index "events[3]";
 *   member names that are not plain identifiers: "extra[\"a b\"]". */
void             dm_problem_path_append_member (GString    *path,
                                                const char *name);
void             dm_problem_path_append_index  (GString    *path,
                                                guint       index);

G_END_DECLS
