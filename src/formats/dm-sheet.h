/* dm-sheet.h — the cells of a spreadsheet: CSV, XLSX or ODS
 *
 * What the sheet importer (dm-import-sheet.c) reads: the first sheet of a
 * workbook as rows of text cells, each row with the number the
 * spreadsheet program shows it under. Numbers are written as the cell
 * holds them ("1815", not "1815.0"); dates as ISO dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DM_SHEET_CSV,
  DM_SHEET_XLSX,
  DM_SHEET_ODS,
} DmSheetFormat;

typedef struct
{
  guint      number;  /* 1-based, as the spreadsheet shows it */
  GPtrArray *cells;   /* char*, never NULL; "" for an empty cell */
} DmSheetRow;

typedef struct
{
  DmSheetFormat  format;
  GPtrArray     *rows;  /* DmSheetRow*, rows with no text left out */
  gsize          n_cells;
} DmSheet;

/* The columns of Knight Lab's TimelineJS sheet template, in its order,
 * which the sheet importer reads and the sheet export writes. */
typedef enum
{
  DM_SHEET_COL_YEAR,
  DM_SHEET_COL_MONTH,
  DM_SHEET_COL_DAY,
  DM_SHEET_COL_TIME,
  DM_SHEET_COL_END_YEAR,
  DM_SHEET_COL_END_MONTH,
  DM_SHEET_COL_END_DAY,
  DM_SHEET_COL_END_TIME,
  DM_SHEET_COL_DISPLAY_DATE,
  DM_SHEET_COL_HEADLINE,
  DM_SHEET_COL_TEXT,
  DM_SHEET_COL_MEDIA,
  DM_SHEET_COL_MEDIA_CREDIT,
  DM_SHEET_COL_MEDIA_CAPTION,
  DM_SHEET_COL_MEDIA_THUMBNAIL,
  DM_SHEET_COL_TYPE,
  DM_SHEET_COL_GROUP,
  DM_SHEET_COL_BACKGROUND,
  DM_SHEET_N_TEMPLATE_COLUMNS,
} DmSheetColumn;

/* Each template column's header, as Knight Lab writes it. */
extern const char * const dm_sheet_template_names[DM_SHEET_N_TEMPLATE_COLUMNS];

/* The most cells read, so that a hostile file cannot take all memory. */
#define DM_SHEET_MAX_ROWS    1000000
#define DM_SHEET_MAX_COLUMNS 256
#define DM_SHEET_MAX_CELLS   (8 * 1024 * 1024)

/* Reads UTF-8 CSV (with or without a byte-order mark) separated by
 * commas, semicolons or tabs, whichever the first line uses most. Errors
 * are in DM_DATASET_ERROR. */
DmSheet    *dm_sheet_read_csv       (const char    *data,
                                     gsize          length,
                                     GError       **error);
/* Reads the first sheet of an XLSX or ODS workbook. */
DmSheet    *dm_sheet_read_workbook  (const char    *data,
                                     gsize          length,
                                     DmSheetFormat *format,
                                     GError       **error);
/* DM_SHEET_XLSX or DM_SHEET_ODS for a zip container that holds a
 * workbook; FALSE for any other data. */
gboolean    dm_sheet_sniff_workbook (const char    *data,
                                     gsize          length,
                                     DmSheetFormat *format);
void        dm_sheet_free           (DmSheet       *sheet);

/* The cell's text, "" beyond the end of the row. */
const char *dm_sheet_row_get        (const DmSheetRow *row,
                                     guint             column);
/* "A", "B", … "Z", "AA": the column as spreadsheets name it. */
char       *dm_sheet_column_name    (guint          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmSheet, dm_sheet_free)

G_END_DECLS
