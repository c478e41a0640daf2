/* dm-loader.c — reading the native format, validating everything
 *
 * Files in other tools' formats (TimelineJS, vis-timeline) are read into
 * the same tree (dm-json-reader.h), recognised by their shape and handed to
 * the importers in dm-import-*.c; their problems are located the same way.
 *
 * The loader never stops at the first problem: it walks the whole document,
 * records every problem with its JSON path, and only at the end maps the
 * paths back to line:column (the strict scanner knows where each value
 * starts). Whatever it does not understand it keeps, for saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dm-dataset.h"
#include "dm-debug.h"
#include "dm-format.h"
#include "dm-html.h"
#include "dm-import.h"
#include "dm-json-reader.h"
#include "dm-loader.h"
#include "dm-safe-text.h"

typedef enum
{
  REF_KIND,
  REF_SOURCE,
  REF_EVENT,
} RefType;

typedef struct
{
  RefType     type;
  const char *path;   /* in Loader.ref_strings */
  const char *id;     /* in Loader.ref_ids */
} PendingRef;

typedef struct
{
  DmProblemLog  log;
  DmDataset    *dataset;
  GHashTable   *ids[3];      /* RefType → (id → position of its first definition + 1) */
  GStringChunk *id_strings;  /* the keys of ids: one block, not one allocation each */
  GArray       *refs;        /* PendingRef */
  /* The paths and ids of the refs, in two blocks rather than two
   * allocations each (the ids, few distinct ones, kept once). */
  GStringChunk *ref_strings;
  GStringChunk *ref_ids;
  /* The ids the kinds read before the streamed events will define (see
   * note_early_kinds()); NULL when there were none. */
  GHashTable   *early_kinds;
  gboolean      early_kinds_shared; /* another loader's: not freed */
  /* A second reader's events, kept apart until they are added in order
   * (NULL: events go into the dataset). */
  GPtrArray    *events;
} Loader;

static void
loader_init (Loader    *l,
             DmDataset *dataset,
             GPtrArray *problems)
{
  l->dataset = dataset;
  dm_problem_log_init (&l->log, problems);
  for (guint i = 0; i < G_N_ELEMENTS (l->ids); i++)
    l->ids[i] = g_hash_table_new (g_str_hash, g_str_equal);
  l->id_strings = g_string_chunk_new (64 * 1024);
  l->refs = g_array_new (FALSE, FALSE, sizeof (PendingRef));
  l->ref_strings = g_string_chunk_new (64 * 1024);
  l->ref_ids = g_string_chunk_new (4 * 1024);
}

static void
loader_clear (Loader *l)
{
  for (guint i = 0; i < G_N_ELEMENTS (l->ids); i++)
    g_hash_table_unref (l->ids[i]);
  g_string_chunk_free (l->id_strings);
  g_array_unref (l->refs);
  g_string_chunk_free (l->ref_strings);
  g_string_chunk_free (l->ref_ids);
  if (!l->early_kinds_shared)
    g_clear_pointer (&l->early_kinds, g_hash_table_unref);
  g_clear_pointer (&l->events, g_ptr_array_unref);
  dm_problem_log_clear (&l->log);
}

/* A load in a worker says how far it has come through the progress of its
 * thread; the synchronous loaders have none and report nothing. */
struct _DmLoadProgress
{
  gint ref_count;
  gint permille;
};

static GPrivate thread_progress;

static void
report_progress (double fraction)
{
  DmLoadProgress *progress = g_private_get (&thread_progress);
  gint permille = (gint) CLAMP (fraction * 1000, 0, 1000);

  /* Only forward (only the loading thread writes it): a large file read
   * while it is checked, then read again, is not read twice as far. */
  if (progress != NULL && permille > g_atomic_int_get (&progress->permille))
    g_atomic_int_set (&progress->permille, permille);
}

DmLoadProgress *
dm_load_progress_new (void)
{
  DmLoadProgress *progress = g_new0 (DmLoadProgress, 1);

  progress->ref_count = 1;
  return progress;
}

DmLoadProgress *
dm_load_progress_ref (DmLoadProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  g_atomic_int_inc (&progress->ref_count);
  return progress;
}

void
dm_load_progress_unref (DmLoadProgress *progress)
{
  g_return_if_fail (progress != NULL);

  if (g_atomic_int_dec_and_test (&progress->ref_count))
    g_free (progress);
}

double
dm_load_progress_get_fraction (DmLoadProgress *progress)
{
  g_return_val_if_fail (progress != NULL, 0);

  return g_atomic_int_get (&progress->permille) / 1000.0;
}

/* Problems */

static gboolean
node_is_string (const DmJsonNode *node)
{
  return node->type == DM_JSON_STRING;
}

static gboolean
node_is_number (const DmJsonNode *node)
{
  return node->type == DM_JSON_INTEGER || node->type == DM_JSON_DOUBLE;
}

/* Members this version does not know, copied for round-trips. */
static JsonObject *
collect_extra (const DmJsonNode   *object,
               const DmFormatType *type)
{
  JsonObject *extra = NULL;

  for (const DmJsonNode *node = object->v.first; node != NULL; node = node->next)
    {
      if (dm_format_type_lookup (type, node->name) != NULL)
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, node->name, dm_json_node_to_json (node));
    }

  return extra;
}

/* Members of any kind */

/* The string @member of @object, as read (in the reader's arena, so not
 * to be kept), in @out; NULL there when it is missing and not @required. */
static gboolean
read_string_ref (Loader       *l,
                 DmJsonNode   *object,
                 const char   *member,
                 gboolean      required,
                 const char  **out)
{
  DmJsonNode *node = dm_json_node_get_member (object, member);

  if (node == NULL || (node->type == DM_JSON_NULL))
    {
      if (required)
        dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return !required;
    }

  if (!node_is_string (node))
    {
      dm_json_type_problem (&l->log, member, _("a string"), node);
      return FALSE;
    }

  if (required && node->v.string[0] == '\0')
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, member, _("must not be empty"));
      return FALSE;
    }

  *out = node->v.string;
  return TRUE;
}

static gboolean
read_string (Loader      *l,
             DmJsonNode  *object,
             const char  *member,
             gboolean     required,
             char       **out)
{
  const char *text = NULL;

  if (!read_string_ref (l, object, member, required, &text))
    return FALSE;
  if (text != NULL)
    *out = g_strdup (text);

  return TRUE;
}

/* The id @member of @object, as read (see read_string_ref()). */
static gboolean
read_id_ref (Loader      *l,
             DmJsonNode  *object,
             const char  *member,
             const char **out)
{
  const char *id = NULL;
  g_autofree char *problem = NULL;

  if (!read_string_ref (l, object, member, TRUE, &id))
    return FALSE;

  problem = dm_id_check (id);
  if (problem != NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, member, "%s", problem);
      return FALSE;
    }

  *out = id;
  return TRUE;
}

static gboolean
read_id (Loader      *l,
         DmJsonNode  *object,
         const char  *member,
         char       **out)
{
  const char *id = NULL;

  if (!read_id_ref (l, object, member, &id))
    return FALSE;

  *out = g_strdup (id);
  return TRUE;
}

/* Reads a text object ({"vi": …, "en": …}) at the current path; with
 * @as_read, @out's strings are those read (in the reader's arena, so not
 * to be kept or freed), else copies. */
static gboolean
read_text_node_as (Loader     *l,
                   DmJsonNode *node,
                   gboolean    required,
                   gboolean    as_read,
                   DmText     *out)
{
  if (node->type != DM_JSON_OBJECT)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_TYPE, NULL,
                            _("expected an object of texts by language, like {\"vi\": \"…\", \"en\": \"…\"}, found %s"),
                            dm_json_node_describe (node));
      return FALSE;
    }

  for (const DmJsonNode *value = node->v.first; value != NULL; value = value->next)
    {
      if (value->type != DM_JSON_STRING)
        {
          dm_json_type_problem (&l->log, value->name, _("a string"), value);
          return FALSE;
        }
    }

  for (const DmJsonNode *value = node->v.first; value != NULL; value = value->next)
    {
      if (strcmp (value->name, "vi") == 0)
        out->vi = as_read ? (char *) value->v.string : g_strdup (value->v.string);
      else if (strcmp (value->name, "en") == 0)
        out->en = as_read ? (char *) value->v.string : g_strdup (value->v.string);
    }
  out->extra = node->n > (guint) (out->vi != NULL) + (out->en != NULL) ? collect_extra (node, &dm_format_text) : NULL;

  if (required && dm_text_is_empty (out))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, NULL,
                            _("needs a text in at least one language (\"vi\" or \"en\")"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_text_node (Loader     *l,
                DmJsonNode *node,
                gboolean    required,
                DmText     *out)
{
  return read_text_node_as (l, node, required, FALSE, out);
}

static gboolean
read_text_as (Loader     *l,
              DmJsonNode *object,
              const char *member,
              gboolean    required,
              gboolean    as_read,
              DmText     *out)
{
  DmJsonNode *node = dm_json_node_get_member (object, member);
  gsize len = l->log.path->len;
  gboolean ok;

  if (node == NULL || (node->type == DM_JSON_NULL))
    {
      if (required)
        dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return !required;
    }

  dm_problem_path_append_member (l->log.path, member);
  ok = read_text_node_as (l, node, required, as_read, out);
  g_string_truncate (l->log.path, len);

  return ok;
}

static gboolean
read_text (Loader     *l,
           DmJsonNode *object,
           const char *member,
           gboolean    required,
           DmText     *out)
{
  return read_text_as (l, object, member, required, FALSE, out);
}

static gboolean
read_date (Loader     *l,
           DmJsonNode *object,
           const char *member,
           gboolean    required,
           DmDate     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = NULL;

  /* Parsed where it was read: a date is not kept as text. */
  if (!read_string_ref (l, object, member, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!dm_date_parse (text, out, &error))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_DATE, member, _("“%s” is not a valid date: %s"),
                            text, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_boolean (Loader     *l,
              DmJsonNode *object,
              const char *member,
              gboolean   *out)
{
  DmJsonNode *node = dm_json_node_get_member (object, member);

  if (node == NULL || node->type == DM_JSON_NULL)
    return TRUE;

  if (node->type != DM_JSON_BOOLEAN)
    {
      dm_json_type_problem (&l->log, member, _("true or false"), node);
      return FALSE;
    }

  *out = node->v.boolean;
  return TRUE;
}

/* An event's start: a date, or an open bound, {"before": date} (no later
 * than) or {"after": date} (no earlier than), of an event that has no
 * end. */
static gboolean
read_event_start (Loader     *l,
                  DmJsonNode *object,
                  DmEvent    *event)
{
  DmJsonNode *node = dm_json_node_get_member (object, "start");
  DmJsonNode *before;
  DmJsonNode *after;
  gsize len = l->log.path->len;
  gboolean ok = TRUE;

  if (node == NULL || node->type != DM_JSON_OBJECT)
    return read_date (l, object, "start", TRUE, &event->start);

  dm_problem_path_append_member (l->log.path, "start");
  before = dm_json_node_get_member (node, "before");
  after = dm_json_node_get_member (node, "after");
  /* null is no bound, as a null member is none elsewhere. */
  if (before != NULL && before->type == DM_JSON_NULL)
    before = NULL;
  if (after != NULL && after->type == DM_JSON_NULL)
    after = NULL;

  if (before != NULL && after != NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "after",
                            _("an open start has one bound, “before” or “after”, not both; "
                            "an event known to lie between two dates is a range"));
      ok = FALSE;
    }
  else if (before == NULL && after == NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, NULL,
                            _("an open start needs “before” (no later than) or “after” (no earlier than) a date"));
      ok = FALSE;
    }
  else
    {
      event->start_bound = before != NULL ? DM_BOUND_BEFORE : DM_BOUND_AFTER;
      ok &= read_date (l, node, before != NULL ? "before" : "after", TRUE, &event->start);
    }

  event->start_extra = collect_extra (node, &dm_format_open_start);
  g_string_truncate (l->log.path, len);

  if (ok && dm_json_node_get_member (object, "end") != NULL &&
      dm_json_node_get_member (object, "end")->type != DM_JSON_NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "end",
                            _("an event with an open start has no end: only one bound of its date is known"));
      ok = FALSE;
    }

  return ok;
}

static gboolean
read_url (Loader      *l,
          DmJsonNode  *object,
          const char  *member,
          gboolean     required,
          char       **out)
{
  g_autofree char *url = NULL;
  g_autofree char *problem = NULL;

  if (!read_string (l, object, member, required, &url))
    return FALSE;
  if (url == NULL)
    return TRUE;

  problem = dm_url_check (url);
  if (problem != NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, member, "%s", problem);
      return FALSE;
    }

  *out = g_steal_pointer (&url);
  return TRUE;
}

static gboolean
is_color (const char *text)
{
  gsize len = strlen (text);

  if (text[0] != '#' || (len != 4 && len != 7))
    return FALSE;

  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
read_color (Loader      *l,
            DmJsonNode  *object,
            char       **out)
{
  if (!read_string (l, object, "color", FALSE, out))
    return FALSE;

  if (*out != NULL && !is_color (*out))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "color",
                            _("“%s” is not a colour; write it as #rrggbb"), *out);
      return FALSE;
    }

  return TRUE;
}

/* The span of @end may not end before @start's begins. */
static gboolean
check_date_order (Loader       *l,
                  const DmDate *start,
                  const DmDate *end,
                  gboolean      era)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!dm_date_ends_before_start (start, end, &start_text, &end_text))
    return TRUE;

  if (era)
    dm_problem_log_error (&l->log, DM_DATASET_ERROR_DATE_ORDER, "end",
                          _("the era ends (%s) before it starts (%s)"), end_text, start_text);
  else
    dm_problem_log_error (&l->log, DM_DATASET_ERROR_DATE_ORDER, "end",
                          _("the event ends (%s) before it starts (%s)"), end_text, start_text);

  return FALSE;
}

/* Calls @func for each element of the array member @member (which may be
 * missing unless @required); returns FALSE if anything was wrong. */
typedef gboolean (*ElementFunc) (Loader *l, DmJsonNode *node, guint index, gpointer data);

static gboolean
read_array (Loader      *l,
            DmJsonNode  *object,
            const char  *member,
            gboolean     required,
            ElementFunc  func,
            gpointer     data)
{
  DmJsonNode *node = dm_json_node_get_member (object, member);
  gsize len = l->log.path->len;
  gboolean ok = TRUE;
  guint i = 0;

  if (node == NULL || (node->type == DM_JSON_NULL))
    {
      if (required)
        dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return !required;
    }

  if (!(node->type == DM_JSON_ARRAY))
    {
      dm_json_type_problem (&l->log, member, _("an array"), node);
      return FALSE;
    }

  dm_problem_path_append_member (l->log.path, member);
  for (DmJsonNode *element = node->v.first; element != NULL; element = element->next, i++)
    {
      gsize element_len = l->log.path->len;

      dm_problem_path_append_index (l->log.path, i);
      if (!func (l, element, i, data))
        ok = FALSE;
      g_string_truncate (l->log.path, element_len);
    }
  g_string_truncate (l->log.path, len);

  return ok;
}

static DmJsonNode *
expect_object (Loader     *l,
               DmJsonNode *node)
{
  if (!(node->type == DM_JSON_OBJECT))
    {
      dm_json_type_problem (&l->log, NULL, _("an object"), node);
      return NULL;
    }

  return node;
}

static const char * const ref_arrays[] = { "kinds", "sources", "events" };

/* Notes that the @index-th element of the @type array defines @id. */
static void
define_id (Loader     *l,
           RefType     type,
           const char *id,
           guint       index,
           const char *member)
{
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (l->ids[type], id));

  if (first != 0)
    {
      g_autofree char *first_path = g_strdup_printf ("%s[%u]", ref_arrays[type], first - 1);

      dm_problem_log_error (&l->log, DM_DATASET_ERROR_DUPLICATE_ID, member,
                            _("the id “%s” is already used by %s"), id, first_path);
      return;
    }

  g_hash_table_insert (l->ids[type], g_string_chunk_insert (l->id_strings, id), GUINT_TO_POINTER (index + 1));
}

/* A reference is checked at the end, once every id is known, unless the
 * id is known already (as kinds usually are before the events). */
static void
refer_to (Loader     *l,
          RefType     type,
          const char *id,
          const char *member)
{
  PendingRef ref;
  gsize len = l->log.path->len;

  if (g_hash_table_contains (l->ids[type], id))
    return;
  if (type == REF_KIND && l->early_kinds != NULL && g_hash_table_contains (l->early_kinds, id))
    return;

  dm_problem_path_append_member (l->log.path, member);
  ref.type = type;
  ref.path = g_string_chunk_insert_len (l->ref_strings, l->log.path->str, l->log.path->len);
  ref.id = g_string_chunk_insert_const (l->ref_ids, id);
  g_array_append_val (l->refs, ref);
  g_string_truncate (l->log.path, len);
}

/* The kinds are read with the rest of the document, after the events
 * were streamed; but the file usually gives them first, and then every
 * event's kind would wait for the final check. Notes the ids that
 * read_kind() will define — those of the objects with an "id" that
 * read_id() takes — so that references to them need not wait. */
static void
note_early_kinds (Loader           *l,
                  const DmJsonNode *kinds)
{
  if (kinds->type != DM_JSON_ARRAY)
    return;

  for (const DmJsonNode *element = kinds->v.first; element != NULL; element = element->next)
    {
      const DmJsonNode *id;
      g_autofree char *problem = NULL;

      if (element->type != DM_JSON_OBJECT)
        continue;
      id = dm_json_node_get_member (element, "id");
      if (id == NULL || id->type != DM_JSON_STRING || id->v.string[0] == '\0')
        continue;
      if ((problem = dm_id_check (id->v.string)) != NULL)
        continue;
      if (l->early_kinds == NULL)
        l->early_kinds = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_add (l->early_kinds, g_string_chunk_insert_const (l->ref_ids, id->v.string));
    }
}

/* Kinds and sources */

static gboolean
read_kind (Loader   *l,
           DmJsonNode *node,
           guint     index,
           gpointer  data)
{
  g_autoptr(DmKind) kind = dm_kind_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id (l, object, "id", &kind->id);
  ok &= read_text (l, object, "label", TRUE, &kind->label);
  ok &= read_string (l, object, "icon", FALSE, &kind->icon);

  ok &= read_color (l, object, &kind->color);

  if (kind->id != NULL)
    define_id (l, REF_KIND, kind->id, index, "id");

  kind->extra = collect_extra (object, &dm_format_kind);
  if (ok)
    dm_dataset_add_kind (l->dataset, g_steal_pointer (&kind));

  return ok;
}

static gboolean
read_source (Loader   *l,
             DmJsonNode *node,
             guint     index,
             gpointer  data)
{
  g_autoptr(DmSource) source = dm_source_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id (l, object, "id", &source->id);
  ok &= read_text (l, object, "title", FALSE, &source->title);
  ok &= read_string (l, object, "publisher", FALSE, &source->publisher);
  ok &= read_string (l, object, "author", FALSE, &source->author);
  ok &= read_date (l, object, "date", FALSE, &source->date);
  ok &= read_url (l, object, "url", FALSE, &source->url);

  if (read_string (l, object, "file", FALSE, &source->file) && source->file != NULL &&
      (source->file[0] == '\0' || strchr (source->file, '/') != NULL ||
       strchr (source->file, '\\') != NULL || strcmp (source->file, "..") == 0 ||
       strcmp (source->file, ".") == 0))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "file",
                            _("a source file is named without folders, like “001_article.txt”"));
      ok = FALSE;
    }

  if (source->id != NULL)
    define_id (l, REF_SOURCE, source->id, index, "id");

  source->extra = collect_extra (object, &dm_format_source);
  if (ok)
    dm_dataset_add_source (l->dataset, g_steal_pointer (&source));

  return ok;
}

static gboolean
read_era (Loader   *l,
          DmJsonNode *node,
          guint     index,
          gpointer  data)
{
  g_autoptr(DmEra) era = dm_era_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_text (l, object, "title", FALSE, &era->title);
  ok &= read_date (l, object, "start", TRUE, &era->start);
  ok &= read_date (l, object, "end", TRUE, &era->end);
  ok &= read_color (l, object, &era->color);
  ok &= check_date_order (l, &era->start, &era->end, TRUE);

  era->extra = collect_extra (object, &dm_format_era);
  if (ok)
    dm_dataset_add_era (l->dataset, g_steal_pointer (&era));

  return ok;
}

static gboolean
read_tag_label (Loader     *l,
                DmJsonNode *node,
                guint       index,
                gpointer    data)
{
  g_autoptr(DmTag) tag = dm_tag_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id (l, object, "id", &tag->id);
  ok &= read_text (l, object, "label", TRUE, &tag->label);

  if (tag->id != NULL && dm_dataset_lookup_tag_label (l->dataset, tag->id) != NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_DUPLICATE_ID, "id",
                            _("the tag “%s” has a label already"), tag->id);
      ok = FALSE;
    }

  tag->extra = collect_extra (object, &dm_format_tag);
  if (ok)
    dm_dataset_add_tag_label (l->dataset, g_steal_pointer (&tag));

  return ok;
}

/* Parts of events */

static gboolean
read_actor (Loader   *l,
            DmJsonNode *node,
            guint     index,
            gpointer  data)
{
  GPtrArray **actors = data;
  g_autoptr(DmActor) actor = dm_actor_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_string (l, object, "name", TRUE, &actor->name);
  ok &= read_text (l, object, "role", FALSE, &actor->role);
  ok &= read_boolean (l, object, "as_printed", &actor->as_printed);
  actor->extra = collect_extra (object, &dm_format_actor);

  if (ok)
    {
      if (*actors == NULL)
        *actors = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_actor_free);
      g_ptr_array_add (*actors, g_steal_pointer (&actor));
    }

  return ok;
}

static gboolean
read_tag (Loader   *l,
          DmJsonNode *node,
          guint     index,
          gpointer  data)
{
  GPtrArray **tags = data;

  if (!node_is_string (node))
    {
      dm_json_type_problem (&l->log, NULL, _("a string"), node);
      return FALSE;
    }

  if (node->v.string[0] == '\0')
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, NULL, _("a tag must not be empty"));
      return FALSE;
    }

  if (*tags == NULL)
    *tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*tags, g_strdup (node->v.string));

  return TRUE;
}

static gboolean
read_relation (Loader   *l,
               DmJsonNode *node,
               guint     index,
               gpointer  data)
{
  GPtrArray **related = data;
  const char * const *relation_names = dm_format_type_lookup (&dm_format_relation, "relation")->values;
  g_autoptr(DmRelation) relation = dm_relation_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id (l, object, "event", &relation->event);

  if (read_string (l, object, "relation", TRUE, &relation->relation) &&
      !g_strv_contains (relation_names, relation->relation))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) relation_names);
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "relation",
                            _("unknown relation “%s”; use one of %s"), relation->relation, known);
      ok = FALSE;
    }
  else if (relation->relation == NULL)
    ok = FALSE;

  if (relation->event != NULL)
    refer_to (l, REF_EVENT, relation->event, "event");

  relation->extra = collect_extra (object, &dm_format_relation);
  if (ok)
    {
      if (*related == NULL)
        *related = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_relation_free);
      g_ptr_array_add (*related, g_steal_pointer (&relation));
    }

  return ok;
}

static gboolean
read_citation (Loader   *l,
               DmJsonNode *node,
               guint     index,
               gpointer  data)
{
  GPtrArray **citations = data;
  g_autoptr(DmCitation) citation = dm_citation_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id (l, object, "source", &citation->source);
  ok &= read_string (l, object, "quote", FALSE, &citation->quote);
  ok &= read_text (l, object, "translation", FALSE, &citation->translation);

  if (citation->source != NULL)
    refer_to (l, REF_SOURCE, citation->source, "source");

  citation->extra = collect_extra (object, &dm_format_citation);
  if (ok)
    {
      if (*citations == NULL)
        *citations = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_citation_free);
      g_ptr_array_add (*citations, g_steal_pointer (&citation));
    }

  return ok;
}

static gboolean
read_figure (Loader   *l,
             DmJsonNode *node,
             guint     index,
             gpointer  data)
{
  GPtrArray **figures = data;
  g_autoptr(DmFigure) figure = dm_figure_new ();
  DmJsonNode *object;
  DmJsonNode *value;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_text (l, object, "label", TRUE, &figure->label);
  ok &= read_text (l, object, "display", FALSE, &figure->display);

  value = dm_json_node_get_member (object, "value");
  if (value == NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, "value", _("this member is required"));
      ok = FALSE;
    }
  else if (!node_is_number (value))
    {
      dm_json_type_problem (&l->log, "value", _("a number"), value);
      ok = FALSE;
    }
  else
    {
      figure->value_is_integer = value->type == DM_JSON_INTEGER;
      if (figure->value_is_integer)
        {
          /* Kept exactly: a double cannot hold every 64-bit integer. */
          figure->integer = value->v.integer;
          figure->value = (double) figure->integer;
        }
      else
        figure->value = value->v.number;
    }

  figure->extra = collect_extra (object, &dm_format_figure);
  if (ok)
    {
      if (*figures == NULL)
        *figures = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_figure_free);
      g_ptr_array_add (*figures, g_steal_pointer (&figure));
    }

  return ok;
}

static gboolean
read_list_item (Loader   *l,
                DmJsonNode *node,
                guint     index,
                gpointer  data)
{
  DmList *list = data;
  DmText *text = g_new0 (DmText, 1);

  g_ptr_array_add (list->items, text);
  return read_text_node (l, node, TRUE, text);
}

static gboolean
read_list (Loader   *l,
           DmJsonNode *node,
           guint     index,
           gpointer  data)
{
  GPtrArray **lists = data;
  g_autoptr(DmList) list = dm_list_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_text (l, object, "label", TRUE, &list->label);
  ok &= read_array (l, object, "items", TRUE, read_list_item, list);

  list->extra = collect_extra (object, &dm_format_list);
  if (ok)
    {
      if (*lists == NULL)
        *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_list_free);
      g_ptr_array_add (*lists, g_steal_pointer (&list));
    }

  return ok;
}

static gboolean
read_link (Loader   *l,
           DmJsonNode *node,
           guint     index,
           gpointer  data)
{
  GPtrArray **links = data;
  g_autoptr(DmLink) link = dm_link_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_url (l, object, "url", TRUE, &link->url);
  ok &= read_text (l, object, "title", FALSE, &link->title);

  link->extra = collect_extra (object, &dm_format_link);
  if (ok)
    {
      if (*links == NULL)
        *links = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_link_free);
      g_ptr_array_add (*links, g_steal_pointer (&link));
    }

  return ok;
}

static gboolean
read_certainty (Loader     *l,
                DmJsonNode *object,
                DmEvent    *event)
{
  DmJsonNode *node = dm_json_node_get_member (object, "certainty");
  const char *level = NULL;
  gsize len = l->log.path->len;
  gboolean ok = TRUE;

  event->certainty = DM_CERTAINTY_STATED;

  if (node == NULL || (node->type == DM_JSON_NULL))
    return TRUE;

  if (node_is_string (node))
    {
      event->certainty_form = DM_CERTAINTY_FORM_STRING;
      level = node->v.string;
    }
  else if (node->type == DM_JSON_OBJECT)
    {
      DmJsonNode *certainty = node;
      g_autofree char *level_text = NULL;

      event->certainty_form = DM_CERTAINTY_FORM_OBJECT;
      dm_problem_path_append_member (l->log.path, "certainty");
      ok &= read_string (l, certainty, "level", TRUE, &level_text);
      ok &= read_text (l, certainty, "reason", FALSE, &event->certainty_reason);
      event->certainty_extra = collect_extra (certainty, &dm_format_certainty);

      if (level_text != NULL && !dm_certainty_from_string (level_text, &event->certainty))
        {
          dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "level",
                                _("unknown certainty “%s”; use stated, inferred or approximate"), level_text);
          ok = FALSE;
        }
      g_string_truncate (l->log.path, len);

      return ok;
    }
  else
    {
      dm_json_type_problem (&l->log, "certainty", _("“stated”, “inferred”, “approximate” or an object with a level and a reason"), node);
      return FALSE;
    }

  if (!dm_certainty_from_string (level, &event->certainty))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_INVALID_VALUE, "certainty",
                            _("unknown certainty “%s”; use stated, inferred or approximate"), level);
      return FALSE;
    }

  return ok;
}

static gboolean
read_event (Loader   *l,
            DmJsonNode *node,
            guint     index,
            gpointer  data)
{
  g_autoptr(DmEvent) event = dm_event_new ();
  DmJsonNode *object;
  gboolean ok = TRUE;
  /* The event's own strings, as read, then copied into one block. */
  const char *id = NULL;
  const char *kind = NULL;
  DmText title = { 0 };
  DmText summary = { 0 };
  DmText place = { 0 };

  if (!(object = expect_object (l, node)))
    return FALSE;

  ok &= read_id_ref (l, object, "id", &id);
  ok &= read_id_ref (l, object, "kind", &kind);
  ok &= read_event_start (l, object, event);
  ok &= read_date (l, object, "end", FALSE, &event->end);
  ok &= read_certainty (l, object, event);
  ok &= read_text_as (l, object, "title", TRUE, TRUE, &title);
  ok &= read_text_as (l, object, "summary", FALSE, TRUE, &summary);
  ok &= read_text_as (l, object, "place", FALSE, TRUE, &place);
  {
    char **slots[] = { &event->id, &event->kind, &event->title.vi, &event->title.en,
                       &event->summary.vi, &event->summary.en, &event->place.vi, &event->place.en };
    const char *values[] = { id, kind, title.vi, title.en, summary.vi, summary.en, place.vi, place.en };

    dm_event_set_strings (event, slots, values, G_N_ELEMENTS (slots));
    event->title.extra = title.extra;
    event->summary.extra = summary.extra;
    event->place.extra = place.extra;
  }
  ok &= read_array (l, object, "actors", FALSE, read_actor, &event->actors);
  ok &= read_array (l, object, "tags", FALSE, read_tag, &event->tags);
  ok &= read_array (l, object, "related", FALSE, read_relation, &event->related);
  ok &= read_array (l, object, "figures", FALSE, read_figure, &event->figures);
  ok &= read_array (l, object, "lists", FALSE, read_list, &event->lists);
  ok &= read_array (l, object, "citations", FALSE, read_citation, &event->citations);
  ok &= read_array (l, object, "links", FALSE, read_link, &event->links);

  ok &= check_date_order (l, &event->start, &event->end, FALSE);

  if (event->id != NULL)
    define_id (l, REF_EVENT, event->id, index, "id");
  if (event->kind != NULL)
    refer_to (l, REF_KIND, event->kind, "kind");

  event->extra = collect_extra (object, &dm_format_event);
  if (ok && l->events != NULL)
    g_ptr_array_add (l->events, g_steal_pointer (&event));
  else if (ok)
    dm_dataset_add_event (l->dataset, g_steal_pointer (&event));

  return ok;
}

/* The document */

static gboolean
read_header (Loader     *l,
             DmJsonNode *root)
{
  DmJsonNode *format = dm_json_node_get_member (root, "format");
  DmJsonNode *version = dm_json_node_get_member (root, "version");

  if (format == NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_FORMAT, NULL,
                            _("this is not a Dấu Mốc timeline: the “format” member is missing (it should be \"%s\")"),
                            DM_DATASET_FORMAT_NAME);
      return FALSE;
    }

  if (!node_is_string (format) || strcmp (format->v.string, DM_DATASET_FORMAT_NAME) != 0)
    {
      if (node_is_string (format))
        dm_problem_log_error (&l->log, DM_DATASET_ERROR_FORMAT, "format",
                              _("this is not a Dấu Mốc timeline: the format is “%s”, not “%s”"),
                              format->v.string, DM_DATASET_FORMAT_NAME);
      else
        /* The literal is DM_DATASET_FORMAT_NAME: xgettext cannot see into macros. */
        dm_json_type_problem (&l->log, "format", _("the string \"daumoc-timeline\""), format);
      return FALSE;
    }

  if (version == NULL)
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_MISSING, "version", _("this member is required (the current version is %d)"),
                            DM_DATASET_FORMAT_VERSION);
      return FALSE;
    }

  if (version->type != DM_JSON_INTEGER)
    {
      dm_json_type_problem (&l->log, "version", _("a whole number"), version);
      return FALSE;
    }

  if (version->v.integer != DM_DATASET_FORMAT_VERSION)
    {
      /* Formatted apart: xgettext cannot see into G_GINT64_FORMAT. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, version->v.integer);

      dm_problem_log_error (&l->log, DM_DATASET_ERROR_VERSION, "version",
                            _("this file uses format version %s, but this version of Dấu Mốc reads version %d"),
                            found, DM_DATASET_FORMAT_VERSION);
      return FALSE;
    }

  return TRUE;
}

/* @events_streamed: the events were read already, as the file was (see
 * read_native()); their problems start at @first_event_problem. */
static void
read_document (Loader     *l,
               DmJsonNode *root_node,
               gboolean    events_streamed,
               guint       first_event_problem)
{
  DmJsonNode *root;
  guint before_header = l->log.problems->len;

  if (!(root_node->type == DM_JSON_OBJECT))
    {
      dm_problem_log_error (&l->log, DM_DATASET_ERROR_FORMAT, NULL,
                            _("this is not a Dấu Mốc timeline: expected an object at the top, found %s"),
                            dm_json_node_describe (root_node));
      return;
    }

  root = root_node;
  if (!read_header (l, root))
    {
      /* Not a timeline of this format: what its events say is noise. */
      if (events_streamed && before_header > first_event_problem)
        g_ptr_array_remove_range (l->log.problems, first_event_problem, before_header - first_event_problem);
      return;
    }

  /* Each reader records its own problems; the loader looks at them all at
   * the end, so the results are not needed here. */
  read_text (l, root, "title", TRUE, dm_dataset_get_title_mutable (l->dataset));
  read_text (l, root, "description", FALSE, dm_dataset_get_description_mutable (l->dataset));
  read_array (l, root, "kinds", TRUE, read_kind, NULL);
  read_array (l, root, "sources", FALSE, read_source, NULL);
  read_array (l, root, "tags", FALSE, read_tag_label, NULL);
  read_array (l, root, "eras", FALSE, read_era, NULL);
  if (!events_streamed)
    read_array (l, root, "events", TRUE, read_event, NULL);

  {
    g_autoptr(JsonObject) extra = collect_extra (root, &dm_format_dataset);
    dm_dataset_set_extra (l->dataset, extra);
  }

  for (guint i = 0; i < l->refs->len; i++)
    {
      const PendingRef *ref = &g_array_index (l->refs, PendingRef, i);
      static const char * const what[] = { N_("kind"), N_("source"), N_("event") };
      static const char * const where[] = { "kinds", "sources", "events" };

      if (!g_hash_table_contains (l->ids[ref->type], ref->id))
        {
          g_autofree char *message = g_strdup_printf (_("there is no %s with the id “%s” in “%s”"),
                                                      _(what[ref->type]), ref->id, where[ref->type]);

          g_ptr_array_add (l->log.problems,
                           dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_UNKNOWN_REFERENCE, ref->path, message));
        }
    }
}

/* Reads checked JSON in the native format. The events, nearly all of a
 * large file, are read one at a time as the file has them: each event's
 * tree is dropped as soon as the event is built, so a file is never held
 * as a tree in memory, only as its bytes and the dataset it becomes.
 * @root: the document, when the reader has read it whole already (to
 * tell its format by its shape); NULL to read it from @reader.
 * @need_format: the reader reads bytes as they are checked, before it is
 * known whether the root has a "format" member: then only a root object
 * with "format" before "events" is read, and for anything else this
 * returns FALSE, having put nothing into @dataset or @problems (it is read
 * again once checked). */
/* Reading the last events in a second thread
 *
 * The check of a large file (DmJsonCheckJob) ends well before the reading
 * of its events, which is twice its work, and its processor then idles.
 * Once it has ended, the events left are split: a second reader reads the
 * later half into a loader of its own while this one reads the earlier.
 * If it finds no problem at all, its events are added in order and their
 * ids defined as this thread would have (a duplicate of an earlier id is
 * found then); otherwise its work is dropped and this thread reads those
 * events itself, so that problems are found and told exactly as before. */

#define SPLIT_EVENTS 16384

static guint split_events = SPLIT_EVENTS;
static gboolean split_wait;
static gint n_split;

void
dm_loader_set_split_events (guint    min_events,
                            gboolean wait)
{
  split_events = min_events;
  split_wait = wait;
}

guint
dm_loader_get_n_split (void)
{
  return g_atomic_int_get (&n_split);
}

typedef struct
{
  Loader        l;
  DmJsonReader *reader;
  GThread      *thread;
  GPtrArray    *problems;
  gsize         split;    /* where this thread's reader hands over */
  gsize         close;    /* the events' ']' */
  guint         first;    /* the index of the second reader's first event */
} Tail;

static gpointer
tail_thread (gpointer data)
{
  Tail *tail = data;
  guint i = tail->first;

  dm_problem_path_append_member (tail->l.log.path, "events");
  while (tail->problems->len == 0 && dm_json_reader_next_element (tail->reader))
    {
      DmJsonMark mark = dm_json_reader_get_mark (tail->reader);
      gsize len = tail->l.log.path->len;

      dm_problem_path_append_index (tail->l.log.path, i);
      read_event (&tail->l, dm_json_reader_read_value (tail->reader), i, NULL);
      g_string_truncate (tail->l.log.path, len);
      dm_json_reader_release (tail->reader, mark);
      i++;
    }

  return NULL;
}

/* A second reader for the later half of the events left, if the check has
 * ended and enough are left; @i is the index of the next event. */
static Tail *
start_tail (Loader       *l,
            DmJsonReader *reader,
            guint         i)
{
  Tail *tail;
  gsize split;
  gsize close;
  guint64 n_before;

  if (!dm_json_reader_split_array (reader, i, split_events, &split, &close, &n_before))
    return NULL;

  tail = g_new0 (Tail, 1);
  tail->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);
  loader_init (&tail->l, l->dataset, tail->problems);
  tail->l.early_kinds = l->early_kinds;
  tail->l.early_kinds_shared = TRUE;
  tail->l.events = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_event_free);
  tail->reader = dm_json_reader_new_at (reader, split);
  tail->split = split;
  tail->close = close;
  tail->first = i + (guint) n_before;
  tail->thread = g_thread_new ("dm-load-tail", tail_thread, tail);
  if (dm_debug_has ("load-phases"))
    fprintf (stderr, "daumoc: load: a second reader reads from event %u, this one from %u\n", tail->first, i);

  return tail;
}

/* Waits for @tail and, if it found no problem and @reader is given (at
 * tail->split), takes its events into @l in order, moves @reader to the
 * end of the events and *@i past them. Frees @tail. */
static gboolean
finish_tail (Loader       *l,
             Tail         *tail,
             DmJsonReader *reader,
             guint        *i)
{
  gboolean taken = FALSE;

  g_thread_join (tail->thread);
  dm_debug_load_phase ("wait for the second reader");

  if (reader != NULL && *i == tail->first && tail->problems->len == 0)
    {
      gsize len = l->log.path->len;

      for (guint k = 0; k < tail->l.events->len; k++)
        {
          DmEvent *event = g_steal_pointer (&tail->l.events->pdata[k]);

          dm_problem_path_append_index (l->log.path, *i + k);
          define_id (l, REF_EVENT, event->id, *i + k, "id");
          g_string_truncate (l->log.path, len);
          dm_dataset_add_event (l->dataset, event);
        }
      /* Its references still pending once its ids are all defined. */
      for (guint k = 0; k < tail->l.refs->len; k++)
        {
          const PendingRef *ref = &g_array_index (tail->l.refs, PendingRef, k);
          PendingRef copy = { ref->type,
                              g_string_chunk_insert (l->ref_strings, ref->path),
                              g_string_chunk_insert_const (l->ref_ids, ref->id) };

          if (!g_hash_table_contains (l->ids[ref->type], ref->id))
            g_array_append_val (l->refs, copy);
        }
      *i += tail->l.events->len;
      dm_json_reader_skip_to (reader, tail->close);
      g_atomic_int_inc (&n_split);
      taken = TRUE;
    }

  dm_json_reader_free (tail->reader);
  loader_clear (&tail->l);
  g_ptr_array_unref (tail->problems);
  g_free (tail);

  return taken;
}

static gboolean
read_native (DmDataset    *dataset,
             DmJsonReader *reader,
             DmJsonNode   *root,
             gsize         length,
             gboolean      need_format,
             GPtrArray    *problems)
{
  Loader l = { 0 };
  DmJsonNode *owned_root = NULL;
  gboolean streamed = FALSE;
  gboolean has_format = FALSE;
  gboolean read = TRUE;
  guint first_event_problem = problems->len;

  loader_init (&l, dataset, problems);

  if (root != NULL)
    ;
  else if (dm_json_reader_peek (reader) != DM_JSON_OBJECT)
    {
      if (need_format)
        {
          read = FALSE;
          goto out;
        }
      root = dm_json_reader_read_value (reader);
    }
  else
    {
      DmJsonNode **tail;
      const char *name;

      /* The root object by hand, so that "events" can be streamed. */
      root = owned_root = g_new0 (DmJsonNode, 1);
      root->type = DM_JSON_OBJECT;
      tail = &root->v.first;

      dm_json_reader_enter (reader);
      while ((name = dm_json_reader_next_member (reader)) != NULL)
        {
          DmJsonNode *value;

          if (strcmp (name, "format") == 0)
            has_format = TRUE;
          if (strcmp (name, "events") == 0 && need_format && !has_format)
            {
              read = FALSE;
              goto out;
            }
          if (strcmp (name, "events") == 0 && dm_json_reader_peek (reader) == DM_JSON_ARRAY)
            {
              guint i = 0;
              Tail *second = NULL;
              gboolean split = FALSE;

              streamed = TRUE;
              first_event_problem = problems->len;
              for (const DmJsonNode *member = root->v.first; member != NULL; member = member->next)
                if (strcmp (member->name, "kinds") == 0)
                  note_early_kinds (&l, member);
              dm_problem_path_append_member (l.log.path, "events");
              dm_json_reader_enter (reader);
              if (split_wait)
                dm_json_reader_wait_checked (reader);
              while (dm_json_reader_next_element (reader))
                {
                  DmJsonMark mark = dm_json_reader_get_mark (reader);
                  gsize len = l.log.path->len;

                  if (!split && i % 4096 == 0)
                    split = (second = start_tail (&l, reader, i)) != NULL;

                  dm_problem_path_append_index (l.log.path, i);
                  read_event (&l, dm_json_reader_read_value (reader), i, NULL);
                  g_string_truncate (l.log.path, len);
                  dm_json_reader_release (reader, mark);
                  i++;
                  /* Up to the second reader's events: take them, in
                   * order, unless it found a problem; then read them. */
                  if (second != NULL && dm_json_reader_get_offset (reader) == second->split &&
                      finish_tail (&l, g_steal_pointer (&second), reader, &i))
                    continue;
                  /* The events are most of the file and of the time:
                   * from 40 % to 85 % of the bar, as far as the bytes go
                   * (from 5 %, read while checked: the check is done as
                   * they are). */
                  if (i % 4096 == 0)
                    {
                      double from = need_format ? 0.05 : 0.4;

                      report_progress (from + (0.85 - from) * dm_json_reader_get_offset (reader) / MAX (length, 1));
                    }
                }
              if (second != NULL)
                finish_tail (&l, g_steal_pointer (&second), NULL, NULL);
              g_string_truncate (l.log.path, 0);
              continue;
            }

          value = dm_json_reader_read_value (reader);
          value->name = name;
          *tail = value;
          tail = &value->next;
          root->n++;
        }
    }

  if (need_format && !has_format)
    read = FALSE;
  else
    read_document (&l, root, streamed, first_event_problem);

out:
  g_free (owned_root);
  loader_clear (&l);

  return read;
}

/* The whole @root of a checked file with no "format" at its top, told
 * apart by its shape (@reader holds it). */
static void
read_foreign (DmDataset    *dataset,
              DmJsonReader *reader,
              DmJsonNode   *root,
              gsize         length,
              const char   *display_name,
              GPtrArray    *problems)
{
  {
    DmImportFormat format = dm_import_detect (root);

    switch (format)
      {
      case DM_IMPORT_TIMELINEJS3:
      case DM_IMPORT_TIMELINEJS2:
        dm_import_timelinejs (dataset, root, format == DM_IMPORT_TIMELINEJS2, display_name, problems);
        break;

      case DM_IMPORT_VIS:
        dm_import_vis (dataset, root, display_name, problems);
        break;

      case DM_IMPORT_SIMILE:
        dm_import_refuse (problems, _("SIMILE Timeline JSON"));
        break;

      case DM_IMPORT_TIMELINEJS_LIKE:
        dm_import_refuse (problems, _("JSON like TimelineJS's, but its events have no “start_date”, "
                                      "which TimelineJS needs"));
        break;

      case DM_IMPORT_NATIVE:
      default:
        read_native (dataset, reader, root, length, FALSE, problems);
        break;
      }
  }
}

/* Checked JSON without a "format" member at the top: other tools' files,
 * told apart by their shape, in the same tree the native loader reads. */
static void
read_json (DmDataset           *dataset,
           const DmJsonChecked *checked,
           const char          *display_name,
           GPtrArray           *problems)
{
  g_autoptr(DmJsonReader) reader = dm_json_reader_new (checked);
  gsize length;

  dm_json_checked_get_data (checked, &length);
  if (dm_json_checked_has_root_member (checked))
    {
      read_native (dataset, reader, NULL, length, FALSE, problems);
      return;
    }

  read_foreign (dataset, reader, dm_json_reader_read_value (reader), length, display_name, problems);
}

/* The root of a file read while it is checked, as a tree, a member at a
 * time and, in a member that is an array, an element at a time: reading
 * it as one value would wait for the check to have passed all of it.
 * The nodes made here rather than by @reader go into @made, to free. */
static DmJsonNode *
read_root_tree (DmJsonReader *reader,
                GPtrArray    *made)
{
  DmJsonNode *root;
  DmJsonNode **tail;
  const char *name;

  if (dm_json_reader_peek (reader) != DM_JSON_OBJECT)
    return dm_json_reader_read_value (reader);

  root = g_new0 (DmJsonNode, 1);
  g_ptr_array_add (made, root);
  root->type = DM_JSON_OBJECT;
  tail = &root->v.first;
  dm_json_reader_enter (reader);
  while ((name = dm_json_reader_next_member (reader)) != NULL)
    {
      DmJsonNode *value;

      if (dm_json_reader_peek (reader) == DM_JSON_ARRAY)
        {
          DmJsonNode **element_tail;

          value = g_new0 (DmJsonNode, 1);
          g_ptr_array_add (made, value);
          value->type = DM_JSON_ARRAY;
          element_tail = &value->v.first;
          dm_json_reader_enter (reader);
          while (dm_json_reader_next_element (reader))
            {
              DmJsonNode *element = dm_json_reader_read_value (reader);

              *element_tail = element;
              element_tail = &element->next;
              value->n++;
            }
        }
      else
        value = dm_json_reader_read_value (reader);
      value->name = name;
      *tail = value;
      tail = &value->next;
      root->n++;
    }

  return root;
}

static void
locate_problems (GPtrArray           *problems,
                 const DmJsonChecked *checked)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      const DmProblem *problem = g_ptr_array_index (problems, i);
      const char *p = problem->path;

      g_hash_table_insert (wanted, g_strdup (p), g_new0 (DmJsonLocation, 1));
      for (gsize k = strlen (p); k > 0; k--)
        if (p[k] == '.' || p[k] == '[')
          g_hash_table_insert (wanted, g_strndup (p, k), g_new0 (DmJsonLocation, 1));
      g_hash_table_insert (wanted, g_strdup (""), g_new0 (DmJsonLocation, 1));
    }

  dm_json_checked_locate (checked, wanted);

  for (guint i = 0; i < problems->len; i++)
    {
      DmProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *p = g_strdup (problem->path);

      /* The deepest existing ancestor: a missing member points at its object. */
      for (;;)
        {
          const DmJsonLocation *location = g_hash_table_lookup (wanted, p);
          char *cut = MAX (strrchr (p, '.'), strrchr (p, '['));

          if (location != NULL && location->line > 0)
            {
              problem->line = location->line;
              problem->column = location->column;
              break;
            }
          if (p[0] == '\0')
            break;
          if (cut == NULL)
            p[0] = '\0';
          else
            *cut = '\0';
        }
    }
}

static const DmDatasetError scan_codes[] = {
  [DM_JSON_SCAN_OK] = DM_DATASET_ERROR_SYNTAX,
  [DM_JSON_SCAN_ENCODING] = DM_DATASET_ERROR_ENCODING,
  [DM_JSON_SCAN_SYNTAX] = DM_DATASET_ERROR_SYNTAX,
  [DM_JSON_SCAN_LIMIT] = DM_DATASET_ERROR_LIMIT,
  [DM_JSON_SCAN_DUPLICATE] = DM_DATASET_ERROR_DUPLICATE_MEMBER,
};

/* Files at least this large are checked in a thread of their own while
 * they are read (dm_loader_set_concurrent_threshold()). */
#define CONCURRENT_THRESHOLD (4 * 1024 * 1024)

static gsize concurrent_threshold = CONCURRENT_THRESHOLD;

void
dm_loader_set_concurrent_threshold (gsize bytes)
{
  concurrent_threshold = bytes;
}

/* Memory freed after a large load goes back to the system, rather than
 * staying in the process's heap, counted as resident, until reused. */
#define TRIM_AFTER (16 * 1024 * 1024)

/* dm_dataset_load_bytes(), taking @bytes: they are dropped once read,
 * before the dataset is finished (sorted and indexed), so that a large
 * file and the finishing's work never take memory at the same time. */
static DmDataset *
load_bytes (GBytes      *taken,
            const char  *display_name,
            GPtrArray  **problems,
            GError     **error)
{
  g_autoptr(GBytes) bytes = taken;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);
  g_autoptr(DmDataset) dataset = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(DmJsonChecked) checked = NULL;
  g_auto(DmJsonCheckError) check_error = { 0 };
  const char *start;
  const char *data;
  gsize length;

  start = data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    start = data = "";

  /* A byte-order mark is not JSON, but harmless: skip it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;

  /* UTF-16 text is common from some editors on other systems: say so
   * rather than complain about the first byte. */
  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_ENCODING, "",
                                           _("the file is UTF-16 text; save it as UTF-8"));

      problem->line = problem->column = 1;
      problem->file = g_strdup (display_name);
      g_ptr_array_add (found, problem);
      g_propagate_error (error, dm_problems_to_error (found));
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }

  /* Spreadsheets, and formats that are recognised to be named. */
  dataset = dm_dataset_new ();
  if (dm_import_foreign (dataset, data, length, display_name, found))
    goto finish;
  g_clear_object (&dataset);

  /* A file with a "format" member at the top is in the native format, and
   * streamed; other tools' files are told apart by shape. */
  report_progress (0.05);
  json = g_bytes_new_from_bytes (bytes, data - start, length);
  dm_debug_load_phase ("recognise");
  if (length >= concurrent_threshold)
    {
      /* Checked in a thread of its own while this one reads what has
       * been checked. A native file (its "format" before its events)
       * read that way is kept if the check ends well; anything else is
       * read again, as below, once it has. */
      DmJsonCheckJob *job = dm_json_check_start (json, "format", "events");
      g_autoptr(DmJsonReader) tree_reader = NULL;
      g_autoptr(GPtrArray) tree_nodes = g_ptr_array_new_with_free_func (g_free);
      DmJsonNode *root = NULL;
      gboolean read;

      dataset = dm_dataset_new ();
      {
        g_autoptr(DmJsonReader) reader = dm_json_reader_new_checking (job);

        read = read_native (dataset, reader, NULL, length, TRUE, found);
      }
      /* Another tool's file (TimelineJS, vis-timeline…): its whole root,
       * as a tree, is read while the check goes on too, rather than
       * after it. */
      if (!read)
        {
          tree_reader = dm_json_reader_new_checking (job);
          root = read_root_tree (tree_reader, tree_nodes);
        }
      dm_debug_load_phase ("read while checking");
      checked = dm_json_check_job_finish (job, &check_error);
      dm_debug_load_phase ("check");
      if (checked != NULL && !read && !dm_json_checked_has_root_member (checked))
        {
          g_clear_object (&dataset);
          g_ptr_array_set_size (found, 0);
          dataset = dm_dataset_new ();
          read_foreign (dataset, tree_reader, root, length, display_name, found);
          read = TRUE;
          dm_debug_load_phase ("read");
        }
      if (checked != NULL && read)
        {
          if (found->len > 0)
            {
              locate_problems (found, checked);
              dm_problems_sort_by_location (found);
            }
          goto finish;
        }
      g_clear_object (&dataset);
      g_ptr_array_set_size (found, 0);
    }
  else
    {
      checked = dm_json_check (json, "format", &check_error);
      dm_debug_load_phase ("check");
    }
  report_progress (0.4);
  if (checked == NULL)
    {
      DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, scan_codes[check_error.result],
                                           check_error.path, check_error.message);

      problem->line = check_error.location.line;
      problem->column = check_error.location.column;
      g_ptr_array_add (found, problem);
    }
  else
    {
      dataset = dm_dataset_new ();
      read_json (dataset, checked, display_name, found);
      dm_debug_load_phase ("read");
      if (found->len > 0)
        {
          locate_problems (found, checked);
          dm_problems_sort_by_location (found);
        }
    }

finish:
  for (guint i = 0; i < found->len; i++)
    {
      DmProblem *problem = g_ptr_array_index (found, i);
      problem->file = g_strdup (display_name);
    }

  if (dm_problems_count_errors (found) > 0)
    {
      g_propagate_error (error, dm_problems_to_error (found));
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }

  g_clear_pointer (&checked, dm_json_checked_free);
  g_clear_pointer (&json, g_bytes_unref);
  g_clear_pointer (&bytes, g_bytes_unref);

  report_progress (0.85);
  dm_dataset_finish (dataset);
  dm_debug_load_phase ("finish");
#ifdef __GLIBC__
  if (length >= TRIM_AFTER)
    {
      malloc_trim (0);
      dm_debug_load_phase ("trim");
    }
#endif
  report_progress (0.97);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return g_steal_pointer (&dataset);
}

DmDataset *
dm_dataset_load_bytes (GBytes      *bytes,
                       const char  *display_name,
                       GPtrArray  **problems,
                       GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (g_bytes_ref (bytes), display_name, problems, error);
}

DmDataset *
dm_dataset_load_file (GFile         *file,
                      GPtrArray    **problems,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  return dm_dataset_load_file_as (file, name, problems, cancellable, error);
}

#define READ_BLOCK  (16 * 1024 * 1024)
#define READ_IN_TWO (64 * 1024 * 1024)  /* from this size, two threads read */

static gsize read_in_two = READ_IN_TWO;
static gint n_read_in_two;

void
dm_loader_set_read_in_two (gsize bytes)
{
  read_in_two = bytes;
}

guint
dm_loader_get_n_read_in_two (void)
{
  return g_atomic_int_get (&n_read_in_two);
}

void
dm_loader_reset_test_settings (void)
{
  concurrent_threshold = CONCURRENT_THRESHOLD;
  dm_loader_set_split_events (SPLIT_EVENTS, FALSE);
  read_in_two = READ_IN_TWO;
  dm_import_set_split_slides (0);
}

/* A piece of a file read at its offset (pread(), so that two threads can
 * read one descriptor at once). */
typedef struct
{
  int           fd;
  char         *data;    /* where the piece goes */
  gsize         offset;
  gsize         length;
  gsize         done;
  int           error;   /* errno, or 0 */
  GCancellable *cancellable;
} ReadPiece;

static gpointer
read_piece (gpointer data)
{
  ReadPiece *piece = data;

  while (piece->done < piece->length && !g_cancellable_is_cancelled (piece->cancellable))
    {
      gssize n = pread (piece->fd, piece->data + piece->done, MIN (piece->length - piece->done, READ_BLOCK),
                        (off_t) (piece->offset + piece->done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          piece->error = errno;
          break;
        }
      if (n == 0)
        break;
      piece->done += (gsize) n;
    }

  return NULL;
}

static void
set_error_from_errno (GError **error,
                      int      saved)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
}

/* A local file read through its descriptor: opened without waiting (a
 * named pipe would), checked to be a regular file on that descriptor (so
 * that it cannot be swapped for another between the check and the read),
 * and read into one block of its size, large pieces at a time; a large
 * file in two halves at once, since copying it and the kernel's clearing
 * of the memory it goes to take a processor each (0.24 s for 430 MiB on
 * one, before the check can start). GIO's g_file_load_bytes() reads 8 KiB
 * at a time into a buffer it grows. */
static GBytes *
load_local_file (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ReadPiece pieces[2] = { { 0 } };
  GThread *thread = NULL;
  struct stat info;
  gsize size;
  gsize done;
  char *data;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_error_from_errno (error, errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      set_error_from_errno (error, errno);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (info.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "directory");
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
      return NULL;
    }

  size = (gsize) info.st_size;
  data = g_try_malloc (size + 1);
  if (data == NULL)
    {
      g_autofree char *shown = g_format_size (size);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("there is not enough memory to read this file (%s)"), shown);
      return NULL;
    }

  /* What the file holds when it is opened: a file that grows meanwhile is
   * read to that size, one cut short to where it ends (and to no more than
   * the first half, if that half was cut). */
  pieces[0] = (ReadPiece) { fd, data, 0, size, 0, 0, cancellable };
  if (size >= read_in_two)
    {
      pieces[0].length = size / 2;
      pieces[1] = (ReadPiece) { fd, data + size / 2, size / 2, size - size / 2, 0, 0, cancellable };
      thread = g_thread_try_new ("dm-load-read", read_piece, &pieces[1], NULL);
      g_atomic_int_inc (&n_read_in_two);
    }
  read_piece (&pieces[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else if (pieces[1].length > 0)
    read_piece (&pieces[1]);
  close (fd);

  if (pieces[0].error != 0 || pieces[1].error != 0)
    {
      set_error_from_errno (error, pieces[0].error != 0 ? pieces[0].error : pieces[1].error);
      g_free (data);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_free (data);
      return NULL;
    }
  done = pieces[0].done < pieces[0].length ? pieces[0].done : pieces[0].done + pieces[1].done;
  data[done] = '\0';

  return g_bytes_new_take (data, done);
}

/* Reads a file, but only a regular one: reading a named pipe or a device
 * would wait forever or never end. */
static GBytes *
load_regular_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  const char *path = g_file_peek_path (file);

  if (path != NULL)
    return load_local_file (path, cancellable, error);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "directory");
      return NULL;

    case G_FILE_TYPE_SYMBOLIC_LINK:
      /* Only a link that points nowhere is left unresolved. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "dangling link");
      return NULL;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
      return NULL;
    }

  return g_file_load_bytes (file, cancellable, NULL, error);
}

DmDataset *
dm_dataset_load_file_as (GFile         *file,
                         const char    *name,
                         GPtrArray    **problems,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  DmDataset *dataset;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  dm_debug_load_phase (NULL);
  bytes = load_regular_file (file, cancellable, &local_error);
  dm_debug_load_phase ("read the file");
  if (bytes == NULL)
    {
      const char *message = local_error->message;
      DmProblem *problem;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* GIO's messages repeat the file name; say what it means instead. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        message = _("this is a folder, not a timeline file");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        message = _("there is no such file");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        message = _("this is not a regular file (it is a pipe, a device or a socket)");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        message = _("you do not have permission to read this file");

      problem = dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_IO, "", message);

      problem->file = g_strdup (name);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_problem_free);
          g_ptr_array_add (*problems, problem);
        }
      else
        dm_problem_free (problem);

      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_IO, "%s: %s", name, message);
      return NULL;
    }

  dataset = load_bytes (g_steal_pointer (&bytes), name, problems, error);
  if (dataset != NULL)
    dm_dataset_set_file (dataset, file);

  return dataset;
}

typedef struct
{
  GFile          *file;
  DmLoadProgress *progress;
  GPtrArray      *problems;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_clear_pointer (&load->progress, dm_load_progress_unref);
  g_clear_pointer (&load->problems, g_ptr_array_unref);
  g_free (load);
}

/* How far behind the main loop the loading thread runs. */
#define LOAD_NICE 10

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  DmDataset *dataset;

#ifdef __linux__
  /* Behind the window: on a machine with two cores, a load that took its
   * share of the processor from the main loop made the window's first
   * frame twice as slow. Linux keeps a nice value per thread; GTask's
   * pool keeps the thread, which only ever does background work. */
  if (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)) < LOAD_NICE)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), LOAD_NICE);
#endif
  g_private_set (&thread_progress, load->progress);
  dataset = dm_dataset_load_file (load->file, &load->problems, cancellable, &error);
  if (dataset != NULL)
    {
      /* What a window asks of every event when it shows a dataset is made
       * here, not in the main loop: a million events take a quarter second. */
      dm_dataset_get_tags (dataset);
      dm_debug_load_phase ("tags");
      report_progress (1);
    }
  g_private_set (&thread_progress, NULL);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
dm_dataset_load_file_async (GFile               *file,
                            DmLoadProgress      *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (G_IS_FILE (file));

  load = g_new0 (LoadData, 1);
  load->file = g_object_ref (file);
  load->progress = progress != NULL ? dm_load_progress_ref (progress) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dm_dataset_load_file_async);
  /* Cancelling answers at once; the worker's result is then dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

DmDataset *
dm_dataset_load_file_finish (GAsyncResult  *result,
                             GPtrArray    **problems,
                             GError       **error)
{
  LoadData *load;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  load = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = load->problems ? g_ptr_array_ref (load->problems) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}
