/* test-service-team-pages.c — the Team list answers byte for byte as before
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace with fixed ids (owner, admin, plain members; ACTIVE, PENDING,
 * INACTIVE and DECLINED members; roles; custom fields visible, hidden and
 * admin-only; users whose active workspace is another one; stored settings,
 * pending emails) is asked for many pages of GET /v1/workspaces/{ws}/users by
 * an owner, an admin and a plain member. Every answer (status, Last-Page,
 * body) is compared with tests/service/team-pages.expected, which was
 * captured from the page builder that built each member with its own
 * queries, before pages were built with batched queries.
 *
 * TC_TEAM_PAGES_WRITE=FILE writes the answers to FILE instead (to capture
 * the fixture again after a deliberate change of the format).
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

#define WS  "5f00000000000000000000aa"
#define WS2 "5f00000000000000000000bb"

static const char * const queries[] = {
  "include-roles=true&status=ALL&page=1&page-size=50",
  "include-roles=true&status=ALL&page=1&page-size=200",
  "include-roles=true&status=ALL&page=1&page-size=7",
  "include-roles=true&status=ALL&page=2&page-size=7",
  "include-roles=true&status=ALL&page=4&page-size=7",
  "include-roles=true&status=ALL&page=5&page-size=7",
  "include-roles=true&status=ALL&page=9&page-size=7",
  "include-roles=true&status=ALL&page=1&page-size=29",
  "include-roles=true&status=ALL&page=1&page-size=30",
  "include-roles=true&status=ACTIVE&page-size=50",
  "include-roles=true&status=PENDING",
  "include-roles=true&status=inactive",
  "include-roles=true&status=DECLINED",
  "status=ALL&page-size=50",
  "",
  "include-roles=false&memberships=WORKSPACE",
  "include-roles=true&memberships=ALL&page-size=10&page=2",
  "include-roles=true&memberships=PROJECT",
  "include-roles=true&sort-column=NAME&sort-order=DESCENDING&page-size=11",
  "include-roles=true&sort-column=NAME_LOWERCASE&page-size=11&page=2",
  "include-roles=true&sort-column=EMAIL&sort-order=descending",
  "include-roles=true&sort-column=HOURLYRATE",
  "include-roles=true&name=an&status=ALL",
  "include-roles=true&email=EXAMPLE.org",
  "include-roles=true&name=100%25",
  "include-roles=true&name=a_b",
  "include-roles=true&email=nobody",
  "include-roles=true&page-size=0",
  "include-roles=true&status=FOO",
  "include-roles=true&page=99999999999999999&page-size=5000",
  /* Sorted by id, descending, and pages of one status after the first
   * (the members of other statuses between a page's first and last id). */
  "include-roles=true&status=ALL&sort-order=DESCENDING&page=2&page-size=7",
  "include-roles=true&status=ALL&sort-order=DESCENDING&page=5&page-size=7",
  "include-roles=true&status=ACTIVE&page=2&page-size=5",
  "include-roles=true&status=PENDING&sort-order=DESCENDING&page=2&page-size=2",
  "include-roles=true&status=ACTIVE&memberships=WORKSPACE&page=3&page-size=4",
  NULL
};

static void
exec (TcTestService *ts,
      const char    *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (ts->service->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

/* 30 members of WS with ids u01…u30 (hex-padded), fields f1–f4 in WS and
 * g1 in WS2. Names repeat and differ in case so sorting has ties. */
static void
seed (TcTestService *ts)
{
  static const char * const statuses[] = { "ACTIVE", "ACTIVE", "ACTIVE", "PENDING",
                                            "INACTIVE", "ACTIVE", "DECLINED" };
  static const char * const names[] = { "Ana", "bob", "Bob", "Chloé", "dana", "Ana",
                                        "Zoë", "100% Sure", "a_b", "ab" };
  static const char * const settings[] = {
    "{}", "{\"weekStart\":\"SUNDAY\",\"theme\":\"DARK\"}", NULL,
    "{\"summaryReportSettings\":{\"group\":\"USER\",\"subgroup\":\"TIME\"},\"lang\":\"DE\"}",
    "not json",
  };

  exec (ts, "BEGIN");
  exec (ts, "INSERT INTO workspaces (id, name, plan, owner_id) VALUES "
            "('" WS "', 'Fixture', 'PRO', '5f0000000000000000000001'),"
            "('" WS2 "', 'Other', 'PRO', '5f0000000000000000000002')");
  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("5f00000000000000000000%02x", i);
      const char *name = i == 13 ? NULL : names[i % G_N_ELEMENTS (names)];
      const char *role = i == 1 ? "'OWNER'" : i == 2 || i == 17 ? "'WORKSPACE_ADMIN'"
                         : i == 9 ? "'TEAM_MANAGER'" : i % 4 == 0 ? "''" : "NULL";
      const char *active = i % 5 == 0 ? "'" WS2 "'" : i % 11 == 0 ? "NULL" : "'" WS "'";
      g_autofree char *sql = NULL;
      char *quoted_name = sqlite3_mprintf ("%Q", name);
      char *quoted_settings = sqlite3_mprintf ("%Q", settings[i % G_N_ELEMENTS (settings)]);

      sql = g_strdup_printf ("INSERT INTO users (id, email, name, status, profile_picture, "
                             "active_ws, default_ws, pending_email, settings, created_at) VALUES "
                             "('%s', 'user%02d@%s', %s, '%s', %s, %s, %s, %s, %s, "
                             "'2026-01-01T00:00:00Z');"
                             "INSERT INTO memberships (workspace_id, user_id, status, role) "
                             "VALUES ('" WS "', '%s', '%s', %s);",
                             id, 31 - i, i % 3 == 0 ? "example.org" : "example.com",
                             quoted_name, i % 7 == 3 ? "PENDING" : "ACTIVE",
                             i % 6 == 1 ? "'https://img.example.com/p.png'" : "NULL",
                             active, active,
                             i % 8 == 2 ? "'new@example.net'" : "NULL",
                             quoted_settings,
                             id, i <= 2 ? "ACTIVE" : statuses[i % G_N_ELEMENTS (statuses)],
                             role);
      exec (ts, sql);
      sqlite3_free (quoted_name);
      sqlite3_free (quoted_settings);
      g_clear_pointer (&sql, g_free);
      if (i % 5 == 0 || i == 2)
        {
          sql = g_strdup_printf ("INSERT INTO memberships (workspace_id, user_id, status, role) "
                                 "VALUES ('" WS2 "', '%s', 'ACTIVE', NULL)", id);
          exec (ts, sql);
          g_clear_pointer (&sql, g_free);
        }
    }

  /* Positions do not follow ids, so the order of values shows. */
  exec (ts, "INSERT INTO custom_fields (id, workspace_id, name, type, status, "
            "only_admin_can_edit, allowed_values, position) VALUES "
            "('f4', '" WS "', 'Desk', 'TXT', 'VISIBLE', 0, '[]', 0),"
            "('f3', '" WS "', 'Salary band', 'NUMBER', 'VISIBLE', 1, '[]', 1),"
            "('f2', '" WS "', 'Team', 'DROPDOWN_SINGLE', 'INVISIBLE', 0, '[\"A\",\"B\"]', 2),"
            "('f1', '" WS "', 'Remote', 'CHECKBOX', 'VISIBLE', 0, '[]', 3),"
            "('f5', '" WS "', 'Skills', 'DROPDOWN_MULTIPLE', 'VISIBLE', 0, '[\"C\",\"Go\"]', 4),"
            "('g1', '" WS2 "', 'Elsewhere', 'TXT', 'VISIBLE', 0, '[]', 0)");
  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *id = g_strdup_printf ("5f00000000000000000000%02x", i);

      sql = g_strdup_printf ("INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'f4', '%1$s', '\"desk %2$d\\nline two\"' WHERE %2$d %% 2 = 0;"
                             "INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'f3', '%1$s', '%2$d.5' WHERE %2$d %% 3 = 0;"
                             "INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'f2', '%1$s', '\"B\"' WHERE %2$d %% 4 = 1;"
                             "INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'f1', '%1$s', 'true' WHERE %2$d %% 5 < 2;"
                             "INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'f5', '%1$s', '[\"C\",\"Go\"]' WHERE %2$d %% 7 = 0;"
                             "INSERT INTO custom_field_values (field_id, user_id, value) "
                             "SELECT 'g1', '%1$s', '\"far\"' WHERE %2$d %% 5 = 0;",
                             id, i);
      exec (ts, sql);
    }
  exec (ts, "COMMIT");
}

static void
append_page (TcTestService *ts,
             GString       *out,
             const char    *who,
             const char    *key,
             const char    *query)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/" WS "/users%s%s",
                                           query[0] ? "?" : "", query);
  TcTestResponse *res = tc_test_request (ts, "GET", path, key, NULL);
  const char *last = soup_message_headers_get_one (res->headers, "Last-Page");
  gsize size = 0;
  const char *body = g_bytes_get_data (res->body, &size);

  g_string_append_printf (out, "### %s %s\n%u %s\n", who, query, res->status,
                          last ? last : "-");
  g_string_append_len (out, body, size);
  g_string_append_c (out, '\n');
  tc_test_response_free (res);
}

static void
test_pages_as_before (void)
{
  TcTestService *ts = tc_test_service_new ();
  const char *callers[][2] = {
    { "owner", "5f0000000000000000000001" },
    { "admin", "5f0000000000000000000002" },
    { "member", "5f0000000000000000000008" },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *write_to = g_getenv ("TC_TEAM_PAGES_WRITE");

  tc_service_set_rate_limit (ts->service, 0, 0);
  seed (ts);
  for (guint c = 0; c < G_N_ELEMENTS (callers); c++)
    {
      g_autofree char *key = _tc_auth_create_key (ts->service, callers[c][1], "fixture", NULL);

      for (guint i = 0; queries[i] != NULL; i++)
        append_page (ts, out, callers[c][0], key, queries[i]);
    }

  if (write_to != NULL)
    {
      g_assert_true (g_file_set_contents (write_to, out->str, out->len, &error));
      g_assert_no_error (error);
      g_test_message ("wrote %s (%zu bytes)", write_to, out->len);
    }
  else
    {
      path = g_test_build_filename (G_TEST_DIST, "service", "team-pages.expected", NULL);
      g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
      g_assert_no_error (error);
      /* The whole text would print a megabyte on a failure: show the case
       * and the first bytes that differ. */
      if (strcmp (out->str, expected) != 0)
        {
          gsize at = 0, line_start = 0;
          g_autofree char *got = NULL;
          g_autofree char *want = NULL;

          while (out->str[at] != '\0' && out->str[at] == expected[at])
            if (out->str[at++] == '\n')
              line_start = at;
          g_test_message ("first difference at byte %zu, in the answer that starts with: %.80s",
                          at, out->str + line_start);
          got = g_strndup (out->str + MAX (at, 60) - 60, 160);
          want = g_strndup (expected + MAX (at, 60) - 60, 160);
          g_assert_cmpstr (got, ==, want);
        }
      g_assert_cmpuint (out->len, ==, strlen (expected));
    }
  tc_test_service_free (ts);
}

/* The queries of one request: the same for a page of 3 and of 30, and
 * with or without memberships and roles, whoever asks. The key's
 * lastUsedAt is written at most once a second (one more statement when
 * the second changes): of three requests in a row, at least one comes in
 * the same second as the one before, and the fewest is counted. */
static guint
queries_for (TcTestService *ts,
             const char    *key,
             const char    *query)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/" WS "/users?%s", query);
  guint fewest = G_MAXUINT;

  for (guint i = 0; i < 3; i++)
    {
      int before = g_atomic_int_get (&ts->service->n_queries);
      TcTestResponse *res = tc_test_request (ts, "GET", path, key, NULL);

      g_assert_cmpuint (res->status, ==, 200);
      fewest = MIN (fewest, (guint) (g_atomic_int_get (&ts->service->n_queries) - before));
      tc_test_response_free (res);
    }
  return fewest;
}

static char *
page_body_sorted (TcTestService *ts,
                  const char    *key,
                  guint          page,
                  guint          size,
                  const char    *order)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/" WS "/users?include-roles=true"
                                           "&status=ALL&page=%u&page-size=%u&sort-order=%s",
                                           page, size, order);
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", path, key, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (res->body, &len);

  g_assert_cmpuint (res->status, ==, 200);
  return g_strndup (data, len);
}

static char *
page_body (TcTestService *ts,
           const char    *key,
           guint          page,
           guint          size)
{
  return page_body_sorted (ts, key, page, size, "ASCENDING");
}

/* Pages loaded one after another start from where the page before ended
 * (the page cursor), and give the bytes of the same pages asked for in
 * another order (OFFSET). A write in between makes the cursor useless:
 * a member added before the page shifts the next page by one, as OFFSET
 * says. */
static void
test_pages_cursor (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *owner = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  char *forward[8] = { NULL, };
  guint hits;

  tc_service_set_rate_limit (ts->service, 0, 0);
  seed (ts);
  owner = _tc_auth_create_key (ts->service, "5f0000000000000000000001", "fixture", NULL);

  hits = ts->service->n_cursor_pages;
  for (guint i = 0; i < G_N_ELEMENTS (forward); i++)
    forward[i] = page_body (ts, owner, i + 1, 4);
  /* Pages 2-8 follow a page each; the key's stamp, written when the
   * second changes, makes at most one of them miss. */
  g_assert_cmpuint (ts->service->n_cursor_pages - hits, >=, 6);
  hits = ts->service->n_cursor_pages;
  for (guint i = G_N_ELEMENTS (forward); i > 0; i--)
    {
      g_autofree char *again = page_body (ts, owner, i, 4);

      g_assert_cmpstr (again, ==, forward[i - 1]);
      g_free (forward[i - 1]);
    }
  /* Only page 8 follows the page before it (the forward loop's 7th). */
  g_assert_cmpuint (ts->service->n_cursor_pages, <=, hits + 1);

  /* The same, sorted by id from the last. */
  hits = ts->service->n_cursor_pages;
  for (guint i = 0; i < G_N_ELEMENTS (forward); i++)
    forward[i] = page_body_sorted (ts, owner, i + 1, 4, "DESCENDING");
  g_assert_cmpuint (ts->service->n_cursor_pages - hits, >=, 6);
  g_assert_true (g_str_has_prefix (forward[0], "[{\"id\":\"5f000000000000000000001e\""));
  for (guint i = G_N_ELEMENTS (forward); i > 0; i--)
    {
      g_autofree char *again = page_body_sorted (ts, owner, i, 4, "DESCENDING");

      g_assert_cmpstr (again, ==, forward[i - 1]);
      g_free (forward[i - 1]);
    }

  first = page_body (ts, owner, 1, 4);
  g_assert_true (g_str_has_prefix (first, "[{\"id\":\"5f0000000000000000000001\""));
  exec (ts, "INSERT INTO users (id, email, name, created_at) VALUES "
            "('5e0000000000000000000001', 'early@example.com', 'Early', '2026-01-01T00:00:00Z');"
            "INSERT INTO memberships (workspace_id, user_id, status) VALUES "
            "('" WS "', '5e0000000000000000000001', 'ACTIVE')");
  second = page_body (ts, owner, 2, 4);
  g_assert_true (g_str_has_prefix (second, "[{\"id\":\"5f0000000000000000000004\""));
  tc_test_service_free (ts);
}

static char *
db_text (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* A database of schema version 1 (the indexes as they were) gets the
 * covering indexes of version 2 when the service opens it, and keeps its
 * rows. */
static void
test_pages_migration (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TcService) service = NULL;
  g_autofree char *version = NULL;
  g_autofree char *values_index = NULL;
  g_autofree char *page_index = NULL;
  g_autofree char *count = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  service = tc_service_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (service->db,
                                 "PRAGMA foreign_keys = OFF;"
                                 "INSERT INTO custom_field_values (field_id, user_id, value) "
                                 "VALUES ('f', 'u', '1');"
                                 "DROP INDEX memberships_page;"
                                 "DROP INDEX custom_field_values_user;"
                                 "CREATE INDEX custom_field_values_user ON "
                                 "custom_field_values(user_id);"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  tc_service_shutdown (service);
  g_clear_object (&service);

  service = tc_service_new (path, &error);
  g_assert_no_error (error);
  version = db_text (service->db, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");
  values_index = db_text (service->db, "SELECT sql FROM sqlite_master "
                                       "WHERE name = 'custom_field_values_user'");
  g_assert_cmpstr (values_index, ==, "CREATE INDEX custom_field_values_user ON "
                                     "custom_field_values(user_id, field_id, value)");
  page_index = db_text (service->db, "SELECT sql FROM sqlite_master "
                                     "WHERE name = 'memberships_page'");
  g_assert_nonnull (page_index);
  count = db_text (service->db, "SELECT count(*) FROM custom_field_values");
  g_assert_cmpstr (count, ==, "1");
  tc_service_shutdown (service);
}

static void
test_pages_bounded_queries (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *owner = NULL;
  g_autofree char *member = NULL;
  guint small, big;

  tc_service_set_rate_limit (ts->service, 0, 0);
  seed (ts);
  owner = _tc_auth_create_key (ts->service, "5f0000000000000000000001", "fixture", NULL);
  member = _tc_auth_create_key (ts->service, "5f0000000000000000000008", "fixture", NULL);

  small = queries_for (ts, owner, "include-roles=true&status=ALL&page-size=3&memberships=ALL");
  big = queries_for (ts, owner, "include-roles=true&status=ALL&page-size=30&memberships=ALL");
  g_test_message ("queries for a page of 3: %u, of 30: %u", small, big);
  g_assert_cmpuint (small, ==, big);
  /* auth (the key), the caller's role, the page, memberships, the
   * workspace's custom fields, their values */
  g_assert_cmpuint (big, <=, 6);
  g_assert_cmpuint (queries_for (ts, member, "include-roles=true&status=ALL&page-size=30"), <=, big);
  g_assert_cmpuint (queries_for (ts, owner, "sort-column=NAME&name=a&page-size=30"), <=, big);
  tc_test_service_free (ts);
}

/* Stored custom field values, read without a parser where they are plain,
 * give the nodes the parser gives: the same type and the same JSON. */
static void
test_custom_value_nodes (void)
{
  static const char * const texts[] = {
    "\"plain\"", "\"\"", "\"Zoë – ünïcode ✓\"", "\"line\\nbreak\"", "\"quote \\\" in\"",
    "\"slash \\/\"", "\"\\u00e9\"", "0", "7", "-7", "42", "123456789012345",
    "1234567890123456", "9223372036854775807", "-0", "007", "1.5", "-2.25", "1e3", "true",
    "false", "null", "[\"C\",\"Go\"]", "[]", "{\"a\":1}", "\"tab\tin\"", NULL
  };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(JsonNode) fast = _tc_custom_value_node (texts[i]);
      g_autoptr(JsonNode) parsed = _tc_json_parse_text (texts[i]);
      g_autofree char *fast_text = NULL;
      g_autofree char *parsed_text = NULL;

      if (parsed == NULL)
        {
          g_assert_null (fast);
          continue;
        }
      g_assert_nonnull (fast);
      g_assert_cmpint (json_node_get_node_type (fast), ==, json_node_get_node_type (parsed));
      if (JSON_NODE_HOLDS_VALUE (parsed))
        g_assert_true (json_node_get_value_type (fast) == json_node_get_value_type (parsed));
      fast_text = json_to_string (fast, FALSE);
      parsed_text = json_to_string (parsed, FALSE);
      g_assert_cmpstr (fast_text, ==, parsed_text);
    }
}

/* The page's own string writer escapes as the installed json-glib does:
 * every ASCII byte alone and inside text, and UTF-8. */
static void
test_string_escaping (void)
{
  static const char * const texts[] = {
    "", "plain", "Zoë – ünïcode ✓ 日本", "quote \" and \\ backslash", "a\tb\nc\rd\be\ff",
    "\x01\x02\x1e\x1f\x7f end", "emoji 🙂", NULL
  };

  for (guint c = 1; c < 0x100; c++)
    {
      char text[4] = { 'x', (char) c, 'y', '\0' };
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *theirs = NULL;

      if (c >= 0x80)
        {
          /* Alone, a high byte is no UTF-8: take the two-byte character. */
          g_autofree char *utf8 = g_ucs4_to_utf8 ((gunichar *) &c, 1, NULL, NULL, NULL);

          g_assert_nonnull (utf8);
          json_node_set_string (node, utf8);
          _tc_json_append_string (ours, utf8);
        }
      else
        {
          json_node_set_string (node, text);
          _tc_json_append_string (ours, text);
        }
      theirs = json_to_string (node, FALSE);
      g_assert_cmpstr (ours->str, ==, theirs);
    }
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *theirs = NULL;

      json_node_set_string (node, texts[i]);
      theirs = json_to_string (node, FALSE);
      _tc_json_append_string (ours, texts[i]);
      g_assert_cmpstr (ours->str, ==, theirs);
    }
}

/* What json-glib writes for @body once parsed: the same bytes when @body
 * is json-glib's own text. */
static void
assert_json_glib_text (GBytes *body)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  g_autofree char *text = g_strndup (data, len);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  again = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, again);
}

/* The member profile (GET and the answer of a PATCH) is written as text:
 * byte for byte what json-glib writes, and what it wrote from the
 * JsonObject the profile was built as before (member-profiles.expected,
 * captured from that builder; TC_MEMBER_PROFILES_WRITE=FILE writes it
 * again), over members with every kind of value (escaped strings,
 * numbers that are not whole, arrays, booleans), none, a picture and no
 * name; its values are the member's values of the workspace's fields in
 * field order. */
static void
test_profile_json_text (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *owner = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *write_to = g_getenv ("TC_MEMBER_PROFILES_WRITE");

  tc_service_set_rate_limit (ts->service, 0, 0);
  seed (ts);
  owner = _tc_auth_create_key (ts->service, "5f0000000000000000000001", "fixture", NULL);
  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/workspaces/" WS "/member-profile/"
                                               "5f00000000000000000000%02x", i);
      g_autofree char *expected_ids = NULL;
      g_autoptr(GString) ids = g_string_new (NULL);
      g_autoptr(TcTestResponse) got = tc_test_request (ts, "GET", path, owner, NULL);
      JsonObject *obj;
      g_autofree char *status_sql = g_strdup_printf ("SELECT status FROM memberships WHERE "
                                                     "workspace_id = '" WS "' AND user_id = "
                                                     "'5f00000000000000000000%02x'", i);
      g_autofree char *status = db_text (ts->service->db, status_sql);
      JsonArray *values;

      g_assert_cmpuint (got->status, ==, 200);
      assert_json_glib_text (got->body);
      g_string_append_printf (all, "### GET %02x\n%.*s\n", i,
                              (int) g_bytes_get_size (got->body),
                              (const char *) g_bytes_get_data (got->body, NULL));
      obj = tc_test_response_object (got);
      values = json_object_get_array_member (obj, "userCustomFieldValues");
      for (guint v = 0; v < json_array_get_length (values); v++)
        g_string_append_printf (ids, "%s,", json_object_get_string_member (
                                  json_array_get_object_element (values, v), "customFieldId"));
      expected_ids = g_strdup_printf ("%s%s%s%s%s", i % 2 == 0 ? "f4," : "",
                                      i % 3 == 0 ? "f3," : "", i % 4 == 1 ? "f2," : "",
                                      i % 5 < 2 ? "f1," : "", i % 7 == 0 ? "f5," : "");
      g_assert_cmpstr (ids->str, ==, expected_ids);

      /* An active member other than the owner: the PATCH answers the
       * profile as it is after the change, the same bytes as a GET. */
      if (i > 1 && json_object_get_int_member (obj, "workspaceNumber") == 1 &&
          g_strcmp0 (status, "ACTIVE") == 0)
        {
          g_autoptr(TcTestResponse) patched = tc_test_request (ts, "PATCH", path, owner,
                                                               "{\"workCapacity\":\"PT6H30M\"}");
          g_autoptr(TcTestResponse) after = tc_test_request (ts, "GET", path, owner, NULL);

          g_assert_cmpuint (patched->status, ==, 200);
          assert_json_glib_text (patched->body);
          g_string_append_printf (all, "### PATCH %02x\n%.*s\n", i,
                                  (int) g_bytes_get_size (patched->body),
                                  (const char *) g_bytes_get_data (patched->body, NULL));
          g_assert_true (g_bytes_equal (patched->body, after->body));
          g_assert_nonnull (strstr (g_bytes_get_data (after->body, NULL),
                                    "\"workCapacity\":\"PT6H30M\""));
        }
    }

  if (write_to != NULL)
    {
      g_assert_true (g_file_set_contents (write_to, all->str, all->len, &error));
      g_assert_no_error (error);
    }
  else
    {
      expected_path = g_test_build_filename (G_TEST_DIST, "service", "member-profiles.expected",
                                             NULL);
      g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (all->str, ==, expected);
    }
  tc_test_service_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/service/team-pages/as-before", test_pages_as_before);
  g_test_add_func ("/service/team-pages/bounded-queries", test_pages_bounded_queries);
  g_test_add_func ("/service/team-pages/cursor", test_pages_cursor);
  g_test_add_func ("/service/team-pages/migration", test_pages_migration);
  g_test_add_func ("/service/team-pages/custom-value-nodes", test_custom_value_nodes);
  g_test_add_func ("/service/team-pages/string-escaping", test_string_escaping);
  g_test_add_func ("/service/member-profile/json-text", test_profile_json_text);
  return g_test_run ();
}
