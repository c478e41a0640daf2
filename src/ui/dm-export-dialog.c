/* dm-export-dialog.c
 *
 * The export dialog asks what the chosen format needs and nothing else:
 * a PDF handout its paper, orientation, range and language; an image its
 * size and scale; a drawing its size. A small preview follows the
 * choices. Export asks where (unless told already) and hands the file on
 * through ::export; the window does the export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dm-export-dialog.h"

#define PREVIEW_WIDTH  480
#define PREVIEW_HEIGHT 180

struct _DmExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *export_button;
  AdwComboRow          *format_row;
  AdwComboRow          *range_row;
  AdwComboRow          *language_row;
  AdwPreferencesGroup  *paper_group;
  AdwComboRow          *paper_row;
  AdwComboRow          *orientation_row;
  AdwPreferencesGroup  *size_group;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  AdwActionRow         *scale_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSpinButton        *scale_spin;
  GtkPicture           *preview;

  DmDataset            *dataset;
  GFile                *file;
  GtkFileChooserNative *chooser;
  DmExportBaseFunc      base_func;
  gpointer              base_data;
  GDestroyNotify        base_destroy;
  guint                 preview_id;
};

G_DEFINE_FINAL_TYPE (DmExportDialog, dm_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows of the format combo, in the template's order. */
static const DmExportFormat formats[] = { DM_EXPORT_PDF, DM_EXPORT_PNG, DM_EXPORT_SVG };

/* Helpers */

static void
update_rows (DmExportDialog *self)
{
  DmExportFormat format = dm_export_dialog_get_format (self);

  gtk_widget_set_visible (GTK_WIDGET (self->paper_group), format == DM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->size_group), format != DM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), format == DM_EXPORT_PNG);
}

static gboolean
update_preview_cb (gpointer user_data)
{
  DmExportDialog *self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  DmExportOptions options;

  self->preview_id = 0;

  dm_export_options_init (&options, self->dataset);
  if (self->base_func != NULL)
    self->base_func (&options, self->base_data);
  dm_export_dialog_apply (self, &options);

  surface = dm_export_render_preview (&options, dm_export_dialog_get_format (self), PREVIEW_WIDTH, PREVIEW_HEIGHT);
  if (surface == NULL)
    return G_SOURCE_REMOVE;

  /* cairo's ARGB32 is GDK's default memory format. */
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * (gsize) cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes, (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));

  return G_SOURCE_REMOVE;
}

static void
queue_preview (DmExportDialog *self)
{
  if (self->preview_id == 0)
    self->preview_id = g_idle_add_full (G_PRIORITY_LOW, update_preview_cb, self, NULL);
}

/* Callbacks */

static void
option_changed_cb (DmExportDialog *self)
{
  update_rows (self);
  queue_preview (self);
}

static void
cancel_clicked_cb (DmExportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DmExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    g_signal_emit (self, signals[EXPORT], 0, file);
}

static void
export_clicked_cb (DmExportDialog *self)
{
  g_autofree char *name = NULL;

  if (self->file != NULL)
    {
      g_signal_emit (self, signals[EXPORT], 0, self->file);
      return;
    }

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = dm_export_dialog_suggest_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Vfuncs */

static void
dm_export_dialog_dispose (GObject *object)
{
  DmExportDialog *self = DM_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);
  if (self->base_destroy != NULL)
    g_clear_pointer (&self->base_data, self->base_destroy);
  self->base_func = NULL;

  G_OBJECT_CLASS (dm_export_dialog_parent_class)->dispose (object);
}

static void
dm_export_dialog_class_init (DmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_export_dialog_dispose;

  /**
   * DmExportDialog::export:
   * @file: where to export
   *
   * Export was chosen, and where.
   */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, paper_group);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, size_group);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, DmExportDialog, preview);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dm_export_dialog_init (DmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DmExportDialog *
dm_export_dialog_new (GtkWindow      *parent,
                      DmDataset      *dataset,
                      DmExportFormat  format,
                      DmLanguage      language,
                      int             width)
{
  DmExportDialog *self;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  self = g_object_new (DM_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->dataset = g_object_ref (dataset);
  adw_combo_row_set_selected (self->language_row, language == DM_LANGUAGE_VI ? 0 : 1);
  adw_combo_row_set_selected (self->paper_row, dm_export_paper_from_locale () == DM_PAPER_LETTER ? 1 : 0);
  gtk_spin_button_set_value (self->width_spin, width);
  dm_export_dialog_set_format (self, format);
  /* A handout is of everything the filters show; a picture is of the
   * view, as it is on screen. */
  adw_combo_row_set_selected (self->range_row, format == DM_EXPORT_PDF ? 1 : 0);
  update_rows (self);
  queue_preview (self);

  return self;
}

void
dm_export_dialog_set_base_func (DmExportDialog   *self,
                                DmExportBaseFunc  func,
                                gpointer          user_data,
                                GDestroyNotify    destroy)
{
  g_return_if_fail (DM_IS_EXPORT_DIALOG (self));

  if (self->base_destroy != NULL)
    g_clear_pointer (&self->base_data, self->base_destroy);
  self->base_func = func;
  self->base_data = user_data;
  self->base_destroy = destroy;
  queue_preview (self);
}

DmExportFormat
dm_export_dialog_get_format (DmExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (DM_IS_EXPORT_DIALOG (self), DM_EXPORT_PDF);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected < G_N_ELEMENTS (formats) ? formats[selected] : DM_EXPORT_PDF;
}

void
dm_export_dialog_set_format (DmExportDialog *self,
                             DmExportFormat  format)
{
  g_return_if_fail (DM_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
}

DmLanguage
dm_export_dialog_get_language (DmExportDialog *self)
{
  g_return_val_if_fail (DM_IS_EXPORT_DIALOG (self), DM_LANGUAGE_EN);

  return adw_combo_row_get_selected (self->language_row) == 0 ? DM_LANGUAGE_VI : DM_LANGUAGE_EN;
}

gboolean
dm_export_dialog_get_whole_range (DmExportDialog *self)
{
  g_return_val_if_fail (DM_IS_EXPORT_DIALOG (self), FALSE);

  return adw_combo_row_get_selected (self->range_row) == 1;
}

void
dm_export_dialog_apply (DmExportDialog  *self,
                        DmExportOptions *options)
{
  DmExportFormat format;

  g_return_if_fail (DM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  format = dm_export_dialog_get_format (self);
  options->language = dm_export_dialog_get_language (self);
  if (dm_export_dialog_get_whole_range (self))
    options->axis_start = options->axis_end = 0;

  if (format == DM_EXPORT_PDF)
    {
      options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? DM_PAPER_LETTER : DM_PAPER_A4;
      options->orientation = adw_combo_row_get_selected (self->orientation_row) == 1
                             ? DM_ORIENTATION_LANDSCAPE : DM_ORIENTATION_PORTRAIT;
      /* A handout marks no selection. */
      options->selected = -1;
    }
  else
    {
      options->width = gtk_spin_button_get_value_as_int (self->width_spin);
      options->height = gtk_spin_button_get_value_as_int (self->height_spin);
      options->scale = format == DM_EXPORT_PNG ? gtk_spin_button_get_value (self->scale_spin) : 1;
    }
}

char *
dm_export_dialog_suggest_name (DmExportDialog *self)
{
  DmExportFormat format;

  g_return_val_if_fail (DM_IS_EXPORT_DIALOG (self), NULL);

  format = dm_export_dialog_get_format (self);
  return dm_export_suggest_name (self->dataset, dm_export_dialog_get_language (self),
                                 /* TRANSLATORS: in a file name, "Title - handout (en).pdf" */
                                 format == DM_EXPORT_PDF ? _("handout") :
                                 /* TRANSLATORS: in a file name, "Title - timeline (en).png" */
                                 _("timeline"),
                                 format == DM_EXPORT_PDF ? ".pdf" : format == DM_EXPORT_SVG ? ".svg" : ".png");
}

void
dm_export_dialog_set_file (DmExportDialog *self,
                           GFile          *file)
{
  g_return_if_fail (DM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
}
