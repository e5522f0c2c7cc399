/* tc-fault-proxy.h — a loopback HTTP proxy that plays a bad network
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens on 127.0.0.1 (a GSocketService on the thread-default context)
 * and forwards each request over a real socket to an upstream server (the
 * real timecard-service), one request per connection, unless the test
 * asked for a fault. Faults are chosen per request: the next N requests
 * (optionally only those of one method) and/or a standing fault for every
 * request until it is cleared. Every request is counted by method and path.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TC_FAULT_NONE,
  /* Hold the request back (tc_fault_proxy_set_latency()), then forward it. */
  TC_FAULT_LATENCY,
  /* Read the request head and half its body, then close: nothing reaches
   * the upstream server. */
  TC_FAULT_DROP_REQUEST,
  /* Forward the request (the upstream server applies it), then close the
   * connection halfway through the answer's body. */
  TC_FAULT_DROP_RESPONSE,
  /* Answer 500 with a JSON error body; nothing reaches the upstream. */
  TC_FAULT_500,
  /* Answer 429 with Retry-After (tc_fault_proxy_set_retry_after()); nothing
   * reaches the upstream. */
  TC_FAULT_429,
  /* Forward, then answer with the upstream's status and the first half of
   * its body, Content-Length saying so: complete HTTP, cut JSON. */
  TC_FAULT_TRUNCATED,
  /* Forward, then answer with the upstream's status and an HTML page. */
  TC_FAULT_NOT_JSON,
} TcFault;

typedef struct _TcFaultProxy TcFaultProxy;

/* @upstream_base_url: "http://127.0.0.1:PORT/api" */
TcFaultProxy *tc_fault_proxy_new             (const char   *upstream_base_url);
/* Closes the listener and every connection in flight. */
void          tc_fault_proxy_free            (TcFaultProxy *self);
/* "http://127.0.0.1:PORT/api" */
char         *tc_fault_proxy_dup_base_url    (TcFaultProxy *self);

/* The fault for every request (of @method only, unless NULL) from now on
 * (TC_FAULT_NONE ends it). Faults queued with tc_fault_proxy_push() come
 * first. */
void          tc_fault_proxy_set_fault       (TcFaultProxy *self,
                                              const char   *method,
                                              TcFault       fault);
/* The next @n requests (of @method and to @path — "/v1/user", after /api,
 * no query — only, unless NULL) get @fault. */
void          tc_fault_proxy_push            (TcFaultProxy *self,
                                              const char   *method,
                                              const char   *path,
                                              TcFault       fault,
                                              guint         n);
/* Default 200 ms. */
void          tc_fault_proxy_set_latency     (TcFaultProxy *self,
                                              guint         ms);
/* Holds every faulted request (other than TC_FAULT_LATENCY) back @ms
 * before its fault; default 0. */
void          tc_fault_proxy_set_hold        (TcFaultProxy *self,
                                              guint         ms);
/* The Retry-After of TC_FAULT_429, in seconds; default 1. */
void          tc_fault_proxy_set_retry_after (TcFaultProxy *self,
                                              guint         seconds);

/* Requests "METHOD /v1/…" (the path after /api, no query) received,
 * whatever happened to them. */
guint         tc_fault_proxy_count           (TcFaultProxy *self,
                                              const char   *method,
                                              const char   *path);
/* Requests that got a fault other than TC_FAULT_NONE. */
guint         tc_fault_proxy_faulted         (TcFaultProxy *self);
/* Requests answered by the upstream server and passed on unharmed. */
guint         tc_fault_proxy_forwarded       (TcFaultProxy *self);
guint         tc_fault_proxy_total           (TcFaultProxy *self);
/* Connections still open (0 once every request has been answered). */
guint         tc_fault_proxy_open            (TcFaultProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcFaultProxy, tc_fault_proxy_free)

G_END_DECLS
