/* dm-date-phrase.h — the dates a passage of text speaks of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-date.h"

G_BEGIN_DECLS

/* A date written in a text, and where: bytes [start, end) of the text. */
typedef struct
{
  DmDate date;
  gsize  start;
  gsize  end;
} DmDatePhrase;

/* The dates @text writes out, in the order they come, each once, at the
 * precision it is written with. Vietnamese: "ngày 3 tháng 5 năm 2017",
 * "ngày 3/5/2017", "3/5/2017", "tháng 5 năm 2017", "tháng 5/2017",
 * "năm 2016"; English: "3 May 2017", "May 3, 2017", "May 2017"; and ISO
 * "2017-05-03". Days that do not exist are left out, with what they
 * contain ("năm 2021" of "ngày 30 tháng 2 năm 2021"). Returns an array of
 * DmDatePhrase. */
GArray *dm_date_phrases_find (const char *text);

G_END_DECLS
