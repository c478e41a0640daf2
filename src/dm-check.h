/* dm-check.h — `daumoc --check`: validate files without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

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
DmCheckStatus dm_check_files            (const char * const *files,
                                         DmLanguage          language,
                                         FILE               *out,
                                         FILE               *err);

G_END_DECLS
