/* tc-account-list.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accounts a person keeps side by side. Each open account has one
 * TcSession in the process, shared by the windows that show it (a second
 * session would open a second connection to the same cache and send the
 * same outbox twice; for the local account, start a second service over
 * the same database). Sessions are held weakly: when no window shows an
 * account any more, its session goes.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tc-account-list.h"
#include "tc-cache.h"
#include "tc-local-account.h"
#include "tc-remote-account.h"

struct _TcAccountList
{
  GObject        parent_instance;

  GSettings     *settings;
  TcSecretStore *secrets;
  GPtrArray     *accounts;  /* of TcAccount */
  GHashTable    *sessions;  /* account key → GWeakRef of TcSession */
  GHashTable    *opening;   /* account key → GPtrArray of GTask waiting */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TcAccountList, tc_account_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  SIGNED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* There is one local account: its user id is learnt while it opens. */
static char *
account_key (TcAccount *account)
{
  if (tc_account_is_local (account))
    return g_strdup (TC_ACCOUNT_SERVER_LOCAL);
  return g_strconcat (tc_account_get_server (account), "\n", tc_account_get_user_id (account), NULL);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static GType
list_get_item_type (GListModel *model)
{
  return TC_TYPE_ACCOUNT;
}

static guint
list_get_n_items (GListModel *model)
{
  return TC_ACCOUNT_LIST (model)->accounts->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TcAccountList *self = TC_ACCOUNT_LIST (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
reload (TcAccountList *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->accounts);

  self->accounts = tc_account_list_load (self->settings);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old ? old->len : 0, self->accounts->len);
}

static void
tc_account_list_dispose (GObject *object)
{
  TcAccountList *self = (TcAccountList *)object;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->sessions, g_hash_table_unref);

  G_OBJECT_CLASS (tc_account_list_parent_class)->dispose (object);
}

static void
tc_account_list_finalize (GObject *object)
{
  TcAccountList *self = (TcAccountList *)object;

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->opening, g_hash_table_unref);

  G_OBJECT_CLASS (tc_account_list_parent_class)->finalize (object);
}

static void
tc_account_list_class_init (TcAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_account_list_dispose;
  object_class->finalize = tc_account_list_finalize;

  /**
   * TcAccountList::signed-out:
   * @account: the account signed out of
   *
   * Emitted before the account's key and cache go: whoever shows it lets
   * its session go and moves on.
   */
  signals[SIGNED_OUT] = g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, TC_TYPE_ACCOUNT);
}

static void
tc_account_list_init (TcAccountList *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) weak_ref_free);
  self->opening = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

TcAccountList *
tc_account_list_new (GSettings     *settings,
                     TcSecretStore *secrets)
{
  TcAccountList *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (TC_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (TC_TYPE_ACCOUNT_LIST, NULL);
  self->settings = g_object_ref (settings);
  self->secrets = g_object_ref (secrets);
  self->accounts = tc_account_list_load (settings);
  g_signal_connect_swapped (settings, "changed::accounts", G_CALLBACK (reload), self);
  g_signal_connect_swapped (settings, "changed::account-emails", G_CALLBACK (reload), self);

  return self;
}

GSettings *
tc_account_list_get_settings (TcAccountList *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT_LIST (self), NULL);
  return self->settings;
}

TcSecretStore *
tc_account_list_get_secret_store (TcAccountList *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT_LIST (self), NULL);
  return self->secrets;
}

TcAccount *
tc_account_list_find (TcAccountList *self,
                      const char    *server,
                      const char    *user_id)
{
  g_return_val_if_fail (TC_IS_ACCOUNT_LIST (self), NULL);
  g_return_val_if_fail (server != NULL && user_id != NULL, NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      TcAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (tc_account_get_server (account), server) &&
          g_str_equal (tc_account_get_user_id (account), user_id))
        return account;
    }

  return NULL;
}

static TcSession *
dup_open_session (TcAccountList *self,
                  const char    *key)
{
  GWeakRef *ref = g_hash_table_lookup (self->sessions, key);

  return ref ? g_weak_ref_get (ref) : NULL;
}

static void
remember_session (TcAccountList *self,
                  const char    *key,
                  TcSession     *session)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, session);
  g_hash_table_replace (self->sessions, g_strdup (key), ref);
}

void
tc_account_list_add_session (TcAccountList *self,
                             TcSession     *session)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_ACCOUNT_LIST (self));
  g_return_if_fail (TC_IS_SESSION (session));

  key = account_key (tc_session_get_account (session));
  remember_session (self, key, session);
}

typedef struct {
  TcAccountList *self;
  char          *key;
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->self);
  g_free (opening->key);
  g_free (opening);
}

/* Hands the session (or the error) to every window that asked. */
static void
opened (Opening   *opening,
        TcSession *session,
        GError    *error)
{
  TcAccountList *self = opening->self;
  g_autoptr(GPtrArray) waiting = NULL;

  g_hash_table_steal_extended (self->opening, opening->key, NULL, (gpointer *) &waiting);
  if (session != NULL && self->sessions != NULL)
    remember_session (self, opening->key, session);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (session != NULL)
        g_task_return_pointer (task, g_object_ref (session), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  g_clear_error (&error);
  opening_free (opening);
}

static void
local_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(TcSession) session = tc_local_account_open_finish (result, &error);

  opened (user_data, session, error);
}

static void
remote_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(TcSession) session = tc_remote_account_open_finish (result, &error);

  opened (user_data, session, error);
}

void
tc_account_list_open_async (TcAccountList       *self,
                            TcAccount           *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autoptr(TcSession) session = NULL;
  GPtrArray *waiting;
  Opening *opening;

  g_return_if_fail (TC_IS_ACCOUNT_LIST (self));
  g_return_if_fail (TC_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_account_list_open_async);

  key = account_key (account);
  session = dup_open_session (self, key);
  if (session != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&session), g_object_unref);
      return;
    }

  waiting = g_hash_table_lookup (self->opening, key);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, g_steal_pointer (&task));
      return;
    }

  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_steal_pointer (&task));
  g_hash_table_insert (self->opening, g_strdup (key), waiting);

  /* Not cancelled with one window: another may be waiting for it too. A
   * window that went away gets G_IO_ERROR_CANCELLED from its own task. */
  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->key = g_steal_pointer (&key);
  if (tc_account_is_local (account))
    tc_local_account_open_async (self->settings, self->secrets, NULL, local_open_cb, opening);
  else
    tc_remote_account_open_async (self->secrets, account, NULL, remote_open_cb, opening);
}

TcSession *
tc_account_list_open_finish (TcAccountList  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_cache_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not delete %s: %s", file, g_strerror (errno));
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_cache_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = g_object_get_data (G_OBJECT (task), "key-error");

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GTask) delete_task = NULL;
  GError *error = NULL;

  /* No key stored (kept in memory, or gone already) is what we wanted. */
  if (!tc_secret_store_clear_finish (TC_SECRET_STORE (object), result, &error) &&
      !g_error_matches (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND))
    g_object_set_data_full (G_OBJECT (task), "key-error", error, (GDestroyNotify) g_error_free);
  else
    g_clear_error (&error);

  delete_task = g_task_new (NULL, NULL, delete_cache_cb, task);
  g_task_set_task_data (delete_task, g_strdup (g_object_get_data (G_OBJECT (task), "cache-path")), g_free);
  g_task_run_in_thread (delete_task, delete_cache_thread);
}

void
tc_account_list_sign_out_async (TcAccountList       *self,
                                TcAccount           *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(TcAccount) hold = NULL;
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (TC_IS_ACCOUNT_LIST (self));
  g_return_if_fail (TC_IS_ACCOUNT (account));

  hold = g_object_ref (account);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_account_list_sign_out_async);
  g_object_set_data_full (G_OBJECT (task), "cache-path",
                          tc_cache_path_for_account (tc_account_get_server (account),
                                                     tc_account_get_user_id (account)),
                          g_free);

  g_signal_emit (self, signals[SIGNED_OUT], 0, account);

  key = account_key (account);
  g_hash_table_remove (self->sessions, key);
  tc_account_forget (account, self->settings);
  /* Not cancellable: once confirmed, the key goes even if the window
   * that asked closes. */
  tc_secret_store_clear_async (self->secrets, tc_account_get_server (account),
                               tc_account_get_user_id (account), NULL, clear_key_cb, task);
}

gboolean
tc_account_list_sign_out_finish (TcAccountList  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
