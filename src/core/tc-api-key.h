/* tc-api-key.h — one API key of the user (ext GET /v1/user/api-keys)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only properties, notified only on change: id, name, preview (the
 * last four characters), created-at (GDateTime), last-used-at (GDateTime
 * or NULL: never used), key (the secret itself: only on the object that
 * tc_session_create_api_key_finish() returns, in memory only — it is never
 * cached, logged or put in a list; NULL everywhere else).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TC_TYPE_API_KEY (tc_api_key_get_type ())

G_DECLARE_FINAL_TYPE (TcApiKey, tc_api_key, TC, API_KEY, GObject)

TcApiKey   *tc_api_key_new_from_json    (JsonObject  *object,
                                         GError     **error);
/* All or nothing: on error the key is unchanged. A "key" member is taken
 * only when present; an answer without it keeps the one in memory. */
gboolean    tc_api_key_update_from_json (TcApiKey    *self,
                                         JsonObject  *object,
                                         GError     **error);

const char *tc_api_key_get_id           (TcApiKey    *self);
const char *tc_api_key_get_name         (TcApiKey    *self);
const char *tc_api_key_get_preview      (TcApiKey    *self);
GDateTime  *tc_api_key_get_created_at   (TcApiKey    *self);
GDateTime  *tc_api_key_get_last_used_at (TcApiKey    *self);
const char *tc_api_key_get_key          (TcApiKey    *self);
/* Wipes the secret from memory once it has been shown. */
void        tc_api_key_clear_key        (TcApiKey    *self);

/* Decodes the list answer (a JSON array) into a new list of TcApiKey. */
GListModel *tc_api_key_list_new_from_json (JsonArray  *array,
                                           GError    **error);

G_END_DECLS
