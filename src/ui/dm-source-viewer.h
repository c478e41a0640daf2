/* dm-source-viewer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DM_TYPE_SOURCE_VIEWER (dm_source_viewer_get_type ())

G_DECLARE_FINAL_TYPE (DmSourceViewer, dm_source_viewer, DM, SOURCE_VIEWER, AdwWindow)

DmSourceViewer *dm_source_viewer_new       (GtkWindow      *parent);
/* Shows @text under @title, with @quote (found ignoring differences in
 * white space) selected and scrolled into view. */
void            dm_source_viewer_show_text (DmSourceViewer *self,
                                            const char     *title,
                                            const char     *text,
                                            const char     *quote);

/* A selected passage can be made an event ("viewer.new-event",
 * Shift+Ctrl+N) or cited in the selected event ("viewer.cite",
 * Shift+Ctrl+Q): the "cite" signal says which, with the passage. */

G_END_DECLS
