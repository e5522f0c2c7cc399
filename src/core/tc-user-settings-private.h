/* tc-user-settings-private.h — what the session's sync engine needs
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-user-settings.h"

G_BEGIN_DECLS

/* A copy of the member's JSON value, or NULL when the server did not send it. */
JsonNode *_tc_user_settings_dup_member  (TcUserSettings  *self,
                                         const char      *wire);
/* Sets one member from JSON (NULL or null: unset), type-checked. */
gboolean  _tc_user_settings_set_member  (TcUserSettings  *self,
                                         const char      *wire,
                                         JsonNode        *value,
                                         GError         **error);
gboolean  _tc_user_settings_is_writable (const char      *wire);

G_END_DECLS
