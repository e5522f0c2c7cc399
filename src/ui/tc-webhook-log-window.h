/* tc-webhook-log-window.h — a webhook's recent deliveries
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session-webhooks.h"

G_BEGIN_DECLS

/* Shows the last 50 deliveries of @webhook (status, HTTP code, time) in a
 * modal window over @parent, loading them with @cancellable. */
void tc_webhook_log_window_present (GtkWindow    *parent,
                                    TcSession    *session,
                                    TcWebhook    *webhook,
                                    GCancellable *cancellable);

G_END_DECLS
