/* test-fold.c — the search form of texts: Vietnamese tones and vowel marks
 * in both Unicode forms, đ, case, white space, other scripts; highlight
 * ranges mapped back to the original text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dm-fold.h"

/* Combining marks: the five tones, then the vowel marks. */
#define GRAVE      "\xCC\x80"  /* U+0300 huyền */
#define ACUTE      "\xCC\x81"  /* U+0301 sắc */
#define TILDE      "\xCC\x83"  /* U+0303 ngã */
#define HOOK       "\xCC\x89"  /* U+0309 hỏi */
#define DOT_BELOW  "\xCC\xA3"  /* U+0323 nặng */
#define CIRCUMFLEX "\xCC\x82"  /* U+0302 â ê ô */
#define BREVE      "\xCC\x86"  /* U+0306 ă */
#define HORN       "\xCC\x9B"  /* U+031B ơ ư */

static const char * const tones[] = { "", GRAVE, ACUTE, HOOK, TILDE, DOT_BELOW };

/* Every Vietnamese vowel with every tone (none, huyền, sắc, hỏi, ngã,
 * nặng), precomposed, in both cases. */
typedef struct
{
  const char *base;        /* what it folds to */
  const char *vowel_mark;  /* the combining mark of the vowel, or "" */
  const char *lower[6];
  const char *upper[6];
} VowelCase;

static const VowelCase vowel_cases[] = {
  { "a", "", { "a", "à", "á", "ả", "ã", "ạ" }, { "A", "À", "Á", "Ả", "Ã", "Ạ" } },
  { "a", BREVE, { "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ" }, { "Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ" } },
  { "a", CIRCUMFLEX, { "â", "ầ", "ấ", "ẩ", "ẫ", "ậ" }, { "Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ" } },
  { "e", "", { "e", "è", "é", "ẻ", "ẽ", "ẹ" }, { "E", "È", "É", "Ẻ", "Ẽ", "Ẹ" } },
  { "e", CIRCUMFLEX, { "ê", "ề", "ế", "ể", "ễ", "ệ" }, { "Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ" } },
  { "i", "", { "i", "ì", "í", "ỉ", "ĩ", "ị" }, { "I", "Ì", "Í", "Ỉ", "Ĩ", "Ị" } },
  { "o", "", { "o", "ò", "ó", "ỏ", "õ", "ọ" }, { "O", "Ò", "Ó", "Ỏ", "Õ", "Ọ" } },
  { "o", CIRCUMFLEX, { "ô", "ồ", "ố", "ổ", "ỗ", "ộ" }, { "Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ" } },
  { "o", HORN, { "ơ", "ờ", "ớ", "ở", "ỡ", "ợ" }, { "Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ" } },
  { "u", "", { "u", "ù", "ú", "ủ", "ũ", "ụ" }, { "U", "Ù", "Ú", "Ủ", "Ũ", "Ụ" } },
  { "u", HORN, { "ư", "ừ", "ứ", "ử", "ữ", "ự" }, { "Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự" } },
  { "y", "", { "y", "ỳ", "ý", "ỷ", "ỹ", "ỵ" }, { "Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ" } },
};

typedef struct
{
  const char *name;
  const char *text;
  const char *folded;
} FoldCase;

static const FoldCase fold_cases[] = {
  { "resolution-precomposed", "Nghị quyết 52-NQ/TW", "nghi quyet 52-nq/tw" },
  { "resolution-combining", "Nghi" DOT_BELOW " quye" CIRCUMFLEX ACUTE "t 52-NQ/TW", "nghi quyet 52-nq/tw" },
  { "resolution-marks-reordered", "Nghi" DOT_BELOW " quye" ACUTE CIRCUMFLEX "t", "nghi quyet" },
  { "workshop", "Hội thảo", "hoi thao" },
  { "workshop-combining", "Ho" CIRCUMFLEX DOT_BELOW "i tha" HOOK "o", "hoi thao" },
  { "workshop-upper", "HỘI THẢO", "hoi thao" },
  { "d-stroke-lower", "đường", "duong" },
  { "d-stroke-upper", "ĐỔI MỚI", "doi moi" },
  { "d-stroke-mixed", "Đà Nẵng", "da nang" },
  { "ascii", "Industry 4.0 Summit", "industry 4.0 summit" },
  { "empty", "", "" },
  { "only-space", " \t\n ", "" },
  { "collapse", "  Hội \t\n\r  thảo  ", "hoi thao" },
  { "unicode-space", "Hà\xC2\xA0\xE2\x80\x83Nội", "ha noi" },  /* NBSP, em space */
  { "leading-mark", ACUTE "abc", "abc" },
  { "mark-after-space", "a " ACUTE "b", "a b" },
  { "cyrillic", "Москва", "москва" },
  { "greek", "Ἀθῆναι", "αθηναι" },
  { "cjk", "東京 北京", "東京 北京" },
  { "sharp-s", "Straße", "strasse" },
  { "dotted-capital-i", "İstanbul", "istanbul" },
  { "emoji", "🎉 Tết 2024 👩‍💻", "🎉 tet 2024 👩‍💻" },
  { "mixed-scripts", "Việt Nam – Россия – 日本 🇻🇳", "viet nam – россия – 日本 🇻🇳" },
  { "not-utf8", "ab\xFF" "cd", "abcd" },
  { "punctuation", "“Trung tâm” (C4IR), 2019-01", "“trung tam” (c4ir), 2019-01" },
};

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = dm_fold (text);
  g_autofree char *again = NULL;
  g_autoptr(GString) appended = g_string_new ("x");

  g_assert_cmpstr (folded, ==, expected);
  g_assert_null (strchr (folded, '\n'));

  /* Folding is idempotent. */
  again = dm_fold (folded);
  g_assert_cmpstr (again, ==, folded);

  /* Appending gives the same, trimmed on its own. */
  dm_fold_append (appended, text);
  g_assert_cmpstr (appended->str + 1, ==, expected);
}

static void
test_vowel (gconstpointer data)
{
  const VowelCase *c = data;

  for (guint t = 0; t < G_N_ELEMENTS (tones); t++)
    {
      g_autofree char *combining = g_strconcat (c->base, c->vowel_mark, tones[t], NULL);
      g_autofree char *reordered = g_strconcat (c->base, tones[t], c->vowel_mark, NULL);
      g_autofree char *upper_combining = g_utf8_strup (combining, -1);
      g_autofree char *composed = g_utf8_normalize (combining, -1, G_NORMALIZE_NFC);
      g_autofree char *in_word = g_strconcat ("Ng", c->lower[t], "n ", c->upper[t], "N", NULL);
      g_autofree char *expected_word = g_strconcat ("ng", c->base, "n ", c->base, "n", NULL);

      /* The table is right: the precomposed letter is the composed form. */
      g_assert_cmpstr (composed, ==, c->lower[t]);

      assert_fold (c->lower[t], c->base);
      assert_fold (c->upper[t], c->base);
      assert_fold (combining, c->base);
      assert_fold (reordered, c->base);
      assert_fold (upper_combining, c->base);
      assert_fold (in_word, expected_word);
    }
}

static void
test_fold (gconstpointer data)
{
  const FoldCase *c = data;

  assert_fold (c->text, c->folded);
}

static void
test_split (void)
{
  static const struct {
    const char *query;
    const char *words[4];
  } cases[] = {
    { "", { NULL } },
    { "   ", { NULL } },
    { "nghi", { "nghi", NULL } },
    { "nghi quyet 52", { "nghi", "quyet", "52", NULL } },
    { "  nghi   quyet ", { "nghi", "quyet", NULL } },
    { "a\nb", { "a", "b", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) words = dm_fold_split (cases[i].query);

      g_assert_true (g_strv_equal ((const char * const *) words, cases[i].words));
    }
}

/* Highlighting: the spans of the original text, as substrings. */
typedef struct
{
  const char *name;
  const char *text;
  const char *query;        /* not folded */
  const char *matches[6];   /* the highlighted substrings, in order */
} RangeCase;

static const RangeCase range_cases[] = {
  { "precomposed", "Nghị quyết 52-NQ/TW của Bộ Chính trị", "nghi quyet 52",
    { "Nghị quyết 52", NULL } },
  { "combining", "Nghi" DOT_BELOW " quye" CIRCUMFLEX ACUTE "t 52-NQ/TW", "nghi quyet",
    { "Nghi" DOT_BELOW " quye" CIRCUMFLEX ACUTE "t", NULL } },
  { "query-with-marks", "Nghị quyết", "NGHỊ",
    { "Nghị", NULL } },
  { "word-order", "Nghị quyết 52-NQ/TW", "52 nghi",
    { NULL } },
  { "every-occurrence", "Hội thảo, hội nghị và HỘI THẢO", "hoi thao",
    { "Hội thảo", "HỘI THẢO", NULL } },
  { "phrase-not-apart", "Xã hội và nghị quyết", "hoi nghi",
    { NULL } },
  { "phrase-from-word-start", "Thời nghị, hội nghị", "oi nghi",
    { NULL } },
  { "part-of-word", "Diễn đàn cấp cao", "dan",
    { "đàn", NULL } },
  { "across-words", "Diễn đàn cấp cao", "n dan",
    { NULL } },
  { "overlapping-merged", "aaa bb", "aa",
    { "aaa", NULL } },
  { "overlapping-words", "Trung tâm", "trung ung",
    { NULL } },
  { "d-stroke", "Đà  Nẵng", "da nang",
    { "Đà  Nẵng", NULL } },
  { "expanding", "Straße", "ss",
    { "ß", NULL } },
  { "expanding-whole", "Straße", "strasse",
    { "Straße", NULL } },
  { "leading-space", "   Hội thảo", "thao",
    { "thảo", NULL } },
  { "emoji", "🎉 Tết 👩‍💻", "tet",
    { "Tết", NULL } },
  { "emoji-query", "🎉 Tết 👩‍💻", "👩‍💻",
    { "👩‍💻", NULL } },
  { "upper-combining", "HO" CIRCUMFLEX DOT_BELOW "I", "hoi",
    { "HO" CIRCUMFLEX DOT_BELOW "I", NULL } },
  { "no-match", "Đà Nẵng", "hue",
    { NULL } },
  { "empty-query", "Đà Nẵng", "  ",
    { NULL } },
};

static void
test_ranges (gconstpointer data)
{
  const RangeCase *c = data;
  g_autofree char *folded_query = dm_fold (c->query);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (DmFoldRange));
  DmFoldRange sentinel = { 1000, 1001 };
  guint n_expected = g_strv_length ((char **) c->matches);
  gboolean found;

  /* Ranges are appended after what the array holds. */
  g_array_append_val (ranges, sentinel);
  found = dm_fold_match_ranges (c->text, folded_query, ranges);

  g_assert_cmpint (found, ==, n_expected > 0);
  g_assert_cmpuint (ranges->len, ==, n_expected + 1);
  g_assert_cmpuint (g_array_index (ranges, DmFoldRange, 0).start, ==, 1000);

  for (guint i = 0; i < n_expected; i++)
    {
      const DmFoldRange *range = &g_array_index (ranges, DmFoldRange, i + 1);
      g_autofree char *substring = NULL;

      g_assert_cmpuint (range->start, <, range->end);
      g_assert_cmpuint (range->end, <=, strlen (c->text));
      g_assert_true (g_utf8_validate (c->text + range->start, range->end - range->start, NULL));
      if (i > 0)
        g_assert_cmpuint (range->start, >, g_array_index (ranges, DmFoldRange, i).end);

      substring = g_strndup (c->text + range->start, range->end - range->start);
      g_assert_cmpstr (substring, ==, c->matches[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vowel_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fold/vowel/%s", vowel_cases[i].lower[0]);
      g_test_add_data_func (path, &vowel_cases[i], test_vowel);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fold/text/%s", fold_cases[i].name);
      g_test_add_data_func (path, &fold_cases[i], test_fold);
    }
  g_test_add_func ("/fold/split", test_split);
  for (guint i = 0; i < G_N_ELEMENTS (range_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fold/ranges/%s", range_cases[i].name);
      g_test_add_data_func (path, &range_cases[i], test_ranges);
    }

  return g_test_run ();
}
