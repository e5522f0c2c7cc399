/* test-service-custom-fields.c — custom user field definitions and values
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

static char *
create_field (TcTestService *ts, const char *ws, const char *key, const char *body, guint status)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/custom-fields", ws);
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "POST", path, key, body);

  if (status != 201)
    {
      tc_test_assert_error (res, status, status == 403 ? 403 : 501);
      return NULL;
    }
  g_assert_cmpuint (res->status, ==, 201);
  return g_strdup (json_object_get_string_member (tc_test_response_object (res), "id"));
}

static const char * const bad_definitions[] = {
  "{\"type\":\"TXT\"}",
  "{\"name\":\"  \",\"type\":\"TXT\"}",
  "{\"name\":\"X\",\"type\":\"COLOUR\"}",
  "{\"name\":\"X\",\"type\":\"DROPDOWN_SINGLE\"}",
  "{\"name\":\"X\",\"type\":\"DROPDOWN_MULTIPLE\",\"allowedValues\":[]}",
  "{\"name\":\"X\",\"type\":\"DROPDOWN_SINGLE\",\"allowedValues\":[\"a\",\"a\"]}",
  "{\"name\":\"X\",\"type\":\"DROPDOWN_SINGLE\",\"allowedValues\":[\"a\",7]}",
  "{\"name\":\"X\",\"type\":\"TXT\",\"entityType\":\"PROJECT\"}",
  "{\"name\":\"X\",\"type\":\"TXT\",\"status\":\"HIDDEN\"}",
  "{\"name\":\"X\",\"type\":\"NUMBER\",\"workspaceDefaultValue\":\"ten\"}",
  "{\"name\":\"X\",\"type\":\"TXT\",\"required\":\"yes\"}",
  "{\"name\":\"Dept\",\"type\":\"TXT\"}",
};

typedef struct
{
  TcTestService *ts;
  char *member, *member_key, *other_key, *other;
  char *ids[7];   /* TXT NUMBER DROPDOWN_SINGLE DROPDOWN_MULTIPLE CHECKBOX LINK, admin-only TXT */
} World;

static World *
world_new (void)
{
  World *w = g_new0 (World, 1);
  TcTestService *ts = w->ts = tc_test_service_new ();
  const char *ws = ts->workspace_id;
  static const char * const defs[] = {
    "{\"name\":\"Dept\",\"type\":\"TXT\",\"placeholder\":\"Your team\"}",
    "{\"name\":\"Badge\",\"type\":\"NUMBER\",\"workspaceDefaultValue\":0}",
    "{\"name\":\"Office\",\"type\":\"DROPDOWN_SINGLE\",\"allowedValues\":[\"Oslo\",\"Kraków\"]}",
    "{\"name\":\"Skills\",\"type\":\"DROPDOWN_MULTIPLE\",\"allowedValues\":[\"C\",\"GTK\",\"SQL\"]}",
    "{\"name\":\"Remote\",\"type\":\"CHECKBOX\",\"required\":true}",
    "{\"name\":\"Site\",\"type\":\"LINK\"}",
    "{\"name\":\"Payroll\",\"type\":\"TXT\",\"onlyAdminCanEdit\":true,\"status\":\"INVISIBLE\"}",
  };

  w->member = tc_test_add_user (ts, "Mia", "mia@example.com", &w->member_key);
  w->other = tc_test_add_user (ts, "Max", "max@example.com", &w->other_key);
  tc_test_add_membership (ts, ws, w->member, NULL, "ACTIVE");
  tc_test_add_membership (ts, ws, w->other, NULL, "ACTIVE");
  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    w->ids[i] = create_field (ts, ws, ts->owner_key, defs[i], 201);
  return w;
}

static void
world_free (World *w)
{
  tc_test_service_free (w->ts);
  for (guint i = 0; i < G_N_ELEMENTS (w->ids); i++)
    g_free (w->ids[i]);
  g_free (w->member); g_free (w->member_key); g_free (w->other); g_free (w->other_key);
  g_free (w);
}

static void
test_definitions (void)
{
  World *w = world_new ();
  TcTestService *ts = w->ts;
  g_autofree char *free_ws = tc_test_add_workspace (ts, "Free", "FREE", ts->owner_id);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/custom-fields?entity-type=USER", ts->workspace_id);
  g_autoptr(TcTestResponse) list = tc_test_request (ts, "GET", path, w->member_key, NULL);
  JsonArray *fields = tc_test_response_array (list);
  JsonObject *office;

  for (guint i = 0; i < G_N_ELEMENTS (bad_definitions); i++)
    {
      g_test_message ("bad field: %s", bad_definitions[i]);
      g_assert_null (create_field (ts, ts->workspace_id, ts->owner_key, bad_definitions[i], 400));
    }
  g_assert_null (create_field (ts, free_ws, ts->owner_key, "{\"name\":\"X\",\"type\":\"TXT\"}", 400));
  g_assert_null (create_field (ts, ts->workspace_id, w->member_key, "{\"name\":\"X\",\"type\":\"TXT\"}", 403));

  g_assert_cmpuint (json_array_get_length (fields), ==, 7);
  office = json_array_get_object_element (fields, 2);
  g_assert_cmpstr (json_object_get_string_member (office, "type"), ==, "DROPDOWN_SINGLE");
  g_assert_cmpstr (json_object_get_string_member (office, "entityType"), ==, "USER");
  g_assert_cmpstr (json_object_get_string_member (office, "status"), ==, "VISIBLE");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (office, "allowedValues")), ==, 2);
  g_assert_true (json_object_has_member (office, "onlyAdminCanEdit"));
  g_assert_true (json_object_has_member (office, "workspaceDefaultValue"));

  {
    g_autofree char *one = g_strdup_printf ("/v1/workspaces/%s/custom-fields/%s", ts->workspace_id, w->ids[5]);
    g_autoptr(TcTestResponse) edit = tc_test_request (ts, "PUT", one, ts->owner_key,
                                                      "{\"name\":\"Website\",\"type\":\"LINK\",\"status\":\"INACTIVE\"}");
    g_autoptr(TcTestResponse) del = tc_test_request (ts, "DELETE", one, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) again = tc_test_request (ts, "DELETE", one, ts->owner_key, NULL);

    g_assert_cmpuint (edit->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (edit), "name"), ==, "Website");
    g_assert_cmpuint (del->status, ==, 204);
    tc_test_assert_error (again, 400, 501);
  }
  world_free (w);
}

static void
test_limits (void)
{
  TcTestService *ts = tc_test_service_new ();
  guint i;

  for (i = 0; i < 10; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Visible %u\",\"type\":\"TXT\"}", i);
      g_autofree char *id = create_field (ts, ts->workspace_id, ts->owner_key, body, 201);
    }
  g_assert_null (create_field (ts, ts->workspace_id, ts->owner_key, "{\"name\":\"One more\",\"type\":\"TXT\"}", 400));
  for (; i < 50; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Hidden %u\",\"type\":\"TXT\",\"status\":\"INVISIBLE\"}", i);
      g_autofree char *id = create_field (ts, ts->workspace_id, ts->owner_key, body, 201);
    }
  g_assert_null (create_field (ts, ts->workspace_id, ts->owner_key,
                               "{\"name\":\"Fifty-one\",\"type\":\"TXT\",\"status\":\"INACTIVE\"}", 400));
  tc_test_service_free (ts);
}

typedef struct
{
  guint       field;
  const char *value;
  guint       status;
} ValueCase;

static const ValueCase value_cases[] = {
  { 0, "\"Platform\"", 201 }, { 0, "5", 400 }, { 0, "[\"a\"]", 400 },
  { 1, "42", 201 }, { 1, "4.5", 201 }, { 1, "\"42\"", 400 }, { 1, "true", 400 },
  { 2, "\"Kraków\"", 201 }, { 2, "\"Paris\"", 400 }, { 2, "[\"Oslo\"]", 400 },
  { 3, "[\"C\",\"SQL\"]", 201 }, { 3, "[]", 201 }, { 3, "[\"C\",\"C\"]", 400 },
  { 3, "[\"Go\"]", 400 }, { 3, "\"C\"", 400 },
  { 4, "true", 201 }, { 4, "\"true\"", 400 }, { 4, "null", 400 },
  { 5, "\"https://mia.example\"", 201 }, { 5, "\"ftp://mia.example\"", 400 },
  { 0, "null", 201 },
};

static TcTestResponse *
put_value (World *w, const char *key, const char *user, const char *field, const char *value)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users/%s/custom-field/%s/value",
                                           w->ts->workspace_id, user, field);
  g_autofree char *body = g_strdup_printf ("{\"value\":%s}", value);

  return tc_test_request (w->ts, "PUT", path, key, body);
}

static void
test_values (void)
{
  World *w = world_new ();

  for (guint i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      const ValueCase *c = &value_cases[i];
      g_autoptr(TcTestResponse) res = put_value (w, w->ts->owner_key, w->member, w->ids[c->field], c->value);

      g_test_message ("value %s for field %u", c->value, c->field);
      if (c->status == 201)
        g_assert_cmpuint (res->status, ==, 201);
      else
        tc_test_assert_error (res, c->status, 501);
    }
  {
    g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", w->ts->workspace_id, w->member);
    g_autoptr(TcTestResponse) res = tc_test_request (w->ts, "GET", path, w->ts->owner_key, NULL);
    JsonArray *values = json_object_get_array_member (tc_test_response_object (res), "userCustomFieldValues");

    /* Number, office, skills, remote, site; Dept was cleared by null. */
    g_assert_cmpuint (json_array_get_length (values), ==, 5);
  }
  world_free (w);
}

static void
test_value_rights (void)
{
  World *w = world_new ();
  g_autofree char *free_ws = tc_test_add_workspace (w->ts, "Free", "FREE", w->ts->owner_id);
  g_autoptr(TcTestResponse) own = put_value (w, w->member_key, w->member, w->ids[0], "\"Mine\"");
  g_autoptr(TcTestResponse) admin_only = put_value (w, w->member_key, w->member, w->ids[6], "\"X\"");
  g_autoptr(TcTestResponse) others = put_value (w, w->member_key, w->other, w->ids[0], "\"Yours\"");
  g_autoptr(TcTestResponse) by_owner = put_value (w, w->ts->owner_key, w->member, w->ids[6], "\"P-1\"");
  g_autoptr(TcTestResponse) unknown = put_value (w, w->ts->owner_key, w->member, "0123456789abcdef01234567", "\"X\"");
  g_autofree char *profile = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", w->ts->workspace_id, w->other);
  g_autofree char *patch = g_strdup_printf ("{\"userCustomFields\":[{\"customFieldId\":\"%s\",\"value\":[\"GTK\"]}]}", w->ids[3]);
  g_autofree char *bad_patch = g_strdup_printf ("{\"userCustomFields\":[{\"customFieldId\":\"%s\",\"value\":[\"Go\"]}]}", w->ids[3]);
  g_autoptr(TcTestResponse) via_profile = tc_test_request (w->ts, "PATCH", profile, w->ts->owner_key, patch);
  g_autoptr(TcTestResponse) bad_profile = tc_test_request (w->ts, "PATCH", profile, w->ts->owner_key, bad_patch);
  g_autofree char *free_field = _tc_new_id ();
  gboolean inserted = _tc_db_exec (w->ts->service, "INSERT INTO custom_fields (id, workspace_id, name, "
                                   "type, status, position) VALUES (?, ?, 'Old', 'TXT', 'VISIBLE', 99)",
                                   "ss", free_field, free_ws);
  g_autofree char *free_path = g_strdup_printf ("/v1/workspaces/%s/users/%s/custom-field/%s/value",
                                                free_ws, w->ts->owner_id, free_field);
  g_autoptr(TcTestResponse) free_plan = tc_test_request (w->ts, "PUT", free_path, w->ts->owner_key, "{\"value\":\"x\"}");
  JsonArray *values;

  g_assert_cmpuint (own->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (own), "value"), ==, "Mine");
  tc_test_assert_error (admin_only, 403, 403);
  tc_test_assert_error (others, 403, 403);
  g_assert_cmpuint (by_owner->status, ==, 201);
  tc_test_assert_error (unknown, 400, 501);
  g_assert_cmpuint (via_profile->status, ==, 200);
  values = json_object_get_array_member (tc_test_response_object (via_profile), "userCustomFieldValues");
  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  tc_test_assert_error (bad_profile, 400, 501);
  g_assert_true (inserted);
  tc_test_assert_error (free_plan, 400, 501);
  g_assert_nonnull (strstr (json_object_get_string_member (tc_test_response_object (free_plan), "message"),
                            "paid plan"));
  world_free (w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/custom-fields/definitions", test_definitions);
  g_test_add_func ("/service/custom-fields/limits", test_limits);
  g_test_add_func ("/service/custom-fields/values", test_values);
  g_test_add_func ("/service/custom-fields/value-rights", test_value_rights);

  return g_test_run ();
}
