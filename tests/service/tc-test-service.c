/* tc-test-service.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tc-test-service.h"
#include "tc-test-tmp.h"

#define REQUEST_TIMEOUT_MS 10000

TcTestService *
tc_test_service_new (void)
{
  TcTestService *ts = g_new0 (TcTestService, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  ts->dir = tc_test_tmp_dir ("tc-service-XXXXXX");
  ts->db_path = g_build_filename (ts->dir, "service.db", NULL);
  ts->maildir = g_build_filename (ts->dir, "Maildir", NULL);

  ts->service = tc_service_new (ts->db_path, &error);
  g_assert_no_error (error);
  tc_service_set_maildir (ts->service, ts->maildir);
  g_assert_true (tc_service_listen (ts->service, 0, &error));
  g_assert_no_error (error);
  g_assert_true (tc_service_bootstrap_owner (ts->service, "Olga Owner", "olga@example.com",
                                             &ts->owner_id, &ts->owner_key, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ts->owner_key);

  ts->base_url = tc_service_dup_base_url (ts->service);
  ts->workspace_id = _tc_db_dup_string (ts->service, "SELECT workspace_id FROM memberships "
                                        "WHERE user_id = ?", "s", ts->owner_id);
  ts->session = soup_session_new_with_options ("timeout", 10, "proxy-resolver", NULL, NULL);
  return ts;
}

void
tc_test_service_free (TcTestService *ts)
{
  g_clear_object (&ts->session);
  if (ts->service != NULL)
    tc_service_shutdown (ts->service);
  g_clear_object (&ts->service);
  tc_test_spin (10);
  tc_test_tmp_remove (ts->dir);
  g_free (ts->dir);
  g_free (ts->db_path);
  g_free (ts->maildir);
  g_free (ts->base_url);
  g_free (ts->owner_id);
  g_free (ts->owner_key);
  g_free (ts->workspace_id);
  g_free (ts);
}

typedef struct
{
  GBytes   *bytes;
  GError   *error;
  gboolean  done;
} SendState;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendState *state = user_data;

  state->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                    &state->error);
  state->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tc_test_wait_for (gboolean *done,
                  guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *done;
}

void
tc_test_spin (guint ms)
{
  gboolean never = FALSE;

  tc_test_wait_for (&never, ms);
}

static JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

TcTestResponse *
tc_test_request_full (TcTestService      *ts,
                      const char         *method,
                      const char         *path,
                      const char * const *headers,
                      const char         *content_type,
                      GBytes             *body)
{
  g_autofree char *url = g_strconcat (ts->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  TcTestResponse *res = g_new0 (TcTestResponse, 1);
  SendState state = { 0, };

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_append (soup_message_get_request_headers (msg),
                                 headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  soup_session_send_and_read_async (ts->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    send_cb, &state);
  g_assert_true (tc_test_wait_for (&state.done, REQUEST_TIMEOUT_MS));
  g_assert_no_error (state.error);

  res->status = soup_message_get_status (msg);
  res->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  res->body = state.bytes;
  res->json = parse_json (res->body);
  return res;
}

TcTestResponse *
tc_test_request (TcTestService *ts,
                 const char    *method,
                 const char    *path,
                 const char    *key,
                 const char    *json_body)
{
  const char *headers[] = { "X-Api-Key", key, NULL };
  g_autoptr(GBytes) body = NULL;

  if (json_body != NULL)
    body = g_bytes_new (json_body, strlen (json_body));
  return tc_test_request_full (ts, method, path, key ? headers : NULL,
                               "application/json", body);
}

void
tc_test_response_free (TcTestResponse *res)
{
  g_clear_pointer (&res->headers, soup_message_headers_unref);
  g_clear_pointer (&res->body, g_bytes_unref);
  g_clear_pointer (&res->json, json_node_unref);
  g_free (res);
}

JsonObject *
tc_test_response_object (TcTestResponse *res)
{
  g_assert_nonnull (res->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (res->json));
  return json_node_get_object (res->json);
}

JsonArray *
tc_test_response_array (TcTestResponse *res)
{
  g_assert_nonnull (res->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (res->json));
  return json_node_get_array (res->json);
}

void
tc_test_assert_error (TcTestResponse *res,
                      guint           status,
                      gint64          code)
{
  JsonObject *obj;

  if (res->status != status)
    g_error ("Expected HTTP %u, got %u: %.*s", status, res->status,
             (int) g_bytes_get_size (res->body), (const char *) g_bytes_get_data (res->body, NULL));
  obj = tc_test_response_object (res);
  g_assert_cmpint (json_object_get_int_member (obj, "code"), ==, code);
  g_assert_true (json_object_has_member (obj, "message"));
  g_assert_cmpstr (json_object_get_string_member (obj, "message"), !=, "");
}

char *
tc_test_add_workspace (TcTestService *ts,
                       const char    *name,
                       const char    *plan,
                       const char    *owner_id)
{
  char *id = _tc_new_id ();

  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO workspaces (id, name, plan, owner_id) "
                              "VALUES (?, ?, ?, ?)", "ssss", id, name, plan, owner_id));
  tc_test_add_membership (ts, id, owner_id, TC_ROLE_OWNER, "ACTIVE");
  return id;
}

char *
tc_test_add_user (TcTestService *ts,
                  const char    *name,
                  const char    *email,
                  char         **out_key)
{
  char *id = _tc_new_id ();

  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO users (id, email, name, settings, "
                              "created_at) VALUES (?, ?, ?, '{}', '2026-01-01T00:00:00Z')",
                              "sss", id, email, name));
  if (out_key != NULL)
    *out_key = _tc_auth_create_key (ts->service, id, "test", NULL);
  return id;
}

void
tc_test_add_membership (TcTestService *ts,
                        const char    *workspace_id,
                        const char    *user_id,
                        const char    *role,
                        const char    *status)
{
  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO memberships (workspace_id, user_id, "
                              "role, status) VALUES (?, ?, ?, ?)", "ssss",
                              workspace_id, user_id, role, status));
  g_assert_true (_tc_db_exec (ts->service, "UPDATE users SET active_ws = ?1, "
                              "default_ws = ?1 WHERE id = ?2 AND active_ws IS NULL",
                              "ss", workspace_id, user_id));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

GPtrArray *
tc_test_read_maildir (const char *maildir)
{
  g_autofree char *new_dir = g_build_filename (maildir, "new", NULL);
  g_autoptr(GDir) dir = g_dir_open (new_dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (new_dir, names->pdata[i], NULL);
      char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_ptr_array_add (messages, text);
    }
  return messages;
}
