/* test-api.c — every TC_API_ERROR from a real answer, retries, paging
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors come from the real timecard-service where it can produce them,
 * and from a tiny scripted server for 5xx, garbage and slow answers.
 */

#include "config.h"

#include <string.h>

#include "tc-api-client.h"
#include "tc-api-error.h"
#include "tc-core-test-server.h"
#include "tc-test-util.h"

typedef struct {
  TcService   *service;
  TcApiClient *client;
  char        *api_key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base_url = NULL;

  fixture->service = tc_test_service_new (NULL, &fixture->api_key);
  base_url = tc_service_dup_base_url (fixture->service);
  fixture->client = tc_api_client_new (base_url, NULL);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);
  tc_api_client_set_retry_policy (fixture->client, 1, 1, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->api_key);
}

static JsonNode *
request (TcApiClient   *client,
         const char    *method,
         const char    *path,
         const char    *json_body,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json_body ? json_from_string (json_body, NULL) : NULL;
  JsonNode *answer = NULL;

  tc_api_client_request_async (client, method, path, body, cancellable, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  tc_api_client_request_finish (client, result, &answer, error);
  return answer;
}

static TcApiClient *
client_for (TcCoreTestServer *server,
            guint             attempts)
{
  g_autofree char *url = tc_core_test_server_dup_base_url (server);
  TcApiClient *client = tc_api_client_new (url, NULL);

  tc_api_client_set_api_key (client, "k");
  tc_api_client_set_retry_policy (client, attempts, 5, 50);
  return client;
}

static void
assert_code (JsonNode   *body,
             GError     *error,
             TcApiError  code)
{
  g_assert_null (body);
  g_assert_error (error, TC_API_ERROR, code);
}

/* From the service */

static void
test_service_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *filler = g_strnfill (2 * 1024 * 1024, 'x');
  g_autofree char *big = g_strdup_printf ("{\"name\":\"%s\"}", filler);
  const struct {
    const char *method, *path, *body;
    TcApiError  code;
  } cases[] = {
    { "PATCH", "/v1/user", "{\"name\":\"\"}", TC_API_ERROR_VALIDATION },
    { "GET", "/v1/workspaces/aaaaaaaaaaaaaaaaaaaaaaaa/users", NULL, TC_API_ERROR_FORBIDDEN },
    { "GET", "/v1/no-such-route", NULL, TC_API_ERROR_UNSUPPORTED },
    { "PATCH", "/v1/user", big, TC_API_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) body = request (fixture->client, cases[i].method, cases[i].path,
                                          cases[i].body, NULL, &error);

      g_test_message ("%s %s", cases[i].method, cases[i].path);
      assert_code (body, error, cases[i].code);
    }
}

static void
test_service_validation_message (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = request (fixture->client, "PATCH", "/v1/user/settings",
                                      "{\"timeZone\":\"Mars/Olympus\"}", NULL, &error);

  assert_code (body, error, TC_API_ERROR_VALIDATION);
  /* The server's own words, naming the field. */
  g_assert_nonnull (strstr (error->message, "timeZone"));
}

static void
test_service_unauthorized (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_api_client_set_api_key (fixture->client, NULL);
  body = request (fixture->client, "GET", "/v1/user", NULL, NULL, &error);
  assert_code (body, error, TC_API_ERROR_UNAUTHORIZED);
}

static void
test_service_rate_limited (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tc_service_set_rate_limit (fixture->service, 0.01, 1);
  for (guint i = 0; i < 3 && error == NULL; i++)
    {
      g_autoptr(JsonNode) body = request (fixture->client, "GET", "/v1/user", NULL, NULL, &error);
    }
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_RATE_LIMITED);
}

static void
test_service_unsupported_extension (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_service_set_extensions_enabled (fixture->service, FALSE);
  body = request (fixture->client, "PATCH", "/v1/user/settings", "{\"theme\":\"DARK\"}", NULL, &error);
  assert_code (body, error, TC_API_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  body = request (fixture->client, "PATCH", "/v1/user", "{\"name\":\"Ada\"}", NULL, &error);
  assert_code (body, error, TC_API_ERROR_UNSUPPORTED);
}

/* From the scripted server */

static void
test_scripted_errors (void)
{
  const struct {
    guint       status;
    const char *body;
    TcApiError  code;
  } cases[] = {
    { 500, "{\"message\":\"boom\",\"code\":500}", TC_API_ERROR_SERVER },
    { 503, "<html>busy</html>", TC_API_ERROR_SERVER },
    { 200, "this is not JSON", TC_API_ERROR_INVALID_RESPONSE },
    /* json-glib loads white space as "no value", without an error. */
    { 200, " \n", TC_API_ERROR_INVALID_RESPONSE },
    { 404, "{\"message\":\"User not found\",\"code\":501}", TC_API_ERROR_NOT_FOUND },
    { 302, "", TC_API_ERROR_INVALID_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
      g_autoptr(TcApiClient) client = client_for (server, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) body = NULL;

      tc_core_test_server_push (server, cases[i].status, cases[i].body, NULL, NULL, 0);
      body = request (client, "GET", "/v1/user", NULL, NULL, &error);
      assert_code (body, error, cases[i].code);
    }
}

static void
test_network_and_insecure (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);

  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  client = tc_api_client_new (url, NULL);
  tc_api_client_set_retry_policy (client, 2, 1, 1);
  body = request (client, "GET", "/v1/user", NULL, NULL, &error);
  assert_code (body, error, TC_API_ERROR_NETWORK);

  g_clear_error (&error);
  g_assert_null (tc_api_client_new ("http://example.com/api", &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE);
}

static void
test_slow_answer_cancelled (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  gint64 start = g_get_monotonic_time ();

  tc_core_test_server_push (server, 200, "{}", NULL, NULL, 5000);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  body = request (client, "GET", "/v1/user", NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* Retries */

static void
test_retry_until_success (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_core_test_server_push (server, 503, "", NULL, NULL, 0);
  tc_core_test_server_push (server, 500, "", NULL, NULL, 0);
  tc_core_test_server_push (server, 429, "{\"message\":\"Too Many Requests\",\"code\":429}", NULL, NULL, 0);
  tc_core_test_server_push (server, 200, "{\"ok\":true}", NULL, NULL, 0);
  body = request (client, "GET", "/v1/user", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_cmpuint (tc_core_test_server_count (server, "GET", "/v1/user"), ==, 4);
}

static void
test_retry_bounded (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  for (guint i = 0; i < 5; i++)
    tc_core_test_server_push (server, 502, "", NULL, NULL, 0);
  body = request (client, "PUT", "/v1/user/active-workspace", "{}", NULL, &error);
  assert_code (body, error, TC_API_ERROR_SERVER);
  g_assert_cmpuint (tc_core_test_server_total (server), ==, 3);
}

static void
test_no_retry_after_post_reached_server (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_core_test_server_push (server, 503, "", NULL, NULL, 0);
  tc_core_test_server_push (server, 503, "", NULL, NULL, 0);
  body = request (client, "POST", "/v1/user/api-keys", "{}", NULL, &error);
  assert_code (body, error, TC_API_ERROR_SERVER);
  g_clear_error (&error);
  body = request (client, "PATCH", "/v1/user", "{}", NULL, &error);
  assert_code (body, error, TC_API_ERROR_SERVER);
  g_assert_cmpuint (tc_core_test_server_total (server), ==, 2);
}

static void
test_retry_after_honoured (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  gint64 start, elapsed;

  tc_api_client_set_retry_policy (client, 2, 1, 5000);
  tc_core_test_server_push (server, 429, "{\"message\":\"Too Many Requests\",\"code\":429}",
                            "Retry-After", "1", 0);
  tc_core_test_server_push (server, 200, "{}", NULL, NULL, 0);
  start = g_get_monotonic_time ();
  body = request (client, "GET", "/v1/user", NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  /* Back-off alone would have waited about 1 ms. */
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);
}

static void
test_backoff_grows (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  gint64 start, elapsed;

  /* 40, 80, 160 ms, each with jitter between half and all of it. */
  tc_api_client_set_retry_policy (client, 4, 40, 1000);
  for (guint i = 0; i < 4; i++)
    tc_core_test_server_push (server, 503, "", NULL, NULL, 0);
  start = g_get_monotonic_time ();
  body = request (client, "GET", "/v1/user", NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  assert_code (body, error, TC_API_ERROR_SERVER);
  g_assert_cmpint (elapsed, >=, 140 * 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

static void
test_cancel_during_backoff (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_api_client_set_retry_policy (client, 4, 10000, 10000);
  tc_core_test_server_push (server, 503, "", NULL, NULL, 0);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  body = request (client, "GET", "/v1/user", NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (tc_core_test_server_total (server), ==, 1);
}

/* Paging */

typedef struct {
  guint pages;
  guint items;
} PageCount;

static void
count_page (JsonArray *page,
            guint      page_number,
            gpointer   user_data)
{
  PageCount *count = user_data;

  count->pages++;
  g_assert_cmpuint (page_number, ==, count->pages);
  count->items += json_array_get_length (page);
}

static void
test_paging (void)
{
  g_autoptr(TcCoreTestServer) server = tc_core_test_server_new (NULL);
  g_autoptr(TcApiClient) client = client_for (server, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(GError) error = NULL;
  PageCount count = { 0, 0 };

  tc_core_test_server_push (server, 200, "[1,2]", "Last-Page", "false", 0);
  tc_core_test_server_push (server, 200, "[3,4]", "Last-Page", "false", 0);
  tc_core_test_server_push (server, 200, "[5]", "Last-Page", "true", 0);
  tc_core_test_server_push (server, 200, "[6]", "Last-Page", "true", 0);

  tc_api_client_list_async (client, "/v1/workspaces/w/users?status=ALL", 2, count_page, &count, NULL,
                            NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  all = tc_api_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (all), ==, 5);
  g_assert_cmpuint (count.pages, ==, 3);
  g_assert_cmpuint (count.items, ==, 5);
  g_assert_cmpuint (tc_core_test_server_total (server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add ("/api/service/errors", Fixture, NULL, fixture_set_up, test_service_errors, fixture_tear_down);
  g_test_add ("/api/service/validation-message", Fixture, NULL, fixture_set_up,
              test_service_validation_message, fixture_tear_down);
  g_test_add ("/api/service/unauthorized", Fixture, NULL, fixture_set_up, test_service_unauthorized, fixture_tear_down);
  g_test_add ("/api/service/rate-limited", Fixture, NULL, fixture_set_up, test_service_rate_limited, fixture_tear_down);
  g_test_add ("/api/service/unsupported-extension", Fixture, NULL, fixture_set_up,
              test_service_unsupported_extension, fixture_tear_down);
  g_test_add_func ("/api/scripted/errors", test_scripted_errors);
  g_test_add_func ("/api/network-and-insecure", test_network_and_insecure);
  g_test_add_func ("/api/slow-answer-cancelled", test_slow_answer_cancelled);
  g_test_add_func ("/api/retry/until-success", test_retry_until_success);
  g_test_add_func ("/api/retry/bounded", test_retry_bounded);
  g_test_add_func ("/api/retry/not-after-post-or-patch", test_no_retry_after_post_reached_server);
  g_test_add_func ("/api/retry/retry-after", test_retry_after_honoured);
  g_test_add_func ("/api/retry/backoff-grows", test_backoff_grows);
  g_test_add_func ("/api/retry/cancel-during-backoff", test_cancel_during_backoff);
  g_test_add_func ("/api/paging", test_paging);

  return g_test_run ();
}
