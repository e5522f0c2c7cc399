/* test-session-picture.c — the profile picture's bytes and the caller's
 * role, against the real timecard-service and a small "CDN" of our own
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user answer is the service's own with profilePicture pointing at the
 * CDN (pushed through the scripted server), so each case checks what the
 * session does with a URL it did not choose: where the key goes, how much
 * it reads, what it accepts.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-core-test-server.h"
#include "tc-session.h"
#include "tc-test-util.h"
#include "tc-wire.h"

typedef struct {
  TcService        *service;
  TcCoreTestServer *proxy;
  SoupServer       *cdn;
  char             *cdn_url;
  char             *owner_id;
  char             *api_key;
  guint             cdn_requests;
  guint             cdn_saw_key;
} Fixture;

static const char png_start[] = "\x89PNG\r\n\x1a\n";

static void
cdn_cb (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  fixture->cdn_requests++;
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (message), "X-Api-Key"))
    fixture->cdn_saw_key++;

  if (g_str_equal (path, "/ok.png"))
    {
      GString *body = g_string_new_len (png_start, 8);

      g_string_append (body, "the rest of a picture");
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_TAKE,
                                        body->str, body->len);
      g_string_free (body, FALSE);
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/big.png"))
    {
      gsize size = TC_WIRE_IMAGE_MAX_BYTES * 2;
      char *body = g_malloc0 (size);

      memcpy (body, png_start, 8);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_TAKE, body, size);
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/page.html"))
    {
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>no</html>", 15);
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/moved.png"))
    {
      soup_message_headers_replace (headers, "Location", "/ok.png");
      soup_server_message_set_status (message, 302, NULL);
    }
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->service = tc_test_service_new (&fixture->owner_id, &fixture->api_key);
  base_url = tc_service_dup_base_url (fixture->service);
  fixture->proxy = tc_core_test_server_new (base_url);

  fixture->cdn = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->cdn, NULL, cdn_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->cdn, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->cdn);
  fixture->cdn_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->cdn);
  g_clear_object (&fixture->cdn);
  g_clear_pointer (&fixture->proxy, tc_core_test_server_free);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->cdn_url);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

static TcApiClient *
new_client (const char *base_url,
            const char *api_key)
{
  g_autoptr(GError) error = NULL;
  TcApiClient *client = tc_api_client_new (base_url, &error);

  g_assert_no_error (error);
  tc_api_client_set_api_key (client, api_key);
  tc_api_client_set_retry_policy (client, 1, 1, 1);
  return client;
}

static void
refresh (TcSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
}

static gboolean
role_known (gpointer data)
{
  TcSession *session = data;
  TcWorkspace *workspace = tc_session_get_active_workspace (session);

  return workspace != NULL && tc_workspace_get_caller_role (workspace) != NULL;
}

/* A session whose user (the service's own) has @picture_url. A new
 * account each time: no cache, so the canned answer is the first request. */
static TcSession *
session_with_picture (Fixture    *fixture,
                      const char *picture_url)
{
  g_autofree char *base_url = tc_service_dup_base_url (fixture->service);
  g_autofree char *proxy_url = tc_core_test_server_dup_base_url (fixture->proxy);
  g_autoptr(TcApiClient) direct = new_client (base_url, fixture->api_key);
  g_autoptr(TcApiClient) client = new_client (proxy_url, fixture->api_key);
  g_autofree char *server = g_strdup_printf ("test-%u", g_random_int ());
  g_autoptr(TcAccount) account = tc_account_new (server, fixture->owner_id, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autofree char *json = NULL;
  TcSession *session;

  tc_api_client_request_async (direct, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (direct, result, &user, NULL));
  json_object_set_string_member (json_node_get_object (user), "profilePicture", picture_url);
  json = json_to_string (user, FALSE);
  tc_core_test_server_push (fixture->proxy, 200, json, NULL, NULL, 0);

  session = tc_session_new (account, client);
  refresh (session);
  /* Nothing in flight through the proxy when the session goes. */
  tc_test_wait_until (role_known, session, 10);
  return session;
}

static GBytes *
load_picture (TcSession     *session,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_load_picture_async (session, cancellable, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_session_load_picture_finish (session, result, error);
}

static void
test_picture_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *path;
    int         code; /* -1: loads */
  } cases[] = {
    { "ok.png", -1 },
    { "big.png", TC_API_ERROR_TOO_LARGE },
    { "page.html", TC_API_ERROR_INVALID_RESPONSE },
    { "missing.png", TC_API_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (fixture->cdn_url, cases[i].path, NULL);
      g_autoptr(TcSession) session = session_with_picture (fixture, url);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load_picture (session, NULL, &error);

      g_test_message ("%s: %s", url, error ? error->message : "loaded");
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, png_start, 8);
        }
      else
        {
          g_assert_error (error, TC_API_ERROR, cases[i].code);
          g_assert_null (bytes);
        }
    }

  /* Another origin never sees the key. */
  g_assert_cmpuint (fixture->cdn_requests, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (fixture->cdn_saw_key, ==, 0);
}

static void
test_picture_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (fixture->cdn_url, "moved.png", NULL);
  const char *urls[] = { "http://pictures.example.com/a.png", "ftp://127.0.0.1/a.png", moved };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(TcSession) session = session_with_picture (fixture, urls[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load_picture (session, NULL, &error);

      g_test_message ("%s: %s", urls[i], error ? error->message : "loaded");
      g_assert_null (bytes);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TC_API_ERROR);
    }

  /* Only the redirect reached the CDN, and it was not followed. */
  g_assert_cmpuint (fixture->cdn_requests, ==, 1);
}

static void
test_picture_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->cdn_url, "ok.png", NULL);
  g_autoptr(TcSession) session = session_with_picture (fixture, url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_cancellable_cancel (cancellable);
  bytes = load_picture (session, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

/* The key goes with a message only to the API's own scheme, host, port. */
static void
test_key_origin (void)
{
  static const struct {
    const char *url;
    gboolean    authorized;
  } cases[] = {
    { "http://127.0.0.1:4567/api/files/images/a", TRUE },
    { "http://127.0.0.1:4567/elsewhere", TRUE },
    { "http://127.0.0.1:4568/api/files/images/a", FALSE },
    { "http://localhost:4567/api/files/images/a", FALSE },
    { "https://127.0.0.1:4567/api/files/images/a", FALSE },
    { "https://cdn.example.com/a.png", FALSE },
  };
  g_autoptr(TcApiClient) client = new_client ("http://127.0.0.1:4567/api", "secret");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", cases[i].url);
      const char *key;

      g_assert_cmpint (_tc_api_client_authorize (client, message), ==, cases[i].authorized);
      key = soup_message_headers_get_one (soup_message_get_request_headers (message), "X-Api-Key");
      g_assert_cmpstr (key, ==, cases[i].authorized ? "secret" : NULL);
    }
}

static void
test_caller_role_owner (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *base_url = tc_service_dup_base_url (fixture->service);
  g_autoptr(TcApiClient) client = new_client (base_url, fixture->api_key);
  g_autoptr(TcAccount) account = tc_account_new ("test", fixture->owner_id, NULL);
  g_autoptr(TcSession) session = tc_session_new (account, client);
  TcWorkspace *workspace;
  gboolean is_admin = FALSE;

  refresh (session);
  tc_test_wait_until (role_known, session, 10);
  workspace = tc_session_get_active_workspace (session);
  g_assert_cmpstr (tc_workspace_get_caller_role (workspace), ==, "OWNER");
  g_assert_true (tc_workspace_get_caller_is_admin (workspace));
  g_object_get (workspace, "caller-is-admin", &is_admin, NULL);
  g_assert_true (is_admin);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/session-picture/key-origin", test_key_origin);
  g_test_add ("/session-picture/elsewhere", Fixture, NULL,
              fixture_set_up, test_picture_elsewhere, fixture_tear_down);
  g_test_add ("/session-picture/refused", Fixture, NULL,
              fixture_set_up, test_picture_refused, fixture_tear_down);
  g_test_add ("/session-picture/cancelled", Fixture, NULL,
              fixture_set_up, test_picture_cancelled, fixture_tear_down);
  g_test_add ("/session-role/owner", Fixture, NULL,
              fixture_set_up, test_caller_role_owner, fixture_tear_down);

  return g_test_run ();
}
