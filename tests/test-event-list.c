/* test-event-list.c — the event list model behind the list view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "dm-event-list.h"
#include "dm-test-util.h"

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *changes = user_data;

  (*changes)++;
}

static GArray *
positions_new (guint n)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    g_array_append_val (positions, i);
  return positions;
}

/* A search that matches nothing, typed on: the same empty list each time.
 * (An empty GArray's data is NULL: under UBSan, comparing it with memcmp
 * was undefined behaviour.) */
static void
test_empty_positions (void)
{
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(DmEventList) list = dm_event_list_new ();
  g_autoptr(GArray) none = positions_new (0);
  g_autoptr(GArray) none_again = positions_new (0);
  g_autoptr(GArray) two = positions_new (2);
  g_autoptr(GArray) two_again = positions_new (2);
  guint changes = 0;

  dm_event_list_set_dataset (list, dataset);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  dm_event_list_set_positions (list, none);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes, ==, 1);

  /* Nothing changed: nothing said. */
  dm_event_list_set_positions (list, none_again);
  g_assert_cmpuint (changes, ==, 1);

  dm_event_list_set_positions (list, two);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (changes, ==, 2);
  dm_event_list_set_positions (list, two_again);
  g_assert_cmpuint (changes, ==, 2);

  dm_event_list_set_positions (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, dm_dataset_get_n_events (dataset));
  g_assert_cmpuint (changes, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-list/empty-positions", test_empty_positions);

  return g_test_run ();
}
