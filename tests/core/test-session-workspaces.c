/* test-session-workspaces.c — switching and leaving workspaces
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real timecard-service in-process, seeded: the owner is
 * Owner of a PRO and a FREE workspace, Admin of a STANDARD one and a plain
 * member of a BASIC one. A "restart" is a second TcSession for the same
 * account (same cache file) over the same service.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-service-private.h"
#include "tc-session.h"
#include "tc-test-util.h"

typedef struct {
  TcService *service;
  char      *url;
  char      *key;
  TcSession *session;
} Fixture;

static TcSession *
open_session (Fixture    *fixture,
              const char *key)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (fixture->url, NULL);
  g_autoptr(TcAccount) account = tc_account_new (fixture->url, key, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session;

  tc_api_client_set_api_key (client, key);
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  session = tc_session_new (account, client);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
close_session (TcSession *session)
{
  tc_test_wait_until (only_ref, session, 10);
  g_assert_finalize_object (session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("workspaces-%u.db", ++counter);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->service = tc_service_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_seed (fixture->service, 8, &fixture->key, &error));
  g_assert_no_error (error);
  tc_service_set_extensions_enabled (fixture->service, GPOINTER_TO_INT (data) == 0);
  g_assert_true (tc_service_listen (fixture->service, 0, &error));
  g_assert_no_error (error);
  fixture->url = tc_service_dup_base_url (fixture->service);
  fixture->session = open_session (fixture, fixture->key);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session != NULL)
    close_session (fixture->session);
  tc_service_shutdown (fixture->service);
  tc_test_wait_until (only_ref, fixture->service, 10);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->url);
  g_free (fixture->key);
}

/* Borrowed: the session's workspace on @plan. */
static TcWorkspace *
workspace_on (TcSession  *session,
              const char *plan)
{
  GListModel *list = tc_session_get_workspaces (session);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TcWorkspace) workspace = g_list_model_get_item (list, i);

      if (g_strcmp0 (tc_workspace_get_plan (workspace), plan) == 0)
        return workspace;
    }
  return NULL;
}

static gboolean
roles_known (gpointer data)
{
  TcSession *session = data;

  return g_strcmp0 (tc_workspace_get_caller_role (workspace_on (session, "STANDARD")),
                    "WORKSPACE_ADMIN") == 0 &&
         g_strcmp0 (tc_workspace_get_caller_role (workspace_on (session, "FREE")), "OWNER") == 0 &&
         g_strcmp0 (tc_workspace_get_caller_role (workspace_on (session, "PRO")), "OWNER") == 0;
}

static gboolean
switch_to (TcSession   *session,
           TcWorkspace *workspace,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_set_active_workspace_async (session, workspace, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_session_set_active_workspace_finish (session, result, error);
}

static gboolean
leave (TcSession   *session,
       TcWorkspace *workspace,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_leave_workspace_async (session, workspace, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_session_leave_workspace_finish (session, result, error);
}

/* Every workspace with its role, not only the active one. */
static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (fixture->session)), ==, 4);
  tc_test_wait_until (roles_known, fixture->session, 20);
  g_assert_null (tc_workspace_get_caller_role (workspace_on (fixture->session, "BASIC")));
  g_assert_false (tc_workspace_get_caller_is_admin (workspace_on (fixture->session, "BASIC")));
  g_assert_true (tc_workspace_get_caller_is_admin (workspace_on (fixture->session, "STANDARD")));
}

/* With the extension: PUT, and the server keeps it over a restart. */
static void
test_switch_stored_on_server (Fixture       *fixture,
                              gconstpointer  data)
{
  TcWorkspace *basic = workspace_on (fixture->session, "BASIC");
  g_autofree char *id = g_strdup (tc_workspace_get_id (basic));
  g_autoptr(GError) error = NULL;
  TcSession *again;

  g_assert_cmpstr (tc_workspace_get_plan (tc_session_get_active_workspace (fixture->session)), ==, "PRO");
  g_assert_true (switch_to (fixture->session, basic, &error));
  g_assert_no_error (error);
  g_assert_true (tc_session_get_active_workspace (fixture->session) == basic);
  g_assert_cmpstr (tc_session_get_active_workspace_name (fixture->session), ==, "Open Source Club");
  g_assert_false (tc_session_get_local_workspace_choice (fixture->session));
  close_session (g_steal_pointer (&fixture->session));

  /* Not from the cache: the server's user says so. */
  again = open_session (fixture, fixture->key);
  g_assert_false (tc_session_get_local_workspace_choice (again));
  g_assert_cmpstr (tc_user_get_active_workspace (tc_session_get_user (again)), ==, id);
  g_assert_cmpstr (tc_workspace_get_id (tc_session_get_active_workspace (again)), ==, id);
  close_session (again);
}

/* Without it (Clockify): remembered in the account's cache. */
static void
test_switch_stored_locally (Fixture       *fixture,
                            gconstpointer  data)
{
  TcWorkspace *standard = workspace_on (fixture->session, "STANDARD");
  g_autofree char *id = g_strdup (tc_workspace_get_id (standard));
  g_autofree char *server_active = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *again;

  g_assert_false (tc_session_get_local_workspace_choice (fixture->session));
  g_assert_true (switch_to (fixture->session, standard, &error));
  g_assert_no_error (error);
  g_assert_true (tc_session_get_local_workspace_choice (fixture->session));
  g_assert_true (tc_session_get_active_workspace (fixture->session) == standard);
  server_active = g_strdup (tc_user_get_active_workspace (tc_session_get_user (fixture->session)));
  g_assert_cmpstr (server_active, !=, id);
  close_session (g_steal_pointer (&fixture->session));

  again = open_session (fixture, fixture->key);
  g_assert_true (tc_session_get_local_workspace_choice (again));
  g_assert_cmpstr (tc_user_get_active_workspace (tc_session_get_user (again)), ==, server_active);
  g_assert_cmpstr (tc_workspace_get_id (tc_session_get_active_workspace (again)), ==, id);
  close_session (again);
}

/* Leaving: gone from the session and from the server; Owner refused. */
static void
test_leave (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *again;

  tc_test_wait_until (roles_known, fixture->session, 20);
  g_assert_false (leave (fixture->session, workspace_on (fixture->session, "PRO"), &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_clear_error (&error);

  switch_to (fixture->session, workspace_on (fixture->session, "BASIC"), &error);
  g_assert_no_error (error);
  id = g_strdup (tc_workspace_get_id (workspace_on (fixture->session, "BASIC")));
  g_assert_true (leave (fixture->session, workspace_on (fixture->session, "BASIC"), &error));
  g_assert_no_error (error);
  g_assert_null (workspace_on (fixture->session, "BASIC"));
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (fixture->session)), ==, 3);
  /* Moved on to a workspace the user still has. */
  g_assert_nonnull (tc_session_get_active_workspace (fixture->session));
  g_assert_cmpstr (tc_workspace_get_id (tc_session_get_active_workspace (fixture->session)), !=, id);
  g_assert_cmpint (_tc_db_int (fixture->service, -1, "SELECT COUNT(*) FROM memberships m "
                               "JOIN users u ON u.id = m.user_id WHERE u.is_bootstrap_owner = 1 "
                               "AND m.workspace_id = ?", "s", id), ==, 0);
  close_session (g_steal_pointer (&fixture->session));

  again = open_session (fixture, fixture->key);
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (again)), ==, 3);
  g_assert_null (workspace_on (again, "BASIC"));
  close_session (again);
}

/* A member whose only workspace it is cannot leave it. */
static void
test_leave_last (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *member = _tc_db_dup_string (fixture->service, "SELECT id FROM users WHERE "
                                               "email = 'member00006@demo.example'", NULL);
  g_autofree char *key = tc_service_issue_api_key (fixture->service, member, "Test", NULL);
  g_autoptr(GError) error = NULL;
  TcSession *session;

  g_assert_nonnull (key);
  session = open_session (fixture, key);
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (session)), ==, 1);
  g_assert_false (leave (session, workspace_on (session, "PRO"), &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_cmpint (_tc_db_int (fixture->service, -1, "SELECT COUNT(*) FROM memberships "
                               "WHERE user_id = ?", "s", member), ==, 1);
  close_session (session);
}

/* Without the extension leaving is for the web app. */
static void
test_leave_unsupported (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tc_test_wait_until (roles_known, fixture->session, 20);
  g_assert_false (leave (fixture->session, workspace_on (fixture->session, "BASIC"), &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
  g_assert_true (tc_session_get_local_workspace_choice (fixture->session));
  g_assert_nonnull (workspace_on (fixture->session, "BASIC"));
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

#define ADD(path, func, no_ext) \
  g_test_add (path, Fixture, GINT_TO_POINTER (no_ext), fixture_set_up, func, fixture_tear_down)
  ADD ("/workspaces/roles", test_roles, 0);
  ADD ("/workspaces/switch/server", test_switch_stored_on_server, 0);
  ADD ("/workspaces/switch/local", test_switch_stored_locally, 1);
  ADD ("/workspaces/leave", test_leave, 0);
  ADD ("/workspaces/leave/last", test_leave_last, 0);
  ADD ("/workspaces/leave/unsupported", test_leave_unsupported, 1);
#undef ADD

  return g_test_run ();
}
