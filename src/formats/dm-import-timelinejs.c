/* dm-import-timelinejs.c — reading TimelineJS3 files, and TimelineJS 2's
 *
 * TimelineJS3: {"title": slide, "events": [slide…], "eras": [era…],
 * "scale": "human" | "cosmological"}, where a slide has start_date and
 * end_date objects ({"year": …, "month": …, …}), text {headline, text} in
 * HTML, media {url, caption, credit…}, group, unique_id, display_date,
 * background and autolink. TimelineJS 2: {"timeline": {"headline", "text",
 * "date": [{"startDate": "2011,12,10", "endDate", "headline", "text",
 * "tag", "asset": {"media", "credit", "caption"}}], "era": […]}}.
 *
 * Real files write numbers as strings and leave empty strings for what
 * they do not have; both are read as the tools read them. Groups (tags)
 * become kinds in the order they first appear. Years are JavaScript's
 * (setFullYear), which are astronomical years: 0 is 1 BCE, -1 is 2 BCE.
 * A slide or era that TimelineJS would refuse (no year, a date that does
 * not exist) is left out with a warning, as TimelineJS leaves it out, and
 * the rest of the file opens (data/IMPORT.md). What TimelineJS keeps for display only
 * (display_date, background, autolink, date formats, the media object) is
 * kept in the event's extra members, so that exporting writes it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-html.h"
#include "dm-import.h"

#define MAX_TITLE_CHARS 80

static const char * const root_members[] = { "events", "title", "eras", "scale", NULL };
static const char * const title_members[] = { "text", "background", "autolink", "unique_id", NULL };
static const char * const slide_members[] = { "start_date", "end_date", "text", "media", "group", "unique_id", NULL };
static const char * const slide_kept[] = { "display_date", "background", "autolink", NULL };
static const char * const text_members[] = { "headline", "text", NULL };
static const char * const date_members[] = { "year", "month", "day", "hour", "minute", "second", "millisecond", NULL };
static const char * const date_kept[] = { "display_date", "format", NULL };
static const char * const media_members[] = { "url", "caption", "credit", "thumbnail", "alt", "title", "link",
                                               "link_target", NULL };
static const char * const era_members[] = { "start_date", "end_date", "text", NULL };

static const char * const v2_root_members[] = { "timeline", NULL };
static const char * const v2_timeline_members[] = { "headline", "text", "date", "era", "type", "startDate", NULL };
static const char * const v2_date_members[] = { "startDate", "endDate", "headline", "text", "tag", "asset", NULL };
static const char * const v2_date_kept[] = { "classname", NULL };
static const char * const v2_asset_members[] = { "media", "credit", "caption", "thumbnail", NULL };
static const char * const v2_era_members[] = { "startDate", "endDate", "headline", "text", "tag", NULL };

/* What Dấu Mốc says when it leaves out what TimelineJS leaves out. */
#define TOOL_NAME "TimelineJS"

/* Texts */

/* The first line of @text, shortened at a word to about MAX_TITLE_CHARS. */
static char *
first_line (const char *text)
{
  const char *newline = strchr (text, '\n');
  g_autofree char *line = newline ? g_strndup (text, newline - text) : g_strdup (text);
  const char *cut;
  const char *space = NULL;

  if (g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, MAX_TITLE_CHARS);
  for (const char *p = line; p < cut; p++)
    if (*p == ' ')
      space = p;
  if (space != NULL && space > line)
    cut = space;

  return g_strdup_printf ("%.*s…", (int) (cut - line), line);
}

/* The title from the headline; without one, from the text, the media's
 * caption, or the date. Takes @headline and @body. */
static void
set_texts (DmImport   *self,
           DmEvent    *event,
           char       *headline,
           char       *body,
           const char *caption)
{
  g_autofree char *title = dm_html_take_text_line (headline);
  char *summary = dm_html_take_text (body);

  if (title[0] == '\0')
    {
      g_free (title);
      if (summary[0] != '\0')
        title = first_line (summary);
      else if (caption != NULL && caption[0] != '\0')
        title = g_strdup (caption);
      else
        title = dm_date_to_iso (&event->start);
    }

  dm_import_set_text (self, &event->title, g_steal_pointer (&title));
  dm_import_set_text (self, &event->summary, summary);
}

static char *
get_line (DmImport         *self,
          const DmJsonNode *object,
          const char       *member)
{
  char *html = dm_import_get_string (self, object, member);
  char *line;

  if (html == NULL)
    return NULL;

  line = dm_html_take_text_line (html);
  if (line[0] == '\0')
    g_clear_pointer (&line, g_free);

  return line;
}

static void
set_kind (DmImport   *self,
          DmEvent    *event,
          const char *group)
{
  event->kind = g_strdup (dm_import_get_kind (self, group, group, NULL));
}

/* Media: an http(s) address becomes a link (never fetched); the media
 * object is kept as TimelineJS3 writes it. @url_member names the address
 * ("url", or "media" in TimelineJS 2's asset). Returns the caption. */
static char *
read_media (DmImport           *self,
            const DmJsonNode   *slide,
            const char         *member,
            const char         *url_member,
            const char * const *known,
            DmEvent            *event)
{
  const DmJsonNode *media = dm_import_get_object (self, slide, member, FALSE);
  g_autofree char *url = NULL;
  g_autofree char *scheme = NULL;
  char *caption;
  gsize length;

  if (media == NULL)
    return NULL;

  length = dm_problem_log_push_member (&self->log, member);
  dm_import_check_members (self, media, known, NULL, NULL);
  url = dm_import_get_string (self, media, url_member);
  caption = get_line (self, media, "caption");

  if (url != NULL && dm_is_web_address (url))
    {
      DmLink *link = dm_link_new ();
      JsonObject *kept = json_object_new ();
      static const char * const copied[] = { "caption", "credit", "thumbnail", "alt", "title", "link", "link_target" };

      link->url = g_strdup (url);
      dm_import_set_text (self, &link->title, caption != NULL ? g_strdup (caption) : get_line (self, media, "title"));
      if (event->links == NULL)
        event->links = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_link_free);
      g_ptr_array_add (event->links, link);

      /* As TimelineJS3 writes it, whichever version the file had. */
      json_object_set_string_member (kept, "url", url);
      for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
        {
          const DmJsonNode *node = dm_json_node_get_member (media, copied[i]);
          const char *value;

          if (node == NULL || node->type != DM_JSON_STRING)
            continue;
          value = node->v.string;
          if (value[0] == '\0')
            continue;
          /* Addresses only to the web, as the media's own. */
          if ((g_str_equal (copied[i], "thumbnail") && !dm_is_media_address (value)) ||
              (g_str_equal (copied[i], "link") && !dm_is_web_address (value)))
            continue;
          json_object_set_string_member (kept, copied[i], value);
        }
      if (event->extra == NULL)
        event->extra = json_object_new ();
      json_object_set_object_member (event->extra, "media", kept);
    }
  else if (url != NULL && (scheme = g_uri_parse_scheme (url)) != NULL &&
           g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    dm_problem_log_warning (&self->log, url_member, _("only http and https media are kept, not “%s:”"), scheme);
  else if (url != NULL)
    dm_problem_log_warning (&self->log, url_member, _("this media is not a valid web address; it is left out"));

  dm_problem_log_pop (&self->log, length);

  return caption;
}

/* TimelineJS3 */

/* A date object. One with no parts at all counts as missing (spreadsheet
 * exports write them). Its display_date and format are kept in @extra,
 * under the same member name. */
static gboolean
read_date_object (DmImport         *self,
                  const DmJsonNode *parent,
                  const char       *member,
                  gboolean          required,
                  DmDate           *date,
                  JsonObject      **extra)
{
  const DmJsonNode *node = dm_import_get_member (self, parent, member, required);
  const char * const *names = dm_import_date_part_names ();
  g_autoptr(JsonObject) kept = NULL;
  DmDateParts parts = { 0 };
  gboolean any = FALSE;
  gboolean ok = TRUE;
  gsize length;

  if (node == NULL)
    return !required;

  if (node->type != DM_JSON_OBJECT)
    {
      dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_TYPE, member,
                          _("expected an object with a year, like {\"year\": 1815}, found %s"),
                          dm_json_node_describe (node));
      return FALSE;
    }

  length = dm_problem_log_push_member (&self->log, member);

  dm_import_check_members (self, node, date_members, date_kept, &kept);
  for (guint part = 0; part < DM_DATE_N_PARTS; part++)
    {
      ok &= dm_import_get_integer (self, node, names[part], &parts.value[part], &parts.present[part]);
      any |= parts.present[part];
    }

  if (ok && (any || required))
    {
      ok = dm_import_date_from_parts (self, &parts, names, date);
    }

  dm_problem_log_pop (&self->log, length);

  if (kept != NULL && extra != NULL)
    {
      if (*extra == NULL)
        *extra = json_object_new ();
      json_object_set_object_member (*extra, member, g_steal_pointer (&kept));
    }

  return ok;
}

/* Reads text {headline, text}. */
static void
read_text (DmImport         *self,
           const DmJsonNode *slide,
           char            **headline,
           char            **body)
{
  const DmJsonNode *text = dm_import_get_object (self, slide, "text", FALSE);
  gsize length;

  if (text == NULL)
    return;

  length = dm_problem_log_push_member (&self->log, "text");
  dm_import_check_members (self, text, text_members, NULL, NULL);
  *headline = dm_import_get_string (self, text, "headline");
  *body = dm_import_get_string (self, text, "text");
  dm_problem_log_pop (&self->log, length);
}

/* What Dấu Mốc's own export says in a display_date beyond the dates
 * (dm-export-timelinejs.c): an open-ended date, "no later than 2019",
 * and a date worked out, "2019 (inferred)". Other tools' wording is left
 * alone: the display_date is kept as it was in any case. */
static void
read_display_date (const DmJsonNode *slide,
                   DmEvent          *event)
{
  static const struct { const char *prefix; DmBound bound; } bounds[] = {
    { "no later than ", DM_BOUND_BEFORE },
    { "no earlier than ", DM_BOUND_AFTER },
    { "không muộn hơn ", DM_BOUND_BEFORE },
    { "không sớm hơn ", DM_BOUND_AFTER },
  };
  static const struct { const char *suffix; DmCertainty certainty; } levels[] = {
    { " (inferred)", DM_CERTAINTY_INFERRED },
    { " (approximate)", DM_CERTAINTY_APPROXIMATE },
    { " (suy luận)", DM_CERTAINTY_INFERRED },
    { " (ước tính)", DM_CERTAINTY_APPROXIMATE },
  };
  const DmJsonNode *node = dm_json_node_get_member (slide, "display_date");
  const char *text;

  if (node == NULL || node->type != DM_JSON_STRING)
    return;
  text = node->v.string;

  /* Only a point can be open-ended. */
  for (guint i = 0; i < G_N_ELEMENTS (bounds) && !dm_date_is_set (&event->end); i++)
    if (g_str_has_prefix (text, bounds[i].prefix))
      event->start_bound = bounds[i].bound;

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_has_suffix (text, levels[i].suffix))
      {
        event->certainty = levels[i].certainty;
        event->certainty_form = DM_CERTAINTY_FORM_STRING;
      }
}

/* What a slide gives on its own: everything but its id and its kind,
 * which depend on the slides before it. */
typedef struct
{
  DmEvent  *event;
  char     *id;             /* the id it asks for or is made for it */
  gboolean  id_generated;
  char     *group;
  gboolean  ok;             /* FALSE: left out, as TimelineJS leaves it */
  gboolean  is_slide;       /* FALSE: not an object, nothing to add */
  guint     problems_end;   /* in the problems of the half that read it */
} SlideParts;

/* Reads @node's own parts into @parts; FALSE when it is not an object. */
typedef gboolean (*PartsFunc) (DmImport *self, const DmJsonNode *node, guint index, SlideParts *parts);

static void
slide_parts_clear (SlideParts *parts)
{
  g_clear_pointer (&parts->event, dm_event_free);
  g_clear_pointer (&parts->id, g_free);
  g_clear_pointer (&parts->group, g_free);
}

static gboolean
read_slide_parts (DmImport         *self,
                  const DmJsonNode *node,
                  guint             index,
                  SlideParts       *parts)
{
  g_autofree char *given = NULL;
  g_autoptr(DmEvent) event = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *caption = NULL;
  const DmJsonNode *slide;
  gboolean ok = TRUE;

  slide = dm_import_expect_object (self, node);
  if (slide == NULL)
    return FALSE;
  event = dm_event_new ();
  dm_import_check_members (self, slide, slide_members, slide_kept, &event->extra);

  ok &= read_date_object (self, slide, "start_date", TRUE, &event->start, &event->extra);
  ok &= read_date_object (self, slide, "end_date", FALSE, &event->end, &event->extra);
  ok = ok && dm_import_check_order (self, &event->start, &event->end, "end_date");
  read_display_date (slide, event);

  read_text (self, slide, &headline, &body);
  caption = read_media (self, slide, "media", "url", media_members, event);
  parts->group = get_line (self, slide, "group");
  given = dm_import_get_string (self, slide, "unique_id");

  set_texts (self, event, g_steal_pointer (&headline), g_steal_pointer (&body), caption);
  parts->id = dm_import_wanted_event_id (self, given, "unique_id", index,
                                         dm_text_get (&event->title, DM_LANGUAGE_EN), &parts->id_generated);
  parts->event = g_steal_pointer (&event);
  parts->ok = ok;

  return TRUE;
}

static void
read_era (DmImport         *self,
          const DmJsonNode *node)
{
  g_autoptr(DmEra) era = dm_era_new ();
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  guint first_problem = self->log.problems->len;
  const DmJsonNode *object;
  gboolean ok = TRUE;

  object = dm_import_expect_object (self, node);
  if (object == NULL)
    return;
  dm_import_check_members (self, object, era_members, NULL, NULL);

  ok &= read_date_object (self, object, "start_date", TRUE, &era->start, &era->extra);
  ok &= read_date_object (self, object, "end_date", FALSE, &era->end, &era->extra);
  if (ok && !dm_date_is_set (&era->end))
    {
      dm_problem_log_warning (&self->log, NULL, _("an era needs an end date; this one is left out"));
      return;
    }
  ok = ok && dm_import_check_order (self, &era->start, &era->end, "end_date");

  read_text (self, object, &headline, &body);
  dm_import_set_text (self, &era->title, dm_html_to_text_line (headline));
  if (body != NULL)
    {
      gsize length = dm_problem_log_push_member (&self->log, "text");
      dm_problem_log_warning (&self->log, "text", _("an era has only a title in Dấu Mốc; its text is left out"));
      dm_problem_log_pop (&self->log, length);
    }

  if (ok)
    g_ptr_array_add (self->eras, g_steal_pointer (&era));
  else
    dm_import_leave_out (self, first_problem, TOOL_NAME);
}

typedef void (*ElementFunc) (DmImport *self, const DmJsonNode *node, guint index);

static void
read_array (DmImport         *self,
            const DmJsonNode *object,
            const char       *member,
            ElementFunc       func)
{
  const DmJsonNode *node = dm_import_get_array (self, object, member, FALSE);
  gsize length;
  guint i = 0;

  if (node == NULL)
    return;

  length = dm_problem_log_push_member (&self->log, member);
  for (const DmJsonNode *element = node->v.first; element != NULL; element = element->next, i++)
    {
      gsize element_length = dm_problem_log_push_index (&self->log, i);

      func (self, element, i);
      dm_problem_log_pop (&self->log, element_length);
    }
  dm_problem_log_pop (&self->log, length);
}

/* Gives the slide its id and its kind, and adds it (or leaves it out,
 * turning its errors since @first_problem into warnings). */
static void
add_slide (DmImport   *self,
           SlideParts *parts,
           const char *id_member,
           guint       first_problem)
{
  g_autoptr(DmEvent) event = g_steal_pointer (&parts->event);

  event->id = dm_import_take_event_id (self, g_steal_pointer (&parts->id), parts->id_generated, id_member);
  set_kind (self, event, parts->group);

  if (parts->ok)
    g_ptr_array_add (self->events, g_steal_pointer (&event));
  else
    dm_import_leave_out (self, first_problem, TOOL_NAME);
  slide_parts_clear (parts);
}

/* Reading the slides on two processors.
 *
 * A slide's own parts (dates, texts, media, group) are most of the work of
 * an import and depend on no other slide; its id and its kind do (ids are
 * made unique in the file's order, kinds numbered as they first appear).
 * From split_min_slides slides, a thread reads the second half's own parts
 * (a little more than half the slides) into an import of its own (its own
 * problems, at the same paths) while this one reads the first half whole; then the second half's slides get
 * their ids and kinds in order, each slide's problems put where reading in
 * order puts them. The dataset and the problems are the same as reading in
 * order (/import/timelinejs/halves compares them). */
#define SPLIT_MIN_SLIDES 4096

static guint split_min_slides = SPLIT_MIN_SLIDES;
static gint n_split;

void
dm_import_set_split_slides (guint min_slides)
{
  split_min_slides = min_slides != 0 ? min_slides : SPLIT_MIN_SLIDES;
}

guint
dm_import_get_n_split_slides (void)
{
  return g_atomic_int_get (&n_split);
}

typedef struct
{
  DmImport          import;
  GPtrArray        *problems;
  const DmJsonNode *first;
  guint             first_index;
  guint             n;
  PartsFunc         func;
  SlideParts       *parts;
} Half;

static gpointer
read_half (gpointer data)
{
  Half *half = data;
  const DmJsonNode *element = half->first;

  for (guint i = 0; i < half->n; i++, element = element->next)
    {
      gsize length = dm_problem_log_push_index (&half->import.log, half->first_index + i);

      half->parts[i].is_slide = half->func (&half->import, element, half->first_index + i, &half->parts[i]);
      half->parts[i].problems_end = half->problems->len;
      dm_problem_log_pop (&half->import.log, length);
    }

  return NULL;
}

/* Every id the file's slides give, before any is made. */
static void
reserve_ids (DmImport         *self,
             const DmJsonNode *array,
             const char       *id_member)
{
  for (const DmJsonNode *element = array->v.first; element != NULL; element = element->next)
    {
      const DmJsonNode *id;

      if (element->type != DM_JSON_OBJECT)
        continue;
      id = dm_json_node_get_member (element, id_member);
      if (id != NULL && id->type == DM_JSON_STRING)
        dm_import_reserve_id (self, id->v.string);
    }
}

static void
read_slides (DmImport         *self,
             const DmJsonNode *object,
             const char       *member,
             PartsFunc         func,
             const char       *id_member)
{
  const DmJsonNode *node = dm_import_get_array (self, object, member, FALSE);
  const DmJsonNode *element;
  Half half = { 0 };
  GThread *thread = NULL;
  guint n_first;
  gsize length;
  guint i = 0;

  if (node == NULL)
    return;

  length = dm_problem_log_push_member (&self->log, member);

  n_first = node->n;
  if (node->n >= split_min_slides)
    {
      /* A little under half here: this thread also reserves the ids
       * (about a fifth of reading a half) and, once the other is done,
       * adds its slides (another fifth, measured on 100 000 slides). */
      n_first = (guint) ((guint64) node->n * 9 / 20);
      half.first = node->v.first;
      for (guint k = 0; k < n_first; k++)
        half.first = half.first->next;
      half.first_index = n_first;
      half.n = node->n - n_first;
      half.func = func;
      half.parts = g_new0 (SlideParts, half.n);
      half.problems = g_ptr_array_new ();
      dm_import_init (&half.import, self->dataset, NULL, half.problems);
      g_string_assign (half.import.log.path, self->log.path->str);
      thread = g_thread_new ("dm-import-half", read_half, &half);
      g_atomic_int_inc (&n_split);
    }

  if (id_member != NULL)
    reserve_ids (self, node, id_member);

  for (element = node->v.first; i < n_first; element = element->next, i++)
    {
      gsize element_length = dm_problem_log_push_index (&self->log, i);
      guint first_problem = self->log.problems->len;
      SlideParts parts = { 0 };

      if (func (self, element, i, &parts))
        add_slide (self, &parts, id_member, first_problem);
      dm_problem_log_pop (&self->log, element_length);
    }

  if (thread != NULL)
    {
      guint problem = 0;

      g_thread_join (thread);
      for (guint k = 0; k < half.n; k++, i++)
        {
          gsize element_length = dm_problem_log_push_index (&self->log, i);
          guint first_problem = self->log.problems->len;

          for (; problem < half.parts[k].problems_end; problem++)
            g_ptr_array_add (self->log.problems, g_ptr_array_index (half.problems, problem));
          if (half.parts[k].is_slide)
            add_slide (self, &half.parts[k], id_member, first_problem);
          dm_problem_log_pop (&self->log, element_length);
        }
      g_ptr_array_unref (half.problems);
      g_free (half.parts);
      dm_import_clear (&half.import);
    }

  dm_problem_log_pop (&self->log, length);
}

static void
read_era_element (DmImport         *self,
                  const DmJsonNode *node,
                  guint             index)
{
  read_era (self, node);
}

static void
read_title_slide (DmImport         *self,
                  const DmJsonNode *root)
{
  const DmJsonNode *title = dm_import_get_object (self, root, "title", FALSE);
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  gsize length;

  if (title == NULL)
    return;

  length = dm_problem_log_push_member (&self->log, "title");
  dm_import_check_members (self, title, title_members, NULL, NULL);
  read_text (self, title, &headline, &body);
  dm_import_set_text (self, dm_dataset_get_title_mutable (self->dataset), dm_html_to_text_line (headline));
  dm_import_set_text (self, dm_dataset_get_description_mutable (self->dataset), dm_html_to_text (body));
  dm_problem_log_pop (&self->log, length);
}

/* Leaving out every event leaves nothing to show: TimelineJS then shows
 * an error, and so does Dấu Mốc. */
static void
check_some_left (DmImport         *self,
                 const DmJsonNode *object,
                 const char       *member)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);

  if (self->events->len == 0 && node != NULL && node->type == DM_JSON_ARRAY && node->n > 0)
    dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_DATE, member,
                        _("none of the events has a date that can be shown"));
}

static void
import_v3 (DmImport         *self,
           const DmJsonNode *root)
{
  g_autofree char *scale = NULL;

  dm_import_check_members (self, root, root_members, NULL, NULL);

  /* Dấu Mốc's axis holds any year: the scale needs no mapping. */
  scale = dm_import_get_string (self, root, "scale");
  if (scale != NULL && strcmp (scale, "human") != 0 && strcmp (scale, "cosmological") != 0)
    dm_problem_log_warning (&self->log, "scale", _("unknown scale “%s”; TimelineJS knows “human” and “cosmological”"), scale);

  read_title_slide (self, root);
  read_slides (self, root, "events", read_slide_parts, "unique_id");
  check_some_left (self, root, "events");
  read_array (self, root, "eras", read_era_element);
}

/* TimelineJS 2 */

/* A number (the year) or a text, read as TimelineJS 2 read it
 * (dm_import_parse_date_text()). */
static gboolean
read_v2_date (DmImport         *self,
              const DmJsonNode *entry,
              const char       *member,
              gboolean          required,
              DmDate           *date)
{
  const DmJsonNode *node = dm_json_node_get_member (entry, member);
  g_autofree char *text = NULL;
  DmDateParts parts = { 0 };
  gboolean ok;
  gsize length;

  if (node != NULL && (node->type == DM_JSON_INTEGER || node->type == DM_JSON_DOUBLE))
    {
      if (!dm_import_get_integer (self, entry, member, &parts.value[DM_DATE_PART_YEAR],
                                  &parts.present[DM_DATE_PART_YEAR]))
        return FALSE;
      length = dm_problem_log_push_member (&self->log, member);
      ok = dm_import_date_from_parts (self, &parts, NULL, date);
      dm_problem_log_pop (&self->log, length);
      return ok;
    }

  text = dm_import_get_string (self, entry, member);
  if (text == NULL)
    {
      if (required)
        dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return !required;
    }

  length = dm_problem_log_push_member (&self->log, member);
  if (dm_import_parse_date_text (text, &parts))
    ok = dm_import_date_from_parts (self, &parts, NULL, date);
  else
    {
      dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_DATE, NULL,
                          _("“%s” is not a date Dấu Mốc can read; write it as year,month,day, like “2011,12,10”"),
                          text);
      ok = FALSE;
    }
  dm_problem_log_pop (&self->log, length);

  return ok;
}

static gboolean
read_v2_entry_parts (DmImport         *self,
                     const DmJsonNode *node,
                     guint             index,
                     SlideParts       *parts)
{
  g_autoptr(DmEvent) event = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *caption = NULL;
  const DmJsonNode *entry;
  gboolean ok = TRUE;

  entry = dm_import_expect_object (self, node);
  if (entry == NULL)
    return FALSE;
  event = dm_event_new ();
  dm_import_check_members (self, entry, v2_date_members, v2_date_kept, &event->extra);

  ok &= read_v2_date (self, entry, "startDate", TRUE, &event->start);
  ok &= read_v2_date (self, entry, "endDate", FALSE, &event->end);
  ok = ok && dm_import_check_order (self, &event->start, &event->end, "endDate");

  headline = dm_import_get_string (self, entry, "headline");
  body = dm_import_get_string (self, entry, "text");
  caption = read_media (self, entry, "asset", "media", v2_asset_members, event);
  parts->group = get_line (self, entry, "tag");

  set_texts (self, event, g_steal_pointer (&headline), g_steal_pointer (&body), caption);
  parts->id = dm_import_wanted_event_id (self, NULL, NULL, index, dm_text_get (&event->title, DM_LANGUAGE_EN),
                                         &parts->id_generated);
  parts->event = g_steal_pointer (&event);
  parts->ok = ok;

  return TRUE;
}

static void
read_v2_era (DmImport         *self,
             const DmJsonNode *node,
             guint             index)
{
  g_autoptr(DmEra) era = dm_era_new ();
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *tag = NULL;
  guint first_problem = self->log.problems->len;
  const DmJsonNode *object;
  gboolean ok = TRUE;

  object = dm_import_expect_object (self, node);
  if (object == NULL)
    return;
  dm_import_check_members (self, object, v2_era_members, NULL, NULL);

  ok &= read_v2_date (self, object, "startDate", TRUE, &era->start);
  ok &= read_v2_date (self, object, "endDate", FALSE, &era->end);
  if (ok && !dm_date_is_set (&era->end))
    {
      dm_problem_log_warning (&self->log, NULL, _("an era needs an end date; this one is left out"));
      return;
    }
  ok = ok && dm_import_check_order (self, &era->start, &era->end, "endDate");

  headline = dm_import_get_string (self, object, "headline");
  dm_import_set_text (self, &era->title, dm_html_to_text_line (headline));

  body = dm_import_get_string (self, object, "text");
  if (body != NULL)
    dm_problem_log_warning (&self->log, "text", _("an era has only a title in Dấu Mốc; its text is left out"));
  tag = dm_import_get_string (self, object, "tag");
  if (tag != NULL)
    dm_problem_log_warning (&self->log, "tag", _("eras span every lane in Dấu Mốc; the tag is left out"));

  if (ok)
    g_ptr_array_add (self->eras, g_steal_pointer (&era));
  else
    dm_import_leave_out (self, first_problem, TOOL_NAME);
}

static void
import_v2 (DmImport         *self,
           const DmJsonNode *root)
{
  const DmJsonNode *timeline = dm_json_node_get_member (root, "timeline");
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  gsize length;

  dm_import_check_members (self, root, v2_root_members, NULL, NULL);

  length = dm_problem_log_push_member (&self->log, "timeline");
  dm_import_check_members (self, timeline, v2_timeline_members, NULL, NULL);

  headline = dm_import_get_string (self, timeline, "headline");
  body = dm_import_get_string (self, timeline, "text");
  dm_import_set_text (self, dm_dataset_get_title_mutable (self->dataset), dm_html_to_text_line (headline));
  dm_import_set_text (self, dm_dataset_get_description_mutable (self->dataset), dm_html_to_text (body));

  read_slides (self, timeline, "date", read_v2_entry_parts, NULL);
  check_some_left (self, timeline, "date");
  read_array (self, timeline, "era", read_v2_era);
  dm_problem_log_pop (&self->log, length);
}

void
dm_import_timelinejs (DmDataset        *dataset,
                      const DmJsonNode *root,
                      gboolean          version_2,
                      const char       *display_name,
                      GPtrArray        *problems)
{
  DmImport import;

  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (root != NULL && root->type == DM_JSON_OBJECT);

  dm_import_init (&import, dataset, display_name, problems);
  if (version_2)
    import_v2 (&import, root);
  else
    import_v3 (&import, root);
  dm_import_finish (&import, version_2 ? DM_ORIGIN_TIMELINEJS2 : DM_ORIGIN_TIMELINEJS3);
  dm_import_clear (&import);
}
