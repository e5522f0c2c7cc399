/* tc-service-routes-team.c — workspace users: the Team list and status
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tc-service-private.h"

#define PAGE_SIZE_MAX 5000

#define USERS_SELECT \
  "SELECT u.id, m.status, COALESCE(m.role, '') FROM memberships m " \
  "JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?1 " \
  "AND (?2 IS NULL OR u.name LIKE '%' || ?2 || '%' ESCAPE '\\') " \
  "AND (?3 IS NULL OR u.email LIKE '%' || ?3 || '%' ESCAPE '\\') " \
  "AND (?4 = 'ALL' OR m.status = ?4) " \
  "ORDER BY CASE ?5 WHEN 'EMAIL' THEN u.email WHEN 'NAME' THEN u.name " \
  "WHEN 'NAME_LOWERCASE' THEN lower(u.name) ELSE u.id END "

static const char users_asc[] = USERS_SELECT "ASC, u.id ASC LIMIT ?6 OFFSET ?7";
static const char users_desc[] = USERS_SELECT "DESC, u.id DESC LIMIT ?6 OFFSET ?7";

static const char * const list_statuses[] = {
  "PENDING", "ACTIVE", "DECLINED", "INACTIVE", "ALL", NULL
};
static const char * const sort_columns[] = {
  "ID", "EMAIL", "NAME", "NAME_LOWERCASE", "HOURLYRATE", "COSTRATE", NULL
};
static const char * const membership_kinds[] = {
  "WORKSPACE", "PROJECT", "USERGROUP", "NONE", "ALL", NULL
};

typedef struct
{
  char    *name;
  char    *email;
  char    *status;
  char    *sort_column;
  gboolean descending;
  gint64   page;
  gint64   page_size;
  gint64   offset;
  gboolean memberships;
  gboolean roles;
} ListQuery;

static void
list_query_clear (ListQuery *q)
{
  g_free (q->name);
  g_free (q->email);
  g_free (q->status);
  g_free (q->sort_column);
}

static char *
escape_like (const char *text)
{
  GString *out;

  if (text == NULL || text[0] == '\0')
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
upper_in (const char         *text,
          const char         *fallback,
          const char * const *values,
          char              **out)
{
  *out = g_ascii_strup (text ? text : fallback, -1);
  return tc_wire_string_in (values, *out);
}

static gboolean
parse_list_query (TcRequest *req,
                  ListQuery *q)
{
  g_autofree char *order = NULL;
  g_autofree char *kind = NULL;
  const char *bad = NULL;

  q->name = escape_like (_tc_req_query (req, "name"));
  q->email = escape_like (_tc_req_query (req, "email"));
  if (!upper_in (_tc_req_query (req, "status"), "ALL", list_statuses, &q->status))
    bad = "status: must be PENDING, ACTIVE, DECLINED, INACTIVE or ALL";
  else if (!upper_in (_tc_req_query (req, "sort-column"), "ID", sort_columns, &q->sort_column))
    bad = "sort-column: must be ID, EMAIL, NAME or NAME_LOWERCASE";
  else if (!_tc_parse_query_int (_tc_req_query (req, "page"), 1, 1, G_MAXINT64, &q->page))
    bad = "page: must be a whole number from 1";
  else if (!_tc_parse_query_int (_tc_req_query (req, "page-size"), TC_WIRE_PAGE_SIZE_DEFAULT, 1,
                       PAGE_SIZE_MAX, &q->page_size))
    bad = "page-size: must be a whole number from 1 to 5000";
  else if (!upper_in (_tc_req_query (req, "memberships"), "NONE", membership_kinds, &kind))
    bad = "memberships: must be WORKSPACE, PROJECT, USERGROUP, NONE or ALL";

  order = g_ascii_strup (_tc_req_query (req, "sort-order") ? _tc_req_query (req, "sort-order")
                                                           : "ASCENDING", -1);
  if (bad == NULL && strcmp (order, "ASCENDING") != 0 && strcmp (order, "DESCENDING") != 0)
    bad = "sort-order: must be ASCENDING or DESCENDING";
  if (bad != NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "%s", bad);
      return FALSE;
    }
  if (!_tc_page_offset (q->page - 1, q->page_size, &q->offset))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "page: is too large");
      return FALSE;
    }
  q->descending = strcmp (order, "DESCENDING") == 0;
  q->memberships = strcmp (kind, "WORKSPACE") == 0 || strcmp (kind, "ALL") == 0;
  q->roles = g_strcmp0 (_tc_req_query (req, "include-roles"), "true") == 0;
  return TRUE;
}

static JsonArray *
roles_to_json (const char *role)
{
  JsonArray *roles = json_array_new ();
  JsonObject *entry;

  if (role[0] == '\0')
    return roles;
  entry = json_object_new ();
  json_object_set_string_member (entry, "role", role);
  json_object_set_array_member (entry, "entities", json_array_new ());
  json_array_add_object_element (roles, entry);
  return roles;
}

typedef struct
{
  char *id;
  char *status;
  char *role;
} Row;

static void
row_free (Row *row)
{
  g_free (row->id);
  g_free (row->status);
  g_free (row->role);
  g_free (row);
}

static GPtrArray *
query_rows (TcRequest  *req,
            ListQuery  *q)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (req->service, q->descending ? users_desc : users_asc, "sssssii",
                         req->params[0], q->name, q->email, q->status, q->sort_column,
                         q->page_size + 1, q->offset);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->id = g_strdup (_tc_db_col_text (stmt, 0));
      row->status = g_strdup (_tc_db_col_text (stmt, 1));
      row->role = g_strdup (_tc_db_col_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* What a plain member sees of another user's custom fields: the values of
 * VISIBLE fields that are not admin-only (as on Clockify's Team page). */
static JsonArray *
custom_values_for_member (TcService  *self,
                          const char *user_id,
                          const char *workspace_id)
{
  JsonArray *all = _tc_user_custom_values (self, user_id, workspace_id);
  JsonArray *shown = json_array_new ();

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *value = json_array_get_object_element (all, i);

      if (_tc_db_int (self, 0, "SELECT COUNT(*) FROM custom_fields WHERE id = ? "
                      "AND status = 'VISIBLE' AND only_admin_can_edit = 0", "s",
                      json_object_get_string_member (value, "customFieldId")) > 0)
        json_array_add_element (shown, json_node_copy (json_array_get_element (all, i)));
    }
  json_array_unref (all);
  return shown;
}

/* Owners and admins see every member as they are; a plain member sees
 * others without pendingEmail and settings, and only the custom field
 * values above. Their own entry is what GET /v1/user shows them. */
static JsonObject *
team_entry (TcRequest  *req,
            const char *ws,
            const char *user_id,
            gboolean    memberships,
            gboolean    full)
{
  JsonObject *user = _tc_user_to_json (req->service, user_id, memberships);

  if (full || strcmp (user_id, req->user_id) == 0)
    {
      json_object_set_array_member (user, "customFields",
                                    _tc_user_custom_values (req->service, user_id, ws));
      return user;
    }
  if (json_object_has_member (user, "pendingEmail"))
    json_object_set_null_member (user, "pendingEmail");
  json_object_set_null_member (user, "settings");
  json_object_set_array_member (user, "customFields",
                                custom_values_for_member (req->service, user_id, ws));
  return user;
}

static void
list_users (TcRequest *req)
{
  const char *ws = req->params[0];
  ListQuery q = { 0, };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  g_autofree char *role = NULL;
  gboolean last, full;

  json_node_take_array (node, array);
  if (!_tc_require_member (req, ws, &role) || !parse_list_query (req, &q))
    {
      list_query_clear (&q);
      return;
    }

  rows = query_rows (req, &q);
  last = rows->len <= q.page_size;
  full = strcmp (role, TC_ROLE_OWNER) == 0 || strcmp (role, TC_ROLE_ADMIN) == 0;
  for (guint i = 0; i < MIN (rows->len, (guint) q.page_size); i++)
    {
      Row *row = rows->pdata[i];
      JsonObject *user = team_entry (req, ws, row->id, q.memberships, full);

      json_object_set_string_member (user, "status", row->status);
      if (q.roles)
        json_object_set_array_member (user, "roles", roles_to_json (row->role));
      json_array_add_object_element (array, user);
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Last-Page", last ? "true" : "false");
  _tc_reply_json (req, 200, node);
  list_query_clear (&q);
}

static gboolean
check_status_change (TcRequest  *req,
                     const char *ws,
                     const char *target,
                     const char *status)
{
  g_autofree char *role = NULL;
  g_autofree char *current = NULL;

  if (g_strcmp0 (status, "ACTIVE") != 0 && g_strcmp0 (status, "INACTIVE") != 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "status: must be ACTIVE or INACTIVE");
      return FALSE;
    }
  if (!_tc_require_user_in_ws (req, ws, target))
    return FALSE;
  role = _tc_db_dup_string (req->service, "SELECT COALESCE(role, '') FROM memberships "
                            "WHERE workspace_id = ? AND user_id = ?", "ss", ws, target);
  current = _tc_db_dup_string (req->service, "SELECT status FROM memberships "
                               "WHERE workspace_id = ? AND user_id = ?", "ss", ws, target);
  if (g_strcmp0 (role, TC_ROLE_OWNER) == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "userId: the workspace owner cannot be deactivated");
      return FALSE;
    }
  if (g_strcmp0 (current, "PENDING") == 0 || g_strcmp0 (current, "DECLINED") == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "userId: the user has not accepted the invitation (%s)", current);
      return FALSE;
    }
  return TRUE;
}

static void
set_user_status (TcRequest *req)
{
  const char *ws = req->params[0];
  const char *target = req->params[1];
  const char *status;
  JsonNode *payload;

  if (!_tc_require_admin (req, ws) ||
      !_tc_req_string_member (req, _tc_req_object (req), "status", FALSE, &status) ||
      !check_status_change (req, ws, target, status))
    return;

  _tc_db_exec (req->service, "UPDATE memberships SET status = ? WHERE workspace_id = ? "
               "AND user_id = ? AND status != ?", "ssss", status, ws, target, status);
  if (_tc_db_changes (req->service) > 0)
    {
      payload = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (payload, _tc_user_to_json (req->service, target, FALSE));
      json_object_set_string_member (json_node_get_object (payload), "status", status);
      _tc_req_queue_event (req, strcmp (status, "ACTIVE") == 0
                           ? "USER_ACTIVATED_ON_WORKSPACE" : "USER_DEACTIVATED_ON_WORKSPACE",
                           ws, target, payload);
    }
  _tc_reply_workspace (req, ws);
}

static const TcRoute routes[] = {
  { "GET", "workspaces/*/users",   list_users,      FALSE, FALSE },
  { "PUT", "workspaces/*/users/*", set_user_status, FALSE, TRUE },
};

const TcRoute *
_tc_routes_team (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
