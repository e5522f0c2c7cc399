/* tc-model-json-private.h — decoding helpers shared by the small models
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates and lists on top of tc-json-private.h, with the same rules: a wrong
 * type or a missing required member is TC_API_ERROR_INVALID_RESPONSE naming
 * the member (or the element), never a crash.
 */

#pragma once

#include "tc-json-private.h"

G_BEGIN_DECLS

/* An ISO-8601 time ("2026-11-22T10:00:00Z"); *@out_value is NULL when the
 * member is absent or null and @flags allow it. */
gboolean    _tc_json_get_date_time (JsonObject   *object,
                                    const char   *member,
                                    TcJsonFlags   flags,
                                    GDateTime   **out_value,
                                    GError      **error);

typedef gpointer (*TcJsonDecodeFunc) (JsonObject *object,
                                      GError    **error);

/* Decodes every element of @array (each must be an object) with @decode
 * into a new GListStore of @item_type. All or nothing; an error names the
 * element: "@what 3: Member “id” is missing". */
GListModel *_tc_json_decode_list   (JsonArray         *array,
                                    GType              item_type,
                                    TcJsonDecodeFunc   decode,
                                    const char        *what,
                                    GError           **error);

/* Overwrites @secret with zeros, then frees it. */
void        _tc_secret_free        (char              *secret);

G_END_DECLS
