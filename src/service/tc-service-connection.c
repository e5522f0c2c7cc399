/* tc-service-connection.c — one accepted connection: its timer, its requests, the body cap
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each connection has one timer (a GSource woken by its ready time):
 *
 *   accept ─ header timeout ─▶ headers in ─ idle timeout while the body is
 *   read ─▶ handler (no timer: a webhook test pauses its request) ─▶ idle
 *   timeout while the answer is written ─▶ answer written ─ keep-alive
 *   timeout ─▶ the next request's headers in ─ …
 *
 * When the timer fires the socket is shut down: libsoup reads end-of-file
 * and closes the descriptor itself. A connection carries at most
 * max_requests requests; the last answer says "Connection: close", and
 * so does libsoup when the client asked for it or spoke HTTP/1.0.
 *
 * A body is counted while it is read, chunked included: past
 * TC_SERVICE_REQUEST_MAX_BYTES the request is answered 413 here and the
 * connection closed after a short linger, before any handler (and so
 * before authentication) runs. That holds for every request of a
 * connection, not only its first.
 *
 * A TcConn lives exactly as long as the GSocketConnection libsoup owns (a
 * weak reference), so the count of open connections is the count of open
 * sockets.
 */

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "tc-service-listener-private.h"

/* After a 413: what is still sent is read and dropped for this long, or
 * this much, so that a client that writes its whole body before reading
 * gets the answer instead of a reset; then the socket is closed. */
#define LINGER_MS           1000
#define LINGER_MAX_BYTES    (16 * 1024 * 1024)

static const char reject_413[] =
  "HTTP/1.1 413 Payload Too Large\r\n"
  "Content-Type: application/json\r\n"
  "Content-Length: 52\r\n"
  "Connection: close\r\n"
  "\r\n"
  "{\"message\":\"body: must be at most 2 MiB\",\"code\":413}";

typedef enum {
  TIMER_OFF,
  TIMER_HEADERS,     /* the first request's headers are not complete yet */
  TIMER_KEEP_ALIVE,  /* answered; the next request's headers are not complete yet */
  TIMER_IDLE,        /* nothing moved for idle_timeout in a body or an answer */
  TIMER_LINGER,      /* a 413 was sent; close when it fires */
} TimerKind;

static const char * const timer_names[] = { "no", "header", "keep-alive", "idle", "linger" };

struct _TcConn
{
  TcServiceListener *listener;
  GSocketConnection *connection;      /* weak: owned by the TcConnStream libsoup owns */
  TcConnStream      *stream;          /* weak, the same way */
  GSocket           *socket;          /* strong, for shutdown() */
  char              *address;
  GSource           *timer;
  TimerKind          timer_kind;
  gint64             deadline;        /* monotonic µs, or -1: see conn_arm() */
  SoupServerMessage *msg;             /* weak pointer: the current request */
  guint              n_requests;
  goffset            body_bytes;
  gboolean           rejected;
  GSource           *drain;           /* while lingering after a 413 */
  goffset            drained;
};

static char *
address_key (GSocketAddress *local,
             GSocketAddress *remote)
{
  g_autofree char *l = NULL;
  g_autofree char *r = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (local) || !G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  l = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  r = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  return g_strdup_printf ("%s:%u|%s:%u",
                          l, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)),
                          r, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
}

/* Timers: one GSource per connection, woken by its ready time alone.
 *
 * A request moves the deadline four to six times (headers, body, each
 * chunk of the answer, the answer's end), and with the GLib of Debian 12
 * every g_source_set_ready_time() writes to the context's eventfd, even
 * from its own thread: a dozen syscalls a request, and as many extra
 * turns of the main loop. So the deadline is a number, and the source's
 * ready time only ever moves earlier; when it fires before the deadline
 * (which has moved later since) it is set again to the deadline, about
 * once per keep-alive timeout on a busy connection. */

static gboolean
timer_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  TcConn *c = user_data;

  if (c->deadline >= 0 && g_source_get_time (source) < c->deadline)
    {
      g_source_set_ready_time (source, c->deadline);
      return G_SOURCE_CONTINUE;
    }
  g_source_set_ready_time (source, -1);
  if (c->deadline < 0)
    return G_SOURCE_CONTINUE;
  c->deadline = -1;
  return callback (user_data);
}

static GSourceFuncs timer_funcs = { NULL, NULL, timer_dispatch, NULL, NULL, NULL };

static void
conn_arm (TcConn    *c,
          TimerKind  kind,
          guint      ms)
{
  gint64 armed = g_source_get_ready_time (c->timer);

  c->timer_kind = kind;
  c->deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  if (armed < 0 || armed > c->deadline)
    g_source_set_ready_time (c->timer, c->deadline);
}

/* The source may stay armed: it then fires once for nothing. */
static void
conn_disarm (TcConn *c)
{
  c->timer_kind = TIMER_OFF;
  c->deadline = -1;
}

static void
conn_touch (TcConn *c)
{
  if (c->timer_kind != TIMER_LINGER)
    conn_arm (c, TIMER_IDLE, c->listener->limits.idle_timeout_ms);
}

/* libsoup is paused on the refused request and polls nothing: close the
 * socket, then let it find out and tear the connection down. */
static void
conn_close_rejected (TcConn *c)
{
  if (c->drain != NULL)
    {
      g_source_destroy (c->drain);
      g_clear_pointer (&c->drain, g_source_unref);
    }
  conn_disarm (c);
  g_socket_close (c->socket, NULL);
  if (c->msg != NULL)
    soup_server_message_unpause (c->msg);
}

static gboolean
conn_timer_cb (gpointer user_data)
{
  TcConn *c = user_data;
  TimerKind kind = c->timer_kind;

  c->timer_kind = TIMER_OFF;
  if (kind == TIMER_LINGER)
    conn_close_rejected (c);
  else if (kind == TIMER_KEEP_ALIVE && g_socket_get_available_bytes (c->socket) > 0)
    {
      /* The next request came in time and the timer only ran first: the
       * process was busy (a loaded machine; in the UI tests the service
       * shares the window's main loop). Closing now would lose a request
       * the client cannot safely send again (a PATCH); it gets the header
       * timeout instead. */
      conn_arm (c, TIMER_HEADERS, c->listener->limits.header_timeout_ms);
    }
  else if (kind != TIMER_OFF)
    {
      /* shutdown() wakes libsoup's read with end-of-file; the descriptor
       * stays valid until libsoup closes it. */
      g_debug ("Closing connection %s: %s timeout", c->address, timer_names[kind]);
      g_socket_shutdown (c->socket, TRUE, TRUE, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
conn_forget_msg (TcConn *c)
{
  if (c->msg == NULL)
    return;
  g_signal_handlers_disconnect_by_data (c->msg, c);
  g_object_remove_weak_pointer (G_OBJECT (c->msg), (gpointer *) &c->msg);
  c->msg = NULL;
}

static void
conn_free (TcConn *c)
{
  if (c->drain != NULL)
    {
      g_source_destroy (c->drain);
      g_source_unref (c->drain);
    }
  conn_forget_msg (c);
  if (c->stream != NULL)
    g_object_remove_weak_pointer (G_OBJECT (c->stream), (gpointer *) &c->stream);
  g_source_destroy (c->timer);
  g_source_unref (c->timer);
  g_object_unref (c->socket);
  g_free (c->address);
  g_free (c);
}

/* The GSocketConnection is gone: its descriptor is closed. */
static void
conn_gone_cb (gpointer  user_data,
              GObject  *where_the_object_was)
{
  TcConn *c = user_data;
  TcServiceListener *listener = c->listener;

  if (c->address != NULL && g_hash_table_lookup (listener->by_address, c->address) == c)
    g_hash_table_remove (listener->by_address, c->address);
  g_hash_table_remove (listener->conns, c);
  conn_free (c);
  _tc_listener_conn_closed (listener);
}

void
_tc_conn_abandon (TcConn *c)
{
  g_object_weak_unref (G_OBJECT (c->connection), conn_gone_cb, c);
  conn_free (c);
}

/* Request body limits, counted while reading. */

static gboolean
drain_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  TcConn *c = user_data;
  char buf[16 * 1024];

  while (c->drained <= LINGER_MAX_BYTES)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive_with_blocking (socket, buf, sizeof buf, FALSE, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (n <= 0)
        break;
      c->drained += n;
    }
  /* The client closed, failed, or sent too much: done. */
  g_clear_pointer (&c->drain, g_source_unref);
  conn_close_rejected (c);
  return G_SOURCE_REMOVE;
}

/* Refuses the request's body: keep no more of it, have libsoup read no more
 * of it, answer 413 ourselves and close after a short linger. */
static void
conn_reject_body (TcConn            *c,
                  SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;

  c->rejected = TRUE;
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_server_message_pause (msg);
  if (g_socket_send_with_blocking (c->socket, reject_413, sizeof reject_413 - 1, FALSE,
                                   NULL, &error) < 0)
    g_debug ("Cannot answer 413 on %s: %s", c->address, error->message);
  g_socket_shutdown (c->socket, FALSE, TRUE, NULL);
  conn_arm (c, TIMER_LINGER, LINGER_MS);
  c->drain = g_socket_create_source (c->socket, G_IO_IN, NULL);
  g_source_set_callback (c->drain, (GSourceFunc) (void (*) (void)) drain_cb, c, NULL);
  g_source_set_static_name (c->drain, "[timecard-service] drain after 413");
  g_source_attach (c->drain, c->listener->context);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  TcConn *c = user_data;

  if (c->rejected)
    return;
  c->body_bytes += g_bytes_get_size (chunk);
  if (c->body_bytes > TC_SERVICE_REQUEST_MAX_BYTES)
    conn_reject_body (c, msg);
  else
    conn_touch (c);
}

/* A body announced too big is refused before it is read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  TcConn *c = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  c->body_bytes = 0;
  conn_touch (c);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > TC_SERVICE_REQUEST_MAX_BYTES)
    conn_reject_body (c, msg);
}

/* The handler runs between got-body and the answer; it may pause the
 * request (a webhook test waits for its delivery): no timer meanwhile. */
static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  conn_disarm (user_data);
}

static void
wrote_cb (SoupServerMessage *msg,
          gpointer           user_data)
{
  conn_touch (user_data);
}

static void
wrote_data_cb (SoupServerMessage *msg,
               guint              size,
               gpointer           user_data)
{
  conn_touch (user_data);
}

/* Answered: the next request's headers must be in within the keep-alive
 * timeout (libsoup closes the connection instead when it is not kept). */
static void
wrote_body_cb (SoupServerMessage *msg,
               gpointer           user_data)
{
  TcConn *c = user_data;
  const TcServiceLimits *limits = &c->listener->limits;

  if (c->stream != NULL)
    _tc_conn_stream_answered (c->stream);
  conn_arm (c, TIMER_KEEP_ALIVE, MIN (limits->keep_alive_ms, limits->header_timeout_ms));
}

void
_tc_conn_request_started_cb (SoupServer        *server,
                             SoupServerMessage *msg,
                             gpointer           user_data)
{
  TcServiceListener *listener = user_data;
  g_autofree char *key = address_key (soup_server_message_get_local_address (msg),
                                      soup_server_message_get_remote_address (msg));
  TcConn *c = key ? g_hash_table_lookup (listener->by_address, key) : NULL;

  if (c == NULL)
    {
      g_critical ("A request on a connection the service did not accept");
      return;
    }

  conn_forget_msg (c);
  c->msg = msg;
  c->n_requests++;
  c->body_bytes = 0;
  g_object_add_weak_pointer (G_OBJECT (msg), (gpointer *) &c->msg);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), c);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), c);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), c);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_cb), c);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_data_cb), c);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), c);
  /* Without its unreachable listener SoupServer closes every connection
   * after its answer: say so. */
  if (c->n_requests >= listener->limits.max_requests || listener->keep_alive == NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

void
_tc_conn_serve (TcServiceListener *listener,
                GSocket           *client)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(TcConnStream) stream = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (client, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (client, NULL);
  g_autoptr(GError) error = NULL;
  TcConn *c;

  g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = g_socket_connection_factory_create_connection (client);
  c = g_new0 (TcConn, 1);
  c->listener = listener;
  c->connection = connection;
  c->socket = g_object_ref (client);
  c->address = address_key (local, remote);
  c->deadline = -1;
  c->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_callback (c->timer, conn_timer_cb, c, NULL);
  g_source_set_static_name (c->timer, "[timecard-service] connection timer");
  g_source_attach (c->timer, listener->context);
  g_hash_table_add (listener->conns, c);
  g_object_weak_ref (G_OBJECT (connection), conn_gone_cb, c);

  if (c->address == NULL)
    {
      /* The peer went away between accept() and now. */
      return;
    }
  g_hash_table_replace (listener->by_address, c->address, c);
  conn_arm (c, TIMER_HEADERS, listener->limits.header_timeout_ms);

  stream = _tc_conn_stream_new (connection);
  c->stream = stream;
  g_object_add_weak_pointer (G_OBJECT (stream), (gpointer *) &c->stream);
  if (!soup_server_accept_iostream (listener->server, G_IO_STREAM (stream), local, remote,
                                    &error))
    g_debug ("Cannot serve %s: %s", c->address, error->message);
}
