/* tc-api-error.h — the core's error domain
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TC_API_ERROR (tc_api_error_quark ())

/**
 * TcApiError:
 * @TC_API_ERROR_UNAUTHORIZED: the API key is missing, wrong or revoked
 * @TC_API_ERROR_FORBIDDEN: the user's role may not do this
 * @TC_API_ERROR_NOT_FOUND: no such thing
 * @TC_API_ERROR_VALIDATION: the server refused a value; the message is the
 *   server's reason
 * @TC_API_ERROR_RATE_LIMITED: too many requests
 * @TC_API_ERROR_SERVER: the server failed (5xx)
 * @TC_API_ERROR_INVALID_RESPONSE: the answer is not what the API promises
 * @TC_API_ERROR_UNSUPPORTED: the server lacks this (Timecard extension)
 * @TC_API_ERROR_NETWORK: the server could not be reached
 * @TC_API_ERROR_INSECURE: plain HTTP to a host other than loopback, or a
 *   TLS certificate that does not check out
 * @TC_API_ERROR_TOO_LARGE: the request body was too large (413)
 * @TC_API_ERROR_CONFLICT: a queued edit was not sent because the value
 *   changed on the server since the edit was made (never an HTTP status)
 */
typedef enum {
  TC_API_ERROR_UNAUTHORIZED,
  TC_API_ERROR_FORBIDDEN,
  TC_API_ERROR_NOT_FOUND,
  TC_API_ERROR_VALIDATION,
  TC_API_ERROR_RATE_LIMITED,
  TC_API_ERROR_SERVER,
  TC_API_ERROR_INVALID_RESPONSE,
  TC_API_ERROR_UNSUPPORTED,
  TC_API_ERROR_NETWORK,
  TC_API_ERROR_INSECURE,
  TC_API_ERROR_TOO_LARGE,
  TC_API_ERROR_CONFLICT,
} TcApiError;

GQuark   tc_api_error_quark         (void);

/* The one place an HTTP answer becomes a TcApiError. Returns TRUE for a
 * 2xx status; otherwise sets @error from the status and the Clockify error
 * body ({"message", "code"}) and returns FALSE. */
gboolean tc_api_error_from_response (guint        status,
                                     GBytes      *body,
                                     GError     **error);

/* Maps a transport failure (GIOError, GTlsError, GResolverError…) from
 * libsoup to TC_API_ERROR_NETWORK or TC_API_ERROR_INSECURE; cancellation is
 * passed through unchanged. Takes ownership of @transport_error. */
void     tc_api_error_take_transport (GError     **error,
                                      GError      *transport_error);

G_END_DECLS
