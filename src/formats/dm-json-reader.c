/* dm-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib/gi18n.h>

#include "dm-json-reader.h"

/* The arena: nodes and strings in chunks, freed all at once or back to a
 * mark. */

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  gsize size;
  char  data[];
} Chunk;

typedef struct
{
  GPtrArray  *chunks;    /* Chunk*; the last ones are free for reuse */
  guint       chunk;     /* the one being filled */
  gsize       used;      /* in it */
} Arena;

static void
arena_init (Arena *a)
{
  Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK_SIZE);

  chunk->size = CHUNK_SIZE;
  a->chunks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (a->chunks, chunk);
  a->chunk = 0;
  a->used = 0;
}

static gpointer
arena_alloc (Arena *a,
             gsize  size)
{
  Chunk *chunk;

  size = (size + 7) & ~(gsize) 7;

  for (;;)
    {
      chunk = g_ptr_array_index (a->chunks, a->chunk);
      if (a->used + size <= chunk->size)
        break;

      /* The next chunk, a new one if there is none or it is too small. */
      a->chunk++;
      a->used = 0;
      if (a->chunk < a->chunks->len && ((Chunk *) g_ptr_array_index (a->chunks, a->chunk))->size < size)
        g_ptr_array_remove_range (a->chunks, a->chunk, a->chunks->len - a->chunk);
      if (a->chunk == a->chunks->len)
        {
          gsize chunk_size = MAX (size, CHUNK_SIZE);

          chunk = g_malloc (sizeof (Chunk) + chunk_size);
          chunk->size = chunk_size;
          g_ptr_array_add (a->chunks, chunk);
        }
    }

  a->used += size;
  return chunk->data + a->used - size;
}

static char *
arena_strndup (Arena      *a,
               const char *text,
               gsize       length)
{
  char *copy = arena_alloc (a, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

static DmJsonNode *
arena_node (Arena      *a,
            DmJsonType  type)
{
  DmJsonNode *node = arena_alloc (a, sizeof (DmJsonNode));

  memset (node, 0, sizeof *node);
  node->type = type;
  return node;
}

/* A member's name as 16 bits, never 0 (which says a node's key is not
 * known): its first two bytes. The loader looks up some twenty members
 * of every event, most of them missing, and compares these before the
 * names; they tell most of its names apart without a call. */
static inline guint16
name_key (const char *name)
{
  guint8 second = name[0] != '\0' ? (guint8) name[1] : 0;

  return 0x8000 | (guint16) ((guint8) name[0] & 0x7F) | (guint16) ((second & 0x7F) << 7);
}

/* The reader */

struct _DmJsonReader
{
  const char     *data;
  gsize           length;
  gsize           pos;
  Arena           arena;
  GString        *scratch;

  /* Reading while the bytes are checked (NULL when they were before) */
  DmJsonCheckJob *job;
  guint           depth;    /* objects and arrays entered */
  gboolean        failed;   /* the check found a problem: read no more */
};

static DmJsonReader *
reader_new (const char *data,
            gsize       length)
{
  DmJsonReader *r = g_new0 (DmJsonReader, 1);

  r->data = data;
  r->length = length;
  arena_init (&r->arena);
  r->scratch = g_string_sized_new (256);

  return r;
}

DmJsonReader *
dm_json_reader_new (const DmJsonChecked *checked)
{
  const char *data;
  gsize length;

  g_return_val_if_fail (checked != NULL, NULL);

  data = dm_json_checked_get_data (checked, &length);
  return reader_new (data, length);
}

DmJsonReader *
dm_json_reader_new_checking (DmJsonCheckJob *job)
{
  DmJsonReader *r;
  const char *data;
  gsize length;

  g_return_val_if_fail (job != NULL, NULL);

  data = dm_json_check_job_get_data (job, &length);
  r = reader_new (data, length);
  r->job = job;

  return r;
}

gboolean
dm_json_reader_split_array (DmJsonReader *r,
                            guint64       next,
                            guint         min_elements,
                            gsize        *split,
                            gsize        *close,
                            guint64      *n_before)
{
  if (r->job == NULL || r->failed)
    return FALSE;

  return dm_json_check_job_split (r->job, next, min_elements, split, close, n_before);
}

void
dm_json_reader_wait_checked (DmJsonReader *r)
{
  if (r->job != NULL && !r->failed && !dm_json_check_job_wait (r->job, 0, r->pos))
    r->failed = TRUE;
}

DmJsonReader *
dm_json_reader_new_at (DmJsonReader *reader,
                       gsize         offset)
{
  DmJsonReader *r;

  g_return_val_if_fail (offset <= reader->length, NULL);

  r = reader_new (reader->data, reader->length);
  r->pos = offset;

  return r;
}

void
dm_json_reader_skip_to (DmJsonReader *r,
                        gsize         offset)
{
  g_return_if_fail (offset >= r->pos && offset <= r->length);

  r->pos = offset;
}

gboolean
dm_json_reader_failed (DmJsonReader *r)
{
  return r->failed;
}

/* With a job: whether the bytes from the position on may be read, up to
 * the end of a value done at @depth (see dm_json_check_job_wait()). The
 * position may be on white space before what is read: a value done that
 * ends after it either holds it (all of what is read, then) or starts
 * after it. */
static gboolean
reader_wait (DmJsonReader *r,
             guint         depth)
{
  if (r->job == NULL)
    return TRUE;
  if (r->failed)
    return FALSE;
  if (!dm_json_check_job_wait (r->job, depth, r->pos))
    r->failed = TRUE;

  return !r->failed;
}

void
dm_json_reader_free (DmJsonReader *r)
{
  if (r == NULL)
    return;

  g_ptr_array_unref (r->arena.chunks);
  g_string_free (r->scratch, TRUE);
  g_free (r);
}

gsize
dm_json_reader_get_offset (DmJsonReader *reader)
{
  return reader->pos;
}

DmJsonMark
dm_json_reader_get_mark (DmJsonReader *r)
{
  return (DmJsonMark) { r->arena.chunk, r->arena.used };
}

void
dm_json_reader_release (DmJsonReader *r,
                        DmJsonMark    mark)
{
  Arena *a = &r->arena;

  /* Keep one spare chunk for the next element; give back the rest. */
  if (a->chunks->len > mark.chunk + 2)
    g_ptr_array_remove_range (a->chunks, mark.chunk + 2, a->chunks->len - mark.chunk - 2);
  a->chunk = mark.chunk;
  a->used = mark.used;
}

static void
reader_skip_whitespace (DmJsonReader *r)
{
  while (r->pos < r->length)
    {
      char c = r->data[r->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      r->pos++;
    }
}

static guint
reader_hex4 (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    value = (value << 4) | (guint) g_ascii_xdigit_value (p[i]);

  return value;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The first '"' or '\\' from @p on, in checked JSON (there is one, before
 * @end): sixteen bytes (SSE2) or eight at a time while they are there to
 * read. */
static inline const char *
find_quote (const char *p,
            const char *end)
{
#ifdef __SSE2__
  while (end - p >= 16)
    {
      __m128i bytes;
      int mask;

      memcpy (&bytes, p, 16);
      mask = _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"')),
                                              _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\'))));

      if (mask != 0)
        return p + __builtin_ctz ((unsigned) mask);
      p += 16;
    }
#else
  while (end - p >= 8)
    {
      guint64 word;
      guint64 quotes;
      guint64 backslashes;

      memcpy (&word, p, 8);
      quotes = word ^ (ONES * '"');
      backslashes = word ^ (ONES * '\\');
      if ((((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes)) & HIGHS)
        break;
      p += 8;
    }
#endif

  while (*p != '"' && *p != '\\')
    p++;

  return p;
}

/* The string at the position (its opening quote), decoded into the arena. */
static const char *
reader_string (DmJsonReader *r,
               guint        *out_length)
{
  const char *start = r->data + r->pos + 1;
  const char *p = start;
  char *copy;

  /* Most strings have no escapes: one copy. */
  p = find_quote (p, r->data + r->length);

  if (*p == '"')
    {
      gsize len = p - start;

      copy = arena_strndup (&r->arena, start, len);
      r->pos = p + 1 - r->data;
      if (out_length != NULL)
        *out_length = (guint) len;
      return copy;
    }

  g_string_truncate (r->scratch, 0);
  g_string_append_len (r->scratch, start, p - start);
  while (*p != '"')
    {
      if (*p != '\\')
        {
          const char *run = p;

          p = find_quote (p, r->data + r->length);
          g_string_append_len (r->scratch, run, p - run);
          continue;
        }

      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (r->scratch, '\b'); break;
        case 'f': g_string_append_c (r->scratch, '\f'); break;
        case 'n': g_string_append_c (r->scratch, '\n'); break;
        case 'r': g_string_append_c (r->scratch, '\r'); break;
        case 't': g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            guint u = reader_hex4 (p);

            p += 4;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                u = 0x10000 + ((u - 0xD800) << 10) + (reader_hex4 (p + 2) - 0xDC00);
                p += 6;
              }
            g_string_append_unichar (r->scratch, u);
          }
          break;
        default:   /* " \ / */
          g_string_append_c (r->scratch, p[-1]);
          break;
        }
    }

  copy = arena_strndup (&r->arena, r->scratch->str, r->scratch->len);
  r->pos = p + 1 - r->data;
  if (out_length != NULL)
    *out_length = (guint) r->scratch->len;

  return copy;
}

static DmJsonType reader_peek (DmJsonReader *r);

/* Peeking at a value reads its first byte, checked once the check has
 * done its first member or element (or the value, if it has none). */
DmJsonType
dm_json_reader_peek (DmJsonReader *r)
{
  if (!reader_wait (r, MIN (r->depth + 1, 2)))
    return DM_JSON_NULL;

  return reader_peek (r);
}

static DmJsonType
reader_peek (DmJsonReader *r)
{
  reader_skip_whitespace (r);

  switch (r->data[r->pos])
    {
    case '{': return DM_JSON_OBJECT;
    case '[': return DM_JSON_ARRAY;
    case '"': return DM_JSON_STRING;
    case 't': case 'f': return DM_JSON_BOOLEAN;
    case 'n': return DM_JSON_NULL;
    default:
      {
        /* A number: an integer unless it has a fraction or an exponent. */
        for (gsize i = r->pos; i < r->length; i++)
          {
            char c = r->data[i];

            if (c == '.' || c == 'e' || c == 'E')
              return DM_JSON_DOUBLE;
            if (!g_ascii_isdigit (c) && c != '-' && c != '+')
              break;
          }
        return DM_JSON_INTEGER;
      }
    }
}

static void
reader_enter (DmJsonReader *r)
{
  reader_skip_whitespace (r);
  g_assert (r->data[r->pos] == '{' || r->data[r->pos] == '[');
  r->pos++;
}

void
dm_json_reader_enter (DmJsonReader *r)
{
  if (!reader_wait (r, MIN (r->depth + 1, 2)))
    return;

  reader_enter (r);
  r->depth++;
}

static const char *
reader_next_member (DmJsonReader *r)
{
  const char *name;

  reader_skip_whitespace (r);
  if (r->data[r->pos] == ',')
    {
      r->pos++;
      reader_skip_whitespace (r);
    }
  if (r->data[r->pos] == '}')
    {
      r->pos++;
      return NULL;
    }

  name = reader_string (r, NULL);
  reader_skip_whitespace (r);
  g_assert (r->data[r->pos] == ':');
  r->pos++;
  reader_skip_whitespace (r);

  return name;
}

/* The separator and the name before the next member (or the end) are
 * checked once the check has done that member's value or its first
 * member or element (not the whole of it: the events), or the object. */
const char *
dm_json_reader_next_member (DmJsonReader *r)
{
  const char *name;

  if (!reader_wait (r, MIN (r->depth + 1, 2)))
    return NULL;

  name = reader_next_member (r);
  if (name == NULL && r->depth > 0)
    r->depth--;

  return name;
}

static gboolean
reader_next_element (DmJsonReader *r)
{
  reader_skip_whitespace (r);
  if (r->data[r->pos] == ',')
    {
      r->pos++;
      reader_skip_whitespace (r);
    }
  if (r->data[r->pos] == ']')
    {
      r->pos++;
      return FALSE;
    }

  return TRUE;
}

gboolean
dm_json_reader_next_element (DmJsonReader *r)
{
  gboolean more;

  if (!reader_wait (r, MIN (r->depth + 1, 2)))
    return FALSE;

  more = reader_next_element (r);
  if (!more && r->depth > 0)
    r->depth--;

  return more;
}

static DmJsonNode *reader_read_value (DmJsonReader *r);

/* A value is checked once the check has done it (the root: once it has
 * ended); deeper than 2, once it has done the value of depth 2 that holds
 * it. */
DmJsonNode *
dm_json_reader_read_value (DmJsonReader *r)
{
  if (!reader_wait (r, MIN (r->depth, 2)))
    return arena_node (&r->arena, DM_JSON_NULL);

  return reader_read_value (r);
}

static DmJsonNode *
reader_read_value (DmJsonReader *r)
{
  DmJsonType type = reader_peek (r);
  DmJsonNode *node = arena_node (&r->arena, type);

  switch (type)
    {
    case DM_JSON_OBJECT:
    case DM_JSON_ARRAY:
      {
        DmJsonNode **tail = &node->v.first;

        reader_enter (r);
        for (;;)
          {
            const char *name = NULL;
            DmJsonNode *child;

            if (type == DM_JSON_OBJECT)
              {
                if ((name = reader_next_member (r)) == NULL)
                  break;
              }
            else if (!reader_next_element (r))
              break;

            child = reader_read_value (r);
            child->name = name;
            if (name != NULL)
              child->name_hash = name_key (name);
            *tail = child;
            tail = &child->next;
            node->n++;
          }
      }
      break;

    case DM_JSON_STRING:
      node->v.string = reader_string (r, &node->n);
      break;

    case DM_JSON_BOOLEAN:
      node->v.boolean = r->data[r->pos] == 't';
      r->pos += node->v.boolean ? 4 : 5;
      break;

    case DM_JSON_NULL:
      r->pos += 4;
      break;

    case DM_JSON_INTEGER:
    case DM_JSON_DOUBLE:
    default:
      {
        /* The data need not end with a NUL: copy the number out. */
        gsize end = r->pos;
        char stack[64];
        g_autofree char *heap = NULL;
        char *text = stack;

        while (end < r->length && r->data[end] != '\0' && (g_ascii_isdigit (r->data[end]) || strchr ("+-.eE", r->data[end]) != NULL))
          end++;
        if (end - r->pos >= sizeof stack)
          text = heap = g_malloc (end - r->pos + 1);
        memcpy (text, r->data + r->pos, end - r->pos);
        text[end - r->pos] = '\0';

        if (type == DM_JSON_INTEGER)
          node->v.integer = g_ascii_strtoll (text, NULL, 10);
        else
          node->v.number = g_ascii_strtod (text, NULL);
        r->pos = end;
      }
      break;
    }

  return node;
}

/* Trees made in code */

struct _DmJsonTree
{
  Arena       arena;
  GHashTable *tails;   /* container → its last member or element */
};

DmJsonTree *
dm_json_tree_new (void)
{
  DmJsonTree *tree = g_new0 (DmJsonTree, 1);

  arena_init (&tree->arena);
  tree->tails = g_hash_table_new (NULL, NULL);

  return tree;
}

void
dm_json_tree_free (DmJsonTree *tree)
{
  if (tree == NULL)
    return;

  g_ptr_array_unref (tree->arena.chunks);
  g_hash_table_unref (tree->tails);
  g_free (tree);
}

DmJsonNode *
dm_json_tree_append (DmJsonTree *tree,
                     DmJsonNode *container,
                     const char *name,
                     DmJsonNode *node)
{
  DmJsonNode *tail;

  if (container == NULL)
    return node;

  g_return_val_if_fail (container->type == DM_JSON_OBJECT || container->type == DM_JSON_ARRAY, node);
  g_return_val_if_fail ((container->type == DM_JSON_OBJECT) == (name != NULL), node);

  if (name != NULL)
    {
      node->name = arena_strndup (&tree->arena, name, strlen (name));
      node->name_hash = name_key (node->name);
    }

  tail = g_hash_table_lookup (tree->tails, container);
  if (tail == NULL)
    container->v.first = node;
  else
    tail->next = node;
  g_hash_table_insert (tree->tails, container, node);
  container->n++;

  return node;
}

DmJsonNode *
dm_json_tree_add (DmJsonTree *tree,
                  DmJsonNode *container,
                  const char *name,
                  DmJsonType  type)
{
  g_return_val_if_fail (type == DM_JSON_OBJECT || type == DM_JSON_ARRAY || type == DM_JSON_NULL, NULL);

  return dm_json_tree_append (tree, container, name, arena_node (&tree->arena, type));
}

DmJsonNode *
dm_json_tree_add_string (DmJsonTree *tree,
                         DmJsonNode *container,
                         const char *name,
                         const char *text)
{
  DmJsonNode *node = arena_node (&tree->arena, DM_JSON_STRING);

  node->n = (guint) strlen (text);
  node->v.string = arena_strndup (&tree->arena, text, node->n);
  return dm_json_tree_append (tree, container, name, node);
}

DmJsonNode *
dm_json_tree_add_integer (DmJsonTree *tree,
                          DmJsonNode *container,
                          const char *name,
                          gint64      value)
{
  DmJsonNode *node = arena_node (&tree->arena, DM_JSON_INTEGER);

  node->v.integer = value;
  return dm_json_tree_append (tree, container, name, node);
}

/* Nodes */

/* Whether @member is called @name, whose key is @key: the key (or, if
 * the node has none, the first byte) rules out most names without a
 * call. */
static inline gboolean
member_is (const DmJsonNode *member,
           const char       *name,
           guint16           key)
{
  return (member->name_hash != 0 ? member->name_hash == key : member->name[0] == name[0]) &&
         strcmp (member->name, name) == 0;
}

DmJsonNode *
dm_json_node_get_member (const DmJsonNode *object,
                         const char       *name)
{
  guint16 key;

  g_return_val_if_fail (object != NULL && object->type == DM_JSON_OBJECT, NULL);

  /* The loader asks for some twenty members of every event, most of them
   * missing. */
  key = name_key (name);
  for (DmJsonNode *member = object->v.first; member != NULL; member = member->next)
    if (member_is (member, name, key))
      return member;

  return NULL;
}

gboolean
dm_json_member_is_one_of (const DmJsonNode   *member,
                          const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (member_is (member, names[i], name_key (names[i])))
      return TRUE;

  return FALSE;
}

gboolean
dm_json_node_is_empty (const DmJsonNode *node)
{
  return node == NULL || node->type == DM_JSON_NULL ||
         (node->type == DM_JSON_STRING && node->v.string[0] == '\0');
}

JsonNode *
dm_json_node_to_json (const DmJsonNode *node)
{
  switch ((DmJsonType) node->type)
    {
    case DM_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonNode *json = json_node_new (JSON_NODE_OBJECT);

        for (DmJsonNode *member = node->v.first; member != NULL; member = member->next)
          json_object_set_member (object, member->name, dm_json_node_to_json (member));
        json_node_take_object (json, object);
        return json;
      }

    case DM_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (node->n);
        JsonNode *json = json_node_new (JSON_NODE_ARRAY);

        for (DmJsonNode *element = node->v.first; element != NULL; element = element->next)
          json_array_add_element (array, dm_json_node_to_json (element));
        json_node_take_array (json, array);
        return json;
      }

    case DM_JSON_STRING:
      return json_node_init_string (json_node_alloc (), node->v.string);
    case DM_JSON_INTEGER:
      return json_node_init_int (json_node_alloc (), node->v.integer);
    case DM_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), node->v.number);
    case DM_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), node->v.boolean);
    case DM_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

const char *
dm_json_node_describe (const DmJsonNode *node)
{
  switch ((DmJsonType) node->type)
    {
    case DM_JSON_OBJECT:
      return _("an object");
    case DM_JSON_ARRAY:
      return _("an array");
    case DM_JSON_NULL:
      return _("null");
    case DM_JSON_STRING:
      return _("a string");
    case DM_JSON_BOOLEAN:
      return _("true or false");
    case DM_JSON_INTEGER:
    case DM_JSON_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

void
dm_json_type_problem (DmProblemLog     *log,
                      const char       *member,
                      const char       *expected,
                      const DmJsonNode *node)
{
  dm_problem_log_error (log, DM_DATASET_ERROR_TYPE, member,
                        _("expected %s, found %s"), expected, dm_json_node_describe (node));
}
