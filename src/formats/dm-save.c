/* dm-save.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dm-file-util.h"
#include "dm-json-writer.h"
#include "dm-loader.h"
#include "dm-save.h"

/* Held while a save or a recovery copy makes its JSON (dm_recovery_snapshot_write()). */
static GMutex json_lock;

#define CHUNK_SIZE (64 * 1024)
/* The tree of a file kept for later saves costs some ten times its size
 * in memory: kept for files up to this size. */
#define MAX_KEPT_LAYOUT (16 * 1024 * 1024)

/* Member order */

/* Two trees to follow, the first first: the file as it is on disk, and
 * as it was at the first save (for what an undo brought back after a
 * save that had removed it). Either may be NULL. */
#define N_MODELS 2

static JsonNode *order_like (JsonNode *node, JsonNode **models);

static const char *
id_of (JsonNode *node)
{
  JsonObject *object;
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  id = json_object_get_member (object, "id");
  return id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
    ? json_node_get_string (id) : NULL;
}

static GHashTable *
index_elements (JsonArray *array)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = id_of (element);

      if (id != NULL && !g_hash_table_contains (by_id, id))
        g_hash_table_insert (by_id, (gpointer) id, element);
    }
  return by_id;
}

static JsonNode *
order_array_like (JsonNode  *node,
                  JsonNode **models)
{
  JsonArray *array = json_node_get_array (node);
  JsonArray *model_arrays[N_MODELS] = { NULL };
  GHashTable *by_id[N_MODELS] = { NULL };
  JsonArray *out = json_array_sized_new (json_array_get_length (array));
  JsonNode *result;

  for (guint m = 0; m < N_MODELS; m++)
    if (models[m] != NULL && JSON_NODE_HOLDS_ARRAY (models[m]))
      {
        model_arrays[m] = json_node_get_array (models[m]);
        by_id[m] = index_elements (model_arrays[m]);
      }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = id_of (element);
      JsonNode *like[N_MODELS] = { NULL };

      /* By id, or else by position. */
      for (guint m = 0; m < N_MODELS; m++)
        if (model_arrays[m] != NULL)
          like[m] = id != NULL ? g_hash_table_lookup (by_id[m], id)
                    : i < json_array_get_length (model_arrays[m]) ? json_array_get_element (model_arrays[m], i) : NULL;

      json_array_add_element (out, order_like (element, like));
    }

  for (guint m = 0; m < N_MODELS; m++)
    g_clear_pointer (&by_id[m], g_hash_table_unref);
  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, out);
  return result;
}

static JsonNode *
order_like (JsonNode  *node,
            JsonNode **models)
{
  JsonObject *object;
  JsonObject *out;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonNode *result;
  gboolean any = FALSE;

  for (guint m = 0; m < N_MODELS; m++)
    any |= models[m] != NULL;
  if (!any)
    return json_node_copy (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return order_array_like (node, models);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_node_copy (node);

  object = json_node_get_object (node);
  out = json_object_new ();

  /* The members the models have, in their order… */
  for (guint m = 0; m < N_MODELS; m++)
    {
      if (models[m] == NULL || !JSON_NODE_HOLDS_OBJECT (models[m]))
        continue;
      json_object_iter_init_ordered (&iter, json_node_get_object (models[m]));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (json_object_has_member (object, name) && !json_object_has_member (out, name))
          {
            JsonNode *children[N_MODELS] = { NULL };

            for (guint k = 0; k < N_MODELS; k++)
              if (models[k] != NULL && JSON_NODE_HOLDS_OBJECT (models[k]))
                children[k] = json_object_get_member (json_node_get_object (models[k]), name);
            json_object_set_member (out, name, order_like (json_object_get_member (object, name), children));
          }
    }

  /* …then the new ones, in the writer's. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!json_object_has_member (out, name))
      json_object_set_member (out, name, json_node_copy (member));

  result = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (result, out);
  return result;
}

JsonNode *
dm_json_order_like (JsonNode *node,
                    JsonNode *model)
{
  JsonNode *models[N_MODELS] = { model, NULL };

  g_return_val_if_fail (node != NULL, NULL);

  return order_like (node, models);
}

/* Saving */

typedef struct
{
  const char         *text;
  gsize               length;
  DmSaveProgressFunc  progress;
  gpointer            user_data;
} Writing;

static gboolean
write_chunks (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  Writing *writing = user_data;

  for (gsize done = 0; done < writing->length;)
    {
      gsize size = MIN (CHUNK_SIZE, writing->length - done);

      if (!g_output_stream_write_all (stream, writing->text + done, size, NULL, cancellable, error))
        return FALSE;
      done += size;
      if (writing->progress != NULL)
        writing->progress (0.5 + 0.5 * done / writing->length, writing->user_data);
    }

  return TRUE;
}

/* The file being replaced, as a tree to follow; NULL when there is none
 * or it is not JSON. */
static GQuark
layout_quark (void)
{
  return g_quark_from_static_string ("dm-save-first-layout");
}

static JsonNode *
read_model (GFile        *file,
            GCancellable *cancellable,
            gsize        *size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, NULL))
    return NULL;
  *size = length;
  if (!json_parser_load_from_data (parser, contents, length, NULL))
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

gboolean
dm_dataset_save (DmDataset           *dataset,
                 GFile               *file,
                 DmSaveProgressFunc   progress,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  JsonNode *first;
  gsize size = 0;
  Writing writing;

  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  locker = g_mutex_locker_new (&json_lock);

  root = dm_dataset_to_json (dataset);
  if (progress != NULL)
    progress (0.2, user_data);

  /* The order of the file on disk, and of the file as it was at the
   * first save, kept for the saves after it (up to a size). */
  model = read_model (file, cancellable, &size);
  first = g_object_get_qdata (G_OBJECT (dataset), layout_quark ());
  if (first == NULL && model != NULL && size <= MAX_KEPT_LAYOUT)
    {
      first = model;
      g_object_set_qdata_full (G_OBJECT (dataset), layout_quark (), json_node_ref (model),
                               (GDestroyNotify) json_node_unref);
    }
  if (model != NULL || first != NULL)
    {
      JsonNode *models[N_MODELS] = { model, first };
      JsonNode *ordered = order_like (root, models);

      json_node_unref (root);
      root = ordered;
    }
  if (progress != NULL)
    progress (0.35, user_data);

  out = g_string_new (NULL);
  dm_json_write (out, root);
  g_string_append_c (out, '\n');
  if (progress != NULL)
    progress (0.5, user_data);

  writing = (Writing) { out->str, out->len, progress, user_data };
  return dm_file_write_atomically (file, write_chunks, &writing, cancellable, error);
}

typedef struct
{
  DmDataset          *dataset;
  GFile              *file;
  DmSaveProgressFunc  progress;
  gpointer            user_data;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->dataset);
  g_clear_object (&save->file);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (dm_dataset_save (save->dataset, save->file, save->progress, save->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dm_dataset_save_async (DmDataset           *dataset,
                       GFile               *file,
                       DmSaveProgressFunc   progress,
                       gpointer             user_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (DM_IS_DATASET (dataset));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (dataset, cancellable, callback, callback_data);
  g_task_set_source_tag (task, dm_dataset_save_async);
  save = g_new0 (SaveData, 1);
  save->dataset = g_object_ref (dataset);
  save->file = g_object_ref (file);
  save->progress = progress;
  save->user_data = user_data;
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
dm_dataset_save_finish (DmDataset     *dataset,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, dataset), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Recovery */

struct _DmRecoverySnapshot
{
  DmDataset  *dataset;      /* kept alive for what is borrowed of it */
  GFile      *original;
  DmText      title;
  DmText      description;
  GPtrArray  *kinds;        /* copies */
  GPtrArray  *sources;
  GPtrArray  *tags;
  GPtrArray  *eras;         /* borrowed: editing leaves them alone */
  GPtrArray  *events;       /* borrowed, held by the caller */
};

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "daumoc", "recovery", NULL);
}

/* "<pid>-<hash of the original's URI, or "new">": one copy per file per
 * process. */
static char *
recovery_stem (GPid   pid,
               GFile *original)
{
  g_autofree char *uri = original != NULL ? g_file_get_uri (original) : NULL;
  g_autofree char *hash = uri != NULL ? g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1) : NULL;

  return g_strdup_printf ("%d-%s", (int) pid, hash != NULL ? hash : "new");
}

void
dm_recovery_free (DmRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_clear_object (&recovery->copy);
  g_clear_object (&recovery->original);
  g_clear_pointer (&recovery->written, g_date_time_unref);
  g_free (recovery);
}

/* Writes @bytes as the copy for @original of this process, and its
 * note. */
static gboolean
write_recovery_bytes (GBytes        *bytes,
                      GFile         *original,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *stem = recovery_stem (getpid (), original);
  g_autofree char *copy_path = NULL;
  g_autofree char *note_path = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) note_file = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GBytes) note_bytes = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  copy_path = g_strdup_printf ("%s/%s.json", dir, stem);
  note_path = g_strdup_printf ("%s/%s.ini", dir, stem);
  copy = g_file_new_for_path (copy_path);
  note_file = g_file_new_for_path (note_path);

  if (!dm_file_write_bytes_atomically (copy, bytes, cancellable, error))
    return FALSE;

  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (keys, "Recovery", "Original", uri);
    }
  g_key_file_set_int64 (keys, "Recovery", "Pid", getpid ());
  note = g_key_file_to_data (keys, &length, NULL);
  note_bytes = g_bytes_new_take (g_steal_pointer (&note), length);

  return dm_file_write_bytes_atomically (note_file, note_bytes, cancellable, error);
}

gboolean
dm_recovery_write (DmDataset  *dataset,
                   GFile      *original,
                   GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *text;

  g_return_val_if_fail (DM_IS_DATASET (dataset), FALSE);

  g_mutex_lock (&json_lock);
  text = dm_dataset_to_data (dataset, &length);
  g_mutex_unlock (&json_lock);
  bytes = g_bytes_new_take (text, length);

  return write_recovery_bytes (bytes, original, NULL, error);
}

DmRecoverySnapshot *
dm_recovery_snapshot_new (DmDataset *dataset,
                          GFile     *original)
{
  DmRecoverySnapshot *self;
  guint n;

  g_return_val_if_fail (DM_IS_DATASET (dataset), NULL);

  self = g_new0 (DmRecoverySnapshot, 1);
  self->dataset = g_object_ref (dataset);
  self->original = original != NULL ? g_object_ref (original) : NULL;
  dm_text_copy_into (&self->title, dm_dataset_get_title (dataset));
  dm_text_copy_into (&self->description, dm_dataset_get_description (dataset));

  n = dm_dataset_get_n_kinds (dataset);
  self->kinds = g_ptr_array_new_full (n, (GDestroyNotify) dm_kind_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->kinds, dm_kind_copy (dm_dataset_get_kind (dataset, i)));
  n = dm_dataset_get_n_sources (dataset);
  self->sources = g_ptr_array_new_full (n, (GDestroyNotify) dm_source_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->sources, dm_source_copy (dm_dataset_get_source (dataset, i)));
  n = dm_dataset_get_n_tag_labels (dataset);
  self->tags = g_ptr_array_new_full (n, (GDestroyNotify) dm_tag_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->tags, dm_tag_copy (dm_dataset_get_tag_label (dataset, i)));
  n = dm_dataset_get_n_eras (dataset);
  self->eras = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->eras, (gpointer) dm_dataset_get_era (dataset, i));

  /* A pointer each: a hundred thousand events take a fraction of a
   * millisecond. */
  n = dm_dataset_get_n_events (dataset);
  self->events = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->events, (gpointer) dm_dataset_get_event (dataset, i));

  return self;
}

gboolean
dm_recovery_snapshot_write (DmRecoverySnapshot  *self,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;
  gsize length;
  char *text;

  g_return_val_if_fail (self != NULL, FALSE);

  /* JSON-GLib counts its references without atomics: the nodes made of
   * the members this version does not know share them, so two workers
   * writing the same dataset (a save, a copy) take turns. */
  g_mutex_lock (&json_lock);
  root = dm_dataset_parts_to_json (&self->title, &self->description, dm_dataset_get_extra (self->dataset),
                                   self->kinds, self->sources, self->tags, self->eras, self->events);
  text = dm_json_to_data (root, &length);
  json_node_unref (root);
  g_mutex_unlock (&json_lock);
  bytes = g_bytes_new_take (text, length);

  return write_recovery_bytes (bytes, self->original, cancellable, error);
}

void
dm_recovery_snapshot_free (DmRecoverySnapshot *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->dataset);
  g_clear_object (&self->original);
  dm_text_clear (&self->title);
  dm_text_clear (&self->description);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->eras, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_free (self);
}

static void
remove_stem (const char *dir,
             const char *stem)
{
  g_autofree char *copy_path = g_strdup_printf ("%s/%s.json", dir, stem);
  g_autofree char *note_path = g_strdup_printf ("%s/%s.ini", dir, stem);

  g_unlink (note_path);
  g_unlink (copy_path);
}

void
dm_recovery_discard (GFile *original)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *stem = recovery_stem (getpid (), original);

  remove_stem (dir, stem);
}

static gboolean
process_is_running (gint64 pid)
{
  return pid > 0 && pid <= G_MAXINT && (kill ((pid_t) pid, 0) == 0 || errno == EPERM);
}

static int
compare_written (gconstpointer a,
                 gconstpointer b)
{
  const DmRecovery *x = *(const DmRecovery * const *) a;
  const DmRecovery *y = *(const DmRecovery * const *) b;

  return g_date_time_compare (y->written, x->written);
}

GPtrArray *
dm_recovery_list_orphans (void)
{
  g_autofree char *dir = recovery_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_recovery_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *note_path = NULL;
      g_autofree char *copy_path = NULL;
      g_autofree char *uri = NULL;
      g_autoptr(GKeyFile) keys = g_key_file_new ();
      g_autoptr(GFileInfo) info = NULL;
      DmRecovery *recovery;
      gint64 pid;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      note_path = g_build_filename (dir, name, NULL);
      copy_path = g_strdup_printf ("%.*s.json", (int) (strlen (note_path) - strlen (".ini")), note_path);
      if (!g_key_file_load_from_file (keys, note_path, G_KEY_FILE_NONE, NULL))
        continue;
      pid = g_key_file_get_int64 (keys, "Recovery", "Pid", NULL);
      if (process_is_running (pid) || !g_file_test (copy_path, G_FILE_TEST_IS_REGULAR))
        continue;

      recovery = g_new0 (DmRecovery, 1);
      recovery->copy = g_file_new_for_path (copy_path);
      uri = g_key_file_get_string (keys, "Recovery", "Original", NULL);
      recovery->original = uri != NULL ? g_file_new_for_uri (uri) : NULL;
      info = g_file_query_info (recovery->copy, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      recovery->written = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
      if (recovery->written == NULL)
        recovery->written = g_date_time_new_from_unix_utc (0);
      g_ptr_array_add (found, recovery);
    }

  g_ptr_array_sort (found, compare_written);
  return found;
}

void
dm_recovery_remove (DmRecovery *recovery)
{
  g_autofree char *path = NULL;
  g_autofree char *note_path = NULL;

  g_return_if_fail (recovery != NULL);

  path = g_file_get_path (recovery->copy);
  note_path = g_strdup_printf ("%.*s.ini", (int) (strlen (path) - strlen (".json")), path);
  g_unlink (note_path);
  g_unlink (path);
}
