/* dm-html.h — HTML fragments from other tools, reduced to plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dm-safe-text.h"

G_BEGIN_DECLS

/* Reduces an HTML fragment (as TimelineJS and vis-timeline files carry in
 * their texts) to plain text, the way a browser would show it, without ever
 * interpreting it as markup:
 *
 *  - tags are removed; paragraphs and blocks (<p>, <div>, <h1>…, <li>,
 *    <blockquote>…) become blank lines or line breaks, <br> a line break,
 *    list items start with "• ";
 *  - white space is collapsed as HTML collapses it (except in <pre>);
 *  - a link keeps its address as text: <a href="https://x">site</a> gives
 *    "site (https://x)"; only http and https addresses are kept;
 *  - character references are decoded (&amp;, &eacute;, &#7897;, &#x1EA1;);
 *    invalid ones give U+FFFD, control characters are dropped;
 *  - the contents of <script>, <style>, <template>, <iframe>, <noscript> and
 *    <title>, and comments, are dropped; an unclosed tag or comment at the
 *    end is dropped.
 *
 * @html must be valid UTF-8 (the loader has checked it); the result is
 * valid UTF-8, without leading or trailing white space. NULL gives "". */
char     *dm_html_to_text        (const char *html);

/* The same on one line, for titles and labels: line breaks become spaces. */
char     *dm_html_to_text_line   (const char *html);

/* The same two, taking @html: most texts are their own text and are
 * returned as they are, not copied. */
char     *dm_html_take_text      (char       *html);
char     *dm_html_take_text_line (char       *html);

/* A web address, or a PNG, JPEG, GIF or WebP image as a base64 data:
 * address: the only media TimelineJS exports carry. */
gboolean  dm_is_media_address    (const char *url);

G_END_DECLS
