/* test-secret-store.c — API keys in libsecret, and what happens without it
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsecret picks its backend once per process, so each case runs in a
 * subprocess that sets up its own environment first.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tc-local-account.h"
#include "tc-secret-store.h"
#include "tc-test-util.h"

#define KEY "Abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL"

static gboolean
store (TcSecretStore  *secrets,
       const char     *user,
       const char     *key,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_secret_store_store_async (secrets, "https://api.clockify.me/api", user, key, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_secret_store_store_finish (secrets, result, error);
}

static char *
lookup (TcSecretStore  *secrets,
        const char     *user,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_secret_store_lookup_async (secrets, "https://api.clockify.me/api", user, NULL,
                                tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_secret_store_lookup_finish (secrets, result, error);
}

static gboolean
clear (TcSecretStore  *secrets,
       const char     *user,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_secret_store_clear_async (secrets, "https://api.clockify.me/api", user, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_secret_store_clear_finish (secrets, result, error);
}

static void
file_backend_child (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_autoptr(TcSecretStore) secrets = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "pw", TRUE);
  secrets = tc_secret_store_new ();

  g_assert_true (store (secrets, "user-a", KEY, &error));
  g_assert_no_error (error);
  g_assert_true (store (secrets, "user-b", "other-key", &error));

  key = lookup (secrets, "user-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY);
  tc_secret_store_free_key (key);

  /* One account's key per (server, user): clearing one keeps the other. */
  g_assert_true (clear (secrets, "user-a", &error));
  key = lookup (secrets, "user-a", &error);
  g_assert_null (key);
  g_assert_error (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  key = lookup (secrets, "user-b", &error);
  g_assert_cmpstr (key, ==, "other-key");
  tc_secret_store_free_key (key);
}

typedef struct
{
  GAsyncResult *results[6];
} Overlap;

static void
overlap_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
overlap_done (gpointer data)
{
  Overlap *overlap = data;

  for (guint i = 0; i < G_N_ELEMENTS (overlap->results); i++)
    if (overlap->results[i] == NULL)
      return FALSE;
  return TRUE;
}

/* Calls made one right after the other, none waiting for the one before:
 * each sees what the ones before it did (the window stores a key and the
 * next open looks it up), and the file backend is never used from two
 * threads at once. */
static void
overlapping_child (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_autoptr(TcSecretStore) secrets = NULL;
  g_autoptr(GError) error = NULL;
  const char *server = "https://api.clockify.me/api";
  Overlap overlap = { { NULL } };
  char *key;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "pw", TRUE);
  secrets = tc_secret_store_new ();

  tc_secret_store_store_async (secrets, server, "user-a", KEY, NULL, overlap_cb, &overlap.results[0]);
  tc_secret_store_lookup_async (secrets, server, "user-a", NULL, overlap_cb, &overlap.results[1]);
  tc_secret_store_store_async (secrets, server, "user-b", "other-key", NULL, overlap_cb, &overlap.results[2]);
  tc_secret_store_clear_async (secrets, server, "user-a", NULL, overlap_cb, &overlap.results[3]);
  tc_secret_store_lookup_async (secrets, server, "user-a", NULL, overlap_cb, &overlap.results[4]);
  tc_secret_store_lookup_async (secrets, server, "user-b", NULL, overlap_cb, &overlap.results[5]);
  tc_test_wait_until (overlap_done, &overlap, 30);

  g_assert_true (tc_secret_store_store_finish (secrets, overlap.results[0], &error));
  g_assert_no_error (error);
  key = tc_secret_store_lookup_finish (secrets, overlap.results[1], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY);
  tc_secret_store_free_key (key);
  g_assert_true (tc_secret_store_store_finish (secrets, overlap.results[2], &error));
  g_assert_true (tc_secret_store_clear_finish (secrets, overlap.results[3], &error));
  g_assert_no_error (error);
  key = tc_secret_store_lookup_finish (secrets, overlap.results[4], &error);
  g_assert_null (key);
  g_assert_error (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  key = tc_secret_store_lookup_finish (secrets, overlap.results[5], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "other-key");
  tc_secret_store_free_key (key);

  for (guint i = 0; i < G_N_ELEMENTS (overlap.results); i++)
    g_object_unref (overlap.results[i]);
}

static void
test_overlapping (void)
{
  if (g_test_subprocess ())
    {
      overlapping_child ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_file_backend (void)
{
  if (g_test_subprocess ())
    {
      file_backend_child ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A desktop without a secret service: the D-Bus session bus is not there. */
static void
no_service_child (void)
{
  g_autoptr(TcSecretStore) secrets = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  g_setenv ("SECRET_BACKEND", "service", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/timecard-test-bus", TRUE);
  secrets = tc_secret_store_new ();

  g_assert_false (store (secrets, "user-a", KEY, &error));
  g_assert_error (error, TC_SECRET_ERROR, TC_SECRET_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* The session's fallback: memory only, for this run. */
  tc_secret_store_set_memory_only (secrets, TRUE);
  g_assert_true (store (secrets, "user-a", KEY, &error));
  key = lookup (secrets, "user-a", &error);
  g_assert_cmpstr (key, ==, KEY);
  tc_secret_store_free_key (key);
  tc_secret_store_set_memory_only (secrets, FALSE);

  /* The local account still opens, and says where its key is. */
  settings = g_settings_new ("io.github.timecard.Timecard");
  tc_local_account_open_async (settings, secrets, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  session = tc_local_account_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (tc_session_get_key_in_memory (session));
  g_assert_nonnull (tc_user_get_id (tc_session_get_user (session)));
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      no_service_child ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/secret-store/file-backend", test_file_backend);
  g_test_add_func ("/secret-store/no-service", test_no_service);
  g_test_add_func ("/secret-store/overlapping", test_overlapping);

  return g_test_run ();
}
