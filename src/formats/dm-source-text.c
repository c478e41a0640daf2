/* dm-source-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dm-source-text.h"

/* Where a source text may be, relative to the dataset's folder. */
static const char * const folders[] = { "sources", "." };

static gboolean
name_is_plain (const char *name)
{
  return name[0] != '\0' && strchr (name, '/') == NULL && strcmp (name, ".") != 0 && strcmp (name, "..") != 0;
}

static void
set_not_available (GError    **error,
                   const char *name)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The source text “%s” is not available."), name);
}

/* Checks that @contents is text that a text view can show as it is. */
static char *
take_text (char        *contents,
           gsize        length,
           const char  *name,
           GError     **error)
{
  const char *end = NULL;

  if (!g_utf8_validate (contents, (gssize) length, &end))
    {
      gsize offset = (gsize) (end - contents);

      if (*end == '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The source text “%s” is not shown: it has a zero byte at byte %lu, so it is not a text file."),
                     name, (unsigned long) offset);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The source text “%s” is not shown: it is not UTF-8 text (byte %lu is 0x%02X, which UTF-8 "
                       "does not allow there)."), name, (unsigned long) offset, (guint) (guchar) *end);
      g_free (contents);
      return NULL;
    }

  /* A byte order mark is not part of the text. */
  if (length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    memmove (contents, contents + 3, length - 2);

  return contents;
}

static void
set_too_large (GError    **error,
               const char *name,
               guint64     size)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (DM_SOURCE_TEXT_MAX_SIZE);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The source text “%s” is not shown: it is %s, and source texts of up to %s are shown."),
               name, size_text, limit_text);
}

static char *
load_from_resource (GFile         *dataset_file,
                    const char    *name,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *uri = g_strdup_printf ("resource://" RESOURCE_PREFIX "/sources/%s", name);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, NULL))
    {
      set_not_available (error, name);
      return NULL;
    }
  if (length > DM_SOURCE_TEXT_MAX_SIZE)
    {
      set_too_large (error, name, length);
      g_free (contents);
      return NULL;
    }

  return take_text (contents, length, name, error);
}

/* Reads the regular file open at @fd, at most the limit. */
static char *
read_regular (int            fd,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *contents = NULL;
  struct stat st;
  gsize length = 0;
  gsize allocated;

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The source text “%s” cannot be read: %s"), name, g_strerror (saved));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   S_ISDIR (st.st_mode) ? _("The source text “%s” is not shown: it is a folder, not a file.")
                                        : _("The source text “%s” is not shown: it is not a regular file "
                                            "(a device, a pipe or a socket)."),
                   name);
      return NULL;
    }

  if ((guint64) st.st_size > DM_SOURCE_TEXT_MAX_SIZE)
    {
      set_too_large (error, name, (guint64) st.st_size);
      return NULL;
    }

  /* The file may grow while it is read: never take more than the limit. */
  allocated = (gsize) st.st_size + 1;
  contents = g_malloc (allocated + 1);
  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (length == allocated)
        {
          if (allocated > DM_SOURCE_TEXT_MAX_SIZE)
            {
              set_too_large (error, name, allocated);
              return NULL;
            }
          allocated = MIN (allocated * 2, (gsize) DM_SOURCE_TEXT_MAX_SIZE + 1);
          contents = g_realloc (contents, allocated + 1);
        }

      n = read (fd, contents + length, MIN (allocated - length, 1 << 20));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The source text “%s” cannot be read: %s"), name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }

  if (length > DM_SOURCE_TEXT_MAX_SIZE)
    {
      set_too_large (error, name, length);
      return NULL;
    }

  contents[length] = '\0';
  return take_text (g_steal_pointer (&contents), length, name, error);
}

char *
dm_source_text_load (GFile         *dataset_file,
                     const char    *name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *root = NULL;
  g_autofree char *root_slash = NULL;

  g_return_val_if_fail (G_IS_FILE (dataset_file), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!name_is_plain (name))
    {
      set_not_available (error, name);
      return NULL;
    }

  /* The bundled dataset's texts are in the resources. */
  uri = g_file_get_uri (dataset_file);
  if (g_str_has_prefix (uri, "resource://"))
    return load_from_resource (dataset_file, name, cancellable, error);

  parent = g_file_get_parent (dataset_file);
  folder = parent != NULL ? g_file_get_path (parent) : NULL;
  if (folder == NULL || (root = realpath (folder, NULL)) == NULL)
    {
      set_not_available (error, name);
      return NULL;
    }
  root_slash = g_str_has_suffix (root, "/") ? g_strdup (root) : g_strconcat (root, "/", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], name, NULL);
      g_autofree char *real = NULL;
      GStatBuf st;
      char *text;
      int fd;

      if (g_lstat (path, &st) != 0)
        continue;

      /* Wherever its links lead, the file must be inside the folder. */
      real = realpath (path, NULL);
      if (real == NULL)
        {
          set_not_available (error, name);
          return NULL;
        }
      if (!g_str_has_prefix (real, root_slash))
        {
          g_autofree char *where = g_filename_display_name (real);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("The source text “%s” is not shown: it leads to “%s”, outside the timeline’s folder."),
                       name, where);
          return NULL;
        }

      /* Not blocking on a FIFO, and no link swapped in since. */
      fd = g_open (real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The source text “%s” cannot be read: %s"), name, g_strerror (saved));
          return NULL;
        }
      text = read_regular (fd, name, cancellable, error);
      close (fd);
      return text;
    }

  set_not_available (error, name);
  return NULL;
}

typedef struct
{
  GFile *dataset_file;
  char  *name;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_object_unref (job->dataset_file);
  g_free (job->name);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  char *text = dm_source_text_load (job->dataset_file, job->name, cancellable, &error);

  if (text != NULL)
    g_task_return_pointer (task, text, g_free);
  else
    g_task_return_error (task, error);
}

void
dm_source_text_load_async (GFile               *dataset_file,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (G_IS_FILE (dataset_file));
  g_return_if_fail (name != NULL);

  job = g_new0 (LoadJob, 1);
  job->dataset_file = g_object_ref (dataset_file);
  job->name = g_strdup (name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dm_source_text_load_async);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

char *
dm_source_text_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
