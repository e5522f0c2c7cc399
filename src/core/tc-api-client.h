/* tc-api-client.h — the Clockify REST API over libsoup 3
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TC_TYPE_API_CLIENT (tc_api_client_get_type ())

G_DECLARE_FINAL_TYPE (TcApiClient, tc_api_client, TC, API_CLIENT, GObject)

/* Fails with TC_API_ERROR_INSECURE for http:// to anything but loopback,
 * and with TC_API_ERROR_INVALID_RESPONSE for something that is no URL. */
TcApiClient *tc_api_client_new            (const char           *base_url,
                                           GError              **error);
const char  *tc_api_client_get_base_url   (TcApiClient          *self);
/* The key is kept in memory only and sent as X-Api-Key; never logged. */
void         tc_api_client_set_api_key    (TcApiClient          *self,
                                           const char           *api_key);
gboolean     tc_api_client_has_api_key    (TcApiClient          *self);

/* Attempts per idempotent request (GET, HEAD, PUT, DELETE) and the
 * back-off between them: base·2ⁿ ms with jitter, at most @max_delay_ms,
 * or the server's Retry-After (capped the same). A request of another
 * method is tried again only when the connection was refused or the
 * server answered 429 (it then processed nothing). Defaults: 4 attempts,
 * 500 ms, 30 s. */
void         tc_api_client_set_retry_policy (TcApiClient        *self,
                                             guint               max_attempts,
                                             guint               base_delay_ms,
                                             guint               max_delay_ms);

/* The request budget of the client's server, shared by every TcApiClient
 * of the process with the same origin (scheme, host, port): at most
 * @per_second requests a second after a burst of @burst; requests beyond
 * it wait in a first-in, first-out queue (a cancelled one leaves it at
 * once). A 429 pauses every request to the server for its Retry-After.
 * @per_second 0: no limit; below 0: the default, TC_WIRE_RATE_LIMIT_PER_SECOND
 * with a burst of half TC_WIRE_RATE_LIMIT_BURST (the server's burst). */
void         tc_api_client_set_rate_limit (TcApiClient          *self,
                                           double                per_second,
                                           guint                 burst);

/* Sends @method @path (relative to the base URL, e.g. "/v1/user") with an
 * optional JSON @body. */
void         tc_api_client_request_async  (TcApiClient          *self,
                                           const char           *method,
                                           const char           *path,
                                           JsonNode             *body,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* On success *@out_body is the parsed answer, or NULL for an empty one. */
gboolean     tc_api_client_request_finish (TcApiClient          *self,
                                           GAsyncResult         *result,
                                           JsonNode            **out_body,
                                           GError              **error);

/* POST @path as multipart/form-data with one part @field_name holding
 * @data (@filename, @content_type). Not retried once it may have reached
 * the server. Finish with tc_api_client_request_finish(). */
void         tc_api_client_upload_async   (TcApiClient          *self,
                                           const char           *path,
                                           const char           *field_name,
                                           const char           *filename,
                                           const char           *content_type,
                                           GBytes               *data,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);

/* Called with each page as it arrives (borrowed), so a list is usable
 * while later pages load; @page_number counts from 1. */
typedef void (*TcApiPageFunc) (JsonArray *page,
                               guint      page_number,
                               gpointer   user_data);

/* GETs @path (which may carry a query) page by page, adding page and
 * page-size, until an answer says "Last-Page: true" (or, without the
 * header, a page is short). */
void         tc_api_client_list_async     (TcApiClient          *self,
                                           const char           *path,
                                           guint                 page_size,
                                           TcApiPageFunc         page_func,
                                           gpointer              page_data,
                                           GDestroyNotify        page_data_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* Every item of every page. */
JsonArray   *tc_api_client_list_finish    (TcApiClient          *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
