/* test-safe-text.c — dataset text made safe to show and to write as XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-html.h"
#include "dm-safe-text.h"

typedef struct
{
  const char *text;
  gsize       max;
  const char *shown;
} DisplayCase;

static const DisplayCase display_cases[] = {
  { "Nghị quyết 52", 0, "Nghị quyết 52" },
  /* Controls as their pictures, DEL, C1 and noncharacters replaced */
  { "a\001b\033[31mc\007", 0, "a␁b␛[31mc␇" },
  { "tab\tline\nend", 0, "tab\tline\nend" },
  { "\x7f|\xc2\x85|\xc2\x9b|\xef\xbf\xbe|\xef\xbf\xbf", 0, "␡|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd" },
  /* Bidi overrides and invisible characters as escapes */
  { "https://evil.example/\xe2\x80\xaegpj.exe", 0, "https://evil.example/[U+202E]gpj.exe" },
  { "a\xe2\x80\x8b" "b\xef\xbb\xbf" "c\xe2\x81\xa6", 0, "a[U+200B]b[U+FEFF]c[U+2066]" },
  /* Joiners and variation selectors are part of emoji: kept */
  { "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe2\x9d\xa4\xef\xb8\x8f", 0,
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe2\x9d\xa4\xef\xb8\x8f" },
  /* Vietnamese with its marks decomposed keeps them all */
  { "e\xcc\xa3\xcc\x82", 0, "e\xcc\xa3\xcc\x82" },
  /* Bounded at a grapheme boundary, with an ellipsis */
  { "abcdef", 3, "abc…" },
  { "abc", 3, "abc" },
  { "ae\xcc\xa3\xcc\x82x", 2, "ae\xcc\xa3\xcc\x82…" },
  { "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9z", 2, "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9…" },
  /* Invalid UTF-8 */
  { "a\xff" "b", 0, "a\xef\xbf\xbd" "b" },
};

static void
test_display (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (display_cases); i++)
    {
      g_autofree char *shown = dm_safe_text_for_display (display_cases[i].text, display_cases[i].max);

      g_test_message ("case %u", i);
      g_assert_cmpstr (shown, ==, display_cases[i].shown);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
    }

  g_assert_true (dm_safe_text_is_displayable ("Nghị quyết"));
  g_assert_false (dm_safe_text_is_displayable ("x\xe2\x80\xae"));
}

/* 200 000 combining marks on one letter: a few are kept, and only what is
 * shown is read. */
static void
test_mark_flood (void)
{
  GString *flood = g_string_new ("a");
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (flood, "\xcc\x81");
  g_string_append (flood, "b");
  text = g_string_free (flood, FALSE);

  shown = dm_safe_text_for_display (text, DM_SAFE_TEXT_LABEL_MAX);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, 1 + DM_SAFE_TEXT_MAX_MARKS + 1);
  g_assert_true (g_str_has_prefix (shown, "a\xcc\x81"));
  g_assert_true (g_str_has_suffix (shown, "\xcc\x81" "b"));
}

/* A megabyte without a space is cut to a label's length. */
static void
test_long (void)
{
  g_autofree char *text = g_strnfill (1 << 20, 'x');
  g_autofree char *shown = dm_safe_text_for_display (text, DM_SAFE_TEXT_LABEL_MAX);

  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, DM_SAFE_TEXT_LABEL_MAX + 1);
  g_assert_true (g_str_has_suffix (shown, "…"));
}

/* Long texts are laid out in pieces: after a line break, else at a
 * space, else between graphemes, never inside one. */
static void
test_pieces (void)
{
  g_autofree char *word = g_strnfill (100, 'x');
  const char *text;

  text = "one two\nthree four five";
  g_assert_cmpstr (dm_safe_text_piece_end (text, 12), ==, "three four five");
  text = "aaaa bbbb cccc dddd";
  g_assert_cmpstr (dm_safe_text_piece_end (text, 12), ==, "cccc dddd");
  g_assert_true (dm_safe_text_piece_end (word, 10) == word + 10);
  g_assert_cmpstr (dm_safe_text_piece_end ("short", 10), ==, "");

  /* Not between a letter and its marks. */
  text = "abcde\xcc\xa3\xcc\x82" "f";
  g_assert_cmpstr (dm_safe_text_piece_end (text, 6), ==, "e\xcc\xa3\xcc\x82" "f");
}

static void
test_xml (void)
{
  g_autofree char *escaped = dm_safe_text_escape_xml ("<a href=\"x\">&'\001\033\x7f\xc2\x85\xef\xbf\xbe\xef\xbf\xbf\t\n\r ok");
  g_autofree char *script = dm_safe_text_escape_xml ("JavaScript:alert(1) a:b onerror=x");

  g_assert_cmpstr (script, ==, "JavaScript&#58;alert(1) a:b onerror&#61;x");
  g_assert_cmpstr (escaped, ==,
                   "&lt;a href&#61;&quot;x&quot;&gt;&amp;&#39;\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                   "\xef\xbf\xbd\xef\xbf\xbd\t\n\r ok");
}

/* Links: bidi controls and invisible characters make an address that is
 * not one. */
static void
test_web_address (void)
{
  g_assert_true (dm_is_web_address ("https://example.org/a.jpg"));
  g_assert_false (dm_is_web_address ("https://evil.example/\xe2\x80\xaegpj.exe"));
  g_assert_false (dm_is_web_address ("https://evil.example/a\xe2\x80\x8b" "b"));
  g_assert_false (dm_is_web_address ("https://evil.example/a\xe2\x81\xa6" "b"));
  g_assert_false (dm_is_web_address ("https://evil.example/a\xc2\xa0" "b"));
  g_assert_false (dm_is_web_address ("javascript:alert(1)"));

  g_assert_true (dm_is_media_address ("data:image/png;base64,iVBORw0KGgo="));
  g_assert_false (dm_is_media_address ("data:image/svg+xml;base64,PHN2Zz4="));
  g_assert_false (dm_is_media_address ("data:text/html;base64,PHN2Zz4="));
  g_assert_false (dm_is_media_address ("data:image/png;base64,<script>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safe-text/display", test_display);
  g_test_add_func ("/safe-text/mark-flood", test_mark_flood);
  g_test_add_func ("/safe-text/long", test_long);
  g_test_add_func ("/safe-text/pieces", test_pieces);
  g_test_add_func ("/safe-text/xml", test_xml);
  g_test_add_func ("/safe-text/web-address", test_web_address);

  return g_test_run ();
}
