/* test-member-details.c — member details kept in the cache and reused
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TcMemberList over a real TcCache and timecard-service: details read
 * once are reused by the next list on the same cache (no request), an
 * edit drops the member's entry, forget drops them all.
 */

#include "config.h"

#include "tc-cache.h"
#include "tc-member-list-private.h"
#include "tc-test-util.h"
#include "team-test-world.h"

static gboolean
list_complete (gpointer data)
{
  return tc_member_list_get_complete (data);
}

static TcMemberList *
open_list (TeamWorld *world,
           TcCache   *cache)
{
  TcMemberList *list = g_object_new (TC_TYPE_MEMBER_LIST, "client", world->client,
                                     "cache", cache, "workspace-id", world->pro_ws, NULL);

  tc_member_list_reload (list);
  tc_test_wait_until (list_complete, list, 30);
  return list;
}

typedef struct { TcMemberList *list; guint n; } DetailsWait;

static gboolean
first_have_details (gpointer data)
{
  DetailsWait *wait = data;

  for (guint i = 0; i < wait->n; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (G_LIST_MODEL (wait->list), i);

      if (tc_member_get_work_capacity (member) < 0)
        return FALSE;
    }
  return TRUE;
}

static void
ask_first (TcMemberList *list,
           guint         n)
{
  DetailsWait wait = { list, n };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);

      tc_member_list_request_details (list, member);
    }
  tc_test_wait_until (first_have_details, &wait, 30);
}

static void
close_list (TcMemberList *list,
            TcCache     **cache,
            const char   *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  TcCache *old = *cache;

  /* The list stores what it read when it goes; then the cache is closed
   * and the next list opens the file afresh. */
  g_assert_finalize_object (list);
  tc_cache_sync_async (old, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_cache_sync_finish (old, result, NULL));
  /* A second connection to the same file, as a new session opens. */
  g_object_unref (old);
  *cache = tc_cache_new (path);
}

static void
test_reused_next_start (void)
{
  g_autoptr(TeamWorld) world = team_world_new (20);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "details-cache.db", NULL);
  TcCache *cache = tc_cache_new (path);
  TcMemberList *list;
  g_autoptr(TcMember) edited = NULL;

  list = open_list (world, cache);
  ask_first (list, 10);
  g_assert_cmpuint (_tc_member_list_get_details_requested (list), ==, 10);
  close_list (list, &cache, path);

  /* The next start: the same ten come from the cache. */
  list = open_list (world, cache);
  ask_first (list, 10);
  g_assert_cmpuint (_tc_member_list_get_details_requested (list), ==, 0);

  /* An edit (here: the model changed by something else than a read)
   * drops that member's entry. */
  edited = g_list_model_get_item (G_LIST_MODEL (list), 3);
  tc_member_set_work_capacity (edited, 3600);
  close_list (list, &cache, path);
  list = open_list (world, cache);
  ask_first (list, 10);
  g_assert_cmpuint (_tc_member_list_get_details_requested (list), ==, 1);

  /* Refresh forgets them all. */
  tc_member_list_forget_details (list);
  close_list (list, &cache, path);
  list = open_list (world, cache);
  ask_first (list, 10);
  g_assert_cmpuint (_tc_member_list_get_details_requested (list), ==, 10);
  g_assert_finalize_object (list);
  g_object_unref (cache);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/member-details/reused-next-start", test_reused_next_start);

  return g_test_run ();
}
