/* dm-model.h — the plain data of a timeline: texts, kinds, sources, eras, events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-date.h"

G_BEGIN_DECLS

/* The longest id, in bytes, that a file may give a kind, a source or an
 * event (the loader refuses longer ones; the importers make new ones). */
#define DM_ID_MAX_LENGTH 256

/* NULL when @id (not NULL) can be an id; else what is wrong with it,
 * translated: longer than DM_ID_MAX_LENGTH bytes, or a control character.
 * The loader and editing check ids with it. */
char *dm_id_check (const char *id);

/* NULL when @url (not NULL) may be a link: an http or https address with
 * a host and nothing that could disguise where it leads (bidi controls,
 * zero width characters, spaces); else what is wrong with it, translated.
 * The loader and editing check addresses with it. */
char *dm_url_check (const char *url);

/* These are plain structs, owned by the DmDataset that loaded them; a
 * dataset can hold a million events, so they are not GObjects. Every struct
 * read from a file keeps the members it did not understand in @extra (NULL
 * when there were none) so that saving writes them back unchanged. */

/* A text in the two data languages; either may be NULL. */
typedef struct
{
  char       *vi;
  char       *en;
  JsonObject *extra;   /* other language codes, kept for round-trips */
} DmText;

typedef enum
{
  DM_CERTAINTY_STATED,      /* the source states the date */
  DM_CERTAINTY_INFERRED,    /* worked out from context; see the reason */
  DM_CERTAINTY_APPROXIMATE, /* the source gives the date only roughly */
} DmCertainty;

/* How an event's certainty was written, so that saving writes it back the
 * same way: left out (meaning stated), "inferred", or {"level": …}. */
typedef enum
{
  DM_CERTAINTY_FORM_ABSENT,
  DM_CERTAINTY_FORM_STRING,
  DM_CERTAINTY_FORM_OBJECT,
} DmCertaintyForm;

/* How well an event's date is known. An open-ended event knows only one
 * bound of its date, and says nothing of the other: "no later than
 * November 2021" ({"start": {"before": "2021-11"}}). */
typedef enum
{
  DM_BOUND_EXACT,   /* the start is the event's date */
  DM_BOUND_BEFORE,  /* the event is at or before the start: no later than */
  DM_BOUND_AFTER,   /* at or after the start: no earlier than */
} DmBound;

typedef struct
{
  char       *id;
  DmText      label;
  char       *color;   /* "#rrggbb" or NULL */
  char       *icon;    /* glyph name or NULL */
  JsonObject *extra;
} DmKind;

typedef struct
{
  char       *id;
  DmText      title;
  char       *publisher;
  char       *author;
  DmDate      date;
  char       *file;    /* file name of the source text, relative */
  char       *url;     /* http(s) only */
  JsonObject *extra;
} DmSource;

/* A tag's label in both languages, from the dataset's "tags". */
typedef struct
{
  char       *id;
  DmText      label;
  JsonObject *extra;
} DmTag;

typedef struct
{
  char       *name;
  DmText      role;
  gboolean    as_printed;  /* the name as the source prints it, probably
                            * wrong there: shown as such, never corrected */
  JsonObject *extra;
} DmActor;

typedef struct
{
  char       *event;     /* id of the related event */
  char       *relation;  /* part-of, approves, implements, follows-up, feeds, establishes, cites, related */
  JsonObject *extra;
} DmRelation;

typedef struct
{
  char       *source;    /* id of a DmSource */
  char       *quote;       /* verbatim, in the source's language */
  DmText      translation; /* a rendering of the quote in other languages */
  JsonObject *extra;
} DmCitation;

typedef struct
{
  DmText      label;
  double      value;
  gboolean    value_is_integer;
  gint64      integer;   /* the exact value when value_is_integer */
  DmText      display;
  JsonObject *extra;
} DmFigure;

typedef struct
{
  DmText      label;
  GPtrArray  *items;     /* DmText* */
  JsonObject *extra;
} DmList;

typedef struct
{
  char       *url;       /* http(s) only */
  DmText      title;
  JsonObject *extra;
} DmLink;

/* A shaded span of the timeline, such as a reign or a period of a plan. */
typedef struct
{
  DmText      title;
  DmDate      start;
  DmDate      end;
  char       *color;   /* "#rrggbb" or NULL */
  JsonObject *extra;
} DmEra;

typedef struct
{
  char        *id;
  char        *kind;
  guint        kind_index;     /* index into the dataset's kinds */
  guint        file_index;     /* position in the file, for saving in order */
  DmDate       start;
  DmDate       end;            /* precision NONE when the event is a point */
  guint8       start_bound;    /* DmBound: how the start is known */
  JsonObject  *start_extra;    /* unknown members of an open start */
  DmCertainty  certainty;
  guint8       certainty_form; /* how the file wrote it: DmCertaintyForm */
  DmText       certainty_reason;
  JsonObject  *certainty_extra;
  DmText       title;
  DmText       summary;
  DmText       place;
  GPtrArray   *actors;         /* DmActor*, NULL when empty */
  GPtrArray   *tags;           /* char*, NULL when empty */
  GPtrArray   *related;        /* DmRelation*, NULL when empty */
  GPtrArray   *figures;        /* DmFigure*, NULL when empty */
  GPtrArray   *lists;          /* DmList*, NULL when empty */
  GPtrArray   *citations;      /* DmCitation*, NULL when empty */
  GPtrArray   *links;          /* DmLink*, NULL when empty */
  JsonObject  *extra;
  char        *strings;        /* one block holding the strings above
                                * that dm_event_set_strings() gave, or
                                * NULL: each its own allocation */
  gsize        strings_size;
  double       axis_start;     /* start of the start date's span */
  double       axis_end;       /* end of the end date's span (or the start's) */
} DmEvent;

const char  *dm_text_get            (const DmText *text,
                                     DmLanguage    language);
gboolean     dm_text_is_empty       (const DmText *text);
void         dm_text_clear          (DmText       *text);
void         dm_text_set            (DmText       *text,
                                     const char   *vi,
                                     const char   *en);

const char  *dm_certainty_to_string (DmCertainty   certainty);
gboolean     dm_certainty_from_string (const char *text,
                                       DmCertainty *out_certainty);

DmKind      *dm_kind_new            (void);
void         dm_kind_free           (DmKind       *kind);
DmSource    *dm_source_new          (void);
void         dm_source_free         (DmSource     *source);
DmTag       *dm_tag_new             (void);
void         dm_tag_free            (DmTag        *tag);
DmActor     *dm_actor_new           (void);
void         dm_actor_free          (DmActor      *actor);
DmRelation  *dm_relation_new        (void);
void         dm_relation_free       (DmRelation   *relation);
DmCitation  *dm_citation_new        (void);
void         dm_citation_free       (DmCitation   *citation);
DmFigure    *dm_figure_new          (void);
void         dm_figure_free         (DmFigure     *figure);
DmList      *dm_list_new            (void);
void         dm_list_free           (DmList       *list);
DmLink      *dm_link_new            (void);
void         dm_link_free           (DmLink       *link);
DmEra       *dm_era_new             (void);
void         dm_era_free            (DmEra        *era);
DmEvent     *dm_event_new           (void);
void         dm_event_free          (DmEvent      *event);
void         dm_event_set_strings   (DmEvent      *event,
                                     char        **slots[],
                                     const char   *values[],
                                     guint         n);

/* While @collector is set (NULL: none), the *_free() functions and
 * dm_text_clear() called on this thread add the JSON objects they would let
 * go to @collector instead, for the caller to unref on the thread that
 * shares them (JSON-GLib's reference counts are not atomic). */
void         dm_model_collect_json  (GPtrArray    *collector);

/* Deep copies, for editing: the copy owns its strings and arrays; the
 * members kept as JSON (@extra) are shared, never changed in place. */
void         dm_text_copy_into      (DmText       *dest,
                                     const DmText *src);
gboolean     dm_text_equal          (const DmText *a,
                                     const DmText *b);
DmKind      *dm_kind_copy           (const DmKind     *kind);
DmSource    *dm_source_copy         (const DmSource   *source);
DmTag       *dm_tag_copy            (const DmTag      *tag);
DmActor     *dm_actor_copy          (const DmActor    *actor);
DmRelation  *dm_relation_copy       (const DmRelation *relation);
DmCitation  *dm_citation_copy       (const DmCitation *citation);
DmFigure    *dm_figure_copy         (const DmFigure   *figure);
DmList      *dm_list_copy           (const DmList     *list);
DmLink      *dm_link_copy           (const DmLink     *link);
DmEvent     *dm_event_copy          (const DmEvent    *event);

/* The value of @figure as the format writes it: "2000", "3.5". */
char        *dm_figure_value_to_text (const DmFigure *figure);
/* Sets the value of @figure from @text as a person types it: digits, a
 * point for decimals, an exponent ("2000", "-3.5", "1e6"). A whole number
 * is kept exactly, as an integer. NULL on success; else what is wrong with
 * @text, translated, and @figure is left as it was. */
char        *dm_figure_set_value_text (DmFigure   *figure,
                                       const char *text);

/* The relations an event may have to another ("part-of", …), NULL
 * terminated, as the format names them. */
const char * const *dm_relation_get_names (void);

/* The event's date as people read it, e.g. "22 May 2020",
 * "2019 – 2020" or, open-ended, "no later than November 2021", in
 * @language. */
char        *dm_event_format_date   (const DmEvent *event,
                                     DmLanguage     language);
gboolean     dm_event_is_range      (const DmEvent *event);
/* Whether only one bound of the event's date is known. */
gboolean     dm_event_is_open       (const DmEvent *event);
/* "before", "after" or NULL for an exact date: the member names of the
 * format. */
const char  *dm_bound_to_string     (DmBound        bound);
gboolean     dm_event_has_tag       (const DmEvent *event,
                                     const char    *tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmKind, dm_kind_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmSource, dm_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmEra, dm_era_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmEvent, dm_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmActor, dm_actor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmTag, dm_tag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRelation, dm_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmCitation, dm_citation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmFigure, dm_figure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmList, dm_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmLink, dm_link_free)

G_END_DECLS
