/* tc-secret-store.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are stored with libsecret's simple API under the schema
 * io.github.timecard.Timecard.ApiKey with the attributes "server" and "user".
 * Nothing here ever logs a key.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "tc-secret-store.h"

struct _TcSecretStore
{
  GObject     parent_instance;

  /* "server\nuser" → key, used when memory_only is set. */
  GHashTable *memory;
  guint       memory_only : 1;
};

G_DEFINE_FINAL_TYPE (TcSecretStore, tc_secret_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (tc-secret-error-quark, tc_secret_error)

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.timecard.Timecard.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

void
tc_secret_store_free_key (char *api_key)
{
  if (api_key == NULL)
    return;

  memset (api_key, 0, strlen (api_key));
  g_free (api_key);
}

static void
tc_secret_store_finalize (GObject *object)
{
  TcSecretStore *self = (TcSecretStore *)object;

  g_clear_pointer (&self->memory, g_hash_table_unref);

  G_OBJECT_CLASS (tc_secret_store_parent_class)->finalize (object);
}

static void
tc_secret_store_class_init (TcSecretStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tc_secret_store_finalize;
}

static void
tc_secret_store_init (TcSecretStore *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) tc_secret_store_free_key);
}

TcSecretStore *
tc_secret_store_new (void)
{
  return g_object_new (TC_TYPE_SECRET_STORE, NULL);
}

void
tc_secret_store_set_memory_only (TcSecretStore *self,
                                 gboolean       memory_only)
{
  g_return_if_fail (TC_IS_SECRET_STORE (self));

  self->memory_only = !!memory_only;
}

gboolean
tc_secret_store_get_memory_only (TcSecretStore *self)
{
  g_return_val_if_fail (TC_IS_SECRET_STORE (self), FALSE);

  return self->memory_only;
}

static char *
memory_key (const char *server,
            const char *user)
{
  return g_strconcat (server, "\n", user, NULL);
}

void
tc_secret_store_keep_in_memory (TcSecretStore *self,
                                const char    *server,
                                const char    *user,
                                const char    *api_key)
{
  g_return_if_fail (TC_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL && user != NULL && api_key != NULL);

  g_hash_table_replace (self->memory, memory_key (server, user), g_strdup (api_key));
}

gboolean
tc_secret_store_is_in_memory (TcSecretStore *self,
                              const char    *server,
                              const char    *user)
{
  g_autofree char *mkey = NULL;

  g_return_val_if_fail (TC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL && user != NULL, FALSE);

  mkey = memory_key (server, user);
  return g_hash_table_contains (self->memory, mkey);
}

/* A secret service that is missing, not activatable or locked is a normal
 * state the UI explains; anything else is a plain failure. */
static GError *
map_error (GError *error)
{
  GError *mapped;
  int code = TC_SECRET_ERROR_FAILED;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (error->domain == G_DBUS_ERROR ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    code = TC_SECRET_ERROR_UNAVAILABLE;

  mapped = g_error_new_literal (TC_SECRET_ERROR, code, error->message);
  g_error_free (error);
  return mapped;
}

/* libsecret's calls, one after the other, on one worker thread: the
 * application's main loop is not needed for them to go on (it looks the
 * last account's key up while GTK starts), and libsecret's file backend
 * must not be used from two threads at once. libsecret's sync calls run
 * a main context of their own. */
typedef enum
{
  OP_LOOKUP,
  OP_STORE,
  OP_CLEAR,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *server;
  char   *user;
  char   *label;
  char   *api_key;
} Op;

static void
op_free (Op *op)
{
  g_free (op->server);
  g_free (op->user);
  g_free (op->label);
  tc_secret_store_free_key (op->api_key);
  g_free (op);
}

static void
run_op (gpointer data,
        gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  char *key;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (op->kind)
    {
    case OP_LOOKUP:
      key = secret_password_lookup_sync (api_key_schema (), cancellable, &error,
                                         "server", op->server, "user", op->user, NULL);
      if (error != NULL)
        g_task_return_error (task, map_error (error));
      else if (key == NULL)
        g_task_return_new_error (task, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND,
                                 "No API key is stored for this account");
      else
        {
          g_task_return_pointer (task, g_strdup (key), (GDestroyNotify) tc_secret_store_free_key);
          secret_password_free (key);
        }
      break;

    case OP_STORE:
      if (!secret_password_store_sync (api_key_schema (), SECRET_COLLECTION_DEFAULT, op->label,
                                       op->api_key, cancellable, &error,
                                       "server", op->server, "user", op->user, NULL))
        g_task_return_error (task, map_error (error));
      else
        g_task_return_boolean (task, TRUE);
      break;

    case OP_CLEAR:
      secret_password_clear_sync (api_key_schema (), cancellable, &error,
                                  "server", op->server, "user", op->user, NULL);
      if (error != NULL)
        g_task_return_error (task, map_error (error));
      else
        g_task_return_boolean (task, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Takes @task and @op. */
static void
queue_op (GTask *task,
          Op    *op)
{
  static GThreadPool *pool;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      pool = g_thread_pool_new (run_op, NULL, 1, FALSE, NULL);
      g_once_init_leave (&made, 1);
    }

  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_thread_pool_push (pool, task, NULL);
}

void
tc_secret_store_store_async (TcSecretStore       *self,
                             const char          *server,
                             const char          *user,
                             const char          *api_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (TC_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL && user != NULL && api_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_secret_store_store_async);

  if (self->memory_only)
    {
      g_hash_table_replace (self->memory, memory_key (server, user), g_strdup (api_key));
      g_task_return_boolean (task, TRUE);
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = OP_STORE;
  op->server = g_strdup (server);
  op->user = g_strdup (user);
  op->api_key = g_strdup (api_key);
  /* Translators: the label of the API key in the system's password manager;
   * %s is the server, e.g. "api.clockify.me". */
  op->label = g_strdup_printf (_("Timecard API key for %s"), server);
  queue_op (g_steal_pointer (&task), op);
}

gboolean
tc_secret_store_store_finish (TcSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tc_secret_store_lookup_async (TcSecretStore       *self,
                              const char          *server,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *mkey = NULL;
  const char *key;
  Op *op;

  g_return_if_fail (TC_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL && user != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_secret_store_lookup_async);

  /* A key kept in memory (the secret service refused it) comes first:
   * the other accounts' keys are still in the secret service. */
  mkey = memory_key (server, user);
  key = g_hash_table_lookup (self->memory, mkey);
  if (key != NULL)
    {
      g_task_return_pointer (task, g_strdup (key), (GDestroyNotify) tc_secret_store_free_key);
      return;
    }
  if (self->memory_only)
    {
      g_task_return_new_error (task, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND,
                               "No API key is kept for this account");
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = OP_LOOKUP;
  op->server = g_strdup (server);
  op->user = g_strdup (user);
  queue_op (g_steal_pointer (&task), op);
}

char *
tc_secret_store_lookup_finish (TcSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tc_secret_store_clear_async (TcSecretStore       *self,
                             const char          *server,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *mkey = NULL;
  Op *op;

  g_return_if_fail (TC_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL && user != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_secret_store_clear_async);

  /* A key kept in memory was never in the secret service. */
  mkey = memory_key (server, user);
  if (g_hash_table_remove (self->memory, mkey) || self->memory_only)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = OP_CLEAR;
  op->server = g_strdup (server);
  op->user = g_strdup (user);
  queue_op (g_steal_pointer (&task), op);
}

gboolean
tc_secret_store_clear_finish (TcSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
