/* tc-secret-store.h — API keys in the user's secret store
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TC_SECRET_ERROR (tc_secret_error_quark ())

typedef enum {
  TC_SECRET_ERROR_UNAVAILABLE, /* no secret service, or it is locked */
  TC_SECRET_ERROR_NOT_FOUND,   /* no key stored for this account */
  TC_SECRET_ERROR_FAILED,      /* the secret service failed otherwise */
} TcSecretError;

GQuark tc_secret_error_quark (void);

#define TC_TYPE_SECRET_STORE (tc_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (TcSecretStore, tc_secret_store, TC, SECRET_STORE, GObject)

TcSecretStore *tc_secret_store_new              (void);
/* When TRUE, keys live in this object's memory only, for this session,
 * and the secret service is not used at all. */
void           tc_secret_store_set_memory_only  (TcSecretStore       *self,
                                                 gboolean             memory_only);
gboolean       tc_secret_store_get_memory_only  (TcSecretStore       *self);

/* Keeps @api_key for @server and @user in memory, for this session only
 * (when the secret service refused it); lookups find it first. */
void           tc_secret_store_keep_in_memory   (TcSecretStore       *self,
                                                 const char          *server,
                                                 const char          *user,
                                                 const char          *api_key);
/* Whether the key of @server and @user is one kept in memory. */
gboolean       tc_secret_store_is_in_memory     (TcSecretStore       *self,
                                                 const char          *server,
                                                 const char          *user);

void           tc_secret_store_store_async      (TcSecretStore       *self,
                                                 const char          *server,
                                                 const char          *user,
                                                 const char          *api_key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       tc_secret_store_store_finish     (TcSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void           tc_secret_store_lookup_async     (TcSecretStore       *self,
                                                 const char          *server,
                                                 const char          *user,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* Returns the key (free it with tc_secret_store_free_key()). */
char          *tc_secret_store_lookup_finish    (TcSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void           tc_secret_store_clear_async      (TcSecretStore       *self,
                                                 const char          *server,
                                                 const char          *user,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       tc_secret_store_clear_finish     (TcSecretStore       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Wipes and frees a key. */
void           tc_secret_store_free_key         (char                *api_key);

G_END_DECLS
