/* test-remote-account.c — signing in to a server with an API key, and
 * opening the remembered account again
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-remote-account.h"
#include "tc-test-tmp.h"
#include "tc-test-util.h"
#include "tc-wire.h"

typedef struct {
  TcService     *service;
  GSettings     *settings;
  TcSecretStore *secrets;
  char          *base_url;
  char          *owner_id;
  char          *api_key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->service = tc_test_service_new (&fixture->owner_id, &fixture->api_key);
  fixture->base_url = tc_service_dup_base_url (fixture->service);
  fixture->settings = g_settings_new ("io.github.timecard.Timecard");
  /* The memory backend lives as long as the process: start each test with
   * no accounts. */
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "last-account");
  fixture->secrets = tc_secret_store_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->settings);
  if (fixture->service != NULL)
    {
      tc_service_shutdown (fixture->service);
      g_assert_finalize_object (fixture->service);
    }
  g_free (fixture->base_url);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

static TcSession *
sign_in (Fixture     *fixture,
         const char  *url,
         const char  *key,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_remote_account_sign_in_async (fixture->settings, fixture->secrets, url, key, NULL,
                                   tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_remote_account_sign_in_finish (result, error);
}

static TcSession *
open_account (Fixture    *fixture,
              TcAccount  *account,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_remote_account_open_async (fixture->secrets, account, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_remote_account_open_finish (result, error);
}

static char *
stored_key (Fixture    *fixture,
            const char *server,
            const char *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_secret_store_lookup_async (fixture->secrets, server, user_id, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  return tc_secret_store_lookup_finish (fixture->secrets, result, NULL);
}

static void
test_sign_in_and_reopen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcSession) again = NULL;
  g_autoptr(TcAccount) last = NULL;
  g_autofree char *padded = g_strdup_printf ("  %s\n", fixture->api_key);
  char *key;

  /* A key pasted with white space around it still works. */
  session = sign_in (fixture, fixture->base_url, padded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_id (tc_session_get_user (session)), ==, fixture->owner_id);
  g_assert_false (tc_session_get_key_in_memory (session));

  last = tc_account_load_last (fixture->settings);
  g_assert_nonnull (last);
  g_assert_false (tc_account_is_local (last));
  g_assert_cmpstr (tc_account_get_server (last), ==, fixture->base_url);
  g_assert_cmpstr (tc_account_get_user_id (last), ==, fixture->owner_id);

  key = stored_key (fixture, fixture->base_url, fixture->owner_id);
  g_assert_cmpstr (key, ==, fixture->api_key);
  tc_secret_store_free_key (key);
  g_clear_object (&session);

  again = open_account (fixture, last, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (again)), ==, "Ada Lovelace");
}

static void
test_wrong_key_stores_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GVariant) accounts = NULL;

  session = sign_in (fixture, fixture->base_url, "Wrong0000000000000000000000000000000000000000000", &error);
  g_assert_null (session);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  session = sign_in (fixture, fixture->base_url, "   ", &error);
  g_assert_null (session);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* Plain HTTP to anything but loopback is refused before any request. */
  session = sign_in (fixture, "http://api.clockify.me/api", fixture->api_key, &error);
  g_assert_null (session);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE);

  accounts = g_settings_get_value (fixture->settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
  g_assert_null (tc_account_load_last (fixture->settings));
}

static void
test_lost_key (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcAccount) account = tc_account_new (fixture->base_url, fixture->owner_id, "Ada");

  session = open_account (fixture, account, &error);
  g_assert_null (session);
  g_assert_error (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
}

static void
test_open_offline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcSession) offline = NULL;
  g_autoptr(TcAccount) last = NULL;

  session = sign_in (fixture, fixture->base_url, fixture->api_key, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&session));

  /* The server goes away: the remembered account opens from the cache. */
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (g_steal_pointer (&fixture->service));

  last = tc_account_load_last (fixture->settings);
  offline = open_account (fixture, last, &error);
  g_assert_no_error (error);
  g_assert_true (tc_session_get_stale (offline));
  g_assert_true (tc_session_get_offline (offline));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (offline)), ==, "Ada Lovelace");
}

static void
test_known_servers (void)
{
  const char * const *servers = tc_remote_account_known_servers ();
  guint n = 0;

  for (guint i = 0; servers[i] != NULL; i += 2, n++)
    {
      g_assert_true (tc_wire_validate_server_url (servers[i]));
      g_assert_nonnull (servers[i + 1]);
      g_assert_nonnull (tc_remote_account_web_page (servers[i]));
    }
  g_assert_cmpuint (n, ==, 6);
  g_assert_null (tc_remote_account_web_page ("http://127.0.0.1:8080/api"));
  g_assert_null (tc_remote_account_web_page ("not a url"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  keyring_dir = tc_test_tmp_dir ("timecard-keyring-XXXXXX");
  g_assert_nonnull (keyring_dir);
  keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_add ("/remote-account/sign-in-and-reopen", Fixture, NULL,
              fixture_set_up, test_sign_in_and_reopen, fixture_tear_down);
  g_test_add ("/remote-account/wrong-key-stores-nothing", Fixture, NULL,
              fixture_set_up, test_wrong_key_stores_nothing, fixture_tear_down);
  g_test_add ("/remote-account/lost-key", Fixture, NULL,
              fixture_set_up, test_lost_key, fixture_tear_down);
  g_test_add ("/remote-account/open-offline", Fixture, NULL,
              fixture_set_up, test_open_offline, fixture_tear_down);
  g_test_add_func ("/remote-account/known-servers", test_known_servers);

  ret = g_test_run ();

  g_unlink (keyring);
  g_rmdir (keyring_dir);

  return ret;
}
