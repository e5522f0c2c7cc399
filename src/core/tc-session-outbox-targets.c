/* tc-session-outbox-targets.c — what differs per kind of queued edit
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each TcEditTarget: the object it is checked with and the GET that
 * reads that object's current server values, how an edit's value compares
 * with them, the request that sends it, and what its answer says.
 * tc-session-sync.c runs the queue; README.md has the rules.
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-session-private.h"

#define CUSTOM_PREFIX "customField:"

static const char * const profile_members[] = {
  "weekStart", "workCapacity", "workingDays", "employeeId", "employmentType",
};

char *
_tc_edit_object_key (TcPendingEdit *edit)
{
  switch (edit->target)
    {
    case TC_EDIT_TARGET_MEMBER_PROFILE:
      return g_strconcat ("p\x1f", edit->workspace_id, "\x1f", edit->object_id, NULL);
    case TC_EDIT_TARGET_MEMBER_STATUS:
      return g_strconcat ("s\x1f", edit->workspace_id, "\x1f", edit->object_id, NULL);
    case TC_EDIT_TARGET_SETTINGS:
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
    default:
      return g_strdup ("user");
    }
}

JsonNode *
_tc_session_server_value (TcSession     *self,
                          TcPendingEdit *edit)
{
  g_autofree char *key = NULL;
  JsonObject *object;

  switch (edit->target)
    {
    case TC_EDIT_TARGET_SETTINGS:
      object = self->server_settings;
      break;
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
      object = self->server_user;
      break;
    case TC_EDIT_TARGET_MEMBER_PROFILE:
    case TC_EDIT_TARGET_MEMBER_STATUS:
    default:
      key = _tc_edit_object_key (edit);
      object = g_hash_table_lookup (self->server_members, key);
      break;
    }

  return object != NULL ? json_object_get_member (object, edit->wire) : NULL;
}

static guint
days_mask (JsonArray  *array,
           GError    **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *day = json_array_get_string_element (array, i);

      if (day == NULL)
        {
          g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE, "not a day");
          return 0;
        }
      g_ptr_array_add (days, (gpointer) day);
    }
  g_ptr_array_add (days, NULL);
  return tc_days_mask_from_strv ((const char * const *) days->pdata, error);
}

/* Equal as the server means them: "" and no picture are the same, a
 * duration in any spelling, working days in any order. */
static gboolean
values_equal (const char *wire,
              JsonNode   *a,
              JsonNode   *b)
{
  if (g_str_equal (wire, "profilePicture"))
    {
      const char *sa = a && JSON_NODE_HOLDS_VALUE (a) ? json_node_get_string (a) : NULL;
      const char *sb = b && JSON_NODE_HOLDS_VALUE (b) ? json_node_get_string (b) : NULL;

      return g_strcmp0 (sa && *sa ? sa : NULL, sb && *sb ? sb : NULL) == 0;
    }
  if (g_str_equal (wire, "workCapacity") && a != NULL && b != NULL &&
      JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b) &&
      json_node_get_value_type (a) == G_TYPE_STRING && json_node_get_value_type (b) == G_TYPE_STRING)
    {
      gint64 sa, sb;

      if (tc_wire_parse_duration (json_node_get_string (a), &sa) &&
          tc_wire_parse_duration (json_node_get_string (b), &sb))
        return sa == sb;
    }
  if (g_str_equal (wire, "workingDays") && a != NULL && b != NULL &&
      JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      g_autoptr(GError) error = NULL;
      guint mask_a = days_mask (json_node_get_array (a), &error);
      guint mask_b = error ? 0 : days_mask (json_node_get_array (b), &error);

      if (error == NULL)
        return mask_a == mask_b;
    }
  return _tc_json_node_equal (a, b);
}

TcEditState
_tc_session_edit_state (TcSession     *self,
                        TcPendingEdit *edit)
{
  JsonNode *server = _tc_session_server_value (self, edit);

  if (edit->target == TC_EDIT_TARGET_PICTURE)
    {
      g_autoptr(JsonNode) uploaded = NULL;

      /* The value is a content type; the URL the upload gave is "applied". */
      if (edit->extra != NULL)
        {
          uploaded = json_node_init_string (json_node_alloc (), edit->extra);
          if (values_equal (edit->wire, server, uploaded))
            return TC_EDIT_STATE_APPLIED;
        }
      return values_equal (edit->wire, server, edit->base) ? TC_EDIT_STATE_BASE
                                                           : TC_EDIT_STATE_CONFLICT;
    }

  /* A new email waits for confirmation as pendingEmail. */
  if (edit->target == TC_EDIT_TARGET_USER && g_str_equal (edit->wire, "email") &&
      self->server_user != NULL &&
      _tc_json_node_equal (json_object_get_member (self->server_user, "pendingEmail"), edit->value))
    return TC_EDIT_STATE_APPLIED;

  if (values_equal (edit->wire, server, edit->base))
    return TC_EDIT_STATE_BASE;
  if (values_equal (edit->wire, server, edit->value))
    return TC_EDIT_STATE_APPLIED;
  return TC_EDIT_STATE_CONFLICT;
}

/* Member profile values by wire name, custom values as customField:<id>. */
static void
store_profile (TcSession     *self,
               TcPendingEdit *edit,
               JsonObject    *profile)
{
  g_autofree char *key = _tc_edit_object_key (edit);
  JsonObject *values = json_object_new ();
  JsonArray *custom = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (profile_members); i++)
    {
      JsonNode *node = json_object_get_member (profile, profile_members[i]);

      if (node != NULL)
        json_object_set_member (values, profile_members[i], json_node_copy (node));
    }

  if (json_object_has_member (profile, "userCustomFieldValues") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (profile, "userCustomFieldValues")))
    custom = json_object_get_array_member (profile, "userCustomFieldValues");
  for (guint i = 0; custom != NULL && i < json_array_get_length (custom); i++)
    {
      JsonNode *element = json_array_get_element (custom, i);
      JsonObject *object;
      const char *id;
      g_autofree char *wire = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      id = json_object_get_string_member_with_default (object, "customFieldId", NULL);
      if (id == NULL || !json_object_has_member (object, "value"))
        continue;
      wire = g_strconcat (CUSTOM_PREFIX, id, NULL);
      json_object_set_member (values, wire, json_node_copy (json_object_get_member (object, "value")));
    }

  g_hash_table_replace (self->server_members, g_steal_pointer (&key), values);
}

static void
store_status (TcSession     *self,
              TcPendingEdit *edit,
              const char    *status)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, "status", status);
  g_hash_table_replace (self->server_members, _tc_edit_object_key (edit), values);
}

typedef struct
{
  TcSession     *self;
  TcPendingEdit *edit;
} Call;

static Call *
call_new (TcSession     *self,
          TcPendingEdit *edit)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->edit = g_object_ref (edit);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->edit);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  TcSession *self = call->self;
  TcPendingEdit *edit = call->edit;
  g_autofree char *key = _tc_edit_object_key (edit);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      _tc_session_sync_fetched (self, key, error);
      return;
    }

  switch (edit->target)
    {
    case TC_EDIT_TARGET_MEMBER_PROFILE:
      if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        g_set_error_literal (&error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                             "The member profile is not a JSON object");
      else
        store_profile (self, edit, json_node_get_object (body));
      break;

    case TC_EDIT_TARGET_MEMBER_STATUS:
      {
        JsonArray *users = body && JSON_NODE_HOLDS_ARRAY (body) ? json_node_get_array (body) : NULL;
        const char *status = NULL;

        for (guint i = 0; users != NULL && i < json_array_get_length (users); i++)
          {
            JsonNode *element = json_array_get_element (users, i);
            JsonObject *user = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

            if (user != NULL &&
                g_strcmp0 (json_object_get_string_member_with_default (user, "id", NULL),
                           edit->object_id) == 0)
              status = json_object_get_string_member_with_default (user, "status", NULL);
          }
        if (status != NULL)
          store_status (self, edit, status);
        else
          g_set_error (&error, TC_API_ERROR, TC_API_ERROR_NOT_FOUND,
                       "%s is no longer a member of this workspace",
                       edit->object_label ? edit->object_label : edit->object_id);
      }
      break;

    case TC_EDIT_TARGET_SETTINGS:
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
    default:
      /* Checks the queued edits of the user as it goes. */
      _tc_session_take_user (self, body, &error);
      break;
    }

  _tc_session_sync_fetched (self, key, error);
}

void
_tc_session_target_fetch (TcSession     *self,
                          TcPendingEdit *edit)
{
  g_autofree char *path = NULL;

  switch (edit->target)
    {
    case TC_EDIT_TARGET_MEMBER_PROFILE:
      path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                              edit->workspace_id, edit->object_id);
      break;
    case TC_EDIT_TARGET_MEMBER_STATUS:
      {
        g_autofree char *email = g_uri_escape_string (edit->extra ? edit->extra : "", NULL, FALSE);

        path = g_strdup_printf ("/v1/workspaces/%s/users?email=%s&status=ALL&page-size=50",
                                edit->workspace_id, email);
      }
      break;
    case TC_EDIT_TARGET_SETTINGS:
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
    default:
      path = g_strdup ("/v1/user");
      break;
    }

  tc_api_client_request_async (self->client, "GET", path, NULL, self->cancellable,
                               fetch_cb, call_new (self, edit));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error);
  _tc_session_sync_sent (call->self, call->edit, body, error);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &answer, &error) ||
      answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer) ||
      !_tc_json_get_string (json_node_get_object (answer), "url", TC_JSON_REQUIRED, &url, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                                     "The upload answer is not a JSON object");
      _tc_session_sync_sent (call->self, call->edit, NULL, error);
      return;
    }

  /* The URL is written with the edit before the PATCH goes, so a restart
   * knows the server has the picture ("applied") or sends the PATCH alone. */
  g_free (call->edit->extra);
  call->edit->extra = g_steal_pointer (&url);
  _tc_session_sync_rewrite (call->self, call->edit);
}

/* A new node holding a reference to @object. */
static JsonNode *
object_node (JsonObject *object)
{
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
value_or_null (JsonNode *value)
{
  return value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL);
}

void
_tc_session_target_send (TcSession     *self,
                         TcPendingEdit *edit)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *method = "PATCH";

  switch (edit->target)
    {
    case TC_EDIT_TARGET_SETTINGS:
      path = g_strdup ("/v1/user/settings");
      json_object_set_member (object, edit->wire, value_or_null (edit->value));
      break;

    case TC_EDIT_TARGET_USER:
      path = g_strdup ("/v1/user");
      json_object_set_member (object, edit->wire, value_or_null (edit->value));
      break;

    case TC_EDIT_TARGET_PICTURE:
      if (edit->extra == NULL)
        {
          const char *type = edit->value && JSON_NODE_HOLDS_VALUE (edit->value)
                             ? json_node_get_string (edit->value) : NULL;

          tc_api_client_upload_async (self->client, "/v1/file/image", "file", "picture",
                                      type ? type : "application/octet-stream", edit->blob,
                                      self->cancellable, upload_cb, call_new (self, edit));
          return;
        }
      path = g_strdup ("/v1/user");
      json_object_set_string_member (object, "profilePicture", edit->extra);
      break;

    case TC_EDIT_TARGET_MEMBER_PROFILE:
      path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                              edit->workspace_id, edit->object_id);
      if (g_str_has_prefix (edit->wire, CUSTOM_PREFIX))
        {
          JsonArray *array = json_array_new ();
          JsonObject *element = json_object_new ();

          json_object_set_string_member (element, "customFieldId", edit->wire + strlen (CUSTOM_PREFIX));
          json_object_set_member (element, "value", value_or_null (edit->value));
          json_array_add_object_element (array, element);
          json_object_set_array_member (object, "userCustomFields", array);
        }
      else
        json_object_set_member (object, edit->wire, value_or_null (edit->value));
      break;

    case TC_EDIT_TARGET_MEMBER_STATUS:
    default:
      method = "PUT";
      path = g_strdup_printf ("/v1/workspaces/%s/users/%s", edit->workspace_id, edit->object_id);
      json_object_set_member (object, "status", value_or_null (edit->value));
      break;
    }

  body = object_node (object);
  tc_api_client_request_async (self->client, method, path, body, self->cancellable,
                               send_cb, call_new (self, edit));
}

void
_tc_session_target_take_answer (TcSession     *self,
                                TcPendingEdit *edit,
                                JsonNode      *body)
{
  g_autoptr(GError) error = NULL;

  switch (edit->target)
    {
    case TC_EDIT_TARGET_MEMBER_PROFILE:
      if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
        store_profile (self, edit, json_node_get_object (body));
      break;
    case TC_EDIT_TARGET_MEMBER_STATUS:
      if (edit->value != NULL && JSON_NODE_HOLDS_VALUE (edit->value))
        store_status (self, edit, json_node_get_string (edit->value));
      break;
    case TC_EDIT_TARGET_SETTINGS:
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
    default:
      if (!_tc_session_take_user (self, body, &error))
        g_debug ("The answer to an edit was not a user: %s", error->message);
      break;
    }
}

void
_tc_session_apply_user (TcSession *self)
{
  g_autoptr(JsonObject) shown = NULL;
  GListModel *pending = G_LIST_MODEL (self->pending);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (self->user == NULL || self->server_user == NULL)
    return;

  shown = json_object_new ();
  json_object_iter_init (&iter, self->server_user);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (shown, name, json_node_copy (node));

  for (guint i = 0; i < g_list_model_get_n_items (pending); i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (pending, i);

      if (edit->target != TC_EDIT_TARGET_USER)
        continue;
      /* A new email shows as waiting for confirmation. */
      json_object_set_member (shown, g_str_equal (edit->wire, "email") ? "pendingEmail" : edit->wire,
                              value_or_null (edit->value));
    }

  tc_user_update_from_json (self->user, shown, NULL);
}
