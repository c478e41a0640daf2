/* dm-check.h — `daumoc --check` and `--export`: the command line without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "dm-dataset.h"
#include "dm-date.h"

G_BEGIN_DECLS

typedef enum
{
  DM_CHECK_OK = 0,       /* every file is a valid dataset */
  DM_CHECK_INVALID = 1,  /* at least one file is not */
  DM_CHECK_USAGE = 2,    /* the command line was wrong */
} DmCheckStatus;

/* Checks each file; writes one summary line per good file to @out and every
 * problem of a bad one to @err. */
/* Loads @input, or when NULL the bundled dataset at @bundled_uri, and
 * prints each problem found on @err as "FILE:LINE:COLUMN: PATH: MESSAGE";
 * @problems (optional) gets them. @name is set to how the file is named
 * there. NULL when it is not a dataset. */
DmDataset    *dm_check_load             (const char         *input,
                                         const char         *bundled_uri,
                                         const char        **name,
                                         GPtrArray         **problems,
                                         FILE               *err);

/* When @target is the file @input (the timeline an export reads), says so
 * on @err, naming it @output, and returns TRUE: the export must not run. */
gboolean      dm_check_refuse_own_input (const char         *input,
                                         GFile              *target,
                                         const char         *output,
                                         FILE               *err);

/* Flushes @out; when what was printed could not all be written (a full
 * disk, a closed pipe), says so on @err and returns DM_CHECK_INVALID,
 * otherwise @status. */
DmCheckStatus dm_check_finish_output    (FILE               *out,
                                         FILE               *err,
                                         DmCheckStatus       status);

/* Whether the base name of @output has something before @suffix: a file
 * named only ".png" would be a hidden file, not what was meant. */
gboolean      dm_check_has_base_name    (const char         *output,
                                         const char         *suffix);

DmCheckStatus dm_check_files            (const char * const *files,
                                         DmLanguage          language,
                                         gboolean            verbose,
                                         FILE               *out,
                                         FILE               *err);

/* Exports @input (or, when NULL, the dataset at @bundled_uri) to @output,
 * whose name must end in .timelinejs.json, in @language_name ("vi", "en",
 * or NULL for the locale's). Load problems go to @err; a line saying what
 * was written to @out. DM_CHECK_INVALID when the dataset cannot be loaded
 * or the file cannot be written. */
DmCheckStatus dm_check_export           (const char         *input,
                                         const char         *bundled_uri,
                                         const char         *output,
                                         const char         *language_name,
                                         FILE               *out,
                                         FILE               *err);

G_END_DECLS
