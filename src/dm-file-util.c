/* dm-file-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <gio/gfiledescriptorbased.h>

#include <glib/gi18n.h>

#include "dm-file-util.h"

/* A new, hidden file beside @file that nobody else is using. */
static GFileOutputStream *
create_temporary (GFile         *file,
                  GFile        **out_temporary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *temporary_name = g_strdup_printf (".%s.%08x.part", name, g_random_int ());
      g_autoptr(GFile) temporary = g_file_get_child (parent, temporary_name);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream;

      stream = g_file_create (temporary, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
      if (stream != NULL)
        {
          *out_temporary = g_steal_pointer (&temporary);
          return stream;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt == 10)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

gboolean
dm_file_write_atomically (GFile         *file,
                          DmWriteFunc    write,
                          gpointer       user_data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GError) local_error = NULL;
  GOutputStream *out;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  stream = create_temporary (file, &temporary, cancellable, &local_error);
  if (stream == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = parent ? g_file_get_parse_name (parent) : g_strdup ("/");

      /* The temporary file's name would only confuse: speak of the folder. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the folder “%s” does not exist"), folder);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, _("you may not write in the folder “%s”"), folder);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  out = G_OUTPUT_STREAM (stream);

  ok = write (out, user_data, cancellable, &local_error) &&
       g_output_stream_flush (out, cancellable, &local_error);

  /* On disk before it takes the target's name, so that a crash right after
   * the rename cannot leave an empty file. */
  if (ok && G_IS_FILE_DESCRIPTOR_BASED (stream) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (errno));
      ok = FALSE;
    }

  ok = g_output_stream_close (out, NULL, ok ? &local_error : NULL) && ok;

  if (ok)
    ok = g_file_move (temporary, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      cancellable, NULL, NULL, &local_error);

  if (!ok)
    {
      g_file_delete (temporary, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
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
