/* test-faults-window.c — the Preferences page in a real window through a
 * bad network (tests/tc-fault-proxy.h)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timecard-service in-process, the fault proxy in front of it, a
 * session over the proxy in a real TcWindow showing Preferences. A switch
 * is toggled while the proxy answers 500, drops requests or holds every
 * request back. While the fault lasts the main loop keeps turning: a 10 ms
 * timer and the window's frame clock keep ticking while the proxy holds
 * each faulted request back (counted, never timed). Network faults show the offline banner.
 * Once the fault ends, a trigger in the service's database shows the value
 * written exactly once. The cached-start cases: a second session of the
 * same account shows the cached profile before the refresh answers or
 * after it fails (issue 13).
 */

#include "config.h"

#include <sqlite3.h>

#include "tc-application.h"
#include "tc-fault-proxy.h"
#include "tc-preferences-page.h"
#include "tc-service-private.h"
#include "tc-session-private.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"
#include "tc-window-private.h"

static TcApplication *app;

typedef struct {
  TcService    *service;
  TcFaultProxy *proxy;
  TcApiClient  *client;
  TcSession    *session;
  TcWindow     *window;
  char         *owner_id;
  char         *api_key;
  guint         timer_ticks;
  guint         frames;
  guint         timer_id;
  guint         tick_id;
} Fixture;

static gboolean
timer_cb (gpointer data)
{
  ((Fixture *) data)->timer_ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  ((Fixture *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base_url = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->service = tc_test_service_new (&fixture->owner_id, &fixture->api_key);
  g_assert_true (_tc_db_exec (fixture->service,
                              "CREATE TABLE fault_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                              "settings TEXT)", ""));
  g_assert_true (_tc_db_exec (fixture->service,
                              "CREATE TRIGGER fault_audit_settings AFTER UPDATE OF settings ON users "
                              "BEGIN INSERT INTO fault_audit (settings) VALUES (new.settings); END", ""));

  base_url = tc_service_dup_base_url (fixture->service);
  fixture->proxy = tc_fault_proxy_new (base_url);
  proxy_url = tc_fault_proxy_dup_base_url (fixture->proxy);
  fixture->client = tc_api_client_new (proxy_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);
  tc_api_client_set_retry_policy (fixture->client, 2, 5, 20);
  account = tc_account_new ("local", fixture->owner_id, NULL);
  fixture->session = tc_session_new (account, fixture->client);
  _tc_session_set_retry_delays (fixture->session, 20, 100);
  tc_session_refresh_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (fixture->session, result, &error));
  g_assert_no_error (error);

  fixture->window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 960, 680);
  gtk_window_present (GTK_WINDOW (fixture->window));
  _tc_window_set_session (fixture->window, fixture->session);
  gtk_stack_set_visible_child_name (fixture->window->stack, "main");
  _tc_window_show_content (fixture->window, "preferences");
  tc_ui_flush ();

  fixture->timer_id = g_timeout_add (10, timer_cb, fixture);
  fixture->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), frame_cb,
                                                   fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_source_remove (fixture->timer_id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), fixture->tick_id);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  tc_ui_flush ();
  g_assert_null (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  tc_fault_proxy_free (fixture->proxy);
  tc_service_shutdown (fixture->service);
  tc_ui_flush ();
  g_assert_finalize_object (fixture->service);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

static GPtrArray *
audit (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _tc_db_prepare (fixture->service,
                                       "SELECT settings FROM fault_audit ORDER BY seq", "");

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return rows;
}

typedef struct
{
  Fixture *fixture;
  guint    until;
} Waiting;

static gboolean
total_reaches (gpointer data)
{
  Waiting *waiting = data;

  return tc_fault_proxy_total (waiting->fixture->proxy) >= waiting->until;
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (((Fixture *) data)->session) == 0;
}

static gboolean
banner_revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static gboolean
settled (gpointer data)
{
  Fixture *fixture = data;

  return tc_session_get_pending_edits (fixture->session) == 0 &&
         !tc_session_get_offline (fixture->session) &&
         tc_fault_proxy_open (fixture->proxy) == 0;
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  TcFault fault = GPOINTER_TO_INT (data);
  GtkWidget *preferences = GTK_WIDGET (fixture->window->preferences_page);
  /* The first switch: "Group similar entries", stored inverted as
   * groupSimilarEntriesDisabled. */
  GtkSwitch *toggle = GTK_SWITCH (tc_ui_find (preferences, GTK_TYPE_SWITCH, 0));
  GtkRevealer *banner = fixture->window->offline_revealer;
  gboolean network = fault == TC_FAULT_DROP_REQUEST;
  gboolean wanted;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) stored = NULL;
  Waiting waiting = { fixture, 0 };
  guint ticks_before, frames_before, requests;

  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (toggle)));
  wanted = !gtk_switch_get_active (toggle);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* Every faulted request takes 150 ms to meet its fault. */
  tc_fault_proxy_set_latency (fixture->proxy, 150);
  tc_fault_proxy_set_hold (fixture->proxy, 150);
  tc_fault_proxy_set_fault (fixture->proxy, NULL, fault);
  ticks_before = fixture->timer_ticks;
  frames_before = fixture->frames;
  requests = tc_fault_proxy_total (fixture->proxy);

  gtk_switch_set_active (toggle, wanted);
  /* The edit and two retries meet the fault; held back, the edit arrives. */
  waiting.until = requests + 3;
  if (fault == TC_FAULT_LATENCY)
    tc_test_wait_until (no_pending_edits, fixture, 60);
  else
    tc_test_wait_until (total_reaches, &waiting, 60);
  tc_ui_flush ();

  /* Responsive: the loop kept turning while each request was held back.
   * A window blocked on the network would see about one timer tick per
   * request; a free one about fifteen. */
  requests = tc_fault_proxy_total (fixture->proxy) - requests;
  g_test_message ("%u requests, %u timer ticks, %u frames", requests,
                  fixture->timer_ticks - ticks_before, fixture->frames - frames_before);
  g_assert_cmpuint (fixture->timer_ticks - ticks_before, >=, 3 * requests);
  g_assert_cmpuint (fixture->frames - frames_before, >=, 2);

  /* The switch keeps the person's choice and stays usable. */
  g_assert_cmpint (gtk_switch_get_active (toggle), ==, wanted);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (toggle)));
  if (fault != TC_FAULT_LATENCY)
    g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 1);
  /* What is wrong: the banner counts the change waiting, and says
   * "Offline" for the network only (a 500 is no reason to think the
   * network is down). A delivered edit leaves nothing to show. */
  if (fault != TC_FAULT_LATENCY)
    {
      tc_test_wait_until (banner_revealed, banner, 10);
      g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (banner), "1 change waiting to be sent"));
      g_assert_cmpint (tc_ui_find_label (GTK_WIDGET (banner), "Offline") != NULL, ==, network);
    }
  else
    g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* The fault ends. */
  tc_fault_proxy_set_fault (fixture->proxy, NULL, TC_FAULT_NONE);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (settled, fixture, 30);
  tc_ui_flush ();
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpint (gtk_switch_get_active (toggle), ==, wanted);

  rows = audit (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  stored = json_from_string (rows->pdata[0], NULL);
  g_assert_cmpint (json_object_get_boolean_member (json_node_get_object (stored),
                                                   "groupSimilarEntriesDisabled"), ==, !wanted);
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (*(gpointer *) data)->ref_count == 1;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return tc_ui_label_shown (wait->widget, wait->text);
}

/* TC_TEST_TIMEOUT_MULTIPLIER, as tc_test_wait_until() reads it (1–10). */
static guint
slowdown (void)
{
  const char *multiplier = g_getenv ("TC_TEST_TIMEOUT_MULTIPLIER");
  guint64 value = multiplier != NULL ? g_ascii_strtoull (multiplier, NULL, 10) : 1;

  return (guint) CLAMP (value, 1, 10);
}

/* Issue 13: a start with a cached user shows it in the first frame, before
 * the server answers (@data TC_FAULT_LATENCY: the server's answer, held
 * back, then replaces it), or when it cannot be reached (@data
 * TC_FAULT_DROP_REQUEST: the refresh after the first frame fails into the
 * offline banner, and the server's data shows once it is back). */
static void
test_cached_start (Fixture       *fixture,
                   gconstpointer  data)
{
  TcFault fault = GPOINTER_TO_INT (data);
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  GtkRevealer *banner = fixture->window->offline_revealer;
  g_autoptr(TcAccount) account = tc_account_new ("local", fixture->owner_id, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LabelWait server_name = { profile, "Ada King" };

  /* The last run's session goes; finalizing it waits for its cache. */
  _tc_window_set_session (fixture->window, NULL);
  tc_test_wait_until (only_ref, &fixture->session, 10);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  /* Renamed meanwhile, on the server only. */
  g_assert_true (_tc_db_exec (fixture->service, "UPDATE users SET name = ? WHERE id = ?", "ss",
                              "Ada King", fixture->owner_id));

  /* Held back longer than building and drawing the profile takes, also
   * in a sanitized build on a loaded machine. */
  tc_fault_proxy_set_latency (fixture->proxy, 3000 * slowdown ());
  if (fault == TC_FAULT_LATENCY)
    tc_fault_proxy_push (fixture->proxy, "GET", "/v1/user", TC_FAULT_LATENCY, 1);
  else
    tc_fault_proxy_set_fault (fixture->proxy, NULL, fault);

  /* The next start, as the local account opens it. */
  fixture->session = tc_session_new (account, fixture->client);
  _tc_session_set_retry_delays (fixture->session, 20, 100);
  tc_session_load_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_load_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  _tc_window_set_session (fixture->window, fixture->session);
  _tc_window_show_content (fixture->window, "profile");

  /* ("Ada Lovelace" is also in the workspace's name: the server's new
   * name not being shown is what tells the cached frame.) */
  g_assert_true (tc_ui_label_shown (profile, "Ada Lovelace"));
  g_assert_false (tc_ui_label_shown (profile, "Ada King"));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Lovelace");

  if (fault == TC_FAULT_LATENCY)
    {
      tc_test_wait_until (label_shown, &server_name, 30);
      g_assert_false (gtk_revealer_get_reveal_child (banner));
      g_assert_false (tc_session_get_stale (fixture->session));
      return;
    }

  /* Offline, with the cached profile still shown. */
  tc_test_wait_until (banner_revealed, banner, 30);
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (banner), "Offline"));
  g_assert_false (tc_ui_label_shown (profile, "Ada King"));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Lovelace");

  tc_fault_proxy_set_fault (fixture->proxy, NULL, TC_FAULT_NONE);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (label_shown, &server_name, 30);
  tc_test_wait_until (settled, fixture, 30);
  tc_ui_flush ();
  g_assert_false (gtk_revealer_get_reveal_child (banner));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/faults-window/500", Fixture, GINT_TO_POINTER (TC_FAULT_500),
              fixture_set_up, test_fault, fixture_tear_down);
  g_test_add ("/faults-window/latency", Fixture, GINT_TO_POINTER (TC_FAULT_LATENCY),
              fixture_set_up, test_fault, fixture_tear_down);
  g_test_add ("/faults-window/drop-request", Fixture, GINT_TO_POINTER (TC_FAULT_DROP_REQUEST),
              fixture_set_up, test_fault, fixture_tear_down);

  g_test_add ("/faults-window/cached-start/slow-server", Fixture, GINT_TO_POINTER (TC_FAULT_LATENCY),
              fixture_set_up, test_cached_start, fixture_tear_down);
  g_test_add ("/faults-window/cached-start/refresh-fails", Fixture,
              GINT_TO_POINTER (TC_FAULT_DROP_REQUEST),
              fixture_set_up, test_cached_start, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
