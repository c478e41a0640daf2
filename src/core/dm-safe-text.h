/* dm-safe-text.h — dataset text made safe to show and to write as XML
 *
 * A dataset's texts are untrusted: they may hold control characters,
 * bidi overrides that make "gpj.exe" read as "exe.jpg", floods of
 * combining marks and megabytes without a space. What is drawn or shown
 * goes through dm_safe_text_for_display() first, and what is written as
 * XML through dm_safe_text_escape_xml().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a drawn label needs at most, in characters. */
#define DM_SAFE_TEXT_LABEL_MAX 300

/* Combining marks kept on one base character; the rest are dropped. */
#define DM_SAFE_TEXT_MAX_MARKS 8

/* @text as it can be shown, with at most @max_chars characters (0: no
 * limit) before an ellipsis, cut between two graphemes:
 *
 *  - C0 controls but tab and line feed are shown as their control
 *    pictures (U+2400…), DEL as U+2421, C1 controls, noncharacters and
 *    invalid UTF-8 as U+FFFD;
 *  - bidi controls, zero width spaces and other invisible format
 *    characters are shown as escapes, "[U+202E]"; zero width joiners and
 *    non-joiners and variation selectors (which emoji and some scripts
 *    need) are kept;
 *  - more than DM_SAFE_TEXT_MAX_MARKS combining marks on one character
 *    are dropped.
 *
 * Only as much of @text as the result needs is read. NULL gives "". */
char      *dm_safe_text_for_display   (const char *text,
                                       gsize       max_chars);

/* Where the piece of @text that starts at @text ends: after at most
 * @max_chars characters, after its last line break if it has one, else at
 * a space in its second half, else between two graphemes. Long texts are laid out
 * piece by piece, so that no one layout is ever large. Returns the end of
 * @text when it is short enough. */
const char *dm_safe_text_piece_end    (const char *text,
                                       gsize       max_chars);

/* TRUE when @text needs no change to be shown (as above, unbounded). */
gboolean   dm_safe_text_is_displayable (const char *text);

/* TRUE for a character that makes text read as something else: bidi
 * controls and marks, and invisible format characters other than the
 * joiners. */
gboolean   dm_safe_text_is_spoofing   (gunichar    c);

/* @text escaped as XML (or HTML) character data and attribute values,
 * with every character XML 1.0 cannot carry (C0 controls but tab, line
 * feed and carriage return; U+FFFE, U+FFFF, surrogates) and the C1
 * controls it discourages replaced by U+FFFD. "=" and the colon of
 * "…script:" are written as character references too: inert in text
 * anyway, but then not even a trace of a handler or a script address is
 * left for a scanner to find. */
char      *dm_safe_text_escape_xml    (const char *text);

/* TRUE for a character that is not seen, or that changes how what is
 * around it is seen: bidi controls and marks, zero width characters and
 * other format characters, invisible fillers, and line or paragraph
 * separators. */
gboolean  dm_unichar_is_invisible (gunichar c);

/* TRUE for a valid http or https address with a host and without spaces,
 * quotes, angle brackets or invisible characters (bidi controls, zero
 * width characters: anything that could make an address read as another):
 * the only links Dấu Mốc keeps. */
gboolean  dm_is_web_address       (const char *url);

G_END_DECLS
