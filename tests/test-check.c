/* test-check.c — `daumoc --check` and the command line, run as a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dm-test-util.h"

typedef struct
{
  const char *name;
  const char *args[6];     /* after the binary; "@x" is fixture path x */
  const char *language;    /* LANGUAGE, or NULL for English */
  int         status;
  const char *out[3];      /* each must appear in stdout */
  const char *err[3];      /* each must appear in stderr */
  gboolean    err_empty;
} CliCase;

static const CliCase cases[] = {
  { "valid",
    { "--check", "@data/examples/example.json" }, NULL, 0,
    { "example.json: OK, 4 events, 2 kinds, 15 March 44 BCE – 2021" }, { NULL }, TRUE },
  { "valid-vietnamese",
    { "--check", "@data/examples/example.json" }, "vi", 0,
    { "15/3/44 TCN – năm 2021" }, { NULL }, TRUE },
  { "bundled",
    { "--check", "@data/datasets/vietnam-industry-4.0.json" }, NULL, 0,
    { "vietnam-industry-4.0.json: OK, " }, { NULL }, TRUE },
  { "short-option",
    { "-c", "@tests/fixtures/valid/deep-time.json" }, NULL, 0,
    { "deep-time.json: OK, 4 events, 1 kind, 13,800,000,001 BCE – 100,000,000,000" }, { NULL }, TRUE },
  { "invalid",
    { "--check", "@tests/fixtures/invalid/feb-30.json" }, NULL, 1,
    { NULL },
    { "feb-30.json:5:37: events[0].start: “2021-02-30” is not a valid date: February 2021 has 28 days, not 30",
      "feb-30.json: invalid, 1 problem" } },
  { "every-problem",
    { "--check", "@tests/fixtures/invalid/many-problems.json" }, NULL, 1,
    { NULL },
    { "many-problems.json:5:23: events[0].kind:", "many-problems.json:6:69: events[1].title:",
      "many-problems.json: invalid, 5 problems" } },
  { "good-and-bad",
    { "--check", "@data/examples/example.json", "@tests/fixtures/invalid/truncated.json" }, NULL, 1,
    { "example.json: OK" },
    { "truncated.json:4:74: ", "truncated.json: invalid, 1 problem" } },
  { "folder",
    { "--check", "@tests/fixtures" }, NULL, 1,
    { NULL }, { "fixtures: this is a folder, not a timeline file" } },
  { "missing",
    { "--check", "@tests/no-such-file.json" }, NULL, 1,
    { NULL }, { "no-such-file.json: there is no such file" } },
  { "no-files",
    { "--check" }, NULL, 2,
    { NULL }, { "--check needs at least one FILE" } },
  { "unknown-option",
    { "--bogus" }, NULL, 2,
    { NULL }, { "Unknown option --bogus", "--help" } },
  { "unknown-option-with-check",
    { "--check", "--bogus", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "Unknown option --bogus" } },
  { "version",
    { "--version" }, NULL, 0,
    { "daumoc " }, { NULL }, TRUE },
  { "help",
    { "--help" }, NULL, 0,
    { "--check", "--version", "FILE" }, { NULL }, TRUE },
  { "timelinejs",
    { "--check", "@tests/fixtures/timelinejs/napoleon.json" }, NULL, 0,
    { "napoleon.json: OK (TimelineJS3), 5 events, 3 kinds, 1769 – 5 May 1821" },
    { "napoleon.json:4:14: warning: title.media: ",
      "napoleon.json:20:23: warning: events[3].media.url: only http and https media are kept, not “javascript:”" } },
  { "timelinejs-2",
    { "--check", "@tests/fixtures/timelinejs/v2.json" }, NULL, 0,
    { "v2.json: OK (TimelineJS 2), 5 events, 3 kinds, 501 BCE – 4 March 2012" },
    { "v2.json:18:7: warning: timeline.era[1]: an era needs an end date" } },
  { "vis-timeline",
    { "--check", "@tests/fixtures/vis/groups.json" }, NULL, 0,
    { "groups.json: OK (vis-timeline), 5 events, 5 kinds, 1 January – 1 May 2020" },
    { "groups.json:13:69: warning: items[4].group: there is no group with the id “nowhere”" } },
  { "timelinejs-invalid",
    { "--check", "@tests/fixtures/timelinejs/bad-month.json" }, NULL, 1,
    { NULL },
    { "bad-month.json:2:12: events: none of the events has a date that can be shown",
      "bad-month.json:3:44: warning: events[0].start_date.month: month must be between 1 and 12, not 13; "
      "TimelineJS leaves this out",
      "bad-month.json: invalid, 1 problem" } },
  /* One line for each kind of problem, errors first; --verbose lists all. */
  { "grouped",
    { "--check", "@tests/fixtures/timelinejs/grouped.json" }, NULL, 1,
    { NULL },
    { "grouped.json:8:3: events[5]: expected an object, found a string\n",
      "grouped.json:3:79: warning: events[0].event_types: Dấu Mốc has no place for this member; it is left out "
      "(and 4 more like it; --verbose lists them all)\n",
      "grouped.json: invalid, 1 problem" } },
  { "grouped-verbose",
    { "--check", "--verbose", "@tests/fixtures/timelinejs/grouped.json" }, NULL, 1,
    { NULL },
    { "grouped.json:7:79: warning: events[4].event_types: Dấu Mốc has no place for this member; it is left out\n",
      "grouped.json:8:3: events[5]: expected an object" } },
  { "export",
    { "--export=cli-export.timelinejs.json", "--language=vi", "@data/examples/example.json" }, NULL, 0,
    { "example.json: exported 4 events to cli-export.timelinejs.json (TimelineJS3)" }, { NULL }, TRUE },
  { "export-sheet",
    { "--export=cli-export.csv", "@tests/fixtures/sheet/google-sheets.csv" }, NULL, 0,
    { "google-sheets.csv: exported 6 events to cli-export.csv (TimelineJS sheet)" }, { NULL } },
  { "export-sheet-loads",
    { "--check", "cli-export.csv" }, NULL, 0,
    { "cli-export.csv: OK (TimelineJS sheet), 6 events, 4 kinds, 15 March 44 BCE – 1815" }, { NULL }, TRUE },
  { "export-loads",
    { "--check", "cli-export.timelinejs.json" }, NULL, 0,
    { "cli-export.timelinejs.json: OK (TimelineJS3), 4 events, 2 kinds, 15 March 44 BCE – 2021" }, { NULL }, TRUE },
  { "export-bundled",
    { "--export=cli-bundled.timelinejs.json" }, NULL, 0,
    { "vietnam-industry-4.0.json: exported ", " events to cli-bundled.timelinejs.json (TimelineJS3)" }, { NULL }, TRUE },
  { "export-bundled-loads",
    { "--check", "cli-bundled.timelinejs.json" }, "vi", 0,
    { "cli-bundled.timelinejs.json: hợp lệ (TimelineJS3), " }, { NULL }, TRUE },
  { "export-extension",
    { "--export=out.json", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "cannot export to “out.json”", ".timelinejs.json (TimelineJS3)" } },
  { "export-language",
    { "--export=out.timelinejs.json", "--language=fr", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "unknown language “fr”; use vi or en" } },
  { "export-two-files",
    { "--export=out.timelinejs.json", "@data/examples/example.json", "@tests/fixtures/valid/deep-time.json" }, NULL, 2,
    { NULL }, { "--export reads one FILE at a time" } },
  { "export-and-check",
    { "--check", "--export=out.timelinejs.json", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "either --check or --export" } },
  { "language-without-export",
    { "--check", "--language=vi", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "--language applies only to --export" } },
  { "export-invalid",
    { "--export=out.timelinejs.json", "@tests/fixtures/invalid/feb-30.json" }, NULL, 1,
    { NULL },
    { "feb-30.json:5:37: events[0].start: “2021-02-30” is not a valid date", "feb-30.json: invalid, 1 problem" } },
  { "export-missing",
    { "--export=out.timelinejs.json", "@tests/no-such-file.json" }, NULL, 1,
    { NULL }, { "no-such-file.json: there is no such file" } },
  { "export-unwritable",
    { "--export=no-such-folder/out.timelinejs.json", "@data/examples/example.json" }, NULL, 1,
    { NULL }, { "cannot write “no-such-folder/out.timelinejs.json”" } },
  { "export-help",
    { "--help" }, NULL, 0,
    { "--export=OUT", "--language=LANGUAGE", ".timelinejs.json" }, { NULL }, TRUE },
  /* Images and handouts, with no display (DISPLAY is unset above). */
  { "export-png",
    { "--export=cli-export.png", "--size=800x400", "@data/examples/example.json" }, NULL, 0,
    { "cli-export.png: written" }, { NULL }, TRUE },
  { "export-pdf-filtered",
    { "--export=cli-export.pdf", "--kind=resolution,mou", "--from=2018", "--to=2021", "--lang=vi" }, NULL, 0,
    { "cli-export.pdf: written" }, { NULL }, TRUE },
  { "export-pdf-letter-landscape",
    { "--export=cli-letter.pdf", "--paper=letter", "--orientation=landscape", "--lang=en" }, NULL, 0,
    { "cli-letter.pdf: written" }, { NULL }, TRUE },
  { "export-bad-paper",
    { "--export=cli-bad.pdf", "--paper=a3" }, NULL, 2,
    { NULL }, { "unknown paper “a3”; use a4 or letter" } },
  { "export-bad-orientation",
    { "--export=cli-bad.pdf", "--orientation=sideways" }, NULL, 2,
    { NULL }, { "unknown orientation “sideways”; use portrait or landscape" } },
  { "export-paper-not-pdf",
    { "--export=cli-bad.png", "--paper=a4" }, NULL, 2,
    { NULL }, { "--paper and --orientation apply to a PDF handout" } },
  { "export-size-not-pdf",
    { "--export=cli-bad.pdf", "--size=800x600" }, NULL, 2,
    { NULL }, { "--size and --scale apply to a PNG or SVG picture" } },
  { "export-paper-help",
    { "--help" }, NULL, 0,
    { "--paper=PAPER", "--orientation=ORIENTATION", "a4 or letter" }, { NULL }, TRUE },
  { "export-svg-search",
    { "--export=cli-export.svg", "--search=nghi quyet", "--scale=2" }, NULL, 0,
    { "cli-export.svg: written" }, { NULL }, TRUE },
  { "export-bad-size",
    { "--export=cli-bad.png", "--size=abc" }, NULL, 2,
    { NULL }, { "--size must be WIDTHxHEIGHT" } },
  { "export-bad-kind",
    { "--export=cli-bad.pdf", "--kind=nope" }, NULL, 2,
    { NULL }, { "there is no kind “nope”" } },
  { "export-bad-date",
    { "--export=cli-bad.pdf", "--from=2021-02-30" }, NULL, 2,
    { NULL }, { "--from “2021-02-30” is not a date" } },
  { "export-image-unwritable",
    { "--export=/nonexistent-folder/out.pdf" }, NULL, 1,
    { NULL }, { "the folder “/nonexistent-folder” does not exist" } },
  { "export-no-base-name",
    { "--export=.png" }, NULL, 2,
    { NULL }, { "cannot export to “.png”: give the file a name before its ending, like “timeline.png”" } },
  { "export-no-base-name-in-folder",
    { "--export=sub/.PDF" }, NULL, 2,
    { NULL }, { "cannot export to “sub/.PDF”: give the file a name before its ending, like “timeline.PDF”" } },
  { "export-timelinejs-no-base-name",
    { "--export=sub/.timelinejs.json" }, NULL, 2,
    { NULL }, { "cannot export to “sub/.timelinejs.json”" } },
  { "export-too-many-pixels",
    { "--export=cli-big.png", "--size=16000x16000", "--scale=2" }, NULL, 2,
    { NULL }, { "an image of 32000 × 32000 pixels (1024 million) is too large: at most 100 million pixels can be "
                "exported" } },
  { "export-too-many-pixels-fit-lanes",
    { "--export=cli-big.png", "--size=16000x0", "--scale=8" }, NULL, 1,
    { NULL }, { "cannot write “cli-big.png”: an image of 128000 × ", "at most 100 million pixels" } },
  /* The extremes the format allows export without a critical (stderr is
   * empty), and a mark flood does not stall the export. */
  { "export-last-day-png",
    { "--export=cli-last-day.png", "@tests/fixtures/hostile/content/last-day.json" }, NULL, 0,
    { "cli-last-day.png: written" }, { NULL }, TRUE },
  { "export-last-minute-pdf",
    { "--export=cli-last-minute.pdf", "@tests/fixtures/hostile/content/last-minute.json" }, NULL, 0,
    { "cli-last-minute.pdf: written" }, { NULL }, TRUE },
  { "export-extremes-svg",
    { "--export=cli-extremes.svg", "@tests/fixtures/hostile/content/extreme-dates.json" }, NULL, 0,
    { "cli-extremes.svg: written" }, { NULL }, TRUE },
  /* A link that reads as something else is refused, and the message shows
   * it as it is. */
  { "check-link-bidi",
    { "--check", "@tests/fixtures/hostile/link-bidi.json" }, NULL, 1,
    { NULL }, { "“https://evil.example/[U+202E]gpj.exe” has an invisible or direction-changing character (U+202E)" } },
  { "export-options-need-image",
    { "--from=2018", "--check", "@data/examples/example.json" }, NULL, 2,
    { NULL }, { "apply to --export as PNG, SVG or PDF" } },
};

static char *
source_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "..", relative, NULL);
}

static void
test_cli (gconstpointer data)
{
  const CliCase *c = data;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *binary = g_getenv ("DAUMOC");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; i < G_N_ELEMENTS (c->args) && c->args[i] != NULL; i++)
    {
      if (c->args[i][0] == '@')
        g_ptr_array_add (argv, source_path (c->args[i] + 1));
      else
        g_ptr_array_add (argv, g_strdup (c->args[i]));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* --check needs no display at all. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", c->language ? c->language : "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_test_message ("stdout: %s", out);
  g_test_message ("stderr: %s", err);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, c->status);

  for (guint i = 0; i < G_N_ELEMENTS (c->out) && c->out[i] != NULL; i++)
    if (strstr (out, c->out[i]) == NULL)
      g_error ("stdout “%s” lacks “%s”", out, c->out[i]);
  for (guint i = 0; i < G_N_ELEMENTS (c->err) && c->err[i] != NULL; i++)
    if (strstr (err, c->err[i]) == NULL)
      g_error ("stderr “%s” lacks “%s”", err, c->err[i]);
  if (c->err_empty)
    g_assert_cmpstr (err, ==, "");
  if (c->status != 0 && c->out[0] == NULL)
    g_assert_cmpstr (out, ==, "");
}

typedef struct
{
  const char *name;
  const char *output;
  int         signum;
} InterruptCase;

static const InterruptCase interrupt_cases[] = {
  { "png-sigterm", "out.png", SIGTERM },
  { "pdf-sigint", "out.pdf", SIGINT },
  { "timelinejs-sigterm", "out.timelinejs.json", SIGTERM },
  { "timelinejs-sighup", "out.timelinejs.json", SIGHUP },
};

/* An export killed half way leaves neither its output nor the hidden
 * temporary file: the export stops itself (DAUMOC_DEBUG=stop-writing) with
 * the file written but not renamed, and is killed there. */
static void
test_export_interrupted (gconstpointer data)
{
  const InterruptCase *c = data;
  g_autofree char *dir = g_dir_make_tmp ("daumoc-cli-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, c->output, NULL);
  g_autofree char *export = g_strconcat ("--export=", output, NULL);
  g_autofree char *input = source_path ("data/examples/example.json");
  const char *argv[] = { g_getenv ("DAUMOC"), export, input, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  envp = g_environ_setenv (envp, "DAUMOC_DEBUG", "stop-writing", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_async (NULL, (char **) argv, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  g_assert_true (WIFSTOPPED (status));
  /* The temporary file is there, complete. */
  g_assert_cmpuint (dm_test_count_entries (dir), ==, 1);

  g_assert_cmpint (kill (pid, c->signum), ==, 0);
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  /* It died of the signal, as a shell expects, and left nothing. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, c->signum);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dm_test_count_entries (dir), ==, 0);

  dm_test_remove_dir (dir);
}

/* Runs daumoc with @args in @dir; returns its exit status. */
static int
run_in (const char         *dir,
        const char * const *args,
        char       **out,
        char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DAUMOC"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* An export never writes over the timeline it reads, by its own name or
 * another (a link, ./NAME): no export format holds all of it. */
static void
test_export_onto_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("daumoc-cli-XXXXXX", NULL);
  g_autofree char *input = source_path ("data/examples/example.json");
  g_autofree char *path = g_build_filename (dir, "mine.timelinejs.json", NULL);
  g_autofree char *link = g_build_filename (dir, "handout.pdf", NULL);
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  static const struct {
    const char *args[3];
    const char *named;
  } onto[] = {
    { { "--export=mine.timelinejs.json", "mine.timelinejs.json" }, "mine.timelinejs.json" },
    { { "--export=./mine.timelinejs.json", "mine.timelinejs.json" }, "./mine.timelinejs.json" },
    { { "--export=handout.pdf", "mine.timelinejs.json" }, "handout.pdf" },
    { { "--export=mine.timelinejs.json", "handout.pdf" }, "mine.timelinejs.json" },
  };

  g_assert_true (g_file_get_contents (input, &original, NULL, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  g_assert_cmpint (symlink ("mine.timelinejs.json", link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (onto); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = g_strdup_printf ("daumoc: cannot export onto “%s”: it is the timeline being exported, "
                                                   "which the export would replace and lose; choose another name\n",
                                                   onto[i].named);

      g_assert_cmpint (run_in (dir, onto[i].args, &out, &err), ==, 2);
      g_assert_cmpstr (err, ==, expected);
      g_assert_cmpstr (out, ==, "");
    }

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, original);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  dm_test_remove_dir (dir);
}

/* When the report cannot be written (a full disk), --check fails and
 * says so, rather than report success. */
static void
test_output_unwritable (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = source_path ("data/examples/example.json");
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DAUMOC"), "--check", input, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_cmpstr (err, ==, "daumoc: cannot write to standard output: No space left on device\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/export-onto-input", test_export_onto_input);
  g_test_add_func ("/cli/output-unwritable", test_output_unwritable);
  for (guint i = 0; i < G_N_ELEMENTS (interrupt_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/export-interrupted/%s", interrupt_cases[i].name);
      g_test_add_data_func (path, &interrupt_cases[i], test_export_interrupted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_cli);
    }

  return g_test_run ();
}
