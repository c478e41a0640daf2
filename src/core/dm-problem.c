/* dm-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-problem.h"
#include "dm-safe-text.h"

/* The most of a message or a path kept. */
#define PROBLEM_MAX_CHARS 2000

G_DEFINE_QUARK (dm-dataset-error-quark, dm_dataset_error)

DmProblem *
dm_problem_new (DmProblemSeverity  severity,
                DmDatasetError     code,
                const char        *path,
                const char        *message)
{
  DmProblem *problem = g_new0 (DmProblem, 1);

  problem->severity = severity;
  problem->code = code;
  /* Both may quote the dataset (a value, a member's name): shown on a
   * terminal or in the window, escape sequences and bidi overrides would
   * act instead of being read, and a megabyte value would drown the
   * message. */
  problem->path = dm_safe_text_for_display (path ? path : "", PROBLEM_MAX_CHARS);
  problem->message = dm_safe_text_for_display (message, PROBLEM_MAX_CHARS);

  return problem;
}

void
dm_problem_path_append_member (GString    *path,
                               const char *name)
{
  gboolean plain = name[0] != '\0' && !g_ascii_isdigit (name[0]);

  for (const char *p = name; plain && *p; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';

  if (plain)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, name);
    }
  else
    {
      g_string_append (path, "[\"");
      for (const char *p = name; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (path, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (path, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (path, *p);
        }
      g_string_append (path, "\"]");
    }
}

void
dm_problem_path_append_index (GString *path,
                              guint    index)
{
  char digits[16];
  guint n = 0;

  /* Once per element read, so not through printf. */
  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) > 0);

  g_string_append_c (path, '[');
  while (n > 0)
    g_string_append_c (path, digits[--n]);
  g_string_append_c (path, ']');
}

/* Adds to @problems one at the JSON @path, or at its member @member when
 * not NULL, with the message @format makes of @args. @path is left as it
 * was. */
G_GNUC_PRINTF (6, 0)
static void
add_valist (GPtrArray         *problems,
            DmProblemSeverity  severity,
            DmDatasetError     code,
            GString           *path,
            const char        *member,
            const char        *format,
            va_list            args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  gsize length = path->len;

  if (member != NULL)
    dm_problem_path_append_member (path, member);
  g_ptr_array_add (problems, dm_problem_new (severity, code, path->str, message));
  g_string_truncate (path, length);
}

void
dm_problem_log_init (DmProblemLog *log,
                     GPtrArray    *problems)
{
  log->problems = problems;
  log->path = g_string_new (NULL);
}

void
dm_problem_log_clear (DmProblemLog *log)
{
  if (log->path != NULL)
    g_string_free (log->path, TRUE);
  log->path = NULL;
  log->problems = NULL;
}

void
dm_problem_log_add (DmProblemLog      *log,
                    DmProblemSeverity  severity,
                    DmDatasetError     code,
                    const char        *member,
                    const char        *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  add_valist (log->problems, severity, code, log->path, member, format, args);
  va_end (args);
}

gsize
dm_problem_log_push_member (DmProblemLog *log,
                            const char   *member)
{
  gsize length = log->path->len;

  dm_problem_path_append_member (log->path, member);
  return length;
}

gsize
dm_problem_log_push_index (DmProblemLog *log,
                           guint         index)
{
  gsize length = log->path->len;

  dm_problem_path_append_index (log->path, index);
  return length;
}

void
dm_problem_log_pop (DmProblemLog *log,
                    gsize         length)
{
  g_string_truncate (log->path, length);
}

void
dm_problem_free (DmProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const DmProblem *x = *(const DmProblem * const *) a;
  const DmProblem *y = *(const DmProblem * const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return 0;
}

void
dm_problems_sort_by_location (GPtrArray *problems)
{
  /* g_ptr_array_sort() is stable: problems at one place keep their order. */
  g_ptr_array_sort (problems, compare_problems);
}

char *
dm_problem_to_string (const DmProblem *problem)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->file != NULL)
    g_string_append_printf (str, "%s:", problem->file);
  if (problem->line > 0)
    g_string_append_printf (str, "%u:%u:", problem->line, problem->column);
  if (str->len > 0)
    g_string_append_c (str, ' ');
  if (problem->severity == DM_PROBLEM_WARNING)
    g_string_append (str, _("warning: "));
  if (problem->path != NULL && problem->path[0] != '\0')
    g_string_append_printf (str, "%s: ", problem->path);
  g_string_append (str, problem->message);

  return g_string_free (str, FALSE);
}

/* What makes problems of one kind: the severity, the code, the path
 * without its indices ("events[].event_types") and the message without
 * the values it quotes. */
static char *
problem_kind (const DmProblem *problem)
{
  GString *key = g_string_new (NULL);
  gboolean quoted = FALSE;

  g_string_append_printf (key, "%d\x1f%d\x1f", problem->severity, problem->code);
  for (const char *p = problem->path; *p; p++)
    {
      if (*p == '[')
        {
          g_string_append_c (key, '[');
          while (*p != '\0' && *p != ']')
            p++;
          if (*p == '\0')
            break;
        }
      g_string_append_c (key, *p);
    }
  g_string_append_c (key, '\x1f');
  for (const char *p = problem->message; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C)
        quoted = TRUE;
      else if (c == 0x201D)
        quoted = FALSE;
      else if (!quoted)
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

GPtrArray *
dm_problems_by_kind (GPtrArray  *problems,
                     GArray    **counts)
{
  /* Each kind's key → its count; the first problem of each kind, and
   * its key (the table's), in the order found. */
  g_autoptr(GHashTable) count_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  g_autoptr(GPtrArray) first_keys = g_ptr_array_new ();
  GPtrArray *kinds = g_ptr_array_new ();

  *counts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint p = 0; problems != NULL && p < problems->len; p++)
    {
      char *key = problem_kind (g_ptr_array_index (problems, p));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (count_of, key));

      if (count == 0)
        {
          g_ptr_array_add (firsts, g_ptr_array_index (problems, p));
          g_ptr_array_add (first_keys, key);
        }
      /* A key already there stays; the new copy is freed. */
      g_hash_table_insert (count_of, key, GUINT_TO_POINTER (count + 1));
    }

  for (int severity = DM_PROBLEM_ERROR; severity <= DM_PROBLEM_WARNING; severity++)
    for (guint i = 0; i < firsts->len; i++)
      {
        DmProblem *problem = g_ptr_array_index (firsts, i);
        guint count;

        if ((int) problem->severity != severity)
          continue;
        count = GPOINTER_TO_UINT (g_hash_table_lookup (count_of, g_ptr_array_index (first_keys, i)));
        g_ptr_array_add (kinds, problem);
        g_array_append_val (*counts, count);
      }

  return kinds;
}

guint
dm_problems_count_errors (GPtrArray *problems)
{
  guint n = 0;

  if (problems == NULL)
    return 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);
      if (problem->severity == DM_PROBLEM_ERROR)
        n++;
    }

  return n;
}

GError *
dm_problems_to_error (GPtrArray *problems)
{
  guint n_errors = dm_problems_count_errors (problems);
  g_autofree char *first_text = NULL;
  const DmProblem *first = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);
      if (problem->severity == DM_PROBLEM_ERROR)
        {
          first = problem;
          break;
        }
    }

  g_return_val_if_fail (first != NULL, NULL);

  first_text = dm_problem_to_string (first);
  if (n_errors == 1)
    return g_error_new_literal (DM_DATASET_ERROR, first->code, first_text);

  return g_error_new (DM_DATASET_ERROR, first->code,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%s (and %u more problem)",
                                   "%s (and %u more problems)",
                                   n_errors - 1),
                      first_text, n_errors - 1);
}
