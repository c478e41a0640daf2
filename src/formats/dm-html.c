/* dm-html.c — HTML fragments from other tools, reduced to plain text
 *
 * A single forgiving pass over the bytes, in the spirit of the HTML parsing
 * rules but with none of the tree building: tags only ever start or end
 * paragraphs, lines, list items and links. Every byte of output is either
 * copied from text between tags (which is valid UTF-8, and tags start and
 * end at ASCII bytes) or produced by g_unichar_to_utf8(), so the result is
 * valid UTF-8 whatever the input's markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dm-html.h"
#include "dm-safe-text.h"

typedef struct
{
  GString  *out;
  gboolean  pending_space;   /* collapsed white space before the next text */
  guint     pending_breaks;  /* line breaks before the next text (at most 2) */
  guint     pre_depth;       /* inside <pre>: white space kept */
  char     *href;            /* the http(s) address of the open <a>, or NULL */
  gsize     link_start;      /* where the open link's text starts in @out */
} Html;

typedef struct
{
  const char *name;
  gunichar    character;
} Entity;

/* The character references people use in practice: HTML's Latin-1 set
 * (which covers most Vietnamese vowels with one mark), typography, and the
 * few Latin Extended-A names Vietnamese needs. Unknown names stay as
 * written. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0xA0 }, { "iexcl", 0xA1 }, { "cent", 0xA2 }, { "pound", 0xA3 }, { "curren", 0xA4 },
  { "yen", 0xA5 }, { "brvbar", 0xA6 }, { "sect", 0xA7 }, { "uml", 0xA8 }, { "copy", 0xA9 },
  { "ordf", 0xAA }, { "laquo", 0xAB }, { "not", 0xAC }, { "shy", 0xAD }, { "reg", 0xAE },
  { "macr", 0xAF }, { "deg", 0xB0 }, { "plusmn", 0xB1 }, { "sup2", 0xB2 }, { "sup3", 0xB3 },
  { "acute", 0xB4 }, { "micro", 0xB5 }, { "para", 0xB6 }, { "middot", 0xB7 }, { "cedil", 0xB8 },
  { "sup1", 0xB9 }, { "ordm", 0xBA }, { "raquo", 0xBB }, { "frac14", 0xBC }, { "frac12", 0xBD },
  { "frac34", 0xBE }, { "iquest", 0xBF }, { "Agrave", 0xC0 }, { "Aacute", 0xC1 }, { "Acirc", 0xC2 },
  { "Atilde", 0xC3 }, { "Auml", 0xC4 }, { "Aring", 0xC5 }, { "AElig", 0xC6 }, { "Ccedil", 0xC7 },
  { "Egrave", 0xC8 }, { "Eacute", 0xC9 }, { "Ecirc", 0xCA }, { "Euml", 0xCB }, { "Igrave", 0xCC },
  { "Iacute", 0xCD }, { "Icirc", 0xCE }, { "Iuml", 0xCF }, { "ETH", 0xD0 }, { "Ntilde", 0xD1 },
  { "Ograve", 0xD2 }, { "Oacute", 0xD3 }, { "Ocirc", 0xD4 }, { "Otilde", 0xD5 }, { "Ouml", 0xD6 },
  { "times", 0xD7 }, { "Oslash", 0xD8 }, { "Ugrave", 0xD9 }, { "Uacute", 0xDA }, { "Ucirc", 0xDB },
  { "Uuml", 0xDC }, { "Yacute", 0xDD }, { "THORN", 0xDE }, { "szlig", 0xDF }, { "agrave", 0xE0 },
  { "aacute", 0xE1 }, { "acirc", 0xE2 }, { "atilde", 0xE3 }, { "auml", 0xE4 }, { "aring", 0xE5 },
  { "aelig", 0xE6 }, { "ccedil", 0xE7 }, { "egrave", 0xE8 }, { "eacute", 0xE9 }, { "ecirc", 0xEA },
  { "euml", 0xEB }, { "igrave", 0xEC }, { "iacute", 0xED }, { "icirc", 0xEE }, { "iuml", 0xEF },
  { "eth", 0xF0 }, { "ntilde", 0xF1 }, { "ograve", 0xF2 }, { "oacute", 0xF3 }, { "ocirc", 0xF4 },
  { "otilde", 0xF5 }, { "ouml", 0xF6 }, { "divide", 0xF7 }, { "oslash", 0xF8 }, { "ugrave", 0xF9 },
  { "uacute", 0xFA }, { "ucirc", 0xFB }, { "uuml", 0xFC }, { "yacute", 0xFD }, { "thorn", 0xFE },
  { "yuml", 0xFF },
  { "Abreve", 0x102 }, { "abreve", 0x103 }, { "Dstrok", 0x110 }, { "dstrok", 0x111 },
  { "Itilde", 0x128 }, { "itilde", 0x129 }, { "Utilde", 0x168 }, { "utilde", 0x169 },
  { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 }, { "scaron", 0x161 },
  { "Yuml", 0x178 }, { "fnof", 0x192 }, { "circ", 0x2C6 }, { "tilde", 0x2DC },
  { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "zwnj", 0x200C },
  { "zwj", 0x200D }, { "lrm", 0x200E }, { "rlm", 0x200F }, { "ndash", 0x2013 },
  { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E }, { "dagger", 0x2020 },
  { "Dagger", 0x2021 }, { "bull", 0x2022 }, { "hellip", 0x2026 }, { "permil", 0x2030 },
  { "prime", 0x2032 }, { "Prime", 0x2033 }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203A },
  { "oline", 0x203E }, { "frasl", 0x2044 }, { "euro", 0x20AC }, { "trade", 0x2122 },
  { "larr", 0x2190 }, { "uarr", 0x2191 }, { "rarr", 0x2192 }, { "darr", 0x2193 },
  { "harr", 0x2194 }, { "minus", 0x2212 },
};

/* What browsers make of &#128; … &#159;: the Windows-1252 characters. */
static const gunichar windows_1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Elements whose content is never shown. */
static const char * const hidden_elements[] = {
  "script", "style", "template", "iframe", "noscript", "title", NULL
};

/* Elements that start a paragraph (a blank line before and after). */
static const char * const paragraph_elements[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl",
  "table", "pre", "hr", "figure", "address", NULL
};

/* Elements that start a line. */
static const char * const line_elements[] = {
  "div", "li", "dt", "dd", "tr", "section", "article", "aside", "header",
  "footer", "nav", "main", "figcaption", "caption", "form", "fieldset", NULL
};

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
name_in (const char          *name,
         const char * const  *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Output */

static void
request_breaks (Html  *h,
                guint  n)
{
  h->pending_breaks = MAX (h->pending_breaks, n);
}

/* Before text: the pending breaks or space, never at the very start. */
static void
flush_pending (Html *h)
{
  if (h->pending_breaks == 0 && !h->pending_space)
    return;

  if (h->out->len > 0)
    {
      if (h->pending_breaks > 0)
        {
          /* No white space at the end of a line. */
          while (h->out->len > 0 && h->out->str[h->out->len - 1] == ' ')
            g_string_truncate (h->out, h->out->len - 1);
          for (guint i = 0; i < h->pending_breaks; i++)
            g_string_append_c (h->out, '\n');
        }
      else if (h->pending_space && h->out->str[h->out->len - 1] != '\n')
        g_string_append_c (h->out, ' ');
    }

  h->pending_breaks = 0;
  h->pending_space = FALSE;
}

static void
emit_char (Html     *h,
           gunichar  c)
{
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
    {
      if (h->pre_depth == 0)
        {
          h->pending_space = TRUE;
          return;
        }
      /* CR LF is one line break. */
      if (c == '\r')
        return;
      flush_pending (h);
      g_string_append_c (h->out, c == '\f' ? '\n' : (char) c);
      return;
    }

  /* Control characters have no place in a plain text. */
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return;

  flush_pending (h);
  if (c < 0x80)
    g_string_append_c (h->out, (char) c);
  else
    g_string_append_unichar (h->out, c);
}

/* Whether the byte @c, at the start of a character, starts one that is
 * copied as it is: printable ASCII but "&", and everything beyond U+00BF
 * (lead bytes from 0xC3; C2 leads the C1 controls). In the middle of a
 * character, every byte is. */
static gboolean
is_plain (guchar c)
{
  return (c > 0x20 && c < 0x7F && c != '&') || c >= 0xC3;
}

/* Whether byte @c may be in such a run: is_plain() for a character's
 * first byte, and any continuation byte (0x80–0xBF). In valid UTF-8 a
 * continuation byte only follows its lead, and the run ends at a lead
 * that is_plain() refuses (0xC2) before reaching its continuation, so a
 * run read a byte at a time ends where one read a character at a time
 * does. */
static inline gboolean
is_plain_byte (guchar c)
{
  return (c > 0x20 && c < 0x7F && c != '&') || (c >= 0x80 && c != 0xC2);
}

#ifdef __SSE2__
/* The sixteen bytes at @p, and the sixteen from the byte after. */
static inline void
load_byte_pairs (const void *p,
                 __m128i    *bytes,
                 __m128i    *next)
{
  memcpy (bytes, p, 16);
  memcpy (next, (const char *) p + 1, 16);
}

/* Printable ASCII but '&', each byte of @v (signed, the bytes from 0x80
 * are below 0). */
static inline __m128i
printable_but_ampersand (__m128i v)
{
  return _mm_andnot_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('&')),
                           _mm_and_si128 (_mm_cmpgt_epi8 (v, _mm_set1_epi8 (0x20)),
                                          _mm_cmplt_epi8 (v, _mm_set1_epi8 (0x7F))));
}
#endif

/* Where a run of plain text from @p goes on to, as far as sixteen bytes
 * at a time tell (SSE2): a byte stays in the run when is_plain_byte() says
 * so, or when it is a space before a byte is_plain() takes, which is what
 * the loop after it in decode_into() asks of each byte, one at a time; it
 * goes on from where this stops. */
static inline const char *
skip_plain_run (const char *p,
                const char *end)
{
#ifdef __SSE2__
  /* Each byte and the one after it. */
  while (end - p >= 17)
    {
      __m128i bytes;
      __m128i next;
      __m128i next_plain;
      __m128i ok;
      int mask;

      load_byte_pairs (p, &bytes, &next);
      /* is_plain_byte(): printable ASCII but '&', or from 0x80 on but
       * 0xC2. */
      ok = _mm_or_si128 (printable_but_ampersand (bytes),
                         _mm_andnot_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ((char) 0xC2)),
                                           _mm_cmplt_epi8 (bytes, _mm_setzero_si128 ())));
      /* is_plain() of the byte after: printable ASCII but '&', or from
       * 0xC3 on. */
      next_plain = _mm_or_si128 (printable_but_ampersand (next),
                                 _mm_cmpeq_epi8 (_mm_max_epu8 (next, _mm_set1_epi8 ((char) 0xC3)), next));
      ok = _mm_or_si128 (ok, _mm_and_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (' ')), next_plain));
      mask = _mm_movemask_epi8 (ok);
      if (mask != 0xFFFF)
        return p + __builtin_ctz ((unsigned) ~mask);
      p += 16;
    }
#endif

  return p;
}

static void
emit_text (Html       *h,
           const char *text,
           gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    emit_char (h, g_utf8_get_char (p));
}

/* Character references */

static gunichar
decode_number (const char  *p,
               const char  *end,
               const char **out_end)
{
  gboolean hex = (p < end && (*p == 'x' || *p == 'X'));
  guint64 value = 0;
  guint n_digits = 0;

  if (hex)
    p++;

  for (; p < end; p++)
    {
      int digit = hex ? g_ascii_xdigit_value (*p) : g_ascii_digit_value (*p);

      if (digit < 0)
        break;
      n_digits++;
      if (value <= 0x10FFFF)
        value = value * (hex ? 16 : 10) + (guint) digit;
    }

  if (n_digits == 0)
    return 0;

  if (p < end && *p == ';')
    p++;
  *out_end = p;

  if (value >= 0x80 && value < 0xA0 && windows_1252[value - 0x80] != 0)
    return windows_1252[value - 0x80];
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return 0xFFFD;

  return (gunichar) value;
}

/* Decodes the reference at @p (just after '&'); returns 0 when there is
 * none, and leaves the '&' as text. */
static gunichar
decode_reference (const char  *p,
                  const char  *end,
                  const char **out_end)
{
  char name[16];
  gsize len = 0;

  if (p >= end)
    return 0;
  if (*p == '#')
    return decode_number (p + 1, end, out_end);

  while (p + len < end && g_ascii_isalnum (p[len]) && len < sizeof name - 1)
    {
      name[len] = p[len];
      len++;
    }
  name[len] = '\0';

  if (len == 0 || p + len >= end || p[len] != ';')
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (strcmp (entities[i].name, name) == 0)
        {
          *out_end = p + len + 1;
          return entities[i].character;
        }
    }

  return 0;
}

/* Text with character references, into @h or (for attribute values) into
 * @into. */
static void
decode_into (Html       *h,
             GString    *into,
             const char *text,
             const char *end)
{
  const char *p = text;

  while (p < end)
    {
      const char *next = p;
      gunichar c = 0;

      if (*p == '&')
        c = decode_reference (p + 1, end, &next);

      if (c != 0)
        {
          if (into != NULL)
            g_string_append_unichar (into, c);
          else
            emit_char (h, c);
          p = next;
          continue;
        }

      /* Runs of plain characters at once, and of words with one space
       * between them, which comes out as it is in any case. */
      if (into == NULL && is_plain ((guchar) *p))
        {
          next = skip_plain_run (p + 1, end);
          while (next < end)
            {
              if (is_plain_byte ((guchar) *next))
                next++;
              else if (*next == ' ' && next + 1 < end && is_plain ((guchar) next[1]))
                next += 2;
              else
                break;
            }
          flush_pending (h);
          g_string_append_len (h->out, p, next - p);
          p = next;
          continue;
        }

      next = g_utf8_next_char (p);
      if (into != NULL)
        g_string_append_len (into, p, next - p);
      else
        emit_text (h, p, next - p);
      p = next;
    }
}

/* Tags */

/* Finds the '>' that ends a tag whose attributes start at @p, skipping
 * quoted values; NULL if the tag is not closed. */
static const char *
find_tag_end (const char *p,
              const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }

  return NULL;
}

/* The value of attribute @wanted in the attributes [@p, @end), decoded. */
static char *
get_attribute (const char *p,
               const char *end,
               const char *wanted)
{
  while (p < end)
    {
      const char *name;
      gsize name_len;
      const char *value = NULL;
      const char *value_end = NULL;

      while (p < end && (is_space (*p) || *p == '/'))
        p++;
      name = p;
      while (p < end && !is_space (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      name_len = p - name;
      if (name_len == 0)
        {
          p++;
          continue;
        }

      while (p < end && is_space (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_space (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;

              value = p;
              while (p < end && *p != quote)
                p++;
              value_end = p;
              if (p < end)
                p++;
            }
          else
            {
              value = p;
              while (p < end && !is_space (*p) && *p != '>')
                p++;
              value_end = p;
            }
        }

      if (name_len == strlen (wanted) && g_ascii_strncasecmp (name, wanted, name_len) == 0)
        {
          GString *decoded = g_string_new (NULL);

          if (value != NULL)
            decode_into (NULL, decoded, value, value_end);
          return g_strstrip (g_string_free (decoded, FALSE));
        }
    }

  return NULL;
}

static void
open_link (Html       *h,
           const char *attributes,
           const char *end)
{
  g_autofree char *href = get_attribute (attributes, end, "href");

  g_clear_pointer (&h->href, g_free);
  if (dm_is_web_address (href))
    {
      h->href = g_steal_pointer (&href);
      flush_pending (h);
      h->link_start = h->out->len;
    }
}

/* "site (https://x)"; only the address when the text is empty or is the
 * address itself. */
static void
close_link (Html *h)
{
  g_autofree char *text = NULL;

  if (h->href == NULL)
    return;

  text = g_strstrip (g_strndup (h->out->str + h->link_start, h->out->len - h->link_start));
  if (text[0] == '\0')
    {
      flush_pending (h);
      g_string_append (h->out, h->href);
    }
  else if (strcmp (text, h->href) != 0)
    g_string_append_printf (h->out, " (%s)", h->href);

  g_clear_pointer (&h->href, g_free);
}

/* Skips to the end of the element @name's content ("</name" … ">"). */
static const char *
skip_hidden (const char *p,
             const char *end,
             const char *name)
{
  gsize len = strlen (name);

  for (; p < end; p++)
    {
      if (p[0] == '<' && p + 1 < end && p[1] == '/' &&
          (gsize) (end - p - 2) >= len && g_ascii_strncasecmp (p + 2, name, len) == 0 &&
          (p + 2 + len == end || !g_ascii_isalnum (p[2 + len])))
        {
          const char *close = find_tag_end (p + 2 + len, end);
          return close != NULL ? close + 1 : end;
        }
    }

  return end;
}

static void
handle_tag (Html       *h,
            const char *name,
            gboolean    closing,
            const char *attributes,
            const char *attributes_end)
{
  if (strcmp (name, "br") == 0)
    {
      /* Each <br> is a line break of its own. */
      if (h->out->len > 0)
        h->pending_breaks = MIN (h->pending_breaks + 1, 2);
      return;
    }

  if (strcmp (name, "a") == 0)
    {
      if (closing)
        close_link (h);
      else
        {
          close_link (h);
          open_link (h, attributes, attributes_end);
        }
      return;
    }

  if (strcmp (name, "pre") == 0)
    {
      if (closing && h->pre_depth > 0)
        h->pre_depth--;
      else if (!closing)
        h->pre_depth++;
    }

  if (name_in (name, paragraph_elements))
    request_breaks (h, 2);
  else if (name_in (name, line_elements))
    request_breaks (h, 1);
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    h->pending_space = TRUE;

  if (!closing && strcmp (name, "li") == 0)
    {
      flush_pending (h);
      g_string_append (h->out, "• ");
    }
}

/* Reads the markup at @p ('<'); returns where text resumes. Sets
 * @is_markup to FALSE when the '<' is only text ("a < b"). */
static const char *
read_markup (Html       *h,
             const char *p,
             const char *end,
             gboolean   *is_markup)
{
  const char *q = p + 1;
  gboolean closing = FALSE;
  char name[16];
  gsize name_len = 0;
  const char *attributes;
  const char *tag_end;

  *is_markup = TRUE;

  if (q < end && *q == '!')
    {
      if (end - q >= 3 && q[1] == '-' && q[2] == '-')
        {
          const char *close = g_strstr_len (q + 3, end - q - 3, "-->");
          return close != NULL ? close + 3 : end;
        }
      tag_end = find_tag_end (q, end);
      return tag_end != NULL ? tag_end + 1 : end;
    }

  if (q < end && *q == '?')
    {
      tag_end = memchr (q, '>', end - q);
      return tag_end != NULL ? tag_end + 1 : end;
    }

  if (q < end && *q == '/')
    {
      closing = TRUE;
      q++;
    }

  if (q >= end || !g_ascii_isalpha (*q))
    {
      *is_markup = FALSE;
      return p;
    }

  while (q < end && (g_ascii_isalnum (*q) || *q == '-' || *q == ':'))
    {
      if (name_len < sizeof name - 1)
        name[name_len++] = g_ascii_tolower (*q);
      q++;
    }
  name[name_len] = '\0';

  attributes = q;
  tag_end = find_tag_end (q, end);
  if (tag_end == NULL)
    return end;   /* an unclosed tag runs to the end, as in browsers */

  if (!closing && name_in (name, hidden_elements))
    return skip_hidden (tag_end + 1, end, name);

  handle_tag (h, name, closing, attributes, tag_end);
  return tag_end + 1;
}

/* Whether @text (valid UTF-8) is its own plain text: no markup or
 * character reference, no white space but single spaces between words, no
 * control character (C1 ones lead with 0xC2). Most headlines and many
 * bodies are; a TimelineJS file of 100 000 slides spent a quarter of its
 * import going through them a character at a time. */
static gboolean
is_own_text (const char *text)
{
  const guchar *p = (const guchar *) text;

  if (*p == ' ')
    return FALSE;

#ifdef __SSE2__
  {
    /* Sixteen bytes and the byte after each at a time (the last one may
     * be the NUL): the same tests as the loop below, which takes what is
     * left. */
    const guchar *end = p + strlen (text);

    while (end - p >= 16)
      {
        __m128i bytes;
        __m128i next;
        __m128i bad;

        load_byte_pairs (p, &bytes, &next);
        bad = _mm_and_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (' ')),
                             _mm_or_si128 (_mm_cmpeq_epi8 (next, _mm_set1_epi8 (' ')),
                                           _mm_cmpeq_epi8 (next, _mm_setzero_si128 ())));
        /* Below 0x20: the least of the byte and 0x1F is the byte. */
        bad = _mm_or_si128 (bad, _mm_cmpeq_epi8 (_mm_min_epu8 (bytes, _mm_set1_epi8 (0x1F)), bytes));
        bad = _mm_or_si128 (bad, _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (0x7F)));
        bad = _mm_or_si128 (bad, _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('<')));
        bad = _mm_or_si128 (bad, _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('&')));
        bad = _mm_or_si128 (bad, _mm_and_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ((char) 0xC2)),
                                                _mm_cmpeq_epi8 (_mm_min_epu8 (next, _mm_set1_epi8 ((char) 0x9F)),
                                                                next)));
        if (_mm_movemask_epi8 (bad) != 0)
          return FALSE;
        p += 16;
      }
  }
#endif

  for (; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          if (p[1] == ' ' || p[1] == '\0')
            return FALSE;
        }
      else if (*p < 0x20 || *p == 0x7F || *p == '<' || *p == '&' ||
               (*p == 0xC2 && p[1] < 0xA0))
        return FALSE;
    }

  return TRUE;
}

static char *
html_to_text (const char *html,
              gboolean    one_line)
{
  Html h = { 0 };
  const char *p;
  const char *end;
  const char *text_start;

  if (html == NULL)
    return g_strdup ("");
  if (is_own_text (html))
    return g_strdup (html);

  h.out = g_string_new (NULL);
  p = text_start = html;
  end = html + strlen (html);

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      gboolean is_markup;
      const char *next;

      decode_into (&h, NULL, text_start, p);
      next = read_markup (&h, p, end, &is_markup);
      if (is_markup)
        {
          p = text_start = next;
          continue;
        }
      /* Only text: what comes before is out already. */
      text_start = p;
      p++;
    }
  decode_into (&h, NULL, text_start, end);
  close_link (&h);

  if (one_line)
    {
      g_autofree char *text = g_string_free (h.out, FALSE);
      Html line = { 0 };

      /* Collapse again, with every line break as a space. */
      line.out = g_string_new (NULL);
      emit_text (&line, text, strlen (text));
      h.out = line.out;
    }

  g_free (h.href);

  return g_strstrip (g_string_free (h.out, FALSE));
}

char *
dm_html_to_text (const char *html)
{
  return html_to_text (html, FALSE);
}

char *
dm_html_to_text_line (const char *html)
{
  return html_to_text (html, TRUE);
}

static char *
take_text (char     *html,
           gboolean  one_line)
{
  char *text;

  if (html != NULL && is_own_text (html))
    return html;

  text = html_to_text (html, one_line);
  g_free (html);
  return text;
}

char *
dm_html_take_text (char *html)
{
  return take_text (html, FALSE);
}

char *
dm_html_take_text_line (char *html)
{
  return take_text (html, TRUE);
}

gboolean
dm_is_media_address (const char *url)
{
  static const char * const types[] = { "png", "jpeg", "gif", "webp" };

  if (url == NULL)
    return FALSE;
  if (dm_is_web_address (url))
    return TRUE;

  if (g_ascii_strncasecmp (url, "data:image/", strlen ("data:image/")) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const char *p = url + strlen ("data:image/");
      gsize n = strlen (types[i]);

      if (g_ascii_strncasecmp (p, types[i], n) == 0 && g_ascii_strncasecmp (p + n, ";base64,", 8) == 0)
        {
          p += n + 8;
          return p[0] != '\0' && strspn (p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == strlen (p);
        }
    }

  return FALSE;
}
