/* tc-session.c — the session object and its models
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading lives in tc-session-refresh.c; edits and their sync in
 * tc-session-sync.c and tc-session-retry.c; profile and workspace
 * actions in tc-session-actions.c. See README.md for the flows.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-remote-account.h"
#include "tc-session-keys.h"
#include "tc-session-private.h"
#include "tc-session-webhooks.h"

G_DEFINE_FINAL_TYPE (TcSession, tc_session, G_TYPE_OBJECT)

static GParamSpec *properties[TC_SESSION_N_PROPS];
static guint signals[TC_SESSION_N_SIGNALS];

static void
tc_session_dispose (GObject *object)
{
  TcSession *self = (TcSession *)object;

  g_cancellable_cancel (self->cancellable);
  _tc_session_sync_dispose (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->user);
  g_clear_object (&self->active_workspace);
  g_clear_object (&self->workspaces);
  g_clear_object (&self->api_keys);
  g_clear_object (&self->webhooks);
  g_clear_object (&self->cache);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  /* Held objects (the embedded service) go last: nothing uses them after. */
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (tc_session_parent_class)->dispose (object);
}

static void
tc_session_finalize (GObject *object)
{
  TcSession *self = (TcSession *)object;

  g_clear_pointer (&self->active_workspace_name, g_free);
  g_clear_pointer (&self->local_workspace_id, g_free);
  g_clear_pointer (&self->server_settings, json_object_unref);

  G_OBJECT_CLASS (tc_session_parent_class)->finalize (object);
}

static void
tc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TcSession *self = TC_SESSION (object);

  switch ((TcSessionProp) prop_id)
    {
    case TC_SESSION_PROP_ACCOUNT: g_value_set_object (value, self->account); break;
    case TC_SESSION_PROP_CLIENT: g_value_set_object (value, self->client); break;
    case TC_SESSION_PROP_USER: g_value_set_object (value, self->user); break;
    case TC_SESSION_PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    case TC_SESSION_PROP_WORKSPACES: g_value_set_object (value, self->workspaces); break;
    case TC_SESSION_PROP_ACTIVE_WORKSPACE: g_value_set_object (value, self->active_workspace); break;
    case TC_SESSION_PROP_ACTIVE_WORKSPACE_NAME: g_value_set_string (value, self->active_workspace_name); break;
    case TC_SESSION_PROP_KEY_IN_MEMORY: g_value_set_boolean (value, self->key_in_memory); break;
    case TC_SESSION_PROP_OFFLINE: g_value_set_boolean (value, self->offline); break;
    case TC_SESSION_PROP_STALE: g_value_set_boolean (value, self->stale); break;
    case TC_SESSION_PROP_PENDING_EDITS: g_value_set_uint (value, tc_session_get_pending_edits (self)); break;
    case TC_SESSION_PROP_CAN_EDIT_PROFILE: g_value_set_boolean (value, self->can_edit_profile); break;
    case TC_SESSION_PROP_CAN_EDIT_SETTINGS: g_value_set_boolean (value, self->can_edit_settings); break;
    case TC_SESSION_PROP_CAN_MANAGE_API_KEYS: g_value_set_boolean (value, self->can_manage_api_keys); break;
    case TC_SESSION_PROP_LOCAL_WORKSPACE_CHOICE: g_value_set_boolean (value, self->local_workspace_choice); break;
    case TC_SESSION_PROP_0:
    case TC_SESSION_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[TC_SESSION_PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, TC_TYPE_ACCOUNT, flags);
  properties[TC_SESSION_PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, TC_TYPE_API_CLIENT, flags);
  properties[TC_SESSION_PROP_USER] = g_param_spec_object ("user", NULL, NULL, TC_TYPE_USER, flags);
  properties[TC_SESSION_PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, TC_TYPE_USER_SETTINGS, flags);
  properties[TC_SESSION_PROP_WORKSPACES] =
    g_param_spec_object ("workspaces", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[TC_SESSION_PROP_ACTIVE_WORKSPACE] =
    g_param_spec_object ("active-workspace", NULL, NULL, TC_TYPE_WORKSPACE, flags);
  properties[TC_SESSION_PROP_ACTIVE_WORKSPACE_NAME] =
    g_param_spec_string ("active-workspace-name", NULL, NULL, NULL, flags);
  properties[TC_SESSION_PROP_KEY_IN_MEMORY] = g_param_spec_boolean ("key-in-memory", NULL, NULL, FALSE, flags);
  properties[TC_SESSION_PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, flags);
  properties[TC_SESSION_PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, flags);
  properties[TC_SESSION_PROP_PENDING_EDITS] =
    g_param_spec_uint ("pending-edits", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[TC_SESSION_PROP_CAN_EDIT_PROFILE] =
    g_param_spec_boolean ("can-edit-profile", NULL, NULL, TRUE, flags);
  properties[TC_SESSION_PROP_CAN_EDIT_SETTINGS] =
    g_param_spec_boolean ("can-edit-settings", NULL, NULL, TRUE, flags);
  properties[TC_SESSION_PROP_CAN_MANAGE_API_KEYS] =
    g_param_spec_boolean ("can-manage-api-keys", NULL, NULL, TRUE, flags);
  properties[TC_SESSION_PROP_LOCAL_WORKSPACE_CHOICE] =
    g_param_spec_boolean ("local-workspace-choice", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, TC_SESSION_N_PROPS, properties);
}

static void
tc_session_class_init (TcSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_session_dispose;
  object_class->finalize = tc_session_finalize;
  object_class->get_property = tc_session_get_property;

  install_properties (object_class);

  signals[TC_SESSION_SIGNAL_EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_ERROR);
  signals[TC_SESSION_SIGNAL_EDIT_CONFLICT] =
    g_signal_new ("edit-conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_VARIANT, G_TYPE_VARIANT);
  signals[TC_SESSION_SIGNAL_EDIT_RESOLVED] =
    g_signal_new ("edit-resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  TC_TYPE_PENDING_EDIT, G_TYPE_ERROR);
}

static void
tc_session_init (TcSession *self)
{
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->workspaces = g_list_store_new (TC_TYPE_WORKSPACE);
  self->cancellable = g_cancellable_new ();
  self->can_edit_profile = TRUE;
  self->can_edit_settings = TRUE;
  self->can_manage_api_keys = TRUE;
  self->api_keys = g_list_store_new (TC_TYPE_API_KEY);
  self->webhooks = g_list_store_new (TC_TYPE_WEBHOOK);
  _tc_session_sync_init (self);
  _tc_session_role_init (self);
}

TcSession *
tc_session_new (TcAccount   *account,
                TcApiClient *client)
{
  g_autofree char *path = NULL;
  TcSession *self;

  g_return_val_if_fail (TC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TC_IS_API_CLIENT (client), NULL);

  self = g_object_new (TC_TYPE_SESSION, NULL);
  self->account = g_object_ref (account);
  self->client = g_object_ref (client);
  path = tc_cache_path_for_account (tc_account_get_server (account),
                                    tc_account_get_user_id (account));
  self->cache = tc_cache_new (path);
  /* Clockify has none of our workspace routes: the active workspace is
   * chosen on this computer from the start. Other servers are asked. */
  self->local_workspace_choice =
    tc_remote_account_web_page (tc_account_get_server (account)) != NULL;

  return self;
}

void
_tc_session_notify (TcSession     *self,
                    TcSessionProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_tc_session_emit (TcSession       *self,
                  TcSessionSignal  signal,
                  ...)
{
  va_list args;

  va_start (args, signal);
  g_signal_emit_valist (self, signals[signal], 0, args);
  va_end (args);
}

#define DEFINE_FLAG_SETTER(name, PROP)                     \
  void                                                     \
  _tc_session_set_##name (TcSession *self,                 \
                          gboolean   value)                \
  {                                                        \
    value = !!value;                                       \
    if (self->name == (guint) value)                       \
      return;                                              \
    self->name = value;                                    \
    _tc_session_notify (self, TC_SESSION_PROP_##PROP);     \
  }

DEFINE_FLAG_SETTER (offline, OFFLINE)
DEFINE_FLAG_SETTER (stale, STALE)
DEFINE_FLAG_SETTER (can_edit_profile, CAN_EDIT_PROFILE)
DEFINE_FLAG_SETTER (can_edit_settings, CAN_EDIT_SETTINGS)
DEFINE_FLAG_SETTER (can_manage_api_keys, CAN_MANAGE_API_KEYS)
DEFINE_FLAG_SETTER (local_workspace_choice, LOCAL_WORKSPACE_CHOICE)

void
tc_session_set_key_in_memory (TcSession *self,
                              gboolean   key_in_memory)
{
  g_return_if_fail (TC_IS_SESSION (self));

  key_in_memory = !!key_in_memory;
  if (self->key_in_memory == (guint) key_in_memory)
    return;

  self->key_in_memory = key_in_memory;
  _tc_session_notify (self, TC_SESSION_PROP_KEY_IN_MEMORY);
}

void
tc_session_hold (TcSession *self,
                 GObject   *owner)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (owner));

  g_ptr_array_add (self->held, g_object_ref (owner));
}

#define DEFINE_GETTER(type, name, expr, fallback)          \
  type                                                     \
  tc_session_get_##name (TcSession *self)                  \
  {                                                        \
    g_return_val_if_fail (TC_IS_SESSION (self), fallback); \
    return expr;                                           \
  }

DEFINE_GETTER (TcAccount *, account, self->account, NULL)
DEFINE_GETTER (TcApiClient *, client, self->client, NULL)
DEFINE_GETTER (TcUser *, user, self->user, NULL)
DEFINE_GETTER (TcUserSettings *, settings, self->settings, NULL)
DEFINE_GETTER (GListModel *, workspaces, G_LIST_MODEL (self->workspaces), NULL)
DEFINE_GETTER (TcWorkspace *, active_workspace, self->active_workspace, NULL)
DEFINE_GETTER (const char *, active_workspace_name, self->active_workspace_name, NULL)
DEFINE_GETTER (gboolean, offline, self->offline, FALSE)
DEFINE_GETTER (gboolean, stale, self->stale, FALSE)
DEFINE_GETTER (guint, pending_edits, self->pending ? g_list_model_get_n_items (G_LIST_MODEL (self->pending)) : 0, 0)
DEFINE_GETTER (gboolean, can_edit_profile, self->can_edit_profile, TRUE)
DEFINE_GETTER (gboolean, can_edit_settings, self->can_edit_settings, TRUE)
DEFINE_GETTER (gboolean, can_manage_api_keys, self->can_manage_api_keys, TRUE)
DEFINE_GETTER (gboolean, local_workspace_choice, self->local_workspace_choice, FALSE)
DEFINE_GETTER (GListModel *, api_keys, G_LIST_MODEL (self->api_keys), NULL)
DEFINE_GETTER (GListModel *, webhooks, G_LIST_MODEL (self->webhooks), NULL)
DEFINE_GETTER (gboolean, key_in_memory, self->key_in_memory, FALSE)

TcCache *
_tc_session_get_cache (TcSession *self)
{
  return self->cache;
}

void
_tc_session_note_error (TcSession    *self,
                        const GError *error,
                        gboolean      profile_route)
{
  if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NETWORK))
    _tc_session_set_offline (self, TRUE);
  else if (profile_route && g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
    _tc_session_set_can_edit_profile (self, FALSE);
}

static TcWorkspace *find_workspace (TcSession  *self,
                                    const char *id);

void
_tc_session_update_active_workspace (TcSession *self)
{
  TcWorkspace *found = find_workspace (self, self->local_workspace_id);

  if (found == NULL)
    found = find_workspace (self, self->user ? tc_user_get_active_workspace (self->user) : NULL);

  if (found != self->active_workspace)
    {
      g_set_object (&self->active_workspace, found);
      _tc_session_notify (self, TC_SESSION_PROP_ACTIVE_WORKSPACE);
    }

  if (g_strcmp0 (self->active_workspace_name, found ? tc_workspace_get_name (found) : NULL) != 0)
    {
      g_free (self->active_workspace_name);
      self->active_workspace_name = g_strdup (found ? tc_workspace_get_name (found) : NULL);
      _tc_session_notify (self, TC_SESSION_PROP_ACTIVE_WORKSPACE_NAME);
    }
}

static gboolean
take_settings (TcSession   *self,
               JsonObject  *user,
               GError     **error)
{
  JsonObject *settings = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(TcUserSettings) decoded = NULL;
  gboolean created = FALSE;

  if (!_tc_json_get_object (user, "settings", TC_JSON_LENIENT, &settings, error))
    return FALSE;
  if (settings == NULL)
    settings = empty;

  /* Check it all before anything changes. */
  decoded = tc_user_settings_new_from_json (settings, error);
  if (decoded == NULL)
    return FALSE;

  if (self->settings == NULL)
    {
      self->settings = tc_user_settings_new ();
      _tc_session_sync_attach_settings (self);
      created = TRUE;
    }
  _tc_session_sync_server_settings (self, settings);

  if (created)
    _tc_session_notify (self, TC_SESSION_PROP_SETTINGS);
  return TRUE;
}

/* The user, then the settings; the user model changes only when both are
 * valid. */
gboolean
_tc_session_take_user_object (TcSession   *self,
                              JsonObject  *object,
                              GError     **error)
{
  g_autoptr(TcUser) user = tc_user_new_from_json (object, error);

  if (user == NULL)
    return FALSE;

  if (!take_settings (self, object, error))
    return FALSE;

  if (self->user == NULL)
    {
      self->user = g_steal_pointer (&user);
      _tc_session_notify (self, TC_SESSION_PROP_USER);
    }
  /* With the queued own-profile edits laid over. */
  _tc_session_sync_server_user (self, object);

  _tc_session_update_active_workspace (self);
  return TRUE;
}

gboolean
_tc_session_take_user (TcSession  *self,
                       JsonNode   *body,
                       GError    **error)
{
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The user is not a JSON object");
      return FALSE;
    }

  if (!_tc_session_take_user_object (self, json_node_get_object (body), error))
    return FALSE;

  tc_cache_put_async (self->cache, "user", body, NULL, NULL, NULL);
  return TRUE;
}

/* Borrowed. */
static TcWorkspace *
find_workspace (TcSession  *self,
                const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workspaces));

  for (guint i = 0; i < n && id != NULL; i++)
    {
      g_autoptr(TcWorkspace) workspace = g_list_model_get_item (G_LIST_MODEL (self->workspaces), i);

      if (g_strcmp0 (tc_workspace_get_id (workspace), id) == 0)
        return workspace;
    }

  return NULL;
}

gboolean
_tc_session_take_workspaces (TcSession  *self,
                             JsonNode   *body,
                             GError    **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The workspaces are not a JSON list");
      return FALSE;
    }

  list = tc_workspace_list_new_from_json (json_node_get_array (body), error);
  if (list == NULL)
    return FALSE;

  /* Workspaces the list has already keep their object (views are bound
   * to it) and take the new values. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TcWorkspace) fresh = g_list_model_get_item (list, i);
      TcWorkspace *known = find_workspace (self, tc_workspace_get_id (fresh));

      if (known != NULL)
        {
          g_autoptr(JsonObject) json = tc_workspace_to_json (fresh);

          tc_workspace_update_from_json (known, json, NULL);
          g_ptr_array_add (items, g_object_ref (known));
        }
      else
        g_ptr_array_add (items, g_steal_pointer (&fresh));
    }
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->workspaces));
  g_list_store_splice (self->workspaces, 0, n_old, items->pdata, items->len);

  _tc_session_update_active_workspace (self);
  return TRUE;
}
