/* test-member-models.c — TcMember, TcMemberProfile, TcCustomField, the rules
 * and TcMemberList, against a seeded timecard-service where it matters
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-cache.h"
#include "tc-core-test-server.h"
#include "tc-custom-field.h"
#include "tc-member-list.h"
#include "tc-member-profile.h"
#include "tc-member-rules.h"
#include "tc-test-util.h"
#include "team-test-world.h"
#include "tc-test-session.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

typedef struct
{
  const char *json;
  const char *error_part;   /* NULL: decodes */
} DecodeCase;

#define ID "\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\""

static void
test_member_decode (void)
{
  static const DecodeCase cases[] = {
    { "{" ID ",\"email\":\"a@b.c\",\"name\":\"Zoë\",\"status\":\"ACTIVE\","
      "\"roles\":[{\"role\":\"WORKSPACE_ADMIN\",\"entities\":[]}],\"extra\":[1,2]}", NULL },
    { "{" ID ",\"email\":\"a@b.c\",\"name\":null,\"status\":\"PENDING\"}", NULL },
    { "{" ID ",\"email\":\"a@b.c\",\"status\":\"declined\",\"roles\":null}", NULL },
    { "{\"email\":\"a@b.c\",\"status\":\"ACTIVE\"}", "id" },
    { "{\"id\":7,\"email\":\"a@b.c\",\"status\":\"ACTIVE\"}", "id" },
    { "{" ID ",\"email\":null,\"status\":\"ACTIVE\"}", "email" },
    { "{" ID ",\"email\":\"a@b.c\",\"status\":\"GONE\"}", "status" },
    { "{" ID ",\"email\":\"a@b.c\",\"status\":\"ACTIVE\",\"roles\":{}}", "roles" },
    { "{" ID ",\"email\":\"a@b.c\",\"status\":\"ACTIVE\",\"roles\":[3]}", "roles" },
    { "{" ID ",\"email\":\"a@b.c\",\"status\":\"ACTIVE\",\"roles\":[{\"role\":1}]}", "role" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse_object (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcMember) member = tc_member_new_from_json (object, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      if (cases[i].error_part == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (member);
          g_assert_nonnull (tc_member_get_display_name (member));
        }
      else
        {
          g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (error->message, cases[i].error_part));
          g_assert_null (member);
        }
    }
}

static void
test_member_values (void)
{
  g_autoptr(JsonObject) object = parse_object (
    "{" ID ",\"email\":\"a@b.c\",\"name\":\"\",\"status\":\"INACTIVE\","
    "\"roles\":[{\"role\":\"PROJECT_MANAGER\"},{\"role\":\"OWNER\"}]}");
  g_autoptr(TcMember) member = tc_member_new_from_json (object, NULL);
  g_auto(GStrv) days = tc_days_mask_to_strv ((1 << TC_DAY_MONDAY) | (1 << TC_DAY_SUNDAY));
  guint notified = 0;

  g_assert_cmpint (tc_member_get_role (member), ==, TC_MEMBER_ROLE_OWNER);
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_INACTIVE);
  g_assert_null (tc_member_get_name (member));
  g_assert_cmpstr (tc_member_get_display_name (member), ==, "a@b.c");
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, -1);

  g_signal_connect_swapped (member, "notify::working-days",
                            G_CALLBACK (g_atomic_int_inc), &notified);
  tc_member_set_working_days (member, 3);
  tc_member_set_working_days (member, 3);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpstrv (days, ((const char * const []) { "MONDAY", "SUNDAY", NULL }));
  g_assert_cmpuint (tc_days_mask_from_strv ((const char * const *) days, NULL), ==,
                    (1 << TC_DAY_MONDAY) | (1 << TC_DAY_SUNDAY));
}

#define PROFILE_BASE "\"email\":\"m@x.y\",\"name\":\"M\",\"imageUrl\":\"\"," \
  "\"hasPassword\":true,\"hasPendingApprovalRequest\":false,\"workspaceNumber\":1"

static void
test_profile_decode (void)
{
  static const DecodeCase cases[] = {
    { "{" PROFILE_BASE ",\"weekStart\":\"MONDAY\",\"workCapacity\":\"PT7H30M\","
      "\"workingDays\":[\"MONDAY\",\"FRIDAY\"],\"employeeId\":null,\"employmentType\":"
      "\"PART_TIME\",\"userCustomFieldValues\":[{\"customFieldId\":\"f1\",\"value\":3}],"
      "\"somethingNew\":{}}", NULL },
    { "{\"email\":\"m@x.y\",\"name\":null}", NULL },
    { "{\"name\":\"M\"}", "email" },
    { "{" PROFILE_BASE ",\"workCapacity\":\"8 hours\"}", "workCapacity" },
    { "{" PROFILE_BASE ",\"workCapacity\":28800}", "workCapacity" },
    { "{" PROFILE_BASE ",\"workingDays\":\"MONDAY\"}", "workingDays" },
    { "{" PROFILE_BASE ",\"workingDays\":[\"MONDAY\",\"FUNDAY\"]}", "workingDays" },
    { "{" PROFILE_BASE ",\"weekStart\":\"SOMEDAY\"}", "weekStart" },
    { "{\"email\":\"m@x.y\",\"workspaceNumber\":\"2\"}", "workspaceNumber" },
    { "{\"email\":\"m@x.y\",\"hasPendingApprovalRequest\":1}", "hasPendingApprovalRequest" },
    { "{\"email\":\"m@x.y\",\"userCustomFieldValues\":[{\"value\":1}]}", "customFieldId" },
    { "{\"email\":\"m@x.y\",\"userCustomFieldValues\":[true]}", "userCustomFieldValues" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse_object (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcMemberProfile) profile = tc_member_profile_new_from_json ("u1", object, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      if (cases[i].error_part == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (profile);
        }
      else
        {
          g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (error->message, cases[i].error_part));
          g_assert_null (profile);
        }
    }
}

static char *
patch_string (JsonObject *patch)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, patch);
  return json_to_string (node, FALSE);
}

static void
test_profile_patch (void)
{
  g_autoptr(JsonObject) object = parse_object (
    "{" PROFILE_BASE ",\"weekStart\":\"MONDAY\",\"workCapacity\":\"PT8H\","
    "\"workingDays\":[\"MONDAY\",\"TUESDAY\"],\"employeeId\":\"E1\",\"employmentType\":"
    "\"FULL_TIME\",\"userCustomFieldValues\":[{\"customFieldId\":\"f1\",\"value\":3},"
    "{\"customFieldId\":\"f2\",\"value\":\"x\"}]}");
  g_autoptr(TcMemberProfile) original = tc_member_profile_new_from_json ("u1", object, NULL);
  g_autoptr(TcMemberProfile) edited = tc_member_profile_copy (original);
  g_autoptr(JsonObject) empty = tc_member_profile_build_patch (original, edited);
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) undo = NULL;
  g_autoptr(JsonNode) three = json_from_string ("3.0", NULL);
  g_autoptr(JsonNode) list = json_from_string ("[\"a\"]", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpuint (json_object_get_size (empty), ==, 0);

  tc_member_profile_set_custom_value (edited, "f1", three);    /* the same number */
  tc_member_profile_set_work_capacity (edited, 7 * 3600 + 30 * 60);
  tc_member_profile_set_working_days (edited, 1 << TC_DAY_FRIDAY);
  tc_member_profile_set_employee_id (edited, NULL);
  tc_member_profile_set_custom_value (edited, "f2", NULL);
  tc_member_profile_set_custom_value (edited, "f3", list);
  patch = tc_member_profile_build_patch (original, edited);
  text = patch_string (patch);
  g_assert_cmpstr (text, ==, "{\"workCapacity\":\"PT7H30M\",\"workingDays\":[\"FRIDAY\"],"
                   "\"employeeId\":null,\"userCustomFields\":[{\"customFieldId\":\"f2\","
                   "\"value\":null},{\"customFieldId\":\"f3\",\"value\":[\"a\"]}]}");
  g_assert_true (tc_member_profile_patch_notifies (patch));

  undo = tc_member_profile_build_patch (edited, original);
  g_clear_pointer (&text, g_free);
  text = patch_string (undo);
  g_assert_cmpstr (text, ==, "{\"workCapacity\":\"PT8H\",\"workingDays\":[\"MONDAY\","
                   "\"TUESDAY\"],\"employeeId\":\"E1\",\"userCustomFields\":[{\"customFieldId\":"
                   "\"f2\",\"value\":\"x\"},{\"customFieldId\":\"f3\",\"value\":null}]}");
  tc_member_profile_set_work_capacity (edited, 99 * 3600);
  g_assert_cmpint (tc_member_profile_get_work_capacity (edited), ==, 24 * 3600);
}

static void
test_custom_field (void)
{
  static const struct {
    const char *type, *allowed, *value;
    gboolean required;
    TcCustomValueCheck expect;
  } cases[] = {
    { "TXT", "[]", "\"x\"", FALSE, TC_CUSTOM_VALUE_OK },
    { "TXT", "[]", "3", FALSE, TC_CUSTOM_VALUE_WRONG_TYPE },
    { "TXT", "[]", "\"\"", TRUE, TC_CUSTOM_VALUE_REQUIRED },
    { "TXT", "[]", NULL, TRUE, TC_CUSTOM_VALUE_REQUIRED },
    { "TXT", "[]", "null", FALSE, TC_CUSTOM_VALUE_OK },
    { "NUMBER", "[]", "2.5", FALSE, TC_CUSTOM_VALUE_OK },
    { "NUMBER", "[]", "12", FALSE, TC_CUSTOM_VALUE_OK },
    { "NUMBER", "[]", "\"12\"", FALSE, TC_CUSTOM_VALUE_WRONG_TYPE },
    { "CHECKBOX", "[]", "true", FALSE, TC_CUSTOM_VALUE_OK },
    { "CHECKBOX", "[]", "\"true\"", FALSE, TC_CUSTOM_VALUE_WRONG_TYPE },
    { "LINK", "[]", "\"https://example.com/x\"", FALSE, TC_CUSTOM_VALUE_OK },
    { "LINK", "[]", "\"example dot com\"", FALSE, TC_CUSTOM_VALUE_BAD_LINK },
    { "LINK", "[]", "\"ftp://example.com\"", FALSE, TC_CUSTOM_VALUE_BAD_LINK },
    { "DROPDOWN_SINGLE", "[\"A\",\"B\"]", "\"B\"", FALSE, TC_CUSTOM_VALUE_OK },
    { "DROPDOWN_SINGLE", "[\"A\",\"B\"]", "\"C\"", FALSE, TC_CUSTOM_VALUE_NOT_ALLOWED },
    { "DROPDOWN_MULTIPLE", "[\"A\",\"B\"]", "[\"A\",\"B\"]", FALSE, TC_CUSTOM_VALUE_OK },
    { "DROPDOWN_MULTIPLE", "[\"A\",\"B\"]", "[\"A\",\"Z\"]", FALSE, TC_CUSTOM_VALUE_NOT_ALLOWED },
    { "DROPDOWN_MULTIPLE", "[\"A\",\"B\"]", "[]", TRUE, TC_CUSTOM_VALUE_REQUIRED },
    { "DROPDOWN_MULTIPLE", "[\"A\",\"B\"]", "\"A\"", FALSE, TC_CUSTOM_VALUE_WRONG_TYPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"f\",\"name\":\"F\",\"type\":\"%s\","
                                               "\"status\":\"VISIBLE\",\"required\":%s,"
                                               "\"allowedValues\":%s}", cases[i].type,
                                               cases[i].required ? "true" : "false",
                                               cases[i].allowed);
      g_autoptr(JsonObject) object = parse_object (json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcCustomField) field = tc_custom_field_new_from_json (object, &error);
      g_autoptr(JsonNode) value = cases[i].value ? json_from_string (cases[i].value, NULL) : NULL;

      g_test_message ("case %u: %s %s", i, cases[i].type, cases[i].value);
      g_assert_no_error (error);
      g_assert_cmpint (tc_custom_field_check_value (field, value), ==, cases[i].expect);
    }
}

static void
test_custom_field_decode (void)
{
  static const DecodeCase cases[] = {
    { "{\"id\":\"f\",\"name\":\"F\",\"type\":\"TXT\",\"status\":\"INVISIBLE\",\"new\":1}", NULL },
    { "{\"id\":\"f\",\"name\":\"F\",\"type\":\"COLOR\",\"status\":\"VISIBLE\"}", "type" },
    { "{\"id\":\"f\",\"name\":\"F\",\"type\":\"TXT\",\"status\":3}", "status" },
    { "{\"id\":\"f\",\"type\":\"TXT\",\"status\":\"VISIBLE\"}", "name" },
    { "{\"id\":\"f\",\"name\":\"F\",\"type\":\"TXT\",\"status\":\"VISIBLE\","
      "\"allowedValues\":[1]}", "allowedValues" },
    { "{\"id\":\"f\",\"name\":\"F\",\"type\":\"TXT\",\"status\":\"VISIBLE\","
      "\"required\":\"yes\"}", "required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse_object (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcCustomField) field = tc_custom_field_new_from_json (object, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      if (cases[i].error_part == NULL)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (error->message, cases[i].error_part));
        }
    }
}

/* The rule matrix: each row a situation, each column a field
 * (week start, capacity, days, employee id, employment, custom fields). */
#define A TC_MEMBER_ROLE_ADMIN
#define O TC_MEMBER_ROLE_OWNER
#define M TC_MEMBER_ROLE_MEMBER
#define R(x) TC_MEMBER_REASON_##x
static void
test_rules_matrix (void)
{
  static const struct {
    const char        *what;
    TcMemberRuleInput  in;
    TcMemberReason     expect[TC_MEMBER_N_FIELDS];
  } rows[] = {
    { "editable", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (NONE), R (NONE), R (NONE), R (NONE), R (NONE), R (NONE) } },
    { "owner caller", { O, TRUE, TRUE, A, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (NONE), R (NONE), R (NONE), R (NONE), R (NONE), R (NONE) } },
    { "caller not admin", { TC_MEMBER_ROLE_TEAM_MANAGER, TRUE, TRUE, M, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (NOT_ADMIN), R (NOT_ADMIN), R (NOT_ADMIN), R (NOT_ADMIN), R (NOT_ADMIN), R (NOT_ADMIN) } },
    { "owner target", { A, TRUE, TRUE, O, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (TARGET_OWNER), R (TARGET_OWNER), R (TARGET_OWNER), R (TARGET_OWNER),
        R (TARGET_OWNER), R (TARGET_OWNER) } },
    { "inactive", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_INACTIVE, 1, FALSE },
      { R (TARGET_INACTIVE), R (TARGET_INACTIVE), R (TARGET_INACTIVE), R (TARGET_INACTIVE),
        R (TARGET_INACTIVE), R (TARGET_INACTIVE) } },
    { "pending", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_PENDING, 1, FALSE },
      { R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED),
        R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED) } },
    { "declined", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_DECLINED, 1, FALSE },
      { R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED),
        R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED), R (TARGET_NOT_ACCEPTED) } },
    { "several workspaces", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_ACTIVE, 2, FALSE },
      { R (SEVERAL_WORKSPACES), R (NONE), R (NONE), R (SEVERAL_WORKSPACES),
        R (SEVERAL_WORKSPACES), R (SEVERAL_WORKSPACES) } },
    { "pending approval", { A, TRUE, TRUE, M, TC_MEMBER_STATUS_ACTIVE, 1, TRUE },
      { R (PENDING_APPROVAL), R (NONE), R (NONE), R (NONE), R (NONE), R (NONE) } },
    { "free plan", { A, FALSE, FALSE, M, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (NONE), R (FREE_PLAN), R (FREE_PLAN), R (FREE_PLAN), R (FREE_PLAN), R (FREE_PLAN) } },
    { "free plan, pending approval", { A, FALSE, FALSE, M, TC_MEMBER_STATUS_ACTIVE, 1, TRUE },
      { R (PENDING_APPROVAL), R (FREE_PLAN), R (FREE_PLAN), R (FREE_PLAN), R (FREE_PLAN),
        R (FREE_PLAN) } },
    { "free plan, several workspaces", { A, FALSE, FALSE, M, TC_MEMBER_STATUS_ACTIVE, 3, FALSE },
      { R (SEVERAL_WORKSPACES), R (FREE_PLAN), R (FREE_PLAN), R (SEVERAL_WORKSPACES),
        R (SEVERAL_WORKSPACES), R (SEVERAL_WORKSPACES) } },
    { "no custom fields feature", { A, TRUE, FALSE, M, TC_MEMBER_STATUS_ACTIVE, 1, FALSE },
      { R (NONE), R (NONE), R (NONE), R (NONE), R (NONE), R (NO_CUSTOM_FIELDS) } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gboolean any = FALSE;

      g_test_message ("row: %s", rows[i].what);
      for (TcMemberField f = 0; f < TC_MEMBER_N_FIELDS; f++)
        {
          g_assert_cmpint (tc_member_rules_check (&rows[i].in, f), ==, rows[i].expect[f]);
          any |= rows[i].expect[f] == TC_MEMBER_REASON_NONE;
        }
      g_assert_cmpint (tc_member_rules_read_only (&rows[i].in), ==, !any);
    }
}
#undef A
#undef O
#undef M
#undef R

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

static gboolean
list_done (gpointer data)
{
  return !tc_member_list_get_loading (data);
}

static void
first_added_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                guint      *first_added)
{
  if (*first_added == 0)
    *first_added = added;
}

static gboolean
list_has_members (gpointer data)
{
  return tc_member_list_get_n_loaded (data) > 0;
}

static void
test_list_load (void)
{
  g_autoptr(TeamWorld) world = team_world_new (120);
  g_autoptr(TcMemberList) list = tc_member_list_new (world->client, world->pro_ws, 25);
  guint n_signals = 0;
  TcMember *owner;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &n_signals);
  tc_member_list_reload (list);
  g_assert_true (tc_member_list_get_loading (list));
  tc_test_wait_until (list_done, list, 30);
  g_assert_true (tc_member_list_get_complete (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 121);
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 121);
  g_assert_cmpuint (n_signals, ==, 5);   /* one per page: 25 × 4 + 21 */
  owner = tc_member_list_find (list, world->owner_id);
  g_assert_nonnull (owner);
  g_assert_cmpint (tc_member_get_role (owner), ==, TC_MEMBER_ROLE_OWNER);

  /* Reload empties and refills. */
  tc_member_list_reload (list);
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 0);
  tc_test_wait_until (list_done, list, 30);
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 121);
}

/* Paging follows Last-Page: 100 members in pages of 50 take exactly two
 * requests, not a third one that comes back empty. */
static void
test_list_last_page (void)
{
  g_autoptr(TeamWorld) world = team_world_new (99);
  g_autoptr(TcCoreTestServer) proxy = tc_core_test_server_new (world->base_url);
  g_autofree char *proxy_url = tc_core_test_server_dup_base_url (proxy);
  g_autofree char *key = tc_service_issue_api_key (world->service, world->owner_id, "paging", NULL);
  g_autofree char *users = g_strdup_printf ("/v1/workspaces/%s/users", world->pro_ws);
  g_autoptr(TcApiClient) client = tc_api_client_new (proxy_url, NULL);
  g_autoptr(TcMemberList) list = NULL;

  g_assert_nonnull (key);
  tc_api_client_set_api_key (client, key);
  list = tc_member_list_new (client, world->pro_ws, 50);
  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  g_assert_true (tc_member_list_get_complete (list));
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 100);
  g_assert_cmpuint (tc_core_test_server_count (proxy, "GET", users), ==, 2);
}

/* From the third page on, two pages are asked for at once (the server
 * says which page is the last), and they grow five times, and five times
 * again, once the offset allows. Answers that come back out of order are put in order: the list
 * holds the members exactly as one big page lists them, and at most one
 * request goes past the last page. */
static void
test_list_in_flight (void)
{
  g_autoptr(TeamWorld) world = team_world_new (699);
  g_autofree char *key = tc_service_issue_api_key (world->service, world->owner_id, "paging", NULL);
  g_autofree char *users = g_strdup_printf ("/v1/workspaces/%s/users", world->pro_ws);
  g_autofree char *all_path = g_strdup_printf ("%s?status=ALL&page-size=5000", users);
  g_autoptr(JsonNode) all = team_world_request (world->client, "GET", all_path, NULL, NULL);
  JsonArray *expected = json_node_get_array (all);

  g_assert_cmpuint (json_array_get_length (expected), ==, 700);
  for (guint run = 0; run < 5; run++)
    {
      /* A proxy of its own: a request the last run cancelled may still
       * reach the last one. */
      g_autoptr(TcCoreTestServer) proxy = tc_core_test_server_new (world->base_url);
      g_autofree char *proxy_url = tc_core_test_server_dup_base_url (proxy);
      g_autoptr(TcApiClient) client = tc_api_client_new (proxy_url, NULL);
      g_autoptr(TcMemberList) list = tc_member_list_new (client, world->pro_ws, 10);
      guint asked;

      tc_api_client_set_api_key (client, key);
      tc_member_list_reload (list);
      tc_test_wait_until (list_done, list, 30);
      g_assert_true (tc_member_list_get_complete (list));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 700);
      for (guint i = 0; i < 700; i++)
        {
          g_autoptr(TcMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);
          JsonObject *object = json_array_get_object_element (expected, i);

          g_assert_cmpstr (tc_member_get_id (member), ==,
                           json_object_get_string_member (object, "id"));
        }
      /* Five pages of 10, four of 50 from member 50 on, then pages of
       * 250 from member 250 on: 250-499 and 500-699 (the last). A
       * twelfth may have been asked for while the eleventh was on its
       * way, nothing after an answer that ends the list. (Pages of 10,
       * then 50, would be 19; pages of 10 throughout, 70.) */
      asked = tc_core_test_server_count (proxy, "GET", users);
      g_test_message ("run %u: %u pages asked for", run, asked);
      g_assert_cmpuint (asked, >=, 11);
      g_assert_cmpuint (asked, <=, 12);
    }
}

/* With an update interval, the first page (up to a screen of it) goes
 * into the model at once and the others together, later: one
 * items-changed for many pages. */
static void
test_list_update_interval (void)
{
  g_autoptr(TeamWorld) world = team_world_new (120);
  g_autoptr(TcMemberList) list = tc_member_list_new (world->client, world->pro_ws, 10);
  guint n_signals = 0;

  tc_member_list_set_update_interval (list, 60000);
  g_assert_cmpuint (tc_member_list_get_update_interval (list), ==, 60000);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &n_signals);
  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  g_assert_true (tc_member_list_get_complete (list));
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 121);
  /* The first page (10), then the other 111 when the last page came. */
  g_assert_cmpuint (n_signals, ==, 2);
  g_assert_nonnull (tc_member_list_find (list, world->owner_id));

  /* A first page bigger than a screen goes in a screen's worth (50)
   * first, the rest with the next update (here: the last page). */
  {
    g_autoptr(TcMemberList) big = tc_member_list_new (world->client, world->pro_ws, 100);
    guint first_added = 0;

    tc_member_list_set_update_interval (big, 60000);
    g_signal_connect (big, "items-changed", G_CALLBACK (first_added_cb), &first_added);
    tc_member_list_reload (big);
    tc_test_wait_until (list_done, big, 30);
    g_assert_cmpuint (first_added, ==, 50);
    g_assert_cmpuint (tc_member_list_get_n_loaded (big), ==, 121);
  }

  /* Cancelled mid-way, what arrived is in the model, not only held. */
  tc_member_list_reload (list);
  n_signals = 0;
  tc_test_wait_until (list_has_members, list, 30);
  tc_member_list_cancel (list);
  g_assert_false (tc_member_list_get_loading (list));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (tc_member_list_find (list, tc_member_get_id (member)) == member);
    }
}

#define CANNED_MEMBER(n) "{\"id\":\"aaaaaaaaaaaaaaaaaaaaaa0" #n "\",\"email\":\"m" #n \
  "@x.y\",\"status\":\"ACTIVE\"}"

/* A server without the header: a short (here empty) page ends the list;
 * with "Last-Page: false" a short page does not. */
static void
test_list_without_last_page (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autofree char *url = tc_core_test_server_dup_base_url (server);
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(TcMemberList) list = tc_member_list_new (client, "ws", 2);

  tc_api_client_set_api_key (client, "k");
  tc_core_test_server_push (server, 200, "[" CANNED_MEMBER (1) "," CANNED_MEMBER (2) "]",
                            NULL, NULL, 0);
  tc_core_test_server_push (server, 200, "[" CANNED_MEMBER (3) "]", "Last-Page", "false", 0);
  tc_core_test_server_push (server, 200, "[" CANNED_MEMBER (4) "]", NULL, NULL, 0);
  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  g_assert_true (tc_member_list_get_complete (list));
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, 4);
  g_assert_cmpuint (tc_core_test_server_count (server, "GET", "/v1/workspaces/ws/users"), ==, 3);
}
#undef CANNED_MEMBER

static void
load_failed_cb (TcMemberList  *list,
                const GError  *error,
                GError       **out_error)
{
  g_clear_error (out_error);
  *out_error = g_error_copy (error);
}

static TcMemberList *
cached_list (TeamWorld  *world,
             TcCache    *cache,
             const char *workspace_id)
{
  TcMemberList *list = g_object_new (TC_TYPE_MEMBER_LIST, "client", world->client,
                                     "cache", cache, "workspace-id", workspace_id,
                                     "page-size", 25, NULL);

  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  return list;
}

/* Issue 4: the last server state of the team is cached, so a list opens
 * with the server down; without a cached team the error is the server's. */
static void
test_list_cache (void)
{
  g_autoptr(TeamWorld) world = team_world_new (60);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "team-cache.db", NULL);
  g_autoptr(TcCache) cache = tc_cache_new (path);
  g_autoptr(TcMemberList) online = cached_list (world, cache, world->pro_ws);
  g_autoptr(TcMemberList) offline = NULL;
  g_autoptr(TcMemberList) never = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tc_member_list_get_complete (online));
  g_assert_false (tc_member_list_get_stale (online));
  g_assert_cmpuint (tc_member_list_get_n_loaded (online), ==, 61);

  tc_api_client_set_retry_policy (world->client, 1, 10, 10);
  tc_service_shutdown (world->service);
  offline = cached_list (world, cache, world->pro_ws);
  g_assert_true (tc_member_list_get_stale (offline));
  g_assert_true (tc_member_list_get_complete (offline));
  g_assert_cmpuint (tc_member_list_get_n_loaded (offline), ==, 61);
  g_assert_cmpint (tc_member_get_role (tc_member_list_find (offline, world->owner_id)), ==,
                   TC_MEMBER_ROLE_OWNER);

  never = g_object_new (TC_TYPE_MEMBER_LIST, "client", world->client, "cache", cache,
                        "workspace-id", world->free_ws, NULL);
  g_signal_connect (never, "load-failed", G_CALLBACK (load_failed_cb), &error);
  tc_member_list_reload (never);
  tc_test_wait_until (list_done, never, 30);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_NETWORK);
  g_assert_false (tc_member_list_get_stale (never));
  g_assert_false (tc_member_list_get_complete (never));
  g_assert_cmpuint (tc_member_list_get_n_loaded (never), ==, 0);
}

static TcSession *
open_session (TeamWorld *world)
{
  g_autoptr(TcAccount) account = tc_account_new ("local", world->owner_id, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session = tc_session_new (account, world->client);

  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

static void
test_list_status_and_role (void)
{
  g_autoptr(TeamWorld) world = team_world_new (10);
  g_autoptr(TcSession) session = open_session (world);
  TcMemberList *list = tc_session_get_member_list (session, world->pro_ws);
  g_autofree char *id1 = team_world_member_id (world, 1);
  g_autofree char *id2 = team_world_member_id (world, 2);
  g_autofree char *uuid = NULL;
  g_autofree char *owner_uuid = NULL;
  g_autoptr(GError) error = NULL;
  TcMember *member;

  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  member = tc_member_list_find (list, id2);
  uuid = tc_session_set_member_status (session, world->pro_ws, member, TC_MEMBER_STATUS_INACTIVE);
  g_assert_true (tc_test_session_wait_edit (session, uuid, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_INACTIVE);

  /* The owner cannot be deactivated: the server says why. */
  owner_uuid = tc_session_set_member_status (session, world->pro_ws,
                                             tc_member_list_find (list, world->owner_id),
                                             TC_MEMBER_STATUS_INACTIVE);
  g_assert_false (tc_test_session_wait_edit (session, owner_uuid, 10, &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpint (tc_member_get_status (tc_member_list_find (list, world->owner_id)), ==,
                   TC_MEMBER_STATUS_ACTIVE);

  /* Each member carries the highest of its roles. */
  g_assert_cmpint (tc_member_get_role (tc_member_list_find (list, world->owner_id)), ==,
                   TC_MEMBER_ROLE_OWNER);
  g_assert_cmpint (tc_member_get_role (tc_member_list_find (list, id1)), ==,
                   TC_MEMBER_ROLE_TEAM_MANAGER);
}

static TcMemberProfile *
load_profile (TeamWorld  *world,
              const char *ws,
              const char *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcMemberProfile *profile;

  tc_member_profile_load_async (world->client, ws, user_id, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  profile = tc_member_profile_load_finish (result, &error);
  g_assert_no_error (error);
  return profile;
}

static void
test_profile_save (void)
{
  g_autoptr(TeamWorld) world = team_world_new (10);
  g_autofree char *id = team_world_member_id (world, 1);
  g_autoptr(TcMemberProfile) original = load_profile (world, world->pro_ws, id);
  g_autoptr(TcMemberProfile) edited = tc_member_profile_copy (original);
  g_autoptr(TcSession) session = open_session (world);
  g_auto(GStrv) uuids = NULL;
  g_autoptr(TcMemberProfile) again = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tc_member_profile_get_work_capacity (original), ==, 8 * 3600);
  g_assert_cmpstr (tc_member_profile_get_employee_id (original), ==, "E00001");
  tc_member_profile_set_work_capacity (edited, 6 * 3600 + 15 * 60);
  tc_member_profile_set_employment_type (edited, "PART_TIME");
  patch = tc_member_profile_build_patch (original, edited);
  g_assert_cmpuint (json_object_get_size (patch), ==, 2);
  uuids = tc_session_edit_member_profile (session, world->pro_ws, original, patch);
  g_assert_cmpuint (g_strv_length (uuids), ==, 2);
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_assert_true (tc_test_session_wait_edit (session, uuids[i], 10, &error));
      g_assert_no_error (error);
    }

  again = load_profile (world, world->pro_ws, id);
  g_assert_cmpint (tc_member_profile_get_work_capacity (again), ==, 6 * 3600 + 15 * 60);
  g_assert_cmpstr (tc_member_profile_get_employment_type (again), ==, "PART_TIME");
  g_assert_cmpuint (tc_member_profile_get_working_days (again), ==,
                    tc_member_profile_get_working_days (original));
  g_assert_cmpstr (tc_member_profile_get_week_start (again), ==,
                   tc_member_profile_get_week_start (original));
  g_assert_cmpstr (tc_member_profile_get_employee_id (again), ==, "E00001");
}

/* The client's rules agree with the server's, member by member: a field
 * the rules allow is accepted, one they forbid is refused. */
static void
test_rules_agree_with_service (void)
{
  static const guint seeded[] = { 0, 1, 3, 4, 5, 6, 15, 20 };
  g_autoptr(TeamWorld) world = team_world_new (30);
  g_autoptr(TcMemberList) list = tc_member_list_new (world->client, world->pro_ws, 0);

  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 30);
  for (guint i = 0; i < G_N_ELEMENTS (seeded) + 1; i++)
    {
      g_autofree char *id = i < G_N_ELEMENTS (seeded) ? team_world_member_id (world, seeded[i])
                                                      : g_strdup (world->owner_id);
      g_autoptr(TcMemberProfile) profile = load_profile (world, world->pro_ws, id);
      TcMember *member = tc_member_list_find (list, id);
      TcMemberRuleInput in = {
        TC_MEMBER_ROLE_OWNER, TRUE, TRUE, tc_member_get_role (member),
        tc_member_get_status (member), tc_member_profile_get_workspace_number (profile),
        tc_member_profile_get_has_pending_approval_request (profile),
      };
      static const char * const bodies[] = {
        NULL, "{\"workCapacity\":\"PT5H\"}",
        "{\"workingDays\":[\"MONDAY\"]}", "{\"employeeId\":\"X-1\"}",
        "{\"employmentType\":\"PART_TIME\"}",
      };
      const char *other_day = g_strcmp0 (tc_member_profile_get_week_start (profile),
                                         "SUNDAY") == 0 ? "MONDAY" : "SUNDAY";

      for (TcMemberField f = 0; f < TC_MEMBER_FIELD_CUSTOM_FIELDS; f++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                                   world->pro_ws, id);
          g_autofree char *body = f == TC_MEMBER_FIELD_WEEK_START
                                  ? g_strdup_printf ("{\"weekStart\":\"%s\"}", other_day)
                                  : g_strdup (bodies[f]);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) answer = team_world_request (world->client, "PATCH", path,
                                                           body, &error);
          TcMemberReason reason = tc_member_rules_check (&in, f);

          g_test_message ("member %u field %d: reason %d, server %s", i, f, reason,
                          error ? error->message : "accepted");
          if (reason == TC_MEMBER_REASON_NONE)
            g_assert_no_error (error);
          else
            g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/team/member/decode", test_member_decode);
  g_test_add_func ("/team/member/values", test_member_values);
  g_test_add_func ("/team/member-profile/decode", test_profile_decode);
  g_test_add_func ("/team/member-profile/patch", test_profile_patch);
  g_test_add_func ("/team/custom-field/decode", test_custom_field_decode);
  g_test_add_func ("/team/custom-field/values", test_custom_field);
  g_test_add_func ("/team/rules/matrix", test_rules_matrix);
  g_test_add_func ("/team/rules/agree-with-service", test_rules_agree_with_service);
  g_test_add_func ("/team/member-list/load", test_list_load);
  g_test_add_func ("/team/member-list/last-page", test_list_last_page);
  g_test_add_func ("/team/member-list/without-last-page", test_list_without_last_page);
  g_test_add_func ("/team/member-list/in-flight", test_list_in_flight);
  g_test_add_func ("/team/member-list/update-interval", test_list_update_interval);
  g_test_add_func ("/team/member-list/cache", test_list_cache);
  g_test_add_func ("/team/member-list/status-and-role", test_list_status_and_role);
  g_test_add_func ("/team/member-profile/save", test_profile_save);

  return g_test_run ();
}
