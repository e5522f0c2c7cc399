/* test-api-client.c — the API client against a real in-process service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tc-api-client.h"
#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-session.h"
#include "tc-test-util.h"
#include "tc-test-session.h"

typedef struct {
  TcService   *service;
  TcApiClient *client;
  char        *owner_id;
  char        *api_key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;

  fixture->service = tc_test_service_new (&fixture->owner_id, &fixture->api_key);
  base_url = tc_service_dup_base_url (fixture->service);
  fixture->client = tc_api_client_new (base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

/* Sends one request and returns its body; *@error gets the failure. */
static JsonNode *
request (TcApiClient  *client,
         const char   *method,
         const char   *path,
         const char   *json_body,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonNode *answer = NULL;

  if (json_body != NULL)
    body = json_from_string (json_body, NULL);

  tc_api_client_request_async (client, method, path, body, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  tc_api_client_request_finish (client, result, &answer, error);
  return answer;
}

static void
test_get_user (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = request (fixture->client, "GET", "/v1/user", NULL, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (user));
  object = json_node_get_object (user);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, fixture->owner_id);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Ada Lovelace");
}

static GThread *decode_thread;

static GBytes *decoded_text;

/* TcApiDecodeBytesFunc: keeps the text it was given; an error for an
 * answer that is not an object. */
static gpointer
decode_text (const char  *data,
             gsize        size,
             GError     **error)
{
  decode_thread = g_thread_self ();
  g_clear_pointer (&decoded_text, g_bytes_unref);
  decoded_text = g_bytes_new (data, size);
  if (size == 0 || data[0] != '{')
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE, "not an object");
      return NULL;
    }
  return g_strndup (data, size);
}

static char *
get_decoded_bytes (TcApiClient   *client,
                   const char    *path,
                   GCancellable  *cancellable,
                   GBytes       **out_bytes,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  decode_thread = NULL;
  _tc_api_client_get_decoded_bytes_async (client, path, decode_text, g_free, cancellable,
                                          tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  return _tc_api_client_get_decoded_finish (client, result, out_bytes, NULL, NULL, error);
}

/* The users pages' way (issue 13): big answers (pages of members) are
 * decoded on a worker thread, not on the main loop, from the answer's
 * text: json-glib never sees it; errors are the same. */
static void
test_decoded_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *text = get_decoded_bytes (fixture->client, "/v1/user", NULL, &bytes, &error);
  g_autofree char *none = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (decode_thread != NULL && decode_thread != g_thread_self ());
  /* The decoder had the text as it came, and so has the caller (the
   * member list caches it so). */
  g_assert_nonnull (bytes);
  g_assert_true (g_bytes_equal (bytes, decoded_text));
  g_assert_cmpmem (text, strlen (text), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  body = json_from_string (text, NULL);
  g_assert_nonnull (body);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, fixture->owner_id);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Ada Lovelace");

  /* The decoder's error is the caller's. */
  none = get_decoded_bytes (fixture->client, "/v1/workspaces", NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_true (decode_thread != NULL && decode_thread != g_thread_self ());
  g_clear_error (&error);

  /* A cancelled request is never handed to the decoder. */
  g_cancellable_cancel (cancellable);
  none = get_decoded_bytes (fixture->client, "/v1/user", cancellable, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (decode_thread);
  g_clear_error (&error);

  /* Nor is a refused one. */
  tc_api_client_set_api_key (fixture->client, "Wrong0000000000000000000000000000000000000000000");
  none = get_decoded_bytes (fixture->client, "/v1/user", NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
  g_assert_null (decode_thread);
  g_clear_pointer (&decoded_text, g_bytes_unref);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  tc_api_client_set_api_key (fixture->client, "Wrong0000000000000000000000000000000000000000000");
  body = request (fixture->client, "GET", "/v1/user", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  tc_api_client_set_api_key (fixture->client, NULL);
  body = request (fixture->client, "GET", "/v1/user", NULL, &error);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (101, 'x');
  g_autofree char *long_body = g_strdup_printf ("{\"name\":\"%s\"}", long_name);
  const char *bodies[] = { "{\"name\":\"\"}", "{\"name\":\"   \"}", long_body, "{\"name\":12}" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) body = request (fixture->client, "PATCH", "/v1/user", bodies[i], &error);

      g_assert_null (body);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      /* The server's reason names the field. */
      g_assert_nonnull (strstr (error->message, "name"));
    }
}

static void
test_unknown_route (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = request (fixture->client, "GET", "/v1/no-such-thing", NULL, &error);

  /* 404 code 3000: this server does not have it. */
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
}

static void
test_session_set_name (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TcAccount) account = tc_account_new ("local", fixture->owner_id, NULL);
  g_autoptr(TcSession) session = tc_session_new (account, fixture->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stored = NULL;

  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, "Ada Lovelace");
  g_clear_object (&result);

  g_assert_true (tc_test_session_set_name (session, "Ada King", 10, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, "Ada King");

  /* Refused: the model keeps the stored name. */
  g_assert_false (tc_test_session_set_name (session, "", 10, &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, "Ada King");
  g_clear_error (&error);

  stored = request (fixture->client, "GET", "/v1/user", NULL, &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "name"), ==, "Ada King");
}

static void
test_unreachable (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* Take a free port, then close it: nothing listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  client = tc_api_client_new (url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, "key");

  body = request (client, "GET", "/v1/user", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_NETWORK);
}

static void
test_insecure_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcApiClient) client = tc_api_client_new ("http://api.clockify.me/api", &error);

  g_assert_null (client);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE);
  g_clear_error (&error);

  client = tc_api_client_new ("https://api.clockify.me/api/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tc_api_client_get_base_url (client), ==, "https://api.clockify.me/api");
}

static void
test_error_mapping (void)
{
  const struct {
    guint       status;
    const char *body;
    TcApiError  code;
    const char *message;
  } cases[] = {
    { 401, "{\"message\":\"Multiple or none auth tokens present\",\"code\":1000}",
      TC_API_ERROR_UNAUTHORIZED, "Multiple or none auth tokens present" },
    { 403, "{\"message\":\"Forbidden\",\"code\":403}", TC_API_ERROR_FORBIDDEN, "Forbidden" },
    { 400, "{\"message\":\"name: too long\",\"code\":501}", TC_API_ERROR_VALIDATION, "name: too long" },
    { 404, "{\"message\":\"No such route\",\"code\":3000}", TC_API_ERROR_UNSUPPORTED, NULL },
    { 405, "{\"message\":\"Method not allowed\",\"code\":3000}", TC_API_ERROR_UNSUPPORTED, NULL },
    { 404, "{\"message\":\"User not found\",\"code\":501}", TC_API_ERROR_NOT_FOUND, NULL },
    { 413, "", TC_API_ERROR_TOO_LARGE, NULL },
    { 429, "{\"message\":\"Too Many Requests\",\"code\":429}", TC_API_ERROR_RATE_LIMITED, NULL },
    { 500, "<html>oops</html>", TC_API_ERROR_SERVER, "HTTP status 500" },
    { 503, "", TC_API_ERROR_SERVER, NULL },
    { 302, "", TC_API_ERROR_INVALID_RESPONSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = NULL;

      g_assert_false (tc_api_error_from_response (cases[i].status, body, &error));
      g_assert_error (error, TC_API_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  g_assert_true (tc_api_error_from_response (200, NULL, NULL));
  g_assert_true (tc_api_error_from_response (204, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/api-client/get-user", Fixture, NULL, fixture_set_up, test_get_user, fixture_tear_down);
  g_test_add ("/api-client/decoded-bytes", Fixture, NULL, fixture_set_up, test_decoded_bytes,
              fixture_tear_down);
  g_test_add ("/api-client/unauthorized", Fixture, NULL, fixture_set_up, test_unauthorized, fixture_tear_down);
  g_test_add ("/api-client/validation", Fixture, NULL, fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/api-client/unknown-route", Fixture, NULL, fixture_set_up, test_unknown_route, fixture_tear_down);
  g_test_add ("/api-client/session-set-name", Fixture, NULL, fixture_set_up, test_session_set_name, fixture_tear_down);
  g_test_add_func ("/api-client/unreachable", test_unreachable);
  g_test_add_func ("/api-client/insecure-refused", test_insecure_refused);
  g_test_add_func ("/api-client/error-mapping", test_error_mapping);

  return g_test_run ();
}
