/* tc-service-http.c — one request's way: auth, rate limit, route, transaction
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define API_PREFIX "/api/v1/"

void
_tc_reply_json (TcRequest *req,
                guint      status,
                JsonNode  *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize len = strlen (text);

  req->status = status;
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&text), len);
}

void
_tc_reply_object (TcRequest  *req,
                  guint       status,
                  JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, obj);
  _tc_reply_json (req, status, node);
}

static void
reply_error_msg (SoupServerMessage *msg,
                 guint              status,
                 int                code,
                 const char        *message)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  gsize len;

  json_object_set_string_member (obj, "message", message);
  json_object_set_int_member (obj, "code", code);
  json_node_set_object (node, obj);
  text = json_to_string (node, FALSE);
  len = strlen (text);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&text), len);
}

void
_tc_reply_error (TcRequest  *req,
                 guint       status,
                 int         code,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  req->status = status;
  reply_error_msg (req->msg, status, code, message);
}

void
_tc_reply_empty (TcRequest *req,
                 guint      status)
{
  req->status = status;
  soup_server_message_set_status (req->msg, status, NULL);
}

JsonObject *
_tc_req_object (TcRequest *req)
{
  return req->body ? json_node_get_object (req->body) : NULL;
}

const char *
_tc_req_query (TcRequest  *req,
               const char *name)
{
  return req->query ? g_hash_table_lookup (req->query, name) : NULL;
}

/* Reads an optional string member. Answers 400 and returns FALSE when it
 * has another type; *out_value stays NULL when absent or null. */
gboolean
_tc_req_string_member (TcRequest   *req,
                       JsonObject  *obj,
                       const char  *member,
                       gboolean     nullable,
                       const char **out_value)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out_value = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "%s: must be a string", member);
      return FALSE;
    }
  *out_value = json_node_get_string (node);
  return TRUE;
}

void
_tc_req_queue_event (TcRequest  *req,
                     const char *event,
                     const char *workspace_id,
                     const char *user_id,
                     JsonNode   *payload)
{
  TcServiceEvent *ev = g_new0 (TcServiceEvent, 1);

  ev->event = g_strdup (event);
  ev->workspace_id = g_strdup (workspace_id);
  ev->user_id = g_strdup (user_id);
  ev->payload = payload;
  g_ptr_array_add (req->events, ev);
}

void
_tc_req_queue_mail (TcRequest  *req,
                    const char *to_name,
                    const char *to_email,
                    const char *subject,
                    const char *body)
{
  char **mail = g_new0 (char *, 5);

  mail[0] = g_strdup (to_name ? to_name : "");
  mail[1] = g_strdup (to_email);
  mail[2] = g_strdup (subject);
  mail[3] = g_strdup (body);
  g_ptr_array_add (req->mails, mail);
}

void
_tc_service_event_free (TcServiceEvent *event)
{
  g_free (event->event);
  g_free (event->workspace_id);
  g_free (event->user_id);
  g_clear_pointer (&event->payload, json_node_unref);
  g_free (event);
}

/* Matches @segments against @pattern (parts between '/', a part "*"
 * matching any segment) without splitting the pattern: a request tries
 * every route up to its own, and a g_strsplit() and an array for each
 * were a sixth of a small request's own time. The segments under "*"
 * parts are added to @params on a match only. */
static gboolean
match_pattern (const char  *pattern,
               char       **segments,
               GPtrArray   *params)
{
  const char *part = pattern;
  guint mark = params->len;
  guint i;

  for (i = 0; ; i++)
    {
      const char *end = strchr (part, '/');
      gsize len = end != NULL ? (gsize) (end - part) : strlen (part);

      if (segments[i] == NULL || segments[i][0] == '\0')
        break;
      if (len == 1 && part[0] == '*')
        g_ptr_array_add (params, g_strdup (segments[i]));
      else if (strncmp (part, segments[i], len) != 0 || segments[i][len] != '\0')
        break;
      if (end == NULL)
        {
          if (segments[i + 1] == NULL)
            return TRUE;
          break;
        }
      part = end + 1;
    }
  g_ptr_array_set_size (params, mark);
  return FALSE;
}

typedef const TcRoute *(*RouteTable) (guint *n_routes);

static const RouteTable route_tables[] = {
  _tc_routes_user, _tc_routes_settings, _tc_routes_keys, _tc_routes_workspaces, _tc_routes_team, _tc_routes_members,
  _tc_routes_custom_fields, _tc_routes_webhooks,
};

/* Finds the route for @method; fills @allow with the methods that exist
 * for the path when none matches the method. */
static const TcRoute *
find_route (TcService  *self,
            const char *method,
            char      **segments,
            GString    *allow,
            GPtrArray  *params)
{
  for (guint t = 0; t < G_N_ELEMENTS (route_tables); t++)
    {
      guint n_routes;
      const TcRoute *routes = route_tables[t] (&n_routes);

      for (guint i = 0; i < n_routes; i++)
        {
          if (routes[i].ext && !self->extensions)
            continue;
          if (!match_pattern (routes[i].pattern, segments, params))
            continue;
          if (strcmp (routes[i].method, method) == 0)
            return &routes[i];
          g_ptr_array_set_size (params, 0);
          if (strstr (allow->str, routes[i].method) == NULL)
            g_string_append_printf (allow, "%s%s", allow->len ? ", " : "",
                                    routes[i].method);
        }
    }
  return NULL;
}

/* Finds the first string (value or member name) under @node holding a
 * control character other than tab and line breaks; the field's path goes
 * to @path. Names, emails and the like refuse line breaks too, in their
 * own validators. @node is at most TC_WIRE_JSON_MAX_DEPTH deep. */
static gboolean
find_control_chars (JsonNode *node,
                    GString  *path)
{
  gsize mark = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, member);
          /* The member name itself is echoed without its control characters. */
          for (gsize i = path->len - strlen (member); i < path->len; i++)
            if ((guchar) path->str[i] < 0x20 || path->str[i] == 0x7f)
              path->str[i] = '?';
          if (tc_wire_has_control_chars (member, TRUE) || find_control_chars (value, path))
            return TRUE;
          g_string_truncate (path, mark);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (find_control_chars (json_array_get_element (array, i), path))
            return TRUE;
          g_string_truncate (path, mark);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return tc_wire_has_control_chars (json_node_get_string (node), TRUE);

  return FALSE;
}

static gboolean
read_json_body (TcRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  const void *raw = g_bytes_get_data (bytes, &len);

  /* json-glib recurses once per level: bound the depth before it sees the
   * text, and make U+0000 visible (it would end the string silently). */
  data = g_memdup2 (raw, len);
  if (!tc_wire_json_check_depth (data, len, TC_WIRE_JSON_MAX_DEPTH, NULL))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "The request body is nested too deeply");
      return FALSE;
    }
  tc_wire_json_replace_nul_escapes (data, len);

  root = len > 0 ? _tc_json_parse_data (data, (gssize) len) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "body: must be a JSON object");
      return FALSE;
    }
  if (find_control_chars (root, path))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "%s: must not contain control characters", path->str);
      return FALSE;
    }
  req->body = g_steal_pointer (&root);
  return TRUE;
}

static void
flush_side_effects (TcRequest *req)
{
  for (guint i = 0; i < req->events->len; i++)
    _tc_delivery_emit (req->service, req->events->pdata[i]);

  for (guint i = 0; i < req->mails->len; i++)
    {
      char **mail = req->mails->pdata[i];
      g_autoptr(GError) error = NULL;

      if (!_tc_mail_send (req->service, mail[0], mail[1], mail[2], mail[3], &error))
        g_warning ("Cannot write mail: %s", error->message);
    }

  if (req->test_delivery != NULL)
    {
      soup_server_message_pause (req->msg);
      _tc_delivery_send_now (req->service, req->test_delivery, req->msg);
    }
}

static void
run_handler (TcRequest     *req,
             const TcRoute *route)
{
  gboolean writes = strcmp (req->method, "GET") != 0;

  if (writes && !_tc_db_begin (req->service))
    {
      _tc_reply_error (req, 500, 500, "The database is busy; try again");
      return;
    }

  route->handler (req);

  if (!writes)
    return;
  if (req->status >= 400 || req->status == 0)
    {
      _tc_db_rollback (req->service);
      if (req->status == 0)
        _tc_reply_error (req, 500, 500, "The request was not answered");
      return;
    }
  if (!_tc_db_commit (req->service))
    {
      _tc_db_rollback (req->service);
      _tc_reply_error (req, 500, 500, "The change could not be saved; try again");
      return;
    }
  flush_side_effects (req);
}

static void
route_request (TcRequest  *req,
               const char *subpath)
{
  g_auto(GStrv) segments = g_strsplit (subpath, "/", -1);
  g_autoptr(GString) allow = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  const TcRoute *route;

  route = find_route (req->service, req->method, segments, allow, params);
  if (route == NULL && allow->len > 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Allow", allow->str);
      _tc_reply_error (req, 405, TC_WIRE_CODE_NOT_FOUND,
                       "Request method '%s' is not supported", req->method);
      return;
    }
  if (route == NULL)
    {
      _tc_reply_error (req, 404, TC_WIRE_CODE_NOT_FOUND, "No static resource %s", subpath);
      return;
    }

  if (route->handler != _tc_image_upload && body->length > TC_WIRE_BODY_MAX_BYTES)
    {
      _tc_reply_error (req, 413, 413, "body: must be at most 1 MiB");
      return;
    }
  g_ptr_array_add (params, NULL);
  req->params = (char **) g_ptr_array_steal (params, NULL);
  if (route->json_body && !read_json_body (req))
    return;
  run_handler (req, route);
}

static gboolean
check_rate_limit (TcRequest *req)
{
  guint retry_after = 0;
  g_autofree char *value = NULL;

  if (_tc_rate_limiter_take (req->service->ratelimit, req->key_id, &retry_after))
    return TRUE;

  value = g_strdup_printf ("%u", retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", value);
  _tc_reply_error (req, 429, TC_WIRE_CODE_RATE_LIMITED, "Too Many Requests");
  return FALSE;
}

void
_tc_service_dispatch (TcService         *self,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query)
{
  TcRequest req = { 0, };

  if (!g_str_has_prefix (path, API_PREFIX))
    {
      reply_error_msg (msg, 404, TC_WIRE_CODE_NOT_FOUND, "No static resource");
      return;
    }

  req.service = self;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.query = query;
  req.events = g_ptr_array_new_with_free_func ((GDestroyNotify) _tc_service_event_free);
  req.mails = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (_tc_auth_check (&req) && check_rate_limit (&req))
    route_request (&req, path + strlen (API_PREFIX));

  g_strfreev (req.params);
  g_clear_pointer (&req.body, json_node_unref);
  g_free (req.user_id);
  g_free (req.key_id);
  g_free (req.test_delivery);
  g_ptr_array_unref (req.events);
  g_ptr_array_unref (req.mails);
}
