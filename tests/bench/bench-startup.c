/* bench-startup.c — the core path the app runs at start, and its memory
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a display the window cannot be timed, so this times what the app
 * does before it can show anything: tc_local_account_open_async() up to a
 * loaded session (embedded service thread, database, owner, API key in the
 * libsecret file backend, remembered account, GET /v1/user). A first start
 * creates the database and the key; a second finds them. Then it reports
 * the process's memory (VmHWM, VmRSS) step by step up to a 10,000-member
 * team loaded into a TcMemberList.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tc-local-account.h"
#include "tc-member-list.h"
#include "tc-test-util.h"
#include "bench-util.h"

#define RUNS      5
#define N_MEMBERS 10000

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
fresh (gpointer data)
{
  return !tc_session_get_stale (data);
}

static double
open_session (GSettings     *settings,
              TcSecretStore *secrets)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;
  double start = bench_now_ms (), elapsed;

  tc_local_account_open_async (settings, secrets, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 60);
  session = tc_local_account_open_finish (result, &error);
  elapsed = bench_now_ms () - start;
  g_assert_no_error (error);
  g_assert_nonnull (tc_session_get_user (session));
  g_assert_false (tc_session_get_key_in_memory (session));
  /* A second start opens on the cached user and refreshes it after
   * (tc_session_load_async()): the refresh holds the session until done. */
  tc_test_wait_until (fresh, session, 30);
  /* Stops the service thread and closes the database. */
  g_assert_finalize_object (g_steal_pointer (&session));
  return elapsed;
}

static void
bench_starts (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(TcSecretStore) secrets = tc_secret_store_new ();
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "timecard", NULL);
  double first[RUNS], second[RUNS], first_median, second_median;

  for (guint run = 0; run < RUNS; run++)
    {
      remove_tree (data_dir);
      g_settings_reset (settings, "accounts");
      g_settings_reset (settings, "last-account");
      first[run] = open_session (settings, secrets);
      second[run] = open_session (settings, secrets);
    }
  first_median = bench_median (first, RUNS);
  second_median = bench_median (second, RUNS);
  g_print ("local account to a loaded session, median of %d:\n", RUNS);
  g_print ("  first start (creates database, owner, key): %6.1f ms (%.1f-%.1f)\n",
           first_median, first[0], first[RUNS - 1]);
  g_print ("  second start (finds them):                  %6.1f ms (%.1f-%.1f)\n",
           second_median, second[0], second[RUNS - 1]);
  g_print ("  second / first: %.2f\n", second_median / first_median);
}

static void
print_memory (const char *step)
{
  g_print ("  %-52s VmHWM %6.1f MiB  VmRSS %6.1f MiB\n", step,
           bench_proc_status_kib ("VmHWM") / 1024.0, bench_proc_status_kib ("VmRSS") / 1024.0);
}

static gboolean
list_done (gpointer data)
{
  return !tc_member_list_get_loading (data);
}

static char *
find_pro_ws (TcApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  tc_api_client_request_async (client, "GET", "/v1/workspaces", NULL, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  g_assert_true (tc_api_client_request_finish (client, result, &node, &error));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *ws = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (ws, "featureSubscriptionType"), "PRO") == 0)
        return g_strdup (json_object_get_string_member (ws, "id"));
    }
  g_assert_not_reached ();
}

static void
bench_memory (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "bench-startup.db", NULL);
  g_autoptr(BenchServer) server = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcMemberList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws = NULL;
  guint64 before;

  g_print ("memory of this process (service and client in one process, as in the app):\n");
  print_memory ("after the start-ups above");
  server = bench_server_new (db, N_MEMBERS);
  client = tc_api_client_new (bench_server_get_base_url (server), &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, bench_server_get_api_key (server));
  ws = find_pro_ws (client);
  print_memory ("service thread seeded with 10,000 members");

  before = bench_proc_status_kib ("VmRSS");
  list = tc_member_list_new (client, ws, 0);
  tc_member_list_reload (list);
  tc_test_wait_until (list_done, list, 120);
  g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, N_MEMBERS + 1);
  print_memory ("TcMemberList loaded (10,001 members, pages of 200)");
  g_print ("  the list's load grew VmRSS by %.1f MiB (%.0f bytes a member)\n",
           ((double) bench_proc_status_kib ("VmRSS") - before) / 1024.0,
           ((double) bench_proc_status_kib ("VmRSS") - before) * 1024.0 / (N_MEMBERS + 1));
  g_clear_object (&list);
  print_memory ("list freed");
  g_print ("peak RSS (VmHWM) after loading the 10,000-member team: %.1f MiB\n",
           bench_proc_status_kib ("VmHWM") / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;

  tc_test_init (&argc, &argv);
  /* libsecret's file backend, in this run's temporary home. */
  keyring = g_build_filename (g_get_home_dir (), "bench.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "bench-password", TRUE);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  bench_print_load ("at start");
  print_memory ("at start");
  bench_starts ();
  bench_memory ();
  bench_print_load ("at end");
  return 0;
}
