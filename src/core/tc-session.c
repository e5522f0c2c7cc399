/* tc-session.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session.h"

struct _TcSession
{
  GObject      parent_instance;

  TcAccount   *account;
  TcApiClient *client;
  TcUser      *user;
  GPtrArray   *held;
  char        *active_workspace_name;
  guint        key_in_memory : 1;
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_CLIENT,
  PROP_USER,
  PROP_KEY_IN_MEMORY,
  PROP_ACTIVE_WORKSPACE_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TcSession, tc_session, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tc_session_dispose (GObject *object)
{
  TcSession *self = (TcSession *)object;

  g_clear_object (&self->user);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  /* Held objects (the embedded service) go last: nothing uses them after. */
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (tc_session_parent_class)->dispose (object);
}

static void
tc_session_finalize (GObject *object)
{
  TcSession *self = (TcSession *)object;

  g_clear_pointer (&self->active_workspace_name, g_free);

  G_OBJECT_CLASS (tc_session_parent_class)->finalize (object);
}

static void
tc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TcSession *self = TC_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    case PROP_KEY_IN_MEMORY:
      g_value_set_boolean (value, self->key_in_memory);
      break;
    case PROP_ACTIVE_WORKSPACE_NAME:
      g_value_set_string (value, self->active_workspace_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_session_class_init (TcSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tc_session_dispose;
  object_class->finalize = tc_session_finalize;
  object_class->get_property = tc_session_get_property;

  properties[PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, TC_TYPE_ACCOUNT, flags);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, TC_TYPE_API_CLIENT, flags);
  properties[PROP_USER] = g_param_spec_object ("user", NULL, NULL, TC_TYPE_USER, flags);
  properties[PROP_KEY_IN_MEMORY] = g_param_spec_boolean ("key-in-memory", NULL, NULL, FALSE, flags);
  properties[PROP_ACTIVE_WORKSPACE_NAME] =
    g_param_spec_string ("active-workspace-name", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_session_init (TcSession *self)
{
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

TcSession *
tc_session_new (TcAccount   *account,
                TcApiClient *client)
{
  TcSession *self;

  g_return_val_if_fail (TC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TC_IS_API_CLIENT (client), NULL);

  self = g_object_new (TC_TYPE_SESSION, NULL);
  self->account = g_object_ref (account);
  self->client = g_object_ref (client);

  return self;
}

TcAccount *
tc_session_get_account (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  return self->account;
}

TcApiClient *
tc_session_get_client (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  return self->client;
}

TcUser *
tc_session_get_user (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  return self->user;
}

gboolean
tc_session_get_key_in_memory (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), FALSE);
  return self->key_in_memory;
}

void
tc_session_set_key_in_memory (TcSession *self,
                              gboolean   key_in_memory)
{
  g_return_if_fail (TC_IS_SESSION (self));

  key_in_memory = !!key_in_memory;
  if (self->key_in_memory == key_in_memory)
    return;

  self->key_in_memory = key_in_memory;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_IN_MEMORY]);
}

void
tc_session_hold (TcSession *self,
                 GObject   *owner)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (owner));

  g_ptr_array_add (self->held, g_object_ref (owner));
}

/* Takes a user answer from the server into the model. */
static gboolean
take_user (TcSession  *self,
           JsonNode   *body,
           GError    **error)
{
  JsonObject *object;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The user is not a JSON object");
      return FALSE;
    }

  object = json_node_get_object (body);
  if (self->user != NULL)
    return tc_user_update_from_json (self->user, object, error);

  self->user = tc_user_new_from_json (object, error);
  if (self->user == NULL)
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  return TRUE;
}

static void
user_request_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error) ||
      !take_user (self, body, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

const char *
tc_session_get_active_workspace_name (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  return self->active_workspace_name;
}

static void
set_active_workspace_name (TcSession  *self,
                           const char *name)
{
  if (g_strcmp0 (self->active_workspace_name, name) == 0)
    return;

  g_free (self->active_workspace_name);
  self->active_workspace_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_WORKSPACE_NAME]);
}

static const char *
find_workspace_name (JsonNode   *body,
                     const char *workspace_id)
{
  JsonArray *array;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body) || workspace_id == NULL)
    return NULL;

  array = json_node_get_array (body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *workspace;
      const char *id, *name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      workspace = json_node_get_object (element);
      id = json_object_get_string_member_with_default (workspace, "id", NULL);
      name = json_object_get_string_member_with_default (workspace, "name", NULL);
      if (g_strcmp0 (id, workspace_id) == 0)
        return name;
    }

  return NULL;
}

static void
workspaces_request_cb (GObject      *object,
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
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  set_active_workspace_name (self, find_workspace_name (body, tc_user_get_active_workspace (self->user)));
  g_task_return_boolean (task, TRUE);
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

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error) ||
      !take_user (self, body, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  tc_api_client_request_async (self->client, "GET", "/v1/workspaces", NULL,
                               g_task_get_cancellable (task), workspaces_request_cb, task);
}

void
tc_session_refresh_async (TcSession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_session_refresh_async);
  tc_api_client_request_async (self->client, "GET", "/v1/user", NULL,
                               cancellable, refresh_user_cb, task);
}

gboolean
tc_session_refresh_finish (TcSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_session_set_name_async (TcSession           *self,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_session_set_name_async);
  tc_api_client_request_async (self->client, "PATCH", "/v1/user", body,
                               cancellable, user_request_cb, task);
}

gboolean
tc_session_set_name_finish (TcSession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
