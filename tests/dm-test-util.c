/* dm-test-util.c — see dm-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dm-test-util.h"

DmDataset *
dm_test_load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmDataset *dataset = dm_dataset_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

DmDataset *
dm_test_load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "vietnam-industry-4.0.json", NULL);

  return dm_test_load_path (path);
}

void
dm_test_assert_date (const DmDate *date,
                     const char   *expected)
{
  g_autofree char *iso = dm_date_to_iso (date);

  g_assert_cmpstr (iso, ==, expected);
}

guint
dm_test_timeout_factor (void)
{
  const char *factor = g_getenv ("DM_TEST_TIMEOUT_FACTOR");
  guint64 value = 1;

  if (factor != NULL && !g_ascii_string_to_unsigned (factor, 10, 1, 100, &value, NULL))
    g_error ("DM_TEST_TIMEOUT_FACTOR must be a whole number from 1 to 100, not “%s”", factor);
  return (guint) value;
}

guint
dm_test_seconds (guint seconds)
{
  return seconds * dm_test_timeout_factor ();
}

gboolean
dm_test_slow (void)
{
  return g_test_slow () || g_strcmp0 (g_getenv ("DM_TEST_SLOW"), "1") == 0;
}

gboolean
dm_test_set_flag_cb (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

char *
dm_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("daumoc-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
dm_test_scratch_setup (DmTestScratch *s,
                       gconstpointer  data)
{
  s->dir = dm_test_make_dir ();
}

void
dm_test_scratch_teardown (DmTestScratch *s,
                          gconstpointer  data)
{
  dm_test_remove_dir (s->dir);
  g_free (s->dir);
}

void
dm_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

char *
dm_test_run_tool (const char * const *argv,
                  gboolean            quiet)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || (quiet && err != NULL && err[0] != '\0'))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

guint
dm_test_count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

void
dm_test_run_for (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, dm_test_set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
dm_test_add_kinds (DmDataset *dataset,
                   guint      n)
{
  for (guint k = 0; k < n; k++)
    {
      DmKind *kind = dm_kind_new ();

      kind->id = g_strdup_printf ("k%u", k);
      dm_text_set (&kind->label, NULL, kind->id);
      dm_dataset_add_kind (dataset, kind);
    }
}

DmDataset *
dm_test_random_dataset (GRand *rand,
                        guint  n,
                        guint  n_kinds)
{
  DmDataset *dataset = dm_dataset_new ();

  dm_dataset_set_title (dataset, NULL, "Random");
  dm_test_add_kinds (dataset, n_kinds);

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = dm_event_new ();
      guint r = g_rand_int_range (rand, 0, 10);
      gint64 year;
      guint month;
      guint day;
      DmDatePrecision precision;

      if (r < 2)
        year = 2020, month = 5, day = 12, precision = DM_DATE_PRECISION_MINUTE;
      else if (r < 4)
        year = 2016, month = 1, day = g_rand_int_range (rand, 1, 32), precision = DM_DATE_PRECISION_DAY;
      else
        {
          do
            year = g_rand_int_range (rand, 1800, 2030);
          while ((year >= 1861 && year < 1900) || (year >= 1915 && year < 1945));
          month = g_rand_int_range (rand, 1, 13);
          day = g_rand_int_range (rand, 1, 29);
          precision = g_rand_int_range (rand, DM_DATE_PRECISION_YEAR, DM_DATE_PRECISION_MINUTE + 1);
        }

      event->id = g_strdup_printf ("e%u", i);
      if (g_rand_int_range (rand, 0, 50) > 0)
        event->kind = g_strdup_printf ("k%u", g_rand_int_range (rand, 0, (gint32) n_kinds));
      g_assert_true (dm_date_init (&event->start, precision, year,
                                   precision >= DM_DATE_PRECISION_MONTH ? month : 0,
                                   precision >= DM_DATE_PRECISION_DAY ? day : 0,
                                   precision >= DM_DATE_PRECISION_MINUTE ? (guint) g_rand_int_range (rand, 0, 24) : 0,
                                   precision >= DM_DATE_PRECISION_MINUTE ? (guint) g_rand_int_range (rand, 0, 60) : 0));
      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          if (precision == DM_DATE_PRECISION_YEAR || g_rand_boolean (rand))
            g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_YEAR, year + g_rand_int_range (rand, 0, 8), 0, 0, 0, 0));
          else
            {
              guint later = (guint) g_rand_int_range (rand, 0, 3);
              guint end_day = MIN (day + later, 28);

              g_assert_true (dm_date_init (&event->end, DM_DATE_PRECISION_DAY, year, month, end_day, 0, 0));
            }
        }
      /* Some points are open-ended, one way or the other (without
       * drawing more numbers, so the rest stays as it was). */
      if (!dm_date_is_set (&event->end) && i % 11 == 3)
        event->start_bound = i % 2 == 0 ? DM_BOUND_AFTER : DM_BOUND_BEFORE;
      dm_text_set (&event->title, NULL, event->id);
      dm_dataset_add_event (dataset, event);
    }

  dm_dataset_finish (dataset);
  return dataset;
}

void
dm_test_export_fixture_setup (DmTestExportFixture *f,
                              gconstpointer        data)
{
  f->dir = dm_test_make_dir ();
  f->dataset = dm_test_load_bundled ();
}

void
dm_test_export_fixture_teardown (DmTestExportFixture *f,
                                 gconstpointer        data)
{
  dm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->dataset);
}

gboolean
dm_test_run_until (gboolean (*done) (gpointer),
                   gpointer   data,
                   guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (dm_test_seconds (seconds), dm_test_set_flag_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

struct _DmTestWatchdog
{
  GMutex    lock;
  GCond     cond;
  gboolean  done;
  char     *what;
  guint     seconds;
  GThread  *thread;
};

static gpointer
watchdog_thread (gpointer data)
{
  DmTestWatchdog *w = data;
  gint64 end = g_get_monotonic_time () + w->seconds * G_TIME_SPAN_SECOND;

  g_mutex_lock (&w->lock);
  while (!w->done)
    if (!g_cond_wait_until (&w->cond, &w->lock, end))
      g_error ("%s: still running after %u s", w->what, w->seconds);
  g_mutex_unlock (&w->lock);

  return NULL;
}

DmTestWatchdog *
dm_test_watchdog_start (const char *what,
                        guint       seconds)
{
  DmTestWatchdog *w = g_new0 (DmTestWatchdog, 1);

  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->what = g_strdup (what);
  w->seconds = dm_test_seconds (seconds);
  w->thread = g_thread_new ("watchdog", watchdog_thread, w);
  return w;
}

void
dm_test_watchdog_stop (DmTestWatchdog *w)
{
  g_mutex_lock (&w->lock);
  w->done = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
  g_thread_join (w->thread);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w->what);
  g_free (w);
}

char *
dm_test_large_timeline (guint n)
{
  GString *text = g_string_new ("{\"format\": \"daumoc-timeline\", \"version\": 1,\n"
                                " \"title\": {\"vi\": \"Lớn\", \"en\": \"Large\"},\n"
                                " \"kinds\": [{\"id\": \"k\", \"label\": {\"vi\": \"Loại\", \"en\": \"Kind\"},"
                                " \"color\": \"#1c71d8\", \"icon\": \"forum\"}],\n"
                                " \"events\": [\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "  {\"id\": \"e%u\", \"kind\": \"k\", \"start\": \"%04u-%02u-%02u\","
                            " \"title\": {\"vi\": \"Sự kiện %u\", \"en\": \"Event %u\"},"
                            " \"unknown\": {\"kept\": [%u]}}%s\n",
                            i, 1900 + i % 120, 1 + i % 12, 1 + i % 28, i, i, i, i + 1 < n ? "," : "");
  g_string_append (text, "]}\n");

  return g_string_free (text, FALSE);
}

void
dm_test_move_event_to_year (DmEdit        *edit,
                            const DmEvent *event,
                            const char    *id,
                            GRand         *rand,
                            int            from,
                            int            to)
{
  g_autoptr(GError) error = NULL;
  DmEvent *copy = dm_event_copy (event);

  dm_date_init (&copy->start, DM_DATE_PRECISION_YEAR, g_rand_int_range (rand, from, to), 0, 0, 0, 0);
  copy->end = (DmDate) { 0 };
  g_assert_true (dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_START, &error));
  g_assert_no_error (error);
}
