/* tc-service-routes-webhooks.c — webhooks CRUD, token, logs, test delivery
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owner and Admins only. Limits per plan come from the wire vocabulary.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define TOKEN_LENGTH 40
#define LOG_PAGE_MAX 1000

#define HOOK_COLUMNS \
  "SELECT id, workspace_id, user_id, name, url, event, trigger_type, trigger_source, " \
  "enabled, delivery_enabled, auth_token, " \
  "(SELECT COUNT(*) FROM webhooks o WHERE o.workspace_id = webhooks.workspace_id " \
  " AND (o.created_at < webhooks.created_at OR (o.created_at = webhooks.created_at " \
  " AND o.id < webhooks.id))) FROM webhooks "

#define LOG_COLUMNS \
  "SELECT id, webhook_id, event, body, status, attempts, status_code, response_body, " \
  "responded_at, is_test, created_at FROM webhook_deliveries " \
  "WHERE webhook_id = ?1 AND (?2 = 'ALL' OR status = ?2) "

static JsonObject *
hook_to_json (TcService    *self,
              sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();
  TcPlan plan = _tc_workspace_plan (self, _tc_db_col_text (stmt, 1));
  JsonNode *sources = _tc_json_parse_text (_tc_db_col_text (stmt, 7));

  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "workspaceId", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (obj, "userId", _tc_db_col_text (stmt, 2));
  json_object_set_string_member (obj, "name", _tc_db_col_text (stmt, 3));
  json_object_set_string_member (obj, "url", _tc_db_col_text (stmt, 4));
  json_object_set_string_member (obj, "webhookEvent", _tc_db_col_text (stmt, 5));
  json_object_set_string_member (obj, "triggerSourceType", _tc_db_col_text (stmt, 6));
  json_object_set_member (obj, "triggerSource", sources);
  json_object_set_boolean_member (obj, "enabled", sqlite3_column_int (stmt, 8));
  json_object_set_boolean_member (obj, "deliveryEnabled", sqlite3_column_int (stmt, 9));
  json_object_set_boolean_member (obj, "planEnabled", sqlite3_column_int64 (stmt, 11) <
                                  tc_wire_webhook_limit_workspace (plan));
  json_object_set_string_member (obj, "authToken", _tc_db_col_text (stmt, 10));
  return obj;
}

static JsonObject *
load_hook (TcService  *self,
           const char *ws,
           const char *id)
{
  sqlite3_stmt *stmt = _tc_db_prepare (self, HOOK_COLUMNS "WHERE id = ? AND workspace_id = ?",
                                       "ss", id, ws);
  JsonObject *obj = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    obj = hook_to_json (self, stmt);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return obj;
}

/* Admin of the workspace and, with @id, a webhook of it. */
static JsonObject *
require_hook (TcRequest *req)
{
  JsonObject *hook;

  if (!_tc_require_admin (req, req->params[0]))
    return NULL;
  hook = load_hook (req->service, req->params[0], req->params[1]);
  if (hook == NULL)
    _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                     "webhookId: Webhook %s doesn't belong to Workspace", req->params[1]);
  return hook;
}

static void
list_hooks (TcRequest *req)
{
  const char *ws = req->params[0];
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  json_object_set_array_member (obj, "webhooks", array);
  if (!_tc_require_admin (req, ws))
    return;
  stmt = _tc_db_prepare (req->service, HOOK_COLUMNS "WHERE workspace_id = ? "
                         "ORDER BY created_at, id", "s", ws);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_object_element (array, hook_to_json (req->service, stmt));
  json_object_set_int_member (obj, "workspaceWebhookCount", json_array_get_length (array));
  _tc_reply_object (req, 200, obj);
}

typedef struct
{
  const char *name, *url, *event, *type;
  char       *sources;
  gboolean    enabled;
} HookDef;

static gboolean
bad (TcRequest  *req,
     const char *message)
{
  _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "%s", message);
  return FALSE;
}

static gboolean
read_sources (TcRequest  *req,
              JsonObject *body,
              HookDef    *def)
{
  JsonNode *node = json_object_get_member (body, "triggerSource");
  JsonArray *ids = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  gboolean user_event = strcmp (def->event, "USER_UPDATED") == 0 ||
                        strcmp (def->event, "USER_EMAIL_CHANGED") == 0;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && ids == NULL)
    return bad (req, "triggerSource: must be a list of ids");
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *item = json_array_get_element (ids, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !tc_wire_validate_id (json_node_get_string (item)))
        return bad (req, "triggerSource: each entry must be an id of 24 hex characters");
    }
  if (user_event && (strcmp (def->type, "USER_ID") != 0 || ids == NULL ||
                     json_array_get_length (ids) == 0))
    return bad (req, "triggerSource: USER_UPDATED and USER_EMAIL_CHANGED webhooks need "
                "triggerSourceType USER_ID and at least one user id");
  def->sources = ids ? _tc_json_to_text (node) : g_strdup ("[]");
  return TRUE;
}

static gboolean
read_hook (TcRequest *req,
           HookDef   *def)
{
  JsonObject *body = _tc_req_object (req);
  JsonNode *enabled = json_object_get_member (body, "enabled");

  if (!_tc_req_string_member (req, body, "name", FALSE, &def->name) ||
      !_tc_req_string_member (req, body, "url", FALSE, &def->url) ||
      !_tc_req_string_member (req, body, "webhookEvent", FALSE, &def->event) ||
      !_tc_req_string_member (req, body, "triggerSourceType", FALSE, &def->type))
    return FALSE;
  if (!tc_wire_validate_webhook_name (def->name))
    return bad (req, "name: must be 2 to 30 characters, "
               "without control characters or line breaks");
  if (!tc_wire_validate_webhook_url (def->url))
    return bad (req, "url: must be an absolute https url (http only to loopback)");
  if (_tc_delivery_url_refused (def->url) != NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "url: %s",
                       _tc_delivery_url_refused (def->url));
      return FALSE;
    }
  if (!tc_wire_is_webhook_event (def->event))
    return bad (req, "webhookEvent: is not a webhook event");
  if (def->type == NULL)
    def->type = "WORKSPACE_ID";
  if (!tc_wire_is_webhook_trigger_type (def->type))
    return bad (req, "triggerSourceType: is not a trigger source type");
  if (enabled != NULL && (!JSON_NODE_HOLDS_VALUE (enabled) ||
                          json_node_get_value_type (enabled) != G_TYPE_BOOLEAN))
    return bad (req, "enabled: must be true or false");
  def->enabled = enabled == NULL || json_node_get_boolean (enabled);
  return read_sources (req, body, def);
}

static gboolean
check_limits (TcRequest  *req,
              const char *ws)
{
  TcPlan plan = _tc_workspace_plan (req->service, ws);
  guint per_ws = tc_wire_webhook_limit_workspace (plan);
  guint per_user = tc_wire_webhook_limit_user (plan);

  if (_tc_db_int (req->service, 0, "SELECT COUNT(*) FROM webhooks WHERE workspace_id = ?",
                  "s", ws) >= per_ws)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "webhookEvent: the %s plan allows "
                       "%u webhooks per workspace", tc_plan_to_wire (plan), per_ws);
      return FALSE;
    }
  if (per_user > 0 &&
      _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM webhooks WHERE workspace_id = ? AND "
                  "user_id = ?", "ss", ws, req->user_id) >= per_user)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "webhookEvent: the %s plan allows "
                       "%u webhooks per user", tc_plan_to_wire (plan), per_user);
      return FALSE;
    }
  return TRUE;
}

static void
reply_hook (TcRequest  *req,
            const char *id,
            guint       status)
{
  g_autoptr(JsonObject) obj = load_hook (req->service, req->params[0], id);

  _tc_reply_object (req, status, obj);
}

static void
create_hook (TcRequest *req)
{
  const char *ws = req->params[0];
  HookDef def = { 0, };
  g_autofree char *id = _tc_new_id ();
  g_autofree char *token = _tc_new_secret (TOKEN_LENGTH);
  g_autofree char *now = _tc_now_iso ();

  if (_tc_require_admin (req, ws) && read_hook (req, &def) && check_limits (req, ws))
    {
      _tc_db_exec (req->service, "INSERT INTO webhooks (id, workspace_id, user_id, name, url, "
                   "event, trigger_type, trigger_source, enabled, auth_token, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ssssssssiss", id, ws,
                   req->user_id, def.name, def.url, def.event, def.type, def.sources,
                   (gint64) def.enabled, token, now);
      reply_hook (req, id, 201);
    }
  g_free (def.sources);
}

static void
get_hook (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);

  if (hook != NULL)
    _tc_reply_object (req, 200, hook);
}

static void
update_hook (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);
  HookDef def = { 0, };

  if (hook != NULL && read_hook (req, &def))
    {
      /* Saving a webhook again is how its owner turns delivery back on. */
      _tc_db_exec (req->service, "UPDATE webhooks SET name = ?, url = ?, event = ?, "
                   "trigger_type = ?, trigger_source = ?, enabled = ?, delivery_enabled = 1, "
                   "failures = 0 WHERE id = ?", "sssssis", def.name, def.url, def.event,
                   def.type, def.sources, (gint64) def.enabled, req->params[1]);
      reply_hook (req, req->params[1], 200);
    }
  g_free (def.sources);
}

static void
delete_hook (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);

  if (hook == NULL)
    return;
  _tc_db_exec (req->service, "DELETE FROM webhooks WHERE id = ?", "s", req->params[1]);
  _tc_reply_object (req, 200, hook);
}

static void
regenerate_token (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);
  g_autofree char *token = _tc_new_secret (TOKEN_LENGTH);

  if (hook == NULL)
    return;
  _tc_db_exec (req->service, "UPDATE webhooks SET auth_token = ? WHERE id = ?", "ss",
               token, req->params[1]);
  reply_hook (req, req->params[1], 200);
}

static gboolean
read_log_query (TcRequest   *req,
                const char **out_status,
                gboolean    *out_newest,
                gint64      *out_offset,
                gint64      *out_size)
{
  JsonObject *body = _tc_req_object (req);
  JsonNode *newest = json_object_get_member (body, "sortByNewest");
  gint64 p;

  if (!_tc_parse_query_int (_tc_req_query (req, "page"), 0, 0, G_MAXINT64, &p))
    return bad (req, "page: must be a whole number, not negative");
  if (!_tc_parse_query_int (_tc_req_query (req, "size"), 50, 1, LOG_PAGE_MAX, out_size))
    return bad (req, "size: must be a whole number from 1 to 1000");
  if (!_tc_req_string_member (req, body, "status", FALSE, out_status))
    return FALSE;
  if (*out_status == NULL)
    *out_status = "ALL";
  if (strcmp (*out_status, "ALL") != 0 && strcmp (*out_status, "SUCCEEDED") != 0 &&
      strcmp (*out_status, "FAILED") != 0)
    return bad (req, "status: must be ALL, SUCCEEDED or FAILED");
  /* Pages count from 0 in the contract and from 1 in the export: both
   * 0 and 1 are the first page. */
  if (!_tc_page_offset (MAX (p - 1, 0), *out_size, out_offset))
    return bad (req, "page: is too large");
  *out_newest = newest != NULL && JSON_NODE_HOLDS_VALUE (newest) &&
                json_node_get_value_type (newest) == G_TYPE_BOOLEAN && json_node_get_boolean (newest);
  return TRUE;
}

static void
list_logs (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  const char *status;
  gboolean newest;
  gint64 offset, size;
  sqlite3_stmt *stmt;

  json_node_take_array (node, array);
  if (hook == NULL || !read_log_query (req, &status, &newest, &offset, &size))
    return;
  stmt = _tc_db_prepare (req->service, newest
                         ? LOG_COLUMNS "ORDER BY seq DESC LIMIT ?3 OFFSET ?4"
                         : LOG_COLUMNS "ORDER BY seq ASC LIMIT ?3 OFFSET ?4",
                         "ssii", req->params[1], status, size, offset);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_object_element (array, _tc_delivery_log_to_json (stmt));
  _tc_reply_json (req, 200, node);
}

static void
test_hook (TcRequest *req)
{
  g_autoptr(JsonObject) hook = require_hook (req);
  g_autoptr(JsonNode) payload = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *body = NULL;

  if (hook == NULL)
    return;
  json_node_take_object (payload, _tc_user_to_json (req->service, req->user_id, FALSE));
  body = _tc_json_to_text (payload);
  req->test_delivery = _tc_delivery_enqueue (req->service, req->params[1],
                                             json_object_get_string_member (hook, "webhookEvent"),
                                             body, TRUE);
  /* The answer is the log entry, sent once the attempt is over. */
  _tc_reply_empty (req, req->test_delivery ? 200 : 500);
}

static const TcRoute routes[] = {
  { "GET",    "workspaces/*/webhooks",           list_hooks,       FALSE, FALSE },
  { "POST",   "workspaces/*/webhooks",           create_hook,      FALSE, TRUE },
  { "GET",    "workspaces/*/webhooks/*",         get_hook,         FALSE, FALSE },
  { "PUT",    "workspaces/*/webhooks/*",         update_hook,      FALSE, TRUE },
  { "DELETE", "workspaces/*/webhooks/*",         delete_hook,      FALSE, FALSE },
  { "PATCH",  "workspaces/*/webhooks/*/token",   regenerate_token, FALSE, FALSE },
  { "POST",   "workspaces/*/webhooks/*/logs",    list_logs,        FALSE, TRUE },
  { "POST",   "workspaces/*/webhooks/*/test",    test_hook,        TRUE,  FALSE },
};

const TcRoute *
_tc_routes_webhooks (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
