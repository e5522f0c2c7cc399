/* tc-service-runner.c — a TcService on a thread of its own
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thread owns the TcService, its GMainContext and its loop; nothing
 * else touches the service. The caller's thread gets answers through GTask,
 * which calls back in the caller's thread-default context.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "tc-service.h"
#include "tc-service-runner.h"

struct _TcServiceRunner
{
  GObject       parent_instance;

  char         *db_path;
  char         *maildir;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  TcService    *service;      /* only used on the runner thread */

  GMutex        mutex;        /* guards the fields below */
  char         *base_url;
  char         *owner_id;
  char         *new_api_key;
};

typedef struct
{
  char *owner_name;
  char *owner_email;
} StartData;

G_DEFINE_FINAL_TYPE (TcServiceRunner, tc_service_runner, G_TYPE_OBJECT)

static void
start_data_free (StartData *data)
{
  g_free (data->owner_name);
  g_free (data->owner_email);
  g_free (data);
}

static void
tc_service_runner_dispose (GObject *object)
{
  tc_service_runner_stop (TC_SERVICE_RUNNER (object));

  G_OBJECT_CLASS (tc_service_runner_parent_class)->dispose (object);
}

static void
tc_service_runner_finalize (GObject *object)
{
  TcServiceRunner *self = TC_SERVICE_RUNNER (object);

  g_free (self->db_path);
  g_free (self->maildir);
  g_free (self->base_url);
  g_free (self->owner_id);
  if (self->new_api_key != NULL)
    memset (self->new_api_key, 0, strlen (self->new_api_key));
  g_free (self->new_api_key);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tc_service_runner_parent_class)->finalize (object);
}

static void
tc_service_runner_class_init (TcServiceRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_service_runner_dispose;
  object_class->finalize = tc_service_runner_finalize;
}

static void
tc_service_runner_init (TcServiceRunner *self)
{
  g_mutex_init (&self->mutex);
}

TcServiceRunner *
tc_service_runner_new (const char *db_path,
                       const char *maildir)
{
  TcServiceRunner *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (TC_TYPE_SERVICE_RUNNER, NULL);
  self->db_path = g_strdup (db_path);
  self->maildir = g_strdup (maildir);
  return self;
}

/* On the runner thread. */
static gboolean
open_service (TcServiceRunner  *self,
              StartData        *data,
              GError          **error)
{
  g_autofree char *user_id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *dir = g_path_get_dirname (self->db_path);

  /* Made here, not by the caller on a thread of its own: the start goes
   * on with no hop through the caller's main loop, which may be busy
   * (the application starts the local account while GTK starts). */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not create “%s”: %s", dir, g_strerror (errsv));
      return FALSE;
    }

  self->service = tc_service_new (self->db_path, error);
  if (self->service == NULL)
    return FALSE;
  tc_service_set_maildir (self->service, self->maildir);
  if (!tc_service_listen (self->service, 0, error) ||
      !tc_service_bootstrap_owner (self->service, data->owner_name, data->owner_email,
                                   &user_id, &key, error))
    return FALSE;

  g_mutex_lock (&self->mutex);
  self->base_url = tc_service_dup_base_url (self->service);
  self->owner_id = g_steal_pointer (&user_id);
  self->new_api_key = g_steal_pointer (&key);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

static gpointer
thread_func (gpointer user_data)
{
  GTask *task = user_data;
  TcServiceRunner *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = open_service (self, g_task_get_task_data (task), &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);

  if (ok)
    g_main_loop_run (self->loop);

  if (self->service != NULL)
    tc_service_shutdown (self->service);
  g_clear_object (&self->service);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

void
tc_service_runner_start_async (TcServiceRunner     *self,
                               const char          *owner_name,
                               const char          *owner_email,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StartData *data;

  g_return_if_fail (TC_IS_SERVICE_RUNNER (self));
  g_return_if_fail (owner_name != NULL && owner_email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_service_runner_start_async);
  if (self->thread != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The service has been started already");
      return;
    }

  data = g_new0 (StartData, 1);
  data->owner_name = g_strdup (owner_name);
  data->owner_email = g_strdup (owner_email);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("timecard-service", thread_func, g_steal_pointer (&task));
}

gboolean
tc_service_runner_start_finish (TcServiceRunner  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
tc_service_runner_get_base_url (TcServiceRunner *self)
{
  g_return_val_if_fail (TC_IS_SERVICE_RUNNER (self), NULL);

  return self->base_url;
}

const char *
tc_service_runner_get_owner_id (TcServiceRunner *self)
{
  g_return_val_if_fail (TC_IS_SERVICE_RUNNER (self), NULL);

  return self->owner_id;
}

char *
tc_service_runner_dup_new_api_key (TcServiceRunner *self)
{
  char *key;

  g_return_val_if_fail (TC_IS_SERVICE_RUNNER (self), NULL);

  g_mutex_lock (&self->mutex);
  key = g_strdup (self->new_api_key);
  g_mutex_unlock (&self->mutex);
  return key;
}

/* On the runner thread. */
static gboolean
issue_key_cb (gpointer user_data)
{
  GTask *task = user_data;
  TcServiceRunner *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *key = NULL;

  if (self->service != NULL && self->owner_id != NULL)
    key = tc_service_issue_api_key (self->service, self->owner_id, "Timecard", &error);
  else
    g_set_error (&error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                 "The service is not running");

  if (key != NULL)
    g_task_return_pointer (task, key, g_free);
  else
    g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

void
tc_service_runner_issue_key_async (TcServiceRunner     *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TC_IS_SERVICE_RUNNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_service_runner_issue_key_async);
  if (self->context == NULL)
    {
      g_task_return_new_error (task, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                               "The service is not running");
      g_object_unref (task);
      return;
    }
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, issue_key_cb,
                              task, g_object_unref);
}

char *
tc_service_runner_issue_key_finish (TcServiceRunner  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
tc_service_runner_stop (TcServiceRunner *self)
{
  g_return_if_fail (TC_IS_SERVICE_RUNNER (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}
