/* dm-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dm-check.h"
#include "dm-dataset.h"

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
  DmDate first;
  DmDate last;

  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  kinds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kind", "%u kinds", n_kinds), n_kinds);

  if (dm_dataset_get_span (dataset, &first, &last, NULL, NULL))
    span = dm_date_format_range (&first, &last, language);
  else
    span = g_strdup (_("no dates"));

  /* TRANSLATORS: FILE: OK, 42 events, 6 kinds, 2016 – 2022 */
  fprintf (out, _("%s: OK, %s, %s, %s\n"), name, events, kinds, span);
}

DmCheckStatus
dm_check_files (const char * const *files,
                DmLanguage          language,
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

      for (guint p = 0; problems != NULL && p < problems->len; p++)
        {
          g_autofree char *text = dm_problem_to_string (g_ptr_array_index (problems, p));
          fprintf (err, "%s\n", text);
        }

      if (dataset != NULL)
        print_summary (dataset, files[i], language, out);
      else
        {
          guint n = dm_problems_count_errors (problems);

          fprintf (err, g_dngettext (GETTEXT_PACKAGE,
                                     "%s: invalid, %u problem\n",
                                     "%s: invalid, %u problems\n", n),
                   files[i], n);
          status = DM_CHECK_INVALID;
        }
    }

  fflush (out);
  fflush (err);

  return status;
}
