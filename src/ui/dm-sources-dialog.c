/* dm-sources-dialog.c — the timeline's sources, kinds and tags: add,
 * edit, remove, and show a source's text
 *
 * A tag is a word on events; the dataset may give it a label in both
 * languages. Removing a tag's label never takes the tag off its events
 * (they keep it, shown by its id), and the id of a tag that events have
 * stays as it is: only its labels change. A tag that events have but no
 * label names can be given one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-date.h"
#include "dm-html.h"
#include "dm-scene.h"
#include "dm-sources-dialog.h"
#include "dm-window-edit.h"

struct _DmSourcesDialog
{
  AdwPreferencesWindow parent_instance;

  DmWindow             *window;   /* weak */
  DmEdit               *edit;
  AdwPreferencesGroup  *group;
  AdwPreferencesGroup  *kinds_group;
  AdwPreferencesGroup  *tags_group;
  GPtrArray            *rows;     /* of the three groups */
  GHashTable           *tag_uses; /* tag → how many events have it */

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
  char                 *glyph;    /* of the kind edited; NULL: none */
  GPtrArray            *glyph_areas; /* drawn in the colour typed */
  char                 *tag_id;   /* of the tag edited, events have it */
  GtkWidget            *problem;
  GtkWidget            *form;     /* keeps the rows above */
  GtkWidget            *form_focus; /* in the form, focused as it shows */
  GtkWidget            *subpages; /* weak: the leaflet forms slide in */
  gulong                subpages_handler; /* a form waits for it */
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
static void rebuild_tags (DmSourcesDialog *self,
                          DmLanguage       language);
static void show_form (DmSourcesDialog *self,
                       guint            position);

/* @message is plain text: it may hold an id from the file, and a toast's
 * title is markup in libadwaita 1.2. */
static void
add_toast (DmSourcesDialog *self,
           const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
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

  if (g_object_get_data (G_OBJECT (button), "tag") != NULL)
    {
      DmDataset *dataset = dm_edit_get_dataset (self->edit);
      g_autofree char *id = g_strdup (dm_dataset_get_tag_label (dataset, position)->id);
      guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_uses, id));

      if (!dm_edit_set_tag_label (self->edit, position, NULL, &error))
        {
          add_toast (self, error->message);
          return;
        }
      if (uses == 0)
        add_toast (self, _("Tag removed (Ctrl+Z undoes it)"));
      else
        {
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Label removed: %u event keeps the tag “%s” (Ctrl+Z undoes it)",
                                                  "Label removed: %u events keep the tag “%s” (Ctrl+Z undoes it)",
                                                  uses),
                                     uses, id);
          add_toast (self, message);
        }
      return;
    }

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
  rebuild_tags (self, language);
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
  g_clear_pointer (&self->glyph, g_free);
  g_clear_pointer (&self->tag_id, g_free);
  g_ptr_array_set_size (self->glyph_areas, 0);
  g_clear_object (&self->chosen);
  g_clear_pointer (&self->file_name, g_free);

  /* Its name without the mnemonic's underscore, which GTK 4.8 reads. */
  {
    g_autoptr(GString) name = g_string_new (gtk_button_get_label (GTK_BUTTON (button)));

    g_string_replace (name, "_", "", 1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
  }
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  /* libadwaita 1.2 has no "window.close-subpage" action. */
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (adw_preferences_window_close_subpage), self);
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
  return ADW_PREFERENCES_PAGE (page);
}

static gboolean
subpages_sliding (DmSourcesDialog *self)
{
  return self->subpages != NULL
         && adw_leaflet_get_child_transition_running (ADW_LEAFLET (self->subpages));
}

static void
form_present (DmSourcesDialog *self)
{
  GtkWidget *parent;

  if (subpages_sliding (self))
    return;
  g_clear_signal_handler (&self->subpages_handler, self->subpages);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), self->form);
  parent = gtk_widget_get_parent (self->form);
  if (ADW_IS_LEAFLET (parent))
    g_set_weak_pointer (&self->subpages, parent);
  gtk_widget_grab_focus (self->form_focus);
}

/* Slides the form made last in, with @focus (in it) focused. A form
 * asked for while the last one still slides out (Add pressed right after
 * Save) waits for it to go: libadwaita 1.2 cuts that slide short, and
 * its end then removes every subpage but the one it thinks is shown,
 * the new one included, before reading the freed page. */
static void
form_show (DmSourcesDialog *self,
           GtkWidget       *focus)
{
  self->form_focus = focus;
  if (subpages_sliding (self))
    {
      if (self->subpages_handler == 0)
        self->subpages_handler = g_signal_connect_swapped (self->subpages, "notify::child-transition-running",
                                                           G_CALLBACK (form_present), self);
      return;
    }
  form_present (self);
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

  form_show (self, self->title_vi_row);
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
  g_free (kind->icon);
  kind->icon = g_strdup (self->glyph);

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

/* The colour a kind's glyph is shown in: @text, the kind's, or the
 * text's colour from the theme for a kind with none. */
static DmColor
glyph_color (GtkWidget  *widget,
             const char *text)
{
  GdkRGBA rgba;

  if (text == NULL || !is_color (text) || !gdk_rgba_parse (&rgba, text))
    /* GTK 4.8 has no gtk_widget_get_color() (as in dm-timeline-view.c). */
    gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  return (DmColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

/* A kind's glyph, as the lane's header shows it; the glyph's name is the
 * area's "glyph" (NULL: the generic one), its colour the "color" of
 * @data (a kind's), or, in the form, the colour typed. */
static void
draw_glyph_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  DmSourcesDialog *self = DM_SOURCES_DIALOG (data);
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  double size = MIN (width, height);
  DmColor rgba;

  if (self->color_row != NULL && g_object_get_data (G_OBJECT (area), "form") != NULL)
    color = gtk_editable_get_text (GTK_EDITABLE (self->color_row));
  rgba = glyph_color (GTK_WIDGET (area), color);
  dm_scene_draw_glyph (cr, g_object_get_data (G_OBJECT (area), "glyph"),
                       (width - size) / 2, (height - size) / 2, size, &rgba);
}

static GtkWidget *
glyph_area_new (DmSourcesDialog *self,
                const char      *glyph,
                int              size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (area), "glyph", g_strdup (glyph), g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_glyph_cb, self, NULL);
  return area;
}

/* A glyph's name for people: the glyphs of the render library, or its
 * file name for one this list does not know yet. */
static const char *
glyph_title (const char *glyph)
{
  static const struct { const char *name; const char *title; } titles[] = {
    { "forum", N_("Forum") },
    { "generic", N_("General") },
    { "meeting", N_("Meeting") },
    { "milestone", N_("Milestone") },
    { "mou", N_("Memorandum") },
    { "plan", N_("Plan") },
    { "resolution", N_("Resolution") },
  };

  if (glyph == NULL)
    return C_("glyph", "None");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].name, glyph))
      return _(titles[i].title);
  return glyph;
}

static void
glyph_toggled_cb (GtkToggleButton *button,
                  DmSourcesDialog *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->glyph);
  self->glyph = g_strdup (g_object_get_data (G_OBJECT (button), "glyph"));
}

static void
color_changed_cb (DmSourcesDialog *self)
{
  for (guint i = 0; i < self->glyph_areas->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->glyph_areas, i));
}

/* One toggle of the glyph chooser: the glyph drawn, its name below. */
static GtkWidget *
glyph_toggle_new (DmSourcesDialog *self,
                  const char      *glyph,
                  GtkToggleButton *group)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *area = glyph_area_new (self, glyph, 32);
  GtkWidget *label = gtk_label_new (glyph_title (glyph));
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;

  if (glyph == NULL)
    {
      name = g_strdup (_("No Glyph"));
      tooltip = g_strdup (_("No glyph of its own: the general one is shown"));
    }
  else
    {
      name = g_strdup_printf (_("Glyph: %s"), glyph_title (glyph));
      tooltip = g_strdup (name);
    }

  g_object_set_data (G_OBJECT (area), "form", GINT_TO_POINTER (TRUE));
  g_ptr_array_add (self->glyph_areas, area);
  gtk_box_append (GTK_BOX (box), area);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "glyph", g_strdup (glyph), g_free);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (glyph, self->glyph) == 0);
  g_signal_connect (button, "toggled", G_CALLBACK (glyph_toggled_cb), self);
  return button;
}

/* The glyphs the render library has, each shown, and "none"; a glyph
 * the kind names that the library lacks is kept, and offered too. */
static AdwPreferencesGroup *
glyph_group_new (DmSourcesDialog *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_flow_box_new ();
  g_auto(GStrv) glyphs = dm_scene_list_glyphs ();
  GtkWidget *none = glyph_toggle_new (self, NULL, NULL);
  gboolean known = self->glyph == NULL;

  adw_preferences_group_set_title (group, _("Glyph"));
  adw_preferences_group_set_description (group, _("Shown before the kind’s name, at the start of its lane."));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Glyph"), -1);

  gtk_flow_box_append (GTK_FLOW_BOX (box), none);
  for (guint i = 0; glyphs[i] != NULL; i++)
    {
      known |= g_strcmp0 (glyphs[i], self->glyph) == 0;
      gtk_flow_box_append (GTK_FLOW_BOX (box), glyph_toggle_new (self, glyphs[i], GTK_TOGGLE_BUTTON (none)));
    }
  if (!known)
    gtk_flow_box_append (GTK_FLOW_BOX (box), glyph_toggle_new (self, self->glyph, GTK_TOGGLE_BUTTON (none)));

  /* The flow box's cells would take focus before the buttons, with no
   * name for a screen reader: the buttons alone are the stops. */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  adw_preferences_group_add (group, box);
  return group;
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
  /* GtkColorButton's own button, which takes the focus, has no name. */
  if (GTK_IS_BUTTON (gtk_widget_get_first_child (button)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Colour"), -1);
  if (kind != NULL && kind->color != NULL && gdk_rgba_parse (&rgba, kind->color))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_signal_connect (button, "color-set", G_CALLBACK (color_set_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->color_row), button);
  adw_preferences_page_add (page, group);

  self->glyph = kind != NULL ? g_strdup (kind->icon) : NULL;
  g_signal_connect_swapped (self->color_row, "changed", G_CALLBACK (color_changed_cb), self);
  adw_preferences_page_add (page, glyph_group_new (self));

  form_show (self, adding ? self->id_row : self->title_vi_row);
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
rebuild_kinds (DmSourcesDialog *self,
               DmLanguage       language)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);

  for (guint i = 0; i < dm_dataset_get_n_kinds (dataset); i++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, i);
      const char *label = dm_text_get (&kind->label, language);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *glyph = glyph_area_new (self, kind->icon, 16);
      GtkWidget *remove;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label != NULL ? label : kind->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind->id);
      /* The glyph in the kind's colour, as its lane's header has it. */
      g_object_set_data_full (G_OBJECT (glyph), "color", g_strdup (kind->color), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), glyph);
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

/* Tags */

/* How many events have each tag. */
static GHashTable *
count_tag_uses (DmDataset *dataset)
{
  GHashTable *uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      for (guint t = 0; event->tags != NULL && t < event->tags->len; t++)
        {
          const char *tag = g_ptr_array_index (event->tags, t);
          gpointer count = g_hash_table_lookup (uses, tag);

          g_hash_table_replace (uses, g_strdup (tag), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
        }
    }
  return uses;
}

static gboolean
tag_id_taken (DmDataset  *dataset,
              guint       position,
              const char *id)
{
  for (guint i = 0; i < dm_dataset_get_n_tag_labels (dataset); i++)
    if (i != position && g_strcmp0 (dm_dataset_get_tag_label (dataset, i)->id, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
save_tag (DmSourcesDialog *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  guint n = dm_dataset_get_n_tag_labels (dataset);
  g_autoptr(DmTag) tag = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = self->tag_id != NULL ? self->tag_id : entry_text (self->id_row);
  const char *vi = entry_text (self->title_vi_row);
  const char *en = entry_text (self->title_en_row);

  clear_problems (self);
  if (self->position > n)
    return FALSE;
  if (id == NULL)
    return show_problem (self, self->id_row, _("A tag needs an id."));
  if (tag_id_taken (dataset, self->position, id))
    return show_problem (self, self->id_row, _("Another tag already has this id."));
  if (vi == NULL && en == NULL)
    return show_problem (self, self->title_vi_row, _("A tag needs a label, in Vietnamese or in English."));

  tag = self->position < n ? dm_tag_copy (dm_dataset_get_tag_label (dataset, self->position)) : dm_tag_new ();
  g_free (tag->id);
  tag->id = g_strdup (id);
  dm_text_set (&tag->label, vi, en);

  if (!dm_edit_set_tag_label (self->edit, self->position, g_steal_pointer (&tag), &error))
    return show_problem (self, self->id_row, error->message);

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  return TRUE;
}

/* The form of the tag label at @position (the count: a new one), for the
 * tag @id (NULL: typed in the form). */
static void
show_tag_form (DmSourcesDialog *self,
               guint            position,
               const char      *id)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  gboolean adding = position >= dm_dataset_get_n_tag_labels (dataset);
  const DmTag *tag = adding ? NULL : dm_dataset_get_tag_label (dataset, position);
  AdwPreferencesPage *page = form_new (self, adding ? _("New Tag") : _("Edit Tag"), adding, save_tag);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  guint uses;

  if (tag != NULL)
    id = tag->id;
  uses = id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_uses, id)) : 0;

  self->position = position;
  adw_preferences_group_set_title (group, _("Tag"));
  self->id_row = form_entry (self, group, _("Id"), id);
  /* Events have the tag by its id: it stays, and only its labels change. */
  if (uses > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "An event has this tag: its id stays as it is.",
                                                            "%u events have this tag: its id stays as it is.",
                                                            uses),
                                               uses);

      self->tag_id = g_strdup (id);
      gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
      adw_preferences_group_set_description (group, note);
    }
  self->title_vi_row = form_entry (self, group, _("Label (Vietnamese)"), tag != NULL ? tag->label.vi : NULL);
  self->title_en_row = form_entry (self, group, _("Label (English)"), tag != NULL ? tag->label.en : NULL);
  adw_preferences_page_add (page, group);

  form_show (self, id == NULL ? self->id_row : self->title_vi_row);
}

static void
tag_edit_clicked (GtkWidget       *button,
                  DmSourcesDialog *self)
{
  show_tag_form (self, row_position (button), g_object_get_data (G_OBJECT (button), "tag-id"));
}

static void
tag_add_clicked (GtkWidget       *button,
                 DmSourcesDialog *self)
{
  show_tag_form (self, dm_dataset_get_n_tag_labels (dm_edit_get_dataset (self->edit)), NULL);
}

static GtkWidget *
tag_row_new (const char *title,
             const char *id,
             guint       uses)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  if (uses == 0)
    subtitle = g_strdup_printf (_("%s · no event has it"), id);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u event", "%s · %u events", uses), id, uses);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The tags the dataset labels, in its order, then those that events have
 * with no label, which can be given one. */
static void
rebuild_tags (DmSourcesDialog *self,
              DmLanguage       language)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  GPtrArray *tags = dm_dataset_get_tags (dataset);
  guint n = dm_dataset_get_n_tag_labels (dataset);

  g_clear_pointer (&self->tag_uses, g_hash_table_unref);
  self->tag_uses = count_tag_uses (dataset);

  for (guint i = 0; i < n; i++)
    {
      const DmTag *tag = dm_dataset_get_tag_label (dataset, i);
      const char *label = dm_text_get (&tag->label, language);
      GtkWidget *row = tag_row_new (label != NULL ? label : tag->id, tag->id,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_uses, tag->id)));
      GtkWidget *remove;

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, i, "document-edit-symbolic", _("Edit Tag"),
                                             G_CALLBACK (tag_edit_clicked)));
      remove = row_button (self, i, "user-trash-symbolic", _("Remove Tag Label"), G_CALLBACK (remove_clicked));
      g_object_set_data (G_OBJECT (remove), "tag", GINT_TO_POINTER (TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->rows, row);
    }

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const char *id = g_ptr_array_index (tags, i);
      GtkWidget *row;
      GtkWidget *label;

      if (dm_dataset_lookup_tag_label (dataset, id) != NULL)
        continue;
      row = tag_row_new (id, id, GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_uses, id)));
      label = row_button (self, n, "document-edit-symbolic", _("Give a Label"), G_CALLBACK (tag_edit_clicked));
      g_object_set_data_full (G_OBJECT (label), "tag-id", g_strdup (id), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->rows, row);
    }

  adw_preferences_group_set_description (self->tags_group,
                                         n == 0 && (tags == NULL || tags->len == 0)
                                         ? _("The timeline has no tags yet.")
                                         : _("Removing a tag’s label leaves the tag on its events."));
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
  if (self->subpages != NULL)
    g_clear_signal_handler (&self->subpages_handler, self->subpages);
  g_clear_weak_pointer (&self->subpages);
  g_clear_object (&self->form);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->form_rows, g_ptr_array_unref);
  g_clear_pointer (&self->glyph_areas, g_ptr_array_unref);
  g_clear_pointer (&self->tag_uses, g_hash_table_unref);
  g_clear_pointer (&self->glyph, g_free);
  g_clear_pointer (&self->tag_id, g_free);

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
  self->glyph_areas = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Sources, Kinds and Tags"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  self->group = add_page (self, "sources", _("Sources"), "x-office-document-symbolic",
                          _("Add Source"), G_CALLBACK (add_clicked));
  self->kinds_group = add_page (self, "kinds", _("Kinds"), "view-list-symbolic",
                                _("Add Kind"), G_CALLBACK (kind_add_clicked));
  adw_preferences_group_set_description (self->kinds_group, _("Each kind of event has a lane of its own."));
  self->tags_group = add_page (self, "tags", _("Tags"), "user-bookmarks-symbolic",
                               _("Add Tag"), G_CALLBACK (tag_add_clicked));
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
