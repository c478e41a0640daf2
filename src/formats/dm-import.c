/* dm-import.c — what the importers share: detection, paths and problems,
 * values written the many ways real files write them, kinds, ids, language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib/gi18n.h>

#include "dm-import.h"

#define MAX_SLUG_LENGTH 40

/* Lanes get GNOME's palette, in this order, cycling. */
static const char * const palette[] = {
  "#3584e4", /* blue */
  "#33d17a", /* green */
  "#f6d32d", /* yellow */
  "#ff7800", /* orange */
  "#e01b24", /* red */
  "#9141ac", /* purple */
  "#986a44", /* brown */
};

static const char * const part_names[DM_DATE_N_PARTS] = {
  "year", "month", "day", "hour", "minute", "second", "millisecond",
};

/* Detection */

static gboolean
has_member (const DmJsonNode *object,
            const char       *member)
{
  return object->type == DM_JSON_OBJECT && dm_json_node_get_member (object, member) != NULL;
}

static gboolean
some_element_has (const DmJsonNode *array,
                  const char       *member)
{
  for (const DmJsonNode *element = array->v.first; element != NULL; element = element->next)
    if (has_member (element, member))
      return TRUE;

  return FALSE;
}

/* The member @name of @object if it is of @type, else NULL. */
static const DmJsonNode *
get_typed (const DmJsonNode *object,
           const char       *name,
           DmJsonType        type)
{
  const DmJsonNode *node = dm_json_node_get_member (object, name);

  return node != NULL && node->type == type ? node : NULL;
}

DmImportFormat
dm_import_detect (const DmJsonNode *root)
{
  const DmJsonNode *node;

  g_return_val_if_fail (root != NULL, DM_IMPORT_NATIVE);

  if (root->type == DM_JSON_ARRAY)
    return some_element_has (root, "start") ? DM_IMPORT_VIS : DM_IMPORT_NATIVE;

  if (root->type != DM_JSON_OBJECT || has_member (root, "format"))
    return DM_IMPORT_NATIVE;

  if (get_typed (root, "timeline", DM_JSON_OBJECT) != NULL)
    return DM_IMPORT_TIMELINEJS2;

  node = get_typed (root, "events", DM_JSON_ARRAY);
  if (node != NULL)
    {
      const DmJsonNode *title = get_typed (root, "title", DM_JSON_OBJECT);

      /* SIMILE Timeline's JSON: events with "start" and "title". (A
       * TimelineJS file's first slide has a start_date: asked first, that
       * ends the question there, where asking for a "start" looked at
       * every slide.) */
      if (has_member (root, "dateTimeFormat") ||
          (!some_element_has (node, "start_date") && some_element_has (node, "start")))
        return DM_IMPORT_SIMILE;

      if (has_member (root, "eras") || has_member (root, "scale") ||
          some_element_has (node, "start_date") ||
          (title != NULL && (has_member (title, "text") || has_member (title, "media"))))
        return DM_IMPORT_TIMELINEJS3;
      if (some_element_has (node, "date") || some_element_has (node, "text"))
        return DM_IMPORT_TIMELINEJS_LIKE;
    }

  if (get_typed (root, "items", DM_JSON_ARRAY) != NULL)
    return DM_IMPORT_VIS;

  return DM_IMPORT_NATIVE;
}

/* The import */

void
dm_import_init (DmImport   *self,
                DmDataset  *dataset,
                const char *display_name,
                GPtrArray  *problems)
{
  memset (self, 0, sizeof *self);

  dm_problem_log_init (&self->log, problems);
  self->dataset = dataset;
  self->display_name = g_strdup (display_name);
  self->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_kind_free);
  self->kinds_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kind_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->eras = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_era_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_event_free);
  /* Their strings are in @strings, freed at once. */
  self->reserved_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->strings = g_string_chunk_new (64 * 1024);
}

void
dm_import_clear (DmImport *self)
{
  dm_problem_log_clear (&self->log);
  g_free (self->display_name);
  g_hash_table_unref (self->kinds_by_key);
  g_hash_table_unref (self->kind_ids);
  g_ptr_array_unref (self->kinds);
  g_ptr_array_unref (self->eras);
  g_ptr_array_unref (self->events);
  g_hash_table_unref (self->reserved_ids);
  g_hash_table_unref (self->event_ids);
  g_string_chunk_free (self->strings);
  memset (self, 0, sizeof *self);
}

/* Texts are Vietnamese when letters only Vietnamese uses (ă, đ, ơ, ư and
 * the vowels with two marks or a dot below) make up a good part of them:
 * about one letter in five in Vietnamese prose, and at least one in ten
 * even in a short title ("Bộ Chính trị ban hành Nghị quyết": 4 of 27);
 * fewer in English that names Vietnamese people and places ("Đà Nẵng
 * meeting on Resolution 52": 2 of 27). Each text is judged alone.
 *
 * Every text of an imported file goes through here, so the letters
 * Vietnamese is written with are told apart where they are found: its
 * own (all letters), and Latin-1's (à, é, ô…: letters but for × and ÷).
 * Only other characters are asked of GLib's tables. */
static gboolean
is_vietnamese_letter (gunichar c)
{
  return (c >= 0x1EA0 && c <= 0x1EF9) ||
         c == 0x102 || c == 0x103 || c == 0x110 || c == 0x111 ||
         c == 0x128 || c == 0x129 || c == 0x168 || c == 0x169 ||
         c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0;
}

gboolean
dm_import_looks_vietnamese (const char *text)
{
  const guchar *p = (const guchar *) text;
  guint letters = 0;
  guint vietnamese = 0;
#ifdef __SSE2__
  const guchar *end = p + strlen (text);
  const guchar *next_try = p;
#endif

  while (*p != '\0')
    {
      gunichar c;

#ifdef __SSE2__
      /* Sixteen ASCII bytes at a time: a letter is one that, in lower
       * case, is from 'a' to 'z'. Sixteen bytes that are not all ASCII
       * are taken one character at a time. */
      while (p >= next_try && end - p >= 16)
        {
          __m128i bytes;
          __m128i lower;
          int mask;

          memcpy (&bytes, p, 16);
          if (_mm_movemask_epi8 (bytes) != 0)
            {
              next_try = p + 16;
              break;
            }
          lower = _mm_or_si128 (bytes, _mm_set1_epi8 (0x20));
          mask = _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpgt_epi8 (lower, _mm_set1_epi8 ('a' - 1)),
                                                   _mm_cmplt_epi8 (lower, _mm_set1_epi8 ('z' + 1))));
          letters += __builtin_popcount ((unsigned) mask);
          p += 16;
        }
      if (*p == '\0')
        break;
#endif

      /* Most letters, even in Vietnamese, are ASCII. */
      if (*p < 0x80)
        {
          letters += g_ascii_isalpha (*p);
          p++;
          continue;
        }

      if (*p >= 0xC2 && *p <= 0xDF && (p[1] & 0xC0) == 0x80)
        {
          c = ((gunichar) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
          p += 2;
          if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
            {
              letters++;
              continue;
            }
        }
      else if (*p >= 0xE1 && *p <= 0xEC && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          c = ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          p += 3;
        }
      else
        {
          c = g_utf8_get_char ((const char *) p);
          p = (const guchar *) g_utf8_next_char (p);
        }

      if (is_vietnamese_letter (c))
        {
          letters++;
          vietnamese++;
        }
      else
        letters += g_unichar_isalpha (c);
    }

  return letters > 0 && vietnamese * 10 >= letters;
}

/* "Waterloo" from "…/Waterloo.timelinejs.json". */
static char *
title_from_name (const char *display_name)
{
  static const char * const suffixes[] = { ".json", ".timelinejs", ".vis", ".csv", ".tsv", ".xlsx", ".ods" };
  g_autofree char *base = NULL;

  if (display_name == NULL)
    return NULL;

  base = g_path_get_basename (display_name);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize length = strlen (base);
      gsize suffix = strlen (suffixes[i]);

      if (length > suffix && g_ascii_strcasecmp (base + length - suffix, suffixes[i]) == 0)
        base[length - suffix] = '\0';
    }

  if (base[0] == '\0' || strcmp (base, ".") == 0 || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return NULL;

  return g_steal_pointer (&base);
}

void
dm_import_finish (DmImport   *self,
                  const char *origin)
{
  DmText *title = dm_dataset_get_title_mutable (self->dataset);

  if (dm_text_is_empty (title))
    {
      char *name = title_from_name (self->display_name);

      dm_text_clear (title);
      title->en = name != NULL ? name : g_strdup (_("Untitled timeline"));
    }

  /* The dataset takes them over. */
  g_ptr_array_set_free_func (self->kinds, NULL);
  g_ptr_array_set_free_func (self->eras, NULL);
  g_ptr_array_set_free_func (self->events, NULL);
  for (guint i = 0; i < self->kinds->len; i++)
    dm_dataset_add_kind (self->dataset, g_ptr_array_index (self->kinds, i));
  for (guint i = 0; i < self->eras->len; i++)
    dm_dataset_add_era (self->dataset, g_ptr_array_index (self->eras, i));
  for (guint i = 0; i < self->events->len; i++)
    dm_dataset_add_event (self->dataset, g_ptr_array_index (self->events, i));
  g_ptr_array_set_size (self->kinds, 0);
  g_ptr_array_set_size (self->eras, 0);
  g_ptr_array_set_size (self->events, 0);
  g_hash_table_remove_all (self->kinds_by_key);

  dm_dataset_set_origin_format (self->dataset, origin);
}

/* Members and values */

void
dm_import_check_members (DmImport           *self,
                         const DmJsonNode   *object,
                         const char * const *known,
                         const char * const *kept,
                         JsonObject        **extra)
{
  for (const DmJsonNode *node = object->v.first; node != NULL; node = node->next)
    {
      if (dm_json_member_is_one_of (node, known))
        continue;

      if (kept != NULL && dm_json_member_is_one_of (node, kept))
        {
          if (extra != NULL && !dm_json_node_is_empty (node))
            {
              if (*extra == NULL)
                *extra = json_object_new ();
              json_object_set_member (*extra, node->name, dm_json_node_to_json (node));
            }
          continue;
        }

      /* Empty values carry nothing to lose. */
      if (dm_json_node_is_empty (node))
        continue;

      dm_problem_log_warning (&self->log, node->name, _("Dấu Mốc has no place for this member; it is left out"));
    }
}

const DmJsonNode *
dm_import_get_member (DmImport         *self,
                      const DmJsonNode *object,
                      const char       *member,
                      gboolean          required)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);

  if (dm_json_node_is_empty (node))
    {
      if (required)
        dm_problem_log_error (&self->log, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return NULL;
    }

  return node;
}

const DmJsonNode *
dm_import_get_object (DmImport         *self,
                      const DmJsonNode *object,
                      const char       *member,
                      gboolean          required)
{
  const DmJsonNode *node = dm_import_get_member (self, object, member, required);

  if (node == NULL)
    return NULL;

  if (node->type != DM_JSON_OBJECT)
    {
      if (required)
        dm_json_type_problem (&self->log, member, _("an object"), node);
      else
        dm_problem_log_warning (&self->log, member, _("expected an object, found %s; it is left out"),
                                dm_json_node_describe (node));
      return NULL;
    }

  return node;
}

const DmJsonNode *
dm_import_get_array (DmImport         *self,
                     const DmJsonNode *object,
                     const char       *member,
                     gboolean          required)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);

  if (node == NULL || node->type == DM_JSON_NULL)
    {
      if (required)
        dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_MISSING, member, _("this member is required"));
      return NULL;
    }

  if (node->type != DM_JSON_ARRAY)
    {
      dm_json_type_problem (&self->log, member, _("an array"), node);
      return NULL;
    }

  return node;
}

const DmJsonNode *
dm_import_expect_object (DmImport         *self,
                         const DmJsonNode *node)
{
  if (node->type != DM_JSON_OBJECT)
    {
      dm_json_type_problem (&self->log, NULL, _("an object"), node);
      return NULL;
    }

  return node;
}

static char *
number_to_string (const DmJsonNode *node)
{
  double value;

  if (node->type == DM_JSON_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, node->v.integer);

  value = node->v.number;
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  return g_strdup_printf ("%.17g", value);
}

char *
dm_import_get_string (DmImport         *self,
                      const DmJsonNode *object,
                      const char       *member)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);
  char *text;

  if (node == NULL || node->type == DM_JSON_NULL)
    return NULL;

  if (node->type == DM_JSON_STRING)
    {
      text = g_strstrip (g_strdup (node->v.string));
      if (text[0] != '\0')
        return text;
      g_free (text);
      return NULL;
    }

  if (node->type == DM_JSON_INTEGER || node->type == DM_JSON_DOUBLE)
    return number_to_string (node);

  dm_problem_log_warning (&self->log, member, _("expected a text, found %s; it is left out"),
                          dm_json_node_describe (node));
  return NULL;
}

gboolean
dm_import_parse_integer (const char *text,
                         gint64     *out)
{
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  const char *p = text;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      if (magnitude < G_MAXINT64 / 100)
        magnitude = magnitude * 10 + (guint64) (*p - '0');
      else
        magnitude = G_MAXINT64;
    }

  if (*p != '\0')
    return FALSE;

  *out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

gboolean
dm_import_get_integer (DmImport         *self,
                       const DmJsonNode *object,
                       const char       *member,
                       gint64           *value,
                       gboolean         *present)
{
  const DmJsonNode *node = dm_json_node_get_member (object, member);
  g_autofree char *text = NULL;

  *present = FALSE;

  if (node == NULL || node->type == DM_JSON_NULL)
    return TRUE;

  if (node->type == DM_JSON_STRING)
    {
      text = g_strstrip (g_strdup (node->v.string));
      if (text[0] == '\0')
        return TRUE;
      if (!dm_import_parse_integer (text, value))
        {
          dm_problem_log_error (&self->log, DM_DATASET_ERROR_INVALID_DATE, member,
                                _("“%s” is not a whole number"), text);
          return FALSE;
        }
      *present = TRUE;
      return TRUE;
    }

  if (node->type == DM_JSON_INTEGER)
    {
      *value = node->v.integer;
      *present = TRUE;
      return TRUE;
    }

  if (node->type == DM_JSON_DOUBLE)
    {
      if (node->v.number != floor (node->v.number))
        {
          text = number_to_string (node);
          dm_problem_log_error (&self->log, DM_DATASET_ERROR_INVALID_DATE, member,
                                _("“%s” is not a whole number"), text);
          return FALSE;
        }
      *value = fabs (node->v.number) < 1e18 ? (gint64) node->v.number : G_MAXINT64;
      *present = TRUE;
      return TRUE;
    }

  dm_json_type_problem (&self->log, member, _("a whole number"), node);
  return FALSE;
}

/* Dates */

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             gint64      *value)
{
  gint64 v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }

  *p += n;
  *value = v;
  return TRUE;
}

/* [±]YYYY[-MM[-DD[(T| )HH[:MM[:SS[.fff]]]]]][Z|±HH[:MM]], into @parts. */
gboolean
dm_import_parse_iso (const char  *text,
                     DmDateParts *parts)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint n_digits = 0;
  gint64 year = 0;
  gint64 ignored;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  for (; g_ascii_isdigit (*p); p++, n_digits++)
    year = year < G_MAXINT64 / 100 ? year * 10 + (*p - '0') : G_MAXINT64;
  if (n_digits < 4)
    return FALSE;

  parts->present[DM_DATE_PART_YEAR] = TRUE;
  parts->value[DM_DATE_PART_YEAR] = negative ? -year : year;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &parts->value[DM_DATE_PART_MONTH]))
        return FALSE;
      parts->present[DM_DATE_PART_MONTH] = TRUE;

      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &parts->value[DM_DATE_PART_DAY]))
            return FALSE;
          parts->present[DM_DATE_PART_DAY] = TRUE;

          if (*p == 'T' || *p == 't' || *p == ' ')
            {
              p++;
              if (!read_digits (&p, 2, &parts->value[DM_DATE_PART_HOUR]))
                return FALSE;
              parts->present[DM_DATE_PART_HOUR] = TRUE;

              if (*p == ':')
                {
                  p++;
                  if (!read_digits (&p, 2, &parts->value[DM_DATE_PART_MINUTE]))
                    return FALSE;
                  parts->present[DM_DATE_PART_MINUTE] = TRUE;

                  if (*p == ':')
                    {
                      p++;
                      if (!read_digits (&p, 2, &parts->value[DM_DATE_PART_SECOND]))
                        return FALSE;
                      parts->present[DM_DATE_PART_SECOND] = TRUE;

                      if (*p == '.' || *p == ',')
                        {
                          gint64 ms = 0;
                          guint n = 0;

                          for (p++; g_ascii_isdigit (*p); p++, n++)
                            if (n < 3)
                              ms = ms * 10 + (*p - '0');
                          if (n == 0)
                            return FALSE;
                          for (; n < 3; n++)
                            ms *= 10;
                          parts->present[DM_DATE_PART_MILLISECOND] = TRUE;
                          parts->value[DM_DATE_PART_MILLISECOND] = ms;
                        }
                    }
                }

              /* The zone: the written clock time is kept as it is. */
              if (*p == 'Z' || *p == 'z')
                p++;
              else if (*p == '+' || *p == '-')
                {
                  p++;
                  if (!read_digits (&p, 2, &ignored))
                    return FALSE;
                  if (*p == ':')
                    p++;
                  if (g_ascii_isdigit (*p) && !read_digits (&p, 2, &ignored))
                    return FALSE;
                }
            }
        }
    }

  return *p == '\0';
}

/* A whole number with a sign, then nothing but white space: what
 * JavaScript's parseInt() reads of the start of a text, for the forms
 * TimelineJS 2 wrote. */
static gboolean
read_number (const char *text,
             gint64     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return dm_import_parse_integer (copy, value);
}

/* "5/12/2015" or "5/12/2015 10:30[:15]" (month/day/year, as TimelineJS 2
 * read them), and "5/2015" (month/year: a second field of more than two
 * digits is the year). */
static gboolean
parse_slashes (const char  *text,
               DmDateParts *parts)
{
  g_auto(GStrv) halves = g_strsplit (text, " ", 2);
  g_auto(GStrv) fields = g_strsplit (halves[0], "/", 0);
  guint n = g_strv_length (fields);

  if (n < 2 || n > 3)
    return FALSE;

  if (!read_number (fields[0], &parts->value[DM_DATE_PART_MONTH]))
    return FALSE;
  parts->present[DM_DATE_PART_MONTH] = TRUE;

  if (n == 3)
    {
      if (!read_number (fields[2], &parts->value[DM_DATE_PART_YEAR]) ||
          !read_number (fields[1], &parts->value[DM_DATE_PART_DAY]))
        return FALSE;
      parts->present[DM_DATE_PART_YEAR] = parts->present[DM_DATE_PART_DAY] = TRUE;
    }
  else if (strlen (g_strstrip (fields[1])) > 2)
    {
      if (!read_number (fields[1], &parts->value[DM_DATE_PART_YEAR]))
        return FALSE;
      parts->present[DM_DATE_PART_YEAR] = TRUE;
    }
  else
    return FALSE;  /* a month and a day, but no year */

  if (halves[0] != NULL && halves[1] != NULL)
    {
      g_auto(GStrv) clock = g_strsplit (g_strstrip (halves[1]), ":", 0);

      if (clock[0] == NULL || clock[1] == NULL || g_strv_length (clock) > 3)
        return FALSE;
      for (guint i = 0; clock[i] != NULL; i++)
        {
          if (!read_number (clock[i], &parts->value[DM_DATE_PART_HOUR + i]))
            return FALSE;
          parts->present[DM_DATE_PART_HOUR + i] = TRUE;
        }
    }

  return TRUE;
}

/* "2011,12,10[,hour,minute,second,millisecond]", any of them empty. */
static gboolean
parse_commas (const char  *text,
              DmDateParts *parts)
{
  g_auto(GStrv) fields = g_strsplit (text, ",", 0);

  if (g_strv_length (fields) > DM_DATE_N_PARTS)
    return FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_strstrip (fields[i]);
      if (fields[i][0] == '\0')
        continue;
      if (!dm_import_parse_integer (fields[i], &parts->value[i]))
        return FALSE;
      parts->present[i] = TRUE;
    }

  return TRUE;
}

gboolean
dm_import_parse_date_text (const char  *text,
                           DmDateParts *parts)
{
  gsize length;
  gboolean digits = TRUE;

  memset (parts, 0, sizeof *parts);

  if (strchr (text, ',') != NULL)
    return parse_commas (text, parts);

  if (strchr (text, '/') != NULL)
    return parse_slashes (text, parts);

  if (dm_import_parse_integer (text, &parts->value[DM_DATE_PART_YEAR]))
    {
      length = strlen (text);
      for (const char *p = text; *p; p++)
        digits &= g_ascii_isdigit (*p);

      /* "201201261000": TimelineJS 2 read anything longer than eight
       * characters without a separator as YYYYMMDDHHMM. */
      if (digits && length >= 10 && length <= 14 && length % 2 == 0)
        {
          const char *p = text;

          memset (parts, 0, sizeof *parts);
          for (guint part = DM_DATE_PART_YEAR; part <= DM_DATE_PART_MINUTE && *p; part++)
            {
              read_digits (&p, part == DM_DATE_PART_YEAR ? 4 : 2, &parts->value[part]);
              parts->present[part] = TRUE;
            }
          return TRUE;
        }

      parts->present[DM_DATE_PART_YEAR] = TRUE;
      return TRUE;
    }

  memset (parts, 0, sizeof *parts);
  return dm_import_parse_iso (text, parts);
}

/* Leaving out what the other tool leaves out */

void
dm_import_leave_out (DmImport   *self,
                     guint       first_problem,
                     const char *tool)
{
  for (guint i = first_problem; i < self->log.problems->len; i++)
    {
      DmProblem *problem = g_ptr_array_index (self->log.problems, i);
      char *message;

      if (problem->severity != DM_PROBLEM_ERROR)
        continue;

      /* TRANSLATORS: “a date needs at least a year; TimelineJS leaves this
       * out, and so does Dấu Mốc” */
      message = g_strdup_printf (_("%s; %s leaves this out, and so does Dấu Mốc"), problem->message, tool);
      g_free (problem->message);
      problem->message = message;
      problem->severity = DM_PROBLEM_WARNING;
    }
}


const char * const *
dm_import_date_part_names (void)
{
  return part_names;
}

static void
part_problem (DmImport           *self,
              DmProblemSeverity   severity,
              DmDatasetError      code,
              const char * const *members,
              DmDatePart          part,
              const char         *message)
{
  dm_problem_log_add (&self->log, severity, code, members != NULL ? members[part] : NULL, "%s", message);
}

static gboolean
check_range (DmImport           *self,
             const DmDateParts  *parts,
             const char * const *members,
             DmDatePart          part,
             gint64              min,
             gint64              max)
{
  g_autofree char *value = NULL;
  g_autofree char *message = NULL;

  if (parts->value[part] >= min && parts->value[part] <= max)
    return TRUE;

  value = g_strdup_printf ("%" G_GINT64_FORMAT, parts->value[part]);
  switch (part)
    {
    case DM_DATE_PART_MONTH:
      message = g_strdup_printf (_("month must be between 1 and 12, not %s"), value);
      break;
    case DM_DATE_PART_HOUR:
      message = g_strdup_printf (_("hour must be between 0 and 23, not %s"), value);
      break;
    case DM_DATE_PART_MINUTE:
      message = g_strdup_printf (_("minute must be between 0 and 59, not %s"), value);
      break;
    case DM_DATE_PART_SECOND:
      message = g_strdup_printf (_("second must be between 0 and 59, not %s"), value);
      break;
    case DM_DATE_PART_MILLISECOND:
      message = g_strdup_printf (_("millisecond must be between 0 and 999, not %s"), value);
      break;
    case DM_DATE_PART_DAY:
      {
        DmDate month = { parts->value[DM_DATE_PART_YEAR], (guint8) parts->value[DM_DATE_PART_MONTH],
                         0, 0, 0, DM_DATE_PRECISION_MONTH };
        g_autofree char *month_text = dm_date_format (&month, dm_language_from_locale ());

        /* TRANSLATORS: “February 2021 has 28 days, not 30” */
        message = g_strdup_printf (_("%s has %u days, not %s"), month_text, (guint) max, value);
      }
      break;
    case DM_DATE_PART_YEAR:
    case DM_DATE_N_PARTS:
    default:
      message = g_strdup (_("year must be between -100,000,000,000 and 100,000,000,000"));
      break;
    }

  part_problem (self, DM_PROBLEM_ERROR, DM_DATASET_ERROR_INVALID_DATE, members, part, message);
  return FALSE;
}

gboolean
dm_import_date_from_parts (DmImport            *self,
                           const DmDateParts   *parts,
                           const char * const  *members,
                           DmDate              *date)
{
  DmDatePrecision precision = DM_DATE_PRECISION_YEAR;
  const gint64 *v = parts->value;
  gboolean has_time;

  memset (date, 0, sizeof *date);

  if (!parts->present[DM_DATE_PART_YEAR])
    {
      part_problem (self, DM_PROBLEM_ERROR, DM_DATASET_ERROR_MISSING, members, DM_DATE_PART_YEAR,
                    _("a date needs at least a year"));
      return FALSE;
    }

  if (!check_range (self, parts, members, DM_DATE_PART_YEAR, -DM_DATE_YEAR_MAX, DM_DATE_YEAR_MAX))
    return FALSE;

  if (parts->present[DM_DATE_PART_MONTH])
    {
      if (!check_range (self, parts, members, DM_DATE_PART_MONTH, 1, 12))
        return FALSE;
      precision = DM_DATE_PRECISION_MONTH;
    }

  if (parts->present[DM_DATE_PART_DAY])
    {
      if (precision < DM_DATE_PRECISION_MONTH)
        part_problem (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, members, DM_DATE_PART_DAY,
                      _("a day without a month is left out"));
      else if (!check_range (self, parts, members, DM_DATE_PART_DAY, 1,
                             dm_date_days_in_month (v[DM_DATE_PART_YEAR], (guint) v[DM_DATE_PART_MONTH])))
        return FALSE;
      else
        precision = DM_DATE_PRECISION_DAY;
    }

  has_time = parts->present[DM_DATE_PART_HOUR] || parts->present[DM_DATE_PART_MINUTE];
  if (has_time && precision < DM_DATE_PRECISION_DAY)
    part_problem (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, members,
                  parts->present[DM_DATE_PART_HOUR] ? DM_DATE_PART_HOUR : DM_DATE_PART_MINUTE,
                  _("a time of day without a day is left out"));
  else if (has_time)
    {
      if ((parts->present[DM_DATE_PART_HOUR] && !check_range (self, parts, members, DM_DATE_PART_HOUR, 0, 23)) ||
          (parts->present[DM_DATE_PART_MINUTE] && !check_range (self, parts, members, DM_DATE_PART_MINUTE, 0, 59)))
        return FALSE;
      precision = DM_DATE_PRECISION_MINUTE;
    }

  if ((parts->present[DM_DATE_PART_SECOND] && !check_range (self, parts, members, DM_DATE_PART_SECOND, 0, 59)) ||
      (parts->present[DM_DATE_PART_MILLISECOND] &&
       !check_range (self, parts, members, DM_DATE_PART_MILLISECOND, 0, 999)))
    return FALSE;

  if (parts->present[DM_DATE_PART_SECOND] && v[DM_DATE_PART_SECOND] != 0)
    part_problem (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, members, DM_DATE_PART_SECOND,
                  _("seconds are left out: Dấu Mốc keeps times to the minute"));
  else if (parts->present[DM_DATE_PART_MILLISECOND] && v[DM_DATE_PART_MILLISECOND] != 0)
    part_problem (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, members, DM_DATE_PART_MILLISECOND,
                  _("milliseconds are left out: Dấu Mốc keeps times to the minute"));

  if (!dm_date_init (date, precision, v[DM_DATE_PART_YEAR],
                     precision >= DM_DATE_PRECISION_MONTH ? (guint) v[DM_DATE_PART_MONTH] : 0,
                     precision >= DM_DATE_PRECISION_DAY ? (guint) v[DM_DATE_PART_DAY] : 0,
                     precision >= DM_DATE_PRECISION_MINUTE && parts->present[DM_DATE_PART_HOUR]
                       ? (guint) v[DM_DATE_PART_HOUR] : 0,
                     precision >= DM_DATE_PRECISION_MINUTE && parts->present[DM_DATE_PART_MINUTE]
                       ? (guint) v[DM_DATE_PART_MINUTE] : 0))
    g_assert_not_reached ();

  return TRUE;
}

gboolean
dm_import_check_order (DmImport     *self,
                       const DmDate *start,
                       const DmDate *end,
                       const char   *member)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!dm_date_ends_before_start (start, end, &start_text, &end_text))
    return TRUE;

  dm_problem_log_add (&self->log, DM_PROBLEM_ERROR, DM_DATASET_ERROR_DATE_ORDER, member,
                      _("this ends (%s) before it starts (%s)"), end_text, start_text);
  return FALSE;
}

/* Texts */

void
dm_import_set_text (DmImport *self,
                    DmText   *out,
                    char     *text)
{
  if (text == NULL || text[0] == '\0')
    {
      g_free (text);
      return;
    }

  /* Each text in its own language: a file may give English headlines
   * and Vietnamese bodies, and English is never to be labelled as
   * Vietnamese because the rest of the file is. */
  g_clear_pointer (&out->vi, g_free);
  g_clear_pointer (&out->en, g_free);
  if (dm_import_looks_vietnamese (text))
    out->vi = text;
  else
    out->en = text;
}

/* Kinds and ids */

static gboolean
is_usable_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > DM_ID_MAX_LENGTH)
    return FALSE;

  for (const char *p = id; *p; p++)
    if ((guchar) *p < 0x20)
      return FALSE;

  return TRUE;
}

/* "Nghị quyết 52" → "nghi-quyet-52", at most @max bytes. */
static char *
slugify (const char *text,
         gsize       max)
{
  g_autoptr(GString) latin = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (slug, FALSE);

  /* Transliteration knows every Vietnamese letter but đ. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x111)
        g_string_append_c (latin, 'd');
      else if (c == 0x110)
        g_string_append_c (latin, 'D');
      else
        g_string_append_unichar (latin, c);
    }

  ascii = g_str_to_ascii (latin->str, "C");
  for (const char *p = ascii; *p && slug->len < max; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}

/* @base, or @base-2, @base-3… : the first that is in neither table. */
static char *
make_unique (const char *base,
             GHashTable *used,
             GHashTable *reserved)
{
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (used, id) || (reserved && g_hash_table_contains (reserved, id)); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }

  return id;
}

const char *
dm_import_get_kind_color (guint position)
{
  return palette[position % G_N_ELEMENTS (palette)];
}

const char *
dm_import_get_kind (DmImport   *self,
                    const char *key,
                    const char *label,
                    const char *id)
{
  const char *lookup = key != NULL ? key : "";
  g_autofree char *base = NULL;
  DmKind *kind;

  kind = g_hash_table_lookup (self->kinds_by_key, lookup);
  if (kind != NULL)
    return kind->id;

  kind = dm_kind_new ();
  if (key == NULL)
    {
      base = g_strdup (DM_IMPORT_UNGROUPED_ID);
      dm_text_set (&kind->label, DM_IMPORT_UNGROUPED_LABEL_VI, DM_IMPORT_UNGROUPED_LABEL_EN);
    }
  else
    {
      if (label == NULL || label[0] == '\0')
        label = key;
      if (is_usable_id (id))
        base = g_strdup (id);
      else
        base = slugify (label, MAX_SLUG_LENGTH);
      if (base[0] == '\0')
        {
          g_free (base);
          base = g_strdup ("group");
        }
      dm_import_set_text (self, &kind->label, g_strdup (label));
    }

  kind->id = make_unique (base, self->kind_ids, NULL);
  kind->color = g_strdup (dm_import_get_kind_color (self->kinds->len));
  g_hash_table_add (self->kind_ids, kind->id);
  g_hash_table_insert (self->kinds_by_key, g_strdup (lookup), kind);
  g_ptr_array_add (self->kinds, kind);

  return kind->id;
}

void
dm_import_reserve_id (DmImport   *self,
                      const char *id)
{
  const char *end;

  if (id == NULL)
    return;

  /* Without white space around it, as dm_import_get_string() reads it
   * (g_strstrip()'s white space), copied once. */
  end = id + strlen (id);
  while (g_ascii_isspace (*id))
    id++;
  while (end > id && g_ascii_isspace (end[-1]))
    end--;
  g_hash_table_add (self->reserved_ids, g_string_chunk_insert_len (self->strings, id, end - id));
}

char *
dm_import_wanted_event_id (DmImport   *self,
                           const char *given,
                           const char *member,
                           guint       index,
                           const char *title,
                           gboolean   *generated)
{
  g_autofree char *slug = NULL;

  if (given != NULL && !is_usable_id (given))
    {
      dm_problem_log_warning (&self->log, member,
                              _("this id cannot be used (it is longer than %u bytes or has control characters); the event gets a new one"),
                              DM_ID_MAX_LENGTH);
      given = NULL;
    }

  *generated = given == NULL;
  if (given != NULL)
    return g_strdup (given);

  slug = slugify (title, MAX_SLUG_LENGTH);
  return slug[0] != '\0'
    ? g_strdup_printf ("event-%u-%s", index + 1, slug)
    : g_strdup_printf ("event-%u", index + 1);
}

char *
dm_import_take_event_id (DmImport   *self,
                         char       *wanted,
                         gboolean    generated,
                         const char *member)
{
  g_autofree char *base = wanted;
  char *id;

  if (!generated && !g_hash_table_contains (self->event_ids, base))
    id = g_steal_pointer (&base);
  else if (!generated)
    {
      id = make_unique (base, self->event_ids, self->reserved_ids);
      dm_problem_log_warning (&self->log, member, _("the id “%s” is already used by %s; this event gets the id “%s”"),
                              base, (const char *) g_hash_table_lookup (self->event_ids, base), id);
    }
  else
    id = make_unique (base, self->event_ids, self->reserved_ids);

  g_hash_table_insert (self->event_ids, g_string_chunk_insert (self->strings, id),
                       g_string_chunk_insert (self->strings, self->log.path->str));

  return id;
}

char *
dm_import_event_id (DmImport   *self,
                    const char *given,
                    const char *member,
                    guint       index,
                    const char *title)
{
  gboolean generated;
  char *wanted = dm_import_wanted_event_id (self, given, member, index, title, &generated);

  return dm_import_take_event_id (self, wanted, generated, member);
}
