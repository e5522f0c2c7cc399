/* test-service-matrix.c — every write as Owner, Admin, plain member and a
 * user of another workspace, on a FREE and a PRO workspace
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell runs against a fresh world, so a write that succeeds (a leave,
 * a delete) cannot change the next cell's answer.
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

enum { OWNER, ADMIN, MEMBER, OUTSIDER, N_ROLES };
enum { FREE, PRO, N_PLANS };

static const char * const role_names[] = { "owner", "admin", "member", "outsider" };
static const char * const plan_names[] = { "FREE", "PRO" };

typedef struct
{
  const char *what;
  const char *method;
  const char *path;      /* {ws} {target} {field} {hook} are replaced */
  const char *body;
  guint       expected[N_PLANS][N_ROLES];
} WriteCase;

static const WriteCase writes[] = {
  { "own name", "PATCH", "/v1/user", "{\"name\":\"Renamed\"}",
    { { 200, 200, 200, 200 }, { 200, 200, 200, 200 } } },
  { "own settings", "PATCH", "/v1/user/settings", "{\"theme\":\"DARK\"}",
    { { 200, 200, 200, 200 }, { 200, 200, 200, 200 } } },
  { "own email", "PATCH", "/v1/user", "{\"email\":\"fresh@example.org\"}",
    { { 200, 200, 200, 200 }, { 200, 200, 200, 200 } } },
  { "own api key", "POST", "/v1/user/api-keys", "{\"name\":\"Key\"}",
    { { 201, 201, 201, 201 }, { 201, 201, 201, 201 } } },
  { "active workspace", "PUT", "/v1/user/active-workspace", "{\"workspaceId\":\"{ws}\"}",
    { { 200, 200, 200, 400 }, { 200, 200, 200, 400 } } },
  { "deactivate member", "PUT", "/v1/workspaces/{ws}/users/{target}", "{\"status\":\"INACTIVE\"}",
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "profile capacity", "PATCH", "/v1/workspaces/{ws}/member-profile/{target}", "{\"workCapacity\":\"PT6H\"}",
    { { 400, 400, 403, 403 }, { 200, 200, 403, 403 } } },
  { "profile week start", "PATCH", "/v1/workspaces/{ws}/member-profile/{target}", "{\"weekStart\":\"SUNDAY\"}",
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "profile employee", "PATCH", "/v1/workspaces/{ws}/member-profile/{target}",
    "{\"employeeId\":\"E-1\",\"employmentType\":\"PART_TIME\"}",
    { { 400, 400, 403, 403 }, { 200, 200, 403, 403 } } },
  { "create field", "POST", "/v1/workspaces/{ws}/custom-fields", "{\"name\":\"New\",\"type\":\"TXT\"}",
    { { 400, 400, 403, 403 }, { 201, 201, 403, 403 } } },
  { "edit field", "PUT", "/v1/workspaces/{ws}/custom-fields/{field}", "{\"name\":\"Renamed\",\"type\":\"TXT\"}",
    { { 400, 400, 403, 403 }, { 200, 200, 403, 403 } } },
  { "delete field", "DELETE", "/v1/workspaces/{ws}/custom-fields/{field}", NULL,
    { { 400, 400, 403, 403 }, { 204, 204, 403, 403 } } },
  { "member's field value", "PUT", "/v1/workspaces/{ws}/users/{target}/custom-field/{field}/value", "{\"value\":\"x\"}",
    { { 400, 400, 403, 403 }, { 201, 201, 403, 403 } } },
  { "create webhook", "POST", "/v1/workspaces/{ws}/webhooks",
    "{\"name\":\"Hook\",\"url\":\"https://example.com/h\",\"webhookEvent\":\"NEW_TAG\",\"triggerSourceType\":\"WORKSPACE_ID\",\"triggerSource\":[]}",
    { { 201, 201, 403, 403 }, { 201, 201, 403, 403 } } },
  { "update webhook", "PUT", "/v1/workspaces/{ws}/webhooks/{hook}",
    "{\"name\":\"Hook 2\",\"url\":\"https://example.com/h\",\"webhookEvent\":\"NEW_TAG\",\"triggerSourceType\":\"WORKSPACE_ID\",\"triggerSource\":[]}",
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "webhook token", "PATCH", "/v1/workspaces/{ws}/webhooks/{hook}/token", NULL,
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "delete webhook", "DELETE", "/v1/workspaces/{ws}/webhooks/{hook}", NULL,
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "webhook logs", "POST", "/v1/workspaces/{ws}/webhooks/{hook}/logs", "{\"status\":\"ALL\"}",
    { { 200, 200, 403, 403 }, { 200, 200, 403, 403 } } },
  { "leave", "POST", "/v1/workspaces/{ws}/leave", NULL,
    { { 400, 204, 204, 403 }, { 400, 204, 204, 403 } } },
};

typedef struct
{
  TcTestService *ts;
  char *keys[N_ROLES];
  char *target, *field, *hook;
} World;

static World *
world_new (int plan)
{
  World *w = g_new0 (World, 1);
  TcTestService *ts = w->ts = tc_test_service_new ();
  g_autofree char *admin = tc_test_add_user (ts, "Ádám", "adam@example.com", &w->keys[ADMIN]);
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", &w->keys[MEMBER]);
  g_autofree char *outsider = tc_test_add_user (ts, "Otto", "otto@example.com", &w->keys[OUTSIDER]);
  g_autofree char *elsewhere = tc_test_add_workspace (ts, "Elsewhere", "PRO", outsider);

  w->keys[OWNER] = g_strdup (ts->owner_key);
  w->target = tc_test_add_user (ts, "Tara Target", "tara@example.com", NULL);
  w->field = _tc_new_id ();
  w->hook = _tc_new_id ();
  tc_test_add_membership (ts, ts->workspace_id, admin, TC_ROLE_ADMIN, "ACTIVE");
  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  tc_test_add_membership (ts, ts->workspace_id, w->target, NULL, "ACTIVE");
  g_assert_true (_tc_db_exec (ts->service, "UPDATE workspaces SET plan = ? WHERE id = ?", "ss",
                              plan_names[plan], ts->workspace_id));
  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO custom_fields (id, workspace_id, name, "
                              "type, status, position) VALUES (?, ?, 'Field', 'TXT', 'VISIBLE', 1)",
                              "ss", w->field, ts->workspace_id));
  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO webhooks (id, workspace_id, user_id, name, "
                              "url, event, trigger_type, auth_token, created_at) VALUES (?, ?, ?, "
                              "'Hook', 'https://example.com/h', 'NEW_TAG', 'WORKSPACE_ID', 't', "
                              "'2026-01-01T00:00:00Z')", "sss", w->hook, ts->workspace_id,
                              ts->owner_id));
  return w;
}

static void
world_free (World *w)
{
  tc_test_service_free (w->ts);
  for (guint i = 0; i < N_ROLES; i++)
    g_free (w->keys[i]);
  g_free (w->target);
  g_free (w->field);
  g_free (w->hook);
  g_free (w);
}

static char *
expand (World *w, const char *text)
{
  GString *s;

  if (text == NULL)
    return NULL;
  s = g_string_new (text);
  g_string_replace (s, "{ws}", w->ts->workspace_id, 0);
  g_string_replace (s, "{target}", w->target, 0);
  g_string_replace (s, "{field}", w->field, 0);
  g_string_replace (s, "{hook}", w->hook, 0);
  return g_string_free (s, FALSE);
}

static void
run_cell (const WriteCase *c, int plan, int role)
{
  World *w = world_new (plan);
  g_autofree char *path = expand (w, c->path);
  g_autofree char *body = expand (w, c->body);
  g_autoptr(TcTestResponse) res = tc_test_request (w->ts, c->method, path, w->keys[role], body);
  guint expected = c->expected[plan][role];

  g_test_message ("%s as %s on %s: %u (expected %u)", c->what, role_names[role],
                  plan_names[plan], res->status, expected);
  if (expected < 300)
    g_assert_cmpuint (res->status, ==, expected);
  else
    tc_test_assert_error (res, expected, expected == 403 ? 403 : 501);
  world_free (w);
}

static void
test_matrix (gconstpointer data)
{
  const WriteCase *c = data;

  for (int plan = 0; plan < N_PLANS; plan++)
    for (int role = 0; role < N_ROLES; role++)
      run_cell (c, plan, role);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autofree char *name = g_strdup_printf ("/service/matrix/%s", writes[i].what);

      g_strdelimit (name + strlen ("/service/matrix/"), " '", '-');
      g_test_add_data_func (name, &writes[i], test_matrix);
    }
  return g_test_run ();
}
