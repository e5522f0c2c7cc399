/* tc-session-refresh.c — loading the session: cache first, then the server
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split from tc-session.c; README.md describes the flow and its failures.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-session-private.h"

/* Refresh: cache (first time) → GET /v1/user → GET /v1/workspaces → flush.
 * Load: the same, but done once the cache shows a user; the rest of the
 * refresh then goes on as a retry's (tc-session-retry.c). */

static void refresh_fetch_user (GTask *task);

static gboolean
refresh_failed (GTask  *task,
                GError *error)
{
  TcSession *self = g_task_get_source_object (task);

  _tc_session_note_error (self, error, FALSE);
  if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NETWORK))
    {
      _tc_session_sync_schedule_retry (self);
      /* The cache has something to show: that is a success, offline. */
      if (self->user != NULL)
        {
          g_debug ("Showing cached data: %s", error->message);
          g_error_free (error);
          g_task_return_boolean (task, TRUE);
          return TRUE;
        }
    }

  g_task_return_error (task, error);
  return FALSE;
}

static void
cached_choice_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = tc_cache_get_finish (TC_CACHE (object), result, NULL);

  _tc_session_take_workspace_choice (self, node);
  self->cache_loaded = TRUE;

  /* A load with a user to show is done: the server is asked after, as a
   * retry would (a failure sets offline and tries again later). */
  if (g_task_get_source_tag (task) == tc_session_load_async && self->user != NULL)
    {
      g_task_return_boolean (task, TRUE);
      _tc_session_retry_refresh (self);
      return;
    }

  refresh_fetch_user (g_steal_pointer (&task));
}

static void
cached_workspaces_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = tc_cache_get_finish (TC_CACHE (object), result, NULL);

  if (node != NULL)
    _tc_session_take_workspaces (self, node, NULL);
  /* Chosen on this computer when the server cannot keep the choice. */
  tc_cache_get_async (self->cache, "workspace-choice", g_task_get_cancellable (task),
                      cached_choice_cb, task);
}

static void
cached_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = tc_cache_get_finish (TC_CACHE (object), result, &error);
  if (error != NULL)
    g_debug ("The cache could not be read: %s", error->message);

  if (node != NULL && self->user == NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      self->applying_cache = TRUE;
      if (_tc_session_take_user_object (self, json_node_get_object (node), NULL))
        _tc_session_set_stale (self, TRUE);
      self->applying_cache = FALSE;
    }

  tc_cache_get_async (self->cache, "workspaces", g_task_get_cancellable (task),
                      cached_workspaces_cb, task);
}

static void
cached_outbox_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = tc_cache_outbox_list_finish (TC_CACHE (object), result, &error);
  if (entries != NULL)
    _tc_session_sync_take_outbox (self, entries);
  else
    g_debug ("The outbox could not be read: %s", error->message);

  tc_cache_get_async (self->cache, "user", g_task_get_cancellable (task), cached_user_cb, task);
}

static void
refresh_workspaces_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      /* A server without workspaces still has a user to show. */
      if (!g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        {
          refresh_failed (task, error);
          return;
        }
      g_clear_error (&error);
    }
  else if (!_tc_session_take_workspaces (self, body, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  else
    tc_cache_put_async (self->cache, "workspaces", body, NULL, NULL, NULL);

  _tc_session_set_offline (self, FALSE);
  _tc_session_set_stale (self, FALSE);
  g_task_return_boolean (task, TRUE);
  _tc_session_role_refresh (self);
  /* An edit sent since the user was asked for (its answer lost, say) may
   * have reached the server after it answered: ask again before sending. */
  _tc_session_sync_flush (self, self->send_serial != GPOINTER_TO_UINT (g_task_get_task_data (task)));
}

static void
refresh_user_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      refresh_failed (task, error);
      g_object_unref (task);
      return;
    }

  if (!_tc_session_take_user (self, body, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  tc_api_client_request_async (self->client, "GET", "/v1/workspaces", NULL,
                               g_task_get_cancellable (task), refresh_workspaces_cb, task);
}

static void
refresh_fetch_user (GTask *task)
{
  TcSession *self = g_task_get_source_object (task);

  g_task_set_task_data (task, GUINT_TO_POINTER (self->send_serial), NULL);
  tc_api_client_request_async (self->client, "GET", "/v1/user", NULL,
                               g_task_get_cancellable (task), refresh_user_cb, task);
}

static void
refresh_start (TcSession           *self,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!self->cache_loaded)
    tc_cache_outbox_list_async (self->cache, cancellable, cached_outbox_cb, task);
  else
    refresh_fetch_user (task);
}

void
tc_session_refresh_async (TcSession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));

  refresh_start (self, tc_session_refresh_async, cancellable, callback, user_data);
}

gboolean
tc_session_refresh_finish (TcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_session_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_session_load_async (TcSession           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (TC_IS_SESSION (self));

  refresh_start (self, tc_session_load_async, cancellable, callback, user_data);
}

gboolean
tc_session_load_finish (TcSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_session_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
