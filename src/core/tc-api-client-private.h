/* tc-api-client-private.h — shared by tc-api-client*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

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

/* Runs on a worker thread: decodes the answer's text (NULL and 0 for an
 * empty answer). */
typedef gpointer (*TcApiDecodeBytesFunc) (const char  *data,
                                          gsize        size,
                                          GError     **error);

void     _tc_api_client_get_decoded_bytes_async (TcApiClient          *self,
                                                 const char           *path,
                                                 TcApiDecodeBytesFunc  decode_bytes,
                                                 GDestroyNotify        decoded_free,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gpointer _tc_api_client_get_decoded_finish (TcApiClient         *self,
                                            GAsyncResult        *result,
                                            GBytes             **out_bytes,
                                            gboolean            *out_has_last_page,
                                            gboolean            *out_last_page,
                                            GError             **error);

/* What a request's task returns (tc-api-client.c); for a decoded GET,
 * filled on a worker thread (tc-api-client-decoded.c). */
typedef struct
{
  JsonNode       *body;
  gboolean        has_last_page;
  gboolean        last_page;
  gpointer        decoded;
  GDestroyNotify  decoded_free;
  GBytes         *bytes;        /* to decode, on the worker thread */
  TcApiDecodeBytesFunc decode_bytes;
} TcApiResponse;

void     _tc_api_response_free        (TcApiResponse        *response);

/* Queues a request of @method to @path; with @decode_bytes, the answer's
 * text is handed to _tc_api_client_decode_in_thread(). */
void     _tc_api_client_start_request (TcApiClient          *self,
                                       const char           *method,
                                       const char           *path,
                                       GBytes               *body,
                                       const char           *content_type,
                                       TcApiDecodeBytesFunc  decode_bytes,
                                       GDestroyNotify        decoded_free,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* Takes @task (a request's) and @response (its answer, with decode_bytes
 * and decoded_free set): decodes the text on a worker thread, then
 * returns @response, or the decoder's error, through @task. */
void     _tc_api_client_decode_in_thread (GTask         *task,
                                          TcApiResponse *response);

/* The client's SoupSession, for requests that are not API calls (the
 * profile picture). */
SoupSession *_tc_api_client_get_soup_session (TcApiClient *self);
/* Adds X-Api-Key to @message only when it goes to the API's own origin
 * (scheme, host and port of the base URL); returns whether it did. */
gboolean     _tc_api_client_authorize        (TcApiClient *self,
                                              SoupMessage *message);

/* When a failed attempt goes again (tc-api-client-retry.c). */
typedef struct
{
  guint max_attempts;
  guint base_delay_ms;
  guint max_delay_ms;
} TcRetryPolicy;

/* Whether attempt @attempt (from 1) that failed with @transport_error or
 * answered @status may be made again; *@out_delay_ms is how long to wait
 * first (set also when not: a 429 pauses the server's queue that long). */
gboolean _tc_retry_policy_decide (const TcRetryPolicy *policy,
                                  guint                attempt,
                                  gboolean             idempotent,
                                  SoupMessage         *message,
                                  const GError        *transport_error,
                                  guint                status,
                                  guint               *out_delay_ms);

G_END_DECLS
