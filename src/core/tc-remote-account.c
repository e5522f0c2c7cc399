/* tc-remote-account.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing in: client for the URL (HTTPS, or HTTP to loopback only) →
 * GET /v1/user with the key, to learn that it works and whose it is →
 * session for that account → refresh → store the key → remember the
 * account. Opening a remembered account: key from the store → session →
 * refresh (from the cache when the server is down).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tc-api-error.h"
#include "tc-remote-account.h"

typedef struct
{
  GSettings     *settings;
  TcSecretStore *secrets;
  TcApiClient   *client;
  TcSession     *session;
  char          *api_key;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_clear_object (&data->settings);
  g_clear_object (&data->secrets);
  g_clear_object (&data->client);
  g_clear_object (&data->session);
  g_clear_pointer (&data->api_key, tc_secret_store_free_key);
  g_free (data);
}

G_DEFINE_QUARK (tc-remote-account-error-quark, tc_remote_account_error)

/* Takes @error (what the client said) into a TC_REMOTE_ACCOUNT_ERROR. */
static GError *
incompatible (GError            *error,
              TcRemoteAccountError code)
{
  GError *mapped = g_error_new_literal (TC_REMOTE_ACCOUNT_ERROR, code, error->message);

  g_error_free (error);
  return mapped;
}

static const char * const known_servers[] = {
  "https://api.clockify.me/api", N_("Clockify"),
  "https://euc1.clockify.me/api", N_("Clockify, Europe (Germany)"),
  "https://use2.clockify.me/api", N_("Clockify, United States"),
  "https://euw2.clockify.me/api", N_("Clockify, United Kingdom"),
  "https://apse2.clockify.me/api", N_("Clockify, Australia"),
  "https://developer.clockify.me/api", N_("Clockify developer sandbox"),
  NULL
};

const char * const *
tc_remote_account_known_servers (void)
{
  return known_servers;
}

const char *
tc_remote_account_web_page (const char *server_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (server_url == NULL)
    return NULL;

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  if (host == NULL)
    return NULL;

  if (g_str_equal (host, "developer.clockify.me"))
    return "https://developer.clockify.me/user/settings";
  if (g_str_equal (host, "clockify.me") || g_str_has_suffix (host, ".clockify.me"))
    return "https://app.clockify.me/user/settings";

  return NULL;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tc_secret_store_store_finish (TC_SECRET_STORE (object), result, &error))
    {
      if (g_task_return_error_if_cancelled (task))
        return;

      /* No usable secret store: keep the key for this session only. */
      g_debug ("Keeping the API key in memory: %s", error->message);
      tc_secret_store_keep_in_memory (data->secrets,
                                      tc_account_get_server (tc_session_get_account (data->session)),
                                      tc_account_get_user_id (tc_session_get_account (data->session)),
                                      data->api_key);
      tc_session_set_key_in_memory (data->session, TRUE);
    }

  tc_account_save_as_last (tc_session_get_account (data->session), data->settings);
  g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
}

static void
sign_in_refresh_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  TcAccount *account = tc_session_get_account (data->session);
  GError *error = NULL;

  if (!tc_session_refresh_finish (TC_SESSION (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tc_secret_store_store_async (data->secrets, tc_account_get_server (account),
                               tc_account_get_user_id (account), data->api_key,
                               g_task_get_cancellable (task), store_cb,
                               g_object_ref (task));
}

static void
who_am_i_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(TcUser) user = NULL;
  g_autoptr(TcAccount) account = NULL;
  GError *error = NULL;

  if (!tc_api_client_request_finish (data->client, result, &body, &error))
    {
      /* An answer that is not JSON, or no /v1/user at all: something
       * answers at this address, but not a Clockify-compatible API. */
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE))
        error = incompatible (error, TC_REMOTE_ACCOUNT_ERROR_NOT_JSON);
      else if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NOT_FOUND) ||
               g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        error = incompatible (error, TC_REMOTE_ACCOUNT_ERROR_NO_USER_ROUTE);
      g_task_return_error (task, error);
      return;
    }

  if (body == NULL)
    {
      g_task_return_new_error (task, TC_REMOTE_ACCOUNT_ERROR, TC_REMOTE_ACCOUNT_ERROR_NOT_JSON,
                               "GET /v1/user answered with an empty body");
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      g_task_return_new_error (task, TC_REMOTE_ACCOUNT_ERROR, TC_REMOTE_ACCOUNT_ERROR_NO_USER_ID,
                               "GET /v1/user is not a JSON object");
      return;
    }

  user = tc_user_new_from_json (json_node_get_object (body), &error);
  if (user == NULL || tc_user_get_id (user) == NULL || tc_user_get_id (user)[0] == '\0')
    {
      if (error == NULL)
        error = g_error_new_literal (TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE, "id: missing");
      g_task_return_error (task, incompatible (error, TC_REMOTE_ACCOUNT_ERROR_NO_USER_ID));
      return;
    }

  account = tc_account_new (tc_api_client_get_base_url (data->client),
                            tc_user_get_id (user), tc_user_get_display_name (user));
  tc_account_set_email (account, tc_user_get_email (user));
  data->session = tc_session_new (account, data->client);
  tc_session_refresh_async (data->session, g_task_get_cancellable (task),
                            sign_in_refresh_cb, g_object_ref (task));
}

void
tc_remote_account_sign_in_async (GSettings           *settings,
                                 TcSecretStore       *secrets,
                                 const char          *server_url,
                                 const char          *api_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignInData *data;
  GError *error = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (TC_IS_SECRET_STORE (secrets));
  g_return_if_fail (server_url != NULL && api_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_remote_account_sign_in_async);
  data = g_new0 (SignInData, 1);
  data->settings = g_object_ref (settings);
  data->secrets = g_object_ref (secrets);
  data->api_key = g_strstrip (g_strdup (api_key));
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  if (data->api_key[0] == '\0')
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED,
                               "No API key was given");
      return;
    }

  data->client = tc_api_client_new (server_url, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  tc_api_client_set_api_key (data->client, data->api_key);
  tc_api_client_request_async (data->client, "GET", "/v1/user", NULL, cancellable,
                               who_am_i_cb, g_steal_pointer (&task));
}

TcSession *
tc_remote_account_sign_in_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
open_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcSession *session = TC_SESSION (object);
  GError *error = NULL;

  if (!tc_session_refresh_finish (session, result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (session), g_object_unref);
}

static void
open_lookup_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcAccount *account = g_task_get_task_data (task);
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcSession) session = NULL;
  char *api_key;
  GError *error = NULL;

  api_key = tc_secret_store_lookup_finish (TC_SECRET_STORE (object), result, &error);
  if (api_key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  client = tc_api_client_new (tc_account_get_server (account), &error);
  if (client == NULL)
    {
      tc_secret_store_free_key (api_key);
      g_task_return_error (task, error);
      return;
    }
  tc_api_client_set_api_key (client, api_key);
  tc_secret_store_free_key (api_key);

  session = tc_session_new (account, client);
  tc_session_set_key_in_memory (session,
                                tc_secret_store_get_memory_only (TC_SECRET_STORE (object)) ||
                                tc_secret_store_is_in_memory (TC_SECRET_STORE (object),
                                                              tc_account_get_server (account),
                                                              tc_account_get_user_id (account)));
  tc_session_refresh_async (session, g_task_get_cancellable (task),
                            open_refresh_cb, g_object_ref (task));
}

void
tc_remote_account_open_async (TcSecretStore       *secrets,
                              TcAccount           *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TC_IS_SECRET_STORE (secrets));
  g_return_if_fail (TC_IS_ACCOUNT (account));
  g_return_if_fail (!tc_account_is_local (account));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_remote_account_open_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  tc_secret_store_lookup_async (secrets, tc_account_get_server (account),
                                tc_account_get_user_id (account), cancellable,
                                open_lookup_cb, task);
}

TcSession *
tc_remote_account_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
