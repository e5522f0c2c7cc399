/* test-service-user.c — auth, errors, GET/PATCH /v1/user, the runner
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-service-runner.h"
#include "tc-test-service.h"
#include "tc-test-tmp.h"

typedef struct
{
  const char *what;
  const char *headers[7];
  guint       status;
  gint64      code;
} AuthCase;

static void
test_auth_table (void)
{
  TcTestService *ts = tc_test_service_new ();
  const AuthCase cases[] = {
    { "no header", { NULL }, 401, 1000 },
    { "two keys", { "X-Api-Key", ts->owner_key, "X-Api-Key", ts->owner_key, NULL }, 401, 1000 },
    { "bearer", { "Authorization", "Bearer abc", NULL }, 401, 1000 },
    { "key and bearer", { "X-Api-Key", ts->owner_key, "Authorization", "Bearer x", NULL }, 401, 1000 },
    { "unknown key", { "X-Api-Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL }, 401, 4003 },
    { "empty key", { "X-Api-Key", "", NULL }, 401, 4003 },
    { "good key", { "X-Api-Key", ts->owner_key, NULL }, 200, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcTestResponse) res = NULL;

      g_test_message ("auth case: %s", cases[i].what);
      res = tc_test_request_full (ts, "GET", "/v1/user", cases[i].headers, NULL, NULL);
      if (cases[i].status == 200)
        g_assert_cmpuint (res->status, ==, 200);
      else
        tc_test_assert_error (res, cases[i].status, cases[i].code);
    }
  tc_test_service_free (ts);
}

static void
test_auth_key_storage (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *hash = _tc_sha256_hex (ts->owner_key);

  g_assert_cmpuint (strlen (ts->owner_key), ==, TC_WIRE_API_KEY_LENGTH);
  for (const char *p = ts->owner_key; *p; p++)
    g_assert_true (g_ascii_isalnum (*p));
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM api_keys WHERE hash = ? "
                               "OR name = ? OR preview = ?", "sss", ts->owner_key,
                               ts->owner_key, ts->owner_key), ==, 0);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM api_keys WHERE hash = ?",
                               "s", hash), ==, 1);
  g_assert_true (tc_wire_validate_id (ts->owner_id));
  g_assert_true (tc_wire_validate_id (ts->workspace_id));
  tc_test_service_free (ts);
}

static void
test_errors_routes (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(TcTestResponse) unknown = NULL;
  g_autoptr(TcTestResponse) method = NULL;
  g_autoptr(TcTestResponse) profile = NULL;

  unknown = tc_test_request (ts, "GET", "/v1/no-such-thing", ts->owner_key, NULL);
  tc_test_assert_error (unknown, 404, 3000);

  method = tc_test_request (ts, "DELETE", "/v1/user", ts->owner_key, NULL);
  tc_test_assert_error (method, 405, 3000);
  g_assert_cmpstr (soup_message_headers_get_one (method->headers, "Allow"), ==, "GET, PATCH");

  profile = tc_test_request (ts, "POST", "/v1/user", ts->owner_key, "{}");
  tc_test_assert_error (profile, 405, 3000);
  tc_test_service_free (ts);
}

static void
test_user_get (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  g_autoptr(TcTestResponse) with = NULL;
  static const char * const members[] = {
    "id", "email", "name", "profilePicture", "activeWorkspace", "defaultWorkspace",
    "status", "memberships", "customFields", "settings", NULL
  };
  static const char * const settings_members[] = {
    "weekStart", "timeZone", "timeFormat", "dateFormat", "lang", "theme", "myStartOfDay",
    "groupSimilarEntriesDisabled", "collapseAllProjectLists", "projectListCollapse",
    "projectPickerTaskFilter", "isCompactViewOn", "sendNewsletter", "weeklyUpdates",
    "longRunning", "scheduledReports", "approval", "pto", "alerts", "reminders",
    "invoiceReminders", "scheduling", "multiFactorEnabled", NULL
  };
  JsonObject *user, *settings;

  g_assert_cmpuint (res->status, ==, 200);
  user = tc_test_response_object (res);
  for (guint i = 0; members[i]; i++)
    g_assert_true (json_object_has_member (user, members[i]));
  g_assert_cmpstr (json_object_get_string_member (user, "id"), ==, ts->owner_id);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "olga@example.com");
  g_assert_cmpstr (json_object_get_string_member (user, "activeWorkspace"), ==, ts->workspace_id);
  g_assert_cmpstr (json_object_get_string_member (user, "status"), ==, "ACTIVE");
  settings = json_object_get_object_member (user, "settings");
  g_assert_nonnull (settings);
  for (guint i = 0; settings_members[i]; i++)
    g_assert_true (json_object_has_member (settings, settings_members[i]));
  g_assert_cmpstr (json_object_get_string_member (settings, "weekStart"), ==, "MONDAY");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "memberships")), ==, 0);

  with = tc_test_request (ts, "GET", "/v1/user?include-memberships=true", ts->owner_key, NULL);
  user = tc_test_response_object (with);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "memberships")), ==, 1);
  tc_test_service_free (ts);
}

typedef struct
{
  const char *body;
  guint       status;
  const char *field;     /* named in the error message */
  const char *expected;  /* the name afterwards */
} NameCase;

static void
test_user_patch_name (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *hundred = g_strnfill (100, 'x');
  g_autofree char *too_long = g_strnfill (101, 'x');
  g_autofree char *body100 = g_strdup_printf ("{\"name\":\"%s\"}", hundred);
  g_autofree char *body101 = g_strdup_printf ("{\"name\":\"%s\"}", too_long);
  const NameCase cases[] = {
    { "{\"name\":\"Zoë Ångström-Łukasz 山田\"}", 200, NULL, "Zoë Ångström-Łukasz 山田" },
    { "{\"name\":\"\"}", 400, "name", NULL },
    { "{\"name\":\"   \"}", 400, "name", NULL },
    { body101, 400, "name", NULL },
    { body100, 200, NULL, hundred },
    { "{\"name\":42}", 400, "name", NULL },
    { "{\"name\":null}", 400, "name", NULL },
    { "{\"nickname\":\"x\"}", 400, "nickname", NULL },
    { "[1,2]", 400, "body", NULL },
    { "not json", 400, "body", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcTestResponse) res = NULL;
      g_autoptr(TcTestResponse) after = NULL;

      g_test_message ("PATCH /v1/user %s", cases[i].body);
      res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, cases[i].body);
      if (cases[i].status != 200)
        {
          const char *message;

          tc_test_assert_error (res, cases[i].status, 501);
          message = json_object_get_string_member (tc_test_response_object (res), "message");
          g_assert_true (g_str_has_prefix (message, cases[i].field));
          continue;
        }
      g_assert_cmpuint (res->status, ==, 200);
      after = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
      g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (after), "name"),
                       ==, cases[i].expected);
    }
  tc_test_service_free (ts);
}

static void
test_extensions_disabled (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(TcTestResponse) patch = NULL;
  g_autoptr(TcTestResponse) get = NULL;

  tc_service_set_extensions_enabled (ts->service, FALSE);
  patch = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"name\":\"X\"}");
  tc_test_assert_error (patch, 405, 3000);
  g_assert_cmpstr (soup_message_headers_get_one (patch->headers, "Allow"), ==, "GET");
  get = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  g_assert_cmpuint (get->status, ==, 200);
  g_assert_false (json_object_has_member (tc_test_response_object (get), "pendingEmail"));
  tc_test_service_free (ts);
}

static void
ready_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
check_runner_key (TcServiceRunner *runner,
                  const char      *key,
                  guint            expected)
{
  TcTestService fake = { 0, };
  g_autoptr(TcTestResponse) res = NULL;

  fake.session = soup_session_new ();
  fake.base_url = (char *) tc_service_runner_get_base_url (runner);
  res = tc_test_request (&fake, "GET", "/v1/user", key, NULL);
  g_assert_cmpuint (res->status, ==, expected);
  if (expected == 200)
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (res), "id"),
                     ==, tc_service_runner_get_owner_id (runner));
  g_object_unref (fake.session);
}

static TcServiceRunner *
start_runner (const char *db_path)
{
  TcServiceRunner *runner = tc_service_runner_new (db_path, NULL);
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  tc_service_runner_start_async (runner, "Rúna Runner", "runa@example.com", NULL,
                                 ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  done = tc_service_runner_start_finish (runner, result, &error);
  g_assert_no_error (error);
  g_assert_true (done);
  g_object_unref (result);
  g_assert_true (g_str_has_prefix (tc_service_runner_get_base_url (runner), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (tc_service_runner_get_base_url (runner), "/api"));
  return runner;
}

static void
test_runner (void)
{
  g_autofree char *dir = tc_test_tmp_dir ("tc-runner-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "runner.db", NULL);
  g_autoptr(TcServiceRunner) first = start_runner (db);
  g_autoptr(TcServiceRunner) second = NULL;
  g_autofree char *key = tc_service_runner_dup_new_api_key (first);
  g_autofree char *owner = g_strdup (tc_service_runner_get_owner_id (first));
  g_autofree char *fresh = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_assert_nonnull (key);
  check_runner_key (first, key, 200);

  tc_service_runner_issue_key_async (first, NULL, ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  fresh = tc_service_runner_issue_key_finish (first, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (fresh, !=, key);
  check_runner_key (first, fresh, 200);
  tc_service_runner_stop (first);

  second = start_runner (db);
  g_assert_null (tc_service_runner_dup_new_api_key (second));
  g_assert_cmpstr (tc_service_runner_get_owner_id (second), ==, owner);
  check_runner_key (second, key, 200);
  check_runner_key (second, "nope", 401);
  tc_service_runner_stop (second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/auth/table", test_auth_table);
  g_test_add_func ("/service/auth/key-storage", test_auth_key_storage);
  g_test_add_func ("/service/errors/routes", test_errors_routes);
  g_test_add_func ("/service/user/get", test_user_get);
  g_test_add_func ("/service/user/patch-name", test_user_patch_name);
  g_test_add_func ("/service/user/extensions-disabled", test_extensions_disabled);
  g_test_add_func ("/service/runner/start-stop", test_runner);

  return g_test_run ();
}
