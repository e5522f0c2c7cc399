/* tc-api-keys-page.h — the Preferences tab with the user's API keys
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_API_KEYS_PAGE (tc_api_keys_page_get_type ())

G_DECLARE_FINAL_TYPE (TcApiKeysPage, tc_api_keys_page, TC, API_KEYS_PAGE, AdwBin)

GtkWidget  *tc_api_keys_page_new         (void);
TcSession  *tc_api_keys_page_get_session (TcApiKeysPage *self);
void        tc_api_keys_page_set_session (TcApiKeysPage *self,
                                          TcSession     *session);
/* What the page shows: "loading", "keys", "empty" or "web" (the server
 * manages keys only in its web app). */
const char *tc_api_keys_page_get_state   (TcApiKeysPage *self);

G_END_DECLS
