/* tc-member-order-sort-private.h — TcMemberOrder's sorting, in slices
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  JOB_RUNS,    /* runs of RUN_LENGTH sorted one by one */
  JOB_PASSES,  /* pairs of runs merged, twice as long each pass */
  JOB_BEFORE,  /* the sorted members merged with those before them */
} TcSortJobPhase;

typedef struct
{
  gpointer *items;     /* the @n members to sort, a copy */
  gpointer *scratch;
  guint     offset;
  guint     n;
  TcSortJobPhase phase;
  guint     width;     /* the runs merged in this pass */
  guint     position;  /* the next run, or the pair being merged */
  guint     a, b, k;   /* a merge under way: next of each side, next out */
} TcSortJob;

TcSortJob *_tc_sort_job_new    (gpointer const *items,
                                guint           offset,
                                guint           n);
gboolean   _tc_sort_job_step   (TcSortJob      *job,
                                GtkSorter      *sorter,
                                gpointer       *before,
                                gpointer       *out,
                                guint           slice);
void       _tc_sort_job_free   (TcSortJob      *job);

void       _tc_sort_merge      (GtkSorter      *sorter,
                                gpointer       *items,
                                gpointer       *out,
                                guint           first,
                                guint           end);
void       _tc_sort_take_first (GtkSorter      *sorter,
                                gpointer       *items,
                                guint           n,
                                guint           k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcSortJob, _tc_sort_job_free)

G_END_DECLS
