/* tc-session-role.c — what the signed-in user is in the active workspace
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Neither GET /v1/user nor GET /v1/workspaces says whether the user is an
 * Owner or Admin, so after each refresh (for every workspace: the
 * workspace switcher shows the role in each) and each change of the
 * active workspace the session asks the workspace's user list for the
 * user's own row: GET /v1/workspaces/{ws}/users?email=<own email>
 * &include-roles=true&page-size=50, matched by id (the email filter
 * matches substrings, so other addresses containing ours may come too).
 * The answer goes to the workspace's caller-role. Not learning it is no
 * error for the user: a refusal or an answer without the user's row means
 * "no role"; a network failure keeps what was known.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"

/* Set on a TcWorkspace while its role is being asked for. */
#define ROLE_PENDING_KEY "tc-session-role-pending"

typedef struct
{
  TcWorkspace *workspace;
  char        *user_id;
} RoleFetch;

static void
role_fetch_free (RoleFetch *fetch)
{
  g_object_set_data (G_OBJECT (fetch->workspace), ROLE_PENDING_KEY, NULL);
  g_clear_object (&fetch->workspace);
  g_free (fetch->user_id);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoleFetch, role_fetch_free)

static int
role_rank (const char *role)
{
  static const char * const ranks[] = {
    "PROJECT_MANAGER", "TEAM_MANAGER", "WORKSPACE_ADMIN", "OWNER",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_strcmp0 (role, ranks[i]) == 0)
      return (int) i;
  return -1;
}

/* The highest role of @user, or NULL. */
static const char *
highest_role (JsonObject *user)
{
  JsonNode *roles = json_object_get_member (user, "roles");
  const char *best = NULL;

  if (roles == NULL || !JSON_NODE_HOLDS_ARRAY (roles))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (roles)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (roles), i);
      const char *role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      role = json_object_get_string_member_with_default (json_node_get_object (node), "role", NULL);
      if (role_rank (role) > role_rank (best))
        best = role;
    }

  return best;
}

static const char *
find_role (JsonNode   *body,
           const char *user_id)
{
  JsonArray *users;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    return NULL;

  users = json_node_get_array (body);
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonNode *node = json_array_get_element (users, i);
      JsonObject *user;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      user = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (user, "id", NULL), user_id) == 0)
        return highest_role (user);
    }

  return NULL;
}

static void
users_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RoleFetch) fetch = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    {
      g_debug ("The role in workspace %s is unknown: %s",
               tc_workspace_get_id (fetch->workspace), error->message);
      /* Offline or cancelled: what was known still holds. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NETWORK) ||
          g_error_matches (error, TC_API_ERROR, TC_API_ERROR_SERVER) ||
          g_error_matches (error, TC_API_ERROR, TC_API_ERROR_RATE_LIMITED))
        return;
    }

  tc_workspace_set_caller_role (fetch->workspace, find_role (body, fetch->user_id));
}

static void
role_fetch (TcSession   *self,
            TcWorkspace *workspace)
{
  g_autofree char *email = NULL;
  g_autofree char *path = NULL;
  RoleFetch *fetch;

  if (workspace == NULL || self->user == NULL || tc_user_get_email (self->user) == NULL ||
      g_object_get_data (G_OBJECT (workspace), ROLE_PENDING_KEY) != NULL)
    return;

  email = g_uri_escape_string (tc_user_get_email (self->user), NULL, FALSE);
  path = g_strdup_printf ("/v1/workspaces/%s/users?email=%s&include-roles=true&page-size=50",
                          tc_workspace_get_id (workspace), email);

  fetch = g_new0 (RoleFetch, 1);
  fetch->workspace = g_object_ref (workspace);
  fetch->user_id = g_strdup (tc_user_get_id (self->user));
  g_object_set_data (G_OBJECT (workspace), ROLE_PENDING_KEY, GINT_TO_POINTER (TRUE));

  tc_api_client_request_async (self->client, "GET", path, NULL, self->cancellable,
                               users_cb, fetch);
}

void
_tc_session_role_refresh (TcSession *self)
{
  GListModel *workspaces = G_LIST_MODEL (self->workspaces);

  /* The active one first: the window's pages wait for it. */
  role_fetch (self, self->active_workspace);
  for (guint i = 0; i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(TcWorkspace) workspace = g_list_model_get_item (workspaces, i);

      role_fetch (self, workspace);
    }
}

static void
active_workspace_changed_cb (TcSession *self)
{
  role_fetch (self, self->active_workspace);
}

void
_tc_session_role_init (TcSession *self)
{
  g_signal_connect (self, "notify::active-workspace",
                    G_CALLBACK (active_workspace_changed_cb), NULL);
}
