/* tc-service-custom-field-defs.c — creating, editing and deleting custom user fields
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define FIELD_NAME_MAX 250
#define FIELD_TEXT_MAX 3000

typedef struct
{
  const char *name;
  const char *type;
  const char *status;
  const char *description;
  const char *placeholder;
  gboolean    required;
  gboolean    only_admin;
  char       *allowed;        /* JSON text */
  char       *fallback;       /* JSON text or NULL */
} FieldDef;

static void
field_def_clear (FieldDef *def)
{
  g_free (def->allowed);
  g_free (def->fallback);
}

static gboolean
fail (TcRequest  *req,
      const char *message)
{
  _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "%s", message);
  return FALSE;
}

static gboolean
read_bool (TcRequest  *req,
           JsonObject *obj,
           const char *member,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "%s: must be true or false", member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_allowed (TcRequest  *req,
              JsonObject *obj,
              FieldDef   *def)
{
  JsonNode *node = json_object_get_member (obj, "allowedValues");
  gboolean dropdown = g_str_has_prefix (def->type, "DROPDOWN_");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      def->allowed = g_strdup ("[]");
      return !dropdown || fail (req, "allowedValues: a dropdown field needs at least one value");
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (req, "allowedValues: must be a list of strings");
  array = json_node_get_array (node);
  if (dropdown && json_array_get_length (array) == 0)
    return fail (req, "allowedValues: a dropdown field needs at least one value");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *s = JSON_NODE_HOLDS_VALUE (item) &&
                      json_node_get_value_type (item) == G_TYPE_STRING
                      ? json_node_get_string (item) : NULL;

      if (s == NULL || s[0] == '\0' || g_utf8_strlen (s, -1) > FIELD_NAME_MAX ||
          tc_wire_has_control_chars (s, FALSE))
        return fail (req, "allowedValues: each value must be a string of 1 to 250 characters, "
                     "without control characters or line breaks");
      if (!g_hash_table_add (seen, (gpointer) s))
        return fail (req, "allowedValues: must not list a value twice");
    }
  def->allowed = _tc_json_to_text (node);
  return TRUE;
}

static gboolean
name_ok (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || g_utf8_strlen (name, -1) > FIELD_NAME_MAX ||
      tc_wire_has_control_chars (name, FALSE))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  return stripped[0] != '\0';
}

static gboolean
read_texts (TcRequest  *req,
            JsonObject *obj,
            FieldDef   *def)
{
  const char *entity;

  if (!_tc_req_string_member (req, obj, "name", FALSE, &def->name) ||
      !_tc_req_string_member (req, obj, "type", FALSE, &def->type) ||
      !_tc_req_string_member (req, obj, "status", TRUE, &def->status) ||
      !_tc_req_string_member (req, obj, "entityType", TRUE, &entity) ||
      !_tc_req_string_member (req, obj, "description", TRUE, &def->description) ||
      !_tc_req_string_member (req, obj, "placeholder", TRUE, &def->placeholder))
    return FALSE;
  if (!name_ok (def->name))
    return fail (req, "name: must be 1 to 250 characters, not blank, "
                 "without control characters or line breaks");
  if (!tc_wire_string_in (tc_wire_custom_field_types (), def->type))
    return fail (req, "type: must be TXT, NUMBER, DROPDOWN_SINGLE, DROPDOWN_MULTIPLE, "
                 "CHECKBOX or LINK");
  if (entity != NULL && strcmp (entity, "USER") != 0)
    return fail (req, "entityType: only USER fields are supported");
  if (def->status == NULL)
    def->status = "VISIBLE";
  if (!tc_wire_string_in (tc_wire_custom_field_statuses (), def->status))
    return fail (req, "status: must be VISIBLE, INVISIBLE or INACTIVE");
  if ((def->description && g_utf8_strlen (def->description, -1) > FIELD_TEXT_MAX) ||
      (def->placeholder && g_utf8_strlen (def->placeholder, -1) > FIELD_TEXT_MAX))
    return fail (req, "description: must be at most 3000 characters");
  return TRUE;
}

static gboolean
read_def (TcRequest *req,
          FieldDef  *def)
{
  JsonObject *obj = _tc_req_object (req);
  JsonNode *fallback = json_object_get_member (obj, "workspaceDefaultValue");
  g_autoptr(JsonNode) allowed = NULL;
  const char *problem;

  if (!read_texts (req, obj, def) ||
      !read_bool (req, obj, "required", &def->required) ||
      !read_bool (req, obj, "onlyAdminCanEdit", &def->only_admin) ||
      !read_allowed (req, obj, def))
    return FALSE;
  if (fallback == NULL || JSON_NODE_HOLDS_NULL (fallback))
    return TRUE;

  allowed = _tc_json_parse_text (def->allowed);
  problem = _tc_custom_field_check_value (def->type, json_node_get_array (allowed), fallback);
  if (problem != NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "workspaceDefaultValue: %s", problem);
      return FALSE;
    }
  def->fallback = _tc_json_to_text (fallback);
  return TRUE;
}

static gboolean
check_limits (TcRequest  *req,
              const char *ws,
              const char *self_id,
              FieldDef   *def)
{
  gint64 total = _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM custom_fields "
                             "WHERE workspace_id = ? AND id != ?", "ss", ws, self_id);
  gint64 visible = _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM custom_fields "
                               "WHERE workspace_id = ? AND id != ? AND status = 'VISIBLE'",
                               "ss", ws, self_id);

  if (!_tc_plan_is_paid (_tc_workspace_plan (req->service, ws)))
    return fail (req, "type: custom user fields need a paid plan ("
                 TC_WIRE_FEATURE_USER_CUSTOM_FIELDS ")");
  if (total >= TC_WIRE_CUSTOM_FIELDS_MAX)
    return fail (req, "name: a workspace can have at most 50 custom fields");
  if (visible >= TC_WIRE_CUSTOM_FIELDS_VISIBLE_MAX && strcmp (def->status, "VISIBLE") == 0)
    return fail (req, "status: at most 10 custom fields can be VISIBLE");
  if (_tc_db_int (req->service, 0, "SELECT COUNT(*) FROM custom_fields WHERE workspace_id = ? "
                  "AND id != ? AND name = ?", "sss", ws, self_id, def->name) > 0)
    return fail (req, "name: another custom field has this name");
  return TRUE;
}

static void
reply_field (TcRequest  *req,
             const char *ws,
             const char *id,
             guint       status)
{
  g_autoptr(JsonObject) obj = _tc_custom_field_load (req->service, ws, id);

  _tc_reply_object (req, status, obj);
}

void
_tc_custom_field_create (TcRequest *req)
{
  const char *ws = req->params[0];
  FieldDef def = { 0, };
  g_autofree char *id = _tc_new_id ();

  if (_tc_require_admin (req, ws) && read_def (req, &def) && check_limits (req, ws, id, &def))
    {
      _tc_db_exec (req->service, "INSERT INTO custom_fields (id, workspace_id, name, "
                   "description, placeholder, type, status, required, only_admin_can_edit, "
                   "allowed_values, default_value, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM custom_fields))",
                   "sssssssiiss", id, ws, def.name, def.description, def.placeholder,
                   def.type, def.status, (gint64) def.required, (gint64) def.only_admin,
                   def.allowed, def.fallback);
      reply_field (req, ws, id, 201);
    }
  field_def_clear (&def);
}

void
_tc_custom_field_edit (TcRequest *req)
{
  const char *ws = req->params[0], *id = req->params[1];
  FieldDef def = { 0, };
  g_autoptr(JsonObject) existing = NULL;

  if (!_tc_require_admin (req, ws))
    return;
  existing = _tc_custom_field_load (req->service, ws, id);
  if (existing == NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "customFieldId: Custom field %s doesn't belong to Workspace", id);
      return;
    }
  if (read_def (req, &def) && check_limits (req, ws, id, &def))
    {
      _tc_db_exec (req->service, "UPDATE custom_fields SET name = ?, description = ?, "
                   "placeholder = ?, type = ?, status = ?, required = ?, "
                   "only_admin_can_edit = ?, allowed_values = ?, default_value = ? "
                   "WHERE id = ?", "sssssiisss", def.name, def.description, def.placeholder,
                   def.type, def.status, (gint64) def.required, (gint64) def.only_admin,
                   def.allowed, def.fallback, id);
      reply_field (req, ws, id, 200);
    }
  field_def_clear (&def);
}

void
_tc_custom_field_delete (TcRequest *req)
{
  const char *ws = req->params[0], *id = req->params[1];

  if (!_tc_require_admin (req, ws))
    return;
  if (!_tc_plan_is_paid (_tc_workspace_plan (req->service, ws)))
    {
      fail (req, "customFieldId: custom user fields need a paid plan ("
            TC_WIRE_FEATURE_USER_CUSTOM_FIELDS ")");
      return;
    }
  _tc_db_exec (req->service, "DELETE FROM custom_fields WHERE id = ? AND workspace_id = ?",
               "ss", id, ws);
  if (_tc_db_changes (req->service) == 0)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "customFieldId: Custom field %s doesn't belong to Workspace", id);
      return;
    }
  _tc_reply_empty (req, 204);
}
