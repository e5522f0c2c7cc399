/* tc-member-page-json-private.h — a page of members from its JSON text
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes the answer of GET /v1/workspaces/{ws}/users (a JSON array of
 * users) into TcMembers (a GPtrArray that owns them), in one pass over
 * the text: exactly what parsing it with json-glib and handing each
 * element to tc_member_new_from_json() gives, errors included
 * (TC_API_ERROR_INVALID_RESPONSE, "user 3: …"), but only for text that is
 * JSON by RFC 8259. @data may be NULL when @size is 0 (an empty answer:
 * not a list). */
GPtrArray *_tc_member_page_decode (const char  *data,
                                   gsize        size,
                                   GError     **error);

G_END_DECLS
