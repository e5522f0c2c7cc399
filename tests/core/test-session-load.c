/* test-session-load.c — tc_session_load_async(): the cache first, the
 * server after (issue 13: the window's first frame waits for no request)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real timecard-service in-process, the fault proxy in front of it, a
 * real TcCache. A first session loads from the server (nothing cached) and
 * caches the user; the user is then renamed in the service's database
 * behind the cache's back, and a second session of the same account loads
 * through a slow or broken proxy: it must show the cached name at once and
 * the server's after the refresh, or the offline state when the refresh
 * fails, keeping an edit made meanwhile until the server is back.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tc-api-error.h"
#include "tc-fault-proxy.h"
#include "tc-service-private.h"
#include "tc-session-private.h"
#include "tc-test-util.h"

#define CACHED_NAME "Ada Lovelace"
#define SERVER_NAME "Ada King"

typedef struct
{
  char         *db_path;
  TcService    *service;
  char         *owner_id;
  char         *api_key;
  TcFaultProxy *proxy;
} World;

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (*(gpointer *) data)->ref_count == 1;
}

static World *
world_new (void)
{
  World *w = g_new0 (World, 1);
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  w->db_path = g_build_filename (g_get_user_data_dir (), "load.db", NULL);
  w->service = tc_service_new (w->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (w->service, CACHED_NAME, "ada@example.com",
                                             &w->owner_id, &w->api_key, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_listen (w->service, 0, &error));
  g_assert_no_error (error);

  base_url = tc_service_dup_base_url (w->service);
  w->proxy = tc_fault_proxy_new (base_url);
  return w;
}

static void
world_free (World *w)
{
  tc_fault_proxy_free (w->proxy);
  tc_service_shutdown (w->service);
  tc_test_wait_until (only_ref, &w->service, 10);
  g_assert_finalize_object (w->service);
  g_unlink (w->db_path);
  g_free (w->db_path);
  g_free (w->owner_id);
  g_free (w->api_key);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static TcSession *
session_new (World *w)
{
  g_autofree char *proxy_url = tc_fault_proxy_dup_base_url (w->proxy);
  g_autoptr(TcApiClient) client = tc_api_client_new (proxy_url, NULL);
  g_autoptr(TcAccount) account = tc_account_new ("local", w->owner_id, NULL);
  TcSession *session;

  tc_api_client_set_api_key (client, w->api_key);
  /* Two quick retries of a GET, then the error. */
  tc_api_client_set_retry_policy (client, 2, 5, 50);
  session = tc_session_new (account, client);
  _tc_session_set_retry_delays (session, 20, 100);
  return session;
}

static gboolean
load (TcSession  *session,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_load_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  return tc_session_load_finish (session, result, error);
}

static gboolean
idle (gpointer data)
{
  World *w = data;

  return tc_fault_proxy_open (w->proxy) == 0;
}

/* Lets @session go once nothing it sent is in flight. */
static void
session_finish (World      *w,
                TcSession **session)
{
  tc_test_wait_until (idle, w, 10);
  tc_test_wait_until (only_ref, session, 10);
  g_assert_finalize_object (g_steal_pointer (session));
}

/* A first start (nothing cached: the load waits for the server), then,
 * with @rename, the user renamed on the server only. */
static void
cache_user (World    *w,
            gboolean  rename)
{
  g_autoptr(TcSession) first = session_new (w);
  g_autoptr(GError) error = NULL;

  g_assert_true (load (first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (first)), ==, CACHED_NAME);
  g_assert_false (tc_session_get_stale (first));
  g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "GET", "/v1/user"), ==, 1);
  session_finish (w, &first);

  if (rename)
    g_assert_true (_tc_db_exec (w->service, "UPDATE users SET name = ? WHERE id = ?", "ss",
                              SERVER_NAME, w->owner_id));
}

static char *
server_name (World *w)
{
  return _tc_db_dup_string (w->service, "SELECT name FROM users WHERE id = ?", "s", w->owner_id);
}

typedef struct
{
  TcSession  *session;
  const char *name;
} NameWait;

static gboolean
fresh_with_name (gpointer data)
{
  NameWait *wait = data;
  TcUser *user = tc_session_get_user (wait->session);

  return !tc_session_get_stale (wait->session) && !tc_session_get_offline (wait->session) &&
         tc_session_get_pending_edits (wait->session) == 0 &&
         g_strcmp0 (tc_user_get_name (user), wait->name) == 0;
}

static gboolean
is_offline (gpointer data)
{
  return tc_session_get_offline (data);
}

/* TC_TEST_TIMEOUT_MULTIPLIER, as tc_test_wait_until() reads it (1–10). */
static guint
slowdown (void)
{
  const char *multiplier = g_getenv ("TC_TEST_TIMEOUT_MULTIPLIER");
  guint64 value = multiplier != NULL ? g_ascii_strtoull (multiplier, NULL, 10) : 1;

  return (guint) CLAMP (value, 1, 10);
}

/* The server answers slowly: the load is done with the cache, before the
 * server has answered, and the server's data replaces it after. */
static void
test_cached_first (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  NameWait wait;

  cache_user (w, TRUE);

  session = session_new (w);
  /* Longer than reading the cache takes, also sanitized under load. */
  tc_fault_proxy_set_latency (w->proxy, 1000 * slowdown ());
  tc_fault_proxy_push (w->proxy, "GET", "/v1/user", TC_FAULT_LATENCY, 1);
  g_assert_true (load (session, &error));
  g_assert_no_error (error);

  /* Shown from the cache, the request to the server still held back. */
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, CACHED_NAME);
  g_assert_true (tc_session_get_stale (session));
  g_assert_false (tc_session_get_offline (session));

  /* The refresh goes on: the server's name, no longer stale. */
  wait = (NameWait) { session, SERVER_NAME };
  tc_test_wait_until (fresh_with_name, &wait, 20);
  g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "GET", "/v1/user"), ==, 2);
  g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "GET", "/v1/workspaces"), ==, 2);
  session_finish (w, &session);
}

/* The server cannot be reached: the load still succeeds with the cache,
 * the refresh that follows fails into the offline state, an edit made
 * then is kept, and reaches the server once it is back. */
static void
test_refresh_fails_after (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  NameWait wait;

  cache_user (w, FALSE);

  session = session_new (w);
  tc_fault_proxy_set_fault (w->proxy, NULL, TC_FAULT_DROP_REQUEST);
  g_assert_true (load (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, CACHED_NAME);
  g_assert_true (tc_session_get_stale (session));

  tc_test_wait_until (is_offline, session, 20);
  g_assert_true (tc_session_get_stale (session));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, CACHED_NAME);

  tc_session_set_name (session, "Ada Offline");
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 1);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, "Ada Offline");

  /* Back: the retry refreshes, then sends the edit. */
  tc_fault_proxy_set_fault (w->proxy, NULL, TC_FAULT_NONE);
  wait = (NameWait) { session, "Ada Offline" };
  tc_test_wait_until (fresh_with_name, &wait, 30);
  name = server_name (w);
  g_assert_cmpstr (name, ==, "Ada Offline");
  session_finish (w, &session);
}

/* Nothing cached: the load is the whole refresh, and its error. */
static void
test_first_start_waits (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(TcSession) session = session_new (w);
  g_autoptr(GError) error = NULL;

  tc_fault_proxy_set_fault (w->proxy, NULL, TC_FAULT_DROP_REQUEST);
  g_assert_false (load (session, &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_NETWORK);
  g_assert_null (tc_session_get_user (session));
  tc_fault_proxy_set_fault (w->proxy, NULL, TC_FAULT_NONE);
  session_finish (w, &session);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/session-load/cached-first", test_cached_first);
  g_test_add_func ("/session-load/refresh-fails-after", test_refresh_fails_after);
  g_test_add_func ("/session-load/first-start-waits", test_first_start_waits);

  return g_test_run ();
}
