/* test-user-json.c — decoding GET /v1/user, table-driven
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-user.h"

#define ID "5a0ab5acb07987125438b60f"

typedef struct {
  const char *name;
  const char *json;
  gboolean    valid;
  const char *error_mentions;   /* the member the error must name */
  const char *display_name;
} Case;

static const Case cases[] = {
  { "full",
    "{\"id\":\"" ID "\",\"email\":\"ada@example.com\",\"name\":\"Ada\","
    "\"profilePicture\":\"https://img.example.com/a.png\",\"activeWorkspace\":\"" ID "\","
    "\"defaultWorkspace\":\"" ID "\",\"status\":\"ACTIVE\",\"settings\":{\"weekStart\":\"MONDAY\"},"
    "\"memberships\":[],\"customFields\":[]}",
    TRUE, NULL, "Ada" },
  { "null-name-and-settings",
    "{\"id\":\"" ID "\",\"email\":\"ada@example.com\",\"name\":null,\"settings\":null}",
    TRUE, NULL, "ada@example.com" },
  { "unknown-members-ignored",
    "{\"id\":\"" ID "\",\"email\":\"a@example.com\",\"name\":\"A\",\"futureThing\":[1,2,{}]}",
    TRUE, NULL, "A" },
  { "missing-id",
    "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}",
    FALSE, "id", NULL },
  { "null-email",
    "{\"id\":\"" ID "\",\"email\":null}",
    FALSE, "email", NULL },
  { "id-is-number",
    "{\"id\":42,\"email\":\"ada@example.com\"}",
    FALSE, "id", NULL },
  { "name-is-object",
    "{\"id\":\"" ID "\",\"email\":\"ada@example.com\",\"name\":{}}",
    FALSE, "name", NULL },
  { "settings-is-string",
    "{\"id\":\"" ID "\",\"email\":\"ada@example.com\",\"settings\":\"dark\"}",
    FALSE, "settings", NULL },
  { "status-is-bool",
    "{\"id\":\"" ID "\",\"email\":\"ada@example.com\",\"status\":true}",
    FALSE, "status", NULL },
};

static JsonObject *
parse (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  JsonObject *object = _tc_json_parse_object (bytes, &error);

  g_assert_no_error (error);
  return object;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonObject) object = parse (c->json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TcUser) user = tc_user_new_from_json (object, &error);

  if (c->valid)
    {
      g_assert_no_error (error);
      g_assert_nonnull (user);
      g_assert_cmpstr (tc_user_get_id (user), ==, ID);
      g_assert_cmpstr (tc_user_get_display_name (user), ==, c->display_name);
    }
  else
    {
      g_assert_null (user);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, c->error_mentions));
    }
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GHashTable *seen = user_data;

  g_hash_table_add (seen, g_strdup (pspec->name));
}

static void
test_update_is_atomic (void)
{
  g_autoptr(JsonObject) first = parse ("{\"id\":\"" ID "\",\"email\":\"a@example.com\",\"name\":\"A\"}");
  g_autoptr(JsonObject) bad = parse ("{\"id\":\"" ID "\",\"email\":\"b@example.com\",\"name\":7}");
  g_autoptr(JsonObject) renamed = parse ("{\"id\":\"" ID "\",\"email\":\"a@example.com\",\"name\":\"B\"}");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TcUser) user = tc_user_new_from_json (first, &error);

  g_assert_no_error (error);
  g_signal_connect (user, "notify", G_CALLBACK (notify_count_cb), seen);

  /* A bad answer changes nothing, not even the members that were valid. */
  g_assert_false (tc_user_update_from_json (user, bad, &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (tc_user_get_email (user), ==, "a@example.com");
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  g_clear_error (&error);

  /* A good one notifies exactly what changed. */
  g_assert_true (tc_user_update_from_json (user, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (user), ==, "B");
  g_assert_true (g_hash_table_contains (seen, "name"));
  g_assert_true (g_hash_table_contains (seen, "display-name"));
  g_assert_false (g_hash_table_contains (seen, "email"));
}

static void
test_not_json (void)
{
  const char *inputs[] = { "", "{", "[1,2]", "\"user\"", "null", "{\"id\":" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = _tc_json_parse_object (bytes, &error);

      g_assert_null (object);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(JsonObject) object = parse (cases[0].json);
  g_autoptr(TcUser) user = tc_user_new_from_json (object, NULL);
  g_autoptr(JsonObject) encoded = tc_user_to_json (user);
  g_autoptr(GError) error = NULL;
  g_autoptr(TcUser) again = tc_user_new_from_json (encoded, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_profile_picture (again), ==, "https://img.example.com/a.png");
  g_assert_cmpstr (tc_user_get_status (again), ==, "ACTIVE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/user-json/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/user-json/update-is-atomic", test_update_is_atomic);
  g_test_add_func ("/user-json/not-json", test_not_json);
  g_test_add_func ("/user-json/round-trip", test_round_trip);

  return g_test_run ();
}
