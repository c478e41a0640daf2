/* dm-export-timelinejs.c — a dataset as a TimelineJS3 file, in one language
 *
 * TimelineJS shows headlines, texts and group names as HTML, so every text
 * is escaped, and the summary and citations are written as paragraphs.
 * Years are JavaScript's (setFullYear), which are astronomical: 1 BCE is
 * year 0 and 44 BCE is -43 (the importer reads them back the same way).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-export-timelinejs.h"
#include "dm-file-util.h"
#include "dm-import.h"

/* The years JavaScript dates can hold (±8.64e15 ms around 1970); beyond
 * them TimelineJS needs its cosmological scale. */
#define JS_DATE_YEAR_MIN G_GINT64_CONSTANT (-271820)
#define JS_DATE_YEAR_MAX G_GINT64_CONSTANT (275759)


/* Slide members an import from TimelineJS keeps, written back. */
static const char * const kept_members[] = { "display_date", "background", "autolink", "media" };

typedef struct
{
  DmDataset  *dataset;
  DmLanguage  language;
  gboolean    cosmological;
} Export;

static gint64
year_to_timelinejs (gint64 year)
{
  return year;
}

static void
note_year (Export       *self,
           const DmDate *date)
{
  gint64 year;

  if (!dm_date_is_set (date))
    return;

  year = year_to_timelinejs (date->year);
  if (year < JS_DATE_YEAR_MIN || year > JS_DATE_YEAR_MAX)
    self->cosmological = TRUE;
}

/* Texts, as HTML */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* Paragraphs at blank lines, <br> at line breaks. */
static void
append_paragraphs (GString    *out,
                   const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      g_strstrip (paragraphs[i]);
      if (paragraphs[i][0] == '\0')
        continue;

      lines = g_strsplit (paragraphs[i], "\n", -1);
      g_string_append (out, "<p>");
      for (guint k = 0; lines[k] != NULL; k++)
        {
          if (k > 0)
            g_string_append (out, "<br>");
          append_escaped (out, lines[k]);
        }
      g_string_append (out, "</p>");
    }
}

static void
append_link (GString    *out,
             const char *url,
             const char *text)
{
  g_string_append (out, "<a href=\"");
  append_escaped (out, url);
  g_string_append (out, "\">");
  append_escaped (out, text != NULL && text[0] != '\0' ? text : url);
  g_string_append (out, "</a>");
}

/* <p>“quote” — <a href="…">source</a>, publisher</p> */
static void
append_citation (Export           *self,
                 GString          *out,
                 const DmCitation *citation)
{
  const DmSource *source = dm_dataset_lookup_source (self->dataset, citation->source);
  const char *title = source != NULL ? dm_text_get (&source->title, self->language) : "";
  gboolean any = FALSE;

  g_string_append (out, "<p>");
  if (citation->quote != NULL && citation->quote[0] != '\0')
    {
      g_string_append (out, "“");
      append_escaped (out, citation->quote);
      g_string_append (out, "”");
      any = TRUE;
    }

  if (source != NULL && (title[0] != '\0' || source->publisher != NULL))
    {
      if (any)
        g_string_append (out, " — ");
      if (title[0] != '\0' && source->url != NULL)
        append_link (out, source->url, title);
      else if (title[0] != '\0')
        append_escaped (out, title);
      if (source->publisher != NULL && source->publisher[0] != '\0')
        {
          if (title[0] != '\0')
            g_string_append (out, ", ");
          append_escaped (out, source->publisher);
        }
    }
  else if (!any)
    append_escaped (out, citation->source);

  g_string_append (out, "</p>");
}

static const char *
kept_media_url (const DmEvent *event)
{
  JsonNode *media = event->extra ? json_object_get_member (event->extra, "media") : NULL;

  if (media == NULL || !JSON_NODE_HOLDS_OBJECT (media))
    return NULL;

  return json_object_get_string_member_with_default (json_node_get_object (media), "url", NULL);
}

static char *
event_body (Export        *self,
            const DmEvent *event)
{
  GString *out = g_string_new (NULL);
  const char *media_url = kept_media_url (event);

  append_paragraphs (out, dm_text_get (&event->summary, self->language));

  for (guint i = 0; event->citations != NULL && i < event->citations->len; i++)
    append_citation (self, out, g_ptr_array_index (event->citations, i));

  for (guint i = 0; event->links != NULL && i < event->links->len; i++)
    {
      const DmLink *link = g_ptr_array_index (event->links, i);

      /* Shown as the slide's media already. */
      if (g_strcmp0 (link->url, media_url) == 0)
        continue;
      g_string_append (out, "<p>");
      append_link (out, link->url, dm_text_get (&link->title, self->language));
      g_string_append (out, "</p>");
    }

  return g_string_free (out, FALSE);
}

static void
set_escaped (JsonObject *object,
             const char *member,
             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  json_object_set_string_member (object, member, escaped);
}

static JsonObject *
text_object (const char *headline,
             const char *html)
{
  JsonObject *text = json_object_new ();

  set_escaped (text, "headline", headline);
  if (html != NULL && html[0] != '\0')
    json_object_set_string_member (text, "text", html);

  return text;
}

/* Dates */

/* {"year": …} down to the date's precision, with what an import kept. */
static JsonObject *
date_object (Export       *self,
             const DmDate *date,
             JsonObject   *extra,
             const char   *member)
{
  JsonObject *object = json_object_new ();
  JsonNode *kept = extra != NULL ? json_object_get_member (extra, member) : NULL;

  note_year (self, date);
  json_object_set_int_member (object, "year", year_to_timelinejs (date->year));
  if (date->precision >= DM_DATE_PRECISION_MONTH)
    json_object_set_int_member (object, "month", date->month);
  if (date->precision >= DM_DATE_PRECISION_DAY)
    json_object_set_int_member (object, "day", date->day);
  if (date->precision >= DM_DATE_PRECISION_MINUTE)
    {
      json_object_set_int_member (object, "hour", date->hour);
      json_object_set_int_member (object, "minute", date->minute);
    }

  if (kept != NULL && JSON_NODE_HOLDS_OBJECT (kept))
    {
      static const char * const names[] = { "display_date", "format" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          JsonNode *node = json_object_get_member (json_node_get_object (kept), names[i]);

          if (node != NULL)
            json_object_set_member (object, names[i], json_node_copy (node));
        }
    }

  return object;
}

/* "2019 (inferred)", "năm 2019 (suy luận)". */
static char *
display_date (Export        *self,
              const DmEvent *event)
{
  static const char * const markers[2][3] = {
    [DM_LANGUAGE_EN] = { NULL, "inferred", "approximate" },
    [DM_LANGUAGE_VI] = { NULL, "suy luận", "ước tính" },
  };
  g_autofree char *date = NULL;
  const char *marker;

  if (event->certainty > DM_CERTAINTY_APPROXIMATE)
    return NULL;
  marker = markers[self->language][event->certainty];
  if (marker == NULL)
    return NULL;

  date = dm_event_format_date (event, self->language);
  return g_strdup_printf ("%s (%s)", date, marker);
}

/* Slides */

/* The kind an import gave events without a group: they go without one
 * again, and import back into it. */
static gboolean
is_ungrouped (const DmKind *kind)
{
  return g_strcmp0 (kind->id, DM_IMPORT_UNGROUPED_ID) == 0 &&
         g_strcmp0 (kind->label.en, DM_IMPORT_UNGROUPED_LABEL_EN) == 0 &&
         g_strcmp0 (kind->label.vi, DM_IMPORT_UNGROUPED_LABEL_VI) == 0;
}

static JsonNode *
event_to_node (Export        *self,
               const DmEvent *event)
{
  JsonObject *object = json_object_new ();
  const DmKind *kind = dm_dataset_lookup_kind (self->dataset, event->kind);
  g_autofree char *body = event_body (self, event);
  g_autofree char *display = display_date (self, event);
  JsonNode *node;

  json_object_set_object_member (object, "start_date", date_object (self, &event->start, event->extra, "start_date"));
  if (dm_date_is_set (&event->end))
    json_object_set_object_member (object, "end_date", date_object (self, &event->end, event->extra, "end_date"));
  json_object_set_object_member (object, "text",
                                 text_object (dm_text_get (&event->title, self->language), body));

  if (kind != NULL && !is_ungrouped (kind))
    set_escaped (object, "group", dm_text_get (&kind->label, self->language));

  json_object_set_string_member (object, "unique_id", event->id);

  for (guint i = 0; event->extra != NULL && i < G_N_ELEMENTS (kept_members); i++)
    if ((node = json_object_get_member (event->extra, kept_members[i])) != NULL)
      json_object_set_member (object, kept_members[i], json_node_copy (node));

  /* Said by Dấu Mốc about the date: more useful than what was kept. */
  if (display != NULL)
    json_object_set_string_member (object, "display_date", display);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
era_to_node (Export      *self,
             const DmEra *era)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_object_member (object, "start_date", date_object (self, &era->start, era->extra, "start_date"));
  json_object_set_object_member (object, "end_date", date_object (self, &era->end, era->extra, "end_date"));
  json_object_set_object_member (object, "text", text_object (dm_text_get (&era->title, self->language), NULL));

  json_node_take_object (node, object);
  return node;
}

static int
compare_file_order (gconstpointer a,
                    gconstpointer b)
{
  const DmEvent *x = *(const DmEvent * const *) a;
  const DmEvent *y = *(const DmEvent * const *) b;

  return (x->file_index > y->file_index) - (x->file_index < y->file_index);
}

static JsonNode *
dataset_to_node (Export *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  JsonObject *root = json_object_new ();
  JsonObject *title = json_object_new ();
  JsonArray *events;
  JsonNode *node;

  append_paragraphs (description, dm_text_get (dm_dataset_get_description (self->dataset), self->language));
  json_object_set_object_member (title, "text",
                                 text_object (dm_text_get (dm_dataset_get_title (self->dataset), self->language),
                                              description->str));
  json_object_set_object_member (root, "title", title);

  /* In the order of the file they came from, as the native writer does. */
  for (guint i = 0; i < dm_dataset_get_n_events (self->dataset); i++)
    g_ptr_array_add (sorted, (gpointer) dm_dataset_get_event (self->dataset, i));
  g_ptr_array_sort (sorted, compare_file_order);

  events = json_array_sized_new (sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    json_array_add_element (events, event_to_node (self, g_ptr_array_index (sorted, i)));
  json_object_set_array_member (root, "events", events);

  if (dm_dataset_get_n_eras (self->dataset) > 0)
    {
      JsonArray *eras = json_array_new ();

      for (guint i = 0; i < dm_dataset_get_n_eras (self->dataset); i++)
        json_array_add_element (eras, era_to_node (self, dm_dataset_get_era (self->dataset, i)));
      json_object_set_array_member (root, "eras", eras);
    }

  if (self->cosmological)
    json_object_set_string_member (root, "scale", "cosmological");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

char *
dm_export_timelinejs (DmDataset  *dataset,
                      DmLanguage  language,
                      gsize      *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  Export self = { dataset, language, FALSE };
  GString *out;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (language == DM_LANGUAGE_EN || language == DM_LANGUAGE_VI, NULL);

  root = dataset_to_node (&self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = json_generator_to_gstring (generator, g_string_new (NULL));
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

gboolean
dm_export_timelinejs_to_file (DmDataset     *dataset,
                              DmLanguage     language,
                              GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = dm_export_timelinejs (dataset, language, &length);
  bytes = g_bytes_new_take (data, length);

  /* Written beside the target and renamed: a failed export never leaves a
   * half-written file behind, new or replaced. */
  return dm_file_write_bytes_atomically (file, bytes, cancellable, error);
}
