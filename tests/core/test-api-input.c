/* test-api-input.c — hostile answers and values the client refuses itself
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server that is not ours (the user can type any address) may answer
 * anything. json-glib recurses once per nesting level, so a 100,000-level
 * answer must be refused before it is parsed, as something Timecard cannot
 * read, never a crash.
 */

#include "config.h"

#include <string.h>

#include "tc-api-client.h"
#include "tc-api-error.h"
#include "tc-core-test-server.h"
#include "tc-session.h"
#include "tc-test-util.h"
#include "tc-test-session.h"
#include "tc-webhook.h"
#include "tc-wire.h"

static char *
nested_user (guint depth)
{
  GString *s = g_string_new ("{\"id\":\"0123456789abcdef01234567\",\"extra\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static JsonNode *
get_user (TcCoreTestServer  *server,
          GError           **error)
{
  g_autofree char *url = tc_core_test_server_dup_base_url (server);
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  JsonNode *answer = NULL;

  tc_api_client_set_api_key (client, "k");
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  tc_api_client_request_finish (client, result, &answer, error);
  return answer;
}

static void
test_deep_answer (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autofree char *deep = nested_user (100000);
  g_autofree char *plain_deep = g_strnfill (100000, '[');
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) answer2 = NULL;
  g_autoptr(JsonNode) answer3 = NULL;

  tc_core_test_server_push (server, 200, deep, NULL, NULL, 0);
  answer = get_user (server, &error);
  g_assert_null (answer);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "cannot read"));

  /* Not even closed, and as an error body. */
  tc_core_test_server_push (server, 200, plain_deep, NULL, NULL, 0);
  answer2 = get_user (server, &error2);
  g_assert_null (answer2);
  g_assert_error (error2, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);

  tc_core_test_server_push (server, 400, deep, NULL, NULL, 0);
  answer3 = get_user (server, &error3);
  g_assert_null (answer3);
  g_assert_error (error3, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_cmpuint (tc_core_test_server_count (server, "GET", "/v1/user"), ==, 3);
}

static void
test_nested_under_limit (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  /* The object is one level, so 63 arrays inside make 64. */
  g_autofree char *body = nested_user (TC_WIRE_JSON_MAX_DEPTH - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  tc_core_test_server_push (server, 200, body, NULL, NULL, 0);
  answer = get_user (server, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "id"), ==,
                   "0123456789abcdef01234567");
}

/* The wire rule refuses control characters before anything is sent. */
static void
test_control_characters_refused (void)
{
  const char * const names[] = { "Hook\n", "Ho\x01ok", "Ho\x7fok", "Ho\tok" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TcWebhookFields fields = {
        .name = names[i], .url = "https://example.com/h", .webhook_event = "NEW_TAG",
      };
      g_autoptr(GError) error = NULL;

      g_assert_false (tc_webhook_fields_validate (&fields, &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      g_assert_true (g_str_has_prefix (error->message, "name:"));
    }
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static gboolean
set_name (TcSession   *session,
          const char  *name,
          GError     **error)
{
  return tc_test_session_set_name (session, name, 20, error);
}

/* The session refuses a name the service would refuse, before sending. */
static void
test_session_name_refused (void)
{
  g_autofree char *owner_id = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *service_url = NULL;
  g_autofree char *proxy_url = NULL;
  TcService *service = tc_test_service_new (&owner_id, &api_key);
  TcCoreTestServer *proxy;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcAccount) account = NULL;
  TcSession *session;
  const char * const bad[] = { "a\nb", "a\x01" "b", "a\rb" };

  service_url = tc_service_dup_base_url (service);
  proxy = tc_core_test_server_new (service_url);
  proxy_url = tc_core_test_server_dup_base_url (proxy);
  client = tc_api_client_new (proxy_url, NULL);
  tc_api_client_set_api_key (client, api_key);
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  account = tc_account_new ("local", owner_id, NULL);
  session = tc_session_new (account, client);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    /* Edits are made over what the server has: load it first. */
    tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
    tc_test_wait_result (&result, 20);
    g_assert_true (tc_session_refresh_finish (session, result, &error));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (set_name (session, bad[i], &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      g_assert_true (g_str_has_prefix (error->message, "name:"));
    }
  g_assert_cmpuint (tc_core_test_server_count (proxy, "PATCH", "/v1/user"), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (set_name (session, "Olga O’Wner", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tc_core_test_server_count (proxy, "PATCH", "/v1/user"), ==, 1);
  }

  tc_test_wait_until (only_ref, session, 10);
  g_assert_finalize_object (session);
  tc_core_test_server_free (proxy);
  tc_service_shutdown (service);
  tc_test_wait_until (only_ref, service, 10);
  g_assert_finalize_object (service);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/core/api-input/deep-answer", test_deep_answer);
  g_test_add_func ("/core/api-input/nested-under-limit", test_nested_under_limit);
  g_test_add_func ("/core/api-input/control-characters", test_control_characters_refused);
  g_test_add_func ("/core/api-input/session-name-refused", test_session_name_refused);

  return g_test_run ();
}
