/* tc-service-routes-user.c — the current user: GET/PATCH /v1/user, email
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define EMAIL_TOKEN_LENGTH   32
#define EMAIL_TOKEN_SECONDS  (24 * 3600)

static JsonArray *
memberships_to_json (TcService  *self,
                     const char *user_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (self,
                         "SELECT workspace_id, status FROM memberships WHERE user_id = ? "
                         "ORDER BY workspace_id", "s", user_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *m = json_object_new ();

      json_object_set_string_member (m, "userId", user_id);
      json_object_set_string_member (m, "targetId", _tc_db_col_text (stmt, 0));
      json_object_set_string_member (m, "membershipType", "WORKSPACE");
      json_object_set_string_member (m, "membershipStatus", _tc_db_col_text (stmt, 1));
      json_object_set_null_member (m, "hourlyRate");
      json_object_set_null_member (m, "costRate");
      json_array_add_object_element (array, m);
    }
  return array;
}

JsonArray *
_tc_user_custom_values (TcService  *self,
                        const char *user_id,
                        const char *workspace_id)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (self,
                         "SELECT f.id, f.name, f.type, v.value FROM custom_field_values v "
                         "JOIN custom_fields f ON f.id = v.field_id "
                         "WHERE v.user_id = ? AND f.workspace_id = ? ORDER BY f.position",
                         "ss", user_id, workspace_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *v = json_object_new ();

      json_object_set_string_member (v, "customFieldId", _tc_db_col_text (stmt, 0));
      json_object_set_string_member (v, "customFieldName", _tc_db_col_text (stmt, 1));
      json_object_set_string_member (v, "customFieldType", _tc_db_col_text (stmt, 2));
      json_object_set_string_member (v, "userId", user_id);
      json_object_set_member (v, "value", _tc_custom_value_node (_tc_db_col_text (stmt, 3)));
      json_array_add_object_element (array, v);
    }
  return array;
}

/* The defaults, in the order Clockify writes them. Built member by member:
 * parsing them from text on every call was the largest single cost of a
 * member-profile PATCH (perf, bench-service). */
static const struct
{
  const char *name;
  char        type;       /* 's' string, 'b' boolean, 'i' number */
  const char *text;       /* 's' */
  gint64      number;     /* 'b' and 'i' */
} settings_defaults[] = {
  { "weekStart", 's', "MONDAY", 0 },
  { "timeZone", 's', "UTC", 0 },
  { "timeFormat", 's', "HOUR12", 0 },
  { "dateFormat", 's', "MM/DD/YYYY", 0 },
  { "lang", 's', "EN", 0 },
  { "theme", 's', "DEFAULT", 0 },
  { "myStartOfDay", 's', "09:00", 0 },
  { "groupSimilarEntriesDisabled", 'b', NULL, FALSE },
  { "collapseAllProjectLists", 'b', NULL, FALSE },
  { "projectListCollapse", 'i', NULL, 50 },
  { "projectPickerTaskFilter", 'b', NULL, FALSE },
  { "isCompactViewOn", 'b', NULL, FALSE },
  { "sendNewsletter", 'b', NULL, FALSE },
  { "weeklyUpdates", 'b', NULL, FALSE },
  { "longRunning", 'b', NULL, TRUE },
  { "scheduledReports", 'b', NULL, TRUE },
  { "approval", 'b', NULL, TRUE },
  { "pto", 'b', NULL, TRUE },
  { "alerts", 'b', NULL, TRUE },
  { "reminders", 'b', NULL, TRUE },
  { "invoiceReminders", 'b', NULL, TRUE },
  { "scheduling", 'b', NULL, TRUE },
  { "multiFactorEnabled", 'b', NULL, FALSE },
  { "dashboardSelection", 's', "ME", 0 },
  { "dashboardViewType", 's', "PROJECT", 0 },
  { "dashboardPinToTop", 'b', NULL, FALSE },
  { "showOnlyWorkingDays", 'b', NULL, FALSE },
  { "timeTrackingManual", 'b', NULL, FALSE },
  { "onboarding", 'b', NULL, FALSE },
};

JsonObject *
_tc_settings_defaults (void)
{
  JsonObject *settings = json_object_new ();
  JsonObject *summary = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (settings_defaults); i++)
    {
      const char *name = settings_defaults[i].name;

      if (settings_defaults[i].type == 's')
        json_object_set_string_member (settings, name, settings_defaults[i].text);
      else if (settings_defaults[i].type == 'b')
        json_object_set_boolean_member (settings, name, settings_defaults[i].number != 0);
      else
        json_object_set_int_member (settings, name, settings_defaults[i].number);
    }
  json_object_set_string_member (summary, "group", "PROJECT");
  json_object_set_string_member (summary, "subgroup", "CLIENT");
  json_object_set_object_member (settings, "summaryReportSettings", summary);
  return settings;
}

/* The stored settings over the defaults, so every member is present. */
JsonNode *
_tc_settings_to_json (const char *stored)
{
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *settings;
  JsonNode *node;

  if (stored == NULL)
    return json_node_new (JSON_NODE_NULL);

  settings = _tc_settings_defaults ();
  parsed = _tc_json_parse_text (stored);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (parsed));
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (settings, member, json_node_copy (value));
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, settings);
  return node;
}

JsonObject *
_tc_user_to_json (TcService  *self,
                  const char *user_id,
                  gboolean    memberships)
{
  sqlite3_stmt *stmt;
  JsonObject *obj;
  g_autofree char *active_ws = NULL;

  stmt = _tc_db_prepare (self,
                         "SELECT id, email, name, profile_picture, active_ws, default_ws, "
                         "status, settings, pending_email FROM users WHERE id = ?",
                         "s", user_id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  obj = json_object_new ();
  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "email", _tc_db_col_text (stmt, 1));
  _tc_json_set_nullable (obj, "name", _tc_db_col_text (stmt, 2));
  _tc_json_set_nullable (obj, "profilePicture", _tc_db_col_text (stmt, 3));
  _tc_json_set_nullable (obj, "activeWorkspace", _tc_db_col_text (stmt, 4));
  _tc_json_set_nullable (obj, "defaultWorkspace", _tc_db_col_text (stmt, 5));
  json_object_set_string_member (obj, "status", _tc_db_col_text (stmt, 6));
  json_object_set_member (obj, "settings", _tc_settings_to_json (_tc_db_col_text (stmt, 7)));
  if (self->extensions)
    _tc_json_set_nullable (obj, "pendingEmail", _tc_db_col_text (stmt, 8));
  active_ws = g_strdup (_tc_db_col_text (stmt, 4));
  sqlite3_reset (stmt);

  json_object_set_array_member (obj, "memberships",
                                memberships ? memberships_to_json (self, user_id)
                                            : json_array_new ());
  json_object_set_array_member (obj, "customFields",
                                _tc_user_custom_values (self, user_id, active_ws ? active_ws : ""));
  return obj;
}

static void
reply_user (TcRequest *req)
{
  const char *include = _tc_req_query (req, "include-memberships");
  g_autoptr(JsonObject) obj = NULL;

  obj = _tc_user_to_json (req->service, req->user_id,
                          include != NULL && g_ascii_strcasecmp (include, "true") == 0);
  if (obj == NULL)
    {
      _tc_reply_error (req, 401, TC_WIRE_CODE_BAD_KEY, "Api key does not exist");
      return;
    }
  _tc_reply_object (req, 200, obj);
}

static void
get_user (TcRequest *req)
{
  reply_user (req);
}

static void
queue_user_updated (TcRequest *req)
{
  JsonNode *payload = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (payload, _tc_user_to_json (req->service, req->user_id, FALSE));
  _tc_req_queue_event (req, "USER_UPDATED", NULL, req->user_id, payload);
}

static gboolean
apply_name (TcRequest  *req,
            const char *name)
{
  if (!tc_wire_validate_name (name))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "name: must be 1 to %d characters, not blank, "
                       "without control characters or line breaks",
                       TC_WIRE_NAME_MAX_CHARS);
      return FALSE;
    }
  return _tc_db_exec (req->service, "UPDATE users SET name = ? WHERE id = ?",
                      "ss", name, req->user_id);
}

static gboolean
apply_email (TcRequest  *req,
             const char *email)
{
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  TcService *self = req->service;

  if (tc_wire_has_control_chars (email, FALSE))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "email: must not contain control "
                       "characters or line breaks");
      return FALSE;
    }
  if (!tc_wire_validate_email (email))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "email: is not a valid email address");
      return FALSE;
    }
  if (_tc_db_int (self, 0, "SELECT COUNT(*) FROM users WHERE id = ? AND email = ? "
                  "COLLATE NOCASE", "ss", req->user_id, email) > 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "email: is already your address");
      return FALSE;
    }
  if (_tc_db_int (self, 0, "SELECT COUNT(*) FROM users WHERE email = ? COLLATE NOCASE",
                  "s", email) > 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "email: is already in use");
      return FALSE;
    }

  token = _tc_new_secret (EMAIL_TOKEN_LENGTH);
  hash = _tc_sha256_hex (token);
  name = _tc_db_dup_string (self, "SELECT name FROM users WHERE id = ?", "s", req->user_id);
  if (!_tc_db_exec (self, "DELETE FROM email_tokens WHERE user_id = ?", "s", req->user_id) ||
      !_tc_db_exec (self, "INSERT INTO email_tokens (hash, user_id, email, expires_at) "
                    "VALUES (?, ?, ?, ?)", "sssi", hash, req->user_id, email,
                    g_get_real_time () / G_USEC_PER_SEC + EMAIL_TOKEN_SECONDS) ||
      !_tc_db_exec (self, "UPDATE users SET pending_email = ? WHERE id = ?",
                    "ss", email, req->user_id))
    return FALSE;

  body = g_strdup_printf ("Hello %s,\n\n"
                          "You (%s) asked to change the email address of your Timecard "
                          "profile to %s.\n\n"
                          "To confirm the change, send this confirmation token from the app, "
                          "or POST it to /v1/user/email/confirm as {\"token\": \"…\"}:\n\n"
                          "    %s\n\n"
                          "The token is valid for 24 hours. If you did not ask for this, "
                          "ignore this message and nothing will change.\n",
                          name ? name : email, name ? name : "the account owner", email, token);
  _tc_req_queue_mail (req, name, email, "Confirm your new email address", body);
  return TRUE;
}

/* Deletes the image of the current profile picture unless it is @keep_id. */
static gboolean
delete_picture_image (TcRequest  *req,
                      const char *keep_id)
{
  g_autofree char *old = _tc_db_dup_string (req->service, "SELECT profile_picture FROM users "
                                            "WHERE id = ?", "s", req->user_id);
  g_autofree char *old_id = _tc_image_id_from_stored_url (old);

  if (old_id == NULL || g_strcmp0 (old_id, keep_id) == 0)
    return TRUE;
  return _tc_db_exec (req->service, "DELETE FROM images WHERE id = ? AND user_id = ?",
                      "ss", old_id, req->user_id);
}

/* Accepts only the exact url the service handed out for an image of this
 * user; the picture it replaces is deleted. */
static gboolean
apply_picture (TcRequest *req,
               JsonNode  *node)
{
  g_autofree char *id = NULL;
  const char *url;

  if (JSON_NODE_HOLDS_NULL (node))
    return delete_picture_image (req, NULL) &&
           _tc_db_exec (req->service, "UPDATE users SET profile_picture = NULL WHERE id = ?",
                        "s", req->user_id);

  url = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? json_node_get_string (node) : NULL;
  id = _tc_image_id_from_url (req->service, url);
  if (id == NULL ||
      _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM images WHERE id = ? AND user_id = ?",
                  "ss", id, req->user_id) == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "profilePicture: must be the url of an image uploaded with "
                       "POST /v1/file/image, or null");
      return FALSE;
    }
  /* The old picture goes; other uploads of the last hour stay, so a
   * picture being chosen meanwhile is not lost. */
  return delete_picture_image (req, id) &&
         _tc_db_exec (req->service, "UPDATE users SET profile_picture = ? WHERE id = ?",
                      "ss", url, req->user_id);
}

static gboolean
check_members (TcRequest          *req,
               JsonObject         *obj,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                         "%s: is not a field that can be changed here", (char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static void
patch_user (TcRequest *req)
{
  static const char * const allowed[] = { "name", "email", "profilePicture", NULL };
  JsonObject *obj = _tc_req_object (req);
  const char *name, *email;
  gboolean changed = FALSE;

  if (!check_members (req, obj, allowed) ||
      !_tc_req_string_member (req, obj, "name", FALSE, &name) ||
      !_tc_req_string_member (req, obj, "email", FALSE, &email))
    return;
  if (json_object_has_member (obj, "name") && name == NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "name: must not be null");
      return;
    }
  if (name != NULL && !apply_name (req, name))
    return;
  if (json_object_has_member (obj, "profilePicture") &&
      !apply_picture (req, json_object_get_member (obj, "profilePicture")))
    return;
  if (email != NULL && !apply_email (req, email))
    return;

  changed = name != NULL || json_object_has_member (obj, "profilePicture");
  if (changed)
    queue_user_updated (req);
  reply_user (req);
}

static void
confirm_email (TcRequest *req)
{
  TcService *self = req->service;
  const char *token;
  g_autofree char *hash = NULL;
  g_autofree char *email = NULL;
  JsonNode *payload;

  if (!_tc_req_string_member (req, _tc_req_object (req), "token", FALSE, &token))
    return;
  hash = _tc_sha256_hex (token ? token : "");
  email = _tc_db_dup_string (self, "SELECT email FROM email_tokens WHERE hash = ? "
                             "AND user_id = ? AND expires_at > ?", "ssi", hash,
                             req->user_id, g_get_real_time () / G_USEC_PER_SEC);
  if (email == NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "token: is not a valid confirmation token, or it has expired");
      return;
    }
  if (!_tc_db_exec (self, "UPDATE users SET email = ?, pending_email = NULL WHERE id = ?",
                    "ss", email, req->user_id) ||
      !_tc_db_exec (self, "DELETE FROM email_tokens WHERE user_id = ?", "s", req->user_id))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "email: is already in use");
      return;
    }

  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (payload, _tc_user_to_json (self, req->user_id, FALSE));
  _tc_req_queue_event (req, "USER_EMAIL_CHANGED", NULL, req->user_id, payload);
  reply_user (req);
}

static const TcRoute routes[] = {
  { "GET",   "user",               get_user,          FALSE, FALSE },
  { "PATCH", "user",               patch_user,        TRUE,  TRUE },
  { "POST",  "user/email/confirm", confirm_email,     TRUE,  TRUE },
  { "POST",  "file/image",         _tc_image_upload,  FALSE, FALSE },
};

const TcRoute *
_tc_routes_user (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
