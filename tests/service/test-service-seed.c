/* test-service-seed.c — the --seed world, and the timecard-service executable
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "tc-test-service.h"
#include "tc-test-tmp.h"

static TcTestService *
seeded_service (guint n, char **out_key)
{
  TcTestService *ts = g_new0 (TcTestService, 1);
  g_autoptr(GError) error = NULL;

  ts->dir = tc_test_tmp_dir ("tc-seed-XXXXXX");
  ts->db_path = g_build_filename (ts->dir, "seed.db", NULL);
  ts->maildir = g_build_filename (ts->dir, "Maildir", NULL);
  ts->service = tc_service_new (ts->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_seed (ts->service, n, out_key, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_listen (ts->service, 0, &error));
  ts->base_url = tc_service_dup_base_url (ts->service);
  ts->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  ts->owner_key = g_strdup (*out_key);
  return ts;
}

static JsonArray *
get_array (TcTestService *ts, const char *path, TcTestResponse **out)
{
  *out = tc_test_request (ts, "GET", path, ts->owner_key, NULL);
  g_assert_cmpuint ((*out)->status, ==, 200);
  return tc_test_response_array (*out);
}

static void
check_team (TcTestService *ts, const char *ws)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?page-size=5000&include-roles=true", ws);
  g_autoptr(TcTestResponse) res = NULL;
  JsonArray *users = get_array (ts, path, &res);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint non_ascii = 0, null_names = 0;
  static const char * const expected[] = {
    "ACTIVE", "INACTIVE", "PENDING", "DECLINED", "OWNER", "WORKSPACE_ADMIN", "TEAM_MANAGER",
    "PROJECT_MANAGER", NULL
  };

  g_assert_cmpuint (json_array_get_length (users), ==, 201);
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *u = json_array_get_object_element (users, i);
      JsonArray *roles = json_object_get_array_member (u, "roles");
      JsonNode *name = json_object_get_member (u, "name");

      g_hash_table_add (seen, (gpointer) json_object_get_string_member (u, "status"));
      if (json_array_get_length (roles) > 0)
        g_hash_table_add (seen, (gpointer) json_object_get_string_member (
                            json_array_get_object_element (roles, 0), "role"));
      if (JSON_NODE_HOLDS_NULL (name))
        null_names++;
      else if (!g_str_is_ascii (json_node_get_string (name)))
        non_ascii++;
    }
  for (guint i = 0; expected[i]; i++)
    g_assert_true (g_hash_table_contains (seen, expected[i]));
  g_assert_cmpuint (non_ascii, >, 50);
  g_assert_cmpuint (null_names, >, 0);
}

static void
test_seed_world (void)
{
  g_autofree char *key = NULL;
  g_autofree char *again = NULL;
  TcTestService *ts = seeded_service (200, &key);
  g_autoptr(TcTestResponse) ws_res = NULL;
  g_autoptr(TcTestResponse) free_users = NULL;
  g_autoptr(TcTestResponse) fields = NULL;
  g_autoptr(TcTestResponse) hooks = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *workspaces = get_array (ts, "/v1/workspaces", &ws_res);
  const char *pro = NULL, *free_ws = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  /* PRO and FREE owned; STANDARD as Admin, BASIC as a plain member. */
  g_assert_cmpuint (json_array_get_length (workspaces), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *ws = json_array_get_object_element (workspaces, i);
      const char *plan = json_object_get_string_member (ws, "featureSubscriptionType");
      const char *id = json_object_get_string_member (ws, "id");
      g_autofree char *role = _tc_db_dup_string (ts->service, "SELECT COALESCE(m.role, 'MEMBER') "
                                                 "FROM memberships m JOIN users u ON "
                                                 "u.id = m.user_id WHERE u.is_bootstrap_owner = 1 "
                                                 "AND m.workspace_id = ?", "s", id);

      if (g_strcmp0 (plan, "PRO") == 0)
        pro = id;
      else if (g_strcmp0 (plan, "FREE") == 0)
        free_ws = id;
      else
        g_assert_true (g_strcmp0 (plan, "STANDARD") == 0 || g_strcmp0 (plan, "BASIC") == 0);
      g_assert_cmpstr (role, ==,
                       g_strcmp0 (plan, "STANDARD") == 0 ? "WORKSPACE_ADMIN" :
                       g_strcmp0 (plan, "BASIC") == 0 ? "MEMBER" : "OWNER");
    }
  g_assert_nonnull (pro);
  g_assert_nonnull (free_ws);
  check_team (ts, pro);

  path = g_strdup_printf ("/v1/workspaces/%s/users?page-size=5000", free_ws);
  g_assert_cmpuint (json_array_get_length (get_array (ts, path, &free_users)), >, 20);
  g_free (path);

  path = g_strdup_printf ("/v1/workspaces/%s/custom-fields", pro);
  array = get_array (ts, path, &fields);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (types, (gpointer) json_object_get_string_member (
                        json_array_get_object_element (array, i), "type"));
  g_assert_cmpuint (g_hash_table_size (types), ==, 6);
  g_free (path);

  path = g_strdup_printf ("/v1/workspaces/%s/webhooks", pro);
  hooks = tc_test_request (ts, "GET", path, key, NULL);
  g_assert_cmpint (json_object_get_int_member (tc_test_response_object (hooks), "workspaceWebhookCount"), >=, 1);

  g_assert_cmpint (_tc_db_int (ts->service, 0, "SELECT COUNT(*) FROM memberships WHERE "
                               "pending_approval = 1 AND status = 'ACTIVE'", NULL), >, 0);
  g_assert_cmpint (_tc_db_int (ts->service, 0, "SELECT COUNT(*) FROM custom_field_values", NULL), >, 100);

  /* A second seed keeps the world and makes no new key. */
  g_assert_true (tc_service_seed (ts->service, 10, &again, &error));
  g_assert_null (again);
  tc_test_service_free (ts);
}

static void
test_seed_fast (void)
{
  g_autofree char *key = NULL;
  gint64 start = g_get_monotonic_time ();
  TcTestService *ts = seeded_service (10000, &key);
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_autofree char *path = NULL;
  g_autoptr(TcTestResponse) page = NULL;
  g_autofree char *ws = _tc_db_dup_string (ts->service, "SELECT id FROM workspaces WHERE plan = 'PRO'", NULL);

  /* Speed is the benchmark's business (tests/bench); this only reports it. */
  g_test_message ("seeded 10,000 members in %.2f s", seconds);
  g_assert_cmpint (_tc_db_int (ts->service, 0, "SELECT COUNT(*) FROM users", NULL), ==, 10002);

  path = g_strdup_printf ("/v1/workspaces/%s/users?page=200&page-size=50&sort-column=NAME", ws);
  page = tc_test_request (ts, "GET", path, key, NULL);
  g_assert_cmpuint (json_array_get_length (tc_test_response_array (page)), ==, 50);
  g_assert_cmpstr (soup_message_headers_get_one (page->headers, "Last-Page"), ==, "false");
  tc_test_service_free (ts);
}

static void
test_help (void)
{
  const char *argv[] = { TIMECARD_SERVICE_PATH, "--help", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const options[] = {
    "--port", "--db", "--seed", "--maildir", "--rate-limit", "--burst", "--no-extensions",
    "--owner-name", "--owner-email", NULL
  };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; options[i]; i++)
    g_assert_nonnull (strstr (out, options[i]));
}

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  char             *url;
  char             *key;
} Child;

static void
child_start (Child *c, const char *db, const char *maildir)
{
  g_autoptr(GError) error = NULL;
  char *line;

  c->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, TIMECARD_SERVICE_PATH,
                                 "--port", "0", "--db", db, "--maildir", maildir, NULL);
  g_assert_no_error (error);
  c->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->process));
  line = g_data_input_stream_read_line_utf8 (c->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "timecard-service listening on http://127.0.0.1:"));
  c->url = g_strdup (strstr (line, "http://"));
  g_free (line);
  /* The second line holds the key on the first run only. */
  line = g_data_input_stream_read_line_utf8 (c->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Owner API key"));
  if (g_str_has_prefix (line, "Owner API key (shown once, keep it): "))
    c->key = g_strdup (strrchr (line, ' ') + 1);
  g_free (line);
}

static void
child_stop (Child *c, int sig)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (c->process, sig);
  g_assert_true (g_subprocess_wait (c->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (c->process));
  g_assert_cmpint (g_subprocess_get_exit_status (c->process), ==, 0);
  g_clear_object (&c->out);
  g_clear_object (&c->process);
  g_clear_pointer (&c->url, g_free);
  g_clear_pointer (&c->key, g_free);
}

static guint
get_user_status (const char *base_url, const char *key)
{
  TcTestService fake = { 0, };
  g_autoptr(TcTestResponse) res = NULL;

  fake.session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  fake.base_url = (char *) base_url;
  res = tc_test_request (&fake, "GET", "/v1/user", key, NULL);
  g_object_unref (fake.session);
  return res->status;
}

static void
test_signals (void)
{
  g_autofree char *dir = tc_test_tmp_dir ("tc-exe-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "exe.db", NULL);
  g_autofree char *maildir = g_build_filename (dir, "Maildir", NULL);
  g_autofree char *key = NULL;
  Child first = { 0, }, second = { 0, };

  child_start (&first, db, maildir);
  g_assert_nonnull (first.key);
  g_assert_cmpuint (strlen (first.key), ==, 48);
  key = g_strdup (first.key);
  g_assert_cmpuint (get_user_status (first.url, key), ==, 200);
  child_stop (&first, SIGTERM);

  /* Second run: same database, same owner, no new key printed. */
  child_start (&second, db, maildir);
  g_assert_null (second.key);
  g_assert_cmpuint (get_user_status (second.url, key), ==, 200);
  child_stop (&second, SIGINT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/seed/world", test_seed_world);
  g_test_add_func ("/service/seed/10000-members", test_seed_fast);
  g_test_add_func ("/service/executable/help", test_help);
  g_test_add_func ("/service/executable/signals", test_signals);

  return g_test_run ();
}
