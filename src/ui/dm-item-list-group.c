/* dm-item-list-group.c
 *
 * Each item is an AdwExpanderRow: its title says what the item is, its
 * trash button removes it, and it opens on a row per field. Below, in a
 * list of their own, the rows that add an item: Enter in one of them adds
 * what they hold. Every change goes through the editor that owns the
 * group, which checks it as the loader would and shows the problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-item-list-group.h"

#define MAX_FIELDS 6

typedef struct
{
  GtkWidget *expander;
  GtkWidget *rows[MAX_FIELDS];    /* what shows a field's problem */
  GtkWidget *inputs[MAX_FIELDS];  /* an AdwEntryRow, a GtkSwitch or a GtkTextView */
} ItemRows;

struct _DmItemListGroup
{
  AdwPreferencesGroup    parent_instance;

  const DmItemListSpec  *spec;
  const DmItemListOwner *iface;
  gpointer               owner;
  GPtrArray             *items;   /* ItemRows* */
  GtkWidget             *add_list;
  GtkWidget             *add_rows[MAX_FIELDS];
  GtkWidget             *add_inputs[MAX_FIELDS];
};

G_DEFINE_FINAL_TYPE (DmItemListGroup, dm_item_list_group, ADW_TYPE_PREFERENCES_GROUP)

/* Problems */

void
dm_set_row_problem (GtkWidget  *row,
                    const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Values */

static GPtrArray **
items_of (const DmItemListSpec *spec,
          DmEvent              *event)
{
  return G_STRUCT_MEMBER_P (event, spec->offset);
}

/* The field's value in @item as text, never NULL. */
static char *
field_get (const DmItemField *field,
           gconstpointer      item)
{
  gpointer at = G_STRUCT_MEMBER_P ((gpointer) item, field->offset);
  const char *text = NULL;

  switch (field->value)
    {
    case DM_ITEM_VALUE_STRING:
      text = *(char **) at;
      break;
    case DM_ITEM_VALUE_TEXT_VI:
      text = ((DmText *) at)->vi;
      break;
    case DM_ITEM_VALUE_TEXT_EN:
      text = ((DmText *) at)->en;
      break;
    case DM_ITEM_VALUE_BOOLEAN:
      text = *(gboolean *) at ? "true" : "";
      break;
    case DM_ITEM_VALUE_CUSTOM:
    default:
      return field->get (item);
    }

  return g_strdup (text != NULL ? text : "");
}

/* Sets the field in @item from @text; an empty text is no text. Returns
 * NULL, or what is wrong with @text. */
static char *
field_set (const DmItemField *field,
           gpointer           item,
           const char        *text)
{
  gpointer at = G_STRUCT_MEMBER_P (item, field->offset);
  char **slot;

  switch (field->value)
    {
    case DM_ITEM_VALUE_STRING:
      slot = at;
      break;
    case DM_ITEM_VALUE_TEXT_VI:
      slot = &((DmText *) at)->vi;
      break;
    case DM_ITEM_VALUE_TEXT_EN:
      slot = &((DmText *) at)->en;
      break;
    case DM_ITEM_VALUE_BOOLEAN:
      *(gboolean *) at = text[0] != '\0';
      return NULL;
    case DM_ITEM_VALUE_CUSTOM:
    default:
      return field->set (item, text);
    }

  g_free (*slot);
  *slot = text[0] != '\0' ? g_strdup (text) : NULL;
  return NULL;
}

static char *
input_get_text (GtkWidget *input)
{
  if (GTK_IS_SWITCH (input))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (input)) ? "true" : "");
  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
input_set_text (GtkWidget  *input,
                const char *text)
{
  if (GTK_IS_SWITCH (input))
    gtk_switch_set_active (GTK_SWITCH (input), text[0] != '\0');
  else if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

static char *
field_path (DmItemListGroup *self,
            guint            index,
            guint            field)
{
  return g_strdup_printf ("%s[%u].%s", self->spec->member, index, self->spec->fields[field].member);
}

/* The form to the event */

static void
input_changed (DmItemListGroup *self,
               GtkWidget       *input)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (input), "dm-item"));
  guint f = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (input), "dm-field"));
  const DmItemField *field = &self->spec->fields[f];
  DmEvent *copy = self->iface != NULL ? self->iface->copy_event (self->owner) : NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  GPtrArray *items;
  gpointer item;

  if (copy == NULL)
    return;
  items = *items_of (self->spec, copy);
  if (items == NULL || index >= items->len)
    {
      dm_event_free (copy);
      return;
    }

  item = g_ptr_array_index (items, index);
  before = field_get (field, item);
  text = input_get_text (input);
  problem = field_set (field, item, text);
  if (problem != NULL)
    {
      g_autofree char *path = field_path (self, index, f);

      dm_event_free (copy);
      self->iface->show_problem (self->owner, path, problem);
      return;
    }

  /* The same value written another way ("2000." for 2000.0, a line
   * being started): nothing to change, but a problem typed may be gone. */
  after = field_get (field, item);
  if (g_str_equal (before, after))
    {
      self->iface->show_checked (self->owner, copy);
      return;
    }

  /* Typing is one step; a switch turned is a step of its own. */
  if (field->value == DM_ITEM_VALUE_BOOLEAN)
    self->iface->close_step (self->owner);
  self->iface->apply (self->owner, copy, self->spec->field);
  if (field->value == DM_ITEM_VALUE_BOOLEAN)
    self->iface->close_step (self->owner);
}

static void
entry_changed_cb (GtkEditable     *editable,
                  DmItemListGroup *self)
{
  input_changed (self, GTK_WIDGET (editable));
}

static void
switch_changed_cb (GtkSwitch       *input,
                   GParamSpec      *pspec,
                   DmItemListGroup *self)
{
  input_changed (self, GTK_WIDGET (input));
}

static void
buffer_changed_cb (GtkTextBuffer   *buffer,
                   DmItemListGroup *self)
{
  input_changed (self, g_object_get_data (G_OBJECT (buffer), "dm-input"));
}

/* Leaving a field ends its step of undo. */
static void
focus_left_cb (GtkEventControllerFocus *controller,
               DmItemListGroup         *self)
{
  if (self->iface != NULL)
    self->iface->close_step (self->owner);
}

static void
remove_cb (GtkButton       *button,
           DmItemListGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dm-item"));
  DmEvent *copy = self->iface->copy_event (self->owner);
  GPtrArray **items;
  guint n;

  if (copy == NULL)
    return;
  items = items_of (self->spec, copy);
  if (*items == NULL || index >= (*items)->len)
    {
      dm_event_free (copy);
      return;
    }

  g_ptr_array_remove_index (*items, index);
  if ((*items)->len == 0)
    g_clear_pointer (items, g_ptr_array_unref);
  self->iface->close_step (self->owner);
  if (!self->iface->apply (self->owner, copy, self->spec->field))
    return;
  self->iface->close_step (self->owner);

  /* The button is gone: the focus goes to the item now there, or to
   * the rows that add one. */
  n = self->items->len;
  if (n > 0)
    gtk_widget_grab_focus (((ItemRows *) g_ptr_array_index (self->items, MIN (index, n - 1)))->expander);
  else
    for (guint f = 0; f < self->spec->n_fields; f++)
      if (self->add_inputs[f] != NULL)
        {
          gtk_widget_grab_focus (self->add_inputs[f]);
          break;
        }
}

/* Enter in a row that adds: an item of what they hold. */
static void
add_cb (GtkWidget       *row,
        DmItemListGroup *self)
{
  const DmItemListSpec *spec = self->spec;
  gboolean typed = FALSE;
  DmEvent *copy;
  GPtrArray **items;
  gpointer item;
  guint n;

  for (guint f = 0; f < spec->n_fields; f++)
    if (self->add_inputs[f] != NULL)
      typed |= gtk_editable_get_text (GTK_EDITABLE (self->add_inputs[f]))[0] != '\0';
  if (!typed || (copy = self->iface->copy_event (self->owner)) == NULL)
    return;

  items = items_of (spec, copy);
  n = *items != NULL ? (*items)->len : 0;
  item = spec->item_new ();
  for (guint f = 0; f < spec->n_fields; f++)
    {
      g_autofree char *problem = NULL;

      if (self->add_inputs[f] == NULL)
        continue;
      problem = field_set (&spec->fields[f], item, gtk_editable_get_text (GTK_EDITABLE (self->add_inputs[f])));
      if (problem != NULL)
        {
          g_autofree char *path = field_path (self, n, f);

          spec->item_free (item);
          dm_event_free (copy);
          self->iface->show_problem (self->owner, path, problem);
          return;
        }
    }

  if (*items == NULL)
    *items = g_ptr_array_new_with_free_func (spec->item_free);
  g_ptr_array_add (*items, item);
  self->iface->close_step (self->owner);
  if (!self->iface->apply (self->owner, copy, spec->field))
    return;
  self->iface->close_step (self->owner);

  /* Added: the rows are cleared for the next one. */
  for (guint f = 0; f < spec->n_fields; f++)
    if (self->add_inputs[f] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (self->add_inputs[f]), "");
}

/* Rows */

static void
watch_focus (DmItemListGroup *self,
             GtkWidget       *input)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_left_cb), self, 0);
  gtk_widget_add_controller (input, focus);
}

/* A row titled @title for @field; @input gets what holds its value. */
static GtkWidget *
make_field_row (DmItemListGroup   *self,
                const DmItemField *field,
                const char        *title,
                GtkWidget        **input)
{
  GtkWidget *row;

  if (field->value == DM_ITEM_VALUE_BOOLEAN)
    {
      row = adw_action_row_new ();
      *input = gtk_switch_new ();
      gtk_widget_set_valign (*input, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (*input), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), *input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *input);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  else if (field->lines)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (title);
      GtkWidget *frame = gtk_frame_new (NULL);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 12, NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      *input = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (*input), GTK_WRAP_WORD_CHAR);
      /* Tab moves on, as in the other fields. */
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (*input), FALSE);
      /* Items apart, where a long one wraps. */
      g_object_set (*input, "top-margin", 6, "bottom-margin", 6, "left-margin", 6, "right-margin", 6,
                    "pixels-above-lines", 4, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (*input), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (*input), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_frame_set_child (GTK_FRAME (frame), *input);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (*input))), "dm-input", *input);
      watch_focus (self, *input);
    }
  else
    {
      row = *input = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* Ctrl+Z undoes the timeline's edits, not the entry's own. */
      gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
      watch_focus (self, *input);
    }

  return row;
}

static void
describe (DmItemListGroup *self,
          ItemRows        *rows,
          gconstpointer    item)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  self->spec->describe (item, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (rows->expander), subtitle != NULL ? subtitle : "");
}

static ItemRows *
make_item (DmItemListGroup *self,
           guint            index,
           gconstpointer    item)
{
  const DmItemListSpec *spec = self->spec;
  ItemRows *rows = g_new0 (ItemRows, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = spec->remove_name (index + 1);

  rows->expander = adw_expander_row_new ();
  /* The dataset's text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
  describe (self, rows, item);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (remove), "dm-item", GUINT_TO_POINTER (index));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (rows->expander), remove);

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const DmItemField *field = &spec->fields[f];
      g_autofree char *text = field_get (field, item);
      GtkWidget *input;

      rows->rows[f] = make_field_row (self, field, _(field->title), &input);
      rows->inputs[f] = input;
      input_set_text (input, text);
      g_object_set_data (G_OBJECT (input), "dm-item", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (input), "dm-field", GUINT_TO_POINTER (f));
      if (GTK_IS_SWITCH (input))
        g_signal_connect_object (input, "notify::active", G_CALLBACK (switch_changed_cb), self, 0);
      else if (GTK_IS_TEXT_VIEW (input))
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "changed",
                                 G_CALLBACK (buffer_changed_cb), self, 0);
      else
        g_signal_connect_object (input, "changed", G_CALLBACK (entry_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander), rows->rows[f]);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), rows->expander);
  return rows;
}

/* The fields of @rows from @item, leaving alone those that hold its value
 * already, written another way or being typed. */
static void
refresh_item (DmItemListGroup *self,
              ItemRows        *rows,
              gconstpointer    item)
{
  describe (self, rows, item);

  for (guint f = 0; f < self->spec->n_fields; f++)
    {
      const DmItemField *field = &self->spec->fields[f];
      g_autofree char *want = field_get (field, item);
      g_autofree char *shown = input_get_text (rows->inputs[f]);
      gpointer scratch = self->spec->item_copy (item);
      g_autofree char *problem = field_set (field, scratch, shown);
      g_autofree char *have = problem == NULL ? field_get (field, scratch) : NULL;

      if (have == NULL || !g_str_equal (have, want))
        input_set_text (rows->inputs[f], want);
      self->spec->item_free (scratch);
    }
}

static void
item_rows_free (ItemRows *rows)
{
  g_free (rows);
}

/* GObject */

static void
dm_item_list_group_dispose (GObject *object)
{
  DmItemListGroup *self = DM_ITEM_LIST_GROUP (object);

  self->iface = NULL;
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_item_list_group_parent_class)->dispose (object);
}

static void
dm_item_list_group_class_init (DmItemListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_item_list_group_dispose;
}

static void
dm_item_list_group_init (DmItemListGroup *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_rows_free);
}

/* Public API */

void
dm_item_list_group_setup (DmItemListGroup       *self,
                          const DmItemListSpec  *spec,
                          const DmItemListOwner *owner_iface,
                          gpointer               owner)
{
  g_return_if_fail (DM_IS_ITEM_LIST_GROUP (self));
  g_return_if_fail (self->spec == NULL);
  g_return_if_fail (spec->n_fields <= MAX_FIELDS);

  self->spec = spec;
  self->iface = owner_iface;
  self->owner = owner;

  self->add_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->add_list, "boxed-list");
  /* Apart from the items: these rows are not one of them. */
  gtk_widget_set_margin_top (self->add_list, 12);
  for (guint f = 0; f < spec->n_fields; f++)
    {
      const DmItemField *field = &spec->fields[f];

      if (field->add_title == NULL)
        continue;
      /* Only texts of one line are typed to add. */
      g_return_if_fail (field->value != DM_ITEM_VALUE_BOOLEAN && !field->lines);
      self->add_rows[f] = make_field_row (self, field, _(field->add_title), &self->add_inputs[f]);
      g_signal_connect_object (self->add_inputs[f], "entry-activated", G_CALLBACK (add_cb), self, 0);
      gtk_list_box_append (GTK_LIST_BOX (self->add_list), self->add_rows[f]);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->add_list);
}

void
dm_item_list_group_update (DmItemListGroup *self,
                           const DmEvent   *event)
{
  GPtrArray *items;
  guint n;

  g_return_if_fail (DM_IS_ITEM_LIST_GROUP (self));
  g_return_if_fail (self->spec != NULL);

  items = *items_of (self->spec, (DmEvent *) event);
  n = items != NULL ? items->len : 0;

  if (n == self->items->len)
    {
      for (guint i = 0; i < n; i++)
        refresh_item (self, g_ptr_array_index (self->items, i), g_ptr_array_index (items, i));
      return;
    }

  for (guint i = 0; i < self->items->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), ((ItemRows *) g_ptr_array_index (self->items, i))->expander);
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, make_item (self, i, g_ptr_array_index (items, i)));
}

GtkWidget *
dm_item_list_group_row_for_path (DmItemListGroup *self,
                                 const char      *path)
{
  gsize length;
  guint64 index;
  char *end = NULL;
  const char *rest;

  g_return_val_if_fail (DM_IS_ITEM_LIST_GROUP (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  length = strlen (self->spec->member);
  if (strncmp (path, self->spec->member, length) != 0 || (path[length] != '[' && path[length] != '\0'))
    return NULL;
  if (path[length] == '\0')
    return GTK_WIDGET (self);

  index = g_ascii_strtoull (path + length + 1, &end, 10);
  if (end == path + length + 1 || *end != ']')
    return GTK_WIDGET (self);
  rest = end[1] == '.' ? end + 2 : end + 1;

  for (guint f = 0; f < self->spec->n_fields; f++)
    {
      gsize member = strlen (self->spec->fields[f].member);

      if (strncmp (rest, self->spec->fields[f].member, member) != 0 || strchr ("[.", rest[member]) == NULL)
        continue;
      if (index < self->items->len)
        {
          ItemRows *rows = g_ptr_array_index (self->items, index);

          /* Open, so that the problem is seen. */
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (rows->expander), TRUE);
          return rows->rows[f];
        }
      if (index == self->items->len && self->add_rows[f] != NULL)
        return self->add_rows[f];
    }

  if (index < self->items->len)
    return ((ItemRows *) g_ptr_array_index (self->items, index))->expander;
  return GTK_WIDGET (self);
}

GPtrArray *
dm_item_list_group_get_rows (DmItemListGroup *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_return_val_if_fail (DM_IS_ITEM_LIST_GROUP (self), rows);

  for (guint i = 0; i < self->items->len; i++)
    {
      ItemRows *item = g_ptr_array_index (self->items, i);

      g_ptr_array_add (rows, item->expander);
      for (guint f = 0; f < self->spec->n_fields; f++)
        g_ptr_array_add (rows, item->rows[f]);
    }
  for (guint f = 0; f < MAX_FIELDS; f++)
    if (self->add_rows[f] != NULL)
      g_ptr_array_add (rows, self->add_rows[f]);

  return rows;
}
