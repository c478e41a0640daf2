/* dm-export-timelinejs.c — a dataset as a TimelineJS3 file, in one language
 *
 * TimelineJS shows headlines, texts, group names, display dates and media
 * captions and credits as HTML, so every text is escaped (with "=" and the
 * colon of "…script:" as character references too, so that no trace of a
 * handler or a script address is left even in the text), and the summary
 * and citations are written as paragraphs. What an import kept (media,
 * backgrounds, display dates) is rebuilt member by member: texts reduced
 * to plain text and escaped, addresses kept only when they are http(s) (or
 * a raster image's data: address, for media and backgrounds), anything
 * else dropped. Whatever the dataset carries, the only markup written is
 * <p>, <br> and <a href="http(s)…">.
 * Years are JavaScript's (setFullYear), which are astronomical: 1 BCE is
 * year 0 and 44 BCE is -43 (the importer reads them back the same way).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-export-timelinejs.h"
#include "dm-file-util.h"
#include "dm-html.h"
#include "dm-import.h"
#include "dm-json-writer.h"
#include "dm-loader.h"
#include "dm-safe-text.h"

/* The years JavaScript dates can hold (±8.64e15 ms around 1970); beyond
 * them TimelineJS needs its cosmological scale. */
#define JS_DATE_YEAR_MIN G_GINT64_CONSTANT (-271820)
#define JS_DATE_YEAR_MAX G_GINT64_CONSTANT (275759)


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

/* @text as HTML text (see dm_safe_text_escape_xml()). */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = dm_safe_text_escape_xml (text);

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

/* A link only to a web address; otherwise its text alone. */
static void
append_link (GString    *out,
             const char *url,
             const char *text)
{
  if (!dm_is_web_address (url))
    {
      if (text != NULL && text[0] != '\0')
        append_escaped (out, text);
      return;
    }

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

/* What an import kept, rebuilt safely */

const char *
dm_timelinejs_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
dm_timelinejs_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A kept HTML text, reduced to plain text and escaped; nothing if that
 * leaves nothing. */
static void
set_kept_text (JsonObject *to,
               JsonObject *from,
               const char *member)
{
  const char *html = dm_timelinejs_get_string (from, member);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (html == NULL)
    return;

  text = dm_html_to_text_line (html);
  if (text[0] == '\0')
    return;

  escaped = dm_safe_text_escape_xml (text);
  json_object_set_string_member (to, member, escaped);
}

/* A kept address, if it is a web address (or, with @images, a raster
 * image's data: address). */
static void
set_kept_address (JsonObject *to,
                  JsonObject *from,
                  const char *member,
                  gboolean    images)
{
  const char *url = dm_timelinejs_get_string (from, member);

  if (url != NULL && (images ? dm_is_media_address (url) : dm_is_web_address (url)))
    json_object_set_string_member (to, member, url);
}

/* A kept value that must be a plain word (a CSS colour name or #hex, a
 * link target, a date format), up to @max bytes of @allowed. */
static void
set_kept_word (JsonObject *to,
               JsonObject *from,
               const char *member,
               const char *allowed,
               gsize       max)
{
  const char *word = dm_timelinejs_get_string (from, member);
  gsize length;

  if (word == NULL)
    return;

  length = strlen (word);
  if (length == 0 || length > max || strspn (word, allowed) != length)
    return;

  json_object_set_string_member (to, member, word);
}

static void
set_object_if_any (JsonObject *to,
                   const char *member,
                   JsonObject *object)
{
  if (json_object_get_size (object) > 0)
    json_object_set_object_member (to, member, object);
  else
    json_object_unref (object);
}

#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/* {"url", "caption", "credit", "thumbnail", "alt", "title", "link",
 * "link_target"}: without a safe url, no media at all. */
static void
set_kept_media (JsonObject *to,
                JsonObject *extra)
{
  JsonObject *from = dm_timelinejs_get_object (extra, "media");
  JsonObject *media;

  if (from == NULL || !dm_is_media_address (dm_timelinejs_get_string (from, "url")))
    return;

  media = json_object_new ();
  set_kept_address (media, from, "url", TRUE);
  set_kept_text (media, from, "caption");
  set_kept_text (media, from, "credit");
  set_kept_address (media, from, "thumbnail", TRUE);
  set_kept_text (media, from, "alt");
  set_kept_text (media, from, "title");
  set_kept_address (media, from, "link", FALSE);
  set_kept_word (media, from, "link_target", ALNUM "_", 32);
  json_object_set_object_member (to, "media", media);
}

/* {"url", "color", "opacity"} */
static void
set_kept_background (JsonObject *to,
                     JsonObject *extra)
{
  JsonObject *from = dm_timelinejs_get_object (extra, "background");
  JsonObject *background;
  JsonNode *opacity;

  if (from == NULL)
    return;

  background = json_object_new ();
  set_kept_address (background, from, "url", TRUE);
  set_kept_word (background, from, "color", ALNUM "#", 32);
  opacity = json_object_get_member (from, "opacity");
  if (opacity != NULL && JSON_NODE_HOLDS_VALUE (opacity) &&
      (json_node_get_value_type (opacity) == G_TYPE_INT64 || json_node_get_value_type (opacity) == G_TYPE_DOUBLE))
    json_object_set_member (background, "opacity", json_node_copy (opacity));
  set_object_if_any (to, "background", background);
}

static void
set_kept_boolean (JsonObject *to,
                  JsonObject *from,
                  const char *member)
{
  JsonNode *node = from != NULL ? json_object_get_member (from, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    json_object_set_boolean_member (to, member, json_node_get_boolean (node));
}

static const char *
kept_media_url (const DmEvent *event)
{
  const char *url = dm_timelinejs_get_string (dm_timelinejs_get_object (event->extra, "media"), "url");

  return dm_is_media_address (url) ? url : NULL;
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

  escaped = dm_safe_text_escape_xml (text);
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
      set_kept_text (object, json_node_get_object (kept), "display_date");
      /* Formats as TimelineJS writes them ("mmmm d, yyyy"). */
      set_kept_word (object, json_node_get_object (kept), "format", ALNUM " ,.-/'", 64);
    }

  return object;
}

/* "2019 (inferred)", "năm 2019 (suy luận)", "no later than 2019". */
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
  /* An open-ended date says so ("no later than November 2021"): its
   * start_date is only the known bound. */
  if (marker == NULL && !dm_event_is_open (event))
    return NULL;

  date = dm_event_format_date (event, self->language);
  if (marker == NULL)
    return g_steal_pointer (&date);
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
  g_autofree char *display_escaped = NULL;
  JsonNode *node;

  json_object_set_object_member (object, "start_date", date_object (self, &event->start, event->extra, "start_date"));
  if (dm_date_is_set (&event->end))
    json_object_set_object_member (object, "end_date", date_object (self, &event->end, event->extra, "end_date"));
  json_object_set_object_member (object, "text",
                                 text_object (dm_text_get (&event->title, self->language), body));

  if (kind != NULL && !is_ungrouped (kind))
    set_escaped (object, "group", dm_text_get (&kind->label, self->language));

  /* TimelineJS makes ids, and the page's address, of these: an id that is
   * not a plain word is left for it to make. */
  if (strspn (event->id, ALNUM "-_.") == strlen (event->id))
    json_object_set_string_member (object, "unique_id", event->id);

  /* What an import from TimelineJS kept, rebuilt. */
  set_kept_text (object, event->extra, "display_date");
  set_kept_background (object, event->extra);
  set_kept_boolean (object, event->extra, "autolink");
  set_kept_media (object, event->extra);

  /* Said by Dấu Mốc about the date: more useful than what was kept. */
  if (display != NULL)
    {
      display_escaped = dm_safe_text_escape_xml (display);
      json_object_set_string_member (object, "display_date", display_escaped);
    }

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

static JsonNode *
dataset_to_node (Export *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
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
  sorted = dm_dataset_get_events_in_file_order (self->dataset);

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
  g_autoptr(JsonNode) root = NULL;
  Export self = { dataset, language, FALSE };

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (language == DM_LANGUAGE_EN || language == DM_LANGUAGE_VI, NULL);

  /* The project's writer, not json-glib's generator, which writes numbers
   * such as 1e-300 as "1e-300.0" (not JSON). */
  root = dataset_to_node (&self);
  return dm_json_to_data (root, length);
}

gboolean
dm_export_text_to_file (DmExportTextFunc   export,
                        DmDataset         *dataset,
                        DmLanguage         language,
                        GFile             *file,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (export != NULL, FALSE);
  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = export (dataset, language, &length);
  bytes = g_bytes_new_take (data, length);

  return dm_file_write_bytes_atomically (file, bytes, cancellable, error);
}

gboolean
dm_export_timelinejs_to_file (DmDataset     *dataset,
                              DmLanguage     language,
                              GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return dm_export_text_to_file (dm_export_timelinejs, dataset, language, file, cancellable, error);
}

/* What an export loses */

/* Whether @text has both languages, so that an export in one drops the
 * other. */
static gboolean
is_bilingual (const DmText *text)
{
  return text->vi != NULL && text->vi[0] != '\0' && text->en != NULL && text->en[0] != '\0';
}

static guint
array_length (GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

/* Adds @phrase (taken), about @n things, when there are any. */
static void
add_count (GPtrArray *losses,
           guint      n,
           char      *phrase)
{
  if (n > 0)
    g_ptr_array_add (losses, phrase);
  else
    g_free (phrase);
}

GPtrArray *
dm_export_timelinejs_losses (DmDataset  *dataset,
                             DmLanguage  language)
{
  GPtrArray *losses = g_ptr_array_new_with_free_func (g_free);
  guint bilingual = 0, citations = 0, relations = 0, uncertain = 0, open = 0;
  guint tagged = 0, placed = 0, with_actors = 0, with_figures = 0, with_lists = 0;
  guint sources;
  gboolean styled_kinds = FALSE;

  g_return_val_if_fail (DM_IS_DATASET (dataset), losses);

  sources = dm_dataset_get_n_sources (dataset);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, i);

      bilingual += is_bilingual (&event->title) || is_bilingual (&event->summary);
      citations += array_length (event->citations);
      relations += array_length (event->related);
      uncertain += event->certainty != DM_CERTAINTY_STATED || !dm_text_is_empty (&event->certainty_reason);
      open += dm_event_is_open (event);
      tagged += array_length (event->tags) > 0;
      placed += !dm_text_is_empty (&event->place);
      with_actors += array_length (event->actors) > 0;
      with_figures += array_length (event->figures) > 0;
      with_lists += array_length (event->lists) > 0;
    }
  for (guint k = 0; k < dm_dataset_get_n_kinds (dataset); k++)
    {
      const DmKind *kind = dm_dataset_get_kind (dataset, k);

      /* Colours an import gave them come back with the next import. */
      styled_kinds |= kind->icon != NULL ||
                      (kind->color != NULL && g_ascii_strcasecmp (kind->color, dm_import_get_kind_color (k)) != 0);
    }

  /* The export is in @language: the other is what goes. */
  if (language == DM_LANGUAGE_EN)
    add_count (losses, bilingual,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "the Vietnamese title or summary of %u event",
                                             "the Vietnamese titles and summaries of %u events",
                                             bilingual), bilingual));
  else
    add_count (losses, bilingual,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "the English title or summary of %u event",
                                             "the English titles and summaries of %u events",
                                             bilingual), bilingual));
  if (bilingual == 0 && (is_bilingual (dm_dataset_get_title (dataset)) ||
                         is_bilingual (dm_dataset_get_description (dataset))))
    g_ptr_array_add (losses, g_strdup (language == DM_LANGUAGE_EN ? _("the timeline’s Vietnamese title")
                                                                  : _("the timeline’s English title")));
  add_count (losses, citations,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u citation, kept only as a quote in its event’s text",
                                           "%u citations, kept only as quotes in their events’ text",
                                           citations), citations));
  add_count (losses, sources,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u source, with its publisher, date and text file",
                                           "%u sources, with their publishers, dates and text files",
                                           sources), sources));
  add_count (losses, relations,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u relation between events",
                                           "%u relations between events",
                                           relations), relations));
  add_count (losses, uncertain,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "how the date of %u event is known (inferred or approximate, and why)",
                                           "how the dates of %u events are known (inferred or approximate, and why)",
                                           uncertain), uncertain));
  add_count (losses, open,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "that the date of %u event is open-ended (“no later than …”)",
                                           "that the dates of %u events are open-ended (“no later than …”)",
                                           open), open));
  add_count (losses, tagged,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the tags of %u event", "the tags of %u events",
                                           tagged), tagged));
  add_count (losses, placed,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the place of %u event", "the places of %u events",
                                           placed), placed));
  add_count (losses, with_actors,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the actors of %u event", "the actors of %u events",
                                           with_actors), with_actors));
  add_count (losses, with_figures,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the figures of %u event", "the figures of %u events",
                                           with_figures), with_figures));
  add_count (losses, with_lists,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the lists of %u event", "the lists of %u events",
                                           with_lists), with_lists));
  if (styled_kinds)
    g_ptr_array_add (losses, g_strdup (_("the kinds’ colours and glyphs")));

  return losses;
}
