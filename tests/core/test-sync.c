/* test-sync.c — cache, outbox, conflicts, offline, SIGKILL, no key leaks
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against a real timecard-service in-process, often behind the
 * scripted server (as a proxy) so the test can count what reached it.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-cache.h"
#include "tc-core-test-server.h"
#include "tc-session-private.h"
#include "tc-test-util.h"
#include "tc-test-session.h"

/* Every log line of the run, as G_MESSAGES_DEBUG=all would print it. */
static GString *captured_log;
static GMutex captured_lock;

/* Lets queued idles run (the cache drops its jobs' last references on
 * the caller's context). */
static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (*(gpointer *) data)->ref_count == 1;
}

static void
drain_and_finalize (gpointer object_ptr)
{
  tc_test_wait_until (only_ref, object_ptr, 10);
  g_assert_finalize_object (*(gpointer *) object_ptr);
  *(gpointer *) object_ptr = NULL;
}

typedef struct {
  char      *db_path;
  TcService *service;
  char      *owner_id;
  char      *api_key;
  char      *base_url;
  guint      port;
} Server;

static void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;

  server->service = tc_service_new (server->db_path, &error);
  g_assert_no_error (error);
  if (server->api_key == NULL)
    {
      g_assert_true (tc_service_bootstrap_owner (server->service, "Ada Lovelace", "ada@example.com",
                                                 &server->owner_id, &server->api_key, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tc_service_listen (server->service, server->port, &error));
  g_assert_no_error (error);
  server->port = tc_service_get_port (server->service);
  g_free (server->base_url);
  server->base_url = tc_service_dup_base_url (server->service);
}

static void
server_stop (Server *server)
{
  tc_service_shutdown (server->service);
  drain_and_finalize (&server->service);
}

static Server *
server_new (void)
{
  static guint counter;
  Server *server = g_new0 (Server, 1);
  g_autofree char *name = g_strdup_printf ("sync-service-%u.db", ++counter);

  server->db_path = g_build_filename (g_get_user_data_dir (), name, NULL);
  server_start (server);
  return server;
}

static void
server_free (Server *server)
{
  if (server->service != NULL)
    server_stop (server);
  g_free (server->db_path);
  g_free (server->owner_id);
  g_free (server->api_key);
  g_free (server->base_url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static TcSession *
session_new (Server     *server,
             const char *base_url)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (base_url ? base_url : server->base_url, NULL);
  g_autoptr(TcAccount) account = tc_account_new ("local", server->owner_id, NULL);
  TcSession *session;

  tc_api_client_set_api_key (client, server->api_key);
  tc_api_client_set_retry_policy (client, 2, 5, 20);
  session = tc_session_new (account, client);
  _tc_session_set_retry_delays (session, 20, 100);
  return session;
}

static gboolean
refresh (TcSession  *session,
         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  return tc_session_refresh_finish (session, result, error);
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

/* The server's value of a settings member, as a string. */
static char *
server_setting (Server     *server,
                const char *wire)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (server->base_url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *settings;

  tc_api_client_set_api_key (client, server->api_key);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, &body, &error));
  settings = json_object_get_object_member (json_node_get_object (body), "settings");
  return json_to_string (json_object_get_member (settings, wire), FALSE);
}

static void
server_patch_settings (Server     *server,
                       const char *json)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (server->base_url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  tc_api_client_set_api_key (client, server->api_key);
  tc_api_client_request_async (client, "PATCH", "/v1/user/settings", body, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, NULL, &error));
}

static char *
get_string (TcSession  *session,
            const char *property)
{
  char *value = NULL;

  g_object_get (tc_session_get_settings (session), property, &value, NULL);
  return value;
}

typedef struct {
  guint     n;
  char     *field;
  GError   *error;
  GVariant *server;
  GVariant *local;
} Signalled;

static void
signalled_clear (Signalled *s)
{
  g_clear_pointer (&s->field, g_free);
  g_clear_error (&s->error);
  g_clear_pointer (&s->server, g_variant_unref);
  g_clear_pointer (&s->local, g_variant_unref);
}

static void
edit_refused_cb (TcSession    *session,
                 const char   *field,
                 const GError *error,
                 Signalled    *s)
{
  signalled_clear (s);
  s->n++;
  s->field = g_strdup (field);
  s->error = g_error_copy (error);
}

static void
edit_conflict_cb (TcSession  *session,
                  const char *field,
                  GVariant   *server,
                  GVariant   *local,
                  Signalled  *s)
{
  signalled_clear (s);
  s->n++;
  s->field = g_strdup (field);
  s->server = g_variant_ref (server);
  s->local = g_variant_ref (local);
}

static gboolean
signalled_once (gpointer data)
{
  return ((Signalled *) data)->n > 0;
}

/* Tests */

static void
test_edit_reaches_server (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) session = session_new (server, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (refresh (session, &error));
  g_assert_false (tc_session_get_stale (session));
  g_assert_false (tc_session_get_offline (session));
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (session)), ==, 1);
  g_assert_nonnull (tc_session_get_active_workspace (session));

  g_object_set (tc_session_get_settings (session), "theme", "DARK", "send-newsletter", TRUE, NULL);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 2);
  tc_test_wait_until (no_pending_edits, session, 10);

  stored = server_setting (server, "theme");
  g_assert_cmpstr (stored, ==, "\"DARK\"");
  g_free (stored);
  stored = server_setting (server, "sendNewsletter");
  g_assert_cmpstr (stored, ==, "true");
}

static void
test_edit_refused (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) session = session_new (server, NULL);
  g_autofree char *zone = NULL;
  g_autofree char *stored = NULL;
  Signalled s = { 0 };

  g_assert_true (refresh (session, NULL));
  g_signal_connect (session, "edit-refused", G_CALLBACK (edit_refused_cb), &s);
  g_object_set (tc_session_get_settings (session), "time-zone", "Mars/Olympus", NULL);
  tc_test_wait_until (signalled_once, &s, 10);

  g_assert_cmpstr (s.field, ==, "time-zone");
  g_assert_error (s.error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_nonnull (strstr (s.error->message, "timeZone"));
  zone = get_string (session, "time-zone");
  g_assert_cmpstr (zone, ==, "UTC");
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  stored = server_setting (server, "timeZone");
  g_assert_cmpstr (stored, ==, "\"UTC\"");
  signalled_clear (&s);
}

static void
test_conflict (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) session = session_new (server, NULL);
  g_autofree char *shown = NULL;
  g_autofree char *stored = NULL;
  Signalled s = { 0 };

  g_assert_true (refresh (session, NULL));
  g_signal_connect (session, "edit-conflict", G_CALLBACK (edit_conflict_cb), &s);

  /* The edit waits; meanwhile the web app changes the same setting. */
  _tc_session_set_outbox_paused (session, TRUE);
  g_object_set (tc_session_get_settings (session), "date-format", "DD/MM/YYYY", NULL);
  server_patch_settings (server, "{\"dateFormat\":\"YYYY-MM-DD\"}");
  _tc_session_set_outbox_paused (session, FALSE);
  tc_test_wait_until (signalled_once, &s, 10);

  g_assert_cmpstr (s.field, ==, "date-format");
  g_assert_cmpstr (g_variant_get_string (s.server, NULL), ==, "YYYY-MM-DD");
  g_assert_cmpstr (g_variant_get_string (s.local, NULL), ==, "DD/MM/YYYY");
  tc_test_wait_until (no_pending_edits, session, 10);
  shown = get_string (session, "date-format");
  g_assert_cmpstr (shown, ==, "YYYY-MM-DD");
  stored = server_setting (server, "dateFormat");
  g_assert_cmpstr (stored, ==, "\"YYYY-MM-DD\"");
  signalled_clear (&s);
}

static void
test_unsupported_extensions (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) session = session_new (server, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theme = NULL;
  Signalled s = { 0 };

  tc_service_set_extensions_enabled (server->service, FALSE);
  g_assert_true (refresh (session, NULL));
  g_assert_true (tc_session_get_can_edit_settings (session));
  g_signal_connect (session, "edit-refused", G_CALLBACK (edit_refused_cb), &s);

  g_object_set (tc_session_get_settings (session), "theme", "DARK", NULL);
  tc_test_wait_until (signalled_once, &s, 10);
  g_assert_error (s.error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
  g_assert_false (tc_session_get_can_edit_settings (session));
  theme = get_string (session, "theme");
  g_assert_cmpstr (theme, ==, "DEFAULT");

  g_assert_false (tc_test_session_set_name (session, "Ada King", 10, &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED);
  g_assert_false (tc_session_get_can_edit_profile (session));
  signalled_clear (&s);
}

/* The session tried the server and is waiting to try again. */
static gboolean
retried_once (gpointer data)
{
  TcSession *session = data;

  return session->retry_count > 1 && session->retry_source != 0;
}

static void
test_offline_from_cache (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) first = session_new (server, NULL);
  g_autoptr(TcSession) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (refresh (first, NULL));
  g_object_set (tc_session_get_settings (first), "lang", "DE", NULL);
  tc_test_wait_until (no_pending_edits, first, 10);
  drain_and_finalize (&first);

  /* The server goes away; a new session shows what was cached. */
  server_stop (server);
  second = session_new (server, NULL);
  g_assert_true (refresh (second, &error));
  g_assert_no_error (error);
  g_assert_true (tc_session_get_stale (second));
  g_assert_true (tc_session_get_offline (second));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (second)), ==, "Ada Lovelace");
  g_assert_cmpstr (tc_user_settings_get_lang (tc_session_get_settings (second)), ==, "DE");
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_workspaces (second)), ==, 1);

  /* An edit made offline waits, and goes when the server is back. */
  g_object_set (tc_session_get_settings (second), "week-start", "SUNDAY", NULL);
  g_assert_cmpuint (tc_session_get_pending_edits (second), ==, 1);
  tc_test_wait_until (retried_once, second, 10);
  g_assert_cmpuint (tc_session_get_pending_edits (second), ==, 1);
  g_assert_true (tc_session_get_offline (second));
  server_start (server);
  tc_test_wait_until (no_pending_edits, second, 20);
  g_assert_false (tc_session_get_offline (second));
  g_assert_false (tc_session_get_stale (second));
  stored = server_setting (server, "weekStart");
  g_assert_cmpstr (stored, ==, "\"SUNDAY\"");
}

static JsonNode *
node (const char *json)
{
  return json_from_string (json, NULL);
}

static void
test_cache_round_trip (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "round-trip", "c.db", NULL);
  g_autoptr(TcCache) cache = tc_cache_new (path);
  g_autoptr(JsonNode) value = node ("{\"a\":[1,\"x\",null]}");
  g_autoptr(JsonNode) base = node ("\"MONDAY\"");
  g_autoptr(JsonNode) v1 = node ("\"SUNDAY\"");
  g_autoptr(JsonNode) v2 = node ("\"FRIDAY\"");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) got = NULL;
  TcOutboxEntry a = { (char *) "uuid-a", (char *) "weekStart", base, v1 };
  TcOutboxEntry b = { (char *) "uuid-b", (char *) "theme", NULL, v2 };

  tc_cache_put_async (cache, "user", value, NULL, NULL, NULL);
  tc_cache_outbox_put_async (cache, &a, NULL, NULL, NULL);
  tc_cache_outbox_put_async (cache, &b, NULL, NULL, NULL);
  a.value = v2;  /* replaced in place: keeps its order */
  tc_cache_outbox_put_async (cache, &a, NULL, NULL, NULL);
  tc_cache_outbox_remove_async (cache, "uuid-none", NULL, NULL, NULL);
  tc_cache_sync_async (cache, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_clear_object (&result);
  drain_and_finalize (&cache);

  /* A new instance reads what the first wrote. */
  cache = tc_cache_new (path);
  tc_cache_get_async (cache, "user", NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  got = tc_cache_get_finish (cache, result, NULL);
  g_assert_true (json_node_equal (got, value));
  g_clear_object (&result);

  tc_cache_outbox_list_async (cache, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  entries = tc_cache_outbox_list_finish (cache, result, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((TcOutboxEntry *) entries->pdata[0])->uuid, ==, "uuid-a");
  g_assert_true (json_node_equal (((TcOutboxEntry *) entries->pdata[0])->value, v2));
  g_assert_true (json_node_equal (((TcOutboxEntry *) entries->pdata[0])->base, base));
  g_assert_null (((TcOutboxEntry *) entries->pdata[1])->base);
}

/* The SIGKILL child: queue one edit (outbox paused), make sure it is
 * committed, say so, and wait to be killed. */
static int
outbox_child (void)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (g_getenv ("TC_TEST_URL"), NULL);
  g_autoptr(TcAccount) account = tc_account_new ("local", g_getenv ("TC_TEST_USER"), NULL);
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_set_api_key (client, g_getenv ("TC_TEST_KEY"));
  session = tc_session_new (account, client);
  _tc_session_set_outbox_paused (session, TRUE);
  if (!refresh (session, &error))
    g_error ("The child could not refresh %s: %s", g_getenv ("TC_TEST_URL"), error->message);
  g_object_set (tc_session_get_settings (session), "date-format", "DD.MM.YYYY", NULL);

  tc_cache_sync_async (_tc_session_get_cache (session), NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  printf ("written\n");
  fflush (stdout);

  /* The parent kills us with SIGKILL; this is only a bound. */
  g_usleep (60 * G_USEC_PER_SEC);
  return 1;
}

static void
test_outbox_survives_sigkill (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcCoreTestServer) proxy = tc_core_test_server_new (server->base_url);
  g_autofree char *url = tc_core_test_server_dup_base_url (proxy);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autofree char *stored = NULL;

  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "TC_TEST_URL", url, TRUE);
  g_subprocess_launcher_setenv (launcher, "TC_TEST_USER", server->owner_id, TRUE);
  g_subprocess_launcher_setenv (launcher, "TC_TEST_KEY", server->api_key, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--outbox-child", NULL);
  g_assert_no_error (error);

  /* The service answers the child from this thread's main loop. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  line = g_data_input_stream_read_line_finish_utf8 (lines, result, NULL, &error);
  g_assert_cmpstr (line, ==, "written");
  g_clear_object (&result);

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait_async (child, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_assert_cmpuint (tc_core_test_server_count (proxy, "PATCH", "/v1/user/settings"), ==, 0);

  /* After the restart the edit reaches the server, once. */
  session = session_new (server, url);
  g_assert_true (refresh (session, NULL));
  tc_test_wait_until (no_pending_edits, session, 10);
  stored = server_setting (server, "dateFormat");
  g_assert_cmpstr (stored, ==, "\"DD.MM.YYYY\"");
  g_assert_cmpuint (tc_core_test_server_count (proxy, "PATCH", "/v1/user/settings"), ==, 1);
  drain_and_finalize (&session);

  session = session_new (server, url);
  g_assert_true (refresh (session, NULL));
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  g_assert_cmpuint (tc_core_test_server_count (proxy, "PATCH", "/v1/user/settings"), ==, 1);
}

static void
assert_file_lacks (const char *path,
                   const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  gsize n = strlen (needle);

  /* Byte by byte: the database holds NULs. */
  for (gsize i = 0; i + n <= length; i++)
    g_assert_false (memcmp (contents + i, needle, n) == 0);
}

/* Last: by now the log holds a whole run of refreshes, edits, refusals,
 * conflicts and offline retries. */
static void
test_key_never_stored_or_logged (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(TcSession) session = session_new (server, NULL);
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *log = NULL;

  g_assert_true (refresh (session, NULL));
  g_object_set (tc_session_get_settings (session), "theme", "DARK", "time-zone", "Nowhere", NULL);
  tc_test_wait_until (no_pending_edits, session, 10);
  path = g_strdup (tc_cache_get_path (_tc_session_get_cache (session)));
  drain_and_finalize (&session);

  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_file_lacks (path, server->api_key);
  assert_file_lacks (wal, server->api_key);

  g_mutex_lock (&captured_lock);
  log = g_strdup (captured_log->str);
  g_mutex_unlock (&captured_lock);
  g_assert_cmpuint (strlen (log), >, 0);
  g_assert_null (strstr (log, server->api_key));
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&captured_lock);
  g_string_append (captured_log, line);
  g_string_append_c (captured_log, '\n');
  g_mutex_unlock (&captured_lock);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--outbox-child"))
    return outbox_child ();

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  tc_test_init (&argc, &argv);

  g_test_add_func ("/sync/cache-round-trip", test_cache_round_trip);
  g_test_add_func ("/sync/edit-reaches-server", test_edit_reaches_server);
  g_test_add_func ("/sync/edit-refused", test_edit_refused);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/unsupported-extensions", test_unsupported_extensions);
  g_test_add_func ("/sync/offline-from-cache", test_offline_from_cache);
  g_test_add_func ("/sync/outbox-survives-sigkill", test_outbox_survives_sigkill);
  g_test_add_func ("/sync/key-never-stored-or-logged", test_key_never_stored_or_logged);

  return g_test_run ();
}
