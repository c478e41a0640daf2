/* dm-import.h — reading other tools' timelines (internal to the loader)
 *
 * The loader checks the JSON and reads it into the one tree it reads its
 * own format from (dm-json-reader.h), then hands documents that are not
 * in the native format to an importer here; a sheet is turned into the
 * tree its TimelineJS JSON would give. Importers fill a dataset and
 * report what they cannot map as warnings (DM_DATASET_ERROR_UNSUPPORTED) and
 * what makes no sense as errors, each with the JSON path of the value; the
 * loader then locates every problem (line:column) the same way it does for
 * native files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"
#include "dm-json-reader.h"
#include "dm-sheet.h"

G_BEGIN_DECLS

typedef enum
{
  DM_IMPORT_NATIVE,       /* has "format", or nothing else recognised: the native loader */
  DM_IMPORT_TIMELINEJS3,  /* {"events": [{"start_date": …}], "title": …, "eras": …} */
  DM_IMPORT_TIMELINEJS2,  /* {"timeline": {"headline": …, "date": […], "era": […]}} */
  DM_IMPORT_VIS,          /* [{"start": …, "content": …}] or {"items": […], "groups": […]} */
  DM_IMPORT_SIMILE,       /* {"dateTimeFormat": …, "events": [{"start": …, "title": …}]}: not read */
  DM_IMPORT_TIMELINEJS_LIKE, /* {"events": [{"date": …, "text": {…}}]}: TimelineJS-like, no start_date */
} DmImportFormat;

/* The kind the importers give events that have no group. */
#define DM_IMPORT_UNGROUPED_ID       "ungrouped"
#define DM_IMPORT_UNGROUPED_LABEL_EN "Events"
#define DM_IMPORT_UNGROUPED_LABEL_VI "Sự kiện"

/* Which reader a document needs, by its shape. */
DmImportFormat  dm_import_detect          (const DmJsonNode *root);

/* Fill @dataset (not yet finished) from @root and set its origin format.
 * @display_name (may be NULL) gives a title to files that have none. */
void            dm_import_timelinejs      (DmDataset        *dataset,
                                           const DmJsonNode *root,
                                           gboolean          version_2,
                                           const char       *display_name,
                                           GPtrArray        *problems);
void            dm_import_vis             (DmDataset        *dataset,
                                           const DmJsonNode *root,
                                           const char       *display_name,
                                           GPtrArray        *problems);

/* A sheet in the TimelineJS template or a plain table of events
 * (dm-import-sheet.c); problems are located at their cells. */
void            dm_import_sheet           (DmDataset    *dataset,
                                           DmSheet      *sheet,
                                           const char   *display_name,
                                           GPtrArray    *problems);

/* Files that are not JSON: a spreadsheet is read into @dataset; a format
 * Dấu Mốc recognises but does not read (SIMILE XML, The Timeline
 * Project, a web page) gets an error that names it. FALSE when @data is
 * to be read as JSON. */
gboolean        dm_import_foreign         (DmDataset    *dataset,
                                           const char   *data,
                                           gsize         length,
                                           const char   *display_name,
                                           GPtrArray    *problems);

/* An error that names what the file is (@what, "a SIMILE Timeline XML
 * file") and says what Dấu Mốc reads. */
void            dm_import_refuse          (GPtrArray    *problems,
                                           const char   *what);

/* What the importers share: the path being read and the problems (@log),
 * and the kinds, eras and events built so far (added to the dataset, in
 * one language, by dm_import_finish()). */
typedef struct
{
  DmProblemLog  log;
  DmDataset    *dataset;
  char         *display_name;
  GPtrArray    *kinds;          /* DmKind* */
  GHashTable   *kinds_by_key;   /* group key → DmKind* (in @kinds) */
  GHashTable   *kind_ids;       /* ids given to kinds */
  GPtrArray    *eras;           /* DmEra* */
  GPtrArray    *events;         /* DmEvent* */
  GHashTable   *reserved_ids;   /* ids the file gives its events */
  GHashTable   *event_ids;      /* id → path of the event that has it */
  GStringChunk *strings;        /* the two tables' keys and values */
} DmImport;

/* The parts of a date as other tools write them; @value is meaningful
 * where @present is set. */
typedef enum
{
  DM_DATE_PART_YEAR,
  DM_DATE_PART_MONTH,
  DM_DATE_PART_DAY,
  DM_DATE_PART_HOUR,
  DM_DATE_PART_MINUTE,
  DM_DATE_PART_SECOND,
  DM_DATE_PART_MILLISECOND,
  DM_DATE_N_PARTS,
} DmDatePart;

typedef struct
{
  gboolean present[DM_DATE_N_PARTS];
  gint64   value[DM_DATE_N_PARTS];
} DmDateParts;

void            dm_import_init            (DmImport     *self,
                                           DmDataset    *dataset,
                                           const char   *display_name,
                                           GPtrArray    *problems);
/* Sets the origin, picks the language of the texts, fills the dataset. */
void            dm_import_finish          (DmImport     *self,
                                           const char   *origin);
void            dm_import_clear           (DmImport     *self);

/* Warns about each member of @object that is neither in @known nor in
 * @kept; copies the @kept ones that have a value into *@extra. */
void            dm_import_check_members   (DmImport           *self,
                                           const DmJsonNode   *object,
                                           const char * const *known,
                                           const char * const *kept,
                                           JsonObject        **extra);

/* The array at @member; NULL when it is missing or null (an error when
 * @required), or, with a type error, when it is not an array. */
const DmJsonNode *dm_import_get_array     (DmImport         *self,
                                           const DmJsonNode *object,
                                           const char       *member,
                                           gboolean          required);
/* @node as an object; NULL, with a type error at the current path,
 * when it is anything else. */
const DmJsonNode *dm_import_expect_object (DmImport         *self,
                                           const DmJsonNode *node);
/* The value at @member; NULL when it is missing, null or "", which is an
 * error when @required. */
const DmJsonNode *dm_import_get_member    (DmImport         *self,
                                           const DmJsonNode *object,
                                           const char       *member,
                                           gboolean          required);
/* The object at @member, NULL when missing or null; a type error (an
 * error when @required, otherwise a warning) when it is not an object. */
const DmJsonNode *dm_import_get_object    (DmImport         *self,
                                           const DmJsonNode *object,
                                           const char       *member,
                                           gboolean          required);
/* A string member (numbers are written out), without surrounding white
 * space; NULL when missing, null or empty; a warning for other types. */
char           *dm_import_get_string      (DmImport         *self,
                                           const DmJsonNode *object,
                                           const char       *member);
/* A whole number written as a number or a string ("1815", " -500 ");
 * missing, null and "" leave *@present FALSE. FALSE (with an error) when
 * it is not a whole number. */
gboolean        dm_import_get_integer     (DmImport         *self,
                                           const DmJsonNode *object,
                                           const char       *member,
                                           gint64           *value,
                                           gboolean         *present);

/* "1815", "-500", "+12" (nothing else); magnitudes too large for a date
 * come out as G_MAXINT64 or -G_MAXINT64. */
gboolean        dm_import_parse_integer   (const char   *text,
                                           gint64       *value);

/* A date written as text, as TimelineJS 2 read it (data/IMPORT.md):
 * "2011,12,10[,h,m,s,ms]", "5/12/2015[ 10:30]" (month/day/year),
 * "5/2015", a year ("-500", anything up to eight characters),
 * "201201261000" (YYYYMMDDHHMM), or an ISO date or date-time. FALSE when
 * it is none of them. The parts are not checked. */
gboolean        dm_import_parse_date_text (const char   *text,
                                           DmDateParts  *parts);
/* [±]YYYY[-MM[-DD[(T| )HH[:MM[:SS[.fff]]]]]][Z|±HH[:MM]] (the written
 * clock time is kept; the zone is ignored). */
gboolean        dm_import_parse_iso       (const char   *text,
                                           DmDateParts  *parts);

/* Turns the errors recorded since @first_problem into warnings that say
 * @tool ("TimelineJS") leaves the thing out, as Dấu Mốc then does. */
void            dm_import_leave_out       (DmImport     *self,
                                           guint         first_problem,
                                           const char   *tool);

/* "year", "month", … "millisecond", by DmDatePart. */
const char * const *dm_import_date_part_names (void);

/* Builds @date at the precision the parts give (year, month, day, minute);
 * errors for missing years and impossible values, warnings for parts that
 * are left out (seconds, a day without a month). @members names the member
 * of each part for problems; NULL puts them all at the current path. */
gboolean        dm_import_date_from_parts (DmImport            *self,
                                           const DmDateParts   *parts,
                                           const char * const  *members,
                                           DmDate              *date);

/* The date's end may not be before its start (an error at @member). */
gboolean        dm_import_check_order     (DmImport     *self,
                                           const DmDate *start,
                                           const DmDate *end,
                                           const char   *member);

/* For tests: from how many slides a TimelineJS file's slides are read in
 * two halves on two processors (0 puts back the default; G_MAXUINT never),
 * and how many times that has happened in this process. */
void            dm_import_set_split_slides   (guint min_slides);
guint           dm_import_get_n_split_slides (void);

/* Whether @text (UTF-8) reads as Vietnamese (see dm-import.c). */
gboolean        dm_import_looks_vietnamese (const char  *text);
/* Stores imported plain text (taking @text) into @out; the language is
 * decided when the import is finished. */
void            dm_import_set_text        (DmImport     *self,
                                           DmText       *out,
                                           char         *text);

/* The colour an import gives the kind it makes at @position (GNOME's
 * palette, cycling): what a timeline read from another format has
 * without anyone choosing it. */
const char     *dm_import_get_kind_color  (guint         position);

/* The kind for the group @key (NULL for events without one), created on
 * first use with @label and, if it is a usable id, @id. */
const char     *dm_import_get_kind        (DmImport     *self,
                                           const char   *key,
                                           const char   *label,
                                           const char   *id);

/* Event ids: first reserve every id the file gives (without the white
 * space around it), then ask for each event's id. A missing id is made from the event's position and @title;
 * a duplicate or unusable one gets a warning and a new id. */
void            dm_import_reserve_id      (DmImport     *self,
                                           const char   *id);
char           *dm_import_event_id        (DmImport     *self,
                                           const char   *given,
                                           const char   *member,
                                           guint         index,
                                           const char   *title);
/* The same in two steps, for events read on another thread: the id an
 * event asks for, or the one made for it (*@generated), which depends on
 * no other event, then that id made unique in the file's order. Takes
 * @wanted. */
char           *dm_import_wanted_event_id (DmImport     *self,
                                           const char   *given,
                                           const char   *member,
                                           guint         index,
                                           const char   *title,
                                           gboolean     *generated);
char           *dm_import_take_event_id   (DmImport     *self,
                                           char         *wanted,
                                           gboolean      generated,
                                           const char   *member);

G_END_DECLS
