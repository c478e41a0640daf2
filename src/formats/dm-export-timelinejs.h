/* dm-export-timelinejs.h — a dataset as a TimelineJS3 file, in one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* The file name ending that `daumoc --export` writes TimelineJS3 for. */
#define DM_EXPORT_TIMELINEJS_SUFFIX ".timelinejs.json"

/* The dataset as TimelineJS3 JSON, with its texts in @language (or the
 * other one where a text has only that):
 *
 *  - the title slide is the dataset's title and description;
 *  - each event keeps its id (unique_id), its date at its own precision
 *    (a year-only date has only "year"), its kind's label as "group", and
 *    a display_date for inferred or approximate dates ("2019 (inferred)");
 *  - text.headline is the title and text.text the summary, HTML-escaped in
 *    paragraphs, followed by the citations (“quote” — source, publisher)
 *    and the links;
 *  - eras become "eras"; "scale" is "cosmological" when a year is beyond
 *    what JavaScript dates hold;
 *  - what an import from TimelineJS kept (display_date, media, background,
 *    autolink, date formats) is written back.
 *
 * Importing the result gives the same events: ids, titles in @language,
 * dates at the same precision, and kinds by label. */
char      *dm_export_timelinejs          (DmDataset     *dataset,
                                          DmLanguage     language,
                                          gsize         *length);

/* The same, written to @file atomically (a temporary file renamed over it). */
gboolean   dm_export_timelinejs_to_file  (DmDataset     *dataset,
                                          DmLanguage     language,
                                          GFile         *file,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* What @dataset has that a TimelineJS3 export of it in @language
 * (dm_export_timelinejs()) cannot hold, each as a phrase for the person
 * about to export, translated ("the English titles and summaries of 3
 * events", "5 relations between events"): the other language where a
 * text has both, citations (only quoted in the text), sources, relations,
 * certainty, open-ended dates, tags, places, actors, figures, lists, and
 * the kinds' colours and glyphs. Only what the dataset has is named; an
 * empty array when it loses nothing. */
GPtrArray *dm_export_timelinejs_losses   (DmDataset     *dataset,
                                          DmLanguage     language);

/* The string or object member @member of @object (which may be NULL) in
 * a TimelineJS3 tree, or NULL if it has none of that type: for reading
 * what an import kept, or the export itself back. */
const char *dm_timelinejs_get_string      (JsonObject       *object,
                                           const char       *member);
JsonObject *dm_timelinejs_get_object      (JsonObject       *object,
                                           const char       *member);

/* An export to a text file: what dm_export_timelinejs() and
 * dm_export_sheet() make of @dataset in @language, @length bytes. */
typedef char *(*DmExportTextFunc) (DmDataset  *dataset,
                                   DmLanguage  language,
                                   gsize      *length);

/* What @export makes of @dataset, written to @file atomically (a
 * temporary file renamed over it): a failed export never leaves a
 * half-written file behind, new or replaced. */
gboolean   dm_export_text_to_file        (DmExportTextFunc  export,
                                          DmDataset        *dataset,
                                          DmLanguage        language,
                                          GFile            *file,
                                          GCancellable     *cancellable,
                                          GError          **error);

G_END_DECLS
