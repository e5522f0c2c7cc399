/* tc-session-actions.c — profile and workspace actions of a session
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workspace actions with a result for the caller (switching, leaving).
 * Every edit of the profile itself (name, email, picture) goes through the
 * outbox instead: tc-session-members.c and tc-session-sync.c.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-session-private.h"
#include "tc-wire.h"

typedef struct
{
  gboolean profile_route;
} ActionData;

static void
user_answer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      _tc_session_note_error (self, error, GPOINTER_TO_INT (g_task_get_task_data (task)));
      g_task_return_error (task, error);
      return;
    }

  _tc_session_set_offline (self, FALSE);
  if (!_tc_session_take_user (self, body, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Sends a request whose answer is the user, into the user model. */
static void
send_user_request (TcSession  *self,
                   GTask      *task,
                   const char *method,
                   const char *path,
                   JsonNode   *body,
                   gboolean    profile_route)
{
  g_task_set_task_data (task, GINT_TO_POINTER (profile_route), NULL);
  tc_api_client_request_async (self->client, method, path, body,
                               g_task_get_cancellable (task), user_answer_cb, task);
}

static JsonNode *
object_with_string (const char *member,
                    const char *value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
  json_node_take_object (node, object);
  return node;
}

static gboolean
propagate (TcSession     *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The active workspace on a server without the workspace routes: kept in
 * the account's cache as {"workspaceId": id}, read at the next start. */
#define CHOICE_KEY "workspace-choice"

static void
set_local_workspace_id (TcSession  *self,
                        const char *id)
{
  g_free (self->local_workspace_id);
  self->local_workspace_id = g_strdup (id);
  _tc_session_set_local_workspace_choice (self, TRUE);
  _tc_session_update_active_workspace (self);
}

void
_tc_session_take_workspace_choice (TcSession *self,
                                   JsonNode  *node)
{
  g_autofree char *id = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !_tc_json_get_string (json_node_get_object (node), "workspaceId",
                            TC_JSON_REQUIRED, &id, NULL))
    return;

  set_local_workspace_id (self, id);
}

static void
remember_locally (TcSession   *self,
                  TcWorkspace *workspace)
{
  g_autoptr(JsonNode) node = object_with_string ("workspaceId", tc_workspace_get_id (workspace));

  set_local_workspace_id (self, tc_workspace_get_id (workspace));
  tc_cache_put_async (self->cache, CHOICE_KEY, node, NULL, NULL, NULL);
}

static void
switch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  TcWorkspace *workspace = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        {
          g_debug ("No workspace routes here: the active workspace is chosen locally");
          g_error_free (error);
          remember_locally (self, workspace);
          g_task_return_boolean (task, TRUE);
          return;
        }
      _tc_session_note_error (self, error, FALSE);
      g_task_return_error (task, error);
      return;
    }

  _tc_session_set_offline (self, FALSE);
  if (!_tc_session_take_user (self, body, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
tc_session_set_active_workspace_async (TcSession           *self,
                                       TcWorkspace         *workspace,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WORKSPACE (workspace));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_session_set_active_workspace_async);
  g_task_set_task_data (task, g_object_ref (workspace), g_object_unref);

  if (self->local_workspace_choice)
    {
      remember_locally (self, workspace);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  body = object_with_string ("workspaceId", tc_workspace_get_id (workspace));
  tc_api_client_request_async (self->client, "PUT", "/v1/user/active-workspace", body,
                               cancellable, switch_cb, task);
}

gboolean
tc_session_set_active_workspace_finish (TcSession     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return propagate (self, result, tc_session_set_active_workspace_async, error);
}

static void
leave_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  TcSession *self = g_task_get_source_object (task);
  TcWorkspace *workspace = g_object_get_data (G_OBJECT (task), "workspace");
  GError *error = NULL;
  guint position;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, NULL, &error))
    {
      _tc_session_note_error (self, error, FALSE);
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        _tc_session_set_local_workspace_choice (self, TRUE);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_list_store_find (self->workspaces, workspace, &position))
    g_list_store_remove (self->workspaces, position);

  /* The server picked another active workspace. */
  send_user_request (self, task, "GET", "/v1/user", NULL, FALSE);
}

/* What the server would refuse anyway, said before asking it. */
static gboolean
check_can_leave (TcSession    *self,
                 TcWorkspace  *workspace,
                 GError      **error)
{
  if (g_strcmp0 (tc_workspace_get_caller_role (workspace), "OWNER") == 0)
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_VALIDATION,
                           "The owner cannot leave a workspace");
      return FALSE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->workspaces)) < 2)
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_VALIDATION,
                           "The last workspace cannot be left");
      return FALSE;
    }
  return TRUE;
}

void
tc_session_leave_workspace_async (TcSession           *self,
                                  TcWorkspace         *workspace,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WORKSPACE (workspace));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_session_leave_workspace_async);
  if (!check_can_leave (self, workspace, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  path = g_strdup_printf ("/v1/workspaces/%s/leave", tc_workspace_get_id (workspace));
  g_object_set_data_full (G_OBJECT (task), "workspace", g_object_ref (workspace), g_object_unref);
  tc_api_client_request_async (self->client, "POST", path, NULL, cancellable, leave_cb, task);
}

gboolean
tc_session_leave_workspace_finish (TcSession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate (self, result, tc_session_leave_workspace_async, error);
}

/* Requests whose answer a TcSessionAnswerFunc decodes (API keys, webhooks) */

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  TcSessionAnswerFunc answer = g_object_get_data (G_OBJECT (task), "tc-answer");
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      _tc_session_note_error (self, error, FALSE);
      if (g_object_get_data (G_OBJECT (task), "tc-api-keys-route") != NULL &&
          g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        _tc_session_set_can_manage_api_keys (self, FALSE);
      g_task_return_error (task, error);
      return;
    }

  _tc_session_set_offline (self, FALSE);
  if (!answer (self, task, body, &error))
    g_task_return_error (task, error);
}

void
_tc_session_request (TcSession           *self,
                     GTask               *task,
                     const char          *method,
                     const char          *path,
                     JsonNode            *body,
                     TcSessionAnswerFunc  answer)
{
  g_object_set_data (G_OBJECT (task), "tc-answer", answer);
  tc_api_client_request_async (self->client, method, path, body,
                               g_task_get_cancellable (task), request_cb, task);
}

JsonObject *
_tc_session_answer_object (JsonNode  *body,
                           GError   **error)
{
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The answer is not a JSON object");
      return NULL;
    }
  return json_node_get_object (body);
}
