/* tc-core-test-server.h — a tiny scripted HTTP server for core tests
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers each request with the next canned answer pushed, or, when there
 * is none, forwards it to an upstream server (the real timecard-service),
 * so tests can inject 5xx, 429, garbage or slowness in front of the real
 * thing and count what reached it.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TcCoreTestServer TcCoreTestServer;

/* @upstream_base_url: "http://127.0.0.1:P/api", or NULL (404 when no
 * canned answer is left). */
TcCoreTestServer *tc_core_test_server_new          (const char       *upstream_base_url);
void              tc_core_test_server_free         (TcCoreTestServer *self);
/* "http://127.0.0.1:PORT/api" */
char             *tc_core_test_server_dup_base_url (TcCoreTestServer *self);
/* Queues an answer; @header_name/@header_value may be NULL; @delay_ms
 * holds the answer back that long. */
void              tc_core_test_server_push         (TcCoreTestServer *self,
                                                    guint             status,
                                                    const char       *body,
                                                    const char       *header_name,
                                                    const char       *header_value,
                                                    guint             delay_ms);
/* How many requests "METHOD /v1/…" (the path after /api, no query) came. */
guint             tc_core_test_server_count        (TcCoreTestServer *self,
                                                    const char       *method,
                                                    const char       *path);
guint             tc_core_test_server_total        (TcCoreTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcCoreTestServer, tc_core_test_server_free)

G_END_DECLS
