/* test-widgets.c — the window's popover and dialogs, each made, shown in
 * a window, used a little, closed, and then gone
 *
 * Every test ends with g_assert_finalize_object(): a reference left
 * behind (a signal handler, a binding, a closure) keeps the widget, or
 * what it was given, alive, and fails here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dm-detail-pane.h"
#include "dm-edit.h"
#include "dm-export-dialog.h"
#include "dm-filter-popover.h"
#include "dm-source-viewer.h"
#include "dm-test-util.h"

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Turns the main loop until *@flag is set or a few seconds have gone. */
static void
wait_for_flag (const gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (dm_test_seconds (10), dm_test_set_flag_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The filter popover */

static char *
expected_kind_label (DmFilter   *filter,
                     DmDataset  *dataset,
                     guint       k,
                     DmLanguage  language)
{
  g_autoptr(GArray) counts = dm_filter_count_by_kind (filter, dataset, NULL);

  return g_strdup_printf ("%s (%u)", dm_text_get (&dm_dataset_get_kind (dataset, k)->label, language),
                          g_array_index (counts, guint, k));
}

static void
test_filter_popover (void)
{
  DmDataset *dataset = dm_test_load_bundled ();
  DmFilter *filter = dm_filter_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_menu_button_new ();
  DmFilterPopover *popover = DM_FILTER_POPOVER (dm_filter_popover_new ());
  GtkWidget *kind_box = template_child (popover, DM_TYPE_FILTER_POPOVER, "kind_box");
  GtkWidget *tag_box = template_child (popover, DM_TYPE_FILTER_POPOVER, "tag_box");
  GtkSpinButton *year_from = GTK_SPIN_BUTTON (template_child (popover, DM_TYPE_FILTER_POPOVER, "year_from"));
  GtkCheckButton *hide_inferred = GTK_CHECK_BUTTON (template_child (popover, DM_TYPE_FILTER_POPOVER, "hide_inferred"));
  GPtrArray *tags = dm_dataset_get_tags (dataset);
  GtkWidget *check;
  GtkWidget *tag_button;
  g_autofree char *label = NULL;
  guint n_checks = 0;
  guint language_notified = 0;
  DmDate first;
  DmDate last;

  g_object_ref_sink (popover);
  g_signal_connect (popover, "notify::language", G_CALLBACK (count_notify_cb), &language_notified);

  /* Nothing to offer before a dataset comes. */
  dm_filter_popover_set_filter (popover, filter);
  g_assert_null (gtk_widget_get_first_child (kind_box));
  dm_filter_popover_set_dataset (popover, dataset);
  g_assert_true (dm_filter_popover_get_filter (popover) == filter);
  g_assert_true (dm_filter_popover_get_dataset (popover) == dataset);

  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (popover));
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (popover));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* A check per kind, named with how many events it shows. */
  for (check = gtk_widget_get_first_child (kind_box); check; check = gtk_widget_get_next_sibling (check))
    {
      g_autofree char *expected = expected_kind_label (filter, dataset, n_checks, DM_LANGUAGE_EN);

      g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, expected);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      n_checks++;
    }
  g_assert_cmpuint (n_checks, ==, dm_dataset_get_n_kinds (dataset));
  g_assert_cmpuint (tags->len, >, 0);

  /* Unticking a kind hides it; requiring a tag requires it. */
  check = gtk_widget_get_next_sibling (gtk_widget_get_first_child (kind_box));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (dm_filter_get_kind_visible (filter, dm_dataset_get_kind (dataset, 1)->id));
  g_assert_true (dm_filter_get_kind_visible (filter, dm_dataset_get_kind (dataset, 0)->id));
  tag_button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (tag_box)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tag_button), TRUE);
  g_assert_true (dm_filter_get_tag_required (filter, g_ptr_array_index (tags, 0)));

  /* Only stated dates: the counts follow. */
  gtk_check_button_set_active (hide_inferred, TRUE);
  g_assert_true (dm_filter_get_hide_inferred (filter));
  label = expected_kind_label (filter, dataset, 0, DM_LANGUAGE_EN);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (gtk_widget_get_first_child (kind_box))), ==, label);

  /* A year inside the dataset's span bounds it; one before its first
   * year is no bound, and stays as typed. */
  g_assert_true (dm_dataset_get_span (dataset, &first, &last, NULL, NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, (double) first.year);
  gtk_spin_button_set_value (year_from, (double) first.year + 1);
  g_assert_cmpint (dm_filter_get_year_min (filter), ==, first.year + 1);
  gtk_spin_button_set_value (year_from, (double) first.year - 5);
  g_assert_cmpint (dm_filter_get_year_min (filter), ==, DM_FILTER_NO_YEAR_MIN);
  g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, (double) first.year - 5);
  gtk_spin_button_set_value (year_from, (double) first.year + 1);

  /* Show All, from elsewhere: every widget follows the filter. */
  dm_filter_reset (filter);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tag_button)));
  g_assert_false (gtk_check_button_get_active (hide_inferred));
  g_assert_cmpfloat (gtk_spin_button_get_value (year_from), ==, (double) first.year);

  /* Another language: the kinds and tags are named in it, once. */
  g_object_set (popover, "language", "vi", NULL);
  g_object_set (popover, "language", "vi", NULL);
  g_assert_cmpuint (language_notified, ==, 1);
  g_assert_cmpint (dm_filter_popover_get_language (popover), ==, DM_LANGUAGE_VI);
  g_clear_pointer (&label, g_free);
  label = expected_kind_label (filter, dataset, 0, DM_LANGUAGE_VI);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (gtk_widget_get_first_child (kind_box))), ==, label);
  tag_button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (tag_box)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (tag_button)), ==,
                   dm_dataset_format_tag (dataset, g_ptr_array_index (tags, 0), DM_LANGUAGE_VI));

  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Nothing it was given keeps it, nor does it keep what it was given. */
  g_assert_finalize_object (popover);
  g_assert_finalize_object (filter);
  g_assert_finalize_object (dataset);
}

/* The export dialog */

typedef struct
{
  guint    calls;
  gboolean destroyed;
} BaseData;

static void
base_cb (DmExportOptions *options,
         gpointer         user_data)
{
  BaseData *base = user_data;

  base->calls++;
}

static void
base_destroy_cb (gpointer user_data)
{
  BaseData *base = user_data;

  base->destroyed = TRUE;
}

static void
export_cb (DmExportDialog *dialog,
           GFile          *file,
           GFile         **exported)
{
  g_set_object (exported, file);
}

static void
preview_cb (GObject    *picture,
            GParamSpec *pspec,
            gboolean   *shown)
{
  *shown = gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

/* Whether @window is still one of the application's windows: closed, it
 * is not, though a reference may keep the object. */
static gboolean
is_toplevel (gpointer window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, window) != NULL;
}

static void
test_export_dialog (void)
{
  DmDataset *dataset = dm_test_load_bundled ();
  GtkWidget *parent = gtk_window_new ();
  DmExportDialog *dialog = dm_export_dialog_new (GTK_WINDOW (parent), dataset, DM_EXPORT_PNG, DM_LANGUAGE_EN, 900);
  GtkWidget *preview = template_child (dialog, DM_TYPE_EXPORT_DIALOG, "preview");
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/timeline.pdf");
  g_autoptr(GFile) exported = NULL;
  g_autofree char *name = NULL;
  BaseData base = { 0, FALSE };
  gboolean shown = FALSE;
  DmExportOptions options;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "export", G_CALLBACK (export_cb), &exported);
  g_signal_connect (preview, "notify::paintable", G_CALLBACK (preview_cb), &shown);
  dm_export_dialog_set_base_func (dialog, base_cb, &base, base_destroy_cb);

  /* A picture asks its size, not paper. */
  gtk_window_present (GTK_WINDOW (parent));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "width_spin"))),
                   ==, 900);
  g_assert_true (gtk_widget_get_visible (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "size_group")));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "paper_group")));

  /* The preview is drawn from what the window would export. */
  wait_for_flag (&shown);
  g_assert_cmpuint (base.calls, >, 0);

  /* A handout asks its paper, and is named as one. */
  dm_export_dialog_set_format (dialog, DM_EXPORT_PDF);
  g_assert_cmpint (dm_export_dialog_get_format (dialog), ==, DM_EXPORT_PDF);
  g_assert_false (gtk_widget_get_visible (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "size_group")));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "paper_group")));
  name = dm_export_dialog_suggest_name (dialog);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  dm_export_options_init (&options, dataset);
  options.selected = 3;
  dm_export_dialog_apply (dialog, &options);
  g_assert_cmpint (options.selected, ==, -1);

  /* Export, told where: the file is handed on, and the dialog stays for
   * the window to close. */
  dm_export_dialog_set_file (dialog, file);
  g_signal_emit_by_name (template_child (dialog, DM_TYPE_EXPORT_DIALOG, "export_button"), "clicked");
  g_assert_nonnull (exported);
  g_assert_true (g_file_equal (exported, file));
  g_assert_true (is_toplevel (dialog));

  /* Closed as Esc closes it; gone, it lets go of what the window gave
   * it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_false (is_toplevel (dialog));
  g_assert_finalize_object (dialog);
  g_assert_true (base.destroyed);
  g_assert_finalize_object (dataset);
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* The source viewer */

static void
test_source_viewer (void)
{
  GtkWidget *parent = gtk_window_new ();
  DmSourceViewer *viewer = dm_source_viewer_new (GTK_WINDOW (parent));
  GtkTextView *text_view = GTK_TEXT_VIEW (template_child (viewer, DM_TYPE_SOURCE_VIEWER, "text_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.daumoc.DauMoc");
  g_autofree char *selected = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_object_ref_sink (viewer);
  gtk_window_set_default_size (GTK_WINDOW (viewer), 520, 410);
  gtk_window_present (GTK_WINDOW (parent));

  /* The quoted passage selected, white space as the text has it; the
   * title (the dataset's) is text, not markup. */
  dm_source_viewer_show_text (viewer, "A <b>title</b>", "Before.\nThe   quoted\npassage. After.", "The quoted passage.");
  gtk_window_present (GTK_WINDOW (viewer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "A <b>title</b>");
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "The   quoted\npassage.");

  /* Shown again for the next source, with nothing selected when the
   * quote is not in the text. */
  dm_source_viewer_show_text (viewer, "Second", "Another text.", "not there");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "Second");
  g_assert_false (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));

  /* Closed as Esc and Ctrl+W close it: its size is kept for next time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "window.close", NULL));
  g_assert_false (is_toplevel (viewer));
  g_assert_cmpint (g_settings_get_int (settings, "source-viewer-width"), ==, 520);
  g_assert_cmpint (g_settings_get_int (settings, "source-viewer-height"), ==, 410);
  g_assert_finalize_object (viewer);
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* The positions the related-event buttons of @widget lead to, in order. */
static void
collect_related (GtkWidget *widget,
                 GArray    *positions)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "related-event"))
    {
      guint position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "position"));

      g_array_append_val (positions, position);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_related (c, positions);
}

typedef struct
{
  DmDetailPane *pane;
  char         *id;      /* of the event shown */
} PaneCheck;

/* After each change, told as the window tells it, the pane shows the
 * event's related events: its own relations', then those of the events
 * that name it, as the dataset's table of referrers (made afresh) has
 * them. */
static void
pane_changed_cb (DmEdit    *edit,
                 PaneCheck *check)
{
  DmDataset *dataset = dm_edit_get_dataset (edit);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  const DmEvent *event;
  const DmReferrer *referrers;
  guint position;
  guint removed;
  guint added;
  guint n;

  if (dm_edit_get_changed_range (edit, &position, &removed, &added))
    dm_detail_pane_events_changed (check->pane, position, removed, added);
  else
    dm_detail_pane_dataset_changed (check->pane);

  event = dm_dataset_lookup_event (dataset, check->id, &position);
  g_assert_nonnull (event);
  dm_detail_pane_show (check->pane, dataset, (int) position, DM_LANGUAGE_EN);
  collect_related (GTK_WIDGET (check->pane), shown);

  for (guint r = 0; event->related != NULL && r < event->related->len; r++)
    {
      guint target;

      if (dm_dataset_lookup_event (dataset, ((DmRelation *) g_ptr_array_index (event->related, r))->event, &target) != NULL)
        g_array_append_val (expected, target);
    }
  referrers = dm_dataset_get_referrers (dataset, position, &n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (expected, referrers[i].position);

  g_assert_cmpmem (shown->data, shown->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
}

/* The referrers the detail pane keeps across edits (so as not to make
 * the dataset's table again at each keystroke) follow random edits:
 * relations to the event shown added and removed, events moved past it,
 * deleted, undone. */
static void
test_detail_pane_referrers (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  GtkWidget *pane = g_object_ref_sink (dm_detail_pane_new ());
  guint n = dm_dataset_get_n_events (dataset);
  PaneCheck check = { DM_DETAIL_PANE (pane), NULL };
  guint most = 0;
  guint shown_at = 0;

  /* The event most referred to. */
  for (guint i = 0; i < n; i++)
    {
      guint count;

      dm_dataset_get_referrers (dataset, i, &count);
      if (count > most)
        most = count, shown_at = i;
    }
  g_assert_cmpuint (most, >, 0);
  check.id = g_strdup (dm_dataset_get_event (dataset, shown_at)->id);
  dm_detail_pane_show (check.pane, dataset, (int) shown_at, DM_LANGUAGE_EN);
  g_signal_connect (edit, "changed", G_CALLBACK (pane_changed_cb), &check);

  for (guint step = 0; step < 150; step++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, dm_dataset_get_n_events (dataset)));
      g_autofree char *id = g_strdup (event->id);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (id, check.id) == 0 && g_rand_int_range (rand, 0, 3) != 0)
        {
          g_autofree char *title = g_strdup_printf ("Typed %u", step);

          g_assert_true (dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_EN, title, &error));
          continue;
        }

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          {
            /* A relation to the event shown, or none. */
            DmEvent *copy = dm_event_copy (event);

            if (copy->related != NULL && g_rand_boolean (rand))
              g_clear_pointer (&copy->related, g_ptr_array_unref);
            else if (g_strcmp0 (id, check.id) != 0)
              {
                DmRelation *relation = dm_relation_new ();

                relation->relation = g_strdup ("cites");
                relation->event = g_strdup (check.id);
                if (copy->related == NULL)
                  copy->related = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_relation_free);
                g_ptr_array_add (copy->related, relation);
              }
            g_assert_true (dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_RELATED, &error));
          }
          break;
        case 1:
          dm_test_move_event_to_year (edit, event, id, rand, 2000, 2030);
          break;
        case 2:
          if (g_strcmp0 (id, check.id) != 0)
            g_assert_true (dm_edit_delete_event (edit, id));
          break;
        case 3:
          g_free (dm_edit_duplicate_event (edit, id));
          break;
        default:
          dm_edit_undo (edit);
          break;
        }
      g_assert_no_error (error);
      dm_edit_close_step (edit);
    }

  g_signal_handlers_disconnect_by_data (edit, &check);
  g_free (check.id);
  g_object_unref (pane);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/widgets/filter-popover", test_filter_popover);
  g_test_add_func ("/widgets/export-dialog", test_export_dialog);
  g_test_add_func ("/widgets/source-viewer", test_source_viewer);
  g_test_add_func ("/widgets/detail-pane-referrers", test_detail_pane_referrers);

  return g_test_run ();
}
