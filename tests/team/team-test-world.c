/* team-test-world.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-test-util.h"
#include "team-test-world.h"

JsonNode *
team_world_request (TcApiClient  *client,
                    const char   *method,
                    const char   *path,
                    const char   *body_json,
                    GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonNode *answer = NULL;

  if (body_json != NULL)
    body = json_from_string (body_json, NULL);
  tc_api_client_request_async (client, method, path, body, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  if (!tc_api_client_request_finish (client, result, &answer, error))
    return NULL;
  return answer;
}

static void
find_workspaces (TeamWorld *world)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = team_world_request (world->client, "GET", "/v1/workspaces",
                                                 NULL, &error);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *ws = json_array_get_object_element (array, i);
      const char *plan = json_object_get_string_member (ws, "featureSubscriptionType");

      if (g_strcmp0 (plan, "FREE") == 0)
        world->free_ws = g_strdup (json_object_get_string_member (ws, "id"));
      else if (g_strcmp0 (plan, "PRO") == 0)
        world->pro_ws = g_strdup (json_object_get_string_member (ws, "id"));
    }
  g_assert_nonnull (world->pro_ws);
  g_assert_nonnull (world->free_ws);
}

TeamWorld *
team_world_new (guint n_members)
{
  static guint counter;
  TeamWorld *world = g_new0 (TeamWorld, 1);
  g_autofree char *db_name = g_strdup_printf ("team-%u-%u.db", (guint) getpid (), ++counter);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), db_name, NULL);
  g_autofree char *maildir = g_build_filename (g_get_user_data_dir (), "mail", NULL);
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  world->db_path = g_strdup (db);
  world->service = tc_service_new (db, &error);
  g_assert_no_error (error);
  tc_service_set_maildir (world->service, maildir);
  tc_service_set_rate_limit (world->service, 100000.0, 100000);
  g_assert_true (tc_service_seed (world->service, n_members, &key, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_listen (world->service, 0, &error));
  world->base_url = tc_service_dup_base_url (world->service);
  world->client = tc_api_client_new (world->base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (world->client, key);
  /* The service's limit is off, and so is the client's bucket for this
   * server (it is shared by every client of the origin); tests of the
   * limit set both back to the defaults. */
  tc_api_client_set_rate_limit (world->client, 0, 0);

  user = team_world_request (world->client, "GET", "/v1/user", NULL, &error);
  g_assert_no_error (error);
  world->owner_id = g_strdup (json_object_get_string_member (json_node_get_object (user), "id"));
  world->owner_email = g_strdup (json_object_get_string_member (json_node_get_object (user),
                                                                "email"));
  find_workspaces (world);
  return world;
}

void
team_world_free (TeamWorld *world)
{
  if (world == NULL)
    return;
  g_clear_object (&world->client);
  if (world->service != NULL)
    tc_service_shutdown (world->service);
  g_clear_object (&world->service);
  g_free (world->db_path);
  g_free (world->base_url);
  g_free (world->owner_id);
  g_free (world->owner_email);
  g_free (world->pro_ws);
  g_free (world->free_ws);
  g_free (world);
}

void
team_world_stop (TeamWorld *world)
{
  tc_service_shutdown (world->service);
  g_clear_object (&world->service);
}

void
team_world_restart (TeamWorld *world)
{
  g_autofree char *maildir = g_build_filename (g_get_user_data_dir (), "mail", NULL);
  g_autoptr(GUri) uri = g_uri_parse (world->base_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (world->service);
  g_assert_nonnull (uri);
  world->service = tc_service_new (world->db_path, &error);
  g_assert_no_error (error);
  tc_service_set_maildir (world->service, maildir);
  tc_service_set_rate_limit (world->service, 100000.0, 100000);
  g_assert_true (tc_service_listen (world->service, g_uri_get_port (uri), &error));
  g_assert_no_error (error);
}

char *
team_world_member_id (TeamWorld *world,
                      guint      index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  path = g_strdup_printf ("/v1/workspaces/%s/users?status=ALL&email=member%05u%%40demo.example",
                          world->pro_ws, index);
  node = team_world_request (world->client, "GET", path, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"));
}

TcApiClient *
team_world_client_for (TeamWorld  *world,
                       const char *user_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = tc_service_issue_api_key (world->service, user_id, "test", &error);
  TcApiClient *client;

  g_assert_no_error (error);
  client = tc_api_client_new (world->base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, key);
  return client;
}
