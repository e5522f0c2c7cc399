/* test-service-connections.c — descriptors, body cap, timeouts, connection cap
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Raw TCP clients against the real service: the in-process TcService (its
 * requests run on this thread's main context, so the clients run on a thread
 * of their own), the TcServiceRunner the local account uses, and the
 * timecard-service executable under a low descriptor limit.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "tc-service-runner.h"
#include "tc-test-service.h"
#include "tc-test-tmp.h"

#define FD_LIMIT          256
#define SEQUENTIAL        2000
#define FD_SLACK          4
#define CLIENT_TIMEOUT_S  10

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n - 1;   /* the GDir's own descriptor */
}

static guint
count_fds_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static void
set_fd_limit (rlim_t limit)
{
  struct rlimit rl;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &rl), ==, 0);
  rl.rlim_cur = MIN (limit, rl.rlim_max);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &rl), ==, 0);
}

/* A fresh TCP connection with blocking reads that give up after
 * CLIENT_TIMEOUT_S, so that no test can hang on a silent server. */
static GSocket *
connect_to (guint    port,
            GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);

  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, CLIENT_TIMEOUT_S);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static gboolean
send_all (GSocket     *socket,
          const char  *data,
          gsize        len,
          GError     **error)
{
  while (len > 0)
    {
      gssize n = g_socket_send (socket, data, len, NULL, error);

      if (n < 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Reads until the server closes; NULL with @error on a timeout. */
static char *
read_to_end (GSocket  *socket,
             GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buf[4096];

  for (;;)
    {
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        return g_string_free (g_steal_pointer (&text), FALSE);
      g_string_append_len (text, buf, n);
    }
}

/* Reads one answer: the headers, then Content-Length bytes of body. The
 * server may keep the connection open after it. */
static char *
read_answer (GSocket  *socket,
             GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *end = NULL;
  gsize wanted = G_MAXSIZE;
  char buf[4096];

  while (text->len < wanted)
    {
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_string_append_len (text, buf, n);
      if (end == NULL && (end = strstr (text->str, "\r\n\r\n")) != NULL)
        {
          const char *length = strstr (text->str, "Content-Length: ");

          wanted = (gsize) (end - text->str) + 4;
          if (length != NULL && length < end)
            wanted += g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One request on a connection of its own, sent as curl sends it (HTTP/1.1,
 * nothing said about keeping the connection); the client closes once it
 * has the answer. Returns the status code, 0 when no answer came within
 * @timeout_s. */
static guint
one_request_timeout (guint       port,
                     const char *key,
                     guint       timeout_s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = connect_to (port, &error);
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;

  if (socket == NULL)
    return 0;
  g_socket_set_timeout (socket, timeout_s);
  request = g_strdup_printf ("GET /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "User-Agent: curl/7.88.1\r\nAccept: */*\r\n"
                             "X-Api-Key: %s\r\n\r\n", port, key);
  if (!send_all (socket, request, strlen (request), &error) ||
      (answer = read_answer (socket, &error)) == NULL ||
      !g_str_has_prefix (answer, "HTTP/1.1 "))
    return 0;
  return (guint) g_ascii_strtoull (answer + strlen ("HTTP/1.1 "), NULL, 10);
}

static guint
one_request (guint       port,
             const char *key)
{
  return one_request_timeout (port, key, CLIENT_TIMEOUT_S);
}

/* Runs @func on a thread while this thread's main context (the in-process
 * service's) turns. */
typedef struct
{
  GThreadFunc  func;
  gpointer     data;
  gint         done;
} ClientRun;

static gpointer
client_thread (gpointer user_data)
{
  ClientRun *run = user_data;

  run->func (run->data);
  g_atomic_int_set (&run->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
run_client (GThreadFunc func,
            gpointer    data)
{
  ClientRun run = { func, data, 0 };
  GThread *thread = g_thread_new ("test-client", client_thread, &run);

  while (!g_atomic_int_get (&run.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
}

/* Lets the service close what the clients left, then returns the count. */
static guint
settled_fds (guint baseline)
{
  guint n = count_fds ();

  for (guint i = 0; i < 100 && n > baseline + FD_SLACK; i++)
    {
      tc_test_spin (20);
      n = count_fds ();
    }
  return n;
}

/* 1. No descriptor grows with the number of connections. */

typedef struct
{
  guint  port;
  char  *key;
  guint  answered;
  guint  ok;
} Sequential;

static gpointer
sequential_requests (gpointer user_data)
{
  Sequential *s = user_data;

  for (guint i = 0; i < SEQUENTIAL; i++)
    {
      guint status = one_request (s->port, s->key);

      if (status == 0)
        break;
      s->answered++;
      if (status == 200)
        s->ok++;
    }
  return NULL;
}

static void
test_sequential_in_process (void)
{
  if (g_test_subprocess ())
    {
      TcTestService *ts;
      Sequential s = { 0, };
      guint before, after;

      set_fd_limit (FD_LIMIT);
      ts = tc_test_service_new ();
      tc_service_set_rate_limit (ts->service, 0, 1);
      s.port = tc_service_get_port (ts->service);
      s.key = ts->owner_key;
      before = count_fds ();
      run_client (sequential_requests, &s);
      after = settled_fds (before);
      g_printerr ("in-process: %u of %u answered, descriptors %u before, %u after\n",
                  s.answered, SEQUENTIAL, before, after);
      g_assert_cmpuint (s.answered, ==, SEQUENTIAL);
      g_assert_cmpuint (s.ok, ==, SEQUENTIAL);
      g_assert_cmpuint (after, <=, before + FD_SLACK);
      tc_test_service_free (ts);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tc_service_runner_start_finish (TC_SERVICE_RUNNER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_sequential_runner (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = tc_test_tmp_dir ("tc-conn-runner-XXXXXX");
      g_autofree char *db = g_build_filename (dir, "service.db", NULL);
      g_autoptr(TcServiceRunner) runner = NULL;
      g_autoptr(GUri) uri = NULL;
      Sequential s = { 0, };
      gboolean started = FALSE;
      guint before, after;

      set_fd_limit (FD_LIMIT);
      runner = tc_service_runner_new (db, NULL);
      tc_service_runner_start_async (runner, "Olga Owner", "olga@example.com", NULL,
                                     started_cb, &started);
      g_assert_true (tc_test_wait_for (&started, 10000));
      uri = g_uri_parse (tc_service_runner_get_base_url (runner), G_URI_FLAGS_NONE, &error);
      g_assert_no_error (error);
      s.port = (guint) g_uri_get_port (uri);
      s.key = tc_service_runner_dup_new_api_key (runner);
      g_assert_nonnull (s.key);

      /* The runner serves on a thread of its own: plain blocking clients. */
      before = count_fds ();
      sequential_requests (&s);
      after = count_fds ();
      for (guint i = 0; i < 100 && after > before + FD_SLACK; i++)
        {
          g_usleep (20000);
          after = count_fds ();
        }
      g_printerr ("runner: %u of %u answered (%u with 200, the rest 429), "
                      "descriptors %u before, %u after\n", s.answered, SEQUENTIAL, s.ok,
                  before, after);
      /* The runner keeps its default rate limit: 429 is an answer too. */
      g_assert_cmpuint (s.answered, ==, SEQUENTIAL);
      g_assert_cmpuint (s.ok, >, 0);
      g_assert_cmpuint (after, <=, before + FD_SLACK);

      tc_service_runner_stop (runner);
      g_free (s.key);
      tc_test_tmp_remove (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* 2. A chunked body is counted while it is read, before authentication. */

#define STREAMED_BYTES (64 * 1024 * 1024)

typedef struct
{
  guint    port;
  goffset  sent;
  char    *answer;
  gboolean refused;
} Streamed;

static gpointer
stream_chunked (gpointer user_data)
{
  Streamed *st = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = connect_to (st->port, &error);
  g_autofree char *head = NULL;
  g_autofree char *chunk = NULL;
  const gsize chunk_size = 64 * 1024;
  gsize header_len;

  g_assert_no_error (error);
  head = g_strdup_printf ("POST /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                          "Content-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n", st->port);
  g_assert_true (send_all (socket, head, strlen (head), NULL));

  /* "10000\r\n" + 64 KiB of zeros + "\r\n", again and again. */
  header_len = strlen ("10000\r\n");
  chunk = g_malloc0 (header_len + chunk_size + 2);
  memcpy (chunk, "10000\r\n", header_len);
  memcpy (chunk + header_len + chunk_size, "\r\n", 2);
  while (st->sent < STREAMED_BYTES)
    {
      if (!send_all (socket, chunk, header_len + chunk_size + 2, &error))
        {
          /* Reset or closed under us: refused. */
          st->refused = TRUE;
          g_clear_error (&error);
          break;
        }
      st->sent += chunk_size;
    }
  if (!st->refused)
    send_all (socket, "0\r\n\r\n", 5, NULL);
  st->answer = read_to_end (socket, NULL);
  return NULL;
}

static void
test_chunked_body_cap (void)
{
  TcTestService *ts = tc_test_service_new ();
  Streamed st = { 0, };
  gint64 before, after;
  gboolean answered_413;

  st.port = tc_service_get_port (ts->service);
  before = rss_kib ();
  run_client (stream_chunked, &st);
  after = rss_kib ();

  answered_413 = st.answer != NULL && g_str_has_prefix (st.answer, "HTTP/1.1 413");
  g_test_message ("streamed %" G_GOFFSET_FORMAT " bytes; %s; RSS %" G_GINT64_FORMAT
                  " KiB before, %" G_GINT64_FORMAT " KiB after",
                  st.sent, answered_413 ? "answered 413" : "closed without an answer",
                  before, after);
  /* Refused (413, or closed) long before the 64 MiB were all sent... */
  g_assert_true (answered_413 || (st.refused && (st.answer == NULL || st.answer[0] == '\0')));
  g_assert_cmpint (st.sent, <, STREAMED_BYTES);
  /* ...and never buffered. */
  g_assert_cmpint (after - before, <, 20 * 1024);

  /* The service goes on answering. */
  {
    g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);

    g_assert_cmpuint (res->status, ==, 200);
  }
  g_free (st.answer);
  tc_test_service_free (ts);
}

/* 3. Header and idle timeouts close connections that stall. */

#define SHORT_TIMEOUT_MS 300

typedef struct
{
  guint    port;
  gboolean closed[3];
} Stalled;

/* TRUE when the server closed the connection (end of file or reset) before
 * the client's own CLIENT_TIMEOUT_S ran out. */
static gboolean
closed_by_server (GSocket *socket)
{
  g_autoptr(GError) error = NULL;
  char buf[4096];
  gssize n;

  while ((n = g_socket_receive (socket, buf, sizeof buf, NULL, &error)) > 0)
    ;
  return n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static gpointer
stall_connections (gpointer user_data)
{
  Stalled *st = user_data;
  g_autoptr(GSocket) silent = connect_to (st->port, NULL);
  g_autoptr(GSocket) partial = connect_to (st->port, NULL);
  g_autoptr(GSocket) body = connect_to (st->port, NULL);
  static const char partial_headers[] = "GET /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  static const char short_body[] = "PATCH /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Content-Type: application/json\r\n"
                                   "Content-Length: 100\r\n\r\n{\"name\":";

  g_assert_nonnull (silent);
  g_assert_nonnull (partial);
  g_assert_nonnull (body);
  /* Sends nothing; half its headers; headers and a tenth of its body. */
  g_assert_true (send_all (partial, partial_headers, strlen (partial_headers), NULL));
  g_assert_true (send_all (body, short_body, strlen (short_body), NULL));
  st->closed[0] = closed_by_server (silent);
  st->closed[1] = closed_by_server (partial);
  st->closed[2] = closed_by_server (body);
  return NULL;
}

static void
test_timeouts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tc_test_tmp_dir ("tc-conn-timeouts-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "service.db", NULL);
  g_autoptr(TcService) service = NULL;
  Stalled st = { 0, };

  service = tc_service_new (db, &error);
  g_assert_no_error (error);
  tc_service_set_connection_limits (service, 0, SHORT_TIMEOUT_MS, SHORT_TIMEOUT_MS);
  g_assert_true (tc_service_listen (service, 0, &error));
  g_assert_no_error (error);
  st.port = tc_service_get_port (service);

  run_client (stall_connections, &st);
  g_assert_true (st.closed[0]);
  g_assert_true (st.closed[1]);
  g_assert_true (st.closed[2]);
  tc_test_spin (50);
  g_assert_cmpuint (_tc_service_listener_get_n_connections (service->listener), ==, 0);

  tc_service_shutdown (service);
  g_clear_object (&service);
  tc_test_tmp_remove (dir);
}

/* 5. Keep-alive: several requests over one connection, and none of the
 * limits lost on the second one. */

#define MAX_REQUESTS       5
#define CLOSED_AFTER_TWO   200

typedef struct
{
  guint    port;
  char    *key;
  guint    statuses[MAX_REQUESTS];
  gboolean said_close[MAX_REQUESTS];
  gboolean closed_after_cap;
  gboolean idle_closed;
  gboolean client_close_honoured;
  gboolean partial_closed;
  gboolean big_refused;
  guint    two_ok;
} KeptAlive;

/* Long enough that a client thread starved on a loaded machine still sends
 * its next request in time (1 s, times TC_TEST_TIMEOUT_MULTIPLIER up to
 * 3); the header timeout is twice that, well under CLIENT_TIMEOUT_S, which
 * the idle cases wait for. */
static guint
keep_alive_ms (void)
{
  const char *multiplier = g_getenv ("TC_TEST_TIMEOUT_MULTIPLIER");
  guint64 m = multiplier != NULL ? g_ascii_strtoull (multiplier, NULL, 10) : 1;

  return 1000 * (guint) CLAMP (m, 1, 3);
}

static char *
user_request (guint       port,
              const char *key,
              const char *extra)
{
  return g_strdup_printf ("GET /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                          "X-Api-Key: %s\r\n%s\r\n", port, key, extra);
}

static guint
status_of (const char *answer)
{
  if (answer == NULL || !g_str_has_prefix (answer, "HTTP/1.1 "))
    return 0;
  return (guint) g_ascii_strtoull (answer + strlen ("HTTP/1.1 "), NULL, 10);
}

/* One request on @socket, answered; NULL when nothing came. */
static char *
exchange (GSocket    *socket,
          guint       port,
          const char *key,
          const char *extra)
{
  g_autofree char *request = user_request (port, key, extra);

  if (!send_all (socket, request, strlen (request), NULL))
    return NULL;
  return read_answer (socket, NULL);
}

static gpointer
keep_alive_client (gpointer user_data)
{
  KeptAlive *ka = user_data;
  /* Each connected right before it is used: an idle one would meet its
   * header timeout. */
  g_autoptr(GSocket) capped = connect_to (ka->port, NULL);
  g_autoptr(GSocket) idle = NULL;
  g_autoptr(GSocket) polite = NULL;
  g_autoptr(GSocket) partial = NULL;
  g_autoptr(GSocket) big = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *big_head = NULL;
  static const char partial_headers[] = "GET /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  g_assert_nonnull (capped);

  /* MAX_REQUESTS requests on one connection; the last answer says close. */
  for (guint i = 0; i < MAX_REQUESTS; i++)
    {
      g_autofree char *a = exchange (capped, ka->port, ka->key, "");

      ka->statuses[i] = status_of (a);
      ka->said_close[i] = a != NULL && strstr (a, "\r\nConnection: close\r\n") != NULL;
    }
  rest = read_to_end (capped, NULL);
  ka->closed_after_cap = rest != NULL && rest[0] == '\0';

  /* Answered, then silent: closed after the keep-alive timeout. */
  idle = connect_to (ka->port, NULL);
  g_assert_nonnull (idle);
  answer = exchange (idle, ka->port, ka->key, "");
  ka->idle_closed = status_of (answer) == 200 && closed_by_server (idle);
  g_clear_pointer (&answer, g_free);

  /* The client says close: the server closes after the answer. */
  polite = connect_to (ka->port, NULL);
  g_assert_nonnull (polite);
  answer = exchange (polite, ka->port, ka->key, "Connection: close\r\n");
  g_clear_pointer (&rest, g_free);
  rest = read_to_end (polite, NULL);
  ka->client_close_honoured = status_of (answer) == 200 && rest != NULL && rest[0] == '\0';
  g_clear_pointer (&answer, g_free);

  /* The second request's headers never end: closed (header timeout). */
  partial = connect_to (ka->port, NULL);
  g_assert_nonnull (partial);
  answer = exchange (partial, ka->port, ka->key, "");
  ka->partial_closed = status_of (answer) == 200 &&
                       send_all (partial, partial_headers, strlen (partial_headers), NULL) &&
                       closed_by_server (partial);
  g_clear_pointer (&answer, g_free);

  /* The second request announces a body past the cap: 413, closed. */
  big = connect_to (ka->port, NULL);
  g_assert_nonnull (big);
  answer = exchange (big, ka->port, ka->key, "");
  if (status_of (answer) == 200)
    {
      g_autofree char *refused = NULL;

      big_head = g_strdup_printf ("PATCH /api/v1/user HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "X-Api-Key: %s\r\nContent-Type: application/json\r\n"
                                  "Content-Length: %d\r\n\r\n", ka->key, 3 * 1024 * 1024);
      refused = send_all (big, big_head, strlen (big_head), NULL) ? read_to_end (big, NULL) : NULL;
      ka->big_refused = refused != NULL && g_str_has_prefix (refused, "HTTP/1.1 413");
    }
  g_clear_pointer (&answer, g_free);

  /* What curl does: two requests, then the client closes between requests. */
  for (guint i = 0; i < CLOSED_AFTER_TWO; i++)
    {
      g_autoptr(GSocket) two = connect_to (ka->port, NULL);
      g_autofree char *first = two ? exchange (two, ka->port, ka->key, "") : NULL;
      g_autofree char *second = first ? exchange (two, ka->port, ka->key, "") : NULL;

      if (status_of (first) == 200 && status_of (second) == 200)
        ka->two_ok++;
    }
  return NULL;
}

static void
test_keep_alive (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tc_test_tmp_dir ("tc-conn-keep-alive-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "service.db", NULL);
  g_autoptr(TcService) service = NULL;
  g_autofree char *owner = NULL;
  KeptAlive ka = { 0, };
  guint before, after;

  service = tc_service_new (db, &error);
  g_assert_no_error (error);
  tc_service_set_connection_limits (service, 0, 2 * keep_alive_ms (), 10000);
  tc_service_set_keep_alive (service, keep_alive_ms (), MAX_REQUESTS);
  tc_service_set_rate_limit (service, 0, 0);
  g_assert_true (tc_service_listen (service, 0, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (service, "Olga Owner", "olga@example.com",
                                             &owner, &ka.key, &error));
  g_assert_no_error (error);
  ka.port = tc_service_get_port (service);

  before = count_fds ();
  run_client (keep_alive_client, &ka);
  after = settled_fds (before);
  g_test_message ("keep-alive: %u of %u connections closed by the client after two requests "
                  "answered; descriptors %u before, %u after",
                  ka.two_ok, CLOSED_AFTER_TWO, before, after);

  for (guint i = 0; i < MAX_REQUESTS; i++)
    {
      g_assert_cmpuint (ka.statuses[i], ==, 200);
      g_assert_cmpint (ka.said_close[i], ==, i == MAX_REQUESTS - 1);
    }
  g_assert_true (ka.closed_after_cap);
  g_assert_true (ka.idle_closed);
  g_assert_true (ka.client_close_honoured);
  g_assert_true (ka.partial_closed);
  g_assert_true (ka.big_refused);
  g_assert_cmpuint (ka.two_ok, ==, CLOSED_AFTER_TWO);
  g_assert_cmpuint (after, <=, before + FD_SLACK);
  for (guint i = 0; i < 100 && _tc_service_listener_get_n_connections (service->listener) > 0; i++)
    tc_test_spin (20);
  g_assert_cmpuint (_tc_service_listener_get_n_connections (service->listener), ==, 0);

  tc_service_shutdown (service);
  g_clear_object (&service);
  g_free (ka.key);
  tc_test_tmp_remove (dir);
}

/* A busy service (a loaded machine, or the UI tests, where it shares the
 * window's main loop) may dispatch nothing past a connection's keep-alive
 * timeout while the client's next request already waits on the socket:
 * the timer then runs before the read, and must not close the connection
 * under that request. */
#define LATE_KEEP_ALIVE_MS 100

typedef struct
{
  guint  port;
  char  *key;
  gint   answered;   /* the first answer is in */
  gint   go;         /* send the second request */
  gint   done;
  guint  statuses[2];
} LateLoop;

static gpointer
late_loop_client (gpointer user_data)
{
  LateLoop *late = user_data;
  g_autoptr(GSocket) socket = connect_to (late->port, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_nonnull (socket);
  first = exchange (socket, late->port, late->key, "");
  late->statuses[0] = status_of (first);
  g_atomic_int_set (&late->answered, 1);
  g_main_context_wakeup (NULL);
  while (!g_atomic_int_get (&late->go))
    g_usleep (1000);
  second = exchange (socket, late->port, late->key, "");
  late->statuses[1] = status_of (second);
  g_atomic_int_set (&late->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_keep_alive_late_loop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tc_test_tmp_dir ("tc-conn-late-loop-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "service.db", NULL);
  g_autoptr(TcService) service = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *key = NULL;
  LateLoop late = { 0, };
  GThread *thread;

  service = tc_service_new (db, &error);
  g_assert_no_error (error);
  tc_service_set_keep_alive (service, LATE_KEEP_ALIVE_MS, 0);
  tc_service_set_rate_limit (service, 0, 0);
  g_assert_true (tc_service_listen (service, 0, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (service, "Olga Owner", "olga@example.com",
                                             &owner, &key, &error));
  g_assert_no_error (error);
  late.port = tc_service_get_port (service);
  late.key = key;

  thread = g_thread_new ("test-client", late_loop_client, &late);
  while (!g_atomic_int_get (&late.answered))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Busy: the second request arrives, and the keep-alive timeout passes,
   * while nothing is dispatched. */
  g_atomic_int_set (&late.go, 1);
  g_usleep (3 * LATE_KEEP_ALIVE_MS * 1000);
  while (!g_atomic_int_get (&late.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (late.statuses[0], ==, 200);
  g_assert_cmpuint (late.statuses[1], ==, 200);

  tc_service_shutdown (service);
  g_clear_object (&service);
  tc_test_tmp_remove (dir);
}

/* 4. The executable under a low descriptor limit: a cap on connections,
 * and recovery once descriptors come back. */

typedef struct
{
  char        *dir;
  GSubprocess *process;
  guint        port;
  char        *key;
  char        *err_path;
} Child;

/* In the child: the low limit, and no service left behind when a failed
 * assertion ends the test before child_stop(). */
static void
limit_child_fds (gpointer user_data)
{
  struct rlimit rl = { FD_LIMIT, FD_LIMIT };

  setrlimit (RLIMIT_NOFILE, &rl);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
child_start (Child      *c,
             const char *header_timeout,
             const char *max_connections)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;
  g_autofree char *key_line = NULL;
  const char *port;

  c->dir = tc_test_tmp_dir ("tc-conn-exe-XXXXXX");
  db = g_build_filename (c->dir, "service.db", NULL);
  c->err_path = g_build_filename (c->dir, "stderr.txt", NULL);
  g_subprocess_launcher_set_child_setup (launcher, limit_child_fds, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, c->err_path);
  c->process = g_subprocess_launcher_spawn (launcher, &error, TIMECARD_SERVICE_PATH,
                                            "--port", "0", "--db", db, "--rate-limit", "0",
                                            "--header-timeout", header_timeout,
                                            "--max-connections", max_connections, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  port = strrchr (line, ':');
  g_assert_nonnull (port);
  c->port = (guint) g_ascii_strtoull (port + 1, NULL, 10);
  key_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (key_line, "Owner API key (shown once, keep it): "));
  c->key = g_strdup (strrchr (key_line, ' ') + 1);
}

static void
child_stop (Child *c)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (c->process, SIGTERM);
  g_assert_true (g_subprocess_wait (c->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (c->process));
  g_assert_cmpint (g_subprocess_get_exit_status (c->process), ==, 0);
  g_clear_object (&c->process);

  tc_test_tmp_remove (c->dir);
  g_clear_pointer (&c->dir, g_free);
  g_clear_pointer (&c->key, g_free);
  g_clear_pointer (&c->err_path, g_free);
}

static GPid
child_pid (Child *c)
{
  return (GPid) g_ascii_strtoll (g_subprocess_get_identifier (c->process), NULL, 10);
}

/* Waits (10 s at most) until the child has @wanted descriptors open; returns
 * the count it saw last. */
static guint
wait_fds_of (Child *c,
             guint  wanted)
{
  guint n = count_fds_of (child_pid (c));

  for (guint i = 0; i < 100 && n < wanted; i++)
    {
      g_usleep (100000);
      n = count_fds_of (child_pid (c));
    }
  return n;
}

/* Opens @n connections at once without sending anything. */
static GPtrArray *
open_idle (guint port,
           guint n)
{
  GPtrArray *sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (socket, FALSE);
      /* Pending is fine: the kernel completes it or keeps it queued. */
      if (!g_socket_connect (socket, address, NULL, &error))
        g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING));
      g_ptr_array_add (sockets, socket);
    }
  return sockets;
}

/* Polls until a request is answered 200, for 30 s at most; returns the
 * seconds it took, or -1. */
static double
wait_answered (Child *c)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
    {
      if (one_request_timeout (c->port, c->key, 2) == 200)
        return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      g_usleep (100000);
    }
  return -1;
}

static void
test_fd_exhaustion_recovers (void)
{
  Child c = { 0, };
  g_autoptr(GPtrArray) idle = NULL;
  g_autofree char *err = NULL;
  guint peak;
  double seconds;

  /* 1,100 sockets here, 256 descriptors there. */
  set_fd_limit (4096);
  if (count_fds () + 1100 + 64 > 4096)
    {
      g_test_skip ("cannot raise this process's descriptor limit");
      return;
    }

  child_start (&c, "2", "2000");
  g_assert_cmpuint (one_request (c.port, c.key), ==, 200);

  idle = open_idle (c.port, 1100);
  peak = wait_fds_of (&c, FD_LIMIT - 8);
  g_ptr_array_set_size (idle, 0);

  seconds = wait_answered (&c);
  g_assert_true (g_file_get_contents (c.err_path, &err, NULL, NULL));
  g_test_message ("1,100 idle connections: the service reached %u descriptors (limit %d); "
                  "answering again %.2f s after they closed", peak, FD_LIMIT, seconds);
  g_assert_cmpuint (peak, >=, FD_LIMIT - 8);
  g_assert_cmpfloat (seconds, >=, 0);
  g_assert_nonnull (strstr (err, "Cannot accept connections"));
  child_stop (&c);
}

static void
test_connection_cap (void)
{
  Child c = { 0, };
  g_autoptr(GPtrArray) idle = NULL;
  guint base, peak;

  child_start (&c, "5", "50");
  g_assert_cmpuint (one_request (c.port, c.key), ==, 200);
  base = count_fds_of (child_pid (&c));

  idle = open_idle (c.port, 150);
  wait_fds_of (&c, base + 45);
  /* Give it time to go past the cap, were it to. */
  g_usleep (G_USEC_PER_SEC / 2);
  peak = count_fds_of (child_pid (&c));
  g_test_message ("150 idle connections, cap 50: %u descriptors before, %u with them",
                  base, peak);
  g_assert_cmpuint (peak, <=, base + 50);
  g_assert_cmpuint (peak, >=, base + 45);

  /* Closed by the client, the accepted ones end at once and those still in
   * the backlog get their turn; then the service answers. */
  g_ptr_array_set_size (idle, 0);
  g_assert_cmpfloat (wait_answered (&c), >=, 0);
  child_stop (&c);
}

/* 5. --listen */

static char *
spawn_listen (const char *address,
              char      **out_stdout,
              int        *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tc_test_tmp_dir ("tc-conn-listen-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "service.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) errs = NULL;
  g_autoptr(GString) err_text = g_string_new (NULL);
  g_autofree char *line = NULL;
  char *err_line;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, TIMECARD_SERVICE_PATH, "--listen", address,
                              "--port", "0", "--db", db, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  errs = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line != NULL)
    g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  while ((err_line = g_data_input_stream_read_line_utf8 (errs, NULL, NULL, NULL)) != NULL)
    {
      g_string_append_printf (err_text, "%s\n", err_line);
      g_free (err_line);
    }
  *out_stdout = g_steal_pointer (&line);
  *out_status = g_subprocess_get_exit_status (process);

  tc_test_tmp_remove (dir);
  return g_string_free (g_steal_pointer (&err_text), FALSE);
}

static void
test_listen_option (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Anything but loopback: a warning about plain HTTP. */
  err = spawn_listen ("0.0.0.0", &out, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "timecard-service listening on http://0.0.0.0:"));
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "plain HTTP"));
  g_assert_nonnull (strstr (err, "TLS reverse proxy"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Loopback, IPv4 or IPv6: no warning. */
  err = spawn_listen ("127.0.0.1", &out, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "timecard-service listening on http://127.0.0.1:"));
  g_assert_null (strstr (err, "warning"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --help says what it does and where it belongs. */
  {
    const char *argv[] = { TIMECARD_SERVICE_PATH, "--help", NULL };
    g_autofree char *help = NULL;
    g_autoptr(GError) error = NULL;
    int help_status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &help, NULL, &help_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (help_status, NULL));
    g_assert_nonnull (strstr (help, "--listen=ADDRESS"));
    g_assert_nonnull (strstr (help, "reverse"));
    g_assert_nonnull (strstr (help, "--max-connections"));
    g_assert_nonnull (strstr (help, "--header-timeout"));
    g_assert_nonnull (strstr (help, "--idle-timeout"));
  }

  /* Not an address: a clear error, nothing started. */
  err = spawn_listen ("localhost.example", &out, &status);
  g_assert_null (out);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--listen: “localhost.example” is not an IPv4 or IPv6 address"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/connections/sequential-in-process", test_sequential_in_process);
  g_test_add_func ("/service/connections/sequential-runner", test_sequential_runner);
  g_test_add_func ("/service/connections/chunked-body-cap", test_chunked_body_cap);
  g_test_add_func ("/service/connections/timeouts", test_timeouts);
  g_test_add_func ("/service/connections/keep-alive", test_keep_alive);
  g_test_add_func ("/service/connections/keep-alive-late-loop", test_keep_alive_late_loop);
  g_test_add_func ("/service/connections/cap", test_connection_cap);
  g_test_add_func ("/service/connections/fd-exhaustion-recovers", test_fd_exhaustion_recovers);
  g_test_add_func ("/service/connections/listen", test_listen_option);

  return g_test_run ();
}
