/* test-service-webhooks.c — webhooks CRUD, limits and real deliveries
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A receiver SoupServer inside the test takes the deliveries and records
 * their headers and bodies.
 */

#include "config.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>

#include "tc-test-service.h"

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *signatures;
  GPtrArray  *events;
  GPtrArray  *bodies;
  guint       answer;      /* HTTP status to answer with */
  char       *location;    /* with a 3xx answer */
} Receiver;

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Receiver *r = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_ptr_array_add (r->signatures, g_strdup (soup_message_headers_get_one (headers, "Clockify-Signature")));
  g_ptr_array_add (r->events, g_strdup (soup_message_headers_get_one (headers, "Clockify-Webhook-Event-Type")));
  g_ptr_array_add (r->bodies, g_strndup (body->data, body->length));
  soup_server_message_set_status (msg, r->answer, NULL);
  if (r->location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Location", r->location);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "thanks", 6);
}

static Receiver *
receiver_new (void)
{
  Receiver *r = g_new0 (Receiver, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, "/hook", receiver_cb, r, NULL);
  g_assert_true (soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (r->server);
  r->url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  r->signatures = g_ptr_array_new_with_free_func (g_free);
  r->events = g_ptr_array_new_with_free_func (g_free);
  r->bodies = g_ptr_array_new_with_free_func (g_free);
  r->answer = 200;
  return r;
}

static void
receiver_free (Receiver *r)
{
  soup_server_disconnect (r->server);
  g_object_unref (r->server);
  g_free (r->url);
  g_free (r->location);
  g_ptr_array_unref (r->signatures);
  g_ptr_array_unref (r->events);
  g_ptr_array_unref (r->bodies);
  g_free (r);
}

static gboolean
wait_deliveries (Receiver *r,
                 guint     n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (r->bodies->len < n && g_get_monotonic_time () < end)
    tc_test_spin (5);
  return r->bodies->len >= n;
}

static char *
hook_body (const char *name, const char *url, const char *event, const char *type,
           const char *source)
{
  return g_strdup_printf ("{\"name\":\"%s\",\"url\":\"%s\",\"webhookEvent\":\"%s\","
                          "\"triggerSourceType\":\"%s\",\"triggerSource\":%s}",
                          name, url, event, type, source);
}

static JsonObject *
create_hook (TcTestService *ts, const char *ws, const char *key, const char *body, guint status)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/webhooks", ws);
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "POST", path, key, body);

  if (status != 201)
    {
      tc_test_assert_error (res, status, status == 403 ? 403 : 501);
      return NULL;
    }
  g_assert_cmpuint (res->status, ==, 201);
  return json_object_ref (tc_test_response_object (res));
}

typedef struct
{
  const char *what, *name, *url, *event, *type, *source;
} BadHook;

static void
test_crud (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *users = g_strdup_printf ("[\"%s\"]", ts->owner_id);
  g_autofree char *good = hook_body ("Profile sync", "https://example.com/h", "USER_UPDATED", "USER_ID", users);
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, good, 201);
  const char *id = json_object_get_string_member (hook, "id");
  g_autofree char *one = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s", ts->workspace_id, id);
  g_autofree char *list_path = g_strdup_printf ("/v1/workspaces/%s/webhooks", ts->workspace_id);
  g_autofree char *token_path = g_strconcat (one, "/token", NULL);
  g_autofree char *updated = hook_body ("Renamed", "http://127.0.0.1:9/x", "NEW_PROJECT", "PROJECT_ID", "[]");
  g_autofree char *member_key = NULL;
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", &member_key);
  const BadHook bad[] = {
    { "short name", "X", "https://example.com", "NEW_TAG", "WORKSPACE_ID", "[]" },
    { "long name", "0123456789012345678901234567890", "https://example.com", "NEW_TAG", "WORKSPACE_ID", "[]" },
    { "http remote", "Hook", "http://example.com/h", "NEW_TAG", "WORKSPACE_ID", "[]" },
    { "ftp", "Hook", "ftp://example.com/h", "NEW_TAG", "WORKSPACE_ID", "[]" },
    { "event", "Hook", "https://example.com", "USER_SNEEZED", "WORKSPACE_ID", "[]" },
    { "type", "Hook", "https://example.com", "NEW_TAG", "PLANET_ID", "[]" },
    { "user event no ids", "Hook", "https://example.com", "USER_UPDATED", "USER_ID", "[]" },
    { "user event wrong type", "Hook", "https://example.com", "USER_EMAIL_CHANGED", "WORKSPACE_ID", "[\"0123456789abcdef01234567\"]" },
    { "bad id", "Hook", "https://example.com", "NEW_TAG", "TAG_ID", "[\"nope\"]" },
  };
  static const char * const members[] = {
    "id", "workspaceId", "userId", "name", "url", "webhookEvent", "triggerSourceType",
    "triggerSource", "enabled", "deliveryEnabled", "planEnabled", "authToken", NULL
  };

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  for (guint i = 0; members[i]; i++)
    g_assert_true (json_object_has_member (hook, members[i]));
  g_assert_true (json_object_get_boolean_member (hook, "deliveryEnabled"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *body = hook_body (bad[i].name, bad[i].url, bad[i].event, bad[i].type, bad[i].source);
      g_test_message ("bad webhook: %s", bad[i].what);
      g_assert_null (create_hook (ts, ts->workspace_id, ts->owner_key, body, 400));
    }
  g_assert_null (create_hook (ts, ts->workspace_id, member_key, good, 403));

  {
    g_autoptr(TcTestResponse) list = tc_test_request (ts, "GET", list_path, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) get = tc_test_request (ts, "GET", one, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) put = tc_test_request (ts, "PUT", one, ts->owner_key, updated);
    g_autoptr(TcTestResponse) token = tc_test_request (ts, "PATCH", token_path, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) by_member = tc_test_request (ts, "GET", list_path, member_key, NULL);
    g_autoptr(TcTestResponse) del = tc_test_request (ts, "DELETE", one, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) gone = tc_test_request (ts, "GET", one, ts->owner_key, NULL);
    JsonObject *obj = tc_test_response_object (list);

    g_assert_cmpint (json_object_get_int_member (obj, "workspaceWebhookCount"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "webhooks")), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (get), "id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (put), "name"), ==, "Renamed");
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (token), "authToken"), !=,
                     json_object_get_string_member (hook, "authToken"));
    tc_test_assert_error (by_member, 403, 403);
    g_assert_cmpuint (del->status, ==, 200);
    tc_test_assert_error (gone, 400, 501);
  }
  tc_test_service_free (ts);
}

static void
test_limits (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *free_ws = tc_test_add_workspace (ts, "Free", "FREE", ts->owner_id);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Free %u", i);
      g_autofree char *body = hook_body (name, "https://example.com", "NEW_TAG", "WORKSPACE_ID", "[]");
      g_autoptr(JsonObject) hook = create_hook (ts, free_ws, ts->owner_key, body, i < 3 ? 201 : 400);
    }
  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("Pro %u", i);
      g_autofree char *body = hook_body (name, "https://example.com", "NEW_TAG", "WORKSPACE_ID", "[]");
      g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, i < 10 ? 201 : 400);
    }
  tc_test_service_free (ts);
}

static JsonArray *
logs (TcTestService *ts, const char *hook_id, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/logs?page=0&size=50",
                                           ts->workspace_id, hook_id);
  TcTestResponse *res = tc_test_request (ts, "POST", path, ts->owner_key, body);
  JsonArray *array;

  g_assert_cmpuint (res->status, ==, 200);
  array = json_array_ref (tc_test_response_array (res));
  tc_test_response_free (res);
  return array;
}

static void
test_delivery (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *users = g_strdup_printf ("[\"%s\"]", ts->owner_id);
  g_autofree char *body = hook_body ("Profile", r->url, "USER_UPDATED", "USER_ID", users);
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
  const char *id = json_object_get_string_member (hook, "id");
  g_autofree char *token_path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/token", ts->workspace_id, id);
  g_autoptr(TcTestResponse) rename = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"name\":\"Olga Ø\"}");
  g_autoptr(TcTestResponse) token = NULL;
  g_autoptr(TcTestResponse) settings = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) failed = NULL;

  g_assert_cmpuint (rename->status, ==, 200);
  g_assert_true (wait_deliveries (r, 1));
  g_assert_cmpstr (r->signatures->pdata[0], ==, json_object_get_string_member (hook, "authToken"));
  g_assert_cmpstr (r->events->pdata[0], ==, "USER_UPDATED");
  payload = _tc_json_parse_text (r->bodies->pdata[0]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "name"), ==, "Olga Ø");

  token = tc_test_request (ts, "PATCH", token_path, ts->owner_key, NULL);
  settings = tc_test_request (ts, "PATCH", "/v1/user/settings", ts->owner_key, "{\"theme\":\"DARK\"}");
  g_assert_cmpuint (settings->status, ==, 200);
  g_assert_true (wait_deliveries (r, 2));
  g_assert_cmpstr (r->signatures->pdata[1], ==, json_object_get_string_member (tc_test_response_object (token), "authToken"));
  g_assert_cmpstr (r->signatures->pdata[1], !=, r->signatures->pdata[0]);

  tc_test_spin (50);
  all = logs (ts, id, "{\"status\":\"ALL\",\"sortByNewest\":true}");
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 0), "status"), ==, "SUCCEEDED");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (all, 0), "statusCode"), ==, 200);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (all, 0), "requestBody"), "DARK"));
  failed = logs (ts, id, "{\"status\":\"FAILED\"}");
  g_assert_cmpuint (json_array_get_length (failed), ==, 0);
  receiver_free (r);
  tc_test_service_free (ts);
}

static void
test_retries (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *users = g_strdup_printf ("[\"%s\"]", ts->owner_id);
  g_autofree char *body = hook_body ("Flaky", r->url, "USER_UPDATED", "USER_ID", users);
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
  const char *id = json_object_get_string_member (hook, "id");
  g_autofree char *one = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s", ts->workspace_id, id);
  g_autoptr(JsonArray) failed = NULL;
  gint64 started;

  _tc_service_set_webhook_backoff (ts->service, 30, 3, 2);
  r->answer = 500;
  started = g_get_monotonic_time ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TcTestResponse) res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key,
                                                       i ? "{\"name\":\"B\"}" : "{\"name\":\"A\"}");
      g_assert_cmpuint (res->status, ==, 200);
      g_assert_true (wait_deliveries (r, 3 * (i + 1)));
    }
  /* Back-off: 30 ms then 60 ms between the three attempts of each. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 2 * 90 * 1000);
  tc_test_spin (100);
  failed = logs (ts, id, "{\"status\":\"FAILED\"}");
  g_assert_cmpuint (json_array_get_length (failed), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (failed, 0), "attempts"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (failed, 0), "statusCode"), ==, 500);

  {
    g_autoptr(TcTestResponse) get = tc_test_request (ts, "GET", one, ts->owner_key, NULL);
    g_autoptr(TcTestResponse) more = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"name\":\"C\"}");
    g_autoptr(TcTestResponse) resave = tc_test_request (ts, "PUT", one, ts->owner_key, body);

    g_assert_false (json_object_get_boolean_member (tc_test_response_object (get), "deliveryEnabled"));
    tc_test_spin (200);
    g_assert_cmpuint (r->bodies->len, ==, 6);
    g_assert_true (json_object_get_boolean_member (tc_test_response_object (resave), "deliveryEnabled"));
  }
  receiver_free (r);
  tc_test_service_free (ts);
}

static void
test_test_delivery (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *body = hook_body ("Tester", r->url, "NEW_TAG", "WORKSPACE_ID", "[]");
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/test", ts->workspace_id,
                                           json_object_get_string_member (hook, "id"));
  g_autoptr(TcTestResponse) ok = tc_test_request (ts, "POST", path, ts->owner_key, NULL);
  g_autoptr(TcTestResponse) bad = NULL;
  JsonObject *entry = tc_test_response_object (ok);

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "SUCCEEDED");
  g_assert_cmpint (json_object_get_int_member (entry, "statusCode"), ==, 200);
  /* Only the status code of what the target answered is kept. */
  g_assert_true (json_object_get_null_member (entry, "responseBody"));
  g_assert_null (strstr (g_bytes_get_data (ok->body, NULL), "thanks"));
  g_assert_cmpuint (r->bodies->len, ==, 1);
  g_assert_cmpstr (r->events->pdata[0], ==, "NEW_TAG");

  r->answer = 503;
  bad = tc_test_request (ts, "POST", path, ts->owner_key, NULL);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (bad), "status"), ==, "FAILED");
  g_assert_cmpint (json_object_get_int_member (tc_test_response_object (bad), "statusCode"), ==, 503);
  receiver_free (r);
  tc_test_service_free (ts);
}

static void
test_user_events (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *member_key = NULL;
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", &member_key);
  g_autofree char *users = g_strdup_printf ("[\"%s\"]", member);
  static const char * const events[] = {
    "USER_DEACTIVATED_ON_WORKSPACE", "USER_ACTIVATED_ON_WORKSPACE", "USER_DELETED_FROM_WORKSPACE",
  };
  g_autofree char *email_hook = hook_body ("Mail", r->url, "USER_EMAIL_CHANGED", "USER_ID", users);
  g_autoptr(JsonObject) mail_hook = create_hook (ts, ts->workspace_id, ts->owner_key, email_hook, 201);
  g_autofree char *status_path = g_strdup_printf ("/v1/workspaces/%s/users/%s", ts->workspace_id, member);
  g_autofree char *leave_path = g_strdup_printf ("/v1/workspaces/%s/leave", ts->workspace_id);

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *body = hook_body (events[i] + 5, r->url, events[i], "WORKSPACE_ID", "[]");
      g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
    }
  {
    g_autoptr(TcTestResponse) off = tc_test_request (ts, "PUT", status_path, ts->owner_key, "{\"status\":\"INACTIVE\"}");
    g_autoptr(TcTestResponse) on = tc_test_request (ts, "PUT", status_path, ts->owner_key, "{\"status\":\"ACTIVE\"}");
    g_autoptr(TcTestResponse) email = tc_test_request (ts, "PATCH", "/v1/user", member_key, "{\"email\":\"mia2@example.com\"}");
    g_autoptr(GPtrArray) mails = tc_test_read_maildir (ts->maildir);
    g_autofree char *token = g_strndup (strstr (mails->pdata[0], "\r\n    ") + 6, 32);
    g_autofree char *confirm_body = g_strdup_printf ("{\"token\":\"%s\"}", token);
    g_autoptr(TcTestResponse) confirm = tc_test_request (ts, "POST", "/v1/user/email/confirm", member_key, confirm_body);
    g_autoptr(TcTestResponse) leave = tc_test_request (ts, "POST", leave_path, member_key, NULL);
    g_autoptr(TcTestResponse) owner_leave = tc_test_request (ts, "POST", leave_path, ts->owner_key, NULL);

    g_assert_cmpuint (off->status, ==, 200);
    g_assert_cmpuint (on->status, ==, 200);
    g_assert_cmpuint (confirm->status, ==, 200);
    g_assert_cmpuint (leave->status, ==, 204);
    tc_test_assert_error (owner_leave, 400, 501);
  }
  g_assert_true (wait_deliveries (r, 4));
  g_assert_cmpstr (r->events->pdata[0], ==, "USER_DEACTIVATED_ON_WORKSPACE");
  g_assert_cmpstr (r->events->pdata[1], ==, "USER_ACTIVATED_ON_WORKSPACE");
  g_assert_cmpstr (r->events->pdata[2], ==, "USER_EMAIL_CHANGED");
  g_assert_nonnull (strstr (r->bodies->pdata[2], "mia2@example.com"));
  g_assert_cmpstr (r->events->pdata[3], ==, "USER_DELETED_FROM_WORKSPACE");
  tc_test_spin (50);
  g_assert_cmpuint (r->bodies->len, ==, 4);
  receiver_free (r);
  tc_test_service_free (ts);
}

/* A member-profile PATCH builds the USER_UPDATED payload only when a
 * webhook will get it: one that matches gets the user as it is after
 * the change; one for another user or a disabled one gets nothing, and
 * no delivery row is written for it. */
static void
test_profile_event (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *member = tc_test_add_user (ts, "Mia", "mia@example.com", NULL);
  g_autofree char *other = tc_test_add_user (ts, "Ole", "ole@example.com", NULL);
  g_autofree char *for_member = g_strdup_printf ("[\"%s\"]", member);
  g_autofree char *for_other = g_strdup_printf ("[\"%s\"]", other);
  g_autofree char *member_body = hook_body ("Mia", r->url, "USER_UPDATED", "USER_ID", for_member);
  g_autofree char *other_body = hook_body ("Ole", r->url, "USER_UPDATED", "USER_ID", for_other);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           ts->workspace_id, member);
  g_autofree char *other_path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                                 ts->workspace_id, other);
  g_autofree char *hook_path = NULL;
  g_autoptr(JsonObject) hook = NULL;
  g_autoptr(JsonObject) other_hook = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonArray) quiet = NULL;
  g_autoptr(JsonArray) sent = NULL;

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  tc_test_add_membership (ts, ts->workspace_id, other, NULL, "ACTIVE");
  hook = create_hook (ts, ts->workspace_id, ts->owner_key, member_body, 201);
  other_hook = create_hook (ts, ts->workspace_id, ts->owner_key, other_body, 201);
  hook_path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s", ts->workspace_id,
                               json_object_get_string_member (other_hook, "id"));

  {
    g_autofree char *disabled = hook_body ("Ole", r->url, "USER_UPDATED", "USER_ID", for_other);
    g_autofree char *off = g_strdup_printf ("%.*s,\"enabled\":false}",
                                            (int) strlen (disabled) - 1, disabled);
    g_autoptr(TcTestResponse) put = tc_test_request (ts, "PUT", hook_path, ts->owner_key, off);
    g_autoptr(TcTestResponse) patch_other = tc_test_request (ts, "PATCH", other_path, ts->owner_key,
                                                             "{\"workCapacity\":\"PT6H\"}");
    g_autoptr(TcTestResponse) patch = tc_test_request (ts, "PATCH", path, ts->owner_key,
                                                       "{\"workCapacity\":\"PT7H\"}");

    g_assert_cmpuint (put->status, ==, 200);
    g_assert_false (json_object_get_boolean_member (tc_test_response_object (put), "enabled"));
    g_assert_cmpuint (patch_other->status, ==, 200);
    g_assert_cmpuint (patch->status, ==, 200);
  }
  g_assert_true (wait_deliveries (r, 1));
  g_assert_cmpstr (r->events->pdata[0], ==, "USER_UPDATED");
  payload = _tc_json_parse_text (r->bodies->pdata[0]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "id"), ==, member);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "email"), ==,
                   "mia@example.com");
  tc_test_spin (50);
  g_assert_cmpuint (r->bodies->len, ==, 1);
  sent = logs (ts, json_object_get_string_member (hook, "id"), "{\"status\":\"ALL\"}");
  g_assert_cmpuint (json_array_get_length (sent), ==, 1);
  quiet = logs (ts, json_object_get_string_member (other_hook, "id"), "{\"status\":\"ALL\"}");
  g_assert_cmpuint (json_array_get_length (quiet), ==, 0);
  receiver_free (r);
  tc_test_service_free (ts);
}

static void
test_pending_kept (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *r = receiver_new ();
  g_autofree char *users = g_strdup_printf ("[\"%s\"]", ts->owner_id);
  g_autofree char *body = hook_body ("Later", r->url, "USER_UPDATED", "USER_ID", users);
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
  g_autoptr(TcTestResponse) rename = NULL;
  g_autoptr(GError) error = NULL;

  _tc_service_set_webhook_backoff (ts->service, 60 * 1000, 5, 5);
  r->answer = 500;
  rename = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"name\":\"Kept\"}");
  g_assert_true (wait_deliveries (r, 1));
  tc_test_spin (20);

  /* Stop with the retry a minute away, then start again on the same file. */
  tc_service_shutdown (ts->service);
  g_clear_object (&ts->service);
  r->answer = 200;
  ts->service = tc_service_new (ts->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_tc_db_int (ts->service, 0, "SELECT COUNT(*) FROM webhook_deliveries "
                               "WHERE status = 'PENDING'", NULL), ==, 1);
  g_assert_true (tc_service_listen (ts->service, 0, &error));
  g_assert_true (wait_deliveries (r, 2));
  g_assert_nonnull (strstr (r->bodies->pdata[1], "Kept"));
  tc_test_spin (50);
  g_assert_cmpint (_tc_db_int (ts->service, 0, "SELECT COUNT(*) FROM webhook_deliveries "
                               "WHERE status = 'SUCCEEDED'", NULL), ==, 1);
  receiver_free (r);
  tc_test_service_free (ts);
}

static JsonObject *
send_test (TcTestService *ts,
           const char    *hook_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/test", ts->workspace_id,
                                           hook_id);
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "POST", path, ts->owner_key, NULL);

  g_assert_cmpuint (res->status, ==, 200);
  return json_object_ref (tc_test_response_object (res));
}

/* A loopback hook answering 302 to another host: the delivery fails and
 * the other host never sees the request or its secret. */
static void
test_no_redirects (void)
{
  TcTestService *ts = tc_test_service_new ();
  Receiver *hook_target = receiver_new ();
  Receiver *elsewhere = receiver_new ();
  g_autofree char *body = hook_body ("Redirected", hook_target->url, "NEW_TAG", "WORKSPACE_ID", "[]");
  g_autoptr(JsonObject) hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(GUri) other = g_uri_parse (elsewhere->url, G_URI_FLAGS_NONE, NULL);

  hook_target->answer = 302;
  hook_target->location = g_strdup_printf ("http://localhost:%d/hook", g_uri_get_port (other));
  entry = send_test (ts, json_object_get_string_member (hook, "id"));
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "FAILED");
  g_assert_cmpint (json_object_get_int_member (entry, "statusCode"), ==, 302);
  g_assert_cmpuint (hook_target->bodies->len, ==, 1);
  tc_test_spin (200);
  g_assert_cmpuint (elsewhere->bodies->len, ==, 0);

  /* An ordinary delivery (with retries) does not follow it either. */
  _tc_delivery_set_backoff (ts->service->delivery, 10, 2, 5);
  {
    g_autoptr(TcTestResponse) renamed = NULL;
    g_autofree char *source = g_strdup_printf ("[\"%s\"]", ts->owner_id);

    g_assert_true (_tc_db_exec (ts->service, "UPDATE webhooks SET event = 'USER_UPDATED', "
                                "trigger_type = 'USER_ID', trigger_source = ? WHERE id = ?", "ss",
                                source, json_object_get_string_member (hook, "id")));
    renamed = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"name\":\"Renamed\"}");
    g_assert_cmpuint (renamed->status, ==, 200);
  }
  /* Both attempts reach the hook's own url, and only it. */
  g_assert_true (wait_deliveries (hook_target, 3));
  tc_test_spin (100);
  g_assert_cmpuint (elsewhere->bodies->len, ==, 0);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM webhook_deliveries WHERE "
                               "status = 'FAILED' AND status_code = 302", NULL), ==, 2);
  receiver_free (hook_target);
  receiver_free (elsewhere);
  tc_test_service_free (ts);
}

static void
test_refused_addresses (void)
{
  TcTestService *ts = tc_test_service_new ();
  const char *refused[] = {
    "http://127.evil.example/", "http://127.0.0.1.evil.example/h", "http://127.1/",
    "https://169.254.169.254/", "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.1.1/",
    "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/",
    "https://0.0.0.0/", "https://[::]/", "https://224.0.0.1/", "https://255.255.255.255/",
    "https://100.64.0.1/",
  };
  const char *accepted[] = {
    "https://example.com/h", "http://127.0.0.1:9/h", "http://localhost:9/h", "http://[::1]:9/h",
    "https://127.0.0.1/h", "https://93.184.216.34/h",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *body = hook_body ("Refused", refused[i], "NEW_TAG", "WORKSPACE_ID", "[]");

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (create_hook (ts, ts->workspace_id, ts->owner_key, body, 400));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *name = g_strdup_printf ("Accepted %u", i);
      g_autofree char *body = hook_body (name, accepted[i], "NEW_TAG", "WORKSPACE_ID", "[]");
      g_autoptr(JsonObject) hook = NULL;

      g_test_message ("accepted: %s", accepted[i]);
      hook = create_hook (ts, ts->workspace_id, ts->owner_key, body, 201);
    }
  g_assert_false (tc_wire_is_loopback_host ("127.evil.example"));
  g_assert_false (tc_wire_is_loopback_host ("127.0.0.1.nip.io"));
  g_assert_false (tc_wire_is_loopback_host ("127.0.0.256"));
  g_assert_true (tc_wire_is_loopback_host ("127.0.0.1"));
  g_assert_true (tc_wire_is_loopback_host ("127.10.20.30"));
  g_assert_false (tc_wire_validate_server_url ("http://127.evil.example/api"));
  tc_test_service_free (ts);
}

/* A non-loopback address of this machine, or NULL. */
static char *
local_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      g_autoptr(GSocketAddress) address = NULL;
      GInetAddress *inet;

      if (i->ifa_addr == NULL || (i->ifa_flags & IFF_LOOPBACK) || i->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_socket_address_new_from_native (i->ifa_addr, sizeof (struct sockaddr_in));
      inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
      if (!g_inet_address_get_is_loopback (inet))
        found = g_inet_address_to_string (inet);
    }
  freeifaddrs (list);
  return found;
}

/* The address checked is the one connected to: a hook whose host later
 * leads elsewhere (DNS rebinding; here the stored url itself) reaches a
 * listening receiver on a non-loopback address without a byte sent. */
static void
test_connected_address_checked (void)
{
  TcTestService *ts;
  Receiver *r;
  g_autofree char *address = local_address ();
  g_autofree char *url = NULL;
  g_autofree char *hook = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (address == NULL)
    {
      g_test_skip ("this machine has no non-loopback IPv4 address");
      return;
    }
  ts = tc_test_service_new ();
  r = g_new0 (Receiver, 1);
  r->server = soup_server_new (NULL, NULL);
  r->signatures = g_ptr_array_new_with_free_func (g_free);
  r->events = g_ptr_array_new_with_free_func (g_free);
  r->bodies = g_ptr_array_new_with_free_func (g_free);
  r->answer = 200;
  soup_server_add_handler (r->server, "/hook", receiver_cb, r, NULL);
  g_assert_true (soup_server_listen_all (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (r->server);
  url = g_strdup_printf ("http://%s:%d/hook", address, g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  hook = _tc_new_id ();
  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO webhooks (id, workspace_id, user_id, name, "
                              "url, event, trigger_type, auth_token, created_at) VALUES (?, ?, ?, "
                              "'Rebound', ?, 'NEW_TAG', 'WORKSPACE_ID', 'secret-token', "
                              "'2026-01-01T00:00:00Z')", "ssss", hook, ts->workspace_id,
                              ts->owner_id, url));
  entry = send_test (ts, hook);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "FAILED");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "responseBody"), "Not sent:"));
  tc_test_spin (100);
  g_assert_cmpuint (r->bodies->len, ==, 0);
  receiver_free (r);
  tc_test_service_free (ts);
}

static void
test_address_rules (void)
{
  const struct { const char *address, *scheme; gboolean ok; } cases[] = {
    { "127.0.0.1", "http", TRUE }, { "::1", "http", TRUE }, { "::ffff:127.0.0.1", "http", TRUE },
    { "93.184.216.34", "http", FALSE }, { "93.184.216.34", "https", TRUE },
    { "2606:2800:220:1::", "https", TRUE }, { "127.0.0.1", "https", TRUE },
    { "10.1.2.3", "https", FALSE }, { "172.31.255.255", "https", FALSE },
    { "172.32.0.1", "https", TRUE }, { "192.168.0.1", "https", FALSE },
    { "169.254.169.254", "https", FALSE }, { "fe80::1", "https", FALSE },
    { "fc00::1", "https", FALSE }, { "fd12:3456::1", "https", FALSE },
    { "::ffff:192.168.0.1", "https", FALSE }, { "0.0.0.0", "https", FALSE },
    { "::", "https", FALSE }, { "239.1.1.1", "https", FALSE }, { "ff02::1", "https", FALSE },
    { "100.100.0.1", "https", FALSE }, { "255.255.255.255", "https", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cases[i].address);

      g_test_message ("%s over %s", cases[i].address, cases[i].scheme);
      g_assert_nonnull (address);
      g_assert_cmpint (_tc_delivery_address_refused (address, cases[i].scheme) == NULL, ==,
                       cases[i].ok);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/webhooks/crud", test_crud);
  g_test_add_func ("/service/webhooks/limits", test_limits);
  g_test_add_func ("/service/webhooks/delivery", test_delivery);
  g_test_add_func ("/service/webhooks/retries", test_retries);
  g_test_add_func ("/service/webhooks/test-delivery", test_test_delivery);
  g_test_add_func ("/service/webhooks/user-events", test_user_events);
  g_test_add_func ("/service/webhooks/profile-event", test_profile_event);
  g_test_add_func ("/service/webhooks/pending-kept", test_pending_kept);
  g_test_add_func ("/service/webhooks/no-redirects", test_no_redirects);
  g_test_add_func ("/service/webhooks/refused-addresses", test_refused_addresses);
  g_test_add_func ("/service/webhooks/connected-address", test_connected_address_checked);
  g_test_add_func ("/service/webhooks/address-rules", test_address_rules);

  return g_test_run ();
}
