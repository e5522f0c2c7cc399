/* test-local-account.c — the embedded service, the secret store and the
 * remembered account, across two starts
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tc-local-account.h"
#include "tc-test-tmp.h"
#include "tc-test-util.h"
#include "tc-test-session.h"

static TcSession *
open_local (GSettings     *settings,
            TcSecretStore *secrets)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session;

  tc_local_account_open_async (settings, secrets, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  session = tc_local_account_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tc_session_get_user (session));

  return session;
}

static gboolean
fresh (gpointer data)
{
  return !tc_session_get_stale (data) && !tc_session_get_offline (data);
}

/* Every open after the first shows the cache and asks the server after. */
static void
wait_fresh (TcSession *session)
{
  tc_test_wait_until (fresh, session, 30);
}

static void
rename_user (TcSession  *session,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tc_test_session_set_name (session, name, 10, &error));
  g_assert_no_error (error);
}

static char *
lookup_key (TcSecretStore *secrets,
            const char    *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  tc_secret_store_lookup_async (secrets, TC_ACCOUNT_SERVER_LOCAL, user_id, NULL,
                                tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  key = tc_secret_store_lookup_finish (secrets, result, &error);
  g_assert_no_error (error);

  return key;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_two_starts (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(TcSecretStore) secrets = tc_secret_store_new ();
  g_autoptr(TcSession) first = NULL;
  g_autoptr(TcSession) second = NULL;
  g_autoptr(TcAccount) last = NULL;
  g_autofree char *user_id = NULL;
  char *key = NULL;

  g_assert_null (tc_account_load_last (settings));

  first = open_local (settings, secrets);
  user_id = g_strdup (tc_user_get_id (tc_session_get_user (first)));
  g_assert_false (tc_session_get_key_in_memory (first));
  rename_user (first, "Grace Hopper");

  /* The key went to the secret store, and the account to settings, without
   * the key. */
  key = lookup_key (secrets, user_id);
  g_assert_cmpuint (strlen (key), ==, 48);
  last = tc_account_load_last (settings);
  g_assert_nonnull (last);
  g_assert_true (tc_account_is_local (last));
  g_assert_cmpstr (tc_account_get_user_id (last), ==, user_id);
  {
    g_autoptr(GVariant) accounts = g_settings_get_value (settings, "accounts");
    g_autofree char *printed = g_variant_print (accounts, FALSE);

    g_assert_null (strstr (printed, key));
  }

  /* Stopping the session stops the service and closes its database. */
  g_assert_finalize_object (g_steal_pointer (&first));

  /* The second start finds the same account, key and data: first from
   * the cache (issue 13: the window's first frame waits for no request),
   * then from the service. */
  second = open_local (settings, secrets);
  g_assert_true (tc_session_get_stale (second));
  g_assert_cmpstr (tc_user_get_id (tc_session_get_user (second)), ==, user_id);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (second)), ==, "Grace Hopper");
  g_assert_false (tc_session_get_key_in_memory (second));
  wait_fresh (second);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (second)), ==, "Grace Hopper");

  /* Saving the same last account again writes nothing (every start does). */
  {
    guint changes = 0;
    g_autoptr(TcAccount) same = tc_account_load_last (settings);

    tc_account_set_email (same, tc_user_get_email (tc_session_get_user (second)));
    g_signal_connect_swapped (settings, "changed", G_CALLBACK (count_cb), &changes);
    tc_account_save_as_last (same, settings);
    g_assert_cmpuint (changes, ==, 0);
    tc_account_set_email (same, "grace@example.com");
    tc_account_save_as_last (same, settings);
    g_assert_cmpuint (changes, ==, 1);
    g_signal_handlers_disconnect_by_func (settings, count_cb, &changes);
  }

  /* The save batched its writes on a twin of @settings: @settings itself
   * is not left delaying every later write made through it. */
  {
    gboolean delayed = TRUE;

    g_object_get (settings, "delay-apply", &delayed, NULL);
    g_assert_false (delayed);
  }

  tc_secret_store_free_key (key);
}

/* The open looks up the key of the owner remembered last while the service
 * starts; remembered wrong, it looks up the service's owner's key after. */
static void
test_other_owner_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(TcSecretStore) secrets = tc_secret_store_new ();
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcAccount) wrong = NULL;
  g_autofree char *user_id = NULL;
  char *key, *key_after;

  session = open_local (settings, secrets);
  user_id = g_strdup (tc_user_get_id (tc_session_get_user (session)));
  g_assert_finalize_object (g_steal_pointer (&session));
  key = lookup_key (secrets, user_id);

  wrong = tc_account_new (TC_ACCOUNT_SERVER_LOCAL, "not-the-owner", "Someone Else");
  tc_account_save_as_last (wrong, settings);

  session = open_local (settings, secrets);
  wait_fresh (session);
  g_assert_cmpstr (tc_user_get_id (tc_session_get_user (session)), ==, user_id);
  g_assert_false (tc_session_get_key_in_memory (session));
  /* The stored key was found: no new one was issued. (Keys are compared
   * without printing them.) */
  key_after = lookup_key (secrets, user_id);
  g_assert_true (g_str_equal (key_after, key));

  tc_secret_store_free_key (key);
  tc_secret_store_free_key (key_after);
}

static void
test_lost_key (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(TcSecretStore) secrets = tc_secret_store_new ();
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *user_id = NULL;

  session = open_local (settings, secrets);
  user_id = g_strdup (tc_user_get_id (tc_session_get_user (session)));
  g_assert_finalize_object (g_steal_pointer (&session));

  /* The password manager forgot the key: the service issues a new one. */
  tc_secret_store_clear_async (secrets, TC_ACCOUNT_SERVER_LOCAL, user_id, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_secret_store_clear_finish (secrets, result, NULL));

  session = open_local (settings, secrets);
  wait_fresh (session);
  g_assert_cmpstr (tc_user_get_id (tc_session_get_user (session)), ==, user_id);
  g_free (lookup_key (secrets, user_id));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* libsecret's file backend, in a temporary directory of this program's
   * own: the backend is set up once and outlives each test's XDG dirs. */
  keyring_dir = tc_test_tmp_dir ("timecard-keyring-XXXXXX");
  g_assert_nonnull (keyring_dir);
  keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_add_func ("/local-account/two-starts", test_two_starts);
  g_test_add_func ("/local-account/lost-key", test_lost_key);
  g_test_add_func ("/local-account/other-owner-remembered", test_other_owner_remembered);

  ret = g_test_run ();

  g_unlink (keyring);
  g_rmdir (keyring_dir);

  return ret;
}
