/* dm-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-model.h"
#include "dm-safe-text.h"

char *
dm_id_check (const char *id)
{
  if (strlen (id) > DM_ID_MAX_LENGTH)
    return g_strdup_printf (_("an id may be at most %u bytes long"), DM_ID_MAX_LENGTH);

  for (const char *p = id; *p; p++)
    if ((guchar) *p < 0x20)
      return g_strdup (_("an id must not contain control characters"));

  return NULL;
}

/* The first character of @url that is not seen or turns the text around
 * (bidi controls, zero width characters), or 0. */
static gunichar
invisible_char (const char *url)
{
  if (!g_utf8_validate (url, -1, NULL))
    return 0;
  for (const char *p = url; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (dm_unichar_is_invisible (c))
        return c;
    }

  return 0;
}

char *
dm_url_check (const char *url)
{
  g_autofree char *scheme = NULL;
  g_autofree char *shown = NULL;
  gunichar hidden;

  g_return_val_if_fail (url != NULL, NULL);

  scheme = g_uri_parse_scheme (url);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return g_strdup_printf (_("only http and https links are allowed, not “%s:”"), scheme);
  if (scheme != NULL && dm_is_web_address (url))
    return NULL;

  /* The address as it is, not as bidi controls would make it read. */
  shown = dm_safe_text_for_display (url, DM_SAFE_TEXT_LABEL_MAX);
  hidden = invisible_char (url);
  if (hidden != 0)
    /* TRANSLATORS: %s is a web address, U+%04X a character such as U+202E */
    return g_strdup_printf (_("“%s” has an invisible or direction-changing character (U+%04X) that could disguise where it leads"),
                            shown, hidden);
  return g_strdup_printf (_("“%s” is not a valid http or https address"), shown);
}

char *
dm_figure_value_to_text (const DmFigure *figure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (figure != NULL, NULL);

  if (figure->value_is_integer)
    return g_strdup_printf ("%" G_GINT64_FORMAT, figure->integer);

  /* The shortest text that reads back as the same double. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", figure->value);
  if (g_ascii_strtod (buffer, NULL) != figure->value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", figure->value);
  if (strpbrk (buffer, ".eEni") == NULL)
    return g_strconcat (buffer, ".0", NULL);
  return g_strdup (buffer);
}

char *
dm_figure_set_value_text (DmFigure   *figure,
                          const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 integer;
  char *end = NULL;
  double value;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    return g_strdup (_("a figure needs its number"));
  /* Digits, a sign, a point and an exponent only: no "2,000", no "inf". */
  if (strspn (trimmed, "0123456789+-.eE") != strlen (trimmed) || !g_ascii_isdigit (trimmed[strcspn (trimmed, "0123456789")]))
    return g_strdup_printf (_("“%s” is not a number: write it with digits and a point, such as 2000 or 3.5"), trimmed);

  if (strpbrk (trimmed, ".eE") == NULL)
    {
      if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &integer, &error))
        {
          if (g_error_matches (error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
            return g_strdup_printf (_("“%s” is too large to be kept exactly"), trimmed);
          return g_strdup_printf (_("“%s” is not a number: write it with digits and a point, such as 2000 or 3.5"), trimmed);
        }
      figure->value_is_integer = TRUE;
      figure->integer = integer;
      figure->value = (double) integer;
      return NULL;
    }

  value = g_ascii_strtod (trimmed, &end);
  if (end == trimmed || *end != '\0' || !isfinite (value))
    return g_strdup_printf (_("“%s” is not a number: write it with digits and a point, such as 2000 or 3.5"), trimmed);
  figure->value_is_integer = FALSE;
  figure->integer = 0;
  figure->value = value;
  return NULL;
}

const char *
dm_text_get (const DmText *text,
             DmLanguage    language)
{
  const char *first;
  const char *second;

  g_return_val_if_fail (text != NULL, "");

  if (language == DM_LANGUAGE_VI)
    first = text->vi, second = text->en;
  else
    first = text->en, second = text->vi;

  if (first != NULL && first[0] != '\0')
    return first;
  if (second != NULL && second[0] != '\0')
    return second;
  return "";
}

gboolean
dm_text_is_empty (const DmText *text)
{
  return (text->vi == NULL || text->vi[0] == '\0') &&
         (text->en == NULL || text->en[0] == '\0');
}

/* JSON-GLib counts its references without atomics, and the JSON an event
 * keeps (@extra) is shared with the copies editing makes on the main
 * thread. A thread that frees a dataset's events for the main thread
 * (dm-dataset.c) collects that JSON instead of letting it go, and hands it
 * back to the main thread. */
static GPrivate json_collector;

void
dm_model_collect_json (GPtrArray *collector)
{
  g_private_set (&json_collector, collector);
}

static void
release_json (JsonObject *object)
{
  GPtrArray *collector = g_private_get (&json_collector);

  if (collector != NULL)
    g_ptr_array_add (collector, object);
  else
    json_object_unref (object);
}

void
dm_text_clear (DmText *text)
{
  g_clear_pointer (&text->vi, g_free);
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->extra, release_json);
}

void
dm_text_set (DmText     *text,
             const char *vi,
             const char *en)
{
  char *old_vi = text->vi;
  char *old_en = text->en;

  text->vi = g_strdup (vi);
  text->en = g_strdup (en);
  g_free (old_vi);
  g_free (old_en);
}

static const char * const certainty_names[] = { "stated", "inferred", "approximate" };

const char *
dm_certainty_to_string (DmCertainty certainty)
{
  g_return_val_if_fail (certainty <= DM_CERTAINTY_APPROXIMATE, "stated");

  return certainty_names[certainty];
}

gboolean
dm_certainty_from_string (const char  *text,
                          DmCertainty *out_certainty)
{
  for (guint i = 0; i < G_N_ELEMENTS (certainty_names); i++)
    {
      if (g_strcmp0 (text, certainty_names[i]) == 0)
        {
          *out_certainty = (DmCertainty) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define clear_extra(e) g_clear_pointer (&(e)->extra, release_json)

DmKind *
dm_kind_new (void)
{
  return g_new0 (DmKind, 1);
}

void
dm_kind_free (DmKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->id);
  dm_text_clear (&kind->label);
  g_free (kind->color);
  g_free (kind->icon);
  clear_extra (kind);
  g_free (kind);
}

DmSource *
dm_source_new (void)
{
  return g_new0 (DmSource, 1);
}

void
dm_source_free (DmSource *source)
{
  if (source == NULL)
    return;
  g_free (source->id);
  dm_text_clear (&source->title);
  g_free (source->publisher);
  g_free (source->author);
  g_free (source->file);
  g_free (source->url);
  clear_extra (source);
  g_free (source);
}

DmTag *
dm_tag_new (void)
{
  return g_new0 (DmTag, 1);
}

void
dm_tag_free (DmTag *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->id);
  dm_text_clear (&tag->label);
  clear_extra (tag);
  g_free (tag);
}

DmActor *
dm_actor_new (void)
{
  return g_new0 (DmActor, 1);
}

void
dm_actor_free (DmActor *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->name);
  dm_text_clear (&actor->role);
  clear_extra (actor);
  g_free (actor);
}

DmRelation *
dm_relation_new (void)
{
  return g_new0 (DmRelation, 1);
}

void
dm_relation_free (DmRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->event);
  g_free (relation->relation);
  clear_extra (relation);
  g_free (relation);
}

DmCitation *
dm_citation_new (void)
{
  return g_new0 (DmCitation, 1);
}

void
dm_citation_free (DmCitation *citation)
{
  if (citation == NULL)
    return;
  g_free (citation->source);
  g_free (citation->quote);
  dm_text_clear (&citation->translation);
  clear_extra (citation);
  g_free (citation);
}

DmFigure *
dm_figure_new (void)
{
  return g_new0 (DmFigure, 1);
}

void
dm_figure_free (DmFigure *figure)
{
  if (figure == NULL)
    return;
  dm_text_clear (&figure->label);
  dm_text_clear (&figure->display);
  clear_extra (figure);
  g_free (figure);
}

static void
text_free (gpointer data)
{
  DmText *text = data;

  dm_text_clear (text);
  g_free (text);
}

DmList *
dm_list_new (void)
{
  DmList *list = g_new0 (DmList, 1);

  list->items = g_ptr_array_new_with_free_func (text_free);
  return list;
}

void
dm_list_free (DmList *list)
{
  if (list == NULL)
    return;
  dm_text_clear (&list->label);
  g_clear_pointer (&list->items, g_ptr_array_unref);
  clear_extra (list);
  g_free (list);
}

DmLink *
dm_link_new (void)
{
  return g_new0 (DmLink, 1);
}

void
dm_link_free (DmLink *link)
{
  if (link == NULL)
    return;
  g_free (link->url);
  dm_text_clear (&link->title);
  clear_extra (link);
  g_free (link);
}

DmEra *
dm_era_new (void)
{
  return g_new0 (DmEra, 1);
}

void
dm_era_free (DmEra *era)
{
  if (era == NULL)
    return;
  dm_text_clear (&era->title);
  g_free (era->color);
  clear_extra (era);
  g_free (era);
}

DmEvent *
dm_event_new (void)
{
  return g_new0 (DmEvent, 1);
}

/* Frees @string unless it is in @event's block (dm_event_set_strings()). */
static void
event_string_free (const DmEvent *event,
                   char          *string)
{
  if (event->strings != NULL && string >= event->strings && string < event->strings + event->strings_size)
    return;
  g_free (string);
}

static void
event_text_clear (const DmEvent *event,
                  DmText        *text)
{
  event_string_free (event, g_steal_pointer (&text->vi));
  event_string_free (event, g_steal_pointer (&text->en));
  g_clear_pointer (&text->extra, release_json);
}

void
dm_event_free (DmEvent *event)
{
  if (event == NULL)
    return;
  event_string_free (event, event->id);
  event_string_free (event, event->kind);
  g_clear_pointer (&event->start_extra, release_json);
  event_text_clear (event, &event->certainty_reason);
  g_clear_pointer (&event->certainty_extra, release_json);
  event_text_clear (event, &event->title);
  event_text_clear (event, &event->summary);
  event_text_clear (event, &event->place);
  g_clear_pointer (&event->actors, g_ptr_array_unref);
  g_clear_pointer (&event->tags, g_ptr_array_unref);
  g_clear_pointer (&event->related, g_ptr_array_unref);
  g_clear_pointer (&event->figures, g_ptr_array_unref);
  g_clear_pointer (&event->lists, g_ptr_array_unref);
  g_clear_pointer (&event->citations, g_ptr_array_unref);
  g_clear_pointer (&event->links, g_ptr_array_unref);
  clear_extra (event);
  g_free (event->strings);
  g_free (event);
}

/* Copies each of @values (NULL: none) into one block that @event owns,
 * and points *@slots[i] at the copy of @values[i]; a slot whose value is
 * NULL is left as it is. A million events read from a file had a dozen
 * allocations each for their strings, taking a tenth of the load and of
 * its memory; their own strings now take one. Only where no string is in
 * its slot yet, and only for an event's own strings (its id, kind and
 * texts): dm_event_free() frees the others one by one. An event is never
 * changed in place once in a dataset (editing copies it), so the block
 * lives as long as the event. */
void
dm_event_set_strings (DmEvent     *event,
                      char       **slots[],
                      const char  *values[],
                      guint        n)
{
  gsize lengths[16];
  gsize size = 0;
  char *at;

  g_return_if_fail (event != NULL && event->strings == NULL);
  g_return_if_fail (n <= G_N_ELEMENTS (lengths));

  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (*slots[i] == NULL);
      lengths[i] = values[i] != NULL ? strlen (values[i]) + 1 : 0;
      size += lengths[i];
    }
  if (size == 0)
    return;

  event->strings = at = g_malloc (size);
  event->strings_size = size;
  for (guint i = 0; i < n; i++)
    if (values[i] != NULL)
      {
        memcpy (at, values[i], lengths[i]);
        *slots[i] = at;
        at += lengths[i];
      }
}

gboolean
dm_event_is_range (const DmEvent *event)
{
  return dm_date_is_set (&event->end);
}

gboolean
dm_event_is_open (const DmEvent *event)
{
  return event->start_bound != DM_BOUND_EXACT;
}

const char *
dm_bound_to_string (DmBound bound)
{
  switch (bound)
    {
    case DM_BOUND_BEFORE:
      return "before";
    case DM_BOUND_AFTER:
      return "after";
    case DM_BOUND_EXACT:
    default:
      return NULL;
    }
}

char *
dm_event_format_date (const DmEvent *event,
                      DmLanguage     language)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  if (dm_event_is_range (event))
    date = dm_date_format_range (&event->start, &event->end, language);
  else
    date = dm_date_format (&event->start, language);

  /* The bound is inclusive: the event may fall within the date given. */
  switch (event->start_bound)
    {
    case DM_BOUND_BEFORE:
      return g_strdup_printf (language == DM_LANGUAGE_VI ? "không muộn hơn %s" : "no later than %s", date);
    case DM_BOUND_AFTER:
      return g_strdup_printf (language == DM_LANGUAGE_VI ? "không sớm hơn %s" : "no earlier than %s", date);
    case DM_BOUND_EXACT:
    default:
      return g_steal_pointer (&date);
    }
}

gboolean
dm_event_has_tag (const DmEvent *event,
                  const char    *tag)
{
  if (event->tags == NULL)
    return FALSE;

  for (guint i = 0; i < event->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (event->tags, i), tag) == 0)
      return TRUE;

  return FALSE;
}

/* Copies */

static JsonObject *
ref_extra (JsonObject *extra)
{
  return extra != NULL ? json_object_ref (extra) : NULL;
}

void
dm_text_copy_into (DmText       *dest,
                   const DmText *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  dest->vi = g_strdup (src->vi);
  dest->en = g_strdup (src->en);
  dest->extra = ref_extra (src->extra);
}

gboolean
dm_text_equal (const DmText *a,
               const DmText *b)
{
  return g_strcmp0 (a->vi, b->vi) == 0 && g_strcmp0 (a->en, b->en) == 0 &&
         a->extra == b->extra;
}

DmKind *
dm_kind_copy (const DmKind *kind)
{
  DmKind *copy = dm_kind_new ();

  copy->id = g_strdup (kind->id);
  dm_text_copy_into (&copy->label, &kind->label);
  copy->color = g_strdup (kind->color);
  copy->icon = g_strdup (kind->icon);
  copy->extra = ref_extra (kind->extra);
  return copy;
}

DmSource *
dm_source_copy (const DmSource *source)
{
  DmSource *copy = dm_source_new ();

  copy->id = g_strdup (source->id);
  dm_text_copy_into (&copy->title, &source->title);
  copy->publisher = g_strdup (source->publisher);
  copy->author = g_strdup (source->author);
  copy->date = source->date;
  copy->file = g_strdup (source->file);
  copy->url = g_strdup (source->url);
  copy->extra = ref_extra (source->extra);
  return copy;
}

DmTag *
dm_tag_copy (const DmTag *tag)
{
  DmTag *copy = dm_tag_new ();

  copy->id = g_strdup (tag->id);
  dm_text_copy_into (&copy->label, &tag->label);
  copy->extra = ref_extra (tag->extra);
  return copy;
}

DmActor *
dm_actor_copy (const DmActor *actor)
{
  DmActor *copy = dm_actor_new ();

  copy->name = g_strdup (actor->name);
  dm_text_copy_into (&copy->role, &actor->role);
  copy->as_printed = actor->as_printed;
  copy->extra = ref_extra (actor->extra);
  return copy;
}

DmRelation *
dm_relation_copy (const DmRelation *relation)
{
  DmRelation *copy = dm_relation_new ();

  copy->event = g_strdup (relation->event);
  copy->relation = g_strdup (relation->relation);
  copy->extra = ref_extra (relation->extra);
  return copy;
}

DmCitation *
dm_citation_copy (const DmCitation *citation)
{
  DmCitation *copy = dm_citation_new ();

  copy->source = g_strdup (citation->source);
  copy->quote = g_strdup (citation->quote);
  dm_text_copy_into (&copy->translation, &citation->translation);
  copy->extra = ref_extra (citation->extra);
  return copy;
}

DmFigure *
dm_figure_copy (const DmFigure *figure)
{
  DmFigure *copy = dm_figure_new ();

  dm_text_copy_into (&copy->label, &figure->label);
  copy->value = figure->value;
  copy->value_is_integer = figure->value_is_integer;
  copy->integer = figure->integer;
  dm_text_copy_into (&copy->display, &figure->display);
  copy->extra = ref_extra (figure->extra);
  return copy;
}

DmList *
dm_list_copy (const DmList *list)
{
  DmList *copy = dm_list_new ();

  dm_text_copy_into (&copy->label, &list->label);
  for (guint i = 0; list->items != NULL && i < list->items->len; i++)
    {
      DmText *item = g_new0 (DmText, 1);

      dm_text_copy_into (item, g_ptr_array_index (list->items, i));
      g_ptr_array_add (copy->items, item);
    }
  copy->extra = ref_extra (list->extra);
  return copy;
}

DmLink *
dm_link_copy (const DmLink *link)
{
  DmLink *copy = dm_link_new ();

  copy->url = g_strdup (link->url);
  dm_text_copy_into (&copy->title, &link->title);
  copy->extra = ref_extra (link->extra);
  return copy;
}

static GPtrArray *
copy_array (GPtrArray      *items,
            GCopyFunc       copy,
            GDestroyNotify  free_func)
{
  GPtrArray *out;

  if (items == NULL)
    return NULL;

  out = g_ptr_array_new_full (items->len, free_func);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (out, copy (g_ptr_array_index (items, i), NULL));
  return out;
}

#define COPY_FUNC(name, type) \
  static gpointer name##_copy_func (gconstpointer item, gpointer data) { return dm_##name##_copy (item); }

COPY_FUNC (actor, DmActor)
COPY_FUNC (relation, DmRelation)
COPY_FUNC (figure, DmFigure)
COPY_FUNC (list, DmList)
COPY_FUNC (citation, DmCitation)
COPY_FUNC (link, DmLink)

static gpointer
string_copy_func (gconstpointer item,
                  gpointer      data)
{
  return g_strdup (item);
}

DmEvent *
dm_event_copy (const DmEvent *event)
{
  DmEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = dm_event_new ();
  copy->id = g_strdup (event->id);
  copy->kind = g_strdup (event->kind);
  copy->kind_index = event->kind_index;
  copy->file_index = event->file_index;
  copy->start = event->start;
  copy->end = event->end;
  copy->start_bound = event->start_bound;
  copy->start_extra = ref_extra (event->start_extra);
  copy->certainty = event->certainty;
  copy->certainty_form = event->certainty_form;
  dm_text_copy_into (&copy->certainty_reason, &event->certainty_reason);
  copy->certainty_extra = ref_extra (event->certainty_extra);
  dm_text_copy_into (&copy->title, &event->title);
  dm_text_copy_into (&copy->summary, &event->summary);
  dm_text_copy_into (&copy->place, &event->place);
  copy->actors = copy_array (event->actors, actor_copy_func, (GDestroyNotify) dm_actor_free);
  copy->tags = copy_array (event->tags, string_copy_func, g_free);
  copy->related = copy_array (event->related, relation_copy_func, (GDestroyNotify) dm_relation_free);
  copy->figures = copy_array (event->figures, figure_copy_func, (GDestroyNotify) dm_figure_free);
  copy->lists = copy_array (event->lists, list_copy_func, (GDestroyNotify) dm_list_free);
  copy->citations = copy_array (event->citations, citation_copy_func, (GDestroyNotify) dm_citation_free);
  copy->links = copy_array (event->links, link_copy_func, (GDestroyNotify) dm_link_free);
  copy->extra = ref_extra (event->extra);
  copy->axis_start = event->axis_start;
  copy->axis_end = event->axis_end;
  return copy;
}

static const char * const relation_names[] = {
  "part-of", "approves", "implements", "follows-up", "feeds", "establishes", "cites", "related", NULL
};

const char * const *
dm_relation_get_names (void)
{
  return relation_names;
}
