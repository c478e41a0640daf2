/* test-save.c — saving over a timeline's file: the same bytes when
 * nothing changed, a one-line diff for a one-field edit whatever the
 * file's member order, unknown members kept, the mode kept, the old file
 * whole after a save that fails half way; recovery copies after a killed
 * process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dm-edit.h"
#include "dm-file-util.h"
#include "dm-json-writer.h"
#include "dm-save.h"
#include "dm-test-util.h"

static char *scratch;

static char *
read_text (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&text);
}

/* The bundled timeline's text. */
static char *
read_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "vietnam-industry-4.0.json", NULL);

  return read_text (path);
}

static DmDataset *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset = dm_dataset_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
save_path (DmDataset  *dataset,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_dataset_save (dataset, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* No temporary file of a save is left in the scratch folder. */
static void
assert_no_temporaries (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".daumoc-"));
}

/* Loading the bundled timeline and saving it over a copy of itself
 * changes no byte. */
static void
test_same_bytes (void)
{
  g_autofree char *original = read_bundled ();
  g_autofree char *path = g_build_filename (scratch, "same.json", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(DmDataset) dataset = NULL;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  dataset = load_path (path);
  save_path (dataset, path);
  saved = read_text (path);
  g_assert_true (strcmp (saved, original) == 0);
  assert_no_temporaries ();
  g_unlink (path);
}

/* A file whose author put members in another order, with members this
 * version does not know, keeps both: a title edited is the one line that
 * differs. */
static const char unusual[] =
  "{\"version\": 1, \"format\": \"daumoc-timeline\","
  " \"x-generator\": {\"name\": \"hand\", \"rev\": 3},"
  " \"events\": ["
  "  {\"title\": {\"en\": \"Second\", \"vi\": \"Thứ hai\"}, \"x-note\": [1, 2], \"start\": \"2020-05-22\", \"kind\": \"k\", \"id\": \"b\"},"
  "  {\"kind\": \"k\", \"id\": \"a\", \"start\": \"2019\", \"end\": \"2020\", \"title\": {\"vi\": \"Thứ nhất\"},"
  "   \"related\": [{\"relation\": \"follows-up\", \"event\": \"b\", \"x-why\": \"note\"}]}"
  " ],"
  " \"kinds\": [{\"label\": {\"vi\": \"Loại\"}, \"id\": \"k\", \"x-shape\": \"circle\"}],"
  " \"title\": {\"en\": \"Order\", \"vi\": \"Thứ tự\"}}";

static char *
pretty (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  dm_json_write (out, json_parser_get_root (parser));
  g_string_append_c (out, '\n');
  return g_strdup (out->str);
}

static void
test_member_order (void)
{
  g_autofree char *path = g_build_filename (scratch, "order.json", NULL);
  g_autofree char *original = pretty (unusual);
  g_autofree char *saved = NULL;
  g_autoptr(GString) expected = g_string_new (original);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmEdit) edit = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  dataset = load_path (path);

  /* Unchanged, then with one title changed. */
  save_path (dataset, path);
  saved = read_text (path);
  g_assert_cmpstr (saved, ==, original);
  g_free (saved);

  edit = dm_edit_new (dataset);
  g_assert_true (dm_edit_set_event_text (edit, "b", DM_EVENT_FIELD_TITLE_EN, "Second, corrected", &error));
  g_assert_no_error (error);
  save_path (dataset, path);
  saved = read_text (path);
  g_assert_cmpuint (g_string_replace (expected, "\"Second\"", "\"Second, corrected\"", 1), ==, 1);
  g_assert_cmpstr (saved, ==, expected->str);

  /* Saved elsewhere (Save As), it keeps the order it was loaded with. */
  {
    g_autofree char *other = g_build_filename (scratch, "other.json", NULL);
    g_autofree char *text = NULL;

    save_path (dataset, other);
    text = read_text (other);
    g_assert_cmpstr (text, ==, expected->str);
    g_unlink (other);
  }

  /* A timeline never saved before, saved to a new file: the writer's
   * order, the unknown members after the known ones. */
  {
    g_autofree char *other = g_build_filename (scratch, "other.json", NULL);
    g_autoptr(GBytes) bytes = g_bytes_new_static (unusual, strlen (unusual));
    g_autoptr(DmDataset) fresh = dm_dataset_load_bytes (bytes, "unusual", NULL, NULL);
    g_autofree char *text = NULL;

    g_assert_nonnull (fresh);
    save_path (fresh, other);
    text = read_text (other);
    g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"daumoc-timeline\",\n  \"version\": 1,"));
    g_assert_nonnull (strstr (text, "\"x-note\""));
    g_assert_nonnull (strstr (text, "\"x-why\": \"note\""));
    g_assert_nonnull (strstr (text, "\"x-shape\": \"circle\""));
    g_unlink (other);
  }
  g_unlink (path);
}

static void
test_mode (void)
{
  g_autofree char *path = g_build_filename (scratch, "mode.json", NULL);
  g_autofree char *original = read_bundled ();
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmEdit) edit = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  dataset = load_path (path);
  edit = dm_edit_new (dataset);
  g_assert_true (dm_edit_set_event_text (edit, dm_dataset_get_event (dataset, 0)->id,
                                         DM_EVENT_FIELD_PLACE_VI, "Hà Nội", NULL));
  save_path (dataset, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_unlink (path);
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  guint         calls;
} Progress;

static void
cancel_half_way_cb (double   fraction,
                    gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->calls++;
  /* Once some of the file is written. */
  if (fraction > 0.5 && fraction < 1)
    g_cancellable_cancel (progress->cancellable);
}

/* A save that fails half way through writing leaves the file as it was
 * and no temporary file beside it. */
static void
test_failure_half_way (void)
{
  g_autofree char *path = g_build_filename (scratch, "failure.json", NULL);
  g_autofree char *original = read_bundled ();
  g_autofree char *after = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmEdit) edit = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { cancellable, 0, 0 };

  /* More than two chunks: the bundled timeline is over 128 KiB. */
  g_assert_cmpuint (strlen (original), >, 2 * 64 * 1024);
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  dataset = load_path (path);
  edit = dm_edit_new (dataset);
  g_assert_true (dm_edit_delete_event (edit, dm_dataset_get_event (dataset, 0)->id));

  g_assert_false (dm_dataset_save (dataset, file, cancel_half_way_cb, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (progress.last, >, 0.5);
  g_assert_cmpfloat (progress.last, <, 1);
  after = read_text (path);
  g_assert_true (strcmp (after, original) == 0);
  assert_no_temporaries ();
  g_unlink (path);
}

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  gint *permille = user_data;

  g_atomic_int_set (permille, (gint) (fraction * 1000));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_dataset_save_finish (DM_DATASET (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async (void)
{
  g_autofree char *path = g_build_filename (scratch, "async.json", NULL);
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = dm_dataset_to_data (dataset, NULL);
  g_autofree char *saved = NULL;
  gboolean done = FALSE;
  gint permille = 0;

  dm_dataset_save_async (dataset, file, record_progress_cb, &permille, NULL, saved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_atomic_int_get (&permille), ==, 1000);
  saved = read_text (path);
  g_assert_true (strcmp (saved, expected) == 0);
  g_unlink (path);
}

/* Random edits saved over the file, then all undone and saved again:
 * the file's bytes come back, member order and all. */
static void
test_undo_all_saves_original (void)
{
  g_autofree char *path = g_build_filename (scratch, "undo-all.json", NULL);
  g_autofree char *original = pretty (unusual);
  g_autofree char *edited = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmEdit) edit = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (52);

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  dataset = load_path (path);
  edit = dm_edit_new (dataset);

  for (guint step = 0; step < 60; step++)
    {
      guint n = dm_dataset_get_n_events (dataset);
      g_autofree char *id = g_strdup (dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, n))->id);
      g_autofree char *text = g_strdup_printf ("Sửa %u", g_rand_int (rand));

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_free (dm_edit_duplicate_event (edit, id));
          break;
        case 1:
          if (n > 1)
            g_assert_true (dm_edit_delete_event (edit, id));
          break;
        default:
          g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_SUMMARY_VI, text, NULL));
          dm_edit_close_step (edit);
          break;
        }
    }

  save_path (dataset, path);
  edited = read_text (path);
  g_assert_true (strcmp (edited, original) != 0);

  while (dm_edit_undo (edit))
    ;
  g_assert_false (dm_edit_get_modified (edit));
  save_path (dataset, path);
  restored = read_text (path);
  g_assert_cmpstr (restored, ==, original);
  g_unlink (path);
}

/* The recovery copy @child left, which killed itself (SIGKILL) once it
 * had written it: the only orphan, a copy of @file, in *@orphans (the
 * list, which the caller frees), and the timeline it holds in
 * *@recovered. */
static DmRecovery *
killed_child_copy (pid_t        child,
                   GFile       *file,
                   GPtrArray  **orphans,
                   DmDataset  **recovered)
{
  DmRecovery *recovery;
  g_autofree char *copy_path = NULL;
  int status;

  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  *orphans = dm_recovery_list_orphans ();
  g_assert_cmpuint ((*orphans)->len, ==, 1);
  recovery = g_ptr_array_index (*orphans, 0);
  g_assert_nonnull (recovery->original);
  g_assert_true (g_file_equal (recovery->original, file));
  copy_path = g_file_get_path (recovery->copy);
  *recovered = load_path (copy_path);

  return recovery;
}

/* Recovery: a process with unsaved edits killed; its copy is found by
 * the next one, with the edits in it. */
static void
test_recovery_killed (void)
{
  g_autofree char *path = g_build_filename (scratch, "recover.json", NULL);
  g_autofree char *original = read_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DmDataset) recovered = NULL;
  DmRecovery *recovery = NULL;
  pid_t child;

  g_assert_true (g_file_set_contents (path, original, -1, NULL));

  /* Our own copy, of a process that runs: never an orphan. */
  {
    g_autoptr(DmDataset) dataset = load_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_true (dm_recovery_write (dataset, file, &error));
    g_assert_no_error (error);
    orphans = dm_recovery_list_orphans ();
    g_assert_cmpuint (orphans->len, ==, 0);
    g_clear_pointer (&orphans, g_ptr_array_unref);
  }

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      DmDataset *dataset = load_path (path);
      DmEdit *edit = dm_edit_new (dataset);

      if (!dm_edit_set_event_text (edit, dm_dataset_get_event (dataset, 0)->id,
                                   DM_EVENT_FIELD_TITLE_VI, "Sửa chưa lưu", NULL) ||
          !dm_recovery_write (dataset, file, NULL))
        _exit (1);
      raise (SIGKILL);
      _exit (2);
    }
  recovery = killed_child_copy (child, file, &orphans, &recovered);
  g_assert_cmpuint (dm_dataset_get_n_events (recovered), >, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < dm_dataset_get_n_events (recovered); i++)
      found |= g_strcmp0 (dm_dataset_get_event (recovered, i)->title.vi, "Sửa chưa lưu") == 0;
    g_assert_true (found);
  }

  dm_recovery_remove (recovery);
  dm_recovery_discard (file);
  after = dm_recovery_list_orphans ();
  g_assert_cmpuint (after->len, ==, 0);
  {
    g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "daumoc", "recovery", NULL);
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);

    g_assert_null (g_dir_read_name (handle));
  }
  g_unlink (path);
}

static gpointer
write_snapshot_thread (gpointer data)
{
  return GINT_TO_POINTER (dm_recovery_snapshot_write (data, NULL, NULL));
}

/* Recovery of a timeline larger than the window once kept copies of
 * (20 000 events): the copy written in a worker from a snapshot while
 * the timeline is edited on (typing replaces the event typed in, and
 * frees the one before, each keystroke), then the process killed. The
 * copy is the timeline as it was at the snapshot, whole. */
static void
test_recovery_large_killed (void)
{
  const guint n = 25000;
  g_autofree char *path = g_build_filename (scratch, "large.json", NULL);
  g_autofree char *text = dm_test_large_timeline (n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(DmDataset) recovered = NULL;
  DmRecovery *recovery;
  const DmEvent *event;
  pid_t child;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      DmDataset *dataset = load_path (path);
      DmEdit *edit = dm_edit_new (dataset);
      DmRecoverySnapshot *snapshot;
      GThread *thread;
      gboolean written;

      if (dm_dataset_get_n_events (dataset) != n ||
          !dm_edit_set_event_text (edit, "e12345", DM_EVENT_FIELD_TITLE_VI, "Sửa chưa lưu", NULL))
        _exit (1);
      dm_edit_close_step (edit);

      dm_edit_hold_events (edit);
      snapshot = dm_recovery_snapshot_new (dataset, file);
      thread = g_thread_new ("recovery", write_snapshot_thread, snapshot);
      /* Typing on while it is written: each keystroke frees the event
       * of the one before, but for the hold. */
      for (guint i = 0; i < 200; i++)
        {
          g_autofree char *title = g_strdup_printf ("Gõ tiếp %u", i);

          if (!dm_edit_set_event_text (edit, "e12345", DM_EVENT_FIELD_TITLE_VI, title, NULL) ||
              !dm_edit_set_event_text (edit, "e20000", DM_EVENT_FIELD_TITLE_EN, title, NULL))
            _exit (1);
        }
      written = GPOINTER_TO_INT (g_thread_join (thread));
      dm_recovery_snapshot_free (snapshot);
      dm_edit_release_events (edit);
      if (!written)
        _exit (1);
      raise (SIGKILL);
      _exit (2);
    }
  recovery = killed_child_copy (child, file, &orphans, &recovered);
  g_assert_cmpuint (dm_dataset_get_n_events (recovered), ==, n);
  event = dm_dataset_lookup_event (recovered, "e12345", NULL);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->title.vi, ==, "Sửa chưa lưu");
  event = dm_dataset_lookup_event (recovered, "e20000", NULL);
  g_assert_cmpstr (event->title.en, ==, "Event 20000");
  /* The members this version does not know, kept. */
  {
    g_autofree char *copy_text = NULL;

    g_assert_true (g_file_get_contents (g_file_peek_path (recovery->copy), &copy_text, NULL, NULL));
    g_assert_nonnull (strstr (copy_text, "\"kept\""));
  }

  dm_recovery_remove (recovery);
  dm_recovery_discard (file);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  int status;

  scratch = g_dir_make_tmp ("test-save-XXXXXX", &error);
  g_assert_no_error (error);
  /* Recovery copies go to a folder of the test's own. */
  state = g_build_filename (scratch, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save/same-bytes", test_same_bytes);
  g_test_add_func ("/save/member-order", test_member_order);
  g_test_add_func ("/save/mode", test_mode);
  g_test_add_func ("/save/failure-half-way", test_failure_half_way);
  g_test_add_func ("/save/async", test_async);
  g_test_add_func ("/save/undo-all-saves-original", test_undo_all_saves_original);
  g_test_add_func ("/save/recovery-killed", test_recovery_killed);
  g_test_add_func ("/save/recovery-large-killed", test_recovery_large_killed);

  status = g_test_run ();

  {
    g_autofree char *recovery = g_build_filename (state, "daumoc", "recovery", NULL);
    g_autofree char *daumoc = g_build_filename (state, "daumoc", NULL);

    g_rmdir (recovery);
    g_rmdir (daumoc);
    g_rmdir (state);
  }
  dm_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
