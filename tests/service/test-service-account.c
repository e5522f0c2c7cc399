/* test-service-account.c — API keys, workspaces, active workspace, leave,
 * and the extension switch
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

static void
test_api_keys (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(TcTestResponse) created = tc_test_request (ts, "POST", "/v1/user/api-keys", ts->owner_key,
                                                       "{\"name\":\"Laptop – Zoë\"}");
  JsonObject *obj = tc_test_response_object (created);
  g_autofree char *key = g_strdup (json_object_get_string_member (obj, "key"));
  g_autofree char *id = g_strdup (json_object_get_string_member (obj, "id"));
  g_autofree char *one = g_strdup_printf ("/v1/user/api-keys/%s", id);
  g_autoptr(TcTestResponse) use = tc_test_request (ts, "GET", "/v1/user", key, NULL);
  g_autoptr(TcTestResponse) list = tc_test_request (ts, "GET", "/v1/user/api-keys", ts->owner_key, NULL);
  g_autoptr(TcTestResponse) renamed = tc_test_request (ts, "PATCH", one, ts->owner_key, "{\"name\":\"Desk\"}");
  g_autoptr(TcTestResponse) blank = tc_test_request (ts, "POST", "/v1/user/api-keys", ts->owner_key, "{\"name\":\" \"}");
  g_autoptr(TcTestResponse) unnamed = tc_test_request (ts, "POST", "/v1/user/api-keys", ts->owner_key, "{}");
  g_autoptr(TcTestResponse) deleted = NULL;
  g_autoptr(TcTestResponse) after = NULL;
  g_autoptr(TcTestResponse) again = NULL;
  JsonArray *keys;
  gboolean found = FALSE;

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpuint (strlen (key), ==, 48);
  g_assert_true (json_object_has_member (obj, "createdAt"));
  g_assert_cmpuint (use->status, ==, 200);

  keys = tc_test_response_array (list);
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *k = json_array_get_object_element (keys, i);

      g_assert_false (json_object_has_member (k, "key"));
      g_assert_cmpuint (strlen (json_object_get_string_member (k, "preview")), ==, 4);
      if (g_strcmp0 (json_object_get_string_member (k, "id"), id) == 0)
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (k, "preview"), ==, key + 44);
          g_assert_false (json_object_get_null_member (k, "lastUsedAt"));
        }
    }
  g_assert_true (found);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (renamed), "name"), ==, "Desk");
  tc_test_assert_error (blank, 400, 501);
  tc_test_assert_error (unnamed, 400, 501);

  deleted = tc_test_request (ts, "DELETE", one, key, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  after = tc_test_request (ts, "GET", "/v1/user", key, NULL);
  tc_test_assert_error (after, 401, 4003);
  again = tc_test_request (ts, "DELETE", one, ts->owner_key, NULL);
  tc_test_assert_error (again, 400, 501);
  tc_test_service_free (ts);
}

static void
test_other_users_key (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *other_key = NULL;
  g_autofree char *other = tc_test_add_user (ts, "Ola", "ola@example.com", &other_key);
  g_autofree char *other_key_id = _tc_db_dup_string (ts->service, "SELECT id FROM api_keys "
                                                     "WHERE user_id = ?", "s", other);
  g_autofree char *path = g_strdup_printf ("/v1/user/api-keys/%s", other_key_id);
  g_autoptr(TcTestResponse) del = tc_test_request (ts, "DELETE", path, ts->owner_key, NULL);
  g_autoptr(TcTestResponse) still = tc_test_request (ts, "GET", "/v1/user", other_key, NULL);

  tc_test_assert_error (del, 400, 501);
  g_assert_cmpuint (still->status, ==, 200);
  tc_test_service_free (ts);
}

static void
test_workspaces (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *member_key = NULL;
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", &member_key);
  g_autofree char *free_ws = tc_test_add_workspace (ts, "A free one", "FREE", ts->owner_id);
  g_autofree char *stranger_ws = tc_test_add_workspace (ts, "Stranger", "ENTERPRISE", member);
  g_autoptr(TcTestResponse) list = NULL;
  g_autofree char *switch_body = g_strdup_printf ("{\"workspaceId\":\"%s\"}", free_ws);
  g_autofree char *bad_body = g_strdup_printf ("{\"workspaceId\":\"%s\"}", stranger_ws);
  g_autoptr(TcTestResponse) switched = NULL;
  g_autoptr(TcTestResponse) refused = NULL;
  JsonArray *array;

  g_assert_true (_tc_db_exec (ts->service, "UPDATE workspaces SET week_start = 'SUNDAY' WHERE id = ?",
                              "s", free_ws));
  list = tc_test_request (ts, "GET", "/v1/workspaces", ts->owner_key, NULL);
  array = tc_test_response_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *ws = json_array_get_object_element (array, i);
      gboolean is_free = g_strcmp0 (json_object_get_string_member (ws, "id"), free_ws) == 0;
      JsonArray *features = json_object_get_array_member (ws, "features");
      JsonObject *settings = json_object_get_object_member (ws, "workspaceSettings");

      g_assert_cmpstr (json_object_get_string_member (ws, "featureSubscriptionType"), ==, is_free ? "FREE" : "PRO");
      g_assert_cmpuint (json_array_get_length (features), ==, is_free ? 0 : 2);
      g_assert_cmpstr (json_object_get_string_member (settings, "weekStart"), ==, is_free ? "SUNDAY" : "MONDAY");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ws, "memberships")), ==, 1);
      g_assert_true (json_object_has_member (ws, "imageUrl"));
    }

  switched = tc_test_request (ts, "PUT", "/v1/user/active-workspace", ts->owner_key, switch_body);
  g_assert_cmpuint (switched->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (switched), "activeWorkspace"), ==, free_ws);
  refused = tc_test_request (ts, "PUT", "/v1/user/active-workspace", ts->owner_key, bad_body);
  tc_test_assert_error (refused, 400, 501);
  tc_test_service_free (ts);
}

static void
test_leave (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *member_key = NULL;
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", &member_key);
  g_autofree char *second = tc_test_add_workspace (ts, "Second", "PRO", ts->owner_id);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/leave", ts->workspace_id);
  g_autoptr(TcTestResponse) left = NULL;
  g_autoptr(TcTestResponse) again = NULL;
  g_autoptr(TcTestResponse) owner = NULL;
  g_autoptr(TcTestResponse) user = NULL;

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  tc_test_add_membership (ts, second, member, NULL, "ACTIVE");
  left = tc_test_request (ts, "POST", path, member_key, NULL);
  g_assert_cmpuint (left->status, ==, 204);
  user = tc_test_request (ts, "GET", "/v1/user", member_key, NULL);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (user), "activeWorkspace"), ==, second);
  again = tc_test_request (ts, "POST", path, member_key, NULL);
  tc_test_assert_error (again, 403, 403);
  owner = tc_test_request (ts, "POST", path, ts->owner_key, NULL);
  tc_test_assert_error (owner, 400, 501);
  tc_test_service_free (ts);
}

typedef struct
{
  const char *method;
  const char *path;     /* after /v1/workspaces/WS when ws is TRUE */
  gboolean    ws;
  guint       status;   /* with extensions off */
} ExtCase;

static const ExtCase ext_cases[] = {
  { "PATCH", "/v1/user", FALSE, 405 },
  { "PATCH", "/v1/user/settings", FALSE, 404 },
  { "POST", "/v1/user/email/confirm", FALSE, 404 },
  { "GET", "/v1/user/api-keys", FALSE, 404 },
  { "POST", "/v1/user/api-keys", FALSE, 404 },
  { "PATCH", "/v1/user/api-keys/0123456789abcdef01234567", FALSE, 404 },
  { "DELETE", "/v1/user/api-keys/0123456789abcdef01234567", FALSE, 404 },
  { "PUT", "/v1/user/active-workspace", FALSE, 404 },
  { "POST", "/leave", TRUE, 404 },
  { "POST", "/webhooks/0123456789abcdef01234567/test", TRUE, 404 },
};

static void
test_extensions_switch (void)
{
  TcTestService *ts = tc_test_service_new ();

  for (guint on = 0; on < 2; on++)
    {
      tc_service_set_extensions_enabled (ts->service, on);
      for (guint i = 0; i < G_N_ELEMENTS (ext_cases); i++)
        {
          g_autofree char *path = ext_cases[i].ws
            ? g_strconcat ("/v1/workspaces/", ts->workspace_id, ext_cases[i].path, NULL)
            : g_strdup (ext_cases[i].path);
          g_autoptr(TcTestResponse) res = tc_test_request (ts, ext_cases[i].method, path, ts->owner_key, "{}");

          g_test_message ("%s %s with extensions %s: %u", ext_cases[i].method, path,
                          on ? "on" : "off", res->status);
          if (!on)
            tc_test_assert_error (res, ext_cases[i].status, 3000);
          else
            g_assert_true (res->status != 404 && res->status != 405);
        }
    }
  {
    g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", ts->workspace_id, ts->owner_id);
    g_autoptr(TcTestResponse) res = NULL;

    tc_service_set_extensions_enabled (ts->service, FALSE);
    res = tc_test_request (ts, "GET", path, ts->owner_key, NULL);
    g_assert_cmpuint (res->status, ==, 200);
    g_assert_false (json_object_has_member (tc_test_response_object (res), "employeeId"));
  }
  tc_test_service_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/api-keys/crud", test_api_keys);
  g_test_add_func ("/service/api-keys/other-user", test_other_users_key);
  g_test_add_func ("/service/workspaces/list-and-active", test_workspaces);
  g_test_add_func ("/service/workspaces/leave", test_leave);
  g_test_add_func ("/service/extensions/switch", test_extensions_switch);

  return g_test_run ();
}
