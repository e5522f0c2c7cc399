/* tc-session.h — one signed-in account: its client and its models
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tc-account.h"
#include "tc-api-client.h"
#include "tc-user.h"

G_BEGIN_DECLS

#define TC_TYPE_SESSION (tc_session_get_type ())

G_DECLARE_FINAL_TYPE (TcSession, tc_session, TC, SESSION, GObject)

TcSession   *tc_session_new               (TcAccount           *account,
                                           TcApiClient         *client);
TcAccount   *tc_session_get_account       (TcSession           *self);
TcApiClient *tc_session_get_client        (TcSession           *self);
/* NULL until the first successful refresh. */
TcUser      *tc_session_get_user          (TcSession           *self);
/* TRUE when the API key could not go to the secret store and is kept in
 * memory for this session only. */
const char  *tc_session_get_active_workspace_name (TcSession *self);
gboolean     tc_session_get_key_in_memory (TcSession           *self);
void         tc_session_set_key_in_memory (TcSession           *self,
                                           gboolean             key_in_memory);
/* Keeps @owner (e.g. the embedded service) alive as long as the session. */
void         tc_session_hold              (TcSession           *self,
                                           GObject             *owner);

void         tc_session_refresh_async     (TcSession           *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     tc_session_refresh_finish    (TcSession           *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* PATCH /v1/user {name}. On success the user model carries the stored
 * name; on failure it is unchanged and the error has the server's reason. */
void         tc_session_set_name_async    (TcSession           *self,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     tc_session_set_name_finish   (TcSession           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
