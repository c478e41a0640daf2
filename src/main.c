/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-check.h"
#include "dm-cli-export.h"
#include "dm-debug.h"
#include "dm-file-util.h"

static int
usage_error (const char *message)
{
  g_printerr ("daumoc: %s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), "daumoc");
  return DM_CHECK_USAGE;
}

/* Where the translations are: where they are installed, or where
 * DAUMOC_LOCALEDIR says, so that a build run uninstalled (the tests) can
 * use the ones in its po/ folder. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("DAUMOC_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DmApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *export = NULL;
  g_autofree char *language = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *search = NULL;
  g_autofree char *size = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *orientation = NULL;
  gboolean check = FALSE;
  gboolean slides = FALSE;
  gboolean verbose = FALSE;
  gboolean version = FALSE;
  gboolean service = FALSE;
  const GOptionEntry entries[] = {
    { "check", 'c', 0, G_OPTION_ARG_NONE, &check,
      N_("Check that each FILE is a valid timeline, without opening a window"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("With --check, list every problem instead of one line for each kind"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export,
      N_("Export FILE (or the bundled timeline) to OUT without opening a window: "
         ".png, .svg, .pdf (a handout), .timelinejs.json (TimelineJS3) or .csv (TimelineJS sheet)"), N_("OUT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Export from this date on (YEAR, YEAR-MM or YEAR-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Export up to this date"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kinds,
      N_("Export only these kinds of events, by id, separated by commas"), N_("KIND,…") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Export only the events that match TEXT (diacritics optional)"), N_("TEXT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("Size of the exported timeline in pixels (a height of 0 fits the lanes)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale,
      N_("Pixels per point in an exported PNG, e.g. 2 for a sharp projector image"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("Paper of a PDF handout: a4 or letter (the default follows the locale)"), N_("PAPER") },
    { "orientation", 0, 0, G_OPTION_ARG_STRING, &orientation,
      N_("Pages of a PDF handout: portrait (the default) or landscape; the timeline pages are always landscape"),
      N_("ORIENTATION") },
    { "slides", 0, 0, G_OPTION_ARG_NONE, &slides,
      N_("Export the presentation's slides as a PDF deck (16:9 pages) instead of a handout"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Same as --language"), N_("LANGUAGE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The language of the texts to export: vi or en (the default follows the locale)"), N_("LANGUAGE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { "gapplication-service", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &service, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE…]") },
    { NULL }
  };

  dm_debug_mark_start ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line is parsed here, before GApplication sees it, so that
   * `--check` runs with no display and a usage error exits with 2. */
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Explore and present timelines of events."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (error->message);

  if (version)
    {
      g_print ("daumoc %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (lang != NULL && language == NULL)
    language = g_steal_pointer (&lang);

  if ((from || to || kinds || search || size || scale || paper || orientation) && !dm_cli_export_is_image (export))
    return usage_error (_("--from, --to, --kind, --search, --size, --scale, --paper and --orientation apply to --export as PNG, SVG or PDF"));
  if (slides && !dm_cli_export_is_image (export))
    return usage_error (_("--slides applies to --export as PDF"));

  if (verbose && !check)
    return usage_error (_("--verbose applies only to --check"));
  if (check && export != NULL)
    return usage_error (_("use either --check or --export, not both"));
  if (language != NULL && export == NULL)
    return usage_error (_("--language applies only to --export"));

  if (check)
    return dm_check_files ((const char * const *) files, dm_language_from_locale (), verbose, stdout, stderr);

  if (export != NULL)
    {
      /* An interrupted export leaves no hidden file behind. */
      dm_file_remove_temporaries_on_signals ();

      if (files != NULL && files[0] != NULL && files[1] != NULL)
        return usage_error (_("--export reads one FILE at a time"));

      if (dm_cli_export_is_image (export))
        {
          DmCliExportArgs export_args = {
            .input = files != NULL ? files[0] : NULL,
            .bundled_uri = "resource://" RESOURCE_PREFIX "/datasets/vietnam-industry-4.0.json",
            .output = export,
            .from = from,
            .to = to,
            .kinds = kinds,
            .search = search,
            .language = language,
            .size = size,
            .scale = scale,
            .paper = paper,
            .orientation = orientation,
            .slides = slides,
          };

          return dm_cli_export_image (&export_args, stdout, stderr);
        }

      /* The bundled timeline lives in the resources, which only the app
       * (not the core library) links in. */
      return dm_check_export (files != NULL ? files[0] : NULL,
                              "resource://" RESOURCE_PREFIX "/datasets/vietnam-industry-4.0.json",
                              export, language, stdout, stderr);
    }

  app = dm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
