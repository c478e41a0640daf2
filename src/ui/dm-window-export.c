/* dm-window-export.c — the main window printing and exporting
 *
 * Exports show what is on screen (the range, the events the search and
 * filters leave, the selection) through the export dialog's choices;
 * printing gives the PDF export's handout. Afterwards a toast says where
 * the file went, with a way to open it or its folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-export.h"
#include "dm-export-dialog.h"
#include "dm-export-timelinejs.h"
#include "dm-file-util.h"
#include "dm-handout.h"
#include "dm-slides.h"
#include "dm-window-private.h"

/* Exports show what is on screen: the same range, events and selection.
 * Returns the flags @options points to, for the caller to free. */
static guint8 *
current_export_options (DmWindow        *self,
                        DmExportOptions *options)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autoptr(GArray) positions = _dm_window_shown_positions (self);
  guint n_events = dm_dataset_get_n_events (dataset);
  guint n_kinds = dm_dataset_get_n_kinds (dataset);
  /* One block to free: the events shown, then the lanes drawn (the kinds
   * the filter keeps: an export of some kinds draws only theirs). */
  guint8 *visible = g_realloc (_dm_window_flags_from_positions (positions, n_events), MAX (n_events, 1) + MAX (n_kinds, 1));
  guint8 *lanes = visible + MAX (n_events, 1);

  for (guint k = 0; k < n_kinds; k++)
    lanes[k] = dm_filter_get_kind_visible (self->filter, dm_dataset_get_kind (dataset, k)->id);

  dm_export_options_init (options, dataset);
  options->language = self->language;
  options->visible = visible;
  options->lanes_shown = lanes;
  options->selected = dm_timeline_view_get_selected (self->timeline);
  dm_timeline_view_get_range (self->timeline, &options->axis_start, &options->axis_end);
  options->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800);

  return visible;
}

/* Printing */

typedef struct
{
  DmExportOptions  options;
  guint8          *visible;
  char            *filter_text;
  DmHandout       *handout;
} PrintJob;

/* When the print operation goes. */
static void
print_job_free (gpointer  data,
                GClosure *closure)
{
  PrintJob *job = data;

  g_clear_pointer (&job->handout, dm_handout_free);
  g_free (job->visible);
  g_free (job->filter_text);
  g_free (job);
}

/* The handout is laid out on the paper of the page setup the user
 * picked, turned as it is turned. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPageOrientation orientation = gtk_page_setup_get_orientation (setup);

  job->options.paper_width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  job->options.paper_height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  job->options.orientation = orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ||
                             orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE
                             ? DM_ORIENTATION_LANDSCAPE : DM_ORIENTATION_PORTRAIT;
  g_clear_pointer (&job->handout, dm_handout_free);
  job->handout = dm_handout_new (&job->options);
  gtk_print_operation_set_n_pages (operation, (int) dm_handout_get_n_pages (job->handout));
}

/* The timeline pages are landscape, whatever the others are. */
static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_number,
                       GtkPageSetup      *setup,
                       PrintJob          *job)
{
  gboolean landscape;

  if (job->handout == NULL || page_number < 0 || (guint) page_number >= dm_handout_get_n_pages (job->handout))
    return;

  landscape = dm_handout_page_is_landscape (job->handout, (guint) page_number);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              PrintJob          *job)
{
  if (job->handout == NULL || page_number < 0 || (guint) page_number >= dm_handout_get_n_pages (job->handout))
    return;

  /* The handout's own fonts, not the printer's: the same as the PDF. */
  dm_handout_draw_page (job->handout, gtk_print_context_get_cairo_context (context), (guint) page_number);
}

static GtkPrintOperation *
create_print_operation (DmWindow *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);

  job->visible = current_export_options (self, &job->options);
  job->filter_text = dm_filter_is_active (self->filter)
                     ? dm_filter_describe (self->filter, dm_window_get_dataset (self), self->language) : NULL;
  job->options.filter_text = job->filter_text;
  /* A handout of everything that passes the filters, not of the view. */
  job->options.axis_start = job->options.axis_end = 0;
  job->options.selected = -1;

  paper = gtk_paper_size_new (job->options.paper == DM_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);

  gtk_print_operation_set_job_name (operation, dm_text_get (dm_dataset_get_title (dm_window_get_dataset (self)), self->language));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The handout has its own margins, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), job);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job, print_job_free, 0);

  return operation;
}

static void
run_print (DmWindow                *self,
           GtkPrintOperationAction  action,
           const char              *export_filename,
           GtkPageSetup            *page_setup)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (dm_window_get_dataset (self) == NULL)
    return;

  operation = create_print_operation (self);
  if (page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);

  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      _dm_window_show_problem (self, message);
    }
}

/* Printing gives the same handout as the PDF export, page for page: the
 * whole filtered timeline, in the data language, on the paper chosen. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_print (DM_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, NULL);
}

/* After an export: where it went, with a way to open it and to see it
 * in its folder. */

static void
launch_uri (DmWindow   *self,
            const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  /* GIO goes through the desktop portal in a sandbox. */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, NULL, NULL);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  launch_uri (DM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  DmWindow *window;
  char     *uri;
} ShowItems;

static void
show_items_free (ShowItems *show)
{
  g_object_unref (show->window);
  g_free (show->uri);
  g_free (show);
}

/* No file manager answers: open the folder instead. */
static void
show_items_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ShowItems *show = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  if (reply == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (show->uri);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        {
          g_autofree char *folder_uri = g_file_get_uri (folder);

          launch_uri (show->window, folder_uri);
        }
    }
  show_items_free (show);
}

static void
show_items_bus_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShowItems *show = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  const char *uris[] = { show->uri, NULL };

  if (bus == NULL)
    {
      show_items_done_cb (NULL, NULL, show);
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          show_items_done_cb, show);
}

static void
show_export_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ShowItems *show = g_new0 (ShowItems, 1);

  show->window = g_object_ref (DM_WINDOW (widget));
  show->uri = g_variant_dup_string (parameter, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, show_items_bus_cb, show);
}

static void
show_export_toast (DmWindow *self,
                   GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  /* Two ways on: the toast's own button opens the file; the folder's is
   * beside the title (AdwToast 1.2 has room for one button). */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-export-folder");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (folder), g_variant_new_string (uri));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _dm_window_drop_mnemonic_names (box);
}

/* Exporting */

/* What an export writes: the view through the export dialog's options,
 * or, with nothing to choose, every event as TimelineJS or the
 * presentation's slides as a PDF deck. */
typedef enum
{
  EXPORT_VIEW,
  EXPORT_TIMELINEJS,
  EXPORT_SLIDES,
} ExportKind;

/* Writes @file as @kind asks (@options and @format for EXPORT_VIEW), in
 * the data language. Then says how it went: a toast to open the file or
 * its folder, or the problem above the timeline. No export format holds
 * all that the timeline's own file does, so writing over it is refused. */
static gboolean
run_export (DmWindow              *self,
            ExportKind             kind,
            const DmExportOptions *options,
            DmExportFormat         format,
            GFile                 *file)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  GFile *source = dataset != NULL ? dm_dataset_get_file (dataset) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean written = FALSE;

  if (dataset == NULL)
    return FALSE;

  if (source != NULL && dm_file_is_same (file, source))
    {
      g_autofree char *name = _dm_window_display_basename (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is the timeline being shown, which the export would replace and lose; "
                     "choose another name"), name);
    }
  else
    {
      switch (kind)
        {
        case EXPORT_TIMELINEJS:
          written = dm_export_timelinejs_to_file (dataset, self->language, file, NULL, &error);
          break;

        case EXPORT_SLIDES:
          {
            /* The slides F5 would show, as a PDF deck. */
            g_autoptr(GArray) positions = _dm_window_shown_positions (self);

            written = dm_slides_export_pdf (dataset, positions, self->language, file, NULL, &error);
          }
          break;

        case EXPORT_VIEW:
        default:
          written = dm_export_to_file (options, format, file, NULL, &error);
          break;
        }
    }

  if (written)
    {
      show_export_toast (self, file);
      return TRUE;
    }

  message = g_strdup_printf (_("Could not export: %s"), error->message);
  _dm_window_show_problem (self, message);
  return FALSE;
}

/* A file chooser's question: where to export, as what. */
typedef struct
{
  DmWindow   *window;
  ExportKind  kind;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_object_unref (choice->window);
  g_free (choice);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportChoice, export_choice_free)

static void
export_file_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(ExportChoice) choice = user_data;
  DmWindow *self = choice->window;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && dm_window_get_dataset (self) != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    run_export (self, choice->kind, NULL, 0, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* TimelineJS and the slides have nothing to choose but where. */
static void
choose_export_file (DmWindow   *self,
                    ExportKind  kind)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree char *name = kind == EXPORT_SLIDES
                          /* TRANSLATORS: what a PDF deck of the presentation is called in the file
                           * name offered for it, as in "Title - slides (en).pdf" */
                          ? dm_export_suggest_name (dataset, self->language, _("slides"), ".pdf")
                          : dm_export_suggest_name (dataset, self->language, "TimelineJS", DM_EXPORT_TIMELINEJS_SUFFIX);
  ExportChoice *choice = g_new0 (ExportChoice, 1);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  choice->window = g_object_ref (self);
  choice->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* What the export dialog starts from: the events shown, the range in
 * view. */
static void
export_base_cb (DmExportOptions *options,
                gpointer         user_data)
{
  DmWindow *self = user_data;
  guint8 *visible;

  if (dm_window_get_dataset (self) != options->dataset)
    return;
  visible = current_export_options (self, options);
  /* Kept with the window until the next preview or export asks. */
  g_free (self->export_visible);
  self->export_visible = visible;
}

static void
export_dialog_export_cb (DmExportDialog *dialog,
                         GFile          *file,
                         DmWindow       *self)
{
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree guint8 *visible = NULL;
  g_autofree char *filter_text = NULL;
  DmExportOptions options;

  if (dataset == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }

  visible = current_export_options (self, &options);
  dm_export_dialog_apply (dialog, &options);
  if (dm_filter_is_active (self->filter))
    filter_text = dm_filter_describe (self->filter, dataset, options.language);
  options.filter_text = filter_text;

  run_export (self, EXPORT_VIEW, &options, dm_export_dialog_get_format (dialog), file);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* What to export, before where: the dialog asks what the format needs. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmWindow *self = DM_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  DmDataset *dataset = dm_window_get_dataset (self);
  g_autofree char *suffix = g_strconcat (".", name, NULL);
  DmExportFormat format = DM_EXPORT_PDF;
  DmExportDialog *dialog;

  if (dataset == NULL)
    return;

  /* TimelineJS has no view: every event goes; the slides are the
   * presentation's, whatever the view. */
  if (g_str_equal (name, "timelinejs") || g_str_equal (name, "slides"))
    {
      choose_export_file (self, g_str_equal (name, "slides") ? EXPORT_SLIDES : EXPORT_TIMELINEJS);
      return;
    }

  dm_export_format_from_name (suffix, &format);
  dialog = dm_export_dialog_new (GTK_WINDOW (self), dataset, format, self->language,
                                 MAX (gtk_widget_get_width (GTK_WIDGET (self->timeline)), 800));
  dm_export_dialog_set_base_func (dialog, export_base_cb, g_object_ref (self), g_object_unref);
  g_signal_connect_object (dialog, "export", G_CALLBACK (export_dialog_export_cb), self, 0);
  _dm_window_drop_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Class */

void
_dm_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-export-folder", "s", show_export_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "pdf");
}

/* Public API */

void
dm_window_print_to_file (DmWindow     *self,
                         const char   *filename,
                         GtkPageSetup *page_setup)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (page_setup == NULL || GTK_IS_PAGE_SETUP (page_setup));

  run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, filename, page_setup);
}

void
dm_window_export_to_file (DmWindow   *self,
                          const char *format,
                          GFile      *file)
{
  g_autofree char *suffix = NULL;
  g_autofree guint8 *visible = NULL;
  DmExportFormat export_format = DM_EXPORT_PDF;
  DmExportOptions options;

  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));

  if (dm_window_get_dataset (self) == NULL)
    return;

  if (g_str_equal (format, "timelinejs") || g_str_equal (format, "slides"))
    {
      run_export (self, g_str_equal (format, "slides") ? EXPORT_SLIDES : EXPORT_TIMELINEJS, NULL, 0, file);
      return;
    }

  /* The dialog's defaults: the view as shown. */
  suffix = g_strconcat (".", format, NULL);
  if (!dm_export_format_from_name (suffix, &export_format))
    g_return_if_reached ();
  visible = current_export_options (self, &options);
  run_export (self, EXPORT_VIEW, &options, export_format, file);
}
