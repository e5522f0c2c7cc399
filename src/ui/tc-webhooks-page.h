/* tc-webhooks-page.h — the active workspace's webhooks (Owner, Admins)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_WEBHOOKS_PAGE (tc_webhooks_page_get_type ())

G_DECLARE_FINAL_TYPE (TcWebhooksPage, tc_webhooks_page, TC, WEBHOOKS_PAGE, AdwBin)

GtkWidget  *tc_webhooks_page_new         (void);
TcSession  *tc_webhooks_page_get_session (TcWebhooksPage *self);
void        tc_webhooks_page_set_session (TcWebhooksPage *self,
                                          TcSession      *session);
/* "loading", "list" or "empty". */
const char *tc_webhooks_page_get_state   (TcWebhooksPage *self);

G_END_DECLS
