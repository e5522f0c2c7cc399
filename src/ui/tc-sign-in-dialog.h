/* tc-sign-in-dialog.h — sign in to Clockify or a compatible server
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-secret-store.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_SIGN_IN_DIALOG (tc_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcSignInDialog, tc_sign_in_dialog, TC, SIGN_IN_DIALOG, AdwWindow)

/* Emits "signed-in" (TcSession *session) and closes when the key works. */
TcSignInDialog *tc_sign_in_dialog_new        (GtkWindow      *parent,
                                              GSettings      *settings,
                                              TcSecretStore  *secrets);
/* Preselects @server_url (a known server, or "other" with its address). */
void            tc_sign_in_dialog_set_server (TcSignInDialog *self,
                                              const char     *server_url);

G_END_DECLS
