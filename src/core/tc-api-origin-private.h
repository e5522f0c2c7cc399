/* tc-api-origin-private.h — the request budget of one server
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TcApiOrigin TcApiOrigin;

/* Called on the task's context once the request may be sent. */
typedef void (*TcApiOriginGoFunc) (GTask *task);

/* The origin (scheme, host, port) of @url, made on first use and kept for
 * the life of the process; NULL when @url has no host. Thread-safe. */
TcApiOrigin *_tc_api_origin_get        (const char        *url);
/* @per_second ≤ 0: no limit at all (no bucket, no cap on requests in
 * flight). */
void         _tc_api_origin_set_limit  (TcApiOrigin       *origin,
                                        double             per_second,
                                        guint              burst);
/* Queues @task (first in, first out; @front puts it before the others, for
 * a request the server answered 429) and calls @go on the task's context
 * when a token and a slot are free. If the task's cancellable fires first,
 * the task leaves the queue at once and returns G_IO_ERROR_CANCELLED.
 * Every @go must be followed by one _tc_api_origin_done(). */
void         _tc_api_origin_enqueue    (TcApiOrigin       *origin,
                                        GTask             *task,
                                        gboolean           front,
                                        TcApiOriginGoFunc  go);
void         _tc_api_origin_done       (TcApiOrigin       *origin);
/* The server said 429: nothing goes out for @delay_ms, and the bucket
 * starts again empty after that. */
void         _tc_api_origin_pause      (TcApiOrigin       *origin,
                                        guint              delay_ms);
/* For tests: the most requests that ever waited at once, and how many
 * pauses (429 answers) there were. */
void         _tc_api_origin_get_stats  (TcApiOrigin       *origin,
                                        guint             *out_max_waiting,
                                        guint             *out_pauses);

G_END_DECLS
