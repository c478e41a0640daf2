/* dm-export-sheet.c — a dataset as a TimelineJS sheet (CSV)
 *
 * The sheet importer turns rows into TimelineJS3 slides; this turns the
 * TimelineJS3 export's slides back into rows, so that what TimelineJS is
 * given is made, escaped and checked in one place (dm-export-timelinejs.c)
 * whichever way it is written. This file adds what CSV itself needs:
 * quoting, and texts that no spreadsheet program takes for a formula.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-export-sheet.h"
#include "dm-export-timelinejs.h"
#include "dm-html.h"
#include "dm-sheet.h"

typedef struct
{
  char *cells[DM_SHEET_N_TEMPLATE_COLUMNS];
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < DM_SHEET_N_TEMPLATE_COLUMNS; i++)
    g_clear_pointer (&row->cells[i], g_free);
}

/* A text cell: TimelineJS reads it as HTML, so a first character that
 * would make a spreadsheet evaluate the cell is written as a character
 * reference, which TimelineJS shows as the character itself. */
static char *
text_cell (const char *text)
{
  switch (text[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return g_strdup_printf ("&#%d;%s", text[0], text + 1);
    default:
      return g_strdup (text);
    }
}

static void
set_text (Row           *row,
          DmSheetColumn  column,
          const char    *text)
{
  if (text != NULL && text[0] != '\0')
    row->cells[column] = text_cell (text);
}

static char *
number_cell (JsonObject *date,
             const char *member)
{
  JsonNode *node = json_object_get_member (date, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static void
set_date (Row           *row,
          JsonObject    *date,
          DmSheetColumn  year)
{
  if (date == NULL)
    return;

  row->cells[year] = number_cell (date, "year");
  row->cells[year + 1] = number_cell (date, "month");
  row->cells[year + 2] = number_cell (date, "day");
  if (json_object_has_member (date, "hour"))
    row->cells[year + 3] = g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                                            json_object_get_int_member_with_default (date, "hour", 0),
                                            json_object_get_int_member_with_default (date, "minute", 0));
}

/* Only web addresses, whatever the slide holds. */
static void
set_address (Row           *row,
             DmSheetColumn  column,
             const char    *url)
{
  if (url != NULL && dm_is_web_address (url))
    row->cells[column] = g_strdup (url);
}

static void
slide_to_row (JsonObject *slide,
              const char *type,
              Row        *row)
{
  JsonObject *text = dm_timelinejs_get_object (slide, "text");
  JsonObject *media = dm_timelinejs_get_object (slide, "media");
  JsonObject *background = dm_timelinejs_get_object (slide, "background");
  const char *color = dm_timelinejs_get_string (background, "color");

  set_date (row, dm_timelinejs_get_object (slide, "start_date"), DM_SHEET_COL_YEAR);
  set_date (row, dm_timelinejs_get_object (slide, "end_date"), DM_SHEET_COL_END_YEAR);
  set_text (row, DM_SHEET_COL_DISPLAY_DATE, dm_timelinejs_get_string (slide, "display_date"));
  set_text (row, DM_SHEET_COL_HEADLINE, dm_timelinejs_get_string (text, "headline"));
  set_text (row, DM_SHEET_COL_TEXT, dm_timelinejs_get_string (text, "text"));
  set_address (row, DM_SHEET_COL_MEDIA, dm_timelinejs_get_string (media, "url"));
  if (row->cells[DM_SHEET_COL_MEDIA] != NULL)
    {
      set_text (row, DM_SHEET_COL_MEDIA_CREDIT, dm_timelinejs_get_string (media, "credit"));
      set_text (row, DM_SHEET_COL_MEDIA_CAPTION, dm_timelinejs_get_string (media, "caption"));
      set_address (row, DM_SHEET_COL_MEDIA_THUMBNAIL, dm_timelinejs_get_string (media, "thumbnail"));
    }
  if (type != NULL)
    row->cells[DM_SHEET_COL_TYPE] = g_strdup (type);
  set_text (row, DM_SHEET_COL_GROUP, dm_timelinejs_get_string (slide, "group"));
  if (color != NULL && color[0] == '#')
    set_text (row, DM_SHEET_COL_BACKGROUND, color);
  else
    set_address (row, DM_SHEET_COL_BACKGROUND, dm_timelinejs_get_string (background, "url"));
}

/* RFC 4180: quoted when it holds a separator, a quote, a line break or
 * space at either end; quotes doubled. */
static void
append_cell (GString    *out,
             const char *cell)
{
  gsize length = cell != NULL ? strlen (cell) : 0;

  if (length == 0)
    return;

  if (strpbrk (cell, ",\"\r\n") == NULL && !g_ascii_isspace (cell[0]) && !g_ascii_isspace (cell[length - 1]))
    {
      g_string_append (out, cell);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString           *out,
            const char * const cells[DM_SHEET_N_TEMPLATE_COLUMNS])
{
  for (guint i = 0; i < DM_SHEET_N_TEMPLATE_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_cell (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

static void
append_slides (GString    *out,
               JsonObject *root,
               const char *member,
               const char *type)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *slides;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  slides = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (slides); i++)
    {
      JsonNode *slide = json_array_get_element (slides, i);
      Row row = { { NULL } };

      if (!JSON_NODE_HOLDS_OBJECT (slide))
        continue;
      slide_to_row (json_node_get_object (slide), type, &row);
      append_row (out, (const char * const *) row.cells);
      row_clear (&row);
    }
}

char *
dm_export_sheet (DmDataset  *dataset,
                 DmLanguage  language,
                 gsize      *length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *title;
  GString *out = g_string_new (NULL);
  gsize json_length;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  json = dm_export_timelinejs (dataset, language, &json_length);
  if (!json_parser_load_from_data (parser, json, (gssize) json_length, &error))
    g_error ("the TimelineJS3 export cannot be read back: %s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));

  append_row (out, dm_sheet_template_names);

  title = dm_timelinejs_get_object (root, "title");
  if (title != NULL)
    {
      Row row = { { NULL } };

      slide_to_row (title, "title", &row);
      append_row (out, (const char * const *) row.cells);
      row_clear (&row);
    }

  append_slides (out, root, "events", NULL);
  append_slides (out, root, "eras", "era");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
