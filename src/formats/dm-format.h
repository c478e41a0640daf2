/* dm-format.h — the members of the native format, described once
 *
 * See dm-format.c for what follows this table and how.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The JSON types a member's value may have. null is left out: the loader
 * reads a null member as a missing one everywhere. */
typedef enum
{
  DM_FORMAT_STRING  = 1 << 0,
  DM_FORMAT_INTEGER = 1 << 1,
  DM_FORMAT_NUMBER  = 1 << 2 | DM_FORMAT_INTEGER,  /* any number, integers included */
  DM_FORMAT_BOOLEAN = 1 << 3,
  DM_FORMAT_OBJECT  = 1 << 4,
  DM_FORMAT_ARRAY   = 1 << 5,
} DmFormatJsonType;

/* No type has more members (dm-format.c asserts it as it builds). */
#define DM_FORMAT_MAX_MEMBERS 16

typedef struct _DmFormatType DmFormatType;

typedef struct
{
  const char         *name;
  DmFormatJsonType    json_types;
  gboolean            required;
  /* The objects the member holds: its value when that may be an object,
   * the elements of its array otherwise; NULL for none. */
  const DmFormatType *type;
  const char         *description;
  /* The strings it may be, NULL-terminated; NULL for any. */
  const char * const *values;
} DmFormatMember;

/* An object of the format: the dataset at the top, or one it holds. */
struct _DmFormatType
{
  const char           *name;         /* its name in the schema's $defs and in FORMAT.md */
  const char           *description;
  const DmFormatMember *members;      /* in the order they are written */
  guint                 n_members;
};

extern const DmFormatType dm_format_dataset;
extern const DmFormatType dm_format_text;
extern const DmFormatType dm_format_kind;
extern const DmFormatType dm_format_source;
extern const DmFormatType dm_format_tag;
extern const DmFormatType dm_format_era;
extern const DmFormatType dm_format_event;
extern const DmFormatType dm_format_open_start;
extern const DmFormatType dm_format_certainty;
extern const DmFormatType dm_format_actor;
extern const DmFormatType dm_format_relation;
extern const DmFormatType dm_format_figure;
extern const DmFormatType dm_format_list;
extern const DmFormatType dm_format_citation;
extern const DmFormatType dm_format_link;

/* Every type above, the dataset first; NULL-terminated. */
const DmFormatType * const *dm_format_get_types (void);

/* The member called @name of @type, or NULL if the format has none: a
 * member the loader keeps as it is, for saving. */
const DmFormatMember *dm_format_type_lookup (const DmFormatType *type,
                                             const char         *name);

G_END_DECLS
