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

/* The page is built in tc-service-team-page.c, in at most three queries. */
static void
list_users (TcRequest *req)
{
  const char *ws = req->params[0];
  ListQuery q = { 0, };
  GString *text;
  g_autofree char *role = NULL;
  TcTeamPageQuery page = { 0, };
  gboolean last;

  if (!_tc_require_member (req, ws, &role) || !parse_list_query (req, &q))
    {
      list_query_clear (&q);
      return;
    }

  page.workspace_id = ws;
  page.caller_id = req->user_id;
  page.name = q.name;
  page.email = q.email;
  page.status = q.status;
  page.sort_column = q.sort_column;
  page.descending = q.descending;
  page.page_size = q.page_size;
  page.offset = q.offset;
  page.memberships = q.memberships;
  page.roles = q.roles;
  page.full = strcmp (role, TC_ROLE_OWNER) == 0 || strcmp (role, TC_ROLE_ADMIN) == 0;
  text = _tc_team_page_build (req->service, &page, &last);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Last-Page", last ? "true" : "false");
  req->status = 200;
  soup_server_message_set_status (req->msg, 200, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    text->str, text->len);
  g_string_free (text, FALSE);
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
