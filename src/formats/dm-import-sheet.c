/* dm-import-sheet.c — timelines kept in spreadsheets: Knight Lab's
 * TimelineJS template, and plain tables of events
 *
 * TimelineJS reads its Google Sheets template by turning each row into a
 * slide of its JSON (Year, Month, Day and Time make start_date; Type
 * "title" is the title slide, Type "era" an era). This importer does the
 * same and hands the result to the TimelineJS3 importer, so a sheet reads
 * exactly as the same timeline written as JSON; every problem is then
 * moved from its JSON path to the cell it came from (row:column, and the
 * column's header as the path).
 *
 * A plain table has a header row naming its columns (start, end, title,
 * description, group… in any case and spacing, see data/IMPORT.md), and
 * dates written as text in any form dm_import_parse_date_text() reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dm-import.h"
#include "dm-sheet.h"

/* The template's columns (dm-sheet.h), then a plain table's. */
typedef enum
{
  COL_START = DM_SHEET_N_TEMPLATE_COLUMNS,
  COL_END,
  N_COLUMNS,
} PlainColumn;

typedef guint Column;

/* The template's headers as Knight Lab writes them, then the plain
 * table's; each is matched without case, spaces or punctuation. */
static const char * const plain_names[] = {
  [COL_START - DM_SHEET_N_TEMPLATE_COLUMNS] = "Start",
  [COL_END - DM_SHEET_N_TEMPLATE_COLUMNS] = "End",
};

/* The header people write for @column. */
static const char *
column_header (Column column)
{
  return column < DM_SHEET_N_TEMPLATE_COLUMNS ? dm_sheet_template_names[column]
                                              : plain_names[column - DM_SHEET_N_TEMPLATE_COLUMNS];
}

typedef struct
{
  const char *name;   /* normalised */
  Column      column;
} Synonym;

/* Other names people give the columns of a table of their own. */
static const Synonym synonyms[] = {
  { "startdate", COL_START }, { "date", COL_START }, { "begin", COL_START }, { "from", COL_START },
  { "when", COL_START },
  { "enddate", COL_END }, { "until", COL_END }, { "to", COL_END }, { "finish", COL_END },
  { "title", DM_SHEET_COL_HEADLINE }, { "name", DM_SHEET_COL_HEADLINE }, { "event", DM_SHEET_COL_HEADLINE },
  { "description", DM_SHEET_COL_TEXT }, { "summary", DM_SHEET_COL_TEXT }, { "details", DM_SHEET_COL_TEXT }, { "notes", DM_SHEET_COL_TEXT },
  { "category", DM_SHEET_COL_GROUP }, { "kind", DM_SHEET_COL_GROUP }, { "tag", DM_SHEET_COL_GROUP }, { "lane", DM_SHEET_COL_GROUP },
  { "url", DM_SHEET_COL_MEDIA }, { "link", DM_SHEET_COL_MEDIA },
  /* Newer template columns TimelineJS reads into the media object. */
  { "alttext", DM_SHEET_COL_MEDIA_CAPTION },
};

typedef struct
{
  DmSheet     *sheet;
  int          columns[N_COLUMNS];  /* column index, or -1 */
  gboolean     template;
  const DmSheetRow *header;
  DmJsonTree  *tree;
  DmJsonNode  *root;
  DmJsonNode  *events;
  DmJsonNode  *eras;
  GArray      *event_rows;  /* guint: the row number of each event */
  GArray      *era_rows;
  guint        title_row;
  GPtrArray   *problems;
} SheetImport;

/* "End Year" → "endyear". */
static char *
normalise (const char *header)
{
  GString *out = g_string_new (NULL);

  for (const char *p = header; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

static gboolean
lookup_column (const char *header,
               Column     *column)
{
  g_autofree char *name = normalise (header);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *known = normalise (column_header (i));

      if (strcmp (name, known) == 0)
        {
          *column = i;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (name, synonyms[i].name) == 0)
      {
        *column = synonyms[i].column;
        return TRUE;
      }

  return FALSE;
}

/* Problems, at a cell */

static void
add_problem_at (SheetImport       *self,
                DmProblemSeverity  severity,
                DmDatasetError     code,
                guint              row,
                int                column,
                const char        *message)
{
  const char *header = column >= 0 && self->header != NULL ? dm_sheet_row_get (self->header, (guint) column) : "";
  DmProblem *problem = dm_problem_new (severity, code, header, message);

  problem->line = row;
  problem->column = column >= 0 ? (guint) column + 1 : 1;
  g_ptr_array_add (self->problems, problem);
}

static const char *
cell (SheetImport      *self,
      const DmSheetRow *row,
      Column            column)
{
  if (self->columns[column] < 0)
    return "";
  return dm_sheet_row_get (row, (guint) self->columns[column]);
}

static char *
cell_stripped (SheetImport      *self,
               const DmSheetRow *row,
               Column            column)
{
  return g_strstrip (g_strdup (cell (self, row, column)));
}

/* Sets @member of @object to the cell's text, if it has any. */
static void
set_from_cell (SheetImport      *self,
               DmJsonNode       *object,
               const char       *member,
               const DmSheetRow *row,
               Column            column)
{
  g_autofree char *text = cell_stripped (self, row, column);

  if (text[0] != '\0')
    dm_json_tree_add_string (self->tree, object, member, text);
}

/* A new object, in no other yet. */
static DmJsonNode *
new_object (SheetImport *self)
{
  return dm_json_tree_add (self->tree, NULL, NULL, DM_JSON_OBJECT);
}

/* "10:30", "10:30:15", "10:30 PM", "10 am": TimelineJS's Time column. */
static gboolean
parse_time (const char *text,
            gint64      values[3],
            guint      *n_values)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_auto(GStrv) fields = NULL;
  int add = 0;
  char *suffix;

  g_strstrip (lower);
  if ((suffix = strstr (lower, "pm")) != NULL || (suffix = strstr (lower, "am")) != NULL)
    {
      if (suffix[2] != '\0')
        return FALSE;
      add = suffix[0] == 'p' ? 12 : 0;
      *suffix = '\0';
      g_strstrip (lower);
    }

  fields = g_strsplit (lower, ":", 0);
  *n_values = g_strv_length (fields);
  if (*n_values < 1 || *n_values > 3)
    return FALSE;

  for (guint i = 0; i < *n_values; i++)
    {
      g_strstrip (fields[i]);
      if (!dm_import_parse_integer (fields[i], &values[i]) || values[i] < 0)
        return FALSE;
    }

  if (suffix != NULL)
    {
      if (values[0] < 1 || values[0] > 12)
        return FALSE;
      values[0] = values[0] % 12 + add;
    }

  return TRUE;
}

/* {"year": …, "month": …, "day": …, "hour": …, "minute": …, "second": …}
 * from the template's four columns; NULL when they are all empty. */
static DmJsonNode *
template_date (SheetImport      *self,
               const DmSheetRow *row,
               Column            year,
               Column            month,
               Column            day,
               Column            time)
{
  DmJsonNode *date = new_object (self);
  g_autofree char *time_text = cell_stripped (self, row, time);

  set_from_cell (self, date, "year", row, year);
  set_from_cell (self, date, "month", row, month);
  set_from_cell (self, date, "day", row, day);

  if (time_text[0] != '\0')
    {
      static const char * const names[] = { "hour", "minute", "second" };
      gint64 values[3];
      guint n;

      if (parse_time (time_text, values, &n))
        for (guint i = 0; i < n; i++)
          dm_json_tree_add_integer (self->tree, date, names[i], values[i]);
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a time of day, like “14:30” or “2:30 PM”; it is left out"), time_text);
          add_problem_at (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, row->number,
                          self->columns[time], message);
        }
    }

  return date->n > 0 ? date : NULL;
}

/* A date written as text in one cell, as parts; NULL (with a warning)
 * when it cannot be read, or when the cell is empty. */
static DmJsonNode *
text_date (SheetImport      *self,
           const DmSheetRow *row,
           Column            column,
           gboolean         *unreadable)
{
  g_autofree char *text = cell_stripped (self, row, column);
  const char * const *names = dm_import_date_part_names ();
  DmDateParts parts;
  DmJsonNode *date;

  if (text[0] == '\0')
    return NULL;

  if (!dm_import_parse_date_text (text, &parts))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date Dấu Mốc can read, like “1815-06-18” or “6/18/1815”; "
                           "the row is left out"), text);
      add_problem_at (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_INVALID_DATE, row->number,
                      self->columns[column], message);
      *unreadable = TRUE;
      return NULL;
    }

  date = new_object (self);
  for (guint part = 0; part < DM_DATE_N_PARTS; part++)
    if (parts.present[part])
      dm_json_tree_add_integer (self->tree, date, names[part], parts.value[part]);

  return date;
}

static void
add_text (SheetImport      *self,
          DmJsonNode       *slide,
          const DmSheetRow *row)
{
  DmJsonNode *text = dm_json_tree_add (self->tree, slide, "text", DM_JSON_OBJECT);

  set_from_cell (self, text, "headline", row, DM_SHEET_COL_HEADLINE);
  set_from_cell (self, text, "text", row, DM_SHEET_COL_TEXT);
}

static void
add_media (SheetImport      *self,
           DmJsonNode       *slide,
           const DmSheetRow *row)
{
  DmJsonNode *media = new_object (self);

  set_from_cell (self, media, "url", row, DM_SHEET_COL_MEDIA);
  if (media->n == 0)
    return;
  set_from_cell (self, media, "credit", row, DM_SHEET_COL_MEDIA_CREDIT);
  set_from_cell (self, media, "caption", row, DM_SHEET_COL_MEDIA_CAPTION);
  set_from_cell (self, media, "thumbnail", row, DM_SHEET_COL_MEDIA_THUMBNAIL);
  dm_json_tree_append (self->tree, slide, "media", media);
}

/* TimelineJS: a colour ("#aabbcc") or an image address. */
static void
add_background (SheetImport      *self,
                DmJsonNode       *slide,
                const DmSheetRow *row)
{
  g_autofree char *text = cell_stripped (self, row, DM_SHEET_COL_BACKGROUND);
  DmJsonNode *background;

  if (text[0] == '\0')
    return;

  background = dm_json_tree_add (self->tree, slide, "background", DM_JSON_OBJECT);
  dm_json_tree_add_string (self->tree, background, text[0] == '#' ? "color" : "url", text);
}

/* start_date (an empty one when there is none: TimelineJS's error) and
 * end_date, made with no container. */
static void
add_dates (SheetImport *self,
           DmJsonNode  *slide,
           DmJsonNode  *start,
           DmJsonNode  *end)
{
  dm_json_tree_append (self->tree, slide, "start_date", start != NULL ? start : new_object (self));
  if (end != NULL)
    dm_json_tree_append (self->tree, slide, "end_date", end);
}

static void
read_template_row (SheetImport      *self,
                   const DmSheetRow *row)
{
  g_autofree char *type = cell_stripped (self, row, DM_SHEET_COL_TYPE);
  DmJsonNode *slide = new_object (self);

  if (g_ascii_strcasecmp (type, "title") == 0)
    {
      if (dm_json_node_get_member (self->root, "title") != NULL)
        add_problem_at (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, row->number, self->columns[DM_SHEET_COL_TYPE],
                        _("a sheet has one title row; this one is left out"));
      else
        {
          add_text (self, slide, row);
          dm_json_tree_append (self->tree, self->root, "title", slide);
          self->title_row = row->number;
        }
      return;
    }

  add_dates (self, slide,
             template_date (self, row, DM_SHEET_COL_YEAR, DM_SHEET_COL_MONTH, DM_SHEET_COL_DAY, DM_SHEET_COL_TIME),
             template_date (self, row, DM_SHEET_COL_END_YEAR, DM_SHEET_COL_END_MONTH, DM_SHEET_COL_END_DAY,
                            DM_SHEET_COL_END_TIME));
  add_text (self, slide, row);

  if (g_ascii_strcasecmp (type, "era") == 0)
    {
      dm_json_tree_append (self->tree, self->eras, NULL, slide);
      g_array_append_val (self->era_rows, row->number);
      return;
    }

  if (type[0] != '\0')
    {
      g_autofree char *message = g_strdup_printf (_("unknown type “%s”; TimelineJS knows “title” and “era”, "
                                                    "and shows this row as an event"), type);
      add_problem_at (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, row->number,
                      self->columns[DM_SHEET_COL_TYPE], message);
    }

  set_from_cell (self, slide, "display_date", row, DM_SHEET_COL_DISPLAY_DATE);
  set_from_cell (self, slide, "group", row, DM_SHEET_COL_GROUP);
  add_media (self, slide, row);
  add_background (self, slide, row);
  dm_json_tree_append (self->tree, self->events, NULL, slide);
  g_array_append_val (self->event_rows, row->number);
}

static void
read_plain_row (SheetImport      *self,
                const DmSheetRow *row)
{
  gboolean unreadable = FALSE;
  DmJsonNode *start = text_date (self, row, COL_START, &unreadable);
  DmJsonNode *end = text_date (self, row, COL_END, &unreadable);
  DmJsonNode *slide;

  if (unreadable)
    return;

  slide = new_object (self);
  add_dates (self, slide, start, end);
  add_text (self, slide, row);
  set_from_cell (self, slide, "group", row, DM_SHEET_COL_GROUP);
  add_media (self, slide, row);
  dm_json_tree_append (self->tree, self->events, NULL, slide);
  g_array_append_val (self->event_rows, row->number);
}

/* The header row */

static char *
describe_headers (const DmSheetRow *header)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *text = g_ptr_array_index (header->cells, i);

      if (text[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "“%s”", text);
    }

  return g_string_free (out, FALSE);
}

static gboolean
map_header (SheetImport *self)
{
  const DmSheetRow *header = g_ptr_array_index (self->sheet->rows, 0);
  g_autofree char *found = NULL;
  guint first = self->problems->len;

  for (guint i = 0; i < N_COLUMNS; i++)
    self->columns[i] = -1;

  self->header = header;
  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *text = g_ptr_array_index (header->cells, i);
      Column column;

      if (text[0] == '\0')
        continue;
      if (lookup_column (text, &column) && self->columns[column] < 0)
        self->columns[column] = (int) i;
      else
        {
          g_autofree char *message = g_strdup_printf (_("Dấu Mốc does not know the column “%s”; it is left out"),
                                                      text);
          add_problem_at (self, DM_PROBLEM_WARNING, DM_DATASET_ERROR_UNSUPPORTED, header->number, (int) i, message);
        }
    }

  if (self->columns[DM_SHEET_COL_YEAR] >= 0 && self->columns[COL_START] < 0)
    {
      self->template = TRUE;
      return TRUE;
    }
  if (self->columns[COL_START] >= 0 && self->columns[DM_SHEET_COL_YEAR] < 0 &&
      (self->columns[DM_SHEET_COL_HEADLINE] >= 0 || self->columns[DM_SHEET_COL_TEXT] >= 0))
    return TRUE;

  /* Not a known layout: what was found, and what would do. */
  g_ptr_array_remove_range (self->problems, first, self->problems->len - first);
  found = describe_headers (header);
  {
    g_autofree char *message =
      g_strdup_printf (_("the columns of this sheet (%s) are not a timeline Dấu Mốc knows; it reads the TimelineJS "
                         "template (Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, "
                         "Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, "
                         "Background) or a table with a Start column and a Title or Description column "
                         "(End and Group are optional)"),
                       found[0] != '\0' ? found : _("none"));
    DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_FORMAT, "", message);

    problem->line = header->number;
    problem->column = 1;
    g_ptr_array_add (self->problems, problem);
  }
  return FALSE;
}

/* From JSON paths back to cells */

typedef struct
{
  const char *suffix;
  Column      column;
} PathColumn;

static const PathColumn path_columns[] = {
  { ".start_date.year", DM_SHEET_COL_YEAR }, { ".start_date.month", DM_SHEET_COL_MONTH }, { ".start_date.day", DM_SHEET_COL_DAY },
  { ".start_date.hour", DM_SHEET_COL_TIME }, { ".start_date.minute", DM_SHEET_COL_TIME }, { ".start_date.second", DM_SHEET_COL_TIME },
  { ".start_date.millisecond", DM_SHEET_COL_TIME }, { ".start_date", DM_SHEET_COL_YEAR },
  { ".end_date.year", DM_SHEET_COL_END_YEAR }, { ".end_date.month", DM_SHEET_COL_END_MONTH }, { ".end_date.day", DM_SHEET_COL_END_DAY },
  { ".end_date.hour", DM_SHEET_COL_END_TIME }, { ".end_date.minute", DM_SHEET_COL_END_TIME }, { ".end_date.second", DM_SHEET_COL_END_TIME },
  { ".end_date.millisecond", DM_SHEET_COL_END_TIME }, { ".end_date", DM_SHEET_COL_END_YEAR },
  { ".text.headline", DM_SHEET_COL_HEADLINE }, { ".text.text", DM_SHEET_COL_TEXT }, { ".text", DM_SHEET_COL_HEADLINE },
  { ".media.url", DM_SHEET_COL_MEDIA }, { ".media", DM_SHEET_COL_MEDIA }, { ".group", DM_SHEET_COL_GROUP },
  { ".display_date", DM_SHEET_COL_DISPLAY_DATE }, { ".background", DM_SHEET_COL_BACKGROUND }, { ".unique_id", DM_SHEET_COL_HEADLINE },
};

static int
column_for_path (SheetImport *self,
                 const char  *rest)
{
  for (guint i = 0; i < G_N_ELEMENTS (path_columns); i++)
    if (strcmp (rest, path_columns[i].suffix) == 0)
      {
        Column column = path_columns[i].column;

        /* A plain table's dates are one cell each. */
        if (!self->template && column <= DM_SHEET_COL_TIME)
          column = COL_START;
        else if (!self->template && column <= DM_SHEET_COL_END_TIME)
          column = COL_END;
        if (self->columns[column] >= 0)
          return self->columns[column];
        return -1;
      }
  return -1;
}

/* "events[3].start_date.year" → the row of the fourth event, the Year
 * column. */
static void
locate (SheetImport *self,
        DmProblem   *problem)
{
  const char *path = problem->path;
  const char *rest = "";
  guint row = self->header->number;
  int column = -1;

  if (g_str_has_prefix (path, "events[") || g_str_has_prefix (path, "eras["))
    {
      GArray *rows = g_str_has_prefix (path, "events[") ? self->event_rows : self->era_rows;
      guint64 index = g_ascii_strtoull (strchr (path, '[') + 1, (char **) &rest, 10);

      if (*rest == ']')
        rest++;
      if (index < rows->len)
        row = g_array_index (rows, guint, index);
      column = column_for_path (self, rest);
    }
  else if (g_str_has_prefix (path, "title"))
    {
      row = self->title_row;
      column = column_for_path (self, path + strlen ("title"));
    }

  problem->line = row;
  problem->column = column >= 0 ? (guint) column + 1 : 1;
  g_free (problem->path);
  problem->path = g_strdup (column >= 0 ? dm_sheet_row_get (self->header, (guint) column) : "");
}

void
dm_import_sheet (DmDataset  *dataset,
                 DmSheet    *sheet,
                 const char *display_name,
                 GPtrArray  *problems)
{
  g_autoptr(DmJsonTree) tree = dm_json_tree_new ();
  SheetImport self = { 0 };
  guint first;

  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (sheet != NULL);

  self.sheet = sheet;
  self.problems = problems;

  if (sheet->rows->len == 0)
    {
      DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_FORMAT, "",
                                           _("this sheet is empty: it has no header row and no events"));

      problem->line = problem->column = 1;
      g_ptr_array_add (problems, problem);
      return;
    }

  if (!map_header (&self))
    return;

  self.tree = tree;
  self.root = dm_json_tree_add (tree, NULL, NULL, DM_JSON_OBJECT);
  self.events = dm_json_tree_add (tree, self.root, "events", DM_JSON_ARRAY);
  self.eras = dm_json_tree_add (tree, self.root, "eras", DM_JSON_ARRAY);
  self.event_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self.era_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self.title_row = self.header->number;

  for (guint i = 1; i < sheet->rows->len; i++)
    {
      const DmSheetRow *row = g_ptr_array_index (sheet->rows, i);

      if (self.template)
        read_template_row (&self, row);
      else
        read_plain_row (&self, row);
    }

  first = problems->len;
  dm_import_timelinejs (dataset, self.root, FALSE, display_name, problems);
  for (guint i = first; i < problems->len; i++)
    locate (&self, g_ptr_array_index (problems, i));
  dm_problems_sort_by_location (problems);

  dm_dataset_set_origin_format (dataset, self.template ? DM_ORIGIN_TIMELINEJS_SHEET : DM_ORIGIN_TABLE);

  g_array_unref (self.event_rows);
  g_array_unref (self.era_rows);
}

/* Recognising files */

#define WHAT_IS_READ N_("Dấu Mốc reads its own timelines, TimelineJS files (JSON, or the TimelineJS sheet as CSV, " \
                        "XLSX or ODS), vis-timeline JSON, and tables of events with Start and Title columns")

void
dm_import_refuse (GPtrArray  *problems,
                  const char *what)
{
  /* TRANSLATORS: “this is a SIMILE Timeline XML file, which Dấu Mốc does
   * not read. Dấu Mốc reads …” */
  g_autofree char *message = g_strdup_printf (_("this is %s, which Dấu Mốc does not read. %s"), what, _(WHAT_IS_READ));
  DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, DM_DATASET_ERROR_FORMAT, "", message);

  problem->line = problem->column = 1;
  g_ptr_array_add (problems, problem);
}

static gboolean
has_suffix (const char *name,
            const char *suffix)
{
  gsize length = name != NULL ? strlen (name) : 0;
  gsize n = strlen (suffix);

  return length >= n && g_ascii_strcasecmp (name + length - n, suffix) == 0;
}

static gboolean
contains (const char *head,
          const char *needle)
{
  return strstr (head, needle) != NULL;
}

/* The first line has a comma, a semicolon or a tab outside quotes. */
static gboolean
looks_like_csv (const char *data,
                gsize       length)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        return FALSE;
      else if (!quoted && (data[i] == ',' || data[i] == ';' || data[i] == '\t'))
        return TRUE;
    }
  return FALSE;
}

static void
read_sheet (DmDataset  *dataset,
            DmSheet    *sheet,
            GError     *error,
            const char *display_name,
            GPtrArray  *problems)
{
  if (sheet == NULL)
    {
      DmProblem *problem = dm_problem_new (DM_PROBLEM_ERROR, error->code, "", error->message);

      problem->line = problem->column = 1;
      g_ptr_array_add (problems, problem);
      return;
    }

  dm_import_sheet (dataset, sheet, display_name, problems);
}

gboolean
dm_import_foreign (DmDataset  *dataset,
                   const char *data,
                   gsize       length,
                   const char *display_name,
                   GPtrArray  *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmSheet) sheet = NULL;
  g_autofree char *head = NULL;
  DmSheetFormat format;
  gsize start = 0;

  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);

  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      if (!dm_sheet_sniff_workbook (data, length, &format))
        {
          dm_import_refuse (problems, _("a zip archive that is not an XLSX or ODS spreadsheet"));
          return TRUE;
        }
      sheet = dm_sheet_read_workbook (data, length, NULL, &error);
      read_sheet (dataset, sheet, error, display_name, problems);
      return TRUE;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start >= length || data[start] == '{' || data[start] == '[')
    return FALSE;

  if (data[start] == '<')
    {
      head = g_ascii_strdown (data + start, (gssize) MIN (length - start, 4096));

      if (contains (head, "<!doctype html") || contains (head, "<html"))
        dm_import_refuse (problems, _("a web page (HTML), not the timeline data it may show"));
      else if (contains (head, "<timeline>") && (contains (head, "<version>") || contains (head, "<events>")))
        dm_import_refuse (problems, _("a timeline of The Timeline Project (.timeline)"));
      else if (contains (head, "<data") && contains (head, "<event"))
        dm_import_refuse (problems, _("a SIMILE Timeline XML file"));
      else
        dm_import_refuse (problems, _("an XML file"));
      return TRUE;
    }

  if (has_suffix (display_name, ".csv") || has_suffix (display_name, ".tsv") ||
      (!has_suffix (display_name, ".json") && looks_like_csv (data + start, length - start)))
    {
      sheet = dm_sheet_read_csv (data, length, &error);
      read_sheet (dataset, sheet, error, display_name, problems);
      return TRUE;
    }

  return FALSE;
}
