/* tc-service-routes-members.c — the member profile and its seven rules
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1. Only the Owner and Admins edit (403 otherwise).
 * 2. Editing needs EDIT_MEMBER_PROFILE, except weekStart.
 * 3. The target is not the Owner, inactive, PENDING or DECLINED.
 * 4. With workspaceNumber > 1 only workCapacity and workingDays change.
 * 5. weekStart cannot change while an approval request is pending.
 * 6. A change to weekStart or workingDays is mailed to the member.
 * 7. workCapacity within PT0M..PT24H; workingDays without duplicates.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

typedef struct
{
  char   *email;
  char   *name;
  char   *role;
  char   *status;
  char   *week_start;
  char   *working_days;
  gint64  capacity;
  gint64  pending;
  gint64  ws_number;
  char   *picture;        /* "" when none */
  gint64  has_password;
  char   *employee_id;
  char   *employment_type;
} Target;

static void
target_clear (Target *t)
{
  g_free (t->email);
  g_free (t->name);
  g_free (t->role);
  g_free (t->status);
  g_free (t->week_start);
  g_free (t->working_days);
  g_free (t->picture);
  g_free (t->employee_id);
  g_free (t->employment_type);
}

/* Everything the rules read and the profile shows, in one query (the
 * profile used to cost four more statements, one a column). */
static gboolean
load_target (TcService  *self,
             const char *ws,
             const char *user_id,
             Target     *t)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  t->has_password = 1;
  stmt = _tc_db_prepare (self,
                         "SELECT u.email, u.name, COALESCE(m.role, ''), m.status, "
                         "COALESCE(m.week_start, w.week_start), m.working_days, "
                         "m.work_capacity, m.pending_approval, "
                         "(SELECT COUNT(*) FROM memberships x WHERE x.user_id = u.id "
                         " AND x.status != 'DECLINED'), "
                         "COALESCE(u.profile_picture, ''), u.has_password, m.employee_id, "
                         "m.employment_type "
                         "FROM memberships m JOIN users u ON u.id = m.user_id "
                         "JOIN workspaces w ON w.id = m.workspace_id "
                         "WHERE m.workspace_id = ? AND m.user_id = ?", "ss", ws, user_id);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      t->email = g_strdup (_tc_db_col_text (stmt, 0));
      t->name = g_strdup (_tc_db_col_text (stmt, 1));
      t->role = g_strdup (_tc_db_col_text (stmt, 2));
      t->status = g_strdup (_tc_db_col_text (stmt, 3));
      t->week_start = g_strdup (_tc_db_col_text (stmt, 4));
      t->working_days = g_strdup (_tc_db_col_text (stmt, 5));
      t->capacity = sqlite3_column_int64 (stmt, 6);
      t->pending = sqlite3_column_int64 (stmt, 7);
      t->ws_number = sqlite3_column_int64 (stmt, 8);
      t->picture = g_strdup (_tc_db_col_text (stmt, 9));
      t->has_password = sqlite3_column_int64 (stmt, 10);
      t->employee_id = g_strdup (_tc_db_col_text (stmt, 11));
      t->employment_type = g_strdup (_tc_db_col_text (stmt, 12));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return found;
}

/* The member's values in this workspace, in field order, as GET /v1/user
 * writes them (_tc_user_custom_values(), same query). */
static void
append_custom_values (GString    *out,
                      TcService  *self,
                      const char *user_id,
                      const char *ws)
{
  sqlite3_stmt *stmt;
  gboolean first = TRUE;

  stmt = _tc_db_prepare (self,
                         "SELECT f.id, f.name, f.type, v.value FROM custom_field_values v "
                         "JOIN custom_fields f ON f.id = v.field_id "
                         "WHERE v.user_id = ? AND f.workspace_id = ? ORDER BY f.position",
                         "ss", user_id, ws);
  g_string_append_c (out, '[');
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = _tc_custom_value_text (self, _tc_db_col_text (stmt, 3));

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append (out, "{\"customFieldId\":");
      _tc_json_append_string (out, _tc_db_col_text (stmt, 0));
      g_string_append (out, ",\"customFieldName\":");
      _tc_json_append_string (out, _tc_db_col_text (stmt, 1));
      g_string_append (out, ",\"customFieldType\":");
      _tc_json_append_string (out, _tc_db_col_text (stmt, 2));
      g_string_append (out, ",\"userId\":");
      _tc_json_append_string (out, user_id);
      if (value[0] != '\0')
        {
          g_string_append (out, ",\"value\":");
          g_string_append (out, value);
        }
      g_string_append_c (out, '}');
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_string_append_c (out, ']');
}

/* The profile as JSON text, byte for byte what json-glib wrote from the
 * JsonObject this was built as before (test-service-profile,
 * /service/member-profile/json-text): the objects, their members and the
 * generator were two thirds of a PATCH's own time. */
static GString *
profile_to_json (TcService  *self,
                 const char *ws,
                 const char *user_id)
{
  Target t = { 0, };
  GString *out = g_string_sized_new (1024);
  g_auto(GStrv) days = NULL;
  g_autofree char *capacity = NULL;
  gboolean first = TRUE;

  load_target (self, ws, user_id, &t);
  capacity = tc_wire_format_duration (t.capacity);
  days = g_strsplit (t.working_days ? t.working_days : "", ",", -1);

  g_string_append (out, "{\"email\":");
  _tc_json_append_nullable (out, t.email);
  g_string_append (out, ",\"name\":");
  _tc_json_append_nullable (out, t.name);
  g_string_append (out, ",\"imageUrl\":");
  _tc_json_append_nullable (out, t.picture ? t.picture : "");
  g_string_append_printf (out, ",\"hasPassword\":%s,\"hasPendingApprovalRequest\":%s",
                          t.has_password != 0 ? "true" : "false",
                          t.pending != 0 ? "true" : "false");
  g_string_append (out, ",\"weekStart\":");
  _tc_json_append_nullable (out, t.week_start);
  g_string_append (out, ",\"workCapacity\":");
  _tc_json_append_nullable (out, capacity);
  g_string_append (out, ",\"workingDays\":[");
  for (guint i = 0; days[i] != NULL; i++)
    if (days[i][0] != '\0')
      {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        _tc_json_append_nullable (out, days[i]);
      }
  g_string_append_printf (out, "],\"workspaceNumber\":%" G_GINT64_FORMAT, t.ws_number);
  g_string_append (out, ",\"userCustomFieldValues\":");
  append_custom_values (out, self, user_id, ws);
  if (self->extensions)
    {
      g_string_append (out, ",\"employeeId\":");
      _tc_json_append_nullable (out, t.employee_id);
      g_string_append (out, ",\"employmentType\":");
      _tc_json_append_nullable (out, t.employment_type);
    }
  g_string_append_c (out, '}');
  target_clear (&t);
  return out;
}

static void
reply_profile (TcRequest  *req,
               const char *ws,
               const char *target)
{
  GString *text = profile_to_json (req->service, ws, target);
  gsize len = text->len;

  req->status = 200;
  soup_server_message_set_status (req->msg, 200, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), len);
}

static void
get_profile (TcRequest *req)
{
  const char *ws = req->params[0], *target = req->params[1];
  g_autofree char *role = NULL;

  if (!_tc_require_member (req, ws, &role))
    return;
  if (strcmp (target, req->user_id) != 0 && strcmp (role, TC_ROLE_OWNER) != 0 &&
      strcmp (role, TC_ROLE_ADMIN) != 0)
    {
      _tc_reply_error (req, 403, 403, "Access denied: only the workspace owner and admins "
                       "see other members' profiles");
      return;
    }
  if (!_tc_require_user_in_ws (req, ws, target))
    return;
  reply_profile (req, ws, target);
}

/* Rule 3, then rules 4, 2 and 5, in the order a person would fix them. */
static gboolean
check_target (TcRequest  *req,
              const char *ws,
              Target     *t,
              JsonObject *body)
{
  static const char * const multi_ws_ok[] = { "workCapacity", "workingDays", NULL };
  gboolean paid = _tc_plan_is_paid (_tc_workspace_plan (req->service, ws));
  g_autoptr(GList) members = json_object_get_members (body);

  if (strcmp (t->role, TC_ROLE_OWNER) == 0)
    return _tc_reply_error (req, 400, 501, "userId: the workspace owner's profile cannot "
                            "be edited here"), FALSE;
  if (strcmp (t->status, "ACTIVE") != 0)
    return _tc_reply_error (req, 400, 501, "userId: the member is %s; only active members' "
                            "profiles can be edited",
                            strcmp (t->status, "INACTIVE") == 0 ? "inactive"
                            : "not accepted yet (invitation pending or declined)"), FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (t->ws_number > 1 && !g_strv_contains (multi_ws_ok, l->data))
        return _tc_reply_error (req, 400, 501, "%s: the member belongs to %" G_GINT64_FORMAT
                                " workspaces, so only workCapacity and workingDays can be "
                                "changed here", (char *) l->data, t->ws_number), FALSE;
      if (!paid && strcmp (l->data, "weekStart") != 0)
        return _tc_reply_error (req, 400, 501, "%s: editing member profiles needs a paid "
                                "plan (" TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE "); only "
                                "weekStart can be changed on this plan", (char *) l->data), FALSE;
    }
  return TRUE;
}

static char *
parse_days (TcRequest *req,
            JsonNode  *node)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean seen[TC_N_DAYS] = { FALSE, };
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL)
    return _tc_reply_error (req, 400, 501, "workingDays: must be a list of days"), NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      TcDay day = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
                  ? tc_day_from_wire (json_node_get_string (item)) : TC_DAY_INVALID;

      if (day == TC_DAY_INVALID)
        return _tc_reply_error (req, 400, 501, "workingDays: each entry must be a day from "
                                "MONDAY to SUNDAY"), NULL;
      if (seen[day])
        return _tc_reply_error (req, 400, 501, "workingDays: %s is listed twice",
                                tc_day_to_wire (day)), NULL;
      seen[day] = TRUE;
    }
  for (guint d = 0; d < TC_N_DAYS; d++)
    if (seen[d])
      g_string_append_printf (out, "%s%s", out->len ? "," : "", tc_day_to_wire (d));
  return g_strdup (out->str);
}

typedef struct
{
  const char *week_start;
  gint64      capacity;
  char       *days;
  const char *employee_id;
  const char *employment;
  gboolean    has_employee_id;
  JsonArray  *custom;
} Changes;

static gboolean
read_scalars (TcRequest  *req,
              JsonObject *body,
              Target     *t,
              Changes    *c)
{
  const char *capacity;

  if (!_tc_req_string_member (req, body, "weekStart", FALSE, &c->week_start) ||
      !_tc_req_string_member (req, body, "workCapacity", FALSE, &capacity) ||
      !_tc_req_string_member (req, body, "employeeId", TRUE, &c->employee_id) ||
      !_tc_req_string_member (req, body, "employmentType", FALSE, &c->employment))
    return FALSE;
  c->has_employee_id = json_object_has_member (body, "employeeId");
  c->capacity = -1;
  if (c->week_start != NULL && tc_day_from_wire (c->week_start) == TC_DAY_INVALID)
    return _tc_reply_error (req, 400, 501, "weekStart: must be a day from MONDAY to SUNDAY"), FALSE;
  if (c->week_start != NULL)
    c->week_start = tc_day_to_wire (tc_day_from_wire (c->week_start));
  if (c->week_start != NULL && t->pending && g_strcmp0 (c->week_start, t->week_start) != 0)
    return _tc_reply_error (req, 400, 501, "weekStart: cannot change while the member has a "
                            "pending approval request; approve or reject it first"), FALSE;
  if (capacity != NULL && (!tc_wire_parse_duration (capacity, &c->capacity) ||
                           c->capacity > TC_WIRE_WORK_CAPACITY_MAX_MINUTES * 60))
    return _tc_reply_error (req, 400, 501, "workCapacity: must be a duration from PT0M to "
                            "PT24H, such as PT7H30M"), FALSE;
  if (c->employee_id != NULL && !tc_wire_validate_employee_id (c->employee_id))
    return _tc_reply_error (req, 400, 501, "employeeId: must be at most 50 characters, "
                            "without control characters"), FALSE;
  if (c->employment != NULL && !tc_wire_string_in (tc_wire_employment_types (), c->employment))
    return _tc_reply_error (req, 400, 501, "employmentType: must be FULL_TIME or PART_TIME"), FALSE;
  return TRUE;
}

static gboolean
read_changes (TcRequest  *req,
              JsonObject *body,
              Target     *t,
              Changes    *c)
{
  static const char * const known[] = {
    "weekStart", "workCapacity", "workingDays", "userCustomFields", "employeeId",
    "employmentType", NULL
  };
  g_autoptr(GList) members = json_object_get_members (body);
  JsonNode *days = json_object_get_member (body, "workingDays");
  JsonNode *custom = json_object_get_member (body, "userCustomFields");

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data) ||
        (!req->service->extensions && g_str_has_prefix (l->data, "employ")))
      return _tc_reply_error (req, 400, 501, "%s: is not a member profile field",
                              (char *) l->data), FALSE;
  if (!read_scalars (req, body, t, c))
    return FALSE;
  if (days != NULL && (c->days = parse_days (req, days)) == NULL)
    return FALSE;
  if (custom != NULL && !JSON_NODE_HOLDS_ARRAY (custom))
    return _tc_reply_error (req, 400, 501, "userCustomFields: must be a list of "
                            "{customFieldId, value}"), FALSE;
  c->custom = custom ? json_node_get_array (custom) : NULL;
  return TRUE;
}

static gboolean
apply_custom (TcRequest  *req,
              const char *ws,
              const char *target,
              JsonArray  *custom)
{
  for (guint i = 0; custom != NULL && i < json_array_get_length (custom); i++)
    {
      JsonNode *item = json_array_get_element (custom, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *field_id = NULL;

      if (obj == NULL || !_tc_req_string_member (req, obj, "customFieldId", FALSE, &field_id))
        return req->status >= 400 ? FALSE
               : (_tc_reply_error (req, 400, 501, "userCustomFields: each entry must be "
                                   "{customFieldId, value}"), FALSE);
      if (!_tc_custom_field_set_value (req, ws, target, field_id,
                                       json_object_get_member (obj, "value"), TRUE))
        return FALSE;
    }
  return TRUE;
}

static void
apply_changes (TcRequest  *req,
               const char *ws,
               const char *target,
               Changes    *c)
{
  TcService *self = req->service;

  if (c->week_start != NULL)
    _tc_db_exec (self, "UPDATE memberships SET week_start = ? WHERE workspace_id = ? AND "
                 "user_id = ?", "sss", c->week_start, ws, target);
  if (c->capacity >= 0)
    _tc_db_exec (self, "UPDATE memberships SET work_capacity = ? WHERE workspace_id = ? AND "
                 "user_id = ?", "iss", c->capacity, ws, target);
  if (c->days != NULL)
    _tc_db_exec (self, "UPDATE memberships SET working_days = ? WHERE workspace_id = ? AND "
                 "user_id = ?", "sss", c->days, ws, target);
  if (c->has_employee_id)
    _tc_db_exec (self, "UPDATE memberships SET employee_id = ? WHERE workspace_id = ? AND "
                 "user_id = ?", "sss", c->employee_id, ws, target);
  if (c->employment != NULL)
    _tc_db_exec (self, "UPDATE memberships SET employment_type = ? WHERE workspace_id = ? "
                 "AND user_id = ?", "sss", c->employment, ws, target);
}

/* Rule 6: tell the member what changed and who changed it. */
static void
queue_change_mail (TcRequest  *req,
                   const char *ws,
                   Target     *before,
                   Changes    *c)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *who = _tc_db_dup_string (req->service, "SELECT COALESCE(name, '') || ' <' "
                                            "|| email || '>' FROM users WHERE id = ?", "s",
                                            req->user_id);
  g_autofree char *ws_name = _tc_db_dup_string (req->service, "SELECT name FROM workspaces "
                                                "WHERE id = ?", "s", ws);
  gboolean week = c->week_start && g_strcmp0 (c->week_start, before->week_start) != 0;
  gboolean days = c->days && g_strcmp0 (c->days, before->working_days) != 0;

  if (!week && !days)
    return;
  g_string_append_printf (body, "Hello %s,\n\n%s changed your profile in the workspace "
                          "\"%s\":\n\n", before->name ? before->name : before->email, who, ws_name);
  if (week)
    g_string_append_printf (body, "  Week start: %s → %s\n", before->week_start, c->week_start);
  if (days)
    g_string_append_printf (body, "  Working days: %s → %s\n", before->working_days, c->days);
  g_string_append (body, "\nIf this looks wrong, ask a workspace admin.\n");
  _tc_req_queue_mail (req, before->name, before->email,
                      "Your Timecard profile was changed", body->str);
}

static void
patch_profile (TcRequest *req)
{
  const char *ws = req->params[0], *target = req->params[1];
  JsonObject *body = _tc_req_object (req);
  Target t = { 0, };
  Changes c = { 0, };
  JsonNode *payload;

  if (!_tc_require_admin (req, ws) || !_tc_require_user_in_ws (req, ws, target) ||
      !load_target (req->service, ws, target, &t))
    goto out;
  if (!check_target (req, ws, &t, body) || !read_changes (req, body, &t, &c) ||
      !apply_custom (req, ws, target, c.custom))
    goto out;

  apply_changes (req, ws, target, &c);
  queue_change_mail (req, ws, &t, &c);
  if (_tc_delivery_wanted (req->service, "USER_UPDATED", ws, target))
    {
      payload = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (payload, _tc_user_to_json (req->service, target, FALSE));
      _tc_req_queue_event (req, "USER_UPDATED", ws, target, payload);
    }
  reply_profile (req, ws, target);
out:
  target_clear (&t);
  g_free (c.days);
}

static const TcRoute routes[] = {
  { "GET",   "workspaces/*/member-profile/*", get_profile,   FALSE, FALSE },
  { "PATCH", "workspaces/*/member-profile/*", patch_profile, FALSE, TRUE },
};

const TcRoute *
_tc_routes_members (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
