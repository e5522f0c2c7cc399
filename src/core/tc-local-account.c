/* tc-local-account.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow: make the data directory (worker thread) → start the service
 * runner → take the new key (first run) or look the stored one up → when
 * the store lost it, have the service issue a fresh one → store it → load
 * the user over HTTP → remember the account. Every step is async.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

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

  if (!tc_session_refresh_finish (session, result, &error))
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

  tc_session_refresh_async (data->session, g_task_get_cancellable (task),
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

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->api_key = tc_secret_store_lookup_finish (TC_SECRET_STORE (object), result, &error);
  if (data->api_key != NULL)
    {
      data->key_in_memory = tc_secret_store_is_in_memory (data->secrets, TC_ACCOUNT_SERVER_LOCAL,
                                                          tc_service_runner_get_owner_id (data->runner));
      load_user (task);
      return;
    }

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
runner_start_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tc_service_runner_start_finish (TC_SERVICE_RUNNER (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->api_key = tc_service_runner_dup_new_api_key (data->runner);
  if (data->api_key != NULL)
    store_key (task);
  else
    tc_secret_store_lookup_async (data->secrets, TC_ACCOUNT_SERVER_LOCAL,
                                  tc_service_runner_get_owner_id (data->runner),
                                  g_task_get_cancellable (task), lookup_cb, task);
}

static void
make_data_dir_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OpenData *data = task_data;

  if (g_mkdir_with_parents (data->data_dir, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               "Could not create “%s”: %s", data->data_dir, g_strerror (errsv));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
make_data_dir_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autofree char *db_path = NULL;
  g_autofree char *maildir = NULL;
  const char *real_name = g_get_real_name ();
  g_autofree char *email = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  db_path = g_build_filename (data->data_dir, "local-service.db", NULL);
  maildir = g_build_filename (data->data_dir, "mail", NULL);
  data->runner = tc_service_runner_new (db_path, maildir);

  if (real_name == NULL || g_str_equal (real_name, "Unknown") || real_name[0] == '\0')
    real_name = g_get_user_name ();
  email = g_strdup_printf ("%s@localhost.localdomain", g_get_user_name ());

  tc_service_runner_start_async (data->runner, real_name, email,
                                 g_task_get_cancellable (task), runner_start_cb, task);
}

void
tc_local_account_open_async (GSettings           *settings,
                             TcSecretStore       *secrets,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) mkdir_task = NULL;
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

  mkdir_task = g_task_new (NULL, cancellable, make_data_dir_cb, task);
  g_task_set_task_data (mkdir_task, data, NULL);
  g_task_run_in_thread (mkdir_task, make_data_dir_thread);
}

TcSession *
tc_local_account_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
