/* dm-file-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gunixoutputstream.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dm-debug.h"
#include "dm-file-util.h"

/* The temporary file's name, beside the target: short, so that any name
 * the folder allows for the target works. */
#define TEMPORARY_TEMPLATE ".daumoc-XXXXXX"

/* Temporary files being written, for a signal handler to remove: a slot is
 * FREE, FILLING (its path being written) or ARMED. Only async-signal-safe
 * calls touch them from the handler. */
enum { SLOT_FREE, SLOT_FILLING, SLOT_ARMED };
#define N_SLOTS 8
#define SLOT_PATH_MAX 4096

static volatile gint slot_state[N_SLOTS];
static char slot_path[N_SLOTS][SLOT_PATH_MAX];

static int
track_temporary (const char *path)
{
  if (strlen (path) >= SLOT_PATH_MAX)
    return -1;

  for (int i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_compare_and_exchange (&slot_state[i], SLOT_FREE, SLOT_FILLING))
      {
        strcpy (slot_path[i], path);
        g_atomic_int_set (&slot_state[i], SLOT_ARMED);
        return i;
      }

  return -1;
}

static void
untrack_temporary (int slot)
{
  if (slot >= 0)
    g_atomic_int_set (&slot_state[slot], SLOT_FREE);
}

static void
remove_temporaries_handler (int signum)
{
  int saved = errno;

  for (int i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_get (&slot_state[i]) == SLOT_ARMED)
      unlink (slot_path[i]);

  /* Then die of the signal, as the parent expects. */
  signal (signum, SIG_DFL);
  raise (signum);
  errno = saved;
}

void
dm_file_remove_temporaries_on_signals (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action = { 0 };

  action.sa_handler = remove_temporaries_handler;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaddset (&action.sa_mask, signals[i]);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

/* The file that writing to @path writes to: symbolic links are followed
 * (to a file that may not exist yet), so that the link is kept. */
static char *
follow_links (const char  *path,
              const char  *display_name,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint depth = 0; depth < 40; depth++)
    {
      g_autofree char *target = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);

      if (!g_path_is_absolute (target))
        {
          g_autofree char *folder = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (folder, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("“%s” is a symbolic link that leads round in a circle"), display_name);
  return NULL;
}

/* Takes @message, which says what could not be done. */
static void
set_error_from_errno (GError **error,
                      int      saved,
                      char    *message)
{
  g_autofree char *owned = message;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", owned, g_strerror (saved));
}

/* For files that are not on a local disk (GVfs): GIO's own replacement. */
static gboolean
write_with_gio (GFile         *file,
                DmWriteFunc    write,
                gpointer       user_data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  gboolean ok;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  ok = write (G_OUTPUT_STREAM (stream), user_data, cancellable, error);
  /* Closing a cancelled replacement keeps the old file. */
  if (!ok)
    g_cancellable_cancel (abandon);

  return g_output_stream_close (G_OUTPUT_STREAM (stream), ok ? cancellable : abandon, ok ? error : NULL) && ok;
}

gboolean
dm_file_write_atomically (GFile         *file,
                          DmWriteFunc    write,
                          gpointer       user_data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  GStatBuf st;
  gboolean have_mode = FALSE;
  mode_t mode = 0;
  int slot;
  int fd;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    return write_with_gio (file, write, user_data, cancellable, error);

  display_name = g_filename_display_name (path);
  target = follow_links (path, display_name, error);
  if (target == NULL)
    return FALSE;

  folder = g_path_get_dirname (target);
  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder"), display_name);
          return FALSE;
        }
      /* A device or a pipe is not replaced by a file. */
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("“%s” is not a regular file (a device, a pipe or a socket)"), display_name);
          return FALSE;
        }
      /* A file replaced keeps who may read it. */
      have_mode = TRUE;
      mode = st.st_mode & 07777;
    }

  /* A new file is made as open() makes one: 0666 less the umask. */
  temporary = g_build_filename (folder, TEMPORARY_TEMPLATE, NULL);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *folder_name = g_filename_display_name (folder);

      /* The temporary file's name would only confuse: speak of the folder. */
      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the folder “%s” does not exist"), folder_name);
      else if (saved == EACCES || saved == EPERM || saved == EROFS)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, _("you may not write in the folder “%s”"),
                     folder_name);
      else
        set_error_from_errno (error, saved, g_strdup_printf (_("cannot make a file in the folder “%s”"), folder_name));
      return FALSE;
    }
  slot = track_temporary (temporary);

  /* Best effort: some file systems (FAT, SMB) have no permissions to keep. */
  if (have_mode && fchmod (fd, mode) != 0)
    g_debug ("Could not keep the permissions of %s: %s", display_name, g_strerror (errno));

  stream = g_unix_output_stream_new (fd, TRUE);
  ok = write (stream, user_data, cancellable, &local_error) &&
       g_output_stream_flush (stream, cancellable, &local_error);

  /* On disk before it takes the target's name, so that a crash right after
   * the rename cannot leave an empty file. */
  if (ok && fsync (fd) != 0)
    {
      set_error_from_errno (&local_error, errno, g_strdup_printf (_("cannot write “%s”"), display_name));
      ok = FALSE;
    }

  ok = g_output_stream_close (stream, NULL, ok ? &local_error : NULL) && ok;

  if (ok && dm_debug_has ("stop-writing"))
    raise (SIGSTOP);

  if (ok && g_rename (temporary, target) != 0)
    {
      set_error_from_errno (&local_error, errno, g_strdup_printf (_("cannot replace “%s”"), display_name));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (temporary);
  untrack_temporary (slot);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
dm_file_is_same (GFile *a,
                 GFile *b)
{
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  GStatBuf st_a;
  GStatBuf st_b;

  g_return_val_if_fail (G_IS_FILE (a) && G_IS_FILE (b), FALSE);

  path_a = g_file_get_path (a);
  path_b = g_file_get_path (b);
  if (path_a != NULL && path_b != NULL && g_stat (path_a, &st_a) == 0 && g_stat (path_b, &st_b) == 0)
    return st_a.st_dev == st_b.st_dev && st_a.st_ino == st_b.st_ino;

  return g_file_equal (a, b);
}

static gboolean
write_bytes (GOutputStream  *stream,
             gpointer        user_data,
             GCancellable   *cancellable,
             GError        **error)
{
  GBytes *bytes = user_data;

  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, cancellable, error);
}

gboolean
dm_file_write_bytes_atomically (GFile         *file,
                                GBytes        *bytes,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (bytes != NULL, FALSE);

  return dm_file_write_atomically (file, write_bytes, bytes, cancellable, error);
}
