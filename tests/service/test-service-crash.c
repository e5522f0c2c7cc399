/* test-service-crash.c — SIGKILL the service during a burst of writes
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timecard-service executable runs on a database prepared with 32
 * users, each with a key. 32 clients, one connection each, PATCH their
 * user's name to "w<client>-<sequence>" with the sequence going up by one
 * per write, as fast as the service answers. Once enough writes were
 * answered 200, the service gets SIGKILL. A trigger in the database logs
 * every name write the service applied, in the same transaction.
 *
 * After a restart on the same database: every acknowledged write is in the
 * log, each client's log goes up by exactly one per row (nothing applied
 * twice, nothing out of order, at most the one write in flight applied
 * without an answer), each user's name is its last logged write, and
 * PRAGMA integrity_check answers "ok".
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "tc-test-service.h"
#include "tc-test-tmp.h"

#define N_CLIENTS 32
/* Acknowledged writes (all clients) before the kill. */
#define KILL_AFTER 600

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  char             *url;
} Child;

static void
child_start (Child      *c,
             const char *db)
{
  g_autoptr(GError) error = NULL;
  char *line;

  c->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, TIMECARD_SERVICE_PATH,
                                 "--port", "0", "--db", db, "--rate-limit", "0", NULL);
  g_assert_no_error (error);
  c->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->process));
  line = g_data_input_stream_read_line_utf8 (c->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "timecard-service listening on http://127.0.0.1:"));
  c->url = g_strdup (strstr (line, "http://"));
  g_free (line);
}

static void
child_clear (Child *c)
{
  g_clear_object (&c->out);
  g_clear_object (&c->process);
  g_clear_pointer (&c->url, g_free);
}

typedef struct
{
  guint        index;
  char        *key;
  char        *user_id;
  SoupSession *session;
  guint        sent;        /* sequence of the write on its way */
  guint        acked;       /* last sequence answered 200 (0: none) */
  guint        other;       /* answers neither 200 nor a transport error */
  gboolean     done;        /* stopped at its first failure */
} Client;

typedef struct
{
  Client   clients[N_CLIENTS];
  char    *url;
  guint    total_acked;
  guint    running;
  gboolean killed;
  Child   *child;
} Burst;

static void send_next (Burst *burst, Client *client);

typedef struct
{
  Burst  *burst;
  Client *client;
} Sending;

static void
patched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Sending *sending = user_data;
  Burst *burst = sending->burst;
  Client *client = sending->client;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (bytes != NULL && soup_message_get_status (msg) == 200)
    {
      client->acked = client->sent;
      burst->total_acked++;
      if (burst->total_acked == KILL_AFTER && !burst->killed)
        {
          burst->killed = TRUE;
          g_subprocess_force_exit (burst->child->process);
        }
      send_next (burst, client);
      return;
    }

  if (bytes != NULL)
    client->other++;
  /* Refused or cut: the service is gone. */
  client->done = TRUE;
  burst->running--;
}

static void
send_next (Burst  *burst,
           Client *client)
{
  g_autofree char *url = g_strconcat (burst->url, "/v1/user", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("PATCH", url);
  g_autoptr(GBytes) body = NULL;
  Sending *sending = g_new0 (Sending, 1);
  char *text;

  client->sent++;
  text = g_strdup_printf ("{\"name\":\"w%02u-%06u\"}", client->index, client->sent);
  body = g_bytes_new_take (text, strlen (text));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key", client->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  sending->burst = burst;
  sending->client = client;
  soup_session_send_and_read_async (client->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    patched_cb, sending);
}

static gboolean
all_stopped (gpointer data)
{
  return ((Burst *) data)->running == 0;
}

static void
spin_until (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms)
{
  gboolean done = FALSE;
  guint waited = 0;

  while (!(done = condition (data)) && waited < timeout_ms)
    {
      tc_test_spin (10);
      waited += 10;
    }
  g_assert_true (done);
}

static void
test_sigkill_during_burst (void)
{
  g_autofree char *dir = tc_test_tmp_dir ("tc-crash-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "crash.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *owner_key = NULL;
  TcTestService setup = { 0, };
  Burst burst = { 0, };
  Child first = { 0, }, second = { 0, };
  guint applied_unanswered = 0;

  /* The world, written in-process, then closed. */
  setup.service = tc_service_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (setup.service, "Olga Owner", "olga@example.com",
                                             &owner_id, &owner_key, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("w%02u-%06u", i, 0);
      g_autofree char *email = g_strdup_printf ("w%02u@example.com", i);

      burst.clients[i].index = i;
      burst.clients[i].user_id = tc_test_add_user (&setup, name, email, &burst.clients[i].key);
    }
  g_assert_true (_tc_db_exec (setup.service,
                              "CREATE TABLE crash_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                              "user_id TEXT NOT NULL, name TEXT NOT NULL)", ""));
  g_assert_true (_tc_db_exec (setup.service,
                              "CREATE TRIGGER crash_audit_name AFTER UPDATE OF name ON users "
                              "BEGIN INSERT INTO crash_audit (user_id, name) "
                              "VALUES (new.id, new.name); END", ""));
  tc_service_shutdown (setup.service);
  g_clear_object (&setup.service);

  /* The burst, then SIGKILL from inside it. */
  child_start (&first, db);
  burst.url = first.url;
  burst.child = &first;
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      /* One connection per client, kept alive between its writes. */
      burst.clients[i].session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                                "max-conns-per-host", 1,
                                                                "timeout", 20, NULL);
      burst.running++;
      send_next (&burst, &burst.clients[i]);
    }
  spin_until (all_stopped, &burst, 120 * 1000);
  g_assert_true (burst.killed);
  g_assert_true (g_subprocess_wait (first.process, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (first.process));
  g_assert_cmpint (g_subprocess_get_term_sig (first.process), ==, SIGKILL);
  g_assert_cmpuint (burst.total_acked, >=, KILL_AFTER);
  child_clear (&first);

  /* Restart on the same database: every user still answers, with the
   * name of its last write that the service applied. */
  child_start (&second, db);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Client *client = &burst.clients[i];
      TcTestService fake = { 0, };
      g_autoptr(TcTestResponse) res = NULL;
      g_autofree char *acked = g_strdup_printf ("w%02u-%06u", i, client->acked);
      g_autofree char *in_flight = g_strdup_printf ("w%02u-%06u", i, client->acked + 1);
      const char *name;

      g_assert_cmpuint (client->other, ==, 0);
      fake.session = client->session;
      fake.base_url = second.url;
      res = tc_test_request (&fake, "GET", "/v1/user", client->key, NULL);
      g_assert_cmpuint (res->status, ==, 200);
      name = json_object_get_string_member (tc_test_response_object (res), "name");
      if (g_strcmp0 (name, acked) != 0)
        g_assert_cmpstr (name, ==, in_flight);
    }
  g_subprocess_send_signal (second.process, SIGTERM);
  g_assert_true (g_subprocess_wait (second.process, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (second.process));
  child_clear (&second);

  /* The database, in-process again. */
  setup.service = tc_service_new (db, &error);
  g_assert_no_error (error);
  integrity = _tc_db_dup_string (setup.service, "PRAGMA integrity_check", "");
  g_assert_cmpstr (integrity, ==, "ok");

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Client *client = &burst.clients[i];
      sqlite3_stmt *stmt = _tc_db_prepare (setup.service, "SELECT name FROM crash_audit "
                                           "WHERE user_id = ? ORDER BY seq", "s", client->user_id);
      guint expected = 1;

      g_assert_nonnull (stmt);
      /* 1, 2, 3, … with no gap and no repeat: each applied once, in order. */
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *want = g_strdup_printf ("w%02u-%06u", i, expected);

          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, want);
          expected++;
        }
      sqlite3_reset (stmt);
      /* Every acknowledged write is there; beyond it at most the one in
       * flight at the kill. */
      g_assert_cmpuint (expected - 1, >=, client->acked);
      g_assert_cmpuint (expected - 1, <=, client->acked + 1);
      applied_unanswered += expected - 1 - client->acked;
    }

  g_test_message ("%u writes acknowledged before SIGKILL, %u applied without an answer",
                  burst.total_acked, applied_unanswered);

  tc_service_shutdown (setup.service);
  g_clear_object (&setup.service);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_clear_object (&burst.clients[i].session);
      g_free (burst.clients[i].key);
      g_free (burst.clients[i].user_id);
    }
  tc_test_tmp_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/crash/sigkill-during-burst", test_sigkill_during_burst);

  return g_test_run ();
}
