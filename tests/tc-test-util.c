/* tc-test-util.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-test-util.h"
#include "tc-test-tmp.h"

void
tc_test_init (int    *argc,
              char ***argv)
{
  static const char * const vars[][2] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  /* GLib's G_TEST_OPTION_ISOLATE_DIRS also hides XDG_DATA_DIRS, and with it
   * the MIME database GTK needs to load its SVG icons: isolate the user's
   * own directories by hand instead. */
  g_autofree char *test_home = tc_test_tmp_dir ("timecard-test-XXXXXX");

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (test_home, vars[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i][0], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
tc_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_seconds)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  g_autoptr(GSource) source = NULL;
  const char *multiplier = g_getenv ("TC_TEST_TIMEOUT_MULTIPLIER");

  /* Sanitized builds run several times slower: the limit only catches
   * hangs, so it stretches with them (build-aux/test.sh --sanitize). */
  if (multiplier != NULL && g_ascii_strtoull (multiplier, NULL, 10) > 1)
    timeout_seconds *= (guint) MIN (g_ascii_strtoull (multiplier, NULL, 10), 10);
  source = g_timeout_source_new_seconds (timeout_seconds);

  g_source_set_callback (source, timeout_cb, &timed_out, NULL);
  g_source_attach (source, context);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (source);
  if (timed_out)
    g_error ("Timed out after %u s waiting for an operation", timeout_seconds);
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
tc_test_wait_result (GAsyncResult **result,
                     guint          timeout_seconds)
{
  tc_test_wait_until (result_is_set, result, timeout_seconds);
}

void
tc_test_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

TcService *
tc_test_service_new (char **out_owner_id,
                     char **out_api_key)
{
  static guint counter;
  g_autofree char *db_name = g_strdup_printf ("test-service-%u.db", ++counter);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), db_name, NULL);
  g_autofree char *maildir = g_build_filename (g_get_user_data_dir (), "mail", NULL);
  g_autoptr(TcService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *api_key = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  service = tc_service_new (db, &error);
  g_assert_no_error (error);
  tc_service_set_maildir (service, maildir);

  g_assert_true (tc_service_bootstrap_owner (service, "Ada Lovelace", "ada@example.com",
                                             &owner_id, &api_key, &error));
  g_assert_no_error (error);
  g_assert_nonnull (api_key);

  g_assert_true (tc_service_listen (service, 0, &error));
  g_assert_no_error (error);

  /* For tests that stop the service and start it again over the same data. */
  g_object_set_data_full (G_OBJECT (service), "tc-test-db", g_strdup (db), g_free);

  if (out_owner_id != NULL)
    *out_owner_id = g_steal_pointer (&owner_id);
  if (out_api_key != NULL)
    *out_api_key = g_steal_pointer (&api_key);

  return g_steal_pointer (&service);
}
