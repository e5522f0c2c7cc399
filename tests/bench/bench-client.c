/* bench-client.c — what decoding and listing members costs the client
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Captures the bodies of GET /v1/user and of a 50-member users page from a
 * seeded service once, then decodes them into TcUser and TcMember again
 * and again in-process (no network), with and without the JSON parse, and
 * the page also with _tc_member_page_decode() (text to members without
 * json-glib, what TcMemberList does since issue 13).
 * Then loads a 10,000-member team through TcMemberList over loopback with
 * pages of 50, 200 and 1000, timing the first page and the whole list.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-api-client.h"
#include "tc-member-list.h"
#include "tc-member-page-json-private.h"
#include "tc-user.h"
#include "tc-test-util.h"
#include "bench-util.h"

#define RUNS        5
#define USER_ITERS  4000
#define PAGE_ITERS  400
#define LIST_RUNS   3
#define N_MEMBERS   10000

static const guint page_sizes[] = { 50, 200, 1000 };

static char *
capture (BenchServer *server,
         const char  *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (bench_server_get_base_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key",
                                bench_server_get_api_key (server));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
decode_user (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcUser) user = tc_user_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
}

static void
decode_page (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TcMember) member =
        tc_member_new_from_json (json_array_get_object_element (array, i), &error);

      g_assert_no_error (error);
    }
}

/* ns per iteration, median of RUNS; with @with_parse each iteration parses
 * @text too. */
static double
time_decode (const char *text,
             void      (*decode) (JsonNode *),
             guint       iters,
             gboolean    with_parse)
{
  g_autoptr(JsonNode) parsed = parse (text);
  double ns[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < iters; i++)
        {
          g_autoptr(JsonNode) node = with_parse ? parse (text) : json_node_ref (parsed);

          decode (node);
        }
      ns[run] = (g_get_monotonic_time () - start) * 1000.0 / iters;
    }
  return bench_median (ns, RUNS);
}

/* ns per page, median of RUNS: the text to TcMembers in one pass. */
static double
time_page_decode (const char *text,
                  guint       iters)
{
  gsize size = strlen (text);
  double ns[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < iters; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) members = _tc_member_page_decode (text, size, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (members->len, ==, 50);
        }
      ns[run] = (g_get_monotonic_time () - start) * 1000.0 / iters;
    }
  return bench_median (ns, RUNS);
}

static void
bench_decode (BenchServer *server,
              const char  *ws)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?include-roles=true"
                                           "&status=ALL&page-size=50&page=1", ws);
  g_autofree char *user = capture (server, "/v1/user");
  g_autofree char *page = capture (server, path);
  double user_only = time_decode (user, decode_user, USER_ITERS, FALSE);
  double user_all = time_decode (user, decode_user, USER_ITERS, TRUE);
  double page_only = time_decode (page, decode_page, PAGE_ITERS, FALSE);
  double page_all = time_decode (page, decode_page, PAGE_ITERS, TRUE);
  double page_text = time_page_decode (page, PAGE_ITERS * 4);

  g_print ("decode, median of %d runs:\n", RUNS);
  g_print ("  GET /v1/user (%zu bytes) -> TcUser: %.0f ns (parse + decode %.0f ns; "
           "parse is %.0f%%)\n", strlen (user), user_only, user_all,
           100.0 * (user_all - user_only) / user_all);
  g_print ("  users page of 50 (%zu bytes) -> 50 TcMember: %.0f ns a page, %.0f ns a member "
           "(parse + decode %.0f ns a page, %.0f ns a member; parse is %.0f%%)\n",
           strlen (page), page_only, page_only / 50, page_all, page_all / 50,
           100.0 * (page_all - page_only) / page_all);
  g_print ("  so 10,000 members decode in about %.1f ms of CPU (parse included)\n",
           page_all / 50 * N_MEMBERS / 1e6);
  g_print ("  the same page -> 50 TcMember with _tc_member_page_decode (text to members, as "
           "TcMemberList does): %.0f ns a page, %.0f ns a member, %.1fx faster than parse + "
           "decode; 10,000 members in about %.1f ms of CPU (%.0f MB/s)\n",
           page_text, page_text / 50, page_all / page_text, page_text / 50 * N_MEMBERS / 1e6,
           strlen (page) / page_text * 1e3);
  g_print ("TABLE\tusers page of 50 to TcMembers, a member\t%.1f\tus\t%.1f\t"
           "json-glib parse + decode\t<=0.25x\n", page_text / 50 / 1e3, page_all / 50 / 1e3);
}

typedef struct
{
  double start_ms;
  double first_ms;
} ListTimes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ListTimes *times = user_data;

  if (added > 0 && times->first_ms < 0)
    times->first_ms = bench_now_ms () - times->start_ms;
}

static gboolean
list_done (gpointer data)
{
  return !tc_member_list_get_loading (data);
}

static void
bench_list (TcApiClient *client,
            const char  *ws)
{
  double first[G_N_ELEMENTS (page_sizes)][LIST_RUNS], all[G_N_ELEMENTS (page_sizes)][LIST_RUNS];

  for (guint run = 0; run < LIST_RUNS; run++)
    for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
      {
        g_autoptr(TcMemberList) list = tc_member_list_new (client, ws, page_sizes[p]);
        ListTimes times = { bench_now_ms (), -1 };

        g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &times);
        tc_member_list_reload (list);
        tc_test_wait_until (list_done, list, 120);
        all[p][run] = bench_now_ms () - times.start_ms;
        first[p][run] = times.first_ms;
        g_assert_cmpuint (tc_member_list_get_n_loaded (list), ==, N_MEMBERS + 1);
      }

  g_print ("TcMemberList, %d members over loopback, median of %d:\n", N_MEMBERS + 1, LIST_RUNS);
  for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
    {
      double f = bench_median (first[p], LIST_RUNS), a = bench_median (all[p], LIST_RUNS);

      /* Sorted now, so [0] and [LIST_RUNS - 1] are the extremes. */

      g_print ("  pages of %-4u first page %7.1f ms  all pages %7.1f ms (%.0f-%.0f)  "
               "%.1f us a member\n", page_sizes[p], f, a, all[p][0], all[p][LIST_RUNS - 1],
               a * 1000.0 / (N_MEMBERS + 1));
    }
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autoptr(BenchServer) server = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws = NULL;

  tc_test_init (&argc, &argv);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  bench_print_load ("at start");
  db = g_build_filename (g_get_user_data_dir (), "bench-client.db", NULL);
  server = bench_server_new (db, N_MEMBERS);
  client = tc_api_client_new (bench_server_get_base_url (server), &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, bench_server_get_api_key (server));
  /* The service's limit is off: measure the client, not its bucket. */
  tc_api_client_set_rate_limit (client, 0, 0);
  ws = find_pro_ws (client);

  bench_decode (server, ws);
  bench_list (client, ws);
  bench_print_load ("at end");
  return 0;
}
