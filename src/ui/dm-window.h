/* dm-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-application.h"
#include "dm-dataset.h"

G_BEGIN_DECLS

#define DM_TYPE_WINDOW (dm_window_get_type ())

G_DECLARE_FINAL_TYPE (DmWindow, dm_window, DM, WINDOW, AdwApplicationWindow)

DmWindow  *dm_window_new         (DmApplication *application);

/* Loads @file in the background. If it fails, the dataset already shown
 * stays, and the problem is shown above it with its location. */
void       dm_window_open        (DmWindow      *self,
                                  GFile         *file);
DmDataset *dm_window_get_dataset (DmWindow      *self);
DmLanguage dm_window_get_language (DmWindow     *self);
void       dm_window_open_default (DmWindow     *self);
/* Exports the timeline as @format ("png", "svg", "pdf" or "timelinejs")
 * to @file with the Export dialog's default choices, as accepting that
 * dialog and the file chooser does; a problem is shown in the window. */
void       dm_window_export_to_file (DmWindow   *self,
                                     const char *format,
                                     GFile      *file);

/* Prints the handout into a PDF file through GtkPrintOperation, as the
 * print dialog's "Print to File" does, without the dialog, on
 * @page_setup's paper and orientation (NULL: the locale's paper,
 * portrait). */
void       dm_window_print_to_file (DmWindow     *self,
                                    const char   *filename,
                                    GtkPageSetup *page_setup);

G_END_DECLS
