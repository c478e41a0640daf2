/* dm-export-dialog.h — what to export, asked as the format needs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-export.h"

G_BEGIN_DECLS

#define DM_TYPE_EXPORT_DIALOG (dm_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmExportDialog, dm_export_dialog, DM, EXPORT_DIALOG, AdwWindow)

/* Fills @options with what the export starts from (the dataset, the
 * events shown, the range in view) before the dialog's choices apply. */
typedef void (*DmExportBaseFunc) (DmExportOptions *options,
                                  gpointer         user_data);

DmExportDialog *dm_export_dialog_new            (GtkWindow        *parent,
                                                 DmDataset        *dataset,
                                                 DmExportFormat    format,
                                                 DmLanguage        language,
                                                 int               width);

/* For the preview; the dialog keeps @user_data until @destroy. */
void            dm_export_dialog_set_base_func  (DmExportDialog   *self,
                                                 DmExportBaseFunc  func,
                                                 gpointer          user_data,
                                                 GDestroyNotify    destroy);

DmExportFormat  dm_export_dialog_get_format     (DmExportDialog   *self);
void            dm_export_dialog_set_format     (DmExportDialog   *self,
                                                 DmExportFormat    format);
DmLanguage      dm_export_dialog_get_language   (DmExportDialog   *self);
gboolean        dm_export_dialog_get_whole_range (DmExportDialog  *self);

/* Applies the choices (language, range, paper, orientation, size,
 * scale) to @options. */
void            dm_export_dialog_apply          (DmExportDialog   *self,
                                                 DmExportOptions  *options);

/* The file name offered in the file chooser. */
char           *dm_export_dialog_suggest_name   (DmExportDialog   *self);

/* Where to export: when set, Export goes on without asking. */
void            dm_export_dialog_set_file       (DmExportDialog   *self,
                                                 GFile            *file);

G_END_DECLS
