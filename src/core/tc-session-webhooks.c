/* tc-session-webhooks.c — webhooks of the active workspace
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Direct requests with a result for the caller, like tc-session-actions.c.
 * Fields are validated with the shared wire rules before a request is
 * made. Auth tokens stay in the TcWebhook objects: never cached or logged.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-session-webhooks.h"

/* "/v1/workspaces/{ws}/webhooks[/{id}][suffix]"; NULL (and @error) without
 * an active workspace. */
static char *
webhooks_path (TcSession   *self,
               TcWebhook   *webhook,
               const char  *suffix,
               GError     **error)
{
  const char *workspace_id = NULL;

  if (webhook != NULL)
    workspace_id = tc_webhook_get_workspace_id (webhook);
  else if (self->active_workspace != NULL)
    workspace_id = tc_workspace_get_id (self->active_workspace);
  if (workspace_id == NULL)
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_NOT_FOUND, "No active workspace");
      return NULL;
    }
  if (webhook == NULL)
    return g_strdup_printf ("/v1/workspaces/%s/webhooks", workspace_id);
  return g_strdup_printf ("/v1/workspaces/%s/webhooks/%s%s", workspace_id,
                          tc_webhook_get_id (webhook), suffix ? suffix : "");
}

/* Sends the request of @task, or returns its error at once. */
static void
send (TcSession           *self,
      GTask               *task,
      TcWebhook           *webhook,
      const char          *method,
      const char          *suffix,
      JsonNode            *body,
      TcSessionAnswerFunc  answer)
{
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (webhook != NULL)
    g_task_set_task_data (task, g_object_ref (webhook), g_object_unref);
  path = webhooks_path (self, webhook, suffix, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  _tc_session_request (self, task, method, path, body, answer);
}

/* List */

static gboolean
list_answer (TcSession  *self,
             GTask      *task,
             JsonNode   *body,
             GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);
  g_autoptr(GListModel) hooks = NULL;
  guint count = 0;

  if (object == NULL ||
      (hooks = tc_webhook_list_new_from_json (object, &count, error)) == NULL)
    return FALSE;

  g_list_store_remove_all (self->webhooks);
  for (guint i = 0; i < g_list_model_get_n_items (hooks); i++)
    {
      g_autoptr(TcWebhook) hook = g_list_model_get_item (hooks, i);

      g_list_store_append (self->webhooks, hook);
    }
  g_object_set_data (G_OBJECT (task), "tc-count", GUINT_TO_POINTER (count));
  g_task_return_pointer (task, g_object_ref (self->webhooks), g_object_unref);
  return TRUE;
}

void
tc_session_load_webhooks_async (TcSession           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));

  send (self,
        _tc_session_new_task (self, tc_session_load_webhooks_async, cancellable, callback,
                              user_data),
        NULL, "GET", NULL, NULL, list_answer);
}

GListModel *
tc_session_load_webhooks_finish (TcSession     *self,
                                 GAsyncResult  *result,
                                 guint         *out_workspace_count,
                                 GError       **error)
{
  GListModel *list;

  if (!_tc_session_check_result (self, result, tc_session_load_webhooks_async))
    return NULL;
  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list != NULL && out_workspace_count != NULL)
    *out_workspace_count = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "tc-count"));
  return list;
}

/* Create, update, delete, token */

static gboolean
create_answer (TcSession  *self,
               GTask      *task,
               JsonNode   *body,
               GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);
  g_autoptr(TcWebhook) hook = NULL;

  if (object == NULL || (hook = tc_webhook_new_from_json (object, error)) == NULL)
    return FALSE;
  g_list_store_append (self->webhooks, hook);
  g_task_return_pointer (task, g_steal_pointer (&hook), g_object_unref);
  return TRUE;
}

/* The answer is the webhook as stored: update, token. */
static gboolean
update_answer (TcSession  *self,
               GTask      *task,
               JsonNode   *body,
               GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);

  if (object == NULL || !tc_webhook_update_from_json (g_task_get_task_data (task), object, error))
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

  if (g_list_store_find (self->webhooks, g_task_get_task_data (task), &position))
    g_list_store_remove (self->webhooks, position);
  g_task_return_boolean (task, TRUE);
  return TRUE;
}

void
tc_session_create_webhook_async (TcSession             *self,
                                 const TcWebhookFields *fields,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (fields != NULL);

  if (!tc_webhook_fields_validate (fields, &error))
    {
      g_task_report_error (self, callback, user_data, tc_session_create_webhook_async, error);
      return;
    }
  body = tc_webhook_fields_to_json (fields);
  send (self,
        _tc_session_new_task (self, tc_session_create_webhook_async, cancellable, callback,
                              user_data),
        NULL, "POST", NULL, body, create_answer);
}

TcWebhook *
tc_session_create_webhook_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_create_webhook_async))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tc_session_update_webhook_async (TcSession             *self,
                                 TcWebhook             *webhook,
                                 const TcWebhookFields *fields,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));
  g_return_if_fail (fields != NULL);

  if (!tc_webhook_fields_validate (fields, &error))
    {
      g_task_report_error (self, callback, user_data, tc_session_update_webhook_async, error);
      return;
    }
  body = tc_webhook_fields_to_json (fields);
  send (self,
        _tc_session_new_task (self, tc_session_update_webhook_async, cancellable, callback,
                              user_data),
        webhook, "PUT", NULL, body, update_answer);
}

gboolean
tc_session_update_webhook_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_update_webhook_async))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_session_delete_webhook_async (TcSession           *self,
                                 TcWebhook           *webhook,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));

  send (self,
        _tc_session_new_task (self, tc_session_delete_webhook_async, cancellable, callback,
                              user_data),
        webhook, "DELETE", NULL, NULL, delete_answer);
}

gboolean
tc_session_delete_webhook_finish (TcSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_delete_webhook_async))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_session_regenerate_webhook_token_async (TcSession           *self,
                                           TcWebhook           *webhook,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));

  send (self,
        _tc_session_new_task (self, tc_session_regenerate_webhook_token_async, cancellable,
                              callback, user_data),
        webhook, "PATCH", "/token", NULL, update_answer);
}

gboolean
tc_session_regenerate_webhook_token_finish (TcSession     *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_regenerate_webhook_token_async))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deliveries */

static gboolean
logs_answer (TcSession  *self,
             GTask      *task,
             JsonNode   *body,
             GError    **error)
{
  GListModel *logs;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The delivery log is not a JSON array");
      return FALSE;
    }
  logs = tc_webhook_log_list_new_from_json (json_node_get_array (body), error);
  if (logs == NULL)
    return FALSE;
  g_task_return_pointer (task, logs, g_object_unref);
  return TRUE;
}

static gboolean
test_answer (TcSession  *self,
             GTask      *task,
             JsonNode   *body,
             GError    **error)
{
  JsonObject *object = _tc_session_answer_object (body, error);
  TcWebhookLog *log;

  if (object == NULL || (log = tc_webhook_log_new_from_json (object, error)) == NULL)
    return FALSE;
  g_task_return_pointer (task, log, g_object_unref);
  return TRUE;
}

static JsonNode *
logs_body (const char *status)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", status ? status : "ALL");
  json_object_set_boolean_member (object, "sortByNewest", TRUE);
  json_node_take_object (node, object);
  return node;
}

void
tc_session_load_webhook_logs_async (TcSession           *self,
                                    TcWebhook           *webhook,
                                    const char          *status,
                                    guint                page,
                                    guint                page_size,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));
  g_return_if_fail (page >= 1 && page_size >= 1);

  body = logs_body (status);
  query = g_strdup_printf ("/logs?page=%u&size=%u", page, page_size);
  send (self,
        _tc_session_new_task (self, tc_session_load_webhook_logs_async, cancellable, callback,
                              user_data),
        webhook, "POST", query, body, logs_answer);
}

GListModel *
tc_session_load_webhook_logs_finish (TcSession     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_load_webhook_logs_async))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tc_session_test_webhook_async (TcSession           *self,
                               TcWebhook           *webhook,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));

  send (self,
        _tc_session_new_task (self, tc_session_test_webhook_async, cancellable, callback,
                              user_data),
        webhook, "POST", "/test", NULL, test_answer);
}

TcWebhookLog *
tc_session_test_webhook_finish (TcSession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  if (!_tc_session_check_result (self, result, tc_session_test_webhook_async))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
