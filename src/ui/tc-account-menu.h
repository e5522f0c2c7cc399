/* tc-account-menu.h — the remembered accounts, in the account menu
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-account.h"

G_BEGIN_DECLS

#define TC_TYPE_ACCOUNT_MENU (tc_account_menu_get_type ())

G_DECLARE_FINAL_TYPE (TcAccountMenu, tc_account_menu, TC, ACCOUNT_MENU, GtkWidget)

/* One row per TcAccount of @accounts: avatar, name, email, server, the
 * current one marked. Activating a row activates win.switch-account with
 * (server, user id) and closes the menu it is in. */
TcAccountMenu *tc_account_menu_new         (GListModel    *accounts);
void           tc_account_menu_set_current (TcAccountMenu *self,
                                            TcAccount     *account);
/* The accessible label of each row, in order (for tests); makes the rows
 * if the menu has not shown them yet. */
GStrv          tc_account_menu_dup_labels  (TcAccountMenu *self);

G_END_DECLS
