/* tc-service-routes-custom-fields.c — custom user fields and their values
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Value types on the wire: NUMBER a number, DROPDOWN_MULTIPLE a list of
 * strings, CHECKBOX a boolean, the rest a string. Dropdown values must be
 * in allowedValues. A paid feature (USER_CUSTOM_FIELDS); at most 50 fields
 * of which 10 VISIBLE.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define FIELD_TEXT_MAX   3000

JsonObject *
_tc_custom_field_to_json (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();
  JsonNode *allowed = _tc_json_parse_text (_tc_db_col_text (stmt, 8));
  JsonNode *fallback = _tc_json_parse_text (_tc_db_col_text (stmt, 9));

  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "name", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (obj, "description", _tc_db_col_text (stmt, 2) ?: "");
  json_object_set_string_member (obj, "placeholder", _tc_db_col_text (stmt, 3) ?: "");
  json_object_set_string_member (obj, "type", _tc_db_col_text (stmt, 4));
  json_object_set_string_member (obj, "entityType", "USER");
  json_object_set_string_member (obj, "status", _tc_db_col_text (stmt, 5));
  json_object_set_boolean_member (obj, "required", sqlite3_column_int (stmt, 6));
  json_object_set_boolean_member (obj, "onlyAdminCanEdit", sqlite3_column_int (stmt, 7));
  json_object_set_member (obj, "allowedValues",
                          allowed ? allowed : json_node_init_array (json_node_alloc (),
                                                                    json_array_new ()));
  json_object_set_member (obj, "workspaceDefaultValue",
                          fallback ? fallback : json_node_new (JSON_NODE_NULL));
  json_object_set_string_member (obj, "workspaceId", _tc_db_col_text (stmt, 10));
  return obj;
}

JsonObject *
_tc_custom_field_load (TcService  *self,
                       const char *workspace_id,
                       const char *field_id)
{
  sqlite3_stmt *stmt;
  JsonObject *obj = NULL;

  stmt = _tc_db_prepare (self, TC_CUSTOM_FIELD_COLUMNS "WHERE id = ? AND workspace_id = ?",
                         "ss", field_id, workspace_id);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    obj = _tc_custom_field_to_json (stmt);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return obj;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
in_allowed (JsonArray  *allowed,
            JsonNode   *node)
{
  if (!holds (node, G_TYPE_STRING))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), json_node_get_string (node)) == 0)
      return TRUE;
  return FALSE;
}

/* NULL when @value suits a field of @type, else what is wrong. */
const char *
_tc_custom_field_check_value (const char *type,
                   JsonArray  *allowed,
                   JsonNode   *value)
{
  if (strcmp (type, "NUMBER") == 0)
    return holds (value, G_TYPE_INT64) || holds (value, G_TYPE_DOUBLE) ? NULL : "must be a number";
  if (strcmp (type, "CHECKBOX") == 0)
    return holds (value, G_TYPE_BOOLEAN) ? NULL : "must be true or false";
  if (strcmp (type, "DROPDOWN_SINGLE") == 0)
    return in_allowed (allowed, value) ? NULL : "must be one of the field's allowedValues";
  if (strcmp (type, "DROPDOWN_MULTIPLE") == 0)
    {
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

      if (list == NULL)
        return "must be a list of the field's allowedValues";
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          if (!in_allowed (allowed, json_array_get_element (list, i)))
            return "must only hold values from the field's allowedValues";
          for (guint j = 0; j < i; j++)
            if (g_strcmp0 (json_array_get_string_element (list, i),
                           json_array_get_string_element (list, j)) == 0)
              return "must not list a value twice";
        }
      return NULL;
    }
  if (!holds (value, G_TYPE_STRING) || g_utf8_strlen (json_node_get_string (value), -1) > FIELD_TEXT_MAX)
    return "must be a string of at most 3000 characters";
  if (tc_wire_has_control_chars (json_node_get_string (value), strcmp (type, "TXT") == 0))
    return strcmp (type, "TXT") == 0 ? "must not contain control characters other than "
                                       "tab and line breaks"
                                     : "must not contain control characters";
  if (strcmp (type, "LINK") == 0 && json_node_get_string (value)[0] != '\0' &&
      !g_str_has_prefix (json_node_get_string (value), "https://") &&
      !g_str_has_prefix (json_node_get_string (value), "http://"))
    return "must be an http or https link";
  return NULL;
}

static gboolean
check_write_access (TcRequest  *req,
                    const char *ws,
                    const char *target,
                    JsonObject *field,
                    gboolean    admin)
{
  if (!admin && (strcmp (target, req->user_id) != 0 ||
                 json_object_get_boolean_member (field, "onlyAdminCanEdit")))
    {
      _tc_reply_error (req, 403, 403, "Access denied: only the workspace owner and admins "
                       "may change this field's value");
      return FALSE;
    }
  if (!_tc_plan_is_paid (_tc_workspace_plan (req->service, ws)))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "customFieldId: custom user fields "
                       "need a paid plan (" TC_WIRE_FEATURE_USER_CUSTOM_FIELDS ")");
      return FALSE;
    }
  if (strcmp (json_object_get_string_member (field, "status"), "INACTIVE") == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "customFieldId: the field %s is "
                       "inactive", json_object_get_string_member (field, "name"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_tc_custom_field_set_value (TcRequest  *req,
                            const char *ws,
                            const char *target,
                            const char *field_id,
                            JsonNode   *value,
                            gboolean    admin)
{
  g_autoptr(JsonObject) field = _tc_custom_field_load (req->service, ws, field_id ? field_id : "");
  g_autofree char *text = NULL;
  const char *problem;

  if (field == NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "customFieldId: Custom field %s "
                       "doesn't belong to Workspace", field_id ? field_id : "(none)");
      return FALSE;
    }
  if (!check_write_access (req, ws, target, field, admin))
    return FALSE;
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (json_object_get_boolean_member (field, "required"))
        {
          _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "value: the field %s is required",
                           json_object_get_string_member (field, "name"));
          return FALSE;
        }
      return _tc_db_exec (req->service, "DELETE FROM custom_field_values WHERE field_id = ? "
                          "AND user_id = ?", "ss", field_id, target);
    }
  problem = _tc_custom_field_check_value (json_object_get_string_member (field, "type"),
                               json_object_get_array_member (field, "allowedValues"), value);
  if (problem != NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "value: %s (field %s)", problem,
                       json_object_get_string_member (field, "name"));
      return FALSE;
    }
  text = _tc_json_to_text (value);
  return _tc_db_exec (req->service, "INSERT OR REPLACE INTO custom_field_values "
                      "(field_id, user_id, value) VALUES (?, ?, ?)", "sss", field_id, target, text);
}

static void
list_fields (TcRequest *req)
{
  const char *ws = req->params[0];
  const char *entity = _tc_req_query (req, "entity-type");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  json_node_take_array (node, array);
  if (!_tc_require_member (req, ws, NULL))
    return;
  if (entity == NULL || g_ascii_strcasecmp (entity, "USER") == 0)
    {
      stmt = _tc_db_prepare (req->service, TC_CUSTOM_FIELD_COLUMNS "WHERE workspace_id = ? "
                             "ORDER BY position", "s", ws);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_object_element (array, _tc_custom_field_to_json (stmt));
    }
  _tc_reply_json (req, 200, node);
}

static void
put_value (TcRequest *req)
{
  const char *ws = req->params[0], *target = req->params[1], *field_id = req->params[2];
  g_autofree char *role = NULL;
  g_autoptr(JsonObject) field = NULL;
  JsonObject *answer;
  JsonNode *value, *payload;

  if (!_tc_require_member (req, ws, &role) || !_tc_require_user_in_ws (req, ws, target))
    return;
  value = json_object_get_member (_tc_req_object (req), "value");
  if (!_tc_custom_field_set_value (req, ws, target, field_id, value,
                                   strcmp (role, TC_ROLE_OWNER) == 0 ||
                                   strcmp (role, TC_ROLE_ADMIN) == 0))
    return;

  field = _tc_custom_field_load (req->service, ws, field_id);
  answer = json_object_new ();
  json_object_set_string_member (answer, "customFieldId", field_id);
  json_object_set_string_member (answer, "customFieldName", json_object_get_string_member (field, "name"));
  json_object_set_string_member (answer, "customFieldType", json_object_get_string_member (field, "type"));
  json_object_set_string_member (answer, "userId", target);
  json_object_set_member (answer, "value", value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));

  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (payload, _tc_user_to_json (req->service, target, FALSE));
  _tc_req_queue_event (req, "USER_UPDATED", ws, target, payload);
  _tc_reply_object (req, 201, answer);
  json_object_unref (answer);
}

static const TcRoute routes[] = {
  { "GET",    "workspaces/*/custom-fields",                  list_fields,        FALSE, FALSE },
  { "POST",   "workspaces/*/custom-fields",                  _tc_custom_field_create, FALSE, TRUE },
  { "PUT",    "workspaces/*/custom-fields/*",                _tc_custom_field_edit,   FALSE, TRUE },
  { "DELETE", "workspaces/*/custom-fields/*",                _tc_custom_field_delete, FALSE, FALSE },
  { "PUT",    "workspaces/*/users/*/custom-field/*/value",   put_value,          FALSE, TRUE },
};

const TcRoute *
_tc_routes_custom_fields (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
