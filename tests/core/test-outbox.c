/* test-outbox.c — the one write path, for every kind of edit
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a real timecard-service (seeded, on a SQLite file) behind the
 * counting proxy (tc-core-test-server), for each kind of edit: settings,
 * name, email, picture upload, picture removal, a member's capacity, a
 * member's custom field, a member's status:
 *   /outbox/offline-restart/<kind>: made offline, the session disposed,
 *     the service restarted on the same db, a new session on the same
 *     cache → on the server exactly once;
 *   /outbox/sigkill/<kind>: a child killed with SIGKILL between the outbox
 *     write and the send → delivered once after restart;
 * and /outbox/conflict (another admin changed the capacity meanwhile),
 * /outbox/refused (capacity over 24 h), /outbox/discard, and
 * /crash/bulk-200-members-sigkill-mid-send (a bulk edit of 200 members,
 * SIGKILL in the middle of sending: every member once, integrity_check ok).
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-cache.h"
#include "tc-core-test-server.h"
#include "tc-member-list.h"
#include "tc-session-private.h"
#include "tc-test-util.h"

typedef struct
{
  char             *db_path;
  TcService        *service;
  guint             port;
  char             *direct_url;
  char             *key;
  char             *owner_id;
  char             *workspace_id;
  char             *field_id;     /* a TXT custom field */
  JsonObject       *member;       /* an ACTIVE plain member, as the users list has it */
  TcMemberProfile  *original;     /* its profile */
  TcCoreTestServer *proxy;
  char             *proxy_url;
} World;

/* Helpers: the API as another client */

static JsonNode *
api (const char *url,
     const char *key,
     const char *method,
     const char *path,
     const char *json,
     GError    **error)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json ? json_from_string (json, NULL) : NULL;
  JsonNode *answer = NULL;

  tc_api_client_set_api_key (client, key);
  tc_api_client_request_async (client, method, path, body, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  if (!tc_api_client_request_finish (client, result, &answer, error))
    return NULL;
  return answer;
}

static JsonObject *
api_object (World      *w,
            const char *method,
            const char *path,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = api (w->direct_url, w->key, method, path, json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static GBytes *
make_png (guint32 side)
{
  guint8 d[64] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  d[16] = side >> 24; d[17] = side >> 16; d[18] = side >> 8; d[19] = side;
  d[20] = side >> 24; d[21] = side >> 16; d[22] = side >> 8; d[23] = side;
  d[24] = 8; d[25] = 6;
  return g_bytes_new (d, sizeof d);
}

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

/* The world: service, seed, what the tests edit */

static TcMemberProfile *
load_profile (const char *url,
              const char *key,
              const char *ws,
              const char *user_id)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcMemberProfile *profile;

  tc_api_client_set_api_key (client, key);
  tc_member_profile_load_async (client, ws, user_id, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  profile = tc_member_profile_load_finish (result, &error);
  g_assert_no_error (error);
  return profile;
}

/* Reads what the tests need through the API at @url. */
static void
world_load (World      *w,
            const char *url)
{
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  user = api_object (w, "GET", "/v1/user", NULL);
  w->owner_id = g_strdup (json_object_get_string_member (user, "id"));
  w->workspace_id = g_strdup (json_object_get_string_member (user, "activeWorkspace"));

  path = g_strdup_printf ("/v1/workspaces/%s/users?status=ACTIVE&include-roles=true&page-size=5000",
                          w->workspace_id);
  users = api (url, w->key, "GET", path, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (users);
  for (guint i = 0; i < json_array_get_length (array) && w->member == NULL; i++)
    {
      JsonObject *m = json_array_get_object_element (array, i);
      g_autoptr(TcMember) member = tc_member_new_from_json (m, NULL);

      if (member != NULL && !g_str_equal (tc_member_get_id (member), w->owner_id) &&
          tc_member_get_role (member) == TC_MEMBER_ROLE_MEMBER)
        w->member = json_object_ref (m);
    }
  g_assert_nonnull (w->member);
  w->original = load_profile (url, w->key, w->workspace_id,
                              json_object_get_string_member (w->member, "id"));

  g_free (path);
  path = g_strdup_printf ("/v1/workspaces/%s/custom-fields", w->workspace_id);
  fields = api (url, w->key, "GET", path, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (fields);
  for (guint i = 0; i < json_array_get_length (array) && w->field_id == NULL; i++)
    {
      JsonObject *f = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (f, "type", NULL), "TXT") == 0)
        w->field_id = g_strdup (json_object_get_string_member (f, "id"));
    }
  g_assert_nonnull (w->field_id);
}

static void
world_start (World *w)
{
  g_autoptr(GError) error = NULL;

  w->service = tc_service_new (w->db_path, &error);
  g_assert_no_error (error);
  /* The tests count edits, not rate limiting (the ratelimit work tests that). */
  tc_service_set_rate_limit (w->service, 100000, 100000);
  g_assert_true (tc_service_listen (w->service, w->port, &error));
  g_assert_no_error (error);
  w->port = tc_service_get_port (w->service);
  g_free (w->direct_url);
  w->direct_url = tc_service_dup_base_url (w->service);
}

static void
world_stop (World *w)
{
  tc_service_shutdown (w->service);
  drain_and_finalize (&w->service);
}

static World *
world_new (guint n_members)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("outbox-service-%u.db", ++counter);
  g_autoptr(GError) error = NULL;
  World *w = g_new0 (World, 1);

  w->db_path = g_build_filename (g_get_user_data_dir (), name, NULL);
  world_start (w);
  g_assert_true (tc_service_seed (w->service, n_members, &w->key, &error));
  g_assert_no_error (error);
  world_load (w, w->direct_url);
  w->proxy = tc_core_test_server_new (w->direct_url);
  w->proxy_url = tc_core_test_server_dup_base_url (w->proxy);
  return w;
}

static void
world_free (World *w)
{
  if (w->service != NULL)
    world_stop (w);
  g_clear_pointer (&w->proxy, tc_core_test_server_free);
  g_free (w->proxy_url);
  g_free (w->db_path);
  g_free (w->direct_url);
  g_free (w->key);
  g_free (w->owner_id);
  g_free (w->workspace_id);
  g_free (w->field_id);
  g_clear_pointer (&w->member, json_object_unref);
  g_clear_object (&w->original);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static const char *
member_id (World *w)
{
  return json_object_get_string_member (w->member, "id");
}

static TcSession *
session_new (const char *url,
             const char *key,
             const char *owner_id)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (url, NULL);
  g_autoptr(TcAccount) account = tc_account_new ("local", owner_id, NULL);
  TcSession *session;

  tc_api_client_set_api_key (client, key);
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
  tc_test_wait_result (&result, 30);
  return tc_session_refresh_finish (session, result, error);
}

static void
cache_sync (TcSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_cache_sync_async (_tc_session_get_cache (session), NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

/* The kinds of edit */

typedef struct
{
  const char *name;
  void      (*prepare) (World *w);                  /* optional, on the server */
  void      (*make)    (World *w, TcSession *s);    /* the edit, through the session */
  void      (*check)   (World *w);                  /* the server has it */
  const char *method;                               /* the request that writes it */
  const char *path;                                 /* %s: workspace, member */
} Kind;

static void
make_settings (World *w, TcSession *s)
{
  g_object_set (tc_session_get_settings (s), "date-format", "DD.MM.YYYY", NULL);
}

static void
check_settings (World *w)
{
  g_autoptr(JsonObject) user = api_object (w, "GET", "/v1/user", NULL);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (user, "settings"),
                                                  "dateFormat"), ==, "DD.MM.YYYY");
}

static void
make_name (World *w, TcSession *s)
{
  tc_session_set_name (s, "Grace Hopper");
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (s)), ==, "Grace Hopper");
}

static void
check_name (World *w)
{
  g_autoptr(JsonObject) user = api_object (w, "GET", "/v1/user", NULL);

  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "Grace Hopper");
}

static void
make_email (World *w, TcSession *s)
{
  tc_session_set_email (s, "grace@example.org");
  /* Shown at once, waiting for confirmation. */
  g_assert_cmpstr (tc_user_get_pending_email (tc_session_get_user (s)), ==, "grace@example.org");
}

static void
check_email (World *w)
{
  g_autoptr(JsonObject) user = api_object (w, "GET", "/v1/user", NULL);

  g_assert_cmpstr (json_object_get_string_member (user, "pendingEmail"), ==, "grace@example.org");
}

static void
make_picture (World *w, TcSession *s)
{
  g_autoptr(GBytes) png = make_png (64);

  tc_session_set_picture (s, png, "image/png");
}

static void
check_picture (World *w)
{
  g_autoptr(JsonObject) user = api_object (w, "GET", "/v1/user", NULL);
  const char *url = json_object_get_string_member_with_default (user, "profilePicture", "");

  g_assert_nonnull (strstr (url, "/files/images/"));
}

static void
prepare_picture (World *w)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (w->direct_url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) png = make_png (32);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patch = NULL;

  tc_api_client_set_api_key (client, w->key);
  tc_api_client_upload_async (client, "/v1/file/image", "file", "before.png", "image/png", png,
                              NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  g_assert_true (tc_api_client_request_finish (client, result, &answer, &error));
  g_assert_no_error (error);
  patch = g_strdup_printf ("{\"profilePicture\":\"%s\"}",
                           json_object_get_string_member (json_node_get_object (answer), "url"));
  user = api_object (w, "PATCH", "/v1/user", patch);
}

static void
make_remove_picture (World *w, TcSession *s)
{
  tc_session_remove_picture (s);
}

static void
check_remove_picture (World *w)
{
  g_autoptr(JsonObject) user = api_object (w, "GET", "/v1/user", NULL);
  JsonNode *picture = json_object_get_member (user, "profilePicture");

  g_assert_true (picture == NULL || JSON_NODE_HOLDS_NULL (picture) ||
                 g_str_equal (json_node_get_string (picture), ""));
}

static gint64
new_capacity (World *w)
{
  gint64 capacity = tc_member_profile_get_work_capacity (w->original);

  return capacity >= 20 * 3600 ? capacity - 3600 : capacity + 3600;
}

static void
make_capacity (World *w, TcSession *s)
{
  g_autoptr(TcMemberProfile) edited = tc_member_profile_copy (w->original);
  g_autoptr(JsonObject) patch = NULL;
  g_auto(GStrv) uuids = NULL;

  tc_member_profile_set_work_capacity (edited, new_capacity (w));
  patch = tc_member_profile_build_patch (w->original, edited);
  uuids = tc_session_edit_member_profile (s, w->workspace_id, w->original, patch);
  g_assert_cmpuint (g_strv_length (uuids), ==, 1);
}

static JsonObject *
server_profile (World *w)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           w->workspace_id, member_id (w));

  return api_object (w, "GET", path, NULL);
}

static gint64
server_capacity (World *w)
{
  g_autoptr(JsonObject) profile = server_profile (w);
  gint64 seconds = -1;

  g_assert_true (tc_wire_parse_duration (json_object_get_string_member (profile, "workCapacity"), &seconds));
  return seconds;
}

static void
check_capacity (World *w)
{
  g_assert_cmpint (server_capacity (w), ==, new_capacity (w));
}

static void
make_custom (World *w, TcSession *s)
{
  g_autoptr(TcMemberProfile) edited = tc_member_profile_copy (w->original);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "sent once");
  g_autoptr(JsonObject) patch = NULL;
  g_auto(GStrv) uuids = NULL;

  g_autoptr(TcPendingEdit) edit = NULL;
  GListModel *pending = tc_session_get_pending (s);

  tc_member_profile_set_custom_value (edited, w->field_id, value);
  patch = tc_member_profile_build_patch (w->original, edited);
  /* The caller may name the field for the list of waiting changes. */
  json_object_set_string_member (json_array_get_object_element (
    json_object_get_array_member (patch, "userCustomFields"), 0), "name", "Shirt size");
  uuids = tc_session_edit_member_profile (s, w->workspace_id, w->original, patch);
  g_assert_cmpuint (g_strv_length (uuids), ==, 1);
  edit = g_list_model_get_item (pending, g_list_model_get_n_items (pending) - 1);
  g_assert_cmpstr (tc_pending_edit_get_uuid (edit), ==, uuids[0]);
  g_assert_cmpstr (tc_pending_edit_get_field_label (edit), ==, "Shirt size");
  g_assert_true (g_str_has_prefix (tc_pending_edit_get_field (edit), "customField:"));
  g_assert_cmpstr (tc_pending_edit_get_object_id (edit), ==, member_id (w));
}

static void
check_custom (World *w)
{
  g_autoptr(JsonObject) profile = server_profile (w);
  JsonArray *values = json_object_get_array_member (profile, "userCustomFieldValues");
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);

      if (g_str_equal (json_object_get_string_member (v, "customFieldId"), w->field_id))
        {
          g_assert_cmpstr (json_object_get_string_member (v, "value"), ==, "sent once");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
make_status (World *w, TcSession *s)
{
  g_autoptr(TcMember) member = tc_member_new_from_json (w->member, NULL);
  g_autofree char *uuid = tc_session_set_member_status (s, w->workspace_id, member,
                                                        TC_MEMBER_STATUS_INACTIVE);

  g_assert_nonnull (uuid);
}

static void
check_status (World *w)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?status=INACTIVE&page-size=5000",
                                           w->workspace_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) users = api (w->direct_url, w->key, "GET", path, NULL, &error);
  JsonArray *array = json_node_get_array (users);
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "id"),
                          member_id (w));
  g_assert_true (found);
}

static const Kind kinds[] = {
  { "settings", NULL, make_settings, check_settings, "PATCH", "/v1/user/settings" },
  { "name", NULL, make_name, check_name, "PATCH", "/v1/user" },
  { "email", NULL, make_email, check_email, "PATCH", "/v1/user" },
  { "picture", NULL, make_picture, check_picture, "POST", "/v1/file/image" },
  { "picture-removal", prepare_picture, make_remove_picture, check_remove_picture, "PATCH", "/v1/user" },
  { "member-capacity", NULL, make_capacity, check_capacity, "PATCH", "/v1/workspaces/%s/member-profile/%s" },
  { "member-custom-field", NULL, make_custom, check_custom, "PATCH", "/v1/workspaces/%s/member-profile/%s" },
  { "member-status", NULL, make_status, check_status, "PUT", "/v1/workspaces/%s/users/%s" },
};

static guint
count_writes (World      *w,
              const Kind *kind)
{
  g_autofree char *path = NULL;
  guint n;

  if (g_str_has_suffix (kind->path, "/member-profile/%s"))
    path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", w->workspace_id, member_id (w));
  else if (g_str_has_suffix (kind->path, "/users/%s"))
    path = g_strdup_printf ("/v1/workspaces/%s/users/%s", w->workspace_id, member_id (w));
  else
    path = g_strdup (kind->path);
  n = tc_core_test_server_count (w->proxy, kind->method, path);

  /* A picture is an upload and then a PATCH of the user, each once. */
  if (g_str_equal (kind->name, "picture"))
    g_assert_cmpuint (tc_core_test_server_count (w->proxy, "PATCH", "/v1/user"), ==, n);
  return n;
}

/* After a restart through the proxy: sent, once; a third start sends nothing. */
static void
assert_delivered_once (World      *w,
                       const Kind *kind)
{
  g_autoptr(TcSession) session = session_new (w->proxy_url, w->key, w->owner_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (session, &error));
  g_assert_no_error (error);
  tc_test_wait_until (no_pending_edits, session, 30);
  kind->check (w);
  g_assert_cmpuint (count_writes (w, kind), ==, 1);
  drain_and_finalize (&session);

  session = session_new (w->proxy_url, w->key, w->owner_id);
  g_assert_true (refresh (session, NULL));
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  cache_sync (session);
  g_assert_cmpuint (count_writes (w, kind), ==, 1);
  drain_and_finalize (&session);
}

static void
test_offline_restart (gconstpointer data)
{
  const Kind *kind = data;
  g_autoptr(World) w = world_new (8);
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (kind->prepare != NULL)
    kind->prepare (w);

  /* Signed in while the server was there (the cache has the user). */
  session = session_new (w->direct_url, w->key, w->owner_id);
  g_assert_true (refresh (session, &error));
  g_assert_no_error (error);

  /* The server goes away; the edit is made, kept, and the app quits. */
  world_stop (w);
  kind->make (w, session);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (tc_session_get_pending (session)), ==, 1);
  cache_sync (session);
  drain_and_finalize (&session);

  world_start (w);
  g_assert_cmpuint (count_writes (w, kind), ==, 0);
  assert_delivered_once (w, kind);
}

/* SIGKILL between the outbox write and the send */

static int
kind_child (const char *name)
{
  World w = { 0, };
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = g_getenv ("TC_TEST_URL");

  w.direct_url = g_strdup (url);
  w.key = g_strdup (g_getenv ("TC_TEST_KEY"));
  world_load (&w, url);

  session = session_new (url, w.key, w.owner_id);
  _tc_session_set_outbox_paused (session, TRUE);
  if (!refresh (session, &error))
    g_error ("The child could not refresh: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      kinds[i].make (&w, session);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 1);
  cache_sync (session);
  printf ("written\n");
  fflush (stdout);

  /* The parent kills us with SIGKILL; this is only a bound. */
  g_usleep (60 * G_USEC_PER_SEC);
  return 1;
}

static GSubprocess *
spawn_child (World       *w,
             const char  *mode,
             const char  *arg,
             GDataInputStream **out_lines)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "TC_TEST_URL", w->proxy_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "TC_TEST_KEY", w->key, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_exe, mode, arg, NULL);
  g_assert_no_error (error);
  *out_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  return child;
}

static void
expect_line (GDataInputStream *lines,
             const char       *expected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  /* The service answers the child from this thread's main loop. */
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 120);
  line = g_data_input_stream_read_line_finish_utf8 (lines, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, expected);
}

static void
kill_child (GSubprocess *child)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait_async (child, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

static void
test_sigkill (gconstpointer data)
{
  const Kind *kind = data;
  g_autoptr(World) w = world_new (8);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocess) child = NULL;

  if (kind->prepare != NULL)
    kind->prepare (w);
  child = spawn_child (w, "--kind-child", kind->name, &lines);
  expect_line (lines, "written");
  kill_child (child);
  g_assert_cmpuint (count_writes (w, kind), ==, 0);

  assert_delivered_once (w, kind);
}

/* Conflict, refusal, discard: over the session's member list */

typedef struct
{
  guint   n;
  char   *uuid;
  GError *error;
} Resolved;

static void
edit_resolved_cb (TcSession     *session,
                  TcPendingEdit *edit,
                  const GError  *error,
                  Resolved      *r)
{
  r->n++;
  g_free (r->uuid);
  r->uuid = g_strdup (tc_pending_edit_get_uuid (edit));
  g_clear_error (&r->error);
  r->error = error ? g_error_copy (error) : NULL;
}

static gboolean
resolved_once (gpointer data)
{
  return ((Resolved *) data)->n > 0;
}

static gboolean
list_complete (gpointer data)
{
  return tc_member_list_get_complete (data);
}

/* A session with its member list loaded and the member in it. */
static TcSession *
admin_session (World     *w,
               TcMember **out_member)
{
  TcSession *session = session_new (w->proxy_url, w->key, w->owner_id);
  TcMemberList *list;

  g_assert_true (refresh (session, NULL));
  list = tc_session_get_member_list (session, w->workspace_id);
  g_assert_true (list == tc_session_get_member_list (session, w->workspace_id));
  tc_member_list_reload (list);
  tc_test_wait_until (list_complete, list, 30);
  *out_member = tc_member_list_find (list, member_id (w));
  g_assert_nonnull (*out_member);
  tc_member_set_work_capacity (*out_member, tc_member_profile_get_work_capacity (w->original));
  return session;
}

static void
test_conflict (void)
{
  g_autoptr(World) w = world_new (8);
  g_autoptr(TcSession) session = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           w->workspace_id, member_id (w));
  g_autofree char *other_key = NULL;
  g_autoptr(GError) error = NULL;
  TcMember *member = NULL;
  Resolved r = { 0, };

  session = admin_session (w, &member);
  g_signal_connect (session, "edit-resolved", G_CALLBACK (edit_resolved_cb), &r);

  /* The edit waits; meanwhile another admin changes the same capacity. */
  _tc_session_set_outbox_paused (session, TRUE);
  make_capacity (w, session);
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, new_capacity (w));

  other_key = tc_service_issue_api_key (w->service, w->owner_id, "web app", &error);
  g_assert_no_error (error);
  other = api (w->direct_url, other_key, "PATCH", path, "{\"workCapacity\":\"PT2H30M\"}", &error);
  g_assert_no_error (error);

  _tc_session_set_outbox_paused (session, FALSE);
  tc_test_wait_until (resolved_once, &r, 30);
  g_assert_error (r.error, TC_API_ERROR, TC_API_ERROR_CONFLICT);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  /* Nothing overwritten, nothing sent; the list shows the server's value. */
  g_assert_cmpint (server_capacity (w), ==, 2 * 3600 + 1800);
  g_assert_cmpuint (tc_core_test_server_count (w->proxy, "PATCH", path), ==, 0);
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, 2 * 3600 + 1800);

  g_free (r.uuid);
  g_clear_error (&r.error);
  drain_and_finalize (&session);
}

static void
test_refused (void)
{
  g_autoptr(World) w = world_new (8);
  g_autoptr(TcSession) session = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           w->workspace_id, member_id (w));
  g_auto(GStrv) uuids = NULL;
  TcMember *member = NULL;
  Resolved r = { 0, };

  session = admin_session (w, &member);
  g_signal_connect (session, "edit-resolved", G_CALLBACK (edit_resolved_cb), &r);

  _tc_session_set_outbox_paused (session, TRUE);
  json_object_set_string_member (patch, "workCapacity", "PT25H");
  uuids = tc_session_edit_member_profile (session, w->workspace_id, w->original, patch);
  g_assert_cmpuint (g_strv_length (uuids), ==, 1);
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, 25 * 3600);
  cache_sync (session);

  _tc_session_set_outbox_paused (session, FALSE);
  tc_test_wait_until (resolved_once, &r, 30);
  g_assert_cmpstr (r.uuid, ==, uuids[0]);
  g_assert_error (r.error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_nonnull (strstr (r.error->message, "workCapacity"));
  /* Reverted to the server's value, which did not change. */
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, tc_member_profile_get_work_capacity (w->original));
  g_assert_cmpint (server_capacity (w), ==, tc_member_profile_get_work_capacity (w->original));
  g_assert_cmpuint (tc_core_test_server_count (w->proxy, "PATCH", path), ==, 1);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);

  g_free (r.uuid);
  g_clear_error (&r.error);
  drain_and_finalize (&session);
}

static void
test_discard (void)
{
  g_autoptr(World) w = world_new (8);
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcPendingEdit) edit = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users/%s", w->workspace_id, member_id (w));
  TcMember *member = NULL;
  Resolved r = { 0, };

  session = admin_session (w, &member);
  g_signal_connect (session, "edit-resolved", G_CALLBACK (edit_resolved_cb), &r);
  _tc_session_set_outbox_paused (session, TRUE);
  make_status (w, session);
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_INACTIVE);

  edit = g_list_model_get_item (tc_session_get_pending (session), 0);
  g_assert_cmpint (tc_pending_edit_get_target (edit), ==, TC_EDIT_TARGET_MEMBER_STATUS);
  g_assert_cmpstr (tc_pending_edit_get_object_id (edit), ==, member_id (w));
  g_assert_cmpstr (tc_pending_edit_get_field (edit), ==, "status");
  g_assert_cmpstr (json_node_get_string (tc_pending_edit_get_old_value (edit)), ==, "ACTIVE");
  g_assert_cmpstr (json_node_get_string (tc_pending_edit_get_new_value (edit)), ==, "INACTIVE");
  g_assert_true (tc_session_discard_edit (session, tc_pending_edit_get_uuid (edit)));
  g_assert_false (tc_session_discard_edit (session, tc_pending_edit_get_uuid (edit)));

  g_assert_cmpuint (r.n, ==, 1);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_ACTIVE);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  _tc_session_set_outbox_paused (session, FALSE);
  cache_sync (session);
  drain_and_finalize (&session);

  /* Gone from the cache too: a new session sends nothing. */
  session = session_new (w->proxy_url, w->key, w->owner_id);
  g_assert_true (refresh (session, NULL));
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  g_assert_cmpuint (tc_core_test_server_count (w->proxy, "PUT", path), ==, 0);

  g_free (r.uuid);
  g_clear_error (&r.error);
  drain_and_finalize (&session);
}

/* A name the service would refuse is refused before it is queued. */
static void
test_name_refused_locally (void)
{
  g_autoptr(World) w = world_new (8);
  g_autoptr(TcSession) session = session_new (w->proxy_url, w->key, w->owner_id);
  g_autofree char *before = NULL;
  Resolved r = { 0, };

  g_assert_true (refresh (session, NULL));
  before = g_strdup (tc_user_get_name (tc_session_get_user (session)));
  g_signal_connect (session, "edit-resolved", G_CALLBACK (edit_resolved_cb), &r);
  tc_session_set_name (session, "Ada\nLovelace");
  g_assert_cmpuint (r.n, ==, 1);
  g_assert_error (r.error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
  g_assert_cmpuint (tc_session_get_pending_edits (session), ==, 0);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (session)), ==, before);
  g_assert_cmpuint (tc_core_test_server_count (w->proxy, "PATCH", "/v1/user"), ==, 0);

  g_free (r.uuid);
  g_clear_error (&r.error);
  drain_and_finalize (&session);
}

/* Crash matrix: a bulk edit of 200 members, SIGKILL mid-send */

#define BULK_MEMBERS 200
#define BULK_CAPACITY (7 * 3600 + 15 * 60)

static GPtrArray *
bulk_member_ids (const char *url,
                 const char *key,
                 const char *ws,
                 const char *owner_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?status=ACTIVE&page-size=5000", ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) users = api (url, key, "GET", path, NULL, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (users);
  for (guint i = 0; i < json_array_get_length (array) && ids->len < BULK_MEMBERS; i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (array, i), "id");

      if (!g_str_equal (id, owner_id))
        g_ptr_array_add (ids, g_strdup (id));
    }
  g_assert_cmpuint (ids->len, ==, BULK_MEMBERS);
  return ids;
}

static int
bulk_child (void)
{
  World w = { 0, };
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = g_getenv ("TC_TEST_URL");

  w.direct_url = g_strdup (url);
  w.key = g_strdup (g_getenv ("TC_TEST_KEY"));
  world_load (&w, url);
  ids = bulk_member_ids (url, w.key, w.workspace_id, w.owner_id);

  session = session_new (url, w.key, w.owner_id);
  _tc_session_set_outbox_paused (session, TRUE);
  if (!refresh (session, &error))
    g_error ("The child could not refresh: %s", error->message);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TcMemberProfile) original = load_profile (url, w.key, w.workspace_id, ids->pdata[i]);
      g_autoptr(TcMemberProfile) edited = tc_member_profile_copy (original);
      g_autoptr(JsonObject) patch = NULL;
      g_auto(GStrv) uuids = NULL;

      tc_member_profile_set_work_capacity (edited, BULK_CAPACITY);
      patch = tc_member_profile_build_patch (original, edited);
      uuids = tc_session_edit_member_profile (session, w.workspace_id, original, patch);
    }
  cache_sync (session);
  printf ("written %u\n", tc_session_get_pending_edits (session));
  fflush (stdout);

  _tc_session_set_outbox_paused (session, FALSE);
  /* The parent kills us mid-send; this is only a bound. */
  tc_test_wait_until (no_pending_edits, session, 120);
  printf ("all sent\n");
  fflush (stdout);
  g_usleep (60 * G_USEC_PER_SEC);
  return 1;
}

typedef struct
{
  World     *w;
  GPtrArray *ids;
  guint      threshold;
} Progress;

static guint
bulk_patches (World     *w,
              GPtrArray *ids,
              guint     *out_max)
{
  guint total = 0;

  *out_max = 0;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                               w->workspace_id, (char *) ids->pdata[i]);
      guint n = tc_core_test_server_count (w->proxy, "PATCH", path);

      total += n;
      *out_max = MAX (*out_max, n);
    }
  return total;
}

static gboolean
half_sent (gpointer data)
{
  Progress *p = data;
  guint max;

  return bulk_patches (p->w, p->ids, &max) >= p->threshold;
}

static void
test_crash_bulk_sigkill (void)
{
  g_autoptr(World) w = world_new (2 * BULK_MEMBERS);
  g_autoptr(GPtrArray) ids = bulk_member_ids (w->direct_url, w->key, w->workspace_id, w->owner_id);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *integrity = NULL;
  Progress progress = { w, ids, BULK_MEMBERS / 2 };
  g_autofree char *written = g_strdup_printf ("written %u", BULK_MEMBERS);
  guint max, total;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  child = spawn_child (w, "--bulk-child", NULL, &lines);
  expect_line (lines, written);
  tc_test_wait_until (half_sent, &progress, 120);
  kill_child (child);

  total = bulk_patches (w, ids, &max);
  g_test_message ("Killed after %u of %u PATCHes", total, BULK_MEMBERS);
  g_assert_cmpuint (total, <, BULK_MEMBERS);
  g_assert_cmpuint (max, ==, 1);

  /* The next start sends the rest; none twice. */
  session = session_new (w->proxy_url, w->key, w->owner_id);
  g_assert_true (refresh (session, NULL));
  tc_test_wait_until (no_pending_edits, session, 120);
  cache_sync (session);
  cache_path = g_strdup (tc_cache_get_path (_tc_session_get_cache (session)));
  drain_and_finalize (&session);

  total = bulk_patches (w, ids, &max);
  g_assert_cmpuint (total, ==, BULK_MEMBERS);
  g_assert_cmpuint (max, ==, 1);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TcMemberProfile) profile = load_profile (w->direct_url, w->key, w->workspace_id,
                                                         ids->pdata[i]);

      g_assert_cmpint (tc_member_profile_get_work_capacity (profile), ==, BULK_CAPACITY);
    }

  g_assert_cmpint (sqlite3_open_v2 (cache_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM outbox", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpstr (integrity, ==, "ok");
}

/* A version 1 cache (settings rows only) upgrades and its rows load. */
static void
test_cache_upgrade (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "v1", "c.db", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(TcCache) cache = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) png = make_png (8);
  g_autoptr(JsonNode) type = json_node_init_string (json_node_alloc (), "image/png");
  TcOutboxEntry picture = { (char *) "uuid-p", (char *) "profilePicture", NULL, type,
                            TC_EDIT_TARGET_PICTURE, NULL, NULL, NULL, NULL, NULL, png };
  TcOutboxEntry *entry;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA journal_mode = WAL;"
                                 "CREATE TABLE state (key TEXT PRIMARY KEY, json TEXT NOT NULL, updated INTEGER NOT NULL);"
                                 "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
                                 "  field TEXT NOT NULL, base TEXT, value TEXT);"
                                 "INSERT INTO outbox (uuid, field, base, value) VALUES ('uuid-v1', 'theme', '\"LIGHT\"', '\"DARK\"');"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cache = tc_cache_new (path);
  tc_cache_outbox_put_async (cache, &picture, NULL, NULL, NULL);
  tc_cache_outbox_list_async (cache, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  entries = tc_cache_outbox_list_finish (cache, result, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entries->pdata[0];
  g_assert_cmpstr (entry->uuid, ==, "uuid-v1");
  g_assert_cmpint (entry->target, ==, TC_EDIT_TARGET_SETTINGS);
  g_assert_cmpstr (json_node_get_string (entry->value), ==, "DARK");
  entry = entries->pdata[1];
  g_assert_cmpint (entry->target, ==, TC_EDIT_TARGET_PICTURE);
  g_assert_nonnull (entry->blob);
  g_assert_true (g_bytes_equal (entry->blob, png));
  g_clear_object (&result);
  drain_and_finalize (&cache);
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 2 && g_str_equal (argv[1], "--kind-child"))
    return kind_child (argv[2]);
  if (argc > 1 && g_str_equal (argv[1], "--bulk-child"))
    return bulk_child ();

  tc_test_init (&argc, &argv);

  g_test_add_func ("/outbox/cache-upgrade", test_cache_upgrade);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *offline = g_strdup_printf ("/outbox/offline-restart/%s", kinds[i].name);
      g_autofree char *killed = g_strdup_printf ("/outbox/sigkill/%s", kinds[i].name);

      g_test_add_data_func (offline, &kinds[i], test_offline_restart);
      g_test_add_data_func (killed, &kinds[i], test_sigkill);
    }
  g_test_add_func ("/outbox/conflict", test_conflict);
  g_test_add_func ("/outbox/refused", test_refused);
  g_test_add_func ("/outbox/discard", test_discard);
  g_test_add_func ("/outbox/name-refused-locally", test_name_refused_locally);
  g_test_add_func ("/crash/bulk-200-members-sigkill-mid-send", test_crash_bulk_sigkill);

  return g_test_run ();
}
