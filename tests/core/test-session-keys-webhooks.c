/* test-session-keys-webhooks.c — API keys and webhooks through TcSession
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real timecard-service in-process, behind the scripted server
 * as a proxy so the tests can check that nothing invalid was sent. Webhook
 * deliveries go to a receiver SoupServer inside the test.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-core-test-server.h"
#include "tc-session-keys.h"
#include "tc-session-webhooks.h"
#include "tc-test-util.h"

typedef struct {
  TcService        *service;
  TcCoreTestServer *proxy;
  TcSession        *session;
  SoupServer       *receiver;
  char             *receiver_url;
  char             *api_key;
  guint             received;
} Fixture;

static void
receive_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->received++;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
start_receiver (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->receiver = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->receiver, "/hook", receive_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->receiver);
  fixture->receiver_url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *owner_id = NULL;
  g_autofree char *service_url = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->service = tc_test_service_new (&owner_id, &fixture->api_key);
  service_url = tc_service_dup_base_url (fixture->service);
  fixture->proxy = tc_core_test_server_new (service_url);
  proxy_url = tc_core_test_server_dup_base_url (fixture->proxy);
  client = tc_api_client_new (proxy_url, NULL);
  tc_api_client_set_api_key (client, fixture->api_key);
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  account = tc_account_new ("local", owner_id, NULL);
  fixture->session = tc_session_new (account, client);
  start_receiver (fixture);

  tc_session_refresh_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  g_assert_true (tc_session_refresh_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tc_session_get_active_workspace (fixture->session));
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tc_test_wait_until (only_ref, fixture->session, 10);
  g_assert_finalize_object (fixture->session);
  tc_core_test_server_free (fixture->proxy);
  soup_server_disconnect (fixture->receiver);
  g_clear_object (&fixture->receiver);
  tc_service_shutdown (fixture->service);
  tc_test_wait_until (only_ref, fixture->service, 10);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->receiver_url);
  g_free (fixture->api_key);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  tc_test_wait_result (result, 20);
  return *result;
}

/* API keys */

static TcApiKey *
create_key (TcSession   *session,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_create_api_key_async (session, name, NULL, tc_test_store_result, &result);
  return tc_session_create_api_key_finish (session, wait_for (&result), error);
}

static GListModel *
load_keys (TcSession  *session,
           GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_load_api_keys_async (session, NULL, tc_test_store_result, &result);
  return tc_session_load_api_keys_finish (session, wait_for (&result), error);
}

static gboolean
key_works (Fixture    *fixture,
           const char *key)
{
  g_autofree char *url = tc_service_dup_base_url (fixture->service);
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_set_api_key (client, key);
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  if (tc_api_client_request_finish (client, wait_for (&result), NULL, &error))
    return TRUE;
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
  return FALSE;
}

static void
test_api_keys_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) keys = load_keys (fixture->session, &error);
  g_autoptr(TcApiKey) created = NULL;
  g_autoptr(TcApiKey) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;

  g_assert_no_error (error);
  g_assert_true (keys == tc_session_get_api_keys (fixture->session));
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 1);   /* the owner's own */

  created = create_key (fixture->session, "Continuous integration", &error);
  g_assert_no_error (error);
  secret = g_strdup (tc_api_key_get_key (created));
  g_assert_cmpuint (strlen (secret), ==, 48);
  g_assert_cmpstr (tc_api_key_get_preview (created), ==, secret + 44);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 2);
  listed = g_list_model_get_item (keys, 1);
  g_assert_true (listed != created);
  g_assert_null (tc_api_key_get_key (listed));   /* the list never holds it */
  g_assert_true (key_works (fixture, secret));

  tc_session_rename_api_key_async (fixture->session, listed, "CI", NULL, tc_test_store_result, &result);
  g_assert_true (tc_session_rename_api_key_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_api_key_get_name (listed), ==, "CI");
  g_clear_object (&result);

  tc_session_delete_api_key_async (fixture->session, listed, NULL, tc_test_store_result, &result);
  g_assert_true (tc_session_delete_api_key_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 1);
  g_assert_false (key_works (fixture, secret));   /* 401 at once */
  g_assert_true (tc_session_get_can_manage_api_keys (fixture->session));
}

static void
test_api_keys_validated_locally (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (101, 'k');
  const char *names[] = { "", "   ", long_name };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TcApiKey) key = create_key (fixture->session, names[i], &error);

      g_assert_null (key);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      g_assert_true (g_str_has_prefix (error->message, "name:"));
    }
  g_assert_cmpuint (tc_core_test_server_count (fixture->proxy, "POST", "/v1/user/api-keys"), ==, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_api_keys_unsupported (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) keys = NULL;
  g_autoptr(TcApiKey) key = NULL;
  guint notified = 0;

  g_signal_connect (fixture->session, "notify::can-manage-api-keys", G_CALLBACK (count_notify), &notified);
  tc_service_set_extensions_enabled (fixture->service, FALSE);

  keys = load_keys (fixture->session, &error);
  g_assert_null (keys);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
  g_assert_false (tc_session_get_can_manage_api_keys (fixture->session));
  g_assert_cmpuint (notified, ==, 1);

  g_clear_error (&error);
  key = create_key (fixture->session, "CI", &error);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
  g_assert_cmpuint (notified, ==, 1);   /* notified only on change */
}

/* Webhooks */

static TcWebhook *
create_hook (Fixture                *fixture,
             const TcWebhookFields  *fields,
             GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_create_webhook_async (fixture->session, fields, NULL, tc_test_store_result, &result);
  return tc_session_create_webhook_finish (fixture->session, wait_for (&result), error);
}

static void
test_webhooks_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  TcWebhookFields fields = { "Projects", fixture->receiver_url, "NEW_PROJECT", NULL, NULL, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) hooks = NULL;
  g_autoptr(TcWebhook) hook = NULL;
  g_autofree char *old_token = NULL;
  guint count = 99;

  tc_session_load_webhooks_async (fixture->session, NULL, tc_test_store_result, &result);
  hooks = tc_session_load_webhooks_finish (fixture->session, wait_for (&result), &count, &error);
  g_assert_no_error (error);
  g_assert_true (hooks == tc_session_get_webhooks (fixture->session));
  g_assert_cmpuint (g_list_model_get_n_items (hooks), ==, 0);
  g_assert_cmpuint (count, ==, 0);
  g_clear_object (&result);

  hook = create_hook (fixture, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hooks), ==, 1);
  g_assert_cmpstr (tc_webhook_get_trigger_source_type (hook), ==, "WORKSPACE_ID");
  g_assert_nonnull (tc_webhook_get_auth_token (hook));
  old_token = g_strdup (tc_webhook_get_auth_token (hook));

  fields.name = "Renamed";
  tc_session_update_webhook_async (fixture->session, hook, &fields, NULL, tc_test_store_result, &result);
  g_assert_true (tc_session_update_webhook_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_webhook_get_name (hook), ==, "Renamed");
  g_clear_object (&result);

  tc_session_regenerate_webhook_token_async (fixture->session, hook, NULL, tc_test_store_result, &result);
  g_assert_true (tc_session_regenerate_webhook_token_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_webhook_get_auth_token (hook), !=, old_token);
  g_clear_object (&result);

  tc_session_delete_webhook_async (fixture->session, hook, NULL, tc_test_store_result, &result);
  g_assert_true (tc_session_delete_webhook_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hooks), ==, 0);
}

static void
test_webhooks_test_delivery_and_logs (Fixture       *fixture,
                                      gconstpointer  data)
{
  TcWebhookFields fields = { "Projects", fixture->receiver_url, "NEW_PROJECT", NULL, NULL, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TcWebhook) hook = create_hook (fixture, &fields, &error);
  g_autoptr(TcWebhookLog) log = NULL;
  g_autoptr(TcWebhookLog) first = NULL;
  g_autoptr(GListModel) logs = NULL;

  g_assert_no_error (error);
  tc_session_test_webhook_async (fixture->session, hook, NULL, tc_test_store_result, &result);
  log = tc_session_test_webhook_finish (fixture->session, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (tc_webhook_log_get_test (log));
  g_assert_cmpstr (tc_webhook_log_get_status (log), ==, "SUCCEEDED");
  g_assert_cmpuint (tc_webhook_log_get_status_code (log), ==, 200);
  g_assert_cmpstr (tc_webhook_log_get_webhook_id (log), ==, tc_webhook_get_id (hook));
  g_assert_cmpuint (fixture->received, ==, 1);
  g_clear_object (&result);

  tc_session_load_webhook_logs_async (fixture->session, hook, NULL, 1, 50, NULL,
                                      tc_test_store_result, &result);
  logs = tc_session_load_webhook_logs_finish (fixture->session, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (logs), ==, 1);
  first = g_list_model_get_item (logs, 0);
  g_assert_cmpstr (tc_webhook_log_get_id (first), ==, tc_webhook_log_get_id (log));
}

static void
test_webhooks_validated_locally (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char * const bad_ids[] = { "x", NULL };
  const struct {
    TcWebhookFields fields;
    const char     *field;
  } cases[] = {
    { { "X", "https://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, "name:" },
    { { "Hook", "http://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, "url:" },
    { { "Hook", "https://example.com/h", "NOT_AN_EVENT", NULL, NULL, TRUE }, "webhookEvent:" },
    { { "Hook", "https://example.com/h", "NEW_PROJECT", "PROJECT_ID", bad_ids, TRUE }, "triggerSource:" },
  };
  g_autoptr(TcWebhook) existing = NULL;
  g_autoptr(GError) error = NULL;
  TcWebhookFields good = { "Hook", fixture->receiver_url, "NEW_PROJECT", NULL, NULL, TRUE };
  g_autofree char *path = NULL;

  existing = create_hook (fixture, &good, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcWebhook) hook = create_hook (fixture, &cases[i].fields, &error);
      g_autoptr(GAsyncResult) result = NULL;

      g_assert_null (hook);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
      g_clear_error (&error);

      tc_session_update_webhook_async (fixture->session, existing, &cases[i].fields, NULL,
                                       tc_test_store_result, &result);
      g_assert_false (tc_session_update_webhook_finish (fixture->session, wait_for (&result), &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      g_clear_error (&error);
    }
  /* Only the good one was sent. */
  path = g_strdup_printf ("/v1/workspaces/%s/webhooks", tc_webhook_get_workspace_id (existing));
  g_assert_cmpuint (tc_core_test_server_count (fixture->proxy, "POST", path), ==, 1);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s", tc_webhook_get_workspace_id (existing),
                          tc_webhook_get_id (existing));
  g_assert_cmpuint (tc_core_test_server_count (fixture->proxy, "PUT", path), ==, 0);
  g_assert_cmpstr (tc_webhook_get_name (existing), ==, "Hook");
}

int
main (int    argc,
      char **argv)
{
  tc_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session/api-keys/crud", test_api_keys_crud);
  ADD ("/session/api-keys/validated-locally", test_api_keys_validated_locally);
  ADD ("/session/api-keys/unsupported", test_api_keys_unsupported);
  ADD ("/session/webhooks/crud", test_webhooks_crud);
  ADD ("/session/webhooks/test-delivery-and-logs", test_webhooks_test_delivery_and_logs);
  ADD ("/session/webhooks/validated-locally", test_webhooks_validated_locally);
#undef ADD

  return g_test_run ();
}
