/* dm-safe-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-safe-text.h"

#define REPLACEMENT 0xFFFD

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

gboolean
dm_unichar_is_invisible (gunichar c)
{
  switch (c)
    {
    case 0x115F: case 0x1160: case 0x3164: case 0xFFA0:   /* Hangul fillers */
    case 0x2028: case 0x2029:                             /* separators */
    case 0x034F:                                          /* combining grapheme joiner */
      return TRUE;
    default:
      break;
    }

  /* Format characters: U+200B…200F, U+202A…202E, U+2060…2069, U+FEFF… */
  return g_unichar_type (c) == G_UNICODE_FORMAT ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);  /* variation selectors */
}

gboolean
dm_safe_text_is_spoofing (gunichar c)
{
  /* Zero width non-joiner and joiner, and variation selectors: part of
   * how emoji and some scripts are written. */
  if (c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF))
    return FALSE;

  return dm_unichar_is_invisible (c);
}

/* Characters that belong to the grapheme before them. */
static gboolean
is_extending (gunichar c)
{
  return g_unichar_ismark (c) || c == 0x200C || c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x1F3FB && c <= 0x1F3FF);  /* skin tones */
}

/* Appends how @c is shown; returns how many characters that took. */
static guint
append_displayed (GString  *out,
                  gunichar  c)
{
  if (c < 0x20 && c != '\t' && c != '\n')
    c = 0x2400 + c;
  else if (c == 0x7F)
    c = 0x2421;
  else if ((c >= 0x80 && c < 0xA0) || is_noncharacter (c))
    c = REPLACEMENT;
  else if (dm_safe_text_is_spoofing (c))
    {
      g_string_append_printf (out, "[U+%04X]", c);
      return 8;
    }

  g_string_append_unichar (out, c);
  return 1;
}

char *
dm_safe_text_for_display (const char *text,
                          gsize       max_chars)
{
  GString *out;
  const char *end;
  const char *p;
  gsize shown = 0;
  guint marks = 0;
  gunichar previous = 0;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  end = text + strlen (text);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          c = REPLACEMENT;
          next = p + 1;
        }
      else
        next = g_utf8_next_char (p);

      if (is_extending (c) && previous != 0)
        {
          /* A flood of marks on one letter draws nothing more, but takes
           * Pango as long as the marks are many. */
          if (g_unichar_ismark (c) && ++marks > DM_SAFE_TEXT_MAX_MARKS)
            {
              p = next;
              continue;
            }
        }
      else
        {
          /* A new grapheme starts: cut here if the text is long enough. */
          marks = 0;
          if (max_chars > 0 && shown >= max_chars && previous != 0x200D)
            {
              g_string_append (out, "…");
              break;
            }
        }

      shown += append_displayed (out, c);
      previous = c;
      p = next;
    }

  return g_string_free (out, FALSE);
}

const char *
dm_safe_text_piece_end (const char *text,
                        gsize       max_chars)
{
  const char *p = text;
  const char *line = NULL;
  const char *space = NULL;
  gsize n = 0;

  g_return_val_if_fail (text != NULL && max_chars > 0, text);

  for (; *p && n < max_chars; n++)
    {
      if (*p == '\n')
        line = p + 1;
      else if (*p == ' ' && n >= max_chars / 2)
        space = p + 1;
      p = g_utf8_next_char (p);
    }

  if (*p == '\0')
    return p;
  if (line != NULL)
    return line;
  if (space != NULL)
    return space;

  /* Not inside a grapheme: back over marks and joiners. */
  while (p > text)
    {
      const char *previous = g_utf8_prev_char (p);

      if (!is_extending (g_utf8_get_char (p)) && g_utf8_get_char (previous) != 0x200D)
        break;
      p = previous;
    }

  return p > text ? p : g_utf8_next_char (text);
}

gboolean
dm_safe_text_is_displayable (const char *text)
{
  g_autofree char *shown = dm_safe_text_for_display (text, 0);

  return g_strcmp0 (shown, text != NULL ? text : "") == 0;
}

/* TRUE when the text before @p ends in "script" (javascript, vbscript…),
 * case aside. */
static gboolean
ends_script_word (const char *text,
                  const char *p)
{
  static const char word[] = "script";
  gsize n = sizeof word - 1;

  return (gsize) (p - text) >= n && g_ascii_strncasecmp (p - n, word, n) == 0;
}

static gboolean
is_xml_char (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\r')
    return TRUE;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDFFF)
    return FALSE;
  return !is_noncharacter (c) && c <= 0x10FFFF;
}

char *
dm_safe_text_escape_xml (const char *text)
{
  GString *out;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (const char *p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, REPLACEMENT);
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        case '=':
          /* Inert in text, but no trace of a handler is left. */
          g_string_append (out, "&#61;");
          break;
        case ':':
          if (ends_script_word (text, p - 1))
            g_string_append (out, "&#58;");
          else
            g_string_append_c (out, ':');
          break;
        default:
          g_string_append_unichar (out, is_xml_char (c) ? c : REPLACEMENT);
        }
    }

  return g_string_free (out, FALSE);
}

gboolean
dm_is_web_address (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  /* Nothing that could disguise where a link goes (the loader's rule). */
  for (const char *p = url; *p; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7F || strchr ("<>\"\\^`{|}", *p) != NULL)
      return FALSE;
  if (!g_utf8_validate (url, -1, NULL))
    return FALSE;
  for (const char *p = url; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* Printable ASCII (all the ASCII left) is none of these. */
      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      if (dm_unichar_is_invisible (c) || g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}
