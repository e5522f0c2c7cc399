/* tc-api-client-private.h — shared by tc-api-client*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-api-client.h"

G_BEGIN_DECLS

/* Like tc_api_client_request_finish(), also telling whether the answer
 * carried "Last-Page: true" (*@out_last_page is FALSE when it said false,
 * and @out_has_last_page FALSE when there was no such header). */
gboolean _tc_api_client_request_finish_full (TcApiClient   *self,
                                             GAsyncResult  *result,
                                             JsonNode     **out_body,
                                             gboolean      *out_has_last_page,
                                             gboolean      *out_last_page,
                                             GError       **error);

G_END_DECLS
