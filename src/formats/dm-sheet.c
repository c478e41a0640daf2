/* dm-sheet.c — the cells of a spreadsheet: CSV (libcsv), XLSX and ODS
 * (libgsf for the zip container, libxml2 for the XML)
 *
 * CSV as Google Sheets and LibreOffice write it: fields in double quotes
 * may hold separators, doubled quotes and line breaks (RFC 4180); the
 * separator is the one of comma, semicolon and tab that the first line
 * uses most (LibreOffice in many locales writes semicolons). libcsv
 * (Debian's libcsv-dev) does the quoting; rows are numbered as records,
 * which is how the spreadsheet numbers them. libcsv skips lines with
 * nothing on them at all; spreadsheet programs write empty rows as
 * separators only (",,,"), which count.
 *
 * XLSX: xl/workbook.xml names the first sheet, xl/_rels/workbook.xml.rels
 * says which part holds it, xl/sharedStrings.xml holds its texts. ODS:
 * content.xml, the first table:table, with its repeated rows and cells.
 * The XML is parsed without network access or entity substitution, and
 * no part larger than MAX_PART_SIZE is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <csv.h>
#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dm-problem.h"
#include "dm-sheet.h"

#define MAX_PART_SIZE (64 * 1024 * 1024)

/* libgsf 1.14 defines no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* Rows */

static DmSheetRow *
row_new (guint number)
{
  DmSheetRow *row = g_new0 (DmSheetRow, 1);

  row->number = number;
  row->cells = g_ptr_array_new_with_free_func (g_free);
  return row;
}

static void
row_free (DmSheetRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static gboolean
row_is_empty (const DmSheetRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (row->cells, i);

      for (const char *p = cell; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/* Sets the cell at @column, filling the gap before it with "". */
static void
row_set (DmSheetRow *row,
         guint       column,
         char       *text)
{
  if (column >= DM_SHEET_MAX_COLUMNS)
    {
      g_free (text);
      return;
    }
  while (row->cells->len < column)
    g_ptr_array_add (row->cells, g_strdup (""));
  if (column < row->cells->len)
    {
      g_free (row->cells->pdata[column]);
      row->cells->pdata[column] = text;
    }
  else
    g_ptr_array_add (row->cells, text);
}

static DmSheet *
sheet_new (DmSheetFormat format)
{
  DmSheet *sheet = g_new0 (DmSheet, 1);

  sheet->format = format;
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return sheet;
}

void
dm_sheet_free (DmSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

/* Keeps @row if it has any text; frees it otherwise. */
static void
sheet_add_row (DmSheet    *sheet,
               DmSheetRow *row)
{
  if (row_is_empty (row) || sheet->rows->len >= DM_SHEET_MAX_ROWS ||
      sheet->n_cells + row->cells->len > DM_SHEET_MAX_CELLS)
    row_free (row);
  else
    {
      sheet->n_cells += row->cells->len;
      g_ptr_array_add (sheet->rows, row);
    }
}

const char *
dm_sheet_row_get (const DmSheetRow *row,
                  guint             column)
{
  g_return_val_if_fail (row != NULL, "");

  return column < row->cells->len ? g_ptr_array_index (row->cells, column) : "";
}

const char * const dm_sheet_template_names[DM_SHEET_N_TEMPLATE_COLUMNS] = {
  [DM_SHEET_COL_YEAR] = "Year",
  [DM_SHEET_COL_MONTH] = "Month",
  [DM_SHEET_COL_DAY] = "Day",
  [DM_SHEET_COL_TIME] = "Time",
  [DM_SHEET_COL_END_YEAR] = "End Year",
  [DM_SHEET_COL_END_MONTH] = "End Month",
  [DM_SHEET_COL_END_DAY] = "End Day",
  [DM_SHEET_COL_END_TIME] = "End Time",
  [DM_SHEET_COL_DISPLAY_DATE] = "Display Date",
  [DM_SHEET_COL_HEADLINE] = "Headline",
  [DM_SHEET_COL_TEXT] = "Text",
  [DM_SHEET_COL_MEDIA] = "Media",
  [DM_SHEET_COL_MEDIA_CREDIT] = "Media Credit",
  [DM_SHEET_COL_MEDIA_CAPTION] = "Media Caption",
  [DM_SHEET_COL_MEDIA_THUMBNAIL] = "Media Thumbnail",
  [DM_SHEET_COL_TYPE] = "Type",
  [DM_SHEET_COL_GROUP] = "Group",
  [DM_SHEET_COL_BACKGROUND] = "Background",
};

char *
dm_sheet_column_name (guint column)
{
  char name[16];
  guint i = sizeof name - 1;

  name[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      column--;
      name[--i] = (char) ('A' + column % 26);
      column /= 26;
    }

  return g_strdup (name + i);
}

/* CSV */

typedef struct
{
  DmSheet    *sheet;
  DmSheetRow *row;
  guint       number;
} CsvReader;

static void
csv_field (void   *field,
           size_t  length,
           void   *data)
{
  CsvReader *reader = data;

  if (reader->row == NULL)
    reader->row = row_new (++reader->number);
  row_set (reader->row, reader->row->cells->len, g_strndup (field != NULL ? field : "", length));
}

static void
csv_row (int   terminator,
         void *data)
{
  CsvReader *reader = data;

  if (reader->row == NULL)
    reader->row = row_new (++reader->number);
  sheet_add_row (reader->sheet, g_steal_pointer (&reader->row));
}

/* The separator the first line uses most, outside quotes. */
static unsigned char
guess_delimiter (const char *data,
                 gsize       length)
{
  static const unsigned char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        break;
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          if ((unsigned char) data[i] == candidates[c])
            counts[c]++;
    }

  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;

  return candidates[best];
}

DmSheet *
dm_sheet_read_csv (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(DmSheet) sheet = sheet_new (DM_SHEET_CSV);
  CsvReader reader = { sheet, NULL, 0 };
  struct csv_parser parser;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;

  if (!g_utf8_validate (data, (gssize) length, &end))
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_ENCODING,
                   _("the file is not UTF-8 text; save it as “CSV UTF-8”"));
      return NULL;
    }

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not start");
  csv_set_delim (&parser, guess_delimiter (data, length));

  if (csv_parse (&parser, data, length, csv_field, csv_row, &reader) != length)
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_SYNTAX,
                   _("this is not CSV that can be read: %s"), csv_strerror (csv_error (&parser)));
      csv_free (&parser);
      g_clear_pointer (&reader.row, row_free);
      return NULL;
    }
  csv_fini (&parser, csv_field, csv_row, &reader);
  csv_free (&parser);
  g_clear_pointer (&reader.row, row_free);

  return g_steal_pointer (&sheet);
}

/* Workbooks */

static GsfInfile *
open_zip (const char *data,
          gsize       length)
{
  g_autoptr(GsfInput) input = NULL;

  if (length < 4 || memcmp (data, "PK\x03\x04", 4) != 0)
    return NULL;

  input = gsf_input_memory_new ((const guint8 *) data, (gsf_off_t) length, FALSE);
  return input != NULL ? gsf_infile_zip_new (input, NULL) : NULL;
}

/* The part at @path ("xl/workbook.xml"), whole; NULL when it is missing
 * or too large. */
static GBytes *
read_part (GsfInfile  *zip,
           const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", 0);
  g_autoptr(GsfInput) input = NULL;
  gsf_off_t size;
  guint8 *buffer;

  input = gsf_infile_child_by_aname (zip, (const char **) names);
  if (input == NULL)
    return NULL;

  size = gsf_input_size (input);
  if (size < 0 || size > MAX_PART_SIZE)
    return NULL;

  buffer = g_malloc ((gsize) size + 1);
  if (size > 0 && gsf_input_read (input, (size_t) size, buffer) == NULL)
    {
      g_free (buffer);
      return NULL;
    }
  buffer[size] = '\0';

  return g_bytes_new_take (buffer, (gsize) size);
}

static xmlDoc *
read_xml (GsfInfile  *zip,
          const char *path)
{
  g_autoptr(GBytes) bytes = read_part (zip, path);
  gsize size;
  const char *xml;

  if (bytes == NULL)
    return NULL;

  xml = g_bytes_get_data (bytes, &size);
  if (size > G_MAXINT)
    return NULL;

  return xmlReadMemory (xml, (int) size, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* The children of the document's root element; NULL without a document. */
static xmlNode *
root_children (xmlDoc *doc)
{
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  return root != NULL ? root->children : NULL;
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *node = parent != NULL ? parent->children : NULL; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

/* An attribute by its local name, whatever its namespace. */
static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (strcmp ((const char *) attr->name, name) == 0)
      {
        xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);
        char *copy = g_strdup (value != NULL ? (const char *) value : "");

        xmlFree (value);
        return copy;
      }
  return NULL;
}

/* The text of every <@name> below @node, in order. */
static void
append_text_of (GString    *out,
                xmlNode    *node,
                const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, name))
        {
          xmlChar *text = xmlNodeGetContent (child);

          if (text != NULL)
            g_string_append (out, (const char *) text);
          xmlFree (text);
        }
      else if (child->type == XML_ELEMENT_NODE)
        append_text_of (out, child, name);
    }
}

/* "1815.0" → "1815": spreadsheets store whole numbers as floating point. */
static char *
number_text (const char *value)
{
  gsize length = strlen (value);

  if (length > 2 && g_str_has_suffix (value, ".0"))
    return g_strndup (value, length - 2);
  return g_strdup (value);
}

/* "C12" → column 2 (0-based). */
static gboolean
parse_cell_column (const char *reference,
                   guint      *column)
{
  guint value = 0;
  const char *p = reference;

  for (; g_ascii_isalpha (*p); p++)
    {
      value = value * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (value > DM_SHEET_MAX_COLUMNS)
        return FALSE;
    }
  if (p == reference)
    return FALSE;

  *column = value - 1;
  return TRUE;
}

static char *
first_sheet_path (GsfInfile *zip)
{
  xmlDoc *workbook = read_xml (zip, "xl/workbook.xml");
  xmlDoc *rels = NULL;
  g_autofree char *id = NULL;
  char *path = NULL;
  xmlNode *sheets;
  xmlNode *sheet;

  if (workbook == NULL)
    return NULL;

  sheets = first_child (xmlDocGetRootElement (workbook), "sheets");
  sheet = first_child (sheets, "sheet");
  if (sheet != NULL)
    id = get_attribute (sheet, "id");
  xmlFreeDoc (workbook);

  rels = id != NULL ? read_xml (zip, "xl/_rels/workbook.xml.rels") : NULL;
  for (xmlNode *node = root_children (rels); node != NULL && path == NULL; node = node->next)
    {
      g_autofree char *node_id = NULL;
      g_autofree char *target = NULL;

      if (!is_element (node, "Relationship"))
        continue;
      node_id = get_attribute (node, "Id");
      target = get_attribute (node, "Target");
      if (g_strcmp0 (node_id, id) != 0 || target == NULL || strstr (target, "..") != NULL)
        continue;
      path = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
    }
  if (rels != NULL)
    xmlFreeDoc (rels);

  return path != NULL ? path : g_strdup ("xl/worksheets/sheet1.xml");
}

static DmSheet *
read_xlsx (GsfInfile  *zip,
           GError    **error)
{
  g_autoptr(DmSheet) sheet = sheet_new (DM_SHEET_XLSX);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = first_sheet_path (zip);
  xmlDoc *shared;
  xmlDoc *doc;
  xmlNode *data;
  guint number = 0;

  shared = read_xml (zip, "xl/sharedStrings.xml");
  for (xmlNode *si = root_children (shared); si != NULL && strings->len < DM_SHEET_MAX_CELLS; si = si->next)
    if (is_element (si, "si"))
      {
        GString *text = g_string_new (NULL);

        append_text_of (text, si, "t");
        g_ptr_array_add (strings, g_string_free (text, FALSE));
      }
  if (shared != NULL)
    xmlFreeDoc (shared);

  doc = read_xml (zip, path);
  if (doc == NULL)
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_SYNTAX,
                   _("this XLSX workbook has no sheet that can be read (“%s”)"), path);
      return NULL;
    }

  data = first_child (xmlDocGetRootElement (doc), "sheetData");
  for (xmlNode *r = data != NULL ? data->children : NULL; r != NULL; r = r->next)
    {
      g_autofree char *r_number = NULL;
      DmSheetRow *row;
      guint column = 0;
      guint64 n;

      if (!is_element (r, "row"))
        continue;

      r_number = get_attribute (r, "r");
      if (r_number != NULL && g_ascii_string_to_unsigned (r_number, 10, number + 1, G_MAXUINT, &n, NULL))
        number = (guint) n;
      else
        number++;

      row = row_new (number);
      for (xmlNode *c = r->children; c != NULL; c = c->next)
        {
          g_autofree char *reference = NULL;
          g_autofree char *type = NULL;
          g_autofree char *value = NULL;
          xmlNode *v;
          char *text = NULL;

          if (!is_element (c, "c"))
            continue;

          reference = get_attribute (c, "r");
          if (reference == NULL || !parse_cell_column (reference, &column))
            column = row->cells->len;
          type = get_attribute (c, "t");
          v = first_child (c, "v");
          if (v != NULL)
            {
              xmlChar *content = xmlNodeGetContent (v);
              value = g_strdup (content != NULL ? (const char *) content : "");
              xmlFree (content);
            }

          if (g_strcmp0 (type, "s") == 0)
            {
              guint64 index;

              if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, strings->len - 1, &index, NULL) &&
                  strings->len > 0)
                text = g_strdup (g_ptr_array_index (strings, index));
            }
          else if (g_strcmp0 (type, "inlineStr") == 0)
            {
              GString *inline_text = g_string_new (NULL);

              append_text_of (inline_text, c, "t");
              text = g_string_free (inline_text, FALSE);
            }
          else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0 || g_strcmp0 (type, "b") == 0)
            text = g_strdup (value);
          else if (value != NULL)
            text = number_text (value);

          row_set (row, column, text != NULL ? text : g_strdup (""));
        }
      sheet_add_row (sheet, row);
    }
  xmlFreeDoc (doc);

  return g_steal_pointer (&sheet);
}

/* An ODS cell's text: its paragraphs, one per line, with <text:s/> as
 * spaces and <text:line-break/> as line breaks. */
static void
append_ods_text (GString *out,
                 xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) child->content);
      else if (is_element (child, "s"))
        {
          g_autofree char *count = get_attribute (child, "c");
          guint64 n = 1;

          if (count != NULL)
            g_ascii_string_to_unsigned (count, 10, 1, 1024, &n, NULL);
          for (guint64 i = 0; i < n; i++)
            g_string_append_c (out, ' ');
        }
      else if (is_element (child, "tab"))
        g_string_append_c (out, '\t');
      else if (is_element (child, "line-break"))
        g_string_append_c (out, '\n');
      else if (child->type == XML_ELEMENT_NODE && !is_element (child, "annotation"))
        append_ods_text (out, child);
    }
}

static char *
ods_cell_text (xmlNode *cell)
{
  g_autofree char *type = get_attribute (cell, "value-type");
  GString *text = g_string_new (NULL);

  if (g_strcmp0 (type, "float") == 0 || g_strcmp0 (type, "percentage") == 0 || g_strcmp0 (type, "currency") == 0)
    {
      g_autofree char *value = get_attribute (cell, "value");

      if (value != NULL)
        {
          g_autofree char *number = number_text (value);
          g_string_append (text, number);
          return g_string_free (text, FALSE);
        }
    }
  else if (g_strcmp0 (type, "date") == 0)
    {
      g_autofree char *value = get_attribute (cell, "date-value");

      if (value != NULL)
        {
          g_string_append (text, value);
          return g_string_free (text, FALSE);
        }
    }

  for (xmlNode *p = cell->children; p != NULL; p = p->next)
    if (is_element (p, "p"))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        append_ods_text (text, p);
      }

  return g_string_free (text, FALSE);
}

static guint64
repeat_count (xmlNode    *node,
              const char *attribute)
{
  g_autofree char *value = get_attribute (node, attribute);
  guint64 n = 1;

  if (value != NULL && !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &n, NULL))
    n = 1;
  return n;
}

static void
read_ods_row (DmSheet *sheet,
              xmlNode *r,
              guint   *number)
{
  guint64 repeat = repeat_count (r, "number-rows-repeated");
  DmSheetRow *row = row_new (*number + 1);
  guint column = 0;

  for (xmlNode *c = r->children; c != NULL && column < DM_SHEET_MAX_COLUMNS; c = c->next)
    {
      guint64 columns;
      g_autofree char *text = NULL;

      if (!is_element (c, "table-cell") && !is_element (c, "covered-table-cell"))
        continue;

      columns = repeat_count (c, "number-columns-repeated");
      text = ods_cell_text (c);
      /* Repeated empty cells (thousands, to the sheet's edge) only move on. */
      if (text[0] == '\0')
        column = (guint) MIN ((guint64) column + columns, DM_SHEET_MAX_COLUMNS);
      else
        for (guint64 i = 0; i < columns && column < DM_SHEET_MAX_COLUMNS; i++)
          row_set (row, column++, g_strdup (text));
    }

  /* A repeated row with text is the same row again; repeated empty rows
   * (a million, to the sheet's end) only move the numbering on. */
  if (row_is_empty (row))
    {
      row_free (row);
      *number = (guint) MIN ((guint64) *number + repeat, G_MAXUINT32 / 2);
      return;
    }

  for (guint64 i = 0; i < repeat && sheet->rows->len < DM_SHEET_MAX_ROWS &&
                     sheet->n_cells + row->cells->len <= DM_SHEET_MAX_CELLS; i++)
    {
      DmSheetRow *copy = row_new (++(*number));

      for (guint k = 0; k < row->cells->len; k++)
        g_ptr_array_add (copy->cells, g_strdup (g_ptr_array_index (row->cells, k)));
      sheet_add_row (sheet, copy);
    }
  row_free (row);
}

static void
read_ods_rows (DmSheet *sheet,
               xmlNode *parent,
               guint   *number)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (is_element (node, "table-row"))
        read_ods_row (sheet, node, number);
      else if (is_element (node, "table-header-rows") || is_element (node, "table-row-group") ||
               is_element (node, "table-rows"))
        read_ods_rows (sheet, node, number);
    }
}

static DmSheet *
read_ods (GsfInfile  *zip,
          GError    **error)
{
  g_autoptr(DmSheet) sheet = sheet_new (DM_SHEET_ODS);
  xmlDoc *doc = read_xml (zip, "content.xml");
  xmlNode *body;
  xmlNode *table;
  guint number = 0;

  if (doc == NULL)
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_SYNTAX,
                   _("this ODS spreadsheet has no content that can be read"));
      return NULL;
    }

  body = first_child (xmlDocGetRootElement (doc), "body");
  table = first_child (first_child (body, "spreadsheet"), "table");
  if (table != NULL)
    read_ods_rows (sheet, table, &number);
  xmlFreeDoc (doc);

  return g_steal_pointer (&sheet);
}

gboolean
dm_sheet_sniff_workbook (const char    *data,
                         gsize          length,
                         DmSheetFormat *format)
{
  g_autoptr(GsfInfile) zip = open_zip (data, length);
  g_autoptr(GBytes) mimetype = NULL;
  g_autoptr(GsfInput) workbook = NULL;

  if (zip == NULL)
    return FALSE;

  mimetype = read_part (zip, "mimetype");
  if (mimetype != NULL &&
      g_str_has_prefix (g_bytes_get_data (mimetype, NULL), "application/vnd.oasis.opendocument.spreadsheet"))
    {
      *format = DM_SHEET_ODS;
      return TRUE;
    }

  workbook = gsf_infile_child_by_vname (zip, "xl", "workbook.xml", NULL);
  if (workbook != NULL)
    {
      *format = DM_SHEET_XLSX;
      return TRUE;
    }

  return FALSE;
}

DmSheet *
dm_sheet_read_workbook (const char     *data,
                        gsize           length,
                        DmSheetFormat  *format,
                        GError        **error)
{
  g_autoptr(GsfInfile) zip = NULL;
  DmSheetFormat found;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!dm_sheet_sniff_workbook (data, length, &found))
    {
      g_set_error (error, DM_DATASET_ERROR, DM_DATASET_ERROR_FORMAT,
                   _("this is a zip archive, but not an XLSX or ODS spreadsheet"));
      return NULL;
    }

  if (format != NULL)
    *format = found;

  zip = open_zip (data, length);
  return found == DM_SHEET_ODS ? read_ods (zip, error) : read_xlsx (zip, error);
}
