/* test-file-util.c — a write that fails half way leaves the old file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "dm-file-util.h"

typedef struct
{
  gsize    total;      /* bytes to write */
  gsize    fail_at;    /* fail after this many, or G_MAXSIZE */
} WriteJob;

static gboolean
write_job (GOutputStream  *stream,
           gpointer        user_data,
           GCancellable   *cancellable,
           GError        **error)
{
  WriteJob *job = user_data;
  char chunk[4096];

  memset (chunk, 'n', sizeof chunk);

  for (gsize written = 0; written < job->total; written += sizeof chunk)
    {
      if (written >= job->fail_at)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
          return FALSE;
        }
      if (!g_output_stream_write_all (stream, chunk, MIN (sizeof chunk, job->total - written), NULL, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static void
test_failure_keeps_old (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  WriteJob job = { 1 << 20, 256 << 10 };

  g_file_set_contents (path, "the good version", -1, &error);
  g_assert_no_error (error);

  /* A quarter of the way through, the disk is full. */
  g_assert_false (dm_file_write_atomically (file, write_job, &job, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);

  g_file_get_contents (path, &content, NULL, NULL);
  g_assert_cmpstr (content, ==, "the good version");
  /* And no temporary file is left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_success_replaces (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  gsize length;
  WriteJob job = { 100000, G_MAXSIZE };

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_assert_true (dm_file_write_atomically (file, write_job, &job, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &content, &length, NULL);
  g_assert_cmpuint (length, ==, 100000);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_new_file_failure_leaves_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WriteJob job = { 1 << 20, 4096 };

  g_assert_false (dm_file_write_atomically (file, write_job, &job, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-util/failure-keeps-old", test_failure_keeps_old);
  g_test_add_func ("/file-util/success-replaces", test_success_replaces);
  g_test_add_func ("/file-util/new-file-failure-leaves-nothing", test_new_file_failure_leaves_nothing);

  return g_test_run ();
}
