/* test-models.c — TcUserSettings and TcWorkspace decoding, table-driven
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-user-settings.h"
#include "tc-workspace.h"
#include "tc-test-util.h"

typedef struct {
  const char *name;
  const char *json;
  gboolean    valid;
  const char *error_mentions;
} Case;

static const Case settings_cases[] = {
  { "full", "{\"weekStart\":\"MONDAY\",\"timeZone\":\"Europe/Paris\",\"theme\":\"DARK\","
            "\"projectListCollapse\":50,\"sendNewsletter\":true,\"multiFactorEnabled\":false}", TRUE, NULL },
  { "empty", "{}", TRUE, NULL },
  { "nulls-accepted", "{\"timeZone\":null,\"alerts\":null}", TRUE, NULL },
  { "unknown-kept", "{\"dashboardSelection\":\"ME\",\"summaryReportSettings\":{\"group\":\"PROJECT\"}}", TRUE, NULL },
  { "bool-is-string", "{\"alerts\":\"yes\"}", FALSE, "alerts" },
  { "string-is-number", "{\"timeZone\":3}", FALSE, "timeZone" },
  { "int-is-string", "{\"projectListCollapse\":\"50\"}", FALSE, "projectListCollapse" },
  { "int-is-double", "{\"projectListCollapse\":1.5}", FALSE, "projectListCollapse" },
  { "int-out-of-range", "{\"projectListCollapse\":99999999999}", FALSE, "projectListCollapse" },
};

static const Case workspace_cases[] = {
  { "full", "{\"id\":\"a\",\"name\":\"W\",\"imageUrl\":\"\",\"featureSubscriptionType\":\"STANDARD_2021\","
            "\"features\":[\"EDIT_MEMBER_PROFILE\"],\"workspaceSettings\":{\"weekStart\":\"SUNDAY\"},"
            "\"memberships\":[]}", TRUE, NULL },
  { "minimal-null-name", "{\"id\":\"a\",\"name\":null}", TRUE, NULL },
  { "missing-id", "{\"name\":\"W\"}", FALSE, "id" },
  { "features-not-strings", "{\"id\":\"a\",\"features\":[1]}", FALSE, "features" },
  { "features-not-list", "{\"id\":\"a\",\"features\":\"X\"}", FALSE, "features" },
  { "settings-not-object", "{\"id\":\"a\",\"workspaceSettings\":[]}", FALSE, "workspaceSettings" },
  { "week-start-wrong-type", "{\"id\":\"a\",\"workspaceSettings\":{\"weekStart\":1}}", FALSE, "weekStart" },
};

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
check (const Case *c,
       GObject    *object,
       GError     *error)
{
  g_test_message ("case %s", c->name);
  if (c->valid)
    {
      g_assert_no_error (error);
      g_assert_nonnull (object);
      return;
    }
  g_assert_null (object);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, c->error_mentions));
}

static void
test_settings_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings_cases); i++)
    {
      g_autoptr(JsonObject) object = parse (settings_cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcUserSettings) settings = tc_user_settings_new_from_json (object, &error);

      check (&settings_cases[i], G_OBJECT (settings), error);
    }
}

static void
test_workspace_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (workspace_cases); i++)
    {
      g_autoptr(JsonObject) object = parse (workspace_cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TcWorkspace) workspace = tc_workspace_new_from_json (object, &error);

      check (&workspace_cases[i], G_OBJECT (workspace), error);
    }
}

static void
test_workspace_values (void)
{
  g_autoptr(JsonObject) object = parse (workspace_cases[0].json);
  g_autoptr(TcWorkspace) workspace = tc_workspace_new_from_json (object, NULL);

  g_assert_cmpint (tc_workspace_get_plan_tier (workspace), ==, TC_PLAN_STANDARD);
  g_assert_true (tc_workspace_has_feature (workspace, TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE));
  g_assert_false (tc_workspace_has_feature (workspace, TC_WIRE_FEATURE_USER_CUSTOM_FIELDS));
  g_assert_cmpstr (tc_workspace_get_week_start (workspace), ==, "SUNDAY");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_settings_update_atomic (void)
{
  g_autoptr(JsonObject) first = parse ("{\"theme\":\"DEFAULT\",\"alerts\":true,\"lang\":\"EN\"}");
  g_autoptr(JsonObject) bad = parse ("{\"theme\":\"DARK\",\"alerts\":\"no\"}");
  g_autoptr(JsonObject) second = parse ("{\"theme\":\"DARK\",\"alerts\":true,\"lang\":\"EN\"}");
  g_autoptr(TcUserSettings) settings = tc_user_settings_new_from_json (first, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (settings, "notify", G_CALLBACK (count_notify), names);

  /* All or nothing: the valid theme is not taken either. */
  g_assert_false (tc_user_settings_update_from_json (settings, bad, &error));
  g_assert_cmpstr (tc_user_settings_get_theme (settings), ==, "DEFAULT");
  g_assert_cmpuint (names->len, ==, 0);

  /* Only what changed is notified. */
  g_assert_true (tc_user_settings_update_from_json (settings, second, NULL));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "theme");

  /* Writing the same value does not notify. */
  g_object_set (settings, "theme", "DARK", NULL);
  g_assert_cmpuint (names->len, ==, 1);
}

static void
test_settings_round_trip (void)
{
  const char *json = "{\"dashboardSelection\":\"ME\",\"summaryReportSettings\":{\"group\":\"PROJECT\"},"
                     "\"weekStart\":\"MONDAY\",\"projectListCollapse\":50,\"pto\":false}";
  g_autoptr(JsonObject) object = parse (json);
  g_autoptr(TcUserSettings) settings = tc_user_settings_new_from_json (object, NULL);
  g_autoptr(JsonObject) out = tc_user_settings_to_json (settings);
  g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), out);

  g_assert_true (json_node_equal (a, b));
  g_assert_cmpstr (tc_user_settings_property_to_wire ("group-similar-entries-disabled"), ==,
                   "groupSimilarEntriesDisabled");
  g_assert_cmpstr (tc_user_settings_wire_to_property ("isCompactViewOn"), ==, "is-compact-view-on");
  g_assert_null (tc_user_settings_property_to_wire ("no-such-thing"));
  /* Read-only stays read-only. */
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (settings),
                                                "multi-factor-enabled")->flags & G_PARAM_WRITABLE);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/models/settings/table", test_settings_table);
  g_test_add_func ("/models/settings/update-atomic", test_settings_update_atomic);
  g_test_add_func ("/models/settings/round-trip", test_settings_round_trip);
  g_test_add_func ("/models/workspace/table", test_workspace_table);
  g_test_add_func ("/models/workspace/values", test_workspace_values);

  return g_test_run ();
}
