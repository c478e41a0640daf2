/* test-window-edit.c — editing in the real window, with keys pressed
 * through the X server: an event edited with the keyboard only, undone
 * and redone; closing with unsaved changes (save, cancel, discard); a
 * file changed on disk under unsaved edits; an event made from a
 * Vietnamese passage of a source; a source added in the Sources window
 * and an event made from its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dm-edit.h"
#include "dm-loader.h"
#include "dm-scene.h"
#include "dm-source-viewer.h"
#include "dm-sources-dialog.h"
#include "dm-test-window.h"
#include "dm-timeline-view.h"
#include "dm-window-edit.h"

typedef gboolean (*Condition) (gpointer data);

/* Waits on the main loop for @condition, failing after a while. */
#define wait_for(condition, data) wait_for_named (condition, data, #condition)

static void
wait_for_named (Condition   condition,
                gpointer    data,
                const char *name)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (dm_test_seconds (10), dm_test_set_flag_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Waited in vain for %s", name);
  g_source_remove (id);
}

/* A copy of the bundled timeline and its source texts in a folder of
 * the test's own. */
typedef struct
{
  char *dir;
  char *path;
  char *original;
} Copy;

static void
copy_bundled (Copy *copy)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_autofree char *dataset = g_build_filename (data, "datasets", "vietnam-industry-4.0.json", NULL);
  g_autofree char *sources = g_build_filename (data, "sources", NULL);
  g_autofree char *copy_sources = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  copy->dir = g_dir_make_tmp ("test-window-edit-XXXXXX", &error);
  g_assert_no_error (error);
  copy->path = g_build_filename (copy->dir, "timeline.json", NULL);
  g_assert_true (g_file_get_contents (dataset, &copy->original, NULL, NULL));
  g_assert_true (g_file_set_contents (copy->path, copy->original, -1, NULL));

  copy_sources = g_build_filename (copy->dir, "sources", NULL);
  g_assert_cmpint (g_mkdir (copy_sources, 0755), ==, 0);
  dir = g_dir_open (sources, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (sources, name, NULL);
      g_autofree char *to = g_build_filename (copy_sources, name, NULL);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &text, &length, NULL));
      g_assert_true (g_file_set_contents (to, text, (gssize) length, NULL));
    }
}

static void
remove_copy (Copy *copy)
{
  g_autofree char *sources = g_build_filename (copy->dir, "sources", NULL);

  dm_test_remove_dir (sources);
  dm_test_remove_dir (copy->dir);
  g_free (copy->dir);
  g_free (copy->path);
  g_free (copy->original);
}

static gboolean
has_dataset (gpointer data)
{
  return dm_window_get_dataset (data) != NULL && dm_window_edit_get_edit (data) != NULL;
}

static DmWindow *
open_copy (Copy *copy)
{
  DmWindow *window = dm_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (copy->path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_for (has_dataset, window);
  g_object_set (window, "data-language", "en", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
select_event (DmWindow *window,
              guint     position)
{
  dm_timeline_view_set_selected (DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline")), (int) position);
}

static gboolean
editor_open (gpointer data)
{
  GtkWindow *editor = dm_window_edit_get_editor (data);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static gboolean
editor_active (gpointer data)
{
  GtkWindow *editor = dm_window_edit_get_editor (data);

  return editor != NULL && gtk_window_is_active (editor);
}

static gboolean
editor_closed (gpointer data)
{
  return dm_window_edit_get_editor (data) == NULL;
}

typedef struct
{
  DmWindow   *window;
  const char *id;
  const char *title;
} TitleWait;

static gboolean
title_is (gpointer data)
{
  TitleWait *wait = data;
  const DmEvent *event = dm_dataset_lookup_event (dm_window_get_dataset (wait->window), wait->id, NULL);

  return event != NULL && g_strcmp0 (event->title.vi, wait->title) == 0;
}

static gboolean
title_marked (gpointer data)
{
  return g_str_has_prefix (gtk_window_get_title (data), "• ");
}

static gboolean
title_unmarked (gpointer data)
{
  return !g_str_has_prefix (gtk_window_get_title (data), "• ");
}

/* The message dialog over @window, if one is shown. */
static AdwMessageDialog *
find_dialog (DmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window) &&
          gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
destroyed_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

#ifdef DM_TEST_XDOTOOL

/* Types @text (ASCII letters, digits, spaces, '-', '#', ':', '/' and '.') as key
 * presses. */
static void
type_text (const char *text)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (keys->len > 0)
        g_string_append_c (keys, ' ');
      if (*p == ' ')
        g_string_append (keys, "space");
      else if (*p == '-')
        g_string_append (keys, "minus");
      else if (*p == '#')
        g_string_append (keys, "numbersign");
      else if (*p == ':')
        g_string_append (keys, "colon");
      else if (*p == '/')
        g_string_append (keys, "slash");
      else if (*p == '.')
        g_string_append (keys, "period");
      else
        g_string_append_c (keys, *p);
    }
  dm_test_press_keys (60, 60, keys->str);
}

/* With the keyboard only: F2 edits the selected event, its title is
 * typed over, Ctrl+Z takes the whole typing back in one step and
 * Shift+Ctrl+Z brings it again, Esc closes the editor; the title marks
 * the unsaved changes. Then the window is closed: asked, Return saves,
 * and the file on disk differs from the original by that title only. */
static void
test_keyboard_edit_and_save (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  g_autofree char *id = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GString) expected = NULL;
  gboolean destroyed = FALSE;
  TitleWait typed;
  TitleWait undone;
  const DmEvent *event;

  copy_bundled (&copy);
  window = open_copy (&copy);
  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &destroyed);

  /* An event with a Vietnamese title, to type over. */
  for (guint i = 0; i < dm_dataset_get_n_events (dm_window_get_dataset (window)); i++)
    if ((event = dm_dataset_get_event (dm_window_get_dataset (window), i))->title.vi != NULL)
      {
        select_event (window, i);
        id = g_strdup (event->id);
        old_title = g_strdup (event->title.vi);
        break;
      }
  g_assert_nonnull (id);
  g_assert_false (title_marked (window));

  dm_test_press_keys (500, 300, "F2");
  wait_for (editor_open, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dm_window_edit_get_editor (window)));
  dm_test_press_keys (60, 60, "shift");
  wait_for (editor_active, window);
  dm_test_press_keys (60, 60, "ctrl+a");
  type_text ("Sua loi chinh ta");
  typed = (TitleWait) { window, id, "Sua loi chinh ta" };
  wait_for (title_is, &typed);
  wait_for (title_marked, window);

  dm_test_press_keys (60, 60, "ctrl+z");
  undone = (TitleWait) { window, id, old_title };
  wait_for (title_is, &undone);
  wait_for (title_unmarked, window);
  dm_test_press_keys (60, 60, "ctrl+shift+z");
  wait_for (title_is, &typed);
  wait_for (title_marked, window);

  dm_test_press_keys (60, 60, "Escape");
  wait_for (editor_closed, window);

  /* Closing asks; Return is Save; then the window goes. */
  gtk_window_close (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_dialog (window)));
  dm_test_press_keys (20, 20, "Return");
  wait_for (flag_set, &destroyed);

  g_assert_true (g_file_get_contents (copy.path, &saved, NULL, NULL));
  expected = g_string_new (copy.original);
  {
    g_autofree char *from = g_strdup_printf ("\"vi\": \"%s\"", old_title);

    g_assert_cmpuint (g_string_replace (expected, from, "\"vi\": \"Sua loi chinh ta\"", 1), ==, 1);
  }
  g_assert_true (strcmp (saved, expected->str) == 0);

  remove_copy (&copy);
}

/* A window on a fresh copy of the bundled timeline, its event @position
 * deleted with the Delete key: unsaved changes. @n gets the number of
 * events before, and the dataset is the window's. */
static DmWindow *
open_copy_and_delete (Copy       *copy,
                      guint       position,
                      guint      *n,
                      DmDataset **dataset)
{
  DmWindow *window;

  copy_bundled (copy);
  window = open_copy (copy);
  *dataset = dm_window_get_dataset (window);
  *n = dm_dataset_get_n_events (*dataset);
  select_event (window, position);
  dm_test_press_keys (500, 300, "Delete");
  wait_for (title_marked, window);
  return window;
}

/* Delete removes the selected event; closing asks, Esc cancels and the
 * window stays with the edit; asked again, Discard closes and the file
 * is as it was. */
static void
test_close_cancel_discard (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  guint n;
  gboolean destroyed = FALSE;
  g_autofree char *after = NULL;

  window = open_copy_and_delete (&copy, 2, &n, &dataset);
  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &destroyed);
  g_assert_cmpuint (dm_dataset_get_n_events (dm_window_get_dataset (window)), ==, n - 1);

  gtk_window_close (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_dialog (window)));
  dm_test_press_keys (20, 20, "Escape");
  wait_for (dialog_gone, window);
  g_assert_false (destroyed);
  g_assert_cmpuint (dm_dataset_get_n_events (dm_window_get_dataset (window)), ==, n - 1);

  gtk_window_close (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  adw_message_dialog_response (find_dialog (window), "discard");
  wait_for (flag_set, &destroyed);

  g_assert_true (g_file_get_contents (copy.path, &after, NULL, NULL));
  g_assert_true (strcmp (after, copy.original) == 0);
  remove_copy (&copy);
}

/* Another program writes the file while there are unsaved edits: the
 * window asks rather than reloading; Esc keeps the edits. Ctrl+S then
 * saves them over the other program's version. */
static void
test_changed_on_disk (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  g_autoptr(GString) other = NULL;
  g_autofree char *saved = NULL;
  guint n;

  window = open_copy_and_delete (&copy, 1, &n, &dataset);

  other = g_string_new (copy.original);
  g_string_replace (other, "Vietnam and the Fourth", "Viet Nam and the Fourth", 1);
  g_assert_true (g_file_set_contents (copy.path, other->str, -1, NULL));
  wait_for (dialog_shown, window);
  g_assert_true (dm_window_get_dataset (window) == dataset);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_dialog (window)));
  dm_test_press_keys (20, 20, "Escape");
  wait_for (dialog_gone, window);
  g_assert_true (dm_window_get_dataset (window) == dataset);
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, n - 1);

  dm_test_press_keys (500, 300, "ctrl+s");
  wait_for (title_unmarked, window);
  g_assert_true (g_file_get_contents (copy.path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "Viet Nam and the Fourth"));
  /* Our own save is not taken for another program's. */
  {
    gboolean waited = FALSE;

    g_timeout_add (600, (GSourceFunc) dm_test_set_flag_cb, &waited);
    wait_for (flag_set, &waited);
  }
  g_assert_null (find_dialog (window));
  g_assert_true (dm_window_get_dataset (window) == dataset);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

typedef struct
{
  DmWindow  *window;
  DmDataset *old;
} ReplacedWait;

static gboolean
dataset_replaced (gpointer data)
{
  ReplacedWait *wait = data;

  return dm_window_get_dataset (wait->window) != wait->old && has_dataset (wait->window);
}

/* Opening a file over unsaved edits asks first; Esc keeps them, Discard
 * opens the file. */
static void
test_open_asks (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  g_autoptr(GFile) file = NULL;
  ReplacedWait wait;
  guint n;

  window = open_copy_and_delete (&copy, 0, &n, &dataset);

  file = g_file_new_for_path (copy.path);
  dm_window_open (window, file);
  wait_for (dialog_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_dialog (window)));
  dm_test_press_keys (20, 20, "Escape");
  wait_for (dialog_gone, window);
  g_assert_true (dm_window_get_dataset (window) == dataset);
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, n - 1);

  dm_window_open (window, file);
  wait_for (dialog_shown, window);
  adw_message_dialog_response (find_dialog (window), "discard");
  wait = (ReplacedWait) { window, dataset };
  wait_for (dataset_replaced, &wait);
  g_assert_cmpuint (dm_dataset_get_n_events (dm_window_get_dataset (window)), ==, n);
  wait_for (title_unmarked, window);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The mapped toplevel of @type, if any. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static GtkWindow *
find_viewer (DmWindow *window)
{
  return find_toplevel (DM_TYPE_SOURCE_VIEWER);
}

static gboolean
viewer_shown (gpointer data)
{
  return find_viewer (data) != NULL;
}

typedef struct
{
  DmWindow *window;
  guint     n;
} CountWait;

static gboolean
events_counted (gpointer data)
{
  CountWait *wait = data;

  return dm_dataset_get_n_events (dm_window_get_dataset (wait->window)) == wait->n;
}

/* A Vietnamese passage selected in the source text, Shift+Ctrl+N: a new
 * event quotes it verbatim with its source, dated by the date it writes
 * ("ngày 06/12/2021"), and the editor offers that date. */
static void
test_cite_from_selection (void)
{
  const char *passage = "ngày 06/12/2021, Ban Kinh tế Trung ương chủ trì";
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  GtkWindow *viewer;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  const DmEvent *event = NULL;
  const DmCitation *citation;
  CountWait count;
  guint source_position = G_MAXUINT;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);

  /* The first event that quotes s002, whose text has the passage. */
  for (guint i = 0; i < dm_dataset_get_n_events (dataset) && source_position == G_MAXUINT; i++)
    {
      const DmEvent *e = dm_dataset_get_event (dataset, i);

      for (guint c = 0; e->citations != NULL && c < e->citations->len; c++)
        if (g_str_equal (((DmCitation *) g_ptr_array_index (e->citations, c))->source, "s002"))
          {
            g_signal_emit_by_name (dm_test_window_child (window, "detail_pane"), "show-source", (int) i, c);
            source_position = i;
            break;
          }
    }
  g_assert_cmpuint (source_position, !=, G_MAXUINT);
  wait_for (viewer_shown, window);
  viewer = find_viewer (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));

  /* The passage selected, as with the mouse. */
  buffer = gtk_text_view_get_buffer (dm_test_find_text_view (GTK_WIDGET (viewer)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, passage));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_pointer_to_offset (text, strstr (text, passage)));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, gtk_text_iter_get_offset (&start) + (int) g_utf8_strlen (passage, -1));
  gtk_text_buffer_select_range (buffer, &start, &end);

  count = (CountWait) { window, dm_dataset_get_n_events (dataset) + 1 };
  dm_test_press_keys (60, 60, "ctrl+shift+n");
  wait_for (events_counted, &count);
  wait_for (editor_open, window);

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    {
      const DmEvent *e = dm_dataset_get_event (dataset, i);

      if (e->citations != NULL && e->citations->len == 1 &&
          g_strcmp0 (((DmCitation *) g_ptr_array_index (e->citations, 0))->quote, passage) == 0)
        event = e;
    }
  g_assert_nonnull (event);
  citation = g_ptr_array_index (event->citations, 0);
  g_assert_cmpstr (citation->source, ==, "s002");
  {
    g_autofree char *iso = dm_date_to_iso (&event->start);
    g_assert_cmpstr (iso, ==, "2021-12-06");
  }
  g_assert_true (dm_edit_can_undo (dm_window_edit_get_edit (window)));

  /* Undone, the event is gone and its editor with it. */
  dm_edit_undo (dm_window_edit_get_edit (window));
  wait_for (editor_closed, window);
  g_assert_cmpuint (dm_dataset_get_n_events (dataset), ==, count.n - 1);

  gtk_window_destroy (viewer);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The Sources and Kinds window (dm-sources-dialog), if shown. */
static DmSourcesDialog *
find_sources (DmWindow *window)
{
  GtkWindow *found = find_toplevel (DM_TYPE_SOURCES_DIALOG);

  return found != NULL ? DM_SOURCES_DIALOG (found) : NULL;
}

static gboolean
sources_shown (gpointer data)
{
  return find_sources (data) != NULL;
}

/* The mapped widgets under @root that are rows titled @text or buttons
 * with the tooltip @text, in the order of the tree. */
static void
collect_widgets (GtkWidget  *root,
                 const char *text,
                 GPtrArray  *found)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if ((ADW_IS_PREFERENCES_ROW (root) &&
       g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) == 0) ||
      (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, text, found);
}

static GtkWidget *
find_last_widget (GtkWidget  *root,
                  const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, text, found);
  return found->len > 0 ? g_ptr_array_index (found, found->len - 1) : NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  const char *value;
} WidgetWait;

static gboolean
widget_text_is (gpointer data)
{
  WidgetWait *wait = data;
  GtkWidget *widget = find_last_widget (wait->root, wait->text);

  return widget != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), wait->value) == 0;
}

static gboolean
widget_focused (gpointer data)
{
  WidgetWait *wait = data;
  GtkWidget *widget = find_last_widget (wait->root, wait->text);
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return root != NULL && gtk_window_is_active (GTK_WINDOW (root)) &&
         gtk_widget_is_focus (gtk_root_get_focus (root)) &&
         gtk_widget_is_ancestor (gtk_root_get_focus (root), widget);
}

static gboolean
sources_gone (gpointer data)
{
  return find_sources (data) == NULL;
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
sources_counted (gpointer data)
{
  CountWait *wait = data;

  return dm_dataset_get_n_sources (dm_window_get_dataset (wait->window)) == wait->n;
}

/* The Sources and Kinds window opened from @window on @page ("sources"
 * or "kinds"), drawn, after checking that none of the @n items there can
 * be removed while events use them (@remove: the buttons' name; @count
 * says how many the timeline has). */
static DmSourcesDialog *
open_sources_refusing_removal (DmWindow   *window,
                               const char *page,
                               const char *remove,
                               guint       n,
                               guint     (*count) (DmDataset *dataset))
{
  DmSourcesDialog *dialog;
  g_autoptr(GPtrArray) removes = g_ptr_array_new ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sources", NULL));
  wait_for (sources_shown, window);
  dialog = find_sources (window);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  collect_widgets (GTK_WIDGET (dialog), remove, removes);
  g_assert_cmpuint (removes->len, ==, n);
  gtk_widget_activate (g_ptr_array_index (removes, 0));
  g_assert_cmpuint (count (dm_window_get_dataset (window)), ==, n);

  return dialog;
}

/* The "Done when", without a text editor: a newly adopted
 * resolution, whose text is not among the timeline's sources, is added
 * as a source in the Sources window (its title typed, its date typed,
 * Return adds it, and its text is copied beside the timeline; Ctrl+Z and
 * Shift+Ctrl+Z undo and redo the addition there); a source that events
 * cite is not removed; the new source's text is shown, a Vietnamese
 * passage selected and Shift+Ctrl+N makes an event of it, dated by the
 * passage; saved and opened again, the source, its text and the event
 * citing it are there. */
static void
test_add_source_and_cite (void)
{
  const char *passage = "Ngày 15/10/2026, Chính phủ ban hành Nghị quyết số 99/NQ-CP";
  const char *text = "NGHỊ QUYẾT\nVề chương trình chuyển đổi số quốc gia\n\n"
                     "Ngày 15/10/2026, Chính phủ ban hành Nghị quyết số 99/NQ-CP "
                     "về chương trình chuyển đổi số quốc gia đến năm 2030.\n";
  Copy copy = { 0 };
  DmWindow *window;
  DmSourcesDialog *dialog;
  GtkWindow *viewer;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *elsewhere = NULL;
  g_autofree char *chosen_path = NULL;
  g_autofree char *copied_path = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GError) error = NULL;
  const DmSource *source;
  const DmEvent *event = NULL;
  CountWait sources;
  CountWait events;
  WidgetWait focus;
  WidgetWait typed;
  guint n_sources;

  copy_bundled (&copy);
  window = open_copy (&copy);
  n_sources = dm_dataset_get_n_sources (dm_window_get_dataset (window));

  /* The resolution's text, somewhere else on the disk. */
  elsewhere = g_dir_make_tmp ("test-window-edit-text-XXXXXX", &error);
  g_assert_no_error (error);
  chosen_path = g_build_filename (elsewhere, "nghi-quyet-99.txt", NULL);
  g_assert_true (g_file_set_contents (chosen_path, text, -1, NULL));
  chosen = g_file_new_for_path (chosen_path);

  /* A source that events cite stays. */
  dialog = open_sources_refusing_removal (window, "sources", "Remove Source", n_sources,
                                          dm_dataset_get_n_sources);

  /* Add Source: the form, its Vietnamese title focused. */
  gtk_widget_activate (find_last_widget (GTK_WIDGET (dialog), "Add Source"));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Title (Vietnamese)", NULL };
  dm_test_press_keys (60, 60, "shift");
  wait_for (widget_focused, &focus);
  dm_sources_dialog_set_text_file (dialog, chosen);
  type_text ("Nghi quyet 99");
  typed = (WidgetWait) { GTK_WIDGET (dialog), "Title (Vietnamese)", "Nghi quyet 99" };
  wait_for (widget_text_is, &typed);
  gtk_widget_grab_focus (find_last_widget (GTK_WIDGET (dialog), "Date (YYYY-MM-DD)"));
  type_text ("2026-10-15");
  typed = (WidgetWait) { GTK_WIDGET (dialog), "Date (YYYY-MM-DD)", "2026-10-15" };
  wait_for (widget_text_is, &typed);
  sources = (CountWait) { window, n_sources + 1 };
  dm_test_press_keys (60, 60, "Return");
  wait_for (sources_counted, &sources);

  source = dm_dataset_get_source (dm_window_get_dataset (window), n_sources);
  g_assert_cmpstr (source->title.vi, ==, "Nghi quyet 99");
  g_assert_cmpstr (source->file, ==, "nghi-quyet-99.txt");
  iso = dm_date_to_iso (&source->date);
  g_assert_cmpstr (iso, ==, "2026-10-15");
  copied_path = g_build_filename (copy.dir, "sources", "nghi-quyet-99.txt", NULL);
  g_assert_true (g_file_get_contents (copied_path, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, text);
  wait_for (title_marked, window);

  /* Undone and redone in the Sources window. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  sources.n = n_sources;
  dm_test_press_keys (60, 60, "ctrl+z");
  wait_for (sources_counted, &sources);
  sources.n = n_sources + 1;
  dm_test_press_keys (60, 60, "ctrl+shift+z");
  wait_for (sources_counted, &sources);

  /* Its text in the source viewer; a passage made an event. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_widget_activate (find_last_widget (GTK_WIDGET (dialog), "Show Text"));
  wait_for (viewer_shown, window);
  viewer = find_viewer (window);
  /* The Sources window closed. */
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (sources_gone, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  buffer = gtk_text_view_get_buffer (dm_test_find_text_view (GTK_WIDGET (viewer)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (shown, passage));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_pointer_to_offset (shown, strstr (shown, passage)));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, gtk_text_iter_get_offset (&start) + (int) g_utf8_strlen (passage, -1));
  gtk_text_buffer_select_range (buffer, &start, &end);

  events = (CountWait) { window, dm_dataset_get_n_events (dm_window_get_dataset (window)) + 1 };
  dm_test_press_keys (60, 60, "shift");
  wait_for (window_active, viewer);
  dm_test_press_keys (60, 60, "ctrl+shift+n");
  wait_for (events_counted, &events);
  wait_for (editor_open, window);

  /* Saving closes the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for (title_unmarked, window);
  wait_for (editor_closed, window);
  gtk_window_destroy (viewer);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Opened again: the source and the event citing it. */
  window = open_copy (&copy);
  source = dm_dataset_lookup_source (dm_window_get_dataset (window), "s005");
  g_assert_nonnull (source);
  g_assert_cmpstr (source->title.vi, ==, "Nghi quyet 99");
  g_assert_cmpstr (source->file, ==, "nghi-quyet-99.txt");
  for (guint i = 0; i < dm_dataset_get_n_events (dm_window_get_dataset (window)); i++)
    {
      const DmEvent *e = dm_dataset_get_event (dm_window_get_dataset (window), i);

      if (e->citations != NULL && e->citations->len == 1 &&
          g_strcmp0 (((DmCitation *) g_ptr_array_index (e->citations, 0))->quote, passage) == 0)
        event = e;
    }
  g_assert_nonnull (event);
  g_assert_cmpstr (((DmCitation *) g_ptr_array_index (event->citations, 0))->source, ==, "s005");
  g_clear_pointer (&iso, g_free);
  iso = dm_date_to_iso (&event->start);
  g_assert_cmpstr (iso, ==, "2026-10-15");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_remove (chosen_path), ==, 0);
  g_assert_cmpint (g_rmdir (elsewhere), ==, 0);
  remove_copy (&copy);
}

static gboolean
kinds_counted (gpointer data)
{
  CountWait *wait = data;

  return dm_dataset_get_n_kinds (dm_window_get_dataset (wait->window)) == wait->n;
}

/* Types @value into the row titled @title of @dialog, and waits until
 * it is there. */
static void
type_into_row (DmSourcesDialog *dialog,
               const char      *title,
               const char      *value)
{
  WidgetWait typed = { GTK_WIDGET (dialog), title, value };

  gtk_widget_grab_focus (find_last_widget (GTK_WIDGET (dialog), title));
  type_text (value);
  wait_for (widget_text_is, &typed);
}

/* In the Kinds page of the same window: a kind that events have stays;
 * a new one typed in (id, label, colour) and added with Return, undone
 * and redone with Ctrl+Z and Shift+Ctrl+Z. */
static void
test_add_kind (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmSourcesDialog *dialog;
  const DmKind *kind;
  CountWait kinds;
  WidgetWait focus;
  guint n_kinds;

  copy_bundled (&copy);
  window = open_copy (&copy);
  n_kinds = dm_dataset_get_n_kinds (dm_window_get_dataset (window));

  /* A kind that events use stays. */
  dialog = open_sources_refusing_removal (window, "kinds", "Remove Kind", n_kinds,
                                          dm_dataset_get_n_kinds);

  gtk_widget_activate (find_last_widget (GTK_WIDGET (dialog), "Add Kind"));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Id", NULL };
  dm_test_press_keys (60, 60, "shift");
  wait_for (widget_focused, &focus);
  type_into_row (dialog, "Id", "decree");
  type_into_row (dialog, "Label (Vietnamese)", "Nghi dinh");
  type_into_row (dialog, "Colour (#rrggbb)", "#aa3355");
  kinds = (CountWait) { window, n_kinds + 1 };
  dm_test_press_keys (60, 60, "Return");
  wait_for (kinds_counted, &kinds);

  kind = dm_dataset_lookup_kind (dm_window_get_dataset (window), "decree");
  g_assert_nonnull (kind);
  g_assert_cmpstr (kind->label.vi, ==, "Nghi dinh");
  g_assert_null (kind->label.en);
  g_assert_cmpstr (kind->color, ==, "#aa3355");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  kinds.n = n_kinds;
  dm_test_press_keys (60, 60, "ctrl+z");
  wait_for (kinds_counted, &kinds);
  g_assert_null (dm_dataset_lookup_kind (dm_window_get_dataset (window), "decree"));
  kinds.n = n_kinds + 1;
  dm_test_press_keys (60, 60, "ctrl+shift+z");
  wait_for (kinds_counted, &kinds);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

typedef struct
{
  GtkWindow *window;
  GtkWidget *before;
} FocusWait;

static gboolean
focus_moved (gpointer data)
{
  FocusWait *wait = data;

  return gtk_root_get_focus (GTK_ROOT (wait->window)) != wait->before;
}

/* Tab, Tab, … until the row titled @title has the focus. */
static void
tab_to (GtkWindow  *editor,
        const char *title)
{
  WidgetWait wait = { GTK_WIDGET (editor), title, NULL };

  for (guint i = 0; i < 80 && !widget_focused (&wait); i++)
    {
      FocusWait moved = { editor, gtk_root_get_focus (GTK_ROOT (editor)) };

      dm_test_press_keys (60, 60, "Tab");
      wait_for (focus_moved, &moved);
    }
  g_assert_true (widget_focused (&wait));
}

/* The Sources window of @window, opened on @page and drawn. */
static DmSourcesDialog *
open_sources_page (DmWindow   *window,
                   const char *page)
{
  DmSourcesDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sources", NULL));
  wait_for (sources_shown, window);
  dialog = find_sources (window);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

/* The @n-th (from 0) mapped row or button named @text under @root. */
static GtkWidget *
find_nth_widget (GtkWidget  *root,
                 const char *text,
                 guint       n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, text, found);
  g_assert_cmpuint (found->len, >, n);
  return g_ptr_array_index (found, n);
}

/* Focuses the row or button @text of @dialog with the keyboard's focus,
 * and waits until it has it. */
static gboolean
widget_has_focus (gpointer data)
{
  WidgetWait *wait = data;
  GtkWidget *widget = find_last_widget (wait->root, wait->text);
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return root != NULL && gtk_window_is_active (GTK_WINDOW (root)) &&
         (gtk_root_get_focus (root) == widget || widget_focused (data));
}

static void
focus_widget (DmSourcesDialog *dialog,
              const char      *text)
{
  WidgetWait focus = { GTK_WIDGET (dialog), text, NULL };

  gtk_widget_grab_focus (find_last_widget (GTK_WIDGET (dialog), text));
  wait_for (widget_has_focus, &focus);
}

typedef struct
{
  DmWindow *window;
  char     *id;
  guint     actors;
  guint     links;
} ItemsWait;

static gboolean
items_counted (gpointer data)
{
  ItemsWait *wait = data;
  const DmEvent *event = dm_dataset_lookup_event (dm_window_get_dataset (wait->window), wait->id, NULL);

  return event != NULL &&
         (event->actors != NULL ? event->actors->len : 0) == wait->actors &&
         (event->links != NULL ? event->links->len : 0) == wait->links;
}

static gboolean
has_error (gpointer data)
{
  return gtk_widget_has_css_class (data, "error");
}

/* With the keyboard only: F2 edits the selected event; Tab reaches the
 * people and organisations, where a name and a role typed and Return
 * add an actor; further down a link to an ftp: address is refused at
 * its field, with the reason, and once corrected Return adds it. Ctrl+Z
 * takes the link back, Shift+Ctrl+Z brings it again; saved, the file
 * holds exactly that actor and that link more than the original. */
static void
test_keyboard_items (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  GtkWindow *editor;
  GtkWidget *url_row;
  g_autofree char *saved = NULL;
  gboolean destroyed = FALSE;
  ItemsWait wait = { 0 };
  const DmEvent *event;

  copy_bundled (&copy);
  window = open_copy (&copy);
  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &destroyed);
  /* An event with neither actors nor links. */
  for (guint i = 0; i < dm_dataset_get_n_events (dm_window_get_dataset (window)) && wait.id == NULL; i++)
    if ((event = dm_dataset_get_event (dm_window_get_dataset (window), i))->actors == NULL && event->links == NULL)
      {
        select_event (window, i);
        wait.id = g_strdup (event->id);
      }
  g_assert_nonnull (wait.id);
  wait.window = window;

  dm_test_press_keys (500, 300, "F2");
  wait_for (editor_open, window);
  editor = dm_window_edit_get_editor (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  dm_test_press_keys (60, 60, "shift");
  wait_for (editor_active, window);

  tab_to (editor, "New actor: name (Enter adds it)");
  type_text ("Nguyen Van A");
  tab_to (editor, "New actor: role in English");
  type_text ("Chair");
  dm_test_press_keys (60, 60, "Return");
  wait.actors = 1;
  wait_for (items_counted, &wait);
  event = dm_dataset_lookup_event (dm_window_get_dataset (window), wait.id, NULL);
  g_assert_cmpstr (((DmActor *) g_ptr_array_index (event->actors, 0))->name, ==, "Nguyen Van A");
  g_assert_cmpstr (((DmActor *) g_ptr_array_index (event->actors, 0))->role.en, ==, "Chair");
  g_assert_null (((DmActor *) g_ptr_array_index (event->actors, 0))->role.vi);

  tab_to (editor, "New link: address, http or https (Enter adds it)");
  url_row = find_last_widget (GTK_WIDGET (editor), "New link: address, http or https (Enter adds it)");
  type_text ("ftp://example.org/a");
  dm_test_press_keys (60, 60, "Return");
  wait_for (has_error, url_row);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (url_row), "ftp:"));
  g_assert_true (items_counted (&wait));

  dm_test_press_keys (60, 60, "ctrl+a");
  type_text ("https://example.org/a");
  dm_test_press_keys (60, 60, "Return");
  wait.links = 1;
  wait_for (items_counted, &wait);
  g_assert_false (has_error (url_row));
  event = dm_dataset_lookup_event (dm_window_get_dataset (window), wait.id, NULL);
  g_assert_cmpstr (((DmLink *) g_ptr_array_index (event->links, 0))->url, ==, "https://example.org/a");

  dm_test_press_keys (60, 60, "ctrl+z");
  wait.links = 0;
  wait_for (items_counted, &wait);
  dm_test_press_keys (60, 60, "ctrl+shift+z");
  wait.links = 1;
  wait_for (items_counted, &wait);

  dm_test_press_keys (60, 60, "Escape");
  wait_for (editor_closed, window);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (find_dialog (window)));
  dm_test_press_keys (20, 20, "Return");
  wait_for (flag_set, &destroyed);

  /* Reloaded, the event has that actor and that link; without them, the
   * file is the original to the byte. */
  g_assert_true (g_file_get_contents (copy.path, &saved, NULL, NULL));
  {
    g_autoptr(GBytes) bytes = g_bytes_new (saved, strlen (saved));
    g_autoptr(GError) error = NULL;
    g_autoptr(DmDataset) reloaded = dm_dataset_load_bytes (bytes, "saved", NULL, &error);
    g_autoptr(DmEdit) edit = NULL;
    g_autofree char *without = NULL;
    DmEvent *changed;
    const DmActor *actor;

    g_assert_no_error (error);
    changed = dm_event_copy (dm_dataset_lookup_event (reloaded, wait.id, NULL));
    g_assert_cmpuint (changed->actors->len, ==, 1);
    actor = g_ptr_array_index (changed->actors, 0);
    g_assert_cmpstr (actor->name, ==, "Nguyen Van A");
    g_assert_cmpstr (actor->role.en, ==, "Chair");
    g_assert_false (actor->as_printed);
    g_assert_cmpuint (changed->links->len, ==, 1);
    g_assert_cmpstr (((DmLink *) g_ptr_array_index (changed->links, 0))->url, ==, "https://example.org/a");
    g_assert_true (dm_text_is_empty (&((DmLink *) g_ptr_array_index (changed->links, 0))->title));

    g_clear_pointer (&changed->actors, g_ptr_array_unref);
    g_clear_pointer (&changed->links, g_ptr_array_unref);
    edit = dm_edit_new (reloaded);
    g_assert_true (dm_edit_change_event (edit, wait.id, changed, DM_EVENT_FIELD_NONE, &error));
    without = dm_dataset_to_data (reloaded, NULL);
    g_assert_true (strcmp (without, copy.original) == 0);
  }

  g_free (wait.id);
  remove_copy (&copy);
}

typedef struct
{
  DmWindow   *window;
  const char *kind;
  const char *icon;
} GlyphWait;

static gboolean
glyph_is (gpointer data)
{
  GlyphWait *wait = data;
  const DmKind *kind = dm_dataset_lookup_kind (dm_window_get_dataset (wait->window), wait->kind);

  return kind != NULL && g_strcmp0 (kind->icon, wait->icon) == 0;
}

static gboolean
toggle_active (DmSourcesDialog *dialog,
               const char      *name)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_last_widget (GTK_WIDGET (dialog), name)));
}

static gboolean
toggle_is_active (gpointer data)
{
  WidgetWait *wait = data;

  return toggle_active (DM_SOURCES_DIALOG (wait->root), wait->text);
}

/* Presses Space on the toggle @name of @dialog; waits until it is on. */
static void
press_toggle (DmSourcesDialog *dialog,
              const char      *name)
{
  WidgetWait wait = { GTK_WIDGET (dialog), name, NULL };

  focus_widget (dialog, name);
  dm_test_press_keys (60, 60, "space");
  wait_for (toggle_is_active, &wait);
}

/* A kind's glyph chosen in its form: the glyphs of the render library
 * are offered by name, the kind's own chosen; Space on another and
 * Return saves it; Ctrl+Z and Shift+Ctrl+Z undo and redo it; "No Glyph"
 * takes it away. The list shows the kind's glyph. */
static void
test_kind_glyph (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmSourcesDialog *dialog;
  GlyphWait glyph;
  WidgetWait focus;
  g_auto(GStrv) glyphs = dm_scene_list_glyphs ();
  g_autofree char *kind_id = NULL;

  copy_bundled (&copy);
  window = open_copy (&copy);
  kind_id = g_strdup (dm_dataset_get_kind (dm_window_get_dataset (window), 0)->id);
  g_assert_cmpstr (dm_dataset_get_kind (dm_window_get_dataset (window), 0)->icon, ==, "forum");

  /* The render library's glyphs, without the generic one: "none". */
  g_assert_cmpuint (g_strv_length (glyphs), ==, 6);
  g_assert_false (g_strv_contains ((const char * const *) glyphs, "generic"));
  g_assert_true (g_strv_contains ((const char * const *) glyphs, "resolution"));

  dialog = open_sources_page (window, "kinds");
  gtk_widget_activate (find_nth_widget (GTK_WIDGET (dialog), "Edit Kind", 0));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Label (Vietnamese)", NULL };
  dm_test_press_keys (60, 60, "shift");
  wait_for (widget_focused, &focus);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  g_assert_true (toggle_active (dialog, "Glyph: Forum"));
  g_assert_false (toggle_active (dialog, "Glyph: Resolution"));
  g_assert_false (toggle_active (dialog, "No glyph of its own: the general one is shown"));
  for (const char *name = "Meeting Milestone Memorandum Plan"; name != NULL;)
    {
      const char *space = strchr (name, ' ');
      g_autofree char *word = space != NULL ? g_strndup (name, (gsize) (space - name)) : g_strdup (name);
      g_autofree char *tooltip = g_strdup_printf ("Glyph: %s", word);

      g_assert_nonnull (find_last_widget (GTK_WIDGET (dialog), tooltip));
      name = space != NULL ? space + 1 : NULL;
    }

  press_toggle (dialog, "Glyph: Resolution");
  g_assert_true (toggle_active (dialog, "Glyph: Resolution"));
  g_assert_false (toggle_active (dialog, "Glyph: Forum"));
  focus_widget (dialog, "Label (English)");
  glyph = (GlyphWait) { window, kind_id, "resolution" };
  dm_test_press_keys (60, 60, "Return");
  wait_for (glyph_is, &glyph);
  wait_for (title_marked, window);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  glyph.icon = "forum";
  dm_test_press_keys (60, 60, "ctrl+z");
  wait_for (glyph_is, &glyph);
  glyph.icon = "resolution";
  dm_test_press_keys (60, 60, "ctrl+shift+z");
  wait_for (glyph_is, &glyph);

  /* Opened again, it has its new glyph; none is chosen. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_widget_activate (find_nth_widget (GTK_WIDGET (dialog), "Edit Kind", 0));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Label (Vietnamese)", NULL };
  wait_for (widget_focused, &focus);
  g_assert_true (toggle_active (dialog, "Glyph: Resolution"));
  press_toggle (dialog, "No glyph of its own: the general one is shown");
  focus_widget (dialog, "Label (English)");
  glyph.icon = NULL;
  dm_test_press_keys (60, 60, "Return");
  wait_for (glyph_is, &glyph);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* Whether the filter's tag toggles show @label, the filter shown. */
static gboolean
filter_shows_tag (DmWindow   *window,
                  const char *label)
{
  GtkWidget *popover = dm_test_window_child (window, "filter_popover");
  GtkWidget *box = dm_test_filter_child (window, "tag_box");

  if (!gtk_widget_get_mapped (popover))
    {
      gtk_popover_popup (GTK_POPOVER (popover));
      return FALSE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  DmWindow   *window;
  const char *label;
} FilterWait;

static gboolean
filter_tag_shown (gpointer data)
{
  FilterWait *wait = data;

  return filter_shows_tag (wait->window, wait->label);
}

/* Waits until the filter, shown, has a toggle @label; then hides it and
 * gives the keyboard back to @dialog (if any). */
static void
wait_for_filter_tag (DmWindow        *window,
                     DmSourcesDialog *dialog,
                     const char      *label)
{
  FilterWait shown = { window, label };

  wait_for (filter_tag_shown, &shown);
  gtk_popover_popdown (GTK_POPOVER (dm_test_window_child (window, "filter_popover")));
  if (dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      dm_test_press_keys (60, 60, "shift");
      wait_for (window_active, dialog);
    }
}

/* Whether a label under @root shows @text (in its text, markup taken
 * away). */
static gboolean
has_label_text (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
label_shows (gpointer data)
{
  WidgetWait *wait = data;

  return has_label_text (wait->root, wait->text);
}

typedef struct
{
  DmWindow   *window;
  const char *id;
  const char *en;
} LabelWait;

static gboolean
tag_labelled (gpointer data)
{
  LabelWait *wait = data;
  const DmTag *tag = dm_dataset_lookup_tag_label (dm_window_get_dataset (wait->window), wait->id);

  return tag != NULL && g_strcmp0 (tag->label.en, wait->en) == 0;
}

static gboolean
tag_labels_counted (gpointer data)
{
  CountWait *wait = data;

  return dm_dataset_get_n_tag_labels (dm_window_get_dataset (wait->window)) == wait->n;
}

static guint
events_with_tag (DmDataset  *dataset,
                 const char *tag)
{
  guint n = 0;

  for (guint i = 0; i < dm_dataset_get_n_events (dataset); i++)
    n += dm_event_has_tag (dm_dataset_get_event (dataset, i), tag);
  return n;
}

/* The Tags page: a label that events' tag has is removed, and the events
 * keep the tag, shown by its id in the filter at once, and offered a
 * label again; Ctrl+Z brings the label back. A tag's English label is
 * typed over (its id, which events have, cannot be edited), Return saves
 * it and the filter shows it. A new tag is added; a second one with the
 * same id is refused at its field. */
static void
test_tags (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  DmSourcesDialog *dialog;
  GtkWidget *id_row;
  const DmTag *tag;
  CountWait labels;
  WidgetWait focus;
  WidgetWait typed;
  WidgetWait shown_text;
  LabelWait labelled;
  guint n_labels;
  guint n_4ir;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  n_labels = dm_dataset_get_n_tag_labels (dataset);
  g_assert_cmpuint (n_labels, >, 2);
  g_assert_cmpstr (dm_dataset_get_tag_label (dataset, 0)->id, ==, "4ir");
  n_4ir = events_with_tag (dataset, "4ir");
  g_assert_cmpuint (n_4ir, >, 0);
  wait_for_filter_tag (window, NULL, "Fourth Industrial Revolution");

  dialog = open_sources_page (window, "tags");
  {
    g_autoptr(GPtrArray) removes = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), "Remove Tag Label", removes);
    g_assert_cmpuint (removes->len, ==, n_labels);
  }

  /* The label goes; the tag stays on its events, shown by its id. */
  labels = (CountWait) { window, n_labels - 1 };
  gtk_widget_activate (find_nth_widget (GTK_WIDGET (dialog), "Remove Tag Label", 0));
  wait_for (tag_labels_counted, &labels);
  g_assert_null (dm_dataset_lookup_tag_label (dataset, "4ir"));
  g_assert_cmpuint (events_with_tag (dataset, "4ir"), ==, n_4ir);
  g_assert_false (filter_shows_tag (window, "Fourth Industrial Revolution"));
  wait_for_filter_tag (window, dialog, "4ir");
  wait_for (title_marked, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_nonnull (find_last_widget (GTK_WIDGET (dialog), "Give a Label"));

  labels.n = n_labels;
  dm_test_press_keys (60, 60, "ctrl+z");
  wait_for (tag_labels_counted, &labels);
  wait_for_filter_tag (window, dialog, "Fourth Industrial Revolution");

  /* WEF's English label typed over; its id stays. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  for (guint i = 0; i < n_labels; i++)
    if (g_str_equal (dm_dataset_get_tag_label (dataset, i)->id, "wef"))
      gtk_widget_activate (find_nth_widget (GTK_WIDGET (dialog), "Edit Tag", i));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Label (Vietnamese)", NULL };
  wait_for (widget_focused, &focus);
  id_row = find_last_widget (GTK_WIDGET (dialog), "Id");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (id_row)), ==, "wef");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (id_row)));
  focus_widget (dialog, "Label (English)");
  dm_test_press_keys (60, 60, "ctrl+a BackSpace");
  type_text ("WEF forum");
  typed = (WidgetWait) { GTK_WIDGET (dialog), "Label (English)", "WEF forum" };
  wait_for (widget_text_is, &typed);
  labelled = (LabelWait) { window, "wef", "WEF forum" };
  dm_test_press_keys (60, 60, "Return");
  wait_for (tag_labelled, &labelled);

  /* A new tag, asked for while the saved form still slides out (the form
   * shows once it has gone; libadwaita 1.2 would drop it and read freed
   * memory); another of the same id is refused. */
  g_assert_true (adw_leaflet_get_child_transition_running (ADW_LEAFLET (gtk_widget_get_ancestor (id_row, ADW_TYPE_LEAFLET))));
  gtk_widget_activate (find_last_widget (GTK_WIDGET (dialog), "Add Tag"));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Id", NULL };
  wait_for (widget_focused, &focus);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_last_widget (GTK_WIDGET (dialog), "Id"))), ==, "");
  wait_for_filter_tag (window, dialog, "WEF forum");
  tag = dm_dataset_lookup_tag_label (dataset, "wef");
  g_assert_cmpstr (tag->label.en, ==, "WEF forum");
  g_assert_cmpstr (tag->label.vi, ==, "Diễn đàn Kinh tế thế giới (WEF)");
  g_assert_cmpuint (dm_dataset_get_n_tag_labels (dataset), ==, n_labels);
  type_into_row (dialog, "Id", "ai");
  type_into_row (dialog, "Label (English)", "Artificial intelligence");
  labels.n = n_labels + 1;
  dm_test_press_keys (60, 60, "Return");
  wait_for (tag_labels_counted, &labels);
  tag = dm_dataset_get_tag_label (dataset, n_labels);
  g_assert_cmpstr (tag->id, ==, "ai");
  g_assert_cmpstr (tag->label.en, ==, "Artificial intelligence");
  g_assert_null (tag->label.vi);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_widget_activate (find_last_widget (GTK_WIDGET (dialog), "Add Tag"));
  focus = (WidgetWait) { GTK_WIDGET (dialog), "Id", NULL };
  wait_for (widget_focused, &focus);
  type_into_row (dialog, "Id", "ai");
  type_into_row (dialog, "Label (English)", "Again");
  dm_test_press_keys (60, 60, "Return");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  id_row = find_last_widget (GTK_WIDGET (dialog), "Id");
  g_assert_true (gtk_widget_has_css_class (id_row, "error"));
  g_assert_cmpuint (dm_dataset_get_n_tag_labels (dataset), ==, n_labels + 1);

  /* A tag's id is text, never markup, in what the window says of it:
   * its label removed, the toast names the tag its event keeps. */
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (dialog));
  {
    DmEdit *edit = dm_window_edit_get_edit (window);
    g_autoptr(DmEvent) event = dm_event_copy (dm_dataset_get_event (dataset, 0));
    g_autofree char *event_id = g_strdup (event->id);
    DmTag *hostile = dm_tag_new ();
    g_autoptr(GError) error = NULL;

    if (event->tags == NULL)
      event->tags = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (event->tags, g_strdup ("<b>x&y"));
    g_assert_true (dm_edit_change_event (edit, event_id, g_steal_pointer (&event), DM_EVENT_FIELD_TAGS, &error));
    hostile->id = g_strdup ("<b>x&y");
    dm_text_set (&hostile->label, NULL, "Hostile");
    g_assert_true (dm_edit_set_tag_label (edit, n_labels + 1, hostile, &error));
    g_assert_no_error (error);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  labels.n = n_labels + 1;
  gtk_widget_activate (find_nth_widget (GTK_WIDGET (dialog), "Remove Tag Label", n_labels + 1));
  wait_for (tag_labels_counted, &labels);
  shown_text = (WidgetWait) { GTK_WIDGET (dialog), "keeps the tag “<b>x&y”", NULL };
  wait_for (label_shows, &shown_text);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The button labelled @label under @root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
saved_native (gpointer data)
{
  return g_str_equal (dm_dataset_get_origin_format (dm_window_get_dataset (data)), DM_ORIGIN_DAUMOC);
}

/* The text of the extra child of the message dialog over @window: the
 * list of what TimelineJS cannot hold. */
static const char *
dialog_list (DmWindow *window)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (find_dialog (window));

  return extra != NULL ? gtk_label_get_text (GTK_LABEL (extra)) : NULL;
}

/* A timeline opened from TimelineJS, edited (an English title, a tag),
 * then saved: Esc leaves it unsaved; a dialog offers a Dấu Mốc timeline (the default) or an
 * export back, and names what TimelineJS cannot hold of it, from the
 * timeline itself. Exported back over the file (the edits saved), the
 * importer reads the English title back; saved again, Return makes a
 * Dấu Mốc timeline beside it, never over it, which loads with
 * everything. */
static void
test_save_from_timelinejs (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "timelinejs", "vietnamese.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("test-window-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *native_path = g_build_filename (dir, "plan.daumoc.json", NULL);
  g_autofree char *original = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) native_file = g_file_new_for_path (native_path);
  g_autoptr(DmDataset) exported = NULL;
  g_autoptr(DmDataset) native = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) tagged = NULL;
  DmWindow *window;
  DmEdit *edit;
  const DmEvent *event;
  const char *body;

  g_assert_true (g_file_get_contents (fixture, &original, NULL, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  window = dm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_for (has_dataset, window);
  g_object_set (window, "data-language", "en", NULL);
  g_assert_cmpstr (dm_dataset_get_origin_format (dm_window_get_dataset (window)), ==, DM_ORIGIN_TIMELINEJS3);

  /* The first event gets an English title and a tag. */
  edit = dm_window_edit_get_edit (window);
  event = dm_dataset_get_event (dm_window_get_dataset (window), 0);
  g_assert_cmpstr (event->title.vi, ==, "Nghị quyết 52");
  id = g_strdup (event->id);
  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, "Resolution 52", &error));
  g_assert_no_error (error);
  tagged = dm_event_copy (dm_dataset_lookup_event (dm_window_get_dataset (window), id, NULL));
  tagged->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tagged->tags, g_strdup ("4ir"));
  g_assert_true (dm_edit_change_event (edit, id, g_steal_pointer (&tagged), DM_EVENT_FIELD_TAGS, &error));
  g_assert_no_error (error);
  wait_for (title_marked, window);

  /* Esc: nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for (dialog_shown, window);
  dm_test_press_keys (60, 60, "Escape");
  wait_for (dialog_gone, window);
  g_assert_true (title_marked (window));
  g_assert_true (g_file_get_contents (path, &unchanged, NULL, NULL));
  g_assert_cmpstr (unchanged, ==, original);

  /* Saved: the choice, and what TimelineJS loses of this timeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for (dialog_shown, window);
  body = adw_message_dialog_get_body (find_dialog (window));
  g_assert_nonnull (strstr (body, "“plan.json” was opened from a TimelineJS file"));
  g_assert_nonnull (strstr (body, "in English, the language shown, and loses what TimelineJS cannot hold:"));
  g_assert_cmpstr (dialog_list (window), ==, "• the Vietnamese title or summary of 1 event\n• the tags of 1 event");
  g_assert_true (adw_message_dialog_has_response (find_dialog (window), "timelinejs"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (find_dialog (window)), ==, "native");

  /* Exported back, over the file itself (the file chooser, which tests
   * cannot answer, taking what it proposes). */
  dm_window_edit_accept_choosers (window, TRUE);
  gtk_widget_activate (find_button (GTK_WIDGET (find_dialog (window)), "_Export to TimelineJS…"));
  wait_for (title_unmarked, window);
  exported = dm_dataset_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_get_origin_format (exported), ==, DM_ORIGIN_TIMELINEJS3);
  event = dm_dataset_lookup_event (exported, id, NULL);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->title.en, ==, "Resolution 52");
  g_assert_null (event->title.vi);
  g_assert_null (event->tags);
  g_assert_cmpuint (dm_dataset_get_n_events (exported), ==, 3);
  g_assert_false (g_file_test (native_path, G_FILE_TEST_EXISTS));

  /* Saved again: Return is "Save as Dấu Mốc Timeline", a new file beside
   * the TimelineJS one. */
  wait_for (dialog_gone, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for (dialog_shown, window);
  dm_test_press_keys (60, 60, "Return");
  wait_for (saved_native, window);
  g_assert_true (title_unmarked (window));

  native = dm_dataset_load_file (native_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_get_origin_format (native), ==, DM_ORIGIN_DAUMOC);
  event = dm_dataset_lookup_event (native, id, NULL);
  g_assert_cmpstr (event->title.en, ==, "Resolution 52");
  g_assert_cmpstr (event->title.vi, ==, "Nghị quyết 52");
  g_assert_true (dm_event_has_tag (event, "4ir"));

  /* The timeline is now that file: Save writes it without asking. */
  g_assert_true (g_file_equal (dm_dataset_get_file (dm_window_get_dataset (window)), native_file));

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

/* A timeline opened from a spreadsheet is saved as a Dấu Mốc timeline
 * beside it, and the dialog says so: there is no export back. */
static void
test_save_from_sheet (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "sheet", "plain.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("test-window-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.csv", NULL);
  g_autofree char *native_path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *original = NULL;
  g_autofree char *unchanged = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) native_file = g_file_new_for_path (native_path);
  g_autoptr(DmDataset) native = NULL;
  g_autoptr(GError) error = NULL;
  DmWindow *window;
  const char *body;

  g_assert_true (g_file_get_contents (fixture, &original, NULL, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  window = dm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_for (has_dataset, window);
  g_assert_cmpstr (dm_dataset_get_origin_format (dm_window_get_dataset (window)), !=, DM_ORIGIN_DAUMOC);

  dm_window_edit_accept_choosers (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wait_for (dialog_shown, window);
  body = adw_message_dialog_get_body (find_dialog (window));
  g_assert_nonnull (strstr (body, "“plan.csv” was opened from a spreadsheet"));
  g_assert_nonnull (strstr (body, "the spreadsheet stays as it is"));
  g_assert_false (adw_message_dialog_has_response (find_dialog (window), "timelinejs"));
  g_assert_null (adw_message_dialog_get_extra_child (find_dialog (window)));
  dm_test_press_keys (60, 60, "Return");
  wait_for (saved_native, window);

  native = dm_dataset_load_file (native_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dm_dataset_get_origin_format (native), ==, DM_ORIGIN_DAUMOC);
  g_assert_cmpuint (dm_dataset_get_n_events (native), ==, dm_dataset_get_n_events (dm_window_get_dataset (window)));
  g_assert_cmpuint (dm_dataset_get_n_events (native), >, 0);
  g_assert_true (g_file_get_contents (path, &unchanged, NULL, NULL));
  g_assert_cmpstr (unchanged, ==, original);

  gtk_window_destroy (GTK_WINDOW (window));
  dm_test_remove_dir (dir);
}

#endif

/* The editor's fields each have a name for assistive technologies. */
static void
test_editor_fields_named (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  GtkWindow *editor;
  guint named = 0;

  copy_bundled (&copy);
  window = open_copy (&copy);
  select_event (window, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-event", NULL);
  wait_for (editor_open, window);
  editor = dm_window_edit_get_editor (window);

  for (GtkWidget *w = GTK_WIDGET (editor); w != NULL;)
    {
      if (ADW_IS_ENTRY_ROW (w) || ADW_IS_COMBO_ROW (w))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));

          g_assert_nonnull (title);
          g_assert_cmpuint (strlen (title), >, 3);
          named++;
        }
      /* Depth first. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (editor) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (editor) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  /* 17, the source, translation and quote of a quote to add, and the
   * rows that add an actor (3), a figure (3), a list (2) and a link (3). */
  g_assert_cmpuint (named, ==, 31);

  gtk_window_destroy (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

static gboolean
has_relation_to (const DmEvent *event,
                 const char    *id)
{
  for (guint r = 0; event->related != NULL && r < event->related->len; r++)
    if (g_strcmp0 (((DmRelation *) g_ptr_array_index (event->related, r))->event, id) == 0)
      return TRUE;
  return FALSE;
}

/* Relations in the editor: an id entered relates the event to that one,
 * an id of no event is refused at its field, the trash button removes a
 * relation. */
static void
test_editor_relations (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  GtkWindow *editor;
  GtkWidget *type;
  GtkWidget *add;
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  GtkWidget *trash = NULL;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  select_event (window, 0);
  id = g_strdup (dm_dataset_get_event (dataset, 0)->id);
  other = g_strdup (dm_dataset_get_event (dataset, 5)->id);
  g_assert_false (has_relation_to (dm_dataset_get_event (dataset, 0), other));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-event", NULL);
  wait_for (editor_open, window);
  editor = dm_window_edit_get_editor (window);
  type = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "related_type"));
  add = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "related_add"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (type), 3);
  gtk_editable_set_text (GTK_EDITABLE (add), "no-such-event");
  g_signal_emit_by_name (add, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (add, "error"));
  g_assert_false (has_relation_to (dm_dataset_lookup_event (dataset, id, NULL), "no-such-event"));

  gtk_editable_set_text (GTK_EDITABLE (add), other);
  g_signal_emit_by_name (add, "entry-activated");
  g_assert_false (gtk_widget_has_css_class (add, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  {
    const DmEvent *event = dm_dataset_lookup_event (dataset, id, NULL);
    const DmRelation *relation = g_ptr_array_index (event->related, event->related->len - 1);

    g_assert_cmpstr (relation->event, ==, other);
    g_assert_cmpstr (relation->relation, ==, dm_relation_get_names ()[3]);
  }

  /* The last relation's trash button. */
  for (GtkWidget *w = GTK_WIDGET (editor); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && g_str_has_prefix (gtk_widget_get_tooltip_text (w) ? gtk_widget_get_tooltip_text (w) : "",
                                                 "Remove relation"))
        trash = w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (editor) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (editor) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (trash);
  g_signal_emit_by_name (trash, "clicked");
  g_assert_false (has_relation_to (dm_dataset_lookup_event (dataset, id, NULL), other));

  while (dm_edit_undo (dm_window_edit_get_edit (window)))
    ;
  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* A quote added by hand in the editor: the source chosen, the quote and
 * its translation typed, Enter cites it, and undo takes it back. */
static void
test_editor_add_citation (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  GtkWindow *editor;
  GtkWidget *source;
  GtkWidget *translation;
  GtkWidget *quote;
  g_autofree char *id = NULL;
  const DmEvent *event;
  const DmCitation *citation;
  guint n_citations;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  select_event (window, 0);
  event = dm_dataset_get_event (dataset, 0);
  id = g_strdup (event->id);
  n_citations = event->citations != NULL ? event->citations->len : 0;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-event", NULL);
  wait_for (editor_open, window);
  editor = dm_window_edit_get_editor (window);
  source = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "citation_source"));
  translation = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor),
                                                           "citation_translation"));
  quote = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "citation_quote"));

  /* Without a quote, nothing is cited. */
  g_signal_emit_by_name (quote, "entry-activated");
  event = dm_dataset_lookup_event (dataset, id, NULL);
  g_assert_cmpuint (event->citations != NULL ? event->citations->len : 0, ==, n_citations);

  adw_combo_row_set_selected (ADW_COMBO_ROW (source), 4);
  gtk_editable_set_text (GTK_EDITABLE (translation), "more than 2,000 delegates");
  gtk_editable_set_text (GTK_EDITABLE (quote), "hơn 2.000 đại biểu");
  g_signal_emit_by_name (quote, "entry-activated");
  event = dm_dataset_lookup_event (dataset, id, NULL);
  g_assert_cmpuint (event->citations->len, ==, n_citations + 1);
  citation = g_ptr_array_index (event->citations, n_citations);
  g_assert_cmpstr (citation->source, ==, dm_dataset_get_source (dataset, 4)->id);
  g_assert_cmpstr (citation->quote, ==, "hơn 2.000 đại biểu");
  g_assert_cmpstr (citation->translation.en, ==, "more than 2,000 delegates");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quote)), ==, "");

  g_assert_true (dm_edit_undo (dm_window_edit_get_edit (window)));
  event = dm_dataset_lookup_event (dataset, id, NULL);
  g_assert_cmpuint (event->citations != NULL ? event->citations->len : 0, ==, n_citations);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The first widget under @root, shown or not, that is a row titled
 * @title, a button with the tooltip @title or a text view named @title. */
static GtkWidget *
find_titled (GtkWidget  *root,
             const char *title)
{
  if ((ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0) ||
      (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), title) == 0))
    return root;
  if (GTK_IS_TEXT_VIEW (root))
    {
      GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_parent (gtk_widget_get_parent (root)));

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_switch (GtkWidget *root)
{
  if (GTK_IS_SWITCH (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switch (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The actors, figures and lists of an event in the editor: a name typed
 * over one step, an empty one refused, "as printed" turned on; a number
 * that is no number refused at its field, a whole one kept as one; a list's items
 * edited line by line, a line being started changing nothing; a figure
 * removed with its trash button; each one step of undo. */
static void
test_editor_items (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  DmEdit *edit;
  GtkWindow *editor;
  GtkWidget *figures;
  GtkWidget *lists;
  GtkWidget *number;
  GtkWidget *lines;
  GtkTextBuffer *buffer;
  g_autofree char *original = NULL;
  g_autofree char *id = NULL;
  g_autofree char *old_label = NULL;
  const DmEvent *event = NULL;
  const DmFigure *figure;
  const DmList *list;
  guint n_figures;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  edit = dm_window_edit_get_edit (window);
  for (guint i = 0; i < dm_dataset_get_n_events (dataset) && id == NULL; i++)
    if ((event = dm_dataset_get_event (dataset, i))->figures != NULL && event->lists != NULL && event->actors != NULL)
      {
        select_event (window, i);
        id = g_strdup (event->id);
      }
  g_assert_nonnull (id);
  n_figures = event->figures->len;
  original = dm_dataset_to_data (dataset, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-event", NULL);
  wait_for (editor_open, window);
  editor = dm_window_edit_get_editor (window);
  figures = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "figures_group"));

  /* The first actor's name typed over: one step; emptied, refused at the
   * field; "as printed" turned on: a step of its own. */
  {
    GtkWidget *actors = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor),
                                                                   "actors_group"));
    GtkWidget *name = find_titled (actors, "Name");
    GtkWidget *printed = find_titled (actors, "Name as printed in the source, probably wrong there");
    g_autofree char *old_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name)));
    const DmActor *actor;

    g_assert_cmpstr (old_name, ==, ((DmActor *) g_ptr_array_index (event->actors, 0))->name);
    gtk_editable_set_text (GTK_EDITABLE (name), "N");
    gtk_editable_set_text (GTK_EDITABLE (name), "Ng");
    gtk_editable_set_text (GTK_EDITABLE (name), "");
    g_assert_true (gtk_widget_has_css_class (name, "error"));
    gtk_editable_set_text (GTK_EDITABLE (name), "Nguyễn");
    g_assert_false (gtk_widget_has_css_class (name, "error"));
    actor = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->actors, 0);
    g_assert_cmpstr (actor->name, ==, "Nguyễn");
    g_assert_false (actor->as_printed);
    g_assert_true (ADW_IS_ACTION_ROW (printed));
    {
      GtkWidget *toggle = find_switch (printed);

      g_assert_nonnull (toggle);
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    }
    actor = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->actors, 0);
    g_assert_true (actor->as_printed);
    g_assert_cmpstr (actor->name, ==, "Nguyễn");

    g_assert_true (dm_edit_undo (edit));
    actor = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->actors, 0);
    g_assert_false (actor->as_printed);
    g_assert_cmpstr (actor->name, ==, "Nguyễn");
    g_assert_true (dm_edit_undo (edit));
    g_assert_false (dm_edit_can_undo (edit));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, old_name);
    g_assert_cmpstr (((DmActor *) g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->actors, 0))->name,
                     ==, old_name);
  }
  lists = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), G_OBJECT_TYPE (editor), "lists_group"));

  /* The first figure's number. */
  number = find_titled (figures, "Number");
  g_assert_nonnull (number);
  gtk_editable_set_text (GTK_EDITABLE (number), "2,000");
  g_assert_true (gtk_widget_has_css_class (number, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (number), "2,000"));
  g_assert_false (dm_edit_can_undo (edit));
  gtk_editable_set_text (GTK_EDITABLE (number), "9007199254740993");
  g_assert_false (gtk_widget_has_css_class (number, "error"));
  figure = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->figures, 0);
  g_assert_true (figure->value_is_integer);
  g_assert_cmpint (figure->integer, ==, G_GINT64_CONSTANT (9007199254740993));
  dm_edit_close_step (edit);

  /* The first list's English items: a line changed, then a line begun. */
  lines = find_titled (lists, "Items in English, one a line, in the same order");
  g_assert_nonnull (lines);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (lines));
  list = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->lists, 0);
  old_label = g_strdup (((DmText *) g_ptr_array_index (list->items, 0))->en);
  {
    GtkTextIter start;
    GtkTextIter end;

    gtk_text_buffer_get_iter_at_line (buffer, &start, 0);
    end = start;
    gtk_text_iter_forward_to_line_end (&end);
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, "First item", -1);
  }
  list = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->lists, 0);
  g_assert_cmpstr (((DmText *) g_ptr_array_index (list->items, 0))->en, ==, "First item");
  {
    guint n_items = list->items->len;
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "\n", -1);
    list = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->lists, 0);
    g_assert_cmpuint (list->items->len, ==, n_items);
    g_assert_false (gtk_widget_has_css_class (gtk_widget_get_ancestor (lines, GTK_TYPE_LIST_BOX_ROW), "error"));
  }
  dm_edit_close_step (edit);

  /* The last figure's trash button. */
  {
    g_autofree char *remove = g_strdup_printf ("Remove figure %u", n_figures);
    GtkWidget *button = find_titled (figures, remove);

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  event = dm_dataset_lookup_event (dataset, id, NULL);
  g_assert_cmpuint (event->figures != NULL ? event->figures->len : 0, ==, n_figures - 1);

  /* Three steps, each undone: the timeline as it was. */
  g_assert_true (dm_edit_undo (edit));
  g_assert_cmpuint (dm_dataset_lookup_event (dataset, id, NULL)->figures->len, ==, n_figures);
  g_assert_true (dm_edit_undo (edit));
  list = g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->lists, 0);
  g_assert_cmpstr (((DmText *) g_ptr_array_index (list->items, 0))->en, ==, old_label);
  /* The form follows the undo. */
  number = find_titled (figures, "Number");
  g_assert_true (dm_edit_undo (edit));
  g_assert_false (dm_edit_can_undo (edit));
  {
    g_autofree char *now = dm_dataset_to_data (dataset, NULL);
    g_autofree char *shown = dm_figure_value_to_text (g_ptr_array_index (dm_dataset_lookup_event (dataset, id, NULL)->figures, 0));

    g_assert_true (strcmp (now, original) == 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, shown);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* A source's text chosen for a timeline: copied into the "sources"
 * folder beside it (where the loader looks), or named where it already
 * is beside it; never over another file of that name; and refused, with
 * a word on saving first, for a timeline that is not yet a file. */
static void
test_place_text_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-window-edit-place-XXXXXX", &error);
  g_autofree char *elsewhere = g_dir_make_tmp ("test-window-edit-other-XXXXXX", &error);
  g_autofree char *timeline_path = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *beside_path = g_build_filename (dir, "beside.txt", NULL);
  g_autofree char *chosen_path = g_build_filename (elsewhere, "văn bản.txt", NULL);
  g_autofree char *copied_path = g_build_filename (dir, "sources", "văn bản.txt", NULL);
  g_autoptr(GFile) timeline = g_file_new_for_path (timeline_path);
  g_autoptr(GFile) bundled = g_file_new_for_uri ("resource:///vn/daumoc/DauMoc/datasets/vietnam-industry-4.0.json");
  g_autoptr(GFile) beside = g_file_new_for_path (beside_path);
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_path);
  g_autofree char *name = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *sources = g_build_filename (dir, "sources", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (chosen_path, "Nghị quyết số 99", -1, NULL));
  g_assert_true (g_file_set_contents (beside_path, "Bên cạnh", -1, NULL));

  g_assert_null (dm_sources_place_text_file (NULL, chosen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_null (dm_sources_place_text_file (bundled, chosen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  name = dm_sources_place_text_file (timeline, beside, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "beside.txt");
  g_assert_false (g_file_test (sources, G_FILE_TEST_EXISTS));
  g_clear_pointer (&name, g_free);

  name = dm_sources_place_text_file (timeline, chosen, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "văn bản.txt");
  g_assert_true (g_file_get_contents (copied_path, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, "Nghị quyết số 99");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&copied, g_free);

  /* Another file of that name is not replaced. */
  g_assert_true (g_file_set_contents (chosen_path, "Khác", -1, NULL));
  g_assert_null (dm_sources_place_text_file (timeline, chosen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (copied_path, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, "Nghị quyết số 99");

  g_assert_cmpint (g_remove (copied_path), ==, 0);
  g_assert_cmpint (g_remove (chosen_path), ==, 0);
  g_assert_cmpint (g_remove (beside_path), ==, 0);
  g_assert_cmpint (g_rmdir (sources), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpint (g_rmdir (elsewhere), ==, 0);
}

/* What the window shows of one event, each place it is shown */

/* A label showing exactly @text, mapped, in @root. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

/* A row of the event list showing @title, in sight: a list view keeps
 * the row of an item it no longer has a while, mapped, out of sight. */
static gboolean
shows_row_in (GtkWidget  *list,
              GtkWidget  *root,
              const char *title)
{
  graphene_rect_t bounds;

  if (DM_IS_EVENT_ROW (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (dm_event_row_get_text (DM_EVENT_ROW (root), DM_EVENT_ROW_TITLE), title) == 0 &&
      gtk_widget_compute_bounds (root, list, &bounds) &&
      bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (list) &&
      bounds.origin.x + bounds.size.width > 0 && bounds.origin.x < gtk_widget_get_width (list))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (shows_row_in (list, c, title))
      return TRUE;
  return FALSE;
}

static gboolean
shows_row (GtkWidget  *list,
           const char *title)
{
  return shows_row_in (list, list, title);
}

static void
collect_text_cb (const char *text,
                 double      x,
                 double      y,
                 double      size,
                 gpointer    user_data)
{
  g_string_append_printf (user_data, "%s\n", text);
}

/* Whether the timeline draws a label that starts as @text does (a long
 * one ends in an ellipsis). */
static gboolean
timeline_draws (DmWindow   *window,
                const char *text)
{
  DmTimelineView *view = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  DmScene *scene = dm_timeline_view_get_scene (view);
  g_autoptr(GString) drawn = g_string_new ("\n");
  g_autofree char *start = g_utf8_substring (text, 0, 12);
  g_autofree char *line = g_strdup_printf ("\n%s", start);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);

  scene->text_func = collect_text_cb;
  scene->text_data = drawn;
  dm_timeline_view_draw_scene (view, cr);
  scene->text_func = NULL;
  scene->text_data = NULL;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return strstr (drawn->str, line) != NULL;
}

/* The search entry says it changed a moment after the typing: at once
 * here. */
static void
search_for (DmWindow   *window,
            const char *query)
{
  GtkWidget *entry = dm_test_window_child (window, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_signal_emit_by_name (entry, "search-changed");
}

static guint
n_listed (DmWindow *window)
{
  GtkListView *list = GTK_LIST_VIEW (dm_test_window_child (window, "event_view"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

/* Selected anew, so that the list scrolls its row into view again (after
 * a search, it shows its top). */
static void
reselect (DmWindow *window,
          guint     position)
{
  select_event (window, position == 0 ? 1 : 0);
  select_event (window, position);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* @title shown of the selected event in the list, on the timeline and in
 * the details, and @other nowhere. */
static void
assert_shown (DmWindow   *window,
              const char *title,
              const char *other)
{
  GtkWidget *list = dm_test_window_child (window, "event_view");
  GtkWidget *details = dm_test_window_child (window, "detail_pane");

  gtk_widget_queue_draw (dm_test_window_child (window, "timeline"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  if (!shows_row (list, title) || shows_row (list, other))
    g_error ("The list does not show “%s” alone", title);
  if (!shows_label (details, title) || shows_label (details, other))
    g_error ("The details do not show “%s” alone", title);
  if (!timeline_draws (window, title) || timeline_draws (window, other))
    g_error ("The timeline does not draw “%s” alone", title);
}

/* An edit of one event's title, shown again only where it shows
 * (dm_window_show_events_changed()): its row, its item on the timeline,
 * the search and the details all say the new title, and after an undo
 * the old; the zoom stays where it was. */
static void
test_edit_shown_everywhere (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  DmEdit *edit;
  DmTimelineView *view;
  const DmEvent *event;
  g_autofree char *id = NULL;
  g_autofree char *old_title = NULL;
  const char *new_title = "Quokka accord of 2031";
  guint n;
  guint position;
  double at;
  double start;
  double end;
  double after_start;
  double after_end;

  /* Selecting pans at once: the range read is the one shown. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  edit = dm_window_edit_get_edit (window);
  view = DM_TIMELINE_VIEW (dm_test_window_child (window, "timeline"));
  n = dm_dataset_get_n_events (dataset);

  /* An event in the middle, selected, the timeline zoomed in on it. */
  position = n / 2;
  event = dm_dataset_get_event (dataset, position);
  id = g_strdup (event->id);
  old_title = g_strdup (dm_text_get (&event->title, DM_LANGUAGE_EN));
  at = event->axis_start;
  select_event (window, position);
  dm_timeline_view_set_range (view, at - 30, at + 30, FALSE);
  assert_shown (window, old_title, new_title);

  /* The search: nothing says "quokka" yet. */
  search_for (window, "quokka");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 0);
  search_for (window, "");
  reselect (window, position);
  dm_timeline_view_get_range (view, &start, &end);

  g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, new_title, NULL));
  assert_shown (window, new_title, old_title);
  g_assert_cmpint (dm_window_get_selected (window), ==, (int) position);
  dm_timeline_view_get_range (view, &after_start, &after_end);
  g_assert_cmpfloat_with_epsilon (after_start, start, 1e-6);
  g_assert_cmpfloat_with_epsilon (after_end, end, 1e-6);

  g_assert_true (dm_edit_undo (edit));
  assert_shown (window, old_title, new_title);
  g_assert_true (dm_edit_redo (edit));
  assert_shown (window, new_title, old_title);

  /* The search finds the new title, and, undone, no more. */
  search_for (window, "quokka");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_true (shows_row (dm_test_window_child (window, "event_view"), new_title));
  g_assert_true (dm_edit_undo (edit));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, 0);
  search_for (window, "");
  g_assert_cmpuint (n_listed (window), ==, n);

  /* Redone, then the event deleted and brought back: the list counts
   * it out and in. */
  g_assert_true (dm_edit_redo (edit));
  g_assert_true (dm_edit_delete_event (edit, id));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (n_listed (window), ==, n - 1);
  g_assert_false (shows_row (dm_test_window_child (window, "event_view"), new_title));
  g_assert_true (dm_edit_undo (edit));
  reselect (window, position);
  assert_shown (window, new_title, old_title);
  g_assert_cmpuint (n_listed (window), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* This process's recovery copy, if there is one: its text. */
static char *
read_own_recovery (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "daumoc", "recovery", NULL);
  g_autofree char *prefix = g_strdup_printf ("%d-", (int) getpid ());
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *text = NULL;

        if (g_file_get_contents (path, &text, NULL, NULL))
          return text;
      }
  return NULL;
}

static gboolean
recovery_has_edit (gpointer data)
{
  g_autofree char *text = read_own_recovery ();

  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
recovery_gone (gpointer data)
{
  g_autofree char *text = read_own_recovery ();

  return text == NULL;
}

/* A recovery copy is kept a while after an edit, written in a worker
 * (at any size now), and goes once the edit is undone. */
static void
test_recovery_copy (void)
{
  Copy copy = { 0 };
  DmWindow *window;
  DmDataset *dataset;
  g_autofree char *id = NULL;

  copy_bundled (&copy);
  window = open_copy (&copy);
  dataset = dm_window_get_dataset (window);
  id = g_strdup (dm_dataset_get_event (dataset, 3)->id);
  g_assert_null (read_own_recovery ());

  g_assert_true (dm_edit_set_event_text (dm_window_edit_get_edit (window), id, DM_EVENT_FIELD_TITLE_EN,
                                         "Kept for recovery", NULL));
  wait_for (recovery_has_edit, (gpointer) "Kept for recovery");

  g_assert_true (dm_edit_undo (dm_window_edit_get_edit (window)));
  wait_for (recovery_gone, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_copy (&copy);
}

/* The files in the recovery folder of this process's copy of @original
 * ("<pid>-<SHA-1 of its URI>", its copy and its note) and of copies being
 * written (".daumoc-…"). */
static guint
count_copies_of (GFile *original)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "daumoc", "recovery", NULL);
  g_autofree char *uri = g_file_get_uri (original);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1);
  g_autofree char *stem = g_strdup_printf ("%d-%s", (int) getpid (), hash);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    n += g_str_has_prefix (name, stem) || g_str_has_prefix (name, ".daumoc-");
  return n;
}

static gboolean
not_indexing (gpointer data)
{
  return !dm_window_is_indexing (data);
}

static gboolean
writing_copy (gpointer data)
{
  return dm_window_edit_is_writing_copy (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The changes discarded while their recovery copy is being written: the
 * copy goes once it is written, and nothing is left in the folder (it
 * was kept, and offered as unsaved changes at the next start). A
 * timeline this large takes a while to copy. */
static void
test_discard_while_copying (void)
{
  g_autofree char *dir = dm_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autofree char *text = dm_test_large_timeline (60000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DmWindow *window = dm_window_new (NULL);
  DmEdit *edit;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  dm_window_open (window, file);
  wait_for (has_dataset, window);
  wait_for (not_indexing, window);

  edit = dm_window_edit_get_edit (window);
  g_object_add_weak_pointer (G_OBJECT (edit), (gpointer *) &edit);
  g_assert_true (dm_edit_set_event_text (edit, "e123", DM_EVENT_FIELD_TITLE_EN, "Discarded", NULL));
  wait_for (writing_copy, window);

  gtk_window_close (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  /* What this test is about: the copy is still being written. */
  g_assert_true (dm_window_edit_is_writing_copy (window));
  adw_message_dialog_response (find_dialog (window), "discard");

  /* The window goes at once; the copy's worker holds the edits until it
   * has written it. */
  wait_for (pointer_cleared, &edit);
  g_assert_cmpuint (count_copies_of (file), ==, 0);

  dm_test_remove_dir (dir);
}

/* @path and all below it, as far as it goes: a recovery copy being
 * written as the test ends may come after. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  /* Recovery copies go to a folder of the test's own: its windows are
   * destroyed with unsaved edits, and the copies they leave would be
   * offered to the next app the suite starts. */
  g_autofree char *state = g_dir_make_tmp ("test-window-edit-state-XXXXXX", NULL);
  int status;

  g_assert_nonnull (state);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-edit/editor-fields-named", test_editor_fields_named);
  g_test_add_func ("/window-edit/editor-relations", test_editor_relations);
  g_test_add_func ("/window-edit/place-text-file", test_place_text_file);
  g_test_add_func ("/window-edit/editor-add-citation", test_editor_add_citation);
  g_test_add_func ("/window-edit/editor-items", test_editor_items);
  g_test_add_func ("/window-edit/edit-shown-everywhere", test_edit_shown_everywhere);
  g_test_add_func ("/window-edit/recovery-copy", test_recovery_copy);
  g_test_add_func ("/window-edit/discard-while-copying", test_discard_while_copying);
#ifdef DM_TEST_XDOTOOL
  g_test_add_func ("/window-edit/keyboard-edit-and-save", test_keyboard_edit_and_save);
  g_test_add_func ("/window-edit/keyboard-items", test_keyboard_items);
  g_test_add_func ("/window-edit/close-cancel-discard", test_close_cancel_discard);
  g_test_add_func ("/window-edit/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/window-edit/open-asks", test_open_asks);
  g_test_add_func ("/window-edit/cite-from-selection", test_cite_from_selection);
  g_test_add_func ("/window-edit/add-source-and-cite", test_add_source_and_cite);
  g_test_add_func ("/window-edit/add-kind", test_add_kind);
  g_test_add_func ("/window-edit/kind-glyph", test_kind_glyph);
  g_test_add_func ("/window-edit/tags", test_tags);
  g_test_add_func ("/window-edit/save-from-timelinejs", test_save_from_timelinejs);
  g_test_add_func ("/window-edit/save-from-sheet", test_save_from_sheet);
#endif

  status = g_test_run ();
  remove_tree (state);
  return status;
}
