/* dm-sources-dialog.c — the timeline's sources: add, edit, remove, and
 * show a source's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-date.h"
#include "dm-html.h"
#include "dm-sources-dialog.h"
#include "dm-window-edit.h"

struct _DmSourcesDialog
{
  AdwPreferencesWindow parent_instance;

  DmWindow             *window;   /* weak */
  DmEdit               *edit;
  AdwPreferencesGroup  *group;
  AdwPreferencesGroup  *kinds_group;
  GPtrArray            *rows;     /* of both groups */

  /* The form of the source edited (position == count: a new one). */
  guint                 position;
  GtkWidget            *id_row;
  GtkWidget            *title_vi_row;
  GtkWidget            *title_en_row;
  GtkWidget            *publisher_row;
  GtkWidget            *author_row;
  GtkWidget            *date_row;
  GtkWidget            *url_row;
  GtkWidget            *color_row;
  GtkWidget            *file_row;
  GtkWidget            *problem;
  GtkWidget            *form;     /* keeps the rows above */
  GPtrArray            *form_rows; /* that may be marked wrong */
  gboolean            (*save) (DmSourcesDialog *self);
  GFile                *chosen;
  char                 *file_name;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (DmSourcesDialog, dm_sources_dialog, ADW_TYPE_PREFERENCES_WINDOW)

/* Placing a source's text beside the timeline */

char *
dm_sources_place_text_file (GFile   *timeline,
                            GFile   *chosen,
                            GError **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) sources = NULL;
  g_autoptr(GFile) chosen_folder = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (chosen), NULL);

  if (timeline == NULL || !g_file_is_native (timeline) ||
      (folder = g_file_get_parent (timeline)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Save the timeline as a file first (Save As): a source’s text is kept in the folder beside it."));
      return NULL;
    }

  name = g_file_get_basename (chosen);
  if (name == NULL || name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("This file cannot be a source’s text: its name must not start with a dot."));
      return NULL;
    }

  sources = g_file_get_child (folder, "sources");
  chosen_folder = g_file_get_parent (chosen);
  if (chosen_folder != NULL &&
      (g_file_equal (chosen_folder, sources) || g_file_equal (chosen_folder, folder)))
    return g_steal_pointer (&name);

  if (!g_file_make_directory (sources, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  destination = g_file_get_child (sources, name);
  if (g_file_query_exists (destination, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The timeline’s “sources” folder already has a file named “%s”: choose that one, or rename yours."),
                   name);
      return NULL;
    }
  if (!g_file_copy (chosen, destination, G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&name);
}

/* The list */

static void rebuild (DmSourcesDialog *self);
static void rebuild_kinds (DmSourcesDialog *self,
                           DmLanguage       language);
static void show_form (DmSourcesDialog *self,
                       guint            position);

static void
add_toast (DmSourcesDialog *self,
           const char      *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static guint
row_position (GtkWidget *button)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
}

static void
show_text_clicked (GtkWidget       *button,
                   DmSourcesDialog *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  const DmSource *source = dm_dataset_get_source (dataset, row_position (button));

  if (self->window != NULL)
    dm_window_show_source (self->window, source->id);
}

static void
edit_clicked (GtkWidget       *button,
              DmSourcesDialog *self)
{
  show_form (self, row_position (button));
}

/* The Remove button of a source's row, or of a kind's. */
static void
remove_clicked (GtkWidget       *button,
                DmSourcesDialog *self)
{
  gboolean kind = g_object_get_data (G_OBJECT (button), "kind") != NULL;
  guint position = row_position (button);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (kind ? dm_edit_set_kind (self->edit, position, NULL, &error)
           : dm_edit_set_source (self->edit, position, NULL, &error))
    {
      add_toast (self, kind ? _("Kind removed (Ctrl+Z undoes it)") : _("Source removed (Ctrl+Z undoes it)"));
      return;
    }

  message = g_strdup_printf (kind ? _("This kind cannot be removed: %s. Give its events another kind first.")
                                  : _("This source cannot be removed: %s. Remove its citations first."),
                             error->message);
  add_toast (self, message);
}

static GtkWidget *
row_button (DmSourcesDialog *self,
            guint            position,
            const char      *icon,
            const char      *label,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
rebuild (DmSourcesDialog *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  DmLanguage language = self->window != NULL ? dm_window_get_language (self->window) : DM_LANGUAGE_VI;
  guint n = dm_dataset_get_n_sources (dataset);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, i);
      const char *title = dm_text_get (&source->title, language);
      g_autoptr(GString) subtitle = g_string_new (source->id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *show;

      /* The dataset's texts are never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : source->id);
      if (source->publisher != NULL)
        g_string_append_printf (subtitle, " · %s", source->publisher);
      if (source->file != NULL)
        g_string_append_printf (subtitle, " · %s", source->file);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      show = row_button (self, i, "x-office-document-symbolic", _("Show Text"), G_CALLBACK (show_text_clicked));
      gtk_widget_set_sensitive (show, source->file != NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), show);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, "document-edit-symbolic", _("Edit Source"),
                                             G_CALLBACK (edit_clicked)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, "user-trash-symbolic", _("Remove Source"),
                                             G_CALLBACK (remove_clicked)));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  adw_preferences_group_set_description (self->group,
                                         n == 0 ? _("The timeline has no sources yet.") : NULL);
  rebuild_kinds (self, language);
}

/* The form */

static void save_clicked (DmSourcesDialog *self);

/* Enter in any field adds or saves the source. */
static GtkWidget *
form_entry (DmSourcesDialog     *self,
            AdwPreferencesGroup *group,
            const char          *title,
            const char          *value)
{
  GtkWidget *row = adw_entry_row_new ();

  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (save_clicked), self);
  g_ptr_array_add (self->form_rows, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  adw_preferences_group_add (group, row);
  return row;
}

static const char *
entry_text (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] != '\0' ? text : NULL;
}

static gboolean
show_problem (DmSourcesDialog *self,
              GtkWidget       *row,
              const char      *message)
{
  gtk_label_set_text (GTK_LABEL (self->problem), message);
  gtk_widget_set_visible (self->problem, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  return FALSE;
}

static void
clear_problems (DmSourcesDialog *self)
{
  gtk_widget_set_visible (self->problem, FALSE);
  for (guint i = 0; i < self->form_rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->form_rows, i), "error");
}

static void
update_file_row (DmSourcesDialog *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row),
                               self->file_name != NULL ? self->file_name : _("None"));
}

void
dm_sources_dialog_set_text_file (DmSourcesDialog *self,
                                 GFile           *file)
{
  g_return_if_fail (DM_IS_SOURCES_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->file_row != NULL);

  g_set_object (&self->chosen, file);
  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);
  gtk_widget_remove_css_class (self->file_row, "error");
  update_file_row (self);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  DmSourcesDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    dm_sources_dialog_set_text_file (self, file);
  g_clear_object (&self->chooser);
}

static void
choose_clicked (DmSourcesDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Choose the Source’s Text"), GTK_WINDOW (self),
                                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL));
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* An id like the bundled timeline's ("s006") that no source has. */
static char *
new_source_id (DmDataset *dataset)
{
  for (guint i = dm_dataset_get_n_sources (dataset);; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%03u", i);

      if (dm_dataset_lookup_source (dataset, id) == NULL)
        return g_steal_pointer (&id);
    }
}

static gboolean
id_taken (DmDataset  *dataset,
          guint       position,
          const char *id)
{
  for (guint i = 0; i < dm_dataset_get_n_sources (dataset); i++)
    if (i != position && g_strcmp0 (dm_dataset_get_source (dataset, i)->id, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
save_source (DmSourcesDialog *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  guint n = dm_dataset_get_n_sources (dataset);
  g_autoptr(DmSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = entry_text (self->id_row);
  const char *date = entry_text (self->date_row);
  const char *url = entry_text (self->url_row);
  DmDate parsed = { 0 };

  clear_problems (self);
  if (self->position > n)
    return FALSE;
  if (id == NULL)
    return show_problem (self, self->id_row, _("A source needs an id."));
  if (id_taken (dataset, self->position, id))
    return show_problem (self, self->id_row, _("Another source already has this id."));
  if (date != NULL && !dm_date_parse (date, &parsed, &error))
    return show_problem (self, self->date_row, error->message);
  if (url != NULL && !dm_is_web_address (url))
    return show_problem (self, self->url_row,
                         _("A web address starts with “https://” or “http://”, without spaces or invisible characters."));

  source = self->position < n ? dm_source_copy (dm_dataset_get_source (dataset, self->position)) : dm_source_new ();
  g_free (source->id);
  source->id = g_strdup (id);
  dm_text_set (&source->title, entry_text (self->title_vi_row), entry_text (self->title_en_row));
  g_free (source->publisher);
  source->publisher = g_strdup (entry_text (self->publisher_row));
  g_free (source->author);
  source->author = g_strdup (entry_text (self->author_row));
  source->date = parsed;
  g_free (source->url);
  source->url = g_strdup (url);

  if (self->chosen != NULL)
    {
      g_autofree char *name = dm_sources_place_text_file (dm_dataset_get_file (dataset), self->chosen, &error);

      if (name == NULL)
        return show_problem (self, self->file_row, error->message);
      g_free (source->file);
      source->file = g_steal_pointer (&name);
    }

  if (!dm_edit_set_source (self->edit, self->position, g_steal_pointer (&source), &error))
    return show_problem (self, self->id_row, error->message);

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  return TRUE;
}

static void
save_clicked (DmSourcesDialog *self)
{
  if (self->save != NULL)
    self->save (self);
}

/* A form in a subpage, titled @title, whose Add or Save button (and
 * Enter in its fields) calls @save; returns the page for its groups. */
static AdwPreferencesPage *
form_new (DmSourcesDialog  *self,
          const char       *title,
          gboolean          adding,
          gboolean        (*save) (DmSourcesDialog *self))
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *button = gtk_button_new_with_mnemonic (adding ? _("_Add") : _("_Save"));
  GtkWidget *page = adw_preferences_page_new ();

  g_clear_object (&self->form);
  self->form = g_object_ref_sink (box);
  g_ptr_array_set_size (self->form_rows, 0);
  self->save = save;
  self->color_row = NULL;
  g_clear_object (&self->chosen);
  g_clear_pointer (&self->file_name, g_free);

  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "window.close-subpage");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  self->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem), 0);
  gtk_widget_add_css_class (self->problem, "error");
  gtk_widget_set_margin_start (self->problem, 12);
  gtk_widget_set_margin_end (self->problem, 12);
  gtk_widget_set_margin_top (self->problem, 6);
  gtk_widget_set_visible (self->problem, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (GTK_BOX (box), self->problem);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), box);
  return ADW_PREFERENCES_PAGE (page);
}

static void
show_form (DmSourcesDialog *self,
           guint            position)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  gboolean adding = position >= dm_dataset_get_n_sources (dataset);
  const DmSource *source = adding ? NULL : dm_dataset_get_source (dataset, position);
  g_autofree char *id = adding ? new_source_id (dataset) : g_strdup (source->id);
  g_autofree char *date = source != NULL && dm_date_is_set (&source->date) ? dm_date_to_iso (&source->date) : NULL;
  AdwPreferencesPage *page = form_new (self, adding ? _("New Source") : _("Edit Source"), adding, save_source);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *text_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));

  self->position = position;
  self->file_name = source != NULL ? g_strdup (source->file) : NULL;

  adw_preferences_group_set_title (group, _("Source"));
  self->id_row = form_entry (self, group, _("Id"), id);
  self->title_vi_row = form_entry (self, group, _("Title (Vietnamese)"), source != NULL ? source->title.vi : NULL);
  self->title_en_row = form_entry (self, group, _("Title (English)"), source != NULL ? source->title.en : NULL);
  self->publisher_row = form_entry (self, group, _("Publisher"), source != NULL ? source->publisher : NULL);
  self->author_row = form_entry (self, group, _("Author"), source != NULL ? source->author : NULL);
  self->date_row = form_entry (self, group, _("Date (YYYY-MM-DD)"), date);
  self->url_row = form_entry (self, group, _("Web Address"), source != NULL ? source->url : NULL);
  adw_preferences_page_add (page, group);

  adw_preferences_group_set_title (text_group, _("Text"));
  adw_preferences_group_set_description (text_group,
                                         _("A plain text file. It is copied into the “sources” folder beside the timeline, "
                                           "so that the timeline and its texts travel together."));
  self->file_row = adw_action_row_new ();
  g_ptr_array_add (self->form_rows, self->file_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Text File"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->file_row), FALSE);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->file_row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->file_row), choose);
  update_file_row (self);
  adw_preferences_group_add (text_group, self->file_row);
  adw_preferences_page_add (page, text_group);

  gtk_widget_grab_focus (self->title_vi_row);
}

/* Kinds */

/* "#rrggbb" or "#rgb", as the loader takes a colour. */
static gboolean
is_color (const char *text)
{
  GdkRGBA rgba;

  return text[0] == '#' && (strlen (text) == 4 || strlen (text) == 7) && gdk_rgba_parse (&rgba, text);
}

static gboolean
save_kind (DmSourcesDialog *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  guint n = dm_dataset_get_n_kinds (dataset);
  g_autoptr(DmKind) kind = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = entry_text (self->id_row);
  const char *color = entry_text (self->color_row);

  clear_problems (self);
  if (self->position > n)
    return FALSE;
  if (id == NULL)
    return show_problem (self, self->id_row, _("A kind needs an id."));
  if (color != NULL && !is_color (color))
    return show_problem (self, self->color_row, _("A colour is written “#rrggbb”, such as “#aa3355”."));

  kind = self->position < n ? dm_kind_copy (dm_dataset_get_kind (dataset, self->position)) : dm_kind_new ();
  g_free (kind->id);
  kind->id = g_strdup (id);
  dm_text_set (&kind->label, entry_text (self->title_vi_row), entry_text (self->title_en_row));
  g_free (kind->color);
  kind->color = g_strdup (color);

  if (!dm_edit_set_kind (self->edit, self->position, g_steal_pointer (&kind), &error))
    return show_problem (self, self->id_row, error->message);

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  return TRUE;
}

static void
color_set_cb (GtkColorButton  *button,
              DmSourcesDialog *self)
{
  GdkRGBA rgba;
  g_autofree char *text = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  text = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                          (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  gtk_editable_set_text (GTK_EDITABLE (self->color_row), text);
}

static void
show_kind_form (DmSourcesDialog *self,
                guint            position)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  gboolean adding = position >= dm_dataset_get_n_kinds (dataset);
  const DmKind *kind = adding ? NULL : dm_dataset_get_kind (dataset, position);
  AdwPreferencesPage *page = form_new (self, adding ? _("New Kind") : _("Edit Kind"), adding, save_kind);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *button = gtk_color_button_new ();
  GdkRGBA rgba;

  self->position = position;
  adw_preferences_group_set_title (group, _("Kind"));
  self->id_row = form_entry (self, group, _("Id"), kind != NULL ? kind->id : NULL);
  self->title_vi_row = form_entry (self, group, _("Label (Vietnamese)"), kind != NULL ? kind->label.vi : NULL);
  self->title_en_row = form_entry (self, group, _("Label (English)"), kind != NULL ? kind->label.en : NULL);
  self->color_row = form_entry (self, group, _("Colour (#rrggbb)"), kind != NULL ? kind->color : NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Colour"), -1);
  if (kind != NULL && kind->color != NULL && gdk_rgba_parse (&rgba, kind->color))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_signal_connect (button, "color-set", G_CALLBACK (color_set_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->color_row), button);
  adw_preferences_page_add (page, group);

  gtk_widget_grab_focus (adding ? self->id_row : self->title_vi_row);
}

static void
kind_edit_clicked (GtkWidget       *button,
                   DmSourcesDialog *self)
{
  show_kind_form (self, row_position (button));
}

static void
kind_add_clicked (GtkWidget       *button,
                  DmSourcesDialog *self)
{
  show_kind_form (self, dm_dataset_get_n_kinds (dm_edit_get_dataset (self->edit)));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const GdkRGBA *rgba = data;

  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
rebuild_kinds (DmSourcesDialog *self,
               DmLanguage       language)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);

  for (guint i = 0; i < dm_dataset_get_n_kinds (dataset); i++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, i);
      const char *label = dm_text_get (&kind->label, language);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove;
      GdkRGBA rgba;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label != NULL ? label : kind->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind->id);
      if (kind->color != NULL && gdk_rgba_parse (&rgba, kind->color))
        {
          GtkWidget *swatch = gtk_drawing_area_new ();

          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
          gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, gdk_rgba_copy (&rgba),
                                          (GDestroyNotify) gdk_rgba_free);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, "document-edit-symbolic", _("Edit Kind"),
                                             G_CALLBACK (kind_edit_clicked)));
      remove = row_button (self, i, "user-trash-symbolic", _("Remove Kind"), G_CALLBACK (remove_clicked));
      g_object_set_data (G_OBJECT (remove), "kind", GINT_TO_POINTER (TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->kinds_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
add_clicked (GtkWidget       *button,
             DmSourcesDialog *self)
{
  show_form (self, dm_dataset_get_n_sources (dm_edit_get_dataset (self->edit)));
}

/* Ctrl+Z and Shift+Ctrl+Z undo and redo here too. */
static gboolean
undo_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  DmSourcesDialog *self = DM_SOURCES_DIALOG (widget);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), g_variant_get_string (args, NULL), NULL);
  return TRUE;
}

/* A page of one group titled @title, with an Add button (@add_label). */
static AdwPreferencesGroup *
add_page (DmSourcesDialog *self,
          const char      *name,
          const char      *title,
          const char      *icon,
          const char      *add_label,
          GCallback        add_callback)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_header_suffix (group, row_button (self, 0, "list-add-symbolic", add_label, add_callback));
  adw_preferences_page_set_name (page, name);
  adw_preferences_page_set_title (page, title);
  adw_preferences_page_set_icon_name (page, icon);
  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  return group;
}

static void
dm_sources_dialog_dispose (GObject *object)
{
  DmSourcesDialog *self = DM_SOURCES_DIALOG (object);

  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (self->edit, self);
  g_clear_object (&self->edit);
  g_clear_weak_pointer (&self->window);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->chosen);
  g_clear_object (&self->form);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->form_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_sources_dialog_parent_class)->dispose (object);
}

static void
dm_sources_dialog_class_init (DmSourcesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_sources_dialog_dispose;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, undo_shortcut, "s", "win.undo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, undo_shortcut,
                                "s", "win.redo");
}

static void
dm_sources_dialog_init (DmSourcesDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->form_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Sources and Kinds"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  self->group = add_page (self, "sources", _("Sources"), "x-office-document-symbolic",
                          _("Add Source"), G_CALLBACK (add_clicked));
  self->kinds_group = add_page (self, "kinds", _("Kinds"), "view-list-symbolic",
                                _("Add Kind"), G_CALLBACK (kind_add_clicked));
  adw_preferences_group_set_description (self->kinds_group, _("Each kind of event has a lane of its own."));
}

DmSourcesDialog *
dm_sources_dialog_new (DmWindow *window,
                       DmEdit   *edit)
{
  DmSourcesDialog *self;

  g_return_val_if_fail (DM_IS_WINDOW (window), NULL);
  g_return_val_if_fail (DM_IS_EDIT (edit), NULL);

  self = g_object_new (DM_TYPE_SOURCES_DIALOG,
                       "transient-for", window,
                       "destroy-with-parent", TRUE,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->edit = g_object_ref (edit);
  g_signal_connect_swapped (edit, "changed", G_CALLBACK (rebuild), self);
  rebuild (self);
  return self;
}
