/* tc-account.h — a server plus a user, never a secret
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The server of the account served by the embedded timecard-service. Its
 * loopback port changes between runs, so the account names it instead. */
#define TC_ACCOUNT_SERVER_LOCAL "local"

#define TC_TYPE_ACCOUNT (tc_account_get_type ())

G_DECLARE_FINAL_TYPE (TcAccount, tc_account, TC, ACCOUNT, GObject)

TcAccount  *tc_account_new              (const char *server,
                                         const char *user_id,
                                         const char *display_name);
const char *tc_account_get_server       (TcAccount  *self);
const char *tc_account_get_user_id      (TcAccount  *self);
const char *tc_account_get_display_name (TcAccount  *self);
/* The email the account had when last opened; "" when unknown. */
const char *tc_account_get_email        (TcAccount  *self);
void        tc_account_set_email        (TcAccount  *self,
                                         const char *email);
gboolean    tc_account_is_local         (TcAccount  *self);
/* Same server and user (names and emails aside). */
gboolean    tc_account_equal            (TcAccount  *self,
                                         TcAccount  *other);
/* What a person calls the server, translated: "Local", "Clockify",
 * "Clockify EU", "Developer Sandbox", or the host (with its port when it
 * is not the scheme's). */
char       *tc_account_dup_server_label (TcAccount  *self);
/* The same for a server URL (or TC_ACCOUNT_SERVER_LOCAL). */
char       *tc_account_dup_server_label_for (const char *server);

/* Accounts are kept in GSettings ("accounts", "account-emails",
 * "last-account"). */
GPtrArray  *tc_account_list_load        (GSettings  *settings);
TcAccount  *tc_account_load_last        (GSettings  *settings);
/* Adds or updates @account in the list and makes it the last one used. */
void        tc_account_save_as_last     (TcAccount  *account,
                                         GSettings  *settings);
/* Removes @account from the list, and from "last-account" when it is the
 * last one used. Its key is the secret store's business. */
void        tc_account_forget           (TcAccount  *account,
                                         GSettings  *settings);

G_END_DECLS
