/* dm-cli-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-check.h"
#include "dm-cli-export.h"
#include "dm-export.h"
#include "dm-filter.h"
#include "dm-search.h"
#include "dm-slides.h"

gboolean
dm_cli_export_is_image (const char *output)
{
  DmExportFormat format;

  return output != NULL && dm_export_format_from_name (output, &format);
}

G_GNUC_PRINTF (2, 3)
static int
usage (FILE       *err,
       const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (err, "daumoc: %s\n", message);
  fflush (err);
  return DM_CHECK_USAGE;
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  long w;
  long h;

  w = strtol (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = strtol (text, &end, 10);
  if (end == text || *end != '\0' || w < 100 || h < 0 || w > 20000 || h > 20000)
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

int
dm_cli_export_image (const DmCliExportArgs *args,
                     FILE                  *out,
                     FILE                  *err)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(DmFilter) filter = NULL;
  g_autoptr(DmSearchIndex) index = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autofree guint8 *visible = NULL;
  g_autofree guint8 *lanes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter_text = NULL;
  DmExportOptions options;
  DmExportFormat format;
  DmDate from = { 0 };
  DmDate to = { 0 };
  const char *name;

  g_return_val_if_fail (args != NULL && args->output != NULL, DM_CHECK_USAGE);

  if (!dm_export_format_from_name (args->output, &format))
    return usage (err, _("cannot export to “%s”: use a name ending in .png, .svg, .pdf or .timelinejs.json"), args->output);
  if (!dm_check_has_base_name (args->output, ".png"))
    return usage (err, _("cannot export to “%s”: give the file a name before its ending, like “timeline%s”"),
                  args->output, args->output + strlen (args->output) - 4);

  if (args->slides && format != DM_EXPORT_PDF)
    return usage (err, _("--slides writes a PDF: use a name ending in .pdf, not “%s”"), args->output);
  if (args->slides && (args->size != NULL || args->scale != NULL))
    return usage (err, _("--size and --scale do not apply to --slides, whose pages are 16:9"));

  /* Every argument is checked before anything is read or written. */
  dm_export_options_init (&options, NULL);
  options.language = dm_language_from_locale ();
  if (args->language != NULL && !dm_language_from_name (args->language, &options.language))
    return usage (err, _("unknown language “%s”; use vi or en"), args->language);

  if (args->size != NULL && !parse_size (args->size, &options.width, &options.height))
    return usage (err, _("--size must be WIDTHxHEIGHT in pixels, like 1920x1080 (a height of 0 fits the lanes), not “%s”"),
                  args->size);

  if (args->scale != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (args->scale, &end);

      if (end == args->scale || *end != '\0' || !(scale >= 0.25 && scale <= 8))
        return usage (err, _("--scale must be a number from 0.25 to 8, not “%s”"), args->scale);
      options.scale = scale;
    }

  if ((args->size != NULL || args->scale != NULL) && format == DM_EXPORT_PDF)
    return usage (err, _("--size and --scale apply to a PNG or SVG picture; a PDF handout takes --paper and --orientation"));
  if ((args->paper != NULL || args->orientation != NULL) && format != DM_EXPORT_PDF)
    return usage (err, _("--paper and --orientation apply to a PDF handout, not to “%s”"), args->output);
  if (args->paper != NULL && !dm_export_paper_from_name (args->paper, &options.paper))
    return usage (err, _("unknown paper “%s”; use a4 or letter"), args->paper);
  if (args->orientation != NULL && !dm_export_orientation_from_name (args->orientation, &options.orientation))
    return usage (err, _("unknown orientation “%s”; use portrait or landscape"), args->orientation);

  /* Every pixel takes 4 bytes: 16000x16000 at scale 2 would need 4 GB. */
  if (format == DM_EXPORT_PNG && options.height > 0 &&
      !dm_export_check_pixels (options.width * options.scale, options.height * options.scale, &error))
    return usage (err, "%s", error->message);

  if (args->from != NULL && !dm_date_parse (args->from, &from, &error))
    return usage (err, _("--from “%s” is not a date: %s"), args->from, error->message);
  if (args->to != NULL && !dm_date_parse (args->to, &to, &error))
    return usage (err, _("--to “%s” is not a date: %s"), args->to, error->message);
  if (dm_date_is_set (&from) && dm_date_is_set (&to) && dm_date_get_axis_end (&to) <= dm_date_get_axis_start (&from))
    return usage (err, _("--to must not be before --from"));

  target = g_file_new_for_commandline_arg (args->output);
  if (dm_check_refuse_own_input (args->input, target, args->output, err))
    return DM_CHECK_USAGE;

  dataset = dm_check_load (args->input, args->bundled_uri, &name, NULL, err);
  if (dataset == NULL)
    {
      fflush (err);
      return DM_CHECK_INVALID;
    }

  /* The events to show: kinds, search, and the time range. */
  filter = dm_filter_new ();
  if (args->kinds != NULL)
    {
      g_auto(GStrv) wanted = g_strsplit (args->kinds, ",", -1);

      for (guint i = 0; wanted[i] != NULL; i++)
        if (dm_dataset_lookup_kind (dataset, g_strstrip (wanted[i])) == NULL)
          return usage (err, _("there is no kind “%s” in this timeline"), wanted[i]);

      /* Only the lanes of the kinds asked for are drawn. */
      lanes = g_malloc0 (MAX (dm_dataset_get_n_kinds (dataset), 1));
      for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
        {
          const char *id = dm_dataset_get_kind (dataset, k)->id;

          lanes[k] = g_strv_contains ((const char * const *) wanted, id);
          dm_filter_set_kind_visible (filter, id, lanes[k]);
        }
    }
  if (args->search != NULL)
    {
      dm_filter_set_search_text (filter, args->search);
      index = dm_search_index_new (dataset);
    }

  shown = g_array_new (FALSE, FALSE, sizeof (guint));
  dm_filter_apply (filter, dataset, index, shown);
  visible = g_malloc0 (MAX (dm_dataset_get_n_events (dataset), 1));
  for (guint i = 0; i < shown->len; i++)
    {
      guint position = g_array_index (shown, guint, i);
      const DmEvent *event = dm_dataset_get_event (dataset, position);

      if (dm_date_is_set (&from) && event->axis_end <= dm_date_get_axis_start (&from))
        continue;
      if (dm_date_is_set (&to) && event->axis_start >= dm_date_get_axis_end (&to))
        continue;
      visible[position] = 1;
    }

  options.dataset = dataset;
  options.visible = visible;
  options.lanes_shown = lanes;
  /* What the handout's cover says it holds, as the window's filter bar
   * puts it; the dates asked for are its period. */
  if (dm_filter_is_active (filter))
    {
      filter_text = dm_filter_describe (filter, dataset, options.language);
      options.filter_text = filter_text;
    }
  if (dm_date_is_set (&from) || dm_date_is_set (&to))
    {
      double start;
      double end;

      dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
      options.axis_start = dm_date_is_set (&from) ? dm_date_get_axis_start (&from) : start;
      options.axis_end = dm_date_is_set (&to) ? dm_date_get_axis_end (&to) : end;
    }

  if (args->slides)
    {
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

      /* The presentation's slides: the events shown, in time order. */
      for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
        if (visible[i])
          g_array_append_val (positions, i);
      if (!dm_slides_export_pdf (dataset, positions, options.language, target, NULL, &error))
        {
          fprintf (err, _("daumoc: cannot write “%s”: %s\n"), args->output, error->message);
          fflush (err);
          return DM_CHECK_INVALID;
        }
    }
  else if (!dm_export_to_file (&options, format, target, NULL, &error))
    {
      fprintf (err, _("daumoc: cannot write “%s”: %s\n"), args->output, error->message);
      fflush (err);
      return DM_CHECK_INVALID;
    }

  fprintf (out, _("%s: written\n"), args->output);
  return dm_check_finish_output (out, err, DM_CHECK_OK);
}
