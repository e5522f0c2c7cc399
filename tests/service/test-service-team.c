/* test-service-team.c — the Team list, member status and the member profile rules
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

typedef struct
{
  TcTestService *ts;
  char *free_ws, *other_ws;
  char *admin, *admin_key;
  char *member, *member_key;
  char *inactive, *pending, *declined, *multi, *approval, *free_member;
  char *outsider, *outsider_key;
} World;

static World *
world_new (void)
{
  World *w = g_new0 (World, 1);
  TcTestService *ts = w->ts = tc_test_service_new ();
  const char *ws = ts->workspace_id;

  w->admin = tc_test_add_user (ts, "Ádám Admin", "adam@example.com", &w->admin_key);
  w->member = tc_test_add_user (ts, "Mia Member", "mia@example.com", &w->member_key);
  w->inactive = tc_test_add_user (ts, "Ina Inactive", "ina@example.com", NULL);
  w->pending = tc_test_add_user (ts, "Pete Pending", "pete@example.com", NULL);
  w->declined = tc_test_add_user (ts, "Dee Declined", "dee@example.com", NULL);
  w->multi = tc_test_add_user (ts, "Mŭlti Many", "multi@example.com", NULL);
  w->approval = tc_test_add_user (ts, "Paula Approval", "paula@example.com", NULL);
  w->free_member = tc_test_add_user (ts, "Fred Free", "fred@example.com", NULL);
  w->outsider = tc_test_add_user (ts, "Otto Outsider", "otto@example.com", &w->outsider_key);
  w->free_ws = tc_test_add_workspace (ts, "Free space", "FREE", ts->owner_id);
  w->other_ws = tc_test_add_workspace (ts, "Other space", "PRO", w->outsider);

  tc_test_add_membership (ts, ws, w->admin, TC_ROLE_ADMIN, "ACTIVE");
  tc_test_add_membership (ts, ws, w->member, NULL, "ACTIVE");
  tc_test_add_membership (ts, ws, w->inactive, NULL, "INACTIVE");
  tc_test_add_membership (ts, ws, w->pending, NULL, "PENDING");
  tc_test_add_membership (ts, ws, w->declined, NULL, "DECLINED");
  tc_test_add_membership (ts, ws, w->multi, "TEAM_MANAGER", "ACTIVE");
  tc_test_add_membership (ts, w->other_ws, w->multi, NULL, "ACTIVE");
  tc_test_add_membership (ts, ws, w->approval, NULL, "ACTIVE");
  tc_test_add_membership (ts, w->free_ws, w->free_member, NULL, "ACTIVE");
  g_assert_true (_tc_db_exec (ts->service, "UPDATE memberships SET pending_approval = 1 "
                              "WHERE user_id = ?", "s", w->approval));
  return w;
}

static void
world_free (World *w)
{
  tc_test_service_free (w->ts);
  g_free (w->free_ws); g_free (w->other_ws);
  g_free (w->admin); g_free (w->admin_key); g_free (w->member); g_free (w->member_key);
  g_free (w->inactive); g_free (w->pending); g_free (w->declined); g_free (w->multi);
  g_free (w->approval); g_free (w->free_member); g_free (w->outsider); g_free (w->outsider_key);
  g_free (w);
}

static TcTestResponse *
list (World *w, const char *query)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users%s", w->ts->workspace_id, query);

  return tc_test_request (w->ts, "GET", path, w->ts->owner_key, NULL);
}

typedef struct
{
  const char *query;
  guint       count;
  const char *first_name;   /* NULL: don't check */
  const char *last_page;
} ListCase;

static void
test_team_list (void)
{
  World *w = world_new ();
  const ListCase cases[] = {
    { "", 8, NULL, "true" },
    { "?status=ALL", 8, NULL, "true" },
    { "?status=ACTIVE", 5, NULL, "true" },
    { "?status=INACTIVE", 1, "Ina Inactive", "true" },
    { "?status=PENDING", 1, "Pete Pending", "true" },
    { "?status=DECLINED", 1, "Dee Declined", "true" },
    { "?name=admin", 1, "Ádám Admin", "true" },
    { "?name=%25", 0, NULL, "true" },
    { "?email=MIA@", 1, "Mia Member", "true" },
    { "?sort-column=NAME&sort-order=ASCENDING", 8, "Dee Declined", "true" },
    { "?sort-column=NAME&sort-order=DESCENDING", 8, "Ádám Admin", "true" },
    { "?sort-column=EMAIL&page-size=3", 3, "Ádám Admin", "false" },
    { "?sort-column=EMAIL&page-size=3&page=2", 3, "Mia Member", "false" },
    { "?sort-column=EMAIL&page-size=3&page=3", 2, "Paula Approval", "true" },
    { "?sort-column=EMAIL&page-size=4&page=2", 4, "Mŭlti Many", "true" },
    { "?page=9", 0, NULL, "true" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcTestResponse) res = list (w, cases[i].query);
      JsonArray *users;

      g_test_message ("users%s", cases[i].query);
      g_assert_cmpuint (res->status, ==, 200);
      users = tc_test_response_array (res);
      g_assert_cmpuint (json_array_get_length (users), ==, cases[i].count);
      g_assert_cmpstr (soup_message_headers_get_one (res->headers, "Last-Page"), ==, cases[i].last_page);
      if (cases[i].first_name != NULL)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, 0), "name"),
                         ==, cases[i].first_name);
    }
  world_free (w);
}

static void
test_team_list_roles_and_errors (void)
{
  World *w = world_new ();
  g_autoptr(TcTestResponse) res = list (w, "?include-roles=true&sort-column=EMAIL&memberships=WORKSPACE");
  static const char * const bad[] = {
    "?status=GONE", "?sort-column=SHOE_SIZE", "?sort-order=UP", "?page=0", "?page-size=0",
    "?page-size=x", "?memberships=SOME",
  };
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users", w->ts->workspace_id);
  g_autoptr(TcTestResponse) outsider = tc_test_request (w->ts, "GET", path, w->outsider_key, NULL);
  JsonArray *users = tc_test_response_array (res);

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);
      JsonArray *roles = json_object_get_array_member (user, "roles");
      const char *id = json_object_get_string_member (user, "id");

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "memberships")), >=, 1);
      if (g_strcmp0 (id, w->ts->owner_id) == 0 || g_strcmp0 (id, w->admin) == 0 ||
          g_strcmp0 (id, w->multi) == 0)
        {
          g_assert_cmpuint (json_array_get_length (roles), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roles, 0), "role"), ==,
                           g_strcmp0 (id, w->ts->owner_id) == 0 ? "OWNER"
                           : g_strcmp0 (id, w->admin) == 0 ? "WORKSPACE_ADMIN" : "TEAM_MANAGER");
        }
      else
        g_assert_cmpuint (json_array_get_length (roles), ==, 0);
      if (g_strcmp0 (id, w->declined) == 0)
        g_assert_cmpstr (json_object_get_string_member (user, "status"), ==, "DECLINED");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TcTestResponse) err = list (w, bad[i]);

      g_test_message ("users%s", bad[i]);
      tc_test_assert_error (err, 400, 501);
    }
  tc_test_assert_error (outsider, 403, 403);
  world_free (w);
}

static TcTestResponse *
put_status (World *w, const char *key, const char *user, const char *status)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users/%s", w->ts->workspace_id, user);
  g_autofree char *body = g_strdup_printf ("{\"status\":\"%s\"}", status);

  return tc_test_request (w->ts, "PUT", path, key, body);
}

static void
test_team_status (void)
{
  World *w = world_new ();
  g_autoptr(TcTestResponse) off = put_status (w, w->admin_key, w->member, "INACTIVE");
  g_autoptr(TcTestResponse) listed = list (w, "?status=INACTIVE&sort-column=NAME");
  g_autoptr(TcTestResponse) on = put_status (w, w->ts->owner_key, w->member, "ACTIVE");
  g_autoptr(TcTestResponse) owner = put_status (w, w->admin_key, w->ts->owner_id, "INACTIVE");
  g_autoptr(TcTestResponse) pending = put_status (w, w->admin_key, w->pending, "ACTIVE");
  g_autoptr(TcTestResponse) by_member = put_status (w, w->member_key, w->approval, "INACTIVE");
  g_autoptr(TcTestResponse) bad = put_status (w, w->admin_key, w->member, "SLEEPING");
  g_autoptr(TcTestResponse) stranger = put_status (w, w->admin_key, w->outsider, "INACTIVE");

  g_assert_cmpuint (off->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (off), "id"), ==, w->ts->workspace_id);
  g_assert_cmpuint (json_array_get_length (tc_test_response_array (listed)), ==, 2);
  g_assert_cmpuint (on->status, ==, 200);
  tc_test_assert_error (owner, 400, 501);
  tc_test_assert_error (pending, 400, 501);
  tc_test_assert_error (by_member, 403, 403);
  tc_test_assert_error (bad, 400, 501);
  tc_test_assert_error (stranger, 400, 501);
  g_assert_true (strstr (json_object_get_string_member (tc_test_response_object (stranger), "message"),
                         "doesn't belong to Workspace") != NULL);
  world_free (w);
}

static TcTestResponse *
patch_profile (World *w, const char *ws, const char *key, const char *user, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", ws, user);

  return tc_test_request (w->ts, "PATCH", path, key, body);
}

typedef struct
{
  const char *what;
  int         rule;
  gboolean    free_ws;
  const char *key;      /* "admin", "member", "owner" */
  const char *target;   /* field name of World */
  const char *body;
  guint       status;
} RuleCase;

static const char *
pick (World *w, const char *name)
{
  static const struct { const char *name; gsize offset; } fields[] = {
    { "admin", G_STRUCT_OFFSET (World, admin) }, { "member", G_STRUCT_OFFSET (World, member) },
    { "inactive", G_STRUCT_OFFSET (World, inactive) }, { "pending", G_STRUCT_OFFSET (World, pending) },
    { "declined", G_STRUCT_OFFSET (World, declined) }, { "multi", G_STRUCT_OFFSET (World, multi) },
    { "approval", G_STRUCT_OFFSET (World, approval) }, { "free", G_STRUCT_OFFSET (World, free_member) },
    { "outsider", G_STRUCT_OFFSET (World, outsider) },
  };

  if (strcmp (name, "owner") == 0)
    return w->ts->owner_id;
  if (strcmp (name, "owner-key") == 0)
    return w->ts->owner_key;
  if (strcmp (name, "admin-key") == 0)
    return w->admin_key;
  if (strcmp (name, "member-key") == 0)
    return w->member_key;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (char *, w, fields[i].offset);
  g_assert_not_reached ();
}

static const RuleCase rule_cases[] = {
  { "member edits a member", 1, FALSE, "member-key", "approval", "{\"workCapacity\":\"PT6H\"}", 403 },
  { "member edits self", 1, FALSE, "member-key", "member", "{\"workCapacity\":\"PT6H\"}", 403 },
  { "free plan capacity", 2, TRUE, "owner-key", "free", "{\"workCapacity\":\"PT6H\"}", 400 },
  { "free plan employee id", 2, TRUE, "owner-key", "free", "{\"employeeId\":\"E1\"}", 400 },
  { "free plan week start", 2, TRUE, "owner-key", "free", "{\"weekStart\":\"SUNDAY\"}", 200 },
  { "target owner", 3, FALSE, "admin-key", "owner", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "target inactive", 3, FALSE, "admin-key", "inactive", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "target pending", 3, FALSE, "admin-key", "pending", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "target declined", 3, FALSE, "admin-key", "declined", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "multi week start", 4, FALSE, "admin-key", "multi", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "multi employee id", 4, FALSE, "admin-key", "multi", "{\"employeeId\":\"E7\"}", 400 },
  { "multi capacity and days", 4, FALSE, "admin-key", "multi",
    "{\"workCapacity\":\"PT4H\",\"workingDays\":[\"MONDAY\",\"TUESDAY\"]}", 200 },
  { "approval week start", 5, FALSE, "admin-key", "approval", "{\"weekStart\":\"SUNDAY\"}", 400 },
  { "approval same week start", 5, FALSE, "admin-key", "approval", "{\"weekStart\":\"MONDAY\"}", 200 },
  { "approval capacity", 5, FALSE, "admin-key", "approval", "{\"workCapacity\":\"PT5H\"}", 200 },
  { "capacity too big", 7, FALSE, "admin-key", "member", "{\"workCapacity\":\"PT24H1M\"}", 400 },
  { "capacity bad", 7, FALSE, "admin-key", "member", "{\"workCapacity\":\"8h\"}", 400 },
  { "capacity max", 7, FALSE, "admin-key", "member", "{\"workCapacity\":\"PT24H\"}", 200 },
  { "capacity zero", 7, FALSE, "admin-key", "member", "{\"workCapacity\":\"PT0M\"}", 200 },
  { "days duplicate", 7, FALSE, "admin-key", "member", "{\"workingDays\":[\"MONDAY\",\"MONDAY\"]}", 400 },
  { "days unknown", 7, FALSE, "admin-key", "member", "{\"workingDays\":[\"FUNDAY\"]}", 400 },
  { "days not a list", 7, FALSE, "admin-key", "member", "{\"workingDays\":\"MONDAY,TUESDAY\"}", 400 },
  { "employee id too long", 0, FALSE, "admin-key", "member",
    "{\"employeeId\":\"123456789012345678901234567890123456789012345678901\"}", 400 },
  { "employment type bad", 0, FALSE, "admin-key", "member", "{\"employmentType\":\"CONTRACTOR\"}", 400 },
  { "unknown field", 0, FALSE, "admin-key", "member", "{\"shoeSize\":44}", 400 },
  { "employee fields", 0, FALSE, "owner-key", "member",
    "{\"employeeId\":\"E-042\",\"employmentType\":\"PART_TIME\"}", 200 },
  { "outsider target", 0, FALSE, "admin-key", "outsider", "{\"workCapacity\":\"PT4H\"}", 400 },
};

static void
test_profile_rules (void)
{
  World *w = world_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      g_autoptr(TcTestResponse) res = NULL;

      g_test_message ("rule %d: %s", c->rule, c->what);
      res = patch_profile (w, c->free_ws ? w->free_ws : w->ts->workspace_id, pick (w, c->key),
                           pick (w, c->target), c->body);
      if (c->status == 200)
        g_assert_cmpuint (res->status, ==, 200);
      else
        tc_test_assert_error (res, c->status, c->status == 403 ? 403 : 501);
    }
  {
    g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                             w->ts->workspace_id, w->member);
    g_autoptr(TcTestResponse) res = tc_test_request (w->ts, "GET", path, w->admin_key, NULL);
    g_autoptr(TcTestResponse) put = tc_test_request (w->ts, "PUT", path, w->admin_key, "{}");
    JsonObject *p = tc_test_response_object (res);

    g_assert_cmpstr (json_object_get_string_member (p, "employeeId"), ==, "E-042");
    g_assert_cmpstr (json_object_get_string_member (p, "employmentType"), ==, "PART_TIME");
    g_assert_cmpstr (json_object_get_string_member (p, "workCapacity"), ==, "PT0M");
    tc_test_assert_error (put, 405, 3000);
    g_assert_cmpstr (soup_message_headers_get_one (put->headers, "Allow"), ==, "GET, PATCH");
  }
  world_free (w);
}

static void
test_profile_get (void)
{
  World *w = world_new ();
  g_autofree char *multi = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", w->ts->workspace_id, w->multi);
  g_autofree char *self = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", w->ts->workspace_id, w->member);
  g_autoptr(TcTestResponse) admin = tc_test_request (w->ts, "GET", multi, w->admin_key, NULL);
  g_autoptr(TcTestResponse) own = tc_test_request (w->ts, "GET", self, w->member_key, NULL);
  g_autoptr(TcTestResponse) other = tc_test_request (w->ts, "GET", multi, w->member_key, NULL);
  g_autoptr(TcTestResponse) outsider = tc_test_request (w->ts, "GET", multi, w->outsider_key, NULL);
  static const char * const members[] = {
    "email", "name", "imageUrl", "hasPassword", "hasPendingApprovalRequest", "weekStart",
    "workCapacity", "workingDays", "workspaceNumber", "userCustomFieldValues", "employeeId",
    "employmentType", NULL
  };
  JsonObject *p = tc_test_response_object (admin);

  for (guint i = 0; members[i]; i++)
    g_assert_true (json_object_has_member (p, members[i]));
  g_assert_cmpint (json_object_get_int_member (p, "workspaceNumber"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (p, "workCapacity"), ==, "PT8H");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "workingDays")), ==, 5);
  g_assert_cmpuint (own->status, ==, 200);
  tc_test_assert_error (other, 403, 403);
  tc_test_assert_error (outsider, 403, 403);
  world_free (w);
}

static void
test_profile_mail (void)
{
  World *w = world_new ();
  g_autoptr(TcTestResponse) change = patch_profile (w, w->ts->workspace_id, w->admin_key, w->member,
                                                    "{\"weekStart\":\"SUNDAY\",\"workingDays\":"
                                                    "[\"SUNDAY\",\"MONDAY\",\"TUESDAY\"]}");
  g_autoptr(TcTestResponse) capacity = patch_profile (w, w->ts->workspace_id, w->admin_key, w->member,
                                                      "{\"workCapacity\":\"PT6H\"}");
  g_autoptr(TcTestResponse) same = patch_profile (w, w->ts->workspace_id, w->admin_key, w->member,
                                                  "{\"weekStart\":\"SUNDAY\"}");
  g_autoptr(GPtrArray) mails = tc_test_read_maildir (w->ts->maildir);
  const char *mail;

  g_assert_cmpuint (change->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (change), "weekStart"), ==, "SUNDAY");
  g_assert_cmpuint (capacity->status, ==, 200);
  g_assert_cmpuint (same->status, ==, 200);
  g_assert_cmpuint (mails->len, ==, 1);
  mail = mails->pdata[0];
  g_assert_nonnull (strstr (mail, "\r\nTo: Mia Member <mia@example.com>\r\n"));
  g_assert_nonnull (strstr (mail, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  g_assert_nonnull (strstr (mail, "Ádám Admin <adam@example.com> changed your profile"));
  g_assert_nonnull (strstr (mail, "Week start: MONDAY → SUNDAY"));
  g_assert_nonnull (strstr (mail, "Working days: MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY → MONDAY,TUESDAY,SUNDAY"));
  world_free (w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/team/list", test_team_list);
  g_test_add_func ("/service/team/roles-and-errors", test_team_list_roles_and_errors);
  g_test_add_func ("/service/team/status", test_team_status);
  g_test_add_func ("/service/member-profile/get", test_profile_get);
  g_test_add_func ("/service/member-profile/rules", test_profile_rules);
  g_test_add_func ("/service/member-profile/mail", test_profile_mail);

  return g_test_run ();
}
