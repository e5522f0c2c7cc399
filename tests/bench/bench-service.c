/* bench-service.c — timecard-service throughput and latency over loopback
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeds a service with 1,000 members on a thread of its own (rate limit
 * off) and drives five endpoints from this thread with libsoup, keeping
 * K = 1, 8 and 32 requests in flight. Each cell runs at most REQUESTS
 * requests or CELL_MS milliseconds; runs are interleaved so that a change
 * in the machine's load hits every cell alike, and the run with the median
 * rate is shown. Then times seeding 10,000 members and measures the
 * database it leaves.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "tc-service.h"
#include "tc-test-util.h"
#include "bench-util.h"

#define RUNS        3
#define REQUESTS    400
#define CELL_MS     700.0
#define SEED_RUNS   3
#define SEED_BIG    10000

static const guint concurrency[] = { 1, 8, 32 };

typedef enum {
  EP_USER,
  EP_USERS_PAGE,
  EP_PROFILE_GET,
  EP_SETTINGS_PATCH,
  EP_PROFILE_PATCH,
  N_ENDPOINTS
} Endpoint;

static const char * const endpoint_names[] = {
  "GET /v1/user",
  "GET users?page-size=50 (pages 1-20)",
  "GET member-profile",
  "PATCH /v1/user/settings",
  "PATCH member-profile workCapacity",
};

typedef struct
{
  double rate;       /* requests per second */
  double median_ms;
  double p95_ms;
  guint  done;
  guint  failed;
  guint  connections;
} Cell;

typedef struct
{
  SoupSession *session;
  const char  *base_url;
  const char  *api_key;
  const char  *ws;
  const char  *member;
  Endpoint     endpoint;
  guint        sent;
  guint        in_flight;
  guint        done;
  guint        failed;
  double       started_ms;
  double      *latencies;
  GHashTable  *connections;  /* soup connection ids seen */
  char        *failure;      /* why the first failed request failed */
} Load;

typedef struct
{
  Load   *load;
  double  sent_ms;
} Pending;

static SoupMessage *
new_message (Load  *load,
             guint  index)
{
  g_autofree char *uri = NULL;
  const char *method = "GET", *body = NULL;
  SoupMessage *msg;

  switch (load->endpoint)
    {
    case EP_USER:
      uri = g_strdup_printf ("%s/v1/user", load->base_url);
      break;
    case EP_USERS_PAGE:
      uri = g_strdup_printf ("%s/v1/workspaces/%s/users?include-roles=true&status=ALL"
                             "&page-size=50&page=%u", load->base_url, load->ws, 1 + index % 20);
      break;
    case EP_PROFILE_GET:
      uri = g_strdup_printf ("%s/v1/workspaces/%s/member-profile/%s", load->base_url,
                             load->ws, load->member);
      break;
    case EP_SETTINGS_PATCH:
      uri = g_strdup_printf ("%s/v1/user/settings", load->base_url);
      method = "PATCH";
      body = index % 2 ? "{\"isCompactViewOn\":true}" : "{\"isCompactViewOn\":false}";
      break;
    case EP_PROFILE_PATCH:
      uri = g_strdup_printf ("%s/v1/workspaces/%s/member-profile/%s", load->base_url,
                             load->ws, load->member);
      method = "PATCH";
      body = index % 2 ? "{\"workCapacity\":\"PT7H\"}" : "{\"workCapacity\":\"PT8H\"}";
      break;
    case N_ENDPOINTS:
    default:
      g_assert_not_reached ();
    }

  msg = soup_message_new (method, uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key",
                                load->api_key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static void send_next (Load *load);

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;
  Load *load = pending->load;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &error);

  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      if (load->failed++ == 0)
        load->failure = error ? g_strdup (error->message)
                              : g_strdup_printf ("HTTP %u %.*s", soup_message_get_status (msg),
                                                 (int) MIN (g_bytes_get_size (body), 120),
                                                 (const char *) g_bytes_get_data (body, NULL));
    }
  g_hash_table_add (load->connections,
                    GUINT_TO_POINTER ((guint) soup_message_get_connection_id (msg)));
  load->latencies[load->done++] = bench_now_ms () - pending->sent_ms;
  load->in_flight--;
  g_free (pending);
  send_next (load);
}

static void
send_next (Load *load)
{
  g_autoptr(SoupMessage) msg = NULL;
  Pending *pending;

  if (load->sent >= REQUESTS || bench_now_ms () - load->started_ms > CELL_MS)
    return;
  msg = new_message (load, load->sent++);
  pending = g_new0 (Pending, 1);
  pending->load = load;
  pending->sent_ms = bench_now_ms ();
  load->in_flight++;
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sent_cb, pending);
}

static gboolean
load_idle (gpointer data)
{
  Load *load = data;

  return load->in_flight == 0 && load->sent > 0;
}

static Cell
run_cell (Load     *proto,
          Endpoint  endpoint,
          guint     k)
{
  double latencies[REQUESTS];
  g_autoptr(GHashTable) connections = g_hash_table_new (NULL, NULL);
  Load load = *proto;
  Cell cell = { 0, };
  double elapsed;

  load.endpoint = endpoint;
  load.latencies = latencies;
  load.connections = connections;
  load.started_ms = bench_now_ms ();
  for (guint i = 0; i < k; i++)
    send_next (&load);
  tc_test_wait_until (load_idle, &load, 60);
  elapsed = bench_now_ms () - load.started_ms;

  cell.done = load.done;
  cell.failed = load.failed;
  cell.connections = g_hash_table_size (connections);
  if (load.failure != NULL)
    g_print ("  (%s K=%u: %u of %u failed, first: %s)\n", endpoint_names[endpoint], k,
             load.failed, load.done, load.failure);
  g_free (load.failure);
  cell.rate = load.done / (elapsed / 1000.0);
  cell.p95_ms = bench_percentile (latencies, load.done, 0.95);
  cell.median_ms = bench_median (latencies, load.done);
  return cell;
}

static JsonNode *
get_json (Load       *load,
          const char *path)
{
  g_autofree char *uri = g_strconcat (load->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key",
                                load->api_key);
  body = soup_session_send_and_read (load->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return node;
}

/* The PRO workspace and an active member of it (seeded member 1). */
static void
find_targets (Load  *load,
              char **out_ws,
              char **out_member)
{
  g_autoptr(JsonNode) wss = get_json (load, "/v1/workspaces");
  g_autoptr(JsonNode) users = NULL;
  g_autofree char *path = NULL;
  JsonArray *array = json_node_get_array (wss);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *ws = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (ws, "featureSubscriptionType"), "PRO") == 0)
        *out_ws = g_strdup (json_object_get_string_member (ws, "id"));
    }
  g_assert_nonnull (*out_ws);
  path = g_strdup_printf ("/v1/workspaces/%s/users?status=ALL&email=member00001%%40demo.example",
                          *out_ws);
  users = get_json (load, path);
  array = json_node_get_array (users);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  *out_member = g_strdup (json_object_get_string_member (
                            json_array_get_object_element (array, 0), "id"));
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = a, *y = b;

  return x->rate < y->rate ? -1 : x->rate > y->rate;
}

static void
print_cells (Cell cells[N_ENDPOINTS][G_N_ELEMENTS (concurrency)][RUNS])
{
  for (guint e = 0; e < N_ENDPOINTS; e++)
    {
      double base = 0;

      g_print ("%s\n", endpoint_names[e]);
      for (guint c = 0; c < G_N_ELEMENTS (concurrency); c++)
        {
          Cell *runs = cells[e][c];
          Cell *mid;

          qsort (runs, RUNS, sizeof (Cell), compare_rates);
          mid = &runs[RUNS / 2];
          if (c == 0)
            base = mid->rate;
          g_print ("  K=%-2u %7.0f req/s (runs %.0f-%.0f, x%.2f of K=1)  "
                   "latency median %6.2f ms  p95 %6.2f ms  (%u requests, %u failed, %u connections)\n",
                   concurrency[c], mid->rate, runs[0].rate, runs[RUNS - 1].rate,
                   base > 0 ? mid->rate / base : 0, mid->median_ms, mid->p95_ms,
                   mid->done, mid->failed, mid->connections);
        }
    }
}

static void
bench_endpoints (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "bench-1000.db", NULL);
  g_autoptr(BenchServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *ws = NULL, *member = NULL;
  static Cell cells[N_ENDPOINTS][G_N_ELEMENTS (concurrency)][RUNS];
  Load proto = { 0, };
  double start = bench_now_ms ();

  server = bench_server_new (db, 1000);
  g_print ("service seeded with 1000 members on its own thread in %.0f ms\n",
           bench_now_ms () - start);
  session = g_object_new (SOUP_TYPE_SESSION, "max-conns", 64, "max-conns-per-host", 64,
                          "timeout", 30, NULL);
  proto.session = session;
  proto.base_url = bench_server_get_base_url (server);
  proto.api_key = bench_server_get_api_key (server);
  find_targets (&proto, &ws, &member);
  proto.ws = ws;
  proto.member = member;

  /* Warm up: open the 32 connections and the statement caches. */
  for (guint e = 0; e < N_ENDPOINTS; e++)
    run_cell (&proto, e, 32);

  for (guint run = 0; run < RUNS; run++)
    for (guint e = 0; e < N_ENDPOINTS; e++)
      for (guint c = 0; c < G_N_ELEMENTS (concurrency); c++)
        cells[e][c][run] = run_cell (&proto, e, concurrency[c]);

  g_print ("\n%d runs per cell, each at most %d requests or %.0f ms; the run with the "
           "median rate shown\n", RUNS, REQUESTS, CELL_MS);
  print_cells (cells);
}

static void
bench_seed (void)
{
  double times[SEED_RUNS];
  guint64 size_open = 0, size_closed = 0;
  double median;

  for (guint run = 0; run < SEED_RUNS; run++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%u.db", run);
      g_autofree char *db = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(TcService) service = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      double start;

      service = tc_service_new (db, &error);
      g_assert_no_error (error);
      start = bench_now_ms ();
      g_assert_true (tc_service_seed (service, SEED_BIG, &key, &error));
      times[run] = bench_now_ms () - start;
      size_open = bench_db_size (db);
      tc_service_shutdown (service);
      size_closed = bench_db_size (db);
    }
  median = bench_median (times, SEED_RUNS);
  g_print ("\nseed %d members: median %.0f ms of %d (%.0f-%.0f ms)\n", SEED_BIG,
           median, SEED_RUNS, times[0], times[SEED_RUNS - 1]);
  g_print ("database after seeding %d members: %.1f MiB with its WAL open, %.1f MiB "
           "closed (%.0f bytes per member)\n", SEED_BIG, size_open / 1048576.0,
           size_closed / 1048576.0, (double) size_closed / SEED_BIG);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  bench_print_load ("at start");
  bench_endpoints ();
  bench_seed ();
  bench_print_load ("at end");
  return 0;
}
