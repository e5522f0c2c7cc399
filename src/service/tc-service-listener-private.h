/* tc-service-listener-private.h — the listener and its connections
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by tc-service-listener.c (the listening socket: accepting, the
 * connection cap, back-off) and tc-service-connection.c (one connection:
 * its timer, its requests, the body cap).
 */

#pragma once

#include "tc-service-private.h"

G_BEGIN_DECLS

typedef struct _TcConn TcConn;

struct _TcServiceListener
{
  SoupServer        *server;
  GMainContext      *context;
  GSocket           *socket;          /* the listening socket */
  GSocket           *keep_alive;      /* SoupServer's unreachable listener, see the .c */
  GSource           *accept_source;   /* NULL while not accepting */
  GSource           *retry_source;    /* back-off after an accept() error */
  guint              backoff_ms;
  GHashTable        *by_address;      /* "local|remote" → TcConn* */
  GHashTable        *conns;           /* TcConn* set, every open connection */
  TcServiceLimits    limits;
  guint              port;
  gulong             started_id;
};

/* Serves @client: hands it to SoupServer and watches it until libsoup lets
 * go of the connection. */
void   _tc_conn_serve               (TcServiceListener *listener,
                                     GSocket           *client);
/* The listener goes away first: forget the connection without closing it
 * (SoupServer closes it). */
void   _tc_conn_abandon             (TcConn            *conn);
/* request-started of SoupServer: finds the request's connection. */
void   _tc_conn_request_started_cb  (SoupServer        *server,
                                     SoupServerMessage *msg,
                                     gpointer           user_data);

/* tc-service-conn-stream.c: the socket's streams as SoupServer gets them */
#define TC_TYPE_CONN_STREAM (tc_conn_stream_get_type ())
G_DECLARE_FINAL_TYPE (TcConnStream, tc_conn_stream, TC, CONN_STREAM, GIOStream)

TcConnStream *_tc_conn_stream_new      (GSocketConnection *base);
void          _tc_conn_stream_answered (TcConnStream      *self);

/* tc-service-listener.c: a connection closed, so one more may be accepted. */
void   _tc_listener_conn_closed     (TcServiceListener *listener);

G_END_DECLS
