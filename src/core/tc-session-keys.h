/* tc-session-keys.h — the user's API keys (ext /v1/user/api-keys)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's "can-manage-api-keys" property (bool, read-only, notified
 * on change) starts TRUE and turns FALSE when the server answers these
 * routes with TC_API_ERROR_UNSUPPORTED (Clockify manages keys only in its
 * web app): show "Manage keys on the web" instead.
 *
 * Names are checked locally (tc_wire_validate_name) before anything is
 * sent: TC_API_ERROR_VALIDATION, "name: …".
 */

#pragma once

#include "tc-api-key.h"
#include "tc-session.h"

G_BEGIN_DECLS

gboolean    tc_session_get_can_manage_api_keys (TcSession           *self);
/* The keys as last loaded: a GListModel of TcApiKey, the same object for
 * the session's life. Never holds a secret. */
GListModel *tc_session_get_api_keys            (TcSession           *self);

/* GET /v1/user/api-keys into tc_session_get_api_keys(). */
void        tc_session_load_api_keys_async     (TcSession           *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns a new reference to tc_session_get_api_keys(). */
GListModel *tc_session_load_api_keys_finish    (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* POST /v1/user/api-keys {name}. The returned key is the only object that
 * carries the secret (tc_api_key_get_key()): show it once, then drop the
 * object or call tc_api_key_clear_key(). The list gets a copy without it. */
void        tc_session_create_api_key_async    (TcSession           *self,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TcApiKey   *tc_session_create_api_key_finish   (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* PATCH /v1/user/api-keys/{id} {name}; @key takes the stored name. */
void        tc_session_rename_api_key_async    (TcSession           *self,
                                                TcApiKey            *key,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    tc_session_rename_api_key_finish   (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* DELETE /v1/user/api-keys/{id}; @key leaves the list. */
void        tc_session_delete_api_key_async    (TcSession           *self,
                                                TcApiKey            *key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    tc_session_delete_api_key_finish   (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
