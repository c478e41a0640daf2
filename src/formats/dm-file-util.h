/* dm-file-util.h — writing files so that a failure never leaves half of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes the whole content to @stream; returns FALSE with @error set when it
 * cannot. */
typedef gboolean (*DmWriteFunc) (GOutputStream  *stream,
                                 gpointer        user_data,
                                 GCancellable   *cancellable,
                                 GError        **error);

/* Writes @file through @write into a new hidden file beside it
 * (".daumoc-XXXXXX"), which is synced and renamed over @file only once
 * everything was written. If @write fails (a full disk, an error half
 * way), @file keeps its old content, or stays absent if it was, and the
 * temporary file is removed. A symbolic link is written through: its
 * target gets the new content and the link stays. A file replaced keeps
 * its permissions; a new one gets 0666 less the umask. Error messages
 * name @file, never the temporary. */
gboolean dm_file_write_atomically (GFile         *file,
                                   DmWriteFunc    write,
                                   gpointer       user_data,
                                   GCancellable  *cancellable,
                                   GError       **error);
/* The same for @bytes. */
gboolean dm_file_write_bytes_atomically (GFile         *file,
                                         GBytes        *bytes,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Whether @a and @b are the same file on disk, whatever the names they
 * are given by (links, "./x", hard links): compared by device and inode
 * where both exist locally, by URI otherwise. */
gboolean dm_file_is_same (GFile *a,
                          GFile *b);

/* Makes SIGINT, SIGTERM and SIGHUP remove the temporary files being
 * written before the process dies of them: for the command line, where
 * an interrupted export must not leave a hidden file behind. */
void dm_file_remove_temporaries_on_signals (void);

G_END_DECLS
