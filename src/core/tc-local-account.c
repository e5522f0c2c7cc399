/* tc-local-account.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow: start the service runner (its thread makes the data
 * directory, opens the database) and, at the same time, look up the key of
 * the local account remembered last → take the new key (first run) or the
 * one looked up (for another owner than the remembered one, look again) →
 * when the store lost it, have the service issue a fresh one → store it →
 * load the user (from the cache when it has one, the server is asked
 * after; over HTTP on a first start) → remember the account. Every step is async; the
 * first two go on on threads of their own, so an open started before the
 * caller's main loop runs (the application starts it before GTK) is ready
 * by the time it does.
 */

#include "config.h"

#include "tc-local-account.h"
#include "tc-service-runner.h"

typedef struct
{
  GSettings       *settings;
  TcSecretStore   *secrets;
  TcServiceRunner *runner;
  TcSession       *session;
  char            *data_dir;
  char            *api_key;
  gboolean         key_in_memory;

  /* While the runner starts. */
  gboolean         starting;
  GError          *start_error;
  /* The key of the remembered local account, looked up meanwhile. */
  char            *early_user;
  gboolean         early_lookup_pending;
  char            *early_key;
  GError          *early_error;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->settings);
  g_clear_object (&data->secrets);
  g_clear_object (&data->runner);
  g_clear_object (&data->session);
  g_clear_pointer (&data->data_dir, g_free);
  g_clear_pointer (&data->api_key, tc_secret_store_free_key);
  g_clear_error (&data->start_error);
  g_clear_pointer (&data->early_user, g_free);
  g_clear_pointer (&data->early_key, tc_secret_store_free_key);
  g_clear_error (&data->early_error);
  g_free (data);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  TcSession *session = TC_SESSION (object);
  g_autoptr(TcAccount) account = NULL;
  GError *error = NULL;

  if (!tc_session_load_finish (session, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  account = tc_account_new (TC_ACCOUNT_SERVER_LOCAL,
                            tc_user_get_id (tc_session_get_user (session)),
                            tc_user_get_display_name (tc_session_get_user (session)));
  tc_account_set_email (account, tc_user_get_email (tc_session_get_user (session)));
  tc_account_save_as_last (account, data->settings);

  g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
}

static void
load_user (GTask *task)
{
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcAccount) account = NULL;
  GError *error = NULL;

  client = tc_api_client_new (tc_service_runner_get_base_url (data->runner), &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  tc_api_client_set_api_key (client, data->api_key);

  account = tc_account_new (TC_ACCOUNT_SERVER_LOCAL,
                            tc_service_runner_get_owner_id (data->runner), NULL);
  data->session = tc_session_new (account, client);
  tc_session_set_key_in_memory (data->session, data->key_in_memory);
  tc_session_hold (data->session, G_OBJECT (data->runner));

  /* With a cached user (every start but the first) this is done once the
   * cache is read, and the server is asked right after (issue 13: the
   * first frame waits for no request). */
  tc_session_load_async (data->session, g_task_get_cancellable (task),
                         refresh_cb, task);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tc_secret_store_store_finish (TC_SECRET_STORE (object), result, &error))
    {
      /* A keyring prompt the user dismissed also reports "cancelled": only
       * our own cancellable stops the open. */
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }

      /* No usable secret store: the key lives in memory for this session,
       * and the embedded service issues a new one next time. */
      g_debug ("Keeping the local API key in memory: %s", error->message);
      data->key_in_memory = TRUE;
      tc_secret_store_keep_in_memory (data->secrets, TC_ACCOUNT_SERVER_LOCAL,
                                      tc_service_runner_get_owner_id (data->runner),
                                      data->api_key);
    }

  load_user (task);
}

static void
store_key (GTask *task)
{
  OpenData *data = g_task_get_task_data (task);

  tc_secret_store_store_async (data->secrets, TC_ACCOUNT_SERVER_LOCAL,
                               tc_service_runner_get_owner_id (data->runner),
                               data->api_key, g_task_get_cancellable (task),
                               store_cb, task);
}

static void
issue_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->api_key = tc_service_runner_issue_key_finish (TC_SERVICE_RUNNER (object), result, &error);
  if (data->api_key == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  store_key (task);
}

/* Takes @key (or @error: no key). */
static void
got_key (GTask  *task,
         char   *key,
         GError *error)
{
  OpenData *data = g_task_get_task_data (task);

  data->api_key = key;
  if (data->api_key != NULL)
    {
      data->key_in_memory = tc_secret_store_is_in_memory (data->secrets, TC_ACCOUNT_SERVER_LOCAL,
                                                          tc_service_runner_get_owner_id (data->runner));
      load_user (task);
      return;
    }

  g_clear_error (&error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* The key is gone (store cleared or unavailable): the service is ours,
   * so it can issue a new one for the owner. */
  tc_service_runner_issue_key_async (data->runner, g_task_get_cancellable (task),
                                     issue_key_cb, task);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError *error = NULL;
  char *key = tc_secret_store_lookup_finish (TC_SECRET_STORE (object), result, &error);

  got_key (user_data, key, error);
}

/* The runner has started and the early lookup (if any) is over. */
static void
started (GTask *task)
{
  OpenData *data = g_task_get_task_data (task);
  const char *owner_id;

  if (data->start_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->start_error));
      g_object_unref (task);
      return;
    }

  data->api_key = tc_service_runner_dup_new_api_key (data->runner);
  if (data->api_key != NULL)
    {
      store_key (task);
      return;
    }

  owner_id = tc_service_runner_get_owner_id (data->runner);
  if (data->early_user != NULL && g_strcmp0 (data->early_user, owner_id) == 0)
    {
      got_key (task, g_steal_pointer (&data->early_key), g_steal_pointer (&data->early_error));
      return;
    }

  tc_secret_store_lookup_async (data->secrets, TC_ACCOUNT_SERVER_LOCAL, owner_id,
                                g_task_get_cancellable (task), lookup_cb, task);
}

static void
early_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);

  data->early_key = tc_secret_store_lookup_finish (TC_SECRET_STORE (object), result,
                                                   &data->early_error);
  data->early_lookup_pending = FALSE;
  /* Each of the two steps holds a reference; the last one goes on. */
  if (data->starting)
    g_object_unref (task);
  else
    started (task);
}

static void
runner_start_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);

  tc_service_runner_start_finish (TC_SERVICE_RUNNER (object), result, &data->start_error);
  data->starting = FALSE;
  if (data->early_lookup_pending)
    g_object_unref (task);
  else
    started (task);
}

void
tc_local_account_open_async (GSettings           *settings,
                             TcSecretStore       *secrets,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(TcAccount) last = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *maildir = NULL;
  g_autofree char *email = NULL;
  const char *real_name = g_get_real_name ();
  GTask *task;
  OpenData *data;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (TC_IS_SECRET_STORE (secrets));

  data = g_new0 (OpenData, 1);
  data->settings = g_object_ref (settings);
  data->secrets = g_object_ref (secrets);
  data->data_dir = g_build_filename (g_get_user_data_dir (), "timecard", NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_local_account_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  data->starting = TRUE;
  /* The owner the service had last time, most likely the one it has. */
  last = tc_account_load_last (settings);
  if (last != NULL && tc_account_is_local (last) && tc_account_get_user_id (last)[0] != '\0')
    {
      data->early_user = g_strdup (tc_account_get_user_id (last));
      data->early_lookup_pending = TRUE;
      tc_secret_store_lookup_async (secrets, TC_ACCOUNT_SERVER_LOCAL, data->early_user,
                                    cancellable, early_lookup_cb, g_object_ref (task));
    }

  db_path = g_build_filename (data->data_dir, "local-service.db", NULL);
  maildir = g_build_filename (data->data_dir, "mail", NULL);
  data->runner = tc_service_runner_new (db_path, maildir);

  if (real_name == NULL || g_str_equal (real_name, "Unknown") || real_name[0] == '\0')
    real_name = g_get_user_name ();
  email = g_strdup_printf ("%s@localhost.localdomain", g_get_user_name ());

  tc_service_runner_start_async (data->runner, real_name, email, cancellable,
                                 runner_start_cb, task);
}

TcSession *
tc_local_account_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
