/* tc-service-routes-keys.c — ext /v1/user/api-keys
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secret is returned once, by POST; afterwards only its last four
 * characters ("preview") are shown.
 */

#include "config.h"

#include "tc-service-private.h"

#define KEY_COLUMNS "SELECT id, name, created_at, last_used_at, preview FROM api_keys "

static JsonObject *
key_to_json (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "name", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (obj, "createdAt", _tc_db_col_text (stmt, 2));
  _tc_json_set_nullable (obj, "lastUsedAt", _tc_db_col_text (stmt, 3));
  json_object_set_string_member (obj, "preview", _tc_db_col_text (stmt, 4));
  return obj;
}

static void
list_keys (TcRequest *req)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  json_node_take_array (node, array);
  stmt = _tc_db_prepare (req->service, KEY_COLUMNS "WHERE user_id = ? ORDER BY created_at, id",
                         "s", req->user_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_object_element (array, key_to_json (stmt));
  _tc_reply_json (req, 200, node);
}

static gboolean
read_name (TcRequest   *req,
           const char **out_name)
{
  if (!_tc_req_string_member (req, _tc_req_object (req), "name", FALSE, out_name))
    return FALSE;
  if (*out_name == NULL || !tc_wire_validate_name (*out_name))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "name: must be 1 to %d characters, not blank, "
                       "without control characters or line breaks",
                       TC_WIRE_API_KEY_NAME_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

static void
create_key (TcRequest *req)
{
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) obj = NULL;
  const char *name;
  sqlite3_stmt *stmt;

  if (!read_name (req, &name))
    return;
  key = _tc_auth_create_key (req->service, req->user_id, name, &id);
  stmt = key ? _tc_db_prepare (req->service, KEY_COLUMNS "WHERE id = ?", "s", id) : NULL;
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tc_reply_error (req, 500, 500, "The key could not be stored");
      return;
    }
  obj = key_to_json (stmt);
  sqlite3_reset (stmt);
  json_object_remove_member (obj, "preview");
  json_object_remove_member (obj, "lastUsedAt");
  json_object_set_string_member (obj, "key", key);
  _tc_reply_object (req, 201, obj);
}

static gboolean
own_key (TcRequest  *req,
         const char *id)
{
  if (_tc_db_int (req->service, 0, "SELECT COUNT(*) FROM api_keys WHERE id = ? AND user_id = ?",
                  "ss", id, req->user_id) > 0)
    return TRUE;
  _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "id: you have no API key %s", id);
  return FALSE;
}

static void
rename_key (TcRequest *req)
{
  const char *id = req->params[0];
  const char *name;
  g_autoptr(JsonObject) obj = NULL;
  sqlite3_stmt *stmt;

  if (!own_key (req, id) || !read_name (req, &name))
    return;
  _tc_db_exec (req->service, "UPDATE api_keys SET name = ? WHERE id = ?", "ss", name, id);
  stmt = _tc_db_prepare (req->service, KEY_COLUMNS "WHERE id = ?", "s", id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tc_reply_error (req, 500, 500, "The key could not be read back");
      return;
    }
  obj = key_to_json (stmt);
  sqlite3_reset (stmt);
  _tc_reply_object (req, 200, obj);
}

static void
delete_key (TcRequest *req)
{
  const char *id = req->params[0];

  if (!own_key (req, id))
    return;
  _tc_db_exec (req->service, "DELETE FROM api_keys WHERE id = ?", "s", id);
  _tc_reply_empty (req, 204);
}

static const TcRoute routes[] = {
  { "GET",    "user/api-keys",   list_keys,  TRUE, FALSE },
  { "POST",   "user/api-keys",   create_key, TRUE, TRUE },
  { "PATCH",  "user/api-keys/*", rename_key, TRUE, TRUE },
  { "DELETE", "user/api-keys/*", delete_key, TRUE, FALSE },
};

const TcRoute *
_tc_routes_keys (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
