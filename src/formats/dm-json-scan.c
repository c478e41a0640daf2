/* dm-json-scan.c
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

  /* Checking in a thread of its own (see DmJsonCheckJob), or NULL */
  DmJsonCheckJob   *job;

  /* Locating (NULL when checking) */
  GHashTable       *wanted;
  GHashTable       *prefixes;
  GString          *path;
} Scanner;

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static gboolean scan_value (Scanner *s, gboolean track);
static void     job_publish (DmJsonCheckJob *job, guint depth, gsize end);
static gboolean job_indexes (DmJsonCheckJob *job, const char *member);
static void     job_set_indexing (DmJsonCheckJob *job, gboolean indexing);
static void     job_indexed (DmJsonCheckJob *job, gsize close);

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
  /* In locals: stores through the scanner would be made at each byte. */
  const guchar *data = s->data;
  gsize length = s->length;
  gsize pos = s->pos;

  while (pos < length)
    {
      guchar c = data[pos];

      if (c == '\n')
        {
          pos++;
          s->line++;
          s->line_start = pos;
        }
      else if (c == ' ' || c == '\t' || c == '\r')
        pos++;
      else
        break;
    }
  s->pos = pos;
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

/* Where the plain text of a string from @p on stops: at its closing quote,
 * an escape, the end of the bytes, or anything scan_string() has to say
 * more of (a control character, a byte that is not UTF-8). Plain text is
 * printable ASCII and the UTF-8 of U+0080 to U+07FF and of U+1000 to
 * U+CFFF and U+E000 to U+FFFF (leads C2–DF, E1–EC, EE and EF, which need
 * no more than their continuation bytes checked): Vietnamese text is made
 * of these. The other characters, rarer, go the long way (skip_utf8()).
 * This loop is most of checking a large file: it keeps its place in a
 * register rather than in the scanner (which the compiler must otherwise
 * store at each byte, since a byte pointer might point at it). */
static inline const guchar *
skip_plain_text (const guchar *p,
                 const guchar *end)
{
  for (;;)
    {
      guchar c;

#ifdef __SSE2__
      /* Plain ASCII, sixteen bytes at a time, straight to the first byte
       * that is not: a control character, a quote, a backslash or the
       * start of a longer character. */
      while (end - p >= 16)
        {
          __m128i bytes;
          __m128i special;
          int mask;

          memcpy (&bytes, p, 16);
          /* Signed: 0x80–0xFF are below 0x20 too. */
          special = _mm_or_si128 (_mm_cmplt_epi8 (bytes, _mm_set1_epi8 (0x20)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"')),
                                                _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\'))));
          mask = _mm_movemask_epi8 (special);

          if (mask != 0)
            {
              p += __builtin_ctz ((unsigned) mask);
              break;
            }
          p += 16;
        }
#else
      /* Plain ASCII, eight bytes at a time: none of them a control
       * character, a quote, a backslash or the start of a longer
       * character. */
      while (end - p >= 8)
        {
          guint64 word;
          guint64 quotes;
          guint64 backslashes;

          memcpy (&word, p, 8);
          quotes = word ^ (ONES * '"');
          backslashes = word ^ (ONES * '\\');
          if ((word | ((word - ONES * 0x20) & ~word) | ((quotes - ONES) & ~quotes) |
               ((backslashes - ONES) & ~backslashes)) & HIGHS)
            break;
          p += 8;
        }
#endif

      if (p >= end)
        return p;
      c = *p;
      if (c >= 0x20 && c < 0x80)
        {
          if (c == '"' || c == '\\')
            return p;
          p++;
        }
      else if (c >= 0xC2 && c <= 0xDF)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return p;
          p += 2;
        }
      else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        {
          if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return p;
          p += 3;
        }
      else
        return p;
    }
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

      s->pos = skip_plain_text (s->data + s->pos, s->data + s->length) - s->data;
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
 * with the few before it, whose lengths they keep (@lengths: the first
 * SMALL_OBJECT); large ones hash them. Nothing is allocated per object or
 * per name. */
#define SMALL_OBJECT 16

static gboolean
check_duplicate (Scanner     *s,
                 gsize        names_start,
                 guint        n_names,
                 const guint  lengths[SMALL_OBJECT],
                 gsize        name_start,
                 GHashTable **seen)
{
  const char *name = s->names->str + name_start;

  if (*seen == NULL && n_names < SMALL_OBJECT)
    {
      const char *other = s->names->str + names_start;
      gsize length = s->names->len - name_start - 1;

      for (guint i = 0; i < n_names; i++)
        {
          if (lengths[i] == length && memcmp (other, name, length) == 0)
            return FALSE;
          other += lengths[i] + 1;
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
  guint lengths[SMALL_OBJECT];
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
          if (!check_duplicate (s, names_start, n_names, lengths, name_start, &seen))
            {
              s->pos = name_pos;
              s->line = name_line;
              s->line_start = name_line_start;
              fail (s, DM_JSON_SCAN_DUPLICATE, _("the member “%s” appears twice in the same object"), name);
              break;
            }
          if (n_names < SMALL_OBJECT)
            lengths[n_names] = (guint) (s->names->len - name_start - 1);
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

      if (s->job != NULL && s->depth == 1 && job_indexes (s->job, name))
        {
          /* The file may end after the “:”. */
          gboolean array = s->pos < s->length && s->data[s->pos] == '[';

          job_set_indexing (s->job, TRUE);
          if (!scan_value (s, child_track))
            break;
          job_set_indexing (s->job, FALSE);
          if (array)
            job_indexed (s->job, s->pos - 1);
        }
      else if (!scan_value (s, child_track))
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

static gboolean scan_one_value (Scanner *s, gboolean track);

/* A value at s->depth; a check in a job says when one at depth 1 or 2 (a
 * member of the root, an element of one of those) is done. */
static gboolean
scan_value (Scanner  *s,
            gboolean  track)
{
  guint depth = s->depth;

  if (!scan_one_value (s, track))
    return FALSE;
  if (s->job != NULL && (depth == 1 || depth == 2))
    job_publish (s->job, depth, s->pos);

  return TRUE;
}

static gboolean
scan_one_value (Scanner  *s,
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
  s->path = g_string_new (NULL);
}

static void
scanner_clear (Scanner *s)
{
  g_free (s->error_path);
  g_free (s->message);
  g_string_free (s->path, TRUE);
  g_string_free (s->names, TRUE);
}

struct _DmJsonChecked
{
  GBytes   *bytes;
  gboolean  has_root_member;
};

void
dm_json_check_error_clear (DmJsonCheckError *error)
{
  g_clear_pointer (&error->path, g_free);
  g_clear_pointer (&error->message, g_free);
  error->result = DM_JSON_SCAN_OK;
}

/* The whole document checked, on this thread or as @job's: the checked
 * bytes, or NULL with @error set. */
static DmJsonChecked *
check_document (GBytes           *bytes,
                const char       *root_member,
                DmJsonCheckJob   *job,
                DmJsonCheckError *error)
{
  DmJsonChecked *checked = NULL;
  const char *data;
  gsize length;
  Scanner s;
  char buf[64];

  data = g_bytes_get_data (bytes, &length);
  scanner_init (&s, data != NULL ? data : "", length);
  s.root_member = root_member;
  s.job = job;

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

  error->result = s.result;
  if (s.result != DM_JSON_SCAN_OK)
    {
      error->location.line = s.error_line;
      error->location.column = column_at (s.data, s.error_line_start, MIN (s.error_pos, s.length));
      error->path = g_steal_pointer (&s.error_path);
      error->message = g_steal_pointer (&s.message);
    }
  else
    {
      checked = g_new0 (DmJsonChecked, 1);
      checked->bytes = g_bytes_ref (bytes);
      checked->has_root_member = s.has_root_member;
    }

  scanner_clear (&s);

  return checked;
}

DmJsonChecked *
dm_json_check (GBytes           *bytes,
               const char       *root_member,
               DmJsonCheckError *error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  return check_document (bytes, root_member, NULL, error);
}

void
dm_json_checked_free (DmJsonChecked *checked)
{
  if (checked == NULL)
    return;

  g_bytes_unref (checked->bytes);
  g_free (checked);
}

gboolean
dm_json_checked_has_root_member (const DmJsonChecked *checked)
{
  return checked->has_root_member;
}

const char *
dm_json_checked_get_data (const DmJsonChecked *checked,
                          gsize               *length)
{
  const char *data = g_bytes_get_data (checked->bytes, length);

  return data != NULL ? data : "";
}

/* A check in a thread of its own */

/* The first INDEX_ALL elements of the indexed array are noted, then one in
 * INDEX_EVERY: enough to split it near any point, in little memory
 * whatever the file holds. */
#define INDEX_ALL 1024
#define INDEX_EVERY 64

typedef struct
{
  gsize   end;     /* where the element ends */
  guint64 element; /* its index */
} IndexEntry;

struct _DmJsonCheckJob
{
  GBytes           *bytes;
  char             *root_member;
  GThread          *thread;

  /* Where the values done at depth 1, and at depth 1 or 2, end: every
   * byte before them has been checked. Written by the thread, read by the
   * reader. */
  gsize             done[3];
  /* Where some elements of the array @indexed (a member of the root)
   * end: written by the thread, read once it has ended
   * (dm_json_check_job_split()). */
  char             *indexed;
  gboolean          indexing;   /* in that array now */
  gboolean          indexed_done;
  guint64           n_indexed;  /* its elements */
  gsize             indexed_close; /* the position of its ']' */
  GArray           *index;      /* IndexEntry: see INDEX_ALL */
  gint              finished;   /* 1: the check ended */
  gint              waiting;    /* a reader waits on cond */
  GMutex            mutex;
  GCond             cond;

  DmJsonChecked    *checked;    /* the result, once finished */
  DmJsonCheckError  error;
};

static void
job_wake (DmJsonCheckJob *job)
{
  if (__atomic_load_n (&job->waiting, __ATOMIC_SEQ_CST))
    {
      g_mutex_lock (&job->mutex);
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->mutex);
    }
}

static void
job_publish (DmJsonCheckJob *job,
             guint           depth,
             gsize           end)
{
  if (depth == 2 && job->indexing)
    {
      IndexEntry entry = { end, job->n_indexed++ };

      if (entry.element < INDEX_ALL || entry.element % INDEX_EVERY == INDEX_EVERY - 1)
        g_array_append_val (job->index, entry);
    }
  /* A value at depth 1 ends after every value of depth 2 in it. */
  if (depth == 1)
    __atomic_store_n (&job->done[1], end, __ATOMIC_SEQ_CST);
  __atomic_store_n (&job->done[2], end, __ATOMIC_SEQ_CST);
  job_wake (job);
}

static gboolean
job_indexes (DmJsonCheckJob *job,
             const char     *member)
{
  return job->indexed != NULL && strcmp (member, job->indexed) == 0;
}

static void
job_set_indexing (DmJsonCheckJob *job,
                  gboolean        indexing)
{
  job->indexing = indexing;
}

static void
job_indexed (DmJsonCheckJob *job,
             gsize           close)
{
  job->indexed_done = TRUE;
  job->indexed_close = close;
}

static gpointer
job_thread (gpointer data)
{
  DmJsonCheckJob *job = data;

  job->checked = check_document (job->bytes, job->root_member, job, &job->error);

  __atomic_store_n (&job->finished, 1, __ATOMIC_SEQ_CST);
  g_mutex_lock (&job->mutex);
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);

  return NULL;
}

DmJsonCheckJob *
dm_json_check_start (GBytes     *bytes,
                     const char *root_member,
                     const char *indexed)
{
  DmJsonCheckJob *job;

  g_return_val_if_fail (bytes != NULL, NULL);

  job = g_new0 (DmJsonCheckJob, 1);
  job->bytes = g_bytes_ref (bytes);
  job->root_member = g_strdup (root_member);
  job->indexed = g_strdup (indexed);
  job->index = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->thread = g_thread_new ("dm-json-check", job_thread, job);

  return job;
}

const char *
dm_json_check_job_get_data (const DmJsonCheckJob *job,
                            gsize                *length)
{
  const char *data = g_bytes_get_data (job->bytes, length);

  return data != NULL ? data : "";
}

/* Whether the check has gone past @offset at @depth, or ended well. */
static gboolean
job_past (DmJsonCheckJob *job,
          guint           depth,
          gsize           offset,
          gboolean       *failed)
{
  if (depth >= 1 && __atomic_load_n (&job->done[MIN (depth, 2)], __ATOMIC_SEQ_CST) > offset)
    return TRUE;
  if (__atomic_load_n (&job->finished, __ATOMIC_SEQ_CST))
    {
      *failed = job->checked == NULL;
      return TRUE;
    }

  return FALSE;
}

gboolean
dm_json_check_job_wait (DmJsonCheckJob *job,
                        guint           depth,
                        gsize           offset)
{
  gboolean failed = FALSE;

  g_return_val_if_fail (job != NULL, FALSE);

  if (job_past (job, depth, offset, &failed))
    return !failed;

  g_mutex_lock (&job->mutex);
  __atomic_store_n (&job->waiting, 1, __ATOMIC_SEQ_CST);
  while (!job_past (job, depth, offset, &failed))
    g_cond_wait (&job->cond, &job->mutex);
  __atomic_store_n (&job->waiting, 0, __ATOMIC_SEQ_CST);
  g_mutex_unlock (&job->mutex);

  return !failed;
}

gboolean
dm_json_check_job_split (DmJsonCheckJob *job,
                         guint64         next,
                         guint           min_elements,
                         gsize          *split,
                         gsize          *close,
                         guint64        *n_before)
{
  const IndexEntry *entries;
  guint64 target;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (job != NULL, FALSE);

  if (!__atomic_load_n (&job->finished, __ATOMIC_SEQ_CST) || job->checked == NULL ||
      !job->indexed_done || next > job->n_indexed ||
      job->n_indexed - next < 2 * (guint64) MAX (min_elements, 1))
    return FALSE;

  /* The first element noted from the one before the middle of those
   * left on: the split follows it. */
  target = next + (job->n_indexed - next) / 2 - 1;
  entries = (const IndexEntry *) (void *) job->index->data;
  hi = job->index->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (entries[mid].element < target)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == job->index->len || entries[lo].element + 1 >= job->n_indexed)
    return FALSE;

  *split = entries[lo].end;
  *close = job->indexed_close;
  *n_before = entries[lo].element + 1 - next;

  return TRUE;
}

DmJsonChecked *
dm_json_check_job_finish (DmJsonCheckJob   *job,
                          DmJsonCheckError *error)
{
  DmJsonChecked *checked;

  g_return_val_if_fail (job != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  g_thread_join (job->thread);
  checked = g_steal_pointer (&job->checked);
  *error = job->error;
  g_bytes_unref (job->bytes);
  g_free (job->root_member);
  g_free (job->indexed);
  g_array_unref (job->index);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);

  return checked;
}

void
dm_json_checked_locate (const DmJsonChecked *checked,
                        GHashTable          *wanted)
{
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  const char *data;
  gsize length;
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

  data = dm_json_checked_get_data (checked, &length);
  scanner_init (&s, data, length);
  s.wanted = wanted;
  s.prefixes = prefixes;

  scan_value (&s, TRUE);

  scanner_clear (&s);
}
