/* dm-interval-index.c
 *
 * A centred interval tree (Edelsbrunner). Each node has a centre, the
 * intervals that contain it (sorted by start ascending and by end
 * descending), and subtrees for the intervals wholly left and right of it.
 * The centre is the median of the subtree's endpoints, so each subtree has
 * at most half the intervals and the depth is O(log n). Every centre is an
 * endpoint, so no node is empty, which is what makes a range query visit
 * O(log n + k) nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "dm-interval-index.h"

#define NO_NODE G_MAXUINT

typedef struct
{
  double center;
  guint  offset;  /* into by_lo and by_hi */
  guint  count;
  guint  left;
  guint  right;
} Node;

struct _DmIntervalIndex
{
  double *lo;
  double *hi;
  guint   n;
  gboolean lo_sorted;  /* lo ascending: positions are in order of lo */
  guint  *by_lo;
  guint  *by_hi;
  GArray *nodes;
  guint   root;
};

typedef struct
{
  DmIntervalIndex *index;
  guint            filled;  /* entries used in by_lo/by_hi */
  double          *scratch;
} Builder;

static void
swap_double (double *a,
             double *b)
{
  double t = *a;
  *a = *b;
  *b = t;
}

/* Hoare's selection: the k-th smallest of v[0..n). */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize left = 0;
  gsize right = n - 1;

  while (left < right)
    {
      double pivot = v[left + (right - left) / 2];
      gsize i = left;
      gsize j = right;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              swap_double (&v[i], &v[j]);
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        right = j;
      else if (k >= i)
        left = i;
      else
        break;
    }

  return v[k];
}

/* With the index as data, not in a static: indexes may be built in two
 * threads at once (a load's worker and the window). */
static int
compare_by_lo (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const DmIntervalIndex *sort_index = data;
  double x = sort_index->lo[*(const guint *) a];
  double y = sort_index->lo[*(const guint *) b];

  if (x != y)
    return x < y ? -1 : 1;
  return (int) (*(const guint *) a > *(const guint *) b) - (int) (*(const guint *) a < *(const guint *) b);
}

static int
compare_by_hi_desc (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const DmIntervalIndex *sort_index = data;
  double x = sort_index->hi[*(const guint *) a];
  double y = sort_index->hi[*(const guint *) b];

  if (x != y)
    return x > y ? -1 : 1;
  return (int) (*(const guint *) a > *(const guint *) b) - (int) (*(const guint *) a < *(const guint *) b);
}

/* Builds the subtree for members[0..n) and returns its node. @members is
 * reordered and used as scratch. */
static guint
build (Builder *b,
       guint   *members,
       guint    n)
{
  DmIntervalIndex *index = b->index;
  g_autofree guint *left = NULL;
  g_autofree guint *right = NULL;
  guint n_left = 0;
  guint n_right = 0;
  guint n_here = 0;
  guint node_id;
  Node node;

  if (n == 0)
    return NO_NODE;

  for (guint i = 0; i < n; i++)
    {
      b->scratch[2 * i] = index->lo[members[i]];
      b->scratch[2 * i + 1] = index->hi[members[i]];
    }
  node.center = select_kth (b->scratch, 2 * (gsize) n, n);

  left = g_new (guint, n);
  right = g_new (guint, n);
  node.offset = b->filled;

  for (guint i = 0; i < n; i++)
    {
      guint m = members[i];

      if (index->hi[m] < node.center)
        left[n_left++] = m;
      else if (index->lo[m] > node.center)
        right[n_right++] = m;
      else
        {
          index->by_lo[b->filled + n_here] = m;
          index->by_hi[b->filled + n_here] = m;
          n_here++;
        }
    }

  g_assert (n_here > 0);
  node.count = n_here;
  b->filled += n_here;

  /* Members stay in ascending order through the splits, so by_lo is
   * sorted already when lo is (a dataset's starts are). */
  if (!index->lo_sorted)
    g_qsort_with_data (index->by_lo + node.offset, (gint) n_here, sizeof (guint), compare_by_lo, index);
  g_qsort_with_data (index->by_hi + node.offset, (gint) n_here, sizeof (guint), compare_by_hi_desc, index);

  node_id = index->nodes->len;
  node.left = node.right = NO_NODE;
  g_array_append_val (index->nodes, node);

  /* The members array is no longer needed: recurse with the split parts. */
  {
    guint l = build (b, left, n_left);
    guint r;

    g_clear_pointer (&left, g_free);
    r = build (b, right, n_right);
    g_array_index (index->nodes, Node, node_id).left = l;
    g_array_index (index->nodes, Node, node_id).right = r;
  }

  return node_id;
}

DmIntervalIndex *
dm_interval_index_new (const double *lo,
                       const double *hi,
                       guint         n)
{
  DmIntervalIndex *index;
  g_autofree guint *members = NULL;
  Builder builder = { 0 };

  g_return_val_if_fail (n == 0 || (lo != NULL && hi != NULL), NULL);

  index = g_new0 (DmIntervalIndex, 1);
  index->n = n;
  index->lo = g_memdup2 (lo, sizeof (double) * n);
  index->hi = g_memdup2 (hi, sizeof (double) * n);
  index->by_lo = g_new (guint, MAX (n, 1));
  index->by_hi = g_new (guint, MAX (n, 1));
  index->nodes = g_array_new (FALSE, FALSE, sizeof (Node));

  members = g_new (guint, MAX (n, 1));
  index->lo_sorted = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (lo[i] <= hi[i], index);
      members[i] = i;
      if (i > 0 && lo[i] < lo[i - 1])
        index->lo_sorted = FALSE;
    }

  builder.index = index;
  builder.scratch = g_new (double, 2 * (gsize) MAX (n, 1));
  index->root = build (&builder, members, n);
  g_free (builder.scratch);

  g_assert (builder.filled == n);

  return index;
}

void
dm_interval_index_free (DmIntervalIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->lo);
  g_free (index->hi);
  g_free (index->by_lo);
  g_free (index->by_hi);
  g_array_unref (index->nodes);
  g_free (index);
}

guint
dm_interval_index_query (const DmIntervalIndex *index,
                         double                 a,
                         double                 b,
                         GArray                *out)
{
  guint stack[128];
  guint depth = 0;
  guint before;

  g_return_val_if_fail (index != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  before = out->len;
  if (index->root == NO_NODE || a > b)
    return 0;

  stack[depth++] = index->root;

  while (depth > 0)
    {
      const Node *node = &g_array_index (index->nodes, Node, stack[--depth]);
      const guint *by_lo = index->by_lo + node->offset;
      const guint *by_hi = index->by_hi + node->offset;

      if (b < node->center)
        {
          /* Every interval here ends at or after the centre, past b. */
          for (guint i = 0; i < node->count && index->lo[by_lo[i]] <= b; i++)
            g_array_append_val (out, by_lo[i]);
          if (node->left != NO_NODE)
            stack[depth++] = node->left;
        }
      else if (a > node->center)
        {
          for (guint i = 0; i < node->count && index->hi[by_hi[i]] >= a; i++)
            g_array_append_val (out, by_hi[i]);
          if (node->right != NO_NODE)
            stack[depth++] = node->right;
        }
      else
        {
          g_array_append_vals (out, by_lo, node->count);
          if (node->left != NO_NODE)
            stack[depth++] = node->left;
          if (node->right != NO_NODE)
            stack[depth++] = node->right;
        }

      g_assert (depth < G_N_ELEMENTS (stack) - 1);
    }

  return out->len - before;
}
