/* tc-remote-account.h — accounts on Clockify or another compatible server
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tc-secret-store.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_REMOTE_ACCOUNT_ERROR (tc_remote_account_error_quark ())

/* Signing in reached a server that is not Clockify-compatible. */
typedef enum {
  TC_REMOTE_ACCOUNT_ERROR_NOT_JSON,       /* GET /v1/user is not JSON (a web page…) */
  TC_REMOTE_ACCOUNT_ERROR_NO_USER_ID,     /* JSON, but no user with an `id` */
  TC_REMOTE_ACCOUNT_ERROR_NO_USER_ROUTE,  /* no /v1/user at this address (404/405) */
} TcRemoteAccountError;

GQuark tc_remote_account_error_quark (void);

/* The servers a person can pick from; NULL-terminated pairs of a URL and a
 * name marked for translation, ending with the developer sandbox. */
const char * const *tc_remote_account_known_servers (void);
/* The web page where the person manages the account of @server_url, or
 * NULL when none is known. */
const char         *tc_remote_account_web_page      (const char *server_url);

/* Signs in with @api_key: checks it with GET /v1/user, then keeps it in
 * @secrets (in memory when no secret service is available: the session's
 * key-in-memory is then TRUE), remembers the account in @settings and loads
 * the session. Nothing is stored when the key does not work. */
void       tc_remote_account_sign_in_async  (GSettings           *settings,
                                             TcSecretStore       *secrets,
                                             const char          *server_url,
                                             const char          *api_key,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TcSession *tc_remote_account_sign_in_finish (GAsyncResult        *result,
                                             GError             **error);

/* Opens a remembered account with the key in @secrets. Fails with
 * TC_SECRET_ERROR_NOT_FOUND when the key is gone (sign in again). With the
 * server down it opens from the cache (the session is then stale). */
void       tc_remote_account_open_async     (TcSecretStore       *secrets,
                                             TcAccount           *account,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TcSession *tc_remote_account_open_finish    (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
