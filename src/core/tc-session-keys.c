/* tc-session-keys.c — the user's API keys (ext /v1/user/api-keys)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Direct requests with a result for the caller, like tc-session-actions.c.
 * The secret of a new key lives only in the TcApiKey handed to the caller;
 * it is never cached, logged, or put in the session's list.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-keys.h"
#include "tc-session-private.h"
#include "tc-wire.h"

#define API_KEYS_PATH "/v1/user/api-keys"

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name != NULL && tc_wire_validate_name (name))
    return TRUE;
  g_set_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION,
               "name: must be 1 to %d characters, not blank, "
               "without control characters or line breaks",
               TC_WIRE_API_KEY_NAME_MAX_CHARS);
  return FALSE;
}

static JsonNode *
name_body (const char *name)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_node_take_object (node, object);
  return node;
}

/* A key route: UNSUPPORTED turns can-manage-api-keys FALSE. */
static GTask *
new_task (TcSession           *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = _tc_session_new_task (self, source_tag, cancellable, callback, user_data);

  g_object_set_data (G_OBJECT (task), "tc-api-keys-route", GINT_TO_POINTER (TRUE));
  return task;
}

/* List */

static gboolean
list_answer (TcSession  *self,
             GTask      *task,
             JsonNode   *body,
             GError    **error)
{
  g_autoptr(GListModel) keys = NULL;
  g_autofree gpointer *items = NULL;
  guint n;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The API key list is not a JSON array");
      return FALSE;
    }
  keys = tc_api_key_list_new_from_json (json_node_get_array (body), error);
  if (keys == NULL)
    return FALSE;

  n = g_list_model_get_n_items (keys);
  items = g_new0 (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (keys, i);
  g_list_store_splice (self->api_keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->api_keys)),
                       items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);

  _tc_session_set_can_manage_api_keys (self, TRUE);
  g_task_return_pointer (task, g_object_ref (self->api_keys), g_object_unref);
  return TRUE;
}

void
tc_session_load_api_keys_async (TcSession           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));

  _tc_session_request (self, new_task (self, tc_session_load_api_keys_async, cancellable,
                                       callback, user_data),
                       "GET", API_KEYS_PATH, NULL, list_answer);
}

GListModel *
tc_session_load_api_keys_finish (TcSession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_load_api_keys_async))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Create */

static gboolean
create_answer (TcSession  *self,
               GTask      *task,
               JsonNode   *body,
               GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);
  g_autoptr(TcApiKey) key = NULL;
  g_autoptr(TcApiKey) listed = NULL;

  if (object == NULL || (key = tc_api_key_new_from_json (object, error)) == NULL)
    return FALSE;

  /* The list's copy never holds the secret. */
  listed = tc_api_key_new_from_json (object, NULL);
  tc_api_key_clear_key (listed);
  g_list_store_append (self->api_keys, listed);

  g_task_return_pointer (task, g_steal_pointer (&key), g_object_unref);
  return TRUE;
}

void
tc_session_create_api_key_async (TcSession           *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (TC_IS_SESSION (self));

  if (!check_name (name, &error))
    {
      g_task_report_error (self, callback, user_data, tc_session_create_api_key_async, error);
      return;
    }
  body = name_body (name);
  _tc_session_request (self, new_task (self, tc_session_create_api_key_async, cancellable,
                                       callback, user_data),
                       "POST", API_KEYS_PATH, body, create_answer);
}

TcApiKey *
tc_session_create_api_key_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_create_api_key_async))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Rename, delete */

static gboolean
rename_answer (TcSession  *self,
               GTask      *task,
               JsonNode   *body,
               GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);
  TcApiKey *key = g_task_get_task_data (task);

  if (object == NULL || !tc_api_key_update_from_json (key, object, error))
    return FALSE;
  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static gboolean
delete_answer (TcSession  *self,
               GTask      *task,
               JsonNode   *body,
               GError    **error)
{
  guint position;

  if (g_list_store_find (self->api_keys, g_task_get_task_data (task), &position))
    g_list_store_remove (self->api_keys, position);
  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void
send_for_key (TcSession           *self,
              TcApiKey            *key,
              const char          *method,
              JsonNode            *body,
              TcSessionAnswerFunc  answer,
              GTask               *task)
{
  g_autofree char *path = g_strdup_printf (API_KEYS_PATH "/%s", tc_api_key_get_id (key));

  g_task_set_task_data (task, g_object_ref (key), g_object_unref);
  _tc_session_request (self, task, method, path, body, answer);
}

void
tc_session_rename_api_key_async (TcSession           *self,
                                 TcApiKey            *key,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_API_KEY (key));

  if (!check_name (name, &error))
    {
      g_task_report_error (self, callback, user_data, tc_session_rename_api_key_async, error);
      return;
    }
  body = name_body (name);
  send_for_key (self, key, "PATCH", body, rename_answer,
                new_task (self, tc_session_rename_api_key_async, cancellable, callback, user_data));
}

gboolean
tc_session_rename_api_key_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_rename_api_key_async))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_session_delete_api_key_async (TcSession           *self,
                                 TcApiKey            *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_API_KEY (key));

  send_for_key (self, key, "DELETE", NULL, delete_answer,
                new_task (self, tc_session_delete_api_key_async, cancellable, callback, user_data));
}

gboolean
tc_session_delete_api_key_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_delete_api_key_async))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}
