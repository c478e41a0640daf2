/* test-slides.c — `daumoc --export=deck.pdf --slides`, run as a process
 * with no display, read back with poppler's pdfinfo and pdftotext: a
 * 16:9 page for each slide, the opening and closing slides included, each
 * event's title on its page, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib.h>

#include "dm-filter.h"
#include "dm-search.h"
#include "dm-slides.h"
#include "dm-test-util.h"

/* Runs @argv; returns its exit status, and what it printed in @out. */
static int
run (const char * const *argv,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Runs of white space as one space, so that wrapped lines compare. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
page_text (const char *pdf,
           guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-f", number, "-l", number, "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run (argv, &out), ==, 0);
  return squeeze (out);
}

static guint
page_count (const char *pdf,
            double     *width,
            double     *height)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint pages = 0;

  g_assert_cmpint (run (argv, &out), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page size:"))
        g_assert_cmpint (sscanf (lines[i] + strlen ("Page size:"), " %lf x %lf", width, height), ==, 2);
    }

  return pages;
}

typedef struct
{
  const char *name;
  const char *args[4];
  DmLanguage  language;
  const char *kind;       /* the only kind presented, or NULL */
  const char *search;     /* what each event presented says, or NULL */
} Case;

static const Case cases[] = {
  { "all", { "--lang=en", NULL }, DM_LANGUAGE_EN, NULL, NULL },
  { "resolutions-vi", { "--lang=vi", "--kind=resolution", NULL }, DM_LANGUAGE_VI, "resolution", NULL },
  { "range-search", { "--lang=en", "--from=2019", "--to=2020", "--search=WEF" }, DM_LANGUAGE_EN, NULL, "WEF" },
};

static void
test_deck (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(DmDataset) dataset = dm_test_load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("daumoc-slides-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *output = NULL;
  g_autofree char *out = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DmFilter) filter = NULL;
  g_autoptr(DmSearchIndex) index = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  double width = 0;
  double height = 0;
  guint pages;
  guint page = 2;

  g_assert_no_error (error);
  pdf = g_build_filename (dir, "deck.pdf", NULL);
  output = g_strdup_printf ("--export=%s", pdf);
  g_ptr_array_add (argv, (gpointer) g_getenv ("DAUMOC"));
  g_ptr_array_add (argv, output);
  g_ptr_array_add (argv, (gpointer) "--slides");
  for (guint i = 0; i < G_N_ELEMENTS (c->args) && c->args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) c->args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (run ((const char * const *) argv->pdata, &out), ==, 0);

  /* 16:9 pages, one at least for each slide. */
  pages = page_count (pdf, &width, &height);
  g_assert_cmpfloat (width, ==, DM_SLIDES_PAGE_WIDTH);
  g_assert_cmpfloat (height, ==, DM_SLIDES_PAGE_HEIGHT);
  g_assert_cmpfloat (fabs (width / height - 16.0 / 9.0), <, 0.001);

  /* The events the filters leave, in time order, as the explorer finds
   * them. */
  filter = dm_filter_new ();
  for (guint k = 0; c->kind != NULL && k < dm_dataset_get_n_kinds (dataset); k++)
    dm_filter_set_kind_visible (filter, dm_dataset_get_kind (dataset, k)->id,
                                g_str_equal (dm_dataset_get_kind (dataset, k)->id, c->kind));
  if (c->search != NULL)
    {
      dm_filter_set_search_text (filter, c->search);
      index = dm_search_index_new (dataset);
    }
  dm_filter_apply (filter, dataset, index, shown);
  for (guint i = 0; i < shown->len; i++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, g_array_index (shown, guint, i));
      DmDate from, to;

      g_assert_true (dm_date_parse ("2019", &from, NULL));
      g_assert_true (dm_date_parse ("2020", &to, NULL));
      if (c->search != NULL
          && (event->axis_end <= dm_date_get_axis_start (&from) || event->axis_start >= dm_date_get_axis_end (&to)))
        continue;
      g_ptr_array_add (titles, squeeze (dm_text_get (&event->title, c->language)));
    }
  g_assert_cmpuint (titles->len, >, 0);
  g_assert_cmpuint (pages, >=, titles->len + 2);
  g_test_message ("%s: %u events on %u pages", c->name, titles->len, pages);

  /* The opening slide: the timeline's title and how many events. */
  first = page_text (pdf, 1);
  {
    g_autofree char *title = squeeze (dm_text_get (dm_dataset_get_title (dataset), c->language));
    g_autofree char *count = g_strdup_printf ("%u events", titles->len);

    g_assert_nonnull (strstr (first, title));
    g_assert_nonnull (strstr (first, count));
  }

  /* Each event on its page, in order; a long text goes on over the next
   * page, marked so, under the same title. */
  for (guint i = 0; i < titles->len; i++)
    {
      g_autofree char *text = page_text (pdf, page++);
      g_autofree char *counter = g_strdup_printf ("%u / %u", i + 1, titles->len);
      /* (pdftotext may run a small counter's characters together) */
      g_autofree char *tight = g_strdup_printf ("%u/%u", i + 1, titles->len);

      if (strstr (text, g_ptr_array_index (titles, i)) == NULL)
        g_error ("Page %u does not hold “%s”: %s", page - 1, (char *) g_ptr_array_index (titles, i), text);
      g_assert_true (strstr (text, counter) != NULL || strstr (text, tight) != NULL);
      while (page < pages)
        {
          g_autofree char *next = page_text (pdf, page);

          if (strstr (next, "(continued") == NULL)
            break;
          g_assert_nonnull (strstr (next, g_ptr_array_index (titles, i)));
          page++;
        }
    }

  /* The closing slide: the sources. */
  g_assert_cmpuint (page, ==, pages);
  last = page_text (pdf, pages);
  g_assert_nonnull (strstr (last, "Sources"));
  if (c->search == NULL)
    g_assert_nonnull (strstr (last, "baochinhphu.vn"));

  g_assert_cmpint (g_remove (pdf), ==, 0);
  dm_test_remove_dir (dir);
}

/* A deck is a PDF. */
static void
test_usage (void)
{
  const char *argv[] = { g_getenv ("DAUMOC"), "--export=deck.png", "--slides", NULL };
  const char *no_export[] = { g_getenv ("DAUMOC"), "--slides", NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  g_assert_cmpint (run (argv, &out), ==, 2);
  g_assert_cmpint (run (no_export, &out2), ==, 2);
  g_assert_false (g_file_test ("deck.png", G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slides/deck/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_deck);
    }
  g_test_add_func ("/slides/usage", test_usage);

  return g_test_run ();
}
