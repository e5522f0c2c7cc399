/* test-cache-team.c — a workspace's team in TcCache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round trip, replacement, one entry per workspace, and the team still
 * there after the cache is closed and opened again (the Team page opening
 * with the server down, after a restart).
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-cache-private.h"
#include "tc-member.h"
#include "tc-test-util.h"

#define WS_A "aaaaaaaaaaaaaaaaaaaaaaaa"
#define WS_B "bbbbbbbbbbbbbbbbbbbbbbbb"

/* A member as the server sends one: id, email and status are required. */
#define MEMBER(id, rest) "{\"id\":\"" id "\",\"email\":\"m" id "@example.com\"," \
                         "\"status\":\"ACTIVE\"" rest "}"

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
close_cache (TcCache *cache)
{
  tc_test_wait_until (only_ref, cache, 10);
  g_assert_finalize_object (cache);
}

static gboolean store_pages (TcCache     *cache,
                             const char  *workspace_id,
                             const char **texts,
                             GError     **error);

/* Stores @json as a team of one page. */
static void
store (TcCache    *cache,
       const char *workspace_id,
       const char *json)
{
  const char *pages[] = { json, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (store_pages (cache, workspace_id, pages, &error));
  g_assert_no_error (error);
}

static GPtrArray *load_members (TcCache     *cache,
                                const char  *workspace_id,
                                GError     **error);

/* The stored team as "id=name" (an empty name for none), one a member
 * in order, joined by commas; NULL when nothing is stored. */
static char *
load (TcCache    *cache,
      const char *workspace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = load_members (cache, workspace_id, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      TcMember *member = g_ptr_array_index (members, i);

      g_string_append_printf (text, "%s%s=%s", i ? "," : "", tc_member_get_id (member),
                              tc_member_get_name (member) ?: "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
new_path (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("team-cache-%u.db", ++counter);

  return g_build_filename (g_get_user_data_dir (), "timecard", name, NULL);
}

static void
test_round_trip (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  g_autofree char *none = load (cache, WS_A);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *replaced = NULL;

  g_assert_null (none);
  store (cache, WS_A, "[" MEMBER ("1", ",\"name\":\"Ada\"") "," MEMBER ("2", ",\"name\":null") "]");
  store (cache, WS_B, "[]");
  a = load (cache, WS_A);
  b = load (cache, WS_B);
  g_assert_cmpstr (a, ==, "1=Ada,2=");
  g_assert_cmpstr (b, ==, "");

  store (cache, WS_A, "[" MEMBER ("3", "") "]");
  replaced = load (cache, WS_A);
  g_assert_cmpstr (replaced, ==, "3=");
  close_cache (cache);
}

static void
test_survives_reopen (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  store (cache, WS_A, "[{\"id\":\"1\",\"email\":\"ada@example.com\",\"status\":\"ACTIVE\"}]");
  close_cache (cache);

  cache = tc_cache_new (path);
  after = load_members (cache, WS_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (tc_member_get_id (g_ptr_array_index (after, 0)), ==, "1");
  g_assert_cmpstr (tc_member_get_email (g_ptr_array_index (after, 0)), ==, "ada@example.com");
  close_cache (cache);
}

static void
test_not_a_list (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  g_autoptr(JsonNode) object = json_from_string ("{\"x\":1}", NULL);
  g_autoptr(JsonNode) old_team = json_from_string ("[" MEMBER ("7", ",\"name\":\"Grace\"") "]", NULL);
  g_autoptr(JsonNode) left = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GAsyncResult) put = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;

  /* Where a version before the team table kept teams: moved at the
   * next open, as stored. */
  tc_cache_put_async (cache, "team:" WS_A, object, NULL, tc_test_store_result, &put);
  tc_test_wait_result (&put, 10);
  g_assert_true (tc_cache_put_finish (cache, put, NULL));
  g_clear_object (&put);
  tc_cache_put_async (cache, "team:" WS_B, old_team, NULL, tc_test_store_result, &put);
  tc_test_wait_result (&put, 10);
  g_assert_true (tc_cache_put_finish (cache, put, NULL));
  g_clear_object (&put);
  close_cache (cache);
  cache = tc_cache_new (path);

  members = load_members (cache, WS_A, &error);
  g_assert_null (members);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  old = load (cache, WS_B);
  g_assert_cmpstr (old, ==, "7=Grace");

  /* Moved, not copied: the state table no longer has them. */
  tc_cache_get_async (cache, "team:" WS_B, NULL, tc_test_store_result, &put);
  tc_test_wait_result (&put, 10);
  left = tc_cache_get_finish (cache, put, &error);
  g_assert_no_error (error);
  g_assert_null (left);
  g_clear_object (&put);
  close_cache (cache);
}

/* Stores @texts (pages of a team, as the server sent them); FALSE with
 * @error when one is not a list. */
static gboolean
store_pages (TcCache     *cache,
             const char  *workspace_id,
             const char **texts,
             GError     **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (pages, g_bytes_new (texts[i], strlen (texts[i])));
  _tc_cache_store_team_async (cache, workspace_id, pages, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  return _tc_cache_store_team_finish (cache, result, error);
}

/* Pages are joined as text: empty pages and white space around the
 * brackets are fine, and the stored team is the members in page order. */
static void
test_pages (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  const char *pages[] = { "[" MEMBER ("1", "") "," MEMBER ("2", "") "]",
                          " \n[ " MEMBER ("3", ", \"name\":\"[x]\"") " ]\n",
                          "[]", "[ ]", "[" MEMBER ("4", "") "]", NULL };
  const char *empty[] = { "[]", NULL };
  const char *broken[] = { "[" MEMBER ("1", "") "]", MEMBER ("2", ""), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *none = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (store_pages (cache, WS_A, pages, &error));
  g_assert_no_error (error);
  joined = load (cache, WS_A);
  g_assert_cmpstr (joined, ==, "1=,2=,3=[x],4=");

  g_assert_true (store_pages (cache, WS_B, empty, &error));
  none = load (cache, WS_B);
  g_assert_cmpstr (none, ==, "");

  /* Not a list: refused, and what was stored stays. */
  g_assert_false (store_pages (cache, WS_A, broken, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  kept = load (cache, WS_A);
  g_assert_cmpstr (kept, ==, joined);
  close_cache (cache);
}

static GPtrArray *
load_members (TcCache     *cache,
              const char  *workspace_id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _tc_cache_load_team_members_async (cache, workspace_id, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  return _tc_cache_load_team_members_finish (cache, result, error);
}

/* The stored pages decoded as members (what TcMemberList shows offline),
 * by the members' page decoder on the cache's worker. */
static void
test_members (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  const char *pages[] = {
    "[{\"id\":\"1\",\"email\":\"ada@example.com\",\"name\":\"Ada\",\"status\":\"ACTIVE\","
    "\"roles\":[{\"role\":\"OWNER\"}]}]",
    " [ ] ",
    "[{\"id\":\"2\",\"email\":\"b\\u00e9@example.com\",\"name\":\"\",\"status\":\"PENDING\"}]",
    NULL,
  };
  const char *bad[] = { "[{\"id\":\"3\",\"email\":\"c@example.com\",\"status\":\"GONE\"}]", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  TcMember *member;

  none = load_members (cache, WS_A, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (store_pages (cache, WS_A, pages, &error));
  g_assert_no_error (error);
  members = load_members (cache, WS_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  member = g_ptr_array_index (members, 0);
  g_assert_cmpstr (tc_member_get_id (member), ==, "1");
  g_assert_cmpstr (tc_member_get_display_name (member), ==, "Ada");
  g_assert_cmpint (tc_member_get_role (member), ==, TC_MEMBER_ROLE_OWNER);
  member = g_ptr_array_index (members, 1);
  g_assert_cmpstr (tc_member_get_email (member), ==, "bé@example.com");
  g_assert_null (tc_member_get_name (member));
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_PENDING);

  /* A stored team this version cannot read. */
  g_assert_true (store_pages (cache, WS_B, bad, &error));
  refused = load_members (cache, WS_B, &error);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_null (refused);
  close_cache (cache);
}

/* A team bigger than the store's write chunk (256 KiB) is written in
 * pieces into its row, whole; a smaller one replaces it, whole. */
static void
test_big_team (void)
{
  g_autofree char *path = new_path ();
  TcCache *cache = tc_cache_new (path);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) fewer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *small[] = { "[" MEMBER ("only", "") "]", NULL };
  gsize total = 0;

  for (guint page = 0; page < 40; page++)
    {
      GString *text = g_string_new ("[");

      for (guint i = 0; i < 200; i++)
        g_string_append_printf (text, "%s{\"id\":\"m%u\",\"email\":\"member%u@example.com\","
                                "\"name\":\"Member number %u\",\"status\":\"ACTIVE\"}",
                                i ? "," : "", page * 200 + i, page * 200 + i, page * 200 + i);
      g_string_append_c (text, ']');
      total += text->len;
      g_ptr_array_add (pages, g_string_free_to_bytes (text));
    }
  g_assert_cmpuint (total, >, 2 * 256 * 1024);

  _tc_cache_store_team_async (cache, WS_A, pages, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  g_assert_true (_tc_cache_store_team_finish (cache, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);   /* it holds the cache */
  members = load_members (cache, WS_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 8000);
  for (guint i = 0; i < members->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      g_autofree char *name = g_strdup_printf ("Member number %u", i);

      g_assert_cmpstr (tc_member_get_id (g_ptr_array_index (members, i)), ==, id);
      g_assert_cmpstr (tc_member_get_name (g_ptr_array_index (members, i)), ==, name);
    }

  g_assert_true (store_pages (cache, WS_A, small, &error));
  g_assert_no_error (error);
  fewer = load_members (cache, WS_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fewer->len, ==, 1);
  g_assert_cmpstr (tc_member_get_id (g_ptr_array_index (fewer, 0)), ==, "only");
  close_cache (cache);
}

int
main (int    argc,
      char **argv)
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/cache/team/round-trip", test_round_trip);
  g_test_add_func ("/cache/team/survives-reopen", test_survives_reopen);
  g_test_add_func ("/cache/team/not-a-list", test_not_a_list);
  g_test_add_func ("/cache/team/pages", test_pages);
  g_test_add_func ("/cache/team/members", test_members);
  g_test_add_func ("/cache/team/big", test_big_team);

  return g_test_run ();
}
