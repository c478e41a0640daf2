/* test-file-util.c — a write that fails half way leaves the old file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "dm-file-util.h"
#include "dm-test-util.h"

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

typedef DmTestScratch Fixture;
#define fixture_setup dm_test_scratch_setup
#define fixture_teardown dm_test_scratch_teardown

/* The file at @path holds @expected. */
static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *content = NULL;

  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, expected);
}

static void
test_failure_keeps_old (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "timeline.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WriteJob job = { 1 << 20, 256 << 10 };

  g_file_set_contents (path, "the good version", -1, &error);
  g_assert_no_error (error);

  /* A quarter of the way through, the disk is full. */
  g_assert_false (dm_file_write_atomically (file, write_job, &job, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);

  assert_contents (path, "the good version");
  /* And no temporary file is left behind. */
  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 1);
}

static void
test_success_replaces (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "timeline.json", NULL);
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
  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 1);
}

static void
test_new_file_failure_leaves_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WriteJob job = { 1 << 20, 4096 };

  g_assert_false (dm_file_write_atomically (file, write_job, &job, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 0);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_file_write_bytes_atomically (file, bytes, NULL, &error));
  g_assert_no_error (error);
}

/* A new file honours the umask, as any program's would: colleagues on a
 * shared drive can read the handout. */
static void
test_new_file_mode (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (f->dir, "shared.pdf", NULL);
  g_autofree char *group = g_build_filename (f->dir, "group.pdf", NULL);
  mode_t old = umask (022);

  write_text (shared, "handout");
  g_assert_cmpuint (file_mode (shared), ==, 0644);

  umask (027);
  write_text (group, "handout");
  g_assert_cmpuint (file_mode (group), ==, 0640);

  umask (old);
}

/* A file replaced keeps its permissions, whatever the umask. */
static void
test_replace_keeps_mode (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *open_file = g_build_filename (f->dir, "open.json", NULL);
  g_autofree char *private_file = g_build_filename (f->dir, "private.json", NULL);
  mode_t old = umask (077);

  g_file_set_contents (open_file, "old", -1, NULL);
  g_assert_cmpint (g_chmod (open_file, 0644), ==, 0);
  write_text (open_file, "new");
  g_assert_cmpuint (file_mode (open_file), ==, 0644);
  assert_contents (open_file, "new");

  umask (022);
  g_file_set_contents (private_file, "old", -1, NULL);
  g_assert_cmpint (g_chmod (private_file, 0600), ==, 0);
  write_text (private_file, "new");
  g_assert_cmpuint (file_mode (private_file), ==, 0600);

  umask (old);
}

/* Writing to a symbolic link writes to its target and keeps the link,
 * relative or absolute, and through a chain of links. */
static void
test_symlink_written_through (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "real", NULL);
  g_autofree char *target = g_build_filename (sub, "handout.pdf", NULL);
  g_autofree char *link = g_build_filename (f->dir, "handout.pdf", NULL);
  g_autofree char *chain = g_build_filename (f->dir, "latest.pdf", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "new.pdf", NULL);
  g_autofree char *dangling_target = g_build_filename (sub, "made.pdf", NULL);
  g_autofree char *read_back = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_file_set_contents (target, "old", -1, NULL);
  g_assert_cmpint (g_chmod (target, 0644), ==, 0);
  g_assert_cmpint (symlink ("real/handout.pdf", link), ==, 0);
  g_assert_cmpint (symlink (link, chain), ==, 0);
  g_assert_cmpint (symlink ("real/made.pdf", dangling), ==, 0);

  write_text (link, "new");
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  read_back = g_file_read_link (link, NULL);
  g_assert_cmpstr (read_back, ==, "real/handout.pdf");
  assert_contents (target, "new");
  g_assert_cmpuint (file_mode (target), ==, 0644);

  write_text (chain, "newer");
  g_assert_cmpint (g_lstat (chain, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (target, "newer");

  /* A link to a file not there yet makes it. */
  write_text (dangling, "made");
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (dangling_target, "made");

  /* Nothing else was left in either folder. */
  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 4);
  g_assert_cmpuint (dm_test_count_entries (sub), ==, 2);

  dm_test_remove_dir (sub);
}

/* The temporary name is short: a target name as long as the folder
 * allows (255 bytes) can be written. */
static void
test_long_name (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = g_strnfill (255 - strlen (".pdf"), 'n');
  g_autofree char *file_name = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);

  write_text (path, "long");
  assert_contents (path, "long");
  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 1);
}

static void
assert_fails_naming (const char *path,
                     const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (dm_file_write_bytes_atomically (file, bytes, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strstr (error->message, ".daumoc-"));
  g_assert_null (strstr (error->message, ".part"));
}

/* Messages speak of the user's file or folder, never of the temporary. */
static void
test_errors_name_target (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", "out.pdf", NULL);
  g_autofree char *loop = g_build_filename (f->dir, "loop.pdf", NULL);
  g_autofree char *pipe = g_build_filename (f->dir, "pipe.pdf", NULL);
  g_autofree char *expected = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  expected = g_strdup_printf ("“%s” is a folder", folder);
  assert_fails_naming (folder, expected);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("the folder “%s%smissing” does not exist", f->dir, G_DIR_SEPARATOR_S);
  assert_fails_naming (missing, expected);

  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("“%s” is not a regular file", pipe);
  assert_fails_naming (pipe, expected);
  g_assert_cmpint (g_unlink (pipe), ==, 0);

  g_assert_cmpint (symlink ("loop.pdf", loop), ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("“%s” is a symbolic link that leads round in a circle", loop);
  assert_fails_naming (loop, expected);

  g_assert_cmpuint (dm_test_count_entries (f->dir), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file-util/failure-keeps-old", Fixture, NULL, fixture_setup, test_failure_keeps_old, fixture_teardown);
  g_test_add ("/file-util/success-replaces", Fixture, NULL, fixture_setup, test_success_replaces, fixture_teardown);
  g_test_add ("/file-util/new-file-failure-leaves-nothing", Fixture, NULL, fixture_setup, test_new_file_failure_leaves_nothing, fixture_teardown);

  g_test_add ("/file-util/new-file-mode", Fixture, NULL, fixture_setup, test_new_file_mode, fixture_teardown);
  g_test_add ("/file-util/replace-keeps-mode", Fixture, NULL, fixture_setup, test_replace_keeps_mode, fixture_teardown);
  g_test_add ("/file-util/symlink-written-through", Fixture, NULL, fixture_setup, test_symlink_written_through, fixture_teardown);
  g_test_add ("/file-util/long-name", Fixture, NULL, fixture_setup, test_long_name, fixture_teardown);
  g_test_add ("/file-util/errors-name-target", Fixture, NULL, fixture_setup, test_errors_name_target, fixture_teardown);

  return g_test_run ();
}
