/* bench-team-list.c — load, filter and sort 10,000 members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeds a timecard-service with 10,000 members (or argv[1]), loads them
 * through TcMemberList page by page over loopback HTTP, then filters them
 * by a search string and sorts them by collated name the way the Team page
 * does, and prints the median of several runs of each step.
 */

#include "config.h"

#include "tc-member-list.h"
#include "tc-test-util.h"
#include "team-test-world.h"

#define RUNS 5

static gboolean
list_done (gpointer data)
{
  return !tc_member_list_get_loading (data);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static guint
filter_members (GListModel *model,
                const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (needle, -1);
  guint n = g_list_model_get_n_items (model), hits = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (model, i);
      g_autofree char *both = g_strconcat (tc_member_get_name (member) ?: "", "\n",
                                           tc_member_get_email (member), NULL);
      g_autofree char *key = g_utf8_casefold (both, -1);

      hits += strstr (key, folded) != NULL;
    }
  return hits;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
sort_members (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (model, i);

      g_ptr_array_add (keys, g_utf8_collate_key (tc_member_get_display_name (member), -1));
    }
  g_ptr_array_sort (keys, compare_keys);
}

int
main (int   argc,
      char *argv[])
{
  guint n_members = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  double load[RUNS], filter[RUNS], sort[RUNS];
  g_autoptr(TeamWorld) world = NULL;
  gint64 start;
  guint hits = 0;

  tc_test_init (&argc, &argv);
  start = g_get_monotonic_time ();
  world = team_world_new (n_members);
  g_print ("seed %u members: %.1f ms\n", n_members, (g_get_monotonic_time () - start) / 1000.0);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(TcMemberList) list = tc_member_list_new (world->client, world->pro_ws, 0);

      start = g_get_monotonic_time ();
      tc_member_list_reload (list);
      tc_test_wait_until (list_done, list, 120);
      load[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, n_members + 1);

      start = g_get_monotonic_time ();
      hits = filter_members (G_LIST_MODEL (list), "member0999");
      filter[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      sort_members (G_LIST_MODEL (list));
      sort[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("load (pages of 200 over loopback HTTP): median %.1f ms of %d runs\n", median (load), RUNS);
  g_print ("filter \"member0999\" (%u hits): median %.2f ms\n", hits, median (filter));
  g_print ("sort by collated name: median %.2f ms\n", median (sort));
  return 0;
}
