/* dm-benchmark.c — how Dấu Mốc scales: load, frame and search times on
 * synthetic timelines of 10 000 to 1 000 000 events
 *
 *   dm-benchmark [--sizes=10000,100000,1000000] [--out=DIR] [--runs=N]
 *                [--only=load,frame,search,edit] [--daumoc=PATH] [--timelinejs]
 *
 * For each size it writes a deterministic timeline in the native format
 * (a fixed GRand seed: the same file every time, byte for byte), then
 * measures:
 *
 *   load    `daumoc --check FILE` run as a child process (wall time, and
 *           its peak resident memory from wait4()); the same load in a
 *           fresh process of this program (dm_dataset_load_file() time and
 *           VmRSS once the dataset is built and the JSON is gone); with
 *           --timelinejs, the same for the same events written as
 *           TimelineJS3 by the exporter (synthetic-N-vG.timelinejs.json,
 *           made from the native file once, by a child process: a child
 *           spawned later reports, as its peak, at least this process's
 *           own at the time, which loading the events here would raise),
 *           and how the two compare;
 *   frame   a scripted zoom and pan, from the whole span down to an hour
 *           across the screen and back: each step lays out and draws the
 *           1920×1080 scene (DmScene, the code the view and the exports
 *           draw with) onto a cairo image surface, with label widths cached
 *           per event as the view caches them;
 *   search  queries typed letter by letter through a DmSearchState, and
 *           through DmFilter as the window applies it; the index build is
 *           timed on its own.
 *   edit    DmEdit: an event moved to another date (the worst case: it
 *           moves in time order), a letter typed in a title, and the undo
 *           of each, every one followed by the range query of the next
 *           frame (which rebuilds the interval index); and the dataset
 *           written out as JSON text, as a save does in its worker.
 *
 * Times are given as median, 95th percentile and maximum. Nothing here
 * needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "dm-bench-stats.h"
#include "dm-dataset.h"
#include "dm-export-timelinejs.h"
#include "dm-edit.h"
#include "dm-filter.h"
#include "dm-loader.h"
#include "dm-scene.h"
#include "dm-search.h"

#define GENERATOR_VERSION 1
#define SEED 20160122        /* the day of the WEF session that named it */
#define SCENE_WIDTH 1920
#define SCENE_HEIGHT 1080

extern char **environ;

/* Statistics */

typedef DmBenchStats Stats;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Resident memory of this process, in MiB (VmRSS or VmHWM). */
static double
proc_status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  if (p == NULL)
    return -1;

  return g_ascii_strtod (p + strlen (field) + 1, NULL) / 1024.0;
}

/* The synthetic timeline */

static const char * const vi_words[] = {
  "hội", "thảo", "nghị", "quyết", "chuyển", "đổi", "số", "công", "nghiệp", "cách", "mạng", "lần", "thứ",
  "tư", "diễn", "đàn", "kinh", "tế", "quốc", "gia", "chiến", "lược", "phát", "triển", "kế", "hoạch", "hợp",
  "tác", "ký", "kết", "biên", "bản", "ghi", "nhớ", "trí", "tuệ", "nhân", "tạo", "đô", "thị", "thông", "minh",
  "đào", "nguồn", "lực", "chính", "phủ", "bộ", "khoa", "học", "và", "nghệ", "dữ", "liệu", "mở", "doanh",
  "khởi", "nghiệp", "sáng", "năng", "lượng", "sạch", "Hà", "Nội", "Đà", "Nẵng", "Huế", "Cần", "Thơ",
  "thành", "phố", "Hồ", "Chí", "Minh", "hạ", "tầng", "viễn", "an", "ninh", "mạng", "giáo", "dục", "y",
  "điện", "tử", "thương", "mại", "nông", "thôn", "mới", "báo", "cáo", "đề", "án", "thí", "điểm",
};

static const char * const en_words[] = {
  "forum", "resolution", "plan", "digital", "transformation", "industry", "revolution", "fourth",
  "national", "strategy", "memorandum", "of", "understanding", "signed", "artificial", "intelligence",
  "smart", "city", "training", "workforce", "Hanoi", "Da", "Nang", "Hue", "Can", "Tho", "Ho", "Chi",
  "Minh", "City", "government", "ministry", "science", "and", "technology", "open", "data", "business",
  "startup", "innovation", "clean", "energy", "infrastructure", "telecommunications", "cyber", "security",
  "education", "health", "e-commerce", "rural", "development", "report", "pilot", "project", "summit",
  "conference", "agreement", "launch", "network", "platform", "research", "cooperation", "programme",
};

typedef struct
{
  const char *id;
  const char *vi;
  const char *en;
  const char *color;
  const char *icon;
  guint       weight;
} KindSpec;

static const KindSpec kinds[] = {
  { "forum",     "Diễn đàn",       "Forum",      "#1c71d8", "forum",      30 },
  { "law",       "Văn bản",        "Legal text", "#c01c28", "resolution", 20 },
  { "plan",      "Kế hoạch",       "Plan",       "#813d9c", "plan",       15 },
  { "mou",       "Biên bản ghi nhớ", "Memorandum", "#26a269", "mou",      10 },
  { "report",    "Báo cáo",        "Report",     "#e5a50a", NULL,         10 },
  { "launch",    "Ra mắt",         "Launch",     "#c64600", NULL,          7 },
  { "training",  "Đào tạo",        "Training",   "#2190a4", NULL,          5 },
  { "other",     "Khác",           "Other",      "#5e5c64", NULL,          3 },
};

static const char * const family_names[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
};
static const char * const middle_names[] = { "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc" };
static const char * const given_names[] = {
  "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam",
  "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy",
};

#define N_SOURCES 24
#define N_TAGS 64
#define N_BURSTS 12

typedef struct
{
  GRand   *rand;
  FILE    *out;
  GString *buf;
  double   burst_day[N_BURSTS];
  double   burst_width[N_BURSTS];  /* days */
} Generator;

static void
flush_buffer (Generator *g,
              gboolean   force)
{
  if (g->buf->len > (force ? 0 : 1 << 20))
    {
      fwrite (g->buf->str, 1, g->buf->len, g->out);
      g_string_truncate (g->buf, 0);
    }
}

static void
put_string (GString    *buf,
            const char *text)
{
  g_string_append_c (buf, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (buf, '\\');
      if (*p == '\n')
        g_string_append (buf, "\\n");
      else
        g_string_append_c (buf, *p);
    }
  g_string_append_c (buf, '"');
}

static int
pick (GRand *rand,
      int    n)
{
  return g_rand_int_range (rand, 0, n);
}

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

/* @n_words words from @words, the first capitalised. */
static void
append_words (GString            *out,
              GRand              *rand,
              const char * const *words,
              int                 n_pool,
              int                 n_words)
{
  for (int i = 0; i < n_words; i++)
    {
      const char *word = words[pick (rand, n_pool)];

      if (i > 0)
        g_string_append_c (out, ' ');
      if (i == 0)
        {
          gunichar c = g_utf8_get_char (word);

          g_string_append_unichar (out, g_unichar_totitle (c));
          g_string_append (out, g_utf8_next_char (word));
        }
      else
        g_string_append (out, word);
    }
}

static void
put_text (Generator  *g,
          const char *vi,
          const char *en)
{
  g_string_append_c (g->buf, '{');
  if (vi != NULL)
    {
      g_string_append (g->buf, "\"vi\":");
      put_string (g->buf, vi);
    }
  if (en != NULL)
    {
      if (vi != NULL)
        g_string_append_c (g->buf, ',');
      g_string_append (g->buf, "\"en\":");
      put_string (g->buf, en);
    }
  g_string_append_c (g->buf, '}');
}

/* A text in both languages (sometimes only one) of @min to @max words. */
static void
put_words (Generator *g,
           int        min,
           int        max)
{
  g_autoptr(GString) vi = g_string_new (NULL);
  g_autoptr(GString) en = g_string_new (NULL);
  int n = min + pick (g->rand, max - min + 1);
  double r = g_rand_double (g->rand);

  append_words (vi, g->rand, vi_words, G_N_ELEMENTS (vi_words), n);
  append_words (en, g->rand, en_words, G_N_ELEMENTS (en_words), n);
  put_text (g, r < 0.9 || r >= 0.95 ? vi->str : NULL, r < 0.95 ? en->str : NULL);
}

static void
format_date (GString         *out,
             DmDatePrecision  precision,
             double           axis)
{
  gint64 days = (gint64) floor (axis);
  guint minutes = (guint) ((axis - days) * 1440);
  gint64 year;
  guint month;
  guint day;

  dm_date_civil_from_days (days, &year, &month, &day);
  switch (precision)
    {
    case DM_DATE_PRECISION_YEAR:
      g_string_append_printf (out, "%04" G_GINT64_FORMAT, year);
      break;
    case DM_DATE_PRECISION_MONTH:
      g_string_append_printf (out, "%04" G_GINT64_FORMAT "-%02u", year, month);
      break;
    case DM_DATE_PRECISION_DAY:
      g_string_append_printf (out, "%04" G_GINT64_FORMAT "-%02u-%02u", year, month, day);
      break;
    case DM_DATE_PRECISION_MINUTE:
      g_string_append_printf (out, "%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u", year, month, day,
                              minutes / 60, minutes % 60);
      break;
    case DM_DATE_PRECISION_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* When an event happens: a third in a dozen bursts (some a single busy
 * day, some a month), the rest from 1800 on, thicker since 1990, with two
 * long empty stretches. */
static double
event_time (Generator       *g,
            DmDatePrecision *precision)
{
  static const double empty[][2] = { { 1861, 1900 }, { 1915, 1945 } };
  double r = g_rand_double (g->rand);

  if (r < 0.33)
    {
      int b = pick (g->rand, N_BURSTS);

      *precision = g->burst_width[b] < 2 ? DM_DATE_PRECISION_MINUTE : DM_DATE_PRECISION_DAY;
      return g->burst_day[b] + g_rand_double (g->rand) * g->burst_width[b];
    }

  r = g_rand_double (g->rand);
  *precision = r < 0.05 ? DM_DATE_PRECISION_YEAR
             : r < 0.20 ? DM_DATE_PRECISION_MONTH
             : r < 0.85 ? DM_DATE_PRECISION_DAY
             : DM_DATE_PRECISION_MINUTE;

  for (;;)
    {
      double year = chance (g->rand, 0.4) ? g_rand_double_range (g->rand, 1800, 2025)
                                          : g_rand_double_range (g->rand, 1990, 2025);
      gboolean in_gap = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
        in_gap |= year >= empty[i][0] && year < empty[i][1];
      if (!in_gap)
        return dm_date_days_from_civil ((gint64) year, 1, 1) + (year - floor (year)) * 365;
    }
}

static void
put_event (Generator *g,
           guint      i)
{
  GString *b = g->buf;
  DmDatePrecision precision;
  double start = event_time (g, &precision);
  guint weight = pick (g->rand, 100);
  guint k = 0;

  for (guint acc = kinds[0].weight; weight >= acc; acc += kinds[++k].weight)
    ;

  g_string_append_printf (b, "  {\"id\":\"ev-%07u\",\"kind\":\"%s\",\"start\":\"", i, kinds[k].id);
  format_date (b, precision, start);
  g_string_append_c (b, '"');

  if (chance (g->rand, 0.2))
    {
      /* A range: days, months or years long. */
      double r = g_rand_double (g->rand);
      double length = r < 0.6 ? 1 + pick (g->rand, 30) : r < 0.9 ? 31 * (1 + pick (g->rand, 24)) : 366 * (1 + pick (g->rand, 10));

      g_string_append (b, ",\"end\":\"");
      format_date (b, precision, start + length);
      g_string_append_c (b, '"');
    }

  {
    double r = g_rand_double (g->rand);

    if (r < 0.08)
      g_string_append (b, ",\"certainty\":\"inferred\"");
    else if (r < 0.12)
      g_string_append (b, ",\"certainty\":\"approximate\"");
    else if (r < 0.15)
      {
        g_string_append (b, ",\"certainty\":{\"level\":\"inferred\",\"reason\":");
        put_words (g, 6, 14);
        g_string_append_c (b, '}');
      }
  }

  g_string_append (b, ",\"title\":");
  if (chance (g->rand, 0.5))
    {
      g_autofree char *vi = g_strdup_printf ("%s %u", kinds[k].vi, i);
      g_autofree char *en = g_strdup_printf ("%s %u", kinds[k].en, i);

      put_text (g, vi, en);
    }
  else
    put_words (g, 6, 22);

  if (chance (g->rand, 0.4))
    {
      g_string_append (b, ",\"summary\":");
      put_words (g, 15, 45);
    }

  if (chance (g->rand, 0.2))
    {
      g_string_append (b, ",\"place\":");
      put_words (g, 1, 3);
    }

  if (chance (g->rand, 0.15))
    {
      int n = 1 + pick (g->rand, 3);

      g_string_append (b, ",\"actors\":[");
      for (int a = 0; a < n; a++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s %s",
                                                   family_names[pick (g->rand, G_N_ELEMENTS (family_names))],
                                                   middle_names[pick (g->rand, G_N_ELEMENTS (middle_names))],
                                                   given_names[pick (g->rand, G_N_ELEMENTS (given_names))]);

          g_string_append (b, a > 0 ? ",{\"name\":" : "{\"name\":");
          put_string (b, name);
          if (chance (g->rand, 0.5))
            {
              g_string_append (b, ",\"role\":");
              put_words (g, 1, 3);
            }
          g_string_append_c (b, '}');
        }
      g_string_append_c (b, ']');
    }

  if (chance (g->rand, 0.4))
    {
      int n = 1 + pick (g->rand, 3);

      g_string_append (b, ",\"tags\":[");
      for (int t = 0; t < n; t++)
        g_string_append_printf (b, "%s\"%s-%02d\"", t > 0 ? "," : "",
                                en_words[pick (g->rand, 12)], pick (g->rand, N_TAGS / 12 + 1));
      g_string_append_c (b, ']');
    }

  if (i > 0 && chance (g->rand, 0.02))
    g_string_append_printf (b, ",\"related\":[{\"event\":\"ev-%07u\",\"relation\":\"follows-up\"}]",
                            (guint) pick (g->rand, (int) i));

  if (chance (g->rand, 0.3))
    {
      g_string_append_printf (b, ",\"citations\":[{\"source\":\"s%02d\"", pick (g->rand, N_SOURCES));
      if (chance (g->rand, 0.5))
        {
          g_autoptr(GString) quote = g_string_new (NULL);

          append_words (quote, g->rand, vi_words, G_N_ELEMENTS (vi_words), 8 + pick (g->rand, 20));
          g_string_append (b, ",\"quote\":");
          put_string (b, quote->str);
        }
      g_string_append (b, "}]");
    }

  if (chance (g->rand, 0.01))
    g_string_append_printf (b, ",\"x-row\":%u", i);

  g_string_append (b, "}");
}

static gboolean
generate (const char  *path,
          guint        n,
          GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  Generator g = { 0 };

  g.out = fopen (tmp, "wb");
  if (g.out == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", tmp, g_strerror (errno));
      return FALSE;
    }

  g.rand = g_rand_new_with_seed (SEED);
  g.buf = g_string_sized_new (2 << 20);

  for (guint b = 0; b < N_BURSTS; b++)
    {
      g.burst_day[b] = dm_date_days_from_civil (1995 + pick (g.rand, 30), 1 + pick (g.rand, 12), 1 + pick (g.rand, 28));
      g.burst_width[b] = b % 3 == 0 ? 1 : 30;
    }

  g_string_append_printf (g.buf,
                          "{\n  \"format\": \"daumoc-timeline\",\n  \"version\": 1,\n"
                          "  \"x-generator\": \"dm-benchmark %d, seed %d, %u events\",\n"
                          "  \"title\": {\"vi\": \"Dòng thời gian tổng hợp\", \"en\": \"Synthetic timeline\"},\n"
                          "  \"kinds\": [\n",
                          GENERATOR_VERSION, SEED, n);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_string_append_printf (g.buf, "    {\"id\": \"%s\", \"label\": {\"vi\": \"%s\", \"en\": \"%s\"}, \"color\": \"%s\"",
                              kinds[k].id, kinds[k].vi, kinds[k].en, kinds[k].color);
      if (kinds[k].icon != NULL)
        g_string_append_printf (g.buf, ", \"icon\": \"%s\"", kinds[k].icon);
      g_string_append (g.buf, k + 1 < G_N_ELEMENTS (kinds) ? "},\n" : "}\n");
    }
  g_string_append (g.buf, "  ],\n  \"sources\": [\n");
  for (guint s = 0; s < N_SOURCES; s++)
    g_string_append_printf (g.buf, "    {\"id\": \"s%02u\", \"title\": {\"vi\": \"Nguồn %u\", \"en\": \"Source %u\"}, "
                            "\"publisher\": \"Báo %u\", \"url\": \"https://example.org/%u\"}%s\n",
                            s, s, s, s, s, s + 1 < N_SOURCES ? "," : "");
  g_string_append (g.buf, "  ],\n  \"events\": [\n");

  for (guint i = 0; i < n; i++)
    {
      put_event (&g, i);
      g_string_append (g.buf, i + 1 < n ? ",\n" : "\n");
      flush_buffer (&g, FALSE);
    }
  g_string_append (g.buf, "  ]\n}\n");
  flush_buffer (&g, TRUE);

  g_string_free (g.buf, TRUE);
  g_rand_free (g.rand);

  if (fclose (g.out) != 0 || g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/* The events of the native file at @native_path as TimelineJS3, written
 * by the exporter to @path (in English, as `daumoc --export` would). */
static gboolean
generate_timelinejs (const char  *native_path,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) native = g_file_new_for_path (native_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDataset) dataset = dm_dataset_load_file (native, NULL, NULL, error);

  return dataset != NULL && dm_export_timelinejs_to_file (dataset, DM_LANGUAGE_EN, file, NULL, error);
}

/* Load */

typedef struct
{
  Stats  check;         /* daumoc --check, ms */
  double check_peak;    /* MiB, the largest of the runs */
  Stats  load;          /* dm_dataset_load_file() in a fresh process, ms */
  double load_peak;     /* MiB: VmHWM of that process */
  double resident;      /* MiB: VmRSS once loaded */
  double baseline;      /* MiB: VmRSS of that process before loading */
} LoadResult;

static int
spawn_and_wait (char * const  *argv,
                int            stdout_fd,
                struct rusage *usage,
                double        *elapsed_ms)
{
  posix_spawn_file_actions_t actions;
  double start;
  pid_t pid;
  int status = 0;
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  int ret;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, stdout_fd >= 0 ? stdout_fd : null_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2 (&actions, null_fd, STDERR_FILENO);

  start = now_ms ();
  ret = posix_spawn (&pid, argv[0], &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  close (null_fd);
  if (ret != 0)
    g_error ("cannot run %s: %s", argv[0], g_strerror (ret));

  while (wait4 (pid, &status, 0, usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));
  *elapsed_ms = now_ms () - start;

  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* `dm-benchmark --load-child FILE`: loads FILE once and prints
 * "ms peak_mib resident_mib baseline_mib". */
static int
load_child (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDataset) dataset = NULL;
  double baseline = proc_status_mib ("VmRSS:");
  double start = now_ms ();
  double elapsed;

  dataset = dm_dataset_load_file (file, NULL, NULL, &error);
  elapsed = now_ms () - start;
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%f %f %f %f\n", elapsed, proc_status_mib ("VmHWM:"), proc_status_mib ("VmRSS:"), baseline);
  return 0;
}

static void
measure_load (const char *self_path,
              const char *daumoc,
              const char *path,
              guint       runs,
              LoadResult *result)
{
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      char *argv[] = { (char *) daumoc, (char *) "--check", (char *) path, NULL };
      struct rusage usage;
      double ms;
      int status = spawn_and_wait (argv, -1, &usage, &ms);

      if (status != 0)
        g_error ("%s --check %s exited with %d", daumoc, path, status);
      g_array_append_val (check, ms);
      result->check_peak = MAX (result->check_peak, usage.ru_maxrss / 1024.0);
    }

  for (guint r = 0; r < runs; r++)
    {
      char *argv[] = { (char *) self_path, (char *) "--load-child", (char *) path, NULL };
      g_autofree char *tmp_path = NULL;
      g_autofree char *output = NULL;
      struct rusage usage;
      double ms;
      double values[4];
      char *end;
      int fd;
      int status;

      fd = g_file_open_tmp ("dm-benchmark-XXXXXX", &tmp_path, NULL);
      g_assert (fd >= 0);
      status = spawn_and_wait (argv, fd, &usage, &ms);
      close (fd);
      if (status != 0)
        g_error ("loading %s in a child exited with %d", path, status);
      g_file_get_contents (tmp_path, &output, NULL, NULL);
      g_unlink (tmp_path);

      end = output;
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        values[i] = g_ascii_strtod (end, &end);

      g_array_append_val (load, values[0]);
      result->load_peak = MAX (result->load_peak, values[1]);
      result->resident = MAX (result->resident, values[2]);
      result->baseline = values[3];
    }

  result->check = dm_bench_stats_of (check);
  result->load = dm_bench_stats_of (load);
}

/* Frames */

typedef struct
{
  Stats  frame;        /* ms per step */
  Stats  pan;          /* ms per step that pans, at the zoom of the one before */
  double first;        /* the first frame, label widths not yet cached */
  guint  steps;
  guint  max_items;
  guint  images_made;  /* with the item images kept, as the view does */
  guint  images_reused;
} FrameResult;

static void
add_zoom_steps (GArray *scales,
                double  center,
                double  from_dpp,
                double  to_dpp,
                double  width)
{
  double factor = from_dpp > to_dpp ? 1 / 1.3 : 1.3;

  for (double dpp = from_dpp; factor < 1 ? dpp > to_dpp : dpp < to_dpp; dpp *= factor)
    {
      DmTimeScale scale = { center - width / 2 * dpp, dpp };
      g_array_append_val (scales, scale);
    }
}

static void
add_pan_steps (GArray *scales,
               double  center,
               double  dpp,
               double  width)
{
  /* Eight steps right by an eighth of the view, then sixteen back. */
  for (int i = 0; i <= 24; i++)
    {
      int offset = i <= 8 ? i : 16 - i;
      DmTimeScale scale = { center - width / 2 * dpp + offset * width / 8 * dpp, dpp };
      g_array_append_val (scales, scale);
    }
}

/* From the whole span down to an hour across the view and back, around a
 * busy spot and around a quiet one, with pans at several zoom levels. */
static GArray *
frame_script (DmDataset *dataset,
              double     width)
{
  GArray *scales = g_array_new (FALSE, FALSE, sizeof (DmTimeScale));
  double start;
  double end;
  DmTimeScale fit;
  double hour = 1.0 / 24 / width;
  double busy;
  double quiet;
  double fit_center;

  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&fit, start, end + (end - start) * 0.15, width, 24);
  fit_center = fit.origin + width / 2 * fit.days_per_px;

  /* The busiest day: the middle of the events; a quiet one: early on. */
  busy = dm_dataset_get_event (dataset, dm_dataset_get_n_events (dataset) * 2 / 3)->axis_start;
  quiet = dm_dataset_get_event (dataset, dm_dataset_get_n_events (dataset) / 50)->axis_start;

  g_array_append_val (scales, fit);
  add_pan_steps (scales, fit_center, fit.days_per_px, width);
  add_zoom_steps (scales, busy, fit.days_per_px, hour, width);
  add_pan_steps (scales, busy, hour, width);
  add_zoom_steps (scales, busy, hour, 30.0 / width, width);
  add_pan_steps (scales, busy, 30.0 / width, width);
  add_zoom_steps (scales, busy, 30.0 / width, 3650.0 / width, width);
  add_pan_steps (scales, busy, 3650.0 / width, width);
  add_zoom_steps (scales, quiet, 3650.0 / width, hour, width);
  add_zoom_steps (scales, quiet, hour, fit.days_per_px, width);

  return scales;
}

/* A drag as a hand makes it: 16 pixels a frame (a thousand a second at
 * 60 frames a second), sixty frames one way and sixty back, at the whole
 * span, a decade, a month and a day around the busy spot. */
static GArray *
drag_script (DmDataset *dataset,
             double     width)
{
  GArray *scales = g_array_new (FALSE, FALSE, sizeof (DmTimeScale));
  double start;
  double end;
  DmTimeScale fit;
  double busy = dm_dataset_get_event (dataset, dm_dataset_get_n_events (dataset) * 2 / 3)->axis_start;
  double dpps[4];

  dm_dataset_get_span (dataset, NULL, NULL, &start, &end);
  dm_time_scale_fit (&fit, start, end + (end - start) * 0.15, width, 24);
  dpps[0] = fit.days_per_px;
  dpps[1] = 3650.0 / width;
  dpps[2] = 30.0 / width;
  dpps[3] = 1.0 / width;

  for (guint z = 0; z < G_N_ELEMENTS (dpps); z++)
    for (int i = 0; i <= 120; i++)
      {
        int offset = i <= 60 ? i : 120 - i;
        DmTimeScale scale = { busy - width / 2 * dpps[z] + offset * 16 * dpps[z], dpps[z] };

        g_array_append_val (scales, scale);
      }

  return scales;
}

static PangoContext *
create_pango_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 11");

  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_font_description (context, font);

  return context;
}

/* @cache: keep each item's image while the zoom stays, as the view does;
 * without, every frame draws every item, as the exports do. @drag: the
 * drag script rather than the zoom and pan one. */
static void
measure_frames (DmDataset   *dataset,
                gboolean     cache,
                gboolean     drag,
                FrameResult *result)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan_samples = g_array_new (FALSE, FALSE, sizeof (double));
  PangoContext *pango = create_pango_context ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SCENE_WIDTH, SCENE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) scales = NULL;
  DmScene scene;

  dm_scene_init (&scene);
  scene.dataset = dataset;
  scene.width = SCENE_WIDTH;
  scene.height = SCENE_HEIGHT;
  scene.pango = pango;
  scene.background = (DmColor) { 1, 1, 1, 1 };
  scene.cache_items = cache;
  scene.metrics.max_rows = dm_scene_rows_for_height (&scene, SCENE_HEIGHT) - 1;
  dm_scene_reset_labels (&scene);

  scales = drag ? drag_script (dataset, dm_scene_get_time_width (&scene))
               : frame_script (dataset, dm_scene_get_time_width (&scene));
  for (guint i = 0; i < scales->len; i++)
    {
      double start = now_ms ();
      double layout_ms;
      double ms;

      scene.scale = g_array_index (scales, DmTimeScale, i);
      dm_scene_invalidate (&scene);
      dm_scene_ensure_layout (&scene);
      layout_ms = now_ms () - start;
      dm_scene_draw (&scene, cr);
      cairo_surface_flush (surface);
      ms = now_ms () - start;

      if (g_getenv ("DM_BENCHMARK_VERBOSE") != NULL)
        fprintf (stderr, "step %3u: %10.3g days/px, %5u items, layout %7.2f ms, frame %7.2f ms\n",
                 i, scene.scale.days_per_px, dm_layout_get_n_items (scene.layout), layout_ms, ms);

      if (i == 0)
        result->first = ms;
      g_array_append_val (samples, ms);
      if (i > 0 && g_array_index (scales, DmTimeScale, i - 1).days_per_px == scene.scale.days_per_px)
        g_array_append_val (pan_samples, ms);
      result->max_items = MAX (result->max_items, dm_layout_get_n_items (scene.layout));
    }

  if (g_getenv ("DM_BENCHMARK_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("DM_BENCHMARK_PNG"));

  result->steps = scales->len;
  result->frame = dm_bench_stats_of (samples);
  result->pan = dm_bench_stats_of (pan_samples);
  result->images_made = scene.images_made;
  result->images_reused = scene.images_reused;

  dm_scene_clear (&scene);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Search */

typedef struct
{
  Stats build;      /* the folded-text index, ms */
  Stats keystroke;  /* DmSearchState, ms per keystroke */
  Stats filter;     /* DmFilter as the window applies it, ms per keystroke */
} SearchResult;

/* What people type: common words, a rare phrase, a name, a number, words
 * in both languages, with a typo corrected by Backspace. */
static const char * const queries[] = {
  "nghị quyết",
  "chuyen doi so",
  "digital transformation",
  "hoi thao quoc te",
  "Nguyễn Văn An",
  "forum 4217",
  "smart city da nang",
  "tri tue nhan taoo\b\b tao",
  "qwxz",
};

static void
type_queries (SearchResult  *result,
              DmSearchIndex *index,
              DmDataset     *dataset)
{
  g_autoptr(GArray) state_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(DmSearchState) state = dm_search_state_new (index);
  g_autoptr(DmFilter) filter = dm_filter_new ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GString) typed = g_string_new (NULL);

      for (const char *p = queries[q]; *p; p = g_utf8_next_char (p))
        {
          double start;
          double ms;

          if (*p == '\b')
            g_string_truncate (typed, g_utf8_find_prev_char (typed->str, typed->str + typed->len) - typed->str);
          else
            g_string_append_len (typed, p, g_utf8_next_char (p) - p);

          g_array_set_size (positions, 0);
          start = now_ms ();
          dm_search_state_query (state, typed->str, positions);
          ms = now_ms () - start;
          g_array_append_val (state_samples, ms);

          g_array_set_size (positions, 0);
          start = now_ms ();
          dm_filter_set_search_text (filter, typed->str);
          dm_filter_apply (filter, dataset, index, positions);
          ms = now_ms () - start;
          g_array_append_val (filter_samples, ms);
        }

      g_array_set_size (positions, 0);
      dm_search_state_query (state, "", positions);
      dm_filter_set_search_text (filter, "");
    }

  result->keystroke = dm_bench_stats_of (state_samples);
  result->filter = dm_bench_stats_of (filter_samples);
}

static void
measure_search (DmDataset    *dataset,
                SearchResult *result)
{
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(DmSearchIndex) index = NULL;

  for (guint r = 0; r < 3; r++)
    {
      double start = now_ms ();
      double ms;

      g_clear_pointer (&index, dm_search_index_unref);
      index = dm_search_index_new (dataset);
      ms = now_ms () - start;
      g_array_append_val (build, ms);
    }

  result->build = dm_bench_stats_of (build);
  type_queries (result, index, dataset);
}

/* Editing */

typedef struct
{
  Stats move;
  Stats move_undo;
  Stats type;
  Stats type_undo;
  Stats save;
} EditResult;

/* The range query the next frame makes after an edit. */
static void
query_after_edit (DmDataset *dataset)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  double first;
  double last;

  if (dm_dataset_get_span (dataset, NULL, NULL, &first, &last))
    dm_dataset_query_range (dataset, first + (last - first) * 0.4, first + (last - first) * 0.41, positions);
}

static void
measure_edit (DmDataset  *dataset,
              EditResult *result)
{
  g_autoptr(GArray) move = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) move_undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) type = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) type_undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(DmEdit) edit = dm_edit_new (dataset);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint n = dm_dataset_get_n_events (dataset);

  for (guint r = 0; r < 40 && n > 0; r++)
    {
      const DmEvent *event = dm_dataset_get_event (dataset, g_rand_int_range (rand, 0, n));
      g_autofree char *id = g_strdup (event->id);
      g_autofree char *title = g_strdup_printf ("%sx", event->title.vi != NULL ? event->title.vi : "");
      DmEvent *copy = dm_event_copy (event);
      g_autoptr(GError) error = NULL;
      double start;
      double ms;

      /* To the other end of the timeline and back. */
      copy->end = (DmDate) { 0 };
      copy->start_bound = DM_BOUND_EXACT;
      dm_date_init (&copy->start, DM_DATE_PRECISION_DAY, r % 2 ? 1990 : 2035, 1 + r % 12, 1 + r % 28, 0, 0);
      start = now_ms ();
      if (!dm_edit_change_event (edit, id, copy, DM_EVENT_FIELD_START, &error))
        g_error ("dm-benchmark: %s", error->message);
      query_after_edit (dataset);
      ms = now_ms () - start;
      g_array_append_val (move, ms);

      start = now_ms ();
      dm_edit_undo (edit);
      query_after_edit (dataset);
      ms = now_ms () - start;
      g_array_append_val (move_undo, ms);

      start = now_ms ();
      if (!dm_edit_set_event_text (edit, id, DM_EVENT_FIELD_TITLE_VI, title, &error))
        g_error ("dm-benchmark: %s", error->message);
      query_after_edit (dataset);
      ms = now_ms () - start;
      g_array_append_val (type, ms);

      start = now_ms ();
      dm_edit_undo (edit);
      query_after_edit (dataset);
      ms = now_ms () - start;
      g_array_append_val (type_undo, ms);
    }

  for (guint r = 0; r < 3; r++)
    {
      double start = now_ms ();
      gsize length;
      char *text = dm_dataset_to_data (dataset, &length);
      double ms = now_ms () - start;

      g_free (text);
      g_array_append_val (save, ms);
    }

  result->move = dm_bench_stats_of (move);
  result->move_undo = dm_bench_stats_of (move_undo);
  result->type = dm_bench_stats_of (type);
  result->type_undo = dm_bench_stats_of (type_undo);
  result->save = dm_bench_stats_of (save);
}

/* The table */

/* printf pads by bytes; the table has “≤” and “×” in it. */
static const char *
pad (const char *text,
     guint       width)
{
  static char buffers[4][256];
  static guint next;
  char *buffer = buffers[next++ % G_N_ELEMENTS (buffers)];
  glong chars = g_utf8_strlen (text, -1);

  g_snprintf (buffer, sizeof buffers[0], "%s%*s", text, (int) MAX ((glong) width - chars, 0), "");
  return buffer;
}

static void
print_times (const char  *what,
             guint        n,
             const Stats *s,
             const char  *target)
{
  printf ("| %s | %9u | %9.1f | %9.1f | %9.1f | %s |\n", pad (what, 46), n, s->median, s->p95, s->max, pad (target, 9));
}

static void
print_memory (const char *what,
              guint       n,
              double      mib,
              const char *target)
{
  printf ("| %s | %9u | %9.0f | %9s | %9s | %s |\n", pad (what, 46), n, mib, "", "", pad (target, 9));
}

static const char *
target_for (guint       n,
            const char *t10k,
            const char *t100k,
            const char *t1m)
{
  return n <= 10000 ? t10k : n <= 100000 ? t100k : t1m;
}

static guint *
parse_sizes (const char *text,
             guint      *n_sizes)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint *sizes = g_new0 (guint, g_strv_length (parts) + 1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 100000000, &value, NULL))
        {
          g_printerr ("dm-benchmark: “%s” is not a number of events\n", parts[i]);
          exit (2);
        }
      sizes[n++] = (guint) value;
    }

  *n_sizes = n;
  return sizes;
}

static char *
find_daumoc (const char *option,
             const char *self_path)
{
  g_autofree char *dir = NULL;

  if (option != NULL)
    return g_strdup (option);
  if (g_getenv ("DAUMOC") != NULL)
    return g_strdup (g_getenv ("DAUMOC"));

  /* _build/bench/dm-benchmark → _build/src/daumoc */
  dir = g_path_get_dirname (self_path);
  return g_build_filename (dir, "..", "src", "daumoc", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_text = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *only = NULL;
  g_autofree char *daumoc_option = NULL;
  g_autofree char *load_child_path = NULL;
  g_auto(GStrv) timelinejs_child = NULL;
  g_autofree char *daumoc = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree guint *sizes = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int runs = 0;
  guint n_sizes;
  gboolean temporary = FALSE;
  gboolean timelinejs = FALSE;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Numbers of events, comma-separated (10000,100000,1000000)", "N,…" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Keep the generated files in DIR (and reuse them)", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Loads per size (5, or 3 from a million events)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only these figures: load, frame, search, edit", "WHAT,…" },
    { "daumoc", 0, 0, G_OPTION_ARG_FILENAME, &daumoc_option, "The daumoc to run (default: $DAUMOC, or ../src/daumoc)", "PATH" },
    { "timelinejs", 0, 0, G_OPTION_ARG_NONE, &timelinejs, "Also load the same events as TimelineJS3, beside the native file", NULL },
    { "load-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &load_child_path, NULL, NULL },
    { "timelinejs-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME_ARRAY, &timelinejs_child, NULL, NULL },
    { NULL }
  };

  g_setenv ("TZ", "UTC", TRUE);
  context = g_option_context_new ("— how Dấu Mốc scales");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dm-benchmark: %s\n", error->message);
      return 2;
    }

  if (load_child_path != NULL)
    return load_child (load_child_path);
  /* `--timelinejs-child=NATIVE --timelinejs-child=OUT` */
  if (timelinejs_child != NULL)
    {
      if (g_strv_length (timelinejs_child) != 2)
        {
          g_printerr ("dm-benchmark: --timelinejs-child takes the native file, then the file to write\n");
          return 2;
        }
      if (!generate_timelinejs (timelinejs_child[0], timelinejs_child[1], &error))
        {
          g_printerr ("dm-benchmark: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  sizes = parse_sizes (sizes_text ? sizes_text : "10000,100000,1000000", &n_sizes);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_canonicalize_filename (argv[0], NULL);
  daumoc = find_daumoc (daumoc_option, self_path);
  if (!g_file_test (daumoc, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("dm-benchmark: cannot find daumoc at %s; pass --daumoc=PATH\n", daumoc);
      return 2;
    }

  if (out_dir != NULL)
    {
      dir = g_strdup (out_dir);
      g_mkdir_with_parents (dir, 0755);
    }
  else
    {
      dir = g_dir_make_tmp ("dm-benchmark-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("dm-benchmark: %s\n", error->message);
          return 1;
        }
      temporary = TRUE;
    }

  printf ("Dấu Mốc benchmark — %s, %ld cores, files in %s\n\n",
           PACKAGE_VERSION, sysconf (_SC_NPROCESSORS_ONLN), dir);
  printf ("| %s | %9s | %9s | %9s | %9s | %s |\n", pad ("figure", 46), "events", "median", "p95", "max", pad ("target", 9));
  printf ("|%s|%s|%s|%s|%s|%s|\n", "------------------------------------------------", "----------:",
          "----------:", "----------:", "----------:", "-----------");

  for (guint s = 0; s < n_sizes; s++)
    {
      guint n = sizes[s];
      g_autofree char *name = g_strdup_printf ("synthetic-%u-v%d.json", n, GENERATOR_VERSION);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint n_runs = runs > 0 ? (guint) runs : n >= 1000000 ? 3 : 5;
      g_autoptr(DmDataset) dataset = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !generate (path, n, &error))
        {
          g_printerr ("dm-benchmark: %s\n", error->message);
          return 1;
        }

      if (only == NULL || strstr (only, "load") != NULL)
        {
          LoadResult load = { 0 };

          measure_load (self_path, daumoc, path, n_runs, &load);
          print_times ("load: daumoc --check, ms", n, &load.check, target_for (n, "≤ 150", "≤ 1500", "≤ 15000"));
          print_memory ("load: daumoc --check peak RSS, MiB", n, load.check_peak, target_for (n, "≤ 60", "≤ 400", "≤ 3000"));
          print_times ("load: dm_dataset_load_file in-process, ms", n, &load.load, "");
          print_memory ("load: peak RSS in-process, MiB", n, load.load_peak, "");
          print_memory ("load: resident after load, MiB", n, load.resident, target_for (n, "≤ 40", "≤ 150", "≤ 1200"));
          print_memory ("load: … of which the dataset, MiB", n, load.resident - load.baseline, "");

          if (timelinejs)
            {
              g_autofree char *tjs_name = g_strdup_printf ("synthetic-%u-v%d" DM_EXPORT_TIMELINEJS_SUFFIX, n, GENERATOR_VERSION);
              g_autofree char *tjs_path = g_build_filename (dir, tjs_name, NULL);
              LoadResult tjs = { 0 };
              char ratio[32];

              if (!g_file_test (tjs_path, G_FILE_TEST_EXISTS))
                {
                  g_autofree char *native_arg = g_strconcat ("--timelinejs-child=", path, NULL);
                  g_autofree char *out_arg = g_strconcat ("--timelinejs-child=", tjs_path, NULL);
                  char *child_argv[] = { self_path, native_arg, out_arg, NULL };
                  struct rusage usage;
                  double ms;

                  if (spawn_and_wait (child_argv, -1, &usage, &ms) != 0 || !g_file_test (tjs_path, G_FILE_TEST_EXISTS))
                    {
                      g_printerr ("dm-benchmark: could not write %s\n", tjs_path);
                      return 1;
                    }
                }
              measure_load (self_path, daumoc, tjs_path, n_runs, &tjs);
              g_snprintf (ratio, sizeof ratio, "%.2f×", tjs.check.median / load.check.median);
              print_times ("load TimelineJS: daumoc --check, ms", n, &tjs.check, ratio);
              g_snprintf (ratio, sizeof ratio, "%.2f×", tjs.check_peak / load.check_peak);
              print_memory ("load TimelineJS: daumoc --check peak RSS, MiB", n, tjs.check_peak, ratio);
              g_snprintf (ratio, sizeof ratio, "%.2f×", tjs.load.median / load.load.median);
              print_times ("load TimelineJS: in-process, ms", n, &tjs.load, ratio);
              g_snprintf (ratio, sizeof ratio, "%.2f×", tjs.load_peak / load.load_peak);
              print_memory ("load TimelineJS: peak RSS in-process, MiB", n, tjs.load_peak, ratio);
              print_memory ("load TimelineJS: resident after load, MiB", n, tjs.resident, "");
              if (temporary)
                g_unlink (tjs_path);
            }
        }

      if (only == NULL || strstr (only, "frame") != NULL || strstr (only, "search") != NULL ||
          strstr (only, "edit") != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          dataset = dm_dataset_load_file (file, NULL, NULL, &error);
          if (dataset == NULL)
            {
              g_printerr ("dm-benchmark: %s\n", error->message);
              return 1;
            }
        }

      if (only == NULL || strstr (only, "frame") != NULL)
        {
          FrameResult frame = { 0 };
          FrameResult direct = { 0 };
          FrameResult drag = { 0 };
          FrameResult drag_direct = { 0 };
          g_autofree char *what = NULL;
          g_autofree char *pans = NULL;
          g_autofree char *dragging = NULL;

          measure_frames (dataset, TRUE, FALSE, &frame);
          measure_frames (dataset, FALSE, FALSE, &direct);
          measure_frames (dataset, TRUE, TRUE, &drag);
          measure_frames (dataset, FALSE, TRUE, &drag_direct);
          what = g_strdup_printf ("frame: zoom/pan 1920×1080, %u steps, ms", frame.steps);
          print_times (what, n, &frame.frame, target_for (n, "≤ 8", "≤ 12", "≤ 16"));
          pans = g_strdup_printf ("frame: … of which the %u pans, ms", frame.pan.n);
          print_times (pans, n, &frame.pan, "");
          print_times ("frame: zoom/pan, every item drawn (exports), ms", n, &direct.frame, "");
          print_times ("frame: … of which the pans, ms", n, &direct.pan, "");
          dragging = g_strdup_printf ("frame: dragging 16 px a frame, %u steps, ms", drag.steps);
          print_times (dragging, n, &drag.frame, "");
          print_times ("frame: dragging, every item drawn (exports), ms", n, &drag_direct.frame, "");
          print_times ("frame: the first one (no label measured), ms", n,
                       &(Stats) { frame.first, frame.first, frame.first, 1 }, "");
          if (g_getenv ("DM_BENCHMARK_VERBOSE") != NULL)
            fprintf (stderr, "item images: %u made, %u reused; dragging %u made, %u reused\n", frame.images_made, frame.images_reused, drag.images_made, drag.images_reused);
        }

      if (only == NULL || strstr (only, "search") != NULL)
        {
          SearchResult search = { 0 };

          measure_search (dataset, &search);
          print_times ("search: index build, ms", n, &search.build, "");
          print_times ("search: one keystroke (DmSearchState), ms", n, &search.keystroke,
                       target_for (n, "≤ 2", "≤ 20", "≤ 150"));
          print_times ("search: one keystroke (DmFilter), ms", n, &search.filter, "");
        }

      /* Last: it changes the dataset (and undoes it). */
      if (only == NULL || strstr (only, "edit") != NULL)
        {
          EditResult edit = { 0 };

          measure_edit (dataset, &edit);
          print_times ("edit: move an event in time + next query, ms", n, &edit.move, "≤ 16");
          print_times ("edit: … its undo + next query, ms", n, &edit.move_undo, "≤ 16");
          print_times ("edit: type a letter in a title + query, ms", n, &edit.type, "≤ 16");
          print_times ("edit: … its undo + next query, ms", n, &edit.type_undo, "≤ 16");
          print_times ("edit: save, the JSON text (in a worker), ms", n, &edit.save, "");
        }

      if (temporary)
        g_unlink (path);
    }

  if (temporary)
    g_rmdir (dir);

  return 0;
}
