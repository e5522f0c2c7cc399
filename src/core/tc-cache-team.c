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

/* What a load expects under its key: a list (the team) or an object (the
 * member details); anything else is data this version cannot use. */
typedef struct
{
  JsonNodeType  type;
  const char   *what;   /* for the error: "The cached team is not a list" */
} Expected;

static const Expected team_expected = { JSON_NODE_ARRAY, "The cached team is not a list" };
static const Expected details_expected = { JSON_NODE_OBJECT,
                                           "The cached member details are not an object" };

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const Expected *expected = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = tc_cache_get_finish (TC_CACHE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (node == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (JSON_NODE_TYPE (node) != expected->type)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", expected->what);
  else if (expected->type == JSON_NODE_ARRAY)
    g_task_return_pointer (task, json_array_ref (json_node_get_array (node)),
                           (GDestroyNotify) json_array_unref);
  else
    g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                           (GDestroyNotify) json_object_unref);
}

/* Reads @key for a task tagged @source_tag; the answer is checked against
 * @expected in loaded_cb(). */
static void
load_async (TcCache             *self,
            const char          *key,
            const Expected      *expected,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) expected, NULL);
  tc_cache_get_async (self, key, cancellable, loaded_cb, task);
}

void
_tc_cache_load_team_async (TcCache             *self,
                           const char          *workspace_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  key = team_key (workspace_id);
  load_async (self, key, &team_expected, _tc_cache_load_team_async, cancellable,
              callback, user_data);
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

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (copy, name, json_node_copy (member));
  return copy;
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

  /* The worker writes the node later while the list goes on adding to
   * @details: it gets a copy of its own. json_node_copy() would share the
   * object; the entries themselves are replaced, never changed. */
  json_node_take_object (node, copy_object (details));
  key = details_key (workspace_id);
  tc_cache_put_async (self, key, node, NULL, details_stored_cb, NULL);
}

void
_tc_cache_load_member_details_async (TcCache             *self,
                                     const char          *workspace_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  key = details_key (workspace_id);
  load_async (self, key, &details_expected, _tc_cache_load_member_details_async, cancellable,
              callback, user_data);
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
