/* tc-webhook-dialog.h — create or edit one webhook
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"
#include "tc-webhook.h"

G_BEGIN_DECLS

#define TC_TYPE_WEBHOOK_DIALOG (tc_webhook_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcWebhookDialog, tc_webhook_dialog, TC, WEBHOOK_DIALOG, AdwWindow)

/* A modal dialog over @parent's window; @webhook NULL creates a new one.
 * webhook.save checks the fields, sends them and closes once the server
 * took them; a refusal stays on the dialog. */
TcWebhookDialog *tc_webhook_dialog_new        (GtkWidget       *parent,
                                               TcSession       *session,
                                               TcWebhook       *webhook);
/* The localized name of a WebhookEvent value ("USER_UPDATED"). */
char            *tc_webhook_dialog_dup_event_label (const char *event);

G_END_DECLS
