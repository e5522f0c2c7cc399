/* test-tls.c — a certificate that does not check out is fatal, at once
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTPS SoupServer on loopback with the throwaway self-signed
 * certificate in fixtures/ (see fixtures/README.md). The client must fail
 * with TC_API_ERROR_INSECURE and must not try again, whatever the method.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tc-api-client.h"
#include "tc-api-error.h"
#include "tc-test-util.h"

typedef struct {
  SoupServer *server;
  char       *base_url;
  guint       requests;
} Fixture;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls-key.pem", NULL);
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  fixture->server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (fixture->server, NULL, handler_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  g_assert_cmpstr (g_uri_get_scheme (uris->data), ==, "https");
  fixture->base_url = g_strdup_printf ("https://127.0.0.1:%d/api", g_uri_get_port (uris->data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_assert_finalize_object (fixture->server);
  g_free (fixture->base_url);
}

static void
test_self_signed_is_insecure (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *methods[] = { "GET", "PUT", "PATCH", "POST" };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(TcApiClient) client = tc_api_client_new (fixture->base_url, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", methods[i]);
      tc_api_client_set_api_key (client, "k");
      /* A retry would wait ten minutes, far past the hang limit below: the
       * answer arrives only if the error was final at once. */
      tc_api_client_set_retry_policy (client, 4, 600000, 600000);
      tc_api_client_request_async (client, methods[i], "/v1/user", NULL, NULL,
                                   tc_test_store_result, &result);
      tc_test_wait_result (&result, 20);

      g_assert_false (tc_api_client_request_finish (client, result, &body, &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE);
      g_assert_null (body);
    }
  /* The handshake failed: no request ever reached the handler. */
  g_assert_cmpuint (fixture->requests, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  tc_test_init (&argc, &argv);

  g_test_add ("/tls/self-signed-is-insecure", Fixture, NULL,
              fixture_set_up, test_self_signed_is_insecure, fixture_tear_down);

  return g_test_run ();
}
