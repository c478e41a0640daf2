/* dm-source-text.h — reading a dataset's source texts, safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest source text shown, in bytes ("4.0 MB"). */
#define DM_SOURCE_TEXT_MAX_SIZE 4000000

/* Reads the source text @name (a source's `file` member) that belongs to
 * the dataset read from @dataset_file: `sources/NAME` beside it, or NAME
 * beside it. Symbolic links are followed only as long as they stay inside
 * the dataset's folder; only a regular file, of at most
 * DM_SOURCE_TEXT_MAX_SIZE bytes and made of valid UTF-8 text, is read, and
 * nothing can block (a FIFO is refused without being opened for long).
 * Every error message is a sentence for the user that names @name. The
 * bundled dataset's texts come from the resources. */
char *dm_source_text_load        (GFile                *dataset_file,
                                  const char           *name,
                                  GCancellable         *cancellable,
                                  GError              **error);
/* The same in a worker thread. */
void  dm_source_text_load_async  (GFile                *dataset_file,
                                  const char           *name,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
char *dm_source_text_load_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
