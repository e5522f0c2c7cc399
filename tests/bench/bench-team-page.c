/* bench-team-page.c — the Team page with 10,000 (or 100,000) members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real TcTeamPage in a window under the display this runs on, over a
 * real timecard-service seeded with N members on a thread of its own (as
 * the app's local account runs it), through a TcSession and its
 * TcApiClient with the app's own client-side rate limit. Measured:
 *
 *  - first page on screen: from tc_team_page_set_session() on the shown
 *    page (with a session that knows the caller's role, as the window has
 *    before it offers the page) to the end of the paint of the first
 *    frame whose rows on screen are all built and show their members
 *    (the page builds a few rows a frame, those on screen first);
 *  - all loaded: to TcMemberList:complete and every member sorted in
 *    (many at once are sorted between frames, TcMemberOrder:pending);
 *  - main-loop stalls: a 1 ms timeout at default priority runs all along;
 *    a stall is the longest gap between two of its runs, minus 1 ms. Kept
 *    separately while loading, while filtering and while sorting;
 *  - search keystroke: from the entry's search-changed (after the entry's
 *    own typing delay) until the members are filtered and sorted (the
 *    page does it before search-changed returns), and until the rows on
 *    screen show the result (built, with their members: a few frames),
 *    for each letter of a name typed one by one, medians;
 *  - memory: VmRSS growth from before the page to the list loaded, and
 *    once the loaded team is written to the cache (its text, on the
 *    cache's thread, is there while it is written) (the
 *    service's thread and its SQLite cache are in this process too).
 *
 * Prints TABLE lines for build-aux/bench.sh, named after the renderer:
 * GTK's default (GL, llvmpipe under Xvfb: it compiles each new shader on
 * the main thread, which the first page pays for) or the one given with
 * --renderer=NAME (bench-team-page-cairo). N = 10,000; with
 * TC_BENCH_TEAM_100K=1 also 100,000 (seeding takes a while).
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tc-member-list.h"
#include "tc-session.h"
#include "tc-session-private.h"
#include "tc-team-page.h"
#include "tc-team-page-private.h"
#include "tc-test-util.h"
#include "bench-util.h"

typedef struct
{
  gint64 last;
  gint64 max_gap;
  gint64 max_gap_start; /* CLOCK_MONOTONIC µs, for perf's timestamps */
  GString *long_gaps;   /* "+start duration" of each over LONG_GAP_US */
  gint64 origin;
} StallWatch;

/* Stalls listed one by one, to tell them apart. */
#define LONG_GAP_US 8000

static StallWatch stalls;
/* GSK_RENDERER, or "gl" (GTK's default): named in the table. */
static const char *renderer;
/* When the page's member list first had members (polled by the tick). */
static TcTeamPage *watched_page;
static gint64 first_in_model;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  TcMemberList *list = watched_page ? tc_team_page_get_member_list (watched_page) : NULL;

  if (first_in_model == 0 && list != NULL && tc_member_list_get_n_loaded (list) > 0)
    first_in_model = now;

  if (stalls.last != 0 && now - stalls.last > LONG_GAP_US && stalls.long_gaps != NULL)
    g_string_append_printf (stalls.long_gaps, " +%.0f:%.1f", (stalls.last - stalls.origin) / 1000.0,
                            (now - stalls.last) / 1000.0 - 1.0);
  if (stalls.last != 0 && now - stalls.last > stalls.max_gap)
    {
      stalls.max_gap = now - stalls.last;
      stalls.max_gap_start = stalls.last;
    }
  stalls.last = now;
  return G_SOURCE_CONTINUE;
}

static void
stalls_reset (void)
{
  stalls.last = stalls.origin = g_get_monotonic_time ();
  stalls.max_gap = 0;
  if (stalls.long_gaps == NULL)
    stalls.long_gaps = g_string_new (NULL);
  g_string_truncate (stalls.long_gaps, 0);
}

static double
stalls_max_ms (void)
{
  tick_cb (NULL);
  return MAX (0.0, stalls.max_gap / 1000.0 - 1.0);
}

/* Every member is in the list and sorted in (many new members are
 * sorted between frames, TcMemberOrder:pending). */
static gboolean
settled (gpointer data)
{
  TcMemberList *list = tc_team_page_get_member_list (data);

  return list != NULL && tc_member_list_get_complete (list) && _tc_team_page_is_settled (data);
}

/* The rows on screen are built and show the new order: after a change
 * they catch up over a few frames, those on screen first. */
static gboolean
rows_on_screen_done (gpointer data)
{
  return _tc_team_page_screen_done (data);
}

typedef struct
{
  TcTeamPage *page;
  gint64      first_rows;
} FirstFrame;

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->first_rows == 0 && first->page != NULL &&
      g_list_model_get_n_items (tc_team_page_get_shown (first->page)) > 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (first->page)) &&
      _tc_team_page_screen_done (first->page))
    first->first_rows = g_get_monotonic_time ();
}

static gboolean
first_rows_painted (gpointer data)
{
  return ((FirstFrame *) data)->first_rows != 0;
}

static gboolean
time_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static char *
owner_id (TcApiClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  g_assert_true (tc_api_client_request_finish (client, result, &node, &error));
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
}

/* The app shows the Team page only once the session knows the caller is
 * an Owner or Admin there (tc-session-role.c asks after a refresh). */
static gboolean
role_known (gpointer data)
{
  TcWorkspace *workspace = tc_session_get_active_workspace (data);

  return workspace != NULL && tc_workspace_get_caller_is_admin (workspace);
}

static TcSession *
open_session (BenchServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcApiClient) client = tc_api_client_new (bench_server_get_base_url (server), &error);
  g_autoptr(TcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  tc_api_client_set_api_key (client, bench_server_get_api_key (server));
  id = owner_id (client);
  account = tc_account_new ("local", id, NULL);
  session = tc_session_new (account, client);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 60);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  tc_test_wait_until (role_known, session, 60);
  return g_steal_pointer (&session);
}

/* An emission hook runs before every handler, the page's filter too. */
static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               data)
{
  *(gint64 *) data = g_get_monotonic_time ();
  return TRUE;
}

/* The session's cache runs its jobs in order: once one queued now is
 * done, the team's store (queued when the list was complete) is too. */
static void
cache_written (TcSession *session)
{
  TcCache *cache = _tc_session_get_cache (session);
  g_autoptr(GAsyncResult) result = NULL;

  if (cache == NULL)
    return;
  tc_cache_sync_async (cache, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 60);
  g_assert_true (tc_cache_sync_finish (cache, result, NULL));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
bench_team (guint n_members)
{
  g_autofree char *db = g_strdup_printf ("%s/bench-team-%u.db", g_get_user_data_dir (), n_members);
  g_autoptr(BenchServer) server = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autofree double *keystrokes = NULL;
  g_autofree double *keystrokes_shown = NULL;
  const char *typed = "member0420";
  GtkWindow *window;
  TcTeamPage *page;
  FirstFrame first = { 0 };
  GtkSearchEntry *search;
  GtkDropDown *sort;
  double seed_ms, first_ms, all_ms, load_stall, filter_stall, sort_stall, keystroke_ms;
  double keystroke_shown_ms;
  double clear_ms, model_ms;
  guint64 rss_before, rss_after, rss_cached, rss_peak;
  gint64 start, changed_at = 0;
  guint tick, n_keys = strlen (typed);
  gulong hook;

  seed_ms = bench_now_ms ();
  server = bench_server_new (db, n_members);
  seed_ms = bench_now_ms () - seed_ms;
  session = open_session (server);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = TC_TEAM_PAGE (tc_team_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  tc_test_wait_until (widget_mapped, page, 30);
  first.page = page;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &first);

  /* VmHWM from here (Linux 4.0: "5" resets the peak to the current). It
   * counts the service too, which runs on a thread of this process and
   * answers the pages. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  rss_before = bench_proc_status_kib ("VmRSS");
  watched_page = page;
  first_in_model = 0;
  tick = g_timeout_add (1, tick_cb, NULL);
  stalls_reset ();
  start = g_get_monotonic_time ();
  tc_team_page_set_session (page, session);
  tc_test_wait_until (first_rows_painted, &first, 60);
  tc_test_wait_until (settled, page, 120);
  all_ms = (g_get_monotonic_time () - start) / 1000.0;
  first_ms = (first.first_rows - start) / 1000.0;
  model_ms = (first_in_model - start) / 1000.0;
  load_stall = stalls_max_ms ();
  g_print ("  longest loading stall from %.6f s (CLOCK_MONOTONIC, as perf -k CLOCK_MONOTONIC)\n",
           stalls.max_gap_start / (double) G_USEC_PER_SEC);
  g_print ("  loading stalls over %d ms (+ms from the start:ms):%s\n", LONG_GAP_US / 1000,
           stalls.long_gaps->str);
  rss_after = bench_proc_status_kib ("VmRSS");
  g_assert_cmpuint (tc_member_list_get_n_loaded (tc_team_page_get_member_list (page)), ==, n_members + 1);
  cache_written (session);
  rss_cached = bench_proc_status_kib ("VmRSS");
  rss_peak = bench_proc_status_kib ("VmHWM");

  /* Typed letter by letter, each once the previous one is filtered. */
  search = page->search_entry;
  hook = g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                                     search_changed_hook, &changed_at, NULL);
  keystrokes = g_new0 (double, n_keys);
  keystrokes_shown = g_new0 (double, n_keys);
  stalls_reset ();
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *text = g_strndup (typed, i + 1);

      changed_at = 0;
      gtk_editable_set_text (GTK_EDITABLE (search), text);
      tc_test_wait_until (time_set, &changed_at, 10);
      keystrokes[i] = (g_get_monotonic_time () - changed_at) / 1000.0;
      tc_test_wait_until (rows_on_screen_done, page, 30);
      keystrokes_shown[i] = (g_get_monotonic_time () - changed_at) / 1000.0;
    }
  keystroke_ms = bench_median (keystrokes, n_keys);
  keystroke_shown_ms = bench_median (keystrokes_shown, n_keys);
  g_assert_cmpuint (g_list_model_get_n_items (tc_team_page_get_shown (page)), >=, 1);
  changed_at = 0;
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  tc_test_wait_until (time_set, &changed_at, 10);
  tc_test_wait_until (rows_on_screen_done, page, 30);
  clear_ms = (g_get_monotonic_time () - changed_at) / 1000.0;
  filter_stall = stalls_max_ms ();
  g_signal_remove_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), hook);
  g_assert_cmpuint (g_list_model_get_n_items (tc_team_page_get_shown (page)), ==, n_members + 1);

  /* Sort by email, then by name again. */
  sort = page->sort_dropdown;
  stalls_reset ();
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (sort, 1);
  tc_test_wait_until (rows_on_screen_done, page, 30);
  gtk_drop_down_set_selected (sort, 0);
  tc_test_wait_until (rows_on_screen_done, page, 30);
  sort_stall = stalls_max_ms ();

  g_source_remove (tick);
  watched_page = NULL;
  g_print ("%u members (seeded in %.0f ms):\n", n_members, seed_ms);
  g_print ("  first page in the member list %.1f ms (request, service, parse and decode), "
           "on screen %.1f ms; all loaded and sorted %.1f ms\n",
           model_ms, first_ms, all_ms);
  g_print ("  longest main-loop stall: loading %.1f ms, filtering %.1f ms, sorting %.1f ms\n",
           load_stall, filter_stall, sort_stall);
  g_print ("  search keystroke filtered (median of %u, after search-changed) %.2f ms "
           "(range %.2f-%.2f); clearing the search %.1f ms\n",
           n_keys, keystroke_ms, keystrokes[0], keystrokes[n_keys - 1], clear_ms);
  g_print ("  search keystroke shown in the rows on screen (median) %.1f ms\n", keystroke_shown_ms);
  g_print ("  VmRSS %.1f MiB before the page, %.1f MiB loaded (+%.1f MiB), "
           "%.1f MiB once cached (+%.1f MiB)\n",
           rss_before / 1024.0, rss_after / 1024.0, (rss_after - rss_before) / 1024.0,
           rss_cached / 1024.0, ((double) rss_cached - rss_before) / 1024.0);
  g_print ("  VmHWM (peak) while loading and caching %.1f MiB (+%.1f MiB)\n",
           rss_peak / 1024.0, ((double) rss_peak - rss_before) / 1024.0);

  if (n_members == 10000)
    {
      g_print ("TABLE\tTeam page 10k, %s: first page on screen\t%.1f\tms\t-\t-\t<=100\n",
               renderer, first_ms);
      g_print ("TABLE\tTeam page 10k, %s: all members loaded\t%.1f\tms\t-\t-\t<=1000\n",
               renderer, all_ms);
      g_print ("TABLE\tTeam page 10k, %s: longest stall, loading\t%.1f\tms\t-\t-\t<=16\n",
               renderer, load_stall);
      g_print ("TABLE\tTeam page 10k, %s: longest stall, filtering\t%.1f\tms\t-\t-\t<=16\n",
               renderer, filter_stall);
      g_print ("TABLE\tTeam page 10k, %s: longest stall, sorting\t%.1f\tms\t-\t-\t<=16\n",
               renderer, sort_stall);
      g_print ("TABLE\tTeam page 10k, %s: search keystroke filtered\t%.2f\tms\t-\t-\t<=8\n",
               renderer, keystroke_ms);
      g_print ("TABLE\tTeam page 10k, %s: search keystroke, rows on screen\t%.1f\tms\t-\t-\t-\n",
               renderer, keystroke_shown_ms);
      g_print ("TABLE\tTeam page 10k, %s: VmRSS growth loading\t%.1f\tMiB\t-\t-\t-\n",
               renderer, (rss_after - rss_before) / 1024.0);
      g_print ("TABLE\tTeam page 10k, %s: VmRSS growth, team cached\t%.1f\tMiB\t-\t-\t-\n",
               renderer, ((double) rss_cached - rss_before) / 1024.0);
      g_print ("TABLE\tTeam page 10k, %s: VmHWM growth (peak), loading and caching\t%.1f\tMiB\t-\t-\t-\n",
               renderer, ((double) rss_peak - rss_before) / 1024.0);
    }
  else
    {
      double worst = MAX (load_stall, MAX (filter_stall, sort_stall));

      g_print ("TABLE\tTeam page %uk, %s: longest stall (load, filter, sort)\t%.1f\tms\t-\t-\t<=50\n",
               n_members / 1000, renderer, worst);
      g_print ("TABLE\tTeam page %uk, %s: VmRSS growth loading\t%.1f\tMiB\t-\t-\t-\n",
               n_members / 1000, renderer, (rss_after - rss_before) / 1024.0);
      g_print ("TABLE\tTeam page %uk, %s: VmRSS growth, team cached\t%.1f\tMiB\t-\t-\t<=300\n",
               n_members / 1000, renderer, ((double) rss_cached - rss_before) / 1024.0);
      g_print ("TABLE\tTeam page %uk, %s: VmHWM growth (peak), loading and caching\t%.1f\tMiB\t-\t-\t<=300\n",
               n_members / 1000, renderer, ((double) rss_peak - rss_before) / 1024.0);
    }

  gtk_window_destroy (window);
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
painted_twice (gpointer data)
{
  return *(guint *) data >= 2;
}

static void
count_paint_cb (GdkFrameClock *clock,
                guint         *paints)
{
  (*paints)++;
}

/* The floor under the loading stall: the longest main-loop gap while a
 * bare window of the same size shows a page of its own for the first
 * time (a status page's title and description), as the Team page's
 * first frame does. With the cairo renderer on X11 that frame paints the
 * whole window into new shared memory, whatever the page holds. */
static double
bench_page_switch_floor (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *status = adw_status_page_new ();
  guint tick, paints = 0;
  gulong handler;
  double floor_ms;

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Floor of a new page");
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   "Drawn for the first time, at the Team page's size");
  gtk_stack_add_named (stack, gtk_label_new ("…"), "bare");
  gtk_stack_add_named (stack, status, "page");
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  tc_test_wait_until (widget_mapped, stack, 30);
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (count_paint_cb), &paints);
  tc_test_wait_until (painted_twice, &paints, 30);

  tick = g_timeout_add (1, tick_cb, NULL);
  stalls_reset ();
  paints = 0;
  gtk_stack_set_visible_child_name (stack, "page");
  tc_test_wait_until (painted_twice, &paints, 30);
  floor_ms = stalls_max_ms ();
  g_source_remove (tick);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);
  gtk_window_destroy (window);
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  return floor_ms;
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--renderer="))
      g_setenv ("GSK_RENDERER", argv[i] + strlen ("--renderer="), TRUE);
  renderer = g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "gl";
  tc_test_init (&argc, &argv);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("bench-team-page: no X display (run under xvfb-run): skipped\n");
      return 77;
    }
  gtk_init ();
  adw_init ();
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  bench_print_load ("at start");
  bench_team (10000);
  if (g_getenv ("TC_BENCH_TEAM_100K") != NULL)
    bench_team (100000);
  /* After the Team page, which it would otherwise prepare fonts for. */
  {
    double floor_ms = bench_page_switch_floor ();

    g_print ("  a bare window of the same size showing a new page: longest stall %.1f ms\n", floor_ms);
    g_print ("TABLE\tTeam page 10k, %s: floor, a bare window's first frame of a new page\t%.1f\tms\t-\t-\t-\n",
             renderer, floor_ms);
  }
  bench_print_load ("at end");
  return 0;
}
