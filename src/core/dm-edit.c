/* dm-edit.c
 *
 * Every change is a command that holds the version of one thing (an
 * event, a kind, a source, a tag label, the title) that is *not* in the
 * dataset: applying the command swaps it with the one that is, so undo
 * and redo are the same operation and no copy is made after the first.
 * A step of undo is a list of commands; typing in one field of one event
 * replaces the event again under the same step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-edit.h"


typedef enum
{
  TARGET_EVENT,
  TARGET_KIND,
  TARGET_SOURCE,
  TARGET_TAG,
  TARGET_TITLE,
} Target;

typedef struct _DmEdit DmEdit;

typedef struct
{
  DmEdit       *owner;     /* not a reference: commands die with it */
  Target        target;
  DmEventField  field;
  gpointer      stored;    /* the version out of the dataset, or NULL */
  char         *live_id;   /* events: the id of the version in it, or NULL */
  guint         position;  /* kinds, sources, tags */
  gboolean      live;      /* kinds, sources, tags: whether one is at @position */
} Command;

struct _DmEdit
{
  GObject     parent_instance;

  DmDataset  *dataset;
  GPtrArray  *undo;          /* GPtrArray of Command*, a step each */
  GPtrArray  *redo;
  GPtrArray  *group;         /* the step being grouped, or NULL */
  guint       group_depth;
  guint       saved_depth;   /* undo->len when saved; G_MAXUINT when lost */
  char       *changed_event;
  gboolean    merge_open;

  /* What the change under way did to the events' positions, in the
   * terms of GListModel::items-changed (dm_edit_get_changed_range()). */
  guint       range_position;
  guint       range_removed;
  guint       range_added;
  gboolean    range_empty;     /* no event taken out or put in yet */
  gboolean    range_known;     /* nothing but events changed */

  /* While a worker reads the events (dm_edit_hold_events()), those an
   * edit lets go are kept here. */
  guint       holds;
  GPtrArray  *held;
};

G_DEFINE_FINAL_TYPE (DmEdit, dm_edit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGING,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Commands */

/* An event out of the dataset, freed unless a worker may still read it. */
static void
free_event (DmEdit  *self,
            DmEvent *event)
{
  if (self != NULL && self->holds > 0)
    g_ptr_array_add (self->held, event);
  else
    dm_event_free (event);
}

static void
command_free (gpointer data)
{
  Command *command = data;

  if (command->stored != NULL)
    {
      switch (command->target)
        {
        case TARGET_EVENT:
          free_event (command->owner, command->stored);
          break;
        case TARGET_KIND:
          dm_kind_free (command->stored);
          break;
        case TARGET_SOURCE:
          dm_source_free (command->stored);
          break;
        case TARGET_TAG:
          dm_tag_free (command->stored);
          break;
        case TARGET_TITLE:
          dm_text_clear (command->stored);
          g_free (command->stored);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_free (command->live_id);
  g_free (command);
}

static GPtrArray *
step_new (void)
{
  return g_ptr_array_new_with_free_func (command_free);
}

/* The range of positions a change touched, kept as the change takes
 * events out and puts them in, each at a position of the dataset as it
 * is at that moment. Positions before the range and after it are as they
 * were before the change (shifted by what it added or removed); so it
 * grows to hold each position touched, and an insertion adds to it, a
 * removal takes from it. */
static void
begin_change (DmEdit *self)
{
  self->range_position = 0;
  self->range_removed = 0;
  self->range_added = 0;
  self->range_empty = TRUE;
  self->range_known = TRUE;
  g_signal_emit (self, signals[CHANGING], 0);
}

/* Grows the range to hold [@first, @end) of the dataset as it is now. */
static void
range_cover (DmEdit *self,
             guint   first,
             guint   end)
{
  if (self->range_empty)
    {
      self->range_position = first;
      self->range_removed = self->range_added = end - first;
      self->range_empty = FALSE;
      return;
    }
  if (first < self->range_position)
    {
      guint more = self->range_position - first;

      self->range_position = first;
      self->range_removed += more;
      self->range_added += more;
    }
  if (end > self->range_position + self->range_added)
    {
      guint more = end - (self->range_position + self->range_added);

      self->range_removed += more;
      self->range_added += more;
    }
}

static DmEvent *
steal_event (DmEdit *self,
             guint   position)
{
  range_cover (self, position, position + 1);
  self->range_added--;
  return dm_dataset_steal_event (self->dataset, position);
}

static void
insert_event (DmEdit  *self,
              DmEvent *event)
{
  guint position = dm_dataset_insert_event (self->dataset, event);

  /* Where it went, between the events now at position - 1 and position
   * + 1. */
  range_cover (self, position, position);
  self->range_added++;
}

static void
set_changed_event (DmEdit     *self,
                   const char *id)
{
  if (id != self->changed_event)
    {
      g_free (self->changed_event);
      self->changed_event = g_strdup (id);
    }
}

/* Swaps the command's version with the dataset's. */
static void
command_swap (DmEdit  *self,
              Command *command)
{
  gpointer out = NULL;

  switch (command->target)
    {
    case TARGET_EVENT:
      if (command->live_id != NULL)
        {
          guint position;

          if (dm_dataset_lookup_event (self->dataset, command->live_id, &position) == NULL)
            g_assert_not_reached ();
          out = steal_event (self, position);
        }
      g_clear_pointer (&command->live_id, g_free);
      if (command->stored != NULL)
        {
          command->live_id = g_strdup (((DmEvent *) command->stored)->id);
          insert_event (self, command->stored);
        }
      set_changed_event (self, command->live_id);
      break;

    case TARGET_KIND:
      if (command->live)
        out = dm_dataset_steal_kind (self->dataset, command->position);
      if (command->stored != NULL)
        dm_dataset_insert_kind (self->dataset, command->position, command->stored);
      break;

    case TARGET_SOURCE:
      if (command->live)
        out = dm_dataset_steal_source (self->dataset, command->position);
      if (command->stored != NULL)
        dm_dataset_insert_source (self->dataset, command->position, command->stored);
      break;

    case TARGET_TAG:
      if (command->live)
        out = dm_dataset_steal_tag_label (self->dataset, command->position);
      if (command->stored != NULL)
        dm_dataset_insert_tag_label (self->dataset, command->position, command->stored);
      break;

    case TARGET_TITLE:
      self->range_known = FALSE;
      dm_dataset_swap_title (self->dataset, command->stored);
      return;

    default:
      g_assert_not_reached ();
    }

  if (command->target != TARGET_EVENT)
    {
      self->range_known = FALSE;
      command->live = command->stored != NULL;
      set_changed_event (self, NULL);
    }
  command->stored = out;
}

static void
notify_state (DmEdit   *self,
              gboolean  could_undo,
              gboolean  could_redo,
              gboolean  was_modified)
{
  if (could_undo != dm_edit_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != dm_edit_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != dm_edit_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Applies @command (taken) and records it for undo. */
static void
run (DmEdit  *self,
     Command *command)
{
  gboolean could_undo = dm_edit_can_undo (self);
  gboolean could_redo = dm_edit_can_redo (self);
  gboolean was_modified = dm_edit_get_modified (self);

  command->owner = self;
  begin_change (self);
  command_swap (self, command);

  if (self->group != NULL)
    g_ptr_array_add (self->group, command);
  else
    {
      GPtrArray *step = step_new ();

      g_ptr_array_add (step, command);
      g_ptr_array_add (self->undo, step);
    }

  /* What was redoable is gone; so is the saved state if it was there. */
  if (self->saved_depth != G_MAXUINT && self->saved_depth > self->undo->len - (self->group == NULL ? 1 : 0))
    self->saved_depth = G_MAXUINT;
  g_ptr_array_set_size (self->redo, 0);
  self->merge_open = command->target == TARGET_EVENT && command->field != DM_EVENT_FIELD_NONE;

  notify_state (self, could_undo, could_redo, was_modified);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Typing: replaces the event the last step made with @event, when the
 * last step changed the same field of the same event. */
static gboolean
merge (DmEdit       *self,
       const char   *id,
       DmEvent      *event,
       DmEventField  field)
{
  GPtrArray *top;
  Command *command;
  guint position;

  if (!self->merge_open || field == DM_EVENT_FIELD_NONE || self->group != NULL ||
      self->undo->len == 0 || self->saved_depth == self->undo->len)
    return FALSE;

  top = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (top->len != 1)
    return FALSE;
  command = g_ptr_array_index (top, 0);
  if (command->target != TARGET_EVENT || command->field != field ||
      g_strcmp0 (command->live_id, id) != 0)
    return FALSE;

  if (dm_dataset_lookup_event (self->dataset, id, &position) == NULL)
    return FALSE;

  begin_change (self);
  free_event (self, steal_event (self, position));
  g_free (command->live_id);
  command->live_id = g_strdup (event->id);
  insert_event (self, event);
  set_changed_event (self, event->id);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/* GObject */

static void
dm_edit_finalize (GObject *object)
{
  DmEdit *self = (DmEdit *) object;

  g_clear_pointer (&self->group, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->changed_event, g_free);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_edit_parent_class)->finalize (object);
}

static void
dm_edit_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DmEdit *self = DM_EDIT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dm_edit_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dm_edit_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, dm_edit_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_edit_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DmEdit *self = DM_EDIT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_edit_class_init (DmEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_edit_finalize;
  object_class->get_property = dm_edit_get_property;
  object_class->set_property = dm_edit_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         DM_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmEdit::changing:
   *
   * The dataset is about to change: views that count its events or hold
   * positions in it let go of it until "changed".
   */
  signals[CHANGING] =
    g_signal_new ("changing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * DmEdit::changed:
   *
   * The dataset changed: an edit, an undo or a redo. The views read it
   * again; dm_edit_get_changed_event() names the event it was about.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dm_edit_init (DmEdit *self)
{
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_event_free);
  self->range_empty = TRUE;
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

DmEdit *
dm_edit_new (DmDataset *dataset)
{
  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  return g_object_new (DM_TYPE_EDIT, "dataset", dataset, NULL);
}

DmDataset *
dm_edit_get_dataset (DmEdit *self)
{
  g_return_val_if_fail (DM_IS_EDIT (self), NULL);

  return self->dataset;
}

/* Checks */

static void
add_problem (GPtrArray      *problems,
             DmDatasetError  code,
             const char     *path,
             const char     *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray      *problems,
             DmDatasetError  code,
             const char     *path,
             const char     *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, dm_problem_new (DM_PROBLEM_ERROR, code, path, message));
}

/* The checks of read_id() in the loader. */
static void
check_id (GPtrArray  *problems,
          const char *id,
          const char *path)
{
  if (id == NULL)
    add_problem (problems, DM_DATASET_ERROR_MISSING, path, _("this member is required"));
  else if (id[0] == '\0')
    add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, path, _("must not be empty"));
  else
    {
      g_autofree char *problem = dm_id_check (id);

      if (problem != NULL)
        add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, path, "%s", problem);
    }
}

static void
unknown_reference (GPtrArray  *problems,
                   const char *path,
                   const char *what,
                   const char *id,
                   const char *where)
{
  add_problem (problems, DM_DATASET_ERROR_UNKNOWN_REFERENCE, path,
               _("there is no %s with the id “%s” in “%s”"), what, id, where);
}

/* The check of read_text_node() for a required text. */
static void
missing_text (GPtrArray  *problems,
              const char *path)
{
  add_problem (problems, DM_DATASET_ERROR_MISSING, path,
               _("needs a text in at least one language (\"vi\" or \"en\")"));
}

GPtrArray *
dm_edit_check_event (DmEdit        *self,
                     const DmEvent *event,
                     const char    *old_id)
{
  GPtrArray *problems;
  const DmEvent *other;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_val_if_fail (DM_IS_EDIT (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);

  check_id (problems, event->id, "id");
  if (event->id != NULL && g_strcmp0 (event->id, old_id) != 0 &&
      (other = dm_dataset_lookup_event (self->dataset, event->id, NULL)) != NULL)
    add_problem (problems, DM_DATASET_ERROR_DUPLICATE_ID, "id",
                 _("the id “%s” is already used by another event"), event->id);

  check_id (problems, event->kind, "kind");
  if (event->kind != NULL && event->kind[0] != '\0' &&
      dm_dataset_lookup_kind (self->dataset, event->kind) == NULL)
    unknown_reference (problems, "kind", _("kind"), event->kind, "kinds");

  if (!dm_date_is_set (&event->start))
    add_problem (problems, DM_DATASET_ERROR_MISSING, "start", _("this member is required"));
  else if (!dm_date_is_valid (&event->start))
    add_problem (problems, DM_DATASET_ERROR_INVALID_DATE, "start", _("this date does not exist"));
  if (dm_date_is_set (&event->end) && !dm_date_is_valid (&event->end))
    add_problem (problems, DM_DATASET_ERROR_INVALID_DATE, "end", _("this date does not exist"));
  else if (dm_date_is_set (&event->end) && event->start_bound != DM_BOUND_EXACT)
    add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, "end",
                 _("an event with an open start has no end: only one bound of its date is known"));
  else if (dm_date_ends_before_start (&event->start, &event->end, &start_text, &end_text))
    add_problem (problems, DM_DATASET_ERROR_DATE_ORDER, "end",
                 _("the event ends (%s) before it starts (%s)"), end_text, start_text);

  if (dm_text_is_empty (&event->title))
    missing_text (problems, "title");

  for (guint i = 0; event->actors != NULL && i < event->actors->len; i++)
    {
      const DmActor *actor = g_ptr_array_index (event->actors, i);
      g_autofree char *path = g_strdup_printf ("actors[%u].name", i);

      /* The checks of read_string() for a required member. */
      if (actor->name == NULL)
        add_problem (problems, DM_DATASET_ERROR_MISSING, path, _("this member is required"));
      else if (actor->name[0] == '\0')
        add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, path, _("must not be empty"));
    }

  for (guint i = 0; event->related != NULL && i < event->related->len; i++)
    {
      const DmRelation *relation = g_ptr_array_index (event->related, i);
      g_autofree char *path = g_strdup_printf ("related[%u].event", i);
      g_autofree char *type_path = g_strdup_printf ("related[%u].relation", i);

      check_id (problems, relation->event, path);
      if (relation->event != NULL && relation->event[0] != '\0' &&
          g_strcmp0 (relation->event, event->id) != 0 &&
          (g_strcmp0 (relation->event, old_id) == 0 ||
           dm_dataset_lookup_event (self->dataset, relation->event, NULL) == NULL))
        unknown_reference (problems, path, _("event"), relation->event, "events");

      if (relation->relation == NULL)
        add_problem (problems, DM_DATASET_ERROR_MISSING, type_path, _("this member is required"));
      else if (!g_strv_contains (dm_relation_get_names (), relation->relation))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) dm_relation_get_names ());

          add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, type_path,
                       _("unknown relation “%s”; use one of %s"), relation->relation, known);
        }
    }

  for (guint i = 0; event->citations != NULL && i < event->citations->len; i++)
    {
      const DmCitation *citation = g_ptr_array_index (event->citations, i);
      g_autofree char *path = g_strdup_printf ("citations[%u].source", i);

      check_id (problems, citation->source, path);
      if (citation->source != NULL && citation->source[0] != '\0' &&
          dm_dataset_lookup_source (self->dataset, citation->source) == NULL)
        unknown_reference (problems, path, _("source"), citation->source, "sources");
    }

  for (guint i = 0; event->figures != NULL && i < event->figures->len; i++)
    {
      const DmFigure *figure = g_ptr_array_index (event->figures, i);
      g_autofree char *path = g_strdup_printf ("figures[%u].label", i);
      g_autofree char *value_path = g_strdup_printf ("figures[%u].value", i);

      if (dm_text_is_empty (&figure->label))
        missing_text (problems, path);
      if (!figure->value_is_integer && !isfinite (figure->value))
        add_problem (problems, DM_DATASET_ERROR_TYPE, value_path, _("expected a number"));
    }

  for (guint i = 0; event->lists != NULL && i < event->lists->len; i++)
    {
      const DmList *list = g_ptr_array_index (event->lists, i);
      g_autofree char *path = g_strdup_printf ("lists[%u].label", i);

      if (dm_text_is_empty (&list->label))
        missing_text (problems, path);
      for (guint j = 0; j < list->items->len; j++)
        if (dm_text_is_empty (g_ptr_array_index (list->items, j)))
          {
            g_autofree char *item_path = g_strdup_printf ("lists[%u].items[%u]", i, j);

            missing_text (problems, item_path);
          }
    }

  for (guint i = 0; event->links != NULL && i < event->links->len; i++)
    {
      const DmLink *link = g_ptr_array_index (event->links, i);
      g_autofree char *path = g_strdup_printf ("links[%u].url", i);
      g_autofree char *problem = link->url != NULL ? dm_url_check (link->url) : NULL;

      if (link->url == NULL)
        add_problem (problems, DM_DATASET_ERROR_MISSING, path, _("this member is required"));
      else if (problem != NULL)
        add_problem (problems, DM_DATASET_ERROR_INVALID_VALUE, path, "%s", problem);
    }

  return problems;
}

static gboolean
check_or_fail (DmEdit         *self,
               const DmEvent  *event,
               const char     *old_id,
               GError        **error)
{
  g_autoptr(GPtrArray) problems = dm_edit_check_event (self, event, old_id);

  if (problems->len == 0)
    return TRUE;

  g_propagate_error (error, dm_problems_to_error (problems));
  return FALSE;
}

/* Events */

gboolean
dm_edit_add_event (DmEdit   *self,
                   DmEvent  *event,
                   GError  **error)
{
  g_autoptr(DmEvent) owned = event;
  Command *command;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!check_or_fail (self, event, NULL, error))
    return FALSE;

  owned->file_index = dm_dataset_get_next_file_index (self->dataset);
  command = g_new0 (Command, 1);
  command->target = TARGET_EVENT;
  command->stored = g_steal_pointer (&owned);
  run (self, command);
  self->merge_open = FALSE;

  return TRUE;
}

/* The ids of the other events that relate to the event at @position. */
static GPtrArray *
collect_referrers (DmEdit *self,
                   guint   position)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const DmReferrer *referrers;
  guint n;

  referrers = dm_dataset_get_referrers (self->dataset, position, &n);
  for (guint i = 0; i < n; i++)
    {
      const DmEvent *other = dm_dataset_get_event (self->dataset, referrers[i].position);

      if (!g_ptr_array_find_with_equal_func (ids, other->id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (other->id));
    }

  return ids;
}

/* Relations to @old_id in @event renamed to @new_id, or removed when
 * @new_id is NULL; returns whether there were any. */
static gboolean
rewrite_relations (DmEvent    *event,
                   const char *old_id,
                   const char *new_id)
{
  gboolean changed = FALSE;

  for (guint r = event->related != NULL ? event->related->len : 0; r > 0; r--)
    {
      DmRelation *relation = g_ptr_array_index (event->related, r - 1);

      if (g_strcmp0 (relation->event, old_id) != 0)
        continue;
      changed = TRUE;
      if (new_id != NULL)
        {
          g_free (relation->event);
          relation->event = g_strdup (new_id);
        }
      else
        g_ptr_array_remove_index (event->related, r - 1);
    }

  if (event->related != NULL && event->related->len == 0)
    g_clear_pointer (&event->related, g_ptr_array_unref);

  return changed;
}

static void
run_event_change (DmEdit       *self,
                  const char   *id,
                  DmEvent      *event,
                  DmEventField  field)
{
  Command *command = g_new0 (Command, 1);

  command->target = TARGET_EVENT;
  command->field = field;
  command->live_id = g_strdup (id);
  command->stored = event;
  run (self, command);
}

/* The other events' relations to @old_id, renamed or removed, in the
 * step being grouped. */
static void
update_referrers (DmEdit     *self,
                  GPtrArray  *referrers,
                  const char *old_id,
                  const char *new_id)
{
  for (guint i = 0; i < referrers->len; i++)
    {
      const char *other_id = g_ptr_array_index (referrers, i);
      const DmEvent *other = dm_dataset_lookup_event (self->dataset, other_id, NULL);
      DmEvent *copy;

      if (other == NULL)
        continue;
      copy = dm_event_copy (other);
      rewrite_relations (copy, old_id, new_id);
      run_event_change (self, other_id, copy, DM_EVENT_FIELD_NONE);
    }
}

gboolean
dm_edit_change_event (DmEdit        *self,
                      const char    *id,
                      DmEvent       *event,
                      DmEventField   field,
                      GError       **error)
{
  g_autoptr(DmEvent) owned = event;
  g_autoptr(GPtrArray) referrers = NULL;
  const DmEvent *live;
  guint position;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  live = id != NULL ? dm_dataset_lookup_event (self->dataset, id, &position) : NULL;
  if (live == NULL)
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE,
                   _("there is no %s with the id “%s” in “%s”"), _("event"), id, "events");
      return FALSE;
    }

  /* A renamed event keeps its relations to itself. */
  if (g_strcmp0 (event->id, id) != 0 && event->id != NULL)
    rewrite_relations (owned, id, event->id);

  if (!check_or_fail (self, owned, id, error))
    return FALSE;

  owned->file_index = live->file_index;

  if (g_strcmp0 (event->id, id) != 0)
    referrers = collect_referrers (self, position);

  if ((referrers == NULL || referrers->len == 0) &&
      merge (self, id, owned, field))
    {
      g_steal_pointer (&owned);
      return TRUE;
    }

  if (referrers == NULL || referrers->len == 0)
    {
      run_event_change (self, id, g_steal_pointer (&owned), field);
      return TRUE;
    }

  {
    g_autofree char *new_id = g_strdup (owned->id);

    dm_edit_begin_group (self);
    run_event_change (self, id, g_steal_pointer (&owned), DM_EVENT_FIELD_NONE);
    update_referrers (self, referrers, id, new_id);
    set_changed_event (self, new_id);
    dm_edit_end_group (self);
  }

  return TRUE;
}

char *
dm_edit_make_event_id (DmEdit     *self,
                       const char *base)
{
  g_autofree char *stem = NULL;
  const char *dash;

  g_return_val_if_fail (DM_IS_EDIT (self), NULL);

  if (base == NULL || base[0] == '\0')
    base = "event";
  if (dm_dataset_lookup_event (self->dataset, base, NULL) == NULL)
    return g_strdup (base);

  /* "x-2" is followed by "x-3", not "x-2-2"; "x-2020" ends in a year,
   * not a count of copies. */
  dash = strrchr (base, '-');
  if (dash != NULL && dash[1] != '\0' && strlen (dash + 1) <= 3 &&
      strspn (dash + 1, "0123456789") == strlen (dash + 1))
    stem = g_strndup (base, dash - base);
  else
    stem = g_strdup (base);

  for (guint n = 2;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", stem, n);

      if (dm_dataset_lookup_event (self->dataset, id, NULL) == NULL)
        return g_steal_pointer (&id);
    }
}

char *
dm_edit_duplicate_event (DmEdit     *self,
                         const char *id)
{
  const DmEvent *live;
  DmEvent *copy;
  g_autofree char *new_id = NULL;

  g_return_val_if_fail (DM_IS_EDIT (self), NULL);

  live = id != NULL ? dm_dataset_lookup_event (self->dataset, id, NULL) : NULL;
  if (live == NULL)
    return NULL;

  new_id = dm_edit_make_event_id (self, id);
  copy = dm_event_copy (live);
  g_free (copy->id);
  copy->id = g_strdup (new_id);
  rewrite_relations (copy, id, new_id);
  if (!dm_edit_add_event (self, copy, NULL))
    g_return_val_if_reached (NULL);

  return g_steal_pointer (&new_id);
}

gboolean
dm_edit_delete_event (DmEdit     *self,
                      const char *id)
{
  g_autoptr(GPtrArray) referrers = NULL;
  Command *command;
  guint position;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  if (id == NULL || dm_dataset_lookup_event (self->dataset, id, &position) == NULL)
    return FALSE;

  referrers = collect_referrers (self, position);
  dm_edit_begin_group (self);
  update_referrers (self, referrers, id, NULL);
  command = g_new0 (Command, 1);
  command->target = TARGET_EVENT;
  command->live_id = g_strdup (id);
  run (self, command);
  dm_edit_end_group (self);

  return TRUE;
}

gboolean
dm_edit_set_event_text (DmEdit        *self,
                        const char    *id,
                        DmEventField   field,
                        const char    *value,
                        GError       **error)
{
  const DmEvent *live;
  DmEvent *copy;
  char **slot;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  live = id != NULL ? dm_dataset_lookup_event (self->dataset, id, NULL) : NULL;
  if (live == NULL)
    return dm_edit_change_event (self, id, dm_event_new (), field, error);

  copy = dm_event_copy (live);
  slot = dm_event_field_get_text_slot (copy, field);
  if (slot == NULL)
    {
      dm_event_free (copy);
      g_return_val_if_reached (FALSE);
    }

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    {
      dm_event_free (copy);
      return TRUE;
    }
  g_free (*slot);
  *slot = g_strdup (value);

  return dm_edit_change_event (self, id, copy, field, error);
}

char **
dm_event_field_get_text_slot (DmEvent      *event,
                              DmEventField  field)
{
  static const struct { DmEventField field; gsize offset; gboolean en; } slots[] = {
    { DM_EVENT_FIELD_TITLE_VI, G_STRUCT_OFFSET (DmEvent, title), FALSE },
    { DM_EVENT_FIELD_TITLE_EN, G_STRUCT_OFFSET (DmEvent, title), TRUE },
    { DM_EVENT_FIELD_SUMMARY_VI, G_STRUCT_OFFSET (DmEvent, summary), FALSE },
    { DM_EVENT_FIELD_SUMMARY_EN, G_STRUCT_OFFSET (DmEvent, summary), TRUE },
    { DM_EVENT_FIELD_PLACE_VI, G_STRUCT_OFFSET (DmEvent, place), FALSE },
    { DM_EVENT_FIELD_PLACE_EN, G_STRUCT_OFFSET (DmEvent, place), TRUE },
    { DM_EVENT_FIELD_CERTAINTY_REASON_VI, G_STRUCT_OFFSET (DmEvent, certainty_reason), FALSE },
    { DM_EVENT_FIELD_CERTAINTY_REASON_EN, G_STRUCT_OFFSET (DmEvent, certainty_reason), TRUE },
  };

  g_return_val_if_fail (event != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (slots[i].field == field)
      {
        DmText *text = G_STRUCT_MEMBER_P (event, slots[i].offset);

        return slots[i].en ? &text->en : &text->vi;
      }

  return NULL;
}

/* Kinds, sources, tag labels */

typedef guint (*CountFunc) (DmDataset *dataset);
typedef const char *(*GetIdFunc) (DmDataset *dataset, guint position);

static const char *
kind_id (DmDataset *dataset,
         guint      position)
{
  return dm_dataset_get_kind (dataset, position)->id;
}

static const char *
source_id (DmDataset *dataset,
           guint      position)
{
  return dm_dataset_get_source (dataset, position)->id;
}

static const char *
tag_id (DmDataset *dataset,
        guint      position)
{
  return dm_dataset_get_tag_label (dataset, position)->id;
}

static gboolean
id_in_use (DmDataset  *dataset,
           CountFunc   count,
           GetIdFunc   get_id,
           guint       skip,
           const char *id)
{
  for (guint i = 0; i < count (dataset); i++)
    if (i != skip && g_strcmp0 (get_id (dataset, i), id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
kind_in_use (DmDataset  *dataset,
             const char *id)
{
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    if (g_strcmp0 (dm_dataset_get_event (dataset, i)->kind, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
source_in_use (DmDataset  *dataset,
               const char *id)
{
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      for (guint c = 0; event->citations != NULL && c < event->citations->len; c++)
        if (g_strcmp0 (((DmCitation *) g_ptr_array_index (event->citations, c))->source, id) == 0)
          return TRUE;
    }
  return FALSE;
}

/* The common part of the setters; @new_id is @item's. */
static gboolean
set_item (DmEdit          *self,
          Target           target,
          guint            position,
          gpointer         item,
          const char      *new_id,
          GDestroyNotify   free_func,
          CountFunc        count,
          GetIdFunc        get_id,
          gboolean       (*in_use) (DmDataset *, const char *),
          GError         **error)
{
  guint n = count (self->dataset);
  const char *old_id = position < n ? get_id (self->dataset, position) : NULL;
  Command *command;

  if (position > n || (item == NULL && position == n))
    {
      if (item != NULL)
        free_func (item);
      g_return_val_if_reached (FALSE);
    }

  if (item != NULL)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);

      check_id (problems, new_id, "id");
      if (problems->len == 0 && id_in_use (self->dataset, count, get_id, position, new_id))
        add_problem (problems, DM_DATASET_ERROR_DUPLICATE_ID, "id",
                     _("the id “%s” is already used by %s"), new_id, _("another one"));
      if (problems->len > 0)
        {
          free_func (item);
          g_propagate_error (error, dm_problems_to_error (problems));
          return FALSE;
        }
    }

  if (in_use != NULL && old_id != NULL && g_strcmp0 (old_id, new_id) != 0 &&
      in_use (self->dataset, old_id))
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE,
                   _("“%s” is still used by events"), old_id);
      if (item != NULL)
        free_func (item);
      return FALSE;
    }

  command = g_new0 (Command, 1);
  command->target = target;
  command->position = position;
  command->live = position < n;
  command->stored = item;
  if (position == n)
    command->live = FALSE;
  run (self, command);
  self->merge_open = FALSE;

  return TRUE;
}

gboolean
dm_edit_set_kind (DmEdit   *self,
                  guint     position,
                  DmKind   *kind,
                  GError  **error)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return set_item (self, TARGET_KIND, position, kind, kind != NULL ? kind->id : NULL,
                   (GDestroyNotify) dm_kind_free, dm_dataset_get_n_kinds, kind_id, kind_in_use, error);
}

gboolean
dm_edit_set_source (DmEdit    *self,
                    guint      position,
                    DmSource  *source,
                    GError   **error)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return set_item (self, TARGET_SOURCE, position, source, source != NULL ? source->id : NULL,
                   (GDestroyNotify) dm_source_free, dm_dataset_get_n_sources, source_id, source_in_use, error);
}

gboolean
dm_edit_set_tag_label (DmEdit   *self,
                       guint     position,
                       DmTag    *tag,
                       GError  **error)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return set_item (self, TARGET_TAG, position, tag, tag != NULL ? tag->id : NULL,
                   (GDestroyNotify) dm_tag_free, dm_dataset_get_n_tag_labels, tag_id, NULL, error);
}

void
dm_edit_set_title (DmEdit     *self,
                   const char *vi,
                   const char *en)
{
  Command *command;
  DmText *text;

  g_return_if_fail (DM_IS_EDIT (self));

  text = g_new0 (DmText, 1);
  dm_text_copy_into (text, dm_dataset_get_title (self->dataset));
  dm_text_set (text, vi != NULL && vi[0] != '\0' ? vi : NULL, en != NULL && en[0] != '\0' ? en : NULL);

  command = g_new0 (Command, 1);
  command->target = TARGET_TITLE;
  command->stored = text;
  run (self, command);
  self->merge_open = FALSE;
}

/* Steps */

void
dm_edit_begin_group (DmEdit *self)
{
  g_return_if_fail (DM_IS_EDIT (self));

  if (self->group_depth++ == 0)
    self->group = step_new ();
}

void
dm_edit_end_group (DmEdit *self)
{
  g_autoptr(GPtrArray) group = NULL;

  g_return_if_fail (DM_IS_EDIT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->len > 0)
    {
      gboolean could_undo = dm_edit_can_undo (self);
      gboolean was_modified = dm_edit_get_modified (self);

      g_ptr_array_add (self->undo, g_steal_pointer (&group));
      notify_state (self, could_undo, FALSE, was_modified);
    }
  self->merge_open = FALSE;
}

void
dm_edit_close_step (DmEdit *self)
{
  g_return_if_fail (DM_IS_EDIT (self));

  self->merge_open = FALSE;
}

gboolean
dm_edit_can_undo (DmEdit *self)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
dm_edit_can_redo (DmEdit *self)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return self->redo->len > 0;
}

gboolean
dm_edit_undo (DmEdit *self)
{
  gboolean could_redo;
  gboolean was_modified;
  GPtrArray *step;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  could_redo = dm_edit_can_redo (self);
  was_modified = dm_edit_get_modified (self);
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  begin_change (self);
  for (guint i = step->len; i > 0; i--)
    command_swap (self, g_ptr_array_index (step, i - 1));
  /* After a group, the event it was about (its first command's). */
  if (step->len > 1 && ((Command *) g_ptr_array_index (step, 0))->target == TARGET_EVENT)
    set_changed_event (self, ((Command *) g_ptr_array_index (step, 0))->live_id);
  g_ptr_array_add (self->redo, step);
  self->merge_open = FALSE;

  notify_state (self, TRUE, could_redo, was_modified);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
dm_edit_redo (DmEdit *self)
{
  gboolean could_undo;
  gboolean was_modified;
  GPtrArray *step;

  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  could_undo = dm_edit_can_undo (self);
  was_modified = dm_edit_get_modified (self);
  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  begin_change (self);
  for (guint i = 0; i < step->len; i++)
    command_swap (self, g_ptr_array_index (step, i));
  if (step->len > 1 && ((Command *) g_ptr_array_index (step, 0))->target == TARGET_EVENT)
    set_changed_event (self, ((Command *) g_ptr_array_index (step, 0))->live_id);
  g_ptr_array_add (self->undo, step);
  self->merge_open = FALSE;

  notify_state (self, could_undo, TRUE, was_modified);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
dm_edit_get_modified (DmEdit *self)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  return self->saved_depth != self->undo->len;
}

void
dm_edit_set_saved (DmEdit *self)
{
  gboolean was_modified;

  g_return_if_fail (DM_IS_EDIT (self));

  was_modified = dm_edit_get_modified (self);
  self->saved_depth = self->undo->len;
  self->merge_open = FALSE;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
dm_edit_hold_events (DmEdit *self)
{
  g_return_if_fail (DM_IS_EDIT (self));

  self->holds++;
}

void
dm_edit_release_events (DmEdit *self)
{
  g_return_if_fail (DM_IS_EDIT (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds == 0)
    g_ptr_array_set_size (self->held, 0);
}

gboolean
dm_edit_get_changed_range (DmEdit *self,
                           guint  *position,
                           guint  *removed,
                           guint  *added)
{
  g_return_val_if_fail (DM_IS_EDIT (self), FALSE);

  if (position != NULL)
    *position = self->range_empty ? 0 : self->range_position;
  if (removed != NULL)
    *removed = self->range_empty ? 0 : self->range_removed;
  if (added != NULL)
    *added = self->range_empty ? 0 : self->range_added;

  return self->range_known;
}

const char *
dm_edit_get_changed_event (DmEdit *self)
{
  g_return_val_if_fail (DM_IS_EDIT (self), NULL);

  return self->changed_event;
}
