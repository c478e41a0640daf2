/* dm-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-check.h"
#include "dm-dataset.h"
#include "dm-export-sheet.h"
#include "dm-export-timelinejs.h"
#include "dm-file-util.h"
#include "dm-loader.h"

#define BUNDLED_NAME "vietnam-industry-4.0.json"

/* How people know the formats Dấu Mốc reads. */
static const char *
origin_display_name (const char *origin)
{
  if (g_strcmp0 (origin, DM_ORIGIN_TIMELINEJS3) == 0)
    return "TimelineJS3";
  if (g_strcmp0 (origin, DM_ORIGIN_TIMELINEJS2) == 0)
    return "TimelineJS 2";
  if (g_strcmp0 (origin, DM_ORIGIN_VIS) == 0)
    return "vis-timeline";
  if (g_strcmp0 (origin, DM_ORIGIN_TIMELINEJS_SHEET) == 0)
    return _("TimelineJS sheet");
  if (g_strcmp0 (origin, DM_ORIGIN_TABLE) == 0)
    return _("table of events");
  return NULL;
}

static void
print_all_problems (GPtrArray *problems,
                    FILE      *err)
{
  for (guint p = 0; problems != NULL && p < problems->len; p++)
    {
      g_autofree char *text = dm_problem_to_string (g_ptr_array_index (problems, p));
      fprintf (err, "%s\n", text);
    }
}

/* One line for each kind of problem, errors first, saying how many there
 * are and where the first is: a file's one error is not lost among
 * hundreds of warnings about the same member. */
static void
print_problems (GPtrArray *problems,
                gboolean   verbose,
                FILE      *err)
{
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GArray) counts = NULL;

  if (verbose || problems == NULL)
    {
      print_all_problems (problems, err);
      return;
    }

  kinds = dm_problems_by_kind (problems, &counts);
  for (guint i = 0; i < kinds->len; i++)
    {
      g_autofree char *text = dm_problem_to_string (g_ptr_array_index (kinds, i));
      guint count = g_array_index (counts, guint, i);

      if (count == 1)
        fprintf (err, "%s\n", text);
      else
        fprintf (err, g_dngettext (GETTEXT_PACKAGE,
                                   "%s (and %u more like it; --verbose lists them all)\n",
                                   "%s (and %u more like it; --verbose lists them all)\n", count - 1),
                 text, count - 1);
    }
}

static void
print_invalid (GPtrArray  *problems,
               const char *name,
               FILE       *err)
{
  guint n = dm_problems_count_errors (problems);

  fprintf (err, g_dngettext (GETTEXT_PACKAGE,
                             "%s: invalid, %u problem\n",
                             "%s: invalid, %u problems\n", n),
           name, n);
}

DmDataset *
dm_check_load (const char  *input,
               const char  *bundled_uri,
               const char **name,
               GPtrArray  **problems,
               FILE        *err)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  DmDataset *dataset;

  g_return_val_if_fail (input != NULL || bundled_uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (input != NULL)
    {
      file = g_file_new_for_commandline_arg (input);
      *name = input;
    }
  else
    {
      file = g_file_new_for_uri (bundled_uri);
      *name = BUNDLED_NAME;
    }

  dataset = dm_dataset_load_file_as (file, *name, &found, NULL, &error);
  print_problems (found, FALSE, err);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return dataset;
}

static void
print_summary (DmDataset  *dataset,
               const char *name,
               DmLanguage  language,
               FILE       *out)
{
  guint n_events = dm_dataset_get_n_events (dataset);
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  g_autofree char *events = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *span = NULL;
  const char *origin = origin_display_name (dm_dataset_get_origin_format (dataset));
  DmDate first;
  DmDate last;

  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  kinds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kind", "%u kinds", n_kinds), n_kinds);

  if (dm_dataset_get_span (dataset, &first, &last, NULL, NULL))
    span = dm_date_format_range (&first, &last, language);
  else
    span = g_strdup (_("no dates"));

  if (origin != NULL)
    {
      /* TRANSLATORS: FILE: OK (TimelineJS3), 12 events, 3 kinds, 1815 – 1821 */
      fprintf (out, _("%s: OK (%s), %s, %s, %s\n"), name, origin, events, kinds, span);
    }
  else
    {
      /* TRANSLATORS: FILE: OK, 42 events, 6 kinds, 2016 – 2022 */
      fprintf (out, _("%s: OK, %s, %s, %s\n"), name, events, kinds, span);
    }
}

DmCheckStatus
dm_check_files (const char * const *files,
                DmLanguage          language,
                gboolean            verbose,
                FILE               *out,
                FILE               *err)
{
  DmCheckStatus status = DM_CHECK_OK;

  if (files == NULL || files[0] == NULL)
    {
      fprintf (err, "%s\n", _("daumoc: --check needs at least one FILE"));
      return DM_CHECK_USAGE;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DmDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;

      dataset = dm_dataset_load_file_as (file, files[i], &problems, NULL, &error);
      print_problems (problems, verbose, err);

      if (dataset != NULL)
        print_summary (dataset, files[i], language, out);
      else
        {
          print_invalid (problems, files[i], err);
          status = DM_CHECK_INVALID;
        }
    }

  fflush (err);

  return dm_check_finish_output (out, err, status);
}

DmCheckStatus
dm_check_finish_output (FILE          *out,
                        FILE          *err,
                        DmCheckStatus  status)
{
  int saved;

  errno = 0;
  if (fflush (out) == 0 && !ferror (out))
    return status;

  saved = errno != 0 ? errno : EIO;
  fprintf (err, _("daumoc: cannot write to standard output: %s\n"), g_strerror (saved));
  fflush (err);
  return DM_CHECK_INVALID;
}

gboolean
dm_check_has_base_name (const char *output,
                        const char *suffix)
{
  g_autofree char *base = g_path_get_basename (output);

  return strlen (base) > strlen (suffix) && !g_str_has_suffix (output, "/");
}

gboolean
dm_check_refuse_own_input (const char *input,
                           GFile      *target,
                           const char *output,
                           FILE       *err)
{
  g_autoptr(GFile) source = NULL;

  if (input == NULL)
    return FALSE;

  /* No export format holds all that a timeline file does: writing over the
   * file being read would lose it. */
  source = g_file_new_for_commandline_arg (input);
  if (!dm_file_is_same (source, target))
    return FALSE;

  fprintf (err, _("daumoc: cannot export onto “%s”: it is the timeline being exported, which the export would "
                  "replace and lose; choose another name\n"), output);
  fflush (err);
  return TRUE;
}

DmCheckStatus
dm_check_export (const char *input,
                 const char *bundled_uri,
                 const char *output,
                 const char *language_name,
                 FILE       *out,
                 FILE       *err)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  DmLanguage language = dm_language_from_locale ();
  DmExportTextFunc export = dm_export_timelinejs;
  const char *format = "TimelineJS3";
  const char *name;
  guint n_events;

  g_return_val_if_fail (output != NULL, DM_CHECK_USAGE);
  g_return_val_if_fail (input != NULL || bundled_uri != NULL, DM_CHECK_USAGE);

  if (g_str_has_suffix (output, DM_EXPORT_SHEET_SUFFIX) && dm_check_has_base_name (output, DM_EXPORT_SHEET_SUFFIX))
    {
      export = dm_export_sheet;
      format = _("TimelineJS sheet");
    }
  else if (!g_str_has_suffix (output, DM_EXPORT_TIMELINEJS_SUFFIX) ||
           !dm_check_has_base_name (output, DM_EXPORT_TIMELINEJS_SUFFIX))
    {
      fprintf (err, _("daumoc: cannot export to “%s”: the file name says which format to write, and the "
                      "supported endings are %s (TimelineJS3) and %s (TimelineJS sheet)\n"),
               output, DM_EXPORT_TIMELINEJS_SUFFIX, DM_EXPORT_SHEET_SUFFIX);
      return DM_CHECK_USAGE;
    }

  if (language_name != NULL && !dm_language_from_name (language_name, &language))
    {
      fprintf (err, _("daumoc: unknown language “%s”; use vi or en\n"), language_name);
      return DM_CHECK_USAGE;
    }

  target = g_file_new_for_commandline_arg (output);
  if (dm_check_refuse_own_input (input, target, output, err))
    return DM_CHECK_USAGE;

  dataset = dm_check_load (input, bundled_uri, &name, &problems, err);
  if (dataset == NULL)
    {
      print_invalid (problems, name, err);
      fflush (err);
      return DM_CHECK_INVALID;
    }

  if (!dm_export_text_to_file (export, dataset, language, target, NULL, &error))
    {
      fprintf (err, _("daumoc: cannot write “%s”: %s\n"), output, error->message);
      fflush (err);
      return DM_CHECK_INVALID;
    }

  n_events = dm_dataset_get_n_events (dataset);
  fprintf (out, g_dngettext (GETTEXT_PACKAGE,
                             "%s: exported %u event to %s (%s)\n",
                             "%s: exported %u events to %s (%s)\n", n_events),
           name, n_events, output, format);
  fflush (out);
  fflush (err);

  return dm_check_finish_output (out, err, DM_CHECK_OK);
}
