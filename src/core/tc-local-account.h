/* tc-local-account.h — the account served by the embedded timecard-service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tc-secret-store.h"
#include "tc-session.h"

G_BEGIN_DECLS

/* Starts timecard-service on a thread of its own over the database in
 * $XDG_DATA_HOME/timecard, creates the owner and an API key on first run,
 * keeps the key in @secrets (in memory when no secret service is
 * available), remembers the account in @settings and loads the user. */
void       tc_local_account_open_async  (GSettings           *settings,
                                         TcSecretStore       *secrets,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
TcSession *tc_local_account_open_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
