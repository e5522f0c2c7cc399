/* tc-application.h
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-account-list.h"
#include "tc-secret-store.h"

G_BEGIN_DECLS

#define TC_TYPE_APPLICATION (tc_application_get_type ())

G_DECLARE_FINAL_TYPE (TcApplication, tc_application, TC, APPLICATION, AdwApplication)

TcApplication *tc_application_new              (void);
GSettings     *tc_application_get_settings     (TcApplication *self);
TcSecretStore *tc_application_get_secret_store (TcApplication *self);
/* The remembered accounts, and the one session of each open account that
 * every window showing it shares. */
TcAccountList *tc_application_get_account_list (TcApplication *self);
void           tc_application_set_language     (TcApplication *self,
                                                const char    *code);

G_END_DECLS
