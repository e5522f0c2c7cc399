/* tc-cache-team.c — a workspace's team in the cache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin layer over tc_cache_put_async()/tc_cache_get_async(): the same
 * worker, the same order, so a store is committed before a later load.
 * Also the member details the Team page read (tc-member-list-details.c).
 */

#include "config.h"

#include "tc-cache-private.h"

static char *
team_key (const char *workspace_id)
{
  return g_strconcat ("team:", workspace_id, NULL);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (tc_cache_put_finish (TC_CACHE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_tc_cache_store_team_async (TcCache             *self,
                            const char          *workspace_id,
                            JsonArray           *members,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);
  g_return_if_fail (members != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _tc_cache_store_team_async);
  json_node_set_array (node, members);
  key = team_key (workspace_id);
  tc_cache_put_async (self, key, node, cancellable, stored_cb, task);
}

gboolean
_tc_cache_store_team_finish (TcCache       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _tc_cache_store_team_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = tc_cache_get_finish (TC_CACHE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (node == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "The cached team is not a list");
  else
    g_task_return_pointer (task, json_array_ref (json_node_get_array (node)),
                           (GDestroyNotify) json_array_unref);
}

void
_tc_cache_load_team_async (TcCache             *self,
                           const char          *workspace_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _tc_cache_load_team_async);
  key = team_key (workspace_id);
  tc_cache_get_async (self, key, cancellable, loaded_cb, task);
}

JsonArray *
_tc_cache_load_team_finish (TcCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _tc_cache_load_team_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Member details */

static char *
details_key (const char *workspace_id)
{
  return g_strconcat ("member-details:", workspace_id, NULL);
}

static void
details_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tc_cache_put_finish (TC_CACHE (object), result, &error))
    g_debug ("Could not cache the member details: %s", error->message);
}

void
_tc_cache_store_member_details_async (TcCache    *self,
                                      const char *workspace_id,
                                      JsonObject *details)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);
  g_return_if_fail (details != NULL);

  json_node_set_object (node, details);
  key = details_key (workspace_id);
  /* tc_cache_put_async() copies the node: @details may change meanwhile. */
  tc_cache_put_async (self, key, node, NULL, details_stored_cb, NULL);
}

static void
details_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = tc_cache_get_finish (TC_CACHE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (node == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "The cached member details are not an object");
  else
    g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                           (GDestroyNotify) json_object_unref);
}

void
_tc_cache_load_member_details_async (TcCache             *self,
                                     const char          *workspace_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _tc_cache_load_member_details_async);
  key = details_key (workspace_id);
  tc_cache_get_async (self, key, cancellable, details_loaded_cb, task);
}

JsonObject *
_tc_cache_load_member_details_finish (TcCache       *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _tc_cache_load_member_details_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
