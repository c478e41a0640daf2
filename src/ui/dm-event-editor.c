/* dm-event-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-date-phrase.h"
#include "dm-event-editor.h"
#include "dm-item-list-group.h"

struct _DmEventEditor
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *title_group;
  AdwPreferencesGroup  *date_group;
  AdwPreferencesGroup  *dates_group;
  AdwPreferencesGroup  *about_group;
  AdwPreferencesGroup  *citations_group;
  AdwPreferencesGroup  *related_group;
  DmItemListGroup      *actors_group;
  DmItemListGroup      *figures_group;
  DmItemListGroup      *lists_group;
  DmItemListGroup      *links_group;
  AdwComboRow          *related_type;
  AdwEntryRow          *related_add;
  AdwComboRow          *citation_source;
  AdwEntryRow          *citation_translation;
  AdwEntryRow          *citation_quote;
  GStrv                 source_ids;     /* of citation_source's items */
  GtkFlowBox           *dates_box;
  AdwEntryRow          *title_vi;
  AdwEntryRow          *title_en;
  AdwEntryRow          *start;
  AdwComboRow          *bound;
  AdwEntryRow          *end;
  AdwComboRow          *certainty;
  AdwEntryRow          *reason_vi;
  AdwEntryRow          *reason_en;
  AdwEntryRow          *summary_vi;
  AdwEntryRow          *summary_en;
  AdwEntryRow          *place_vi;
  AdwEntryRow          *place_en;
  AdwComboRow          *kind;
  AdwEntryRow          *tags;
  AdwEntryRow          *id;

  DmEdit               *edit;
  char                 *event_id;
  GPtrArray            *citation_rows;
  GPtrArray            *related_rows;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (DmEventEditor, dm_event_editor, ADW_TYPE_WINDOW)

/* The text fields: where each keeps its text and which field of the
 * format it is, for the merging of typing and for the problems. */
typedef struct
{
  gsize         offset;   /* of the AdwEntryRow* in DmEventEditor */
  DmEventField  field;
  const char   *path;     /* the problems' path of the member */
} TextField;

static const TextField text_fields[] = {
  { G_STRUCT_OFFSET (DmEventEditor, title_vi), DM_EVENT_FIELD_TITLE_VI, "title" },
  { G_STRUCT_OFFSET (DmEventEditor, title_en), DM_EVENT_FIELD_TITLE_EN, "title" },
  { G_STRUCT_OFFSET (DmEventEditor, reason_vi), DM_EVENT_FIELD_CERTAINTY_REASON_VI, "certainty" },
  { G_STRUCT_OFFSET (DmEventEditor, reason_en), DM_EVENT_FIELD_CERTAINTY_REASON_EN, "certainty" },
  { G_STRUCT_OFFSET (DmEventEditor, summary_vi), DM_EVENT_FIELD_SUMMARY_VI, "summary" },
  { G_STRUCT_OFFSET (DmEventEditor, summary_en), DM_EVENT_FIELD_SUMMARY_EN, "summary" },
  { G_STRUCT_OFFSET (DmEventEditor, place_vi), DM_EVENT_FIELD_PLACE_VI, "place" },
  { G_STRUCT_OFFSET (DmEventEditor, place_en), DM_EVENT_FIELD_PLACE_EN, "place" },
};

#define ROW_AT(self, offset) (*(AdwEntryRow **) G_STRUCT_MEMBER_P ((self), (offset)))

static const DmEvent *
current_event (DmEventEditor *self)
{
  return dm_dataset_lookup_event (dm_edit_get_dataset (self->edit), self->event_id, NULL);
}

/* Problems */

/* The groups of the parts of an event that are lists of items. */
#define ITEM_GROUPS(self) { (self)->actors_group, (self)->figures_group, (self)->lists_group, (self)->links_group }

/* The row a problem's path names. */
static GtkWidget *
row_for_path (DmEventEditor *self,
              const char    *path)
{
  DmItemListGroup *item_groups[] = ITEM_GROUPS (self);

  for (guint g = 0; g < G_N_ELEMENTS (item_groups); g++)
    {
      GtkWidget *row = dm_item_list_group_row_for_path (item_groups[g], path);

      if (row != NULL)
        return row;
    }
  if (g_str_has_prefix (path, "title"))
    return GTK_WIDGET (self->title_vi);
  if (g_str_has_prefix (path, "start"))
    return GTK_WIDGET (self->start);
  if (g_str_has_prefix (path, "end"))
    return GTK_WIDGET (self->end);
  if (g_str_has_prefix (path, "kind"))
    return GTK_WIDGET (self->kind);
  if (g_str_has_prefix (path, "id"))
    return GTK_WIDGET (self->id);
  if (g_str_has_prefix (path, "citations"))
    return GTK_WIDGET (self->citations_group);
  if (g_str_has_prefix (path, "related"))
    return GTK_WIDGET (self->related_add);
  return GTK_WIDGET (self->about_group);
}

/* Shows @problems at their fields, and the message of each in its
 * group's description; NULL clears them. */
static void
show_problems (DmEventEditor *self,
               GPtrArray     *problems)
{
  AdwPreferencesGroup *groups[] = {
    self->title_group, self->date_group, self->about_group, self->related_group, self->citations_group,
    ADW_PREFERENCES_GROUP (self->actors_group), ADW_PREFERENCES_GROUP (self->figures_group),
    ADW_PREFERENCES_GROUP (self->lists_group), ADW_PREFERENCES_GROUP (self->links_group),
  };
  DmItemListGroup *item_groups[] = ITEM_GROUPS (self);
  GtkWidget *rows[] = {
    GTK_WIDGET (self->title_vi), GTK_WIDGET (self->start), GTK_WIDGET (self->end),
    GTK_WIDGET (self->kind), GTK_WIDGET (self->id), GTK_WIDGET (self->related_add),
  };
  GString *texts[G_N_ELEMENTS (groups)] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    dm_set_row_problem (rows[i], NULL);
  for (guint g = 0; g < G_N_ELEMENTS (item_groups); g++)
    {
      g_autoptr(GPtrArray) item_rows = dm_item_list_group_get_rows (item_groups[g]);

      for (guint i = 0; i < item_rows->len; i++)
        dm_set_row_problem (g_ptr_array_index (item_rows, i), NULL);
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = row_for_path (self, problem->path);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      g_autofree char *message = g_strdup (problem->message);

      /* The first letter up: the message stands alone here. */
      if (message[0] != '\0' && g_ascii_islower (message[0]))
        message[0] = g_ascii_toupper (message[0]);
      if (!ADW_IS_PREFERENCES_GROUP (row))
        dm_set_row_problem (row, message);
      if (ADW_IS_PREFERENCES_GROUP (row))
        group = row;
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        if (group == GTK_WIDGET (groups[g]))
          {
            if (texts[g] == NULL)
              texts[g] = g_string_new (NULL);
            else
              g_string_append_c (texts[g], '\n');
            g_string_append (texts[g], message);
          }
    }

  /* Descriptions are markup in AdwPreferencesGroup: escaped. */
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *escaped = texts[g] != NULL ? g_markup_escape_text (texts[g]->str, -1) : NULL;

      adw_preferences_group_set_description (groups[g], escaped);
      if (texts[g] != NULL)
        g_string_free (texts[g], TRUE);
    }
}

/* Applies @event (taken), a change of @field, if it passes the checks;
 * shows the problems otherwise. Returns whether it applied. */
static gboolean
apply (DmEventEditor *self,
       DmEvent       *event,
       DmEventField   field)
{
  g_autoptr(GPtrArray) problems = dm_edit_check_event (self->edit, event, self->event_id);
  g_autofree char *new_id = NULL;

  show_problems (self, problems);
  if (problems->len > 0)
    {
      dm_event_free (event);
      return FALSE;
    }

  new_id = g_strdup (event->id);
  if (!dm_edit_change_event (self->edit, self->event_id, event, field, NULL))
    g_return_val_if_reached (FALSE);
  g_free (self->event_id);
  self->event_id = g_steal_pointer (&new_id);
  return TRUE;
}

/* A problem with what is typed at @path, which the checks of the event
 * cannot see: it does not reach the event. */
static void
show_problem (DmEventEditor *self,
              const char    *path,
              const char    *message)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);

  g_ptr_array_add (problems, dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_VALUE, path, message));
  show_problems (self, problems);
}

/* A copy of the event to change, or NULL while the form is being filled
 * from it or when it is gone. */
static DmEvent *
copy_to_change (DmEventEditor *self)
{
  const DmEvent *live = current_event (self);

  return self->updating || live == NULL ? NULL : dm_event_copy (live);
}

/* Actors, figures, lists and links: what their groups ask of the editor */

static DmEvent *
owner_copy_event (gpointer owner)
{
  return copy_to_change (owner);
}

static gboolean
owner_apply (gpointer      owner,
             DmEvent      *event,
             DmEventField  field)
{
  return apply (owner, event, field);
}

static void
owner_show_problem (gpointer    owner,
                    const char *path,
                    const char *message)
{
  show_problem (owner, path, message);
}

static void
owner_show_checked (gpointer  owner,
                    DmEvent  *event)
{
  DmEventEditor *self = owner;
  g_autoptr(GPtrArray) problems = dm_edit_check_event (self->edit, event, self->event_id);

  dm_event_free (event);
  show_problems (self, problems);
}

static void
owner_close_step (gpointer owner)
{
  DmEventEditor *self = owner;

  if (self->edit != NULL)
    dm_edit_close_step (self->edit);
}

static const DmItemListOwner item_list_owner = {
  owner_copy_event, owner_apply, owner_show_problem, owner_show_checked, owner_close_step,
};

static void
describe_actor (gconstpointer   item,
                char          **title,
                char          **subtitle)
{
  const DmActor *actor = item;

  *title = g_strdup (actor->name != NULL && actor->name[0] != '\0' ? actor->name : _("Actor"));
  *subtitle = g_strdup (dm_text_get (&actor->role, DM_LANGUAGE_VI));
}

static char *
remove_actor_name (guint number)
{
  return g_strdup_printf (_("Remove actor %u"), number);
}

static const DmItemField actor_fields[] = {
  { N_("Name"), N_("New actor: name (Enter adds it)"), "name",
    DM_ITEM_VALUE_STRING, G_STRUCT_OFFSET (DmActor, name) },
  { N_("Role in Vietnamese"), N_("New actor: role in Vietnamese"), "role",
    DM_ITEM_VALUE_TEXT_VI, G_STRUCT_OFFSET (DmActor, role) },
  { N_("Role in English"), N_("New actor: role in English"), "role",
    DM_ITEM_VALUE_TEXT_EN, G_STRUCT_OFFSET (DmActor, role) },
  { N_("Name as printed in the source, probably wrong there"), NULL, "as_printed",
    DM_ITEM_VALUE_BOOLEAN, G_STRUCT_OFFSET (DmActor, as_printed) },
};

static const DmItemListSpec actor_spec = {
  "actors", G_STRUCT_OFFSET (DmEvent, actors), DM_EVENT_FIELD_ACTORS,
  (gpointer (*) (void)) dm_actor_new, (gpointer (*) (gconstpointer)) dm_actor_copy, (GDestroyNotify) dm_actor_free,
  describe_actor, remove_actor_name, actor_fields, G_N_ELEMENTS (actor_fields),
};

static char *
figure_value_get (gconstpointer item)
{
  return dm_figure_value_to_text (item);
}

static char *
figure_value_set (gpointer    item,
                  const char *text)
{
  return dm_figure_set_value_text (item, text);
}

static void
describe_figure (gconstpointer   item,
                 char          **title,
                 char          **subtitle)
{
  const DmFigure *figure = item;
  const char *label = dm_text_get (&figure->label, DM_LANGUAGE_VI);
  const char *display = dm_text_get (&figure->display, DM_LANGUAGE_VI);

  *title = g_strdup (label[0] != '\0' ? label : _("Figure"));
  *subtitle = display[0] != '\0' ? g_strdup (display) : dm_figure_value_to_text (figure);
}

static char *
remove_figure_name (guint number)
{
  return g_strdup_printf (_("Remove figure %u"), number);
}

static const DmItemField figure_fields[] = {
  { N_("What is counted, in Vietnamese"), N_("New figure: what is counted, in Vietnamese"), "label",
    DM_ITEM_VALUE_TEXT_VI, G_STRUCT_OFFSET (DmFigure, label) },
  { N_("What is counted, in English"), N_("New figure: what is counted, in English"), "label",
    DM_ITEM_VALUE_TEXT_EN, G_STRUCT_OFFSET (DmFigure, label) },
  { N_("Number"), N_("New figure: number (Enter adds it)"), "value",
    DM_ITEM_VALUE_CUSTOM, 0, FALSE, figure_value_get, figure_value_set },
  { N_("The number as the text words it, in Vietnamese"), NULL, "display",
    DM_ITEM_VALUE_TEXT_VI, G_STRUCT_OFFSET (DmFigure, display) },
  { N_("The number as the text words it, in English"), NULL, "display",
    DM_ITEM_VALUE_TEXT_EN, G_STRUCT_OFFSET (DmFigure, display) },
};

static const DmItemListSpec figure_spec = {
  "figures", G_STRUCT_OFFSET (DmEvent, figures), DM_EVENT_FIELD_FIGURES,
  (gpointer (*) (void)) dm_figure_new, (gpointer (*) (gconstpointer)) dm_figure_copy, (GDestroyNotify) dm_figure_free,
  describe_figure, remove_figure_name, figure_fields, G_N_ELEMENTS (figure_fields),
};

/* A list's items in one language, one a line. */
static char *
list_items_get (const DmList *list,
                gboolean      english)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < list->items->len; i++)
    {
      const DmText *item = g_ptr_array_index (list->items, i);
      const char *line = english ? item->en : item->vi;

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line != NULL ? line : "");
    }

  return g_string_free (text, FALSE);
}

/* Line i is the text of item i in that language; the items' other texts
 * are kept. A line being started at the end is not an item yet, and items
 * left with no text at the end are gone. */
static char *
list_items_set (DmList     *list,
                const char *text,
                gboolean    english)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < MAX (n, list->items->len); i++)
    {
      DmText *item;
      char **slot;

      if (i == list->items->len)
        g_ptr_array_add (list->items, g_new0 (DmText, 1));
      item = g_ptr_array_index (list->items, i);
      slot = english ? &item->en : &item->vi;
      g_free (*slot);
      *slot = i < n && lines[i][0] != '\0' ? g_strdup (lines[i]) : NULL;
    }
  while (list->items->len > 0 &&
         dm_text_is_empty (g_ptr_array_index (list->items, list->items->len - 1)) &&
         ((DmText *) g_ptr_array_index (list->items, list->items->len - 1))->extra == NULL)
    g_ptr_array_remove_index (list->items, list->items->len - 1);

  return NULL;
}

static char *
list_items_vi_get (gconstpointer item)
{
  return list_items_get (item, FALSE);
}

static char *
list_items_vi_set (gpointer    item,
                   const char *text)
{
  return list_items_set (item, text, FALSE);
}

static char *
list_items_en_get (gconstpointer item)
{
  return list_items_get (item, TRUE);
}

static char *
list_items_en_set (gpointer    item,
                   const char *text)
{
  return list_items_set (item, text, TRUE);
}

static void
describe_list (gconstpointer   item,
               char          **title,
               char          **subtitle)
{
  const DmList *list = item;
  const char *label = dm_text_get (&list->label, DM_LANGUAGE_VI);

  *title = g_strdup (label[0] != '\0' ? label : _("List"));
  *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", list->items->len),
                               list->items->len);
}

static char *
remove_list_name (guint number)
{
  return g_strdup_printf (_("Remove list %u"), number);
}

static const DmItemField list_fields[] = {
  { N_("What is listed, in Vietnamese"), N_("New list: what is listed, in Vietnamese (Enter adds it)"), "label",
    DM_ITEM_VALUE_TEXT_VI, G_STRUCT_OFFSET (DmList, label) },
  { N_("What is listed, in English"), N_("New list: what is listed, in English"), "label",
    DM_ITEM_VALUE_TEXT_EN, G_STRUCT_OFFSET (DmList, label) },
  { N_("Items in Vietnamese, one a line"), NULL, "items",
    DM_ITEM_VALUE_CUSTOM, 0, TRUE, list_items_vi_get, list_items_vi_set },
  { N_("Items in English, one a line, in the same order"), NULL, "items",
    DM_ITEM_VALUE_CUSTOM, 0, TRUE, list_items_en_get, list_items_en_set },
};

static const DmItemListSpec list_spec = {
  "lists", G_STRUCT_OFFSET (DmEvent, lists), DM_EVENT_FIELD_LISTS,
  (gpointer (*) (void)) dm_list_new, (gpointer (*) (gconstpointer)) dm_list_copy, (GDestroyNotify) dm_list_free,
  describe_list, remove_list_name, list_fields, G_N_ELEMENTS (list_fields),
};

static void
describe_link (gconstpointer   item,
               char          **title,
               char          **subtitle)
{
  const DmLink *link = item;
  const char *text = dm_text_get (&link->title, DM_LANGUAGE_VI);

  *title = g_strdup (text[0] != '\0' ? text : link->url != NULL && link->url[0] != '\0' ? link->url : _("Link"));
  *subtitle = g_strdup (text[0] != '\0' ? link->url : NULL);
}

static char *
remove_link_name (guint number)
{
  return g_strdup_printf (_("Remove link %u"), number);
}

static const DmItemField link_fields[] = {
  { N_("Address (http or https)"), N_("New link: address, http or https (Enter adds it)"), "url",
    DM_ITEM_VALUE_STRING, G_STRUCT_OFFSET (DmLink, url) },
  { N_("What it leads to, in Vietnamese"), N_("New link: what it leads to, in Vietnamese"), "title",
    DM_ITEM_VALUE_TEXT_VI, G_STRUCT_OFFSET (DmLink, title) },
  { N_("What it leads to, in English"), N_("New link: what it leads to, in English"), "title",
    DM_ITEM_VALUE_TEXT_EN, G_STRUCT_OFFSET (DmLink, title) },
};

static const DmItemListSpec link_spec = {
  "links", G_STRUCT_OFFSET (DmEvent, links), DM_EVENT_FIELD_LINKS,
  (gpointer (*) (void)) dm_link_new, (gpointer (*) (gconstpointer)) dm_link_copy, (GDestroyNotify) dm_link_free,
  describe_link, remove_link_name, link_fields, G_N_ELEMENTS (link_fields),
};

/* Fields to the form */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
date_text (const DmDate *date)
{
  return dm_date_is_set (date) ? dm_date_to_iso (date) : g_strdup ("");
}

static void
remove_citation_cb (GtkButton     *button,
                    DmEventEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dm-citation-index"));
  const DmEvent *live = current_event (self);
  DmEvent *copy;

  if (live == NULL || live->citations == NULL || index >= live->citations->len)
    return;

  copy = dm_event_copy (live);
  g_ptr_array_remove_index (copy->citations, index);
  if (copy->citations->len == 0)
    g_clear_pointer (&copy->citations, g_ptr_array_unref);
  apply (self, copy, DM_EVENT_FIELD_NONE);
}

static void
update_citations (DmEventEditor *self,
                  const DmEvent *event)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);

  for (guint i = 0; i < self->citation_rows->len; i++)
    adw_preferences_group_remove (self->citations_group, g_ptr_array_index (self->citation_rows, i));
  g_ptr_array_set_size (self->citation_rows, 0);

  for (guint i = 0; event->citations != NULL && i < event->citations->len; i++)
    {
      const DmCitation *citation = g_ptr_array_index (event->citations, i);
      const DmSource *source = dm_dataset_lookup_source (dataset, citation->source);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = NULL;

      /* The dataset's text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), citation->quote != NULL ? citation->quote : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   source != NULL ? dm_text_get (&source->title, DM_LANGUAGE_VI) : citation->source);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      name = g_strdup_printf (_("Remove quote %u"), i + 1);
      gtk_widget_set_tooltip_text (remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (remove), "dm-citation-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_citation_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->citations_group, row);
      g_ptr_array_add (self->citation_rows, row);
    }

  adw_preferences_group_set_title (self->citations_group,
                                   self->citation_rows->len > 0 ? _("Quotes from the Sources") : _("No Quotes from the Sources"));
}

static void
remove_relation_cb (GtkButton     *button,
                    DmEventEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dm-relation-index"));
  DmEvent *copy = copy_to_change (self);

  if (copy == NULL)
    return;
  if (copy->related == NULL || index >= copy->related->len)
    {
      dm_event_free (copy);
      return;
    }
  g_ptr_array_remove_index (copy->related, index);
  if (copy->related->len == 0)
    g_clear_pointer (&copy->related, g_ptr_array_unref);
  apply (self, copy, DM_EVENT_FIELD_NONE);
}

/* Enter in the quote row (or its translation) cites the source chosen. */
static void
add_citation_cb (AdwEntryRow   *row,
                 DmEventEditor *self)
{
  const char *quote = gtk_editable_get_text (GTK_EDITABLE (self->citation_quote));
  const char *translation = gtk_editable_get_text (GTK_EDITABLE (self->citation_translation));
  guint source = adw_combo_row_get_selected (self->citation_source);
  DmCitation *citation;
  DmEvent *copy;

  if (quote[0] == '\0' || self->source_ids == NULL || source >= g_strv_length (self->source_ids) ||
      (copy = copy_to_change (self)) == NULL)
    return;

  citation = dm_citation_new ();
  citation->source = g_strdup (self->source_ids[source]);
  citation->quote = g_strdup (quote);
  if (translation[0] != '\0')
    citation->translation.en = g_strdup (translation);
  if (copy->citations == NULL)
    copy->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
  g_ptr_array_add (copy->citations, citation);
  dm_edit_close_step (self->edit);
  apply (self, copy, DM_EVENT_FIELD_CITATIONS);
  dm_edit_close_step (self->edit);
  /* Added: the rows are cleared for the next one. */
  gtk_editable_set_text (GTK_EDITABLE (self->citation_quote), "");
  gtk_editable_set_text (GTK_EDITABLE (self->citation_translation), "");
}

/* Enter in the id row relates the event to that one. */
static void
add_relation_cb (AdwEntryRow   *row,
                 DmEventEditor *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (row));
  guint type = adw_combo_row_get_selected (self->related_type);
  DmEvent *copy;
  DmRelation *relation;

  if (id[0] == '\0' || type == GTK_INVALID_LIST_POSITION || (copy = copy_to_change (self)) == NULL)
    return;

  relation = dm_relation_new ();
  relation->event = g_strdup (id);
  relation->relation = g_strdup (dm_relation_get_names ()[type]);
  if (copy->related == NULL)
    copy->related = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_relation_free);
  g_ptr_array_add (copy->related, relation);
  dm_edit_close_step (self->edit);
  apply (self, copy, DM_EVENT_FIELD_RELATED);
  dm_edit_close_step (self->edit);
  /* Added: the row is cleared for the next one. */
  if (current_event (self) != NULL && !gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
update_relations (DmEventEditor *self,
                  const DmEvent *event)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);

  for (guint i = 0; i < self->related_rows->len; i++)
    adw_preferences_group_remove (self->related_group, g_ptr_array_index (self->related_rows, i));
  g_ptr_array_set_size (self->related_rows, 0);

  for (guint i = 0; event->related != NULL && i < event->related->len; i++)
    {
      const DmRelation *relation = g_ptr_array_index (event->related, i);
      const DmEvent *other = dm_dataset_lookup_event (dataset, relation->event, NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = g_strdup_printf (_("Remove relation %u"), i + 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     other != NULL ? dm_text_get (&other->title, DM_LANGUAGE_VI) : relation->event);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), relation->relation);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (remove), "dm-relation-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_relation_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->related_group, row);
      g_ptr_array_add (self->related_rows, row);
    }
}

static void
update_form (DmEventEditor *self)
{
  const DmEvent *event = current_event (self);
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *tags = NULL;
  guint kind = GTK_INVALID_LIST_POSITION;

  if (event == NULL)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    set_entry (ROW_AT (self, text_fields[i].offset),
               *dm_event_field_get_text_slot ((DmEvent *) event, text_fields[i].field));

  start = date_text (&event->start);
  end = date_text (&event->end);
  set_entry (self->start, start);
  set_entry (self->end, end);
  adw_combo_row_set_selected (self->bound, event->start_bound);
  adw_combo_row_set_selected (self->certainty, event->certainty);
  set_entry (self->id, event->id);

  if (event->tags != NULL)
    {
      g_ptr_array_add (event->tags, NULL);
      tags = g_strjoinv (", ", (char **) event->tags->pdata);
      g_ptr_array_remove_index (event->tags, event->tags->len - 1);
    }
  set_entry (self->tags, tags);

  for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
    if (g_strcmp0 (dm_dataset_get_kind (dataset, k)->id, event->kind) == 0)
      kind = k;
  adw_combo_row_set_selected (self->kind, kind);

  update_citations (self, event);
  update_relations (self, event);
  dm_item_list_group_update (self->actors_group, event);
  dm_item_list_group_update (self->figures_group, event);
  dm_item_list_group_update (self->lists_group, event);
  dm_item_list_group_update (self->links_group, event);
  show_problems (self, NULL);
  self->updating = FALSE;
}

/* The sources a quote may be added from. */
static void
fill_sources (DmEventEditor *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < dm_dataset_get_n_sources (dataset); i++)
    {
      const DmSource *source = dm_dataset_get_source (dataset, i);
      const char *title = dm_text_get (&source->title, DM_LANGUAGE_VI);

      gtk_string_list_append (titles, title != NULL && title[0] != '\0' ? title : source->id);
      g_strv_builder_add (ids, source->id);
    }
  g_strfreev (self->source_ids);
  self->source_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->citation_source, G_LIST_MODEL (titles));
}

static void
fill_kinds (DmEventEditor *self)
{
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);
      const char *label = dm_text_get (&kind->label, DM_LANGUAGE_VI);

      gtk_string_list_append (kinds, label[0] != '\0' ? label : kind->id);
    }
  adw_combo_row_set_model (self->kind, G_LIST_MODEL (kinds));
}

/* The form to the event */


static void
text_changed_cb (AdwEntryRow   *row,
                 DmEventEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  DmEvent *copy = copy_to_change (self);

  if (copy == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (ROW_AT (self, text_fields[i].offset) == row)
      {
        char **slot = dm_event_field_get_text_slot (copy, text_fields[i].field);

        g_free (*slot);
        *slot = text[0] != '\0' ? g_strdup (text) : NULL;
        /* A reason is written in the object form of the certainty. */
        if (text_fields[i].field == DM_EVENT_FIELD_CERTAINTY_REASON_VI ||
            text_fields[i].field == DM_EVENT_FIELD_CERTAINTY_REASON_EN)
          copy->certainty_form = DM_CERTAINTY_FORM_OBJECT;
        apply (self, copy, text_fields[i].field);
        return;
      }

  dm_event_free (copy);
  g_return_if_reached ();
}

static void
date_changed_cb (AdwEntryRow   *row,
                 DmEventEditor *self)
{
  const DmEvent *live = current_event (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean is_start = row == self->start;
  g_autoptr(GError) error = NULL;
  DmEvent *copy;
  DmDate date = { 0 };

  if (self->updating || live == NULL)
    return;

  /* The date parser's messages say what is wrong ("February 2021 has 28
   * days, not 30"): shown at the field, never in a dialog. */
  if (text[0] != '\0' && !dm_date_parse (text, &date, &error))
    {
      show_problem (self, is_start ? "start" : "end", error->message);
      return;
    }

  copy = dm_event_copy (live);
  if (is_start)
    copy->start = date;
  else
    copy->end = date;
  apply (self, copy, is_start ? DM_EVENT_FIELD_START : DM_EVENT_FIELD_END);
}

static void
id_changed_cb (AdwEntryRow   *row,
               DmEventEditor *self)
{
  DmEvent *copy = copy_to_change (self);

  if (copy == NULL)
    return;

  g_free (copy->id);
  copy->id = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  apply (self, copy, DM_EVENT_FIELD_ID);
}

static void
tags_changed_cb (AdwEntryRow   *row,
                 DmEventEditor *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  DmEvent *copy = copy_to_change (self);

  if (copy == NULL)
    return;

  g_clear_pointer (&copy->tags, g_ptr_array_unref);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (tag[0] == '\0')
        continue;
      if (copy->tags == NULL)
        copy->tags = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (copy->tags, g_strdup (tag));
    }
  apply (self, copy, DM_EVENT_FIELD_TAGS);
}

static void
choice_changed_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   DmEventEditor *self)
{
  const DmEvent *live = current_event (self);
  guint selected = adw_combo_row_get_selected (row);
  DmDataset *dataset = dm_edit_get_dataset (self->edit);
  DmEvent *copy;
  DmEventField field;

  if (self->updating || live == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  copy = dm_event_copy (live);
  if (row == self->bound)
    {
      copy->start_bound = (guint8) selected;
      field = DM_EVENT_FIELD_BOUND;
    }
  else if (row == self->certainty)
    {
      copy->certainty = (DmCertainty) selected;
      field = DM_EVENT_FIELD_CERTAINTY;
    }
  else
    {
      g_free (copy->kind);
      copy->kind = g_strdup (dm_dataset_get_kind (dataset, selected)->id);
      field = DM_EVENT_FIELD_KIND;
    }

  /* A choice is a step of its own, not part of typing. */
  dm_edit_close_step (self->edit);
  apply (self, copy, field);
  dm_edit_close_step (self->edit);
}

/* Leaving a field ends its step of undo. */
static void
focus_left_cb (GtkEventControllerFocus *controller,
               DmEventEditor           *self)
{
  /* Also as the editor goes. */
  if (self->edit != NULL)
    dm_edit_close_step (self->edit);
}

static void
edit_changed_cb (DmEventEditor *self)
{
  if (current_event (self) == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  update_form (self);
}

static void
date_chosen_cb (GtkButton     *button,
                DmEventEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->start), g_object_get_data (G_OBJECT (button), "dm-iso"));
  dm_edit_close_step (self->edit);
}

/* Undo and redo */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmEventEditor *self = DM_EVENT_EDITOR (widget);

  if (g_str_equal (action_name, "editor.undo"))
    dm_edit_undo (self->edit);
  else
    dm_edit_redo (self->edit);
}

/* GObject */

/* Typing starts in the title: in its text, which grabbing the row's
 * focus (not setting the window's) gives. */
static void
dm_event_editor_map (GtkWidget *widget)
{
  DmEventEditor *self = DM_EVENT_EDITOR (widget);

  GTK_WIDGET_CLASS (dm_event_editor_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_vi));
}

static void
dm_event_editor_dispose (GObject *object)
{
  DmEventEditor *self = DM_EVENT_EDITOR (object);

  if (self->edit != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->edit, self);
      dm_edit_close_step (self->edit);
    }
  g_clear_object (&self->edit);
  g_clear_pointer (&self->citation_rows, g_ptr_array_unref);
  g_clear_pointer (&self->related_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_EVENT_EDITOR);

  G_OBJECT_CLASS (dm_event_editor_parent_class)->dispose (object);
}

static void
dm_event_editor_finalize (GObject *object)
{
  DmEventEditor *self = DM_EVENT_EDITOR (object);

  g_free (self->event_id);
  g_strfreev (self->source_ids);

  G_OBJECT_CLASS (dm_event_editor_parent_class)->finalize (object);
}

static void
dm_event_editor_class_init (DmEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_event_editor_dispose;
  object_class->finalize = dm_event_editor_finalize;
  widget_class->map = dm_event_editor_map;

  g_type_ensure (DM_TYPE_ITEM_LIST_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, actors_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, figures_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, lists_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, links_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, title_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, date_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, dates_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, about_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, citations_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, related_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, related_type);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, related_add);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, citation_source);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, citation_translation);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, citation_quote);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, dates_box);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, title_vi);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, title_en);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, start);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, bound);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, end);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, certainty);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, reason_vi);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, reason_en);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, summary_vi);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, summary_en);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, place_vi);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, place_en);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, kind);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, tags);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, id);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
watch_entry (DmEventEditor *self,
             AdwEntryRow   *row,
             GCallback      callback)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  /* Ctrl+Z undoes the timeline's edits, not the entry's own. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  g_signal_connect_object (row, "changed", callback, self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_left_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
dm_event_editor_init (DmEventEditor *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Z undoes the timeline's edits, before a text field takes it as
   * its own. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("editor.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->citation_rows = g_ptr_array_new ();
  self->related_rows = g_ptr_array_new ();
  {
    g_autoptr(GtkStringList) types = gtk_string_list_new ((const char * const *) dm_relation_get_names ());

    adw_combo_row_set_model (self->related_type, G_LIST_MODEL (types));
  }
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->related_add), FALSE);
  g_signal_connect_object (self->related_add, "entry-activated", G_CALLBACK (add_relation_cb), self, 0);
  g_signal_connect_object (self->citation_quote, "entry-activated", G_CALLBACK (add_citation_cb), self, 0);
  g_signal_connect_object (self->citation_translation, "entry-activated", G_CALLBACK (add_citation_cb), self, 0);

  dm_item_list_group_setup (self->actors_group, &actor_spec, &item_list_owner, self);
  dm_item_list_group_setup (self->figures_group, &figure_spec, &item_list_owner, self);
  dm_item_list_group_setup (self->lists_group, &list_spec, &item_list_owner, self);
  dm_item_list_group_setup (self->links_group, &link_spec, &item_list_owner, self);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    watch_entry (self, ROW_AT (self, text_fields[i].offset), G_CALLBACK (text_changed_cb));
  watch_entry (self, self->start, G_CALLBACK (date_changed_cb));
  watch_entry (self, self->end, G_CALLBACK (date_changed_cb));
  watch_entry (self, self->id, G_CALLBACK (id_changed_cb));
  watch_entry (self, self->tags, G_CALLBACK (tags_changed_cb));
  g_signal_connect_object (self->bound, "notify::selected", G_CALLBACK (choice_changed_cb), self, 0);
  g_signal_connect_object (self->certainty, "notify::selected", G_CALLBACK (choice_changed_cb), self, 0);
  g_signal_connect_object (self->kind, "notify::selected", G_CALLBACK (choice_changed_cb), self, 0);
}

DmEventEditor *
dm_event_editor_new (GtkWindow  *parent,
                     DmEdit     *edit,
                     const char *event_id)
{
  DmEventEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DM_IS_EDIT (edit), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  self = g_object_new (DM_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->edit = g_object_ref (edit);
  self->event_id = g_strdup (event_id);
  g_signal_connect_object (edit, "changed", G_CALLBACK (edit_changed_cb), self, G_CONNECT_SWAPPED);

  self->updating = TRUE;
  fill_kinds (self);
  fill_sources (self);
  self->updating = FALSE;
  update_form (self);


  return self;
}

const char *
dm_event_editor_get_event_id (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), NULL);

  return self->event_id;
}

void
dm_event_editor_offer_dates (DmEventEditor *self,
                             const char    *text)
{
  g_autoptr(GArray) phrases = NULL;
  GtkWidget *child;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  g_return_if_fail (text != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dates_box))) != NULL)
    gtk_flow_box_remove (self->dates_box, child);

  phrases = dm_date_phrases_find (text);
  for (guint i = 0; i < phrases->len; i++)
    {
      const DmDatePhrase *phrase = &g_array_index (phrases, DmDatePhrase, i);
      g_autofree char *phrase_text = g_strndup (text + phrase->start, phrase->end - phrase->start);
      g_autofree char *label = g_strdup_printf (_("Use “%s”"), phrase_text);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_label_set_use_markup (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), FALSE);
      g_object_set_data_full (G_OBJECT (button), "dm-iso", dm_date_to_iso (&phrase->date), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (date_chosen_cb), self, 0);
      gtk_flow_box_append (self->dates_box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->dates_group), phrases->len > 0);
}
