/* dm-sources-dialog.h — the timeline's sources: add, edit, remove, and
 * show a source's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dm-edit.h"
#include "dm-window.h"

G_BEGIN_DECLS

#define DM_TYPE_SOURCES_DIALOG (dm_sources_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmSourcesDialog, dm_sources_dialog, DM, SOURCES_DIALOG, AdwPreferencesWindow)

/* Every change goes through @edit, so that it can be undone. */
DmSourcesDialog *dm_sources_dialog_new (DmWindow *window,
                                        DmEdit   *edit);

/* In the form of a source shown (Add Source, Edit Source): @file as
 * its text, as if chosen with the file chooser. */
void dm_sources_dialog_set_text_file (DmSourcesDialog *self,
                                      GFile           *file);

/* Copies the text file @chosen into the "sources" folder beside the
 * timeline saved as @timeline (the loader also looks there), unless it
 * already is there or beside the timeline; returns the name the source's
 * "file" member holds. A timeline that is not yet a file of its own (a
 * new one, or the bundled one) has no folder: an error asks to save it
 * first. An existing different file of that name is never replaced. */
char *dm_sources_place_text_file (GFile   *timeline,
                                  GFile   *chosen,
                                  GError **error);

G_END_DECLS
