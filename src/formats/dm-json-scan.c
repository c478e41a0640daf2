/* dm-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dm-json-scan.h"
#include "dm-problem.h"

typedef struct
{
  const guchar     *data;
  gsize             length;
  gsize             pos;
  guint             line;
  gsize             line_start;
  guint             depth;

  /* Checking */
  DmJsonScanResult  result;
  gsize             error_pos;
  guint             error_line;
  gsize             error_line_start;
  char             *message;
  char             *error_path;

  /* Member names of the objects being read (see check_duplicate()) */
  GString          *names;
  const char       *root_member;
  gboolean          has_root_member;

  /* Locating (NULL when checking) */
  GHashTable       *wanted;
  GHashTable       *prefixes;
  GString          *path;
} Scanner;

static gboolean scan_value (Scanner *s, gboolean track);

static guint
column_at (const guchar *data,
           gsize         line_start,
           gsize         pos)
{
  guint column = 1;

  /* Count characters, not bytes: continuation bytes do not start one. */
  for (gsize i = line_start; i < pos; i++)
    if ((data[i] & 0xC0) != 0x80)
      column++;

  return column;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Scanner          *s,
      DmJsonScanResult  result,
      const char       *format,
      ...)
{
  va_list args;

  if (s->result != DM_JSON_SCAN_OK)
    return FALSE;

  s->result = result;
  s->error_pos = s->pos;
  s->error_line = s->line;
  s->error_line_start = s->line_start;
  va_start (args, format);
  s->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (s->path != NULL)
    s->error_path = g_strdup (s->path->str);

  return FALSE;
}

static void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->length)
    {
      guchar c = s->data[s->pos];

      if (c == '\n')
        {
          s->pos++;
          s->line++;
          s->line_start = s->pos;
        }
      else if (c == ' ' || c == '\t' || c == '\r')
        s->pos++;
      else
        break;
    }
}

static const char *
describe_char (Scanner *s,
               char     buffer[64])
{
  guchar c;

  if (s->pos >= s->length)
    return _("the end of the file");

  c = s->data[s->pos];
  if (c >= 0x20 && c < 0x7F)
    g_snprintf (buffer, 64, "“%c”", c);
  else
    g_snprintf (buffer, 64, _("byte 0x%02X"), c);

  return buffer;
}

static gboolean
expect_literal (Scanner    *s,
                const char *word)
{
  gsize len = strlen (word);

  if (s->length - s->pos < len || memcmp (s->data + s->pos, word, len) != 0)
    {
      char buf[64];
      return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a value, found %s"), describe_char (s, buf));
    }

  s->pos += len;
  return TRUE;
}

/* Validates one UTF-8 sequence at s->pos (already known not ASCII);
 * rejects overlong forms, surrogates and values above U+10FFFF. */
static gboolean
skip_utf8 (Scanner *s)
{
  const guchar *d = s->data + s->pos;
  gsize avail = s->length - s->pos;
  guint need;
  gunichar c;
  gunichar min;

  if (d[0] >= 0xC2 && d[0] <= 0xDF)
    need = 1, c = d[0] & 0x1F, min = 0x80;
  else if (d[0] >= 0xE0 && d[0] <= 0xEF)
    need = 2, c = d[0] & 0x0F, min = 0x800;
  else if (d[0] >= 0xF0 && d[0] <= 0xF4)
    need = 3, c = d[0] & 0x07, min = 0x10000;
  else
    return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: byte 0x%02X cannot start a character"), d[0]);

  if (avail <= need)
    return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: the file ends inside a character"));

  for (guint i = 1; i <= need; i++)
    {
      if ((d[i] & 0xC0) != 0x80)
        return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: byte 0x%02X cannot continue a character"), d[i]);
      c = (c << 6) | (d[i] & 0x3F);
    }

  if (c < min)
    return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: overlong encoding of U+%04X"), c);
  if (c >= 0xD800 && c <= 0xDFFF)
    return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: encoded surrogate U+%04X"), c);
  if (c > 0x10FFFF)
    return fail (s, DM_JSON_SCAN_ENCODING, _("the text is not valid UTF-8: U+%X is beyond Unicode"), c);

  s->pos += need + 1;
  return TRUE;
}

static gboolean
read_hex4 (Scanner *s,
           guint   *out)
{
  guint value = 0;

  if (s->length - s->pos < 4)
    return fail (s, DM_JSON_SCAN_SYNTAX, _("unfinished \\u escape"));

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->data[s->pos + i]);
      if (digit < 0)
        return fail (s, DM_JSON_SCAN_SYNTAX, _("\\u must be followed by four hexadecimal digits"));
      value = (value << 4) | (guint) digit;
    }

  s->pos += 4;
  *out = value;
  return TRUE;
}

/* Reads a string at s->pos (the opening quote); if @out is not NULL, stores
 * the decoded text there (only needed for member names). */
static gboolean
scan_string (Scanner  *s,
             GString  *out)
{
  gsize start = s->pos;
  guint start_line = s->line;
  gsize start_line_start = s->line_start;

  g_assert (s->data[s->pos] == '"');
  s->pos++;

  for (;;)
    {
      gsize run = s->pos;
      guchar c;

      while (s->pos < s->length && (c = s->data[s->pos]) >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        s->pos++;
      if (out != NULL)
        g_string_append_len (out, (const char *) s->data + run, s->pos - run);

      if (s->pos - start > DM_JSON_MAX_STRING && s->wanted == NULL)
        {
          s->pos = start;
          s->line = start_line;
          s->line_start = start_line_start;
          return fail (s, DM_JSON_SCAN_LIMIT, _("a string is longer than %u MiB, more than any text in a timeline needs"),
                       DM_JSON_MAX_STRING >> 20);
        }

      if (s->pos >= s->length)
        return fail (s, DM_JSON_SCAN_SYNTAX, _("the file ends inside a string (a closing \" is missing)"));

      c = s->data[s->pos];
      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      else if (c == '\\')
        {
          guchar e;

          s->pos++;
          if (s->pos >= s->length)
            return fail (s, DM_JSON_SCAN_SYNTAX, _("the file ends inside a string escape"));
          e = s->data[s->pos++];
          switch (e)
            {
            case '"': case '\\': case '/':
              if (out) g_string_append_c (out, (char) e);
              break;
            case 'b': if (out) g_string_append_c (out, '\b'); break;
            case 'f': if (out) g_string_append_c (out, '\f'); break;
            case 'n': if (out) g_string_append_c (out, '\n'); break;
            case 'r': if (out) g_string_append_c (out, '\r'); break;
            case 't': if (out) g_string_append_c (out, '\t'); break;
            case 'u':
              {
                guint u;
                guint lo;

                if (!read_hex4 (s, &u))
                  return FALSE;
                if (u >= 0xDC00 && u <= 0xDFFF)
                  return fail (s, DM_JSON_SCAN_ENCODING, _("\\u%04X is half of a surrogate pair without its first half"), u);
                if (u >= 0xD800 && u <= 0xDBFF)
                  {
                    if (s->length - s->pos < 6 || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
                      return fail (s, DM_JSON_SCAN_ENCODING, _("\\u%04X starts a surrogate pair that is not completed"), u);
                    s->pos += 2;
                    if (!read_hex4 (s, &lo))
                      return FALSE;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                      return fail (s, DM_JSON_SCAN_ENCODING, _("\\u%04X starts a surrogate pair that is not completed"), u);
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                  }
                if (u == 0)
                  return fail (s, DM_JSON_SCAN_ENCODING, _("a string contains \\u0000 (a NUL character), which cannot be kept"));
                if (out)
                  g_string_append_unichar (out, u);
              }
              break;
            default:
              s->pos--;
              return fail (s, DM_JSON_SCAN_SYNTAX, _("unknown escape \\%c in a string"), g_ascii_isprint (e) ? e : '?');
            }
        }
      else if (c == 0)
        return fail (s, DM_JSON_SCAN_ENCODING, _("the file contains a NUL byte"));
      else if (c < 0x20)
        return fail (s, DM_JSON_SCAN_SYNTAX, _("a control character (0x%02X) must be escaped inside a string"), c);
      else
        {
          gsize char_start = s->pos;

          if (!skip_utf8 (s))
            return FALSE;
          if (out != NULL)
            g_string_append_len (out, (const char *) s->data + char_start, s->pos - char_start);
        }
    }
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean is_integer = TRUE;
  char buf[64];

  if (s->data[s->pos] == '-')
    s->pos++;

  if (s->pos < s->length && s->data[s->pos] == '0')
    s->pos++;
  else if (s->pos < s->length && s->data[s->pos] >= '1' && s->data[s->pos] <= '9')
    while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
      s->pos++;
  else
    return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a digit, found %s"), describe_char (s, buf));

  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      is_integer = FALSE;
      s->pos++;
      if (s->pos >= s->length || !g_ascii_isdigit (s->data[s->pos]))
        return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a digit after the decimal point, found %s"), describe_char (s, buf));
      while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }

  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      is_integer = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (s->pos >= s->length || !g_ascii_isdigit (s->data[s->pos]))
        return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a digit in the exponent, found %s"), describe_char (s, buf));
      while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }

  if (s->wanted == NULL)
    {
      gsize len = s->pos - start;
      char stack[64];
      g_autofree char *heap = len < sizeof stack ? NULL : g_strndup ((const char *) s->data + start, len);
      char *text = heap;

      if (heap == NULL)
        {
          memcpy (stack, s->data + start, len);
          stack[len] = '\0';
          text = stack;
        }

      if (is_integer)
        {
          gint64 value;

          if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
            {
              s->pos = start;
              return fail (s, DM_JSON_SCAN_LIMIT, _("the number %.40s%s is too large to be kept exactly"),
                           text, strlen (text) > 40 ? "…" : "");
            }
        }
      else
        {
          double value = g_ascii_strtod (text, NULL);

          if (!isfinite (value))
            {
              s->pos = start;
              return fail (s, DM_JSON_SCAN_LIMIT, _("the number %.40s%s is out of range"),
                           text, strlen (text) > 40 ? "…" : "");
            }
        }
    }

  return TRUE;
}

static void
maybe_record (Scanner *s)
{
  DmJsonLocation *location;

  if (s->wanted == NULL)
    return;

  location = g_hash_table_lookup (s->wanted, s->path->str);
  if (location != NULL)
    {
      location->line = s->line;
      location->column = column_at (s->data, s->line_start, s->pos);
    }
}

/* The names of the members read so far in the objects being read, each
 * NUL-terminated in s->names, innermost object last: an object's names
 * start at the offset it noted on entry. Small objects compare a new name
 * with the few before it; large ones hash them. Nothing is allocated per
 * object or per name. */
static gboolean
check_duplicate (Scanner     *s,
                 gsize        names_start,
                 guint        n_names,
                 gsize        name_start,
                 GHashTable **seen)
{
  const char *name = s->names->str + name_start;

  if (*seen == NULL && n_names < 16)
    {
      const char *other = s->names->str + names_start;

      for (guint i = 0; i < n_names; i++)
        {
          if (strcmp (other, name) == 0)
            return FALSE;
          other += strlen (other) + 1;
        }
      return TRUE;
    }

  if (*seen == NULL)
    {
      const char *other = s->names->str + names_start;

      *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n_names; i++)
        {
          g_hash_table_add (*seen, g_strdup (other));
          other += strlen (other) + 1;
        }
    }

  return g_hash_table_add (*seen, g_strdup (name));
}

static gboolean
scan_object (Scanner  *s,
             gboolean  track)
{
  g_autoptr(GHashTable) seen = NULL;
  gsize path_len = s->path ? s->path->len : 0;
  gsize names_start = s->names->len;
  guint n_names = 0;
  gboolean ok = FALSE;
  char buf[64];

  s->pos++; /* { */
  skip_whitespace (s);
  if (s->pos < s->length && s->data[s->pos] == '}')
    {
      s->pos++;
      return TRUE;
    }

  for (;;)
    {
      gsize name_pos;
      guint name_line;
      gsize name_line_start;
      gsize name_start;
      const char *name;
      gboolean child_track = FALSE;

      skip_whitespace (s);
      if (s->pos >= s->length || s->data[s->pos] != '"')
        {
          fail (s, DM_JSON_SCAN_SYNTAX, _("expected a member name in double quotes, found %s"), describe_char (s, buf));
          break;
        }

      name_pos = s->pos;
      name_line = s->line;
      name_line_start = s->line_start;
      name_start = s->names->len;
      if (!scan_string (s, s->names))
        break;
      g_string_append_c (s->names, '\0');
      name = s->names->str + name_start;

      if (s->wanted == NULL)
        {
          if (!check_duplicate (s, names_start, n_names, name_start, &seen))
            {
              s->pos = name_pos;
              s->line = name_line;
              s->line_start = name_line_start;
              fail (s, DM_JSON_SCAN_DUPLICATE, _("the member “%s” appears twice in the same object"), name);
              break;
            }
          n_names++;
          if (s->depth == 1 && s->root_member != NULL && strcmp (name, s->root_member) == 0)
            s->has_root_member = TRUE;
        }

      if (track)
        {
          g_string_truncate (s->path, path_len);
          dm_problem_path_append_member (s->path, name);
          child_track = g_hash_table_contains (s->prefixes, s->path->str);
        }

      skip_whitespace (s);
      if (s->pos >= s->length || s->data[s->pos] != ':')
        {
          fail (s, DM_JSON_SCAN_SYNTAX, _("expected “:” after the member name “%s”, found %s"), name, describe_char (s, buf));
          break;
        }
      s->pos++;
      skip_whitespace (s);

      /* Only the names of this object are needed while checking. */
      if (s->wanted != NULL)
        g_string_truncate (s->names, name_start);

      if (!scan_value (s, child_track))
        break;

      if (track)
        g_string_truncate (s->path, path_len);

      skip_whitespace (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (s->pos < s->length && s->data[s->pos] == '}')
        {
          s->pos++;
          ok = TRUE;
          break;
        }
      fail (s, DM_JSON_SCAN_SYNTAX, _("expected “,” or “}” after a member, found %s"), describe_char (s, buf));
      break;
    }

  g_string_truncate (s->names, names_start);
  return ok;
}

static gboolean
scan_array (Scanner  *s,
            gboolean  track)
{
  gsize path_len = s->path ? s->path->len : 0;
  char buf[64];

  s->pos++; /* [ */
  skip_whitespace (s);
  if (s->pos < s->length && s->data[s->pos] == ']')
    {
      s->pos++;
      return TRUE;
    }

  for (guint index = 0;; index++)
    {
      gboolean child_track = FALSE;

      skip_whitespace (s);
      if (track)
        {
          g_string_truncate (s->path, path_len);
          dm_problem_path_append_index (s->path, index);
          child_track = g_hash_table_contains (s->prefixes, s->path->str);
        }

      if (!scan_value (s, child_track))
        return FALSE;

      if (track)
        g_string_truncate (s->path, path_len);

      skip_whitespace (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (s->pos < s->length && s->data[s->pos] == ']')
        {
          s->pos++;
          return TRUE;
        }
      return fail (s, DM_JSON_SCAN_SYNTAX, _("expected “,” or “]” after an array element, found %s"), describe_char (s, buf));
    }
}

static gboolean
scan_value (Scanner  *s,
            gboolean  track)
{
  gboolean ret;
  char buf[64];

  skip_whitespace (s);

  if (track)
    maybe_record (s);

  if (s->pos >= s->length)
    return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a value, found the end of the file"));

  switch (s->data[s->pos])
    {
    case '{':
    case '[':
      if (s->depth >= DM_JSON_MAX_DEPTH)
        return fail (s, DM_JSON_SCAN_LIMIT, _("objects and arrays are nested more than %u levels deep"), DM_JSON_MAX_DEPTH);
      s->depth++;
      ret = s->data[s->pos] == '{' ? scan_object (s, track) : scan_array (s, track);
      s->depth--;
      return ret;

    case '"':
      return scan_string (s, NULL);

    case 't':
      return expect_literal (s, "true");

    case 'f':
      return expect_literal (s, "false");

    case 'n':
      return expect_literal (s, "null");

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    case 0:
      return fail (s, DM_JSON_SCAN_ENCODING, _("the file contains a NUL byte"));

    default:
      if (s->data[s->pos] >= 0x80)
        {
          gsize start = s->pos;
          if (!skip_utf8 (s))
            return FALSE;
          s->pos = start;
        }
      return fail (s, DM_JSON_SCAN_SYNTAX, _("expected a value (an object, array, string, number, true, false or null), found %s"),
                   describe_char (s, buf));
    }
}

static void
scanner_init (Scanner    *s,
              const char *data,
              gsize       length)
{
  memset (s, 0, sizeof *s);
  s->data = (const guchar *) data;
  s->length = length;
  s->line = 1;
  s->names = g_string_sized_new (256);
}

DmJsonScanResult
dm_json_scan_check (const char      *data,
                    gsize            length,
                    DmJsonLocation  *location,
                    char           **path,
                    char           **message)
{
  return dm_json_scan_check_full (data, length, NULL, NULL, location, path, message);
}

DmJsonScanResult
dm_json_scan_check_full (const char      *data,
                         gsize            length,
                         const char      *root_member,
                         gboolean        *has_root_member,
                         DmJsonLocation  *location,
                         char           **path,
                         char           **message)
{
  Scanner s;
  char buf[64];

  g_return_val_if_fail (data != NULL || length == 0, DM_JSON_SCAN_SYNTAX);

  scanner_init (&s, data, length);
  s.path = g_string_new (NULL);
  s.root_member = root_member;

  skip_whitespace (&s);
  if (s.pos >= s.length)
    fail (&s, DM_JSON_SCAN_SYNTAX, s.length == 0 ? _("the file is empty") : _("the file holds only white space, no JSON value"));
  else if (scan_value (&s, FALSE))
    {
      skip_whitespace (&s);
      if (s.pos < s.length)
        fail (&s, s.data[s.pos] == 0 ? DM_JSON_SCAN_ENCODING : DM_JSON_SCAN_SYNTAX,
              _("unexpected %s after the end of the JSON value"), describe_char (&s, buf));
    }

  if (s.result != DM_JSON_SCAN_OK)
    {
      if (location != NULL)
        {
          location->line = s.error_line;
          location->column = column_at (s.data, s.error_line_start, MIN (s.error_pos, s.length));
        }
      if (path != NULL)
        *path = g_steal_pointer (&s.error_path);
      if (message != NULL)
        *message = g_steal_pointer (&s.message);
    }

  if (has_root_member != NULL)
    *has_root_member = s.result == DM_JSON_SCAN_OK && s.has_root_member;

  g_free (s.error_path);
  g_free (s.message);
  g_string_free (s.path, TRUE);
  g_string_free (s.names, TRUE);

  return s.result;
}

void
dm_json_scan_locate (const char *data,
                     gsize       length,
                     GHashTable *wanted)
{
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  Scanner s;

  /* Every ancestor of a wanted path must be followed; the rest is skipped
   * without building paths. */
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *p = key;

      g_hash_table_add (prefixes, g_strdup (p));
      for (gsize i = strlen (p); i > 0; i--)
        if (p[i] == '.' || p[i] == '[')
          g_hash_table_add (prefixes, g_strndup (p, i));
    }

  scanner_init (&s, data, length);
  s.wanted = wanted;
  s.prefixes = prefixes;
  s.path = g_string_new (NULL);

  scan_value (&s, TRUE);

  g_free (s.error_path);
  g_free (s.message);
  g_string_free (s.path, TRUE);
  g_string_free (s.names, TRUE);
}

/* The compact tree */

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  gsize size;
  char  data[];
} Chunk;

struct _DmJsonReader
{
  const char *data;
  gsize       length;
  gsize       pos;
  GPtrArray  *chunks;    /* Chunk*; the last ones are free for reuse */
  guint       chunk;     /* the one being filled */
  gsize       used;      /* in it */
  GString    *scratch;
};

static gpointer
arena_alloc (DmJsonReader *r,
             gsize         size)
{
  Chunk *chunk;

  size = (size + 7) & ~(gsize) 7;

  for (;;)
    {
      chunk = g_ptr_array_index (r->chunks, r->chunk);
      if (r->used + size <= chunk->size)
        break;

      /* The next chunk, a new one if there is none or it is too small. */
      r->chunk++;
      r->used = 0;
      if (r->chunk < r->chunks->len && ((Chunk *) g_ptr_array_index (r->chunks, r->chunk))->size < size)
        g_ptr_array_remove_range (r->chunks, r->chunk, r->chunks->len - r->chunk);
      if (r->chunk == r->chunks->len)
        {
          gsize chunk_size = MAX (size, CHUNK_SIZE);

          chunk = g_malloc (sizeof (Chunk) + chunk_size);
          chunk->size = chunk_size;
          g_ptr_array_add (r->chunks, chunk);
        }
    }

  r->used += size;
  return chunk->data + r->used - size;
}

DmJsonReader *
dm_json_reader_new (const char *data,
                    gsize       length)
{
  DmJsonReader *r = g_new0 (DmJsonReader, 1);
  Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK_SIZE);

  chunk->size = CHUNK_SIZE;
  r->data = data;
  r->length = length;
  r->chunks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (r->chunks, chunk);
  r->scratch = g_string_sized_new (256);

  return r;
}

void
dm_json_reader_free (DmJsonReader *r)
{
  if (r == NULL)
    return;

  g_ptr_array_unref (r->chunks);
  g_string_free (r->scratch, TRUE);
  g_free (r);
}

gsize
dm_json_reader_get_offset (DmJsonReader *reader)
{
  return reader->pos;
}

DmJsonMark
dm_json_reader_get_mark (DmJsonReader *r)
{
  return (DmJsonMark) { r->chunk, r->used };
}

void
dm_json_reader_release (DmJsonReader *r,
                        DmJsonMark    mark)
{
  /* Keep one spare chunk for the next element; give back the rest. */
  if (r->chunks->len > mark.chunk + 2)
    g_ptr_array_remove_range (r->chunks, mark.chunk + 2, r->chunks->len - mark.chunk - 2);
  r->chunk = mark.chunk;
  r->used = mark.used;
}

static void
reader_skip_whitespace (DmJsonReader *r)
{
  while (r->pos < r->length)
    {
      char c = r->data[r->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      r->pos++;
    }
}

static guint
reader_hex4 (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    value = (value << 4) | (guint) g_ascii_xdigit_value (p[i]);

  return value;
}

/* The string at the position (its opening quote), decoded into the arena. */
static const char *
reader_string (DmJsonReader *r,
               guint        *out_length)
{
  const char *start = r->data + r->pos + 1;
  const char *p = start;
  char *copy;

  /* Most strings have no escapes: one copy. */
  while (*p != '"' && *p != '\\')
    p++;

  if (*p == '"')
    {
      gsize len = p - start;

      copy = arena_alloc (r, len + 1);
      memcpy (copy, start, len);
      copy[len] = '\0';
      r->pos = p + 1 - r->data;
      if (out_length != NULL)
        *out_length = (guint) len;
      return copy;
    }

  g_string_truncate (r->scratch, 0);
  g_string_append_len (r->scratch, start, p - start);
  while (*p != '"')
    {
      if (*p != '\\')
        {
          const char *run = p;

          while (*p != '"' && *p != '\\')
            p++;
          g_string_append_len (r->scratch, run, p - run);
          continue;
        }

      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (r->scratch, '\b'); break;
        case 'f': g_string_append_c (r->scratch, '\f'); break;
        case 'n': g_string_append_c (r->scratch, '\n'); break;
        case 'r': g_string_append_c (r->scratch, '\r'); break;
        case 't': g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            guint u = reader_hex4 (p);

            p += 4;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                u = 0x10000 + ((u - 0xD800) << 10) + (reader_hex4 (p + 2) - 0xDC00);
                p += 6;
              }
            g_string_append_unichar (r->scratch, u);
          }
          break;
        default:   /* " \ / */
          g_string_append_c (r->scratch, p[-1]);
          break;
        }
    }

  copy = arena_alloc (r, r->scratch->len + 1);
  memcpy (copy, r->scratch->str, r->scratch->len + 1);
  r->pos = p + 1 - r->data;
  if (out_length != NULL)
    *out_length = (guint) r->scratch->len;

  return copy;
}

DmJsonType
dm_json_reader_peek (DmJsonReader *r)
{
  reader_skip_whitespace (r);

  switch (r->data[r->pos])
    {
    case '{': return DM_JSON_OBJECT;
    case '[': return DM_JSON_ARRAY;
    case '"': return DM_JSON_STRING;
    case 't': case 'f': return DM_JSON_BOOLEAN;
    case 'n': return DM_JSON_NULL;
    default:
      {
        /* A number: an integer unless it has a fraction or an exponent. */
        for (gsize i = r->pos; i < r->length; i++)
          {
            char c = r->data[i];

            if (c == '.' || c == 'e' || c == 'E')
              return DM_JSON_DOUBLE;
            if (!g_ascii_isdigit (c) && c != '-' && c != '+')
              break;
          }
        return DM_JSON_INTEGER;
      }
    }
}

void
dm_json_reader_enter (DmJsonReader *r)
{
  reader_skip_whitespace (r);
  g_assert (r->data[r->pos] == '{' || r->data[r->pos] == '[');
  r->pos++;
}

const char *
dm_json_reader_next_member (DmJsonReader *r)
{
  const char *name;

  reader_skip_whitespace (r);
  if (r->data[r->pos] == ',')
    {
      r->pos++;
      reader_skip_whitespace (r);
    }
  if (r->data[r->pos] == '}')
    {
      r->pos++;
      return NULL;
    }

  name = reader_string (r, NULL);
  reader_skip_whitespace (r);
  g_assert (r->data[r->pos] == ':');
  r->pos++;
  reader_skip_whitespace (r);

  return name;
}

gboolean
dm_json_reader_next_element (DmJsonReader *r)
{
  reader_skip_whitespace (r);
  if (r->data[r->pos] == ',')
    {
      r->pos++;
      reader_skip_whitespace (r);
    }
  if (r->data[r->pos] == ']')
    {
      r->pos++;
      return FALSE;
    }

  return TRUE;
}

DmJsonNode *
dm_json_reader_read_value (DmJsonReader *r)
{
  DmJsonNode *node = arena_alloc (r, sizeof (DmJsonNode));
  DmJsonType type = dm_json_reader_peek (r);

  memset (node, 0, sizeof *node);
  node->type = type;

  switch (type)
    {
    case DM_JSON_OBJECT:
    case DM_JSON_ARRAY:
      {
        DmJsonNode **tail = &node->v.first;

        dm_json_reader_enter (r);
        for (;;)
          {
            const char *name = NULL;
            DmJsonNode *child;

            if (type == DM_JSON_OBJECT)
              {
                if ((name = dm_json_reader_next_member (r)) == NULL)
                  break;
              }
            else if (!dm_json_reader_next_element (r))
              break;

            child = dm_json_reader_read_value (r);
            child->name = name;
            *tail = child;
            tail = &child->next;
            node->n++;
          }
      }
      break;

    case DM_JSON_STRING:
      node->v.string = reader_string (r, &node->n);
      break;

    case DM_JSON_BOOLEAN:
      node->v.boolean = r->data[r->pos] == 't';
      r->pos += node->v.boolean ? 4 : 5;
      break;

    case DM_JSON_NULL:
      r->pos += 4;
      break;

    case DM_JSON_INTEGER:
    case DM_JSON_DOUBLE:
    default:
      {
        /* The data need not end with a NUL: copy the number out. */
        gsize end = r->pos;
        char stack[64];
        g_autofree char *heap = NULL;
        char *text = stack;

        while (end < r->length && r->data[end] != '\0' && (g_ascii_isdigit (r->data[end]) || strchr ("+-.eE", r->data[end]) != NULL))
          end++;
        if (end - r->pos >= sizeof stack)
          text = heap = g_malloc (end - r->pos + 1);
        memcpy (text, r->data + r->pos, end - r->pos);
        text[end - r->pos] = '\0';

        if (type == DM_JSON_INTEGER)
          node->v.integer = g_ascii_strtoll (text, NULL, 10);
        else
          node->v.number = g_ascii_strtod (text, NULL);
        r->pos = end;
      }
      break;
    }

  return node;
}

DmJsonNode *
dm_json_node_get_member (const DmJsonNode *object,
                         const char       *name)
{
  g_return_val_if_fail (object != NULL && object->type == DM_JSON_OBJECT, NULL);

  for (DmJsonNode *member = object->v.first; member != NULL; member = member->next)
    if (strcmp (member->name, name) == 0)
      return member;

  return NULL;
}

JsonNode *
dm_json_node_to_json (const DmJsonNode *node)
{
  switch ((DmJsonType) node->type)
    {
    case DM_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonNode *json = json_node_new (JSON_NODE_OBJECT);

        for (DmJsonNode *member = node->v.first; member != NULL; member = member->next)
          json_object_set_member (object, member->name, dm_json_node_to_json (member));
        json_node_take_object (json, object);
        return json;
      }

    case DM_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (node->n);
        JsonNode *json = json_node_new (JSON_NODE_ARRAY);

        for (DmJsonNode *element = node->v.first; element != NULL; element = element->next)
          json_array_add_element (array, dm_json_node_to_json (element));
        json_node_take_array (json, array);
        return json;
      }

    case DM_JSON_STRING:
      return json_node_init_string (json_node_alloc (), node->v.string);
    case DM_JSON_INTEGER:
      return json_node_init_int (json_node_alloc (), node->v.integer);
    case DM_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), node->v.number);
    case DM_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), node->v.boolean);
    case DM_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

const char *
dm_json_node_describe (const DmJsonNode *node)
{
  switch ((DmJsonType) node->type)
    {
    case DM_JSON_OBJECT:
      return _("an object");
    case DM_JSON_ARRAY:
      return _("an array");
    case DM_JSON_NULL:
      return _("null");
    case DM_JSON_STRING:
      return _("a string");
    case DM_JSON_BOOLEAN:
      return _("true or false");
    case DM_JSON_INTEGER:
    case DM_JSON_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}
