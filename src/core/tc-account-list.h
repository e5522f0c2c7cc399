/* tc-account-list.h — the remembered accounts, and one session each
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tc-account.h"
#include "tc-secret-store.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_ACCOUNT_LIST (tc_account_list_get_type ())

G_DECLARE_FINAL_TYPE (TcAccountList, tc_account_list, TC, ACCOUNT_LIST, GObject)

/* A GListModel of TcAccount: the accounts in @settings, in their order,
 * kept current when the settings change. */
TcAccountList *tc_account_list_new               (GSettings           *settings,
                                                  TcSecretStore       *secrets);
GSettings     *tc_account_list_get_settings      (TcAccountList       *self);
TcSecretStore *tc_account_list_get_secret_store  (TcAccountList       *self);
/* The account of @server and @user_id in the list, or NULL (transfer none). */
TcAccount     *tc_account_list_find              (TcAccountList       *self,
                                                  const char          *server,
                                                  const char          *user_id);

/* Opens @account (the local account when it is local) with its stored key.
 * Every window showing an account shows the same session: when one is open
 * already, or opening, this gives that one. Two accounts never share one. */
void           tc_account_list_open_async        (TcAccountList       *self,
                                                  TcAccount           *account,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
TcSession     *tc_account_list_open_finish       (TcAccountList       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Makes @session (just signed in elsewhere) the one for its account. */
void           tc_account_list_add_session       (TcAccountList       *self,
                                                  TcSession           *session);

/* Signs out of @account only: emits ::signed-out (for the windows showing
 * it to let go), forgets it in the settings, removes its key from the
 * secret store and deletes its cache. The other accounts stay as they
 * are. Fails when the key could not be removed (the rest is done). */
void           tc_account_list_sign_out_async    (TcAccountList       *self,
                                                  TcAccount           *account,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       tc_account_list_sign_out_finish   (TcAccountList       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
