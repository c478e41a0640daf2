/* dm-export-sheet.h — a dataset as a TimelineJS sheet (CSV), in one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* The file name ending that `daumoc --export` writes a TimelineJS sheet for. */
#define DM_EXPORT_SHEET_SUFFIX ".csv"

/* The dataset as Knight Lab's TimelineJS Google Sheets template, in CSV
 * as Google Sheets writes it (UTF-8, CRLF, quotes where needed): the
 * header row, the title row (Type "title"), a row for each event and one
 * for each era (Type "era"). Each row holds what the TimelineJS3 export
 * (dm_export_timelinejs()) writes for the slide, so texts are HTML with
 * everything escaped and media are http or https addresses only; a text
 * that a spreadsheet would take for a formula (=, +, -, @) starts with a
 * character reference instead. Importing the result gives the same
 * events, dates, groups and eras. dm_export_text_to_file() writes it to
 * a file. */
char      *dm_export_sheet          (DmDataset     *dataset,
                                     DmLanguage     language,
                                     gsize         *length);

G_END_DECLS
