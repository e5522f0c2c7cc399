/* test-faults.c — the core through a bad network (tests/tc-fault-proxy.h)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real timecard-service in-process, the fault proxy in front of it, a
 * TcSession talking to the proxy. For each fault: safe requests (GET) are
 * retried through a burst of it; edits made while it lasts leave the
 * session usable and saying what is wrong; once it ends every edit made
 * during it is on the server exactly once and in order. "On the server" is
 * counted by the service's own database: SQLite triggers log every write
 * of a user's settings or name, so an edit applied twice shows as two rows.
 *
 * Edit kinds: the settings edits and the profile name, all through the
 * outbox. To add a kind, add a row to the audit triggers and an edit below.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-fault-proxy.h"
#include "tc-service-private.h"
#include "tc-session-private.h"
#include "tc-test-util.h"

typedef struct
{
  const char *property;
  const char *wire;
  const char *value;
} SettingsEdit;

/* Distinct fields, so each is its own outbox row and PATCH, in this order. */
static const SettingsEdit settings_edits[] = {
  { "theme", "theme", "DARK" },
  { "date-format", "dateFormat", "DD/MM/YYYY" },
  { "week-start", "weekStart", "SUNDAY" },
  { "lang", "lang", "DE" },
};

#define FAULT_NAME "Ada Faulty"

typedef struct
{
  char         *db_path;
  TcService    *service;
  char         *owner_id;
  char         *api_key;
  TcFaultProxy *proxy;
  TcSession    *session;
} World;

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (*(gpointer *) data)->ref_count == 1;
}

static World *
world_new (void)
{
  static guint counter;
  World *w = g_new0 (World, 1);
  g_autofree char *name = g_strdup_printf ("faults-%u.db", ++counter);
  g_autofree char *base_url = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcAccount) account = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  w->db_path = g_build_filename (g_get_user_data_dir (), name, NULL);
  w->service = tc_service_new (w->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (w->service, "Ada Lovelace", "ada@example.com",
                                             &w->owner_id, &w->api_key, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_listen (w->service, 0, &error));
  g_assert_no_error (error);

  /* The service-side count: one row per write the service applied. */
  g_assert_true (_tc_db_exec (w->service,
                              "CREATE TABLE fault_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                              "what TEXT NOT NULL, value TEXT)", ""));
  g_assert_true (_tc_db_exec (w->service,
                              "CREATE TRIGGER fault_audit_settings AFTER UPDATE OF settings ON users "
                              "BEGIN INSERT INTO fault_audit (what, value) "
                              "VALUES ('settings', new.settings); END", ""));
  g_assert_true (_tc_db_exec (w->service,
                              "CREATE TRIGGER fault_audit_name AFTER UPDATE OF name ON users "
                              "BEGIN INSERT INTO fault_audit (what, value) "
                              "VALUES ('name', new.name); END", ""));

  base_url = tc_service_dup_base_url (w->service);
  w->proxy = tc_fault_proxy_new (base_url);
  proxy_url = tc_fault_proxy_dup_base_url (w->proxy);

  client = tc_api_client_new (proxy_url, NULL);
  account = tc_account_new ("local", w->owner_id, NULL);
  tc_api_client_set_api_key (client, w->api_key);
  /* Retry-After is waited for as sent (capped at 2 s here). */
  tc_api_client_set_retry_policy (client, 4, 5, 2000);
  w->session = tc_session_new (account, client);
  _tc_session_set_retry_delays (w->session, 20, 100);
  return w;
}

static void
world_free (World *w)
{
  g_clear_object (&w->session);
  tc_fault_proxy_free (w->proxy);
  tc_service_shutdown (w->service);
  tc_test_wait_until (only_ref, &w->service, 10);
  g_assert_finalize_object (w->service);
  g_free (w->db_path);
  g_free (w->owner_id);
  g_free (w->api_key);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

/* The service-side log: "what" rows, oldest first, as their values. */
static GPtrArray *
audit (World      *w,
       const char *what)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _tc_db_prepare (w->service, "SELECT value FROM fault_audit "
                                       "WHERE what = ? ORDER BY seq", "s", what);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);   /* cached by the service: reset, not finalized */
  return values;
}

static gboolean
refresh (World   *w,
         GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_refresh_async (w->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  return tc_session_refresh_finish (w->session, result, error);
}

static char *
get_setting (World      *w,
             const char *property)
{
  char *value = NULL;

  g_object_get (tc_session_get_settings (w->session), property, &value, NULL);
  return value;
}

typedef struct
{
  World *w;
  guint  until;
} Waiting;

static gboolean
faulted_reaches (gpointer data)
{
  Waiting *waiting = data;

  return tc_fault_proxy_faulted (waiting->w->proxy) >= waiting->until;
}

static gboolean
total_reaches (gpointer data)
{
  Waiting *waiting = data;

  return tc_fault_proxy_total (waiting->w->proxy) >= waiting->until;
}

static gboolean
settled (gpointer data)
{
  World *w = data;

  return tc_session_get_pending_edits (w->session) == 0 &&
         !tc_session_get_offline (w->session) &&
         tc_fault_proxy_open (w->proxy) == 0;
}

typedef struct
{
  TcFault     fault;
  const char *name;
  /* GETs through a burst of two are retried by the client. */
  gboolean    retried;
  /* The error a request that met the fault finishes with (0: none). */
  TcApiError  error;
  /* A write that met the fault reached the service anyway. */
  gboolean    applied;
} FaultCase;

static const FaultCase cases[] = {
  { TC_FAULT_LATENCY, "latency", FALSE, 0, TRUE },
  { TC_FAULT_500, "500", TRUE, TC_API_ERROR_SERVER, FALSE },
  { TC_FAULT_429, "429", TRUE, TC_API_ERROR_RATE_LIMITED, FALSE },
  { TC_FAULT_DROP_REQUEST, "drop-request", TRUE, TC_API_ERROR_NETWORK, FALSE },
  { TC_FAULT_DROP_RESPONSE, "drop-response", TRUE, TC_API_ERROR_NETWORK, TRUE },
  { TC_FAULT_TRUNCATED, "truncated", FALSE, TC_API_ERROR_INVALID_RESPONSE, TRUE },
  { TC_FAULT_NOT_JSON, "not-json", FALSE, TC_API_ERROR_INVALID_RESPONSE, TRUE },
};

/* A burst of two faults on GET /v1/user. */
static void
check_safe_requests (World           *w,
                     const FaultCase *fc)
{
  g_autoptr(GError) error = NULL;
  guint before = tc_fault_proxy_count (w->proxy, "GET", "/v1/user");

  if (fc->fault == TC_FAULT_LATENCY)
    return;

  tc_fault_proxy_push (w->proxy, "GET", "/v1/user", fc->fault, 2);
  if (fc->retried)
    {
      gboolean ok = refresh (w, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "GET", "/v1/user"), ==, before + 3);
      g_assert_false (tc_session_get_offline (w->session));
      g_assert_false (tc_session_get_stale (w->session));
    }
  else
    {
      /* A whole answer that is not what was asked for is not retried:
       * the refresh says so and the models keep what they had. */
      g_assert_false (refresh (w, &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
      g_assert_cmpstr (tc_user_get_name (tc_session_get_user (w->session)), ==, "Ada Lovelace");
      g_clear_error (&error);
      /* The second one is still queued: the next refresh meets it too. */
      g_assert_false (refresh (w, &error));
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);
      g_assert_true (refresh (w, &error));
      g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "GET", "/v1/user"), ==, before + 3);
    }
}

static void
make_settings_edit (World *w,
                    guint  i)
{
  g_autofree char *shown = NULL;
  Waiting waiting = { w, tc_fault_proxy_total (w->proxy) + 1 };

  g_object_set (tc_session_get_settings (w->session),
                settings_edits[i].property, settings_edits[i].value, NULL);
  shown = get_setting (w, settings_edits[i].property);
  g_assert_cmpstr (shown, ==, settings_edits[i].value);
  /* It meets the network before the next edit is made. */
  tc_test_wait_until (total_reaches, &waiting, 30);
}

static gboolean
no_pending_edits (gpointer data)
{
  World *w = data;

  return tc_session_get_pending_edits (w->session) == 0;
}

static gboolean
is_offline (gpointer data)
{
  World *w = data;

  return tc_session_get_offline (w->session);
}

static void
test_fault (gconstpointer data)
{
  const FaultCase *fc = data;
  g_autoptr(World) w = world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) settings_rows = NULL;
  g_autoptr(GPtrArray) name_rows = NULL;
  const guint n_edits = G_N_ELEMENTS (settings_edits);
  Waiting waiting = { w, 0 };

  g_assert_true (refresh (w, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *before = get_setting (w, settings_edits[i].property);

      g_assert_cmpstr (before, !=, settings_edits[i].value);
    }

  check_safe_requests (w, fc);

  /* Phase 1: every request meets the fault (the network is bad). Retry-After
   * 0 keeps the 429 case short. */
  tc_fault_proxy_set_retry_after (w->proxy, 0);
  tc_fault_proxy_set_latency (w->proxy, 150);
  tc_fault_proxy_set_fault (w->proxy, NULL, fc->fault);
  make_settings_edit (w, 0);
  make_settings_edit (w, 1);

  /* The name goes through the outbox like the settings: shown at once. */
  tc_session_set_name (w->session, FAULT_NAME);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (w->session)), ==, FAULT_NAME);

  if (fc->error != 0)
    {
      /* The outbox keeps trying while the fault lasts (the retry timer),
       * and says offline for the network. */
      g_assert_cmpuint (tc_session_get_pending_edits (w->session), ==, 3);
      waiting.until = tc_fault_proxy_faulted (w->proxy) + 3;
      tc_test_wait_until (faulted_reaches, &waiting, 30);
      g_assert_cmpuint (tc_session_get_pending_edits (w->session), ==, 3);
      if (fc->error == TC_API_ERROR_NETWORK)
        tc_test_wait_until (is_offline, w, 30);
      g_assert_cmpstr (tc_user_get_name (tc_session_get_user (w->session)), ==, FAULT_NAME);
    }

  /* Phase 2: reads work, every write meets the fault. When the fault lets
   * the write reach the service and loses the answer, the outbox must see
   * on its next read that the server has the value and not send it again;
   * otherwise the edits wait. */
  tc_fault_proxy_set_fault (w->proxy, "PATCH", fc->fault);
  waiting.until = tc_fault_proxy_faulted (w->proxy) + 2;
  make_settings_edit (w, 2);
  make_settings_edit (w, 3);
  if (fc->applied)
    tc_test_wait_until (no_pending_edits, w, 30);
  else
    {
      tc_session_retry_edits (w->session);
      tc_test_wait_until (faulted_reaches, &waiting, 30);
      g_assert_cmpuint (tc_session_get_pending_edits (w->session), ==, n_edits + 1);
    }

  /* Still usable: the models show every edit laid over the server's
   * values. */
  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *shown = get_setting (w, settings_edits[i].property);

      g_assert_cmpstr (shown, ==, settings_edits[i].value);
    }

  /* The fault ends. */
  tc_fault_proxy_set_fault (w->proxy, NULL, TC_FAULT_NONE);
  tc_session_retry_edits (w->session);
  tc_test_wait_until (settled, w, 30);
  g_assert_true (refresh (w, &error));

  /* Exactly once, in order: row k has edits 1..k and none after. */
  settings_rows = audit (w, "settings");
  g_assert_cmpuint (settings_rows->len, ==, n_edits);
  for (guint k = 0; k < settings_rows->len; k++)
    {
      g_autoptr(JsonNode) node = json_from_string (settings_rows->pdata[k], NULL);
      JsonObject *stored = json_node_get_object (node);

      for (guint i = 0; i < n_edits; i++)
        {
          const char *value = json_object_get_string_member_with_default (stored, settings_edits[i].wire, "");

          if (i <= k)
            g_assert_cmpstr (value, ==, settings_edits[i].value);
          else
            g_assert_cmpstr (value, !=, settings_edits[i].value);
        }
    }

  /* The name too: exactly once, whatever the fault did to its answer. */
  name_rows = audit (w, "name");
  g_assert_cmpuint (name_rows->len, ==, 1);
  g_assert_cmpstr (name_rows->pdata[0], ==, FAULT_NAME);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (w->session)), ==, FAULT_NAME);

  g_assert_cmpuint (tc_fault_proxy_faulted (w->proxy), >, 0);
  g_test_message ("%s: %u requests, %u faulted, %u forwarded unharmed, "
                  "%u settings PATCHes for %u edits", fc->name,
                  tc_fault_proxy_total (w->proxy), tc_fault_proxy_faulted (w->proxy),
                  tc_fault_proxy_forwarded (w->proxy),
                  tc_fault_proxy_count (w->proxy, "PATCH", "/v1/user/settings"), n_edits);
}

/* A burst of N × 429 on the settings PATCH: the edit waits it out and
 * arrives once. */
static void
test_429_burst (void)
{
  g_autoptr(World) w = world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (refresh (w, &error));
  tc_fault_proxy_set_retry_after (w->proxy, 0);
  tc_fault_proxy_push (w->proxy, "PATCH", "/v1/user/settings", TC_FAULT_429, 5);
  g_object_set (tc_session_get_settings (w->session), "theme", "DARK", NULL);
  tc_test_wait_until (settled, w, 30);

  g_assert_cmpuint (tc_fault_proxy_count (w->proxy, "PATCH", "/v1/user/settings"), ==, 6);
  rows = audit (w, "settings");
  g_assert_cmpuint (rows->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_fault);
    }
  g_test_add_func ("/faults/429-burst", test_429_burst);

  return g_test_run ();
}
