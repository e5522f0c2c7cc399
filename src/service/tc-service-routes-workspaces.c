/* tc-service-routes-workspaces.c — workspaces, active workspace, leave
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also the access checks every workspace route starts with.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

TcPlan
_tc_workspace_plan (TcService  *self,
                    const char *workspace_id)
{
  g_autofree char *plan = _tc_db_dup_string (self, "SELECT plan FROM workspaces WHERE id = ?",
                                             "s", workspace_id);

  return tc_plan_from_wire (plan);
}

gboolean
_tc_plan_is_paid (TcPlan plan)
{
  return plan != TC_PLAN_FREE;
}

gboolean
_tc_require_member (TcRequest   *req,
                    const char  *workspace_id,
                    char       **out_role)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = _tc_db_prepare (req->service, "SELECT COALESCE(role, ''), status FROM memberships "
                         "WHERE workspace_id = ? AND user_id = ?", "ss",
                         workspace_id, req->user_id);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 (_tc_db_col_text (stmt, 1), "ACTIVE") == 0)
    {
      ok = TRUE;
      if (out_role != NULL)
        *out_role = g_strdup (_tc_db_col_text (stmt, 0));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (!ok)
    _tc_reply_error (req, 403, 403, "Access denied: you are not an active member of "
                     "workspace %s", workspace_id);
  return ok;
}

gboolean
_tc_require_admin (TcRequest  *req,
                   const char *workspace_id)
{
  g_autofree char *role = NULL;

  if (!_tc_require_member (req, workspace_id, &role))
    return FALSE;
  if (strcmp (role, TC_ROLE_OWNER) != 0 && strcmp (role, TC_ROLE_ADMIN) != 0)
    {
      _tc_reply_error (req, 403, 403, "Access denied: only the workspace owner and "
                       "admins may do this");
      return FALSE;
    }
  return TRUE;
}

gboolean
_tc_require_user_in_ws (TcRequest  *req,
                        const char *workspace_id,
                        const char *user_id)
{
  if (_tc_db_int (req->service, 0, "SELECT COUNT(*) FROM memberships WHERE workspace_id = ? "
                  "AND user_id = ?", "ss", workspace_id, user_id) > 0)
    return TRUE;
  _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                   "userId: User %s doesn't belong to Workspace", user_id);
  return FALSE;
}

static JsonArray *
features_to_json (TcPlan plan)
{
  JsonArray *features = json_array_new ();

  if (_tc_plan_is_paid (plan))
    {
      json_array_add_string_element (features, TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE);
      json_array_add_string_element (features, TC_WIRE_FEATURE_USER_CUSTOM_FIELDS);
    }
  return features;
}

static JsonObject *
membership_to_json (sqlite3_stmt *stmt)
{
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "userId", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (m, "targetId", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (m, "membershipType", "WORKSPACE");
  json_object_set_string_member (m, "membershipStatus", _tc_db_col_text (stmt, 2));
  json_object_set_null_member (m, "hourlyRate");
  json_object_set_null_member (m, "costRate");
  return m;
}

/* The caller's membership only: a workspace may have 10,000 members. */
static JsonArray *
ws_memberships_to_json (TcService  *self,
                        const char *workspace_id,
                        const char *user_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (self, "SELECT user_id, workspace_id, status FROM memberships "
                         "WHERE workspace_id = ? AND user_id = ?", "ss", workspace_id, user_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_object_element (array, membership_to_json (stmt));
  return array;
}

static JsonObject *
workspace_to_json (TcService  *self,
                   const char *workspace_id,
                   const char *user_id)
{
  sqlite3_stmt *stmt;
  JsonObject *obj, *ws_settings;
  TcPlan plan;

  stmt = _tc_db_prepare (self, "SELECT id, name, COALESCE(image_url, ''), plan, week_start "
                         "FROM workspaces WHERE id = ?", "s", workspace_id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  obj = json_object_new ();
  plan = tc_plan_from_wire (_tc_db_col_text (stmt, 3));
  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "name", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (obj, "imageUrl", _tc_db_col_text (stmt, 2));
  json_object_set_string_member (obj, "featureSubscriptionType", _tc_db_col_text (stmt, 3));
  json_object_set_array_member (obj, "features", features_to_json (plan));
  ws_settings = json_object_new ();
  if (self->extensions)
    json_object_set_string_member (ws_settings, "weekStart", _tc_db_col_text (stmt, 4));
  json_object_set_boolean_member (ws_settings, "onlyAdminsSeeAllTimeEntries", FALSE);
  json_object_set_object_member (obj, "workspaceSettings", ws_settings);
  sqlite3_reset (stmt);
  json_object_set_array_member (obj, "memberships",
                                ws_memberships_to_json (self, workspace_id, user_id));
  return obj;
}

JsonObject *
_tc_workspace_to_json (TcService  *self,
                       const char *workspace_id)
{
  return workspace_to_json (self, workspace_id, "");
}

void
_tc_reply_workspace (TcRequest  *req,
                     const char *workspace_id)
{
  g_autoptr(JsonObject) obj = workspace_to_json (req->service, workspace_id, req->user_id);

  _tc_reply_object (req, 200, obj);
}

static void
list_workspaces (TcRequest *req)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (req->service, "SELECT m.workspace_id FROM memberships m "
                         "JOIN workspaces w ON w.id = m.workspace_id "
                         "WHERE m.user_id = ? AND m.status != 'DECLINED' ORDER BY w.name",
                         "s", req->user_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_tc_db_col_text (stmt, 0)));

  for (guint i = 0; i < ids->len; i++)
    json_array_add_object_element (array, workspace_to_json (req->service, ids->pdata[i],
                                                             req->user_id));
  json_node_take_array (node, array);
  _tc_reply_json (req, 200, node);
}

static void
set_active_workspace (TcRequest *req)
{
  const char *ws;
  g_autoptr(JsonObject) user = NULL;

  if (!_tc_req_string_member (req, _tc_req_object (req), "workspaceId", FALSE, &ws))
    return;
  if (ws == NULL ||
      _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM memberships WHERE workspace_id = ? "
                  "AND user_id = ? AND status = 'ACTIVE'", "ss", ws, req->user_id) == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "workspaceId: you are not an active member of this workspace");
      return;
    }
  _tc_db_exec (req->service, "UPDATE users SET active_ws = ? WHERE id = ?", "ss",
               ws, req->user_id);
  user = _tc_user_to_json (req->service, req->user_id, FALSE);
  _tc_reply_object (req, 200, user);
}

static void
leave_workspace (TcRequest *req)
{
  const char *ws = req->params[0];
  g_autofree char *role = NULL;
  JsonNode *payload;

  if (!_tc_require_member (req, ws, &role))
    return;
  if (strcmp (role, TC_ROLE_OWNER) == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "workspaceId: the owner cannot leave the workspace; transfer "
                       "ownership first");
      return;
    }

  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (payload, _tc_user_to_json (req->service, req->user_id, FALSE));
  _tc_db_exec (req->service, "DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?",
               "ss", ws, req->user_id);
  _tc_db_exec (req->service, "UPDATE users SET active_ws = (SELECT workspace_id FROM "
               "memberships WHERE user_id = ?1 AND status = 'ACTIVE' LIMIT 1) "
               "WHERE id = ?1 AND active_ws = ?2", "ss", req->user_id, ws);
  _tc_db_exec (req->service, "UPDATE users SET default_ws = active_ws "
               "WHERE id = ?1 AND default_ws = ?2", "ss", req->user_id, ws);
  _tc_req_queue_event (req, "USER_DELETED_FROM_WORKSPACE", ws, req->user_id, payload);
  _tc_reply_empty (req, 204);
}

static const TcRoute routes[] = {
  { "GET",  "workspaces",                list_workspaces,      FALSE, FALSE },
  { "PUT",  "user/active-workspace",     set_active_workspace, TRUE,  TRUE },
  { "POST", "workspaces/*/leave",        leave_workspace,      TRUE,  FALSE },
};

const TcRoute *
_tc_routes_workspaces (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
