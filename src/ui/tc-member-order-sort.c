/* tc-member-order-sort.c — sorting members in slices, and merging
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The array work behind TcMemberOrder, by a GtkSorter: a bottom-up merge
 * sort that can stop after any number of comparisons and go on later
 * (TcSortJob), a merge of a few new members into many by binary search,
 * and finding the first screen of many new members with a heap.
 */

#include "config.h"

#include <string.h>

#include "tc-member-order-sort-private.h"

/* The sorted runs the merge passes start from. */
#define RUN_LENGTH      64

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      sorter)
{
  return gtk_sorter_compare (sorter, *(gpointer *) a, *(gpointer *) b);
}

/* Merges @x[*@i, @x_end) and @y[*@j, @y_end) into @out from *@k on, for
 * up to @budget comparisons (all of them when it is 0), equal members
 * taken from @x first; returns the comparisons made. The merge is done
 * when *@i and *@j are at their ends. */
static guint
merge_some (GtkSorter       *sorter,
            gpointer const  *x,
            guint           *i,
            guint            x_end,
            gpointer const  *y,
            guint           *j,
            guint            y_end,
            gpointer        *out,
            guint           *k,
            guint            budget)
{
  guint a = *i, b = *j, o = *k, compares = 0;

  while (a < x_end && b < y_end && (budget == 0 || compares < budget))
    {
      compares++;
      out[o++] = compare (&y[b], &x[a], sorter) < 0 ? y[b++] : x[a++];
    }
  if (b == y_end)
    {
      memcpy (out + o, x + a, (x_end - a) * sizeof (gpointer));
      o += x_end - a;
      a = x_end;
    }
  else if (a == x_end)
    {
      memcpy (out + o, y + b, (y_end - b) * sizeof (gpointer));
      o += y_end - b;
      b = y_end;
    }
  *i = a;
  *j = b;
  *k = o;
  return compares;
}

/* Merges @items[@left, @mid) and [@mid, @right) into @out. */
static void
merge_runs (GtkSorter     *sorter,
            gpointer      *items,
            gpointer      *out,
            guint          left,
            guint          mid,
            guint          right)
{
  guint a = left, b = mid, k = left;

  merge_some (sorter, items, &a, mid, items, &b, right, out, &k, 0);
}

/* The first of @items[@from, @to) that sorts after @item. */
static guint
upper_bound (GtkSorter     *sorter,
             gpointer      *items,
             guint          from,
             guint          to,
             gpointer       item)
{
  while (from < to)
    {
      guint mid = from + (to - from) / 2;

      if (compare (&item, &items[mid], sorter) < 0)
        to = mid;
      else
        from = mid + 1;
    }
  return from;
}

/* @items[0, @first) and [@first, @n) merged into @out, each new member
 * placed by a binary search of the old ones after the last placed, and
 * the old ones between copied: for a page into a big team, a few
 * comparisons a new member instead of one for every old member. Equal
 * members keep the old first, as in merge_runs(). */
static void
merge_few (GtkSorter     *sorter,
           gpointer      *items,
           gpointer      *out,
           guint          first,
           guint          n)
{
  guint a = 0, k = 0;

  for (guint b = first; b < n; b++)
    {
      guint at = upper_bound (sorter, items, a, first, items[b]);

      memcpy (out + k, items + a, (at - a) * sizeof (gpointer));
      k += at - a;
      a = at;
      out[k++] = items[b];
    }
  memcpy (out + k, items + a, (first - a) * sizeof (gpointer));
}

/* @items[0, @first) and [@first, @end), each sorted, merged into @out. */
void
_tc_sort_merge (GtkSorter *sorter,
                gpointer  *items,
                gpointer  *out,
                guint      first,
                guint      end)
{
  /* log2 of 100,000 is 17: a binary search per new member wins while
   * they are fewer than a sixteenth of the old. */
  if ((end - first) * 16 < first)
    merge_few (sorter, items, out, first, end);
  else
    merge_runs (sorter, items, out, 0, first, end);
}

/* Whether @items[@a] sorts after @items[@b]. */
static inline gboolean
after (GtkSorter     *sorter,
       gpointer      *items,
       guint          a,
       guint          b)
{
  return compare (&items[a], &items[b], sorter) > 0;
}

static void
heap_sift_down (GtkSorter     *sorter,
                gpointer      *items,
                guint         *heap,
                guint          size,
                guint          i)
{
  for (;;)
    {
      guint last = i, left = 2 * i + 1, right = left + 1, swap;

      if (left < size && after (sorter, items, heap[left], heap[last]))
        last = left;
      if (right < size && after (sorter, items, heap[right], heap[last]))
        last = right;
      if (last == i)
        return;
      swap = heap[i];
      heap[i] = heap[last];
      heap[last] = swap;
      i = last;
    }
}

/* Moves the @k first (in the sorter's order) of @items[0, @n) to its
 * start, sorted; the others follow in their order. A heap of the @k
 * first seen so far, whose last is all most members are compared with:
 * about @n comparisons when most come after them, as when pages come
 * in name order. */
void
_tc_sort_take_first (GtkSorter     *sorter,
                     gpointer      *items,
                     guint          n,
                     guint          k)
{
  g_autofree guint *heap = g_new (guint, k);
  g_autofree gboolean *taken = g_new0 (gboolean, n);
  g_autofree gpointer *out = g_new (gpointer, n);
  guint head = 0, tail = k;

  for (guint i = 0; i < k; i++)
    heap[i] = i;
  for (guint i = k / 2; i-- > 0;)
    heap_sift_down (sorter, items, heap, k, i);
  for (guint i = k; i < n; i++)
    if (after (sorter, items, heap[0], i))
      {
        heap[0] = i;
        heap_sift_down (sorter, items, heap, k, 0);
      }
  for (guint i = 0; i < k; i++)
    taken[heap[i]] = TRUE;
  for (guint i = 0; i < n; i++)
    out[taken[i] ? head++ : tail++] = items[i];
  g_qsort_with_data (out, k, sizeof (gpointer), compare, sorter);
  memcpy (items, out, n * sizeof (gpointer));
}

/* A sort of a copy of @items[@offset, @offset + @n), where @offset
 * members before them are already sorted. */
TcSortJob *
_tc_sort_job_new (gpointer const *items,
                  guint           offset,
                  guint           n)
{
  TcSortJob *job = g_new0 (TcSortJob, 1);

  job->offset = offset;
  job->n = n;
  job->items = g_memdup2 (items + offset, n * sizeof (gpointer));
  job->scratch = g_new (gpointer, n);
  return job;
}

void
_tc_sort_job_free (TcSortJob *job)
{
  g_free (job->items);
  g_free (job->scratch);
  g_free (job);
}

static void
start_pair (TcSortJob *job)
{
  job->a = job->k = job->position;
  job->b = MIN (job->position + job->width, job->n);
}

/* One slice of a bottom-up merge sort: runs of RUN_LENGTH sorted, then
 * passes merging pairs of runs twice as long each time, then a merge
 * with the @offset members @before them into @out (which must not
 * change meanwhile). Any merge may stop part way, so that no slice makes
 * many more comparisons than @slice, whatever the size. TRUE when done:
 * @out[0, @offset + @n) holds them all, sorted. */
gboolean
_tc_sort_job_step (TcSortJob *job,
                   GtkSorter *sorter,
                   gpointer  *before,
                   gpointer  *out,
                   guint      slice)
{
  guint compares = 0;

  while (compares < slice)
    switch (job->phase)
      {
      case JOB_RUNS:
        {
          guint length = MIN (RUN_LENGTH, job->n - job->position);

          g_qsort_with_data (job->items + job->position, length, sizeof (gpointer), compare, sorter);
          compares += length * 6;
          job->position += length;
          if (job->position < job->n)
            break;
          job->phase = JOB_PASSES;
          job->width = RUN_LENGTH;
          job->position = 0;
          start_pair (job);
        }
        break;

      case JOB_PASSES:
        {
          guint mid = MIN (job->position + job->width, job->n);
          guint right = MIN (job->position + 2 * job->width, job->n);
          gpointer *swap;

          if (job->width >= job->n)
            {
              job->phase = JOB_BEFORE;
              job->a = job->b = job->k = 0;
              break;
            }
          compares += merge_some (sorter, job->items, &job->a, mid, job->items, &job->b, right,
                                  job->scratch, &job->k, slice - compares) + 1;
          if (job->k < right)
            break;
          job->position = right;
          if (job->position >= job->n)
            {
              swap = job->items;
              job->items = job->scratch;
              job->scratch = swap;
              job->width *= 2;
              job->position = 0;
            }
          start_pair (job);
        }
        break;

      case JOB_BEFORE:
        if (job->k == job->offset + job->n)
          return TRUE;
        compares += merge_some (sorter, before, &job->a, job->offset,
                                job->items, &job->b, job->n,
                                out, &job->k, slice - compares) + 1;
        break;

      default:
        g_assert_not_reached ();
      }
  return FALSE;
}
